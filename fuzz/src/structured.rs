//! A small structured description of a policy and an order, derived with
//! `arbitrary`, rendered to JSON text for `order_policy`. Most draws render
//! valid inputs (so the fuzzer spends its time in the rules: holidays,
//! make-up workdays, weekends, repair days, parts, parents, promises,
//! offsets, edges of the year range); a selector byte now and then renders a
//! wrong one (a cycle, an unknown parent, a negative or absurd count, a
//! malformed date, a workday that is also a holiday) for the error paths.
//!
//! Now and then a draw adds **large parts** at the contract's limits (§8,
//! Limits): a parent chain around and past the line limit of 64 (now and then
//! thousands long), a wide tree of thousands of categories, more categories
//! than 200,000, `holidays` and `workdays` lists at and just past 100,000
//! dates, an order with around 100 merchant promises. Each comes with what it
//! must give when the rest of the case is valid ([`Rendered::policy_expect`],
//! [`Rendered::promises`]), and the lists past their limit are named
//! ([`Rendered::long_policy_lists`]) so a target can check that their length
//! alone decides ([`Json::Long`](shouhoubao::internals::Json::Long)).
//!
//! Cost, and `SHOUHOUBAO_FUZZ_LARGE`: every large list is capped at
//! **2,000 entries by default**, which keeps the chains around 64, wide
//! trees of 2,000 categories and the ~100 promises at their real sizes. The
//! full sizes (`SHOUHOUBAO_FUZZ_LARGE=full`) render up to about 4 MB of JSON
//! text for one input (200,001 categories; two lists of 100,000 dates: 2.6
//! MB), 40–400 ms an iteration in a release build: measured on the
//! instrumented `order_policy` binary (libFuzzer, one core), about 90
//! executions a second with them against 1,100 with the default cap and
//! 17,000 without large parts (`SHOUHOUBAO_FUZZ_LARGE=0`); any other whole
//! number N caps at N. Under the default cap the lists past 100,000 dates
//! and 200,000 categories are not rendered; the target still checks those
//! limits on every case through the value the JS glue hands over for them
//! ([`Json::Long`](shouhoubao::internals::Json::Long)).

use arbitrary::Arbitrary;
use chrono::{DateTime, FixedOffset, NaiveDate};
use shouhoubao::internals::MAX_LINE;
use shouhoubao::internals::{DAY_MS, MAX_INSTANT_MS, MIN_INSTANT_MS};
use shouhoubao::internals::{MAX_CATEGORIES, MAX_DATES, MAX_PROMISES};
use std::fmt::Write as _;

/// Category names tried first: plain, parent-like, odd (JS-hostile, empty,
/// CJK, needing escapes). Beyond these, `c{i}`.
const NAMES: [&str; 10] = [
    "apparel",
    "3c_digital",
    "mobile_phone",
    "flowers",
    "home_appliance",
    "__proto__",
    "",
    "家电",
    "a\"b\\c\n\u{1}",
    "constructor",
];
const PARTS: [&str; 6] = ["battery", "charger", "main_parts", "frame", "", "__proto__"];
const MAX_SMALL_CATEGORIES: usize = 12;
const MAX_HOLIDAYS: usize = 64;
const MAX_PARTS: usize = 6;
const MAX_SMALL_PROMISES: usize = 6;

/// The longest parent chain drawn (the check must stay linear in it).
const MAX_CHAIN: usize = 5_000;
/// The most categories of a wide tree (thousands, bounded so one iteration stays fast).
const MAX_WIDE: usize = 5_000;
/// Names of the large parts start with this (no small category's does, unless
/// a fuzzer-chosen rename copies it: then no outcome is predicted).
pub const LARGE_PREFIX: &str = "\u{2603}";

/// The default cap on every large list (see the module notes).
pub const DEFAULT_LARGE_CAP: usize = 2_000;

/// The cap on every large list: `SHOUHOUBAO_FUZZ_LARGE` — `full` for none,
/// a whole number, or unset (or unreadable) for [`DEFAULT_LARGE_CAP`].
pub fn large_cap() -> usize {
    static CAP: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    *CAP.get_or_init(|| match std::env::var("SHOUHOUBAO_FUZZ_LARGE") {
        Ok(v) if v.trim() == "full" => usize::MAX,
        Ok(v) => v.trim().parse().unwrap_or(DEFAULT_LARGE_CAP),
        Err(_) => DEFAULT_LARGE_CAP,
    })
}

#[derive(Arbitrary, Debug)]
pub struct Case {
    /// The instant everything else is placed around.
    pub base: Base,
    pub policy: PolicyDesc,
    pub order: OrderDesc,
    pub now: Time,
    pub english: bool,
}

#[derive(Arbitrary, Debug)]
pub enum Base {
    /// 2015-01-01T00:00:00Z plus this many seconds (about 136 years).
    Recent(u32),
    /// Anywhere in years 0001–9999.
    Anywhere(i64),
    /// Days before the end of year 9999.
    NearEnd(u16),
    /// Days after the start of year 0001.
    NearStart(u16),
}

#[derive(Arbitrary, Debug)]
pub struct PolicyDesc {
    pub version: Option<String>,
    pub offset: Option<Offset>,
    /// Days from the base date.
    pub holidays: Option<Vec<i16>>,
    /// 255: a malformed holiday at the end.
    pub bad_holiday: u8,
    /// Make-up workdays, days from the base date (a holiday among them is an error).
    pub workdays: Option<Vec<i16>>,
    pub weekends: Option<Flag>,
    /// `holidaysPublishedThrough`: selector < 240 the base date plus `days`,
    /// otherwise a malformed or impossible date.
    pub published: Option<(u8, i16)>,
    pub entry_days: Num,
    pub no_reason_return_days: Option<Num>,
    pub categories: Option<Vec<CategoryDesc>>,
    /// Large parts, drawn when the selector is 224 or more.
    pub large: Option<LargeDesc>,
}

