//! `merge_stream` (docs/protocol.md §14): the request with its legacy mixing
//! parameters, and the reply.

use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

use serde::de::value::MapAccessDeserializer;
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize};

use super::nullable;
use crate::code::parse_decimal;

/// The body of `merge_stream`: ask the server to mix the room's streams
/// (docs/protocol.md §14). The room's creator sends it when members change.
///
/// `mergeParams` comes as an object (Android, iOS) or as a **string**
/// holding the same JSON (the mini-program); a server must accept both
/// (§14, §17). Both decode into [`MergeParams`]; it is sent as an object.
/// Decoding the string form parses JSON, which needs the `json` feature;
/// without it, such a body is refused with an error that says so. An
/// absent, `null` or blank `mergeParams` decodes as the empty
/// [`MergeParams::default()`] (201006 for a server).
///
/// ```
/// # #[cfg(feature = "json")] {
/// use liveroom_errors::api::MergeStreamRequest;
///
/// let object = r#"{"userID":"u1","roomID":"room_1","mergeParams":{"timestamp":1700000000,
///     "eventId":1700000000,"interface":{"interfaceName":"Mix_StreamV2","para":{"app_id":"",
///     "interface":"mix_streamv2.start_mix_stream_advanced","mix_stream_session_id":"main",
///     "output_stream_id":"main","input_stream_list":[{"input_stream_id":"main","layout_params":{"image_layer":1}}]}}}}"#;
/// let request: MergeStreamRequest = serde_json::from_str(object).unwrap();
/// assert_eq!(request.merge_params.interface.interface_name, "Mix_StreamV2");
///
/// // The mini-program's form: the same parameters, JSON-encoded in a string.
/// let params = serde_json::to_string(&request.merge_params).unwrap();
/// let string = serde_json::json!({"userID":"u1","roomID":"room_1","mergeParams":params}).to_string();
/// assert_eq!(serde_json::from_str::<MergeStreamRequest>(&string).unwrap(), request);
/// # }
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct MergeStreamRequest {
    /// `userID`: the caller, the room's creator.
    #[serde(rename = "userID", default, deserialize_with = "nullable")]
    pub user_id: String,
    /// `roomID`: the room whose streams are mixed.
    #[serde(rename = "roomID", default, deserialize_with = "nullable")]
    pub room_id: String,
    /// `mergeParams`: the mixing CGI's body (object or JSON string on the
    /// wire, an object when sent).
    #[serde(rename = "mergeParams", default, deserialize_with = "merge_params")]
    #[cfg_attr(
        feature = "openapi",
        schemars(schema_with = "super::schema::merge_params")
    )]
    pub merge_params: MergeParams,
}

/// `mergeParams`: the body of the legacy `Mix_StreamV2` mixing CGI, as all
/// three clients build it (docs/protocol.md §14).
///
/// Every field the clients send is typed; any other key is ignored, like
/// everywhere in this module. Keeping unknown keys would need a JSON value
/// type here (the module works with `serde` and `alloc` alone), and no
/// official client sends one: a server builds its own CGI call from these
/// fields, overriding `app_id` (§14: no client sends a valid one).
///
/// Every field decodes as empty when absent, so that a server can answer
/// 201006 ("lacks interface or another required parameter") itself.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct MergeParams {
    /// `timestamp`: the request time in **seconds** (all clients).
    #[serde(default, deserialize_with = "nullable")]
    pub timestamp: i64,
    /// `eventId`: the same seconds again.
    #[serde(rename = "eventId", default, deserialize_with = "nullable")]
    pub event_id: i64,
    /// `interface`: which CGI, and its parameters.
    #[serde(default, deserialize_with = "nullable")]
    pub interface: MixInterface,
}

/// `mergeParams.interface`: the CGI's name and parameters (docs/protocol.md §14).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct MixInterface {
    /// `interfaceName`: `"Mix_StreamV2"` from every client.
    #[serde(rename = "interfaceName", default, deserialize_with = "nullable")]
    pub interface_name: String,
    /// `para`: the mix itself.
    #[serde(default, deserialize_with = "nullable")]
    pub para: MixPara,
}

