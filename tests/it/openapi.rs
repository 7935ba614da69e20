//! The OpenAPI document (`openapi::document`): the committed `openapi.json`
//! is the generated one, the document is complete and consistent with the
//! types and the interface tables, and real and generated bodies validate
//! against its schemas.
//!
//! `LIVEROOM_BLESS=1 cargo test --features openapi --test openapi` rewrites
//! `openapi.json`.
//!
//! The bodies are validated by a small validator of the JSON Schema keywords
//! the document uses (a test fails if it starts using another one): the
//! `jsonschema` crate would add some fifty crates to every test build and
//! switch on serde_json's `float_roundtrip` for all of them. `.ci/run` also
//! checks the document with openapi-spec-validator and schemathesis.

mod replies;
use replies::*;

use std::collections::BTreeSet;
use std::sync::LazyLock;

use liveroom_errors::api::{
    self, AddAnchorRequest, AddAudienceRequest, Anchor, AnchorHeartbeatReply,
    AnchorHeartbeatRequest, AppId, Audience, Call, CreateRoomRequest, CustomValue,
    DeleteAnchorRequest, DeleteAudienceRequest, DestroyRoomRequest, GetAnchorUrlRequest,
    GetAnchorsReply, GetAnchorsRequest, GetAudiencesReply, GetAudiencesRequest, GetCustomInfoReply,
    GetCustomInfoRequest, GetRoomListReply, GetRoomListRequest, LayoutParams, LoginRequest,
    LogoutRequest, MergeStreamReply, MergeStreamRequest, Operation, Presence, Room,
    SetCustomFieldRequest,
};
use liveroom_errors::{ErrorCode, Interface, openapi};
use proptest::prelude::*;
use serde::Serialize;
use serde_json::{Value, json};

const OPENAPI_JSON: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/openapi.json");

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
         `LIVEROOM_BLESS=1 cargo test --features openapi --test openapi` \
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
// The document's structure.

/// The document, made once for all tests.
fn document() -> &'static Value {
    static DOCUMENT: LazyLock<Value> = LazyLock::new(openapi::document);
    &DOCUMENT
}

fn operation(document: &Value, interface: Interface) -> &Value {
    &document["paths"][interface.path()]["post"]
}

/// The schema of the HTTP 200 reply of `interface`.
fn reply_schema(document: &Value, interface: Interface) -> &Value {
    &operation(document, interface)["responses"]["200"]["content"]["application/json"]["schema"]
}

/// The schema `reference` points to (`#/components/schemas/Name`).
fn resolve<'a>(document: &'a Value, reference: &Value) -> &'a Value {
    let pointer = reference["$ref"].as_str().expect("a $ref");
    document
        .pointer(pointer.strip_prefix('#').expect("a local $ref"))
        .unwrap_or_else(|| panic!("{pointer} does not resolve"))
}

#[test]
fn it_is_openapi_3_1() {
    let document = document();
    assert_eq!(document["openapi"], "3.1.0");
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
        let methods: Vec<&String> = item.as_object().unwrap().keys().collect();
        assert_eq!(methods, ["post"], "{interface}: only POST");
        let operation = &item["post"];
        assert_eq!(operation["operationId"], interface.name());
        assert_eq!(operation["summary"], interface.purpose());
        assert!(operation_ids.insert(interface.name()));
        let responses: Vec<&String> = operation["responses"].as_object().unwrap().keys().collect();
        assert_eq!(responses, ["200"], "{interface}: every reply is HTTP 200");
    }
}

