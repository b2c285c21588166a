//! The answer as callers receive it (contract §6): plain data, serialised
//! with camelCase names, instants as RFC 3339 strings in the policy's zone.

use crate::answer::{Assessment, ReasonCode, Status};
use crate::text::{reason_text, Locale};
use crate::time::{format_date, Zone};
use crate::window::{Anchor, Counting, Service, WindowCode};
use serde::Serialize;

/// The after-sales answer for one order at one moment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Eligibility {
    pub order_id: String,
    pub status: Status,
    /// The binding window's deadline (the latest of all once expired).
    #[cfg_attr(target_arch = "wasm32", tsify(type = "string | null"))]
    pub deadline: Option<String>,
    #[cfg_attr(target_arch = "wasm32", tsify(type = "number | null"))]
    pub remaining_ms: Option<i64>,
    #[cfg_attr(target_arch = "wasm32", tsify(type = "number | null"))]
    pub remaining_days: Option<i64>,
    pub reason: Reason,
    pub windows: Vec<Window>,
    #[cfg_attr(target_arch = "wasm32", tsify(type = "string | null"))]
    pub next_change_at: Option<String>,
    /// The deadline may still move (show it as 预计, expected): the answer is
    /// `open` or `support` and its binding window is provisional.
    pub provisional: bool,
    pub policy_version: String,
}

/// Which rule grants the answer, as a stable code and a sentence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct Reason {
    pub code: ReasonCode,
    pub text: String,
}

/// One window of the order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Window {
    pub code: WindowCode,
    pub service: Service,
    pub deadline: String,
    pub remaining_days: i64,
    pub active: bool,
    /// The window rolls over rest days and its end day lies beyond the
    /// policy's `holidaysPublishedThrough`.
    pub provisional: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub part: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub promise: Option<usize>,
    pub basis: WindowBasis,
}

/// How a window was derived (beyond the contract, for explaining answers).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct WindowBasis {
    /// `success`, `delivery`, `invoice` or `exchange`: the anchor used after fallbacks.
    pub anchor: Anchor,
    /// The anchor's date in the policy's zone, `YYYY-MM-DD`.
    pub anchor_date: String,
    /// `elapsed`, `days` or `months`.
    pub counting: Counting,
    pub count: u32,
    pub repair_days: u32,
    /// Days the end day rolled forward over rest days: `holidayDays + weekendDays`.
    pub rolled_days: u32,
    /// Of those, days of the policy's `holidays`.
    pub holiday_days: u32,
    /// Of those, Saturdays and Sundays that are neither holidays nor workdays.
    pub weekend_days: u32,
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
                Window {
                    code: w.code,
                    service: w.service,
                    deadline: zone.format(w.deadline),
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
                    },
                }
            })
            .collect();
        Eligibility {
            order_id: order_id.to_owned(),
            status: assessment.status,
            deadline: assessment.deadline.map(|d| zone.format(d)),
            remaining_ms: assessment.remaining_ms,
            remaining_days: assessment.remaining_days,
            reason: Reason {
                code: assessment.reason,
                text: reason_text(assessment.reason, assessment.binding_window(), locale),
            },
            windows,
            next_change_at: assessment.next_change_at.map(|t| zone.format(t)),
            provisional: assessment.provisional,
            policy_version: policy_version.to_owned(),
        }
    }
}
