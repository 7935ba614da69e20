//! What the HTTP tests share: the example server on an ephemeral loopback
//! port, the example client, and raw requests written byte for byte.
#![allow(dead_code, unused_imports)] // each test file uses its own part

#[path = "../../examples/client/main.rs"]
pub mod client;
#[path = "../../examples/server/main.rs"]
pub mod server;

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::Duration;

use liveroom_errors::api::{self, InterfaceError};
use liveroom_errors::wire::{self, Empty, ServerError};
use liveroom_errors::{ErrorCode, Interface};
use server::{Config, RateLimit};

/// A server on 127.0.0.1:0, alive as long as the returned runtime.
pub fn start(config: Config) -> (tokio::runtime::Runtime, SocketAddr) {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap();
    let (address, _task) = runtime.block_on(server::serve(0, config)).unwrap();
    assert!(address.ip().is_loopback());
    (runtime, address)
}

/// The default configuration without a rate limit that a test could reach.
pub fn unlimited() -> Config {
    Config {
        rate_limit: RateLimit {
            max_requests: u32::MAX,
            per: Duration::from_secs(3600),
        },
        ..Config::default()
    }
}

/// The code, its category, its recovery, our text after the code's own and
/// a timestamp all survive the trip.
pub fn assert_arrives(error: &ServerError, expected: ErrorCode) {
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

/// One answer read off a socket.
pub struct Answer {
    pub status_line: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Answer {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }

    /// Asserts a RoomService answer (HTTP 200, JSON, one reply object with a
    /// timestamp) and gives its code.
    pub fn code(&self) -> i64 {
        assert_eq!(self.status_line, "HTTP/1.1 200 OK", "{}", self.text());
        assert_eq!(self.header("content-type"), Some("application/json"));
        let reply = wire::from_slice::<serde_json::Value>(&self.body)
            .unwrap_or_else(|error| panic!("{error}: {}", self.text()));
        assert!(reply.timestamp().is_some(), "{}", self.text());
        reply.code_value()
    }

    /// Asserts a RoomService error answer with `expected`, its text beginning
    /// with the code's own.
    pub fn assert_error(&self, expected: ErrorCode) {
        assert_eq!(self.code(), i64::from(expected.code()), "{}", self.text());
        let error = wire::from_slice::<Empty>(&self.body)
            .unwrap()
            .into_result()
            .unwrap_err();
        assert_arrives(&error, expected);
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// A POST request with `Connection: close`, `extra` headers (each ending in
/// `\r\n`) and `body` with its length.
pub fn post(target: &str, extra: &str, body: &str) -> Vec<u8> {
    format!(
        "POST {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n{extra}Content-Length: {}\r\n\r\n{body}",
        body.len()
    )
    .into_bytes()
}

/// Sends `request` as it is on a new connection and reads the answer.
pub fn raw(address: SocketAddr, request: &[u8]) -> Answer {
    let mut stream = TcpStream::connect(address).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    stream.write_all(request).unwrap();
    read_answer(&mut stream)
}

/// Reads one answer, its body as long as its `Content-Length` says.
pub fn read_answer(stream: &mut TcpStream) -> Answer {
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
pub fn raw_login(address: SocketAddr, user: &str) -> String {
    let answer = raw(
        address,
        &post(
            &format!("/weapp/live_room/login?sdkAppID=1400000000&userID={user}&userSig=sig-{user}"),
            "",
            "",
        ),
    );
    assert_eq!(answer.code(), 0, "{}", answer.text());
    api::decode::<api::LoginReply>(&answer.body).unwrap().token
}

/// `interface` called by `user` with `token` and `body`, over a raw request.
pub fn raw_call(
    address: SocketAddr,
    user: &str,
    token: &str,
    interface: &str,
    body: &str,
) -> Answer {
    let target = format!("/weapp/live_room/{interface}?userID={user}&token={token}");
    raw(address, &post(&target, "", body))
}

/// Logs `user` in and creates the room `room` as theirs; returns the token.
pub fn user_with_room(address: SocketAddr, user: &str, room: &str) -> String {
    let token = raw_login(address, user);
    let body = format!(r#"{{"userID":"{user}","roomID":"{room}","roomInfo":""}}"#);
    let answer = raw_call(address, user, &token, "create_room", &body);
    assert_eq!(answer.code(), 0, "{}", answer.text());
    token
}

/// Decodes `body` as a reply of `interface` and gives its code: `0` for a
/// success whose payload fits the interface's reply type, or an error code
/// that the interface declares (`Interface::errors`). Anything else (no
/// reply, a payload that does not fit, an undeclared code) is the `Err`.
pub fn declared_code(interface: Interface, body: &[u8]) -> Result<i64, String> {
    fn check<R: api::ReplyPayload>(body: &[u8]) -> Result<i64, String> {
        match api::decode::<R>(body) {
            Ok(_) => Ok(0),
            Err(api::CallError::Server(error)) if error.pair().is_some() => {
                Ok(error.code().value())
            }
            Err(api::CallError::Server(error)) => Err(format!(
                "{} does not declare {}",
                R::INTERFACE,
                error.server_error()
            )),
            Err(api::CallError::Decode(error)) => {
                Err(format!("no {} reply: {error}", R::INTERFACE))
            }
        }
    }
    match interface {
        Interface::Login => check::<api::LoginReply>(body),
        Interface::Logout => check::<api::LogoutReply>(body),
        Interface::GetRoomList => check::<api::GetRoomListReply>(body),
        Interface::GetAnchorUrl => check::<api::GetAnchorUrlReply>(body),
        Interface::CreateRoom => check::<api::CreateRoomReply>(body),
        Interface::DestroyRoom => check::<api::DestroyRoomReply>(body),
        Interface::GetAnchors => check::<api::GetAnchorsReply>(body),
        Interface::AddAnchor => check::<api::AddAnchorReply>(body),
        Interface::DeleteAnchor => check::<api::DeleteAnchorReply>(body),
        Interface::AnchorHeartbeat => check::<api::AnchorHeartbeatReply>(body),
        Interface::AddAudience => check::<api::AddAudienceReply>(body),
        Interface::DeleteAudience => check::<api::DeleteAudienceReply>(body),
        Interface::GetAudiences => check::<api::GetAudiencesReply>(body),
        Interface::MergeStream => check::<api::MergeStreamReply>(body),
        Interface::SetCustomField => check::<api::SetCustomFieldReply>(body),
        Interface::GetCustomInfo => check::<api::GetCustomInfoReply>(body),
    }
}

/// A keep-alive HTTP client that, like the official ones, reads every status.
pub fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(20)))
        .build()
        .into()
}

/// POSTs `body` to `target` and gives the answer's body, asserting a
/// RoomService answer: HTTP 200 with a JSON content type.
pub fn exchange(agent: &ureq::Agent, address: SocketAddr, target: &str, body: &[u8]) -> Vec<u8> {
    let url = format!("http://{address}{target}");
    let mut response = agent
        .post(&url)
        .send(body)
        .unwrap_or_else(|error| panic!("{target}: {error}"));
    assert_eq!(response.status(), 200, "{target}");
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|value| value.to_str().ok());
    assert_eq!(content_type, Some("application/json"), "{target}");
    response.body_mut().read_to_vec().unwrap()
}

/// Percent-encodes a query value: every byte but RFC 3986's unreserved ones.
pub fn encode(value: &str) -> String {
    value
        .bytes()
        .map(|byte| match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                char::from(byte).to_string()
            }
            _ => format!("%{byte:02X}"),
        })
        .collect()
}
