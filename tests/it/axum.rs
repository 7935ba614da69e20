//! The request extractor `RoomRequest<T>`: how it reads the query and the
//! body of a call, and the code of each request it refuses.

use axum::body::Body;
use axum::extract::{FromRequest, Request};
use liveroom_errors::api::{self, Call, ServerError};
use liveroom_errors::axum::RoomRequest;
use proptest::prelude::*;
use serde_json::{Value, json};

/// `RoomRequest<T>` of a POST to `T`'s interface with `query` and `body`, or its rejection.
fn extract<T: Call>(query: &str, body: &str) -> Result<RoomRequest<T>, ServerError> {
    let uri = format!("{}?{query}", T::INTERFACE.path());
    let request = Request::post(uri)
        .body(Body::from(body.to_owned()))
        .unwrap();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    runtime.block_on(RoomRequest::<T>::from_request(request, &()))
}

fn code(error: ServerError) -> i64 {
    error.code().value()
}

/// The `userID` and `token` of a `get_anchors` call with `query`, or the code it is refused with.
fn auth(query: &str) -> Result<(String, String), i64> {
    let call = extract::<api::GetAnchorsRequest>(query, "{}").map_err(code)?;
    Ok((call.query.user_id, call.query.token))
}

fn login(query: &str) -> Result<api::LoginQuery, i64> {
    extract::<api::LoginRequest>(query, "")
        .map(|call| call.query)
        .map_err(code)
}

fn pair(user_id: &str, token: &str) -> Result<(String, String), i64> {
    Ok((user_id.to_owned(), token.to_owned()))
}

#[test]
fn login_reads_its_query_with_the_tables_codes() {
    // Android's login, then the mini-program's with its extras and old token.
    let query = login("sdkAppID=1400000000&userID=u1&userSig=S&platform=Android").unwrap();
    assert_eq!(
        (
            query.sdk_app_id.as_str(),
            query.user_id.as_str(),
            query.user_sig.as_str()
        ),
        ("1400000000", "u1", "S")
    );
    assert_eq!(query.platform.as_deref(), Some("Android"));
    assert_eq!(query.account_type, None);
    let query =
        login("accountType=0&sdkAppID=1&userSig=S&platform=WeChat&userID=u1&token=t").unwrap();
    assert_eq!(query.account_type.as_deref(), Some("0"));
    assert_eq!(query.token.as_deref(), Some("t"));

    assert_eq!(login("userID=u1").unwrap_err(), 201001);
    assert_eq!(login("userID=u1&userSig=S").unwrap_err(), 201001);
    assert_eq!(login("sdkAppID=&userID=u1&userSig=S").unwrap_err(), 201001);
    assert_eq!(login("sdkAppID=1&userID=u1").unwrap_err(), 201002);
    assert_eq!(login("sdkAppID=1&userID=u1&userSig=").unwrap_err(), 201002);
    assert_eq!(login("sdkAppID=1&userSig=S").unwrap_err(), 200100);
    assert_eq!(login("sdkAppID=1&userID=&userSig=S").unwrap_err(), 200100);
    assert_eq!(
        login("sdkAppID=1&userID=u&userSig=S&platform=a&platform=b").unwrap_err(),
        200100
    );
    // Only login's own keys count: others may repeat.
    assert_eq!(
        login("sdkAppID=1&userID=u&userSig=S&roomID=a&roomID=b")
            .unwrap()
            .user_id,
        "u"
    );
}

#[test]
fn other_interfaces_read_the_official_clients_queries() {
    // Android and iOS: both keys, nothing encoded.
    assert_eq!(
        auth("userID=u1&token=c9527c19*1400047134"),
        pair("u1", "c9527c19*1400047134")
    );
    // The protocol's own example, quotes and all; a `+` is kept.
    assert_eq!(auth("userID='james'&token=a+b"), pair("'james'", "a+b"));
    assert_eq!(
        auth("token=&userID=%E7%94%A8%20x&&platform=WeChat"),
        pair("用 x", "")
    );
    assert_eq!(auth("userID&token=t"), pair("", "t"));
    // Keys are decoded before they are compared.
    assert_eq!(auth("%74oken=t&userID=u"), pair("u", "t"));
    // An empty token is passed on, for the handler to refuse (202001).
    assert_eq!(auth("userID=u1&token="), pair("u1", ""));
    // The mini-program before login sends no token: only login may come first.
    assert_eq!(auth("userID=u1"), Err(200100));
    assert_eq!(auth("token=t"), Err(200100));
    assert_eq!(auth(""), Err(200100));
    // Login's keys mean nothing here, and may repeat.
    assert!(auth("userID=u1&token=t&userSig=a&userSig=b").is_ok());
    assert!(auth("platform=a&platform=b&userID=u&token=t").is_ok());
}

