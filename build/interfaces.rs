//! Parser and validator of `interfaces.tsv` (one row per RoomService interface)
//! and `interface_codes.tsv` (one row per pair of an interface and a code it
//! can return, with the evidence for it and an optional recovery override).
//!
//! Both tables go through the same reader as `codes.tsv` ([`read_table`]),
//! and every defect is reported as `FILE:LINE: what is wrong`: the pairs are
//! checked against the codes and the interfaces, [`coverage_defects`] finds an
//! interface without codes (on its line of `interfaces.tsv`) and a code without
//! an interface (on its line of `codes.tsv`), and [`missing_api_types`] an
//! interface whose request or reply type `src/api/` lacks.

use std::collections::HashMap;
use std::path::Path;
use std::{fs, io};

use crate::table::{
    Problems, Reporter, Table, TableError, parse_code, plain_text, read_table, validate_name,
    vocabulary_name,
};
use crate::vocabulary::{BASE_PATH, Evidence, Recovery};

/// The word of `interface_codes.tsv` for a code every interface can return.
pub const ANY_INTERFACE: &str = "any";

/// The columns of `interfaces.tsv`, in order.
pub const INTERFACE_COLUMNS: [&str; 4] = ["interface", "query", "section", "purpose"];

/// The columns of `interface_codes.tsv`, in order.
pub const PAIR_COLUMNS: [&str; 7] = [
    "interface",
    "code",
    "evidence",
    "basis",
    "recovery",
    "recovery_reason",
    "recovery_reason_zh",
];

/// Names of the `api` module that a generated `{Variant}Error` must not take.
pub const API_NAMES: &[&str] = &[
    "CallError",
    "InterfaceError",
    "ProtocolError",
    "ServerError",
];

/// The validated `interfaces.tsv`, rows in file order (the enum's order).
#[derive(Debug)]
pub struct Interfaces {
    /// One entry per interface.
    pub rows: Vec<InterfaceRow>,
}

/// One validated row of `interfaces.tsv`.
#[derive(Debug, Clone)]
pub struct InterfaceRow {
    /// The 1-based line the row came from.
    pub line: usize,
    /// The wire name, the last segment of the path: `get_anchor_url`.
    pub name: String,
    /// The Rust variant name: `GetAnchorUrl`.
    pub variant: String,
    /// Whether the query carries `userID` and `token` (every interface but `login`).
    pub takes_token: bool,
    /// The section of docs/protocol.md that describes the interface.
    pub section: u8,
    /// One sentence: what the interface is for.
    pub purpose: String,
}

impl InterfaceRow {
    /// The interface's path: `/weapp/live_room/get_anchor_url`.
    pub fn path(&self) -> String {
        format!("{BASE_PATH}/{}", self.name)
    }
}

/// What a row of `interface_codes.tsv` pairs a code with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scope {
    /// `any`: every interface can return the code.
    Any,
    /// One interface, by its index in [`Interfaces::rows`].
    Interface(usize),
}

/// The validated `interface_codes.tsv`, rows in file order.
#[derive(Debug)]
pub struct Pairs {
    /// One entry per row.
    pub rows: Vec<PairRow>,
}

/// One validated row of `interface_codes.tsv`.
#[derive(Debug, Clone)]
pub struct PairRow {
    /// The 1-based line the row came from.
    pub line: usize,
    /// The row's position among the rows, from 0.
    pub index: usize,
    /// The interface, or every interface.
    pub scope: Scope,
    /// The code, by its index in the (code-ordered) [`Table::rows`].
    pub code: usize,
    /// How sure the pair is.
    pub evidence: Evidence,
    /// Why the pair is believed, in words (the basis of docs/protocol.md §20).
    pub basis: String,
    /// The override: the recovery in this call.
    pub recovery: Option<Recovery>,
    /// Why the override; empty without one.
    pub recovery_reason: String,
    /// The same in Chinese.
    pub recovery_reason_zh: String,
}

/// One code an interface can return, as the generator lists it: the row it
/// comes from, and whether it comes from an `any` row.
#[derive(Debug, Clone, Copy)]
pub struct Expanded<'a> {
    /// The row of `interface_codes.tsv`.
    pub pair: &'a PairRow,
    /// Whether the row is an `any` row (no row names the interface itself).
    pub any: bool,
}