/// Large parts of a policy (rendered only when `selector` ≥ 224 and
/// `SHOUHOUBAO_FUZZ_LARGE` is not 0). Their categories come after the small
/// ones, named `LARGE_PREFIX…`.
#[derive(Arbitrary, Debug)]
pub struct LargeDesc {
    pub selector: u8,
    pub chain: Option<ChainDesc>,
    pub tree: Option<TreeDesc>,
    /// When either list is given, both `holidays` and `workdays` are the
    /// large ones (an absent one empty): holidays from 1800-01-01 on, workdays
    /// from 2100-01-01 on, one a day, so they never meet.
    pub holidays: Option<ListSize>,
    pub workdays: Option<ListSize>,
}

/// A parent chain: each link the parent of the next.
#[derive(Arbitrary, Debug)]
pub struct ChainDesc {
    /// Its length: selector < 160 58–70 (around the limit: from a root, a
    /// chain of 64 builds and one of 65 does not); < 240 1–300; otherwise
    /// up to `MAX_CHAIN`.
    pub selector: u8,
    pub len: u16,
    /// < 128, or no small categories: the first link is a root; otherwise its
    /// parent is the small category `attach` (modulo their number), whose
    /// line adds to the chain's.
    pub attach: u8,
    /// Children before parents in document order.
    pub reversed: bool,
    /// The first link sets `entryDays` and 三包 (inherited down the line).
    pub settings: bool,
}

/// A wide tree: `roots` roots (1–20), each with `fan[k]` children (1–50)
/// per node at level k + 1, `levels` levels (1–4, the roots included); at
/// most `MAX_WIDE` categories, in depth-first document order.
#[derive(Arbitrary, Debug)]
pub struct TreeDesc {
    pub roots: u8,
    pub fan: [u8; 3],
    pub levels: u8,
    /// Bit 0: the roots set `entryDays`; bit 1: level 2 sets 三包 with a part;
    /// bit 2: leaves set `noReasonReturn: false`.
    pub settings: u8,
    /// ≥ 250: flat categories after the tree, up to 1–3 past the limit of
    /// 200,000 categories (when the cap allows).
    pub over: u8,
}

/// The length of a long list against its limit: selector < 96 the limit
/// −3 to +3; < 176 up to the limit; < 240 under 1,000; otherwise past the
/// limit by up to `value`. `first_bad`: its first entry malformed (an error
/// at `[0]` within the limit; past it, the length alone decides).
#[derive(Arbitrary, Debug)]
pub struct ListSize {
    pub selector: u8,
    pub value: u32,
    pub first_bad: bool,
}

/// < 240: `value` folded into −720..=840; < 252: `value` as is (mostly
/// out of range); otherwise a wild value.
#[derive(Arbitrary, Debug)]
pub struct Offset {
    pub selector: u8,
    pub value: i16,
}

#[derive(Arbitrary, Debug)]
pub struct CategoryDesc {
    /// A name replacing the generated one when not empty (may duplicate
    /// another: a JSON error).
    pub rename: Option<String>,
    pub parent: Option<Parent>,
    pub entry_days: Option<Num>,
    pub no_reason_return: Option<Flag>,
    pub three_guarantees: Option<ThreeGuaranteesDesc>,
    pub long_discovery_days: Option<Num>,
}

#[derive(Arbitrary, Debug)]
pub struct Parent {
    /// < 232: an earlier category (no cycle); < 248: any category (maybe a
    /// cycle, maybe itself); otherwise a name nobody has.
    pub selector: u8,
    pub index: u8,
}

/// < 250: `value`; otherwise a wild value.
#[derive(Arbitrary, Debug)]
pub struct Flag {
    pub selector: u8,
    pub value: bool,
}

#[derive(Arbitrary, Debug)]
pub struct ThreeGuaranteesDesc {
    pub return_days: Num,
    pub exchange_days: Num,
    pub warranty_months: Months,
    pub parts: Option<Vec<(u8, Months)>>,
    /// 0: all present; 1–3: leave out returnDays / exchangeDays / warrantyMonths.
    pub missing: u8,
}

/// A day count. Selector < 128: under 100 days; < 248: up to 36,600 (a
/// few over the 36,525-day limit); otherwise a wild value.
#[derive(Arbitrary, Debug)]
pub struct Num {
    pub selector: u8,
    pub value: u16,
}

/// A month count. Selector < 128: up to 60; < 248: up to 1,210 (a few over
/// the 1,200-month limit); otherwise a wild value.
#[derive(Arbitrary, Debug)]
pub struct Months {
    pub selector: u8,
    pub value: u16,
}

#[derive(Arbitrary, Debug)]
pub struct OrderDesc {
    pub id: Id,
    /// 0–1 pending, 2–12 success, 13–14 closed, 15 something else.
    pub status: u8,
    pub category: CategoryRef,
    pub success_at: Option<Time>,
    pub delivered_at: Option<Time>,
    pub invoice_at: Option<DateDesc>,
    pub repair_days: Option<Num>,
    pub exchanged_at: Option<DateDesc>,
    pub promises: Option<Vec<PromiseDesc>>,
    /// Around 100 merchant promises (the limit; at most 200), valid but for
    /// a malformed first one now and then, replacing `promises`: drawn when
    /// its selector is 200 or more.
    pub many_promises: Option<(u8, ListSize)>,
}

/// < 240: "F1"; < 248: `text`; < 252: a number (an error); otherwise missing.
#[derive(Arbitrary, Debug)]
pub struct Id {
    pub selector: u8,
    pub text: String,
}

