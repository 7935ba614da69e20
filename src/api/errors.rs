//! The errors of each interface, generated from `interface_codes.tsv`, and the
//! one-line decoding of a reply into its payload or its interface's error.
//!
//! Each interface has an enum with one variant per code it can return (named
//! as the [`ErrorCode`] variant), each holding the [`ServerError`] exactly as
//! received, and `Other` for every other code: a newer server's code, a code
//! outside the known pairs, a negative client code. Nothing a server sends is
//! lost, and every error converts back into its `ServerError`.

use core::fmt;

use crate::wire::ServerError;
#[cfg(feature = "json")]
use crate::wire::{DecodeError, ReplyError};
use crate::{Code, ErrorCode, Interface, InterfaceCode, Recovery};

#[cfg(feature = "json")]
use super::ReplyPayload;

/// What the error type of every interface shares: generic code uses it, and
/// each type also has the same methods as inherent ones (no import needed).
///
/// ```
/// use liveroom_errors::api::{self, InterfaceError};
/// use liveroom_errors::wire::ServerError;
/// use liveroom_errors::{ErrorCode, Recovery};
///
/// /// Whether a failed call is really a success, whatever the interface.
/// fn already_done<E: InterfaceError>(err: &E) -> bool {
///     err.recovery() == Some(Recovery::Done)
/// }
/// let not_in_room = ServerError::from(ErrorCode::MemberNotInRoom);
/// assert!(already_done(&api::DeleteAudienceError::from(not_in_room.clone())));
/// assert!(!already_done(&api::AnchorHeartbeatError::from(not_in_room)));
/// ```
pub trait InterfaceError:
    From<ServerError> + Into<ServerError> + core::error::Error + Clone + Send + Sync + 'static
{
    /// The interface whose errors these are.
    ///
    /// ```
    /// use liveroom_errors::api::{self, InterfaceError};
    /// use liveroom_errors::Interface;
    /// assert_eq!(<api::MergeStreamError as InterfaceError>::INTERFACE, Interface::MergeStream);
    /// ```
    const INTERFACE: Interface;

    /// The error as the server sent it: code, text and timestamp.
    ///
    /// ```
    /// use liveroom_errors::api::{self, InterfaceError};
    /// use liveroom_errors::{wire::ServerError, ErrorCode};
    /// let err = api::MergeStreamError::from(ServerError::new(ErrorCode::MixStreamFailed, "mix failed"));
    /// assert_eq!(InterfaceError::server_error(&err).message(), "mix failed");
    /// ```
    fn server_error(&self) -> &ServerError;

    /// The code, known or not.
    ///
    /// ```
    /// use liveroom_errors::api::{self, InterfaceError};
    /// use liveroom_errors::{wire::ServerError, Code};
    /// let err = api::MergeStreamError::from(ServerError::new(Code::new(-1).unwrap(), "timeout"));
    /// assert_eq!(InterfaceError::code(&err).value(), -1);
    /// ```
    fn code(&self) -> Code {
        self.server_error().code()
    }

    /// The pair of the interface and the code (evidence, basis, recovery in
    /// this call), if the interface is known to return the code; `None` for
    /// every error in `Other`.
    ///
    /// ```
    /// use liveroom_errors::api::{self, InterfaceError};
    /// use liveroom_errors::{wire::ServerError, ErrorCode, Evidence};
    /// let err = api::MergeStreamError::from(ServerError::from(ErrorCode::MixStreamFailed));
    /// assert_eq!(InterfaceError::pair(&err).unwrap().evidence(), Evidence::Documented);
    /// ```
    fn pair(&self) -> Option<&'static InterfaceCode> {
        match self.code().known() {
            Some(code) => Self::INTERFACE.error(code),
            None => None,
        }
    }

    /// What to do in this call: the interface's override for the code, else
    /// the code's own recovery; `None` for a code this version does not know.
    ///
    /// ```
    /// use liveroom_errors::api::{self, InterfaceError};
    /// use liveroom_errors::{wire::ServerError, ErrorCode, Recovery};
    /// let err = api::LogoutError::from(ServerError::from(ErrorCode::TokenVerificationFailed));
    /// assert_eq!(InterfaceError::recovery(&err), Some(Recovery::Done)); // the session is gone anyway
    /// ```
    fn recovery(&self) -> Option<Recovery> {
        (self.code().known()).map(|code| Self::INTERFACE.recovery(code))
    }

    /// Why [`recovery`](Self::recovery), in one English sentence: the
    /// override's reason, else the code's own; `None` for an unknown code.
    ///
    /// ```
    /// use liveroom_errors::api::{self, InterfaceError};
    /// use liveroom_errors::{wire::ServerError, ErrorCode};
    /// let err = api::LogoutError::from(ServerError::from(ErrorCode::TokenVerificationFailed));
    /// assert!(InterfaceError::recovery_reason(&err).unwrap().contains("logout"));
    /// ```
    fn recovery_reason(&self) -> Option<&'static str> {
        match (self.pair(), self.code().known()) {
            (Some(pair), _) => Some(pair.recovery_reason()),
            (None, Some(code)) => Some(code.recovery_reason()),
            (None, None) => None,
        }
    }

    /// Whether sending the same request again later may succeed
    /// ([`Recovery::Retry`] in this call).
    ///
    /// ```
    /// use liveroom_errors::api::{self, InterfaceError};
    /// use liveroom_errors::{wire::ServerError, ErrorCode};
    /// let err = api::MergeStreamError::from(ServerError::from(ErrorCode::MixStreamFailed));
    /// assert!(InterfaceError::is_retryable(&err));
    /// ```
    fn is_retryable(&self) -> bool {
        matches!(self.recovery(), Some(Recovery::Retry))
    }
}

