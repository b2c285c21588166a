//! The data as callers send it: the policy snapshot and the order, read from
//! a tape's [`Value`](crate::json::Value) field by field. Each field's own
//! checks — type, form, range — happen here, and every fault names the
//! field's path; relations between fields are checked in `policy` and `order`.

mod order;
mod policy;
pub mod read;
#[cfg(feature = "schema")]
pub mod schema;
pub mod shape;
mod values;

pub use order::{MerchantPromise, Order, OrderStatus, PromiseFrom, PromiseLength, PromiseService};
pub use policy::{CategorySettings, PolicySnapshot};
pub use values::DateInput;

/// What the JS glue is configured with, as JSON text written by build.rs
/// from [`shape`] and the tape's tags: `{"tags":{name:n,…},"builtIns":[…],
/// "shapes":{"order":…,"policy":…,"options":…},"maxString":n,
/// "maxOrders":n,"answerSlots":[…],"windowSlots":[…]}` (the record's
/// layouts, `wasm/slots.rs`). A shape is `0` for a value, `{"record":[[name,shape],…]}`,
/// `{"list":max,"item":shape}` or `{"map":max,"value":shape}`.
#[cfg_attr(not(feature = "wasm"), allow(dead_code))]
pub(crate) const GLUE_CONFIGURATION: &str =
    include_str!(concat!(env!("OUT_DIR"), "/glue_configuration.json"));
