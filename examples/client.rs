//! A RoomService client that decides what to do from the typed code of a reply:
//! log in again, back off and retry, or give up.
//!
//! ```text
//! cargo run --features json --example server &
//! cargo run --features json --example client -- http://127.0.0.1:8400
//! ```

use std::thread;
use std::time::Duration;

use liveroom_errors::wire::{self, DecodeError, ServerError};
use liveroom_errors::{ErrorCode, Recovery};
use serde::Deserialize;
use serde::de::DeserializeOwned;

/// Why a call failed.
#[derive(Debug)]
pub enum CallError {
    /// The server answered with an error reply.
    Server(ServerError),
    /// The body was no valid reply.
    Decode(DecodeError),
    /// The request did not get an answer.
    Transport(ureq::Error),
}

impl std::fmt::Display for CallError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CallError::Server(error) => write!(f, "server error {error}"),
            CallError::Decode(error) => write!(f, "invalid reply: {error}"),
            CallError::Transport(error) => write!(f, "transport error: {error}"),
        }
    }
}

#[derive(Debug, Deserialize)]
pub struct Login {
    pub token: String,
    #[serde(rename = "userID")]
    pub user_id: String,
}

#[derive(Debug, Deserialize)]
pub struct Room {
    #[serde(rename = "roomID")]
    pub room_id: String,
    #[serde(rename = "audienceCount")]
    pub audience_count: usize,
}

/// A logged-in (or not yet logged-in) user of the service.
pub struct RoomClient {
    base: String,
    agent: ureq::Agent,
    user_id: String,
    token: String,
}

impl RoomClient {
    pub fn new(base: &str, user_id: &str) -> Self {
        // The backend answers HTTP 200 for errors too; any other status is the reply's business.
        let agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .build()
            .into();
        RoomClient {
            base: base.trim_end_matches('/').to_owned(),
            agent,
            user_id: user_id.to_owned(),
            token: String::new(),
        }
    }

    /// One call: the raw body in, the typed outcome out.
    pub fn call<T: DeserializeOwned>(
        &self,
        action: &str,
        body: &serde_json::Value,
    ) -> Result<T, CallError> {
        let url = format!("{}/{action}?token={}", self.base, self.token);
        let mut response = self
            .agent
            .post(&url)
            .send_json(body)
            .map_err(CallError::Transport)?;
        let bytes = response
            .body_mut()
            .read_to_vec()
            .map_err(CallError::Transport)?;
        let reply = wire::from_slice::<T>(&bytes).map_err(CallError::Decode)?;
        reply.into_result().map_err(CallError::Server)
    }

    pub fn login(&mut self, signature: &str) -> Result<Login, CallError> {
        let body = serde_json::json!({"sdkAppID": 1400047134u64, "userSig": signature, "userID": self.user_id});
        let login: Login = self.call("login", &body)?;
        self.token.clone_from(&login.token);
        Ok(login)
    }

    /// Calls `action`, acting on the code's recovery advice: logs in again once
    /// after `Reauthenticate`, backs off and retries after `Retry` (up to
    /// `attempts` times), and returns every other error as it is.
    pub fn call_with_recovery<T: DeserializeOwned>(
        &mut self,
        action: &str,
        body: &serde_json::Value,
        attempts: u32,
    ) -> Result<T, CallError> {
        let mut relogged = false;
        let mut delay = Duration::from_millis(50);
        for attempt in 1.. {
            let error = match self.call(action, body) {
                Ok(value) => return Ok(value),
                Err(CallError::Server(error)) => error,
                Err(other) => return Err(other),
            };
            match error.recovery() {
                Some(Recovery::Reauthenticate) if !relogged => {
                    relogged = true;
                    let signature = format!("sig-{}", self.user_id);
                    self.login(&signature)?;
                }
                Some(Recovery::Retry) if attempt < attempts => {
                    thread::sleep(delay);
                    delay *= 2;
                }
                _ => return Err(CallError::Server(error)),
            }
        }
        unreachable!("the loop returns")
    }
}

#[allow(dead_code)] // the integration test includes this file for `RoomClient` only
fn main() {
    let base = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "http://127.0.0.1:8400".to_owned());
    let mut client = RoomClient::new(&base, "alice");

    // No token yet: the server says 202001, the client logs in and retries.
    let room = serde_json::json!({"roomID": "room-1"});
    match client.call_with_recovery::<Room>("add_audience", &room, 3) {
        Ok(room) => println!(
            "joined {} ({} in the audience)",
            room.room_id, room.audience_count
        ),
        Err(error) => println!("could not join: {error}"),
    }
    for (action, body) in [
        ("delete_audience", room.clone()),
        ("delete_audience", room.clone()),
        ("add_audience", serde_json::json!({})),
        ("kick_everyone", room.clone()),
    ] {
        match client.call_with_recovery::<Room>(action, &body, 3) {
            Ok(room) => println!(
                "{action}: ok, {} left in {}",
                room.audience_count, room.room_id
            ),
            Err(CallError::Server(error)) => {
                let advice = match error.known() {
                    Some(ErrorCode::MemberNotInRoom) => "already out: nothing to do",
                    Some(code) if code.recovery() == Recovery::FixRequest => {
                        "a bug in this client: fix the request"
                    }
                    Some(_) => "report it",
                    None => "unknown code: report it with the server's text",
                };
                println!("{action}: {error} → {advice}");
            }
            Err(other) => println!("{action}: {other}"),
        }
    }
}
