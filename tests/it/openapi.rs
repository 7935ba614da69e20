//! The OpenAPI document (`openapi::document`): the committed `openapi.json`
//! is the generated one, the document has the flat shape code generators
//! read whole, it agrees with the types and the interface tables, and real
//! and generated bodies validate against its schemas.
//!
//! `LIVEROOM_BLESS=1 cargo test --all-features --test it openapi` rewrites
//! `openapi.json`.
//!
//! The bodies are validated by a small validator of the JSON Schema keywords
//! the document uses (a test fails if it starts using another one): the
//! `jsonschema` crate would add some fifty crates to every test build and
//! switch on serde_json's `float_roundtrip` for all of them. `.ci/run` also
//! checks the document with openapi-spec-validator and schemathesis.

use std::any::type_name;
use std::collections::BTreeSet;
use std::sync::LazyLock;

use liveroom_errors::api::{
    self, AddAnchorRequest, AddAudienceRequest, Anchor, AnchorHeartbeatReply,
    AnchorHeartbeatRequest, AppId, Audience, CreateRoomRequest, CustomValue, DeleteAnchorRequest,
    DeleteAudienceRequest, DestroyRoomRequest, GetAnchorUrlRequest, GetAnchorsReply,
    GetAnchorsRequest, GetAudiencesReply, GetAudiencesRequest, GetCustomInfoReply,
    GetCustomInfoRequest, GetRoomListReply, GetRoomListRequest, InputStream, LayoutParams,
    LoginRequest, LogoutRequest, MergeParams, MergeStreamReply, MergeStreamRequest, MixInterface,
    MixPara, Operation, Room, ServerError, SetCustomFieldRequest, Success,
};
use liveroom_errors::{Code, ErrorCode, Interface, openapi};
use proptest::prelude::*;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value, json};

use crate::replies::*;

const OPENAPI_JSON: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/openapi.json");

/// The envelope's keys, first in the `required` of every reply and failure.
const ENVELOPE: [&str; 3] = ["code", "message", "timestamp"];

/// The server time of the bodies the tests write.
const TIME: u64 = 1_700_000_000_000;

#[test]
fn committed_document_is_the_generated_one() {
    let expected = openapi::to_string_pretty() + "\n";
    let committed = std::fs::read_to_string(OPENAPI_JSON).unwrap_or_default();
    if committed != expected && std::env::var_os("LIVEROOM_BLESS").is_some() {
        std::fs::write(OPENAPI_JSON, &expected).unwrap();
        return;
    }
    assert!(
        committed == expected,
        "openapi.json is stale: regenerate it with \
         `LIVEROOM_BLESS=1 cargo test --all-features --test it openapi` \
         (or `cargo run --features cli -- export --format openapi > openapi.json`)"
    );
}

#[test]
fn the_text_is_the_document_and_the_same_every_time() {
    let text = openapi::to_string_pretty();
    assert_eq!(text, openapi::to_string_pretty());
    let parsed: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(parsed, openapi::document());
    assert!(!text.ends_with('\n'));
}

// ---------------------------------------------------------------------------
// The types of each interface, erased so that a test can loop over them.

/// A serde type the document describes, with its schema's name.
#[derive(Clone, Copy)]
struct Type {
    /// The name of its schema: the type's own.
    name: &'static str,
    /// Whether it is a reply payload, whose fields sit beside the envelope.
    payload: bool,
    /// What its default value writes.
    default: fn() -> Value,
    /// What the type makes of `value`: decoded (a payload within a whole
    /// success body, by `api::decode`), then written again.
    read: fn(&Value) -> Result<Value, String>,
}

/// The last segment of `T`'s path: what schemars names its schema.
fn short_name<T>() -> &'static str {
    type_name::<T>().rsplit("::").next().unwrap()
}

/// A type sent as it is: a request, a query, an object inside a body.
fn plain<T: Serialize + DeserializeOwned + Default>() -> Type {
    Type {
        name: short_name::<T>(),
        payload: false,
        default: || serde_json::to_value(T::default()).unwrap(),
        read: |value| {
            let decoded: T = serde_json::from_value(value.clone()).map_err(|e| e.to_string())?;
            Ok(serde_json::to_value(decoded).unwrap())
        },
    }
}

/// A reply payload, read as a client reads it: from a whole success body.
fn payload<R>() -> Type
where
    R: api::Reply + Serialize + Default,
    R::Error: std::fmt::Display,
{
    Type {
        name: short_name::<R>(),
        payload: true,
        default: || serde_json::to_value(R::default()).unwrap(),
        read: |value| {
            let body = on_the_wire(value);
            let decoded = api::decode::<R>(&body.to_string()).map_err(|e| e.to_string())?;
            Ok(serde_json::to_value(decoded.payload).unwrap())
        },
    }
}

/// `payload`'s fields in a success body, after the envelope's.
fn on_the_wire(payload: &Value) -> Value {
    let mut body = json!({"code": 0, "message": "Success!", "timestamp": TIME});
    for (key, value) in payload.as_object().expect("a payload is an object") {
        body[key] = value.clone();
    }
    body
}

/// The types of one interface.
struct CallTypes {
    interface: Interface,
    request: Type,
    reply: Type,
    query: Type,
    /// `api::Success::new(<reply>::default())` with a timestamp, as a server
    /// writes it.
    success: fn() -> Value,
}

fn call<C>() -> CallTypes
where
    C: api::Call + Default,
    C::Query: Default,
    C::Reply: Default,
{
    CallTypes {
        interface: C::INTERFACE,
        request: plain::<C>(),
        reply: payload::<C::Reply>(),
        query: plain::<C::Query>(),
        success: || {
            let body = Success::new(C::Reply::default()).with_timestamp(TIME);
            serde_json::to_value(body).unwrap()
        },
    }
}

/// Every interface's types, in the order of `Interface::ALL`.
fn calls() -> [CallTypes; Interface::COUNT] {
    [
        call::<LoginRequest>(),
        call::<LogoutRequest>(),
        call::<GetRoomListRequest>(),
        call::<GetAnchorUrlRequest>(),
        call::<CreateRoomRequest>(),
        call::<DestroyRoomRequest>(),
        call::<GetAnchorsRequest>(),
        call::<AddAnchorRequest>(),
        call::<DeleteAnchorRequest>(),
        call::<AnchorHeartbeatRequest>(),
        call::<AddAudienceRequest>(),
        call::<DeleteAudienceRequest>(),
        call::<GetAudiencesRequest>(),
        call::<MergeStreamRequest>(),
        call::<SetCustomFieldRequest>(),
        call::<GetCustomInfoRequest>(),
    ]
}

/// Every type with an object schema: requests, reply payloads, and the
/// objects inside them.
fn object_types() -> Vec<Type> {
    let calls = calls();
    let bodies = calls.iter().flat_map(|call| [call.request, call.reply]);
    let inner = [
        plain::<Anchor>(),
        plain::<Audience>(),
        plain::<Room>(),
        plain::<MergeParams>(),
        plain::<MixInterface>(),
        plain::<MixPara>(),
        plain::<InputStream>(),
        plain::<LayoutParams>(),
    ];
    bodies.chain(inner).collect()
}

