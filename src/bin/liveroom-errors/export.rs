//! `export` and `list --format json`: the canonical mapping for other languages.
//!
//! The JSON schema (documented in the README) is one record per code:
//! `code`, `name`, `category`, `recovery`, `retryable`, `documented`,
//! `official_text`, `sdk_name` (string or null), `message_zh`, `message_en`,
//! `causes_zh`, `causes_en`, `any_interface`, `interfaces`; and in the whole
//! document, one record per interface with its shapes and codes.

use std::collections::BTreeMap;
use std::fmt::Write;

use liveroom_errors::api::{self, ObjectShape, Shape};
use liveroom_errors::{Category, ErrorCode, Evidence, Interface, InterfaceCode, Recovery};
use serde_json::{Map, Value, json};

use crate::escape;

/// Format tag of the exported document; bumped whenever a field is added,
/// removed or changes meaning (2: `official_text`; 3: the interfaces, the
/// evidence, the call-specific recoveries, `any_interface` and `interfaces`
/// of each code).
const FORMAT: &str = "liveroom-errors/3";

/// One code as JSON. `official_text` says whether `message_zh` and `causes_zh`
/// are the official table's words; the English texts are always ours.
pub fn record(code: ErrorCode) -> Value {
    json!({
        "code": code.code(),
        "name": code.name(),
        "category": code.category(),
        "recovery": code.recovery(),
        "retryable": code.is_retryable(),
        "documented": code.is_documented(),
        "official_text": code.is_documented(),
        "sdk_name": code.sdk_name(),
        "message_zh": code.message_zh(),
        "message_en": code.message_en(),
        "causes_zh": code.causes_zh(),
        "causes_en": code.causes_en(),
        "any_interface": code.any_interface(),
        "interfaces": code_interfaces(code),
    })
}

/// The interfaces a code comes from, as the rows of `interface_codes.tsv`
/// have them: one `"any"` entry for a code every interface can return, then
/// each interface with a row of its own.
pub fn code_interfaces(code: ErrorCode) -> Vec<Value> {
    let pairs = code.interfaces();
    let any = pairs.iter().find(|p| p.is_any_interface());
    let own = pairs.iter().filter(|p| !p.is_any_interface());
    (any.map(|pair| pair_entry("any", pair)).into_iter())
        .chain(own.map(|pair| pair_entry(pair.interface().name(), pair)))
        .collect()
}

fn pair_entry(interface: &str, pair: &InterfaceCode) -> Value {
    json!({
        "interface": interface,
        "evidence": pair.evidence(),
        "basis": pair.basis(),
        "recovery": pair.recovery(),
        "recovery_reason": pair.recovery_reason(),
        "override": pair.is_override(),
    })
}

/// One code of an interface: its code and name, then the pair's fields.
fn interface_code(pair: &InterfaceCode) -> Value {
    json!({
        "code": pair.code().code(),
        "name": pair.code().name(),
        "any_interface": pair.is_any_interface(),
        "evidence": pair.evidence(),
        "basis": pair.basis(),
        "recovery": pair.recovery(),
        "recovery_reason": pair.recovery_reason(),
        "override": pair.is_override(),
    })
}

pub fn json_records(codes: &[ErrorCode]) -> String {
    let records: Vec<Value> = codes.iter().copied().map(record).collect();
    escape::json(serde_json::to_string_pretty(&records).expect("JSON values always serialize"))
}

/// `list --interface … --format json`: the records of the codes, each with
/// `call`, the pair of the interface and the code.
pub fn json_records_in(pairs: &[InterfaceCode]) -> String {
    let records: Vec<Value> = (pairs.iter())
        .map(|pair| {
            let mut record = record(pair.code());
            record["call"] = json!({
                "interface": pair.interface(),
                "evidence": pair.evidence(),
                "any_interface": pair.is_any_interface(),
                "basis": pair.basis(),
                "recovery": pair.recovery(),
                "recovery_reason": pair.recovery_reason(),
                "override": pair.is_override(),
            });
            record
        })
        .collect();
    escape::json(serde_json::to_string_pretty(&records).expect("JSON values always serialize"))
}

