//! The data as callers send it: the policy snapshot and the order, read from
//! a [`Json`](crate::json::Json) value field by field. Each field's own
//! checks — type, form, range — happen here, and every fault names the
//! field's path; relations between fields are checked in `policy` and `order`.

mod order;
mod policy;
pub mod read;
pub mod schema;
mod values;

pub use order::{
    MerchantPromise, Order, OrderStatus, PromiseFrom, PromiseLength, PromiseService, MAX_PROMISES,
};
pub use policy::{CategorySettings, PolicySnapshot, ThreeGuarantees, MAX_CATEGORIES, MAX_DATES};
pub use values::{DateInput, WholeNumber, MAX_DAYS, MAX_MONTHS};
