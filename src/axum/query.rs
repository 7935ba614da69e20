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
//! appear only once: the pairs go to the type's own `Deserialize`, which
//! refuses a field given twice, so what is read is what the type decodes.

use std::borrow::Cow;

use core::marker::PhantomData;

use serde::de::value::MapDeserializer;
use serde::de::{DeserializeOwned, Deserializer, IntoDeserializer, Visitor};

use super::rejection;
use crate::api::ServerError;
use crate::{ErrorCode, Interface};

/// The query of a call of `interface` (`raw` without its `?`), as `Q`.
///
/// Refuses, with the code the table names: a field given twice or a bad
/// escape (200100); for every interface but `login`, a missing `userID` or
/// `token` (200100); for `login`, a missing or empty `sdkAppID` (201001),
/// `userSig` (201002) or `userID` (200100).
pub(super) fn read<Q: DeserializeOwned>(raw: &str, interface: Interface) -> Result<Q, ServerError> {
    let pairs = pairs(raw)?;
    let query = from_pairs(&pairs)?;
    let given = |key: &str| {
        pairs
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_ref())
    };
    if interface.takes_token() {
        for key in ["userID", "token"] {
            if given(key).is_none() {
                return Err(missing(key));
            }
        }
    } else {
        login_credentials(given)?;
    }
    Ok(query)
}

/// `Q` from the query's pairs, through its own `Deserialize`: keys it does
/// not know are ignored, one of its fields given twice is refused.
fn from_pairs<Q: DeserializeOwned>(
    pairs: &[(Cow<'_, str>, Cow<'_, str>)],
) -> Result<Q, ServerError> {
    let values = pairs.iter().map(|(k, v)| (k.as_ref(), Text(v)));
    Q::deserialize(MapDeserializer::new(values)).map_err(|error: serde::de::value::Error| {
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
fn login_credentials<'a>(value: impl Fn(&str) -> Option<&'a str>) -> Result<(), ServerError> {
    let given = |key: &str| value(key).is_some_and(|value| !value.is_empty());
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

/// A query value: a string, which an `Option` field takes as `Some`.
struct Text<'a>(&'a str);

impl<'de, 'a, E: serde::de::Error> IntoDeserializer<'de, E> for Text<'a> {
    type Deserializer = TextDeserializer<'a, E>;

    fn into_deserializer(self) -> Self::Deserializer {
        TextDeserializer(self.0, PhantomData)
    }
}

struct TextDeserializer<'a, E>(&'a str, PhantomData<E>);

impl<'de, E: serde::de::Error> Deserializer<'de> for TextDeserializer<'_, E> {
    type Error = E;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, E> {
        visitor.visit_str(self.0)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, E> {
        visitor.visit_some(self)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct newtype_struct seq tuple tuple_struct
        map struct enum identifier ignored_any
    }
}

/// One decoded `key=value` of a query.
type Pair<'a> = (Cow<'a, str>, Cow<'a, str>);

/// The pairs of `raw`, decoded, in order.
fn pairs(raw: &str) -> Result<Vec<Pair<'_>>, ServerError> {
    let pairs = raw.split('&').filter(|pair| !pair.is_empty()).map(|pair| {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        Ok((decode(key)?, decode(value)?))
    });
    pairs.collect()
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

    /// A query of two keys, each `None` where absent.
    #[derive(serde::Deserialize)]
    struct Probe {
        #[serde(rename = "userID")]
        user_id: Option<String>,
        token: Option<String>,
    }

    /// The values of `userID` and `token` in `raw`, `None` where absent.
    fn parse(raw: &str) -> Result<[Option<String>; 2], ServerError> {
        let probe: Probe = from_pairs(&pairs(raw)?)?;
        Ok([probe.user_id, probe.token])
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
        // Android and iOS: both keys, nothing encoded.
        assert_eq!(
            parse("userID=u1&token=c9527c19*1400047134").unwrap(),
            [Some("u1".into()), Some("c9527c19*1400047134".into())]
        );
        // The mini-program before login: no token at all.
        assert_eq!(parse("userID=u1").unwrap(), [Some("u1".into()), None]);
        // The research notes' own example, quotes and all; a `+` is kept.
        assert_eq!(
            parse("userID='james'&token=a+b").unwrap(),
            [Some("'james'".into()), Some("a+b".into())]
        );
        assert_eq!(
            parse("token=&userID=%E7%94%A8%20x&&platform=WeChat").unwrap(),
            [Some("用 x".into()), Some(String::new())]
        );
        assert_eq!(parse("userID").unwrap(), [Some(String::new()), None]);
        assert_eq!(parse("").unwrap(), [None, None]);
        // Keys are decoded before they are compared.
        assert_eq!(parse("%74oken=t").unwrap(), [None, Some("t".into())]);
    }

    #[test]
    fn refuses_what_could_mean_two_things() {
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
            assert_eq!(code(parse(raw)), 200100, "{raw}");
        }
        let err = parse("token=1&token=2").unwrap_err();
        assert!(
            err.message().ends_with("duplicate field `token`"),
            "{}",
            err.message()
        );
        // Keys nobody asked for may repeat.
        assert!(parse("platform=a&platform=b&userID=u").is_ok());
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
            let result = parse(&raw);
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
            if let Err(err) = parse(&raw) {
                prop_assert_eq!(err.code().value(), 200100);
            }
        }
    }
}
