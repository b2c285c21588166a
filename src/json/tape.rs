//! A JSON value written flat, and read where it lies: the form every input
//! takes before the readers (`input`) look up the fields they need. The
//! package's JS glue writes JS values this way
//! (`crates/shouhoubao-wasm/js/boundary.js`: one read in JS of the fields
//! the contract names, one copy into linear memory);
//! JSON text and serde inputs are written this way natively (`de.rs`).
//!
//! The tape is two arrays. `ops` holds numbers: a tag, then what the tag
//! needs — a number's value, a string's length in UTF-8 bytes; an array or
//! object's item count, then how many ops and text bytes its items take
//! (so that a reader steps over it at once). An object's members are each
//! a key, written as a string, then its value. `text` holds every string's
//! UTF-8, in the order the strings come (lone surrogates written as U+FFFD,
//! as `TextEncoder` does).
//!
//! Nothing is built from a tape: a [`Value`] is a tag read where it lies,
//! its strings borrowed from the text, its arrays and objects views of
//! their items. Whoever writes a tape bounds its depth (the glue by the
//! contract's shapes, `de.rs` by [`MAX_DEPTH`](super::MAX_DEPTH)); a reader
//! only steps over what it does not look at.
//!
//! Why a tape: `docs/design.md`, "Why do orders cross as a tape, and answers as a record?".

/// The tags of the tape (build.rs writes the embedded default policy's tape
/// with them; the boundary's build script hands them to the glue by name).
#[path = "tape_tags.rs"]
pub mod tag;

/// What a value JS refused to give reads as, and what a malformed tape
/// reads as: the readers refuse it with the field's path.
pub const UNREADABLE: Value<'static> = Value::Foreign("a value that could not be read");

/// A value on a tape.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Value<'a> {
    /// `null` (and, from JS, `undefined`).
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number, as JavaScript holds it.
    Number(f64),
    /// A string, borrowed from the tape's text.
    String(&'a str),
    /// An array: a view of its items.
    Array(Items<'a>),
    /// An object: a view of its members, in order.
    Object(Items<'a>),
    /// A JS value with no JSON form, or an object that is not an ordinary
    /// one: `"a BigInt"`, `"a symbol"`, `"a function"`, `"a Map"`. Only the
    /// JS boundary writes these; every reader refuses them.
    Foreign(&'static str),
    /// An array or map the JS glue did not walk, being longer than its
    /// field may be (`input::shape`): its length. Only the boundary writes
    /// these; the readers refuse them with the field's limit.
    Long(usize),
    /// A string the JS glue did not copy, being longer than any field may
    /// hold (`input::shape::MAX_STRING`): its length
    /// in UTF-16 code units. Only the boundary writes these.
    LongString(usize),
}

impl<'a> Value<'a> {
    /// What kind of value this is, for messages ("a number", "an array").
    pub fn kind(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Bool(_) => "a boolean",
            Value::Number(_) => "a number",
            Value::String(_) => "a string",
            Value::Array(_) => "an array",
            Value::Object(_) => "an object",
            Value::Foreign(kind) => kind,
            Value::Long(_) => "a list too long to read",
            Value::LongString(_) => "a string too long to read",
        }
    }

    /// The member `key` of an object; `None` when absent, `null`, or `self`
    /// is not an object.
    #[cfg(any(feature = "json", test))]
    #[cfg_attr(not(feature = "json"), allow(dead_code))]
    pub fn get(&self, key: &str) -> Option<Value<'a>> {
        match self {
            Value::Object(members) => members
                .members()
                .find(|(k, _)| *k == key)
                .map(|(_, v)| v)
                .filter(|v| !matches!(v, Value::Null)),
            _ => None,
        }
    }
}

/// The items of an array or the members of an object, where they lie: the
/// ops and text they take, and how many they are. Two views are equal when
/// they hold the same values (a tape writes equal values alike).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Items<'a> {
    count: usize,
    ops: &'a [f64],
    text: &'a [u8],
}

impl<'a> Items<'a> {
    /// How many items (or members) there are.
    pub(crate) fn len(&self) -> usize {
        self.count
    }

