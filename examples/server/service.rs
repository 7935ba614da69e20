//! The service's state, kept in memory: sessions, the streams handed out by
//! `get_anchor_url`, and the rooms with their anchors, audiences and custom
//! fields. What each interface does with it is in `rooms.rs` and `room_data.rs`.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Display;
use std::time::{Duration, Instant};

use liveroom_errors::ErrorCode;
use liveroom_errors::api::{self, AuthQuery, Call, CustomValue, LoginQuery};
use liveroom_errors::wire::ServerError;

/// Where the made-up URLs point: `.invalid` names no real host (RFC 2606).
const PUSH_HOST: &str = "rtmp://push.liveroom.invalid/live";
const PLAY_HOST: &str = "rtmp://play.liveroom.invalid/live";
const MIX_HOST: &str = "http://play.liveroom.invalid/live";

/// How much the service holds, and how long an anchor stays without a heartbeat.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// Anchors in one room (203007 beyond). The legacy mixing CGI mixes at
    /// most four streams (interfaces.md §14).
    pub max_anchors: usize,
    /// Viewers in one room (205001 beyond); our own limit.
    pub max_audiences: usize,
    /// Bytes of `roomInfo` (203009 beyond); our own limit.
    pub max_room_info: usize,
    /// An anchor not heard from for this long is dropped from its room. It
    /// must exceed the slowest client's interval (iOS beats every 7 s, §10).
    pub heartbeat_timeout: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_anchors: 4,
            max_audiences: 1000,
            max_room_info: 1024,
            heartbeat_timeout: Duration::from_secs(30),
        }
    }
}

/// What one interface (every one but `login`) does: the reply to `self`,
/// sent by `caller`, whose token is already checked.
pub trait Answer: Call<Query = AuthQuery> {
    /// The reply payload, or the error with the table's code.
    fn answer(self, service: &mut Service, caller: &AuthQuery) -> Result<Self::Reply, ServerError>;
}

/// The push and play URLs handed to one user by `get_anchor_url`.
pub(crate) struct Stream {
    /// The stream id: the last path segment of both URLs, which clients put
    /// in `merge_stream`'s `input_stream_list`.
    pub id: String,
    pub push_url: String,
    pub accelerate_url: String,
}

pub(crate) struct Member {
    pub anchor: api::Anchor,
    pub last_beat: Instant,
}

pub(crate) struct Room {
    pub id: String,
    pub info: String,
    pub creator: String,
    pub mixed_play_url: String,
    /// The membership version (`roomStatusCode`): bumped whenever the anchors change.
    pub status: i64,
    /// In the order they joined.
    pub anchors: Vec<Member>,
    /// In the order they joined.
    pub audiences: Vec<api::Audience>,
    pub custom: BTreeMap<String, CustomValue>,
}

impl Room {
    pub fn pushers(&self) -> Vec<api::Anchor> {
        self.anchors
            .iter()
            .map(|member| member.anchor.clone())
            .collect()
    }

    pub fn anchors_changed(&mut self) {
        self.status = self.status.wrapping_add(1);
    }
}

/// The whole state of the service.
#[derive(Default)]
pub struct Service {
    pub(crate) limits: Limits,
    /// How many tokens, streams and room ids it made up, to number the next.
    tokens_made: u64,
    streams_made: u64,
    rooms_made: u64,
    /// token → the user it was given to.
    sessions: HashMap<String, String>,
    /// user → the stream `get_anchor_url` gave them.
    pub(crate) streams: HashMap<String, Stream>,
    /// In the order they were created, which `get_room_list` pages through.
    pub(crate) rooms: Vec<Room>,
}

impl Service {
    pub fn new(limits: Limits) -> Self {
        Service {
            limits,
            ..Service::default()
        }
    }

    /// `login`: any decimal `sdkAppID`, and the `userSig` `sig-<userID>`.
    pub fn login(&mut self, query: &LoginQuery) -> Result<api::LoginReply, ServerError> {
        if !query.sdk_app_id.bytes().all(|byte| byte.is_ascii_digit()) {
            return Err(fail(
                ErrorCode::UnknownSdkAppId,
                "sdkAppID must be a decimal number",
            ));
        }
        if query.user_sig != format!("sig-{}", query.user_id) {
            // What the IM authentication server makes of a signature that
            // does not belong to the user (codes.tsv's reason for 202003).
            return Err(fail(
                ErrorCode::InvalidImAuthResponse,
                format_args!("this service takes userSig=sig-{}", query.user_id),
            ));
        }
        let token = format!("{:032x}*{}", next(&mut self.tokens_made), query.sdk_app_id);
        self.sessions.insert(token.clone(), query.user_id.clone());
        Ok(api::LoginReply {
            user_id: query.user_id.clone(),
            token,
        })
    }

