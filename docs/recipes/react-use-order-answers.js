// React: the answers for a list of orders, kept current by engine.watch (one
// timer for the whole list, a re-render only when something shown changes).
//
//   const state = useOrderAnswers(engine, orders, { seconds: true });
//   state.answers.map((a) => <li key={a.orderId}>{formatRemaining(a, state.now, 'zh-CN')}</li>)
//
// Keep `orders` the same array between renders (state or useMemo): a new array
// restarts the watch. `options` is read when the watch starts.
import { useMemo, useSyncExternalStore } from 'react';

export function useOrderAnswers(engine, orders, options) {
  const store = useMemo(() => {
    let current = null; // { answers, now }
    const clock = options?.now ?? (() => (engine.now ? engine.now() : Date.now()));
    return {
      subscribe(notify) {
        const watch = engine.watch(orders, (answers, now) => {
          current = { answers, now };
          notify();
        }, options);
        return () => watch.stop();
      },
      // The first render is answered at once, before the watch is subscribed.
      snapshot() {
        if (current === null) {
          const now = Math.floor(clock());
          current = { answers: engine.evaluateMany(orders, now), now };
        }
        return current;
      },
    };
  }, [engine, orders]); // eslint-disable-line react-hooks/exhaustive-deps
  return useSyncExternalStore(store.subscribe, store.snapshot);
}
