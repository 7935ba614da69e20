//! The library's tests, one test binary (so the library is linked once):
//! codes, vocabularies, interfaces, the `api` types against the protocol's
//! bodies, decoding (with an independent oracle), the OpenAPI document, the
//! generated reference pages and the command-line tool.

mod alloc;
#[cfg(feature = "json")]
mod api;
#[cfg(feature = "axum")]
mod axum;
#[cfg(feature = "json")]
mod bodies;
#[cfg(feature = "cli")]
mod cli;
mod codes;
#[cfg(feature = "json")]
mod decode;
#[cfg(feature = "json")]
mod decode_props;
#[cfg(feature = "openapi")]
mod docs;
mod interfaces;
#[cfg(feature = "openapi")]
mod openapi;
#[cfg(feature = "json")]
mod replies;
#[cfg(feature = "serde")]
mod serde;
