//! `list` and `search`: the table as aligned text, Markdown, JSON or TSV,
//! whole or for one interface.

use std::fmt::Write;

use liveroom_errors::{Category, ErrorCode, Interface, InterfaceCodePair, Recovery, docs};
use serde_json::{Value, json};

use crate::cli::ListFormat;
use crate::lang::Lang;
use crate::report::{Fail, Outcome, Problem, print};
use crate::{escape, export};

/// A line of the list: a code and, with `--interface`, its pair with that
/// interface, which adds the evidence and the recovery in that call.
type Row = (ErrorCode, Option<InterfaceCodePair>);

pub fn run(
    interface: Option<Interface>,
    category: Option<Category>,
    recovery: Option<Recovery>,
    format: ListFormat,
    lang: impl FnOnce() -> Lang,
) -> Result<Outcome, Fail> {
    let rows: Vec<Row> = match interface {
        Some(interface) => (interface.errors().iter())
            .map(|&pair| (pair.code(), Some(pair)))
            .collect(),
        // Refused: an empty list would say that no code is ever `rejoin`.
        None if recovery.is_some_and(Recovery::is_call_specific) => {
            let recovery = recovery.unwrap_or(Recovery::Done);
            let example = (Interface::ALL.into_iter())
                .find(|i| i.errors().iter().any(|p| p.recovery() == recovery))
                .unwrap_or(Interface::DeleteAnchor);
            return Err(Problem::new(format!(
                "no code is `{recovery}` on its own: it is a recovery in a given call"
            ))
            .help(format!(
                "add --interface, e.g. liveroom-errors list --interface {example} --recovery {recovery}"
            ))
            .into());
        }
        None => ErrorCode::ALL
            .into_iter()
            .map(|code| (code, None))
            .collect(),
    };
    let rows: Vec<Row> = (rows.into_iter())
        .filter(|(code, _)| category.is_none_or(|wanted| code.category() == wanted))
        .filter(|(code, pair)| {
            let own = pair.map_or(code.recovery(), |pair| pair.recovery());
            recovery.is_none_or(|wanted| own == wanted)
        })
        .collect();
    print(&match format {
        ListFormat::Text => text(interface, &rows, lang()),
        ListFormat::Markdown => markdown(interface.is_some(), &rows),
        ListFormat::Json => json(&rows),
        ListFormat::Tsv => tsv(interface.is_some(), &rows),
    })?;
    Ok(Outcome::Found)
}

/// One code a line, ASCII columns aligned, the message last; for one
/// interface, a request line first, and the recovery in that call (`*` where
/// it differs from the code's own) and the evidence as columns.
fn text(interface: Option<Interface>, rows: &[Row], lang: Lang) -> String {
    let mut out = String::new();
    if let Some(interface) = interface {
        let query = match interface.takes_token() {
            true => "?userID=…&token=…",
            false => "?sdkAppID=…&userID=…&userSig=…",
        };
        writeln!(out, "{interface}  POST {}{query}", interface.path()).unwrap();
        if lang == Lang::En {
            writeln!(out, "{}", interface.purpose()).unwrap();
        }
    }
    let name_width = rows.iter().map(|(c, _)| c.name().len()).max().unwrap_or(0);
    for (code, pair) in rows {
        let mark = if code.is_documented() { ' ' } else { '†' };
        let recovery = match pair {
            Some(pair) => {
                let star = if pair.is_override() { "*" } else { "" };
                let any = if pair.is_specific() { "" } else { " (any)" };
                let evidence = format!("{}{any}", pair.evidence());
                format!("{:14}  {evidence:16}", format!("{}{star}", pair.recovery()))
            }
            None => format!("{:14}", code.recovery().name()),
        };
        writeln!(
            out,
            "{}{mark} {:name_width$}  {:8}  {recovery}  {}",
            code.value(),
            code.name(),
            code.category().name(),
            lang.pick(code.message_en(), code.message_zh())
        )
        .unwrap();
    }
    let in_call = |wanted: fn(&InterfaceCodePair) -> bool| {
        rows.iter()
            .any(|(_, pair)| pair.as_ref().is_some_and(wanted))
    };
    if in_call(InterfaceCodePair::is_override) {
        out += lang.pick(
            "* the recovery in this call, not the code's own: `explain CODE` says why\n",
            "* 此接口中的恢复方式，与错误码本身的不同：`explain CODE` 说明理由\n",
        );
    }
    if in_call(|pair| !pair.is_specific()) {
        out += lang.pick(
            "(any) a code every interface can return\n",
            "(any) 任何接口都可能返回的错误码\n",
        );
    }
    if rows.iter().any(|(code, _)| !code.is_documented()) {
        out += lang.pick(
            "† not in the official table: only the client SDKs define these codes; \
             their messages are our own words, not official text\n",
            "† 不在官方错误码表中：仅客户端 SDK 定义，其说明为本工具自拟，非官方文本\n",
        );
    }
    out
}

