//! Unit tests of the table parser and validator used by `build.rs`:
//! one test per kind of defect, each checking the `codes.tsv:LINE: message` it reports.

#[allow(dead_code)]
#[path = "../src/vocabulary.rs"]
mod vocabulary;

#[path = "../build/table.rs"]
mod table;

use table::{Table, TableError, parse, parse_message};

const HEADER: &str = "code\tname\tcategory\trecovery\tdocumented\tsdk_name\tmessage_zh\tmessage_en";
const GOOD_ROW: &str = "203010\tMemberNotInRoom\troom\tgive-up\tyes\tERROR_CODE_USER_NOT_IN_ROOM\t成员不在房间内\tThe member is not in the room";

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
    parse("codes.tsv", &table_of(rows)).expect_err("the table should be rejected")
}

/// Asserts exactly one defect, on `line`, whose message contains `needle`.
fn assert_one_defect(rows: &[&str], line: usize, needle: &str) {
    let errors = errors_of(rows);
    assert_eq!(errors.len(), 1, "{errors:#?}");
    let shown = errors[0].to_string();
    assert!(shown.starts_with(&format!("codes.tsv:{line}: ")), "{shown}");
    assert!(
        shown.contains(needle),
        "`{shown}` does not mention `{needle}`"
    );
}

fn with_field(index: usize, value: &str) -> String {
    let mut fields: Vec<&str> = GOOD_ROW.split('\t').collect();
    fields[index] = value;
    fields.join("\t")
}

#[test]
fn the_real_table_is_valid() {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/codes.tsv")).unwrap();
    let table: Table = parse("codes.tsv", &text).unwrap();
    assert_eq!(table.rows.len(), 50);
    assert_eq!(table.rows.iter().filter(|r| r.documented).count(), 40);
}

#[test]
fn a_good_row_parses_with_all_fields() {
    let table = parse("codes.tsv", &table_of(&[GOOD_ROW])).unwrap();
    let row = &table.rows[0];
    assert_eq!(
        (row.line, row.code, row.name.as_str()),
        (2, 203010, "MemberNotInRoom")
    );
    assert_eq!(vocabulary::CATEGORIES[row.category].0, "room");
    assert_eq!(vocabulary::RECOVERIES[row.recovery].0, "give-up");
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
    let later = GOOD_ROW
        .replace("203010", "203009")
        .replace("MemberNotInRoom", "RoomNameTooLong")
        .replace(
            "ERROR_CODE_USER_NOT_IN_ROOM",
            "ERROR_CODE_ROOM_NAME_TOO_LONG",
        );
    let text = format!("{HEADER}\r\n{GOOD_ROW}\r\n\r\n{later}\r\n");
    let table = parse("codes.tsv", &text).unwrap();
    let codes: Vec<u32> = table.rows.iter().map(|r| r.code).collect();
    assert_eq!(codes, [203009, 203010]);
    assert_eq!(table.rows[0].line, 4);
}

#[test]
fn wrong_header() {
    let text = format!("code\tname\n{GOOD_ROW}\n");
    let errors = parse("codes.tsv", &text).unwrap_err();
    assert_eq!(errors.len(), 1);
    assert!(
        errors[0]
            .to_string()
            .starts_with("codes.tsv:1: the header must be the columns code, name")
    );
}

#[test]
fn empty_table() {
    assert_eq!(
        parse("codes.tsv", "").unwrap_err()[0].to_string(),
        "codes.tsv:1: the table is empty"
    );
    assert_eq!(
        parse("codes.tsv", &table_of(&[])).unwrap_err()[0].to_string(),
        "codes.tsv:1: the table has no rows"
    );
}

#[test]
fn wrong_column_count() {
    assert_one_defect(
        &["203010\tMemberNotInRoom\troom"],
        2,
        "expected 8 tab-separated columns, found 3",
    );
    assert_one_defect(&[&format!("{GOOD_ROW}\textra")], 2, "found 9");
}

#[test]
fn non_numeric_code() {
    assert_one_defect(
        &[&with_field(0, "20301O")],
        2,
        "code `20301O` is not a decimal number",
    );
    assert_one_defect(&[&with_field(0, "-203010")], 2, "is not a decimal number");
    assert_one_defect(&[&with_field(0, "")], 2, "is not a decimal number");
}

#[test]
fn code_beyond_u32() {
    assert_one_defect(
        &[&with_field(0, "99999999999")],
        2,
        "code `99999999999` is out of range",
    );
}

#[test]
fn code_outside_every_range() {
    assert_one_defect(
        &[&with_field(0, "208001")],
        2,
        "code 208001 is outside every RoomService range",
    );
    assert_one_defect(
        &[&with_field(0, "999")],
        2,
        "outside every RoomService range",
    );
}

#[test]
fn category_contradicting_the_range() {
    assert_one_defect(
        &[&with_field(2, "pusher")],
        2,
        "category `pusher` contradicts code 203010, which is in the `room` range",
    );
}

