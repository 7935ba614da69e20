//! The reply bodies and the baselines both decoding benches share: what a
//! user could write instead of `api::decode` (see `decode.rs`).

use liveroom_errors::api;
use serde::Deserialize;
use serde::de::DeserializeOwned;

pub const LOGIN: &str = r#"{"code":0,"message":"Success!","timestamp":1565610959661,"token":"c9527c191598662c6f392146f65ae520*1400047134","userID":"user_dda36c3f_7c91"}"#;
pub const NOT_IN_ROOM: &str =
    r#"{"code":203010,"message":"user not in room","timestamp":1577087588457}"#;

/// A `get_room_list` success with 20 rooms of two anchors each, as a server
/// sends it (`custom` and `roomInfo` are JSON text, with escaped quotes).
pub fn room_list() -> String {
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
pub struct WholeLogin {
    code: i64,
    message: String,
    timestamp: u64,
    token: String,
    #[serde(rename = "userID")]
    user_id: String,
}

#[derive(Deserialize)]
#[allow(dead_code)]
pub struct WholeRoomList {
    code: i64,
    message: String,
    timestamp: u64,
    rooms: Vec<api::Room>,
}

#[derive(Deserialize)]
#[allow(dead_code)]
pub struct WholeError {
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
pub fn two_pass<T: DeserializeOwned>(body: &[u8]) -> Result<T, (i64, String)> {
    let envelope: Envelope = serde_json::from_slice(body).unwrap();
    if envelope.code != 0 {
        return Err((envelope.code, envelope.message));
    }
    Ok(serde_json::from_slice(body).unwrap())
}

/// Through `serde_json::Value`.
pub fn value<T: DeserializeOwned>(body: &[u8]) -> Result<T, (i64, String)> {
    let value: serde_json::Value = serde_json::from_slice(body).unwrap();
    let code = value["code"].as_i64().unwrap();
    if code != 0 {
        return Err((code, value["message"].as_str().unwrap_or_default().into()));
    }
    Ok(T::deserialize(value).unwrap())
}
