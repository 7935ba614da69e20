//! A RoomService client that decides what to do from the typed code of a reply:
//! log in again, back off and retry, or give up.
//!
//! ```text
//! cargo run --features axum --example server &
//! cargo run --features json --example client -- http://127.0.0.1:8400
//! ```

use std::thread;
use std::time::Duration;

use liveroom_errors::wire::{self, DecodeError, Empty, ServerError};
use liveroom_errors::{ErrorCode, Recovery};
use serde::Deserialize;
use serde::de::DeserializeOwned;

/// Where every interface lives: `<server>/weapp/live_room/<interface>`.
pub const BASE_PATH: &str = "/weapp/live_room";

/// The `sdkAppID` this client logs in with.
const SDK_APP_ID: &str = "1400047134";

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

/// The reply payload of `login`.
#[derive(Debug, Deserialize)]
pub struct Login {
    pub token: String,
    #[serde(rename = "userID")]
    pub user_id: String,
}

/// One member of a room's audience.
#[derive(Debug, Deserialize)]
pub struct Audience {
    #[serde(rename = "userID")]
    pub user_id: String,
    #[serde(rename = "userInfo")]
    pub user_info: String,
}

/// The reply payload of `get_audiences`.
#[derive(Debug, Deserialize)]
pub struct Audiences {
    pub audiences: Vec<Audience>,
    #[serde(rename = "audienceCount")]
    pub audience_count: usize,
}

/// Percent-encodes a query value: every byte but RFC 3986's unreserved ones.
/// (The official clients send `userID` and `token` unencoded; a server must
/// accept both.)
pub fn encode(value: &str) -> String {
    let mut encoded = String::with_capacity(value.len());
    for byte in value.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            encoded.push(char::from(byte));
        } else {
            encoded.push_str(&format!("%{byte:02X}"));
        }
    }
    encoded
}

/// A logged-in (or not yet logged-in) user of the service.
pub struct RoomClient {
    server: String,
    agent: ureq::Agent,
    user_id: String,
    token: String,
}

impl RoomClient {
    /// A client of the server at `server` (`http://127.0.0.1:8400`), not logged in.
    pub fn new(server: &str, user_id: &str) -> Self {
        // The backend answers HTTP 200 for errors too; any other status is the reply's business.
        let agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .build()
            .into();
        RoomClient {
            server: server.trim_end_matches('/').to_owned(),
            agent,
            user_id: user_id.to_owned(),
            token: String::new(),
        }
    }

    /// The token of the last successful login (empty before).
    pub fn token(&self) -> &str {
        &self.token
    }

    /// Decodes the answer of one request.
    fn reply<T: DeserializeOwned>(
        response: Result<ureq::http::Response<ureq::Body>, ureq::Error>,
    ) -> Result<T, CallError> {
        let mut response = response.map_err(CallError::Transport)?;
        let bytes = response
            .body_mut()
            .read_to_vec()
            .map_err(CallError::Transport)?;
        let reply = wire::from_slice::<T>(&bytes).map_err(CallError::Decode)?;
        reply.into_result().map_err(CallError::Server)
    }

    /// One call of `interface`: the JSON body in, the typed outcome out.
    pub fn call<T: DeserializeOwned>(
        &self,
        interface: &str,
        body: &serde_json::Value,
    ) -> Result<T, CallError> {
        let url = format!(
            "{}{BASE_PATH}/{interface}?userID={}&token={}",
            self.server,
            encode(&self.user_id),
            encode(&self.token)
        );
        Self::reply(self.agent.post(&url).send_json(body))
    }

    /// Logs in with `user_sig` (the example server takes `sig-<userID>`): the
    /// credentials go in the query, the body is empty, as Android sends it.
    pub fn login(&mut self, user_sig: &str) -> Result<Login, CallError> {
        let url = format!(
            "{}{BASE_PATH}/login?sdkAppID={SDK_APP_ID}&userID={}&userSig={}&platform=Rust",
            self.server,
            encode(&self.user_id),
            encode(user_sig)
        );
        let request = self
            .agent
            .post(&url)
            .header("content-type", "application/json; charset=utf-8");
        let login: Login = Self::reply(request.send(""))?;
        self.token.clone_from(&login.token);
        Ok(login)
    }

    /// Logs out: the token is no good afterwards.
    pub fn logout(&mut self) -> Result<(), CallError> {
        self.call::<Empty>("logout", &serde_json::json!({}))?;
        self.token.clear();
        Ok(())
    }

    /// Calls `interface`, acting on the code's recovery advice: logs in again once
    /// after `Reauthenticate`, backs off and retries after `Retry` (up to
    /// `attempts` times), and returns every other error as it is.
    pub fn call_with_recovery<T: DeserializeOwned>(
        &mut self,
        interface: &str,
        body: &serde_json::Value,
        attempts: u32,
    ) -> Result<T, CallError> {
        let mut relogged = false;
        let mut delay = Duration::from_millis(50);
        let mut attempt = 1;
        loop {
            let error = match self.call(interface, body) {
                Ok(value) => return Ok(value),
                Err(CallError::Server(error)) => error,
                Err(other) => return Err(other),
            };
            match error.recovery() {
                Some(Recovery::Reauthenticate) if !relogged => {
                    relogged = true;
                    let user_sig = format!("sig-{}", self.user_id);
                    self.login(&user_sig)?;
                }
                Some(Recovery::Retry) if attempt < attempts => {
                    attempt += 1;
                    thread::sleep(delay);
                    delay *= 2;
                }
                _ => return Err(CallError::Server(error)),
            }
        }
    }
}

#[allow(dead_code)] // the integration test includes this file for `RoomClient` only
fn main() {
    let server = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "http://127.0.0.1:8400".to_owned());
    let mut client = RoomClient::new(&server, "alice");

    // No token yet: the server says 202001, the client logs in and retries.
    let room = serde_json::json!({"roomID": "room-1", "userID": "alice", "userInfo": "{}"});
    match client.call_with_recovery::<Empty>("add_audience", &room, 3) {
        Ok(Empty) => println!("joined room-1 as {}", client.token()),
        Err(error) => {
            println!("could not join: {error}");
            return;
        }
    }
    match client.call::<Audiences>("get_audiences", &room) {
        Ok(list) => println!("room-1 has {} in the audience", list.audience_count),
        Err(error) => println!("get_audiences: {error}"),
    }
    for (interface, body) in [
        ("delete_audience", room.clone()),
        ("delete_audience", room.clone()),
        ("add_audience", serde_json::json!({})),
        ("kick_everyone", room.clone()),
    ] {
        match client.call_with_recovery::<Empty>(interface, &body, 3) {
            Ok(Empty) => println!("{interface}: ok"),
            Err(CallError::Server(error)) => {
                let advice = match error.known() {
                    Some(ErrorCode::MemberNotInRoom) => "already out: nothing to do",
                    Some(code) if code.recovery() == Recovery::FixRequest => {
                        "a bug in this client: fix the request"
                    }
                    Some(_) => "report it",
                    None => "unknown code: report it with the server's text",
                };
                println!("{interface}: {error} → {advice}");
            }
            Err(other) => println!("{interface}: {other}"),
        }
    }
    if let Err(error) = client.logout() {
        println!("logout: {error}");
    }
}
