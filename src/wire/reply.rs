//! [`Reply<T>`]: the reply object is read whole first (its values kept as
//! [`Content`]), then judged by its envelope, and only a success's payload
//! fields are replayed into `T`. So the result never depends on key order, a
//! syntax error anywhere is always an error, and `T` never runs on an error reply.

use alloc::borrow::Cow;
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

use serde::de::{self, Deserialize, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::ser::{Serialize, SerializeMap, Serializer};

use super::content::{Content, PayloadDeserializer, json_number};
use super::{ProtocolError, ValueKind};
use crate::code::{DecimalError, parse_decimal};
use crate::{Category, Code, ErrorCode, Recovery};

/// One decoded RoomService reply: a success with the interface's payload `T`,
/// or a failure with the server's error.
///
/// `T` receives the fields beside `code`, `message`, `error` and `timestamp`
/// and is decoded only when `code` is `0`, so an error reply decodes even though
/// it lacks `T`'s required fields. Unknown fields are ignored. The default
/// payload [`Empty`] suits envelope-only replies; `()` does too, and
/// `Option<T>` is `None` for a success without payload fields.
///
/// A success is exactly a JSON object with one `code` that is the integer `0`
/// or the string `"0"`, and a well-formed envelope. The result does not depend
/// on the order of the keys.
///
/// Decode with [`from_slice`](super::from_slice) (feature `json`) for typed
/// protocol errors, or with any self-describing serde format, which asks it
/// for a map: a [`ProtocolError`] then becomes that format's custom error, and
/// a body that is no object its "invalid type" error. Payload types are
/// replayed from a buffered copy of their fields, so a payload field of
/// serde_json's `RawValue` type cannot be decoded (it is an error, never a wrong value).
///
/// Decode from the body's bytes or text ([`from_slice`](super::from_slice),
/// [`from_str`](super::from_str)), not from a `serde_json::Value` parsed
/// first: a `Value` has already dropped all but the last of duplicated keys
/// (so `{"code":203010,"c\u006fde":0}` would pass for a success) and, when a
/// crate in the build turns on serde_json's `arbitrary_precision`, turned `-0`
/// into the integer `0`. A body nested deeper than serde_json's recursion limit
/// (128) is a syntax error, wherever the nesting is.
///
/// ```
/// # #[cfg(feature = "json")] {
/// use liveroom_errors::wire::{self, Reply};
///
/// #[derive(serde::Deserialize)]
/// struct Login {
///     token: String,
///     #[serde(rename = "userID")]
///     user_id: String,
/// }
///
/// let body = br#"{"code":0,"message":"Success!","timestamp":1565610959661,
///     "token":"c9527c191598662c6f392146f65ae520*1400047134","userID":"user_dda36c3f_7c91"}"#;
/// let reply: Reply<Login> = wire::from_slice(body).unwrap();
/// assert!(reply.is_success());
/// assert_eq!(reply.timestamp(), Some(1565610959661));
/// let login = reply.into_result().unwrap();
/// assert_eq!(login.user_id, "user_dda36c3f_7c91");
/// # }
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reply<T = Empty> {
    /// `code` was `0`.
    Success {
        /// The interface's own fields.
        payload: T,
        /// The server's text (usually `"Success!"`); empty when absent.
        message: String,
        /// Server time in milliseconds, if sent.
        timestamp: Option<u64>,
    },
    /// `code` was anything but `0`.
    Failure(ServerError),
}

impl<T> Reply<T> {
    /// Whether the server reported success (`code` `0`).
    pub fn is_success(&self) -> bool {
        matches!(self, Reply::Success { .. })
    }

    /// The code as sent: `0` for a success.
    pub fn code_value(&self) -> i64 {
        match self {
            Reply::Success { .. } => 0,
            Reply::Failure(error) => error.code().value(),
        }
    }

    /// The server's own text (`message`, or `error` from older servers).
    pub fn message(&self) -> &str {
        match self {
            Reply::Success { message, .. } => message,
            Reply::Failure(error) => error.message(),
        }
    }

    /// Server time in milliseconds, if the reply carried it.
    pub fn timestamp(&self) -> Option<u64> {
        match self {
            Reply::Success { timestamp, .. } => *timestamp,
            Reply::Failure(error) => error.timestamp(),
        }
    }

    /// The same reply with its payload turned into another by `f`.
    ///
    /// ```
    /// use liveroom_errors::wire::{Empty, Reply};
    /// let reply: Reply<Empty> = Reply::Success { payload: Empty, message: "Success!".into(), timestamp: None };
    /// let reply: Reply<Option<u8>> = reply.map(|_| None);
    /// assert!(reply.is_success());
    /// ```
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Reply<U> {
        match self {
            Reply::Success {
                payload,
                message,
                timestamp,
            } => Reply::Success {
                payload: f(payload),
                message,
                timestamp,
            },
            Reply::Failure(error) => Reply::Failure(error),
        }
    }

    /// The payload of a success, the error of a failure.
    pub fn into_result(self) -> Result<T, ServerError> {
        match self {
            Reply::Success { payload, .. } => Ok(payload),
            Reply::Failure(error) => Err(error),
        }
    }
}

/// The error a RoomService server reported: its code, kept exactly, and its text.
///
/// Servers make one with [`ServerError::new`] or from an [`ErrorCode`] (with the
/// English text) and send it with [`ServerError::to_body`].
///
/// ```
/// use liveroom_errors::wire::ServerError;
/// use liveroom_errors::{Category, Code, ErrorCode, Recovery};
///
/// let err = ServerError::new(Code::new(203011).unwrap(), "room full of ghosts");
/// assert_eq!(err.code().value(), 203011);
/// assert_eq!(err.category(), Some(Category::Room)); // unknown code, known range
/// assert_eq!(err.recovery(), None);
/// assert_eq!(err.to_string(), "203011 room full of ghosts");
///
/// let err = ServerError::from(ErrorCode::RateLimited);
/// assert!(err.is_retryable());
/// assert_eq!(err.message(), "Too many requests: rate limited");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ServerError {
    code: Code,
    message: String,
    timestamp: Option<u64>,
}

