//! `export --format json` and `list --format json`: the canonical mapping for
//! other languages, one record per code and per interface, and the JSON
//! Schemas of the interfaces' bodies, read from the OpenAPI document.

use std::collections::BTreeMap;
use std::collections::btree_map::Entry;

use liveroom_errors::{Category, ErrorCode, Evidence, Interface, InterfaceCodePair, Recovery};
use serde_json::{Map, Value, json};

use crate::escape;

/// Format tag of the exported document; bumped whenever a field is added,
/// removed or changes meaning (2: `official_text`; 3: the interfaces, the
/// evidence, the call-specific recoveries, `any_interface` and `interfaces`
/// of each code; 4: the bodies as JSON Schemas (`schemas`), the reasons in
/// Chinese, `official_text` gone).
const FORMAT: &str = "liveroom-errors/4";

/// One code as JSON: the same keys in every export and in `explain --format json`.
pub fn record(code: ErrorCode) -> Value {
    json!({
        "code": code.value(),
        "name": code.name(),
        "category": code.category(),
        "recovery": code.recovery(),
        "recovery_reason": code.recovery_reason(),
        "recovery_reason_zh": code.recovery_reason_zh(),
        "retryable": code.recovery() == Recovery::Retry,
        "documented": code.is_documented(),
        "sdk_name": code.sdk_name(),
        "message_zh": code.message_zh(),
        "message_en": code.message_en(),
        "causes_zh": code.causes_zh(),
        "causes_en": code.causes_en(),
        "any_interface": code.is_any_interface(),
        "interfaces": code_interfaces(code),
    })
}

/// The interfaces a code comes from, as the rows of `interface_codes.tsv`
/// have them: one `"any"` entry for a code every interface can return, then
/// each interface with a row of its own.
fn code_interfaces(code: ErrorCode) -> Vec<Value> {
    let pairs = code.interfaces();
    let any = pairs.iter().find(|p| !p.is_specific());
    let own = pairs.iter().filter(|p| p.is_specific());
    (any.map(|pair| pair_record(pair, [("interface", json!("any"))]))
        .into_iter())
    .chain(own.map(|pair| pair_record(pair, [("interface", json!(pair.interface()))])))
    .collect()
}

/// What a pair of an interface and a code says, after the `keys` that name it.
fn pair_record<const N: usize>(pair: &InterfaceCodePair, keys: [(&str, Value); N]) -> Value {
    let mut record: Map<String, Value> = keys.into_iter().map(|(k, v)| (k.into(), v)).collect();
    record.extend([
        ("evidence".into(), json!(pair.evidence())),
        ("basis".into(), json!(pair.basis())),
        ("recovery".into(), json!(pair.recovery())),
        ("recovery_reason".into(), json!(pair.recovery_reason())),
        (
            "recovery_reason_zh".into(),
            json!(pair.recovery_reason_zh()),
        ),
        ("override".into(), json!(pair.is_override())),
    ]);
    Value::Object(record)
}

fn pretty(value: &impl serde::Serialize) -> String {
    escape::json(serde_json::to_string_pretty(value).expect("JSON values always serialize"))
}

pub fn json_records(codes: &[ErrorCode]) -> String {
    pretty(&codes.iter().copied().map(record).collect::<Vec<_>>())
}

/// `list --interface … --format json`: the records of the codes, each with
/// `call`, the pair of the interface and the code.
pub fn json_records_in(pairs: &[InterfaceCodePair]) -> String {
    let records: Vec<Value> = (pairs.iter())
        .map(|pair| {
            let mut record = record(pair.code());
            record["call"] = pair_record(
                pair,
                [
                    ("interface", json!(pair.interface())),
                    ("any_interface", json!(!pair.is_specific())),
                ],
            );
            record
        })
        .collect();
    pretty(&records)
}

/// One interface: what it is and every code it can return.
pub fn interface_record(interface: Interface) -> Value {
    let codes: Vec<Value> = (interface.errors().iter())
        .map(|pair| {
            let code = pair.code();
            let keys = [
                ("code", json!(code.value())),
                ("name", json!(code.name())),
                ("any_interface", json!(!pair.is_specific())),
            ];
            pair_record(pair, keys)
        })
        .collect();
    json!({
        "name": interface.name(),
        "path": interface.path(),
        "takes_token": interface.takes_token(),
        "section": interface.section(),
        "purpose": interface.purpose(),
        "codes": codes,
    })
}

/// The hundreds (`code / 100`) that make up each category's ranges, from [`Category::of`].
pub fn prefixes(category: Category) -> Vec<u32> {
    (2000..2100)
        .filter(|prefix| Category::of(prefix * 100) == Some(category))
        .collect()
}

