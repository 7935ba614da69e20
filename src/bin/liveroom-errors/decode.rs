//! `decode`: what one reply body means, through the library's own decoder.

use std::io::{IsTerminal, Read};

use liveroom_errors::wire::{self, Empty, MergeStream, Reply};
use liveroom_errors::{Category, ErrorCode, Interface};
use serde_json::{Value, json};

use crate::cli::ExplainFormat;
use crate::lang::Lang;
use crate::report::{Fail, Out, Outcome, Problem};
use crate::{escape, explain};

/// The most `decode` reads: a reply is a few KiB at most, and a cap keeps a
/// wrong file or an endless pipe from filling memory. `--help` and the README
/// name it as "4 MiB".
pub const MAX_INPUT: usize = 4 * 1024 * 1024;

pub fn run(
    input: Option<&str>,
    interface: Option<Interface>,
    lang: Lang,
    format: ExplainFormat,
    out: &mut Out,
) -> Result<Outcome, Fail> {
    let body = read(input)?;
    // The mix fields mean something only in a `merge_stream` reply: read them
    // unless the reply is known to come from another interface.
    let decoded = match interface {
        Some(interface) if interface != Interface::MergeStream => {
            wire::from_slice::<Empty>(&body).map(|reply| reply.map(|_| None))
        }
        _ => wire::from_slice::<MergeStream>(&body).map(|reply| reply.map(Some)),
    };
    match decoded {
        Ok(reply) => Ok(match format {
            ExplainFormat::Text => text(&reply, interface, lang, out)?,
            ExplainFormat::Json => json(&reply, interface, out)?,
        }),
        // The decoder's message may quote the body: `Problem` escapes it.
        Err(error) => Err(Problem::new(format!("not a valid RoomService reply: {error}")).into()),
    }
}

/// Where the body comes from: the argument itself when it starts like JSON
/// (`{`, or `[`, which then gets "not an object"), standard input for `-` or no
/// argument, a file otherwise.
fn read(input: Option<&str>) -> Result<Vec<u8>, Problem> {
    let json_whitespace = |c: char| matches!(c, ' ' | '\n' | '\t' | '\r');
    match input {
        Some(body)
            if body
                .trim_start_matches(json_whitespace)
                .starts_with(['{', '[']) =>
        {
            capped(body.as_bytes(), "the reply argument")
        }
        Some("-") => capped(std::io::stdin().lock(), "standard input"),
        None if std::io::stdin().is_terminal() => Err(Problem::new("no reply body to decode")
            .help("give the body as an argument: liveroom-errors decode '{\"code\":203010}'")
            .help("or a file, or pipe it in: … | liveroom-errors decode")),
        None => capped(std::io::stdin().lock(), "standard input"),
        Some(path) => {
            let file = std::fs::File::open(path).map_err(|error| {
                Problem::new(format!("cannot read {path}: {error}"))
                    .help("a reply body given as an argument starts with `{`: liveroom-errors decode '{\"code\":…}'")
            })?;
            capped(file, path)
        }
    }
}

/// At most [`MAX_INPUT`] bytes of `reader`; more is an error, not a truncation.
fn capped(reader: impl Read, what: &str) -> Result<Vec<u8>, Problem> {
    let mut body = Vec::new();
    (reader.take(MAX_INPUT as u64 + 1))
        .read_to_end(&mut body)
        .map_err(|error| Problem::new(format!("cannot read {what}: {error}")))?;
    if body.len() > MAX_INPUT {
        return Err(Problem::new(format!(
            "{what} is larger than 4 MiB ({MAX_INPUT} bytes): no RoomService reply is that large"
        ))
        .help("decode one reply body at a time"));
    }
    Ok(body)
}

/// The exit status a reply earns: 0 for a success whose mix (if any) worked.
fn outcome(reply: &Reply<Option<MergeStream>>) -> Outcome {
    match reply {
        Reply::Success { payload, .. } if payload.as_ref().is_none_or(|m| m.is_mixed()) => {
            Outcome::Found
        }
        _ => Outcome::NotFound,
    }
}

/// The known code and the category of the range of an error reply's code,
/// from the number alone: the command needs no more of the decoder than the
/// reply's code, texts and timestamp.
fn lookup(code: i64) -> (Option<ErrorCode>, Option<Category>) {
    let code = u32::try_from(code).ok();
    (
        code.and_then(ErrorCode::from_code),
        code.and_then(Category::of),
    )
}

