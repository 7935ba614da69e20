//! The RoomService interfaces ([`Interface`]) and the codes each can return
//! ([`InterfaceCodePair`]), generated from `interfaces.tsv` and
//! `interface_codes.tsv`.

use core::fmt;
use core::str::FromStr;

use crate::{ErrorCode, Evidence, ParseNameError, Recovery};

/// One row of `interfaces.tsv`, as the generated `INTERFACE_ROWS` table holds it.
struct InterfaceRow {
    interface: Interface,
    name: &'static str,
    path: &'static str,
    takes_token: bool,
    section: u8,
    purpose: &'static str,
    errors: &'static [InterfaceCodePair],
}

include!(concat!(env!("OUT_DIR"), "/interface.rs"));

impl Interface {
    /// How many interfaces there are.
    ///
    /// ```
    /// use liveroom_errors::Interface;
    /// assert_eq!(Interface::COUNT, 16);
    /// ```
    pub const COUNT: usize = INTERFACE_ROWS.len();

    /// Every interface, in the order of docs/protocol.md (`login` first,
    /// `get_custom_info` last).
    ///
    /// ```
    /// use liveroom_errors::Interface;
    /// assert_eq!(Interface::ALL[0], Interface::Login);
    /// assert_eq!(Interface::ALL[Interface::COUNT - 1], Interface::GetCustomInfo);
    /// ```
    pub const ALL: [Interface; Self::COUNT] = {
        let mut all = [Interface::Login; Self::COUNT];
        let mut i = 0;
        while i < Self::COUNT {
            all[i] = INTERFACE_ROWS[i].interface;
            i += 1;
        }
        all
    };

    /// The wire names of [`ALL`](Self::ALL), in the same order.
    const NAMES: [&'static str; Self::COUNT] = {
        let mut names = [""; Self::COUNT];
        let mut i = 0;
        while i < Self::COUNT {
            names[i] = INTERFACE_ROWS[i].name;
            i += 1;
        }
        names
    };

