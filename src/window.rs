//! The vocabulary rules and answers share: a [`Window`] — a period in which
//! one rule grants a service — with its code, service, deadline and the
//! [`Basis`] that explains how it was counted.

use crate::time::Instant;
use chrono::NaiveDate;

crate::wire_enum! {
    /// Which rule grants a window (contract §5), as a stable code.
    #[non_exhaustive]
    pub enum WindowCode {
        /// The self-service entry (售后入口), top-level period.
        EntryDefault = "ENTRY_DEFAULT",
        /// The self-service entry, the category's own period.
        EntryCategory = "ENTRY_CATEGORY",
        /// 七天无理由退货 — return without a reason.
        NoReasonReturn = "NO_REASON_RETURN",
        /// 三包 return period.
        ThreeGuaranteesReturn = "THREE_GUARANTEES_RETURN",
        /// 三包 exchange period.
        ThreeGuaranteesExchange = "THREE_GUARANTEES_EXCHANGE",
        /// 三包 whole-unit warranty (repair).
        ThreeGuaranteesWarranty = "THREE_GUARANTEES_WARRANTY",
        /// 三包 warranty of one main part.
        ThreeGuaranteesPart = "THREE_GUARANTEES_PART",
        /// 商家承诺 — a merchant's promise.
        MerchantPromise = "MERCHANT_PROMISE",
        /// 问题发现周期长 — a category whose problems take long to show.
        LongDiscovery = "LONG_DISCOVERY",
    }
}

impl WindowCode {
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

crate::wire_enum! {
    /// The service a window grants.
    #[non_exhaustive]
    pub enum Service {
        /// Any after-sales service (the entry, long-discovery categories).
        Any = "any",
        /// A return (退货).
        Return = "return",
        /// An exchange (换货).
        Exchange = "exchange",
        /// A repair (维修).
        Repair = "repair",
    }
}

crate::wire_enum! {
    /// The date a window was counted from, after fallbacks.
    #[non_exhaustive]
    pub enum Anchor {
        /// 交易成功 — transaction success.
        Success = "success",
        /// 签收 — delivery.
        Delivery = "delivery",
        /// The invoice (发票) date.
        Invoice = "invoice",
        /// The date of a 三包 exchange, which restarts the warranty.
        Exchange = "exchange",
    }
}

crate::wire_enum! {
    /// How a window's period was counted.
    #[non_exhaustive]
    pub enum Counting {
        /// N × 24 hours from an instant.
        Elapsed = "elapsed",
        /// Calendar days from a date.
        Days = "days",
        /// Calendar months from a date.
        Months = "months",
    }
}

/// How a window was derived, for the people who must explain an answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Basis {
    /// The event the period counts from.
    pub anchor: Anchor,
    /// The anchor's date in the policy's zone.
    pub anchor_date: NaiveDate,
    /// Elapsed time, calendar days or calendar months.
    pub counting: Counting,
    /// How many days or months.
    pub count: u32,
    /// Days under repair added to a 三包 warranty.
    pub repair_days: u32,
    /// How far the end day rolled forward over rest days.
    pub roll: crate::calendar::Roll,
}

/// A period in which one rule grants a service; a part window borrows its
/// part from the policy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Window<'p> {
    /// The rule that grants the window.
    pub code: WindowCode,
    /// What it grants.
    pub service: Service,
    /// When it closes.
    pub deadline: Instant,
    /// For THREE_GUARANTEES_PART: the part.
    pub part: Option<&'p crate::policy::Part>,
    /// For MERCHANT_PROMISE: the promise's index in the order.
    pub promise: Option<usize>,
    /// How it was counted.
    pub basis: Basis,
    /// The deadline may still move: the window rolls over rest days and its
    /// end day lies beyond the published holiday arrangement.
    pub provisional: bool,
}

impl Window<'_> {
    /// Whether the window is still open at `now` (now < deadline).
    pub fn is_active(&self, now: Instant) -> bool {
        now < self.deadline
    }

    /// The contract's listing order: deadline, code string, part, promise.
    pub fn listing_cmp(&self, other: &Window<'_>) -> std::cmp::Ordering {
        self.deadline
            .cmp(&other.deadline)
            .then_with(|| self.code.as_str().cmp(other.code.as_str()))
            .then_with(|| self.part_name().cmp(&other.part_name()))
            .then_with(|| self.promise.cmp(&other.promise))
    }

    /// For THREE_GUARANTEES_PART: the part's name.
    pub fn part_name(&self) -> Option<&str> {
        self.part.map(|p| p.name.as_str())
    }
}