/// < 208: a category of the policy, by index (modulo their number);
/// otherwise `name` (mostly unknown: the top-level defaults).
#[derive(Arbitrary, Debug)]
pub struct CategoryRef {
    pub selector: u8,
    pub index: u8,
    pub name: String,
}

/// An instant, around the base or anywhere, in the forms the contract accepts.
///
/// Selector: < 200 the base plus `days` and `ms` (under a day); < 240 the
/// base plus `raw` as an i32 of milliseconds; < 248 `raw` as is (mostly out
/// of range); 248–251 the range's first and last millisecond and one past
/// each; otherwise the base itself.
#[derive(Arbitrary, Debug)]
pub struct Time {
    pub selector: u8,
    pub days: i16,
    pub ms: u32,
    pub raw: i64,
    pub form: TimeForm,
}

/// Selector: < 120 epoch milliseconds as a JSON number (with a fraction
/// `.n` when `fraction` % 4 == 0); < 248 RFC 3339 in an offset (`offset_min`
/// folded into ±23:59), fraction of 0, 3, 9 or any digits, `T`/`t`/space,
/// `Z`/`z` for UTC; < 252 a bare date (wrong for successAt and deliveredAt);
/// otherwise something that is not an instant.
#[derive(Arbitrary, Debug)]
pub struct TimeForm {
    pub selector: u8,
    pub offset_min: i16,
    pub fraction: u8,
    pub separator: u8,
}

/// Selector: < 150 `YYYY-MM-DD`, `days` from the base date; < 250 an
/// instant standing for its date; otherwise a malformed or impossible date.
#[derive(Arbitrary, Debug)]
pub struct DateDesc {
    pub selector: u8,
    pub days: i16,
    pub time: Time,
}

#[derive(Arbitrary, Debug)]
pub struct PromiseDesc {
    /// 0–84 return, 85–169 exchange, 170–254 repair, 255 unknown.
    pub service: u8,
    pub days: Option<Num>,
    pub months: Option<Months>,
    /// 0–84 success, 85–169 delivery, 170–254 invoice, 255 unknown.
    pub from: u8,
}

/// The case as JSON texts and a `now` in raw epoch milliseconds, with what
/// its large parts must give.
pub struct Rendered {
    pub policy: String,
    pub order: String,
    pub now: Option<f64>,
    /// The policy without its large parts, when it has some.
    pub base_policy: Option<String>,
    /// When `base_policy` builds: `None` if the policy must build too, else
    /// the path of its `INVALID_POLICY` error. Not set when no outcome is
    /// predicted (no large parts, or a small name that copies theirs).
    pub policy_expect: Option<Option<String>>,
    /// The top-level lists of the policy past their limits, with their
    /// lengths (`categories`, `holidays`, `workdays`).
    pub long_policy_lists: Vec<(&'static str, usize)>,
    /// Categories of the policy, small and large.
    pub category_count: usize,
    /// When the order has many promises: the order without any, and them.
    pub promises: Option<ManyPromises>,
}

/// An order's many merchant promises, and the same order without them.
pub struct ManyPromises {
    pub base_order: String,
    pub count: usize,
    pub first_bad: bool,
}

impl ManyPromises {
    /// The `INVALID_ORDER` path the order must give, from what the order
    /// without promises gave: its fault when it was one of a field read
    /// before `merchantPromises` (not `successAt` required for `"success"`,
    /// a check between fields that comes after every field); otherwise
    /// `merchantPromises` past the limit (by the count alone), else
    /// `merchantPromises[0]` for a malformed first one; `None`: it answers.
    pub fn expect(&self, base_fault: Option<&str>, success_at_given: bool) -> Option<String> {
        match base_fault {
            Some(path) if path != "successAt" || success_at_given => Some(path.to_owned()),
            _ if self.count > MAX_PROMISES => Some("merchantPromises".to_owned()),
            _ if self.first_bad && self.count > 0 => Some("merchantPromises[0]".to_owned()),
            fault => fault.map(str::to_owned),
        }
    }
}

impl Case {
    /// The case rendered, its large lists within [`large_cap`].
    pub fn render(&self) -> Rendered {
        self.render_capped(large_cap())
    }

