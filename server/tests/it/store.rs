//! Two instances on one Redis share everything, and change it atomically;
//! a stalled, slow or lost Redis costs every call a 207001 within the bound,
//! a 207001 means nothing was written, and the service comes back by itself.

use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use liveroom_server::http::RateLimit;
use serde_json::json;

use crate::support::{Client, RedisServer, SlowLink, User, code, eventually, on_redis, start};

/// The most a call may take when the store does not answer: the store's
/// 1.5 s in all, and a little for the rest of the call.
const BOUND: Duration = Duration::from_millis(1800);

#[test]
fn two_instances_share_sessions_rooms_and_state() {
    let Some(redis) = RedisServer::start("two_instances_share_sessions_rooms_and_state") else {
        return;
    };
    let (one, two) = (start(on_redis(&redis.url())), start(on_redis(&redis.url())));
    let (a, b) = (Client::new(&one), Client::new(&two));
    let alice = User::login(&a, "alice");
    // Her token works on the other instance, and so does her room.
    let on_b = User {
        client: b.clone(),
        ..alice.clone()
    };
    let room = alice.start_room(None);
    assert!(on_b.room_ids().contains(&room));
    on_b.expect(
        "delete_anchor",
        json!({"roomID": room, "userID": "alice"}),
        0,
    );
    assert!(!alice.room_ids().contains(&room));
    alice.expect("logout", json!({}), 0);
    on_b.expect("get_room_list", json!({"cnt": 1}), 202001);
}

#[test]
fn concurrent_joins_through_two_instances_never_exceed_four_anchors() {
    let Some(redis) = RedisServer::start("concurrent_joins_never_exceed_four_anchors") else {
        return;
    };
    let (one, two) = (start(on_redis(&redis.url())), start(on_redis(&redis.url())));
    let clients = [Client::new(&one), Client::new(&two)];
    let host = User::login(&clients[0], "host");
    for round in 0..3 {
        let room = host.start_room(Some(&format!("r{round}")));
        let guests: Vec<(User, String)> = (0..12)
            .map(|i| {
                let guest = User::login(&clients[i % 2], &format!("g{round}_{i}"));
                let push = guest.push_url();
                (guest, push)
            })
            .collect();
        let joined: usize = std::thread::scope(|scope| {
            let handles: Vec<_> = guests
                .iter()
                .map(|(guest, push)| {
                    let room = &room;
                    scope.spawn(move || {
                        let body = json!({"roomID": room, "userID": guest.id, "pushURL": push});
                        code(&guest.call("add_anchor", body))
                    })
                })
                .collect();
            handles
                .into_iter()
                .map(|handle| handle.join().unwrap())
                .inspect(|code| assert!([0, 203007].contains(code), "{code}"))
                .filter(|code| *code == 0)
                .count()
        });
        assert_eq!(joined, 3, "the host and three guests");
        let anchors = host.expect("get_anchors", json!({"roomID": room}), 0);
        assert_eq!(anchors["pushers"].as_array().unwrap().len(), 4, "{anchors}");
    }
}

#[test]
fn increments_through_two_instances_are_never_lost() {
    let Some(redis) = RedisServer::start("increments_through_two_instances_are_never_lost") else {
        return;
    };
    let (one, two) = (start(on_redis(&redis.url())), start(on_redis(&redis.url())));
    let clients = [Client::new(&one), Client::new(&two)];
    let host = User::login(&clients[0], "host");
    let room = host.start_room(None);
    const THREADS: usize = 8;
    const EACH: usize = 25;
    std::thread::scope(|scope| {
        for t in 0..THREADS {
            let fan = User::login(&clients[t % 2], &format!("fan{t}"));
            let room = room.clone();
            scope.spawn(move || {
                for _ in 0..EACH {
                    let body = json!({"roomID": room, "fieldName": "praise", "operation": "inc"});
                    assert_eq!(code(&fan.call("set_custom_field", body)), 0);
                }
            });
        }
    });
    let custom = host.expect("get_custom_info", json!({"roomID": room}), 0);
    assert_eq!(
        custom["custom"]["praise"],
        json!(THREADS * EACH),
        "{custom}"
    );
}

