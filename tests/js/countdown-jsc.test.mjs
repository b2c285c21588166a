// The countdown kit in JavaScriptCore (the `jsc` shell, as WeChat's iOS logic
// layer runs it): tests/jsc/countdown.mjs with JIT and with --useJIT=false,
// through the mini-program build, js/countdown.js converted to CommonJS.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { test } from 'node:test';
import { promisify } from 'node:util';
import { root } from './lib/golden.mjs';

const run = promisify(execFile);

for (const [label, flags] of [
  ['with JIT', []],
  ['without JIT (--useJIT=false, as on iOS)', ['--useJIT=false']],
]) {
  test(
    `jsc ${label}: watchOrders on an emulated setTimeout and wx.onAppShow, formatRemaining`,
    { timeout: 60_000 },
    async (t) => {
      let out;
      try {
        out = await run('jsc', [...flags, '-m', 'tests/jsc/countdown.mjs'], { cwd: root, maxBuffer: 1 << 24 });
      } catch (e) {
        assert.fail(`jsc ${flags.join(' ')} failed:\n${e.stdout}\n${e.stderr}`);
      }
      const line = out.stdout.split('\n').find((l) => l.startsWith('COUNTDOWN-JSC '));
      assert.ok(line, `no summary line in:\n${out.stdout}`);
      t.diagnostic(line);
      const counts = JSON.parse(line.slice('COUNTDOWN-JSC '.length));
      assert.equal(counts.failures, 0, out.stdout);
      assert.ok(counts.checks >= 40, `${counts.checks} checks`);
      assert.ok(counts.steps >= 5, `${counts.steps} changes walked`);
      assert.equal(counts.ticks, 61);
    },
  );
}
