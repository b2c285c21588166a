//! The answer as callers receive it (contract §6): plain data, serialised
//! with camelCase names, instants as RFC 3339 strings in the policy's zone.

use crate::answer::{Assessment, ReasonCode, Status};
use crate::labels::{basis_text, window_label};
use crate::text::{reason_text, Locale};
use crate::time::{format_date, Instant, Zone};
use crate::window::{Anchor, Counting, Service, WindowCode};
use serde::Serialize;

/// The after-sales answer for one order at one moment. (Its TypeScript
/// type is a union on `status`, written out in `crates/shouhoubao-wasm/src/types.d.ts`.)
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Eligibility {
    /// Always `true`: in `evaluateMany`'s list (and the CLI's lines) it
    /// tells an answer from the `{ ok: false, orderId, error }` of an order
    /// that could not be answered.
    pub ok: bool,
    /// The order's `id`, as sent.
    pub order_id: String,
    /// `pending`, `open` (self-service), `support` (through 官方客服) or `closed`.
    pub status: Status,
    /// The binding window's deadline (the latest of all once expired).
    pub deadline: Option<String>,
    /// The same instant as `deadline`, in epoch milliseconds (for a timer,
    /// without parsing RFC 3339).
    pub deadline_ms: Option<i64>,
    /// Milliseconds from now to the deadline; 0 once expired; `None` for
    /// pending and closed orders.
    pub remaining_ms: Option<i64>,
    /// Whole days left, the last partial day counting as one.
    pub remaining_days: Option<i64>,
    /// Why: the binding window's code, or the order's state, and a sentence.
    pub reason: Reason,
    /// Every window the order has, by deadline, then code, part, promise.
    pub windows: Vec<EligibilityWindow>,
    /// The next instant at which anything of the answer but `remainingMs`
    /// changes — its status, reason, deadline or remaining days, or any
    /// window's `active` or `remainingDays`; `None` when no window is active
    /// (a page keeps one timer for it).
    pub next_change_at: Option<String>,
    /// The same instant as `nextChangeAt`, in epoch milliseconds: when to
    /// set the page's one timer.
    pub next_change_at_ms: Option<i64>,
    /// The deadline may still move (show it as 预计, expected): the answer is
    /// `open` or `support` and its binding window is provisional.
    pub provisional: bool,
    /// Whether the order's category is one the policy names; an unknown
    /// (misspelt, missing) category gets the top-level defaults.
    pub category_known: bool,
    /// The version of the policy snapshot that answered.
    pub policy_version: String,
}

/// Which rule grants the answer, as a stable code and a sentence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reason {
    /// A stable code: a window's, or `TRANSACTION_PENDING`, `ORDER_CLOSED`, `EXPIRED`.
    pub code: ReasonCode,
    /// A sentence for the shopper in the engine's locale.
    pub text: String,
}

/// One window of the order, as the answer lists it. (Named so that it does
/// not shadow the DOM's global `Window` in TypeScript.)
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct EligibilityWindow {
    /// The rule that grants the window.
    pub code: WindowCode,
    /// The window's name as a page lists it, in the engine's locale
    /// ("三包保修 · 电池", "Merchant promise: repair").
    pub label: String,
    /// What it grants: `any`, `return`, `exchange` or `repair`.
    pub service: Service,
    /// When it closes (exclusive), RFC 3339 in the policy's offset.
    pub deadline: String,
    /// The same instant as `deadline`, in epoch milliseconds.
    pub deadline_ms: i64,
    /// Whole days left; 0 once inactive.
    pub remaining_days: i64,
    /// Still open at now.
    pub active: bool,
    /// The window rolls over rest days and lies outside the published
    /// holiday arrangement: its end day after the roll is later than
    /// `holidaysPublishedThrough`, or before the roll earlier than
    /// `holidaysPublishedFrom`.
    pub provisional: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    /// For THREE_GUARANTEES_PART: the part's name (`battery`).
    pub part: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    /// For MERCHANT_PROMISE: the promise's index in the order.
    pub promise: Option<usize>,
    /// How the window was counted.
    pub basis: WindowBasis,
}

/// How a window was derived (beyond the contract, for explaining answers).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct WindowBasis {
    /// `success`, `delivery`, `invoice` or `exchange`: the anchor used after fallbacks.
    pub anchor: Anchor,
    /// The anchor's date in the policy's zone, `YYYY-MM-DD`.
    pub anchor_date: String,
    /// `elapsed`, `days` or `months`.
    pub counting: Counting,
    /// The days or months counted.
    pub count: u32,
    /// Days added for time under repair (三包 warranty and parts).
    pub repair_days: u32,
    /// Days the end day rolled forward over rest days: `holidayDays + weekendDays`.
    pub rolled_days: u32,
    /// Of those, days of the policy's `holidays`.
    pub holiday_days: u32,
    /// Of those, Saturdays and Sundays that are neither holidays nor workdays.
    pub weekend_days: u32,
    /// The counting as one line, in the engine's locale ("签收起 7 个自然日
    /// （起算日不计） · 顺延 2 天（周末）").
    pub text: String,
}

impl Eligibility {
    /// The answer for order `order_id` from its assessment: instants written
    /// in `zone`, the reason's sentence in `locale`.
    pub fn new(
        order_id: &str,
        assessment: &Assessment<'_>,
        zone: Zone,
        policy_version: &str,
        locale: Locale,
    ) -> Eligibility {
        let windows = assessment
            .windows
            .iter()
            .map(|state| {
                let w = &state.window;
                EligibilityWindow {
                    code: w.code,
                    label: window_label(w, locale),
                    service: w.service,
                    deadline: zone.format(w.deadline),
                    deadline_ms: w.deadline.millis(),
                    remaining_days: state.remaining_days,
                    active: state.active,
                    provisional: w.provisional,
                    part: w.part_name().map(str::to_owned),
                    promise: w.promise,
                    basis: WindowBasis {
                        anchor: w.basis.anchor,
                        anchor_date: format_date(w.basis.anchor_date),
                        counting: w.basis.counting,
                        count: w.basis.count,
                        repair_days: w.basis.repair_days,
                        rolled_days: w.basis.roll.days(),
                        holiday_days: w.basis.roll.holiday_days,
                        weekend_days: w.basis.roll.weekend_days,
                        text: basis_text(&w.basis, locale),
                    },
                }
            })
            .collect();
        Eligibility {
            ok: true,
            order_id: order_id.to_owned(),
            status: assessment.status,
            deadline: assessment.deadline.map(|d| zone.format(d)),
            deadline_ms: assessment.deadline.map(Instant::millis),
            remaining_ms: assessment.remaining_ms,
            remaining_days: assessment.remaining_days,
            reason: Reason {
                code: assessment.reason,
                text: reason_text(assessment.reason, assessment.binding_window(), locale),
            },
            windows,
            next_change_at: assessment.next_change_at.map(|t| zone.format(t)),
            next_change_at_ms: assessment.next_change_at.map(Instant::millis),
            provisional: assessment.provisional,
            category_known: assessment.category_known,
            policy_version: policy_version.to_owned(),
        }
    }
}
