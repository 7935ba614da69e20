//! `decode`: what one reply body means, through the library's one decoder,
//! `api::decode`.

use std::ffi::OsStr;
use std::io::{IsTerminal, Read};
use std::path::Path;

use liveroom_errors::api::{self, CallError, MergeStreamReply, ServerError, Success};
use liveroom_errors::{ErrorCode, Interface};
use serde_json::json;

use crate::cli::ExplainFormat;
use crate::lang::Lang;
use crate::report::{Fail, Outcome, Problem, print_answer};
use crate::{escape, explain};

/// The most `decode` reads: a reply is a few KiB at most, and a cap keeps a
/// wrong file or an endless pipe from filling memory. `decode --help` names
/// it as "4 MiB".
pub const MAX_INPUT: usize = 4 * 1024 * 1024;

/// A reply as the command reports it: a success, with the mix result when
/// the reply is read as `merge_stream`'s, or the server's error.
type Reply = Result<Success<Option<MergeStreamReply>>, ServerError>;

/// What [`api::decode`] says of a body, its interface's error made the server's.
type Decoded = Result<Success<Option<MergeStreamReply>>, CallError<ServerError>>;

pub fn run(
    input: Option<&OsStr>,
    interface: Option<Interface>,
    lang: Lang,
    format: ExplainFormat,
) -> Result<Outcome, Fail> {
    let body = read(input)?;
    let reply: Reply = match decode(&body, interface) {
        Ok(success) => Ok(success),
        Err(CallError::Server(error)) => Err(error),
        // The decoder's message may quote the body: `Problem` escapes it.
        Err(error) => {
            let what = interface.map_or("RoomService".to_owned(), |i| format!("`{i}`"));
            return Err(Problem::new(format!("not a valid {what} reply: {error}")).into());
        }
    };
    print_answer(&match format {
        ExplainFormat::Text => text(&reply, interface, lang),
        ExplainFormat::Json => json(&reply, interface),
    })?;
    Ok(outcome(&reply))
}

/// `body` decoded with the reply type of `interface`, so that a success must
/// carry that interface's fields; without an interface, as a `merge_stream`
/// reply, whose fields are all optional: any success fits, and a mix result
/// is read when the reply carries one.
fn decode(body: &[u8], interface: Option<Interface>) -> Decoded {
    use api::*;
    match interface {
        None | Some(Interface::MergeStream) => api::decode::<MergeStreamReply>(body)
            .map(|success| success.map(Some))
            .map_err(|error| error.map_server(ServerError::from)),
        Some(Interface::Login) => checked::<LoginReply>(body),
        Some(Interface::Logout) => checked::<LogoutReply>(body),
        Some(Interface::GetRoomList) => checked::<GetRoomListReply>(body),
        Some(Interface::GetAnchorUrl) => checked::<GetAnchorUrlReply>(body),
        Some(Interface::CreateRoom) => checked::<CreateRoomReply>(body),
        Some(Interface::DestroyRoom) => checked::<DestroyRoomReply>(body),
        Some(Interface::GetAnchors) => checked::<GetAnchorsReply>(body),
        Some(Interface::AddAnchor) => checked::<AddAnchorReply>(body),
        Some(Interface::DeleteAnchor) => checked::<DeleteAnchorReply>(body),
        Some(Interface::AnchorHeartbeat) => checked::<AnchorHeartbeatReply>(body),
        Some(Interface::AddAudience) => checked::<AddAudienceReply>(body),
        Some(Interface::DeleteAudience) => checked::<DeleteAudienceReply>(body),
        Some(Interface::GetAudiences) => checked::<GetAudiencesReply>(body),
        Some(Interface::SetCustomField) => checked::<SetCustomFieldReply>(body),
        Some(Interface::GetCustomInfo) => checked::<GetCustomInfoReply>(body),
    }
}

/// A reply of the payload type `R`: the payload is checked, then dropped
/// (the command reports none but the mix); the interface's error becomes
/// the server's, which the command judges in the call itself.
fn checked<R: api::Reply>(body: &[u8]) -> Decoded
where
    R::Error: Into<ServerError>,
{
    api::decode::<R>(body)
        .map(|success| success.map(|_| None))
        .map_err(|error| error.map_server(Into::into))
}

