//! The typed requests and replies of `api`, against the bodies of
//! docs/protocol.md: every interface, every quirk both ways, every field
//! order, and serialize → decode round trips, replies through `api::decode`
//! and `api::Success` as a client and a server use them.

use crate::replies::*;

use std::any::TypeId;
use std::collections::BTreeMap;
use std::fmt::Debug;

use axum::extract::Query;
use liveroom_errors::ErrorCode;
use liveroom_errors::api::{
    self, AddAnchorReply, AddAnchorRequest, AddAudienceReply, AddAudienceRequest, Anchor,
    AnchorHeartbeatReply, AnchorHeartbeatRequest, AppId, Audience, AuthQuery, Call,
    CreateRoomReply, CreateRoomRequest, CustomValue, DeleteAnchorReply, DeleteAnchorRequest,
    DeleteAudienceReply, DeleteAudienceRequest, DestroyRoomReply, DestroyRoomRequest,
    GetAnchorUrlReply, GetAnchorUrlRequest, GetAnchorsReply, GetAnchorsRequest, GetAudiencesReply,
    GetAudiencesRequest, GetCustomInfoReply, GetCustomInfoRequest, GetRoomListReply,
    GetRoomListRequest, InputStream, LayoutParams, LoginQuery, LoginReply, LoginRequest,
    LogoutReply, LogoutRequest, MergeParams, MergeStreamReply, MergeStreamRequest, MixInterface,
    MixPara, Operation, Room, SetCustomFieldReply, SetCustomFieldRequest,
};
use liveroom_errors::api::{CallError, InterfaceError, Success};
use proptest::prelude::*;
use proptest::{collection, option};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

// ---------------------------------------------------------------------------
// The bodies of docs/protocol.md: tests/it/replies/mod.rs.

/// The merge parameters of §14's schematic, with Android's `app_id` (`""`).
const MERGE_PARAMS: &str = r#"{ "timestamp": 1700000000, "eventId": 1700000000,
  "interface": { "interfaceName": "Mix_StreamV2",
    "para": { "app_id": "", "interface": "mix_streamv2.start_mix_stream_advanced",
      "mix_stream_session_id": "<mainStreamId>", "output_stream_id": "<mainStreamId>",
      "input_stream_list": [
        {"input_stream_id":"<mainStreamId>","layout_params":{"image_layer":1}},
        {"input_stream_id":"<subStreamId>","layout_params":{"image_layer":2,"image_width":160,
          "image_height":240,"location_x":380,"location_y":630}} ] } } }"#;

// ---------------------------------------------------------------------------
// Helpers.

/// The payload of a success reply to `C`, decoded in one line as a client does.
fn success<C: Call>(body: &str) -> C::Reply
where
    C::Reply: Debug,
    C::Error: Debug,
{
    match api::decode::<C::Reply>(body) {
        Ok(Success {
            payload,
            message,
            timestamp,
        }) => {
            assert_eq!(message, "Success!", "{body}");
            assert!(timestamp.is_some(), "{body}");
            payload
        }
        other => panic!(
            "{}: expected a success, got {other:?} for {body}",
            C::INTERFACE
        ),
    }
}

/// A request body decoded as a server does.
fn request<C: Call>(body: &str) -> C {
    serde_json::from_str(body).unwrap_or_else(|e| panic!("{}: {e}: {body}", C::INTERFACE))
}

/// `value` serialized, as a JSON value.
fn to_value<T: Serialize>(value: &T) -> Value {
    serde_json::to_value(value).unwrap()
}

/// The top-level entries of a JSON object.
fn entries(body: &str) -> Vec<(String, Value)> {
    match serde_json::from_str(body).unwrap() {
        Value::Object(map) => map.into_iter().collect(),
        other => panic!("not an object: {other}"),
    }
}

/// `entries` written as one object, in the order `order` gives.
fn in_order(entries: &[(String, Value)], order: &[usize]) -> String {
    let fields: Vec<String> = order
        .iter()
        .map(|&i| format!("{}:{}", Value::from(entries[i].0.as_str()), entries[i].1))
        .collect();
    format!("{{{}}}", fields.join(","))
}

/// Every permutation of `0..n` (Heap's algorithm).
fn permutations(n: usize) -> Vec<Vec<usize>> {
    fn heap(k: usize, items: &mut Vec<usize>, out: &mut Vec<Vec<usize>>) {
        if k <= 1 {
            out.push(items.clone());
            return;
        }
        for i in 0..k {
            heap(k - 1, items, out);
            let j = if k % 2 == 0 { i } else { 0 };
            if i + 1 < k {
                items.swap(j, k - 1);
            }
        }
    }
    let mut out = Vec::new();
    heap(n, &mut (0..n).collect(), &mut out);
    out
}

/// Objects up to this many keys are tried in all their orders (7! = 5040).
const ALL_ORDERS_UP_TO: usize = 7;

/// Decodes `body` with its top-level keys in every order, and checks that each
/// gives what the body as written gives. Returns how many orders were tried.
fn in_every_order<T: PartialEq + Debug>(body: &str, decode: impl Fn(&str) -> T) -> usize {
    let expected = decode(body);
    let entries = entries(body);
    assert!(
        entries.len() <= ALL_ORDERS_UP_TO,
        "{} keys: sample the orders",
        entries.len()
    );
    let orders = permutations(entries.len());
    for order in &orders {
        let text = in_order(&entries, order);
        assert_eq!(decode(&text), expected, "{text}");
    }
    orders.len()
}

/// A whole reply decoded (envelope and payload, or the server's error), for
/// comparing orders; a body that is no valid reply fails the test.
fn reply<R: api::Reply + Debug>(body: &str) -> Result<Success<R>, R::Error>
where
    R::Error: Debug,
{
    match api::decode::<R>(body) {
        Ok(success) => Ok(success),
        Err(CallError::Server(error)) => Err(error),
        Err(other) => panic!("{other:?}: {body}"),
    }
}

/// The next number of a splitmix64 sequence.
fn next(seed: &mut u64) -> u64 {
    *seed = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *seed;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// `value` as JSON text with the keys of every object, at every depth, in an
/// order drawn from `seed`.
fn shuffled(value: &Value, seed: &mut u64) -> String {
    match value {
        Value::Object(map) => {
            let mut fields: Vec<(&String, &Value)> = map.iter().collect();
            for i in (1..fields.len()).rev() {
                let j = (next(seed) % (i as u64 + 1)) as usize;
                fields.swap(i, j);
            }
            let fields: Vec<String> = fields
                .into_iter()
                .map(|(k, v)| format!("{}:{}", Value::from(k.as_str()), shuffled(v, seed)))
                .collect();
            format!("{{{}}}", fields.join(","))
        }
        Value::Array(items) => {
            let items: Vec<String> = items.iter().map(|v| shuffled(v, seed)).collect();
            format!("[{}]", items.join(","))
        }
        other => other.to_string(),
    }
}

fn anchor(user_id: &str, user_name: &str, user_avatar: &str, accelerate_url: &str) -> Anchor {
    Anchor {
        user_id: user_id.into(),
        user_name: user_name.into(),
        user_avatar: user_avatar.into(),
        accelerate_url: accelerate_url.into(),
    }
}

// ---------------------------------------------------------------------------
// The interfaces and their names.

/// Name, path, and whether the query is `AuthQuery`, of `C`.
fn interface<C: Call + 'static>() -> (&'static str, &'static str, bool) {
    assert!(
        TypeId::of::<C::Query>() == TypeId::of::<AuthQuery>()
            || TypeId::of::<C::Query>() == TypeId::of::<LoginQuery>()
    );
    (
        C::INTERFACE.name(),
        C::INTERFACE.path(),
        TypeId::of::<C::Query>() == TypeId::of::<AuthQuery>(),
    )
}

#[test]
fn every_interface_has_its_name_path_and_query() {
    let all = [
        interface::<LoginRequest>(),
        interface::<LogoutRequest>(),
        interface::<GetRoomListRequest>(),
        interface::<GetAnchorUrlRequest>(),
        interface::<CreateRoomRequest>(),
        interface::<DestroyRoomRequest>(),
        interface::<GetAnchorsRequest>(),
        interface::<AddAnchorRequest>(),
        interface::<DeleteAnchorRequest>(),
        interface::<AnchorHeartbeatRequest>(),
        interface::<AddAudienceRequest>(),
        interface::<DeleteAudienceRequest>(),
        interface::<GetAudiencesRequest>(),
        interface::<MergeStreamRequest>(),
        interface::<SetCustomFieldRequest>(),
        interface::<GetCustomInfoRequest>(),
    ];
    let names: Vec<&str> = all.iter().map(|(name, _, _)| *name).collect();
    assert_eq!(names, crate::interfaces::NAMES);
    for (name, path, auth) in all {
        assert_eq!(path, format!("/weapp/live_room/{name}"));
        // `login` alone has no token in its query (§0.1).
        assert_eq!(auth, name != "login", "{name}");
    }
    assert_eq!(
        TypeId::of::<<MergeStreamRequest as Call>::Reply>(),
        TypeId::of::<MergeStreamReply>()
    );
    assert_eq!(
        TypeId::of::<<LogoutRequest as Call>::Reply>(),
        TypeId::of::<LogoutReply>()
    );
}

