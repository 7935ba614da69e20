//! The request extractor [`RoomRequest<T>`], for every interface: the query
//! as the interface's query type, the body as its request type. It rejects
//! with a [`ServerError`], which answers as a RoomService body.

use ::axum::body::Bytes;
use ::axum::extract::rejection::{BytesRejection, FailedToBufferBody};
use ::axum::extract::{FromRequest, Request};
use ::axum::http::{Method, Uri};
use serde::de::{DeserializeOwned, IgnoredAny};

use super::{query, rejection};
use crate::ErrorCode;
use crate::api::Call;
use crate::api::ServerError;

/// One call of a RoomService interface, named by its request type `T`:
/// `POST /weapp/live_room/<interface>?<query>` with a JSON body. `query` is
/// [`AuthQuery`](crate::api::AuthQuery) (`userID`, `token`) for every
/// interface but `login`, whose query is [`LoginQuery`](crate::api::LoginQuery)
/// (`sdkAppID`, `userID`, `userSig`, …); `body` is `T`.
///
/// As an extractor it takes the last argument of a handler (it reads the body)
/// and rejects the request with a [`ServerError`] whose code the table names
/// (see [the module](super) for each case):
///
/// - not `POST`; a query key of the interface given twice or badly
///   percent-encoded; `userID` or `token` missing (every interface but
///   `login`); `userID` missing or empty (`login`); JSON that does not fit
///   `T`; a body over the [`DefaultBodyLimit`](::axum::extract::DefaultBodyLimit)
///   → 200100;
/// - `login` without `sdkAppID` (or without both) → 201001, without `userSig`
///   → 201002 (an empty value counts as none);
/// - a body that is not JSON → 200101.
///
/// The body is read as JSON whatever its `Content-Type`, and an empty body
/// (or one of only whitespace) as `{}`, because the official clients send
/// `login` and `logout` with an empty body, with none, or with `{}`. An empty
/// `token` (`?userID=u1&token=`) is passed on as it is: the handler answers it
/// like any unknown token (202001). The mini-program leaves `token` out while
/// it has none (docs/protocol.md §0.1): such a call is 200100, and only `login`,
/// which takes no token, is meant to come first. Whether `token` belongs to
/// `userID` is the handler's to check.
///
/// The body is read whole (up to the limit) before the request is judged, so
/// that a rejected client keeps its connection.
///
/// ```
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() {
/// use axum::extract::{FromRequest, Request};
/// use liveroom_errors::api;
/// use liveroom_errors::axum::RoomRequest;
///
/// // As Android sends it: nothing URL-encoded, a JSON content type with a charset.
/// let request = Request::post("/weapp/live_room/get_anchors?userID=u1&token=c9527c19*1400047134")
///     .header("content-type", "application/json; charset=utf-8")
///     .body(r#"{"roomID":"room_1"}"#.into())
///     .unwrap();
/// let call = RoomRequest::<api::GetAnchorsRequest>::from_request(request, &()).await.unwrap();
/// assert_eq!(call.query.user_id, "u1");
/// assert_eq!(call.query.token, "c9527c19*1400047134");
/// assert_eq!(call.body.room_id, "room_1");
///
/// // The mini-program's login: its own key order, `{}` as the body.
/// let request = Request::post(
///     "/weapp/live_room/login?accountType=0&sdkAppID=1400000000&userSig=S&platform=WeChat&userID=u1",
/// )
/// .body("{}".into())
/// .unwrap();
/// let login = RoomRequest::<api::LoginRequest>::from_request(request, &()).await.unwrap();
/// assert_eq!(login.query.sdk_app_id, "1400000000");
/// assert_eq!(login.query.platform.as_deref(), Some("WeChat"));
///
/// for (uri, body, code) in [
///     ("/weapp/live_room/get_anchors?userID=u1&token=t", "{\"roomID\":", 200101),
///     ("/weapp/live_room/get_anchors?userID=u1&token=a&token=b", "{}", 200100),
///     ("/weapp/live_room/get_anchors?userID=u1", "{}", 200100),
///     ("/weapp/live_room/get_anchors?userID=u1&token=t", r#"{"roomID":5}"#, 200100),
/// ] {
///     let request = Request::post(uri).body(body.into()).unwrap();
///     let rejected = RoomRequest::<api::GetAnchorsRequest>::from_request(request, &()).await.unwrap_err();
///     assert_eq!(rejected.code().value(), code, "{uri} {body}");
/// }
/// let request = Request::post("/weapp/live_room/login?sdkAppID=1400000000&userID=u1")
///     .body(axum::body::Body::empty())
///     .unwrap();
/// let rejected = RoomRequest::<api::LoginRequest>::from_request(request, &()).await.unwrap_err();
/// assert_eq!(rejected.code().value(), 201002);
/// # }
/// ```
pub struct RoomRequest<T: Call> {
    /// The query: [`AuthQuery`](crate::api::AuthQuery) (`userID`, `token`),
    /// or [`LoginQuery`](crate::api::LoginQuery) for `login`.
    pub query: T::Query,
    /// The JSON body.
    pub body: T,
}

impl<T: Call + Clone> Clone for RoomRequest<T>
where
    T::Query: Clone,
{
    fn clone(&self) -> Self {
        RoomRequest {
            query: self.query.clone(),
            body: self.body.clone(),
        }
    }
}

impl<T: Call + core::fmt::Debug> core::fmt::Debug for RoomRequest<T>
where
    T::Query: core::fmt::Debug,
{
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("RoomRequest")
            .field("query", &self.query)
            .field("body", &self.body)
            .finish()
    }
}

