//! Every row through every conversion, the Chinese text against the official
//! table, the vocabularies (`Category`, `Recovery`, `ParseNameError`), and
//! property tests over arbitrary codes and strings.

use std::collections::{BTreeMap, HashSet};
use std::str::FromStr;

use liveroom_errors::{
    Category, ErrorCode, Evidence, Interface, ParseCodeError, ParseNameError, Recovery,
    UnknownCode, docs,
};
use proptest::prelude::*;

/// The official table (a verbatim copy of the documentation's Markdown table).
fn official_table() -> BTreeMap<u32, String> {
    let text = include_str!("../fixtures/official-error-codes.md");
    let rows: BTreeMap<u32, String> = text
        .lines()
        .filter_map(|line| {
            let cells: Vec<&str> = line
                .trim()
                .trim_matches('|')
                .split('|')
                .map(str::trim)
                .collect();
            Some((cells.first()?.parse().ok()?, cells.get(1)?.to_string()))
        })
        .collect();
    assert_eq!(rows.len(), 40, "the official table has 40 codes");
    rows
}

/// Whether `FromStr` should accept `text` as `code`: the decimal digits of
/// its value (canonical: no leading zero), or a name form ignoring ASCII case.
fn accepts(code: ErrorCode, text: &str) -> bool {
    if !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) {
        return text == code.value().to_string();
    }
    accepted_forms(code).contains(&text.to_ascii_lowercase())
}

/// Every string `FromStr` accepts for `code`, lowercased: the decimal code,
/// the name and former names (plain and snake_case) and the SDK constant.
fn accepted_forms(code: ErrorCode) -> Vec<String> {
    let mut forms = vec![code.value().to_string()];
    for name in std::iter::once(code.name()).chain(code.former_names().iter().copied()) {
        forms.push(name.to_ascii_lowercase());
        forms.push(snake(name));
    }
    forms.extend(code.sdk_name().map(str::to_ascii_lowercase));
    forms
}

fn snake(name: &str) -> String {
    let mut out = String::new();
    for (i, c) in name.chars().enumerate() {
        if c.is_ascii_uppercase() && i > 0 {
            out.push('_');
        }
        out.push(c.to_ascii_lowercase());
    }
    out
}

#[test]
fn all_is_every_variant_in_code_order() {
    assert_eq!(ErrorCode::COUNT, 50);
    assert_eq!(ErrorCode::ALL.len(), ErrorCode::COUNT);
    assert!(
        ErrorCode::ALL
            .windows(2)
            .all(|w| w[0].value() < w[1].value() && w[0] < w[1])
    );
}

#[test]
fn every_code_round_trips_through_every_conversion() {
    for code in ErrorCode::ALL {
        let n = code.value();
        assert_eq!(n, code as u32);
        assert_eq!(ErrorCode::from_code(n), Some(code));
        assert_eq!(ErrorCode::try_from(n), Ok(code));
        assert_eq!(u32::from(code), n);
        assert!(code == n);
        assert!(n == code);
        assert!(code != n + 1);
        assert_eq!(ErrorCode::from_str(&n.to_string()), Ok(code));

        let name = code.name();
        let forms = [
            name.to_string(),
            name.to_ascii_lowercase(),
            name.to_ascii_uppercase(),
            snake(name),
            snake(name).to_ascii_uppercase(),
        ];
        for form in forms.iter().map(String::as_str).chain(code.sdk_name()) {
            assert_eq!(ErrorCode::from_name(form), Some(code), "{form}");
            assert_eq!(form.parse(), Ok(code), "{form}");
        }
        if let Some(sdk) = code.sdk_name() {
            assert_eq!(ErrorCode::from_name(&sdk.to_ascii_lowercase()), Some(code));
        }

        let (zh_mark, en_mark) = if code.is_documented() {
            ("", "")
        } else {
            (docs::UNOFFICIAL_MARK_ZH, docs::UNOFFICIAL_MARK_EN)
        };
        assert_eq!(
            code.to_string(),
            format!("{n} {}{zh_mark}", code.message_zh())
        );
        assert_eq!(
            code.display_en().to_string(),
            format!("{n} {}{en_mark}", code.message_en())
        );
        assert_eq!(format!("{code:?}"), name);
        assert_eq!(Category::of(n), Some(code.category()));
        assert!(code.category().codes().contains(&code));
        assert_eq!(code.causes_zh().len(), code.causes_en().len());
        let error: &dyn std::error::Error = &code;
        assert_eq!(error.to_string(), code.to_string());
        assert!(error.source().is_none());
    }
}

