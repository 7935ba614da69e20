//! Hostile HTTP: what no well-behaved client sends, and a burst beyond the
//! rate limit. Every answer is still a RoomService body.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use liveroom_server::http::RateLimit;

use crate::support::{Client, config, post, raw, start};

fn code_of(body: &[u8]) -> i64 {
    let value: serde_json::Value = serde_json::from_slice(body).unwrap();
    assert!(value["timestamp"].is_u64(), "{value}");
    value["code"].as_i64().unwrap()
}

#[test]
fn unknown_paths_wrong_methods_and_bad_bodies_get_roomservice_bodies() {
    let server = start(config());
    let token = Client::new(&server).login("dave");
    let address = server.address;
    for (target, code) in [
        ("/weapp/live_room/kick_everyone?userID=u&token=t", 207005),
        ("/", 207005),
        ("/weapp/multi_room/get_anchors?userID=u&token=t", 207006),
    ] {
        let (status, body) = raw(address, &post(target, "", "{}"));
        assert_eq!(
            (status.as_str(), code_of(&body)),
            ("HTTP/1.1 200 OK", code),
            "{target}"
        );
    }
    for method in ["GET", "PUT", "DELETE"] {
        let request = format!(
            "{method} /weapp/live_room/get_audiences?userID=dave&token={token} HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: 2\r\n\r\n{{}}"
        );
        assert_eq!(
            code_of(&raw(address, request.as_bytes()).1),
            200100,
            "{method}"
        );
    }
    let target = format!("/weapp/live_room/add_audience?userID=dave&token={token}");
    for (body, code) in [
        ("{not json", 200101),
        (r#"{"roomID":5}"#, 200100),
        ("null", 200100),
        (
            &*format!(r#"{{"roomID":"r","userInfo":"{}"}}"#, "x".repeat(70_000)),
            200100,
        ),
    ] {
        assert_eq!(
            code_of(&raw(address, &post(&target, "", body)).1),
            code,
            "{:.40}",
            body
        );
    }
    for query in [
        "userID=dave",
        "token=t",
        "userID=dave&token=a&token=b",
        "userID=fr%zz&token=t",
    ] {
        let target = format!("/weapp/live_room/get_room_list?{query}");
        assert_eq!(
            code_of(&raw(address, &post(&target, "", "{}")).1),
            200100,
            "{query}"
        );
    }
    for (query, code) in [
        ("sdkAppID=1&userID=x", 201002),
        ("userID=x&userSig=sig-x", 201001),
    ] {
        let target = format!("/weapp/live_room/login?{query}");
        assert_eq!(
            code_of(&raw(address, &post(&target, "", "")).1),
            code,
            "{query}"
        );
    }
}

#[test]
fn a_client_that_sends_half_its_headers_is_disconnected() {
    let mut config = config();
    config.http.header_timeout = Duration::from_millis(300);
    let server = start(config);
    let started = Instant::now();
    let mut stream = TcpStream::connect(server.address).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    stream
        .write_all(b"POST /weapp/live_room/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Le")
        .unwrap();
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer);
    let waited = started.elapsed();
    assert!(
        waited >= Duration::from_millis(300) && waited < Duration::from_secs(10),
        "{waited:?}"
    );
    assert!(
        !Client::new(&server).login("x").is_empty(),
        "the server still answers"
    );
}

#[test]
fn a_burst_beyond_the_rate_limit_gets_202006_and_nothing_else() {
    const LIMIT: u64 = 30;
    let mut config = config();
    // A long window makes the count exact whatever the machine's speed.
    config.http.rate_limit = RateLimit {
        max_requests: LIMIT,
        per: Duration::from_secs(600),
    };
    let server = start(config);
    let client = Client::new(&server);
    let (mut ok, mut limited) = (0, 0);
    for _ in 0..100 {
        let reply = client.login_with("carol", "sig-carol", "1400000000");
        match reply["code"].as_i64().unwrap() {
            0 => ok += 1,
            202006 => limited += 1,
            other => panic!("{other}: {reply}"),
        }
    }
    assert_eq!((ok, limited), (LIMIT, 100 - LIMIT));
}
