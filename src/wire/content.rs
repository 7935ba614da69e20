//! [`Content`]: one JSON value, read whole and kept (borrowing strings where the
//! input allows), so that a reply can be read to its end before anything is
//! decided, and then replayed into the payload type.
//!
//! Why buffer: a reply's meaning depends on `code`, which may come after the
//! payload's fields (a proxy that sorts keys puts `accelerateURL` first). Reading
//! the whole object first makes the result independent of key order, and means
//! a syntax error anywhere in the body is always seen.
//!
//! The `#[inline]`s on the reading side (here and in `reply.rs`) let serde_json's
//! parser be inlined into one loop per reply type; without them a reply costs
//! about a tenth more instructions (`PERFORMANCE.md` has the measurements).

use alloc::borrow::Cow;
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;
use core::marker::PhantomData;

use serde::de::value::{MapDeserializer, SeqDeserializer};
use serde::de::{
    self, Deserialize, DeserializeSeed, Deserializer, EnumAccess, IntoDeserializer, MapAccess,
    SeqAccess, VariantAccess, Visitor,
};

use super::ValueKind;

/// One value, as the format gave it.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Content<'de> {
    Null,
    Bool(bool),
    U64(u64),
    I64(i64),
    F64(f64),
    Str(Cow<'de, str>),
    Bytes(Cow<'de, [u8]>),
    Seq(Vec<Content<'de>>),
    Map(Vec<(Content<'de>, Content<'de>)>),
}

/// The key under which serde_json hands over a number it does not turn into
/// an `f64`, `u64` or `i64` itself when its `arbitrary_precision` feature is on.
/// Any crate in a build can turn that feature on; recognising it keeps decoding
/// the same whatever feature unification decides.
const JSON_NUMBER_KEY: &str = "$serde_json::private::Number";

impl Content<'_> {
    /// The JSON type of the value.
    pub(crate) fn kind(&self) -> ValueKind {
        match self {
            Content::Null => ValueKind::Null,
            Content::Bool(_) => ValueKind::Bool,
            Content::U64(_) | Content::I64(_) => ValueKind::Integer,
            Content::F64(_) => ValueKind::Float,
            Content::Str(_) | Content::Bytes(_) => ValueKind::String,
            Content::Seq(_) => ValueKind::Array,
            Content::Map(_) => ValueKind::Object,
        }
    }

    /// A float too large for an `i64`: serde_json reads an integer literal
    /// beyond 64 bits as one, so its writer meant an integer out of range.
    /// (Every float this large is integral.)
    pub(crate) fn is_huge_integer(&self) -> bool {
        const TWO_POW_63: f64 = 9_223_372_036_854_775_808.0;
        matches!(*self, Content::F64(x) if x.is_finite() && (x >= TWO_POW_63 || x <= -TWO_POW_63))
    }
}

impl<'de> Deserialize<'de> for Content<'de> {
    #[inline]
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(ContentVisitor)
    }
}

struct ContentVisitor;

impl<'de> Visitor<'de> for ContentVisitor {
    type Value = Content<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any value")
    }

    #[inline]
    fn visit_bool<E>(self, v: bool) -> Result<Content<'de>, E> {
        Ok(Content::Bool(v))
    }
    #[inline]
    fn visit_i64<E>(self, v: i64) -> Result<Content<'de>, E> {
        Ok(Content::I64(v))
    }
    #[inline]
    fn visit_u64<E>(self, v: u64) -> Result<Content<'de>, E> {
        Ok(Content::U64(v))
    }
    // Beyond 64 bits only the approximate value is kept, as serde_json does.
    fn visit_i128<E>(self, v: i128) -> Result<Content<'de>, E> {
        Ok(i64::try_from(v).map_or(Content::F64(v as f64), Content::I64))
    }
    fn visit_u128<E>(self, v: u128) -> Result<Content<'de>, E> {
        Ok(u64::try_from(v).map_or(Content::F64(v as f64), Content::U64))
    }
    #[inline]
    fn visit_f64<E>(self, v: f64) -> Result<Content<'de>, E> {
        Ok(Content::F64(v))
    }
    #[inline]
    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Content<'de>, E> {
        Ok(Content::Str(Cow::Borrowed(v)))
    }
    #[inline]
    fn visit_str<E>(self, v: &str) -> Result<Content<'de>, E> {
        Ok(Content::Str(Cow::Owned(v.into())))
    }
    #[inline]
    fn visit_string<E>(self, v: String) -> Result<Content<'de>, E> {
        Ok(Content::Str(Cow::Owned(v)))
    }
    fn visit_borrowed_bytes<E>(self, v: &'de [u8]) -> Result<Content<'de>, E> {
        Ok(Content::Bytes(Cow::Borrowed(v)))
    }
    fn visit_bytes<E>(self, v: &[u8]) -> Result<Content<'de>, E> {
        Ok(Content::Bytes(Cow::Owned(v.into())))
    }
    fn visit_unit<E>(self) -> Result<Content<'de>, E> {
        Ok(Content::Null)
    }
    fn visit_none<E>(self) -> Result<Content<'de>, E> {
        Ok(Content::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Content<'de>, D::Error> {
        Content::deserialize(d)
    }
    fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<Content<'de>, D::Error> {
        Content::deserialize(d)
    }
    #[inline]
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Content<'de>, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Content::Seq(items))
    }
    #[inline]
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Content<'de>, A::Error> {
        let mut entries = Vec::new();
        while let Some(entry) = map.next_entry::<Content, Content>()? {
            entries.push(entry);
        }
        let number = match entries.as_slice() {
            [(Content::Str(key), value)] => json_number(key, value),
            _ => None,
        };
        match number {
            // Without the feature serde_json refuses such a number as it parses:
            // refuse it here too, so that it stays a syntax error.
            Some(Content::F64(x)) if !x.is_finite() => {
                Err(de::Error::custom("number out of range"))
            }
            Some(number) => Ok(number),
            None => Ok(Content::Map(entries)),
        }
    }
}

