//! The parser and validator of `codes.tsv` (`build/table.rs`): one test per
//! kind of defect, each checking the `codes.tsv:LINE: message` it reports.

use proptest::prelude::*;

use crate::table::{self, COLUMNS, Table, TableError, parse, parse_message};
use crate::vocabulary::{Category, Recovery};

const HEADER: &str = "code\tname\tformer_names\tcategory\trecovery\trecovery_reason\trecovery_reason_zh\tdocumented\tsdk_name\tmessage_zh\tmessage_en";
const GOOD_ROW: &str = "203010\tMemberNotInRoom\t\troom\tgive-up\tNot in the room: cannot succeed.\t不在房间内：无法成功。\tyes\tERROR_CODE_USER_NOT_IN_ROOM\t成员不在房间内\tThe member is not in the room";

// The columns of GOOD_ROW, by name.
const CODE: usize = 0;
const NAME: usize = 1;
const FORMER: usize = 2;
const CATEGORY: usize = 3;
const RECOVERY: usize = 4;
const REASON: usize = 5;
const REASON_ZH: usize = 6;
const DOCUMENTED: usize = 7;
const SDK: usize = 8;
const ZH: usize = 9;
const EN: usize = 10;

fn table_of(rows: &[&str]) -> String {
    let mut text = String::from(HEADER);
    for row in rows {
        text.push('\n');
        text.push_str(row);
    }
    text.push('\n');
    text
}

fn errors_of(rows: &[&str]) -> Vec<TableError> {
    parse("codes.tsv", table_of(rows)).expect_err("the table should be rejected")
}

/// Asserts exactly one defect, on `line`, whose message contains `needle`.
fn assert_one_defect(rows: &[&str], line: usize, needle: &str) {
    let errors = errors_of(rows);
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert_defect(&errors[0], line, needle);
}

fn assert_defect(error: &TableError, line: usize, needle: &str) {
    let shown = error.to_string();
    assert!(shown.starts_with(&format!("codes.tsv:{line}: ")), "{shown}");
    assert!(
        shown.contains(needle),
        "`{shown}` does not mention `{needle}`"
    );
}

/// GOOD_ROW with the field at `index` replaced.
fn with_field(index: usize, value: &str) -> String {
    with_fields(GOOD_ROW, &[(index, value)])
}

fn with_fields(row: &str, changes: &[(usize, &str)]) -> String {
    let mut fields: Vec<&str> = row.split('\t').collect();
    for &(index, value) in changes {
        fields[index] = value;
    }
    fields.join("\t")
}

/// A second good row, for the defects that involve two rows.
fn other_row(code: &str, name: &str, sdk: &str) -> String {
    with_fields(GOOD_ROW, &[(CODE, code), (NAME, name), (SDK, sdk)])
}

fn real_table_bytes() -> Vec<u8> {
    std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/codes.tsv")).unwrap()
}

#[test]
fn the_real_table_is_valid() {
    let table: Table = parse("codes.tsv", real_table_bytes()).unwrap();
    assert_eq!(table.rows.len(), 50);
    assert_eq!(table.rows.iter().filter(|r| r.documented).count(), 40);
    assert_eq!(
        table
            .rows
            .iter()
            .map(|r| r.former_names.len())
            .sum::<usize>(),
        8
    );
    assert!(table.rows.iter().all(|r| !r.recovery_reason.is_empty()));
    assert!(table.rows.iter().all(|r| !r.recovery_reason_zh.is_empty()));
}

#[test]
fn the_header_names_the_columns_in_order() {
    assert_eq!(HEADER.split('\t').collect::<Vec<_>>(), COLUMNS);
}

#[test]
fn a_good_row_parses_with_all_fields() {
    let table = parse("codes.tsv", table_of(&[GOOD_ROW])).unwrap();
    let row = &table.rows[0];
    assert_eq!(
        (row.line, row.code, row.name.as_str()),
        (2, 203010, "MemberNotInRoom")
    );
    assert_eq!(row.category, Category::Room);
    assert_eq!(row.recovery, Recovery::GiveUp);
    assert_eq!(row.recovery_reason, "Not in the room: cannot succeed.");
    assert_eq!(row.recovery_reason_zh, "不在房间内：无法成功。");
    assert!(row.former_names.is_empty());
    assert!(row.documented);
    assert_eq!(row.sdk_name.as_deref(), Some("ERROR_CODE_USER_NOT_IN_ROOM"));
    assert_eq!(row.message_zh.summary, "成员不在房间内");
    assert_eq!(row.message_en.summary, "The member is not in the room");
    assert_eq!(
        row.folded_keys(),
        [
            "membernotinroom",
            "member_not_in_room",
            "error_code_user_not_in_room"
        ]
    );
}

