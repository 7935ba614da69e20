//! Parser and validator of `interfaces.tsv` (one row per RoomService interface)
//! and `interface_codes.tsv` (one row per pair of an interface and a code it
//! can return, with the evidence for it and an optional recovery override).
//!
//! Both tables go through the same reading and character checks as
//! `codes.tsv` ([`read_lines`], [`split_fields`]), and every defect is reported
//! as `FILE:LINE: what is wrong`: the pairs are checked against the codes and
//! the interfaces, and [`coverage_defects`] finds an interface without codes
//! (on its line of `interfaces.tsv`) and a code without an interface (on its
//! line of `codes.tsv`).

use std::collections::HashMap;

use crate::table::{
    Reporter, Table, TableError, parse_code, read_lines, split_fields, validate_name,
    validate_reason, vocabulary_name,
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

    /// Whether an `any` row lists the code at `code`.
    pub fn any_interface(&self, code: usize) -> bool {
        (self.rows.iter()).any(|p| p.scope == Scope::Any && p.code == code)
    }
}

/// `get_anchor_url` → `GetAnchorUrl`.
pub fn upper_camel(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for piece in name.split('_') {
        let mut chars = piece.chars();
        if let Some(first) = chars.next() {
            out.push(first.to_ascii_uppercase());
            out.extend(chars);
        }
    }
    out
}

/// Parses and validates `interfaces.tsv`; `file` only names it in messages.
pub fn parse_interfaces(
    file: &str,
    input: impl AsRef<[u8]>,
) -> Result<Interfaces, Vec<TableError>> {
    let mut reporter = Reporter::new(file);
    let mut rows: Vec<InterfaceRow> = Vec::new();
    for (line, text) in read_lines(input.as_ref(), &INTERFACE_COLUMNS, &mut reporter) {
        match interface_row(line, text) {
            Ok(row) => rows.push(row),
            Err(problems) => problems.into_iter().for_each(|m| reporter.report(line, m)),
        }
    }
    let mut names: HashMap<String, usize> = HashMap::new();
    let mut sections: HashMap<u8, (usize, String)> = HashMap::new();
    for row in &rows {
        if let Some(first) = names.insert(row.name.clone(), row.line) {
            reporter.report(
                row.line,
                format!("duplicate interface `{}` (first on line {first})", row.name),
            );
        } else if let Some((first, other)) =
            sections.insert(row.section, (row.line, row.name.clone()))
        {
            reporter.report(
                row.line,
                format!(
                    "section {} is already `{other}`'s (line {first}): each interface has its own",
                    row.section
                ),
            );
        }
    }
    reporter.finish()?;
    Ok(Interfaces { rows })
}

/// Validates one row of `interfaces.tsv` on its own.
fn interface_row(line: usize, text: &str) -> Result<InterfaceRow, Vec<String>> {
    let ([name, query, section, purpose], mut problems) =
        split_fields(text, &INTERFACE_COLUMNS).map_err(|e| vec![e])?;
    let name = name.trim();
    let variant = upper_camel(name);
    if let Err(problem) = validate_wire_name(name) {
        problems.push(format!("interface `{name}` {problem}"));
    } else if let Err(problem) = validate_name(&variant) {
        problems.push(format!(
            "interface `{name}`: its Rust name `{variant}` {problem}"
        ));
    } else if API_NAMES.contains(&format!("{variant}Error").as_str()) {
        problems.push(format!(
            "interface `{name}`: its error type `{variant}Error` would clash with `api::{variant}Error`, \
             a type of its own"
        ));
    }
    // The query of every interface but login is `?userID=…&token=…`.
    let takes_token = match query.trim() {
        "token" => Some(true),
        "login" => Some(false),
        other => {
            problems.push(format!(
                "unknown query `{other}` (expected token or login: `token` for \
                 `?userID=…&token=…`, `login` for login's `?sdkAppID=…&userID=…&userSig=…`)"
            ));
            None
        }
    };
    let section_text = section.trim();
    let canonical =
        section_text.bytes().all(|b| b.is_ascii_digit()) && !section_text.starts_with('0');
    let section = match section_text.parse::<u8>() {
        Ok(n) if canonical => Some(n),
        _ => {
            problems.push(format!(
                "section `{section_text}` is not a section number of docs/protocol.md (1 to 255)"
            ));
            None
        }
    };
    let purpose = purpose.trim();
    if let Err(problem) = validate_text(purpose) {
        problems.push(format!("purpose: {problem}"));
    }
    match (takes_token, section) {
        (Some(takes_token), Some(section)) if problems.is_empty() => Ok(InterfaceRow {
            line,
            name: name.to_owned(),
            variant,
            takes_token,
            section,
            purpose: purpose.to_owned(),
        }),
        _ => Err(problems),
    }
}

