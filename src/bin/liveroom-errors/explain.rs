//! `explain`: the full story of a code, or why an argument is none.

use liveroom_errors::{Category, ErrorCode, ParseCodeError};
use serde_json::{Map, Value, json};

use crate::cli::ExplainFormat;
use crate::lang::Lang;
use crate::report::{self, Fail, Out, Outcome, Problem};
use crate::{escape, export, suggest};

/// What an argument turned out to be.
enum Lookup {
    Known(ErrorCode),
    /// `0`: the success code, no error.
    Success,
    /// No code: why, with the nearest codes (by digits or value) if it was a number.
    NotACode {
        problem: Problem,
        outcome: Outcome,
        number: Option<i64>,
        nearest: Vec<ErrorCode>,
    },
}

pub fn run(
    args: &[String],
    lang: Lang,
    format: ExplainFormat,
    out: &mut Out,
) -> Result<Outcome, Fail> {
    let mut outcome = Outcome::Found;
    let mut records = Vec::new();
    let mut printed = false;
    for arg in args {
        let lookup = lookup(arg.trim());
        if let Lookup::NotACode {
            problem,
            outcome: this,
            ..
        } = &lookup
        {
            problem.print();
            outcome = worst(outcome, *this);
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
            (ExplainFormat::Text, Lookup::NotACode { .. }) => continue,
        };
        // A blank line between explanations.
        out.print(&format!("{}{text}", if printed { "\n" } else { "" }))?;
        printed = true;
    }
    if format == ExplainFormat::Json {
        let text = serde_json::to_string_pretty(&records).expect("JSON values always serialize");
        out.print(&(escape::json(text) + "\n"))?;
    }
    Ok(outcome)
}

fn worst(a: Outcome, b: Outcome) -> Outcome {
    match (a, b) {
        (Outcome::BadInput, _) | (_, Outcome::BadInput) => Outcome::BadInput,
        (Outcome::NotFound, _) | (_, Outcome::NotFound) => Outcome::NotFound,
        _ => Outcome::Found,
    }
}

fn lookup(arg: &str) -> Lookup {
    if arg.is_empty() {
        return Lookup::NotACode {
            problem: Problem::new("empty argument")
                .help("give a code such as 203006 or a name such as MemberNotInRoom"),
            outcome: Outcome::BadInput,
            number: None,
            nearest: Vec::new(),
        };
    }
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
        Err(_) if arg == "0" => Lookup::Success,
        Err(error) => {
            let (problem, number, nearest) = suggest::why_unknown(arg, error);
            Lookup::NotACode {
                problem,
                outcome: Outcome::NotFound,
                number,
                nearest,
            }
        }
    }
}

/// `explain --format json`: one object per argument (keys in alphabetical order,
/// as serde_json writes them).
fn json_entry(input: &str, lookup: &Lookup) -> Value {
    let mut entry = Map::new();
    entry.insert("input".into(), json!(input));
    match lookup {
        Lookup::Known(code) => {
            entry.insert("status".into(), json!("known"));
            entry.extend(details(*code));
        }
        Lookup::Success => {
            entry.insert("status".into(), json!("success"));
            entry.insert("code".into(), json!(0));
        }
        Lookup::NotACode {
            outcome,
            number,
            nearest,
            ..
        } => {
            let status = if *outcome == Outcome::BadInput {
                "invalid"
            } else {
                "unknown"
            };
            entry.insert("status".into(), json!(status));
            entry.insert("code".into(), json!(number));
            let category = number
                .and_then(|n| u32::try_from(n).ok())
                .and_then(Category::of);
            entry.insert("category".into(), json!(category));
            let nearest: Vec<u32> = nearest.iter().map(|c| c.value()).collect();
            entry.insert("nearest".into(), json!(nearest));
        }
    }
    Value::Object(entry)
}

/// A known code in JSON: the export record and the advice in both languages.
pub fn details(code: ErrorCode) -> Map<String, Value> {
    let Value::Object(mut map) = export::record(code) else {
        unreachable!("a record is an object")
    };
    map.insert("advice_zh".into(), json!(code.recovery().advice_zh()));
    map.insert("advice_en".into(), json!(code.recovery().advice_en()));
    map
}

/// Display columns of a label: CJK characters take two.
fn width(text: &str) -> usize {
    text.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum()
}