#[test]
fn the_table_of_types_has_every_interface_once() {
    let interfaces: Vec<Interface> = calls().iter().map(|call| call.interface).collect();
    assert_eq!(interfaces, Interface::ALL);
}

// ---------------------------------------------------------------------------
// The document's structure.

/// The document, made once for all tests.
fn document() -> &'static Value {
    static DOCUMENT: LazyLock<Value> = LazyLock::new(openapi::document);
    &DOCUMENT
}

fn schemas(document: &Value) -> &Map<String, Value> {
    document["components"]["schemas"].as_object().unwrap()
}

fn operation(document: &Value, interface: Interface) -> &Value {
    &document["paths"][interface.path()]["post"]
}

/// The schema of the HTTP 200 reply of `interface`.
fn reply_schema(document: &Value, interface: Interface) -> &Value {
    &operation(document, interface)["responses"]["200"]["content"]["application/json"]["schema"]
}

fn request_schema(document: &Value, interface: Interface) -> &Value {
    &operation(document, interface)["requestBody"]["content"]["application/json"]["schema"]
}

/// A `$ref` to the schema `name`.
fn reference(name: &str) -> Value {
    json!({ "$ref": format!("#/components/schemas/{name}") })
}

/// The schema `reference` points to (`#/components/schemas/Name`).
fn resolve<'a>(document: &'a Value, reference: &Value) -> &'a Value {
    let pointer = reference["$ref"].as_str().expect("a $ref");
    document
        .pointer(pointer.strip_prefix('#').expect("a local $ref"))
        .unwrap_or_else(|| panic!("{pointer} does not resolve"))
}

/// `get_anchor_url` → `GetAnchorUrl`: the stem of an interface's schema
/// names, from its reply type's name.
fn stem(call: &CallTypes) -> &'static str {
    call.reply.name.strip_suffix("Reply").expect("a reply type")
}

/// The keys of a JSON object.
fn keys(value: &Value) -> BTreeSet<&str> {
    value
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect()
}

/// The names listed in a schema's `required`.
fn required(schema: &Value) -> Vec<&str> {
    (schema["required"].as_array().into_iter().flatten())
        .map(|name| name.as_str().unwrap())
        .collect()
}

/// Calls `visit` with every object of `value` and its JSON pointer.
fn each_object<'a>(
    value: &'a Value,
    at: &str,
    visit: &mut dyn FnMut(&str, &'a Map<String, Value>),
) {
    match value {
        Value::Object(map) => {
            visit(at, map);
            for (key, value) in map {
                each_object(value, &format!("{at}/{key}"), visit);
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                each_object(item, &format!("{at}/{i}"), visit);
            }
        }
        _ => {}
    }
}

#[test]
fn it_is_openapi_3_1() {
    let document = document();
    assert_eq!(document["openapi"], "3.1.0");
    assert_eq!(document["openapi"], openapi::OPENAPI_VERSION);
    assert_eq!(document["info"]["title"], "LiveRoom RoomService");
    assert_eq!(document["info"]["version"], env!("CARGO_PKG_VERSION"));
    assert!(document["components"]["schemas"].is_object());
    // A 3.0 document would say `nullable`; 3.1 schemas are JSON Schema 2020-12.
    assert!(!openapi::to_string_pretty().contains("\"nullable\""));
}

#[test]
fn every_interface_has_its_path_and_operation() {
    let document = document();
    let paths = document["paths"].as_object().unwrap();
    assert_eq!(paths.len(), Interface::COUNT);
    let mut operation_ids = BTreeSet::new();
    for interface in Interface::ALL {
        let item = paths
            .get(interface.path())
            .unwrap_or_else(|| panic!("{interface}"));
        assert_eq!(
            keys(item),
            BTreeSet::from(["post"]),
            "{interface}: only POST"
        );
        let operation = &item["post"];
        assert_eq!(operation["operationId"], interface.name());
        assert_eq!(operation["summary"], interface.purpose());
        assert!(operation_ids.insert(interface.name()));
        assert_eq!(
            keys(&operation["responses"]),
            BTreeSet::from(["200"]),
            "{interface}: every reply is HTTP 200"
        );
        let json = BTreeSet::from(["application/json"]);
        assert_eq!(keys(&operation["requestBody"]["content"]), json);
        assert_eq!(keys(&operation["responses"]["200"]["content"]), json);
    }
}

#[test]
fn every_ref_resolves_and_every_schema_is_used() {
    let document = document();
    let mut refs = Vec::new();
    each_object(document, "", &mut |_, object| {
        if let Some(Value::String(target)) = object.get("$ref") {
            refs.push(target.as_str());
        }
    });
    // Each interface refers to its request, reply and failure, and its
    // failure to its codes and `UndocumentedCode`.
    assert!(refs.len() >= 5 * Interface::COUNT, "{}", refs.len());
    let dangling: Vec<&str> = (refs.iter().copied())
        .filter(|target| {
            let name = target.strip_prefix("#/components/schemas/");
            name.is_none_or(|name| !schemas(document).contains_key(name))
        })
        .collect();
    assert!(dangling.is_empty(), "dangling $refs: {dangling:?}");
    let used: BTreeSet<&str> = refs.iter().map(|r| r.rsplit('/').next().unwrap()).collect();
    let defined: BTreeSet<&str> = schemas(document).keys().map(String::as_str).collect();
    assert_eq!(defined, used);
}

#[test]
fn each_interface_error_enum_is_its_codes() {
    let document = document();
    for call in calls() {
        let interface = call.interface;
        let failure = &schemas(document)[&format!("{}Failure", stem(&call))];
        let code = &failure["properties"]["code"]["anyOf"];
        let name = format!("{}ErrorCode", stem(&call));
        assert_eq!(code[0], reference(&name), "named after the interface");
        assert_eq!(code[1], reference("UndocumentedCode"));
        assert_eq!(code.as_array().unwrap().len(), 2);
        let codes = &schemas(document)[&name];
        assert_eq!(codes["type"], "integer");
        let errors = interface.errors();
        assert!(!errors.is_empty());
        let expected: Vec<u32> = errors.iter().map(|e| e.code().value()).collect();
        assert_eq!(codes["enum"], json!(expected), "{interface}");
        let names: Vec<&str> = errors.iter().map(|e| e.code().name()).collect();
        assert_eq!(codes["x-enum-varnames"], json!(names), "{interface}");
        for texts in ["x-enum-descriptions", "x-enum-messages-zh"] {
            assert_eq!(codes[texts].as_array().unwrap().len(), errors.len());
        }
        for (i, pair) in errors.iter().enumerate() {
            let code = pair.code();
            let english = codes["x-enum-descriptions"][i].as_str().unwrap();
            let chinese = codes["x-enum-messages-zh"][i].as_str().unwrap();
            assert!(english.starts_with(code.message_en()), "{english}");
            assert!(chinese.starts_with(code.message_zh()), "{chinese}");
            // Our texts are marked, the official ones are verbatim.
            assert_eq!(
                english.ends_with(" (unofficial text)"),
                !code.is_documented()
            );
            assert_eq!(chinese.ends_with("（非官方文案）"), !code.is_documented());
            if code.is_documented() {
                assert_eq!(chinese, code.message_zh());
            }
        }
    }
    // The SDK-only codes are there, marked.
    let login = &schemas(document)["LoginErrorCode"];
    let names = login["x-enum-varnames"].as_array().unwrap();
    assert!(names.iter().any(|name| {
        ErrorCode::from_name(name.as_str().unwrap()).is_some_and(|c| !c.is_documented())
    }));
}

