//! serde: every accepted and every rejected form of a code, and the
//! vocabularies (`Category`, `Recovery`, `Evidence`, `Interface`), which
//! travel as their names and decode through their `FromStr`.

use std::str::FromStr;

use liveroom_errors::{Category, ErrorCode, Evidence, Interface, Recovery};
use proptest::prelude::*;
use serde::Deserialize;
use serde::de::DeserializeOwned;

fn decode(json: &str) -> Result<ErrorCode, String> {
    serde_json::from_str::<ErrorCode>(json).map_err(|e| e.to_string())
}

#[test]
fn codes_serialize_as_integers_and_round_trip() {
    for code in ErrorCode::ALL {
        let json = serde_json::to_string(&code).unwrap();
        assert_eq!(json, code.value().to_string());
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
        let error = serde_json::from_str::<ErrorCode>(json).expect_err(json);
        // Valid JSON of the wrong value: a data error, not a syntax error.
        assert_eq!(
            error.classify(),
            serde_json::error::Category::Data,
            "{json}"
        );
        let error = error.to_string();
        assert!(
            error.contains(named),
            "{json}: `{error}` does not name `{named}`"
        );
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

/// Serializes every value of a vocabulary as its name, and reads it back.
fn travels_as_its_name<T>(all: &[T], name: impl Fn(T) -> &'static str)
where
    T: serde::Serialize + DeserializeOwned + PartialEq + std::fmt::Debug + Copy,
{
    for &value in all {
        let json = serde_json::to_string(&value).unwrap();
        assert_eq!(json, format!("\"{}\"", name(value)));
        assert_eq!(serde_json::from_str::<T>(&json).unwrap(), value);
    }
}

#[test]
fn vocabularies_travel_as_names() {
    travels_as_its_name(Category::ALL, Category::name);
    travels_as_its_name(Recovery::ALL, Recovery::name);
    travels_as_its_name(Evidence::ALL, Evidence::name);
    travels_as_its_name(&Interface::ALL, Interface::name);
}

#[test]
fn vocabularies_decode_what_from_str_parses_and_nothing_else() {
    // `FromStr` ignores case (and takes `_` for a recovery's `-`): so does serde.
    let category: Category = serde_json::from_str(r#""ROOM""#).unwrap();
    assert_eq!(category, Category::Room);
    let recovery: Recovery = serde_json::from_str(r#""Fix_Request""#).unwrap();
    assert_eq!(recovery, Recovery::FixRequest);
    // A wrong name fails as `FromStr` does, with the names to choose from.
    let error = serde_json::from_str::<Category>(r#""rooms""#).unwrap_err();
    assert_eq!(error.classify(), serde_json::error::Category::Data);
    let parse_error = "rooms".parse::<Category>().unwrap_err().to_string();
    assert!(error.to_string().contains(&parse_error), "{error}");
    let error = serde_json::from_str::<Interface>(r#""get_anchor""#).unwrap_err();
    assert!(error.to_string().contains("get_anchor_url"), "{error}");
    // Anything but a string is refused, and named.
    for (json, named) in [
        ("3", "integer `3`"),
        ("null", "null"),
        ("true", "boolean `true`"),
        (r#"["room"]"#, "sequence"),
        (r#"{"room":1}"#, "map"),
    ] {
        for error in [
            serde_json::from_str::<Category>(json).unwrap_err(),
            serde_json::from_str::<Recovery>(json).unwrap_err(),
            serde_json::from_str::<Evidence>(json).unwrap_err(),
            serde_json::from_str::<Interface>(json).unwrap_err(),
        ] {
            assert_eq!(
                error.classify(),
                serde_json::error::Category::Data,
                "{json}"
            );
            assert!(error.to_string().contains(named), "{json}: {error}");
        }
    }
}

/// What serde makes of `text` as a JSON string is what `FromStr` makes of it.
fn agrees_with_from_str<T>(text: &str) -> Result<(), TestCaseError>
where
    T: FromStr + DeserializeOwned + PartialEq + std::fmt::Debug,
{
    let json = serde_json::to_string(text).unwrap();
    let decoded = serde_json::from_str::<T>(&json).ok();
    prop_assert_eq!(decoded, text.parse::<T>().ok(), "{:?}", text);
    Ok(())
}

/// Names of every vocabulary, then edited: case flipped, `-` and `_`
/// swapped, a character added or removed; near misses and hits alike.
fn near_names() -> impl Strategy<Value = String> {
    let names: Vec<&'static str> = (Category::ALL.iter().map(|c| c.name()))
        .chain(Recovery::ALL.iter().map(|r| r.name()))
        .chain(Evidence::ALL.iter().map(|e| e.name()))
        .chain(Interface::ALL.iter().map(|i| i.name()))
        .collect();
    (
        prop::sample::select(names),
        any::<u64>(),
        any::<bool>(),
        prop::option::of((any::<prop::sample::Index>(), any::<bool>(), "[a-z_ -]")),
    )
        .prop_map(|(name, flips, swap, edit)| {
            let mut chars: Vec<char> = (name.chars().enumerate())
                .map(|(i, c)| match c {
                    '-' if swap => '_',
                    '_' if swap => '-',
                    c if flips >> (i % 64) & 1 == 1 => c.to_ascii_uppercase(),
                    c => c,
                })
                .collect();
            if let Some((at, insert, text)) = edit {
                let at = at.index(chars.len() + 1);
                if insert {
                    chars.splice(at..at, text.chars());
                } else if at < chars.len() {
                    chars.remove(at);
                }
            }
            chars.into_iter().collect()
        })
}

proptest! {
    #[test]
    fn arbitrary_json_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..64)) {
        let _ = serde_json::from_slice::<ErrorCode>(&bytes);
        let _ = serde_json::from_slice::<Category>(&bytes);
        let _ = serde_json::from_slice::<Recovery>(&bytes);
        let _ = serde_json::from_slice::<Evidence>(&bytes);
        let _ = serde_json::from_slice::<Interface>(&bytes);
    }

    #[test]
    fn vocabulary_names_decode_exactly_as_they_parse(text in near_names()) {
        agrees_with_from_str::<Category>(&text)?;
        agrees_with_from_str::<Recovery>(&text)?;
        agrees_with_from_str::<Evidence>(&text)?;
        agrees_with_from_str::<Interface>(&text)?;
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
