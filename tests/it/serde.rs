//! serde: every accepted and every rejected form of a code, category and recovery.
#![cfg(feature = "serde")]

use liveroom_errors::{Category, ErrorCode, Recovery};
use proptest::prelude::*;
use serde::Deserialize;

fn decode(json: &str) -> Result<ErrorCode, String> {
    serde_json::from_str::<ErrorCode>(json).map_err(|e| e.to_string())
}

#[test]
fn codes_serialize_as_integers_and_round_trip() {
    for code in ErrorCode::ALL {
        let json = serde_json::to_string(&code).unwrap();
        assert_eq!(json, code.code().to_string());
        assert_eq!(decode(&json), Ok(code));
    }
    assert_eq!(
        serde_json::to_value(&ErrorCode::ALL[..]).unwrap()[0],
        serde_json::json!(200100)
    );
}

#[test]
fn codes_deserialize_from_integers_numeric_strings_and_names() {
    for json in [
        "203010",
        r#""203010""#,
        r#""MemberNotInRoom""#,
        r#""member_not_in_room""#,
        r#""MEMBER_NOT_IN_ROOM""#,
        r#""ERROR_CODE_USER_NOT_IN_ROOM""#,
    ] {
        assert_eq!(decode(json), Ok(ErrorCode::MemberNotInRoom), "{json}");
    }
}

#[test]
fn rejected_values_are_named_in_the_error() {
    let cases = [
        ("203011", "203011"),
        (r#""203011""#, "203011"),
        ("0", "integer `0`"),
        ("-5", "integer `-5`"),
        ("-9223372036854775808", "-9223372036854775808"),
        ("4294967296", "4294967296"),
        ("18446744073709551615", "18446744073709551615"),
        ("2.5", "floating point `2.5`"),
        ("203010.0", "floating point `203010.0`"),
        ("1e30", "floating point"),
        ("99999999999999999999", "floating point"),
        (r#""abc""#, "string \"abc\""),
        (r#""""#, "string \"\""),
        (r#""-1""#, "string \"-1\""),
        (r#""99999999999""#, "string \"99999999999\""),
        ("true", "boolean `true`"),
        ("null", "null"),
        ("[203010]", "sequence"),
        (r#"{"code":203010}"#, "map"),
    ];
    for (json, named) in cases {
        let error = decode(json).expect_err(json);
        assert!(
            error.contains(named),
            "{json}: `{error}` does not name `{named}`"
        );
        assert!(error.contains("RoomService error code"), "{json}: {error}");
    }
}

#[test]
fn a_code_field_inside_a_struct() {
    #[derive(Deserialize)]
    struct Reply {
        code: ErrorCode,
    }
    let reply: Reply =
        serde_json::from_str(r#"{"code":204004,"message":"get push and acc url failed!"}"#)
            .unwrap();
    assert_eq!(reply.code, ErrorCode::GetAcceleratedUrlFailed);
    let error = serde_json::from_str::<Reply>(r#"{"code":1.5}"#)
        .err()
        .unwrap();
    assert!(
        error.to_string().contains("1.5") && error.line() == 1,
        "{error}"
    );
}

#[test]
fn categories_and_recoveries_travel_as_names() {
    for category in Category::ALL {
        let json = serde_json::to_string(category).unwrap();
        assert_eq!(json, format!("\"{}\"", category.name()));
        assert_eq!(serde_json::from_str::<Category>(&json).unwrap(), *category);
    }
    for recovery in Recovery::ALL {
        let json = serde_json::to_string(recovery).unwrap();
        assert_eq!(json, format!("\"{}\"", recovery.name()));
        assert_eq!(serde_json::from_str::<Recovery>(&json).unwrap(), *recovery);
    }
    let error = serde_json::from_str::<Category>(r#""rooms""#)
        .unwrap_err()
        .to_string();
    assert!(
        error.contains("\"rooms\"") && error.contains("category name"),
        "{error}"
    );
    let error = serde_json::from_str::<Recovery>("3")
        .unwrap_err()
        .to_string();
    assert!(
        error.contains("integer `3`") && error.contains("recovery name"),
        "{error}"
    );
}

proptest! {
    #[test]
    fn arbitrary_json_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..64)) {
        let _ = serde_json::from_slice::<ErrorCode>(&bytes);
        let _ = serde_json::from_slice::<Category>(&bytes);
        let _ = serde_json::from_slice::<Recovery>(&bytes);
    }

    #[test]
    fn arbitrary_numbers_decode_to_exactly_the_known_codes(n in any::<i64>()) {
        let decoded = serde_json::from_str::<ErrorCode>(&n.to_string()).ok();
        let expected = u32::try_from(n).ok().and_then(ErrorCode::from_code);
        prop_assert_eq!(decoded, expected);
    }

    #[test]
    fn arbitrary_floats_are_rejected(x in any::<f64>().prop_filter("finite", |x| x.is_finite())) {
        let json = serde_json::to_string(&x).unwrap();
        prop_assert!(serde_json::from_str::<ErrorCode>(&json).is_err(), "{}", json);
    }

    #[test]
    fn arbitrary_json_strings_never_panic(s in any::<String>()) {
        let json = serde_json::to_string(&s).unwrap();
        if let Ok(code) = serde_json::from_str::<ErrorCode>(&json) {
            prop_assert_eq!(Ok(code), s.parse::<ErrorCode>());
        }
    }
}

#[test]
fn codes_with_leading_zeros_are_refused_everywhere() {
    // One rule for the wire, `Code`, `ErrorCode` and its `FromStr`.
    for text in ["0203010", "00", "000203010"] {
        assert_eq!(
            text.parse::<ErrorCode>(),
            Err(liveroom_errors::ParseCodeError::LeadingZero),
            "{text}"
        );
        let quoted = format!("\"{text}\"");
        assert!(
            serde_json::from_str::<ErrorCode>(&quoted).is_err(),
            "{text}"
        );
        assert!(
            serde_json::from_str::<liveroom_errors::Code>(&quoted).is_err(),
            "{text}"
        );
    }
}
