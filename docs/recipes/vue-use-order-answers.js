// Vue 3: a composable over engine.watch. `answers` and `now` are shallow refs
// that change only when something shown changes (one timer for the list).
//
//   const { answers, now } = useOrderAnswers(engine, ordersRef, { seconds: true });
//   // template: {{ formatRemaining(answer, now, 'zh-CN') }}
//
// `orders` may be an array, a ref or a getter; give it a new array to watch a
// changed list (the list is not watched deeply). Stops with the component
// (or effect scope) that called it.
import { onScopeDispose, shallowRef, toRaw, toValue, watch } from 'vue';

export function useOrderAnswers(engine, orders, options) {
  const answers = shallowRef([]);
  const now = shallowRef(0);
  let handle = null;
  const stopSource = watch(() => toValue(orders), (list) => {
    const plain = toRaw(list); // the engine reads a reactive list too; the raw one is cheaper
    if (handle) handle.update(plain);
    else {
      handle = engine.watch(plain, (next, at) => {
        answers.value = next;
        now.value = at;
      }, options);
    }
  }, { immediate: true });
  onScopeDispose(() => {
    stopSource();
    if (handle) handle.stop();
  });
  return { answers, now };
}