    const fn row(self) -> &'static InterfaceRow {
        &INTERFACE_ROWS[self as usize]
    }

    /// The wire name, the last segment of the path: `"get_anchor_url"`.
    ///
    /// ```
    /// use liveroom_errors::Interface;
    /// assert_eq!(Interface::GetAnchorUrl.name(), "get_anchor_url");
    /// ```
    pub const fn name(self) -> &'static str {
        self.row().name
    }

    /// The path on the server: `"/weapp/live_room/get_anchor_url"`. Every
    /// interface is `POST` with a JSON body (docs/protocol.md §0).
    ///
    /// ```
    /// use liveroom_errors::Interface;
    /// assert_eq!(Interface::Login.path(), "/weapp/live_room/login");
    /// ```
    pub const fn path(self) -> &'static str {
        self.row().path
    }

    /// Whether the query carries `userID` and `token` (`?userID=…&token=…`):
    /// every interface but `login`, whose query carries `sdkAppID`, `userID`
    /// and `userSig` instead.
    ///
    /// ```
    /// use liveroom_errors::Interface;
    /// assert!(!Interface::Login.takes_token());
    /// assert!(Interface::Logout.takes_token());
    /// ```
    pub const fn takes_token(self) -> bool {
        self.row().takes_token
    }

    /// The section of docs/protocol.md that describes the interface: what the
    /// official clients send and read, with sources.
    ///
    /// ```
    /// use liveroom_errors::Interface;
    /// assert_eq!(Interface::GetAnchorUrl.section(), 4);
    /// ```
    pub const fn section(self) -> u8 {
        self.row().section
    }

    /// What the interface is for, in one English sentence (ours).
    ///
    /// ```
    /// use liveroom_errors::Interface;
    /// assert_eq!(Interface::Logout.purpose(), "Invalidate the token.");
    /// ```
    pub const fn purpose(self) -> &'static str {
        self.row().purpose
    }

    /// Every code the interface can return, in code order, each with the
    /// evidence for it and its recovery in this call: its own pairs, and the
    /// codes every interface can return (those that are not
    /// [specific](InterfaceCodePair::is_specific)).
    ///
    /// No source lists the codes per interface: the pairs are read from the
    /// table's wording, the SDK constant names and observed failures, and the
    /// [`Evidence`] of each says how sure it is. A server may still send any
    /// other code: the per-interface errors of the `api` module keep it.
    ///
    /// ```
    /// use liveroom_errors::{ErrorCode, Evidence, Interface};
    ///
    /// let errors = Interface::GetAnchorUrl.errors();
    /// assert!(errors.iter().any(|e| e.code() == ErrorCode::GetAcceleratedUrlFailed
    ///     && e.evidence() == Evidence::Observed));
    /// assert!(errors.iter().all(|e| e.interface() == Interface::GetAnchorUrl));
    /// assert!(errors.is_sorted_by_key(|e| e.code()));
    /// ```
    pub const fn errors(self) -> &'static [InterfaceCodePair] {
        self.row().errors
    }

    /// The pair of this interface and `code`, if the interface can return the code.
    ///
    /// ```
    /// use liveroom_errors::{ErrorCode, Interface, Recovery};
    ///
    /// let pair = Interface::AnchorHeartbeat.error(ErrorCode::MemberNotInRoom).unwrap();
    /// assert_eq!(pair.recovery(), Recovery::Rejoin);
    /// assert!(Interface::Login.error(ErrorCode::MemberNotInRoom).is_none());
    /// ```
    pub const fn error(self, code: ErrorCode) -> Option<&'static InterfaceCodePair> {
        let errors = self.errors();
        let mut i = 0;
        while i < errors.len() {
            if errors[i].code as u32 == code as u32 {
                return Some(&errors[i]);
            }
            i += 1;
        }
        None
    }

    /// What to do about `code` in this call: the interface's override if it
    /// has one for the code, else the code's own [`ErrorCode::recovery`]
    /// (also for a code the interface is not known to return).
    ///
    /// ```
    /// use liveroom_errors::{ErrorCode, Interface, Recovery};
    ///
    /// let code = ErrorCode::MemberNotInRoom;
    /// assert_eq!(code.recovery(), Recovery::GiveUp);
    /// assert_eq!(Interface::DeleteAnchor.recovery(code), Recovery::Done);
    /// assert_eq!(Interface::AnchorHeartbeat.recovery(code), Recovery::Rejoin);
    /// assert_eq!(Interface::Login.recovery(code), Recovery::GiveUp);
    /// ```
    pub const fn recovery(self, code: ErrorCode) -> Recovery {
        match self.error(code) {
            Some(pair) => pair.recovery,
            None => code.recovery(),
        }
    }

    /// The interface whose wire name is exactly `name` (`"get_anchor_url"`).
    /// `const`; never allocates. `FromStr` does the same with an error.
    ///
    /// ```
    /// use liveroom_errors::Interface;
    /// assert_eq!(Interface::from_name("merge_stream"), Some(Interface::MergeStream));
    /// assert_eq!(Interface::from_name("MergeStream"), None);
    /// const LOGIN: Option<Interface> = Interface::from_name("login");
    /// assert_eq!(LOGIN, Some(Interface::Login));
    /// ```
    pub const fn from_name(name: &str) -> Option<Self> {
        interface_named(name.as_bytes())
    }

    /// The interface served at `path` (`"/weapp/live_room/get_anchors"`), a
    /// request's path without its query. `const`; never allocates.
    ///
    /// ```
    /// use liveroom_errors::Interface;
    /// assert_eq!(Interface::from_path("/weapp/live_room/get_anchors"), Some(Interface::GetAnchors));
    /// assert_eq!(Interface::from_path("/weapp/multi_room/get_anchors"), None);
    /// assert_eq!(Interface::from_path("get_anchors"), None);
    /// ```
    pub const fn from_path(path: &str) -> Option<Self> {
        let path = path.as_bytes();
        let base = crate::vocabulary::BASE_PATH.as_bytes();
        if path.len() <= base.len() + 1 || path[base.len()] != b'/' {
            return None;
        }
        let (head, rest) = path.split_at(base.len());
        if !bytes_eq(head, base) {
            return None;
        }
        let (_, name) = rest.split_at(1);
        interface_named(name)
    }
}

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

