// Hostile input through the JS API (contract §7, §8): non-finite and
// out-of-range numbers, impossible dates, leap seconds, absurd offsets, huge
// strings, deep nesting, prototype keys, every wrong type in every field,
// null and undefined everywhere, a million-order batch. Every call must end
// in an answer the contract allows or an Error with `code` and the field's
// `path` — never a wasm trap (RuntimeError) or a bare TypeError — and the
// engine must keep answering afterwards.
//
//   node --test tests/js/hostile.test.mjs      (pkg/ built: scripts/build-pkg.sh)

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { checkOutcome, glueUrl, isError, loadCases, root, wasmPath } from './lib/golden.mjs';

const api = await import(glueUrl);
const wasm = api.initSync({ module: readFileSync(wasmPath) });
const { Engine, evaluate } = api;

/** The one engine every order test goes through; it must still be right at the end. */
const engine = new Engine();

const DAY = 86_400_000;
// 2021-09-15T10:00:00+08:00
const NOW = 1631671200000;
const MIN_MS = -62135596800000; // 0001-01-01T00:00:00Z
const MAX_MS = 253402300799999; // 9999-12-31T23:59:59.999Z
const CODES = ['INVALID_ORDER', 'INVALID_POLICY', 'INVALID_ARGUMENT'];
// Output instants (§1, §8): RFC 3339 to the second, `.sss` when needed; a
// year past 9999 is written as an expanded year, a sign and six digits, as
// ECMAScript reads it (`+010000-01-09T00:00:00+08:00`), and only then.
const INSTANT_OUT = /^(?:\d{4}|\+0[1-9]\d{4}|\+[1-9]\d{5})-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?[+-]\d{2}:\d{2}$/;
const DATE_OUT = /^(?:\d{4}|\+0[1-9]\d{4}|\+[1-9]\d{5})-\d{2}-\d{2}$/;
/** Epoch ms of an output instant. */
const parseOut = (s) => Date.parse(s);

// A phone with every optional field set: each field below is replaced in turn.
const ORDER = Object.freeze({
  id: 'H1',
  category: 'mobile_phone',
  status: 'success',
  successAt: '2021-09-01T12:00:00+08:00',
  deliveredAt: '2021-08-31T18:00:00+08:00',
  invoiceAt: '2021-08-30',
  repairDays: 3,
  exchangedAt: '2021-09-05',
  merchantPromises: [
    { service: 'repair', days: 400, from: 'invoice' },
    { service: 'exchange', months: 24, from: 'delivery' },
  ],
});

const POLICY = Object.freeze({
  version: 'hostile-1',
  utcOffsetMinutes: 480,
  holidays: ['2021-10-01', '2021-10-02'],
  entryDays: 15,
  noReasonReturnDays: 7,
  categories: {
    root: { entryDays: 30 },
    c: {
      parent: 'root',
      entryDays: 20,
      noReasonReturn: true,
      threeGuarantees: { returnDays: 7, exchangeDays: 15, warrantyMonths: 12, parts: { battery: 6 } },
      longDiscoveryDays: 90,
    },
  },
});
const POLICY_ORDER = Object.freeze({
  id: 'P1',
  category: 'c',
  status: 'success',
  successAt: '2021-09-01T12:00:00+08:00',
  invoiceAt: '2021-08-30',
});

// ------------------------------------------------------------------ helpers

function show(v) {
  if (typeof v === 'symbol') return v.toString();
  if (typeof v === 'bigint') return `${v}n`;
  if (typeof v === 'function') return 'a function';
  if (v === undefined) return 'undefined';
  if (typeof v === 'number') return Object.is(v, -0) ? '-0' : String(v);
  if (typeof v === 'string') return v.length > 80 ? `a ${v.length}-char string` : JSON.stringify(v);
  try {
    const s = JSON.stringify(v);
    return s.length > 80 ? `${s.slice(0, 77)}...` : s;
  } catch {
    return String(v);
  }
}
const clip = (s) => (typeof s === 'string' && s.length > 160 ? `${s.slice(0, 157)}...` : s);

/** `path` with `[i]` put before it, as evaluateMany reports a slot's error. */
const slotPath = (i, path) => (path === '' ? `[${i}]` : path.startsWith('[') ? `[${i}]${path}` : `[${i}].${path}`);

/** Runs `fn`: { answer } or { thrown }. */
function attempt(fn) {
  try {
    return { answer: fn() };
  } catch (thrown) {
    return { thrown };
  }
}

/** What is wrong with a thrown value that should be an engine error (null if nothing). */
function thrownProblem(e, code, path) {
  if (e instanceof WebAssembly.RuntimeError) return `a wasm trap: RuntimeError: ${e.message}`;
  if (!isError(e)) return `threw a non-Error ${show(e)}`;
  if (!CODES.includes(e.code)) return `threw ${e.name}: ${clip(e.message)} (no engine code)`;
  const pathOk =
    typeof e.path === 'string' && (path === undefined || (typeof path === 'function' ? path(e.path) : e.path === path));
  if (e.code !== code || !pathOk) {
    return `threw ${e.code} at ${show(e.path)} (${clip(e.message)}), expected ${code} at ${typeof path === 'function' ? 'a path' : show(path)}`;
  }
  if (typeof e.message !== 'string' || e.message === '') return 'an error without a message';
  return null;
}

/** Pushes a problem unless `fn` throws the engine error `code` at `path` (string, or predicate). */
function expectError(problems, label, fn, code, path) {
  const r = attempt(fn);
  if ('thrown' in r) {
    const p = thrownProblem(r.thrown, code, path);
    if (p) problems.push(`${label}: ${p}`);
    return r.thrown;
  }
  const got =
    r.answer?.status !== undefined
      ? `answered (status ${show(r.answer.status)})`
      : Array.isArray(r.answer)
        ? `answered (${r.answer.length} slots)`
        : 'succeeded';
  problems.push(`${label}: ${got}, expected ${code} at ${typeof path === 'function' ? 'a path' : show(path)}`);
  return undefined;
}

/** Pushes a problem unless `fn` answers; returns the answer. */
function expectAnswer(problems, label, fn) {
  const r = attempt(fn);
  if ('thrown' in r) {
    const e = r.thrown;
    const what =
      e instanceof WebAssembly.RuntimeError
        ? 'a wasm trap: RuntimeError'
        : `${e?.name} ${e?.code ?? ''} at ${show(e?.path)}`;
    problems.push(`${label}: threw ${what} (${clip(e?.message)}), expected an answer`);
    return undefined;
  }
  return r.answer;
}

/** Reasons an answer is not sane at `now` (contract §6), as a list. */
function insanity(answer, now, orderId) {
  const p = [];
  if (answer === null || typeof answer !== 'object') return [`the answer is ${show(answer)}`];
  if (answer.orderId !== orderId) p.push(`orderId ${show(answer.orderId)}`);
  const instant = (s, where) => {
    if (typeof s !== 'string' || !INSTANT_OUT.test(s)) p.push(`${where} ${show(s)} is not an output instant (§1, §8)`);
    const ms = typeof s === 'string' ? parseOut(s) : NaN;
    if (!Number.isFinite(ms)) p.push(`${where} ${show(s)} does not parse as a date`);
    return ms;
  };
  let last = -Infinity;
  for (const [i, w] of (answer.windows ?? []).entries()) {
    const d = instant(w.deadline, `windows[${i}].deadline`);
    if (d < last) p.push(`windows[${i}] is out of deadline order`);
    last = Math.max(last, d);
    if (Number.isFinite(d)) {
      if (w.active !== d > now) p.push(`windows[${i}].active ${w.active} with deadline ${w.deadline}`);
      const days = d > now ? Math.ceil((d - now) / DAY) : 0;
      if (w.remainingDays !== days) p.push(`windows[${i}].remainingDays ${w.remainingDays}, expected ${days}`);
    }
    if (typeof w.basis?.anchorDate !== 'string' || !DATE_OUT.test(w.basis.anchorDate)) {
      p.push(
        `windows[${i}].basis.anchorDate ${show(w.basis?.anchorDate)} is not YYYY-MM-DD (or +YYYYY-MM-DD past 9999)`,
      );
    }
  }
  switch (answer.status) {
    case 'open':
    case 'support': {
      const d = instant(answer.deadline, 'deadline');
      if (Number.isFinite(d) && answer.remainingMs !== d - now)
        p.push(`remainingMs ${answer.remainingMs}, deadline − now is ${d - now}`);
      if (answer.remainingDays !== Math.ceil(answer.remainingMs / DAY)) p.push(`remainingDays ${answer.remainingDays}`);
      if (answer.nextChangeAt !== null) {
        const n = instant(answer.nextChangeAt, 'nextChangeAt');
        if (!(n > now)) p.push(`nextChangeAt ${answer.nextChangeAt} is not after now`);
      }
      break;
    }
    case 'closed':
    case 'pending':
      if (answer.reason?.code === 'EXPIRED') {
        if (answer.remainingMs !== 0 || answer.remainingDays !== 0) p.push('an expired answer with time left');
        instant(answer.deadline, 'deadline');
      } else if (answer.deadline !== null || answer.windows?.length !== 0) {
        p.push(`a ${answer.reason?.code} answer with a deadline or windows`);
      }
      break;
    default:
      p.push(`status ${show(answer.status)}`);
  }
  return p;
}

