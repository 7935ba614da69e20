//! The query strings: `login`'s credentials, and `userID`/`token` on every
//! other interface (interfaces.md §0.1, §1).

use alloc::string::String;

wire_object! {
    /// The query of `login`: `?sdkAppID=…&userID=…&userSig=…[&platform=…][&accountType=…][&token=…]`
    /// (interfaces.md §1). `login` is the only interface without a `token` to show.
    ///
    /// The three official clients disagree on the extras: Android sends
    /// `platform=Android`, iOS `platform=iOS`, the mini-program
    /// `accountType=0&platform=WeChat` and its old `token` if it still has one
    /// (§17: "treat as optional"), so those are `Option`s.
    ///
    /// An absent `sdkAppID`, `userID` or `userSig` decodes as an empty string,
    /// so that a server can answer with the table's code (201001, 201002)
    /// instead of failing the request as unreadable.
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
    /// assert_eq!(query.user_sig, "S");
    /// assert_eq!(query.platform.as_deref(), Some("Android"));
    /// assert_eq!(query.account_type, None);
    /// # }
    /// ```
    #[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
    pub struct LoginQuery {
        /// `sdkAppID`: the IM SDKAppID, a decimal string such as `"1400000000"`
        /// (kept as text: a server validates it, and 201001 names its absence).
        pub sdk_app_id: String = "sdkAppID" (default),
        /// `userID`: the user logging in.
        pub user_id: String = "userID" (default),
        /// `userSig`: the IM UserSig.
        pub user_sig: String = "userSig" (default),
        /// `platform`: `"Android"`, `"iOS"` or `"WeChat"`; not sent by every client.
        pub platform: Option<String> = "platform" (optional),
        /// `accountType`: only the mini-program sends it (`"0"`).
        pub account_type: Option<String> = "accountType" (optional),
        /// `token`: only the mini-program sends it, while an older token is still set.
        pub token: Option<String> = "token" (optional),
    }
}

wire_object! {
    /// The query of every interface but `login`: `?userID=…&token=…`
    /// (interfaces.md §0.1).
    ///
    /// The mini-program leaves `token` out while it has none (§0.1): an absent
    /// `token` (or `userID`) decodes as an empty string, so that decoding never
    /// fails on it; a server decides (the `axum` extractor refuses a missing one
    /// with 200100 and passes an empty one on, which the example server answers
    /// with 202001). None of the
    /// clients URL-encodes either value.
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
    #[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
    pub struct AuthQuery {
        /// `userID`: the caller, as bound to the token at `login`.
        pub user_id: String = "userID" (default),
        /// `token`: the credential `login` returned.
        pub token: String = "token" (default),
    }
}
