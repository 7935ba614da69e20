//! Typed JSON entry points (feature `json`): every way a body can be wrong has
//! its own variant.

use serde::Deserialize;

use super::reply::Judged;
use super::{ProtocolError, Reply, ServerError};

/// Why a body could not be decoded as a reply.
///
/// A syntax error anywhere in the body is `Syntax`, even when `code` says the
/// reply is an error: a body that is not valid JSON is never half-trusted.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum DecodeError {
    /// The body is not JSON (or has trailing characters after the object).
    #[error("reply body is not valid JSON: {0}")]
    Syntax(#[source] serde_json::Error),
    /// The body is JSON but not a RoomService reply.
    #[error(transparent)]
    Protocol(#[from] ProtocolError),
    /// A success reply (`code` `0`) whose fields do not fit the payload type.
    #[error("success reply does not fit the payload type: {0}")]
    Payload(#[source] serde_json::Error),
}

/// Either the server said no, or its reply could not be decoded: what [`decode`] returns.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ReplyError {
    /// A valid reply with a non-zero `code`.
    #[error(transparent)]
    Server(#[from] ServerError),
    /// No valid reply.
    #[error(transparent)]
    Decode(#[from] DecodeError),
}

impl ReplyError {
    /// The server's error, if the reply was a valid error reply.
    pub fn server_error(&self) -> Option<&ServerError> {
        match self {
            ReplyError::Server(error) => Some(error),
            ReplyError::Decode(_) => None,
        }
    }
}

/// Decodes one reply body.
///
/// The body must be exactly one JSON object (RFC 8259: UTF-8, nothing but
/// whitespace after it); anything else is [`DecodeError::Syntax`] or, for JSON
/// that is not a reply, [`DecodeError::Protocol`].
///
/// ```
/// use liveroom_errors::wire::{self, DecodeError, ProtocolError, Reply};
///
/// let reply: Reply = wire::from_slice(br#"{"code":"0","message":"Success!"}"#).unwrap();
/// assert!(reply.is_success());
/// let err = wire::from_slice::<wire::Empty>(b"<html>502 Bad Gateway</html>").unwrap_err();
/// assert!(matches!(err, DecodeError::Syntax(_)));
/// // Key order does not matter, and a syntax error is found wherever it is.
/// let late = wire::from_slice::<wire::Empty>(br#"{"x":1,"code":203010,"y"}"#).unwrap_err();
/// assert!(matches!(late, DecodeError::Syntax(_)));
/// ```
pub fn from_slice<'a, T: Deserialize<'a>>(body: &'a [u8]) -> Result<Reply<T>, DecodeError> {
    let judged: Judged<'a> = serde_json::from_slice(body).map_err(DecodeError::Syntax)?;
    Ok(judged.decode().map_err(DecodeError::Payload)??)
}

/// [`from_slice`] for a `&str` body.
pub fn from_str<'a, T: Deserialize<'a>>(body: &'a str) -> Result<Reply<T>, DecodeError> {
    let judged: Judged<'a> = serde_json::from_str(body).map_err(DecodeError::Syntax)?;
    Ok(judged.decode().map_err(DecodeError::Payload)??)
}

/// Decodes one reply body straight into its payload: one `?` for a client.
///
/// ```
/// use liveroom_errors::ErrorCode;
/// use liveroom_errors::wire::{self, ReplyError};
///
/// let err = wire::decode::<wire::Empty>(br#"{"code":203010,"message":"user not in room"}"#).unwrap_err();
/// let server = err.server_error().unwrap();
/// assert_eq!(server.code(), ErrorCode::MemberNotInRoom);
/// ```
pub fn decode<'a, T: Deserialize<'a>>(body: &'a [u8]) -> Result<T, ReplyError> {
    Ok(from_slice(body)?.into_result()?)
}
