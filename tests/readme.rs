//! The README's table of codes is generated from the enum: it must not drift.
//!
//! `LIVEROOM_BLESS=1 cargo test --test readme` rewrites the table in place.

use liveroom_errors::{ErrorCode, docs};

#[test]
fn readme_table_matches_the_codes() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let start = readme.find("<!-- codes:start -->\n").expect("start marker")
        + "<!-- codes:start -->\n".len();
    let end = readme.find("<!-- codes:end -->").expect("end marker");
    let mut expected = String::new();
    docs::write_markdown_table(&mut expected, &ErrorCode::ALL).unwrap();
    if readme[start..end] != expected && std::env::var_os("LIVEROOM_BLESS").is_some() {
        let blessed = format!("{}{expected}{}", &readme[..start], &readme[end..]);
        std::fs::write(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"), blessed).unwrap();
        return;
    }
    assert!(
        readme[start..end] == expected,
        "README.md's table of codes is stale: regenerate it with \
         `LIVEROOM_BLESS=1 cargo test --test readme` (or paste the output of \
         `cargo run --features cli -- list --format markdown` between the codes markers)"
    );
}

#[test]
fn readme_starts_with_the_two_commands() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let first_block: Vec<&str> = readme
        .split("```sh\n")
        .nth(1)
        .unwrap()
        .split("```")
        .next()
        .unwrap()
        .lines()
        .collect();
    assert_eq!(
        first_block,
        [
            "cargo run --features cli -- 203006",
            "cargo test --all-features"
        ]
    );
}
