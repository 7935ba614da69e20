//! [`decode`]: a reply body into its payload or its error, in one pass.
//!
//! The reply's meaning depends on `code`, which may come after the payload's
//! fields (a proxy that sorts keys puts `accelerateURL` first), and the
//! payload's own `Deserialize` must not run on an error reply's fields. So the
//! body is read once, as a map whose envelope keys (`code`, `message`,
//! `error`, `timestamp`) are taken out on the way:
//!
//! 1. Keys are read until the first payload key. If the envelope read so far
//!    already rules out a success (a `code` that is not 0, or no valid code),
//!    the rest is read as envelope only and the payload type never runs.
//! 2. Otherwise the payload type's `Deserialize` runs over the remaining map,
//!    starting with that key; envelope keys it meets on the way are read
//!    into the envelope, never shown to it.
//! 3. The whole envelope then decides, in a fixed order, so that key order
//!    never changes the outcome. When the payload type stopped early (a field
//!    of the wrong type), a second, envelope-only read of the body decides
//!    instead, and the payload's error is kept for a success that did not fit.
//!    If even that read fails on a number serde_json cannot read, one last
//!    read takes `code` alone, so that an error reply keeps its code.

use alloc::borrow::Cow;
use alloc::string::String;
use core::fmt;
use core::marker::PhantomData;

use serde::de::value::{BorrowedStrDeserializer, CowStrDeserializer, StrDeserializer};
use serde::de::{
    self, DeserializeOwned, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, Visitor,
};

use super::scalar::Scalar;
use super::{InterfaceError, ProtocolError, Reply, ServerError, Success};
use crate::code::{DecimalError, parse_decimal};
use crate::{Code, Recovery};

/// Why a call did not succeed: the server answered with an error, or its
/// reply is no valid reply (each way it can be wrong has its variant). What
/// [`decode`] returns (feature `json`).
///
/// Exhaustive on purpose: a body is a valid error reply, or it is not JSON,
/// or it is JSON but no reply, or it is a success whose payload does not fit.
///
/// ```
/// use liveroom_errors::api::{self, CallError, GetAnchorUrlError};
///
/// let err = api::decode::<api::GetAnchorUrlReply>(r#"{"code":202001,"message":"verify failed"}"#).unwrap_err();
/// assert!(matches!(err, CallError::Server(GetAnchorUrlError::TokenVerificationFailed(_))));
/// assert_eq!(err.to_string(), "get_anchor_url: 202001 verify failed");
///
/// let err = api::decode::<api::GetAnchorUrlReply>("<html>").unwrap_err();
/// assert!(matches!(err, CallError::Syntax(_)));
/// let err = api::decode::<api::GetAnchorUrlReply>(r#"{"code":0,"pushURL":"rtmp://x"}"#).unwrap_err();
/// assert!(matches!(err, CallError::Payload(_))); // no accelerateURL
/// ```
#[derive(Debug)]
pub enum CallError<E> {
    /// A valid reply with a non-zero `code`, as the interface's error.
    Server(E),
    /// The body is not one JSON value (RFC 8259, UTF-8, nothing after it but
    /// whitespace): an HTML page, a cut-off body. Never half-trusted.
    Syntax(serde_json::Error),
    /// JSON, but no RoomService reply: no `code`, one of the wrong type, an
    /// envelope key given twice, not an object.
    Protocol(ProtocolError),
    /// A success (`code` 0) whose fields do not fit the payload type.
    Payload(serde_json::Error),
}

impl<E> CallError<E> {
    /// The interface's error, if the server answered with one.
    ///
    /// ```
    /// use liveroom_errors::api::{self, InterfaceError};
    /// let err = api::decode::<api::LogoutReply>(r#"{"code":202004,"message":"logout failed"}"#).unwrap_err();
    /// assert_eq!(err.server().unwrap().server_error().message(), "logout failed");
    /// ```
    pub fn server(&self) -> Option<&E> {
        match self {
            CallError::Server(error) => Some(error),
            _ => None,
        }
    }