/// Where the body comes from: the argument itself when it starts like JSON
/// (`{`, or `[`, which then gets "not an object"), standard input for `-` or no
/// argument, a file otherwise.
fn read(input: Option<&OsStr>) -> Result<Vec<u8>, Problem> {
    let json_whitespace = |c: char| matches!(c, ' ' | '\n' | '\t' | '\r');
    // An argument that is not UTF-8 is no JSON: it can only be a path.
    match input.map(|arg| (arg, arg.to_str())) {
        Some((_, Some(body)))
            if body
                .trim_start_matches(json_whitespace)
                .starts_with(['{', '[']) =>
        {
            capped(body.as_bytes(), "the reply argument")
        }
        Some((_, Some("-"))) => capped(std::io::stdin().lock(), "standard input"),
        Some((_, Some(""))) => Err(Problem::new("empty argument: no reply body and no file")
            .help("give the body as an argument: liveroom-errors decode '{\"code\":203010}'")),
        None if std::io::stdin().is_terminal() => Err(Problem::new("no reply body to decode")
            .help("give the body as an argument: liveroom-errors decode '{\"code\":203010}'")
            .help("or a file, or pipe it in: … | liveroom-errors decode")),
        None => capped(std::io::stdin().lock(), "standard input"),
        Some((path, _)) => {
            let shown = Path::new(path).display().to_string();
            let file = std::fs::File::open(path).map_err(|error| {
                Problem::new(format!("cannot read {shown}: {error}"))
                    .help("a reply body given as an argument starts with `{`: liveroom-errors decode '{\"code\":…}'")
            })?;
            capped(file, &shown)
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
fn outcome(reply: &Reply) -> Outcome {
    let mixed = |mix: &MergeStreamReply| mix.check().is_ok();
    match reply {
        Ok(success) if success.payload.as_ref().is_none_or(mixed) => Outcome::Found,
        _ => Outcome::NotFound,
    }
}

/// The envelope of a reply: its code (0 for success), text and time.
fn envelope(reply: &Reply) -> (i64, &str, Option<u64>) {
    match reply {
        Ok(success) => (0, &success.message, success.timestamp),
        Err(error) => (error.code().value(), error.message(), error.timestamp()),
    }
}

/// Every text from the reply goes through [`escape::quoted`].
fn text(reply: &Reply, interface: Option<Interface>, lang: Lang) -> String {
    let (code, message, timestamp) = envelope(reply);
    let time = lang.pick(", server time ", "，服务器时间 ");
    let timestamp = timestamp.map(|ms| time.to_owned() + &utc(ms));
    let said = escape::quoted(message) + &timestamp.unwrap_or_default();
    match reply {
        Ok(success) => {
            let ok = lang.pick("success (code 0): ", "成功（code 0）：");
            let mut text = format!("{ok}{said}\n");
            if let Some(Err(failure)) = success.payload.as_ref().map(MergeStreamReply::check) {
                let failed = lang.pick(
                    "but the stream mix failed (merge_stream): ",
                    "但混流失败（merge_stream）：",
                );
                let (code, message) = (failure.merge_code, escape::quoted(&failure.merge_message));
                text += &format!("{failed}merge_code {code}, {message}\n");
            }
            text
        }
        Err(error) => {
            let error_line = lang.pick("server error", "服务器错误");
            let mut text = format!("{error_line} {code}: {said}\n");
            let known = error.code().known();
            if let Some(interface) = interface {
                text += &in_call(interface, known, lang);
            }
            text + &match (known, error.code().category()) {
                (Some(known), _) => explain::describe(known, lang),
                (None, Some(category)) => lang.pick(
                    format!("  unknown code in the range of {category} errors\n"),
                    format!("  未知错误码，属于 {category} 类错误的号段\n"),
                ),
                (None, None) => {
                    let outside = lang.pick(
                        "  unknown code outside every RoomService range",
                        "  未知错误码，不属于任何 RoomService 号段",
                    );
                    let negative = lang.pick(
                        " (negative codes come from the client SDKs, not the server)",
                        "（负数错误码来自客户端 SDK，而非服务端）",
                    );
                    format!("{outside}{}\n", if code < 0 { negative } else { "" })
                }
            }
        }
    }
}

/// What the code means in the call `interface`: declared or not, and the
/// recovery there with its reason.
fn in_call(interface: Interface, known: Option<ErrorCode>, lang: Lang) -> String {
    let name = interface.name();
    let Some(pair) = known.and_then(|code| interface.error(code)) else {
        return lang.pick(
            format!("  in {name}: not among the codes this interface is known to return\n"),
            format!("  在 {name} 中：不在此接口已知会返回的错误码之列\n"),
        );
    };
    let (evidence, recovery) = (pair.evidence(), pair.recovery());
    let reason = lang.pick(pair.recovery_reason(), pair.recovery_reason_zh());
    lang.pick(
        format!(
            "  in {name}: declared ({evidence}); recovery in this call: {recovery} ({reason})\n"
        ),
        format!(
            "  在 {name} 中：已声明（{evidence}）；此调用中的恢复方式：{recovery}（{reason}）\n"
        ),
    )
}

/// `decode --format json`: one object with stable keys.
fn json(reply: &Reply, interface: Option<Interface>) -> String {
    // Shown for a reply read as `merge_stream`'s: always with that interface
    // given, else only when it carries a mix result; null otherwise.
    let mix = match reply {
        Ok(Success {
            payload: Some(mix), ..
        }) if interface.is_some() || mix.check().is_err() || !mix.merge_message.is_empty() => {
            Some(mix)
        }
        _ => None,
    };
    let known = reply.as_ref().err().and_then(|error| error.code().known());
    let (code, message, timestamp) = envelope(reply);
    let document = json!({
        "ok": outcome(reply) == Outcome::Found,
        "success": reply.is_ok(),
        "code": code,
        "message": message,
        "timestamp": timestamp,
        "server_time": timestamp.map(utc),
        "merge_code": mix.map(|mix| mix.merge_code),
        "merge_message": mix.map(|mix| &mix.merge_message),
        "category": reply.as_ref().err().and_then(|error| error.code().category()),
        "explanation": known.map(explain::details),
        "interface": interface.filter(|_| reply.is_err()).map(|interface| {
            let pair = known.and_then(|code| interface.error(code));
            json!({
                "name": interface.name(),
                "declared": pair.is_some(),
                "evidence": pair.map(|pair| pair.evidence()),
                "recovery": pair.map(|pair| pair.recovery()),
                "recovery_reason": pair.map(|pair| pair.recovery_reason()),
                "recovery_reason_zh": pair.map(|pair| pair.recovery_reason_zh()),
            })
        }),
    });
    escape::pretty(&document)
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
