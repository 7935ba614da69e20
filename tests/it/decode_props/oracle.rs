//! The independent oracle of reply decoding: what `api::decode`, the one way
//! to read a reply, must give for a body.
//!
//! The oracle reads a body with its own reader ([`Json`], no serde_json
//! parsing) and never asks the crate. Its rules are the documented ones
//! (CHANGELOG "Unreleased (0.3.0)", `api::decode`, issues 9 and 15):
//!
//! - invalid JSON anywhere (UTF-8, RFC 8259, a lone surrogate escape even in
//!   a value nothing reads, anything but whitespace after the value) is
//!   `CallError::Syntax`;
//! - a number beyond `f64` is serde_json's "number out of range" (a syntax
//!   error) where it is read: the body's own value, the value of an envelope
//!   key (each occurrence), a value the payload type reads (a payload error
//!   for a success); never inside an array or an object that is only
//!   skipped, nor in a key nothing reads. An error reply whose `code` is
//!   given once and readable keeps it, without text and time, when another
//!   envelope value is such a number. `f64` is as serde_json reads it
//!   (`serde_json::from_str::<f64>`, the same with `arbitrary_precision`);
//! - then, in this order: not an object (`NotAnObject`); `code` twice; no
//!   `code`; a `code` that is no integer within `i64` nor a canonical
//!   decimal string (`0`, `-?[1-9][0-9]*`) within `i64`;
//! - a non-zero code is `CallError::Server` with exactly that code, whatever
//!   else the body holds: the text of `message` (else `error`, else empty)
//!   and the timestamp, each left out when it is given twice or is not a
//!   string (an integer in `0..=u64::MAX`), so that the code is never lost;
//! - code `0` needs the rest of the envelope right, in this order: no
//!   `message`, `error` or `timestamp` twice; `message`/`error` a string or
//!   null; `timestamp` null or an integer in `0..=u64::MAX`; then it is a
//!   success when the payload keys fit the payload type (a key the type reads
//!   given twice does not), else `CallError::Payload`;
//! - an object is an object, whatever its keys: serde_json's private
//!   `$serde_json::private::Number` means nothing.
//!
//! The main crate's property tests (`tests/it/decode_props.rs`, whose module
//! this is) and the reply fuzz targets (`fuzz/src/check.rs`, which include it
//! and `json.rs` with `#[path]`) both compare `api::decode` with it: so it
//! names its reader `super::json`, and uses nothing but what both have.

use std::collections::BTreeMap;
use std::fmt::Debug;

use liveroom_errors::api::{
    self, CallError, CustomValue, GetCustomInfoReply, ProtocolError, ServerError, ValueKind,
};
use serde::Deserialize;

use super::json::Json;

/// The keys of the envelope; all others belong to the payload.
const ENVELOPE: [&str; 4] = ["code", "message", "error", "timestamp"];

/// What decoding a body gives, in the oracle's terms.
#[derive(Debug, PartialEq)]
pub enum Expected<T> {
    Syntax,
    Protocol(ProtocolError),
    /// The server's error: exactly this code, text and timestamp.
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
    /// A success envelope whose payload keys do not fit the payload type.
    Payload,
}

/// A payload type whose fit the oracle decides on its own.
pub trait Payload: api::Reply<Error: Into<ServerError>> + PartialEq + Debug + Sized {
    /// What the payload keys decode to, or `None` if they do not fit.
    fn expected(fields: &[&(String, Json)]) -> Option<Self>;
}

impl Payload for () {
    fn expected(_: &[&(String, Json)]) -> Option<()> {
        Some(())
    }
}

/// A derived payload with one optional field: exercises the payload path.
#[derive(Debug, PartialEq, Deserialize)]
pub struct Named {
    pub name: Option<String>,
}

impl api::Reply for Named {
    type Error = ServerError;
}

/// The values of the key `name` among `fields`.
pub fn values<'a>(fields: &[&'a (String, Json)], name: &str) -> Vec<&'a Json> {
    (fields.iter())
        .filter(|(key, _)| key == name)
        .map(|(_, value)| value)
        .collect()
}

