use core::fmt;
use core::str::FromStr;

use crate::{Category, ParseCodeError, Recovery, UnknownCode};

/// One row of `codes.tsv`, as the generated `ROWS` table holds it.
struct Row {
    code: ErrorCode,
    name: &'static str,
    category: Category,
    recovery: Recovery,
    recovery_reason: &'static str,
    recovery_reason_zh: &'static str,
    documented: bool,
    sdk_name: Option<&'static str>,
    former_names: &'static [&'static str],
    message_zh: &'static str,
    causes_zh: &'static [&'static str],
    message_en: &'static str,
    causes_en: &'static [&'static str],
    /// `"{code} {message_en}"` (marked when the text is ours), written once at
    /// build time so displaying it is one copy.
    display_en: &'static str,
}

include!(concat!(env!("OUT_DIR"), "/error_code.rs"));

impl ErrorCode {
    /// How many codes there are.
    ///
    /// ```
    /// use liveroom_errors::ErrorCode;
    /// assert_eq!(ErrorCode::COUNT, ErrorCode::ALL.len());
    /// ```
    pub const COUNT: usize = ROWS.len();

    /// Every code, in ascending order.
    ///
    /// ```
    /// use liveroom_errors::ErrorCode;
    /// assert_eq!(ErrorCode::ALL[0], ErrorCode::MalformedRequest);
    /// assert!(ErrorCode::ALL.is_sorted());
    /// ```
    pub const ALL: [ErrorCode; Self::COUNT] = {
        let mut all = [ROWS[0].code; Self::COUNT];
        let mut i = 0;
        while i < Self::COUNT {
            all[i] = ROWS[i].code;
            i += 1;
        }
        all
    };

    /// The code as a number, as sent on the wire.
    ///
    /// ```
    /// use liveroom_errors::ErrorCode;
    /// assert_eq!(ErrorCode::RateLimited.value(), 202006);
    /// ```
    pub const fn value(self) -> u32 {
        self as u32
    }

    /// The variant for `code`, or `None` if this version does not know it.
    ///
    /// A minimal perfect hash: one remainder, one load, one compare; no
    /// branches on the code's value, no allocation. See [`TryFrom<u32>`](#impl-TryFrom<u32>-for-ErrorCode)
    /// for the same with a typed error.
    ///
    /// ```
    /// use liveroom_errors::ErrorCode;
    /// assert_eq!(ErrorCode::from_code(201004), Some(ErrorCode::MissingRoomId));
    /// assert_eq!(ErrorCode::from_code(201010), None);
    /// assert_eq!(ErrorCode::from_code(0), None); // 0 is success, not an error
    /// ```
    pub const fn from_code(code: u32) -> Option<Self> {
        match SLOT_CODES[(code % CODE_MODULUS) as usize] {
            Some(candidate) if candidate as u32 == code => Some(candidate),
            _ => None,
        }
    }