/// One interface's error enum, its methods and conversions.
macro_rules! interface_error {
    (
        $(#[$attr:meta])*
        $name:ident: $interface:ident {
            $( $(#[$variant_attr:meta])* $variant:ident, )*
        }
    ) => {
        $(#[$attr])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash)]
        pub enum $name {
            $( $(#[$variant_attr])* $variant(ServerError), )*
            /// Any other code, kept whole: a code of a newer server, a known code
            /// outside this interface's known pairs, a negative client code.
            Other(ServerError),
        }

        impl $name {
            #[doc = concat!("The interface: [`Interface::", stringify!($interface), "`].")]
            ///
            /// ```
            /// use liveroom_errors::{api, Interface};
            #[doc = concat!("assert_eq!(api::", stringify!($name), "::INTERFACE, Interface::", stringify!($interface), ");")]
            /// ```
            pub const INTERFACE: Interface = Interface::$interface;

            /// The error as the server sent it: code, text and timestamp.
            ///
            /// ```
            /// use liveroom_errors::{api, wire::ServerError, ErrorCode};
            #[doc = concat!("let err = api::", stringify!($name), "::from(ServerError::new(ErrorCode::RateLimited, \"slow down\"));")]
            /// assert_eq!(err.server_error().message(), "slow down");
            /// ```
            pub fn server_error(&self) -> &ServerError {
                match self {
                    $( Self::$variant(error) )|* | Self::Other(error) => error,
                }
            }

            /// The [`ServerError`], unchanged.
            ///
            /// ```
            /// use liveroom_errors::{api, wire::ServerError, Code};
            /// let sent = ServerError::new(Code::new(-1).unwrap(), "network").with_timestamp(7);
            #[doc = concat!("assert_eq!(api::", stringify!($name), "::from(sent.clone()).into_server_error(), sent);")]
            /// ```
            pub fn into_server_error(self) -> ServerError {
                match self {
                    $( Self::$variant(error) )|* | Self::Other(error) => error,
                }
            }

            /// The code, known or not.
            ///
            /// ```
            /// use liveroom_errors::{api, wire::ServerError, ErrorCode};
            #[doc = concat!("let err = api::", stringify!($name), "::from(ServerError::from(ErrorCode::RateLimited));")]
            /// assert_eq!(err.code(), ErrorCode::RateLimited);
            /// ```
            pub fn code(&self) -> Code {
                self.server_error().code()
            }

            /// The pair of this interface and the code (evidence, basis,
            /// recovery in this call); `None` for `Other`.
            ///
            /// ```
            /// use liveroom_errors::{api, wire::ServerError, Code, ErrorCode};
            #[doc = concat!("let err = api::", stringify!($name), "::from(ServerError::from(ErrorCode::RateLimited));")]
            /// assert!(err.pair().unwrap().is_any_interface());
            #[doc = concat!("let newer = api::", stringify!($name), "::from(ServerError::new(Code::new(299999).unwrap(), \"?\"));")]
            /// assert!(newer.pair().is_none());
            /// ```
            pub fn pair(&self) -> Option<&'static InterfaceCode> {
                InterfaceError::pair(self)
            }

            /// What to do in this call: the override for the code in this
            /// interface, else the code's own recovery; `None` for a code this
            /// version does not know.
            ///
            /// ```
            /// use liveroom_errors::{api, wire::ServerError, Code, ErrorCode, Recovery};
            #[doc = concat!("let err = api::", stringify!($name), "::from(ServerError::from(ErrorCode::RateLimited));")]
            /// assert_eq!(err.recovery(), Some(Recovery::Retry));
            #[doc = concat!("let newer = api::", stringify!($name), "::from(ServerError::new(Code::new(299999).unwrap(), \"?\"));")]
            /// assert_eq!(newer.recovery(), None);
            /// ```
            pub fn recovery(&self) -> Option<Recovery> {
                InterfaceError::recovery(self)
            }

            /// Why [`recovery`](Self::recovery), in one English sentence.
            ///
            /// ```
            /// use liveroom_errors::{api, wire::ServerError, ErrorCode};
            #[doc = concat!("let err = api::", stringify!($name), "::from(ServerError::from(ErrorCode::RateLimited));")]
            /// assert!(err.recovery_reason().unwrap().contains("100 requests per second"));
            /// ```
            pub fn recovery_reason(&self) -> Option<&'static str> {
                InterfaceError::recovery_reason(self)
            }

            /// Whether sending the same request again later may succeed.
            ///
            /// ```
            /// use liveroom_errors::{api, wire::ServerError, ErrorCode};
            #[doc = concat!("let err = api::", stringify!($name), "::from(ServerError::from(ErrorCode::RateLimited));")]
            /// assert!(err.is_retryable());
            /// ```
            pub fn is_retryable(&self) -> bool {
                InterfaceError::is_retryable(self)
            }
        }

        impl From<ServerError> for $name {
            /// The variant of the error's code, or `Other`.
            fn from(error: ServerError) -> Self {
                match error.known() {
                    $( Some(ErrorCode::$variant) => Self::$variant(error), )*
                    _ => Self::Other(error),
                }
            }
        }

        impl From<$name> for ServerError {
            fn from(error: $name) -> Self {
                error.into_server_error()
            }
        }

        impl fmt::Display for $name {
            /// The interface, then the server's error: `get_anchor_url: 204004 get push and acc url failed!`.
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}: {}", Self::INTERFACE, self.server_error())
            }
        }

        impl core::error::Error for $name {}

        impl InterfaceError for $name {
            const INTERFACE: Interface = Interface::$interface;

            fn server_error(&self) -> &ServerError {
                $name::server_error(self)
            }
        }
    };
}

include!(concat!(env!("OUT_DIR"), "/api_errors.rs"));

/// Why a call failed: the server answered with an error of the interface, or
/// its reply could not be decoded. What [`decode`] returns (feature `json`).
///
/// Exhaustive on purpose: a reply either is a valid error reply or is none;
/// [`DecodeError`] tells the kinds of "none" apart.
///
/// ```
/// use liveroom_errors::api::{self, CallError, GetAnchorUrlError};
/// use liveroom_errors::wire::DecodeError;
///
/// let err = api::decode::<api::GetAnchorUrlReply>(r#"{"code":202001,"message":"verify failed"}"#).unwrap_err();
/// assert!(matches!(err, CallError::Server(GetAnchorUrlError::TokenVerificationFailed(_))));
/// assert_eq!(err.to_string(), "get_anchor_url: 202001 verify failed");
///
/// let err = api::decode::<api::GetAnchorUrlReply>("<html>").unwrap_err();
/// assert!(matches!(err, CallError::Decode(DecodeError::Syntax(_))));
/// ```
#[cfg(feature = "json")]
#[derive(Debug)]
pub enum CallError<E> {
    /// A valid reply with a non-zero `code`, as the interface's error.
    Server(E),
    /// No valid reply (not JSON, not a reply, or a success that does not fit
    /// the payload type).
    Decode(DecodeError),
}

#[cfg(feature = "json")]
impl<E> CallError<E> {
    /// The interface's error, if the server answered with one.
    ///
    /// ```
    /// use liveroom_errors::api;
    /// let err = api::decode::<api::LogoutReply>(r#"{"code":202004,"message":"logout failed"}"#).unwrap_err();
    /// assert_eq!(err.server().unwrap().server_error().message(), "logout failed");
    /// ```
    pub fn server(&self) -> Option<&E> {
        match self {
            CallError::Server(error) => Some(error),
            CallError::Decode(_) => None,
        }
    }

    /// The interface's error, if the server answered with one, by value.
    ///
    /// ```
    /// use liveroom_errors::api::{self, LogoutError};
    /// let err = api::decode::<api::LogoutReply>(r#"{"code":202004}"#).unwrap_err();
    /// assert!(matches!(err.into_server(), Some(LogoutError::LogoutFailed(_))));
    /// ```
    pub fn into_server(self) -> Option<E> {
        match self {
            CallError::Server(error) => Some(error),
            CallError::Decode(_) => None,
        }
    }

    /// Why the reply could not be decoded, if it could not.
    ///
    /// ```
    /// use liveroom_errors::api;
    /// let err = api::decode::<api::LogoutReply>(r#"{"message":"no code"}"#).unwrap_err();
    /// assert!(err.decode_error().is_some());
    /// ```
    pub fn decode_error(&self) -> Option<&DecodeError> {
        match self {
            CallError::Server(_) => None,
            CallError::Decode(error) => Some(error),
        }
    }
}

#[cfg(feature = "json")]
impl<E: InterfaceError> CallError<E> {
    /// What to do in this call: the server error's recovery in this interface;
    /// `None` for an unknown code and for a reply that could not be decoded.
    ///
    /// ```
    /// use liveroom_errors::{api, Recovery};
    /// let err = api::decode::<api::AnchorHeartbeatReply>(r#"{"code":203010}"#).unwrap_err();
    /// assert_eq!(err.recovery(), Some(Recovery::Rejoin));
    /// ```
    pub fn recovery(&self) -> Option<Recovery> {
        self.server().and_then(InterfaceError::recovery)
    }
}

#[cfg(feature = "json")]
impl<E: fmt::Display> fmt::Display for CallError<E> {
    /// The interface's error, or the decoding error.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CallError::Server(error) => error.fmt(f),
            CallError::Decode(error) => error.fmt(f),
        }
    }
}