impl ServerError {
    /// An error with the given code and server text, without a timestamp.
    ///
    /// A [`Code`] is never `0`, so no `ServerError` can read as a success.
    pub fn new(code: impl Into<Code>, message: impl Into<String>) -> Self {
        ServerError {
            code: code.into(),
            message: message.into(),
            timestamp: None,
        }
    }

    /// The same error, carrying `timestamp` (server time in milliseconds).
    #[must_use]
    pub fn with_timestamp(mut self, timestamp: u64) -> Self {
        self.timestamp = Some(timestamp);
        self
    }

    /// The code, known or not.
    pub fn code(&self) -> Code {
        self.code
    }

    /// The code, if this crate knows it.
    pub fn known(&self) -> Option<ErrorCode> {
        self.code().known()
    }

    /// The server's own text: what users will find in their logs.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// Server time in milliseconds, if the reply carried it.
    pub fn timestamp(&self) -> Option<u64> {
        self.timestamp
    }

    /// The category of the code, by its range when the code is unknown.
    pub fn category(&self) -> Option<Category> {
        self.code().category()
    }

    /// The recovery advice of a known code.
    pub fn recovery(&self) -> Option<Recovery> {
        self.code().recovery()
    }

    /// Whether the code is known and may succeed on retry.
    pub fn is_retryable(&self) -> bool {
        self.code().is_retryable()
    }
}

impl From<ErrorCode> for ServerError {
    /// The error a server sends for `code`: its English text, no timestamp yet.
    fn from(code: ErrorCode) -> Self {
        ServerError::new(code, code.message_en())
    }
}

impl fmt::Display for ServerError {
    /// `204004 get push and acc url failed!`: the code and the server's text.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.message.is_empty(), self.known()) {
            (false, _) => write!(f, "{} {}", self.code.value(), self.message),
            (true, Some(known)) => write!(f, "{}", known.display_en()),
            (true, None) => write!(f, "{} (no message)", self.code.value()),
        }
    }
}

impl core::error::Error for ServerError {}

/// The payload of a reply with no fields of its own (accepts and ignores any fields).
#[derive(Copy, Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Empty;

impl<'de> Deserialize<'de> for Empty {
    #[inline]
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct EmptyVisitor;
        impl<'de> Visitor<'de> for EmptyVisitor {
            type Value = Empty;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Empty, A::Error> {
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(Empty)
            }
            #[inline]
            fn visit_unit<E: de::Error>(self) -> Result<Empty, E> {
                Ok(Empty)
            }
        }
        deserializer.deserialize_any(EmptyVisitor)
    }
}

impl Serialize for Empty {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_map(Some(0))?.end()
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Reply<T> {
    /// Decodes one reply object; a [`ProtocolError`] becomes the format's custom error.
    #[inline]
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer
            .deserialize_map(JudgedVisitor)?
            .decode()?
            .map_err(de::Error::custom)
    }
}

