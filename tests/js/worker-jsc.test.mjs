// shouhoubao/worker and load() in JavaScriptCore under emulated WeChat,
// Alipay and Douyin mini-programs (tests/jsc/worker-suite.mjs, with
// tests/jsc/platforms.mjs): load() picks WXWebAssembly, MYWebAssembly or
// TTWebAssembly and answers every golden vector; a page and the platform's
// Worker (messages as JSON, delivered later) carry every golden vector,
// errors, a syncClock sent before any policy, and a watch. With JIT and with
// --useJIT=false (as on iOS).

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';
import { root, vectorDir } from './lib/golden.mjs';

const run = promisify(execFile);
const vectors = readdirSync(vectorDir)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => join('tests', 'vectors', f));

/** Runs the suite; its summary line's counts. */
async function suite(platform, flags) {
  let out;
  try {
    out = await run('jsc', [...flags, '-m', 'tests/jsc/worker-suite.mjs', '--', '--platform', platform, ...vectors], {
      cwd: root,
      maxBuffer: 1 << 26,
    });
  } catch (e) {
    assert.fail(`jsc ${flags.join(' ')} (${platform}) failed:\n${e.stdout}\n${e.stderr}`);
  }
  // A request left unanswered ends the shell quietly (its event loop runs
  // dry with the module still waiting): no summary line then.
  const line = out.stdout.split('\n').find((l) => l.startsWith('WORKER-SUITE '));
  assert.ok(line, `no summary line (a message was never answered?) in:\n${out.stdout}\n${out.stderr}`);
  return JSON.parse(line.slice('WORKER-SUITE '.length));
}

for (const [platform, name] of [
  ['wx', 'WeChat (WXWebAssembly, wx.createWorker)'],
  ['my', 'Alipay (MYWebAssembly, my.createWorker)'],
  ['tt', 'Douyin (TTWebAssembly, tt.createWorker)'],
]) {
  for (const [label, flags] of [
    ['with JIT', []],
    ['without JIT', ['--useJIT=false']],
  ]) {
    test(`jsc ${label}, ${name}: load() and every golden vector, then the vectors (also as a page holds their orders), errors and syncClock through the worker`, async (t) => {
      const counts = await suite(platform, flags);
      t.diagnostic(JSON.stringify(counts));
      assert.equal(counts.failures, 0);
      assert.equal(counts.platform, platform);
      assert.ok(counts.vectors >= 200, `${counts.vectors} vectors through load()`);
      assert.equal(counts.workerVectors, counts.vectors, 'every vector through the worker');
      assert.ok(counts.workerErrors >= 50, `${counts.workerErrors} vectors whose error crossed`);
      assert.ok(
        counts.workerPageHeld >= 150,
        `${counts.workerPageHeld} orders as a page holds them through the worker`,
      );
      assert.equal(counts.errorsCrossed, true);
    });
  }
}

// The watch message: engine.watch (js/countdown.js) in the worker, its
// updates posted to the page.
test('jsc, every platform: a watch through the worker reports what engine.watch reports in the page', async () => {
  for (const platform of ['wx', 'my', 'tt']) {
    const counts = await suite(platform, []);
    assert.equal(counts.watch, 'passed', platform);
    assert.equal(counts.failures, 0, platform);
  }
});
