//! Rooms and their anchors: `get_room_list`, `get_anchor_url`, `create_room`,
//! `destroy_room`, `get_anchors`, `add_anchor`, `delete_anchor`,
//! `anchor_heartbeat` (interfaces.md §3–§10).

use alloc::string::String;
use alloc::vec::Vec;

use super::{Anchor, Room};

/// A requested `roomID` that may be absent or empty, both meaning "none".
fn non_empty(room_id: Option<&String>) -> Option<&str> {
    room_id.map(String::as_str).filter(|id| !id.is_empty())
}

wire_object! {
    /// The body of `get_room_list`: one page of rooms (interfaces.md §3).
    ///
    /// Absent numbers decode as `0`: a server answers 201005 for a `cnt` that
    /// is missing or `0`. The mini-program defaults to `cnt` 20, `index` 0.
    ///
    /// ```
    /// # #[cfg(feature = "json")] {
    /// use liveroom_errors::api::GetRoomListRequest;
    ///
    /// // Art's sample.
    /// let request: GetRoomListRequest = serde_json::from_str(r#"{ "cnt": 10, "index": 0 }"#).unwrap();
    /// assert_eq!(request, GetRoomListRequest { cnt: 10, index: 0 });
    /// # }
    /// ```
    #[derive(Copy, Clone, Debug, Default, PartialEq, Eq, Hash)]
    pub struct GetRoomListRequest {
        /// `cnt`: the page size.
        pub cnt: u32 = "cnt" (default),
        /// `index`: the offset of the page's first room, from 0.
        pub index: u32 = "index" (default),
    }
}

wire_object! {
    /// The reply payload of `get_room_list` (interfaces.md §3): the rooms, with
    /// their anchors. Android takes a missing `rooms` for a failure, so it is required.
    ///
    /// ```
    /// # #[cfg(feature = "json")] {
    /// use liveroom_errors::{api, wire};
    ///
    /// // The illustrative reply of interfaces.md §3.
    /// let body = r#"{"code":0,"message":"Success!","timestamp":1700000000000,
    ///  "rooms":[{"roomID":"room_1","roomInfo":"{\"title\":\"demo\"}","roomCreator":"u1",
    ///    "mixedPlayURL":"https://<play-domain>/live/<id>.flv","custom":"{\"praise\":3}","audienceCount":5,
    ///    "pushers":[{"userID":"u1","userName":"Anchor","userAvatar":"https://...","accelerateURL":"rtmp://..."}]}]}"#;
    /// let list = wire::from_str::<api::GetRoomListReply>(body).unwrap().into_result().unwrap();
    /// assert_eq!(list.rooms.len(), 1);
    /// assert_eq!(list.rooms[0].room_creator, "u1");
    /// assert_eq!(list.rooms[0].custom, r#"{"praise":3}"#); // a string, not an object
    /// # }
    /// ```
    #[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
    pub struct GetRoomListReply {
        /// `rooms`: the page of rooms.
        pub rooms: Vec<Room> = "rooms" (required),
    }
}

wire_object! {
    /// The body of `get_anchor_url`: the caller, and the room if known
    /// (interfaces.md §4). Only Android sends `roomID`, and only when it is not
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
    /// assert_eq!(request.room_id(), Some("room_1"));
    /// # }
    /// ```
    #[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
    pub struct GetAnchorUrlRequest {
        /// `userID`: must equal the query's `userID` (201003 otherwise).
        pub user_id: String = "userID" (default),
        /// `roomID`: the room the URL is for, if the caller knows it; not sent when `None`.
        pub room_id: Option<String> = "roomID" (optional),
    }
}

impl GetAnchorUrlRequest {
    /// The room asked for: `None` when `roomID` is absent or empty.
    pub fn room_id(&self) -> Option<&str> {
        non_empty(self.room_id.as_ref())
    }
}

