//! What the service stores, under which keys, and for how long.
//!
//! | key | value | expires |
//! |---|---|---|
//! | `session:<sha256 of token>` | [`Session`] | `--session-timeout` after the user's last call |
//! | `stream:<userID>` | [`Stream`] | [`STREAM_GRACE`] after `get_anchor_url`, then with the anchor's heartbeats |
//! | `streamid:<stream id>` | the userID | with `stream:` |
//! | `room:<roomID>` | [`Room`], its anchors, audiences and custom fields | the creator's heartbeat: `--heartbeat-timeout` after create_room, the creator's add_anchor or heartbeat |
//! | `rooms` (sorted set) | the room ids by creation time | members pruned when their room is found gone |
//! | `anchoring:<userID>` | the room the user created or anchors | with that membership |
//!
//! The token is stored hashed, so that a copy of the store gives no one a
//! session; `anchoring:` is an index for "one room per anchor", checked
//! against the room itself before it is used.

use std::collections::BTreeMap;

use liveroom_errors::api::{self, CustomValue};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::store::PREFIX;

/// How long a stream handed out by `get_anchor_url` is kept before its user
/// joins a room with it: the clients start pushing, then create and join,
/// within seconds.
pub const STREAM_GRACE: u64 = 120_000;

pub fn session_key(token: &str) -> String {
    let digest = Sha256::digest(token.as_bytes());
    let hex: String = digest.iter().map(|byte| format!("{byte:02x}")).collect();
    format!("{PREFIX}session:{hex}")
}

pub fn stream_key(user: &str) -> String {
    format!("{PREFIX}stream:{user}")
}

pub fn stream_id_key(id: &str) -> String {
    format!("{PREFIX}streamid:{id}")
}

pub fn room_key(id: &str) -> String {
    format!("{PREFIX}room:{id}")
}

pub fn rooms_key() -> String {
    format!("{PREFIX}rooms")
}

pub fn anchoring_key(user: &str) -> String {
    format!("{PREFIX}anchoring:{user}")
}

#[derive(Serialize, Deserialize)]
pub struct Session {
    pub user: String,
}

/// The push and play URLs handed to one user.
#[derive(Serialize, Deserialize, Clone)]
pub struct Stream {
    /// The last path segment of both URLs, which clients put in
    /// `merge_stream`'s `input_stream_list`.
    pub id: String,
    pub push_url: String,
    pub accelerate_url: String,
}

#[derive(Serialize, Deserialize, Clone, PartialEq)]
pub struct Member {
    pub user_id: String,
    pub user_name: String,
    pub user_avatar: String,
    pub accelerate_url: String,
    pub stream_id: String,
    /// Its last add_anchor or heartbeat, ms.
    pub last_beat: u64,
}

impl Member {
    pub fn anchor(&self) -> api::Anchor {
        api::Anchor {
            user_id: self.user_id.clone(),
            user_name: self.user_name.clone(),
            user_avatar: self.user_avatar.clone(),
            accelerate_url: self.accelerate_url.clone(),
        }
    }
}

#[derive(Serialize, Deserialize, Clone)]
pub struct Viewer {
    pub user_id: String,
    pub user_info: String,
    /// Its last add_audience, ms.
    pub seen: u64,
}

#[derive(Serialize, Deserialize, Clone)]
pub struct Room {
    pub id: String,
    pub info: String,
    pub creator: String,
    pub mixed_play_url: String,
    /// The membership version (`roomStatusCode`): bumped whenever the anchors change.
    pub status: i64,
    /// When the room ends unless its creator beats first, ms.
    pub expires_at: u64,
    /// In the order they joined.
    pub anchors: Vec<Member>,
    /// In the order they came.
    pub audiences: Vec<Viewer>,
    pub custom: BTreeMap<String, CustomValue>,
}

impl Room {
    pub fn anchors_changed(&mut self) {
        self.status = self.status.wrapping_add(1);
    }

    pub fn pushers(&self) -> Vec<api::Anchor> {
        self.anchors.iter().map(Member::anchor).collect()
    }

    pub fn audience_count(&self) -> u32 {
        u32::try_from(self.audiences.len()).unwrap_or(u32::MAX)
    }

    /// Drops the anchors and viewers not heard from in time; whether any was.
    pub fn prune(&mut self, now: u64, heartbeat_timeout: u64, audience_timeout: u64) -> bool {
        let (anchors, viewers) = (self.anchors.len(), self.audiences.len());
        self.anchors
            .retain(|member| member.last_beat.saturating_add(heartbeat_timeout) > now);
        self.audiences
            .retain(|viewer| viewer.seen.saturating_add(audience_timeout) > now);
        if self.anchors.len() != anchors {
            self.anchors_changed();
        }
        self.anchors.len() != anchors || self.audiences.len() != viewers
    }
}

/// `value` as the JSON the store holds.
pub fn encode<T: Serialize>(value: &T) -> String {
    // Plain structs of strings, numbers and maps with string keys: always serialisable.
    serde_json::to_string(value).unwrap_or_default()
}

/// A stored record, or `None` if it is not one (then it is treated as absent).
pub fn decode<'a, T: Deserialize<'a>>(text: &'a str) -> Option<T> {
    serde_json::from_str(text).ok()
}
