//! The request and reply types of the 16 RoomService interfaces, as the
//! official Android, iOS and mini-program clients send and read them.
//!
//! Every interface is `POST /weapp/live_room/<name>` with a JSON body; its
//! query carries `userID` and `token` ([`AuthQuery`]), except `login`'s
//! ([`LoginQuery`]). Each interface has a request type (the body) and a reply
//! payload type (the fields beside the envelope's `code`, `message` and
//! `timestamp`), linked by [`Call`]:
//!
//! | interface | request | reply payload |
//! |---|---|---|
//! | `login` | [`LoginRequest`] (no body) | [`LoginReply`] |
//! | `logout` | [`LogoutRequest`] (no body) | [`LogoutReply`] |
//! | `get_room_list` | [`GetRoomListRequest`] | [`GetRoomListReply`] |
//! | `get_anchor_url` | [`GetAnchorUrlRequest`] | [`GetAnchorUrlReply`] |
//! | `create_room` | [`CreateRoomRequest`] | [`CreateRoomReply`] |
//! | `destroy_room` | [`DestroyRoomRequest`] | [`DestroyRoomReply`] |
//! | `get_anchors` | [`GetAnchorsRequest`] | [`GetAnchorsReply`] |
//! | `add_anchor` | [`AddAnchorRequest`] | [`AddAnchorReply`] |
//! | `delete_anchor` | [`DeleteAnchorRequest`] | [`DeleteAnchorReply`] |
//! | `anchor_heartbeat` | [`AnchorHeartbeatRequest`] | [`AnchorHeartbeatReply`] |
//! | `add_audience` | [`AddAudienceRequest`] | [`AddAudienceReply`] |
//! | `delete_audience` | [`DeleteAudienceRequest`] | [`DeleteAudienceReply`] |
//! | `get_audiences` | [`GetAudiencesRequest`] | [`GetAudiencesReply`] |
//! | `merge_stream` | [`MergeStreamRequest`] | [`MergeStreamReply`] |
//! | `set_custom_field` | [`SetCustomFieldRequest`] | [`SetCustomFieldReply`] |
//! | `get_custom_info` | [`GetCustomInfoRequest`] | [`GetCustomInfoReply`] |
//!
//! A client decodes a reply in one line, with any payload type here:
//!
//! ```
//! # #[cfg(feature = "json")] {
//! use liveroom_errors::{api, wire};
//!
//! let body = r#"{"code":0,"message":"Success!","timestamp":1700000000000,"roomID":"room_1"}"#;
//! let room = wire::from_str::<api::CreateRoomReply>(body).unwrap().into_result().unwrap();
//! assert_eq!(room.room_id, "room_1");
//! # }
//! ```
//!
//! # What the types accept
//! Field names are the wire's (`userID`, `pushURL`, `accelerateURL`, …);
//! the Rust names are their snake_case. The facts come from the research notes
//! `interfaces.md` of this project, cited as §N on the types; where the three
//! clients disagree, decoding accepts every shape they send or read, and
//! serializing writes the one those notes recommend.
//!
//! - **Unknown keys are ignored**; a key given twice is an error.
//! - **Requests**: an absent or `null` field decodes as empty (`""`, `0`, no
//!   elements), so that a server, not the decoder, decides what is missing and
//!   answers with the table's code (201003 to 201009) rather than 200101.
//!   Fields whose absence means something of its own (`roomID` of
//!   `create_room`, `value` of `set_custom_field`, …) are `Option`s, and `None`
//!   is not sent.
//! - **Replies**: the documented fields of a reply are required (a success
//!   without them is no reply of that interface, and fails as a payload
//!   error), except where interfaces.md makes them optional (`anchor_heartbeat`,
//!   `audienceCount` of `get_audiences`). Inside the shared objects
//!   [`Anchor`], [`Room`] and [`Audience`], which relay what clients sent and
//!   where Android drops null values (§0.2), absent fields decode as empty.
//!
//! Available with the `serde` feature and an allocator, like [`wire`](crate::wire).
//! Without `json`, everything works but reading `merge_stream`'s `mergeParams`
//! in its string form, which parses JSON.

#[macro_use]
mod macros;

mod audiences;
mod custom;
mod merge;
mod objects;
mod query;
mod rooms;
mod session;

use serde::Serialize;
use serde::de::DeserializeOwned;

