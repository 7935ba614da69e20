//! Producing wire-exact bodies, and the `Code` type that keeps them honest.
#![cfg(feature = "json")]

use std::collections::BTreeMap;

use liveroom_errors::wire::{self, Empty, ErrorBody, Reply, ServerError, SuccessBody};
use liveroom_errors::{Category, Code, ErrorCode, Recovery, ZeroCode};
use serde::{Deserialize, Serialize};

#[derive(Debug, PartialEq, Deserialize, Serialize)]
struct Login {
    token: String,
    #[serde(rename = "userID")]
    user_id: String,
}

#[test]
fn error_bodies_are_wire_exact() {
    let body = ErrorBody::from(ErrorCode::MemberNotInRoom).with_timestamp(7);
    assert_eq!(
        serde_json::to_string(&body).unwrap(),
        r#"{"code":203010,"message":"The member is not in the room","timestamp":7}"#
    );
    let body = ErrorBody::new(Code::new(-1).unwrap(), "boom");
    assert_eq!(
        serde_json::to_string(&body).unwrap(),
        r#"{"code":-1,"message":"boom"}"#
    );
}

#[test]
fn the_clock_is_read_only_when_asked() {
    // Issue 9.10: the same call gives the same body whatever features are on.
    let plain = serde_json::to_string(&ErrorBody::from(ErrorCode::RateLimited)).unwrap();
    assert_eq!(
        plain,
        r#"{"code":202006,"message":"Too many requests: rate limited"}"#
    );
    let plain =
        serde_json::to_string(&ServerError::from(ErrorCode::RateLimited).to_body()).unwrap();
    assert!(!plain.contains("timestamp"), "{plain}");
    assert!(
        !serde_json::to_string(&SuccessBody::new(Empty))
            .unwrap()
            .contains("timestamp")
    );

    let before = now_ms();
    let stamped =
        serde_json::to_value(ErrorBody::from(ErrorCode::RateLimited).with_timestamp_now()).unwrap();
    let ms = stamped["timestamp"].as_u64().unwrap();
    assert!(before <= ms && ms <= now_ms(), "{ms}");
    let stamped = serde_json::to_value(SuccessBody::new(Empty).with_timestamp_now()).unwrap();
    assert!(stamped["timestamp"].as_u64().unwrap() >= before);
}

fn now_ms() -> u64 {
    let elapsed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap();
    u64::try_from(elapsed.as_millis()).unwrap()
}

