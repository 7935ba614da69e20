//! Unit tests of the code generator used by `build.rs`.

#[allow(dead_code)]
#[path = "../src/vocabulary.rs"]
mod vocabulary;

#[allow(dead_code)]
#[path = "../build/table.rs"]
mod table;

#[path = "../build/emit.rs"]
mod emit;

use emit::{NO_SLOT, SlotLayout, error_code_module, variant_doc};
use table::{Table, parse};

const HEADER: &str = "code\tname\tcategory\trecovery\tdocumented\tsdk_name\tmessage_zh\tmessage_en";

fn table_of(rows: &[&str]) -> Table {
    parse("codes.tsv", &format!("{HEADER}\n{}\n", rows.join("\n"))).unwrap()
}

fn real_table() -> Table {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/codes.tsv")).unwrap();
    parse("codes.tsv", &text).unwrap()
}

#[test]
fn slot_layout_finds_every_code_and_nothing_else() {
    let table = real_table();
    let layout = SlotLayout::new(&table);
    for (index, row) in table.rows.iter().enumerate() {
        assert_eq!(layout.lookup(&table, row.code), Some(index));
    }
    let known: std::collections::HashSet<u32> = table.rows.iter().map(|r| r.code).collect();
    for code in (0..1000)
        .chain(199_000..210_000)
        .chain([u32::MAX, u32::MAX - 999, 4_294_967])
    {
        if !known.contains(&code) {
            assert_eq!(layout.lookup(&table, code), None, "{code}");
        }
    }
    assert!(
        layout.slots.len() < 1024,
        "the table stays tiny: {}",
        layout.slots.len()
    );
}

#[test]
fn the_modulus_is_the_smallest_without_collisions() {
    let table = table_of(&[
        "201001\tA\trequest\tretry\tyes\t\t甲\tA",
        "201004\tB\trequest\tretry\tyes\t\t乙\tB",
        "203002\tC\troom\tretry\tyes\t\t丙\tC",
    ]);
    let layout = SlotLayout::new(&table);
    // 201001, 201004, 203002 leave the remainders 1, 1, 1 mod 3 and 1, 0, 2 mod 4.
    assert_eq!(layout.modulus, 4);
    assert_eq!(layout.slots, [1, 0, 2, NO_SLOT]);
    assert_eq!(
        layout.lookup(&table, 201_005),
        None,
        "same slot as 201001, different code"
    );
    assert_eq!(layout.lookup(&table, 3), None, "an empty slot");
    assert_eq!(layout.lookup(&table, 203_002), Some(2));

    let real = real_table();
    let layout = SlotLayout::new(&real);
    for smaller in real.rows.len() as u32..layout.modulus {
        let remainders: std::collections::HashSet<u32> =
            real.rows.iter().map(|r| r.code % smaller).collect();
        assert!(
            remainders.len() < real.rows.len(),
            "{smaller} would have worked"
        );
    }
}

#[test]
fn braces_in_messages_are_escaped_for_thiserror() {
    let table =
        table_of(&["203010\tMemberNotInRoom\troom\tgive-up\tyes\t\t成员{x}不在\tNot {in} room"]);
    let module = error_code_module(&table);
    assert!(
        module.contains(r#"#[error("203010 成员{{x}}不在")]"#),
        "{module}"
    );
    assert!(
        module.contains(r#"message_en: "Not {in} room","#),
        "{module}"
    );
}

#[test]
fn quotes_and_backslashes_become_valid_literals() {
    let table = table_of(&["203010\tA\troom\tgive-up\tno\t\t\"引号\"\\\tA \"quoted\" \\ text"]);
    let module = error_code_module(&table);
    assert!(module.contains(r#"message_zh: "\"引号\"\\","#), "{module}");
    assert!(
        module.contains(r#"message_en: "A \"quoted\" \\ text","#),
        "{module}"
    );
}

#[test]
fn every_variant_is_documented_with_the_whole_row() {
    let table = real_table();
    let enter = table.rows.iter().find(|r| r.code == 203006).unwrap();
    let doc = variant_doc(enter).join("\n");
    for needle in [
        "进房失败 — Failed to enter the room",
        "Code `203006`",
        "[`Category::Room`]",
        "[`Recovery::Configure`] (`configure`)",
        "SDK constant: `ERROR_CODE_ENTER_ROOM`.",
        "In the official error-code table.",
        "可能原因:\n- 未开通直播",
        "Possible causes:\n- Live streaming is not enabled",
    ] {
        assert!(doc.contains(needle), "missing {needle:?} in\n{doc}");
    }
    let heartbeat = table.rows.iter().find(|r| r.code == 206000).unwrap();
    assert!(
        variant_doc(heartbeat)
            .join("\n")
            .contains("Not in the official table")
    );
    let rate = table.rows.iter().find(|r| r.code == 202006).unwrap();
    assert!(variant_doc(rate).join("\n").contains("SDK constant: none"));

    let module = error_code_module(&table);
    for row in &table.rows {
        let summary = format!(
            "    /// {} — {}\n",
            row.message_zh.summary, row.message_en.summary
        );
        let variant = format!("    {} = {},\n", row.name, row.code);
        let (at_summary, at_variant) = (
            module.find(&summary).unwrap(),
            module.find(&variant).unwrap(),
        );
        assert!(
            at_summary < at_variant,
            "{} is documented above its variant",
            row.code
        );
    }
}

#[test]
fn name_maps_hold_every_form() {
    let module = error_code_module(&table_of(&[
        "203010\tMemberNotInRoom\troom\tgive-up\tyes\tERROR_CODE_USER_NOT_IN_ROOM\t甲\tA",
    ]));
    for key in [
        "\"MemberNotInRoom\"",
        "\"membernotinroom\"",
        "\"member_not_in_room\"",
        "\"error_code_user_not_in_room\"",
    ] {
        assert!(module.contains(key), "{key} missing");
    }
    assert!(module.contains("const LONGEST_FOLDED_NAME: usize = 27;"));
}