impl Pairs {
    /// The codes of the interface at `interface`, in code order: its own rows,
    /// then for every `any` code it has no row of its own for, the `any` row.
    pub fn of_interface(&self, interface: usize) -> Vec<Expanded<'_>> {
        let own = |pair: &PairRow| pair.scope == Scope::Interface(interface);
        let mut list: Vec<Expanded<'_>> = (self.rows.iter().filter(|p| own(p)))
            .map(|pair| Expanded { pair, any: false })
            .collect();
        for pair in self.rows.iter().filter(|p| p.scope == Scope::Any) {
            if !list.iter().any(|e| e.pair.code == pair.code) {
                list.push(Expanded { pair, any: true });
            }
        }
        list.sort_by_key(|e| e.pair.code);
        list
    }

    /// The codes of each interface, as [`Pairs::of_interface`] lists them, in
    /// the order of `interfaces`.
    pub fn of_interfaces(&self, interfaces: &Interfaces) -> Vec<Vec<Expanded<'_>>> {
        (0..interfaces.rows.len())
            .map(|index| self.of_interface(index))
            .collect()
    }

    /// Whether an `any` row lists the code at `code`.
    pub fn any_interface(&self, code: usize) -> bool {
        (self.rows.iter()).any(|p| p.scope == Scope::Any && p.code == code)
    }
}

/// `get_anchor_url` → `GetAnchorUrl`.
pub fn upper_camel(name: &str) -> String {
    let words = name.split('_').map(|word| {
        let mut chars = word.chars();
        let first = chars.next().map(|c| c.to_ascii_uppercase());
        first.into_iter().chain(chars).collect::<String>()
    });
    words.collect()
}

/// Parses and validates `interfaces.tsv`; `file` only names it in messages.
pub fn parse_interfaces(
    file: &str,
    input: impl AsRef<[u8]>,
) -> Result<Interfaces, Vec<TableError>> {
    let dups = |rows: &[InterfaceRow], reporter: &mut Reporter| {
        let mut names: HashMap<&str, usize> = HashMap::new();
        let mut sections: HashMap<u8, &InterfaceRow> = HashMap::new();
        for row in rows {
            let (line, name, section) = (row.line, &row.name, row.section);
            if let Some(first) = names.insert(name, line) {
                let message = format!("duplicate interface `{name}` (first on line {first})");
                reporter.report(line, message);
            } else if let Some(other) = sections.insert(section, row) {
                let (first, other) = (other.line, &other.name);
                let message = format!(
                    "section {section} is already `{other}`'s (line {first}): each \
                     interface has its own"
                );
                reporter.report(line, message);
            }
        }
    };
    let rows = read_table(
        file,
        input.as_ref(),
        &INTERFACE_COLUMNS,
        interface_row,
        dups,
    )?;
    Ok(Interfaces { rows })
}

/// Validates the (trimmed) fields of one row of `interfaces.tsv` on its own.
fn interface_row(line: usize, fields: [&str; 4], p: &mut Problems) -> Option<InterfaceRow> {
    let [name, query, section, purpose] = fields;
    let variant = upper_camel(name);
    if let Err(problem) = validate_wire_name(name) {
        p.push(format!("interface `{name}` {problem}"));
    } else if let Err(problem) = validate_name(&variant) {
        p.push(format!(
            "interface `{name}`: its Rust name `{variant}` {problem}"
        ));
    } else if API_NAMES.contains(&format!("{variant}Error").as_str()) {
        p.push(format!(
            "interface `{name}`: its error type `{variant}Error` would clash with \
             `api::{variant}Error`, a type of its own"
        ));
    }
    // The query of every interface but login is `?userID=…&token=…`.
    let takes_token = match query {
        "token" => Some(true),
        "login" => Some(false),
        other => p.note(Err(format!(
            "unknown query `{other}` (expected token or login: `token` for \
             `?userID=…&token=…`, `login` for login's `?sdkAppID=…&userID=…&userSig=…`)"
        ))),
    };
    let canonical = section.bytes().all(|b| b.is_ascii_digit()) && !section.starts_with('0');
    let section = match section.parse::<u8>() {
        Ok(n) if canonical => Some(n),
        _ => p.note(Err(format!(
            "section `{section}` is not a section number of docs/protocol.md (1 to 255)"
        ))),
    };
    p.note(plain_text("purpose", purpose, ""));
    Some(InterfaceRow {
        line,
        name: name.to_owned(),
        variant,
        takes_token: takes_token?,
        section: section?,
        purpose: purpose.to_owned(),
    })
}