/// `mergeParams.interface.para`: what to mix, and how (docs/protocol.md §14).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct MixPara {
    /// `app_id`: `""` (Android), the sdkAppID as a number (iOS) or as a
    /// string (mini-program). The CGI wants the LVB APPID, which no client
    /// sends: a server must not trust it (§14, §17).
    #[serde(default, deserialize_with = "nullable")]
    pub app_id: AppId,
    /// `interface`: `"mix_streamv2.start_mix_stream_advanced"`.
    #[serde(default, deserialize_with = "nullable")]
    pub interface: String,
    /// `mix_stream_session_id`: the main anchor's stream id.
    #[serde(default, deserialize_with = "nullable")]
    pub mix_stream_session_id: String,
    /// `output_stream_id`: the main anchor's stream id.
    #[serde(default, deserialize_with = "nullable")]
    pub output_stream_id: String,
    /// `input_stream_list`: the streams and their places; only the main
    /// stream stops the mix.
    #[serde(default, deserialize_with = "nullable")]
    pub input_stream_list: Vec<InputStream>,
}

/// One element of `input_stream_list` (docs/protocol.md §14).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct InputStream {
    /// `input_stream_id`: the stream, the last path segment of its URL
    /// without query or extension.
    #[serde(default, deserialize_with = "nullable")]
    pub input_stream_id: String,
    /// `layout_params`: where it goes on the canvas.
    #[serde(default, deserialize_with = "nullable")]
    pub layout_params: LayoutParams,
}

/// `layout_params` of an input stream (docs/protocol.md §14): its layer, and
/// for every stream but the main one its size and place. A PK canvas
/// carries `input_type` 3.
///
/// ```
/// # #[cfg(feature = "json")] {
/// use liveroom_errors::api::LayoutParams;
///
/// // The PK canvas of §14; the main anchor's link-mic layout is `{"image_layer":1}` alone.
/// let canvas = LayoutParams { image_layer: 1, input_type: Some(3), image_width: Some(720),
///     image_height: Some(640), ..LayoutParams::default() };
/// assert_eq!(
///     serde_json::to_string(&canvas).unwrap(),
///     r#"{"image_layer":1,"image_width":720,"image_height":640,"input_type":3}"#
/// );
/// assert_eq!(
///     serde_json::to_string(&LayoutParams { image_layer: 1, ..LayoutParams::default() }).unwrap(),
///     r#"{"image_layer":1}"#
/// );
/// # }
/// ```
#[derive(Copy, Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct LayoutParams {
    /// `image_layer`: 1 for the main anchor (or the PK canvas), 2, 3, … above.
    #[serde(default, deserialize_with = "nullable")]
    pub image_layer: i64,
    /// `image_width`, in pixels; not sent when `None`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub image_width: Option<i64>,
    /// `image_height`, in pixels; not sent when `None`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub image_height: Option<i64>,
    /// `location_x`: the left edge, in pixels; not sent when `None`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location_x: Option<i64>,
    /// `location_y`: the top edge, in pixels; not sent when `None`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location_y: Option<i64>,
    /// `input_type`: 3 for the PK canvas; not sent when `None`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub input_type: Option<i64>,
}

/// `mergeParams.interface.para.app_id`, in the two JSON types the clients use
/// (docs/protocol.md §14). Absent, it is `Text("")`, as Android sends it.
///
/// ```
/// # #[cfg(feature = "json")] {
/// use liveroom_errors::api::AppId;
///
/// assert_eq!(serde_json::from_str::<AppId>("1400000000").unwrap(), AppId::Number(1400000000));
/// assert_eq!(serde_json::from_str::<AppId>(r#""1400000000""#).unwrap(), AppId::Text("1400000000".into()));
/// assert_eq!(AppId::default(), AppId::Text(String::new()));
/// # }
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(untagged, expecting = "an app_id: a non-negative integer or a string")]
pub enum AppId {
    /// A JSON number (iOS).
    Number(u64),
    /// A JSON string (Android's `""`, the mini-program's decimal text).
    Text(String),
}