wire_object! {
    /// The reply payload of `get_anchor_url` (interfaces.md §4): where to push,
    /// and the low-latency play URL of that stream. Both are required (Android
    /// takes a missing `pushURL` for a failure).
    ///
    /// ```
    /// # #[cfg(feature = "json")] {
    /// use liveroom_errors::{api, wire, ErrorCode};
    ///
    /// // The illustrative reply of interfaces.md §4, then its verbatim error form.
    /// let body = r#"{"code":0,"message":"Success!","timestamp":1700000000000,
    ///  "pushURL":"rtmp://<bizid>.livepush.myqcloud.com/live/<streamId>?txSecret=..&txTime=..",
    ///  "accelerateURL":"rtmp://<play-domain>/live/<streamId>?txSecret=..&txTime=.."}"#;
    /// let urls = wire::from_str::<api::GetAnchorUrlReply>(body).unwrap().into_result().unwrap();
    /// assert!(urls.push_url.starts_with("rtmp://<bizid>.livepush"));
    /// assert!(urls.accelerate_url.starts_with("rtmp://<play-domain>"));
    ///
    /// let body = r#"{"code":204004,"message":"get push and acc url failed!","timestamp":1577087588457}"#;
    /// let err = wire::from_str::<api::GetAnchorUrlReply>(body).unwrap().into_result().unwrap_err();
    /// assert_eq!(err.known(), Some(ErrorCode::GetAcceleratedUrlFailed));
    /// # }
    /// ```
    #[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
    pub struct GetAnchorUrlReply {
        /// `pushURL`: the RTMP push URL, with `txSecret`/`txTime`.
        pub push_url: String = "pushURL" (required),
        /// `accelerateURL`: the RTMP play URL of the same stream, with its anti-leech key.
        pub accelerate_url: String = "accelerateURL" (required),
    }
}

wire_object! {
    /// The body of `create_room` (interfaces.md §5). Sent after the push has started.
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
    /// assert_eq!(request.room_id(), None); // the server picks the id
    /// assert_eq!(request.room_info, "demo");
    /// # }
    /// ```
    #[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
    pub struct CreateRoomRequest {
        /// `userID`: the creator.
        pub user_id: String = "userID" (default),
        /// `roomID`: the id wanted, if any; not sent when `None`.
        pub room_id: Option<String> = "roomID" (optional),
        /// `roomInfo`: the room's name or description, opaque (apps put JSON in it).
        /// Android may leave it out (§5); it then decodes as empty.
        pub room_info: String = "roomInfo" (default),
    }
}

impl CreateRoomRequest {
    /// The room id asked for: `None` when `roomID` is absent or empty, which
    /// both leave the choice to the server (§5).
    pub fn room_id(&self) -> Option<&str> {
        non_empty(self.room_id.as_ref())
    }
}

wire_object! {
    /// The reply payload of `create_room`: the room's id, possibly made up by
    /// the server (interfaces.md §5). Required: Android takes a missing `roomID`
    /// for a failure.
    ///
    /// ```
    /// # #[cfg(feature = "json")] {
    /// use liveroom_errors::{api, wire};
    ///
    /// let body = r#"{"code":0,"message":"Success!","timestamp":1700000000000,"roomID":"room_1"}"#;
    /// let room = wire::from_str::<api::CreateRoomReply>(body).unwrap().into_result().unwrap();
    /// assert_eq!(room.room_id, "room_1");
    /// # }
    /// ```
    #[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
    pub struct CreateRoomReply {
        /// `roomID`: the room created.
        pub room_id: String = "roomID" (required),
    }
}

wire_object! {
    /// The body of `destroy_room`: `{"roomID", "userID"}` (interfaces.md §6).
    /// Only the mini-program sends it, when its creator leaves.
    ///
    /// ```
    /// # #[cfg(feature = "json")] {
    /// use liveroom_errors::api::DestroyRoomRequest;
    ///
    /// let request: DestroyRoomRequest = serde_json::from_str(r#"{"roomID":"room_1","userID":"u1"}"#).unwrap();
    /// assert_eq!((request.room_id.as_str(), request.user_id.as_str()), ("room_1", "u1"));
    /// # }
    /// ```
    #[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
    pub struct DestroyRoomRequest {
        /// `roomID`: the room to delete.
        pub room_id: String = "roomID" (default),
        /// `userID`: the caller, its creator.
        pub user_id: String = "userID" (default),
    }
}

empty_reply! {
    /// The reply payload of `destroy_room`: the envelope only (interfaces.md §6).
    ///
    /// Its own type rather than [`wire::Empty`](crate::wire::Empty), so that the
    /// reply names its interface and [`decode`](super::decode) gives its error
    /// type; it decodes and is written exactly like `Empty`.
    ///
    /// ```
    /// # #[cfg(feature = "json")] {
    /// use liveroom_errors::api;
    ///
    /// let body = r#"{"code":0,"message":"Success!","timestamp":1700000000000}"#;
    /// assert_eq!(api::decode::<api::DestroyRoomReply>(body).unwrap(), api::DestroyRoomReply);
    /// assert_eq!(serde_json::to_string(&api::DestroyRoomReply).unwrap(), "{}");
    /// # }
    /// ```
    DestroyRoomReply
}

