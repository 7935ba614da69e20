//! Property tests of reply decoding against an independent oracle.
//!
//! The bodies are generated with structure, not as random bytes: objects whose
//! `code` takes every JSON shape (`0`, `"0"`, `"00"`, `-0`, floats, huge
//! integers, strings, null, arrays, objects), with payload keys before and after
//! it and duplicated envelope keys, so that nearly every case reaches the
//! decoder's decisions. The oracle reads the same text with `serde_json::Value`
//! (keeping duplicate keys) and applies the rules as the documentation states them.
#![cfg(feature = "json")]

use std::fmt;

use liveroom_errors::wire::{
    self, DecodeError, Empty, ProtocolError, Reply, ReplyError, ValueKind,
};
use proptest::prelude::*;
use serde::de::{Deserializer, MapAccess, Visitor};
use serde_json::Value;

/// What decoding a body must give.
#[derive(Clone, Debug, PartialEq)]
enum Expected {
    Success,
    Failure(i64),
    Protocol(ProtocolError),
    Syntax,
}

/// An object's entries, duplicates kept, in order.
struct Entries(Vec<(String, Value)>);

impl<'de> serde::Deserialize<'de> for Entries {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct EntriesVisitor;
        impl<'de> Visitor<'de> for EntriesVisitor {
            type Value = Entries;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("any JSON")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Entries, A::Error> {
                let mut entries = Vec::new();
                while let Some(entry) = map.next_entry()? {
                    entries.push(entry);
                }
                Ok(Entries(entries))
            }
        }
        deserializer.deserialize_map(EntriesVisitor)
    }
}

fn kind(value: &Value) -> ValueKind {
    match value {
        Value::Null => ValueKind::Null,
        Value::Bool(_) => ValueKind::Bool,
        Value::Number(n) if n.is_f64() => ValueKind::Float,
        Value::Number(_) => ValueKind::Integer,
        Value::String(_) => ValueKind::String,
        Value::Array(_) => ValueKind::Array,
        Value::Object(_) => ValueKind::Object,
    }
}

const TWO_POW_63: f64 = 9_223_372_036_854_775_808.0;

fn oracle(body: &str) -> Expected {
    use ProtocolError::*;
    match serde_json::from_str::<Value>(body) {
        Err(_) => return Expected::Syntax,
        Ok(Value::Object(_)) => {}
        Ok(other) => return Expected::Protocol(NotAnObject(kind(&other))),
    }
    let Entries(entries) = serde_json::from_str(body).unwrap();
    let find = |name: &str| {
        entries
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v)
            .collect::<Vec<_>>()
    };
    for field in ["code", "message", "error", "timestamp"] {
        if find(field).len() > 1 {
            return Expected::Protocol(DuplicateField(field));
        }
    }
    let Some(code) = find("code").first().copied() else {
        return Expected::Protocol(MissingCode);
    };
    let code = match code {
        Value::Number(n) => match (n.as_i64(), n.as_u64(), n.as_f64()) {
            (Some(i), _, _) => i,
            (None, Some(_), _) => return Expected::Protocol(OutOfRange { field: "code" }),
            (_, _, Some(f)) if f.fract() == 0.0 && f.abs() >= TWO_POW_63 => {
                return Expected::Protocol(OutOfRange { field: "code" });
            }
            _ => {
                return Expected::Protocol(WrongType {
                    field: "code",
                    found: ValueKind::Float,
                });
            }
        },
        Value::String(s) => {
            let digits = s.strip_prefix('-').unwrap_or(s);
            let canonical = !digits.is_empty()
                && digits.bytes().all(|b| b.is_ascii_digit())
                && (digits == "0" || !digits.starts_with('0'))
                && s != "-0";
            if !canonical {
                return Expected::Protocol(NotDecimal { field: "code" });
            }
            match s.parse::<i64>() {
                Ok(i) => i,
                Err(_) => return Expected::Protocol(OutOfRange { field: "code" }),
            }
        }
        other => {
            return Expected::Protocol(WrongType {
                field: "code",
                found: kind(other),
            });
        }
    };
    for field in ["message", "error"] {
        if let Some(value) = find(field).first() {
            if !matches!(value, Value::String(_) | Value::Null) {
                return Expected::Protocol(WrongType {
                    field,
                    found: kind(value),
                });
            }
        }
    }
    if let Some(value) = find("timestamp").first() {
        let field = "timestamp";
        match value {
            Value::Null => {}
            Value::Number(n) if n.as_u64().is_some() => {}
            Value::Number(n) if n.as_i64().is_some() => {
                return Expected::Protocol(OutOfRange { field });
            }
            Value::Number(n)
                if n.as_f64()
                    .is_some_and(|f| f.fract() == 0.0 && f.abs() >= TWO_POW_63) =>
            {
                return Expected::Protocol(OutOfRange { field });
            }
            other => {
                return Expected::Protocol(WrongType {
                    field,
                    found: kind(other),
                });
            }
        }
    }
    if code == 0 {
        Expected::Success
    } else {
        Expected::Failure(code)
    }
}

/// What the decoder said, in the oracle's terms.
fn decoded<T>(result: Result<Reply<T>, DecodeError>) -> Expected {
    match result {
        Ok(reply) if reply.is_success() => Expected::Success,
        Ok(reply) => Expected::Failure(reply.code_value()),
        Err(DecodeError::Protocol(problem)) => Expected::Protocol(problem),
        Err(DecodeError::Syntax(_)) => Expected::Syntax,
        Err(other) => panic!("unexpected {other:?}"),
    }
}

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
        "null",
        "true",
        "[1,\"a\"]",
        "{\"code\":0}",
        "\"Success!\"",
        "1.5",
        "\"\"",
        "\"\\u0030\"",
    ];
    prop_oneof![
        3 => proptest::sample::select(FIXED).prop_map(str::to_owned),
        1 => any::<i64>().prop_map(|n| n.to_string()),
        1 => any::<u64>().prop_map(|n| n.to_string()),
        1 => "-?[0-9]{1,3}".prop_map(|s| format!("\"{s}\"")),
    ]
}