    /// The interface's error, if the server answered with one, by value.
    ///
    /// ```
    /// use liveroom_errors::api::{self, LogoutError};
    /// let err = api::decode::<api::LogoutReply>(r#"{"code":202004}"#).unwrap_err();
    /// assert!(matches!(err.into_server(), Some(LogoutError::LogoutFailed(_))));
    /// ```
    pub fn into_server(self) -> Option<E> {
        match self {
            CallError::Server(error) => Some(error),
            _ => None,
        }
    }

    /// The same error with the server's error turned into another by `f`.
    ///
    /// ```
    /// use liveroom_errors::api::{self, ServerError};
    /// let err = api::decode::<api::LogoutReply>(r#"{"code":202004}"#).unwrap_err();
    /// let err = err.map_server(ServerError::from);
    /// assert_eq!(err.server().unwrap().code().value(), 202004);
    /// ```
    pub fn map_server<F>(self, f: impl FnOnce(E) -> F) -> CallError<F> {
        match self {
            CallError::Server(error) => CallError::Server(f(error)),
            CallError::Syntax(error) => CallError::Syntax(error),
            CallError::Protocol(error) => CallError::Protocol(error),
            CallError::Payload(error) => CallError::Payload(error),
        }
    }
}

impl<E: InterfaceError> CallError<E> {
    /// What to do in this call: the server error's recovery in its interface;
    /// `None` for an unknown code and for a body that is no valid reply.
    ///
    /// ```
    /// use liveroom_errors::{api, Recovery};
    /// let err = api::decode::<api::AnchorHeartbeatReply>(r#"{"code":203010}"#).unwrap_err();
    /// assert_eq!(err.recovery(), Some(Recovery::Rejoin));
    /// ```
    pub fn recovery(&self) -> Option<Recovery> {
        self.server().and_then(InterfaceError::recovery)
    }
}

impl<E: fmt::Display> fmt::Display for CallError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CallError::Server(error) => error.fmt(f),
            CallError::Syntax(error) => write!(f, "reply body is not valid JSON: {error}"),
            CallError::Protocol(error) => error.fmt(f),
            CallError::Payload(error) => {
                write!(f, "success reply does not fit the payload type: {error}")
            }
        }
    }
}

impl<E: core::error::Error + 'static> core::error::Error for CallError<E> {
    fn source(&self) -> Option<&(dyn core::error::Error + 'static)> {
        match self {
            CallError::Server(error) => Some(error),
            CallError::Syntax(error) | CallError::Payload(error) => Some(error),
            CallError::Protocol(error) => Some(error),
        }
    }
}

