//! Building short strings without `std::fmt`: [`cat!`](crate::cat) joins
//! pieces (text and integers). The formatting machinery is large in a wasm
//! module and slow in hot paths; messages and sentences need only this.
//!
//! Why not `format!`: `docs/design.md`, "Why `cat!` and `fill` instead of `format!`?".

/// Something `cat!` and [`fill`] can append.
pub trait Piece {
    /// Appends the piece to `out`.
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

/// A decimal unsigned integer (64-bit arithmetic only: no 128-bit division
/// routines in the wasm module). `count` stays within the 40 digits' array
/// and `d` is a digit: the sums cannot overflow.
#[allow(clippy::arithmetic_side_effects)]
fn push_unsigned(out: &mut String, value: u64) {
    let mut magnitude = value;
    let mut digits = [0usize; 40];
    let mut count = 0usize;
    loop {
        if let Some(slot) = digits.get_mut(count) {
            // Below 10: the cast keeps the digit.
            *slot = (magnitude % 10) as usize;
        }
        count += 1;
        magnitude /= 10;
        if magnitude == 0 || count >= digits.len() {
            break;
        }
    }
    for &d in digits.get(..count).unwrap_or(&[]).iter().rev() {
        out.push_str(DIGITS.get(d..d + 1).unwrap_or("0"));
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

/// `template` with each `{0}`…`{9}` replaced by that piece of `pieces`
/// (an index with no piece is left out): the words of a sentence stay data,
/// in the order each language puts them, and one copy of this code fills
/// them all.
///
/// ```ignore
/// assert_eq!(fill("{1} from {0}", &[&"delivery", &7u32]), "7 from delivery");
/// ```
pub fn fill(template: &str, pieces: &[&dyn Piece]) -> String {
    let mut out = String::with_capacity(template.len());
    let bytes = template.as_bytes();
    // Text is copied from `copied` up to each placeholder: `{`, a digit and
    // `}` are ASCII, so every cut falls on a character boundary.
    let mut copied = 0;
    let mut at = 0;
    while let Some(&byte) = bytes.get(at) {
        let placeholder = match (
            bytes.get(at.saturating_add(1)),
            bytes.get(at.saturating_add(2)),
        ) {
            (Some(&digit), Some(b'}')) if byte == b'{' => char::from(digit).to_digit(10),
            _ => None,
        };
        match placeholder {
            Some(index) => {
                out.push_str(template.get(copied..at).unwrap_or(""));
                if let Some(piece) = pieces.get(index as usize) {
                    piece.push_to(&mut out);
                }
                at = at.saturating_add(3);
                copied = at;
            }
            None => at = at.saturating_add(1),
        }
    }
    out.push_str(template.get(copied..).unwrap_or(""));
    out
}

/// Joins text and integer pieces into a `String`: `cat!("`", text, "` is ", n)`.
macro_rules! cat {
    ($($piece:expr),* $(,)?) => {{
        #[allow(unused_mut)] // cat!() with no pieces
        let mut out = ::std::string::String::new();
        $( $crate::strings::Piece::push_to(&$piece, &mut out); )*
        out
    }};
}
pub(crate) use cat;

#[cfg(test)]
mod tests {
    #[test]
    fn cat_joins_text_and_integers() {
        let text = "x";
        assert_eq!(
            crate::cat!("a", text, 0u32, -12i64, " ", usize::MAX),
            "ax0-12 18446744073709551615"
        );
        assert_eq!(crate::cat!(i64::MIN), i64::MIN.to_string());
        assert_eq!(crate::cat!(), "");
    }

    #[test]
    fn fill_puts_pieces_where_the_template_says() {
        use super::fill;
        assert_eq!(
            fill("{1} from {0}", &[&"delivery", &7u32]),
            "7 from delivery"
        );
        assert_eq!(fill("签收起 {0} 个月", &[&24u32]), "签收起 24 个月");
        assert_eq!(fill("{0}{0}", &[&"a"]), "aa");
        assert_eq!(
            fill("{2} missing, {x} and { kept", &[&1u32]),
            " missing, {x} and { kept"
        );
        assert_eq!(fill("no pieces", &[]), "no pieces");
    }
}
