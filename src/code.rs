use core::fmt;

use crate::{Category, ErrorCode, Recovery};

/// Any code a server may send: a known [`ErrorCode`] or an integer this version
/// does not know, kept as received.
///
/// This is the lenient, forward-compatible counterpart of [`ErrorCode`] (compare
/// `tonic::Code`): a newer server's code, an older server's small code (1 to 11,
/// 5001) or a client's own negative code (-1 network failure) is never an error
/// and never lost.
///
/// ```
/// use liveroom_errors::{Category, Code, ErrorCode};
///
/// assert_eq!(Code::from(203010), Code::Known(ErrorCode::MemberNotInRoom));
/// let newer = Code::from(203011);
/// assert_eq!(newer, Code::Unknown(203011));
/// assert_eq!(newer.category(), Some(Category::Room)); // still a room error
/// assert_eq!(Code::from(-1i64).value(), -1);
/// ```
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash)]
pub enum Code {
    /// A code this crate knows.
    Known(ErrorCode),
    /// Any other integer, exactly as received (never a known code's value).
    Unknown(i64),
}

impl Code {
    /// The code for any integer: [`Code::Known`] when this version knows it.
    ///
    /// ```
    /// use liveroom_errors::{Code, ErrorCode};
    /// assert_eq!(Code::new(202006), Code::Known(ErrorCode::RateLimited));
    /// assert_eq!(Code::new(5001), Code::Unknown(5001));
    /// ```
    pub const fn new(value: i64) -> Self {
        if value >= 0 && value <= u32::MAX as i64 {
            if let Some(known) = ErrorCode::from_code(value as u32) {
                return Code::Known(known);
            }
        }
        Code::Unknown(value)
    }

    /// The known code, if it is one.
    pub const fn known(self) -> Option<ErrorCode> {
        match self {
            Code::Known(code) => Some(code),
            Code::Unknown(_) => None,
        }
    }

    /// The integer, as sent on the wire.
    ///
    /// ```
    /// use liveroom_errors::{Code, ErrorCode};
    /// assert_eq!(Code::from(ErrorCode::RateLimited).value(), 202006);
    /// ```
    pub const fn value(self) -> i64 {
        match self {
            Code::Known(code) => code.code() as i64,
            Code::Unknown(value) => value,
        }
    }

    /// The category: a known code's own, or for an unknown code the category of
    /// its range ([`Category::of`]); `None` outside every range.
    ///
    /// ```
    /// use liveroom_errors::{Category, Code};
    /// assert_eq!(Code::from(205009).category(), Some(Category::Audience));
    /// assert_eq!(Code::from(-1i64).category(), None);
    /// ```
    pub const fn category(self) -> Option<Category> {
        match self {
            Code::Known(code) => Some(code.category()),
            Code::Unknown(value) if value >= 0 && value <= u32::MAX as i64 => {
                Category::of(value as u32)
            }
            Code::Unknown(_) => None,
        }
    }

    /// The recovery advice of a known code; `None` for an unknown one.
    pub const fn recovery(self) -> Option<Recovery> {
        match self {
            Code::Known(code) => Some(code.recovery()),
            Code::Unknown(_) => None,
        }
    }

    /// Whether the code is known and its advice is [`Recovery::Retry`].
    ///
    /// ```
    /// use liveroom_errors::Code;
    /// assert!(Code::from(202006).is_retryable());
    /// assert!(!Code::from(202099).is_retryable()); // unknown: no advice
    /// ```
    pub const fn is_retryable(self) -> bool {
        matches!(self.recovery(), Some(Recovery::Retry))
    }
}

impl From<ErrorCode> for Code {
    fn from(code: ErrorCode) -> Self {
        Code::Known(code)
    }
}

impl From<i64> for Code {
    fn from(value: i64) -> Self {
        Code::new(value)
    }
}

impl From<u32> for Code {
    fn from(value: u32) -> Self {
        Code::new(value.into())
    }
}

impl From<i32> for Code {
    /// Integer literals such as `Code::from(203010)` land here.
    fn from(value: i32) -> Self {
        Code::new(value.into())
    }
}

impl PartialEq<ErrorCode> for Code {
    fn eq(&self, other: &ErrorCode) -> bool {
        *self == Code::Known(*other)
    }
}

impl fmt::Display for Code {
    /// A known code as [`ErrorCode`] shows it (`203010 成员不在房间内`), an
    /// unknown one as its number and `(unknown code)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Code::Known(code) => fmt::Display::fmt(code, f),
            Code::Unknown(value) => write!(f, "{value} (unknown code)"),
        }
    }
}

/// Why a string is not a decimal `i64`.
#[cfg(feature = "serde")]
pub(crate) enum DecimalError {
    NotNumeric,
    OutOfRange,
}

/// `"203010"` or `"-1"` → the integer: how numeric-string codes are read on the wire.
#[cfg(feature = "serde")]
pub(crate) fn parse_decimal(text: &str) -> Result<i64, DecimalError> {
    let digits = text.strip_prefix('-').unwrap_or(text);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(DecimalError::NotNumeric);
    }
    text.parse().map_err(|_| DecimalError::OutOfRange)
}
