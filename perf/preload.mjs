// First countdown on screen with and without the preload line for the .wasm
// (issue 19). The page is tests/e2e/preload-page/ (a plain ES-module page:
// `import init, { Engine, formatRemaining } from '/pkg/index.js'; await
// init();`, one countdown rendered), served by its test server, loaded in a
// fresh headless Chromium context (empty cache) each time, alternating the
// page with its preload line and the same page without it.
//
// Measured, in ms from navigation start (performance.timeOrigin):
//   - when the .wasm's download started (its resource-timing entry);
//   - the page's 'countdown' mark: set right after the countdown's text is
//     put in the element (its paint follows in the next frame).
// Conditions: none (127.0.0.1), 4× CPU throttling (CDP
// Emulation.setCPUThrottlingRate), a slow network (CDP
// Network.emulateNetworkConditions: 150 ms latency per request, 1.6 Mbps
// down, 750 kbps up — Lighthouse's "slow 4G"), and both; the files sent as
// they are (.wasm 113 KB raw, as www/server.mjs serves them,
// Content-Type: application/wasm) and, on the slow network, gzip -9
// (.wasm 49 KB). Medians of --loads loads each (default 15).
//
//   node perf/preload.mjs [--loads 15]

/* global document */ // read inside the page (Playwright's evaluate)
import { chromium } from 'playwright-core';
import { startPreloadServer } from '../tests/e2e/preload-page/server.mjs';
import { chromiumOptions } from '../tests/js/lib/chromium.mjs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const LOADS = arg('--loads', 15);
const SLOW = { offline: false, latency: 150, downloadThroughput: 1_600_000 / 8, uploadThroughput: 750_000 / 8 };
const CONDITIONS = [
  { label: 'no throttling (127.0.0.1)', gzip: false },
  { label: '4× CPU', cpu: 4, gzip: false },
  { label: 'slow network', network: SLOW, gzip: false },
  { label: 'slow network + 4× CPU', network: SLOW, cpu: 4, gzip: false },
  { label: 'slow network, gzip', network: SLOW, gzip: true },
  { label: 'slow network + 4× CPU, gzip', network: SLOW, cpu: 4, gzip: true },
];

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

const browser = await chromium.launch(chromiumOptions());
const servers = { false: await startPreloadServer(), true: await startPreloadServer({ gzip: true }) };

async function loadOnce(server, variant, condition) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  if (condition.network) {
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', condition.network);
  }
  if (condition.cpu) await cdp.send('Emulation.setCPUThrottlingRate', { rate: condition.cpu });
  server.resetCount();
  await page.goto(server.pageUrl(variant));
  await page.waitForFunction(() => document.documentElement.dataset.ready === 'true', undefined, { timeout: 60_000 });
  const m = await page.evaluate(
    (wasmUrl) => ({
      countdown: performance.getEntriesByName('countdown')[0].startTime,
      appStart: performance.getEntriesByName('app-start')[0].startTime,
      wasmReady: performance.getEntriesByName('wasm-ready')[0].startTime,
      wasmStart: performance.getEntriesByName(wasmUrl)[0]?.startTime ?? NaN,
      text: document.getElementById('countdown').textContent,
    }),
    server.wasmUrl,
  );
  const requests = server.wasmRequests();
  await context.close();
  if (requests !== 1 || !m.text)
    throw new Error(`${variant}: ${requests} requests for the .wasm, countdown ${JSON.stringify(m.text)}`);
  return m;
}

const rows = [];
for (const condition of CONDITIONS) {
  const server = servers[condition.gzip];
  const runs = { none: [], preload: [] };
  await loadOnce(server, 'none', condition); // warm-up (Chromium's own start-up), not counted
  for (let i = 0; i < LOADS; i++) {
    for (const variant of i % 2 ? ['preload', 'none'] : ['none', 'preload'])
      runs[variant].push(await loadOnce(server, variant, condition));
  }
  const med = (variant, key) => median(runs[variant].map((r) => r[key]));
  rows.push({
    label: condition.label,
    wasmStart: [med('none', 'wasmStart'), med('preload', 'wasmStart')],
    appToReady: [
      median(runs.none.map((r) => r.wasmReady - r.appStart)),
      median(runs.preload.map((r) => r.wasmReady - r.appStart)),
    ],
    countdown: [med('none', 'countdown'), med('preload', 'countdown')],
  });
}
await browser.close();
await servers.false.close();
await servers.true.close();

const f = (x) => x.toFixed(0);
console.log(
  `| Chromium ${browser.version()}, ${LOADS} loads each (median ms from navigation start) | .wasm download starts: without / with preload | app start → wasm ready: without / with | **first countdown: without preload** | **with preload** | saved |`,
);
console.log('|---|---:|---:|---:|---:|---:|');
for (const r of rows) {
  const saved = r.countdown[0] - r.countdown[1];
  console.log(
    `| ${r.label} | ${f(r.wasmStart[0])} / ${f(r.wasmStart[1])} | ${f(r.appToReady[0])} / ${f(r.appToReady[1])} | ${f(r.countdown[0])} | ${f(r.countdown[1])} | ${f(saved)} (${f((100 * saved) / r.countdown[0])} %) |`,
  );
}
console.log();
console.log(
  'Slow network: CDP Network.emulateNetworkConditions, 150 ms latency per request, 1.6 Mbps down, 750 kbps up. 4× CPU: Emulation.setCPUThrottlingRate 4. ' +
    'Files sent as they are (.wasm 112,686 B, application/wasm) unless "gzip" (gzip -9 for the .js and .wasm: .wasm 49,863 B). ' +
    'A fresh context (empty cache) per load, with and without the preload line alternating.',
);
