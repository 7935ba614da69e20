//! `api::decode` of generated reply-like bodies (`src/structured.rs`) against
//! the independent oracle (`src/oracle.rs`): most inputs reach the decoder's
//! envelope and payload logic, which random bytes rarely do.
#![no_main]

use libfuzzer_sys::fuzz_target;
use liveroom_errors_fuzz::{oracle, structured::Body};

fuzz_target!(|body: Body| oracle::check(&body.to_bytes()));