#[test]
fn no_text_carries_markup_or_stray_spaces() {
    for code in ErrorCode::ALL {
        for text in [code.message_zh(), code.message_en()]
            .iter()
            .chain(code.causes_zh())
            .chain(code.causes_en())
        {
            assert!(
                !text.is_empty() && !text.contains('<') && !text.contains('>'),
                "{code:?}: {text}"
            );
            assert_eq!(text.trim(), *text);
        }
    }
}

#[test]
fn chinese_text_matches_the_official_table() {
    let official = official_table();
    let documented: HashSet<u32> = ErrorCode::ALL
        .iter()
        .filter(|c| c.is_documented())
        .map(|c| c.value())
        .collect();
    assert_eq!(documented, official.keys().copied().collect());

    for (&n, text) in &official {
        let code = ErrorCode::from_code(n).unwrap();
        let mut pieces = text.split("<li/>");
        let lead = pieces.next().unwrap();
        let causes: Vec<&str> = pieces.collect();
        assert_eq!(code.causes_zh(), causes.as_slice(), "{n}");
        if causes.is_empty() {
            assert_eq!(code.message_zh(), text, "{n}");
        } else {
            // The summary is the lead minus the clause that introduces the list.
            let intro = lead
                .strip_prefix(code.message_zh())
                .unwrap_or_else(|| panic!("{n}: {lead}"));
            assert_eq!(intro, "，可能原因：", "{n}");
        }
    }
    assert_eq!(ErrorCode::EnterRoomFailed.causes_zh().len(), 3);
}

#[test]
fn codes_only_the_sdks_define_are_present_and_marked() {
    let sdk_only = [
        201000, 202000, 203000, 203001, 203008, 204000, 205000, 206000, 206002, 207000,
    ];
    for n in sdk_only {
        let code = ErrorCode::from_code(n).unwrap();
        assert!(!code.is_documented(), "{n}");
        assert!(code.sdk_name().is_some(), "{n}");
    }
    assert_eq!(
        ErrorCode::ALL.iter().filter(|c| !c.is_documented()).count(),
        sdk_only.len()
    );
}

#[test]
fn texts_without_an_official_source_are_marked_wherever_shown() {
    assert_eq!(docs::UNOFFICIAL_MARK_ZH, "（非官方文案）");
    assert_eq!(docs::UNOFFICIAL_MARK_EN, " (unofficial text)");
    assert_eq!(
        ErrorCode::OtherFailure.to_string(),
        "207000 其他错误（非官方文案）"
    );
    assert_eq!(
        ErrorCode::OtherFailure.display_en().to_string(),
        "207000 Other error (unofficial text)"
    );
    // The accessors give the text alone; the marker belongs to the display.
    assert_eq!(ErrorCode::OtherFailure.message_zh(), "其他错误");
    let mut table = String::new();
    docs::write_markdown_table(&mut table, &ErrorCode::ALL).unwrap();
    for (code, line) in ErrorCode::ALL.iter().zip(table.lines().skip(2)) {
        assert!(line.starts_with(&format!("| {} |", code.value())), "{line}");
        let marked =
            line.contains(docs::UNOFFICIAL_MARK_ZH) && line.contains(docs::UNOFFICIAL_MARK_EN);
        assert_eq!(marked, !code.is_documented(), "{line}");
        assert!(!code.to_string().contains('†') && !line.contains('†'));
        let text = code.to_string();
        assert_eq!(
            text.contains(docs::UNOFFICIAL_MARK_ZH),
            !code.is_documented()
        );
    }
}

#[test]
fn every_code_has_a_one_line_recovery_reason() {
    for code in ErrorCode::ALL {
        let reason = code.recovery_reason();
        assert!(
            reason.len() > 20 && reason.ends_with('.'),
            "{code:?}: {reason}"
        );
        assert!(!reason.contains(['\n', '\r', '<', '>']), "{code:?}");
        assert!(reason.is_ascii(), "English only: {code:?}: {reason}");
        // The codes only the SDKs define have no text to reason from.
        assert_eq!(
            reason.starts_with("Inferred from the SDK name"),
            !code.is_documented(),
            "{code:?}: {reason}"
        );
    }
}

