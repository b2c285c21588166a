// Runs the Node snippets of the docs: every fenced code block immediately
// preceded by a line `<!-- snippet: node -->` is written to a temporary .mjs
// file beside a node_modules/shouhoubao link to pkg/ (so that 'shouhoubao'
// resolves through the package's exports map, as in a user's project: in
// Node, to the entry that loads its own .wasm) and run with node: it must
// exit 0. README.md must hold at least one such snippet.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { after, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { pkgDir, root } from './lib/golden.mjs';
import { markedSnippets } from './lib/snippets.mjs';

const work = mkdtempSync(join(tmpdir(), 'shouhoubao-snippets-'));
mkdirSync(join(work, 'node_modules'));
symlinkSync(pkgDir, join(work, 'node_modules', 'shouhoubao'), 'dir');
writeFileSync(join(work, 'package.json'), '{"private":true,"type":"module"}\n');
after(() => rmSync(work, { recursive: true, force: true }));

let counter = 0;
async function runSnippet(snippet, source) {
  const code = snippet.code;
  const file = join(work, `snippet-${++counter}.mjs`);
  writeFileSync(file, `// ${source}:${snippet.line}\n${code}`);
  try {
    return await promisify(execFile)(process.execPath, [file], { cwd: work, timeout: 30_000, maxBuffer: 1 << 24 });
  } catch (e) {
    assert.fail(
      `${source}:${snippet.line}: the snippet failed (exit ${e.code}${e.signal ? `, ${e.signal}` : ''})\n` +
        `--- stdout\n${e.stdout}\n--- stderr\n${e.stderr}\n--- snippet\n${code}`,
    );
  }
}

function snippetSuite(path, { required }) {
  const source = relative(root, path);
  describe(source, () => {
    if (!existsSync(path)) {
      test('exists', () => assert.fail(`${source} is missing`));
      return;
    }
    const snippets = markedSnippets(readFileSync(path, 'utf8'), source).filter((snippet) => snippet.kind === 'node');
    test(`holds ${required ? 'at least one' : 'any number of'} \`<!-- snippet: node -->\` block(s) (found ${snippets.length})`, () => {
      if (required) {
        assert.ok(
          snippets.length > 0,
          `${source} has no fenced code block preceded by a line \`<!-- snippet: node -->\`: ` +
            'mark at least one Node example so that it is run by this test',
        );
      }
    });
    for (const snippet of snippets) {
      test(`the snippet at line ${snippet.line} runs with node and exits 0`, async () => {
        assert.ok(
          ['', 'js', 'javascript', 'mjs'].includes(snippet.lang),
          `${source}:${snippet.line}: a node snippet is JavaScript, not ${snippet.lang}`,
        );
        await runSnippet(snippet, source);
      });
    }
  });
}

snippetSuite(join(root, 'README.md'), { required: true });

test('markedSnippets reads markers, fences and languages', () => {
  const md = [
    '# x',
    '<!-- snippet: node -->',
    '```js',
    'a',
    '````',
    '```',
    'text',
    '<!-- snippet: node -->',
    '~~~',
    'b',
    '~~~',
    '```js',
    'c',
    '```',
  ].join('\n');
  assert.deepStrictEqual(markedSnippets(md, 'x.md'), [
    { kind: 'node', line: 3, lang: 'js', code: 'a\n' },
    { kind: 'node', line: 9, lang: '', code: 'b\n' },
  ]);
  assert.throws(() => markedSnippets('<!-- snippet: node -->\n\n```js\nx\n```', 'y.md'), /y\.md:1/);
});
