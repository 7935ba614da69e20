//! The Redis backend (`--store redis://HOST:PORT`): several instances behind
//! one address share sessions, rooms and the rate limit.
//!
//! A transaction reads with `MGET`/`ZRANGE` and commits with one Lua script
//! (`commit.lua`): it compares every key read with what was read and applies
//! every write, or nothing, and nothing at all once the commit's deadline has
//! passed on Redis's clock. Expiry is Redis's own (`SET … PXAT`).
//!
//! One multiplexed connection (the redis crate's `ConnectionManager`) serves
//! every request and reconnects by itself when Redis comes back; a read or a
//! count that meets the broken connection is sent once more on the new one
//! (a commit never: it may have landed). Every command has a response
//! timeout, and the service bounds each call as a whole (`Store::budget`), so
//! a stalled Redis costs a caller at most that long.
//!
//! The URL may hold a password: logs get it [`redacted`], and errors from
//! Redis reach only the log (`store::log_failure`), never a reply.

use std::time::Duration;

use redis::aio::{ConnectionManager, ConnectionManagerConfig};
use redis::{Client, Script};

use super::{Backend, BoxFut, Reader, StoreError, Write};

/// The Redis backend.
#[derive(Clone)]
pub struct Redis {
    connection: ConnectionManager,
    commit: Script,
    hit: Script,
}

/// Counts one request of a rate-limit window.
const HIT: &str = r"
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIREAT', KEYS[1], ARGV[1]) end
return count
";

fn failed(error: redis::RedisError) -> StoreError {
    StoreError(format!("Redis: {error}"))
}

/// `send`'s result, sent once more when the connection had broken (Redis
/// restarted since the last command): the manager reconnects for the second
/// try. Only for what may run twice: reads, and the rate limit's count.
async fn once_more<T, F>(send: impl Fn() -> F) -> Result<T, StoreError>
where
    F: Future<Output = redis::RedisResult<T>>,
{
    match send().await {
        Err(error) if error.is_connection_dropped() => send().await.map_err(failed),
        result => result.map_err(failed),
    }
}

