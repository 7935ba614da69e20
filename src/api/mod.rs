//! The RoomService protocol in types: the request and reply of each of the 16
//! interfaces, the reply envelope ([`Success`], [`ServerError`]), one error
//! enum per interface, and [`decode`], the one way to read a reply.
//!
//! Every interface is `POST /weapp/live_room/<name>` with a JSON body; its
//! query carries `userID` and `token` ([`AuthQuery`]), except `login`'s
//! ([`LoginQuery`]). Every reply is one flat JSON object: `code` (`0` is
//! success), `message`, `timestamp`, and on success the interface's own
//! fields beside them. Each interface has a request type (the body), a reply
//! payload type (the fields beside the envelope) and an error type (one
//! variant per code it can return, and `Other`), all named after it and linked
//! by [`Call`] and [`Reply`]:
//!
#![doc = include_str!(concat!(env!("OUT_DIR"), "/api_table.txt"))]
//!
//! A client decodes a reply with [`decode`] (feature `json`): the payload with
//! the envelope's text and time on success, else the interface's own error,
//! whose variants are the codes that interface can return and whose
//! [`recovery`](InterfaceError::recovery) is the advice in that call:
//!
//! ```
//! # #[cfg(feature = "json")] {
//! use liveroom_errors::Recovery;
//! use liveroom_errors::api::{self, CallError, DeleteAnchorError, InterfaceError};
//!
//! let body = r#"{"code":0,"message":"Success!","timestamp":1700000000000,"roomID":"room_1"}"#;
//! let room = api::decode::<api::CreateRoomReply>(body).unwrap();
//! assert_eq!(room.payload.room_id, "room_1");
//! assert_eq!(room.timestamp, Some(1700000000000));
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
//! codes that call can return, and the advice for a code can depend on the
//! call. `Other` keeps any other code whole, so nothing is ever lost.
//!
//! # What the types accept
//! Field names are the wire's (`userID`, `pushURL`, …), the Rust names their
//! snake_case. The facts come from docs/protocol.md, cited as §N on the types;
//! where the three official clients disagree, decoding accepts every shape they
//! send or read, and serializing writes the one that section recommends.
//!
//! - **Unknown keys are ignored**; a key given twice is an error.
//! - **Requests**: an absent or `null` field decodes as empty (`""`, `0`, no
//!   elements), so that a server, not the decoder, decides what is missing and
//!   answers with the table's code (201003 to 201009) rather than 200100.
//!   Fields whose absence means something of its own (`roomID` of
//!   `create_room`, `value` of `set_custom_field`, …) are `Option`s, and `None`
//!   is not sent.
//! - **Replies**: the documented fields of a reply are required (a success
//!   without them is no reply of that interface), except where §N makes them
//!   optional. Inside [`Anchor`], [`Room`] and [`Audience`], which relay what
//!   clients sent and where Android drops null values (§0.2), absent fields
//!   decode as empty.
//!
//! Available with the `serde` feature and an allocator; [`decode`] and the
//! string form of `merge_stream`'s `mergeParams` need `json`.
//!
#![cfg_attr(feature = "json", doc = "[`decode`]: decode")]
#![cfg_attr(not(feature = "json"), doc = "[`decode`]: #")]

/// Declares the reply payload of an interface whose success is the envelope
/// alone: a type of its own all the same, with the text and example they share.
macro_rules! envelope_only {
    (#[doc = $summary:literal] pub struct $name:ident {}) => {
        #[doc = $summary]
        ///
        /// Its own type, so that the reply names its interface and `decode`
        /// gives its error type. Any fields beside the envelope are ignored.
        ///
        /// ```
        /// # #[cfg(feature = "json")] {
        /// use liveroom_errors::api;
        #[doc = concat!("type Payload = api::", stringify!($name), ";")]
        ///
        /// let body = r#"{"code":0,"message":"Success!","timestamp":1700000000000}"#;
        /// assert_eq!(api::decode::<Payload>(body).unwrap().payload, Payload {});
        /// assert_eq!(serde_json::to_string(&Payload {}).unwrap(), "{}");
        /// # }
        /// ```
        #[derive(
            Copy, Clone, Debug, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize,
        )]
        #[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
        pub struct $name {}
    };
}