    /// A reader at the first item.
    pub(crate) fn reader(&self) -> Reader<'a> {
        Reader::new(self.ops, self.text)
    }

    /// An array's items, in order; what a malformed tape holds reads as
    /// [`UNREADABLE`].
    pub fn values(&self) -> impl Iterator<Item = Value<'a>> {
        let mut reader = self.reader();
        (0..self.count).map(move |_| reader.next_value().unwrap_or(UNREADABLE))
    }

    /// An object's members, in order; a malformed tape ends them.
    pub fn members(&self) -> impl Iterator<Item = (&'a str, Value<'a>)> {
        let mut reader = self.reader();
        (0..self.count).map_while(move |_| reader.next_member())
    }
}

/// Reads values one after another from a tape, stepping over arrays and
/// objects whole.
#[derive(Debug, Clone)]
pub struct Reader<'a> {
    ops: &'a [f64],
    /// The tape's text, as UTF-8 bytes: each string is checked where it is
    /// read (the glue's bytes are copied into the module unchecked).
    text: &'a [u8],
    op: usize,
    byte: usize,
}

impl<'a> Reader<'a> {
    /// A reader at the start of a tape.
    pub fn new(ops: &'a [f64], text: &'a [u8]) -> Reader<'a> {
        Reader {
            ops,
            text,
            op: 0,
            byte: 0,
        }
    }

    /// Where the reader is: the next op and the next text byte.
    pub fn position(&self) -> (usize, usize) {
        (self.op, self.byte)
    }

    /// A reader of the same tape at `position` (one a reader gave).
    pub fn at(&self, (op, byte): (usize, usize)) -> Reader<'a> {
        Reader {
            op,
            byte,
            ..self.clone()
        }
    }

    /// The next value, and steps past it; `None` at the tape's end or
    /// where the tape is malformed.
    pub fn next_value(&mut self) -> Option<Value<'a>> {
        // A tag is a small whole number: any other number (the cast
        // saturates) is no tag or the wrong one, and reads as nothing or
        // as a value the readers refuse — never out of bounds.
        Some(match self.number()? as u8 {
            tag::NULL => Value::Null,
            tag::FALSE => Value::Bool(false),
            tag::TRUE => Value::Bool(true),
            tag::NUMBER => Value::Number(self.number()?),
            tag::STRING => Value::String(self.string()?),
            tag::ARRAY => Value::Array(self.items()?),
            tag::OBJECT => Value::Object(self.items()?),
            tag::BIGINT => Value::Foreign("a BigInt"),
            tag::SYMBOL => Value::Foreign("a symbol"),
            tag::FUNCTION => Value::Foreign("a function"),
            tag::UNREADABLE => UNREADABLE,
            tag::BUILT_IN => Value::Foreign(tag::BUILT_INS.get(self.count()?).copied()?),
            tag::TOO_LONG => Value::Long(self.count()?),
            tag::LONG_STRING => Value::LongString(self.count()?),
            tag::LONG_KEY => Value::Foreign("an object with a name too long to read"),
            _ => return None,
        })
    }

    /// The next member of an object: its key, then its value.
    pub fn next_member(&mut self) -> Option<(&'a str, Value<'a>)> {
        match self.next_value()? {
            Value::String(key) => Some((key, self.next_value()?)),
            _ => None,
        }
    }

    fn number(&mut self) -> Option<f64> {
        let n = self.ops.get(self.op).copied()?;
        self.op = self.op.checked_add(1)?;
        Some(n)
    }

    /// A count or a length: a whole number the glue wrote. (The cast
    /// saturates: a malformed one is checked where it is used, like any
    /// other, against the tape's bounds.)
    fn count(&mut self) -> Option<usize> {
        Some(self.number()? as usize)
    }

    /// The string after a STRING tag: the next bytes of the text, if
    /// they are UTF-8.
    fn string(&mut self) -> Option<&'a str> {
        let end = self.byte.checked_add(self.count()?)?;
        let text = std::str::from_utf8(self.text.get(self.byte..end)?).ok()?;
        self.byte = end;
        Some(text)
    }

    /// The items after an ARRAY or OBJECT tag, stepped over.
    fn items(&mut self) -> Option<Items<'a>> {
        let count = self.count()?;
        let op_span = self.count()?;
        let byte_span = self.count()?;
        let op_end = self.op.checked_add(op_span)?;
        let byte_end = self.byte.checked_add(byte_span)?;
        let ops = self.ops.get(self.op..op_end)?;
        // Every item takes at least one op.
        if count > ops.len() {
            return None;
        }
        let text = self.text.get(self.byte..byte_end)?;
        self.op = op_end;
        self.byte = byte_end;
        Some(Items { count, ops, text })
    }
}

