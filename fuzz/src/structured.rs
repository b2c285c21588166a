//! A small structured description of a policy and an order, derived with
//! `arbitrary`, rendered to JSON text for `order_policy`. Most draws render
//! valid inputs (so the fuzzer spends its time in the rules: holidays, repair
//! days, parts, parents, promises, offsets, edges of the year range); a
//! selector byte now and then renders a wrong one (a cycle, an unknown
//! parent, a negative or absurd count, a malformed date) for the error paths.

use arbitrary::Arbitrary;
use chrono::{DateTime, FixedOffset, NaiveDate};
use shouhoubao::time::{DAY_MS, MAX_INSTANT_MS, MIN_INSTANT_MS};
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
const MAX_CATEGORIES: usize = 12;
const MAX_HOLIDAYS: usize = 64;
const MAX_PARTS: usize = 6;
const MAX_PROMISES: usize = 6;

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
    pub entry_days: Num,
    pub no_reason_return_days: Option<Num>,
    pub categories: Option<Vec<CategoryDesc>>,
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

/// The case as JSON texts and a `now` in raw epoch milliseconds.
pub struct Rendered {
    pub policy: String,
    pub order: String,
    pub now: Option<f64>,
}

impl Case {
    pub fn render(&self) -> Rendered {
        let base = self.base.millis();
        let names = self.policy.category_names();
        Rendered {
            policy: self.policy.render(base, &names),
            order: self.order.render(base, &names),
            now: self.now.millis(base),
        }
    }
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
            Some(list) => &list[..list.len().min(MAX_CATEGORIES)],
            None => &[],
        }
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

    fn render(&self, base: i64, names: &[String]) -> String {
        let mut out = String::with_capacity(1024);
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
        self.entry_days.render(o.key("entryDays"));
        if let Some(n) = &self.no_reason_return_days {
            n.render(o.key("noReasonReturnDays"));
        }
        if self.categories.is_some() {
            let out = o.key("categories");
            let mut cats = Obj::new(out);
            for (i, c) in self.categories().iter().enumerate() {
                c.render(i, names, cats.key(&names[i]));
            }
            cats.end();
        }
        o.end();
        out
    }
}

impl CategoryDesc {
    fn render(&self, i: usize, names: &[String], out: &mut String) {
        let mut o = Obj::new(out);
        if let Some(p) = &self.parent {
            match p.selector {
                // The first category has no earlier one: no parent.
                0..=231 if i == 0 => {}
                0..=231 => push_str(o.key("parent"), &names[usize::from(p.index) % i]),
                232..=247 => push_str(o.key("parent"), &names[usize::from(p.index) % names.len()]),
                _ => push_str(o.key("parent"), "no_such_parent"),
            }
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
    fn render(&self, base: i64, names: &[String]) -> String {
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
        if let Some(promises) = &self.promises {
            let out = o.key("merchantPromises");
            out.push('[');
            for (i, p) in promises.iter().take(MAX_PROMISES).enumerate() {
                if i > 0 {
                    out.push(',');
                }
                p.render(out);
            }
            out.push(']');
        }
        o.end();
        out
    }
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
