//! The `codes.tsv` parser of the build script on any text: never a panic;
//! every defect shown as one line `FILE:LINE: message` with a line of the
//! input; a table that parses has unique codes, names and lookup keys.
#![no_main]

use std::collections::{HashMap, HashSet};

use libfuzzer_sys::fuzz_target;

// Included as `tests/build_table.rs` does: the parser is no part of the library.
#[allow(dead_code)]
#[path = "../../src/vocabulary.rs"]
mod vocabulary;

#[allow(dead_code)]
#[path = "../../build/table.rs"]
mod table;

const FILE: &str = "codes.tsv";

fuzz_target!(|data: &[u8]| match std::str::from_utf8(data) {
    Ok(text) => check(text),
    Err(error) => {
        // The parser takes text. A build script that reads bytes can hand it
        // a lossy decoding, or the text before the first bad byte.
        check(&String::from_utf8_lossy(data));
        let valid = std::str::from_utf8(&data[..error.valid_up_to()]).expect("valid prefix");
        check(valid);
    }
});

fn check(text: &str) {
    let lines = text.lines().count();
    match table::parse(FILE, text) {
        Ok(table) => {
            let mut codes = HashSet::new();
            let mut names = HashSet::new();
            let mut keys = HashMap::new();
            for row in &table.rows {
                assert!(codes.insert(row.code), "code {} twice", row.code);
                assert!(names.insert(&row.name), "name {} twice", row.name);
                assert!((2..=lines).contains(&row.line), "row on line {}", row.line);
                for key in row.folded_keys() {
                    let code = *keys.entry(key.clone()).or_insert(row.code);
                    assert_eq!(code, row.code, "lookup key {key} names two codes");
                }
            }
            assert!(table.rows.is_sorted_by_key(|row| row.code));
        }
        Err(errors) => {
            assert!(!errors.is_empty(), "rejected without a reason");
            for error in &errors {
                let shown = error.to_string();
                assert_eq!(shown, format!("{FILE}:{}: {}", error.line, error.message));
                assert!(
                    (1..=lines + 1).contains(&error.line),
                    "{shown:?}: the input has {lines} lines"
                );
                assert!(!error.message.is_empty(), "{shown:?}: no message");
                assert!(
                    !shown.contains(['\n', '\r']),
                    "{shown:?}: a defect shown on more than one line"
                );
            }
        }
    }
}
