//! Property tests of `api::decode` against an independent oracle.
//!
//! The oracle reads a body with its own JSON reader (`decode_props/json.rs`:
//! RFC 8259, duplicate keys and the text of numbers kept, no limits), never
//! with the crate, and applies the rules as the documentation states them
//! (CHANGELOG "Unreleased (0.3.0)", `api::decode`):
//!
//! - invalid JSON anywhere (UTF-8, RFC 8259, a lone surrogate escape even in
//!   a value nothing reads, anything but whitespace after the value) is a
//!   syntax error;
//! - a number beyond `f64` is serde_json's "number out of range" (a syntax
//!   error to serde_json) where it is read: the body's value, an envelope
//!   key's value (every occurrence), a value the payload type reads (then a
//!   payload error for a success); never inside an array or object that is
//!   only skipped, nor in a key nothing reads. `f64` as serde_json reads it
//!   (`serde_json::from_str::<f64>`, the same with `arbitrary_precision`);
//! - then, in this order: not an object; an envelope key twice (`code`,
//!   `message`, `error`, `timestamp`); no `code`; `code` not an integer within
//!   `i64` nor a canonical decimal string within `i64`; `message`/`error` not
//!   a string or null; `timestamp` not null nor an integer in `0..=u64::MAX`;
//! - a non-zero code is the server's error with exactly that code, the text
//!   of `message` (else `error`) and the timestamp; the payload is not judged;
//! - code `0` is a success when the payload keys fit the payload type (a key
//!   the type reads given twice does not), else a payload error;
//! - an object is an object, whatever its keys (serde_json's private
//!   `$serde_json::private::Number` included).
//!
//! The bodies are generated with structure, not as random bytes: objects
//! whose keys are mostly envelope keys and whose values take every JSON shape
//! and the spellings decoders get wrong, so that nearly every case reaches a
//! decision of the decoder (`the_generator_reaches_every_outcome` checks).
//! CI runs them with and without serde_json's `arbitrary_precision`: the
//! oracle does not depend on it, so the decoder must not either.

pub mod json;

use std::collections::BTreeMap;
use std::fmt::Debug;

use liveroom_errors::api::{
    self, CallError, CustomValue, GetCustomInfoReply, ProtocolError, ServerError, ValueKind,
};
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::TestRunner;
use serde::Deserialize;

use json::Json;

/// The envelope's keys; every other key belongs to the payload.
const ENVELOPE: [&str; 4] = ["code", "message", "error", "timestamp"];

/// What decoding a body must give.
#[derive(Clone, Debug, PartialEq)]
enum Expected<T> {
    Syntax,
    Protocol(ProtocolError),
    Failure {
        code: i64,
        message: String,
        timestamp: Option<u64>,
    },
    Success {
        payload: T,
        message: String,
        timestamp: Option<u64>,
    },
    Payload,
}

/// A payload type whose fit the oracle decides on its own.
trait Payload: api::Reply + PartialEq + Debug + Sized {
    /// The payload the payload keys decode to, or `None` when they do not fit.
    fn expected(fields: &[&(String, Json)]) -> Option<Self>;
}

impl Payload for () {
    fn expected(_: &[&(String, Json)]) -> Option<()> {
        Some(())
    }
}

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

/// The values of the key `name` among `fields`.
fn values<'a>(fields: &[&'a (String, Json)], name: &str) -> Vec<&'a Json> {
    (fields.iter())
        .filter(|(key, _)| key == name)
        .map(|(_, value)| value)
        .collect()
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