/// The library's tables, so that the Markdown is the same as in the docs.
fn markdown(in_call: bool, rows: &[Row]) -> String {
    let mut out = String::new();
    if in_call {
        let pairs: Vec<InterfaceCodePair> = rows.iter().filter_map(|r| r.1).collect();
        docs::write_interface_codes_table(&mut out, &pairs).unwrap();
    } else {
        let codes: Vec<ErrorCode> = rows.iter().map(|r| r.0).collect();
        docs::write_markdown_table(&mut out, &codes).unwrap();
    }
    out
}

/// The records of the JSON export; for one interface each with `call`, what
/// the pair of the interface and the code says.
fn json(rows: &[Row]) -> String {
    let records: Vec<Value> = (rows.iter())
        .map(|(code, pair)| {
            let mut record = export::record(*code);
            if let Some(pair) = pair {
                let keys = [
                    ("interface", json!(pair.interface())),
                    ("any_interface", json!(!pair.is_specific())),
                ];
                record["call"] = export::pair_record(pair, keys);
            }
            record
        })
        .collect();
    escape::pretty(&records)
}

/// A header line, then one line per code; causes joined by ` | `; no tabs in
/// any field. For one interface, the pair's columns follow.
fn tsv(in_call: bool, rows: &[Row]) -> String {
    let mut out = String::from(
        "code\tname\tcategory\trecovery\tretryable\tdocumented\tofficial_text\tsdk_name\t\
         message_zh\tmessage_en\tcauses_zh\tcauses_en\tinterfaces",
    );
    if in_call {
        out += "\tevidence\tany_interface\tcall_recovery\toverride\tbasis";
    }
    for (code, pair) in rows {
        let sources: Vec<&str> = export::sources(*code).map(|(name, _)| name).collect();
        let mut fields = vec![
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
            sources.join(","),
        ];
        if let Some(pair) = pair {
            fields.extend([
                pair.evidence().to_string(),
                (!pair.is_specific()).to_string(),
                pair.recovery().to_string(),
                pair.is_override().to_string(),
                pair.basis().replace('\t', " "),
            ]);
        }
        write!(out, "\n{}", fields.join("\t")).unwrap();
    }
    out + "\n"
}

/// Every code whose digits, name, SDK constant, messages or causes contain
/// `needle`, ignoring case, as `list` shows them.
pub fn search(needle: &str, lang: Lang) -> Result<Outcome, Fail> {
    let wanted = needle.trim().to_lowercase();
    if wanted.is_empty() {
        return Err(Problem::new("empty search text")
            .help("give part of a code (2030), a name, an SDK constant or a message")
            .into());
    }
    let rows: Vec<Row> = (ErrorCode::ALL.into_iter())
        .filter(|code| {
            let texts = [code.name(), code.sdk_name().unwrap_or_default()];
            let texts = (texts.into_iter())
                .chain([code.message_zh(), code.message_en()])
                .chain(code.causes_zh().iter().copied())
                .chain(code.causes_en().iter().copied());
            code.value().to_string().contains(&wanted)
                || texts
                    .map(str::to_lowercase)
                    .any(|text| text.contains(&wanted))
        })
        .map(|code| (code, None))
        .collect();
    if rows.is_empty() {
        Problem::new(format!("no code mentions {needle:?}"))
            .help("`liveroom-errors list` shows every code")
            .print();
        return Ok(Outcome::NotFound);
    }
    print(&text(None, &rows, lang))?;
    Ok(Outcome::Found)
}
