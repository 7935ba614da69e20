//! Viewers: `add_audience`, `delete_audience`, `get_audiences` (interfaces.md §11–§13).

use alloc::string::String;
use alloc::vec::Vec;

use super::Audience;

wire_object! {
    /// The body of `add_audience`: a CDN viewer joins the room's audience list
    /// (interfaces.md §11).
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
    #[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
    pub struct AddAudienceRequest {
        /// `roomID`: the room watched.
        pub room_id: String = "roomID" (default),
        /// `userID`: the viewer.
        pub user_id: String = "userID" (default),
        /// `userInfo`: JSON text `{"userName":…,"userAvatar":…}`, compact from
        /// Android and the mini-program, pretty-printed from iOS; store it
        /// opaque (§17). Android sends `""` when it cannot build it.
        pub user_info: String = "userInfo" (default),
    }
}

empty_reply! {
    /// The reply payload of `add_audience`: the envelope only (interfaces.md §11).
    ///
    /// Its own type rather than [`wire::Empty`](crate::wire::Empty), so that the
    /// reply names its interface and [`decode`](super::decode) gives its error
    /// type; it decodes and is written exactly like `Empty`.
    ///
    /// ```
    /// # #[cfg(feature = "json")] {
    /// use liveroom_errors::api;
    ///
    /// let body = r#"{"code":0,"message":"Success!","timestamp":1700000000000}"#;
    /// assert_eq!(api::decode::<api::AddAudienceReply>(body).unwrap(), api::AddAudienceReply);
    /// assert_eq!(serde_json::to_string(&api::AddAudienceReply).unwrap(), "{}");
    /// # }
    /// ```
    AddAudienceReply
}

wire_object! {
    /// The body of `delete_audience`: `{"roomID", "userID"}` (interfaces.md §12).
    ///
    /// ```
    /// # #[cfg(feature = "json")] {
    /// use liveroom_errors::api::DeleteAudienceRequest;
    ///
    /// let request: DeleteAudienceRequest = serde_json::from_str(r#"{"roomID":"room_1","userID":"v1"}"#).unwrap();
    /// assert_eq!(request.room_id, "room_1");
    /// # }
    /// ```
    #[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
    pub struct DeleteAudienceRequest {
        /// `roomID`: the room left.
        pub room_id: String = "roomID" (default),
        /// `userID`: the viewer.
        pub user_id: String = "userID" (default),
    }
}

empty_reply! {
    /// The reply payload of `delete_audience`: the envelope only (interfaces.md §12).
    ///
    /// Its own type rather than [`wire::Empty`](crate::wire::Empty), so that the
    /// reply names its interface and [`decode`](super::decode) gives its error
    /// type; it decodes and is written exactly like `Empty`.
    ///
    /// ```
    /// # #[cfg(feature = "json")] {
    /// use liveroom_errors::api;
    ///
    /// let body = r#"{"code":0,"message":"Success!","timestamp":1700000000000}"#;
    /// assert_eq!(api::decode::<api::DeleteAudienceReply>(body).unwrap(), api::DeleteAudienceReply);
    /// assert_eq!(serde_json::to_string(&api::DeleteAudienceReply).unwrap(), "{}");
    /// # }
    /// ```
    DeleteAudienceReply
}

wire_object! {
    /// The body of `get_audiences`: `{"roomID"}` (interfaces.md §13). No
    /// official client calls it.
    ///
    /// ```
    /// # #[cfg(feature = "json")] {
    /// use liveroom_errors::api::GetAudiencesRequest;
    ///
    /// let request: GetAudiencesRequest = serde_json::from_str(r#"{"roomID":"room_1"}"#).unwrap();
    /// assert_eq!(request.room_id, "room_1");
    /// # }
    /// ```
    #[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
    pub struct GetAudiencesRequest {
        /// `roomID`: the room asked about.
        pub room_id: String = "roomID" (default),
    }
}

wire_object! {
    /// The reply payload of `get_audiences` (interfaces.md §13, from Android's
    /// model and the v1 server: not established for the hosted service).
    ///
    /// ```
    /// # #[cfg(feature = "json")] {
    /// use liveroom_errors::{api, wire};
    ///
    /// // Assembled from the §13 table (no sample reply exists).
    /// let body = r#"{"code":0,"message":"Success!","timestamp":1700000000000,"audienceCount":1,
    ///  "audiences":[{"userID":"v1","userInfo":"{\"userName\":\"Viewer\"}"}]}"#;
    /// let list = wire::from_str::<api::GetAudiencesReply>(body).unwrap().into_result().unwrap();
    /// assert_eq!(list.audiences[0].user_id, "v1");
    /// assert_eq!(list.audience_count, Some(1));
    /// # }
    /// ```
    #[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
    pub struct GetAudiencesReply {
        /// `audiences`: the listed viewers (Android notes a cap of 30).
        pub audiences: Vec<Audience> = "audiences" (required),
        /// `audienceCount`: all viewers, beyond the list's cap too (v1; inferred
        /// for v2); not sent when `None`.
        pub audience_count: Option<u32> = "audienceCount" (optional),
    }
}
