//! A room's custom fields: `set_custom_field`, `get_custom_info`
//! (docs/protocol.md §15, §16), and their values.

use alloc::collections::BTreeMap;
use alloc::collections::btree_map::Entry;
use alloc::string::String;
use core::fmt;

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::ser::{self, Serializer};
use serde::{Deserialize, Serialize};

use super::nullable;
use super::scalar::Scalar;

/// The value of a custom field: a number (`inc`/`dec` counters such as
/// `praise`) or a string (what `set` stored) (inferred, docs/protocol.md §16).
///
/// Integers stay integers: a counter must count exactly and go back on the
/// wire as `3`, not `3.0` (which an `f64` would become). A number with a
/// fraction or exponent, as iOS may send for `inc`/`dec` (§15), is a `Float`;
/// so is an integer beyond `i64`, which no counter reaches.
///
/// ```
/// use liveroom_errors::api::CustomValue;
///
/// let three = CustomValue::Integer(3);
/// assert_eq!((three.as_i64(), three.as_f64(), three.as_str()), (Some(3), Some(3.0), None));
/// assert_eq!((CustomValue::Float(3.0).as_i64(), CustomValue::from("hi").as_str()), (None, Some("hi")));
/// # #[cfg(feature = "json")] {
/// assert_eq!(serde_json::from_str::<CustomValue>("3").unwrap(), three);
/// assert_eq!(serde_json::to_string(&three).unwrap(), "3");
/// assert_eq!(serde_json::from_str::<CustomValue>("1.5").unwrap(), CustomValue::Float(1.5));
/// assert_eq!(serde_json::from_str::<CustomValue>(r#""hi""#).unwrap(), CustomValue::from("hi"));
/// assert!(serde_json::from_str::<CustomValue>("true").is_err());
/// # }
/// ```
#[derive(Clone, Debug, PartialEq)]
pub enum CustomValue {
    /// An integer.
    Integer(i64),
    /// A number with a fraction or exponent. Serializing one that is not
    /// finite fails: JSON has no such number.
    Float(f64),
    /// A string.
    Text(String),
}

impl CustomValue {
    /// The integer, if this is one.
    pub fn as_i64(&self) -> Option<i64> {
        match self {
            CustomValue::Integer(value) => Some(*value),
            _ => None,
        }
    }

    /// The number, integer or not, as an `f64` (how Android's Gson reads every
    /// number of this map, §16).
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            // Exact up to 2^53; beyond, the nearest f64, as Gson reads it.
            CustomValue::Integer(value) => Some(*value as f64),
            CustomValue::Float(value) => Some(*value),
            CustomValue::Text(_) => None,
        }
    }

    /// The string, if this is one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            CustomValue::Text(text) => Some(text),
            _ => None,
        }
    }
}

impl From<i64> for CustomValue {
    fn from(value: i64) -> Self {
        CustomValue::Integer(value)
    }
}

impl From<i32> for CustomValue {
    fn from(value: i32) -> Self {
        CustomValue::Integer(value.into())
    }
}

impl From<String> for CustomValue {
    fn from(value: String) -> Self {
        CustomValue::Text(value)
    }
}

impl From<&str> for CustomValue {
    fn from(value: &str) -> Self {
        CustomValue::Text(value.into())
    }
}

impl Serialize for CustomValue {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            CustomValue::Integer(value) => serializer.serialize_i64(*value),
            CustomValue::Float(value) if value.is_finite() => serializer.serialize_f64(*value),
            // serde_json would write `null`, which reads back as no value at all.
            CustomValue::Float(_) => Err(ser::Error::custom(
                "a custom field's number must be finite: JSON has no NaN or infinity",
            )),
            CustomValue::Text(text) => serializer.serialize_str(text),
        }
    }
}

