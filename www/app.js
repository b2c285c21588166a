// 我的订单 · 售后保 demo: the shopper's order list with the engine's answer on
// every card, exact countdowns without polling, a locale switch and a
// playground. Plain ES module; runs under
//   Content-Security-Policy: default-src 'self'; script-src 'self' 'wasm-unsafe-eval'
//
// URL parameters:
//   ?now=MS|RFC3339   freeze the page's clock (passed as `now` to evaluate);
//                     the sample orders are built around it. The documented
//                     demo moment is ?now=2026-10-20T10:00:00+08:00.
//   ?lang=zh-CN|en    the starting locale (else the last one chosen, else zh-CN).
//
// Test hook: window.__demo (see installTestHook below).

import init, { Engine, defaultPolicy, formatRemaining, remaining, version } from '/pkg/index.js';
import { sampleOrders, DEMO_NOW } from './orders.js';
import { t, categoryName, rollText, SELF_SERVICE, LOCALES } from './i18n.js';
import { deadlineYear, formatClock, formatInstant, parseNow, toRfc3339 } from './format.js';

const LOCALE_KEY = 'shouhoubao.demo.locale';

const state = {
  locale: 'zh-CN',
  engine: null,
  policy: null,
  offsetMinutes: 480,
  items: [], // { order, display, answer, key, expanded, el }
  filter: 'all',
  query: '',
  watch: null, // the countdown kit's watch over every card (engine.watch)
  answeredAt: 0, // the instant the shown answers are for
  evaluations: 0,
  pgLast: null, // the playground's last input, re-run on a locale switch
};

/** The page's clock: frozen by ?now= or the test hook, else the device clock corrected by the server's. */
const clock = {
  frozen: null,
  offset: 0,
  synced: false,
  now() {
    return this.frozen !== null ? this.frozen : Date.now() + this.offset;
  },
};

// ---------------------------------------------------------------- helpers

const $ = (sel, root = document) => root.querySelector(sel);
const $$ = (sel, root = document) => [...root.querySelectorAll(sel)];
const tr = (key, vars) => t(state.locale, key, vars);

/** A DOM element: h('div', { class: 'x', dataset: {...} }, child…). Text only, never HTML. */
function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') el.className = v;
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (k === 'text') el.textContent = v;
    else if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

function rawParam(name) {
  // Read the raw query: URLSearchParams would turn the "+" of "+08:00" into a space.
  const m = new RegExp(`[?&]${name}=([^&#]*)`).exec(location.search);
  if (!m) return null;
  try {
    return decodeURIComponent(m[1]);
  } catch {
    return m[1];
  }
}

function zoneLabel() {
  return tr('beijingTime');
}

function fmtDeadline(text) {
  return formatInstant(text, { zoneLabel: zoneLabel() });
}

/**
 * A deadline as shown: "<label> [预计] <time>", the 预计 / expected mark only
 * when it is provisional (contract §5: it may still move, the holidays of its
 * year not being published yet).
 */
function deadlineParts(label, deadline, provisional) {
  return [
    `${label} `,
    provisional ? h('span', { class: 'expected' }, tr('expected')) : null,
    h('time', { datetime: deadline }, fmtDeadline(deadline)),
  ];
}

/** The one-line reason under a provisional deadline, naming its end day's year. */
function provisionalNote(deadline, tag = 'p') {
  return h(tag, { class: 'provisional-note' }, tr('provisional.note', { year: deadlineYear(deadline) }));
}

// ---------------------------------------------------------------- engine

function makeEngine(locale) {
  const engine = new Engine(undefined, { locale });
  if (clock.synced) engine.syncClock(Date.now() + clock.offset);
  return engine;
}

/**
 * The page's one watch over every card (the package's countdown kit,
 * engine.watch): it answers at once, then exactly when anything shown can
 * change (each answer's nextChangeAtMs covers its windows too), every second
 * while a card is on its last day, and again when the page is shown. A
 * frozen clock (?now=, the test hook) has no second ticks and no page-shown
 * catch-up: each setNow starts the watch again.
 */