#[test]
fn every_code_has_a_one_line_recovery_reason_in_chinese() {
    for code in ErrorCode::ALL {
        let reason = code.recovery_reason_zh();
        assert!(reason.ends_with('。'), "{code:?}: {reason}");
        assert!(!reason.contains(['\n', '\r', '<', '>']), "{code:?}");
        assert_eq!(reason.trim(), reason, "{code:?}");
        assert!(!reason.is_ascii(), "Chinese: {code:?}: {reason}");
        assert_ne!(reason, code.recovery_reason(), "{code:?}");
        // As in English, it says when the advice is inferred from the SDK name.
        assert_eq!(
            reason.starts_with("由于没有公开的文案，此建议根据 SDK 常量名"),
            !code.is_documented(),
            "{code:?}: {reason}"
        );
    }
    assert!(
        ErrorCode::RateLimited
            .recovery_reason_zh()
            .contains("每秒 100 次请求")
    );
}

#[test]
fn recovery_reasons_give_the_reviewed_advice() {
    use ErrorCode::*;
    let says = |code: ErrorCode, words: &[&str]| {
        for word in words {
            assert!(
                (code.recovery_reason().to_lowercase()).contains(&word.to_lowercase()),
                "{code:?}: {:?} lacks {word:?}",
                code.recovery_reason()
            );
        }
    };
    assert_eq!(InvalidImAuthResponse.recovery(), Recovery::Configure);
    says(
        InvalidImAuthResponse,
        &["sdkappid and user_sig", "a person"],
    );
    for heartbeat in [HeartbeatFailed, SetHeartbeatFailed, DeleteHeartbeatFailed] {
        assert_eq!(heartbeat.recovery(), Recovery::Retry);
        says(
            heartbeat,
            &["the next heartbeat is the retry", "no extra retry loop"],
        );
    }
    assert_eq!(StorageFailed.recovery(), Recovery::Retry);
    says(
        StorageFailed,
        &[
            "Bounded retry",
            "misconfiguration as often as a transient failure",
        ],
    );
    assert_eq!(RateLimited.recovery(), Recovery::Retry);
    says(RateLimited, &["slow down", "100 requests per second"]);
    for group in [
        AuthenticationFailed,
        RoomManagementFailed,
        PusherManagementFailed,
        AudienceManagementFailed,
        HeartbeatFailed,
        OtherFailure,
    ] {
        assert_eq!(group.value() % 1000, 0);
        says(group, &["Inferred from the SDK name"]);
    }
}

#[test]
fn english_texts_say_anchor_and_follow_the_chinese() {
    for code in ErrorCode::ALL {
        for text in [code.message_en(), code.recovery_reason()]
            .iter()
            .chain(code.causes_en())
        {
            assert!(
                !text.to_ascii_lowercase().contains("pusher"),
                "{code:?}: {text}"
            );
        }
    }
    use ErrorCode::*;
    assert_eq!(
        AudienceFull.message_en(),
        "The number of audience members has reached the limit"
    );
    assert!(
        UnsupportedCustomFieldOperation
            .message_en()
            .ends_with("not one of set, dec or inc")
    );
    assert!(
        MissingMixParameters
            .message_en()
            .ends_with("lack required parameters such as interface")
    );
    assert_eq!(OtherFailure.message_en(), "Other error");
    assert_eq!(
        PusherManagementFailed.message_en(),
        "Anchor management error"
    );
    assert_eq!(TooManyPushers.message_en(), "Too many anchors in the room");
}

/// The variants renamed in this release, with the names they had before.
const RENAMED: [(&str, ErrorCode); 8] = [
    ("AuthenticationError", ErrorCode::AuthenticationFailed),
    ("RoomManagementError", ErrorCode::RoomManagementFailed),
    ("PusherManagementError", ErrorCode::PusherManagementFailed),
    (
        "AudienceManagementError",
        ErrorCode::AudienceManagementFailed,
    ),
    ("HeartbeatError", ErrorCode::HeartbeatFailed),
    ("OtherServerError", ErrorCode::OtherFailure),
    ("GetRedisAddressFailed", ErrorCode::StorageFailed),
    (
        "EmptyCustomFieldOperation",
        ErrorCode::EmptyCustomFieldNameOrOperation,
    ),
];

