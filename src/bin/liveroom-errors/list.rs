//! `list` and `search`: the table as aligned text, Markdown or TSV.

use std::fmt::Write;

use liveroom_errors::{ErrorCode, docs};

use crate::{Lang, Outcome};

/// One code a line, ASCII columns aligned, the message last.
pub fn text(codes: &[ErrorCode], lang: Lang) -> String {
    let name_width = codes.iter().map(|c| c.name().len()).max().unwrap_or(0);
    let mut out = String::new();
    for &code in codes {
        let mark = if code.is_documented() { ' ' } else { '†' };
        writeln!(
            out,
            "{}{mark} {:name_width$}  {:8}  {:14}  {}",
            code.code(),
            code.name(),
            code.category().name(),
            code.recovery().name(),
            lang.message(code)
        )
        .unwrap();
    }
    if codes.iter().any(|c| !c.is_documented()) {
        out.push_str("† not in the official table: defined only by the client SDKs\n");
    }
    out
}

pub fn markdown(codes: &[ErrorCode]) -> String {
    let mut out = String::new();
    docs::write_markdown_table(&mut out, codes).unwrap();
    out
}

/// A header line, then one line per code; causes joined by ` | `; no tabs in any field.
pub fn tsv(codes: &[ErrorCode]) -> String {
    let mut out = String::from(
        "code\tname\tcategory\trecovery\tretryable\tdocumented\tsdk_name\tmessage_zh\tmessage_en\tcauses_zh\tcauses_en\n",
    );
    for &code in codes {
        let fields = [
            code.code().to_string(),
            code.name().to_owned(),
            code.category().name().to_owned(),
            code.recovery().name().to_owned(),
            code.is_retryable().to_string(),
            code.is_documented().to_string(),
            code.sdk_name().unwrap_or_default().to_owned(),
            code.message_zh().to_owned(),
            code.message_en().to_owned(),
            code.causes_zh().join(" | "),
            code.causes_en().join(" | "),
        ];
        out.push_str(&fields.join("\t"));
        out.push('\n');
    }
    out
}

/// Every code whose name, SDK constant, messages or causes contain `needle`, ignoring case.
pub fn matching(needle: &str) -> Vec<ErrorCode> {
    let needle = needle.to_lowercase();
    let contains = |text: &str| text.to_lowercase().contains(&needle);
    (ErrorCode::ALL.into_iter())
        .filter(|code| {
            [
                code.name(),
                code.sdk_name().unwrap_or_default(),
                code.message_zh(),
                code.message_en(),
            ]
            .into_iter()
            .chain(code.causes_zh().iter().copied())
            .chain(code.causes_en().iter().copied())
            .any(contains)
        })
        .collect()
}

pub fn search(needle: &str, lang: Lang) -> Outcome {
    if needle.trim().is_empty() {
        eprintln!("error: empty search text");
        return Outcome::BadInput;
    }
    let found = matching(needle.trim());
    if found.is_empty() {
        eprintln!("no code mentions {needle:?}");
        return Outcome::NotFound;
    }
    print!("{}", text(&found, lang));
    Outcome::Found
}
