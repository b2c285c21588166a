//! The fields the contract names (contract 3, §3 and §4), declared once.
//!
//! The readers (`order.rs`, `policy.rs`) take every field name from here,
//! and the package's glue reads exactly these and nothing else from a JS
//! value: a page's order may carry items, a shop, back-references and
//! getters, and none of it is enumerated, copied or called. The glue gets
//! the shapes as JSON text once, written from this file with the tape's
//! tags by the boundary's build script (crates/shouhoubao-wasm/build.rs).
//! Every list and map carries its limit, so that a runaway input is refused
//! by its length before any item is read.
//!
//! A shape bounds the work of reading a value: no cycle can be followed and
//! nothing is deeper than the shape itself (an order is 3 levels deep, a
//! policy 5).
//!
//! Why: `docs/design.md`, "Why read by name?".

/// What the glue reads at a place.
#[derive(Debug)]
pub enum Shape {
    /// A string, number or boolean: read as it is (an object or array here
    /// is written as its kind only, never walked).
    Value,
    /// An ordinary object read by name: only these fields.
    Record(&'static [Field]),
    /// An array of at most `max` items, each of the item shape.
    List {
        /// The most items read; a longer array is refused by its length.
        max: usize,
        /// The shape of every item.
        item: &'static Shape,
    },
    /// An ordinary object used as a map: its own enumerable string keys, at
    /// most `max` of them, each value of the value shape.
    Map {
        /// The most members read; a larger map is refused by its size.
        max: usize,
        /// The shape of every member's value.
        value: &'static Shape,
    },
}

/// A named field of a [`Shape::Record`].
#[derive(Debug)]
pub struct Field {
    /// The field's name on the wire.
    pub name: &'static str,
    /// What the field holds.
    pub shape: Shape,
}

const fn value(name: &'static str) -> Field {
    Field {
        name,
        shape: Shape::Value,
    }
}

/// The longest string any field may hold, in UTF-16 code units (as
/// JavaScript counts a string's `length`): an order number, a category or
/// part name, a date, a policy version. A longer string is refused, not
/// copied.
pub const MAX_STRING: usize = 4096;

/// The most merchant promises an order may carry: a listing shows a few.
pub const MAX_PROMISES: usize = 100;

/// The most categories a snapshot may hold: Taobao's tree has tens of
/// thousands of leaves.
pub const MAX_CATEGORIES: usize = 200_000;

/// The most dates `holidays` or `workdays` may list: a snapshot carries a few
/// hundred, and a runaway list must not freeze the page.
pub const MAX_DATES: usize = 100_000;

/// The most parts one category's 三包 may name: a product has a handful.
pub const MAX_PARTS: usize = 1_000;

/// The most orders one `evaluateMany` call takes.
pub const MAX_ORDERS: usize = 1_000_000;

/// In the JS package, the most calls that may be open inside one another: a
/// getter or Proxy trap that one call reads may call the package again
/// (contract §7, "Calls inside calls"), but one that does so without end
/// would run the module's stack out and trap the instance. The glue refuses
/// the call past this depth before reading anything.
pub const MAX_CALLS_INSIDE_CALLS: usize = 32;

/// The order's field names (contract §4), in the order they are read.
pub mod order {
    /// The order number (a string).
    pub const ID: &str = "id";
    /// The category name.
    pub const CATEGORY: &str = "category";
    /// `pending`, `success` or `closed`.
    pub const STATUS: &str = "status";
    /// 交易成功.
    pub const SUCCESS_AT: &str = "successAt";
    /// 签收.
    pub const DELIVERED_AT: &str = "deliveredAt";
    /// The invoice date.
    pub const INVOICE_AT: &str = "invoiceAt";
    /// Days under repair.
    pub const REPAIR_DAYS: &str = "repairDays";
    /// The date of a 三包 exchange.
    pub const EXCHANGED_AT: &str = "exchangedAt";
    /// The merchant promises (商家承诺).
    pub const MERCHANT_PROMISES: &str = "merchantPromises";
}

/// A merchant promise's field names.
pub mod promise {
    /// `return`, `exchange` or `repair`.
    pub const SERVICE: &str = "service";
    /// The length in days.
    pub const DAYS: &str = "days";
    /// The length in months.
    pub const MONTHS: &str = "months";
    /// `success`, `delivery` or `invoice`.
    pub const FROM: &str = "from";
}

/// The policy snapshot's field names (contract §3), in the order they are read.
pub mod policy {
    /// The snapshot's version.
    pub const VERSION: &str = "version";
    /// The zone's offset.
    pub const UTC_OFFSET_MINUTES: &str = "utcOffsetMinutes";
    /// 法定节假日.
    pub const HOLIDAYS: &str = "holidays";
    /// 调休上班 make-up workdays.
    pub const WORKDAYS: &str = "workdays";
    /// Whether weekends are rest days.
    pub const WEEKENDS: &str = "weekends";
    /// The first date the holiday data covers.
    pub const HOLIDAYS_PUBLISHED_FROM: &str = "holidaysPublishedFrom";
    /// The last date the holiday data covers.
    pub const HOLIDAYS_PUBLISHED_THROUGH: &str = "holidaysPublishedThrough";
    /// The entry's days.
    pub const ENTRY_DAYS: &str = "entryDays";
    /// 七天无理由退货 days.
    pub const NO_REASON_RETURN_DAYS: &str = "noReasonReturnDays";
    /// Category name → settings.
    pub const CATEGORIES: &str = "categories";
}

/// A category's field names.
pub mod category {
    /// The category it inherits from.
    pub const PARENT: &str = "parent";
    /// The entry's days for the category.
    pub const ENTRY_DAYS: &str = "entryDays";
    /// Whether 七天无理由退货 applies.
    pub const NO_REASON_RETURN: &str = "noReasonReturn";
    /// 三包 periods.
    pub const THREE_GUARANTEES: &str = "threeGuarantees";
    /// Days for problems that take long to show.
    pub const LONG_DISCOVERY_DAYS: &str = "longDiscoveryDays";
}

/// The 三包 periods' field names.
pub mod three_guarantees {
    /// Return days.
    pub const RETURN_DAYS: &str = "returnDays";
    /// Exchange days.
    pub const EXCHANGE_DAYS: &str = "exchangeDays";
    /// Warranty months.
    pub const WARRANTY_MONTHS: &str = "warrantyMonths";
    /// Part name → months.
    pub const PARTS: &str = "parts";
}

/// The engine options' field names (the JS API).
pub mod options {
    /// `zh-CN` or `en`.
    pub const LOCALE: &str = "locale";
}

/// A merchant promise.
pub const PROMISE: Shape = Shape::Record(&[
    value(promise::SERVICE),
    value(promise::DAYS),
    value(promise::MONTHS),
    value(promise::FROM),
]);

/// An order.
pub const ORDER: Shape = Shape::Record(&[
    value(order::ID),
    value(order::CATEGORY),
    value(order::STATUS),
    value(order::SUCCESS_AT),
    value(order::DELIVERED_AT),
    value(order::INVOICE_AT),
    value(order::REPAIR_DAYS),
    value(order::EXCHANGED_AT),
    Field {
        name: order::MERCHANT_PROMISES,
        shape: Shape::List {
            max: MAX_PROMISES,
            item: &PROMISE,
        },
    },
]);

/// A category's 三包 periods.
pub const THREE_GUARANTEES: Shape = Shape::Record(&[
    value(three_guarantees::RETURN_DAYS),
    value(three_guarantees::EXCHANGE_DAYS),
    value(three_guarantees::WARRANTY_MONTHS),
    Field {
        name: three_guarantees::PARTS,
        shape: Shape::Map {
            max: MAX_PARTS,
            value: &Shape::Value,
        },
    },
]);

/// A category's own settings.
pub const CATEGORY: Shape = Shape::Record(&[
    value(category::PARENT),
    value(category::ENTRY_DAYS),
    value(category::NO_REASON_RETURN),
    Field {
        name: category::THREE_GUARANTEES,
        shape: THREE_GUARANTEES,
    },
    value(category::LONG_DISCOVERY_DAYS),
]);

const DATES: Shape = Shape::List {
    max: MAX_DATES,
    item: &Shape::Value,
};

/// A policy snapshot.
pub const POLICY: Shape = Shape::Record(&[
    value(policy::VERSION),
    value(policy::UTC_OFFSET_MINUTES),
    Field {
        name: policy::HOLIDAYS,
        shape: DATES,
    },
    Field {
        name: policy::WORKDAYS,
        shape: DATES,
    },
    value(policy::WEEKENDS),
    value(policy::HOLIDAYS_PUBLISHED_FROM),
    value(policy::HOLIDAYS_PUBLISHED_THROUGH),
    value(policy::ENTRY_DAYS),
    value(policy::NO_REASON_RETURN_DAYS),
    Field {
        name: policy::CATEGORIES,
        shape: Shape::Map {
            max: MAX_CATEGORIES,
            value: &CATEGORY,
        },
    },
]);

/// The JS API's engine options.
pub const OPTIONS: Shape = Shape::Record(&[value(options::LOCALE)]);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_plain_ascii_and_unique_per_record() {
        fn check(shape: &Shape) {
            match shape {
                Shape::Value => {}
                Shape::Record(fields) => {
                    for (i, field) in fields.iter().enumerate() {
                        assert!(field.name.bytes().all(|b| b.is_ascii_alphabetic()));
                        assert!(!fields[..i].iter().any(|f| f.name == field.name));
                        check(&field.shape);
                    }
                }
                Shape::List { item, .. } => check(item),
                Shape::Map { value, .. } => check(value),
            }
        }
        for shape in [&ORDER, &POLICY, &OPTIONS] {
            check(shape);
        }
    }
}

