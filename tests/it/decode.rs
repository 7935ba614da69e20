//! Decoding real and malformed RoomService replies, and producing wire-exact ones.
#![cfg(feature = "json")]

use liveroom_errors::wire::{
    self, DecodeError, Empty, MergeStream, ProtocolError, Reply, SuccessBody, ValueKind,
};
use liveroom_errors::{Category, Code, ErrorCode, Recovery};
use serde::{Deserialize, Serialize};

/// The two real bodies of wire-format.md.
const LOGIN_OK: &str = r#"{"code":0,"message":"Success!","timestamp":1565610959661,"token":"c9527c191598662c6f392146f65ae520*1400047134","userID":"user_dda36c3f_7c91"}"#;
const PUSH_URL_FAILED: &str =
    r#"{"code":204004,"message":"get push and acc url failed!","timestamp":1577087588457}"#;

#[derive(Debug, PartialEq, Deserialize, Serialize)]
struct Login {
    token: String,
    #[serde(rename = "userID")]
    user_id: String,
}

fn protocol_error<T: for<'a> Deserialize<'a> + std::fmt::Debug>(body: &str) -> ProtocolError {
    match wire::from_str::<T>(body) {
        Err(DecodeError::Protocol(problem)) => problem,
        other => panic!("{body}: expected a protocol error, got {other:?}"),
    }
}

#[test]
fn the_real_success_body_decodes_with_its_payload() {
    let reply: Reply<Login> = wire::from_str(LOGIN_OK).unwrap();
    assert!(reply.is_success());
    assert_eq!(reply.code_value(), 0);
    assert_eq!(reply.message(), "Success!");
    assert_eq!(reply.timestamp(), Some(1565610959661));
    let login = reply.into_result().unwrap();
    assert_eq!(login.token, "c9527c191598662c6f392146f65ae520*1400047134");
    assert_eq!(login.user_id, "user_dda36c3f_7c91");
}

#[test]
fn the_real_error_body_decodes_into_a_server_error_despite_missing_payload_fields() {
    let reply: Reply<Login> = wire::from_str(PUSH_URL_FAILED).unwrap();
    assert!(!reply.is_success());
    assert_eq!(reply.code_value(), 204004);
    let err = reply.into_result().unwrap_err();
    assert_eq!(err.code(), ErrorCode::GetAcceleratedUrlFailed);
    assert_eq!(err.known(), Some(ErrorCode::GetAcceleratedUrlFailed));
    assert_eq!(err.message(), "get push and acc url failed!");
    assert_eq!(err.timestamp(), Some(1577087588457));
    assert_eq!(err.category(), Some(Category::Pusher));
    assert_eq!(err.recovery(), Some(Recovery::Configure));
    assert!(!err.is_retryable());
    assert_eq!(
        err.known().map(ErrorCode::message_zh),
        Some("获取加速流播放地址失败")
    );
    assert_eq!(err.to_string(), "204004 get push and acc url failed!");
    let as_error: &dyn std::error::Error = &err;
    assert!(as_error.source().is_none());
}

