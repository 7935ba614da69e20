//! `explain`: the full story of a code, or why an argument is none.

use liveroom_errors::{Category, ErrorCode, ParseCodeError};

use crate::{Lang, Outcome};

pub fn run(args: &[String], lang: Lang) -> Outcome {
    let mut outcome = Outcome::Found;
    for (i, arg) in args.iter().enumerate() {
        let arg = arg.trim();
        if arg.is_empty() {
            eprintln!(
                "error: empty argument: expected a code such as 203006 or a name such as MemberNotInRoom"
            );
            outcome = Outcome::BadInput;
            continue;
        }
        match arg.parse::<ErrorCode>() {
            Ok(code) => {
                if i > 0 {
                    println!();
                }
                print!("{}", describe(code, lang));
            }
            Err(error) => {
                eprintln!("{}", why_unknown(arg, error));
                if outcome == Outcome::Found {
                    outcome = Outcome::NotFound;
                }
            }
        }
    }
    outcome
}

/// The multi-line explanation of a known code.
pub fn describe(code: ErrorCode, lang: Lang) -> String {
    let (first, second, second_label) = match lang {
        Lang::Zh => (code.message_zh(), code.message_en(), "English"),
        Lang::En => (code.message_en(), code.message_zh(), "Chinese"),
    };
    let mut out = format!(
        "{} {}\n  message:   {first}\n  {second_label}:{:pad$}{second}\n",
        code.code(),
        code.name(),
        "",
        pad = 10 - second_label.len()
    );
    for (i, cause) in lang.causes(code).iter().enumerate() {
        let label = if i == 0 { "causes:" } else { "" };
        out.push_str(&format!("  {label:11}- {cause}\n"));
    }
    let recovery = code.recovery();
    out.push_str(&format!("  category:  {}\n", code.category()));
    out.push_str(&format!(
        "  recovery:  {recovery} ({})\n",
        lang.advice(recovery)
    ));
    out.push_str(&format!(
        "  retryable: {}\n",
        if code.is_retryable() { "yes" } else { "no" }
    ));
    out.push_str(&format!(
        "  SDK name:  {}\n",
        code.sdk_name()
            .unwrap_or("(none: the client SDKs do not name it)")
    ));
    let official = if code.is_documented() {
        "yes (in the official error-code table)"
    } else {
        "no (defined only by the official client SDKs)"
    };
    out.push_str(&format!("  official:  {official}\n"));
    out
}

/// One line that says why `arg` is no known code, with the nearest known ones.
pub fn why_unknown(arg: &str, error: ParseCodeError) -> String {
    match error {
        ParseCodeError::Unknown(unknown) => {
            let n = unknown.code();
            let range = match Category::of(n) {
                Some(category) => {
                    format!("; its range ({}xx) is that of {category} errors", n / 100)
                }
                None => String::new(),
            };
            format!(
                "{n}: unknown code{range}; nearest known: {}",
                nearest_codes(i64::from(n))
            )
        }
        ParseCodeError::OutOfRange => {
            format!(
                "{arg}: number out of range: RoomService codes have six digits (200100 to 207006)"
            )
        }
        ParseCodeError::UnknownName => match nearest_names(arg) {
            Some(names) => format!("{arg}: unknown name; did you mean {names}?"),
            None => format!("{arg}: unknown name; try `liveroom-errors search {arg}`"),
        },
        _ => malformed(arg),
    }
}

fn malformed(arg: &str) -> String {
    let ascii: Option<String> = arg
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(u32::from(c) - u32::from('０') + u32::from('0')),
            _ => Some(c),
        })
        .collect();
    if let Some(ascii) = ascii.filter(|a| a != arg && a.bytes().all(|b| b.is_ascii_digit())) {
        return format!("{arg}: full-width digits are not a code; did you mean {ascii}?");
    }
    if let Some(negative) = arg
        .strip_prefix('-')
        .filter(|d| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit()))
    {
        return format!(
            "{arg}: not a RoomService code: negative codes such as -{negative} are invented by the client SDKs \
             (-1 network failure, ...); the server never sends them"
        );
    }
    format!(
        "{arg:?}: not a code or a name: expected decimal digits (203006) or a name (EnterRoomFailed)"
    )
}

/// The three known codes closest in value.
fn nearest_codes(n: i64) -> String {
    let mut codes = ErrorCode::ALL.to_vec();
    codes.sort_by_key(|c| (i64::from(c.code()) - n).abs());
    let names: Vec<String> = codes
        .iter()
        .take(3)
        .map(|c| format!("{} {}", c.code(), c.name()))
        .collect();
    names.join(", ")
}

/// Up to three names within a small edit distance of `arg`, ignoring case and `_`.
fn nearest_names(arg: &str) -> Option<String> {
    let fold = |s: &str| -> String {
        s.chars()
            .filter(|c| *c != '_')
            .flat_map(char::to_lowercase)
            .collect()
    };
    let wanted = fold(arg);
    let mut scored: Vec<(usize, &str)> = (ErrorCode::ALL.iter())
        .flat_map(|c| [Some(c.name()), c.sdk_name()].into_iter().flatten())
        .map(|name| (edit_distance(&wanted, &fold(name)), name))
        .filter(|(distance, _)| *distance <= 3.max(wanted.chars().count() / 3))
        .collect();
    scored.sort();
    let names: Vec<&str> = scored.into_iter().take(3).map(|(_, name)| name).collect();
    (!names.is_empty()).then(|| names.join(", "))
}

/// Levenshtein distance over `char`s.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitution = diagonal + usize::from(ca != *cb);
            diagonal = row[j + 1];
            row[j + 1] = substitution.min(row[j] + 1).min(row[j + 1] + 1);
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edit_distance_counts_single_edits() {
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("same", "same"), 0);
    }

    #[test]
    fn typos_suggest_the_intended_name() {
        assert_eq!(
            nearest_names("MemberNotInRom")
                .as_deref()
                .map(|s| s.split(", ").next()),
            Some(Some("MemberNotInRoom"))
        );
        assert_eq!(nearest_names("zzzzzzzzzzzzzzzzzzzzzzzzzzzzz"), None);
    }
}
