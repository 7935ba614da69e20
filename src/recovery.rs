use core::fmt;
use core::str::FromStr;

use crate::ParseRecoveryError;
use crate::vocabulary::RECOVERIES;

/// What a caller should do about an error code.
///
/// Every code carries exactly one; the README explains how each was chosen.
#[derive(
    Copy,
    Clone,
    Debug,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    strum::EnumCount,
    strum::EnumIter,
    strum::VariantArray,
)]
pub enum Recovery {
    /// The request is wrong: retrying it unchanged cannot help. Fix the request.
    FixRequest,
    /// The session or credentials are no longer valid: log in again, then retry.
    Reauthenticate,
    /// A transient server-side failure or a rate limit: retry with backoff.
    Retry,
    /// The cloud account or application is not set up (e.g. live streaming not
    /// enabled, no custom domain): a person must act before it can work.
    Configure,
    /// Cannot succeed in the current state (room full, member not in the room):
    /// report it and stop.
    GiveUp,
}

impl Recovery {
    /// Every recovery, in declaration order.
    ///
    /// ```
    /// use liveroom_errors::Recovery;
    /// assert_eq!(Recovery::ALL.len(), 5);
    /// ```
    pub const ALL: &'static [Recovery] = <Self as strum::VariantArray>::VARIANTS;

    /// The name used in `codes.tsv`, `Display` and serde: `"fix-request"`, `"retry"`, …
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
                "云账号或应用未配置好（如未开通直播、未自定义域名）：需要人工处理"
            }
            Recovery::GiveUp => "当前状态下无法成功（如房间已满、成员不在房间内）：报告并停止",
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
                "the cloud account or application is not set up (e.g. live streaming, custom domain): a person must act"
            }
            Recovery::GiveUp => {
                "cannot succeed in the current state (e.g. room full, not in the room): report and stop"
            }
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
}

impl fmt::Display for Recovery {
    /// Writes [`Recovery::name`].
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Recovery {
    type Err = ParseRecoveryError;

    /// Parses a name as [`Recovery::name`] gives it, ignoring ASCII case;
    /// `_` may stand for `-` (`fix_request`).
    ///
    /// ```
    /// use liveroom_errors::Recovery;
    /// assert_eq!("give-up".parse(), Ok(Recovery::GiveUp));
    /// assert_eq!("FIX_REQUEST".parse(), Ok(Recovery::FixRequest));
    /// assert!("later".parse::<Recovery>().is_err());
    /// ```
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let same = |name: &str| {
            name.len() == s.len()
                && (name.bytes().zip(s.bytes()))
                    .all(|(n, c)| n == c.to_ascii_lowercase() || (n == b'-' && c == b'_'))
        };
        (Self::ALL.iter().copied())
            .find(|r| same(r.name()))
            .ok_or(ParseRecoveryError::new())
    }
}