impl Payload for GetCustomInfoReply {
    fn expected(fields: &[&(String, Json)]) -> Option<Self> {
        let [Json::Object(entries)] = values(fields, "custom")[..] else {
            return None;
        };
        let mut custom = BTreeMap::new();
        for (name, value) in entries {
            let value = match value {
                Json::String(text) => CustomValue::Text(text.clone()),
                Json::Number(text) => match number(text) {
                    Number::Integer(n) => CustomValue::Integer(n),
                    // Beyond `i64`, the nearest float, as integers beyond `u64` are.
                    Number::Unsigned(n) => CustomValue::Float(n as f64),
                    Number::Float(x) => CustomValue::Float(x),
                    Number::BeyondF64 => return None,
                },
                // An object is an object, whatever its keys.
                _ => return None,
            };
            // A name given twice is refused.
            custom.insert(name.clone(), value).is_none().then_some(())?;
        }
        Some(GetCustomInfoReply { custom })
    }
}

/// A number as serde_json reads it (without `arbitrary_precision`).
#[derive(Debug, PartialEq)]
enum Number {
    /// An integer literal within `i64` (not `-0`).
    Integer(i64),
    /// An integer literal above `i64::MAX`, within `u64`.
    Unsigned(u64),
    /// Any other number: `-0`, a fraction, an exponent, an integer beyond 64 bits.
    Float(f64),
    /// A number serde_json cannot read: "number out of range".
    BeyondF64,
}

fn number(text: &str) -> Number {
    let integer = !text.contains(['.', 'e', 'E']) && text != "-0";
    if integer {
        if let Ok(n) = text.parse::<i64>() {
            return Number::Integer(n);
        }
        if let Ok(n) = text.parse::<u64>() {
            return Number::Unsigned(n);
        }
    }
    // serde_json's own reading of a float, which differs from `str::parse`
    // near the limits; it is the same with or without `arbitrary_precision`.
    match serde_json::from_str::<f64>(text) {
        Ok(x) => Number::Float(x),
        Err(_) => Number::BeyondF64,
    }
}

/// The JSON type of a value, as a `ProtocolError` names it.
fn kind(value: &Json) -> ValueKind {
    match value {
        Json::Null => ValueKind::Null,
        Json::Bool(_) => ValueKind::Bool,
        Json::Number(text) => match number(text) {
            Number::Integer(_) | Number::Unsigned(_) => ValueKind::Integer,
            _ => ValueKind::Float,
        },
        Json::String(_) => ValueKind::String,
        Json::Array(_) => ValueKind::Array,
        Json::Object(_) => ValueKind::Object,
    }
}

const TWO_POW_63: f64 = 9_223_372_036_854_775_808.0;

/// A float that is a whole number beyond `i64`: its writer meant an integer
/// out of range (serde_json reads integers beyond 64 bits as floats).
fn huge(number: &Number) -> bool {
    matches!(*number, Number::Float(x) if x.abs() >= TWO_POW_63)
}