/// One reply object, read whole and judged by its envelope; a success's
/// payload is not decoded yet.
///
/// [`super::from_slice`] reads the body into this first and decodes the payload
/// only once serde_json has seen the body end, so that trailing garbage is
/// always a syntax error, never hidden by a payload that does not fit.
pub(crate) enum Judged<'de> {
    Success {
        payload: Vec<(Cow<'de, str>, Content<'de>)>,
        message: String,
        timestamp: Option<u64>,
    },
    Failure(ServerError),
    /// No reply at all (not an object, no `code`, …).
    Problem(ProtocolError),
}

impl<'de> Judged<'de> {
    /// The reply, with the payload decoded into `T`: the payload's errors are
    /// `Err`, the reply's problems `Ok(Err)`.
    #[inline]
    pub(crate) fn decode<T: Deserialize<'de>, E: de::Error>(
        self,
    ) -> Result<Result<Reply<T>, ProtocolError>, E> {
        Ok(match self {
            Judged::Success {
                payload,
                message,
                timestamp,
            } => Ok(Reply::Success {
                payload: T::deserialize(PayloadDeserializer::new(payload))?,
                message,
                timestamp,
            }),
            Judged::Failure(error) => Ok(Reply::Failure(error)),
            Judged::Problem(problem) => Err(problem),
        })
    }
}

impl<'de> Deserialize<'de> for Judged<'de> {
    #[inline]
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // Any value, not a map: a body that is no object is named by its kind.
        deserializer.deserialize_any(JudgedVisitor)
    }
}

fn not_an_object<'de, E>(kind: ValueKind) -> Result<Judged<'de>, E> {
    Ok(Judged::Problem(ProtocolError::NotAnObject(kind)))
}

/// Reads one reply object whole, then judges it. Its errors are the format's
/// (syntax errors); a body that is no reply is [`Judged::Problem`].
struct JudgedVisitor;

impl<'de> Visitor<'de> for JudgedVisitor {
    type Value = Judged<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a RoomService reply object")
    }

    #[inline]
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Judged<'de>, A::Error> {
        let mut envelope = Envelope::default();
        let mut payload = Vec::new();
        while let Some(key) = map.next_key::<Key<'de>>()? {
            let value: Content<'de> = map.next_value()?;
            match key {
                Key::Envelope(field) => envelope.record(field, value),
                Key::Payload(name) => payload.push((name, value)),
            }
        }
        // A body that is only a number, as serde_json hands it over under
        // `arbitrary_precision`: no object.
        if let ([(key, value)], true) = (payload.as_slice(), envelope.is_empty()) {
            if let Some(number) = json_number(key, value) {
                return not_an_object(number.kind());
            }
        }
        let (code, message, timestamp) = match envelope.judge() {
            Ok(judged) => judged,
            Err(problem) => return Ok(Judged::Problem(problem)),
        };
        let message = message.unwrap_or_default();
        Ok(match Code::new(code) {
            Some(code) => Judged::Failure(ServerError {
                code,
                message,
                timestamp,
            }),
            None => Judged::Success {
                payload,
                message,
                timestamp,
            },
        })
    }

    fn visit_bool<E>(self, _: bool) -> Result<Judged<'de>, E> {
        not_an_object(ValueKind::Bool)
    }
    fn visit_i64<E>(self, _: i64) -> Result<Judged<'de>, E> {
        not_an_object(ValueKind::Integer)
    }
    fn visit_u64<E>(self, _: u64) -> Result<Judged<'de>, E> {
        not_an_object(ValueKind::Integer)
    }
    fn visit_f64<E>(self, _: f64) -> Result<Judged<'de>, E> {
        not_an_object(ValueKind::Float)
    }
    fn visit_str<E>(self, _: &str) -> Result<Judged<'de>, E> {
        not_an_object(ValueKind::String)
    }
    fn visit_unit<E>(self) -> Result<Judged<'de>, E> {
        not_an_object(ValueKind::Null)
    }
    fn visit_none<E>(self) -> Result<Judged<'de>, E> {
        not_an_object(ValueKind::Null)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Judged<'de>, A::Error> {
        // Read to the end (not skipped): a syntax error inside must still be one.
        while seq.next_element::<Content<'de>>()?.is_some() {}
        not_an_object(ValueKind::Array)
    }
}

/// The envelope fields of one reply, gathered in any order.
#[derive(Default)]
struct Envelope<'de> {
    values: [Option<Content<'de>>; 4],
    /// One bit per [`Field`] seen more than once.
    duplicates: u8,
}

#[derive(Copy, Clone, PartialEq, Eq)]
enum Field {
    Code,
    Message,
    Error,
    Timestamp,
}

impl Field {
    const ALL: [Field; 4] = [Field::Code, Field::Message, Field::Error, Field::Timestamp];

