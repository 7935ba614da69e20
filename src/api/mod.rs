//! The request and reply types of the 16 RoomService interfaces, as the
//! official Android, iOS and mini-program clients send and read them.
//!
//! Every interface is `POST /weapp/live_room/<name>` with a JSON body; its
//! query carries `userID` and `token` ([`AuthQuery`]), except `login`'s
//! ([`LoginQuery`]); `login` and `logout` have no body. Each interface has a
//! request type (the body), a reply payload type (the fields beside the
//! envelope's `code`, `message` and `timestamp`) and an error type (one
//! variant per code it can return, and `Other`), all named after it and linked
//! by [`Call`] and [`ReplyPayload`] to its [`Interface`]:
//!
#![doc = include_str!(concat!(env!("OUT_DIR"), "/api_table.md"))]
//!
//! A client decodes a reply in one line with [`decode`] (feature `json`): the
//! payload on success, else the interface's own error, whose variants are the
//! codes that interface can return and whose [`recovery`](InterfaceError::recovery)
//! takes the call into account:
//!
//! ```
//! # #[cfg(feature = "json")] {
//! use liveroom_errors::api::{self, CallError, DeleteAnchorError};
//! use liveroom_errors::Recovery;
//!
//! let body = r#"{"code":0,"message":"Success!","timestamp":1700000000000,"roomID":"room_1"}"#;
//! let room = api::decode::<api::CreateRoomReply>(body).unwrap();
//! assert_eq!(room.room_id, "room_1");
//!
//! // Leaving a room one is not in: already done.
//! let body = r#"{"code":203010,"message":"user not in room","timestamp":1700000000000}"#;
//! match api::decode::<api::DeleteAnchorReply>(body) {
//!     Err(CallError::Server(err @ DeleteAnchorError::MemberNotInRoom(_))) => {
//!         assert_eq!(err.recovery(), Some(Recovery::Done));
//!     }
//!     other => panic!("{other:?}"),
//! }
//! # }
//! ```
//!
//! Why one error type per interface (as the AWS SDK for Rust has one per
//! operation): a `match` on the errors of `get_anchor_url` shows only the
//! codes that call can return, and the recovery of a code can depend on the
//! call ("not in the room" is done for `delete_anchor`, "join again" for
//! `anchor_heartbeat`). `Other` keeps any other code whole, a newer server's
//! or one outside the known pairs, so nothing is ever lost; the evidence for
//! each pair is in [`Interface::errors`].
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
mod errors;
mod merge;
mod objects;
mod query;
mod rooms;
#[cfg(feature = "openapi")]
mod schema;
mod session;
pub(crate) mod shape;

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::Interface;

pub use audiences::{
    AddAudienceReply, AddAudienceRequest, DeleteAudienceReply, DeleteAudienceRequest,
    GetAudiencesReply, GetAudiencesRequest,
};
pub use custom::{
    CustomValue, GetCustomInfoReply, GetCustomInfoRequest, Operation, SetCustomFieldReply,
    SetCustomFieldRequest,
};
pub use errors::*;
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
pub use shape::{CallShapes, Field, ObjectShape, Presence, Shape};

/// The path every interface lives under: `/weapp/live_room/<name>`.
///
/// ```
/// use liveroom_errors::{api, Interface};
/// assert!(Interface::GetAnchors.path().starts_with(api::BASE_PATH));
/// ```
pub const BASE_PATH: &str = crate::vocabulary::BASE_PATH;

