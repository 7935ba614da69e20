//! The rules of the service, written once over the store's transactions
//! ([`Tx`]), whichever backend holds the state.
//!
//! Every interface but `login` runs in one transaction: the session first
//! (202001), then the checks of the request, then the change. This module
//! depends only on the plain `api` structs, `ErrorCode` and `Interface`;
//! the HTTP side (`http.rs`) turns a [`Fail`] into a reply.

mod audiences;
pub mod model;
mod rooms;
mod text;

use std::fmt::Display;
use std::time::Duration;

use liveroom_errors::ErrorCode;
use liveroom_errors::api::{self, AuthQuery, Call, LoginQuery};
use tokio::time::Instant;

use crate::sig::Auth;
use crate::store::{Abort, BoxFut, Store, StoreError, Tx, log_failure, random_u64};
use model::{Room, Session, decode, encode};
use text::{at_most, check_id, check_user_id};

/// Why a call is refused: its code, and our text after the code's own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fail {
    pub code: ErrorCode,
    pub detail: String,
}

pub fn fail(code: ErrorCode, detail: impl Display) -> Fail {
    Fail {
        code,
        detail: detail.to_string(),
    }
}

/// Every store failure becomes a reply here: the detail (which may name
/// Redis's address or why it refused us) goes to the server's log, the
/// client learns only that the store failed.
impl From<StoreError> for Fail {
    fn from(error: StoreError) -> Fail {
        log_failure(&error);
        fail(ErrorCode::StorageFailed, "the room store is unavailable")
    }
}

impl From<Abort<Fail>> for Fail {
    fn from(abort: Abort<Fail>) -> Fail {
        match abort {
            Abort::Store(error) => error.into(),
            Abort::Op(fail) => fail,
        }
    }
}

/// What happens inside a transaction: `?` on a refusal or a store error.
pub type Step<T> = Result<T, Abort<Fail>>;

/// Refuses with `code`.
pub fn refuse<T>(code: ErrorCode, detail: impl Display) -> Step<T> {
    Err(Abort::Op(fail(code, detail)))
}

/// How long things live, and how much rooms hold.
///
/// The sizes but `max_anchors` are our own limits: every call reads and
/// rewrites its whole room, and every `get_room_list` reply carries each
/// room's anchors and custom fields, so no user may make a room large.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// Anchors in one room (203007 beyond), the creator included: the legacy
    /// mixing CGI mixes at most four streams (protocol.md §14).
    pub max_anchors: usize,
    /// Viewers in one room (205001 beyond).
    pub max_audiences: usize,
    /// Bytes of `roomInfo` (203009 beyond).
    pub max_room_info: usize,
    /// Bytes of a `roomID` asked for in `create_room` (200100 beyond).
    pub max_room_id: usize,
    /// Bytes of `userName` and `userAvatar` (add_anchor) and of `userInfo`
    /// (add_audience), each (200100 beyond).
    pub max_user_text: usize,
    /// Bytes of a custom field's name (200100 beyond).
    pub max_field_name: usize,
    /// Bytes of a custom field's text value (200100 beyond).
    pub max_field_value: usize,
    /// Custom fields in one room (207003 for a new one beyond).
    pub max_fields: usize,
    /// An anchor not heard from for this long leaves; a creator's room ends.
    pub heartbeat_timeout: Duration,
    /// A viewer not heard from for this long is dropped.
    pub audience_timeout: Duration,
    /// A token not used for this long expires.
    pub session_timeout: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_anchors: 4,
            max_audiences: 1000,
            max_room_info: 1024,
            max_room_id: 128,
            max_user_text: 1024,
            max_field_name: 64,
            max_field_value: 1024,
            max_fields: 32,
            // Three beats of the slowest client (iOS, every 7 s, §10).
            heartbeat_timeout: Duration::from_secs(21),
            // Viewers send nothing while they watch (§11, §12): only a viewer
            // gone without delete_audience should drop out.
            audience_timeout: Duration::from_secs(3600),
            session_timeout: Duration::from_secs(3600),
        }
    }
}