function watchCards() {
  state.watch?.stop();
  const live = clock.frozen === null;
  state.watch = state.engine.watch(
    state.items.map((it) => it.order),
    showAnswers,
    {
      now: () => clock.now(),
      seconds: live,
      showEvents: live,
    },
  );
}

/** A watch's answers, drawn: the cards whose answer changed, the 售后保 panel, the clock, every HH:MM:SS. */
function showAnswers(answers, now) {
  state.evaluations += 1;
  state.answeredAt = now;
  answers.forEach((answer, i) => {
    state.items[i].answer = answer;
  });
  renderList();
  if (csItem) renderSupport();
  renderClock();
  updateHms(now);
}

/** What a card shows changes only when this does (remainingMs moves every call). */
function answerKey(a) {
  if (!a || a.error) return JSON.stringify(a);
  const { remainingMs, nextChangeAt, ...rest } = a;
  return JSON.stringify(rest);
}

async function syncClock() {
  try {
    const t0 = Date.now();
    const res = await fetch('/server-time.json', { cache: 'no-store' });
    const t1 = Date.now();
    let serverNow = NaN;
    if (res.ok) serverNow = Number((await res.json()).now);
    if (!Number.isFinite(serverNow)) serverNow = Number(res.headers.get('X-Server-Time'));
    if (!Number.isFinite(serverNow)) throw new Error('no server time');
    // The server read its clock about halfway through the round trip.
    clock.offset = serverNow + (t1 - t0) / 2 - t1;
    clock.synced = true;
  } catch {
    clock.offset = 0;
    clock.synced = false;
  }
}

// ---------------------------------------------------------------- chrome

function applyChrome() {
  document.documentElement.lang = state.locale;
  document.title = tr('doc.title');
  for (const el of $$('[data-i18n]')) el.textContent = tr(el.dataset.i18n);
  for (const el of $$('[data-i18n-placeholder]')) el.placeholder = tr(el.dataset.i18nPlaceholder);
  for (const el of $$('[data-i18n-aria]')) el.setAttribute('aria-label', tr(el.dataset.i18nAria));
  for (const b of $$('.lang-btn')) b.setAttribute('aria-pressed', String(b.dataset.locale === state.locale));
  $('#policy-version').textContent = state.engine ? state.engine.policyVersion : '—';
  $('#engine-version').textContent = state.engine ? `v${version()}` : '—';
  renderClock();
}

function renderClock() {
  $('#clock-now').textContent = formatClock(clock.now(), state.offsetMinutes);
  $('#clock-now').setAttribute('datetime', toRfc3339(clock.now(), state.offsetMinutes));
  let mode;
  if (clock.frozen !== null) mode = tr('clock.frozen');
  else if (clock.synced) {
    const s = (clock.offset / 1000).toFixed(1);
    mode = `${tr('clock.synced')} (${tr('clock.offset')} ${clock.offset >= 0 ? '+' : ''}${s} s)`;
  } else mode = tr('clock.unsynced');
  $('#clock-mode').textContent = mode;
  $('#clock-mode').classList.toggle('frozen', clock.frozen !== null);
}

function showBanner(text, kind = 'info') {
  const b = $('#banner');
  b.hidden = !text;
  b.textContent = text ?? '';
  b.className = `banner ${kind}`;
}

// ---------------------------------------------------------------- cards

function badgeText(status) {
  return tr(`badge.${status}`);
}

function orderStateText(item) {
  const { order, display } = item;
  if (display.statusText === 'shipped') return tr('orderState.shipped');
  if (order.status === 'pending') return tr('orderState.pending');
  if (order.status === 'closed') return tr('orderState.closed');
  return tr('orderState.success');
}

/** HH:MM:SS of a countdown's time left (the package's remaining()). */
function hmsText(left) {
  return [left.hours, left.minutes, left.seconds].map((n) => String(n).padStart(2, '0')).join(':');
}

