// The page's words in zh-CN and en. The engine writes reason.text, each
// window's label and its counting line (basis.text) itself, in its locale;
// everything else the page shows comes from here.

export const LOCALES = ['zh-CN', 'en'];

const STRINGS = {
  'zh-CN': {
    'doc.title': '我的订单 · 售后保',
    'header.title': '我的订单',
    'header.back': '返回',
    'header.lang': '语言',
    'search.placeholder': '搜索订单：商品名称 / 店铺',
    'tab.all': '全部',
    'tab.open': '可售后',
    'tab.support': '售后保',
    'tab.pending': '待收货',
    'tab.closed': '已关闭',
    'clock.beijing': '北京时间',
    'clock.frozen': '演示时钟（已固定）',
    'clock.synced': '已与服务器校时',
    'clock.unsynced': '未能校时，使用本机时钟',
    'clock.offset': '本机偏差',
    'policy.version': '规则版本',
    'engine.version': '引擎',
    loading: '正在加载售后规则引擎…',
    'load.failed': '售后规则引擎加载失败',
    empty: '没有符合条件的订单',
    orderNo: '订单号',
    'orderState.success': '交易成功',
    'orderState.shipped': '卖家已发货',
    'orderState.pending': '待收货',
    'orderState.closed': '交易关闭',
    'badge.open': '可申请售后',
    'badge.support': '售后保·联系官方客服',
    'badge.closed': '售后已关闭',
    'badge.pending': '交易未完成',
    lastDay: '最后一天',
    deadline: '截止',
    expected: '预计',
    'provisional.note': '{year} 年节假日安排尚未公布，截止日可能顺延',
    'category.unknown': '未识别的类目「{category}」，按通用规则计算',
    ended: '已于 {date} 截止',
    beijingTime: '北京时间',
    'chip.repair': '维修顺延 {n} 天',
    'chip.noReasonNone': '不支持七天无理由退货',
    'chip.exchanged': '换货后三包重新计算',
    'btn.windows': '售后时效明细',
    'btn.windowsHide': '收起明细',
    'btn.cs': '联系官方客服',
    'btn.apply': '申请售后',
    'windows.title': '全部售后时效',
    'windows.none': '该订单暂无售后时效',
    'window.active': '有效',
    'window.inactive': '已过期',
    'window.selfService': '自助',
    'window.support': '售后保',
    roll: '顺延 {n} 天（{why}）',
    'roll.holiday': '节假日',
    'roll.weekend': '周末',
    'roll.both': '节假日 {h} 天、周末 {w} 天',
    'cs.title': '售后保 · 官方客服介入',
    'cs.lead': '自助售后入口已关闭，但这笔订单仍在售后保范围内：',
    'cs.until': '可申请至',
    'cs.step1.title': '提交订单给官方客服',
    'cs.step1.text': '点击下方按钮，订单和上面的售后时效依据会一并发送给淘宝官方客服，无需自己找商家协商。',
    'cs.step2.title': '官方客服判定',
    'cs.step2.text': '官方客服依据三包规定、商家承诺或类目的长周期规则，决定退货、换货或维修，并通知商家处理。',
    'cs.step3.title': '商家拒绝 → 平台仲裁',
    'cs.step3.text': '如商家拒绝处理，平台介入仲裁，仲裁结果对买卖双方有效。',
    'cs.windows': '仍然有效的售后保依据',
    'cs.submit': '发起售后保申请',
    'cs.submitted': '已提交（演示）：官方客服将在 24 小时内联系你。',
    'cs.close': '关闭',
    'pg.title': '售后时效试验场',
    'pg.intro': '粘贴一笔订单的 JSON（可选：规则 JSON 与评估时间），看看引擎如何回答。',
    'pg.order': '订单 JSON',
    'pg.policy': '规则 JSON（可选，留空使用内置规则）',
    'pg.now': '评估时间（可选：毫秒时间戳或 RFC 3339，留空为页面时钟）',
    'pg.evaluate': '评估',
    'pg.preset.sample': '示例订单',
    'pg.preset.badId': '错误：数字 id',
    'pg.preset.badJson': '错误：JSON 格式',
    'pg.error': '错误',
    'pg.at': '位置',
    'pg.parse': 'JSON 解析错误',
    'pg.raw': '完整回答（JSON）',
    'pg.nextChange': '下次变化',
    'pg.none': '无',
    'footer.demo':
      '演示时间：在地址后加 ?now=2026-10-20T10:00:00+08:00 固定时钟；不加则使用与服务器校准的当前时间，示例订单按当前时间生成。',
    'footer.note':
      '售后保：交易成功后 15 天内可自助申请售后（3C 数码与家电 180 天）；此后在三包期、商家承诺期或长周期类目的发现期内，可由官方客服重新开启售后。',
  },
  en: {
    'doc.title': 'My orders · Shouhoubao',
    'header.title': 'My orders',
    'header.back': 'Back',
    'header.lang': 'Language',
    'search.placeholder': 'Search orders: item or shop',
    'tab.all': 'All',
    'tab.open': 'Open',
    'tab.support': 'Via support',
    'tab.pending': 'In transit',
    'tab.closed': 'Closed',
    'clock.beijing': 'Beijing time',
    'clock.frozen': 'demo clock (fixed)',
    'clock.synced': 'synced with the server',
    'clock.unsynced': 'could not sync; using the device clock',
    'clock.offset': 'device offset',
    'policy.version': 'Policy',
    'engine.version': 'engine',
    loading: 'Loading the after-sales engine…',
    'load.failed': 'The after-sales engine failed to load',
    empty: 'No orders match',
    orderNo: 'Order',
    'orderState.success': 'Completed',
    'orderState.shipped': 'Shipped',
    'orderState.pending': 'Awaiting delivery',
    'orderState.closed': 'Closed',
    'badge.open': 'After-sales open',
    'badge.support': 'Shouhoubao · contact official support',
    'badge.closed': 'After-sales closed',
    'badge.pending': 'Transaction not complete',
    lastDay: 'last day',
    deadline: 'Until',
    expected: 'expected',
    'provisional.note': 'The {year} holiday arrangement is not yet published; the deadline may move later',
    'category.unknown': 'Category “{category}” is not in the policy; the general rules apply',
    ended: 'Ended {date}',
    beijingTime: 'Beijing time',
    'chip.repair': 'extended {n} days for repairs',
    'chip.noReasonNone': 'no no-reason returns',
    'chip.exchanged': 'Three Guarantees restarted at exchange',
    'btn.windows': 'All windows',
    'btn.windowsHide': 'Hide windows',
    'btn.cs': 'Contact official support',
    'btn.apply': 'Request after-sales',
    'windows.title': 'Every after-sales window',
    'windows.none': 'This order has no after-sales windows',
    'window.active': 'active',
    'window.inactive': 'expired',
    'window.selfService': 'self-service',
    'window.support': 'Shouhoubao',
    roll: 'rolled {n} days ({why})',
    'roll.one': 'rolled 1 day ({why})',
    'roll.holiday': 'holiday',
    'roll.weekend': 'weekend',
    'roll.both': '{h} holiday, {w} weekend',
    'cs.title': 'Shouhoubao · official customer service',
    'cs.lead': 'The self-service entry has closed, but this order is still covered by Shouhoubao:',
    'cs.until': 'Claim until',
    'cs.step1.title': 'Send the order to official customer service',
    'cs.step1.text':
      'The button below sends the order and the windows above to Taobao official customer service; you do not have to negotiate with the shop yourself.',
    'cs.step2.title': 'Official customer service decides',
    'cs.step2.text':
      "Under the Three Guarantees, the merchant's promise or the category's long-discovery rule, they decide on a return, exchange or repair and instruct the shop.",
    'cs.step3.title': 'Merchant refuses → platform arbitration',
    'cs.step3.text': 'If the shop refuses, the platform arbitrates; its decision binds both buyer and seller.',
    'cs.windows': 'Shouhoubao windows still active',
    'cs.submit': 'Send to official support',
    'cs.submitted': 'Sent (demo): official customer service will contact you within 24 hours.',
    'cs.close': 'Close',
    'pg.title': 'Playground',
    'pg.intro': "Paste an order's JSON (and optionally a policy and a moment) to see how the engine answers.",
    'pg.order': 'Order JSON',
    'pg.policy': 'Policy JSON (optional; empty uses the embedded policy)',
    'pg.now': 'Evaluate at (optional: epoch ms or RFC 3339; empty uses the page clock)',
    'pg.evaluate': 'Evaluate',
    'pg.preset.sample': 'Sample order',
    'pg.preset.badId': 'Error: numeric id',
    'pg.preset.badJson': 'Error: broken JSON',
    'pg.error': 'Error',
    'pg.at': 'at',
    'pg.parse': 'JSON parse error',
    'pg.raw': 'Full answer (JSON)',
    'pg.nextChange': 'Next change',
    'pg.none': 'none',
    'footer.demo':
      'Demo time: add ?now=2026-10-20T10:00:00+08:00 to the address to fix the clock; without it the page uses the server-synced current time and builds the sample orders around it.',
    'footer.note':
      "Shouhoubao: request after-sales yourself within 15 days of the transaction's success (180 days for 3C and home appliances); after that, official customer service can reopen it within the Three Guarantees, a merchant promise, or a long-discovery category's period.",
  },
};

