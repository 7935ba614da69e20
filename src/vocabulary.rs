//! The small vocabularies of the tables, each declared once: [`Category`],
//! [`Recovery`] and [`Evidence`], with their names, `FromStr`, `Display` and
//! lists derived by `strum`; the one error of parsing a name
//! ([`ParseNameError`]); and the code-range rule ([`Category::of`]).
//!
//! This file is compiled twice: into the library, and into the build script
//! (`build.rs` includes it with `#[path]`), so the generator validates the
//! tables against exactly the names and the rule the library applies.

use core::fmt;

/// Where every interface lives: `POST {BASE_PATH}/<name>`.
pub const BASE_PATH: &str = "/weapp/live_room";

/// Appended to the Chinese text of a code the official table does not list,
/// wherever the text is shown with its code (`Display`, the Markdown table):
/// no published text exists for it, the words are ours.
pub const UNOFFICIAL_MARK_ZH: &str = "（非官方文案）";

/// The English counterpart of [`UNOFFICIAL_MARK_ZH`] (with its leading space),
/// appended the same way.
pub const UNOFFICIAL_MARK_EN: &str = " (unofficial text)";

/// What part of the service a code belongs to, by the range the code falls in.
///
/// The ranges follow the official SDKs, which group codes by their first four
/// digits; [`Category::of`] classifies any code that way, known or not.
///
/// | range | category |
/// |---|---|
/// | 2001xx (message handling), 2010xx (parameter validation) | [`Request`](Category::Request) |
/// | 2020xx | [`Auth`](Category::Auth) |
/// | 2030xx | [`Room`](Category::Room) |
/// | 2040xx, 2060xx (anchor heartbeats) | [`Pusher`](Category::Pusher) |
/// | 2050xx | [`Audience`](Category::Audience) |
/// | 2070xx (storage, stream mixing, custom fields) | [`Infra`](Category::Infra) |
///
/// Its name (`Display`, `FromStr` ignoring ASCII case, serde) is the one of
/// `codes.tsv`: `request`, `auth`, `room`, `pusher`, `audience`, `infra`.
///
/// ```
/// use liveroom_errors::Category;
///
/// assert_eq!(Category::Pusher.to_string(), "pusher");
/// assert_eq!("PUSHER".parse(), Ok(Category::Pusher));
/// assert_eq!(Category::of(203011), Some(Category::Room));
/// assert_eq!(Category::ALL.len(), 6);
/// ```
#[derive(
    Copy,
    Clone,
    Debug,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    strum::Display,
    strum::EnumString,
    strum::IntoStaticStr,
    strum::VariantArray,
    strum::VariantNames,
)]
#[strum(
    serialize_all = "kebab-case",
    ascii_case_insensitive,
    parse_err_ty = ParseNameError,
    parse_err_fn = ParseNameError::category
)]
pub enum Category {
    /// The request itself is malformed or incomplete (2001xx, 2010xx).
    Request,
    /// Authentication, sessions and rate limiting (2020xx).
    Auth,
    /// Room management: create, enter, list, destroy (2030xx).
    Room,
    /// Anchors and their heartbeats (2040xx, 2060xx); the SDKs call anchors
    /// "pushers", hence the name.
    Pusher,
    /// Audience members (2050xx).
    Audience,
    /// Server infrastructure: storage, stream mixing, custom fields (2070xx).
    Infra,
}

impl Category {
    /// Every category, in declaration order.
    pub const ALL: &'static [Category] = <Self as strum::VariantArray>::VARIANTS;

    /// The category of any code by its range, whether this crate knows the code or not.
    ///
    /// ```
    /// use liveroom_errors::Category;
    /// assert_eq!(Category::of(203010), Some(Category::Room));
    /// assert_eq!(Category::of(206001), Some(Category::Pusher)); // anchor heartbeat
    /// assert_eq!(Category::of(999), None);
    /// ```
    pub const fn of(code: u32) -> Option<Category> {
        match code / 100 {
            2001 | 2010 => Some(Category::Request),
            2020 => Some(Category::Auth),
            2030 => Some(Category::Room),
            2040 | 2060 => Some(Category::Pusher),
            2050 => Some(Category::Audience),
            2070 => Some(Category::Infra),
            _ => None,
        }
    }

    /// The name of `codes.tsv`, `Display` and serde: `"request"`, `"auth"`, …
    ///
    /// ```
    /// use liveroom_errors::Category;
    /// assert_eq!(Category::Infra.name(), "infra");
    /// ```
    pub fn name(self) -> &'static str {
        self.into()
    }
}

