//! The shopper's sentences: one per reason code, in zh-CN (the default) and
//! en, filled in with the binding window's count.
//!
//! Why templates: `docs/design.md`, "Why `cat!` and `fill` instead of `format!`?".

use crate::answer::ReasonCode;
use crate::strings::fill;
use crate::window::{Counting, Service, Window};
use crate::wire::Wire;

crate::wire_enum! {
    /// The language of `reason.text`, of each window's `label` and of its
    /// `basis.text`.
    #[derive(Default)]
    #[non_exhaustive]
    pub enum Locale {
        /// Simplified Chinese, the default.
        #[default]
        ZhCn = "zh-CN",
        /// English.
        En = "en",
    }
}

impl Locale {
    /// `"zh-CN"` or `"en"`; anything else is `None`.
    pub fn parse(text: &str) -> Option<Locale> {
        crate::wire::Wire::from_wire(text)
    }
}

/// One locale's sentences, filled in by [`fill`]: `{0}` the days or months
/// counted, `{1}` that period with its unit, `{2}` the part, `{3}` what a
/// merchant promised. Lists follow the wire enums' order (`WindowCode`,
/// `StateReason`).
struct Sentences {
    windows: [&'static str; 9],
    states: [&'static str; 3],
    /// The period `{1}` (`{0}` the count): in days and in months, each for
    /// more than one and for one.
    periods: [[&'static str; 2]; 2],
    /// What a merchant promised (`{3}`): returns, exchanges, repairs (any service included).
    promised: [&'static str; 3],
}

const ZH: Sentences = Sentences {
    windows: [
        "交易成功后{0}天内可自助申请售后",
        "该类目交易成功后{0}天内可自助申请售后",
        "签收后{0}天内支持无理由退货",
        "三包期内：开票后{0}天内出现性能故障可退货，请联系官方客服",
        "三包期内：开票后{0}天内出现性能故障可换货，请联系官方客服",
        "在三包保修期（{1}）内，可通过官方客服申请维修",
        "{2}在三包保修期（{1}）内，可通过官方客服申请维修",
        "商家承诺{1}{3}，可通过官方客服申请售后",
        "该类目问题发现周期较长，签收后{0}天内可通过官方客服申请售后",
    ],
    states: [
        "交易尚未成功，交易成功后可申请售后",
        "交易已关闭，无法申请售后",
        "售后期已结束",
    ],
    periods: [["{0}天", "{0}天"], ["{0}个月", "{0}个月"]],
    promised: ["退货", "换货", "保修"],
};

const EN: Sentences = Sentences {
    windows: [
        "You can request after-sales service yourself within {1} of the transaction's success",
        "For this category you can request after-sales service yourself within {1} of the transaction's success",
        "You can return this item without giving a reason within {1} of delivery",
        "Under the Three Guarantees, a performance fault within {1} of the invoice can be returned: contact official customer service",
        "Under the Three Guarantees, a performance fault within {1} of the invoice can be exchanged: contact official customer service",
        "Within the Three Guarantees warranty ({1}), official customer service can arrange a repair",
        "The {2} is within its Three Guarantees warranty ({1}): official customer service can arrange a repair",
        "The merchant promised {3} for {1}: claim it through official customer service",
        "Problems in this category take long to show: claim within {1} of delivery through official customer service",
    ],
    states: [
        "The transaction has not succeeded yet; after-sales opens once it does",
        "The order is closed; no after-sales service applies",
        "The after-sales period has ended",
    ],
    periods: [["{0} days", "{0} day"], ["{0} months", "{0} month"]],
    promised: ["returns", "exchanges", "repairs"],
};

/// The sentence for `reason`, where `binding` is the window it comes from.
pub fn reason_text(reason: ReasonCode, binding: Option<&Window<'_>>, locale: Locale) -> String {
    let sentences = match locale {
        Locale::ZhCn => &ZH,
        Locale::En => &EN,
    };
    let template = match reason {
        ReasonCode::Window(code) => sentences.windows.get(code.index()),
        ReasonCode::State(state) => sentences.states.get(state.index()),
    };
    let template = template.copied().unwrap_or("");
    let n = binding.map_or(0, |w| w.basis.count);
    let months = binding.is_some_and(|w| w.basis.counting == Counting::Months);
    let period = sentences
        .periods
        .get(usize::from(months))
        .and_then(|forms| forms.get(usize::from(n == 1)))
        .copied()
        .unwrap_or("");
    let period = fill(period, &[&n]);
    let part = binding.and_then(Window::part_name).unwrap_or("");
    let part = match locale {
        Locale::ZhCn => part_zh(part).to_owned(),
        Locale::En => part_en(part),
    };
    let promised = match binding.map_or(Service::Any, |w| w.service) {
        Service::Return => 0,
        Service::Exchange => 1,
        Service::Repair | Service::Any => 2,
    };
    let promised = sentences.promised.get(promised).copied().unwrap_or("");
    fill(template, &[&n, &period, &part, &promised])
}

/// A part's name in English: the policy's name with `_` read as a space.
pub(crate) fn part_en(part: &str) -> String {
    part.chars()
        .map(|c| if c == '_' { ' ' } else { c })
        .collect()
}

/// The Chinese name of a known part; otherwise the name as the policy gives it.
pub(crate) fn part_zh(part: &str) -> &str {
    match part {
        "battery" => "电池",
        "charger" => "充电器",
        "headset" => "耳机",
        "mobile_terminal_card" => "移动终端卡",
        "data_interface_card" => "数据接口卡",
        "motor" => "电机",
        "program_controller" => "程序控制器",
        "compressor" => "压缩机",
        "frame" => "车架",
        "main_parts" => "主要部件",
        other => other,
    }
}