/// Why `name` cannot be an interface's wire name: lowercase words of ASCII
/// letters and digits, each starting with a letter, joined by single
/// underscores (`get_anchor_url`), and not the word for every interface.
fn validate_wire_name(name: &str) -> Result<(), String> {
    if name.is_empty() {
        return Err("is empty".to_owned());
    }
    if name == ANY_INTERFACE {
        return Err(format!(
            "is reserved: `{ANY_INTERFACE}` means every interface in interface_codes.tsv"
        ));
    }
    let words_ok = name.split('_').all(|word| {
        word.starts_with(|c: char| c.is_ascii_lowercase())
            && word
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
    });
    if words_ok {
        Ok(())
    } else {
        Err(
            "must be lowercase snake_case: words of ASCII letters and digits, each starting \
             with a letter, joined by single underscores (`get_anchor_url`)"
                .to_owned(),
        )
    }
}

/// A text shown as is (a purpose, a basis): one line of plain text.
fn validate_text(text: &str) -> Result<(), String> {
    if text.is_empty() {
        return Err("is empty".to_owned());
    }
    if text.contains(['<', '>']) {
        return Err("markup is not allowed (`<` or `>`): write plain text".to_owned());
    }
    Ok(())
}

/// Parses and validates `interface_codes.tsv` against the codes and the
/// interfaces; `file` only names it in messages.
pub fn parse_pairs(
    file: &str,
    input: impl AsRef<[u8]>,
    codes: &Table,
    interfaces: &Interfaces,
) -> Result<Pairs, Vec<TableError>> {
    let mut reporter = Reporter::new(file);
    let mut rows: Vec<PairRow> = Vec::new();
    for (line, text) in read_lines(input.as_ref(), &PAIR_COLUMNS, &mut reporter) {
        match pair_row(line, text, codes, interfaces) {
            Ok(row) => rows.push(PairRow {
                index: rows.len(),
                ..row
            }),
            Err(problems) => problems.into_iter().for_each(|m| reporter.report(line, m)),
        }
    }
    let mut seen: HashMap<(Scope, usize), usize> = HashMap::new();
    for row in &rows {
        if let Some(first) = seen.insert((row.scope, row.code), row.line) {
            reporter.report(
                row.line,
                format!(
                    "duplicate pair: `{}` with code {} is already on line {first}",
                    scope_name(row.scope, interfaces),
                    codes.rows[row.code].code
                ),
            );
        }
    }
    reporter.finish()?;
    Ok(Pairs { rows })
}

/// The word for `scope` in the table: `any` or the interface's name.
pub fn scope_name(scope: Scope, interfaces: &Interfaces) -> &str {
    match scope {
        Scope::Any => ANY_INTERFACE,
        Scope::Interface(index) => &interfaces.rows[index].name,
    }
}