/// Decodes one reply body: the payload with the envelope's text and time on
/// success, else why not. The one way to read a RoomService reply.
///
/// `R` names what the payload becomes, and through [`Reply`] what an error
/// becomes: a reply type of the `api` module gives its interface's error
/// enum (with every code kept: an unknown one in `Other`); `()` ignores the
/// payload and `serde_json::Value` keeps it, both with a [`ServerError`]. A
/// `Value` is read by serde_json's own rules: a key given twice keeps its
/// last value, and under `arbitrary_precision` serde_json's private number key
/// makes a number; the guarantees below are those of the `api` reply types.
///
/// A success is exactly one JSON object with one `code` that is the integer
/// `0` or the string `"0"`, a well-formed envelope and a payload that fits
/// `R`. An error reply needs only its `code`, given once: a `message` or
/// `timestamp` of the wrong type or given twice is left out (empty, `None`),
/// and both are when the envelope holds a number serde_json cannot read
/// (`1e400`), so that the code is never lost. The result never depends on
/// the order of the keys. Unknown keys are ignored; a payload key given twice is an error
/// of the payload, an envelope key given twice in a success (or `code` given
/// twice in any reply) a [`ProtocolError`]. The body must be UTF-8 and one JSON
/// value with nothing but whitespace after it; invalid UTF-8, a lone surrogate
/// escape or a syntax error anywhere is [`CallError::Syntax`], even inside a
/// field nothing reads. serde_json's `arbitrary_precision`, which any crate in
/// a build may turn on, changes nothing, and its private keys mean nothing here
/// (but in a `Value`).
///
/// ```
/// use liveroom_errors::api::{self, CallError, GetAnchorUrlError, InterfaceError};
/// use liveroom_errors::Recovery;
///
/// let body = r#"{"code":0,"message":"Success!","timestamp":1700000000000,
///     "pushURL":"rtmp://push/live/s1?txSecret=a&txTime=b","accelerateURL":"rtmp://play/live/s1"}"#;
/// let urls = api::decode::<api::GetAnchorUrlReply>(body).unwrap();
/// assert_eq!(urls.payload.accelerate_url, "rtmp://play/live/s1");
///
/// let body = br#"{"code":204004,"message":"get push and acc url failed!","timestamp":1577087588457}"#;
/// match api::decode::<api::GetAnchorUrlReply>(body) {
///     Err(CallError::Server(err @ GetAnchorUrlError::GetAcceleratedUrlFailed(_))) => {
///         assert_eq!(err.server_error().message(), "get push and acc url failed!");
///         assert_eq!(err.recovery(), Some(Recovery::Configure));
///     }
///     other => panic!("{other:?}"),
/// }
/// ```
pub fn decode<R: Reply>(body: impl AsRef<[u8]>) -> Result<Success<R>, CallError<R::Error>> {
    read(body.as_ref())
}

fn read<R: Reply>(body: &[u8]) -> Result<Success<R>, CallError<R::Error>> {
    let text = match core::str::from_utf8(body) {
        Ok(text) => text,
        Err(error) => {
            return Err(CallError::Syntax(at(
                body,
                error.valid_up_to(),
                "invalid UTF-8",
            )));
        }
    };
    if !text
        .trim_start_matches([' ', '\t', '\n', '\r'])
        .starts_with('{')
    {
        return Err(match serde_json::from_str::<Scalar<'_>>(text) {
            // An array's contents were skipped, their escapes unchecked.
            Ok(value) => match lone_surrogate(body) {
                Some(offset) => {
                    CallError::Syntax(at(body, offset, "lone surrogate in a \\u escape"))
                }
                None => CallError::Protocol(ProtocolError::NotAnObject(value.kind())),
            },
            Err(error) => CallError::Syntax(error),
        });
    }
    let mut envelope = Envelope::default();
    let mut json = serde_json::Deserializer::from_str(text);
    let visitor = ReplyVisitor::<R> {
        envelope: &mut envelope,
        payload: PhantomData,
    };
    let first = json.deserialize_map(visitor);
    // serde_json checks the escapes of every string it reads, not of those
    // skipped: look for lone surrogates when anything was.
    if envelope.skipped {
        if let Some(offset) = lone_surrogate(text.as_bytes()) {
            let message = "lone surrogate in a \\u escape";
            return Err(CallError::Syntax(at(body, offset, message)));
        }
    }
    let payload = match first {
        Ok(payload) => Ok(payload),
        // The payload type failed with every key read: the envelope is whole.
        Err(error) if envelope.payload_failed && envelope.ended => Err(error),
        Err(first) => {
            envelope = Envelope::default();
            json = serde_json::Deserializer::from_str(text);
            let visitor = EnvelopeVisitor(&mut envelope);
            if let Err(error) = json.deserialize_map(visitor) {
                return Err(code_alone(text).map_or(CallError::Syntax(error), CallError::Server));
            }
            Err(first)
        }
    };
    json.end().map_err(CallError::Syntax)?;
    let (code, message, timestamp) = envelope.judge().map_err(CallError::Protocol)?;
    match (Code::new(code), payload) {
        (Some(code), _) => {
            let error = ServerError::new(code, message);
            Err(CallError::Server(R::Error::from(match timestamp {
                Some(timestamp) => error.with_timestamp(timestamp),
                None => error,
            })))
        }
        (None, Ok(Some(payload))) => Ok(Success {
            payload,
            message,
            timestamp,
        }),
        (None, Err(error)) => Err(CallError::Payload(error)),
        // Never: the payload is read whenever the envelope read before it
        // allows a success, and a later `code` would be a duplicate.
        (None, Ok(None)) => Err(CallError::Protocol(ProtocolError::MissingCode)),
    }
}

