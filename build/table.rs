//! Parser and validator of `codes.tsv`, the table every generated item comes from,
//! and the checks every table of the crate shares ([`read_lines`],
//! [`split_fields`], the validators of codes, names and reasons), which
//! `build/interfaces.rs` reuses for the interface tables.
//!
//! [`parse`] turns the bytes of the file into a [`Table`] or into every defect it
//! found, each located as `codes.tsv:LINE: what is wrong`. Whatever the input, the
//! generator only ever sees a table that compiles: a bad edit fails the build with
//! a message that points at the row, never with a rustc error in generated code.

use std::collections::HashMap;
use std::fmt;

use crate::vocabulary::{Category, Recovery};

/// The columns of `codes.tsv`, in order; the first line must name exactly these.
pub const COLUMNS: [&str; 11] = [
    "code",
    "name",
    "former_names",
    "category",
    "recovery",
    "recovery_reason",
    "recovery_reason_zh",
    "documented",
    "sdk_name",
    "message_zh",
    "message_en",
];

/// The only markup the official table uses: it starts one item of a list of causes.
pub const LIST_ITEM: &str = "<li/>";

/// Names a variant may not take, though they are well-formed UpperCamelCase.
///
/// `Self` is the only Rust keyword that starts with a capital letter. The others
/// are the names of the standard prelude and of the types the generated code
/// uses: `use ErrorCode::*` (a common way to write a `match`) would shadow them,
/// so a variant called `None` or `Ok` would silently change what `None` or `Ok`
/// mean in the user's code, and `ErrorCode::Ok` reads as the opposite of an error.
pub const RESERVED_NAMES: &[&str] = &[
    "Self",
    // The fallback variant of every per-interface error enum, beside the
    // variants named after codes.
    "Other",
    // The crate's own types, which the generated code and its users name.
    "ErrorCode",
    "Row",
    "Category",
    "Recovery",
    "Code",
    "DisplayEn",
    "UnknownCode",
    "ParseCodeError",
    "Interface",
    "InterfaceCodePair",
    "Evidence",
    "ParseNameError",
    // The Rust 2024 prelude (types, traits and variants).
    "Option",
    "Some",
    "None",
    "Result",
    "Ok",
    "Err",
    "Box",
    "String",
    "Vec",
    "ToString",
    "ToOwned",
    "Clone",
    "Copy",
    "Send",
    "Sync",
    "Sized",
    "Unpin",
    "Drop",
    "Fn",
    "FnMut",
    "FnOnce",
    "AsyncFn",
    "AsyncFnMut",
    "AsyncFnOnce",
    "PartialEq",
    "PartialOrd",
    "Eq",
    "Ord",
    "AsRef",
    "AsMut",
    "Into",
    "From",
    "Default",
    "Iterator",
    "Extend",
    "IntoIterator",
    "DoubleEndedIterator",
    "ExactSizeIterator",
    "TryFrom",
    "TryInto",
    "FromIterator",
    "Future",
    "IntoFuture",
];

/// A validated table, rows sorted by code.
#[derive(Debug)]
pub struct Table {
    /// One entry per code, in ascending code order.
    pub rows: Vec<Row>,
}

/// One validated row of `codes.tsv`.
#[derive(Debug, Clone)]
pub struct Row {
    /// The 1-based line of `codes.tsv` the row came from.
    pub line: usize,
    /// The numeric error code.
    pub code: u32,
    /// The Rust variant name (UpperCamelCase).
    pub name: String,
    /// The category, as its name in the table says.
    pub category: Category,
    /// The code's own recovery.
    pub recovery: Recovery,
    /// Whether the official documentation table lists this code.
    pub documented: bool,
    /// The constant name the official client SDKs give the code, if any.
    pub sdk_name: Option<String>,
    /// The Chinese message.
    pub message_zh: Message,
    /// The English message.
    pub message_en: Message,
    /// One English sentence: why the code has its recovery.
    pub recovery_reason: String,
    /// The same in Chinese.
    pub recovery_reason_zh: String,
    /// Names the variant had in earlier releases, still accepted by name lookups.
    pub former_names: Vec<String>,
}

