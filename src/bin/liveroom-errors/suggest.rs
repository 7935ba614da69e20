//! Why an argument is no known code, and which codes or names were meant.

use liveroom_errors::{Category, ErrorCode, ParseCodeError};

use crate::report::Problem;

/// Why `arg` is no known code, with the nearest known ones.
pub fn why_unknown(arg: &str, error: ParseCodeError) -> (Problem, Option<i64>, Vec<ErrorCode>) {
    match error {
        ParseCodeError::Unknown(unknown) => {
            let n = unknown.value();
            let range = match Category::of(n) {
                Some(category) => {
                    format!("; its range ({}xx) is that of {category} errors", n / 100)
                }
                None => String::new(),
            };
            let (nearest, one_digit) = nearest_codes(arg, i64::from(n));
            let names: Vec<String> = nearest
                .iter()
                .map(|c| format!("{} {}", c.value(), c.name()))
                .collect();
            let help = if one_digit {
                format!("did you mean {}?", names.join(", or "))
            } else {
                format!("nearest known: {}", names.join(", "))
            };
            let problem = Problem::new(format!("{n}: unknown code{range}")).help(help);
            (problem, Some(i64::from(n)), nearest)
        }
        ParseCodeError::OutOfRange => (
            Problem::new(format!("{arg}: number out of range"))
                .help("RoomService codes have six digits (200100 to 207006)"),
            None,
            Vec::new(),
        ),
        ParseCodeError::UnknownName => {
            let problem = Problem::new(format!("{arg}: unknown name"));
            let problem = match nearest_names(arg) {
                Some(names) => problem.help(format!("did you mean {names}?")),
                None => problem.help(format!("try `liveroom-errors search {arg}`")),
            };
            (problem, None, Vec::new())
        }
        ParseCodeError::LeadingZero => {
            let trimmed = arg.trim_start_matches('0');
            let problem = Problem::new(format!("{arg}: a code with a leading zero"));
            match trimmed.parse::<u32>().ok().and_then(ErrorCode::from_code) {
                Some(code) => (
                    problem.help(format!("did you mean {} {}?", code.value(), code.name())),
                    None,
                    vec![code],
                ),
                None => (
                    problem.help("write the code without leading zeros"),
                    None,
                    Vec::new(),
                ),
            }
        }
        _ => (malformed(arg), None, Vec::new()),
    }
}

fn malformed(arg: &str) -> Problem {
    let ascii: Option<String> = arg
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(u32::from(c) - u32::from('０') + u32::from('0')),
            _ => Some(c),
        })
        .collect();
    if let Some(ascii) = ascii.filter(|a| a != arg && a.bytes().all(|b| b.is_ascii_digit())) {
        return Problem::new(format!("{arg}: full-width digits are not a code"))
            .help(format!("did you mean {ascii}?"));
    }
    if let Some(negative) = arg
        .strip_prefix('-')
        .filter(|d| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit()))
    {
        return Problem::new(format!("{arg}: not a RoomService code")).help(format!(
            "negative codes such as -{negative} are invented by the client SDKs \
                 (-1 network failure, ...); the server never sends them"
        ));
    }
    Problem::new(format!("{arg:?}: not a code or a name"))
        .help("expected decimal digits (203006) or a name (EnterRoomFailed)")
}

/// The known codes one edit (a digit changed, added, removed or two swapped)
/// away from `digits`, closest in value first, and `true`; when there are none,
/// the three closest in value and `false`.
fn nearest_codes(digits: &str, n: i64) -> (Vec<ErrorCode>, bool) {
    let by_value = |c: &ErrorCode| (i64::from(c.value()) - n).abs();
    let mut one_digit: Vec<ErrorCode> = (ErrorCode::ALL.into_iter())
        .filter(|c| strsim::osa_distance(digits, &c.value().to_string()) == 1)
        .collect();
    one_digit.sort_by_key(by_value);
    if !one_digit.is_empty() {
        one_digit.truncate(3);
        return (one_digit, true);
    }
    let mut codes = ErrorCode::ALL.to_vec();
    codes.sort_by_key(by_value);
    codes.truncate(3);
    (codes, false)
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
        .map(|name| (strsim::osa_distance(&wanted, &fold(name)), name))
        .filter(|(distance, _)| *distance <= 3.max(wanted.chars().count() / 3))
        .collect();
    scored.sort();
    let names: Vec<&str> = scored.into_iter().take(3).map(|(_, name)| name).collect();
    (!names.is_empty()).then(|| names.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn one_digit_edits_come_before_closeness_in_value() {
        let (codes, one_digit) = nearest_codes("2030060", 2_030_060);
        assert!(one_digit);
        // 203006 with a 0 added, 203000 with a 6 added: 203006 is nearer in value.
        assert_eq!(
            codes,
            [ErrorCode::EnterRoomFailed, ErrorCode::RoomManagementFailed]
        );
        let (codes, one_digit) = nearest_codes("203060", 203_060);
        assert!(
            one_digit && codes.contains(&ErrorCode::EnterRoomFailed), // two digits swapped
            "{codes:?}"
        );
        let (codes, one_digit) = nearest_codes("999999", 999_999);
        assert!(!one_digit);
        assert_eq!(codes[0], ErrorCode::UnsupportedRoomType);
    }
}
