//! Reply bodies a server sends: plain `Serialize` values that any web framework
//! (or `serde_json::to_vec`) can send as they are.

use alloc::borrow::Cow;
use core::fmt::Display;
use core::marker::PhantomData;

use serde::ser::{self, Impossible, Serialize, SerializeMap, SerializeStruct, Serializer};

use super::ServerError;
use crate::{Code, ErrorCode};

/// Milliseconds since the Unix epoch, the unit of the wire's `timestamp`.
#[cfg(feature = "std")]
fn now_millis() -> Option<u64> {
    let elapsed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?;
    u64::try_from(elapsed.as_millis()).ok()
}

/// An error reply: `{"code":203010,"message":"...","timestamp":...}`.
///
/// Its code is a [`Code`], which is never `0`, so no `ErrorBody` can read as a
/// success. Made from an [`ErrorCode`] it carries the English text. A server that
/// wants its own text (as the real backend sends short texts like
/// `"get push and acc url failed!"`) uses [`with_message`](Self::with_message)
/// or [`ServerError::to_body`].
///
/// The body has a `timestamp` only when one is given: the crate never reads
/// the clock on its own, so the same call gives the same body whatever features
/// other crates in the build turn on. Real servers send one on every reply:
/// use [`with_timestamp`](Self::with_timestamp), or
/// [`with_timestamp_now`](Self::with_timestamp_now) under `std`.
///
/// ```
/// # #[cfg(feature = "json")] {
/// use liveroom_errors::ErrorCode;
/// use liveroom_errors::wire::ErrorBody;
///
/// let body = ErrorBody::from(ErrorCode::MemberNotInRoom).with_timestamp(1577087588457);
/// assert_eq!(
///     serde_json::to_string(&body).unwrap(),
///     r#"{"code":203010,"message":"The member is not in the room","timestamp":1577087588457}"#
/// );
/// let own = ErrorBody::from(ErrorCode::GetAcceleratedUrlFailed).with_message("get push and acc url failed!");
/// assert_eq!(
///     serde_json::to_string(&own).unwrap(),
///     r#"{"code":204004,"message":"get push and acc url failed!"}"#
/// );
/// # }
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ErrorBody<'a> {
    code: Code,
    message: &'a str,
    timestamp: Option<u64>,
}

impl<'a> ErrorBody<'a> {
    /// A body with `code` and `message`, without a timestamp.
    ///
    /// ```
    /// use liveroom_errors::{Code, ErrorCode};
    /// use liveroom_errors::wire::ErrorBody;
    ///
    /// let known = ErrorBody::new(ErrorCode::RateLimited, "too many requests");
    /// let unknown = ErrorBody::new(Code::new(5001).unwrap(), "legacy failure");
    /// assert_eq!(unknown.code().value(), 5001);
    /// ```
    pub fn new(code: impl Into<Code>, message: &'a str) -> Self {
        ErrorBody {
            code: code.into(),
            message,
            timestamp: None,
        }
    }

    /// The code the body sends.
    pub fn code(&self) -> Code {
        self.code
    }

    /// The `timestamp` the body sends, if it has one.
    ///
    /// ```
    /// use liveroom_errors::ErrorCode;
    /// use liveroom_errors::wire::ErrorBody;
    ///
    /// let body = ErrorBody::from(ErrorCode::RateLimited);
    /// assert_eq!(body.timestamp(), None);
    /// assert_eq!(body.with_timestamp(1577087588457).timestamp(), Some(1577087588457));
    /// ```
    pub fn timestamp(&self) -> Option<u64> {
        self.timestamp
    }

    /// The same body with another text.
    #[must_use]
    pub fn with_message(self, message: &str) -> ErrorBody<'_> {
        ErrorBody {
            code: self.code,
            message,
            timestamp: self.timestamp,
        }
    }

    /// The same body with `timestamp` (server time in milliseconds).
    #[must_use]
    pub fn with_timestamp(mut self, timestamp: u64) -> Self {
        self.timestamp = Some(timestamp);
        self
    }

    /// The same body stamped with the current time (milliseconds since the Unix
    /// epoch), as the real backend stamps every reply.
    #[cfg(feature = "std")]
    #[must_use]
    pub fn with_timestamp_now(mut self) -> Self {
        self.timestamp = now_millis();
        self
    }
}

impl From<ErrorCode> for ErrorBody<'static> {
    /// The code with its English text, without a timestamp.
    fn from(code: ErrorCode) -> Self {
        ErrorBody::new(code, code.message_en())
    }
}

impl ServerError {
    /// The body that sends this error: its code, its text, and its timestamp if
    /// it has one (the clock is never read here).
    ///
    /// ```
    /// # #[cfg(feature = "json")] {
    /// use liveroom_errors::Code;
    /// use liveroom_errors::wire::ServerError;
    /// let code = Code::new(204004).unwrap();
    /// let err = ServerError::new(code, "get push and acc url failed!").with_timestamp(1577087588457);
    /// assert_eq!(
    ///     serde_json::to_string(&err.to_body()).unwrap(),
    ///     r#"{"code":204004,"message":"get push and acc url failed!","timestamp":1577087588457}"#
    /// );
    /// # }
    /// ```
    pub fn to_body(&self) -> ErrorBody<'_> {
        ErrorBody {
            code: self.code(),
            message: self.message(),
            timestamp: self.timestamp(),
        }
    }
}

