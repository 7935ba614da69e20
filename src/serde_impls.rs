//! Hand-written serde support: codes travel as integers, the vocabularies
//! ([`Category`], [`Recovery`], [`Evidence`], [`Interface`]) as their names.
//! Decoding rejects, with an error naming the value, anything that is not a
//! known code or name; it never panics.

use core::fmt;
use core::marker::PhantomData;
use core::str::FromStr;

use serde::de::{self, Deserialize, Deserializer, Expected, MapAccess, Unexpected, Visitor};
use serde::ser::{Serialize, Serializer};

use crate::code::{DecimalError, parse_decimal};
use crate::{Category, Code, ErrorCode, Evidence, Interface, ParseCodeError, Recovery};

impl Serialize for ErrorCode {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_u32(self.value())
    }
}

impl<'de> Deserialize<'de> for ErrorCode {
    /// Accepts an integer (`203010`), a numeric string (`"203010"`) or a name
    /// (`"MemberNotInRoom"`, `"ERROR_CODE_USER_NOT_IN_ROOM"`, …). Binary formats
    /// are read as the `u32` that [`Serialize`] writes.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        if deserializer.is_human_readable() {
            deserializer.deserialize_any(CodeVisitor)
        } else {
            deserializer.deserialize_u32(CodeVisitor)
        }
    }
}

struct CodeVisitor;

impl CodeVisitor {
    fn known<E: de::Error>(code: u64) -> Result<ErrorCode, E> {
        u32::try_from(code)
            .ok()
            .and_then(ErrorCode::from_code)
            .ok_or_else(|| {
                E::invalid_value(
                    Unexpected::Unsigned(code),
                    &"a known RoomService error code",
                )
            })
    }
}

/// A map is no code. Under serde_json's `arbitrary_precision` a number that
/// is no integer arrives as one: it is named as the number it is, as without
/// the feature, so that the error does not depend on the build.
fn not_a_code<'de, A: MapAccess<'de>, T>(map: A, expected: &dyn Expected) -> Result<T, A::Error> {
    #[cfg(feature = "alloc")]
    let number = crate::api::scalar::number_text(map)?;
    #[cfg(not(feature = "alloc"))]
    let number: Option<&str> = {
        drop(map);
        None
    };
    let unexpected = match number.as_deref().map(str::parse::<f64>) {
        Some(Ok(x)) => Unexpected::Float(x),
        Some(Err(_)) => Unexpected::Other("number"),
        None => Unexpected::Map,
    };
    Err(de::Error::invalid_type(unexpected, expected))
}

impl<'de> Visitor<'de> for CodeVisitor {
    type Value = ErrorCode;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a RoomService error code: an integer, a numeric string or a name")
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<ErrorCode, E> {
        Self::known(v)
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<ErrorCode, E> {
        match u64::try_from(v) {
            Ok(v) => Self::known(v),
            Err(_) => Err(E::invalid_value(
                Unexpected::Signed(v),
                &"a positive RoomService error code",
            )),
        }
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<ErrorCode, E> {
        v.parse().map_err(|e: ParseCodeError| match e {
            ParseCodeError::Unknown(unknown) => E::invalid_value(
                Unexpected::Unsigned(unknown.value().into()),
                &"a known RoomService error code",
            ),
            _ => E::invalid_value(Unexpected::Str(v), &self),
        })
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<ErrorCode, A::Error> {
        not_a_code(map, &self)
    }
}

impl Serialize for Code {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_i64(self.value())
    }
}

impl<'de> Deserialize<'de> for Code {
    /// Accepts any non-zero integer that fits an `i64`, or a canonical decimal
    /// string (`"203010"`, `"-1"`). `0` is refused: it means success.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        if deserializer.is_human_readable() {
            deserializer.deserialize_any(LenientCodeVisitor)
        } else {
            deserializer.deserialize_i64(LenientCodeVisitor)
        }
    }
}

struct LenientCodeVisitor;

impl LenientCodeVisitor {
    fn nonzero<E: de::Error>(value: i64) -> Result<Code, E> {
        Code::new(value).ok_or_else(|| {
            E::invalid_value(Unexpected::Signed(0), &"an error code (0 means success)")
        })
    }
}

impl<'de> Visitor<'de> for LenientCodeVisitor {
    type Value = Code;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an error code: a non-zero integer or a canonical decimal string")
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Code, E> {
        Self::nonzero(v)
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Code, E> {
        match i64::try_from(v) {
            Ok(v) => Self::nonzero(v),
            Err(_) => Err(E::invalid_value(
                Unexpected::Unsigned(v),
                &"a code within the range of i64",
            )),
        }
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Code, E> {
        match parse_decimal(v) {
            Ok(v) => Self::nonzero(v),
            Err(DecimalError::NotCanonical) => Err(E::invalid_value(Unexpected::Str(v), &self)),
            Err(DecimalError::OutOfRange) => Err(E::invalid_value(
                Unexpected::Str(v),
                &"a code within the range of i64",
            )),
        }
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Code, A::Error> {
        not_a_code(map, &self)
    }
}

/// Reads a name with the type's `FromStr` (so serde accepts what `parse` does).
struct NameVisitor<T>(PhantomData<T>);

impl<T: FromStr> Visitor<'_> for NameVisitor<T>
where
    T::Err: fmt::Display,
{
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a name")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<T, E> {
        v.parse()
            .map_err(|error| E::custom(format_args!("{v:?}: {error}")))
    }
}

macro_rules! serde_by_name {
    ($($type:ty),*) => {$(
        impl Serialize for $type {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str((*self).into())
            }
        }

        impl<'de> Deserialize<'de> for $type {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                deserializer.deserialize_str(NameVisitor(PhantomData))
            }
        }
    )*};
}

serde_by_name!(Category, Recovery, Evidence, Interface);
