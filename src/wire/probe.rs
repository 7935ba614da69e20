//! Reads any JSON value without failing on its type and lets a [`ValueRule`]
//! say what it means, so that a wrong type becomes a typed [`ProtocolError`]
//! instead of an untyped serde error, and no intermediate value is built.

use core::fmt;
use core::marker::PhantomData;

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

use super::{ProtocolError, ValueKind};
use crate::code::{DecimalError, parse_decimal};

/// What one JSON value, reduced to what envelopes and payloads need, means for
/// the field it was read for.
pub(crate) trait ValueRule: Sized {
    /// The field's value, or why the JSON value is not one.
    type Value;
    /// An integer within `i64`.
    fn integer(self, value: i64) -> Self::Value;
    /// An integer above `i64::MAX`; `None` when it does not even fit a `u64`.
    fn huge_integer(self, value: Option<u64>) -> Self::Value;
    /// A string.
    fn string(self, value: &str) -> Self::Value;
    /// Anything else (`Integer` and `String` never come here).
    fn other(self, kind: ValueKind) -> Self::Value;
}

/// Applies a rule and gives what it says to a closure, still inside the visitor.
pub(crate) struct Storing<R, F>(pub(crate) R, pub(crate) F);

impl<R: ValueRule, F: FnOnce(R::Value)> ValueRule for Storing<R, F> {
    type Value = ();

    #[inline]
    fn integer(self, value: i64) {
        (self.1)(self.0.integer(value))
    }

    #[inline]
    fn huge_integer(self, value: Option<u64>) {
        (self.1)(self.0.huge_integer(value))
    }

    #[inline]
    fn string(self, value: &str) {
        (self.1)(self.0.string(value))
    }

    #[inline]
    fn other(self, kind: ValueKind) {
        (self.1)(self.0.other(kind))
    }
}

/// The type of a value, for a [`ProtocolError::NotAnObject`].
#[cfg(feature = "json")]
pub(crate) struct KindOf;

#[cfg(feature = "json")]
impl ValueRule for KindOf {
    type Value = ValueKind;

    fn integer(self, _: i64) -> ValueKind {
        ValueKind::Integer
    }

    fn huge_integer(self, _: Option<u64>) -> ValueKind {
        ValueKind::Integer
    }

    fn string(self, _: &str) -> ValueKind {
        ValueKind::String
    }

    fn other(self, kind: ValueKind) -> ValueKind {
        kind
    }
}

/// A whole body read by [`KindOf`].
#[cfg(feature = "json")]
pub(crate) struct BodyKind(pub(crate) ValueKind);

#[cfg(feature = "json")]
impl<'de> serde::Deserialize<'de> for BodyKind {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        ByRule::<_>::new(KindOf)
            .deserialize(deserializer)
            .map(BodyKind)
    }
}

/// A reply code given as a string: `"203010"`, `"-1"`.
pub(crate) fn code_from_str(text: &str) -> Result<i64, ProtocolError> {
    parse_decimal(text).map_err(|e| match e {
        DecimalError::NotNumeric => ProtocolError::CodeNotNumeric,
        DecimalError::OutOfRange => ProtocolError::CodeOutOfRange,
    })
}

/// The `DeserializeSeed` that reads the next value, whatever its type, by a
/// rule. `S` only tells instantiations apart (see `reply::Site`).
pub(crate) struct ByRule<R, S = ()>(R, PhantomData<S>);

impl<R, S> ByRule<R, S> {
    pub(crate) fn new(rule: R) -> Self {
        ByRule(rule, PhantomData)
    }
}

impl<'de, R: ValueRule, S> DeserializeSeed<'de> for ByRule<R, S> {
    type Value = R::Value;

    #[inline]
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<R::Value, D::Error> {
        deserializer.deserialize_any(RuleVisitor(self.0, PhantomData))
    }
}

struct RuleVisitor<'de, R>(R, PhantomData<&'de ()>);

impl<R: ValueRule> RuleVisitor<'_, R> {
    #[inline]
    fn wide<E, N: TryInto<i64> + TryInto<u64> + Copy>(self, v: N) -> Result<R::Value, E> {
        Ok(match v.try_into() {
            Ok(v) => self.0.integer(v),
            Err(_) => self.0.huge_integer(v.try_into().ok()),
        })
    }
}

impl<'de, R: ValueRule> Visitor<'de> for RuleVisitor<'de, R> {
    type Value = R::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    #[inline]
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<R::Value, E> {
        Ok(self.0.integer(v))
    }

    #[inline]
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<R::Value, E> {
        self.wide(v)
    }

    fn visit_i128<E: de::Error>(self, v: i128) -> Result<R::Value, E> {
        self.wide(v)
    }

    fn visit_u128<E: de::Error>(self, v: u128) -> Result<R::Value, E> {
        self.wide(v)
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<R::Value, E> {
        Ok(self.0.other(ValueKind::Float))
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<R::Value, E> {
        Ok(self.0.other(ValueKind::Bool))
    }

    #[inline]
    fn visit_str<E: de::Error>(self, v: &str) -> Result<R::Value, E> {
        Ok(self.0.string(v))
    }

    fn visit_unit<E: de::Error>(self) -> Result<R::Value, E> {
        Ok(self.0.other(ValueKind::Null))
    }

    fn visit_none<E: de::Error>(self) -> Result<R::Value, E> {
        Ok(self.0.other(ValueKind::Null))
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<R::Value, D::Error> {
        deserializer.deserialize_any(self)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<R::Value, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(self.0.other(ValueKind::Array))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<R::Value, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(self.0.other(ValueKind::Object))
    }
}
