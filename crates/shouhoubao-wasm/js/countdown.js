// The countdown kit (issue 18): keeps a list of orders' after-sales answers
// current with ONE timer, and turns an answer's deadline into the words a
// page shows ("剩余 12 天", "剩余 05:03:09", "Closes in 12 days").
//
// The engine answers for one instant; what a page shows changes only at the
// answers' `nextChangeAtMs` (contract 3 §6, project readings §8). watchOrders
// evaluates the list, sets one timer at the earliest of those instants,
// evaluates again when it fires (or when the page or mini-program is shown
// again: sleeping phones and background tabs delay timers), and so on.
//
// Plain ES2020, no dependencies, no Intl, no import: it takes the engine as a
// parameter and runs unchanged in browsers, Node, JavaScriptCore and the
// mini-program runtimes (WeChat, Alipay, Douyin), which may lack `console`,
// `globalThis`, `clearTimeout` or `document`. Only `export function` and
// `export const` at top level, so that it converts to CommonJS line by line.

/** Milliseconds in a day (contract §1). */
export const DAY_MS = 86400000;

/** The longest delay setTimeout takes (2^31 − 1 ms, about 24.8 days); longer ones fire at once. */
export const MAX_TIMER_DELAY_MS = 2147483647;

/**
 * What watchOrders needs of an engine: `evaluateMany(orders, now)` as the
 * package's Engine has it, and optionally `now()`, the engine's corrected
 * clock (epoch ms).
 * @template Order, Result
 * @typedef {object} CountdownEngine
 * @property {(orders: readonly Order[], now: number) => Result[]} evaluateMany
 * @property {() => number} [now]
 */

/**
 * A timer API: setTimeout and clearTimeout as browsers, Node and the
 * mini-program runtimes have them, or a test's fake.
 * @typedef {object} CountdownScheduler
 * @property {(callback: () => void, delayMs: number) => unknown} setTimeout
 * @property {((handle: any) => void) | undefined} [clearTimeout]
 *   Optional: without it a cancelled timer still fires, and is ignored.
 */

/**
 * Options of watchOrders.
 * @typedef {object} WatchOptions
 * @property {() => number} [now] The clock, epoch ms. Default: `engine.now()`
 *   when the engine has it (its server-corrected clock), else `Date.now()`.
 * @property {boolean} [seconds] Also call onUpdate at every second of the
 *   last day of any answer that is `open` or `support` (its HH:MM:SS), and
 *   only then. Default false.
 * @property {(error: unknown) => void} [onError] Receives an error thrown by
 *   `engine.evaluateMany` for the whole call (a freed engine, a bad list, a
 *   clock giving NaN). The watch then has no timer until the next `update()`
 *   or page show. Without it, the error is thrown: from watchOrders (after
 *   stopping everything), from update(), or from the timer or show event.
 * @property {CountdownScheduler} [scheduler] The timer API. Default the
 *   global setTimeout / clearTimeout.
 * @property {boolean} [showEvents] Listen for the page or mini-program being
 *   shown again (`visibilitychange` to visible and `pageshow` from the
 *   back-forward cache on `document`/`window`; `wx`/`my`/`tt.onAppShow`) and
 *   evaluate at once. Default true.
 */

/**
 * What watchOrders returns.
 * @template Order
 * @typedef {object} OrdersWatch
 * @property {() => void} stop Removes the timer and every listener; onUpdate is not called again.
 * @property {(orders: readonly Order[]) => void} update Watches a new list: evaluates it at once, calls onUpdate, sets the timer again. Does nothing once stopped.
 */

/**
 * Time left before a deadline.
 * @typedef {object} Remaining
 * @property {number} ms Milliseconds left, 0 once the deadline has come.
 * @property {number} days Whole days left, the last partial day counting as one (the contract's remainingDays).
 * @property {number} hours Whole hours of the time left, rounded up to the second (24 at exactly one day left).
 * @property {number} minutes 0–59, of the same.
 * @property {number} seconds 0–59, of the same.
 * @property {boolean} lastDay The last day: 0 < ms ≤ one day (days is 1).
 */

/**
 * An answer or a window as countdown reads it: `deadlineMs`, and for an
 * answer `status`. Error slots (`{ orderId, error }`) have neither.
 * @typedef {object} Countdownable
 * @property {number | null} [deadlineMs]
 * @property {string} [status]
 */

/**
 * Options of formatRemaining.
 * @typedef {object} FormatOptions
 * @property {boolean} [clock] On the last day show HH:MM:SS (default true;
 *   the caller then refreshes it every second, e.g. watchOrders' `seconds`).
 *   false shows "剩余 1 天" / "Closes in 1 day" instead.
 */