/// A message split into its plain summary and its list of causes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    /// The text exactly as the table has it (surrounding spaces trimmed), markup included.
    pub source: String,
    /// The markup-free sentence: the whole text, or the part before the list of causes.
    pub summary: String,
    /// The `<li/>` items, in order; empty when the message has no list.
    pub causes: Vec<String>,
}

/// One defect of the table, located by file and line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableError {
    /// The file name shown in the message.
    pub file: String,
    /// The 1-based line of the defect.
    pub line: usize,
    /// What is wrong, in words.
    pub message: String,
}

impl fmt::Display for TableError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.message)
    }
}

/// What a lookup key of a row is: name lookups find a code by any of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyKind {
    /// The variant name.
    Name,
    /// The SDK constant.
    SdkName,
    /// A former variant name (a deprecated alias).
    FormerName,
}

impl fmt::Display for KeyKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            KeyKind::Name => "name",
            KeyKind::SdkName => "SDK constant",
            KeyKind::FormerName => "former name",
        })
    }
}

/// One lowercase key under which a case-insensitive name lookup finds a row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Key {
    /// The key: lowercase, as the lookup compares it.
    pub folded: String,
    /// Where the key comes from.
    pub kind: KeyKind,
    /// The name the key comes from, as the table spells it.
    pub source: String,
}

impl Row {
    /// The variant name in snake_case: `MemberNotInRoom` → `member_not_in_room`.
    pub fn snake_name(&self) -> String {
        snake_case(&self.name)
    }

    /// The lowercase keys under which a case-insensitive name lookup finds this row,
    /// each once: the variant name and its snake_case form, the SDK constant, and
    /// each former name and its snake_case form.
    pub fn keys(&self) -> Vec<Key> {
        let mut keys: Vec<Key> = Vec::new();
        let mut push = |folded: String, kind: KeyKind, source: &str| {
            if !keys.iter().any(|k| k.folded == folded) {
                keys.push(Key {
                    folded,
                    kind,
                    source: source.to_owned(),
                });
            }
        };
        push(self.name.to_ascii_lowercase(), KeyKind::Name, &self.name);
        push(self.snake_name(), KeyKind::Name, &self.name);
        if let Some(sdk) = &self.sdk_name {
            push(sdk.to_ascii_lowercase(), KeyKind::SdkName, sdk);
        }
        for former in &self.former_names {
            push(former.to_ascii_lowercase(), KeyKind::FormerName, former);
            push(snake_case(former), KeyKind::FormerName, former);
        }
        keys
    }

    /// The lowercase keys alone, in the order of [`Row::keys`].
    pub fn folded_keys(&self) -> Vec<String> {
        self.keys().into_iter().map(|key| key.folded).collect()
    }
}

/// `MemberNotInRoom` → `member_not_in_room` (names are validated to have no runs of capitals).
pub fn snake_case(name: &str) -> String {
    let mut out = String::with_capacity(name.len() + 8);
    for (i, c) in name.chars().enumerate() {
        if c.is_ascii_uppercase() && i > 0 {
            out.push('_');
        }
        out.push(c.to_ascii_lowercase());
    }
    out
}

/// The UTF-8 byte order mark; a BOM-prefixed file would otherwise fail with a
/// puzzling "wrong header" on line 1.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Parses and validates the whole table from the bytes of the file; `file` only
/// names it in error messages.
///
/// Bytes, not a `&str`: a byte that is not UTF-8 is then reported on its own
/// line instead of failing the whole file without a location.
pub fn parse(file: &str, input: impl AsRef<[u8]>) -> Result<Table, Vec<TableError>> {
    let mut reporter = Reporter::new(file);
    let mut rows: Vec<Row> = Vec::new();
    for (line, text) in read_lines(input.as_ref(), &COLUMNS, &mut reporter) {
        match parse_row(line, text) {
            Ok(row) => rows.push(row),
            Err(problems) => problems.into_iter().for_each(|m| reporter.report(line, m)),
        }
    }
    for (line, message) in cross_row_defects(&rows) {
        reporter.report(line, message);
    }
    reporter.finish()?;
    rows.sort_by_key(|row| row.code);
    Ok(Table { rows })
}

