//! The answer for a moment: which window binds, the status it gives, the
//! time left, and when that answer will next change (contract §6). This
//! module knows windows, not where they came from.

use crate::time::{Instant, DAY_MS};
use crate::window::{Window, WindowCode};
use std::cmp::Ordering;

/// The entry's status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Not yet 交易成功: no after-sales yet.
    Pending,
    /// A self-service window is open: the buyer applies on the order page.
    Open,
    /// The entry has closed, but a 售后保 window lets 官方客服 reopen it.
    Support,
    /// Nothing is open: the order was closed, or every window has expired.
    Closed,
}

/// Why the answer is what it is: the binding window's code, or a state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(
    target_arch = "wasm32",
    derive(tsify::Tsify),
    tsify(type = "WindowCode | \"TRANSACTION_PENDING\" | \"ORDER_CLOSED\" | \"EXPIRED\"")
)]
pub enum ReasonCode {
    /// A window binds: its code.
    Window(WindowCode),
    /// 交易未完成 — the order is pending.
    TransactionPending,
    /// 交易关闭 — the order was closed.
    OrderClosed,
    /// Every window has expired.
    Expired,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Pending => "pending",
            Status::Open => "open",
            Status::Support => "support",
            Status::Closed => "closed",
        }
    }
}

impl From<WindowCode> for ReasonCode {
    fn from(code: WindowCode) -> Self {
        ReasonCode::Window(code)
    }
}

impl ReasonCode {
    pub fn as_str(self) -> &'static str {
        match self {
            ReasonCode::Window(code) => code.as_str(),
            ReasonCode::TransactionPending => "TRANSACTION_PENDING",
            ReasonCode::OrderClosed => "ORDER_CLOSED",
            ReasonCode::Expired => "EXPIRED",
        }
    }
}

impl serde::Serialize for ReasonCode {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// The answer for a successful order at one moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Moment<'a> {
    pub status: Status,
    pub reason: ReasonCode,
    /// The binding window; `None` once every window has expired.
    pub binding: Option<&'a Window>,
    pub deadline: Option<Instant>,
    pub remaining_ms: i64,
    pub remaining_days: i64,
}

impl Moment<'_> {
    /// Whether the answer's deadline may still move: its binding window is
    /// provisional (an expired answer has none, so it is firm).
    pub fn provisional(&self) -> bool {
        self.binding.is_some_and(|w| w.provisional)
    }

    /// What the contract calls a change of answer.
    fn key(&self) -> (Status, ReasonCode, i64) {
        (self.status, self.reason, self.remaining_days)
    }
}

/// Whole days left, the last partial day counting as one.
pub fn remaining_days(remaining_ms: i64) -> i64 {
    if remaining_ms <= 0 {
        0
    } else {
        // Positive, so neither division can overflow; the sum is at most i64::MAX / DAY + 1.
        remaining_ms
            .saturating_div(DAY_MS)
            .saturating_add(i64::from(remaining_ms.rem_euclid(DAY_MS) != 0))
    }
}

/// Which of two active windows binds: the later deadline, then the lower
/// tie rank, then the part name sorting first, then the lower promise index.
fn binds_before(a: &Window, b: &Window) -> Ordering {
    b.deadline
        .cmp(&a.deadline)
        .then_with(|| a.code.tie_rank().cmp(&b.code.tie_rank()))
        .then_with(|| a.part.cmp(&b.part))
        .then_with(|| a.promise.cmp(&b.promise))
}

/// The answer at `now` for the windows of a successful order, listed in
/// the contract's order.
pub fn at(windows: &[Window], now: Instant) -> Moment<'_> {
    let active = || windows.iter().filter(move |w| w.is_active(now));
    let self_service = active()
        .filter(|w| w.code.is_self_service())
        .min_by(|a, b| binds_before(a, b));
    let chosen = match self_service {
        Some(window) => Some((Status::Open, window)),
        None => active()
            .filter(|w| !w.code.is_self_service())
            .min_by(|a, b| binds_before(a, b))
            .map(|window| (Status::Support, window)),
    };
    match chosen {
        Some((status, window)) => {
            let remaining_ms = window.deadline.millis().saturating_sub(now.millis());
            Moment {
                status,
                reason: window.code.into(),
                binding: Some(window),
                deadline: Some(window.deadline),
                remaining_ms,
                remaining_days: remaining_days(remaining_ms),
            }
        }
        None => Moment {
            status: Status::Closed,
            reason: ReasonCode::Expired,
            binding: None,
            deadline: windows.last().map(|w| w.deadline),
            remaining_ms: 0,
            remaining_days: 0,
        },
    }
}

/// The earliest instant after `now` at which the status, the reason code or
/// the remaining days differ; `None` when none will.
///
/// Between two events — a window's deadline, or the binding window's
/// remaining time crossing a whole day — the answer cannot change, so it is
/// enough to step from event to event until the answer differs.
pub fn next_change(windows: &[Window], now: Instant) -> Option<Instant> {
    let start = at(windows, now).key();
    let mut t = now;
    // Each step passes at least one deadline or changes the remaining days;
    // the bound only guards against a logic slip looping forever.
    for _ in 0..=windows.len().saturating_mul(2).saturating_add(2) {
        let moment = at(windows, t);
        let day_drop = moment.binding.and_then(|w| {
            let left = w.deadline.millis().checked_sub(t.millis())?;
            let whole_days_after = remaining_days(left).checked_sub(1)?;
            w.deadline
                .checked_add_millis(whole_days_after.checked_mul(DAY_MS)?.checked_neg()?)
        });
        let deadline = windows.iter().map(|w| w.deadline).filter(|d| *d > t).min();
        let next = match (day_drop, deadline) {
            (Some(a), Some(b)) => a.min(b),
            (a, b) => a.or(b)?,
        };
        if at(windows, next).key() != start {
            return Some(next);
        }
        t = next;
    }
    None
}
