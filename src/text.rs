//! The shopper's sentences: one per reason code, in zh-CN (the default) and
//! en, filled in with the binding window's count.

use crate::answer::ReasonCode;
use crate::window::{Counting, Service, Window, WindowCode};

crate::wire_enum! {
    /// The language of `reason.text`.
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

/// The sentence for `reason`, where `binding` is the window it comes from.
pub fn reason_text(reason: ReasonCode, binding: Option<&Window<'_>>, locale: Locale) -> String {
    let n = binding.map_or(0, |w| w.basis.count);
    let months = binding.is_some_and(|w| w.basis.counting == Counting::Months);
    let part = binding.and_then(Window::part_name).unwrap_or("");
    let service = binding.map_or(Service::Any, |w| w.service);
    match locale {
        Locale::ZhCn => zh(reason, n, months, part, service),
        Locale::En => en(reason, n, months, part, service),
    }
}

fn zh(reason: ReasonCode, n: u32, months: bool, part: &str, service: Service) -> String {
    let period = if months {
        crate::cat!(n, "个月")
    } else {
        crate::cat!(n, "天")
    };
    match reason {
        ReasonCode::Window(WindowCode::EntryDefault) => {
            crate::cat!("交易成功后", n, "天内可自助申请售后")
        }
        ReasonCode::Window(WindowCode::EntryCategory) => {
            crate::cat!("该类目交易成功后", n, "天内可自助申请售后")
        }
        ReasonCode::Window(WindowCode::NoReasonReturn) => {
            crate::cat!("签收后", n, "天内支持无理由退货")
        }
        ReasonCode::Window(WindowCode::ThreeGuaranteesReturn) => {
            crate::cat!(
                "三包期内：开票后",
                n,
                "天内出现性能故障可退货，请联系官方客服"
            )
        }
        ReasonCode::Window(WindowCode::ThreeGuaranteesExchange) => {
            crate::cat!(
                "三包期内：开票后",
                n,
                "天内出现性能故障可换货，请联系官方客服"
            )
        }
        ReasonCode::Window(WindowCode::ThreeGuaranteesWarranty) => {
            crate::cat!("在三包保修期（", period, "）内，可通过官方客服申请维修")
        }
        ReasonCode::Window(WindowCode::ThreeGuaranteesPart) => crate::cat!(
            part_zh(part),
            "在三包保修期（",
            period,
            "）内，可通过官方客服申请维修"
        ),
        ReasonCode::Window(WindowCode::MerchantPromise) => {
            let what = match service {
                Service::Return => "退货",
                Service::Exchange => "换货",
                Service::Repair | Service::Any => "保修",
            };
            crate::cat!("商家承诺", period, what, "，可通过官方客服申请售后")
        }
        ReasonCode::Window(WindowCode::LongDiscovery) => {
            crate::cat!(
                "该类目问题发现周期较长，签收后",
                n,
                "天内可通过官方客服申请售后"
            )
        }
        ReasonCode::TRANSACTION_PENDING => "交易尚未成功，交易成功后可申请售后".to_owned(),
        ReasonCode::ORDER_CLOSED => "交易已关闭，无法申请售后".to_owned(),
        ReasonCode::EXPIRED => "售后期已结束".to_owned(),
    }
}

fn en(reason: ReasonCode, n: u32, months: bool, part: &str, service: Service) -> String {
    let unit = match (months, n) {
        (true, 1) => "month",
        (true, _) => "months",
        (false, 1) => "day",
        (false, _) => "days",
    };
    match reason {
        ReasonCode::Window(WindowCode::EntryDefault) => {
            crate::cat!(
                "You can request after-sales service yourself within ",
                n,
                " ",
                unit,
                " of the transaction's success"
            )
        }
        ReasonCode::Window(WindowCode::EntryCategory) => crate::cat!(
            "For this category you can request after-sales service yourself within ",
            n,
            " ",
            unit,
            " of the transaction's success"
        ),
        ReasonCode::Window(WindowCode::NoReasonReturn) => {
            crate::cat!(
                "You can return this item without giving a reason within ",
                n,
                " ",
                unit,
                " of delivery"
            )
        }
        ReasonCode::Window(WindowCode::ThreeGuaranteesReturn) => crate::cat!(
            "Under the Three Guarantees, a performance fault within ",
            n,
            " ",
            unit,
            " of the invoice can be returned: contact official customer service"
        ),
        ReasonCode::Window(WindowCode::ThreeGuaranteesExchange) => crate::cat!(
            "Under the Three Guarantees, a performance fault within ",
            n,
            " ",
            unit,
            " of the invoice can be exchanged: contact official customer service"
        ),
        ReasonCode::Window(WindowCode::ThreeGuaranteesWarranty) => crate::cat!(
            "Within the Three Guarantees warranty (",
            n,
            " ",
            unit,
            "), official customer service can arrange a repair"
        ),
        ReasonCode::Window(WindowCode::ThreeGuaranteesPart) => crate::cat!(
            "The ",
            part.replace('_', " "),
            " is within its Three Guarantees warranty (",
            n,
            " ",
            unit,
            "): official customer service can arrange a repair"
        ),
        ReasonCode::Window(WindowCode::MerchantPromise) => {
            let what = match service {
                Service::Return => "returns",
                Service::Exchange => "exchanges",
                Service::Repair | Service::Any => "repairs",
            };
            crate::cat!(
                "The merchant promised ",
                what,
                " for ",
                n,
                " ",
                unit,
                ": claim it through official customer service"
            )
        }
        ReasonCode::Window(WindowCode::LongDiscovery) => crate::cat!(
            "Problems in this category take long to show: claim within ",
            n,
            " ",
            unit,
            " of delivery through official customer service"
        ),
        ReasonCode::TRANSACTION_PENDING => {
            "The transaction has not succeeded yet; after-sales opens once it does".to_owned()
        }
        ReasonCode::ORDER_CLOSED => {
            "The order is closed; no after-sales service applies".to_owned()
        }
        ReasonCode::EXPIRED => "The after-sales period has ended".to_owned(),
    }
}

/// The Chinese name of a known part; otherwise the name as the policy gives it.
fn part_zh(part: &str) -> &str {
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