/// Collects the defects of one file, each located as `FILE:LINE: what is wrong`.
#[derive(Debug)]
pub struct Reporter {
    file: String,
    errors: Vec<TableError>,
}

impl Reporter {
    /// A reporter for the file named `file` in messages.
    pub fn new(file: &str) -> Self {
        Reporter {
            file: file.to_owned(),
            errors: Vec::new(),
        }
    }

    /// Records one defect on `line`.
    pub fn report(&mut self, line: usize, message: String) {
        self.errors.push(TableError {
            file: self.file.clone(),
            line,
            // Messages quote fields: an invisible character must show as an escape.
            message: escape_invisible(&message),
        });
    }

    /// Every defect recorded, in line order (the order of discovery within a
    /// line), or `Ok` when there were none.
    pub fn finish(mut self) -> Result<(), Vec<TableError>> {
        if self.errors.is_empty() {
            Ok(())
        } else {
            self.errors.sort_by_key(|e| e.line);
            Err(self.errors)
        }
    }
}

/// The data lines of a tab-separated table, with their 1-based numbers: what
/// every table of the crate shares. Reports a byte order mark, bytes that are
/// not UTF-8 (on their line), a header other than `columns`, an empty file or
/// one without rows, and lines of only tabs or spaces. Empty lines separate
/// rows and are skipped.
pub fn read_lines<'a>(
    bytes: &'a [u8],
    columns: &[&str],
    reporter: &mut Reporter,
) -> Vec<(usize, &'a str)> {
    let mut bytes = bytes;
    if let Some(rest) = bytes.strip_prefix(BOM) {
        reporter.report(
            1,
            "the file starts with a byte order mark (BOM, U+FEFF): save it as UTF-8 without BOM"
                .to_owned(),
        );
        bytes = rest;
    }

    let mut lines = split_lines(bytes).map(|(line, raw)| match std::str::from_utf8(raw) {
        Ok(text) => (line, Ok(text)),
        Err(e) => (line, Err(utf8_defect(raw, &e))),
    });
    match lines.next() {
        Some((_, Ok(header))) if header.split('\t').eq(columns.iter().copied()) => {}
        Some((line, Ok(_))) => reporter.report(
            line,
            format!("the header must be the columns {}", columns.join(", ")),
        ),
        Some((line, Err(defect))) => reporter.report(line, defect),
        None => reporter.report(1, "the table is empty".to_owned()),
    }

    let mut data = Vec::new();
    let mut data_lines = 0;
    for (line, text) in lines {
        let text = match text {
            Ok("") => continue,
            Ok(text) => text,
            Err(defect) => {
                data_lines += 1;
                reporter.report(line, defect);
                continue;
            }
        };
        data_lines += 1;
        if text.trim().is_empty() {
            reporter.report(
                line,
                "the line holds only whitespace (tabs or spaces): delete it or complete the row"
                    .to_owned(),
            );
            continue;
        }
        data.push((line, text));
    }
    if data_lines == 0 {
        reporter.report(1, "the table has no rows".to_owned());
    }
    data
}