#[test]
fn former_names_are_deprecated_aliases_in_every_form() {
    let mut aliases = 0;
    for code in ErrorCode::ALL {
        aliases += code.former_names().len();
        for &former in code.former_names() {
            assert!(RENAMED.contains(&(former, code)), "{former}");
        }
    }
    assert_eq!(aliases, RENAMED.len());
    for (former, code) in RENAMED {
        assert_eq!(code.former_names(), [former]);
        for form in [
            former.to_owned(),
            former.to_ascii_lowercase(),
            former.to_ascii_uppercase(),
            snake(former),
            snake(former).to_ascii_uppercase(),
        ] {
            assert_eq!(ErrorCode::from_name(&form), Some(code), "{form}");
            assert_eq!(form.parse(), Ok(code), "{form}");
            assert_eq!(ErrorCode::from_former_name(&form), Some(code), "{form}");
            #[cfg(feature = "serde")]
            assert_eq!(
                serde_json::from_str::<ErrorCode>(&format!("{form:?}")).unwrap(),
                code,
                "{form}"
            );
        }
        // A current name is not a former one.
        assert_eq!(ErrorCode::from_former_name(code.name()), None);
        assert_eq!(ErrorCode::from_former_name(&snake(code.name())), None);
    }
    for code in ErrorCode::ALL {
        assert_eq!(ErrorCode::from_former_name(code.name()), None);
        if let Some(sdk) = code.sdk_name() {
            assert_eq!(ErrorCode::from_former_name(sdk), None);
        }
    }
    assert_eq!(ErrorCode::from_former_name(""), None);
    assert_eq!(ErrorCode::from_former_name(&"A".repeat(1000)), None);
}

#[test]
#[allow(deprecated)]
fn former_names_still_compile_as_deprecated_constants() {
    assert_eq!(
        ErrorCode::AuthenticationError,
        ErrorCode::AuthenticationFailed
    );
    assert_eq!(ErrorCode::GetRedisAddressFailed, ErrorCode::StorageFailed);
    assert!(matches!(
        ErrorCode::from_code(207000),
        Some(ErrorCode::OtherServerError)
    ));
}

#[test]
fn vocabularies_use_standard_traits_only() {
    for &category in Category::ALL {
        let name: &'static str = category.into();
        assert_eq!(name, category.name());
        assert_eq!(category.to_string(), category.name());
        assert_eq!(format!("{category:>9}"), format!("{:>9}", category.name()));
        assert_eq!(Category::try_from(name), Ok(category));
        assert_eq!(name.to_ascii_uppercase().parse(), Ok(category));
    }
    for &recovery in Recovery::ALL {
        let name: &'static str = recovery.into();
        assert_eq!(name, recovery.name());
        assert_eq!(recovery.to_string(), recovery.name());
        assert_eq!(
            format!("{recovery:<16}|"),
            format!("{:<16}|", recovery.name())
        );
        assert_eq!(Recovery::try_from(name), Ok(recovery));
    }
    for &evidence in Evidence::ALL {
        let name: &'static str = evidence.into();
        assert_eq!(name, evidence.name());
        assert_eq!(Evidence::try_from(name), Ok(evidence));
    }
    assert!(Category::try_from("").is_err());
    assert!("give up".parse::<Recovery>().is_err());
}

/// `names` appear in `shown` in this order, each once.
fn lists_in_order(shown: &str, names: &[&str]) {
    let mut from = 0;
    for name in names {
        let at = shown[from..]
            .find(name)
            .unwrap_or_else(|| panic!("{shown:?} lacks {name:?} after byte {from}"));
        from += at + name.len();
    }
}

