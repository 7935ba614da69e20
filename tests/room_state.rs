//! What the example server's state does, over loopback: membership versions
//! in heartbeats, custom-field counters, pages of the room list, mixes.

mod support;

use liveroom_errors::api::{self, CustomValue, Operation};
use serde_json::json;
use support::client::{Failure, Session, mix, stream_id};
use support::{raw_call, start, unlimited};

/// The error code of a failed call.
fn code<R: std::fmt::Debug, E: api::InterfaceError>(result: Result<R, Failure<E>>) -> i64 {
    match result {
        Err(Failure::Reply(api::CallError::Server(error))) => error.code().value(),
        other => panic!("expected an error reply, got {other:?}"),
    }
}

#[test]
fn heartbeats_report_changes_of_the_anchors() {
    let (_runtime, address) = start(unlimited());
    let server = format!("http://{address}");
    let mut alice = Session::new(&server, "alice");
    let mut carol = Session::new(&server, "carol");
    alice.login().unwrap();
    carol.login().unwrap();
    let push = |session: &Session| {
        let user = session.user_id().to_owned();
        session
            .call(&api::GetAnchorUrlRequest {
                user_id: user,
                room_id: None,
            })
            .unwrap()
            .push_url
    };
    let join = |session: &Session, push_url: String| api::AddAnchorRequest {
        room_id: "r".into(),
        user_id: session.user_id().into(),
        user_name: session.user_id().into(),
        push_url,
        ..api::AddAnchorRequest::default()
    };
    let (alice_push, carol_push) = (push(&alice), push(&carol));
    let create = api::CreateRoomRequest {
        user_id: "alice".into(),
        room_id: Some("r".into()),
        room_info: String::new(),
    };
    alice.call(&create).unwrap();
    alice.call(&join(&alice, alice_push)).unwrap();
    let beat = |status| api::AnchorHeartbeatRequest {
        room_id: "r".into(),
        user_id: "alice".into(),
        room_status_code: status,
    };
    let status = alice.call(&beat(0)).unwrap().room_status_code.unwrap();
    assert_eq!(
        alice.call(&beat(status)).unwrap(),
        api::AnchorHeartbeatReply::default()
    );

    // A guest joins: alice's next heartbeat has both; joining again changes nothing.
    let guest = join(&carol, carol_push);
    carol.call(&guest).unwrap();
    carol.call(&guest).unwrap();
    let changed = alice.call(&beat(status)).unwrap();
    let names: Vec<String> = changed
        .pushers
        .unwrap()
        .into_iter()
        .map(|a| a.user_name)
        .collect();
    assert_eq!(names, ["alice", "carol"]);
    let status = changed.room_status_code.unwrap();
    assert_eq!(
        alice.call(&beat(status)).unwrap(),
        api::AnchorHeartbeatReply::default()
    );
    // The guest leaves.
    carol
        .call(&api::DeleteAnchorRequest {
            room_id: "r".into(),
            user_id: "carol".into(),
        })
        .unwrap();
    let changed = alice.call(&beat(status)).unwrap();
    assert_eq!(changed.pushers.map(|p| p.len()), Some(1));
    assert_ne!(changed.room_status_code, Some(status));
}