    /// The case rendered, its large lists at most `cap` long.
    pub fn render_capped(&self, cap: usize) -> Rendered {
        let base = self.base.millis();
        let names = self.policy.category_names();
        let large = self.policy.large_plan(&names, cap);
        let (order, promises) = self.order.render_all(base, &names, cap);
        Rendered {
            policy: self.policy.render(base, &names, large.as_ref()),
            order,
            now: self.now.millis(base),
            base_policy: large
                .as_ref()
                .map(|_| self.policy.render(base, &names, None)),
            policy_expect: large.as_ref().and_then(LargePlan::expect),
            long_policy_lists: large.as_ref().map_or_else(Vec::new, LargePlan::long_lists),
            category_count: names.len() + large.as_ref().map_or(0, LargePlan::category_count),
            promises,
        }
    }
}

impl ListSize {
    /// The length against `limit`, within `cap`.
    fn len(&self, limit: usize, cap: usize) -> usize {
        let v = self.value as usize;
        let n = match self.selector {
            0..=95 => (limit + v % 7).saturating_sub(3),
            96..=175 => v % (limit + 1),
            176..=239 => v % 1_000,
            _ => limit + 1 + v % limit.max(1),
        };
        n.min(cap)
    }
}

/// A parent chain, sized.
#[derive(Clone, Copy)]
struct ChainPlan {
    len: usize,
    /// The small category it hangs from (its index) and that one's line.
    attach: Option<(usize, usize)>,
    /// Children before parents in document order.
    reversed: bool,
    /// `entryDays` and 三包 on its first link.
    settings: bool,
}

/// A wide tree, sized (see [`TreeDesc`]).
#[derive(Clone, Copy)]
struct TreePlan {
    roots: usize,
    fan: [usize; 3],
    levels: usize,
    settings: u8,
    /// Categories it renders.
    size: usize,
}

/// The large parts of one policy, sized.
pub struct LargePlan {
    chain: Option<ChainPlan>,
    tree: Option<TreePlan>,
    /// Flat categories past the limit of categories.
    flat: usize,
    /// Dates: holidays, workdays, each (length, first malformed).
    dates: Option<((usize, bool), (usize, bool))>,
    /// Whether any small name starts with `LARGE_PREFIX` (no prediction).
    clash: bool,
    small_categories: usize,
}

/// The number of categories the tree renders: its fans halved, widest
/// first, until it holds at most `max`; then (all fans 1) cut at `max`, the
/// depth-first rendering stopping there.
fn tree_size(roots: usize, fan: &mut [usize; 3], levels: usize, max: usize) -> usize {
    let inner = levels.saturating_sub(1).min(fan.len());
    loop {
        let mut per_root = 1;
        let mut width = 1;
        for f in &fan[..inner] {
            width *= f;
            per_root += width;
        }
        let size = roots * per_root;
        match fan[..inner].iter_mut().max_by_key(|f| **f) {
            Some(f) if size > max && *f > 1 => *f /= 2,
            _ => return size.min(max),
        }
    }
}

impl LargePlan {
    fn category_count(&self) -> usize {
        self.chain.map_or(0, |c| c.len) + self.tree.map_or(0, |t| t.size) + self.flat
    }

    /// What the policy with these parts must give when the same policy
    /// without them builds: reading order (§8) holidays, workdays, then the
    /// count of categories, then (the small ones being sound and the large
    /// ones well formed) the line limit, reported at the chain's first link
    /// past it (its name sorts first among those: zero-padded indices).
    fn expect(&self) -> Option<Option<String>> {
        if self.clash {
            return None;
        }
        if let Some(((h, h_bad), (w, w_bad))) = self.dates {
            if h > MAX_DATES {
                return Some(Some("holidays".to_owned()));
            }
            if h_bad && h > 0 {
                return Some(Some("holidays[0]".to_owned()));
            }
            if w > MAX_DATES {
                return Some(Some("workdays".to_owned()));
            }
            if w_bad && w > 0 {
                return Some(Some("workdays[0]".to_owned()));
            }
        }
        if self.small_categories + self.category_count() > MAX_CATEGORIES {
            return Some(Some("categories".to_owned()));
        }
        if let Some(ChainPlan { len, attach, .. }) = self.chain {
            let above = attach.map_or(0, |(_, line)| line);
            // Link i's line: above + i + 1.
            if above + len > MAX_LINE {
                let first = MAX_LINE.saturating_sub(above);
                // The names hold a `.`: bracketed, as contract 3 §7 writes them.
                return Some(Some(format!("categories[{:?}].parent", chain_name(first))));
            }
        }
        Some(None)
    }