/// Every failed parse of `T` is the same [`ParseNameError`], whose `Display`
/// lists `names` in order, and which is a `std::error::Error`.
fn name_error_lists<T>(names: &[&str])
where
    T: FromStr<Err = ParseNameError> + std::fmt::Debug,
{
    let err = "no such name".parse::<T>().unwrap_err();
    assert_eq!("".parse::<T>().unwrap_err(), err);
    assert_eq!(format!("{}!", names[0]).parse::<T>().unwrap_err(), err);
    lists_in_order(&err.to_string(), names);
    let err: &dyn std::error::Error = &err;
    assert!(err.source().is_none());
}

#[test]
fn a_name_that_names_nothing_fails_with_the_list_of_names() {
    // The Display the docs show.
    assert_eq!(
        "rooms".parse::<Category>().unwrap_err().to_string(),
        "unknown category: expected request, auth, room, pusher, audience or infra"
    );
    let category: Vec<&str> = Category::ALL.iter().map(|c| c.name()).collect();
    name_error_lists::<Category>(&category);
    let recovery: Vec<&str> = Recovery::ALL.iter().map(|r| r.name()).collect();
    name_error_lists::<Recovery>(&recovery);
    let evidence: Vec<&str> = Evidence::ALL.iter().map(|e| e.name()).collect();
    name_error_lists::<Evidence>(&evidence);
    name_error_lists::<Interface>(&Interface::ALL.map(Interface::name));
    // One type, but each vocabulary's error says which one failed.
    let errors = [
        "x".parse::<Category>().unwrap_err(),
        "x".parse::<Recovery>().unwrap_err(),
        "x".parse::<Evidence>().unwrap_err(),
        "x".parse::<Interface>().unwrap_err(),
    ];
    for (i, a) in errors.iter().enumerate() {
        for b in &errors[i + 1..] {
            assert_ne!(a, b);
            assert_ne!(a.to_string(), b.to_string());
        }
    }
}

#[test]
fn every_recovery_has_advice_in_both_languages() {
    let mut seen = HashSet::new();
    for &recovery in Recovery::ALL {
        let (zh, en) = (recovery.advice_zh(), recovery.advice_en());
        assert!(!zh.is_ascii() && en.is_ascii(), "{recovery:?}");
        assert!(!zh.is_empty() && !en.is_empty(), "{recovery:?}");
        assert!(
            seen.insert(zh) && seen.insert(en),
            "{recovery:?}: advice given twice"
        );
    }
}

#[test]
fn retry_is_bounded_and_backs_off() {
    let delays = Recovery::RETRY_DELAYS_MS;
    assert!(!delays.is_empty() && delays[0] > 0);
    assert!(delays.windows(2).all(|w| w[1] == 2 * w[0]), "{delays:?}");
    // The advice promises exactly these waits.
    for delay in delays {
        let seconds = format!("{} s", delay / 1000);
        assert!(Recovery::Retry.advice_en().contains(&seconds), "{seconds}");
    }
}

#[test]
fn documented_conflict_of_201002_keeps_the_table_text() {
    assert_eq!(ErrorCode::MissingUserSig.message_zh(), "缺少 user_sig");
    assert_eq!(
        ErrorCode::MissingUserSig.sdk_name(),
        Some("ERROR_CODE_NO_USERID")
    );
}

#[test]
fn categories_partition_the_codes_by_range() {
    let mut seen = 0;
    for (i, category) in Category::ALL.iter().enumerate() {
        assert_eq!(Category::ALL.iter().position(|c| c == category), Some(i));
        assert_eq!(category.name().parse(), Ok(*category));
        assert_eq!(category.to_string(), category.name());
        assert!(category.codes().windows(2).all(|w| w[0] < w[1]));
        for code in category.codes() {
            assert_eq!(code.category(), *category);
        }
        seen += category.codes().len();
    }
    assert_eq!(seen, ErrorCode::COUNT);
    let names: Vec<&str> = Category::ALL.iter().map(|c| c.name()).collect();
    assert_eq!(
        names,
        ["request", "auth", "room", "pusher", "audience", "infra"]
    );
    assert_eq!(
        Category::Pusher.codes().first(),
        Some(&ErrorCode::PusherManagementFailed)
    );
    assert_eq!(
        Category::Pusher.codes().last(),
        Some(&ErrorCode::DeleteHeartbeatFailed)
    );
}

