//! Rooms and their anchors: `get_room_list`, `get_anchor_url`, `create_room`,
//! `destroy_room`, `get_anchors`, `add_anchor`, `delete_anchor`,
//! `anchor_heartbeat` (docs/protocol.md §3–§10).

use alloc::string::String;
use alloc::vec::Vec;

use serde::{Deserialize, Serialize};

use super::{Anchor, Room, nullable};

/// The body of `get_room_list`: one page of rooms (docs/protocol.md §3).
///
/// Absent numbers decode as `0`: a server answers 201005 for a `cnt` that
/// is missing or `0`. The mini-program defaults to `cnt` 20, `index` 0.
#[derive(Copy, Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct GetRoomListRequest {
    /// `cnt`: the page size.
    #[serde(default, deserialize_with = "nullable")]
    pub cnt: u32,
    /// `index`: the offset of the page's first room, from 0.
    #[serde(default, deserialize_with = "nullable")]
    pub index: u32,
}

/// The reply payload of `get_room_list` (docs/protocol.md §3): the rooms, with
/// their anchors. Android takes a missing `rooms` for a failure, so it is required.
///
/// ```
/// # #[cfg(feature = "json")] {
/// use liveroom_errors::api;
///
/// // The illustrative reply of docs/protocol.md §3.
/// let body = r#"{"code":0,"message":"Success!","timestamp":1700000000000,
///  "rooms":[{"roomID":"room_1","roomInfo":"{\"title\":\"demo\"}","roomCreator":"u1",
///    "mixedPlayURL":"https://<play-domain>/live/<id>.flv","custom":"{\"praise\":3}","audienceCount":5,
///    "pushers":[{"userID":"u1","userName":"Anchor","userAvatar":"https://...","accelerateURL":"rtmp://..."}]}]}"#;
/// let list = api::decode::<api::GetRoomListReply>(body).unwrap().payload;
/// assert_eq!(list.rooms.len(), 1);
/// assert_eq!(list.rooms[0].room_creator, "u1");
/// assert_eq!(list.rooms[0].custom, r#"{"praise":3}"#); // a string, not an object
/// # }
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct GetRoomListReply {
    /// `rooms`: the page of rooms.
    pub rooms: Vec<Room>,
}

/// The body of `get_anchor_url`: the caller, and the room if known
/// (docs/protocol.md §4). Only Android sends `roomID`, and only when it is not
/// empty (§17: "optional").
///
/// ```
/// # #[cfg(feature = "json")] {
/// use liveroom_errors::api::GetAnchorUrlRequest;
///
/// // Art's sample, then Android's with the room.
/// let request: GetAnchorUrlRequest = serde_json::from_str(r#"{ "userID":"james"}"#).unwrap();
/// assert_eq!(request.user_id, "james");
/// assert_eq!(request.room_id, None);
/// let request: GetAnchorUrlRequest =
///     serde_json::from_str(r#"{"userID": "james", "roomID": "room_1"}"#).unwrap();
/// assert_eq!(request.requested_room_id(), Some("room_1"));
/// # }
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct GetAnchorUrlRequest {
    /// `userID`: must equal the query's `userID` (201003 otherwise).
    #[serde(rename = "userID", default, deserialize_with = "nullable")]
    pub user_id: String,
    /// `roomID`: the room the URL is for, if the caller knows it; not sent when `None`.
    #[serde(rename = "roomID", skip_serializing_if = "Option::is_none")]
    pub room_id: Option<String>,
}

impl GetAnchorUrlRequest {
    /// The room asked for: `None` when `roomID` is absent or empty.
    pub fn requested_room_id(&self) -> Option<&str> {
        self.room_id.as_deref().filter(|id| !id.is_empty())
    }
}

/// The reply payload of `get_anchor_url` (docs/protocol.md §4): where to push,
/// and the low-latency play URL of that stream. Both are required (Android
/// takes a missing `pushURL` for a failure).
///
/// ```
/// # #[cfg(feature = "json")] {
/// use liveroom_errors::api;
///
/// // The illustrative reply of docs/protocol.md §4, then its verbatim error form.
/// let body = r#"{"code":0,"message":"Success!","timestamp":1700000000000,
///  "pushURL":"rtmp://<bizid>.livepush.myqcloud.com/live/<streamId>?txSecret=..&txTime=..",
///  "accelerateURL":"rtmp://<play-domain>/live/<streamId>?txSecret=..&txTime=.."}"#;
/// let urls = api::decode::<api::GetAnchorUrlReply>(body).unwrap().payload;
/// assert!(urls.push_url.starts_with("rtmp://<bizid>.livepush"));
///
/// let body = r#"{"code":204004,"message":"get push and acc url failed!","timestamp":1577087588457}"#;
/// let err = api::decode::<api::GetAnchorUrlReply>(body).unwrap_err();
/// assert!(matches!(err, api::CallError::Server(api::GetAnchorUrlError::GetAcceleratedUrlFailed(_))));
/// # }
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct GetAnchorUrlReply {
    /// `pushURL`: the RTMP push URL, with `txSecret`/`txTime`.
    #[serde(rename = "pushURL")]
    pub push_url: String,
    /// `accelerateURL`: the RTMP play URL of the same stream, with its anti-leech key.
    #[serde(rename = "accelerateURL")]
    pub accelerate_url: String,
}

