//! shouhoubao — 售后保 after-sales eligibility.
//!
//! Given an order and a policy snapshot, tells how long the order's
//! after-sales entry (售后入口) stays open, which rule grants each window
//! (the entry, 七天无理由退货, 三包, merchant promises, long-discovery
//! categories), and why. The data walks one way:
//!
//! JSON → [`json`] → [`input`] (read field by field) → [`policy`] and [`order`] (checked) →
//! [`rules`] (windows) → [`answer`] (status, binding window, next change) →
//! [`Eligibility`] → JSON.
//!
//! ```
//! use shouhoubao::{Engine, Instant};
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let engine = Engine::with_default_policy()?;
//! let order = serde_json::json!({
//!     "id": "T1", "category": "apparel", "status": "success",
//!     "successAt": "2021-09-20T20:15:00+08:00"
//! });
//! let now = Instant::parse_rfc3339("2021-09-24T09:00:00+08:00")?;
//! let answer = engine.evaluate_input(&order, now)?;
//! assert_eq!(answer.remaining_days, Some(12));
//! # Ok(())
//! # }
//! ```

// No panics in library code: a panic in WebAssembly traps and kills the
// page's instance. Tests live under tests/ and may unwrap.
#![deny(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::unreachable,
    clippy::todo,
    clippy::unimplemented,
    clippy::arithmetic_side_effects
)]

pub mod answer;
pub mod calendar;
pub mod eligibility;
pub mod engine;
pub mod error;
pub mod input;
pub mod json;
pub mod order;
pub mod policy;
pub mod rules;
pub mod sorting;
pub mod strings;
pub mod text;
pub mod time;
pub mod window;
pub mod wire;

pub use eligibility::Eligibility;
pub use engine::{now_from_millis, Engine};
pub use error::{EngineError, ErrorCode};
pub use text::Locale;
pub use time::Instant;

/// The crate's version.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

#[cfg(target_arch = "wasm32")]
pub mod wasm;

/// The README's Rust examples run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