/// Validates one row of `interface_codes.tsv` on its own.
fn pair_row(
    line: usize,
    text: &str,
    codes: &Table,
    interfaces: &Interfaces,
) -> Result<PairRow, Vec<String>> {
    let (
        [
            interface,
            code,
            evidence,
            basis,
            recovery,
            reason,
            reason_zh,
        ],
        mut problems,
    ) = split_fields(text, &PAIR_COLUMNS).map_err(|e| vec![e])?;

    let interface = interface.trim();
    let scope = if interface == ANY_INTERFACE {
        Some(Scope::Any)
    } else if let Some(index) = interfaces.rows.iter().position(|r| r.name == interface) {
        Some(Scope::Interface(index))
    } else {
        let known: Vec<&str> = interfaces.rows.iter().map(|r| r.name.as_str()).collect();
        problems.push(format!(
            "unknown interface `{interface}` (expected `{ANY_INTERFACE}` or an interface of \
             interfaces.tsv: {})",
            known.join(", ")
        ));
        None
    };

    let code = match parse_code(code) {
        Ok(value) => match codes.rows.iter().position(|row| row.code == value) {
            Some(index) => Some(index),
            None => {
                problems.push(format!("unknown code {value}: codes.tsv has no row for it"));
                None
            }
        },
        Err(problem) => {
            problems.push(problem);
            None
        }
    };

    let evidence = vocabulary_name::<Evidence>("evidence", evidence.trim())
        .map_err(|e| problems.push(e))
        .ok();
    if let (Some(code), Some(Evidence::Documented)) = (code, evidence) {
        let row = &codes.rows[code];
        if !row.documented {
            problems.push(format!(
                "code {} is not in the official table (`documented` is `no` in codes.tsv), so \
                 no pair of it can be `documented`: use `sdk-name`, `observed` or `inferred`",
                row.code
            ));
        }
    }

    let basis = basis.trim();
    if let Err(problem) = validate_text(basis) {
        problems.push(format!("basis: {problem}"));
    }

    let recovery_name = recovery.trim();
    let reason = reason.trim();
    let reason_zh = reason_zh.trim();
    let recovery = if recovery_name.is_empty() {
        if !reason.is_empty() || !reason_zh.is_empty() {
            problems.push(
                "a recovery_reason without a recovery: give the override, or empty the reasons \
                 (the code's own reasons apply)"
                    .to_owned(),
            );
        }
        None
    } else {
        match vocabulary_name::<Recovery>("recovery", recovery_name) {
            Ok(recovery) => {
                if let Err(problem) = validate_reason(reason) {
                    problems.push(if reason.is_empty() {
                        format!(
                            "the override `{recovery_name}` has no recovery_reason: say in one \
                             sentence why the code has this recovery in this call"
                        )
                    } else {
                        format!("recovery_reason: {problem}")
                    });
                }
                if let Err(problem) = validate_reason(reason_zh) {
                    problems.push(format!("recovery_reason_zh: {problem}"));
                }
                if scope == Some(Scope::Any) {
                    problems.push(format!(
                        "an `{ANY_INTERFACE}` row cannot override the recovery: an override \
                         belongs to one call; for every call, change the code's own recovery \
                         in codes.tsv"
                    ));
                } else if let Some(code) = code {
                    if codes.rows[code].recovery == recovery {
                        problems.push(format!(
                            "the override `{recovery_name}` is code {}'s own recovery: an \
                             override must change it (empty both recovery columns)",
                            codes.rows[code].code
                        ));
                    }
                }
                Some(recovery)
            }
            Err(problem) => {
                problems.push(problem);
                None
            }
        }
    };

    match (scope, code, evidence) {
        (Some(scope), Some(code), Some(evidence)) if problems.is_empty() => Ok(PairRow {
            line,
            index: 0,
            scope,
            code,
            evidence,
            basis: basis.to_owned(),
            recovery,
            recovery_reason: reason.to_owned(),
            recovery_reason_zh: reason_zh.to_owned(),
        }),
        _ => Err(problems),
    }
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
    let mut defects = Vec::new();
    let mut interfaces_reporter = Reporter::new(interfaces_file);
    for (index, row) in interfaces.rows.iter().enumerate() {
        if !(pairs.rows.iter()).any(|p| p.scope == Scope::Interface(index)) {
            interfaces_reporter.report(
                row.line,
                format!(
                    "interface `{}` has no codes: give it at least one row in {pairs_file} \
                     (the `{ANY_INTERFACE}` rows do not count)",
                    row.name
                ),
            );
        }
    }
    let mut codes_reporter = Reporter::new(codes_file);
    for (index, row) in codes.rows.iter().enumerate() {
        if !pairs.rows.iter().any(|p| p.code == index) {
            codes_reporter.report(
                row.line,
                format!(
                    "code {} belongs to no interface: give it a row in {pairs_file} (an \
                     interface, or `{ANY_INTERFACE}`)",
                    row.code
                ),
            );
        }
    }
    for reporter in [codes_reporter, interfaces_reporter] {
        if let Err(errors) = reporter.finish() {
            defects.extend(errors);
        }
    }
    defects
}

/// The interfaces of `interfaces.tsv` whose request or reply type no file of
/// the `api` module declares (`pub struct GetAnchorsRequest`, `…Reply`),
/// each reported on its line: without them the generated links would fail
/// to compile, far from the row that needs them.
pub fn missing_api_types(
    interfaces_file: &str,
    interfaces: &Interfaces,
    api_sources: &[String],
) -> Vec<TableError> {
    let declared = |name: &str| {
        let declaration = format!("pub struct {name}");
        api_sources.iter().any(|source| {
            source.match_indices(&declaration).any(|(at, _)| {
                let next = source[at + declaration.len()..].chars().next();
                matches!(next, Some(' ' | ';' | '{' | '(' | '<' | '\n'))
            })
        })
    };
    let mut reporter = Reporter::new(interfaces_file);
    for row in &interfaces.rows {
        for kind in ["Request", "Reply"] {
            let name = format!("{}{kind}", row.variant);
            if !declared(&name) {
                reporter.report(
                    row.line,
                    format!(
                        "interface `{}` has no {} type: declare `pub struct {name}` in the \
                         `api` module (src/api/)",
                        row.name,
                        kind.to_lowercase()
                    ),
                );
            }
        }
    }
    reporter.finish().err().unwrap_or_default()
}
