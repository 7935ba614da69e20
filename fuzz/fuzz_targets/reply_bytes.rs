//! `api::decode` of arbitrary bytes against the independent oracle
//! (`tests/it/decode_props/oracle.rs`, shared with the property tests): exactly its answer, from bytes and from text, in every
//! key order it tries.
#![no_main]

use libfuzzer_sys::fuzz_target;
use liveroom_errors_fuzz::check;

fuzz_target!(|body: &[u8]| check::reply(body));
