// The countdown kit in a real page: the package's ES module and
// crates/shouhoubao-wasm/js/countdown.js as a browser loads them, no bundler. The test drives it
// through window.__countdown (Playwright's page.clock fakes Date and timers).

import init, { Engine } from '/pkg/shouhoubao.js';
import { formatRemaining, watchOrders } from '/crates/shouhoubao-wasm/js/countdown.js';

await init();

/** Every onUpdate, as { now, answers, texts } (texts: what each card shows). */
const calls = [];
let watch = null;
let engine = null;

window.__countdown = {
  /** Starts watching `orders` with the default clock (Date.now(), faked by the test) and `options`. */
  start(orders, options = {}) {
    engine = new Engine(undefined, { locale: options.locale ?? 'zh-CN' });
    watch = watchOrders(
      engine,
      orders,
      (answers, now) => {
        const texts = answers.map((a) => formatRemaining(a, now, options.locale ?? 'zh-CN'));
        calls.push({ now, answers, texts });
        const list = document.getElementById('orders');
        list.replaceChildren(
          ...answers.map((a, i) => {
            const li = document.createElement('li');
            li.dataset.status = a.error ? 'error' : a.status;
            li.textContent = texts[i] ?? '';
            return li;
          }),
        );
      },
      { seconds: options.seconds === true },
    );
    return calls.length;
  },
  calls: () => calls,
  count: () => calls.length,
  stop() {
    watch.stop();
    engine.free();
  },
  /** The page hidden or shown, as a tab switch makes it (visibilityState and its event). */
  setVisibility(state) {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state });
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => state !== 'visible' });
    document.dispatchEvent(new Event('visibilitychange'));
  },
};
document.documentElement.dataset.ready = 'true';
