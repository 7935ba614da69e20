//! The payload of `merge_stream`, whose reply can say `code: 0` and still
//! report a failed mix in its second-level `merge_code`.

use alloc::string::String;
use core::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, Visitor};

use super::ProtocolError;
use super::content::Content;
use super::reply::{code_value, text_value};

/// The fields of a `merge_stream` reply, for a client that checks the mix:
/// `merge_code` (`0` = mixed) and its
/// text, sent as `merge_msg` (read by the Android client) or `merge_message`
/// (read by iOS); a server may send both, and then `merge_msg` is kept.
///
/// [`api::MergeStreamReply`](crate::api::MergeStreamReply) is the same reply
/// as a plain data type (it serializes, for a server); `api::decode` gives it,
/// and it converts from this type.
///
/// Each of the three fields may appear once: a duplicate is an error, as is a
/// `merge_code` that is not an integer or canonical decimal string, and a text
/// that is not a string (or `null`).
///
/// ```
/// # #[cfg(feature = "json")] {
/// use liveroom_errors::wire::{self, MergeStream};
///
/// let body = br#"{"code":0,"message":"Success!","merge_code":-3,"merge_msg":"stream not found"}"#;
/// let merge: MergeStream = wire::decode(body).unwrap(); // the reply itself succeeded…
/// let failure = merge.check().unwrap_err();             // …but the mix did not
/// assert_eq!(failure.merge_code(), -3);
/// assert_eq!(failure.to_string(), "stream mixing failed with merge_code -3: stream not found");
///
/// // One `merge_code` only: which of two would be meant is unknowable.
/// let twice = br#"{"code":0,"merge_code":-3,"merge_code":0}"#;
/// assert!(wire::decode::<MergeStream>(twice).is_err());
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
///
/// ```
/// # #[cfg(feature = "json")] {
/// use liveroom_errors::wire::{self, MergeStream};
/// let merge: MergeStream = wire::decode(br#"{"code":0,"merge_code":-1}"#).unwrap();
/// assert_eq!(merge.check().unwrap_err().to_string(), "stream mixing failed with merge_code -1");
/// # }
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MergeFailure {
    code: i64,
    message: String,
}

impl MergeFailure {
    /// The non-zero `merge_code`.
    pub fn merge_code(&self) -> i64 {
        self.code
    }

    /// The text of `merge_msg`/`merge_message`; empty when the reply had none.
    pub fn merge_message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for MergeFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "stream mixing failed with merge_code {}", self.code)?;
        if !self.message.is_empty() {
            write!(f, ": {}", self.message)?;
        }
        Ok(())
    }
}

impl core::error::Error for MergeFailure {}

impl<'de> Deserialize<'de> for MergeStream {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(MergeVisitor)
    }
}

struct MergeVisitor;

/// The fields [`MergeStream`] reads, in the order their problems are reported.
const FIELDS: [&str; 3] = ["merge_code", "merge_msg", "merge_message"];

impl<'de> Visitor<'de> for MergeVisitor {
    type Value = MergeStream;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a merge_stream reply")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<MergeStream, A::Error> {
        let mut values: [Option<Content<'de>>; 3] = Default::default();
        let mut duplicate = [false; 3];
        while let Some(key) = map.next_key::<Content<'de>>()? {
            let value: Content<'de> = map.next_value()?;
            let field = match &key {
                Content::Str(name) => FIELDS.iter().position(|field| field == name),
                _ => None,
            };
            if let Some(index) = field {
                duplicate[index] |= values[index].replace(value).is_some();
            }
        }
        let [code, msg, message] = values;
        let judged = match duplicate.iter().position(|twice| *twice) {
            Some(index) => Err(ProtocolError::DuplicateField(FIELDS[index])),
            None => judge(code, msg, message),
        };
        judged.map_err(de::Error::custom)
    }
}

/// The problems of one field are reported before those of the next, whatever
/// the order of the keys.
fn judge(
    code: Option<Content<'_>>,
    msg: Option<Content<'_>>,
    message: Option<Content<'_>>,
) -> Result<MergeStream, ProtocolError> {
    let merge_code = match code {
        Some(code) => code_value("merge_code", code)?,
        None => 0,
    };
    let msg = text_value("merge_msg", msg)?;
    let message = text_value("merge_message", message)?;
    Ok(MergeStream {
        merge_code,
        merge_message: msg.or(message).unwrap_or_default(),
    })
}