/** @param {unknown} value @returns {value is Record<string, unknown>} */
function isObject(value) {
  return typeof value === 'object' && value !== null;
}

/**
 * The epoch ms at which a result's shown fields next change, or null (an
 * error slot, a pending or closed answer).
 * @param {unknown} result
 * @returns {number | null}
 */
function nextChangeOf(result) {
  if (!isObject(result)) return null;
  const at = result.nextChangeAtMs;
  return typeof at === 'number' && isFinite(at) ? at : null;
}

/**
 * When the HH:MM:SS of an open or support answer on its last day next
 * changes (the next whole second before its deadline), or null.
 * @param {unknown} result
 * @param {number} now
 * @returns {number | null}
 */
function nextSecondOf(result, now) {
  if (!isObject(result) || (result.status !== 'open' && result.status !== 'support')) return null;
  const deadline = result.deadlineMs;
  if (typeof deadline !== 'number' || !isFinite(deadline)) return null;
  const left = deadline - now;
  if (left <= 0 || left > DAY_MS) return null;
  return now + (left % 1000 || 1000);
}

/**
 * The earliest instant at which anything shown changes: the answers'
 * nextChangeAtMs, and with `seconds` each last-day answer's next second.
 * @param {unknown[]} results
 * @param {number} now
 * @param {boolean} seconds
 * @returns {number} Infinity when nothing will change.
 */
function earliestChange(results, now, seconds) {
  let earliest = Infinity;
  for (let i = 0; i < results.length; i++) {
    const change = nextChangeOf(results[i]);
    // Past instants are ignored (the contract puts them after now): never a busy loop.
    if (change !== null && change > now && change < earliest) earliest = change;
    if (seconds) {
      const tick = nextSecondOf(results[i], now);
      if (tick !== null && tick < earliest) earliest = tick;
    }
  }
  return earliest;
}

/**
 * The global timer API, or null where there is none.
 * @returns {CountdownScheduler | null}
 */
function globalScheduler() {
  if (typeof setTimeout !== 'function') return null;
  return {
    setTimeout: (callback, delayMs) => setTimeout(callback, delayMs),
    clearTimeout: typeof clearTimeout === 'function' ? (handle) => clearTimeout(handle) : undefined,
  };
}

/**
 * The mini-program API objects that have onAppShow (WeChat wx, Alipay my, Douyin tt).
 * @returns {Array<{ onAppShow: (listener: () => void) => void, offAppShow?: (listener: () => void) => void }>}
 */
function appShowHosts() {
  /** @type {unknown[]} */
  const candidates = [];
  // Each checked with typeof: an undeclared global is a ReferenceError otherwise.
  // @ts-ignore -- mini-program globals, undeclared in the DOM's lib
  if (typeof wx !== 'undefined') candidates.push(wx); // eslint-disable-line no-undef
  // @ts-ignore
  if (typeof my !== 'undefined') candidates.push(my); // eslint-disable-line no-undef
  // @ts-ignore
  if (typeof tt !== 'undefined') candidates.push(tt); // eslint-disable-line no-undef
  /** @type {Array<{ onAppShow: (listener: () => void) => void, offAppShow?: (listener: () => void) => void }>} */
  const hosts = [];
  for (const host of candidates) {
    if (isObject(host) && typeof host.onAppShow === 'function' && hosts.indexOf(/** @type {any} */ (host)) < 0) {
      hosts.push(/** @type {any} */ (host));
    }
  }
  return hosts;
}

/**
 * Listens for the page or mini-program being shown again; returns the
 * function that removes every listener it added.
 * @param {() => void} onShown
 * @returns {() => void}
 */
function listenForShow(onShown) {
  /** @type {Array<() => void>} */
  const removers = [];
  if (typeof document !== 'undefined' && document && typeof document.addEventListener === 'function') {
    const onVisibility = () => {
      if (document.visibilityState === 'visible') onShown();
    };
    document.addEventListener('visibilitychange', onVisibility);
    removers.push(() => document.removeEventListener('visibilitychange', onVisibility));
  }
  if (typeof window !== 'undefined' && window && typeof window.addEventListener === 'function') {
    // pageshow also fires on the first load; only a return from the
    // back-forward cache (persisted) has missed timers.
    /** @param {Event} event */
    const onPageShow = (event) => {
      if (/** @type {PageTransitionEvent} */ (event).persisted) onShown();
    };
    window.addEventListener('pageshow', onPageShow);
    removers.push(() => window.removeEventListener('pageshow', onPageShow));
  }
  const hosts = appShowHosts();
  for (let i = 0; i < hosts.length; i++) {
    const host = hosts[i];
    const onAppShow = () => onShown();
    host.onAppShow(onAppShow);
    removers.push(() => {
      if (typeof host.offAppShow === 'function') host.offAppShow(onAppShow);
    });
  }
  return () => {
    for (let i = 0; i < removers.length; i++) removers[i]();
  };
}

