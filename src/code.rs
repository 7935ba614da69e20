use core::fmt;
use core::num::NonZeroI64;

use crate::{Category, ErrorCode};

/// Any error code a server may send: a known [`ErrorCode`] or an integer this
/// version does not know, kept exactly as received. Never `0`, which means success.
///
/// This is the lenient, forward-compatible counterpart of [`ErrorCode`] (compare
/// `tonic::Code`): a newer server's code, an older server's small code (1 to 11,
/// 5001) or a client's own negative code (-1 network failure) is never lost.
/// The representation is private (as in `http::StatusCode`), so a known value is
/// always known: equality, hashing, ordering and serde agree on the integer.
///
/// ```
/// use liveroom_errors::{Category, Code, ErrorCode};
///
/// let code = Code::new(203010).unwrap();
/// assert_eq!(code, ErrorCode::MemberNotInRoom);
/// assert_eq!(code.known(), Some(ErrorCode::MemberNotInRoom));
///
/// let newer = Code::new(203011).unwrap();
/// assert_eq!(newer.known(), None);
/// assert_eq!(newer.category(), Some(Category::Room)); // still a room error
/// assert_eq!(Code::new(-1).unwrap().value(), -1);
/// assert_eq!(Code::new(0), None); // 0 is success
/// ```
#[derive(Copy, Clone, PartialEq, Eq, Hash)]
pub struct Code(Repr);

/// Invariant: `Unknown` never holds the value of a known code.
#[derive(Copy, Clone, PartialEq, Eq, Hash)]
enum Repr {
    Known(ErrorCode),
    Unknown(NonZeroI64),
}

impl Code {
    /// The code for any integer but `0` (success): known when this version knows it.
    ///
    /// ```
    /// use liveroom_errors::{Code, ErrorCode};
    /// assert_eq!(Code::new(202006).unwrap().known(), Some(ErrorCode::RateLimited));
    /// assert_eq!(Code::new(5001).unwrap().known(), None);
    /// assert!(Code::new(0).is_none());
    /// ```
    pub const fn new(value: i64) -> Option<Self> {
        if value > 0 && value <= u32::MAX as i64 {
            if let Some(known) = ErrorCode::from_code(value as u32) {
                return Some(Code(Repr::Known(known)));
            }
        }
        match NonZeroI64::new(value) {
            Some(value) => Some(Code(Repr::Unknown(value))),
            None => None,
        }
    }

    /// The known code, if it is one.
    ///
    /// ```
    /// use liveroom_errors::{Code, ErrorCode};
    /// match Code::new(203010).and_then(Code::known) {
    ///     Some(ErrorCode::MemberNotInRoom) => { /* join again */ }
    ///     Some(_) | None => { /* report */ }
    /// }
    /// ```
    pub const fn known(self) -> Option<ErrorCode> {
        match self.0 {
            Repr::Known(code) => Some(code),
            Repr::Unknown(_) => None,
        }
    }

    /// Whether this version knows the code.
    ///
    /// ```
    /// use liveroom_errors::Code;
    /// assert!(Code::new(203010).unwrap().is_known());
    /// assert!(!Code::new(-1).unwrap().is_known());
    /// ```
    pub const fn is_known(self) -> bool {
        matches!(self.0, Repr::Known(_))
    }

    /// The integer, as sent on the wire; never `0`.
    ///
    /// ```
    /// use liveroom_errors::{Code, ErrorCode};
    /// assert_eq!(Code::from(ErrorCode::RateLimited).value(), 202006);
    /// ```
    pub const fn value(self) -> i64 {
        match self.0 {
            Repr::Known(code) => code.value() as i64,
            Repr::Unknown(value) => value.get(),
        }
    }

    /// The category: a known code's own, or for an unknown code the category of
    /// its range ([`Category::of`]); `None` outside every range.
    ///
    /// ```
    /// use liveroom_errors::{Category, Code};
    /// assert_eq!(Code::new(205009).unwrap().category(), Some(Category::Audience));
    /// assert_eq!(Code::new(-1).unwrap().category(), None);
    /// ```
    pub const fn category(self) -> Option<Category> {
        match self.0 {
            Repr::Known(code) => Some(code.category()),
            Repr::Unknown(value) => {
                let value = value.get();
                if value > 0 && value <= u32::MAX as i64 {
                    Category::of(value as u32)
                } else {
                    None
                }
            }
        }
    }
}

