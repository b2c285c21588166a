//! 商家承诺 — a merchant's own promise (e.g. a 2-year warranty) keeps its
//! service open for its days or months from the date it names, beyond 三包.
//! A promise is a period the parties agreed, and 民法典 art. 204 applies
//! art. 203 to agreed periods: a promise ending on a rest day runs to the
//! next working day (contract 3).

use super::{counted, Facts};
use crate::calendar::Extensions;
use crate::error::EngineError;
use crate::window::{Window, WindowCode};

pub fn windows<'p>(facts: &Facts<'p, '_>) -> Result<Vec<Window<'p>>, EngineError> {
    facts
        .purchase
        .promises
        .iter()
        .enumerate()
        .map(|(index, promise)| {
            let mut window = counted(
                facts,
                facts.purchase.anchor(promise.from),
                promise.period,
                Extensions {
                    repair_days: 0,
                    rest_days: Some(&facts.policy.rest_days),
                },
                WindowCode::MerchantPromise,
                promise.service,
            )?;
            window.promise = Some(index);
            Ok(window)
        })
        .collect()
}
