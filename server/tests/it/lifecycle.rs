//! Rooms live and die like the real service's, on both stores: a room ends
//! when its creator leaves or stops beating, its members learn it from their
//! next call with advice that leads somewhere, a user anchors one room at a
//! time, viewers and sessions expire.

use std::time::Duration;

use liveroom_errors::Recovery;
use liveroom_server::config::Config;
use serde_json::json;

use crate::support::{Client, RedisServer, User, advice, code, config, on_redis, start};

/// The test's scenario on the memory store, then on a Redis of its own
/// (when there is one: see `RedisServer::start`).
fn on_both(test: &str, adjust: impl Fn(&mut Config), scenario: impl Fn(&Client)) {
    let mut memory = config();
    adjust(&mut memory);
    let server = start(memory);
    scenario(&Client::new(&server));
    if let Some(redis) = RedisServer::start(test) {
        let mut shared = on_redis(&redis.url());
        adjust(&mut shared);
        let server = start(shared);
        scenario(&Client::new(&server));
    }
}

/// alice's room with bob as a link-mic guest and carol watching.
fn populated(client: &Client) -> (User, User, User, String) {
    let alice = User::login(client, "alice");
    let bob = User::login(client, "bob");
    let carol = User::login(client, "carol");
    let room = alice.start_room(None);
    bob.join(&room, &bob.push_url(), 0);
    carol.expect(
        "add_audience",
        json!({"roomID": room, "userID": "carol", "userInfo": "{}"}),
        0,
    );
    assert!(carol.room_ids().contains(&room));
    (alice, bob, carol, room)
}

/// Every member's next call about the ended `room`: the decided code, and
/// per-call advice that leads somewhere (never a retry of the same call).
fn members_learn_it(bob: &User, carol: &User, room: &str) {
    let id = json!(room);
    let cases = [
        (
            bob,
            "anchor_heartbeat",
            json!({"roomID": id, "userID": "bob", "roomStatusCode": 0}),
            204002,
            Recovery::GiveUp,
        ),
        (
            bob,
            "get_anchors",
            json!({"roomID": id}),
            204002,
            Recovery::GiveUp,
        ),
        (
            bob,
            "add_anchor",
            json!({"roomID": id, "userID": "bob", "pushURL": bob.push_url()}),
            204002,
            Recovery::GiveUp,
        ),
        (
            bob,
            "merge_stream",
            json!({"roomID": id, "userID": "bob", "mergeParams": mix("x")}),
            204002,
            Recovery::GiveUp,
        ),
        (
            bob,
            "delete_anchor",
            json!({"roomID": id, "userID": "bob"}),
            204003,
            Recovery::Done,
        ),
        (
            carol,
            "add_audience",
            json!({"roomID": id, "userID": "carol", "userInfo": "{}"}),
            205002,
            Recovery::GiveUp,
        ),
        (
            carol,
            "delete_audience",
            json!({"roomID": id, "userID": "carol"}),
            203010,
            Recovery::Done,
        ),
        (
            carol,
            "get_audiences",
            json!({"roomID": id}),
            205004,
            Recovery::GiveUp,
        ),
        (
            carol,
            "set_custom_field",
            json!({"roomID": id, "fieldName": "praise", "operation": "inc"}),
            207003,
            Recovery::GiveUp,
        ),
        (
            carol,
            "get_custom_info",
            json!({"roomID": id}),
            207004,
            Recovery::GiveUp,
        ),
        (
            carol,
            "destroy_room",
            json!({"roomID": id, "userID": "carol"}),
            203003,
            Recovery::Done,
        ),
    ];
    for (user, interface, body, expected, recovery) in cases {
        let reply = user.expect(interface, body, expected);
        assert_eq!(
            advice(interface, expected),
            recovery,
            "{interface}: {reply}"
        );
    }
}

/// A mix of one stream, as the clients send it.
pub fn mix(stream: &str) -> serde_json::Value {
    json!({"timestamp": 1, "eventId": 1, "interface": {"interfaceName": "Mix_StreamV2",
        "para": {"app_id": "", "interface": "mix_streamv2.start_mix_stream_advanced",
            "mix_stream_session_id": stream, "output_stream_id": stream,
            "input_stream_list": [{"input_stream_id": stream, "layout_params": {"image_layer": 1}}]}}})
}

