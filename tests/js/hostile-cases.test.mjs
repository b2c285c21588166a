// Reading by name and calls inside calls under hostile input (issue 16;
// contract 3, §3, §4, §7): the cases of tests/js/lib/hostile-cases.mjs, in
// Node (the ES module build) and in JavaScriptCore with and without JIT
// (the mini-program build, tests/jsc/hostile.mjs). Each case answers
// correctly or gives the contract's typed error, within a budget of reads
// counted through Proxies and getters (never the clock), and leaves its
// engine answering, syncing its clock and freeing.
//
// A destructive case (a getter that calls the engine until the stack runs
// out) may break the wasm instance when it fails, so each runs in a process
// of its own: a child `node`, a fresh `jsc`. A `todo` case (a reading the
// contract has yet to settle) is run and reported without failing the run.
//
//   node --test tests/js/hostile-cases.test.mjs      (pkg/ built: scripts/build-pkg.sh)

import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { CASES } from './lib/hostile-cases.mjs';
import { glueUrl, root, wasmPath } from './lib/golden.mjs';

const run = promisify(execFile);
const api = await import(glueUrl);
api.initSync({ module: readFileSync(wasmPath) });

const casesUrl = pathToFileURL(join(root, 'tests', 'js', 'lib', 'hostile-cases.mjs')).href;
const indexed = CASES.map((c, index) => ({ ...c, index }));
const safe = indexed.filter((c) => !c.destructive);
const destructive = indexed.filter((c) => c.destructive);

/** Fails with every problem a case reported, one per line. */
function assertNoProblems(problems) {
  if (problems.length) assert.fail(`${problems.length} problem(s):\n${problems.join('\n')}`);
}

/** Runs case `index` in a fresh Node process: its problems. */
function inChildNode(index) {
  const script = `
    import { readFileSync } from 'node:fs';
    const api = await import(${JSON.stringify(glueUrl)});
    api.initSync({ module: readFileSync(${JSON.stringify(wasmPath)}) });
    const { CASES } = await import(${JSON.stringify(casesUrl)});
    let problems;
    try { problems = CASES[${index}].run(api); } catch (e) { problems = ['the case itself threw ' + e?.name + ': ' + e?.message]; }
    process.stdout.write(JSON.stringify(problems));
  `;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd: root,
    encoding: 'utf8',
    timeout: 300_000,
    maxBuffer: 1 << 26,
  });
  if (r.status !== 0 || r.stdout === '')
    return [`the child crashed (status ${r.status}, signal ${r.signal}): ${r.stderr.slice(-2000)}`];
  return JSON.parse(r.stdout);
}

/** Runs tests/jsc/hostile.mjs in a fresh `jsc`: its FAIL lines and summary. */
async function inJsc(flags, extra = []) {
  let stdout;
  try {
    ({ stdout } = await run('jsc', [...flags, '-m', 'tests/jsc/hostile.mjs', '--', ...extra], {
      cwd: root,
      maxBuffer: 1 << 26,
      timeout: 600_000,
    }));
  } catch (e) {
    stdout = `${e.stdout ?? ''}\n${e.stderr ?? ''}`;
  }
  const fails = stdout.split('\n').filter((l) => l.startsWith('FAIL '));
  const summary = stdout.split('\n').find((l) => l.startsWith('JSC-HOSTILE '));
  return { fails, summary: summary ? JSON.parse(summary.slice('JSC-HOSTILE '.length)) : null, stdout };
}

describe('in Node, one engine per case', () => {
  for (const c of safe) {
    // A `todo` case is run and reported, and does not fail the run.
    test(c.name, { todo: c.todo }, () => {
      assertNoProblems(c.run(api));
    });
  }
});

describe('in Node, calls inside calls without end, each in a fresh process', () => {
  for (const c of destructive) {
    test(c.name, { timeout: 300_000 }, () => {
      assertNoProblems(inChildNode(c.index));
    });
  }
});

for (const [label, flags] of [
  ['with JIT', []],
  ['without JIT (--useJIT=false, as on iOS)', ['--useJIT=false']],
]) {
  describe(`in jsc ${label}, through the mini-program build`, () => {
    test(`the ${safe.length} cases that cannot break the instance, in one process`, { timeout: 600_000 }, async (t) => {
      const { fails, summary, stdout } = await inJsc(flags);
      assert.ok(summary, `no summary line in:\n${stdout.slice(-4000)}`);
      t.diagnostic(`JSC-HOSTILE ${JSON.stringify(summary)}`);
      assert.equal(summary.cases, safe.length, 'every case ran');
      assertNoProblems(fails);
    });
    for (const c of destructive) {
      test(`${c.name} (a fresh jsc)`, { timeout: 300_000 }, async () => {
        const { fails, summary, stdout } = await inJsc(flags, ['--case', String(c.index)]);
        assert.ok(summary || fails.length, `no summary line in:\n${stdout.slice(-4000)}`);
        assertNoProblems(fails);
      });
    }
  });
}