/// The error of an error reply whose envelope holds a number serde_json
/// cannot read (`"timestamp":1e400`), from its code read alone, so that the
/// code is not lost; its text and time are left out. `None` when the body
/// is no such reply: then the number is the syntax error it is to serde_json.
fn code_alone<E: From<ServerError>>(text: &str) -> Option<E> {
    let mut envelope = Envelope {
        code_only: true,
        ..Envelope::default()
    };
    let mut json = serde_json::Deserializer::from_str(text);
    json.deserialize_map(EnvelopeVisitor(&mut envelope)).ok()?;
    json.end().ok()?;
    if lone_surrogate(text.as_bytes()).is_some() {
        return None;
    }
    let (code, _, _) = envelope.judge().ok()?;
    Some(E::from(ServerError::new(Code::new(code)?, String::new())))
}

/// A syntax error at byte `offset` of `body`, located as serde_json locates its own.
fn at(body: &[u8], offset: usize, what: &str) -> serde_json::Error {
    let before = &body[..offset];
    let line = 1 + before.iter().filter(|&&b| b == b'\n').count();
    let column = 1 + before.len()
        - before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1);
    de::Error::custom(format_args!("{what} at line {line} column {column}"))
}

/// The offset of the first `\u` escape in `json` that is half of a surrogate
/// pair without its other half. serde_json finds one only in a string it reads;
/// a skipped field would let it pass. Outside strings a valid JSON text has no
/// backslash, so every backslash starts an escape.
fn lone_surrogate(json: &[u8]) -> Option<usize> {
    let hex = |at: usize| {
        let digits = core::str::from_utf8(json.get(at..at + 4)?).ok()?;
        u16::from_str_radix(digits, 16).ok()
    };
    // Most bodies have no backslash at all: one quick scan says so.
    memchr::memchr(b'\\', json)?;
    let mut next = memchr::memmem::find(json, b"\\u")?;
    // Escapes before the first `\u` are of no interest: restart at the
    // backslash run that ends there, so that `\\u` is read right.
    while next > 0 && json[next - 1] == b'\\' {
        next -= 1;
    }
    // `next` may point past the end: an escape cut short by the end of the body.
    while let Some(found) = json
        .get(next..)
        .and_then(|rest| memchr::memchr(b'\\', rest))
    {
        let escape = next + found;
        next = escape + 2;
        if json.get(escape + 1) != Some(&b'u') {
            continue;
        }
        next = escape + 6;
        match hex(escape + 2) {
            Some(0xD800..=0xDBFF) => {
                let low = (json.get(next..next + 2) == Some(b"\\u"))
                    .then(|| hex(next + 2))
                    .flatten();
                if !matches!(low, Some(0xDC00..=0xDFFF)) {
                    return Some(escape);
                }
                next += 6;
            }
            Some(0xDC00..=0xDFFF) => return Some(escape),
            _ => {}
        }
    }
    None
}

/// An envelope key.
#[derive(Copy, Clone, PartialEq, Eq)]
enum Field {
    Code,
    Message,
    Error,
    Timestamp,
}

impl Field {
    #[inline]
    fn of(key: &str) -> Option<Field> {
        match key {
            "code" => Some(Field::Code),
            "message" => Some(Field::Message),
            "error" => Some(Field::Error),
            "timestamp" => Some(Field::Timestamp),
            _ => None,
        }
    }