impl Default for AppId {
    fn default() -> Self {
        AppId::Text(String::new())
    }
}

/// `mergeParams` in either form: an object, or a string holding one as JSON
/// (a blank string or `null` is no parameters).
fn merge_params<'de, D: Deserializer<'de>>(deserializer: D) -> Result<MergeParams, D::Error> {
    struct Form;
    impl<'de> Visitor<'de> for Form {
        type Value = MergeParams;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("mergeParams: an object, or a string holding one as JSON")
        }
        fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<MergeParams, A::Error> {
            MergeParams::deserialize(MapAccessDeserializer::new(map))
        }
        fn visit_str<E: de::Error>(self, text: &str) -> Result<MergeParams, E> {
            match text.trim() {
                "" => Ok(MergeParams::default()),
                _ => parse_params(text),
            }
        }
        fn visit_unit<E: de::Error>(self) -> Result<MergeParams, E> {
            Ok(MergeParams::default())
        }
    }
    deserializer.deserialize_any(Form)
}

/// The mini-program's string form: JSON text of the object form.
#[cfg(feature = "json")]
fn parse_params<E: de::Error>(text: &str) -> Result<MergeParams, E> {
    serde_json::from_str(text).map_err(|error| {
        E::custom(format_args!(
            "mergeParams string is not mixing parameters: {error}"
        ))
    })
}

#[cfg(not(feature = "json"))]
fn parse_params<E: de::Error>(_: &str) -> Result<MergeParams, E> {
    Err(E::custom(
        "mergeParams is a JSON string; decoding it needs this crate's `json` feature",
    ))
}

/// The reply payload of `merge_stream` (docs/protocol.md §14): `merge_code`
/// (`0`: the mix was accepted, also when absent) and its text. A reply can say
/// `code: 0` and still carry a failed mix: [`check`](Self::check) tells.
///
/// The text is read from `merge_msg` (Android) or `merge_message` (iOS),
/// `merge_msg` first when both are sent; it is sent under **both** keys, since
/// each client reads only one (§17). `merge_code` is an integer or a canonical
/// decimal string; each of the three keys may appear once.
///
/// ```
/// # #[cfg(feature = "json")] {
/// use liveroom_errors::api;
///
/// // The illustrative reply of docs/protocol.md §14.
/// let body = r#"{"code":0,"message":"Success!","timestamp":1700000000000,"merge_code":0,"merge_msg":"Success!"}"#;
/// let merge = api::decode::<api::MergeStreamReply>(body).unwrap().payload;
/// assert!(merge.check().is_ok());
/// assert_eq!(merge.merge_message, "Success!");
///
/// let reply = api::MergeStreamReply { merge_code: -3, merge_message: "stream not found".into() };
/// assert_eq!(
///     serde_json::to_string(&reply).unwrap(),
///     r#"{"merge_code":-3,"merge_msg":"stream not found","merge_message":"stream not found"}"#
/// );
/// assert_eq!(reply.check().unwrap_err().to_string(), "stream mixing failed with merge_code -3: stream not found");
/// # }
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(from = "MergeStreamWire", into = "MergeStreamWire")]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct MergeStreamReply {
    /// `merge_code`: `0` when the mix was accepted (also when absent).
    pub merge_code: i64,
    /// `merge_msg` / `merge_message`: the mix's text, only logged by the
    /// clients; empty when absent.
    pub merge_message: String,
}

impl MergeStreamReply {
    /// `Ok` when the streams were mixed (`merge_code` `0`), the failure
    /// otherwise. The official clients send `merge_stream` again every 2 s
    /// while it fails.
    pub fn check(&self) -> Result<(), MergeFailure> {
        match self.merge_code {
            0 => Ok(()),
            code => Err(MergeFailure {
                merge_code: code,
                merge_message: self.merge_message.clone(),
            }),
        }
    }
}

