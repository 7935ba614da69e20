//! Reply-like bodies built from fuzzer data: one object whose keys are mostly
//! envelope keys (so duplicates are common) and a few payload keys before and
//! after them, whose values take every JSON type, the spellings of a code
//! that decoders get wrong, numbers beyond `f64`, serde_json's private number
//! key and nesting deeper than serde_json's limit; serialized, then possibly
//! damaged once so that the text is no longer JSON. Random bytes almost never
//! get this far.

use arbitrary::Arbitrary;
use liveroom_errors::ErrorCode;

/// One body; [`Body::to_bytes`] writes it.
#[derive(Arbitrary, Debug)]
pub struct Body {
    leading_space: bool,
    /// The `code` of the body, placed among `entries` at `code_at` (more
    /// `code` keys may be among the entries).
    code: Option<Value>,
    code_at: u8,
    entries: Vec<(Key, Value)>,
    damage: Option<Damage>,
}

#[derive(Arbitrary, Debug)]
enum Key {
    Code,
    Message,
    Error,
    Timestamp,
    /// The field of the oracle's typed payload.
    Name,
    Token,
    /// `get_custom_info`'s field, an object of custom fields.
    Custom,
    /// `code` written with an escape: the same key once unescaped.
    EscapedCode,
    Other(String),
}

#[derive(Arbitrary, Debug)]
enum Value {
    /// One of [`SPELLINGS`].
    Spelling(u8),
    /// A known code, as an integer or as a string.
    Known(u8, bool),
    Integer(i64),
    Unsigned(u64),
    Float(f64),
    Text(String),
    Bool(bool),
    Null,
    Array(Vec<Value>),
    Object(Vec<(Key, Value)>),
    /// Arrays (or objects) this deep around one of [`SPELLINGS`]: 100 to 355
    /// levels, around serde_json's limit of 128. Around a spelling only: a
    /// `Deep` in a `Deep` would multiply the depth, and the oracle's reader
    /// (recursive, as any tree builder) would overflow the stack long before
    /// the decoder, which never recurses beyond serde_json's limit.
    Deep(u8, bool, u8),
}

/// Spellings of a code (or timestamp) at the edges of what is allowed.
const SPELLINGS: &[&str] = &[
    "0",
    r#""0""#,
    r#""00""#,
    r#""-0""#,
    r#""-00""#,
    r#""000000""#,
    r#""0203010""#,
    r#""+1""#,
    r#"" 0""#,
    r#""0 ""#,
    r#""""#,
    r#""-""#,
    r#""\u0030""#,
    r#""203010""#,
    r#""-1""#,
    "-0",
    "0.0",
    "-0.0",
    "0e0",
    "1e3",
    "203010.5",
    "203010.0",
    "-1",
    "9223372036854775807",
    "9223372036854775808",
    "-9223372036854775808",
    "-9223372036854775809",
    "18446744073709551615",
    "18446744073709551616",
    "99999999999999999999",
    r#""9223372036854775807""#,
    r#""9223372036854775808""#,
    r#""-9223372036854775808""#,
    r#""-9223372036854775809""#,
    // Numbers at and beyond the limits of `f64`, as serde_json reads them.
    "1e400",
    "-1e400",
    "1e-400",
    "1.7976931348623157e308",
    "1.7976931348623158e308",
    "1.79769313486231581e308",
    // serde_json's private number key: an object all the same.
    r#"{"$serde_json::private::Number":"0"}"#,
    r#"{"$serde_json::private::Number":"1.5"}"#,
    r#"{"$serde_json::private::Number":"1e400"}"#,
    r#"{"$serde_json::private::Number":"203010","x":1}"#,
    // Strings with escapes: a pair, and an escaped backslash before `u`.
    r#""\ud83d\ude00""#,
    r#""\\ud800""#,
    // Custom fields: a name twice, numbers of every kind.
    r#"{"praise":3,"praise":"x"}"#,
    r#"{"praise":3,"notice":"hi"}"#,
    r#"{"a":-0,"b":1.5,"c":18446744073709551615,"d":1e300}"#,
];

/// One change that (usually) makes the text invalid JSON.
#[derive(Arbitrary, Debug)]
struct Damage {
    /// Where, modulo the length of the text.
    at: u16,
    kind: DamageKind,
}

#[derive(Arbitrary, Debug)]
enum DamageKind {
    /// Inserts one of [`JUNK`].
    Insert(u8),
    /// Replaces one byte by one of [`JUNK`].
    Replace(u8),
    Delete(u8),
    Truncate,
}

/// What gets inserted: structural characters, the broken tails of issue 9
/// item 1, bytes that are not UTF-8, a lone surrogate escape.
const JUNK: &[&[u8]] = &[
    b"}",
    b"]",
    b",",
    b":",
    b"\"",
    b"{",
    b"[",
    b"1.",
    b"[1,",
    b",\"y\"}",
    b",\"y\":}",
    b",\"y\":1.}",
    b",\"y\":[1,}",
    b"\\",
    b"-",
    b"e",
    b"nul",
    b"\xff",
    b"\xc3",
    b"\\ud800",
    b"\\ud800\\u",
    b"\\u",
    b"\\u00",
    b"\x00",
    b"\n",
    b" ",
];