impl<'de> Deserialize<'de> for CustomValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        match Scalar::deserialize(deserializer)? {
            Scalar::Signed(value) => Ok(CustomValue::Integer(value)),
            Scalar::Unsigned(value) => Ok(match i64::try_from(value) {
                Ok(value) => CustomValue::Integer(value),
                Err(_) => CustomValue::Float(value as f64),
            }),
            Scalar::Float(value) => Ok(CustomValue::Float(value)),
            Scalar::Str(text) => Ok(CustomValue::Text(text.into_owned())),
            other => Err(de::Error::invalid_type(
                kind_unexpected(other.kind()),
                &"a custom field value: a number or a string",
            )),
        }
    }
}

/// A JSON type as serde names it in an "invalid type" error.
fn kind_unexpected(kind: super::ValueKind) -> de::Unexpected<'static> {
    match kind {
        super::ValueKind::Null => de::Unexpected::Unit,
        super::ValueKind::Bool => de::Unexpected::Other("a boolean"),
        super::ValueKind::Array => de::Unexpected::Seq,
        _ => de::Unexpected::Map,
    }
}

/// What `set_custom_field` does to the field: `"set"`, `"inc"` or `"dec"` on
/// the wire, lowercase (docs/protocol.md §15).
///
/// Any other text decodes as [`Other`](Self::Other) instead of failing the
/// whole body, so that a server can answer with the table's codes: 201007 for
/// an empty operation, 201008 for one that is not `set`/`inc`/`dec` (`"SET"`
/// included). Decoding never gives `Other` for the three names.
///
/// ```
/// use liveroom_errors::api::Operation;
///
/// assert_eq!((Operation::from_wire("set"), Operation::Inc.as_str()), (Operation::Set, "inc"));
/// assert!(Operation::Set.is_known() && !Operation::from_wire("").is_known());
/// # #[cfg(feature = "json")] {
/// assert_eq!(serde_json::from_str::<Operation>(r#""inc""#).unwrap(), Operation::Inc);
/// assert_eq!(serde_json::to_string(&Operation::Dec).unwrap(), r#""dec""#);
/// assert_eq!(serde_json::from_str::<Operation>(r#""SET""#).unwrap(), Operation::Other("SET".into()));
/// # }
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Operation {
    /// `set`: store `value`.
    Set,
    /// `inc`: add `value` (a number) to a counter.
    Inc,
    /// `dec`: subtract `value` (a number) from a counter.
    Dec,
    /// Any other text, as sent: not an operation the service knows.
    Other(String),
}

impl Operation {
    /// The operation named `name` on the wire; `Other` unless it is exactly
    /// `set`, `inc` or `dec`.
    pub fn from_wire(name: &str) -> Self {
        match name {
            "set" => Operation::Set,
            "inc" => Operation::Inc,
            "dec" => Operation::Dec,
            other => Operation::Other(other.into()),
        }
    }

    /// The name on the wire.
    pub fn as_str(&self) -> &str {
        match self {
            Operation::Set => "set",
            Operation::Inc => "inc",
            Operation::Dec => "dec",
            Operation::Other(name) => name,
        }
    }

    /// Whether this is `set`, `inc` or `dec`.
    pub fn is_known(&self) -> bool {
        !matches!(self, Operation::Other(_))
    }
}

impl fmt::Display for Operation {
    /// The name on the wire.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Operation {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Operation {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct OperationVisitor;
        impl Visitor<'_> for OperationVisitor {
            type Value = Operation;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(r#"an operation name ("set", "inc" or "dec")"#)
            }
            fn visit_str<E: de::Error>(self, name: &str) -> Result<Operation, E> {
                Ok(Operation::from_wire(name))
            }
        }
        deserializer.deserialize_str(OperationVisitor)
    }
}