/** A deep copy of `base` with `value` at `segments` (['merchantPromises', 0, 'days']). */
function withValue(base, segments, value) {
  const copy = structuredClone(base);
  let at = copy;
  for (const s of segments.slice(0, -1)) at = at[s];
  at[segments.at(-1)] = value;
  return copy;
}
function without(base, segments) {
  const copy = structuredClone(base);
  let at = copy;
  for (const s of segments.slice(0, -1)) at = at[s];
  delete at[segments.at(-1)];
  return copy;
}
const segmentsOf = (path) => path.split(/\.|(?=\[)/).map((s) => (s.startsWith('[') ? Number(s.slice(1, -1)) : s));

function kindOf(v) {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

/** One value of every kind a JS caller can pass. */
const EVERY_TYPE = [null, undefined, true, false, 3, 'text', [1], { a: 1 }, 3n, Symbol('s'), () => 1];

function assertNoProblems(problems) {
  const shown = problems.slice(0, 60);
  const more = problems.length > shown.length ? `\n  … and ${problems.length - shown.length} more` : '';
  assert.ok(problems.length === 0, `${problems.length} problem(s):\n  ${shown.join('\n  ')}${more}`);
}

/** Runs a Node child with `code` as an ES module from the repository root. */
function runChild(code, { env = {}, timeout = 120_000 } = {}) {
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', code], {
    cwd: root,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout,
    maxBuffer: 1 << 26,
  });
  return { status: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr, error: r.error };
}

// ------------------------------------------------------------------ the fields

// Each field: its path, whether it is required (null/undefined/absent an
// error at `nullPath`, default its own path), and a valid value of each kind
// it accepts. Every other kind is an error at the field's own path.
const ORDER_FIELDS = [
  { path: 'id', required: true, accepts: { string: 'Z9' } },
  { path: 'category', required: true, accepts: { string: 'apparel' } },
  { path: 'status', required: true, accepts: { string: 'closed' } },
  // Required for a "success" order.
  { path: 'successAt', required: true, accepts: { string: '2021-09-02T00:00:00Z', number: 1630540800000 } },
  { path: 'deliveredAt', accepts: { string: '2021-09-02T00:00:00-05:00', number: 1630540800000 } },
  { path: 'invoiceAt', accepts: { string: '2021-08-29', number: 1630540800000 } },
  { path: 'repairDays', accepts: { number: 0 } },
  { path: 'exchangedAt', accepts: { string: '2021-09-06T23:30:00+08:00', number: 1630540800000 } },
  { path: 'merchantPromises', accepts: { array: [] } },
  {
    path: 'merchantPromises[0]',
    required: true,
    accepts: { object: { service: 'return', days: 30, from: 'success' } },
  },
  { path: 'merchantPromises[0].service', required: true, accepts: { string: 'return' } },
  { path: 'merchantPromises[0].days', required: true, nullPath: 'merchantPromises[0]', accepts: { number: 10 } },
  { path: 'merchantPromises[0].from', required: true, accepts: { string: 'success' } },
  { path: 'merchantPromises[1].months', required: true, nullPath: 'merchantPromises[1]', accepts: { number: 6 } },
];

const POLICY_FIELDS = [
  { path: 'version', required: true, accepts: { string: 'v2' } },
  { path: 'utcOffsetMinutes', accepts: { number: 0 } },
  { path: 'holidays', accepts: { array: [] } },
  { path: 'holidays[0]', required: true, accepts: { string: '2021-10-03' } },
  { path: 'entryDays', required: true, accepts: { number: 10 } },
  { path: 'noReasonReturnDays', accepts: { number: 3 } },
  { path: 'categories', accepts: { object: {} } },
  // A category or a part set to null: either absent or an error at its path.
  { path: 'categories.c', nullEither: true, accepts: { object: {} } },
  { path: 'categories.c.parent', accepts: { string: 'root' } },
  { path: 'categories.c.entryDays', accepts: { number: 40 } },
  { path: 'categories.c.noReasonReturn', accepts: { boolean: false } },
  { path: 'categories.c.threeGuarantees', accepts: { object: { returnDays: 1, exchangeDays: 2, warrantyMonths: 3 } } },
  { path: 'categories.c.threeGuarantees.returnDays', required: true, accepts: { number: 1 } },
  { path: 'categories.c.threeGuarantees.exchangeDays', required: true, accepts: { number: 2 } },
  { path: 'categories.c.threeGuarantees.warrantyMonths', required: true, accepts: { number: 3 } },
  { path: 'categories.c.threeGuarantees.parts', accepts: { object: {} } },
  { path: 'categories.c.threeGuarantees.parts.battery', nullEither: true, accepts: { number: 9 } },
  { path: 'categories.c.longDiscoveryDays', accepts: { number: 30 } },
];

const WHOLE_ORDER_FIELDS = ['repairDays', 'merchantPromises[0].days', 'merchantPromises[1].months'];
const WHOLE_POLICY_FIELDS = POLICY_FIELDS.filter(
  (f) => f.accepts.number !== undefined && f.path !== 'utcOffsetMinutes',
).map((f) => f.path);
const INSTANT_FIELDS = ['successAt', 'deliveredAt'];
const DATE_FIELDS = ['invoiceAt', 'exchangedAt'];

// ------------------------------------------------------------------ tests

