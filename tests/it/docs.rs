//! The generated reference pages under docs/ (the table of codes, the
//! interfaces with their fields and codes) must not drift from the tables and
//! the types; the README must keep its first lines.
//!
//! `LIVEROOM_BLESS=1 cargo test --all-features --test it docs` rewrites the pages.

use std::fmt::Write;

use liveroom_errors::{ErrorCode, Interface, InterfaceCodePair, docs};
use serde_json::Value;

/// Asserts that `docs/NAME` is `expected`, or with `LIVEROOM_BLESS` set, writes it.
fn assert_page(name: &str, expected: &str) {
    let path = format!("{}/docs/{name}", env!("CARGO_MANIFEST_DIR"));
    let current = std::fs::read_to_string(&path).unwrap_or_default();
    if current != expected && std::env::var_os("LIVEROOM_BLESS").is_some() {
        std::fs::write(&path, expected).unwrap();
        return;
    }
    assert!(
        current == expected,
        "docs/{name} is stale: regenerate it with \
         `LIVEROOM_BLESS=1 cargo test --all-features --test it docs`"
    );
}

const GENERATED: &str = "<!-- Generated from the crate's tables and types by tests/it/docs.rs: \
do not edit; `LIVEROOM_BLESS=1 cargo test --all-features --test it docs` rewrites it. -->\n\n";

#[test]
fn the_code_table_is_the_tables() {
    let mut page = format!(
        "{GENERATED}# The error codes\n\n\
         Every code of `codes.tsv`: the 40 of the official table, whose Chinese text is the \
         official one (the English is ours), and the 10 only the client SDKs define, whose \
         texts are ours, marked `（非官方文案）` / `(unofficial text)`. \"Why this recovery\" is \
         ours too. What a code means in a given call, and which interfaces can return it, is \
         in [interfaces.md](interfaces.md); the rule behind the recoveries in \
         [recovery.md](recovery.md).\n\n"
    );
    docs::write_markdown_table(&mut page, &ErrorCode::ALL).unwrap();
    assert_page("codes.md", &page);
}

#[test]
fn the_interface_pages_are_the_tables_and_the_types() {
    let document = liveroom_errors::openapi::document();
    let schemas = &document["components"]["schemas"];
    let mut page = format!(
        "{GENERATED}# The interfaces\n\n\
         Each of the 16 interfaces: its path and query, the fields of its request body and \
         reply payload (from the `api` types' own schemas, as `openapi.json` has them), and \
         the codes it can return, with how sure that is and what to do about each in that \
         call. §N refers to [protocol.md](protocol.md). Presence: `required` (a reply \
         without it is no reply of its interface), `defaulted` (may be absent, read as \
         empty), `optional` (may be absent).\n\n\
         ## Any interface\n\n\
         Every interface can also return these codes; each interface's error enum has a \
         variant for them.\n\n"
    );
    docs::write_any_interface_table(&mut page).unwrap();
    page.push_str(
        "\n## Recovery in a call\n\n\
         Where a code's advice depends on the call, the pair overrides it, with its reason:\n\n",
    );
    docs::write_overrides_table(&mut page).unwrap();
    let mut nested = Vec::new();
    for interface in Interface::ALL {
        let post = &document["paths"][interface.path()]["post"];
        let type_name = post["requestBody"]["content"]["application/json"]["schema"]["$ref"]
            .as_str()
            .and_then(|r| r.strip_prefix("#/components/schemas/"))
            .unwrap()
            .trim_end_matches("Request")
            .to_owned();
        let query: Vec<String> = (post["parameters"].as_array().unwrap().iter())
            .map(|p| {
                let name = p["name"].as_str().unwrap();
                match p["required"] == true {
                    true => format!("{name}=…"),
                    false => format!("[{name}=…]"),
                }
            })
            .collect();
        write!(
            page,
            "\n## `{interface}`\n\n{} (§{})\n\n`POST {}?{}` · request `api::{type_name}Request` · \
             reply `api::{type_name}Reply` · errors `api::{type_name}Error`\n\n",
            interface.purpose(),
            interface.section(),
            interface.path(),
            query.join("&"),
        )
        .unwrap();
        for (label, name, envelope) in [
            ("Request body", format!("{type_name}Request"), false),
            ("Reply payload", format!("{type_name}Reply"), true),
        ] {
            fields(&mut page, label, &schemas[&name], envelope, &mut nested);
        }
        page.push_str("Codes of its own (besides those of any interface):\n\n");
        let own: Vec<InterfaceCodePair> = (interface.errors().iter().copied())
            .filter(|pair| pair.is_specific())
            .collect();
        docs::write_interface_codes_table(&mut page, &own).unwrap();
    }
    page.push_str("\n## Objects in the bodies\n");
    nested.sort();
    nested.dedup();
    let mut done = Vec::new();
    while let Some(name) = nested.pop() {
        if done.contains(&name) {
            continue;
        }
        let schema = &schemas[&name];
        let mut more = Vec::new();
        write!(page, "\n### `{name}`\n\n").unwrap();
        if schema.get("properties").is_some() {
            fields(&mut page, "Fields", schema, false, &mut more);
        } else {
            writeln!(page, "{}\n", escaped(&type_text(schema, &mut more))).unwrap();
        }
        done.push(name);
        nested.extend(more.into_iter().filter(|n| !done.contains(n)));
        nested.sort();
        nested.dedup();
        nested.reverse();
    }
    assert_page("interfaces.md", &page);
}

