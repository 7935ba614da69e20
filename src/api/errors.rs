//! The errors of each interface, generated from `interface_codes.tsv`.
//!
//! Each interface has an enum with one variant per code it can return (named
//! as the [`ErrorCode`] variant), each holding the [`ServerError`] exactly as
//! received, and `Other` for every other code: a newer server's code, a code
//! outside the known pairs, a negative client code. Nothing a server sends is
//! lost, and every error converts back into its `ServerError`. What they share
//! is the trait [`InterfaceError`], written and documented once.

use core::fmt;

use super::ServerError;
use crate::{ErrorCode, Interface, InterfaceCodePair, Recovery};

/// What the error enum of every interface has: its interface, the
/// [`ServerError`] it holds, and the advice for it *in this call*.
///
/// ```
/// use liveroom_errors::api::{self, InterfaceError, ServerError};
/// use liveroom_errors::{Code, ErrorCode, Evidence, Interface, Recovery};
///
/// let not_in_room = ServerError::from(ErrorCode::MemberNotInRoom);
/// // Leaving a room one is not in is done; a heartbeat there means: join again.
/// let leave = api::DeleteAudienceError::from(not_in_room.clone());
/// assert_eq!(leave.recovery(), Some(Recovery::Done));
/// let beat = api::AnchorHeartbeatError::from(not_in_room);
/// assert_eq!(beat.recovery(), Some(Recovery::Rejoin));
/// assert_eq!(beat.server_error().code(), ErrorCode::MemberNotInRoom);
/// assert_eq!(beat.pair().unwrap().evidence(), Evidence::Inferred);
///
/// // A refused token at logout: done, the session is gone anyway.
/// let logout = api::LogoutError::from(ServerError::from(ErrorCode::TokenVerificationFailed));
/// assert_eq!(logout.recovery(), Some(Recovery::Done));
/// assert!(logout.recovery_reason().unwrap().contains("logout"));
/// assert_eq!(<api::LogoutError as InterfaceError>::INTERFACE, Interface::Logout);
/// // A code this version does not know: no advice.
/// let newer = api::LogoutError::from(ServerError::new(Code::new(299999).unwrap(), "?"));
/// assert_eq!((newer.pair(), newer.recovery(), newer.recovery_reason()), (None, None, None));
/// ```
pub trait InterfaceError:
    From<ServerError> + Into<ServerError> + core::error::Error + Clone + Send + Sync + 'static
{
    /// The interface whose errors these are.
    const INTERFACE: Interface;

    /// The error as the server sent it: code, text and timestamp.
    fn server_error(&self) -> &ServerError;

    /// The pair of the interface and the code (evidence, basis, recovery in
    /// this call), if the interface is known to return the code; `None` for
    /// every error in `Other`.
    fn pair(&self) -> Option<&'static InterfaceCodePair> {
        (self.server_error().code().known()).and_then(|code| Self::INTERFACE.error(code))
    }

    /// What to do in this call: the interface's override for the code, else
    /// the code's own recovery; `None` for a code this version does not know.
    fn recovery(&self) -> Option<Recovery> {
        (self.server_error().code().known()).map(|code| Self::INTERFACE.recovery(code))
    }

    /// Why [`recovery`](Self::recovery), in one English sentence: the
    /// override's reason, else the code's own; `None` for an unknown code.
    fn recovery_reason(&self) -> Option<&'static str> {
        let code = self.server_error().code().known()?;
        Some(match self.pair() {
            Some(pair) => pair.recovery_reason(),
            None => code.recovery_reason(),
        })
    }
}

/// One interface's error enum and its conversions.
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

        impl From<ServerError> for $name {
            /// The variant of the error's code, or `Other`.
            fn from(error: ServerError) -> Self {
                match error.code().known() {
                    $( Some(ErrorCode::$variant) => Self::$variant(error), )*
                    _ => Self::Other(error),
                }
            }
        }

        impl From<$name> for ServerError {
            fn from(error: $name) -> Self {
                match error {
                    $( $name::$variant(error) )|* | $name::Other(error) => error,
                }
            }
        }

        impl fmt::Display for $name {
            /// The interface, then the server's error: `get_anchor_url: 204004 get push and acc url failed!`.
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}: {}", Interface::$interface, self.server_error())
            }
        }

        impl core::error::Error for $name {}

        impl InterfaceError for $name {
            const INTERFACE: Interface = Interface::$interface;

            fn server_error(&self) -> &ServerError {
                match self {
                    $( Self::$variant(error) )|* | Self::Other(error) => error,
                }
            }
        }
    };
}

include!(concat!(env!("OUT_DIR"), "/api_errors.rs"));