impl Payload for Named {
    fn expected(fields: &[&(String, Json)]) -> Option<Self> {
        match values(fields, "name")[..] {
            [] | [Json::Null] => Some(Named { name: None }),
            [Json::String(name)] => Some(Named {
                name: Some(name.clone()),
            }),
            // A wrong type, or the field twice (a derived struct refuses both).
            _ => None,
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
                    // Beyond `i64`: the nearest float.
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
    if !text.contains(['.', 'e', 'E']) && text != "-0" {
        if let Ok(n) = text.parse::<i64>() {
            return Number::Integer(n);
        }
        if let Ok(n) = text.parse::<u64>() {
            return Number::Unsigned(n);
        }
    }
    // serde_json's reading of a float differs from `str::parse` near the
    // limits of `f64`; it is the same with or without `arbitrary_precision`.
    match serde_json::from_str::<f64>(text) {
        Ok(x) => Number::Float(x),
        Err(_) => Number::BeyondF64,
    }
}

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

/// A float beyond `i64`: serde_json reads integers beyond 64 bits as
/// floats, so its writer meant an integer out of range.
fn huge(number: &Number) -> bool {
    const TWO_POW_63: f64 = 9_223_372_036_854_775_808.0;
    matches!(*number, Number::Float(x) if x.abs() >= TWO_POW_63)
}

fn beyond_f64(value: &Json) -> bool {
    matches!(value, Json::Number(text) if number(text) == Number::BeyondF64)
}

/// What the rules say `body` decodes to as a reply `T`.
pub fn expect<T: Payload>(body: &[u8]) -> Expected<T> {
    use ProtocolError::*;
    let Some(json) = Json::parse(body) else {
        return Expected::Syntax;
    };
    let fields = match json {
        Json::Object(fields) => fields,
        other if beyond_f64(&other) => return Expected::Syntax,
        other => return Expected::Protocol(NotAnObject(kind(&other))),
    };
    let envelope = |key: &str| -> Vec<&Json> {
        (fields.iter())
            .filter(|(k, _)| k == key)
            .map(|(_, value)| value)
            .collect()
    };
    // Every value of an envelope key is read, duplicates too: a number
    // beyond `f64` there is a syntax error, unless the body is an error reply
    // with a readable code, which keeps it (and nothing else of its envelope).
    let unreadable = (ENVELOPE.iter())
        .flat_map(|key| envelope(key))
        .any(beyond_f64);
    let problem = |error| match unreadable {
        true => Expected::Syntax,
        false => Expected::Protocol(error),
    };
    // `code` first: given once and valid, a non-zero code is an error reply
    // whatever else is wrong with the envelope.
    if envelope("code").len() > 1 {
        return problem(DuplicateField("code"));
    }
    let one = |key: &str| envelope(key).first().copied();

    let Some(code) = one("code") else {
        return problem(MissingCode);
    };
    let field = "code";
    let code = match code {
        Json::Number(text) => match number(text) {
            Number::Integer(code) => code,
            Number::Unsigned(_) => return problem(OutOfRange { field }),
            n if huge(&n) => return problem(OutOfRange { field }),
            _ => {
                let found = ValueKind::Float;
                return problem(WrongType { field, found });
            }
        },
        Json::String(text) if is_canonical_decimal(text) => match text.parse() {
            Ok(code) => code,
            Err(_) => return problem(OutOfRange { field }),
        },
        Json::String(_) => return problem(NotDecimal { field }),
        other => {
            return problem(WrongType {
                field,
                found: kind(other),
            });
        }
    };
    if code != 0 && unreadable {
        return Expected::Failure {
            code,
            message: String::new(),
            timestamp: None,
        };
    }
    if unreadable {
        return Expected::Syntax;
    }
    if code != 0 {
        // A text or a time of the wrong type, or given twice, is left out.
        let text = |key: &str| match envelope(key)[..] {
            [Json::String(text)] => Some(text.clone()),
            _ => None,
        };
        let timestamp = match envelope("timestamp")[..] {
            [Json::Number(text)] => match number(text) {
                Number::Integer(ms) => u64::try_from(ms).ok(),
                Number::Unsigned(ms) => Some(ms),
                _ => None,
            },
            _ => None,
        };
        return Expected::Failure {
            code,
            message: text("message")
                .or_else(|| text("error"))
                .unwrap_or_default(),
            timestamp,
        };
    }
    // A success needs the whole envelope right.
    if let Some(key) = ENVELOPE.into_iter().find(|key| envelope(key).len() > 1) {
        return Expected::Protocol(DuplicateField(key));
    }
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
                let found = ValueKind::Float;
                return Expected::Protocol(WrongType { field, found });
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
    let payload: Vec<&(String, Json)> = (fields.iter())
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

/// `0`, or `-?[1-9][0-9]*`: the only decimal spellings of a code.
fn is_canonical_decimal(text: &str) -> bool {
    let digits = text.strip_prefix('-').unwrap_or(text);
    text == "0"
        || (digits.starts_with(|c: char| ('1'..='9').contains(&c))
            && digits.bytes().all(|b| b.is_ascii_digit()))
}

/// What `api::decode` gave, in the oracle's terms.
pub fn decoded<T: Payload>(body: impl AsRef<[u8]>) -> Expected<T> {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn verdict(body: &str) -> Expected<Named> {
        expect::<Named>(body.as_bytes())
    }

    fn success(name: Option<&str>, timestamp: Option<u64>) -> Expected<Named> {
        let name = name.map(str::to_owned);
        Expected::Success {
            payload: Named { name },
            message: String::new(),
            timestamp,
        }
    }

    fn failure(code: i64) -> Expected<Named> {
        Expected::Failure {
            code,
            message: String::new(),
            timestamp: None,
        }
    }

    #[test]
    fn successes_need_one_code_zero_and_a_valid_envelope() {
        assert_eq!(verdict(r#"{"code":0}"#), success(None, None));
        assert_eq!(verdict(r#" {"code":"0"} "#), success(None, None));
        assert_eq!(
            verdict(r#"{"name":"n","code":0,"timestamp":18446744073709551615,"error":null}"#),
            success(Some("n"), Some(u64::MAX))
        );
        assert_eq!(verdict(r#"{"c\u006fde":0}"#), success(None, None));
        // Values nothing reads may hold anything JSON has.
        assert_eq!(verdict(r#"{"code":0,"x":1e400}"#), success(None, None));
        let deep = format!(r#"{{"code":0,"x":{}{}}}"#, "[".repeat(300), "]".repeat(300));
        assert_eq!(verdict(&deep), success(None, None));
        assert_eq!(verdict(r#"{"code":0,"name":5}"#), Expected::Payload);
        assert_eq!(
            verdict(r#"{"code":0,"name":"a","name":"b"}"#),
            Expected::Payload
        );
        assert_eq!(verdict(r#"{"code":0,"name":1e400}"#), Expected::Payload);
    }

    #[test]
    fn the_envelope_is_judged_in_a_fixed_order() {
        use ProtocolError::*;
        let float = |field| WrongType {
            field,
            found: ValueKind::Float,
        };
        for (body, problem) in [
            (r#"{"code":"00"}"#, NotDecimal { field: "code" }),
            (r#"{"code":"-0"}"#, NotDecimal { field: "code" }),
            (r#"{"code":-0}"#, float("code")),
            (r#"{"code":0.0}"#, float("code")),
            (r#"{"code":1e19}"#, OutOfRange { field: "code" }),
            (r#"{"code":0,"code":0}"#, DuplicateField("code")),
            (
                r#"{"message":"a","message":"a","code":1,"code":1}"#,
                DuplicateField("code"),
            ),
            (
                r#"{"code":0,"error":5}"#,
                WrongType {
                    field: "error",
                    found: ValueKind::Integer,
                },
            ),
            (
                r#"{"code":0,"timestamp":-1}"#,
                OutOfRange { field: "timestamp" },
            ),
            (
                r#"{"code":0,"timestamp":18446744073709551616}"#,
                OutOfRange { field: "timestamp" },
            ),
            (r#"{"code":0,"timestamp":1.0}"#, float("timestamp")),
            (r#"{"message":"Success!"}"#, MissingCode),
            (r#"[{"code":0}]"#, NotAnObject(ValueKind::Array)),
            ("-0", NotAnObject(ValueKind::Float)),
            // Beyond `u64`: a float; beyond `f64` but not read: no syntax error.
            ("18446744073709551616", NotAnObject(ValueKind::Float)),
            ("[1e400]", NotAnObject(ValueKind::Array)),
            (
                r#"{"code":{"$serde_json::private::Number":"0"}}"#,
                WrongType {
                    field: "code",
                    found: ValueKind::Object,
                },
            ),
        ] {
            assert_eq!(verdict(body), Expected::Protocol(problem), "{body}");
        }
    }

    #[test]
    fn failures_need_a_canonical_non_zero_code() {
        assert_eq!(verdict(r#"{"x":1,"code":203010}"#), failure(203010));
        assert_eq!(verdict(r#"{"name":5,"code":"-9"}"#), failure(-9));
        assert_eq!(
            verdict(r#"{"code":"-9223372036854775808"}"#),
            failure(i64::MIN)
        );
        let body =
            r#"{"code":203010,"message":"x","extra":{"$serde_json::private::Number":"1e400"}}"#;
        let Expected::Failure { code, message, .. } = verdict(body) else {
            panic!()
        };
        assert_eq!((code, message.as_str()), (203010, "x"));
        let body = r#"{"error":"e","code":-1,"message":null}"#;
        assert!(matches!(verdict(body), Expected::Failure { message, .. } if message == "e"));
    }

    #[test]
    fn bodies_that_are_not_json_are_syntax_errors() {
        for body in [
            &br#"{"x":1,"code":203010,"y"}"#[..],
            br#"{"x":1,"code":203010,"y":1.}"#,
            br#"{"code":0} x"#,
            b"{\"code\":0,\"x\":\"\xff\"}",
            br#"{"code":0,"x":"\ud800"}"#,
            br#"{"code":0,"x":"\u"#,
            // serde_json's "number out of range", where the decoder reads it.
            br#"{"code":1e400}"#,
            br#"{"code":1,"code":1e400}"#,
            br#"{"code":1.7976931348623158e308}"#,
            b"1e400",
            b"",
        ] {
            assert_eq!(expect::<()>(body), Expected::Syntax, "{body:?}");
        }
    }

    #[test]
    fn custom_fields_are_numbers_or_strings_each_once() {
        let custom = |body: &str| expect::<GetCustomInfoReply>(body.as_bytes());
        for body in [
            r#"{"code":0,"custom":{"a":1,"a":"x"}}"#,
            r#"{"code":0,"custom":{"a":1,"a":1}}"#,
            r#"{"code":0,"custom":{"a":{"$serde_json::private::Number":"1.5"}}}"#,
            r#"{"code":0,"custom":{"a":1e400}}"#,
            r#"{"code":0,"custom":"{}"}"#,
            r#"{"code":0}"#,
        ] {
            assert_eq!(custom(body), Expected::Payload, "{body}");
        }
        let Expected::Success { payload, .. } =
            custom(r#"{"code":0,"custom":{"a":-0,"b":18446744073709551615,"c":"x","d":3}}"#)
        else {
            panic!()
        };
        assert_eq!(payload.custom["a"], CustomValue::Float(-0.0));
        assert_eq!(
            payload.custom["b"],
            CustomValue::Float(18446744073709551615.0)
        );
        assert_eq!(payload.custom["d"], CustomValue::Integer(3));
    }
}