#[test]
fn a_creator_leaving_by_delete_anchor_ends_the_room() {
    on_both(
        "a_creator_leaving_by_delete_anchor_ends_the_room",
        |_| {},
        |client| {
            let (alice, bob, carol, room) = populated(client);
            alice.expect(
                "delete_anchor",
                json!({"roomID": room, "userID": "alice"}),
                0,
            );
            // At once, for everyone.
            assert!(!carol.room_ids().contains(&room));
            members_learn_it(&bob, &carol, &room);
            // Leaving again is done already; the creator may start again, same id and all.
            let reply = alice.expect(
                "delete_anchor",
                json!({"roomID": room, "userID": "alice"}),
                204003,
            );
            assert_eq!(advice("delete_anchor", code(&reply)), Recovery::Done);
            assert_eq!(alice.start_room(Some(&room)), room);
            assert!(carol.room_ids().contains(&room));
        },
    );
}

#[test]
fn a_creator_destroying_the_room_ends_it_and_only_the_creator_may() {
    on_both(
        "a_creator_destroying_the_room_ends_it",
        |_| {},
        |client| {
            let (alice, bob, carol, room) = populated(client);
            let refused = bob.expect(
                "destroy_room",
                json!({"roomID": room, "userID": "bob"}),
                200100,
            );
            let message = refused["message"].as_str().unwrap();
            assert!(message.contains("only the room's creator"), "{message}");
            assert!(carol.room_ids().contains(&room));
            alice.expect(
                "destroy_room",
                json!({"roomID": room, "userID": "alice"}),
                0,
            );
            assert!(!carol.room_ids().contains(&room));
            members_learn_it(&bob, &carol, &room);
        },
    );
}

#[test]
fn a_creator_whose_heartbeats_stop_loses_the_room_and_a_silent_guest_rejoins() {
    let short = |config: &mut Config| config.limits.heartbeat_timeout = Duration::from_secs(2);
    on_both("a_creator_whose_heartbeats_stop", short, |client| {
        let (alice, bob, carol, room) = populated(client);
        // bob beats, alice does not: after 2 s the room is gone.
        let mut status = 0;
        for _ in 0..4 {
            let beat = bob.beat(&room, status);
            assert_eq!(code(&beat), 0, "{beat}");
            status = beat["roomStatusCode"].as_i64().unwrap_or(status);
            std::thread::sleep(Duration::from_millis(400));
        }
        assert!(carol.room_ids().contains(&room), "alive before its timeout");
        std::thread::sleep(Duration::from_millis(1200));
        assert!(!carol.room_ids().contains(&room));
        members_learn_it(&bob, &carol, &room);

        // Now alice beats and bob is silent: bob is dropped, not the room.
        let room = alice.start_room(None);
        bob.join(&room, &bob.push_url(), 0);
        for _ in 0..6 {
            assert_eq!(code(&alice.beat(&room, 0)), 0);
            std::thread::sleep(Duration::from_millis(500));
        }
        let anchors = carol.expect("get_anchors", json!({"roomID": room}), 0);
        assert_eq!(anchors["pushers"].as_array().unwrap().len(), 1, "{anchors}");
        let beat = bob.beat(&room, 0);
        assert_eq!(code(&beat), 203010, "{beat}");
        assert_eq!(advice("anchor_heartbeat", 203010), Recovery::Rejoin);
        bob.join(&room, &bob.push_url(), 0);
        assert_eq!(code(&bob.beat(&room, 0)), 0);
    });
}

#[test]
fn a_user_anchors_one_room_at_a_time_and_moves() {
    on_both(
        "a_user_anchors_one_room_at_a_time",
        |_| {},
        |client| {
            let alice = User::login(client, "alice");
            let bob = User::login(client, "bob");
            let first = alice.start_room(Some("first"));
            // Creating another ends the first.
            let second = alice.start_room(Some("second"));
            assert_eq!(alice.room_ids(), vec![second.clone()]);
            alice.expect("get_anchors", json!({"roomID": first}), 204002);

            // bob, a guest of alice's room, starts his own: he leaves hers.
            bob.join(&second, &bob.push_url(), 0);
            let beat = alice.beat(&second, 0);
            let status = beat["roomStatusCode"].as_i64().unwrap();
            assert_eq!(beat["pushers"].as_array().unwrap().len(), 2);
            let third = bob.start_room(Some("third"));
            let beat = alice.beat(&second, status);
            assert_eq!(beat["pushers"].as_array().unwrap().len(), 1, "{beat}");
            assert_eq!(code(&bob.beat(&second, 0)), 203010);

            // alice joins bob's as a guest: hers ends; each room its own mix.
            alice.join(&third, &alice.push_url(), 0);
            assert_eq!(alice.room_ids(), vec![third.clone()]);
            let anchors = bob.expect("get_anchors", json!({"roomID": third}), 0);
            assert_eq!(anchors["pushers"].as_array().unwrap().len(), 2);

            let carol = User::login(client, "carol");
            let fourth = carol.start_room(None);
            let list = carol.expect("get_room_list", json!({"cnt": 10, "index": 0}), 0);
            let mixes: Vec<&str> = list["rooms"]
                .as_array()
                .unwrap()
                .iter()
                .map(|room| room["mixedPlayURL"].as_str().unwrap())
                .collect();
            assert_eq!(mixes.len(), 2, "{list}");
            assert_ne!(mixes[0], mixes[1]);
            assert!(carol.room_ids().contains(&fourth));
        },
    );
}

