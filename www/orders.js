// The demo's sample orders (我的订单), as offsets from a reference moment.
//
// Scheme: every date is reckoned back from `refMs`, the moment the page
// starts at — the frozen clock when the URL has ?now=, else the server-synced
// clock at load — so the list stays meaningful on any day. The documented demo
// moment is DEMO_NOW (open the page with ?now=2026-10-20T10:00:00+08:00).
// Three orders are pinned to the policy's calendar instead, and the engine
// dates them: each is invoiced on the day whose 三包 warranty, as the engine
// counts it (months, clamped month ends, the roll over rest days), ends where
// the order needs it. This file restates none of those rules.
// - the air conditioner, whose 三包 warranty ends on the most recent National
//   Day (10-01) in the policy's holiday list, so its end day always rolls
//   across the 国庆 holidays;
// - a phone whose 三包 warranty ends on a Saturday of an ordinary weekend (the
//   engine rolls it exactly the 2 weekend days, to Monday), 45 to 160 days
//   after ref. It prefers a firm deadline (as at DEMO_NOW: Saturday
//   2026-12-05 → 2026-12-08 00:00); when ref is so late that no firm one is
//   left (under the default policy, from 2026-12-07 on), it takes the first
//   one after ref + 45 days, which still rolls but is provisional;
// - a phone whose 三包 warranty is provisional: its end day is the first day
//   that does not roll from 60 days after holidaysPublishedThrough (at
//   DEMO_NOW Monday 2027-03-01 → 2027-03-02 00:00), kept 30 to 170 days after
//   ref so the 180-day entry has closed and the warranty is active. When ref
//   is more than ~170 days before holidaysPublishedThrough no active warranty
//   can end past it (a 12-month warranty outlives its 180-day entry by ~6
//   months): the order then ends 100 days after ref, firm. Under the default
//   policy it is provisional at any ref from 2026-07-15 on. Without a
//   published-through date it takes the same firm fallback.
//
// Plain data and functions of the engine's answers: the page and the Node
// tests both import it.

export const DEMO_NOW = '2026-10-20T10:00:00+08:00';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const BEIJING = 8 * HOUR;

/** Epoch ms → "YYYY-MM-DDTHH:MM:SS+08:00" (Beijing time, device zone ignored). */
export function beijingInstant(ms) {
  const d = new Date(Math.floor(ms / 1000) * 1000 + BEIJING);
  return d.toISOString().slice(0, 19) + '+08:00';
}

/** Epoch ms → its Beijing date "YYYY-MM-DD". */
export function beijingDate(ms) {
  return new Date(ms + BEIJING).toISOString().slice(0, 10);
}

/** "YYYY-MM-DD" plus (or minus) whole days. */
function addDays(date, days) {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** Whole days from date `from` to date `to` ("YYYY-MM-DD" each). */
function daysBetween(from, to) {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY);
}

/**
 * @typedef {object} Warranty A 三包 warranty as the engine counts it.
 * @property {string} invoiceAt the invoice date it counts from
 * @property {string} endDay its last day before any roll over rest days
 * @property {number} rolledDays days it rolled past `endDay`
 * @property {number} weekendDays of those, weekend days
 * @property {number} holidayDays of those, holidays
 * @property {boolean} provisional the engine calls its deadline provisional
 */

/**
 * The 三包 warranties of `category` for invoices dated `firstInvoice` to
 * `lastInvoice`, as the engine counts them at `nowMs`: one per end day (the
 * earliest invoice that ends there), by end day.
 * @returns {Warranty[]}
 */
function warranties(engine, category, firstInvoice, lastInvoice, nowMs) {
  const byEndDay = new Map();
  for (let invoiceAt = firstInvoice; invoiceAt <= lastInvoice; invoiceAt = addDays(invoiceAt, 1)) {
    const probe = { id: 'probe', category, status: 'success', successAt: `${invoiceAt}T12:00:00+08:00`, invoiceAt };
    const warranty = engine.evaluate(probe, nowMs).windows.find((w) => w.code === 'THREE_GUARANTEES_WARRANTY');
    if (!warranty) continue;
    const { rolledDays, weekendDays, holidayDays } = warranty.basis;
    // The deadline is 24:00 of the rolled last day: the next day's 00:00, in the policy's offset.
    const endDay = addDays(warranty.deadline.slice(0, 10), -1 - rolledDays);
    if (!byEndDay.has(endDay))
      byEndDay.set(endDay, {
        invoiceAt,
        endDay,
        rolledDays,
        weekendDays,
        holidayDays,
        provisional: warranty.provisional,
      });
  }
  return [...byEndDay.values()].sort((a, b) => (a.endDay < b.endDay ? -1 : 1));
}