    const fn name(self) -> &'static str {
        match self {
            Field::Code => "code",
            Field::Message => "message",
            Field::Error => "error",
            Field::Timestamp => "timestamp",
        }
    }
}

impl<'de> Envelope<'de> {
    fn is_empty(&self) -> bool {
        self.values.iter().all(Option::is_none) && self.duplicates == 0
    }

    #[inline]
    fn record(&mut self, field: Field, value: Content<'de>) {
        let slot = &mut self.values[field as usize];
        if slot.is_some() {
            self.duplicates |= 1 << field as u8;
        } else {
            *slot = Some(value);
        }
    }

    /// The code, the server's text and the timestamp, or the reply's first
    /// problem, checked in a fixed order so that key order cannot change it.
    #[allow(clippy::type_complexity)]
    #[inline]
    fn judge(mut self) -> Result<(i64, Option<String>, Option<u64>), ProtocolError> {
        if let Some(field) = Field::ALL
            .into_iter()
            .find(|f| self.duplicates & (1 << *f as u8) != 0)
        {
            return Err(ProtocolError::DuplicateField(field.name()));
        }
        let mut take = |field: Field| self.values[field as usize].take();
        let code = take(Field::Code).ok_or(ProtocolError::MissingCode)?;
        let code = code_value("code", code)?;
        let message = text_value("message", take(Field::Message))?;
        let error = text_value("error", take(Field::Error))?;
        let timestamp = timestamp_value(take(Field::Timestamp))?;
        // `message` wins over the `error` of older servers.
        Ok((code, message.or(error), timestamp))
    }
}

/// A code (`code`, `merge_code`): an integer, or a canonical decimal integer in a string.
#[inline]
pub(super) fn code_value(field: &'static str, value: Content<'_>) -> Result<i64, ProtocolError> {
    match value {
        Content::I64(code) => Ok(code),
        Content::U64(code) => i64::try_from(code).map_err(|_| ProtocolError::OutOfRange { field }),
        Content::Str(text) => parse_decimal(&text).map_err(|e| match e {
            DecimalError::NotCanonical => ProtocolError::NotDecimal { field },
            DecimalError::OutOfRange => ProtocolError::OutOfRange { field },
        }),
        huge if huge.is_huge_integer() => Err(ProtocolError::OutOfRange { field }),
        other => Err(ProtocolError::WrongType {
            field,
            found: other.kind(),
        }),
    }
}

/// A text (`message`, `error`, `merge_msg`, `merge_message`): a string, or
/// `null` (or absent) for none.
#[inline]
pub(super) fn text_value(
    field: &'static str,
    value: Option<Content<'_>>,
) -> Result<Option<String>, ProtocolError> {
    match value {
        None | Some(Content::Null) => Ok(None),
        Some(Content::Str(text)) => Ok(Some(text.into_owned())),
        Some(other) => Err(ProtocolError::WrongType {
            field,
            found: other.kind(),
        }),
    }
}

/// `timestamp`: milliseconds from 0 to `u64::MAX`, or `null` (or absent) for none.
#[inline]
fn timestamp_value(value: Option<Content<'_>>) -> Result<Option<u64>, ProtocolError> {
    const FIELD: &str = "timestamp";
    match value {
        None | Some(Content::Null) => Ok(None),
        Some(Content::U64(ms)) => Ok(Some(ms)),
        Some(Content::I64(ms)) => u64::try_from(ms)
            .map(Some)
            .map_err(|_| ProtocolError::OutOfRange { field: FIELD }),
        Some(huge) if huge.is_huge_integer() => Err(ProtocolError::OutOfRange { field: FIELD }),
        Some(other) => Err(ProtocolError::WrongType {
            field: FIELD,
            found: other.kind(),
        }),
    }
}

/// A key of the reply object: an envelope field, or a payload field's name.
enum Key<'de> {
    Envelope(Field),
    Payload(Cow<'de, str>),
}

impl<'de> Key<'de> {
    #[inline]
    fn of(name: Cow<'de, str>) -> Self {
        match Field::ALL.into_iter().find(|field| field.name() == name) {
            Some(field) => Key::Envelope(field),
            None => Key::Payload(name),
        }
    }
}

impl<'de> Deserialize<'de> for Key<'de> {
    #[inline]
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a field name")
            }
            #[inline]
            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Key<'de>, E> {
                Ok(Key::of(Cow::Borrowed(v)))
            }
            #[inline]
            fn visit_str<E>(self, v: &str) -> Result<Key<'de>, E> {
                Ok(Key::of(Cow::Owned(v.into())))
            }
        }
        deserializer.deserialize_identifier(KeyVisitor)
    }
}