#[test]
fn rows_are_sorted_by_code_and_blank_lines_and_crlf_are_accepted() {
    let later = other_row("203009", "RoomNameTooLong", "ERROR_CODE_ROOM_NAME_TOO_LONG");
    let text = format!("{HEADER}\r\n{GOOD_ROW}\r\n\r\n{later}\r\n");
    let table = parse("codes.tsv", &text).unwrap();
    let codes: Vec<u32> = table.rows.iter().map(|r| r.code).collect();
    assert_eq!(codes, [203009, 203010]);
    assert_eq!(table.rows[0].line, 4);
    // No final line ending is fine too.
    assert!(parse("codes.tsv", format!("{HEADER}\n{GOOD_ROW}")).is_ok());
}

#[test]
fn wrong_header() {
    let text = format!("code\tname\n{GOOD_ROW}\n");
    let errors = parse("codes.tsv", &text).unwrap_err();
    assert_eq!(errors.len(), 1);
    assert!(
        errors[0]
            .to_string()
            .starts_with("codes.tsv:1: the header must be the columns code, name, former_names")
    );
}

#[test]
fn empty_table() {
    // One defect, one message.
    let errors: Vec<String> = (parse("codes.tsv", "").unwrap_err().iter())
        .map(ToString::to_string)
        .collect();
    assert_eq!(errors, ["codes.tsv:1: the table is empty"]);
    // A file whose lines end in CR alone is one line: say so.
    let old_mac = format!("{HEADER}\r{HEADER}\r");
    assert_eq!(
        parse("codes.tsv", old_mac).unwrap_err()[0].to_string(),
        "codes.tsv:1: lines must end in LF or CRLF, not in CR alone"
    );
    assert_eq!(
        parse("codes.tsv", table_of(&[])).unwrap_err()[0].to_string(),
        "codes.tsv:1: the table has no rows"
    );
}

#[test]
fn wrong_column_count() {
    assert_one_defect(
        &["203010\tMemberNotInRoom\troom"],
        2,
        "expected 11 tab-separated columns, found 3",
    );
    assert_one_defect(&[&format!("{GOOD_ROW}\textra")], 2, "found 12");
}

#[test]
fn non_numeric_code() {
    assert_one_defect(
        &[&with_field(CODE, "20301O")],
        2,
        "code `20301O` is not a decimal number",
    );
    assert_one_defect(
        &[&with_field(CODE, "-203010")],
        2,
        "is not a decimal number",
    );
    assert_one_defect(&[&with_field(CODE, "")], 2, "is not a decimal number");
}

#[test]
fn code_with_leading_zeros() {
    assert_one_defect(
        &[&with_field(CODE, "0203010")],
        2,
        "code `0203010` has a leading zero: write it `203010`",
    );
    assert_one_defect(&[&with_field(CODE, "000203010")], 2, "write it `203010`");
    assert_one_defect(&[&with_field(CODE, "00")], 2, "write it `0`");
}

#[test]
fn code_beyond_u32() {
    assert_one_defect(
        &[&with_field(CODE, "99999999999")],
        2,
        "code `99999999999` is out of range",
    );
}

#[test]
fn code_outside_every_range() {
    assert_one_defect(
        &[&with_field(CODE, "208001")],
        2,
        "code 208001 is outside every RoomService range",
    );
    assert_one_defect(
        &[&with_field(CODE, "999")],
        2,
        "outside every RoomService range",
    );
}

#[test]
fn category_contradicting_the_range() {
    assert_one_defect(
        &[&with_field(CATEGORY, "pusher")],
        2,
        "category `pusher` contradicts code 203010, which is in the `room` range",
    );
}

#[test]
fn duplicate_code() {
    let twin = other_row("203010", "MemberGone", "");
    assert_one_defect(
        &[GOOD_ROW, &twin],
        3,
        "duplicate code 203010 (first on line 2)",
    );
}

#[test]
fn duplicate_name() {
    let twin = other_row("203009", "MemberNotInRoom", "");
    assert_one_defect(
        &[GOOD_ROW, &twin],
        3,
        "duplicate name `MemberNotInRoom` (first on line 2)",
    );
}

