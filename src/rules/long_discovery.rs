//! 问题发现周期长的特殊类目 — in categories whose problems take long to show
//! (seedlings 苗木, flowers 花卉, pets 宠物: seeds that never sprout, a "hen"
//! that grows into a rooster), 售后保 keeps a window of `longDiscoveryDays`
//! calendar days from delivery.

use super::{counted, Facts};
use crate::calendar::{Extensions, Period};
use crate::error::EngineError;
use crate::window::{Service, Window, WindowCode};

pub fn window<'p>(facts: &Facts<'p, '_>) -> Result<Option<Window<'p>>, EngineError> {
    let Some(days) = facts.category.long_discovery_days else {
        return Ok(None);
    };
    counted(
        facts,
        facts.purchase.delivery,
        Period::Days(days),
        Extensions::NONE,
        WindowCode::LongDiscovery,
        Service::Any,
    )
    .map(Some)
}
