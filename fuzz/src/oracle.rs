//! The independent oracle of reply decoding, and the checks both reply targets run.
//!
//! The oracle reads a body with [`Json`] (serde_json's parser) and never asks
//! the crate. Its rules, from issue 9 ("Reply decoding" 1–7, items 18–19):
//!
//! - a body is a success **exactly when** it is valid JSON forming one object
//!   with exactly one `code`, whose value is the integer `0` or the string
//!   `"0"`; no envelope key (`code`, `message`, `error`, `timestamp`) twice;
//!   `message`/`error` a string or null; `timestamp` null or an integer in
//!   `0..=u64::MAX`; and (our addition for typed payloads) the payload fields
//!   fit the payload type;
//! - a body that is not valid JSON is `DecodeError::Syntax`;
//! - a valid envelope whose one `code` is a non-zero integer within `i64` or a
//!   canonical decimal string (`-?[1-9][0-9]*`) within `i64` is a
//!   `Reply::Failure` with exactly that code.
//!
//! Then every entry point must give the same answer, and reordering the keys of
//! an object must not change it.

use std::fmt::Debug;

use liveroom_errors::wire::{self, DecodeError, Empty, ProtocolError, Reply, ReplyError};
use serde::Deserialize;

use crate::json::Json;

/// The keys of the envelope; all others belong to the payload.
const ENVELOPE: [&str; 4] = ["code", "message", "error", "timestamp"];

/// What the rules say a body decodes to.
#[derive(Debug, PartialEq)]
pub enum Expected<T> {
    /// Not valid JSON.
    Syntax,
    /// A success with this payload and timestamp.
    Success { payload: T, timestamp: Option<u64> },
    /// A success envelope whose payload fields do not fit the payload type.
    PayloadMismatch,
    /// A failure with exactly this code and timestamp.
    Failure { code: i64, timestamp: Option<u64> },
    /// Valid JSON but no success; the rules leave open which error it is.
    NotSuccess,
}

/// A payload type whose fit the oracle decides on its own.
pub trait Payload: for<'de> Deserialize<'de> + PartialEq + Debug {
    /// What the payload fields decode to, or `None` if they do not fit.
    fn expected(fields: &[&(String, Json)]) -> Option<Self>;
}

impl Payload for Empty {
    fn expected(_: &[&(String, Json)]) -> Option<Self> {
        Some(Empty)
    }
}

/// A derived payload with one optional field: exercises the payload path.
#[derive(Debug, PartialEq, Deserialize)]
pub struct Named {
    pub name: Option<String>,
}

impl Payload for Named {
    fn expected(fields: &[&(String, Json)]) -> Option<Self> {
        let names: Vec<&Json> = fields
            .iter()
            .filter(|(key, _)| key == "name")
            .map(|(_, value)| value)
            .collect();
        match names[..] {
            [] | [Json::Null] => Some(Named { name: None }),
            [Json::String(name)] => Some(Named {
                name: Some(name.clone()),
            }),
            // A wrong type, or the field twice (a derived struct refuses both).
            _ => None,
        }
    }
}

/// What `body` must decode to as a `Reply<T>`.
pub fn expect<T: Payload>(body: &[u8]) -> Expected<T> {
    let Some(json) = Json::parse(body) else {
        return Expected::Syntax;
    };
    let Json::Object(fields) = json else {
        return Expected::NotSuccess;
    };
    let values = |key: &str| -> Vec<&Json> {
        let of_key = fields.iter().filter(move |(k, _)| k == key);
        of_key.map(|(_, value)| value).collect()
    };
    let no_duplicate = ENVELOPE.iter().all(|key| values(key).len() <= 1);
    let texts_ok = ["message", "error"]
        .iter()
        .flat_map(|key| values(key))
        .all(|value| matches!(value, Json::String(_) | Json::Null));
    let timestamp = match values("timestamp")[..] {
        [] => Some(None),
        [value] => timestamp_of(value),
        _ => None,
    };
    // One `code`, and an envelope without a duplicate or a value of the wrong type.
    let codes = values("code");
    let ([code], Some(timestamp), true, true) = (&codes[..], timestamp, no_duplicate, texts_ok)
    else {
        return Expected::NotSuccess;
    };
    match code_of(code) {
        Some(0) => {
            let payload: Vec<&(String, Json)> = fields
                .iter()
                .filter(|(key, _)| !ENVELOPE.contains(&key.as_str()))
                .collect();
            match T::expected(&payload) {
                Some(payload) => Expected::Success { payload, timestamp },
                None => Expected::PayloadMismatch,
            }
        }
        Some(code) => Expected::Failure { code, timestamp },
        None => Expected::NotSuccess,
    }
}

