//! The RoomService reply envelope on the wire: decode replies safely on the
//! client, produce wire-exact replies on the server.
//!
//! Every RoomService interface answers HTTP 200 with one flat JSON object:
//! `code` (`0` = success), `message` (a short English text written by the
//! server), `timestamp` (server time in ms) and the interface's own fields beside
//! them. This module turns such a body into a [`Reply<T>`], and a typed code into
//! a body ([`ErrorBody`], [`SuccessBody`]).
//!
//! Decoding never takes a reply for a success unless it carries `code: 0` (or
//! `"0"`): a missing `code`, a `code` of the wrong type, or a body that is not an
//! object is a typed [`ProtocolError`], distinct from a [`ServerError`].
//!
//! ```
//! # #[cfg(feature = "json")] {
//! use liveroom_errors::wire::{self, Reply};
//! use liveroom_errors::{ErrorCode, Recovery};
//!
//! let body = br#"{"code":204004,"message":"get push and acc url failed!","timestamp":1577087588457}"#;
//! let reply: Reply = wire::from_slice(body).unwrap();
//! let err = reply.into_result().unwrap_err();
//! assert_eq!(err.code(), ErrorCode::GetAcceleratedUrlFailed);
//! assert_eq!(err.message(), "get push and acc url failed!");
//! assert_eq!(err.recovery(), Some(Recovery::Configure));
//! assert_eq!(err.to_string(), "204004 get push and acc url failed!");
//! # }
//! ```
//!
//! Available with the `serde` feature and an allocator (`std` or `alloc`); the
//! typed JSON entry points ([`from_slice`], [`decode`]) need the `json` feature.

mod body;
pub(crate) mod content;
#[cfg(feature = "json")]
mod json;
mod merge;
mod reply;

use core::fmt;

pub use body::{ErrorBody, SuccessBody};
#[cfg(feature = "json")]
pub use json::{DecodeError, ReplyError, decode, from_slice, from_str};
pub use merge::{MergeFailure, MergeStream};
pub use reply::{Empty, Reply, ServerError};

/// The JSON type of a value, as named in a [`ProtocolError`].
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ValueKind {
    /// An integer.
    Integer,
    /// A number with a fraction or exponent.
    Float,
    /// A string.
    String,
    /// `true` or `false`.
    Bool,
    /// `null`.
    Null,
    /// An array.
    Array,
    /// An object.
    Object,
}

impl fmt::Display for ValueKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ValueKind::Integer => "an integer",
            ValueKind::Float => "a float",
            ValueKind::String => "a string",
            ValueKind::Bool => "a boolean",
            ValueKind::Null => "null",
            ValueKind::Array => "an array",
            ValueKind::Object => "an object",
        })
    }
}

/// A body that is not a valid RoomService reply, whatever its code would mean.
///
/// `field` names the key the problem is about: an envelope field (`code`,
/// `message`, `error`, `timestamp`) or, for [`MergeStream`], `merge_code`,
/// `merge_msg` or `merge_message`.
///
/// ```
/// # #[cfg(feature = "json")] {
/// use liveroom_errors::wire::{self, DecodeError, ProtocolError, ValueKind};
///
/// let err = wire::from_slice::<wire::Empty>(br#"{"message":"ok"}"#).unwrap_err();
/// assert!(matches!(err, DecodeError::Protocol(ProtocolError::MissingCode)));
/// let err = wire::from_slice::<wire::Empty>(br#"{"code":1.5}"#).unwrap_err();
/// assert!(matches!(
///     err,
///     DecodeError::Protocol(ProtocolError::WrongType { field: "code", found: ValueKind::Float })
/// ));
/// let err = wire::from_slice::<wire::Empty>(br#"{"code":"00"}"#).unwrap_err();
/// assert!(matches!(err, DecodeError::Protocol(ProtocolError::NotDecimal { field: "code" })));
/// # }
/// ```
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ProtocolError {
    /// The body is JSON, but not an object.
    NotAnObject(ValueKind),
    /// The object has no `code`: it is no reply (an HTML error page, a proxy's body, …).
    MissingCode,
    /// A field the reply decoder reads appears twice, so the reply is ambiguous.
    DuplicateField(&'static str),
    /// A field holds a value of a type not allowed there (`code` a float or an
    /// object, `message` a number, `timestamp` a string, …).
    WrongType {
        /// The field.
        field: &'static str,
        /// What it held.
        found: ValueKind,
    },
    /// A code given as a string is not canonical decimal: `"abc"`, `""`, but also
    /// `"00"`, `"-0"` or `"0203010"` (leading zeros are refused, never guessed at).
    NotDecimal {
        /// The field.
        field: &'static str,
    },
    /// A number beyond the field's range: a code beyond a 64-bit signed integer,
    /// a negative `timestamp` or one beyond 64 bits.
    OutOfRange {
        /// The field.
        field: &'static str,
    },
}

impl fmt::Display for ProtocolError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            ProtocolError::NotAnObject(kind) => {
                write!(f, "reply body is {kind}, not a JSON object")
            }
            ProtocolError::MissingCode => f.write_str("reply has no `code` field"),
            ProtocolError::DuplicateField(field) => {
                write!(f, "reply has the field `{field}` twice")
            }
            ProtocolError::WrongType { field, found } => {
                let wanted = match field {
                    "message" | "error" | "merge_msg" | "merge_message" => "a string",
                    "timestamp" => "a non-negative integer",
                    _ => "an integer or a decimal string",
                };
                write!(f, "reply `{field}` is {found}, not {wanted}")
            }
            ProtocolError::NotDecimal { field } => write!(
                f,
                "reply `{field}` is a string that is not a decimal integer in canonical form"
            ),
            ProtocolError::OutOfRange { field: "timestamp" } => f.write_str(
                "reply `timestamp` is out of range: it must be milliseconds from 0 to 2^64-1",
            ),
            ProtocolError::OutOfRange { field } => write!(
                f,
                "reply `{field}` is out of range: it must fit a 64-bit signed integer"
            ),
        }
    }
}

impl core::error::Error for ProtocolError {}
