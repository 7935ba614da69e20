//! `list` and `search`: the table as aligned text, Markdown or TSV.

use std::fmt::Write;

use liveroom_errors::{ErrorCode, docs};

use crate::lang::Lang;
use crate::report::{Fail, Out, Outcome, Problem};

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
        out.push_str(lang.pick(
            "† not in the official table: only the client SDKs define these codes; \
             their messages are our own words, not official text\n",
            "† 不在官方错误码表中：仅客户端 SDK 定义，其说明为本工具自拟，非官方文本\n",
        ));
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
        "code\tname\tcategory\trecovery\tretryable\tdocumented\tofficial_text\tsdk_name\tmessage_zh\tmessage_en\tcauses_zh\tcauses_en\n",
    );
    for &code in codes {
        let fields = [
            code.code().to_string(),
            code.name().to_owned(),
            code.category().name().to_owned(),
            code.recovery().name().to_owned(),
            code.is_retryable().to_string(),
            code.is_documented().to_string(),
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

/// Every code whose digits, name, SDK constant, messages or causes contain `needle`, ignoring case.
pub fn matching(needle: &str) -> Vec<ErrorCode> {
    let needle = needle.to_lowercase();
    let contains = |text: &str| text.to_lowercase().contains(&needle);
    (ErrorCode::ALL.into_iter())
        .filter(|code| {
            code.code().to_string().contains(&needle)
                || [
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

pub fn search(needle: &str, lang: Lang, out: &mut Out) -> Result<Outcome, Fail> {
    if needle.trim().is_empty() {
        return Err(Problem::new("empty search text")
            .help("give part of a code (2030), a name, an SDK constant or a message")
            .into());
    }
    let found = matching(needle.trim());
    if found.is_empty() {
        Problem::new(format!("no code mentions {needle:?}"))
            .help("`liveroom-errors list` shows every code")
            .print();
        return Ok(Outcome::NotFound);
    }
    out.print(&text(&found, lang))?;
    Ok(Outcome::Found)
}
