// The golden vectors' runner logic, for every JS runtime (Node, Chromium,
// the jsc shell): resolving a file's cases, running one case through a
// loaded API, and the subset comparison (tests/vectors/README.md). Plain
// ES module, importing only its sibling page-order.js: tests/js/lib/golden.mjs
// adds the Node parts.

import { INNER_ORDER, asPageHolds } from './page-order.js';

/** Every case of the vector files given as [[name, text]], policies resolved. */
export function casesFrom(files) {
  const cases = [];
  const names = new Set();
  for (const [file, text] of files) {
    const doc = JSON.parse(text);
    for (const c of doc.cases) {
      let policy;
      let policyKey;
      if (c.policy === 'default') {
        policy = undefined;
        policyKey = 'default';
      } else if (typeof c.policy === 'string') {
        policy = doc.policies?.[c.policy];
        if (policy === undefined) throw new Error(`${file}: ${c.name}: no policy named ${c.policy}`);
        policyKey = `${file}#${c.policy}`;
      } else {
        policy = c.policy;
        policyKey = `inline:${JSON.stringify(c.policy)}`;
      }
      if (names.has(c.name)) throw new Error(`${file}: the case name ${c.name} is not unique`);
      names.add(c.name);
      if ((c.expect === undefined) === (c.error === undefined)) {
        throw new Error(`${file}: ${c.name}: a case has exactly one of expect and error`);
      }
      cases.push({
        file,
        name: c.name,
        policyKey,
        policy,
        order: c.order,
        now: c.now,
        locale: c.locale,
        expect: c.expect,
        error: c.error,
      });
    }
  }
  return cases;
}

const isObject = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);
const show = (v) => {
  try {
    return JSON.stringify(v);
  } catch {
    return String(v);
  }
};

/**
 * Differences between `actual` and the subset `expected` (README: every key
 * given must equal; arrays have exactly as many entries, each a subset;
 * numbers compare numerically). Works across realms (node:vm).
 */
export function subsetDiff(expected, actual, path = '$', out = []) {
  if (isObject(expected)) {
    if (!isObject(actual)) {
      out.push(`${path}: got ${show(actual)}, expected an object`);
      return out;
    }
    for (const key of Object.keys(expected)) {
      if (!Object.prototype.hasOwnProperty.call(actual, key)) {
        out.push(`${path}.${key}: missing, expected ${show(expected[key])}`);
      } else {
        subsetDiff(expected[key], actual[key], `${path}.${key}`, out);
      }
    }
  } else if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) {
      out.push(`${path}: got ${show(actual)}, expected an array`);
    } else if (expected.length !== actual.length) {
      out.push(`${path}: ${actual.length} entries, expected ${expected.length}: ${show(actual)}`);
    } else {
      expected.forEach((e, i) => subsetDiff(e, actual[i], `${path}[${i}]`, out));
    }
  } else if (typeof expected === 'number') {
    if (typeof actual !== 'number' || Number(actual) !== Number(expected)) {
      out.push(`${path}: got ${show(actual)}, expected ${expected}`);
    }
  } else if (expected !== actual) {
    out.push(`${path}: got ${show(actual)}, expected ${show(expected)}`);
  }
  return out;
}

/** Whether `e` is an Error, from any realm. */
export const isError = (e) => Object.prototype.toString.call(e) === '[object Error]';

/**
 * Runs one case through an API object ({ Engine }): `{ answer }` or
 * `{ thrown }` (whatever was thrown, by the constructor or evaluate).
 */
export function runCase(api, c) {
  try {
    const options = c.locale === undefined ? undefined : { locale: c.locale };
    const engine = new api.Engine(c.policy, options);
    try {
      return { answer: engine.evaluate(c.order, c.now) };
    } finally {
      engine.free();
    }
  } catch (thrown) {
    return { thrown };
  }
}

/**
 * A case run a second time with its order as a page holds it (page-order.js):
 * the same outcome is expected, and the engine call made from inside the
 * read (the `category` getter) must get its own answer, for INNER.
 */
export function runCaseAsPageHolds(api, c) {
  try {
    const options = c.locale === undefined ? undefined : { locale: c.locale };
    const engine = new api.Engine(c.policy, options);
    try {
      const order = asPageHolds(c.order, () => engine.evaluate(INNER_ORDER, c.now));
      const answer = engine.evaluate(order, c.now);
      return { answer, reentered: order !== null && typeof order === 'object' ? order.reentered : undefined };
    } finally {
      engine.free();
    }
  } catch (thrown) {
    return { thrown };
  }
}

