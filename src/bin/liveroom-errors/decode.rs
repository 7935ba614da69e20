//! `decode`: what one reply body means, through the library's own decoder.

use std::io::Read;

use liveroom_errors::wire::{self, MergeStream, Reply};

use crate::{Lang, Outcome, explain};

pub fn run(file: Option<&str>, lang: Lang) -> Outcome {
    let body = match read(file) {
        Ok(body) => body,
        Err(error) => {
            eprintln!("error: {error}");
            return Outcome::BadInput;
        }
    };
    match wire::from_slice::<MergeStream>(&body) {
        Ok(reply) => report(reply, lang),
        Err(error) => {
            eprintln!("error: not a valid RoomService reply: {error}");
            Outcome::BadInput
        }
    }
}

fn read(file: Option<&str>) -> Result<Vec<u8>, String> {
    let mut body = Vec::new();
    match file {
        None | Some("-") => std::io::stdin()
            .read_to_end(&mut body)
            .map_err(|e| format!("cannot read standard input: {e}"))?,
        Some(path) => {
            body = std::fs::read(path).map_err(|e| format!("cannot read {path}: {e}"))?;
            0
        }
    };
    Ok(body)
}

fn report(reply: Reply<MergeStream>, lang: Lang) -> Outcome {
    let timestamp = reply
        .timestamp()
        .map(|ms| format!(", server time {}", utc(ms)))
        .unwrap_or_default();
    match reply {
        Reply::Success {
            payload, message, ..
        } => {
            println!("success (code 0): {message:?}{timestamp}");
            if let Err(failure) = payload.check() {
                println!("but the stream mix failed (merge_stream): {failure}");
                return Outcome::NotFound;
            }
            Outcome::Found
        }
        Reply::Failure(error) => {
            println!("server error {error}{timestamp}");
            match (error.known(), error.category()) {
                (Some(code), _) => print!("{}", explain::describe(code, lang)),
                (None, Some(category)) => {
                    println!("  unknown code in the range of {category} errors")
                }
                (None, None) => println!(
                    "  unknown code outside every RoomService range{}",
                    client_hint(error.code().value())
                ),
            }
            Outcome::NotFound
        }
    }
}

fn client_hint(value: i64) -> &'static str {
    if value < 0 {
        " (negative codes come from the client SDKs, not the server)"
    } else {
        ""
    }
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