/// Every text from the reply goes through [`escape::quoted`].
fn text(
    reply: &Reply<Option<MergeStream>>,
    interface: Option<Interface>,
    lang: Lang,
    out: &mut Out,
) -> Result<Outcome, Fail> {
    let timestamp = reply
        .timestamp()
        .map(|ms| {
            format!(
                "{}{}",
                lang.pick(", server time ", "，服务器时间 "),
                utc(ms)
            )
        })
        .unwrap_or_default();
    let message = escape::quoted(reply.message());
    let mut text = String::new();
    match reply {
        Reply::Success { payload, .. } => {
            text += &format!(
                "{}{message}{timestamp}\n",
                lang.pick("success (code 0): ", "成功（code 0）：")
            );
            if let Some(payload) = payload.as_ref().filter(|m| !m.is_mixed()) {
                text += &format!(
                    "{}merge_code {}, {}\n",
                    lang.pick(
                        "but the stream mix failed (merge_stream): ",
                        "但混流失败（merge_stream）："
                    ),
                    payload.merge_code(),
                    escape::quoted(payload.merge_message())
                );
            }
        }
        Reply::Failure(_) => {
            let code = reply.code_value();
            text += &format!(
                "{} {code}: {message}{timestamp}\n",
                lang.pick("server error", "服务器错误")
            );
            if let Some(interface) = interface {
                text += &in_call(interface, lookup(code).0, lang);
            }
            match lookup(code) {
                (Some(known), _) => text += &explain::describe(known, lang),
                (None, Some(category)) => {
                    text += &match lang {
                        Lang::En => format!("  unknown code in the range of {category} errors\n"),
                        Lang::Zh => format!("  未知错误码，属于 {category} 类错误的号段\n"),
                    }
                }
                (None, None) => {
                    text += lang.pick(
                        "  unknown code outside every RoomService range",
                        "  未知错误码，不属于任何 RoomService 号段",
                    );
                    if code < 0 {
                        text += lang.pick(
                            " (negative codes come from the client SDKs, not the server)",
                            "（负数错误码来自客户端 SDK，而非服务端）",
                        );
                    }
                    text += "\n";
                }
            }
        }
    }
    out.print(&text)?;
    Ok(outcome(reply))
}

/// What the code means in the call `interface`: declared or not, and the
/// recovery there when it differs from the code's own or is declared.
fn in_call(interface: Interface, known: Option<ErrorCode>, lang: Lang) -> String {
    let name = interface.name();
    match known.and_then(|code| interface.error(code)) {
        Some(pair) => match lang {
            Lang::En => format!(
                "  in {name}: declared ({}); recovery in this call: {} ({})\n",
                pair.evidence(),
                pair.recovery(),
                pair.recovery_reason()
            ),
            Lang::Zh => format!(
                "  在 {name} 中：已声明（{}）；此调用中的恢复方式：{}（{}）\n",
                pair.evidence(),
                pair.recovery(),
                pair.recovery_reason()
            ),
        },
        None => lang
            .pick(
                "  in {name}: not among the codes this interface is known to return\n",
                "  在 {name} 中：不在此接口已知会返回的错误码之列\n",
            )
            .replace("{name}", name),
    }
}

/// `decode --format json`: one object with stable keys (see the README).
fn json(
    reply: &Reply<Option<MergeStream>>,
    interface: Option<Interface>,
    out: &mut Out,
) -> Result<Outcome, Fail> {
    // Shown for a `merge_stream` reply, or for one of an unknown interface
    // that carries a mix result; null otherwise.
    let mix = match reply {
        Reply::Success {
            payload: Some(mix), ..
        } if interface.is_some() || !mix.is_mixed() || !mix.merge_message().is_empty() => Some(mix),
        _ => None,
    };
    let merge_code = mix.map_or(Value::Null, |mix| json!(mix.merge_code()));
    let merge_message = mix.map_or(Value::Null, |mix| json!(mix.merge_message()));
    let (known, category) = match reply {
        Reply::Success { .. } => (None, None),
        Reply::Failure(_) => lookup(reply.code_value()),
    };
    let document = json!({
        "ok": outcome(reply) == Outcome::Found,
        "success": reply.is_success(),
        "code": reply.code_value(),
        "message": reply.message(),
        "timestamp": reply.timestamp(),
        "server_time": reply.timestamp().map(utc),
        "merge_code": merge_code,
        "merge_message": merge_message,
        "category": category,
        "explanation": known.map(explain::details),
        "interface": interface.filter(|_| !reply.is_success()).map(|interface| {
            let pair = known.and_then(|code| interface.error(code));
            json!({
                "name": interface.name(),
                "declared": pair.is_some(),
                "evidence": pair.map(|pair| pair.evidence().name()),
                "recovery": pair.map(|pair| pair.recovery()),
                "recovery_reason": pair.map(|pair| pair.recovery_reason()),
            })
        }),
    });
    let text = serde_json::to_string_pretty(&document).expect("JSON values always serialize");
    out.print(&(escape::json(text) + "\n"))?;
    Ok(outcome(reply))
}

/// `1565610959661` → `2019-08-12 11:55:59.661 UTC`.
fn utc(ms: u64) -> String {
    let (days, ms_of_day) = ((ms / 86_400_000) as i64, ms % 86_400_000);
    // Civil date from days since 1970-01-01 (H. Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    let (h, m, s, milli) = (
        ms_of_day / 3_600_000,
        ms_of_day / 60_000 % 60,
        ms_of_day / 1000 % 60,
        ms_of_day % 1000,
    );
    format!("{year:04}-{month:02}-{day:02} {h:02}:{m:02}:{s:02}.{milli:03} UTC")
}

#[cfg(test)]
mod tests {
    #[test]
    fn utc_renders_real_timestamps() {
        assert_eq!(super::utc(0), "1970-01-01 00:00:00.000 UTC");
        assert_eq!(super::utc(1565610959661), "2019-08-12 11:55:59.661 UTC");
        assert_eq!(super::utc(1577087588457), "2019-12-23 07:53:08.457 UTC");
        assert_eq!(super::utc(951_782_400_000), "2000-02-29 00:00:00.000 UTC");
    }
}