describe('every order field with every type, null and undefined', () => {
  for (const field of ORDER_FIELDS) {
    test(`order.${field.path}`, () => {
      const problems = [];
      const segments = segmentsOf(field.path);
      const absentAnswer = field.required ? undefined : engine.evaluate(without(ORDER, segments), NOW);
      const batch = [];
      const expectations = [];
      const variants = [
        ...EVERY_TYPE.map((v) => ({ label: show(v), value: v, present: true })),
        { label: '(absent)', present: false },
      ];
      for (const { label: valueLabel, value, present } of variants) {
        const kind = present ? kindOf(value) : 'undefined';
        const accepted = field.accepts[kind];
        const order = !present
          ? without(ORDER, segments)
          : withValue(ORDER, segments, accepted !== undefined ? accepted : value);
        const label = `${field.path} = ${accepted !== undefined ? show(accepted) : valueLabel}`;
        let expected;
        if (kind === 'null' || kind === 'undefined') {
          expected = field.required ? { error: field.nullPath ?? field.path } : { same: absentAnswer };
        } else if (accepted !== undefined) {
          expected = { answer: true };
        } else {
          expected = { error: field.path };
        }
        let answer;
        if (expected.error !== undefined) {
          expectError(problems, label, () => engine.evaluate(order, NOW), 'INVALID_ORDER', expected.error);
        } else {
          answer = expectAnswer(problems, label, () => engine.evaluate(order, NOW));
          if (answer && expected.same) {
            try {
              assert.deepStrictEqual(answer, expected.same);
            } catch {
              problems.push(`${label}: the answer differs from the answer without the field`);
            }
          }
          if (answer) {
            const id = typeof order.id === 'string' ? order.id : null;
            for (const p of insanity(answer, NOW, id)) problems.push(`${label}: ${p}`);
          }
        }
        batch.push(order);
        expectations.push({ label, expected, answer });
      }
      // The same orders in one evaluateMany: each slot as evaluate answered it.
      const slots = expectAnswer(problems, 'evaluateMany', () => engine.evaluateMany(batch, NOW));
      if (slots) {
        if (slots.length !== batch.length)
          problems.push(`evaluateMany: ${slots.length} slots for ${batch.length} orders`);
        expectations.forEach(({ label, expected, answer }, i) => {
          const slot = slots[i];
          if (expected.error !== undefined) {
            const want = slotPath(i, expected.error);
            if (slot?.error?.code !== 'INVALID_ORDER' || slot.error.path !== want) {
              problems.push(
                `evaluateMany ${label}: slot ${show(slot?.error ?? slot)}, expected INVALID_ORDER at ${want}`,
              );
            }
            const id = typeof batch[i].id === 'string' ? batch[i].id : null;
            if (slot?.orderId !== id)
              problems.push(`evaluateMany ${label}: orderId ${show(slot?.orderId)}, expected ${show(id)}`);
          } else if (answer) {
            try {
              assert.deepStrictEqual(slot, answer);
            } catch {
              problems.push(`evaluateMany ${label}: the slot is not evaluate's answer`);
            }
          }
        });
      }
      assertNoProblems(problems);
    });
  }
});

test('the order itself: every type (evaluate, evaluateMany, top-level evaluate)', () => {
  const problems = [];
  const values = [...EVERY_TYPE, 'an order', [ORDER], new Date(NOW)];
  for (const value of values) {
    expectError(
      problems,
      `evaluate(${show(value)})`,
      () => engine.evaluate(value, NOW),
      'INVALID_ORDER',
      (p) => p === '' || p === 'id',
    );
    expectError(
      problems,
      `top-level evaluate(${show(value)})`,
      () => evaluate(value, undefined, NOW),
      'INVALID_ORDER',
      (p) => p === '' || p === 'id',
    );
  }
  const slots = expectAnswer(problems, 'evaluateMany', () => engine.evaluateMany([...values, ORDER], NOW));
  if (slots) {
    values.forEach((value, i) => {
      const slot = slots[i];
      if (
        slot?.error?.code !== 'INVALID_ORDER' ||
        (slot.error.path !== `[${i}]` && slot.error.path !== `[${i}].id`) ||
        slot.orderId !== null
      ) {
        problems.push(`evaluateMany slot ${i} (${show(value)}): ${show(slot)}`);
      }
    });
    if (slots.at(-1)?.orderId !== 'H1' || slots.at(-1).error)
      problems.push('evaluateMany: the good order after them is not answered');
  }
  for (const orders of [
    null,
    undefined,
    'orders',
    3,
    { 0: ORDER, length: 1 },
    new Set([ORDER]),
    3n,
    Symbol('orders'),
    () => [ORDER],
  ]) {
    expectError(
      problems,
      `evaluateMany(${show(orders)})`,
      () => engine.evaluateMany(orders, NOW),
      'INVALID_ARGUMENT',
      'orders',
    );
  }
  // A sparse array: its holes are undefined orders.
  const sparse = engine.evaluateMany([, ORDER, ,], NOW); // eslint-disable-line no-sparse-arrays
  if (
    sparse.length !== 3 ||
    sparse[0].error?.path !== '[0]' ||
    sparse[1].orderId !== 'H1' ||
    sparse[2].error?.path !== '[2]'
  ) {
    problems.push(`a sparse batch: ${show(sparse)}`);
  }
  assertNoProblems(problems);
});

describe('every policy field with every type, null and undefined', () => {
  const reference = new Engine(POLICY).evaluate(POLICY_ORDER, NOW);
  test('the base policy answers', () => {
    assert.equal(reference.policyVersion, 'hostile-1');
    assert.equal(reference.reason.code, 'ENTRY_CATEGORY');
  });
  for (const field of POLICY_FIELDS) {
    test(`policy.${field.path}`, () => {
      const problems = [];
      const segments = segmentsOf(field.path);
      const absent = field.required ? undefined : new Engine(without(POLICY, segments)).evaluate(POLICY_ORDER, NOW);
      const variants = [...EVERY_TYPE.map((v) => ({ value: v, present: true })), { present: false }];
      for (const { value, present } of variants) {
        const kind = present ? kindOf(value) : 'undefined';
        const accepted = field.accepts[kind];
        const policy = !present
          ? without(POLICY, segments)
          : withValue(POLICY, segments, accepted !== undefined ? accepted : value);
        const label = `${field.path} = ${!present ? '(absent)' : show(accepted !== undefined ? accepted : value)}`;
        const make = () => new Engine(policy);
        if (kind === 'null' || kind === 'undefined') {
          if (field.required) {
            expectError(problems, label, make, 'INVALID_POLICY', field.nullPath ?? field.path);
            expectError(
              problems,
              `${label} (top-level evaluate)`,
              () => evaluate(POLICY_ORDER, policy, NOW),
              'INVALID_POLICY',
              field.nullPath ?? field.path,
            );
          } else if (field.nullEither) {
            const r = attempt(make);
            if ('thrown' in r) {
              const p = thrownProblem(r.thrown, 'INVALID_POLICY', field.path);
              if (p) problems.push(`${label}: ${p}`);
            }
          } else {
            const e = expectAnswer(problems, label, make);
            const answer = e && expectAnswer(problems, `${label}: evaluate`, () => e.evaluate(POLICY_ORDER, NOW));
            if (answer) {
              try {
                assert.deepStrictEqual(answer, absent);
              } catch {
                problems.push(`${label}: the answer differs from the answer without the field`);
              }
            }
          }
        } else if (accepted !== undefined) {
          const e = expectAnswer(problems, label, make);
          const answer = e && expectAnswer(problems, `${label}: evaluate`, () => e.evaluate(POLICY_ORDER, NOW));
          if (answer) for (const p of insanity(answer, NOW, POLICY_ORDER.id)) problems.push(`${label}: ${p}`);
        } else {
          expectError(problems, label, make, 'INVALID_POLICY', field.path);
          expectError(
            problems,
            `${label} (top-level evaluate)`,
            () => evaluate(POLICY_ORDER, policy, NOW),
            'INVALID_POLICY',
            field.path,
          );
        }
      }
      assertNoProblems(problems);
    });
  }

  test('the policy itself: every type', () => {
    const problems = [];
    for (const value of EVERY_TYPE) {
      if (value === null || value === undefined) {
        // No policy: the embedded default.
        const e = expectAnswer(problems, `new Engine(${show(value)})`, () => new Engine(value));
        if (e && e.policyVersion !== api.defaultPolicy().version)
          problems.push(`new Engine(${show(value)}): not the default policy`);
        continue;
      }
      // An object is a policy (missing its version); anything else is not.
      const path = kindOf(value) === 'object' ? 'version' : '';
      expectError(problems, `new Engine(${show(value)})`, () => new Engine(value), 'INVALID_POLICY', path);
      expectError(
        problems,
        `evaluate(order, ${show(value)})`,
        () => evaluate(POLICY_ORDER, value, NOW),
        'INVALID_POLICY',
        path,
      );
    }
    assertNoProblems(problems);
  });
});

