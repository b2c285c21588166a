// The framework recipes of docs/recipes/ run as written, against the real
// package: the React hook under react-dom/client in a happy-dom document, the
// Vue 3 composable mounted with createApp in one, and the WeChat Page under
// an emulated Page()/wx with the mini-program build. The recipes import
// 'shouhoubao' as a page would: the package's ES entry (pkg/index.js, with
// engine.watch and formatRemaining). Every expected text is computed by a
// second engine and formatRemaining at the same instant.

import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, mock, test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Window } from 'happy-dom';
import { initSync, Engine } from '../../pkg/index.js';
import { DAY_MS, formatRemaining } from '../../crates/shouhoubao-wasm/js/countdown.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
initSync({ module: readFileSync(join(ROOT, 'pkg/shouhoubao_bg.wasm')) });

const HOUR = 3_600_000;
const T0 = Date.parse('2026-10-20T10:00:00+08:00');
const beijing = (ms) => new Date(ms + 8 * HOUR).toISOString().slice(0, 19) + '+08:00';
const ORDERS = [
  { id: 'O1', category: 'apparel', status: 'success', successAt: beijing(T0 - 13.5 * DAY_MS) },
  { id: 'O2', category: 'mobile_phone', status: 'success', successAt: beijing(T0 - 179 * DAY_MS - 3 * HOUR) },
  { id: 'O3', category: 'apparel', status: 'pending' },
];
const referee = new Engine();
/** What each card must say at `now`. */
const textsAt = (orders, now, locale = 'zh-CN') =>
  referee.evaluateMany(orders, now).map((a) => formatRemaining(a, now, locale) ?? '');
const earliestChange = (orders, now) =>
  Math.min(...referee.evaluateMany(orders, now).map((a) => a.nextChangeAtMs ?? Infinity));

/** A virtual clock with a counting scheduler, for options.now / options.scheduler. */
function virtualClock(start) {
  const clock = {
    now: start,
    timers: new Map(),
    seq: 0,
    scheduler: {
      setTimeout: (fn, ms) => {
        const id = ++clock.seq;
        clock.timers.set(id, { at: clock.now + ms, fn });
        return id;
      },
      clearTimeout: (id) => clock.timers.delete(id),
    },
    advanceTo(to) {
      for (;;) {
        const [id, next] = [...clock.timers].sort((a, b) => a[1].at - b[1].at)[0] ?? [];
        if (!next || next.at > to) break;
        clock.timers.delete(id);
        clock.now = Math.max(clock.now, next.at);
        next.fn();
      }
      clock.now = to;
    },
  };
  clock.options = (extra = {}) => ({ now: () => clock.now, scheduler: clock.scheduler, ...extra });
  return clock;
}

// Recipes are ES modules importing 'shouhoubao', 'react', 'vue': written to a
// temporary folder with each specifier resolved from here.
const work = mkdtempSync(join(tmpdir(), 'shouhoubao-recipes-'));
after(() => rmSync(work, { recursive: true, force: true }));
async function importRecipe(name) {
  const entry = new URL('../../pkg/index.js', import.meta.url).href;
  const source = readFileSync(join(ROOT, 'docs/recipes', name), 'utf8').replace(
    /from '([^']+)'/g,
    (_, spec) => `from '${spec === 'shouhoubao' ? entry : import.meta.resolve(spec)}'`,
  );
  const file = join(work, name.replace(/\.js$/, '.mjs'));
  writeFileSync(file, source);
  return import(pathToFileURL(file).href);
}

let win;
before(() => {
  win = new Window({ url: 'http://localhost/' });
  globalThis.window = win;
  globalThis.document = win.document;
  if (typeof globalThis.navigator === 'undefined') globalThis.navigator = win.navigator;
  // Vue's runtime-dom tells element kinds by class.
  for (const name of ['Node', 'Element', 'HTMLElement', 'SVGElement', 'MathMLElement']) globalThis[name] ??= win[name];
  globalThis.IS_REACT_ACT_ENVIRONMENT = true;
});
after(async () => {
  for (const name of [
    'window',
    'document',
    'Node',
    'Element',
    'HTMLElement',
    'SVGElement',
    'MathMLElement',
    'IS_REACT_ACT_ENVIRONMENT',
  ]) {
    if (
      globalThis[name] === win ||
      globalThis[name] === win.document ||
      globalThis[name] === win[name] ||
      name === 'IS_REACT_ACT_ENVIRONMENT'
    )
      delete globalThis[name];
  }
  await win.happyDOM.close();
});

const listTexts = (container) => [...container.querySelectorAll('li')].map((li) => li.textContent);