/// The query parameters are the query type's fields, each a plain string,
/// required exactly where a server requires it, never with a default.
#[test]
fn query_parameters_are_the_query_fields() {
    let document = document();
    for call in calls() {
        let interface = call.interface;
        let parameters = operation(document, interface)["parameters"]
            .as_array()
            .unwrap();
        let names: Vec<&str> = (parameters.iter())
            .map(|p| p["name"].as_str().unwrap())
            .collect();
        // Each parameter is a field of the query type, and each field a
        // parameter: a query with every parameter set is read and written
        // back whole.
        let every: Value = names.iter().map(|&name| (name, "x")).collect();
        let read = (call.query.read)(&every).unwrap();
        assert_eq!(read, every, "{interface}");
        // Required: what a server needs, the fields the type always writes;
        // the others are `Option`s, sent only when set.
        let required: BTreeSet<&str> = (parameters.iter())
            .filter(|p| p["required"] == true)
            .map(|p| p["name"].as_str().unwrap())
            .collect();
        let expected = if interface.takes_token() {
            BTreeSet::from(["userID", "token"])
        } else {
            BTreeSet::from(["sdkAppID", "userID", "userSig"])
        };
        assert_eq!(required, expected, "{interface}");
        assert_eq!(keys(&(call.query.default)()), expected, "{interface}");
        for parameter in parameters {
            assert_eq!(parameter["in"], "query");
            assert!(parameter["required"].is_boolean(), "{parameter}");
            // Never null, never a default: a generator must not fill in a
            // value the caller did not give.
            assert_eq!(
                parameter["schema"],
                json!({"type": "string"}),
                "{parameter}"
            );
            assert!(parameter.get("default").is_none(), "{parameter}");
            assert!(!parameter["description"].as_str().unwrap().is_empty());
        }
    }
}

/// The parameters are in the order of their names. They come from the
/// properties of a derived schema, which are in field order when serde_json
/// keeps insertion order (its `preserve_order` feature, switched on by any
/// crate of a build) and sorted otherwise: the document must not depend on it.
#[test]
fn query_parameters_are_in_name_order() {
    let document = document();
    for interface in Interface::ALL {
        let parameters = operation(document, interface)["parameters"]
            .as_array()
            .unwrap();
        let names: Vec<&str> = (parameters.iter())
            .map(|p| p["name"].as_str().unwrap())
            .collect();
        assert!(names.is_sorted(), "{interface}: {names:?}");
    }
}

#[test]
fn request_bodies_and_replies_are_the_types() {
    let document = document();
    for call in calls() {
        let interface = call.interface;
        let body = &operation(document, interface)["requestBody"];
        assert_eq!(
            request_schema(document, interface),
            &reference(call.request.name)
        );
        // `login` and `logout` have no fields: clients send `{}`, `""` or nothing.
        let no_fields = matches!(interface, Interface::Login | Interface::Logout);
        assert_eq!(body["required"], !no_fields, "{interface}");
        let writes_fields = !keys(&(call.request.default)()).is_empty();
        assert_eq!(writes_fields, !no_fields, "{interface}");
        // The reply: the success first, then the failure.
        assert_eq!(
            reply_schema(document, interface),
            &json!({ "oneOf": [
                reference(call.reply.name),
                reference(&format!("{}Failure", stem(&call))),
            ] }),
            "{interface}"
        );
    }
}

/// The properties of each object schema are the fields its type reads and
/// writes, required exactly where decoding requires them, with the defaults
/// and bounds the type has.
#[test]
fn schemas_are_the_fields_the_types_read_and_write() {
    let document = document();
    let types = object_types();
    // Every object schema but the failures is the schema of one of these.
    let named: BTreeSet<&str> = types.iter().map(|ty| ty.name).collect();
    let objects: BTreeSet<&str> = (schemas(document).iter())
        .filter(|(name, schema)| schema["type"] == "object" && !name.ends_with("Failure"))
        .map(|(name, _)| name.as_str())
        .collect();
    assert_eq!(named, objects);
    let mut checked = 0;
    for ty in types {
        let name = ty.name;
        let schema = &schemas(document)[name];
        let envelope: &[&str] = if ty.payload { &ENVELOPE } else { &[] };
        let empty = Map::new();
        let properties = (schema["properties"].as_object().unwrap_or(&empty).iter())
            .filter(|(property, _)| !envelope.contains(&property.as_str()));
        let required: BTreeSet<&str> = (required(schema).into_iter())
            .filter(|property| !envelope.contains(property))
            .collect();
        // Unknown keys are allowed, as the type ignores them.
        assert!(schema.get("additionalProperties").is_none(), "{name}");
        let written = (ty.default)();
        let mut unknown = written.clone();
        unknown["someUnknownKey"] = json!(1);
        assert_eq!((ty.read)(&unknown), Ok(written.clone()), "{name}");
        // The smallest body: the required fields alone.
        let minimal: Map<String, Value> = (written.as_object().unwrap().iter())
            .filter(|(key, _)| required.contains(key.as_str()))
            .map(|(key, value)| (key.clone(), value.clone()))
            .collect();
        let mut documented = BTreeSet::new();
        for (property, property_schema) in properties {
            let at = format!("{name}.{property}");
            documented.insert(property.as_str());
            // The default value's body, and the smallest one, with `property` set.
            let with = |value: Value| {
                let mut body = written.clone();
                body[property] = value;
                body
            };
            let alone = |value: Value| {
                let mut body = minimal.clone();
                body.insert(property.clone(), value);
                Value::Object(body)
            };
            let mut without = written.clone();
            without.as_object_mut().unwrap().remove(property);
            if written.get(property).is_some() {
                // Required exactly where decoding fails without it.
                let read = (ty.read)(&without);
                let is_required = required.contains(property.as_str());
                assert_eq!(read.is_err(), is_required, "{at}: {read:?}");
            } else {
                // An `Option` the default leaves out: absent or null is `None`.
                assert!(!required.contains(property.as_str()), "{at}");
                let null = check(document, property_schema, &Value::Null, &at);
                assert_eq!(null, Ok(()), "{at}: not written by default, so optional");
                assert!((ty.read)(&with(Value::Null)).is_ok(), "{at}");
            }
            // A value the schema allows is read and written back.
            let value = sample(document, property_schema);
            let body = alone(value.clone());
            assert_eq!(validate(document, &ty, &body), Ok(()), "{at}");
            let read = (ty.read)(&body).unwrap_or_else(|e| panic!("{at}: {e}"));
            assert!(
                read.get(property).is_some(),
                "{at}: {value} is not written back"
            );
            if !value.is_object() {
                assert_eq!(read[property], value, "{at}");
            }
            // `default` is what an absent field decodes as.
            if let Some(default) = property_schema.get("default") {
                assert!(!required.contains(property.as_str()), "{at}");
                let absent = (ty.read)(&without).unwrap();
                assert_eq!((ty.read)(&with(default.clone())), Ok(absent), "{at}");
            }
            // The bounds are the type's: the schema and the type refuse the
            // same numbers beyond them.
            if let Some(maximum) = property_schema["maximum"].as_u64() {
                assert!((ty.read)(&alone(json!(maximum))).is_ok(), "{at}");
                let beyond = alone(json!(maximum + 1));
                assert!(validate(document, &ty, &beyond).is_err(), "{at}");
                assert!((ty.read)(&beyond).is_err(), "{at}");
            }
            if let Some(minimum) = property_schema["minimum"].as_i64() {
                assert!((ty.read)(&alone(json!(minimum))).is_ok(), "{at}");
                let below = alone(json!(minimum - 1));
                assert!(validate(document, &ty, &below).is_err(), "{at}");
                assert!((ty.read)(&below).is_err(), "{at}");
            }
            checked += 1;
        }
        // Every key the type writes is documented.
        let undocumented: Vec<&str> = (keys(&written).into_iter())
            .filter(|key| !documented.contains(key))
            .collect();
        assert!(undocumented.is_empty(), "{name} writes {undocumented:?}");
        assert!(required.is_subset(&documented), "{name}");
    }
    assert!(checked > 50, "{checked} properties");
    // `Room`'s `audiences` is decoded but never sent (each client fails on
    // the other's shape): not documented.
    assert!(
        schemas(document)["Room"]["properties"]
            .get("audiences")
            .is_none()
    );
    let room: Room = serde_json::from_value(json!({"audiences": []})).unwrap();
    assert_eq!(room.audiences, Some(vec![]));
    assert!(
        serde_json::to_value(room)
            .unwrap()
            .get("audiences")
            .is_none()
    );
}

