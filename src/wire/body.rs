//! Reply bodies a server sends: plain `Serialize` values that any web framework
//! (or `serde_json::to_vec`) can send as they are.

use core::fmt::Display;

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

#[cfg(not(feature = "std"))]
fn now_millis() -> Option<u64> {
    None
}

/// An error reply: `{"code":203010,"message":"...","timestamp":...}`.
///
/// Made from an [`ErrorCode`] it carries the English text and, under `std`, the
/// current time. A server that wants its own text (as the real backend sends
/// short texts like `"get push and acc url failed!"`) uses
/// [`with_message`](Self::with_message) or [`ServerError::to_body`].
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
/// assert!(serde_json::to_string(&own).unwrap().contains(r#""message":"get push and acc url failed!""#));
/// # }
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ErrorBody<'a> {
    code: i64,
    message: &'a str,
    timestamp: Option<u64>,
}

impl<'a> ErrorBody<'a> {
    /// A body with `code` and `message`, stamped with the current time under `std`.
    pub fn new(code: impl Into<Code>, message: &'a str) -> Self {
        ErrorBody {
            code: code.into().value(),
            message,
            timestamp: now_millis(),
        }
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

    /// The same body with a fixed `timestamp` (milliseconds), e.g. for tests.
    #[must_use]
    pub fn with_timestamp(mut self, timestamp: u64) -> Self {
        self.timestamp = Some(timestamp);
        self
    }

    /// The same body without a `timestamp` field.
    #[must_use]
    pub fn without_timestamp(mut self) -> Self {
        self.timestamp = None;
        self
    }
}

impl From<ErrorCode> for ErrorBody<'static> {
    fn from(code: ErrorCode) -> Self {
        ErrorBody::new(code, code.message_en())
    }
}

impl ServerError {
    /// The body that sends this error: its code, its text, its timestamp (or
    /// the current time under `std` if it has none).
    ///
    /// ```
    /// # #[cfg(feature = "json")] {
    /// use liveroom_errors::wire::ServerError;
    /// let err = ServerError::new(204004, "get push and acc url failed!").with_timestamp(1577087588457);
    /// assert_eq!(
    ///     serde_json::to_string(&err.to_body()).unwrap(),
    ///     r#"{"code":204004,"message":"get push and acc url failed!","timestamp":1577087588457}"#
    /// );
    /// # }
    /// ```
    pub fn to_body(&self) -> ErrorBody<'_> {
        ErrorBody {
            code: self.code().value(),
            message: self.message(),
            timestamp: self.timestamp().or_else(now_millis),
        }
    }
}

impl Serialize for ErrorBody<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(2 + usize::from(self.timestamp.is_some())))?;
        map.serialize_entry("code", &self.code)?;
        map.serialize_entry("message", self.message)?;
        if let Some(timestamp) = self.timestamp {
            map.serialize_entry("timestamp", &timestamp)?;
        }
        map.end()
    }
}

/// A success reply: `code` `0`, a message, a timestamp, and the payload's
/// fields beside them at the top level (the wire has no `data` wrapper).
///
/// The payload must serialize as a struct or a map (or be [`Empty`](super::Empty) / `()`),
/// and may not have fields named `code`, `message` or `timestamp`.
///
/// ```
/// # #[cfg(feature = "json")] {
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
/// # }
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SuccessBody<'a, T> {
    payload: T,
    message: &'a str,
    timestamp: Option<u64>,
}

impl<T: Serialize> SuccessBody<'static, T> {
    /// `payload` with the backend's usual `"Success!"` and, under `std`, the current time.
    pub fn new(payload: T) -> Self {
        SuccessBody {
            payload,
            message: "Success!",
            timestamp: now_millis(),
        }
    }
}

impl<T: Serialize> SuccessBody<'_, T> {
    /// The same body with another text.
    #[must_use]
    pub fn with_message(self, message: &str) -> SuccessBody<'_, T> {
        SuccessBody {
            payload: self.payload,
            message,
            timestamp: self.timestamp,
        }
    }

    /// The same body with a fixed `timestamp` (milliseconds).
    #[must_use]
    pub fn with_timestamp(mut self, timestamp: u64) -> Self {
        self.timestamp = Some(timestamp);
        self
    }
}

impl<T: Serialize> Serialize for SuccessBody<'_, T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("code", &0)?;
        map.serialize_entry("message", self.message)?;
        if let Some(timestamp) = self.timestamp {
            map.serialize_entry("timestamp", &timestamp)?;
        }
        self.payload.serialize(FieldsInto(&mut map))?;
        map.end()
    }
}

/// Serializes a struct's or map's fields as entries of an outer map (a flatten).
struct FieldsInto<'m, M>(&'m mut M);

const ENVELOPE_FIELDS: [&str; 3] = ["code", "message", "timestamp"];

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
