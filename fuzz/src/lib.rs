//! What the reply fuzz targets share: a JSON tree that keeps duplicate keys,
//! the independent oracle of reply decoding (both also the main crate's
//! property tests'), the checks against it, and a generator of reply-like bodies.
#![forbid(unsafe_code)]

pub mod check;
// The main crate's property tests hold these two, so that its packaged tests
// compile on their own; the targets share them.
#[path = "../../tests/it/decode_props/json.rs"]
pub mod json;
#[path = "../../tests/it/decode_props/oracle.rs"]
pub mod oracle;
pub mod structured;
