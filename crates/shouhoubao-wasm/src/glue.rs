//! The JS half of the boundary, `js/boundary.js`, as the module imports it:
//! the encoder that writes the fields the contract names of a JS value onto
//! a tape (by the shapes of the engine's `input::shape`), and the decoder that builds
//! answers from a record. Every import is a catching one, so that no
//! JS exception can unwind through the module.

use super::record::Written;
use js_sys::{Float64Array, Uint8Array};
use shouhoubao::internals::Reader;
use wasm_bindgen::prelude::*;

/// What the JS glue is configured with, as JSON text written by build.rs
/// from the engine's shapes and the tape's tags: `{"tags":{name:n,…},
/// "builtIns":[…],"shapes":{"order":…,"policy":…,"options":…},
/// "maxString":n,"maxOrders":n,"maxCallsInsideCalls":n,"answerSlots":[…],
/// "windowSlots":[…]}` (the record's layouts, `slots.rs`).
const GLUE_CONFIGURATION: &str = include_str!(concat!(env!("OUT_DIR"), "/glue_configuration.json"));

#[wasm_bindgen(module = "/js/boundary.js")]
extern "C" {
    #[wasm_bindgen(catch, js_name = configure)]
    fn configure(configuration_json: &str) -> Result<(), JsValue>;
    #[wasm_bindgen(js_name = isConfigured)]
    fn is_configured() -> bool;
    #[wasm_bindgen(catch, js_name = encodeInput)]
    fn encode_input(value: &JsValue, which: &str) -> Result<(), JsValue>;
    #[wasm_bindgen(catch, js_name = encodeOrders)]
    fn encode_orders(orders: &JsValue) -> Result<f64, JsValue>;
    #[wasm_bindgen(catch, js_name = tapeOps)]
    fn tape_ops() -> Result<Float64Array, JsValue>;
    #[wasm_bindgen(catch, js_name = tapeText)]
    fn tape_text() -> Result<Uint8Array, JsValue>;
    #[wasm_bindgen(catch, js_name = takeOrderIds)]
    fn take_order_ids() -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_name = endTape)]
    fn end_tape() -> Result<(), JsValue>;
    #[wasm_bindgen(catch, js_name = tapeValue)]
    fn tape_value(ops: &Float64Array, text: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_name = newTables)]
    fn new_tables(memory: &JsValue) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_name = decode)]
    #[allow(clippy::too_many_arguments)]
    fn decode(
        tables: &JsValue,
        order_ids: &JsValue,
        header_ptr: u32,
        header_len: u32,
        slots_ptr: u32,
        slots_len: u32,
        chars_ptr: u32,
        chars_len: u32,
        single: bool,
    ) -> Result<JsValue, JsValue>;
}

/// A tape copied into the module's memory, and the ids of the orders on it
/// (the caller's own strings, kept by the glue for the answers).
pub struct OwnedTape {
    ops: Vec<f64>,
    text: Vec<u8>,
    pub order_ids: JsValue,
}

impl OwnedTape {
    pub fn reader(&self) -> Reader<'_> {
        Reader::new(&self.ops, &self.text)
    }
}

/// What is read of a JS value: the fields the contract names for it.
#[derive(Debug, Clone, Copy)]
pub enum Input {
    /// An order (contract §4).
    Order,
    /// A policy snapshot (contract §3).
    Policy,
    /// The engine's options.
    Options,
}

impl Input {
    fn name(self) -> &'static str {
        match self {
            Input::Order => "order",
            Input::Policy => "policy",
            Input::Options => "options",
        }
    }
}

fn ready() -> Result<(), JsValue> {
    if is_configured() {
        return Ok(());
    }
    configure(GLUE_CONFIGURATION)
}

/// Runs `encode`, copies the tape it wrote and lets the glue close it,
/// whatever happened: a call inside this one (from a getter) has closed
/// its own tape by then.
fn encoded<T>(encode: impl FnOnce() -> Result<T, JsValue>) -> Result<(T, OwnedTape), JsValue> {
    let result = encode().and_then(|written| {
        let ops = tape_ops()?.to_vec();
        // The encoder writes UTF-8; each string is checked where it is
        // read (`json::tape`), never trusted.
        let text = tape_text()?.to_vec();
        let order_ids = take_order_ids()?;
        Ok((
            written,
            OwnedTape {
                ops,
                text,
                order_ids,
            },
        ))
    });
    // Closing cannot fail (it only puts the outer tape back); the call's
    // own outcome is what matters.
    let closed = end_tape();
    result.and_then(|taken| closed.map(|()| taken))
}

/// What the contract names of a JS value, on a tape, to read as a [`Value`]
/// value.
///
/// [`Value`]: shouhoubao::internals::Value
pub fn read_value(value: &JsValue, input: Input) -> Result<OwnedTape, JsValue> {
    ready()?;
    encoded(|| encode_input(value, input.name())).map(|((), tape)| tape)
}

/// The orders of an array, on one tape: `Ok(None)` when `orders` is not an
/// array or its length cannot be read; a count over [`MAX_ORDERS`] comes
/// with an empty tape (nothing was read).
pub fn read_items(orders: &JsValue) -> Result<Option<(usize, OwnedTape)>, JsValue> {
    ready()?;
    let (count, tape) = encoded(|| encode_orders(orders))?;
    if count < 0.0 {
        return Ok(None);
    }
    // A whole number below 2^32, from the encoder.
    Ok(Some((count as usize, tape)))
}

/// The JS value a tape of the module's own holds (ASCII text only).
pub fn value_of_tape(ops: &[f64], text: &str) -> Result<JsValue, JsValue> {
    ready()?;
    tape_value(&Float64Array::from(ops), text)
}

/// The decoder's tables for a new engine.
pub fn tables() -> Result<JsValue, JsValue> {
    new_tables(&wasm_bindgen::memory())
}

/// The answers of a record, as JS values: an array, or the one answer.
/// `order_ids`: the ids the glue kept for the orders of the call.
pub fn answers(
    tables: &JsValue,
    order_ids: &JsValue,
    record: Written<'_>,
    single: bool,
) -> Result<JsValue, JsValue> {
    let place = |ptr: usize, len: usize| -> (u32, u32) {
        // wasm32: addresses and lengths fit in u32.
        (
            u32::try_from(ptr).unwrap_or(0),
            u32::try_from(len).unwrap_or(0),
        )
    };
    let (hp, hl) = place(record.header.as_ptr() as usize, record.header.len());
    let (sp, sl) = place(record.slots.as_ptr() as usize, record.slots.len());
    let (cp, cl) = place(record.chars.as_ptr() as usize, record.chars.len());
    decode(tables, order_ids, hp, hl, sp, sl, cp, cl, single)
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_glue_gets_every_shape_as_json() {
        let configuration: serde_json::Value =
            serde_json::from_str(super::GLUE_CONFIGURATION).unwrap();
        for name in ["order", "policy", "options"] {
            assert!(configuration["shapes"][name].is_object(), "{name}");
        }
        assert!(super::GLUE_CONFIGURATION.contains(
            r#"["merchantPromises",{"list":100,"item":{"record":[["service",0],["days",0],["months",0],["from",0]]}}]"#
        ));
    }
}
