//! The query string, read strictly enough that a request means one thing.
//!
//! `&` separates pairs, the first `=` separates a key from its value (a key
//! without `=` has the empty value), empty pairs are skipped. `%XX` is decoded;
//! a `%` without two hex digits after it, or a decoded key or value that is not
//! UTF-8, refuses the request: guessing would read another value than the one
//! sent. `+` stays a plus sign: the official clients send `userID` unencoded,
//! so a `+` in a user id must survive, and none of them encodes a space as `+`.
//! Keys the caller does not ask for are ignored, but a key it asks for may
//! appear only once.

use std::borrow::Cow;

use super::rejection;
use crate::ErrorCode;
use crate::wire::ServerError;

/// The values of `keys` in `raw` (the query without its `?`), `None` where absent.
pub(super) fn parse<const N: usize>(
    raw: &str,
    keys: [&'static str; N],
) -> Result<[Option<String>; N], ServerError> {
    let mut values: [Option<String>; N] = core::array::from_fn(|_| None);
    for pair in raw.split('&').filter(|pair| !pair.is_empty()) {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        let key = decode(key)?;
        let value = decode(value)?;
        if let Some(index) = keys.iter().position(|wanted| *wanted == key) {
            if values[index].is_some() {
                return Err(rejection(
                    ErrorCode::MalformedRequest,
                    format_args!("the query has `{}` more than once", keys[index]),
                ));
            }
            values[index] = Some(value.into_owned());
        }
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

    fn code(result: Result<[Option<String>; 2], ServerError>) -> i64 {
        result.unwrap_err().code().value()
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
