// The countdown kit (crates/shouhoubao-wasm/js/countdown.js) in headless Chromium: the package's ES
// module and the kit loaded by a plain page (tests/e2e/countdown-page/) from
// www/server.mjs, time driven by Playwright's page.clock. The page's calls
// must come exactly at the answers' nextChangeAtMs and when the page is shown
// again; every answer is compared with the package's own in Node.
//
//   node --test tests/e2e/countdown.test.mjs     (pkg/ built)

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import { chromium } from 'playwright-core';
import { start } from '../../www/server.mjs';
import { initSync, Engine } from '../../pkg/shouhoubao.js';
import { formatRemaining } from '../../crates/shouhoubao-wasm/js/countdown.js';
import { chromiumOptions } from '../js/lib/chromium.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const DAY = 86_400_000;
const HOUR = 3_600_000;
const T0 = Date.parse('2026-10-20T10:00:00+08:00');
const beijing = (ms) => new Date(ms + 8 * HOUR).toISOString().slice(0, 19) + '+08:00';

initSync({ module: fs.readFileSync(path.join(ROOT, 'pkg', 'shouhoubao_bg.wasm')) });
const referee = new Engine();
/** The answers as the page receives them (through structured clone: plain JSON). */
const expectedAt = (orders, now) => JSON.parse(JSON.stringify(referee.evaluateMany(orders, now)));
const earliestChange = (answers) =>
  Math.min(...answers.map((a) => (typeof a.nextChangeAtMs === 'number' ? a.nextChangeAtMs : Infinity)));

const ORDERS = [
  { id: 'O1', category: 'apparel', status: 'success', successAt: beijing(T0 - 13.5 * DAY) },
  { id: 'O2', category: 'mobile_phone', status: 'success', successAt: beijing(T0 - 179 * DAY - 3 * HOUR) },
  { id: 'O3', category: 'apparel', status: 'pending' },
];

let server;
let browser;
before(async () => {
  // The repository as the site: /tests/e2e/countdown-page/, /crates/shouhoubao-wasm/js/countdown.js, /pkg/.
  server = await start({ port: 0, wwwDir: ROOT });
  browser = await chromium.launch(chromiumOptions());
});
after(async () => {
  await browser?.close();
  await server?.close();
});

async function openPage() {
  const page = await browser.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) problems.push(m.text());
  });
  page.on('response', (r) => {
    if (r.status() >= 400 && !r.url().endsWith('/favicon.ico')) problems.push(`HTTP ${r.status()} ${r.url()}`);
  });
  await page.clock.install({ time: T0 - 60_000 });
  await page.goto(`${server.url}tests/e2e/countdown-page/`);
  await page.waitForFunction(() => document.documentElement.dataset.ready === 'true');
  await page.clock.pauseAt(T0);
  return { page, problems };
}

const lastCall = (page) => page.evaluate(() => window.__countdown.calls().at(-1));
const count = (page) => page.evaluate(() => window.__countdown.count());

test('Chromium: onUpdate at each nextChangeAtMs and at no other time, and at once when the page is shown again', async () => {
  const { page, problems } = await openPage();
  await page.evaluate((orders) => window.__countdown.start(orders), ORDERS);
  let call = await lastCall(page);
  assert.equal(call.now, T0);
  assert.deepEqual(call.answers, expectedAt(ORDERS, T0));

  let now = T0;
  for (let step = 0; step < 4; step++) {
    const due = earliestChange(call.answers);
    const calls = await count(page);
    await page.clock.runFor(due - now - 1);
    assert.equal(await count(page), calls, `nothing before ${beijing(due)}`);
    await page.clock.runFor(1);
    assert.equal(await count(page), calls + 1, `one call at ${beijing(due)}`);
    call = await lastCall(page);
    assert.equal(call.now, due);
    assert.deepEqual(call.answers, expectedAt(ORDERS, due));
    assert.deepEqual(
      call.texts,
      call.answers.map((a) => formatRemaining(a, due)),
    );
    now = due;
  }

  // Hidden for two days (a background tab: no timer runs), then shown again.
  const calls = await count(page);
  await page.evaluate(() => window.__countdown.setVisibility('hidden'));
  await page.clock.setSystemTime(now + 2 * DAY);
  assert.equal(await count(page), calls, 'hiding calls nothing; setSystemTime fires no timer');
  await page.evaluate(() => window.__countdown.setVisibility('visible'));
  assert.equal(await count(page), calls + 1, 'shown again: evaluated at once');
  call = await lastCall(page);
  assert.equal(call.now, now + 2 * DAY);
  assert.deepEqual(call.answers, expectedAt(ORDERS, now + 2 * DAY));
  const shown = await page.$$eval('#orders li', (els) => els.map((e) => [e.dataset.status, e.textContent]));
  assert.deepEqual(
    shown,
    call.answers.map((a) => [a.status, formatRemaining(a, now + 2 * DAY) ?? '']),
  );

  await page.evaluate(() => window.__countdown.stop());
  await page.clock.runFor(3 * DAY);
  assert.equal(await count(page), calls + 1, 'nothing after stop()');
  assert.deepEqual(problems, []);
  await page.close();
});

test('Chromium: seconds: true ticks each second of the last day and stops at the close', async () => {
  const { page, problems } = await openPage();
  const orders = ORDERS.slice(0, 1);
  const deadline = referee.evaluate(orders[0], T0).deadlineMs;
  await page.clock.runFor(deadline - T0 - 5000); // 5 s before O1's entry closes
  await page.evaluate((o) => window.__countdown.start(o, { seconds: true }), orders);
  assert.equal((await lastCall(page)).texts[0], '剩余 00:00:05');
  const texts = [];
  for (let k = 1; k <= 5; k++) {
    await page.clock.runFor(1000);
    assert.equal(await count(page), 1 + k);
    texts.push((await lastCall(page)).texts[0]);
  }
  assert.deepEqual(texts, ['剩余 00:00:04', '剩余 00:00:03', '剩余 00:00:02', '剩余 00:00:01', '已截止']);
  await page.clock.runFor(60_000);
  assert.equal(await count(page), 6, 'no tick once closed');
  assert.equal(await page.$eval('#orders li', (e) => e.dataset.status), 'closed');
  await page.evaluate(() => window.__countdown.stop());
  assert.deepEqual(problems, []);
  await page.close();
});
