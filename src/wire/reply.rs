//! [`Reply<T>`]: one pass over the reply object, no buffering. The envelope
//! fields are taken out as they stream by; every other field goes straight to
//! `T`'s own `Deserialize`, which therefore only runs on a success reply's fields.

use alloc::borrow::Cow;
use alloc::string::String;
use core::fmt;
use core::marker::PhantomData;

use serde::de::value::{BorrowedStrDeserializer, MapAccessDeserializer, StringDeserializer};
use serde::de::{
    self, Deserialize, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor,
};
use serde::ser::{Serialize, SerializeMap, Serializer};

use super::probe::{Sinking, ValueSink, code_from_str};
use super::{ProtocolError, ValueKind};
use crate::{Category, Code, ErrorCode, Recovery};

/// One decoded RoomService reply: a success with the interface's payload `T`,
/// or a failure with the server's error.
///
/// `T` receives the fields beside `code`, `message` and `timestamp` and is
/// decoded only when `code` is `0`, so an error reply decodes even though it
/// lacks `T`'s required fields. Unknown fields are ignored. The default payload
/// [`Empty`] suits envelope-only replies.
///
/// Decode with [`from_slice`](super::from_slice) (feature `json`) for typed
/// protocol errors, or with any serde deserializer, where they become that
/// format's custom error.
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
/// use liveroom_errors::{Category, ErrorCode, Recovery};
///
/// let err = ServerError::new(203011, "room full of ghosts");
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
        self.code.known()
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
        self.code.category()
    }

    /// The recovery advice of a known code.
    pub fn recovery(&self) -> Option<Recovery> {
        self.code.recovery()
    }

    /// Whether the code is known and may succeed on retry.
    pub fn is_retryable(&self) -> bool {
        self.code.is_retryable()
    }

    /// The official (Chinese) explanation of a known code, e.g. `成员不在房间内`.
    pub fn explanation(&self) -> Option<&'static str> {
        self.known().map(ErrorCode::message)
    }

    /// The English explanation of a known code.
    pub fn explanation_en(&self) -> Option<&'static str> {
        self.known().map(ErrorCode::message_en)
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
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct EmptyVisitor;
        impl<'de> Visitor<'de> for EmptyVisitor {
            type Value = Empty;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object")
            }
            #[inline]
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Empty, A::Error> {
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(Empty)
            }
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
    /// Decodes one reply; a [`ProtocolError`] becomes the format's custom error.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let Checked(reply) = Checked::<T>::deserialize(deserializer)?;
        reply.map_err(de::Error::custom)
    }
}

/// A reply or the protocol error that makes the body no reply. Only syntax
/// errors and a success payload that does not fit `T` are deserializer errors.
pub(crate) struct Checked<T>(pub(crate) Result<Reply<T>, ProtocolError>);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Checked<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(ReplyVisitor(PhantomData))
    }
}

struct ReplyVisitor<T>(PhantomData<T>);

impl<T> ReplyVisitor<T> {
    fn not_an_object<E>(kind: ValueKind) -> Result<Checked<T>, E> {
        Ok(Checked(Err(ProtocolError::NotAnObject(kind))))
    }
}

