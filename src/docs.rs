//! Documentation generated from the tables: the README's table of codes and
//! its sections on the interfaces come from here, and a service can document
//! the codes its API returns the same way.

use core::fmt::{self, Write};

use crate::vocabulary::{UNOFFICIAL_EN, UNOFFICIAL_ZH};
use crate::{ErrorCode, Interface, InterfaceCode};

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

/// Writes a Markdown table of pairs of an interface and a code (usually
/// [`Interface::errors`], or some of them): code, name, evidence (marked
/// "(any interface)" for a code every interface can return), the recovery in
/// that call (an override shows the code's own beside it) and the basis.
///
/// ```
/// use liveroom_errors::{docs, Interface, InterfaceCode};
///
/// let own: Vec<InterfaceCode> =
///     Interface::DeleteAnchor.errors().iter().copied().filter(|p| !p.is_any_interface()).collect();
/// let mut table = String::new();
/// docs::write_interface_codes_table(&mut table, &own).unwrap();
/// assert!(table.contains("| 203010 | `MemberNotInRoom` | inferred | **done** (own: give-up) |"));
/// assert!(!table.contains("| 202006 |")); // the rate limit is a code of any interface
/// ```
pub fn write_interface_codes_table<W: Write>(out: &mut W, pairs: &[InterfaceCode]) -> fmt::Result {
    out.write_str("| Code | Name | Evidence | Recovery in this call | Basis |\n")?;
    out.write_str("|---|---|---|---|---|\n")?;
    for pair in pairs {
        let code = pair.code();
        write!(
            out,
            "| {} | `{}` | {}",
            code.code(),
            code.name(),
            pair.evidence()
        )?;
        if pair.is_any_interface() {
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
    for code in ErrorCode::ALL.into_iter().filter(|c| c.any_interface()) {
        // The pair of an interface without a row of its own for the code.
        let Some(pair) = code.interfaces().iter().find(|p| p.is_any_interface()) else {
            continue;
        };
        write!(
            out,
            "| {} | `{}` | {} | {} | ",
            code.code(),
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
                code.code(),
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

/// Writes the README's generated part on the interfaces: the codes of any
/// interface, then per interface its path and query, its request and reply
/// fields (from the `api` types' own descriptors), and its codes with their
/// evidence and recovery; then the objects the bodies hold.
///
/// Needs the `api` module (features `serde` and `alloc`).
///
/// ```
/// use liveroom_errors::docs;
///
/// let mut section = String::new();
/// docs::write_interfaces(&mut section).unwrap();
/// assert!(section.contains("### `get_anchor_url`"));
/// assert!(section.contains("`POST /weapp/live_room/get_anchor_url?userID=…&token=…`"));
/// assert!(section.contains("| `pushURL` | `push_url` | string | required |"));
/// ```
#[cfg(all(feature = "serde", feature = "alloc"))]
pub fn write_interfaces<W: Write>(out: &mut W) -> fmt::Result {
    use crate::api::{self, Shape};

    out.write_str("### Any interface\n\n")?;
    out.write_str(
        "Every interface can also return these codes; each interface's error enum has a \
         variant for them.\n\n",
    )?;
    write_any_interface_table(out)?;
    let mut objects = alloc::collections::BTreeMap::new();
    for interface in Interface::ALL {
        let shapes = api::shapes(interface);
        write!(
            out,
            "\n### `{interface}`\n\n{} Described in interfaces.md §{}.\n\n`POST {}",
            interface.purpose(),
            interface.section(),
            interface.path()
        )?;
        let query = shapes.query().fields();
        let mut optional = alloc::vec::Vec::new();
        let mut first = true;
        for field in query {
            if field.presence().is_always_written() {
                write!(out, "{}{}=…", if first { "?" } else { "&" }, field.name())?;
                first = false;
            } else {
                optional.push(field.name());
            }
        }
        out.write_str("`")?;
        if !optional.is_empty() {
            write!(out, " (optional: `{}`)", optional.join("`, `"))?;
        }
        writeln!(
            out,
            " · query `{}` · request `{}` · reply `{}` · errors `{interface_type}Error`\n",
            shapes.query().name(),
            shapes.request().name(),
            shapes.reply().name(),
            interface_type = shapes.request().name().trim_end_matches("Request"),
        )?;
        write_fields(out, "Request body", shapes.request())?;
        write_fields(out, "Reply payload", shapes.reply())?;
        out.write_str("Codes of its own (besides those of any interface):\n\n")?;
        let own: alloc::vec::Vec<InterfaceCode> = (interface.errors().iter().copied())
            .filter(|pair| !pair.is_any_interface())
            .collect();
        write_interface_codes_table(out, &own)?;
        for shape in [shapes.request(), shapes.reply()] {
            for (name, object) in Shape::Object(shape).objects() {
                if name != shape.name() {
                    objects.insert(name, object);
                }
            }
        }
    }
    out.write_str("\n### Objects in the bodies\n")?;
    for object in objects.values() {
        write!(out, "\n`{}`:\n\n", object.name())?;
        write_field_rows(out, object)?;
    }
    Ok(())
}

/// `label` and the fields of `object` as a table, or that it has none.
#[cfg(all(feature = "serde", feature = "alloc"))]
fn write_fields<W: Write>(
    out: &mut W,
    label: &str,
    object: &crate::api::ObjectShape,
) -> fmt::Result {
    if object.fields().is_empty() {
        return writeln!(out, "{label}: none.\n");
    }
    writeln!(out, "{label}:\n")?;
    write_field_rows(out, object)?;
    out.write_str("\n")
}

#[cfg(all(feature = "serde", feature = "alloc"))]
fn write_field_rows<W: Write>(out: &mut W, object: &crate::api::ObjectShape) -> fmt::Result {
    out.write_str("| Field | Rust | Type | Presence |\n|---|---|---|---|\n")?;
    for field in object.fields() {
        write!(out, "| `{}` | `{}` | ", field.name(), field.rust_name())?;
        let mut shape = alloc::string::String::new();
        write!(shape, "{}", field.shape())?;
        write_escaped(out, &shape)?;
        writeln!(out, " | {} |", field.presence())?;
    }
    Ok(())
}
