//! The reply envelope: [`Success`] and [`ServerError`], which a client gets
//! from `decode` and a server sends as they are (each
//! serializes as the wire's one flat object), and [`ProtocolError`], a body
//! that is no reply at all.

use alloc::string::String;
use core::fmt::{self, Display};
use core::marker::PhantomData;

use serde::ser::{self, Impossible, Serialize, SerializeMap, SerializeStruct, Serializer};

use crate::{Code, ErrorCode};

/// A success reply: `code` `0`, the server's text, its time, and the
/// interface's payload, whose fields sit beside the envelope's on the wire
/// (there is no `data` wrapper).
///
/// `decode` (feature `json`) gives one; a server sends one as it is: it
/// serializes as `{"code":0,"message":…,"timestamp":…,<payload fields>}`.
/// The payload must serialize as a struct or a map (or `()`), and may not
/// have a field named `code`, `message`, `error` or `timestamp`, whatever its
/// type: serializing such a body fails, because a reader would take the second
/// `code` for the reply's own. The clock is never read unless asked
/// (`with_timestamp_now`, feature `std`).
///
/// ```
/// # #[cfg(feature = "json")] {
/// use liveroom_errors::api::{self, Success};
///
/// let body = Success::new(api::CreateRoomReply { room_id: "room_1".into() }).with_timestamp(1700000000000);
/// assert_eq!(
///     serde_json::to_string(&body).unwrap(),
///     r#"{"code":0,"message":"Success!","timestamp":1700000000000,"roomID":"room_1"}"#
/// );
/// let sneaky = Success::new(std::collections::BTreeMap::from([("code", 203010)]));
/// assert!(serde_json::to_string(&sneaky).is_err());
/// # }
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Success<T> {
    /// The interface's own fields.
    pub payload: T,
    /// The server's text (usually `"Success!"`); empty when a reply had none.
    pub message: String,
    /// Server time in milliseconds, if sent.
    pub timestamp: Option<u64>,
}

impl<T> Success<T> {
    /// `payload` with the backend's usual `"Success!"`, without a timestamp.
    pub fn new(payload: T) -> Self {
        Success {
            payload,
            message: "Success!".into(),
            timestamp: None,
        }
    }

    /// The same reply with another text.
    #[must_use]
    pub fn with_message(mut self, message: impl Into<String>) -> Self {
        self.message = message.into();
        self
    }

    /// The same reply with `timestamp` (server time in milliseconds).
    #[must_use]
    pub fn with_timestamp(mut self, timestamp: u64) -> Self {
        self.timestamp = Some(timestamp);
        self
    }

    /// The same reply stamped with the current time (milliseconds since the
    /// Unix epoch), as the real backend stamps every reply.
    #[cfg(feature = "std")]
    #[must_use]
    pub fn with_timestamp_now(mut self) -> Self {
        self.timestamp = now_millis();
        self
    }

    /// The same reply with its payload turned into another by `f`.
    ///
    /// ```
    /// use liveroom_errors::api::Success;
    /// assert_eq!(Success::new(2).map(|n| n * 2).payload, 4);
    /// ```
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Success<U> {
        Success {
            payload: f(self.payload),
            message: self.message,
            timestamp: self.timestamp,
        }
    }
}

/// The error a RoomService server reported: its code, kept exactly (never
/// `0`), its text and its time. A server sends one as it is: it serializes as
/// `{"code":…,"message":…}`, with `"timestamp"` when it has one.
///
/// What to do about it depends on the call: the error enums of the
/// interfaces ([`InterfaceError::recovery`](super::InterfaceError::recovery))
/// say, and [`Interface::recovery`](crate::Interface::recovery) for a code.
///
/// ```
/// use liveroom_errors::api::ServerError;
/// use liveroom_errors::{Code, ErrorCode};
///
/// let err = ServerError::new(Code::new(203011).unwrap(), "room full of ghosts");
/// assert_eq!(err.code().value(), 203011);
/// assert_eq!(err.to_string(), "203011 room full of ghosts");
///
/// let err = ServerError::from(ErrorCode::RateLimited);
/// assert_eq!(err.message(), "Too many requests: rate limited");
/// # #[cfg(feature = "json")]
/// assert_eq!(
///     serde_json::to_string(&err.with_timestamp(1)).unwrap(),
///     r#"{"code":202006,"message":"Too many requests: rate limited","timestamp":1}"#
/// );
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ServerError {
    code: Code,
    message: String,
    timestamp: Option<u64>,
}