// The `#[inline]`s in this file and in `probe.rs`, cold-looking ones included,
// were measured with `benches/decode.rs`: removing those on this visitor and on
// the probe's `visit_map` made an error reply 30 ns (20 %) slower.
impl<'de, T: Deserialize<'de>> Visitor<'de> for ReplyVisitor<T> {
    type Value = Checked<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a RoomService reply object")
    }

    #[inline]
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Checked<T>, A::Error> {
        let mut envelope = Envelope::default();
        let mut tap = Tap {
            map,
            envelope: &mut envelope,
            pending: None,
        };
        // Servers send `code` first: an error reply is then known before `T`
        // starts, and `T` is never run (nor its "missing field" error built).
        tap.read_leading_envelope()?;
        let payload = if tap.envelope.is_failure() {
            None
        } else {
            match T::deserialize(MapAccessDeserializer::new(&mut tap)) {
                // `T` failed inside a value before any code said "error": the input
                // position is unknown, so its error is the only safe answer.
                Err(error) if !tap.envelope.exhausted && !tap.envelope.is_failure() => {
                    return Err(error);
                }
                payload => Some(payload),
            }
        };
        tap.drain()?;
        envelope.into_reply(payload).map(Checked)
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Checked<T>, E> {
        Self::not_an_object(ValueKind::Bool)
    }
    #[inline]
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Checked<T>, E> {
        Self::not_an_object(ValueKind::Integer)
    }
    #[inline]
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Checked<T>, E> {
        Self::not_an_object(ValueKind::Integer)
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Checked<T>, E> {
        Self::not_an_object(ValueKind::Float)
    }
    #[inline]
    fn visit_str<E: de::Error>(self, _: &str) -> Result<Checked<T>, E> {
        Self::not_an_object(ValueKind::String)
    }
    fn visit_unit<E: de::Error>(self) -> Result<Checked<T>, E> {
        Self::not_an_object(ValueKind::Null)
    }
    fn visit_none<E: de::Error>(self) -> Result<Checked<T>, E> {
        Self::not_an_object(ValueKind::Null)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Checked<T>, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Self::not_an_object(ValueKind::Array)
    }
}

/// The envelope fields, gathered while the payload streams past.
#[derive(Default)]
struct Envelope {
    code: Option<i64>,
    message: Option<String>,
    /// `message` was given by the `error` field of an older server.
    message_from_error: bool,
    timestamp: Option<u64>,
    seen: [bool; 4],
    problem: Option<ProtocolError>,
    exhausted: bool,
}

#[derive(Copy, Clone)]
enum Field {
    Code,
    Message,
    Error,
    Timestamp,
}

impl Field {
    const fn name(self) -> &'static str {
        match self {
            Field::Code => "code",
            Field::Message => "message",
            Field::Error => "error",
            Field::Timestamp => "timestamp",
        }
    }
}

impl Envelope {
    /// Once the reply is known to be an error (or no reply), `T` is not fed again.
    #[inline]
    fn is_failure(&self) -> bool {
        self.problem.is_some() || self.code.is_some_and(|code| code != 0)
    }

    /// Reads the value of an envelope `field` from `map` into the envelope.
    #[inline]
    fn record<'de, A: MapAccess<'de>>(
        &mut self,
        field: Field,
        map: &mut A,
    ) -> Result<(), A::Error> {
        if core::mem::replace(&mut self.seen[field as usize], true) {
            self.fail(ProtocolError::DuplicateField(field.name()));
            return map.next_value::<IgnoredAny>().map(drop);
        }
        map.next_value_seed(Sinking(FieldSink {
            envelope: self,
            field,
        }))
        .map(drop)
    }

    #[inline]
    fn fail(&mut self, problem: ProtocolError) {
        self.problem.get_or_insert(problem);
    }

    /// The reply, given what `T` made of the payload (`None`: `T` was not run,
    /// the reply being known to be no success before any payload field).
    #[inline]
    fn into_reply<T, E>(
        self,
        payload: Option<Result<T, E>>,
    ) -> Result<Result<Reply<T>, ProtocolError>, E> {
        if let Some(problem) = self.problem {
            return Ok(Err(problem));
        }
        let message = self.message.unwrap_or_default();
        Ok(match self.code {
            None => Err(ProtocolError::MissingCode),
            Some(0) => match payload {
                Some(payload) => Ok(Reply::Success {
                    payload: payload?,
                    message,
                    timestamp: self.timestamp,
                }),
                // Unreachable: `T` is skipped only for a non-zero code or a problem.
                None => Err(ProtocolError::MissingCode),
            },
            Some(code) => Ok(Reply::Failure(ServerError {
                code: Code::new(code),
                message,
                timestamp: self.timestamp,
            })),
        })
    }
}

/// Stores the value of one envelope field, or the problem with it.
struct FieldSink<'e> {
    envelope: &'e mut Envelope,
    field: Field,
}

impl FieldSink<'_> {
    #[inline]
    fn wrong_type(&mut self, found: ValueKind) {
        let field = self.field.name();
        self.envelope
            .fail(ProtocolError::FieldWrongType { field, found });
    }
}

