//! The answer for a moment: which window binds, the status it gives, the
//! time left, and when that answer will next change (contract §6). This
//! module knows windows, not where they came from.

use crate::time::{Instant, DAY_MS};
use crate::window::{Window, WindowCode};
use std::cmp::Ordering;

crate::wire_enum! {
    /// The entry's status.
    #[non_exhaustive]
    pub enum Status {
        /// Not yet 交易成功: no after-sales yet.
        Pending = "pending",
        /// A self-service window is open: the buyer applies on the order page.
        Open = "open",
        /// The entry has closed, but a 售后保 window lets 官方客服 reopen it.
        Support = "support",
        /// Nothing is open: the order was closed, or every window has expired.
        Closed = "closed",
    }
}

crate::wire_enum! {
    /// The reasons that are states of the order rather than windows.
    #[non_exhaustive]
    pub enum StateReason {
        /// 交易未完成 — the order is pending.
        TransactionPending = "TRANSACTION_PENDING",
        /// 交易关闭 — the order was closed.
        OrderClosed = "ORDER_CLOSED",
        /// Every window has expired.
        Expired = "EXPIRED",
    }
}

/// Why the answer is what it is: the binding window's code, or a state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ReasonCode {
    /// A window binds: its code.
    Window(WindowCode),
    /// A state of the order.
    State(StateReason),
}

impl ReasonCode {
    /// `TRANSACTION_PENDING`: the order is not yet 交易成功.
    pub const TRANSACTION_PENDING: ReasonCode = ReasonCode::State(StateReason::TransactionPending);
    /// `ORDER_CLOSED`: the order was closed or refunded.
    pub const ORDER_CLOSED: ReasonCode = ReasonCode::State(StateReason::OrderClosed);
    /// `EXPIRED`: every window has closed.
    pub const EXPIRED: ReasonCode = ReasonCode::State(StateReason::Expired);

    /// The code as callers see it (`THREE_GUARANTEES_WARRANTY`, `EXPIRED`).
    pub fn as_str(self) -> &'static str {
        match self {
            ReasonCode::Window(code) => code.as_str(),
            ReasonCode::State(state) => state.as_str(),
        }
    }
}

impl From<WindowCode> for ReasonCode {
    fn from(code: WindowCode) -> Self {
        ReasonCode::Window(code)
    }
}

impl serde::Serialize for ReasonCode {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// The answer for an order at one moment, as numbers and codes: what the
/// native [`Eligibility`](crate::Eligibility) and the wasm module's compact
/// record are both written from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assessment<'p> {
    /// Pending, open, support or closed.
    pub status: Status,
    /// The binding window's code, or the order's state.
    pub reason: ReasonCode,
    /// The binding window's position in `windows`; `None` for pending and
    /// closed orders and once every window has expired.
    pub binding: Option<usize>,
    /// The binding window's deadline, or the latest of all once expired.
    pub deadline: Option<Instant>,
    /// `None` for pending and closed orders.
    pub remaining_ms: Option<i64>,
    /// Whole days left, the last partial day counting as one; `None` for
    /// pending and closed orders.
    pub remaining_days: Option<i64>,
    /// Every window, in the contract's listing order, as it stands at now.
    pub windows: Vec<WindowState<'p>>,
    /// The next instant anything shown changes; `None` once nothing will.
    pub next_change_at: Option<Instant>,
    /// The binding deadline may still move (预计).
    pub provisional: bool,
    /// The order's category is one the policy names (set by the engine,
    /// which knows the order).
    pub category_known: bool,
}

/// A window at one moment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WindowState<'p> {
    /// The window.
    pub window: Window<'p>,
    /// Whether now falls before its deadline.
    pub active: bool,
    /// Whole days left; 0 once inactive.
    pub remaining_days: i64,
}

impl Assessment<'_> {
    /// The answer for an order that has no windows: pending or closed.
    pub fn without_windows(reason: StateReason) -> Assessment<'static> {
        let status = match reason {
            StateReason::TransactionPending => Status::Pending,
            StateReason::OrderClosed | StateReason::Expired => Status::Closed,
        };
        Assessment {
            status,
            reason: ReasonCode::State(reason),
            binding: None,
            deadline: None,
            remaining_ms: None,
            remaining_days: None,
            windows: Vec::new(),
            next_change_at: None,
            provisional: false,
            category_known: false,
        }
    }

    /// The window the answer comes from, if any.
    pub fn binding_window(&self) -> Option<&Window<'_>> {
        self.binding
            .and_then(|i| self.windows.get(i))
            .map(|w| &w.window)
    }
}

