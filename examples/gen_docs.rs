//! How a service documents the errors of its own API from the crate's data.
//!
//! ```text
//! cargo run --example gen_docs > docs/errors.md
//! ```
//!
//! A RoomService implementation serves some of the interfaces; for each, the
//! page lists the codes that interface can return (with how sure that is, and
//! the recovery in that call) from `Interface::errors()`, so it cannot drift
//! from the data. A service with endpoints of its own can do the same with
//! `docs::write_markdown_table` over any list of codes.

use liveroom_errors::{Interface, InterfaceCodePair, Recovery, docs};

/// The interfaces this hypothetical service implements.
const SERVED: [Interface; 3] = [
    Interface::Login,
    Interface::GetAnchorUrl,
    Interface::DeleteAnchor,
];

fn main() -> std::fmt::Result {
    let mut page = String::from(
        "# API errors\n\nEvery error reply is `{\"code\": …, \"message\": …, \"timestamp\": …}`.\n\
         Every interface can also return the codes below; then each interface its own.\n\n",
    );
    docs::write_any_interface_table(&mut page)?;
    for interface in SERVED {
        page.push_str(&format!(
            "\n## `POST {}`\n\n{}\n\n",
            interface.path(),
            interface.purpose()
        ));
        let own: Vec<InterfaceCodePair> = (interface.errors().iter().copied())
            .filter(|pair| pair.is_specific())
            .collect();
        docs::write_interface_codes_table(&mut page, &own)?;
        let done: Vec<String> = (own.iter())
            .filter(|pair| pair.recovery() == Recovery::Done)
            .map(|pair| pair.code().value().to_string())
            .collect();
        if !done.is_empty() {
            page.push_str(&format!(
                "\nAlready done (treat as success): {}.\n",
                done.join(", ")
            ));
        }
    }
    page.push_str("\n## What to do\n\n");
    for recovery in Recovery::ALL {
        page.push_str(&format!("- `{recovery}`: {}\n", recovery.advice_en()));
    }
    print!("{page}");
    Ok(())
}
