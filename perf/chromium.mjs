// The benchmark in Debian's headless Chromium (never a downloaded browser):
// a tiny static server on 127.0.0.1 serves pkg/, perf/ and tests/oracle/, a page runs
// perf/suite.mjs over the same 10,000 orders as perf/node.mjs and reports
// back; cold starts each run in a fresh browser context (its own cache):
// init() streaming the .wasm from the server, and initSync from bytes already
// fetched. Prints a Markdown table.
//
//   node perf/chromium.mjs [--reps 9] [--cold-runs 9]

/* global window */ // read inside the page (Playwright's waitForFunction, evaluate)
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { median, summaryLine, table } from './suite.mjs';
import { CHROMIUM, chromiumOptions } from '../tests/js/lib/chromium.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const reps = Number(arg('--reps', 9));
const coldRuns = Number(arg('--cold-runs', 9));

const TYPES = {
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
};

// Pages. Each imports only what it measures; the timed part starts after the
// imports (the JS glue is not timed, as in Node).
const PAGES = {
  '/warm.html': `
import init, * as api from '/pkg/shouhoubao.js';
import { PlainEngine } from '/tests/oracle/plain-engine.mjs';
import { BENCH_NOW, benchOrders } from '/tests/oracle/orders.mjs';
import { runSuite } from '/perf/suite.mjs';
import { asPageHolds } from '/tests/js/lib/page-order.js';
window.bench = async (reps) => {
  await init({ module_or_path: '/pkg/shouhoubao_bg.wasm' });
  const policy = api.defaultPolicy();
  const orders = benchOrders(policy, 10_000);
  const wasm = new api.Engine(policy);
  const same = JSON.stringify(wasm.evaluateMany(orders, BENCH_NOW)) === JSON.stringify(new PlainEngine(policy).evaluateMany(orders, BENCH_NOW));
  wasm.free();
  const pageOrders = orders.map((order) => asPageHolds(order));
  const result = runSuite({ api, PlainEngine, policy, orders, pageOrders, now: BENCH_NOW, reps });
  return { same, result, userAgent: navigator.userAgent, cores: navigator.hardwareConcurrency, isolated: self.crossOriginIsolated };
};
window.ready = true;`,
  '/cold-streaming.html': `
import init, { Engine } from '/pkg/shouhoubao.js';
window.bench = async () => {
  const t0 = performance.now();
  await init({ module_or_path: new URL('/pkg/shouhoubao_bg.wasm', location.href) });
  const engine = new Engine();
  const t1 = performance.now();
  engine.free();
  return t1 - t0;
};
window.ready = true;`,
  '/cold-sync.html': `
import { initSync, Engine } from '/pkg/shouhoubao.js';
window.bench = async () => {
  const f0 = performance.now();
  const bytes = await (await fetch('/pkg/shouhoubao_bg.wasm')).arrayBuffer();
  const f1 = performance.now();
  const t0 = performance.now();
  initSync({ module: bytes });
  const tEngine = performance.now();
  const engine = new Engine();
  const t1 = performance.now();
  engine.free();
  return { ms: t1 - t0, engineMs: t1 - tEngine, fetchMs: f1 - f0 };
};
window.ready = true;`,
  '/cold-plain.html': `
window.bench = async () => {
  const policy = await (await fetch('/src/policy/default.json')).json();
  const t0 = performance.now();
  const { PlainEngine } = await import('/tests/oracle/plain-engine.mjs');
  new PlainEngine(policy);
  const t1 = performance.now();
  return t1 - t0;
};
window.ready = true;`,
};

const SERVED = ['pkg', 'perf', join('tests', 'oracle'), join('src', 'policy'), join('tests', 'js', 'lib')];

const server = createServer((req, res) => {
  const headers = {
    'Cache-Control': 'no-store',
    // Cross-origin isolation: finer performance.now() in the page.
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Embedder-Policy': 'require-corp',
  };
  const url = new URL(req.url, 'http://127.0.0.1');
  const page = PAGES[url.pathname];
  if (page !== undefined) {
    res.writeHead(200, { ...headers, 'Content-Type': TYPES['.html'] });
    res.end(
      `<!doctype html><meta charset="utf-8"><title>shouhoubao bench</title><link rel="icon" href="data:,"><script type="module">${page}</script>`,
    );
    return;
  }
  const file = normalize(join(root, decodeURIComponent(url.pathname)));
  const allowed = SERVED.some((dir) => file.startsWith(join(root, dir) + sep));
  if (!allowed || !existsSync(file) || !statSync(file).isFile()) {
    res.writeHead(404, headers);
    res.end('not found');
    return;
  }
  res.writeHead(200, { ...headers, 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' });
  createReadStream(file).pipe(res);
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${server.address().port}`;

const browser = await chromium.launch(chromiumOptions());

/** Opens a page in a fresh context, runs window.bench(...args), closes the context. */
async function inFreshPage(path, ...args) {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e));
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') errors.push(new Error(m.text()));
    });
    await page.goto(origin + path);
    await page
      .waitForFunction(() => window.ready === true, null, { timeout: 30_000 })
      .catch((e) => {
        throw errors[0] ?? e;
      });
    const value = await page.evaluate((a) => window.bench(...a), args);
    if (errors.length) throw errors[0];
    return value;
  } finally {
    await context.close();
  }
}

try {
  const warm = await inFreshPage('/warm.html', reps);
  if (!warm.same)
    throw new Error('the engines differ on the benchmark orders in Chromium (see tests/js/oracle.test.mjs)');
  const runs = async (path) => {
    const samples = [];
    for (let i = 0; i < coldRuns; i++) samples.push(await inFreshPage(path));
    return samples;
  };
  const sync = await runs('/cold-sync.html');
  const cold = [
    {
      label: 'wasm: `await init()` streaming fetch of the .wasm (compile + instantiate) + first `new Engine()`',
      samples: await runs('/cold-streaming.html'),
    },
    {
      label: 'wasm: `initSync({ module: bytes })` from fetched bytes (compile + instantiate) + first `new Engine()`',
      samples: sync.map((x) => x.ms),
    },
    { label: 'of which the first `new Engine()` (the embedded default policy)', samples: sync.map((x) => x.engineMs) },
    {
      label: '(for reference: `fetch` + `arrayBuffer()` of the .wasm alone, from 127.0.0.1, not in the row above)',
      samples: sync.map((x) => x.fetchMs),
    },
    {
      label: 'PlainEngine: `import()` (fetch + parse + compile) + first `new PlainEngine(policy)`',
      samples: await runs('/cold-plain.html'),
    },
  ];
  const version = browser.version();
  const title = `Chromium ${version} (headless, ${CHROMIUM}) — ${warm.cores} cores${warm.isolated ? ', cross-origin isolated timers' : ''}`;
  console.log(table({ title, result: warm.result, cold }));
  console.log(summaryLine('Chromium', warm.result, median(sync.map((x) => x.engineMs))));
} finally {
  await browser.close();
  server.close();
}
