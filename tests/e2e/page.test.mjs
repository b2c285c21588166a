// End-to-end test of the demo page (www/) in headless Chromium, against the
// real server (www/server.mjs) and the built package (pkg/: run
// scripts/build-pkg.sh first). Every expected answer is computed here by the
// engine itself — the package loaded in Node, cross-checked with the native
// CLI — never hard-coded.
//
//   node --test tests/e2e/          (from the repository root)
//
// Screenshots go to artifacts/ (git-ignored).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { start, CSP } from '../../www/server.mjs';
import { sampleOrders, DEMO_NOW } from '../../www/orders.js';
import { t } from '../../www/i18n.js';
import { initSync, Engine, defaultPolicy } from '../../pkg/shouhoubao.js';
import { chromiumOptions } from '../js/lib/chromium.mjs';

// The two sample orders pinned to the rest-day calendar (www/orders.js).
const WEEKEND_PHONE = '4229658104476315087';
const PROVISIONAL_PHONE = '4226371950182734466';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const ARTIFACTS = path.join(ROOT, 'artifacts');
const DAY = 86_400_000;
const DEMO_MS = Date.parse(DEMO_NOW);
const STATUSES = ['pending', 'open', 'support', 'closed'];
const WINDOW_CODES = [
  'ENTRY_DEFAULT',
  'ENTRY_CATEGORY',
  'NO_REASON_RETURN',
  'THREE_GUARANTEES_RETURN',
  'THREE_GUARANTEES_EXCHANGE',
  'THREE_GUARANTEES_WARRANTY',
  'THREE_GUARANTEES_PART',
  'MERCHANT_PROMISE',
  'LONG_DISCOVERY',
];

initSync({ module: fs.readFileSync(path.join(ROOT, 'pkg', 'shouhoubao_bg.wasm')) });
const engines = { 'zh-CN': new Engine(undefined, { locale: 'zh-CN' }), en: new Engine(undefined, { locale: 'en' }) };
const expected = (order, now, locale = 'zh-CN') => engines[locale].evaluate(order, now);

let server;
let context;
let userDataDir;
const problems = []; // console errors, page errors, CSP violations, failed requests

/** Closes a page after checking that nothing on it broke the CSP. */
async function closePage(page) {
  assert.deepEqual(await page.evaluate(() => window.__cspViolations), [], 'CSP violations');
  await page.close();
}