/**
 * An answer's or a window's countdown: "剩余 N 天" / "Closes in N days"
 * (formatRemaining), plus HH:MM:SS on its last day, from its deadlineMs.
 */
function countdown(subject, cls = 'countdown') {
  const now = state.answeredAt;
  const el = h(
    'span',
    { class: cls },
    h('span', { class: 'cd-days' }, formatRemaining(subject, now, state.locale, { clock: false })),
  );
  const left = remaining(subject, now);
  if (left?.lastDay) {
    el.append(
      h(
        'span',
        { class: 'hms', title: tr('lastDay'), dataset: { hmsDeadline: String(subject.deadlineMs) } },
        hmsText(left),
      ),
    );
    el.classList.add('last-day');
  }
  return el;
}

function chipsFor(item) {
  const a = item.answer;
  const chips = [];
  if (!a || a.error || a.status === 'pending' || (a.status === 'closed' && a.reason.code === 'ORDER_CLOSED'))
    return chips;
  const binding = bindingWindow(a);
  if (binding && binding.basis.repairDays > 0)
    chips.push(h('span', { class: 'chip repair' }, tr('chip.repair', { n: binding.basis.repairDays })));
  // The binding window's roll over rest days (holidays, weekends or both);
  // and the longest holiday roll of a warranty when it rolled further (the
  // 国庆 roll of a warranty that has ended, say). Other rolls — an old
  // return/exchange window's, a spent part warranty's weekend — are in the
  // window list only.
  const rolls = [];
  if (binding && binding.basis.rolledDays > 0) rolls.push(binding);
  const warranty = a.windows
    .filter(
      (w) =>
        w !== binding &&
        w.basis.holidayDays > 0 &&
        (w.code === 'THREE_GUARANTEES_WARRANTY' || w.code === 'THREE_GUARANTEES_PART'),
    )
    .sort((x, y) => y.basis.rolledDays - x.basis.rolledDays)[0];
  if (warranty && warranty.basis.rolledDays > (rolls[0]?.basis.rolledDays ?? 0)) rolls.push(warranty);
  for (const w of rolls) {
    chips.push(
      h(
        'span',
        { class: 'chip roll', dataset: { code: w.code, ...(w.part !== undefined ? { part: w.part } : {}) } },
        `${w.label} ${rollText(state.locale, w.basis)}`,
      ),
    );
  }
  if (item.order.exchangedAt && a.windows.some((w) => w.basis.anchor === 'exchange')) {
    chips.push(h('span', { class: 'chip exchanged' }, tr('chip.exchanged')));
  }
  if (!a.windows.some((w) => w.code === 'NO_REASON_RETURN'))
    chips.push(h('span', { class: 'chip muted' }, tr('chip.noReasonNone')));
  return chips;
}

/** The window the answer's deadline and reason come from (open/support). */
function bindingWindow(a) {
  if (a.status !== 'open' && a.status !== 'support') return null;
  return a.windows.find((w) => w.active && w.code === a.reason.code && w.deadline === a.deadline) ?? null;
}

/** A quiet hint that the order's category is not in the policy (contract 3: categoryKnown). */
function categoryHint(category) {
  return h('p', { class: 'category-unknown', dataset: { category } }, tr('category.unknown', { category }));
}