    const fn row(self) -> &'static Row {
        &ROWS[self.index()]
    }

    /// The code's position in [`ErrorCode::ALL`] (code order), which the
    /// generated per-code tables are indexed by.
    pub(crate) const fn index(self) -> usize {
        // Every variant's slot holds its row index: the tables are generated together.
        SLOT_ROWS[(self as u32 % CODE_MODULUS) as usize] as usize
    }

    /// The variant name, e.g. `"MemberNotInRoom"`.
    ///
    /// ```
    /// use liveroom_errors::ErrorCode;
    /// assert_eq!(ErrorCode::MemberNotInRoom.name(), "MemberNotInRoom");
    /// ```
    pub const fn name(self) -> &'static str {
        self.row().name
    }

    /// The Chinese message, without markup; for codes with a list of causes, the
    /// sentence before it (the causes are in [`causes_zh`](Self::causes_zh)).
    ///
    /// For the codes of the official table this is the official text, verbatim.
    /// For the codes only the client SDKs define ([`is_documented`](Self::is_documented)
    /// is `false`) no text is published: the text is ours, and `Display` marks it.
    ///
    /// ```
    /// use liveroom_errors::ErrorCode;
    /// assert_eq!(ErrorCode::MemberNotInRoom.message_zh(), "成员不在房间内");
    /// assert_eq!(ErrorCode::EnterRoomFailed.message_zh(), "进房失败");
    /// ```
    pub const fn message_zh(self) -> &'static str {
        self.row().message_zh
    }

    /// The English message: our rendering of the official Chinese text, or for
    /// the codes only the client SDKs define, our own text (which
    /// [`display_en`](Self::display_en) marks).
    ///
    /// ```
    /// use liveroom_errors::ErrorCode;
    /// assert_eq!(ErrorCode::RateLimited.message_en(), "Too many requests: rate limited");
    /// ```
    pub const fn message_en(self) -> &'static str {
        self.row().message_en
    }

    /// The possible causes the official table lists, in Chinese (verbatim); empty for most codes.
    ///
    /// ```
    /// use liveroom_errors::ErrorCode;
    /// assert_eq!(ErrorCode::EnterRoomFailed.causes_zh()[0], "未开通直播");
    /// assert!(ErrorCode::MemberNotInRoom.causes_zh().is_empty());
    /// ```
    pub const fn causes_zh(self) -> &'static [&'static str] {
        self.row().causes_zh
    }

    /// The possible causes in English, one for each of [`causes_zh`](Self::causes_zh).
    ///
    /// ```
    /// use liveroom_errors::ErrorCode;
    /// assert_eq!(ErrorCode::EnterRoomFailed.causes_en()[0], "Live streaming is not enabled");
    /// ```
    pub const fn causes_en(self) -> &'static [&'static str] {
        self.row().causes_en
    }

    /// The part of the service the code belongs to.
    ///
    /// ```
    /// use liveroom_errors::{Category, ErrorCode};
    /// assert_eq!(ErrorCode::SetHeartbeatFailed.category(), Category::Pusher);
    /// ```
    pub const fn category(self) -> Category {
        self.row().category
    }

    /// What a caller should do about the code on its own, whatever the call:
    /// an interface may advise otherwise for a code it returns
    /// ([`Interface::recovery`](crate::Interface::recovery)), and the error
    /// enums of the `api` module give the advice of their call.
    ///
    /// ```
    /// use liveroom_errors::{ErrorCode, Recovery};
    /// assert_eq!(ErrorCode::TokenVerificationFailed.recovery(), Recovery::Reauthenticate);
    /// assert_eq!(ErrorCode::EnterRoomFailed.recovery(), Recovery::Configure);
    /// ```
    pub const fn recovery(self) -> Recovery {
        self.row().recovery
    }

    /// Why the code has its [`recovery`](Self::recovery), in one English sentence.
    ///
    /// Written by us from the official text, the SDK name and how the official
    /// clients use the code; for the codes only the SDKs define, the reason says
    /// that the advice is inferred from the SDK name.
    ///
    /// ```
    /// use liveroom_errors::{ErrorCode, Recovery};
    ///
    /// let code = ErrorCode::RateLimited;
    /// assert_eq!(code.recovery(), Recovery::Retry);
    /// assert!(code.recovery_reason().contains("100 requests per second"));
    /// ```
    pub const fn recovery_reason(self) -> &'static str {
        self.row().recovery_reason
    }

    /// [`recovery_reason`](Self::recovery_reason) in Chinese (ours too).
    ///
    /// ```
    /// use liveroom_errors::ErrorCode;
    /// assert!(ErrorCode::RateLimited.recovery_reason_zh().contains("每秒 100 次请求"));
    /// ```
    pub const fn recovery_reason_zh(self) -> &'static str {
        self.row().recovery_reason_zh
    }

    /// Whether the official error-code table lists the code: `false` for the
    /// codes only the client SDKs define, whose messages are ours (no text is
    /// published for them), marked `（非官方文案）` by `Display` and
    /// ` (unofficial text)` by [`display_en`](Self::display_en).
    ///
    /// ```
    /// use liveroom_errors::ErrorCode;
    /// assert!(ErrorCode::MemberNotInRoom.is_documented());
    /// assert!(!ErrorCode::HeartbeatFailed.is_documented());
    /// ```
    pub const fn is_documented(self) -> bool {
        self.row().documented
    }

    /// The constant name the official client SDKs give the code, if they name it.
    ///
    /// ```
    /// use liveroom_errors::ErrorCode;
    /// assert_eq!(ErrorCode::TokenVerificationFailed.sdk_name(), Some("ERROR_CODE_VERIFY_FAILED"));
    /// assert_eq!(ErrorCode::RateLimited.sdk_name(), None);
    /// ```
    pub const fn sdk_name(self) -> Option<&'static str> {
        self.row().sdk_name
    }

    /// The names the variant had in earlier releases, if it was renamed.
    ///
    /// They are deprecated aliases: [`from_name`](Self::from_name), `FromStr`
    /// and serde still accept them, in every form, until the next breaking
    /// release removes them.
    ///
    /// ```
    /// use liveroom_errors::ErrorCode;
    /// assert_eq!(ErrorCode::StorageFailed.former_names(), ["GetRedisAddressFailed"]);
    /// assert!(ErrorCode::MemberNotInRoom.former_names().is_empty());
    /// ```
    pub const fn former_names(self) -> &'static [&'static str] {
        self.row().former_names
    }

    /// Finds a code by name: the variant name (`MemberNotInRoom`), in any ASCII
    /// case, in snake_case or SCREAMING_SNAKE_CASE (`member_not_in_room`), or the
    /// SDK constant name (`ERROR_CODE_USER_NOT_IN_ROOM`). Never allocates.
    ///
    /// A [former name](Self::former_names) is accepted in the same forms, as a
    /// deprecated alias until the next breaking release;
    /// [`from_former_name`](Self::from_former_name) tells whether a name is one.
    ///
    /// ```
    /// use liveroom_errors::ErrorCode;
    /// for name in ["MemberNotInRoom", "membernotinroom", "MEMBER_NOT_IN_ROOM", "ERROR_CODE_USER_NOT_IN_ROOM"] {
    ///     assert_eq!(ErrorCode::from_name(name), Some(ErrorCode::MemberNotInRoom));
    /// }
    /// assert_eq!(ErrorCode::from_name("get_redis_address_failed"), Some(ErrorCode::StorageFailed));
    /// assert_eq!(ErrorCode::from_name("NotAnError"), None);
    /// ```
    pub fn from_name(name: &str) -> Option<Self> {
        if let Some(code) = code_named(name) {
            return Some(code);
        }
        code_folded(Folded::new(name)?.as_str())
    }

    /// Finds a code by one of its [former names](Self::former_names) only, in
    /// every form [`from_name`](Self::from_name) accepts; `None` for a current
    /// name. A tool can use it to warn that a stored name is deprecated.
    ///
    /// ```
    /// use liveroom_errors::ErrorCode;
    /// assert_eq!(ErrorCode::from_former_name("OTHER_SERVER_ERROR"), Some(ErrorCode::OtherFailure));
    /// assert_eq!(ErrorCode::from_former_name("OtherFailure"), None);
    /// ```
    pub fn from_former_name(name: &str) -> Option<Self> {
        code_formerly_folded(Folded::new(name)?.as_str())
    }

    /// Displays the code with its English message: `203010 The member is not in the room`.
    ///
    /// For the codes only the client SDKs define, whose text is ours, the
    /// message is followed by ` (unofficial text)`.
    ///
    /// ```
    /// use liveroom_errors::ErrorCode;
    /// assert_eq!(ErrorCode::MemberNotInRoom.display_en().to_string(), "203010 The member is not in the room");
    /// assert_eq!(ErrorCode::OtherFailure.display_en().to_string(), "207000 Other error (unofficial text)");
    /// ```
    pub const fn display_en(self) -> DisplayEn {
        DisplayEn(self)
    }
}

