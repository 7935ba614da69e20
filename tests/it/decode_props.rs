//! Property tests of `api::decode` against an independent oracle.
//!
//! The oracle (`decode_props/oracle.rs`, whose documentation states the
//! rules) reads a body with its own JSON reader (`decode_props/json.rs`: RFC
//! 8259, duplicate keys and the text of numbers kept, no limits), never the
//! crate's. The fuzz targets include both files, so they and these tests hold
//! `api::decode` to one oracle. Their own tests run here.
//!
//! The bodies are generated with structure, not as random bytes: objects
//! whose keys are mostly envelope keys and whose values take every JSON shape
//! and the spellings decoders get wrong, so that nearly every case reaches a
//! decision of the decoder (`the_generator_reaches_every_outcome` checks).
//! CI runs them with and without serde_json's `arbitrary_precision`: the
//! oracle does not depend on it, so the decoder must not either.

pub mod json;
mod oracle;

use std::collections::BTreeMap;

use liveroom_errors::api::{self, GetCustomInfoReply, ProtocolError, ServerError};
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::TestRunner;
use serde::Deserialize;

use json::Json;
use oracle::{Expected, Payload, decoded, expect, values};

/// A derived payload: `token` required, `userID` optional, others ignored.
#[derive(Debug, PartialEq, Deserialize)]
struct Login {
    token: String,
    #[serde(rename = "userID")]
    user_id: Option<String>,
}

impl api::Reply for Login {
    type Error = ServerError;
}

impl Payload for Login {
    fn expected(fields: &[&(String, Json)]) -> Option<Login> {
        // A derive refuses a field it reads given twice, and reads only its own.
        let token = match values(fields, "token")[..] {
            [Json::String(token)] => token.clone(),
            _ => return None,
        };
        let user_id = match values(fields, "userID")[..] {
            [] | [Json::Null] => None,
            [Json::String(user_id)] => Some(user_id.clone()),
            _ => return None,
        };
        Some(Login { token, user_id })
    }
}

impl Payload for Option<Login> {
    fn expected(fields: &[&(String, Json)]) -> Option<Self> {
        match fields {
            [] => Some(None),
            fields => Login::expected(fields).map(Some),
        }
    }
}

/// Checks `body` as a reply `T`, as text and as bytes, against the oracle.
fn agrees<T: Payload>(body: &str) -> Result<Expected<T>, TestCaseError> {
    let expected = expect::<T>(body.as_bytes());
    prop_assert_eq!(
        &decoded::<T>(body),
        &expected,
        "{} as {}",
        body,
        std::any::type_name::<T>()
    );
    prop_assert_eq!(
        &decoded::<T>(body.as_bytes()),
        &expected,
        "{} (bytes)",
        body
    );
    Ok(expected)
}

/// Checks `body` with every payload type; returns the verdict for `()`.
fn all_agree(body: &str) -> Result<Expected<()>, TestCaseError> {
    agrees::<Login>(body)?;
    agrees::<Option<Login>>(body)?;
    agrees::<GetCustomInfoReply>(body)?;
    agrees::<()>(body)
}

// ---------------------------------------------------------------------------
// The generator.