    const fn name(self) -> &'static str {
        match self {
            Field::Code => "code",
            Field::Message => "message",
            Field::Error => "error",
            Field::Timestamp => "timestamp",
        }
    }
}

/// The envelope of one reply, its values gathered in any order (strings
/// still borrowed from the body) and judged at the end.
#[derive(Default)]
struct Envelope<'de> {
    /// The value of each [`Field`], by its discriminant.
    values: [Option<Scalar<'de>>; 4],
    /// One bit per [`Field`] given more than once.
    duplicates: u8,
    /// Whether a value may have been skipped unread (by the payload type too).
    skipped: bool,
    /// Whether the payload type ran and failed.
    payload_failed: bool,
    /// Whether every key of the object was read.
    ended: bool,
    /// Whether to read `code` only, and skip the other envelope values.
    code_only: bool,
}

impl<'de> Envelope<'de> {
    /// Reads the value of `field`, the key just read from `map`.
    #[inline]
    fn read<A: MapAccess<'de>>(&mut self, field: Field, map: &mut A) -> Result<(), A::Error> {
        if self.code_only && field != Field::Code {
            self.skipped = true;
            return map.next_value::<IgnoredAny>().map(drop);
        }
        let slot = &mut self.values[field as usize];
        if slot.is_some() {
            self.duplicates |= 1 << field as u8;
            self.skipped = true;
            // Read as the first one was: a value serde_json cannot read (a
            // number beyond `f64`) then fails the body whichever comes first.
            map.next_value::<Scalar<'de>>()?;
        } else {
            let value = map.next_value()?;
            // An array's or object's contents are skipped.
            self.skipped |= matches!(value, Scalar::Array | Scalar::Object);
            *slot = Some(value);
        }
        Ok(())
    }

    /// Whether what was read so far already rules out a success.
    fn cannot_succeed(&self) -> bool {
        match &self.values[Field::Code as usize] {
            Some(code) => code_value(code) != Ok(0),
            None => false,
        }
    }

    /// The code, the server's text and the time, or the reply's first
    /// problem, checked in a fixed order so that key order cannot change it.
    ///
    /// `code` comes first: given once and valid, a non-zero code is an error
    /// reply whatever else is wrong with the envelope, so that the code is
    /// never lost: a text or a time of the wrong type, or given twice, is left
    /// out. A success needs the whole envelope right.
    #[inline]
    fn judge(self) -> Result<(i64, String, Option<u64>), ProtocolError> {
        let duplicates = self.duplicates;
        let once = |field: Field| duplicates & (1 << field as u8) == 0;
        if !once(Field::Code) {
            return Err(ProtocolError::DuplicateField(Field::Code.name()));
        }
        let [code, message, error, timestamp] = self.values;
        let code = code_value(&code.ok_or(ProtocolError::MissingCode)?)?;
        if code != 0 {
            let text = |field, value: Option<Scalar<'_>>| {
                text_value(field, value.filter(|_| once(field)))
                    .ok()
                    .flatten()
            };
            let message = text(Field::Message, message).or_else(|| text(Field::Error, error));
            let timestamp = timestamp.filter(|_| once(Field::Timestamp));
            let timestamp = timestamp_value(timestamp).ok().flatten();
            return Ok((code, message.unwrap_or_default(), timestamp));
        }
        for field in [Field::Message, Field::Error, Field::Timestamp] {
            if !once(field) {
                return Err(ProtocolError::DuplicateField(field.name()));
            }
        }
        let message = text_value(Field::Message, message)?;
        let error = text_value(Field::Error, error)?;
        let timestamp = timestamp_value(timestamp)?;
        // `message` wins over the `error` of older servers.
        Ok((code, message.or(error).unwrap_or_default(), timestamp))
    }
}

