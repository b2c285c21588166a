//! 售后入口 — the self-service after-sales entry stays open for `entryDays`
//! (15 by default; 180 for some categories such as 3C digital and home
//! appliances) after 交易成功, counted in elapsed time from that instant.

use super::{beyond_calendar, Facts};
use crate::error::EngineError;
use crate::policy::EntrySetting;
use crate::window::{Anchor, Basis, Counting, Service, Window, WindowCode};

/// ENTRY_CATEGORY where the category (or an ancestor) sets its own period,
/// else ENTRY_DEFAULT.
pub fn window<'p>(facts: &Facts<'p, '_>) -> Result<Window<'p>, EngineError> {
    let (code, days) = match facts.category.entry {
        EntrySetting::Category(days) => (WindowCode::EntryCategory, days),
        EntrySetting::TopLevel => (WindowCode::EntryDefault, facts.policy.entry_days),
    };
    let success_at = facts.purchase.success_at;
    let deadline =
        crate::calendar::elapsed(success_at, days).ok_or_else(|| beyond_calendar("successAt"))?;
    Ok(Window {
        code,
        service: Service::Any,
        deadline,
        part: None,
        promise: None,
        basis: Basis {
            anchor: Anchor::Success,
            anchor_date: facts.purchase.success_date,
            counting: Counting::Elapsed,
            count: days,
            repair_days: 0,
            roll: crate::calendar::Roll::default(),
        },
        // Elapsed time does not roll over rest days.
        provisional: false,
    })
}