impl Body {
    /// The text of the body, damaged if it says so.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        if self.leading_space {
            out.extend_from_slice(b" \r\n");
        }
        let mut entries: Vec<(&Key, &Value)> = self.entries.iter().map(|(k, v)| (k, v)).collect();
        if let Some(code) = &self.code {
            let at = self.code_at as usize % (entries.len() + 1);
            entries.insert(at, (&Key::Code, code));
        }
        write_object(entries, &mut out);
        if let Some(damage) = &self.damage {
            damage.apply(&mut out);
        }
        out
    }
}

fn write_object<'a>(entries: impl IntoIterator<Item = (&'a Key, &'a Value)>, out: &mut Vec<u8>) {
    out.push(b'{');
    for (i, (key, value)) in entries.into_iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        key.write(out);
        out.push(b':');
        value.write(out);
    }
    out.push(b'}');
}

/// A string, escaped as JSON.
fn write_text(text: &str, out: &mut Vec<u8>) {
    out.extend(serde_json::to_vec(text).expect("a string always serializes"));
}

impl Key {
    fn write(&self, out: &mut Vec<u8>) {
        let text = match self {
            Key::Code => "code",
            Key::Message => "message",
            Key::Error => "error",
            Key::Timestamp => "timestamp",
            Key::Name => "name",
            Key::Token => "token",
            Key::Custom => "custom",
            Key::EscapedCode => return out.extend_from_slice(br#""c\u006fde""#),
            Key::Other(text) => text,
        };
        write_text(text, out);
    }
}

impl Value {
    fn write(&self, out: &mut Vec<u8>) {
        match self {
            Value::Spelling(i) => {
                out.extend_from_slice(SPELLINGS[*i as usize % SPELLINGS.len()].as_bytes())
            }
            Value::Known(i, as_text) => {
                let code = ErrorCode::ALL[*i as usize % ErrorCode::COUNT].value();
                match as_text {
                    true => write_text(&code.to_string(), out),
                    false => out.extend_from_slice(code.to_string().as_bytes()),
                }
            }
            Value::Integer(n) => out.extend_from_slice(n.to_string().as_bytes()),
            Value::Unsigned(n) => out.extend_from_slice(n.to_string().as_bytes()),
            // Not finite: serde_json writes `null`.
            Value::Float(x) => out.extend(serde_json::to_vec(x).expect("f64 serializes")),
            Value::Text(text) => write_text(text, out),
            Value::Bool(b) => out.extend_from_slice(if *b { b"true" } else { b"false" }),
            Value::Null => out.extend_from_slice(b"null"),
            Value::Array(items) => {
                out.push(b'[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(b',');
                    }
                    item.write(out);
                }
                out.push(b']');
            }
            Value::Object(entries) => write_object(entries.iter().map(|(k, v)| (k, v)), out),
            Value::Deep(depth, array, spelling) => {
                let depth = 100 + usize::from(*depth);
                let (open, close): (&[u8], &[u8]) = match array {
                    true => (b"[", b"]"),
                    false => (br#"{"a":"#, b"}"),
                };
                for _ in 0..depth {
                    out.extend_from_slice(open);
                }
                Value::Spelling(*spelling).write(out);
                for _ in 0..depth {
                    out.extend_from_slice(close);
                }
            }
        }
    }
}

impl Damage {
    fn apply(&self, text: &mut Vec<u8>) {
        let at = self.at as usize % (text.len() + 1);
        let junk = |i: &u8| JUNK[*i as usize % JUNK.len()];
        match &self.kind {
            DamageKind::Insert(i) => {
                text.splice(at..at, junk(i).iter().copied());
            }
            DamageKind::Replace(i) => {
                let end = (at + 1).min(text.len());
                text.splice(at..end, junk(i).iter().copied());
            }
            DamageKind::Delete(n) => {
                let end = (at + *n as usize).min(text.len());
                text.drain(at..end);
            }
            DamageKind::Truncate => text.truncate(at),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::Json;

    /// Undamaged bodies are JSON objects, and many have exactly one `code`:
    /// the case that reaches the decoder's logic.
    #[test]
    fn undamaged_bodies_are_objects_often_with_one_code() {
        let mut state = 0x9e37_79b9_7f4a_7c15_u64;
        let mut one_code = 0;
        for _ in 0..1_000 {
            let data: Vec<u8> = (0..256)
                .map(|_| {
                    state ^= state << 13;
                    state ^= state >> 7;
                    state ^= state << 17;
                    state as u8
                })
                .collect();
            let mut body = Body::arbitrary(&mut arbitrary::Unstructured::new(&data)).unwrap();
            body.damage = None;
            let text = body.to_bytes();
            let Some(Json::Object(fields)) = Json::parse(&text) else {
                panic!("not an object: {:?}", String::from_utf8_lossy(&text));
            };
            one_code += usize::from(fields.iter().filter(|(k, _)| k == "code").count() == 1);
            // Deep values nest a bounded depth: the oracle's reader recurses.
            fn depth(value: &Json) -> usize {
                match value {
                    Json::Array(items) => 1 + items.iter().map(depth).max().unwrap_or(0),
                    Json::Object(entries) => {
                        1 + entries.iter().map(|(_, v)| depth(v)).max().unwrap_or(0)
                    }
                    _ => 0,
                }
            }
            let deepest = depth(&Json::Object(fields));
            assert!(deepest <= 355 + data.len(), "{deepest} levels");
        }
        assert!(one_code >= 300, "{one_code} of 1000 with one `code`");
    }
}
