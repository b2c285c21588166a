//! The JS half of the boundary, `js/boundary.js`, as the module imports it:
//! the encoder that writes a JS value onto a tape, and the decoder that
//! builds answers from a record. Every import is a catching one, so that no
//! JS exception can unwind through the module.

use super::record::Written;
use crate::input::LENGTH_LIMITS;
use crate::json::tape::{Tape, MAX_ITEMS, TAGS};
use crate::json::MAX_DEPTH;
use js_sys::{Float64Array, Uint8Array};
use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/js/boundary.js")]
extern "C" {
    #[wasm_bindgen(catch, js_name = configure)]
    fn configure(
        tags_json: &str,
        max_depth: u32,
        max_items: u32,
        limits_json: &str,
    ) -> Result<(), JsValue>;
    #[wasm_bindgen(js_name = isConfigured)]
    fn is_configured() -> bool;
    #[wasm_bindgen(catch, js_name = encodeValue)]
    fn encode_value(value: &JsValue) -> Result<(), JsValue>;
    #[wasm_bindgen(catch, js_name = encodeItems)]
    fn encode_items(orders: &JsValue) -> Result<f64, JsValue>;
    #[wasm_bindgen(catch, js_name = tapeOps)]
    fn tape_ops() -> Result<Float64Array, JsValue>;
    #[wasm_bindgen(catch, js_name = tapeText)]
    fn tape_text() -> Result<Uint8Array, JsValue>;
    #[wasm_bindgen(catch, js_name = tapeValue)]
    fn tape_value(ops: &Float64Array, text: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_name = newTables)]
    fn new_tables(memory: &JsValue) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_name = decode)]
    #[allow(clippy::too_many_arguments)]
    fn decode(
        tables: &JsValue,
        header_ptr: u32,
        header_len: u32,
        slots_ptr: u32,
        slots_len: u32,
        chars_ptr: u32,
        chars_len: u32,
        single: bool,
    ) -> Result<JsValue, JsValue>;
}

/// A tape copied into the module's memory.
pub struct OwnedTape {
    ops: Vec<f64>,
    text: String,
}

impl OwnedTape {
    pub fn reader(&self) -> Tape<'_, '_> {
        Tape::new(&self.ops, &self.text)
    }
}

fn ready() -> Result<(), JsValue> {
    if is_configured() {
        return Ok(());
    }
    let tags = json_object(TAGS.iter().map(|(name, tag)| (*name, usize::from(*tag))));
    let limits = json_object(LENGTH_LIMITS.iter().copied());
    let max_items = u32::try_from(MAX_ITEMS).unwrap_or(u32::MAX);
    let max_depth = u32::try_from(MAX_DEPTH).unwrap_or(u32::MAX);
    configure(&tags, max_depth, max_items, &limits)
}

/// `{"name":n,…}` (the names are the module's own: no escaping needed).
fn json_object<'a>(entries: impl Iterator<Item = (&'a str, usize)>) -> String {
    let mut text = String::from("{");
    for (i, (name, n)) in entries.enumerate() {
        let comma = if i == 0 { "" } else { "," };
        text.push_str(&crate::cat!(comma, "\"", name, "\":", n));
    }
    text.push('}');
    text
}

fn take_tape() -> Result<OwnedTape, JsValue> {
    let ops = tape_ops()?.to_vec();
    // The encoder writes UTF-8; checked all at once, never trusted.
    let text = String::from_utf8(tape_text()?.to_vec())
        .map_err(|_| JsValue::from_str("shouhoubao: the glue wrote a tape that is not UTF-8"))?;
    Ok(OwnedTape { ops, text })
}

/// A JS value on a tape, to read as a [`Json`] value.
pub fn read_value(value: &JsValue) -> Result<OwnedTape, JsValue> {
    ready()?;
    encode_value(value)?;
    take_tape()
}

/// The items of an array of orders, on one tape: `Ok(None)` when `orders`
/// is not an array or its length cannot be read.
pub fn read_items(orders: &JsValue) -> Result<Option<(usize, OwnedTape)>, JsValue> {
    ready()?;
    let count = encode_items(orders)?;
    if count < 0.0 {
        return Ok(None);
    }
    // A whole number below 2^32, from the encoder.
    Ok(Some((count as usize, take_tape()?)))
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
pub fn answers(tables: &JsValue, record: Written<'_>, single: bool) -> Result<JsValue, JsValue> {
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
    decode(tables, hp, hl, sp, sl, cp, cl, single)
}
