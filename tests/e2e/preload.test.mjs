// The preload line for the .wasm (issue 19), in headless Chromium: a plain
// ES-module page (tests/e2e/preload-page/) with the README's
//
//   <link rel="preload" href="/pkg/shouhoubao_bg.wasm" as="fetch" type="application/wasm" crossorigin>
//
// and a module that does `import init, { Engine, formatRemaining } from
// '/pkg/index.js'; await init();` and renders one countdown. The glue's own
// fetch(new URL('shouhoubao_bg.wasm', import.meta.url)) must take the
// preloaded response: the server sees one request for the .wasm, its one
// resource-timing entry is the <link>'s, and Chromium does not warn that the
// preload went unused. Lines without crossorigin or with use-credentials are
// shown to fail the same checks (two downloads and the warning), so the
// checks can tell. The countdown is compared with the package's own in Node.
//
//   node --test tests/e2e/preload.test.mjs     (pkg/ built)

import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import { chromium } from 'playwright-core';
import { initSync, Engine, formatRemaining } from '../../pkg/index.js';
import { startPreloadServer, PRELOAD_LINE } from './preload-page/server.mjs';
import { ORDER } from './preload-page/order.js';
import { chromiumOptions } from '../js/lib/chromium.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
// Chromium warns about an unused preload 3 s after the load event
// (ResourceFetcher's unused-preload timer); the page is watched a little longer.
const UNUSED_PRELOAD_GRACE_MS = 4500;
const NOW = Date.parse('2026-08-20T10:00:00+08:00');

initSync({ module: fs.readFileSync(path.join(ROOT, 'pkg', 'shouhoubao_bg.wasm')) });
const referee = new Engine(undefined, { locale: 'zh-CN' });

let server;
let browser;
before(async () => {
  server = await startPreloadServer();
  browser = await chromium.launch(chromiumOptions());
});
after(async () => {
  await browser?.close();
  await server?.close();
});

/**
 * Loads a page in a fresh context (empty cache) and waits until Chromium has
 * had its chance to warn about an unused preload. Returns what was seen.
 */
async function load(url, counter = { reset: () => server.resetCount(), count: () => server.wasmRequests() }) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const consoleMessages = [];
  const problems = [];
  const wasmRequests = [];
  page.on('console', (m) => consoleMessages.push({ type: m.type(), text: m.text() }));
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('request', (r) => {
    if (new URL(r.url()).pathname.endsWith('.wasm')) wasmRequests.push(r.resourceType());
  });
  page.on('response', (r) => {
    if (r.status() >= 400 && !r.url().endsWith('/favicon.ico')) problems.push(`HTTP ${r.status()} ${r.url()}`);
  });
  counter.reset();
  await page.goto(`${url}?now=${NOW}`, { waitUntil: 'load' });
  await page.waitForFunction(() => document.documentElement.dataset.ready === 'true');
  await page.waitForTimeout(UNUSED_PRELOAD_GRACE_MS);
  const seen = {
    serverWasmRequests: counter.count(),
    wasmRequests,
    consoleMessages,
    problems,
    preloadLinks: await page.$$eval('link[rel=preload]', (links) => links.map((l) => l.outerHTML)),
    // The .wasm's resource-timing entries: 'link' for the preload, 'fetch' for the glue's own.
    wasmEntries: await page.evaluate(() =>
      performance
        .getEntriesByType('resource')
        .filter((e) => new URL(e.name).pathname.endsWith('.wasm'))
        .map((e) => e.initiatorType),
    ),
    countdown: await page.$eval('#countdown', (e) => ({
      text: e.textContent,
      now: Number(e.dataset.now),
      status: e.dataset.status,
    })),
  };
  await context.close();
  return seen;
}

const preloadWarnings = (messages) => messages.filter((m) => /preload/i.test(m.text));

test("the preload line: one download of the .wasm, taken by the glue, no warning, the engine's countdown", async () => {
  const seen = await load(server.pageUrl());
  assert.equal(seen.preloadLinks.length, 1, 'index.html has its preload line');
  assert.deepEqual(seen.problems, []);
  assert.equal(seen.serverWasmRequests, 1, 'the server sent the .wasm once');
  assert.equal(seen.wasmRequests.length, 1, 'Chromium requested the .wasm once');
  assert.deepEqual(seen.wasmEntries, ['link'], "the one download is the preload's");
  assert.deepEqual(preloadWarnings(seen.consoleMessages), [], 'no warning about the preload');
  // (Chromium asks for /favicon.ico, a 404 here: the responses above are checked instead.)
  assert.deepEqual(
    seen.consoleMessages.filter(
      (m) => (m.type === 'warning' || m.type === 'error') && !m.text.startsWith('Failed to load resource'),
    ),
    [],
    'no other console warning or error (instantiateStreaming took the response: no MIME-type fallback)',
  );
  const answer = referee.evaluate(ORDER, NOW);
  assert.equal(seen.countdown.now, NOW);
  assert.equal(seen.countdown.status, answer.status);
  assert.equal(answer.status, 'open', 'the order is open at NOW: a day count to show');
  assert.equal(seen.countdown.text, formatRemaining(answer, NOW, 'zh-CN'));
  assert.match(seen.countdown.text, /^剩余 \d+ 天$/);
});

