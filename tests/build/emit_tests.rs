//! The generator of `ErrorCode` (`build/emit.rs`): the lookup tables, the
//! literals and the docs it writes from a validated `codes.tsv`.

use crate::emit::{SlotLayout, doc_text, error_code_module, index_type, variant_doc};
use crate::table::{Table, parse};
use crate::vocabulary::{Category, Recovery};

const HEADER: &str = "code\tname\tformer_names\tcategory\trecovery\trecovery_reason\trecovery_reason_zh\tdocumented\tsdk_name\tmessage_zh\tmessage_en";

fn table_of(rows: &[&str]) -> Table {
    parse("codes.tsv", format!("{HEADER}\n{}\n", rows.join("\n"))).unwrap()
}

/// A row with only the fields these tests vary.
fn row(code: u32, name: &str, zh: &str, en: &str) -> String {
    format!("{code}\t{name}\t\troom\tgive-up\tBecause.\t因为。\tyes\t\t{zh}\t{en}")
}

fn real_table() -> Table {
    let bytes = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/codes.tsv")).unwrap();
    parse("codes.tsv", bytes).unwrap()
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
        &row(203001, "A", "甲", "A"),
        &row(203004, "B", "乙", "B"),
        &row(203002, "C", "丙", "C"),
    ]);
    // Sorted by code: 203001, 203002, 203004 leave the remainders 0, 1, 0 mod 3
    // and 1, 2, 0 mod 4.
    let layout = SlotLayout::new(&table);
    assert_eq!(layout.modulus, 4);
    assert_eq!(layout.slots, [Some(2), Some(0), Some(1), None]);
    assert_eq!(
        layout.lookup(&table, 203_005),
        None,
        "same slot as 203001, different code"
    );
    assert_eq!(layout.lookup(&table, 3), None, "an empty slot");
    assert_eq!(layout.lookup(&table, 203_004), Some(2));

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
fn the_index_type_grows_with_the_table() {
    assert_eq!(index_type(50), ("u8", 255));
    assert_eq!(index_type(254), ("u8", 255));
    // 255 rows need the index 254 and a free marker: still a u8 would collide.
    assert_eq!(index_type(255), ("u16", 65_535));
    assert_eq!(index_type(800), ("u16", 65_535));
    assert_eq!(index_type(70_000), ("u32", u64::from(u32::MAX)));
    let module = error_code_module(&real_table());
    assert!(module.contains("const SLOT_ROWS: [u8; "), "{module}");
}

#[test]
fn hundreds_of_rows_get_a_wider_index() {
    // Every code of 2010xx, 2020xx and 2030xx, 300 rows in all.
    let rows: Vec<String> = (0..300u32)
        .map(|i| {
            let code = 201_000 + i / 100 * 1000 + i % 100;
            let category = ["request", "auth", "room"][(i / 100) as usize];
            format!("{code}\tCode{code}\t\t{category}\tretry\tR.\t理由。\tno\t\t甲\tA")
        })
        .collect();
    let rows: Vec<&str> = rows.iter().map(String::as_str).collect();
    let table = table_of(&rows);
    let layout = SlotLayout::new(&table);
    for (index, row) in table.rows.iter().enumerate() {
        assert_eq!(layout.lookup(&table, row.code), Some(index));
    }
    let module = error_code_module(&table);
    let slot_rows = module
        .lines()
        .find(|line| line.starts_with("const SLOT_ROWS: [u16; "))
        .expect("a u16 index table");
    let indices: Vec<u64> = slot_rows
        .split_once("= [")
        .and_then(|(_, list)| list.strip_suffix("];"))
        .unwrap()
        .split(", ")
        .map(|index| index.parse().unwrap())
        .collect();
    assert_eq!(indices.len(), layout.modulus as usize);
    assert_eq!(indices.iter().filter(|&&i| i < 300).max(), Some(&299));
    assert!(indices.iter().all(|&i| i < 300 || i == 65_535));
}

