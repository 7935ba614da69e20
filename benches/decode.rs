//! Decoding with serde_json: a typed code field against a `u32` field, and a
//! whole `Reply` against a plain `#[derive(Deserialize)]` struct, on the same bodies.
//!
//! `cargo bench --bench decode --features json`

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use liveroom_errors::ErrorCode;
use liveroom_errors::wire::{Empty, Reply};
use serde::Deserialize;

const LOGIN_OK: &str = r#"{"code":0,"message":"Success!","timestamp":1565610959661,"token":"c9527c191598662c6f392146f65ae520*1400047134","userID":"user_dda36c3f_7c91"}"#;
const PUSH_URL_FAILED: &str =
    r#"{"code":204004,"message":"get push and acc url failed!","timestamp":1577087588457}"#;
const STRING_CODE: &str =
    r#"{"code":"204004","message":"get push and acc url failed!","timestamp":1577087588457}"#;

#[derive(Deserialize)]
#[allow(dead_code)]
struct Login {
    token: String,
    #[serde(rename = "userID")]
    user_id: String,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct PlainLogin {
    code: u32,
    message: String,
    timestamp: u64,
    token: String,
    #[serde(rename = "userID")]
    user_id: String,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct PlainError {
    code: u32,
    message: String,
    timestamp: u64,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct TypedError {
    code: ErrorCode,
    message: String,
    timestamp: u64,
}

fn code_field(c: &mut Criterion) {
    let mut group = c.benchmark_group("decode/code_field");
    group.bench_function("u32", |b| {
        b.iter(|| {
            serde_json::from_str::<PlainError>(black_box(PUSH_URL_FAILED))
                .unwrap()
                .code
        })
    });
    group.bench_function("ErrorCode", |b| {
        b.iter(|| {
            serde_json::from_str::<TypedError>(black_box(PUSH_URL_FAILED))
                .unwrap()
                .code
        })
    });
    group.bench_function("ErrorCode_from_string", |b| {
        b.iter(|| {
            serde_json::from_str::<TypedError>(black_box(STRING_CODE))
                .unwrap()
                .code
        })
    });
    group.finish();

    let mut group = c.benchmark_group("decode/code_alone");
    group.bench_function("u32", |b| {
        b.iter(|| serde_json::from_str::<u32>(black_box("204004")).unwrap())
    });
    group.bench_function("ErrorCode", |b| {
        b.iter(|| serde_json::from_str::<ErrorCode>(black_box("204004")).unwrap())
    });
    group.bench_function("ErrorCode_from_string", |b| {
        b.iter(|| serde_json::from_str::<ErrorCode>(black_box("\"204004\"")).unwrap())
    });
    group.finish();
}

fn replies(c: &mut Criterion) {
    let mut group = c.benchmark_group("decode/success_reply");
    group.bench_function("plain_struct", |b| {
        b.iter(|| {
            serde_json::from_str::<PlainLogin>(black_box(LOGIN_OK))
                .unwrap()
                .code
        })
    });
    group.bench_function("Reply", |b| {
        b.iter(|| {
            serde_json::from_str::<Reply<Login>>(black_box(LOGIN_OK))
                .unwrap()
                .is_success()
        })
    });
    group.bench_function("wire_from_str", |b| {
        b.iter(|| {
            liveroom_errors::wire::from_str::<Login>(black_box(LOGIN_OK))
                .unwrap()
                .is_success()
        })
    });
    group.finish();

    let mut group = c.benchmark_group("decode/error_reply");
    group.bench_function("plain_struct", |b| {
        b.iter(|| {
            serde_json::from_str::<PlainError>(black_box(PUSH_URL_FAILED))
                .unwrap()
                .code
        })
    });
    group.bench_function("Reply", |b| {
        b.iter(|| {
            serde_json::from_str::<Reply<Login>>(black_box(PUSH_URL_FAILED))
                .unwrap()
                .is_success()
        })
    });
    group.bench_function("wire_from_str", |b| {
        b.iter(|| {
            liveroom_errors::wire::from_str::<Login>(black_box(PUSH_URL_FAILED))
                .unwrap()
                .is_success()
        })
    });
    group.bench_function("Reply_Empty", |b| {
        b.iter(|| {
            serde_json::from_str::<Reply<Empty>>(black_box(PUSH_URL_FAILED))
                .unwrap()
                .is_success()
        })
    });
    group.finish();
}

criterion_group!(benches, code_field, replies);
criterion_main!(benches);