/// A shape as JSON: `{"kind": …}` and what the kind needs.
fn shape(shape: &Shape) -> Value {
    match shape {
        Shape::String => json!({"kind": "string"}),
        Shape::Integer => json!({"kind": "integer"}),
        Shape::Number => json!({"kind": "number"}),
        Shape::Keyword(words) => json!({"kind": "keyword", "values": words}),
        Shape::JsonText(inner) => json!({"kind": "json_text", "of": self::shape(inner)}),
        Shape::Array(inner) => json!({"kind": "array", "items": self::shape(inner)}),
        Shape::Map(inner) => json!({"kind": "map", "values": self::shape(inner)}),
        Shape::Object(object) => json!({"kind": "object", "name": object.name()}),
        Shape::OneOf(shapes) => {
            json!({"kind": "one_of", "shapes": shapes.iter().map(self::shape).collect::<Vec<_>>()})
        }
        // A kind this version of the tool does not know (the enum may grow).
        _ => json!({"kind": "any"}),
    }
}

/// An object's fields as JSON.
fn object(object: &ObjectShape) -> Value {
    let fields: Vec<Value> = (object.fields().iter())
        .map(|field| {
            json!({
                "name": field.name(),
                "rust_name": field.rust_name(),
                "type": shape(&field.shape()),
                "type_text": field.shape().to_string(),
                "presence": field.presence().name(),
            })
        })
        .collect();
    json!({"name": object.name(), "fields": fields})
}

/// Every object the bodies of every interface hold, by name.
fn nested_objects() -> BTreeMap<&'static str, &'static ObjectShape> {
    let mut objects = BTreeMap::new();
    for interface in Interface::ALL {
        let shapes = api::shapes(interface);
        for top in [shapes.query(), shapes.request(), shapes.reply()] {
            for (name, nested) in Shape::Object(top).objects() {
                if name != top.name() {
                    objects.insert(name, nested);
                }
            }
        }
    }
    objects
}

fn interface(interface: Interface) -> Value {
    let shapes = api::shapes(interface);
    json!({
        "name": interface.name(),
        "path": interface.path(),
        "takes_token": interface.takes_token(),
        "section": interface.section(),
        "purpose": interface.purpose(),
        "query": object(shapes.query()),
        "request": object(shapes.request()),
        "reply": object(shapes.reply()),
        "codes": interface.errors().iter().map(interface_code).collect::<Vec<_>>(),
    })
}

/// The hundreds (`code / 100`) that make up each category's ranges, from [`Category::of`].
pub fn prefixes(category: Category) -> Vec<u32> {
    (2000..2100)
        .filter(|prefix| Category::of(prefix * 100) == Some(category))
        .collect()
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
                "retryable": r.is_retryable(),
                "call_specific": r.is_call_specific(),
                "advice_zh": r.advice(),
                "advice_en": r.advice_en(),
            })
        })
        .collect();
    let evidence: Vec<Value> = (Evidence::ALL.iter())
        .map(|&e| json!({"name": e, "description": e.description()}))
        .collect();
    let codes: Vec<Value> = ErrorCode::ALL.into_iter().map(record).collect();
    let interfaces: Vec<Value> = Interface::ALL.into_iter().map(interface).collect();
    let objects: Map<String, Value> = (nested_objects().into_iter())
        .map(|(name, shape)| (name.to_owned(), object(shape)))
        .collect();
    let document = json!({
        "format": FORMAT,
        "crate_version": env!("CARGO_PKG_VERSION"),
        "categories": categories,
        "recoveries": recoveries,
        "evidence": evidence,
        "codes": codes,
        "interfaces": interfaces,
        "objects": objects,
    });
    escape::json(serde_json::to_string_pretty(&document).expect("JSON values always serialize"))
}

/// A JSON string is a valid TypeScript string literal.
fn ts_string(text: &str) -> String {
    serde_json::to_string(text).expect("strings always serialize")
}

fn ts_union<'a>(names: impl Iterator<Item = &'a str>) -> String {
    names.map(ts_string).collect::<Vec<_>>().join(" | ")
}

