//! The data as callers send it: the policy snapshot and the order as serde
//! types (camelCase), before any rule is applied.
//!
//! Decoding works over any serde [`Deserializer`] — serde_json natively,
//! serde-wasm-bindgen in the browser — and turns every fault into an
//! [`EngineError`] naming the field's path. Range checks and cross-field
//! checks come after, in `policy` and `order`.

mod order;
mod policy;
mod values;

pub use order::{MerchantPromise, Order, OrderStatus, PromiseFrom, PromiseService};
pub use policy::{CategorySettings, PolicySnapshot, ThreeGuarantees};
pub use values::{DateInput, InstantInput, Object, PlainDate, WholeNumber};

use crate::error::{EngineError, ErrorCode};
use serde::{Deserialize, Deserializer};

/// Decodes a `T` from `deserializer`, turning a failure into an error with
/// `code` and the path of the field at fault.
pub fn decode<'de, T, D>(deserializer: D, code: ErrorCode) -> Result<T, EngineError>
where
    T: Deserialize<'de>,
    D: Deserializer<'de>,
{
    serde_path_to_error::deserialize(deserializer).map_err(|error| {
        let mut path = path_text(error.path());
        let inner = error.inner().to_string();
        // serde-wasm-bindgen's errors are JS errors, written "Error: …".
        let message = inner.strip_prefix("Error: ").unwrap_or(&inner).to_owned();
        // serde reports a missing field at its parent; the contract names the
        // field itself (`categories.tv.threeGuarantees.warrantyMonths`).
        if let Some(field) = missing_field(&message) {
            path = crate::error::join_path(&path, field);
        }
        EngineError::new(code, path, message)
    })
}

/// `a.b[0].c` from serde_path_to_error's segments.
fn path_text(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut out = String::new();
    for segment in path.iter() {
        match segment {
            Segment::Seq { index } => out = crate::error::join_path(&out, &format!("[{index}]")),
            Segment::Map { key } | Segment::Enum { variant: key } => {
                out = crate::error::join_path(&out, key)
            }
            Segment::Unknown => out = crate::error::join_path(&out, "?"),
        }
    }
    out
}

/// The field name in serde's "missing field `x`" message.
fn missing_field(message: &str) -> Option<&str> {
    let rest = message.strip_prefix("missing field `")?;
    let end = rest.find('`')?;
    rest.get(..end)
}
