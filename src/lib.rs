//! The typed contract of the LiveRoom *RoomService* backend of Tencent Cloud's
//! MLVB (Mobile Live Video Broadcasting): its error codes, its 16 interfaces,
//! the codes each interface can return with what to do about them in that
//! call, and its requests and replies.
//!
//! RoomService (login, rooms, anchors, audiences, heartbeats, stream mixing,
//! custom fields) answers every call with one JSON object whose `code` is `0`
//! on success or an error code. [`ErrorCode`] names each code, generated at
//! build time from the crate's `codes.tsv`: the codes of the official table
//! and those only the official client SDKs define. Each knows its Chinese
//! message (the official text, or ours marked `（非官方文案）` for the SDK-only
//! codes), an English one, its causes, SDK constant, [`Category`], and what a
//! caller should do ([`Recovery`]) and why.
//!
//! ```
//! use liveroom_errors::{ErrorCode, Recovery};
//!
//! let code: ErrorCode = "203010".parse()?;
//! assert_eq!(code, ErrorCode::MemberNotInRoom);
//! assert_eq!(code.message_zh(), "成员不在房间内");
//! assert_eq!(code.sdk_name(), Some("ERROR_CODE_USER_NOT_IN_ROOM"));
//! assert_eq!(code.recovery(), Recovery::GiveUp);
//! # Ok::<(), liveroom_errors::ParseCodeError>(())
//! ```
//!
//! [`Interface`] names the 16 interfaces: each knows its path and query, the
//! codes it can return with the [`Evidence`] for each pair
//! ([`InterfaceCodePair`]), and what to do about a code *in that call*: "not
//! in the room" is [`Recovery::Done`] for `delete_anchor` but
//! [`Recovery::Rejoin`] for `anchor_heartbeat`.
//!
//! ```
//! use liveroom_errors::{ErrorCode, Interface, Recovery};
//!
//! let heartbeat = Interface::AnchorHeartbeat;
//! assert_eq!(heartbeat.path(), "/weapp/live_room/anchor_heartbeat");
//! assert_eq!(heartbeat.recovery(ErrorCode::MemberNotInRoom), Recovery::Rejoin);
//! assert!(ErrorCode::RateLimited.is_any_interface());
//! ```
//!
//! The [`api`] module types the request and reply of every interface, the
//! reply envelope, and one error enum per interface; [`api::decode`] reads a
//! reply body into its payload or that error. [`axum`] serves RoomService
//! with them, [`openapi`] describes it for other languages, and [`docs`]
//! renders the tables as Markdown. docs/protocol.md in the repository is the
//! protocol these types follow, cited as §N.
//!
//! # Features
//! - `std` (default): the current time in reply bodies, `std` support of the
//!   dependencies; implies `alloc`.
//! - `serde` (default): `Serialize`/`Deserialize` for [`ErrorCode`] (its
//!   number; decodes from a number, a numeric string or a name), [`Code`] and
//!   the vocabularies (their names); with `alloc`, the [`api`] module.
//! - `alloc`: heap allocation without `std`, for the [`api`] module.
//! - `json` (opt-in): [`api::decode`], on `serde_json`.
//! - `axum` (opt-in): RoomService on axum 0.8 ([`axum`]); implies `json`.
//! - `openapi` (opt-in): an OpenAPI 3.1 document of the 16 interfaces
//!   ([`openapi::document`]), its schemas derived from the [`api`] types with
//!   `schemars`; implies `json`.
//! - `cli` (opt-in): the `liveroom-errors` command-line tool; implies `openapi`.
//!
//! Without default features the crate is `#![no_std]` and never allocates.
//!
//! (In documentation built without a feature, the links to what it adds lead
//! to this list.)
//!
#![cfg_attr(all(feature = "serde", feature = "alloc"), doc = "[`api`]: crate::api")]
#![cfg_attr(
    not(all(feature = "serde", feature = "alloc")),
    doc = "[`api`]: #features"
)]
#![cfg_attr(feature = "json", doc = "[`api::decode`]: crate::api::decode")]
#![cfg_attr(not(feature = "json"), doc = "[`api::decode`]: #features")]
#![cfg_attr(feature = "axum", doc = "[`axum`]: crate::axum")]
#![cfg_attr(not(feature = "axum"), doc = "[`axum`]: #features")]
#![cfg_attr(feature = "openapi", doc = "[`openapi`]: crate::openapi")]
#![cfg_attr(not(feature = "openapi"), doc = "[`openapi`]: #features")]
#![cfg_attr(
    feature = "openapi",
    doc = "[`openapi::document`]: crate::openapi::document"
)]
#![cfg_attr(not(feature = "openapi"), doc = "[`openapi::document`]: #features")]
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

/// The examples of docs/recovery.md, compiled and run as doctests.
#[cfg(all(doctest, feature = "axum"))]
#[doc = include_str!("../docs/recovery.md")]
struct RecoveryDoctests;
