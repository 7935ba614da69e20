//! An OpenAPI 3.1 document of the 16 RoomService interfaces (feature `openapi`),
//! for clients and servers in other languages: their paths, query parameters,
//! request bodies, replies, and the error codes of each.
//!
//! The request and reply schemas are derived from the [`api`](crate::api)
//! types with `schemars`, so the document describes what those types decode
//! and cannot drift from them; the error codes come from
//! [`Interface::errors`]. The crate's repository commits the document as
//! `openapi.json`, and `liveroom-errors export --format openapi` writes it.
//!
//! ```
//! let document = liveroom_errors::openapi::document();
//! assert_eq!(document["openapi"], "3.1.0");
//! let login = &document["paths"]["/weapp/live_room/login"]["post"];
//! assert_eq!(login["operationId"], "login");
//! ```
//!
//! # What the document says
//! It is written for code generators (openapi-typescript, openapi-python-client,
//! datamodel-code-generator, @hey-api/openapi-ts read it whole; the crate's CI
//! checks the first two), so it keeps to plain, flat schemas:
//! - Every interface is `POST /weapp/live_room/<name>` with a JSON body
//!   (`<Interface>Request`), its `operationId` the interface's name. Its query
//!   parameters are the fields of its query type; those a server requires
//!   (`userID`, `token`; for `login` `sdkAppID`, `userID`, `userSig`) are
//!   required.
//! - Every reply is HTTP 200 with one JSON object, `oneOf` two flat objects:
//!   `<Interface>Reply`, the success (`code` is the constant 0, beside
//!   `message`, `timestamp` and the payload), and `<Interface>Failure`, whose
//!   `code` is one of the interface's codes (`<Interface>ErrorCode`, an
//!   integer enum with `x-enum-varnames`, English `x-enum-descriptions` and
//!   the Chinese `x-enum-messages-zh`) or any other non-zero code
//!   (`UndocumentedCode`). The success comes first: a generator that tries
//!   them in order must not take `code` 0 for a failure.
//! - Schemas describe what the types accept: absent fields that decode as
//!   empty are not required (their `default` says what they become), and
//!   every object accepts keys it does not list, as the types ignore them.
//! - `message` and `timestamp` are required in replies: a RoomService server
//!   sends both. The crate's decoder is more lenient and reads a reply
//!   without them.
//!
//! With this feature the request, reply and query types of
//! [`api`](crate::api) implement `schemars::JsonSchema` (schemars 1), so a
//! service can put them in schemas of its own. A new major version of
//! schemars will be a breaking change of this feature.
//!
//! ```
//! use liveroom_errors::api::LoginReply;
//!
//! let schema = schemars::schema_for!(LoginReply);
//! assert_eq!(schema.as_value()["required"], serde_json::json!(["userID", "token"]));
//! ```

use alloc::borrow::Cow;
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use schemars::generate::SchemaSettings;
use schemars::transform::{RecursiveTransform, Transform};
use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde_json::{Map, Value, json};

use crate::api::Call;
use crate::{ErrorCode, Interface};

/// The OpenAPI version the document follows.
pub const OPENAPI_VERSION: &str = "3.1.0";

/// Where the document's schemas live, as `$ref` targets.
const SCHEMAS: &str = "#/components/schemas/";

