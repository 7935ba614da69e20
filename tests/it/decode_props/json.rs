//! A JSON reader of the oracle's own: RFC 8259 exactly, over bytes, with no
//! limit of depth or of the size of numbers, into a tree that keeps every
//! entry of an object in order (duplicates too: `serde_json::Value` keeps only
//! the last, so it cannot tell `{"code":1,"code":0}` from `{"code":0}`) and
//! every number as written.
//!
//! It shares nothing with serde_json's parser, whose feature
//! `arbitrary_precision` (it turns numbers into objects) and limits (nesting
//! 128, numbers within `f64`) are what the decoder's rules speak about: the
//! oracle applies those rules to this tree. A lone surrogate escape is no
//! string (RFC 8259 leaves it open; the decoder refuses it), and a body must
//! be UTF-8 throughout.
//!
//! The main crate's property tests include this file (and the oracle) with
//! `#[path]` (`tests/it/decode_props.rs`): it names nothing outside itself.

/// One JSON value.
#[derive(Clone, Debug, PartialEq)]
pub enum Json {
    Null,
    Bool(bool),
    /// The number as written: `-0`, `1e400` and `18446744073709551616` stay so.
    Number(String),
    String(String),
    Array(Vec<Json>),
    /// Every entry, in the order of the text.
    Object(Vec<(String, Json)>),
}

impl Json {
    /// The value of `bytes` if they are one JSON text (whitespace around it
    /// allowed), else `None`.
    pub fn parse(bytes: &[u8]) -> Option<Json> {
        let text = std::str::from_utf8(bytes).ok()?;
        let mut reader = Reader {
            bytes: text.as_bytes(),
            at: 0,
        };
        reader.space();
        let value = reader.value()?;
        reader.space();
        (reader.at == reader.bytes.len()).then_some(value)
    }

    /// The value as compact JSON text, object entries and numbers as written.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        self.write(&mut out);
        out
    }

    fn write(&self, out: &mut String) {
        match self {
            Json::Null => out.push_str("null"),
            Json::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Json::Number(text) => out.push_str(text),
            Json::String(text) => write_string(text, out),
            Json::Array(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    item.write(out);
                }
                out.push(']');
            }
            Json::Object(entries) => {
                out.push('{');
                for (i, (key, value)) in entries.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    write_string(key, out);
                    out.push(':');
                    value.write(out);
                }
                out.push('}');
            }
        }
    }
}