/// The body of `set_custom_field`: set, increment or decrement one of the
/// room's custom fields (docs/protocol.md §15). It has **no `userID`**: the
/// caller is only in the query.
///
/// `value` is a string or a number, and may be absent: Android leaves it out
/// unless it is a `String` or an `Integer`, and iOS turns a string into a
/// (double) number for `inc`/`dec` (§15, §17). An absent or `null`
/// `operation` is `None` (201007 for a server).
///
/// ```
/// # #[cfg(feature = "json")] {
/// use liveroom_errors::api::{CustomValue, Operation, SetCustomFieldRequest};
///
/// // iOS l.660's keys; its `inc` sends the number 1 (§15).
/// let request: SetCustomFieldRequest = serde_json::from_str(
///     r#"{"roomID":"room_1","operation":"inc","fieldName":"praise","value":1}"#,
/// ).unwrap();
/// assert_eq!(request.operation, Some(Operation::Inc));
/// assert_eq!(request.value, Some(CustomValue::Integer(1)));
///
/// // Android without a value.
/// let request: SetCustomFieldRequest =
///     serde_json::from_str(r#"{"roomID":"room_1","fieldName":"praise","operation":"dec"}"#).unwrap();
/// assert_eq!(request.value, None);
/// # }
/// ```
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct SetCustomFieldRequest {
    /// `roomID`: the room whose field changes.
    #[serde(rename = "roomID", default, deserialize_with = "nullable")]
    pub room_id: String,
    /// `fieldName`: the field, e.g. `praise` (201007 when empty).
    #[serde(rename = "fieldName", default, deserialize_with = "nullable")]
    pub field_name: String,
    /// `operation`: `set`, `inc` or `dec`; not sent when `None`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub operation: Option<Operation>,
    /// `value`: required for `set` (201009); the step of `inc`/`dec`, which
    /// may be absent. Not sent when `None`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<CustomValue>,
}

envelope_only! {
    /// The reply payload of `set_custom_field`: no fields, the envelope only (docs/protocol.md §15).
    pub struct SetCustomFieldReply {}
}

/// The body of `get_custom_info`: `{"roomID"}` (docs/protocol.md §16).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct GetCustomInfoRequest {
    /// `roomID`: the room asked about.
    #[serde(rename = "roomID", default, deserialize_with = "nullable")]
    pub room_id: String,
}

/// The reply payload of `get_custom_info`: the room's custom fields as a
/// JSON **object**, field name → number or string (docs/protocol.md §16).
///
/// Not the JSON-encoded string of [`Room::custom`](super::Room::custom):
/// Android reads a `Map` here and fails on a string (§16, §17). Required:
/// Android copies the map and cannot copy a missing one.
///
/// ```
/// # #[cfg(feature = "json")] {
/// use liveroom_errors::api;
/// use liveroom_errors::api::CustomValue;
///
/// // The illustrative reply of docs/protocol.md §16.
/// let body = r#"{"code":0,"message":"Success!","timestamp":1700000000000,"custom":{"praise":3,"notice":"hi"}}"#;
/// let info = api::decode::<api::GetCustomInfoReply>(body).unwrap().payload;
/// assert_eq!(info.custom["praise"], CustomValue::Integer(3));
/// assert_eq!(info.custom["notice"], CustomValue::from("hi"));
/// # }
/// ```
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct GetCustomInfoReply {
    /// `custom`: every custom field of the room; a name given twice is an
    /// error, never a silent choice of one value.
    #[serde(deserialize_with = "custom_fields")]
    pub custom: BTreeMap<String, CustomValue>,
}

/// The custom fields of a room, each name once: a name given twice is refused
/// (which of the two values would be meant is unknowable). `Room::custom_fields`
/// reads `get_room_list`'s JSON text with it too.
pub(super) fn custom_fields<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<BTreeMap<String, CustomValue>, D::Error> {
    struct Fields;
    impl<'de> Visitor<'de> for Fields {
        type Value = BTreeMap<String, CustomValue>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("an object of custom fields")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            let mut fields = BTreeMap::new();
            while let Some((name, value)) = map.next_entry::<String, CustomValue>()? {
                match fields.entry(name) {
                    Entry::Vacant(slot) => {
                        slot.insert(value);
                    }
                    Entry::Occupied(slot) => {
                        return Err(de::Error::custom(format_args!(
                            "the custom field `{}` is given twice",
                            slot.key()
                        )));
                    }
                }
            }
            Ok(fields)
        }
    }
    deserializer.deserialize_map(Fields)
}
