//! The README's generated parts (the table of codes, the recovery overrides and
//! the sections on the interfaces) must not drift from the tables.
//!
//! `LIVEROOM_BLESS=1 cargo test --test readme` rewrites them in place.

use liveroom_errors::{ErrorCode, docs};

const README: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/README.md");

/// The tests run in parallel; blessing reads and writes the whole file, so one
/// at a time.
static README_LOCK: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// Asserts that the README holds `expected` between `<!-- NAME:start -->` and
/// `<!-- NAME:end -->`, or with `LIVEROOM_BLESS` set, writes it there.
fn assert_generated(name: &str, expected: &str, how: &str) {
    let _lock = README_LOCK
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    let readme = std::fs::read_to_string(README).unwrap();
    let start_marker = format!("<!-- {name}:start -->\n");
    let start = readme.find(&start_marker).expect("start marker") + start_marker.len();
    let end = readme
        .find(&format!("<!-- {name}:end -->"))
        .expect("end marker");
    if readme[start..end] != *expected && std::env::var_os("LIVEROOM_BLESS").is_some() {
        let blessed = format!("{}{expected}{}", &readme[..start], &readme[end..]);
        std::fs::write(README, blessed).unwrap();
        return;
    }
    assert!(
        readme[start..end] == *expected,
        "README.md's {name} part is stale: regenerate it with \
         `LIVEROOM_BLESS=1 cargo test --test readme` ({how})"
    );
}

#[test]
fn readme_table_matches_the_codes() {
    let mut expected = String::new();
    docs::write_markdown_table(&mut expected, &ErrorCode::ALL).unwrap();
    assert_generated(
        "codes",
        &expected,
        "or paste the output of `cargo run --features cli -- list --format markdown` \
         between the codes markers",
    );
}

#[test]
fn readme_lists_every_recovery_override() {
    let mut expected = String::new();
    docs::write_overrides_table(&mut expected).unwrap();
    assert_generated("overrides", &expected, "docs::write_overrides_table");
    // Every override of the data is in it, with its reason.
    let overrides = liveroom_errors::Interface::ALL
        .iter()
        .flat_map(|i| i.errors())
        .filter(|p| p.is_override())
        .count();
    assert_eq!(expected.lines().count(), overrides + 2);
}

#[cfg(all(feature = "serde", feature = "alloc"))]
#[test]
fn readme_sections_match_the_interfaces() {
    let mut expected = String::new();
    docs::write_interfaces(&mut expected).unwrap();
    assert_generated("interfaces", &expected, "docs::write_interfaces");
}

#[test]
fn readme_starts_with_the_two_commands() {
    let readme = std::fs::read_to_string(README).unwrap();
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
