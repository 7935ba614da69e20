//! Producing wire-exact bodies: `ServerError` serializes as the error body
//! and `Success` as the success body, what `api::decode` reads back to the
//! same values; and the `Code` type that keeps them honest.

use std::collections::BTreeMap;

use liveroom_errors::api::{self, CallError, ServerError, Success};
use liveroom_errors::{Category, Code, ErrorCode, ZeroCode};
use serde::Serialize;

use crate::decode::Login;

#[test]
fn error_bodies_are_wire_exact() {
    let body = ServerError::from(ErrorCode::MemberNotInRoom).with_timestamp(7);
    assert_eq!(
        serde_json::to_string(&body).unwrap(),
        r#"{"code":203010,"message":"The member is not in the room","timestamp":7}"#
    );
    let body = ServerError::new(Code::new(-1).unwrap(), "boom");
    assert_eq!(
        serde_json::to_string(&body).unwrap(),
        r#"{"code":-1,"message":"boom"}"#
    );
    // An interface's error is sent as the server error it holds.
    let err = api::DeleteAnchorError::from(ServerError::from(ErrorCode::MemberNotInRoom));
    let sent: ServerError = err.into();
    assert_eq!(
        serde_json::to_value(&sent).unwrap(),
        serde_json::json!({"code":203010,"message":"The member is not in the room"})
    );
}

#[test]
fn the_clock_is_read_only_when_asked() {
    // The same call gives the same body whatever features are on.
    let plain = serde_json::to_string(&ServerError::from(ErrorCode::RateLimited)).unwrap();
    assert_eq!(
        plain,
        r#"{"code":202006,"message":"Too many requests: rate limited"}"#
    );
    let plain = serde_json::to_string(&Success::new(())).unwrap();
    assert_eq!(plain, r#"{"code":0,"message":"Success!"}"#);

    let before = now_ms();
    let stamped =
        serde_json::to_value(ServerError::from(ErrorCode::RateLimited).with_timestamp_now())
            .unwrap();
    let ms = stamped["timestamp"].as_u64().unwrap();
    assert!(before <= ms && ms <= now_ms(), "{ms}");
    let stamped = serde_json::to_value(Success::new(()).with_timestamp_now()).unwrap();
    let ms = stamped["timestamp"].as_u64().unwrap();
    assert!(before <= ms && ms <= now_ms(), "{ms}");
}

fn now_ms() -> u64 {
    let elapsed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap();
    u64::try_from(elapsed.as_millis()).unwrap()
}

#[test]
fn no_server_error_can_say_success() {
    // A `Code` is never 0, and a server error takes only a `Code`.
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
        Code::new(i64::MAX).unwrap(),
    ] {
        let body = serde_json::to_vec(&ServerError::new(code, "x")).unwrap();
        match api::decode::<()>(&body) {
            Err(CallError::Server(err)) => assert_eq!(err.code(), code),
            other => panic!("{code:?}: {other:?}"),
        }
        assert_ne!(ServerError::new(code, "x").code().value(), 0);
    }
}

#[test]
fn produced_bodies_decode_back_to_the_same_values() {
    for code in ErrorCode::ALL {
        let sent = ServerError::from(code).with_timestamp(1577087588457);
        let bytes = serde_json::to_vec(&sent).unwrap();
        match api::decode::<Login>(&bytes) {
            Err(CallError::Server(received)) => assert_eq!(received, sent),
            other => panic!("{code:?}: {other:?}"),
        }
    }
    let without_time = ServerError::new(Code::new(5001).unwrap(), "");
    let bytes = serde_json::to_vec(&without_time).unwrap();
    assert!(matches!(api::decode::<()>(&bytes), Err(CallError::Server(e)) if e == without_time));

    let login = Login {
        token: "t".into(),
        user_id: "u".into(),
    };
    let sent = Success::new(login.clone()).with_timestamp(3);
    let bytes = serde_json::to_vec(&sent).unwrap();
    assert_eq!(api::decode::<Login>(&bytes).unwrap(), sent);
    // A payload passed by reference writes the same body.
    assert_eq!(
        serde_json::to_vec(&Success::new(&login).with_timestamp(3)).unwrap(),
        bytes
    );
    let sent = Success::new(api::CreateRoomReply {
        room_id: "room_1".into(),
    })
    .with_message("ok");
    let bytes = serde_json::to_vec(&sent).unwrap();
    assert_eq!(api::decode::<api::CreateRoomReply>(&bytes).unwrap(), sent);
}

#[test]
fn success_bodies_flatten_their_payload() {
    let body = Success::new(api::LogoutReply {})
        .with_message("ok")
        .with_timestamp(1);
    assert_eq!(
        serde_json::to_string(&body).unwrap(),
        r#"{"code":0,"message":"ok","timestamp":1}"#
    );
    let body = Success::new(()).with_timestamp(1);
    assert_eq!(
        serde_json::to_string(&body).unwrap(),
        r#"{"code":0,"message":"Success!","timestamp":1}"#
    );
    let map = BTreeMap::from([("roomID", "r1")]);
    let body = Success::new(&map).with_timestamp(1);
    assert_eq!(
        serde_json::to_string(&body).unwrap(),
        r#"{"code":0,"message":"Success!","timestamp":1,"roomID":"r1"}"#
    );
    let body = Success::new(None::<BTreeMap<&str, u8>>);
    assert_eq!(
        serde_json::to_string(&body).unwrap(),
        r#"{"code":0,"message":"Success!"}"#
    );
    // A payload that is no struct or map has no fields to put beside the envelope.
    assert!(serde_json::to_string(&Success::new(5)).is_err());
    assert!(serde_json::to_string(&Success::new(vec![1])).is_err());
    assert!(serde_json::to_string(&Success::new("text")).is_err());
}

#[test]
fn no_payload_can_emit_an_envelope_key() {
    // Whatever the payload's type: a reader would take the second `code` for the reply's.
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
        serde_json::to_string(&Success::new(Clash { code: 1 })),
        serde_json::to_string(&Success::new(BTreeMap::from([("code", 203010)]))),
        serde_json::to_string(&Success::new(Flattened {
            room: "r",
            inner: Inner { message: "m" },
        })),
        serde_json::to_string(&Success::new(FlatMap {
            extra: BTreeMap::from([("error".to_owned(), 1)]),
        })),
        serde_json::to_string(&Success::new(serde_json::json!({"a": 1, "timestamp": 2}))),
        serde_json::to_string(&Success::new(BTreeMap::from([(Key::Timestamp, 1)]))),
        serde_json::to_string(&Success::new(Some(BTreeMap::from([(
            'c'.to_string() + "ode",
            1,
        )])))),
    ];
    for (i, attempt) in attempts.into_iter().enumerate() {
        assert!(attempt.is_err(), "attempt {i}: {attempt:?}");
    }
    // Keys that only look similar are fine.
    let ok = Success::new(BTreeMap::from([
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
    // One representation per value, so equality, hashing and serde agree.
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
        Code::from(ErrorCode::RateLimited)
            .known()
            .map(ErrorCode::recovery),
        Some(liveroom_errors::Recovery::Retry)
    );
    assert_eq!(Code::new(u32::MAX.into()).unwrap().category(), None);
    assert_eq!(Code::new(i64::MIN).unwrap().category(), None);
    assert_eq!(
        Code::new(205009).unwrap().category(),
        Some(Category::Audience)
    );
}
