//! A small in-memory RoomService on the `axum` feature: `login`, `logout`,
//! `add_audience`, `delete_audience` and `get_audiences` at the real paths.
//!
//! ```text
//! cargo run --features axum --example server [PORT]     # 127.0.0.1, port 8400 by default
//! curl -s -X POST '127.0.0.1:8400/weapp/live_room/login?sdkAppID=1400000000&userID=alice&userSig=sig-alice'
//! ```
//!
//! It logs in any user whose `userSig` is `sig-<userID>`: `alice` logs in with
//! `userSig=sig-alice`. Every other interface takes `?userID=…&token=…` with the
//! token `login` returned. Rooms are made on the first `add_audience`.
//!
//! Like the real backend it answers HTTP 200 with one flat JSON object for every
//! request, success or failure:
//!
//! | failure | code |
//! |---|---|
//! | body that is not JSON | 200101 `InvalidJsonBody` |
//! | wrong method; `userID`/`token` missing, repeated or badly percent-encoded; JSON of the wrong shape; body over 64 KiB or not sent in time | 200100 `MalformedRequest` |
//! | `login` without `sdkAppID`/`userSig` | 201001 `MissingLoginCredentials` |
//! | body `userID` other than the query's | 201003 `UserIdMismatch` |
//! | no `roomID` | 201004 `MissingRoomId` |
//! | bad `userSig`; unknown, logged-out or another user's token | 202001 `TokenVerificationFailed` |
//! | more than 100 requests in a second (by default) | 202006 `RateLimited` |
//! | leaving a room one is not in | 203010 `MemberNotInRoom` |
//! | path of no interface | 207005 `UnsupportedAction` |
//!
//! A client that does not send its headers within the header timeout (10 s by
//! default) is disconnected; HTTP/1.1 only.

use std::collections::{BTreeMap, HashMap};
use std::io::Write;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use axum::Router;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, FromRequest, Request, State};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use liveroom_errors::ErrorCode;
use liveroom_errors::axum::{Login, RoomRequest, RoomServiceExt};
use liveroom_errors::wire::{Empty, ServerError, SuccessBody};
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

/// The service's limits.
#[derive(Clone, Copy, Debug)]
pub struct Config {
    pub rate_limit: RateLimit,
    /// How long a client may take to send a request's headers (and how long an
    /// idle connection stays open).
    pub header_timeout: Duration,
    /// How long a request may take once its headers are in (its body, mostly).
    pub request_timeout: Duration,
    /// The largest body accepted, in bytes.
    pub body_limit: usize,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            rate_limit: RateLimit::default(),
            header_timeout: Duration::from_secs(10),
            request_timeout: Duration::from_secs(10),
            body_limit: 64 * 1024,
        }
    }
}

#[derive(Default)]
struct Rooms {
    /// token → the user it was given to.
    tokens: HashMap<String, String>,
    issued: u64,
    /// room → its audience: user → `userInfo`.
    audiences: HashMap<String, BTreeMap<String, String>>,
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
        self.used = self.used.saturating_add(1);
        self.used <= self.limit.max_requests
    }
}

type Shared<T> = Arc<Mutex<T>>;

/// Locks `mutex`; a handler that panicked holding it left no half-done state
/// worth refusing every later request for.
fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// The service's routes at `/weapp/live_room/<interface>`.
pub fn app(config: &Config) -> Router {
    let limiter = Arc::new(Mutex::new(Limiter {
        limit: config.rate_limit,
        window_start: Instant::now(),
        used: 0,
    }));
    let request_timeout = config.request_timeout;
    Router::new()
        .route("/weapp/live_room/login", post(login))
        .route("/weapp/live_room/logout", post(logout))
        .route("/weapp/live_room/add_audience", post(add_audience))
        .route("/weapp/live_room/delete_audience", post(delete_audience))
        .route("/weapp/live_room/get_audiences", post(get_audiences))
        .with_state(Shared::<Rooms>::default())
        .with_room_service_errors()
        // Layers wrap what is above them: the limit applies to every request
        // before anything reads a body, and the timeout covers the rate limit's
        // draining too.
        .layer(middleware::from_fn_with_state(limiter, rate_limit))
        .layer(middleware::from_fn(move |request: Request, next: Next| {
            within(request_timeout, request, next)
        }))
        .layer(DefaultBodyLimit::max(config.body_limit))
}