/// The answer at `now` for the windows of a successful order, listed in the
/// contract's order.
pub fn assess(windows: Vec<Window<'_>>, now: Instant) -> Assessment<'_> {
    let moment = at(&windows, now);
    let next_change_at = next_change(&windows, now);
    let provisional = moment
        .binding
        .and_then(|i| windows.get(i))
        .is_some_and(|w| w.provisional);
    let windows = windows
        .into_iter()
        .map(|window| {
            let active = window.is_active(now);
            let remaining_days = if active {
                remaining_days(now.millis_until(window.deadline))
            } else {
                0
            };
            WindowState {
                window,
                active,
                remaining_days,
            }
        })
        .collect();
    Assessment {
        status: moment.status,
        reason: moment.reason,
        binding: moment.binding,
        deadline: moment.deadline,
        remaining_ms: Some(moment.remaining_ms),
        remaining_days: Some(moment.remaining_days),
        windows,
        next_change_at,
        provisional,
        category_known: false,
    }
}

/// Which window binds at one moment, and what it gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Moment {
    status: Status,
    reason: ReasonCode,
    /// The binding window's index; `None` once every window has expired.
    binding: Option<usize>,
    deadline: Option<Instant>,
    remaining_ms: i64,
    remaining_days: i64,
}

/// Whole days left, the last partial day counting as one.
pub fn remaining_days(remaining_ms: i64) -> i64 {
    if remaining_ms <= 0 {
        0
    } else {
        // Positive: the quotient plus one cannot overflow.
        #[allow(clippy::arithmetic_side_effects)]
        {
            remaining_ms / DAY_MS + i64::from(remaining_ms % DAY_MS != 0)
        }
    }
}

/// Which of two active windows binds: the later deadline, then the lower
/// tie rank, then the part name sorting first, then the lower promise index.
fn binds_before(a: &Window<'_>, b: &Window<'_>) -> Ordering {
    b.deadline
        .cmp(&a.deadline)
        .then_with(|| a.code.tie_rank().cmp(&b.code.tie_rank()))
        .then_with(|| a.part_name().cmp(&b.part_name()))
        .then_with(|| a.promise.cmp(&b.promise))
}

/// The answer at `now`: the active self-service window binding, else the
/// active 售后保 one, else expired.
fn at(windows: &[Window<'_>], now: Instant) -> Moment {
    let best = |self_service: bool| {
        windows
            .iter()
            .enumerate()
            .filter(|(_, w)| w.is_active(now) && w.code.is_self_service() == self_service)
            .min_by(|(_, a), (_, b)| binds_before(a, b))
    };
    let chosen = match best(true) {
        Some(found) => Some((Status::Open, found)),
        None => best(false).map(|found| (Status::Support, found)),
    };
    match chosen {
        Some((status, (index, window))) => {
            let remaining_ms = now.millis_until(window.deadline);
            Moment {
                status,
                reason: window.code.into(),
                binding: Some(index),
                deadline: Some(window.deadline),
                remaining_ms,
                remaining_days: remaining_days(remaining_ms),
            }
        }
        None => Moment {
            status: Status::Closed,
            reason: ReasonCode::EXPIRED,
            binding: None,
            deadline: windows.last().map(|w| w.deadline),
            remaining_ms: 0,
            remaining_days: 0,
        },
    }
}

/// The earliest instant after `now` at which the answer differs (contract
/// 3, §6): its status, reason, deadline or remaining days, or any window's
/// `active` or remaining days. Windows have no start, so that is the
/// earliest next tick over the active windows — each one's deadline less
/// its remaining whole days but one (its deadline on its last day). The
/// answer's own changes are among them: its binding window is active, and
/// a status changes only when an active window closes. `None` when no
/// window is active.
fn next_change(windows: &[Window<'_>], now: Instant) -> Option<Instant> {
    windows
        .iter()
        .filter(|w| w.is_active(now))
        .filter_map(|w| {
            let left = w.deadline.millis().checked_sub(now.millis())?;
            let whole_days_after = remaining_days(left).checked_sub(1)?;
            w.deadline
                .checked_add_millis(whole_days_after.checked_mul(DAY_MS)?.checked_neg()?)
        })
        .min()
}

#[cfg(test)]
mod tests {
    use super::remaining_days;

    #[test]
    fn remaining_days_counts_the_last_partial_day() {
        assert_eq!(remaining_days(0), 0);
        assert_eq!(remaining_days(-5), 0);
        assert_eq!(remaining_days(1), 1);
        assert_eq!(remaining_days(86_400_000), 1);
        assert_eq!(remaining_days(86_400_001), 2);
    }
}