#[test]
fn names_that_collide_when_case_is_ignored() {
    let twin = other_row("203009", "MemberNotinRoom", "");
    assert_one_defect(
        &[GOOD_ROW, &twin],
        3,
        "name `MemberNotinRoom` clashes with the name `MemberNotInRoom` of code 203010 on line 2",
    );
    let same_sdk = other_row("203009", "Another", "ERROR_CODE_USER_NOT_IN_ROOM");
    assert_one_defect(
        &[GOOD_ROW, &same_sdk],
        3,
        "SDK constant `ERROR_CODE_USER_NOT_IN_ROOM` clashes with the SDK constant \
         `ERROR_CODE_USER_NOT_IN_ROOM` of code 203010 on line 2",
    );
}

#[test]
fn name_equal_to_another_rows_sdk_constant() {
    // The later row is at fault, whichever of the two holds the SDK constant.
    let named_like_the_constant = other_row("203009", "ErrorCodeUserNotInRoom", "");
    assert_one_defect(
        &[GOOD_ROW, &named_like_the_constant],
        3,
        "name `ErrorCodeUserNotInRoom` clashes with the SDK constant \
         `ERROR_CODE_USER_NOT_IN_ROOM` of code 203010 on line 2",
    );
    let first = other_row("203009", "ErrorCodeRoomGone", "");
    let constant_like_the_name = other_row("203010", "MemberNotInRoom", "ERROR_CODE_ROOM_GONE");
    assert_one_defect(
        &[&first, &constant_like_the_name],
        3,
        "SDK constant `ERROR_CODE_ROOM_GONE` clashes with the name `ErrorCodeRoomGone` \
         of code 203009 on line 2",
    );
    // Rows after the clash are still checked against the first row, not the second.
    let third = other_row("203008", "Third", "ERROR_CODE_ROOM_GONE");
    let errors = errors_of(&[&first, &constant_like_the_name, &third]);
    assert_eq!(errors.len(), 2, "{errors:#?}");
    assert_defect(&errors[1], 4, "of code 203009 on line 2");
}

#[test]
fn invalid_rust_names() {
    assert_one_defect(
        &[&with_field(NAME, "memberNotInRoom")],
        2,
        "must start with an ASCII capital letter",
    );
    assert_one_defect(
        &[&with_field(NAME, "Member_Not")],
        2,
        "may contain only ASCII letters and digits",
    );
    assert_one_defect(
        &[&with_field(NAME, "Member Not")],
        2,
        "may contain only ASCII letters and digits",
    );
    assert_one_defect(
        &[&with_field(NAME, "UserIDMismatch")],
        2,
        "has a run of capitals",
    );
    assert_one_defect(&[&with_field(NAME, "")], 2, "name `` is empty");
}

#[test]
fn names_the_generated_code_or_the_prelude_already_use() {
    assert_one_defect(
        &[&with_field(NAME, "Self")],
        2,
        "name `Self` is a Rust keyword",
    );
    for reserved in [
        "None",
        "Some",
        "Ok",
        "Err",
        "Option",
        "Result",
        "Row",
        "ErrorCode",
        "Category",
        "Recovery",
        "DisplayEn",
        "Default",
    ] {
        assert_one_defect(
            &[&with_field(NAME, reserved)],
            2,
            &format!("name `{reserved}` is reserved"),
        );
    }
    // A prefix or suffix of a reserved name is fine.
    assert!(parse("codes.tsv", table_of(&[&with_field(NAME, "NoneLeft")])).is_ok());
    // The fallback variant of the per-interface error enums.
    assert_one_defect(
        &[&with_field(NAME, "Other")],
        2,
        "name `Other` is reserved: every interface's error enum has a variant `Other`",
    );
    assert_one_defect(
        &[&with_field(FORMER, "Other")],
        2,
        "former name `Other` is reserved",
    );
    for reserved in [
        "Interface",
        "InterfaceCodePair",
        "Evidence",
        "ParseNameError",
    ] {
        assert_one_defect(
            &[&with_field(NAME, reserved)],
            2,
            &format!("name `{reserved}` is reserved"),
        );
    }
}

#[test]
fn invalid_sdk_name() {
    assert_one_defect(
        &[&with_field(SDK, "error_code_x")],
        2,
        "must be empty or SCREAMING_SNAKE_CASE",
    );
}

#[test]
fn unknown_category() {
    assert_one_defect(
        &[&with_field(CATEGORY, "rooms")],
        2,
        "unknown category `rooms` (expected one of request, auth, room, pusher, audience, infra)",
    );
    // The library's `FromStr` ignores case; the table keeps the one spelling.
    for other_spelling in ["Room", "ROOM"] {
        assert_one_defect(
            &[&with_field(CATEGORY, other_spelling)],
            2,
            &format!("unknown category `{other_spelling}`"),
        );
    }
}