/// The code a `code` value denotes: an integer within `i64`, or a string in
/// canonical decimal (`0` or `-?[1-9][0-9]*`) within `i64`.
fn code_of(value: &Json) -> Option<i64> {
    match value {
        // `as_i64` is `None` for floats, `-0` and integers beyond `i64`.
        Json::Number(number) => number.as_i64(),
        Json::String(text) if is_canonical_decimal(text) => text.parse().ok(),
        _ => None,
    }
}

fn is_canonical_decimal(text: &str) -> bool {
    let digits = text.strip_prefix('-').unwrap_or(text);
    text == "0"
        || (digits.starts_with(|c: char| ('1'..='9').contains(&c))
            && digits.bytes().all(|b| b.is_ascii_digit()))
}

/// `Some(timestamp)` for an allowed `timestamp` value, `None` for a wrong one.
fn timestamp_of(value: &Json) -> Option<Option<u64>> {
    match value {
        Json::Null => Some(None),
        Json::Number(number) => number.as_u64().map(Some),
        _ => None,
    }
}

/// What an entry point gave, comparable across entry points.
#[derive(Debug, PartialEq)]
pub enum Decoded<T> {
    Reply(Reply<T>),
    Syntax,
    Protocol(ProtocolError),
    Payload,
    Other(String),
}

impl<T> From<Result<Reply<T>, DecodeError>> for Decoded<T> {
    fn from(result: Result<Reply<T>, DecodeError>) -> Self {
        match result {
            Ok(reply) => Decoded::Reply(reply),
            Err(DecodeError::Syntax(_)) => Decoded::Syntax,
            Err(DecodeError::Protocol(problem)) => Decoded::Protocol(problem),
            Err(DecodeError::Payload(_)) => Decoded::Payload,
            Err(other) => Decoded::Other(format!("{other:?}")),
        }
    }
}

/// Runs every check on `body`, with an envelope-only and with a typed payload.
pub fn check(body: &[u8]) {
    check_as::<Empty>(body);
    check_as::<Named>(body);
}

fn check_as<T: Payload>(body: &[u8]) {
    let decoded = check_entry_points::<T>(body);
    let Some(Json::Object(fields)) = Json::parse(body) else {
        return;
    };
    for order in reorderings(fields) {
        let reordered = Json::Object(order).to_bytes();
        let other = check_entry_points::<T>(&reordered);
        let same = match (&decoded, &other) {
            (Decoded::Reply(a), Decoded::Reply(b)) => a == b,
            (Decoded::Reply(_), _) | (_, Decoded::Reply(_)) => false,
            // Two errors: which defect is named may depend on which came first.
            _ => true,
        };
        assert!(
            same,
            "key order changes the result:\n  {:?} gives {decoded:?}\n  {:?} gives {other:?}",
            String::from_utf8_lossy(body),
            String::from_utf8_lossy(&reordered),
        );
    }
}

/// The entries as written, reversed, and rotated by one and by half.
fn reorderings(fields: Vec<(String, Json)>) -> Vec<Vec<(String, Json)>> {
    let mut orders = vec![fields.clone()];
    if fields.len() > 1 {
        let mut reversed = fields.clone();
        reversed.reverse();
        let mut by_one = fields.clone();
        by_one.rotate_left(1);
        let mut by_half = fields.clone();
        by_half.rotate_left(fields.len() / 2);
        orders.extend([reversed, by_one, by_half]);
    }
    orders
}

/// Checks `from_slice` against the oracle and every other entry point against
/// `from_slice`; returns what it gave.
fn check_entry_points<T: Payload>(body: &[u8]) -> Decoded<T> {
    let shown = String::from_utf8_lossy(body);
    let slice = Decoded::from(wire::from_slice::<T>(body));
    check_oracle(expect::<T>(body), &slice, &shown);

    if let Ok(text) = std::str::from_utf8(body) {
        let from_str = Decoded::from(wire::from_str::<T>(text));
        assert_eq!(from_str, slice, "from_str vs from_slice on {shown:?}");
    }

    let decode = wire::decode::<T>(body);
    let agree = match (&slice, decode) {
        (Decoded::Reply(Reply::Success { payload, .. }), Ok(other)) => *payload == other,
        (Decoded::Reply(Reply::Failure(error)), Err(ReplyError::Server(other))) => *error == other,
        (Decoded::Reply(_), _) => false,
        (_, Err(ReplyError::Decode(error))) => Decoded::from(Err(error)) == slice,
        _ => false,
    };
    assert!(agree, "decode vs from_slice ({slice:?}) on {shown:?}");

    match (&slice, serde_json::from_slice::<Reply<T>>(body)) {
        (Decoded::Reply(reply), Ok(other)) => {
            assert_eq!(*reply, other, "serde_json::from_slice on {shown:?}")
        }
        (Decoded::Reply(_), Err(error)) => {
            panic!("serde_json::from_slice: {error} vs from_slice {slice:?} on {shown:?}")
        }
        (_, Ok(other)) => {
            panic!("serde_json::from_slice: {other:?} vs from_slice {slice:?} on {shown:?}")
        }
        (_, Err(_)) => {}
    }
    slice
}

