//! `ErrorCode::from_str`, `from_name`, `from_code` and serde of `ErrorCode`,
//! `Code`, `Category` and `Recovery` on arbitrary input: never a panic, and
//! every value that decodes round-trips to itself.
#![no_main]

use std::fmt::Debug;

use libfuzzer_sys::fuzz_target;
use liveroom_errors::{Category, Code, ErrorCode, Recovery};
use serde::{Serialize, de::DeserializeOwned};

fuzz_target!(|data: &[u8]| {
    // An integer from the first bytes: any `u32`, and one in the band of the
    // known codes so that lookups hit.
    let mut word = [0u8; 4];
    let prefix = data.len().min(4);
    word[..prefix].copy_from_slice(&data[..prefix]);
    let n = u32::from_le_bytes(word);
    check_from_code(n);
    check_from_code(200_000 + n % 8_000);

    serde_round_trips(data);
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    // The same text as a JSON string, so that names reach the string visitors.
    serde_round_trips(&serde_json::to_vec(text).expect("a string serializes"));

    if let Ok(code) = text.parse::<ErrorCode>() {
        assert_round_trips(code);
    }
    if let Some(code) = ErrorCode::from_name(text) {
        // `FromStr` accepts every name that `from_name` accepts.
        assert_eq!(text.parse(), Ok(code), "{text:?}");
        assert_round_trips(code);
    }
    if let Ok(n) = text.parse::<u32>() {
        check_from_code(n);
    }
});

fn check_from_code(n: u32) {
    if let Some(code) = ErrorCode::from_code(n) {
        assert_eq!(code.value(), n);
        assert_round_trips(code);
    }
}

/// A code's name and number parse back to it.
fn assert_round_trips(code: ErrorCode) {
    assert_eq!(code.name().parse(), Ok(code));
    assert_eq!(code.value().to_string().parse(), Ok(code));
    assert_eq!(ErrorCode::from_name(code.name()), Some(code));
    assert_eq!(ErrorCode::from_code(code.value()), Some(code));
}

fn serde_round_trips(json: &[u8]) {
    serde_round_trip::<ErrorCode>(json);
    serde_round_trip::<Code>(json);
    serde_round_trip::<Category>(json);
    serde_round_trip::<Recovery>(json);
}

/// If `json` decodes as a `T`, that value serializes and decodes back to itself.
fn serde_round_trip<T: DeserializeOwned + Serialize + PartialEq + Debug>(json: &[u8]) {
    let Ok(value) = serde_json::from_slice::<T>(json) else {
        return;
    };
    let written = serde_json::to_vec(&value).expect("a decoded value serializes");
    let again = serde_json::from_slice::<T>(&written).ok();
    assert_eq!(
        again.as_ref(),
        Some(&value),
        "{:?} decodes to {value:?}, written as {:?}",
        String::from_utf8_lossy(json),
        String::from_utf8_lossy(&written),
    );
}