/** How far after `today` the pinned phones' warranties may end, in days: what both searches below look through. */
const PHONE_END_DAYS = { from: 20, to: 177 };

/**
 * The phones' 12-month warranties whose end day lies 20 to 177 days after
 * `today` (the invoices a year and a few days earlier), each with its
 * distance `n` in days: asked of the engine once, for both pinned phones.
 */
function phoneWarranties(engine, today, nowMs) {
  const { from, to } = PHONE_END_DAYS;
  const found = warranties(engine, 'mobile_phone', addDays(today, from - 370), addDays(today, to - 360), nowMs);
  return found.map((w) => ({ ...w, n: daysBetween(today, w.endDay) })).filter((w) => w.n >= from && w.n <= to);
}

/**
 * The weekend-roll phone's warranty, among `phones`: one the engine rolls
 * over exactly the two days of an ordinary weekend (a Saturday end day, Saturday and Sunday
 * neither holidays nor 调休 workdays, Monday a working day), ending 20 to
 * 160 days after `today`. The first firm one from 45 days on; else the last
 * firm one; else the first one from 45 days on (provisional); else the first.
 * @returns {Warranty | undefined}
 */
export function weekendWarranty(phones) {
  const candidates = phones.filter(
    (w) => w.n <= 160 && w.rolledDays === 2 && w.weekendDays === 2 && w.holidayDays === 0,
  );
  const firm = (w) => !w.provisional;
  return (
    candidates.find((w) => w.n >= 45 && firm(w)) ??
    candidates.filter(firm).pop() ??
    candidates.find((w) => w.n >= 45) ??
    candidates[0]
  );
}

/**
 * The provisional phone's warranty, among `phones`: the first that does not roll, ending
 * from 60 days after `publishedThrough`, clamped to 30–170 days after
 * `today`; from 100 days after `today` when no end day past
 * `publishedThrough` fits (or there is none). At the upper clamp it looks
 * back instead.
 * @returns {Warranty | undefined}
 */
export function provisionalWarranty(phones, today, publishedThrough) {
  const lo = addDays(today, 30);
  const hi = addDays(today, 170);
  let day = addDays(today, 100);
  if (publishedThrough && addDays(publishedThrough, 1) <= hi) {
    day = addDays(publishedThrough, 60);
    if (day < lo) day = lo;
    if (day > hi) day = hi;
  }
  const n = daysBetween(today, day);
  const nearby = phones.filter((w) => w.n >= n - 7 && w.n <= n + 7);
  const forward = day < hi;
  const ahead = forward ? nearby.filter((w) => w.endDay >= day) : nearby.filter((w) => w.endDay <= day).reverse();
  return ahead.find((w) => w.rolledDays === 0) ?? ahead[0];
}

/**
 * The National Day (YYYY-10-01) in `holidays` most recently on or before the
 * reference date; the earliest one when all are later; null when none.
 */
export function latestNationalDay(holidays, refMs) {
  const today = beijingDate(refMs);
  const days = [...new Set((holidays ?? []).filter((h) => /^\d{4}-10-01$/.test(h)))].sort();
  if (days.length === 0) return null;
  const past = days.filter((h) => h <= today);
  return past.length ? past[past.length - 1] : days[0];
}

/**
 * The sample orders at reference moment `refMs` (epoch ms), with what the
 * order list shows besides the engine's answer. `policy` is the policy
 * snapshot the page evaluates with (its `holidays` and
 * `holidaysPublishedThrough` pin three orders, see above); `engine` is an
 * Engine of that policy, which dates the three.
 *
 * Returns [{ order, display: { title, shop, price, qty, thumb } }]; `title`
 * and `shop` are { zh, en }.
 */
