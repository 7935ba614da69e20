//! Documentation generated from the table: the README's table of codes comes
//! from here, and a service can document the codes its API returns the same way.

use core::fmt::{self, Write};

use crate::ErrorCode;
use crate::vocabulary::{UNOFFICIAL_EN, UNOFFICIAL_ZH};

/// Follows the Chinese text of a code the official table does not list, wherever
/// this crate shows it with its code (`Display`, [`write_markdown_table`]): no
/// text is published for such a code, the words are ours.
///
/// ```
/// use liveroom_errors::{docs, ErrorCode};
///
/// let code = ErrorCode::HeartbeatFailed;
/// assert!(!code.is_documented());
/// assert_eq!(code.to_string(), format!("206000 {}{}", code.message_zh(), docs::UNOFFICIAL_MARK_ZH));
/// ```
pub const UNOFFICIAL_MARK_ZH: &str = UNOFFICIAL_ZH;

/// The English counterpart of [`UNOFFICIAL_MARK_ZH`] (with its leading space),
/// shown by [`ErrorCode::display_en`] and [`write_markdown_table`].
///
/// ```
/// use liveroom_errors::{docs, ErrorCode};
///
/// let code = ErrorCode::HeartbeatFailed;
/// assert_eq!(code.display_en().to_string(), format!("206000 {}{}", code.message_en(), docs::UNOFFICIAL_MARK_EN));
/// ```
pub const UNOFFICIAL_MARK_EN: &str = UNOFFICIAL_EN;

/// Writes a Markdown table of `codes`: code, name (with its former names),
/// category, recovery and the reason for it, both messages (with their causes)
/// and the SDK constant. The messages of the codes only the client SDKs define
/// are ours and end in [`UNOFFICIAL_MARK_ZH`] / [`UNOFFICIAL_MARK_EN`].
///
/// ```
/// use liveroom_errors::{docs, ErrorCode};
///
/// let mut table = String::new();
/// docs::write_markdown_table(&mut table, &[ErrorCode::MissingRoomId, ErrorCode::OtherFailure]).unwrap();
/// let rows: Vec<&str> = table.lines().skip(2).collect();
/// assert!(rows[0].starts_with("| 201004 | `MissingRoomId` | request | fix-request |"));
/// assert!(rows[1].contains("| 其他错误（非官方文案） | Other error (unofficial text) |"));
/// assert!(rows[1].contains("`OtherFailure` (formerly `OtherServerError`)"));
/// ```
pub fn write_markdown_table<W: Write>(out: &mut W, codes: &[ErrorCode]) -> fmt::Result {
    out.write_str(
        "| Code | Name | Category | Recovery | Why this recovery | 说明 | Meaning | SDK constant |\n",
    )?;
    out.write_str("|---|---|---|---|---|---|---|---|\n")?;
    for &code in codes {
        write!(out, "| {} | `{}`", code.code(), code.name())?;
        for (i, former) in code.former_names().iter().enumerate() {
            let lead = if i == 0 { " (formerly " } else { ", " };
            write!(out, "{lead}`{former}`")?;
        }
        if !code.former_names().is_empty() {
            out.write_str(")")?;
        }
        write!(out, " | {} | {} | ", code.category(), code.recovery())?;
        write_escaped(out, code.recovery_reason())?;
        out.write_str(" | ")?;
        let (zh_mark, en_mark) = if code.is_documented() {
            ("", "")
        } else {
            (UNOFFICIAL_ZH, UNOFFICIAL_EN)
        };
        write_cell(out, code.message_zh(), code.causes_zh(), "：", "；")?;
        out.write_str(zh_mark)?;
        out.write_str(" | ")?;
        write_cell(out, code.message_en(), code.causes_en(), ": ", "; ")?;
        out.write_str(en_mark)?;
        match code.sdk_name() {
            Some(sdk) => writeln!(out, " | `{sdk}` |")?,
            None => out.write_str(" | — |\n")?,
        }
    }
    Ok(())
}

/// `summary`, then the causes after `intro`, separated by `separator`; `|` escaped.
fn write_cell<W: Write>(
    out: &mut W,
    summary: &str,
    causes: &[&str],
    intro: &str,
    separator: &str,
) -> fmt::Result {
    write_escaped(out, summary)?;
    for (i, cause) in causes.iter().enumerate() {
        out.write_str(if i == 0 { intro } else { separator })?;
        write_escaped(out, cause)?;
    }
    Ok(())
}

fn write_escaped<W: Write>(out: &mut W, text: &str) -> fmt::Result {
    for (i, part) in text.split('|').enumerate() {
        if i > 0 {
            out.write_str("\\|")?;
        }
        out.write_str(part)?;
    }
    Ok(())
}
