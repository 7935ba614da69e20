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

use super::probe::Probe;
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

impl<'de, T: Deserialize<'de>> Visitor<'de> for ReplyVisitor<T> {
    type Value = Checked<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a RoomService reply object")
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Checked<T>, A::Error> {
        let mut envelope = Envelope::default();
        let mut tap = Tap {
            map,
            envelope: &mut envelope,
        };
        let payload = match T::deserialize(MapAccessDeserializer::new(&mut tap)) {
            // `T` failed inside a value before any code said "error": the input
            // position is unknown, so its error is the only safe answer.
            Err(error) if !tap.envelope.exhausted && !tap.envelope.is_failure() => {
                return Err(error);
            }
            payload => payload,
        };
        tap.drain()?;
        envelope.into_reply(payload).map(Checked)
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Checked<T>, E> {
        Self::not_an_object(ValueKind::Bool)
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Checked<T>, E> {
        Self::not_an_object(ValueKind::Integer)
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Checked<T>, E> {
        Self::not_an_object(ValueKind::Integer)
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Checked<T>, E> {
        Self::not_an_object(ValueKind::Float)
    }
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
    fn is_failure(&self) -> bool {
        self.problem.is_some() || self.code.is_some_and(|code| code != 0)
    }

    fn record(&mut self, field: Field, value: Probe) {
        if core::mem::replace(&mut self.seen[field as usize], true) {
            return self.fail(ProtocolError::DuplicateField(field.name()));
        }
        let wrong_type = |found| ProtocolError::FieldWrongType {
            field: field.name(),
            found,
        };
        match (field, value) {
            (Field::Code, value) => match value.into_code() {
                Ok(code) => self.code = Some(code),
                Err(problem) => self.fail(problem),
            },
            (Field::Message | Field::Error, Probe::Other(ValueKind::Null)) => {}
            (Field::Message, Probe::String(text)) => {
                self.message = Some(text);
                self.message_from_error = false;
            }
            (Field::Error, Probe::String(text)) => {
                if self.message.is_none() || self.message_from_error {
                    self.message = Some(text);
                    self.message_from_error = true;
                }
            }
            (Field::Timestamp, Probe::Integer(ms)) if ms >= 0 => self.timestamp = Some(ms as u64),
            (Field::Timestamp, Probe::Other(ValueKind::Null)) => {}
            (_, other) => self.fail(wrong_type(other.kind())),
        }
    }

    fn fail(&mut self, problem: ProtocolError) {
        self.problem.get_or_insert(problem);
    }

    fn into_reply<T, E>(self, payload: Result<T, E>) -> Result<Result<Reply<T>, ProtocolError>, E> {
        if let Some(problem) = self.problem {
            return Ok(Err(problem));
        }
        let message = self.message.unwrap_or_default();
        Ok(match self.code {
            None => Err(ProtocolError::MissingCode),
            Some(0) => Ok(Reply::Success {
                payload: payload?,
                message,
                timestamp: self.timestamp,
            }),
            Some(code) => Ok(Reply::Failure(ServerError {
                code: Code::new(code),
                message,
                timestamp: self.timestamp,
            })),
        })
    }
}

/// Hands the payload's fields to `T` and keeps the envelope's for itself.
struct Tap<'e, A> {
    map: A,
    envelope: &'e mut Envelope,
}

impl<'de, A: MapAccess<'de>> Tap<'_, A> {
    /// Reads what is left of the object, envelope fields included.
    fn drain(&mut self) -> Result<(), A::Error> {
        while !self.envelope.exhausted {
            match self.map.next_key::<Key<'de>>()? {
                None => self.envelope.exhausted = true,
                Some(Key::Envelope(field)) => self.envelope.record(field, self.map.next_value()?),
                Some(Key::Payload(_)) => {
                    self.map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(())
    }
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for Tap<'_, A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        while !self.envelope.exhausted {
            if self.envelope.is_failure() {
                self.drain()?;
                break;
            }
            match self.map.next_key::<Key<'de>>()? {
                None => self.envelope.exhausted = true,
                Some(Key::Envelope(field)) => self.envelope.record(field, self.map.next_value()?),
                Some(Key::Payload(Cow::Borrowed(name))) => {
                    return seed
                        .deserialize(BorrowedStrDeserializer::new(name))
                        .map(Some);
                }
                Some(Key::Payload(Cow::Owned(name))) => {
                    return seed.deserialize(StringDeserializer::new(name)).map(Some);
                }
            }
        }
        Ok(None)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, A::Error> {
        self.map.next_value_seed(seed)
    }
}

enum Key<'de> {
    Envelope(Field),
    Payload(Cow<'de, str>),
}

impl<'de> Key<'de> {
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
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a field name")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Key<'de>, E> {
                Ok(Key::of(v).map_or(Key::Payload(Cow::Borrowed(v)), Key::Envelope))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Key<'de>, E> {
                Ok(Key::of(v).map_or_else(|| Key::Payload(Cow::Owned(v.into())), Key::Envelope))
            }
        }
        deserializer.deserialize_identifier(KeyVisitor)
    }
}