/// The OpenAPI 3.1 document of every interface, as a JSON value.
///
/// The same on every call and in every build: objects are written with their
/// keys in order by [`to_string_pretty`].
///
/// ```
/// use liveroom_errors::{ErrorCode, Interface};
///
/// let document = liveroom_errors::openapi::document();
/// let paths = document["paths"].as_object().unwrap();
/// assert_eq!(paths.len(), Interface::COUNT);
///
/// // Each interface's error codes, by name.
/// let codes = &document["components"]["schemas"]["AnchorHeartbeatErrorCode"];
/// let names = codes["x-enum-varnames"].as_array().unwrap();
/// assert!(names.contains(&ErrorCode::MemberNotInRoom.name().into()));
/// ```
pub fn document() -> Value {
    let mut generator = generator();
    // The path items first: they derive the schemas of the api types.
    let interfaces = interfaces(&mut generator);
    let mut schemas = generator.take_definitions(true);
    let mut paths = Map::new();
    let mut written = vec![("UndocumentedCode".into(), undocumented_code())];
    for (interface, name, path_item) in interfaces {
        paths.insert(interface.path().into(), path_item);
        add_envelope(&mut schemas[&format!("{name}Reply")]);
        written.push((format!("{name}ErrorCode"), error_codes(interface)));
        written.push((format!("{name}Failure"), failure(interface, name)));
    }
    for (name, schema) in written {
        // A derived type named like a written schema would be lost.
        debug_assert!(!schemas.contains_key(&name), "two schemas named {name}");
        schemas.insert(name, schema);
    }
    json!({
        "openapi": OPENAPI_VERSION,
        "info": {
            "title": "LiveRoom RoomService",
            "version": env!("CARGO_PKG_VERSION"),
            "summary": "The room service behind MLVB live rooms: its 16 interfaces, their bodies and their error codes.",
            "description": INFO,
            "license": { "name": "MIT", "identifier": "MIT" },
        },
        "paths": paths,
        "components": { "schemas": schemas },
    })
}

/// [`document`] as pretty-printed JSON, without a final newline: the text of
/// the repository's `openapi.json` (which ends with one) and of
/// `liveroom-errors export --format openapi`.
///
/// Byte for byte the same in every build: object keys are sorted, whatever
/// features `serde_json` was built with.
///
/// ```
/// let text = liveroom_errors::openapi::to_string_pretty();
/// assert!(text.starts_with("{\n  \"components\": {"));
/// assert_eq!(text, liveroom_errors::openapi::to_string_pretty());
/// ```
pub fn to_string_pretty() -> String {
    let mut document = document();
    document.sort_all_objects();
    serde_json::to_string_pretty(&document).expect("JSON values always serialize")
}

const INFO: &str = "Every interface is `POST /weapp/live_room/<name>` with a JSON body and \
answers HTTP 200 with one flat JSON object: `code` 0 and the interface's fields on success, \
an error code otherwise. Generated from the Rust types of the liveroom-errors crate, which \
describe what the official Android, iOS and mini-program clients send and read; \u{a7}N \
refers to the sections of that crate's docs/protocol.md. The English texts are the \
crate's own; the Chinese messages of the documented codes are the official table's.";

/// Draft 2020-12, the dialect of OpenAPI 3.1, with definitions where OpenAPI
/// keeps them.
fn generator() -> SchemaGenerator {
    SchemaSettings::draft2020_12()
        .with(|settings| {
            settings.definitions_path = Cow::Borrowed("/components/schemas");
            settings.meta_schema = None;
        })
        .with_transform(RecursiveTransform(tidy))
        .into_generator()
}

/// Each interface, the name its schemas are named after, and its path item.
macro_rules! calls {
    ($( $interface:ident: $request:ty, $query:ty => $reply:ty, $error:ty; )*) => {
        fn interfaces(generator: &mut SchemaGenerator) -> Vec<(Interface, &'static str, Value)> {
            use crate::api::*;
            vec![$({
                let name = stringify!($interface);
                (Interface::$interface, name, path_item::<$request>(generator, name))
            }),*]
        }
    };
}

include!(concat!(env!("OUT_DIR"), "/api_calls.rs"));

/// The path item of the interface whose request type is `C` (and whose
/// schemas are named after `name`): one `post`.
fn path_item<C>(generator: &mut SchemaGenerator, name: &str) -> Value
where
    C: Call + JsonSchema,
    C::Query: JsonSchema,
    C::Reply: JsonSchema,
{
    let interface = C::INTERFACE;
    let has_fields = C::json_schema(generator).get("properties").is_some();
    let request = generator.subschema_for::<C>();
    generator.subschema_for::<C::Reply>();
    json!({ "post": {
        "operationId": interface.name(),
        "summary": interface.purpose(),
        "description": format!("docs/protocol.md \u{a7}{}.", interface.section()),
        "parameters": parameters::<C::Query>(generator),
        "requestBody": {
            // `login` and `logout`: no fields, and clients send `{}`, `""` or nothing.
            "required": has_fields,
            "content": { "application/json": { "schema": request } },
        },
        "responses": { "200": {
            "description": "HTTP 200 for success and failure alike: `code` 0 with the \
                payload beside it, or an error code.",
            "content": { "application/json": { "schema": { "oneOf": [
                reference(&format!("{name}Reply")),
                reference(&format!("{name}Failure")),
            ] } } },
        } },
    } })
}

