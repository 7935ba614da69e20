//! Typed JSON entry points (feature `json`): every way a body can be wrong has
//! its own variant.

use serde::Deserialize;

use super::probe::BodyKind;
use super::reply::Decoded;
use super::{ProtocolError, Reply, ServerError};

/// Why a body could not be decoded as a reply.
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

impl From<serde_json::Error> for DecodeError {
    fn from(error: serde_json::Error) -> Self {
        match error.classify() {
            serde_json::error::Category::Data => DecodeError::Payload(error),
            _ => DecodeError::Syntax(error),
        }
    }
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
/// ```
/// use liveroom_errors::wire::{self, DecodeError, ProtocolError, Reply};
///
/// let reply: Reply = wire::from_slice(br#"{"code":"0","message":"Success!"}"#).unwrap();
/// assert!(reply.is_success());
/// let err = wire::from_slice::<wire::Empty>(b"<html>502 Bad Gateway</html>").unwrap_err();
/// assert!(matches!(err, DecodeError::Syntax(_)));
/// ```
#[inline]
pub fn from_slice<'a, T: Deserialize<'a>>(body: &'a [u8]) -> Result<Reply<T>, DecodeError> {
    decode_body(
        body,
        || serde_json::from_slice(body),
        || serde_json::from_slice(body),
    )
}

/// [`from_slice`] for a `&str` body.
#[inline]
pub fn from_str<'a, T: Deserialize<'a>>(body: &'a str) -> Result<Reply<T>, DecodeError> {
    // Not `from_slice`: a `&str` is known UTF-8, which spares serde_json a validation pass.
    decode_body(
        body.as_bytes(),
        || serde_json::from_str(body),
        || serde_json::from_str(body),
    )
}

/// Decodes `body` as a reply with `as_reply` if it is an object; otherwise
/// names what it is with `as_kind` (both read the same body, as bytes or text).
#[inline]
fn decode_body<T>(
    body: &[u8],
    as_kind: impl FnOnce() -> serde_json::Result<BodyKind>,
    as_reply: impl FnOnce() -> serde_json::Result<Decoded<T>>,
) -> Result<Reply<T>, DecodeError> {
    if !starts_an_object(body) {
        let BodyKind(kind) = as_kind()?;
        return Err(ProtocolError::NotAnObject(kind).into());
    }
    as_reply().map_or_else(|error| Err(error.into()), |Decoded(reply)| reply)
}

/// Whether the body's first token is `{`. A reply is then read as a map, which
/// costs less than reading any value and asking what it was.
fn starts_an_object(body: &[u8]) -> bool {
    // JSON's whitespace, as serde_json skips it.
    let mut tokens = body
        .iter()
        .skip_while(|b| matches!(b, b' ' | b'\n' | b'\t' | b'\r'));
    tokens.next() == Some(&b'{')
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