/// The fields of one data line, exactly one per column, or why the line does
/// not have that many.
///
/// The second list holds a `column: problem` for every field with an
/// [invisible character](invisible_character): the fields are returned all
/// the same, so that their other defects are found too. Checked before any
/// trimming, which would silently drop a leading or trailing control character
/// such as U+0085 or U+2028.
pub fn split_fields<'a, const N: usize>(
    text: &'a str,
    columns: &[&str; N],
) -> Result<([&'a str; N], Vec<String>), String> {
    let fields: Vec<&str> = text.split('\t').collect();
    let count = fields.len();
    let Ok(fields) = <[&str; N]>::try_from(fields) else {
        return Err(format!("expected {N} tab-separated columns, found {count}"));
    };
    let problems = (columns.iter().zip(&fields))
        .filter_map(|(column, field)| {
            invisible_character(field).map(|problem| format!("{column}: {problem}"))
        })
        .collect();
    Ok((fields, problems))
}

/// The lines of `bytes` with their 1-based numbers, split at `\n` as
/// [`str::lines`] does: one `\r` before the `\n` belongs to the line ending, and
/// a final line ending does not start another line.
fn split_lines(bytes: &[u8]) -> impl Iterator<Item = (usize, &[u8])> {
    let pieces = (!bytes.is_empty()).then(|| {
        let body = bytes.strip_suffix(b"\n").unwrap_or(bytes);
        body.split(|&b| b == b'\n')
    });
    (pieces.into_iter().flatten())
        .enumerate()
        .map(|(i, line)| (i + 1, line.strip_suffix(b"\r").unwrap_or(line)))
}

/// Where the first byte that is not UTF-8 sits in a line, in words.
fn utf8_defect(raw: &[u8], error: &std::str::Utf8Error) -> String {
    let at = error.valid_up_to();
    // The valid prefix is UTF-8 by definition; count characters to give a column.
    let column = std::str::from_utf8(&raw[..at]).map_or(at, |s| s.chars().count()) + 1;
    format!(
        "invalid UTF-8: byte 0x{:02X} at column {column}; save the file as UTF-8",
        raw[at]
    )
}

/// Validates one row on its own; every defect found is returned.
fn parse_row(line: usize, text: &str) -> Result<Row, Vec<String>> {
    let (fields, mut problems) = split_fields(text, &COLUMNS).map_err(|e| vec![e])?;
    let [
        code,
        name,
        former_names,
        category,
        recovery,
        recovery_reason,
        recovery_reason_zh,
        documented,
        sdk_name,
        message_zh,
        message_en,
    ] = fields;
    let mut check = |result: Result<(), String>| {
        if let Err(p) = result {
            problems.push(p);
        }
    };

    let code = parse_code(code);
    let name = name.trim();
    check(validate_name(name).map_err(|p| format!("name `{name}` {p}")));
    let sdk_name = sdk_name.trim();
    check(validate_sdk_name(sdk_name));
    let former_names = parse_former_names(former_names);
    if let Ok(former) = &former_names {
        for problem in former_name_defects(name, sdk_name, former) {
            check(Err(problem));
        }
    }
    let category = vocabulary_name::<Category>("category", category.trim())
        .map_err(|e| check(Err(e)))
        .ok();
    let recovery_name = recovery.trim();
    let recovery = match vocabulary_name::<Recovery>("recovery", recovery_name) {
        Ok(recovery) if recovery.is_call_specific() => Err(format!(
            "recovery `{recovery_name}` only fits a code in a given call: give the code \
             its own recovery here, and `{recovery_name}` as an override in interface_codes.tsv"
        )),
        other => other,
    };
    let recovery = recovery.map_err(|e| check(Err(e))).ok();
    let recovery_reason = recovery_reason.trim();
    check(validate_reason(recovery_reason).map_err(|e| format!("recovery_reason: {e}")));
    let recovery_reason_zh = recovery_reason_zh.trim();
    check(validate_reason(recovery_reason_zh).map_err(|e| format!("recovery_reason_zh: {e}")));
    let documented = match documented.trim() {
        "yes" => Some(true),
        "no" => Some(false),
        other => {
            check(Err(format!(
                "`documented` must be `yes` or `no`, not `{other}`"
            )));
            None
        }
    };
    let message_zh = parse_message(message_zh).map_err(|e| format!("message_zh: {e}"));
    let message_en = parse_message(message_en).map_err(|e| format!("message_en: {e}"));

    if let Ok(code) = code {
        match (Category::of(code), category) {
            (None, _) => check(Err(format!(
                "code {code} is outside every RoomService range (2001xx, 2010xx, 2020xx, 2030xx, 2040xx, 2050xx, 2060xx, 2070xx)"
            ))),
            (Some(expected), Some(given)) if expected != given => check(Err(format!(
                "category `{given}` contradicts code {code}, which is in the `{expected}` range"
            ))),
            _ => {}
        }
    }
    if let (Ok(zh), Ok(en)) = (&message_zh, &message_en) {
        if zh.causes.len() != en.causes.len() {
            check(Err(format!(
                "message_zh lists {} causes but message_en lists {}",
                zh.causes.len(),
                en.causes.len()
            )));
        }
    }
    let code = code.map_err(|e| problems.push(e));
    let message_zh = message_zh.map_err(|e| problems.push(e));
    let message_en = message_en.map_err(|e| problems.push(e));
    let former_names = former_names.map_err(|e| problems.push(e));

    match (
        code,
        category,
        recovery,
        documented,
        message_zh,
        message_en,
        former_names,
    ) {
        (
            Ok(code),
            Some(category),
            Some(recovery),
            Some(documented),
            Ok(message_zh),
            Ok(message_en),
            Ok(former_names),
        ) if problems.is_empty() => Ok(Row {
            line,
            code,
            name: name.to_owned(),
            category,
            recovery,
            documented,
            sdk_name: (!sdk_name.is_empty()).then(|| sdk_name.to_owned()),
            message_zh,
            message_en,
            recovery_reason: recovery_reason.to_owned(),
            recovery_reason_zh: recovery_reason_zh.to_owned(),
            former_names,
        }),
        _ => Err(problems),
    }
}

/// The value of a vocabulary (`T`) that `name` names exactly, or why there is
/// none. Exactly: the library's `FromStr` also takes other cases and `_`, but
/// the tables keep one spelling.
pub fn vocabulary_name<T>(what: &str, name: &str) -> Result<T, String>
where
    T: std::str::FromStr + strum::VariantNames + Copy + Into<&'static str>,
{
    match name.parse::<T>() {
        Ok(value) if value.into() == name => Ok(value),
        _ => Err(format!(
            "unknown {what} `{name}` (expected one of {})",
            T::VARIANTS.join(", ")
        )),
    }
}

pub fn parse_code(field: &str) -> Result<u32, String> {
    let field = field.trim();
    if field.is_empty() || !field.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!("code `{field}` is not a decimal number"));
    }
    if field.len() > 1 && field.starts_with('0') {
        let canonical = field.trim_start_matches('0');
        let canonical = if canonical.is_empty() { "0" } else { canonical };
        return Err(format!(
            "code `{field}` has a leading zero: write it `{canonical}`, as the server sends it"
        ));
    }
    field
        .parse()
        .map_err(|_| format!("code `{field}` is out of range (at most {})", u32::MAX))
}

