//! RoomService on axum 0.8: replies, request extractors and fallbacks
//! that answer like the real backend (feature `axum`).
//!
//! The real backend answers every call, success or failure, with HTTP 200 and
//! one flat JSON object (`code`, `message`, `timestamp` and the interface's
//! fields). This module makes an axum service do the same:
//!
//! - [`ErrorCode`], [`ServerError`] and [`Success`](crate::api::Success)
//!   implement [`IntoResponse`](::axum::response::IntoResponse): a handler
//!   returns `Result<Success<Reply>, ServerError>` (or `ErrorCode`) and
//!   nothing else. A body without a timestamp is stamped with the current
//!   time, as the real backend stamps every reply (clients measure their clock
//!   skew with it); one with a timestamp keeps it, and `axum::Json(body)`
//!   sends a body exactly as it is.
//! - [`RoomRequest<T>`] reads a call of any interface, named by its `api`
//!   request type: the query as [`api::AuthQuery`](crate::api::AuthQuery)
//!   (`userID`, `token`), or [`api::LoginQuery`](crate::api::LoginQuery) for
//!   `login`, and the JSON body as `T`. Its rejections are RoomService bodies
//!   with the table's codes, so a route accepts exactly what the `api` types
//!   decode.
//! - [`RoomServiceExt::with_room_service_errors`] finishes a [`Router`](::axum::Router):
//!   unknown paths answer 207005 (207006 for another room type than
//!   `live_room`), wrong methods 200100, and any 4xx or 5xx answer that axum
//!   or a middleware produces becomes a RoomService body too.
//!
//! ```
//! use axum::Router;
//! use axum::routing::post;
//! use liveroom_errors::{ErrorCode, Interface};
//! use liveroom_errors::api::{self, ServerError, Success};
//! use liveroom_errors::axum::{RoomRequest, RoomServiceExt};
//!
//! async fn create_room(
//!     req: RoomRequest<api::CreateRoomRequest>,
//! ) -> Result<Success<api::CreateRoomReply>, ServerError> {
//!     if req.query.token != format!("token-{}", req.query.user_id) {
//!         return Err(ErrorCode::TokenVerificationFailed.into());
//!     }
//!     if req.body.user_id != req.query.user_id {
//!         return Err(ErrorCode::UserIdMismatch.into());
//!     }
//!     let room_id = req.body.requested_room_id().unwrap_or("room_1").to_owned();
//!     Ok(Success::new(api::CreateRoomReply { room_id }))
//! }
//!
//! let app: Router = Router::new()
//!     .route(Interface::CreateRoom.path(), post(create_room))
//!     .with_room_service_errors();
//! ```
//!
//! # Which code for which bad request
//!
//! | request | code |
//! |---|---|
//! | body that is not JSON | 200101 `InvalidJsonBody` |
//! | JSON body that does not fit the interface's type | 200100 `MalformedRequest` |
//! | body over the limit ([`DefaultBodyLimit`](::axum::extract::DefaultBodyLimit), 2 MB unless set) | 200100 |
//! | method other than `POST` | 200100 |
//! | `userID` or `token` missing from the query, or a key of the query type given twice | 200100 |
//! | `%` not followed by two hex digits in the query, or a value that is not UTF-8 | 200100 |
//! | `login` without `sdkAppID` (or without both `sdkAppID` and `userSig`) | 201001 `MissingLoginCredentials` |
//! | `login` without `userSig` | 201002 `MissingUserSig` |
//! | `login` without `userID` | 200100 |
//! | path of no interface | 207005 `UnsupportedAction` |
//! | `/weapp/<type>/<interface>` for another room type than `live_room` | 207006 `UnsupportedRoomType` |
//!
//! These choices are ours where the table does not decide: the table's
//! 200100 ("请求包错误，HTTP 方法错误或参数错误": a bad request packet, a wrong
//! HTTP method or bad parameters) covers everything about the request that is
//! not its JSON syntax, and 200101 ("JSON 请求体无法解析") only a body that
//! cannot be parsed. So a body that is valid JSON of the wrong shape is 200100,
//! and an oversized body, which is never parsed, is 200100 too. For `login`,
//! 201001's text names `sdk_appid` and `user_sig`, 201002's only `user_sig`,
//! so a missing `userSig` alone gets the more precise 201002; 201002's SDK
//! constant, `ERROR_CODE_NO_USERID`, would read "no userID", but the table's
//! text is followed, and a missing `userID` is 200100 on every interface.
//!
//! # What every request shape of the official clients gets
//!
//! The Android, iOS and mini-program clients (docs/protocol.md §0.1–0.2) send `POST <base>/<interface>?userID=…&token=…`:
//!
//! - the body is read as JSON whatever the `Content-Type` says: Android sends
//!   `application/json; charset=utf-8`, the mini-program `application/json`,
//!   iOS none at all for `login` and `logout`;
//! - an empty body (Android's `login`/`logout`) or a missing one (iOS) is read
//!   as `{}`; the mini-program sends `{}` itself;
//! - none of the clients URL-encodes `userID` or `token`, so a `+` in the query
//!   stays a plus sign (it is not read as a space), and any character the HTTP
//!   layer lets through is kept as sent. A space must be sent as `%20`.
//!
//! A request the HTTP layer itself refuses (a malformed request line, bytes
//! outside ASCII in the URL, a URL or headers beyond hyper's limits) is answered
//! by hyper with a bare `400`, `414` or `431` before any code of the service
//! runs. A `CONNECT` request gets the usual RoomService body, but hyper drops the
//! body of any `2xx` answer to `CONNECT`, so its client sees an empty `200`. No
//! official client sends any of these.

mod query;
mod reply;
mod request;
mod router;

pub use request::RoomRequest;
pub use router::{RoomServiceExt, replace_failure, unknown_interface, wrong_method};

use crate::ErrorCode;
use crate::api::ServerError;

/// An error whose text is the code's English one followed by our own detail.
fn rejection(code: ErrorCode, detail: core::fmt::Arguments<'_>) -> ServerError {
    ServerError::new(code, format!("{}: {detail}", code.message_en()))
}
