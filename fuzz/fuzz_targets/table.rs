//! The `codes.tsv` parser of the build script on any bytes: never a panic;
//! every defect shown as one line `FILE:LINE: message` with a line of the
//! input; a line that is not UTF-8 reported on that line; a table that
//! parses has unique codes, names and lookup keys, rows on lines of the
//! input, sorted by code.
#![no_main]

use std::collections::{HashMap, HashSet};

use libfuzzer_sys::fuzz_target;

// Included as `tests/build/main.rs` does: the parser is no part of the library.
#[allow(dead_code)]
#[path = "../../src/vocabulary.rs"]
mod vocabulary;

#[allow(dead_code)]
#[path = "../../build/table.rs"]
mod table;

const FILE: &str = "codes.tsv";

/// A UTF-8 byte order mark, which the parser reports and skips.
const BOM: &[u8] = b"\xEF\xBB\xBF";

fuzz_target!(|data: &[u8]| check(data));

/// The lines of `data` with their 1-based numbers, as `str::lines` splits a
/// text: at `\n`, a `\r` before it dropped, no line after a final `\n`.
fn lines(data: &[u8]) -> Vec<(usize, &[u8])> {
    let data = data.strip_prefix(BOM).unwrap_or(data);
    if data.is_empty() {
        return Vec::new();
    }
    let body = data.strip_suffix(b"\n").unwrap_or(data);
    (body.split(|&b| b == b'\n').enumerate())
        .map(|(i, line)| (i + 1, line.strip_suffix(b"\r").unwrap_or(line)))
        .collect()
}

fn check(data: &[u8]) {
    let lines = lines(data);
    let not_utf8: Vec<usize> = (lines.iter())
        .filter(|(_, line)| std::str::from_utf8(line).is_err())
        .map(|(n, _)| *n)
        .collect();
    match table::parse(FILE, data) {
        Ok(table) => {
            assert!(not_utf8.is_empty(), "lines {not_utf8:?} are not UTF-8");
            let mut codes = HashSet::new();
            let mut names = HashSet::new();
            let mut keys = HashMap::new();
            for row in &table.rows {
                assert!(codes.insert(row.code), "code {} twice", row.code);
                assert!(names.insert(&row.name), "name {} twice", row.name);
                assert!(
                    (2..=lines.len()).contains(&row.line),
                    "row on line {}",
                    row.line
                );
                assert!(!row.recovery_reason.is_empty() && !row.recovery_reason_zh.is_empty());
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
                    (1..=lines.len() + 1).contains(&error.line),
                    "{shown:?}: the input has {} lines",
                    lines.len()
                );
                assert!(!error.message.is_empty(), "{shown:?}: no message");
                assert!(
                    !shown.contains(['\n', '\r']),
                    "{shown:?}: a defect shown on more than one line"
                );
            }
            for line in not_utf8 {
                assert!(
                    errors.iter().any(|e| e.line == line),
                    "line {line} is not UTF-8 and has no defect: {errors:?}"
                );
            }
            assert!(
                errors.is_sorted_by_key(|e| e.line),
                "defects out of line order"
            );
        }
    }
}
