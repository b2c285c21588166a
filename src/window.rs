//! The vocabulary rules and answers share: a [`Window`] — a period in which
//! one rule grants a service — with its code, service, deadline and the
//! [`Basis`] that explains how it was counted.

use crate::time::Instant;
use chrono::NaiveDate;

/// Which rule grants a window (contract §5), as a stable code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum WindowCode {
    /// The self-service entry (售后入口), top-level period.
    EntryDefault,
    /// The self-service entry, the category's own period.
    EntryCategory,
    /// 七天无理由退货 — return without a reason.
    NoReasonReturn,
    /// 三包 return period.
    ThreeGuaranteesReturn,
    /// 三包 exchange period.
    ThreeGuaranteesExchange,
    /// 三包 whole-unit warranty (repair).
    ThreeGuaranteesWarranty,
    /// 三包 warranty of one main part.
    ThreeGuaranteesPart,
    /// 商家承诺 — a merchant's promise.
    MerchantPromise,
    /// 问题发现周期长 — a category whose problems take long to show.
    LongDiscovery,
}

impl WindowCode {
    pub fn as_str(self) -> &'static str {
        match self {
            WindowCode::EntryDefault => "ENTRY_DEFAULT",
            WindowCode::EntryCategory => "ENTRY_CATEGORY",
            WindowCode::NoReasonReturn => "NO_REASON_RETURN",
            WindowCode::ThreeGuaranteesReturn => "THREE_GUARANTEES_RETURN",
            WindowCode::ThreeGuaranteesExchange => "THREE_GUARANTEES_EXCHANGE",
            WindowCode::ThreeGuaranteesWarranty => "THREE_GUARANTEES_WARRANTY",
            WindowCode::ThreeGuaranteesPart => "THREE_GUARANTEES_PART",
            WindowCode::MerchantPromise => "MERCHANT_PROMISE",
            WindowCode::LongDiscovery => "LONG_DISCOVERY",
        }
    }

    /// The self-service windows: the entry and the no-reason return. The
    /// others are 售后保 windows, claimed through 官方客服.
    pub fn is_self_service(self) -> bool {
        matches!(
            self,
            WindowCode::EntryDefault | WindowCode::EntryCategory | WindowCode::NoReasonReturn
        )
    }

    /// Rank among windows with the same deadline when choosing the binding
    /// one: lower wins. Self-service: the entry before the no-reason return;
    /// 售后保: WARRANTY, PART, EXCHANGE, RETURN, MERCHANT_PROMISE, LONG_DISCOVERY.
    pub fn tie_rank(self) -> u8 {
        match self {
            WindowCode::EntryDefault | WindowCode::EntryCategory => 0,
            WindowCode::NoReasonReturn => 1,
            WindowCode::ThreeGuaranteesWarranty => 0,
            WindowCode::ThreeGuaranteesPart => 1,
            WindowCode::ThreeGuaranteesExchange => 2,
            WindowCode::ThreeGuaranteesReturn => 3,
            WindowCode::MerchantPromise => 4,
            WindowCode::LongDiscovery => 5,
        }
    }
}

/// The service a window grants.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "lowercase")]
pub enum Service {
    Any,
    Return,
    Exchange,
    Repair,
}

impl Service {
    pub fn as_str(self) -> &'static str {
        match self {
            Service::Any => "any",
            Service::Return => "return",
            Service::Exchange => "exchange",
            Service::Repair => "repair",
        }
    }
}

/// The date a window was counted from, after fallbacks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "lowercase")]
pub enum Anchor {
    /// 交易成功 — transaction success.
    Success,
    /// 签收 — delivery.
    Delivery,
    /// The invoice (发票) date.
    Invoice,
    /// The date of a 三包 exchange, which restarts the warranty.
    Exchange,
}

impl Anchor {
    pub fn as_str(self) -> &'static str {
        match self {
            Anchor::Success => "success",
            Anchor::Delivery => "delivery",
            Anchor::Invoice => "invoice",
            Anchor::Exchange => "exchange",
        }
    }
}

/// How a window's period was counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "lowercase")]
pub enum Counting {
    /// N × 24 hours from an instant.
    Elapsed,
    /// Calendar days from a date.
    Days,
    /// Calendar months from a date.
    Months,
}

impl Counting {
    pub fn as_str(self) -> &'static str {
        match self {
            Counting::Elapsed => "elapsed",
            Counting::Days => "days",
            Counting::Months => "months",
        }
    }
}

/// How a window was derived, for the people who must explain an answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Basis {
    pub anchor: Anchor,
    pub anchor_date: NaiveDate,
    pub counting: Counting,
    pub count: u32,
    pub repair_days: u32,
    /// How far the end day rolled forward over rest days.
    pub roll: crate::calendar::Roll,
}

/// A period in which one rule grants a service.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Window {
    pub code: WindowCode,
    pub service: Service,
    pub deadline: Instant,
    /// For THREE_GUARANTEES_PART: the part's name.
    pub part: Option<String>,
    /// For MERCHANT_PROMISE: the promise's index in the order.
    pub promise: Option<usize>,
    pub basis: Basis,
    /// The deadline may still move: the window rolls over rest days and its
    /// end day lies beyond the published holiday arrangement.
    pub provisional: bool,
}

impl Window {
    /// Whether the window is still open at `now` (now < deadline).
    pub fn is_active(&self, now: Instant) -> bool {
        now < self.deadline
    }

    /// The contract's listing order: deadline, code string, part, promise.
    pub fn listing_cmp(&self, other: &Window) -> std::cmp::Ordering {
        self.deadline
            .cmp(&other.deadline)
            .then_with(|| self.code.as_str().cmp(other.code.as_str()))
            .then_with(|| self.part.cmp(&other.part))
            .then_with(|| self.promise.cmp(&other.promise))
    }
}