#[test]
fn category_of_classifies_unknown_codes_by_range() {
    assert_eq!(Category::of(203011), Some(Category::Room));
    assert_eq!(Category::of(200199), Some(Category::Request));
    assert_eq!(Category::of(200099), None);
    assert_eq!(Category::of(201100), None);
    assert_eq!(Category::of(206099), Some(Category::Pusher));
    assert_eq!(Category::of(207099), Some(Category::Infra));
    for bad in [0, 999, 208000, 2_030_100, u32::MAX] {
        assert_eq!(Category::of(bad), None, "{bad}");
    }
    // Every code in the same hundred as a known code shares its category.
    for code in ErrorCode::ALL {
        let base = code.value() / 100 * 100;
        assert!((base..base + 100).all(|n| Category::of(n) == Some(code.category())));
    }
}

#[test]
fn recovery_names_parse_and_display() {
    let names: Vec<&str> = Recovery::ALL.iter().map(|r| r.name()).collect();
    assert_eq!(
        names,
        [
            "fix-request",
            "reauthenticate",
            "retry",
            "configure",
            "give-up",
            "rejoin",
            "done"
        ]
    );
    for recovery in Recovery::ALL {
        assert_eq!(recovery.name().parse(), Ok(*recovery));
        assert_eq!(
            recovery.name().to_uppercase().replace('-', "_").parse(),
            Ok(*recovery)
        );
        assert_eq!(recovery.to_string(), recovery.name());
    }
    assert!("retry ".parse::<Recovery>().is_err());
    assert!("".parse::<Recovery>().is_err());
    assert!("fix--request".parse::<Recovery>().is_err());
    assert!("room ".parse::<Category>().is_err());
}

#[test]
fn recovery_choices_follow_the_rule() {
    use ErrorCode::*;
    let expect = [
        (MissingRoomId, Recovery::FixRequest),
        (TokenVerificationFailed, Recovery::Reauthenticate),
        (RateLimited, Recovery::Retry),
        (EnterRoomFailed, Recovery::Configure),
        (UnknownSdkAppId, Recovery::Configure),
        (InvalidImAuthResponse, Recovery::Configure),
        (AudienceFull, Recovery::GiveUp),
        (MemberNotInRoom, Recovery::GiveUp),
    ];
    for (code, recovery) in expect {
        assert_eq!(code.recovery(), recovery, "{code:?}");
    }
    // Every request-category code is the caller's fault.
    assert!(
        Category::Request
            .codes()
            .iter()
            .all(|c| c.recovery() == Recovery::FixRequest)
    );
}

#[test]
fn parse_errors_say_what_was_wrong() {
    assert_eq!(ErrorCode::from_str(""), Err(ParseCodeError::Empty));
    assert_eq!(
        ErrorCode::from_str("203011"),
        Err(ParseCodeError::Unknown(
            ErrorCode::try_from(203011).unwrap_err()
        ))
    );
    assert_eq!(
        ErrorCode::from_str("0"),
        Err(ParseCodeError::Unknown(ErrorCode::try_from(0).unwrap_err()))
    );
    assert_eq!(
        ErrorCode::from_str("4294967296"),
        Err(ParseCodeError::OutOfRange)
    );
    assert_eq!(
        ErrorCode::from_str("99999999999999999999"),
        Err(ParseCodeError::OutOfRange)
    );
    assert_eq!(
        ErrorCode::from_str("NoSuchCode"),
        Err(ParseCodeError::UnknownName)
    );
    assert_eq!(
        ErrorCode::from_str("ERROR_CODE_NOPE"),
        Err(ParseCodeError::UnknownName)
    );
    for malformed in [
        "-1",
        "+203010",
        "2.5",
        " 203010",
        "203010 ",
        "２０３００６",
        "Member Not",
        "名字",
        "203010x",
    ] {
        assert_eq!(
            ErrorCode::from_str(malformed),
            Err(ParseCodeError::Malformed),
            "{malformed:?}"
        );
    }
    let long = "A".repeat(10_000);
    assert_eq!(ErrorCode::from_str(&long), Err(ParseCodeError::UnknownName));
    assert_eq!(ErrorCode::from_name(&long), None);
    assert_eq!(ErrorCode::from_name("membernotinroomé"), None);
    assert_eq!(ErrorCode::from_name("ÉrrorCode"), None);

    // An unknown code shows as `UnknownCode` does (the Display its docs show).
    let unknown: UnknownCode = ErrorCode::try_from(203011).unwrap_err();
    assert_eq!(
        ParseCodeError::from(unknown).to_string(),
        "unknown RoomService error code 203011"
    );
    // Each kind of failure says something of its own.
    let shown: HashSet<String> = [
        ParseCodeError::Empty,
        ParseCodeError::from(unknown),
        ParseCodeError::OutOfRange,
        ParseCodeError::UnknownName,
        ParseCodeError::LeadingZero,
        ParseCodeError::Malformed,
    ]
    .iter()
    .map(ToString::to_string)
    .collect();
    assert_eq!(shown.len(), 6);
    assert!(shown.iter().all(|text| !text.is_empty()));
}

