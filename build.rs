//! Generates `ErrorCode` and its lookup tables from `codes.tsv`, and
//! `Interface`, its pairs with the codes and the per-interface error enums
//! from `interfaces.tsv` and `interface_codes.tsv`.
//!
//! The parsing and validation live in `build/table.rs` and
//! `build/interfaces.rs`, the code generation in `build/emit.rs` and
//! `build/emit_interfaces.rs`; all are unit-tested directly (see
//! `tests/build/`).

#[path = "build/emit.rs"]
mod emit;
#[path = "build/emit_interfaces.rs"]
mod emit_interfaces;
#[path = "build/interfaces.rs"]
mod interfaces;
#[path = "build/table.rs"]
mod table;
#[allow(dead_code)] // the library's half of the vocabularies
#[path = "src/vocabulary.rs"]
mod vocabulary;

use std::{env, fs, path::Path, process};

use table::TableError;

const TABLE: &str = "codes.tsv";
const INTERFACES: &str = "interfaces.tsv";
const PAIRS: &str = "interface_codes.tsv";
/// Where the `api` types are declared: each interface needs its request and reply type.
const API: &str = "src/api";

fn main() {
    // A directory is watched with everything in it. (The build script's own
    // sources need no line: a rebuilt script always runs again.)
    for input in [TABLE, INTERFACES, PAIRS, API] {
        println!("cargo:rerun-if-changed={input}");
    }
    // Both tables are checked even when one has defects, so that one build
    // shows them all; the pairs need valid codes and interfaces.
    let codes = table::parse(TABLE, read(TABLE));
    let interfaces = interfaces::parse_interfaces(INTERFACES, read(INTERFACES));
    let (table, interfaces) = match (codes, interfaces) {
        (Ok(table), Ok(interfaces)) => (table, interfaces),
        (codes, interfaces) => fail(codes.err().into_iter().chain(interfaces.err()).flatten()),
    };
    let pairs = interfaces::parse_pairs(PAIRS, read(PAIRS), &table, &interfaces)
        .unwrap_or_else(|e| fail(e));
    let mut defects =
        interfaces::coverage_defects(TABLE, &table, INTERFACES, &interfaces, PAIRS, &pairs);
    let api = interfaces::rust_sources(Path::new(API))
        .unwrap_or_else(|e| exit(format!("{API}: cannot read: {e}")));
    defects.extend(interfaces::missing_api_types(INTERFACES, &interfaces, &api));
    if !defects.is_empty() {
        fail(defects);
    }

    let out_dir = env::var_os("OUT_DIR").expect("cargo sets OUT_DIR");
    let mut files = vec![("error_code.rs", emit::error_code_module(&table))];
    files.extend(emit_interfaces::files(&table, &interfaces, &pairs));
    for (name, contents) in files {
        let out = Path::new(&out_dir).join(name);
        fs::write(&out, contents)
            .unwrap_or_else(|e| exit(format!("{}: cannot write: {e}", out.display())));
    }
}

/// The bytes of a table: bytes, not a string, so that the parser reports a
/// byte that is not UTF-8 on its line.
fn read(file: &str) -> Vec<u8> {
    fs::read(file).unwrap_or_else(|e| exit(format!("{file}: cannot read: {e}")))
}

/// Ends the build with every defect on stderr, one `FILE:LINE: what is wrong`
/// a line, which cargo shows under the failure.
fn fail(errors: impl IntoIterator<Item = TableError>) -> ! {
    exit(errors.into_iter().map(|e| format!("{e}\n")).collect())
}

/// Ends the build with `message` on stderr.
fn exit(message: String) -> ! {
    eprintln!("{}", message.trim_end());
    process::exit(1)
}
