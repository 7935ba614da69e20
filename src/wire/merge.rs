//! The payload of `merge_stream`, whose reply can say `code: 0` and still
//! report a failed mix in its second-level `merge_code`.

use alloc::string::String;
use core::fmt;

use serde::de::{self, Deserialize, Deserializer, IgnoredAny, MapAccess, Visitor};

use super::ValueKind;
use super::probe::{ByRule, ValueRule, code_from_str};

/// The fields of a `merge_stream` reply: `merge_code` (`0` = mixed) and its
/// text, sent as `merge_msg` (Android servers) or `merge_message` (iOS).
///
/// ```
/// # #[cfg(feature = "json")] {
/// use liveroom_errors::wire::{self, MergeStream};
///
/// let body = br#"{"code":0,"message":"Success!","merge_code":-3,"merge_msg":"stream not found"}"#;
/// let merge: MergeStream = wire::decode(body).unwrap(); // the reply itself succeeded…
/// let failure = merge.check().unwrap_err();             // …but the mix did not
/// assert_eq!(failure.code(), -3);
/// assert_eq!(failure.to_string(), "stream mixing failed with merge_code -3: stream not found");
/// # }
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MergeStream {
    merge_code: i64,
    merge_message: String,
}

impl MergeStream {
    /// `merge_code` as sent; `0` (also when absent) means the mix succeeded.
    pub fn merge_code(&self) -> i64 {
        self.merge_code
    }

    /// The mix's text, from `merge_msg` or `merge_message`; empty when absent.
    pub fn merge_message(&self) -> &str {
        &self.merge_message
    }

    /// Whether the streams were mixed (`merge_code` `0`).
    pub fn is_mixed(&self) -> bool {
        self.merge_code == 0
    }

    /// `Ok` when the streams were mixed, the failure otherwise. The official
    /// clients retry every 2 s while it fails.
    pub fn check(&self) -> Result<(), MergeFailure> {
        if self.is_mixed() {
            Ok(())
        } else {
            Err(MergeFailure {
                code: self.merge_code,
                message: self.merge_message.clone(),
            })
        }
    }
}

/// A `merge_stream` reply whose mix failed (non-zero `merge_code`).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("stream mixing failed with merge_code {code}: {message}")]
pub struct MergeFailure {
    code: i64,
    message: String,
}

impl MergeFailure {
    /// The non-zero `merge_code`.
    pub fn code(&self) -> i64 {
        self.code
    }

    /// The text of `merge_msg`/`merge_message`.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl<'de> Deserialize<'de> for MergeStream {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(MergeVisitor)
    }
}

struct MergeVisitor;

impl<'de> Visitor<'de> for MergeVisitor {
    type Value = MergeStream;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a merge_stream reply")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<MergeStream, A::Error> {
        let mut merge = MergeStream::default();
        while let Some(MergeKey(field)) = map.next_key()? {
            match field {
                Some(MergeField::Code) => {
                    merge.merge_code = map
                        .next_value_seed(ByRule::<_>::new(MergeCode))?
                        .map_err(de::Error::custom)?;
                }
                Some(MergeField::Message) => {
                    merge.merge_message = map
                        .next_value_seed(ByRule::<_>::new(MergeMessage))?
                        .map_err(de::Error::custom)?;
                }
                None => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(merge)
    }
}

#[derive(Copy, Clone)]
enum MergeField {
    Code,
    Message,
}

/// Reads `merge_code`, or says why the value is none.
struct MergeCode;

impl ValueRule for MergeCode {
    type Value = Result<i64, String>;

    fn integer(self, value: i64) -> Self::Value {
        Ok(value)
    }

    fn huge_integer(self, _: Option<u64>) -> Self::Value {
        Err("merge_code is beyond the range of a 64-bit integer".into())
    }

    fn string(self, value: &str) -> Self::Value {
        code_from_str(value).map_err(|problem| alloc::format!("merge_code: {problem}"))
    }

    fn other(self, kind: ValueKind) -> Self::Value {
        Err(alloc::format!("merge_code is {kind}, not an integer"))
    }
}

/// Reads `merge_msg`/`merge_message`, or says why the value is none.
struct MergeMessage;

impl ValueRule for MergeMessage {
    type Value = Result<String, String>;

    fn integer(self, _: i64) -> Self::Value {
        self.other(ValueKind::Integer)
    }

    fn huge_integer(self, _: Option<u64>) -> Self::Value {
        self.other(ValueKind::Integer)
    }

    fn string(self, value: &str) -> Self::Value {
        Ok(value.into())
    }

    fn other(self, kind: ValueKind) -> Self::Value {
        Err(alloc::format!("merge message is {kind}, not a string"))
    }
}

/// A key of the payload: one of the merge fields, or `None` for any other.
struct MergeKey(Option<MergeField>);

impl<'de> Deserialize<'de> for MergeKey {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl Visitor<'_> for KeyVisitor {
            type Value = MergeKey;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a field name")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<MergeKey, E> {
                Ok(MergeKey(match v {
                    "merge_code" => Some(MergeField::Code),
                    "merge_msg" | "merge_message" => Some(MergeField::Message),
                    _ => None,
                }))
            }
        }
        deserializer.deserialize_identifier(KeyVisitor)
    }
}
