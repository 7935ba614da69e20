//! Decoding real and malformed RoomService replies, and producing wire-exact ones.
#![cfg(feature = "json")]

use liveroom_errors::wire::{
    self, DecodeError, Empty, ErrorBody, MergeStream, ProtocolError, Reply, ServerError,
    SuccessBody, ValueKind,
};
use liveroom_errors::{Category, Code, ErrorCode, Recovery};
use proptest::prelude::*;
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
    assert_eq!(err.code(), Code::Known(ErrorCode::GetAcceleratedUrlFailed));
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
            DecodeError::Protocol(ProtocolError::FieldWrongType {
                field: "timestamp",
                ..
            })
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
        assert_eq!(err.code(), Code::Unknown(value), "{body}");
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

#[test]
fn codes_of_the_wrong_type_are_protocol_errors() {
    let cases = [
        (
            r#"{"code":0.0}"#,
            ProtocolError::CodeWrongType(ValueKind::Float),
        ),
        (
            r#"{"code":203010.5}"#,
            ProtocolError::CodeWrongType(ValueKind::Float),
        ),
        (
            r#"{"code":1e3}"#,
            ProtocolError::CodeWrongType(ValueKind::Float),
        ),
        (
            r#"{"code":true}"#,
            ProtocolError::CodeWrongType(ValueKind::Bool),
        ),
        (
            r#"{"code":null}"#,
            ProtocolError::CodeWrongType(ValueKind::Null),
        ),
        (
            r#"{"code":{"value":0}}"#,
            ProtocolError::CodeWrongType(ValueKind::Object),
        ),
        (
            r#"{"code":[0]}"#,
            ProtocolError::CodeWrongType(ValueKind::Array),
        ),
        (r#"{"code":"ok"}"#, ProtocolError::CodeNotNumeric),
        (r#"{"code":""}"#, ProtocolError::CodeNotNumeric),
        (r#"{"code":" 0"}"#, ProtocolError::CodeNotNumeric),
        (r#"{"code":"0x10"}"#, ProtocolError::CodeNotNumeric),
        (
            r#"{"code":9223372036854775808}"#,
            ProtocolError::CodeOutOfRange,
        ),
        (
            r#"{"code":18446744073709551615}"#,
            ProtocolError::CodeOutOfRange,
        ),
        (
            r#"{"code":"99999999999999999999"}"#,
            ProtocolError::CodeOutOfRange,
        ),
        (
            r#"{"code":0,"code":0}"#,
            ProtocolError::DuplicateField("code"),
        ),
        (
            r#"{"code":0,"message":5}"#,
            ProtocolError::FieldWrongType {
                field: "message",
                found: ValueKind::Integer,
            },
        ),
        (
            r#"{"code":1,"error":{}}"#,
            ProtocolError::FieldWrongType {
                field: "error",
                found: ValueKind::Object,
            },
        ),
        (
            r#"{"code":0,"timestamp":-1}"#,
            ProtocolError::FieldWrongType {
                field: "timestamp",
                found: ValueKind::Integer,
            },
        ),
        (
            r#"{"code":0,"timestamp":"1"}"#,
            ProtocolError::FieldWrongType {
                field: "timestamp",
                found: ValueKind::String,
            },
        ),
    ];
    for (body, expected) in cases {
        assert_eq!(protocol_error::<Login>(body), expected, "{body}");
        assert_eq!(protocol_error::<Empty>(body), expected, "{body}");
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
    assert_eq!(
        err.to_string(),
        "reply has no `code` field at line 1 column 22"
    );
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
            (failure.code(), failure.message()),
            (1001, "input stream not found")
        );
    }
    let merge: MergeStream =
        wire::decode(br#"{"code":0,"message":"Success!","merge_code":0}"#).unwrap();
    assert!(merge.check().is_ok());
    let merge: MergeStream = wire::decode(br#"{"code":0}"#).unwrap();
    assert!(merge.is_mixed());
    let err = wire::from_str::<MergeStream>(r#"{"code":0,"merge_msg":18446744073709551615}"#)
        .unwrap_err();
    assert!(
        matches!(&err, DecodeError::Payload(e) if e.to_string().contains("merge message is an integer")),
        "{err}"
    );
    let err = wire::from_str::<MergeStream>(r#"{"code":0,"merge_code":18446744073709551615}"#)
        .unwrap_err();
    assert!(
        matches!(&err, DecodeError::Payload(e) if e.to_string().contains("merge_code is beyond")),
        "{err}"
    );
    let err = wire::from_str::<MergeStream>(r#"{"code":0,"merge_code":1.5}"#).unwrap_err();
    assert!(
        matches!(&err, DecodeError::Payload(e) if e.to_string().contains("merge_code")),
        "{err}"
    );
    let err =
        wire::decode::<MergeStream>(br#"{"code":207002,"message":"mix failed"}"#).unwrap_err();
    assert_eq!(
        err.server_error().unwrap().code(),
        ErrorCode::MixStreamFailed
    );
}

#[test]
fn error_bodies_are_wire_exact() {
    let body = ErrorBody::from(ErrorCode::MemberNotInRoom).with_timestamp(7);
    assert_eq!(
        serde_json::to_string(&body).unwrap(),
        r#"{"code":203010,"message":"The member is not in the room","timestamp":7}"#
    );
    let body = ErrorBody::new(Code::from(-1i64), "boom").without_timestamp();
    assert_eq!(
        serde_json::to_string(&body).unwrap(),
        r#"{"code":-1,"message":"boom"}"#
    );

    // Under std the timestamp is the current time in milliseconds.
    let before = now_ms();
    let json = serde_json::to_value(ErrorBody::from(ErrorCode::RateLimited)).unwrap();
    let stamped = json["timestamp"].as_u64().unwrap();
    assert!(before <= stamped && stamped <= now_ms() + 1, "{stamped}");
    let stamped =
        serde_json::to_value(ServerError::from(ErrorCode::RateLimited).to_body()).unwrap();
    assert!(stamped["timestamp"].as_u64().unwrap() >= before);
}

fn now_ms() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as u64
}

#[test]
fn produced_bodies_decode_back_to_the_same_values() {
    for code in ErrorCode::ALL {
        let sent = ServerError::from(code).with_timestamp(1577087588457);
        let bytes = serde_json::to_vec(&sent.to_body()).unwrap();
        let received = wire::from_slice::<Login>(&bytes)
            .unwrap()
            .into_result()
            .unwrap_err();
        assert_eq!(received, sent);
    }
    let login = Login {
        token: "t".into(),
        user_id: "u".into(),
    };
    let bytes = serde_json::to_vec(&SuccessBody::new(&login).with_timestamp(3)).unwrap();
    assert_eq!(
        wire::from_slice::<Login>(&bytes).unwrap(),
        Reply::Success {
            payload: login,
            message: "Success!".into(),
            timestamp: Some(3)
        }
    );
}

#[test]
fn success_bodies_flatten_their_payload() {
    let body = SuccessBody::new(Empty).with_message("ok").with_timestamp(1);
    assert_eq!(
        serde_json::to_string(&body).unwrap(),
        r#"{"code":0,"message":"ok","timestamp":1}"#
    );
    let body = SuccessBody::new(()).with_timestamp(1);
    assert_eq!(
        serde_json::to_string(&body).unwrap(),
        r#"{"code":0,"message":"Success!","timestamp":1}"#
    );
    let map = std::collections::BTreeMap::from([("roomID", "r1")]);
    let body = SuccessBody::new(&map).with_timestamp(1);
    assert_eq!(
        serde_json::to_string(&body).unwrap(),
        r#"{"code":0,"message":"Success!","timestamp":1,"roomID":"r1"}"#
    );

    #[derive(Serialize)]
    struct Clash {
        code: u32,
    }
    let err = serde_json::to_string(&SuccessBody::new(Clash { code: 1 })).unwrap_err();
    assert!(
        err.to_string()
            .contains("may not have a field named `code`"),
        "{err}"
    );
    let err = serde_json::to_string(&SuccessBody::new(5)).unwrap_err();
    assert!(
        err.to_string()
            .contains("must serialize as a struct or a map"),
        "{err}"
    );
    let err = serde_json::to_string(&SuccessBody::new(vec![1])).unwrap_err();
    assert!(
        err.to_string()
            .contains("must serialize as a struct or a map"),
        "{err}"
    );
}

#[test]
fn the_lenient_code_type_round_trips_through_serde() {
    for (json, code) in [
        ("203010", Code::Known(ErrorCode::MemberNotInRoom)),
        (r#""203010""#, Code::Known(ErrorCode::MemberNotInRoom)),
        ("203011", Code::Unknown(203011)),
        ("-1", Code::Unknown(-1)),
        (r#""-9""#, Code::Unknown(-9)),
    ] {
        let decoded: Code = serde_json::from_str(json).unwrap();
        assert_eq!(decoded, code, "{json}");
        assert_eq!(
            serde_json::to_string(&decoded).unwrap(),
            code.value().to_string()
        );
    }
    for bad in [
        "1.5",
        "true",
        "null",
        r#""abc""#,
        "9223372036854775808",
        r#""99999999999999999999""#,
        "[1]",
    ] {
        assert!(serde_json::from_str::<Code>(bad).is_err(), "{bad}");
    }
    assert_eq!(Code::from(203010).to_string(), "203010 成员不在房间内");
    assert_eq!(Code::from(203011).to_string(), "203011 (unknown code)");
    assert_eq!(
        Code::from(203010u32).known(),
        Some(ErrorCode::MemberNotInRoom)
    );
    assert_eq!(
        Code::from(ErrorCode::RateLimited).recovery(),
        Some(Recovery::Retry)
    );
    assert_eq!(Code::from(u32::MAX).category(), None);
    assert_eq!(Code::from(i64::MIN).category(), None);
}

proptest! {
    #[test]
    fn arbitrary_bytes_never_panic_nor_succeed_without_code_zero(bytes in proptest::collection::vec(any::<u8>(), 0..96)) {
        if let Ok(reply) = wire::from_slice::<Empty>(&bytes) {
            let value: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
            let code = &value["code"];
            let is_zero = code.as_i64() == Some(0) || code.as_str() == Some("0");
            prop_assert_eq!(reply.is_success(), is_zero);
        }
    }

    #[test]
    fn arbitrary_json_objects_decode_exactly_by_their_code(
        fields in proptest::collection::vec((prop_oneof!["code", "message", "error", "timestamp", "[a-z]{1,6}"], json_value()), 0..6)
    ) {
        let object: serde_json::Map<String, serde_json::Value> = fields.iter().cloned().collect();
        let body = serde_json::to_vec(&object).unwrap();
        match wire::from_slice::<Empty>(&body) {
            Ok(reply) => {
                let code = &object["code"];
                let value = code.as_i64().or_else(|| code.as_str().and_then(|s| s.parse().ok()));
                prop_assert_eq!(Some(reply.code_value()), value);
            }
            Err(DecodeError::Protocol(_)) => {}
            Err(other) => prop_assert!(false, "unexpected {other:?} for {:?}", object),
        }
    }
}

fn json_value() -> impl Strategy<Value = serde_json::Value> {
    use serde_json::{Value, json};
    prop_oneof![
        any::<i64>().prop_map(|n| json!(n)),
        any::<u64>().prop_map(|n| json!(n)),
        any::<f64>()
            .prop_filter("finite", |x| x.is_finite())
            .prop_map(|x| json!(x)),
        "[0-9-]{0,5}".prop_map(Value::String),
        ".{0,8}".prop_map(Value::String),
        any::<bool>().prop_map(Value::Bool),
        Just(Value::Null),
        Just(json!([1, "a"])),
        Just(json!({"code": 0})),
    ]
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
