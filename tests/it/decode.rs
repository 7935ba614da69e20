//! Decoding real and malformed RoomService replies with `api::decode`, the
//! one way to read a reply: what each body gives, the decisions taken about
//! bodies at the edges of JSON (each documented by a test here), the
//! regressions of issue 15, and the allocations a decode makes.
//!
//! CI runs this file a second time with serde_json's `arbitrary_precision`:
//! every expectation here holds both ways, unless a test says otherwise
//! (only a `serde_json::Value` payload, which is serde_json's own, differs).

use std::fmt::Debug;

use liveroom_errors::api::{
    self, CallError, InterfaceError, ProtocolError, ServerError, Success, ValueKind,
};
use liveroom_errors::{Category, Code, ErrorCode, Recovery};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use crate::alloc::allocations_of;
use crate::decode_props::json::Json;
use crate::replies::*;

/// A payload type of the caller's own: `login`'s fields.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
pub(crate) struct Login {
    pub(crate) token: String,
    #[serde(rename = "userID")]
    pub(crate) user_id: String,
}

impl api::Reply for Login {
    type Error = ServerError;
}

/// What a decode gave, without the payload and the texts of errors.
#[derive(Debug, PartialEq)]
enum Got {
    Success,
    Server(i64),
    Syntax,
    Protocol(ProtocolError),
    Payload,
}

/// What decoding `body` as a reply `R` gives.
fn got<R: api::Reply>(body: impl AsRef<[u8]>) -> Got
where
    R::Error: Into<ServerError>,
{
    match api::decode::<R>(body) {
        Ok(_) => Got::Success,
        Err(CallError::Server(error)) => Got::Server(error.into().code().value()),
        Err(CallError::Syntax(_)) => Got::Syntax,
        Err(CallError::Protocol(problem)) => Got::Protocol(problem),
        Err(CallError::Payload(_)) => Got::Payload,
    }
}

/// The protocol error of `body`, whatever the payload type.
fn protocol_error<R: api::Reply>(body: &str) -> ProtocolError
where
    R::Error: Into<ServerError>,
{
    match got::<R>(body) {
        Got::Protocol(problem) => problem,
        other => panic!("{body}: expected a protocol error, got {other:?}"),
    }
}

/// The server error of `body` as a reply with the plain [`ServerError`].
fn server_error(body: &str) -> ServerError {
    match api::decode::<()>(body) {
        Err(CallError::Server(error)) => error,
        other => panic!("{body}: expected a server error, got {other:?}"),
    }
}

fn wrong_type(field: &'static str, found: ValueKind) -> ProtocolError {
    ProtocolError::WrongType { field, found }
}

/// Whether serde_json's `arbitrary_precision` is on in this build: it keeps
/// a number's text, so even `1e400` is a `Value`.
fn arbitrary_precision() -> bool {
    serde_json::from_str::<Value>("1e400").is_ok()
}

/// The body written with its keys in every order (up to 5 keys), each value
/// as written: read with the oracle's own reader (`decode_props/json.rs`),
/// which keeps duplicate keys and the text of numbers.
fn in_every_order(body: &str) -> Vec<String> {
    let Some(Json::Object(entries)) = Json::parse(body.as_bytes()) else {
        panic!("not an object: {body}")
    };
    assert!(entries.len() <= 5, "{body}");
    let mut orders = vec![Vec::new()];
    for entry in &entries {
        orders = orders
            .into_iter()
            .flat_map(|order: Vec<&(String, Json)>| {
                (0..=order.len()).map(move |at| {
                    let mut order = order.clone();
                    order.insert(at, entry);
                    order
                })
            })
            .collect();
    }
    let write =
        |order: Vec<&(String, Json)>| Json::Object(order.into_iter().cloned().collect()).to_text();
    orders.into_iter().map(write).collect()
}

// ---------------------------------------------------------------------------
// Real bodies.

#[test]
fn the_real_success_body_decodes_with_its_payload() {
    let reply = api::decode::<Login>(LOGIN).unwrap();
    assert_eq!(
        reply,
        Success {
            payload: Login {
                token: "c9527c191598662c6f392146f65ae520*1400047134".into(),
                user_id: "user_dda36c3f_7c91".into(),
            },
            message: "Success!".into(),
            timestamp: Some(1565610959661),
        }
    );
    // The same as the interface's own type, and from bytes as from text.
    let login = api::decode::<api::LoginReply>(LOGIN.as_bytes()).unwrap();
    assert_eq!(login.payload.user_id, "user_dda36c3f_7c91");
    assert_eq!(login.timestamp, Some(1565610959661));
}

#[test]
fn the_real_error_body_decodes_into_a_server_error_despite_missing_payload_fields() {
    let err = server_error(ERROR);
    assert_eq!(err.code(), ErrorCode::GetAcceleratedUrlFailed);
    assert_eq!(err.code().known(), Some(ErrorCode::GetAcceleratedUrlFailed));
    assert_eq!(err.message(), "get push and acc url failed!");
    assert_eq!(err.timestamp(), Some(1577087588457));
    assert_eq!(err.code().category(), Some(Category::Pusher));
    assert_eq!(
        err.code().known().map(ErrorCode::message_zh),
        Some("获取加速流播放地址失败")
    );
    assert_eq!(err.to_string(), "204004 get push and acc url failed!");
    let as_error: &dyn std::error::Error = &err;
    assert!(as_error.source().is_none());

    // As the reply of its interface: the variant of its code, and the advice there.
    let err = api::decode::<api::GetAnchorUrlReply>(ERROR).unwrap_err();
    let Some(api::GetAnchorUrlError::GetAcceleratedUrlFailed(sent)) = err.server() else {
        panic!("{err:?}")
    };
    assert_eq!(sent.timestamp(), Some(1577087588457));
    assert_eq!(err.recovery(), Some(Recovery::Configure));
    assert_eq!(
        err.to_string(),
        "get_anchor_url: 204004 get push and acc url failed!"
    );
    let source = std::error::Error::source(&err).unwrap();
    assert_eq!(source.to_string(), err.to_string());
}