impl ValueSink for FieldSink<'_> {
    #[inline]
    fn integer(&mut self, value: i64) {
        match self.field {
            Field::Code => self.envelope.code = Some(value),
            Field::Timestamp if value >= 0 => self.envelope.timestamp = Some(value as u64),
            _ => self.wrong_type(ValueKind::Integer),
        }
    }

    #[inline]
    fn huge_integer(&mut self, value: Option<u64>) {
        match (self.field, value) {
            (Field::Code, _) => self.envelope.fail(ProtocolError::CodeOutOfRange),
            (Field::Timestamp, Some(ms)) => self.envelope.timestamp = Some(ms),
            _ => self.wrong_type(ValueKind::Integer),
        }
    }

    #[inline]
    fn string(&mut self, value: &str) {
        let envelope = &mut *self.envelope;
        match self.field {
            Field::Code => match code_from_str(value) {
                Ok(code) => envelope.code = Some(code),
                Err(problem) => envelope.fail(problem),
            },
            Field::Message => {
                envelope.message = Some(value.into());
                envelope.message_from_error = false;
            }
            Field::Error if envelope.message.is_none() || envelope.message_from_error => {
                envelope.message = Some(value.into());
                envelope.message_from_error = true;
            }
            Field::Error => {}
            Field::Timestamp => self.wrong_type(ValueKind::String),
        }
    }

    #[inline]
    fn other(&mut self, kind: ValueKind) {
        match (self.field, kind) {
            (Field::Code, kind) => self.envelope.fail(ProtocolError::CodeWrongType(kind)),
            (Field::Message | Field::Error | Field::Timestamp, ValueKind::Null) => {}
            (_, kind) => self.wrong_type(kind),
        }
    }
}

/// Hands the payload's fields to `T` and keeps the envelope's for itself.
struct Tap<'e, 'de, A> {
    map: A,
    envelope: &'e mut Envelope,
    /// A payload key read before `T` started, to be handed to it first.
    pending: Option<Cow<'de, str>>,
}

impl<'de, A: MapAccess<'de>> Tap<'_, 'de, A> {
    /// Reads envelope fields up to the first payload key (kept in `pending`),
    /// the end of the object, or the moment the reply is known to be a failure.
    #[inline]
    fn read_leading_envelope(&mut self) -> Result<(), A::Error> {
        while !self.envelope.exhausted && !self.envelope.is_failure() {
            match self.map.next_key::<Key<'de>>()? {
                None => self.envelope.exhausted = true,
                Some(Key::Envelope(field)) => self.envelope.record(field, &mut self.map)?,
                Some(Key::Payload(name)) => {
                    self.pending = Some(name);
                    break;
                }
            }
        }
        Ok(())
    }

    /// Gives a payload key to `T`'s field visitor.
    #[inline]
    fn hand_over<K: DeserializeSeed<'de>>(
        seed: K,
        name: Cow<'de, str>,
    ) -> Result<K::Value, A::Error> {
        match name {
            Cow::Borrowed(name) => seed.deserialize(BorrowedStrDeserializer::new(name)),
            Cow::Owned(name) => seed.deserialize(StringDeserializer::new(name)),
        }
    }

    /// Reads what is left of the object, envelope fields included.
    #[inline]
    fn drain(&mut self) -> Result<(), A::Error> {
        if self.pending.take().is_some() {
            // `T` returned before asking for its first field.
            self.map.next_value::<IgnoredAny>()?;
        }
        while !self.envelope.exhausted {
            match self.map.next_key::<Key<'de>>()? {
                None => self.envelope.exhausted = true,
                Some(Key::Envelope(field)) => self.envelope.record(field, &mut self.map)?,
                Some(Key::Payload(_)) => {
                    self.map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(())
    }
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for Tap<'_, 'de, A> {
    type Error = A::Error;

    #[inline]
    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        if let Some(name) = self.pending.take() {
            return Self::hand_over(seed, name).map(Some);
        }
        while !self.envelope.exhausted {
            if self.envelope.is_failure() {
                self.drain()?;
                break;
            }
            match self.map.next_key::<Key<'de>>()? {
                None => self.envelope.exhausted = true,
                Some(Key::Envelope(field)) => self.envelope.record(field, &mut self.map)?,
                Some(Key::Payload(name)) => return Self::hand_over(seed, name).map(Some),
            }
        }
        Ok(None)
    }

    #[inline]
    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, A::Error> {
        self.map.next_value_seed(seed)
    }
}

enum Key<'de> {
    Envelope(Field),
    Payload(Cow<'de, str>),
}

impl<'de> Key<'de> {
    #[inline]
    fn of(name: &str) -> Option<Field> {
        match name {
            "code" => Some(Field::Code),
            "message" => Some(Field::Message),
            "error" => Some(Field::Error),
            "timestamp" => Some(Field::Timestamp),
            _ => None,
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
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Key<'de>, E> {
                Ok(Key::of(v).map_or(Key::Payload(Cow::Borrowed(v)), Key::Envelope))
            }
            #[inline]
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Key<'de>, E> {
                Ok(Key::of(v).map_or_else(|| Key::Payload(Cow::Owned(v.into())), Key::Envelope))
            }
        }
        deserializer.deserialize_identifier(KeyVisitor)
    }
}
