// 微信小程序 Page: the order list's countdowns from engine.watch through
// setData — only the fields that changed, so the one-a-second tick of a last
// day sends one short string to the view layer, not the whole list.
//
// pages/orders/orders.wxml:
//   <view wx:for="{{cards}}" wx:key="id" class="card {{item.status}}">
//     <text>{{item.text}}</text><text class="reason">{{item.reason}}</text>
//   </view>
const { load, formatRemaining } = require('shouhoubao');

/** What a card shows of one answer (or of a bad order's error slot). */
function card(answer, now) {
  if (answer.error) return { id: String(answer.orderId), status: 'error', text: '', reason: answer.error.message };
  return {
    id: answer.orderId,
    status: answer.status,
    text: formatRemaining(answer, now, 'zh-CN') || '',
    reason: answer.reason.text,
    expected: answer.provisional, // show 预计 beside the deadline
  };
}

Page({
  data: { cards: [] },

  onLoad() {
    this.loading = load().then(({ Engine }) => {
      if (this.unloaded) return;
      this.engine = new Engine();
      const orders = wx.getStorageSync('orders') || [];
      this.watch = this.engine.watch(orders, (answers, now) => this.show(answers, now), { seconds: true });
    });
  },

  /** setData with only what changed: { 'cards[2].text': '剩余 00:12:09' }. */
  show(answers, now) {
    const cards = answers.map((a) => card(a, now));
    const old = this.data.cards;
    if (cards.length !== old.length) return this.setData({ cards });
    const patch = {};
    cards.forEach((c, i) => {
      for (const key of Object.keys(c)) if (c[key] !== old[i][key]) patch[`cards[${i}].${key}`] = c[key];
    });
    if (Object.keys(patch).length) this.setData(patch);
  },

  /** Call with the new list after fetching orders again. */
  setOrders(orders) {
    if (this.watch) this.watch.update(orders);
  },

  onUnload() {
    this.unloaded = true;
    if (this.watch) this.watch.stop();
    if (this.engine) this.engine.free();
  },
});