#[test]
fn custom_fields_count() {
    let (_runtime, address) = start(unlimited());
    let mut alice = Session::new(&format!("http://{address}"), "alice");
    alice.login().unwrap();
    let create = api::CreateRoomRequest {
        user_id: "alice".into(),
        room_id: Some("r".into()),
        room_info: String::new(),
    };
    alice.call(&create).unwrap();
    let change = |field: &str, operation: Operation, value: Option<CustomValue>| {
        api::SetCustomFieldRequest {
            room_id: "r".into(),
            field_name: field.into(),
            operation: Some(operation),
            value,
        }
    };
    for request in [
        change("likes", Operation::Inc, None), // 1
        change("likes", Operation::Inc, Some(CustomValue::Integer(10))), // 11
        change("likes", Operation::Dec, Some(CustomValue::from("4"))), // 7
        change("likes", Operation::Dec, None), // 6
        change("down", Operation::Dec, Some(CustomValue::Integer(3))), // -3
        change("score", Operation::Inc, Some(CustomValue::Float(1.5))), // 1.5
        change("score", Operation::Inc, Some(CustomValue::Integer(1))), // 2.5
        change("name", Operation::Set, Some(CustomValue::from("x"))),
        change("name", Operation::Set, Some(CustomValue::Integer(5))), // set replaces, any type
    ] {
        alice.call(&request).unwrap();
    }
    let custom = alice
        .call(&api::GetCustomInfoRequest {
            room_id: "r".into(),
        })
        .unwrap()
        .custom;
    let expected = [
        ("down", CustomValue::Integer(-3)),
        ("likes", CustomValue::Integer(6)),
        ("name", CustomValue::Integer(5)),
        ("score", CustomValue::Float(2.5)),
    ];
    assert_eq!(
        custom.into_iter().collect::<Vec<_>>(),
        expected.map(|(k, v)| (k.to_owned(), v))
    );
    // Beyond the integer range the counter stays as it was.
    alice
        .call(&change(
            "big",
            Operation::Set,
            Some(CustomValue::Integer(i64::MIN)),
        ))
        .unwrap();
    assert_eq!(
        code(alice.call(&change("big", Operation::Dec, None))),
        207003
    );
    let custom = alice
        .call(&api::GetCustomInfoRequest {
            room_id: "r".into(),
        })
        .unwrap()
        .custom;
    assert_eq!(custom["big"], CustomValue::Integer(i64::MIN));
}

#[test]
fn the_room_list_pages_in_creation_order() {
    let (_runtime, address) = start(unlimited());
    let mut alice = Session::new(&format!("http://{address}"), "alice");
    alice.login().unwrap();
    let ids = ["b", "a", "c", "e", "d"];
    for id in ids {
        let create = api::CreateRoomRequest {
            user_id: "alice".into(),
            room_id: Some(id.into()),
            room_info: id.into(),
        };
        alice.call(&create).unwrap();
    }
    let page = |cnt, index| -> Vec<String> {
        let list = alice.call(&api::GetRoomListRequest { cnt, index }).unwrap();
        list.rooms.into_iter().map(|room| room.room_id).collect()
    };
    assert_eq!(page(2, 0), ["b", "a"]);
    assert_eq!(page(2, 2), ["c", "e"]);
    assert_eq!(page(2, 4), ["d"]);
    assert!(page(2, 5).is_empty());
    assert_eq!(page(20, 0), ids);
    assert_eq!(
        code(alice.call(&api::GetRoomListRequest { cnt: 0, index: 0 })),
        201005
    );
}

#[test]
fn merge_stream_takes_both_forms_and_reports_the_mix() {
    let (_runtime, address) = start(unlimited());
    let mut alice = Session::new(&format!("http://{address}"), "alice");
    let token = alice.login().unwrap().token;
    let urls = alice
        .call(&api::GetAnchorUrlRequest {
            user_id: "alice".into(),
            room_id: None,
        })
        .unwrap();
    let create = api::CreateRoomRequest {
        user_id: "alice".into(),
        room_id: Some("r".into()),
        room_info: String::new(),
    };
    alice.call(&create).unwrap();
    let stream = stream_id(&urls.accelerate_url);
    let request = mix("alice", "r", stream);

    // The mini-program's form: mergeParams as a JSON string.
    let params = serde_json::to_string(&request.merge_params).unwrap();
    let body = json!({"userID": "alice", "roomID": "r", "mergeParams": params}).to_string();
    let answer = raw_call(address, "alice", &token, "merge_stream", &body);
    let reply: serde_json::Value = serde_json::from_slice(&answer.body).unwrap();
    // Both text keys, as each client reads only one.
    assert_eq!(reply["code"], 0);
    assert_eq!(reply["merge_code"], 0);
    assert_eq!(reply["merge_msg"], "Success!");
    assert_eq!(reply["merge_message"], "Success!");

    // A stream the service never handed out fails the mix inside a success.
    let unknown = alice.call(&mix("alice", "r", "nobody")).unwrap();
    assert_eq!(unknown.merge_code, 1);
    assert!(!unknown.is_mixed());
    assert!(
        unknown.merge_message.contains("nobody"),
        "{}",
        unknown.merge_message
    );
}