#[test]
fn a_query_that_could_mean_two_things_is_refused() {
    for query in [
        "userID=a&userID=b&token=t",
        "token=t&userID=u&token=t",
        "userID=a&%75serID=b&token=t",
        "userID=%zz&token=t",
        "token=t&userID=a%2",
        "token=t&userID=a%",
        "%=1&userID=u&token=t",
        "userID=%FF&token=t",
        "x=%C3%28&userID=u&token=t",
    ] {
        assert_eq!(auth(query), Err(200100), "{query}");
    }
    let refused = extract::<api::GetAnchorsRequest>("userID=u&token=1&token=2", "{}")
        .err()
        .unwrap();
    assert!(
        refused.message().ends_with("duplicate field `token`"),
        "{}",
        refused.message()
    );
}

/// Encodes like a careful client: every byte outside RFC 3986's unreserved
/// set as `%XX`, or (when `raw`, as the official clients) leaving every other
/// character a query may hold as it is, `+` included.
fn encode(text: &str, raw: bool) -> String {
    let mut out = String::new();
    for byte in text.bytes() {
        let keep = if raw {
            byte.is_ascii_alphanumeric() || b"!$'()*+,-./:;?@_~".contains(&byte)
        } else {
            byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~')
        };
        if keep {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[test]
fn blank_bodies_read_as_an_empty_object() {
    for body in ["", " ", "\r\n", "\t \n"] {
        let call = extract::<api::GetAnchorsRequest>("userID=u&token=t", body).unwrap();
        assert_eq!(call.body.room_id, "");
    }
    // A form feed is no JSON whitespace; an array is no request body.
    assert_eq!(body_code("\x0c"), 200101);
    assert_eq!(body_code("[\"r\"]"), 200100);
}

fn json_value() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_filter("finite", |x| x.is_finite())
            .prop_map(Value::from),
        ".{0,8}".prop_map(Value::from),
        Just(json!([1, "a"])),
        Just(json!({"nested": true})),
    ]
}

/// The code a `get_anchors` body gets (0: read).
fn body_code(body: &str) -> i64 {
    extract::<api::GetAnchorsRequest>("userID=u&token=t", body)
        .err()
        .map_or(0, code)
}

proptest! {
    #[test]
    fn decodes_what_clients_encode(
        pairs in prop::collection::vec(
            (prop::sample::select(vec!["userID", "token", "platform", "x"]), any::<String>(), any::<bool>()),
            0..6,
        ),
    ) {
        let query: Vec<String> = (pairs.iter())
            .map(|(key, value, raw)| format!("{}={}", encode(key, *raw), encode(value, *raw)))
            .collect();
        let count = |key: &str| pairs.iter().filter(|(k, _, _)| *k == key).count();
        let find = |key: &str| pairs.iter().find(|(k, _, _)| *k == key).map(|(_, v, _)| v.clone());
        let expected = match (count("userID"), count("token")) {
            (1, 1) => Ok((find("userID").unwrap(), find("token").unwrap())),
            _ => Err(200100), // missing or given twice
        };
        prop_assert_eq!(auth(&query.join("&")), expected);
    }

    #[test]
    fn any_query_is_read_or_refused_with_200100(query in "[a-zA-Z0-9%&=+]{0,40}") {
        if let Err(code) = auth(&query) {
            prop_assert_eq!(code, 200100);
        }
    }

    /// Whole bodies: a string (or null) `roomID` fits, any other type is the
    /// wrong shape (200100); every proper prefix that is not blank is no JSON
    /// (200101), wherever the cut falls and whatever the shape.
    #[test]
    fn wrong_shape_and_broken_syntax_get_their_own_codes(
        room in json_value(),
        extra in prop::collection::btree_map("[a-z]{1,6}", json_value(), 0..4),
        room_first in any::<bool>(),
        cut in any::<prop::sample::Index>(),
    ) {
        let mut fields: Vec<String> = (extra.iter())
            .filter(|(key, _)| key.as_str() != "roomID")
            .map(|(key, value)| format!("{}:{value}", Value::from(key.as_str())))
            .collect();
        let room_field = format!("\"roomID\":{room}");
        if room_first { fields.insert(0, room_field) } else { fields.push(room_field) }
        let body = format!("{{{}}}", fields.join(","));
        let expected = if room.is_string() || room.is_null() { 0 } else { 200100 };
        prop_assert_eq!(body_code(&body), expected, "{}", body);

        let cut = 1 + cut.index(body.len() - 1);
        if let Some(prefix) = body.get(..cut) {
            prop_assert_eq!(body_code(prefix), 200101, "{}", prefix);
        }
    }
}