describe('React: docs/recipes/react-use-order-answers.js', () => {
  test('renders the answers at once, re-renders at each change and each last-day second, stops on unmount (StrictMode)', async () => {
    const React = await import('react');
    const { createRoot } = await import('react-dom/client');
    const { useOrderAnswers } = await importRecipe('react-use-order-answers.js');
    const h = React.createElement;
    const clock = virtualClock(T0);
    const engine = new Engine();
    const options = clock.options({ seconds: true });
    let renders = 0;
    function Cards({ orders }) {
      renders += 1;
      const { answers, now } = useOrderAnswers(engine, orders, options);
      return h(
        'ol',
        null,
        answers.map((a, i) => h('li', { key: i }, formatRemaining(a, now) ?? '')),
      );
    }
    const container = document.createElement('div');
    document.body.append(container);
    const root = createRoot(container);
    await React.act(() => root.render(h(React.StrictMode, null, h(Cards, { orders: ORDERS }))));
    assert.deepEqual(listTexts(container), textsAt(ORDERS, T0));
    assert.equal(clock.timers.size, 1, 'StrictMode subscribed twice, one watch left: one timer');

    // O2's entry is on its last day: one re-render a second.
    for (let k = 1; k <= 3; k++) {
      await React.act(() => clock.advanceTo(T0 + k * 1000));
      assert.deepEqual(listTexts(container), textsAt(ORDERS, T0 + k * 1000));
    }
    const due = earliestChange(ORDERS, T0 + 3000);
    await React.act(() => clock.advanceTo(due));
    assert.deepEqual(listTexts(container), textsAt(ORDERS, due));
    assert.equal(clock.timers.size, 1);

    // A new list: the hook watches it at once.
    const fewer = ORDERS.slice(2);
    await React.act(() => root.render(h(React.StrictMode, null, h(Cards, { orders: fewer }))));
    assert.deepEqual(listTexts(container), textsAt(fewer, due));
    assert.equal(clock.timers.size, 0, 'a pending order alone: nothing to wait for');

    await React.act(() => root.render(h(React.StrictMode, null, h(Cards, { orders: ORDERS }))));
    assert.equal(clock.timers.size, 1);
    await React.act(() => root.unmount());
    assert.equal(clock.timers.size, 0, 'unmount stops the watch');
    const rendered = renders;
    clock.advanceTo(due + 2 * DAY_MS);
    assert.equal(renders, rendered);
    engine.free();
  });
});

describe('Vue 3: docs/recipes/vue-use-order-answers.js', () => {
  test('mounted: the answers at once, at each change, a new list, stopped on unmount', async () => {
    const { createApp, h, nextTick, shallowRef } = await import('vue');
    const { useOrderAnswers } = await importRecipe('vue-use-order-answers.js');
    const clock = virtualClock(T0);
    const engine = new Engine();
    const orders = shallowRef(ORDERS);
    const app = createApp({
      setup() {
        const { answers, now } = useOrderAnswers(engine, orders, clock.options());
        return () =>
          h(
            'ol',
            answers.value.map((a, i) => h('li', { key: i }, formatRemaining(a, now.value) ?? '')),
          );
      },
    });
    const container = document.createElement('div');
    document.body.append(container);
    app.mount(container);
    assert.deepEqual(listTexts(container), textsAt(ORDERS, T0));
    assert.equal(clock.timers.size, 1);

    let now = T0;
    for (let step = 0; step < 3; step++) {
      const due = earliestChange(ORDERS, now);
      clock.advanceTo(due - 1);
      await nextTick();
      assert.deepEqual(listTexts(container), textsAt(ORDERS, now), 'nothing changes before the change');
      clock.advanceTo(due);
      await nextTick();
      assert.deepEqual(listTexts(container), textsAt(ORDERS, due));
      now = due;
    }

    orders.value = ORDERS.slice(0, 1);
    await nextTick();
    await nextTick();
    assert.deepEqual(listTexts(container), textsAt(ORDERS.slice(0, 1), now));
    assert.equal(clock.timers.size, 1);
    app.unmount();
    assert.equal(clock.timers.size, 0, 'unmount stops the watch');
    engine.free();
  });
});

