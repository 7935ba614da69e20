//! What text a request may carry: the rule of identifiers (userID, roomID,
//! a custom field's name), and the size limits of what users store
//! (`Limits`). Both refuse with 200100, which every interface declares, and
//! say what is wrong.

use liveroom_errors::ErrorCode;

use super::{Fail, Step, fail, refuse};

/// The longest userID accepted, in bytes.
pub const MAX_USER_ID: usize = 128;

/// 200100 for a userID nobody should be shown under (see [`check_id`]).
pub fn check_user_id(id: &str) -> Result<(), Fail> {
    check_id("userID", id, MAX_USER_ID)
}

/// 200100 for an identifier (`field`) nobody should be shown under: empty,
/// over `max` bytes, or holding a control character (a NUL cuts it short in
/// C clients, a newline forges log lines) or an invisible formatting one (a
/// right-to-left override U+202E shows what follows reversed, a zero-width
/// space makes a look-alike of another user's name or room).
pub fn check_id(field: &str, id: &str, max: usize) -> Result<(), Fail> {
    let refused = |why: String| Err(fail(ErrorCode::MalformedRequest, why));
    if id.is_empty() {
        return refused(format!("the {field} is empty"));
    }
    if id.len() > max {
        return refused(format!("the {field} is over {max} bytes"));
    }
    if let Some(c) = id.chars().find(|&c| c.is_control() || is_format(c)) {
        return refused(format!(
            "the {field} holds U+{:04X}, a control or invisible formatting character",
            u32::from(c)
        ));
    }
    Ok(())
}

/// Whether `c` is a Unicode format character (general category Cf, Unicode
/// 15.1: bidi controls, zero-width characters, tags and the like), or a line
/// or paragraph separator. The standard library has no such table.
fn is_format(c: char) -> bool {
    matches!(
        u32::from(c),
        0x00AD
            | 0x0600..=0x0605
            | 0x061C
            | 0x06DD
            | 0x070F
            | 0x0890..=0x0891
            | 0x08E2
            | 0x180E
            | 0x200B..=0x200F
            | 0x2028..=0x202E
            | 0x2060..=0x2064
            | 0x2066..=0x206F
            | 0xFEFF
            | 0xFFF9..=0xFFFB
            | 0x110BD
            | 0x110CD
            | 0x13430..=0x1343F
            | 0x1BCA0..=0x1BCA3
            | 0x1D173..=0x1D17A
            | 0xE0001
            | 0xE0020..=0xE007F
    )
}

/// 200100 when the request's `field` is over `limit` bytes.
pub fn at_most(field: &str, text: &str, limit: usize) -> Step<()> {
    if text.len() > limit {
        refuse(
            ErrorCode::MalformedRequest,
            format_args!("{field} is over {limit} bytes"),
        )
    } else {
        Ok(())
    }
}
