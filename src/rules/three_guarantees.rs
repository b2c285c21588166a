//! 三包 — the national return / exchange / repair guarantees.
//!
//! From the invoice date: a performance fault within `returnDays` may be
//! returned, within `exchangeDays` exchanged; the whole unit is repaired
//! within `warrantyMonths`, each main part within its own months. Time under
//! repair is added to the warranty; an exchange restarts the warranty from
//! the exchange date; a period ending on a rest day (法定休假日: a holiday,
//! or a weekend that is not a make-up workday) ends on the next day that is
//! not one.

use super::{counted, Facts};
use crate::calendar::{Extensions, Period};
use crate::error::EngineError;
use crate::window::{Anchor, Service, Window, WindowCode};

pub fn windows<'p>(facts: &Facts<'p, '_>) -> Result<Vec<Window<'p>>, EngineError> {
    let Some(periods) = facts.category.three_guarantees.as_deref() else {
        return Ok(Vec::new());
    };
    let purchase = facts.purchase;
    let rest_days = Some(&facts.policy.rest_days);
    let rolls = Extensions {
        repair_days: 0,
        rest_days,
    };
    let repairs = Extensions {
        repair_days: purchase.repair_days,
        rest_days,
    };
    let from_invoice = purchase.invoice;
    let warranty_from = purchase
        .exchanged
        .map_or(from_invoice, |date| (Anchor::Exchange, date));

    // Return, exchange, warranty, and one per part.
    let mut windows = Vec::with_capacity(3);
    windows.reserve(periods.parts.len());
    windows.push(counted(
        facts,
        from_invoice,
        Period::Days(periods.return_days),
        rolls,
        WindowCode::ThreeGuaranteesReturn,
        Service::Return,
    )?);
    windows.push(counted(
        facts,
        from_invoice,
        Period::Days(periods.exchange_days),
        rolls,
        WindowCode::ThreeGuaranteesExchange,
        Service::Exchange,
    )?);
    windows.push(counted(
        facts,
        warranty_from,
        Period::Months(periods.warranty_months),
        repairs,
        WindowCode::ThreeGuaranteesWarranty,
        Service::Repair,
    )?);
    for part in &periods.parts {
        let mut window = counted(
            facts,
            warranty_from,
            Period::Months(part.months),
            repairs,
            WindowCode::ThreeGuaranteesPart,
            Service::Repair,
        )?;
        window.part = Some(part);
        windows.push(window);
    }
    Ok(windows)
}