/// `label`, then the properties of `schema` as a table (without the
/// envelope's when `envelope`), or that it has none; the objects they refer
/// to are added to `nested`.
fn fields(
    page: &mut String,
    label: &str,
    schema: &Value,
    envelope: bool,
    nested: &mut Vec<String>,
) {
    let required = schema["required"].as_array().cloned().unwrap_or_default();
    let rows: Vec<String> = (schema["properties"].as_object().into_iter().flatten())
        .filter(|(name, _)| !envelope || !matches!(name.as_str(), "code" | "message" | "timestamp"))
        .map(|(name, property)| {
            let presence = if required.contains(&Value::from(name.as_str())) {
                "required"
            } else if property.get("default").is_some() {
                "defaulted"
            } else {
                "optional"
            };
            let text = escaped(&type_text(property, nested));
            format!("| `{name}` | {text} | {presence} |")
        })
        .collect();
    if rows.is_empty() {
        writeln!(page, "{label}: none.\n").unwrap();
    } else {
        writeln!(
            page,
            "{label}:\n\n| Field | Type | Presence |\n|---|---|---|"
        )
        .unwrap();
        writeln!(page, "{}\n", rows.join("\n")).unwrap();
    }
}

/// A schema's type in a short TypeScript-like notation.
fn type_text(schema: &Value, nested: &mut Vec<String>) -> String {
    if let Some(name) = schema["$ref"].as_str().and_then(|r| r.rsplit('/').next()) {
        nested.push(name.to_owned());
        return name.to_owned();
    }
    for key in ["oneOf", "anyOf"] {
        if let Some(options) = schema[key].as_array() {
            let texts: Vec<String> = (options.iter())
                .filter(|option| option["type"] != "null")
                .map(|option| type_text(option, nested))
                .collect();
            return texts.join(" | ");
        }
    }
    if let Some(values) = schema["enum"].as_array() {
        let values: Vec<String> = values.iter().map(Value::to_string).collect();
        return values.join(" | ");
    }
    match &schema["type"] {
        Value::Array(types) => {
            let types: Vec<&str> = types
                .iter()
                .filter_map(Value::as_str)
                .filter(|t| *t != "null")
                .collect();
            types.join(" | ")
        }
        Value::String(kind) if kind == "array" => {
            format!("{}[]", type_text(&schema["items"], nested))
        }
        Value::String(kind) if kind == "object" => match schema.get("additionalProperties") {
            Some(values) => format!("Record<string, {}>", type_text(values, nested)),
            None => "object".to_owned(),
        },
        Value::String(kind) if schema.get("contentSchema").is_some() => {
            format!(
                "{kind} (JSON text of {})",
                type_text(&schema["contentSchema"], nested)
            )
        }
        Value::String(kind) => kind.clone(),
        _ => "any".to_owned(),
    }
}