#[test]
fn braces_in_messages_are_escaped_for_thiserror() {
    let table = table_of(&[&row(
        203010,
        "MemberNotInRoom",
        "成员{x}不在",
        "Not {in} room",
    )]);
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
    let table = table_of(&[&row(203010, "A", "\"引号\"\\", "A \"quoted\" \\ text")]);
    let module = error_code_module(&table);
    assert!(module.contains(r#"message_zh: "\"引号\"\\","#), "{module}");
    assert!(
        module.contains(r#"message_en: "A \"quoted\" \\ text","#),
        "{module}"
    );
}

#[test]
fn markdown_in_texts_is_escaped_in_doc_comments() {
    let table = table_of(&[&row(
        203010,
        "A",
        "```rust",
        "A [link] to `code`, *stars*, _under_ | & # ! ~ \\",
    )]);
    let doc = variant_doc(&table.rows[0]).join("\n");
    assert!(
        doc.starts_with(
            r"\`\`\`rust — A \[link\] to \`code\`, \*stars\*, \_under\_ \| \& \# \! \~ \\"
        ),
        "{doc}"
    );
    assert_eq!(doc_text("user_sig"), r"user\_sig");
    assert_eq!(doc_text("成员不在房间内"), "成员不在房间内");
}

#[test]
fn web_addresses_become_autolinks() {
    assert_eq!(
        doc_text("see https://cloud.tencent.com/developer/ask/2090956 (\"x_y\")."),
        r#"see <https://cloud.tencent.com/developer/ask/2090956> ("x\_y")."#
    );
    // The sentence's full stop, a closing bracket or quote end the address; its own underscores stay.
    assert_eq!(doc_text("At http://a.b/c_d."), r"At <http://a.b/c_d>.");
    assert_eq!(doc_text("(https://a.b/x)"), r"(<https://a.b/x>)");
    assert_eq!(
        doc_text("'https://a.b' and https://c.d"),
        r"'<https://a.b>' and <https://c.d>"
    );
    // Only the scheme: still an address, and the rest is escaped text.
    assert_eq!(doc_text("https:// *"), r"<https://> \*");
    assert_eq!(doc_text("no http here"), "no http here");
}

#[test]
fn every_variant_is_documented_with_the_whole_row() {
    let table = real_table();
    let enter = table.rows.iter().find(|r| r.code == 203006).unwrap();
    let doc = variant_doc(enter).join("\n");
    for needle in [
        "进房失败 — Failed to enter the room",
        "In the official error-code table: the Chinese text is the official one",
        "Code `203006`",
        "[`Category::Room`]",
        "[`Recovery::Configure`] (`configure`): Two of the three listed causes need a person",
        "SDK constant: `ERROR_CODE_ENTER_ROOM`.",
        "可能原因:\n- 未开通直播",
        "Possible causes:\n- Live streaming is not enabled",
    ] {
        assert!(doc.contains(needle), "missing {needle:?} in\n{doc}");
    }
    assert!(!doc.contains("Unofficial") && !doc.contains("Formerly"));

    let heartbeat = table.rows.iter().find(|r| r.code == 206000).unwrap();
    let doc = variant_doc(heartbeat).join("\n");
    for needle in [
        "心跳处理错误（非官方文案） — Heartbeat handling error (unofficial text)",
        "**Unofficial text.** Not in the official error-code table",
        "both messages are ours",
        "(`retry`): Inferred from the SDK name",
        "Formerly `HeartbeatError`: a deprecated alias",
    ] {
        assert!(doc.contains(needle), "missing {needle:?} in\n{doc}");
    }
    let rate = table.rows.iter().find(|r| r.code == 202006).unwrap();
    assert!(variant_doc(rate).join("\n").contains("SDK constant: none"));

    let module = error_code_module(&table);
    for row in &table.rows {
        let first = format!("    /// {}\n", variant_doc(row)[0]);
        let variant = format!("    {} = {},\n", row.name, row.code);
        let (at_doc, at_variant) = (module.find(&first).unwrap(), module.find(&variant).unwrap());
        assert!(
            at_doc < at_variant,
            "{} is documented above its variant",
            row.code
        );
        assert!(
            module.contains(&format!("recovery_reason: {:?},", row.recovery_reason)),
            "{}",
            row.code
        );
        assert!(
            module.contains(&format!(
                "recovery_reason_zh: {:?},",
                row.recovery_reason_zh
            )),
            "{}",
            row.code
        );
    }
}

#[test]
fn categories_and_recoveries_are_written_as_their_variants() {
    // One row per category, and every recovery a code may carry on its own.
    let rows = [
        (201004, Category::Request, Recovery::FixRequest),
        (202001, Category::Auth, Recovery::Reauthenticate),
        (203006, Category::Room, Recovery::Configure),
        (204002, Category::Pusher, Recovery::Retry),
        (205002, Category::Audience, Recovery::GiveUp),
        (207001, Category::Infra, Recovery::Retry),
    ];
    let rows: Vec<String> = (rows.iter())
        .map(|(code, category, recovery)| {
            format!("{code}\tCode{code}\t\t{category}\t{recovery}\tR.\t理由。\tno\t\t甲\tA")
        })
        .collect();
    let table = table_of(&rows.iter().map(String::as_str).collect::<Vec<_>>());
    let module = error_code_module(&table);
    for row in &table.rows {
        let literal = format!(
            "        category: Category::{:?},\n        recovery: Recovery::{:?},\n",
            row.category, row.recovery
        );
        assert!(module.contains(&literal), "{} in\n{module}", row.code);
    }
    // The per-category lists, in `Category::ALL` order, each in code order.
    assert!(module.contains(
        "const CODES_BY_CATEGORY: [&[ErrorCode]; 6] = [\n    &[ErrorCode::Code201004],\n    \
         &[ErrorCode::Code202001],\n    &[ErrorCode::Code203006],\n    &[ErrorCode::Code204002],\n    \
         &[ErrorCode::Code205002],\n    &[ErrorCode::Code207001],\n"
    ));
}

#[test]
fn texts_of_codes_without_published_text_are_marked() {
    let table = table_of(&[
        &row(203010, "Official", "成员不在房间内", "Not in the room"),
        &row(203000, "Ours", "房间管理错误", "Room management error").replace("\tyes\t", "\tno\t"),
    ]);
    let module = error_code_module(&table);
    assert!(module.contains(r#"#[error("203010 成员不在房间内")]"#));
    assert!(module.contains(r#"display_en: "203010 Not in the room","#));
    assert!(module.contains(r#"#[error("203000 房间管理错误（非官方文案）")]"#));
    assert!(module.contains(r#"display_en: "203000 Room management error (unofficial text)","#));
    // The plain accessors keep the text alone.
    assert!(module.contains(r#"message_zh: "房间管理错误","#));
}

#[test]
fn former_names_become_lookup_keys_and_deprecated_constants() {
    let table = table_of(&[&row(203010, "MemberNotInRoom", "甲", "A").replacen(
        "\t\t",
        "\tMemberGone,OldMember\t",
        1,
    )]);
    let module = error_code_module(&table);
    assert!(module.contains(
        r#""MemberNotInRoom" | "MemberGone" | "OldMember" => Some(ErrorCode::MemberNotInRoom),"#
    ));
    assert!(module.contains(r#""membergone" | "member_gone" | "oldmember" | "old_member" => Some(ErrorCode::MemberNotInRoom),"#), "{module}");
    assert!(module.contains("#[deprecated(note = \"renamed to `ErrorCode::MemberNotInRoom`\")]"));
    assert!(module.contains("pub const MemberGone: ErrorCode = ErrorCode::MemberNotInRoom;"));
    assert!(module.contains(r#"former_names: &["MemberGone", "OldMember"],"#));

    // Without former names there is no alias block.
    let plain = error_code_module(&table_of(&[&row(203010, "A", "甲", "A")]));
    assert!(!plain.contains("#[deprecated"));
}

#[test]
fn name_maps_hold_every_form() {
    let module = error_code_module(&table_of(&[&row(203010, "MemberNotInRoom", "甲", "A")
        .replace("\tyes\t\t", "\tyes\tERROR_CODE_USER_NOT_IN_ROOM\t")]));
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
