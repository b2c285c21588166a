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