/// A tape of the crate's own, written natively (JSON text, serde inputs).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Document {
    ops: Vec<f64>,
    text: String,
}

/// An array or object being written: where its header is.
#[must_use]
pub struct Open {
    header: usize,
    byte: usize,
}

impl Document {
    /// The value the document holds ([`UNREADABLE`] if it holds none).
    pub fn value(&self) -> Value<'_> {
        self.reader().next_value().unwrap_or(UNREADABLE)
    }

    /// A reader at the document's start.
    pub fn reader(&self) -> Reader<'_> {
        Reader::new(&self.ops, self.text.as_bytes())
    }

    fn tag(&mut self, tag: u8) {
        self.ops.push(f64::from(tag));
    }

    /// Writes `null`.
    pub fn null(&mut self) {
        self.tag(tag::NULL);
    }

    /// Writes `true` or `false`.
    pub fn boolean(&mut self, b: bool) {
        self.tag(if b { tag::TRUE } else { tag::FALSE });
    }

    /// Writes a number.
    pub fn number(&mut self, n: f64) {
        self.tag(tag::NUMBER);
        self.ops.push(n);
    }

    /// Writes a string (or an object member's key).
    pub fn string(&mut self, s: &str) {
        self.tag(tag::STRING);
        self.ops.push(s.len() as f64);
        self.text.push_str(s);
    }

    /// Starts an array; [`Document::close`] ends it.
    pub fn open_array(&mut self) -> Open {
        self.open(tag::ARRAY)
    }

    /// Starts an object: then each member's key ([`Document::string`]) and
    /// value; [`Document::close`] ends it.
    pub fn open_object(&mut self) -> Open {
        self.open(tag::OBJECT)
    }

    fn open(&mut self, tag: u8) -> Open {
        let header = self.ops.len();
        self.ops.extend([f64::from(tag), 0.0, 0.0, 0.0]);
        Open {
            header,
            byte: self.text.len(),
        }
    }

    /// Ends the array or object `open`, of `count` items (or members).
    pub fn close(&mut self, open: Open, count: usize) {
        let first = open.header.saturating_add(4);
        let spans = [
            count,
            self.ops.len().saturating_sub(first),
            self.text.len().saturating_sub(open.byte),
        ];
        let header = open.header.saturating_add(1)..first;
        if let Some(slots) = self.ops.get_mut(header) {
            for (slot, n) in slots.iter_mut().zip(spans) {
                *slot = n as f64;
            }
        }
    }

    /// Writes a copy of `value` (from any tape): `policy --check`'s stand-in
    /// snapshots, the internals' trees. (The wasm module has no use for it.)
    #[cfg_attr(target_arch = "wasm32", allow(dead_code))]
    pub fn copy(&mut self, value: Value<'_>) {
        match value {
            Value::Null => self.null(),
            Value::Bool(b) => self.boolean(b),
            Value::Number(n) => self.number(n),
            Value::String(s) => self.string(s),
            Value::Array(items) | Value::Object(items) => {
                let open = self.open(if matches!(value, Value::Array(_)) {
                    tag::ARRAY
                } else {
                    tag::OBJECT
                });
                self.ops.extend_from_slice(items.ops);
                // The items' strings are UTF-8 (each is checked where it is read).
                self.text.push_str(&String::from_utf8_lossy(items.text));
                self.close(open, items.count);
            }
            Value::Long(length) => {
                self.tag(tag::TOO_LONG);
                self.ops.push(length as f64);
            }
            Value::LongString(length) => {
                self.tag(tag::LONG_STRING);
                self.ops.push(length as f64);
            }
            // Only the glue writes these; a copy keeps them unreadable.
            Value::Foreign(_) => self.tag(tag::UNREADABLE),
        }
    }
}