impl ServerError {
    /// An error with the given code and server text, without a timestamp.
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

    /// The same error stamped with the current time (milliseconds since the
    /// Unix epoch), as the real backend stamps every reply.
    #[cfg(feature = "std")]
    #[must_use]
    pub fn with_timestamp_now(mut self) -> Self {
        self.timestamp = now_millis();
        self
    }

    /// The code, known or not.
    pub fn code(&self) -> Code {
        self.code
    }

    /// The server's own text: what users will find in their logs.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// Server time in milliseconds, if the reply carried it.
    pub fn timestamp(&self) -> Option<u64> {
        self.timestamp
    }
}

impl From<ErrorCode> for ServerError {
    /// The error a server sends for `code`: its English text, no timestamp yet.
    fn from(code: ErrorCode) -> Self {
        ServerError::new(code, code.message_en())
    }
}

impl Display for ServerError {
    /// `204004 get push and acc url failed!`: the code and the server's text.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.message.is_empty(), self.code.known()) {
            (false, _) => write!(f, "{} {}", self.code.value(), self.message),
            (true, Some(known)) => write!(f, "{}", known.display_en()),
            (true, None) => write!(f, "{} (no message)", self.code.value()),
        }
    }
}

impl core::error::Error for ServerError {}

/// Milliseconds since the Unix epoch, the unit of the wire's `timestamp`.
#[cfg(feature = "std")]
fn now_millis() -> Option<u64> {
    let elapsed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?;
    u64::try_from(elapsed.as_millis()).ok()
}

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

impl Display for ValueKind {
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

/// A body that is JSON but no valid RoomService reply: its `code` is missing,
/// given twice or no code at all, or (for a success) the rest of its envelope
/// is wrong. An error reply with a valid code is never one: it keeps its code.
/// `field` names the envelope key the problem is about (`code`, `message`,
/// `error` or `timestamp`).
///
/// ```
/// # #[cfg(feature = "json")] {
/// use liveroom_errors::api::{self, CallError, ProtocolError, ValueKind};
///
/// let err = api::decode::<()>(r#"{"message":"ok"}"#).unwrap_err();
/// assert!(matches!(err, CallError::Protocol(ProtocolError::MissingCode)));
/// let err = api::decode::<()>(r#"{"code":1.5}"#).unwrap_err();
/// assert!(matches!(err, CallError::Protocol(ProtocolError::WrongType { field: "code", found: ValueKind::Float })));
/// let err = api::decode::<()>(r#"{"code":"00"}"#).unwrap_err();
/// assert!(matches!(err, CallError::Protocol(ProtocolError::NotDecimal { field: "code" })));
/// # }
/// ```
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ProtocolError {
    /// The body is JSON, but not an object.
    NotAnObject(ValueKind),
    /// The object has no `code`: it is no reply (an HTML error page's JSON, a proxy's body, …).
    MissingCode,
    /// `code` appears twice, or another envelope key does in a success, so
    /// the reply is ambiguous.
    DuplicateField(&'static str),
    /// A key holds a value of a type not allowed there (`code` a float or an
    /// object, `message` a number, `timestamp` a string, …).
    WrongType {
        /// The key.
        field: &'static str,
        /// What it held.
        found: ValueKind,
    },
    /// A code given as a string is not canonical decimal: `"abc"`, `""`, but also
    /// `"00"`, `"-0"` or `"0203010"` (leading zeros are refused, never guessed at).
    NotDecimal {
        /// The key.
        field: &'static str,
    },
    /// A number beyond the key's range: a `code` beyond a 64-bit signed integer,
    /// a negative `timestamp` or one beyond 64 bits.
    OutOfRange {
        /// The key.
        field: &'static str,
    },
}

impl Display for ProtocolError {
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
                    "code" => "an integer or a decimal string",
                    "timestamp" => "a non-negative integer",
                    _ => "a string",
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

impl Serialize for ServerError {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(2 + usize::from(self.timestamp.is_some())))?;
        map.serialize_entry("code", &self.code.value())?;
        map.serialize_entry("message", &self.message)?;
        if let Some(timestamp) = self.timestamp {
            map.serialize_entry("timestamp", &timestamp)?;
        }
        map.end()
    }
}

impl<T: Serialize> Serialize for Success<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("code", &0)?;
        map.serialize_entry("message", &self.message)?;
        if let Some(timestamp) = self.timestamp {
            map.serialize_entry("timestamp", &timestamp)?;
        }
        self.payload.serialize(FieldsInto(&mut map))?;
        map.end()
    }
}