function afterSalesBlock(item) {
  const a = item.answer;
  if (!a || a.error) {
    return h(
      'section',
      { class: 'aftersales error' },
      h('p', { class: 'reason' }, `${a?.error?.code ?? 'ERROR'} ${a?.error?.path ?? ''}: ${a?.error?.message ?? ''}`),
    );
  }
  const rows = [];
  const top = h('div', { class: 'as-top' }, h('span', { class: `badge badge-${a.status}` }, badgeText(a.status)));
  if ((a.status === 'open' || a.status === 'support') && a.remainingDays !== null) {
    top.append(countdown(a));
  }
  rows.push(top);
  if (a.status === 'open' || a.status === 'support') {
    rows.push(
      h(
        'p',
        { class: `deadline${a.provisional ? ' provisional' : ''}` },
        deadlineParts(tr('deadline'), a.deadline, a.provisional),
      ),
    );
    if (a.provisional) rows.push(provisionalNote(a.deadline));
  } else if (a.status === 'closed' && a.deadline) {
    rows.push(h('p', { class: 'deadline ended' }, tr('ended', { date: fmtDeadline(a.deadline) })));
  }
  rows.push(h('p', { class: 'reason' }, a.reason.text));
  if (a.categoryKnown === false) rows.push(categoryHint(item.order.category));
  const chips = chipsFor(item);
  if (chips.length) rows.push(h('div', { class: 'chips' }, chips));
  return h('section', { class: `aftersales status-${a.status}` }, rows);
}

/**
 * The basis line: the anchor's date, then the engine's counting line
 * (basis.text), its " · "-separated parts each kept on one line where it fits.
 */
function basisLine(w) {
  const parts = [w.basis.anchorDate, ...w.basis.text.split(' · ')];
  return h(
    'div',
    { class: 'w-basis' },
    parts.flatMap((p, i) => [i ? ' · ' : null, h('span', { class: 'b-part' }, p)]),
  );
}

function windowList(windows, { compact = false } = {}) {
  if (!windows.length) return h('p', { class: 'windows-none' }, tr('windows.none'));
  return h(
    'ol',
    { class: 'window-list' },
    windows.map((w) => {
      const self = SELF_SERVICE.has(w.code);
      return h(
        'li',
        {
          class: `window ${w.active ? 'active' : 'inactive'}`,
          dataset: {
            code: w.code,
            active: String(w.active),
            remainingDays: String(w.remainingDays),
            provisional: String(w.provisional === true),
            ...(w.part !== undefined ? { part: w.part } : {}),
          },
        },
        h(
          'div',
          { class: 'w-head' },
          h(
            'span',
            { class: `w-kind ${self ? 'self' : 'support'}` },
            tr(self ? 'window.selfService' : 'window.support'),
          ),
          h('span', { class: 'w-name' }, w.label),
          w.active ? countdown(w, 'w-countdown') : h('span', { class: 'w-expired' }, tr('window.inactive')),
        ),
        h(
          'div',
          { class: `w-deadline${w.provisional ? ' provisional' : ''}` },
          deadlineParts(tr('deadline'), w.deadline, w.provisional),
        ),
        w.provisional ? provisionalNote(w.deadline, 'div') : null,
        compact ? null : basisLine(w),
        h(
          'code',
          { class: 'w-code' },
          w.part !== undefined
            ? `${w.code} · ${w.part}`
            : w.promise !== undefined
              ? `${w.code} · #${w.promise}`
              : w.code,
        ),
      );
    }),
  );
}