impl From<ErrorCode> for Code {
    fn from(code: ErrorCode) -> Self {
        Code(Repr::Known(code))
    }
}

impl TryFrom<i64> for Code {
    type Error = ZeroCode;

    /// [`Code::new`], with an error for `0`.
    ///
    /// ```
    /// use liveroom_errors::{Code, ZeroCode};
    /// assert_eq!(Code::try_from(203010).unwrap().value(), 203010);
    /// assert_eq!(Code::try_from(0), Err(ZeroCode));
    /// ```
    fn try_from(value: i64) -> Result<Self, ZeroCode> {
        Code::new(value).ok_or(ZeroCode)
    }
}

impl PartialEq<ErrorCode> for Code {
    fn eq(&self, other: &ErrorCode) -> bool {
        self.0 == Repr::Known(*other)
    }
}

impl PartialEq<Code> for ErrorCode {
    fn eq(&self, other: &Code) -> bool {
        other == self
    }
}

impl PartialOrd for Code {
    fn partial_cmp(&self, other: &Self) -> Option<core::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Code {
    /// By value, as on the wire.
    fn cmp(&self, other: &Self) -> core::cmp::Ordering {
        self.value().cmp(&other.value())
    }
}

impl fmt::Debug for Code {
    /// `Code(MemberNotInRoom)` for a known code, `Code(203011)` for an unknown one.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Repr::Known(code) => f.debug_tuple("Code").field(&code).finish(),
            Repr::Unknown(value) => f.debug_tuple("Code").field(&value.get()).finish(),
        }
    }
}

impl fmt::Display for Code {
    /// A known code as [`ErrorCode`] shows it (`203010 成员不在房间内`), an
    /// unknown one as its number and `(unknown code)`.
    ///
    /// ```
    /// use liveroom_errors::Code;
    /// assert_eq!(Code::new(203011).unwrap().to_string(), "203011 (unknown code)");
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Repr::Known(code) => fmt::Display::fmt(&code, f),
            Repr::Unknown(value) => write!(f, "{value} (unknown code)"),
        }
    }
}

/// The error of making a [`Code`] from `0`: `0` means success, so it is no error code.
///
/// ```
/// use liveroom_errors::{Code, ZeroCode};
/// assert_eq!(Code::try_from(0).unwrap_err().to_string(), "0 is the success code, not an error code");
/// ```
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash)]
pub struct ZeroCode;

impl fmt::Display for ZeroCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("0 is the success code, not an error code")
    }
}

impl core::error::Error for ZeroCode {}

/// Why a string is not a canonical decimal `i64`.
#[cfg(feature = "serde")]
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub(crate) enum DecimalError {
    NotCanonical,
    OutOfRange,
}

/// `"203010"` or `"-1"` → the integer: how numeric-string codes are read on the wire.
///
/// Only canonical decimal is accepted: an optional `-`, then `0` or digits
/// without a leading zero; `-0` is refused. So `"00"`, `"-0"` or `"000"` can
/// never be taken for the success code `0`, and a padded `"0203010"` is refused
/// rather than guessed at.
#[cfg(feature = "serde")]
pub(crate) fn parse_decimal(text: &str) -> Result<i64, DecimalError> {
    let digits = text.strip_prefix('-').unwrap_or(text);
    let canonical = match digits.as_bytes() {
        [b'0'] => digits.len() == text.len(),
        [b'1'..=b'9', rest @ ..] => rest.iter().all(u8::is_ascii_digit),
        _ => false,
    };
    if !canonical {
        return Err(DecimalError::NotCanonical);
    }
    text.parse().map_err(|_| DecimalError::OutOfRange)
}

#[cfg(all(test, feature = "serde"))]
mod tests {
    use super::*;

    #[test]
    fn only_canonical_decimal_parses() {
        assert_eq!(parse_decimal("0"), Ok(0));
        assert_eq!(parse_decimal("203010"), Ok(203010));
        assert_eq!(parse_decimal("-1"), Ok(-1));
        assert_eq!(parse_decimal("-9223372036854775808"), Ok(i64::MIN));
        for text in [
            "", "-", "00", "-0", "-00", "000", "0203010", "+1", " 1", "1 ", "1.0", "1e3", "٣",
            "0x1",
        ] {
            assert_eq!(
                parse_decimal(text),
                Err(DecimalError::NotCanonical),
                "{text:?}"
            );
        }
        assert_eq!(
            parse_decimal("9223372036854775808"),
            Err(DecimalError::OutOfRange)
        );
    }
}