impl Category {
    /// Every known code of this category, in code order.
    ///
    /// ```
    /// use liveroom_errors::{Category, ErrorCode};
    /// assert!(Category::Auth.codes().contains(&ErrorCode::RateLimited));
    /// assert!(Category::Auth.codes().iter().all(|c| c.category() == Category::Auth));
    /// ```
    pub const fn codes(self) -> &'static [ErrorCode] {
        CODES_BY_CATEGORY[self as usize]
    }
}

/// A name lowercased into a buffer on the stack, as the generated name maps compare it.
struct Folded {
    bytes: [u8; LONGEST_FOLDED_NAME],
    len: usize,
}

impl Folded {
    /// `None` when `name` is longer than every key, so it cannot match.
    fn new(name: &str) -> Option<Self> {
        let mut bytes = [0u8; LONGEST_FOLDED_NAME];
        bytes
            .get_mut(..name.len())?
            .copy_from_slice(name.as_bytes());
        bytes[..name.len()].make_ascii_lowercase();
        Some(Folded {
            bytes,
            len: name.len(),
        })
    }

    fn as_str(&self) -> &str {
        // Lowercasing ASCII bytes keeps UTF-8 valid, so this never falls back.
        core::str::from_utf8(&self.bytes[..self.len]).unwrap_or_default()
    }
}

