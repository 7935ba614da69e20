//! The checks both reply targets run: `api::decode` of the bytes (and of the
//! text, when UTF-8) gives exactly what the oracle says, for the payload
//! types `()`, a derived struct ([`Named`]) and `GetCustomInfoReply` (custom
//! fields, each name once); and so does every reordering of the object's keys
//! (reversed, rotated), which the oracle judges the same by construction.

use liveroom_errors::api::GetCustomInfoReply;

use crate::json::Json;
use crate::oracle::{Named, Payload, decoded, expect};

/// Runs every check on `body`, with an envelope-only and with typed payloads.
pub fn reply(body: &[u8]) {
    reply_as::<()>(body);
    reply_as::<Named>(body);
    reply_as::<GetCustomInfoReply>(body);
}

fn reply_as<T: Payload>(body: &[u8]) {
    check_one::<T>(body);
    let Some(Json::Object(fields)) = Json::parse(body) else {
        return;
    };
    for order in reorderings(fields) {
        check_one::<T>(Json::Object(order).to_text().as_bytes());
    }
}

/// `api::decode` of `body`, as bytes and as text, against the oracle.
fn check_one<T: Payload>(body: &[u8]) {
    let expected = expect::<T>(body);
    let got = decoded::<T>(body);
    assert!(
        got == expected,
        "{}: expected {expected:?}, got {got:?} for {:?}",
        std::any::type_name::<T>(),
        String::from_utf8_lossy(body),
    );
    if let Ok(text) = std::str::from_utf8(body) {
        let from_text = decoded::<T>(text);
        assert!(from_text == got, "text vs bytes on {text:?}");
    }
}

/// The entries reversed, and rotated by one and by half.
fn reorderings(fields: Vec<(String, Json)>) -> Vec<Vec<(String, Json)>> {
    let mut orders = vec![fields.clone()];
    if fields.len() > 1 {
        let mut reversed = fields.clone();
        reversed.reverse();
        let mut by_one = fields.clone();
        by_one.rotate_left(1);
        let mut by_half = fields.clone();
        by_half.rotate_left(fields.len() / 2);
        orders.extend([reversed, by_one, by_half]);
    }
    orders
}

/// Every committed seed (the regressions among them) passes every check:
/// the decoder agrees with the oracle without a fuzzer run.
#[test]
fn every_seed_passes_the_checks() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/corpus/reply_bytes");
    let mut seeds = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        reply(&std::fs::read(entry.unwrap().path()).unwrap());
        seeds += 1;
    }
    assert!(seeds > 100, "{seeds} seeds in {dir}");
}
