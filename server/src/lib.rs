//! The reference LiveRoom RoomService server: the 16 interfaces of
//! `liveroom-errors` over HTTP, real TLS-sig v2 sign-in, rooms that end like
//! the real service's, and its state in memory or in Redis. The binary
//! `liveroom-server` runs it (see README.md); tests start it in-process.
#![forbid(unsafe_code)]

pub mod config;
pub mod http;
pub mod service;
pub mod sig;
pub mod store;

use std::net::SocketAddr;
use std::sync::Arc;

use config::{Config, StoreKind};
use service::Service;
use store::Store;

/// A running server: where it listens, and its accept loop.
pub struct Running {
    pub address: SocketAddr,
    pub task: tokio::task::JoinHandle<()>,
}

/// Builds the store, binds `config.host:config.port` and starts serving.
pub async fn start(config: &Config) -> Result<Running, String> {
    let backend: Arc<dyn store::Backend> = match &config.store {
        StoreKind::Memory => Arc::new(store::memory::Memory::default()),
        StoreKind::Redis(url) => {
            let redis = store::redis::Redis::new(url, config.store_budget)?;
            // Connected lazily: a Redis that is not up yet costs its calls a
            // 207001 each, not the service.
            if let Err(error) = tokio::time::timeout(config.store_budget, redis.ping())
                .await
                .unwrap_or_else(|_| Err(store::StoreError("no answer".into())))
            {
                eprintln!(
                    "warning: Redis at {} does not answer yet ({error}); calls answer 207001 until it does",
                    store::redis::redacted(url)
                );
            }
            Arc::new(redis)
        }
    };
    let service = Service {
        store: Store::new(backend, config.store_budget),
        auth: config.auth.clone(),
        limits: config.limits,
    };
    let (address, task) = http::serve(&config.host, config.port, service, config.http)
        .await
        .map_err(|error| format!("cannot listen on {}:{}: {error}", config.host, config.port))?;
    Ok(Running { address, task })
}