function renderCard(item) {
  const { order, display, answer: a } = item;
  const thumb = h('div', { class: 'thumb', 'aria-hidden': 'true' }, display.thumb.char);
  thumb.style.setProperty('--hue', String(display.thumb.hue)); // CSSOM: allowed under the CSP
  const title = state.locale === 'en' ? display.title.en : display.title.zh;
  const shop = state.locale === 'en' ? display.shop.en : display.shop.zh;
  const status = a && !a.error ? a.status : 'error';

  const actions = h('div', { class: 'card-actions' });
  if (a && !a.error && a.windows.length) {
    actions.append(
      h(
        'button',
        {
          type: 'button',
          class: 'btn ghost toggle-windows',
          'aria-expanded': String(item.expanded),
          onclick: () => toggleWindows(item),
        },
        tr(item.expanded ? 'btn.windowsHide' : 'btn.windows'),
      ),
    );
  }
  if (status === 'support') {
    actions.append(
      h('button', { type: 'button', class: 'btn primary cs-open', onclick: () => openSupport(item) }, tr('btn.cs')),
    );
  } else if (status === 'open') {
    actions.append(
      h(
        'button',
        { type: 'button', class: 'btn outline apply', onclick: (e) => flash(e.currentTarget) },
        tr('btn.apply'),
      ),
    );
  }

  const card = h(
    'article',
    {
      class: `order-card status-${status}`,
      dataset: {
        orderId: order.id,
        status,
        reasonCode: a && !a.error ? a.reason.code : (a?.error?.code ?? ''),
        provisional: a && !a.error ? String(a.provisional === true) : '',
        remainingDays: a && !a.error && a.remainingDays !== null ? String(a.remainingDays) : '',
      },
    },
    h(
      'header',
      { class: 'card-shop' },
      h('span', { class: 'shop-icon', 'aria-hidden': 'true' }, '店'),
      h('span', { class: 'shop-name' }, shop),
      h('span', { class: 'chev', 'aria-hidden': 'true' }, '›'),
      h('span', { class: 'order-state' }, orderStateText(item)),
    ),
    h(
      'div',
      { class: 'card-item' },
      thumb,
      h(
        'div',
        { class: 'item-main' },
        h('h3', { class: 'item-title' }, title),
        h(
          'div',
          { class: 'item-meta' },
          h('span', { class: 'cat-chip' }, categoryName(state.locale, order.category)),
          h('span', { class: 'order-no' }, `${tr('orderNo')} ${order.id}`),
        ),
      ),
      h(
        'div',
        { class: 'item-price' },
        h('span', { class: 'price' }, `¥${display.price.toFixed(2)}`),
        h('span', { class: 'qty' }, `×${display.qty}`),
      ),
    ),
    afterSalesBlock(item),
    actions,
  );
  if (item.expanded && a && !a.error) {
    card.append(h('section', { class: 'windows' }, h('h4', {}, tr('windows.title')), windowList(a.windows)));
  }
  return card;
}

function flash(button) {
  button.classList.add('pressed');
  setTimeout(() => button.classList.remove('pressed'), 300);
}

function matchesFilter(item) {
  const a = item.answer;
  const status = a && !a.error ? a.status : 'error';
  if (state.filter !== 'all' && status !== state.filter) return false;
  if (state.query) {
    const q = state.query.toLowerCase();
    const hay = [
      item.display.title.zh,
      item.display.title.en,
      item.display.shop.zh,
      item.display.shop.en,
      item.order.id,
      categoryName(state.locale, item.order.category),
    ]
      .join(' ')
      .toLowerCase();
    if (!hay.includes(q)) return false;
  }
  return true;
}

function renderList({ force = false } = {}) {
  const list = $('#orders');
  for (const item of state.items) {
    const key = answerKey(item.answer) + state.locale + item.expanded;
    if (force || !item.el || item.key !== key) {
      const focused = item.el?.contains(document.activeElement) ? document.activeElement.className : null;
      const el = renderCard(item);
      if (item.el) item.el.replaceWith(el);
      else list.append(el);
      item.el = el;
      item.key = key;
      if (focused) el.querySelector(`.${focused.split(' ').join('.')}`)?.focus();
    }
    item.el.hidden = !matchesFilter(item);
  }
  $('#empty').hidden = state.items.some((it) => !it.el.hidden);
  const counts = { all: state.items.length, open: 0, support: 0, pending: 0, closed: 0 };
  for (const it of state.items) if (it.answer && !it.answer.error) counts[it.answer.status] += 1;
  for (const tab of $$('.tab')) {
    tab.querySelector('.tab-count').textContent = counts[tab.dataset.filter] ? String(counts[tab.dataset.filter]) : '';
    tab.setAttribute('aria-pressed', String(tab.dataset.filter === state.filter));
  }
}

function toggleWindows(item) {
  item.expanded = !item.expanded;
  renderList();
  item.el.querySelector('.toggle-windows')?.focus();
  updateHms(clock.now());
}

// ---------------------------------------------------------------- 售后保 panel

let csItem = null;

function openSupport(item) {
  csItem = item;
  renderSupport();
  $('#cs-done').hidden = true;
  $('#cs-submit').disabled = false;
  const dialog = $('#cs-dialog');
  if (!dialog.open) dialog.showModal();
}

