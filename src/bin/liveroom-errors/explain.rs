//! `explain`: the full story of a code, or why an argument is none.

use std::fmt::{Display, Write};

use liveroom_errors::{Category, ErrorCode, ParseCodeError};
use serde_json::{Value, json};

use crate::cli::ExplainFormat;
use crate::lang::Lang::{self, En, Zh};
use crate::report::{self, Fail, Outcome, print_answer};
use crate::suggest::{self, NotACode};
use crate::{escape, export};

/// What an argument turned out to be.
enum Lookup {
    Known(ErrorCode),
    /// `0`: the success code, no error.
    Success,
    NotACode(NotACode),
}

pub fn run(args: &[String], lang: Lang, format: ExplainFormat) -> Result<Outcome, Fail> {
    let mut outcome = Outcome::Found;
    let mut records = Vec::new();
    let mut separator = "";
    for arg in args {
        let lookup = lookup(arg.trim());
        if let Lookup::NotACode(not) = &lookup {
            not.problem.print();
            // An empty argument is bad usage rather than an unknown code.
            outcome = outcome.max(match arg.trim().is_empty() {
                true => Outcome::BadInput,
                false => Outcome::NotFound,
            });
        }
        let text = match (format, &lookup) {
            (ExplainFormat::Json, _) => {
                records.push(json_entry(arg, &lookup));
                continue;
            }
            (ExplainFormat::Text, Lookup::Known(code)) => describe(*code, lang),
            (ExplainFormat::Text, Lookup::Success) => lang
                .pick(
                    "0: success, not an error code: a reply with code 0 succeeded\n",
                    "0：成功，不是错误码：code 为 0 的回复表示成功\n",
                )
                .to_owned(),
            (ExplainFormat::Text, Lookup::NotACode(_)) => continue,
        };
        // A blank line between explanations.
        print_answer(&format!("{separator}{text}"))?;
        separator = "\n";
    }
    if format == ExplainFormat::Json {
        print_answer(&escape::pretty(&records))?;
    }
    Ok(outcome)
}

fn lookup(arg: &str) -> Lookup {
    match arg.parse::<ErrorCode>() {
        Ok(code) => {
            if ErrorCode::from_former_name(arg).is_some() {
                report::warn(&format!(
                    "`{arg}` is a former name of {} {}: it still works, but will not after the next breaking release",
                    code.value(),
                    code.name()
                ));
            }
            Lookup::Known(code)
        }
        Err(ParseCodeError::Unknown(unknown)) if unknown.value() == 0 => Lookup::Success,
        Err(error) => Lookup::NotACode(suggest::why_unknown(arg, error)),
    }
}

/// `explain --format json`: one object per argument (keys in alphabetical order,
/// as serde_json writes them).
fn json_entry(input: &str, lookup: &Lookup) -> Value {
    let (mut entry, status) = match lookup {
        Lookup::Known(code) => (details(*code), "known"),
        Lookup::Success => (json!({"code": 0}), "success"),
        Lookup::NotACode(not) => {
            let entry = json!({
                "code": not.number,
                "category": not.number.and_then(Category::of),
                "nearest": not.nearest.iter().map(|c| c.value()).collect::<Vec<_>>(),
            });
            let empty = input.trim().is_empty();
            (entry, if empty { "invalid" } else { "unknown" })
        }
    };
    entry["input"] = json!(input);
    entry["status"] = json!(status);
    entry
}

/// A known code in JSON: the export record and the advice in both languages.
pub fn details(code: ErrorCode) -> Value {
    let mut record = export::record(code);
    record["advice_zh"] = json!(code.recovery().advice_zh());
    record["advice_en"] = json!(code.recovery().advice_en());
    record
}

/// The multi-line explanation of a known code, every line in `lang`: in
/// Chinese the English message is left out, in English the Chinese one is
/// kept (the official table's words, what logs and tickets quote).
pub fn describe(code: ErrorCode, lang: Lang) -> String {
    let documented = code.is_documented();
    let mark = match documented {
        true => "",
        false => lang.pick(" (our words, not official)", "（本工具自拟，非官方）"),
    };
    let mut out = format!("{} {}\n", code.value(), code.name());
    let message = lang.pick(code.message_en(), code.message_zh());
    line(
        &mut out,
        lang.pick("message:", "说明："),
        [message.to_owned() + mark],
    );
    if lang == En {
        line(&mut out, "Chinese:", [code.message_zh().to_owned() + mark]);
    }
    let causes = lang.pick(code.causes_en(), code.causes_zh()).iter();
    line(
        &mut out,
        lang.pick("causes:", "可能原因："),
        causes.map(|c| format!("- {c}")),
    );
    line(
        &mut out,
        lang.pick("category:", "类别："),
        [code.category()],
    );
    let recovery = code.recovery();
    let advice = lang.pick(
        format!("{recovery} ({})", recovery.advice_en()),
        format!("{recovery}（{}）", recovery.advice_zh()),
    );
    line(&mut out, lang.pick("recovery:", "恢复方式："), [advice]);
    let reason = lang.pick(code.recovery_reason(), code.recovery_reason_zh());
    line(&mut out, lang.pick("why:", "理由："), [reason]);
    line(
        &mut out,
        lang.pick("from:", "来自接口："),
        interface_lines(code, lang),
    );
    let sdk_name = code.sdk_name().unwrap_or(lang.pick(
        "(none: the client SDKs do not name it)",
        "（无：客户端 SDK 未命名）",
    ));
    line(&mut out, lang.pick("SDK name:", "SDK 常量："), [sdk_name]);
    let official = match documented {
        true => lang.pick(
            "yes: the Chinese text is the official table's; the English is our translation",
            "是：中文为官方错误码表原文",
        ),
        false => lang.pick(
            "no: only the client SDKs define this code; both texts are our own words",
            "否：仅客户端 SDK 定义此错误码，说明为本工具自拟",
        ),
    };
    line(&mut out, lang.pick("official:", "官方文本："), [official]);
    out
}

/// `  label     value`, a line per value, the label on the first only.
fn line(out: &mut String, mut label: &str, values: impl IntoIterator<Item = impl Display>) {
    for value in values {
        // Values aligned whatever the language: a CJK character takes two columns.
        let width: usize = label
            .chars()
            .map(|c| if c.is_ascii() { 1 } else { 2 })
            .sum();
        let pad = 11usize.saturating_sub(width);
        writeln!(out, "  {label}{:pad$}{value}", "").unwrap();
        label = "";
    }
}

/// One line per interface the code comes from (`any interface` first for a
/// code every interface can return), with the evidence, and the recovery in
/// that call with its reason where it differs from the code's own.
fn interface_lines(code: ErrorCode, lang: Lang) -> Vec<String> {
    (export::sources(code))
        .map(|(name, pair)| {
            let name = match name {
                "any" => lang.pick("any interface", "任何接口"),
                name => name,
            };
            let (evidence, recovery) = (pair.evidence(), pair.recovery());
            let reason = lang.pick(pair.recovery_reason(), pair.recovery_reason_zh());
            match (lang, pair.is_override()) {
                (En, false) => format!("- {name} ({evidence})"),
                (Zh, false) => format!("- {name}（{evidence}）"),
                (En, true) => format!("- {name} ({evidence}): {recovery} here — {reason}"),
                (Zh, true) => format!("- {name}（{evidence}）：本接口中为 {recovery} — {reason}"),
            }
        })
        .collect()
}