    /// Refuses a token that `login` did not give to `userID`, or that was logged out.
    pub fn verify(&self, query: &AuthQuery) -> Result<(), ServerError> {
        match self.sessions.get(&query.token) {
            Some(user) if *user == query.user_id => Ok(()),
            Some(_) => Err(fail(
                ErrorCode::TokenVerificationFailed,
                "the token belongs to another user",
            )),
            None if query.token.is_empty() => Err(fail(
                ErrorCode::TokenVerificationFailed,
                "the token is empty",
            )),
            None => Err(fail(
                ErrorCode::TokenVerificationFailed,
                "unknown or logged-out token",
            )),
        }
    }

    pub fn logout(&mut self, token: &str) {
        self.sessions.remove(token);
    }

    /// The stream of `user`, made on first use; the same URLs every time after.
    pub fn stream(&mut self, user: &str) -> &Stream {
        if !self.streams.contains_key(user) {
            let id = format!("stream_{}", next(&mut self.streams_made));
            let key = "txSecret=example&txTime=ffffffff";
            let stream = Stream {
                push_url: format!("{PUSH_HOST}/{id}?{key}"),
                accelerate_url: format!("{PLAY_HOST}/{id}?{key}"),
                id,
            };
            self.streams.insert(user.to_owned(), stream);
        }
        &self.streams[user]
    }

    /// A room id nobody uses yet.
    pub fn new_room_id(&mut self) -> String {
        loop {
            let id = format!("room_{}", next(&mut self.rooms_made));
            if self.room(&id).is_none() {
                return id;
            }
        }
    }

    /// The play URL of the room's mix: named after the creator's stream, as
    /// the clients name the mix's output stream (§14).
    pub fn mixed_play_url(&self, creator: &str, room_id: &str) -> String {
        match self.streams.get(creator) {
            Some(stream) => format!("{MIX_HOST}/{}.flv", stream.id),
            None => format!("{MIX_HOST}/{room_id}.flv"),
        }
    }

    pub fn room(&self, id: &str) -> Option<&Room> {
        self.rooms.iter().find(|room| room.id == id)
    }

    pub fn room_mut(&mut self, id: &str) -> Option<&mut Room> {
        self.rooms.iter_mut().find(|room| room.id == id)
    }

    /// Drops the anchors whose last heartbeat is older than the timeout.
    pub fn expire(&mut self, now: Instant) {
        let timeout = self.limits.heartbeat_timeout;
        for room in &mut self.rooms {
            let before = room.anchors.len();
            room.anchors
                .retain(|member| now.saturating_duration_since(member.last_beat) < timeout);
            if room.anchors.len() != before {
                room.anchors_changed();
            }
        }
    }
}

/// The number after `counter`'s, which becomes its value.
fn next(counter: &mut u64) -> u64 {
    *counter = counter.wrapping_add(1);
    *counter
}

/// An error with the code's English text and our detail after it.
pub fn fail(code: ErrorCode, detail: impl Display) -> ServerError {
    ServerError::new(code, format!("{}: {detail}", code.message_en()))
}

/// 201003 unless the body's `userID` is the caller's (an absent one is `""`).
pub fn same_user(body_user: &str, caller: &AuthQuery) -> Result<(), ServerError> {
    if body_user == caller.user_id {
        Ok(())
    } else if body_user.is_empty() {
        Err(fail(ErrorCode::UserIdMismatch, "the body has no userID"))
    } else {
        Err(fail(
            ErrorCode::UserIdMismatch,
            format_args!(
                "the body says {body_user:?}, the query {:?}",
                caller.user_id
            ),
        ))
    }
}

/// 201004 for an absent or empty `roomID`.
pub fn room_id(id: &str) -> Result<&str, ServerError> {
    if id.is_empty() {
        Err(fail(ErrorCode::MissingRoomId, "the body has no roomID"))
    } else {
        Ok(id)
    }
}

/// The error `code` for a room that does not exist.
pub fn no_room(code: ErrorCode, id: &str) -> ServerError {
    fail(code, format_args!("there is no room {id:?}"))
}

/// 203010 `MemberNotInRoom`: done for `delete_anchor` and `delete_audience`,
/// rejoin for `anchor_heartbeat` (the interfaces' own recoveries).
pub fn not_in(id: &str) -> ServerError {
    fail(
        ErrorCode::MemberNotInRoom,
        format_args!("the caller is not in room {id:?}"),
    )
}