fn key() -> impl Strategy<Value = &'static str> {
    proptest::sample::select(
        &[
            "code",
            "code",
            "code",
            "message",
            "error",
            "timestamp",
            "token",
            "userID",
            "x",
        ][..],
    )
}

fn entries() -> impl Strategy<Value = Vec<(&'static str, String)>> {
    proptest::collection::vec((key(), value()), 0..7)
}

fn object(entries: &[(&str, String)]) -> String {
    let fields: Vec<String> = entries
        .iter()
        .map(|(k, v)| format!("\"{k}\":{v}"))
        .collect();
    format!("{{{}}}", fields.join(","))
}

#[derive(Debug, serde::Deserialize)]
#[allow(dead_code)]
struct Login {
    token: String,
    #[serde(rename = "userID")]
    user_id: Option<String>,
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn every_entry_point_decodes_exactly_as_the_oracle_says(entries in entries()) {
        let body = object(&entries);
        let expected = oracle(&body);
        prop_assert_ne!(&expected, &Expected::Syntax);
        prop_assert_eq!(decoded(wire::from_str::<Empty>(&body)), expected.clone(), "{}", body);
        prop_assert_eq!(decoded(wire::from_slice::<Empty>(body.as_bytes())), expected.clone(), "{}", body);
        prop_assert_eq!(decoded(wire::from_str::<()>(&body)), expected.clone(), "{}", body);
        let plain = serde_json::from_str::<Reply>(&body);
        match &expected {
            Expected::Success => prop_assert!(plain.unwrap().is_success()),
            Expected::Failure(code) => prop_assert_eq!(plain.unwrap().code_value(), *code),
            _ => prop_assert!(plain.is_err()),
        }
        // A payload type whose fields are absent or of any type: a failure stays a failure.
        match (wire::decode::<Login>(body.as_bytes()), &expected) {
            (Err(ReplyError::Server(err)), Expected::Failure(code)) => prop_assert_eq!(err.code().value(), *code),
            (Ok(_) | Err(ReplyError::Decode(DecodeError::Payload(_))), Expected::Success) => {}
            (Err(ReplyError::Decode(DecodeError::Protocol(p))), Expected::Protocol(q)) => prop_assert_eq!(p, *q),
            (other, expected) => prop_assert!(false, "{}: {:?} for {:?}", body, other, expected),
        }
    }

    #[test]
    fn key_order_never_changes_the_result(shuffled in entries().prop_flat_map(|e| (Just(e.clone()), Just(e).prop_shuffle()))) {
        let (original, shuffled) = shuffled;
        let (a, b) = (object(&original), object(&shuffled));
        prop_assert_eq!(decoded(wire::from_str::<Empty>(&a)), decoded(wire::from_str::<Empty>(&b)), "{} vs {}", a, b);
        let login = |body: &str| format!("{:?}", wire::decode::<Login>(body.as_bytes()).map_err(|e| e.server_error().map(|s| s.code())));
        prop_assert_eq!(login(&a), login(&b), "{} vs {}", a, b);
    }

    #[test]
    fn a_damaged_body_is_a_syntax_error_wherever_the_damage_is(
        entries in entries(),
        at in any::<prop::sample::Index>(),
        damage in proptest::sample::select(&["", "}", "\"", ",", ":", "x", "[", "\\", "\u{0}", "1."][..]),
        cut in any::<bool>(),
    ) {
        let body = object(&entries);
        let at = at.index(body.len() + 1);
        let damaged = if cut { body[..at].to_owned() } else { format!("{}{damage}{}", &body[..at], &body[at..]) };
        let result = decoded(wire::from_str::<Empty>(&damaged));
        prop_assert_eq!(result, oracle(&damaged), "{}", damaged);
    }
}

/// The bodies of `tests/wire.rs` and the real ones of wire-format.md, as
/// `(key, value)` lists: each must decode the same in every order of its keys.
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
];

#[test]
fn every_test_body_decodes_the_same_in_every_key_order() {
    fn permutations(items: &[(String, Value)]) -> Vec<Vec<(String, Value)>> {
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
    let render = |entries: &[(String, Value)]| {
        let fields: Vec<String> = entries
            .iter()
            .map(|(k, v)| format!("{}:{v}", Value::from(k.as_str())))
            .collect();
        format!("{{{}}}", fields.join(","))
    };
    let outcome = |body: &str| {
        let login = wire::decode::<Login>(body.as_bytes())
            .map_err(|e| e.server_error().map(|s| s.code().value()))
            .map(|l| (l.token, l.user_id));
        let merge = wire::decode::<wire::MergeStream>(body.as_bytes())
            .map(|m| (m.merge_code(), m.merge_message().to_owned()))
            .map_err(|e| e.server_error().map(|s| s.code().value()));
        (
            decoded(wire::from_str::<Empty>(body)),
            format!("{login:?}"),
            format!("{merge:?}"),
        )
    };
    let (mut orders, mut expected_orders) = (0, 0);
    for body in BODIES {
        let Entries(entries) = serde_json::from_str(body).unwrap();
        expected_orders += (1..=entries.len()).product::<usize>();
        let expected = outcome(body);
        for order in permutations(&entries) {
            let permuted = render(&order);
            assert_eq!(outcome(&permuted), expected, "{permuted} vs {body}");
            orders += 1;
        }
    }
    assert_eq!(orders, expected_orders);
}