#[cfg(feature = "json")]
impl<E: core::error::Error + 'static> core::error::Error for CallError<E> {
    /// Transparent: the source of the error shown.
    fn source(&self) -> Option<&(dyn core::error::Error + 'static)> {
        match self {
            CallError::Server(error) => error.source(),
            CallError::Decode(error) => error.source(),
        }
    }
}

#[cfg(feature = "json")]
impl<E> From<DecodeError> for CallError<E> {
    fn from(error: DecodeError) -> Self {
        CallError::Decode(error)
    }
}

#[cfg(feature = "json")]
impl<E: Into<ServerError>> From<CallError<E>> for ReplyError {
    /// Forgets the interface: what [`wire::decode`](crate::wire::decode) would have returned.
    ///
    /// ```
    /// use liveroom_errors::api;
    /// use liveroom_errors::wire::ReplyError;
    /// let err = api::decode::<api::LogoutReply>(r#"{"code":202004}"#).unwrap_err();
    /// assert!(matches!(ReplyError::from(err), ReplyError::Server(e) if e.code().value() == 202004));
    /// ```
    fn from(error: CallError<E>) -> Self {
        match error {
            CallError::Server(error) => ReplyError::Server(error.into()),
            CallError::Decode(error) => ReplyError::Decode(error),
        }
    }
}