/// Values as JSON text, chosen to reach every decision of the decoder.
fn value() -> impl Strategy<Value = String> {
    const FIXED: &[&str] = &[
        "0",
        "\"0\"",
        "\"00\"",
        "\"-0\"",
        "-0",
        "0.0",
        "1e3",
        "-0.0",
        "203010",
        "\"203010\"",
        "-1",
        "\"-1\"",
        "\"0203010\"",
        "9223372036854775807",
        "9223372036854775808",
        "-9223372036854775809",
        "18446744073709551615",
        "18446744073709551616",
        "1e30",
        "-1e30",
        "1e400",
        "-1e400",
        "1e-400",
        "1.7976931348623158e308",
        "1.79769313486231581e308",
        "null",
        "true",
        "[1,\"a\"]",
        "[1e400]",
        "{\"code\":0}",
        "\"Success!\"",
        "\"t\"",
        "\"\\u00e9\\ud83d\\ude00\"",
        "1.5",
        "\"\"",
        "\"\\u0030\"",
        r#"{"$serde_json::private::Number":"0"}"#,
        r#"{"$serde_json::private::Number":"1.5"}"#,
        r#"{"$serde_json::private::Number":"1e400"}"#,
        r#"{"praise":3,"notice":"hi"}"#,
        r#"{"praise":{"$serde_json::private::Number":"1.5"}}"#,
        r#"{"a":1,"a":"x"}"#,
        r#"{"a":-0,"b":1e-3,"c":18446744073709551615}"#,
        r#"{"a":1e400}"#,
        r#"{"a":null}"#,
    ];
    prop_oneof![
        6 => proptest::sample::select(FIXED).prop_map(str::to_owned),
        1 => any::<i64>().prop_map(|n| n.to_string()),
        1 => any::<u64>().prop_map(|n| n.to_string()),
        1 => any::<f64>().prop_filter("finite", |x| x.is_finite()).prop_map(|x| format!("{x:e}")),
        1 => "-?[0-9]{1,3}".prop_map(|s| format!("\"{s}\"")),
        1 => text(),
        // Deeper than serde_json's limit of 128.
        1 => (100..200usize, any::<bool>()).prop_map(|(depth, array)| {
            let (open, close) = if array { ("[", "]") } else { (r#"{"a":"#, "}") };
            format!("{}0{}", open.repeat(depth), close.repeat(depth))
        }),
    ]
}

/// A JSON string of any characters (escaped as needed).
fn text() -> impl Strategy<Value = String> {
    "(?s).{0,6}".prop_map(|s| Json::String(s).to_text())
}

/// An object of custom fields: numbers, strings, and now and then a name
/// twice or a value of another type.
fn custom_fields() -> impl Strategy<Value = String> {
    let name = proptest::sample::select(&["praise", "notice", "a"][..]);
    let field = prop_oneof![
        2 => any::<i64>().prop_map(|n| n.to_string()),
        2 => text(),
        1 => value(),
    ];
    proptest::collection::vec((name, field), 0..3).prop_map(|fields| object(&fields))
}

/// One entry of the object: an envelope key (`code` also with an escape,
/// the same key once read) or a payload key, whose values are mostly of the
/// type the payload types read.
fn entry() -> impl Strategy<Value = (&'static str, String)> {
    let code = proptest::sample::select(&["code", "c\\u006fde"][..]);
    let text_key = proptest::sample::select(&["message", "error"][..]);
    let milliseconds = any::<u64>().prop_map(|ms| ms.to_string());
    prop_oneof![
        1 => (code, value()),
        2 => (text_key, prop_oneof![2 => text(), 1 => value()]),
        1 => (Just("timestamp"), prop_oneof![2 => milliseconds, 1 => value()]),
        2 => (Just("token"), prop_oneof![2 => text(), 1 => value()]),
        1 => (Just("userID"), prop_oneof![1 => text(), 1 => value()]),
        2 => (Just("custom"), prop_oneof![2 => custom_fields(), 1 => value()]),
        1 => (Just("x"), value()),
    ]
}

/// A value for the body's `code`: mostly a success, else anything.
fn code() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => proptest::sample::select(&["0", "\"0\"", "\"\\u0030\""][..]).prop_map(str::to_owned),
        1 => proptest::sample::select(&["203010", "\"-1\"", "207004"][..]).prop_map(str::to_owned),
        2 => value(),
    ]
}

/// An object's entries: usually one `code` among entries of any key (so
/// there may be more), values of every shape.
fn entries() -> impl Strategy<Value = Vec<(&'static str, String)>> {
    let others = proptest::collection::vec(entry(), 0..6);
    (
        proptest::option::weighted(0.9, code()),
        any::<prop::sample::Index>(),
        others,
    )
        .prop_map(|(code, at, mut entries)| {
            if let Some(code) = code {
                entries.insert(at.index(entries.len() + 1), ("code", code));
            }
            entries
        })
}

fn object(entries: &[(&str, String)]) -> String {
    let fields: Vec<String> = (entries.iter())
        .map(|(k, v)| format!("\"{k}\":{v}"))
        .collect();
    format!("{{{}}}", fields.join(","))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn decode_gives_exactly_what_the_oracle_says(entries in entries()) {
        all_agree(&object(&entries))?;
    }

    #[test]
    fn key_order_never_changes_the_result(
        (original, shuffled) in entries().prop_flat_map(|e| (Just(e.clone()), Just(e).prop_shuffle())),
    ) {
        let (a, b) = (object(&original), object(&shuffled));
        // The oracle itself ignores order; the decoder must too.
        prop_assert_eq!(expect::<Login>(a.as_bytes()), expect::<Login>(b.as_bytes()));
        prop_assert_eq!(decoded::<Login>(&a), decoded::<Login>(&b), "{} vs {}", a, b);
        prop_assert_eq!(decoded::<()>(&a), decoded::<()>(&b), "{} vs {}", a, b);
        prop_assert_eq!(decoded::<GetCustomInfoReply>(&a), decoded::<GetCustomInfoReply>(&b), "{} vs {}", a, b);
    }

    #[test]
    fn a_damaged_body_is_judged_as_the_oracle_says(
        entries in entries(),
        at in any::<prop::sample::Index>(),
        damage in proptest::sample::select(&[
            "", "}", "\"", ",", ":", "x", "[", "\\", "\u{0}", "1.", "\\ud800", "\u{feff}", " ",
        ][..]),
        cut in any::<bool>(),
    ) {
        let body = object(&entries);
        // Damage at a character boundary (the body is text); `\xff` below.
        let mut at = at.index(body.len() + 1);
        while !body.is_char_boundary(at) {
            at -= 1;
        }
        let damaged = if cut { body[..at].to_owned() } else { format!("{}{damage}{}", &body[..at], &body[at..]) };
        all_agree(&damaged)?;
        let mut bytes = body.into_bytes();
        bytes.insert(at, 0xff);
        prop_assert_eq!(decoded::<()>(&bytes), Expected::Syntax);
    }
}

