//! The request extractors: [`RoomRequest<T>`] for every interface but `login`,
//! [`Login`] for `login`. Both reject with a [`ServerError`], which answers as
//! a RoomService body.

use ::axum::body::Bytes;
use ::axum::extract::rejection::{BytesRejection, FailedToBufferBody};
use ::axum::extract::{FromRequest, Request};
use ::axum::http::{Method, Uri};
use serde::de::{DeserializeOwned, IgnoredAny};

use super::{query, rejection};
use crate::ErrorCode;
use crate::wire::ServerError;

/// One call of a RoomService interface other than `login`:
/// `POST /weapp/live_room/<interface>?userID=…&token=…` with a JSON body.
///
/// As an extractor it takes the last argument of a handler (it reads the body)
/// and rejects the request with a [`ServerError`] whose code the table names
/// (see [the module](super) for each case): not `POST`, or `userID`/`token`
/// missing, repeated or badly percent-encoded → 200100; a body that is not
/// JSON → 200101; JSON that does not fit `T` → 200100; a body over the
/// [`DefaultBodyLimit`](::axum::extract::DefaultBodyLimit) → 200100.
///
/// The body is read as JSON whatever its `Content-Type`, and an empty body
/// (or one of only whitespace) as `{}`, because the official clients send
/// `logout` with an empty body, with none, or with `{}`. Use
/// [`wire::Empty`](crate::wire::Empty) for an interface without a body. An
/// empty `token` or `userID` (`?userID=&token=`) is passed on as it is: the
/// handler answers it like any unknown token (202001). The mini-program
/// leaves `token` out while it has none (interfaces.md §0.1): such a call is
/// 200100, and only `login`, which takes no token, is meant to come first.
///
/// The body is read whole (up to the limit) before the request is judged, so
/// that a rejected client keeps its connection. Whether `token` belongs to
/// `user_id` is the handler's to check.
///
/// ```
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() {
/// use axum::extract::{FromRequest, Request};
/// use liveroom_errors::axum::RoomRequest;
///
/// #[derive(Debug, serde::Deserialize)]
/// struct GetAnchors {
///     #[serde(rename = "roomID")]
///     room_id: String,
/// }
///
/// // As Android sends it: nothing URL-encoded, a JSON content type with a charset.
/// let request = Request::post("/weapp/live_room/get_anchors?userID=u1&token=c9527c19*1400047134")
///     .header("content-type", "application/json; charset=utf-8")
///     .body(r#"{"roomID":"room_1"}"#.into())
///     .unwrap();
/// let call = RoomRequest::<GetAnchors>::from_request(request, &()).await.unwrap();
/// assert_eq!((call.user_id.as_str(), call.token.as_str()), ("u1", "c9527c19*1400047134"));
/// assert_eq!(call.body.room_id, "room_1");
///
/// let broken = Request::post("/weapp/live_room/get_anchors?userID=u1&token=t")
///     .body("{\"roomID\":".into())
///     .unwrap();
/// let rejected = RoomRequest::<GetAnchors>::from_request(broken, &()).await.unwrap_err();
/// assert_eq!(rejected.code().value(), 200101);
///
/// let twice = Request::post("/weapp/live_room/get_anchors?userID=u1&token=a&token=b")
///     .body(r#"{"roomID":"room_1"}"#.into())
///     .unwrap();
/// let rejected = RoomRequest::<GetAnchors>::from_request(twice, &()).await.unwrap_err();
/// assert_eq!(rejected.code().value(), 200100);
/// # }
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct RoomRequest<T> {
    /// `userID` of the query: the caller, as bound to its token at `login`.
    pub user_id: String,
    /// `token` of the query: the credential `login` returned.
    pub token: String,
    /// The JSON body.
    pub body: T,
}

impl<S, T> FromRequest<S> for RoomRequest<T>
where
    S: Send + Sync,
    T: DeserializeOwned,
{
    type Rejection = ServerError;

    async fn from_request(request: Request, state: &S) -> Result<Self, ServerError> {
        let (method, uri, bytes) = read(request, state).await;
        require_post(&method)?;
        let [user_id, token] = query::parse(uri.query().unwrap_or(""), ["userID", "token"])?;
        let user_id = user_id.ok_or_else(|| missing("userID"))?;
        let token = token.ok_or_else(|| missing("token"))?;
        let body = from_json(&bytes?)?;
        Ok(RoomRequest {
            user_id,
            token,
            body,
        })
    }
}

/// A `login` call: `POST /weapp/live_room/login?sdkAppID=…&userID=…&userSig=…`,
/// with the optional `platform`, `accountType` and `token` some clients add
/// (interfaces.md §1).
///
/// Like [`RoomRequest`] it takes the last argument of a handler, but its body
/// is read only to be dropped: Android sends `""`, iOS nothing and the
/// mini-program `{}`, and none of them means anything. The extractor rejects
/// the request with a [`ServerError`]: not `POST`, a known key given twice, a
/// bad percent-encoding, no `userID`, or a body over the limit → 200100; no
/// `sdkAppID` or no `userSig` → 201001 `MissingLoginCredentials`, the table's
/// code for a login "without sdk_appid or user_sig" (201002, "缺少 user_sig",
/// is left alone: the SDKs name it `ERROR_CODE_NO_USERID`, so its meaning is in
/// dispute). An empty value counts as none for these three keys. Checking the
/// credentials (202001 for a bad `userSig`, 202005 for an unknown `sdkAppID`)
/// is the handler's work.
///
/// ```
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() {
/// use axum::extract::{FromRequest, Request};
/// use liveroom_errors::axum::Login;
///
/// // The mini-program's query, in its order.
/// let request = Request::post(
///     "/weapp/live_room/login?accountType=0&sdkAppID=1400000000&userSig=S&platform=WeChat&userID=u1",
/// )
/// .body("{}".into())
/// .unwrap();
/// let login = Login::from_request(request, &()).await.unwrap();
/// assert_eq!(login.sdk_app_id, "1400000000");
/// assert_eq!(login.user_id, "u1");
/// assert_eq!(login.platform.as_deref(), Some("WeChat"));
/// assert_eq!(login.account_type.as_deref(), Some("0"));
///
/// let request = Request::post("/weapp/live_room/login?sdkAppID=1400000000&userID=u1")
///     .body(axum::body::Body::empty())
///     .unwrap();
/// let rejected = Login::from_request(request, &()).await.unwrap_err();
/// assert_eq!(rejected.code().value(), 201001);
/// # }
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Login {
    /// `sdkAppID`: the IM SDKAppID, a decimal string such as `"1400000000"`.
    pub sdk_app_id: String,
    /// `userID`: the user logging in.
    pub user_id: String,
    /// `userSig`: the IM UserSig.
    pub user_sig: String,
    /// `platform`: `"Android"`, `"iOS"` or `"WeChat"`; not every client sends it.
    pub platform: Option<String>,
    /// `accountType`: only the mini-program sends it (`"0"`).
    pub account_type: Option<String>,
    /// `token`: only the mini-program sends it, while it still holds an older token.
    pub token: Option<String>,
}

impl<S: Send + Sync> FromRequest<S> for Login {
    type Rejection = ServerError;

    async fn from_request(request: Request, state: &S) -> Result<Self, ServerError> {
        let (method, uri, bytes) = read(request, state).await;
        bytes?;
        require_post(&method)?;
        let [sdk_app_id, user_id, user_sig, platform, account_type, token] = query::parse(
            uri.query().unwrap_or(""),
            [
                "sdkAppID",
                "userID",
                "userSig",
                "platform",
                "accountType",
                "token",
            ],
        )?;
        let given = |value: Option<String>| value.filter(|value| !value.is_empty());
        let credential = |value: Option<String>, key: &str| {
            given(value).ok_or_else(|| {
                rejection(
                    ErrorCode::MissingLoginCredentials,
                    format_args!("no `{key}` in the query"),
                )
            })
        };
        Ok(Login {
            sdk_app_id: credential(sdk_app_id, "sdkAppID")?,
            user_id: given(user_id).ok_or_else(|| missing("userID"))?,
            user_sig: credential(user_sig, "userSig")?,
            platform,
            account_type,
            token,
        })
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

fn missing(key: &str) -> ServerError {
    rejection(
        ErrorCode::MalformedRequest,
        format_args!("no `{key}` in the query"),
    )
}

fn unreadable(rejection_: BytesRejection) -> ServerError {
    match rejection_ {
        BytesRejection::FailedToBufferBody(FailedToBufferBody::LengthLimitError(_)) => rejection(
            ErrorCode::MalformedRequest,
            format_args!("the body is larger than this service accepts"),
        ),
        other => rejection(
            ErrorCode::MalformedRequest,
            format_args!("the body could not be read: {}", other.body_text()),
        ),
    }
}

/// `T` from a JSON body; an empty body reads as `{}`.
fn from_json<T: DeserializeOwned>(body: &[u8]) -> Result<T, ServerError> {
    let blank = body
        .iter()
        .all(|byte| matches!(byte, b' ' | b'\t' | b'\n' | b'\r'));
    let body = if blank { b"{}".as_slice() } else { body };
    serde_json::from_slice(body).map_err(|error| {
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

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use serde_json::{Value, json};

    use super::*;

    #[derive(Debug, serde::Deserialize)]
    struct Room {
        #[serde(rename = "roomID", default)]
        room_id: String,
    }

    fn code(body: &[u8]) -> i64 {
        match from_json::<Room>(body) {
            Ok(_) => 0,
            Err(error) => error.code().value(),
        }
    }

    #[test]
    fn blank_bodies_read_as_an_empty_object() {
        for body in ["", " ", "\r\n", "\t \n"] {
            assert_eq!(from_json::<Room>(body.as_bytes()).unwrap().room_id, "");
        }
        assert_eq!(code(b"\x0c"), 200101, "a form feed is no JSON whitespace");
    }

    fn json_value() -> impl Strategy<Value = Value> {
        prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::from),
            any::<i64>().prop_map(Value::from),
            any::<f64>()
                .prop_filter("finite", |x| x.is_finite())
                .prop_map(Value::from),
            ".{0,8}".prop_map(Value::from),
            Just(json!([1, "a"])),
            Just(json!({"nested": true})),
        ]
    }

    proptest! {
        /// Whole bodies: a string `roomID` fits, any other type is the wrong
        /// shape (200100); every proper prefix that is not blank is no JSON
        /// (200101), wherever the cut falls and whatever the shape.
        #[test]
        fn wrong_shape_and_broken_syntax_get_their_own_codes(
            room in json_value(),
            extra in prop::collection::btree_map("[a-z]{1,6}", json_value(), 0..4),
            room_first in any::<bool>(),
            cut in any::<prop::sample::Index>(),
        ) {
            let mut fields: Vec<String> = extra
                .iter()
                .filter(|(key, _)| key.as_str() != "roomID")
                .map(|(key, value)| format!("{}:{value}", Value::from(key.as_str())))
                .collect();
            let room_field = format!("\"roomID\":{room}");
            if room_first { fields.insert(0, room_field) } else { fields.push(room_field) }
            let body = format!("{{{}}}", fields.join(","));
            let expected = if room.is_string() { 0 } else { 200100 };
            prop_assert_eq!(code(body.as_bytes()), expected, "{}", body);

            let cut = 1 + cut.index(body.len() - 1);
            if let Some(prefix) = body.get(..cut) {
                prop_assert_eq!(code(prefix.as_bytes()), 200101, "{}", prefix);
            }
        }
    }
}