/// What the rules say `body` decodes to as a reply `T`.
fn oracle<T: Payload>(body: &[u8]) -> Expected<T> {
    use ProtocolError::*;
    let Some(value) = json::parse(body) else {
        return Expected::Syntax;
    };
    let beyond_f64 =
        |value: &Json| matches!(value, Json::Number(t) if number(t) == Number::BeyondF64);
    let entries = match value {
        Json::Object(entries) => entries,
        other if beyond_f64(&other) => return Expected::Syntax,
        other => return Expected::Protocol(NotAnObject(kind(&other))),
    };
    let envelope = |name: &str| -> Vec<&Json> {
        (entries.iter())
            .filter(|(key, _)| key == name)
            .map(|(_, value)| value)
            .collect()
    };
    // Every value of an envelope key is read.
    if ENVELOPE
        .iter()
        .flat_map(|key| envelope(key))
        .any(beyond_f64)
    {
        return Expected::Syntax;
    }
    if let Some(field) = ENVELOPE.into_iter().find(|key| envelope(key).len() > 1) {
        return Expected::Protocol(DuplicateField(field));
    }
    let one = |name: &str| envelope(name).first().copied();

    let Some(code) = one("code") else {
        return Expected::Protocol(MissingCode);
    };
    let field = "code";
    let code = match code {
        Json::Number(text) => match number(text) {
            Number::Integer(code) => code,
            Number::Unsigned(_) => return Expected::Protocol(OutOfRange { field }),
            n if huge(&n) => return Expected::Protocol(OutOfRange { field }),
            _ => {
                return Expected::Protocol(WrongType {
                    field,
                    found: ValueKind::Float,
                });
            }
        },
        Json::String(text) => {
            let digits = text.strip_prefix('-').unwrap_or(text);
            let canonical = text == "0"
                || (digits.starts_with(|c: char| ('1'..='9').contains(&c))
                    && digits.bytes().all(|b| b.is_ascii_digit()));
            if !canonical {
                return Expected::Protocol(NotDecimal { field });
            }
            match text.parse::<i64>() {
                Ok(code) => code,
                Err(_) => return Expected::Protocol(OutOfRange { field }),
            }
        }
        other => {
            return Expected::Protocol(WrongType {
                field,
                found: kind(other),
            });
        }
    };
    let mut texts = Vec::new();
    for field in ["message", "error"] {
        match one(field) {
            None | Some(Json::Null) => texts.push(None),
            Some(Json::String(text)) => texts.push(Some(text.clone())),
            Some(other) => {
                return Expected::Protocol(WrongType {
                    field,
                    found: kind(other),
                });
            }
        }
    }
    let field = "timestamp";
    let timestamp = match one(field) {
        None | Some(Json::Null) => None,
        Some(Json::Number(text)) => match number(text) {
            Number::Integer(ms) if ms >= 0 => Some(ms as u64),
            Number::Unsigned(ms) => Some(ms),
            Number::Integer(_) => return Expected::Protocol(OutOfRange { field }),
            n if huge(&n) => return Expected::Protocol(OutOfRange { field }),
            _ => {
                return Expected::Protocol(WrongType {
                    field,
                    found: ValueKind::Float,
                });
            }
        },
        Some(other) => {
            return Expected::Protocol(WrongType {
                field,
                found: kind(other),
            });
        }
    };
    // `message` wins over the `error` of older servers.
    let message = texts.into_iter().flatten().next().unwrap_or_default();
    if code != 0 {
        return Expected::Failure {
            code,
            message,
            timestamp,
        };
    }
    let payload: Vec<&(String, Json)> = (entries.iter())
        .filter(|(key, _)| !ENVELOPE.contains(&key.as_str()))
        .collect();
    match T::expected(&payload) {
        Some(payload) => Expected::Success {
            payload,
            message,
            timestamp,
        },
        None => Expected::Payload,
    }
}

/// What `api::decode` said, in the oracle's terms.
fn decoded<T: Payload>(body: impl AsRef<[u8]>) -> Expected<T>
where
    T::Error: Into<ServerError>,
{
    match api::decode::<T>(body) {
        Ok(success) => Expected::Success {
            payload: success.payload,
            message: success.message,
            timestamp: success.timestamp,
        },
        Err(CallError::Server(error)) => {
            let error: ServerError = error.into();
            Expected::Failure {
                code: error.code().value(),
                message: error.message().to_owned(),
                timestamp: error.timestamp(),
            }
        }
        Err(CallError::Syntax(_)) => Expected::Syntax,
        Err(CallError::Protocol(problem)) => Expected::Protocol(problem),
        Err(CallError::Payload(_)) => Expected::Payload,
    }
}

