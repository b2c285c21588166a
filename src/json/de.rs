//! A [`Document`] from any serde deserializer — serde_json for JSON text
//! (`text.rs`), a caller's `serde_json::Value` or any other serde input
//! (`Engine::from_policy`, `Engine::evaluate_input`) — with the contract's
//! limits: nesting bounded, duplicate keys refused, a unit or `None` read as
//! `null`. (JS values reach the module through the glue's tape instead,
//! `tape.rs`.)

use super::{Document, KeySet, MAX_DEPTH};
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use std::fmt;

impl Document {
    /// Writes any serde input onto a new document.
    pub fn from_serde<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Document, D::Error> {
        let mut document = Document::default();
        Writing {
            document: &mut document,
            depth: 0,
        }
        .deserialize(deserializer)?;
        Ok(document)
    }
}

/// Writes a value found `depth` levels deep onto `document`.
struct Writing<'w> {
    document: &'w mut Document,
    depth: usize,
}

impl<'de> DeserializeSeed<'de> for Writing<'_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl Writing<'_> {
    /// A writer of the values one level deeper.
    // Below MAX_DEPTH, so one more cannot overflow.
    #[allow(clippy::arithmetic_side_effects)]
    fn deeper<E: de::Error>(&mut self) -> Result<Writing<'_>, E> {
        if self.depth >= MAX_DEPTH {
            Err(E::custom("nested too deeply"))
        } else {
            Ok(Writing {
                document: self.document,
                depth: self.depth + 1,
            })
        }
    }
}

impl<'de> Visitor<'de> for Writing<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        self.document.null();
        Ok(())
    }
    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        self.visit_unit()
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        self.deserialize(d)
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<(), E> {
        self.document.boolean(v);
        Ok(())
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<(), E> {
        self.visit_f64(v as f64)
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<(), E> {
        self.visit_f64(v as f64)
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<(), E> {
        self.document.number(v);
        Ok(())
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<(), E> {
        self.document.string(v);
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(mut self, mut seq: A) -> Result<(), A::Error> {
        let open = self.document.open_array();
        let mut count = 0usize;
        while seq.next_element_seed(self.deeper()?)?.is_some() {
            count = count.saturating_add(1);
        }
        self.document.close(open, count);
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(mut self, mut map: A) -> Result<(), A::Error> {
        let open = self.document.open_object();
        let mut keys = KeySet::default();
        let mut count = 0usize;
        while let Some(key) = map.next_key_seed(Key)? {
            if !keys.insert(&key) {
                return Err(de::Error::custom(crate::cat!(
                    "duplicate key ",
                    crate::strings::quoted(&key)
                )));
            }
            self.document.string(&key);
            map.next_value_seed(self.deeper()?)?;
            count = count.saturating_add(1);
        }
        self.document.close(open, count);
        Ok(())
    }
}

/// An object key: a string. (A visitor of its own, so that no other form of
/// key pulls serde's generic "invalid type" messages into the wasm module.)
struct Key;

impl<'de> DeserializeSeed<'de> for Key {
    type Value = String;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<String, D::Error> {
        deserializer.deserialize_string(self)
    }
}

impl Visitor<'_> for Key {
    type Value = String;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string key")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<String, E> {
        Ok(v.to_owned())
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<String, E> {
        Ok(v)
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<String, E> {
        Err(E::custom("object keys must be strings"))
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<String, E> {
        Err(E::custom("object keys must be strings"))
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<String, E> {
        Err(E::custom("object keys must be strings"))
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<String, E> {
        Err(E::custom("object keys must be strings"))
    }
}
