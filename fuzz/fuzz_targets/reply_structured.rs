//! `api::decode` of generated reply-like bodies (`src/structured.rs`) against
//! the independent oracle (`tests/it/decode_props/oracle.rs`, shared with the property tests): most inputs reach the decoder's
//! envelope and payload logic, which random bytes rarely do.
#![no_main]

use libfuzzer_sys::fuzz_target;
use liveroom_errors_fuzz::{check, structured::Body};

fuzz_target!(|body: Body| check::reply(&body.to_bytes()));
