//! What the reply fuzz targets share: a JSON tree that keeps duplicate keys,
//! the independent oracle of reply decoding (both also the main crate's
//! property tests'), the checks against it, and a generator of reply-like bodies.
#![forbid(unsafe_code)]

pub mod check;
pub mod json;
pub mod oracle;
pub mod structured;