test('the README gives the same lines as the plain page and the Vite app', () => {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const line = PRELOAD_LINE.replace('href="/pkg/', 'href="./pkg/');
  assert.ok(readme.includes(line), `README.md has ${line}`);
  const viteLine = fs
    .readFileSync(path.join(ROOT, 'tests/e2e/preload-page/vite/index.html'), 'utf8')
    .match(/<link rel="preload"[^>]*>/)[0];
  assert.ok(readme.includes(viteLine), `README.md has the Vite app's ${viteLine}`);
});

test("without the preload line: one download, by the glue's fetch, the same countdown", async () => {
  const seen = await load(server.pageUrl('none'));
  assert.deepEqual(seen.preloadLinks, []);
  assert.deepEqual(seen.problems, []);
  assert.equal(seen.serverWasmRequests, 1);
  assert.deepEqual(seen.wasmEntries, ['fetch']);
  assert.deepEqual(preloadWarnings(seen.consoleMessages), []);
  assert.equal(seen.countdown.text, formatRemaining(referee.evaluate(ORDER, NOW), NOW, 'zh-CN'));
});

for (const variant of ['no-crossorigin', 'use-credentials']) {
  test(`a preload line ${variant === 'no-crossorigin' ? 'without crossorigin' : 'with crossorigin="use-credentials"'} is caught: two downloads and the warnings`, async () => {
    const seen = await load(server.pageUrl(variant));
    assert.equal(seen.preloadLinks.length, 1);
    assert.equal(seen.serverWasmRequests, 2, 'the .wasm downloaded twice');
    assert.deepEqual(seen.wasmEntries, ['link', 'fetch']);
    const warnings = preloadWarnings(seen.consoleMessages).map((m) => m.text);
    assert.ok(
      warnings.some((t) => t.includes('is not used because the request credentials mode does not match')),
      warnings.join('\n'),
    );
    assert.ok(
      warnings.some((t) => t.includes('was preloaded using link preload but not used')),
      warnings.join('\n'),
    );
    // The page still works, only slower.
    assert.equal(seen.countdown.text, formatRemaining(referee.evaluate(ORDER, NOW), NOW, 'zh-CN'));
  });
}

test('Vite: the preload line in index.html, href into node_modules, is rewritten to the emitted .wasm and taken by the glue', async (t) => {
  // The app of tests/e2e/preload-page/vite/ with the package copied into its
  // node_modules/ (as npm install leaves it), built for production.
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'shouhoubao-preload-vite-'));
  t.after(() => fs.rmSync(work, { recursive: true, force: true }));
  const app = path.join(work, 'app');
  fs.cpSync(path.join(ROOT, 'tests/e2e/preload-page/vite'), app, { recursive: true });
  fs.cpSync(path.join(ROOT, 'tests/e2e/preload-page/order.js'), path.join(app, 'order.js'));
  fs.cpSync(path.join(ROOT, 'pkg'), path.join(app, 'node_modules/shouhoubao'), { recursive: true });
  const dist = path.join(work, 'dist');
  const { build } = await import('vite');
  await build({
    root: app,
    configFile: false,
    envFile: false,
    mode: 'production',
    logLevel: 'error',
    cacheDir: path.join(work, 'vite-cache'),
    build: { outDir: dist, emptyOutDir: true, assetsInlineLimit: 0, reportCompressedSize: false },
  });
  const assets = fs.readdirSync(path.join(dist, 'assets'));
  const wasmAssets = assets.filter((f) => f.endsWith('.wasm'));
  assert.equal(wasmAssets.length, 1, `one .wasm emitted: ${assets}`);
  const builtHtml = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
  assert.ok(
    builtHtml.includes(
      `<link rel="preload" href="/assets/${wasmAssets[0]}" as="fetch" type="application/wasm" crossorigin>`,
    ),
    builtHtml,
  );

  let count = 0;
  const types = {
    '.html': 'text/html; charset=utf-8',
    '.js': 'text/javascript; charset=utf-8',
    '.wasm': 'application/wasm',
  };
  const site = http.createServer((req, res) => {
    const p = new URL(req.url, 'http://localhost').pathname;
    if (p.endsWith('.wasm')) count++;
    const file = path.join(dist, p === '/' ? 'index.html' : p);
    if (!file.startsWith(dist + path.sep) || !fs.statSync(file, { throwIfNoEntry: false })?.isFile())
      return res.writeHead(404).end();
    res
      .writeHead(200, { 'Content-Type': types[path.extname(file)] ?? 'application/octet-stream' })
      .end(fs.readFileSync(file));
  });
  await new Promise((resolve) => site.listen(0, '127.0.0.1', resolve));
  t.after(() => new Promise((resolve) => site.close(resolve)));
  const seen = await load(`http://127.0.0.1:${site.address().port}/`, {
    reset: () => {
      count = 0;
    },
    count: () => count,
  });
  assert.deepEqual(seen.problems, []);
  assert.equal(seen.serverWasmRequests, 1, 'the server sent the .wasm once');
  assert.deepEqual(seen.wasmEntries, ['link'], "the one download is the preload's");
  assert.deepEqual(
    seen.consoleMessages.filter((m) => m.type === 'warning' || m.type === 'error'),
    [],
  );
  assert.equal(seen.countdown.text, formatRemaining(referee.evaluate(ORDER, NOW), NOW, 'zh-CN'));
});
