//! End to end over HTTP: the example server on an ephemeral loopback port,
//! driven by the example client's types and by hand-written raw requests.

#[allow(dead_code)]
#[path = "../examples/client.rs"]
mod client;
#[allow(dead_code)]
#[path = "../examples/server.rs"]
mod server;

use std::io::{ErrorKind, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::{Duration, Instant};

use client::{Audiences, CallError, RoomClient};
use liveroom_errors::wire::{self, Empty, ServerError};
use liveroom_errors::{Category, ErrorCode, Recovery};
use serde_json::json;
use server::{Config, RateLimit};

/// A server on 127.0.0.1:0, alive as long as the returned runtime.
fn start(config: Config) -> (tokio::runtime::Runtime, SocketAddr) {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap();
    let (address, _task) = runtime.block_on(server::serve(0, config)).unwrap();
    assert!(address.ip().is_loopback());
    (runtime, address)
}

fn unlimited() -> Config {
    Config {
        rate_limit: RateLimit {
            max_requests: u32::MAX,
            per: Duration::from_secs(3600),
        },
        ..Config::default()
    }
}

fn server_error<T: std::fmt::Debug>(result: Result<T, CallError>) -> ServerError {
    match result {
        Err(CallError::Server(error)) => error,
        other => panic!("expected a server error, got {other:?}"),
    }
}

/// The code, its category, its recovery and the server's text all survive the trip.
fn assert_arrives(error: &ServerError, expected: ErrorCode) {
    assert_eq!(error.known(), Some(expected), "{error}");
    assert_eq!(error.code().value(), i64::from(expected.code()));
    assert_eq!(error.category(), Some(expected.category()));
    assert_eq!(error.recovery(), Some(expected.recovery()));
    assert!(
        error.message().starts_with(expected.message_en()),
        "{error}"
    );
    assert!(
        error.timestamp().is_some_and(|ms| ms > 1_700_000_000_000),
        "{error:?}"
    );
}

#[test]
fn every_handler_fails_with_its_typed_code() {
    let (_runtime, address) = start(unlimited());
    let base = format!("http://{address}");
    let mut alice = RoomClient::new(&base, "alice");
    let room = json!({"roomID": "r1", "userID": "alice", "userInfo": "{\"nick\":\"A\"}"});

    assert_arrives(
        &server_error(alice.call::<Empty>("add_audience", &room)),
        ErrorCode::TokenVerificationFailed,
    );
    assert_arrives(
        &server_error(alice.login("wrong")),
        ErrorCode::TokenVerificationFailed,
    );
    let login = alice.login("sig-alice").unwrap();
    assert_eq!(login.user_id, "alice");
    assert!(login.token.starts_with("token-alice"));

    assert_arrives(
        &server_error(alice.call::<Empty>("add_audience", &json!({}))),
        ErrorCode::MissingRoomId,
    );
    assert_arrives(
        &server_error(
            alice.call::<Empty>("add_audience", &json!({"roomID": "r1", "userID": "bob"})),
        ),
        ErrorCode::UserIdMismatch,
    );
    assert_arrives(
        &server_error(alice.call::<Empty>("delete_audience", &room)),
        ErrorCode::MemberNotInRoom,
    );
    assert_arrives(
        &server_error(alice.call::<Empty>("kick_everyone", &room)),
        ErrorCode::UnsupportedAction,
    );

    alice.call::<Empty>("add_audience", &room).unwrap();
    let list: Audiences = alice
        .call("get_audiences", &json!({"roomID": "r1"}))
        .unwrap();
    assert_eq!(list.audience_count, 1);
    assert_eq!(list.audiences[0].user_id, "alice");
    assert_eq!(list.audiences[0].user_info, "{\"nick\":\"A\"}");
    alice.call::<Empty>("delete_audience", &room).unwrap();
    let list: Audiences = alice.call("get_audiences", &room).unwrap();
    assert_eq!(list.audience_count, 0);

    // A token is bound to its user, and gone after logout.
    let mut mallory = RoomClient::new(&base, "mallory");
    mallory.login("sig-mallory").unwrap();
    let stolen = raw(
        address,
        &post(
            &format!(
                "/weapp/live_room/get_audiences?userID=alice&token={}",
                mallory.token()
            ),
            "",
            r#"{"roomID":"r1"}"#,
        ),
    );
    assert_eq!(stolen.code(), 202001);
    alice.logout().unwrap();
    let old = raw(
        address,
        &post(
            &format!(
                "/weapp/live_room/get_audiences?userID=alice&token={}",
                login.token
            ),
            "",
            r#"{"roomID":"r1"}"#,
        ),
    );
    assert_eq!(old.code(), 202001);
}

#[test]
fn the_client_acts_on_the_recovery_advice() {
    let (_runtime, address) = start(unlimited());
    let mut bob = RoomClient::new(&format!("http://{address}"), "bob");
    let room = json!({"roomID": "r2"});
    // Not logged in: 202001 says Reauthenticate, so the client logs in and retries.
    bob.call_with_recovery::<Empty>("add_audience", &room, 3)
        .unwrap();
    let list: Audiences = bob.call("get_audiences", &room).unwrap();
    assert_eq!(list.audience_count, 1);
    // FixRequest and GiveUp come back at once, untouched.
    let error = server_error(bob.call_with_recovery::<Empty>("add_audience", &json!({}), 3));
    assert_eq!(error.recovery(), Some(Recovery::FixRequest));
    bob.call::<Empty>("delete_audience", &room).unwrap();
    let error = server_error(bob.call_with_recovery::<Empty>("delete_audience", &room, 3));
    assert_eq!(error.recovery(), Some(Recovery::GiveUp));
}

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
    let mut carol = RoomClient::new(&format!("http://{address}"), "carol");
    carol.login("sig-carol").unwrap();
    let room = json!({"roomID": "busy"});
    let (mut ok, mut limited) = (0, 0);
    for _ in 1..BURST {
        match carol.call::<Empty>("add_audience", &room) {
            Ok(Empty) => ok += 1,
            Err(CallError::Server(error)) => {
                assert_arrives(&error, ErrorCode::RateLimited);
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

// ---------------------------------------------------------------------------
// Raw requests: what no well-behaved client sends, byte for byte.

/// One answer read off a socket.
struct Answer {
    status_line: String,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Answer {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }

    /// Asserts a RoomService answer (HTTP 200, JSON, one reply object with a
    /// timestamp) and gives its code.
    fn code(&self) -> i64 {
        assert_eq!(self.status_line, "HTTP/1.1 200 OK", "{}", self.text());
        assert_eq!(self.header("content-type"), Some("application/json"));
        let reply = wire::from_slice::<serde_json::Value>(&self.body)
            .unwrap_or_else(|error| panic!("{error}: {}", self.text()));
        assert!(reply.timestamp().is_some(), "{}", self.text());
        reply.code_value()
    }

    /// Asserts a RoomService error answer with `expected`, its text beginning
    /// with the code's own.
    fn assert_error(&self, expected: ErrorCode) {
        assert_eq!(self.code(), i64::from(expected.code()), "{}", self.text());
        let error = wire::from_slice::<Empty>(&self.body)
            .unwrap()
            .into_result()
            .unwrap_err();
        assert_arrives(&error, expected);
    }

    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// A POST request with `Connection: close`, `extra` headers (each ending in
/// `\r\n`) and `body` with its length.
fn post(target: &str, extra: &str, body: &str) -> Vec<u8> {
    format!(
        "POST {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n{extra}Content-Length: {}\r\n\r\n{body}",
        body.len()
    )
    .into_bytes()
}

/// Sends `request` as it is on a new connection and reads the answer.
fn raw(address: SocketAddr, request: &[u8]) -> Answer {
    let mut stream = TcpStream::connect(address).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    stream.write_all(request).unwrap();
    read_answer(&mut stream)
}

/// Reads one answer, its body as long as its `Content-Length` says.
fn read_answer(stream: &mut TcpStream) -> Answer {
    let mut bytes = Vec::new();
    let mut chunk = [0; 4096];
    let mut more = |bytes: &mut Vec<u8>| {
        let read = stream.read(&mut chunk).unwrap();
        assert!(
            read > 0,
            "closed after {:?}",
            String::from_utf8_lossy(bytes)
        );
        bytes.extend_from_slice(&chunk[..read]);
    };
    let split = loop {
        if let Some(split) = bytes.windows(4).position(|window| window == b"\r\n\r\n") {
            break split;
        }
        more(&mut bytes);
    };
    let head = String::from_utf8(bytes[..split].to_vec()).unwrap();
    let mut lines = head.split("\r\n");
    let status_line = lines.next().unwrap().to_owned();
    let headers: Vec<(String, String)> = lines
        .map(|line| {
            let (key, value) = line.split_once(':').unwrap();
            (key.trim().to_owned(), value.trim().to_owned())
        })
        .collect();
    let length: usize = headers
        .iter()
        .find(|(key, _)| key.eq_ignore_ascii_case("content-length"))
        .map(|(_, value)| value.parse().unwrap())
        .unwrap_or_else(|| panic!("no content-length in {head}"));
    while bytes.len() < split + 4 + length {
        more(&mut bytes);
    }
    assert_eq!(bytes.len(), split + 4 + length, "more than one answer");
    Answer {
        status_line,
        headers,
        body: bytes[split + 4..].to_vec(),
    }
}

/// Logs `user` in over a raw request and returns the token.
fn raw_login(address: SocketAddr, user: &str) -> String {
    let answer = raw(
        address,
        &post(
            &format!("/weapp/live_room/login?sdkAppID=1400000000&userID={user}&userSig=sig-{user}"),
            "",
            "",
        ),
    );
    assert_eq!(answer.code(), 0, "{}", answer.text());
    wire::decode::<client::Login>(&answer.body).unwrap().token
}

#[test]
fn unknown_paths_answer_207005() {
    let (_runtime, address) = start(unlimited());
    for target in [
        "/weapp/live_room/kick_everyone?userID=u&token=t",
        "/weapp/live_room/",
        "/weapp/live_room/login/extra",
        "/",
        "/login",
    ] {
        raw(address, &post(target, "", "{}")).assert_error(ErrorCode::UnsupportedAction);
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
    let body = r#"{"roomID":"r"}"#;
    for query in [
        format!("userID=erin&token={token}&token={token}"),
        format!("userID=erin&userID=erin&token={token}"),
        format!("userID=erin&token={token}&%74oken=x"),
        "userID=erin".to_owned(),
        format!("token={token}"),
        String::new(),
    ] {
        let target = format!("/weapp/live_room/get_audiences?{query}");
        raw(address, &post(&target, "", body)).assert_error(ErrorCode::MalformedRequest);
    }
    // The same call with each key once works.
    let target = format!("/weapp/live_room/get_audiences?userID=erin&token={token}");
    assert_eq!(raw(address, &post(&target, "", body)).code(), 0);

    let login = "/weapp/live_room/login?sdkAppID=1&userID=erin&userSig=sig-erin&userSig=sig-erin";
    raw(address, &post(login, "", "")).assert_error(ErrorCode::MalformedRequest);
    let login = "/weapp/live_room/login?sdkAppID=1&userSig=sig-erin";
    raw(address, &post(login, "", "")).assert_error(ErrorCode::MalformedRequest);
    let login = "/weapp/live_room/login?sdkAppID=1&userID=erin";
    raw(address, &post(login, "", "")).assert_error(ErrorCode::MissingLoginCredentials);
    let login = "/weapp/live_room/login?sdkAppID=&userID=erin&userSig=sig-erin";
    raw(address, &post(login, "", "")).assert_error(ErrorCode::MissingLoginCredentials);
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
    let token = raw_login(address, "gina");
    let limit = Config::default().body_limit;
    let target = format!("/weapp/live_room/add_audience?userID=gina&token={token}");
    // Valid JSON of exactly `length` bytes.
    let body = |length: usize| {
        let filler = "x".repeat(length - r#"{"roomID":"r","userInfo":""}"#.len());
        format!(r#"{{"roomID":"r","userInfo":"{filler}"}}"#)
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
        wire::decode::<client::Login>(&answer.body).unwrap()
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
    let room = r#"{"roomID":"shapes","userID":"'james'+1*x!","userInfo":"{}"}"#;
    assert_eq!(
        call("'james'+1*x!", &odd.token, "add_audience", "", Some(room)).code(),
        0
    );
    let room = r#"{"roomID":"shapes"}"#;
    assert_eq!(
        call(
            "u_android",
            &android.token,
            "get_audiences",
            json_utf8,
            Some(room)
        )
        .code(),
        0
    );
    assert_eq!(
        call(
            "u_mini",
            &mini.token,
            "get_audiences",
            "Content-Type: text/plain\r\n",
            Some(room)
        )
        .code(),
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
    let token = raw_login(address, "lee");
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
            201001,
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