/// `text` safe in a Markdown table cell.
fn escaped(text: &str) -> String {
    text.replace('|', "\\|")
}

#[test]
fn the_readme_starts_with_what_it_is_and_the_two_commands() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let intro: String = readme.lines().take(8).collect::<Vec<_>>().join("\n");
    assert!(intro.contains("Mobile Live Video Broadcasting"), "{intro}");
    let first_block: Vec<&str> = (readme.split("```sh\n").nth(1).unwrap())
        .split("```")
        .next()
        .unwrap()
        .lines()
        .collect();
    assert_eq!(
        first_block,
        [
            "cargo run -p liveroom-server -- 8400 --demo-auth",
            "cargo test --all-features"
        ]
    );
    assert!(
        readme.lines().count() < 400,
        "README.md is a reference manual again"
    );
}

/// Every file the repository's Markdown links to (`[…](path)`, relative) exists.
/// Whether these tests run in a checkout of the repository, which has the
/// server and CI beside the crate; a packaged crate has neither, and says so.
fn in_the_repository(test: &str) -> bool {
    let checkout = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/.ci/run")).exists();
    if !checkout {
        eprintln!("SKIPPED: {test}: not a checkout of the repository (no .ci/, no server/)");
    }
    checkout
}

#[test]
fn links_between_the_pages_resolve() {
    if !in_the_repository("links_between_the_pages_resolve") {
        return;
    }
    let root = env!("CARGO_MANIFEST_DIR");
    let pages = [
        "README.md",
        "docs/codes.md",
        "docs/interfaces.md",
        "docs/protocol.md",
        "docs/recovery.md",
        "docs/tables.md",
        "docs/cli.md",
        "docs/performance.md",
        "server/README.md",
        "CHANGELOG.md",
    ];
    for page in pages {
        let text = std::fs::read_to_string(format!("{root}/{page}")).unwrap();
        let dir = std::path::Path::new(root).join(page);
        let dir = dir.parent().unwrap();
        for target in text
            .split("](")
            .skip(1)
            .filter_map(|rest| rest.split(')').next())
        {
            let target = target.split('#').next().unwrap_or_default();
            if target.is_empty() || target.contains("://") || target.starts_with("mailto:") {
                continue;
            }
            assert!(
                dir.join(target).exists(),
                "{page} links to {target}, which does not exist"
            );
        }
    }
}

/// The README's TypeScript and Python blocks are excerpts of the sessions CI
/// compiles (`tsc --strict`, `mypy --strict`) and runs against the server:
/// each block's lines, trimmed, stand in that order, one after the other, in
/// `.ci/clients/session.ts` or `session.py`.
#[test]
fn the_readmes_typescript_and_python_are_excerpts_of_the_checked_sessions() {
    if !in_the_repository("the_readmes_typescript_and_python_are_excerpts") {
        return;
    }
    let root = env!("CARGO_MANIFEST_DIR");
    let readme = std::fs::read_to_string(format!("{root}/README.md")).unwrap();
    let trimmed = |text: &str| -> Vec<String> {
        (text.lines().map(str::trim).filter(|line| !line.is_empty()))
            .map(str::to_owned)
            .collect()
    };
    let mut blocks = 0;
    for (fence, file) in [("```ts\n", "session.ts"), ("```python\n", "session.py")] {
        let session =
            trimmed(&std::fs::read_to_string(format!("{root}/.ci/clients/{file}")).unwrap());
        for block in readme.split(fence).skip(1) {
            let lines = trimmed(block.split("```").next().unwrap());
            assert!(
                session.windows(lines.len()).any(|window| window == lines),
                "this README block is not in .ci/clients/{file}:\n{}",
                lines.join("\n")
            );
            blocks += 1;
        }
    }
    assert_eq!(blocks, 4, "the README's TypeScript and Python blocks");
}