pub fn typescript() -> String {
    let mut ts = String::new();
    let version = env!("CARGO_PKG_VERSION");
    writeln!(
        ts,
        "// Generated by `liveroom-errors export --format typescript` (liveroom-errors {version})."
    )
    .unwrap();
    ts.push_str(
        "// The canonical RoomService error codes and interfaces; do not edit, regenerate.\n\n",
    );
    writeln!(
        ts,
        "/** What part of the service a code belongs to, by its range. */"
    )
    .unwrap();
    writeln!(
        ts,
        "export type Category = {};",
        ts_union(Category::ALL.iter().map(|c| c.name()))
    )
    .unwrap();
    writeln!(
        ts,
        "/** What a caller should do about a code (`rejoin` and `done` only in the context of a call). */"
    )
    .unwrap();
    writeln!(
        ts,
        "export type Recovery = {};",
        ts_union(Recovery::ALL.iter().map(|r| r.name()))
    )
    .unwrap();
    writeln!(
        ts,
        "/** How sure it is that an interface can return a code. */\nexport type Evidence = {};",
        ts_union(Evidence::ALL.iter().map(|e| e.name()))
    )
    .unwrap();
    writeln!(
        ts,
        "/** A RoomService interface, by its wire name. */\nexport type InterfaceName = {};\n",
        ts_union(Interface::ALL.iter().map(|i| i.name()))
    )
    .unwrap();
    ts.push_str(TS_INTERFACE);

    ts.push_str("\n/** Every known code, by name. */\nexport const ErrorCode = {\n");
    for code in ErrorCode::ALL {
        writeln!(ts, "  {}: {},", code.name(), code.code()).unwrap();
    }
    ts.push_str("} as const;\n/** A known code. */\nexport type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];\n");

    ts.push_str("\n/** Every known code's details, by code. */\nexport const ERRORS: Readonly<Record<number, ErrorInfo>> = {\n");
    for code in ErrorCode::ALL {
        let causes = |list: &[&str]| {
            list.iter()
                .map(|c| ts_string(c))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let interfaces: Vec<String> = (code_interfaces(code).iter())
            .map(|entry| {
                format!(
                    "{{ interface: {}, evidence: {}, basis: {}, recovery: {}, recoveryReason: {}, override: {} }}",
                    entry["interface"], entry["evidence"], entry["basis"], entry["recovery"],
                    entry["recovery_reason"], entry["override"]
                )
            })
            .collect();
        writeln!(
            ts,
            "  {}: {{ code: {}, name: {}, category: {}, recovery: {}, retryable: {}, documented: {}, officialText: {}, \
             sdkName: {}, messageZh: {}, messageEn: {}, causesZh: [{}], causesEn: [{}], anyInterface: {}, interfaces: [{}] }},",
            code.code(),
            code.code(),
            ts_string(code.name()),
            ts_string(code.category().name()),
            ts_string(code.recovery().name()),
            code.is_retryable(),
            code.is_documented(),
            code.is_documented(),
            code.sdk_name().map_or_else(|| "null".to_owned(), ts_string),
            ts_string(code.message_zh()),
            ts_string(code.message_en()),
            causes(code.causes_zh()),
            causes(code.causes_en()),
            code.any_interface(),
            interfaces.join(", "),
        )
        .unwrap();
    }
    ts.push_str("};\n");

    ts.push_str(
        "\n/** Every interface with the codes it can return, by wire name. */\n\
         export const INTERFACES: Readonly<Record<InterfaceName, InterfaceInfo>> = {\n",
    );
    for interface in Interface::ALL {
        let codes: Vec<String> = (interface.errors().iter())
            .map(|pair| {
                format!(
                    "{{ code: {}, name: {}, anyInterface: {}, evidence: {}, basis: {}, recovery: {}, recoveryReason: {}, override: {} }}",
                    pair.code().code(),
                    ts_string(pair.code().name()),
                    pair.is_any_interface(),
                    ts_string(pair.evidence().name()),
                    ts_string(pair.basis()),
                    ts_string(pair.recovery().name()),
                    ts_string(pair.recovery_reason()),
                    pair.is_override(),
                )
            })
            .collect();
        writeln!(
            ts,
            "  {}: {{ name: {}, path: {}, takesToken: {}, section: {}, purpose: {}, codes: [\n    {},\n  ] }},",
            interface.name(),
            ts_string(interface.name()),
            ts_string(interface.path()),
            interface.takes_token(),
            interface.section(),
            ts_string(interface.purpose()),
            codes.join(",\n    "),
        )
        .unwrap();
    }
    ts.push_str("};\n");

    ts.push_str(
        "\n/** The details of a known code, or `undefined`. */\n\
         export function describe(code: number): ErrorInfo | undefined {\n\
         \x20 return Object.prototype.hasOwnProperty.call(ERRORS, code) ? ERRORS[code] : undefined;\n}\n",
    );
    ts.push_str(
        "\n/** The category of any code by its range, known or not (203011 is still a room error). */\n\
         export function categoryOf(code: number): Category | undefined {\n\
         \x20 switch (Math.floor(code / 100)) {\n",
    );
    for &category in Category::ALL {
        let cases: Vec<String> = prefixes(category)
            .iter()
            .map(|p| format!("case {p}:"))
            .collect();
        writeln!(
            ts,
            "    {} return {};",
            cases.join(" "),
            ts_string(category.name())
        )
        .unwrap();
    }
    ts.push_str("    default: return undefined;\n  }\n}\n");
    ts.push_str(
        "\n/** Whether a known code may succeed when the same request is sent again later. */\n\
         export function isRetryable(code: number): boolean {\n\
         \x20 return describe(code)?.retryable === true;\n}\n",
    );
    ts.push_str(
        "\n/** What to do about a code in a call: the interface's override, else the code's own recovery; `undefined` for an unknown code. */\n\
         export function recoveryIn(name: InterfaceName, code: number): Recovery | undefined {\n\
         \x20 const pair = INTERFACES[name].codes.find((c) => c.code === code);\n\
         \x20 return pair !== undefined ? pair.recovery : describe(code)?.recovery;\n}\n",
    );
    ts_shapes(&mut ts);
    ts
}

/// The request, reply and query types of every interface, the objects they
/// hold, the envelope, and `Calls`, which links each interface to its types.
fn ts_shapes(ts: &mut String) {
    ts.push_str(
        "\n/** The envelope of every reply; the interface's own fields sit beside it. */\n\
         export interface Envelope {\n\
         \x20 /** 0 for success; an error code otherwise (older servers send it as a string). */\n\
         \x20 code: number | string;\n  message?: string;\n  /** Server time in milliseconds. */\n  timestamp?: number;\n}\n",
    );
    let mut tops: BTreeMap<&'static str, &'static ObjectShape> = BTreeMap::new();
    for interface in Interface::ALL {
        let shapes = api::shapes(interface);
        for top in [shapes.query(), shapes.request(), shapes.reply()] {
            tops.insert(top.name(), top);
        }
    }
    let nested = nested_objects();
    for object in nested.values().chain(tops.values()) {
        ts_object(ts, object);
    }
    ts.push_str("\n/** Each interface's query, request body and reply payload. */\nexport interface Calls {\n");
    for interface in Interface::ALL {
        let shapes = api::shapes(interface);
        writeln!(
            ts,
            "  {}: {{ query: {}; request: {}; reply: {} }};",
            interface.name(),
            shapes.query().name(),
            shapes.request().name(),
            shapes.reply().name()
        )
        .unwrap();
    }
    ts.push_str(
        "}\n/** A whole reply of an interface: the envelope and its payload. */\n\
         export type Reply<N extends InterfaceName> = Envelope & Calls[N][\"reply\"];\n",
    );
}

/// One object as a TypeScript interface: a field is optional (`?`) when the
/// crate may leave it out (`optional`, `read-only`).
fn ts_object(ts: &mut String, object: &ObjectShape) {
    if object.fields().is_empty() {
        writeln!(
            ts,
            "\n/** No fields of its own. */\nexport type {} = Record<string, never>;",
            object.name()
        )
        .unwrap();
        return;
    }
    writeln!(ts, "\nexport interface {} {{", object.name()).unwrap();
    for field in object.fields() {
        let optional = if field.presence().is_always_written() {
            ""
        } else {
            "?"
        };
        writeln!(
            ts,
            "  /** {} ({}). */\n  {}{optional}: {};",
            field.rust_name(),
            field.presence(),
            field.name(),
            ts_type(&field.shape())
        )
        .unwrap();
    }
    ts.push_str("}\n");
}

fn ts_type(shape: &Shape) -> String {
    match shape {
        Shape::String | Shape::JsonText(_) => "string".to_owned(),
        Shape::Integer | Shape::Number => "number".to_owned(),
        Shape::Keyword(words) => ts_union(words.iter().copied()),
        Shape::Array(inner) => match inner {
            Shape::OneOf(_) | Shape::Keyword(_) => format!("({})[]", ts_type(inner)),
            _ => format!("{}[]", ts_type(inner)),
        },
        Shape::Map(inner) => format!("Record<string, {}>", ts_type(inner)),
        Shape::Object(object) => object.name().to_owned(),
        Shape::OneOf(shapes) => {
            let mut types: Vec<String> = Vec::new();
            for shape in shapes.iter().map(ts_type) {
                if !types.contains(&shape) {
                    types.push(shape);
                }
            }
            types.join(" | ")
        }
        _ => "unknown".to_owned(),
    }
}

const TS_INTERFACE: &str = "\
/** One RoomService error code. */
export interface ErrorInfo {
  readonly code: number;
  /** The Rust variant name, e.g. \"MemberNotInRoom\". */
  readonly name: string;
  readonly category: Category;
  readonly recovery: Recovery;
  readonly retryable: boolean;
  /** Whether the official error-code table lists it (false: only the client SDKs define it). */
  readonly documented: boolean;
  /**
   * Whether `messageZh` and `causesZh` are the official table's words. False for
   * the codes only the client SDKs define: their texts are ours, not official.
   * The English texts are always ours (a translation where this is true).
   */
  readonly officialText: boolean;
  /** The SDK constant, e.g. \"ERROR_CODE_USER_NOT_IN_ROOM\". */
  readonly sdkName: string | null;
  /** The Chinese message, without its list of causes (see `officialText`). */
  readonly messageZh: string;
  /** The English message (ours: see `officialText`). */
  readonly messageEn: string;
  readonly causesZh: readonly string[];
  readonly causesEn: readonly string[];
  /** Whether every interface can return it. */
  readonly anyInterface: boolean;
  /** The interfaces it comes from: \"any\" first if every interface can, then those with a row of their own. */
  readonly interfaces: readonly CodeInterface[];
}

/** One interface a code comes from, with the evidence and the recovery in that call. */
export interface CodeInterface {
  readonly interface: InterfaceName | \"any\";
  readonly evidence: Evidence;
  /** Why the pair is believed (interfaces.md §20's basis, in our words). */
  readonly basis: string;
  /** The recovery in this call: the override, or the code's own. */
  readonly recovery: Recovery;
  readonly recoveryReason: string;
  /** Whether `recovery` differs from the code's own. */
  readonly override: boolean;
}

/** One code an interface can return. */
export interface InterfaceCodeInfo {
  readonly code: number;
  readonly name: string;
  /** Whether it is a code every interface can return. */
  readonly anyInterface: boolean;
  readonly evidence: Evidence;
  readonly basis: string;
  readonly recovery: Recovery;
  readonly recoveryReason: string;
  readonly override: boolean;
}

/** One RoomService interface: `POST <path>` with a JSON body. */
export interface InterfaceInfo {
  readonly name: InterfaceName;
  readonly path: string;
  /** Whether the query carries userID and token (every interface but login). */
  readonly takesToken: boolean;
  /** The section of the research notes (interfaces.md) that describes it. */
  readonly section: number;
  readonly purpose: string;
  readonly codes: readonly InterfaceCodeInfo[];
}
";
