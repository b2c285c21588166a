// shouhoubao/worker on the web: headless Chromium, a page that connects to a
// real module Worker running serve(self) (pkg/worker.js, the .wasm loaded by
// init() beside the glue), over a small static server of pkg/ and tests/.
// The page loads the package itself too, so that every answer through the
// worker is compared with the page's own engine: every golden vector, errors
// crossing as Errors with code, path and message, syncClock before any
// policy, a .wasm that fails to load, and (once Engine has watch()) a watch.

import assert from 'node:assert/strict';
import { createReadStream, readdirSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { after, before, test } from 'node:test';
import { root, vectorDir } from './lib/golden.mjs';
import { mimeType } from '../../www/server.mjs';
import { chromiumOptions } from './lib/chromium.mjs';

const SERVED = ['pkg', 'tests'];
const SERVER_NOW = Date.parse('2021-09-15T10:00:00+08:00');

// Written here, served from memory: the page, its harness, two worker scripts.
const PAGES = {
  '/': '<!doctype html><meta charset="utf-8"><title>shouhoubao/worker</title>',
  '/engine-worker.mjs': "import { serve } from '/pkg/worker.js';\nserve(self);\n",
  '/broken-worker.mjs': "import { serve } from '/pkg/worker.js';\nserve(self, { wasm: '/pkg/no-such-file.wasm' });\n",
  '/harness.mjs': `
    import init, * as api from '/pkg/index.js';
    import { connect } from '/pkg/worker.js';
    import { casesFrom } from '/tests/js/lib/cases.mjs';
    export * from '/tests/js/lib/worker-cases.mjs';
    export { api, connect };
    await init();
    /** A new module Worker running the script, and a client connected to it. */
    export function open(script = '/engine-worker.mjs') {
      const worker = new Worker(script, { type: 'module' });
      return { worker, client: connect(worker) };
    }
    export async function cases(files) {
      return casesFrom(await Promise.all(files.map(async (f) => [f, await (await fetch('/tests/vectors/' + f)).text()])));
    }
  `,
};

let server;
let browser;
let page;
const problems = [];

before(async () => {
  server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (path in PAGES) {
      res
        .writeHead(200, { 'content-type': mimeType(extname(path) ? path : 'index.html'), 'cache-control': 'no-store' })
        .end(PAGES[path]);
      return;
    }
    const file = normalize(join(root, path));
    const allowed = SERVED.some((dir) => file.startsWith(join(root, dir) + sep));
    if (!allowed || !statSync(file, { throwIfNoEntry: false })?.isFile()) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': mimeType(file), 'cache-control': 'no-store' });
    createReadStream(file).pipe(res);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { chromium } = await import('playwright-core');
  browser = await chromium.launch(chromiumOptions());
  page = await browser.newPage();
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console.error: ${m.text()}`);
  });
  await page.goto(`http://127.0.0.1:${server.address().port}/`);
});

after(async () => {
  await browser?.close();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve()));
});

const vectorFiles = readdirSync(vectorDir)
  .filter((f) => f.endsWith('.json'))
  .sort();

test("every golden vector through a module Worker: the vector's answer, and the page's own engine's", async (t) => {
  const result = await page.evaluate(async (files) => {
    const h = await import('/harness.mjs');
    const { worker, client } = h.open();
    try {
      return await h.checkVectorsThroughWorker(client, h.api, await h.cases(files));
    } finally {
      await client.close();
      worker.terminate();
    }
  }, vectorFiles);
  t.diagnostic(`${result.vectors} vectors, ${result.errors} of them errors`);
  assert.deepStrictEqual(result.failures, []);
  assert.ok(result.vectors >= 200, `${result.vectors} vectors`);
  assert.ok(result.errors >= 50, `${result.errors} errors crossed`);
});

test('every golden vector again with its order as a page holds it (back-references, getters, a proxy-like store): the same outcome through the worker', async (t) => {
  const result = await page.evaluate(async (files) => {
    const h = await import('/harness.mjs');
    const { worker, client } = h.open();
    try {
      return await h.checkPageHeldThroughWorker(client, h.api, await h.cases(files));
    } finally {
      await client.close();
      worker.terminate();
    }
  }, vectorFiles);
  t.diagnostic(`${result.pageHeld} orders as a page holds them`);
  assert.deepStrictEqual(result.failures, []);
  assert.ok(result.pageHeld >= 150, `${result.pageHeld} page-held orders`);
});

test("errors cross as Errors of the page with the engine's code, path and message; a refused policy keeps the last one", async () => {
  const failures = await page.evaluate(async (now) => {
    const h = await import('/harness.mjs');
    const { worker, client } = h.open();
    try {
      return await h.checkErrorsCross(client, h.api, now);
    } finally {
      await client.close();
      worker.terminate();
    }
  }, SERVER_NOW);
  assert.deepStrictEqual(failures, []);
});

test('syncClock before any policy: the next engines answer at the synced clock', async () => {
  const failures = await page.evaluate(async (now) => {
    const h = await import('/harness.mjs');
    const { worker, client } = h.open();
    try {
      return await h.checkClockSyncBeforePolicy(client, now);
    } finally {
      await client.close();
      worker.terminate();
    }
  }, SERVER_NOW);
  assert.deepStrictEqual(failures, []);
});

test('a .wasm that does not load: each call rejects with WORKER_ERROR and the reason', async () => {
  const outcome = await page.evaluate(async () => {
    const h = await import('/harness.mjs');
    const { worker, client } = h.open('/broken-worker.mjs');
    try {
      await client.evaluateMany([{ id: 'X', category: 'apparel', status: 'pending' }], 0);
      return { resolved: true };
    } catch (e) {
      return { isError: e instanceof Error, code: e.code, path: e.path, message: e.message };
    } finally {
      await client.close();
      worker.terminate();
    }
  });
  assert.equal(outcome.isError, true);
  assert.equal(outcome.code, 'WORKER_ERROR');
  assert.equal(outcome.path, '');
  assert.ok(outcome.message.length > 0, 'a message');
  // The failed fetch of the .wasm is the browser's console error, expected here.
  problems.splice(0, problems.length, ...problems.filter((p) => !/no-such-file|404/.test(p)));
});

test('close(): calls still waiting are rejected, later calls too', async () => {
  const outcome = await page.evaluate(async () => {
    const h = await import('/harness.mjs');
    const { worker, client } = h.open();
    const waiting = client.evaluateMany([{ id: 'X', category: 'apparel', status: 'pending' }], 0).then(
      () => 'answered',
      (e) => e.message,
    );
    const closed = client.close();
    const later = await client.policy(undefined).then(
      () => 'answered',
      (e) => e.message,
    );
    await closed;
    worker.terminate();
    return { waiting: await waiting, later };
  });
  assert.match(outcome.waiting, /closed/);
  assert.match(outcome.later, /closed/);
});

// The watch message needs Engine.prototype.watch, which the countdown kit
// adds (js/countdown.js, merged by the lead): reported as todo until then.
test('a watch through a module Worker reports what engine.watch reports in the page', async () => {
  const result = await page.evaluate(async (now) => {
    const h = await import('/harness.mjs');
    const { worker, client } = h.open();
    try {
      return await h.checkWatch(client, h.api, now);
    } finally {
      await client.close();
      worker.terminate();
    }
  }, SERVER_NOW);
  assert.deepStrictEqual(result.failures, []);
});

test('no page error or console error', () => {
  assert.deepStrictEqual(problems, []);
});
