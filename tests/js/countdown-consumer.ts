// Type-checked only (tests/js/tsconfig.countdown.json): the countdown kit's
// JSDoc types meet the package's generated declarations under `strict`.
import { Engine, type EvaluationResult, type Order } from '../../pkg/shouhoubao.js';
import {
  formatRemaining,
  remaining,
  watchOrders,
  type OrdersWatch,
} from '../../crates/shouhoubao-wasm/js/countdown.js';

declare const engine: Engine;
declare const orders: Order[];

const watch: OrdersWatch<Order> = watchOrders(
  engine,
  orders,
  (answers, now) => {
    const first: EvaluationResult | undefined = answers[0];
    if (first && !('error' in first)) {
      const text: string | null = formatRemaining(first, now, 'en', { clock: false });
      const days: number | undefined = remaining(first.windows[0], now)?.days;
      void text;
      void days;
    }
  },
  { seconds: true, now: () => Date.now(), onError: (e) => void e },
);
watch.update(orders);
watch.stop();

// @ts-expect-error onUpdate is required
watchOrders(engine, orders);
// @ts-expect-error seconds is a boolean
watchOrders(engine, orders, () => {}, { seconds: 'yes' });
// @ts-expect-error now is a number
formatRemaining(null, '2026-10-20');
