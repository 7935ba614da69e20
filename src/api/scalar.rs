//! [`Scalar`]: one JSON value read for its type and, where it is a number or
//! a string, its value; what the envelope's keys and a custom field's value
//! are read as.
//!
//! A number reads the same whether or not some crate in the build turns on
//! serde_json's `arbitrary_precision`. With it, serde_json hands a number it
//! does not give as an integer (a fraction, an exponent, `-0`, an integer
//! beyond 64 bits) as a map of one private key whose value is the number's
//! text as an owned `String`; a JSON string is never handed over owned, so an
//! object with that key stays an object, with or without the feature. That
//! text is read as serde_json reads a number without the feature, which is
//! not quite `str::parse` (it refuses `1.7976931348623158e308`, for one).
//!
//! What an array or an object holds is never read, only skipped: the value is
//! an array or an object whatever is inside (numbers beyond `f64`, nesting
//! deeper than serde_json's limit), as for a field of that type in a derive.

use alloc::borrow::Cow;
use alloc::string::String;
use core::fmt;

use serde::de::{
    self, Deserialize, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor,
};

use super::ValueKind;

/// The key serde_json's `arbitrary_precision` gives such a number under.
const NUMBER_KEY: &str = "$serde_json::private::Number";

/// One value, its strings borrowed from the input where they can be.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Scalar<'de> {
    Null,
    Bool,
    Signed(i64),
    Unsigned(u64),
    Float(f64),
    Str(Cow<'de, str>),
    Array,
    Object,
}

impl Scalar<'_> {
    /// The JSON type of the value.
    pub(super) fn kind(&self) -> ValueKind {
        match self {
            Scalar::Null => ValueKind::Null,
            Scalar::Bool => ValueKind::Bool,
            Scalar::Signed(_) | Scalar::Unsigned(_) => ValueKind::Integer,
            Scalar::Float(_) => ValueKind::Float,
            Scalar::Str(_) => ValueKind::String,
            Scalar::Array => ValueKind::Array,
            Scalar::Object => ValueKind::Object,
        }
    }
}

impl<'de> Deserialize<'de> for Scalar<'de> {
    #[inline]
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(ScalarVisitor)
    }
}

struct ScalarVisitor;

impl<'de> Visitor<'de> for ScalarVisitor {
    type Value = Scalar<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_unit<E>(self) -> Result<Scalar<'de>, E> {
        Ok(Scalar::Null)
    }
    fn visit_none<E>(self) -> Result<Scalar<'de>, E> {
        Ok(Scalar::Null)
    }
    fn visit_bool<E>(self, _: bool) -> Result<Scalar<'de>, E> {
        Ok(Scalar::Bool)
    }
    #[inline]
    fn visit_i64<E>(self, v: i64) -> Result<Scalar<'de>, E> {
        Ok(Scalar::Signed(v))
    }
    #[inline]
    fn visit_u64<E>(self, v: u64) -> Result<Scalar<'de>, E> {
        Ok(Scalar::Unsigned(v))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Scalar<'de>, E> {
        Ok(Scalar::Float(v))
    }
    #[inline]
    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Scalar<'de>, E> {
        Ok(Scalar::Str(Cow::Borrowed(v)))
    }
    fn visit_str<E>(self, v: &str) -> Result<Scalar<'de>, E> {
        Ok(Scalar::Str(Cow::Owned(v.into())))
    }
    fn visit_string<E>(self, v: String) -> Result<Scalar<'de>, E> {
        Ok(Scalar::Str(Cow::Owned(v)))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Scalar<'de>, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Scalar::Array)
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Scalar<'de>, A::Error> {
        match number_text(map)? {
            Some(text) => number(&text),
            None => Ok(Scalar::Object),
        }
    }
}

/// The text of the number `map` stands for, when serde_json handed a number
/// over as a map (under `arbitrary_precision`); `None` for an object, read to
/// its end. Only the value of a first private key can be a number's text;
/// every other value is skipped.
pub(crate) fn number_text<'de, A: MapAccess<'de>>(mut map: A) -> Result<Option<String>, A::Error> {
    let text = match map.next_key_seed(NumberKey)? {
        None => return Ok(None),
        Some(true) => map.next_value_seed(OwnedText)?,
        Some(false) => map.next_value::<IgnoredAny>().map(|_| None)?,
    };
    let mut more = false;
    while map.next_key::<IgnoredAny>()?.is_some() {
        map.next_value::<IgnoredAny>()?;
        more = true;
    }
    Ok(text.filter(|_| !more))
}

/// A number serde_json handed over as text, read as serde_json reads it
/// without `arbitrary_precision`: as an `f64`, and out of range where
/// serde_json says so (without `json`, where `f64` is infinite).
fn number<'de, E: de::Error>(text: &str) -> Result<Scalar<'de>, E> {
    // serde_json's `f64` reading is the same with or without the feature.
    #[cfg(feature = "json")]
    let value = serde_json::from_str::<f64>(text).ok();
    #[cfg(not(feature = "json"))]
    let value = text.parse::<f64>().ok().filter(|x| x.is_finite());
    match value {
        Some(x) => Ok(Scalar::Float(x)),
        None => Err(E::custom("number out of range")),
    }
}

/// Whether a key is serde_json's private number key.
struct NumberKey;

impl<'de> DeserializeSeed<'de> for NumberKey {
    type Value = bool;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<bool, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl Visitor<'_> for NumberKey {
    type Value = bool;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a key")
    }

    fn visit_str<E>(self, v: &str) -> Result<bool, E> {
        Ok(v == NUMBER_KEY)
    }
}

/// A value's text if it was handed over as an owned `String`, which serde_json
/// does only for a number under `arbitrary_precision`; any other value is read
/// to its end and gives `None`.
struct OwnedText;

impl<'de> DeserializeSeed<'de> for OwnedText {
    type Value = Option<String>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for OwnedText {
    type Value = Option<String>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_string<E>(self, v: String) -> Result<Self::Value, E> {
        Ok(Some(v))
    }
    fn visit_str<E>(self, _: &str) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_bool<E>(self, _: bool) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_i64<E>(self, _: i64) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_u64<E>(self, _: u64) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_f64<E>(self, _: f64) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        IgnoredAny.visit_seq(seq).map(|_| None)
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        IgnoredAny.visit_map(map).map(|_| None)
    }
}