/// Why `name` cannot be an interface's wire name: lowercase words of ASCII
/// letters and digits, each starting with a letter, joined by single
/// underscores (`get_anchor_url`), and not the word for every interface.
fn validate_wire_name(name: &str) -> Result<(), String> {
    let word = |word: &str| {
        word.starts_with(|c: char| c.is_ascii_lowercase())
            && (word.bytes()).all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
    };
    if name.is_empty() {
        Err("is empty".to_owned())
    } else if name == ANY_INTERFACE {
        Err(format!(
            "is reserved: `{ANY_INTERFACE}` means every interface in interface_codes.tsv"
        ))
    } else if !name.split('_').all(word) {
        Err(
            "must be lowercase snake_case: words of ASCII letters and digits, each starting \
             with a letter, joined by single underscores (`get_anchor_url`)"
                .to_owned(),
        )
    } else {
        Ok(())
    }
}

/// Parses and validates `interface_codes.tsv` against the codes and the
/// interfaces; `file` only names it in messages.
pub fn parse_pairs(
    file: &str,
    input: impl AsRef<[u8]>,
    codes: &Table,
    interfaces: &Interfaces,
) -> Result<Pairs, Vec<TableError>> {
    let row =
        |line, fields: [&str; 7], p: &mut Problems| pair_row(line, fields, codes, interfaces, p);
    let dups = |rows: &[PairRow], reporter: &mut Reporter| {
        let mut seen: HashMap<(Scope, usize), usize> = HashMap::new();
        for row in rows {
            if let Some(first) = seen.insert((row.scope, row.code), row.line) {
                let interface = match row.scope {
                    Scope::Any => ANY_INTERFACE,
                    Scope::Interface(index) => &interfaces.rows[index].name,
                };
                let code = codes.rows[row.code].code;
                let message = format!(
                    "duplicate pair: `{interface}` with code {code} is already on line {first}"
                );
                reporter.report(row.line, message);
            }
        }
    };
    let mut rows = read_table(file, input.as_ref(), &PAIR_COLUMNS, row, dups)?;
    for (index, row) in rows.iter_mut().enumerate() {
        row.index = index;
    }
    Ok(Pairs { rows })
}

/// Validates the (trimmed) fields of one row of `interface_codes.tsv` on its own.
fn pair_row(
    line: usize,
    fields: [&str; 7],
    codes: &Table,
    interfaces: &Interfaces,
    p: &mut Problems,
) -> Option<PairRow> {
    let [
        interface,
        code,
        evidence,
        basis,
        recovery,
        reason,
        reason_zh,
    ] = fields;
    let position = interfaces.rows.iter().position(|r| r.name == interface);
    let scope = match (interface, position) {
        (ANY_INTERFACE, _) => Some(Scope::Any),
        (_, Some(index)) => Some(Scope::Interface(index)),
        (_, None) => {
            let known: Vec<&str> = interfaces.rows.iter().map(|r| r.name.as_str()).collect();
            p.note(Err(format!(
                "unknown interface `{interface}` (expected `{ANY_INTERFACE}` or an interface of \
                 interfaces.tsv: {})",
                known.join(", ")
            )))
        }
    };
    let code = p.note(parse_code(code).and_then(|value| {
        (codes.rows.iter().position(|row| row.code == value))
            .ok_or_else(|| format!("unknown code {value}: codes.tsv has no row for it"))
    }));
    let evidence = p.note(vocabulary_name::<Evidence>("evidence", evidence));
    if let (Some(code), Some(Evidence::Documented)) = (code, evidence) {
        let code = &codes.rows[code];
        if !code.documented {
            p.push(format!(
                "code {} is not in the official table (`documented` is `no` in codes.tsv), so \
                 no pair of it can be `documented`: use `sdk-name`, `observed` or `inferred`",
                code.code
            ));
        }
    }
    p.note(plain_text("basis", basis, ""));

    let overridden = if recovery.is_empty() {
        if !reason.is_empty() || !reason_zh.is_empty() {
            p.push(
                "a recovery_reason without a recovery: give the override, or empty the reasons \
                 (the code's own reasons apply)",
            );
        }
        None
    } else {
        p.note(vocabulary_name::<Recovery>("recovery", recovery))
    };
    if let Some(over) = overridden {
        // Either reason missing is reported alike, each naming its column.
        let reasons = [
            ("recovery_reason", reason, ""),
            ("recovery_reason_zh", reason_zh, ", in Chinese,"),
        ];
        for (column, text, language) in reasons {
            if text.is_empty() {
                p.push(format!(
                    "the override `{recovery}` has no {column}: say in one sentence{language} \
                     why the code has this recovery in this call"
                ));
            } else {
                p.note(plain_text(column, text, ""));
            }
        }
        if scope == Some(Scope::Any) {
            p.push(format!(
                "an `{ANY_INTERFACE}` row cannot override the recovery: an override belongs to \
                 one call; for every call, change the code's own recovery in codes.tsv"
            ));
        } else if let Some(code) = code.map(|index| &codes.rows[index]) {
            if code.recovery == over {
                p.push(format!(
                    "the override `{recovery}` is code {}'s own recovery: an override must \
                     change it (empty both recovery columns)",
                    code.code
                ));
            }
        }
    }
    Some(PairRow {
        line,
        index: 0,
        scope: scope?,
        code: code?,
        evidence: evidence?,
        basis: basis.to_owned(),
        recovery: overridden,
        recovery_reason: reason.to_owned(),
        recovery_reason_zh: reason_zh.to_owned(),
    })
}

