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

use super::probe::{ByRule, Storing, ValueRule, code_from_str};
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
/// protocol errors, or with any serde deserializer, which asks it for a map:
/// a [`ProtocolError`] then becomes that format's custom error, and a body
/// that is no object its "invalid type" error.
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
    /// The code as sent; `Code` is derived on demand (a table lookup), which
    /// keeps decoding an error reply from paying for it and this struct small.
    code: i64,
    message: String,
    timestamp: Option<u64>,
}

impl ServerError {
    /// An error with the given code and server text, without a timestamp.
    pub fn new(code: impl Into<Code>, message: impl Into<String>) -> Self {
        ServerError {
            code: code.into().value(),
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
        Code::new(self.code)
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
            (false, _) => write!(f, "{} {}", self.code, self.message),
            (true, Some(known)) => write!(f, "{}", known.display_en()),
            (true, None) => write!(f, "{} (no message)", self.code),
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
    /// Decodes one reply object; a [`ProtocolError`] becomes the format's custom error.
    #[inline]
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(ReplyVisitor::<Reply<T>>(PhantomData))
    }
}

/// What [`super::from_slice`] returns, decoded as such: a protocol error is
/// no deserializer error but the `Err` of this result. A body that is no
/// object is left to `from_slice` (it is read as any value there).
#[cfg(feature = "json")]
pub(crate) struct Decoded<T>(pub(crate) Result<Reply<T>, super::DecodeError>);

#[cfg(feature = "json")]
impl<'de, T: Deserialize<'de>> Deserialize<'de> for Decoded<T> {
    #[inline]
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(ReplyVisitor::<Decoded<T>>(PhantomData))
    }
}

/// What a reply is decoded into: the reply itself, or [`Decoded`].
/// Each builds its result directly: no intermediate result is moved around.
trait Outcome: Sized {
    type Payload;
    fn reply(reply: Reply<Self::Payload>) -> Self;
    fn protocol_error<E: de::Error>(problem: ProtocolError) -> Result<Self, E>;
}

impl<T> Outcome for Reply<T> {
    type Payload = T;

    #[inline]
    fn reply(reply: Reply<T>) -> Self {
        reply
    }

    #[inline]
    fn protocol_error<E: de::Error>(problem: ProtocolError) -> Result<Self, E> {
        Err(custom_error(problem))
    }
}

#[cfg(feature = "json")]
impl<T> Outcome for Decoded<T> {
    type Payload = T;

    #[inline]
    fn reply(reply: Reply<T>) -> Self {
        Decoded(Ok(reply))
    }

    #[inline]
    fn protocol_error<E: de::Error>(problem: ProtocolError) -> Result<Self, E> {
        Ok(Decoded(Err(problem.into())))
    }
}

/// Out of line and cold: it runs only for a body that is no reply.
#[cold]
#[inline(never)]
fn custom_error<E: de::Error>(problem: ProtocolError) -> E {
    E::custom(problem)
}

/// Marks the copies of the envelope's key and value readers made for one
/// outcome type `O` and one of their two callers (`LEADING`: before the
/// payload's `Deserialize` runs; or else from its own field loop).
///
/// Why: as with a derived `Deserialize`, each reply type then has its own
/// copies, each called from one place, so the compiler inlines serde_json's
/// parser into one loop per reply type. Shared by all reply types (as soon as a
/// program decodes two), the readers stayed out of line, and an error reply
/// took 1.30× the time of a plain derived struct instead of 1.18×
/// (`benches/decode.rs`). The `#[inline]`s in this file serve the same end:
/// they let this code follow its caller into the deserializer's codegen unit.
struct Site<O, const LEADING: bool>(PhantomData<fn() -> O>);

struct ReplyVisitor<O>(PhantomData<fn() -> O>);