/// `code`: an integer, or a canonical decimal integer in a string.
fn code_value(value: &Scalar<'_>) -> Result<i64, ProtocolError> {
    const FIELD: &str = "code";
    match *value {
        Scalar::Signed(code) => Ok(code),
        Scalar::Unsigned(code) => {
            i64::try_from(code).map_err(|_| ProtocolError::OutOfRange { field: FIELD })
        }
        Scalar::Str(ref text) => parse_decimal(text).map_err(|e| match e {
            DecimalError::NotCanonical => ProtocolError::NotDecimal { field: FIELD },
            DecimalError::OutOfRange => ProtocolError::OutOfRange { field: FIELD },
        }),
        ref huge if is_huge_integer(huge) => Err(ProtocolError::OutOfRange { field: FIELD }),
        ref other => Err(ProtocolError::WrongType {
            field: FIELD,
            found: other.kind(),
        }),
    }
}

/// A float too large for an `i64`: serde_json reads an integer literal beyond
/// 64 bits as one, so its writer meant an integer out of range.
fn is_huge_integer(value: &Scalar<'_>) -> bool {
    const TWO_POW_63: f64 = 9_223_372_036_854_775_808.0;
    matches!(*value, Scalar::Float(x) if x >= TWO_POW_63 || x <= -TWO_POW_63)
}

/// `message`, `error`: a string, or `null` (or absent) for none.
fn text_value(field: Field, value: Option<Scalar<'_>>) -> Result<Option<String>, ProtocolError> {
    match value {
        None | Some(Scalar::Null) => Ok(None),
        Some(Scalar::Str(text)) => Ok(Some(text.into_owned())),
        Some(other) => Err(ProtocolError::WrongType {
            field: field.name(),
            found: other.kind(),
        }),
    }
}

/// `timestamp`: milliseconds from 0 to `u64::MAX`, or `null` (or absent) for none.
fn timestamp_value(value: Option<Scalar<'_>>) -> Result<Option<u64>, ProtocolError> {
    const FIELD: &str = "timestamp";
    match value {
        None | Some(Scalar::Null) => Ok(None),
        Some(Scalar::Unsigned(ms)) => Ok(Some(ms)),
        Some(Scalar::Signed(ms)) => u64::try_from(ms)
            .map(Some)
            .map_err(|_| ProtocolError::OutOfRange { field: FIELD }),
        Some(huge) if is_huge_integer(&huge) => Err(ProtocolError::OutOfRange { field: FIELD }),
        Some(other) => Err(ProtocolError::WrongType {
            field: FIELD,
            found: other.kind(),
        }),
    }
}

/// Reads the whole reply object: phases 1 and 2 of the module's description.
/// Its value is the payload, `None` when the envelope ruled a success out first.
struct ReplyVisitor<'e, 'de, T> {
    envelope: &'e mut Envelope<'de>,
    payload: PhantomData<T>,
}

impl<'de, T: DeserializeOwned> Visitor<'de> for ReplyVisitor<'_, 'de, T> {
    type Value = Option<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a RoomService reply object")
    }

    #[inline]
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Option<T>, A::Error> {
        let envelope = self.envelope;
        let mut first = loop {
            match map.next_key_seed(KeyName)? {
                None => {
                    envelope.ended = true;
                    break None;
                }
                Some(Key::Envelope(field)) => {
                    envelope.read(field, &mut map)?;
                    // An error reply: the rest is envelope only.
                    if field == Field::Code && envelope.cannot_succeed() {
                        read_envelope(envelope, &mut map)?;
                        return Ok(None);
                    }
                }
                Some(Key::Payload(_)) if envelope.cannot_succeed() => {
                    envelope.skipped = true;
                    map.next_value::<IgnoredAny>()?;
                    read_envelope(envelope, &mut map)?;
                    return Ok(None);
                }
                Some(Key::Payload(name)) => break Some(name),
            }
        };
        if first.is_none() && envelope.cannot_succeed() {
            return Ok(None);
        }
        envelope.skipped = true;
        let payload = T::deserialize(PayloadDeserializer {
            map: &mut map,
            envelope: &mut *envelope,
            first: &mut first,
        });
        envelope.payload_failed = payload.is_err();
        let payload = payload?;
        // A payload type may stop before the end of the map (serde_json's
        // `Value` does at its private number key): the rest is read for the
        // envelope, and a payload key left in it is a payload error, as for
        // `serde_json::from_str` (trailing characters), in any key order.
        if !envelope.ended {
            let unread = first.is_some();
            if unread {
                map.next_value::<IgnoredAny>()?;
            }
            if read_envelope(envelope, &mut map)? || unread {
                envelope.payload_failed = true;
                return Err(de::Error::custom(
                    "the payload type stopped before the last payload key",
                ));
            }
        }
        Ok(Some(payload))
    }
}