function renderSupport() {
  const item = csItem;
  if (!item) return;
  const a = item.answer;
  const body = $('#cs-body');
  body.replaceChildren();
  const title = state.locale === 'en' ? item.display.title.en : item.display.title.zh;
  body.append(
    h('p', { class: 'cs-order' }, h('b', {}, title), h('br'), `${tr('orderNo')} ${item.order.id}`),
    h('p', { class: 'cs-lead' }, tr('cs.lead')),
    h(
      'div',
      { class: 'cs-reason' },
      h('span', { class: `badge badge-${a.status}` }, badgeText(a.status)),
      h('p', {}, a.reason.text),
      a.deadline ? h('p', { class: 'deadline' }, deadlineParts(tr('cs.until'), a.deadline, a.provisional)) : null,
      a.deadline && a.provisional ? provisionalNote(a.deadline) : null,
    ),
    h(
      'ol',
      { class: 'cs-steps' },
      ['1', '2', '3'].map((n) => h('li', {}, h('b', {}, tr(`cs.step${n}.title`)), h('p', {}, tr(`cs.step${n}.text`)))),
    ),
    h('h3', { class: 'cs-subhead' }, tr('cs.windows')),
    windowList(
      a.windows.filter((w) => w.active && !SELF_SERVICE.has(w.code)),
      { compact: true },
    ),
  );
}

function closeSupport() {
  const dialog = $('#cs-dialog');
  if (dialog.open) dialog.close();
  csItem = null;
}

// ---------------------------------------------------------------- timers

/** Redraws every HH:MM:SS on the page for `now` (the watch calls at each second of a last day). */
function updateHms(now) {
  for (const el of $$('[data-hms-deadline]')) {
    const left = remaining({ deadlineMs: Number(el.dataset.hmsDeadline) }, now);
    if (left) el.textContent = hmsText(left);
  }
}

// ---------------------------------------------------------------- locale

function setLocale(locale) {
  if (!LOCALES.includes(locale) || (locale === state.locale && state.engine)) return;
  state.locale = locale;
  try {
    localStorage.setItem(LOCALE_KEY, locale);
  } catch {
    /* storage may be off */
  }
  // The same engine, its synced clock kept: only the words change.
  state.engine?.setLocale(locale);
  applyChrome();
  if (state.engine) {
    state.watch.update(state.items.map((it) => it.order));
    if (state.pgLast) runPlayground(state.pgLast);
  }
}

// ---------------------------------------------------------------- playground

function presetOrder(kind) {
  const sample = state.items.find((it) => it.order.category === 'mobile_phone')?.order ?? state.items[0]?.order;
  if (kind === 'badId') return JSON.stringify({ ...sample, id: 1 }, null, 2);
  if (kind === 'badJson') return JSON.stringify(sample, null, 2).replace(/,\n/, ',,\n');
  return JSON.stringify(sample, null, 2);
}

function readPlayground() {
  return { order: $('#pg-order').value, policy: $('#pg-policy').value, now: $('#pg-now').value };
}

function parseJsonField(text, path) {
  try {
    return { value: JSON.parse(text) };
  } catch (err) {
    return { error: { code: 'PARSE_ERROR', path, message: `${tr('pg.parse')}: ${err.message}` } };
  }
}

function evaluatePlayground(input) {
  const order = parseJsonField(input.order, 'order');
  if (order.error) return { error: order.error };
  let policy;
  if (input.policy.trim() !== '') {
    const parsed = parseJsonField(input.policy, 'policy');
    if (parsed.error) return { error: parsed.error };
    policy = parsed.value;
  }
  let now = clock.now();
  if (input.now.trim() !== '') {
    now = parseNow(input.now);
    if (!Number.isFinite(now)) {
      return {
        error: {
          code: 'INVALID_ARGUMENT',
          path: 'now',
          message: `\`${input.now.trim()}\` is neither epoch milliseconds nor an RFC 3339 instant with an offset`,
        },
      };
    }
  }
  let engine;
  try {
    engine = policy === undefined ? makeEngine(state.locale) : new Engine(policy, { locale: state.locale });
    return { answer: engine.evaluate(order.value, now), category: String(order.value?.category ?? '') };
  } catch (err) {
    return { error: { code: err.code ?? 'ERROR', path: err.path ?? '', message: err.message ?? String(err) } };
  } finally {
    engine?.free();
  }
}