/// Each request type, its reply type and its error type name one interface,
/// after which they are named: `get_anchor_url` has `GetAnchorUrlRequest`,
/// `GetAnchorUrlReply` and `GetAnchorUrlError`.
fn linked<C: Call + 'static>() {
    let interface = C::INTERFACE;
    assert_eq!(<C::Error as InterfaceError>::INTERFACE, interface);
    assert_eq!(
        TypeId::of::<<C::Reply as api::Reply>::Error>(),
        TypeId::of::<C::Error>()
    );
    let camel: String = (interface.name().split('_'))
        .map(|word| word[..1].to_ascii_uppercase() + &word[1..])
        .collect();
    let type_name = |name: &str| name.rsplit("::").next().unwrap().to_owned();
    assert_eq!(
        type_name(std::any::type_name::<C>()),
        format!("{camel}Request")
    );
    assert_eq!(
        type_name(std::any::type_name::<C::Reply>()),
        format!("{camel}Reply")
    );
    assert_eq!(
        type_name(std::any::type_name::<C::Error>()),
        format!("{camel}Error")
    );
}

/// Runs `check::<Request>()` for every interface.
macro_rules! for_every_call {
    ($check:ident) => {{
        $check::<LoginRequest>();
        $check::<LogoutRequest>();
        $check::<GetRoomListRequest>();
        $check::<GetAnchorUrlRequest>();
        $check::<CreateRoomRequest>();
        $check::<DestroyRoomRequest>();
        $check::<GetAnchorsRequest>();
        $check::<AddAnchorRequest>();
        $check::<DeleteAnchorRequest>();
        $check::<AnchorHeartbeatRequest>();
        $check::<AddAudienceRequest>();
        $check::<DeleteAudienceRequest>();
        $check::<GetAudiencesRequest>();
        $check::<MergeStreamRequest>();
        $check::<SetCustomFieldRequest>();
        $check::<GetCustomInfoRequest>();
    }};
}

#[test]
fn requests_replies_and_errors_are_linked_to_their_interface() {
    for_every_call!(linked);
}