impl fmt::Display for Interface {
    /// The wire name: `get_anchor_url`.
    ///
    /// ```
    /// use liveroom_errors::Interface;
    /// assert_eq!(Interface::AnchorHeartbeat.to_string(), "anchor_heartbeat");
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Interface {
    type Err = ParseNameError;

    /// [`Interface::from_name`]: the exact wire name.
    ///
    /// ```
    /// use liveroom_errors::Interface;
    /// assert_eq!("logout".parse(), Ok(Interface::Logout));
    /// assert!("Logout".parse::<Interface>().is_err());
    /// ```
    fn from_str(name: &str) -> Result<Self, ParseNameError> {
        Self::from_name(name).ok_or(ParseNameError::new("interface", &Self::NAMES))
    }
}

impl From<Interface> for &'static str {
    /// [`Interface::name`].
    fn from(interface: Interface) -> &'static str {
        interface.name()
    }
}

/// One code an interface can return: a pair of `interface_codes.tsv`, with the
/// evidence for it and what to do about the code in this call.
///
/// [`Interface::errors`] lists them by interface, [`ErrorCode::interfaces`] by
/// code. A code every interface can return ([`ErrorCode::is_any_interface`])
/// has a pair with each interface, [specific](Self::is_specific) where a row
/// names the interface itself.
///
/// ```
/// use liveroom_errors::{ErrorCode, Evidence, Interface, Recovery};
///
/// let pair = Interface::DeleteAnchor.error(ErrorCode::MemberNotInRoom).unwrap();
/// assert_eq!(pair.interface(), Interface::DeleteAnchor);
/// assert_eq!(pair.evidence(), Evidence::Inferred);
/// assert_eq!(pair.recovery(), Recovery::Done);
/// assert!(pair.is_override());
/// assert!(pair.recovery_reason().contains("goal is reached"));
/// ```
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash)]
pub struct InterfaceCodePair {
    interface: Interface,
    code: ErrorCode,
    evidence: Evidence,
    specific: bool,
    basis: &'static str,
    recovery: Recovery,
    recovery_reason: &'static str,
    recovery_reason_zh: &'static str,
    overridden: bool,
}

impl InterfaceCodePair {
    /// The interface.
    ///
    /// ```
    /// use liveroom_errors::{ErrorCode, Interface};
    /// let pair = ErrorCode::LogoutFailed.interfaces()[0];
    /// assert_eq!(pair.interface(), Interface::Logout);
    /// ```
    pub const fn interface(&self) -> Interface {
        self.interface
    }

    /// The code.
    ///
    /// ```
    /// use liveroom_errors::{ErrorCode, Interface};
    /// assert_eq!(Interface::Logout.errors()[0].code(), ErrorCode::MalformedRequest);
    /// ```
    pub const fn code(&self) -> ErrorCode {
        self.code
    }

    /// How sure it is that the interface can return the code.
    ///
    /// ```
    /// use liveroom_errors::{ErrorCode, Evidence, Interface};
    /// let pair = Interface::GetAnchors.error(ErrorCode::GetPushersFailed).unwrap();
    /// assert_eq!(pair.evidence(), Evidence::Observed);
    /// ```
    pub const fn evidence(&self) -> Evidence {
        self.evidence
    }

