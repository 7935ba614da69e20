//! The default backend: everything in this process, behind one lock, so a
//! transaction is atomic by holding it. Nothing to install; state ends with
//! the process and is not shared between instances.
//!
//! Expired keys are invisible at once and swept out now and then, and the
//! tables shrink after a peak, so that memory follows the live state.

use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;
use std::time::{Duration, Instant};

use tokio::sync::{Mutex, OwnedMutexGuard};

use super::{Backend, BoxFut, Reader, StoreError, Write, now_us};

/// How often expired keys are swept out.
const SWEEP_EVERY: Duration = Duration::from_secs(1);

#[derive(Default)]
struct SortedSet {
    scores: HashMap<String, i64>,
    order: BTreeSet<(i64, String)>,
}

struct Data {
    /// key → (value, expiry in ms since the epoch).
    values: HashMap<String, (String, u64)>,
    sets: HashMap<String, SortedSet>,
    last_sweep: Instant,
}

impl Data {
    fn value(&self, key: &str, now: u64) -> Option<&String> {
        match self.values.get(key) {
            Some((value, expires_at)) if *expires_at > now => Some(value),
            _ => None,
        }
    }

    fn apply(&mut self, write: Write, now: u64) {
        match write {
            Write::Set {
                key,
                value,
                expires_at,
            } => {
                if expires_at > now {
                    self.values.insert(key, (value, expires_at));
                } else {
                    self.values.remove(&key);
                }
            }
            Write::Del { key } => {
                self.values.remove(&key);
            }
            Write::ExpireAt { key, at } => {
                if let Some(entry) = self.values.get_mut(&key) {
                    if entry.1 > now {
                        entry.1 = at;
                    }
                }
            }
            Write::ZAdd { key, score, member } => {
                let set = self.sets.entry(key).or_default();
                if let Some(old) = set.scores.insert(member.clone(), score) {
                    set.order.remove(&(old, member.clone()));
                }
                set.order.insert((score, member));
            }
            Write::ZRemUnless {
                key,
                member,
                unless,
            } => {
                if self.value(&unless, now).is_some() {
                    return;
                }
                if let Some(set) = self.sets.get_mut(&key) {
                    if let Some(score) = set.scores.remove(&member) {
                        set.order.remove(&(score, member));
                    }
                }
            }
        }
    }

    /// Drops expired keys; gives back memory the tables no longer need.
    fn sweep(&mut self, now: u64) {
        self.values.retain(|_, (_, expires_at)| *expires_at > now);
        if self.values.capacity() > 4 * self.values.len() + 1024 {
            self.values.shrink_to_fit();
        }
        for set in self.sets.values_mut() {
            if set.scores.capacity() > 4 * set.scores.len() + 1024 {
                set.scores.shrink_to_fit();
            }
        }
        self.last_sweep = Instant::now();
    }
}

/// The in-memory backend.
#[derive(Clone)]
pub struct Memory {
    data: Arc<Mutex<Data>>,
    /// The rate limit's counters: apart from the data, so that counting a
    /// request never waits for a transaction.
    windows: Arc<std::sync::Mutex<HashMap<String, (u64, u64)>>>,
}

impl Default for Memory {
    fn default() -> Self {
        Memory {
            data: Arc::new(Mutex::new(Data {
                values: HashMap::new(),
                sets: HashMap::new(),
                last_sweep: Instant::now(),
            })),
            windows: Arc::default(),
        }
    }
}

struct MemoryTx {
    guard: OwnedMutexGuard<Data>,
}

impl Reader for MemoryTx {
    fn get<'a>(
        &'a mut self,
        keys: &'a [String],
    ) -> BoxFut<'a, Result<Vec<Option<String>>, StoreError>> {
        let now = now_us() / 1000;
        let values = keys
            .iter()
            .map(|key| self.guard.value(key, now).cloned())
            .collect();
        Box::pin(async move { Ok(values) })
    }

    fn zrange<'a>(&'a mut self, key: &'a str) -> BoxFut<'a, Result<Vec<String>, StoreError>> {
        let members = self.guard.sets.get(key).map_or_else(Vec::new, |set| {
            set.order.iter().map(|(_, member)| member.clone()).collect()
        });
        Box::pin(async move { Ok(members) })
    }

    fn commit(
        self: Box<Self>,
        _checked: Vec<(String, Option<String>)>,
        writes: Vec<Write>,
        _commit_by: u64,
    ) -> BoxFut<'static, Result<bool, StoreError>> {
        // The lock was held since `begin`: nothing read can have changed.
        // And the writes are applied here, before this returns: no commit can
        // land after its caller stopped waiting, so `commit_by` is not needed.
        let mut guard = self.guard;
        let now = now_us() / 1000;
        for write in writes {
            guard.apply(write, now);
        }
        if guard.last_sweep.elapsed() >= SWEEP_EVERY {
            guard.sweep(now);
        }
        Box::pin(async move { Ok(true) })
    }
}

impl Backend for Memory {
    fn begin(&self) -> BoxFut<'_, Result<Box<dyn Reader>, StoreError>> {
        Box::pin(async move {
            let guard = self.data.clone().lock_owned().await;
            Ok(Box::new(MemoryTx { guard }) as Box<dyn Reader>)
        })
    }

    fn hit<'a>(&'a self, key: &'a str, expires_at: u64) -> BoxFut<'a, Result<u64, StoreError>> {
        let now = now_us() / 1000;
        let mut windows = self
            .windows
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        windows.retain(|_, (_, expiry)| *expiry > now);
        let entry = windows.entry(key.to_owned()).or_insert((0, expires_at));
        entry.0 += 1;
        let count = entry.0;
        Box::pin(async move { Ok(count) })
    }
}