/// A `$ref` to the schema `name` of the document.
fn reference(name: &str) -> Value {
    json!({ "$ref": format!("{SCHEMAS}{name}") })
}

/// The fields of the query type `Q` as query parameters, each a string, in
/// the order of their names (whatever map type `serde_json` uses); a field
/// required unless absence means something (an `Option`, which may be `null`
/// in the schema).
fn parameters<Q: JsonSchema>(generator: &mut SchemaGenerator) -> Value {
    let mut schema = Q::json_schema(generator);
    RecursiveTransform(tidy).transform(&mut schema);
    let properties = schema.get("properties").and_then(Value::as_object);
    let mut properties = properties.cloned().unwrap_or_default();
    properties.sort_keys();
    (properties.iter())
        .map(|(name, property)| {
            let optional = property["type"]
                .as_array()
                .is_some_and(|t| t.contains(&json!("null")));
            json!({
                "name": name,
                "in": "query",
                "required": !optional,
                "description": property["description"],
                "schema": { "type": "string" },
            })
        })
        .collect()
}

/// The codes `interface` can return, as an integer enum with each code's
/// name and texts.
fn error_codes(interface: Interface) -> Value {
    let codes: Vec<ErrorCode> = interface.errors().iter().map(|pair| pair.code()).collect();
    // The codes only the client SDKs define have no official text.
    let texts = |text: fn(ErrorCode) -> &'static str, unofficial: &str| -> Vec<String> {
        (codes.iter())
            .map(|code| match code.is_documented() {
                true => text(*code).into(),
                false => format!("{}{unofficial}", text(*code)),
            })
            .collect()
    };
    json!({
        "description": format!(
            "The codes `{}` can return: its own and those of any interface. A server \
             may send others (`UndocumentedCode`). The English texts are this crate's; \
             the Chinese ones are the official table's, except those marked unofficial \
             (codes only the client SDKs define).",
            interface.name()
        ),
        "type": "integer",
        "enum": codes.iter().map(|code| code.value()).collect::<Vec<_>>(),
        "x-enum-varnames": codes.iter().map(|code| code.name()).collect::<Vec<_>>(),
        "x-enum-descriptions": texts(ErrorCode::message_en, " (unofficial text)"),
        "x-enum-messages-zh": texts(ErrorCode::message_zh, "（非官方文案）"),
    })
}

/// The envelope's properties, `code` as given: the same in both kinds of reply.
fn envelope(code: Value) -> Value {
    json!({
        "code": code,
        "message": {
            "description": "The server's short English text (`Success!`, \
                `get push and acc url failed!`), not the table's Chinese sentence.",
            "type": "string",
        },
        "timestamp": {
            "description": "Server time in milliseconds since the Unix epoch; \
                clients use it to estimate their clock skew.",
            "type": "integer",
            "format": "int64",
            "minimum": 0,
        },
    })
}

/// Makes the payload schema of an interface its whole success reply: `code`
/// 0, `message` and `timestamp` beside the payload's own fields, all
/// required, in one flat object.
fn add_envelope(reply: &mut Value) {
    let mut properties =
        envelope(json!({ "description": "0: success.", "type": "integer", "const": 0 }));
    for (key, value) in reply["properties"].as_object().into_iter().flatten() {
        properties[key] = value.clone();
    }
    let own = reply["required"].as_array().into_iter().flatten().cloned();
    let required = ["code", "message", "timestamp"]
        .map(Value::from)
        .into_iter()
        .chain(own);
    reply["required"] = required.collect();
    reply["type"] = json!("object");
    reply["properties"] = properties;
}

