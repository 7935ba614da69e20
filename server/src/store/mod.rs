//! Where the service keeps its state: a key-value store with expiry, read and
//! written in optimistic transactions.
//!
//! Why one small interface for both backends: the rules of the service (who
//! may join, when a room ends, what a heartbeat refreshes) are written once,
//! in `service/`, over a [`Tx`]. The memory backend runs a transaction under
//! one lock; the Redis backend reads with plain commands and commits with one
//! Lua script that first checks that every key the transaction read still
//! holds what it read, then applies every write, or nothing (a conflict, and
//! the transaction runs again on fresh data). Either way a change is atomic,
//! across instances too, and the same tests prove both backends.
//!
//! Every key expires (`PXAT` in Redis): sessions, streams, rooms and the
//! users' room pointers, so that state nobody refreshes goes away by itself
//! and memory stays flat under churn. Times are the instance's wall clock in
//! ms (µs for the list order): instances sharing a Redis need synchronised
//! clocks, as any such service does.
//!
//! A call waits for the store until one deadline, shared by its rate-limit
//! count and its transaction (retries included). A commit carries a deadline
//! of its own, [`REPLY_MARGIN`] earlier, after which the store refuses it
//! unapplied: so a commit either lands in time for its caller to hear so, or
//! does nothing, and a 207001 means "not written" (see `commit.lua`).

pub mod memory;
pub mod redis;

use std::collections::HashMap;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use tokio::time::Instant;

/// A boxed future, so that the backends can be trait objects.
pub type BoxFut<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// The store did not answer, or answered nonsense: the caller gets 207001.
/// The text is for the server's log (see [`log_failure`]), never for a reply.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoreError(pub String);

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// One buffered change, applied at commit in order.
#[derive(Debug, Clone)]
pub enum Write {
    /// `SET key value PXAT expires_at_ms`.
    Set {
        key: String,
        value: String,
        expires_at: u64,
    },
    Del {
        key: String,
    },
    /// Moves an existing key's expiry (no-op if it is gone); unconditional.
    ExpireAt {
        key: String,
        at: u64,
    },
    /// Adds `member` to the sorted set `key` with `score`.
    ZAdd {
        key: String,
        score: i64,
        member: String,
    },
    /// Removes `member` from the sorted set `key`, unless the key `unless`
    /// exists by then (a room created again under the same id since it was
    /// found missing keeps its place).
    ZRemUnless {
        key: String,
        member: String,
        unless: String,
    },
}

impl Write {
    /// Whether the write changes values, so that the commit must check that
    /// what the transaction read is still there. Expiry refreshes and index
    /// pruning are safe on any data and never conflict.
    fn needs_check(&self) -> bool {
        matches!(
            self,
            Write::Set { .. } | Write::Del { .. } | Write::ZAdd { .. }
        )
    }
}

/// What a backend does for one transaction attempt.
pub trait Reader: Send {
    /// The values of `keys` (absent or expired: `None`).
    fn get<'a>(
        &'a mut self,
        keys: &'a [String],
    ) -> BoxFut<'a, Result<Vec<Option<String>>, StoreError>>;
    /// The members of the sorted set `key`, lowest score first.
    fn zrange<'a>(&'a mut self, key: &'a str) -> BoxFut<'a, Result<Vec<String>, StoreError>>;
    /// Applies `writes` if every key of `checked` still holds the value read
    /// (`None`: absent); `Ok(false)` on a conflict. A commit that reaches the
    /// store after `commit_by` (ms since the epoch, the store's clock) must
    /// apply nothing and fail.
    fn commit(
        self: Box<Self>,
        checked: Vec<(String, Option<String>)>,
        writes: Vec<Write>,
        commit_by: u64,
    ) -> BoxFut<'static, Result<bool, StoreError>>;
}

/// A backend: memory or Redis.
pub trait Backend: Send + Sync {
    /// Starts a transaction attempt (memory: takes the lock).
    fn begin(&self) -> BoxFut<'_, Result<Box<dyn Reader>, StoreError>>;
    /// Counts one request in the window `key` (expiring at `expires_at`)
    /// and gives the count so far.
    fn hit<'a>(&'a self, key: &'a str, expires_at: u64) -> BoxFut<'a, Result<u64, StoreError>>;
}