/// The body of `create_room` (docs/protocol.md §5). Sent after the push has started.
///
/// `roomID` is optional: absent or empty, the server makes one up. iOS
/// sends `""`, the mini-program leaves it out, Android does either (§5).
///
/// ```
/// # #[cfg(feature = "json")] {
/// use liveroom_errors::api::CreateRoomRequest;
///
/// // iOS: every key, `roomID` empty.
/// let request: CreateRoomRequest =
///     serde_json::from_str(r#"{"userID":"u1","roomID":"","roomInfo":"demo"}"#).unwrap();
/// assert_eq!(request.room_id.as_deref(), Some(""));
/// assert_eq!(request.requested_room_id(), None); // the server picks the id
/// assert_eq!(request.room_info, "demo");
/// # }
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct CreateRoomRequest {
    /// `userID`: the creator.
    #[serde(rename = "userID", default, deserialize_with = "nullable")]
    pub user_id: String,
    /// `roomID`: the id wanted, if any; not sent when `None`.
    #[serde(rename = "roomID", skip_serializing_if = "Option::is_none")]
    pub room_id: Option<String>,
    /// `roomInfo`: the room's name or description, opaque (apps put JSON in it).
    /// Android may leave it out (§5); it then decodes as empty.
    #[serde(rename = "roomInfo", default, deserialize_with = "nullable")]
    pub room_info: String,
}

impl CreateRoomRequest {
    /// The room id asked for: `None` when `roomID` is absent or empty, which
    /// both leave the choice to the server (§5).
    pub fn requested_room_id(&self) -> Option<&str> {
        self.room_id.as_deref().filter(|id| !id.is_empty())
    }
}

/// The reply payload of `create_room`: the room's id, possibly made up by
/// the server (docs/protocol.md §5). Required: Android takes a missing `roomID`
/// for a failure.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct CreateRoomReply {
    /// `roomID`: the room created.
    #[serde(rename = "roomID")]
    pub room_id: String,
}

/// The body of `destroy_room`: `{"roomID", "userID"}` (docs/protocol.md §6).
/// Only the mini-program sends it, when its creator leaves.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct DestroyRoomRequest {
    /// `roomID`: the room to delete.
    #[serde(rename = "roomID", default, deserialize_with = "nullable")]
    pub room_id: String,
    /// `userID`: the caller, its creator.
    #[serde(rename = "userID", default, deserialize_with = "nullable")]
    pub user_id: String,
}

envelope_only! {
    /// The reply payload of `destroy_room`: no fields, the envelope only (docs/protocol.md §6).
    pub struct DestroyRoomReply {}
}

/// The body of `get_anchors`: `{"roomID"}` (docs/protocol.md §7).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct GetAnchorsRequest {
    /// `roomID`: the room asked about.
    #[serde(rename = "roomID", default, deserialize_with = "nullable")]
    pub room_id: String,
}

/// The reply payload of `get_anchors`: the room and its anchors (docs/protocol.md §7).
///
/// Every field is required. `mixedPlayURL` in particular: mini-program
/// audiences take it from here, Android and iOS ones from `get_room_list` (§7).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct GetAnchorsReply {
    /// `roomID`.
    #[serde(rename = "roomID")]
    pub room_id: String,
    /// `roomInfo`: the opaque text set at `create_room`.
    #[serde(rename = "roomInfo")]
    pub room_info: String,
    /// `roomCreator`: the creator's `userID`.
    #[serde(rename = "roomCreator")]
    pub room_creator: String,
    /// `mixedPlayURL`: the play URL of the mixed stream.
    #[serde(rename = "mixedPlayURL")]
    pub mixed_play_url: String,
    /// `roomStatusCode`: the membership version clients echo in `anchor_heartbeat`
    /// (its meaning is inferred, §10).
    #[serde(rename = "roomStatusCode")]
    pub room_status_code: i64,
    /// `pushers`: the room's anchors.
    pub pushers: Vec<Anchor>,
}

