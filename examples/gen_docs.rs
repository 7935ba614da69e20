//! How a Rust service documents the errors of its own API from `ErrorCode::iter()`.
//!
//! ```text
//! cargo run --example gen_docs > docs/errors.md
//! ```
//!
//! Each endpoint lists the categories of codes it can fail with; the page is
//! generated, so it cannot drift from the codes the service really uses.

use liveroom_errors::{Category, ErrorCode, Recovery, docs};

/// The endpoints of a hypothetical service, and the kinds of error each returns.
const ENDPOINTS: [(&str, &[Category]); 3] = [
    ("POST /login", &[Category::Request, Category::Auth]),
    (
        "POST /rooms/{id}/audience",
        &[
            Category::Request,
            Category::Auth,
            Category::Room,
            Category::Audience,
        ],
    ),
    (
        "POST /rooms/{id}/mix",
        &[Category::Request, Category::Auth, Category::Infra],
    ),
];

fn main() -> std::fmt::Result {
    let mut page = String::from(
        "# API errors\n\nEvery error reply is `{\"code\": …, \"message\": …, \"timestamp\": …}`.\n",
    );
    for (endpoint, categories) in ENDPOINTS {
        let codes: Vec<ErrorCode> = ErrorCode::iter()
            .filter(|code| categories.contains(&code.category()))
            .collect();
        page.push_str(&format!("\n## `{endpoint}`\n\n"));
        docs::write_markdown_table(&mut page, &codes)?;
        let retryable: Vec<String> = codes
            .iter()
            .filter(|c| c.is_retryable())
            .map(|c| c.code().to_string())
            .collect();
        // "Retry" is qualified per code (slow down, bounded, no extra loop):
        // the table's "Why this recovery" column says how.
        page.push_str(&format!(
            "\nRetryable, as each code's reason says: {}.\n",
            retryable.join(", ")
        ));
    }
    page.push_str("\n## What to do\n\n");
    for recovery in Recovery::ALL {
        page.push_str(&format!("- `{recovery}`: {}\n", recovery.advice_en()));
    }
    print!("{page}");
    Ok(())
}
