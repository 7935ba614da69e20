//! The error codes of the LiveRoom *RoomService* backend, as one typed, documented enum.
//!
//! RoomService (the room-management service behind MLVB live rooms: login, rooms,
//! pushers, audiences, heartbeats, stream mixing, custom fields) answers every
//! call with a JSON object whose `code` is `0` on success or a six-digit error
//! code. [`ErrorCode`] names each of those codes, generated at build time from
//! the crate's `codes.tsv`: the 40 codes of the official table plus the 10 that
//! only the official client SDKs define.
//!
//! Each code knows its Chinese message, an English rendering, its possible
//! causes, the SDK constant name, its [`Category`], what a caller should do
//! about it ([`Recovery`]) and why. The Chinese text of the 40 documented codes
//! is the official one, verbatim; the ten SDK-only codes have no published text,
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
//! }
//! # Ok::<(), liveroom_errors::ParseCodeError>(())
//! ```
//!
//! The `wire` module decodes whole replies into `wire::Reply` (typed
//! protocol errors, unknown codes kept as a [`Code`]) and produces
//! wire-exact reply bodies for servers; [`docs`] renders the table as Markdown.
//!
//! # Features
//! - `std` (default): the current time in reply bodies, `std` support of the
//!   dependencies; implies `alloc`. `core::error::Error` is implemented either way.
//! - `serde` (default): `Serialize`/`Deserialize` for [`ErrorCode`] (as its integer
//!   code; accepts an integer, a numeric string or a name), [`Code`], [`Category`]
//!   and [`Recovery`] (as their names); with `alloc`, the `wire` module.
//! - `alloc`: heap allocation without `std`, for the `wire` module.
//! - `json` (opt-in): typed JSON decoding of whole replies on `serde_json`.
//! - `axum` (opt-in): RoomService on axum 0.8 (the [`axum`] module):
//!   `IntoResponse` for the reply types, request extractors and fallbacks whose
//!   rejections are RoomService bodies; implies `json`.
//! - `cli` (opt-in): the `liveroom-errors` command-line tool.
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
mod category;
mod code;
pub mod docs;
mod error_code;
mod errors;
mod recovery;
#[cfg(feature = "serde")]
mod serde_impls;
mod vocabulary;
#[cfg(all(feature = "serde", feature = "alloc"))]
pub mod wire;

pub use category::Category;
pub use code::{Code, ZeroCode};
pub use error_code::{DisplayEn, ErrorCode, ErrorCodeIter};
pub use errors::{ParseCategoryError, ParseCodeError, ParseRecoveryError, UnknownCode};
pub use recovery::Recovery;

/// The README's examples, compiled and run as doctests.
#[cfg(all(doctest, feature = "axum"))] // its service example needs `axum` (which implies `json`)
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