/// Shows an [`ErrorCode`] with its English message; made by [`ErrorCode::display_en`].
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub struct DisplayEn(ErrorCode);

impl fmt::Display for DisplayEn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0.row().display_en)
    }
}

impl From<ErrorCode> for u32 {
    fn from(code: ErrorCode) -> u32 {
        code.value()
    }
}

impl TryFrom<u32> for ErrorCode {
    type Error = UnknownCode;

    /// [`ErrorCode::from_code`], with an error that keeps the unknown code.
    fn try_from(code: u32) -> Result<Self, UnknownCode> {
        Self::from_code(code).ok_or(UnknownCode(code))
    }
}

impl PartialEq<u32> for ErrorCode {
    fn eq(&self, other: &u32) -> bool {
        self.value() == *other
    }
}

impl PartialEq<ErrorCode> for u32 {
    fn eq(&self, other: &ErrorCode) -> bool {
        *self == other.value()
    }
}

impl FromStr for ErrorCode {
    type Err = ParseCodeError;

    /// Parses a decimal code (`"203010"`) or any name [`ErrorCode::from_name`]
    /// accepts, deprecated former names included.
    ///
    /// ```
    /// use liveroom_errors::ErrorCode;
    /// assert_eq!("203010".parse(), Ok(ErrorCode::MemberNotInRoom));
    /// assert_eq!("member_not_in_room".parse(), Ok(ErrorCode::MemberNotInRoom));
    /// assert_eq!("HeartbeatError".parse(), Ok(ErrorCode::HeartbeatFailed)); // former name
    /// ```
    fn from_str(s: &str) -> Result<Self, ParseCodeError> {
        let bytes = s.as_bytes();
        let is_identifier = |b: &u8| b.is_ascii_alphanumeric() || *b == b'_';
        match bytes.first() {
            None => Err(ParseCodeError::Empty),
            Some(b'0') if bytes.len() > 1 && bytes.iter().all(u8::is_ascii_digit) => {
                Err(ParseCodeError::LeadingZero)
            }
            Some(b'0'..=b'9') if bytes.iter().all(u8::is_ascii_digit) => {
                let code: u32 = s.parse().map_err(|_| ParseCodeError::OutOfRange)?;
                Ok(Self::try_from(code)?)
            }
            Some(b'A'..=b'Z' | b'a'..=b'z' | b'_') if bytes.iter().all(is_identifier) => {
                Self::from_name(s).ok_or(ParseCodeError::UnknownName)
            }
            Some(_) => Err(ParseCodeError::Malformed),
        }
    }
}
