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
#[cfg(feature = "json")]
mod json;
mod merge;
mod probe;
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
/// ```
/// # #[cfg(feature = "json")] {
/// use liveroom_errors::wire::{self, DecodeError, ProtocolError, Reply, ValueKind};
///
/// let err = wire::from_slice::<wire::Empty>(br#"{"message":"ok"}"#).unwrap_err();
/// assert!(matches!(err, DecodeError::Protocol(ProtocolError::MissingCode)));
/// let err = wire::from_slice::<wire::Empty>(br#"{"code":1.5}"#).unwrap_err();
/// assert!(matches!(err, DecodeError::Protocol(ProtocolError::CodeWrongType(ValueKind::Float))));
/// # }
/// ```
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, thiserror::Error)]
#[non_exhaustive]
pub enum ProtocolError {
    /// The body is JSON, but not an object.
    #[error("reply body is {0}, not a JSON object")]
    NotAnObject(ValueKind),
    /// The object has no `code`: it is no reply (an HTML error page, a proxy's body, …).
    #[error("reply has no `code` field")]
    MissingCode,
    /// `code` is neither an integer nor a numeric string.
    #[error("reply `code` is {0}, not an integer")]
    CodeWrongType(ValueKind),
    /// `code` is a string that is not a decimal integer.
    #[error("reply `code` is a string that is not a decimal integer")]
    CodeNotNumeric,
    /// `code` is an integer beyond the range of `i64`.
    #[error("reply `code` is beyond the range of a 64-bit integer")]
    CodeOutOfRange,
    /// An envelope field appears twice, so the reply is ambiguous.
    #[error("reply has the field `{0}` twice")]
    DuplicateField(&'static str),
    /// `message`/`error` is not a string, or `timestamp` not a non-negative integer.
    #[error("reply `{field}` is {found}, which is not allowed there")]
    FieldWrongType {
        /// The envelope field.
        field: &'static str,
        /// What it held.
        found: ValueKind,
    },
}
