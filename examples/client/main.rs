//! A RoomService client on the crate's `api` types: a whole anchor session, a
//! whole audience session, and the per-interface recovery at work.
//!
//! ```text
//! cargo run -p liveroom-server -- 8400 --demo-auth &
//! cargo run --features json --example client -- http://127.0.0.1:8400
//! ```
//!
//! Each call sends an `api` request type to its interface's path and decodes
//! the reply with `api::decode`, whose error is that interface's own error
//! enum. What to do about an error is its recovery *in that call*: `Done`
//! (the goal is reached: leaving a room one is not in), `Reauthenticate` (log
//! in again, then retry), `Retry` (at most three more times, after 1, 2 and
//! 4 s), `Rejoin` (join the room again: a heartbeat after the room dropped a
//! guest), `GiveUp` (the room has ended). It logs in with the demo rule of
//! `liveroom-server --demo-auth` (`userSig=sig-<userID>`) unless given sigs.

mod session;

use std::fmt;
use std::time::{SystemTime, UNIX_EPOCH};

use liveroom_errors::Recovery;
use liveroom_errors::api;

use session::{Outcome, Session};

/// Prints one step: who called what, and what came back.
fn step(user: &str, interface: &str, outcome: impl fmt::Display) {
    println!("{user:<6} {interface:<17} {outcome}");
}

/// A recovery's name, or `-` without one.
fn advice(recovery: Option<Recovery>) -> String {
    recovery.map_or_else(|| "-".to_owned(), |recovery| recovery.to_string())
}

/// What a part of the run comes to: the first unexpected answer ends it.
type Steps<T> = Result<T, Box<dyn std::error::Error>>;

/// Runs the sessions against `server`, logging each user in with
/// `user_sig(userID)`; the first unexpected answer ends it.
pub fn run(server: &str, user_sig: impl Fn(&str) -> String) -> Steps<()> {
    let mut alice = Session::new(server, "alice", &user_sig("alice"));
    let mut bob = Session::new(server, "bob", &user_sig("bob"));
    let (join, _) = anchor_session(&mut alice)?;
    audience_session(&mut bob, &join.room_id)?;
    recovery(&mut alice, &mut bob, &join.room_id)?;
    anchor_leaves(&mut alice, &join)?;
    bob.call(&api::LogoutRequest {})?;
    step("bob", "logout", "done");
    Ok(())
}

/// An anchor starts a room and uses it; gives the anchor's `add_anchor`
/// request and the last `roomStatusCode` it saw.
fn anchor_session(alice: &mut Session) -> Steps<(api::AddAnchorRequest, i64)> {
    println!("== anchor session");
    let login = alice.login()?;
    step("alice", "login", format_args!("token {}", login.token));
    let urls = alice.call(&api::GetAnchorUrlRequest {
        user_id: "alice".into(),
        room_id: None,
    })?;
    step(
        "alice",
        "get_anchor_url",
        format_args!("push to {}", urls.push_url),
    );
    let created = alice.call(&api::CreateRoomRequest {
        user_id: "alice".into(),
        room_id: None,
        room_info: r#"{"title":"Alice live"}"#.into(),
    })?;
    let room = created.room_id;
    step("alice", "create_room", format_args!("room {room}"));
    let join = api::AddAnchorRequest {
        room_id: room.clone(),
        user_id: "alice".into(),
        user_name: "Alice".into(),
        user_avatar: "https://example.invalid/alice.png".into(),
        push_url: urls.push_url.clone(),
    };
    alice.call(&join)?;
    step("alice", "add_anchor", "joined as anchor");
    let beat = alice.call(&api::AnchorHeartbeatRequest {
        room_id: room.clone(),
        user_id: "alice".into(),
        room_status_code: 0,
    })?;
    let status = beat.room_status_code.unwrap_or_default();
    step(
        "alice",
        "anchor_heartbeat",
        format_args!(
            "roomStatusCode {status}, {} pusher(s)",
            beat.pushers.map_or(0, |p| p.len())
        ),
    );
    let anchors = alice.call(&api::GetAnchorsRequest {
        room_id: room.clone(),
    })?;
    let names: Vec<&str> = anchors
        .pushers
        .iter()
        .map(|a| a.user_name.as_str())
        .collect();
    step(
        "alice",
        "get_anchors",
        format_args!("creator {}, pushers {names:?}", anchors.room_creator),
    );
    for _ in 0..2 {
        alice.call(&api::SetCustomFieldRequest {
            room_id: room.clone(),
            field_name: "praise".into(),
            operation: Some(api::Operation::Inc),
            value: Some(1.into()),
        })?;
    }
    step("alice", "set_custom_field", "praise +1, twice");
    let info = alice.call(&api::GetCustomInfoRequest {
        room_id: room.clone(),
    })?;
    step(
        "alice",
        "get_custom_info",
        format_args!(
            "custom {}",
            serde_json::to_string(&info.custom).unwrap_or_default()
        ),
    );
    let stream_id = stream_id(&anchors.pushers[0].accelerate_url);
    let merge = alice.call(&mix("alice", &room, stream_id))?;
    step(
        "alice",
        "merge_stream",
        format_args!("merge_code {} {:?}", merge.merge_code, merge.merge_message),
    );
    Ok((join, status))
}