#[test]
fn unknown_recovery() {
    assert_one_defect(
        &[&with_field(RECOVERY, "retry-later")],
        2,
        "unknown recovery `retry-later`",
    );
    // `FromStr` also takes other cases and `_` for `-`: the table does not.
    for other_spelling in ["give_up", "Give-Up", "GIVE-UP"] {
        assert_one_defect(
            &[&with_field(RECOVERY, other_spelling)],
            2,
            &format!("unknown recovery `{other_spelling}`"),
        );
    }
}

#[test]
fn recoveries_that_depend_on_the_call_are_not_for_codes() {
    for recovery in ["done", "rejoin"] {
        assert_one_defect(
            &[&with_field(RECOVERY, recovery)],
            2,
            &format!(
                "recovery `{recovery}` only fits a code in a given call: give the code its own \
                 recovery here, and `{recovery}` as an override in interface_codes.tsv"
            ),
        );
    }
    // The unknown-recovery message names every recovery, the call-specific ones too.
    let errors = errors_of(&[&with_field(RECOVERY, "later")]);
    assert!(
        errors[0].to_string().ends_with("give-up, rejoin, done)"),
        "{}",
        errors[0]
    );
}

#[test]
fn recovery_reason_is_required_and_plain() {
    assert_one_defect(&[&with_field(REASON, " ")], 2, "recovery_reason: is empty");
    assert_one_defect(
        &[&with_field(REASON, "Retry <b>now</b>.")],
        2,
        "recovery_reason: markup is not allowed",
    );
}

#[test]
fn the_chinese_recovery_reason_is_required_and_plain_too() {
    assert_one_defect(
        &[&with_field(REASON_ZH, "")],
        2,
        "recovery_reason_zh: is empty",
    );
    assert_one_defect(
        &[&with_field(REASON_ZH, " \u{3000}")],
        2,
        "recovery_reason_zh: is empty",
    );
    assert_one_defect(
        &[&with_field(REASON_ZH, "请<b>立即</b>重试。")],
        2,
        "recovery_reason_zh: markup is not allowed",
    );
    // Each language is checked on its own: both defects are reported.
    let errors = errors_of(&[&with_fields(GOOD_ROW, &[(REASON, ""), (REASON_ZH, "")])]);
    let shown: Vec<String> = errors.iter().map(ToString::to_string).collect();
    assert_eq!(
        shown,
        [
            "codes.tsv:2: recovery_reason: is empty: say in one sentence why the code has its recovery",
            "codes.tsv:2: recovery_reason_zh: is empty: say in one sentence why the code has its recovery",
        ]
    );
}

#[test]
fn documented_must_be_yes_or_no() {
    assert_one_defect(
        &[&with_field(DOCUMENTED, "true")],
        2,
        "`documented` must be `yes` or `no`, not `true`",
    );
}

#[test]
fn empty_message() {
    assert_one_defect(
        &[&with_field(ZH, "  ")],
        2,
        "message_zh: the message is empty",
    );
    assert_one_defect(
        &[&with_field(EN, "")],
        2,
        "message_en: the message is empty",
    );
}

#[test]
fn unknown_markup() {
    assert_one_defect(
        &[&with_field(ZH, "进房失败<b>粗</b>")],
        2,
        "message_zh: unknown markup `<b>`",
    );
    assert_one_defect(
        &[&with_field(EN, "Failed:<li>a")],
        2,
        "message_en: unknown markup `<li>`",
    );
}

#[test]
fn unbalanced_markup() {
    assert_one_defect(
        &[&with_field(ZH, "进房失败<li")],
        2,
        "unbalanced markup: `<` without a closing `>`",
    );
    assert_one_defect(
        &[&with_field(ZH, "进房失败 li/>")],
        2,
        "unbalanced markup: `>` without an opening `<`",
    );
}

#[test]
fn empty_list_item_and_missing_introduction() {
    assert_one_defect(
        &[&with_fields(
            GOOD_ROW,
            &[
                (ZH, "失败，可能原因：<li/>甲<li/> "),
                (EN, "F, causes:<li/>a<li/>b"),
            ],
        )],
        2,
        "a `<li/>` item is empty",
    );
    assert_one_defect(
        &[&with_field(EN, "Failed<li/>a")],
        2,
        "must end with a colon that introduces it",
    );
    assert_one_defect(
        &[&with_field(EN, "：<li/>a")],
        2,
        "no text before its list of causes",
    );
}

