//! The query string, read strictly enough that a request means one thing,
//! into the interface's query type ([`AuthQuery`](crate::api::AuthQuery) or
//! [`LoginQuery`](crate::api::LoginQuery)).
//!
//! `&` separates pairs, the first `=` separates a key from its value (a key
//! without `=` has the empty value), empty pairs are skipped. `%XX` is decoded;
//! a `%` without two hex digits after it, or a decoded key or value that is not
//! UTF-8, refuses the request: guessing would read another value than the one
//! sent. `+` stays a plus sign: the official clients send `userID` unencoded,
//! so a `+` in a user id must survive, and none of them encodes a space as `+`.
//! Keys that are no field of the query type are ignored, but a field's key may
//! appear only once. The keys come from the type's own field list
//! ([`api::shapes`](crate::api::shapes)), so what is read is what the type decodes.

use std::borrow::Cow;

use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use super::rejection;
use crate::wire::ServerError;
use crate::{ErrorCode, Interface};

/// The query of a call of `interface` (`raw` without its `?`), as `Q`.
///
/// Refuses, with the code the table names: a field given twice or a bad
/// escape (200100); for every interface but `login`, a missing `userID` or
/// `token` (200100); for `login`, a missing or empty `sdkAppID` (201001),
/// `userSig` (201002) or `userID` (200100).
pub(super) fn read<Q: DeserializeOwned>(raw: &str, interface: Interface) -> Result<Q, ServerError> {
    let fields = crate::api::shapes(interface).query().fields();
    let values = pairs(raw, |key| fields.iter().any(|field| field.name() == key))?;
    if interface.takes_token() {
        for key in ["userID", "token"] {
            if !values.contains_key(key) {
                return Err(missing(key));
            }
        }
    } else {
        login_credentials(&values)?;
    }
    serde_json::from_value(Value::Object(values)).map_err(|error| {
        rejection(
            ErrorCode::MalformedRequest,
            format_args!("the query does not fit the interface: {error}"),
        )
    })
}

/// `login`'s credentials, where an empty value counts as none.
///
/// 201001's text names both keys ("login 操作中无 sdk_appid 或 user_sig"), and
/// 201002's ("缺少 user_sig") only `userSig`: so a missing `userSig` alone is
/// 201002, the more precise of the two, and a missing `sdkAppID` (with or
/// without `userSig`) is 201001. 201002's SDK constant reads "no userID"
/// (`ERROR_CODE_NO_USERID`); that reading is not followed, as the table's own
/// text is about `userSig`: a `login` without `userID` is 200100, as it is on
/// every other interface.
fn login_credentials(values: &Map<String, Value>) -> Result<(), ServerError> {
    let given = |key: &str| {
        values
            .get(key)
            .and_then(Value::as_str)
            .is_some_and(|value| !value.is_empty())
    };
    match (given("sdkAppID"), given("userSig")) {
        (true, true) => {}
        (false, false) => {
            return Err(rejection(
                ErrorCode::MissingLoginCredentials,
                format_args!("no `sdkAppID` and no `userSig` in the query"),
            ));
        }
        (false, true) => {
            return Err(rejection(
                ErrorCode::MissingLoginCredentials,
                format_args!("no `sdkAppID` in the query"),
            ));
        }
        (true, false) => {
            return Err(rejection(
                ErrorCode::MissingUserSig,
                format_args!("no `userSig` in the query"),
            ));
        }
    }
    if given("userID") {
        Ok(())
    } else {
        Err(missing("userID"))
    }
}

fn missing(key: &str) -> ServerError {
    rejection(
        ErrorCode::MalformedRequest,
        format_args!("no `{key}` in the query"),
    )
}

/// The pairs of `raw` whose key is `wanted`, decoded, as JSON strings.
fn pairs(raw: &str, wanted: impl Fn(&str) -> bool) -> Result<Map<String, Value>, ServerError> {
    let mut values = Map::new();
    for pair in raw.split('&').filter(|pair| !pair.is_empty()) {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        let key = decode(key)?;
        let value = decode(value)?;
        if !wanted(&key) {
            continue;
        }
        if values.contains_key(key.as_ref()) {
            return Err(rejection(
                ErrorCode::MalformedRequest,
                format_args!("the query has `{key}` more than once"),
            ));
        }
        values.insert(key.into_owned(), Value::String(value.into_owned()));
    }
    Ok(values)
}

/// Percent-decodes one key or value.
fn decode(part: &str) -> Result<Cow<'_, str>, ServerError> {
    if !part.contains('%') {
        return Ok(Cow::Borrowed(part));
    }
    let bytes = part.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut rest = bytes;
    while let Some((&byte, tail)) = rest.split_first() {
        if byte != b'%' {
            decoded.push(byte);
            rest = tail;
            continue;
        }
        match tail {
            [high, low, tail @ ..] => match (hex(*high), hex(*low)) {
                (Some(high), Some(low)) => {
                    decoded.push(high << 4 | low);
                    rest = tail;
                }
                _ => return Err(bad_escape()),
            },
            _ => return Err(bad_escape()),
        }
    }
    String::from_utf8(decoded).map(Cow::Owned).map_err(|_| {
        rejection(
            ErrorCode::MalformedRequest,
            format_args!("the query decodes to bytes that are not UTF-8"),
        )
    })
}

fn hex(digit: u8) -> Option<u8> {
    char::from(digit)
        .to_digit(16)
        .and_then(|value| u8::try_from(value).ok())
}