/// One transaction attempt: reads go to the backend (or to this
/// transaction's own earlier writes), writes are buffered until commit.
pub struct Tx {
    reader: Box<dyn Reader>,
    now_us: u64,
    checked: Vec<(String, Option<String>)>,
    writes: Vec<Write>,
    /// key → its value after the buffered writes (`None`: deleted).
    pending: HashMap<String, Option<String>>,
}

impl Tx {
    /// The transaction's clock, fixed when it starts: ms since the epoch.
    pub fn now(&self) -> u64 {
        self.now_us / 1000
    }

    /// The same clock in µs: the room list's order.
    pub fn now_us(&self) -> u64 {
        self.now_us
    }

    /// `ms` after [`Tx::now`], saturating: an expiry years away cannot overflow.
    pub fn after(&self, ms: u64) -> u64 {
        self.now().saturating_add(ms)
    }

    /// The values of `keys`; the commit checks that they did not change.
    pub async fn get_many(&mut self, keys: &[String]) -> Result<Vec<Option<String>>, StoreError> {
        let missing: Vec<String> = keys
            .iter()
            .filter(|key| !self.pending.contains_key(*key))
            .cloned()
            .collect();
        let mut fetched = if missing.is_empty() {
            Vec::new()
        } else {
            self.reader.get(&missing).await?
        };
        if fetched.len() != missing.len() {
            return Err(StoreError(
                "the store answered a read with the wrong count".into(),
            ));
        }
        let mut read: HashMap<String, Option<String>> = HashMap::new();
        for (key, value) in missing.into_iter().zip(fetched.drain(..)) {
            if !self.checked.iter().any(|(seen, _)| *seen == key) {
                self.checked.push((key.clone(), value.clone()));
            }
            read.insert(key, value);
        }
        Ok(keys
            .iter()
            .map(|key| match self.pending.get(key) {
                Some(value) => value.clone(),
                None => read.get(key).cloned().flatten(),
            })
            .collect())
    }

    pub async fn get(&mut self, key: &str) -> Result<Option<String>, StoreError> {
        let mut values = self.get_many(&[key.to_owned()]).await?;
        Ok(values.pop().flatten())
    }

    pub async fn zrange(&mut self, key: &str) -> Result<Vec<String>, StoreError> {
        self.reader.zrange(key).await
    }

    pub fn set(&mut self, key: &str, value: String, expires_at: u64) {
        self.pending.insert(key.to_owned(), Some(value.clone()));
        self.writes.push(Write::Set {
            key: key.to_owned(),
            value,
            expires_at,
        });
    }

    pub fn del(&mut self, key: &str) {
        self.pending.insert(key.to_owned(), None);
        self.writes.push(Write::Del {
            key: key.to_owned(),
        });
    }

    pub fn expire_at(&mut self, key: &str, at: u64) {
        self.writes.push(Write::ExpireAt {
            key: key.to_owned(),
            at,
        });
    }

    pub fn zadd(&mut self, key: &str, score: i64, member: &str) {
        self.writes.push(Write::ZAdd {
            key: key.to_owned(),
            score,
            member: member.to_owned(),
        });
    }

    pub fn zrem_unless(&mut self, key: &str, member: &str, unless: &str) {
        self.writes.push(Write::ZRemUnless {
            key: key.to_owned(),
            member: member.to_owned(),
            unless: unless.to_owned(),
        });
    }
}

/// Why a transaction gave up: the store failed, or the operation refused.
pub enum Abort<E> {
    Store(StoreError),
    Op(E),
}

/// The store the service uses: a backend, and how long a call waits for it.
#[derive(Clone)]
pub struct Store {
    backend: Arc<dyn Backend>,
    /// How long one call waits for the store in all: its rate-limit count and
    /// its transaction, retries included, share this (see `http.rs`).
    pub budget: Duration,
}

/// Attempts of one transaction before contention counts as a failure.
const MAX_ATTEMPTS: u32 = 64;

/// How long before its call's deadline a commit must reach the store: the
/// time left is for its reply to come back. What this cannot cover: a reply
/// lost or later than this once the commit ran (the store stopped, or the
/// connection broke, between the two), or the store's clock behind ours by
/// more than this. Then a 207001 hides a commit that landed.
pub const REPLY_MARGIN: Duration = Duration::from_millis(250);

impl Store {
    pub fn new(backend: Arc<dyn Backend>, budget: Duration) -> Store {
        Store { backend, budget }
    }