/**
 * The problem when a page-shaped run differs from the plain one, or its inner
 * call did not get INNER's own answer; null when they agree.
 */
export function pageShapedProblem(plain, paged) {
  if ('thrown' in plain || 'thrown' in paged) {
    const a = plain.thrown;
    const b = paged.thrown;
    if (a?.code === b?.code && a?.path === b?.path) return null;
    return `plain ${a ? `threw ${a.code} at ${show(a.path)}` : 'answered'}, as a page holds it ${b ? `threw ${b.code} at ${show(b.path)}: ${b.message}` : 'answered'}`;
  }
  if (!sameJson(plain.answer, paged.answer))
    return `the answers differ: ${show(plain.answer).slice(0, 300)} / ${show(paged.answer).slice(0, 300)}`;
  if (paged.reentered !== undefined && paged.reentered.orderId !== INNER_ORDER.id) {
    return `the call from inside the read answered for ${show(paged.reentered.orderId)}, not INNER`;
  }
  return null;
}

/** Asserts a case's outcome against its expectation; returns a failure text or null. */
export function checkOutcome(c, outcome) {
  if (c.expect !== undefined) {
    if ('thrown' in outcome) {
      const e = outcome.thrown;
      return `threw ${e?.code} at ${show(e?.path)}: ${e?.message}`;
    }
    const diffs = subsetDiff(c.expect, outcome.answer);
    diffs.push(...shapeProblems(outcome.answer));
    return diffs.length ? diffs.join('\n') : null;
  }
  if (!('thrown' in outcome)) return `answered ${show(outcome.answer)}, expected the error ${show(c.error)}`;
  const e = outcome.thrown;
  if (!isError(e)) return `threw a non-Error ${show(e)}`;
  const problems = [];
  if (e.code !== c.error.code) problems.push(`code ${show(e.code)}, expected ${c.error.code}`);
  if (e.path !== c.error.path) problems.push(`path ${show(e.path)}, expected ${show(c.error.path)}`);
  if (typeof e.message !== 'string' || e.message === '') problems.push('no message');
  return problems.length ? problems.join('; ') : null;
}

/** The basis keys of every window (docs/contract.md §8). */
export const BASIS_KEYS = [
  'anchor',
  'anchorDate',
  'counting',
  'count',
  'repairDays',
  'rolledDays',
  'holidayDays',
  'weekendDays',
  'text',
];

/**
 * What every answer must carry whatever a vector checks: `provisional` as a
 * boolean on the answer (pending and closed ones too) and on every window,
 * false unless the status is open or support; each window's basis keys and
 * its `label` and `basis.text`, non-empty strings.
 */
export function shapeProblems(answer) {
  const problems = [];
  if (typeof answer?.provisional !== 'boolean')
    problems.push(`$.provisional: got ${show(answer?.provisional)}, expected a boolean`);
  if (answer?.provisional === true && answer.status !== 'open' && answer.status !== 'support') {
    problems.push(`$.provisional: true on a ${answer.status} answer`);
  }
  for (const [i, w] of (answer?.windows ?? []).entries()) {
    if (typeof w.provisional !== 'boolean')
      problems.push(`$.windows[${i}].provisional: got ${show(w.provisional)}, expected a boolean`);
    const keys = Object.keys(w.basis ?? {});
    if (show(keys) !== show(BASIS_KEYS))
      problems.push(`$.windows[${i}].basis: keys ${show(keys)}, expected ${show(BASIS_KEYS)}`);
    if (typeof w.label !== 'string' || w.label === '')
      problems.push(`$.windows[${i}].label: got ${show(w.label)}, expected a non-empty string`);
    if (typeof w.basis?.text !== 'string' || w.basis.text === '')
      problems.push(`$.windows[${i}].basis.text: got ${show(w.basis?.text)}, expected a non-empty string`);
    if (w.basis && w.basis.rolledDays !== w.basis.holidayDays + w.basis.weekendDays) {
      problems.push(`$.windows[${i}].basis: rolledDays is not holidayDays + weekendDays`);
    }
  }
  return problems;
}

/** Deep equality of plain JSON data, key order ignored (for runtimes without node:util). */
export function sameJson(a, b) {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((k) => Object.prototype.hasOwnProperty.call(b, k) && sameJson(a[k], b[k]));
}