function runPlayground(input = readPlayground()) {
  state.pgLast = input;
  const out = $('#pg-result');
  out.replaceChildren();
  const result = evaluatePlayground(input);
  if (result.error) {
    const e = result.error;
    out.append(
      h(
        'div',
        { class: 'pg-error', role: 'alert', dataset: { errorCode: e.code, errorPath: e.path } },
        h('span', { class: 'pg-error-label' }, tr('pg.error')),
        h('code', { class: 'pg-error-code' }, e.code),
        e.path
          ? h('span', { class: 'pg-error-at' }, tr('pg.at'), ' ', h('code', { class: 'pg-error-path' }, e.path))
          : null,
        h('p', { class: 'pg-error-message' }, e.message),
      ),
    );
    return;
  }
  const a = result.answer;
  out.append(
    h(
      'div',
      {
        class: 'pg-answer',
        dataset: {
          status: a.status,
          reasonCode: a.reason.code,
          remainingDays: a.remainingDays === null ? '' : String(a.remainingDays),
        },
      },
      h(
        'div',
        { class: 'as-top' },
        h('span', { class: `badge badge-${a.status}` }, badgeText(a.status)),
        a.remainingDays !== null && (a.status === 'open' || a.status === 'support')
          ? h(
              'span',
              { class: 'countdown' },
              h(
                'span',
                { class: 'cd-days' },
                tr('remaining.before'),
                h('b', {}, String(a.remainingDays)),
                a.remainingDays === 1 ? tr('remaining.afterOne') : tr('remaining.after'),
              ),
            )
          : null,
        h('code', { class: 'pg-reason-code' }, a.reason.code),
      ),
      a.deadline ? h('p', { class: 'deadline' }, deadlineParts(tr('deadline'), a.deadline, a.provisional)) : null,
      a.deadline && a.provisional ? provisionalNote(a.deadline) : null,
      h('p', { class: 'reason' }, a.reason.text),
      a.categoryKnown === false ? categoryHint(result.category) : null,
      h(
        'p',
        { class: 'pg-next' },
        `${tr('pg.nextChange')}: `,
        a.nextChangeAt ? fmtDeadline(a.nextChangeAt) : tr('pg.none'),
        ` · ${tr('policy.version')} ${a.policyVersion}`,
      ),
      windowList(a.windows),
      h('details', { class: 'pg-raw' }, h('summary', {}, tr('pg.raw')), h('pre', {}, JSON.stringify(a, null, 2))),
    ),
  );
}

function setupPlayground() {
  $('#pg-order').value = presetOrder('sample');
  $('#pg-now').placeholder = toRfc3339(clock.now(), state.offsetMinutes).replace(/\.\d+/, '');
  $('#pg-eval').addEventListener('click', () => runPlayground());
  for (const b of $$('[data-preset]')) {
    b.addEventListener('click', () => {
      $('#pg-order').value = presetOrder(b.dataset.preset);
      runPlayground();
    });
  }
}

// ---------------------------------------------------------------- test hook

/**
 * window.__demo, for tests and the curious:
 *   setNow(ms | RFC3339)  freeze the clock there and fire every timer now due
 *   advance(ms)           move the (frozen) clock forward by ms, likewise
 *   live()                back to the server-synced clock
 *   now(), frozen()       the page's clock; whether it is frozen
 *   orders(), answers()   the sample orders and their current answers
 *   dueAt()               when the page timer fires next (epoch ms or null)
 *   ticking()             whether the one-second tick is running
 *   stats()               { evaluations, ticks }
 */
