//! A small RoomService-like HTTP service whose handlers fail with typed codes.
//!
//! ```text
//! cargo run --features json --example server            # listens on 127.0.0.1:8400
//! curl -s -X POST 127.0.0.1:8400/no_such_action        # {"code":207005,...}
//! ```
//!
//! Like the real backend it answers HTTP 200 with one flat JSON object for
//! success and error alike. Every call but `login` takes `?token=`.
//!
//! | failure | code |
//! |---|---|
//! | body is not JSON | 200101 `InvalidJsonBody` |
//! | `login` without `sdkAppID`/`userSig` | 201001 `MissingLoginCredentials` |
//! | no `roomID` | 201004 `MissingRoomId` |
//! | bad `userSig` or unknown token | 202001 `TokenVerificationFailed` |
//! | more than N requests in the rate window | 202006 `RateLimited` |
//! | leaving a room one is not in | 203010 `MemberNotInRoom` |
//! | unknown action | 207005 `UnsupportedAction` |

use std::collections::{HashMap, HashSet};
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Json, Response};
use axum::routing::post;
use liveroom_errors::ErrorCode;
use liveroom_errors::wire::{ErrorBody, SuccessBody};
use serde::{Deserialize, Serialize};

/// How many requests the service accepts per window (the real backend: 100 per second).
#[derive(Clone, Copy, Debug)]
pub struct RateLimit {
    pub max_requests: u32,
    pub per: Duration,
}

impl Default for RateLimit {
    fn default() -> Self {
        RateLimit {
            max_requests: 100,
            per: Duration::from_secs(1),
        }
    }
}

#[derive(Default)]
struct Rooms {
    tokens: HashMap<String, String>,
    members: HashMap<String, HashSet<String>>,
}

struct Limiter {
    limit: RateLimit,
    window_start: Instant,
    used: u32,
}

impl Limiter {
    fn admit(&mut self) -> bool {
        if self.window_start.elapsed() >= self.limit.per {
            self.window_start = Instant::now();
            self.used = 0;
        }
        self.used += 1;
        self.used <= self.limit.max_requests
    }
}

#[derive(Clone)]
struct Service {
    rooms: Arc<Mutex<Rooms>>,
    limiter: Arc<Mutex<Limiter>>,
}

/// The service's routes: `POST /{action}`.
pub fn app(limit: RateLimit) -> Router {
    let limiter = Limiter {
        limit,
        window_start: Instant::now(),
        used: 0,
    };
    let service = Service {
        rooms: Arc::default(),
        limiter: Arc::new(Mutex::new(limiter)),
    };
    Router::new()
        .route("/{action}", post(handle))
        .with_state(service)
}

/// Binds 127.0.0.1 (`port` 0 picks a free one) and serves until the process ends.
pub async fn serve(
    port: u16,
    limit: RateLimit,
) -> std::io::Result<(SocketAddr, tokio::task::JoinHandle<()>)> {
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", port)).await?;
    let address = listener.local_addr()?;
    let task = tokio::spawn(async move {
        if let Err(error) = axum::serve(listener, app(limit)).await {
            eprintln!("server stopped: {error}");
        }
    });
    Ok((address, task))
}

#[derive(Deserialize)]
struct Auth {
    token: Option<String>,
}

#[derive(Deserialize)]
struct LoginRequest {
    #[serde(rename = "sdkAppID")]
    sdk_app_id: Option<u64>,
    #[serde(rename = "userSig")]
    user_sig: Option<String>,
    #[serde(rename = "userID")]
    user_id: Option<String>,
}

#[derive(Serialize)]
struct LoginReply {
    token: String,
    #[serde(rename = "userID")]
    user_id: String,
}

#[derive(Deserialize)]
struct RoomRequest {
    #[serde(rename = "roomID")]
    room_id: Option<String>,
}

#[derive(Serialize)]
struct RoomReply {
    #[serde(rename = "roomID")]
    room_id: String,
    #[serde(rename = "audienceCount")]
    audience_count: usize,
}

async fn handle(
    State(service): State<Service>,
    Path(action): Path<String>,
    Query(auth): Query<Auth>,
    body: Bytes,
) -> Response {
    match respond(&service, &action, auth, &body) {
        Ok(reply) => reply,
        Err(code) => Json(ErrorBody::from(code).with_timestamp_now()).into_response(),
    }
}

fn respond(
    service: &Service,
    action: &str,
    auth: Auth,
    body: &[u8],
) -> Result<Response, ErrorCode> {
    if !service.limiter.lock().unwrap().admit() {
        return Err(ErrorCode::RateLimited);
    }
    let mut rooms = service.rooms.lock().unwrap();
    if action == "login" {
        let request: LoginRequest = parse(body)?;
        let (Some(_app), Some(sig)) = (request.sdk_app_id, request.user_sig) else {
            return Err(ErrorCode::MissingLoginCredentials);
        };
        let user_id = request.user_id.unwrap_or_else(|| "anonymous".to_owned());
        if sig != format!("sig-{user_id}") {
            return Err(ErrorCode::TokenVerificationFailed);
        }
        let token = format!("token-{user_id}-{}", rooms.tokens.len());
        rooms.tokens.insert(token.clone(), user_id.clone());
        return Ok(
            Json(SuccessBody::new(LoginReply { token, user_id }).with_timestamp_now())
                .into_response(),
        );
    }
    let user = auth
        .token
        .and_then(|token| rooms.tokens.get(&token).cloned());
    let user = user.ok_or(ErrorCode::TokenVerificationFailed)?;
    match action {
        "add_audience" | "delete_audience" | "get_audiences" => {}
        _ => return Err(ErrorCode::UnsupportedAction),
    }
    let request: RoomRequest = parse(body)?;
    let room_id = request.room_id.ok_or(ErrorCode::MissingRoomId)?;
    let members = rooms.members.entry(room_id.clone()).or_default();
    match action {
        "add_audience" => {
            members.insert(user);
        }
        "delete_audience" if !members.remove(&user) => return Err(ErrorCode::MemberNotInRoom),
        _ => {}
    }
    let reply = RoomReply {
        room_id,
        audience_count: members.len(),
    };
    Ok(Json(SuccessBody::new(reply).with_timestamp_now()).into_response())
}

fn parse<'a, T: Deserialize<'a>>(body: &'a [u8]) -> Result<T, ErrorCode> {
    serde_json::from_slice(body).map_err(|_| ErrorCode::InvalidJsonBody)
}

#[allow(dead_code)] // the integration test includes this file for `serve` only
#[tokio::main]
async fn main() -> std::io::Result<()> {
    let (address, task) = serve(8400, RateLimit::default()).await?;
    println!("RoomService example listening on http://{address}");
    task.await.map_err(std::io::Error::other)
}