/// The published schema (schemars, from the input types' serde names) and
/// the shapes the glue reads by name the same fields: a field added to one
/// and not the other fails here.
#[cfg(all(test, feature = "schema"))]
mod schema_agrees {
    use super::*;
    use serde_json::Value;

    fn names(shape: &Shape) -> Vec<&'static str> {
        match shape {
            Shape::Record(fields) => fields.iter().map(|f| f.name).collect(),
            _ => Vec::new(),
        }
    }

    fn properties<'a>(schema: &'a Value, definition: Option<&str>) -> Vec<&'a str> {
        let object = match definition {
            None => Some(schema),
            Some(name) => schema.get("$defs").and_then(|d| d.get(name)),
        };
        let mut keys: Vec<&str> = object
            .and_then(|o| o.get("properties"))
            .and_then(Value::as_object)
            .map(|p| p.keys().map(String::as_str).collect())
            .unwrap_or_default();
        keys.sort_unstable();
        keys
    }

    #[test]
    fn the_schema_names_the_fields_the_glue_reads() {
        let schema = serde_json::to_value(crate::input::schema::policy_schema()).unwrap();
        for (shape, definition) in [
            (&POLICY, None),
            (&CATEGORY, Some("CategorySettings")),
            (&THREE_GUARANTEES, Some("ThreeGuarantees")),
        ] {
            let mut expected = names(shape);
            expected.sort_unstable();
            assert_eq!(properties(&schema, definition), expected, "{definition:?}");
        }
    }
}
