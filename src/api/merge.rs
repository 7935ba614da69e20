//! `merge_stream` (interfaces.md §14): the request with its legacy mixing
//! parameters, and the reply.

use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

use serde::de::value::MapAccessDeserializer;
use serde::de::{self, Deserialize, Deserializer, MapAccess, Visitor};
use serde::ser::{Serialize, SerializeStruct, Serializer};

use super::shape::{HasShape, WireObject};
use super::{Field, ObjectShape, Presence, Shape};
use crate::wire::MergeStream;

wire_object! {
    /// The body of `merge_stream`: ask the server to mix the room's streams
    /// (interfaces.md §14). The room's creator sends it when members change.
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
    #[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
    pub struct MergeStreamRequest {
        /// `userID`: the caller, the room's creator.
        pub user_id: String = "userID" (default),
        /// `roomID`: the room whose streams are mixed.
        pub room_id: String = "roomID" (default),
        /// `mergeParams`: the mixing CGI's body (object or JSON string on the
        /// wire, an object when sent).
        #[cfg_attr(feature = "openapi", schemars(with = "MergeParamsForm"))]
        pub merge_params: MergeParams = "mergeParams" (default_via MergeParamsForm),
    }
}

wire_object! {
    /// `mergeParams`: the body of the legacy `Mix_StreamV2` mixing CGI, as all
    /// three clients build it (interfaces.md §14).
    ///
    /// Every field the clients send is typed; any other key is ignored, like
    /// everywhere in this module. Keeping unknown keys would need a JSON value
    /// type here (the module works with `serde` and `alloc` alone), and no
    /// official client sends one: a server builds its own CGI call from these
    /// fields, overriding `app_id` (§14: no client sends a valid one).
    ///
    /// Every field decodes as empty when absent, so that a server can answer
    /// 201006 ("lacks interface or another required parameter") itself.
    ///
    /// ```
    /// # #[cfg(feature = "json")] {
    /// use liveroom_errors::api::{AppId, MergeParams};
    ///
    /// // The schematic of §14, with iOS's numeric app_id.
    /// let params: MergeParams = serde_json::from_str(r#"{ "timestamp": 1700000000, "eventId": 1700000000,
    ///   "interface": { "interfaceName": "Mix_StreamV2",
    ///     "para": { "app_id": 1400000000, "interface": "mix_streamv2.start_mix_stream_advanced",
    ///       "mix_stream_session_id": "<mainStreamId>", "output_stream_id": "<mainStreamId>",
    ///       "input_stream_list": [
    ///         {"input_stream_id":"<mainStreamId>","layout_params":{"image_layer":1}},
    ///         {"input_stream_id":"<subStreamId>","layout_params":{"image_layer":2,"image_width":160,
    ///           "image_height":240,"location_x":380,"location_y":630}} ] } } }"#).unwrap();
    /// assert_eq!(params.event_id, 1700000000);
    /// let para = &params.interface.para;
    /// assert_eq!(para.app_id, AppId::Number(1400000000));
    /// assert_eq!(para.input_stream_list[1].layout_params.image_width, Some(160));
    /// assert_eq!(para.input_stream_list[0].layout_params.location_x, None);
    /// # }
    /// ```
    #[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
    pub struct MergeParams {
        /// `timestamp`: the request time in **seconds** (all clients).
        pub timestamp: i64 = "timestamp" (default),
        /// `eventId`: the same seconds again.
        pub event_id: i64 = "eventId" (default),
        /// `interface`: which CGI, and its parameters.
        pub interface: MixInterface = "interface" (default),
    }
}

wire_object! {
    /// `mergeParams.interface`: the CGI's name and parameters (interfaces.md §14).
    #[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
    pub struct MixInterface {
        /// `interfaceName`: `"Mix_StreamV2"` from every client.
        pub interface_name: String = "interfaceName" (default),
        /// `para`: the mix itself.
        pub para: MixPara = "para" (default),
    }
}