/**
 * Watches a list of orders: calls `onUpdate(answers, now)` at once with
 * `engine.evaluateMany(orders, now)`, then again exactly when anything a page
 * shows can change — one timer for the whole list, at the earliest
 * `nextChangeAtMs` of the answers — and whenever the page or mini-program is
 * shown again. A timer that fires early (or a delay past setTimeout's limit,
 * clamped) is set again without calling onUpdate; one that fires late
 * answers for the real now. The orders array is read again at each
 * evaluation; after changing it call `update()` to see the change at once.
 *
 * An error thrown by onUpdate is not caught: from the first call it stops the
 * watch and is thrown by watchOrders; later, the timer is already set again
 * and the error reaches the host (the timer or event that called it).
 *
 * @template Order, Result
 * @param {CountdownEngine<Order, Result>} engine The package's Engine (or anything with evaluateMany).
 * @param {readonly Order[]} orders
 * @param {(answers: Result[], now: number) => void} onUpdate Receives evaluateMany's array as is, and the now it was evaluated at.
 * @param {WatchOptions} [options]
 * @returns {OrdersWatch<Order>}
 */
export function watchOrders(engine, orders, onUpdate, options) {
  if (!isObject(engine) || typeof engine.evaluateMany !== 'function') {
    throw new TypeError('watchOrders: the first argument must be an engine with evaluateMany(orders, now)');
  }
  if (typeof onUpdate !== 'function') throw new TypeError('watchOrders: onUpdate must be a function');
  const opts = options == null ? {} : options;
  const clock =
    typeof opts.now === 'function'
      ? opts.now
      : typeof engine.now === 'function'
        ? () => /** @type {() => number} */ (engine.now).call(engine)
        : () => Date.now();
  const found = opts.scheduler != null ? opts.scheduler : globalScheduler();
  if (!found || typeof found.setTimeout !== 'function') {
    throw new TypeError('watchOrders: no setTimeout here; pass options.scheduler = { setTimeout, clearTimeout }');
  }
  const scheduler = found;
  const seconds = opts.seconds === true;
  const onError = typeof opts.onError === 'function' ? opts.onError : null;

  let watched = orders;
  let stopped = false;
  /** When the armed timer is due (epoch ms); Infinity when none is. */
  let dueAt = Infinity;
  /** @type {unknown} */
  let timer = null;
  let timerArmed = false;
  /** Counts timers set; a fire whose number is not the latest is ignored (a runtime without clearTimeout). */
  let generation = 0;

  function disarm() {
    generation += 1;
    if (timerArmed && typeof scheduler.clearTimeout === 'function') scheduler.clearTimeout(timer);
    timerArmed = false;
    timer = null;
  }

  /** @param {number} now */
  function arm(now) {
    disarm();
    if (stopped || !(dueAt < Infinity)) return;
    const delay = Math.min(Math.max(dueAt - now, 0), MAX_TIMER_DELAY_MS);
    const mine = generation;
    timerArmed = true;
    timer = scheduler.setTimeout(() => onTimer(mine), delay);
  }

  /** @param {number} mine */
  function onTimer(mine) {
    if (stopped || mine !== generation) return;
    timerArmed = false;
    timer = null;
    const now = Math.floor(clock());
    if (now < dueAt)
      arm(now); // early, or the first part of a clamped delay
    else evaluate();
  }

  /** Evaluates the list for the real now, sets the timer, calls onUpdate. */
  function evaluate() {
    if (stopped) return;
    const now = Math.floor(clock());
    /** @type {Result[]} */
    let answers;
    try {
      answers = engine.evaluateMany(watched, now);
    } catch (error) {
      dueAt = Infinity;
      disarm();
      if (onError) {
        onError(error);
        return;
      }
      throw error;
    }
    dueAt = earliestChange(answers, now, seconds);
    arm(now);
    onUpdate(answers, now);
  }

  const removeShowListeners = opts.showEvents === false ? () => {} : listenForShow(() => evaluate());

  function stop() {
    if (stopped) return;
    stopped = true;
    dueAt = Infinity;
    disarm();
    removeShowListeners();
  }

  try {
    evaluate();
  } catch (error) {
    stop();
    throw error;
  }

  return {
    stop,
    update(nextOrders) {
      if (stopped) return;
      watched = nextOrders;
      evaluate();
    },
  };
}

