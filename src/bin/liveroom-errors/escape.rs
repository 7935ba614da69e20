//! Text that came from a reply (or from the user) reaches the terminal only
//! with its control and format characters escaped, so a reply body cannot move
//! the cursor, recolour the screen, set the window title or reorder a line
//! with bidi overrides.

use std::borrow::Cow;
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
pub fn sanitize(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_unsafe(c) {
            write!(out, "\\u{{{:x}}}", u32::from(c)).unwrap();
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// `text` in double quotes, `"` and `\` escaped, `\n`, `\r`, `\t` as such and
/// every other [unsafe](is_unsafe) character as `\u{…}`: a reply's text, shown
/// exactly and harmlessly.
pub fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if is_unsafe(c) => write!(out, "\\u{{{:x}}}", u32::from(c)).unwrap(),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// JSON text from serde_json with every [unsafe](is_unsafe) character it
/// leaves raw (DEL, C1, format characters) written as a `\uXXXX` escape: the
/// same JSON value, safe to show on a terminal. serde_json escapes every C0
/// control inside strings, so a raw one is the layout's own whitespace; every
/// other unsafe character is inside a string, where the escape is valid.
pub fn json(text: String) -> String {
    let unsafe_in_string = |c: char| c >= ' ' && is_unsafe(c);
    if !text.chars().any(unsafe_in_string) {
        return text;
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if unsafe_in_string(c) {
            for unit in c.encode_utf16(&mut [0; 2]) {
                write!(out, "\\u{unit:04x}").unwrap();
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_and_bidi_controls_are_escaped() {
        assert_eq!(quoted("a\u{1b}[31mb"), r#""a\u{1b}[31mb""#);
        assert_eq!(quoted("x\u{202e}y\"\\"), r#""x\u{202e}y\"\\""#);
        assert_eq!(quoted("\u{9b}\u{7f}\n"), r#""\u{9b}\u{7f}\n""#);
        assert_eq!(sanitize("进房失败 ok"), "进房失败 ok");
        assert_eq!(sanitize("a\u{2066}b"), "a\\u{2066}b");
    }

    #[test]
    fn json_escapes_keep_the_value() {
        let value = ["\u{1b}\u{7f}\u{85}\u{202e}\u{e0041}é", "\n"];
        let text = json(serde_json::to_string_pretty(&value).unwrap());
        assert!(
            text.starts_with("[\n  \"\\u001b\\u007f\\u0085\\u202e\\udb40\\udc41é\","),
            "{text}"
        );
        assert!(!text.chars().any(|c| c != '\n' && is_unsafe(c)), "{text}");
        assert_eq!(serde_json::from_str::<[String; 2]>(&text).unwrap(), value);
    }
}
