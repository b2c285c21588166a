// One countdown, as a plain ES-module page renders it from the package entry
// (no bundler). `?now=<epoch ms>` pins the instant (default: Date.now()).
// The test reads #countdown and data-now; the benchmark reads the
// 'countdown' performance mark (ms from navigation start).

import init, { Engine, formatRemaining } from '/pkg/index.js';
import { ORDER } from './order.js';

performance.mark('app-start');
await init();
performance.mark('wasm-ready');
const param = new URLSearchParams(location.search).get('now');
const now = param === null ? Date.now() : Number(param);
const engine = new Engine(undefined, { locale: 'zh-CN' });
const answer = engine.evaluate(ORDER, now);
const el = document.getElementById('countdown');
el.dataset.now = String(now);
el.dataset.status = answer.status;
el.textContent = formatRemaining(answer, now, 'zh-CN') ?? '';
performance.mark('countdown');
document.documentElement.dataset.ready = 'true';