/// The bodies of one interface, from its path in the OpenAPI document.
pub struct Call {
    /// The query parameters: `name`, `required`, `description`, `schema`.
    pub query: Vec<Value>,
    /// The name of the request body's schema.
    pub request: String,
    /// The name of the success reply's schema: `code` 0, `message`,
    /// `timestamp` and the interface's own fields beside them.
    pub reply: String,
}

/// The bodies of every interface, in [`Interface::ALL`] order, and every
/// schema they reach, by name. The schemas are the OpenAPI document's, which
/// schemars derives from the `api` types: they describe what those types
/// decode. `$ref`s point to `#/schemas/<name>`, where the JSON export has them.
pub fn bodies() -> (Vec<Call>, BTreeMap<String, Value>) {
    let document = liveroom_errors::openapi::document();
    let mut wanted = Vec::new();
    let mut calls = Vec::new();
    for interface in Interface::ALL {
        let post = &document["paths"][interface.path()]["post"];
        let json = |body: &Value| body["content"]["application/json"]["schema"].clone();
        // A reply is `oneOf` [`<I>Reply` (the success), `<I>Failure`].
        let reply = json(&post["responses"]["200"])["oneOf"][0].clone();
        let mut bodies = [json(&post["requestBody"]), reply];
        let mut query = post["parameters"].as_array().cloned().unwrap_or_default();
        for schema in bodies.iter_mut().chain(&mut query) {
            rebase(schema, &mut wanted);
        }
        for parameter in &mut query {
            parameter.as_object_mut().map(|p| p.remove("in"));
        }
        let [request, reply] = bodies.map(|body| {
            let name = body["$ref"].as_str().and_then(|r| r.strip_prefix(SCHEMAS));
            name.expect("the OpenAPI document refers to each body by name")
                .to_owned()
        });
        calls.push(Call {
            query,
            request,
            reply,
        });
    }
    let mut schemas = BTreeMap::new();
    while let Some(name) = wanted.pop() {
        if let Entry::Vacant(entry) = schemas.entry(name) {
            let mut schema = document["components"]["schemas"][entry.key()].clone();
            rebase(&mut schema, &mut wanted);
            entry.insert(schema);
        }
    }
    (calls, schemas)
}

/// Where the JSON export keeps the schemas, as a `$ref` prefix.
const SCHEMAS: &str = "#/schemas/";

/// `schema` with its `$ref`s moved from the OpenAPI document's
/// `#/components/schemas/` to [`SCHEMAS`], the names they refer to added to `names`.
fn rebase(schema: &mut Value, names: &mut Vec<String>) {
    match schema {
        Value::Object(map) => {
            for (key, value) in map.iter_mut() {
                match (key.as_str(), value) {
                    ("$ref", Value::String(target)) => {
                        if let Some(name) = target.strip_prefix("#/components/schemas/") {
                            names.push(name.to_owned());
                            *target = format!("{SCHEMAS}{name}");
                        }
                    }
                    (_, value) => rebase(value, names),
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|v| rebase(v, names)),
        _ => {}
    }
}

pub fn json_document() -> String {
    let categories: Vec<Value> = (Category::ALL.iter())
        .map(|&c| {
            let ranges: Vec<String> = prefixes(c).iter().map(|p| format!("{p}xx")).collect();
            json!({"name": c, "ranges": ranges})
        })
        .collect();
    let recoveries: Vec<Value> = (Recovery::ALL.iter())
        .map(|&r| {
            json!({
                "name": r,
                "retryable": r == Recovery::Retry,
                "call_specific": r.is_call_specific(),
                "advice_zh": r.advice_zh(),
                "advice_en": r.advice_en(),
            })
        })
        .collect();
    let evidence: Vec<Value> = (Evidence::ALL.iter())
        .map(|&e| json!({"name": e, "description": e.description()}))
        .collect();
    let codes: Vec<Value> = ErrorCode::ALL.into_iter().map(record).collect();
    let (calls, schemas) = bodies();
    let interfaces: Vec<Value> = (Interface::ALL.into_iter().zip(calls))
        .map(|(interface, call)| {
            let mut record = interface_record(interface);
            record["query"] = json!(call.query);
            record["request"] = json!(call.request);
            record["reply"] = json!(call.reply);
            record
        })
        .collect();
    pretty(&json!({
        "format": FORMAT,
        "crate_version": env!("CARGO_PKG_VERSION"),
        "categories": categories,
        "recoveries": recoveries,
        "evidence": evidence,
        "codes": codes,
        "interfaces": interfaces,
        "schemas": schemas,
    }))
}