describe('numbers at the edges in every number field', () => {
  const BAD = [NaN, Infinity, -Infinity, 2 ** 53 + 1, -(2 ** 53 + 1), 1.5, -1, 1e300, Number.MIN_VALUE];

  test('order whole numbers: NaN, ±Infinity, 2^53+1, fractions, negatives are errors; -0 is 0', () => {
    const problems = [];
    for (const path of WHOLE_ORDER_FIELDS) {
      const segments = segmentsOf(path);
      for (const v of BAD) {
        expectError(
          problems,
          `${path} = ${show(v)}`,
          () => engine.evaluate(withValue(ORDER, segments, v), NOW),
          'INVALID_ORDER',
          path,
        );
      }
      const zero = expectAnswer(problems, `${path} = 0`, () => engine.evaluate(withValue(ORDER, segments, 0), NOW));
      const negZero = expectAnswer(problems, `${path} = -0`, () =>
        engine.evaluate(withValue(ORDER, segments, -0), NOW),
      );
      if (zero && negZero) {
        try {
          assert.deepStrictEqual(negZero, zero);
        } catch {
          problems.push(`${path} = -0: not the answer for 0`);
        }
      }
      expectAnswer(problems, `${path} = 15.0`, () => engine.evaluate(withValue(ORDER, segments, 15.0), NOW));
    }
    // Over 100 years.
    expectError(
      problems,
      'repairDays = 36526',
      () => engine.evaluate({ ...ORDER, repairDays: 36526 }, NOW),
      'INVALID_ORDER',
      'repairDays',
    );
    expectError(
      problems,
      'days = 36526',
      () => engine.evaluate(withValue(ORDER, ['merchantPromises', 0, 'days'], 36526), NOW),
      'INVALID_ORDER',
      'merchantPromises[0].days',
    );
    expectError(
      problems,
      'months = 1201',
      () => engine.evaluate(withValue(ORDER, ['merchantPromises', 1, 'months'], 1201), NOW),
      'INVALID_ORDER',
      'merchantPromises[1].months',
    );
    assertNoProblems(problems);
  });

  test('policy whole numbers and utcOffsetMinutes: the same', () => {
    const problems = [];
    for (const path of [...WHOLE_POLICY_FIELDS, 'utcOffsetMinutes']) {
      const segments = segmentsOf(path);
      for (const v of BAD.filter((x) => path !== 'utcOffsetMinutes' || x !== -1)) {
        expectError(
          problems,
          `${path} = ${show(v)}`,
          () => new Engine(withValue(POLICY, segments, v)),
          'INVALID_POLICY',
          path,
        );
      }
      const zero = expectAnswer(problems, `${path} = 0`, () =>
        new Engine(withValue(POLICY, segments, 0)).evaluate(POLICY_ORDER, NOW),
      );
      const negZero = expectAnswer(problems, `${path} = -0`, () =>
        new Engine(withValue(POLICY, segments, -0)).evaluate(POLICY_ORDER, NOW),
      );
      if (zero && negZero) {
        try {
          assert.deepStrictEqual(negZero, zero);
        } catch {
          problems.push(`${path} = -0: not the answer for 0`);
        }
      }
    }
    for (const v of [-721, 841, 1e9]) {
      expectError(
        problems,
        `utcOffsetMinutes = ${v}`,
        () => new Engine({ ...POLICY, utcOffsetMinutes: v }),
        'INVALID_POLICY',
        'utcOffsetMinutes',
      );
    }
    for (const v of [-720, 840]) {
      const e = expectAnswer(problems, `utcOffsetMinutes = ${v}`, () => new Engine({ ...POLICY, utcOffsetMinutes: v }));
      const a = e && expectAnswer(problems, `utcOffsetMinutes = ${v}: evaluate`, () => e.evaluate(POLICY_ORDER, NOW));
      if (a) for (const p of insanity(a, NOW, 'P1')) problems.push(`utcOffsetMinutes = ${v}: ${p}`);
    }
    expectError(
      problems,
      'entryDays = 36526',
      () => new Engine({ ...POLICY, entryDays: 36526 }),
      'INVALID_POLICY',
      'entryDays',
    );
    expectError(
      problems,
      'warrantyMonths = 1201',
      () => new Engine(withValue(POLICY, segmentsOf('categories.c.threeGuarantees.warrantyMonths'), 1201)),
      'INVALID_POLICY',
      'categories.c.threeGuarantees.warrantyMonths',
    );
    assertNoProblems(problems);
  });
});

describe('instants and dates at the edges', () => {
  // Errors in every instant and date field, as numbers and as strings.
  const BAD_EVERYWHERE = [
    NaN,
    Infinity,
    -Infinity,
    2 ** 53 + 1,
    -(2 ** 53 + 1),
    8.64e15,
    -8.64e15,
    MAX_MS + 1,
    MIN_MS - 1,
    1e300,
    'NaN',
    'Infinity',
    '-Infinity',
    '-0',
    '9007199254740993',
    '8.64e15',
    '',
    '0000-01-01T00:00:00Z',
    '0000-12-31T23:59:59Z',
    '0001-01-01T00:00:00+08:00',
    '10000-01-01T00:00:00Z',
    '+275760-09-13T00:00:00Z',
    '275760-09-13T00:00:00Z',
    '+010000-01-01T00:00:00Z',
    '-000001-01-01T00:00:00Z',
    '2021-02-30T00:00:00+08:00',
    '2021-02-29T00:00:00Z',
    '2021-13-01T00:00:00Z',
    '2021-04-31T00:00:00Z',
    '2021-12-31T23:59:60+08:00',
    '2021-12-31T23:59:60Z',
    '2016-12-31T23:59:60Z',
    '2021-06-30T23:59:60.5Z',
    '2021-07-30T11:43:30+25:00',
    '2021-07-30T11:43:30+24:00',
    '2021-07-30T11:43:30-24:00',
    '2021-07-30T11:43:30+08:60',
    '2021-07-30T24:00:00+08:00',
    '2021-07-30T11:60:00+08:00',
    '2021-07-30T11:43:30',
    '2021-07-30 11:43:30',
    ' 2021-07-30T11:43:30Z',
    '2021-07-30T11:43:30Z ',
    '2021-07-30T11:43:30Z\n',
    '2021-07-30T11:43:30+08',
  ];
  // Bare dates: errors for instants; for dates, errors when impossible.
  const BAD_DATES = [
    '2021-02-30',
    '2021-02-29',
    '0000-01-01',
    '10000-01-01',
    '2021-1-01',
    '2021-00-10',
    '2021-12-32',
    '+2021-01-01',
    '2021/01/01',
  ];
  // Valid everywhere, with the answer they must give checked for sanity.
  const GOOD = [
    0,
    MIN_MS,
    MAX_MS,
    MAX_MS - 0.5,
    1630540800000.9,
    253402300799000,
    '0001-01-01T00:00:00Z',
    '9999-12-31T23:59:59Z',
    '9999-12-31T23:59:59.999Z',
    '9999-12-31T15:59:59+08:00',
    '9999-12-31T11:59:59-12:00',
    '2021-07-30T11:43:30+23:59',
    '2021-07-30T11:43:30-23:59',
    '2021-07-30t11:43:30z',
    '2021-07-30 11:43:30+08:00',
    '2021-07-30T11:43:30.123456789+08:00',
    '2024-02-29T12:00:00+08:00',
  ];

  for (const path of [...INSTANT_FIELDS, ...DATE_FIELDS]) {
    test(`${path}: bad values are INVALID_ORDER at ${path}; -0 is 0; years 1 and 9999 give sane answers`, () => {
      const problems = [];
      const isDate = DATE_FIELDS.includes(path);
      for (const v of [...BAD_EVERYWHERE, ...BAD_DATES]) {
        expectError(
          problems,
          `${path} = ${show(v)}`,
          () => engine.evaluate({ ...ORDER, [path]: v }, NOW),
          'INVALID_ORDER',
          path,
        );
      }
      const zero = expectAnswer(problems, `${path} = 0`, () => engine.evaluate({ ...ORDER, [path]: 0 }, NOW));
      const negZero = expectAnswer(problems, `${path} = -0`, () => engine.evaluate({ ...ORDER, [path]: -0 }, NOW));
      if (zero && negZero) {
        try {
          assert.deepStrictEqual(negZero, zero);
        } catch {
          problems.push(`${path} = -0: not the answer for 0`);
        }
      }
      const good = isDate ? [...GOOD, '0001-01-01', '9999-12-31', '2024-02-29'] : GOOD;
      for (const v of good) {
        for (const now of [NOW, MAX_MS, MIN_MS]) {
          const label = `${path} = ${show(v)}, now ${now}`;
          const answer = expectAnswer(problems, label, () => engine.evaluate({ ...ORDER, [path]: v }, now));
          if (answer) for (const p of insanity(answer, now, 'H1').slice(0, 3)) problems.push(`${label}: ${p}`);
        }
      }
      assertNoProblems(problems);
    });
  }

  // §8 writes years past 9999 as `+010000-…`, the expanded form ECMAScript
  // reads, so a page's `new Date(deadline)` works for these too.
  test('deadlines past year 9999 can be read by JavaScript (new Date)', () => {
    const answer = engine.evaluate({ ...ORDER, successAt: '9999-12-31T23:59:59Z' }, NOW);
    const unreadable = [answer.deadline, ...answer.windows.map((w) => w.deadline)].filter((d) =>
      Number.isNaN(new Date(d).getTime()),
    );
    assert.deepStrictEqual(unreadable, []);
  });

  test('a bare date is an error for successAt and deliveredAt', () => {
    const problems = [];
    for (const path of INSTANT_FIELDS) {
      expectError(
        problems,
        path,
        () => engine.evaluate({ ...ORDER, [path]: '2021-07-30' }, NOW),
        'INVALID_ORDER',
        path,
      );
    }
    assertNoProblems(problems);
  });

  test('a policy holiday: impossible dates, leap seconds, instants and years 0 / 10000 are errors', () => {
    const problems = [];
    for (const v of [...BAD_DATES, '2021-10-01T00:00:00+08:00', '2021-12-31T23:59:60+08:00', NaN, 20211001]) {
      expectError(
        problems,
        `holidays[1] = ${show(v)}`,
        () => new Engine({ ...POLICY, holidays: ['2021-10-01', v] }),
        'INVALID_POLICY',
        'holidays[1]',
      );
    }
    for (const v of ['0001-01-01', '9999-12-31']) {
      expectAnswer(problems, `holidays = [${v}]`, () =>
        new Engine({ ...POLICY, holidays: [v, v] }).evaluate(POLICY_ORDER, NOW),
      );
    }
    assertNoProblems(problems);
  });
});