/// The body of `add_anchor`: the caller joins the room's anchors, as
/// creator or link-mic guest (docs/protocol.md §8).
///
/// Android leaves out `userName`/`userAvatar` when they are null (§0.2,
/// §8): they then decode as empty.
///
/// ```
/// # #[cfg(feature = "json")] {
/// use liveroom_errors::api::AddAnchorRequest;
///
/// // The keys of iOS l.1661, with sample values.
/// let request: AddAnchorRequest = serde_json::from_str(r#"{"roomID":"room_1","userID":"u1",
///     "userName":"Anchor","userAvatar":"https://...","pushURL":"rtmp://..."}"#).unwrap();
/// assert_eq!(request.push_url, "rtmp://...");
/// // Android with a null avatar.
/// let request: AddAnchorRequest = serde_json::from_str(
///     r#"{"roomID":"room_1","userID":"u1","userName":"Anchor","pushURL":"rtmp://..."}"#,
/// ).unwrap();
/// assert_eq!(request.user_avatar, "");
/// # }
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct AddAnchorRequest {
    /// `roomID`: the room joined.
    #[serde(rename = "roomID", default, deserialize_with = "nullable")]
    pub room_id: String,
    /// `userID`: the caller.
    #[serde(rename = "userID", default, deserialize_with = "nullable")]
    pub user_id: String,
    /// `userName`: the caller's display name.
    #[serde(rename = "userName", default, deserialize_with = "nullable")]
    pub user_name: String,
    /// `userAvatar`: the caller's avatar URL (the mini-program defaults to `"123"`).
    #[serde(rename = "userAvatar", default, deserialize_with = "nullable")]
    pub user_avatar: String,
    /// `pushURL`: the URL the caller pushes to, from `get_anchor_url`.
    #[serde(rename = "pushURL", default, deserialize_with = "nullable")]
    pub push_url: String,
}

envelope_only! {
    /// The reply payload of `add_anchor`: no fields, the envelope only (docs/protocol.md §8).
    pub struct AddAnchorReply {}
}

/// The body of `delete_anchor`: `{"roomID", "userID"}`, the caller leaves
/// the anchors (docs/protocol.md §9). iOS sends it on every exit, audiences
/// included.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct DeleteAnchorRequest {
    /// `roomID`: the room left.
    #[serde(rename = "roomID", default, deserialize_with = "nullable")]
    pub room_id: String,
    /// `userID`: the caller.
    #[serde(rename = "userID", default, deserialize_with = "nullable")]
    pub user_id: String,
}

envelope_only! {
    /// The reply payload of `delete_anchor`: no fields, the envelope only (docs/protocol.md §9).
    pub struct DeleteAnchorReply {}
}

/// The body of `anchor_heartbeat`, sent every 3 to 7 s by each anchor
/// (docs/protocol.md §10).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct AnchorHeartbeatRequest {
    /// `roomID`: the anchor's room.
    #[serde(rename = "roomID", default, deserialize_with = "nullable")]
    pub room_id: String,
    /// `userID`: the anchor.
    #[serde(rename = "userID", default, deserialize_with = "nullable")]
    pub user_id: String,
    /// `roomStatusCode`: the last one the client saw, `0` at first; all
    /// three clients send it.
    #[serde(rename = "roomStatusCode", default, deserialize_with = "nullable")]
    pub room_status_code: i64,
}

/// The reply payload of `anchor_heartbeat` (docs/protocol.md §10): the bare
/// envelope, or, when the membership changed (inferred), a new
/// `roomStatusCode` with the full `pushers` list.
///
/// Both are optional and decoded independently. A server that sends
/// `roomStatusCode` sends `pushers` too: iOS takes a status code without
/// pushers for an empty room and reports every known anchor as gone (§10).
///
/// ```
/// # #[cfg(feature = "json")] {
/// use liveroom_errors::api;
///
/// // The illustrative reply of docs/protocol.md §10, then one without a change.
/// let body = r#"{"code":0,"message":"Success!","timestamp":1700000000000,"roomStatusCode":4,
///  "pushers":[{"userID":"u1","userName":"A","userAvatar":"...","accelerateURL":"rtmp://..."}]}"#;
/// let beat = api::decode::<api::AnchorHeartbeatReply>(body).unwrap().payload;
/// assert_eq!(beat.room_status_code, Some(4));
/// assert_eq!(beat.pushers.unwrap()[0].user_id, "u1");
///
/// let body = r#"{"code":0,"message":"Success!","timestamp":1700000000000}"#;
/// let beat = api::decode::<api::AnchorHeartbeatReply>(body).unwrap().payload;
/// assert_eq!(beat, api::AnchorHeartbeatReply::default());
/// # }
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct AnchorHeartbeatReply {
    /// `roomStatusCode`: the new membership version, when it changed.
    #[serde(rename = "roomStatusCode", skip_serializing_if = "Option::is_none")]
    pub room_status_code: Option<i64>,
    /// `pushers`: the room's anchors, sent with a new `roomStatusCode`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pushers: Option<Vec<Anchor>>,
}
