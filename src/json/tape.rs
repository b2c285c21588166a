//! A JSON value written flat, as the package's JS glue writes a JS value for
//! the module (`js/boundary.js`): one read in JS of the fields the contract
//! names (`input::shape`), one copy into linear memory, instead of a
//! boundary call for every field.
//!
//! The tape is two arrays. `ops` holds numbers: a tag, then what the tag
//! needs — a number's value, a string's length in UTF-8 bytes, an array's
//! item count, an object's member count (each member: its key as a string,
//! then its value). `text` holds every string's UTF-8, in the order the
//! strings come (lone surrogates written as U+FFFD, as `TextEncoder` does);
//! the values read borrow their strings from it.
//!
//! Why a tape: `docs/design.md`, "Why do orders cross as a tape, and answers as a record?".

use super::{Json, MAX_DEPTH};

/// The tags of the tape (build.rs writes the embedded default policy's tape
/// with them, and hands them to the glue by name).
#[path = "tape_tags.rs"]
pub mod tag;

/// What a value JS refused to give reads as: the readers refuse it with the
/// field's path.
pub const UNREADABLE: Json<'static> = Json::Foreign("a value that could not be read");

/// Reads values one after another from a tape.
pub struct Tape<'o, 'a> {
    ops: &'o [f64],
    text: &'a str,
    op: usize,
    byte: usize,
}

impl<'o, 'a> Tape<'o, 'a> {
    pub fn new(ops: &'o [f64], text: &'a str) -> Tape<'o, 'a> {
        Tape {
            ops,
            text,
            op: 0,
            byte: 0,
        }
    }

    /// The next value; `Err` for nesting too deep or a malformed tape.
    pub fn value(&mut self) -> Result<Json<'a>, String> {
        self.read(0)
    }

    // `op` indexes the ops just read: one more is at most their length.
    #[allow(clippy::arithmetic_side_effects)]
    fn number(&mut self) -> Result<f64, String> {
        let n = self.ops.get(self.op).copied().ok_or_else(truncated)?;
        self.op += 1;
        Ok(n)
    }

    fn count(&mut self) -> Result<usize, String> {
        let n = self.number()?;
        // Counts are whole and at most the tape's own length.
        if n.fract() != 0.0 || !(0.0..=4_294_967_295.0).contains(&n) {
            return Err(truncated());
        }
        Ok(n as usize)
    }

    /// The string after a STRING tag: the next bytes of the text.
    fn string(&mut self) -> Result<&'a str, String> {
        let length = self.count()?;
        let end = self.byte.checked_add(length).ok_or_else(truncated)?;
        let text = self.text.get(self.byte..end).ok_or_else(truncated)?;
        self.byte = end;
        Ok(text)
    }

    fn read(&mut self, depth: usize) -> Result<Json<'a>, String> {
        let tag = self.number()?;
        // Tags are small whole numbers; anything else is not a tag.
        let tag = if tag.fract() == 0.0 && (0.0..=255.0).contains(&tag) {
            tag as u8
        } else {
            return Err(truncated());
        };
        let inner = || {
            if depth >= MAX_DEPTH {
                Err("nested too deeply".to_owned())
            } else {
                // Below MAX_DEPTH.
                #[allow(clippy::arithmetic_side_effects)]
                Ok(depth + 1)
            }
        };
        Ok(match tag {
            tag::NULL => Json::Null,
            tag::FALSE => Json::Bool(false),
            tag::TRUE => Json::Bool(true),
            tag::NUMBER => Json::Number(self.number()?),
            tag::STRING => Json::String(self.string()?.into()),
            tag::ARRAY => {
                let depth = inner()?;
                let count = self.count()?;
                let mut items = Vec::with_capacity(count.min(self.ops.len()));
                for _ in 0..count {
                    items.push(self.read(depth)?);
                }
                Json::Array(items)
            }
            tag::OBJECT => {
                let depth = inner()?;
                let count = self.count()?;
                let mut members = Vec::with_capacity(count.min(self.ops.len()));
                for _ in 0..count {
                    let key = match self.number()? {
                        t if t == f64::from(tag::STRING) => self.string()?.into(),
                        _ => return Err(truncated()),
                    };
                    members.push((key, self.read(depth)?));
                }
                Json::Object(members)
            }
            tag::BIGINT => Json::Foreign("a BigInt"),
            tag::SYMBOL => Json::Foreign("a symbol"),
            tag::FUNCTION => Json::Foreign("a function"),
            tag::UNREADABLE => UNREADABLE,
            tag::BUILT_IN => {
                let index = self.count()?;
                Json::Foreign(tag::BUILT_INS.get(index).copied().ok_or_else(truncated)?)
            }
            tag::TOO_LONG => Json::Long(self.count()?),
            tag::LONG_STRING => Json::LongString(self.count()?),
            tag::LONG_KEY => Json::Foreign("an object with a name too long to read"),
            _ => return Err(truncated()),
        })
    }
}

fn truncated() -> String {
    "the value could not be read from the glue's tape".to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_an_object_with_every_kind_of_value() {
        let text = "idT1nlist";
        let ops = [
            6.0, 4.0, // object of 4 members
            4.0, 2.0, 4.0, 2.0, // "id": "T1"
            4.0, 1.0, 3.0, 1.5, // "n": 1.5
            4.0, 4.0, 5.0, 3.0, 0.0, 2.0, 7.0, // "list": [null, true, BigInt]
            4.0, 0.0, 10.0, // "": unreadable
        ];
        let value = Tape::new(&ops, text).value().unwrap();
        assert_eq!(
            value,
            Json::Object(vec![
                ("id".into(), Json::String("T1".into())),
                ("n".into(), Json::Number(1.5)),
                (
                    "list".into(),
                    Json::Array(vec![
                        Json::Null,
                        Json::Bool(true),
                        Json::Foreign("a BigInt")
                    ])
                ),
                (String::new().into(), UNREADABLE),
            ])
        );
    }

    #[test]
    fn strings_borrow_from_the_text_and_end_on_char_boundaries() {
        let ops = [4.0, 3.0];
        let value = Tape::new(&ops, "é!").value().unwrap();
        assert!(matches!(
            value,
            Json::String(std::borrow::Cow::Borrowed("é!"))
        ));
        assert!(
            Tape::new(&[4.0, 1.0], "é").value().is_err(),
            "mid-character"
        );
    }

    #[test]
    fn depth_and_malformed_tapes_are_errors_not_panics() {
        let deep: Vec<f64> = std::iter::repeat([5.0, 1.0])
            .take(MAX_DEPTH + 1)
            .flatten()
            .chain([0.0])
            .collect();
        assert_eq!(
            Tape::new(&deep, "").value(),
            Err("nested too deeply".into())
        );
        let ok: Vec<f64> = std::iter::repeat([5.0, 1.0])
            .take(MAX_DEPTH)
            .flatten()
            .chain([0.0])
            .collect();
        assert!(Tape::new(&ok, "").value().is_ok());
        for bad in [
            &[][..],
            &[99.0],
            &[4.0, 5.0],
            &[5.0, 2.0, 0.0],
            &[3.0],
            &[6.0, 1.0, 0.0, 0.0],
            &[f64::NAN],
        ] {
            assert!(Tape::new(bad, "").value().is_err(), "{bad:?}");
        }
        assert_eq!(
            Tape::new(&[11.0, 0.0], "").value(),
            Ok(Json::Foreign("a Map"))
        );
        assert!(Tape::new(&[11.0, 99.0], "").value().is_err());
        assert_eq!(
            Tape::new(&[13.0, 5000.0], "").value(),
            Ok(Json::LongString(5000))
        );
    }
}
