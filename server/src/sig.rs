//! Sign-in: the TLS-sig v2 `userSig` that Tencent Cloud's official generators
//! issue (`tls-sig-api-v2` on PyPI and npm, the console's), verified against
//! the app's secret key; or, behind `--demo-auth`, a rule for trials.
//!
//! A v2 userSig is zlib-compressed JSON, in base64 with `+/=` written `*-_`:
//! `{"TLS.ver":"2.0","TLS.identifier":…,"TLS.sdkappid":…,"TLS.expire":…,
//! "TLS.time":…,"TLS.sig":…}`, optionally with `TLS.userbuf`. `TLS.sig` is the
//! base64 of HMAC-SHA256 under the secret key (its bytes, as the generators
//! use them) of the fields as lines: `TLS.identifier:{id}\nTLS.sdkappid:{appid}\n
//! TLS.time:{time}\nTLS.expire:{expire}\n`, and `TLS.userbuf:{userbuf}\n` when
//! present. It is valid until `TLS.time + TLS.expire` (seconds), no grace.
//!
//! What a refusal says is general on purpose: never the key, the signature
//! expected, or the demo rule.

use std::io::Read;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use hmac::{Hmac, Mac};
use sha2::Sha256;

/// A decompressed userSig larger than this is refused unread: the real ones
/// are about 200 bytes, and a small zlib bomb must not grow into memory.
const MAX_JSON: u64 = 4096;
/// The longest userSig text looked at (real ones: about 150 to 300 chars).
const MAX_SIG: usize = 4096;

/// How `login` checks a userSig.
#[derive(Clone)]
pub enum Auth {
    /// TLS-sig v2 of `sdk_app_id`, under `secret_key`.
    Tls { sdk_app_id: u64, secret_key: String },
    /// `--demo-auth`: `userSig` must be `sig-` followed by the userID; any
    /// decimal sdkAppID, or only `sdk_app_id` when it is set.
    Demo { sdk_app_id: Option<u64> },
}

/// Why a login is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// The sdkAppID of the query is not this service's (202005).
    UnknownApp,
    /// Malformed, tampered, another user's or another app's (202003).
    Invalid,
    /// Genuine but past its `TLS.time + TLS.expire` (202000).
    Expired,
}

impl Refusal {
    /// The reply's text: what is wrong, in general terms.
    pub fn detail(self) -> &'static str {
        match self {
            Refusal::UnknownApp => "the sdkAppID is not the one this service serves",
            Refusal::Invalid => "the userSig is not valid for this user and app",
            Refusal::Expired => "the userSig has expired",
        }
    }
}

impl Auth {
    /// Checks `login`'s `sdkAppID`, `userID` and `userSig` at `now` (seconds
    /// since the epoch).
    pub fn check(
        &self,
        sdk_app_id: &str,
        user_id: &str,
        user_sig: &str,
        now: i64,
    ) -> Result<(), Refusal> {
        let app = parse_app_id(sdk_app_id).ok_or(Refusal::UnknownApp)?;
        match self {
            Auth::Demo { sdk_app_id } => {
                if sdk_app_id.is_some_and(|own| own != app) {
                    return Err(Refusal::UnknownApp);
                }
                let demo = user_sig.strip_prefix("sig-") == Some(user_id);
                if demo { Ok(()) } else { Err(Refusal::Invalid) }
            }
            Auth::Tls {
                sdk_app_id,
                secret_key,
            } => {
                if app != *sdk_app_id {
                    return Err(Refusal::UnknownApp);
                }
                verify(secret_key, *sdk_app_id, user_id, user_sig, now)
            }
        }
    }
}

/// A decimal sdkAppID without sign or leading zero.
pub fn parse_app_id(text: &str) -> Option<u64> {
    let canonical = !text.is_empty()
        && text.bytes().all(|byte| byte.is_ascii_digit())
        && !(text.len() > 1 && text.starts_with('0'));
    canonical.then(|| text.parse().ok()).flatten()
}

/// The fields of a decoded userSig.
#[derive(serde::Deserialize)]
struct Fields {
    #[serde(rename = "TLS.ver")]
    version: String,
    #[serde(rename = "TLS.identifier")]
    identifier: String,
    #[serde(rename = "TLS.sdkappid")]
    sdk_app_id: u64,
    #[serde(rename = "TLS.expire")]
    expire: i64,
    #[serde(rename = "TLS.time")]
    time: i64,
    #[serde(rename = "TLS.sig")]
    sig: String,
    #[serde(rename = "TLS.userbuf")]
    userbuf: Option<String>,
}

/// Verifies a TLS-sig v2 `user_sig` of `user_id` for `sdk_app_id` at `now`.
pub fn verify(
    secret_key: &str,
    sdk_app_id: u64,
    user_id: &str,
    user_sig: &str,
    now: i64,
) -> Result<(), Refusal> {
    let fields = decode(user_sig).ok_or(Refusal::Invalid)?;
    if fields.version != "2.0" {
        return Err(Refusal::Invalid);
    }
    let mut content = format!(
        "TLS.identifier:{}\nTLS.sdkappid:{}\nTLS.time:{}\nTLS.expire:{}\n",
        fields.identifier, fields.sdk_app_id, fields.time, fields.expire
    );
    if let Some(userbuf) = &fields.userbuf {
        content.push_str(&format!("TLS.userbuf:{userbuf}\n"));
    }
    let claimed = STANDARD.decode(&fields.sig).map_err(|_| Refusal::Invalid)?;
    let mut mac =
        Hmac::<Sha256>::new_from_slice(secret_key.as_bytes()).map_err(|_| Refusal::Invalid)?;
    mac.update(content.as_bytes());
    // Constant time: the comparison says nothing about where it differs.
    mac.verify_slice(&claimed).map_err(|_| Refusal::Invalid)?;
    // Genuine: now whose and for what.
    if fields.identifier != user_id || fields.sdk_app_id != sdk_app_id {
        return Err(Refusal::Invalid);
    }
    match fields.time.checked_add(fields.expire) {
        Some(end) if end >= now => Ok(()),
        _ => Err(Refusal::Expired),
    }
}

/// The JSON inside a userSig, or `None` if it is no well-formed one.
fn decode(user_sig: &str) -> Option<Fields> {
    if user_sig.len() > MAX_SIG {
        return None;
    }
    let standard: String = user_sig
        .chars()
        .map(|c| match c {
            '*' => '+',
            '-' => '/',
            '_' => '=',
            other => other,
        })
        .collect();
    let compressed = STANDARD.decode(standard).ok()?;
    let mut json = Vec::new();
    flate2::read::ZlibDecoder::new(&compressed[..])
        .take(MAX_JSON + 1)
        .read_to_end(&mut json)
        .ok()?;
    if json.len() as u64 > MAX_JSON {
        return None;
    }
    serde_json::from_slice(&json).ok()
}
