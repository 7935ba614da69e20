//! Reads any JSON value without failing on its type and tells a [`ValueSink`]
//! what it was, so that a wrong type becomes a typed [`ProtocolError`] instead
//! of an untyped serde error, and no intermediate value is built on the way.

use core::fmt;
use core::marker::PhantomData;

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

use super::{ProtocolError, ValueKind};
use crate::code::{DecimalError, parse_decimal};

/// Receives one JSON value, reduced to what the envelope and payloads need.
pub(crate) trait ValueSink {
    /// An integer within `i64`.
    fn integer(&mut self, value: i64);
    /// An integer above `i64::MAX`; `None` when it does not even fit a `u64`.
    fn huge_integer(&mut self, value: Option<u64>);
    /// A string.
    fn string(&mut self, value: &str);
    /// Anything else (`Integer` and `String` never come here).
    fn other(&mut self, kind: ValueKind);
}

/// A reply code given as a string: `"203010"`, `"-1"`.
pub(crate) fn code_from_str(text: &str) -> Result<i64, ProtocolError> {
    parse_decimal(text).map_err(|e| match e {
        DecimalError::NotNumeric => ProtocolError::CodeNotNumeric,
        DecimalError::OutOfRange => ProtocolError::CodeOutOfRange,
    })
}

/// The `DeserializeSeed` that feeds the next value to a sink and hands the sink back.
pub(crate) struct Sinking<S>(pub(crate) S);

impl<'de, S: ValueSink> DeserializeSeed<'de> for Sinking<S> {
    type Value = S;

    #[inline]
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<S, D::Error> {
        deserializer.deserialize_any(SinkVisitor(self.0, PhantomData))
    }
}

struct SinkVisitor<'de, S>(S, PhantomData<&'de ()>);

impl<'de, S: ValueSink> SinkVisitor<'de, S> {
    #[inline]
    fn done<E>(mut self, tell: impl FnOnce(&mut S)) -> Result<S, E> {
        tell(&mut self.0);
        Ok(self.0)
    }

    #[inline]
    fn wide<E, N: TryInto<i64> + TryInto<u64> + Copy>(self, v: N) -> Result<S, E> {
        match v.try_into() {
            Ok(v) => self.done(|s| s.integer(v)),
            Err(_) => self.done(|s| s.huge_integer(v.try_into().ok())),
        }
    }
}

impl<'de, S: ValueSink> Visitor<'de> for SinkVisitor<'de, S> {
    type Value = S;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    #[inline]
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<S, E> {
        self.done(|s| s.integer(v))
    }

    #[inline]
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<S, E> {
        self.wide(v)
    }

    fn visit_i128<E: de::Error>(self, v: i128) -> Result<S, E> {
        self.wide(v)
    }

    fn visit_u128<E: de::Error>(self, v: u128) -> Result<S, E> {
        self.wide(v)
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<S, E> {
        self.done(|s| s.other(ValueKind::Float))
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<S, E> {
        self.done(|s| s.other(ValueKind::Bool))
    }

    #[inline]
    fn visit_str<E: de::Error>(self, v: &str) -> Result<S, E> {
        self.done(|s| s.string(v))
    }

    fn visit_unit<E: de::Error>(self) -> Result<S, E> {
        self.done(|s| s.other(ValueKind::Null))
    }

    fn visit_none<E: de::Error>(self) -> Result<S, E> {
        self.done(|s| s.other(ValueKind::Null))
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<S, D::Error> {
        deserializer.deserialize_any(self)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<S, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        self.done(|s| s.other(ValueKind::Array))
    }

    #[inline]
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<S, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        self.done(|s| s.other(ValueKind::Object))
    }
}
