//! Real sign-in: userSigs of the official generator (tls-sig-api-v2 from
//! PyPI) are accepted, every tampered, expired, other user's or other app's
//! one refused with the decided code, and no reply tells the key or a rule.

use liveroom_errors::Recovery;
use liveroom_server::config::Config;
use liveroom_server::sig::Auth;
use serde_json::{Value, json};

use crate::support::{APP, Client, KEY, advice, code, official_sigs, start};

fn real() -> Config {
    let mut config = crate::support::config();
    config.auth = Auth::Tls {
        sdk_app_id: APP,
        secret_key: KEY.into(),
    };
    config
}

/// The userSig with one character of its base64 changed at `at`.
fn flip(sig: &str, at: usize) -> String {
    let mut bytes = sig.as_bytes().to_vec();
    bytes[at] = if bytes[at] == b'A' { b'B' } else { b'A' };
    String::from_utf8(bytes).unwrap()
}

/// The JSON inside a userSig, and a userSig made of a JSON again (the
/// generator's own encoding), to tamper with single fields.
fn open(sig: &str) -> Value {
    let output = std::process::Command::new("python3")
        .args(["-c", "import base64,zlib,sys; s=sys.argv[1].replace('*','+').replace('-','/').replace('_','='); print(zlib.decompress(base64.b64decode(s)).decode())", sig])
        .output()
        .unwrap();
    serde_json::from_slice(&output.stdout).unwrap()
}

fn seal(doc: &Value) -> String {
    let output = std::process::Command::new("python3")
        .args(["-c", "import base64,zlib,sys; print(base64.b64encode(zlib.compress(sys.argv[1].encode())).decode().replace('+','*').replace('/','-').replace('=','_'))", &doc.to_string()])
        .output()
        .unwrap();
    String::from_utf8(output.stdout).unwrap().trim().to_owned()
}

/// A refusal with `expected`, whose text reveals neither the key nor the
/// signature expected, nor a rule of signing.
fn refused(reply: &Value, expected: i64) {
    assert_eq!(code(reply), expected, "{reply}");
    let message = reply["message"].as_str().unwrap();
    for secret in [KEY, "sig-", "HMAC", "TLS.sig"] {
        assert!(!message.contains(secret), "{message}");
    }
    assert!(reply.get("token").is_none());
}

#[test]
fn official_sigs_are_accepted_and_every_forgery_refused() {
    let test = "official_sigs_are_accepted_and_every_forgery_refused";
    let other_key = "0000000000000000000000000000000000000000000000000000000000000000";
    let Some(sigs) = official_sigs(
        test,
        &[
            (APP, KEY, "alice", 86400, 0),
            (APP, KEY, "bob", 86400, 0),
            (APP + 1, KEY, "alice", 86400, 0),
            (APP, other_key, "alice", 86400, 0),
            (APP, KEY, "alice", 100, 200),
            (APP, KEY, "alice", 200, 100),
        ],
    ) else {
        return;
    };
    let [valid, bobs, other_app, other_key_sig, expired, still_valid] = &sigs[..] else {
        panic!("{sigs:?}");
    };
    let server = start(real());
    let client = Client::new(&server);
    let app = APP.to_string();

    let reply = client.login_with("alice", valid, &app);
    assert_eq!(code(&reply), 0, "{reply}");
    assert_eq!(reply["userID"], "alice");
    let token = reply["token"].as_str().unwrap();
    assert_eq!(
        code(&client.call("alice", token, "get_room_list", &json!({"cnt": 1}))),
        0
    );
    assert_eq!(code(&client.login_with("alice", still_valid, &app)), 0);

    // Another user's, another app's, another key's: 202003.
    refused(&client.login_with("alice", bobs, &app), 202003);
    refused(&client.login_with("bob", valid, &app), 202003);
    refused(&client.login_with("alice", other_app, &app), 202003);
    refused(&client.login_with("alice", other_key_sig, &app), 202003);
    // The login's sdkAppID must be the service's: 202005.
    refused(
        &client.login_with("alice", other_app, &(APP + 1).to_string()),
        202005,
    );
    refused(&client.login_with("alice", valid, "abc"), 202005);
    // Expired (made 200 s ago, valid 100 s): 202000, whose advice is to sign anew.
    refused(&client.login_with("alice", expired, &app), 202000);
    assert_eq!(advice("login", 202000), Recovery::FixRequest);

    // Tampered: any character of the text, or any field of the JSON.
    for at in [0, 5, valid.len() / 2, valid.len() - 3] {
        refused(&client.login_with("alice", &flip(valid, at), &app), 202003);
    }
    let doc = open(valid);
    assert_eq!(doc["TLS.ver"], "2.0");
    for (field, value) in [
        ("TLS.identifier", json!("bob")),
        ("TLS.sdkappid", json!(APP + 1)),
        (
            "TLS.expire",
            json!(doc["TLS.expire"].as_i64().unwrap() * 10),
        ),
        ("TLS.time", json!(doc["TLS.time"].as_i64().unwrap() + 1)),
        ("TLS.sig", json!("AAAA")),
        ("TLS.ver", json!("1.0")),
        ("TLS.userbuf", json!("YWJj")),
    ] {
        let mut forged = doc.clone();
        forged[field] = value;
        let user = if field == "TLS.identifier" {
            "bob"
        } else {
            "alice"
        };
        refused(&client.login_with(user, &seal(&forged), &app), 202003);
    }
    // The JSON sealed again unchanged is still the genuine article.
    assert_eq!(code(&client.login_with("alice", &seal(&doc), &app)), 0);
    // An expired sig with its time moved forward no longer matches its HMAC.
    let mut revived = open(expired);
    revived["TLS.time"] = json!(revived["TLS.time"].as_i64().unwrap() + 1000);
    refused(&client.login_with("alice", &seal(&revived), &app), 202003);
    // The demo rule means nothing here.
    refused(&client.login_with("alice", "sig-alice", &app), 202003);
}

#[test]
fn malformed_sigs_and_zip_bombs_are_refused_cheaply() {
    let server = start(real());
    let client = Client::new(&server);
    let app = APP.to_string();
    for sig in ["x", "AAAA", "eJwDAAAAAAE_", "%2A%2A", &"A".repeat(5000)] {
        refused(&client.login_with("alice", sig, &app), 202003);
    }
    // 2 MB of spaces before the JSON, compressed to 2 KB: decompression stops at 4 KB.
    let bomb = {
        let output = std::process::Command::new("python3")
            .args(["-c", "import base64,zlib; print(base64.b64encode(zlib.compress(b' '*2_000_000 + b'{}', 9)).decode().replace('+','*').replace('/','-').replace('=','_'))"])
            .output()
            .unwrap();
        String::from_utf8(output.stdout).unwrap().trim().to_owned()
    };
    assert!(bomb.len() < 4096, "{}", bomb.len());
    refused(&client.login_with("alice", &bomb, &app), 202003);
}

#[test]
fn demo_auth_is_the_rule_of_sig_dash_user_and_says_no_more() {
    let server = start(crate::support::config());
    let client = Client::new(&server);
    assert_eq!(
        code(&client.login_with("alice", "sig-alice", "1400000000")),
        0
    );
    refused(&client.login_with("alice", "sig-bob", "1400000000"), 202003);
    refused(&client.login_with("alice", "alice", "1400000000"), 202003);
    refused(&client.login_with("alice", "sig-alice", "x1"), 202005);
}