/// The number an object's only entry stands for under `arbitrary_precision`
/// (see [`number_from_text`]), if it stands for one.
pub(crate) fn json_number(key: &str, value: &Content<'_>) -> Option<Content<'static>> {
    match value {
        Content::Str(text) if key == JSON_NUMBER_KEY => number_from_text(text),
        _ => None,
    }
}

/// A number serde_json handed over as text under `arbitrary_precision`, read as
/// serde_json reads it without that feature: it hands over as text only `-0`,
/// numbers with a fraction or exponent, and integers beyond 64 bits, all of
/// which it otherwise reads as `f64`. Anything else under that key is an object
/// the body really contains (`None`), so no object can pass for a number that
/// serde_json would have given as an integer, such as `0`.
fn number_from_text(text: &str) -> Option<Content<'static>> {
    let as_integer = text.parse::<u64>().is_ok() || (text != "-0" && text.parse::<i64>().is_ok());
    if as_integer || !is_json_number(text) {
        return None;
    }
    text.parse().ok().map(Content::F64)
}

/// RFC 8259's `number`: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
fn is_json_number(text: &str) -> bool {
    fn digits(text: &str) -> (&str, &str) {
        let end = text
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(text.len());
        text.split_at(end)
    }
    let text = text.strip_prefix('-').unwrap_or(text);
    let (int, rest) = digits(text);
    if int.is_empty() || (int.len() > 1 && int.starts_with('0')) {
        return false;
    }
    let rest = match rest.strip_prefix('.') {
        Some(fraction) => match digits(fraction) {
            ("", _) => return false,
            (_, rest) => rest,
        },
        None => rest,
    };
    match rest.strip_prefix(['e', 'E']) {
        Some(exponent) => {
            let exponent = exponent.strip_prefix(['+', '-']).unwrap_or(exponent);
            matches!(digits(exponent), (d, "") if !d.is_empty())
        }
        None => rest.is_empty(),
    }
}

/// Replays a [`Content`] into any `Deserialize`, with the errors of the format
/// it came from (`E`).
pub(crate) struct ContentDeserializer<'de, E> {
    content: Content<'de>,
    error: PhantomData<E>,
}

impl<'de, E> ContentDeserializer<'de, E> {
    pub(crate) fn new(content: Content<'de>) -> Self {
        ContentDeserializer {
            content,
            error: PhantomData,
        }
    }
}

impl<'de, E: de::Error> IntoDeserializer<'de, E> for Content<'de> {
    type Deserializer = ContentDeserializer<'de, E>;

    fn into_deserializer(self) -> Self::Deserializer {
        ContentDeserializer::new(self)
    }
}

