// The preload page's countdown, bundled by Vite ('shouhoubao' from node_modules).
import init, { Engine, formatRemaining } from 'shouhoubao';
import { ORDER } from './order.js';

await init();
const now = Number(new URLSearchParams(location.search).get('now') ?? Date.now());
const answer = new Engine(undefined, { locale: 'zh-CN' }).evaluate(ORDER, now);
const el = document.getElementById('countdown');
el.dataset.now = String(now);
el.textContent = formatRemaining(answer, now, 'zh-CN') ?? '';
document.documentElement.dataset.ready = 'true';