describe('now', () => {
  const BAD_NOW = [
    NaN,
    Infinity,
    -Infinity,
    2 ** 53 + 1,
    8.64e15,
    -8.64e15,
    MAX_MS + 1,
    MIN_MS - 1,
    1e300,
    -1e300,
    'NaN',
    'Infinity',
    '8.64e15',
    '9007199254740993',
    '2021-09-15T10:00:00+08:00',
    'now',
  ];
  const calls = [
    ['engine.evaluate', (now) => engine.evaluate(ORDER, now)],
    ['engine.evaluateMany', (now) => engine.evaluateMany([ORDER], now)],
    ['evaluate', (now) => evaluate(ORDER, undefined, now)],
  ];

  test('NaN, ±Infinity, 2^53+1, out of range (numbers and strings) are INVALID_ARGUMENT at now', () => {
    const problems = [];
    for (const now of BAD_NOW) {
      for (const [name, call] of calls)
        expectError(problems, `${name}, now ${show(now)}`, () => call(now), 'INVALID_ARGUMENT', 'now');
    }
    assertNoProblems(problems);
  });

  test('-0 is 0; the range ends are valid; a fraction is floored', () => {
    const problems = [];
    for (const [name, call] of calls) {
      const pairs = [
        [-0, 0],
        [MAX_MS + 0.9, MAX_MS],
        [MIN_MS + 0.5, MIN_MS],
        [NOW + 0.999, NOW],
      ];
      for (const [now, same] of pairs) {
        const a = expectAnswer(problems, `${name}, now ${show(now)}`, () => call(now));
        const b = expectAnswer(problems, `${name}, now ${same}`, () => call(same));
        if (a && b) {
          try {
            assert.deepStrictEqual(a, b);
          } catch {
            problems.push(`${name}, now ${show(now)}: not the answer at ${same}`);
          }
        }
      }
    }
    for (const now of [MIN_MS, -0, MAX_MS]) {
      const a = expectAnswer(problems, `now ${show(now)}`, () => engine.evaluate(ORDER, now));
      if (a) for (const p of insanity(a, Math.floor(now) || 0, 'H1')) problems.push(`now ${show(now)}: ${p}`);
    }
    assertNoProblems(problems);
  });

  test('null and undefined now are the device clock', () => {
    const problems = [];
    for (const now of [null, undefined]) {
      for (const [name, call] of calls) expectAnswer(problems, `${name}, now ${show(now)}`, () => call(now));
    }
    assertNoProblems(problems);
  });

  test('a now of the wrong type (not a number) is INVALID_ARGUMENT at now', () => {
    const problems = [];
    for (const now of ['1631671200000', '', true, false, [], [NOW], {}, 10n, Symbol('now'), () => NOW]) {
      for (const [name, call] of calls)
        expectError(problems, `${name}, now ${show(now)}`, () => call(now), 'INVALID_ARGUMENT', 'now');
    }
    assertNoProblems(problems);
  });

  test('syncClock: NaN, ±Infinity, out of range and wrong types are INVALID_ARGUMENT at serverNowMs', () => {
    const problems = [];
    const clocked = new Engine();
    for (const v of [
      NaN,
      Infinity,
      -Infinity,
      8.64e15,
      2 ** 53 + 1,
      MAX_MS + 1,
      'x',
      '1631671200000',
      undefined,
      null,
      true,
      [],
      {},
      10n,
      Symbol('clock'),
      () => NOW,
    ]) {
      expectError(problems, `syncClock(${show(v)})`, () => clocked.syncClock(v), 'INVALID_ARGUMENT', 'serverNowMs');
    }
    // None of them may move the clock (no correction was ever accepted).
    const a = clocked.evaluate({ id: 'C1', category: 'apparel', status: 'success', successAt: Date.now() - DAY });
    if (a.remainingDays !== 14)
      problems.push(
        `the clock moved (to ${a.remainingDays === 20800 ? '1970' : 'elsewhere'}): remainingDays ${a.remainingDays}, expected 14`,
      );
    clocked.free();
    assertNoProblems(problems);
  });
});

describe('huge strings (1 MB) in every string field', () => {
  // Contract 3, §8 limits: a string longer than 4,096 UTF-16 code units is
  // refused at its field, without being copied.
  const MB = 'x'.repeat(1 << 20);
  const MB_DIGITS = `2021-09-01T12:00:00.${'1'.repeat(1 << 20)}+08:00`;
  const LONGEST = 'x'.repeat(4096);

  test('order: a 1 MB string in any field is an error at that field; 4,096 units are kept', () => {
    const problems = [];
    for (const path of [
      'id',
      'category',
      'status',
      'successAt',
      'deliveredAt',
      'invoiceAt',
      'exchangedAt',
      'merchantPromises[0].service',
      'merchantPromises[0].from',
    ]) {
      expectError(
        problems,
        path,
        () => engine.evaluate(withValue(ORDER, segmentsOf(path), MB), NOW),
        'INVALID_ORDER',
        path,
      );
    }
    expectError(
      problems,
      'successAt with 1 MB of fraction digits',
      () => engine.evaluate({ ...ORDER, successAt: MB_DIGITS }, NOW),
      'INVALID_ORDER',
      'successAt',
    );
    const longest = expectAnswer(problems, 'a 4,096-unit id', () => engine.evaluate({ ...ORDER, id: LONGEST }, NOW));
    if (longest && longest.orderId !== LONGEST) problems.push('a 4,096-unit id: orderId differs');
    expectError(
      problems,
      'a 4,097-unit id',
      () => engine.evaluate({ ...ORDER, id: `${LONGEST}x` }, NOW),
      'INVALID_ORDER',
      'id',
    );
    const many = expectAnswer(problems, 'evaluateMany', () =>
      engine.evaluateMany([{ ...ORDER, id: MB }, { ...ORDER, successAt: MB }, ORDER], NOW),
    );
    if (
      many &&
      (many[0].error?.path !== '[0].id' || many[1].error?.path !== '[1].successAt' || many[2].orderId !== ORDER.id)
    ) {
      problems.push(
        `evaluateMany with 1 MB strings: wrong slots ${show(many.map((slot) => slot.error?.path ?? slot.status))}`,
      );
    }
    assertNoProblems(problems);
  });

  test('policy: a 1 MB version, parent or holiday is an error at the field; a 1 MB category or part name at its map', () => {
    const problems = [];
    expectError(problems, 'version', () => new Engine({ ...POLICY, version: MB }), 'INVALID_POLICY', 'version');
    const bigCategory = { ...POLICY.categories, [MB]: { entryDays: 44 } };
    expectError(
      problems,
      'category name',
      () => new Engine({ ...POLICY, categories: bigCategory }),
      'INVALID_POLICY',
      'categories',
    );
    const bigPart = {
      ...POLICY.categories,
      big: { threeGuarantees: { returnDays: 1, exchangeDays: 2, warrantyMonths: 3, parts: { [MB]: 5 } } },
    };
    expectError(
      problems,
      'part name',
      () => new Engine({ ...POLICY, categories: bigPart }),
      'INVALID_POLICY',
      'categories.big.threeGuarantees.parts',
    );
    expectError(
      problems,
      'parent',
      () => new Engine(withValue(POLICY, segmentsOf('categories.c.parent'), MB)),
      'INVALID_POLICY',
      'categories.c.parent',
    );
    expectError(
      problems,
      'holidays[0]',
      () => new Engine({ ...POLICY, holidays: [MB] }),
      'INVALID_POLICY',
      'holidays[0]',
    );
    assertNoProblems(problems);
  });
});