/// A `merge_stream` reply whose mix failed (non-zero `merge_code`), from
/// [`MergeStreamReply::check`].
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct MergeFailure {
    /// The non-zero `merge_code`.
    pub merge_code: i64,
    /// The text of `merge_msg`/`merge_message`; empty when the reply had none.
    pub merge_message: String,
}

impl fmt::Display for MergeFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let code = self.merge_code;
        write!(f, "stream mixing failed with merge_code {code}")?;
        match self.merge_message.as_str() {
            "" => Ok(()),
            text => write!(f, ": {text}"),
        }
    }
}

impl core::error::Error for MergeFailure {}

/// [`MergeStreamReply`] as the wire has it: its text under two keys.
#[derive(Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
struct MergeStreamWire {
    /// `0` when the mix was accepted (also when absent).
    #[serde(default, deserialize_with = "merge_code")]
    #[cfg_attr(feature = "openapi", schemars(with = "i64"))]
    merge_code: i64,
    /// The mix's text, as Android reads it.
    #[serde(skip_serializing_if = "Option::is_none")]
    merge_msg: Option<String>,
    /// The mix's text, as iOS reads it. A server sends both keys.
    #[serde(skip_serializing_if = "Option::is_none")]
    merge_message: Option<String>,
}

impl From<MergeStreamWire> for MergeStreamReply {
    fn from(wire: MergeStreamWire) -> Self {
        MergeStreamReply {
            merge_code: wire.merge_code,
            merge_message: wire.merge_msg.or(wire.merge_message).unwrap_or_default(),
        }
    }
}

impl From<MergeStreamReply> for MergeStreamWire {
    fn from(reply: MergeStreamReply) -> Self {
        MergeStreamWire {
            merge_code: reply.merge_code,
            merge_msg: Some(reply.merge_message.clone()),
            merge_message: Some(reply.merge_message),
        }
    }
}

/// `merge_code`: an integer, or a canonical decimal integer in a string, as
/// the envelope's `code` (a mixer behind a proxy may send either).
fn merge_code<'de, D: Deserializer<'de>>(deserializer: D) -> Result<i64, D::Error> {
    struct Number;
    impl Visitor<'_> for Number {
        type Value = i64;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("merge_code: an integer or a canonical decimal string")
        }
        fn visit_i64<E: de::Error>(self, v: i64) -> Result<i64, E> {
            Ok(v)
        }
        fn visit_u64<E: de::Error>(self, v: u64) -> Result<i64, E> {
            i64::try_from(v).map_err(|_| E::invalid_value(de::Unexpected::Unsigned(v), &self))
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<i64, E> {
            parse_decimal(v).map_err(|_| E::invalid_value(de::Unexpected::Str(v), &self))
        }
    }
    deserializer.deserialize_any(Number)
}

#[cfg(test)]
mod tests {
    use alloc::string::ToString;

    use serde::de::value::{Error, StrDeserializer};

    use super::*;

    /// The string form of `mergeParams` needs a JSON parser: with `json` it is
    /// read, without it the error says what is missing.
    #[test]
    fn merge_params_string_form_depends_on_the_json_feature() {
        let text = r#"{"interface":{"interfaceName":"Mix_StreamV2"}}"#;
        let read = merge_params(StrDeserializer::<Error>::new(text));
        if cfg!(feature = "json") {
            let params = read.unwrap();
            assert_eq!(params.interface.interface_name, "Mix_StreamV2");
        } else {
            let err = read.unwrap_err().to_string();
            assert!(err.contains("needs this crate's `json` feature"), "{err}");
        }
        // A blank string is no parameters, with or without `json`.
        let blank = merge_params(StrDeserializer::<Error>::new(" "));
        assert_eq!(blank.unwrap(), MergeParams::default());
    }
}
