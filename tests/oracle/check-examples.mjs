// Checks PlainEngine against a file of the contract's worked examples (the one beside the contract):
// each answer compared as a subset (reason.text is a placeholder there; windows carry no basis).
import { readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { PlainEngine } from './plain-engine.mjs';

const file = process.argv[2];
if (!file) {
  console.error('usage: node tests/oracle/check-examples.mjs path/to/examples.json');
  process.exit(2);
}
const { policy, examples } = JSON.parse(readFileSync(file, 'utf8'));
const engine = new PlainEngine(policy);

/** Differences between an expected subset and an actual value, as paths. */
function diff(expected, actual, path, out) {
  if (expected !== null && typeof expected === 'object') {
    if (Array.isArray(expected)) {
      if (!Array.isArray(actual) || actual.length !== expected.length) {
        out.push(`${path}: expected ${expected.length} entries, got ${JSON.stringify(actual)}`);
        return out;
      }
      expected.forEach((e, i) => diff(e, actual[i], `${path}[${i}]`, out));
      return out;
    }
    for (const key of Object.keys(expected)) {
      if (path === '.reason' && key === 'text') continue; // a placeholder
      diff(expected[key], actual?.[key], `${path}.${key}`, out);
    }
    return out;
  }
  if (!isDeepStrictEqual(expected, actual))
    out.push(`${path}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
  return out;
}

let failed = 0;
for (const ex of examples) {
  let problems;
  try {
    const answer = engine.evaluate(ex.order, ex.now);
    if (ex.error) throw Object.assign(new Error('answered'), { answer });
    problems = diff(ex.answer, answer, '', []);
    // No extra keys beyond those the example gives (windows may add basis, part and promise).
    for (const key of Object.keys(answer)) if (!(key in ex.answer)) problems.push(`.${key}: not in the example`);
  } catch (e) {
    if (e.answer) problems = [`answered ${JSON.stringify(e.answer)}, expected ${JSON.stringify(ex.error)}`];
    else if (ex.error && e.code === ex.error.code && e.path === ex.error.path) problems = [];
    else problems = [`threw ${e.code} at ${e.path}: ${e.message}`];
  }
  if (problems.length) failed++;
  console.log(`${problems.length ? 'FAIL' : 'ok  '} ${ex.order.id} ${ex.title}`);
  for (const p of problems) console.log(`     ${p}`);
}
console.log(`${examples.length - failed} of ${examples.length} examples agree`);
process.exitCode = failed ? 1 : 0;