/// The generator reaches every outcome, damaged or not: the properties above
/// test decisions, not only bodies that are all the same.
#[test]
fn the_generator_reaches_every_outcome() {
    // A fixed seed: the counts are the same on every run.
    let mut runner = TestRunner::deterministic();
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    for _ in 0..2000 {
        let entries = entries().new_tree(&mut runner).unwrap().current();
        let body = object(&entries);
        let outcome = match expect::<Login>(body.as_bytes()) {
            Expected::Syntax => "syntax",
            Expected::Protocol(ProtocolError::DuplicateField(_)) => "duplicate",
            Expected::Protocol(ProtocolError::MissingCode) => "missing code",
            Expected::Protocol(_) => "other protocol error",
            Expected::Failure { .. } => "failure",
            Expected::Success { .. } => "success",
            Expected::Payload => "payload",
        };
        *seen.entry(outcome).or_default() += 1;
        if matches!(
            expect::<GetCustomInfoReply>(body.as_bytes()),
            Expected::Success { .. }
        ) {
            *seen.entry("custom success").or_default() += 1;
        }
    }
    for outcome in [
        "syntax",
        "duplicate",
        "missing code",
        "other protocol error",
        "failure",
        "success",
        "payload",
        "custom success",
    ] {
        let count = seen.get(outcome).copied().unwrap_or(0);
        assert!(count >= 25, "{outcome}: {count} of 2000 ({seen:?})");
    }
}

/// Bodies of the decoding tests and the real ones of docs/protocol.md: each
/// must decode the same in every order of its keys.
const BODIES: &[&str] = &[
    r#"{"code":0,"message":"Success!","timestamp":1565610959661,"token":"c9527c191598662c6f392146f65ae520*1400047134","userID":"user_dda36c3f_7c91"}"#,
    r#"{"code":204004,"message":"get push and acc url failed!","timestamp":1577087588457}"#,
    r#"{"userID":"u","extra":{"deep":[1,2,3]},"token":"t","timestamp":5,"code":0,"message":"ok"}"#,
    r#"{"token":5,"code":203010,"message":"user not in room"}"#,
    r#"{"error":"e","code":-1,"message":"m"}"#,
    r#"{"code":"203010","message":"x","timestamp":null}"#,
    r#"{"code":0,"message":"Success!","merge_code":1001,"merge_msg":"input stream not found"}"#,
    r#"{"code":0,"merge_code":1,"merge_msg":"android","merge_message":"ios"}"#,
    r#"{"timestamp":"x","code":1.5,"message":2}"#,
    r#"{"message":1,"message":2,"code":1,"code":2}"#,
    r#"{"code":0,"token":"a","token":"b","userID":"u"}"#,
    r#"{"code":"00","token":"t","userID":"u"}"#,
    r#"{"code":203010,"message":"x","extra":{"$serde_json::private::Number":"1e400"}}"#,
    r#"{"code":0,"custom":{"praise":{"$serde_json::private::Number":"1.5"}},"message":"m"}"#,
    r#"{"code":0,"custom":{"a":1,"a":"x"},"timestamp":1}"#,
    r#"{"code":1,"code":1e400,"x":1}"#,
    r#"{"code":0,"x":1e400,"token":"t","userID":null}"#,
];

#[test]
fn every_test_body_decodes_the_same_in_every_key_order() {
    fn permutations<T: Clone>(items: &[T]) -> Vec<Vec<T>> {
        if items.len() <= 1 {
            return vec![items.to_vec()];
        }
        let mut all = Vec::new();
        for i in 0..items.len() {
            let mut rest = items.to_vec();
            let first = rest.remove(i);
            for mut tail in permutations(&rest) {
                tail.insert(0, first.clone());
                all.push(tail);
            }
        }
        all
    }
    let outcome = |body: &str| {
        let merge = match api::decode::<api::MergeStreamReply>(body) {
            Ok(merge) => format!("{:?}", merge.payload),
            Err(err) => format!("{:?}", err.server().map(|e| e.to_string())),
        };
        (
            decoded::<()>(body),
            decoded::<Login>(body),
            decoded::<GetCustomInfoReply>(body),
            merge,
        )
    };
    let (mut orders, mut expected_orders) = (0, 0);
    for body in BODIES {
        let Some(Json::Object(entries)) = Json::parse(body.as_bytes()) else {
            panic!("{body}")
        };
        expected_orders += (1..=entries.len()).product::<usize>();
        let expected = outcome(body);
        assert_eq!(expected.0, expect::<()>(body.as_bytes()), "{body}");
        assert_eq!(expected.1, expect::<Login>(body.as_bytes()), "{body}");
        assert_eq!(
            expected.2,
            expect::<GetCustomInfoReply>(body.as_bytes()),
            "{body}"
        );
        for order in permutations(&entries) {
            let permuted = Json::Object(order).to_text();
            assert_eq!(outcome(&permuted), expected, "{permuted} vs {body}");
            orders += 1;
        }
    }
    assert_eq!(orders, expected_orders);
}
