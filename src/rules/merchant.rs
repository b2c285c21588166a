//! 商家承诺 — a merchant's own promise (e.g. a 2-year warranty) keeps its
//! service open for its days or months from the date it names, beyond 三包.

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
                Extensions::NONE,
                WindowCode::MerchantPromise,
                promise.service,
            )?;
            window.promise = Some(index);
            Ok(window)
        })
        .collect()
}