const CATEGORIES = {
  mobile_phone: ['手机', 'Mobile phone'],
  computer: ['电脑', 'Computer'],
  tv: ['电视', 'TV'],
  air_conditioner: ['空调', 'Air conditioner'],
  refrigerator: ['冰箱', 'Refrigerator'],
  washing_machine: ['洗衣机', 'Washing machine'],
  bicycle: ['自行车', 'Bicycle'],
  apparel: ['服饰', 'Apparel'],
  fresh_food: ['生鲜', 'Fresh food'],
  made_to_order: ['定制商品', 'Made to order'],
  digital_download: ['数字商品', 'Digital download'],
  newspaper: ['报刊', 'Newspapers'],
  seedlings: ['苗木', 'Seedlings'],
  flowers: ['鲜花绿植', 'Flowers & plants'],
  pets: ['宠物活体', 'Live pets'],
  '3c_digital': ['3C数码', '3C digital'],
  home_appliance: ['家用电器', 'Home appliance'],
};

const idx = (locale) => (locale === 'en' ? 1 : 0);

/** The string `key` in `locale`, with {name} placeholders filled from `vars`. */
export function t(locale, key, vars = {}) {
  const table = STRINGS[locale] ?? STRINGS['zh-CN'];
  const text = table[key] ?? STRINGS['zh-CN'][key] ?? key;
  return text.replace(/\{(\w+)\}/g, (m, name) => (name in vars ? String(vars[name]) : m));
}

export function categoryName(locale, category) {
  return CATEGORIES[category]?.[idx(locale)] ?? category;
}

/**
 * A window's roll-forward over rest days, from its basis: "顺延 2 天（周末）",
 * "顺延 1 天（节假日）", "顺延 3 天（节假日 1 天、周末 2 天）" / "rolled 2 days
 * (weekend)", …; null when it did not roll. The total is `rolledDays`.
 */
export function rollText(locale, basis) {
  const n = basis?.rolledDays ?? 0;
  if (!(n > 0)) return null;
  const h = basis.holidayDays ?? 0;
  const w = basis.weekendDays ?? 0;
  const why = h > 0 && w > 0 ? t(locale, 'roll.both', { h, w }) : t(locale, h > 0 ? 'roll.holiday' : 'roll.weekend');
  const key = n === 1 && (STRINGS[locale] ?? {})['roll.one'] ? 'roll.one' : 'roll';
  return t(locale, key, { n, why });
}

export const SELF_SERVICE = new Set(['ENTRY_DEFAULT', 'ENTRY_CATEGORY', 'NO_REASON_RETURN']);
