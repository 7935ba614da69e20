//! `list` and `search`: the table as aligned text, Markdown or TSV, whole or
//! for one interface.

use std::fmt::Write;

use liveroom_errors::{ErrorCode, Interface, InterfaceCodePair, Recovery, docs};

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
            code.value(),
            code.name(),
            code.category().name(),
            code.recovery().name(),
            lang.message(code)
        )
        .unwrap();
    }
    if codes.iter().any(|c| !c.is_documented()) {
        out.push_str(lang.pick(UNOFFICIAL_EN, UNOFFICIAL_ZH));
    }
    out
}

const UNOFFICIAL_EN: &str = "† not in the official table: only the client SDKs define these codes; \
                             their messages are our own words, not official text\n";
const UNOFFICIAL_ZH: &str =
    "† 不在官方错误码表中：仅客户端 SDK 定义，其说明为本工具自拟，非官方文本\n";

/// The codes of one interface, a line each: as [`text`], with the recovery in
/// that call (`*` where it differs from the code's own) and the evidence.
pub fn text_in(interface: Interface, pairs: &[InterfaceCodePair], lang: Lang) -> String {
    let query = if interface.takes_token() {
        "?userID=…&token=…"
    } else {
        "?sdkAppID=…&userID=…&userSig=…"
    };
    let mut out = format!("{interface}  POST {}{query}\n", interface.path());
    if lang == Lang::En {
        writeln!(out, "{}", interface.purpose()).unwrap();
    }
    let name_width = (pairs.iter())
        .map(|p| p.code().name().len())
        .max()
        .unwrap_or(0);
    for pair in pairs {
        let code = pair.code();
        let mark = if code.is_documented() { ' ' } else { '†' };
        let recovery = format!(
            "{}{}",
            pair.recovery(),
            if pair.is_override() { "*" } else { "" }
        );
        let evidence = if !pair.is_specific() {
            format!("{} (any)", pair.evidence())
        } else {
            pair.evidence().to_string()
        };
        writeln!(
            out,
            "{}{mark} {:name_width$}  {:8}  {:14}  {:16}  {}",
            code.value(),
            code.name(),
            code.category().name(),
            recovery,
            evidence,
            lang.message(code)
        )
        .unwrap();
    }
    if pairs.iter().any(|p| p.is_override()) {
        out.push_str(lang.pick(
            "* the recovery in this call, not the code's own: `explain CODE` says why\n",
            "* 此接口中的恢复方式，与错误码本身的不同：`explain CODE` 说明理由\n",
        ));
    }
    if pairs.iter().any(|p| !p.is_specific()) {
        out.push_str(lang.pick(
            "(any) a code every interface can return\n",
            "(any) 任何接口都可能返回的错误码\n",
        ));
    }
    if pairs.iter().any(|p| !p.code().is_documented()) {
        out.push_str(lang.pick(UNOFFICIAL_EN, UNOFFICIAL_ZH));
    }
    out
}

pub fn markdown_in(pairs: &[InterfaceCodePair]) -> String {
    let mut out = String::new();
    docs::write_interface_codes_table(&mut out, pairs).unwrap();
    out
}

/// [`tsv`], then the pair's columns: `evidence`, `any_interface`,
/// `call_recovery` (the recovery in this call), `override`, `basis`.
pub fn tsv_in(pairs: &[InterfaceCodePair]) -> String {
    let mut out = String::from(TSV_HEADER);
    out.pop();
    out.push_str("\tevidence\tany_interface\tcall_recovery\toverride\tbasis\n");
    for pair in pairs {
        let mut line = tsv_fields(pair.code());
        line.extend([
            pair.evidence().to_string(),
            (!pair.is_specific()).to_string(),
            pair.recovery().to_string(),
            pair.is_override().to_string(),
            pair.basis().replace('\t', " "),
        ]);
        out.push_str(&line.join("\t"));
        out.push('\n');
    }
    out
}

pub fn markdown(codes: &[ErrorCode]) -> String {
    let mut out = String::new();
    docs::write_markdown_table(&mut out, codes).unwrap();
    out
}

const TSV_HEADER: &str = "code\tname\tcategory\trecovery\tretryable\tdocumented\tofficial_text\tsdk_name\tmessage_zh\tmessage_en\tcauses_zh\tcauses_en\tinterfaces\n";

/// A header line, then one line per code; causes joined by ` | `; no tabs in any field.
pub fn tsv(codes: &[ErrorCode]) -> String {
    let mut out = String::from(TSV_HEADER);
    for &code in codes {
        out.push_str(&tsv_fields(code).join("\t"));
        out.push('\n');
    }
    out
}

/// The fields of [`TSV_HEADER`] for one code; `interfaces` is `any` and the
/// interfaces with a row of their own, comma-separated.
fn tsv_fields(code: ErrorCode) -> Vec<String> {
    let mut interfaces: Vec<&str> = Vec::new();
    if code.is_any_interface() {
        interfaces.push("any");
    }
    interfaces.extend(
        (code.interfaces().iter())
            .filter(|p| p.is_specific())
            .map(|p| p.interface().name()),
    );
    vec![
        code.value().to_string(),
        code.name().to_owned(),
        code.category().name().to_owned(),
        code.recovery().name().to_owned(),
        (code.recovery() == Recovery::Retry).to_string(),
        code.is_documented().to_string(),
        // `official_text`: the same as `documented` (the JSON records dropped
        // it), kept here so that no column moves.
        code.is_documented().to_string(),
        code.sdk_name().unwrap_or_default().to_owned(),
        code.message_zh().to_owned(),
        code.message_en().to_owned(),
        code.causes_zh().join(" | "),
        code.causes_en().join(" | "),
        interfaces.join(","),
    ]
}

/// Every code whose digits, name, SDK constant, messages or causes contain `needle`, ignoring case.
pub fn matching(needle: &str) -> Vec<ErrorCode> {
    let needle = needle.to_lowercase();
    let contains = |text: &str| text.to_lowercase().contains(&needle);
    (ErrorCode::ALL.into_iter())
        .filter(|code| {
            code.value().to_string().contains(&needle)
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
