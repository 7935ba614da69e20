use crate::ParseRecoveryError;
use crate::vocabulary::{CALL_ONLY_RECOVERIES, RECOVERIES};

/// What a caller should do about an error code.
///
/// Every code carries exactly one of the first five, with a one-line reason
/// ([`ErrorCode::recovery_reason`](crate::ErrorCode::recovery_reason)); the
/// README explains the rule. The right reaction can also depend on the call:
/// "not in the room" is already done for `delete_anchor` but means "join
/// again" for `anchor_heartbeat`. Such an override is kept with its reason per
/// pair of an interface and a code ([`InterfaceCode::recovery`](crate::InterfaceCode::recovery)),
/// and [`Rejoin`](Self::Rejoin) and [`Done`](Self::Done) exist only there
/// ([`is_call_specific`](Self::is_call_specific)).
///
/// `Display`, `FromStr` and `From<Recovery> for &'static str` use
/// [`Recovery::name`]; `FromStr` ignores ASCII case and takes `_` for `-`
/// (`FIX_REQUEST`), with the error [`ParseRecoveryError`].
///
/// ```
/// use liveroom_errors::Recovery;
///
/// assert_eq!(Recovery::GiveUp.to_string(), "give-up");
/// assert_eq!("give_up".parse(), Ok(Recovery::GiveUp));
/// assert_eq!(<&str>::from(Recovery::FixRequest), "fix-request");
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
)]
#[strum(
    serialize_all = "kebab-case",
    ascii_case_insensitive,
    parse_err_ty = ParseRecoveryError,
    parse_err_fn = ParseRecoveryError::of
)]
pub enum Recovery {
    /// The request is wrong: retrying it unchanged cannot help. Fix the request.
    #[strum(to_string = "fix-request", serialize = "fix_request")]
    FixRequest,
    /// The session or credentials are no longer valid: log in again, then retry.
    Reauthenticate,
    /// A transient server-side failure or a rate limit: retry with backoff.
    Retry,
    /// The cloud account or application is not set up or not set up right
    /// (e.g. live streaming not enabled, no custom domain, an `sdkappid` and
    /// `user_sig` that do not belong together): a person must act before it can work.
    Configure,
    /// Cannot succeed in the current state (room full, member not in the room):
    /// report it and stop.
    #[strum(to_string = "give-up", serialize = "give_up")]
    GiveUp,
    /// The member is no longer in the room the call needs it in: join the room
    /// again, then continue. Only in the context of a call (a heartbeat of a
    /// member the room dropped).
    Rejoin,
    /// The goal of the call is already reached: treat the call as a success.
    /// Only in the context of a call (leaving a room one is not in).
    Done,
}

impl Recovery {
    /// Every recovery, in declaration order.
    ///
    /// ```
    /// use liveroom_errors::Recovery;
    /// assert_eq!(Recovery::ALL.len(), 7);
    /// assert_eq!(Recovery::ALL[6], Recovery::Done);
    /// ```
    pub const ALL: &'static [Recovery] = &[
        Recovery::FixRequest,
        Recovery::Reauthenticate,
        Recovery::Retry,
        Recovery::Configure,
        Recovery::GiveUp,
        Recovery::Rejoin,
        Recovery::Done,
    ];

    /// The name used in the tables, `Display` and serde: `"fix-request"`, `"retry"`, …
    ///
    /// ```
    /// use liveroom_errors::Recovery;
    /// assert_eq!(Recovery::GiveUp.name(), "give-up");
    /// ```
    pub const fn name(self) -> &'static str {
        RECOVERIES[self as usize].0
    }

    /// What to do, in a sentence of Chinese.
    ///
    /// ```
    /// use liveroom_errors::Recovery;
    /// assert_eq!(Recovery::Reauthenticate.advice(), "重新登录，然后重试");
    /// ```
    pub const fn advice(self) -> &'static str {
        match self {
            Recovery::FixRequest => "请求有误：原样重试无济于事，请修正请求",
            Recovery::Reauthenticate => "重新登录，然后重试",
            Recovery::Retry => "服务端暂时失败或被限频：退避后重试",
            Recovery::Configure => {
                "云账号或应用未配置好（如未开通直播、未自定义域名、sdkappid 与 user_sig 不匹配）：需要人工处理"
            }
            Recovery::GiveUp => "当前状态下无法成功（如房间已满、成员不在房间内）：报告并停止",
            Recovery::Rejoin => "重新加入房间，然后继续",
            Recovery::Done => "目标已经达成：按调用成功处理",
        }
    }

    /// What to do, in a sentence of English.
    ///
    /// ```
    /// use liveroom_errors::Recovery;
    /// assert_eq!(Recovery::Retry.advice_en(), "transient server failure or rate limit: retry with backoff");
    /// ```
    pub const fn advice_en(self) -> &'static str {
        match self {
            Recovery::FixRequest => {
                "the request is wrong: retrying it unchanged cannot help; fix it"
            }
            Recovery::Reauthenticate => "log in again, then retry",
            Recovery::Retry => "transient server failure or rate limit: retry with backoff",
            Recovery::Configure => {
                "the cloud account or application is not set up right (e.g. live streaming, custom domain, sdkappid and user_sig): a person must act"
            }
            Recovery::GiveUp => {
                "cannot succeed in the current state (e.g. room full, not in the room): report and stop"
            }
            Recovery::Rejoin => "join the room again, then continue",
            Recovery::Done => "the goal is already reached: treat the call as a success",
        }
    }

    /// Whether the same request may succeed if simply sent again later ([`Recovery::Retry`]).
    ///
    /// ```
    /// use liveroom_errors::Recovery;
    /// assert!(Recovery::Retry.is_retryable());
    /// assert!(!Recovery::Reauthenticate.is_retryable()); // needs a new login first
    /// ```
    pub const fn is_retryable(self) -> bool {
        matches!(self, Recovery::Retry)
    }

    /// Whether the recovery only makes sense for a code in a given call
    /// ([`Rejoin`](Self::Rejoin), [`Done`](Self::Done)): no code carries one on
    /// its own, an interface may for one of its codes.
    ///
    /// ```
    /// use liveroom_errors::{ErrorCode, Interface, Recovery};
    ///
    /// assert!(Recovery::Done.is_call_specific());
    /// assert!(ErrorCode::iter().all(|code| !code.recovery().is_call_specific()));
    /// assert_eq!(Interface::DeleteAnchor.recovery(ErrorCode::MemberNotInRoom), Recovery::Done);
    /// ```
    pub const fn is_call_specific(self) -> bool {
        matches!(self, Recovery::Rejoin | Recovery::Done)
    }
}

// `ALL` lists the variants in declaration order, one per entry of the shared
// vocabulary, so `name()` can index by discriminant; the call-specific ones
// are those the table validator keeps out of `codes.tsv`.
const _: () = {
    assert!(Recovery::ALL.len() == RECOVERIES.len());
    let mut i = 0;
    while i < Recovery::ALL.len() {
        assert!(Recovery::ALL[i] as usize == i);
        let name = RECOVERIES[i].0.as_bytes();
        let mut listed = false;
        let mut j = 0;
        while j < CALL_ONLY_RECOVERIES.len() {
            listed |= bytes_eq(name, CALL_ONLY_RECOVERIES[j].as_bytes());
            j += 1;
        }
        assert!(listed == Recovery::ALL[i].is_call_specific());
        i += 1;
    }
};

const fn bytes_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}