/// What a caller should do about an error code.
///
/// Every code carries one of the first five on its own, with a one-line reason
/// ([`ErrorCode::recovery_reason`](crate::ErrorCode::recovery_reason)). The
/// right reaction can also depend on the call: "not in the room" is already
/// done for `delete_anchor` but means "join again" for `anchor_heartbeat`.
/// Such an override is kept with its reason per pair of an interface and a
/// code ([`Interface::recovery`](crate::Interface::recovery)), and
/// [`Rejoin`](Self::Rejoin) and [`Done`](Self::Done) exist only there
/// ([`is_call_specific`](Self::is_call_specific)).
///
/// Following the advice never loops: [`Retry`](Self::Retry) is bounded
/// ([`RETRY_DELAYS_MS`](Self::RETRY_DELAYS_MS)), and every other advice
/// either ends the call or changes what is sent next.
///
/// Its name (`Display`, serde) is the one of the tables: `fix-request`,
/// `reauthenticate`, `retry`, `configure`, `give-up`, `rejoin`, `done`;
/// `FromStr` also ignores ASCII case and takes `_` for `-`.
///
/// ```
/// use liveroom_errors::Recovery;
///
/// assert_eq!(Recovery::GiveUp.to_string(), "give-up");
/// assert_eq!("FIX_REQUEST".parse(), Ok(Recovery::FixRequest));
/// ```
#[derive(
    Copy,
    Clone,
    Debug,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    strum::Display,
    strum::EnumString,
    strum::IntoStaticStr,
    strum::VariantArray,
    strum::VariantNames,
)]
#[strum(
    serialize_all = "kebab-case",
    ascii_case_insensitive,
    parse_err_ty = ParseNameError,
    parse_err_fn = ParseNameError::recovery
)]
pub enum Recovery {
    /// The request is wrong: sending it unchanged cannot help. Fix the request.
    #[strum(to_string = "fix-request", serialize = "fix_request")]
    FixRequest,
    /// The session or credentials are no longer valid: log in again, then send
    /// the request once more.
    Reauthenticate,
    /// A transient server-side failure or a rate limit: send the same request
    /// again after each of the [`RETRY_DELAYS_MS`](Self::RETRY_DELAYS_MS), then
    /// report it if it still fails.
    Retry,
    /// The cloud account or application is not set up right (e.g. live
    /// streaming not enabled, no custom domain, an `sdkappid` and `user_sig`
    /// that do not belong together): a person must act before it can work.
    Configure,
    /// Cannot succeed in the current state (room full, room gone): report it and stop.
    #[strum(to_string = "give-up", serialize = "give_up")]
    GiveUp,
    /// The member is no longer in the room the call needs it in: join the room
    /// again as at first (`get_anchor_url`, then `add_anchor`), then carry on.
    /// Only in the context of a call.
    Rejoin,
    /// The goal of the call is already reached: treat the call as a success.
    /// Only in the context of a call (leaving a room one is not in).
    Done,
}

impl Recovery {
    /// Every recovery, in declaration order.
    pub const ALL: &'static [Recovery] = <Self as strum::VariantArray>::VARIANTS;

    /// What [`Retry`](Self::Retry) promises: how long to wait before each new
    /// attempt, in milliseconds: three more attempts after the first, each
    /// after twice the wait of the one before (a client may add up to half a
    /// wait of random jitter). Then the failure is reported: no advice makes a
    /// client try for ever.
    ///
    /// ```
    /// use liveroom_errors::Recovery;
    /// assert_eq!(Recovery::RETRY_DELAYS_MS, [1000, 2000, 4000]);
    /// ```
    pub const RETRY_DELAYS_MS: [u64; 3] = [1000, 2000, 4000];

    /// The name of the tables, `Display` and serde: `"fix-request"`, `"retry"`, …
    ///
    /// ```
    /// use liveroom_errors::Recovery;
    /// assert_eq!(Recovery::GiveUp.name(), "give-up");
    /// ```
    pub fn name(self) -> &'static str {
        self.into()
    }

    /// What to do, in a sentence of Chinese.
    ///
    /// ```
    /// use liveroom_errors::Recovery;
    /// assert_eq!(Recovery::Reauthenticate.advice_zh(), "重新登录，然后重试");
    /// ```
    pub const fn advice_zh(self) -> &'static str {
        match self {
            Recovery::FixRequest => "请求有误：原样重试无济于事，请修正请求",
            Recovery::Reauthenticate => "重新登录，然后重试",
            Recovery::Retry => "服务端暂时失败或被限频：依次等待 1、2、4 秒后重试，仍失败则报告",
            Recovery::Configure => {
                "云账号或应用未配置好（如未开通直播、未自定义域名、sdkappid 与 user_sig 不匹配）：需要人工处理"
            }
            Recovery::GiveUp => "当前状态下无法成功（如房间已满、房间已不存在）：报告并停止",
            Recovery::Rejoin => "重新加入房间，然后继续",
            Recovery::Done => "目标已经达成：按调用成功处理",
        }
    }

    /// What to do, in a sentence of English.
    ///
    /// ```
    /// use liveroom_errors::Recovery;
    /// assert!(Recovery::Retry.advice_en().starts_with("transient server failure or rate limit"));
    /// ```
    pub const fn advice_en(self) -> &'static str {
        match self {
            Recovery::FixRequest => {
                "the request is wrong: sending it unchanged cannot help; fix it"
            }
            Recovery::Reauthenticate => "log in again, then retry",
            Recovery::Retry => {
                "transient server failure or rate limit: retry after 1 s, 2 s and 4 s, then report it"
            }
            Recovery::Configure => {
                "the cloud account or application is not set up right (e.g. live streaming, custom domain, sdkappid and user_sig): a person must act"
            }
            Recovery::GiveUp => {
                "cannot succeed in the current state (e.g. room full, room gone): report it and stop"
            }
            Recovery::Rejoin => "join the room again, then continue",
            Recovery::Done => "the goal is already reached: treat the call as a success",
        }
    }

    /// Whether the recovery only makes sense for a code in a given call
    /// ([`Rejoin`](Self::Rejoin), [`Done`](Self::Done)): no code carries one on
    /// its own (`codes.tsv` may not use them), an interface may for one of its codes.
    ///
    /// ```
    /// use liveroom_errors::{ErrorCode, Recovery};
    /// assert!(Recovery::Done.is_call_specific());
    /// assert!(ErrorCode::ALL.iter().all(|code| !code.recovery().is_call_specific()));
    /// ```
    pub const fn is_call_specific(self) -> bool {
        matches!(self, Recovery::Rejoin | Recovery::Done)
    }
}

