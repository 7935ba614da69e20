//! Parser and validator of `codes.tsv`, the table every generated item comes from.
//!
//! [`parse`] turns the text into a [`Table`] or into every defect it found, each
//! located as `codes.tsv:LINE: what is wrong`, so a bad edit fails the build with
//! a message that points at the row.

use std::collections::HashMap;
use std::fmt;

use crate::vocabulary::{CATEGORIES, RECOVERIES, category_index_of};

/// The columns of `codes.tsv`, in order; the first line must name exactly these.
pub const COLUMNS: [&str; 8] = [
    "code",
    "name",
    "category",
    "recovery",
    "documented",
    "sdk_name",
    "message_zh",
    "message_en",
];

/// The only markup the official table uses: it starts one item of a list of causes.
pub const LIST_ITEM: &str = "<li/>";

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
    /// Index into [`CATEGORIES`].
    pub category: usize,
    /// Index into [`RECOVERIES`].
    pub recovery: usize,
    /// Whether the official documentation table lists this code.
    pub documented: bool,
    /// The constant name the official client SDKs give the code, if any.
    pub sdk_name: Option<String>,
    /// The Chinese message.
    pub message_zh: Message,
    /// The English message.
    pub message_en: Message,
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

impl Row {
    /// The variant name in snake_case: `MemberNotInRoom` → `member_not_in_room`.
    pub fn snake_name(&self) -> String {
        snake_case(&self.name)
    }

    /// The lowercase keys under which a case-insensitive name lookup finds this row:
    /// the variant name, its snake_case form and the SDK constant name.
    pub fn folded_keys(&self) -> Vec<String> {
        let mut keys = vec![self.name.to_ascii_lowercase(), self.snake_name()];
        if let Some(sdk) = &self.sdk_name {
            keys.push(sdk.to_ascii_lowercase());
        }
        keys.dedup();
        keys
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

/// Parses and validates the whole table; `file` only names it in error messages.
pub fn parse(file: &str, text: &str) -> Result<Table, Vec<TableError>> {
    let mut errors = Vec::new();
    let mut report = |line: usize, message: String| {
        errors.push(TableError {
            file: file.to_owned(),
            line,
            message,
        });
    };

    let mut lines = text
        .lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.strip_suffix('\r').unwrap_or(l)));
    match lines.next() {
        Some((_, header)) if header.split('\t').eq(COLUMNS) => {}
        Some((line, _)) => report(
            line,
            format!("the header must be the columns {}", COLUMNS.join(", ")),
        ),
        None => report(1, "the table is empty".to_owned()),
    }

    let mut rows: Vec<Row> = Vec::new();
    let mut data_lines = 0;
    for (line, text) in lines {
        if text.trim().is_empty() {
            continue;
        }
        data_lines += 1;
        match parse_row(line, text) {
            Ok(row) => rows.push(row),
            Err(problems) => problems.into_iter().for_each(|m| report(line, m)),
        }
    }
    for (line, message) in cross_row_defects(&rows) {
        report(line, message);
    }
    if data_lines == 0 {
        report(1, "the table has no rows".to_owned());
    }

    if errors.is_empty() {
        rows.sort_by_key(|row| row.code);
        Ok(Table { rows })
    } else {
        errors.sort_by_key(|e| e.line);
        Err(errors)
    }
}

/// Validates one row on its own; every defect found is returned.
fn parse_row(line: usize, text: &str) -> Result<Row, Vec<String>> {
    let fields: Vec<&str> = text.split('\t').collect();
    if fields.len() != COLUMNS.len() {
        return Err(vec![format!(
            "expected {} tab-separated columns, found {}",
            COLUMNS.len(),
            fields.len()
        )]);
    }
    let mut problems = Vec::new();
    let mut check = |result: Result<(), String>| {
        if let Err(p) = result {
            problems.push(p);
        }
    };

    let code = parse_code(fields[0]);
    let name = fields[1].trim();
    check(validate_name(name));
    let category = CATEGORIES.iter().position(|(n, _)| *n == fields[2].trim());
    if category.is_none() {
        check(Err(format!(
            "unknown category `{}` (expected one of {})",
            fields[2],
            names(&CATEGORIES)
        )));
    }
    let recovery = RECOVERIES.iter().position(|(n, _)| *n == fields[3].trim());
    if recovery.is_none() {
        check(Err(format!(
            "unknown recovery `{}` (expected one of {})",
            fields[3],
            names(&RECOVERIES)
        )));
    }
    let documented = match fields[4].trim() {
        "yes" => Some(true),
        "no" => Some(false),
        other => {
            check(Err(format!(
                "`documented` must be `yes` or `no`, not `{other}`"
            )));
            None
        }
    };
    let sdk_name = fields[5].trim();
    check(validate_sdk_name(sdk_name));
    let message_zh = parse_message(fields[6]).map_err(|e| format!("message_zh: {e}"));
    let message_en = parse_message(fields[7]).map_err(|e| format!("message_en: {e}"));

    if let Ok(code) = code {
        match (category_index_of(code), category) {
            (None, _) => check(Err(format!(
                "code {code} is outside every RoomService range (2001xx, 2010xx to 2070xx)"
            ))),
            (Some(expected), Some(given)) if expected != given => check(Err(format!(
                "category `{}` contradicts code {code}, which is in the `{}` range",
                CATEGORIES[given].0, CATEGORIES[expected].0
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

    match (code, category, recovery, documented, message_zh, message_en) {
        (
            Ok(code),
            Some(category),
            Some(recovery),
            Some(documented),
            Ok(message_zh),
            Ok(message_en),
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
        }),
        _ => Err(problems),
    }
}

fn names(vocabulary: &[(&str, &str)]) -> String {
    vocabulary
        .iter()
        .map(|(n, _)| *n)
        .collect::<Vec<_>>()
        .join(", ")
}

fn parse_code(field: &str) -> Result<u32, String> {
    let field = field.trim();
    if field.is_empty() || !field.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!("code `{field}` is not a decimal number"));
    }
    field
        .parse()
        .map_err(|_| format!("code `{field}` is out of range (at most {})", u32::MAX))
}

fn validate_name(name: &str) -> Result<(), String> {
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
    } else {
        return Ok(());
    };
    Err(format!("name `{name}` {problem}"))
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

/// Defects that involve more than one row: duplicated codes, names and lookup keys.
fn cross_row_defects(rows: &[Row]) -> Vec<(usize, String)> {
    let mut defects = Vec::new();
    let mut codes: HashMap<u32, usize> = HashMap::new();
    let mut names: HashMap<&str, usize> = HashMap::new();
    let mut keys: HashMap<String, (usize, u32)> = HashMap::new();
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
        for key in row.folded_keys() {
            match keys.get(&key) {
                Some(&(first, code)) if code != row.code => defects.push((
                    row.line,
                    format!(
                        "name `{key}` (ignoring case) already names code {code} on line {first}"
                    ),
                )),
                Some(_) => {}
                None => {
                    keys.insert(key, (row.line, row.code));
                }
            }
        }
    }
    defects
}
