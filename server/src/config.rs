//! The command line and the environment: `liveroom-server PORT [flags]`,
//! with the app's keys in `LIVEROOM_SDKAPPID` and `LIVEROOM_SECRET_KEY`, and
//! a store URL that holds a password in `LIVEROOM_STORE` (so that it does not
//! show in `ps`).

use std::time::Duration;

use clap::Parser;

use crate::http::{HttpConfig, RateLimit};
use crate::service::Limits;
use crate::sig::{Auth, parse_app_id};
use crate::store::redis::redacted;

/// The longest timeout a flag takes, in seconds: a year. Anything longer is
/// a mistake, and would overflow the expiry times.
pub const MAX_TIMEOUT_SECS: u64 = 365 * 24 * 3600;

/// The reference LiveRoom RoomService server (Tencent Cloud MLVB): the 16
/// interfaces at `/weapp/live_room/<interface>`, for apps built on the official
/// MLVB SDKs.
///
/// Sign-in verifies TLS-sig v2 userSigs against the app's secret key, given in
/// the environment as LIVEROOM_SDKAPPID and LIVEROOM_SECRET_KEY; without them,
/// --demo-auth is required. A store URL with a password can be given as
/// LIVEROOM_STORE instead of --store, so that it does not show in ps.
#[derive(Parser, Debug)]
#[command(name = "liveroom-server", version)]
pub struct Args {
    /// The port to listen on (0 picks a free one).
    #[arg(default_value_t = 8400)]
    pub port: u16,
    /// The address to listen on (0.0.0.0 for every interface).
    #[arg(long, default_value = "127.0.0.1")]
    pub host: String,
    /// Accept `userSig=sig-<userID>` instead of a real signature: for trials
    /// only. Any LIVEROOM_SECRET_KEY is then ignored (LIVEROOM_SDKAPPID, if
    /// set, still names the only sdkAppID accepted).
    #[arg(long)]
    pub demo_auth: bool,
    /// Seconds without a heartbeat after which an anchor leaves its room and
    /// a creator's room ends (the official clients beat every 5 to 7 s).
    /// 1 to 31536000 (a year), as every timeout.
    #[arg(long, value_name = "SECS", default_value_t = 21, value_parser = clap::value_parser!(u64).range(1..=MAX_TIMEOUT_SECS))]
    pub heartbeat_timeout: u64,
    /// Seconds after add_audience after which a viewer who never left is
    /// dropped (viewers send nothing while they watch).
    #[arg(long, value_name = "SECS", default_value_t = 3600, value_parser = clap::value_parser!(u64).range(1..=MAX_TIMEOUT_SECS))]
    pub audience_timeout: u64,
    /// Seconds without any call after which a token expires.
    #[arg(long, value_name = "SECS", default_value_t = 3600, value_parser = clap::value_parser!(u64).range(1..=MAX_TIMEOUT_SECS))]
    pub session_timeout: u64,
    /// Where the state lives: "memory" (this process, the default), or a
    /// Redis URL, `redis://[:PASSWORD@]HOST:PORT`, shared by every instance
    /// given the same one. Without the flag, LIVEROOM_STORE gives it.
    #[arg(long, value_name = "STORE")]
    pub store: Option<String>,
    /// Requests per second the service takes, from all clients together
    /// (across instances on Redis); beyond, 202006.
    #[arg(long, value_name = "N", default_value_t = 100, value_parser = clap::value_parser!(u64).range(1..))]
    pub rate_limit: u64,
}

/// Where the state lives.
#[derive(Clone, Debug)]
pub enum StoreKind {
    Memory,
    Redis(String),
}

/// Everything the server needs to start.
#[derive(Clone)]
pub struct Config {
    pub host: String,
    pub port: u16,
    pub auth: Auth,
    pub store: StoreKind,
    pub limits: Limits,
    pub http: HttpConfig,
    /// How long one call waits for the store in all (its rate-limit count
    /// and its transaction) before answering 207001.
    pub store_budget: Duration,
}

impl Config {
    /// A configuration for `auth` with the defaults (port 0: a free one).
    pub fn new(auth: Auth) -> Config {
        Config {
            host: "127.0.0.1".into(),
            port: 0,
            auth,
            store: StoreKind::Memory,
            limits: Limits::default(),
            http: HttpConfig::default(),
            // A call answers within this, plus its own work (milliseconds).
            store_budget: Duration::from_millis(1500),
        }
    }

    /// The configuration of `args`, with the keys and the store of `env` (a
    /// lookup of the environment), or why the server cannot start.
    pub fn from_args(args: Args, env: impl Fn(&str) -> Option<String>) -> Result<Config, String> {
        let auth = auth(
            args.demo_auth,
            env("LIVEROOM_SDKAPPID"),
            env("LIVEROOM_SECRET_KEY"),
        )?;
        let store = args
            .store
            .or_else(|| env("LIVEROOM_STORE").filter(|store| !store.is_empty()))
            .unwrap_or_else(|| "memory".into());
        let store = if store == "memory" {
            StoreKind::Memory
        } else if store.starts_with("redis://") {
            StoreKind::Redis(store)
        } else {
            return Err(format!(
                "the store {}: give \"memory\" or redis://HOST:PORT",
                redacted(&store)
            ));
        };
        let mut config = Config::new(auth);
        config.host = args.host;
        config.port = args.port;
        config.store = store;
        config.limits.heartbeat_timeout = Duration::from_secs(args.heartbeat_timeout);
        config.limits.audience_timeout = Duration::from_secs(args.audience_timeout);
        config.limits.session_timeout = Duration::from_secs(args.session_timeout);
        config.http.rate_limit = RateLimit {
            max_requests: args.rate_limit,
            per: Duration::from_secs(1),
        };
        Ok(config)
    }
}

/// The sign-in of the flags and variables; without a key or `--demo-auth`,
/// the reason the server refuses to start.
fn auth(demo: bool, app: Option<String>, key: Option<String>) -> Result<Auth, String> {
    let app = match app.filter(|app| !app.is_empty()) {
        Some(text) => Some(
            parse_app_id(&text)
                .ok_or_else(|| format!("LIVEROOM_SDKAPPID={text:?} is not a decimal sdkAppID"))?,
        ),
        None => None,
    };
    let key = key.filter(|key| !key.is_empty());
    if demo {
        if key.is_some() {
            eprintln!(
                "warning: --demo-auth: userSig=sig-<userID> is accepted and LIVEROOM_SECRET_KEY is not used"
            );
        }
        return Ok(Auth::Demo { sdk_app_id: app });
    }
    match (app, key) {
        (Some(sdk_app_id), Some(secret_key)) => Ok(Auth::Tls {
            sdk_app_id,
            secret_key,
        }),
        (None, Some(_)) => Err("LIVEROOM_SECRET_KEY is set but LIVEROOM_SDKAPPID is not: set both (the app's SDKAppID and secret key from the console), or pass --demo-auth for a trial".into()),
        (_, None) => Err("no way to verify a userSig: set LIVEROOM_SDKAPPID and LIVEROOM_SECRET_KEY (the app's SDKAppID and secret key), or pass --demo-auth to accept userSig=sig-<userID> for a trial".into()),
    }
}