#[test]
fn causes_must_pair_up_across_languages() {
    assert_one_defect(
        &[&with_field(ZH, "失败，可能原因：<li/>甲<li/>乙")],
        2,
        "message_zh lists 2 causes but message_en lists 0",
    );
}

#[test]
fn bare_carriage_return_inside_a_field() {
    assert_one_defect(
        &[&with_field(EN, "The member\ris not in the room")],
        2,
        "message_en: U+000D at character 11 is a carriage return (CR) inside the line",
    );
    // A CR before the tab that ends a field is inside the line too.
    assert_one_defect(
        &[&with_field(REASON, "Cannot succeed.\r")],
        2,
        "recovery_reason: U+000D",
    );
}

#[test]
fn bidi_controls_in_any_field() {
    assert_one_defect(
        &[&with_field(ZH, "成员\u{202E}不在房间内")],
        2,
        "message_zh: U+202E at character 3 is a bidirectional control character",
    );
    assert_one_defect(
        &[&with_field(
            EN,
            "\u{2066}The member is not in the room\u{2069}",
        )],
        2,
        "message_en: U+2066 at character 1 is a bidirectional control character",
    );
    assert_one_defect(
        &[&with_field(REASON, "Cannot\u{200F} succeed.")],
        2,
        "recovery_reason: U+200F",
    );
    assert_one_defect(
        &[&with_field(REASON_ZH, "无法\u{202B}成功。")],
        2,
        "recovery_reason_zh: U+202B at character 3 is a bidirectional control character",
    );
    // In a name or an SDK constant the character also breaks the name's own rule.
    let errors = errors_of(&[&with_field(NAME, "Member\u{202E}NotInRoom")]);
    assert_defect(&errors[0], 2, "name: U+202E at character 7");
}

#[test]
fn other_control_and_format_characters_in_any_field() {
    for (c, what) in [
        ('\u{0}', "a control character"),
        ('\u{7}', "a control character"),
        ('\u{1B}', "a control character"),
        ('\u{7F}', "a control character"),
        ('\u{85}', "a control character"),
        ('\u{AD}', "an invisible format character"),
        ('\u{200B}', "an invisible format character"),
        ('\u{2060}', "an invisible format character"),
        ('\u{FEFF}', "a byte order mark (BOM)"),
        ('\u{E0041}', "an invisible format character"),
        ('\u{2028}', "a line or paragraph separator"),
    ] {
        // At the start of a field, where trimming would otherwise hide it.
        let text = format!("{c}The member is not in the room");
        assert_one_defect(
            &[&with_field(EN, &text)],
            2,
            &format!(
                "message_en: U+{:04X} at character 1 is {what}",
                u32::from(c)
            ),
        );
        let errors = errors_of(&[&with_field(SDK, &format!("ERROR{c}"))]);
        assert_defect(&errors[0], 2, &format!("sdk_name: U+{:04X}", u32::from(c)));
    }
    // Visible non-ASCII text is fine: full-width punctuation, CJK, accents.
    let fine = with_fields(
        GOOD_ROW,
        &[(ZH, "成员（甲）不在房间内。"), (EN, "Café — ok")],
    );
    assert!(parse("codes.tsv", table_of(&[&fine])).is_ok());
}

#[test]
fn byte_order_mark() {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(table_of(&[GOOD_ROW]).as_bytes());
    let errors = parse("codes.tsv", &bytes).unwrap_err();
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert_defect(&errors[0], 1, "byte order mark (BOM, U+FEFF)");
    // The rest of the file is still checked.
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(table_of(&[&with_field(CODE, "x")]).as_bytes());
    assert_eq!(parse("codes.tsv", &bytes).unwrap_err().len(), 2);
}

