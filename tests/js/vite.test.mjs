// The bundler path: tests/js/vite-app/ imports 'shouhoubao' (aliased to pkg/),
// is built with Vite (production), served over HTTP and run in headless
// Chromium, which must show the golden answer with no page error. Then the
// same app on Vite's dev server, the package installed as a copy in
// node_modules, with the config the README gives.

import assert from 'node:assert/strict';
import { cpSync, createReadStream, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize, sep } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { chromiumOptions } from './lib/chromium.mjs';

const appDir = fileURLToPath(new URL('./vite-app/', import.meta.url));
const pkgDir = fileURLToPath(new URL('../../pkg', import.meta.url));
const examples = JSON.parse(readFileSync(new URL('../vectors/examples.json', import.meta.url), 'utf8'));
const CASE = 'ex-phone-past-its-entry-inside-三包-warranty';
const golden = examples.cases.find((c) => c.name === CASE);

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
};

const work = mkdtempSync(join(tmpdir(), 'shouhoubao-vite-'));
const outDir = join(work, 'dist');
let server;
let browser;
let origin;

before(async () => {
  const { build } = await import('vite');
  await build({
    root: appDir,
    configFile: false,
    envFile: false,
    mode: 'production',
    logLevel: 'error',
    base: './',
    cacheDir: join(work, 'vite-cache'),
    resolve: { alias: { shouhoubao: pkgDir } },
    build: { outDir, emptyOutDir: true, assetsInlineLimit: 0, reportCompressedSize: false },
  });

  server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    const file = normalize(join(outDir, path.endsWith('/') ? `${path}index.html` : path));
    if (!file.startsWith(outDir + sep) || !statSync(file, { throwIfNoEntry: false })?.isFile()) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, {
      'content-type': MIME[extname(file)] ?? 'application/octet-stream',
      'cache-control': 'no-store',
    });
    createReadStream(file).pipe(res);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${server.address().port}`;

  const { chromium } = await import('playwright-core');
  browser = await chromium.launch(chromiumOptions());
});

after(async () => {
  await browser?.close();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve()));
  rmSync(work, { recursive: true, force: true });
});

test('Vite emits the .wasm as an asset of the bundle', () => {
  const files = readdirSync(join(outDir, 'assets'));
  const wasm = files.filter((f) => f.endsWith('.wasm'));
  assert.equal(wasm.length, 1, `one .wasm among ${files.join(', ')}`);
  assert.deepStrictEqual(
    readFileSync(join(outDir, 'assets', wasm[0])),
    readFileSync(join(pkgDir, 'shouhoubao_bg.wasm')),
  );
  assert.ok(
    files.some((f) => f.endsWith('.js')),
    'a JS chunk',
  );
});

/** Opens `url` and asserts the page shows the golden answer, with no error. */
async function assertGoldenPage(url) {
  const page = await browser.newPage();
  const problems = [];
  const wasmResponses = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`console.${m.type()}: ${m.text()}`);
  });
  page.on('requestfailed', (r) => problems.push(`requestfailed: ${r.url()}`));
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`);
    if (r.url().endsWith('.wasm')) wasmResponses.push({ status: r.status(), type: r.headers()['content-type'] });
  });
  try {
    await page.goto(url);
    await page.waitForSelector('body[data-state]', { timeout: 15_000 });
    assert.equal(await page.getAttribute('body', 'data-state'), 'ready', await page.textContent('body'));
    const text = async (id) => (await page.textContent(`#${id}`)).trim();
    assert.equal(await text('case'), CASE);
    assert.equal(await text('status'), golden.expect.status);
    assert.equal(await text('remaining-days'), String(golden.expect.remainingDays));
    assert.equal(await text('reason-code'), golden.expect.reason.code);
    assert.ok((await text('reason-text')).length > 0);
    assert.equal(
      await text('version'),
      `${JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')).version} / ${examples.policies[golden.policy].version}`,
    );
    assert.deepStrictEqual(wasmResponses, [{ status: 200, type: 'application/wasm' }]);
    assert.deepStrictEqual(problems, []);
  } finally {
    await page.close();
  }
}

test('the built app shows the golden answer in Chromium, with no page error', async () => {
  await assertGoldenPage(`${origin}/`);
});

test('the dev server, the package installed in node_modules, optimizeDeps.exclude', async () => {
  const { createServer: createViteServer } = await import('vite');
  const site = join(work, 'site');
  const app = join(site, 'tests', 'js', 'vite-app');
  mkdirSync(join(site, 'tests', 'vectors'), { recursive: true });
  cpSync(appDir, app, { recursive: true });
  cpSync(
    fileURLToPath(new URL('../vectors/examples.json', import.meta.url)),
    join(site, 'tests', 'vectors', 'examples.json'),
  );
  cpSync(pkgDir, join(site, 'node_modules', 'shouhoubao'), { recursive: true });
  const dev = await createViteServer({
    root: app,
    configFile: false,
    envFile: false,
    logLevel: 'error',
    cacheDir: join(work, 'vite-dev-cache'),
    // Vite's dependency pre-bundling would move the glue away from its .wasm.
    optimizeDeps: { exclude: ['shouhoubao'] },
    server: { host: '127.0.0.1', port: 0, strictPort: false, hmr: false, fs: { allow: [site] } },
  });
  try {
    await dev.listen();
    await assertGoldenPage(dev.resolvedUrls.local[0]);
  } finally {
    await dev.close();
  }
});
