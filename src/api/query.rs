//! The query strings: `login`'s credentials, and `userID`/`token` on every
//! other interface (docs/protocol.md §0.1, §1).

use alloc::string::String;

use serde::{Deserialize, Serialize};

use super::nullable;

/// The query of `login`: `?sdkAppID=…&userID=…&userSig=…[&platform=…][&accountType=…][&token=…]`
/// (docs/protocol.md §1). `login` is the only interface without a `token` to show.
///
/// The three official clients disagree on the extras: Android sends
/// `platform=Android`, iOS `platform=iOS`, the mini-program
/// `accountType=0&platform=WeChat` and its old `token` if it still has one
/// (§17: "treat as optional"), so those are `Option`s.
///
/// An absent `sdkAppID`, `userID` or `userSig` decodes as empty, for a
/// server to answer with the table's code (201001, 201002).
///
/// ```
/// # #[cfg(feature = "json")] {
/// use liveroom_errors::api::LoginQuery;
///
/// // Android's `?sdkAppID=1400000000&userID=u1&userSig=S&platform=Android`, as a map.
/// let query: LoginQuery = serde_json::from_str(
///     r#"{"sdkAppID":"1400000000","userID":"u1","userSig":"S","platform":"Android"}"#,
/// ).unwrap();
/// assert_eq!(query.sdk_app_id, "1400000000");
/// assert_eq!((query.platform.as_deref(), query.account_type), (Some("Android"), None));
/// # }
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct LoginQuery {
    /// `sdkAppID`: the IM SDKAppID, a decimal string such as `"1400000000"`
    /// (kept as text: a server validates it, and 201001 names its absence).
    #[serde(rename = "sdkAppID", default, deserialize_with = "nullable")]
    pub sdk_app_id: String,
    /// `userID`: the user logging in.
    #[serde(rename = "userID", default, deserialize_with = "nullable")]
    pub user_id: String,
    /// `userSig`: the IM UserSig.
    #[serde(rename = "userSig", default, deserialize_with = "nullable")]
    pub user_sig: String,
    /// `platform`: `"Android"`, `"iOS"` or `"WeChat"`; not sent by every client.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub platform: Option<String>,
    /// `accountType`: only the mini-program sends it (`"0"`).
    #[serde(rename = "accountType", skip_serializing_if = "Option::is_none")]
    pub account_type: Option<String>,
    /// `token`: only the mini-program sends it, while an older token is still set.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub token: Option<String>,
}

/// The query of every interface but `login`: `?userID=…&token=…`
/// (docs/protocol.md §0.1).
///
/// The mini-program leaves `token` out while it has none (§0.1): an absent
/// `token` (or `userID`) decodes as an empty string, so that decoding never
/// fails on it; a server decides (the `axum` extractor refuses a missing one
/// with 200100 and passes an empty one on, which liveroom-server answers
/// with 202001). None of the clients URL-encodes either value.
///
/// ```
/// # #[cfg(feature = "json")] {
/// use liveroom_errors::api::AuthQuery;
///
/// let query = AuthQuery { user_id: "u1".into(), token: "c9527c19*1400047134".into() };
/// assert_eq!(
///     serde_json::to_string(&query).unwrap(),
///     r#"{"userID":"u1","token":"c9527c19*1400047134"}"#
/// );
/// let query: AuthQuery = serde_json::from_str(r#"{"userID":"u1"}"#).unwrap();
/// assert_eq!(query.token, "");
/// # }
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct AuthQuery {
    /// `userID`: the caller, as bound to the token at `login`.
    #[serde(rename = "userID", default, deserialize_with = "nullable")]
    pub user_id: String,
    /// `token`: the credential `login` returned.
    #[serde(default, deserialize_with = "nullable")]
    pub token: String,
}
