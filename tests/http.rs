//! End to end over HTTP: the example server on an ephemeral loopback port,
//! driven by the example client's types.

#[allow(dead_code)]
#[path = "../examples/client.rs"]
mod client;
#[allow(dead_code)]
#[path = "../examples/server.rs"]
mod server;

use std::net::SocketAddr;
use std::time::Duration;

use client::{CallError, Room, RoomClient};
use liveroom_errors::wire::{self, Empty, ServerError};
use liveroom_errors::{Category, ErrorCode, Recovery};
use serde_json::json;
use server::RateLimit;

/// A server on 127.0.0.1:0, alive as long as the returned runtime.
fn start(limit: RateLimit) -> (tokio::runtime::Runtime, SocketAddr) {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap();
    let (address, _task) = runtime.block_on(server::serve(0, limit)).unwrap();
    assert!(address.ip().is_loopback());
    (runtime, address)
}

fn unlimited() -> RateLimit {
    RateLimit {
        max_requests: u32::MAX,
        per: Duration::from_secs(3600),
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
    assert_eq!(error.message(), expected.message_en());
    assert!(
        error.timestamp().is_some_and(|ms| ms > 1_700_000_000_000),
        "{error:?}"
    );
}

fn post_raw(address: SocketAddr, path: &str, body: &str) -> Vec<u8> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into();
    let mut response = agent
        .post(format!("http://{address}{path}"))
        .send(body)
        .unwrap();
    assert_eq!(
        response.status(),
        200,
        "the backend answers 200 for errors too"
    );
    response.body_mut().read_to_vec().unwrap()
}

#[test]
fn every_handler_fails_with_its_typed_code() {
    let (_runtime, address) = start(unlimited());
    let base = format!("http://{address}");
    let mut alice = RoomClient::new(&base, "alice");
    let room = json!({"roomID": "r1"});

    assert_arrives(
        &server_error(alice.call::<Room>("add_audience", &room)),
        ErrorCode::TokenVerificationFailed,
    );
    assert_arrives(
        &server_error(alice.login("wrong")),
        ErrorCode::TokenVerificationFailed,
    );
    let no_sig = alice.call::<Empty>("login", &json!({"sdkAppID": 1}));
    assert_arrives(&server_error(no_sig), ErrorCode::MissingLoginCredentials);

    let login = alice.login("sig-alice").unwrap();
    assert_eq!(login.user_id, "alice");
    assert!(login.token.starts_with("token-alice"));

    assert_arrives(
        &server_error(alice.call::<Room>("add_audience", &json!({}))),
        ErrorCode::MissingRoomId,
    );
    assert_arrives(
        &server_error(alice.call::<Room>("delete_audience", &room)),
        ErrorCode::MemberNotInRoom,
    );
    assert_arrives(
        &server_error(alice.call::<Room>("kick_everyone", &room)),
        ErrorCode::UnsupportedAction,
    );

    let joined: Room = alice.call("add_audience", &room).unwrap();
    assert_eq!((joined.room_id.as_str(), joined.audience_count), ("r1", 1));
    let left: Room = alice.call("delete_audience", &room).unwrap();
    assert_eq!(left.audience_count, 0);

    let body = post_raw(
        address,
        &format!("/add_audience?token={}", login.token),
        "{not json",
    );
    let error = wire::from_slice::<Room>(&body)
        .unwrap()
        .into_result()
        .unwrap_err();
    assert_arrives(&error, ErrorCode::InvalidJsonBody);
    assert_eq!(error.category(), Some(Category::Request));
}

#[test]
fn the_client_acts_on_the_recovery_advice() {
    let (_runtime, address) = start(unlimited());
    let mut bob = RoomClient::new(&format!("http://{address}"), "bob");
    // Not logged in: 202001 says Reauthenticate, so the client logs in and retries.
    let room: Room = bob
        .call_with_recovery("add_audience", &json!({"roomID": "r2"}), 3)
        .unwrap();
    assert_eq!(room.audience_count, 1);
    // FixRequest and GiveUp come back at once, untouched.
    let error = server_error(bob.call_with_recovery::<Room>("add_audience", &json!({}), 3));
    assert_eq!(error.recovery(), Some(Recovery::FixRequest));
    bob.call::<Room>("delete_audience", &json!({"roomID": "r2"}))
        .unwrap();
    let error = server_error(bob.call_with_recovery::<Room>(
        "delete_audience",
        &json!({"roomID": "r2"}),
        3,
    ));
    assert_eq!(error.recovery(), Some(Recovery::GiveUp));
}

#[test]
fn a_burst_beyond_the_rate_limit_gets_202006_and_nothing_else() {
    const LIMIT: u32 = 50;
    const BURST: usize = 300;
    // A long window makes the count exact whatever the machine's speed.
    let (_runtime, address) = start(RateLimit {
        max_requests: LIMIT,
        per: Duration::from_secs(600),
    });
    let mut carol = RoomClient::new(&format!("http://{address}"), "carol");
    carol.login("sig-carol").unwrap();
    let room = json!({"roomID": "busy"});
    let (mut ok, mut limited) = (0, 0);
    for _ in 1..BURST {
        match carol.call::<Room>("add_audience", &room) {
            Ok(reply) => {
                assert_eq!(reply.room_id, "busy");
                ok += 1;
            }
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