/// A value valid against `schema`: its `const`, its first `enum` value, the
/// value of its first branch that is not null, or a plain value of its
/// first type that is not null.
fn sample(document: &Value, schema: &Value) -> Value {
    if let Some(value) = schema.get("const") {
        return value.clone();
    }
    if let Some(values) = schema["enum"].as_array() {
        return values[0].clone();
    }
    if schema.get("$ref").is_some() {
        return sample(document, resolve(document, schema));
    }
    for branches in ["oneOf", "anyOf"] {
        if let Some(branches) = schema[branches].as_array() {
            let values = branches.iter().map(|branch| sample(document, branch));
            return values.into_iter().find(|v| !v.is_null()).unwrap();
        }
    }
    let types = match &schema["type"] {
        Value::Array(types) => types.iter().map(|t| t.as_str().unwrap()).collect(),
        other => vec![other.as_str().unwrap()],
    };
    match types.into_iter().find(|&t| t != "null") {
        Some("string") => json!("x"),
        Some("integer") => json!(1),
        Some("number") => json!(0.5),
        Some("boolean") => json!(true),
        Some("array") => json!([]),
        Some("object") => json!({}),
        other => panic!("no sample of {other:?} in {schema}"),
    }
}

/// Whether `value` of type `ty` (a payload in a success body) is valid
/// against the type's schema.
fn validate(document: &Value, ty: &Type, value: &Value) -> Result<(), String> {
    let value = if ty.payload {
        on_the_wire(value)
    } else {
        value.clone()
    };
    check(document, &reference(ty.name), &value, ty.name)
}

#[test]
fn merge_params_are_an_object_or_its_json_text() {
    let document = document();
    let field = &schemas(document)["MergeStreamRequest"]["properties"]["mergeParams"];
    let forms = field["oneOf"].as_array().expect("two forms");
    assert_eq!(forms.len(), 2);
    assert_eq!(forms[0], reference("MergeParams"));
    assert_eq!(forms[1]["type"], "string");
    assert_eq!(forms[1]["contentMediaType"], "application/json");
    assert_eq!(forms[1]["contentSchema"], reference("MergeParams"));
    // Both forms decode to the same parameters.
    let params = MergeParams {
        event_id: 1,
        ..MergeParams::default()
    };
    let object = json!({ "mergeParams": params });
    let text = json!({ "mergeParams": object["mergeParams"].to_string() });
    for body in [&object, &text] {
        assert_eq!(
            request_check(document, Interface::MergeStream, body),
            Ok(())
        );
        let request: MergeStreamRequest = serde_json::from_value(body.clone()).unwrap();
        assert_eq!(request.merge_params, params);
    }
}

/// Rustdoc is not API documentation: every schema, property, parameter and
/// operation is described in prose, without code examples or rustdoc links.
#[test]
fn descriptions_are_prose_without_rustdoc() {
    let document = document();
    let mut descriptions = Vec::new();
    let mut described = |at: String, value: &Value| match value["description"].as_str() {
        Some(text) if !text.trim().is_empty() => descriptions.push((at, text.to_owned())),
        _ => panic!("{at} has no description"),
    };
    for (name, schema) in schemas(document) {
        described(name.clone(), schema);
        for (property, schema) in schema["properties"].as_object().into_iter().flatten() {
            described(format!("{name}.{property}"), schema);
        }
    }
    for interface in Interface::ALL {
        let operation = operation(document, interface);
        described(interface.to_string(), operation);
        described(format!("{interface} 200"), &operation["responses"]["200"]);
        for parameter in operation["parameters"].as_array().unwrap() {
            described(format!("{interface}?{}", parameter["name"]), parameter);
        }
    }
    for (at, text) in &descriptions {
        assert!(!text.contains("```"), "{at}: a code example in {text:?}");
        let links = rustdoc_links(text);
        assert!(
            links.is_empty(),
            "{at}: rustdoc links {links:?} in {text:?}"
        );
    }
    assert!(descriptions.len() > 100, "{}", descriptions.len());
    // Queries are parameters, not schemas.
    assert!(schemas(document).get("LoginQuery").is_none());
    assert!(schemas(document).get("AuthQuery").is_none());
}

/// The rustdoc links of `text`: ``[`Name`]`` without a target, and
/// `[label](target)` whose target is no URL (`super::Room`, `Self::check`).
fn rustdoc_links(text: &str) -> Vec<&str> {
    let mut links = Vec::new();
    for (start, _) in text.match_indices('[') {
        let rest = &text[start..];
        let Some(close) = rest.find(']') else {
            continue;
        };
        let label = &rest[1..close];
        if let Some(target) = rest[close + 1..].strip_prefix('(') {
            let Some(end) = target.find(')') else {
                continue;
            };
            let target = &target[..end];
            if !target.contains("://") && !target.contains(char::is_whitespace) {
                // `[`, the label, `](`, the target, `)`.
                links.push(&rest[..=close + 2 + end]);
            }
        } else if label.len() > 2 && label.starts_with('`') && label.ends_with('`') {
            links.push(&rest[..=close]);
        }
    }
    links
}

#[test]
fn the_rustdoc_link_finder_finds_them() {
    assert_eq!(rustdoc_links("see [`Room`]."), ["[`Room`]"]);
    assert_eq!(
        rustdoc_links("[`check`](Self::check) and [docs](https://x.y/z)"),
        ["[`check`](Self::check)"]
    );
    assert!(rustdoc_links("`?a=…[&b=…]`, rooms[].audiences").is_empty());
}