#[test]
fn duplicate_code() {
    let twin = GOOD_ROW
        .replace("MemberNotInRoom", "MemberGone")
        .replace("ERROR_CODE_USER_NOT_IN_ROOM", "");
    assert_one_defect(
        &[GOOD_ROW, &twin],
        3,
        "duplicate code 203010 (first on line 2)",
    );
}

#[test]
fn duplicate_name() {
    let twin = GOOD_ROW
        .replace("203010", "203009")
        .replace("ERROR_CODE_USER_NOT_IN_ROOM", "");
    assert_one_defect(
        &[GOOD_ROW, &twin],
        3,
        "duplicate name `MemberNotInRoom` (first on line 2)",
    );
}

#[test]
fn names_that_collide_when_case_is_ignored() {
    let twin = GOOD_ROW
        .replace("203010", "203009")
        .replace("MemberNotInRoom", "MemberNotinRoom")
        .replace("ERROR_CODE_USER_NOT_IN_ROOM", "");
    assert_one_defect(
        &[GOOD_ROW, &twin],
        3,
        "`membernotinroom` (ignoring case) already names code 203010 on line 2",
    );
    let same_sdk = GOOD_ROW
        .replace("203010", "203009")
        .replace("MemberNotInRoom", "Other");
    assert_one_defect(
        &[GOOD_ROW, &same_sdk],
        3,
        "`error_code_user_not_in_room` (ignoring case) already names",
    );
}

#[test]
fn invalid_rust_names() {
    assert_one_defect(
        &[&with_field(1, "memberNotInRoom")],
        2,
        "must start with an ASCII capital letter",
    );
    assert_one_defect(
        &[&with_field(1, "Member_Not")],
        2,
        "may contain only ASCII letters and digits",
    );
    assert_one_defect(
        &[&with_field(1, "Member Not")],
        2,
        "may contain only ASCII letters and digits",
    );
    assert_one_defect(
        &[&with_field(1, "UserIDMismatch")],
        2,
        "has a run of capitals",
    );
    assert_one_defect(&[&with_field(1, "Self")], 2, "is a Rust keyword");
    assert_one_defect(&[&with_field(1, "")], 2, "name `` is empty");
}

#[test]
fn invalid_sdk_name() {
    assert_one_defect(
        &[&with_field(5, "error_code_x")],
        2,
        "must be empty or SCREAMING_SNAKE_CASE",
    );
}

#[test]
fn unknown_category() {
    assert_one_defect(
        &[&with_field(2, "rooms")],
        2,
        "unknown category `rooms` (expected one of request, auth",
    );
}

#[test]
fn unknown_recovery() {
    assert_one_defect(
        &[&with_field(3, "retry-later")],
        2,
        "unknown recovery `retry-later`",
    );
}

#[test]
fn documented_must_be_yes_or_no() {
    assert_one_defect(
        &[&with_field(4, "true")],
        2,
        "`documented` must be `yes` or `no`, not `true`",
    );
}

#[test]
fn empty_message() {
    assert_one_defect(
        &[&with_field(6, "  ")],
        2,
        "message_zh: the message is empty",
    );
    assert_one_defect(&[&with_field(7, "")], 2, "message_en: the message is empty");
}

#[test]
fn unknown_markup() {
    assert_one_defect(
        &[&with_field(6, "进房失败<b>粗</b>")],
        2,
        "message_zh: unknown markup `<b>`",
    );
    assert_one_defect(
        &[&with_field(7, "Failed:<li>a")],
        2,
        "message_en: unknown markup `<li>`",
    );
}

#[test]
fn unbalanced_markup() {
    assert_one_defect(
        &[&with_field(6, "进房失败<li")],
        2,
        "unbalanced markup: `<` without a closing `>`",
    );
    assert_one_defect(
        &[&with_field(6, "进房失败 li/>")],
        2,
        "unbalanced markup: `>` without an opening `<`",
    );
}

#[test]
fn empty_list_item_and_missing_introduction() {
    assert_one_defect(
        &[&with_field(6, "失败，可能原因：<li/>甲<li/> ")
            .replace("The member is not in the room", "F, causes:<li/>a<li/>b")],
        2,
        "a `<li/>` item is empty",
    );
    assert_one_defect(
        &[&with_field(7, "Failed<li/>a")],
        2,
        "must end with a colon that introduces it",
    );
    assert_one_defect(
        &[&with_field(7, "：<li/>a")],
        2,
        "no text before its list of causes",
    );
}

#[test]
fn causes_must_pair_up_across_languages() {
    assert_one_defect(
        &[&with_field(6, "失败，可能原因：<li/>甲<li/>乙")],
        2,
        "message_zh lists 2 causes but message_en lists 0",
    );
}

#[test]
fn every_defect_of_a_row_is_reported_and_rows_are_independent() {
    let bad = "x\tlower\tnowhere\tlater\tmaybe\tbad\t\t";
    let errors = errors_of(&[
        GOOD_ROW,
        bad,
        &with_field(3, "soon").replace("203010", "203009"),
    ]);
    let lines: Vec<usize> = errors.iter().map(|e| e.line).collect();
    assert_eq!(lines, [3, 3, 3, 3, 3, 3, 3, 3, 4], "{errors:#?}");
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
