//! `IntoResponse` for the reply types: HTTP 200, `Content-Type:
//! application/json`, one flat JSON object, stamped with the current time
//! unless the reply already has a timestamp.
//!
//! The stamp is the one place the crate reads the clock on its own: the real
//! backend sends `timestamp` on every reply and clients use it to measure their
//! clock skew (docs/protocol.md §1), so a service should never send a reply
//! without it. A reply that has a timestamp keeps it, which is how tests get
//! fixed bodies; `axum::Json(reply)` sends a reply exactly as it is.

use ::axum::body::Body;
use ::axum::http::header::{CONTENT_TYPE, HeaderValue};
use ::axum::response::{IntoResponse, Response};
use serde::Serialize;

use crate::ErrorCode;
use crate::api::{ServerError, Success};

/// Serializes `body` into a 200 answer, or answers 207000 if it cannot be
/// serialized (a payload that clashes with the envelope's keys, a map with
/// non-string keys, a payload's own `Serialize` error): a bug of the
/// service, never a panic and never a half-written success.
fn send<B: Serialize>(body: &B) -> Response {
    let bytes = serde_json::to_vec(body).unwrap_or_else(|error| {
        let code = ErrorCode::OtherFailure;
        let message = format!(
            "{}: the reply could not be serialized: {error}",
            code.message_en()
        );
        let fallback = ServerError::new(code, message).with_timestamp_now();
        serde_json::to_vec(&fallback).unwrap_or_default()
    });
    let mut response = Response::new(Body::from(bytes));
    response
        .headers_mut()
        .insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    response
}

/// Answers like the real backend: HTTP 200 and the error as one JSON object,
/// with the current time as `timestamp` if it has none. This is what handlers
/// return for a failure, and what the extractors of this module reject
/// requests with.
///
/// ```
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() {
/// use axum::response::IntoResponse;
/// use liveroom_errors::api::{self, ServerError};
/// use liveroom_errors::ErrorCode;
///
/// let error = ServerError::new(ErrorCode::GetAcceleratedUrlFailed, "get push and acc url failed!");
/// let response = error.clone().into_response();
/// assert_eq!(response.status(), 200);
/// assert_eq!(response.headers()["content-type"], "application/json");
/// let body = axum::body::to_bytes(response.into_body(), usize::MAX).await.unwrap();
/// let back = api::decode::<()>(&body).unwrap_err().into_server().unwrap();
/// assert_eq!((back.code(), back.message()), (error.code(), error.message()));
/// assert!(back.timestamp().is_some(), "stamped with the current time");
/// # }
/// ```
impl IntoResponse for ServerError {
    fn into_response(self) -> Response {
        match self.timestamp() {
            Some(_) => send(&self),
            None => send(&self.with_timestamp_now()),
        }
    }
}

/// Answers with the code and its English text (see [`ServerError`]'s
/// `IntoResponse`), so a handler may fail with a bare code.
///
/// ```
/// use axum::response::IntoResponse;
/// use liveroom_errors::ErrorCode;
/// use liveroom_errors::api::Success;
///
/// async fn leave(in_room: bool) -> Result<Success<()>, ErrorCode> {
///     if !in_room {
///         return Err(ErrorCode::MemberNotInRoom);
///     }
///     Ok(Success::new(()))
/// }
/// assert_eq!(ErrorCode::RateLimited.into_response().status(), 200);
/// ```
impl IntoResponse for ErrorCode {
    fn into_response(self) -> Response {
        ServerError::from(self).into_response()
    }
}

/// Answers with `code` `0` and the payload's fields beside the envelope's
/// (see [`ServerError`]'s `IntoResponse` for the status, type and timestamp).
///
/// ```
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() {
/// use std::collections::BTreeMap;
/// use axum::response::IntoResponse;
/// use liveroom_errors::api::{self, Success};
///
/// let reply = Success::new(api::CreateRoomReply { room_id: "r1".into() }).with_timestamp(7);
/// let response = reply.into_response();
/// assert_eq!(response.headers()["content-type"], "application/json");
/// let body = axum::body::to_bytes(response.into_body(), usize::MAX).await.unwrap();
/// assert_eq!(body, r#"{"code":0,"message":"Success!","timestamp":7,"roomID":"r1"}"#);
///
/// let clash = Success::new(BTreeMap::from([("code", 1)])).into_response();
/// let body = axum::body::to_bytes(clash.into_body(), usize::MAX).await.unwrap();
/// assert!(body.starts_with(br#"{"code":207000,"message":"Other error: the reply could not be serialized"#));
/// # }
/// ```
impl<T: Serialize> IntoResponse for Success<T> {
    fn into_response(self) -> Response {
        match self.timestamp {
            Some(_) => send(&self),
            None => send(&self.with_timestamp_now()),
        }
    }
}