wire_object! {
    /// The body of `get_anchors`: `{"roomID"}` (interfaces.md §7).
    ///
    /// ```
    /// # #[cfg(feature = "json")] {
    /// use liveroom_errors::api::GetAnchorsRequest;
    ///
    /// let request: GetAnchorsRequest = serde_json::from_str(r#"{"roomID":"room_1"}"#).unwrap();
    /// assert_eq!(request.room_id, "room_1");
    /// # }
    /// ```
    #[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
    pub struct GetAnchorsRequest {
        /// `roomID`: the room asked about.
        pub room_id: String = "roomID" (default),
    }
}

wire_object! {
    /// The reply payload of `get_anchors`: the room and its anchors (interfaces.md §7).
    ///
    /// Every field is required. `mixedPlayURL` in particular: mini-program
    /// audiences take it from here, Android and iOS ones from `get_room_list` (§7).
    ///
    /// ```
    /// # #[cfg(feature = "json")] {
    /// use liveroom_errors::{api, wire};
    ///
    /// // The illustrative reply of interfaces.md §7.
    /// let body = r#"{"code":0,"message":"Success!","timestamp":1700000000000,"roomID":"room_1","roomInfo":"demo",
    ///  "roomCreator":"u1","mixedPlayURL":"https://<play-domain>/live/<id>.flv","roomStatusCode":3,
    ///  "pushers":[{"userID":"u1","userName":"A","userAvatar":"https://...","accelerateURL":"rtmp://..."}]}"#;
    /// let room = wire::from_str::<api::GetAnchorsReply>(body).unwrap().into_result().unwrap();
    /// assert_eq!(room.room_status_code, 3);
    /// assert_eq!(room.pushers[0].user_id, "u1");
    /// # }
    /// ```
    #[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
    pub struct GetAnchorsReply {
        /// `roomID`.
        pub room_id: String = "roomID" (required),
        /// `roomInfo`: the opaque text set at `create_room`.
        pub room_info: String = "roomInfo" (required),
        /// `roomCreator`: the creator's `userID`.
        pub room_creator: String = "roomCreator" (required),
        /// `mixedPlayURL`: the play URL of the mixed stream.
        pub mixed_play_url: String = "mixedPlayURL" (required),
        /// `roomStatusCode`: the membership version clients echo in `anchor_heartbeat`
        /// (its meaning is inferred, §10).
        pub room_status_code: i64 = "roomStatusCode" (required),
        /// `pushers`: the room's anchors.
        pub pushers: Vec<Anchor> = "pushers" (required),
    }
}

wire_object! {
    /// The body of `add_anchor`: the caller joins the room's anchors, as
    /// creator or link-mic guest (interfaces.md §8).
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
    #[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
    pub struct AddAnchorRequest {
        /// `roomID`: the room joined.
        pub room_id: String = "roomID" (default),
        /// `userID`: the caller.
        pub user_id: String = "userID" (default),
        /// `userName`: the caller's display name.
        pub user_name: String = "userName" (default),
        /// `userAvatar`: the caller's avatar URL (the mini-program defaults to `"123"`).
        pub user_avatar: String = "userAvatar" (default),
        /// `pushURL`: the URL the caller pushes to, from `get_anchor_url`.
        pub push_url: String = "pushURL" (default),
    }
}

empty_reply! {
    /// The reply payload of `add_anchor`: the envelope only (interfaces.md §8).
    ///
    /// Its own type rather than [`wire::Empty`](crate::wire::Empty), so that the
    /// reply names its interface and [`decode`](super::decode) gives its error
    /// type; it decodes and is written exactly like `Empty`.
    ///
    /// ```
    /// # #[cfg(feature = "json")] {
    /// use liveroom_errors::api;
    ///
    /// let body = r#"{"code":0,"message":"Success!","timestamp":1700000000000}"#;
    /// assert_eq!(api::decode::<api::AddAnchorReply>(body).unwrap(), api::AddAnchorReply);
    /// assert_eq!(serde_json::to_string(&api::AddAnchorReply).unwrap(), "{}");
    /// # }
    /// ```
    AddAnchorReply
}