/// The defects of the three tables together: an interface of `interfaces.tsv`
/// with no row of its own in `interface_codes.tsv` (the `any` rows do not
/// count: they would make every interface look covered), and a code of
/// `codes.tsv` in no row at all. Each is reported on its own line of its file.
pub fn coverage_defects(
    codes_file: &str,
    codes: &Table,
    interfaces_file: &str,
    interfaces: &Interfaces,
    pairs_file: &str,
    pairs: &Pairs,
) -> Vec<TableError> {
    let mut unpaired = Reporter::new(codes_file);
    for (index, row) in codes.rows.iter().enumerate() {
        if !pairs.rows.iter().any(|p| p.code == index) {
            let code = row.code;
            let message = format!(
                "code {code} belongs to no interface: give it a row in {pairs_file} (an \
                 interface, or `{ANY_INTERFACE}`)"
            );
            unpaired.report(row.line, message);
        }
    }
    let mut uncovered = Reporter::new(interfaces_file);
    for (index, row) in interfaces.rows.iter().enumerate() {
        if !(pairs.rows.iter()).any(|p| p.scope == Scope::Interface(index)) {
            let name = &row.name;
            let message = format!(
                "interface `{name}` has no codes: give it at least one row in {pairs_file} \
                 (the `{ANY_INTERFACE}` rows do not count)"
            );
            uncovered.report(row.line, message);
        }
    }
    let mut defects = unpaired.finish();
    defects.extend(uncovered.finish());
    defects
}

/// The text of every `.rs` file in `dir` and in its subdirectories, where a
/// module's submodules live; a file that is not UTF-8 is left out (rustc
/// reports it).
pub fn rust_sources(dir: &Path) -> io::Result<Vec<String>> {
    let mut sources = Vec::new();
    for entry in fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            sources.extend(rust_sources(&path)?);
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            sources.extend(fs::read(&path).ok().and_then(|b| String::from_utf8(b).ok()));
        }
    }
    Ok(sources)
}

/// The interfaces of `interfaces.tsv` whose request or reply type none of
/// `api_sources` (the [`rust_sources`] of the `api` module) declares
/// (`pub struct GetAnchorsRequest`, `…Reply`), each reported on its line:
/// without them the generated links would fail to compile, far from the row
/// that needs them.
pub fn missing_api_types(
    interfaces_file: &str,
    interfaces: &Interfaces,
    api_sources: &[String],
) -> Vec<TableError> {
    let declared = |name: &str| {
        let declaration = format!("pub struct {name}");
        api_sources.iter().any(|source| {
            source.match_indices(&declaration).any(|(at, _)| {
                // At the start of a line, so that a comment does not count.
                let line_start = source[..at].rfind('\n').map_or(0, |i| i + 1);
                let indented = source[line_start..at].chars().all(char::is_whitespace);
                let next = source[at + declaration.len()..].chars().next();
                indented && matches!(next, Some(' ' | ';' | '{' | '(' | '<' | '\n'))
            })
        })
    };
    let mut reporter = Reporter::new(interfaces_file);
    for row in &interfaces.rows {
        for (kind, what) in [("Request", "request"), ("Reply", "reply")] {
            let (interface, name) = (&row.name, format!("{}{kind}", row.variant));
            if !declared(&name) {
                let message = format!(
                    "interface `{interface}` has no {what} type: declare `pub struct {name}` \
                     in the `api` module (src/api/)"
                );
                reporter.report(row.line, message);
            }
        }
    }
    reporter.finish()
}