async fn rate_limit(
    State(limiter): State<Shared<Limiter>>,
    request: Request,
    next: Next,
) -> Response {
    if lock(&limiter).admit() {
        return next.run(request).await;
    }
    // Read the body (up to the limit) before answering: hyper closes a
    // connection whose request body is left unread, and a client that pooled
    // it would lose its next request.
    let _ = Bytes::from_request(request, &()).await;
    ErrorCode::RateLimited.into_response()
}

/// Bounds the time a request takes after its headers, so a client that never
/// sends the body it announced does not hold a connection forever.
async fn within(limit: Duration, request: Request, next: Next) -> Response {
    match tokio::time::timeout(limit, next.run(request)).await {
        Ok(response) => response,
        Err(_) => {
            let code = ErrorCode::MalformedRequest;
            let message = format!(
                "{}: the request was not received within {} s",
                code.message_en(),
                limit.as_secs_f32()
            );
            ServerError::new(code, message).into_response()
        }
    }
}

/// Binds 127.0.0.1 (`port` 0 picks a free one) and serves until the process ends.
pub async fn serve(
    port: u16,
    config: Config,
) -> std::io::Result<(SocketAddr, tokio::task::JoinHandle<()>)> {
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", port)).await?;
    let address = listener.local_addr()?;
    let service = TowerToHyperService::new(app(&config));
    // axum::serve sets no header timeout, so connections are served by hyper directly.
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(config.header_timeout);
    let task = tokio::spawn(async move {
        loop {
            let stream = match listener.accept().await {
                Ok((stream, _)) => stream,
                Err(error) => {
                    // Out of file descriptors and the like: wait, do not spin.
                    eprintln!("accept failed: {error}");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            };
            let connection = http.serve_connection(TokioIo::new(stream), service.clone());
            tokio::spawn(async move {
                // A client that goes away or times out is no error of the server's.
                let _ = connection.await;
            });
        }
    });
    Ok((address, task))
}

#[derive(Serialize)]
struct LoginReply {
    #[serde(rename = "userID")]
    user_id: String,
    token: String,
}

async fn login(
    State(rooms): State<Shared<Rooms>>,
    login: Login,
) -> Result<SuccessBody<LoginReply>, ServerError> {
    if login.user_sig != format!("sig-{}", login.user_id) {
        return Err(ErrorCode::TokenVerificationFailed.into());
    }
    let mut rooms = lock(&rooms);
    rooms.issued += 1;
    let token = format!("token-{}-{}", login.user_id, rooms.issued);
    rooms.tokens.insert(token.clone(), login.user_id.clone());
    Ok(SuccessBody::new(LoginReply {
        user_id: login.user_id,
        token,
    }))
}

/// The user behind a call's token, who must be the one in its query.
fn caller<T>(rooms: &Rooms, call: &RoomRequest<T>) -> Result<String, ServerError> {
    match rooms.tokens.get(&call.token) {
        Some(user) if *user == call.user_id => Ok(user.clone()),
        _ => Err(ErrorCode::TokenVerificationFailed.into()),
    }
}

async fn logout(
    State(rooms): State<Shared<Rooms>>,
    call: RoomRequest<Empty>,
) -> Result<SuccessBody<Empty>, ServerError> {
    let mut rooms = lock(&rooms);
    caller(&rooms, &call)?;
    rooms.tokens.remove(&call.token);
    Ok(SuccessBody::new(Empty))
}

/// The body of `add_audience`, `delete_audience` and `get_audiences`
/// (interfaces.md §11–13); absent fields read as empty, so that a missing
/// `roomID` gets its own code (201004) rather than 200100.
#[derive(Deserialize)]
struct AudienceCall {
    #[serde(rename = "roomID", default)]
    room_id: String,
    #[serde(rename = "userID", default)]
    user_id: Option<String>,
    #[serde(rename = "userInfo", default)]
    user_info: String,
}

impl AudienceCall {
    /// The room, after the checks every audience call makes.
    fn room(&self, caller: &str) -> Result<&str, ServerError> {
        if self.user_id.as_deref().is_some_and(|user| user != caller) {
            return Err(ErrorCode::UserIdMismatch.into());
        }
        if self.room_id.is_empty() {
            return Err(ErrorCode::MissingRoomId.into());
        }
        Ok(&self.room_id)
    }
}

async fn add_audience(
    State(rooms): State<Shared<Rooms>>,
    call: RoomRequest<AudienceCall>,
) -> Result<SuccessBody<Empty>, ServerError> {
    let mut rooms = lock(&rooms);
    let user = caller(&rooms, &call)?;
    let room = call.body.room(&user)?.to_owned();
    let audience = rooms.audiences.entry(room).or_default();
    audience.insert(user, call.body.user_info);
    Ok(SuccessBody::new(Empty))
}

async fn delete_audience(
    State(rooms): State<Shared<Rooms>>,
    call: RoomRequest<AudienceCall>,
) -> Result<SuccessBody<Empty>, ServerError> {
    let mut rooms = lock(&rooms);
    let user = caller(&rooms, &call)?;
    let room = call.body.room(&user)?;
    let audience = rooms.audiences.get_mut(room);
    match audience.and_then(|audience| audience.remove(&user)) {
        Some(_) => Ok(SuccessBody::new(Empty)),
        None => Err(ErrorCode::MemberNotInRoom.into()),
    }
}

#[derive(Serialize)]
struct Audience {
    #[serde(rename = "userID")]
    user_id: String,
    #[serde(rename = "userInfo")]
    user_info: String,
}

#[derive(Serialize)]
struct AudiencesReply {
    audiences: Vec<Audience>,
    #[serde(rename = "audienceCount")]
    audience_count: usize,
}

async fn get_audiences(
    State(rooms): State<Shared<Rooms>>,
    call: RoomRequest<AudienceCall>,
) -> Result<SuccessBody<AudiencesReply>, ServerError> {
    let rooms = lock(&rooms);
    let user = caller(&rooms, &call)?;
    let room = call.body.room(&user)?;
    let audiences: Vec<Audience> = rooms
        .audiences
        .get(room)
        .into_iter()
        .flatten()
        .map(|(user_id, user_info)| Audience {
            user_id: user_id.clone(),
            user_info: user_info.clone(),
        })
        .collect();
    Ok(SuccessBody::new(AudiencesReply {
        audience_count: audiences.len(),
        audiences,
    }))
}

#[allow(dead_code)] // the integration test includes this file for `serve` only
#[tokio::main]
async fn main() {
    let port = match std::env::args().nth(1).map(|port| port.parse::<u16>()) {
        None => 8400,
        Some(Ok(port)) => port,
        Some(Err(error)) => {
            eprintln!("server: PORT must be a number from 0 to 65535 ({error})");
            std::process::exit(2);
        }
    };
    let (address, task) = match serve(port, Config::default()).await {
        Ok(bound) => bound,
        Err(error) => {
            eprintln!("server: cannot listen on 127.0.0.1:{port}: {error}");
            std::process::exit(1);
        }
    };
    println!("listening on http://{address}");
    // Scripts wait for this line: do not leave it in a pipe's buffer.
    let _ = std::io::stdout().flush();
    let _ = task.await;
}