/// Serializes a struct's or map's fields as entries of an outer map (a flatten).
struct FieldsInto<'m, M>(&'m mut M);

/// The keys a reader takes for the envelope's (`error` is older servers' `message`).
const ENVELOPE_FIELDS: [&str; 4] = ["code", "message", "error", "timestamp"];

fn not_flat<E: ser::Error>() -> E {
    E::custom("a reply payload must serialize as a struct or a map")
}

fn clash<E: ser::Error>(key: impl Display) -> E {
    E::custom(format_args!(
        "a reply payload may not have a field named `{key}`: the envelope uses it"
    ))
}

fn not_a_string<E: ser::Error>() -> E {
    E::custom("a map key must be a string")
}

/// Serializer methods that ignore their arguments and all give `$result`.
macro_rules! each_gives {
    ($result:expr => $($method:ident($($arg:ty),*) -> $ok:ty;)*) => {
        $(fn $method(self, $(_: $arg),*) -> Result<$ok, Self::Error> {
            $result
        })*
    };
}

impl<'m, M: SerializeMap> Serializer for FieldsInto<'m, M> {
    type Ok = ();
    type Error = M::Error;
    type SerializeSeq = Impossible<(), M::Error>;
    type SerializeTuple = Impossible<(), M::Error>;
    type SerializeTupleStruct = Impossible<(), M::Error>;
    type SerializeTupleVariant = Impossible<(), M::Error>;
    type SerializeMap = Self;
    type SerializeStruct = Self;
    type SerializeStructVariant = Impossible<(), M::Error>;

    // `()` and `None` are no fields.
    each_gives! { Ok(()) =>
        serialize_none() -> ();
        serialize_unit() -> ();
        serialize_unit_struct(&'static str) -> ();
    }

    each_gives! { Err(not_flat()) =>
        serialize_bool(bool) -> ();
        serialize_i8(i8) -> ();
        serialize_i16(i16) -> ();
        serialize_i32(i32) -> ();
        serialize_i64(i64) -> ();
        serialize_u8(u8) -> ();
        serialize_u16(u16) -> ();
        serialize_u32(u32) -> ();
        serialize_u64(u64) -> ();
        serialize_f32(f32) -> ();
        serialize_f64(f64) -> ();
        serialize_char(char) -> ();
        serialize_str(&str) -> ();
        serialize_bytes(&[u8]) -> ();
        serialize_unit_variant(&'static str, u32, &'static str) -> ();
        serialize_seq(Option<usize>) -> Self::SerializeSeq;
        serialize_tuple(usize) -> Self::SerializeTuple;
        serialize_tuple_struct(&'static str, usize) -> Self::SerializeTupleStruct;
        serialize_tuple_variant(&'static str, u32, &'static str, usize) -> Self::SerializeTupleVariant;
        serialize_struct_variant(&'static str, u32, &'static str, usize) -> Self::SerializeStructVariant;
    }

    fn serialize_some<V: ?Sized + Serialize>(self, value: &V) -> Result<(), M::Error> {
        value.serialize(self)
    }

    fn serialize_newtype_struct<V: ?Sized + Serialize>(
        self,
        _: &'static str,
        value: &V,
    ) -> Result<(), M::Error> {
        value.serialize(self)
    }

    fn serialize_newtype_variant<V: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &V,
    ) -> Result<(), M::Error> {
        Err(not_flat())
    }

    fn serialize_map(self, _: Option<usize>) -> Result<Self, M::Error> {
        Ok(self)
    }

    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self, M::Error> {
        Ok(self)
    }
}

impl<M: SerializeMap> SerializeStruct for FieldsInto<'_, M> {
    type Ok = ();
    type Error = M::Error;