#[test]
fn viewers_not_heard_from_expire() {
    let short = |config: &mut Config| config.limits.audience_timeout = Duration::from_millis(800);
    on_both("viewers_not_heard_from_expire", short, |client| {
        let (alice, _bob, carol, room) = populated(client);
        let dave = User::login(client, "dave");
        let audiences = alice.expect("get_audiences", json!({"roomID": room}), 0);
        assert_eq!(audiences["audienceCount"], 1);
        std::thread::sleep(Duration::from_millis(500));
        dave.expect(
            "add_audience",
            json!({"roomID": room, "userID": "dave", "userInfo": "{}"}),
            0,
        );
        std::thread::sleep(Duration::from_millis(500));
        // carol is gone, dave (heard from 0.5 s ago) stays.
        let audiences = alice.expect("get_audiences", json!({"roomID": room}), 0);
        assert_eq!(
            audiences["audiences"],
            json!([{"userID": "dave", "userInfo": "{}"}])
        );
        let list = alice.expect("get_room_list", json!({"cnt": 1}), 0);
        assert_eq!(list["rooms"][0]["audienceCount"], 1);
        carol.expect(
            "delete_audience",
            json!({"roomID": room, "userID": "carol"}),
            203010,
        );
    });
}

#[test]
fn sessions_expire_after_inactivity_only() {
    let short = |config: &mut Config| config.limits.session_timeout = Duration::from_secs(1);
    on_both("sessions_expire_after_inactivity_only", short, |client| {
        let idle = User::login(client, "idle");
        let busy = User::login(client, "busy");
        for _ in 0..6 {
            busy.expect("get_room_list", json!({"cnt": 1}), 0);
            std::thread::sleep(Duration::from_millis(300));
        }
        busy.expect("get_room_list", json!({"cnt": 1}), 0);
        let reply = idle.expect("get_room_list", json!({"cnt": 1}), 202001);
        assert_eq!(
            advice("get_room_list", code(&reply)),
            Recovery::Reauthenticate
        );
        // Logging in again works.
        let again = User::login(client, "idle");
        again.expect("get_room_list", json!({"cnt": 1}), 0);
    });
}

#[test]
fn tokens_are_random_url_safe_and_bound_to_their_user() {
    let server = start(config());
    let client = Client::new(&server);
    let tokens: Vec<String> = (0..200).map(|_| client.login("same")).collect();
    let mut distinct = tokens.clone();
    distinct.sort();
    distinct.dedup();
    assert_eq!(distinct.len(), tokens.len());
    for token in &tokens {
        assert_eq!(token.len(), 32, "{token}");
        assert!(
            token
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)),
            "{token}"
        );
    }
    // No two tokens share a long prefix or are consecutive numbers.
    let numbers: Vec<u128> = tokens
        .iter()
        .map(|t| u128::from_str_radix(t, 16).unwrap())
        .collect();
    assert!(numbers.windows(2).all(|w| w[0].abs_diff(w[1]) > 1 << 64));
    // Every bit position varies across 200 tokens.
    let ones = numbers.iter().fold(0u128, |acc, n| acc | n);
    let zeros = numbers.iter().fold(0u128, |acc, n| acc | !n);
    assert_eq!((ones, zeros), (u128::MAX, u128::MAX));
    // Bound to the user: another's token, or one changed by a digit, is refused.
    let other = client.login("other");
    let reply = client.call("same", &other, "get_room_list", &json!({"cnt": 1}));
    assert_eq!(code(&reply), 202001);
    let mut changed = tokens[0].clone().into_bytes();
    changed[31] = if changed[31] == b'0' { b'1' } else { b'0' };
    let changed = String::from_utf8(changed).unwrap();
    assert_eq!(
        code(&client.call("same", &changed, "get_room_list", &json!({"cnt": 1}))),
        202001
    );
    assert_eq!(
        code(&client.call("same", &tokens[0], "get_room_list", &json!({"cnt": 1}))),
        0
    );
}