impl Serialize for ErrorBody<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(2 + usize::from(self.timestamp.is_some())))?;
        map.serialize_entry("code", &self.code.value())?;
        map.serialize_entry("message", self.message)?;
        if let Some(timestamp) = self.timestamp {
            map.serialize_entry("timestamp", &timestamp)?;
        }
        map.end()
    }
}

/// A success reply: `code` `0`, a message, a timestamp if given, and the
/// payload's fields beside them at the top level (the wire has no `data` wrapper).
///
/// The payload must serialize as a struct or a map (or be [`Empty`](super::Empty),
/// `()` or `None`, which add no field). It may not emit a field named `code`,
/// `message`, `error` or `timestamp`, whatever its type (a struct, a map, a
/// `serde_json::Value`, a `#[serde(flatten)]`ed field): serializing such a body
/// fails, because a reader would take the second `code` for the reply's own.
/// As with [`ErrorBody`], the clock is never read unless asked.
///
/// ```
/// # #[cfg(feature = "json")] {
/// use std::collections::BTreeMap;
/// use liveroom_errors::wire::SuccessBody;
///
/// #[derive(serde::Serialize)]
/// struct Login<'a> {
///     token: &'a str,
///     #[serde(rename = "userID")]
///     user_id: &'a str,
/// }
///
/// let body = SuccessBody::new(Login { token: "t", user_id: "u" }).with_timestamp(1565610959661);
/// assert_eq!(
///     serde_json::to_string(&body).unwrap(),
///     r#"{"code":0,"message":"Success!","timestamp":1565610959661,"token":"t","userID":"u"}"#
/// );
///
/// let sneaky = SuccessBody::new(BTreeMap::from([("code", 203010)]));
/// assert!(serde_json::to_string(&sneaky).is_err());
/// # }
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SuccessBody<T> {
    payload: T,
    message: Cow<'static, str>,
    timestamp: Option<u64>,
}

impl<T: Serialize> SuccessBody<T> {
    /// `payload` with the backend's usual `"Success!"`, without a timestamp.
    pub fn new(payload: T) -> Self {
        SuccessBody {
            payload,
            message: Cow::Borrowed("Success!"),
            timestamp: None,
        }
    }

    /// The same body with another text.
    #[must_use]
    pub fn with_message(mut self, message: impl Into<Cow<'static, str>>) -> Self {
        self.message = message.into();
        self
    }

    /// The same body with `timestamp` (server time in milliseconds).
    #[must_use]
    pub fn with_timestamp(mut self, timestamp: u64) -> Self {
        self.timestamp = Some(timestamp);
        self
    }

    /// The same body stamped with the current time (milliseconds since the Unix
    /// epoch), as the real backend stamps every reply.
    #[cfg(feature = "std")]
    #[must_use]
    pub fn with_timestamp_now(mut self) -> Self {
        self.timestamp = now_millis();
        self
    }

    /// The payload.
    pub fn payload(&self) -> &T {
        &self.payload
    }

    /// The `timestamp` the body sends, if it has one.
    ///
    /// ```
    /// use liveroom_errors::wire::{Empty, SuccessBody};
    ///
    /// assert_eq!(SuccessBody::new(Empty).timestamp(), None);
    /// assert_eq!(SuccessBody::new(Empty).with_timestamp(1).timestamp(), Some(1));
    /// ```
    pub fn timestamp(&self) -> Option<u64> {
        self.timestamp
    }
}

impl<T: Serialize> Serialize for SuccessBody<T> {
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

macro_rules! reject {
    ($($method:ident($($arg:ty),*) -> $ok:ty;)*) => {
        $(fn $method(self, $(_: $arg),*) -> Result<$ok, M::Error> {
            Err(not_flat())
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

    reject! {
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

    fn serialize_none(self) -> Result<(), M::Error> {
        Ok(())
    }

    fn serialize_some<V: ?Sized + Serialize>(self, value: &V) -> Result<(), M::Error> {
        value.serialize(self)
    }

    fn serialize_unit(self) -> Result<(), M::Error> {
        Ok(())
    }

    fn serialize_unit_struct(self, _: &'static str) -> Result<(), M::Error> {
        Ok(())
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
            if ENVELOPE_FIELDS.contains(&name) {
                return Err(clash(name));
            }
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

fn clash<E: ser::Error>(key: impl Display) -> E {
    E::custom(format_args!(
        "a reply payload may not have a field named `{key}`: the envelope uses it"
    ))
}

/// Tells whether a map key is one of the [`ENVELOPE_FIELDS`] as a JSON writer
/// would spell it: `Some(name)` for a string (or a char, or a unit variant) with
/// that text, `None` for any other key. Keys of compound types are left to the
/// writer, which refuses them anyway.
struct KeyName<E>(PhantomData<E>);

macro_rules! not_a_name {
    ($($method:ident($($arg:ty),*) -> $ok:ty;)*) => {
        $(fn $method(self, $(_: $arg),*) -> Result<$ok, E> {
            Ok(None)
        })*
    };
}

macro_rules! compound_key {
    ($($method:ident($($arg:ty),*) -> $ok:ty;)*) => {
        $(fn $method(self, $(_: $arg),*) -> Result<$ok, E> {
            Err(E::custom("a map key must be a string"))
        })*
    };
}

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

    not_a_name! {
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

    compound_key! {
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
        Err(E::custom("a map key must be a string"))
    }
}