wire_object! {
    /// The body of `delete_anchor`: `{"roomID", "userID"}`, the caller leaves
    /// the anchors (interfaces.md §9). iOS sends it on every exit, audiences
    /// included.
    ///
    /// ```
    /// # #[cfg(feature = "json")] {
    /// use liveroom_errors::api::DeleteAnchorRequest;
    ///
    /// let request: DeleteAnchorRequest = serde_json::from_str(r#"{"roomID":"room_1","userID":"u1"}"#).unwrap();
    /// assert_eq!(request.user_id, "u1");
    /// # }
    /// ```
    #[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
    pub struct DeleteAnchorRequest {
        /// `roomID`: the room left.
        pub room_id: String = "roomID" (default),
        /// `userID`: the caller.
        pub user_id: String = "userID" (default),
    }
}

empty_reply! {
    /// The reply payload of `delete_anchor`: the envelope only (interfaces.md §9).
    ///
    /// Its own type rather than [`wire::Empty`](crate::wire::Empty), so that the
    /// reply names its interface and [`decode`](super::decode) gives its error
    /// type; it decodes and is written exactly like `Empty`.
    ///
    /// ```
    /// # #[cfg(feature = "json")] {
    /// use liveroom_errors::api;
    ///
    /// let body = r#"{"code":0,"message":"Success!","timestamp":1700000000000}"#;
    /// assert_eq!(api::decode::<api::DeleteAnchorReply>(body).unwrap(), api::DeleteAnchorReply);
    /// assert_eq!(serde_json::to_string(&api::DeleteAnchorReply).unwrap(), "{}");
    /// # }
    /// ```
    DeleteAnchorReply
}

wire_object! {
    /// The body of `anchor_heartbeat`, sent every 3 to 7 s by each anchor
    /// (interfaces.md §10).
    ///
    /// ```
    /// # #[cfg(feature = "json")] {
    /// use liveroom_errors::api::AnchorHeartbeatRequest;
    ///
    /// let request: AnchorHeartbeatRequest =
    ///     serde_json::from_str(r#"{"roomID":"room_1","userID":"u1","roomStatusCode":0}"#).unwrap();
    /// assert_eq!(request.room_status_code, 0);
    /// # }
    /// ```
    #[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
    pub struct AnchorHeartbeatRequest {
        /// `roomID`: the anchor's room.
        pub room_id: String = "roomID" (default),
        /// `userID`: the anchor.
        pub user_id: String = "userID" (default),
        /// `roomStatusCode`: the last one the client saw, `0` at first; all
        /// three clients send it.
        pub room_status_code: i64 = "roomStatusCode" (default),
    }
}

wire_object! {
    /// The reply payload of `anchor_heartbeat` (interfaces.md §10): the bare
    /// envelope, or, when the membership changed (inferred), a new
    /// `roomStatusCode` with the full `pushers` list.
    ///
    /// Both are optional and decoded independently. A server that sends
    /// `roomStatusCode` sends `pushers` too: iOS takes a status code without
    /// pushers for an empty room and reports every known anchor as gone (§10).
    ///
    /// ```
    /// # #[cfg(feature = "json")] {
    /// use liveroom_errors::{api, wire};
    ///
    /// // The illustrative reply of interfaces.md §10, then one without a change.
    /// let body = r#"{"code":0,"message":"Success!","timestamp":1700000000000,"roomStatusCode":4,
    ///  "pushers":[{"userID":"u1","userName":"A","userAvatar":"...","accelerateURL":"rtmp://..."}]}"#;
    /// let beat = wire::from_str::<api::AnchorHeartbeatReply>(body).unwrap().into_result().unwrap();
    /// assert_eq!(beat.room_status_code, Some(4));
    /// assert_eq!(beat.pushers.unwrap()[0].user_id, "u1");
    ///
    /// let body = r#"{"code":0,"message":"Success!","timestamp":1700000000000}"#;
    /// let beat = wire::from_str::<api::AnchorHeartbeatReply>(body).unwrap().into_result().unwrap();
    /// assert_eq!(beat, api::AnchorHeartbeatReply::default());
    /// # }
    /// ```
    #[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
    pub struct AnchorHeartbeatReply {
        /// `roomStatusCode`: the new membership version, when it changed.
        pub room_status_code: Option<i64> = "roomStatusCode" (optional),
        /// `pushers`: the room's anchors, sent with a new `roomStatusCode`.
        pub pushers: Option<Vec<Anchor>> = "pushers" (optional),
    }
}
