//! Reads any JSON value without failing on its type, so that a wrong type
//! becomes a typed [`ProtocolError`] instead of an untyped serde error.

use alloc::string::String;
use core::fmt;

use serde::de::{self, Deserialize, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

use super::{ProtocolError, ValueKind};
use crate::code::{DecimalError, parse_decimal};

/// One JSON value, reduced to what the envelope needs.
pub(crate) enum Probe {
    Integer(i64),
    /// An integer above `i64::MAX`.
    HugeInteger,
    String(String),
    Other(ValueKind),
}

impl Probe {
    /// The value as a reply code: an integer, or a decimal string such as `"203010"`.
    pub(crate) fn into_code(self) -> Result<i64, ProtocolError> {
        match self {
            Probe::Integer(value) => Ok(value),
            Probe::HugeInteger => Err(ProtocolError::CodeOutOfRange),
            Probe::String(text) => parse_decimal(&text).map_err(|e| match e {
                DecimalError::NotNumeric => ProtocolError::CodeNotNumeric,
                DecimalError::OutOfRange => ProtocolError::CodeOutOfRange,
            }),
            Probe::Other(kind) => Err(ProtocolError::CodeWrongType(kind)),
        }
    }

    pub(crate) fn kind(&self) -> ValueKind {
        match self {
            Probe::Integer(_) | Probe::HugeInteger => ValueKind::Integer,
            Probe::String(_) => ValueKind::String,
            Probe::Other(kind) => *kind,
        }
    }
}

impl<'de> Deserialize<'de> for Probe {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(ProbeVisitor)
    }
}

struct ProbeVisitor;

impl<'de> Visitor<'de> for ProbeVisitor {
    type Value = Probe;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Probe, E> {
        Ok(Probe::Integer(v))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Probe, E> {
        Ok(i64::try_from(v).map_or(Probe::HugeInteger, Probe::Integer))
    }

    fn visit_i128<E: de::Error>(self, v: i128) -> Result<Probe, E> {
        Ok(i64::try_from(v).map_or(Probe::HugeInteger, Probe::Integer))
    }

    fn visit_u128<E: de::Error>(self, v: u128) -> Result<Probe, E> {
        Ok(i64::try_from(v).map_or(Probe::HugeInteger, Probe::Integer))
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Probe, E> {
        Ok(Probe::Other(ValueKind::Float))
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Probe, E> {
        Ok(Probe::Other(ValueKind::Bool))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Probe, E> {
        Ok(Probe::String(v.into()))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Probe, E> {
        Ok(Probe::String(v))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Probe, E> {
        Ok(Probe::Other(ValueKind::Null))
    }

    fn visit_none<E: de::Error>(self) -> Result<Probe, E> {
        Ok(Probe::Other(ValueKind::Null))
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Probe, D::Error> {
        deserializer.deserialize_any(self)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Probe, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Probe::Other(ValueKind::Array))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Probe, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(Probe::Other(ValueKind::Object))
    }
}