#[test]
fn timestamps_take_the_whole_u64_range() {
    let reply = api::decode::<()>(r#"{"code":0,"timestamp":18446744073709551615}"#).unwrap();
    assert_eq!(reply.timestamp, Some(u64::MAX));
    assert_eq!(
        protocol_error::<()>(r#"{"code":0,"timestamp":18446744073709551616}"#),
        ProtocolError::OutOfRange { field: "timestamp" }
    );
    assert_eq!(
        server_error(r#"{"code":5,"timestamp":0}"#).timestamp(),
        Some(0)
    );
}

#[test]
fn a_unit_payload_decodes_an_envelope_only_body() {
    let reply = api::decode::<()>(
        r#"{"code":0,"message":"Success!","timestamp":1,"anything":[1,{"a":2}]}"#,
    )
    .unwrap();
    assert_eq!(
        reply,
        Success {
            payload: (),
            message: "Success!".into(),
            timestamp: Some(1)
        }
    );
    let reply = api::decode::<()>(r#"{"code":0}"#).unwrap();
    assert_eq!((reply.message.as_str(), reply.timestamp), ("", None));
    // `null` is no text and no time.
    let reply = api::decode::<()>(r#"{"code":0,"message":null,"timestamp":null}"#).unwrap();
    assert_eq!((reply.message.as_str(), reply.timestamp), ("", None));
}

#[test]
fn unknown_fields_are_ignored_and_field_order_does_not_matter() {
    let body = r#"{"userID":"u","extra":{"deep":[1,2,3]},"token":"t","timestamp":5,"code":0,"message":"ok"}"#;
    let login = api::decode::<Login>(body).unwrap();
    assert_eq!(
        login.payload,
        Login {
            token: "t".into(),
            user_id: "u".into()
        }
    );
    assert_eq!((login.message.as_str(), login.timestamp), ("ok", Some(5)));
    let body = r#"{"token":"t","code":203010,"message":"user not in room"}"#;
    assert_eq!(got::<Login>(body), Got::Server(203010));
    let err = api::decode::<api::LoginReply>(body).unwrap_err();
    assert_eq!(
        err.server().unwrap().server_error().code(),
        ErrorCode::MemberNotInRoom
    );
}

#[test]
fn numeric_string_codes_are_accepted_and_the_string_zero_is_success() {
    let reply = api::decode::<()>(r#"{"code":"0","message":"Success!"}"#).unwrap();
    assert_eq!(reply.message, "Success!");
    let err = server_error(r#"{"code":"203010","message":"x"}"#);
    assert_eq!(err.code(), ErrorCode::MemberNotInRoom);
}

#[test]
fn unknown_negative_and_legacy_codes_are_kept() {
    for (body, value) in [
        (r#"{"code":203011,"message":"newer"}"#, 203011),
        (r#"{"code":-1,"message":"network"}"#, -1),
        (r#"{"code":5001,"message":"old"}"#, 5001),
        (r#"{"code":9223372036854775807,"message":"max"}"#, i64::MAX),
        (r#"{"code":-9223372036854775808,"message":"min"}"#, i64::MIN),
        (r#"{"code":"-9","message":"bad parameters"}"#, -9),
    ] {
        assert_eq!(got::<Login>(body), Got::Server(value), "{body}");
        let err = server_error(body);
        assert_eq!(err.code(), Code::new(value).unwrap(), "{body}");
        assert!(!err.code().is_known());
        // In an interface: `Other`, whole, without advice.
        let err = api::decode::<api::LogoutReply>(body).unwrap_err();
        let Some(api::LogoutError::Other(sent)) = err.server() else {
            panic!("{body}: {err:?}")
        };
        assert_eq!(sent.code().value(), value);
        assert_eq!(err.recovery(), None);
    }
    let newer = server_error(r#"{"code":203011}"#);
    assert_eq!(newer.code().category(), Some(Category::Room));
    assert_eq!(newer.message(), "");
    assert!(newer.to_string().starts_with("203011"), "{newer}");
}

#[test]
fn older_servers_error_field_is_kept_as_the_message() {
    assert_eq!(
        server_error(r#"{"code":-1,"error":"redis timeout"}"#).message(),
        "redis timeout"
    );
    // `message` wins over `error`, in either order; a `null` message gives way.
    for body in [
        r#"{"error":"e","code":-1,"message":"m"}"#,
        r#"{"message":"m","code":-1,"error":"e"}"#,
    ] {
        assert_eq!(server_error(body).message(), "m", "{body}");
    }
    assert_eq!(
        server_error(r#"{"message":null,"code":-1,"error":"e"}"#).message(),
        "e"
    );
    let success = api::decode::<()>(r#"{"code":0,"error":"fine"}"#).unwrap();
    assert_eq!(success.message, "fine");
}

#[test]
fn a_reply_without_code_is_never_a_success() {
    for body in [
        r#"{"message":"Success!"}"#,
        "{}",
        r#"{"token":"t","userID":"u"}"#,
    ] {
        assert_eq!(
            protocol_error::<()>(body),
            ProtocolError::MissingCode,
            "{body}"
        );
        assert_eq!(
            protocol_error::<Login>(body),
            ProtocolError::MissingCode,
            "{body}"
        );
    }
    // An escaped key is the same key: `c\u006fde` is `code`.
    assert_eq!(got::<()>(r#"{"c\u006fde":0}"#), Got::Success);
    assert_eq!(got::<()>(r#"{"c\u006fde":7}"#), Got::Server(7));
}

#[test]
fn codes_of_the_wrong_type_are_protocol_errors() {
    use ProtocolError::{DuplicateField, NotDecimal, OutOfRange};
    let cases = [
        (r#"{"code":0.0}"#, wrong_type("code", ValueKind::Float)),
        (r#"{"code":-0}"#, wrong_type("code", ValueKind::Float)),
        (r#"{"code":-0.0}"#, wrong_type("code", ValueKind::Float)),
        (r#"{"code":203010.5}"#, wrong_type("code", ValueKind::Float)),
        (r#"{"code":1e3}"#, wrong_type("code", ValueKind::Float)),
        (r#"{"code":1e-400}"#, wrong_type("code", ValueKind::Float)),
        (r#"{"code":true}"#, wrong_type("code", ValueKind::Bool)),
        (r#"{"code":null}"#, wrong_type("code", ValueKind::Null)),
        (
            r#"{"code":{"value":0}}"#,
            wrong_type("code", ValueKind::Object),
        ),
        (r#"{"code":[0]}"#, wrong_type("code", ValueKind::Array)),
        (r#"{"code":"ok"}"#, NotDecimal { field: "code" }),
        (r#"{"code":""}"#, NotDecimal { field: "code" }),
        (r#"{"code":" 0"}"#, NotDecimal { field: "code" }),
        (r#"{"code":"0x10"}"#, NotDecimal { field: "code" }),
        (
            r#"{"code":9223372036854775808}"#,
            OutOfRange { field: "code" },
        ),
        (
            r#"{"code":18446744073709551615}"#,
            OutOfRange { field: "code" },
        ),
        (
            r#"{"code":100000000000000000000000}"#,
            OutOfRange { field: "code" },
        ),
        (
            r#"{"code":-9223372036854775809}"#,
            OutOfRange { field: "code" },
        ),
        (r#"{"code":1e30}"#, OutOfRange { field: "code" }),
        (
            r#"{"code":"99999999999999999999"}"#,
            OutOfRange { field: "code" },
        ),
        (r#"{"code":0,"code":0}"#, DuplicateField("code")),
        (
            r#"{"code":0,"message":5}"#,
            wrong_type("message", ValueKind::Integer),
        ),
        (
            r#"{"code":0,"error":{}}"#,
            wrong_type("error", ValueKind::Object),
        ),
        (
            r#"{"code":0,"timestamp":-1}"#,
            OutOfRange { field: "timestamp" },
        ),
        (
            r#"{"code":0,"timestamp":1e30}"#,
            OutOfRange { field: "timestamp" },
        ),
        (
            r#"{"code":0,"timestamp":1.5}"#,
            wrong_type("timestamp", ValueKind::Float),
        ),
        (
            r#"{"code":0,"timestamp":"1"}"#,
            wrong_type("timestamp", ValueKind::String),
        ),
    ];
    for (body, expected) in cases {
        assert_eq!(protocol_error::<Login>(body), expected, "{body}");
        assert_eq!(protocol_error::<()>(body), expected, "{body}");
        assert_eq!(
            protocol_error::<api::GetCustomInfoReply>(body),
            expected,
            "{body}"
        );
    }
}

#[test]
fn protocol_errors_name_their_field() {
    for (body, field) in [
        (r#"{"code":0,"timestamp":-1}"#, "timestamp"),
        (r#"{"code":1e30}"#, "code"),
        (r#"{"code":"00"}"#, "code"),
        (r#"{"code":0,"message":5}"#, "message"),
        (r#"{"code":0,"error":[]}"#, "error"),
        (r#"{"code":1,"code":1}"#, "code"),
    ] {
        let problem = protocol_error::<()>(body);
        let named = match problem {
            ProtocolError::WrongType { field, .. }
            | ProtocolError::NotDecimal { field }
            | ProtocolError::OutOfRange { field }
            | ProtocolError::DuplicateField(field) => field,
            other => panic!("{body}: {other:?}"),
        };
        assert_eq!(named, field, "{body}");
        // The text shows the field too (where it says more, it is not a contract).
        assert!(
            problem.to_string().contains(&format!("`{field}`")),
            "{problem}"
        );
    }
}

#[test]
fn only_the_integer_zero_and_the_string_zero_are_success() {
    // Canonical decimal only. Leading zeros are refused, never guessed at:
    // "0203010" is no code at all, and "00" is no success.
    for body in [r#"{"code":0}"#, r#"{"code":"0"}"#, r#"{"code":"\u0030"}"#] {
        assert_eq!(got::<()>(body), Got::Success, "{body}");
    }
    for text in [
        "00",
        "-0",
        "-00",
        "000000000000",
        "0203010",
        "+0",
        "0 ",
        "0.0",
        "0e0",
    ] {
        let body = format!(r#"{{"code":"{text}"}}"#);
        assert_eq!(
            protocol_error::<()>(&body),
            ProtocolError::NotDecimal { field: "code" },
            "{body}"
        );
    }
    for body in [
        r#"{"code":false}"#,
        r#"{"code":[]}"#,
        r#"{"code":-0}"#,
        r#"{"code":0e0}"#,
    ] {
        assert!(matches!(got::<()>(body), Got::Protocol(_)), "{body}");
    }
}

#[test]
fn problems_are_reported_in_a_fixed_order_whatever_the_key_order() {
    // `code` first; then, for a success, duplicates, message, error, timestamp.
    let cases = [
        (
            r#"{"timestamp":"x","code":1.5,"message":2}"#,
            wrong_type("code", ValueKind::Float),
        ),
        (
            r#"{"timestamp":"x","message":2,"code":0}"#,
            wrong_type("message", ValueKind::Integer),
        ),
        (
            r#"{"message":1,"message":2,"code":1,"code":2}"#,
            ProtocolError::DuplicateField("code"),
        ),
        (
            r#"{"message":1,"message":2,"code":0,"timestamp":"x"}"#,
            ProtocolError::DuplicateField("message"),
        ),
        (
            r#"{"timestamp":-1,"error":[],"code":0}"#,
            wrong_type("error", ValueKind::Array),
        ),
    ];
    for (body, expected) in cases {
        assert_eq!(protocol_error::<()>(body), expected, "{body}");
        for order in in_every_order(body) {
            assert_eq!(protocol_error::<Login>(&order), expected, "{order}");
        }
    }
}

/// An error reply keeps its code whatever else is wrong with its envelope: a
/// text or a time of the wrong type, or given twice, is left out, so that a
/// client can still act on the code (log in again on 202001, rejoin on 203010).
#[test]
fn an_error_code_is_never_lost_to_the_rest_of_the_envelope() {
    for (body, message, timestamp) in [
        (r#"{"code":202001,"timestamp":"1577087588457"}"#, "", None),
        (r#"{"code":203010,"message":5}"#, "", None),
        (r#"{"code":203010,"message":5,"error":"old"}"#, "old", None),
        (
            r#"{"code":203010,"message":"a","message":"b","timestamp":7}"#,
            "",
            Some(7),
        ),
        (r#"{"code":203010,"message":"x","timestamp":-1}"#, "x", None),
        (
            r#"{"code":203010,"message":"x","timestamp":1,"timestamp":1}"#,
            "x",
            None,
        ),
        (r#"{"error":[],"timestamp":1.5,"code":"-1"}"#, "", None),
    ] {
        for order in in_every_order(body) {
            let error = api::decode::<api::AnchorHeartbeatReply>(&order).unwrap_err();
            let error = error.server().expect(&order).server_error();
            assert_eq!(
                (error.code().value(), error.message(), error.timestamp()),
                (body_code(body), message, timestamp),
                "{order}"
            );
        }
    }
}

/// The code a test body of [`an_error_code_is_never_lost_to_the_rest_of_the_envelope`] holds.
fn body_code(body: &str) -> i64 {
    let value: serde_json::Value = serde_json::from_str(body).unwrap();
    match &value["code"] {
        serde_json::Value::String(text) => text.parse().unwrap(),
        code => code.as_i64().unwrap(),
    }
}

#[test]
fn invalid_json_is_a_syntax_error_even_after_an_error_code() {
    // A payload key before `code`, a non-zero code, then a syntax error.
    for body in [
        r#"{"x":1,"code":203010,"y"}"#,
        r#"{"x":1,"code":203010,"y":}"#,
        r#"{"x":1,"code":203010,"y":1.}"#,
        r#"{"x":1,"code":203010,"y":[1,}"#,
        r#"{"code":203010,"y":{"a"}}"#,
        r#"{"code":203010,"y":"\x"}"#,
        r#"{"code":203010,"y":"\ud800"}"#,
        r#"{"code":203010}}"#,
        r#"{"code":203010,}"#,
        r#"{"code":203010,"y":"tab	inside"}"#,
    ] {
        assert_eq!(got::<()>(body), Got::Syntax, "{body}");
        assert_eq!(got::<Login>(body), Got::Syntax, "{body}");
        assert_eq!(got::<api::GetAnchorUrlReply>(body), Got::Syntax, "{body}");
    }
    // Trailing garbage is found before a payload that does not fit (a fuzzer's find).
    assert_eq!(got::<Login>(r#"{"code":0,"token":20}0100}"#), Got::Syntax);
    // Not UTF-8, even inside a string that nothing reads.
    for body in [
        &b"{\"code\":203010,\"x\":\"\xff\"}"[..],
        b"{\"code\":0,\"\xff\":1}",
        b"{\"code\":0,\"x\":[\"\xc3\"]}",
    ] {
        assert_eq!(got::<()>(body), Got::Syntax, "{body:?}");
        assert_eq!(got::<Login>(body), Got::Syntax, "{body:?}");
    }
}

/// A body cut off inside a `\u` escape is a syntax error. The scan for lone
/// surrogates read past the end of such a body and panicked (found by the
/// property tests of `decode_props.rs`).
#[test]
fn a_body_cut_off_inside_an_escape_is_a_syntax_error() {
    for body in [
        r#"{"token":"\u"#,
        r#"{"token":"\u00"#,
        r#"{"x":"\ud800\u"#,
        r#"{"x":"\ud800\"#,
        r#"{"code":1,"x":"\u"#,
        r#"{"code":0,"x":["\u0"#,
        r#"["\u"#,
    ] {
        assert_eq!(got::<()>(body), Got::Syntax, "{body}");
        assert_eq!(got::<Login>(body), Got::Syntax, "{body}");
    }
}

/// Decision: a lone surrogate escape (or invalid UTF-8) anywhere is a syntax
/// error, even in a value nothing reads and in a body that is not an object.
#[test]
fn a_lone_surrogate_anywhere_is_a_syntax_error() {
    for body in [
        r#"{"code":0,"x":"\ud800"}"#,
        r#"{"code":0,"x":["\udc00"]}"#,
        r#"{"x":{"y":"\ud83d\u0041"},"code":203010}"#,
        r#"{"code":203010,"x":"\ud800"}"#,
        r#"{"code":{"a":"\ud800"}}"#,
        r#"{"code":["\ud800"]}"#,
        r#"{"code":1,"code":"\ud800"}"#,
        r#"{"code":0,"message":"\udfff"}"#,
        r#"{"\ud800":1,"code":0}"#,
        r#"["\ud800"]"#,
        r#"[{"a":"\udc00"}]"#,
        r#""\ud800""#,
    ] {
        assert_eq!(got::<()>(body), Got::Syntax, "{body}");
        assert_eq!(got::<Login>(body), Got::Syntax, "{body}");
        assert_eq!(got::<api::GetCustomInfoReply>(body), Got::Syntax, "{body}");
    }
    // A pair is a character, and `\\u` is no escape.
    assert_eq!(got::<()>(r#"{"code":0,"x":"\ud83d\ude00"}"#), Got::Success);
    assert_eq!(got::<()>(r#"{"code":0,"x":["\\ud800"]}"#), Got::Success);
    assert_eq!(
        got::<()>(r#"["\\ud800"]"#),
        Got::Protocol(ProtocolError::NotAnObject(ValueKind::Array))
    );
}

#[test]
fn the_code_survives_a_payload_field_that_does_not_fit() {
    // The failure wins whatever the payload fields hold, before or after `code`.
    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Strict {
        token: String,
    }
    impl api::Reply for Strict {
        type Error = ServerError;
    }
    for body in [
        r#"{"token":5,"code":203010}"#,
        r#"{"code":203010,"token":5}"#,
        r#"{"token":5,"token":6,"code":203010}"#,
        r#"{"accelerateURL":"x","code":203010,"message":"m","timestamp":1}"#,
        r#"{"pushURL":1e400,"code":203010}"#,
    ] {
        for order in in_every_order(body) {
            assert_eq!(got::<Login>(&order), Got::Server(203010), "{order}");
            assert_eq!(got::<Strict>(&order), Got::Server(203010), "{order}");
            assert_eq!(got::<Option<Login>>(&order), Got::Server(203010), "{order}");
            assert_eq!(got::<()>(&order), Got::Server(203010), "{order}");
            assert_eq!(got::<Value>(&order), Got::Server(203010), "{order}");
            assert_eq!(
                got::<api::GetAnchorUrlReply>(&order),
                Got::Server(203010),
                "{order}"
            );
        }
    }
}

#[test]
fn unit_and_option_payloads_decode_a_success() {
    let reply = api::decode::<()>(r#"{"code":0,"message":"Success!"}"#).unwrap();
    assert_eq!(reply.payload, ());
    assert_eq!(got::<()>(r#"{"code":0,"extra":1}"#), Got::Success);
    let none = api::decode::<Option<Login>>(r#"{"code":0,"timestamp":1}"#).unwrap();
    assert_eq!(none.payload, None);
    let some = api::decode::<Option<Login>>(r#"{"code":0,"token":"t","userID":"u"}"#).unwrap();
    assert_eq!(some.payload.map(|l| l.token), Some("t".to_owned()));
    // With payload keys that do not fit, an `Option` is no way out.
    assert_eq!(
        got::<Option<Login>>(r#"{"code":0,"token":"t"}"#),
        Got::Payload
    );
    // What a server writes for either reads back as either.
    let bodies = [
        serde_json::to_string(&Success::new(())).unwrap(),
        serde_json::to_string(&Success::new(None::<Login>)).unwrap(),
    ];
    for body in bodies {
        assert_eq!(api::decode::<()>(&body).unwrap(), Success::new(()));
        assert_eq!(
            api::decode::<Option<Login>>(&body).unwrap(),
            Success::new(None)
        );
    }
}

#[test]
fn duplicate_payload_keys_are_refused_by_the_payload_type() {
    let once = r#"{"code":0,"token":"a","userID":"u"}"#;
    let twice = r#"{"code":0,"token":"a","token":"b","userID":"u"}"#;
    assert_eq!(got::<Login>(once), Got::Success);
    assert_eq!(got::<Login>(twice), Got::Payload);
    assert_eq!(got::<api::LoginReply>(twice), Got::Payload);
    // Keys nothing reads may repeat: a derive ignores them.
    assert_eq!(
        got::<Login>(r#"{"code":0,"x":1,"x":2,"token":"a","userID":"u"}"#),
        Got::Success
    );
    // An error reply's payload is never judged, duplicates or not.
    assert_eq!(
        got::<Login>(r#"{"token":"a","token":"b","code":1}"#),
        Got::Server(1)
    );
}

#[test]
fn payload_fields_of_every_shape_replay_faithfully() {
    #[derive(Debug, PartialEq, Deserialize)]
    #[serde(rename_all = "lowercase")]
    enum Operation {
        Set,
        Inc,
    }
    #[derive(Debug, PartialEq, Deserialize)]
    #[serde(untagged)]
    enum Value {
        Number(i64),
        Text(String),
    }
    #[derive(Debug, PartialEq, Deserialize)]
    struct Shapes {
        op: Operation,
        ops: Vec<Operation>,
        values: Vec<Value>,
        name: String,
        escaped: String,
        nested: std::collections::BTreeMap<String, (u8, bool)>,
        missing: Option<u32>,
        null: Option<u32>,
        big: u64,
        negative: i8,
        float: f32,
        unit: (),
    }
    impl api::Reply for Shapes {
        type Error = ServerError;
    }
    let body = r#"{"float":1.5,"op":"set","ops":["inc","set"],"values":[3,"x"],"code":0,
        "name":"plain","escaped":"a\"b\u00e9","nested":{"k":[7,true]},"null":null,
        "big":18446744073709551615,"negative":-8,"unit":null}"#;
    let shapes = api::decode::<Shapes>(body).unwrap().payload;
    assert_eq!(
        shapes,
        Shapes {
            op: Operation::Set,
            ops: vec![Operation::Inc, Operation::Set],
            values: vec![Value::Number(3), Value::Text("x".into())],
            name: "plain".into(),
            escaped: "a\"bé".into(),
            nested: [("k".to_owned(), (7, true))].into(),
            missing: None,
            null: None,
            big: u64::MAX,
            negative: -8,
            float: 1.5,
            unit: (),
        }
    );
    assert_eq!(
        got::<Shapes>(&body.replace(r#""op":"set""#, r#""op":"dec""#)),
        Got::Payload
    );
}

#[test]
fn bodies_that_are_not_objects_are_protocol_errors() {
    for (body, kind) in [
        ("[]", ValueKind::Array),
        (r#"[{"code":0}]"#, ValueKind::Array),
        ("[1e400]", ValueKind::Array),
        ("0", ValueKind::Integer),
        ("-7", ValueKind::Integer),
        ("18446744073709551615", ValueKind::Integer),
        ("18446744073709551616", ValueKind::Float),
        ("-0", ValueKind::Float),
        ("1.5", ValueKind::Float),
        (r#""Success!""#, ValueKind::String),
        ("true", ValueKind::Bool),
        ("null", ValueKind::Null),
        (" \r\n\t[1]", ValueKind::Array),
        ("\n-7\n", ValueKind::Integer),
    ] {
        assert_eq!(
            protocol_error::<Login>(body),
            ProtocolError::NotAnObject(kind),
            "{body}"
        );
        assert_eq!(
            got::<api::GetRoomListReply>(body.as_bytes()),
            Got::Protocol(ProtocolError::NotAnObject(kind)),
            "{body}"
        );
    }
    // A number serde_json cannot read is no value at all.
    assert_eq!(got::<()>("1e400"), Got::Syntax);
}

#[test]
fn objects_after_leading_whitespace_are_replies() {
    for body in [" {\"code\":0}", "\r\n\t {\"code\":0}\n"] {
        assert_eq!(got::<()>(body), Got::Success, "{body:?}");
    }
    // A non-object with trailing garbage is a syntax error, as for an object.
    assert_eq!(got::<()>("[] }"), Got::Syntax);
    // A byte order mark is not whitespace.
    assert_eq!(got::<()>("\u{feff}{\"code\":0}"), Got::Syntax);
}

#[test]
fn non_json_bodies_are_syntax_errors() {
    for body in [
        "",
        " ",
        "<html><body>502 Bad Gateway</body></html>",
        r#"{"code":0"#,
        r#"{"code":0} trailing"#,
        r#"{"code":0}{"code":0}"#,
        "{code:0}",
        "{'code':0}",
        r#"{"code":0,"x":NaN}"#,
        r#"{"code":01}"#,
    ] {
        assert_eq!(got::<()>(body), Got::Syntax, "{body}");
    }
    assert_eq!(got::<()>([0xff, 0xfe]), Got::Syntax);
}

#[test]
fn a_success_that_lacks_payload_fields_is_a_payload_error() {
    assert_eq!(
        got::<Login>(r#"{"code":0,"message":"Success!","token":"t"}"#),
        Got::Payload
    );
    assert_eq!(
        got::<Login>(r#"{"code":0,"token":5,"userID":"u"}"#),
        Got::Payload
    );
    assert_eq!(
        got::<Login>(r#"{"code":0,"token":"t","userID":"u"}"#),
        Got::Success
    );
    // Issue 15 case 3: the library side of `decode --interface get_anchor_url '{"code":0}'`.
    let err = api::decode::<api::GetAnchorUrlReply>(r#"{"code":0}"#).unwrap_err();
    assert!(matches!(err, CallError::Payload(_)), "{err:?}");
    assert!(err.server().is_none() && err.recovery().is_none());
}

#[test]
fn merge_stream_reports_a_failed_mix_inside_a_success() {
    use api::MergeStreamReply;
    for body in [
        r#"{"code":0,"message":"Success!","merge_code":1001,"merge_msg":"input stream not found"}"#,
        r#"{"code":0,"message":"Success!","merge_code":"1001","merge_message":"input stream not found"}"#,
    ] {
        let merge = api::decode::<MergeStreamReply>(body).unwrap().payload;
        assert_eq!(merge.merge_code, 1001);
        assert_eq!(merge.merge_message, "input stream not found");
        let failure = merge.check().unwrap_err();
        assert_eq!(
            (failure.merge_code, failure.merge_message.as_str()),
            (1001, "input stream not found")
        );
    }
    let mixed = r#"{"code":0,"message":"Success!","merge_code":0}"#;
    assert!(
        api::decode::<MergeStreamReply>(mixed)
            .unwrap()
            .payload
            .check()
            .is_ok()
    );
    let bare = api::decode::<MergeStreamReply>(r#"{"code":0}"#)
        .unwrap()
        .payload;
    assert_eq!(bare, MergeStreamReply::default());
    assert!(bare.check().is_ok());
    for body in [
        r#"{"code":0,"merge_msg":18446744073709551615}"#,
        r#"{"code":0,"merge_code":18446744073709551615}"#,
        r#"{"code":0,"merge_code":1.5}"#,
        r#"{"code":0,"merge_code":"007"}"#,
        r#"{"code":0,"merge_code":"-0"}"#,
        r#"{"code":0,"merge_code":null}"#,
        // Duplicates are refused whatever their values and order.
        r#"{"code":0,"merge_code":-3,"merge_code":0}"#,
        r#"{"merge_code":0,"code":0,"merge_code":-3}"#,
        r#"{"code":0,"merge_msg":"a","merge_msg":"b"}"#,
        r#"{"code":0,"merge_message":"a","merge_message":null}"#,
    ] {
        assert_eq!(got::<MergeStreamReply>(body), Got::Payload, "{body}");
    }
    // Both spellings at once: `merge_msg` is kept, in either order.
    for body in [
        r#"{"code":0,"merge_code":1,"merge_msg":"android","merge_message":"ios"}"#,
        r#"{"merge_message":"ios","code":0,"merge_msg":"android","merge_code":1}"#,
    ] {
        let merge = api::decode::<MergeStreamReply>(body).unwrap().payload;
        assert_eq!(merge.merge_message, "android", "{body}");
    }
    // No dangling ": " without a text.
    let merge = api::decode::<MergeStreamReply>(r#"{"code":0,"merge_code":-2}"#).unwrap();
    let failure = merge.payload.check().unwrap_err();
    assert_eq!(
        (failure.merge_code, failure.merge_message.as_str()),
        (-2, "")
    );
    assert!(!failure.to_string().trim_end().ends_with(':'), "{failure}");
    // A failed call is the server's error, not a failed mix.
    let err =
        api::decode::<MergeStreamReply>(r#"{"code":207002,"message":"mix failed"}"#).unwrap_err();
    assert!(matches!(
        err.server(),
        Some(api::MergeStreamError::MixStreamFailed(_))
    ));
}

#[test]
fn a_value_payload_sees_exactly_the_payload_fields() {
    let body =
        r#"{"code":0,"message":"Success!","timestamp":1,"roomID":"r1","pushers":[{"userID":"a"}]}"#;
    let payload = api::decode::<Value>(body).unwrap().payload;
    assert_eq!(
        payload,
        json!({"roomID": "r1", "pushers": [{"userID": "a"}]})
    );
    assert_eq!(
        api::decode::<Value>(r#"{"code":0}"#).unwrap().payload,
        json!({})
    );
}

/// A payload type that reads nothing of its input breaks serde's contract
/// (a `Deserialize` consumes one value): a success is then a payload error,
/// as `serde_json::from_str` refuses it (trailing characters). The code of
/// an error reply is kept all the same.
#[test]
fn a_payload_type_that_reads_nothing_still_keeps_the_code() {
    #[derive(Debug)]
    struct Lazy;
    impl<'de> Deserialize<'de> for Lazy {
        fn deserialize<D: serde::Deserializer<'de>>(_: D) -> Result<Self, D::Error> {
            Ok(Lazy)
        }
    }
    impl api::Reply for Lazy {
        type Error = ServerError;
    }
    assert!(serde_json::from_str::<Lazy>(r#"{"token":"t"}"#).is_err());
    let body = r#"{"code":0,"token":"t","more":{"a":[1]},"message":"m"}"#;
    assert_eq!(got::<Lazy>(body), Got::Payload);
    // Without payload keys it is never asked.
    assert_eq!(got::<Lazy>(r#"{"message":"m","code":0}"#), Got::Success);
    for body in [r#"{"token":"t","code":5}"#, r#"{"code":5,"token":"t"}"#] {
        assert_eq!(got::<Lazy>(body), Got::Server(5), "{body}");
    }
}

// ---------------------------------------------------------------------------
// Issue 15: the three cases, and serde_json's private keys.

/// Case 1: serde_json's private number key means nothing here, with or
/// without `arbitrary_precision`. The error reply used to fail with "number
/// out of range", losing its code.
#[test]
fn serde_jsons_private_number_key_cannot_hide_a_code() {
    let body = r#"{"code":203010,"message":"x","extra":{"$serde_json::private::Number":"1e400"}}"#;
    for order in in_every_order(body) {
        assert_eq!(server_error(&order).message(), "x", "{order}");
        assert_eq!(got::<Login>(&order), Got::Server(203010), "{order}");
        assert_eq!(
            got::<api::GetAnchorUrlReply>(&order),
            Got::Server(203010),
            "{order}"
        );
        assert_eq!(
            got::<api::GetCustomInfoReply>(&order),
            Got::Server(203010),
            "{order}"
        );
        assert_eq!(got::<Value>(&order), Got::Server(203010), "{order}");
    }
    // The same in a success that nothing reads it in.
    let body =
        r#"{"code":0,"extra":{"$serde_json::private::Number":"1e400"},"token":"t","userID":"u"}"#;
    assert_eq!(got::<Login>(body), Got::Success);
    assert_eq!(got::<()>(body), Got::Success);
}

/// Case 1, the other half: an object is an object. It never passes for the
/// number its private key's text spells, in a custom field or anywhere.
#[test]
fn serde_jsons_private_number_key_never_makes_a_number() {
    let number = |text: &str| format!(r#"{{"$serde_json::private::Number":"{text}"}}"#);
    let body = format!(r#"{{"code":0,"custom":{{"praise":{}}}}}"#, number("1.5"));
    assert_eq!(got::<api::GetCustomInfoReply>(&body), Got::Payload);
    let plain = r#"{"code":0,"custom":{"praise":1.5}}"#;
    let info = api::decode::<api::GetCustomInfoReply>(plain)
        .unwrap()
        .payload;
    assert_eq!(info.custom["praise"], api::CustomValue::Float(1.5));
    // In the envelope: an object, of the wrong type.
    for text in [
        "0",
        "203010",
        "-0",
        "1.5",
        "1e400",
        "100000000000000000000",
        "abc",
    ] {
        let body = format!(r#"{{"code":{}}}"#, number(text));
        assert_eq!(
            protocol_error::<()>(&body),
            wrong_type("code", ValueKind::Object),
            "{text}"
        );
        let body = format!(r#"{{"code":0,"timestamp":{}}}"#, number(text));
        let expected = wrong_type("timestamp", ValueKind::Object);
        assert_eq!(protocol_error::<()>(&body), expected, "{text}");
    }
    // In a field a derive reads as a number: the type error of a map.
    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Float {
        n: f64,
    }
    impl api::Reply for Float {
        type Error = ServerError;
    }
    let body = format!(r#"{{"code":0,"n":{}}}"#, number("2.5e3"));
    assert_eq!(got::<Float>(&body), Got::Payload);
    assert_eq!(
        api::decode::<Float>(r#"{"code":0,"n":2.5e3}"#)
            .unwrap()
            .payload
            .n,
        2500.0
    );
    // A room's custom text is read the same way.
    let room = api::Room {
        custom: format!(r#"{{"praise":{}}}"#, number("3")),
        ..api::Room::default()
    };
    assert!(room.custom_fields().is_err());
    // Other keys of the same object: still an object.
    let body = r#"{"code":{"$serde_json::private::Number":"1","x":2}}"#;
    assert_eq!(
        protocol_error::<()>(body),
        wrong_type("code", ValueKind::Object)
    );
}

/// Case 2: a custom field given twice is refused (which value would be meant
/// is unknowable); it used to keep the last.
#[test]
fn a_custom_field_given_twice_is_refused() {
    for body in [
        r#"{"code":0,"custom":{"a":1,"a":"x"}}"#,
        r#"{"custom":{"a":1,"b":2,"a":1},"code":0}"#,
        r#"{"code":0,"custom":{"praise":3},"custom":{"praise":4}}"#,
    ] {
        assert_eq!(got::<api::GetCustomInfoReply>(body), Got::Payload, "{body}");
    }
    let fine = api::decode::<api::GetCustomInfoReply>(r#"{"code":0,"custom":{"a":1,"b":"x"}}"#)
        .unwrap()
        .payload;
    assert_eq!(fine.custom.len(), 2);
    // An error reply keeps its code, whatever `custom` holds.
    assert_eq!(
        got::<api::GetCustomInfoReply>(r#"{"custom":{"a":1,"a":2},"code":207004}"#),
        Got::Server(207004)
    );
    // `get_room_list`'s JSON text of the same fields is read with the same rule.
    let room = |custom: &str| api::Room {
        custom: custom.into(),
        ..api::Room::default()
    };
    assert!(room(r#"{"a":1,"a":"x"}"#).custom_fields().is_err());
    assert_eq!(room(r#"{"a":1,"b":"x"}"#).custom_fields().unwrap().len(), 2);
}

/// A `serde_json::Value` payload is serde_json's own: it keeps the last of
/// duplicated keys and, under `arbitrary_precision`, reads the private key as
/// a number. The reply types of `api` are where the guarantees hold.
#[test]
fn a_value_payload_is_serde_jsons_own() {
    let body = r#"{"code":0,"y":1,"y":2}"#;
    assert_eq!(api::decode::<Value>(body).unwrap().payload, json!({"y": 2}));
    let body = r#"{"code":0,"x":{"$serde_json::private::Number":"1.5"}}"#;
    let x = api::decode::<Value>(body).unwrap().payload["x"].clone();
    if arbitrary_precision() {
        assert_eq!(x, json!(1.5));
    } else {
        assert_eq!(x, json!({"$serde_json::private::Number": "1.5"}));
    }
}

/// A payload type that stops before the end of the map (a `Value` at the
/// private number key, under `arbitrary_precision`) still leaves the rest to
/// the envelope: key order changes nothing.
#[test]
fn a_payload_that_stops_early_leaves_the_rest_to_the_envelope() {
    let expected = if arbitrary_precision() {
        json!(1)
    } else {
        json!({"$serde_json::private::Number": "1"})
    };
    for body in [
        r#"{"code":0,"$serde_json::private::Number":"1"}"#,
        r#"{"$serde_json::private::Number":"1","code":0}"#,
    ] {
        assert_eq!(
            api::decode::<Value>(body).unwrap().payload,
            expected,
            "{body}"
        );
    }
    let body = r#"{"$serde_json::private::Number":"1","code":0,"code":0}"#;
    assert_eq!(
        protocol_error::<Value>(body),
        ProtocolError::DuplicateField("code")
    );
    let body = r#"{"$serde_json::private::Number":"1","code":203010}"#;
    assert_eq!(got::<Value>(body), Got::Server(203010));
}

/// `rooms[].audiences` is read as it comes, like `pushers`: a key it ignores
/// stays unread, so a number beyond `f64` or deep nesting there changes
/// nothing, with or without `arbitrary_precision`.
#[test]
fn what_audiences_ignore_stays_unread() {
    let deep = format!("{}1{}", "[".repeat(200), "]".repeat(200));
    for inner in ["1e400", "-1e400", &deep] {
        for room in [
            format!(r#"{{"audiences":[{{"x":{inner}}}]}}"#),
            format!(r#"{{"audiences":{{"x":{inner},"audiences":[]}}}}"#),
            format!(r#"{{"pushers":[{{"x":{inner}}}]}}"#),
        ] {
            let body = format!(r#"{{"code":0,"rooms":[{room}]}}"#);
            assert_eq!(got::<api::GetRoomListReply>(&body), Got::Success, "{body}");
        }
    }
    let body = r#"{"code":0,"rooms":[{"audiences":{"audiences":[],"audiences":[]}}]}"#;
    assert_eq!(got::<api::GetRoomListReply>(body), Got::Payload);
}

/// Decision: a number beyond `f64` (`1e400`) in a value the payload type
/// reads is an error of that value (a payload error for a success); in a
/// value nothing reads it is fine, as for a plain derive.
#[test]
fn a_number_beyond_f64_matters_only_where_it_is_read() {
    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Float {
        n: f64,
    }
    impl api::Reply for Float {
        type Error = ServerError;
    }
    for body in [r#"{"code":0,"n":1e400}"#, r#"{"n":-1e400,"code":0}"#] {
        assert_eq!(got::<Float>(body), Got::Payload, "{body}");
        assert_eq!(got::<()>(body), Got::Success, "{body}");
    }
    let body = r#"{"code":0,"custom":{"praise":1e400}}"#;
    assert_eq!(got::<api::GetCustomInfoReply>(body), Got::Payload);
    // Never where it is not read: an error reply, a key nothing reads.
    for body in [
        r#"{"code":203010,"x":1e400}"#,
        r#"{"x":1e400,"code":203010}"#,
        r#"{"x":[1e400],"code":203010}"#,
        r#"{"code":203010,"x":{"a":1e400}}"#,
    ] {
        assert_eq!(got::<()>(body), Got::Server(203010), "{body}");
        assert_eq!(got::<Float>(body), Got::Server(203010), "{body}");
        assert_eq!(
            got::<api::GetCustomInfoReply>(body),
            Got::Server(203010),
            "{body}"
        );
    }
    let body = r#"{"code":0,"x":1e400,"token":"t","userID":"u"}"#;
    assert_eq!(got::<Login>(body), Got::Success);
    // An envelope value is read: there serde_json's "number out of range"
    // (a syntax error to serde_json), whichever of two `code`s it is.
    for body in [
        r#"{"code":1e400}"#,
        r#"{"code":0,"timestamp":1e400}"#,
        r#"{"message":-1e400,"code":0}"#,
        r#"{"code":1e400,"code":1}"#,
        r#"{"code":1,"code":1e400}"#,
        r#"{"code":"x","message":1e400}"#,
        r#"{"code":0,"timestamp":1,"timestamp":1e400}"#,
    ] {
        assert_eq!(got::<()>(body), Got::Syntax, "{body}");
    }
    // Except that an error reply keeps its code, without text and time.
    for body in [
        r#"{"code":1,"message":-1e400}"#,
        r#"{"timestamp":1e400,"message":"x","code":1}"#,
        r#"{"code":1,"error":1e400,"token":5}"#,
        r#"{"code":"1","message":"x","message":1e400}"#,
    ] {
        let error = api::decode::<Login>(body).unwrap_err();
        let error = error.server().expect(body);
        assert_eq!((error.code().value(), error.message()), (1, ""), "{body}");
        assert_eq!(error.timestamp(), None, "{body}");
    }
    // Its contents are not: an array or an object there is of the wrong type.
    for body in [r#"{"code":[1e400]}"#, r#"{"code":{"a":1e400}}"#] {
        assert!(
            matches!(
                protocol_error::<()>(body),
                ProtocolError::WrongType { field: "code", .. }
            ),
            "{body}"
        );
    }
}

/// Numbers at the edge of `f64` read as serde_json reads them, which is not
/// quite `str::parse`, with `arbitrary_precision` as without it.
#[test]
fn numbers_at_the_edge_of_f64_read_as_serde_json_reads_them() {
    for text in [
        "1.7976931348623157e308",
        "1.7976931348623158e308",
        "1.79769313486231581e308",
        "-1.7976931348623158e308",
        "2.2250738585072011e-308",
        "1e-400",
        "18446744073709551616",
    ] {
        let serde_json = serde_json::from_str::<f64>(text).ok();
        let body = format!(r#"{{"code":0,"custom":{{"x":{text}}}}}"#);
        match (serde_json, api::decode::<api::GetCustomInfoReply>(&body)) {
            (Some(x), Ok(info)) => {
                assert_eq!(
                    info.payload.custom["x"],
                    api::CustomValue::Float(x),
                    "{text}"
                )
            }
            (None, Err(CallError::Payload(_))) => {}
            (x, other) => panic!("{text}: serde_json {x:?}, decoded {other:?}"),
        }
        // As a code: out of range (a whole number beyond `i64`) or a float
        // where serde_json reads it, serde_json's syntax error where not.
        let expected = match serde_json {
            None => Got::Syntax,
            Some(x) if x.abs() >= 9_223_372_036_854_775_808.0 => {
                Got::Protocol(ProtocolError::OutOfRange { field: "code" })
            }
            Some(_) => Got::Protocol(wrong_type("code", ValueKind::Float)),
        };
        assert_eq!(
            got::<()>(format!(r#"{{"code":{text}}}"#)),
            expected,
            "{text}"
        );
    }
}

/// Decision: nesting beyond serde_json's limit (128) matters only in values
/// that are read, as for a plain derive; the envelope reads only the type of
/// an array or object.
#[test]
fn deep_nesting_matters_only_where_it_is_read() {
    let deep = |open: &str, close: &str| format!("{}1{}", open.repeat(200), close.repeat(200));
    for value in [deep("[", "]"), deep(r#"{"a":"#, "}")] {
        let success = format!(r#"{{"code":0,"x":{value},"token":"t","userID":"u"}}"#);
        assert_eq!(got::<()>(&success), Got::Success);
        assert_eq!(got::<Login>(&success), Got::Success);
        // A payload that reads it: an error of the payload.
        assert_eq!(got::<Value>(&success), Got::Payload);
        let failure = format!(r#"{{"x":{value},"code":203010}}"#);
        assert_eq!(got::<Value>(&failure), Got::Server(203010));
        assert_eq!(got::<()>(&failure), Got::Server(203010));
        // In the envelope: the wrong type, in either order of two `code`s.
        let kind = if value.starts_with('[') {
            ValueKind::Array
        } else {
            ValueKind::Object
        };
        let body = format!(r#"{{"code":{value}}}"#);
        assert_eq!(protocol_error::<()>(&body), wrong_type("code", kind));
        for body in [
            format!(r#"{{"code":{value},"code":1}}"#),
            format!(r#"{{"code":1,"code":{value}}}"#),
        ] {
            assert_eq!(
                protocol_error::<()>(&body),
                ProtocolError::DuplicateField("code")
            );
        }
        // Not an object at all.
        assert!(matches!(
            got::<()>(format!("[{value}]")),
            Got::Protocol(ProtocolError::NotAnObject(ValueKind::Array))
        ));
    }
}

/// However deep a body nests, decoding it never overflows the stack (a test
/// thread has 2 MiB): skipped values are skipped without recursion, and read
/// ones stop at serde_json's limit.
#[test]
fn deep_nesting_never_overflows_the_stack() {
    let n = 100_000;
    for value in [
        format!("{}1{}", "[".repeat(n), "]".repeat(n)),
        format!("{}1{}", r#"{"a":"#.repeat(n), "}".repeat(n)),
    ] {
        for body in [
            format!(r#"{{"code":0,"x":{value}}}"#),
            format!(r#"{{"x":{value},"code":203010}}"#),
            format!(r#"{{"code":{value}}}"#),
            format!(r#"{{"code":1,"code":{value}}}"#),
            format!(r#"{{"code":0,"custom":{{"a":{value}}}}}"#),
            format!("[{value}]"),
        ] {
            let expected = got::<()>(&body);
            assert_ne!(expected, Got::Syntax);
            assert!(!matches!(got::<Value>(&body), Got::Success));
            assert_ne!(got::<api::GetCustomInfoReply>(&body), Got::Success);
            assert_ne!(got::<api::GetRoomListReply>(&body), Got::Success);
        }
    }
}

// ---------------------------------------------------------------------------
// Allocations.

/// Decoding allocates nothing beyond what its result owns: the payload's
/// strings, vectors and map nodes, and the envelope's text. Bodies without
/// escapes and without floats: serde_json then allocates nothing of its own
/// (an escape needs its scratch buffer). Skipping a nested value (an array
/// in an array) takes serde_json's scratch buffer too, as it does for a
/// plain derive: there the decode allocates what the plain derive does.
///
/// Under `arbitrary_precision`, serde_json hands every number it reads for a
/// value of any type (`code`, `timestamp`, `merge_code`, a custom field) over
/// through a `String` of its own: at most one allocation per number more.
#[test]
fn decoding_allocates_only_what_the_result_owns() {
    /// The allocations of decoding `body`, and how many numbers it has.
    fn count<R: api::Reply>(body: &str) -> (usize, usize) {
        let made = allocations_of(|| drop(std::hint::black_box(api::decode::<R>(body))));
        (made, numbers(&Json::parse(body.as_bytes()).unwrap()))
    }
    fn numbers(value: &Json) -> usize {
        match value {
            Json::Number(_) => 1,
            Json::Array(items) => items.iter().map(numbers).sum(),
            Json::Object(entries) => entries.iter().map(|(_, v)| numbers(v)).sum(),
            _ => 0,
        }
    }
    /// The envelope and nothing else, as a plain derive reads it.
    #[derive(Deserialize)]
    #[allow(dead_code)]
    struct Plain {
        code: i64,
        message: String,
        timestamp: Option<u64>,
    }
    fn plain(body: &str) -> usize {
        allocations_of(|| drop(std::hint::black_box(serde_json::from_str::<Plain>(body))))
    }
    // The room list of docs/protocol.md §3 without its escapes.
    let room_list = r#"{"code":0,"message":"Success!","timestamp":1,"rooms":[{"roomID":"room_1",
        "roomInfo":"demo","roomCreator":"u1","mixedPlayURL":"https://m","custom":"c","audienceCount":5,
        "pushers":[{"userID":"u1","userName":"A","userAvatar":"x","accelerateURL":"rtmp://a"}]}]}"#;
    let nested_success = r#"{"code":0,"message":"ok","x":[1,{"a":"b"}]}"#;
    let nested_error =
        r#"{"code":204004,"message":"m","timestamp":1,"pushURL":"a","x":[1,{"b":2}]}"#;
    let cases = [
        // The envelope alone: nothing, then its text.
        (count::<()>(r#"{"code":0}"#), 0),
        (count::<()>(r#"{"code":"0","message":"","timestamp":1}"#), 0),
        (count::<()>(ENVELOPE_ONLY), 1),
        (
            count::<api::LogoutReply>(r#"{"code":0,"message":"ok","x":[1,"a"]}"#),
            1,
        ),
        (count::<Option<api::LoginReply>>(ENVELOPE_ONLY), 1),
        // An error: its text; the payload type never runs when `code` comes first.
        (count::<()>(ERROR), 1),
        (count::<api::GetAnchorUrlReply>(ERROR), 1),
        (
            count::<api::GetAnchorUrlReply>(r#"{"code":204004,"message":"m","pushURL":"a"}"#),
            1,
        ),
        (count::<api::GetRoomListReply>(r#"{"code":203010}"#), 0),
        // Successes: each string, vector and map node, and the text.
        (count::<api::LoginReply>(LOGIN), 3),
        (count::<api::CreateRoomReply>(CREATE_ROOM), 2),
        (count::<api::GetAnchorUrlReply>(GET_ANCHOR_URL), 3),
        (count::<api::MergeStreamReply>(MERGE_STREAM), 2),
        // rooms, 5 strings of the room, pushers, 4 strings of the anchor, text.
        (count::<api::GetRoomListReply>(room_list), 12),
        // One map node, two names, one text value, the envelope's text.
        (count::<api::GetCustomInfoReply>(GET_CUSTOM_INFO), 5),
        // Nested values skipped: what a plain derive allocates (the text and
        // serde_json's scratch buffer).
        (
            count::<api::LogoutReply>(nested_success),
            plain(nested_success),
        ),
        (
            count::<api::GetAnchorUrlReply>(nested_error),
            plain(nested_error),
        ),
        ((plain(nested_error), 0), 2),
    ];
    for (i, ((made, numbers), owned)) in cases.into_iter().enumerate() {
        if arbitrary_precision() {
            assert!(
                (owned..=owned + numbers).contains(&made),
                "case {i}: {made} for {owned}"
            );
        } else {
            assert_eq!(made, owned, "case {i}");
        }
    }
}