#[test]
fn every_ref_resolves() {
    fn walk<'a>(value: &'a Value, refs: &mut Vec<&'a str>) {
        match value {
            Value::Object(map) => {
                if let Some(Value::String(target)) = map.get("$ref") {
                    refs.push(target);
                }
                map.values().for_each(|v| walk(v, refs));
            }
            Value::Array(items) => items.iter().for_each(|v| walk(v, refs)),
            _ => {}
        }
    }
    let document = document();
    let mut refs = Vec::new();
    walk(document, &mut refs);
    // Every reply refers to Success, Failure, UndocumentedCode, its payload and its codes.
    assert!(refs.len() >= 5 * Interface::COUNT, "{}", refs.len());
    let dangling: Vec<&str> = (refs.iter().copied())
        .filter(|target| {
            let pointer = target.strip_prefix("#/components/schemas/");
            pointer.is_none_or(|name| document["components"]["schemas"].get(name).is_none())
        })
        .collect();
    assert!(dangling.is_empty(), "dangling $refs: {dangling:?}");
    // And every schema is used.
    let used: BTreeSet<&str> = refs.iter().map(|r| r.rsplit('/').next().unwrap()).collect();
    let defined: BTreeSet<&str> = document["components"]["schemas"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(defined, used);
}

#[test]
fn each_interface_error_enum_is_its_codes() {
    let document = document();
    for interface in Interface::ALL {
        let failure = &reply_schema(document, interface)["oneOf"][1];
        assert_eq!(failure["allOf"][0]["$ref"], "#/components/schemas/Failure");
        let code = &failure["allOf"][1]["properties"]["code"]["anyOf"];
        assert_eq!(
            code[0]["$ref"],
            format!("#/components/schemas/{interface:?}ErrorCode"),
            "named after the interface"
        );
        assert_eq!(code[1]["$ref"], "#/components/schemas/UndocumentedCode");
        let codes = resolve(document, &code[0]);
        assert_eq!(codes["type"], "integer");
        let errors = interface.errors();
        assert!(!errors.is_empty());
        let expected: Vec<u32> = errors.iter().map(|e| e.code().code()).collect();
        assert_eq!(codes["enum"], json!(expected), "{interface}");
        let names: Vec<&str> = errors.iter().map(|e| e.code().name()).collect();
        assert_eq!(codes["x-enum-varnames"], json!(names), "{interface}");
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
    let any = resolve(
        document,
        &json!({"$ref": "#/components/schemas/LoginErrorCode"}),
    );
    assert!(
        any["x-enum-varnames"]
            .as_array()
            .unwrap()
            .iter()
            .any(|name| {
                ErrorCode::from_name(name.as_str().unwrap()).is_some_and(|c| !c.is_documented())
            })
    );
}

#[test]
fn query_parameters_are_the_query_fields() {
    let document = document();
    for interface in Interface::ALL {
        let parameters = operation(document, interface)["parameters"]
            .as_array()
            .unwrap();
        let names: Vec<&str> = parameters
            .iter()
            .map(|p| p["name"].as_str().unwrap())
            .collect();
        let fields: Vec<&str> = api::shapes(interface)
            .query()
            .fields()
            .iter()
            .map(|f| f.name())
            .collect();
        assert_eq!(names, fields, "{interface}");
        if interface.takes_token() {
            assert_eq!(names, ["userID", "token"]);
        } else {
            assert_eq!(names[..3], ["sdkAppID", "userID", "userSig"]);
        }
        for parameter in parameters {
            assert_eq!(parameter["in"], "query");
            // Absent ones decode as empty, for the server to answer with the table's code.
            assert_eq!(parameter["required"], false, "{parameter}");
            assert_eq!(
                parameter["schema"]["type"], "string",
                "never null: {parameter}"
            );
            assert!(parameter["description"].as_str().unwrap().starts_with('`'));
        }
    }
}

#[test]
fn request_bodies_and_payloads_are_the_types() {
    let document = document();
    for interface in Interface::ALL {
        let shapes = api::shapes(interface);
        let body = &operation(document, interface)["requestBody"];
        // `login` and `logout` have no fields: clients send `{}`, `""` or nothing.
        let optional = matches!(interface, Interface::Login | Interface::Logout);
        assert_eq!(body["required"], !optional, "{interface}");
        let schema = &body["content"]["application/json"]["schema"];
        assert_eq!(
            schema["$ref"],
            format!("#/components/schemas/{}", shapes.request().name())
        );
        let success = &reply_schema(document, interface)["oneOf"][0]["allOf"];
        assert_eq!(success[0]["$ref"], "#/components/schemas/Success");
        assert_eq!(
            success[1]["$ref"],
            format!("#/components/schemas/{}", shapes.reply().name())
        );
    }
}

/// The derived schemas and the shape descriptors come from the same field
/// lists: the same wire names, and required exactly where decoding requires.
#[test]
fn derived_schemas_have_the_fields_of_the_shapes() {
    let document = document();
    let schemas = &document["components"]["schemas"];
    let mut checked = 0;
    for interface in Interface::ALL {
        let shapes = api::shapes(interface);
        for top in [shapes.request(), shapes.reply()] {
            for (name, object) in api::Shape::Object(top).objects() {
                // iOS's form of `rooms[].audiences`, left out with the field.
                if name == "AudiencesObject" {
                    continue;
                }
                let schema = &schemas[name];
                assert_eq!(schema["type"], "object", "{name}");
                let properties: BTreeSet<&str> = (schema["properties"].as_object())
                    .map(|p| p.keys().map(String::as_str).collect())
                    .unwrap_or_default();
                let fields: BTreeSet<&str> = (object.fields().iter())
                    .filter(|f| f.presence() != Presence::ReadOnly)
                    .map(|f| f.name())
                    .collect();
                assert_eq!(properties, fields, "{name}");
                let required: BTreeSet<&str> = (schema["required"].as_array().into_iter())
                    .flatten()
                    .map(|r| r.as_str().unwrap())
                    .collect();
                let must: BTreeSet<&str> = (object.fields().iter())
                    .filter(|f| f.presence() == Presence::Required)
                    .map(|f| f.name())
                    .collect();
                assert_eq!(required, must, "{name}");
                assert!(
                    schema.get("additionalProperties").is_none(),
                    "{name}: unknown keys are allowed"
                );
                checked += 1;
            }
        }
    }
    assert!(checked > Interface::COUNT * 2);
    // `Room`'s `audiences` is decoded but never sent: not documented.
    assert!(schemas["Room"]["properties"].get("audiences").is_none());
}

#[test]
fn merge_params_are_an_object_or_its_json_text() {
    let document = document();
    let field =
        &document["components"]["schemas"]["MergeStreamRequest"]["properties"]["mergeParams"];
    let forms = field["oneOf"].as_array().expect("two forms");
    assert_eq!(forms[0]["$ref"], "#/components/schemas/MergeParams");
    assert_eq!(forms[1]["type"], "string");
    assert_eq!(forms[1]["contentMediaType"], "application/json");
    assert_eq!(
        forms[1]["contentSchema"]["$ref"],
        "#/components/schemas/MergeParams"
    );
}

#[test]
fn descriptions_are_prose_without_rustdoc() {
    let text = openapi::to_string_pretty();
    assert!(!text.contains("```"), "no code examples");
    assert!(
        !text.contains("](super::") && !text.contains("](crate::") && !text.contains("](Self::")
    );
    let document = document();
    let login = &document["components"]["schemas"]["LoginQuery"];
    assert!(login.is_null(), "queries are parameters, not schemas");
    let room = document["components"]["schemas"]["Room"]["description"]
        .as_str()
        .unwrap();
    assert!(room.starts_with("One room of `get_room_list`"), "{room}");
}

// ---------------------------------------------------------------------------
// Bodies against the schemas.

/// Whether `value` is valid against `schema`, for the keywords the document
/// uses (JSON Schema 2020-12); `Err` says where it is not. Annotations
/// (`description`, `default`, `format`, `examples`, `content*`, `x-*`) are
/// not assertions and are skipped.
fn check(document: &Value, schema: &Value, value: &Value, at: &str) -> Result<(), String> {
    let Some(schema) = schema.as_object() else {
        return match schema {
            Value::Bool(true) => Ok(()),
            _ => Err(format!("{at}: schema {schema} is not an object")),
        };
    };
    let fail = |what: String| Err(format!("{at}: {what}, got {value}"));
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
            "const" if !same(argument, value) => return fail(format!("not {argument}")),
            "enum" if !argument.as_array().unwrap().iter().any(|v| same(v, value)) => {
                return fail("not in the enum".into());
            }
            "minimum" => {
                if let (Some(min), Some(n)) = (argument.as_f64(), value.as_f64()) {
                    if n < min {
                        return fail(format!("below {min}"));
                    }
                }
            }
            "not" if check(document, argument, value, at).is_ok() => {
                return fail(format!("matches not {argument}"));
            }
            "allOf" => {
                for schema in argument.as_array().unwrap() {
                    check(document, schema, value, at)?;
                }
            }
            "anyOf" => {
                let results: Vec<_> = (argument.as_array().unwrap().iter())
                    .map(|schema| check(document, schema, value, at))
                    .collect();
                if !results.iter().any(Result::is_ok) {
                    return fail(format!("matches none of anyOf: {results:?}"));
                }
            }
            "oneOf" => {
                let results: Vec<_> = (argument.as_array().unwrap().iter())
                    .map(|schema| check(document, schema, value, at))
                    .collect();
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
            "const" | "enum" | "not" => {}
            annotation if ANNOTATIONS.contains(&annotation) || annotation.starts_with("x-") => {}
            unknown => return Err(format!("{at}: the test validator does not know {unknown}")),
        }
    }
    Ok(())
}

