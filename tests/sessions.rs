//! Whole sessions over loopback, as examples/client runs them, with every
//! reply checked field by field, and the per-interface recovery at work.

mod support;

use std::time::Duration;

use liveroom_errors::api::{self, Anchor, Audience, CustomValue, Operation};
use liveroom_errors::{ErrorCode, Recovery};
use support::client::{Failure, Outcome, Session, mix, stream_id};
use support::server::{Config, Limits};
use support::{start, unlimited};

/// The error code of a failed call.
fn code<R: std::fmt::Debug, E: api::InterfaceError>(result: Result<R, Failure<E>>) -> i64 {
    match result {
        Err(Failure::Reply(api::CallError::Server(error))) => error.code().value(),
        other => panic!("expected an error reply, got {other:?}"),
    }
}

fn inc(room: &str, field: &str, value: Option<CustomValue>) -> api::SetCustomFieldRequest {
    api::SetCustomFieldRequest {
        room_id: room.into(),
        field_name: field.into(),
        operation: Some(Operation::Inc),
        value,
    }
}

#[test]
fn an_anchor_session_and_an_audience_session() {
    let (_runtime, address) = start(unlimited());
    let server = format!("http://{address}");
    let mut alice = Session::new(&server, "alice");

    let login = alice.login().unwrap();
    assert_eq!(login.user_id, "alice");
    assert!(
        login
            .token
            .ends_with(&format!("*{}", support::client::SDK_APP_ID))
    );
    assert_eq!(alice.token(), login.token);

    let urls = alice
        .call(&api::GetAnchorUrlRequest {
            user_id: "alice".into(),
            room_id: None,
        })
        .unwrap();
    assert!(
        urls.push_url.starts_with("rtmp://push."),
        "{}",
        urls.push_url
    );
    assert!(
        urls.accelerate_url.starts_with("rtmp://play."),
        "{}",
        urls.accelerate_url
    );
    let stream = stream_id(&urls.push_url).to_owned();
    assert_eq!(stream_id(&urls.accelerate_url), stream);
    // The same stream again, also with Android's roomID.
    let again = api::GetAnchorUrlRequest {
        user_id: "alice".into(),
        room_id: Some("any".into()),
    };
    assert_eq!(alice.call(&again).unwrap(), urls);

    let created = alice
        .call(&api::CreateRoomRequest {
            user_id: "alice".into(),
            room_id: None,
            room_info: r#"{"title":"demo"}"#.into(),
        })
        .unwrap();
    let room = created.room_id;
    assert!(!room.is_empty());

    let join = api::AddAnchorRequest {
        room_id: room.clone(),
        user_id: "alice".into(),
        user_name: "Alice".into(),
        user_avatar: "https://a/alice.png".into(),
        push_url: urls.push_url.clone(),
    };
    assert_eq!(alice.call(&join).unwrap(), api::AddAnchorReply);
    let me = Anchor {
        user_id: "alice".into(),
        user_name: "Alice".into(),
        user_avatar: "https://a/alice.png".into(),
        accelerate_url: urls.accelerate_url.clone(),
    };

    // The first heartbeat (roomStatusCode 0) learns the anchors; the next, echoing it, nothing.
    let beat = |status| api::AnchorHeartbeatRequest {
        room_id: room.clone(),
        user_id: "alice".into(),
        room_status_code: status,
    };
    let first = alice.call(&beat(0)).unwrap();
    let status = first.room_status_code.expect("a new roomStatusCode");
    assert_ne!(status, 0);
    assert_eq!(first.pushers, Some(vec![me.clone()]));
    assert_eq!(
        alice.call(&beat(status)).unwrap(),
        api::AnchorHeartbeatReply::default()
    );

    let anchors = alice
        .call(&api::GetAnchorsRequest {
            room_id: room.clone(),
        })
        .unwrap();
    assert_eq!(anchors.room_id, room);
    assert_eq!(anchors.room_info, r#"{"title":"demo"}"#);
    assert_eq!(anchors.room_creator, "alice");
    assert_eq!(
        anchors.mixed_play_url,
        format!("http://play.liveroom.invalid/live/{stream}.flv")
    );
    assert_eq!(anchors.room_status_code, status);
    assert_eq!(anchors.pushers, vec![me.clone()]);

    // Custom fields count: no value is 1, a number, a numeric string (iOS).
    for value in [
        None,
        Some(CustomValue::Integer(2)),
        Some(CustomValue::from("3")),
    ] {
        assert_eq!(
            alice.call(&inc(&room, "praise", value)).unwrap(),
            api::SetCustomFieldReply
        );
    }
    let set = api::SetCustomFieldRequest {
        room_id: room.clone(),
        field_name: "notice".into(),
        operation: Some(Operation::Set),
        value: Some("hi".into()),
    };
    alice.call(&set).unwrap();
    let info = alice
        .call(&api::GetCustomInfoRequest {
            room_id: room.clone(),
        })
        .unwrap();
    assert_eq!(info.custom.len(), 2);
    assert_eq!(info.custom["praise"], CustomValue::Integer(6));
    assert_eq!(info.custom["notice"], CustomValue::from("hi"));

    let merge = alice.call(&mix("alice", &room, &stream)).unwrap();
    assert_eq!(
        merge,
        api::MergeStreamReply {
            merge_code: 0,
            merge_message: "Success!".into()
        }
    );

    // The audience session.
    let mut bob = Session::new(&server, "bob");
    assert_eq!(bob.login().unwrap().user_id, "bob");
    let list = bob
        .call(&api::GetRoomListRequest { cnt: 20, index: 0 })
        .unwrap();
    assert_eq!(list.rooms.len(), 1);
    let listed = &list.rooms[0];
    assert_eq!(listed.room_id, room);
    assert_eq!(listed.room_info, r#"{"title":"demo"}"#);
    assert_eq!(listed.room_creator, "alice");
    assert_eq!(listed.mixed_play_url, anchors.mixed_play_url);
    assert_eq!(listed.pushers, vec![me.clone()]);
    // A JSON-encoded string here, an object in get_custom_info.
    assert_eq!(listed.custom, r#"{"notice":"hi","praise":6}"#);
    assert_eq!(listed.audience_count, 0);
    assert_eq!(listed.audiences, None);

    let info = r#"{"userName":"Bob","userAvatar":""}"#;
    let watch = api::AddAudienceRequest {
        room_id: room.clone(),
        user_id: "bob".into(),
        user_info: info.into(),
    };
    assert_eq!(bob.call(&watch).unwrap(), api::AddAudienceReply);
    let list = bob
        .call(&api::GetRoomListRequest { cnt: 20, index: 0 })
        .unwrap();
    assert_eq!(list.rooms[0].audience_count, 1);
    let audiences = bob
        .call(&api::GetAudiencesRequest {
            room_id: room.clone(),
        })
        .unwrap();
    let viewer = Audience {
        user_id: "bob".into(),
        user_info: info.into(),
    };
    assert_eq!(
        audiences,
        api::GetAudiencesReply {
            audiences: vec![viewer],
            audience_count: Some(1)
        }
    );
    let unwatch = api::DeleteAudienceRequest {
        room_id: room.clone(),
        user_id: "bob".into(),
    };
    assert_eq!(bob.call(&unwatch).unwrap(), api::DeleteAudienceReply);
    let audiences = bob
        .call(&api::GetAudiencesRequest {
            room_id: room.clone(),
        })
        .unwrap();
    assert_eq!(
        audiences,
        api::GetAudiencesReply {
            audiences: vec![],
            audience_count: Some(0)
        }
    );

    // The anchor leaves; the room is destroyed and gone; the token is gone.
    let leave = api::DeleteAnchorRequest {
        room_id: room.clone(),
        user_id: "alice".into(),
    };
    assert_eq!(alice.call(&leave).unwrap(), api::DeleteAnchorReply);
    let anchors = alice
        .call(&api::GetAnchorsRequest {
            room_id: room.clone(),
        })
        .unwrap();
    assert!(anchors.pushers.is_empty());
    assert!(
        anchors.room_status_code > status,
        "leaving changes the anchors"
    );
    let destroy = api::DestroyRoomRequest {
        room_id: room.clone(),
        user_id: "alice".into(),
    };
    assert_eq!(alice.call(&destroy).unwrap(), api::DestroyRoomReply);
    assert_eq!(
        code(alice.call(&api::GetAnchorsRequest {
            room_id: room.clone()
        })),
        204002
    );
    assert!(
        bob.call(&api::GetRoomListRequest { cnt: 20, index: 0 })
            .unwrap()
            .rooms
            .is_empty()
    );
    assert_eq!(code(alice.call(&destroy)), 203003);
    assert_eq!(alice.call(&api::LogoutRequest).unwrap(), api::LogoutReply);
    assert_eq!(
        code(alice.call(&api::GetRoomListRequest { cnt: 1, index: 0 })),
        202001
    );
}

#[test]
fn recovery_in_context() {
    let (_runtime, address) = start(unlimited());
    let mut alice = Session::new(&format!("http://{address}"), "alice");
    let old = alice.login().unwrap().token;
    alice.call(&api::LogoutRequest).unwrap();

    // A logged-out token: Reauthenticate, a new login, the call retried.
    alice.set_token(&old);
    let page = api::GetRoomListRequest { cnt: 5, index: 0 };
    let failure = alice.call(&page).unwrap_err();
    assert_eq!(failure.recovery(), Some(Recovery::Reauthenticate));
    assert!(
        matches!(alice.call_recovering(&page).unwrap(), Outcome::Replied(list) if list.rooms.is_empty())
    );
    assert_ne!(alice.token(), old);
    // Logging out a token that is gone is done already (logout's own recovery).
    let current = alice.token().to_owned();
    alice.set_token(&old);
    match alice.call_recovering(&api::LogoutRequest).unwrap() {
        Outcome::AlreadyDone(error) => {
            assert_eq!(error.known(), Some(ErrorCode::TokenVerificationFailed))
        }
        Outcome::Replied(reply) => panic!("{reply:?}"),
    }
    alice.set_token(&current);

    // Leaving twice: the second time is done already (203010), and so is
    // leaving a room that is gone (204003); a viewer likewise (203010).
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
    assert_eq!(alice.call(&create).unwrap().room_id, "r");
    let join = api::AddAnchorRequest {
        room_id: "r".into(),
        user_id: "alice".into(),
        push_url: urls.push_url,
        ..api::AddAnchorRequest::default()
    };
    alice.call(&join).unwrap();
    let leave = api::DeleteAnchorRequest {
        room_id: "r".into(),
        user_id: "alice".into(),
    };
    assert!(matches!(
        alice.call_recovering(&leave).unwrap(),
        Outcome::Replied(_)
    ));
    let done = |outcome: Outcome<api::DeleteAnchorReply>| match outcome {
        Outcome::AlreadyDone(error) => error.known(),
        Outcome::Replied(reply) => panic!("{reply:?}"),
    };
    assert_eq!(
        done(alice.call_recovering(&leave).unwrap()),
        Some(ErrorCode::MemberNotInRoom)
    );
    alice
        .call(&api::DestroyRoomRequest {
            room_id: "r".into(),
            user_id: "alice".into(),
        })
        .unwrap();
    assert_eq!(
        done(alice.call_recovering(&leave).unwrap()),
        Some(ErrorCode::DeletePusherFailed)
    );
    alice.call(&create).unwrap();
    let unwatch = api::DeleteAudienceRequest {
        room_id: "r".into(),
        user_id: "alice".into(),
    };
    assert!(
        matches!(alice.call_recovering(&unwatch).unwrap(), Outcome::AlreadyDone(e) if e.code().value() == 203010)
    );

    // A heartbeat after being removed: the same code says Rejoin here.
    let beat = api::AnchorHeartbeatRequest {
        room_id: "r".into(),
        user_id: "alice".into(),
        room_status_code: 0,
    };
    let failure = alice.call_recovering(&beat).unwrap_err();
    assert_eq!(failure.recovery(), Some(Recovery::Rejoin));
    alice.call(&join).unwrap();
    assert!(alice.call(&beat).unwrap().room_status_code.is_some());
}

#[test]
fn an_anchor_without_heartbeats_is_dropped_and_rejoins() {
    let timeout = Duration::from_millis(300);
    let (_runtime, address) = start(Config {
        limits: Limits {
            heartbeat_timeout: timeout,
            ..Limits::default()
        },
        ..unlimited()
    });
    let mut alice = Session::new(&format!("http://{address}"), "alice");
    alice.login().unwrap();
    let urls = alice
        .call(&api::GetAnchorUrlRequest {
            user_id: "alice".into(),
            room_id: None,
        })
        .unwrap();
    let room = alice
        .call(&api::CreateRoomRequest {
            user_id: "alice".into(),
            room_id: None,
            room_info: String::new(),
        })
        .unwrap()
        .room_id;
    let join = api::AddAnchorRequest {
        room_id: room.clone(),
        user_id: "alice".into(),
        push_url: urls.push_url,
        ..api::AddAnchorRequest::default()
    };
    alice.call(&join).unwrap();
    let joined = alice
        .call(&api::GetAnchorsRequest {
            room_id: room.clone(),
        })
        .unwrap();
    assert_eq!(joined.pushers.len(), 1);

    std::thread::sleep(timeout * 2);
    let dropped = alice
        .call(&api::GetAnchorsRequest {
            room_id: room.clone(),
        })
        .unwrap();
    assert!(dropped.pushers.is_empty());
    assert!(dropped.room_status_code > joined.room_status_code);
    let beat = api::AnchorHeartbeatRequest {
        room_id: room.clone(),
        user_id: "alice".into(),
        room_status_code: joined.room_status_code,
    };
    let failure = alice.call(&beat).unwrap_err();
    assert_eq!(failure.server().map(|e| e.code().value()), Some(203010));
    assert_eq!(failure.recovery(), Some(Recovery::Rejoin));
    alice.call(&join).unwrap();
    let beat = alice.call(&beat).unwrap();
    assert_eq!(beat.pushers.map(|p| p.len()), Some(1));
}

#[test]
fn the_example_client_runs_its_sessions_against_the_example_server() {
    let (_runtime, address) = start(unlimited());
    if let Err(error) = support::client::run(&format!("http://{address}")) {
        panic!("{error}");
    }
}
