// Shared by the JS tests: the golden vectors (tests/vectors/*.json, format in
// tests/vectors/README.md), running one case through a loaded API, the subset
// comparison, and the native CLI run over the same cases in batches.

import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const pkgDir = join(root, 'pkg');
export const glueUrl = pathToFileURL(join(pkgDir, 'shouhoubao.js')).href;
export const wasmPath = join(pkgDir, 'shouhoubao_bg.wasm');
export const vectorDir = join(root, 'tests', 'vectors');

/** Every case of every tests/vectors/*.json, its policy resolved. */
export function loadCases() {
  const files = readdirSync(vectorDir).filter((f) => f.endsWith('.json')).sort();
  const cases = [];
  const names = new Set();
  for (const file of files) {
    const doc = JSON.parse(readFileSync(join(vectorDir, file), 'utf8'));
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
export const BASIS_KEYS = ['anchor', 'anchorDate', 'counting', 'count', 'repairDays', 'rolledDays', 'holidayDays', 'weekendDays'];

/**
 * What every answer must carry whatever a vector checks: `provisional` as a
 * boolean on the answer (pending and closed ones too) and on every window,
 * false unless the status is open or support; each window's eight basis keys.
 */
export function shapeProblems(answer) {
  const problems = [];
  if (typeof answer?.provisional !== 'boolean') problems.push(`$.provisional: got ${show(answer?.provisional)}, expected a boolean`);
  if (answer?.provisional === true && answer.status !== 'open' && answer.status !== 'support') {
    problems.push(`$.provisional: true on a ${answer.status} answer`);
  }
  for (const [i, w] of (answer?.windows ?? []).entries()) {
    if (typeof w.provisional !== 'boolean') problems.push(`$.windows[${i}].provisional: got ${show(w.provisional)}, expected a boolean`);
    const keys = Object.keys(w.basis ?? {});
    if (show(keys) !== show(BASIS_KEYS)) problems.push(`$.windows[${i}].basis: keys ${show(keys)}, expected ${show(BASIS_KEYS)}`);
    if (w.basis && w.basis.rolledDays !== w.basis.holidayDays + w.basis.weekendDays) {
      problems.push(`$.windows[${i}].basis: rolledDays is not holidayDays + weekendDays`);
    }
  }
  return problems;
}

/** The CLI's text for an EngineError (its Display). */
export function cliErrorText(e) {
  return e.path === '' ? `${e.code}: ${e.message}` : `${e.code} at ${e.path}: ${e.message}`;
}

let binary;
/** Builds the native CLI once (cargo build --quiet --bin shouhoubao); its path. */
export async function cliBinary() {
  if (!binary) {
    binary = (async () => {
      await run('cargo', ['build', '--quiet', '--bin', 'shouhoubao'], { cwd: root, maxBuffer: 1 << 26 });
      return join(root, 'target', 'debug', process.platform === 'win32' ? 'shouhoubao.exe' : 'shouhoubao');
    })();
  }
  return binary;
}

/** Runs the CLI: { status, stdout, stderr }. */
export async function runCli(args, options = {}) {
  const bin = await cliBinary();
  try {
    const { stdout, stderr } = await run(bin, args, { cwd: root, maxBuffer: 1 << 26, ...options });
    return { status: 0, stdout, stderr };
  } catch (e) {
    if (typeof e.code !== 'number') throw e;
    return { status: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

// A first line that makes the input unambiguous JSON Lines (the CLI reads a
// lone JSON value as one order, and an input starting with `[` as an array).
const SENTINEL = { id: '__batch_sentinel__', category: '-', status: 'pending' };

/**
 * Runs every case through the native CLI, one process per group of cases
 * sharing policy, locale and now (the CLI takes one --now per run), with the
 * orders as JSON Lines. Returns Map(case name → { line } | { fatal: { status, stderr } }).
 */
export async function cliOutcomes(cases, { concurrency = 8 } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'shouhoubao-cli-'));
  try {
    const groups = new Map();
    for (const c of cases) {
      const key = JSON.stringify([c.policyKey, c.locale ?? '', String(c.now)]);
      if (!groups.has(key)) groups.set(key, []);
      groups.get(key).push(c);
    }
    const policyFiles = new Map();
    const jobs = [...groups.values()].map((group, index) => async () => {
      const first = group[0];
      const args = ['eval'];
      if (first.policy !== undefined) {
        if (!policyFiles.has(first.policyKey)) {
          const file = join(dir, `policy-${policyFiles.size}.json`);
          writeFileSync(file, JSON.stringify(first.policy));
          policyFiles.set(first.policyKey, file);
        }
        args.push('--policy', policyFiles.get(first.policyKey));
      }
      args.push('--now', String(first.now));
      if (first.locale !== undefined) args.push('--locale', first.locale);
      const input = join(dir, `orders-${index}.jsonl`);
      writeFileSync(input, [SENTINEL, ...group.map((c) => c.order)].map((o) => JSON.stringify(o)).join('\n') + '\n');
      args.push(input);
      const result = await runCli(args);
      const out = [];
      if (result.status === 2) {
        for (const c of group) out.push([c.name, { fatal: { status: 2, stderr: result.stderr } }]);
        return out;
      }
      const lines = result.stdout.split('\n').filter((l) => l.trim() !== '');
      if (lines.length !== group.length + 1) {
        throw new Error(`shouhoubao ${args.join(' ')}: ${lines.length} lines for ${group.length + 1} orders\n${result.stderr}`);
      }
      const sentinel = JSON.parse(lines[0]);
      if (sentinel.orderId !== SENTINEL.id || sentinel.status !== 'pending') {
        throw new Error(`the CLI's first answer is not the sentinel's: ${lines[0]}`);
      }
      group.forEach((c, i) => out.push([c.name, { line: JSON.parse(lines[i + 1]) }]));
      return out;
    });
    const results = new Map();
    let next = 0;
    await Promise.all(Array.from({ length: Math.min(concurrency, jobs.length) }, async () => {
      while (next < jobs.length) {
        const job = jobs[next++];
        for (const [name, outcome] of await job()) results.set(name, outcome);
      }
    }));
    return { outcomes: results, processes: jobs.length };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