/// An error reply of every code an interface can return decodes, in one
/// line, into that code's variant of the interface's error, with the
/// recovery in that call; any other code into `Other`, whole.
fn decodes_into_its_errors<C: Call>()
where
    C::Reply: Debug,
    C::Error: Debug,
{
    let interface = C::INTERFACE;
    for code in ErrorCode::ALL {
        let body = format!(r#"{{"code":{},"message":"m","timestamp":9}}"#, code.value());
        let err = match api::decode::<C::Reply>(&body) {
            Err(api::CallError::Server(err)) => err,
            other => panic!("{interface}: {other:?}"),
        };
        let sent = err.server_error();
        assert_eq!(
            (sent.code(), sent.message(), sent.timestamp()),
            (code.into(), "m", Some(9))
        );
        assert_eq!(err.pair(), interface.error(code), "{interface} {code:?}");
        assert_eq!(err.recovery(), Some(interface.recovery(code)));
        let variant = format!("{err:?}");
        let expected = if interface.error(code).is_some() {
            code.name()
        } else {
            "Other"
        };
        assert!(
            variant.starts_with(&format!("{expected}(")),
            "{interface}: {variant}"
        );
    }
    for body in [
        r#"{"code":203011}"#,
        r#"{"code":"-1","error":"e"}"#,
        r#"{"code":5001}"#,
    ] {
        let Err(api::CallError::Server(err)) = api::decode::<C::Reply>(body) else {
            panic!("{interface}: {body}")
        };
        assert!(format!("{err:?}").starts_with("Other("), "{body}");
        assert_eq!(err.recovery(), None);
    }
    // Not a reply at all.
    for body in ["", "<html>"] {
        let result = api::decode::<C::Reply>(body);
        assert!(
            matches!(result, Err(CallError::Syntax(_))),
            "{interface}: {body}"
        );
    }
    for body in ["{}", r#"{"code":1.5}"#, "[]"] {
        let result = api::decode::<C::Reply>(body);
        assert!(
            matches!(result, Err(CallError::Protocol(_))),
            "{interface}: {body}"
        );
    }
}

#[test]
fn every_reply_decodes_into_its_interfaces_errors() {
    for_every_call!(decodes_into_its_errors);
}

#[test]
fn decode_takes_bytes_or_text_and_keeps_the_decode_error() {
    let body = br#"{"code":0,"message":"Success!","timestamp":1,"roomID":"r1"}"#;
    let room_id = |reply: Success<CreateRoomReply>| reply.payload.room_id;
    assert_eq!(room_id(api::decode(body).unwrap()), "r1");
    let owned: Vec<u8> = body.to_vec(); // a body as an HTTP client hands it over
    assert_eq!(room_id(api::decode(&owned).unwrap()), "r1");
    assert_eq!(room_id(api::decode(owned).unwrap()), "r1");
    let text = std::str::from_utf8(body).unwrap();
    assert_eq!(room_id(api::decode(text).unwrap()), "r1");
    // A success without the payload's required field is a payload error, not a server error.
    let err = api::decode::<CreateRoomReply>(r#"{"code":0}"#).unwrap_err();
    assert!(matches!(err, CallError::Payload(_)), "{err:?}");
    assert!(err.server().is_none() && err.recovery().is_none());
    // Into the interface-free error.
    let err =
        api::decode::<CreateRoomReply>(r#"{"code":203002,"message":"create failed"}"#).unwrap_err();
    assert_eq!(err.to_string(), "create_room: 203002 create failed");
    let plain = err.map_server(api::ServerError::from);
    assert_eq!(plain.to_string(), "203002 create failed");
    assert_eq!(plain.into_server().unwrap().code().value(), 203002);
}

/// What a type writes (from its default, empty values included) and which of
/// those fields a body must have: `required` as docs/protocol.md documents
/// it (a reply's documented fields, except where §N makes them optional;
/// no field of a request, a query or a nested object).
fn writes_and_requires<T: Serialize + Default>(
    written: &[&str],
    required: &[&str],
    decodes: impl Fn(Value) -> bool,
) {
    let Value::Object(all) = to_value(&T::default()) else {
        panic!("{}: not an object", std::any::type_name::<T>())
    };
    let keys: Vec<&str> = all.keys().map(String::as_str).collect();
    let mut expected = written.to_vec();
    expected.sort_unstable();
    let name = std::any::type_name::<T>();
    assert_eq!(keys, expected, "{name}");
    assert!(decodes(Value::Object(all.clone())), "{name}");
    for key in keys {
        let mut without = all.clone();
        without.remove(key);
        assert_eq!(
            decodes(Value::Object(without)),
            !required.contains(&key),
            "{name} without {key}"
        );
    }
}

/// A reply type's fields, decoded as a success.
fn reply_fields<R: api::Reply + Serialize + Default>(written: &[&str], required: &[&str]) {
    writes_and_requires::<R>(written, required, |mut payload| {
        payload["code"] = json!(0);
        api::decode::<R>(payload.to_string()).is_ok()
    });
}

/// A type read with plain serde: a request, a query, a nested object.
fn optional_fields<T: Serialize + DeserializeOwned + Default>(written: &[&str]) {
    writes_and_requires::<T>(written, &[], |value| {
        serde_json::from_value::<T>(value).is_ok()
    });
}

#[test]
fn the_types_write_their_fields_and_require_the_documented_ones() {
    reply_fields::<LoginReply>(&["userID", "token"], &["userID", "token"]);
    reply_fields::<GetRoomListReply>(&["rooms"], &["rooms"]);
    reply_fields::<GetAnchorUrlReply>(&["pushURL", "accelerateURL"], &["pushURL", "accelerateURL"]);
    reply_fields::<CreateRoomReply>(&["roomID"], &["roomID"]);
    let anchors = [
        "roomID",
        "roomInfo",
        "roomCreator",
        "mixedPlayURL",
        "roomStatusCode",
        "pushers",
    ];
    reply_fields::<GetAnchorsReply>(&anchors, &anchors);
    reply_fields::<AnchorHeartbeatReply>(&[], &[]);
    reply_fields::<GetAudiencesReply>(&["audiences"], &["audiences"]);
    reply_fields::<MergeStreamReply>(&["merge_code", "merge_msg", "merge_message"], &[]);
    reply_fields::<GetCustomInfoReply>(&["custom"], &["custom"]);
    reply_fields::<LogoutReply>(&[], &[]);
    reply_fields::<DestroyRoomReply>(&[], &[]);
    reply_fields::<AddAnchorReply>(&[], &[]);
    reply_fields::<DeleteAnchorReply>(&[], &[]);
    reply_fields::<AddAudienceReply>(&[], &[]);
    reply_fields::<DeleteAudienceReply>(&[], &[]);
    reply_fields::<SetCustomFieldReply>(&[], &[]);

    optional_fields::<LoginRequest>(&[]);
    optional_fields::<LogoutRequest>(&[]);
    optional_fields::<GetRoomListRequest>(&["cnt", "index"]);
    optional_fields::<GetAnchorUrlRequest>(&["userID"]);
    optional_fields::<CreateRoomRequest>(&["userID", "roomInfo"]);
    optional_fields::<DestroyRoomRequest>(&["roomID", "userID"]);
    optional_fields::<GetAnchorsRequest>(&["roomID"]);
    let anchor = ["roomID", "userID", "userName", "userAvatar", "pushURL"];
    optional_fields::<AddAnchorRequest>(&anchor);
    optional_fields::<DeleteAnchorRequest>(&["roomID", "userID"]);
    optional_fields::<AnchorHeartbeatRequest>(&["roomID", "userID", "roomStatusCode"]);
    optional_fields::<AddAudienceRequest>(&["roomID", "userID", "userInfo"]);
    optional_fields::<DeleteAudienceRequest>(&["roomID", "userID"]);
    optional_fields::<GetAudiencesRequest>(&["roomID"]);
    optional_fields::<MergeStreamRequest>(&["userID", "roomID", "mergeParams"]);
    optional_fields::<SetCustomFieldRequest>(&["roomID", "fieldName"]);
    optional_fields::<GetCustomInfoRequest>(&["roomID"]);

    optional_fields::<LoginQuery>(&["sdkAppID", "userID", "userSig"]);
    optional_fields::<AuthQuery>(&["userID", "token"]);
    let room = [
        "roomID",
        "roomInfo",
        "roomCreator",
        "mixedPlayURL",
        "pushers",
        "custom",
        "audienceCount",
    ];
    optional_fields::<Room>(&room);
    optional_fields::<Anchor>(&["userID", "userName", "userAvatar", "accelerateURL"]);
    optional_fields::<Audience>(&["userID", "userInfo"]);
    optional_fields::<MergeParams>(&["timestamp", "eventId", "interface"]);
    optional_fields::<LayoutParams>(&["image_layer"]);
}

// ---------------------------------------------------------------------------
// The illustrative replies, every field.

#[test]
fn login_reply() {
    let login = success::<LoginRequest>(LOGIN);
    assert_eq!(
        login,
        LoginReply {
            user_id: "user_dda36c3f_7c91".into(),
            token: "c9527c191598662c6f392146f65ae520*1400047134".into(),
        }
    );
    assert_eq!(
        reply::<LoginReply>(LOGIN).unwrap().timestamp,
        Some(1565610959661)
    );
}

#[test]
fn envelope_only_replies() {
    assert_eq!(success::<LogoutRequest>(ENVELOPE_ONLY), LogoutReply {});
    assert_eq!(
        success::<DestroyRoomRequest>(ENVELOPE_ONLY),
        DestroyRoomReply {}
    );
    assert_eq!(
        success::<AddAnchorRequest>(ENVELOPE_ONLY),
        AddAnchorReply {}
    );
    assert_eq!(
        success::<DeleteAnchorRequest>(ENVELOPE_ONLY),
        DeleteAnchorReply {}
    );
    assert_eq!(
        success::<AddAudienceRequest>(ENVELOPE_ONLY),
        AddAudienceReply {}
    );
    assert_eq!(
        success::<DeleteAudienceRequest>(ENVELOPE_ONLY),
        DeleteAudienceReply {}
    );
    assert_eq!(
        success::<SetCustomFieldRequest>(ENVELOPE_ONLY),
        SetCustomFieldReply {}
    );
    // v1 servers echoed `custom` from set_custom_field (§15): ignored.
    let body = r#"{"code":0,"message":"Success!","timestamp":1,"custom":"{\"praise\":4}"}"#;
    assert_eq!(
        success::<SetCustomFieldRequest>(body),
        SetCustomFieldReply {}
    );
}

/// The envelope-only replies are types of their own that read and write
/// exactly as `()`: every body one of them accepts, the others and `()`
/// accept too, and they are all written as `{}`.
#[test]
fn envelope_only_reply_types_behave_as_unit() {
    /// What a decode gave, errors by their kind and code.
    fn outcome<R: api::Reply>(body: &str) -> String
    where
        R::Error: Into<api::ServerError>,
    {
        match api::decode::<R>(body) {
            Ok(success) => format!("{:?}", (success.message, success.timestamp)),
            Err(CallError::Server(error)) => format!("{:?}", error.into()),
            Err(CallError::Protocol(problem)) => format!("{problem:?}"),
            Err(CallError::Syntax(_)) => "syntax".into(),
            Err(CallError::Payload(_)) => "payload".into(),
        }
    }
    fn same<R: api::Reply + Serialize + Debug>(body: &str)
    where
        R::Error: Into<api::ServerError>,
    {
        assert_eq!(outcome::<R>(body), outcome::<()>(body), "{body}");
        let value = <R as serde::Deserialize>::deserialize(json!({})).unwrap();
        assert_eq!(serde_json::to_string(&value).unwrap(), "{}");
    }
    for body in [
        ENVELOPE_ONLY,
        r#"{"code":0,"custom":{"a":1},"x":[1,2]}"#,
        r#"{"code":0,"x":1,"x":{"y":2}}"#,
        r#"{"code":203010,"message":"m"}"#,
        r#"{"code":0,"code":0}"#,
        r#"[]"#,
        "<html>",
    ] {
        same::<LogoutReply>(body);
        same::<DestroyRoomReply>(body);
        same::<AddAnchorReply>(body);
        same::<DeleteAnchorReply>(body);
        same::<AddAudienceReply>(body);
        same::<DeleteAudienceReply>(body);
        same::<SetCustomFieldReply>(body);
    }
    // And through a server's body.
    let body = Success::new(DeleteAnchorReply {}).with_timestamp(1);
    assert_eq!(
        serde_json::to_string(&body).unwrap(),
        r#"{"code":0,"message":"Success!","timestamp":1}"#
    );
}

#[test]
fn get_room_list_reply() {
    let list = success::<GetRoomListRequest>(GET_ROOM_LIST);
    assert_eq!(
        list,
        GetRoomListReply {
            rooms: vec![Room {
                room_id: "room_1".into(),
                room_info: r#"{"title":"demo"}"#.into(),
                room_creator: "u1".into(),
                mixed_play_url: "https://<play-domain>/live/<id>.flv".into(),
                pushers: vec![anchor("u1", "Anchor", "https://...", "rtmp://...")],
                custom: r#"{"praise":3}"#.into(),
                audience_count: 5,
                audiences: None,
            }]
        }
    );
    let fields = list.rooms[0].custom_fields().unwrap();
    assert_eq!(
        fields,
        BTreeMap::from([("praise".into(), CustomValue::Integer(3))])
    );
}

#[test]
fn get_anchor_url_reply() {
    assert_eq!(
        success::<GetAnchorUrlRequest>(GET_ANCHOR_URL),
        GetAnchorUrlReply {
            push_url: "rtmp://<bizid>.livepush.myqcloud.com/live/<streamId>?txSecret=..&txTime=.."
                .into(),
            accelerate_url: "rtmp://<play-domain>/live/<streamId>?txSecret=..&txTime=..".into(),
        }
    );
}

#[test]
fn create_room_reply() {
    assert_eq!(
        success::<CreateRoomRequest>(CREATE_ROOM),
        CreateRoomReply {
            room_id: "room_1".into()
        }
    );
}

#[test]
fn get_anchors_reply() {
    assert_eq!(
        success::<GetAnchorsRequest>(GET_ANCHORS),
        GetAnchorsReply {
            room_id: "room_1".into(),
            room_info: "demo".into(),
            room_creator: "u1".into(),
            mixed_play_url: "https://<play-domain>/live/<id>.flv".into(),
            room_status_code: 3,
            pushers: vec![anchor("u1", "A", "https://...", "rtmp://...")],
        }
    );
}

#[test]
fn anchor_heartbeat_reply() {
    assert_eq!(
        success::<AnchorHeartbeatRequest>(ANCHOR_HEARTBEAT),
        AnchorHeartbeatReply {
            room_status_code: Some(4),
            pushers: Some(vec![anchor("u1", "A", "...", "rtmp://...")]),
        }
    );
    // Without a membership change: the bare envelope (§10).
    assert_eq!(
        success::<AnchorHeartbeatRequest>(ENVELOPE_ONLY),
        AnchorHeartbeatReply::default()
    );
}

#[test]
fn get_audiences_reply() {
    assert_eq!(
        success::<GetAudiencesRequest>(GET_AUDIENCES),
        GetAudiencesReply {
            audiences: vec![Audience {
                user_id: "v1".into(),
                user_info: r#"{"userName":"Viewer","userAvatar":"https://..."}"#.into(),
            }],
            audience_count: Some(2),
        }
    );
}

#[test]
fn merge_stream_reply() {
    let merge = success::<MergeStreamRequest>(MERGE_STREAM);
    assert_eq!(
        merge,
        MergeStreamReply {
            merge_code: 0,
            merge_message: "Success!".into()
        }
    );
    assert!(merge.check().is_ok());
}

#[test]
fn get_custom_info_reply() {
    assert_eq!(
        success::<GetCustomInfoRequest>(GET_CUSTOM_INFO),
        GetCustomInfoReply {
            custom: BTreeMap::from([
                ("praise".into(), CustomValue::Integer(3)),
                ("notice".into(), CustomValue::Text("hi".into())),
            ])
        }
    );
}

/// Decodes the real error body as a reply to `C`.
fn failure<C: Call>() -> (i64, String)
where
    C::Reply: Debug,
{
    match api::decode::<C::Reply>(ERROR) {
        Err(CallError::Server(err)) => {
            let err = err.server_error();
            assert_eq!(err.code().known(), Some(ErrorCode::GetAcceleratedUrlFailed));
            assert_eq!(err.timestamp(), Some(1577087588457));
            (err.code().value(), err.message().to_owned())
        }
        other => panic!("{}: {other:?}", C::INTERFACE),
    }
}

#[test]
fn every_reply_type_decodes_an_error_reply_without_its_payload() {
    let all = [
        failure::<LoginRequest>(),
        failure::<LogoutRequest>(),
        failure::<GetRoomListRequest>(),
        failure::<GetAnchorUrlRequest>(),
        failure::<CreateRoomRequest>(),
        failure::<DestroyRoomRequest>(),
        failure::<GetAnchorsRequest>(),
        failure::<AddAnchorRequest>(),
        failure::<DeleteAnchorRequest>(),
        failure::<AnchorHeartbeatRequest>(),
        failure::<AddAudienceRequest>(),
        failure::<DeleteAudienceRequest>(),
        failure::<GetAudiencesRequest>(),
        failure::<MergeStreamRequest>(),
        failure::<SetCustomFieldRequest>(),
        failure::<GetCustomInfoRequest>(),
    ];
    for (code, message) in all {
        assert_eq!(
            (code, message.as_str()),
            (204004, "get push and acc url failed!")
        );
    }
}

#[test]
fn a_success_without_a_required_reply_field_is_a_payload_error() {
    fn payload_error<R: api::Reply>(body: &str) -> bool {
        matches!(api::decode::<R>(body), Err(CallError::Payload(_)))
    }
    assert!(payload_error::<LoginReply>(ENVELOPE_ONLY));
    assert!(payload_error::<GetRoomListReply>(ENVELOPE_ONLY));
    assert!(payload_error::<GetAnchorUrlReply>(ENVELOPE_ONLY));
    assert!(payload_error::<CreateRoomReply>(ENVELOPE_ONLY));
    assert!(payload_error::<GetAnchorsReply>(ENVELOPE_ONLY));
    assert!(payload_error::<GetAudiencesReply>(ENVELOPE_ONLY));
    assert!(payload_error::<GetCustomInfoReply>(ENVELOPE_ONLY));
    // `null` is no value for a required field either.
    assert!(payload_error::<LoginReply>(
        r#"{"code":0,"token":null,"userID":"u1"}"#
    ));
    assert!(!payload_error::<LoginReply>(
        r#"{"code":0,"token":"t","userID":"u1"}"#
    ));
}

// ---------------------------------------------------------------------------
// The request examples.

#[test]
fn login_and_logout_bodies() {
    // JS sends `{}`; a server reads Android's `""` and iOS's missing body as the same.
    assert_eq!(request::<LoginRequest>("{}"), LoginRequest {});
    assert_eq!(request::<LoginRequest>(" { } "), LoginRequest {});
    assert_eq!(
        request::<LoginRequest>(r#"{"userID":"u1"}"#),
        LoginRequest {}
    );
    assert_eq!(request::<LogoutRequest>("{}"), LogoutRequest {});
    // No client sends `null` (0.3.0: no longer read as `{}`).
    assert!(serde_json::from_str::<LoginRequest>("null").is_err());
    // An empty array is a struct of no fields, by position (a plain derive).
    assert_eq!(request::<LoginRequest>("[]"), LoginRequest {});
    assert!(serde_json::from_str::<LoginRequest>("[1]").is_err());
    assert!(serde_json::from_str::<LogoutRequest>(r#""""#).is_err());
    assert_eq!(serde_json::to_string(&LoginRequest {}).unwrap(), "{}");
    assert_eq!(serde_json::to_string(&LogoutRequest {}).unwrap(), "{}");
}

#[test]
fn room_and_anchor_requests() {
    // §3, Art's sample.
    assert_eq!(
        request::<GetRoomListRequest>(r#"{ "cnt": 10, "index": 0 }"#),
        GetRoomListRequest { cnt: 10, index: 0 }
    );
    // §4: Art's sample, then Android's `String.format` with a room.
    assert_eq!(
        request::<GetAnchorUrlRequest>(r#"{ "userID":"james"}"#),
        GetAnchorUrlRequest {
            user_id: "james".into(),
            room_id: None
        }
    );
    assert_eq!(
        request::<GetAnchorUrlRequest>(r#"{"userID": "james", "roomID": "room_1"}"#),
        GetAnchorUrlRequest {
            user_id: "james".into(),
            room_id: Some("room_1".into())
        }
    );
    // §5: iOS (every key, empty roomID) and the mini-program (no roomID).
    let ios = request::<CreateRoomRequest>(r#"{"userID":"u1","roomID":"","roomInfo":"demo"}"#);
    assert_eq!(
        ios,
        CreateRoomRequest {
            user_id: "u1".into(),
            room_id: Some(String::new()),
            room_info: "demo".into()
        }
    );
    assert_eq!(ios.requested_room_id(), None);
    let js = request::<CreateRoomRequest>(r#"{"userID":"u1","roomInfo":"demo"}"#);
    assert_eq!(
        (js.room_id.as_deref(), js.requested_room_id()),
        (None, None)
    );
    let android =
        request::<CreateRoomRequest>(r#"{"userID":"u1","roomID":"room_9","roomInfo":""}"#);
    assert_eq!(android.requested_room_id(), Some("room_9"));
    // §6, the mini-program's.
    assert_eq!(
        request::<DestroyRoomRequest>(r#"{"roomID":"room_1","userID":"u1"}"#),
        DestroyRoomRequest {
            room_id: "room_1".into(),
            user_id: "u1".into()
        }
    );
    // §7, Android's `String.format("{\"roomID\":\"%s\"}", roomId)`.
    assert_eq!(
        request::<GetAnchorsRequest>(r#"{"roomID":"room_1"}"#),
        GetAnchorsRequest {
            room_id: "room_1".into()
        }
    );
    // §8, iOS l.1661's keys, then Android with null name and avatar (dropped, §0.2).
    assert_eq!(
        request::<AddAnchorRequest>(
            r#"{"roomID":"room_1","userID":"u1","userName":"Anchor","userAvatar":"123","pushURL":"rtmp://push"}"#
        ),
        AddAnchorRequest {
            room_id: "room_1".into(),
            user_id: "u1".into(),
            user_name: "Anchor".into(),
            user_avatar: "123".into(),
            push_url: "rtmp://push".into(),
        }
    );
    assert_eq!(
        request::<AddAnchorRequest>(r#"{"roomID":"room_1","userID":"u1","pushURL":"rtmp://push"}"#),
        AddAnchorRequest {
            room_id: "room_1".into(),
            user_id: "u1".into(),
            push_url: "rtmp://push".into(),
            ..AddAnchorRequest::default()
        }
    );
    // §9, iOS l.1677.
    assert_eq!(
        request::<DeleteAnchorRequest>(r#"{"roomID":"room_1","userID":"u1"}"#),
        DeleteAnchorRequest {
            room_id: "room_1".into(),
            user_id: "u1".into()
        }
    );
    // §10, a first heartbeat.
    assert_eq!(
        request::<AnchorHeartbeatRequest>(
            r#"{"roomID":"room_1","userID":"u1","roomStatusCode":0}"#
        ),
        AnchorHeartbeatRequest {
            room_id: "room_1".into(),
            user_id: "u1".into(),
            room_status_code: 0
        }
    );
}

#[test]
fn audience_and_custom_field_requests() {
    // §11: iOS pretty-prints userInfo; it is kept byte for byte.
    let pretty = "{\n  \"userName\" : \"Viewer\",\n  \"userAvatar\" : \"https://...\"\n}";
    let body = json!({"roomID":"room_1","userID":"v1","userInfo":pretty}).to_string();
    assert_eq!(
        request::<AddAudienceRequest>(&body),
        AddAudienceRequest {
            room_id: "room_1".into(),
            user_id: "v1".into(),
            user_info: pretty.into()
        }
    );
    // §12, §13.
    assert_eq!(
        request::<DeleteAudienceRequest>(r#"{"roomID":"room_1","userID":"v1"}"#),
        DeleteAudienceRequest {
            room_id: "room_1".into(),
            user_id: "v1".into()
        }
    );
    assert_eq!(
        request::<GetAudiencesRequest>(r#"{"roomID":"room_1"}"#),
        GetAudiencesRequest {
            room_id: "room_1".into()
        }
    );
    // §15: iOS l.660's keys, `inc` with the number 1 (XiaoZhiBo iOS).
    assert_eq!(
        request::<SetCustomFieldRequest>(
            r#"{"roomID":"room_1","operation":"inc","fieldName":"praise","value":1}"#
        ),
        SetCustomFieldRequest {
            room_id: "room_1".into(),
            field_name: "praise".into(),
            operation: Some(Operation::Inc),
            value: Some(CustomValue::Integer(1)),
        }
    );
    // §16, iOS l.676 (with its trailing comma gone: JSON has none).
    assert_eq!(
        request::<GetCustomInfoRequest>(r#"{"roomID":"room_1"}"#),
        GetCustomInfoRequest {
            room_id: "room_1".into()
        }
    );
}

/// The parameters of [`MERGE_PARAMS`], typed.
fn schematic_params(app_id: AppId) -> MergeParams {
    MergeParams {
        timestamp: 1700000000,
        event_id: 1700000000,
        interface: MixInterface {
            interface_name: "Mix_StreamV2".into(),
            para: MixPara {
                app_id,
                interface: "mix_streamv2.start_mix_stream_advanced".into(),
                mix_stream_session_id: "<mainStreamId>".into(),
                output_stream_id: "<mainStreamId>".into(),
                input_stream_list: vec![
                    InputStream {
                        input_stream_id: "<mainStreamId>".into(),
                        layout_params: LayoutParams {
                            image_layer: 1,
                            ..LayoutParams::default()
                        },
                    },
                    InputStream {
                        input_stream_id: "<subStreamId>".into(),
                        layout_params: LayoutParams {
                            image_layer: 2,
                            image_width: Some(160),
                            image_height: Some(240),
                            location_x: Some(380),
                            location_y: Some(630),
                            input_type: None,
                        },
                    },
                ],
            },
        },
    }
}

#[test]
fn merge_stream_request_in_every_client_form() {
    let expected = |app_id| MergeStreamRequest {
        user_id: "u1".into(),
        room_id: "room_1".into(),
        merge_params: schematic_params(app_id),
    };
    // Android: an object, `app_id` "".
    let android = format!(r#"{{"userID":"u1","roomID":"room_1","mergeParams":{MERGE_PARAMS}}}"#);
    assert_eq!(
        request::<MergeStreamRequest>(&android),
        expected(AppId::Text(String::new()))
    );
    // iOS: an object, `app_id` the sdkAppID as a number.
    let ios = android.replace(r#""app_id": """#, r#""app_id": 1400000000"#);
    assert_eq!(
        request::<MergeStreamRequest>(&ios),
        expected(AppId::Number(1400000000))
    );
    // The mini-program: `JSON.stringify(mergeInfo)`, `app_id` the sdkAppID as a string.
    let params = MERGE_PARAMS.replace(r#""app_id": """#, r#""app_id": "1400000000""#);
    let js = json!({"userID":"u1","roomID":"room_1","mergeParams":params}).to_string();
    assert_eq!(
        request::<MergeStreamRequest>(&js),
        expected(AppId::Text("1400000000".into()))
    );
    // A PK canvas layout (§14): input_type 3.
    let pk: LayoutParams = serde_json::from_str(
        r#"{"image_layer":1,"input_type":3,"image_width":720,"image_height":640}"#,
    )
    .unwrap();
    assert_eq!(
        pk,
        LayoutParams {
            image_layer: 1,
            image_width: Some(720),
            image_height: Some(640),
            location_x: None,
            location_y: None,
            input_type: Some(3)
        }
    );
}

#[test]
fn queries_decode_from_real_urls() {
    fn query<T: DeserializeOwned>(url: &str) -> T {
        Query::<T>::try_from_uri(&url.parse().unwrap()).unwrap().0
    }
    // §1: the URLs assembled from Android's and the mini-program's code.
    let android: LoginQuery = query(
        "https://liveroom.qcloud.com/weapp/live_room/login?sdkAppID=1400000000&userID=u1&userSig=S&platform=Android",
    );
    assert_eq!(
        android,
        LoginQuery {
            sdk_app_id: "1400000000".into(),
            user_id: "u1".into(),
            user_sig: "S".into(),
            platform: Some("Android".into()),
            account_type: None,
            token: None,
        }
    );
    let js: LoginQuery = query(
        "/weapp/live_room/login?accountType=0&sdkAppID=1400000000&userSig=S&platform=WeChat&userID=u1",
    );
    assert_eq!(js.account_type.as_deref(), Some("0"));
    assert_eq!(js.platform.as_deref(), Some("WeChat"));
    assert_eq!(
        (js.user_id.as_str(), js.sdk_app_id.as_str()),
        ("u1", "1400000000")
    );
    // Art's example quotes its values: they are kept as sent.
    let art: LoginQuery =
        query("/weapp/live_room/login?sdkAppID=1400042982&userID='james'&userSig='xxxxxxx'");
    assert_eq!(art.user_id, "'james'");
    // Without credentials: empty, for 201001/201002.
    let bare: LoginQuery = query("/weapp/live_room/login?platform=iOS");
    assert_eq!((bare.sdk_app_id.as_str(), bare.user_sig.as_str()), ("", ""));

    // §0.1.
    let auth: AuthQuery = query("/weapp/live_room/get_anchors?userID=u1&token=c9527c19*1400047134");
    assert_eq!(
        auth,
        AuthQuery {
            user_id: "u1".into(),
            token: "c9527c19*1400047134".into()
        }
    );
    // The mini-program leaves `token` out while it has none.
    let no_token: AuthQuery = query("/weapp/live_room/login?userID=u1");
    assert_eq!(no_token.token, "");
}

#[test]
fn queries_serialize_with_wire_names() {
    let login = LoginQuery {
        sdk_app_id: "1400000000".into(),
        user_id: "u1".into(),
        user_sig: "S".into(),
        platform: Some("Android".into()),
        account_type: None,
        token: None,
    };
    assert_eq!(
        serde_json::to_string(&login).unwrap(),
        r#"{"sdkAppID":"1400000000","userID":"u1","userSig":"S","platform":"Android"}"#
    );
    let auth = AuthQuery {
        user_id: "u1".into(),
        token: "t".into(),
    };
    assert_eq!(to_value(&auth), json!({"userID":"u1","token":"t"}));
}

// ---------------------------------------------------------------------------
// Each quirk, both ways.

#[test]
fn room_custom_is_a_string_but_custom_info_is_an_object() {
    let room = Room {
        custom: r#"{"praise":3}"#.into(),
        ..Room::default()
    };
    assert_eq!(to_value(&room)["custom"], json!(r#"{"praise":3}"#));
    let info = GetCustomInfoReply {
        custom: BTreeMap::from([("praise".into(), CustomValue::Integer(3))]),
    };
    assert_eq!(to_value(&info), json!({"custom":{"praise":3}}));

    // The other shape is refused in each place.
    assert!(serde_json::from_str::<Room>(r#"{"custom":{"praise":3}}"#).is_err());
    let body = r#"{"code":0,"custom":"{\"praise\":3}"}"#;
    assert!(matches!(
        api::decode::<GetCustomInfoReply>(body),
        Err(CallError::Payload(_))
    ));
    // A bad JSON text in `custom` is only an error when it is read.
    let room = Room {
        custom: "{praise".into(),
        ..Room::default()
    };
    assert!(room.custom_fields().is_err());
}

#[test]
fn room_audiences_decode_from_either_shape_and_are_never_sent() {
    let viewer = Audience {
        user_id: "v1".into(),
        user_info: "{}".into(),
    };
    let android = r#"{"roomID":"r","audiences":[{"userID":"v1","userInfo":"{}"}]}"#;
    let ios = r#"{"roomID":"r","audiences":{"audiences":[{"userID":"v1","userInfo":"{}"}],"audienceCount":1}}"#;
    for body in [android, ios] {
        let room: Room = serde_json::from_str(body).unwrap();
        assert_eq!(room.audiences, Some(vec![viewer.clone()]), "{body}");
    }
    for (body, expected) in [
        (r#"{"roomID":"r"}"#, None),
        (r#"{"roomID":"r","audiences":null}"#, None),
        (r#"{"roomID":"r","audiences":[]}"#, Some(vec![])),
        (r#"{"roomID":"r","audiences":{}}"#, Some(vec![])),
    ] {
        let room: Room = serde_json::from_str(body).unwrap();
        assert_eq!(room.audiences, expected, "{body}");
    }
    for bad in [
        r#"{"audiences":"v1"}"#,
        r#"{"audiences":3}"#,
        r#"{"audiences":{"audiences":"v1"}}"#,
    ] {
        assert!(serde_json::from_str::<Room>(bad).is_err(), "{bad}");
    }

    let room = Room {
        room_id: "r".into(),
        audiences: Some(vec![viewer]),
        ..Room::default()
    };
    let sent = to_value(&room);
    assert_eq!(sent.get("audiences"), None, "{sent}");
    assert_eq!(
        sent,
        json!({"roomID":"r","roomInfo":"","roomCreator":"","mixedPlayURL":"","pushers":[],
            "custom":"","audienceCount":0})
    );
}

#[test]
fn merge_reply_reads_either_text_key_and_sends_both() {
    for key in ["merge_msg", "merge_message"] {
        let body = format!(r#"{{"code":0,"merge_code":-3,"{key}":"stream not found"}}"#);
        let merge = api::decode::<MergeStreamReply>(&body).unwrap().payload;
        assert_eq!(merge.merge_code, -3);
        assert_eq!(merge.merge_message, "stream not found", "{key}");
        let failure = merge.check().unwrap_err();
        assert_eq!(
            (failure.merge_code, failure.merge_message),
            (-3, merge.merge_message)
        );
    }
    // No merge fields at all: mixed, no text.
    assert_eq!(
        success::<MergeStreamRequest>(ENVELOPE_ONLY),
        MergeStreamReply::default()
    );
    let reply = MergeStreamReply {
        merge_code: 0,
        merge_message: "Success!".into(),
    };
    assert_eq!(
        to_value(&reply),
        json!({"merge_code":0,"merge_msg":"Success!","merge_message":"Success!"})
    );
}

#[test]
fn merge_params_decode_as_object_or_string_and_are_sent_as_an_object() {
    let params = schematic_params(AppId::Number(1400000000));
    let object = to_value(&params);
    assert!(object.is_object());
    let as_string = json!({"userID":"u1","roomID":"r","mergeParams":object.to_string()});
    let as_object = json!({"userID":"u1","roomID":"r","mergeParams":object});
    for body in [&as_string, &as_object] {
        let request: MergeStreamRequest = serde_json::from_str(&body.to_string()).unwrap();
        assert_eq!(request.merge_params, params, "{body}");
        // Sent back: always the object form.
        assert_eq!(to_value(&request), as_object);
    }
    // Missing in any way: empty parameters, for 201006.
    for body in [
        r#"{"userID":"u1","roomID":"r"}"#,
        r#"{"userID":"u1","roomID":"r","mergeParams":null}"#,
        r#"{"userID":"u1","roomID":"r","mergeParams":""}"#,
        r#"{"userID":"u1","roomID":"r","mergeParams":" "}"#,
        r#"{"userID":"u1","roomID":"r","mergeParams":{}}"#,
    ] {
        let request: MergeStreamRequest = serde_json::from_str(body).unwrap();
        assert_eq!(request.merge_params, MergeParams::default(), "{body}");
    }
    // A string that holds no parameters, or another type: refused. (A string
    // holding an array is read by position, as a plain derive reads one.)
    let by_position = r#"{"mergeParams":"[1,2]"}"#;
    let params = request::<MergeStreamRequest>(by_position).merge_params;
    assert_eq!((params.timestamp, params.event_id), (1, 2));
    for body in [
        r#"{"mergeParams":"{\"timestamp\":"}"#,
        r#"{"mergeParams":"[\"x\"]"}"#,
        r#"{"mergeParams":"\"{}\""}"#,
        r#"{"mergeParams":3}"#,
        r#"{"mergeParams":[]}"#,
        r#"{"mergeParams":true}"#,
    ] {
        assert!(
            serde_json::from_str::<MergeStreamRequest>(body).is_err(),
            "{body}"
        );
    }
    // `app_id`: a negative number is no app id.
    assert!(serde_json::from_str::<AppId>("-1").is_err());
    assert!(serde_json::from_str::<AppId>("1.5").is_err());
}

#[test]
fn set_custom_field_value_is_a_string_a_number_or_absent() {
    let decode = |body: &str| request::<SetCustomFieldRequest>(body);
    let base = r#""roomID":"r","fieldName":"praise""#;
    for (value, expected) in [
        (r#","value":"1""#, Some(CustomValue::Text("1".into()))),
        (r#","value":1"#, Some(CustomValue::Integer(1))),
        (r#","value":1.0"#, Some(CustomValue::Float(1.0))),
        (r#","value":-2.5"#, Some(CustomValue::Float(-2.5))),
        (r#","value":null"#, None),
        ("", None),
    ] {
        let body = format!(r#"{{{base},"operation":"inc"{value}}}"#);
        assert_eq!(decode(&body).value, expected, "{body}");
    }
    assert!(serde_json::from_str::<SetCustomFieldRequest>(r#"{"value":true}"#).is_err());
    assert!(serde_json::from_str::<SetCustomFieldRequest>(r#"{"value":[1]}"#).is_err());

    // Sent: no `value` (nor `operation`) when `None`, the value's own JSON type otherwise.
    let inc = SetCustomFieldRequest {
        room_id: "r".into(),
        field_name: "praise".into(),
        operation: Some(Operation::Inc),
        value: None,
    };
    assert_eq!(
        to_value(&inc),
        json!({"roomID":"r","fieldName":"praise","operation":"inc"})
    );
    let set = SetCustomFieldRequest {
        operation: Some(Operation::Set),
        value: Some("hi".into()),
        ..inc.clone()
    };
    assert_eq!(
        to_value(&set),
        json!({"roomID":"r","fieldName":"praise","operation":"set","value":"hi"})
    );
    let float = SetCustomFieldRequest {
        value: Some(CustomValue::Float(0.5)),
        ..inc
    };
    assert_eq!(
        serde_json::to_string(&float)
            .unwrap()
            .matches("0.5")
            .count(),
        1
    );
}

#[test]
fn set_custom_field_has_no_user_id_and_keeps_unknown_operations() {
    // A `userID` in the body is not one of its fields: ignored, and never sent.
    let body = r#"{"roomID":"r","userID":"u1","fieldName":"praise","operation":"set","value":"x"}"#;
    let decoded = request::<SetCustomFieldRequest>(body);
    assert_eq!(to_value(&decoded).get("userID"), None);

    // Lowercase only: any other text is kept, for 201007 (empty) and 201008.
    for (text, expected) in [
        ("set", Operation::Set),
        ("inc", Operation::Inc),
        ("dec", Operation::Dec),
        ("SET", Operation::Other("SET".into())),
        ("add", Operation::Other("add".into())),
        ("", Operation::Other(String::new())),
    ] {
        let body = json!({"roomID":"r","fieldName":"f","operation":text}).to_string();
        let operation = request::<SetCustomFieldRequest>(&body).operation;
        assert_eq!(operation.as_ref(), Some(&expected), "{text}");
        assert_eq!(expected.is_known(), ["set", "inc", "dec"].contains(&text));
        assert_eq!(to_value(&expected), json!(text));
        assert_eq!(expected.to_string(), text);
    }
    for missing in [
        r#"{"roomID":"r","fieldName":"f"}"#,
        r#"{"roomID":"r","fieldName":"f","operation":null}"#,
    ] {
        assert_eq!(request::<SetCustomFieldRequest>(missing).operation, None);
    }
    assert!(serde_json::from_str::<SetCustomFieldRequest>(r#"{"operation":1}"#).is_err());
}

#[test]
fn custom_values_keep_integers_exact() {
    for (text, value) in [
        ("0", CustomValue::Integer(0)),
        ("9223372036854775807", CustomValue::Integer(i64::MAX)),
        ("-9223372036854775808", CustomValue::Integer(i64::MIN)),
        ("9007199254740993", CustomValue::Integer(9007199254740993)), // 2^53 + 1
        ("3.0", CustomValue::Float(3.0)),
        ("1e300", CustomValue::Float(1e300)),
        ("-0.5", CustomValue::Float(-0.5)),
        (r#""3""#, CustomValue::Text("3".into())),
    ] {
        let decoded: CustomValue = serde_json::from_str(text).unwrap();
        assert_eq!(decoded, value, "{text}");
        let again: CustomValue =
            serde_json::from_str(&serde_json::to_string(&decoded).unwrap()).unwrap();
        assert_eq!(again, value, "{text}");
    }
    // Beyond i64: the nearest float.
    let huge: CustomValue = serde_json::from_str("18446744073709551615").unwrap();
    assert_eq!(huge, CustomValue::Float(18446744073709551615.0));
    // JSON has no NaN or infinity: serializing one fails instead of writing `null`.
    for float in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
        assert!(
            serde_json::to_string(&CustomValue::Float(float)).is_err(),
            "{float}"
        );
    }
    for bad in ["true", "null", "[]", "{}"] {
        assert!(serde_json::from_str::<CustomValue>(bad).is_err(), "{bad}");
    }
}

#[test]
fn optional_room_ids_are_not_sent_when_none() {
    let url = GetAnchorUrlRequest {
        user_id: "u1".into(),
        room_id: None,
    };
    assert_eq!(to_value(&url), json!({"userID":"u1"}));
    let url = GetAnchorUrlRequest {
        room_id: Some("room_1".into()),
        ..url
    };
    assert_eq!(to_value(&url), json!({"userID":"u1","roomID":"room_1"}));
    assert_eq!(url.requested_room_id(), Some("room_1"));
    let create = CreateRoomRequest {
        user_id: "u1".into(),
        room_id: None,
        room_info: "demo".into(),
    };
    assert_eq!(to_value(&create), json!({"userID":"u1","roomInfo":"demo"}));
    // iOS's empty id goes out as sent.
    let create = CreateRoomRequest {
        room_id: Some(String::new()),
        ..create
    };
    assert_eq!(
        to_value(&create),
        json!({"userID":"u1","roomID":"","roomInfo":"demo"})
    );
    assert_eq!(create.requested_room_id(), None);
}

#[test]
fn heartbeat_reply_sends_only_what_it_has() {
    assert_eq!(to_value(&AnchorHeartbeatReply::default()), json!({}));
    let changed = AnchorHeartbeatReply {
        room_status_code: Some(4),
        pushers: Some(vec![anchor("u1", "A", "", "rtmp://a")]),
    };
    assert_eq!(
        to_value(&changed),
        json!({"roomStatusCode":4,"pushers":[{"userID":"u1","userName":"A","userAvatar":"","accelerateURL":"rtmp://a"}]})
    );
    // Each decodes without the other.
    let code_only = api::decode::<AnchorHeartbeatReply>(r#"{"code":0,"roomStatusCode":5}"#)
        .unwrap()
        .payload;
    assert_eq!(
        (code_only.room_status_code, code_only.pushers),
        (Some(5), None)
    );
    let request = AnchorHeartbeatRequest {
        room_id: "r".into(),
        user_id: "u1".into(),
        room_status_code: 0,
    };
    // All three clients send the code, 0 at first.
    assert_eq!(
        to_value(&request),
        json!({"roomID":"r","userID":"u1","roomStatusCode":0})
    );
}

#[test]
fn absent_request_fields_decode_as_empty_for_the_server_to_judge() {
    assert_eq!(
        request::<GetRoomListRequest>("{}"),
        GetRoomListRequest::default()
    );
    assert_eq!(
        request::<GetRoomListRequest>(r#"{"cnt":null}"#),
        GetRoomListRequest::default()
    );
    assert_eq!(
        request::<AddAnchorRequest>("{}"),
        AddAnchorRequest::default()
    );
    assert_eq!(
        request::<AddAnchorRequest>(r#"{"userAvatar":null,"userName":null}"#),
        AddAnchorRequest::default()
    );
    assert_eq!(
        request::<MergeStreamRequest>("{}"),
        MergeStreamRequest::default()
    );
    assert_eq!(
        request::<SetCustomFieldRequest>("{}"),
        SetCustomFieldRequest::default()
    );
    // A wrong type is not absence: the body is refused.
    assert!(serde_json::from_str::<GetAnchorsRequest>(r#"{"roomID":5}"#).is_err());
    assert!(serde_json::from_str::<GetRoomListRequest>(r#"{"cnt":-1}"#).is_err());
    // A plain derive also reads an array, by position (serde's rule for every
    // derived struct; no client sends one).
    assert_eq!(
        request::<GetAnchorsRequest>(r#"["room_1"]"#),
        GetAnchorsRequest {
            room_id: "room_1".into()
        }
    );
    assert!(serde_json::from_str::<GetAnchorsRequest>(r#"["room_1",2]"#).is_err());
}

#[test]
fn unknown_keys_are_ignored_and_repeated_keys_refused() {
    // Fields the notes name without a server source (§3 roomName, §7 width/height, v1's custom).
    let room: Room = serde_json::from_str(
        r#"{"roomID":"r","roomName":"x","pushers":[{"userID":"u1","width":360,"height":640}],"extra":{"a":[1,2]}}"#,
    )
    .unwrap();
    assert_eq!(room.room_id, "r");
    assert_eq!(room.pushers, vec![anchor("u1", "", "", "")]);
    let body = r#"{"code":0,"roomID":"r","roomInfo":"","roomCreator":"u1","mixedPlayURL":"",
        "roomStatusCode":1,"pushers":[],"custom":"{}","future":null}"#;
    assert_eq!(success_any::<GetAnchorsReply>(body).room_creator, "u1");

    // Which `userID` would a server check against the query's? Neither.
    let once = r#"{"userID":"u1","roomID":"r"}"#;
    let twice = r#"{"userID":"u1","roomID":"r","userID":"u2"}"#;
    assert!(serde_json::from_str::<DeleteAnchorRequest>(once).is_ok());
    assert!(serde_json::from_str::<DeleteAnchorRequest>(twice).is_err());
    // Nor of a reply: which token would a client keep?
    let once = r#"{"code":0,"token":"a","userID":"u"}"#;
    let twice = r#"{"code":0,"token":"a","userID":"u","token":"b"}"#;
    assert!(api::decode::<LoginReply>(once).is_ok());
    assert!(matches!(
        api::decode::<LoginReply>(twice),
        Err(CallError::Payload(_))
    ));
    // Nor of a custom field (issue 15 case 2; more in decode.rs).
    let twice = r#"{"code":0,"custom":{"praise":1,"praise":"x"}}"#;
    assert!(matches!(
        api::decode::<GetCustomInfoReply>(twice),
        Err(CallError::Payload(_))
    ));
}

/// The payload of a success reply, whatever its message and timestamp.
fn success_any<R: api::Reply + Debug>(body: &str) -> R
where
    R::Error: Debug,
{
    api::decode::<R>(body)
        .unwrap_or_else(|e| panic!("{e:?}: {body}"))
        .payload
}

// ---------------------------------------------------------------------------
// Every field order.

#[test]
fn every_reply_in_every_order_of_its_keys() {
    let mut tried = 0;
    tried += in_every_order(LOGIN, reply::<LoginReply>);
    tried += in_every_order(GET_ROOM_LIST, reply::<GetRoomListReply>);
    tried += in_every_order(GET_ANCHOR_URL, reply::<GetAnchorUrlReply>);
    tried += in_every_order(CREATE_ROOM, reply::<CreateRoomReply>);
    tried += in_every_order(ANCHOR_HEARTBEAT, reply::<AnchorHeartbeatReply>);
    tried += in_every_order(GET_AUDIENCES, reply::<GetAudiencesReply>);
    tried += in_every_order(MERGE_STREAM, reply::<MergeStreamReply>);
    tried += in_every_order(GET_CUSTOM_INFO, reply::<GetCustomInfoReply>);
    tried += in_every_order(ENVELOPE_ONLY, reply::<()>);
    tried += in_every_order(ENVELOPE_ONLY, reply::<AnchorHeartbeatReply>);
    tried += in_every_order(ERROR, reply::<GetAnchorsReply>);
    // Both merge texts at once: the same reply whichever comes last.
    let both = r#"{"code":0,"merge_code":1,"merge_msg":"m","merge_message":"m","timestamp":1}"#;
    tried += in_every_order(both, reply::<MergeStreamReply>);
    // 5! + 4! + 5! + 4! + 5! + 5! + 5! + 4! + 3! + 3! + 3! + 5!
    assert_eq!(tried, 120 * 6 + 24 * 3 + 6 * 3);
}

#[test]
fn every_request_in_every_order_of_its_keys() {
    fn decoded<C: Call + PartialEq + Debug>(body: &str) -> C {
        request(body)
    }
    let android = format!(r#"{{"userID":"u1","roomID":"room_1","mergeParams":{MERGE_PARAMS}}}"#);
    let js = json!({"userID":"u1","roomID":"room_1","mergeParams":MERGE_PARAMS}).to_string();
    let mut tried = 0;
    tried += in_every_order(
        r#"{ "cnt": 10, "index": 0 }"#,
        decoded::<GetRoomListRequest>,
    );
    tried += in_every_order(
        r#"{"userID":"u1","roomID":"room_1"}"#,
        decoded::<GetAnchorUrlRequest>,
    );
    tried += in_every_order(
        r#"{"userID":"u1","roomID":"","roomInfo":"demo"}"#,
        decoded::<CreateRoomRequest>,
    );
    tried += in_every_order(
        r#"{"roomID":"room_1","userID":"u1"}"#,
        decoded::<DestroyRoomRequest>,
    );
    tried += in_every_order(
        r#"{"roomID":"room_1","userID":"u1","userName":"A","userAvatar":"x","pushURL":"rtmp://p"}"#,
        decoded::<AddAnchorRequest>,
    );
    tried += in_every_order(
        r#"{"roomID":"room_1","userID":"u1","roomStatusCode":7}"#,
        decoded::<AnchorHeartbeatRequest>,
    );
    tried += in_every_order(
        r#"{"roomID":"room_1","userID":"v1","userInfo":"{}"}"#,
        decoded::<AddAudienceRequest>,
    );
    tried += in_every_order(&android, decoded::<MergeStreamRequest>);
    tried += in_every_order(&js, decoded::<MergeStreamRequest>);
    tried += in_every_order(MERGE_PARAMS, |body| {
        serde_json::from_str::<MergeParams>(body).unwrap()
    });
    tried += in_every_order(
        r#"{"roomID":"r","operation":"inc","fieldName":"praise","value":1,"userID":"ignored"}"#,
        decoded::<SetCustomFieldRequest>,
    );
    tried += in_every_order(
        r#"{"sdkAppID":"1","userID":"u1","userSig":"S","platform":"iOS","accountType":"0","token":"t"}"#,
        |body| serde_json::from_str::<LoginQuery>(body).unwrap(),
    );
    tried += in_every_order(
        r#"{"image_layer":2,"image_width":160,"image_height":240,"location_x":380,"location_y":630,"input_type":0}"#,
        |body| serde_json::from_str::<LayoutParams>(body).unwrap(),
    );
    assert_eq!(
        tried,
        2 + 2 + 6 + 2 + 120 + 6 + 6 + 6 + 6 + 6 + 120 + 720 + 720
    );
}

/// A strategy for an order of `n` keys.
fn order_of(n: usize) -> impl Strategy<Value = Vec<usize>> {
    Just((0..n).collect::<Vec<_>>()).prop_shuffle()
}

proptest! {
    /// `get_anchors`' reply has 9 keys (9! orders): a sample of them.
    #[test]
    fn get_anchors_reply_in_sampled_orders(order in order_of(9)) {
        let entries = entries(GET_ANCHORS);
        prop_assert_eq!(entries.len(), 9);
        let body = in_order(&entries, &order);
        prop_assert_eq!(reply::<GetAnchorsReply>(&body), reply::<GetAnchorsReply>(GET_ANCHORS));
    }

    /// A room has 8 keys with `audiences`, in either shape: a sample of their orders.
    #[test]
    fn a_room_in_sampled_orders(order in order_of(8), ios in any::<bool>()) {
        let audiences = if ios {
            json!({"audiences":[{"userID":"v1","userInfo":"{}"}]})
        } else {
            json!([{"userID":"v1","userInfo":"{}"}])
        };
        let room = json!({"roomID":"room_1","roomInfo":"demo","roomCreator":"u1",
            "mixedPlayURL":"https://m","custom":"{\"praise\":3}","audienceCount":5,
            "pushers":[{"userID":"u1","userName":"A","userAvatar":"x","accelerateURL":"rtmp://a"}],
            "audiences":audiences});
        let entries = entries(&room.to_string());
        prop_assert_eq!(entries.len(), 8);
        let decoded: Room = serde_json::from_str(&in_order(&entries, &order)).unwrap();
        prop_assert_eq!(decoded.audiences.as_ref().map(Vec::len), Some(1));
        prop_assert_eq!(decoded, serde_json::from_str::<Room>(&room.to_string()).unwrap());
    }

    /// Every illustrative body with the keys of every object, at every depth,
    /// in a drawn order.
    #[test]
    fn every_body_in_drawn_orders_at_every_depth(mut seed in any::<u64>()) {
        fn same<R: api::Reply + PartialEq + Debug>(body: &str, seed: &mut u64) -> Result<(), TestCaseError>
        where
            R::Error: PartialEq + Debug,
        {
            let value: Value = serde_json::from_str(body).unwrap();
            let text = shuffled(&value, seed);
            prop_assert_eq!(reply::<R>(&text), reply::<R>(body), "{}", text);
            Ok(())
        }
        same::<LoginReply>(LOGIN, &mut seed)?;
        same::<GetRoomListReply>(GET_ROOM_LIST, &mut seed)?;
        same::<GetAnchorUrlReply>(GET_ANCHOR_URL, &mut seed)?;
        same::<CreateRoomReply>(CREATE_ROOM, &mut seed)?;
        same::<GetAnchorsReply>(GET_ANCHORS, &mut seed)?;
        same::<AnchorHeartbeatReply>(ANCHOR_HEARTBEAT, &mut seed)?;
        same::<GetAudiencesReply>(GET_AUDIENCES, &mut seed)?;
        same::<MergeStreamReply>(MERGE_STREAM, &mut seed)?;
        same::<GetCustomInfoReply>(GET_CUSTOM_INFO, &mut seed)?;
        let request = json!({"userID":"u1","roomID":"room_1","mergeParams":serde_json::from_str::<Value>(MERGE_PARAMS).unwrap()});
        let text = shuffled(&request, &mut seed);
        prop_assert_eq!(
            serde_json::from_str::<MergeStreamRequest>(&text).unwrap(),
            serde_json::from_str::<MergeStreamRequest>(&request.to_string()).unwrap()
        );
    }
}

/// An error reply whose payload field does not fit the payload type keeps its
/// code in every order.
#[test]
fn an_error_reply_keeps_its_code_whatever_payload_garbage_comes_first() {
    let body = r#"{"code":203010,"message":"user not in room","rooms":"garbage"}"#;
    let tried = in_every_order(body, |body| match api::decode::<GetRoomListReply>(body) {
        Err(CallError::Server(err)) => {
            let err = err.server_error();
            (err.code().value(), err.message().to_owned())
        }
        other => panic!("{body}: {other:?}"),
    });
    assert_eq!(tried, 6);
}

// ---------------------------------------------------------------------------
// Serialize → decode round trips.

fn text() -> impl Strategy<Value = String> {
    // Any characters, newlines and quotes included.
    "(?s).{0,10}"
}

fn anchors() -> impl Strategy<Value = Vec<Anchor>> {
    collection::vec(
        (text(), text(), text(), text()).prop_map(|(a, b, c, d)| anchor(&a, &b, &c, &d)),
        0..3,
    )
}

fn audiences() -> impl Strategy<Value = Vec<Audience>> {
    collection::vec(
        (text(), text()).prop_map(|(user_id, user_info)| Audience { user_id, user_info }),
        0..3,
    )
}

fn rooms() -> impl Strategy<Value = Vec<Room>> {
    let room = (
        (text(), text(), text(), text()),
        anchors(),
        text(),
        any::<u32>(),
    )
        .prop_map(
            |((room_id, room_info, room_creator, mixed_play_url), pushers, custom, count)| Room {
                room_id,
                room_info,
                room_creator,
                mixed_play_url,
                pushers,
                custom,
                audience_count: count,
                audiences: None,
            },
        );
    collection::vec(room, 0..3)
}

fn custom_value() -> impl Strategy<Value = CustomValue> {
    prop_oneof![
        any::<i64>().prop_map(CustomValue::Integer),
        // Multiples of 1/8: exact in binary, so the JSON text reads back exactly.
        any::<i32>().prop_map(|n| CustomValue::Float(f64::from(n) / 8.0)),
        text().prop_map(CustomValue::Text),
    ]
}

fn operation() -> impl Strategy<Value = Operation> {
    prop_oneof![
        Just(Operation::Set),
        Just(Operation::Inc),
        Just(Operation::Dec),
        "[a-zA-Z]{0,4}".prop_map(|name| Operation::from_wire(&name)),
    ]
}

fn merge_params() -> impl Strategy<Value = MergeParams> {
    let layout = (
        any::<i64>(),
        option::of(any::<i64>()),
        option::of(any::<i64>()),
        option::of(any::<i64>()),
        option::of(any::<i64>()),
        option::of(any::<i64>()),
    )
        .prop_map(
            |(image_layer, image_width, image_height, location_x, location_y, input_type)| {
                LayoutParams {
                    image_layer,
                    image_width,
                    image_height,
                    location_x,
                    location_y,
                    input_type,
                }
            },
        );
    let input = (text(), layout).prop_map(|(input_stream_id, layout_params)| InputStream {
        input_stream_id,
        layout_params,
    });
    let app_id = prop_oneof![
        any::<u64>().prop_map(AppId::Number),
        text().prop_map(AppId::Text)
    ];
    (
        any::<i64>(),
        any::<i64>(),
        text(),
        app_id,
        (text(), text(), text()),
        collection::vec(input, 0..3),
    )
        .prop_map(
            |(timestamp, event_id, interface_name, app_id, (interface, session, output), list)| {
                MergeParams {
                    timestamp,
                    event_id,
                    interface: MixInterface {
                        interface_name,
                        para: MixPara {
                            app_id,
                            interface,
                            mix_stream_session_id: session,
                            output_stream_id: output,
                            input_stream_list: list,
                        },
                    },
                }
            },
        )
}

/// A request serialized as a client sends it, in a drawn key order, and decoded as a server does.
fn request_round_trip<C: Call + PartialEq + Debug>(
    sent: &C,
    seed: &mut u64,
) -> Result<(), TestCaseError> {
    let text = shuffled(&to_value(sent), seed);
    let received: C = serde_json::from_str(&text).unwrap();
    prop_assert_eq!(&received, sent, "{}", text);
    Ok(())
}

/// A payload sent in a success body (`api::Success`, as a server sends it),
/// in a drawn key order, and decoded by a client in one line.
fn reply_round_trip<R>(sent: &R, seed: &mut u64) -> Result<(), TestCaseError>
where
    R: api::Reply + Serialize + PartialEq + Clone + Debug,
    R::Error: Debug,
{
    let sent = Success::new(sent.clone()).with_timestamp(1700000000000);
    let text = shuffled(&to_value(&sent), seed);
    let received = api::decode::<R>(&text).unwrap();
    prop_assert_eq!(received, sent, "{}", text);
    Ok(())
}

proptest! {
    #[test]
    fn session_and_room_requests_round_trip(
        (a, b, c, d, e) in (text(), text(), text(), text(), text()),
        room_id in option::of(text()),
        (cnt, index, code) in (any::<u32>(), any::<u32>(), any::<i64>()),
        mut seed in any::<u64>(),
    ) {
        request_round_trip(&LoginRequest {}, &mut seed)?;
        request_round_trip(&LogoutRequest {}, &mut seed)?;
        request_round_trip(&GetRoomListRequest { cnt, index }, &mut seed)?;
        request_round_trip(&GetAnchorUrlRequest { user_id: a.clone(), room_id: room_id.clone() }, &mut seed)?;
        request_round_trip(&CreateRoomRequest { user_id: a.clone(), room_id, room_info: b.clone() }, &mut seed)?;
        request_round_trip(&DestroyRoomRequest { room_id: a.clone(), user_id: b.clone() }, &mut seed)?;
        request_round_trip(&GetAnchorsRequest { room_id: a.clone() }, &mut seed)?;
        request_round_trip(&AddAnchorRequest {
            room_id: a.clone(), user_id: b.clone(), user_name: c.clone(), user_avatar: d.clone(), push_url: e.clone(),
        }, &mut seed)?;
        request_round_trip(&DeleteAnchorRequest { room_id: a.clone(), user_id: b.clone() }, &mut seed)?;
        request_round_trip(&AnchorHeartbeatRequest { room_id: a.clone(), user_id: b.clone(), room_status_code: code }, &mut seed)?;
        request_round_trip(&AddAudienceRequest { room_id: a.clone(), user_id: b.clone(), user_info: c }, &mut seed)?;
        request_round_trip(&DeleteAudienceRequest { room_id: a.clone(), user_id: b }, &mut seed)?;
        request_round_trip(&GetAudiencesRequest { room_id: a.clone() }, &mut seed)?;
        request_round_trip(&GetCustomInfoRequest { room_id: a }, &mut seed)?;
    }

    #[test]
    fn merge_and_custom_field_requests_round_trip(
        (user_id, room_id, field_name) in (text(), text(), text()),
        merge_params in merge_params(),
        operation in option::of(operation()),
        value in option::of(custom_value()),
        mut seed in any::<u64>(),
    ) {
        let merge = MergeStreamRequest { user_id, room_id: room_id.clone(), merge_params };
        request_round_trip(&merge, &mut seed)?;
        // The mini-program's string form reads back the same.
        let mut as_string = to_value(&merge);
        as_string["mergeParams"] = Value::from(to_value(&merge.merge_params).to_string());
        prop_assert_eq!(serde_json::from_str::<MergeStreamRequest>(&as_string.to_string()).unwrap(), merge);
        request_round_trip(&SetCustomFieldRequest { room_id, field_name, operation, value }, &mut seed)?;
    }

    #[test]
    fn queries_round_trip(
        (a, b, c) in (text(), text(), text()),
        (platform, account_type, token) in (option::of(text()), option::of(text()), option::of(text())),
        mut seed in any::<u64>(),
    ) {
        let login = LoginQuery { sdk_app_id: a.clone(), user_id: b.clone(), user_sig: c, platform, account_type, token };
        let text = shuffled(&to_value(&login), &mut seed);
        prop_assert_eq!(serde_json::from_str::<LoginQuery>(&text).unwrap(), login);
        let auth = AuthQuery { user_id: a, token: b };
        prop_assert_eq!(serde_json::from_str::<AuthQuery>(&to_value(&auth).to_string()).unwrap(), auth);
    }

    #[test]
    fn replies_round_trip(
        (a, b) in (text(), text()),
        (rooms, pushers, audiences) in (rooms(), anchors(), audiences()),
        (status, code, count) in (any::<i64>(), option::of(any::<i64>()), option::of(any::<u32>())),
        heartbeat_pushers in option::of(anchors()),
        custom in collection::btree_map(text(), custom_value(), 0..4),
        merge_code in any::<i64>(),
        mut seed in any::<u64>(),
    ) {
        reply_round_trip(&LoginReply { user_id: a.clone(), token: b.clone() }, &mut seed)?;
        reply_round_trip(&(), &mut seed)?;
        reply_round_trip(&LogoutReply {}, &mut seed)?;
        reply_round_trip(&GetRoomListReply { rooms }, &mut seed)?;
        reply_round_trip(&GetAnchorUrlReply { push_url: a.clone(), accelerate_url: b.clone() }, &mut seed)?;
        reply_round_trip(&CreateRoomReply { room_id: a.clone() }, &mut seed)?;
        reply_round_trip(&GetAnchorsReply {
            room_id: a.clone(), room_info: b.clone(), room_creator: a.clone(), mixed_play_url: b.clone(),
            room_status_code: status, pushers,
        }, &mut seed)?;
        reply_round_trip(&AnchorHeartbeatReply { room_status_code: code, pushers: heartbeat_pushers }, &mut seed)?;
        reply_round_trip(&GetAudiencesReply { audiences, audience_count: count }, &mut seed)?;
        reply_round_trip(&MergeStreamReply { merge_code, merge_message: a }, &mut seed)?;
        reply_round_trip(&GetCustomInfoReply { custom }, &mut seed)?;
    }

    /// A room's audiences are read but never sent: a room round-trips without them.
    #[test]
    fn room_audiences_are_dropped_on_the_way_out(
        rooms in rooms(),
        audiences in audiences(),
    ) {
        for room in rooms {
            let with = Room { audiences: Some(audiences.clone()), ..room.clone() };
            let back: Room = serde_json::from_str(&serde_json::to_string(&with).unwrap()).unwrap();
            prop_assert_eq!(back, room);
        }
    }
}
