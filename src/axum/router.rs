//! What a router answers for requests no handler takes: an unknown path, a
//! wrong method, a rejection of axum's own or a middleware's. Each becomes a
//! RoomService body, so a client never meets an empty or `text/plain` answer.

use ::axum::Router;
use ::axum::extract::Request;
use ::axum::middleware::map_response;
use ::axum::response::{IntoResponse, Response};

use super::rejection;
use super::request::read;
use crate::api::ServerError;
use crate::{ErrorCode, Interface};

/// The fallback for a path that is no interface: 207005 `UnsupportedAction`
/// ("不支持的用户操作"), naming the path; or, for an interface under another
/// room type than `live_room` (`/weapp/multi_room/get_anchors`, a room type
/// the v1 servers served), 207006 `UnsupportedRoomType` ("不支持的房间类型").
///
/// The body is read (up to the body limit) and dropped, so that the client
/// keeps its connection. [`RoomServiceExt::with_room_service_errors`]
/// installs it; on its own it is `router.fallback(unknown_interface)`.
///
/// ```
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() {
/// use axum::extract::Request;
/// use liveroom_errors::ErrorCode;
/// use liveroom_errors::axum::unknown_interface;
///
/// let request = Request::post("/weapp/live_room/kick_everyone?userID=u&token=t")
///     .body(r#"{"roomID":"r1"}"#.into())
///     .unwrap();
/// let error = unknown_interface(request).await;
/// assert_eq!(error.code().known(), Some(ErrorCode::UnsupportedAction));
/// assert_eq!(error.message(), "Unsupported user operation: no interface at /weapp/live_room/kick_everyone");
///
/// let request = Request::post("/weapp/multi_room/get_anchors").body("{}".into()).unwrap();
/// let error = unknown_interface(request).await;
/// assert_eq!(error.code().known(), Some(ErrorCode::UnsupportedRoomType));
/// # }
/// ```
pub async fn unknown_interface(request: Request) -> ServerError {
    let (_, uri, _) = read(request, &()).await;
    let path = uri.path();
    match other_room_type(path) {
        Some(room_type) => rejection(
            ErrorCode::UnsupportedRoomType,
            format_args!("room type `{room_type}` at {path}; this service serves live_room"),
        ),
        None => match crate::Interface::from_path(path) {
            // A real interface this service does not route.
            Some(interface) => rejection(
                ErrorCode::UnsupportedAction,
                format_args!("this service does not serve {interface}"),
            ),
            None => rejection(
                ErrorCode::UnsupportedAction,
                format_args!("no interface at {path}"),
            ),
        },
    }
}

/// The room type of `path` if it is `/weapp/<room type>/<interface>` with
/// another room type than the service's own.
fn other_room_type(path: &str) -> Option<&str> {
    let (prefix, own) = crate::vocabulary::BASE_PATH.rsplit_once('/')?;
    let rest = path.strip_prefix(prefix)?.strip_prefix('/')?;
    let (room_type, name) = rest.split_once('/')?;
    let other = !room_type.is_empty() && room_type != own;
    (other && Interface::from_name(name).is_some()).then_some(room_type)
}

/// The fallback for a known path called with another method than `POST`:
/// 200100 `MalformedRequest` ("HTTP 方法错误": a wrong HTTP method).
///
/// The body is read (up to the body limit) and dropped, as by
/// [`unknown_interface`]. [`RoomServiceExt::with_room_service_errors`]
/// installs it; on its own it is `router.method_not_allowed_fallback(wrong_method)`,
/// after the routes.
///
/// ```
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() {
/// use axum::extract::Request;
/// use liveroom_errors::axum::wrong_method;
///
/// let request = Request::get("/weapp/live_room/login").body(axum::body::Body::empty()).unwrap();
/// let error = wrong_method(request).await;
/// assert_eq!(error.code().value(), 200100);
/// assert!(error.message().ends_with("method GET, but RoomService takes POST"));
/// # }
/// ```
pub async fn wrong_method(request: Request) -> ServerError {
    let (method, _, _) = read(request, &()).await;
    rejection(
        ErrorCode::MalformedRequest,
        format_args!("method {method}, but RoomService takes POST"),
    )
}

/// Replaces an answer whose status is a client or server error (4xx, 5xx) by
/// the RoomService body for it, and leaves every other answer alone. For
/// [`axum::middleware::map_response`](::axum::middleware::map_response).
///
/// Such answers come from axum's own extractors (`Json`, `Query`, a
/// [`DefaultBodyLimit`](::axum::extract::DefaultBodyLimit) for extractors
/// other than this module's), from middleware (a timeout, a body limit layer)
/// or from a handler's `StatusCode`. The code is picked by the status alone:
///
/// | status | code |
/// |---|---|
/// | 404 | 207005 `UnsupportedAction` |
/// | 5xx | 207000 `OtherFailure` |
/// | any other 4xx (400, 405, 408, 413, 415, 422, …) | 200100 `MalformedRequest` |
///
/// The text names the status; the original body and headers are dropped.
///
/// ```
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() {
/// use axum::http::StatusCode;
/// use axum::response::IntoResponse;
/// use liveroom_errors::axum::replace_failure;
///
/// let response = replace_failure(StatusCode::PAYLOAD_TOO_LARGE.into_response()).await;
/// assert_eq!(response.status(), StatusCode::OK);
/// assert_eq!(response.headers()["content-type"], "application/json");
/// let body = axum::body::to_bytes(response.into_body(), usize::MAX).await.unwrap();
/// assert!(body.starts_with(br#"{"code":200100,"message":"Malformed request: wrong HTTP method or invalid parameters: HTTP 413 Payload Too Large"#));
///
/// let fine = replace_failure(StatusCode::NO_CONTENT.into_response()).await;
/// assert_eq!(fine.status(), StatusCode::NO_CONTENT);
/// # }
/// ```
pub async fn replace_failure(response: Response) -> Response {
    let status = response.status();
    let code = if status.is_server_error() {
        ErrorCode::OtherFailure
    } else if status == 404 {
        ErrorCode::UnsupportedAction
    } else if status.is_client_error() {
        ErrorCode::MalformedRequest
    } else {
        return response;
    };
    rejection(code, format_args!("HTTP {status}")).into_response()
}

/// Finishes a [`Router`] as a RoomService: every answer is a RoomService body.
///
/// ```
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() {
/// use axum::Router;
/// use axum::body::Body;
/// use axum::http::Request;
/// use axum::routing::post;
/// use liveroom_errors::Interface;
/// use liveroom_errors::api::{self, Success};
/// use liveroom_errors::axum::{RoomRequest, RoomServiceExt};
/// use tower::ServiceExt;
///
/// async fn login(req: RoomRequest<api::LoginRequest>) -> Success<api::LoginReply> {
///     let token = format!("token-{}", req.query.user_id);
///     Success::new(api::LoginReply { user_id: req.query.user_id, token })
/// }
/// let app: Router = Router::new()
///     .route(Interface::Login.path(), post(login))
///     .with_room_service_errors();
///
/// for (method, uri, code) in [
///     ("POST", "/weapp/live_room/login?sdkAppID=1&userID=u&userSig=s", 0),
///     ("GET", "/weapp/live_room/login?sdkAppID=1&userID=u&userSig=s", 200100),
///     ("POST", "/weapp/live_room/no_such_interface", 207005),
///     ("POST", "/weapp/double_room/login", 207006),
/// ] {
///     let request = Request::builder().method(method).uri(uri).body(Body::empty()).unwrap();
///     let response = app.clone().oneshot(request).await.unwrap();
///     assert_eq!(response.status(), 200);
///     let body = axum::body::to_bytes(response.into_body(), usize::MAX).await.unwrap();
///     let code_sent = match api::decode::<()>(&body) {
///         Ok(_) => 0,
///         Err(err) => err.into_server().unwrap().code().value(),
///     };
///     assert_eq!(code_sent, code);
/// }
/// # }
/// ```
pub trait RoomServiceExt {
    /// Unknown paths answer [`unknown_interface`] (207005 or 207006), known paths
    /// called with a wrong method [`wrong_method`] (200100), and every 4xx
    /// or 5xx answer of the router is [replaced](replace_failure) by a
    /// RoomService body.
    ///
    /// Call it after the last route, like axum's own
    /// `method_not_allowed_fallback` and `layer`, which only reach the routes
    /// added before them; it replaces any fallback set before. Layers added
    /// after it wrap it, so their own 4xx answers (a body limit layer, a
    /// timeout) are not replaced: add those before, or wrap the whole service
    /// in `map_response(replace_failure)`.
    fn with_room_service_errors(self) -> Self;
}

impl<S: Clone + Send + Sync + 'static> RoomServiceExt for Router<S> {
    fn with_room_service_errors(self) -> Self {
        self.fallback(unknown_interface)
            .method_not_allowed_fallback(wrong_method)
            .layer(map_response(replace_failure))
    }
}