/// `  label     value`, values aligned whatever the language of the label.
fn line(out: &mut String, label: &str, value: &str) {
    let pad = 11usize.saturating_sub(width(label));
    out.push_str(&format!("  {label}{:pad$}{value}\n", ""));
}

/// The multi-line explanation of a known code, every line in `lang`: in
/// Chinese the English message is left out, in English the Chinese one is
/// kept (the official table's words, what logs and tickets quote).
pub fn describe(code: ErrorCode, lang: Lang) -> String {
    let ours = !code.is_documented();
    let mark = if ours {
        lang.pick(" (our words, not official)", "（本工具自拟，非官方）")
    } else {
        ""
    };
    let mut out = format!("{} {}\n", code.value(), code.name());
    line(
        &mut out,
        lang.pick("message:", "说明："),
        &format!("{}{mark}", lang.message(code)),
    );
    if lang == Lang::En {
        line(
            &mut out,
            "Chinese:",
            &format!("{}{mark}", code.message_zh()),
        );
    }
    for (i, cause) in lang.causes(code).iter().enumerate() {
        let label = if i == 0 {
            lang.pick("causes:", "可能原因：")
        } else {
            ""
        };
        line(&mut out, label, &format!("- {cause}"));
    }
    line(
        &mut out,
        lang.pick("category:", "类别："),
        code.category().name(),
    );
    let recovery = code.recovery();
    let advice = match lang {
        Lang::En => format!("{recovery} ({})", recovery.advice_en()),
        Lang::Zh => format!("{recovery}（{}）", recovery.advice_zh()),
    };
    line(&mut out, lang.pick("recovery:", "恢复方式："), &advice);
    line(&mut out, lang.pick("why:", "理由："), lang.reason(code));
    for (i, entry) in interface_lines(code, lang).iter().enumerate() {
        let label = if i == 0 {
            lang.pick("from:", "来自接口：")
        } else {
            ""
        };
        line(&mut out, label, entry);
    }
    let sdk_name = code.sdk_name().unwrap_or(lang.pick(
        "(none: the client SDKs do not name it)",
        "（无：客户端 SDK 未命名）",
    ));
    line(&mut out, lang.pick("SDK name:", "SDK 常量："), sdk_name);
    let official = match (ours, lang) {
        (false, Lang::En) => {
            "yes: the Chinese text is the official table's; the English is our translation"
        }
        (false, Lang::Zh) => "是：中文为官方错误码表原文",
        (true, Lang::En) => {
            "no: only the client SDKs define this code; both texts are our own words"
        }
        (true, Lang::Zh) => "否：仅客户端 SDK 定义此错误码，说明为本工具自拟",
    };
    line(&mut out, lang.pick("official:", "官方文本："), official);
    out
}

/// One line per interface the code comes from (`any interface` first for a
/// code every interface can return), with the evidence, and the recovery in
/// that call with its reason where it differs from the code's own.
fn interface_lines(code: ErrorCode, lang: Lang) -> Vec<String> {
    let pairs = code.interfaces();
    let any = pairs.iter().find(|p| !p.is_specific());
    let own = pairs.iter().filter(|p| p.is_specific());
    let any_label = lang.pick("any interface", "任何接口");
    (any.map(|pair| (any_label, pair)).into_iter())
        .chain(own.map(|pair| (pair.interface().name(), pair)))
        .map(|(name, pair)| {
            let (evidence, recovery) = (pair.evidence(), pair.recovery());
            let reason = lang.pair_reason(pair);
            match (lang, pair.is_override()) {
                (Lang::En, false) => format!("- {name} ({evidence})"),
                (Lang::Zh, false) => format!("- {name}（{evidence}）"),
                (Lang::En, true) => format!("- {name} ({evidence}): {recovery} here — {reason}"),
                (Lang::Zh, true) => {
                    format!("- {name}（{evidence}）：本接口中为 {recovery} — {reason}")
                }
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_align_in_both_languages() {
        let (mut en, mut zh) = (String::new(), String::new());
        line(&mut en, "recovery:", "x");
        line(&mut zh, "可能原因：", "x");
        assert_eq!(width(&en), width(&zh));
        assert!(en.ends_with(" x\n") && zh.ends_with("： x\n"), "{en}{zh}");
    }
}