describe('deep nesting (10,000 levels)', () => {
  const deepObject = (n, leaf = 1) => {
    let v = leaf;
    for (let i = 0; i < n; i++) v = { a: v };
    return v;
  };
  const deepArray = (n) => {
    let v = 1;
    for (let i = 0; i < n; i++) v = [v];
    return v;
  };
  // Contract §8: nesting deeper than 64 levels is an error "at the root of the
  // value (path \"\")". Either reading of that is accepted: the root of the
  // call's value (""), or the field that holds the nested value.
  const under = (field) => (p) => p === '' || p === field || p.startsWith(`${field}.`) || p.startsWith(`${field}[`);

  test('in an order field: an error at that field or at the root (or, for an unknown field, the answer without it)', () => {
    const problems = [];
    const plain = engine.evaluate(ORDER, NOW);
    for (const [name, make] of [
      ['object', deepObject],
      ['array', deepArray],
    ]) {
      for (const path of [
        'successAt',
        'invoiceAt',
        'merchantPromises',
        'merchantPromises[0]',
        'merchantPromises[0].days',
        'id',
      ]) {
        expectError(
          problems,
          `${name} in ${path}`,
          () => engine.evaluate(withValue(ORDER, segmentsOf(path), make(10_000)), NOW),
          'INVALID_ORDER',
          under(path),
        );
      }
      // Unknown fields are ignored (§3): answered as without them, or refused at their own path.
      const r = attempt(() => engine.evaluate({ ...ORDER, extra: make(10_000) }, NOW));
      if ('thrown' in r) {
        const p = thrownProblem(r.thrown, 'INVALID_ORDER', under('extra'));
        if (p) problems.push(`${name} in an unknown field extra: ${p}`);
      } else {
        try {
          assert.deepStrictEqual(r.answer, plain);
        } catch {
          problems.push(`${name} in an unknown field: the answer differs`);
        }
      }
    }
    assertNoProblems(problems);
  });

  test('as the order, in evaluate and evaluateMany: INVALID_ORDER, and the rest of the batch answered', () => {
    const problems = [];
    for (const [name, value] of [
      ['object', deepObject(10_000)],
      ['array', deepArray(10_000)],
      ['100,000-level object', deepObject(100_000)],
    ]) {
      expectError(
        problems,
        name,
        () => engine.evaluate(value, NOW),
        'INVALID_ORDER',
        (p) => typeof p === 'string',
      );
      const slots = expectAnswer(problems, `evaluateMany, ${name}`, () =>
        engine.evaluateMany([ORDER, value, ORDER], NOW),
      );
      if (slots) {
        if (slots[1]?.error?.code !== 'INVALID_ORDER' || !String(slots[1].error.path).startsWith('[1]'))
          problems.push(`evaluateMany, ${name}: slot ${show(slots[1])}`);
        if (slots[0]?.orderId !== 'H1' || slots[2]?.orderId !== 'H1' || slots[2].error)
          problems.push(`evaluateMany, ${name}: the other slots are not answered`);
      }
    }
    // A cycle is no deeper than the limit allows, and no hang.
    const cyclic = { ...ORDER };
    cyclic.self = cyclic;
    const r = attempt(() => engine.evaluate(cyclic, NOW));
    if ('thrown' in r) {
      const p = thrownProblem(r.thrown, 'INVALID_ORDER', under('self'));
      if (p) problems.push(`an order holding itself: ${p}`);
    }
    const cyclicPromise = structuredClone(ORDER);
    cyclicPromise.merchantPromises[0].again = cyclicPromise.merchantPromises;
    const rp = attempt(() => engine.evaluate(cyclicPromise, NOW));
    if ('thrown' in rp) {
      const p = thrownProblem(rp.thrown, 'INVALID_ORDER', under('merchantPromises[0].again'));
      if (p) problems.push(`a promise holding its own array (an unknown field): ${p}`);
    }
    assertNoProblems(problems);
  });

  test('in the policy: INVALID_POLICY at the field or at the root', () => {
    const problems = [];
    for (const [name, make] of [
      ['object', deepObject],
      ['array', deepArray],
    ]) {
      for (const path of [
        'version',
        'holidays',
        'categories',
        'categories.c',
        'categories.c.threeGuarantees',
        'categories.c.threeGuarantees.parts',
        'categories.c.threeGuarantees.parts.battery',
      ]) {
        // Contract 3 reads a category by name: `{ a: { a: … } }` as the
        // categories is a category `a` with an unknown field, and as a
        // category's settings, an unknown field. Neither is walked.
        if (name === 'object' && (path === 'categories' || path === 'categories.c')) {
          expectAnswer(
            problems,
            `${name} in ${path}`,
            () => new Engine(withValue(POLICY, segmentsOf(path), make(10_000))),
          );
          continue;
        }
        expectError(
          problems,
          `${name} in ${path}`,
          () => new Engine(withValue(POLICY, segmentsOf(path), make(10_000))),
          'INVALID_POLICY',
          under(path),
        );
      }
      const r = attempt(() => new Engine({ ...POLICY, extra: make(10_000) }));
      if ('thrown' in r) {
        const p = thrownProblem(r.thrown, 'INVALID_POLICY', under('extra'));
        if (p) problems.push(`${name} in an unknown policy field: ${p}`);
      }
      expectError(
        problems,
        `${name} as the policy`,
        () => new Engine(make(10_000)),
        'INVALID_POLICY',
        (p) => typeof p === 'string',
      );
    }
    assertNoProblems(problems);
  });
});

