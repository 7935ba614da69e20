//! Viewers: `add_audience`, `delete_audience`, `get_audiences` (docs/protocol.md §11–§13).

use alloc::string::String;
use alloc::vec::Vec;

use serde::{Deserialize, Serialize};

use super::{Audience, nullable};

/// The body of `add_audience`: a CDN viewer joins the room's audience list
/// (docs/protocol.md §11).
///
/// ```
/// # #[cfg(feature = "json")] {
/// use liveroom_errors::api::AddAudienceRequest;
///
/// // iOS pretty-prints `userInfo`: it is kept as sent.
/// let request: AddAudienceRequest = serde_json::from_str(
///     r#"{"roomID":"room_1","userID":"v1","userInfo":"{\n  \"userName\" : \"Viewer\"\n}"}"#,
/// ).unwrap();
/// assert_eq!(request.user_info, "{\n  \"userName\" : \"Viewer\"\n}");
/// # }
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct AddAudienceRequest {
    /// `roomID`: the room watched.
    #[serde(rename = "roomID", default, deserialize_with = "nullable")]
    pub room_id: String,
    /// `userID`: the viewer.
    #[serde(rename = "userID", default, deserialize_with = "nullable")]
    pub user_id: String,
    /// `userInfo`: JSON text `{"userName":…,"userAvatar":…}`, compact from
    /// Android and the mini-program, pretty-printed from iOS; store it
    /// opaque (§17). Android sends `""` when it cannot build it.
    #[serde(rename = "userInfo", default, deserialize_with = "nullable")]
    pub user_info: String,
}

envelope_only! {
    /// The reply payload of `add_audience`: no fields, the envelope only (docs/protocol.md §11).
    pub struct AddAudienceReply {}
}

/// The body of `delete_audience`: `{"roomID", "userID"}` (docs/protocol.md §12).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct DeleteAudienceRequest {
    /// `roomID`: the room left.
    #[serde(rename = "roomID", default, deserialize_with = "nullable")]
    pub room_id: String,
    /// `userID`: the viewer.
    #[serde(rename = "userID", default, deserialize_with = "nullable")]
    pub user_id: String,
}

envelope_only! {
    /// The reply payload of `delete_audience`: no fields, the envelope only (docs/protocol.md §12).
    pub struct DeleteAudienceReply {}
}

/// The body of `get_audiences`: `{"roomID"}` (docs/protocol.md §13). No
/// official client calls it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct GetAudiencesRequest {
    /// `roomID`: the room asked about.
    #[serde(rename = "roomID", default, deserialize_with = "nullable")]
    pub room_id: String,
}

/// The reply payload of `get_audiences` (docs/protocol.md §13, from Android's
/// model and the v1 server: not established for the hosted service).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct GetAudiencesReply {
    /// `audiences`: the listed viewers (Android notes a cap of 30).
    pub audiences: Vec<Audience>,
    /// `audienceCount`: all viewers, beyond the list's cap too (v1; inferred
    /// for v2); not sent when `None`.
    #[serde(rename = "audienceCount", skip_serializing_if = "Option::is_none")]
    pub audience_count: Option<u32>,
}