/// The error reply of an interface: its code (one it is known to return, or
/// another), `message` and `timestamp`, all required, in one flat object.
fn failure(interface: Interface, name: &str) -> Value {
    let code = json!({
        "description": format!(
            "The error code: one `{interface}` is known to return (`{name}ErrorCode`), \
             or another (`UndocumentedCode`)."
        ),
        "anyOf": [reference(&format!("{name}ErrorCode")), reference("UndocumentedCode")],
    });
    json!({
        "description": format!(
            "An error reply of `{interface}`: a code (never 0), and no payload."
        ),
        "type": "object",
        "required": ["code", "message", "timestamp"],
        "properties": envelope(code),
    })
}

fn undocumented_code() -> Value {
    json!({
        "description": "A code the interface is not known to return (a newer server's, \
            another interface's, an older generation's or a client's own): an error all \
            the same, never success.",
        "type": "integer",
        "not": { "const": 0 },
    })
}

/// Rustdoc is not API documentation: a description stops before its first
/// code example, and intra-doc links become their text. Integer formats
/// become ones every generator knows: schemars' `uint32` is an `int64` with
/// the range of a `u32`, its `uint64` a plain non-negative integer.
fn tidy(schema: &mut Schema) {
    if let Some(Value::String(text)) = schema.get_mut("description") {
        let prose = text.split("```").next().unwrap_or_default().trim_end();
        *text = plain_links(prose);
    }
    match schema.get("format").and_then(Value::as_str) {
        Some("uint32") => {
            schema.insert("format".into(), json!("int64"));
            schema.insert("maximum".into(), json!(u32::MAX));
        }
        Some("uint64") => {
            schema.remove("format");
        }
        _ => {}
    }
}

/// `text` with each Markdown link whose target is no URL (a rustdoc path)
/// replaced by its label, and each ``[`name`]`` by `` `name` ``; code spans
/// are left alone.
fn plain_links(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    let mut in_code = false;
    while let Some(c) = rest.chars().next() {
        if c == '[' && !in_code {
            if let Some((label, after)) = rustdoc_link(rest) {
                out.push_str(label);
                rest = after;
                continue;
            }
        }
        in_code ^= c == '`';
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// The label of the rustdoc link `text` starts with, and the text after the link.
fn rustdoc_link(text: &str) -> Option<(&str, &str)> {
    let close = text.find(']')?;
    let label = text.get(1..close)?;
    let after = &text[close + 1..];
    if label.contains('[') {
        return None;
    }
    if let Some(target) = after.strip_prefix('(') {
        let end = target.find(')')?;
        let path = &target[..end];
        let is_path =
            !path.is_empty() && !path.contains("://") && !path.contains(char::is_whitespace);
        return is_path.then(|| (label, &target[end + 1..]));
    }
    let is_code = label.len() > 2
        && label.starts_with('`')
        && label.ends_with('`')
        && !label[1..label.len() - 1].contains('`');
    is_code.then_some((label, after))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_become_their_labels_outside_code() {
        assert_eq!(
            plain_links("in the query ([`LoginQuery`](super::LoginQuery))."),
            "in the query (`LoginQuery`)."
        );
        assert_eq!(plain_links("as [`Other`] does"), "as `Other` does");
        assert_eq!(plain_links("[the text](Self::text)"), "the text");
        // URLs, code spans and brackets that are no links stay.
        let kept = [
            "[docs](https://x.y/z)",
            "`?a=…[&b=…]`",
            "`[`X`](y)`",
            "[unclosed",
        ];
        for text in kept.into_iter().chain(["rooms[].audiences [x] [`a` b]"]) {
            assert_eq!(plain_links(text), text);
        }
    }

    #[test]
    fn descriptions_stop_before_the_first_example() {
        let mut schema = schemars::json_schema!({
            "description": "A body.\n\n```\nlet x = 1;\n```\nMore.",
            "properties": { "a": { "description": "See [`B`](super::B).\n```" } },
        });
        RecursiveTransform(tidy).transform(&mut schema);
        assert_eq!(schema.get("description").unwrap(), "A body.");
        assert_eq!(
            schema.as_value()["properties"]["a"]["description"],
            "See `B`."
        );
    }
}
