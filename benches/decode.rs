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
use serde::Deserialize;
use serde::de::DeserializeOwned;

const LOGIN: &str = r#"{"code":0,"message":"Success!","timestamp":1565610959661,"token":"c9527c191598662c6f392146f65ae520*1400047134","userID":"user_dda36c3f_7c91"}"#;
const NOT_IN_ROOM: &str =
    r#"{"code":203010,"message":"user not in room","timestamp":1577087588457}"#;

/// A `get_room_list` success with 20 rooms of two anchors each, as a server
/// sends it (`custom` and `roomInfo` are JSON text, with escaped quotes).
fn room_list() -> String {
    let rooms: Vec<String> = (0..20)
        .map(|i| {
            format!(
                r#"{{"roomID":"room_{i}","roomInfo":"{{\"title\":\"Room {i}\",\"frontcover\":\"https://example.com/cover/{i}.jpg\"}}","roomCreator":"user_{i}","mixedPlayURL":"http://play.example.com/live/stream_{i}.flv","custom":"{{\"praise\":{i}}}","audienceCount":{i},"pushers":[{{"userID":"user_{i}","userName":"Anchor {i}","userAvatar":"https://example.com/avatar/{i}.png","accelerateURL":"rtmp://play.example.com/live/stream_{i}?txSecret=0123456789abcdef&txTime=5F5E1000"}},{{"userID":"guest_{i}","userName":"Guest {i}","userAvatar":"https://example.com/avatar/g{i}.png","accelerateURL":"rtmp://play.example.com/live/guest_{i}?txSecret=0123456789abcdef&txTime=5F5E1000"}}]}}"#
            )
        })
        .collect();
    format!(
        r#"{{"code":0,"message":"Success!","timestamp":1700000000000,"rooms":[{}]}}"#,
        rooms.join(",")
    )
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct WholeLogin {
    code: i64,
    message: String,
    timestamp: u64,
    token: String,
    #[serde(rename = "userID")]
    user_id: String,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct WholeRoomList {
    code: i64,
    message: String,
    timestamp: u64,
    rooms: Vec<api::Room>,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct WholeError {
    code: i64,
    message: String,
    timestamp: u64,
}

#[derive(Deserialize)]
struct Envelope {
    code: i64,
    message: String,
}

/// The two-pass code a user could write: the envelope, then the payload.
fn two_pass<T: DeserializeOwned>(body: &[u8]) -> Result<T, (i64, String)> {
    let envelope: Envelope = serde_json::from_slice(body).unwrap();
    if envelope.code != 0 {
        return Err((envelope.code, envelope.message));
    }
    Ok(serde_json::from_slice(body).unwrap())
}

/// Through `serde_json::Value`.
fn value<T: DeserializeOwned>(body: &[u8]) -> Result<T, (i64, String)> {
    let value: serde_json::Value = serde_json::from_slice(body).unwrap();
    let code = value["code"].as_i64().unwrap();
    if code != 0 {
        return Err((code, value["message"].as_str().unwrap_or_default().into()));
    }
    Ok(T::deserialize(value).unwrap())
}

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