    fn long_lists(&self) -> Vec<(&'static str, usize)> {
        let mut lists = Vec::new();
        let count = self.small_categories + self.category_count();
        if count > MAX_CATEGORIES {
            lists.push(("categories", count));
        }
        if let Some(((h, _), (w, _))) = self.dates {
            if h > MAX_DATES {
                lists.push(("holidays", h));
            }
            if w > MAX_DATES {
                lists.push(("workdays", w));
            }
        }
        lists
    }
}

fn chain_name(i: usize) -> String {
    format!("{LARGE_PREFIX}chain.{i:05}")
}

fn tree_name(path: &[usize]) -> String {
    let mut name = format!("{LARGE_PREFIX}tree");
    for i in path {
        let _ = write!(name, ".{i}");
    }
    name
}

/// `YYYY-MM-DD` of the day `days` after `from` (a day number since 1970).
fn day_text(from: i64, days: usize) -> String {
    date_text(0, from + days as i64)
}

impl Base {
    fn millis(&self) -> i64 {
        const Y2015: i64 = 1_420_070_400_000;
        let span = MAX_INSTANT_MS - MIN_INSTANT_MS + 1;
        match *self {
            Base::Recent(s) => Y2015 + i64::from(s) * 1000,
            Base::Anywhere(ms) => MIN_INSTANT_MS + ms.rem_euclid(span),
            Base::NearEnd(d) => MAX_INSTANT_MS - i64::from(d) * DAY_MS,
            Base::NearStart(d) => MIN_INSTANT_MS + i64::from(d) * DAY_MS,
        }
    }
}

/// Appends `s` as a JSON string.
fn push_str(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// Members of a JSON object being written.
struct Obj<'a> {
    out: &'a mut String,
    first: bool,
}

impl<'a> Obj<'a> {
    fn new(out: &'a mut String) -> Obj<'a> {
        out.push('{');
        Obj { out, first: true }
    }
    fn key(&mut self, k: &str) -> &mut String {
        if !self.first {
            self.out.push(',');
        }
        self.first = false;
        push_str(self.out, k);
        self.out.push(':');
        self.out
    }
    fn end(self) {
        self.out.push('}');
    }
}

/// The date `days` after the base's UTC date, as `YYYY-MM-DD` (years
/// outside 0001–9999 come out malformed, which the policy must refuse).
fn date_text(base: i64, days: i64) -> String {
    let day = base.div_euclid(DAY_MS) + days;
    let ce = day + 719_163;
    match i32::try_from(ce)
        .ok()
        .and_then(NaiveDate::from_num_days_from_ce_opt)
    {
        Some(date) => {
            use chrono::Datelike;
            if (1..=9999).contains(&date.year()) {
                date.format("%Y-%m-%d").to_string()
            } else {
                format!("{}-01-01", date.year())
            }
        }
        None => "0000-00-00".to_owned(),
    }
}

const BAD_DATES: [&str; 12] = [
    "2021-02-29",
    "2020-02-30",
    "2021-13-01",
    "2021-1-1",
    "0000-01-01",
    "10000-01-01",
    "2021-07-30T",
    " 2021-07-30",
    "２０２１-07-30",
    "",
    "2021-07-30T11:43:30",
    "9999-12-31",
];

/// A value a whole-number field should refuse (or accept, like `15.0`),
/// chosen by `value`.
fn wild(value: u16, out: &mut String) {
    const FLOATS: [&str; 8] = [
        "1e300",
        "-0.0",
        "0.5",
        "1e-300",
        "9007199254740993",
        "9007199254740992",
        "1.7976931348623157e308",
        "5e-324",
    ];
    let n = value / 10;
    let _ = match value % 10 {
        0 => write!(out, "-{}", n + 1),
        1 => write!(out, "{n}.{}", n % 9 + 1),
        2 => write!(out, "{n}.0"),
        3 => write!(out, "{}", FLOATS[usize::from(n) % FLOATS.len()]),
        4 => write!(out, "{}", u64::from(n) << 40),
        5 => write!(out, "\"{n}\""),
        6 => write!(out, "null"),
        7 => write!(out, "{}", n.is_multiple_of(2)),
        8 => write!(out, "[{n}]"),
        _ => write!(out, "{{}}"),
    };
}

impl Num {
    fn render(&self, out: &mut String) {
        match self.selector {
            0..=127 => {
                let _ = write!(out, "{}", self.value % 100);
            }
            128..=247 => {
                let _ = write!(out, "{}", u32::from(self.value) % 36_601);
            }
            _ => wild(self.value, out),
        }
    }
}

impl Months {
    fn render(&self, out: &mut String) {
        match self.selector {
            0..=127 => {
                let _ = write!(out, "{}", self.value % 61);
            }
            128..=247 => {
                let _ = write!(out, "{}", self.value % 1_211);
            }
            _ => wild(self.value, out),
        }
    }
}

impl Time {
    /// Epoch milliseconds, unchecked (may be out of range).
    fn raw(&self, base: i64) -> i64 {
        match self.selector {
            0..=199 => base
                .saturating_add(i64::from(self.days) * DAY_MS)
                .saturating_add(i64::from(self.ms % 86_400_000)),
            200..=239 => base.saturating_add(i64::from(self.raw as i32)),
            240..=247 => self.raw,
            248 => MIN_INSTANT_MS,
            249 => MAX_INSTANT_MS,
            250 => MIN_INSTANT_MS - 1,
            251 => MAX_INSTANT_MS + 1,
            _ => base,
        }
    }

    /// As `now`: JS-style epoch milliseconds; `None` for no `now` at all.
    fn millis(&self, base: i64) -> Option<f64> {
        let ms = self.raw(base) as f64;
        let f = &self.form;
        match f.selector {
            0..=119 if f.fraction.is_multiple_of(4) => Some(ms + f64::from(f.fraction % 10) / 10.0),
            252 => Some(f64::NAN),
            253 => Some(f64::INFINITY),
            254 => None,
            _ => Some(ms),
        }
    }

    fn render(&self, base: i64, out: &mut String) {
        let ms = self.raw(base);
        let f = &self.form;
        match f.selector {
            0..=119 => {
                let _ = write!(out, "{ms}");
                if f.fraction.is_multiple_of(4) {
                    let _ = write!(out, ".{}", f.fraction % 10);
                }
            }
            120..=247 => {
                let minutes = i32::from(f.offset_min) % (24 * 60);
                let text = FixedOffset::east_opt(minutes * 60)
                    .zip(DateTime::from_timestamp_millis(ms))
                    .map(|(zone, utc)| {
                        let local = utc.with_timezone(&zone);
                        let sep = match f.separator % 3 {
                            0 => "T",
                            1 => "t",
                            _ => " ",
                        };
                        let frac = match f.fraction % 4 {
                            0 => "",
                            1 => "%.3f",
                            2 => "%.9f",
                            _ => "%.f",
                        };
                        let zone = match (minutes, f.separator & 12) {
                            (0, 4) => "Z",
                            (0, 8) => "z",
                            _ => "%:z",
                        };
                        local
                            .format(&format!("%Y-%m-%d{sep}%H:%M:%S{frac}{zone}"))
                            .to_string()
                    })
                    .unwrap_or_else(|| "not a time".to_owned());
                push_str(out, &text);
            }
            248..=251 => push_str(out, &date_text(ms, 0)),
            _ => match f.fraction % 6 {
                0 => out.push_str("null"),
                1 => out.push_str("true"),
                2 => push_str(out, "2021-07-30T11:43:30"),
                3 => push_str(out, "2021-07-30T23:59:60+08:00"),
                4 => push_str(out, "2021-07-30T11:43:30+24:00"),
                _ => out.push_str("{}"),
            },
        }
    }
}

impl DateDesc {
    fn render(&self, base: i64, out: &mut String) {
        match self.selector {
            0..=149 => push_str(out, &date_text(base, i64::from(self.days))),
            150..=249 => self.time.render(base, out),
            _ => push_str(
                out,
                BAD_DATES[self.days.unsigned_abs() as usize % BAD_DATES.len()],
            ),
        }
    }
}

impl PolicyDesc {
    fn categories(&self) -> &[CategoryDesc] {
        match &self.categories {
            Some(list) => &list[..list.len().min(MAX_SMALL_CATEGORIES)],
            None => &[],
        }
    }

