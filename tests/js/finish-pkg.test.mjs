// crates/shouhoubao-wasm/finish-pkg.mjs on copies of pkg/: idempotent on the real glue, and
// loud (exit 1, a message naming the surprise) on a glue of another shape.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { promisify } from 'node:util';
import { pkgDir, root } from './lib/golden.mjs';

const script = join(root, 'crates', 'shouhoubao-wasm', 'finish-pkg.mjs');
const work = mkdtempSync(join(tmpdir(), 'shouhoubao-finish-'));
after(() => rmSync(work, { recursive: true, force: true }));

let copies = 0;
function copyOfPkg(mutate) {
  const dir = join(work, `pkg-${++copies}`);
  cpSync(pkgDir, dir, {
    recursive: true,
    filter: (src) => !src.startsWith(join(pkgDir, 'miniprogram')) && !/^worker/.test(src.slice(pkgDir.length + 1)),
  });
  if (mutate) {
    const glue = join(dir, 'shouhoubao.js');
    writeFileSync(glue, mutate(readFileSync(glue, 'utf8')));
  }
  return dir;
}

async function finish(dir) {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [script, dir]);
    return { status: 0, stdout, stderr };
  } catch (e) {
    return { status: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

test('on the real glue: the same files as in pkg/, and again when run twice', async () => {
  const dir = copyOfPkg();
  for (let run = 0; run < 2; run++) {
    const { status, stdout, stderr } = await finish(dir);
    assert.equal(status, 0, stderr);
    assert.match(stdout, /shouhoubao_bg\.wasm\s+\d+ B .*\d+ B/);
    for (const file of [
      'package.json',
      'miniprogram/index.js',
      'miniprogram/shouhoubao.js',
      'miniprogram/text-codec.js',
      'miniprogram/index.d.ts',
      'miniprogram/shouhoubao.d.ts',
      'miniprogram/package.json',
      'worker.js',
      'worker-core.js',
      'worker.d.ts',
      'worker-core.d.ts',
      'miniprogram/worker.js',
      'miniprogram/worker-core.js',
      'miniprogram/worker.d.ts',
      'miniprogram/worker-core.d.ts',
    ]) {
      assert.equal(readFileSync(join(dir, file), 'utf8'), readFileSync(join(pkgDir, file), 'utf8'), file);
    }
    // The brotli build of the .wasm is the same bytes run after run (quality 11, no timestamps).
    assert.ok(
      readFileSync(join(dir, 'miniprogram/shouhoubao_bg.wasm.br')).equals(
        readFileSync(join(pkgDir, 'miniprogram/shouhoubao_bg.wasm.br')),
      ),
    );
  }
});

const surprises = {
  'no import.meta.url line': (g) => g.replace("new URL('shouhoubao_bg.wasm', import.meta.url)", "'shouhoubao_bg.wasm'"),
  'a second import.meta': (g) => g + '\nconst here = import.meta.url;\n',
  'an import statement': (g) => "import { x } from './snippets/x.js';\n" + g,
  'an export default function': (g) => g + '\nexport default function other() {}\n',
  'a renamed __wbg_finalize_init': (g) => g.replaceAll('__wbg_finalize_init', '__wbg_finalize'),
  'no TextDecoder': (g) => g.replaceAll('new TextDecoder(', 'new Decoder('),
  'no boundary snippet': (g) => g.replaceAll(/\.\/snippets\/[^'"]+\/js\/boundary\.js/g, './elsewhere.js'),
  'Engine no longer exported': (g) => g.replace('export class Engine', 'class Engine'),
  'two export lists': (g) => g + '\nexport { debugString };\n',
};

for (const [name, mutate] of Object.entries(surprises)) {
  test(`fails loudly on a glue with ${name}`, async (t) => {
    const dir = copyOfPkg(mutate);
    const { status, stderr } = await finish(dir);
    assert.equal(status, 1);
    assert.match(stderr, /^finish-pkg: .+\nThe wasm-bindgen glue no longer has the shape/);
    t.diagnostic(stderr.split('\n')[0]);
  });
}