// ---------------------------------------------------------------------------
// The flat shape code generators read.

/// Each reply and failure is one flat object: the envelope's properties
/// (and a success's payload) side by side, all required, no composition.
#[test]
fn replies_and_failures_are_flat_objects_with_the_envelope() {
    let document = document();
    for call in calls() {
        for name in [
            call.reply.name.to_owned(),
            format!("{}Failure", stem(&call)),
        ] {
            let schema = &schemas(document)[&name];
            assert_eq!(schema["type"], "object", "{name}");
            for composition in ["allOf", "anyOf", "oneOf", "$ref"] {
                assert!(schema.get(composition).is_none(), "{name}: {composition}");
            }
            let properties = schema["properties"].as_object().unwrap();
            let required = required(schema);
            assert_eq!(required[..3], ENVELOPE, "{name}: the envelope first");
            for property in &required {
                assert!(properties.contains_key(*property), "{name}: {property}");
            }
            assert_eq!(properties["message"]["type"], "string", "{name}");
            let timestamp = &properties["timestamp"];
            assert_eq!(timestamp["type"], "integer", "{name}");
            assert_eq!(timestamp["format"], "int64", "{name}");
            assert_eq!(timestamp["minimum"], 0, "{name}");
        }
        // A failure has no payload.
        let failure = &schemas(document)[&format!("{}Failure", stem(&call))];
        assert_eq!(keys(&failure["properties"]), BTreeSet::from(ENVELOPE));
        assert_eq!(required(failure), ENVELOPE);
    }
}

/// The success is `code` 0 and comes first: a generator that tries the
/// branches in order must not take a success for a failure.
#[test]
fn the_success_is_code_0_and_comes_first() {
    let document = document();
    for call in calls() {
        let one_of = &reply_schema(document, call.interface)["oneOf"];
        let first = resolve(document, &one_of[0]);
        assert_eq!(
            first["properties"]["code"]["const"], 0,
            "{}",
            call.interface
        );
        assert_eq!(first["properties"]["code"]["type"], "integer");
        let second = resolve(document, &one_of[1]);
        assert!(second["properties"]["code"].get("const").is_none());
        assert!(check(document, &second["properties"]["code"], &json!(0), "code").is_err());
    }
    let undocumented = &schemas(document)["UndocumentedCode"];
    assert_eq!(undocumented["type"], "integer");
    assert_eq!(undocumented["not"], json!({"const": 0}));
}

/// Whether `value` is valid against the schema named `name`.
fn named_check(document: &Value, name: &str, value: &Value) -> Result<(), String> {
    check(document, &reference(name), value, name)
}

/// The `oneOf` is exclusive: each of an interface's codes, and any other
/// code, is a failure and no success; what a server writes for a success is
/// a success and no failure.
#[test]
fn the_one_of_is_exclusive() {
    let document = document();
    for call in calls() {
        let interface = call.interface;
        let reply = call.reply.name;
        let failure = format!("{}Failure", stem(&call));
        let undocumented = ServerError::new(Code::new(299_999).unwrap(), "?");
        let codes = (interface.errors().iter())
            .map(|pair| ServerError::from(pair.code()))
            .chain([undocumented]);
        for error in codes {
            let body = serde_json::to_value(error.with_timestamp(TIME)).unwrap();
            assert_eq!(named_check(document, &failure, &body), Ok(()), "{body}");
            assert!(named_check(document, reply, &body).is_err(), "{body}");
            assert_eq!(reply_check(document, interface, &body), Ok(()), "{body}");
        }
        let success = (call.success)();
        assert_eq!(named_check(document, reply, &success), Ok(()), "{success}");
        assert!(
            named_check(document, &failure, &success).is_err(),
            "{success}"
        );
        assert_eq!(
            reply_check(document, interface, &success),
            Ok(()),
            "{success}"
        );
    }
}

/// Generators handle `allOf` each their own way, and unsigned formats not
/// at all: the document uses neither.
#[test]
fn no_all_of_and_only_portable_formats() {
    const PORTABLE: [&str; 4] = ["int32", "int64", "float", "double"];
    let document = document();
    each_object(document, "", &mut |at, object| {
        assert!(!object.contains_key("allOf"), "allOf at {at}");
        if let Some(format) = object.get("format") {
            assert!(
                PORTABLE.contains(&format.as_str().unwrap()),
                "{format} at {at}"
            );
        }
    });
    let text = openapi::to_string_pretty();
    assert!(!text.contains("uint32") && !text.contains("uint64"));
    // A `u32` is an `int64` with the range of a `u32`.
    let cnt = &schemas(document)["GetRoomListRequest"]["properties"]["cnt"];
    assert_eq!(cnt["format"], "int64");
    assert_eq!(cnt["minimum"], 0);
    assert_eq!(cnt["maximum"], u32::MAX);
}

/// schemars names a second type of the same name `Name2`: a generator would
/// make two classes of it, and one of them is a mistake.
#[test]
fn no_two_schemas_differ_only_by_a_number() {
    let mut stems = BTreeSet::new();
    for name in schemas(document()).keys() {
        let stem = name.trim_end_matches(|c: char| c.is_ascii_digit());
        assert!(stems.insert(stem), "{name} and another {stem}");
    }
}

#[test]
fn no_generic_success_or_failure_schema() {
    let schemas = schemas(document());
    assert!(!schemas.contains_key("Success"));
    assert!(!schemas.contains_key("Failure"));
}

/// A reply without payload fields accepts the bare envelope, exactly where
/// the decoder does.
#[test]
fn payload_less_replies_accept_the_bare_envelope() {
    let document = document();
    let bare = json!({"code": 0, "message": "Success!", "timestamp": 1});
    let mut accepting = BTreeSet::new();
    for call in calls() {
        let interface = call.interface;
        let valid = reply_check(document, interface, &bare);
        let reply = &schemas(document)[call.reply.name];
        let payload_less = required(reply) == ENVELOPE;
        assert_eq!(valid.is_ok(), payload_less, "{interface}: {valid:?}");
        let decoded = (call.reply.read)(&json!({}));
        assert_eq!(decoded.is_ok(), payload_less, "{interface}: {decoded:?}");
        if payload_less {
            accepting.insert(interface);
        }
    }
    // The envelope-only replies, and `merge_stream`, whose fields decode as
    // 0 and "" when absent.
    let mut expected = BTreeSet::from(ENVELOPE_ONLY_INTERFACES);
    expected.insert(Interface::MergeStream);
    assert_eq!(accepting, expected);
}

#[test]
fn operation_is_the_enum_set_inc_dec() {
    let document = document();
    let operation = &schemas(document)["Operation"];
    assert_eq!(operation["type"], "string");
    assert_eq!(operation["enum"], json!(["set", "inc", "dec"]));
    for (name, known) in [
        ("set", Operation::Set),
        ("inc", Operation::Inc),
        ("dec", Operation::Dec),
    ] {
        assert_eq!(Operation::from_wire(name), known);
        assert_eq!(serde_json::to_value(&known).unwrap(), name);
    }
    let field = &schemas(document)["SetCustomFieldRequest"]["properties"]["operation"];
    assert_eq!(field["anyOf"][0], reference("Operation"));
    // The type keeps any other text, for a server to refuse with 201008; the
    // schema lists only what a client sends.
    let other = json!({"operation": Operation::from_wire("add")});
    assert!(request_check(document, Interface::SetCustomField, &other).is_err());
}