    /// The large parts this policy renders, sized; `None` for none.
    pub fn large_plan(&self, names: &[String], cap: usize) -> Option<LargePlan> {
        let large = self.large.as_ref().filter(|l| l.selector >= 224)?;
        if cap == 0 {
            return None;
        }
        let small = self.categories();
        let chain = large.chain.as_ref().map(|c| {
            let v = usize::from(c.len);
            let len = match c.selector {
                0..=159 => 58 + v % 13,
                160..=239 => 1 + v % 300,
                _ => 1 + v % MAX_CHAIN,
            }
            .min(cap)
            .max(1);
            let attach = (c.attach >= 128 && !small.is_empty()).then(|| {
                let i = usize::from(c.attach) % small.len();
                (i, small_line(small, names, i))
            });
            ChainPlan {
                len,
                attach,
                reversed: c.reversed,
                settings: c.settings,
            }
        });
        let tree = large.tree.as_ref().map(|t| {
            let roots = 1 + usize::from(t.roots) % 20;
            let levels = 1 + usize::from(t.levels) % 4;
            let mut fan = t.fan.map(|f| 1 + usize::from(f) % 50);
            let size = tree_size(roots, &mut fan, levels, MAX_WIDE.min(cap).max(1));
            TreePlan {
                roots,
                fan,
                levels,
                settings: t.settings,
                size,
            }
        });
        let mut plan = LargePlan {
            chain,
            tree,
            flat: 0,
            dates: None,
            clash: names.iter().any(|n| n.starts_with(LARGE_PREFIX)),
            small_categories: small.len(),
        };
        if large.tree.as_ref().is_some_and(|t| t.over >= 250) {
            let want =
                MAX_CATEGORIES + 1 + usize::from(large.tree.as_ref().map_or(0, |t| t.over)) % 3;
            plan.flat = want
                .saturating_sub(small.len() + plan.category_count())
                .min(cap);
        }
        if large.holidays.is_some() || large.workdays.is_some() {
            let size = |l: &Option<ListSize>| {
                l.as_ref()
                    .map_or((0, false), |l| (l.len(MAX_DATES, cap), l.first_bad))
            };
            plan.dates = Some((size(&large.holidays), size(&large.workdays)));
        }
        Some(plan)
    }

    fn category_names(&self) -> Vec<String> {
        self.categories()
            .iter()
            .enumerate()
            .map(|(i, c)| match &c.rename {
                Some(name) if !name.is_empty() => name.clone(),
                _ => NAMES
                    .get(i)
                    .map_or_else(|| format!("c{i}"), |n| (*n).to_owned()),
            })
            .collect()
    }

    fn render(&self, base: i64, names: &[String], large: Option<&LargePlan>) -> String {
        let mut out = String::with_capacity(large.map_or(1024, |l| 1024 + 40 * l.category_count()));
        let mut o = Obj::new(&mut out);
        match &self.version {
            Some(v) => push_str(o.key("version"), v),
            None => push_str(o.key("version"), "fuzz-1"),
        }
        if let Some(offset) = &self.offset {
            let out = o.key("utcOffsetMinutes");
            let m = offset.value;
            match offset.selector {
                0..=239 => {
                    let _ = write!(out, "{}", i32::from(m).rem_euclid(1561) - 720);
                }
                240..=251 => {
                    let _ = write!(out, "{m}");
                }
                _ => wild(m.unsigned_abs(), out),
            }
        }
        if let Some(((h, h_bad), (w, w_bad))) = large.and_then(|l| l.dates) {
            // 1800-01-01 and 2100-01-01 as day numbers since 1970.
            date_list(o.key("holidays"), -62_091, h, h_bad);
            date_list(o.key("workdays"), 47_482, w, w_bad);
        } else {
            self.render_dates(base, &mut o);
        }
        if let Some(flag) = &self.weekends {
            let out = o.key("weekends");
            match flag.selector {
                0..=249 => out.push_str(if flag.value { "true" } else { "false" }),
                n => wild(u16::from(n), out),
            }
        }
        if let Some((selector, days)) = self.published {
            let text = match selector {
                0..=239 => date_text(base, i64::from(days)),
                _ => BAD_DATES[days.unsigned_abs() as usize % BAD_DATES.len()].to_owned(),
            };
            push_str(o.key("holidaysPublishedThrough"), &text);
        }
        self.entry_days.render(o.key("entryDays"));
        if let Some(n) = &self.no_reason_return_days {
            n.render(o.key("noReasonReturnDays"));
        }
        if self.categories.is_some() || large.is_some_and(|l| l.category_count() > 0) {
            let out = o.key("categories");
            let mut cats = Obj::new(out);
            for (i, c) in self.categories().iter().enumerate() {
                c.render(i, names, cats.key(&names[i]));
            }
            if let Some(large) = large {
                large.render_categories(names, &mut cats);
            }
            cats.end();
        }
        o.end();
        out
    }

