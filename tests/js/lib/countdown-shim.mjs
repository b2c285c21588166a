// The package as the recipes (docs/recipes/) import it once the countdown kit
// is integrated: pkg/shouhoubao.js plus js/countdown.js's exports, and
// Engine.prototype.watch(orders, onUpdate, options) = watchOrders(this, …)
// where the package does not have it yet. Used by tests/js/recipes.test.mjs.
import { Engine } from '../../../pkg/shouhoubao.js';
import { watchOrders } from '../../../js/countdown.js';

export * from '../../../pkg/shouhoubao.js';
export { default } from '../../../pkg/shouhoubao.js';
export { watchOrders, remaining, formatRemaining } from '../../../js/countdown.js';

if (typeof Engine.prototype.watch !== 'function') {
  Engine.prototype.watch = function watch(orders, onUpdate, options) {
    return watchOrders(this, orders, onUpdate, options);
  };
}