wire_object! {
    /// `mergeParams.interface.para`: what to mix, and how (interfaces.md §14).
    #[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
    pub struct MixPara {
        /// `app_id`: `""` (Android), the sdkAppID as a number (iOS) or as a
        /// string (mini-program). The CGI wants the LVB APPID, which no client
        /// sends: a server must not trust it (§14, §17).
        pub app_id: AppId = "app_id" (default),
        /// `interface`: `"mix_streamv2.start_mix_stream_advanced"`.
        pub interface: String = "interface" (default),
        /// `mix_stream_session_id`: the main anchor's stream id.
        pub mix_stream_session_id: String = "mix_stream_session_id" (default),
        /// `output_stream_id`: the main anchor's stream id.
        pub output_stream_id: String = "output_stream_id" (default),
        /// `input_stream_list`: the streams and their places; only the main
        /// stream stops the mix.
        pub input_stream_list: Vec<InputStream> = "input_stream_list" (default),
    }
}

wire_object! {
    /// One element of `input_stream_list` (interfaces.md §14).
    #[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
    pub struct InputStream {
        /// `input_stream_id`: the stream, the last path segment of its URL
        /// without query or extension.
        pub input_stream_id: String = "input_stream_id" (default),
        /// `layout_params`: where it goes on the canvas.
        pub layout_params: LayoutParams = "layout_params" (default),
    }
}

wire_object! {
    /// `layout_params` of an input stream (interfaces.md §14): its layer, and
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
    #[derive(Copy, Clone, Debug, Default, PartialEq, Eq, Hash)]
    pub struct LayoutParams {
        /// `image_layer`: 1 for the main anchor (or the PK canvas), 2, 3, … above.
        pub image_layer: i64 = "image_layer" (default),
        /// `image_width`, in pixels; not sent when `None`.
        pub image_width: Option<i64> = "image_width" (optional),
        /// `image_height`, in pixels; not sent when `None`.
        pub image_height: Option<i64> = "image_height" (optional),
        /// `location_x`: the left edge, in pixels; not sent when `None`.
        pub location_x: Option<i64> = "location_x" (optional),
        /// `location_y`: the top edge, in pixels; not sent when `None`.
        pub location_y: Option<i64> = "location_y" (optional),
        /// `input_type`: 3 for the PK canvas; not sent when `None`.
        pub input_type: Option<i64> = "input_type" (optional),
    }
}

/// `mergeParams.interface.para.app_id`, in the two JSON types the clients use
/// (interfaces.md §14). Absent, it is `Text("")`, as Android sends it.
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
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
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

impl HasShape for AppId {
    const SHAPE: Shape = Shape::OneOf(&[Shape::Integer, Shape::String]);
}

impl Serialize for AppId {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            AppId::Number(id) => serializer.serialize_u64(*id),
            AppId::Text(id) => serializer.serialize_str(id),
        }
    }
}

impl<'de> Deserialize<'de> for AppId {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct AppIdVisitor;
        impl Visitor<'_> for AppIdVisitor {
            type Value = AppId;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an app_id: a non-negative integer or a string")
            }
            fn visit_u64<E: de::Error>(self, id: u64) -> Result<AppId, E> {
                Ok(AppId::Number(id))
            }
            fn visit_i64<E: de::Error>(self, id: i64) -> Result<AppId, E> {
                u64::try_from(id)
                    .map(AppId::Number)
                    .map_err(|_| E::invalid_value(de::Unexpected::Signed(id), &self))
            }
            fn visit_str<E: de::Error>(self, id: &str) -> Result<AppId, E> {
                Ok(AppId::Text(id.into()))
            }
        }
        deserializer.deserialize_any(AppIdVisitor)
    }
}

/// `mergeParams` in either form: an object, or a string holding one.
pub(super) struct MergeParamsForm(MergeParams);

impl From<MergeParamsForm> for MergeParams {
    fn from(form: MergeParamsForm) -> Self {
        form.0
    }
}

/// `mergeParams` as the object Android and iOS send.
const MERGE_PARAMS_OBJECT: Shape = Shape::Object(<MergeParams as WireObject>::OBJECT);

impl HasShape for MergeParamsForm {
    const SHAPE: Shape =
        Shape::OneOf(&[MERGE_PARAMS_OBJECT, Shape::JsonText(&MERGE_PARAMS_OBJECT)]);
}

impl<'de> Deserialize<'de> for MergeParamsForm {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct FormVisitor;
        impl<'de> Visitor<'de> for FormVisitor {
            type Value = MergeParams;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("mergeParams: an object, or a string holding one as JSON")
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<MergeParams, A::Error> {
                MergeParams::deserialize(MapAccessDeserializer::new(map))
            }
            fn visit_str<E: de::Error>(self, text: &str) -> Result<MergeParams, E> {
                if text.trim().is_empty() {
                    return Ok(MergeParams::default());
                }
                parse_params(text)
            }
        }
        deserializer
            .deserialize_any(FormVisitor)
            .map(MergeParamsForm)
    }
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

