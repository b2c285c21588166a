//! Building short strings without `std::fmt`: [`cat!`](crate::cat) joins
//! pieces (text and integers). The formatting machinery is large in a wasm
//! module and slow in hot paths; messages and sentences need only this.

/// Something [`cat!`](crate::cat) can append.
pub trait Piece {
    fn push_to(&self, out: &mut String);
}

impl Piece for str {
    fn push_to(&self, out: &mut String) {
        out.push_str(self);
    }
}

impl Piece for String {
    fn push_to(&self, out: &mut String) {
        out.push_str(self);
    }
}

impl<T: Piece + ?Sized> Piece for &T {
    fn push_to(&self, out: &mut String) {
        (**self).push_to(out);
    }
}

macro_rules! signed_piece {
    ($($t:ty),*) => {$(
        impl Piece for $t {
            fn push_to(&self, out: &mut String) {
                if *self < 0 {
                    out.push('-');
                }
                push_unsigned(out, u64::from(self.unsigned_abs()));
            }
        }
    )*};
}
signed_piece!(i8, i16, i32, i64);

macro_rules! unsigned_piece {
    ($($t:ty),*) => {$(
        impl Piece for $t {
            fn push_to(&self, out: &mut String) {
                push_unsigned(out, u64::from(*self));
            }
        }
    )*};
}
unsigned_piece!(u8, u16, u32, u64);

impl Piece for usize {
    fn push_to(&self, out: &mut String) {
        push_unsigned(out, u64::try_from(*self).unwrap_or(u64::MAX));
    }
}

const DIGITS: &str = "0123456789";

/// A decimal integer.
pub fn push_int(out: &mut String, value: i64) {
    if value < 0 {
        out.push('-');
    }
    push_unsigned(out, value.unsigned_abs());
}

/// A decimal unsigned integer (64-bit arithmetic only: no 128-bit division
/// routines in the wasm module).
fn push_unsigned(out: &mut String, value: u64) {
    let mut magnitude = value;
    let mut digits = [0usize; 40];
    let mut count = 0usize;
    loop {
        if let Some(slot) = digits.get_mut(count) {
            // Below 10: the cast keeps the digit.
            *slot = (magnitude % 10) as usize;
        }
        count = count.saturating_add(1);
        magnitude /= 10;
        if magnitude == 0 || count >= digits.len() {
            break;
        }
    }
    for &d in digits.get(..count).unwrap_or(&[]).iter().rev() {
        out.push_str(DIGITS.get(d..d.saturating_add(1)).unwrap_or("0"));
    }
}

/// Input text shown in a message: between backticks, at most 60 characters
/// (then `…`), control characters escaped — so that a message stays one
/// line and short whatever the input held.
pub fn quoted(text: &str) -> String {
    let mut out = String::from("`");
    for (count, c) in text.chars().enumerate() {
        if count >= 60 {
            out.push('…');
            break;
        }
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out.push('`');
    out
}

/// Joins text and integer pieces into a `String`: `cat!("`", text, "` is ", n)`.
#[macro_export]
#[doc(hidden)]
macro_rules! cat {
    ($($piece:expr),* $(,)?) => {{
        let mut out = ::std::string::String::new();
        $( $crate::strings::Piece::push_to(&$piece, &mut out); )*
        out
    }};
}
