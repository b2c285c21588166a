//! The policy snapshot's JSON Schema, derived from the input types, for the
//! server teams that produce snapshots in other languages
//! (`shouhoubao policy --schema`, `docs/policy.schema.json`, and
//! `shouhoubao/policy.schema.json` in the npm package).
//!
//! The schema states the form of every field (types, ranges, date syntax,
//! list limits). What it cannot state — unknown parents, parent cycles, a
//! date listed as both holiday and workday — only the engine checks.

use super::values::{MAX_DAYS, MAX_MONTHS};
use super::PolicySnapshot;
use schemars::generate::SchemaSettings;
use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
use std::borrow::Cow;

/// A calendar date written `YYYY-MM-DD`.
pub struct PlainDate;

/// A whole number of days, at most 100 years.
pub struct DayCount;

/// A whole number of months, at most 100 years.
pub struct MonthCount;

impl JsonSchema for PlainDate {
    fn schema_name() -> Cow<'static, str> {
        "PlainDate".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A calendar date, YYYY-MM-DD.",
            "type": "string",
            "format": "date",
            "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
        })
    }
}

impl JsonSchema for DayCount {
    fn schema_name() -> Cow<'static, str> {
        "DayCount".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A whole number of days, at most 100 years.",
            "type": "integer",
            "minimum": 0,
            "maximum": MAX_DAYS,
        })
    }
}

impl JsonSchema for MonthCount {
    fn schema_name() -> Cow<'static, str> {
        "MonthCount".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A whole number of months, at most 100 years.",
            "type": "integer",
            "minimum": 0,
            "maximum": MAX_MONTHS,
        })
    }
}

/// The JSON Schema (draft 2020-12) of a policy snapshot.
pub fn policy_schema() -> Schema {
    let mut schema = SchemaSettings::draft2020_12()
        .into_generator()
        .into_root_schema_for::<PolicySnapshot>();
    // Integer widths are Rust's business, not the wire's: validators that
    // assert formats would refuse `int32`.
    strip_int_formats(&mut schema);
    schema
}

/// Removes `format: int32 / uint32` from a schema and its subschemas.
fn strip_int_formats(schema: &mut Schema) {
    if let Some(object) = schema.as_object_mut() {
        if matches!(
            object.get("format").and_then(|f| f.as_str()),
            Some("int32" | "uint32")
        ) {
            object.remove("format");
        }
    }
    schemars::transform::transform_subschemas(&mut strip_int_formats, schema);
}