#[test]
fn bytes_that_are_not_utf8() {
    let later = other_row("203009", "RoomNameTooLong", "");
    let mut bytes = format!("{HEADER}\n{GOOD_ROW}\n").into_bytes();
    // Column 38: the 37 characters before the bad byte, counted as characters.
    bytes.extend_from_slice("203008\tBad\t\troom\tretry\tR.\t理由。\tyes\t\t推流".as_bytes());
    bytes.extend_from_slice(b"\xFF\xFE\tA\n");
    bytes.extend_from_slice(format!("{}\n", with_field(CODE, "x")).as_bytes());
    bytes.extend_from_slice(format!("{later}\n").as_bytes());
    let errors = parse("codes.tsv", &bytes).unwrap_err();
    assert_eq!(errors.len(), 2, "{errors:#?}");
    assert_defect(
        &errors[0],
        3,
        "invalid UTF-8: byte 0xFF at column 38; save the file as UTF-8",
    );
    assert_defect(&errors[1], 4, "code `x` is not a decimal number");
    // A truncated multi-byte character, and a stray byte in the header.
    let row = with_field(ZH, "成员@");
    let column = row.chars().position(|c| c == '@').unwrap() + 1;
    let mut cut = Vec::new();
    for byte in format!("{HEADER}\n{row}\n").bytes() {
        match byte {
            // The first two of the three bytes of 不.
            b'@' => cut.extend_from_slice(&"不".as_bytes()[..2]),
            byte => cut.push(byte),
        }
    }
    assert_one_defect_in(
        &cut,
        2,
        &format!("invalid UTF-8: byte 0xE4 at column {column};"),
    );
    let mut header = b"code\x80".to_vec();
    header.extend_from_slice(format!("\n{GOOD_ROW}\n").as_bytes());
    assert_one_defect_in(&header, 1, "invalid UTF-8: byte 0x80 at column 5");
}

fn assert_one_defect_in(bytes: &[u8], line: usize, needle: &str) {
    let errors = parse("codes.tsv", bytes).unwrap_err();
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert_defect(&errors[0], line, needle);
}

#[test]
fn a_row_of_only_tabs_or_spaces() {
    let tabs = "\t".repeat(COLUMNS.len() - 1);
    assert_one_defect(&[GOOD_ROW, &tabs], 3, "the line holds only whitespace");
    assert_one_defect(&[&tabs, GOOD_ROW], 2, "only whitespace (tabs or spaces)");
    assert_one_defect(&[GOOD_ROW, "\t"], 3, "only whitespace");
    assert_one_defect(&[GOOD_ROW, "   "], 3, "only whitespace");
    // An empty line is a separator, not a row.
    assert!(parse("codes.tsv", table_of(&[GOOD_ROW, "", ""])).is_ok());
}

/// A table of `count` rows with distinct codes, names and valid categories.
fn many_rows(count: usize) -> String {
    let ranges = [
        (200100, "request"),
        (201000, "request"),
        (202000, "auth"),
        (203000, "room"),
        (204000, "pusher"),
        (205000, "audience"),
        (206000, "pusher"),
        (207000, "infra"),
    ];
    let rows: Vec<String> = (0..count)
        .map(|i| {
            let (base, category) = ranges[i / 100];
            let code = base + (i % 100) as u32;
            format!("{code}\tCode{code}\t\t{category}\tretry\tR.\t理由。\tno\t\t甲\tA")
        })
        .collect();
    let rows: Vec<&str> = rows.iter().map(String::as_str).collect();
    table_of(&rows)
}

#[test]
fn more_than_255_rows() {
    for count in [254, 255, 256, 300, 800] {
        let table = parse("codes.tsv", many_rows(count)).unwrap();
        assert_eq!(table.rows.len(), count);
    }
}

#[test]
fn former_names_are_parsed_and_validated_like_names() {
    let renamed = with_field(FORMER, "MemberGone, MemberMissing");
    let table = parse("codes.tsv", table_of(&[&renamed])).unwrap();
    assert_eq!(table.rows[0].former_names, ["MemberGone", "MemberMissing"]);
    assert!((table.rows[0].folded_keys().iter()).any(|k| k == "member_missing"));

    assert_one_defect(
        &[&with_field(FORMER, "memberGone")],
        2,
        "former name `memberGone` must start with an ASCII capital letter",
    );
    assert_one_defect(
        &[&with_field(FORMER, "None")],
        2,
        "former name `None` is reserved",
    );
    assert_one_defect(
        &[&with_field(FORMER, "MemberGone,,Other")],
        2,
        "former_names: an empty name",
    );
    assert_one_defect(
        &[&with_field(FORMER, "MemberGone,")],
        2,
        "former_names: an empty name",
    );
}