/// How sure it is that an interface can return a code (docs/protocol.md §20).
///
/// No source lists the codes per interface, so each pair of an interface and a
/// code carries its evidence, and the basis in words
/// ([`InterfaceCodePair::basis`](crate::InterfaceCodePair::basis)). A pair whose
/// basis combines kinds carries the weakest of them: it is only as sure as its
/// least sure step.
///
/// Its name (`Display`, `FromStr`, serde) is the one of `interface_codes.tsv`.
///
/// ```
/// use liveroom_errors::Evidence;
/// assert_eq!(Evidence::SdkName.to_string(), "sdk-name");
/// assert_eq!("observed".parse(), Ok(Evidence::Observed));
/// ```
#[derive(
    Copy,
    Clone,
    Debug,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    strum::Display,
    strum::EnumString,
    strum::IntoStaticStr,
    strum::VariantArray,
    strum::VariantNames,
)]
#[strum(
    serialize_all = "kebab-case",
    parse_err_ty = ParseNameError,
    parse_err_fn = ParseNameError::evidence
)]
pub enum Evidence {
    /// The official table's text names the operation (§20 `[doc]`).
    Documented,
    /// A real failure report shows the interface returning the code (§20 `[obs]`).
    Observed,
    /// The constant name the official SDKs give the code implies the interface (§20 `[enum]`).
    SdkName,
    /// Our inference, from what the code means and what the interface sends (§20 `[inf]`).
    Inferred,
}

impl Evidence {
    /// Every kind of evidence, in declaration order.
    pub const ALL: &'static [Evidence] = <Self as strum::VariantArray>::VARIANTS;

    /// The name of `interface_codes.tsv`, `Display` and serde: `"sdk-name"`, …
    ///
    /// ```
    /// use liveroom_errors::Evidence;
    /// assert_eq!(Evidence::Inferred.name(), "inferred");
    /// ```
    pub fn name(self) -> &'static str {
        self.into()
    }

    /// What the evidence is, in a sentence of English.
    ///
    /// ```
    /// use liveroom_errors::Evidence;
    /// assert!(Evidence::Observed.description().contains("seen"));
    /// ```
    pub const fn description(self) -> &'static str {
        match self {
            Evidence::Documented => "the official error-code table's text names the operation",
            Evidence::Observed => "seen in a real failure report of this interface",
            Evidence::SdkName => "implied by the constant name the official SDKs give the code",
            Evidence::Inferred => "our inference from what the code means and what the call sends",
        }
    }
}

/// A text that names no [`Category`], [`Recovery`], [`Evidence`] or
/// [`Interface`](crate::Interface): the one error of parsing their names.
///
/// ```
/// use liveroom_errors::{Category, Interface};
///
/// let err = "rooms".parse::<Category>().unwrap_err();
/// assert_eq!(err.to_string(), "unknown category: expected request, auth, room, pusher, audience or infra");
/// let err = "GetAnchors".parse::<Interface>().unwrap_err();
/// assert!(err.to_string().starts_with("unknown interface: expected login, logout,"));
/// ```
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash)]
pub struct ParseNameError {
    what: &'static str,
    names: &'static [&'static str],
}

impl ParseNameError {
    pub(crate) const fn new(what: &'static str, names: &'static [&'static str]) -> Self {
        ParseNameError { what, names }
    }

    fn category(_: &str) -> Self {
        Self::new("category", <Category as strum::VariantNames>::VARIANTS)
    }

    fn recovery(_: &str) -> Self {
        Self::new("recovery", <Recovery as strum::VariantNames>::VARIANTS)
    }

    fn evidence(_: &str) -> Self {
        Self::new("evidence", <Evidence as strum::VariantNames>::VARIANTS)
    }
}

impl fmt::Display for ParseNameError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown {}: expected ", self.what)?;
        for (i, name) in self.names.iter().enumerate() {
            let separator = match i {
                0 => "",
                i if i + 1 == self.names.len() => " or ",
                _ => ", ",
            };
            write!(f, "{separator}{name}")?;
        }
        Ok(())
    }
}

impl core::error::Error for ParseNameError {}