#[test]
fn the_rate_limit_is_shared_by_the_instances() {
    let Some(redis) = RedisServer::start("the_rate_limit_is_shared_by_the_instances") else {
        return;
    };
    const LIMIT: u64 = 20;
    let limited = || {
        let mut config = on_redis(&redis.url());
        config.http.rate_limit = RateLimit {
            max_requests: LIMIT,
            per: Duration::from_secs(1),
        };
        start(config)
    };
    let (one, two) = (limited(), limited());
    let clients = [Client::new(&one), Client::new(&two)];
    // Wait for the start of a second, so that the burst most likely fits in one window.
    let now = SystemTime::now().duration_since(UNIX_EPOCH).unwrap();
    std::thread::sleep(
        Duration::from_millis(1000 - u64::from(now.subsec_millis())) + Duration::from_millis(20),
    );
    let started = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let mut admitted = [0; 2];
    for i in 0..60 {
        let reply = clients[i % 2].login_with("u", "sig-u", "1400000000");
        match code(&reply) {
            0 => admitted[i % 2] += 1,
            202006 => {}
            other => panic!("{other}: {reply}"),
        }
    }
    let ended = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let windows = ended - started + 1;
    let total = admitted[0] + admitted[1];
    // Each instance alone would admit LIMIT a window: together they did not.
    assert!(
        total as u64 <= LIMIT * windows,
        "{admitted:?} in {windows} windows"
    );
    assert!(total > 0 && admitted.iter().all(|n| *n > 0), "{admitted:?}");
}

/// Every interface at once, each with a body that would otherwise succeed or fail on its own merits.
fn every_call(user: &User, room: &str) -> Vec<(&'static str, serde_json::Value)> {
    let id = &user.id;
    vec![
        ("get_room_list", json!({"cnt": 5})),
        ("get_anchor_url", json!({"userID": id})),
        ("create_room", json!({"userID": id})),
        ("get_anchors", json!({"roomID": room})),
        ("anchor_heartbeat", json!({"roomID": room, "userID": id})),
        (
            "add_audience",
            json!({"roomID": room, "userID": id, "userInfo": "{}"}),
        ),
        ("get_audiences", json!({"roomID": room})),
        (
            "set_custom_field",
            json!({"roomID": room, "fieldName": "f", "operation": "inc"}),
        ),
        ("get_custom_info", json!({"roomID": room})),
        ("delete_audience", json!({"roomID": room, "userID": id})),
        ("logout", json!({})),
    ]
}

#[test]
fn a_paused_redis_costs_each_call_207001_within_the_bound_and_then_nothing() {
    let Some(redis) = RedisServer::start("a_paused_redis_costs_each_call_207001") else {
        return;
    };
    let server = start(on_redis(&redis.url()));
    let client = Client::new(&server);
    let alice = User::login(&client, "alice");
    let room = alice.start_room(Some("kept"));
    alice.expect(
        "set_custom_field",
        json!({"roomID": room, "fieldName": "n", "operation": "inc"}),
        0,
    );

    redis.pause();
    // All at once, so that the pause stays shorter than the rooms' heartbeat
    // timeout: the state must be intact afterwards, the room alive.
    let fresh = Client::new(&server);
    std::thread::scope(|scope| {
        let mut calls: Vec<_> = every_call(&alice, &room)
            .into_iter()
            .map(|(interface, body)| {
                let alice = &alice;
                scope.spawn(move || {
                    let started = Instant::now();
                    let reply = alice.call(interface, body);
                    (interface, reply, started.elapsed())
                })
            })
            .collect();
        calls.push(scope.spawn(|| {
            let started = Instant::now();
            (
                "login",
                fresh.login_with("bob", "sig-bob", "1400000000"),
                started.elapsed(),
            )
        }));
        for call in calls {
            let (interface, reply, took) = call.join().unwrap();
            assert_eq!(code(&reply), 207001, "{interface}: {reply}");
            assert!(took < BOUND, "{interface} took {took:?}");
        }
    });
    redis.resume();

    // Back by itself, with the state intact.
    let back = eventually(Duration::from_secs(10), || {
        let reply = alice.call("get_custom_info", json!({"roomID": room}));
        code(&reply) == 0
    });
    assert!(back, "the service did not come back after SIGCONT");
    let custom = alice.expect("get_custom_info", json!({"roomID": room}), 0);
    assert_eq!(custom["custom"]["n"], 1);
    assert!(alice.room_ids().contains(&room));
    alice.beat(&room, 0);
}

