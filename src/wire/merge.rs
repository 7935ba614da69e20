//! The payload of `merge_stream`, whose reply can say `code: 0` and still
//! report a failed mix in its second-level `merge_code`.

use alloc::string::String;
use core::fmt;

use serde::de::{self, Deserialize, Deserializer, IgnoredAny, MapAccess, Visitor};

use super::ValueKind;
use super::probe::{Sinking, ValueSink, code_from_str};

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
            let Some(field) = field else {
                map.next_value::<IgnoredAny>()?;
                continue;
            };
            let sink = map.next_value_seed(Sinking(MergeSink {
                merge: &mut merge,
                field,
                problem: None,
            }))?;
            if let Some(problem) = sink.problem {
                return Err(de::Error::custom(problem));
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

/// Stores `merge_code` or the merge message, or says why the value is neither.
struct MergeSink<'m> {
    merge: &'m mut MergeStream,
    field: MergeField,
    problem: Option<String>,
}

impl ValueSink for MergeSink<'_> {
    fn integer(&mut self, value: i64) {
        match self.field {
            MergeField::Code => self.merge.merge_code = value,
            MergeField::Message => self.other(ValueKind::Integer),
        }
    }

    fn huge_integer(&mut self, _: Option<u64>) {
        match self.field {
            MergeField::Code => {
                self.problem = Some("merge_code is beyond the range of a 64-bit integer".into())
            }
            MergeField::Message => self.other(ValueKind::Integer),
        }
    }

    fn string(&mut self, value: &str) {
        match self.field {
            MergeField::Code => match code_from_str(value) {
                Ok(code) => self.merge.merge_code = code,
                Err(problem) => self.problem = Some(alloc::format!("merge_code: {problem}")),
            },
            MergeField::Message => self.merge.merge_message = value.into(),
        }
    }

    fn other(&mut self, kind: ValueKind) {
        self.problem = Some(match self.field {
            MergeField::Code => alloc::format!("merge_code is {kind}, not an integer"),
            MergeField::Message => alloc::format!("merge message is {kind}, not a string"),
        });
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