/// Checks `body` as a reply `T`, as text and as bytes, against the oracle.
fn agrees<T: Payload>(body: &str) -> Result<Expected<T>, TestCaseError>
where
    T::Error: Into<ServerError>,
{
    let expected = oracle::<T>(body.as_bytes());
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
        prop_assert_eq!(oracle::<Login>(a.as_bytes()), oracle::<Login>(b.as_bytes()));
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
        let outcome = match oracle::<Login>(body.as_bytes()) {
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
            oracle::<GetCustomInfoReply>(body.as_bytes()),
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

/// The oracle's rules on bodies whose verdict the documentation spells out.
#[test]
fn the_oracle_knows_the_rules() {
    use ProtocolError::*;
    let success = |token: &str| Expected::Success {
        payload: Login {
            token: token.into(),
            user_id: None,
        },
        message: String::new(),
        timestamp: None,
    };
    let failure = |code| Expected::Failure {
        code,
        message: String::new(),
        timestamp: None,
    };
    let login = |body: &str| oracle::<Login>(body.as_bytes());
    assert_eq!(login(r#"{"code":0,"token":"t"}"#), success("t"));
    assert_eq!(login(r#"{"code":"0","token":"t","x":1e400}"#), success("t"));
    assert_eq!(login(r#"{"c\u006fde":0,"token":"t"}"#), success("t"));
    assert_eq!(
        login(r#"{"code":0,"token":"t","token":"t"}"#),
        Expected::Payload
    );
    assert_eq!(login(r#"{"code":0,"token":1e400}"#), Expected::Payload);
    assert_eq!(login(r#"{"x":1,"code":203010}"#), failure(203010));
    assert_eq!(login(r#"{"token":5,"code":"-9"}"#), failure(-9));
    assert_eq!(
        login(r#"{"code":203010,"x":{"$serde_json::private::Number":"1e400"}}"#),
        failure(203010)
    );
    for (body, expected) in [
        (r#"{"code":"00"}"#, NotDecimal { field: "code" }),
        (
            r#"{"code":-0}"#,
            WrongType {
                field: "code",
                found: ValueKind::Float,
            },
        ),
        (r#"{"code":1e19}"#, OutOfRange { field: "code" }),
        (
            r#"{"code":{"$serde_json::private::Number":"0"}}"#,
            WrongType {
                field: "code",
                found: ValueKind::Object,
            },
        ),
        (
            r#"{"code":0,"timestamp":-1}"#,
            OutOfRange { field: "timestamp" },
        ),
        (
            r#"{"code":0,"timestamp":1.0}"#,
            WrongType {
                field: "timestamp",
                found: ValueKind::Float,
            },
        ),
        (
            r#"{"code":1,"code":1,"message":1,"message":1}"#,
            DuplicateField("code"),
        ),
        (r#"[1e400]"#, NotAnObject(ValueKind::Array)),
        (r#"18446744073709551616"#, NotAnObject(ValueKind::Float)),
    ] {
        assert_eq!(login(body), Expected::Protocol(expected), "{body}");
    }
    for body in [
        r#"{"code":0,"x":"\ud800"}"#,
        r#"{"code":1e400}"#,
        r#"{"code":1,"code":1e400}"#,
        r#"{"code":1.7976931348623158e308}"#,
        "1e400",
        "{\"code\":0} x",
    ] {
        assert_eq!(login(body), Expected::Syntax, "{body}");
    }
    let custom = |body: &str| oracle::<GetCustomInfoReply>(body.as_bytes());
    assert_eq!(
        custom(r#"{"code":0,"custom":{"a":1,"a":1}}"#),
        Expected::Payload
    );
    assert_eq!(
        custom(r#"{"code":0,"custom":{"a":{"$serde_json::private::Number":"1.5"}}}"#),
        Expected::Payload
    );
    let Expected::Success { payload, .. } =
        custom(r#"{"code":0,"custom":{"a":-0,"b":18446744073709551615,"c":"x"}}"#)
    else {
        panic!()
    };
    assert_eq!(payload.custom["a"], CustomValue::Float(-0.0));
    assert_eq!(
        payload.custom["b"],
        CustomValue::Float(18446744073709551615.0)
    );
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
        let Some(Json::Object(entries)) = json::parse(body.as_bytes()) else {
            panic!("{body}")
        };
        expected_orders += (1..=entries.len()).product::<usize>();
        let expected = outcome(body);
        assert_eq!(expected.0, oracle::<()>(body.as_bytes()), "{body}");
        assert_eq!(expected.1, oracle::<Login>(body.as_bytes()), "{body}");
        assert_eq!(
            expected.2,
            oracle::<GetCustomInfoReply>(body.as_bytes()),
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