#[test]
fn former_names_clash_with_nothing() {
    // With the row's own name, SDK constant or other former names.
    assert_one_defect(
        &[&with_field(FORMER, "MemberNotinroom")],
        2,
        "former name `MemberNotinroom` is the current name `MemberNotInRoom`",
    );
    assert_one_defect(
        &[&with_field(FORMER, "ErrorCodeUserNotInRoom")],
        2,
        "former name `ErrorCodeUserNotInRoom` is the SDK constant `ERROR_CODE_USER_NOT_IN_ROOM`",
    );
    assert_one_defect(
        &[&with_field(FORMER, "MemberGone, Membergone")],
        2,
        "former name `Membergone` is listed twice",
    );
    // With another row's name, SDK constant or former name: reported on the later row.
    let renamed = with_field(FORMER, "RoomNameTooLong");
    let other = other_row("203009", "RoomNameTooLong", "");
    assert_one_defect(
        &[&other, &renamed],
        3,
        "former name `RoomNameTooLong` clashes with the name `RoomNameTooLong` of code 203009 on line 2",
    );
    assert_one_defect(
        &[&renamed, &other],
        3,
        "name `RoomNameTooLong` clashes with the former name `RoomNameTooLong` of code 203010 on line 2",
    );
    let other = other_row("203009", "RoomName", "ERROR_CODE_GONE");
    assert_one_defect(
        &[&other, &with_field(FORMER, "ErrorCodeGone")],
        3,
        "former name `ErrorCodeGone` clashes with the SDK constant `ERROR_CODE_GONE` of code 203009 on line 2",
    );
    let other = with_fields(&other_row("203009", "RoomName", ""), &[(FORMER, "OldName")]);
    assert_one_defect(
        &[&other, &with_field(FORMER, "OLDNAME")],
        3,
        "former name `OLDNAME`",
    );
    assert_one_defect(
        &[&other, &with_field(FORMER, "Oldname")],
        3,
        "former name `Oldname` clashes with the former name `OldName` of code 203009 on line 2",
    );
}

#[test]
fn every_defect_of_a_row_is_reported_and_rows_are_independent() {
    let bad = "x\tlower\t\tnowhere\tlater\t\t\tmaybe\tbad\t\t";
    let errors = errors_of(&[
        GOOD_ROW,
        bad,
        &with_fields(GOOD_ROW, &[(RECOVERY, "soon"), (CODE, "203009")]),
    ]);
    let lines: Vec<usize> = errors.iter().map(|e| e.line).collect();
    assert_eq!(lines, [3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 4], "{errors:#?}");
}

#[test]
fn every_error_has_the_file_line_shape() {
    let mut bytes = b"\xEF\xBB\xBFcode\tname\n".to_vec();
    for row in [
        GOOD_ROW.to_owned(),
        "\t\t\t".to_owned(),
        with_field(EN, "a\u{202E}b"),
        with_field(CODE, "0203010"),
        with_field(NAME, "None"),
        "x\tlower\t\tnowhere\tlater\t\t\tmaybe\tbad\t\t".to_owned(),
        other_row("203009", "ErrorCodeUserNotInRoom", ""),
        "too\tfew".to_owned(),
    ] {
        bytes.extend_from_slice(row.as_bytes());
        bytes.push(b'\n');
    }
    bytes.extend_from_slice(b"\xC3\x28\n");
    let errors = parse("codes.tsv", &bytes).unwrap_err();
    assert!(errors.len() >= 10, "{errors:#?}");
    let lines = bytes.split(|&b| b == b'\n').count() - 1;
    for error in &errors {
        assert_file_line_shape(error, lines);
    }
    let mut seen: Vec<usize> = errors.iter().map(|e| e.line).collect();
    seen.dedup();
    let expected: Vec<usize> = (1..=lines).filter(|&line| line != 2).collect();
    assert_eq!(seen, expected, "every line but the good row has its defect");
}

/// `codes.tsv:LINE: message`, LINE within the file, the message one non-empty line.
fn assert_file_line_shape(error: &TableError, lines: usize) {
    let shown = error.to_string();
    let rest = shown.strip_prefix("codes.tsv:").expect(&shown);
    let (line, message) = rest.split_once(": ").expect(&shown);
    let line: usize = line.parse().expect(&shown);
    assert!((1..=lines.max(1)).contains(&line), "{shown}");
    assert_eq!(line, error.line);
    assert!(!message.trim().is_empty(), "{shown}");
    // Quoted fields are escaped: a message cannot hide or reorder itself.
    assert!(table::invisible_character(message).is_none(), "{shown:?}");
}

/// One edit of the real table, as a careless or hostile editor might make it.
#[derive(Debug, Clone)]
enum Edit {
    Insert {
        line: usize,
        at: usize,
        text: String,
    },
    DeleteByte {
        line: usize,
        at: usize,
    },
    DuplicateLine {
        line: usize,
    },
    ReplaceField {
        line: usize,
        field: usize,
        text: String,
    },
}