/// Why `name` cannot be a variant name (used for current and former names alike).
pub fn validate_name(name: &str) -> Result<(), &'static str> {
    let bytes = name.as_bytes();
    let problem = if name.is_empty() {
        "is empty"
    } else if !bytes[0].is_ascii_uppercase() {
        "must start with an ASCII capital letter (UpperCamelCase)"
    } else if !bytes.iter().all(u8::is_ascii_alphanumeric) {
        "may contain only ASCII letters and digits (UpperCamelCase)"
    } else if bytes
        .windows(2)
        .any(|w| w[0].is_ascii_uppercase() && w[1].is_ascii_uppercase())
    {
        "has a run of capitals; write acronyms as words (`UserId`, not `UserID`)"
    } else if name == "Self" {
        "is a Rust keyword"
    } else if name == "Other" {
        "is reserved: every interface's error enum has a variant `Other` for the codes \
         it does not list"
    } else if RESERVED_NAMES.contains(&name) {
        "is reserved: the generated code or Rust's prelude already uses it, and a glob \
         import of the variants (`use ErrorCode::*`, `use Interface::*`) would shadow it"
    } else {
        return Ok(());
    };
    Err(problem)
}

fn validate_sdk_name(sdk_name: &str) -> Result<(), String> {
    let well_formed = sdk_name.is_empty()
        || (sdk_name.starts_with(|c: char| c.is_ascii_uppercase())
            && sdk_name
                .bytes()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_'));
    if well_formed {
        Ok(())
    } else {
        Err(format!(
            "sdk_name `{sdk_name}` must be empty or SCREAMING_SNAKE_CASE"
        ))
    }
}

/// A recovery reason is one plain English sentence: no markup, since it is shown as is.
pub fn validate_reason(reason: &str) -> Result<(), String> {
    if reason.is_empty() {
        return Err("is empty: say in one sentence why the code has its recovery".to_owned());
    }
    if reason.contains(['<', '>']) {
        return Err("markup is not allowed (`<` or `>`): write plain text".to_owned());
    }
    Ok(())
}

/// `""` → none; `"OldName, OlderName"` → both, each a well-formed variant name.
fn parse_former_names(field: &str) -> Result<Vec<String>, String> {
    let field = field.trim();
    if field.is_empty() {
        return Ok(Vec::new());
    }
    let mut names = Vec::new();
    for piece in field.split(',').map(str::trim) {
        if piece.is_empty() {
            return Err(
                "former_names: an empty name (a comma too many): separate names by one comma"
                    .to_owned(),
            );
        }
        validate_name(piece).map_err(|p| format!("former name `{piece}` {p}"))?;
        names.push(piece.to_owned());
    }
    Ok(names)
}

/// Former names that clash with the row's own name or SDK constant, or with
/// each other. (Clashes with other rows are [`cross_row_defects`].)
fn former_name_defects(name: &str, sdk_name: &str, former: &[String]) -> Vec<String> {
    let mut defects = Vec::new();
    let sdk_folded = sdk_name.to_ascii_lowercase();
    for (i, alias) in former.iter().enumerate() {
        let folded = alias.to_ascii_lowercase();
        if folded == name.to_ascii_lowercase() {
            defects.push(format!(
                "former name `{alias}` is the current name `{name}` (ignoring case)"
            ));
        } else if !sdk_name.is_empty() && [&folded, &snake_case(alias)].contains(&&sdk_folded) {
            defects.push(format!(
                "former name `{alias}` is the SDK constant `{sdk_name}` (ignoring case)"
            ));
        } else if let Some(first) = former[..i]
            .iter()
            .find(|f| f.to_ascii_lowercase() == folded)
        {
            defects.push(format!(
                "former name `{alias}` is listed twice (`{first}`, ignoring case)"
            ));
        }
    }
    defects
}

/// Why `field` holds a character that has no place in the table, if it does:
/// the first control character, invisible format character (bidirectional
/// controls, zero-width characters, a BOM) or line separator.
///
/// Such a character is invisible in an editor and in review, can reorder what a
/// reader sees (U+202E), and a bare CR breaks the generated doc comments.
pub fn invisible_character(field: &str) -> Option<String> {
    let (index, c) = field.chars().enumerate().find(|&(_, c)| is_invisible(c))?;
    let column = index + 1;
    let what = match c {
        '\r' => "a carriage return (CR) inside the line (only a line's end may have one)",
        '\u{61C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => {
            "a bidirectional control character"
        }
        '\u{FEFF}' => "a byte order mark (BOM) or zero-width no-break space",
        '\u{2028}' | '\u{2029}' => "a line or paragraph separator",
        c if c.is_control() => "a control character",
        _ => "an invisible format character",
    };
    Some(format!(
        "U+{:04X} at character {column} is {what}; remove it",
        u32::from(c)
    ))
}

