//! Reply decoding of arbitrary bytes, against the independent oracle
//! (`src/oracle.rs`): the same answer from every entry point and every key order.
#![no_main]

use libfuzzer_sys::fuzz_target;
use liveroom_errors_fuzz::oracle;

fuzz_target!(|body: &[u8]| oracle::check(body));