/// Reads the rest of `map` for its envelope keys only; whether it had any
/// other key.
fn read_envelope<'de, A: MapAccess<'de>>(
    envelope: &mut Envelope<'de>,
    map: &mut A,
) -> Result<bool, A::Error> {
    let mut others = false;
    while let Some(field) = map.next_key_seed(KeyField)? {
        match field {
            Some(field) => envelope.read(field, map)?,
            None => {
                others = true;
                envelope.skipped = true;
                map.next_value::<IgnoredAny>()?;
            }
        }
    }
    envelope.ended = true;
    Ok(others)
}

/// Reads a whole reply object for its envelope only: the second pass.
struct EnvelopeVisitor<'e, 'de>(&'e mut Envelope<'de>);

impl<'de> Visitor<'de> for EnvelopeVisitor<'_, 'de> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a RoomService reply object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        read_envelope(self.0, &mut map).map(drop)
    }
}

/// A key of the reply object: an envelope key, or a payload key by name.
enum Key<'de> {
    Envelope(Field),
    Payload(Cow<'de, str>),
}

/// Reads a key as a [`Key`] (phase 1, before the payload type runs).
struct KeyName;

impl<'de> DeserializeSeed<'de> for KeyName {
    type Value = Key<'de>;

    #[inline]
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Key<'de>, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for KeyName {
    type Value = Key<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a key")
    }

    #[inline]
    fn visit_borrowed_str<E>(self, key: &'de str) -> Result<Key<'de>, E> {
        Ok(Field::of(key).map_or(Key::Payload(Cow::Borrowed(key)), Key::Envelope))
    }

    fn visit_str<E>(self, key: &str) -> Result<Key<'de>, E> {
        Ok(Field::of(key).map_or_else(|| Key::Payload(Cow::Owned(key.into())), Key::Envelope))
    }
}

/// Reads a key as the envelope key it is, if it is one.
struct KeyField;

impl<'de> DeserializeSeed<'de> for KeyField {
    type Value = Option<Field>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl Visitor<'_> for KeyField {
    type Value = Option<Field>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a key")
    }

    fn visit_str<E>(self, key: &str) -> Result<Option<Field>, E> {
        Ok(Field::of(key))
    }
}

/// The payload's view of the reply object: a deserializer whose map holds
/// the payload keys only (phase 2).
struct PayloadDeserializer<'a, 'de, A> {
    map: &'a mut A,
    envelope: &'a mut Envelope<'de>,
    /// The first payload key, read in phase 1, until the payload type takes
    /// it; `None` when there is none.
    first: &'a mut Option<Cow<'de, str>>,
}