/// Whether a character is one that [`invisible_character`] rejects.
fn is_invisible(c: char) -> bool {
    c.is_control() || is_format(c) || matches!(c, '\u{2028}' | '\u{2029}')
}

/// `text` with every invisible character written as `\u{…}`, so that quoting a
/// bad field in a message cannot reorder or hide the message on a terminal.
fn escape_invisible(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if is_invisible(c) {
            out.push_str(&format!("\\u{{{:04X}}}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    out
}

/// Whether `c` is in the Unicode general category Cf (format), as of Unicode 15.
fn is_format(c: char) -> bool {
    const CF: [(u32, u32); 21] = [
        (0x00AD, 0x00AD),
        (0x0600, 0x0605),
        (0x061C, 0x061C),
        (0x06DD, 0x06DD),
        (0x070F, 0x070F),
        (0x0890, 0x0891),
        (0x08E2, 0x08E2),
        (0x180E, 0x180E),
        (0x200B, 0x200F),
        (0x202A, 0x202E),
        (0x2060, 0x2064),
        (0x2066, 0x206F),
        (0xFEFF, 0xFEFF),
        (0xFFF9, 0xFFFB),
        (0x110BD, 0x110BD),
        (0x110CD, 0x110CD),
        (0x13430, 0x1343F),
        (0x1BCA0, 0x1BCA3),
        (0x1D173, 0x1D17A),
        (0xE0001, 0xE0001),
        (0xE0020, 0xE007F),
    ];
    let c = u32::from(c);
    CF.iter().any(|&(low, high)| (low..=high).contains(&c))
}

/// Splits a message into summary and causes, rejecting any markup but `<li/>`.
///
/// `进房失败，可能原因：<li/>A<li/>B` has the summary `进房失败` (the clause that
/// introduces the list, and ends with a colon, is dropped) and the causes `A`, `B`.
pub fn parse_message(field: &str) -> Result<Message, String> {
    let source = field.trim();
    if source.is_empty() {
        return Err("the message is empty".to_owned());
    }
    let mut pieces = source.split(LIST_ITEM);
    let lead = pieces.next().unwrap_or_default().trim();
    let causes: Vec<String> = pieces.map(|p| p.trim().to_owned()).collect();
    for piece in std::iter::once(lead).chain(causes.iter().map(String::as_str)) {
        check_no_markup(piece)?;
    }
    if causes.iter().any(String::is_empty) {
        return Err("a `<li/>` item is empty".to_owned());
    }
    let summary = if causes.is_empty() {
        lead.to_owned()
    } else {
        summary_before_list(lead)?
    };
    if summary.is_empty() {
        return Err("the message has no text before its list of causes".to_owned());
    }
    Ok(Message {
        source: source.to_owned(),
        summary,
        causes,
    })
}

fn check_no_markup(piece: &str) -> Result<(), String> {
    match (piece.find('<'), piece.find('>')) {
        (None, None) => Ok(()),
        (Some(open), Some(close)) if open < close => Err(format!(
            "unknown markup `{}` (only `{LIST_ITEM}` is allowed)",
            &piece[open..=close]
        )),
        (Some(_), _) => Err("unbalanced markup: `<` without a closing `>`".to_owned()),
        (None, Some(_)) => Err("unbalanced markup: `>` without an opening `<`".to_owned()),
    }
}

/// `获取推流 URL 失败，可能原因：` → `获取推流 URL 失败`; `Failed, possible causes:` → `Failed`.
fn summary_before_list(lead: &str) -> Result<String, String> {
    let Some(intro) = lead.strip_suffix(['：', ':']) else {
        return Err(
            "the text before a `<li/>` list must end with a colon that introduces it".to_owned(),
        );
    };
    let summary = match intro.rfind(['，', ',']) {
        Some(comma) => &intro[..comma],
        None => intro,
    };
    Ok(summary.trim().to_owned())
}

/// Defects that involve more than one row: duplicated codes and names, and lookup
/// keys (names, SDK constants, former names, ignoring case) that would find two
/// codes. Each is reported on the later row, naming the earlier one.
fn cross_row_defects(rows: &[Row]) -> Vec<(usize, String)> {
    let mut defects = Vec::new();
    let mut codes: HashMap<u32, usize> = HashMap::new();
    let mut names: HashMap<&str, usize> = HashMap::new();
    let mut keys: HashMap<String, (Key, &Row)> = HashMap::new();
    for row in rows {
        if let Some(first) = codes.insert(row.code, row.line) {
            defects.push((
                row.line,
                format!("duplicate code {} (first on line {first})", row.code),
            ));
        }
        if let Some(first) = names.insert(&row.name, row.line) {
            defects.push((
                row.line,
                format!("duplicate name `{}` (first on line {first})", row.name),
            ));
            continue;
        }
        // One defect per clashing pair of names, not one per lookup form of them.
        let mut reported: Vec<(String, usize)> = Vec::new();
        for key in row.keys() {
            match keys.get(&key.folded) {
                // The same code under two rows is already a duplicate code.
                Some((_, first)) if first.code == row.code => {}
                Some((_, first)) if reported.contains(&(key.source.clone(), first.line)) => {}
                Some((first_key, first)) => {
                    reported.push((key.source.clone(), first.line));
                    defects.push((
                        row.line,
                        format!(
                            "{} `{}` clashes with the {} `{}` of code {} on line {}: \
                         name lookups ignore case, so `{}` would find both",
                            key.kind,
                            key.source,
                            first_key.kind,
                            first_key.source,
                            first.code,
                            first.line,
                            key.folded
                        ),
                    ));
                }
                None => {
                    keys.insert(key.folded.clone(), (key, row));
                }
            }
        }
    }
    defects
}
