//! The answer as callers receive it (contract §6): plain data, serialised
//! with camelCase names, instants as RFC 3339 strings in the policy's zone.

use crate::answer::{ReasonCode, Status};
use crate::json::Writer;
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
    /// The answer as JSON text, the same as its `Serialize` form.
    pub fn to_json(&self) -> String {
        let mut w = Writer::new();
        self.write_json(&mut w);
        w.finish()
    }

    /// Writes the answer into `w`.
    pub fn write_json(&self, w: &mut Writer) {
        w.begin_object();
        w.key("orderId");
        w.string(&self.order_id);
        w.key("status");
        w.string(self.status.as_str());
        w.key("deadline");
        w.opt_string(self.deadline.as_deref());
        w.key("remainingMs");
        w.opt_int(self.remaining_ms);
        w.key("remainingDays");
        w.opt_int(self.remaining_days);
        w.key("reason");
        w.begin_object();
        w.key("code");
        w.string(self.reason.code.as_str());
        w.key("text");
        w.string(&self.reason.text);
        w.end_object();
        w.key("windows");
        w.begin_array();
        for window in &self.windows {
            window.write_json(w);
        }
        w.end_array();
        w.key("nextChangeAt");
        w.opt_string(self.next_change_at.as_deref());
        w.key("provisional");
        w.bool(self.provisional);
        w.key("policyVersion");
        w.string(&self.policy_version);
        w.end_object();
    }
}

impl Window {
    fn write_json(&self, w: &mut Writer) {
        w.begin_object();
        w.key("code");
        w.string(self.code.as_str());
        w.key("service");
        w.string(self.service.as_str());
        w.key("deadline");
        w.string(&self.deadline);
        w.key("remainingDays");
        w.int(self.remaining_days);
        w.key("active");
        w.bool(self.active);
        w.key("provisional");
        w.bool(self.provisional);
        if let Some(part) = &self.part {
            w.key("part");
            w.string(part);
        }
        if let Some(promise) = self.promise {
            w.key("promise");
            w.int(i64::try_from(promise).unwrap_or(i64::MAX));
        }
        let basis = &self.basis;
        w.key("basis");
        w.begin_object();
        w.key("anchor");
        w.string(basis.anchor.as_str());
        w.key("anchorDate");
        w.string(&basis.anchor_date);
        w.key("counting");
        w.string(basis.counting.as_str());
        w.key("count");
        w.int(i64::from(basis.count));
        w.key("repairDays");
        w.int(i64::from(basis.repair_days));
        w.key("rolledDays");
        w.int(i64::from(basis.rolled_days));
        w.key("holidayDays");
        w.int(i64::from(basis.holiday_days));
        w.key("weekendDays");
        w.int(i64::from(basis.weekend_days));
        w.end_object();
        w.end_object();
    }
}

impl crate::error::EngineError {
    /// Writes `{code, path, message}` into `w`.
    pub fn write_json(&self, w: &mut Writer) {
        w.begin_object();
        w.key("code");
        w.string(self.code.as_str());
        w.key("path");
        w.string(&self.path);
        w.key("message");
        w.string(&self.message);
        w.end_object();
    }
}