describe('WeChat: docs/recipes/wechat-orders-page.js', () => {
  test('an emulated Page()/wx with the mini-program build: setData at once, then only the changed fields; onUnload stops', async (t) => {
    // The mini-program build, loaded as the developer tools' 构建 npm leaves it,
    // with WXWebAssembly.instantiate(path) reading the .wasm from pkg/miniprogram/.
    const miniprogram = createRequire(import.meta.url)('../../pkg/miniprogram/index.js');
    const wasmDir = join(ROOT, 'pkg/miniprogram');
    globalThis.WXWebAssembly = {
      instantiate: (path, imports) =>
        WebAssembly.instantiate(readFileSync(join(wasmDir, path.slice(path.lastIndexOf('/') + 1))), imports),
    };
    const shouhoubao = miniprogram;

    mock.timers.enable({ apis: ['setTimeout', 'Date'], now: T0 });
    t.after(() => mock.timers.reset());
    const appShow = new Set();
    globalThis.wx = {
      getStorageSync: (key) => (key === 'orders' ? ORDERS : ''),
      onAppShow: (fn) => appShow.add(fn),
      offAppShow: (fn) => appShow.delete(fn),
    };
    t.after(() => {
      delete globalThis.wx;
      delete globalThis.WXWebAssembly;
    });

    let config = null;
    const Page = (c) => {
      config = c;
    };
    const module = { exports: {} };
    new Function(
      'require',
      'module',
      'exports',
      'Page',
      'wx',
      readFileSync(join(ROOT, 'docs/recipes/wechat-orders-page.js'), 'utf8'),
    )(
      (spec) => {
        assert.equal(spec, 'shouhoubao');
        return shouhoubao;
      },
      module,
      module.exports,
      Page,
      globalThis.wx,
    );
    assert.ok(config, 'Page() was called');

    // The page instance, as the framework makes it: data, setData with paths.
    const patches = [];
    const page = Object.assign(Object.create(config), {
      data: structuredClone(config.data),
      setData(patch) {
        patches.push(patch);
        for (const [path, value] of Object.entries(patch)) {
          const m = /^cards\[(\d+)\]\.(\w+)$/.exec(path);
          if (m) this.data.cards[Number(m[1])][m[2]] = value;
          else this.data[path] = structuredClone(value);
        }
      },
    });
    page.onLoad({});
    await page.loading;
    const cardTexts = () => page.data.cards.map((c) => c.text);
    assert.equal(patches.length, 1);
    assert.deepEqual(Object.keys(patches[0]), ['cards']);
    assert.deepEqual(cardTexts(), textsAt(ORDERS, T0));
    assert.deepEqual(
      page.data.cards.map((c) => c.status),
      referee.evaluateMany(ORDERS, T0).map((a) => a.status),
    );
    assert.equal(appShow.size, 1, 'the watch listens to wx.onAppShow');

    // The last-day seconds of O2: one key a second.
    mock.timers.tick(1000);
    assert.equal(patches.length, 2);
    assert.deepEqual(patches[1], { 'cards[1].text': textsAt(ORDERS, T0 + 1000)[1] });

    // The next change of the day counts: only the fields that changed.
    const due = earliestChange(ORDERS, T0 + 1000);
    mock.timers.tick(due - (T0 + 1000));
    assert.deepEqual(cardTexts(), textsAt(ORDERS, due));
    for (const patch of patches.slice(1))
      assert.ok(
        Object.keys(patch).every((k) => /^cards\[\d+\]\.\w+$/.test(k)),
        JSON.stringify(patch),
      );

    // Back in the foreground after an hour asleep: at once.
    const before = patches.length;
    Date.now(); // (the mocked clock)
    mock.timers.setTime(due + HOUR);
    for (const fn of appShow) fn({ scene: 1001 });
    assert.equal(patches.length, before + 1);
    assert.deepEqual(cardTexts(), textsAt(ORDERS, due + HOUR));

    page.onUnload();
    assert.equal(appShow.size, 0, 'offAppShow on unload');
    const unloaded = patches.length;
    mock.timers.tick(2 * DAY_MS);
    assert.equal(patches.length, unloaded, 'no setData after onUnload');
  });
});

describe('README.md shows the recipes as they run here', () => {
  // Each `<!-- recipe: docs/recipes/X -->` marker is followed by a fenced block
  // holding that file exactly: the README's code is the code under test.
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const marked = [...readme.matchAll(/^<!-- recipe: (docs\/recipes\/[\w.-]+) -->\n```js\n([\s\S]*?)\n```$/gm)];
  test('every recipe file is in the README, verbatim', () => {
    const files = ['react-use-order-answers.js', 'vue-use-order-answers.js', 'wechat-orders-page.js'];
    assert.deepEqual(marked.map((m) => m[1]).sort(), files.map((f) => `docs/recipes/${f}`).sort());
    for (const [, file, code] of marked) assert.equal(code, readFileSync(join(ROOT, file), 'utf8').trimEnd(), file);
  });
});
