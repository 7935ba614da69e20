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

use std::{env, fs, path::PathBuf, process};

use table::TableError;

const TABLE: &str = "codes.tsv";
const INTERFACES: &str = "interfaces.tsv";
const PAIRS: &str = "interface_codes.tsv";
/// Where the `api` types are declared: each interface needs its request and reply type.
const API: &str = "src/api";

fn main() {
    for input in [
        TABLE,
        INTERFACES,
        PAIRS,
        "build.rs",
        "build/table.rs",
        "build/emit.rs",
        "build/interfaces.rs",
        "build/emit_interfaces.rs",
        "src/vocabulary.rs",
        API,
    ] {
        println!("cargo:rerun-if-changed={input}");
    }
    // Every file is checked even when an earlier one has defects, so that one
    // build shows them all; the pairs need valid codes and interfaces.
    let mut errors: Vec<TableError> = Vec::new();
    let table = table::parse(TABLE, read(TABLE)).map_err(|e| errors.extend(e));
    let interfaces =
        interfaces::parse_interfaces(INTERFACES, read(INTERFACES)).map_err(|e| errors.extend(e));
    let pairs = match (&table, &interfaces) {
        (Ok(table), Ok(interfaces)) => {
            interfaces::parse_pairs(PAIRS, read(PAIRS), table, interfaces)
                .map_err(|e| errors.extend(e))
        }
        _ => Err(()),
    };
    let (Ok(table), Ok(interfaces), Ok(pairs)) = (table, interfaces, pairs) else {
        fail(&errors);
    };
    let mut defects =
        interfaces::coverage_defects(TABLE, &table, INTERFACES, &interfaces, PAIRS, &pairs);
    defects.extend(interfaces::missing_api_types(
        INTERFACES,
        &interfaces,
        &api_sources(),
    ));
    if !defects.is_empty() {
        fail(&defects);
    }

    let out_dir = PathBuf::from(env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let mut files = vec![("error_code.rs", emit::error_code_module(&table))];
    files.extend(emit_interfaces::files(&table, &interfaces, &pairs));
    for (name, contents) in files {
        let out = out_dir.join(name);
        fs::write(&out, contents).unwrap_or_else(|e| {
            eprintln!("{}: cannot write: {e}", out.display());
            process::exit(1)
        });
    }
}

/// The bytes of a table: bytes, not a string, so that the parser reports a
/// byte that is not UTF-8 on its line.
fn read(file: &str) -> Vec<u8> {
    fs::read(file).unwrap_or_else(|e| {
        eprintln!("{file}: cannot read: {e}");
        process::exit(1)
    })
}

/// The text of every `.rs` file under [`API`], read as bytes and kept only
/// where it is UTF-8 (rustc reports any other).
fn api_sources() -> Vec<String> {
    let mut sources = Vec::new();
    let entries = fs::read_dir(API).unwrap_or_else(|e| {
        eprintln!("{API}: cannot read: {e}");
        process::exit(1)
    });
    for entry in entries.flatten() {
        let path = entry.path();
        if path.extension().is_some_and(|ext| ext == "rs") {
            sources.extend(fs::read(&path).ok().and_then(|b| String::from_utf8(b).ok()));
        }
    }
    sources
}

/// Ends the build with every defect on stderr, one `FILE:LINE: what is wrong`
/// a line, which cargo shows under the failure.
fn fail(errors: &[TableError]) -> ! {
    for error in errors {
        eprintln!("{error}");
    }
    process::exit(1);
}