proptest! {
    #[test]
    fn from_code_agrees_with_the_table(n in any::<u32>()) {
        let expected = ErrorCode::ALL.iter().copied().find(|c| c.value() == n);
        prop_assert_eq!(ErrorCode::from_code(n), expected);
        prop_assert_eq!(ErrorCode::try_from(n).ok(), expected);
    }

    #[test]
    fn from_code_agrees_near_the_known_codes(n in 199_000u32..209_000) {
        let expected = ErrorCode::ALL.iter().copied().find(|c| c.value() == n);
        prop_assert_eq!(ErrorCode::from_code(n), expected);
        match ErrorCode::try_from(n) {
            Ok(code) => prop_assert_eq!(code.value(), n),
            Err(unknown) => prop_assert_eq!(unknown.value(), n),
        }
    }

    #[test]
    fn parsing_any_string_never_panics_and_only_accepts_real_forms(s in any::<String>()) {
        if let Ok(code) = s.parse::<ErrorCode>() {
            prop_assert!(accepts(code, &s), "{s:?} parsed as {code:?}");
        }
        let _ = s.parse::<Category>();
        let _ = s.parse::<Recovery>();
    }

    /// Real names and codes in every form, then edited: the parse succeeds
    /// exactly when the result is still some code's accepted form.
    #[test]
    fn near_names_parse_exactly_when_they_are_real(
        index in 0..ErrorCode::COUNT,
        form in 0..7usize,
        edit in (0..4usize, any::<prop::sample::Index>(), prop::sample::select(&['a', 'Z', '_', '0', '9', 'é', ' ', '-'][..])),
    ) {
        let code = ErrorCode::ALL[index];
        let forms = [
            code.name().to_owned(),
            code.name().to_ascii_uppercase(),
            snake(code.name()),
            snake(code.name()).to_ascii_uppercase(),
            code.sdk_name().unwrap_or(code.name()).to_owned(),
            code.former_names().first().map_or(code.name().to_owned(), |f| snake(f)),
            code.value().to_string(),
        ];
        let mut chars: Vec<char> = forms[form].chars().collect();
        let (kind, at, c) = edit;
        let at = at.index(chars.len() + 1);
        match kind {
            0 => {}
            1 => chars.insert(at, c),
            2 => { if at < chars.len() { chars.remove(at); } }
            _ => { if at < chars.len() { chars[at] = c; } }
        }
        let text: String = chars.into_iter().collect();
        let expected = ErrorCode::ALL.into_iter().find(|c| accepts(*c, &text));
        prop_assert_eq!(text.parse::<ErrorCode>().ok(), expected, "{:?}", text);
        prop_assert_eq!(ErrorCode::from_name(&text).is_some(), expected.is_some() && !text.starts_with(|c: char| c.is_ascii_digit()), "{:?}", text);
        if kind == 0 {
            prop_assert_eq!(expected, Some(code));
        }
    }

    #[test]
    fn names_match_in_any_ascii_case(index in 0..ErrorCode::COUNT, flips in any::<u64>()) {
        let code = ErrorCode::ALL[index];
        let mixed: String = snake(code.name())
            .chars()
            .enumerate()
            .map(|(i, c)| if flips >> (i % 64) & 1 == 1 { c.to_ascii_uppercase() } else { c })
            .collect();
        prop_assert_eq!(ErrorCode::from_name(&mixed), Some(code));
    }
}