fn check_oracle<T: Payload>(expected: Expected<T>, got: &Decoded<T>, shown: &str) {
    let right = match (&expected, got) {
        (Expected::Syntax, Decoded::Syntax) => true,
        (Expected::Syntax, _) | (_, Decoded::Syntax) => false,
        (
            Expected::Success { payload, timestamp },
            Decoded::Reply(Reply::Success {
                payload: p,
                timestamp: t,
                ..
            }),
        ) => payload == p && timestamp == t,
        (Expected::PayloadMismatch, Decoded::Payload) => true,
        (Expected::Failure { code, timestamp }, Decoded::Reply(Reply::Failure(error))) => {
            error.code().value() == *code && error.timestamp() == *timestamp
        }
        (Expected::NotSuccess, Decoded::Reply(Reply::Success { .. })) => false,
        // A code 0 that is no success would read as one to most clients.
        (Expected::NotSuccess, Decoded::Reply(Reply::Failure(error))) => error.code().value() != 0,
        (Expected::NotSuccess, _) => true,
        _ => false,
    };
    assert!(right, "expected {expected:?}, got {got:?} for {shown:?}");
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
            timestamp,
        }
    }

    fn failure(code: i64) -> Expected<Named> {
        Expected::Failure {
            code,
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
        for body in [
            r#"{"code":"00"}"#,
            r#"{"code":"-0"}"#,
            r#"{"code":-0}"#,
            r#"{"code":0.0}"#,
            r#"{"code":"000000"}"#,
            r#"{"code":0,"code":0}"#,
            r#"{"code":0,"message":"a","message":"a"}"#,
            r#"{"code":0,"error":5}"#,
            r#"{"code":0,"timestamp":-1}"#,
            r#"{"code":0,"timestamp":18446744073709551616}"#,
            r#"{"code":0,"timestamp":1.0}"#,
            r#"{"message":"Success!"}"#,
            r#"[{"code":0}]"#,
            "0",
        ] {
            assert_eq!(verdict(body), Expected::NotSuccess, "{body}");
        }
        assert_eq!(verdict(r#"{"code":0,"name":5}"#), Expected::PayloadMismatch);
        assert_eq!(
            verdict(r#"{"code":0,"name":"a","name":"b"}"#),
            Expected::PayloadMismatch
        );
    }

    #[test]
    fn failures_need_a_canonical_non_zero_code() {
        assert_eq!(verdict(r#"{"x":1,"code":203010}"#), failure(203010));
        assert_eq!(verdict(r#"{"name":5,"code":"-9"}"#), failure(-9));
        assert_eq!(
            verdict(r#"{"code":"-9223372036854775808"}"#),
            failure(i64::MIN)
        );
        for body in [
            r#"{"code":"0203010"}"#,
            r#"{"code":"+1"}"#,
            r#"{"code":9223372036854775808}"#,
            r#"{"code":"9223372036854775808"}"#,
            r#"{"code":203010.0}"#,
            r#"{"code":1,"code":1}"#,
            r#"{"code":1,"timestamp":-1}"#,
        ] {
            assert_eq!(verdict(body), Expected::NotSuccess, "{body}");
        }
    }

    #[test]
    fn bodies_that_are_not_json_are_syntax_errors() {
        let deep = format!(r#"{{"code":0,"x":{}{}}}"#, "[".repeat(127), "]".repeat(127));
        for body in [
            &br#"{"x":1,"code":203010,"y"}"#[..],
            br#"{"x":1,"code":203010,"y":1.}"#,
            br#"{"code":0} x"#,
            b"{\"code\":0,\"x\":\"\xff\"}",
            // serde_json's limits (see `json.rs`).
            br#"{"code":0,"x":"\ud800"}"#,
            br#"{"code":0,"x":1e400}"#,
            deep.as_bytes(),
            b"",
        ] {
            assert_eq!(expect::<Empty>(body), Expected::Syntax, "{body:?}");
        }
        let deep = format!(r#"{{"code":0,"x":{}{}}}"#, "[".repeat(126), "]".repeat(126));
        assert!(matches!(
            expect::<Empty>(deep.as_bytes()),
            Expected::Success { .. }
        ));
    }
}