#[test]
fn a_redis_killed_and_restarted_is_found_again() {
    let Some(mut redis) = RedisServer::start("a_redis_killed_and_restarted_is_found_again") else {
        return;
    };
    let server = start(on_redis(&redis.url()));
    let client = Client::new(&server);
    let alice = User::login(&client, "alice");
    redis.restart();
    // The first call meets the dead connection and sends its reads again on
    // a new one: Redis is up, so no 207001.
    let started = Instant::now();
    let reply = client.login_with("alice", "sig-alice", "1400000000");
    assert!(started.elapsed() < BOUND);
    assert_eq!(code(&reply), 0, "{reply}");
    // The old session went with the old Redis: reauthenticate, as advised.
    assert_eq!(
        code(&alice.call("get_room_list", json!({"cnt": 1}))),
        202001
    );
    let alice = User::login(&client, "alice");
    let room = alice.start_room(None);
    assert!(alice.room_ids().contains(&room));
}

#[test]
fn a_slow_redis_costs_a_call_one_budget_in_all() {
    let Some(redis) = RedisServer::start("a_slow_redis_costs_a_call_one_budget_in_all") else {
        return;
    };
    let link = SlowLink::to(&redis);
    let server = start(on_redis(&link.url()));
    let alice = User::login(&Client::new(&server), "alice");
    let room = alice.start_room(None);
    // Each request now reaches Redis 0.6 s late: the rate limit's count is
    // answered after 0.6 s, and the transaction's reads and commit would
    // take longer than what is left; neither gets a 1.5 s of its own.
    link.set_delay(Duration::from_millis(600));
    for interface in ["get_custom_info", "get_anchors"] {
        let started = Instant::now();
        let reply = alice.call(interface, json!({"roomID": room}));
        let took = started.elapsed();
        assert_eq!(code(&reply), 207001, "{interface}: {reply}");
        assert!(took < BOUND, "{interface} took {took:?}");
    }
}

#[test]
fn an_increment_answered_207001_never_lands_later() {
    let Some(redis) = RedisServer::start("an_increment_answered_207001_never_lands_later") else {
        return;
    };
    // One instance per delay, each behind its own slow link, each counting
    // its own field. With a delay of d, a call's commit leaves after its
    // three round trips (the rate limit's count, the session, the room), at
    // about 3d, and reaches Redis at 4d. Redis is stopped from 1.1 s to
    // 2.3 s: the commits of d = 0.3 and 0.35 s arrive while it is stopped and
    // run after their callers were answered 207001; they must write nothing.
    // Shorter delays commit in time, longer ones never send their commit.
    let delays = [250, 300, 350, 400];
    let owner = start(on_redis(&redis.url()));
    let host = User::login(&Client::new(&owner), "host");
    let room = host.start_room(None);
    let links: Vec<SlowLink> = delays.iter().map(|_| SlowLink::to(&redis)).collect();
    let servers: Vec<_> = links
        .iter()
        .map(|link| start(on_redis(&link.url())))
        .collect();
    let fans: Vec<User> = servers
        .iter()
        .enumerate()
        .map(|(i, server)| User::login(&Client::new(server), &format!("fan{i}")))
        .collect();
    let inc = |fan: &User| {
        let body = json!({"roomID": room, "fieldName": fan.id, "operation": "inc"});
        code(&fan.call("set_custom_field", body))
    };
    // Once at full speed, so that the connections and scripts are ready.
    let mut zeros = vec![0; delays.len()];
    for (fan, zero) in fans.iter().zip(&mut zeros) {
        assert_eq!(inc(fan), 0);
        *zero += 1;
    }
    for (link, ms) in links.iter().zip(delays) {
        link.set_delay(Duration::from_millis(ms));
    }
    let codes: Vec<i64> = std::thread::scope(|scope| {
        let calls: Vec<_> = fans
            .iter()
            .map(|fan| scope.spawn(move || inc(fan)))
            .collect();
        std::thread::sleep(Duration::from_millis(1100));
        redis.pause();
        std::thread::sleep(Duration::from_millis(1200));
        redis.resume();
        calls.into_iter().map(|call| call.join().unwrap()).collect()
    });
    for (code, zero) in codes.iter().zip(&mut zeros) {
        assert!([0, 207001].contains(code), "{codes:?}");
        *zero += usize::from(*code == 0);
    }
    // Whatever was still on its way has arrived by now.
    for link in &links {
        link.set_delay(Duration::ZERO);
    }
    std::thread::sleep(Duration::from_millis(500));
    let mut custom = json!(null);
    let answered = eventually(Duration::from_secs(10), || {
        custom = host.call("get_custom_info", json!({"roomID": room}));
        code(&custom) == 0
    });
    assert!(answered, "{custom}");
    for ((fan, zero), ms) in fans.iter().zip(&zeros).zip(delays) {
        assert_eq!(
            custom["custom"][&fan.id],
            json!(zero),
            "delay {ms} ms: {codes:?} {custom}"
        );
    }
}