fn millis(duration: Duration) -> u64 {
    u64::try_from(duration.as_millis()).unwrap_or(u64::MAX)
}

/// The service: its store, its sign-in and its limits.
#[derive(Clone)]
pub struct Service {
    pub store: Store,
    pub auth: Auth,
    pub limits: Limits,
}

/// What one interface (every one but `login`) does for `caller`.
pub trait Answer: Call<Query = AuthQuery> + Clone + Send + Sync + 'static {
    /// The reply payload, or why not; `caller`'s session is already checked.
    fn answer<'t>(
        &'t self,
        service: &'t Service,
        tx: &'t mut Tx,
        caller: &'t AuthQuery,
    ) -> BoxFut<'t, Step<Self::Reply>>;
}

impl Service {
    pub fn heartbeat_ms(&self) -> u64 {
        millis(self.limits.heartbeat_timeout)
    }

    fn audience_ms(&self) -> u64 {
        millis(self.limits.audience_timeout)
    }

    fn session_ms(&self) -> u64 {
        millis(self.limits.session_timeout)
    }

    /// `login`: the userSig checked, a new random token bound to the user.
    /// Its store operations end by `deadline`.
    pub async fn login(
        &self,
        deadline: Instant,
        query: &LoginQuery,
    ) -> Result<api::LoginReply, Fail> {
        check_user_id(&query.user_id)?;
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |elapsed| elapsed.as_secs() as i64);
        if let Err(refusal) =
            self.auth
                .check(&query.sdk_app_id, &query.user_id, &query.user_sig, now)
        {
            let code = match refusal {
                crate::sig::Refusal::UnknownApp => ErrorCode::UnknownSdkAppId,
                crate::sig::Refusal::Invalid => ErrorCode::InvalidImAuthResponse,
                crate::sig::Refusal::Expired => ErrorCode::AuthenticationFailed,
            };
            return Err(fail(code, refusal.detail()));
        }
        let token = new_token()?;
        let session = encode(&Session {
            user: query.user_id.clone(),
        });
        let key = model::session_key(&token);
        let ttl = self.session_ms();
        self.store
            .transact(deadline, |mut tx| {
                let (key, session) = (key.clone(), session.clone());
                Box::pin(async move {
                    let expires_at = tx.after(ttl);
                    tx.set(&key, session, expires_at);
                    (tx, Ok::<_, Abort<Fail>>(()))
                })
            })
            .await?;
        Ok(api::LoginReply {
            user_id: query.user_id.clone(),
            token,
        })
    }

    /// Any other interface: the session, then `request`'s own answer, in one
    /// transaction that ends by `deadline`.
    pub async fn call<C: Answer>(
        &self,
        deadline: Instant,
        caller: AuthQuery,
        request: C,
    ) -> Result<C::Reply, Fail> {
        // Whoever logged in before the rule, nobody is shown under such a name.
        check_user_id(&caller.user_id)?;
        let (request, caller) = (&request, &caller);
        let outcome = self
            .store
            .transact(deadline, |mut tx| {
                Box::pin(async move {
                    let outcome = async {
                        self.session(&mut tx, caller).await?;
                        request.answer(self, &mut tx, caller).await
                    }
                    .await;
                    (tx, outcome)
                })
            })
            .await;
        outcome.map_err(Fail::from)
    }

    /// 202001 unless `caller.token` is a live session of `caller.user_id`,
    /// whose life it then extends.
    async fn session(&self, tx: &mut Tx, caller: &AuthQuery) -> Step<()> {
        if caller.token.is_empty() {
            return refuse(ErrorCode::TokenVerificationFailed, "the token is empty");
        }
        let key = model::session_key(&caller.token);
        let session: Option<Session> = tx
            .get(&key)
            .await
            .map_err(Abort::Store)?
            .and_then(|text| decode(&text));
        match session {
            Some(session) if session.user == caller.user_id => {
                let at = tx.after(self.session_ms());
                tx.expire_at(&key, at);
                Ok(())
            }
            // One answer for another user's token and for none: the reply
            // must not tell anyone that a token they hold is live.
            _ => refuse(
                ErrorCode::TokenVerificationFailed,
                "no live session of this userID has this token",
            ),
        }
    }

    /// The room `id` if it exists, with anyone not heard from in time dropped
    /// (and saved so, if any was).
    async fn room(&self, tx: &mut Tx, id: &str) -> Step<Option<Room>> {
        let text = tx.get(&model::room_key(id)).await.map_err(Abort::Store)?;
        let Some(mut room) = text.and_then(|text| decode::<Room>(&text)) else {
            return Ok(None);
        };
        if room.expires_at <= tx.now() {
            return Ok(None);
        }
        if room.prune(tx.now(), self.heartbeat_ms(), self.audience_ms()) {
            save(tx, &room);
        }
        Ok(Some(room))
    }
}

