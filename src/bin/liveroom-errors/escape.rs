//! Text that came from a reply (or from the user) reaches the terminal only
//! with its control and format characters escaped, so a reply body cannot move
//! the cursor, recolour the screen, set the window title or reorder a line
//! with bidi overrides.

use std::fmt::Write;

/// Whether `c` could change how the terminal shows the text around it: C0 and
/// C1 controls, DEL, the line and paragraph separators, and the Unicode format
/// characters (general category Cf: bidi embeddings, overrides and isolates,
/// zero-width characters, the BOM, tag characters, …).
pub fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{00AD}'
                | '\u{0600}'..='\u{0605}'
                | '\u{061C}'
                | '\u{06DD}'
                | '\u{070F}'
                | '\u{0890}'..='\u{0891}'
                | '\u{08E2}'
                | '\u{180E}'
                | '\u{200B}'..='\u{200F}'
                | '\u{2028}'..='\u{202E}'
                | '\u{2060}'..='\u{2064}'
                | '\u{2066}'..='\u{206F}'
                | '\u{FEFF}'
                | '\u{FFF9}'..='\u{FFFB}'
                | '\u{110BD}'
                | '\u{110CD}'
                | '\u{13430}'..='\u{1343F}'
                | '\u{1BCA0}'..='\u{1BCA3}'
                | '\u{1D173}'..='\u{1D17A}'
                | '\u{E0001}'
                | '\u{E0020}'..='\u{E007F}'
        )
}

/// `text` with every [unsafe](is_unsafe) character written as `\u{…}`; for
/// diagnostics, which mix our words with echoed input.
pub fn sanitize(text: &str) -> String {
    escaped(text, false)
}

/// `text` in double quotes, `"` and `\` escaped, `\n`, `\r`, `\t` as such and
/// every other [unsafe](is_unsafe) character as `\u{…}`: a reply's text, shown
/// exactly and harmlessly.
pub fn quoted(text: &str) -> String {
    format!("\"{}\"", escaped(text, true))
}

fn escaped(text: &str, quoted: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '"' | '\\' if quoted => out.extend(['\\', c]),
            '\n' if quoted => out.push_str("\\n"),
            '\r' if quoted => out.push_str("\\r"),
            '\t' if quoted => out.push_str("\\t"),
            c if is_unsafe(c) => write!(out, "\\u{{{:x}}}", u32::from(c)).unwrap(),
            c => out.push(c),
        }
    }
    out
}

/// `value` as pretty JSON and a newline, every [unsafe](is_unsafe) character
/// serde_json leaves raw (DEL, C1, format characters) written as a `\uXXXX`
/// escape: the same JSON value, safe to show on a terminal.
pub fn pretty(value: &impl serde::Serialize) -> String {
    json(serde_json::to_string_pretty(value).expect("JSON values always serialize"))
}

/// [`pretty`] of JSON text already written. serde_json escapes every C0
/// control inside strings, so a raw one is the layout's own whitespace; every
/// other unsafe character is inside a string, where the escape is valid.
pub fn json(text: String) -> String {
    let mut out = String::with_capacity(text.len() + 1);
    for c in text.chars() {
        if c >= ' ' && is_unsafe(c) {
            for unit in c.encode_utf16(&mut [0; 2]) {
                write!(out, "\\u{unit:04x}").unwrap();
            }
        } else {
            out.push(c);
        }
    }
    out + "\n"
}