/// Decodes one reply body of an interface, named by its reply payload type:
/// the payload on success, else that interface's error. One line for a client
/// (feature `json`).
///
/// The body is decoded as [`wire::from_slice`](crate::wire::from_slice) does
/// (one JSON object, key order irrelevant, unknown fields ignored, typed
/// protocol errors); an error reply becomes the interface's error type, with
/// every code kept.
///
/// ```
/// use liveroom_errors::api::{self, CallError, GetAnchorUrlError};
/// use liveroom_errors::Recovery;
///
/// let body = r#"{"code":0,"message":"Success!","timestamp":1700000000000,
///     "pushURL":"rtmp://push/live/s1?txSecret=a&txTime=b","accelerateURL":"rtmp://play/live/s1"}"#;
/// let urls = api::decode::<api::GetAnchorUrlReply>(body)?;
/// assert_eq!(urls.accelerate_url, "rtmp://play/live/s1");
///
/// let body = br#"{"code":204004,"message":"get push and acc url failed!","timestamp":1577087588457}"#;
/// match api::decode::<api::GetAnchorUrlReply>(body) {
///     Err(CallError::Server(GetAnchorUrlError::GetAcceleratedUrlFailed(err))) => {
///         assert_eq!(err.message(), "get push and acc url failed!");
///         assert_eq!(err.recovery(), Some(Recovery::Configure));
///     }
///     other => panic!("{other:?}"),
/// }
/// # Ok::<(), CallError<GetAnchorUrlError>>(())
/// ```
#[cfg(feature = "json")]
pub fn decode<R: ReplyPayload>(body: impl AsRef<[u8]>) -> Result<R, CallError<R::Error>> {
    match crate::wire::from_slice::<R>(body.as_ref())?.into_result() {
        Ok(payload) => Ok(payload),
        Err(error) => Err(CallError::Server(R::Error::from(error))),
    }
}