/// One RoomService interface, named by its request type: its [`Interface`]
/// (and through it its name and path on the wire), and the types of its
/// query, reply payload and errors.
///
/// `NAME` and `PATH` are the interface's [`name`](Interface::name) and
/// [`path`](Interface::path), for use in `const` contexts and generic code;
/// they are derived from `INTERFACE`, and the implementations in this crate
/// never override them.
///
/// ```
/// use liveroom_errors::api::{self, Call};
/// use liveroom_errors::Interface;
///
/// fn path_of<C: Call>(_: &C) -> &'static str {
///     C::PATH
/// }
/// let request = api::GetAnchorsRequest { room_id: "room_1".into() };
/// assert_eq!(path_of(&request), "/weapp/live_room/get_anchors");
/// assert_eq!(<api::LoginRequest as Call>::INTERFACE, Interface::Login);
/// assert_eq!(<api::LoginRequest as Call>::NAME, "login");
/// ```
pub trait Call: Serialize + DeserializeOwned {
    /// The interface this request is the body of.
    const INTERFACE: Interface;
    /// The interface's name, the last segment of its path: `get_anchor_url`.
    const NAME: &'static str = Self::INTERFACE.name();
    /// The interface's path: `/weapp/live_room/get_anchor_url`.
    const PATH: &'static str = Self::INTERFACE.path();
    /// Its query: [`LoginQuery`] for `login`, [`AuthQuery`] for every other.
    type Query: Serialize + DeserializeOwned;
    /// Its reply payload, for [`decode`] and [`wire::from_slice`](crate::wire).
    type Reply: ReplyPayload<Request = Self, Error = Self::Error>;
    /// Its errors: one variant per code the interface can return, and `Other`.
    type Error: InterfaceError;
}

/// The reply payload of one RoomService interface: the way from a reply type
/// to its interface, request and error types, which [`decode`] follows.
///
/// ```
/// use liveroom_errors::api::{self, ReplyPayload};
/// use liveroom_errors::Interface;
///
/// assert_eq!(<api::GetAnchorUrlReply as ReplyPayload>::INTERFACE, Interface::GetAnchorUrl);
/// fn interface_of<R: ReplyPayload>() -> &'static str {
///     R::INTERFACE.name()
/// }
/// assert_eq!(interface_of::<api::LogoutReply>(), "logout");
/// ```
pub trait ReplyPayload: Serialize + DeserializeOwned {
    /// The interface that answers with this payload.
    const INTERFACE: Interface;
    /// The interface's request type.
    type Request: Call<Reply = Self, Error = Self::Error>;
    /// The interface's errors.
    type Error: InterfaceError;
}

/// Implements [`Call`] for each request type and [`ReplyPayload`] for each
/// reply type, and writes [`shapes`], from the generated list of interfaces.
macro_rules! calls {
    ($( $interface:ident: $request:ty, $query:ty => $reply:ty, $error:ty; )*) => {
        $(
            impl Call for $request {
                const INTERFACE: Interface = Interface::$interface;
                type Query = $query;
                type Reply = $reply;
                type Error = $error;
            }

            impl ReplyPayload for $reply {
                const INTERFACE: Interface = Interface::$interface;
                type Request = $request;
                type Error = $error;
            }
        )*

        /// The wire shapes of `interface`: its query, request body and reply
        /// payload, each with its fields (see [`Shape`]). The exports and the
        /// README's interface sections are written from them.
        ///
        /// ```
        /// use liveroom_errors::api::{self, Presence};
        /// use liveroom_errors::Interface;
        ///
        /// let shapes = api::shapes(Interface::GetAnchorUrl);
        /// let fields: Vec<(&str, Presence)> =
        ///     shapes.request().fields().iter().map(|f| (f.name(), f.presence())).collect();
        /// assert_eq!(fields, [("userID", Presence::Defaulted), ("roomID", Presence::Optional)]);
        /// ```
        pub const fn shapes(interface: Interface) -> CallShapes {
            use shape::WireObject;
            match interface {
                $(
                    Interface::$interface => CallShapes::new(
                        interface,
                        <$query as WireObject>::OBJECT,
                        <$request as WireObject>::OBJECT,
                        <$reply as WireObject>::OBJECT,
                    ),
                )*
            }
        }
    };
}

include!(concat!(env!("OUT_DIR"), "/api_calls.rs"));
