//! `export --format json` and the JSON of `list` and `explain`: the canonical
//! mapping for other languages, one record per code and per interface. The
//! shapes of the bodies are the OpenAPI document's alone; the interfaces name
//! their schemas there.

use liveroom_errors::{Category, ErrorCode, Evidence, Interface, InterfaceCodePair, Recovery};
use serde_json::{Map, Value, json};

use crate::escape;

/// Format tag of the exported document; bumped whenever a field is added,
/// removed or changes meaning (2: `official_text`; 3: the interfaces, the
/// evidence, the call-specific recoveries, `any_interface` and `interfaces`
/// of each code; 4: the bodies as JSON Schemas (`schemas`), the reasons in
/// Chinese, `official_text` gone; 5: `schemas` and `query` gone, `request`
/// and `reply` name schemas of the OpenAPI document).
const FORMAT: &str = "liveroom-errors/5";

/// One code as JSON: the same keys in every export and in `explain --format json`.
pub fn record(code: ErrorCode) -> Value {
    let interfaces: Vec<Value> = (sources(code))
        .map(|(name, pair)| pair_record(pair, [("interface", json!(name))]))
        .collect();
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
        "interfaces": interfaces,
    })
}

/// The interfaces a code comes from, by name, as the rows of
/// `interface_codes.tsv` have them: `"any"` first for a code every interface
/// can return (one pair stands for all), then each interface with a row of its own.
pub fn sources(
    code: ErrorCode,
) -> impl Iterator<Item = (&'static str, &'static InterfaceCodePair)> {
    let pairs = code.interfaces();
    let any = pairs.iter().filter(|p| !p.is_specific()).take(1);
    let own = pairs.iter().filter(|p| p.is_specific());
    (any.map(|pair| ("any", pair))).chain(own.map(|pair| (pair.interface().name(), pair)))
}

/// What a pair of an interface and a code says, after the `keys` that name it.
pub fn pair_record<const N: usize>(pair: &InterfaceCodePair, keys: [(&str, Value); N]) -> Value {
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

/// The ranges of a category as people write them: `2040xx`.
pub fn ranges(category: Category) -> Vec<String> {
    prefixes(category)
        .iter()
        .map(|p| format!("{p}xx"))
        .collect()
}

pub fn document() -> String {
    let categories: Vec<Value> = (Category::ALL.iter())
        .map(|&c| json!({"name": c, "ranges": ranges(c)}))
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
    // The bodies' schemas, by the names the OpenAPI document gives them.
    let openapi = liveroom_errors::openapi::document();
    fn schema(body: &Value) -> &Value {
        &body["content"]["application/json"]["schema"]
    }
    let name = |schema: &Value| {
        let name = schema["$ref"]
            .as_str()
            .and_then(|r| r.strip_prefix("#/components/schemas/"));
        json!(name.expect("the OpenAPI document refers to each body by name"))
    };
    let interfaces: Vec<Value> = (Interface::ALL.into_iter())
        .map(|interface| {
            let post = &openapi["paths"][interface.path()]["post"];
            let mut record = interface_record(interface);
            record["request"] = name(schema(&post["requestBody"]));
            // A reply is `oneOf` [`<I>Reply` (the success), `<I>Failure`].
            record["reply"] = name(&schema(&post["responses"]["200"])["oneOf"][0]);
            record
        })
        .collect();
    escape::pretty(&json!({
        "format": FORMAT,
        "crate_version": env!("CARGO_PKG_VERSION"),
        "categories": categories,
        "recoveries": recoveries,
        "evidence": evidence,
        "codes": codes,
        "interfaces": interfaces,
    }))
}
