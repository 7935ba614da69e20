//! Parser and validator of `codes.tsv`, the table every generated item comes from,
//! and what every table of the crate shares: [`read_table`], the one reader of
//! tab-separated rows (header, encoding, invisible characters, column count),
//! and the validators of codes, names and texts, which `build/interfaces.rs`
//! reuses for the interface tables.
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

/// Names a variant may not take, though they are well-formed UpperCamelCase,
/// separated by spaces. (`Self`, the only Rust keyword that starts with a
/// capital letter, and `Other` have messages of their own.)
///
/// They are the names of the standard prelude and of the types the generated
/// code uses: `use ErrorCode::*` (a common way to write a `match`) would shadow
/// them, so a variant called `None` or `Ok` would silently change what `None` or
/// `Ok` mean in the user's code, and `ErrorCode::Ok` reads as the opposite of an error.
pub const RESERVED_NAMES: [&str; 2] = [
    // The crate's own types, which the generated code and its users name.
    "ErrorCode Row Category Recovery Code DisplayEn UnknownCode ParseCodeError Interface \
     InterfaceCodePair Evidence ParseNameError",
    // The Rust 2024 prelude (types, traits and variants).
    "Option Some None Result Ok Err Box String Vec ToString ToOwned Clone Copy Send Sync Sized \
     Unpin Drop Fn FnMut FnOnce AsyncFn AsyncFnMut AsyncFnOnce PartialEq PartialOrd Eq Ord \
     AsRef AsMut Into From Default Iterator Extend IntoIterator DoubleEndedIterator \
     ExactSizeIterator TryFrom TryInto FromIterator Future IntoFuture",
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

/// One defect of a table, located by file and line.
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, strum::Display)]
pub enum KeyKind {
    #[strum(to_string = "name")]
    Name,
    #[strum(to_string = "SDK constant")]
    SdkName,
    /// A deprecated alias.
    #[strum(to_string = "former name")]
    FormerName,
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
    /// The lowercase keys under which a case-insensitive name lookup finds this row,
    /// each once: the variant name and its snake_case form, the SDK constant, and
    /// each former name and its snake_case form.
    pub fn keys(&self) -> Vec<Key> {
        let mut keys: Vec<Key> = Vec::new();
        let mut push = |folded: String, kind: KeyKind, source: &str| {
            if !keys.iter().any(|k| k.folded == folded) {
                let source = source.to_owned();
                keys.push(Key {
                    folded,
                    kind,
                    source,
                });
            }
        };
        push(self.name.to_ascii_lowercase(), KeyKind::Name, &self.name);
        push(snake_case(&self.name), KeyKind::Name, &self.name);
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

/// Parses and validates the whole table from the bytes of the file; `file` only
/// names it in error messages.
///
/// Bytes, not a `&str`: a byte that is not UTF-8 is then reported on its own
/// line instead of failing the whole file without a location.
pub fn parse(file: &str, input: impl AsRef<[u8]>) -> Result<Table, Vec<TableError>> {
    let mut rows = read_table(file, input.as_ref(), &COLUMNS, parse_row, cross_row_defects)?;
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
        let (file, errors) = (file.to_owned(), Vec::new());
        Reporter { file, errors }
    }

    /// Records one defect on `line`.
    pub fn report(&mut self, line: usize, message: impl AsRef<str>) {
        // Messages quote fields: an invisible character must show as an escape.
        let mut escaped = String::new();
        for c in message.as_ref().chars() {
            match is_invisible(c) {
                true => escaped.push_str(&format!("\\u{{{:04X}}}", u32::from(c))),
                false => escaped.push(c),
            }
        }
        let (file, message) = (self.file.clone(), escaped);
        self.errors.push(TableError {
            file,
            line,
            message,
        });
    }

    /// Every defect recorded, in line order (the order of discovery within a
    /// line); none when there were none.
    pub fn finish(mut self) -> Vec<TableError> {
        self.errors.sort_by_key(|e| e.line);
        self.errors
    }
}

/// The UTF-8 byte order mark; a BOM-prefixed file would otherwise fail with a
/// puzzling "wrong header" on line 1.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Reads a tab-separated table, what every table of the crate shares: every
/// data line is split into one field per column, each field is checked for
/// [invisible characters](invisible_character) and trimmed, and `row` validates
/// the fields of the line, pushing every defect it finds; `across` then checks
/// the rows without defects together. The rows come back in file order, or
/// every defect of the file does.
///
/// Reports a byte order mark, bytes that are not UTF-8 (on their line), a
/// header other than `columns`, an empty file or one without rows, lines of only
/// tabs or spaces and lines with too few or too many fields. Empty lines
/// separate rows and are skipped.
pub fn read_table<T, const N: usize>(
    file: &str,
    bytes: &[u8],
    columns: &[&str; N],
    mut row: impl FnMut(usize, [&str; N], &mut Problems) -> Option<T>,
    across: impl FnOnce(&[T], &mut Reporter),
) -> Result<Vec<T>, Vec<TableError>> {
    let mut reporter = Reporter::new(file);
    let bom = "the file starts with a byte order mark (BOM, U+FEFF): save it as UTF-8 without BOM";
    let bytes = bytes.strip_prefix(BOM).map_or(bytes, |rest| {
        reporter.report(1, bom);
        rest
    });
    // Lines as `str::lines` splits them: a `\r` before a `\n` is part of the line
    // ending, and a final line ending does not start another line.
    let body = bytes.strip_suffix(b"\n").unwrap_or(bytes);
    let lines = (!bytes.is_empty()).then(|| body.split(|&b| b == b'\n'));
    let mut lines = lines.into_iter().flatten().enumerate().map(|(i, raw)| {
        let raw = raw.strip_suffix(b"\r").unwrap_or(raw);
        (
            i + 1,
            std::str::from_utf8(raw).map_err(|e| utf8_defect(raw, &e)),
        )
    });
    let empty = bytes.is_empty();
    match lines.next() {
        Some((_, Ok(header))) if header.split('\t').eq(columns.iter().copied()) => {}
        Some((line, Ok(header))) if header.contains('\r') => {
            reporter.report(line, "lines must end in LF or CRLF, not in CR alone");
        }
        Some((line, Ok(_))) => {
            let expected = columns.join(", ");
            reporter.report(line, format!("the header must be the columns {expected}"));
        }
        Some((line, Err(defect))) => reporter.report(line, defect),
        None => reporter.report(1, "the table is empty"),
    }

    let (mut rows, mut data_lines) = (Vec::new(), 0);
    // Empty lines separate rows.
    for (line, text) in lines.filter(|(_, text)| !matches!(text, Ok(""))) {
        data_lines += 1;
        let fields: [&str; N] = match text.and_then(split_fields) {
            Ok(fields) => fields,
            Err(defect) => {
                reporter.report(line, defect);
                continue;
            }
        };
        // Before trimming, which would silently drop a leading or trailing
        // control character such as U+0085 or U+2028.
        let mut problems = Problems::default();
        for (column, field) in columns.iter().zip(fields) {
            if let Some(problem) = invisible_character(field) {
                problems.push(format!("{column}: {problem}"));
            }
        }
        match row(line, fields.map(str::trim), &mut problems) {
            Some(row) if problems.0.is_empty() => rows.push(row),
            _ => problems.0.iter().for_each(|p| reporter.report(line, p)),
        }
    }
    if data_lines == 0 && !empty {
        reporter.report(1, "the table has no rows");
    }
    across(&rows, &mut reporter);
    let errors = reporter.finish();
    if errors.is_empty() {
        Ok(rows)
    } else {
        Err(errors)
    }
}

/// The fields of a data line, one per column, or why it has not.
fn split_fields<const N: usize>(text: &str) -> Result<[&str; N], String> {
    if text.trim().is_empty() {
        let blank =
            "the line holds only whitespace (tabs or spaces): delete it or complete the row";
        return Err(blank.to_owned());
    }
    let fields: Vec<&str> = text.split('\t').collect();
    let found = fields.len();
    (fields.try_into()).map_err(|_| format!("expected {N} tab-separated columns, found {found}"))
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

/// The defects of one row, in the order they are found.
#[derive(Debug, Default)]
pub struct Problems(pub Vec<String>);

impl Problems {
    /// The value of `result`, or `None` with its defect recorded.
    pub fn note<T>(&mut self, result: Result<T, String>) -> Option<T> {
        result.map_err(|problem| self.0.push(problem)).ok()
    }

    /// Records one defect.
    pub fn push(&mut self, problem: impl Into<String>) {
        self.0.push(problem.into());
    }
}

/// Validates the (trimmed) fields of one row on its own, in column order.
fn parse_row(line: usize, fields: [&str; 11], p: &mut Problems) -> Option<Row> {
    let [
        code,
        name,
        former,
        category,
        recovery,
        reason,
        reason_zh,
        documented,
        sdk,
        zh,
        en,
    ] = fields;
    let code = p.note(parse_code(code));
    p.note(validate_name(name).map_err(|e| format!("name `{name}` {e}")));
    let former_names = p.note(parse_former_names(former));
    if let Some(former) = &former_names {
        former_name_defects(name, sdk, former, p);
    }
    let category = p.note(vocabulary_name::<Category>("category", category));
    match (code, code.and_then(Category::of), category) {
        (Some(code), None, _) => p.push(format!(
            "code {code} is outside every RoomService range (2001xx, 2010xx, 2020xx, 2030xx, \
             2040xx, 2050xx, 2060xx, 2070xx)"
        )),
        (Some(code), Some(expected), Some(given)) if expected != given => p.push(format!(
            "category `{given}` contradicts code {code}, which is in the `{expected}` range"
        )),
        _ => {}
    }
    let recovery = match vocabulary_name::<Recovery>("recovery", recovery) {
        Ok(found) if found.is_call_specific() => p.note(Err(format!(
            "recovery `{recovery}` only fits a code in a given call: give the code its own \
             recovery here, and `{recovery}` as an override in interface_codes.tsv"
        ))),
        other => p.note(other),
    };
    p.note(plain_text("recovery_reason", reason, SAY_WHY));
    p.note(plain_text("recovery_reason_zh", reason_zh, SAY_WHY));
    let documented = match documented {
        "yes" => Some(true),
        "no" => Some(false),
        other => p.note(Err(format!(
            "`documented` must be `yes` or `no`, not `{other}`"
        ))),
    };
    p.note(validate_sdk_name(sdk));
    let message_zh = p.note(parse_message(zh).map_err(|e| format!("message_zh: {e}")));
    let message_en = p.note(parse_message(en).map_err(|e| format!("message_en: {e}")));
    if let (Some(zh), Some(en)) = (&message_zh, &message_en) {
        let (zh, en) = (zh.causes.len(), en.causes.len());
        if zh != en {
            p.push(format!(
                "message_zh lists {zh} causes but message_en lists {en}"
            ));
        }
    }
    Some(Row {
        line,
        code: code?,
        name: name.to_owned(),
        category: category?,
        recovery: recovery?,
        documented: documented?,
        sdk_name: (!sdk.is_empty()).then(|| sdk.to_owned()),
        message_zh: message_zh?,
        message_en: message_en?,
        recovery_reason: reason.to_owned(),
        recovery_reason_zh: reason_zh.to_owned(),
        former_names: former_names?,
    })
}

/// What completes the message of an empty recovery reason.
const SAY_WHY: &str = ": say in one sentence why the code has its recovery";

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

/// The code a (trimmed) field holds, written as the server sends it.
pub fn parse_code(field: &str) -> Result<u32, String> {
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
    } else if (bytes.windows(2)).any(|w| w[0].is_ascii_uppercase() && w[1].is_ascii_uppercase()) {
        "has a run of capitals; write acronyms as words (`UserId`, not `UserID`)"
    } else if name == "Self" {
        "is a Rust keyword"
    } else if name == "Other" {
        // The fallback variant of every per-interface error enum.
        "is reserved: every interface's error enum has a variant `Other` for the codes \
         it does not list"
    } else if (RESERVED_NAMES.iter()).any(|names| names.split(' ').any(|n| n == name)) {
        "is reserved: the generated code or Rust's prelude already uses it, and a glob \
         import of the variants (`use ErrorCode::*`, `use Interface::*`) would shadow it"
    } else {
        return Ok(());
    };
    Err(problem)
}

fn validate_sdk_name(sdk_name: &str) -> Result<(), String> {
    let mut bytes = sdk_name.bytes();
    if bytes.next().is_none_or(|b| b.is_ascii_uppercase())
        && bytes.all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_')
    {
        return Ok(());
    }
    Err(format!(
        "sdk_name `{sdk_name}` must be empty or SCREAMING_SNAKE_CASE"
    ))
}

/// Why a text shown as is (a reason, a purpose, a basis) is not plain text, its
/// column first; `empty` completes the message for an empty text.
pub fn plain_text(column: &str, text: &str, empty: &str) -> Result<(), String> {
    if text.is_empty() {
        Err(format!("{column}: is empty{empty}"))
    } else if text.contains(['<', '>']) {
        Err(format!(
            "{column}: markup is not allowed (`<` or `>`): write plain text"
        ))
    } else {
        Ok(())
    }
}

/// `""` → none; `"OldName, OlderName"` → both, each a well-formed variant name.
fn parse_former_names(field: &str) -> Result<Vec<String>, String> {
    if field.is_empty() {
        return Ok(Vec::new());
    }
    let names = field.split(',').map(str::trim).map(|piece| {
        if piece.is_empty() {
            let empty =
                "former_names: an empty name (a comma too many): separate names by one comma";
            return Err(empty.to_owned());
        }
        validate_name(piece)
            .map(|()| piece.to_owned())
            .map_err(|p| format!("former name `{piece}` {p}"))
    });
    names.collect()
}

/// Former names that clash with the row's own name or SDK constant, or with
/// each other. (Clashes with other rows are [`cross_row_defects`].)
fn former_name_defects(name: &str, sdk: &str, former: &[String], p: &mut Problems) {
    let sdk_folded = sdk.to_ascii_lowercase();
    for (i, alias) in former.iter().enumerate() {
        let folded = alias.to_ascii_lowercase();
        let twice = former[..i]
            .iter()
            .find(|f| f.to_ascii_lowercase() == folded);
        if folded == name.to_ascii_lowercase() {
            p.push(format!(
                "former name `{alias}` is the current name `{name}` (ignoring case)"
            ));
        } else if !sdk.is_empty() && [&folded, &snake_case(alias)].contains(&&sdk_folded) {
            p.push(format!(
                "former name `{alias}` is the SDK constant `{sdk}` (ignoring case)"
            ));
        } else if let Some(first) = twice {
            p.push(format!(
                "former name `{alias}` is listed twice (`{first}`, ignoring case)"
            ));
        }
    }
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

/// Whether a character is one that [`invisible_character`] rejects: a control
/// character, a line or paragraph separator, or one of the Unicode general
/// category Cf (format), as of Unicode 15.
fn is_invisible(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{2028}' | '\u{2029}')
        || matches!(u32::from(c),
            0x00AD | 0x0600..=0x0605 | 0x061C | 0x06DD | 0x070F | 0x0890..=0x0891 | 0x08E2
            | 0x180E | 0x200B..=0x200F | 0x202A..=0x202E | 0x2060..=0x2064 | 0x2066..=0x206F
            | 0xFEFF | 0xFFF9..=0xFFFB | 0x110BD | 0x110CD | 0x13430..=0x1343F
            | 0x1BCA0..=0x1BCA3 | 0x1D173..=0x1D17A | 0xE0001 | 0xE0020..=0xE007F)
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
    let source = source.to_owned();
    Ok(Message {
        source,
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
    let summary = intro
        .rfind(['，', ','])
        .map_or(intro, |comma| &intro[..comma]);
    Ok(summary.trim().to_owned())
}

/// Defects that involve more than one row: duplicated codes and names, and lookup
/// keys (names, SDK constants, former names, ignoring case) that would find two
/// codes. Each is reported on the later row, naming the earlier one.
fn cross_row_defects(rows: &[Row], reporter: &mut Reporter) {
    let mut codes: HashMap<u32, usize> = HashMap::new();
    let mut names: HashMap<&str, usize> = HashMap::new();
    let mut keys: HashMap<String, (Key, &Row)> = HashMap::new();
    for row in rows {
        let (line, code, name) = (row.line, row.code, &row.name);
        if let Some(first) = codes.insert(code, line) {
            let message = format!("duplicate code {code} (first on line {first})");
            reporter.report(line, message);
        }
        if let Some(first) = names.insert(name, line) {
            let message = format!("duplicate name `{name}` (first on line {first})");
            reporter.report(line, message);
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
                    let (kind, source, folded) = (key.kind, &key.source, &key.folded);
                    let message = format!(
                        "{kind} `{source}` clashes with the {} `{}` of code {} on line {}: \
                         name lookups ignore case, so `{folded}` would find both",
                        first_key.kind, first_key.source, first.code, first.line,
                    );
                    reporter.report(row.line, message);
                }
                None => {
                    keys.insert(key.folded.clone(), (key, row));
                }
            }
        }
    }
}
