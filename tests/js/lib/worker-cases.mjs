// Checks of shouhoubao/worker shared by every runtime that runs one (Chromium
// with a real module Worker, the jsc shell with emulated wx/my/tt workers):
// the golden vectors through a connected client, each outcome checked
// against its vector and against the engine called directly in the page; an
// error crossing; syncClock sent before any policy; a watch. Plain ES
// module; every check returns a list of failure texts (empty: passed).

import { checkOutcome, isError, runCase, sameJson } from './cases.mjs';
import { INNER_ORDER, asPageHolds } from './page-order.js';

const DAY = 86_400_000;
const show = (v) => {
  try {
    return JSON.stringify(v);
  } catch {
    return String(v);
  }
};

/** An evaluateMany slot's error as `evaluate` would throw it: its path without the `[0]` prefix. */
function thrownFromSlot(error) {
  const thrown = new Error(error.message);
  thrown.code = error.code;
  thrown.path = error.path.replace(/^\[0\]\.?/, '');
  return thrown;
}

/** One case through the worker: a policy message, then evaluateMany of its one order. */
export async function runCaseInWorker(client, c) {
  try {
    await client.policy(c.policy, c.locale === undefined ? undefined : { locale: c.locale });
    const slots = await client.evaluateMany([c.order], c.now);
    if (!Array.isArray(slots) || slots.length !== 1) return { thrown: new Error(`evaluateMany gave ${show(slots)}`) };
    return 'error' in slots[0] ? { thrown: thrownFromSlot(slots[0].error) } : { answer: slots[0] };
  } catch (thrown) {
    return { thrown };
  }
}

/**
 * Every case through the worker: its outcome must pass the vector and equal
 * the engine's own outcome in the page (answers whole; errors by code, path
 * and message). `api` is the page's loaded module ({ Engine }).
 */
export async function checkVectorsThroughWorker(client, api, cases) {
  const failures = [];
  let errors = 0;
  for (const c of cases) {
    const crossed = await runCaseInWorker(client, c);
    const problem = checkOutcome(c, crossed);
    if (problem !== null) failures.push(`${c.file} / ${c.name}: through the worker: ${problem}`);
    const direct = runCase(api, c);
    if ('thrown' in direct) {
      errors++;
      const a = direct.thrown;
      const b = crossed.thrown;
      if (!isError(b) || a.code !== b.code || a.path !== b.path || a.message !== b.message) {
        failures.push(
          `${c.file} / ${c.name}: the page threw ${show({ code: a.code, path: a.path, message: a.message })}, the worker ${b ? show({ error: isError(b), code: b.code, path: b.path, message: b.message }) : 'answered'}`,
        );
      }
    } else if (!('answer' in crossed) || !sameJson(direct.answer, crossed.answer)) {
      failures.push(
        `${c.file} / ${c.name}: the worker's answer differs from the page's: ${show(crossed).slice(0, 400)}`,
      );
    }
  }
  return { failures, vectors: cases.length, errors };
}

/**
 * Every case again, its order as a page holds it (tests/js/lib/page-order.js:
 * items, a shop referring back to it, itself under two names, a throwing
 * getter, a Symbol key, a getter that calls the page's engine for another
 * order while this one is read): through the worker, the outcome must be the
 * plain vector's as the page's own engine gives it, and the call from inside
 * the read must get that other order's own answer. Such an order cannot be copied by
 * postMessage; the bridge reads it by name on the page and posts a tape.
 */
