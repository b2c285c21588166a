//! Writing JSON text without `std::fmt`: the answers leave the wasm module
//! as one JSON text that `JSON.parse` turns into objects in a single call.

/// Builds one JSON text. Commas are placed by the writer: call `key` before
/// each member's value, and write array elements one after another.
#[derive(Debug, Default)]
pub struct Writer {
    out: String,
    /// For each open object or array: whether it already holds a value.
    filled: Vec<bool>,
    /// A key was just written: the next value belongs to it.
    after_key: bool,
}

impl Writer {
    pub fn new() -> Writer {
        Writer::default()
    }

    /// A writer whose text starts with room for `bytes`.
    pub fn with_capacity(bytes: usize) -> Writer {
        Writer {
            out: String::with_capacity(bytes),
            ..Writer::default()
        }
    }

    pub fn finish(self) -> String {
        self.out
    }

    fn value_start(&mut self) {
        if self.after_key {
            self.after_key = false;
            return;
        }
        if let Some(filled) = self.filled.last_mut() {
            if *filled {
                self.out.push(',');
            }
            *filled = true;
        }
    }

    pub fn begin_object(&mut self) {
        self.value_start();
        self.out.push('{');
        self.filled.push(false);
    }

    pub fn end_object(&mut self) {
        self.filled.pop();
        self.out.push('}');
    }

    pub fn begin_array(&mut self) {
        self.value_start();
        self.out.push('[');
        self.filled.push(false);
    }

    pub fn end_array(&mut self) {
        self.filled.pop();
        self.out.push(']');
    }

    /// The key of the next member of the open object.
    pub fn key(&mut self, key: &str) {
        self.value_start();
        push_string(&mut self.out, key);
        self.out.push(':');
        self.after_key = true;
    }

    pub fn string(&mut self, value: &str) {
        self.value_start();
        push_string(&mut self.out, value);
    }

    pub fn int(&mut self, value: i64) {
        self.value_start();
        crate::strings::push_int(&mut self.out, value);
    }

    pub fn bool(&mut self, value: bool) {
        self.value_start();
        self.out.push_str(if value { "true" } else { "false" });
    }

    pub fn null(&mut self) {
        self.value_start();
        self.out.push_str("null");
    }

    /// A string, or `null` for `None`.
    pub fn opt_string(&mut self, value: Option<&str>) {
        match value {
            Some(s) => self.string(s),
            None => self.null(),
        }
    }

    /// A number, or `null` for `None`.
    pub fn opt_int(&mut self, value: Option<i64>) {
        match value {
            Some(n) => self.int(n),
            None => self.null(),
        }
    }
}

/// A JSON string literal: quotes, backslashes and control characters
/// escaped; runs of other text copied whole.
fn push_string(out: &mut String, value: &str) {
    out.push('"');
    let mut run_start = 0;
    for (i, b) in value.bytes().enumerate() {
        let escape = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0..=0x1f => "",
            _ => continue,
        };
        // `i` is at an ASCII byte, so both slices fall on char boundaries.
        out.push_str(value.get(run_start..i).unwrap_or(""));
        if escape.is_empty() {
            out.push_str("\\u00");
            out.push(hex_digit(u32::from(b >> 4)));
            out.push(hex_digit(u32::from(b & 0xf)));
        } else {
            out.push_str(escape);
        }
        run_start = i.saturating_add(1);
    }
    out.push_str(value.get(run_start..).unwrap_or(""));
    out.push('"');
}

fn hex_digit(n: u32) -> char {
    char::from_digit(n, 16).unwrap_or('0')
}
