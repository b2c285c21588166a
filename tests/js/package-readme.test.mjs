// The npm package's own README (crates/shouhoubao-wasm/js/README.md, shipped as pkg/README.md): every
// code block in it runs. A block is marked by the line before it:
// `<!-- snippet: node -->` runs with node in a project where 'shouhoubao'
// resolves through node_modules to pkg/ (the exports map, as a user's);
// `<!-- snippet: browser -->` runs as a module script of a page in Chromium,
// 'shouhoubao' mapped to /pkg/index.js; `<!-- snippet: wechat -->` runs as a
// WeChat page's code under an emulated Page()/WXWebAssembly, 'shouhoubao'
// being the mini-program build. The only unmarked block allowed is the
// install line.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { chromium } from 'playwright-core';
import { start } from '../../www/server.mjs';
import { pkgDir, root } from './lib/golden.mjs';
import { fencedBlocks, markedSnippets } from './lib/snippets.mjs';
import { chromiumOptions } from './lib/chromium.mjs';

const SOURCE = 'crates/shouhoubao-wasm/js/README.md';
const README = readFileSync(join(root, SOURCE), 'utf8');
const snippets = markedSnippets(README, SOURCE);

test('every code block is run here (the install line aside), and the package ships this README', () => {
  const marked = new Set(snippets.map((s) => s.line));
  const unmarked = fencedBlocks(README).filter((b) => !marked.has(b.line));
  assert.deepEqual(
    unmarked.map((b) => b.lang),
    ['sh'],
    'only the install block is unmarked',
  );
  assert.ok(README.includes('```sh\nnpm install shouhoubao\n```'));
  assert.deepEqual([...new Set(snippets.map((s) => s.kind))].sort(), ['browser', 'node', 'wechat']);
  assert.equal(readFileSync(join(pkgDir, 'README.md'), 'utf8'), README);
});

test("the default policy's categories, as the README lists them, are the policy's", async () => {
  const { defaultPolicy } = await import('../../pkg/node.js');
  const section = README.slice(README.indexOf("## The default policy's categories"), README.indexOf('## More'));
  const listed = [...section.matchAll(/`([a-z0-9_]+)`/g)].map((m) => m[1]).filter((name) => name !== 'categoryKnown');
  assert.deepEqual(listed.sort(), Object.keys(defaultPolicy().categories).sort());
});

describe('node snippets', () => {
  const work = mkdtempSync(join(tmpdir(), 'shouhoubao-package-readme-'));
  mkdirSync(join(work, 'node_modules'));
  symlinkSync(pkgDir, join(work, 'node_modules', 'shouhoubao'), 'dir');
  writeFileSync(join(work, 'package.json'), '{"private":true,"type":"module"}\n');
  after(() => rmSync(work, { recursive: true, force: true }));
  for (const snippet of snippets.filter((s) => s.kind === 'node')) {
    test(`line ${snippet.line} runs with node`, async () => {
      const file = join(work, `snippet-${snippet.line}.mjs`);
      writeFileSync(file, snippet.code);
      const { stdout } = await promisify(execFile)(process.execPath, [file], { cwd: work, timeout: 30_000 });
      assert.notEqual(stdout.trim(), '', 'it prints what its comment says');
    });
  }
});

describe('browser snippets, in Chromium', () => {
  let server;
  let browser;
  before(async () => {
    server = await start({ port: 0, wwwDir: root });
    browser = await chromium.launch(chromiumOptions());
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });
  for (const snippet of snippets.filter((s) => s.kind === 'browser')) {
    test(`line ${snippet.line} runs as a page's module script`, async () => {
      const page = await browser.newPage();
      const problems = [];
      page.on('pageerror', (e) => problems.push(e.message));
      page.on('console', (m) => {
        if (m.type() === 'error') problems.push(m.text());
      });
      const url = `${server.url}__package-readme-snippet.html`;
      await page.route(url, (route) =>
        route.fulfill({
          contentType: 'text/html; charset=utf-8',
          body:
            '<!doctype html><meta charset="utf-8"><body>' +
            '<script type="importmap">{"imports":{"shouhoubao":"/pkg/index.js"}}</script>' +
            `<script type="module">${snippet.code}\ndocument.documentElement.dataset.done = 'true';</script>`,
        }),
      );
      await page.goto(url);
      await page.waitForFunction(() => document.documentElement.dataset.done === 'true', null, { timeout: 15_000 });
      const text = await page.textContent('body');
      await page.close();
      assert.deepEqual(problems, []);
      assert.match(text, /交易成功后15天内可自助申请售后 · 剩余 12 天/, 'the answer and its countdown are on the page');
    });
  }
});

describe('WeChat snippets, under an emulated Page() and WXWebAssembly', () => {
  for (const snippet of snippets.filter((s) => s.kind === 'wechat')) {
    test(`line ${snippet.line} sets the page's data`, async () => {
      const miniprogram = createRequire(import.meta.url)('../../pkg/miniprogram/index.js');
      const wasm = readFileSync(join(pkgDir, 'miniprogram', 'shouhoubao_bg.wasm'));
      const instantiated = [];
      globalThis.WXWebAssembly = {
        instantiate: (path, imports) => {
          instantiated.push(path);
          return WebAssembly.instantiate(wasm, imports);
        },
      };
      try {
        let config = null;
        const requireShim = (name) => {
          if (name !== 'shouhoubao') throw new Error(`the snippet requires ${name}`);
          return miniprogram;
        };
        new Function('require', 'Page', snippet.code)(requireShim, (c) => {
          config = c;
        });
        const data = {};
        await config.onLoad.call({ setData: (d) => Object.assign(data, d) });
        assert.deepEqual(
          instantiated,
          [miniprogram.DEFAULT_WASM_PATH],
          'load() used WXWebAssembly with the default path',
        );
        assert.match(data.text, /交易成功后15天内可自助申请售后 · 剩余 14 天/);
      } finally {
        delete globalThis.WXWebAssembly;
      }
    });
  }
});
