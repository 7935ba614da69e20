//! The reply bodies of docs/protocol.md (as printed there, whitespace
//! included) and its real error body (§0.4), shared by the tests that decode them
//! (`api.rs`, `decode.rs`) and validate them (`openapi.rs`).
#![allow(dead_code)] // each test file uses its own part

/// §1, verbatim from Art.
pub const LOGIN: &str = r#"{"code":0,"message":"Success!","timestamp":1565610959661,
 "token":"c9527c191598662c6f392146f65ae520*1400047134","userID":"user_dda36c3f_7c91"}"#;
/// §3, illustrative.
pub const GET_ROOM_LIST: &str = r#"{"code":0,"message":"Success!","timestamp":1700000000000,
 "rooms":[{"roomID":"room_1","roomInfo":"{\"title\":\"demo\"}","roomCreator":"u1",
   "mixedPlayURL":"https://<play-domain>/live/<id>.flv","custom":"{\"praise\":3}","audienceCount":5,
   "pushers":[{"userID":"u1","userName":"Anchor","userAvatar":"https://...","accelerateURL":"rtmp://..."}]}]}"#;
/// §4, illustrative.
pub const GET_ANCHOR_URL: &str = r#"{"code":0,"message":"Success!","timestamp":1700000000000,
 "pushURL":"rtmp://<bizid>.livepush.myqcloud.com/live/<streamId>?txSecret=..&txTime=..",
 "accelerateURL":"rtmp://<play-domain>/live/<streamId>?txSecret=..&txTime=.."}"#;
/// §5, illustrative.
pub const CREATE_ROOM: &str =
    r#"{"code":0,"message":"Success!","timestamp":1700000000000,"roomID":"room_1"}"#;
/// §7, illustrative.
pub const GET_ANCHORS: &str = r#"{"code":0,"message":"Success!","timestamp":1700000000000,"roomID":"room_1","roomInfo":"demo",
 "roomCreator":"u1","mixedPlayURL":"https://<play-domain>/live/<id>.flv","roomStatusCode":3,
 "pushers":[{"userID":"u1","userName":"A","userAvatar":"https://...","accelerateURL":"rtmp://..."}]}"#;
/// §10, illustrative.
pub const ANCHOR_HEARTBEAT: &str = r#"{"code":0,"message":"Success!","timestamp":1700000000000,"roomStatusCode":4,
 "pushers":[{"userID":"u1","userName":"A","userAvatar":"...","accelerateURL":"rtmp://..."}]}"#;
/// §13 has no sample: assembled from its table (our own values).
pub const GET_AUDIENCES: &str = r#"{"code":0,"message":"Success!","timestamp":1700000000000,"audienceCount":2,
 "audiences":[{"userID":"v1","userInfo":"{\"userName\":\"Viewer\",\"userAvatar\":\"https://...\"}"}]}"#;
/// §14, illustrative.
pub const MERGE_STREAM: &str = r#"{"code":0,"message":"Success!","timestamp":1700000000000,"merge_code":0,"merge_msg":"Success!"}"#;
/// §16, illustrative.
pub const GET_CUSTOM_INFO: &str = r#"{"code":0,"message":"Success!","timestamp":1700000000000,"custom":{"praise":3,"notice":"hi"}}"#;
/// The envelope-only success of §2, §6, §8, §9, §11, §12, §15 (the envelope of the bodies above).
pub const ENVELOPE_ONLY: &str = r#"{"code":0,"message":"Success!","timestamp":1700000000000}"#;
/// The real error body of docs/protocol.md §0.4, verbatim.
pub const ERROR: &str =
    r#"{"code":204004,"message":"get push and acc url failed!","timestamp":1577087588457}"#;
