//! The words a page shows beside each window, so that no caller writes them
//! again: the window's `label` ("三包保修 · 电池", "Merchant promise:
//! repair") and its basis's counting line (`basis.text`: "签收起 7 个自然日
//! （起算日不计） · 顺延 2 天（周末）"), in zh-CN and en. Like the reasons'
//! sentences, they come from the module, in the engine's locale. The words
//! are data ([`Words`]), filled in by [`fill`]: each language keeps its own
//! word order, and the module one copy of the code.
//!
//! Why templates: `docs/design.md`, "Why `cat!` and `fill` instead of `format!`?".

use crate::strings::fill;
use crate::text::{part_zh, Locale};
use crate::window::{Basis, Window, WindowCode};
use crate::wire::Wire;

/// One locale's words. `{0}`, `{1}`: the pieces each template is filled
/// with, as its field says. Lists follow the wire enums' order
/// (`WindowCode`, `Service`, `Anchor`, `Counting`).
struct Words {
    /// Each window code's label; `{0}`: the days counted (no-reason
    /// return), the part (a part's warranty) or the service (a merchant
    /// promise).
    labels: [&'static str; 9],
    /// The seven-day no-reason return's own name (七天无理由退货).
    seven_day_return: &'static str,
    services: [&'static str; 4],
    anchors: [&'static str; 4],
    /// Per counting, for one and for more: `{0}` the count, `{1}` the anchor.
    counting: [[&'static str; 2]; 3],
    /// Days added for repairs, for one and for more: `{0}` the days.
    repair: [&'static str; 2],
    /// The roll over rest days, for one and for more: `{0}` the days, `{1}`
    /// why (one of `rest_days`).
    roll: [&'static str; 2],
    /// Weekend days only, holidays only, both: `{0}` holidays, `{1}` weekend days.
    rest_days: [&'static str; 3],
}

const ZH: Words = Words {
    labels: [
        "售后入口",
        "类目售后入口",
        "{0}天无理由退货",
        "三包退货",
        "三包换货",
        "三包保修",
        "三包保修 · {0}",
        "商家承诺 · {0}",
        "长周期问题发现",
    ],
    seven_day_return: "七天无理由退货",
    services: ["售后", "退货", "换货", "维修"],
    anchors: ["交易成功", "签收", "开票", "换货"],
    counting: [
        ["{1}起满 {0}×24 小时", "{1}起满 {0}×24 小时"],
        [
            "{1}起 {0} 个自然日（起算日不计）",
            "{1}起 {0} 个自然日（起算日不计）",
        ],
        ["{1}起 {0} 个月", "{1}起 {0} 个月"],
    ],
    repair: [" · 维修顺延 {0} 天", " · 维修顺延 {0} 天"],
    roll: [" · 顺延 {0} 天（{1}）", " · 顺延 {0} 天（{1}）"],
    rest_days: ["周末", "节假日", "节假日 {0} 天、周末 {1} 天"],
};

const EN: Words = Words {
    labels: [
        "After-sales entry",
        "Category after-sales entry",
        "{0}-day no-reason return",
        "Three Guarantees return",
        "Three Guarantees exchange",
        "Three Guarantees warranty",
        "Three Guarantees warranty: {0}",
        "Merchant promise: {0}",
        "Long discovery period",
    ],
    seven_day_return: "7-day no-reason return",
    services: ["any service", "return", "exchange", "repair"],
    anchors: [
        "the transaction's success",
        "delivery",
        "the invoice",
        "the exchange",
    ],
    counting: [
        ["{0} × 24 hours from {1}", "{0} × 24 hours from {1}"],
        [
            "{0} calendar day from {1} (the first not counted)",
            "{0} calendar days from {1} (the first not counted)",
        ],
        ["{0} month from {1}", "{0} months from {1}"],
    ],
    repair: [" · +{0} repair day", " · +{0} repair days"],
    roll: [" · rolled {0} day ({1})", " · rolled {0} days ({1})"],
    rest_days: ["weekend", "holiday", "{0} holiday, {1} weekend"],
};

fn words(locale: Locale) -> &'static Words {
    match locale {
        Locale::ZhCn => &ZH,
        Locale::En => &EN,
    }
}

/// The template of `list` at `index`; empty past its end (the lists follow
/// the enums, so that does not happen).
fn at<const N: usize>(list: &[&'static str; N], index: usize) -> &'static str {
    list.get(index).copied().unwrap_or("")
}

/// The window's name as a page lists it: its rule, with its part or the
/// service a merchant promised.
///
/// ```
/// # use shouhoubao::{Engine, Instant, Locale};
/// # let order = r#"{"id":"1","category":"mobile_phone","status":"success",
/// #   "successAt":"2026-06-01T10:00:00+08:00","deliveredAt":"2026-05-30T10:00:00+08:00",
/// #   "invoiceAt":"2026-05-29T10:00:00+08:00",
/// #   "merchantPromises":[{"service":"repair","months":24,"from":"invoice"}]}"#;
/// # let now = Instant::from_f64_millis(1_780_000_000_000.0).unwrap();
/// let engine = Engine::with_default_policy()?;
/// let answer = engine.evaluate_json_str(order, now)?;
/// let labels: Vec<&str> = answer.windows.iter().map(|w| w.label.as_str()).collect();
/// assert!(labels.contains(&"七天无理由退货"));
/// assert!(labels.contains(&"三包保修 · 电池"));
/// assert!(labels.contains(&"商家承诺 · 维修"));
/// let english = engine.with_locale(Locale::En).evaluate_json_str(order, now)?;
/// assert!(english.windows.iter().any(|w| w.label == "Merchant promise: repair"));
/// assert!(english.windows.iter().any(|w| w.label == "Three Guarantees warranty: battery"));
/// # Ok::<(), shouhoubao::EngineError>(())
/// ```
pub fn window_label(window: &Window<'_>, locale: Locale) -> String {
    let words = words(locale);
    let template = at(&words.labels, window.code.index());
    match window.code {
        WindowCode::NoReasonReturn if window.basis.count == 7 => words.seven_day_return.to_owned(),
        WindowCode::ThreeGuaranteesPart => {
            let part = window.part_name().unwrap_or("");
            match locale {
                Locale::ZhCn => fill(template, &[&part_zh(part)]),
                Locale::En => fill(template, &[&crate::text::part_en(part)]),
            }
        }
        WindowCode::MerchantPromise => {
            fill(template, &[&at(&words.services, window.service.index())])
        }
        _ => fill(template, &[&window.basis.count]),
    }
}

/// How the window was counted, as one line: from which anchor, how long,
/// the days added for repairs and the roll over rest days ("签收起 7 个自然日
/// （起算日不计） · 顺延 2 天（周末）", "7 calendar days from delivery (the
/// first not counted) · rolled 2 days (weekend)").
pub fn basis_text(basis: &Basis, locale: Locale) -> String {
    let words = words(locale);
    let more = |n: u32| usize::from(n != 1);
    let counting = words
        .counting
        .get(basis.counting.index())
        .map_or("", |forms| at(forms, more(basis.count)));
    let anchor = at(&words.anchors, basis.anchor.index());
    let mut line = fill(counting, &[&basis.count, &anchor]);
    if basis.repair_days > 0 {
        let repair = at(&words.repair, more(basis.repair_days));
        line.push_str(&fill(repair, &[&basis.repair_days]));
    }
    let rolled = basis.roll.days();
    if rolled > 0 {
        let (holidays, weekends) = (basis.roll.holiday_days, basis.roll.weekend_days);
        let which = match (holidays, weekends) {
            (0, _) => 0,
            (_, 0) => 1,
            _ => 2,
        };
        let why = fill(at(&words.rest_days, which), &[&holidays, &weekends]);
        line.push_str(&fill(at(&words.roll, more(rolled)), &[&rolled, &why]));
    }
    line
}
