// The demo page in a real WebKit: Debian's WebKitGTK MiniBrowser, driven by
// WebKitWebDriver (package webkit2gtk-driver) under Xvfb, over plain W3C
// WebDriver HTTP. The same JavaScriptCore and wasm engine as Safari and iOS
// WebViews. Every card's badge, countdown, deadline and 预计 mark are checked
// against the engine's answers, in zh-CN and en; a screenshot goes to
// artifacts/webkit-375.png.
//
//   node --test tests/e2e/webkit.test.mjs     (pkg/ built; xvfb-run, WebKitWebDriver)

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import { start } from '../../www/server.mjs';
import { DEMO_NOW, sampleOrders } from '../../www/orders.js';
import { t } from '../../www/i18n.js';
import { initSync, Engine, defaultPolicy } from '../../pkg/shouhoubao.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const ARTIFACTS = path.join(ROOT, 'artifacts');
const MINIBROWSER = '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';
const DEMO_MS = Date.parse(DEMO_NOW);

initSync({ module: fs.readFileSync(path.join(ROOT, 'pkg', 'shouhoubao_bg.wasm')) });

let server;
let driver;
let base;
let session;

const freePort = () =>
  new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });

async function call(method, route, body) {
  const res = await fetch(`${base}${route}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await res.json();
  if (json.value && json.value.error) throw new Error(`WebDriver ${route}: ${json.value.error}: ${json.value.message}`);
  return json.value;
}

const run = (script, ...args) => call('POST', `/session/${session}/execute/sync`, { script, args });

// Generous waits: `node --test` runs this beside the other test files on a
// small machine, and a loaded MiniBrowser can take tens of seconds to start.
async function waitFor(script, timeoutMs = 90_000) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await run(script);
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for: ${script}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

before(async () => {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  server = await start({ port: 0 });
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  driver = spawn('xvfb-run', ['-a', '-s', '-screen 0 1280x1024x24', 'WebKitWebDriver', `--port=${port}`], {
    stdio: 'ignore',
    detached: true,
  });
  const end = Date.now() + 60_000;
  for (;;) {
    try {
      if ((await call('GET', '/status')).ready) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > end) throw new Error('WebKitWebDriver did not start');
    await new Promise((r) => setTimeout(r, 100));
  }
  const created = await call('POST', '/session', {
    capabilities: { alwaysMatch: { 'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation'] } } },
  });
  session = created.sessionId;
  await call('POST', `/session/${session}/window/rect`, { width: 375, height: 812 });
});

after(async () => {
  if (session) await call('DELETE', `/session/${session}`).catch(() => {});
  if (driver) {
    try {
      process.kill(-driver.pid);
    } catch {
      // already gone
    }
  }
  if (server) await server.close();
});

const READ_CARDS = `return [...document.querySelectorAll('.order-card')].map((c) => ({
  id: c.dataset.orderId, status: c.dataset.status, reasonCode: c.dataset.reasonCode,
  remainingDays: c.dataset.remainingDays, badge: c.querySelector('.badge')?.textContent,
  countdown: c.querySelector('.aftersales .countdown .cd-days')?.textContent ?? null,
  deadline: c.querySelector('.aftersales .deadline time')?.getAttribute('datetime') ?? null,
  expected: c.querySelector('.aftersales .deadline .expected')?.textContent ?? null,
}));`;

for (const locale of ['zh-CN', 'en']) {
  test(`WebKit (${locale}): every card shows what the engine answers`, { timeout: 180_000 }, async () => {
    await call('POST', `/session/${session}/url`, {
      url: `${server.url}?now=${encodeURIComponent(DEMO_NOW)}&lang=${locale}`,
    });
    assert.equal(await waitFor('return document.documentElement.dataset.ready'), 'true', 'the page failed to start');
    if ((await run('return document.documentElement.lang')) !== locale) {
      // The page keeps the last locale chosen; switch with its own control.
      await run(`document.querySelector('[data-locale="${locale}"]')?.click();`);
      await waitFor(
        `return document.documentElement.lang === ${JSON.stringify(locale)} && document.querySelectorAll('.order-card').length > 0`,
      );
    }
    const engine = new Engine(undefined, { locale });
    const items = sampleOrders(DEMO_MS, defaultPolicy(), engine);
    const cards = await run(READ_CARDS);
    assert.equal(cards.length, items.length, 'one card per sample order');
    const ua = await run('return navigator.userAgent');
    assert.match(ua, /AppleWebKit/);
    for (const { order } of items) {
      const a = engine.evaluate(order, DEMO_MS);
      const card = cards.find((c) => c.id === order.id);
      assert.ok(card, `a card for ${order.id}`);
      assert.equal(card.status, a.status, order.id);
      assert.equal(card.reasonCode, a.reason.code, order.id);
      assert.equal(card.badge, t(locale, `badge.${a.status}`), order.id);
      if (a.status === 'open' || a.status === 'support') {
        assert.equal(card.remainingDays, String(a.remainingDays), order.id);
        assert.ok(card.countdown.includes(String(a.remainingDays)), `${order.id}: ${card.countdown}`);
        assert.equal(card.deadline, a.deadline, order.id);
        assert.equal(
          card.expected,
          a.provisional ? (locale === 'en' ? 'expected' : '预计') : null,
          `${order.id}: the 预计 mark`,
        );
      }
    }
    assert.ok(
      items.some(({ order }) => engine.evaluate(order, DEMO_MS).provisional),
      'a provisional card is among them',
    );
    engine.free();
    if (locale === 'zh-CN') {
      // Let the page paint what the DOM holds before the screenshot.
      await run(
        'return new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve(true))));',
      );
      const png = await call('GET', `/session/${session}/screenshot`);
      fs.writeFileSync(path.join(ARTIFACTS, 'webkit-375.png'), Buffer.from(png, 'base64'));
    }
  });
}
