//! Generates `ErrorCode` and its lookup tables from `codes.tsv`.
//!
//! The parsing and validation live in `build/table.rs`, the code generation in
//! `build/emit.rs`; both are unit-tested directly (see `tests/build_*.rs`).

#[path = "build/emit.rs"]
mod emit;
#[path = "build/table.rs"]
mod table;
#[path = "src/vocabulary.rs"]
mod vocabulary;

use std::{env, fs, path::PathBuf, process};

const TABLE: &str = "codes.tsv";

fn main() {
    for input in [
        TABLE,
        "build.rs",
        "build/table.rs",
        "build/emit.rs",
        "src/vocabulary.rs",
    ] {
        println!("cargo:rerun-if-changed={input}");
    }
    // Bytes, not a string: the parser reports a byte that is not UTF-8 on its line.
    let bytes = fs::read(TABLE).unwrap_or_else(|e| fail(&format!("{TABLE}: cannot read: {e}")));
    let table = table::parse(TABLE, &bytes).unwrap_or_else(|errors| {
        let lines: Vec<String> = errors.iter().map(ToString::to_string).collect();
        fail(&lines.join("\n"))
    });
    let out =
        PathBuf::from(env::var_os("OUT_DIR").expect("cargo sets OUT_DIR")).join("error_code.rs");
    fs::write(&out, emit::error_code_module(&table))
        .unwrap_or_else(|e| fail(&format!("{}: cannot write: {e}", out.display())));
}

/// Ends the build with `message` on stderr, which cargo shows under the failure.
fn fail(message: &str) -> ! {
    eprintln!("{message}");
    process::exit(1);
}