describe('__proto__, constructor and prototype', () => {
  const protoNames = Object.getOwnPropertyNames(Object.prototype).sort();
  const arrayNames = Object.getOwnPropertyNames(Array.prototype).sort();
  const isPlain = (v) => Object.getPrototypeOf(v) === Object.prototype;

  // JSON.parse makes own "__proto__" keys, as a server's JSON would.
  const policy = JSON.parse(`{
    "version": "proto-1", "entryDays": 15,
    "categories": {
      "__proto__":   { "entryDays": 31, "polluted": true },
      "constructor": { "parent": "__proto__", "threeGuarantees": { "returnDays": 7, "exchangeDays": 15, "warrantyMonths": 12,
                       "parts": { "__proto__": 3, "constructor": 4, "prototype": 5 } } },
      "prototype":   { "parent": "constructor", "entryDays": 33 },
      "toString":    { "entryDays": 34 }
    },
    "__proto__": { "polluted": true }
  }`);
  const order = (category, extra = '') =>
    JSON.parse(`{"id":"PR-${category}","category":"${category}","status":"success",
    "successAt":"2021-09-10T10:00:00+08:00","invoiceAt":"2021-09-09"${extra}}`);
  const POLLUTING =
    ',"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},"prototype":{"polluted":true}';

  function pollutionProblems(label, value) {
    const p = [];
    if ({}.polluted !== undefined || Object.prototype.polluted !== undefined)
      p.push(`${label}: Object.prototype is polluted`);
    if ([].polluted !== undefined) p.push(`${label}: Array.prototype is polluted`);
    if (JSON.stringify(Object.getOwnPropertyNames(Object.prototype).sort()) !== JSON.stringify(protoNames))
      p.push(`${label}: Object.prototype changed`);
    if (JSON.stringify(Object.getOwnPropertyNames(Array.prototype).sort()) !== JSON.stringify(arrayNames))
      p.push(`${label}: Array.prototype changed`);
    const walk = (v, where) => {
      if (v === null || typeof v !== 'object') return;
      if (Array.isArray(v)) {
        if (Object.getPrototypeOf(v) !== Array.prototype) p.push(`${label}: ${where} is not a plain array`);
        v.forEach((x, i) => walk(x, `${where}[${i}]`));
        return;
      }
      if (!isPlain(v)) p.push(`${label}: ${where}'s prototype is not Object.prototype`);
      for (const k of Object.keys(v)) walk(v[k], `${where}.${k}`);
    };
    walk(value, 'answer');
    return p;
  }

  test('as category names, a parent, part names and an order category: the right answers, no pollution', () => {
    const problems = [];
    const e = expectAnswer(problems, 'new Engine', () => new Engine(policy));
    if (e) {
      const want = {
        __proto__: ['ENTRY_CATEGORY', 31],
        constructor: ['ENTRY_CATEGORY', 31],
        prototype: ['ENTRY_CATEGORY', 33],
        toString: ['ENTRY_CATEGORY', 34],
        hasOwnProperty: ['ENTRY_DEFAULT', 15],
        valueOf: ['ENTRY_DEFAULT', 15],
      };
      for (const [category, [code, days]] of Object.entries(want)) {
        const a = expectAnswer(problems, category, () => e.evaluate(order(category), NOW));
        if (!a) continue;
        const entry = a.windows.find((w) => w.code.startsWith('ENTRY_'));
        if (a.reason.code !== code || entry?.basis.count !== days)
          problems.push(`${category}: ${a.reason.code} ${entry?.basis.count} days, expected ${code} ${days} days`);
        problems.push(...pollutionProblems(category, a));
      }
      const withParts = e.evaluate(order('prototype'), NOW);
      const parts = withParts.windows
        .filter((w) => w.code === 'THREE_GUARANTEES_PART')
        .map((w) => [w.part, w.basis.count]);
      try {
        assert.deepStrictEqual(parts.sort(), [
          ['__proto__', 3],
          ['constructor', 4],
          ['prototype', 5],
        ]);
      } catch {
        problems.push(`part windows ${JSON.stringify(parts)}`);
      }
      const many = e.evaluateMany(
        [order('__proto__'), order('constructor', POLLUTING), JSON.parse('{"__proto__":{"id":"X"}}')],
        NOW,
      );
      problems.push(...pollutionProblems('evaluateMany', many));
      if (many[2]?.error?.path !== '[2].id') problems.push(`an order whose only key is __proto__: ${show(many[2])}`);
    }
    // Parent cycles through the prototype names are reported, not followed.
    const cycle = JSON.parse(
      '{"version":"c","entryDays":15,"categories":{"__proto__":{"parent":"constructor"},"constructor":{"parent":"__proto__"}}}',
    );
    expectError(
      problems,
      'a parent cycle __proto__ ↔ constructor',
      () => new Engine(cycle),
      'INVALID_POLICY',
      'categories.__proto__.parent',
    );
    const unknown = JSON.parse('{"version":"u","entryDays":15,"categories":{"a":{"parent":"__proto__"}}}');
    expectError(
      problems,
      'a parent named __proto__ that is not a category',
      () => new Engine(unknown),
      'INVALID_POLICY',
      'categories.a.parent',
    );
    const objectParent = { version: 'o', entryDays: 15, categories: { a: { parent: 'toString' } } };
    expectError(
      problems,
      'a parent named toString that is not a category',
      () => new Engine(objectParent),
      'INVALID_POLICY',
      'categories.a.parent',
    );
    problems.push(...pollutionProblems('after', {}));
    assertNoProblems(problems);
  });

  test('as extra keys in orders and policies: ignored, no pollution', () => {
    const problems = [];
    const plain = engine.evaluate(order('mobile_phone'), NOW);
    for (const o of [
      order('mobile_phone', POLLUTING),
      order('__proto__', POLLUTING),
      order('constructor', POLLUTING),
    ]) {
      const a = expectAnswer(problems, o.category, () => engine.evaluate(o, NOW));
      if (a) problems.push(...pollutionProblems(o.category, a));
      if (a && o.category === 'mobile_phone') {
        try {
          assert.deepStrictEqual({ ...a, orderId: '' }, { ...plain, orderId: '' });
        } catch {
          problems.push('the extra keys changed the answer');
        }
      }
    }
    // A literal __proto__ sets the prototype. Fields are read by name, as
    // JavaScript reads them (contract 3, §4; §8): inherited fields count, as
    // a class instance's getters do.
    const literal = { __proto__: { id: 'INHERITED', category: 'apparel', status: 'pending' } };
    const inherited = expectAnswer(problems, 'an order whose fields are only inherited', () =>
      engine.evaluate(literal, NOW),
    );
    if (inherited && (inherited.orderId !== 'INHERITED' || inherited.status !== 'pending'))
      problems.push(`inherited fields: ${show(inherited)}`);
    const p = expectAnswer(
      problems,
      'a policy with __proto__ extra keys',
      () => new Engine(JSON.parse(`{"version":"x","entryDays":15${POLLUTING}}`)),
    );
    if (p) problems.push(...pollutionProblems('policy', p.evaluate(order('x'), NOW)));
    problems.push(...pollutionProblems('defaultPolicy()', api.defaultPolicy()));
    assertNoProblems(problems);
  });
});