    /// The small `holidays` and `workdays`.
    fn render_dates(&self, base: i64, o: &mut Obj<'_>) {
        let bad_holiday = self.bad_holiday == 255;
        if self.holidays.is_some() || bad_holiday {
            let out = o.key("holidays");
            out.push('[');
            let days = self.holidays.as_deref().unwrap_or(&[]);
            for (i, d) in days.iter().take(MAX_HOLIDAYS).enumerate() {
                if i > 0 {
                    out.push(',');
                }
                push_str(out, &date_text(base, i64::from(*d)));
            }
            if bad_holiday {
                if !days.is_empty() {
                    out.push(',');
                }
                let which = days.first().map_or(0, |d| d.unsigned_abs() as usize);
                push_str(out, BAD_DATES[which % BAD_DATES.len()]);
            }
            out.push(']');
        }
        if let Some(days) = &self.workdays {
            let out = o.key("workdays");
            out.push('[');
            for (i, d) in days.iter().take(MAX_HOLIDAYS).enumerate() {
                if i > 0 {
                    out.push(',');
                }
                push_str(out, &date_text(base, i64::from(*d)));
            }
            out.push(']');
        }
    }
}

/// A list of `n` dates, one a day from day number `from`; the first one
/// malformed when `first_bad`.
fn date_list(out: &mut String, from: i64, n: usize, first_bad: bool) {
    out.reserve(n * 13);
    out.push('[');
    for i in 0..n {
        if i > 0 {
            out.push(',');
        }
        if i == 0 && first_bad {
            push_str(out, "2021-02-29");
        } else {
            push_str(out, &day_text(from, i));
        }
    }
    out.push(']');
}

/// The line of small category `i` (itself and its ancestors), following
/// parents by name; bounded by their number (a cycle or an unknown parent
/// makes the small policy fail, and then nothing is predicted).
fn small_line(small: &[CategoryDesc], names: &[String], i: usize) -> usize {
    let mut line = 1;
    let mut at = i;
    while let Some(parent) = small.get(at).and_then(|c| c.parent_name(at, names)) {
        match names.iter().position(|n| *n == parent) {
            Some(p) if line <= small.len() => {
                at = p;
                line += 1;
            }
            _ => break,
        }
    }
    line
}

impl LargePlan {
    /// The large categories, after the small ones: the chain, the tree, the flat ones.
    fn render_categories(&self, names: &[String], cats: &mut Obj<'_>) {
        if let Some(ChainPlan {
            len,
            attach,
            reversed,
            settings,
        }) = self.chain
        {
            let link = |cats: &mut Obj<'_>, i: usize| {
                let mut o = Obj::new(cats.key(&chain_name(i)));
                match (i, attach) {
                    (0, Some((a, _))) => push_str(o.key("parent"), &names[a]),
                    (0, None) => {}
                    _ => push_str(o.key("parent"), &chain_name(i - 1)),
                }
                if i == 0 && settings {
                    o.key("entryDays").push_str("180");
                    o.key("threeGuarantees").push_str(
                        r#"{"returnDays":7,"exchangeDays":15,"warrantyMonths":12,"parts":{"battery":6}}"#,
                    );
                }
                o.end();
            };
            if reversed {
                (0..len).rev().for_each(|i| link(cats, i));
            } else {
                (0..len).for_each(|i| link(cats, i));
            }
        }
        if let Some(t) = self.tree {
            let mut left = t.size;
            let mut path = Vec::with_capacity(4);
            for r in 0..t.roots {
                path.clear();
                path.push(r);
                tree_node(cats, &mut path, &t.fan, t.levels, t.settings, &mut left);
            }
        }
        for i in 0..self.flat {
            let _ = write!(cats.key(&format!("{LARGE_PREFIX}flat.{i}")), "{{}}");
        }
    }
}

/// One node of the wide tree at `path` and its subtree, while `left` lasts.
fn tree_node(
    cats: &mut Obj<'_>,
    path: &mut Vec<usize>,
    fan: &[usize; 3],
    levels: usize,
    settings: u8,
    left: &mut usize,
) {
    if *left == 0 {
        return;
    }
    *left -= 1;
    let level = path.len();
    let mut o = Obj::new(cats.key(&tree_name(path)));
    if level > 1 {
        push_str(o.key("parent"), &tree_name(&path[..level - 1]));
    }
    if level == 1 && settings & 1 != 0 {
        o.key("entryDays").push_str("180");
    }
    if level == 2 && settings & 2 != 0 {
        o.key("threeGuarantees").push_str(
            r#"{"returnDays":7,"exchangeDays":15,"warrantyMonths":12,"parts":{"battery":6}}"#,
        );
    }
    if level == levels && level > 1 && settings & 4 != 0 {
        o.key("noReasonReturn").push_str("false");
    }
    o.end();
    if level < levels {
        for i in 0..fan[level - 1] {
            path.push(i);
            tree_node(cats, path, fan, levels, settings, left);
            path.pop();
        }
    }
}

impl CategoryDesc {
    /// The parent category `i` names, if any.
    fn parent_name<'n>(&self, i: usize, names: &'n [String]) -> Option<&'n str> {
        let p = self.parent.as_ref()?;
        match p.selector {
            // The first category has no earlier one: no parent.
            0..=231 if i == 0 => None,
            0..=231 => Some(&names[usize::from(p.index) % i]),
            232..=247 => Some(&names[usize::from(p.index) % names.len()]),
            _ => Some("no_such_parent"),
        }
    }

    fn render(&self, i: usize, names: &[String], out: &mut String) {
        let mut o = Obj::new(out);
        if let Some(parent) = self.parent_name(i, names) {
            push_str(o.key("parent"), parent);
        }
        if let Some(n) = &self.entry_days {
            n.render(o.key("entryDays"));
        }
        if let Some(flag) = &self.no_reason_return {
            let out = o.key("noReasonReturn");
            match flag.selector {
                0..=249 => out.push_str(if flag.value { "true" } else { "false" }),
                n => wild(u16::from(n), out),
            }
        }
        if let Some(tg) = &self.three_guarantees {
            tg.render(o.key("threeGuarantees"));
        }
        if let Some(n) = &self.long_discovery_days {
            n.render(o.key("longDiscoveryDays"));
        }
        o.end();
    }
}