fn bad_escape() -> ServerError {
    rejection(
        ErrorCode::MalformedRequest,
        format_args!("the query has a `%` that is not followed by two hex digits"),
    )
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::api::{AuthQuery, LoginQuery};

    /// The values of `keys` in `raw`, `None` where absent.
    fn parse(raw: &str, keys: [&str; 2]) -> Result<[Option<String>; 2], ServerError> {
        let values = pairs(raw, |key| keys.contains(&key))?;
        let get = |key: &str| values.get(key).and_then(Value::as_str).map(String::from);
        Ok([get(keys[0]), get(keys[1])])
    }

    fn code(result: Result<[Option<String>; 2], ServerError>) -> i64 {
        result.unwrap_err().code().value()
    }

    fn login(raw: &str) -> Result<LoginQuery, i64> {
        read::<LoginQuery>(raw, Interface::Login).map_err(|error| error.code().value())
    }

    fn auth(raw: &str) -> Result<AuthQuery, i64> {
        read::<AuthQuery>(raw, Interface::GetAnchors).map_err(|error| error.code().value())
    }

    #[test]
    fn reads_the_query_types_with_the_tables_codes() {
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
        // `login` takes no token in the query of other interfaces' sense: only its own keys count.
        assert_eq!(
            login("sdkAppID=1&userID=u&userSig=S&roomID=a&roomID=b")
                .unwrap()
                .user_id,
            "u"
        );

        let query = auth("userID=u1&token=c9527c19*1400047134").unwrap();
        assert_eq!(
            (query.user_id.as_str(), query.token.as_str()),
            ("u1", "c9527c19*1400047134")
        );
        // An empty token is passed on, for the handler to refuse (202001).
        assert_eq!(auth("userID=u1&token=").unwrap().token, "");
        assert_eq!(auth("userID=u1").unwrap_err(), 200100);
        assert_eq!(auth("token=t").unwrap_err(), 200100);
        assert_eq!(auth("userID=u1&token=t&token=t").unwrap_err(), 200100);
        // Login's keys mean nothing here, and may repeat.
        assert!(auth("userID=u1&token=t&userSig=a&userSig=b").is_ok());
    }

    #[test]
    fn reads_the_official_clients_queries() {
        let keys = ["userID", "token"];
        // Android and iOS: both keys, nothing encoded.
        assert_eq!(
            parse("userID=u1&token=c9527c19*1400047134", keys).unwrap(),
            [Some("u1".into()), Some("c9527c19*1400047134".into())]
        );
        // The mini-program before login: no token at all.
        assert_eq!(parse("userID=u1", keys).unwrap(), [Some("u1".into()), None]);
        // The research notes' own example, quotes and all; a `+` is kept.
        assert_eq!(
            parse("userID='james'&token=a+b", keys).unwrap(),
            [Some("'james'".into()), Some("a+b".into())]
        );
        assert_eq!(
            parse("token=&userID=%E7%94%A8%20x&&platform=WeChat", keys).unwrap(),
            [Some("用 x".into()), Some(String::new())]
        );
        assert_eq!(parse("userID", keys).unwrap(), [Some(String::new()), None]);
        assert_eq!(parse("", keys).unwrap(), [None, None]);
        // Keys are decoded before they are compared.
        assert_eq!(parse("%74oken=t", keys).unwrap(), [None, Some("t".into())]);
    }

    #[test]
    fn refuses_what_could_mean_two_things() {
        let keys = ["userID", "token"];
        for raw in [
            "userID=a&userID=b",
            "token=t&userID=u&token=t",
            "userID=a&%75serID=b",
            "userID=%zz",
            "userID=a%2",
            "userID=a%",
            "%=1",
            "userID=%FF",
            "x=%C3%28",
        ] {
            assert_eq!(code(parse(raw, keys)), 200100, "{raw}");
        }
        let err = parse("token=1&token=2", keys).unwrap_err();
        assert!(
            err.message()
                .ends_with("the query has `token` more than once")
        );
        // Keys nobody asked for may repeat.
        assert!(parse("platform=a&platform=b&userID=u", keys).is_ok());
    }

    /// Encodes like a careful client: every byte outside RFC 3986's unreserved
    /// set as `%XX`, or (when `raw`) only what would break the query apart.
    fn encode(text: &str, raw: bool) -> String {
        let mut out = String::new();
        for byte in text.bytes() {
            let keep = if raw {
                !matches!(byte, b'%' | b'&' | b'=' | b'#') && byte.is_ascii_graphic()
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

    proptest! {
        #[test]
        fn decodes_what_clients_encode(
            pairs in prop::collection::vec(
                (prop::sample::select(vec!["userID", "token", "platform", "x"]), any::<String>(), any::<bool>()),
                0..6,
            ),
        ) {
            let raw: Vec<String> = pairs
                .iter()
                .map(|(key, value, raw)| format!("{}={}", encode(key, *raw), encode(value, *raw)))
                .collect();
            let raw = raw.join("&");
            let result = parse(&raw, ["userID", "token"]);
            let twice = ["userID", "token"]
                .iter()
                .any(|key| pairs.iter().filter(|(k, _, _)| k == key).count() > 1);
            if twice {
                prop_assert_eq!(result.unwrap_err().code().value(), 200100);
            } else {
                let find = |key: &str| pairs.iter().find(|(k, _, _)| *k == key).map(|(_, v, _)| v.clone());
                prop_assert_eq!(result.unwrap(), [find("userID"), find("token")]);
            }
        }

        #[test]
        fn any_query_is_read_or_refused_with_200100(raw in "[a-zA-Z0-9%&=+]{0,40}") {
            if let Err(err) = parse(&raw, ["userID", "token"]) {
                prop_assert_eq!(err.code().value(), 200100);
            }
        }
    }
}