mod audiences;
mod custom;
#[cfg(feature = "json")]
mod decode;
mod envelope;
mod errors;
mod merge;
mod objects;
mod query;
mod rooms;
pub(crate) mod scalar;
#[cfg(feature = "openapi")]
mod schema;
mod session;

use serde::Serialize;
use serde::de::{Deserialize, DeserializeOwned, Deserializer};

use crate::Interface;

pub use audiences::*;
pub use custom::*;
#[cfg(feature = "json")]
pub use decode::{CallError, decode};
pub use envelope::*;
pub use errors::*;
pub use merge::*;
pub use objects::*;
pub use query::*;
pub use rooms::*;
pub use session::*;

/// One RoomService interface, named by its request type: its [`Interface`]
/// (and through it its name and path), and the types of its query, reply
/// payload and errors.
///
/// ```
/// use liveroom_errors::api::{self, Call};
/// use liveroom_errors::Interface;
///
/// fn path_of<C: Call>(_: &C) -> &'static str {
///     C::INTERFACE.path()
/// }
/// let request = api::GetAnchorsRequest { room_id: "room_1".into() };
/// assert_eq!(path_of(&request), "/weapp/live_room/get_anchors");
/// assert_eq!(<api::LoginRequest as Call>::INTERFACE, Interface::Login);
/// ```
pub trait Call: Serialize + DeserializeOwned {
    /// The interface this request is the body of.
    const INTERFACE: Interface;
    /// Its query: [`LoginQuery`] for `login`, [`AuthQuery`] for every other.
    type Query: Serialize + DeserializeOwned;
    /// Its reply payload: what a client decodes and a server sends.
    type Reply: Reply<Error = Self::Error> + Serialize;
    /// Its errors: one variant per code the interface can return, and `Other`.
    type Error: InterfaceError;
}

/// What a reply's payload can be decoded into by `decode` (feature `json`), and the error
/// type a failure of that reply becomes.
///
/// The reply types of the 16 interfaces have their interface's error enum.
/// For a reply whose interface is unknown, `()` ignores the payload and
/// `serde_json::Value` (feature `json`) keeps it whole; both give the
/// [`ServerError`] itself. `Option<R>` is `None` for a success without payload
/// keys. A type of your own needs one line:
///
/// ```
/// use liveroom_errors::api::{self, ServerError};
///
/// #[derive(serde::Deserialize)]
/// struct Token {
///     token: String,
/// }
/// impl api::Reply for Token {
///     type Error = ServerError;
/// }
/// # #[cfg(feature = "json")]
/// assert_eq!(api::decode::<Token>(r#"{"code":0,"token":"t"}"#).unwrap().payload.token, "t");
/// ```
pub trait Reply: DeserializeOwned {
    /// What an error reply becomes: the interface's error enum, or [`ServerError`].
    type Error: From<ServerError>;
}

impl Reply for () {
    type Error = ServerError;
}

impl<R: Reply> Reply for Option<R> {
    type Error = R::Error;
}

#[cfg(feature = "json")]
impl Reply for serde_json::Value {
    type Error = ServerError;
}

/// An absent or `null` field decodes as the type's default: the clients drop
/// null values (§0.2), and a server, not the decoder, judges what is missing.
fn nullable<'de, D: Deserializer<'de>, T: Deserialize<'de> + Default>(
    deserializer: D,
) -> Result<T, D::Error> {
    Option::<T>::deserialize(deserializer).map(Option::unwrap_or_default)
}

/// Implements [`Call`] for each request type and [`Reply`] for each reply
/// type, from the generated list of interfaces.
macro_rules! calls {
    ($( $interface:ident: $request:ty, $query:ty => $reply:ty, $error:ty; )*) => {
        $(
            impl Call for $request {
                const INTERFACE: Interface = Interface::$interface;
                type Query = $query;
                type Reply = $reply;
                type Error = $error;
            }

            impl Reply for $reply {
                type Error = $error;
            }
        )*
    };
}

include!(concat!(env!("OUT_DIR"), "/api_calls.rs"));