impl ThreeGuaranteesDesc {
    fn render(&self, out: &mut String) {
        let mut o = Obj::new(out);
        let missing = self.missing % 16;
        if missing != 1 {
            self.return_days.render(o.key("returnDays"));
        }
        if missing != 2 {
            self.exchange_days.render(o.key("exchangeDays"));
        }
        if missing != 3 {
            self.warranty_months.render(o.key("warrantyMonths"));
        }
        if let Some(parts) = &self.parts {
            let out = o.key("parts");
            let mut p = Obj::new(out);
            let mut seen = Vec::new();
            for (name, months) in parts.iter().take(MAX_PARTS) {
                let name = PARTS[usize::from(*name) % PARTS.len()];
                // A repeated key is a JSON error: only now and then.
                if seen.contains(&name) && missing != 4 {
                    continue;
                }
                seen.push(name);
                months.render(p.key(name));
            }
            p.end();
        }
        o.end();
    }
}

impl OrderDesc {
    /// The order, and when it has many promises, the same order without any.
    fn render_all(
        &self,
        base: i64,
        names: &[String],
        cap: usize,
    ) -> (String, Option<ManyPromises>) {
        let many = self
            .many_promises
            .as_ref()
            .filter(|(selector, _)| *selector >= 200 && cap > 0)
            .map(|(_, size)| {
                let count = size.len(MAX_PROMISES, cap);
                (count, size.first_bad, size.value)
            });
        match many {
            None => (self.render(base, names, None), None),
            Some((count, first_bad, seed)) => (
                self.render(base, names, Some(Promises::Many(count, first_bad, seed))),
                Some(ManyPromises {
                    base_order: self.render(base, names, Some(Promises::None)),
                    count,
                    first_bad,
                }),
            ),
        }
    }

    fn render(&self, base: i64, names: &[String], promises: Option<Promises>) -> String {
        let mut out = String::with_capacity(512);
        let mut o = Obj::new(&mut out);
        match self.id.selector {
            0..=239 => push_str(o.key("id"), "F1"),
            240..=247 => push_str(o.key("id"), &self.id.text),
            248..=251 => {
                let _ = write!(o.key("id"), "{}", self.id.text.len());
            }
            _ => {}
        }
        let c = &self.category;
        let category = match c.selector {
            0..=207 if !names.is_empty() => names[usize::from(c.index) % names.len()].clone(),
            0..=207 => "apparel".to_owned(),
            _ => c.name.clone(),
        };
        push_str(o.key("category"), &category);
        let status = match self.status % 16 {
            0..=1 => "pending",
            2..=12 => "success",
            13..=14 => "closed",
            _ => "Success",
        };
        push_str(o.key("status"), status);
        if let Some(t) = &self.success_at {
            t.render(base, o.key("successAt"));
        } else if self.status % 16 >= 2 && self.status % 16 <= 9 {
            // Most successful orders carry successAt: the base itself.
            let _ = write!(o.key("successAt"), "{base}");
        }
        if let Some(t) = &self.delivered_at {
            t.render(base, o.key("deliveredAt"));
        }
        if let Some(d) = &self.invoice_at {
            d.render(base, o.key("invoiceAt"));
        }
        if let Some(n) = &self.repair_days {
            n.render(o.key("repairDays"));
        }
        if let Some(d) = &self.exchanged_at {
            d.render(base, o.key("exchangedAt"));
        }
        match (promises, &self.promises) {
            (Some(Promises::None), _) | (None, None) => {}
            (None, Some(promises)) => {
                let out = o.key("merchantPromises");
                out.push('[');
                for (i, p) in promises.iter().take(MAX_SMALL_PROMISES).enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    p.render(out);
                }
                out.push(']');
            }
            (Some(Promises::Many(count, first_bad, seed)), _) => {
                many_promises(o.key("merchantPromises"), count, first_bad, seed);
            }
        }
        o.end();
        out
    }
}

/// Which merchant promises an order is rendered with, instead of its own.
#[derive(Clone, Copy)]
enum Promises {
    None,
    /// `count` valid promises varied by `seed` (the first malformed when set).
    Many(usize, bool, u32),
}

/// `count` valid merchant promises: services, anchors and days or months in
/// turn, counts within their limits.
fn many_promises(out: &mut String, count: usize, first_bad: bool, seed: u32) {
    const SERVICES: [&str; 3] = ["return", "exchange", "repair"];
    const FROM: [&str; 3] = ["success", "delivery", "invoice"];
    out.push('[');
    for i in 0..count {
        if i > 0 {
            out.push(',');
        }
        if i == 0 && first_bad {
            out.push_str("\"not a promise\"");
            continue;
        }
        let k = (seed as usize).wrapping_add(i.wrapping_mul(7));
        let _ = if k % 2 == 0 {
            write!(
                out,
                r#"{{"service":"{}","days":{},"from":"{}"}}"#,
                SERVICES[k % 3],
                k % 36_526,
                FROM[(k / 3) % 3]
            )
        } else {
            write!(
                out,
                r#"{{"service":"{}","months":{},"from":"{}"}}"#,
                SERVICES[k % 3],
                k % 1_201,
                FROM[(k / 3) % 3]
            )
        };
    }
    out.push(']');
}

impl PromiseDesc {
    fn render(&self, out: &mut String) {
        let mut o = Obj::new(out);
        let service = match self.service {
            0..=84 => "return",
            85..=169 => "exchange",
            170..=254 => "repair",
            255 => "refund",
        };
        push_str(o.key("service"), service);
        if let Some(n) = &self.days {
            n.render(o.key("days"));
        }
        if let Some(m) = &self.months {
            m.render(o.key("months"));
        }
        if self.days.is_none() && self.months.is_none() && self.service.is_multiple_of(2) {
            // Mostly one of the two, as the contract asks.
            o.key("days").push_str("30");
        }
        let from = match self.from {
            0..=84 => "success",
            85..=169 => "delivery",
            170..=254 => "invoice",
            255 => "shipping",
        };
        push_str(o.key("from"), from);
        o.end();
    }
}