impl<S, T> FromRequest<S> for RoomRequest<T>
where
    S: Send + Sync,
    T: Call,
{
    type Rejection = ServerError;

    async fn from_request(request: Request, state: &S) -> Result<Self, ServerError> {
        let (method, uri, bytes) = read(request, state).await;
        require_post(&method)?;
        let query = query::read(uri.query().unwrap_or(""), T::INTERFACE)?;
        let body = from_json(&bytes?)?;
        Ok(RoomRequest { query, body })
    }
}

/// The request's method and URI, and its body read whole (up to the body
/// limit) before anything is judged: hyper closes a connection whose request
/// body was left unread, and a client that pooled it would lose its next request.
pub(super) async fn read<S: Send + Sync>(
    request: Request,
    state: &S,
) -> (Method, Uri, Result<Bytes, ServerError>) {
    let method = request.method().clone();
    let uri = request.uri().clone();
    let bytes = Bytes::from_request(request, state).await;
    (method, uri, bytes.map_err(unreadable))
}

fn require_post(method: &Method) -> Result<(), ServerError> {
    if method == Method::POST {
        Ok(())
    } else {
        Err(rejection(
            ErrorCode::MalformedRequest,
            format_args!("method {method}, but RoomService takes POST"),
        ))
    }
}

fn unreadable(rejection_: BytesRejection) -> ServerError {
    match rejection_ {
        BytesRejection::FailedToBufferBody(FailedToBufferBody::LengthLimitError(_)) => rejection(
            ErrorCode::MalformedRequest,
            format_args!("the body is larger than this service accepts"),
        ),
        // axum's text names its own internals; ours says what a client can fix.
        _ => rejection(
            ErrorCode::MalformedRequest,
            format_args!(
                "the body could not be read: cut short, or its chunked encoding is broken"
            ),
        ),
    }
}

/// `T` from a JSON body, which must be an object; an empty body reads as `{}`.
fn from_json<T: DeserializeOwned>(body: &[u8]) -> Result<T, ServerError> {
    let start = body
        .iter()
        .position(|b| !matches!(b, b' ' | b'\t' | b'\n' | b'\r'));
    let body = match start {
        None => b"{}".as_slice(),
        Some(_) => body,
    };
    // A derived struct would also take an array of its fields in order: a
    // request body is an object, as every client sends it.
    let object = start.is_none_or(|start| body[start] == b'{');
    let read = if object {
        serde_json::from_slice(body)
    } else {
        serde_json::from_slice::<IgnoredAny>(body).and_then(|_| {
            Err(serde::de::Error::custom(
                "the body is JSON, but not an object",
            ))
        })
    };
    read.map_err(|error| {
        // A wrong shape is only reported as such when the whole body is JSON:
        // serde stops at the first value that does not fit, before it would
        // find a syntax error further on.
        if error.is_data() && serde_json::from_slice::<IgnoredAny>(body).is_ok() {
            rejection(
                ErrorCode::MalformedRequest,
                format_args!("the body does not fit the interface: {error}"),
            )
        } else {
            rejection(ErrorCode::InvalidJsonBody, format_args!("{error}"))
        }
    })
}