    /// Runs `op` in a transaction until it commits without conflict, or
    /// fails at `deadline`. `op` owns the transaction while it runs and hands
    /// it back with its outcome. The operation's own refusal
    /// (`Err(Abort::Op)`) commits too: what it wrote before refusing is
    /// pruning of expired state, true either way.
    pub async fn transact<'a, T, E, F>(&self, deadline: Instant, op: F) -> Result<T, Abort<E>>
    where
        F: Fn(Tx) -> BoxFut<'a, (Tx, Result<T, Abort<E>>)>,
    {
        // The same instant on the wall clock, which the store compares with its own.
        let left = deadline.saturating_duration_since(Instant::now());
        let commit_by = (now_us() / 1000).saturating_add(ms(left.saturating_sub(REPLY_MARGIN)));
        let attempts = async {
            for attempt in 0..MAX_ATTEMPTS {
                let reader = self.backend.begin().await.map_err(Abort::Store)?;
                let tx = Tx {
                    reader,
                    now_us: now_us(),
                    checked: Vec::new(),
                    writes: Vec::new(),
                    pending: HashMap::new(),
                };
                let (tx, outcome) = op(tx).await;
                if let Err(Abort::Store(error)) = outcome {
                    return Err(Abort::Store(error));
                }
                let Tx {
                    reader,
                    checked,
                    writes,
                    ..
                } = tx;
                let checked = if writes.iter().any(Write::needs_check) {
                    checked
                } else {
                    Vec::new()
                };
                let committed = reader.commit(checked, writes, commit_by).await;
                if committed.map_err(Abort::Store)? {
                    return outcome;
                }
                // Another instance changed what we read: back off a little,
                // more each time, with jitter so that two do not collide again.
                let spread = 1 + u64::from(attempt.min(10)) * 2;
                let micros = 200 + random_u64() % (spread * 500);
                tokio::time::sleep(Duration::from_micros(micros)).await;
            }
            Err(Abort::Store(StoreError(
                "too much contention on the same data".into(),
            )))
        };
        match tokio::time::timeout_at(deadline, attempts).await {
            Ok(outcome) => outcome,
            Err(_) => Err(Abort::Store(too_late())),
        }
    }

    /// Counts a request in the current window of `window_ms`, or fails at
    /// `deadline`; gives the count.
    pub async fn hit(&self, deadline: Instant, window_ms: u64) -> Result<u64, StoreError> {
        let now = now_us() / 1000;
        let window = now / window_ms.max(1);
        let key = format!("{PREFIX}rate:{window}");
        // The key outlives its window a little, for clocks slightly apart.
        let expires_at = (window + 2) * window_ms.max(1);
        match tokio::time::timeout_at(deadline, self.backend.hit(&key, expires_at)).await {
            Ok(count) => count,
            Err(_) => Err(too_late()),
        }
    }
}

fn too_late() -> StoreError {
    StoreError("the store did not answer before the call's deadline".into())
}

fn ms(duration: Duration) -> u64 {
    u64::try_from(duration.as_millis()).unwrap_or(u64::MAX)
}

/// Logs a store failure on stderr: the detail no reply gives (a client
/// learns only that the store is unavailable). At most one line a second,
/// so that a Redis that is down does not write a line per request.
pub fn log_failure(error: &StoreError) {
    static LAST_SECOND: AtomicU64 = AtomicU64::new(0);
    static UNSAID: AtomicU64 = AtomicU64::new(0);
    let second = now_us() / 1_000_000;
    if LAST_SECOND.swap(second, Ordering::Relaxed) == second {
        UNSAID.fetch_add(1, Ordering::Relaxed);
        return;
    }
    match UNSAID.swap(0, Ordering::Relaxed) {
        0 => eprintln!("store failure: {error}"),
        unsaid => eprintln!("store failure: {error} (and {unsaid} more since the last line)"),
    }
}

/// Every key begins with this, so that a Redis can be shared with others.
pub const PREFIX: &str = "liveroom:";

fn now_us() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |elapsed| elapsed.as_micros() as u64)
}

/// 64 random bits from the OS (0 if it has none to give, which only spreads
/// retries less).
pub fn random_u64() -> u64 {
    let mut bytes = [0; 8];
    let _ = getrandom::fill(&mut bytes);
    u64::from_le_bytes(bytes)
}
