//! The fixed vocabularies of `codes.tsv`, `interfaces.tsv` and
//! `interface_codes.tsv`, and the code-range rule.
//!
//! This one file is compiled twice: into the library, and into the build script
//! (`build.rs` includes it with `#[path]`), so the generator validates the table
//! against exactly the rule that [`crate::Category::of`] applies at run time.

/// `(name in codes.tsv, Rust variant)` of every category, in declaration order.
pub(crate) const CATEGORIES: [(&str, &str); 6] = [
    ("request", "Request"),
    ("auth", "Auth"),
    ("room", "Room"),
    ("pusher", "Pusher"),
    ("audience", "Audience"),
    ("infra", "Infra"),
];

/// `(name in the tables, Rust variant)` of every recovery, in declaration order.
pub(crate) const RECOVERIES: [(&str, &str); 7] = [
    ("fix-request", "FixRequest"),
    ("reauthenticate", "Reauthenticate"),
    ("retry", "Retry"),
    ("configure", "Configure"),
    ("give-up", "GiveUp"),
    ("rejoin", "Rejoin"),
    ("done", "Done"),
];

/// The recoveries that only make sense for a code in a given call: a row of
/// `codes.tsv` may not use them, an override in `interface_codes.tsv` may.
/// (Whether "not in the room" means "done" or "join again" depends on what
/// the call wanted.)
pub(crate) const CALL_ONLY_RECOVERIES: [&str; 2] = ["rejoin", "done"];

/// `(name in interface_codes.tsv, Rust variant)` of every kind of evidence
/// for a pair of an interface and a code, in declaration order.
pub(crate) const EVIDENCE: [(&str, &str); 4] = [
    ("documented", "Documented"),
    ("observed", "Observed"),
    ("sdk-name", "SdkName"),
    ("inferred", "Inferred"),
];

/// The word of `interface_codes.tsv` for a code every interface can return.
#[allow(dead_code)] // read by the build script only
pub(crate) const ANY_INTERFACE: &str = "any";

/// The `query` column of `interfaces.tsv`: `(name, whether the query carries
/// userID and token)`. Every interface but `login` takes `?userID=…&token=…`;
/// `login` takes `?sdkAppID=…&userID=…&userSig=…`.
#[allow(dead_code)] // read by the build script only
pub(crate) const QUERIES: [(&str, bool); 2] = [("token", true), ("login", false)];

/// Where every interface lives: `POST {BASE_PATH}/<name>`.
pub(crate) const BASE_PATH: &str = "/weapp/live_room";

/// Appended to the Chinese text of a code the official table does not list,
/// wherever the text is shown with its code (`Display`, the Markdown table):
/// no published text exists for it, the words are ours.
pub(crate) const UNOFFICIAL_ZH: &str = "（非官方文案）";

/// The English counterpart of [`UNOFFICIAL_ZH`], appended the same way.
pub(crate) const UNOFFICIAL_EN: &str = " (unofficial text)";

/// Index into [`CATEGORIES`] of the range `code` falls in, known code or not.
///
/// The official SDKs group codes by their first four digits: 2001xx message
/// handling and 2010xx parameter validation (request), 2020xx authentication,
/// 2030xx room, 2040xx pusher, 2050xx audience, 2060xx anchor heartbeats
/// (pusher), 2070xx storage, mixing and custom fields (infra).
pub(crate) const fn category_index_of(code: u32) -> Option<usize> {
    match code / 100 {
        2001 | 2010 => Some(0),
        2020 => Some(1),
        2030 => Some(2),
        2040 | 2060 => Some(3),
        2050 => Some(4),
        2070 => Some(5),
        _ => None,
    }
}