export function sampleOrders(refMs, policy, engine) {
  // ago(d, h, m) → the instant d days, h hours, m minutes before ref.
  const ago = (d, h = 0, m = 0, s = 0) => beijingInstant(refMs - d * DAY - h * HOUR - m * MINUTE - s * 1000);
  const agoDate = (d) => beijingDate(refMs - d * DAY);
  const today = beijingDate(refMs);

  const nationalDay = latestNationalDay(policy.holidays, refMs) ?? beijingDate(refMs - 30 * DAY);
  const acWarranty = warranties(
    engine,
    'air_conditioner',
    addDays(nationalDay, -370),
    addDays(nationalDay, -360),
    refMs,
  ).find((w) => w.endDay === nationalDay);
  const acInvoice = acWarranty?.invoiceAt ?? addDays(nationalDay, -365);
  const acSuccessMs = Date.parse(`${acInvoice}T14:20:00+08:00`) + 2 * DAY;

  // The weekend-roll phone and the provisional phone: invoiced on the day the
  // engine dates their warranty from, delivered the next day, 交易成功 two
  // days (and some hours) after that. (Without one, 300 days ago.)
  const pinned = (warranty, deliveredAt, successMinutes) => {
    const invoiceAt = warranty?.invoiceAt ?? agoDate(300);
    const delivered = Date.parse(`${addDays(invoiceAt, 1)}T${deliveredAt}+08:00`);
    return {
      invoiceAt,
      deliveredAt: beijingInstant(delivered),
      successAt: beijingInstant(delivered + 2 * DAY + successMinutes * MINUTE),
    };
  };
  const phones = phoneWarranties(engine, today, refMs);
  const weekendPhone = pinned(weekendWarranty(phones), '16:12:00', 3 * 60 + 7);
  const provisionalPhone = pinned(
    provisionalWarranty(phones, today, policy.holidaysPublishedThrough ?? null),
    '11:36:00',
    5 * 60 + 48,
  );

  return [
    {
      order: { id: '4296011873520348817', category: 'apparel', status: 'pending' },
      display: {
        title: { zh: '加绒连帽卫衣 男女同款 秋冬宽松外套 燕麦色', en: 'Fleece-lined hoodie, unisex, oatmeal' },
        shop: { zh: '木棉手作服饰', en: 'Kapok Handmade Apparel' },
        statusText: 'shipped',
        price: 129.0,
        qty: 1,
        thumb: { char: '衣', hue: 30 },
      },
    },
    {
      order: {
        id: '4288563019274620931',
        category: 'made_to_order',
        status: 'success',
        successAt: ago(14, 18, 42, 37),
        deliveredAt: ago(16, 2, 10),
      },
      display: {
        title: { zh: '定制刻字 925银情侣对戒 开口可调 礼盒装', en: 'Engraved sterling silver couple rings (custom)' },
        shop: { zh: '拾光银饰定制', en: 'Shiguang Silver Custom' },
        price: 268.0,
        qty: 1,
        thumb: { char: '戒', hue: 320 },
      },
    },
    {
      order: {
        id: '4281947705613829452',
        category: 'apparel',
        status: 'success',
        successAt: ago(13, 12),
        deliveredAt: ago(15, 3, 25),
      },
      display: {
        title: { zh: '纯棉短袖T恤 重磅260g 男女同款 白色 XL', en: 'Heavyweight cotton T-shirt, white, XL' },
        shop: { zh: '素简纯棉', en: 'Plain Cotton Co.' },
        price: 79.0,
        qty: 2,
        thumb: { char: 'T', hue: 200 },
      },
    },
    {
      order: {
        id: '4279330158846271506',
        category: 'fresh_food',
        status: 'success',
        successAt: ago(3, 2, 5),
        deliveredAt: ago(4, 6, 40),
      },
      display: {
        title: { zh: '智利车厘子 JJ级 2斤装 顺丰冷链 坏果包赔', en: 'Chilean cherries, JJ grade, 1 kg, cold-chain' },
        shop: { zh: '鲜果码头生鲜', en: 'Fruit Pier Fresh' },
        price: 139.9,
        qty: 1,
        thumb: { char: '果', hue: 350 },
      },
    },
    {
      order: {
        id: '4275518860013946275',
        category: 'seedlings',
        status: 'success',
        successAt: ago(6, 4),
        deliveredAt: ago(8, 1, 30),
      },
      display: {
        title: { zh: '蓝莓树苗 盆栽 南北方种植 当年结果 3年苗', en: 'Blueberry sapling, potted, 3-year-old' },
        shop: { zh: '绿野苗圃', en: 'Green Field Nursery' },
        price: 59.0,
        qty: 3,
        thumb: { char: '苗', hue: 110 },
      },
    },
    {
      order: {
        id: '4270826631978504113',
        category: 'flowers',
        status: 'success',
        successAt: ago(28, 5, 12),
        deliveredAt: ago(30, 9, 48),
      },
      display: {
        title: { zh: '蝴蝶兰盆栽 年宵花 带花苞发货 3株组合', en: 'Moth orchid pot, 3 plants, in bud' },
        shop: { zh: '花语园艺旗舰店', en: 'Huayu Gardening Flagship' },
        price: 168.0,
        qty: 1,
        thumb: { char: '兰', hue: 285 },
      },
    },
    {
      order: {
        id: '4266039217745583020',
        category: 'mobile_phone',
        status: 'success',
        successAt: ago(40, 3, 17),
        deliveredAt: ago(41, 20, 5),
        invoiceAt: agoDate(42),
      },
      display: {
        title: { zh: '星耀 X6 Pro 5G手机 12GB+256GB 曜石黑 官方正品', en: 'Xingyao X6 Pro 5G phone, 12+256 GB, black' },
        shop: { zh: '星耀官方旗舰店', en: 'Xingyao Official Store' },
        price: 4299.0,
        qty: 1,
        thumb: { char: '机', hue: 220 },
      },
    },
    {
      order: {
        id: '4259874402316657738',
        category: 'pets',
        status: 'success',
        successAt: ago(47, 1, 33),
        deliveredAt: ago(50, 7, 15),
      },
      display: {
        title: { zh: '孔雀鱼活体 纯种蓝草尾 10条装 包活到家', en: 'Live guppies, blue grass tail, 10 fish' },
        shop: { zh: '水族小镇', en: 'Aquarium Town' },
        price: 45.0,
        qty: 1,
        thumb: { char: '鱼', hue: 190 },
      },
    },
    {
      order: {
        id: '4253310986624417359',
        category: 'bicycle',
        status: 'success',
        successAt: ago(60, 6, 40),
        deliveredAt: ago(62, 2),
        invoiceAt: agoDate(63),
      },
      display: {
        title: {
          zh: '追风 R3 公路自行车 铝合金车架 22速 700C',
          en: 'Zhuifeng R3 road bike, aluminium frame, 22-speed',
        },
        shop: { zh: '追风骑行专营店', en: 'Zhuifeng Cycling' },
        price: 2599.0,
        qty: 1,
        thumb: { char: '车', hue: 160 },
      },
    },
    {
      order: {
        id: '4247786531094413671',
        category: 'computer',
        status: 'success',
        successAt: ago(200, 4, 25),
        deliveredAt: ago(202, 1, 50),
        invoiceAt: agoDate(205),
        merchantPromises: [{ service: 'repair', months: 24, from: 'delivery' }],
      },
      display: {
        title: {
          zh: '墨羽 14 轻薄笔记本电脑 i7/32G/1T 2.8K屏 商家承诺2年保修',
          en: 'Moyu 14 laptop, i7/32G/1T, 2-year merchant repair promise',
        },
        shop: { zh: '墨羽数码旗舰店', en: 'Moyu Digital Flagship' },
        price: 6499.0,
        qty: 1,
        thumb: { char: '本', hue: 250 },
      },
    },
    {
      order: {
        id: '4231094468851207724',
        category: 'mobile_phone',
        status: 'success',
        successAt: ago(250, 5, 2),
        deliveredAt: ago(252, 3),
        invoiceAt: agoDate(253),
      },
      display: {
        title: { zh: '青柠 Note 12 5G手机 8GB+128GB 青柠绿', en: 'Qingning Note 12 5G phone, 8+128 GB, lime' },
        shop: { zh: '青柠手机官方店', en: 'Qingning Phones Official' },
        price: 1399.0,
        qty: 1,
        thumb: { char: '机', hue: 95 },
      },
    },
    {
      order: {
        id: '4229658104476315087',
        category: 'mobile_phone',
        status: 'success',
        successAt: weekendPhone.successAt,
        deliveredAt: weekendPhone.deliveredAt,
        invoiceAt: weekendPhone.invoiceAt,
      },
      display: {
        title: { zh: '远航 A3 老人手机 4G全网通 大字大声 超长待机', en: 'Yuanhang A3 senior phone, 4G, big keys' },
        shop: { zh: '远航通讯专营店', en: 'Yuanhang Mobile' },
        price: 239.0,
        qty: 1,
        thumb: { char: '机', hue: 40 },
      },
    },
    {
      order: {
        id: '4226371950182734466',
        category: 'mobile_phone',
        status: 'success',
        successAt: provisionalPhone.successAt,
        deliveredAt: provisionalPhone.deliveredAt,
        invoiceAt: provisionalPhone.invoiceAt,
      },
      display: {
        title: {
          zh: '折光 Fold 3 折叠屏手机 16GB+512GB 雪域白',
          en: 'Zheguang Fold 3 foldable phone, 16+512 GB, white',
        },
        shop: { zh: '折光手机官方旗舰店', en: 'Zheguang Phones Official' },
        price: 8999.0,
        qty: 1,
        thumb: { char: '折', hue: 300 },
      },
    },
    {
      order: {
        id: '4224417730589162245',
        category: 'refrigerator',
        status: 'success',
        successAt: ago(396, 3, 30),
        deliveredAt: ago(398, 5),
        invoiceAt: agoDate(400),
        repairDays: 45,
      },
      display: {
        title: {
          zh: '寒川 十字对开门冰箱 501升 一级能效 变频风冷',
          en: 'Hanchuan 501 L French-door fridge (repaired 45 days)',
        },
        shop: { zh: '寒川电器官方旗舰店', en: 'Hanchuan Appliances Official' },
        price: 3999.0,
        qty: 1,
        thumb: { char: '冰', hue: 180 },
      },
    },
    {
      order: {
        id: '4218863295570341896',
        category: 'tv',
        status: 'success',
        successAt: ago(476, 2, 45),
        deliveredAt: ago(478, 8),
        invoiceAt: agoDate(480),
        exchangedAt: agoDate(90),
      },
      display: {
        title: { zh: '光启 75英寸 4K MiniLED 电视 144Hz（已换新机）', en: 'Guangqi 75" 4K MiniLED TV (exchanged)' },
        shop: { zh: '光启电视官方旗舰店', en: 'Guangqi TV Official' },
        price: 5799.0,
        qty: 1,
        thumb: { char: '视', hue: 265 },
      },
    },
    {
      order: {
        id: '4205547109936628150',
        category: 'air_conditioner',
        status: 'success',
        successAt: beijingInstant(acSuccessMs),
        deliveredAt: beijingInstant(acSuccessMs - 2 * DAY + 3 * HOUR),
        invoiceAt: acInvoice,
      },
      display: {
        title: {
          zh: '凉风 1.5匹 新一级能效 变频冷暖 壁挂式空调',
          en: 'Liangfeng 1.5 HP inverter wall air conditioner',
        },
        shop: { zh: '凉风空调旗舰店', en: 'Liangfeng AC Flagship' },
        price: 2899.0,
        qty: 1,
        thumb: { char: '空', hue: 205 },
      },
    },
    {
      order: {
        id: '4199302675518849023',
        category: 'apparel',
        status: 'success',
        successAt: ago(120, 7, 20),
        deliveredAt: ago(122, 1, 5),
      },
      display: {
        title: { zh: '轻弹跑步鞋 男款 缓震透气 网面运动鞋 42码', en: 'Cushioned running shoes, men, EU 42' },
        shop: { zh: '疾步运动专营店', en: 'Jibu Sports' },
        price: 359.0,
        qty: 1,
        thumb: { char: '鞋', hue: 15 },
      },
    },
    {
      order: {
        id: '4187720054813395561',
        category: 'washing_machine',
        status: 'closed',
        successAt: ago(35, 8),
      },
      display: {
        title: { zh: '澄净 10公斤 滚筒洗衣机 洗烘一体（已退款）', en: 'Chengjing 10 kg washer-dryer (refunded)' },
        shop: { zh: '澄净家电专卖店', en: 'Chengjing Appliances' },
        statusText: 'closed',
        price: 2199.0,
        qty: 1,
        thumb: { char: '洗', hue: 210 },
      },
    },
  ];
}