/// A viewer finds the room, watches and leaves.
fn audience_session(bob: &mut Session, room: &str) -> Steps<()> {
    println!("== audience session");
    bob.login()?;
    step("bob", "login", "logged in");
    let list = bob.call(&api::GetRoomListRequest { cnt: 20, index: 0 })?;
    for listed in &list.rooms {
        step(
            "bob",
            "get_room_list",
            format_args!(
                "{} by {}, custom {}",
                listed.room_id, listed.room_creator, listed.custom
            ),
        );
    }
    bob.call(&api::AddAudienceRequest {
        room_id: room.into(),
        user_id: "bob".into(),
        user_info: r#"{"userName":"Bob","userAvatar":""}"#.into(),
    })?;
    step("bob", "add_audience", format_args!("watching {room}"));
    let audiences = bob.call(&api::GetAudiencesRequest {
        room_id: room.into(),
    })?;
    step(
        "bob",
        "get_audiences",
        format_args!("{} viewer(s)", audiences.audience_count.unwrap_or_default()),
    );
    bob.call(&api::DeleteAudienceRequest {
        room_id: room.into(),
        user_id: "bob".into(),
    })?;
    step("bob", "delete_audience", "left");
    Ok(())
}

/// The anchor leaves, which ends the room; what is left to do about it is
/// already done, or is over.
fn anchor_leaves(alice: &mut Session, join: &api::AddAnchorRequest) -> Steps<()> {
    println!("== the anchor leaves: the room ends");
    let room = &join.room_id;
    let leave = api::DeleteAnchorRequest {
        room_id: room.clone(),
        user_id: "alice".into(),
    };
    alice.call(&leave)?;
    step(
        "alice",
        "delete_anchor",
        format_args!("left {room}, which ends it"),
    );
    // The mini-program also destroys its room; here it is gone already.
    let destroy = api::DestroyRoomRequest {
        room_id: room.clone(),
        user_id: "alice".into(),
    };
    match alice.call_recovering(&destroy)? {
        Outcome::AlreadyDone(error) => step(
            "alice",
            "destroy_room",
            format_args!("{error} → {}", Recovery::Done),
        ),
        Outcome::Replied(_) => step("alice", "destroy_room", "destroyed"),
    }
    let heartbeat = api::AnchorHeartbeatRequest {
        room_id: room.clone(),
        user_id: "alice".into(),
        room_status_code: 0,
    };
    match alice.call_recovering(&heartbeat) {
        Err(failure) if failure.recovery() == Some(Recovery::GiveUp) => step(
            "alice",
            "anchor_heartbeat",
            format_args!("{failure} → {}: the room is over", Recovery::GiveUp),
        ),
        other => return Err(format!("a heartbeat of an ended room: {other:?}").into()),
    }
    alice.call(&api::LogoutRequest {})?;
    step("alice", "logout", "token invalidated");
    Ok(())
}