impl<'de, A: MapAccess<'de>> Deserializer<'de> for PayloadDeserializer<'_, 'de, A> {
    type Error = A::Error;

    #[inline]
    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, A::Error> {
        visitor.visit_map(self)
    }

    /// `None` for a success without payload keys.
    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, A::Error> {
        match *self.first {
            None => visitor.visit_none(),
            Some(_) => visitor.visit_some(self),
        }
    }

    /// `()` and unit structs take any payload: its keys are read and ignored.
    fn deserialize_unit<V: Visitor<'de>>(mut self, visitor: V) -> Result<V::Value, A::Error> {
        while self.next_key::<IgnoredAny>()?.is_some() {
            self.next_value::<IgnoredAny>()?;
        }
        visitor.visit_unit()
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        visitor: V,
    ) -> Result<V::Value, A::Error> {
        self.deserialize_unit(visitor)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, A::Error> {
        self.deserialize_unit(visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        visitor: V,
    ) -> Result<V::Value, A::Error> {
        visitor.visit_newtype_struct(self)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf seq tuple tuple_struct map struct enum identifier
    }
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for PayloadDeserializer<'_, 'de, A> {
    type Error = A::Error;

    #[inline]
    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        if let Some(first) = self.first.take() {
            return seed.deserialize(CowStrDeserializer::new(first)).map(Some);
        }
        if self.envelope.ended {
            return Ok(None);
        }
        let mut seed = seed;
        loop {
            match self.map.next_key_seed(PayloadKey(seed))? {
                None => {
                    self.envelope.ended = true;
                    return Ok(None);
                }
                Some(Keyed::Payload(key)) => return Ok(Some(key)),
                Some(Keyed::Envelope(field, unused)) => {
                    self.envelope.read(field, self.map)?;
                    seed = unused;
                }
            }
        }
    }

    #[inline]
    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, A::Error> {
        self.map.next_value_seed(seed)
    }
}

/// A key read for the payload type: an envelope key keeps its seed for the
/// next key; a payload key is handed to the seed right away, borrowed.
struct PayloadKey<K>(K);

enum Keyed<K, V> {
    Envelope(Field, K),
    Payload(V),
}

impl<'de, K: DeserializeSeed<'de>> DeserializeSeed<'de> for PayloadKey<K> {
    type Value = Keyed<K, K::Value>;

    #[inline]
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<'de, K: DeserializeSeed<'de>> Visitor<'de> for PayloadKey<K> {
    type Value = Keyed<K, K::Value>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a key")
    }

    #[inline]
    fn visit_borrowed_str<E: de::Error>(self, key: &'de str) -> Result<Self::Value, E> {
        match Field::of(key) {
            Some(field) => Ok(Keyed::Envelope(field, self.0)),
            None => self
                .0
                .deserialize(BorrowedStrDeserializer::new(key))
                .map(Keyed::Payload),
        }
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<Self::Value, E> {
        match Field::of(key) {
            Some(field) => Ok(Keyed::Envelope(field, self.0)),
            None => self
                .0
                .deserialize(StrDeserializer::new(key))
                .map(Keyed::Payload),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::lone_surrogate;

    #[test]
    fn lone_surrogates_are_found_in_any_string() {
        assert_eq!(lone_surrogate(br#"{"a":"x"}"#), None);
        assert_eq!(lone_surrogate(br#"{"a":"\ud83d\ude00"}"#), None);
        assert_eq!(lone_surrogate(br#"{"a":"\u0041\\u"}"#), None);
        assert_eq!(lone_surrogate(br#"{"a":"\ud83d"}"#), Some(6));
        assert_eq!(lone_surrogate(br#"{"a":"\ude00"}"#), Some(6));
        assert_eq!(lone_surrogate(br#"{"a":"\ud83d\u0041"}"#), Some(6));
        assert_eq!(lone_surrogate(br#"{"a":"\\\ud800"}"#), Some(8));
        // An escaped backslash before `u` is no escape.
        assert_eq!(lone_surrogate(br#"{"a":"\\ud800"}"#), None);
        assert_eq!(lone_surrogate(br#"{"a":"\"\\\\ud800"}"#), None);
        // An escape cut short by the end of the body: no panic.
        assert_eq!(lone_surrogate(br#"{"a":"\u"#), None);
        assert_eq!(lone_surrogate(br#"{"a":"\u00"#), None);
        assert_eq!(lone_surrogate(br#"{"a":"\ud800\u"#), Some(6));
        assert_eq!(lone_surrogate(br#"{"a":"\ud800\"#), Some(6));
    }
}
