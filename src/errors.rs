//! The typed errors of conversions into [`ErrorCode`]: an unknown number, a
//! string that is no code. (Names of the other vocabularies fail with
//! [`ParseNameError`](crate::ParseNameError).)

use crate::Category;
#[cfg(doc)]
use crate::ErrorCode;

/// A code this version of the crate does not know; it keeps the code.
///
/// ```
/// use liveroom_errors::{Category, ErrorCode, UnknownCode};
///
/// let err = ErrorCode::try_from(203011).unwrap_err();
/// assert_eq!(err.value(), 203011);
/// assert_eq!(err.category(), Some(Category::Room));
/// assert_eq!(err.to_string(), "unknown RoomService error code 203011");
/// ```
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, thiserror::Error)]
#[error("unknown RoomService error code {0}")]
pub struct UnknownCode(pub(crate) u32);

impl UnknownCode {
    /// The code that was not recognized.
    pub const fn value(self) -> u32 {
        self.0
    }

    /// The category of the code's range, if it falls in one ([`Category::of`]).
    pub const fn category(self) -> Option<Category> {
        Category::of(self.0)
    }
}

/// Why a string is not an [`ErrorCode`] (see [`ErrorCode`]'s `FromStr`).
///
/// ```
/// use liveroom_errors::{ErrorCode, ParseCodeError};
///
/// assert_eq!("".parse::<ErrorCode>(), Err(ParseCodeError::Empty));
/// assert!(matches!("203011".parse::<ErrorCode>(), Err(ParseCodeError::Unknown(e)) if e.value() == 203011));
/// assert_eq!("99999999999".parse::<ErrorCode>(), Err(ParseCodeError::OutOfRange));
/// assert_eq!("NoSuchError".parse::<ErrorCode>(), Err(ParseCodeError::UnknownName));
/// assert_eq!("-1".parse::<ErrorCode>(), Err(ParseCodeError::Malformed));
/// assert_eq!("0203010".parse::<ErrorCode>(), Err(ParseCodeError::LeadingZero));
/// ```
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, thiserror::Error)]
#[non_exhaustive]
pub enum ParseCodeError {
    /// The string is empty.
    #[error("empty string: expected a RoomService error code or name")]
    Empty,
    /// A decimal number that fits a `u32` but names no known code.
    #[error(transparent)]
    Unknown(#[from] UnknownCode),
    /// Decimal digits, but more than a `u32` holds: never an error code.
    #[error("number out of range: RoomService error codes are at most six digits")]
    OutOfRange,
    /// An identifier that is no variant, snake_case, SCREAMING_SNAKE_CASE, SDK or former name.
    #[error("unknown RoomService error code name")]
    UnknownName,
    /// Decimal digits with a leading zero (`0203010`, `00`): refused rather than
    /// guessed at, as the wire refuses such codes (one rule everywhere).
    #[error("leading zero: write the code without it (203010, not 0203010)")]
    LeadingZero,
    /// Neither decimal digits nor an identifier (e.g. `-1`, `2.5`, `20 3010`).
    #[error("not a RoomService error code: expected decimal digits or a name")]
    Malformed,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorCode;

    #[test]
    fn unknown_code_keeps_code_and_range() {
        let err = UnknownCode(206005);
        assert_eq!(err.value(), 206005);
        assert_eq!(err.category(), Some(Category::Pusher));
        assert_eq!(UnknownCode(7).category(), None);
        assert_eq!(ErrorCode::try_from(7), Err(UnknownCode(7)));
    }
}
