//! The typed contract of the LiveRoom *RoomService* backend: its error codes,
//! its interfaces, the codes each interface can return, and its wire format.
//!
//! RoomService (the room-management service behind MLVB live rooms: login, rooms,
//! pushers, audiences, heartbeats, stream mixing, custom fields) answers every
//! call with a JSON object whose `code` is `0` on success or a six-digit error
//! code. [`ErrorCode`] names each of those codes, generated at build time from
//! the crate's `codes.tsv`: the codes of the official table plus those that
//! only the official client SDKs define.
//!
//! Each code knows its Chinese message, an English rendering, its possible
//! causes, the SDK constant name, its [`Category`], what a caller should do
//! about it ([`Recovery`]) and why. The Chinese text of the documented codes
//! is the official one, verbatim; the SDK-only codes have no published text,
//! so their messages are ours: [`ErrorCode::is_documented`] is `false` for them
//! and `Display` marks their text `（非官方文案）` (` (unofficial text)` in English).
//!
//! ```
//! use liveroom_errors::{ErrorCode, Recovery};
//!
//! let code: ErrorCode = "203010".parse()?;
//! assert_eq!(code, ErrorCode::MemberNotInRoom);
//! assert_eq!(code.message_zh(), "成员不在房间内");
//! assert_eq!(code.message_en(), "The member is not in the room");
//! assert_eq!(code.sdk_name(), Some("ERROR_CODE_USER_NOT_IN_ROOM"));
//! match code.recovery() {
//!     Recovery::Retry => { /* back off and retry */ }
//!     Recovery::Reauthenticate => { /* log in again, then retry */ }
//!     Recovery::FixRequest | Recovery::Configure | Recovery::GiveUp => { /* report */ }
//!     // Only for a code in a given call (see `Interface::recovery`).
//!     Recovery::Rejoin | Recovery::Done => {}
//! }
//! # Ok::<(), liveroom_errors::ParseCodeError>(())
//! ```
//!
//! [`Interface`] names the 16 interfaces (`login` … `get_custom_info`), generated
//! from `interfaces.tsv` and `interface_codes.tsv`: each knows its path and query,
//! the codes it can return with the evidence for each pair ([`Evidence`],
//! [`InterfaceCode`]), and what to do about a code *in that call*: "not in the
//! room" is [`Recovery::Done`] for `delete_anchor` but [`Recovery::Rejoin`] for
//! `anchor_heartbeat`. [`ErrorCode::interfaces`] is the way back.
//!
//! ```
//! use liveroom_errors::{ErrorCode, Interface, Recovery};
//!
//! let heartbeat = Interface::AnchorHeartbeat;
//! assert_eq!(heartbeat.path(), "/weapp/live_room/anchor_heartbeat");
//! assert_eq!(heartbeat.recovery(ErrorCode::MemberNotInRoom), Recovery::Rejoin);
//! assert!(ErrorCode::RateLimited.any_interface());
//! ```
//!
//! The `wire` module decodes whole replies into `wire::Reply` (typed
//! protocol errors, unknown codes kept whole as a [`Code`]) and produces
//! wire-exact reply bodies for servers. The `api` module types the request
//! and reply of every interface, and one error enum per interface (with one
//! variant per code it can return, and `Other`): `api::decode` turns a reply
//! body into its payload or that error in one line. [`docs`] renders the
//! tables as Markdown.
//!
//! # Features
//! - `std` (default): the current time in reply bodies, `std` support of the
//!   dependencies; implies `alloc`. `core::error::Error` is implemented either way.
//! - `serde` (default): `Serialize`/`Deserialize` for [`ErrorCode`] (as its integer
//!   code; accepts an integer, a numeric string or a name), [`Code`], [`Category`],
//!   [`Recovery`], [`Interface`] and [`Evidence`] (as their names); with `alloc`,
//!   the `wire` and `api` modules.
//! - `alloc`: heap allocation without `std`, for the `wire` and `api` modules.
//! - `json` (opt-in): typed JSON decoding of whole replies on `serde_json`
//!   (`wire::decode`, `api::decode`).
//! - `axum` (opt-in): RoomService on axum 0.8 (the [`axum`] module):
//!   `IntoResponse` for the reply types, request extractors and fallbacks whose
//!   rejections are RoomService bodies; implies `json`.
//! - `openapi` (opt-in): an OpenAPI 3.1 document of the 16 interfaces
//!   (`openapi::document`), its schemas derived from the `api` types with
//!   `schemars`; implies `json`.
//! - `cli` (opt-in): the `liveroom-errors` command-line tool; implies `openapi`.
//!
//! Without default features the crate is `#![no_std]` and never allocates.
#![cfg_attr(not(feature = "std"), no_std)]
#![forbid(unsafe_code)]
#![deny(missing_docs)]
#![cfg_attr(docsrs, feature(doc_cfg))]

#[cfg(feature = "alloc")]
extern crate alloc;

#[cfg(all(feature = "serde", feature = "alloc"))]
pub mod api;
#[cfg(feature = "axum")]
pub mod axum;
mod code;
pub mod docs;
mod error_code;
mod errors;
mod interface;
#[cfg(feature = "openapi")]
pub mod openapi;
#[cfg(feature = "serde")]
mod serde_impls;
mod vocabulary;

pub use code::{Code, ZeroCode};
pub use error_code::{DisplayEn, ErrorCode};
pub use errors::{ParseCodeError, UnknownCode};
pub use interface::{Interface, InterfaceCodePair};
pub use vocabulary::{Category, Evidence, ParseNameError, Recovery};

/// The README's examples, compiled and run as doctests.
#[cfg(all(doctest, feature = "axum"))] // its service example needs `axum` (which implies `json`)
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
