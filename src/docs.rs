//! Documentation generated from the table: the README's table of codes comes
//! from here, and a service can document the codes its API returns the same way.

use core::fmt::{self, Write};

use crate::ErrorCode;

/// Writes a Markdown table of `codes`: code, name, category, recovery, both
/// messages (with their causes) and the SDK constant; codes only the client
/// SDKs define are marked `†`.
///
/// ```
/// use liveroom_errors::{docs, ErrorCode};
///
/// let mut table = String::new();
/// docs::write_markdown_table(&mut table, &[ErrorCode::MissingRoomId]).unwrap();
/// assert!(table.lines().nth(2).unwrap().starts_with("| 201004 | `MissingRoomId` | request | fix-request |"));
/// ```
pub fn write_markdown_table<W: Write>(out: &mut W, codes: &[ErrorCode]) -> fmt::Result {
    out.write_str("| Code | Name | Category | Recovery | 说明 | Meaning | SDK constant |\n")?;
    out.write_str("|---|---|---|---|---|---|---|\n")?;
    for &code in codes {
        let dagger = if code.is_documented() { "" } else { " †" };
        write!(
            out,
            "| {}{dagger} | `{}` | {} | {} | ",
            code.code(),
            code.name(),
            code.category(),
            code.recovery()
        )?;
        write_cell(out, code.message_zh(), code.causes_zh(), "：", "；")?;
        out.write_str(" | ")?;
        write_cell(out, code.message_en(), code.causes_en(), ": ", "; ")?;
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