export async function checkPageHeldThroughWorker(client, api, cases) {
  const failures = [];
  let pageHeld = 0;
  const pageEngine = new api.Engine();
  try {
    for (const c of cases) {
      if (c.order === null || typeof c.order !== 'object' || Array.isArray(c.order)) continue;
      pageHeld++;
      const order = asPageHolds(c.order, () => pageEngine.evaluate(INNER_ORDER, c.now));
      const crossed = await runCaseInWorker(client, { ...c, order });
      const direct = runCase(api, c);
      const same =
        'thrown' in direct
          ? isError(crossed.thrown) &&
            crossed.thrown.code === direct.thrown.code &&
            crossed.thrown.path === direct.thrown.path &&
            crossed.thrown.message === direct.thrown.message
          : 'answer' in crossed && sameJson(direct.answer, crossed.answer);
      if (!same) {
        failures.push(
          `${c.file} / ${c.name}: as a page holds it, the worker gave ${show(crossed).slice(0, 300)}, the page ${show(direct).slice(0, 300)}`,
        );
      }
      const inner = order.reentered;
      if ('answer' in direct && 'category' in c.order && inner?.orderId !== INNER_ORDER.id) {
        failures.push(`${c.file} / ${c.name}: the call from inside the read answered ${show(inner).slice(0, 200)}`);
      }
    }
  } finally {
    pageEngine.free();
  }
  return { failures, pageHeld };
}

/**
 * Errors cross as Errors with the engine's code, path and message: a bad
 * policy, a NaN `now` (which JSON alone would turn into "no now") and a bad
 * serverNowMs; a request the worker cannot answer gives WORKER_ERROR. The
 * worker's engine is left as it was.
 */
export async function checkErrorsCross(client, api, now) {
  const failures = [];
  const direct = (call) => {
    try {
      call();
    } catch (e) {
      return e;
    }
    return null;
  };
  const crossed = async (call) => {
    try {
      await call();
    } catch (e) {
      return e;
    }
    return null;
  };
  const order = { id: 'E1', category: 'apparel', status: 'pending' };
  const badPolicy = { version: 'shop-1', entryDays: 15, categories: { phone: { parent: 'nowhere' } } };
  const pairs = [
    ['a policy with an unknown parent', () => new api.Engine(badPolicy), () => client.policy(badPolicy)],
    ['evaluateMany at NaN', () => new api.Engine().evaluateMany([order], NaN), () => client.evaluateMany([order], NaN)],
    [
      'evaluateMany at -Infinity',
      () => new api.Engine().evaluateMany([order], -Infinity),
      () => client.evaluateMany([order], -Infinity),
    ],
    [
      'evaluateMany of a string',
      () => new api.Engine().evaluateMany('orders', now),
      () => client.evaluateMany('orders', now),
    ],
    ['syncClock(Infinity)', () => new api.Engine().syncClock(Infinity), () => client.syncClock(Infinity)],
  ];
  for (const [label, page, worker] of pairs) {
    const a = direct(page);
    const b = await crossed(worker);
    if (a === null) failures.push(`${label}: the page did not throw`);
    else if (!isError(b) || !(b instanceof Error))
      failures.push(`${label}: the worker's rejection is not an Error of this realm: ${show(b)}`);
    else if (a.code !== b.code || a.path !== b.path || a.message !== b.message) {
      failures.push(
        `${label}: page ${show({ code: a.code, path: a.path, message: a.message })}, worker ${show({ code: b.code, path: b.path, message: b.message })}`,
      );
    }
  }
  // The policy that failed did not replace the engine: it still answers with the last good one.
  const good = { version: 'shop-2', entryDays: 9 };
  const pending = [{ id: 'E2', category: 'apparel', status: 'pending' }];
  await client.policy(good, { locale: 'en' });
  const refused = await crossed(() => client.policy(badPolicy));
  const after = await client.evaluateMany(pending, now);
  const expected = new api.Engine(good, { locale: 'en' }).evaluateMany(pending, now);
  if (refused === null || !sameJson(after, expected)) {
    failures.push(
      `after a refused policy the worker answers ${show(after)}, not ${show(expected)} (the last good policy, in English)`,
    );
  }
  return failures;
}

/**
 * `syncClock` sent to a fresh worker before any policy holds for the engines
 * made afterwards: a call without `now` is answered at the synced clock. The
 * instant an answer was made at is its deadlineMs − remainingMs; it must lie
 * between serverNowMs and serverNowMs plus the time this check has taken
 * (measured around it, so no timing is assumed).
 */