/// Writes `room` back, keeping its expiry.
pub fn save(tx: &mut Tx, room: &Room) {
    tx.set(&model::room_key(&room.id), encode(room), room.expires_at);
}

/// 128 random bits from the OS, as 32 lowercase hex digits: URL-safe as it
/// is, since clients put the token raw in the query.
fn new_token() -> Result<String, Fail> {
    let mut bytes = [0_u8; 16];
    getrandom::fill(&mut bytes).map_err(|error| {
        fail(
            ErrorCode::OtherFailure,
            format_args!("no randomness from the OS: {error}"),
        )
    })?;
    Ok(bytes.iter().map(|byte| format!("{byte:02x}")).collect())
}

/// A random id with `prefix`: 64 bits, so that ids cannot be guessed.
pub fn new_id(prefix: &str) -> String {
    format!("{prefix}{:016x}", random_u64())
}

/// 201003 unless the body's `userID` is the caller's (an absent one is `""`).
pub fn same_user(body_user: &str, caller: &AuthQuery) -> Step<()> {
    if body_user == caller.user_id {
        Ok(())
    } else if body_user.is_empty() {
        refuse(ErrorCode::UserIdMismatch, "the body has no userID")
    } else {
        refuse(
            ErrorCode::UserIdMismatch,
            format_args!(
                "the body says {body_user:?}, the query {:?}",
                caller.user_id
            ),
        )
    }
}

/// 201004 for an absent or empty `roomID`.
pub fn room_id(id: &str) -> Step<&str> {
    if id.is_empty() {
        refuse(ErrorCode::MissingRoomId, "the body has no roomID")
    } else {
        Ok(id)
    }
}

/// The error `code` for a room that does not exist (never created, or ended).
pub fn no_room<T>(code: ErrorCode, id: &str) -> Step<T> {
    refuse(
        code,
        format_args!("there is no room {id:?}: it ended or never existed"),
    )
}

/// Each interface's [`Answer`] is its function in `rooms.rs` or `audiences.rs`.
macro_rules! answers {
    ($($request:ty => $function:path;)*) => {$(
        impl Answer for $request {
            fn answer<'t>(
                &'t self,
                service: &'t Service,
                tx: &'t mut Tx,
                caller: &'t AuthQuery,
            ) -> BoxFut<'t, Step<<Self as Call>::Reply>> {
                Box::pin($function(self, service, tx, caller))
            }
        }
    )*};
}

answers! {
    api::LogoutRequest => rooms::logout;
    api::GetRoomListRequest => rooms::get_room_list;
    api::GetAnchorUrlRequest => rooms::get_anchor_url;
    api::CreateRoomRequest => rooms::create_room;
    api::DestroyRoomRequest => rooms::destroy_room;
    api::GetAnchorsRequest => rooms::get_anchors;
    api::AddAnchorRequest => rooms::add_anchor;
    api::DeleteAnchorRequest => rooms::delete_anchor;
    api::AnchorHeartbeatRequest => rooms::anchor_heartbeat;
    api::AddAudienceRequest => audiences::add_audience;
    api::DeleteAudienceRequest => audiences::delete_audience;
    api::GetAudiencesRequest => audiences::get_audiences;
    api::MergeStreamRequest => audiences::merge_stream;
    api::SetCustomFieldRequest => audiences::set_custom_field;
    api::GetCustomInfoRequest => audiences::get_custom_info;
}