fn write_string(text: &str, out: &mut String) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if u32::from(c) < 0x20 => out.push_str(&format!("\\u{:04x}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    /// Steps over `byte` if it comes next.
    fn eat(&mut self, byte: u8) -> bool {
        let next = self.peek() == Some(byte);
        self.at += usize::from(next);
        next
    }

    fn space(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    fn value(&mut self) -> Option<Json> {
        match self.peek()? {
            b'n' => self.word("null", Json::Null),
            b't' => self.word("true", Json::Bool(true)),
            b'f' => self.word("false", Json::Bool(false)),
            b'"' => self.string().map(Json::String),
            b'-' | b'0'..=b'9' => self.number().map(Json::Number),
            b'[' => {
                self.at += 1;
                let mut items = Vec::new();
                self.space();
                if self.eat(b']') {
                    return Some(Json::Array(items));
                }
                loop {
                    self.space();
                    items.push(self.value()?);
                    self.space();
                    if self.eat(b']') {
                        return Some(Json::Array(items));
                    }
                    self.eat(b',').then_some(())?;
                }
            }
            b'{' => {
                self.at += 1;
                let mut entries = Vec::new();
                self.space();
                if self.eat(b'}') {
                    return Some(Json::Object(entries));
                }
                loop {
                    self.space();
                    (self.peek()? == b'"').then_some(())?;
                    let key = self.string()?;
                    self.space();
                    self.eat(b':').then_some(())?;
                    self.space();
                    entries.push((key, self.value()?));
                    self.space();
                    if self.eat(b'}') {
                        return Some(Json::Object(entries));
                    }
                    self.eat(b',').then_some(())?;
                }
            }
            _ => None,
        }
    }

    fn word(&mut self, word: &str, value: Json) -> Option<Json> {
        let found = self.bytes[self.at..].starts_with(word.as_bytes());
        self.at += word.len();
        found.then_some(value)
    }

    fn digits(&mut self) -> bool {
        let start = self.at;
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.at += 1;
        }
        self.at > start
    }

    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`
    fn number(&mut self) -> Option<String> {
        let start = self.at;
        self.eat(b'-');
        match self.peek()? {
            b'0' => self.at += 1,
            b'1'..=b'9' => _ = self.digits(),
            _ => return None,
        }
        if self.eat(b'.') && !self.digits() {
            return None;
        }
        if self.eat(b'e') || self.eat(b'E') {
            let _sign = self.eat(b'+') || self.eat(b'-');
            if !self.digits() {
                return None;
            }
        }
        let text = std::str::from_utf8(&self.bytes[start..self.at]).ok()?;
        Some(text.to_owned())
    }

    /// A string at its opening quote.
    fn string(&mut self) -> Option<String> {
        self.at += 1;
        let mut out = String::new();
        loop {
            let start = self.at;
            // The text is UTF-8, and runs end at ASCII bytes: at character boundaries.
            while matches!(self.peek(), Some(b) if b != b'"' && b != b'\\' && b >= 0x20) {
                self.at += 1;
            }
            out.push_str(std::str::from_utf8(&self.bytes[start..self.at]).ok()?);
            match self.peek()? {
                b'"' => {
                    self.at += 1;
                    return Some(out);
                }
                b'\\' => {
                    self.at += 1;
                    out.push(self.escape()?);
                }
                // A control character must be escaped.
                _ => return None,
            }
        }
    }

    /// The character of the escape after a backslash.
    fn escape(&mut self) -> Option<char> {
        let byte = self.peek()?;
        self.at += 1;
        Some(match byte {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => match self.hex4()? {
                high @ 0xD800..=0xDBFF => {
                    // Only a low surrogate may follow: the two are one character.
                    (self.eat(b'\\') && self.eat(b'u')).then_some(())?;
                    let low = self.hex4()?;
                    (0xDC00..=0xDFFF).contains(&low).then_some(())?;
                    char::from_u32(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))?
                }
                0xDC00..=0xDFFF => return None,
                unit => char::from_u32(unit)?,
            },
            _ => return None,
        })
    }

    fn hex4(&mut self) -> Option<u32> {
        let digits = self.bytes.get(self.at..self.at + 4)?;
        digits.iter().all(u8::is_ascii_hexdigit).then_some(())?;
        self.at += 4;
        u32::from_str_radix(std::str::from_utf8(digits).ok()?, 16).ok()
    }
}

/// The reader against the texts whose verdict RFC 8259 fixes.
#[cfg(test)]
#[test]
fn the_reader_reads_rfc_8259_exactly() {
    let read = |text: &str| Json::parse(text.as_bytes());
    assert_eq!(
        read(r#" {"a":[1,-0,1e400,"x\u00e9\ud83d\ude00"],"a":{}} "#),
        Some(Json::Object(vec![
            (
                "a".into(),
                Json::Array(vec![
                    Json::Number("1".into()),
                    Json::Number("-0".into()),
                    Json::Number("1e400".into()),
                    Json::String("xé😀".into()),
                ])
            ),
            ("a".into(), Json::Object(vec![])),
        ]))
    );
    for good in [
        "0",
        "-0.5e+3",
        "1E-2",
        "[]",
        "{}",
        "null",
        "true",
        "[{\"a\":[]}]",
    ] {
        assert_eq!(
            read(good).map(|v| v.to_text()).as_deref(),
            Some(good),
            "{good}"
        );
    }
    assert_eq!(
        read(r#""\/\b\f\n\r\t\"\\""#),
        Some(Json::String("/\u{8}\u{c}\n\r\t\"\\".into()))
    );
    let deep = format!("{}{}", "[".repeat(1000), "]".repeat(1000));
    assert!(read(&deep).is_some());
    for bad in [
        "",
        " ",
        "01",
        "-",
        "1.",
        ".5",
        "1e",
        "+1",
        "0x1",
        "NaN",
        "[1,]",
        "{\"a\":1,}",
        "{a:1}",
        "'a'",
        "\"\\x\"",
        "\"\\ud800\"",
        "\"\\udc00\"",
        "\"\\ud800\\u0041\"",
        "\"\\u12\"",
        "\"\\u+123\"",
        "\"tab\tinside\"",
        "[1] 2",
        "\u{feff}1",
        "nul",
        "truex",
        "{\"a\" 1}",
    ] {
        assert_eq!(read(bad), None, "{bad:?}");
    }
    assert_eq!(Json::parse(b"\"\xff\""), None);
    assert_eq!(Json::String("a\"\\\n".into()).to_text(), r#""a\"\\\u000a""#);
}