function installTestHook() {
  window.__demo = {
    ready: true,
    demoNow: DEMO_NOW,
    setNow(value) {
      const ms = parseNow(value);
      if (!Number.isFinite(ms)) throw new Error(`setNow: bad instant ${value}`);
      clock.frozen = ms;
      watchCards();
      return ms;
    },
    advance(ms) {
      return this.setNow(clock.now() + Number(ms));
    },
    live() {
      clock.frozen = null;
      watchCards();
    },
    now: () => clock.now(),
    frozen: () => clock.frozen !== null,
    locale: () => state.locale,
    setLocale: (l) => setLocale(l),
    orders: () => state.items.map((it) => structuredClone(it.order)),
    answers: () => state.items.map((it) => structuredClone(it.answer)),
    // The watch's next call: the earliest nextChangeAtMs of the cards.
    dueAt: () => {
      const due = Math.min(...state.items.map((it) => it.answer?.nextChangeAtMs ?? Infinity));
      return Number.isFinite(due) ? due : null;
    },
    // Whether the watch calls every second: a live clock and a card on its last day.
    ticking: () =>
      clock.frozen === null &&
      state.items.some(
        (it) =>
          remaining(it.answer, clock.now())?.lastDay === true &&
          (it.answer.status === 'open' || it.answer.status === 'support'),
      ),
    stats: () => ({ evaluations: state.evaluations }),
  };
}

// ---------------------------------------------------------------- boot

async function boot() {
  const urlLocale = rawParam('lang');
  let stored = null;
  try {
    stored = localStorage.getItem(LOCALE_KEY);
  } catch {
    /* storage may be off */
  }
  state.locale = [urlLocale, stored].find((l) => LOCALES.includes(l)) ?? 'zh-CN';

  const nowParam = rawParam('now');
  if (nowParam !== null) {
    const ms = parseNow(nowParam);
    if (Number.isFinite(ms)) clock.frozen = ms;
  }
  applyChrome();
  showBanner(tr('loading'));

  for (const b of $$('.lang-btn')) b.addEventListener('click', () => setLocale(b.dataset.locale));
  for (const tab of $$('.tab')) {
    tab.addEventListener('click', () => {
      state.filter = tab.dataset.filter;
      renderList();
    });
  }
  $('#search').addEventListener('input', (e) => {
    state.query = e.target.value.trim();
    renderList();
  });
  $('.tb-back').addEventListener('click', (e) => e.preventDefault());
  $('#cs-close').addEventListener('click', closeSupport);
  $('#cs-x').addEventListener('click', closeSupport);
  $('#cs-dialog').addEventListener('close', () => {
    csItem = null;
  });
  $('#cs-dialog').addEventListener('click', (e) => {
    if (e.target === e.currentTarget) closeSupport();
  });
  $('#cs-submit').addEventListener('click', () => {
    $('#cs-done').hidden = false;
    $('#cs-submit').disabled = true;
  });

  try {
    await Promise.all([init(), clock.frozen === null ? syncClock() : null]);
    state.policy = defaultPolicy();
    state.offsetMinutes = state.policy.utcOffsetMinutes ?? 480;
    state.engine = makeEngine(state.locale);
  } catch (err) {
    showBanner(`${tr('load.failed')}: ${err?.message ?? err}`, 'error');
    document.documentElement.dataset.ready = 'error';
    return;
  }
  if (nowParam !== null && clock.frozen === null) {
    showBanner(`?now=${nowParam}: ${tr('pg.error')} (INVALID_ARGUMENT now)`, 'error');
  } else {
    showBanner(null);
  }

  const ref = clock.now();
  state.items = sampleOrders(ref, state.policy, state.engine).map((s) => ({
    ...s,
    answer: null,
    key: null,
    expanded: false,
    el: null,
  }));
  applyChrome();
  watchCards();
  setupPlayground();

  installTestHook();
  document.documentElement.dataset.ready = 'true';
}

boot();