/// The same codes, handled by their recovery in each call: an old token,
/// leaving twice, a heartbeat after the room dropped a guest anchor.
fn recovery(alice: &mut Session, bob: &mut Session, room: &str) -> Steps<()> {
    println!("== recovery in context");
    alice.set_token("a-token-that-expired");
    let list = alice.call(&api::GetRoomListRequest { cnt: 20, index: 0 });
    if let Err(failure) = &list {
        step(
            "alice",
            "get_room_list",
            format_args!("old token: {failure} → {}", advice(failure.recovery())),
        );
    }
    if let Outcome::Replied(list) =
        alice.call_recovering(&api::GetRoomListRequest { cnt: 20, index: 0 })?
    {
        step(
            "alice",
            "get_room_list",
            format_args!("logged in again: {} room(s)", list.rooms.len()),
        );
    }
    // Bob joins Alice's room as a link-mic guest, and is dropped.
    join_as_guest(bob, room)?;
    step("bob", "add_anchor", "joined as a link-mic guest");
    let leave = api::DeleteAnchorRequest {
        room_id: room.into(),
        user_id: "bob".into(),
    };
    bob.call(&leave)?;
    step(
        "bob",
        "delete_anchor",
        "left the anchors (as the server drops a silent guest)",
    );
    match bob.call_recovering(&leave)? {
        Outcome::AlreadyDone(error) => step(
            "bob",
            "delete_anchor",
            format_args!("again: {error} → {}", Recovery::Done),
        ),
        Outcome::Replied(_) => return Err("a second delete_anchor succeeded".into()),
    }
    let heartbeat = api::AnchorHeartbeatRequest {
        room_id: room.into(),
        user_id: "bob".into(),
        room_status_code: 0,
    };
    match bob.call_recovering(&heartbeat) {
        Err(failure) if failure.recovery() == Some(Recovery::Rejoin) => {
            step(
                "bob",
                "anchor_heartbeat",
                format_args!("{failure} → {}", Recovery::Rejoin),
            );
            join_as_guest(bob, room)?;
            step(
                "bob",
                "add_anchor",
                "joined again (get_anchor_url, add_anchor)",
            );
            let beat = bob.call(&heartbeat)?;
            step(
                "bob",
                "anchor_heartbeat",
                format_args!(
                    "roomStatusCode {}",
                    beat.room_status_code.unwrap_or_default()
                ),
            );
        }
        other => return Err(format!("a heartbeat of a dropped guest: {other:?}").into()),
    }
    bob.call(&leave)?;
    step("bob", "delete_anchor", "left");
    Ok(())
}

/// Joins `room` as an anchor as the clients do: a push URL first, then the
/// room (also how a `Rejoin` is done).
fn join_as_guest(bob: &mut Session, room: &str) -> Steps<()> {
    let urls = bob.call(&api::GetAnchorUrlRequest {
        user_id: "bob".into(),
        room_id: Some(room.into()),
    })?;
    bob.call(&api::AddAnchorRequest {
        room_id: room.into(),
        user_id: "bob".into(),
        user_name: "Bob".into(),
        user_avatar: String::new(),
        push_url: urls.push_url,
    })?;
    Ok(())
}

/// The stream id of a play URL: its last path segment without query or
/// extension, as the official clients derive it (docs/protocol.md §14).
pub fn stream_id(url: &str) -> &str {
    let path = url.split(['?', '#']).next().unwrap_or(url);
    let last = path.rsplit('/').next().unwrap_or(path);
    last.split('.').next().unwrap_or(last)
}

/// A `merge_stream` request from `user` that mixes `stream` alone (as the
/// clients build it, §14: a link-mic mix with only the main anchor).
pub fn mix(user: &str, room: &str, stream: &str) -> api::MergeStreamRequest {
    // The clients send the time in seconds.
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |since| since.as_secs());
    let now = i64::try_from(now).unwrap_or(i64::MAX);
    let main = api::InputStream {
        input_stream_id: stream.into(),
        layout_params: api::LayoutParams {
            image_layer: 1,
            ..Default::default()
        },
    };
    api::MergeStreamRequest {
        user_id: user.into(),
        room_id: room.into(),
        merge_params: api::MergeParams {
            timestamp: now,
            event_id: now,
            interface: api::MixInterface {
                interface_name: "Mix_StreamV2".into(),
                para: api::MixPara {
                    app_id: api::AppId::Text(String::new()),
                    interface: "mix_streamv2.start_mix_stream_advanced".into(),
                    mix_stream_session_id: stream.into(),
                    output_stream_id: stream.into(),
                    input_stream_list: vec![main],
                },
            },
        },
    }
}

#[allow(dead_code)] // the server's tests include this file for `run`
fn main() {
    let server = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "http://127.0.0.1:8400".to_owned());
    if let Err(error) = run(&server, |user| format!("sig-{user}")) {
        eprintln!("client: {error}");
        std::process::exit(1);
    }
}