    /// Why the pair is believed, in one English sentence (ours): the basis
    /// docs/protocol.md §20 gives, with its tags (`§20 [doc]+[inf]: …`), or why
    /// a pair §20 does not list was added.
    ///
    /// ```
    /// use liveroom_errors::{ErrorCode, Interface};
    /// let pair = Interface::GetAnchorUrl.error(ErrorCode::GetAcceleratedUrlFailed).unwrap();
    /// assert!(pair.basis().starts_with("§20 [obs]"));
    /// ```
    pub const fn basis(&self) -> &'static str {
        self.basis
    }

    /// Whether a row of the table names this interface for the code; `false`
    /// for a pair that comes from the codes every interface can return (a
    /// malformed request, the rate limit, storage, …).
    ///
    /// ```
    /// use liveroom_errors::{ErrorCode, Interface};
    /// assert!(!Interface::Login.error(ErrorCode::RateLimited).unwrap().is_specific());
    /// assert!(Interface::Login.error(ErrorCode::MissingLoginCredentials).unwrap().is_specific());
    /// ```
    pub const fn is_specific(&self) -> bool {
        self.specific
    }

    /// What to do about the code in this call: the override of the pair, or
    /// the code's own [`ErrorCode::recovery`].
    ///
    /// ```
    /// use liveroom_errors::{ErrorCode, Interface, Recovery};
    /// let pair = Interface::DeleteAnchor.error(ErrorCode::DeletePusherFailed).unwrap();
    /// assert_eq!(pair.recovery(), Recovery::Done); // the room is gone: nothing left to leave
    /// assert_eq!(pair.code().recovery(), Recovery::GiveUp);
    /// ```
    pub const fn recovery(&self) -> Recovery {
        self.recovery
    }

    /// Why the code has its [`recovery`](Self::recovery) in this call, in one
    /// English sentence: the override's reason, or the code's own
    /// [`ErrorCode::recovery_reason`].
    ///
    /// ```
    /// use liveroom_errors::{ErrorCode, Interface};
    /// let pair = Interface::GetAnchorUrl.error(ErrorCode::GetAcceleratedUrlFailed).unwrap();
    /// assert_eq!(pair.recovery_reason(), ErrorCode::GetAcceleratedUrlFailed.recovery_reason());
    /// ```
    pub const fn recovery_reason(&self) -> &'static str {
        self.recovery_reason
    }

    /// [`recovery_reason`](Self::recovery_reason) in Chinese (ours too).
    ///
    /// ```
    /// use liveroom_errors::{ErrorCode, Interface};
    /// let pair = Interface::DeleteAnchor.error(ErrorCode::MemberNotInRoom).unwrap();
    /// assert!(pair.recovery_reason_zh().contains("按调用成功处理"));
    /// ```
    pub const fn recovery_reason_zh(&self) -> &'static str {
        self.recovery_reason_zh
    }

    /// Whether the recovery in this call differs from the code's own.
    ///
    /// ```
    /// use liveroom_errors::{ErrorCode, Interface};
    /// assert!(Interface::AnchorHeartbeat.error(ErrorCode::MemberNotInRoom).unwrap().is_override());
    /// assert!(!Interface::GetAnchorUrl.error(ErrorCode::GetPushUrlFailed).unwrap().is_override());
    /// ```
    pub const fn is_override(&self) -> bool {
        self.overridden
    }
}

impl ErrorCode {
    /// Every interface the code can come from, in interface order, each pair
    /// with its evidence and the recovery in that call. A code every interface
    /// can return ([`is_any_interface`](Self::is_any_interface)) has one pair
    /// per interface.
    ///
    /// ```
    /// use liveroom_errors::{ErrorCode, Interface, Recovery};
    ///
    /// let pairs = ErrorCode::MemberNotInRoom.interfaces();
    /// let interfaces: Vec<Interface> = pairs.iter().map(|p| p.interface()).collect();
    /// assert_eq!(interfaces, [Interface::DeleteAnchor, Interface::AnchorHeartbeat, Interface::DeleteAudience]);
    /// assert_eq!(pairs[1].recovery(), Recovery::Rejoin);
    /// assert_eq!(ErrorCode::RateLimited.interfaces().len(), Interface::COUNT);
    /// ```
    pub const fn interfaces(self) -> &'static [InterfaceCodePair] {
        CODE_PAIRS[self.index()]
    }

    /// Whether every interface can return the code: a malformed request, an
    /// unparsable body, the rate limit, storage, an unknown action or room
    /// type, and the generic group codes.
    ///
    /// ```
    /// use liveroom_errors::ErrorCode;
    /// assert!(ErrorCode::RateLimited.is_any_interface());
    /// assert!(!ErrorCode::MemberNotInRoom.is_any_interface());
    /// ```
    pub const fn is_any_interface(self) -> bool {
        CODE_ANY[self.index()]
    }
}
