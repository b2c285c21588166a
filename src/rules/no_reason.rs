//! 七天无理由退货 — goods bought online may be returned without a reason
//! within `noReasonReturnDays` calendar days of delivery (签收), counted from
//! the day after signing; not for categories that say `noReasonReturn: false`
//! (made to order, fresh food, opened digital goods, newspapers).

use super::{counted, Facts};
use crate::calendar::{Extensions, Period};
use crate::error::EngineError;
use crate::window::{Service, Window, WindowCode};

pub fn window<'p>(facts: &Facts<'p, '_>) -> Result<Option<Window<'p>>, EngineError> {
    if !facts.category.no_reason_return {
        return Ok(None);
    }
    counted(
        facts,
        facts.purchase.delivery,
        Period::Days(facts.policy.no_reason_return_days),
        Extensions::NONE,
        WindowCode::NoReasonReturn,
        Service::Return,
    )
    .map(Some)
}
