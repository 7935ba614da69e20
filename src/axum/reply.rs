//! `IntoResponse` for the reply types: HTTP 200, `Content-Type:
//! application/json`, one flat JSON object, stamped with the current time
//! unless the body already has a timestamp.
//!
//! The stamp is the one place the crate reads the clock on its own: the real
//! backend sends `timestamp` on every reply and clients use it to measure their
//! clock skew (interfaces.md §1), so a service should never send a reply
//! without it. A body that has a timestamp keeps it, which is how tests get
//! fixed bodies; `axum::Json(body)` sends a body exactly as it is.

use ::axum::body::Body;
use ::axum::http::header::{CONTENT_TYPE, HeaderValue};
use ::axum::response::{IntoResponse, Response};
use serde::Serialize;

use crate::ErrorCode;
use crate::wire::{ErrorBody, ServerError, SuccessBody};

/// A 200 answer with `json` as its body.
fn json(json: Vec<u8>) -> Response {
    let mut response = Response::new(Body::from(json));
    response
        .headers_mut()
        .insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    response
}

/// Serializes `body`, or answers 207000 if it cannot be serialized (a payload
/// that clashes with the envelope's keys, a map with non-string keys, a
/// payload's own `Serialize` error): a bug of the service, never a panic.
fn send<B: Serialize>(body: &B) -> Response {
    match serde_json::to_vec(body) {
        Ok(bytes) => json(bytes),
        Err(error) => {
            let message = format!(
                "{}: the reply could not be serialized: {error}",
                ErrorCode::OtherFailure.message_en()
            );
            ErrorBody::new(ErrorCode::OtherFailure, &message).into_response()
        }
    }
}

/// Answers like the real backend: HTTP 200 and the body as one JSON object,
/// with the current time as `timestamp` if it has none.
///
/// ```
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() {
/// use axum::response::IntoResponse;
/// use liveroom_errors::ErrorCode;
/// use liveroom_errors::wire::ErrorBody;
///
/// let response = ErrorBody::from(ErrorCode::MemberNotInRoom).with_timestamp(1).into_response();
/// assert_eq!(response.status(), 200);
/// assert_eq!(response.headers()["content-type"], "application/json");
/// let body = axum::body::to_bytes(response.into_body(), usize::MAX).await.unwrap();
/// assert_eq!(body, r#"{"code":203010,"message":"The member is not in the room","timestamp":1}"#);
/// # }
/// ```
impl IntoResponse for ErrorBody<'_> {
    fn into_response(self) -> Response {
        match self.timestamp() {
            Some(_) => send(&self),
            None => send(&self.with_timestamp_now()),
        }
    }
}

/// Answers with the code and the server's text, like [`ServerError::to_body`]
/// (see [`ErrorBody`]'s `IntoResponse`). This is what handlers return for a
/// failure, and what the extractors of this module reject requests with.
///
/// ```
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() {
/// use axum::response::IntoResponse;
/// use liveroom_errors::ErrorCode;
/// use liveroom_errors::wire::{self, ServerError};
///
/// let error = ServerError::new(ErrorCode::GetAcceleratedUrlFailed, "get push and acc url failed!");
/// let response = error.clone().into_response();
/// assert_eq!(response.status(), 200);
/// let body = axum::body::to_bytes(response.into_body(), usize::MAX).await.unwrap();
/// let back = wire::decode::<wire::Empty>(&body).unwrap_err().server_error().cloned().unwrap();
/// assert_eq!((back.code(), back.message()), (error.code(), error.message()));
/// assert!(back.timestamp().is_some(), "stamped with the current time");
/// # }
/// ```
impl IntoResponse for ServerError {
    fn into_response(self) -> Response {
        self.to_body().into_response()
    }
}

/// Answers with the code and its English text (see [`ErrorBody`]'s `IntoResponse`),
/// so a handler may fail with a bare code.
///
/// ```
/// use axum::response::IntoResponse;
/// use liveroom_errors::ErrorCode;
/// use liveroom_errors::wire::SuccessBody;
///
/// async fn leave(in_room: bool) -> Result<SuccessBody<liveroom_errors::wire::Empty>, ErrorCode> {
///     if !in_room {
///         return Err(ErrorCode::MemberNotInRoom);
///     }
///     Ok(SuccessBody::new(liveroom_errors::wire::Empty))
/// }
/// let response = ErrorCode::RateLimited.into_response();
/// assert_eq!(response.status(), 200);
/// ```
impl IntoResponse for ErrorCode {
    fn into_response(self) -> Response {
        ErrorBody::from(self).into_response()
    }
}

/// Answers with `code` `0` and the payload's fields beside the envelope's
/// (see [`ErrorBody`]'s `IntoResponse` for the status, type and timestamp).
///
/// A payload that cannot be serialized as a reply (one with a field named
/// `code`, `message`, `error` or `timestamp`, or that is no struct or map)
/// is a bug of the service: the answer is then a 207000 `OtherFailure` body
/// that says why, never a panic and never a half-written success.
///
/// ```
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() {
/// use std::collections::BTreeMap;
/// use axum::response::IntoResponse;
/// use liveroom_errors::wire::SuccessBody;
///
/// #[derive(serde::Serialize)]
/// struct Created {
///     #[serde(rename = "roomID")]
///     room_id: &'static str,
/// }
///
/// let response = SuccessBody::new(Created { room_id: "r1" }).with_timestamp(7).into_response();
/// assert_eq!(response.headers()["content-type"], "application/json");
/// let body = axum::body::to_bytes(response.into_body(), usize::MAX).await.unwrap();
/// assert_eq!(body, r#"{"code":0,"message":"Success!","timestamp":7,"roomID":"r1"}"#);
///
/// let clash = SuccessBody::new(BTreeMap::from([("code", 1)])).into_response();
/// let body = axum::body::to_bytes(clash.into_body(), usize::MAX).await.unwrap();
/// assert!(body.starts_with(br#"{"code":207000,"message":"Other error: the reply could not be serialized"#));
/// # }
/// ```
impl<T: Serialize> IntoResponse for SuccessBody<T> {
    fn into_response(self) -> Response {
        match self.timestamp() {
            Some(_) => send(&self),
            None => send(&self.with_timestamp_now()),
        }
    }
}