impl<'de, E: de::Error> Deserializer<'de> for ContentDeserializer<'de, E> {
    type Error = E;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, E> {
        match self.content {
            Content::Null => visitor.visit_unit(),
            Content::Bool(v) => visitor.visit_bool(v),
            Content::U64(v) => visitor.visit_u64(v),
            Content::I64(v) => visitor.visit_i64(v),
            Content::F64(v) => visitor.visit_f64(v),
            Content::Str(Cow::Borrowed(v)) => visitor.visit_borrowed_str(v),
            Content::Str(Cow::Owned(v)) => visitor.visit_string(v),
            Content::Bytes(Cow::Borrowed(v)) => visitor.visit_borrowed_bytes(v),
            Content::Bytes(Cow::Owned(v)) => visitor.visit_byte_buf(v),
            Content::Seq(items) => {
                let mut seq = SeqDeserializer::new(items.into_iter());
                let value = visitor.visit_seq(&mut seq)?;
                seq.end()?;
                Ok(value)
            }
            Content::Map(entries) => {
                let mut map = MapDeserializer::new(entries.into_iter());
                let value = visitor.visit_map(&mut map)?;
                map.end()?;
                Ok(value)
            }
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, E> {
        match self.content {
            Content::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        visitor: V,
    ) -> Result<V::Value, E> {
        visitor.visit_newtype_struct(self)
    }

    /// An enum as JSON writes one: `"Variant"` or `{"Variant": content}`.
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, E> {
        match self.content {
            Content::Str(_) => visitor.visit_enum(Variant {
                tag: self.content,
                content: None,
                error: PhantomData,
            }),
            Content::Map(mut entries) if entries.len() == 1 => {
                let (tag, content) = entries.remove(0);
                visitor.visit_enum(Variant {
                    tag,
                    content: Some(content),
                    error: PhantomData,
                })
            }
            other => Err(de::Error::invalid_type(unexpected(&other), &"an enum")),
        }
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, E> {
        visitor.visit_unit()
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct seq tuple tuple_struct map struct identifier
    }
}

impl Content<'_> {
    /// The value as serde names it in an "invalid type" error.
    pub(crate) fn unexpected(&self) -> de::Unexpected<'_> {
        unexpected(self)
    }
}

fn unexpected<'a>(content: &'a Content<'_>) -> de::Unexpected<'a> {
    match content {
        Content::Null => de::Unexpected::Unit,
        Content::Bool(v) => de::Unexpected::Bool(*v),
        Content::U64(v) => de::Unexpected::Unsigned(*v),
        Content::I64(v) => de::Unexpected::Signed(*v),
        Content::F64(v) => de::Unexpected::Float(*v),
        Content::Str(v) => de::Unexpected::Str(v),
        Content::Bytes(v) => de::Unexpected::Bytes(v),
        Content::Seq(_) => de::Unexpected::Seq,
        Content::Map(_) => de::Unexpected::Map,
    }
}

/// The variant of an enum being replayed, and its content if it has one.
struct Variant<'de, E> {
    tag: Content<'de>,
    content: Option<Content<'de>>,
    error: PhantomData<E>,
}

impl<'de, E: de::Error> EnumAccess<'de> for Variant<'de, E> {
    type Error = E;
    type Variant = Self;

    fn variant_seed<S: DeserializeSeed<'de>>(self, seed: S) -> Result<(S::Value, Self), E> {
        let tag = ContentDeserializer::new(self.tag.clone());
        Ok((seed.deserialize(tag)?, self))
    }
}

impl<'de, E: de::Error> VariantAccess<'de> for Variant<'de, E> {
    type Error = E;

    fn unit_variant(self) -> Result<(), E> {
        match self.content {
            None | Some(Content::Null) => Ok(()),
            Some(other) => Err(de::Error::invalid_type(
                unexpected(&other),
                &"a unit variant",
            )),
        }
    }

    fn newtype_variant_seed<S: DeserializeSeed<'de>>(self, seed: S) -> Result<S::Value, E> {
        seed.deserialize(ContentDeserializer::new(
            self.content.unwrap_or(Content::Null),
        ))
    }

    fn tuple_variant<V: Visitor<'de>>(self, _: usize, visitor: V) -> Result<V::Value, E> {
        ContentDeserializer::new(self.content.unwrap_or(Content::Null)).deserialize_any(visitor)
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, E> {
        ContentDeserializer::new(self.content.unwrap_or(Content::Null)).deserialize_any(visitor)
    }
}

/// The payload fields of a success reply, replayed as one map into the payload type.
///
/// A payload type that wants no map gets the natural answer: `()` and unit
/// structs accept any fields (they are ignored, like unknown fields), and
/// `Option<T>` is `None` when the reply has no payload field at all.
pub(crate) struct PayloadDeserializer<'de, E> {
    fields: Vec<(Cow<'de, str>, Content<'de>)>,
    error: PhantomData<E>,
}

impl<'de, E> PayloadDeserializer<'de, E> {
    pub(crate) fn new(fields: Vec<(Cow<'de, str>, Content<'de>)>) -> Self {
        PayloadDeserializer {
            fields,
            error: PhantomData,
        }
    }
}

impl<'de, E: de::Error> Deserializer<'de> for PayloadDeserializer<'de, E> {
    type Error = E;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, E> {
        let fields = self
            .fields
            .into_iter()
            .map(|(key, value)| (Content::Str(key), value));
        let mut map = MapDeserializer::new(fields);
        let value = visitor.visit_map(&mut map)?;
        map.end()?;
        Ok(value)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, E> {
        if self.fields.is_empty() {
            visitor.visit_none()
        } else {
            visitor.visit_some(self)
        }
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, E> {
        visitor.visit_unit()
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        visitor: V,
    ) -> Result<V::Value, E> {
        visitor.visit_unit()
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        visitor: V,
    ) -> Result<V::Value, E> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, E> {
        visitor.visit_unit()
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf seq tuple tuple_struct map struct enum identifier
    }
}
