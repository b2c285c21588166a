//! [`Json`] from any serde deserializer — serde_json for JSON text
//! (`text.rs`), a caller's `serde_json::Value` or any other serde input
//! (`Engine::from_policy`, `Engine::evaluate_input`) — with the contract's
//! limits: nesting bounded, duplicate keys refused, a unit or `None` read as
//! `null`. (JS values reach the module through the glue's tape instead,
//! `tape.rs`.)

use super::{Json, MAX_DEPTH};
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use std::fmt;

impl<'de> de::Deserialize<'de> for Json<'static> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Json<'static>, D::Error> {
        Depth(0).deserialize(deserializer)
    }
}

/// Deserialises a value found `0` levels deep.
#[derive(Clone, Copy)]
struct Depth(usize);

impl<'de> DeserializeSeed<'de> for Depth {
    type Value = Json<'static>;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Json<'static>, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl Depth {
    // Below MAX_DEPTH, so one more cannot overflow.
    #[allow(clippy::arithmetic_side_effects)]
    fn deeper<E: de::Error>(self) -> Result<Depth, E> {
        if self.0 >= MAX_DEPTH {
            Err(E::custom("nested too deeply"))
        } else {
            Ok(Depth(self.0 + 1))
        }
    }
}

impl<'de> Visitor<'de> for Depth {
    type Value = Json<'static>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_unit<E: de::Error>(self) -> Result<Json<'static>, E> {
        Ok(Json::Null)
    }
    fn visit_none<E: de::Error>(self) -> Result<Json<'static>, E> {
        Ok(Json::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Json<'static>, D::Error> {
        self.deserialize(d)
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Json<'static>, E> {
        Ok(Json::Bool(v))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Json<'static>, E> {
        Ok(Json::Number(v as f64))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Json<'static>, E> {
        Ok(Json::Number(v as f64))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Json<'static>, E> {
        Ok(Json::Number(v))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Json<'static>, E> {
        Ok(Json::String(v.to_owned().into()))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Json<'static>, E> {
        Ok(Json::String(v.into()))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Json<'static>, A::Error> {
        let inner = self.deeper()?;
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(64));
        while let Some(item) = seq.next_element_seed(inner)? {
            items.push(item);
        }
        Ok(Json::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Json<'static>, A::Error> {
        let inner = self.deeper()?;
        let mut members: Vec<(std::borrow::Cow<'static, str>, Json<'static>)> = Vec::new();
        let mut keys = super::KeySet::default();
        while let Some(key) = map.next_key_seed(Key)? {
            if !keys.insert(&key, &members) {
                return Err(de::Error::custom(crate::cat!(
                    "duplicate key ",
                    crate::strings::quoted(&key)
                )));
            }
            let value = map.next_value_seed(inner)?;
            members.push((key.into(), value));
        }
        Ok(Json::Object(members))
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
