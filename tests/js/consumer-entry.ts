// A TypeScript consumer of the package's entry (pkg/index.js), type-checked
// (never run) by `tsc -p tests/js/tsconfig.entry.json` with TypeScript 5.9
// and 7 (make test): strict, exactOptionalPropertyTypes. What a caller
// writes must compile without a cast, and the `@ts-expect-error` lines prove
// wrong usage is rejected.

import init, {
  Engine,
  formatRemaining,
  isEngineError,
  remaining,
  type CompactEvaluationResult,
  type Eligibility,
  type EvaluationResult,
  type Order,
} from '../../pkg/index.js';

await init();
const engine = new Engine();
const now = Date.parse('2021-09-15T10:00:00+08:00');

// Inputs are readonly all the way down: `as const` orders and readonly lists pass.
const order = {
  id: 'T1',
  category: 'mobile_phone',
  status: 'success',
  successAt: '2021-07-30T11:43:30+08:00',
  merchantPromises: [{ service: 'repair', months: 24, from: 'invoice' }],
} as const;
const orders: readonly Order[] = [order, { id: 'T2', category: 'apparel', status: 'pending' }];

// EvaluationResult narrows on `ok`; Eligibility on `status`.
for (const result of engine.evaluateMany(orders, now)) {
  if (!result.ok) {
    const path: string = result.error.path;
    void path;
    continue;
  }
  if (result.status === 'pending') {
    const none: null = result.remainingDays;
    void none;
  } else if (result.status === 'closed') {
    if (result.deadline !== null) {
      // EXPIRED: when the last window ended.
      const code: 'EXPIRED' = result.reason.code;
      const zero: 0 = result.remainingDays;
      (void code, zero);
    } else {
      // a closed (cancelled) order: nothing to count.
      const code: 'ORDER_CLOSED' = result.reason.code;
      void code;
    }
  } else {
    // open or support: every instant is there.
    const deadline: string = result.deadline;
    const days: number = result.remainingDays;
    const next: number = result.nextChangeAtMs;
    (void deadline, days, next);
  }
  for (const w of result.windows) {
    const words: string = `${w.label} ${w.basis.text} ${w.deadlineMs}`;
    void words;
  }
}

// Compact answers have no window list.
const compact: CompactEvaluationResult[] = engine.evaluateMany(orders, now, { windows: false });
const first = compact[0];
if (first !== undefined && first.ok) {
  // @ts-expect-error a compact answer has no windows
  void first.windows;
}

// Errors: a guard, not a cast.
try {
  engine.evaluate({ id: 'X', category: 'apparel', status: 'success' }, now);
} catch (e) {
  if (isEngineError(e)) {
    const code: 'INVALID_POLICY' | 'INVALID_ORDER' | 'INVALID_ARGUMENT' | 'NOT_INITIALISED' | 'ENGINE_FREED' = e.code;
    void code;
  }
}

// Countdowns.
const one: Eligibility = engine.evaluate(order, now);
const text: string | null = formatRemaining(one, now, 'en');
const left = remaining(one, now);
const watch = engine.watch(
  orders,
  (answers: EvaluationResult[], at: number) => {
    (void answers, at);
  },
  { seconds: true },
);
watch.update(orders);
watch.stop();
engine.setLocale('en');
const clock: number = engine.now();
(void text, left, clock);

// @ts-expect-error the locale is "zh-CN" or "en"
engine.setLocale('fr');
// @ts-expect-error an order's status is "pending", "success" or "closed"
engine.evaluate({ id: 'T9', category: 'apparel', status: 'refunded' }, now);
// @ts-expect-error windows is a boolean
engine.evaluate(order, now, { windows: 'no' });