/// The keywords [`check`] skips: they describe, they do not constrain.
const ANNOTATIONS: [&str; 7] = [
    "description",
    "default",
    "format",
    "examples",
    "title",
    "contentMediaType",
    "contentSchema",
];

/// The assertion keywords [`check`] evaluates.
const ASSERTIONS: [&str; 13] = [
    "$ref",
    "type",
    "const",
    "enum",
    "minimum",
    "not",
    "allOf",
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
        (Value::Number(x), Value::Number(y)) => x == y || x.as_f64() == y.as_f64(),
        _ => a == b,
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
    for schema in document["components"]["schemas"]
        .as_object()
        .unwrap()
        .values()
    {
        walk(schema, &mut seen);
    }
    for interface in Interface::ALL {
        let operation = operation(document, interface);
        walk(reply_schema(document, interface), &mut seen);
        walk(
            &operation["requestBody"]["content"]["application/json"]["schema"],
            &mut seen,
        );
        for parameter in operation["parameters"].as_array().unwrap() {
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
    for keyword in [
        "$ref", "type", "const", "enum", "not", "allOf", "anyOf", "oneOf", "required",
    ] {
        assert!(seen.contains(keyword), "{keyword}");
    }
}

/// Whether `body` (a reply's text) is valid against the reply schema of `interface`.
fn reply_check(document: &Value, interface: Interface, body: &str) -> Result<(), String> {
    let value: Value = serde_json::from_str(body).unwrap();
    check(
        document,
        reply_schema(document, interface),
        &value,
        interface.name(),
    )
}

fn request_check(document: &Value, interface: Interface, body: &Value) -> Result<(), String> {
    let schema =
        &operation(document, interface)["requestBody"]["content"]["application/json"]["schema"];
    check(document, schema, body, interface.name())
}

#[test]
fn the_validator_refuses_what_the_schemas_forbid() {
    let document = document();
    let ok = r#"{"code":0,"message":"Success!","timestamp":1,"roomID":"room_1"}"#;
    assert_eq!(reply_check(document, Interface::CreateRoom, ok), Ok(()));
    for bad in [
        // No payload, wrong types, no timestamp, a string code, a negative time.
        r#"{"code":0,"message":"Success!","timestamp":1}"#,
        r#"{"code":0,"message":"Success!","timestamp":1,"roomID":7}"#,
        r#"{"code":0,"message":"Success!","roomID":"room_1"}"#,
        r#"{"code":"0","message":"Success!","timestamp":1,"roomID":"room_1"}"#,
        r#"{"code":0,"message":"Success!","timestamp":-1,"roomID":"room_1"}"#,
        r#"{"code":204004,"message":7,"timestamp":1}"#,
        r#"{"code":1.5,"message":"x","timestamp":1}"#,
        r#"[]"#,
    ] {
        assert!(
            reply_check(document, Interface::CreateRoom, bad).is_err(),
            "{bad}"
        );
    }
    let request =
        json!({"roomID": "room_1", "fieldName": "praise", "operation": "inc", "value": true});
    assert!(request_check(document, Interface::SetCustomField, &request).is_err());
    let request = json!({"mergeParams": 3});
    assert!(request_check(document, Interface::MergeStream, &request).is_err());
}

// The bodies of interfaces.md: tests/replies/mod.rs.

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
fn the_bodies_of_the_research_notes_are_valid_replies() {
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
        assert_eq!(
            reply_check(document, interface, body),
            Ok(()),
            "{interface}"
        );
    }
    for interface in ENVELOPE_ONLY_INTERFACES {
        assert_eq!(
            reply_check(document, interface, ENVELOPE_ONLY),
            Ok(()),
            "{interface}"
        );
    }
    // An error reply is valid for every interface, and a success without its
    // payload for none that has one.
    for interface in Interface::ALL {
        assert_eq!(
            reply_check(document, interface, ERROR),
            Ok(()),
            "{interface}"
        );
        let bare = reply_check(document, interface, ENVELOPE_ONLY);
        let has_required = api::shapes(interface)
            .reply()
            .fields()
            .iter()
            .any(|f| f.presence() == Presence::Required);
        assert_eq!(bare.is_err(), has_required, "{interface}: {bare:?}");
    }
    // Without their payload: exactly the interfaces whose reply requires fields.
    assert!(reply_check(document, Interface::GetAnchorUrl, ENVELOPE_ONLY).is_err());
    assert_eq!(
        reply_check(document, Interface::MergeStream, ENVELOPE_ONLY),
        Ok(())
    );
}

/// A success body of `payload`, as a server built on the crate writes it.
fn success_body<T: Serialize>(payload: &T) -> String {
    let mut body = json!({"code": 0, "message": "Success!", "timestamp": 1700000000000u64});
    for (key, value) in serde_json::to_value(payload).unwrap().as_object().unwrap() {
        body[key] = value.clone();
    }
    body.to_string()
}

/// What the types write validates: every request (default and filled in),
/// every reply payload.
#[test]
fn what_the_types_write_is_valid() {
    fn call<C: Call + Default>(document: &Value)
    where
        C::Reply: Default,
    {
        let interface = C::INTERFACE;
        let request = serde_json::to_value(C::default()).unwrap();
        assert_eq!(
            request_check(document, interface, &request),
            Ok(()),
            "{interface}"
        );
        let reply = success_body(&C::Reply::default());
        assert_eq!(
            reply_check(document, interface, &reply),
            Ok(()),
            "{interface}: {reply}"
        );
    }
    let document = document();
    call::<LoginRequest>(document);
    call::<LogoutRequest>(document);
    call::<GetRoomListRequest>(document);
    call::<GetAnchorUrlRequest>(document);
    call::<CreateRoomRequest>(document);
    call::<DestroyRoomRequest>(document);
    call::<GetAnchorsRequest>(document);
    call::<AddAnchorRequest>(document);
    call::<DeleteAnchorRequest>(document);
    call::<AnchorHeartbeatRequest>(document);
    call::<AddAudienceRequest>(document);
    call::<DeleteAudienceRequest>(document);
    call::<GetAudiencesRequest>(document);
    call::<MergeStreamRequest>(document);
    call::<SetCustomFieldRequest>(document);
    call::<GetCustomInfoRequest>(document);

    let anchor = Anchor {
        user_id: "u1".into(),
        user_name: "A".into(),
        ..Anchor::default()
    };
    let replies = [
        (
            Interface::GetRoomList,
            success_body(&GetRoomListReply {
                rooms: vec![Room {
                    pushers: vec![anchor.clone()],
                    audiences: Some(vec![Audience::default()]),
                    ..Room::default()
                }],
            }),
        ),
        (
            Interface::GetAnchors,
            success_body(&GetAnchorsReply {
                pushers: vec![anchor.clone()],
                ..GetAnchorsReply::default()
            }),
        ),
        (
            Interface::AnchorHeartbeat,
            success_body(&AnchorHeartbeatReply {
                room_status_code: Some(4),
                pushers: Some(vec![anchor]),
            }),
        ),
        (
            Interface::GetAudiences,
            success_body(&GetAudiencesReply {
                audiences: vec![Audience::default()],
                audience_count: Some(1),
            }),
        ),
        (
            Interface::MergeStream,
            success_body(&MergeStreamReply {
                merge_code: -3,
                merge_message: "stream not found".into(),
            }),
        ),
        (
            Interface::GetCustomInfo,
            success_body(&GetCustomInfoReply {
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
        assert_eq!(
            reply_check(document, interface, &body),
            Ok(()),
            "{interface}: {body}"
        );
    }

    let mut merge = MergeStreamRequest::default();
    merge.merge_params.interface.para.app_id = AppId::Number(1400000000);
    merge.merge_params.interface.para.input_stream_list = vec![api::InputStream {
        layout_params: LayoutParams {
            image_width: Some(160),
            ..LayoutParams::default()
        },
        ..Default::default()
    }];
    let object = serde_json::to_value(&merge).unwrap();
    assert_eq!(
        request_check(document, Interface::MergeStream, &object),
        Ok(())
    );
    // The mini-program's form: the same parameters as JSON text.
    let mut string = object.clone();
    string["mergeParams"] = Value::String(object["mergeParams"].to_string());
    assert_eq!(
        request_check(document, Interface::MergeStream, &string),
        Ok(())
    );
    for value in [
        CustomValue::Integer(1),
        CustomValue::Float(0.5),
        CustomValue::from("x"),
    ] {
        let request = SetCustomFieldRequest {
            operation: Some(Operation::Set),
            value: Some(value),
            ..Default::default()
        };
        let request = serde_json::to_value(request).unwrap();
        assert_eq!(
            request_check(document, Interface::SetCustomField, &request),
            Ok(())
        );
    }
}

proptest! {
    /// Any code but 0, with any text and time, is a valid error reply of every
    /// interface, with keys the document does not list as well.
    #[test]
    fn every_error_reply_is_valid(
        code in any::<i64>().prop_filter("not success", |c| *c != 0),
        message in ".{0,20}",
        timestamp in 0..=i64::MAX,
        extra in "[a-z]{1,8}",
        extra_value in prop_oneof![Just(Value::Null), any::<i64>().prop_map(Value::from), ".{0,8}".prop_map(Value::from)],
    ) {
        let document = document();
        let mut body = json!({"code": code, "message": message, "timestamp": timestamp});
        if !["code", "message", "timestamp"].contains(&extra.as_str()) {
            body[extra] = extra_value;
        }
        for interface in Interface::ALL {
            let result = check(document, reply_schema(document, interface), &body, interface.name());
            prop_assert_eq!(result, Ok(()));
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
        let result = check(document, reply_schema(document, Interface::GetCustomInfo), &body, "get_custom_info");
        prop_assert_eq!(result.is_ok(), valid, "{:?}", result);
    }
}