// ---------------------------------------------------------------------------
// Bodies against the schemas.

/// Whether `value` is valid against `schema`, for the keywords the document
/// uses (JSON Schema 2020-12); `Err` says where it is not. `format` asserts
/// the range of an integer format, as the generated clients' integer types
/// do. Annotations (`description`, `default`, `examples`, `content*`, `x-*`)
/// are not assertions and are skipped.
fn check(document: &Value, schema: &Value, value: &Value, at: &str) -> Result<(), String> {
    let Some(schema) = schema.as_object() else {
        return match schema {
            Value::Bool(true) => Ok(()),
            _ => Err(format!("{at}: schema {schema} is not an object")),
        };
    };
    let fail = |what: String| Err(format!("{at}: {what}, got {value}"));
    let branches = |argument: &Value| -> Vec<Result<(), String>> {
        (argument.as_array().unwrap().iter())
            .map(|schema| check(document, schema, value, at))
            .collect()
    };
    for (keyword, argument) in schema {
        match keyword.as_str() {
            "$ref" => check(
                document,
                resolve(document, &json!({"$ref": argument})),
                value,
                at,
            )?,
            "type" => {
                let types: Vec<&str> = match argument {
                    Value::Array(types) => types.iter().filter_map(Value::as_str).collect(),
                    other => vec![other.as_str().unwrap()],
                };
                if !types.iter().any(|t| has_type(value, t)) {
                    return fail(format!("not of type {argument}"));
                }
            }
            "const" => {
                if !same(argument, value) {
                    return fail(format!("not {argument}"));
                }
            }
            "enum" => {
                if !argument.as_array().unwrap().iter().any(|v| same(v, value)) {
                    return fail("not in the enum".into());
                }
            }
            "minimum" => {
                if value.is_number() && compare(value, argument).is_lt() {
                    return fail(format!("below {argument}"));
                }
            }
            "maximum" => {
                if value.is_number() && compare(value, argument).is_gt() {
                    return fail(format!("above {argument}"));
                }
            }
            "format" => {
                let (min, max) = match argument.as_str().unwrap() {
                    "int32" => (i64::from(i32::MIN), i64::from(i32::MAX)),
                    "int64" => (i64::MIN, i64::MAX),
                    "float" | "double" => continue,
                    other => return Err(format!("{at}: the test validator does not know {other}")),
                };
                let out = |n| compare(n, &json!(min)).is_lt() || compare(n, &json!(max)).is_gt();
                if value.is_number() && out(value) {
                    return fail(format!("not an {argument}"));
                }
            }
            "not" => {
                if check(document, argument, value, at).is_ok() {
                    return fail(format!("matches not {argument}"));
                }
            }
            "anyOf" => {
                let results = branches(argument);
                if !results.iter().any(Result::is_ok) {
                    return fail(format!("matches none of anyOf: {results:?}"));
                }
            }
            "oneOf" => {
                let results = branches(argument);
                if results.iter().filter(|r| r.is_ok()).count() != 1 {
                    return fail(format!("does not match exactly one of oneOf: {results:?}"));
                }
            }
            "required" => {
                if let Some(object) = value.as_object() {
                    for name in argument.as_array().unwrap() {
                        if !object.contains_key(name.as_str().unwrap()) {
                            return fail(format!("lacks {name}"));
                        }
                    }
                }
            }
            "properties" => {
                if let Some(object) = value.as_object() {
                    for (name, schema) in argument.as_object().unwrap() {
                        if let Some(field) = object.get(name) {
                            check(document, schema, field, &format!("{at}.{name}"))?;
                        }
                    }
                }
            }
            "additionalProperties" => {
                if let Some(object) = value.as_object() {
                    let listed = schema.get("properties").and_then(Value::as_object);
                    for (name, field) in object {
                        if listed.is_none_or(|listed| !listed.contains_key(name)) {
                            check(document, argument, field, &format!("{at}.{name}"))?;
                        }
                    }
                }
            }
            "items" => {
                if let Some(items) = value.as_array() {
                    for (i, item) in items.iter().enumerate() {
                        check(document, argument, item, &format!("{at}[{i}]"))?;
                    }
                }
            }
            annotation if ANNOTATIONS.contains(&annotation) || annotation.starts_with("x-") => {}
            unknown => return Err(format!("{at}: the test validator does not know {unknown}")),
        }
    }
    Ok(())
}

/// The keywords [`check`] skips: they describe, they do not constrain.
const ANNOTATIONS: [&str; 6] = [
    "description",
    "default",
    "examples",
    "title",
    "contentMediaType",
    "contentSchema",
];

/// The assertion keywords [`check`] evaluates.
const ASSERTIONS: [&str; 14] = [
    "$ref",
    "type",
    "const",
    "enum",
    "minimum",
    "maximum",
    "format",
    "not",
    "anyOf",
    "oneOf",
    "required",
    "properties",
    "additionalProperties",
    "items",
];

fn has_type(value: &Value, name: &str) -> bool {
    match name {
        "null" => value.is_null(),
        "boolean" => value.is_boolean(),
        "string" => value.is_string(),
        "array" => value.is_array(),
        "object" => value.is_object(),
        "number" => value.is_number(),
        "integer" => {
            value.is_i64() || value.is_u64() || value.as_f64().is_some_and(|f| f.fract() == 0.0)
        }
        other => panic!("unknown type {other}"),
    }
}

/// JSON equality, where `0` and `0.0` are the same number.
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(_), Value::Number(_)) => compare(a, b).is_eq(),
        _ => a == b,
    }
}

/// The order of two JSON numbers: exact for integers (whatever their
/// sign), as `f64` otherwise.
fn compare(a: &Value, b: &Value) -> std::cmp::Ordering {
    let integer = |v: &Value| (v.as_i64().map(i128::from)).or(v.as_u64().map(i128::from));
    match (integer(a), integer(b)) {
        (Some(a), Some(b)) => a.cmp(&b),
        _ => (a.as_f64().unwrap()).total_cmp(&b.as_f64().unwrap()),
    }
}

/// Every schema of the document uses only keywords [`check`] knows, so that
/// no constraint goes unchecked.
#[test]
fn the_test_validator_knows_every_keyword_of_the_document() {
    fn walk(schema: &Value, seen: &mut BTreeSet<String>) {
        let Some(object) = schema.as_object() else {
            return;
        };
        for (keyword, argument) in object {
            seen.insert(keyword.clone());
            match keyword.as_str() {
                "properties" => argument
                    .as_object()
                    .unwrap()
                    .values()
                    .for_each(|s| walk(s, seen)),
                "allOf" | "anyOf" | "oneOf" => argument
                    .as_array()
                    .unwrap()
                    .iter()
                    .for_each(|s| walk(s, seen)),
                "not" | "items" | "additionalProperties" | "contentSchema" => walk(argument, seen),
                _ => {}
            }
        }
    }
    let document = document();
    let mut seen = BTreeSet::new();
    for schema in schemas(document).values() {
        walk(schema, &mut seen);
    }
    for interface in Interface::ALL {
        walk(reply_schema(document, interface), &mut seen);
        walk(request_schema(document, interface), &mut seen);
        for parameter in operation(document, interface)["parameters"]
            .as_array()
            .unwrap()
        {
            walk(&parameter["schema"], &mut seen);
        }
    }
    let unknown: Vec<&String> = (seen.iter())
        .filter(|k| !ANNOTATIONS.contains(&k.as_str()) && !k.starts_with("x-"))
        .filter(|k| !ASSERTIONS.contains(&k.as_str()))
        .collect();
    assert!(
        unknown.is_empty(),
        "keywords the test validator skips: {unknown:?}"
    );
    // The validator is exercised on what the document really uses.
    for keyword in ASSERTIONS {
        assert!(seen.contains(keyword), "{keyword}");
    }
}

