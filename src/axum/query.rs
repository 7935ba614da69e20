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
    let (code, what) = match (given("sdkAppID"), given("userSig"), given("userID")) {
        (true, true, true) => return Ok(()),
        (true, true, false) => return Err(missing("userID")),
        (false, false, _) => (
            ErrorCode::MissingLoginCredentials,
            "`sdkAppID` and no `userSig`",
        ),
        (false, true, _) => (ErrorCode::MissingLoginCredentials, "`sdkAppID`"),
        (true, false, _) => (ErrorCode::MissingUserSig, "`userSig`"),
    };
    Err(rejection(code, format_args!("no {what} in the query")))
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