pub use audiences::{
    AddAudienceReply, AddAudienceRequest, DeleteAudienceReply, DeleteAudienceRequest,
    GetAudiencesReply, GetAudiencesRequest,
};
pub use custom::{
    CustomValue, GetCustomInfoReply, GetCustomInfoRequest, Operation, SetCustomFieldReply,
    SetCustomFieldRequest,
};
pub use merge::{
    AppId, InputStream, LayoutParams, MergeParams, MergeStreamReply, MergeStreamRequest,
    MixInterface, MixPara,
};
pub use objects::{Anchor, Audience, Room};
pub use query::{AuthQuery, LoginQuery};
pub use rooms::{
    AddAnchorReply, AddAnchorRequest, AnchorHeartbeatReply, AnchorHeartbeatRequest,
    CreateRoomReply, CreateRoomRequest, DeleteAnchorReply, DeleteAnchorRequest, DestroyRoomReply,
    DestroyRoomRequest, GetAnchorUrlReply, GetAnchorUrlRequest, GetAnchorsReply, GetAnchorsRequest,
    GetRoomListReply, GetRoomListRequest,
};
pub use session::{LoginReply, LoginRequest, LogoutReply, LogoutRequest};

/// The path every interface lives under: `/weapp/live_room/<name>`.
pub const BASE_PATH: &str = "/weapp/live_room";

/// One RoomService interface, named by its request type: its name and path on
/// the wire, and the types of its query and reply payload.
///
/// ```
/// use liveroom_errors::api::{self, Call};
///
/// fn path_of<C: Call>(_: &C) -> &'static str {
///     C::PATH
/// }
/// let request = api::GetAnchorsRequest { room_id: "room_1".into() };
/// assert_eq!(path_of(&request), "/weapp/live_room/get_anchors");
/// assert_eq!(<api::LoginRequest as Call>::NAME, "login");
/// ```
pub trait Call: Serialize + DeserializeOwned {
    /// The interface's name, the last segment of its path: `get_anchor_url`.
    const NAME: &'static str;
    /// The interface's path: `/weapp/live_room/get_anchor_url`.
    const PATH: &'static str;
    /// Its query: [`LoginQuery`] for `login`, [`AuthQuery`] for every other.
    type Query: Serialize + DeserializeOwned;
    /// Its reply payload, for [`wire::from_slice`](crate::wire) and friends.
    type Reply: Serialize + DeserializeOwned;
}

/// Implements [`Call`] for each request type.
macro_rules! calls {
    ($( $name:literal: $request:ty, $query:ty => $reply:ty; )*) => {
        $(
            impl Call for $request {
                const NAME: &'static str = $name;
                const PATH: &'static str = concat!("/weapp/live_room/", $name);
                type Query = $query;
                type Reply = $reply;
            }
        )*
    };
}

calls! {
    "login": LoginRequest, LoginQuery => LoginReply;
    "logout": LogoutRequest, AuthQuery => LogoutReply;
    "get_room_list": GetRoomListRequest, AuthQuery => GetRoomListReply;
    "get_anchor_url": GetAnchorUrlRequest, AuthQuery => GetAnchorUrlReply;
    "create_room": CreateRoomRequest, AuthQuery => CreateRoomReply;
    "destroy_room": DestroyRoomRequest, AuthQuery => DestroyRoomReply;
    "get_anchors": GetAnchorsRequest, AuthQuery => GetAnchorsReply;
    "add_anchor": AddAnchorRequest, AuthQuery => AddAnchorReply;
    "delete_anchor": DeleteAnchorRequest, AuthQuery => DeleteAnchorReply;
    "anchor_heartbeat": AnchorHeartbeatRequest, AuthQuery => AnchorHeartbeatReply;
    "add_audience": AddAudienceRequest, AuthQuery => AddAudienceReply;
    "delete_audience": DeleteAudienceRequest, AuthQuery => DeleteAudienceReply;
    "get_audiences": GetAudiencesRequest, AuthQuery => GetAudiencesReply;
    "merge_stream": MergeStreamRequest, AuthQuery => MergeStreamReply;
    "set_custom_field": SetCustomFieldRequest, AuthQuery => SetCustomFieldReply;
    "get_custom_info": GetCustomInfoRequest, AuthQuery => GetCustomInfoReply;
}