/// Whether `body` is valid against the reply schema of `interface`.
fn reply_check(document: &Value, interface: Interface, body: &Value) -> Result<(), String> {
    let schema = reply_schema(document, interface);
    check(document, schema, body, interface.name())
}

/// [`reply_check`] of a reply's text.
fn reply_text_check(document: &Value, interface: Interface, body: &str) -> Result<(), String> {
    reply_check(document, interface, &serde_json::from_str(body).unwrap())
}

fn request_check(document: &Value, interface: Interface, body: &Value) -> Result<(), String> {
    check(
        document,
        request_schema(document, interface),
        body,
        interface.name(),
    )
}

#[test]
fn the_validator_refuses_what_the_schemas_forbid() {
    let document = document();
    let ok = r#"{"code":0,"message":"Success!","timestamp":1,"roomID":"room_1"}"#;
    assert_eq!(
        reply_text_check(document, Interface::CreateRoom, ok),
        Ok(())
    );
    for bad in [
        // No payload, wrong types, no timestamp, a string code, a negative time.
        r#"{"code":0,"message":"Success!","timestamp":1}"#,
        r#"{"code":0,"message":"Success!","timestamp":1,"roomID":7}"#,
        r#"{"code":0,"message":"Success!","roomID":"room_1"}"#,
        r#"{"code":"0","message":"Success!","timestamp":1,"roomID":"room_1"}"#,
        r#"{"code":0,"message":"Success!","timestamp":-1,"roomID":"room_1"}"#,
        // A time beyond `int64`.
        r#"{"code":0,"message":"Success!","timestamp":18446744073709551615,"roomID":"room_1"}"#,
        // Failures: a wrong text, a fractional or string code, no message.
        r#"{"code":204004,"message":7,"timestamp":1}"#,
        r#"{"code":1.5,"message":"x","timestamp":1}"#,
        r#"{"code":"204004","message":"x","timestamp":1}"#,
        r#"{"code":204004,"timestamp":1}"#,
        "[]",
    ] {
        let result = reply_text_check(document, Interface::CreateRoom, bad);
        assert!(result.is_err(), "{bad}");
    }
    // A boolean value, an operation no client sends, parameters that are
    // neither object nor text, numbers beyond a `u32` or fractional, a
    // number for text.
    let bad_requests = [
        (
            Interface::SetCustomField,
            json!({"roomID": "room_1", "fieldName": "praise", "operation": "inc", "value": true}),
        ),
        (Interface::SetCustomField, json!({"operation": "SET"})),
        (Interface::MergeStream, json!({"mergeParams": 3})),
        (Interface::GetRoomList, json!({"cnt": 4_294_967_296u64})),
        (Interface::GetRoomList, json!({"cnt": -1})),
        (Interface::GetRoomList, json!({"index": 1.5})),
        (Interface::CreateRoom, json!({"roomInfo": 7})),
    ];
    for (interface, request) in bad_requests {
        let result = request_check(document, interface, &request);
        assert!(result.is_err(), "{interface}: {request}");
    }
    // A count beyond a `u32`, in a reply.
    let audiences = json!({"code": 0, "message": "", "timestamp": 1, "audiences": [], "audienceCount": 4_294_967_296u64});
    assert!(reply_check(document, Interface::GetAudiences, &audiences).is_err());
}

/// The validator is the oracle of these tests: each keyword it knows
/// accepts and refuses as JSON Schema 2020-12 says, and it refuses a
/// keyword it does not know rather than skip it.
#[test]
fn the_validator_evaluates_its_keywords() {
    let document = &json!({});
    let valid = |schema: Value, value: Value| check(document, &schema, &value, "x").is_ok();
    assert!(valid(json!({"const": 0}), json!(0.0)));
    assert!(!valid(json!({"const": 0}), json!(1)));
    assert!(!valid(json!({"not": {"const": 0}}), json!(0)));
    assert!(valid(
        json!({"maximum": 4_294_967_295u64}),
        json!(4_294_967_295u64)
    ));
    assert!(!valid(
        json!({"maximum": 4_294_967_295u64}),
        json!(4_294_967_296u64)
    ));
    assert!(!valid(json!({"minimum": 0}), json!(-1)));
    assert!(valid(json!({"format": "int64"}), json!(i64::MIN)));
    assert!(!valid(json!({"format": "int64"}), json!(u64::MAX)));
    assert!(!valid(json!({"format": "int32"}), json!(2_147_483_648u64)));
    assert!(valid(json!({"format": "int64"}), json!("not a number")));
    assert!(!valid(json!({"format": "uint32"}), json!(1)));
    let either = json!({"anyOf": [{"type": "integer"}, {"minimum": 0}]});
    assert!(valid(either.clone(), json!(1)));
    assert!(!valid(either, json!(-0.5)));
    let one = json!({"oneOf": [{"type": "integer"}, {"minimum": 0}]});
    assert!(!valid(one.clone(), json!(1)), "both match");
    assert!(valid(one.clone(), json!(0.5)));
    assert!(!valid(one, json!(-0.5)), "none matches");
    assert!(!valid(json!({"allOf": []}), json!(1)), "unknown keyword");
}

// The bodies of docs/protocol.md: tests/it/replies/mod.rs.

/// The interfaces whose success is the envelope alone.
const ENVELOPE_ONLY_INTERFACES: [Interface; 8] = [
    Interface::Logout,
    Interface::DestroyRoom,
    Interface::AddAnchor,
    Interface::DeleteAnchor,
    Interface::AnchorHeartbeat,
    Interface::AddAudience,
    Interface::DeleteAudience,
    Interface::SetCustomField,
];

#[test]
fn the_bodies_of_the_protocol_are_valid_replies() {
    let document = document();
    let bodies = [
        (Interface::Login, LOGIN),
        (Interface::GetRoomList, GET_ROOM_LIST),
        (Interface::GetAnchorUrl, GET_ANCHOR_URL),
        (Interface::CreateRoom, CREATE_ROOM),
        (Interface::GetAnchors, GET_ANCHORS),
        (Interface::AnchorHeartbeat, ANCHOR_HEARTBEAT),
        (Interface::GetAudiences, GET_AUDIENCES),
        (Interface::MergeStream, MERGE_STREAM),
        (Interface::GetCustomInfo, GET_CUSTOM_INFO),
    ];
    for (interface, body) in bodies {
        let result = reply_text_check(document, interface, body);
        assert_eq!(result, Ok(()), "{interface}");
    }
    for interface in ENVELOPE_ONLY_INTERFACES {
        let result = reply_text_check(document, interface, ENVELOPE_ONLY);
        assert_eq!(result, Ok(()), "{interface}");
    }
    // The real error body is a valid reply of every interface.
    for interface in Interface::ALL {
        let result = reply_text_check(document, interface, ERROR);
        assert_eq!(result, Ok(()), "{interface}");
    }
    // Without its payload, a reply that has one is none.
    assert!(reply_text_check(document, Interface::GetAnchorUrl, ENVELOPE_ONLY).is_err());
}

