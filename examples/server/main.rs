//! A complete in-memory RoomService on the `axum` feature: all 16 interfaces
//! at the real paths, built on the crate's `api` request and reply types.
//!
//! ```text
//! cargo run --features axum --example server [PORT]     # 127.0.0.1, port 8400 by default
//! curl -s -X POST '127.0.0.1:8400/weapp/live_room/login?sdkAppID=1400000000&userID=alice&userSig=sig-alice'
//! ```
//!
//! It prints `listening on http://127.0.0.1:PORT` once it accepts connections.
//! It logs in any user whose `userSig` is `sig-<userID>` (`alice` logs in with
//! `userSig=sig-alice`) with any decimal `sdkAppID`; every other interface
//! takes `?userID=…&token=…` with the token `login` returned. Rooms, their
//! anchors and audiences, the streams handed out and the custom fields live
//! in memory until the process ends; an anchor without a heartbeat for 30 s
//! leaves its room. The URLs it hands out point to `*.liveroom.invalid`.
//!
//! Like the real backend it answers HTTP 200 with one flat JSON object and a
//! `timestamp` for every request, and accepts every request shape the three
//! official clients send (interfaces.md §17). Each failure has the code the
//! table names, and only codes its interface declares (`Interface::errors`):
//!
//! | failure | code |
//! |---|---|
//! | body that is not JSON | 200101 `InvalidJsonBody` |
//! | wrong method; `userID`/`token` missing, repeated or badly percent-encoded; JSON of the wrong shape; body over 64 KiB or not sent in time | 200100 `MalformedRequest` |
//! | `login` without `sdkAppID` / without `userSig` | 201001 / 201002 |
//! | body `userID` absent or other than the query's | 201003 `UserIdMismatch` |
//! | no `roomID` | 201004 `MissingRoomId` |
//! | `get_room_list` with `cnt` 0 or absent | 201005 `MissingRoomListCount` |
//! | `merge_stream` without the mix's `interfaceName`, `para.interface`, output or inputs | 201006 `MissingMixParameters` |
//! | `set_custom_field`: no `fieldName` or `operation` / another operation / `set` without a value | 201007 / 201008 / 201009 |
//! | token unknown, logged out, empty or another user's | 202001 `TokenVerificationFailed` |
//! | `userSig` other than `sig-<userID>` / `sdkAppID` not decimal | 202003 / 202005 |
//! | more than 100 requests in a second (by default) | 202006 `RateLimited` |
//! | `create_room` with a `roomID` in use / `roomInfo` over 1 KiB | 203002 / 203009 |
//! | `destroy_room` of a room that does not exist or by another user | 203003 |
//! | `add_anchor` to no room / with more than 4 anchors / with another `pushURL` than `get_anchor_url` gave | 203006 / 203007 / 203008 |
//! | leaving a room one is not in; a heartbeat from a non-member | 203010 `MemberNotInRoom` |
//! | `get_anchors` / `delete_anchor` of a room that does not exist | 204002 / 204003 |
//! | `add_audience` to no room / to a full one | 205002 / 205001 |
//! | `get_audiences` / `merge_stream` / `set_custom_field` / `get_custom_info` of no room | 205004 / 207002 / 207003 / 207004 |
//! | `inc`/`dec` of text, by text that is no number, or beyond the integer range | 207003 `SetCustomFieldFailed` |
//! | path of no interface / another room type than `live_room` | 207005 / 207006 |
//!
//! `merge_stream` mixes only streams it handed out: another stream is a
//! success with `merge_code` 1 (ours), as a failed mix comes inside a
//! `code: 0` reply. `anchor_heartbeat` answers the new `roomStatusCode` and
//! the `pushers` when the anchors changed since the one the client sent.
//!
//! A client that does not send its headers within the header timeout (10 s by
//! default) is disconnected; HTTP/1.1 only.

mod room_data;
mod rooms;
mod service;

use std::io::Write;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
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
use liveroom_errors::api::{self, Call};
use liveroom_errors::axum::{RoomRequest, RoomServiceExt};
use liveroom_errors::wire::{ServerError, SuccessBody};

pub use service::Limits;
use service::{Answer, Service};

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
    /// What the rooms hold.
    pub limits: Limits,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            rate_limit: RateLimit::default(),
            header_timeout: Duration::from_secs(10),
            request_timeout: Duration::from_secs(10),
            body_limit: 64 * 1024,
            limits: Limits::default(),
        }
    }
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
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// The 16 interfaces at `/weapp/live_room/<interface>`.
pub fn app(config: &Config) -> Router {
    let limiter = Arc::new(Mutex::new(Limiter {
        limit: config.rate_limit,
        window_start: Instant::now(),
        used: 0,
    }));
    let request_timeout = config.request_timeout;
    Router::new()
        .route(api::LoginRequest::PATH, post(login))
        .route(api::LogoutRequest::PATH, post(answer::<api::LogoutRequest>))
        .route(
            api::GetRoomListRequest::PATH,
            post(answer::<api::GetRoomListRequest>),
        )
        .route(
            api::GetAnchorUrlRequest::PATH,
            post(answer::<api::GetAnchorUrlRequest>),
        )
        .route(
            api::CreateRoomRequest::PATH,
            post(answer::<api::CreateRoomRequest>),
        )
        .route(
            api::DestroyRoomRequest::PATH,
            post(answer::<api::DestroyRoomRequest>),
        )
        .route(
            api::GetAnchorsRequest::PATH,
            post(answer::<api::GetAnchorsRequest>),
        )
        .route(
            api::AddAnchorRequest::PATH,
            post(answer::<api::AddAnchorRequest>),
        )
        .route(
            api::DeleteAnchorRequest::PATH,
            post(answer::<api::DeleteAnchorRequest>),
        )
        .route(
            api::AnchorHeartbeatRequest::PATH,
            post(answer::<api::AnchorHeartbeatRequest>),
        )
        .route(
            api::AddAudienceRequest::PATH,
            post(answer::<api::AddAudienceRequest>),
        )
        .route(
            api::DeleteAudienceRequest::PATH,
            post(answer::<api::DeleteAudienceRequest>),
        )
        .route(
            api::GetAudiencesRequest::PATH,
            post(answer::<api::GetAudiencesRequest>),
        )
        .route(
            api::MergeStreamRequest::PATH,
            post(answer::<api::MergeStreamRequest>),
        )
        .route(
            api::SetCustomFieldRequest::PATH,
            post(answer::<api::SetCustomFieldRequest>),
        )
        .route(
            api::GetCustomInfoRequest::PATH,
            post(answer::<api::GetCustomInfoRequest>),
        )
        .with_state(Arc::new(Mutex::new(Service::new(config.limits))))
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

/// `login`: the extractor has checked that the credentials are there.
async fn login(
    State(service): State<Shared<Service>>,
    req: RoomRequest<api::LoginRequest>,
) -> Result<SuccessBody<api::LoginReply>, ServerError> {
    lock(&service).login(&req.query).map(SuccessBody::new)
}

/// Every other interface: the token must be the caller's (202001), then the
/// interface's own `Answer`.
async fn answer<C: Answer>(
    State(service): State<Shared<Service>>,
    req: RoomRequest<C>,
) -> Result<SuccessBody<C::Reply>, ServerError> {
    let mut service = lock(&service);
    service.expire(Instant::now());
    service.verify(&req.query)?;
    req.body
        .answer(&mut service, &req.query)
        .map(SuccessBody::new)
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

#[allow(dead_code)] // the integration tests include this file for `serve` only
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
