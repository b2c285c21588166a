// An order as a 我的订单 page holds it (issue 16): the contract's fields plus
// what the page shows and a reactive store adds — items with SKU text, a
// shop that refers back to the list holding the order, logistics with a
// long trace, buttons, a reference to itself, a getter that throws, a
// Symbol key, and a named field whose getter calls the engine while the
// engine is reading the order. The contract (version 3, §4) reads only its
// named fields, so the answer must be the same as for the bare order.
//
// Plain ES2017 with no imports: the Node tests, the `jsc` suite, the
// Chromium and Firefox runner (tests/web.rs) and the benchmarks load it.

/** One megabyte of logistics trace, shared by every wrapped order. */
const MEGABYTE_TRACE = 'x'.repeat(1 << 20);

/** About 1.4 KB of what a page shows beside the contract's fields. */
function pageFields(id) {
  const items = [];
  for (let i = 0; i < 3; i++) {
    items.push({
      itemId: `${id}-item-${i}`,
      title: `2024 新款 智能手机 旗舰 5G 全网通 大内存 第 ${i + 1} 件`,
      sku: { color: '星河银', storage: '12GB+256GB', edition: '官方标配' },
      price: { original: '5999.00', paid: '5499.00', currency: 'CNY' },
      quantity: 1,
      picture: `https://img.example.invalid/${id}/${i}.jpg`,
      tags: ['七天无理由', '官方正品', '顺丰包邮'],
    });
  }
  return {
    items,
    logistics: {
      company: '顺丰速运',
      waybill: `SF${id}`,
      trace: [
        { at: '2021-07-27 09:12', text: '【深圳市】快件已揽收' },
        { at: '2021-07-28 15:02', text: '【杭州市】已签收，签收人：本人' },
      ],
      rawTrace: MEGABYTE_TRACE,
    },
    buttons: [
      { key: 'confirm', text: '确认收货' },
      { key: 'refund', text: '申请售后' },
      { key: 'review', text: '评价' },
    ],
    price: { total: '5499.00', freight: '0.00' },
  };
}

/**
 * `order` as a page holds it. `reenter(order)`, when given, is called from
 * the `category` getter — a call into the engine while it reads this order;
 * its result is kept in `wrapped.reentered`. A value that is not an object
 * (an error vector's order) is returned as it is.
 */
export function asPageHolds(order, reenter) {
  if (order === null || typeof order !== 'object' || Array.isArray(order)) return order;
  const wrapped = { ...pageFields(String(order.id)), ...order };
  const shop = { shopId: 'S1', name: '官方旗舰店', rating: 4.9 };
  shop.orders = [wrapped, { id: 'SIBLING', shop }];
  wrapped.shop = shop;
  wrapped.self = wrapped;
  wrapped.again = wrapped;
  wrapped[Symbol('store')] = { dirty: true };
  Object.defineProperty(wrapped, 'afterSales', {
    enumerable: true,
    get() {
      throw new Error('a computed property the engine must never read');
    },
  });
  if (reenter !== undefined && 'category' in order) {
    const category = order.category;
    Object.defineProperty(wrapped, 'category', {
      enumerable: true,
      get() {
        wrapped.reentered = reenter(order);
        return category;
      },
    });
  }
  return wrapped;
}

/** 2021-09-24T09:00:00+08:00: the instant the tests of reading by name answer at. */
export const OUTER_NOW = 1632445200000;

/**
 * An order of the default policy with every kind of field the contract
 * reads: the outer call's, in the tests of reading by name and of calls
 * inside calls. Not frozen: the tests wrap it in Proxies whose traps hand
 * out other values, which a frozen target's invariants forbid; none of them
 * writes to it.
 */
export const OUTER_ORDER = {
  id: 'OUTER',
  category: 'mobile_phone',
  status: 'success',
  successAt: '2021-07-30T11:43:30+08:00',
  deliveredAt: '2021-07-28T15:02:00+08:00',
  invoiceAt: '2021-07-27',
  merchantPromises: [{ service: 'repair', months: 24, from: 'invoice' }],
};

/** An order that is answered on its own, for the calls made from inside a read. */
export const INNER_ORDER = {
  id: 'INNER',
  category: 'apparel',
  status: 'success',
  successAt: '2021-09-20T20:15:00+08:00',
};
