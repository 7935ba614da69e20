//! The HTTP side: the 16 interfaces at `/weapp/live_room/<interface>` on
//! axum, the rate limit, the timeouts, and how a refusal becomes a reply.
//!
//! This is the one module that uses the reply bodies (`api::Success`,
//! `api::ServerError`) and `liveroom_errors::axum` (request extractors, the
//! fallbacks that make every answer a RoomService body); the rest of the
//! server knows only the `api` structs and `ErrorCode`.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, FromRequest, Request, State};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Extension, Router};
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use liveroom_errors::api::{self, ServerError, Success};
use liveroom_errors::axum::{RoomRequest, RoomServiceExt};
use liveroom_errors::{ErrorCode, Interface};
use tokio::time::Instant;

use crate::service::{Answer, Fail, Service};

/// How many requests the service takes per window, from all clients
/// together and, on Redis, across instances (the real backend: 100 a second).
#[derive(Clone, Copy, Debug)]
pub struct RateLimit {
    pub max_requests: u64,
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

/// The HTTP limits.
#[derive(Clone, Copy, Debug)]
pub struct HttpConfig {
    pub rate_limit: RateLimit,
    /// How long a client may take to send a request's headers (and how long
    /// an idle connection stays open).
    pub header_timeout: Duration,
    /// How long a request may take once its headers are in (its body, mostly).
    pub request_timeout: Duration,
    /// The largest body accepted, in bytes.
    pub body_limit: usize,
}

impl Default for HttpConfig {
    fn default() -> Self {
        HttpConfig {
            rate_limit: RateLimit::default(),
            header_timeout: Duration::from_secs(10),
            request_timeout: Duration::from_secs(10),
            body_limit: 64 * 1024,
        }
    }
}

/// A refusal as the reply body: the code's English text, then ours.
fn reply(fail: Fail) -> ServerError {
    let message = format!("{}: {}", fail.code.message_en(), fail.detail);
    ServerError::new(fail.code, message)
}

type Shared = Arc<Service>;

/// What is left of a call's store budget (`Store::budget`) once the rate
/// limit has counted it: [`rate_limit`] hands it to the interface, whose
/// transaction gets only that. So a call waits for the store no longer than
/// the budget in all, however its time is split between the two; the time a
/// client takes to send its body is not the store's and does not count.
#[derive(Clone, Copy)]
struct StoreTimeLeft(Duration);

/// The deadline of a call's transaction, from now.
fn transaction_deadline(service: &Service, left: Option<Extension<StoreTimeLeft>>) -> Instant {
    // Every route is behind `rate_limit`; without it, the whole budget.
    let left = left.map_or(service.store.budget, |Extension(StoreTimeLeft(left))| left);
    Instant::now() + left
}

/// Routes `C`'s interface to [`answer`].
fn route<C: Answer>(router: Router<Shared>) -> Router<Shared>
where
    C::Reply: Send,
{
    router.route(C::INTERFACE.path(), post(answer::<C>))
}

/// The 16 interfaces at `/weapp/live_room/<interface>`.
pub fn app(service: Service, config: &HttpConfig) -> Router {
    let shared: Shared = Arc::new(service);
    let limit = config.rate_limit;
    let request_timeout = config.request_timeout;
    let mut router = Router::new().route(Interface::Login.path(), post(login));
    router = route::<api::LogoutRequest>(router);
    router = route::<api::GetRoomListRequest>(router);
    router = route::<api::GetAnchorUrlRequest>(router);
    router = route::<api::CreateRoomRequest>(router);
    router = route::<api::DestroyRoomRequest>(router);
    router = route::<api::GetAnchorsRequest>(router);
    router = route::<api::AddAnchorRequest>(router);
    router = route::<api::DeleteAnchorRequest>(router);
    router = route::<api::AnchorHeartbeatRequest>(router);
    router = route::<api::AddAudienceRequest>(router);
    router = route::<api::DeleteAudienceRequest>(router);
    router = route::<api::GetAudiencesRequest>(router);
    router = route::<api::MergeStreamRequest>(router);
    router = route::<api::SetCustomFieldRequest>(router);
    router = route::<api::GetCustomInfoRequest>(router);
    router
        .with_state(shared.clone())
        .with_room_service_errors()
        // Layers wrap what is above them: the limit applies to every request
        // before anything reads a body, and the timeout covers the rate
        // limit's draining too.
        .layer(middleware::from_fn(move |request: Request, next: Next| {
            rate_limit(shared.clone(), limit, request, next)
        }))
        .layer(middleware::from_fn(move |request: Request, next: Next| {
            within(request_timeout, request, next)
        }))
        .layer(DefaultBodyLimit::max(config.body_limit))
}

/// `login`: the extractor has checked that the credentials are there.
async fn login(
    State(service): State<Shared>,
    left: Option<Extension<StoreTimeLeft>>,
    req: RoomRequest<api::LoginRequest>,
) -> Result<Success<api::LoginReply>, ServerError> {
    service
        .login(transaction_deadline(&service, left), &req.query)
        .await
        .map(Success::new)
        .map_err(reply)
}

/// Every other interface: the session and the interface's own answer.
async fn answer<C: Answer>(
    State(service): State<Shared>,
    left: Option<Extension<StoreTimeLeft>>,
    req: RoomRequest<C>,
) -> Result<Success<C::Reply>, ServerError> {
    service
        .call(transaction_deadline(&service, left), req.query, req.body)
        .await
        .map(Success::new)
        .map_err(reply)
}

async fn rate_limit(
    service: Shared,
    limit: RateLimit,
    mut request: Request,
    next: Next,
) -> Response {
    let window = u64::try_from(limit.per.as_millis()).unwrap_or(u64::MAX);
    let deadline = Instant::now() + service.store.budget;
    let refusal = match service.store.hit(deadline, window).await {
        Ok(count) if count <= limit.max_requests => {
            let left = deadline.saturating_duration_since(Instant::now());
            request.extensions_mut().insert(StoreTimeLeft(left));
            return next.run(request).await;
        }
        Ok(_) => ServerError::from(ErrorCode::RateLimited),
        Err(error) => reply(error.into()),
    };
    // Read the body (up to the limit) before answering: hyper closes a
    // connection whose request body is left unread, and a client that pooled
    // it would lose its next request.
    let _ = Bytes::from_request(request, &()).await;
    refusal.into_response()
}

/// Bounds the time a request takes after its headers, so a client that never
/// sends the body it announced does not hold a connection forever.
async fn within(limit: Duration, request: Request, next: Next) -> Response {
    match tokio::time::timeout(limit, next.run(request)).await {
        Ok(response) => response,
        Err(_) => {
            let detail = format!(
                "the request was not received within {} s",
                limit.as_secs_f32()
            );
            reply(crate::service::fail(ErrorCode::MalformedRequest, detail)).into_response()
        }
    }
}

/// Binds `host:port` (`port` 0 picks a free one) and serves `service` until
/// the returned task is dropped with its runtime.
pub async fn serve(
    host: &str,
    port: u16,
    service: Service,
    config: HttpConfig,
) -> std::io::Result<(SocketAddr, tokio::task::JoinHandle<()>)> {
    let listener = tokio::net::TcpListener::bind((host, port)).await?;
    let address = listener.local_addr()?;
    let service = TowerToHyperService::new(app(service, &config));
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
            let _ = stream.set_nodelay(true);
            let connection = http.serve_connection(TokioIo::new(stream), service.clone());
            tokio::spawn(async move {
                // A client that goes away or times out is no error of the server's.
                let _ = connection.await;
            });
        }
    });
    Ok((address, task))
}