/// `url` with its password replaced by `***`, for logs and errors:
/// `redis://:***@HOST:PORT`, `redis://USER:***@HOST:PORT`. Whatever comes
/// before the last `@` is the user part, so a password holding `@` or `/`
/// does not show either. Without `@`, a query (`?password=…`) and a "port"
/// that is no number (`redis://:secret`) are hidden too.
pub fn redacted(url: &str) -> String {
    let (scheme, rest) = match url.split_once("://") {
        Some((scheme, rest)) => (format!("{scheme}://"), rest),
        None => (String::new(), url),
    };
    if let Some((user_info, host)) = rest.rsplit_once('@') {
        // Without a colon, what is there may be a password as well as a user name.
        let user = user_info.split_once(':').map_or("", |(user, _)| user);
        return format!("{scheme}{user}:***@{host}");
    }
    let (rest, query) = match rest.split_once('?') {
        Some((rest, _)) => (rest, "?***"),
        None => (rest, ""),
    };
    let (authority, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    let authority = match authority.rsplit_once(':') {
        Some((host, port)) if !port.bytes().all(|b| b.is_ascii_digit()) => {
            format!("{host}:***")
        }
        _ => authority.to_owned(),
    };
    format!("{scheme}{authority}{path}{query}")
}

impl Redis {
    /// A backend for `url` (`redis://HOST:PORT`). It connects lazily: an
    /// unreachable Redis is no error here, only for the calls that need it.
    pub fn new(url: &str, timeout: Duration) -> Result<Redis, String> {
        let url_error = |error: redis::RedisError| format!("{}: {error}", redacted(url));
        let client = Client::open(url).map_err(url_error)?;
        let config = ConnectionManagerConfig::new()
            .set_connection_timeout(Some(timeout))
            .set_response_timeout(Some(timeout))
            // Reconnecting is retried on the next calls; do not keep one
            // caller waiting on many attempts.
            .set_number_of_retries(1)
            .set_max_delay(Duration::from_millis(500));
        let connection =
            ConnectionManager::new_lazy_with_config(client, config).map_err(url_error)?;
        Ok(Redis {
            connection,
            commit: Script::new(include_str!("commit.lua")),
            hit: Script::new(HIT),
        })
    }

    /// `PING`: whether Redis answers now.
    pub async fn ping(&self) -> Result<(), StoreError> {
        once_more(|| {
            let mut connection = self.connection.clone();
            async move {
                redis::cmd("PING")
                    .query_async::<String>(&mut connection)
                    .await
            }
        })
        .await
        .map(drop)
    }
}

struct RedisTx {
    connection: ConnectionManager,
    commit: Script,
}

impl Reader for RedisTx {
    fn get<'a>(
        &'a mut self,
        keys: &'a [String],
    ) -> BoxFut<'a, Result<Vec<Option<String>>, StoreError>> {
        Box::pin(once_more(move || {
            let mut connection = self.connection.clone();
            async move {
                redis::cmd("MGET")
                    .arg(keys)
                    .query_async(&mut connection)
                    .await
            }
        }))
    }

    fn zrange<'a>(&'a mut self, key: &'a str) -> BoxFut<'a, Result<Vec<String>, StoreError>> {
        Box::pin(once_more(move || {
            let mut connection = self.connection.clone();
            async move {
                (redis::cmd("ZRANGE").arg(key).arg(0).arg(-1))
                    .query_async(&mut connection)
                    .await
            }
        }))
    }

    fn commit(
        self: Box<Self>,
        checked: Vec<(String, Option<String>)>,
        writes: Vec<Write>,
        commit_by: u64,
    ) -> BoxFut<'static, Result<bool, StoreError>> {
        Box::pin(async move {
            if checked.is_empty() && writes.is_empty() {
                return Ok(true);
            }
            let RedisTx {
                mut connection,
                commit,
            } = *self;
            let mut keys: Vec<String> = Vec::new();
            let index = |key: String, keys: &mut Vec<String>| {
                keys.push(key);
                keys.len().to_string()
            };
            let mut args: Vec<String> = vec![commit_by.to_string(), checked.len().to_string()];
            for (key, value) in checked {
                index(key, &mut keys);
                args.push(match value {
                    Some(value) => format!("1{value}"),
                    None => "0".to_owned(),
                });
            }
            for write in writes {
                match write {
                    Write::Set {
                        key,
                        value,
                        expires_at,
                    } => {
                        let at = index(key, &mut keys);
                        args.extend(["set".to_owned(), at, value, expires_at.to_string()]);
                    }
                    Write::Del { key } => {
                        let at = index(key, &mut keys);
                        args.extend(["del".to_owned(), at]);
                    }
                    Write::ExpireAt { key, at: when } => {
                        let at = index(key, &mut keys);
                        args.extend(["expireat".to_owned(), at, when.to_string()]);
                    }
                    Write::ZAdd { key, score, member } => {
                        let at = index(key, &mut keys);
                        args.extend(["zadd".to_owned(), at, score.to_string(), member]);
                    }
                    Write::ZRemUnless {
                        key,
                        member,
                        unless,
                    } => {
                        let at = index(key, &mut keys);
                        let other = index(unless, &mut keys);
                        args.extend(["zremunless".to_owned(), at, member, other]);
                    }
                }
            }
            let mut invocation = commit.prepare_invoke();
            for key in &keys {
                invocation.key(key);
            }
            for arg in &args {
                invocation.arg(arg);
            }
            let answer: i64 = invocation
                .invoke_async(&mut connection)
                .await
                .map_err(failed)?;
            match answer {
                1 => Ok(true),
                0 => Ok(false),
                _ => Err(StoreError(
                    "the commit reached Redis after its deadline: nothing was written".into(),
                )),
            }
        })
    }
}

impl Backend for Redis {
    fn begin(&self) -> BoxFut<'_, Result<Box<dyn Reader>, StoreError>> {
        let tx = RedisTx {
            connection: self.connection.clone(),
            commit: self.commit.clone(),
        };
        Box::pin(async move { Ok(Box::new(tx) as Box<dyn Reader>) })
    }

    fn hit<'a>(&'a self, key: &'a str, expires_at: u64) -> BoxFut<'a, Result<u64, StoreError>> {
        Box::pin(once_more(move || {
            let mut connection = self.connection.clone();
            async move {
                let mut invocation = self.hit.key(key);
                invocation.arg(expires_at);
                invocation.invoke_async(&mut connection).await
            }
        }))
    }
}