/// The reply payload of `merge_stream` (interfaces.md §14): `merge_code` (`0`:
/// the mix was accepted) and its text. A reply can say `code: 0` and still
/// carry a failed mix.
///
/// Decoding is [`wire::MergeStream`](MergeStream)'s: the text comes from
/// `merge_msg` (Android) or `merge_message` (iOS), and an absent `merge_code`
/// is `0`. It is sent with **both** text keys, since each client reads only
/// one (§17: "the server can send both"). For
/// [`MergeFailure`](crate::wire::MergeFailure) and its `check()`, decode the
/// same body as `wire::MergeStream`.
///
/// ```
/// # #[cfg(feature = "json")] {
/// use liveroom_errors::{api, wire};
///
/// // The illustrative reply of interfaces.md §14.
/// let body = r#"{"code":0,"message":"Success!","timestamp":1700000000000,"merge_code":0,"merge_msg":"Success!"}"#;
/// let merge = wire::from_str::<api::MergeStreamReply>(body).unwrap().into_result().unwrap();
/// assert!(merge.is_mixed());
/// assert_eq!(merge.merge_message, "Success!");
///
/// let reply = api::MergeStreamReply { merge_code: -3, merge_message: "stream not found".into() };
/// assert_eq!(
///     serde_json::to_string(&reply).unwrap(),
///     r#"{"merge_code":-3,"merge_msg":"stream not found","merge_message":"stream not found"}"#
/// );
/// # }
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct MergeStreamReply {
    /// `merge_code`: `0` when the mix was accepted (also when absent).
    pub merge_code: i64,
    /// `merge_msg` / `merge_message`: the mix's text, only logged by the
    /// clients; empty when absent.
    pub merge_message: String,
}

impl MergeStreamReply {
    /// Whether the streams are mixed (`merge_code` `0`). The official clients
    /// retry every 2 s until they are.
    ///
    /// ```
    /// use liveroom_errors::api::MergeStreamReply;
    /// assert!(MergeStreamReply::default().is_mixed());
    /// ```
    pub fn is_mixed(&self) -> bool {
        self.merge_code == 0
    }
}

impl From<MergeStream> for MergeStreamReply {
    fn from(merge: MergeStream) -> Self {
        MergeStreamReply {
            merge_code: merge.merge_code(),
            merge_message: merge.merge_message().into(),
        }
    }
}

impl<'de> Deserialize<'de> for MergeStreamReply {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        MergeStream::deserialize(deserializer).map(MergeStreamReply::from)
    }
}

impl WireObject for MergeStreamReply {
    /// Written by hand with its serde impls below: `merge_code`, and the text
    /// under both keys the clients read.
    const OBJECT: &'static ObjectShape = &ObjectShape::new(
        "MergeStreamReply",
        &[
            Field::new(
                "merge_code",
                "merge_code",
                Shape::Integer,
                Presence::Defaulted,
            ),
            Field::new(
                "merge_msg",
                "merge_message",
                Shape::String,
                Presence::Defaulted,
            ),
            Field::new(
                "merge_message",
                "merge_message",
                Shape::String,
                Presence::Defaulted,
            ),
        ],
    );
}

impl Serialize for MergeStreamReply {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut object = serializer.serialize_struct("MergeStreamReply", 3)?;
        object.serialize_field("merge_code", &self.merge_code)?;
        object.serialize_field("merge_msg", &self.merge_message)?;
        object.serialize_field("merge_message", &self.merge_message)?;
        object.end()
    }
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
        let read = MergeParamsForm::deserialize(StrDeserializer::<Error>::new(text)).map(|f| f.0);
        if cfg!(feature = "json") {
            let params = read.unwrap();
            assert_eq!(params.interface.interface_name, "Mix_StreamV2");
        } else {
            let err = read.unwrap_err().to_string();
            assert!(err.contains("needs this crate's `json` feature"), "{err}");
        }
        // A blank string is no parameters, with or without `json`.
        let blank = MergeParamsForm::deserialize(StrDeserializer::<Error>::new(" ")).map(|f| f.0);
        assert_eq!(blank.unwrap(), MergeParams::default());
    }
}