function watch(page, label) {
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`${label} console.${msg.type()}: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`${label} pageerror: ${err.message}`));
  page.on('requestfailed', (req) => problems.push(`${label} request failed: ${req.url()} ${req.failure()?.errorText}`));
  page.on('response', (res) => {
    if (res.status() >= 400) problems.push(`${label} HTTP ${res.status()}: ${res.url()}`);
  });
  return page;
}

async function openPage(
  query = `?now=${encodeURIComponent(DEMO_NOW)}`,
  { viewport = { width: 375, height: 812 }, label = 'page' } = {},
) {
  const page = watch(await context.newPage(), label);
  await page.setViewportSize(viewport);
  await page.goto(server.url + query);
  await page.waitForFunction(() => document.documentElement.dataset.ready);
  assert.equal(await page.evaluate(() => document.documentElement.dataset.ready), 'true', 'the page failed to start');
  return page;
}

/** A screenshot of one element, with the sticky header out of its way. */
async function shootElement(page, selector, file) {
  await page.evaluate(() => {
    document.querySelector('.tb-header').style.position = 'static';
  });
  await page.locator(selector).screenshot({ path: path.join(ARTIFACTS, file) });
  await page.evaluate(() => {
    document.querySelector('.tb-header').style.position = '';
  });
}

/** What every card shows, read from the DOM. */
function readCards(page) {
  return page.$$eval('.order-card', (cards) =>
    cards.map((c) => ({
      id: c.dataset.orderId,
      status: c.dataset.status,
      reasonCode: c.dataset.reasonCode,
      remainingDays: c.dataset.remainingDays,
      badge: c.querySelector('.badge')?.textContent,
      countdown: c.querySelector('.aftersales .countdown .cd-days')?.textContent ?? null,
      hms: c.querySelector('.aftersales .hms')?.textContent ?? null,
      deadline: c.querySelector('.aftersales .deadline time')?.getAttribute('datetime') ?? null,
      reason: c.querySelector('.aftersales .reason')?.textContent,
      provisional: c.dataset.provisional,
      expected: c.querySelector('.aftersales .deadline .expected')?.textContent ?? null,
      note: c.querySelector('.aftersales .provisional-note')?.textContent ?? null,
      chips: [...c.querySelectorAll('.aftersales .chip')].map((e) => e.textContent),
      hasSupportButton: !!c.querySelector('.cs-open'),
    })),
  );
}

/** Every window row of an expanded card, read from the DOM. */
function readWindows(page, card) {
  return page.$$eval(`${card} .windows .window`, (els) =>
    els.map((e) => ({
      code: e.dataset.code,
      part: e.dataset.part,
      active: e.dataset.active,
      days: e.dataset.remainingDays,
      provisional: e.dataset.provisional,
      name: e.querySelector('.w-name').textContent,
      countdown: e.querySelector('.cd-days')?.textContent ?? null,
      deadline: e.querySelector('time').getAttribute('datetime'),
      basis: e.querySelector('.w-basis').textContent,
      expected: e.querySelector('.w-deadline .expected')?.textContent ?? null,
      note: e.querySelector('.provisional-note')?.textContent ?? null,
    })),
  );
}

// What the page must say, written out here (not read from www/i18n.js) for
// the texts this version adds: the roll over rest days and the provisional mark.
const EXPECTED_MARK = { 'zh-CN': '预计', en: 'expected' };

/** The roll text for a basis: 顺延 2 天（周末） / rolled 2 days (weekend); null when it did not roll. */
function rollFor(locale, b) {
  assert.equal(b.rolledDays, b.holidayDays + b.weekendDays, 'rolledDays = holidayDays + weekendDays');
  if (b.rolledDays === 0) return null;
  if (locale === 'en') {
    const why =
      b.holidayDays && b.weekendDays
        ? `${b.holidayDays} holiday, ${b.weekendDays} weekend`
        : b.holidayDays
          ? 'holiday'
          : 'weekend';
    return `rolled ${b.rolledDays} ${b.rolledDays === 1 ? 'day' : 'days'} (${why})`;
  }
  const why =
    b.holidayDays && b.weekendDays
      ? `节假日 ${b.holidayDays} 天、周末 ${b.weekendDays} 天`
      : b.holidayDays
        ? '节假日'
        : '周末';
  return `顺延 ${b.rolledDays} 天（${why}）`;
}

/**
 * A window's basis line: the anchor's date and the engine's counting line,
 * whose roll must be the one written out here.
 */
function basisFor(locale, b) {
  const roll = rollFor(locale, b);
  if (roll) assert.ok(b.text.endsWith(` · ${roll}`), `${b.text} ends with the roll ${roll}`);
  return `${b.anchorDate} · ${b.text}`;
}

/** The provisional note for a deadline: the year of its last day (the deadline's 00:00 closes the day before). */
function noteFor(locale, deadline) {
  const year = new Date(Date.parse(deadline) - 1 + 8 * 3600_000).getUTCFullYear();
  assert.ok(
    `${year}-12-31` > defaultPolicy().holidaysPublishedThrough,
    `${deadline}: a provisional end day is past holidaysPublishedThrough`,
  );
  return locale === 'en'
    ? `The ${year} holiday arrangement is not yet published; the deadline may move later`
    : `${year} 年节假日安排尚未公布，截止日可能顺延`;
}

/** The binding window of an answer (open/support). */
function bindingOf(a) {
  return a.windows.find((w) => w.active && w.code === a.reason.code && w.deadline === a.deadline);
}

/** Checks an expanded card's window rows against the engine's windows. */
function assertWindowsMatch(rows, want, locale, where) {
  assert.equal(rows.length, want.windows.length, `${where}: one row per window`);
  want.windows.forEach((w, i) => {
    const row = rows[i];
    const at = `${where} ${w.code}${w.part ? `·${w.part}` : ''}`;
    assert.equal(row.code, w.code, at);
    assert.equal(row.part, w.part, at);
    assert.equal(row.active, String(w.active), at);
    assert.equal(row.days, String(w.remainingDays), at);
    assert.equal(row.name, w.label, at);
    assert.equal(row.deadline, w.deadline, at);
    assert.equal(row.countdown, w.active ? countdownText(locale, w.remainingDays) : null, at);
    assert.equal(row.basis, basisFor(locale, w.basis), `${at}: basis line`);
    assert.equal(row.provisional, String(w.provisional), `${at}: data-provisional`);
    assert.equal(
      row.expected,
      w.provisional ? EXPECTED_MARK[locale] : null,
      `${at}: 预计 only on a provisional deadline`,
    );
    assert.equal(row.note, w.provisional ? noteFor(locale, w.deadline) : null, `${at}: provisional note`);
  });
}

/** A countdown's day text, as the package's formatRemaining writes it (written out here). */
function countdownText(locale, days) {
  if (locale === 'en') return `Closes in ${days} ${days === 1 ? 'day' : 'days'}`;
  return `剩余 ${days} 天`;
}

function assertCardsMatch(cards, orders, now, locale) {
  assert.equal(cards.length, orders.length);
  orders.forEach((order, i) => {
    const want = expected(order, now, locale);
    const card = cards[i];
    const where = `card ${order.id} (${order.category})`;
    assert.equal(card.id, order.id, where);
    assert.equal(card.status, want.status, `${where}: data-status`);
    assert.equal(card.reasonCode, want.reason.code, `${where}: data-reason-code`);
    assert.equal(
      card.remainingDays,
      want.remainingDays === null ? '' : String(want.remainingDays),
      `${where}: data-remaining-days`,
    );
    assert.equal(card.badge, t(locale, `badge.${want.status}`), `${where}: badge`);
    assert.equal(card.reason, want.reason.text, `${where}: reason text`);
    if (want.status === 'open' || want.status === 'support') {
      assert.equal(card.countdown, countdownText(locale, want.remainingDays), `${where}: countdown`);
      assert.equal(card.deadline, want.deadline, `${where}: deadline`);
      assert.equal(card.hms !== null, want.remainingDays === 1, `${where}: HH:MM:SS only on the last day`);
    } else {
      assert.equal(card.countdown, null, `${where}: no countdown`);
      assert.equal(card.hms, null, `${where}: no HH:MM:SS`);
    }
    assert.equal(
      card.hasSupportButton,
      want.status === 'support',
      `${where}: 联系官方客服 button only on support cards`,
    );
    assert.equal(card.provisional, String(want.provisional), `${where}: data-provisional`);
    assert.equal(
      card.expected,
      want.provisional ? EXPECTED_MARK[locale] : null,
      `${where}: 预计 only on a provisional deadline`,
    );
    assert.equal(card.note, want.provisional ? noteFor(locale, want.deadline) : null, `${where}: provisional note`);
    const binding = bindingOf(want);
    if (binding && binding.basis.rolledDays > 0) {
      const chip = `${binding.label} ${rollFor(locale, binding.basis)}`;
      assert.ok(card.chips.includes(chip), `${where}: roll chip ${chip} in ${card.chips}`);
    }
    assert.ok(
      card.chips.every((c) => !/节假日顺延|遇节假日/.test(c)),
      `${where}: no v1 roll wording`,
    );
  });
}

before(async () => {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  server = await start({ port: 0 });
  userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shouhoubao-e2e-'));
  context = await chromium.launchPersistentContext(
    userDataDir,
    chromiumOptions({ viewport: { width: 375, height: 812 }, deviceScaleFactor: 2 }),
  );
  // Record CSP violations from the first script on (they are console errors too).
  await context.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
});

after(async () => {
  await context?.close();
  await server?.close();
  if (userDataDir) fs.rmSync(userDataDir, { recursive: true, force: true });
  for (const e of Object.values(engines)) e.free();
});

// ------------------------------------------------------------------ server

test('server: CSP and X-Server-Time on every response, MIME types, /server-time.json', async () => {
  const before = Date.now();
  for (const [url, type, status] of [
    ['/', 'text/html; charset=utf-8', 200],
    ['/app.js', 'text/javascript; charset=utf-8', 200],
    ['/style.css', 'text/css; charset=utf-8', 200],
    ['/pkg/shouhoubao.js', 'text/javascript; charset=utf-8', 200],
    ['/pkg/shouhoubao_bg.wasm', 'application/wasm', 200],
    ['/no-such-file', null, 404],
  ]) {
    const res = await fetch(new URL(url, server.url));
    assert.equal(res.status, status, url);
    if (type) assert.equal(res.headers.get('content-type'), type, url);
    assert.equal(res.headers.get('content-security-policy'), CSP, url);
    const serverTime = Number(res.headers.get('x-server-time'));
    assert.ok(serverTime >= before - 1000 && serverTime <= Date.now() + 1000, `${url}: X-Server-Time ${serverTime}`);
    await res.arrayBuffer();
  }
  const res = await fetch(new URL('/server-time.json', server.url));
  const body = await res.json();
  assert.ok(Math.abs(body.now - Date.now()) < 2000, 'server-time.json is the server clock');
  assert.equal(res.headers.get('content-security-policy'), CSP);
});

test('server: no path leaves www/ or pkg/; only GET and HEAD', async () => {
  const http = await import('node:http');
  // Raw requests: fetch() would normalise the dot segments away before sending.
  const raw = (p, method = 'GET') =>
    new Promise((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port: server.port, path: p, method }, (res) => {
        res.resume();
        res.on('end', () => resolve(res));
      });
      req.on('error', reject);
      req.end();
    });
  for (const p of [
    '/../package.json',
    '/%2e%2e/package.json',
    '/..%2fpackage.json',
    '/pkg/..%2fCargo.toml',
    '/pkg/%2e%2e/Cargo.toml',
    '/%2e%2e%2f%2e%2e%2fetc%2fpasswd',
    '/..\\package.json',
    '/%5c..%5cpackage.json',
    '/pkg/.gitignore',
    '/server.mjs%00.html',
    '//etc/passwd',
  ]) {
    const res = await raw(p);
    assert.ok(res.statusCode === 404 || res.statusCode === 400, `${p} → ${res.statusCode}`);
    assert.equal(res.headers['content-security-policy'], CSP, p);
    assert.ok(res.headers['x-server-time'], p);
  }
  assert.equal((await raw('/', 'POST')).statusCode, 405);
  assert.equal((await raw('/', 'HEAD')).statusCode, 200);
});

test('server: `node www/server.mjs --port 0` prints its URL and serves', async () => {
  const child = spawn(process.execPath, [path.join(ROOT, 'www', 'server.mjs'), '--port', '0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  try {
    const url = await new Promise((resolve, reject) => {
      let out = '';
      const timer = setTimeout(() => reject(new Error(`no URL printed: ${out}`)), 10_000);
      child.stdout.on('data', (d) => {
        out += d;
        const m = /shouhoubao demo: (http:\/\/127\.0\.0\.1:(\d+)\/)/.exec(out);
        if (m && m[2] !== '0') {
          clearTimeout(timer);
          resolve(m[1]);
        }
      });
      child.on('exit', (code) => reject(new Error(`server exited ${code}: ${out}`)));
    });
    const res = await fetch(url);
    assert.equal(res.status, 200);
    assert.match(await res.text(), /我的订单/);
  } finally {
    child.kill('SIGTERM');
  }
});

// ------------------------------------------------------------------ sample data

test('badge labels are the ones the product names', () => {
  assert.deepEqual(
    STATUSES.map((s) => t('zh-CN', `badge.${s}`)),
    ['交易未完成', '可申请售后', '售后保·联系官方客服', '售后已关闭'],
  );
  for (const s of STATUSES) assert.doesNotMatch(t('en', `badge.${s}`), /[\u4e00-\u9fff]/);
});

test('sample orders at the demo moment show every status and every window code', () => {
  const orders = sampleOrders(DEMO_MS, defaultPolicy(), engines['zh-CN']).map((s) => s.order);
  assert.ok(orders.length >= 12, `${orders.length} orders`);
  const answers = orders.map((o) => expected(o, DEMO_MS));
  for (const s of STATUSES)
    assert.ok(
      answers.some((a) => a.status === s),
      `status ${s}`,
    );
  const codes = new Set(answers.flatMap((a) => a.windows.map((w) => w.code)));
  for (const c of WINDOW_CODES) assert.ok(codes.has(c), `window ${c}`);
  const reasons = new Set(answers.map((a) => a.reason.code));
  for (const r of [
    'TRANSACTION_PENDING',
    'ORDER_CLOSED',
    'EXPIRED',
    'LONG_DISCOVERY',
    'MERCHANT_PROMISE',
    'ENTRY_CATEGORY',
  ]) {
    assert.ok(reasons.has(r), `reason ${r}`);
  }
  // The cases the demo promises.
  const byCat = (c) => orders.map((o, i) => [o, answers[i]]).filter(([o]) => o.category === c);
  assert.ok(
    byCat('mobile_phone').some(([, a]) => a.status === 'open' && a.reason.code === 'ENTRY_CATEGORY'),
    'phone inside 180 days',
  );
  assert.ok(
    byCat('mobile_phone').some(([, a]) => a.status === 'support' && a.reason.code.startsWith('THREE_GUARANTEES')),
    'phone inside 三包',
  );
  assert.ok(
    byCat('bicycle').some(([, a]) => a.status === 'support'),
    'bicycle with 三包 left',
  );
  assert.ok(
    byCat('computer').some(
      ([o, a]) =>
        o.merchantPromises?.[0]?.months === 24 && a.windows.some((w) => w.code === 'MERCHANT_PROMISE' && w.active),
    ),
    'laptop with a 24-month promise',
  );
  assert.ok(
    answers.some((a) => a.windows.some((w) => w.basis.repairDays > 0 && w.active)),
    'a repaired appliance',
  );
  assert.ok(
    answers.some((a) => a.windows.some((w) => w.basis.anchor === 'exchange' && w.active)),
    'an exchanged appliance',
  );
  assert.ok(
    byCat('flowers').every(([, a]) => a.reason.code === 'LONG_DISCOVERY') &&
      byCat('pets').every(([, a]) => a.reason.code === 'LONG_DISCOVERY'),
    'flowers and pets in long discovery',
  );
  assert.ok(
    byCat('fresh_food').every(([, a]) => a.status === 'open' && !a.windows.some((w) => w.code === 'NO_REASON_RETURN')),
    'fresh food without no-reason return',
  );
  assert.ok(
    answers.some((a) =>
      a.windows.some(
        (w) => w.code.startsWith('THREE_GUARANTEES') && w.basis.holidayDays >= 7 && w.deadline.includes('-10-'),
      ),
    ),
    'a 三包 end day rolled across 国庆',
  );
  assert.ok(
    answers.some((a) => a.remainingDays === 1) && answers.some((a) => a.remainingDays === 2),
    'cards on their last day and two days out',
  );
  // The two orders pinned to the rest-day calendar: a 三包 warranty rolled over
  // an ordinary weekend (firm), and a provisional one.
  const weekend = answers[orders.findIndex((o) => o.id === WEEKEND_PHONE)];
  const wb = bindingOf(weekend);
  assert.equal(weekend.status, 'support');
  assert.equal(weekend.reason.code, 'THREE_GUARANTEES_WARRANTY');
  assert.ok(wb.basis.weekendDays > 0 && wb.basis.holidayDays === 0, `weekend roll: ${JSON.stringify(wb.basis)}`);
  assert.equal(weekend.provisional, false, 'the weekend roll is firm at the demo moment');
  const provisional = answers[orders.findIndex((o) => o.id === PROVISIONAL_PHONE)];
  assert.equal(provisional.status, 'support');
  assert.equal(provisional.reason.code, 'THREE_GUARANTEES_WARRANTY');
  assert.equal(provisional.provisional, true);
  assert.equal(bindingOf(provisional).provisional, true);
  assert.ok(provisional.deadline.slice(0, 10) > defaultPolicy().holidaysPublishedThrough, provisional.deadline);
  assert.ok(
    answers.some((a) => a.status === 'support' && !a.provisional),
    'a firm support card too',
  );
  // The weekend roll holds at any reference moment; the provisional warranty
  // at any from 170 days before holidaysPublishedThrough (see www/orders.js).
  const published = Date.parse(`${defaultPolicy().holidaysPublishedThrough}T00:00:00+08:00`);
  for (
    let ref = Date.parse('2024-01-01T09:00:00+08:00');
    ref < Date.parse('2029-01-01T00:00:00+08:00');
    ref += 4.3 * DAY
  ) {
    const list = sampleOrders(ref, defaultPolicy(), engines['zh-CN']).map((x) => x.order);
    const w = expected(
      list.find((o) => o.id === WEEKEND_PHONE),
      ref,
    );
    const at = new Date(ref).toISOString();
    assert.ok(
      w.status === 'support' &&
        w.reason.code === 'THREE_GUARANTEES_WARRANTY' &&
        bindingOf(w).basis.weekendDays === 2 &&
        bindingOf(w).basis.holidayDays === 0,
      `weekend phone at ${at}`,
    );
    const p = expected(
      list.find((o) => o.id === PROVISIONAL_PHONE),
      ref,
    );
    assert.ok(p.status === 'support' && p.reason.code === 'THREE_GUARANTEES_WARRANTY', `provisional phone at ${at}`);
    if (ref >= published - 169 * DAY) assert.equal(p.provisional, true, `provisional phone at ${at}`);
  }
  // ...and on any other day the list stays meaningful (dates are offsets from now).
  for (const ref of [Date.now(), Date.parse('2025-03-01T23:30:00+08:00'), Date.parse('2027-06-15T04:00:00Z')]) {
    const later = sampleOrders(ref, defaultPolicy(), engines['zh-CN']).map((s) => expected(s.order, ref));
    for (const s of STATUSES)
      assert.ok(
        later.some((a) => a.status === s),
        `status ${s} at ${new Date(ref).toISOString()}`,
      );
  }
});

test('the native CLI gives the same answers for the sample orders', { timeout: 300_000 }, (t) => {
  const cargo = spawnSync('cargo', ['build', '--quiet', '-p', 'shouhoubao-cli'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  if (cargo.error) return t.skip(`cargo not available: ${cargo.error.message}`);
  assert.equal(cargo.status, 0, cargo.stderr);
  const orders = sampleOrders(DEMO_MS, defaultPolicy(), engines['zh-CN']).map((s) => s.order);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'shouhoubao-cli-')), 'orders.jsonl');
  fs.writeFileSync(file, orders.map((o) => JSON.stringify(o)).join('\n') + '\n');
  for (const locale of ['zh-CN', 'en']) {
    const run = spawnSync(
      path.join(ROOT, 'target', 'debug', 'shouhoubao'),
      ['eval', '--now', String(DEMO_MS), '--locale', locale, file],
      { encoding: 'utf8' },
    );
    assert.equal(run.status, 0, run.stderr);
    const lines = run.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    assert.deepEqual(
      lines,
      orders.map((o) => expected(o, DEMO_MS, locale)),
    );
  }
  fs.rmSync(path.dirname(file), { recursive: true, force: true });
});

// ------------------------------------------------------------------ the page

test('every card shows what the engine answers (zh-CN, frozen at the demo moment)', async () => {
  const page = await openPage();
  assert.equal(await page.evaluate(() => window.__demo.now()), DEMO_MS);
  const orders = await page.evaluate(() => window.__demo.orders());
  assert.deepEqual(
    orders,
    sampleOrders(DEMO_MS, defaultPolicy(), engines['zh-CN']).map((s) => s.order),
    'the page built the sample orders around ?now',
  );
  assertCardsMatch(await readCards(page), orders, DEMO_MS, 'zh-CN');
  assert.deepEqual(
    await page.evaluate(() => window.__demo.answers()),
    orders.map((o) => expected(o, DEMO_MS)),
    "the page holds the engine's answers",
  );
  // The tab counts: every order under 全部, each status under its tab.
  const tabs = Object.fromEntries(
    await page.$$eval('.tab', (els) => els.map((e) => [e.dataset.filter, e.querySelector('.tab-count').textContent])),
  );
  const count = (s) => orders.filter((o) => expected(o, DEMO_MS).status === s).length;
  assert.deepEqual(tabs, {
    all: String(orders.length),
    ...Object.fromEntries(STATUSES.map((s) => [s, count(s) ? String(count(s)) : ''])),
  });
  assert.equal(await page.textContent('#policy-version'), engines['zh-CN'].policyVersion);
  assert.equal(await page.textContent('#clock-now'), '2026-10-20 10:00:00');
  // One timer, at the earliest nextChangeAt; no one-second tick on a frozen clock.
  const earliest = Math.min(
    ...orders
      .map((o) => expected(o, DEMO_MS).nextChangeAt)
      .filter(Boolean)
      .map(Date.parse),
  );
  assert.equal(await page.evaluate(() => window.__demo.dueAt()), earliest);
  assert.equal(await page.evaluate(() => window.__demo.ticking()), false);
  // The last-day card shows its HH:MM:SS from the deadline, in Beijing time.
  const lastDay = orders.find((o) => expected(o, DEMO_MS).remainingDays === 1);
  const want = expected(lastDay, DEMO_MS);
  const hms = await page.textContent(`[data-order-id="${lastDay.id}"] .aftersales .hms`);
  const secs = Math.ceil(want.remainingMs / 1000);
  assert.equal(
    hms,
    [Math.floor(secs / 3600), Math.floor((secs % 3600) / 60), secs % 60]
      .map((n) => String(n).padStart(2, '0'))
      .join(':'),
  );
  await page.screenshot({ path: path.join(ARTIFACTS, 'orders-375x812.png') });
  await page.screenshot({ path: path.join(ARTIFACTS, 'orders-375-full.png'), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.screenshot({ path: path.join(ARTIFACTS, 'orders-1280x800.png') });
  await closePage(page);
});

test('expanding a card lists every window with its countdown and basis; the 售后保 panel explains the route', async () => {
  const page = await openPage();
  const orders = await page.evaluate(() => window.__demo.orders());
  const ac = orders.find((o) => o.category === 'air_conditioner');
  const want = expected(ac, DEMO_MS);
  const card = `[data-order-id="${ac.id}"]`;
  await page.click(`${card} .toggle-windows`);
  assertWindowsMatch(await readWindows(page, card), want, 'zh-CN', `card ${ac.id}`);
  assert.ok(
    want.windows.some((w) => w.basis.holidayDays >= 7),
    'the 国庆 roll is in the list',
  );
  await shootElement(page, card, 'card-windows-375.png');

  await page.click(`${card} .cs-open`);
  const dialog = page.locator('#cs-dialog');
  await dialog.waitFor({ state: 'visible' });
  const text = await dialog.textContent();
  for (const phrase of ['官方客服', '仲裁', '商家拒绝', want.reason.text])
    assert.ok(text.includes(phrase), `panel mentions ${phrase}`);
  await page.screenshot({ path: path.join(ARTIFACTS, 'support-panel-375x812.png') });
  await page.click('#cs-submit');
  assert.ok(await page.isVisible('#cs-done'));
  await page.click('#cs-close');
  await dialog.waitFor({ state: 'hidden' });
  await closePage(page);
});

test('the weekend-roll and provisional cards say why and how sure their deadlines are (zh-CN and en)', async () => {
  const page = await openPage();
  const orders = await page.evaluate(() => window.__demo.orders());
  const weekend = orders.find((o) => o.id === WEEKEND_PHONE);
  const provisional = orders.find((o) => o.id === PROVISIONAL_PHONE);
  const firm = orders.find(
    (o) =>
      ['open', 'support'].includes(expected(o, DEMO_MS).status) &&
      !expected(o, DEMO_MS).provisional &&
      o.id !== WEEKEND_PHONE,
  );
  assert.ok(weekend && provisional && firm);
  const cards = [weekend, provisional].map((o) => `[data-order-id="${o.id}"]`);
  // Both window lists open, so the screenshot shows them too.
  for (const card of cards) await page.click(`${card} .toggle-windows`);

  for (const locale of ['zh-CN', 'en']) {
    if (locale === 'en') await page.click('.lang-btn[data-locale="en"]');
    const shown = await readCards(page);
    const card = (o) => shown.find((c) => c.id === o.id);

    // Weekend: the chip names the roll and its reason, from the engine's basis.
    const w = expected(weekend, DEMO_MS, locale);
    const wb = bindingOf(w);
    assert.ok(wb.basis.weekendDays > 0, 'the weekend card rolled over a weekend');
    const chip = `${wb.label} ${rollFor(locale, wb.basis)}`;
    assert.ok(card(weekend).chips.includes(chip), `${locale}: ${chip} in ${card(weekend).chips}`);
    assert.match(
      chip,
      locale === 'en'
        ? new RegExp(`rolled ${wb.basis.weekendDays} days \\(weekend\\)`)
        : new RegExp(`顺延 ${wb.basis.weekendDays} 天（周末）`),
    );
    assert.equal(card(weekend).expected, null, `${locale}: a firm deadline has no 预计`);
    assert.equal(card(weekend).note, null);
    assertWindowsMatch(await readWindows(page, cards[0]), w, locale, `${locale} weekend card`);

    // Provisional: 预计 / expected before the deadline, and the reason line.
    const p = expected(provisional, DEMO_MS, locale);
    assert.equal(card(provisional).expected, EXPECTED_MARK[locale]);
    assert.equal(card(provisional).note, noteFor(locale, p.deadline));
    assert.match(card(provisional).note, /2027/); // the first year past holidaysPublishedThrough 2026-12-31
    const line = await page.textContent(`${cards[1]} .aftersales .deadline`);
    assert.ok(
      line.indexOf(EXPECTED_MARK[locale]) < line.indexOf(p.deadline.slice(0, 10)),
      `${locale}: 预计 before the deadline: ${line}`,
    );
    assertWindowsMatch(await readWindows(page, cards[1]), p, locale, `${locale} provisional card`);

    // A firm card shows no 预计 anywhere.
    assert.equal(await page.locator(`[data-order-id="${firm.id}"] .expected`).count(), 0);
    assert.equal(await page.locator(`[data-order-id="${firm.id}"] .provisional-note`).count(), 0);

    // The 售后保 panel marks the provisional deadline too.
    await page.click(`${cards[1]} .cs-open`);
    await page.locator('#cs-dialog').waitFor({ state: 'visible' });
    assert.equal(await page.textContent('#cs-body .cs-reason .expected'), EXPECTED_MARK[locale]);
    assert.equal(await page.textContent('#cs-body .cs-reason .provisional-note'), noteFor(locale, p.deadline));
    await page.click('#cs-close');
    await page.locator('#cs-dialog').waitFor({ state: 'hidden' });

    // The layout: no row of the two cards wider than the card.
    const overflow = await page.$$eval(cards.join(','), (els) =>
      els.flatMap((el) =>
        [...el.querySelectorAll('*')]
          .filter((c) => c.getBoundingClientRect().right > el.getBoundingClientRect().right + 0.5)
          .map((c) => c.className || c.tagName),
      ),
    );
    assert.deepEqual(overflow, [], `${locale}: nothing sticks out of the cards`);
  }

  // Screenshots of the two cards, collapsed and expanded, in zh-CN at 375 px.
  await page.click('.lang-btn[data-locale="zh-CN"]');
  await page.evaluate(
    (ids) => {
      for (const el of document.querySelectorAll('.order-card')) el.hidden = !ids.includes(el.dataset.orderId);
    },
    [WEEKEND_PHONE, PROVISIONAL_PHONE],
  );
  await shootElement(page, '#orders', 'rest-day-cards-expanded-375.png');
  for (const card of cards) await page.click(`${card} .toggle-windows`);
  await page.evaluate(
    (ids) => {
      for (const el of document.querySelectorAll('.order-card')) el.hidden = !ids.includes(el.dataset.orderId);
    },
    [WEEKEND_PHONE, PROVISIONAL_PHONE],
  );
  await shootElement(page, '#orders', 'rest-day-cards-375.png');
  await closePage(page);
});

test('switching the locale rebuilds the engine and switches every text', async () => {
  const page = await openPage();
  const orders = await page.evaluate(() => window.__demo.orders());
  const openCard = orders.find((o) => expected(o, DEMO_MS).status === 'open');
  assert.equal(await page.textContent(`[data-order-id="${openCard.id}"] .badge`), '可申请售后');
  assert.equal(await page.textContent('.tb-title'), '我的订单');

  await page.click('.lang-btn[data-locale="en"]');
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.equal(await page.textContent(`[data-order-id="${openCard.id}"] .badge`), t('en', 'badge.open'));
  assert.notEqual(t('en', 'badge.open'), '可申请售后');
  assert.equal(await page.textContent('.tb-title'), 'My orders');
  assert.equal(await page.title(), t('en', 'doc.title'));
  assert.equal(await page.textContent('#pg-title'), t('en', 'pg.title'));
  assertCardsMatch(await readCards(page), orders, DEMO_MS, 'en');
  // No Chinese left in the page chrome (product titles are data, and come in English too).
  const chrome = await page.evaluate(() =>
    [...document.querySelectorAll('[data-i18n], .badge, .countdown, .btn, .order-state, .cat-chip, .clock-mode')]
      .map((e) => e.textContent)
      .join(' '),
  );
  assert.doesNotMatch(chrome, /[\u4e00-\u9fff]/, chrome);
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.screenshot({ path: path.join(ARTIFACTS, 'orders-en-1280x800.png') });

  await page.click('.lang-btn[data-locale="zh-CN"]');
  assert.equal(await page.textContent(`[data-order-id="${openCard.id}"] .badge`), '可申请售后');
  assertCardsMatch(await readCards(page), orders, DEMO_MS, 'zh-CN');
  await closePage(page);
});

test('the playground answers a good order and shows errors with their code and path', async () => {
  const page = await openPage();
  const orders = await page.evaluate(() => window.__demo.orders());
  await page.locator('#playground').scrollIntoViewIfNeeded();

  // Prefilled with a sample order: evaluating it gives the engine's answer.
  const prefilled = JSON.parse(await page.inputValue('#pg-order'));
  await page.click('#pg-eval');
  const answer = page.locator('.pg-answer');
  await answer.waitFor();
  const want = expected(prefilled, DEMO_MS);
  assert.equal(await answer.getAttribute('data-status'), want.status);
  assert.equal(await answer.getAttribute('data-reason-code'), want.reason.code);
  assert.equal(await answer.getAttribute('data-remaining-days'), String(want.remainingDays));
  assert.equal(await page.locator('.pg-answer .window').count(), want.windows.length);
  assert.equal(await page.locator('.pg-answer .category-unknown').count(), want.categoryKnown ? 0 : 1);

  // A misspelt category (contract 3, categoryKnown): answered with the
  // defaults, and a quiet hint names the category.
  await page.fill('#pg-order', JSON.stringify({ ...prefilled, category: 'mobile_phnoe' }, null, 2));
  await page.click('#pg-eval');
  const hint = page.locator('.pg-answer .category-unknown');
  await hint.waitFor();
  assert.equal(await hint.getAttribute('data-category'), 'mobile_phnoe');

  // A numeric id: INVALID_ORDER at `id`.
  await page.fill('#pg-order', JSON.stringify({ ...orders[6], id: 1 }, null, 2));
  await page.click('#pg-eval');
  const error = page.locator('.pg-error');
  await error.waitFor();
  assert.equal(await error.getAttribute('data-error-code'), 'INVALID_ORDER');
  assert.equal(await error.getAttribute('data-error-path'), 'id');
  assert.equal(await page.textContent('.pg-error-path'), 'id');
  await shootElement(page, '#playground', 'playground-error-375.png');

  // Malformed JSON: a parse error.
  await page.fill('#pg-order', '{"id": "T1", "category": ');
  await page.click('#pg-eval');
  assert.equal(await page.locator('.pg-error').getAttribute('data-error-code'), 'PARSE_ERROR');
  assert.equal(await page.locator('.pg-error').getAttribute('data-error-path'), 'order');

  // A bad policy: INVALID_POLICY at its path.
  await page.fill('#pg-order', JSON.stringify(orders[6]));
  await page.fill('#pg-policy', JSON.stringify({ version: 'x', entryDays: 15, categories: { a: { parent: 'nope' } } }));
  await page.click('#pg-eval');
  assert.equal(await page.locator('.pg-error').getAttribute('data-error-code'), 'INVALID_POLICY');
  assert.equal(await page.locator('.pg-error').getAttribute('data-error-path'), 'categories.a.parent');

  // Fixed: an answer again, at the `now` typed in (RFC 3339), under a custom policy.
  const policy = { version: 'custom-1', entryDays: 30 };
  await page.fill('#pg-policy', JSON.stringify(policy));
  await page.fill('#pg-now', '2026-10-25T12:00:00+08:00');
  await page.click('#pg-eval');
  await answer.waitFor();
  const custom = new Engine(policy, { locale: 'zh-CN' });
  const want2 = custom.evaluate(orders[6], Date.parse('2026-10-25T12:00:00+08:00'));
  custom.free();
  assert.equal(await answer.getAttribute('data-status'), want2.status);
  assert.equal(await answer.getAttribute('data-reason-code'), want2.reason.code);
  assert.equal(await answer.getAttribute('data-remaining-days'), String(want2.remainingDays));
  assert.match(await answer.textContent(), /custom-1/);
  await closePage(page);
});

test('a countdown moves from 剩余 2 天 to 剩余 1 天 when the frozen clock crosses its nextChangeAt', async () => {
  // ?now= as typed, with a raw "+" (which a query string would read as a space).
  const page = await openPage(`?now=${DEMO_NOW}`);
  assert.equal(await page.evaluate(() => window.__demo.now()), DEMO_MS);
  const orders = await page.evaluate(() => window.__demo.orders());
  const order = orders.find((o) => expected(o, DEMO_MS).remainingDays === 2);
  assert.ok(order, 'a sample card two days out');
  const card = `[data-order-id="${order.id}"]`;
  const next = Date.parse(expected(order, DEMO_MS).nextChangeAt);
  assert.equal(await page.textContent(`${card} .aftersales .cd-days`), '剩余 2 天');

  // One millisecond before: nothing changes.
  await page.evaluate((ms) => window.__demo.setNow(ms), next - 1);
  assert.equal(await page.textContent(`${card} .aftersales .cd-days`), '剩余 2 天');
  assert.equal(await page.getAttribute(card, 'data-remaining-days'), '2');

  // Across it: the page timer fires, the card re-evaluates.
  await page.evaluate(() => window.__demo.advance(1));
  assert.equal(await page.textContent(`${card} .aftersales .cd-days`), '剩余 1 天');
  assert.equal(await page.getAttribute(card, 'data-remaining-days'), '1');
  assert.ok(await page.isVisible(`${card} .aftersales .hms`), 'HH:MM:SS on the last day');
  assert.equal(await page.textContent(`${card} .aftersales .hms`), '24:00:00');
  assertCardsMatch(await readCards(page), orders, next, 'zh-CN');

  // Past its deadline the entry closes (an order with nothing else: 售后已关闭).
  const deadline = Date.parse(expected(order, next).deadline);
  await page.evaluate((ms) => window.__demo.setNow(ms), deadline);
  assert.equal(await page.getAttribute(card, 'data-status'), expected(order, deadline).status);
  assertCardsMatch(await readCards(page), orders, deadline, 'zh-CN');
  await closePage(page);
});

test('live clock: syncs with the server despite a wrong device clock, ticks HH:MM:SS, fires at nextChangeAt', async () => {
  // A device clock three days slow; the page must answer at the server's time.
  const page = watch(await context.newPage(), 'live');
  await page.clock.install({ time: Date.now() - 3 * DAY });
  await page.goto(server.url);
  await page.waitForFunction(() => document.documentElement.dataset.ready);
  const pageNow = await page.evaluate(() => window.__demo.now());
  assert.ok(Math.abs(pageNow - Date.now()) < 5000, `page clock ${pageNow - Date.now()} ms off the server`);
  assert.ok(
    Math.abs((await page.evaluate(() => Date.now())) - (Date.now() - 3 * DAY)) < 60_000,
    'the device clock is skewed',
  );
  assert.match(await page.textContent('#clock-mode'), /已与服务器校时/);

  const orders = await page.evaluate(() => window.__demo.orders());
  const answers = await page.evaluate(() => window.__demo.answers());
  const now = await page.evaluate(() => window.__demo.now());
  orders.forEach((o, i) => {
    const want = expected(o, now);
    assert.equal(answers[i].status, want.status, o.id);
    assert.equal(answers[i].remainingDays, want.remainingDays, o.id);
  });
  assert.equal(await page.evaluate(() => window.__demo.frozen()), false);

  // A card on its last day: the one-second tick runs and the text moves.
  const lastDay = orders.find((o, i) => answers[i].remainingDays === 1);
  assert.ok(lastDay, 'a last-day card in live mode');
  assert.equal(await page.evaluate(() => window.__demo.ticking()), true);
  const hms = `[data-order-id="${lastDay.id}"] .aftersales .hms`;
  const first = await page.textContent(hms);
  await page.clock.runFor(2000);
  assert.notEqual(await page.textContent(hms), first, 'HH:MM:SS ticks');

  // Jump the (device) clock across the two-day card's nextChangeAt: the page's one timer fires.
  const two = orders.find((o, i) => answers[i].remainingDays === 2);
  const nextChange = Date.parse(expected(two, await page.evaluate(() => window.__demo.now())).nextChangeAt);
  const jump = nextChange - (await page.evaluate(() => window.__demo.now())) + 1000;
  await page.clock.fastForward(jump);
  await page.waitForFunction(
    (id) => document.querySelector(`[data-order-id="${id}"]`).dataset.remainingDays === '1',
    two.id,
  );
  assert.equal(await page.textContent(`[data-order-id="${two.id}"] .aftersales .cd-days`), '剩余 1 天');
  await closePage(page);
});

test('the page logged no console errors and broke no CSP rule', async () => {
  // The detector works: a CSP violation in a scratch page is seen.
  const scratch = await context.newPage();
  const seen = [];
  scratch.on('console', (m) => m.type() === 'error' && seen.push(m.text()));
  await scratch.goto(server.url + `?now=${encodeURIComponent(DEMO_NOW)}`);
  await scratch.waitForFunction(() => document.documentElement.dataset.ready);
  await scratch.evaluate(() => {
    const s = document.createElement('script');
    s.textContent = 'window.__inlineRan = true';
    document.body.append(s);
    document.body.insertAdjacentHTML('beforeend', '<p style="color: red">inline style</p>');
  });
  await scratch.waitForFunction(() => window.__cspViolations.length >= 2);
  assert.equal(await scratch.evaluate(() => window.__inlineRan), undefined, 'an inline script does not run');
  assert.ok(
    seen.some((m) => /Content Security Policy/.test(m)),
    `a violation is a console error: ${seen}`,
  );
  await scratch.close();

  assert.deepEqual(problems, []);
});
