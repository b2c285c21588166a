//! The data as callers send it: the policy snapshot and the order, read from
//! a [`Json`](crate::json::Json) value field by field. Each field's own
//! checks — type, form, range — happen here, and every fault names the
//! field's path; relations between fields are checked in `policy` and `order`.

mod order;
mod policy;
pub mod read;
#[cfg(feature = "schema")]
pub mod schema;
mod values;

pub use order::{
    MerchantPromise, Order, OrderStatus, PromiseFrom, PromiseLength, PromiseService, MAX_PROMISES,
};
pub use policy::{CategorySettings, PolicySnapshot, MAX_CATEGORIES, MAX_DATES};
pub use values::DateInput;

/// The top-level fields of a snapshot or an order whose length is limited,
/// with their limits: the JS glue does not walk a longer one (it reads as
/// [`Json::Long`](crate::json::Json::Long)), so that a runaway list is
/// refused at once.
#[cfg_attr(not(feature = "wasm"), allow(dead_code))]
pub const LENGTH_LIMITS: &[(&str, usize)] = &[
    ("categories", MAX_CATEGORIES),
    ("holidays", MAX_DATES),
    ("workdays", MAX_DATES),
    ("merchantPromises", MAX_PROMISES),
];
