//! Hostile HTTP against the example server on an ephemeral loopback port:
//! what no well-behaved client sends, byte for byte, and a burst beyond the
//! rate limit. Every answer is still a RoomService body.

mod support;

use std::io::{ErrorKind, Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use liveroom_errors::api;
use liveroom_errors::wire::{self, Empty, ServerError};
use liveroom_errors::{Category, ErrorCode};
use support::client::{Failure, Session};
use support::server::{Config, RateLimit};
use support::{
    assert_arrives, post, raw, raw_login, read_answer, start, unlimited, user_with_room,
};

#[test]
fn a_burst_beyond_the_rate_limit_gets_202006_and_nothing_else() {
    const LIMIT: u32 = 50;
    const BURST: usize = 300;
    // A long window makes the count exact whatever the machine's speed.
    let (_runtime, address) = start(Config {
        rate_limit: RateLimit {
            max_requests: LIMIT,
            per: Duration::from_secs(600),
        },
        ..Config::default()
    });
    let mut carol = Session::new(&format!("http://{address}"), "carol");
    carol.login().unwrap();
    let page = api::GetRoomListRequest { cnt: 1, index: 0 };
    let (mut ok, mut limited) = (0, 0);
    for _ in 1..BURST {
        match carol.call(&page) {
            Ok(_) => ok += 1,
            Err(Failure::Reply(api::CallError::Server(error))) => {
                assert_arrives(error.server_error(), ErrorCode::RateLimited);
                assert!(error.is_retryable());
                limited += 1;
            }
            Err(other) => panic!("lost or garbled reply: {other}"),
        }
    }
    assert_eq!(ok + limited, BURST - 1, "every request got an answer");
    assert_eq!(
        ok,
        LIMIT as usize - 1,
        "the login used one request of the window"
    );
    assert_eq!(limited, BURST - LIMIT as usize);
}

#[test]
fn a_server_error_can_carry_its_own_text() {
    let error = ServerError::new(
        ErrorCode::GetAcceleratedUrlFailed,
        "get push and acc url failed!",
    );
    let bytes = serde_json::to_vec(&error.to_body()).unwrap();
    let back = wire::decode::<Empty>(&bytes).unwrap_err();
    assert_eq!(
        back.server_error().unwrap().to_string(),
        "204004 get push and acc url failed!"
    );
}

#[test]
fn unknown_paths_answer_207005_and_other_room_types_207006() {
    let (_runtime, address) = start(unlimited());
    for target in [
        "/weapp/live_room/kick_everyone?userID=u&token=t",
        "/weapp/live_room/",
        "/weapp/live_room/login/extra",
        "/weapp/multi_room/kick_everyone",
        "/weapp//login",
        "/",
        "/login",
    ] {
        raw(address, &post(target, "", "{}")).assert_error(ErrorCode::UnsupportedAction);
    }
    // The v1 servers' other room types, at an interface's name.
    for target in [
        "/weapp/multi_room/login?sdkAppID=1&userID=u&userSig=sig-u",
        "/weapp/double_room/get_anchors?userID=u&token=t",
    ] {
        raw(address, &post(target, "", "{}")).assert_error(ErrorCode::UnsupportedRoomType);
    }
    // The path decides before the method does.
    let get = b"GET /favicon.ico HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
    raw(address, get).assert_error(ErrorCode::UnsupportedAction);
}

#[test]
fn wrong_methods_answer_200100() {
    let (_runtime, address) = start(unlimited());
    let token = raw_login(address, "dave");
    for method in ["GET", "PUT", "DELETE", "PATCH", "OPTIONS"] {
        for target in [
            "/weapp/live_room/login?sdkAppID=1&userID=dave&userSig=sig-dave".to_owned(),
            format!("/weapp/live_room/get_audiences?userID=dave&token={token}"),
        ] {
            let request = format!(
                "{method} {target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: 2\r\n\r\n{{}}"
            );
            raw(address, request.as_bytes()).assert_error(ErrorCode::MalformedRequest);
        }
    }
}

#[test]
fn repeated_or_missing_query_keys_answer_200100() {
    let (_runtime, address) = start(unlimited());
    let token = raw_login(address, "erin");
    let body = r#"{"cnt":1}"#;
    for query in [
        format!("userID=erin&token={token}&token={token}"),
        format!("userID=erin&userID=erin&token={token}"),
        format!("userID=erin&token={token}&%74oken=x"),
        "userID=erin".to_owned(),
        format!("token={token}"),
        String::new(),
    ] {
        let target = format!("/weapp/live_room/get_room_list?{query}");
        raw(address, &post(&target, "", body)).assert_error(ErrorCode::MalformedRequest);
    }
    // The same call with each key once works.
    let target = format!("/weapp/live_room/get_room_list?userID=erin&token={token}");
    assert_eq!(raw(address, &post(&target, "", body)).code(), 0);

    let login = "/weapp/live_room/login?sdkAppID=1&userID=erin&userSig=sig-erin&userSig=sig-erin";
    raw(address, &post(login, "", "")).assert_error(ErrorCode::MalformedRequest);
    let login = "/weapp/live_room/login?sdkAppID=1&userSig=sig-erin";
    raw(address, &post(login, "", "")).assert_error(ErrorCode::MalformedRequest);
    let login = "/weapp/live_room/login?sdkAppID=1&userID=&userSig=sig-erin";
    raw(address, &post(login, "", "")).assert_error(ErrorCode::MalformedRequest);
    // The table's own codes for missing credentials.
    for (query, code) in [
        ("sdkAppID=1&userID=erin", ErrorCode::MissingUserSig),
        ("sdkAppID=1&userID=erin&userSig=", ErrorCode::MissingUserSig),
        (
            "userID=erin&userSig=sig-erin",
            ErrorCode::MissingLoginCredentials,
        ),
        (
            "sdkAppID=&userID=erin&userSig=sig-erin",
            ErrorCode::MissingLoginCredentials,
        ),
        ("userID=erin", ErrorCode::MissingLoginCredentials),
    ] {
        let login = format!("/weapp/live_room/login?{query}");
        raw(address, &post(&login, "", "")).assert_error(code);
    }
}

#[test]
fn bad_percent_encoding_answers_200100() {
    let (_runtime, address) = start(unlimited());
    let token = raw_login(address, "fred");
    for query in [
        format!("userID=fr%zzed&token={token}"),
        format!("userID=fred&token={token}%"),
        format!("userID=fred%2&token={token}"),
        format!("userID=%FF%FE&token={token}"),
        format!("userID=fred&token={token}&platform=%C3%28"),
    ] {
        let target = format!("/weapp/live_room/get_audiences?{query}");
        raw(address, &post(&target, "", r#"{"roomID":"r"}"#))
            .assert_error(ErrorCode::MalformedRequest);
    }
    let login = "/weapp/live_room/login?sdkAppID=1&userID=fred&userSig=sig-%GGfred";
    raw(address, &post(login, "", "")).assert_error(ErrorCode::MalformedRequest);
}

#[test]
fn a_body_over_the_limit_answers_200100() {
    let (_runtime, address) = start(unlimited());
    let token = user_with_room(address, "gina", "r");
    let limit = Config::default().body_limit;
    let target = format!("/weapp/live_room/add_audience?userID=gina&token={token}");
    // Valid JSON of exactly `length` bytes.
    let body = |length: usize| {
        let empty = r#"{"roomID":"r","userID":"gina","userInfo":""}"#;
        let filler = "x".repeat(length - empty.len());
        format!(r#"{{"roomID":"r","userID":"gina","userInfo":"{filler}"}}"#)
    };
    // One byte too many: the limit, not the parser, refuses it. (Only one, so
    // that the server has read every byte when it answers and closes: unread
    // bytes would make it reset the connection, and the answer could be lost.)
    let answer = raw(address, &post(&target, "", &body(limit + 1)));
    answer.assert_error(ErrorCode::MalformedRequest);
    assert!(
        answer.text().contains("the body is larger than"),
        "{}",
        answer.text()
    );
    // At the limit, the same call works.
    let body = body(limit);
    assert_eq!(raw(address, &post(&target, "", &body)).code(), 0);
}

#[test]
fn bodies_that_are_not_json_answer_200101() {
    let (_runtime, address) = start(unlimited());
    let token = raw_login(address, "hank");
    let target = format!("/weapp/live_room/add_audience?userID=hank&token={token}");
    for body in [
        "{not json",
        r#"{"roomID":"r1""#,
        r#"{"roomID":"r1"} trailing"#,
        r#"{"roomID":5,"userInfo":"#,
        "\u{feff}{}",
        "roomID=r1",
    ] {
        raw(address, &post(&target, "", body)).assert_error(ErrorCode::InvalidJsonBody);
    }
}

#[test]
fn json_of_the_wrong_shape_answers_200100() {
    let (_runtime, address) = start(unlimited());
    let token = raw_login(address, "ivy");
    let target = format!("/weapp/live_room/add_audience?userID=ivy&token={token}");
    for body in [
        r#"{"roomID":5}"#,
        r#"{"roomID":"r1","userInfo":{"nick":"I"}}"#,
        r#"{"roomID":"r1","roomID":"r2"}"#,
        r#""r1""#,
        "null",
        "42",
    ] {
        raw(address, &post(&target, "", body)).assert_error(ErrorCode::MalformedRequest);
    }
}

#[test]
fn every_request_shape_of_the_official_clients_is_accepted() {
    let (_runtime, address) = start(unlimited());
    let login = |query: &str, extra: &str, body: Option<&str>| {
        let target = format!("/weapp/live_room/login?{query}");
        let request = match body {
            Some(body) => post(&target, extra, body),
            // iOS: no body, so no Content-Length either.
            None => {
                format!("POST {target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n{extra}\r\n")
                    .into_bytes()
            }
        };
        let answer = raw(address, &request);
        assert_eq!(answer.code(), 0, "{query}: {}", answer.text());
        api::decode::<api::LoginReply>(&answer.body).unwrap()
    };
    let json_utf8 = "Content-Type: application/json; charset=utf-8\r\n";
    let json = "Content-Type: application/json\r\n";

    // Android: "" with a JSON content type; iOS: nothing at all; the
    // mini-program: `{}`, its own key order, `accountType`.
    let android = login(
        "sdkAppID=1400000000&userID=u_android&userSig=sig-u_android&platform=Android",
        json_utf8,
        Some(""),
    );
    let ios = login(
        "userSig=sig-u_ios&platform=iOS&sdkAppID=1400000000&userID=u_ios",
        "",
        None,
    );
    let mini = login(
        "accountType=0&sdkAppID=1400000000&userSig=sig-u_mini&platform=WeChat&userID=u_mini",
        json,
        Some("{}"),
    );
    assert_eq!(android.user_id, "u_android");
    assert_eq!(ios.user_id, "u_ios");
    assert_eq!(mini.user_id, "u_mini");
    // No client encodes userID: `'`, `*`, `+` and `!` come back as sent.
    let odd = login(
        "sdkAppID=1&userID='james'+1*x!&userSig=sig-'james'+1*x!",
        "",
        Some(""),
    );
    assert_eq!(odd.user_id, "'james'+1*x!");

    // Every other call, with each shape of body.
    let call = |user: &str, token: &str, interface: &str, extra: &str, body: Option<&str>| {
        let target = format!("/weapp/live_room/{interface}?userID={user}&token={token}");
        let request = match body {
            Some(body) => post(&target, extra, body),
            None => format!("POST {target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                .into_bytes(),
        };
        raw(address, &request)
    };
    // The mini-program's create_room leaves roomID out; iOS sends "".
    let created = call(
        "u_mini",
        &mini.token,
        "create_room",
        json,
        Some(r#"{"userID":"u_mini","roomInfo":"demo"}"#),
    );
    let room = api::decode::<api::CreateRoomReply>(&created.body)
        .unwrap()
        .room_id;
    let ios_room = r#"{"userID":"u_ios","roomID":"","roomInfo":"demo"}"#;
    assert_eq!(
        call("u_ios", &ios.token, "create_room", "", Some(ios_room)).code(),
        0
    );
    // iOS pretty-prints userInfo; a userID that is not URL-encoded in the query.
    let pretty = serde_json::json!({"roomID": room, "userID": "'james'+1*x!",
        "userInfo": "{\n  \"userName\" : \"James\"\n}"})
    .to_string();
    assert_eq!(
        call(
            "'james'+1*x!",
            &odd.token,
            "add_audience",
            "",
            Some(&pretty)
        )
        .code(),
        0
    );
    let get = serde_json::json!({"roomID": room}).to_string();
    let audiences = call(
        "u_android",
        &android.token,
        "get_audiences",
        json_utf8,
        Some(&get),
    );
    let audiences = api::decode::<api::GetAudiencesReply>(&audiences.body).unwrap();
    assert_eq!(
        audiences.audiences[0].user_info,
        "{\n  \"userName\" : \"James\"\n}"
    );
    // A content type that says otherwise is no reason to refuse JSON.
    let text = "Content-Type: text/plain\r\n";
    assert_eq!(
        call("u_mini", &mini.token, "get_audiences", text, Some(&get)).code(),
        0
    );

    assert_eq!(
        call("u_android", &android.token, "logout", json_utf8, Some("")).code(),
        0
    );
    assert_eq!(call("u_ios", &ios.token, "logout", "", None).code(), 0);
    assert_eq!(
        call("u_mini", &mini.token, "logout", json, Some("{}")).code(),
        0
    );
    assert_eq!(
        call("'james'+1*x!", &odd.token, "logout", "", Some(" \r\n")).code(),
        0
    );
    // Logged out: the tokens are gone.
    for (user, token) in [("u_android", &android.token), ("u_ios", &ios.token)] {
        call(user, token, "logout", "", Some("")).assert_error(ErrorCode::TokenVerificationFailed);
    }
}

#[test]
fn a_client_that_sends_half_its_headers_is_disconnected() {
    let timeout = Duration::from_millis(300);
    let (_runtime, address) = start(Config {
        header_timeout: timeout,
        ..unlimited()
    });
    // The server's clock starts when it accepts the connection: start ours before.
    let started = Instant::now();
    let mut stream = TcpStream::connect(address).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    stream
        .write_all(b"POST /weapp/live_room/login?sdkAppID=1&userID=x&userSig=sig-x HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Le")
        .unwrap();
    let mut answer = Vec::new();
    match stream.read_to_end(&mut answer) {
        Ok(_) => assert!(answer.is_empty(), "{:?}", String::from_utf8_lossy(&answer)),
        Err(error) => assert_eq!(error.kind(), ErrorKind::ConnectionReset, "{error}"),
    }
    let waited = started.elapsed();
    assert!(waited >= timeout, "closed after {waited:?}");
    assert!(waited < Duration::from_secs(10), "closed after {waited:?}");
    // The server still answers others.
    assert!(!raw_login(address, "x").is_empty());
}

#[test]
fn a_body_that_never_arrives_answers_200100() {
    let (_runtime, address) = start(Config {
        request_timeout: Duration::from_millis(300),
        ..unlimited()
    });
    let token = raw_login(address, "jill");
    let head = format!(
        "POST /weapp/live_room/add_audience?userID=jill&token={token} HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: 100\r\n\r\n{{\"roomID\":"
    );
    let answer = raw(address, head.as_bytes());
    answer.assert_error(ErrorCode::MalformedRequest);
    assert!(
        answer.text().contains("not received within"),
        "{}",
        answer.text()
    );
}

#[test]
fn the_invalid_json_body_error_keeps_its_category() {
    let (_runtime, address) = start(unlimited());
    let token = raw_login(address, "kim");
    let target = format!("/weapp/live_room/add_audience?userID=kim&token={token}");
    let answer = raw(address, &post(&target, "", "{not json"));
    let error = wire::from_slice::<Empty>(&answer.body)
        .unwrap()
        .into_result()
        .unwrap_err();
    assert_eq!(error.category(), Some(Category::Request));
    assert!(
        error.message().contains("line 1 column 2"),
        "{}",
        error.message()
    );
}

#[test]
fn rejections_leave_the_connection_open() {
    let (_runtime, address) = start(unlimited());
    let token = user_with_room(address, "lee", "a-room-with-a-long-name");
    let mut stream = TcpStream::connect(address).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    let calls = [
        (
            "POST",
            "/weapp/live_room/nowhere?userID=lee".to_owned(),
            207005,
        ),
        (
            "GET",
            format!("/weapp/live_room/get_audiences?userID=lee&token={token}"),
            200100,
        ),
        (
            "POST",
            "/weapp/live_room/get_audiences?userID=lee".to_owned(),
            200100,
        ),
        (
            "POST",
            "/weapp/live_room/login?sdkAppID=1&userID=lee".to_owned(),
            201002,
        ),
        (
            "POST",
            "/weapp/live_room/login?sdkAppID=1&userID=lee&userSig=sig-lee".to_owned(),
            0,
        ),
        (
            "POST",
            format!("/weapp/live_room/get_audiences?userID=lee&token={token}"),
            0,
        ),
    ];
    // Each request is written in two parts, so its body is not yet in the
    // server's buffer when the head is judged.
    let body = r#"{"roomID":"a-room-with-a-long-name"}"#;
    for (method, target, code) in calls {
        let head = format!(
            "{method} {target} HTTP/1.1\r\nHost: x\r\nContent-Length: {}\r\n\r\n",
            body.len()
        );
        stream.write_all(head.as_bytes()).unwrap();
        std::thread::sleep(Duration::from_millis(20));
        stream.write_all(body.as_bytes()).unwrap();
        let answer = read_answer(&mut stream);
        assert_eq!(answer.code(), code, "{method} {target}: {}", answer.text());
        assert_ne!(answer.header("connection"), Some("close"), "{target}");
    }
}