export async function checkClockSyncBeforePolicy(freshClient, serverNowMs) {
  const failures = [];
  const order = { id: 'C1', category: 'apparel', status: 'success', successAt: serverNowMs - DAY };
  const startedAt = Date.now();
  const madeAt = (answer) => answer.deadlineMs - answer.remainingMs;
  const within = (label, answer) => {
    const elapsed = Date.now() - startedAt;
    if (answer.status !== 'open' || !(madeAt(answer) >= serverNowMs && madeAt(answer) <= serverNowMs + elapsed)) {
      failures.push(
        `${label}: answered at ${madeAt(answer)} (${answer.status}), not within [${serverNowMs}, ${serverNowMs + elapsed}]`,
      );
    }
  };
  await freshClient.syncClock(serverNowMs);
  await freshClient.policy({ version: 'clock-1', entryDays: 15 });
  within('the first policy after syncClock', (await freshClient.evaluateMany([order]))[0]);
  await freshClient.policy({ version: 'clock-2', entryDays: 20 });
  const [second] = await freshClient.evaluateMany([order]);
  within('a later policy', second);
  if (second.policyVersion !== 'clock-2' || second.deadlineMs !== order.successAt + 20 * DAY) {
    failures.push(`the later policy was not used: ${show(second).slice(0, 300)}`);
  }
  return failures;
}

/** Deep copy without remainingMs (which moves with the clock between two runs). */
function withoutRemainingMs(value) {
  if (Array.isArray(value)) return value.map(withoutRemainingMs);
  if (value === null || typeof value !== 'object') return value;
  const out = {};
  for (const key of Object.keys(value)) if (key !== 'remainingMs') out[key] = withoutRemainingMs(value[key]);
  return out;
}

/**
 * A watch through the worker reports what `engine.watch` reports in the
 * page: the first update after start and the first after update(orders),
 * compared without remainingMs; after stop(), the watch is gone from the
 * worker (update() is refused).
 */
export async function checkWatch(client, api, serverNowMs) {
  const failures = [];
  if (typeof api.Engine.prototype.watch !== 'function') return { failures: ["the package's Engine has no watch()"] };
  const orders = [
    { id: 'W1', category: 'apparel', status: 'success', successAt: serverNowMs - 3 * DAY },
    {
      id: 'W2',
      category: 'mobile_phone',
      status: 'success',
      successAt: serverNowMs - 20 * DAY,
      invoiceAt: serverNowMs - 20 * DAY,
    },
  ];
  const changed = [orders[0], { id: 'W3', category: 'apparel', status: 'pending' }];
  const nextUpdate = () => {
    let resolve;
    const promise = new Promise((r) => {
      resolve = r;
    });
    return { promise, resolve };
  };

  // In the page.
  const engine = new api.Engine();
  engine.syncClock(serverNowMs);
  let pageWaiting = nextUpdate();
  const page = engine.watch(orders, (...args) => pageWaiting.resolve(args));
  const pageFirst = await pageWaiting.promise;
  pageWaiting = nextUpdate();
  page.update(changed);
  const pageSecond = await pageWaiting.promise;
  page.stop();
  engine.free();

  // Through the worker.
  await client.policy(undefined);
  await client.syncClock(serverNowMs);
  let waiting = nextUpdate();
  const watch = await client.watch(orders, (...args) => waiting.resolve(args));
  const first = await waiting.promise;
  waiting = nextUpdate();
  await watch.update(changed);
  const second = await waiting.promise;
  await watch.stop();
  // onUpdate(answers, now): the answers, each call's own now aside.
  if (!sameJson(withoutRemainingMs(first[0]), withoutRemainingMs(pageFirst[0]))) {
    failures.push(
      `the first update differs: worker ${show(first).slice(0, 300)}, page ${show(pageFirst).slice(0, 300)}`,
    );
  }
  if (!sameJson(withoutRemainingMs(second[0]), withoutRemainingMs(pageSecond[0]))) {
    failures.push(
      `the update after update(orders) differs: worker ${show(second).slice(0, 300)}, page ${show(pageSecond).slice(0, 300)}`,
    );
  }
  let afterStop = null;
  try {
    await watch.update(orders);
  } catch (e) {
    afterStop = e;
  }
  if (!isError(afterStop) || afterStop.code !== 'WORKER_ERROR')
    failures.push(`update() after stop() was not refused: ${show(afterStop)}`);
  return { pending: false, failures };
}