/// A success body of `payload`, as a server built on the crate writes it.
fn success_body<T: Serialize>(payload: T) -> Value {
    serde_json::to_value(Success::new(payload).with_timestamp(TIME)).unwrap()
}

/// What the types write validates: every request (default and filled in),
/// every reply (default and filled in, through `api::Success`), and every
/// error (through `api::ServerError`).
#[test]
fn what_the_types_write_is_valid() {
    let document = document();
    for call in calls() {
        let interface = call.interface;
        let request = (call.request.default)();
        let result = request_check(document, interface, &request);
        assert_eq!(result, Ok(()), "{interface}: {request}");
        let success = (call.success)();
        let result = reply_check(document, interface, &success);
        assert_eq!(result, Ok(()), "{interface}: {success}");
        for pair in interface.errors() {
            let error = ServerError::from(pair.code()).with_timestamp(TIME);
            let body = serde_json::to_value(error).unwrap();
            assert_eq!(reply_check(document, interface, &body), Ok(()), "{body}");
        }
        // Any other code, a client's negative ones too.
        for code in [1, 299_999, -1, i64::MAX] {
            let error = ServerError::new(Code::new(code).unwrap(), "").with_timestamp(0);
            let body = serde_json::to_value(error).unwrap();
            assert_eq!(reply_check(document, interface, &body), Ok(()), "{body}");
        }
    }

    let anchor = Anchor {
        user_id: "u1".into(),
        user_name: "A".into(),
        ..Anchor::default()
    };
    let replies = [
        (
            Interface::GetRoomList,
            success_body(GetRoomListReply {
                rooms: vec![Room {
                    pushers: vec![anchor.clone()],
                    audience_count: u32::MAX,
                    audiences: Some(vec![Audience::default()]),
                    ..Room::default()
                }],
            }),
        ),
        (
            Interface::GetAnchors,
            success_body(GetAnchorsReply {
                pushers: vec![anchor.clone()],
                ..GetAnchorsReply::default()
            }),
        ),
        (
            Interface::AnchorHeartbeat,
            success_body(AnchorHeartbeatReply {
                room_status_code: Some(4),
                pushers: Some(vec![anchor]),
            }),
        ),
        (
            Interface::GetAudiences,
            success_body(GetAudiencesReply {
                audiences: vec![Audience::default()],
                audience_count: Some(u32::MAX),
            }),
        ),
        (
            Interface::MergeStream,
            success_body(MergeStreamReply {
                merge_code: -3,
                merge_message: "stream not found".into(),
            }),
        ),
        (
            Interface::GetCustomInfo,
            success_body(GetCustomInfoReply {
                custom: [
                    ("praise".into(), CustomValue::Integer(3)),
                    ("rate".into(), CustomValue::Float(1.5)),
                    ("notice".into(), "hi".into()),
                ]
                .into(),
            }),
        ),
    ];
    for (interface, body) in replies {
        let result = reply_check(document, interface, &body);
        assert_eq!(result, Ok(()), "{interface}: {body}");
    }

    let mut merge = MergeStreamRequest::default();
    merge.merge_params.interface.para.app_id = AppId::Number(1_400_000_000);
    merge.merge_params.interface.para.input_stream_list = vec![InputStream {
        layout_params: LayoutParams {
            image_width: Some(160),
            input_type: Some(3),
            ..LayoutParams::default()
        },
        ..Default::default()
    }];
    let object = serde_json::to_value(&merge).unwrap();
    assert_eq!(
        request_check(document, Interface::MergeStream, &object),
        Ok(())
    );
    let requests = [
        (
            Interface::GetAnchorUrl,
            serde_json::to_value(GetAnchorUrlRequest {
                room_id: Some("room_1".into()),
                ..Default::default()
            }),
        ),
        (
            Interface::CreateRoom,
            serde_json::to_value(CreateRoomRequest {
                room_id: Some("room_1".into()),
                ..Default::default()
            }),
        ),
        (
            Interface::GetRoomList,
            serde_json::to_value(GetRoomListRequest {
                cnt: u32::MAX,
                index: u32::MAX,
            }),
        ),
    ];
    for (interface, request) in requests {
        let request = request.unwrap();
        let result = request_check(document, interface, &request);
        assert_eq!(result, Ok(()), "{interface}: {request}");
    }
    for operation in [Operation::Set, Operation::Inc, Operation::Dec] {
        for value in [
            CustomValue::Integer(1),
            CustomValue::Float(0.5),
            CustomValue::from("x"),
        ] {
            let request = SetCustomFieldRequest {
                operation: Some(operation.clone()),
                value: Some(value),
                ..Default::default()
            };
            let request = serde_json::to_value(request).unwrap();
            let result = request_check(document, Interface::SetCustomField, &request);
            assert_eq!(result, Ok(()), "{request}");
        }
    }
}

proptest! {
    /// Any code but 0, with any text and time, is a valid error reply of every
    /// interface, a failure and no success, with keys the document does not
    /// list as well.
    #[test]
    fn every_error_reply_is_a_failure(
        code in any::<i64>().prop_filter("not success", |c| *c != 0),
        message in ".{0,20}",
        timestamp in 0..=i64::MAX,
        extra in "[a-z]{1,8}",
        extra_value in prop_oneof![Just(Value::Null), any::<i64>().prop_map(Value::from), ".{0,8}".prop_map(Value::from)],
    ) {
        let document = document();
        let mut body = json!({"code": code, "message": message, "timestamp": timestamp});
        if !ENVELOPE.contains(&extra.as_str()) {
            body[extra] = extra_value;
        }
        for call in calls() {
            prop_assert_eq!(reply_check(document, call.interface, &body), Ok(()));
            let failure = format!("{}Failure", stem(&call));
            prop_assert_eq!(named_check(document, &failure, &body), Ok(()));
        }
    }

    /// A success of `get_custom_info` is valid whatever its fields hold, as
    /// long as each is a number or a string.
    #[test]
    fn custom_fields_hold_numbers_and_strings(
        fields in proptest::collection::btree_map("[a-z]{1,6}", prop_oneof![
            any::<i64>().prop_map(Value::from),
            (-1e9f64..1e9).prop_map(Value::from),
            ".{0,6}".prop_map(Value::from),
            any::<bool>().prop_map(Value::from),
        ], 0..5),
    ) {
        let document = document();
        let valid = fields.values().all(|v| !v.is_boolean());
        let body = json!({"code": 0, "message": "Success!", "timestamp": 1, "custom": fields});
        let result = reply_check(document, Interface::GetCustomInfo, &body);
        prop_assert_eq!(result.is_ok(), valid, "{:?}", result);
    }
}