    fn serialize_field<V: ?Sized + Serialize>(
        &mut self,
        key: &'static str,
        value: &V,
    ) -> Result<(), M::Error> {
        if ENVELOPE_FIELDS.contains(&key) {
            return Err(clash(key));
        }
        self.0.serialize_entry(key, value)
    }

    fn end(self) -> Result<(), M::Error> {
        Ok(())
    }
}

impl<M: SerializeMap> SerializeMap for FieldsInto<'_, M> {
    type Ok = ();
    type Error = M::Error;

    fn serialize_key<K: ?Sized + Serialize>(&mut self, key: &K) -> Result<(), M::Error> {
        if let Some(name) = key.serialize(KeyName(PhantomData))? {
            return Err(clash(name));
        }
        self.0.serialize_key(key)
    }

    fn serialize_value<V: ?Sized + Serialize>(&mut self, value: &V) -> Result<(), M::Error> {
        self.0.serialize_value(value)
    }

    fn end(self) -> Result<(), M::Error> {
        Ok(())
    }
}

/// Tells whether a map key is one of the [`ENVELOPE_FIELDS`] as a JSON writer
/// would spell it: `Some(name)` for a string (or a char, or a unit variant) with
/// that text, `None` for any other key. A key of a compound type is refused,
/// as a JSON writer refuses it.
struct KeyName<E>(PhantomData<E>);

impl<E: ser::Error> Serializer for KeyName<E> {
    type Ok = Option<&'static str>;
    type Error = E;
    type SerializeSeq = Impossible<Self::Ok, E>;
    type SerializeTuple = Impossible<Self::Ok, E>;
    type SerializeTupleStruct = Impossible<Self::Ok, E>;
    type SerializeTupleVariant = Impossible<Self::Ok, E>;
    type SerializeMap = Impossible<Self::Ok, E>;
    type SerializeStruct = Impossible<Self::Ok, E>;
    type SerializeStructVariant = Impossible<Self::Ok, E>;

    each_gives! { Ok(None) =>
        serialize_bool(bool) -> Self::Ok;
        serialize_i8(i8) -> Self::Ok;
        serialize_i16(i16) -> Self::Ok;
        serialize_i32(i32) -> Self::Ok;
        serialize_i64(i64) -> Self::Ok;
        serialize_u8(u8) -> Self::Ok;
        serialize_u16(u16) -> Self::Ok;
        serialize_u32(u32) -> Self::Ok;
        serialize_u64(u64) -> Self::Ok;
        serialize_f32(f32) -> Self::Ok;
        serialize_f64(f64) -> Self::Ok;
        serialize_bytes(&[u8]) -> Self::Ok;
        serialize_none() -> Self::Ok;
        serialize_unit() -> Self::Ok;
        serialize_unit_struct(&'static str) -> Self::Ok;
    }

    each_gives! { Err(not_a_string()) =>
        serialize_seq(Option<usize>) -> Self::SerializeSeq;
        serialize_tuple(usize) -> Self::SerializeTuple;
        serialize_tuple_struct(&'static str, usize) -> Self::SerializeTupleStruct;
        serialize_tuple_variant(&'static str, u32, &'static str, usize) -> Self::SerializeTupleVariant;
        serialize_map(Option<usize>) -> Self::SerializeMap;
        serialize_struct(&'static str, usize) -> Self::SerializeStruct;
        serialize_struct_variant(&'static str, u32, &'static str, usize) -> Self::SerializeStructVariant;
    }

    fn serialize_char(self, v: char) -> Result<Self::Ok, E> {
        self.serialize_str(v.encode_utf8(&mut [0; 4]))
    }

    fn serialize_str(self, v: &str) -> Result<Self::Ok, E> {
        Ok(ENVELOPE_FIELDS.into_iter().find(|name| *name == v))
    }

    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<Self::Ok, E> {
        self.serialize_str(variant)
    }

    fn serialize_some<V: ?Sized + Serialize>(self, value: &V) -> Result<Self::Ok, E> {
        value.serialize(self)
    }

    fn serialize_newtype_struct<V: ?Sized + Serialize>(
        self,
        _: &'static str,
        value: &V,
    ) -> Result<Self::Ok, E> {
        value.serialize(self)
    }

    fn serialize_newtype_variant<V: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &V,
    ) -> Result<Self::Ok, E> {
        Err(not_a_string())
    }
}
