//! shouhoubao — 售后保 after-sales eligibility.
//!
//! Given an order and a policy snapshot, tells how long the order's
//! after-sales entry (售后入口) stays open, which rule grants each window
//! (the entry, 七天无理由退货, 三包, merchant promises, long-discovery
//! categories), and why — the contract of `docs/contract.md`. The data walks
//! one way: the snapshot and the order as sent (any serde input; JSON text
//! with the `json` feature) → checked once, field by field, with paths →
//! the windows, one rule family at a time → the answer ([`Eligibility`]).
//! Why it is built the way it is (no panics, the size budget, the tape):
//! `docs/design.md`.
//!
//! ```
//! use shouhoubao::{Engine, Instant, Status};
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let engine = Engine::with_default_policy()?;
//! let order = serde_json::json!({
//!     "id": "T1", "category": "apparel", "status": "success",
//!     "successAt": "2021-09-20T20:15:00+08:00"
//! });
//! let now = Instant::parse_rfc3339("2021-09-24T09:00:00+08:00")?;
//! let answer = engine.evaluate_input(&order, now)?;
//! assert_eq!(answer.status, Status::Open);
//! assert_eq!(answer.remaining_days, Some(12));
//! # Ok(())
//! # }
//! ```
//!
//! # How the calendar counts (民法典 arts. 200–204)
//!
//! Calendar periods leave the anchor day out and end at 24:00 of their last
//! day, in the policy's fixed offset. A month period ends on the same day of
//! the month, or on the month's last day where it has none:
//!
//! ```
//! # use shouhoubao::{Engine, Instant, WindowCode};
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! // One month of warranty, no weekends: Jan 31 + 1 month is Feb 29 in 2024,
//! // and Feb 29 + 12 months is Feb 28, 2025.
//! let engine = Engine::from_policy(&serde_json::json!({
//!     "version": "doc", "entryDays": 15, "weekends": false,
//!     "categories": { "kettle": { "threeGuarantees":
//!         { "returnDays": 7, "exchangeDays": 15, "warrantyMonths": 1 } },
//!                     "phone": { "threeGuarantees":
//!         { "returnDays": 7, "exchangeDays": 15, "warrantyMonths": 12 } } }
//! }))?;
//! let warranty = |category: &str, invoice: &str| -> Result<String, Box<dyn std::error::Error>> {
//!     let order = serde_json::json!({ "id": "W", "category": category, "status": "success",
//!         "successAt": format!("{invoice}T12:00:00+08:00"), "invoiceAt": invoice });
//!     let answer = engine.evaluate_input(&order, Instant::parse_rfc3339("2024-01-01T00:00:00Z")?)?;
//!     let window = answer.windows.iter().find(|w| w.code == WindowCode::ThreeGuaranteesWarranty);
//!     Ok(window.map(|w| w.deadline.clone()).unwrap_or_default())
//! };
//! assert_eq!(warranty("kettle", "2024-01-31")?, "2024-03-01T00:00:00+08:00"); // ends Feb 29
//! assert_eq!(warranty("phone", "2024-02-29")?, "2025-03-01T00:00:00+08:00"); // ends Feb 28
//! # Ok(())
//! # }
//! ```
//!
//! 三包 periods roll over rest days (contract version 2): a last day on a
//! Saturday, Sunday or holiday moves to the next working day, unless it is a
//! 调休 make-up workday. A phone invoiced 2025-08-01 has 12 months of
//! warranty ending on Saturday 2026-08-01; it runs to the end of Monday:
//!
//! ```
//! # use shouhoubao::{Engine, Instant, WindowCode};
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let engine = Engine::with_default_policy()?;
//! let order = serde_json::json!({ "id": "P", "category": "mobile_phone", "status": "success",
//!     "successAt": "2025-08-03T12:00:00+08:00", "invoiceAt": "2025-08-01" });
//! let answer = engine.evaluate_input(&order, Instant::parse_rfc3339("2026-07-30T00:00:00+08:00")?)?;
//! let warranty = answer.windows.iter().find(|w| w.code == WindowCode::ThreeGuaranteesWarranty);
//! let warranty = warranty.ok_or("no warranty window")?;
//! assert_eq!(warranty.deadline, "2026-08-04T00:00:00+08:00");
//! assert_eq!((warranty.basis.rolled_days, warranty.basis.weekend_days), (2, 2));
//! assert!(!warranty.provisional); // 2026's holidays are published
//! # Ok(())
//! # }
//! ```
//!
//! # Features
//!
//! - `json`: JSON text in and out natively (serde_json): [`Engine::from_json_str`],
//!   [`Engine::evaluate_json_str`].
//! - `schema`: the policy snapshot's JSON Schema and `policy --check`.
//!
//! The `shouhoubao` command is a crate of its own (`crates/shouhoubao-cli`),
//! and so is the JS boundary of the npm package (`crates/shouhoubao-wasm`).

// The modules are the crate's own; callers use the re-exports below.
mod answer;
mod calendar;
mod eligibility;
mod engine;
mod error;
mod input;
mod json;
mod labels;
mod order;
mod policy;
mod rules;
mod sorting;
mod strings;
mod text;
mod time;
mod window;
mod wire;

// The crate's own macros, by path: `crate::cat!`, `crate::wire_enum!`.
use strings::cat;
use wire::wire_enum;

/// What the command, the JS boundary (crates/), the fuzz targets (fuzz/)
/// and the native benchmark read beyond the public API. Hidden, and not a
/// stable API: it follows the crate's insides.
#[doc(hidden)]
pub mod internals;

pub use answer::{ReasonCode, StateReason, Status};
pub use eligibility::{Eligibility, EligibilityWindow, Reason, WindowBasis};
pub use engine::Engine;
pub use error::{EngineError, ErrorCode};
pub use policy::{Policy, DEFAULT_POLICY_JSON};
pub use text::Locale;
pub use time::Instant;
pub use window::{Anchor, Counting, Service, WindowCode};

/// The crate's version.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The README's Rust examples run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