impl<'de, O: Outcome<Payload: Deserialize<'de>>> ReplyVisitor<O> {
    /// Runs the payload's `Deserialize` on the payload fields, from
    /// `first_key` on, and reads the rest. Out of line, so that the loop of an
    /// error reply stays small.
    #[inline(never)]
    fn with_payload<A: MapAccess<'de>>(
        fields: Fields<A>,
        first_key: Option<Cow<'de, str>>,
    ) -> Result<O, A::Error> {
        let mut tap = Tap {
            fields,
            pending: first_key,
            site: PhantomData::<Site<O, false>>,
        };
        let payload = match O::Payload::deserialize(MapAccessDeserializer::new(&mut tap)) {
            // The payload failed inside a value before any code said "error":
            // the input position is unknown, so its error is the only safe answer.
            Err(error) if !tap.fields.exhausted && !tap.fields.envelope.is_failure() => {
                return Err(error);
            }
            payload => payload,
        };
        tap.drain()?;
        tap.fields.envelope.into_reply(Some(payload))
    }

    fn not_an_object<E: de::Error>(kind: ValueKind) -> Result<O, E> {
        O::protocol_error(ProtocolError::NotAnObject(kind))
    }
}

impl<'de, O: Outcome<Payload: Deserialize<'de>>> Visitor<'de> for ReplyVisitor<O> {
    type Value = O;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a RoomService reply object")
    }

    #[inline]
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<O, A::Error> {
        let mut fields = Fields {
            map,
            envelope: Envelope::default(),
            exhausted: false,
        };
        // Servers send `code` first: an error reply is then read to its end by
        // this one call, and the payload's `Deserialize` never runs (nor builds
        // its "missing field" error).
        let first_payload_key = fields.next_payload_key::<Site<O, true>>()?;
        if fields.envelope.is_failure() {
            return fields.envelope.into_reply(None);
        }
        Self::with_payload(fields, first_payload_key)
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<O, E> {
        Self::not_an_object(ValueKind::Bool)
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<O, E> {
        Self::not_an_object(ValueKind::Integer)
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<O, E> {
        Self::not_an_object(ValueKind::Integer)
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<O, E> {
        Self::not_an_object(ValueKind::Float)
    }
    fn visit_str<E: de::Error>(self, _: &str) -> Result<O, E> {
        Self::not_an_object(ValueKind::String)
    }
    fn visit_unit<E: de::Error>(self) -> Result<O, E> {
        Self::not_an_object(ValueKind::Null)
    }
    fn visit_none<E: de::Error>(self) -> Result<O, E> {
        Self::not_an_object(ValueKind::Null)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<O, A::Error> {
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
    /// One bit per [`Field`] already read.
    seen: u8,
    problem: Option<ProtocolError>,
}

#[derive(Copy, Clone, PartialEq, Eq)]
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

    fn wrong_type<T>(self, found: ValueKind) -> Result<T, ProtocolError> {
        let field = self.name();
        Err(ProtocolError::FieldWrongType { field, found })
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
    fn record<'de, S, A: MapAccess<'de>>(
        &mut self,
        field: Field,
        map: &mut A,
    ) -> Result<(), A::Error> {
        let bit = 1 << field as u8;
        if self.seen & bit != 0 {
            self.fail(ProtocolError::DuplicateField(field.name()));
            return map.next_value::<IgnoredAny>().map(drop);
        }
        self.seen |= bit;
        match field {
            Field::Code => read_value::<S, _, _>(map, CodeRule, |code| self.store_code(code)),
            // Two arms, not one: each closure is its own type, so each arm gets
            // its own inlined reader (one shared arm measured 4 % slower).
            Field::Message => {
                read_value::<S, _, _>(map, TextRule(field), |text| self.store_text(field, text))
            }
            Field::Error => {
                read_value::<S, _, _>(map, TextRule(field), |text| self.store_text(field, text))
            }
            Field::Timestamp => {
                read_value::<S, _, _>(map, TimestampRule, |ms| self.store_timestamp(ms))
            }
        }
    }

    #[inline]
    fn store_code(&mut self, code: Result<i64, ProtocolError>) {
        match code {
            Ok(code) => self.code = Some(code),
            Err(problem) => self.fail(problem),
        }
    }

    #[inline]
    fn store_text(&mut self, field: Field, text: Result<Option<String>, ProtocolError>) {
        match text {
            Err(problem) => self.fail(problem),
            // `null`: as if absent.
            Ok(None) => {}
            // `message` wins over the `error` of older servers, in either order.
            Ok(Some(text)) => {
                let from_error = field == Field::Error;
                if !from_error || self.message.is_none() || self.message_from_error {
                    self.message = Some(text);
                    self.message_from_error = from_error;
                }
            }
        }
    }

    #[inline]
    fn store_timestamp(&mut self, timestamp: Result<Option<u64>, ProtocolError>) {
        match timestamp {
            Ok(timestamp) => self.timestamp = timestamp,
            Err(problem) => self.fail(problem),
        }
    }

    #[inline]
    fn fail(&mut self, problem: ProtocolError) {
        self.problem.get_or_insert(problem);
    }

    /// The outcome, given what the payload's `Deserialize` made of the payload
    /// (`None`: it was not run, the reply being known to be no success before
    /// any payload field).
    #[inline]
    fn into_reply<O: Outcome, E: de::Error>(
        self,
        payload: Option<Result<O::Payload, E>>,
    ) -> Result<O, E> {
        if let Some(problem) = self.problem {
            return O::protocol_error(problem);
        }
        let message = self.message.unwrap_or_default();
        match (self.code, payload) {
            (None, _) => O::protocol_error(ProtocolError::MissingCode),
            (Some(0), Some(payload)) => Ok(O::reply(Reply::Success {
                payload: payload?,
                message,
                timestamp: self.timestamp,
            })),
            // Unreachable: the payload is skipped only for a non-zero code or a problem.
            (Some(0), None) => O::protocol_error(ProtocolError::MissingCode),
            (Some(code), _) => Ok(O::reply(Reply::Failure(ServerError {
                code,
                message,
                timestamp: self.timestamp,
            }))),
        }
    }
}

/// Reads the next value of `map` by `rule` for the [`Site`] `S`, and hands
/// what the rule says to `store` while still inside the deserializer: only
/// `()` travels back (returning the rule's value made an error reply 5 % slower).
#[inline]
fn read_value<'de, S, A: MapAccess<'de>, R: ValueRule>(
    map: &mut A,
    rule: R,
    store: impl FnOnce(R::Value),
) -> Result<(), A::Error> {
    map.next_value_seed(ByRule::<_, S>::new(Storing(rule, store)))
}

/// `code`: an integer, or a decimal integer in a string.
struct CodeRule;

impl ValueRule for CodeRule {
    type Value = Result<i64, ProtocolError>;

    #[inline]
    fn integer(self, value: i64) -> Self::Value {
        Ok(value)
    }

    fn huge_integer(self, _: Option<u64>) -> Self::Value {
        Err(ProtocolError::CodeOutOfRange)
    }

    fn string(self, value: &str) -> Self::Value {
        code_from_str(value)
    }

    fn other(self, kind: ValueKind) -> Self::Value {
        Err(ProtocolError::CodeWrongType(kind))
    }
}

/// `message` or `error`: a string, or `null` for none.
struct TextRule(Field);

impl ValueRule for TextRule {
    type Value = Result<Option<String>, ProtocolError>;

    fn integer(self, _: i64) -> Self::Value {
        self.0.wrong_type(ValueKind::Integer)
    }

    fn huge_integer(self, _: Option<u64>) -> Self::Value {
        self.0.wrong_type(ValueKind::Integer)
    }

    #[inline]
    fn string(self, value: &str) -> Self::Value {
        Ok(Some(value.into()))
    }

    fn other(self, kind: ValueKind) -> Self::Value {
        match kind {
            ValueKind::Null => Ok(None),
            kind => self.0.wrong_type(kind),
        }
    }
}

/// `timestamp`: milliseconds as a non-negative integer, or `null` for none.
struct TimestampRule;

impl ValueRule for TimestampRule {
    type Value = Result<Option<u64>, ProtocolError>;

    #[inline]
    fn integer(self, value: i64) -> Self::Value {
        match u64::try_from(value) {
            Ok(ms) => Ok(Some(ms)),
            Err(_) => Field::Timestamp.wrong_type(ValueKind::Integer),
        }
    }

    fn huge_integer(self, value: Option<u64>) -> Self::Value {
        match value {
            Some(ms) => Ok(Some(ms)),
            None => Field::Timestamp.wrong_type(ValueKind::Integer),
        }
    }

    fn string(self, _: &str) -> Self::Value {
        Field::Timestamp.wrong_type(ValueKind::String)
    }

    fn other(self, kind: ValueKind) -> Self::Value {
        match kind {
            ValueKind::Null => Ok(None),
            kind => Field::Timestamp.wrong_type(kind),
        }
    }
}

/// The reply object being read: its envelope fields go to `envelope`, its
/// payload keys to whoever asks.
struct Fields<A> {
    map: A,
    envelope: Envelope,
    /// The end of the object was read.
    exhausted: bool,
}

impl<'de, A: MapAccess<'de>> Fields<A> {
    /// Reads envelope fields up to the next payload key, whose value is then
    /// the next to read. Once the reply is known to be no success, payload
    /// fields are skipped and the object is read to its end.
    ///
    /// `S` is the caller's [`Site`].
    #[inline]
    fn next_payload_key<S>(&mut self) -> Result<Option<Cow<'de, str>>, A::Error> {
        while !self.exhausted {
            match self.map.next_key_seed(KeySeed::<S>(PhantomData))? {
                None => self.exhausted = true,
                Some(Key::Envelope(field)) => self.envelope.record::<S, _>(field, &mut self.map)?,
                Some(Key::Payload(_)) if self.envelope.is_failure() => {
                    self.map.next_value::<IgnoredAny>()?;
                }
                Some(Key::Payload(name)) => return Ok(Some(name)),
            }
        }
        Ok(None)
    }
}

/// Hands the payload's fields to the payload's `Deserialize`.
struct Tap<'de, A, S> {
    fields: Fields<A>,
    /// A payload key read before the payload started, to be handed to it first.
    pending: Option<Cow<'de, str>>,
    site: PhantomData<S>,
}

impl<'de, A: MapAccess<'de>, S> Tap<'de, A, S> {
    /// Reads what `T` left of the object, envelope fields included.
    #[inline]
    fn drain(&mut self) -> Result<(), A::Error> {
        if self.pending.take().is_some() {
            // `T` returned before asking for its first field.
            self.fields.map.next_value::<IgnoredAny>()?;
        }
        while self.fields.next_payload_key::<S>()?.is_some() {
            self.fields.map.next_value::<IgnoredAny>()?;
        }
        Ok(())
    }
}

impl<'de, A: MapAccess<'de>, S> MapAccess<'de> for Tap<'de, A, S> {
    type Error = A::Error;

    #[inline]
    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        let name = match self.pending.take() {
            Some(name) => name,
            None => match self.fields.next_payload_key::<S>()? {
                Some(name) => name,
                None => return Ok(None),
            },
        };
        match name {
            Cow::Borrowed(name) => seed.deserialize(BorrowedStrDeserializer::new(name)),
            Cow::Owned(name) => seed.deserialize(StringDeserializer::new(name)),
        }
        .map(Some)
    }

    #[inline]
    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, A::Error> {
        self.fields.map.next_value_seed(seed)
    }
}

enum Key<'de> {
    Envelope(Field),
    Payload(Cow<'de, str>),
}

impl Key<'_> {
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

/// Reads a [`Key`] for the [`Site`] `S`.
struct KeySeed<S>(PhantomData<S>);

impl<'de, S> DeserializeSeed<'de> for KeySeed<S> {
    type Value = Key<'de>;

    #[inline]
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Key<'de>, D::Error> {
        deserializer.deserialize_identifier(self)
    }
}

impl<'de, S> Visitor<'de> for KeySeed<S> {
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