/**
 * Time left before an answer's or a window's deadline (`deadlineMs`) at
 * `now`: null when it has none (a pending order, a closed one, an error
 * slot); all zero once the deadline has come. Reads only `deadlineMs`: an
 * expired answer's deadline is past, so it gives zero.
 * @param {Countdownable | null | undefined} answerOrWindow
 * @param {number} now epoch ms (floored)
 * @returns {Remaining | null}
 */
export function remaining(answerOrWindow, now) {
  if (typeof now !== 'number' || !isFinite(now))
    throw new RangeError('remaining: now must be a finite number of epoch ms');
  if (!isObject(answerOrWindow)) return null;
  const deadline = answerOrWindow.deadlineMs;
  if (typeof deadline !== 'number' || !isFinite(deadline)) return null;
  const ms = Math.max(0, deadline - Math.floor(now));
  const totalSeconds = Math.ceil(ms / 1000);
  return {
    ms,
    days: Math.ceil(ms / DAY_MS),
    hours: Math.floor(totalSeconds / 3600),
    minutes: Math.floor(totalSeconds / 60) % 60,
    seconds: totalSeconds % 60,
    lastDay: ms > 0 && ms <= DAY_MS,
  };
}

/** @param {number} n */
function twoDigits(n) {
  return n < 10 ? '0' + n : String(n);
}

/**
 * 'en' for `en` and `en-*`; 'zh' for `zh-CN`, `zh`, `zh-*` and no locale.
 * @param {string | undefined} locale
 * @returns {'en' | 'zh'}
 */
function language(locale) {
  if (locale === undefined || locale === null) return 'zh';
  const lower = String(locale).toLowerCase();
  if (lower === 'en' || lower.indexOf('en-') === 0) return 'en';
  if (lower === 'zh' || lower.indexOf('zh-') === 0) return 'zh';
  throw new RangeError('formatRemaining: locale ' + JSON.stringify(locale) + ' is neither zh-CN nor en');
}

/** What a countdown that has run out says. */
export const CLOSED_TEXT = { 'zh-CN': '已截止', en: 'Closed' };

/**
 * The countdown a page shows for an answer or a window at `now`:
 *   - more than a day left: "剩余 12 天" / "Closes in 12 days" ("Closes in 1 day");
 *   - the last day (0 < left ≤ 24 h): "剩余 05:03:09" / "05:03:09 left", the
 *     time rounded up to the second (so the last second reads 00:00:01 and
 *     exactly a day reads 24:00:00); with `{ clock: false }` "剩余 1 天" /
 *     "Closes in 1 day";
 *   - nothing left — the deadline is now or past, an answer whose status is
 *     `closed` (expired or 交易关闭): "已截止" / "Closed";
 *   - nothing to count — a `pending` answer, an error slot, no deadline: null.
 * An answer's status wins over its deadline: a closed answer is "已截止" even
 * for an earlier now. A window is read by its deadline alone.
 * @param {Countdownable | null | undefined} answerOrWindow
 * @param {number} now epoch ms
 * @param {string} [locale] 'zh-CN' (default) or 'en' (also 'zh', 'zh-*', 'en-*')
 * @param {FormatOptions} [options]
 * @returns {string | null}
 */
export function formatRemaining(answerOrWindow, now, locale, options) {
  const lang = language(locale);
  if (!isObject(answerOrWindow)) return null;
  const status = answerOrWindow.status;
  if (status === 'pending') return null;
  const closed = lang === 'en' ? CLOSED_TEXT.en : CLOSED_TEXT['zh-CN'];
  if (status === 'closed') return closed;
  const left = remaining(answerOrWindow, now);
  if (left === null) return null;
  if (left.ms === 0) return closed;
  const showClock = !(options != null && options.clock === false);
  if (left.lastDay && showClock) {
    const hms = twoDigits(left.hours) + ':' + twoDigits(left.minutes) + ':' + twoDigits(left.seconds);
    return lang === 'en' ? hms + ' left' : '剩余 ' + hms;
  }
  if (lang === 'en') return 'Closes in ' + left.days + (left.days === 1 ? ' day' : ' days');
  return '剩余 ' + left.days + ' 天';
}
