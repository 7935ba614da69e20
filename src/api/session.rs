//! `login` and `logout` (docs/protocol.md §1, §2).

use alloc::string::String;

use serde::{Deserialize, Serialize};

/// The body of `login`: none. Its parameters are in the query ([`LoginQuery`](super::LoginQuery)).
///
/// The clients send three bodies that mean the same (docs/protocol.md §0.2, §17):
/// Android the empty string (with a JSON content type), iOS no body at all,
/// the mini-program `{}`. This type decodes from any object (its keys are
/// ignored) and is sent as `{}`. An empty body is no JSON, so a server treats
/// it as this value without decoding it.
///
/// ```
/// # #[cfg(feature = "json")] {
/// use liveroom_errors::api::LoginRequest;
///
/// assert_eq!(serde_json::from_str::<LoginRequest>(r#"{"x":1}"#).unwrap(), LoginRequest {});
/// assert_eq!(serde_json::to_string(&LoginRequest {}).unwrap(), "{}");
/// # }
/// ```
#[derive(Copy, Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct LoginRequest {}

/// The reply payload of `login`: the `token` for every later call, bound to `userID`
/// (docs/protocol.md §1). The reply's `timestamp` (server time, which clients use
/// for their clock skew) is part of the envelope.
///
/// Both fields are required: a success without them is no `login` reply.
/// Android and the mini-program adopt the `userID` sent back, so a server
/// echoes the one it was given (§1, §17).
///
/// ```
/// # #[cfg(feature = "json")] {
/// use liveroom_errors::api;
///
/// // The verbatim reply of docs/protocol.md §1.
/// let body = r#"{"code":0,"message":"Success!","timestamp":1565610959661,
///  "token":"c9527c191598662c6f392146f65ae520*1400047134","userID":"user_dda36c3f_7c91"}"#;
/// let reply = api::decode::<api::LoginReply>(body).unwrap();
/// assert_eq!(reply.timestamp, Some(1565610959661)); // the server's clock
/// assert_eq!(reply.payload.token, "c9527c191598662c6f392146f65ae520*1400047134");
/// # }
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct LoginReply {
    /// `userID`: the user the token is bound to.
    #[serde(rename = "userID")]
    pub user_id: String,
    /// `token`: the credential of every later call's query.
    pub token: String,
}

/// The body of `logout`: none, like [`LoginRequest`] (`""` from Android,
/// nothing from iOS, `{}` from the mini-program; docs/protocol.md §2).
#[derive(Copy, Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct LogoutRequest {}

envelope_only! {
    /// The reply payload of `logout`: no fields, the envelope only (docs/protocol.md §2).
    pub struct LogoutReply {}
}