#[test]
fn no_error_body_or_server_error_can_say_success() {
    // Issue 9.9: a `Code` is never 0, and both take only a `Code`.
    assert_eq!(Code::new(0), None);
    assert_eq!(Code::try_from(0), Err(ZeroCode));
    assert_eq!(
        ZeroCode.to_string(),
        "0 is the success code, not an error code"
    );
    assert!(serde_json::from_str::<Code>("0").is_err());
    assert!(serde_json::from_str::<Code>(r#""0""#).is_err());
    for code in [
        Code::from(ErrorCode::MissingRoomId),
        Code::new(-1).unwrap(),
        Code::new(i64::MIN).unwrap(),
    ] {
        let body = serde_json::to_vec(&ErrorBody::new(code, "x")).unwrap();
        let reply = wire::from_slice::<Empty>(&body).unwrap();
        assert!(!reply.is_success());
        assert_eq!(reply.code_value(), code.value());
        assert_ne!(ServerError::new(code, "x").code().value(), 0);
    }
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
    let map = BTreeMap::from([("roomID", "r1")]);
    let body = SuccessBody::new(&map).with_timestamp(1);
    assert_eq!(
        serde_json::to_string(&body).unwrap(),
        r#"{"code":0,"message":"Success!","timestamp":1,"roomID":"r1"}"#
    );
    for not_flat in [
        serde_json::to_string(&SuccessBody::new(5)),
        serde_json::to_string(&SuccessBody::new(vec![1])),
    ] {
        let err = not_flat.unwrap_err();
        assert!(
            err.to_string()
                .contains("must serialize as a struct or a map"),
            "{err}"
        );
    }
}

#[test]
fn no_payload_can_emit_an_envelope_key() {
    // Issue 9.8: whatever the payload's type.
    #[derive(Serialize)]
    struct Clash {
        code: u32,
    }
    #[derive(Serialize)]
    struct Inner {
        message: &'static str,
    }
    #[derive(Serialize)]
    struct Flattened {
        room: &'static str,
        #[serde(flatten)]
        inner: Inner,
    }
    #[derive(Serialize)]
    struct FlatMap {
        #[serde(flatten)]
        extra: BTreeMap<String, u32>,
    }
    #[derive(Serialize, PartialEq, Eq, PartialOrd, Ord)]
    #[serde(rename_all = "lowercase")]
    enum Key {
        Timestamp,
    }
    let attempts = [
        (
            "code",
            serde_json::to_string(&SuccessBody::new(Clash { code: 1 })),
        ),
        (
            "code",
            serde_json::to_string(&SuccessBody::new(BTreeMap::from([("code", 203010)]))),
        ),
        (
            "message",
            serde_json::to_string(&SuccessBody::new(Flattened {
                room: "r",
                inner: Inner { message: "m" },
            })),
        ),
        (
            "error",
            serde_json::to_string(&SuccessBody::new(FlatMap {
                extra: BTreeMap::from([("error".to_owned(), 1)]),
            })),
        ),
        (
            "timestamp",
            serde_json::to_string(&SuccessBody::new(
                serde_json::json!({"a": 1, "timestamp": 2}),
            )),
        ),
        (
            "timestamp",
            serde_json::to_string(&SuccessBody::new(BTreeMap::from([(Key::Timestamp, 1)]))),
        ),
        (
            "code",
            serde_json::to_string(&SuccessBody::new(Some(BTreeMap::from([(
                'c'.to_string() + "ode",
                1,
            )])))),
        ),
    ];
    for (key, attempt) in attempts {
        let err = attempt.unwrap_err();
        assert!(
            err.to_string()
                .contains(&format!("may not have a field named `{key}`")),
            "{key}: {err}"
        );
    }
    // Keys that only look similar are fine.
    let ok = SuccessBody::new(BTreeMap::from([
        ("Code", 1),
        ("merge_code", 2),
        ("codes", 3),
    ]))
    .with_timestamp(1);
    assert_eq!(
        serde_json::to_string(&ok).unwrap(),
        r#"{"code":0,"message":"Success!","timestamp":1,"Code":1,"codes":3,"merge_code":2}"#
    );
}

#[test]
fn a_known_code_is_always_known() {
    // Issue 9.11: one representation per value, so equality, hashing and serde agree.
    use std::collections::HashSet;
    let from_value = Code::new(203010).unwrap();
    let from_enum = Code::from(ErrorCode::MemberNotInRoom);
    let from_serde: Code = serde_json::from_str(r#""203010""#).unwrap();
    assert_eq!(from_value, from_enum);
    assert_eq!(from_serde, from_enum);
    assert_eq!(HashSet::from([from_value, from_enum, from_serde]).len(), 1);
    assert_eq!(from_value, ErrorCode::MemberNotInRoom);
    assert_eq!(ErrorCode::MemberNotInRoom, from_value);
    assert_eq!(format!("{from_value:?}"), "Code(MemberNotInRoom)");
    assert_eq!(format!("{:?}", Code::new(203011).unwrap()), "Code(203011)");
    for code in ErrorCode::ALL {
        let round_trip: Code =
            serde_json::from_str(&serde_json::to_string(&Code::from(code)).unwrap()).unwrap();
        assert_eq!(round_trip.known(), Some(code));
    }
    let mut sorted = [
        Code::new(5).unwrap(),
        Code::new(-1).unwrap(),
        ErrorCode::RateLimited.into(),
    ];
    sorted.sort();
    assert_eq!(
        sorted.iter().map(|c| c.value()).collect::<Vec<_>>(),
        [-1, 5, 202006]
    );
}

#[test]
fn the_lenient_code_type_round_trips_through_serde() {
    for (json, value) in [
        ("203010", 203010),
        (r#""203010""#, 203010),
        ("203011", 203011),
        ("-1", -1),
        (r#""-9""#, -9),
    ] {
        let decoded: Code = serde_json::from_str(json).unwrap();
        assert_eq!(decoded.value(), value, "{json}");
        assert_eq!(serde_json::to_string(&decoded).unwrap(), value.to_string());
    }
    for bad in [
        "0",
        "1.5",
        "true",
        "null",
        r#""abc""#,
        r#""00""#,
        r#""0203010""#,
        "9223372036854775808",
        r#""99999999999999999999""#,
        "[1]",
    ] {
        assert!(serde_json::from_str::<Code>(bad).is_err(), "{bad}");
    }
    assert_eq!(
        Code::new(203010).unwrap().to_string(),
        "203010 成员不在房间内"
    );
    assert_eq!(
        Code::new(203011).unwrap().to_string(),
        "203011 (unknown code)"
    );
    assert_eq!(
        Code::from(ErrorCode::RateLimited).recovery(),
        Some(Recovery::Retry)
    );
    assert_eq!(Code::new(u32::MAX.into()).unwrap().category(), None);
    assert_eq!(Code::new(i64::MIN).unwrap().category(), None);
    assert_eq!(
        Code::new(205009).unwrap().category(),
        Some(Category::Audience)
    );
}
