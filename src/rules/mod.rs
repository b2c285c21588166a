//! The rules: one family per module, each turning the policy and the facts of
//! a successful order into the windows it grants (contract §5).

mod entry;
mod long_discovery;
mod merchant;
mod no_reason;
mod three_guarantees;

use crate::error::EngineError;
use crate::order::Purchase;
use crate::policy::Policy;
use crate::window::Window;

/// What every rule reads: the policy, the order's category rules and its facts.
/// Windows borrow from the policy (`'p`), never from the order.
pub struct Facts<'p, 'o> {
    pub policy: &'p Policy,
    pub category: &'p crate::policy::CategoryRules,
    pub purchase: &'o Purchase,
}

/// Every window the order has, in the contract's listing order.
pub fn windows<'p>(facts: &Facts<'p, '_>) -> Result<Vec<Window<'p>>, EngineError> {
    let mut windows = Vec::with_capacity(8);
    windows.push(entry::window(facts)?);
    windows.extend(no_reason::window(facts)?);
    windows.extend(three_guarantees::windows(facts)?);
    windows.extend(merchant::windows(facts)?);
    windows.extend(long_discovery::window(facts)?);
    // The listing order is total (a promise index tells promises apart).
    crate::sorting::sort_in_place(&mut windows, &Window::listing_cmp);
    Ok(windows)
}

/// The error for a count that runs off the calendar (only possible for
/// anchors near year 9999 with very long periods).
fn beyond_calendar(path: &str) -> EngineError {
    EngineError::order(path, "the window's deadline falls beyond the calendar")
}

/// The order field an anchor came from, for errors.
fn anchor_path(anchor: crate::window::Anchor) -> &'static str {
    use crate::window::Anchor;
    match anchor {
        Anchor::Success => "successAt",
        Anchor::Delivery => "deliveredAt",
        Anchor::Invoice => "invoiceAt",
        Anchor::Exchange => "exchangedAt",
    }
}

/// A calendar-counted window from `anchor`.
fn counted<'p>(
    facts: &Facts<'p, '_>,
    (anchor, anchor_date): (crate::window::Anchor, chrono::NaiveDate),
    period: crate::calendar::Period,
    extensions: crate::calendar::Extensions<'_>,
    code: crate::window::WindowCode,
    service: crate::window::Service,
) -> Result<Window<'p>, EngineError> {
    use crate::calendar::Period;
    use crate::window::{Basis, Counting};
    let reckoning = crate::calendar::calendar(anchor_date, period, extensions, facts.policy.zone)
        .ok_or_else(|| beyond_calendar(anchor_path(anchor)))?;
    let (counting, count) = match period {
        Period::Days(n) => (Counting::Days, n),
        Period::Months(n) => (Counting::Months, n),
    };
    Ok(Window {
        code,
        service,
        deadline: reckoning.deadline,
        part: None,
        promise: None,
        basis: Basis {
            anchor,
            anchor_date,
            counting,
            count,
            repair_days: extensions.repair_days,
            roll: reckoning.roll,
        },
        provisional: reckoning.provisional,
    })
}
