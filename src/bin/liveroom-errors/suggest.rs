//! Why an argument is no known code, and which codes or names were meant.

use liveroom_errors::{ErrorCode, ParseCodeError};

use crate::report::Problem;

/// An argument that is no known code: why, and what may have been meant.
pub struct NotACode {
    pub problem: Problem,
    /// The number it is, when it is one that fits a `u32`.
    pub number: Option<u32>,
    /// The codes suggested instead.
    pub nearest: Vec<ErrorCode>,
}

impl From<Problem> for NotACode {
    fn from(problem: Problem) -> Self {
        let (number, nearest) = (None, Vec::new());
        NotACode {
            problem,
            number,
            nearest,
        }
    }
}

/// Why `arg` is no known code, with the nearest known ones.
pub fn why_unknown(arg: &str, error: ParseCodeError) -> NotACode {
    match error {
        ParseCodeError::Unknown(unknown) => {
            let n = unknown.value();
            let range = (unknown.category()).map(|category| {
                format!("; its range ({}xx) is that of {category} errors", n / 100)
            });
            let (nearest, one_digit) = nearest_codes(arg, n);
            let names: Vec<String> = (nearest.iter())
                .map(|c| format!("{} {}", c.value(), c.name()))
                .collect();
            let help = match one_digit {
                true => format!("did you mean {}?", names.join(", or ")),
                false => format!("nearest known: {}", names.join(", ")),
            };
            let message = format!("{n}: unknown code{}", range.unwrap_or_default());
            let problem = Problem::new(message).help(help);
            NotACode {
                problem,
                number: Some(n),
                nearest,
            }
        }
        ParseCodeError::Empty => Problem::new("empty argument")
            .help("give a code such as 203006 or a name such as MemberNotInRoom")
            .into(),
        ParseCodeError::OutOfRange => Problem::new(format!("{arg}: number out of range"))
            .help("RoomService codes have six digits (200100 to 207006)")
            .into(),
        ParseCodeError::UnknownName => {
            let problem = Problem::new(format!("{arg}: unknown name"));
            match nearest_names(arg) {
                Some(names) => problem.help(format!("did you mean {names}?")),
                None => problem.help(format!("try `liveroom-errors search {arg}`")),
            }
            .into()
        }
        ParseCodeError::LeadingZero => {
            let problem = Problem::new(format!("{arg}: a code with a leading zero"));
            let trimmed = arg.trim_start_matches('0').parse().ok();
            match trimmed.and_then(ErrorCode::from_code) {
                Some(code) => NotACode {
                    problem: problem.help(format!(
                        "did you mean {} {}?",
                        code.value(),
                        code.name()
                    )),
                    number: None,
                    nearest: vec![code],
                },
                None => problem.help("write the code without leading zeros").into(),
            }
        }
        _ => malformed(arg).into(),
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
fn nearest_codes(digits: &str, n: u32) -> (Vec<ErrorCode>, bool) {
    let mut codes = ErrorCode::ALL.to_vec();
    codes.sort_by_key(|c| c.value().abs_diff(n));
    let one_digit: Vec<ErrorCode> = (codes.iter().copied())
        .filter(|c| strsim::osa_distance(digits, &c.value().to_string()) == 1)
        .take(3)
        .collect();
    if one_digit.is_empty() {
        codes.truncate(3);
        return (codes, false);
    }
    (one_digit, true)
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
