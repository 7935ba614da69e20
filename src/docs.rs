//! Documentation generated from the tables: the README's table of codes and
//! its sections on the interfaces come from here, and a service can document
//! the codes its API returns the same way.

use core::fmt::{self, Write};

use crate::{ErrorCode, Interface, InterfaceCodePair};

pub use crate::vocabulary::{UNOFFICIAL_MARK_EN, UNOFFICIAL_MARK_ZH};

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
        write!(out, "| {} | `{}`", code.value(), code.name())?;
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
            (UNOFFICIAL_MARK_ZH, UNOFFICIAL_MARK_EN)
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

/// Writes a Markdown table of pairs of an interface and a code (usually
/// [`Interface::errors`], or some of them): code, name, evidence (marked
/// "(any interface)" for a code every interface can return), the recovery in
/// that call (an override shows the code's own beside it) and the basis.
///
/// ```
/// use liveroom_errors::{docs, Interface, InterfaceCodePair};
///
/// let own: Vec<InterfaceCodePair> =
///     Interface::DeleteAnchor.errors().iter().copied().filter(|p| p.is_specific()).collect();
/// let mut table = String::new();
/// docs::write_interface_codes_table(&mut table, &own).unwrap();
/// assert!(table.contains("| 203010 | `MemberNotInRoom` | inferred | **done** (own: give-up) |"));
/// assert!(!table.contains("| 202006 |")); // the rate limit is a code of any interface
/// ```
pub fn write_interface_codes_table<W: Write>(
    out: &mut W,
    pairs: &[InterfaceCodePair],
) -> fmt::Result {
    out.write_str("| Code | Name | Evidence | Recovery in this call | Basis |\n")?;
    out.write_str("|---|---|---|---|---|\n")?;
    for pair in pairs {
        let code = pair.code();
        write!(
            out,
            "| {} | `{}` | {}",
            code.value(),
            code.name(),
            pair.evidence()
        )?;
        if !pair.is_specific() {
            out.write_str(" (any interface)")?;
        }
        if pair.is_override() {
            write!(
                out,
                " | **{}** (own: {}) | ",
                pair.recovery(),
                code.recovery()
            )?;
        } else {
            write!(out, " | {} | ", pair.recovery())?;
        }
        write_escaped(out, pair.basis())?;
        out.write_str(" |\n")?;
    }
    Ok(())
}

/// Writes a Markdown table of the codes every interface can return: code,
/// name, evidence, recovery and basis.
///
/// ```
/// use liveroom_errors::docs;
///
/// let mut table = String::new();
/// docs::write_any_interface_table(&mut table).unwrap();
/// assert!(table.contains("| 202006 | `RateLimited` | inferred | retry |"));
/// ```
pub fn write_any_interface_table<W: Write>(out: &mut W) -> fmt::Result {
    out.write_str("| Code | Name | Evidence | Recovery | Basis |\n")?;
    out.write_str("|---|---|---|---|---|\n")?;
    for code in ErrorCode::ALL.into_iter().filter(|c| c.is_any_interface()) {
        // The pair of an interface without a row of its own for the code.
        let Some(pair) = code.interfaces().iter().find(|p| !p.is_specific()) else {
            continue;
        };
        write!(
            out,
            "| {} | `{}` | {} | {} | ",
            code.value(),
            code.name(),
            pair.evidence(),
            pair.recovery()
        )?;
        write_escaped(out, pair.basis())?;
        out.write_str(" |\n")?;
    }
    Ok(())
}

/// Writes a Markdown table of every recovery override: the interface, the
/// code, the code's own recovery, the recovery in that call, and why.
///
/// ```
/// use liveroom_errors::docs;
///
/// let mut table = String::new();
/// docs::write_overrides_table(&mut table).unwrap();
/// assert!(table.contains("| `anchor_heartbeat` | 203010 `MemberNotInRoom` | give-up | rejoin |"));
/// ```
pub fn write_overrides_table<W: Write>(out: &mut W) -> fmt::Result {
    out.write_str("| Interface | Code | Own recovery | In this call | Why |\n")?;
    out.write_str("|---|---|---|---|---|\n")?;
    for interface in Interface::ALL {
        for pair in interface.errors().iter().filter(|p| p.is_override()) {
            let code = pair.code();
            write!(
                out,
                "| `{interface}` | {} `{}` | {} | {} | ",
                code.value(),
                code.name(),
                code.recovery(),
                pair.recovery()
            )?;
            write_escaped(out, pair.recovery_reason())?;
            out.write_str(" |\n")?;
        }
    }
    Ok(())
}
