// JavaScriptCore, the engine of Safari, every iOS WebView and WeChat's iOS
// mini-program logic layer: the golden vectors and a generated differential
// against PlainEngine (tests/jsc/suite.mjs) through the mini-program build,
// in the `jsc` shell (Debian's libjavascriptcoregtk-4.0-bin), with JIT and
// with --useJIT=false as on iOS. Identical answers are required in both.

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

for (const [label, flags] of [
  ['with JIT', []],
  ['without JIT (--useJIT=false, as on iOS)', ['--useJIT=false']],
]) {
  test(
    `jsc ${label}: golden vectors and 5,000 generated orders through the mini-program build`,
    { timeout: 600_000 },
    async (t) => {
      let out;
      try {
        out = await run('jsc', [...flags, '-m', 'tests/jsc/suite.mjs', '--', '--orders', '5000', ...vectors], {
          cwd: root,
          maxBuffer: 1 << 26,
        });
      } catch (e) {
        assert.fail(`jsc ${flags.join(' ')} failed:\n${e.stdout}\n${e.stderr}`);
      }
      const line = out.stdout.split('\n').find((l) => l.startsWith('JSC-SUITE '));
      assert.ok(line, `no summary line in:\n${out.stdout}`);
      const counts = JSON.parse(line.slice('JSC-SUITE '.length));
      t.diagnostic(line);
      assert.equal(counts.failures, 0);
      assert.ok(counts.vectors >= 200, `${counts.vectors} vectors`);
      assert.equal(counts.pageShaped, counts.vectors, 'every vector again with its order as a page holds it');
      assert.ok(counts.orders >= 5000, `${counts.orders} generated orders`);
      assert.equal(counts.pageShapedSlots, counts.slots, 'every generated batch again as a page holds its orders');
      assert.ok(counts.readChecks >= 9, `${counts.readChecks} checks of what is read`);
    },
  );
}