#[test]
fn timestamps_take_the_whole_u64_range() {
    let reply: Reply = wire::from_str(r#"{"code":0,"timestamp":18446744073709551615}"#).unwrap();
    assert_eq!(reply.timestamp(), Some(u64::MAX));
    let problem =
        wire::from_str::<Empty>(r#"{"code":0,"timestamp":18446744073709551616}"#).unwrap_err();
    assert!(
        matches!(
            problem,
            DecodeError::Protocol(ProtocolError::OutOfRange { field: "timestamp" })
        ),
        "{problem:?}"
    );
}

#[test]
fn a_bare_reply_decodes_an_envelope_only_body() {
    let reply: Reply =
        wire::from_str(r#"{"code":0,"message":"Success!","timestamp":1,"anything":[1,{"a":2}]}"#)
            .unwrap();
    assert_eq!(
        reply,
        Reply::Success {
            payload: Empty,
            message: "Success!".into(),
            timestamp: Some(1)
        }
    );
    let reply: Reply = wire::from_str(r#"{"code":0}"#).unwrap();
    assert_eq!(reply.message(), "");
    assert_eq!(reply.timestamp(), None);
}

#[test]
fn unknown_fields_are_ignored_and_field_order_does_not_matter() {
    let body = r#"{"userID":"u","extra":{"deep":[1,2,3]},"token":"t","timestamp":5,"code":0,"message":"ok"}"#;
    let login = wire::decode::<Login>(body.as_bytes()).unwrap();
    assert_eq!(
        login,
        Login {
            token: "t".into(),
            user_id: "u".into()
        }
    );
    let body = r#"{"token":"t","code":203010,"message":"user not in room"}"#;
    let err = wire::decode::<Login>(body.as_bytes()).unwrap_err();
    assert_eq!(
        err.server_error().unwrap().code(),
        ErrorCode::MemberNotInRoom
    );
}

#[test]
fn numeric_string_codes_are_accepted_and_zero_string_is_success() {
    let reply: Reply = wire::from_str(r#"{"code":"0","message":"Success!"}"#).unwrap();
    assert!(reply.is_success());
    let err = wire::from_str::<Empty>(r#"{"code":"203010","message":"x"}"#)
        .unwrap()
        .into_result()
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::MemberNotInRoom);
}

#[test]
fn unknown_negative_and_legacy_codes_are_kept() {
    for (body, value) in [
        (r#"{"code":203011,"message":"newer"}"#, 203011),
        (r#"{"code":-1,"message":"network"}"#, -1),
        (r#"{"code":5001,"message":"old"}"#, 5001),
        (r#"{"code":9223372036854775807,"message":"max"}"#, i64::MAX),
        (r#"{"code":"-9","message":"bad parameters"}"#, -9),
    ] {
        let err = wire::from_str::<Login>(body)
            .unwrap()
            .into_result()
            .unwrap_err();
        assert_eq!(err.code(), Code::new(value).unwrap(), "{body}");
        assert!(!err.code().is_known());
        assert_eq!(err.code().value(), value);
        assert_eq!(err.recovery(), None);
    }
    let newer = wire::from_str::<Empty>(r#"{"code":203011}"#)
        .unwrap()
        .into_result()
        .unwrap_err();
    assert_eq!(newer.category(), Some(Category::Room));
    assert_eq!(newer.to_string(), "203011 (no message)");
}

#[test]
fn older_servers_error_field_is_kept_as_the_message() {
    let err = wire::from_str::<Empty>(r#"{"code":-1,"error":"redis timeout"}"#)
        .unwrap()
        .into_result()
        .unwrap_err();
    assert_eq!(err.message(), "redis timeout");
    let err = wire::from_str::<Empty>(r#"{"error":"e","code":-1,"message":"m"}"#)
        .unwrap()
        .into_result()
        .unwrap_err();
    assert_eq!(err.message(), "m", "message wins over error");
    let err = wire::from_str::<Empty>(r#"{"message":"m","code":-1,"error":"e"}"#)
        .unwrap()
        .into_result()
        .unwrap_err();
    assert_eq!(err.message(), "m");
}

#[test]
fn a_reply_without_code_is_never_a_success() {
    assert_eq!(
        protocol_error::<Empty>(r#"{"message":"Success!"}"#),
        ProtocolError::MissingCode
    );
    assert_eq!(protocol_error::<Empty>("{}"), ProtocolError::MissingCode);
    assert_eq!(
        protocol_error::<Login>(r#"{"token":"t","userID":"u"}"#),
        ProtocolError::MissingCode
    );
}

fn wrong_type(field: &'static str, found: ValueKind) -> ProtocolError {
    ProtocolError::WrongType { field, found }
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
            r#"{"code":1,"error":{}}"#,
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
        assert_eq!(protocol_error::<Empty>(body), expected, "{body}");
    }
}

#[test]
fn protocol_errors_name_the_field_and_what_is_allowed() {
    for (body, text) in [
        (
            r#"{"code":0,"timestamp":-1}"#,
            "reply `timestamp` is out of range: it must be milliseconds from 0 to 2^64-1",
        ),
        (
            r#"{"code":1e30}"#,
            "reply `code` is out of range: it must fit a 64-bit signed integer",
        ),
        (
            r#"{"code":"00"}"#,
            "reply `code` is a string that is not a decimal integer in canonical form",
        ),
        (
            r#"{"code":0,"message":5}"#,
            "reply `message` is an integer, not a string",
        ),
        (
            r#"{"code":[]}"#,
            "reply `code` is an array, not an integer or a decimal string",
        ),
    ] {
        assert_eq!(protocol_error::<Empty>(body).to_string(), text, "{body}");
    }
}

#[test]
fn only_the_integer_zero_and_the_string_zero_are_success() {
    // Issue 9.3: canonical decimal only. Leading zeros are refused, never
    // guessed at: "0203010" is no code at all, and "00" is no success.
    for body in [r#"{"code":0}"#, r#"{"code":"0"}"#] {
        assert!(
            wire::from_str::<Empty>(body).unwrap().is_success(),
            "{body}"
        );
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
            protocol_error::<Empty>(&body),
            ProtocolError::NotDecimal { field: "code" },
            "{body}"
        );
    }
}

#[test]
fn problems_are_reported_in_a_fixed_order_whatever_the_key_order() {
    // Duplicates first, then code, message, error, timestamp.
    let cases = [
        (
            r#"{"timestamp":"x","code":1.5,"message":2}"#,
            wrong_type("code", ValueKind::Float),
        ),
        (
            r#"{"timestamp":"x","message":2,"code":1}"#,
            wrong_type("message", ValueKind::Integer),
        ),
        (
            r#"{"message":1,"message":2,"code":1,"code":2}"#,
            ProtocolError::DuplicateField("code"),
        ),
        (
            r#"{"timestamp":-1,"error":[],"code":7}"#,
            wrong_type("error", ValueKind::Array),
        ),
    ];
    for (body, expected) in cases {
        assert_eq!(protocol_error::<Empty>(body), expected, "{body}");
    }
}

#[test]
fn invalid_json_is_a_syntax_error_even_after_an_error_code() {
    // Issue 9.1: a payload key before `code`, a non-zero code, then a syntax error.
    for body in [
        r#"{"x":1,"code":203010,"y"}"#,
        r#"{"x":1,"code":203010,"y":}"#,
        r#"{"x":1,"code":203010,"y":1.}"#,
        r#"{"x":1,"code":203010,"y":[1,}"#,
        r#"{"code":203010,"y":{"a"}}"#,
        r#"{"code":203010,"y":"\x"}"#,
        r#"{"code":203010,"y":"\ud800"}"#,
        r#"{"code":203010}}"#,
    ] {
        let err = wire::from_str::<Empty>(body).unwrap_err();
        assert!(matches!(err, DecodeError::Syntax(_)), "{body}: {err:?}");
        let err = wire::from_str::<Login>(body).unwrap_err();
        assert!(matches!(err, DecodeError::Syntax(_)), "{body}: {err:?}");
        assert!(serde_json::from_str::<Reply>(body).is_err(), "{body}");
    }
    // Trailing garbage is found before a payload that does not fit (a fuzzer's find).
    let err = wire::from_str::<Login>(r#"{"code":0,"token":20}0100}"#).unwrap_err();
    assert!(matches!(err, DecodeError::Syntax(_)), "{err:?}");
    // Not UTF-8, even inside a string that nothing reads.
    for body in [
        &b"{\"code\":203010,\"x\":\"\xff\"}"[..],
        b"{\"code\":0,\"\xff\":1}",
    ] {
        let err = wire::from_slice::<Empty>(body).unwrap_err();
        assert!(matches!(err, DecodeError::Syntax(_)), "{err:?}");
    }
}

#[test]
fn the_code_survives_a_payload_field_that_does_not_fit() {
    // Issue 9.2: the failure wins whatever the payload fields hold, before or after `code`.
    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Strict {
        token: String,
    }
    for body in [
        r#"{"token":5,"code":203010}"#,
        r#"{"code":203010,"token":5}"#,
        r#"{"accelerateURL":"x","code":203010,"message":"m","timestamp":1}"#,
    ] {
        let code = |err: wire::ReplyError| err.server_error().map(|e| e.code().value());
        assert_eq!(
            code(wire::decode::<Login>(body.as_bytes()).unwrap_err()),
            Some(203010),
            "{body}"
        );
        assert_eq!(
            code(wire::decode::<Strict>(body.as_bytes()).unwrap_err()),
            Some(203010),
            "{body}"
        );
        assert_eq!(
            code(wire::decode::<Option<Login>>(body.as_bytes()).unwrap_err()),
            Some(203010),
            "{body}"
        );
        assert_eq!(
            code(wire::decode::<()>(body.as_bytes()).unwrap_err()),
            Some(203010),
            "{body}"
        );
    }
}

#[test]
fn unit_and_option_payloads_decode_a_success() {
    // Issue 9.5: both directions agree with SuccessBody.
    let reply: Reply<()> = wire::from_str(r#"{"code":0,"message":"Success!"}"#).unwrap();
    assert!(reply.is_success());
    let reply: Reply<()> = wire::from_str(r#"{"code":0,"extra":1}"#).unwrap();
    assert!(reply.is_success());
    let none: Option<Login> = wire::decode(br#"{"code":0,"timestamp":1}"#).unwrap();
    assert_eq!(none, None);
    let some: Option<Login> = wire::decode(br#"{"code":0,"token":"t","userID":"u"}"#).unwrap();
    assert_eq!(some.map(|l| l.token), Some("t".to_owned()));
    let bodies = [
        serde_json::to_string(&SuccessBody::new(())).unwrap(),
        serde_json::to_string(&SuccessBody::new(None::<Login>)).unwrap(),
    ];
    for body in bodies {
        assert!(wire::from_str::<()>(&body).unwrap().is_success());
        assert_eq!(
            wire::decode::<Option<Login>>(body.as_bytes()).unwrap(),
            None
        );
    }
}

#[test]
fn duplicate_payload_keys_reach_the_payload_type() {
    let body = r#"{"code":0,"token":"a","token":"b","userID":"u"}"#;
    let err = wire::from_str::<Login>(body).unwrap_err();
    assert!(
        matches!(&err, DecodeError::Payload(e) if e.to_string().contains("duplicate field")),
        "{err}"
    );
    // An error reply's payload is never read, duplicates or not.
    let reply = wire::from_str::<Login>(r#"{"token":"a","token":"b","code":1}"#).unwrap();
    assert_eq!(reply.code_value(), 1);
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
    struct Shapes<'a> {
        op: Operation,
        ops: Vec<Operation>,
        values: Vec<Value>,
        #[serde(borrow)]
        name: &'a str,
        escaped: String,
        nested: std::collections::BTreeMap<String, (u8, bool)>,
        missing: Option<u32>,
        null: Option<u32>,
        big: u64,
        negative: i8,
        float: f32,
        unit: (),
    }
    let body = r#"{"float":1.5,"op":"set","ops":["inc","set"],"values":[3,"x"],"code":0,
        "name":"plain","escaped":"a\"b","nested":{"k":[7,true]},"null":null,
        "big":18446744073709551615,"negative":-8,"unit":null}"#;
    let shapes: Shapes = wire::decode(body.as_bytes()).unwrap();
    assert_eq!(
        shapes,
        Shapes {
            op: Operation::Set,
            ops: vec![Operation::Inc, Operation::Set],
            values: vec![Value::Number(3), Value::Text("x".into())],
            name: "plain",
            escaped: "a\"b".into(),
            nested: [("k".to_owned(), (7, true))].into(),
            missing: None,
            null: None,
            big: u64::MAX,
            negative: -8,
            float: 1.5,
            unit: (),
        }
    );
    let err = wire::from_str::<Shapes>(r#"{"code":0,"op":"dec"}"#).unwrap_err();
    assert!(
        matches!(&err, DecodeError::Payload(e) if e.to_string().contains("unknown variant `dec`")),
        "{err}"
    );
}

#[test]
fn serde_jsons_arbitrary_precision_numbers_read_as_without_it() {
    // serde_json hands numbers over as a one-entry map under this key when any
    // crate in the build enables `arbitrary_precision`; the body below is what
    // that looks like to a visitor, and must read like the plain numbers.
    let number = |text: &str| format!(r#"{{"$serde_json::private::Number":"{text}"}}"#);
    let floats = format!(r#"{{"code":{},"n":{}}}"#, number("-0"), number("1.5"));
    assert_eq!(
        protocol_error::<Empty>(&floats),
        wrong_type("code", ValueKind::Float)
    );
    let huge = format!(r#"{{"code":{}}}"#, number("100000000000000000000"));
    assert_eq!(
        protocol_error::<Empty>(&huge),
        ProtocolError::OutOfRange { field: "code" }
    );
    #[derive(Deserialize)]
    struct Float {
        n: f64,
    }
    let body = format!(r#"{{"code":0,"n":{}}}"#, number("2.5e3"));
    assert_eq!(wire::decode::<Float>(body.as_bytes()).unwrap().n, 2500.0);
    // Beyond f64, serde_json refuses the number as it parses: a syntax error either way.
    for body in [
        format!(r#"{{"code":0,"x":{}}}"#, number("1e400")),
        format!(r#"{{"code":203010,"x":{}}}"#, number(&"9".repeat(400))),
        r#"{"code":203010,"x":1e400}"#.to_owned(),
    ] {
        let err = wire::from_str::<Empty>(&body).unwrap_err();
        assert!(matches!(err, DecodeError::Syntax(_)), "{body}: {err:?}");
    }
    // What serde_json would hand over as an integer is never read from such an
    // object: it stays an object, so it cannot pass for the code 0.
    for text in ["0", "203010", "-1", "abc", "01", "1."] {
        let body = format!(r#"{{"code":{}}}"#, number(text));
        assert_eq!(
            protocol_error::<Empty>(&body),
            wrong_type("code", ValueKind::Object),
            "{text}"
        );
    }
}

#[test]
fn bodies_that_are_not_objects_are_protocol_errors() {
    for (body, kind) in [
        ("[]", ValueKind::Array),
        (r#"[{"code":0}]"#, ValueKind::Array),
        ("0", ValueKind::Integer),
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
        let from_slice = wire::from_slice::<Login>(body.as_bytes());
        assert!(
            matches!(from_slice, Err(DecodeError::Protocol(ProtocolError::NotAnObject(k))) if k == kind),
            "{body}: {from_slice:?}"
        );
    }
}

#[test]
fn objects_after_leading_whitespace_are_replies() {
    for body in [" {\"code\":0}", "\r\n\t {\"code\":0}\n"] {
        let reply: Reply = wire::from_str(body).unwrap();
        assert!(reply.is_success(), "{body:?}");
        let reply: Reply = wire::from_slice(body.as_bytes()).unwrap();
        assert!(reply.is_success(), "{body:?}");
    }
    // A non-object with trailing garbage is a syntax error, as for an object.
    let err = wire::from_str::<Empty>("[] }").unwrap_err();
    assert!(matches!(err, DecodeError::Syntax(_)), "{err:?}");
}

#[test]
fn non_json_bodies_are_syntax_errors() {
    for body in [
        "",
        "<html><body>502 Bad Gateway</body></html>",
        r#"{"code":0"#,
        r#"{"code":0} trailing"#,
        "{code:0}",
    ] {
        assert!(
            matches!(wire::from_str::<Empty>(body), Err(DecodeError::Syntax(_))),
            "{body}"
        );
    }
    assert!(matches!(
        wire::from_slice::<Empty>(&[0xff, 0xfe]),
        Err(DecodeError::Syntax(_))
    ));
}

#[test]
fn a_success_that_lacks_payload_fields_is_a_payload_error() {
    let err =
        wire::from_str::<Login>(r#"{"code":0,"message":"Success!","token":"t"}"#).unwrap_err();
    assert!(
        matches!(&err, DecodeError::Payload(e) if e.to_string().contains("userID")),
        "{err}"
    );
    let err = wire::from_str::<Login>(r#"{"code":0,"token":5,"userID":"u"}"#).unwrap_err();
    assert!(matches!(err, DecodeError::Payload(_)), "{err}");
}

#[test]
fn a_plain_serde_deserialize_reports_protocol_errors_as_custom_errors() {
    let err = serde_json::from_str::<Reply>(r#"{"message":"Success!"}"#).unwrap_err();
    assert_eq!(err.to_string(), "reply has no `code` field");
    let err = serde_json::from_str::<Reply>("[]").unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid type: sequence, expected a RoomService reply object at line 1 column 0"
    );
    let reply: Reply<Login> = serde_json::from_str(LOGIN_OK).unwrap();
    assert!(reply.is_success());
    // Inside a larger document, too.
    let replies: Vec<Reply> =
        serde_json::from_str(&format!("[{LOGIN_OK},{PUSH_URL_FAILED}]")).unwrap();
    assert_eq!(
        replies.iter().map(Reply::code_value).collect::<Vec<_>>(),
        [0, 204004]
    );
}

#[test]
fn merge_stream_reports_a_failed_mix_inside_a_success() {
    for body in [
        r#"{"code":0,"message":"Success!","merge_code":1001,"merge_msg":"input stream not found"}"#,
        r#"{"code":0,"message":"Success!","merge_code":"1001","merge_message":"input stream not found"}"#,
    ] {
        let merge: MergeStream = wire::decode(body.as_bytes()).unwrap();
        assert!(!merge.is_mixed());
        assert_eq!(merge.merge_code(), 1001);
        assert_eq!(merge.merge_message(), "input stream not found");
        let failure = merge.check().unwrap_err();
        assert_eq!(
            (failure.merge_code(), failure.merge_message()),
            (1001, "input stream not found")
        );
    }
    let merge: MergeStream =
        wire::decode(br#"{"code":0,"message":"Success!","merge_code":0}"#).unwrap();
    assert!(merge.check().is_ok());
    let merge: MergeStream = wire::decode(br#"{"code":0}"#).unwrap();
    assert!(merge.is_mixed());
    for (body, text) in [
        (
            r#"{"code":0,"merge_msg":18446744073709551615}"#,
            "reply `merge_msg` is an integer, not a string",
        ),
        (
            r#"{"code":0,"merge_code":18446744073709551615}"#,
            "reply `merge_code` is out of range",
        ),
        (
            r#"{"code":0,"merge_code":1.5}"#,
            "reply `merge_code` is a float, not an integer",
        ),
        (
            r#"{"code":0,"merge_code":"007"}"#,
            "reply `merge_code` is a string that is not a decimal integer in canonical form",
        ),
        // Issue 9.4: duplicates are refused whatever their values and order.
        (
            r#"{"code":0,"merge_code":-3,"merge_code":0}"#,
            "reply has the field `merge_code` twice",
        ),
        (
            r#"{"merge_code":0,"code":0,"merge_code":-3}"#,
            "reply has the field `merge_code` twice",
        ),
        (
            r#"{"code":0,"merge_msg":"a","merge_msg":"b"}"#,
            "reply has the field `merge_msg` twice",
        ),
        (
            r#"{"code":0,"merge_message":"a","merge_message":null}"#,
            "reply has the field `merge_message` twice",
        ),
    ] {
        let err = wire::from_str::<MergeStream>(body).unwrap_err();
        assert!(
            matches!(&err, DecodeError::Payload(e) if e.to_string().contains(text)),
            "{body}: {err}"
        );
    }
    // Both spellings at once: `merge_msg` is kept, in either order.
    for body in [
        r#"{"code":0,"merge_code":1,"merge_msg":"android","merge_message":"ios"}"#,
        r#"{"merge_message":"ios","code":0,"merge_msg":"android","merge_code":1}"#,
    ] {
        let merge: MergeStream = wire::decode(body.as_bytes()).unwrap();
        assert_eq!(merge.merge_message(), "android");
    }
    // Issue 9.7: no dangling ": " without a text.
    let merge: MergeStream = wire::decode(br#"{"code":0,"merge_code":-2}"#).unwrap();
    assert_eq!(
        merge.check().unwrap_err().to_string(),
        "stream mixing failed with merge_code -2"
    );
    let err =
        wire::decode::<MergeStream>(br#"{"code":207002,"message":"mix failed"}"#).unwrap_err();
    assert_eq!(
        err.server_error().unwrap().code(),
        ErrorCode::MixStreamFailed
    );
}

#[test]
fn any_payload_type_sees_exactly_the_payload_fields() {
    let body =
        r#"{"code":0,"message":"Success!","timestamp":1,"roomID":"r1","pushers":[{"userID":"a"}]}"#;
    let payload: serde_json::Value = wire::decode(body.as_bytes()).unwrap();
    assert_eq!(
        payload,
        serde_json::json!({"roomID": "r1", "pushers": [{"userID": "a"}]})
    );

    /// A payload that reads nothing at all: the decoder must still consume the body.
    struct Lazy;
    impl<'de> Deserialize<'de> for Lazy {
        fn deserialize<D: serde::Deserializer<'de>>(_: D) -> Result<Self, D::Error> {
            Ok(Lazy)
        }
    }
    let reply =
        wire::from_str::<Lazy>(r#"{"code":0,"token":"t","more":{"a":[1]},"message":"m"}"#).unwrap();
    assert_eq!(reply.message(), "m");
    let err = wire::from_str::<Lazy>(r#"{"token":"t","code":5}"#)
        .unwrap()
        .into_result()
        .err()
        .unwrap();
    assert_eq!(err.code().value(), 5);
}