fn edit() -> impl Strategy<Value = Edit> {
    let text = prop_oneof![
        Just("\t".to_owned()),
        Just("\r".to_owned()),
        Just("\n".to_owned()),
        Just("\u{202E}".to_owned()),
        Just("\u{FEFF}".to_owned()),
        Just("<li/>".to_owned()),
        Just("0".to_owned()),
        Just(",".to_owned()),
        Just("{}".to_owned()),
        "[A-Za-z_ ]{0,12}",
        any::<String>(),
    ];
    prop_oneof![
        (0..52usize, any::<usize>(), text.clone()).prop_map(|(line, at, text)| Edit::Insert {
            line,
            at,
            text
        }),
        (0..52usize, any::<usize>()).prop_map(|(line, at)| Edit::DeleteByte { line, at }),
        (0..52usize).prop_map(|line| Edit::DuplicateLine { line }),
        (0..52usize, 0..11usize, text).prop_map(|(line, field, text)| Edit::ReplaceField {
            line,
            field,
            text
        }),
    ]
}

fn apply(table: &[u8], edit: &Edit) -> Vec<u8> {
    let mut lines: Vec<Vec<u8>> = table.split(|&b| b == b'\n').map(<[u8]>::to_vec).collect();
    let count = lines.len();
    match edit {
        Edit::Insert { line, at, text } => {
            let line = &mut lines[line % count];
            let at = at % (line.len() + 1);
            line.splice(at..at, text.bytes());
        }
        Edit::DeleteByte { line, at } => {
            let line = &mut lines[line % count];
            if !line.is_empty() {
                line.remove(at % line.len());
            }
        }
        Edit::DuplicateLine { line } => {
            let copy = lines[line % count].clone();
            lines.insert(line % count, copy);
        }
        Edit::ReplaceField { line, field, text } => {
            let line = &mut lines[line % count];
            let mut fields: Vec<Vec<u8>> =
                line.split(|&b| b == b'\t').map(<[u8]>::to_vec).collect();
            let index = field % fields.len();
            fields[index] = text.as_bytes().to_vec();
            *line = fields.join(&b'\t');
        }
    }
    lines.join(&b'\n')
}

proptest! {
    /// Whatever the edits, the parser never panics, every defect is located on a
    /// line of the file, and an accepted table has rows with clean texts.
    #[test]
    fn edited_tables_are_accepted_or_located(edits in proptest::collection::vec(edit(), 1..4)) {
        let mut bytes = real_table_bytes();
        for edit in &edits {
            bytes = apply(&bytes, edit);
        }
        let lines = bytes.split(|&b| b == b'\n').count();
        match parse("codes.tsv", &bytes) {
            Ok(table) => {
                for row in &table.rows {
                    for text in [&row.name, &row.recovery_reason, &row.message_zh.summary, &row.message_en.summary] {
                        prop_assert!(table::invisible_character(text).is_none(), "{text:?}");
                        prop_assert!(!text.is_empty());
                    }
                }
            }
            Err(errors) => {
                prop_assert!(!errors.is_empty());
                for error in &errors {
                    assert_file_line_shape(error, lines);
                }
            }
        }
    }
}

#[test]
fn markup_becomes_summary_and_causes() {
    let official = "进房失败，可能原因：<li/>未开通直播<li/>未自定义域名<li/>开通直播，并自定义了域名，可能因为缓存需要等一段时间";
    let message = parse_message(&format!(" {official} ")).unwrap();
    assert_eq!(message.source, official);
    assert_eq!(message.summary, "进房失败");
    assert_eq!(
        message.causes,
        [
            "未开通直播",
            "未自定义域名",
            "开通直播，并自定义了域名，可能因为缓存需要等一段时间"
        ]
    );

    let english =
        parse_message("Failed to get the push URL, possible causes: <li/> A <li/>B").unwrap();
    assert_eq!(english.summary, "Failed to get the push URL");
    assert_eq!(english.causes, ["A", "B"]);

    let plain = parse_message("删除主播信息失败，可能原因:房间不存在").unwrap();
    assert_eq!(plain.summary, "删除主播信息失败，可能原因:房间不存在");
    assert!(plain.causes.is_empty());
}

#[test]
fn snake_case_of_names() {
    assert_eq!(table::snake_case("MemberNotInRoom"), "member_not_in_room");
    assert_eq!(table::snake_case("Get2Urls"), "get2_urls");
}
