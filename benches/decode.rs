//! Decoding replies: `api::decode` against what a user could write instead,
//! on the same bodies, in the same run (issue targets in the README).
//!
//! Every path reads the same body as bytes, as a client holding an HTTP body
//! does (`serde_json::from_slice`):
//!
//! - `derive`: one `#[derive(Deserialize)]` struct of the whole body, envelope
//!   and payload (the limit: it checks nothing about the envelope).
//! - `two_pass`: derive `{code, message}`, then, if `code` is 0, derive the payload.
//! - `value`: parse into `serde_json::Value`, then `T::deserialize` it.
//! - `decode`: `api::decode::<T>`.
//! - `derive_str`: `derive` from a `&str` (`serde_json::from_str`), which skips
//!   the UTF-8 checks a decoder of bytes has to make: for comparison only.
//!
//! `cargo bench --bench decode`

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use liveroom_errors::api::{self, Reply};
use serde::de::DeserializeOwned;

mod replies;

use replies::*;

fn decode<R: Reply>(body: &[u8]) -> bool {
    api::decode::<R>(body).is_ok()
}

fn group<W: DeserializeOwned, R: Reply>(c: &mut Criterion, name: &str, body: &str) {
    let text = body.to_owned();
    let body = text.as_bytes();
    let mut group = c.benchmark_group(format!("decode/{name}"));
    group.bench_function("derive", |b| {
        b.iter(|| serde_json::from_slice::<W>(black_box(body)).is_ok())
    });
    group.bench_function("derive_str", |b| {
        b.iter(|| serde_json::from_str::<W>(black_box(&text)).is_ok())
    });
    group.bench_function("two_pass", |b| {
        b.iter(|| two_pass::<R>(black_box(body)).is_ok())
    });
    group.bench_function("value", |b| b.iter(|| value::<R>(black_box(body)).is_ok()));
    group.bench_function("decode", |b| b.iter(|| decode::<R>(black_box(body))));
    group.finish();
}

fn replies(c: &mut Criterion) {
    let rooms = room_list();
    // The same outcome on every path, before anything is timed.
    assert_eq!(
        two_pass::<api::GetRoomListReply>(rooms.as_bytes()).unwrap(),
        api::decode::<api::GetRoomListReply>(&rooms)
            .unwrap()
            .payload
    );
    assert_eq!(
        api::decode::<api::GetRoomListReply>(&rooms)
            .unwrap()
            .payload
            .rooms
            .len(),
        20
    );
    assert!(api::decode::<api::LoginReply>(NOT_IN_ROOM).is_err());

    group::<WholeLogin, api::LoginReply>(c, "login", LOGIN);
    group::<WholeRoomList, api::GetRoomListReply>(c, "room_list_20", &rooms);
    group::<WholeError, api::LoginReply>(c, "error_203010", NOT_IN_ROOM);
}

criterion_group!(benches, replies);
criterion_main!(benches);
