//! One user's session with the service: its calls, typed by the `api`
//! module, and the recovery of their errors in context.

use std::fmt;
use std::thread;
use std::time::Duration;

use liveroom_errors::api::{
    self, AuthQuery, Call, CallError, InterfaceError, LoginQuery, ServerError,
};
use liveroom_errors::{Interface, Recovery};
use serde::Serialize;

/// The `sdkAppID` this client logs in with.
pub const SDK_APP_ID: &str = "1400047134";

/// Why a call failed: the server's reply (an error of the interface, or no
/// valid reply), or no reply at all.
#[derive(Debug)]
pub enum Failure<E> {
    Reply(CallError<E>),
    Transport(ureq::Error),
}

impl<E: InterfaceError> Failure<E> {
    /// The interface's error, if the server answered with one.
    pub fn server(&self) -> Option<&E> {
        match self {
            Failure::Reply(error) => error.server(),
            Failure::Transport(_) => None,
        }
    }

    /// What to do about it in this call (`None` if there was no error reply,
    /// or its code is unknown).
    pub fn recovery(&self) -> Option<Recovery> {
        self.server().and_then(InterfaceError::recovery)
    }
}

impl<E: fmt::Display> fmt::Display for Failure<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Failure::Reply(error) => error.fmt(f),
            Failure::Transport(error) => write!(f, "no reply: {error}"),
        }
    }
}

impl<E: std::error::Error + 'static> std::error::Error for Failure<E> {}

/// What a call came to once its recovery was applied.
#[derive(Debug)]
pub enum Outcome<R> {
    /// The reply's payload.
    Replied(R),
    /// The server refused, but in this call the refusal means the goal is
    /// reached (`Recovery::Done`): the error, for the record.
    AlreadyDone(ServerError),
}

/// The query string of an `api` query type, from its own field names.
pub fn query_string<Q: Serialize>(query: &Q) -> String {
    // Plain structs of strings: always encodable.
    serde_urlencoded::to_string(query).unwrap_or_default()
}

/// One user of the service: its credentials, and its token once logged in.
pub struct Session {
    server: String,
    agent: ureq::Agent,
    user_id: String,
    /// What `login` sends as `userSig`.
    user_sig: String,
    token: String,
}

impl Session {
    /// A session of `user_id` with the server at `server` (`http://127.0.0.1:8400`),
    /// not logged in; `login` will send `user_sig`.
    pub fn new(server: &str, user_id: &str, user_sig: &str) -> Self {
        // The backend answers HTTP 200 for errors too; any other status is the reply's business.
        let agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(10)))
            .build()
            .into();
        Session {
            server: server.trim_end_matches('/').to_owned(),
            agent,
            user_id: user_id.to_owned(),
            user_sig: user_sig.to_owned(),
            token: String::new(),
        }
    }

    /// Uses `token` from now on (to show what the server says to an old one).
    pub fn set_token(&mut self, token: &str) {
        self.token = token.to_owned();
    }

    /// Sends one request and decodes its reply as `R`'s interface's.
    fn send<R: api::Reply>(
        &self,
        path_and_query: &str,
        body: Result<Vec<u8>, serde_json::Error>,
    ) -> Result<R, Failure<R::Error>> {
        let url = format!("{}{path_and_query}", self.server);
        let body = body.unwrap_or_default();
        let response = self
            .agent
            .post(&url)
            .header("content-type", "application/json; charset=utf-8")
            .send(&body[..]);
        let bytes = response
            .and_then(|mut response| response.body_mut().read_to_vec())
            .map_err(Failure::Transport)?;
        match api::decode::<R>(&bytes) {
            Ok(success) => Ok(success.payload),
            Err(error) => Err(Failure::Reply(error)),
        }
    }

    /// `login`; the body is empty, as Android sends it.
    pub fn login(&mut self) -> Result<api::LoginReply, Failure<api::LoginError>> {
        let query = LoginQuery {
            sdk_app_id: SDK_APP_ID.into(),
            user_id: self.user_id.clone(),
            user_sig: self.user_sig.clone(),
            platform: Some("Rust".into()),
            ..LoginQuery::default()
        };
        let target = format!("{}?{}", Interface::Login.path(), query_string(&query));
        let login: api::LoginReply = self.send(&target, Ok(Vec::new()))?;
        self.token.clone_from(&login.token);
        Ok(login)
    }

    /// One call of `C`'s interface with this session's `userID` and token.
    pub fn call<C: Call<Query = AuthQuery>>(
        &self,
        request: &C,
    ) -> Result<C::Reply, Failure<C::Error>> {
        let query = AuthQuery {
            user_id: self.user_id.clone(),
            token: self.token.clone(),
        };
        let target = format!("{}?{}", C::INTERFACE.path(), query_string(&query));
        self.send(&target, serde_json::to_vec(request))
    }

    /// [`call`](Self::call), acting on the error's recovery in this call,
    /// exactly as [`Recovery`] says: `Done` is an outcome of its own,
    /// `Reauthenticate` logs in again once and sends the request once more,
    /// `Retry` sends it again after each of `Recovery::RETRY_DELAYS_MS`;
    /// every other error (`Rejoin` included: only the caller knows how to
    /// join) comes back. So no call loops for ever.
    pub fn call_recovering<C: Call<Query = AuthQuery>>(
        &mut self,
        request: &C,
    ) -> Result<Outcome<C::Reply>, Failure<C::Error>> {
        let mut logged_in_again = false;
        let mut delays = Recovery::RETRY_DELAYS_MS.into_iter();
        loop {
            let failure = match self.call(request) {
                Ok(reply) => return Ok(Outcome::Replied(reply)),
                Err(failure) => failure,
            };
            match failure.recovery() {
                Some(Recovery::Done) => {
                    if let Failure::Reply(CallError::Server(error)) = failure {
                        return Ok(Outcome::AlreadyDone(error.into()));
                    }
                    return Err(failure);
                }
                Some(Recovery::Reauthenticate) if !logged_in_again => {
                    logged_in_again = true;
                    if self.login().is_err() {
                        return Err(failure);
                    }
                }
                Some(Recovery::Retry) => match delays.next() {
                    Some(ms) => thread::sleep(Duration::from_millis(ms)),
                    None => return Err(failure),
                },
                _ => return Err(failure),
            }
        }
    }
}