describe('a JS exception from inside an order or a policy (throwing getter, Proxy)', () => {
  // Run in a child: a broken instance must not take this file's engine with it.
  const child = (body) =>
    runChild(`
    import { readFileSync } from 'node:fs';
    const api = await import(${JSON.stringify(glueUrl)});
    const wasm = api.initSync({ module: readFileSync(${JSON.stringify(wasmPath)}) });
    const { Engine } = api;
    const ORDER = ${JSON.stringify(ORDER)};
    const NOW = ${NOW};
    const out = {};
    const attempt = (fn) => { try { return { ok: fn() }; } catch (e) { return { thrown: e?.name + ': ' + e?.message, code: e?.code, path: e?.path, trap: e instanceof WebAssembly.RuntimeError }; } };
    ${body}
    process.stdout.write(JSON.stringify(out));
  `);

  // Each hostile value on its own engine, then: does that engine still evaluate, syncClock and free?
  const HOSTILE = {
    getter: "engine.evaluate({ ...ORDER, get deliveredAt() { throw new Error('getter'); } }, NOW)",
    promiseGetter:
      "engine.evaluate({ ...ORDER, merchantPromises: [{ service: 'repair', get days() { throw new Error('getter'); }, from: 'invoice' }] }, NOW)",
    proxyGet: "engine.evaluate(new Proxy({ ...ORDER }, { get() { throw new Error('get'); } }), NOW)",
    manySlot:
      "engine.evaluateMany([ORDER, { get id() { return 'G'; }, get category() { throw new Error('slot'); } }], NOW).map(slots)",
    policyGetter: "new Engine({ version: 'g', get entryDays() { throw new Error('policy getter'); } })",
    policyCategoriesProxy:
      "new Engine({ version: 'g', entryDays: 15, categories: new Proxy({}, { ownKeys() { throw new Error('ownKeys'); } }) })",
  };
  // Contract 3 (§3, §4): an order and a policy are read by name, never
  // enumerated, so a Proxy whose ownKeys trap throws is answered.
  const ANSWERED = {
    proxyOwnKeys: "engine.evaluate(new Proxy({ ...ORDER }, { ownKeys() { throw new Error('ownKeys'); } }), NOW).status",
    manyProxySlot:
      "engine.evaluateMany([ORDER, new Proxy({ ...ORDER }, { ownKeys() { throw new Error('ownKeys'); } })], NOW).map(slots)",
    policyProxy:
      "new Engine(new Proxy({ version: 'g', entryDays: 15 }, { ownKeys() { throw new Error('ownKeys'); } })).policyVersion",
  };

  for (const [name, call] of [...Object.entries(HOSTILE), ...Object.entries(ANSWERED)]) {
    const answered = name in ANSWERED;
    test(`${name}: ${answered ? 'answered (never enumerated)' : 'refused (in evaluateMany: its slot)'}, and the engine then evaluates, syncs its clock and frees`, (t) => {
      const r = child(`
        const engine = new Engine();
        const slots = (s) => (s.error ? \`error \${s.error.code} \${s.error.path}\` : s.status);
        out.call = attempt(() => ${call});
        out.evaluate = attempt(() => engine.evaluate(ORDER, NOW).status);
        out.syncClock = attempt(() => engine.syncClock(NOW));
        out.many = attempt(() => engine.evaluateMany([ORDER], NOW).length);
        out.free = attempt(() => engine.free());
        out.fresh = attempt(() => new Engine().evaluate(ORDER, NOW).status);
      `);
      assert.equal(r.status, 0, `the child crashed (status ${r.status}, signal ${r.signal}):\n${clip(r.stderr)}`);
      const out = JSON.parse(r.stdout);
      const problems = [];
      const many = name.startsWith('many');
      if (answered) {
        const expected = { proxyOwnKeys: 'open', manyProxySlot: ['open', 'open'], policyProxy: 'g' }[name];
        try {
          assert.deepStrictEqual(out.call.ok, expected);
        } catch {
          problems.push(
            `the call: ${out.call.thrown ?? JSON.stringify(out.call.ok)}, expected ${JSON.stringify(expected)}`,
          );
        }
      } else if (many ? out.call.thrown : !out.call.thrown) {
        problems.push(`the call: ${many ? out.call.thrown : 'no error'}`);
      }
      if (
        !answered &&
        many &&
        out.call.ok &&
        (out.call.ok[0] !== 'open' || !String(out.call.ok[1]).startsWith('error INVALID_ORDER [1]'))
      ) {
        problems.push(
          `the slots: ${JSON.stringify(out.call.ok)}, expected the good order answered and slot 1 INVALID_ORDER at [1]…`,
        );
      }
      if (out.call.trap) problems.push(`the call: a wasm trap: ${out.call.thrown}`);
      // The caller's own exception may pass through, or become the engine's error.
      const code = name.startsWith('policy') ? 'INVALID_POLICY' : 'INVALID_ORDER';
      if (out.call.code !== undefined && out.call.code !== code)
        problems.push(`the call: ${out.call.code} at ${out.call.path}, expected ${code}`);
      for (const key of ['evaluate', 'syncClock', 'many', 'free', 'fresh']) {
        if (out[key].thrown) problems.push(`afterwards, ${key}: ${out[key].thrown}`);
      }
      t.diagnostic(
        `${name}: ${out.call.thrown ?? 'answered'} (code ${out.call.code}, path ${JSON.stringify(out.call.path)})`,
      );
      assertNoProblems(problems);
    });
  }

  test('5,000 orders whose getter or Proxy throws: the instance survives, memory flat', () => {
    const r = child(`
      const engine = new Engine();
      const before = wasm.memory.buffer.byteLength;
      out.brokeAt = null;
      for (let i = 0; i < 5000 && out.brokeAt === null; i++) {
        try { engine.evaluate({ ...ORDER, get zzz() { throw new Error('getter'); } }, NOW); } catch {}
        try { engine.evaluate(new Proxy({ ...ORDER }, { ownKeys() { throw new Error('ownKeys'); } }), NOW); } catch {}
        const fresh = attempt(() => { const e = new Engine(); try { return e.evaluate(ORDER, NOW).status; } finally { e.free(); } });
        if (fresh.thrown) { out.brokeAt = i; out.brokeWith = fresh.thrown; }
      }
      out.growth = wasm.memory.buffer.byteLength - before;
      out.after = attempt(() => new Engine().evaluate(ORDER, NOW).status);
    `);
    assert.equal(r.status, 0, `the child crashed (status ${r.status}, signal ${r.signal}):\n${clip(r.stderr)}`);
    const out = JSON.parse(r.stdout);
    assert.equal(
      out.brokeAt,
      null,
      `the wasm instance broke after ${out.brokeAt} rounds of a throwing getter and a throwing Proxy: ${out.brokeWith}`,
    );
    assert.equal(out.after.thrown, undefined, out.after.thrown);
    assert.ok(out.growth <= 1 << 20, `memory grew ${out.growth} bytes`);
  });
});

describe('evaluateMany with a million orders', () => {
  test('1,000,000 pending and invalid orders: one slot each, no crash', { timeout: 120_000 }, () => {
    const N = 1_000_000;
    const orders = new Array(N);
    for (let i = 0; i < N; i++) {
      switch (i % 4) {
        case 0:
          orders[i] = { id: `M${i}`, category: 'apparel', status: 'pending' };
          break;
        case 1:
          orders[i] = i;
          break; // not an object
        case 2:
          orders[i] = { id: `M${i}`, category: 'apparel', status: 'refunded' };
          break;
        default:
          orders[i] = { id: `M${i}`, category: 'apparel', status: 'closed' };
      }
    }
    orders[N - 1] = { ...ORDER, id: 'LAST' };
    const slots = engine.evaluateMany(orders, NOW);
    assert.equal(slots.length, N);
    assert.equal(slots[0].status, 'pending');
    assert.deepStrictEqual(slots[1], { ok: false, orderId: null, error: slots[1].error });
    assert.equal(slots[1].error.path, '[1]');
    assert.equal(slots[2].error.path, '[2].status');
    assert.equal(slots[2].orderId, 'M2');
    assert.equal(slots[999_995].orderId, 'M999995');
    assert.equal(slots[999_995].reason.code, 'ORDER_CLOSED');
    assert.equal(slots[999_994].error.path, '[999994].status');
    assert.deepStrictEqual(slots[N - 1], { ...engine.evaluate(ORDER, NOW), orderId: 'LAST' });
  });
});

describe('the same engine afterwards', () => {
  test('answers every golden vector of the default policy as expected', () => {
    const cases = loadCases().filter((c) => c.policy === undefined && c.locale === undefined);
    assert.ok(cases.length > 20);
    const failures = [];
    for (const c of cases) {
      let outcome;
      try {
        outcome = { answer: engine.evaluate(c.order, c.now) };
      } catch (thrown) {
        outcome = { thrown };
      }
      const failure = checkOutcome(c, outcome);
      if (failure) failures.push(`${c.name}: ${failure}`);
    }
    assertNoProblems(failures);
    // And the phone of the README, exactly.
    const phone = engine.evaluate(
      {
        id: 'T1',
        category: 'mobile_phone',
        status: 'success',
        successAt: '2021-07-30T11:43:30+08:00',
        deliveredAt: '2021-07-28T15:02:00+08:00',
        invoiceAt: '2021-07-27',
      },
      NOW,
    );
    assert.equal(phone.status, 'open');
    assert.equal(phone.remainingDays, 134);
    assert.equal(phone.deadline, '2022-01-26T11:43:30+08:00');
    assert.ok(wasm.memory.buffer.byteLength > 0);
  });
});
