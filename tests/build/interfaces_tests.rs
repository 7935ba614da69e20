//! The parser and validator of `interfaces.tsv` and `interface_codes.tsv`
//! (`build/interfaces.rs`), and what `build/emit_interfaces.rs` generates from
//! them: one test per kind of defect, each checking the `FILE:LINE: message`
//! it reports.

use crate::emit_interfaces;
use crate::interfaces::{
    API_NAMES, Interfaces, Pairs, Scope, coverage_defects, missing_api_types, parse_interfaces,
    parse_pairs, rust_sources, upper_camel,
};
use crate::table::{self, Table, TableError};
use crate::vocabulary::{Evidence, Recovery};

const INTERFACES_HEADER: &str = "interface\tquery\tsection\tpurpose";
const PAIRS_HEADER: &str =
    "interface\tcode\tevidence\tbasis\trecovery\trecovery_reason\trecovery_reason_zh";
const LOGIN: &str = "login\tlogin\t1\tLog in.";
const ANCHORS: &str = "get_anchors\ttoken\t7\tThe room's anchors.";
const PAIR: &str = "get_anchors\t204002\tobserved\t§20 [obs]: a report.\t\t\t";
/// An `any` row without an override.
const ANY: &str = "any\t202006\tinferred\tEvery request.\t\t\t";

fn manifest(file: &str) -> Vec<u8> {
    std::fs::read(format!("{}/{file}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

/// The sources of the `api` module, as `build.rs` reads them.
fn real_api_sources() -> Vec<String> {
    rust_sources(std::path::Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/src/api"
    )))
    .unwrap()
}

fn codes() -> Table {
    table::parse("codes.tsv", manifest("codes.tsv")).unwrap()
}

fn lines(header: &str, rows: &[&str]) -> String {
    let mut text = String::from(header);
    for row in rows {
        text.push('\n');
        text.push_str(row);
    }
    text.push('\n');
    text
}

fn two_interfaces() -> Interfaces {
    parse_interfaces(
        "interfaces.tsv",
        lines(INTERFACES_HEADER, &[LOGIN, ANCHORS]),
    )
    .unwrap()
}

fn interface_errors(rows: &[&str]) -> Vec<TableError> {
    parse_interfaces("interfaces.tsv", lines(INTERFACES_HEADER, rows))
        .expect_err("the table should be rejected")
}

fn pair_errors(rows: &[&str]) -> Vec<TableError> {
    parse_pairs(
        "interface_codes.tsv",
        lines(PAIRS_HEADER, rows),
        &codes(),
        &two_interfaces(),
    )
    .expect_err("the table should be rejected")
}

fn pairs_of(rows: &[&str]) -> Pairs {
    parse_pairs(
        "interface_codes.tsv",
        lines(PAIRS_HEADER, rows),
        &codes(),
        &two_interfaces(),
    )
    .unwrap()
}

fn assert_defect(error: &TableError, file: &str, line: usize, needle: &str) {
    let shown = error.to_string();
    assert!(shown.starts_with(&format!("{file}:{line}: ")), "{shown}");
    assert!(
        shown.contains(needle),
        "`{shown}` does not mention `{needle}`"
    );
}

fn assert_one_interface_defect(rows: &[&str], line: usize, needle: &str) {
    let errors = interface_errors(rows);
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert_defect(&errors[0], "interfaces.tsv", line, needle);
}

fn assert_one_pair_defect(rows: &[&str], line: usize, needle: &str) {
    let errors = pair_errors(rows);
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert_defect(&errors[0], "interface_codes.tsv", line, needle);
}

/// `row` with the tab-separated field at `index` replaced.
fn with_field(row: &str, index: usize, value: &str) -> String {
    let mut fields: Vec<&str> = row.split('\t').collect();
    fields[index] = value;
    fields.join("\t")
}

#[test]
fn the_real_tables_are_valid_and_complete() {
    let codes = codes();
    let interfaces = parse_interfaces("interfaces.tsv", manifest("interfaces.tsv")).unwrap();
    let pairs = parse_pairs(
        "interface_codes.tsv",
        manifest("interface_codes.tsv"),
        &codes,
        &interfaces,
    )
    .unwrap();
    assert_eq!(interfaces.rows.len(), 16);
    assert_eq!(interfaces.rows[0].variant, "Login");
    assert_eq!(interfaces.rows[3].path(), "/weapp/live_room/get_anchor_url");
    assert_eq!(
        pairs.rows.iter().filter(|p| p.recovery.is_some()).count(),
        16
    );
    assert_eq!(
        pairs.rows.iter().filter(|p| p.scope == Scope::Any).count(),
        10
    );
    let coverage = coverage_defects(
        "codes.tsv",
        &codes,
        "interfaces.tsv",
        &interfaces,
        "interface_codes.tsv",
        &pairs,
    );
    assert!(coverage.is_empty(), "{coverage:#?}");
    let missing = missing_api_types("interfaces.tsv", &interfaces, &real_api_sources());
    assert!(missing.is_empty(), "{missing:#?}");
}

#[test]
fn a_good_interface_row_parses_with_all_fields() {
    let interfaces = two_interfaces();
    let login = &interfaces.rows[0];
    assert_eq!(
        (login.line, login.name.as_str(), login.variant.as_str()),
        (2, "login", "Login")
    );
    assert!(!login.takes_token);
    assert_eq!(login.section, 1);
    assert_eq!(login.purpose, "Log in.");
    assert!(interfaces.rows[1].takes_token);
    assert_eq!(upper_camel("anchor_heartbeat"), "AnchorHeartbeat");
    assert_eq!(upper_camel("get_custom_info2"), "GetCustomInfo2");
}

#[test]
fn interfaces_share_the_checks_of_every_table() {
    let errors = parse_interfaces("interfaces.tsv", "interface\tquery\n").unwrap_err();
    assert_defect(
        &errors[0],
        "interfaces.tsv",
        1,
        "the header must be the columns interface, query, section, purpose",
    );
    let errors = parse_interfaces("interfaces.tsv", "").unwrap_err();
    assert_defect(&errors[0], "interfaces.tsv", 1, "the table is empty");
    let errors = parse_interfaces("interfaces.tsv", lines(INTERFACES_HEADER, &[])).unwrap_err();
    assert_defect(&errors[0], "interfaces.tsv", 1, "the table has no rows");
    assert_one_interface_defect(
        &["login\tlogin\t1"],
        2,
        "expected 4 tab-separated columns, found 3",
    );
    assert_one_interface_defect(&[LOGIN, "\t\t\t"], 3, "the line holds only whitespace");

    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(lines(INTERFACES_HEADER, &[LOGIN]).as_bytes());
    let errors = parse_interfaces("interfaces.tsv", bom).unwrap_err();
    assert_eq!(errors.len(), 1);
    assert_defect(
        &errors[0],
        "interfaces.tsv",
        1,
        "byte order mark (BOM, U+FEFF)",
    );

    let mut bytes = lines(INTERFACES_HEADER, &[LOGIN]).into_bytes();
    bytes.extend_from_slice(b"get_anchors\ttoken\t7\tThe \xFF anchors.\n");
    let errors = parse_interfaces("interfaces.tsv", bytes).unwrap_err();
    assert_defect(
        &errors[0],
        "interfaces.tsv",
        3,
        "invalid UTF-8: byte 0xFF at column 25",
    );

    assert_one_interface_defect(
        &[&with_field(LOGIN, 3, "Log\rin.")],
        2,
        "purpose: U+000D at character 4 is a carriage return (CR) inside the line",
    );
    assert_one_interface_defect(
        &[&with_field(LOGIN, 3, "Log \u{202E}in.")],
        2,
        "purpose: U+202E at character 5 is a bidirectional control character",
    );
    // A CRLF file is fine.
    let crlf = lines(INTERFACES_HEADER, &[LOGIN, ANCHORS]).replace('\n', "\r\n");
    assert!(parse_interfaces("interfaces.tsv", crlf).is_ok());
}

#[test]
fn bad_wire_names() {
    for (name, needle) in [
        ("GetAnchors", "must be lowercase snake_case"),
        ("get__anchors", "must be lowercase snake_case"),
        ("_login", "must be lowercase snake_case"),
        ("login_", "must be lowercase snake_case"),
        ("get-anchors", "must be lowercase snake_case"),
        ("get_1st", "must be lowercase snake_case"),
        ("", "interface `` is empty"),
        ("any", "is reserved: `any` means every interface"),
        ("none", "its Rust name `None` is reserved"),
        ("other", "its Rust name `Other` is reserved"),
        ("get_a_url", "its Rust name `GetAUrl` has a run of capitals"),
        ("call", "its error type `CallError` would clash"),
        ("server", "its error type `ServerError` would clash"),
        ("protocol", "its error type `ProtocolError` would clash"),
        ("interface", "its Rust name `Interface` is reserved"),
    ] {
        assert_one_interface_defect(&[&with_field(LOGIN, 0, name)], 2, needle);
    }
}

#[test]
fn unknown_query() {
    assert_one_interface_defect(
        &[&with_field(LOGIN, 1, "auth")],
        2,
        "unknown query `auth` (expected token or login",
    );
}

#[test]
fn bad_section() {
    for section in ["0", "01", "x", "256", "", "-1", "1.5"] {
        assert_one_interface_defect(
            &[&with_field(LOGIN, 2, section)],
            2,
            &format!("section `{section}` is not a section number of docs/protocol.md (1 to 255)"),
        );
    }
}

#[test]
fn empty_or_marked_up_purpose() {
    assert_one_interface_defect(&[&with_field(LOGIN, 3, " ")], 2, "purpose: is empty");
    assert_one_interface_defect(
        &[&with_field(LOGIN, 3, "Log <b>in</b>.")],
        2,
        "purpose: markup is not allowed",
    );
}

#[test]
fn duplicate_interface_or_section() {
    assert_one_interface_defect(
        &[LOGIN, ANCHORS, &with_field(LOGIN, 2, "3")],
        4,
        "duplicate interface `login` (first on line 2)",
    );
    assert_one_interface_defect(
        &[LOGIN, &with_field(ANCHORS, 2, "1")],
        3,
        "section 1 is already `login`'s (line 2)",
    );
}

#[test]
fn a_good_pair_row_parses_with_all_fields() {
    let codes = codes();
    let pairs = pairs_of(&[
        PAIR,
        ANY,
        "get_anchors\t203010\tinferred\tNot in the room.\tdone\tAlready out.\t已经不在。",
    ]);
    let row = &pairs.rows[0];
    assert_eq!(
        (row.line, row.index, row.scope),
        (2, 0, Scope::Interface(1))
    );
    assert_eq!(codes.rows[row.code].code, 204002);
    assert_eq!(row.evidence, Evidence::Observed);
    assert_eq!(row.basis, "§20 [obs]: a report.");
    assert_eq!(row.recovery, None);
    assert_eq!(
        (
            row.recovery_reason.as_str(),
            row.recovery_reason_zh.as_str()
        ),
        ("", "")
    );
    assert_eq!(pairs.rows[1].scope, Scope::Any);
    assert_eq!(pairs.rows[1].evidence, Evidence::Inferred);
    let over = &pairs.rows[2];
    assert_eq!(over.recovery, Some(Recovery::Done));
    assert_eq!(over.recovery_reason, "Already out.");
    assert_eq!(over.recovery_reason_zh, "已经不在。");
}

#[test]
fn unknown_interface() {
    assert_one_pair_defect(
        &[&with_field(PAIR, 0, "get_anchor")],
        2,
        "unknown interface `get_anchor` (expected `any` or an interface of interfaces.tsv: login, get_anchors)",
    );
    assert_one_pair_defect(&[&with_field(PAIR, 0, "ANY")], 2, "unknown interface `ANY`");
}

#[test]
fn unknown_or_malformed_code() {
    assert_one_pair_defect(
        &[&with_field(PAIR, 1, "203011")],
        2,
        "unknown code 203011: codes.tsv has no row for it",
    );
    assert_one_pair_defect(
        &[&with_field(PAIR, 1, "2O4002")],
        2,
        "code `2O4002` is not a decimal number",
    );
    assert_one_pair_defect(&[&with_field(PAIR, 1, "0204002")], 2, "has a leading zero");
}

#[test]
fn duplicate_pair() {
    assert_one_pair_defect(
        &[PAIR, "login\t201001\tdocumented\tThe text.\t\t\t", PAIR],
        4,
        "duplicate pair: `get_anchors` with code 204002 is already on line 2",
    );
    assert_one_pair_defect(
        &[ANY, PAIR, ANY],
        4,
        "duplicate pair: `any` with code 202006",
    );
    // An interface's own row for a code that has an `any` row refines it (201002).
    let refined = pairs_of(&[
        PAIR,
        "any\t201002\tsdk-name\tThe SDK.\t\t\t",
        "login\t201002\tdocumented\tThe table.\t\t\t",
    ]);
    assert_eq!(refined.rows.len(), 3);
}

#[test]
fn unknown_evidence() {
    assert_one_pair_defect(
        &[&with_field(PAIR, 2, "doc")],
        2,
        "unknown evidence `doc` (expected one of documented, observed, sdk-name, inferred)",
    );
    // The table keeps the one spelling of each name.
    for other_spelling in ["Observed", "sdk_name", "SDK-NAME"] {
        assert_one_pair_defect(
            &[&with_field(PAIR, 2, other_spelling)],
            2,
            &format!("unknown evidence `{other_spelling}`"),
        );
    }
}

#[test]
fn codes_only_the_sdks_define_cannot_be_documented() {
    assert_one_pair_defect(
        &["get_anchors\t204000\tdocumented\tThe group.\t\t\t"],
        2,
        "code 204000 is not in the official table (`documented` is `no` in codes.tsv), so no \
         pair of it can be `documented`",
    );
    assert!(
        parse_pairs(
            "interface_codes.tsv",
            lines(
                PAIRS_HEADER,
                &["get_anchors\t204000\tinferred\tThe group.\t\t\t"]
            ),
            &codes(),
            &two_interfaces()
        )
        .is_ok()
    );
}

#[test]
fn empty_or_marked_up_basis() {
    assert_one_pair_defect(&[&with_field(PAIR, 3, "")], 2, "basis: is empty");
    assert_one_pair_defect(
        &[&with_field(PAIR, 3, "<i>seen</i>")],
        2,
        "basis: markup is not allowed",
    );
}

/// `row` with the override columns set: recovery, reason, reason in Chinese.
fn with_override(row: &str, recovery: &str, reason: &str, reason_zh: &str) -> String {
    with_field(
        &with_field(&with_field(row, 4, recovery), 5, reason),
        6,
        reason_zh,
    )
}

#[test]
fn overrides_need_a_reason_and_must_change_the_recovery() {
    let over = |recovery: &str, reason: &str| with_override(PAIR, recovery, reason, "因为。");
    assert_one_pair_defect(
        &[&over("done", "")],
        2,
        "the override `done` has no recovery_reason: say in one sentence why",
    );
    assert_one_pair_defect(
        &[&with_override(PAIR, "", "Because.", "")],
        2,
        "a recovery_reason without a recovery",
    );
    assert_one_pair_defect(
        &[&with_override(PAIR, "", "", "因为。")],
        2,
        "a recovery_reason without a recovery",
    );
    // 204002's own recovery is retry.
    assert_one_pair_defect(
        &[&over("retry", "Because.")],
        2,
        "the override `retry` is code 204002's own recovery: an override must change it",
    );
    assert_one_pair_defect(
        &[&over("later", "Because.")],
        2,
        "unknown recovery `later` (expected one of fix-request",
    );
    assert_one_pair_defect(
        &[&over("give_up", "Because.")],
        2,
        "unknown recovery `give_up`",
    );
    assert_one_pair_defect(
        &[&over("give-up", "Because <b>so</b>.")],
        2,
        "recovery_reason: markup is not allowed",
    );
    // Every recovery may be an override, the call-specific ones included.
    for recovery in Recovery::ALL.iter().filter(|r| **r != Recovery::Retry) {
        let row = over(recovery.name(), "Because.");
        assert!(
            parse_pairs(
                "interface_codes.tsv",
                lines(PAIRS_HEADER, &[&row]),
                &codes(),
                &two_interfaces()
            )
            .is_ok(),
            "{row}"
        );
    }
}

#[test]
fn an_override_needs_its_reason_in_chinese_too() {
    // As specific as the English one: the same message but for the column and the language.
    let missing_en = pair_errors(&[&with_override(PAIR, "give-up", "", "因为。")]);
    let missing_en = missing_en[0].to_string();
    assert_eq!(
        missing_en,
        "interface_codes.tsv:2: the override `give-up` has no recovery_reason: say in one \
         sentence why the code has this recovery in this call"
    );
    let errors = pair_errors(&[&with_override(PAIR, "give-up", "Because.", "")]);
    let shown: Vec<String> = errors.iter().map(ToString::to_string).collect();
    assert_eq!(
        shown,
        [missing_en
            .replace("recovery_reason:", "recovery_reason_zh:")
            .replace("one sentence", "one sentence, in Chinese,")]
    );
    assert_eq!(
        shown,
        [
            "interface_codes.tsv:2: the override `give-up` has no recovery_reason_zh: say in one \
             sentence, in Chinese, why the code has this recovery in this call"
        ]
    );
    // Validated as the English reason is: trimmed, then plain text.
    assert_one_pair_defect(
        &[&with_override(PAIR, "give-up", "Because.", " \u{3000} ")],
        2,
        "the override `give-up` has no recovery_reason_zh",
    );
    assert_one_pair_defect(
        &[&with_override(
            PAIR,
            "give-up",
            "Because.",
            "因为<b>如此</b>。",
        )],
        2,
        "recovery_reason_zh: markup is not allowed (`<` or `>`): write plain text",
    );
    assert_one_pair_defect(
        &[&with_override(
            PAIR,
            "give-up",
            "Because.",
            "因为\u{200E}。",
        )],
        2,
        "recovery_reason_zh: U+200E at character 3 is a bidirectional control character",
    );
    // Both reasons missing: both are reported.
    let errors = pair_errors(&[&with_override(PAIR, "give-up", "", "")]);
    assert_eq!(errors.len(), 2, "{errors:#?}");
    assert_defect(
        &errors[0],
        "interface_codes.tsv",
        2,
        "has no recovery_reason: say in one sentence why",
    );
    assert_defect(
        &errors[1],
        "interface_codes.tsv",
        2,
        "has no recovery_reason_zh: say in one sentence, in Chinese, why",
    );
}

#[test]
fn an_any_row_cannot_override_the_recovery() {
    // Whatever the recovery: the call-specific ones, and the code's own (retry).
    for recovery in Recovery::ALL {
        let row = with_override(ANY, recovery.name(), "Because.", "因为。");
        let shown: Vec<String> = pair_errors(&[PAIR, &row])
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(
            shown,
            [
                "interface_codes.tsv:3: an `any` row cannot override the recovery: an override \
              belongs to one call; for every call, change the code's own recovery in codes.tsv"
            ],
            "{recovery}"
        );
    }
    // The same code with an override on a row of its own interface is fine.
    let own = with_override(ANY, "give-up", "Because.", "因为。").replacen("any", "login", 1);
    assert!(
        parse_pairs(
            "interface_codes.tsv",
            lines(PAIRS_HEADER, &[ANY, &own]),
            &codes(),
            &two_interfaces()
        )
        .is_ok()
    );
}

#[test]
fn pairs_share_the_checks_of_every_table() {
    assert_one_pair_defect(
        &["get_anchors\t204002\tobserved"],
        2,
        "expected 7 tab-separated columns, found 3",
    );
    assert_one_pair_defect(
        &[&with_field(PAIR, 3, "seen\u{200B}")],
        2,
        "basis: U+200B at character 5 is an invisible format character",
    );
    assert_one_pair_defect(
        &[&with_field(PAIR, 0, "get_anchors\r")],
        2,
        "interface: U+000D at character 12 is a carriage return (CR) inside the line",
    );
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(lines(PAIRS_HEADER, &[PAIR]).as_bytes());
    let errors = parse_pairs("interface_codes.tsv", bom, &codes(), &two_interfaces()).unwrap_err();
    assert_defect(&errors[0], "interface_codes.tsv", 1, "byte order mark");
    let errors = parse_pairs(
        "interface_codes.tsv",
        "interface\tcode\n",
        &codes(),
        &two_interfaces(),
    )
    .unwrap_err();
    assert_defect(
        &errors[0],
        "interface_codes.tsv",
        1,
        "the header must be the columns interface, code, evidence",
    );
}

#[test]
fn every_defect_of_a_row_is_reported() {
    let errors = pair_errors(&["nowhere\t203011\tdoc\t\tlater\t\t"]);
    let shown: Vec<String> = errors.iter().map(ToString::to_string).collect();
    assert_eq!(errors.len(), 5, "{shown:#?}");
    assert!(errors.iter().all(|e| e.line == 2));
}

#[test]
fn an_interface_without_codes_and_a_code_without_an_interface() {
    let codes = codes();
    let interfaces = two_interfaces();
    // Only `any` rows for login, and most codes in no row at all.
    let pairs = pairs_of(&[PAIR, ANY]);
    let defects = coverage_defects(
        "codes.tsv",
        &codes,
        "interfaces.tsv",
        &interfaces,
        "interface_codes.tsv",
        &pairs,
    );
    let login = defects
        .iter()
        .find(|d| d.file == "interfaces.tsv")
        .expect("login has no codes");
    assert_eq!(
        login.to_string(),
        "interfaces.tsv:2: interface `login` has no codes: give it at least one row in \
         interface_codes.tsv (the `any` rows do not count)"
    );
    assert_eq!(
        defects
            .iter()
            .filter(|d| d.file == "interfaces.tsv")
            .count(),
        1
    );
    let uncovered: Vec<&TableError> = defects.iter().filter(|d| d.file == "codes.tsv").collect();
    assert_eq!(uncovered.len(), codes.rows.len() - 2);
    // On the code's own line of codes.tsv (rows are in code order there).
    assert_eq!(
        uncovered[0].to_string(),
        "codes.tsv:2: code 200100 belongs to no interface: give it a row in \
         interface_codes.tsv (an interface, or `any`)"
    );
    assert!(
        !uncovered
            .iter()
            .any(|d| d.message.contains("204002") || d.message.contains("202006"))
    );
}

#[test]
fn an_interface_lists_its_own_rows_then_the_codes_of_any() {
    let codes = codes();
    let pairs = pairs_of(&[
        PAIR,
        "any\t201002\tsdk-name\tThe SDK.\t\t\t",
        "any\t200100\tdocumented\tAny request.\t\t\t",
        "get_anchors\t201002\tinferred\tOurs.\t\t\t",
    ]);
    let listed: Vec<(u32, bool)> = (pairs.of_interface(1).into_iter())
        .map(|e| (codes.rows[e.pair.code].code, e.any))
        .collect();
    // In code order; its own 201002 row wins over the `any` one.
    assert_eq!(listed, [(200100, true), (201002, false), (204002, false)]);
    let login: Vec<(u32, bool)> = (pairs.of_interface(0).into_iter())
        .map(|e| (codes.rows[e.pair.code].code, e.any))
        .collect();
    assert_eq!(login, [(200100, true), (201002, true)]);
    assert!(pairs.any_interface(pairs.rows[1].code));
    assert!(!pairs.any_interface(pairs.rows[0].code));
}

#[test]
fn the_generated_code_names_everything_once() {
    let codes = codes();
    let interfaces = parse_interfaces("interfaces.tsv", manifest("interfaces.tsv")).unwrap();
    let pairs = parse_pairs(
        "interface_codes.tsv",
        manifest("interface_codes.tsv"),
        &codes,
        &interfaces,
    )
    .unwrap();
    let files = emit_interfaces::files(&codes, &interfaces, &pairs);
    let names: Vec<&str> = files.iter().map(|(name, _)| *name).collect();
    assert_eq!(
        names,
        [
            "interface.rs",
            "api_errors.rs",
            "api_calls.rs",
            "api_table.txt"
        ]
    );
    let module = &files[0].1;
    for row in &interfaces.rows {
        assert!(module.contains(&format!(
            "        b{:?} => Some(Interface::{}),",
            row.name, row.variant
        )));
        assert!(
            files[1]
                .1
                .contains(&format!("    {}Error: {} {{", row.variant, row.variant))
        );
        assert!(files[3].1.contains(&format!(
            "[`{}`](crate::Interface::{})",
            row.name, row.variant
        )));
    }
    assert!(
        files[2]
            .1
            .contains("    Login: LoginRequest, LoginQuery => LoginReply, LoginError;")
    );
    assert!(
        files[2]
            .1
            .contains("    Logout: LogoutRequest, AuthQuery => LogoutReply, LogoutError;")
    );
    // Each row's texts are written once, whatever the number of interfaces an `any` row reaches.
    let rate = pairs
        .rows
        .iter()
        .find(|p| codes.rows[p.code].code == 202006)
        .unwrap();
    assert_eq!(module.matches(&format!("{:?}", rate.basis)).count(), 1);
    assert!(module.contains("const CODE_ANY: [bool; 50] = ["));
}

#[test]
fn each_pair_is_specific_exactly_when_a_row_names_its_interface() {
    let codes = codes();
    let interfaces = parse_interfaces("interfaces.tsv", manifest("interfaces.tsv")).unwrap();
    let pairs = parse_pairs(
        "interface_codes.tsv",
        manifest("interface_codes.tsv"),
        &codes,
        &interfaces,
    )
    .unwrap();
    let module = emit_interfaces::interface_module(&codes, &interfaces, &pairs);
    let (mut specific, mut any) = (0, 0);
    for (index, row) in interfaces.rows.iter().enumerate() {
        for expanded in pairs.of_interface(index) {
            let (pair, code) = (expanded.pair, &codes.rows[expanded.pair.code]);
            // `specific` is the negation of "comes from an `any` row".
            let head = format!(
                "    InterfaceCodePair {{ interface: Interface::{}, code: ErrorCode::{}, \
                 evidence: Evidence::{:?}, specific: {}, basis: PAIR_TEXTS[{}].0, ",
                row.variant, code.name, pair.evidence, !expanded.any, pair.index
            );
            // An override's texts are the row's; otherwise the code's own.
            let tail = match pair.recovery {
                Some(recovery) => format!(
                    "recovery: Recovery::{recovery:?}, recovery_reason: PAIR_TEXTS[{0}].1, \
                     recovery_reason_zh: PAIR_TEXTS[{0}].2, overridden: true }},",
                    pair.index
                ),
                None => format!(
                    "recovery: ErrorCode::{0}.recovery(), recovery_reason: \
                     ErrorCode::{0}.recovery_reason(), recovery_reason_zh: \
                     ErrorCode::{0}.recovery_reason_zh(), overridden: false }},",
                    code.name
                ),
            };
            assert!(
                module.contains(&format!("{head}{tail}\n")),
                "{} {}: {head}{tail}",
                row.name,
                code.code
            );
            *(if expanded.any {
                &mut any
            } else {
                &mut specific
            }) += 1;
        }
    }
    assert_eq!(module.matches("specific: true").count(), specific);
    assert_eq!(module.matches("specific: false").count(), any);
    assert!(any > 0 && specific > 0);
}

#[test]
fn texts_in_generated_docs_are_escaped() {
    let codes = codes();
    let interfaces = parse_interfaces(
        "interfaces.tsv",
        lines(
            INTERFACES_HEADER,
            &["login\tlogin\t1\tLog in [with] *stars* and `ticks`."],
        ),
    )
    .unwrap();
    let pairs = parse_pairs(
        "interface_codes.tsv",
        lines(
            PAIRS_HEADER,
            &["login\t201001\tdocumented\t§20 [doc]: a_b *c* \"quoted\" {braces}.\tdone\tAll [set].\t全部\"{完成}\"。"],
        ),
        &codes,
        &interfaces,
    )
    .unwrap();
    let module = emit_interfaces::interface_module(&codes, &interfaces, &pairs);
    assert!(module.contains(r"/// `login`: Log in \[with\] \*stars\* and \`ticks\`."));
    assert!(module.contains(r"`done` here — All \[set\]."));
    // Strings are Rust literals, quotes and braces included.
    assert!(module.contains(
        r#"("§20 [doc]: a_b *c* \"quoted\" {braces}.", "All [set].", "全部\"{完成}\"。")"#
    ));
    let errors = emit_interfaces::api_errors(&codes, &interfaces, &pairs);
    assert!(errors.contains(r"§20 \[doc\]: a\_b \*c\* "));
}

/// The `api` sources of a crate that declares the types of `login` only,
/// split over two files as `src/api/` is.
fn login_types_only() -> Vec<String> {
    vec![
        "/// Its body.\npub struct LoginRequest {\n    pub user_id: String,\n}\n".to_owned(),
        "pub struct LoginReply {}\n".to_owned(),
    ]
}

#[test]
fn an_interface_needs_its_request_and_reply_types() {
    let interfaces = two_interfaces();
    let shown = |sources: &[String]| -> Vec<String> {
        (missing_api_types("interfaces.tsv", &interfaces, sources).iter())
            .map(ToString::to_string)
            .collect()
    };
    assert_eq!(
        shown(&login_types_only()),
        [
            "interfaces.tsv:3: interface `get_anchors` has no request type: declare \
             `pub struct GetAnchorsRequest` in the `api` module (src/api/)",
            "interfaces.tsv:3: interface `get_anchors` has no reply type: declare \
             `pub struct GetAnchorsReply` in the `api` module (src/api/)",
        ]
    );
    // Each declaration form counts: braced, unit, tuple, generic, on the next line.
    for declaration in [
        "pub struct GetAnchorsReply {",
        "pub struct GetAnchorsReply;",
        "pub struct GetAnchorsReply(pub Vec<Anchor>);",
        "pub struct GetAnchorsReply<T>",
        "pub struct GetAnchorsReply\nwhere",
        "pub struct GetAnchorsReply {}",
    ] {
        let mut sources = login_types_only();
        sources.push(format!("pub struct GetAnchorsRequest {{}}\n{declaration}"));
        assert_eq!(shown(&sources), Vec::<String>::new(), "{declaration:?}");
    }
    // A longer name, or a type that is not public, is not the type.
    for declaration in [
        "pub struct GetAnchorsReplyBody {}",
        "pub struct GetAnchorsReply2 {}",
        "struct GetAnchorsReply {}",
        // In a comment, it is not declared.
        "// pub struct GetAnchorsReply {}",
        "//! pub struct GetAnchorsReply {}",
        "/// See pub struct GetAnchorsReply {}",
    ] {
        let mut sources = login_types_only();
        sources.push(format!(
            "pub struct GetAnchorsRequest {{}}\n{declaration}\n"
        ));
        assert_eq!(
            shown(&sources),
            [
                "interfaces.tsv:3: interface `get_anchors` has no reply type: declare \
              `pub struct GetAnchorsReply` in the `api` module (src/api/)"
            ],
            "{declaration:?}"
        );
    }
    // Without any source, every interface lacks both, each on its own line.
    let lines: Vec<usize> = (missing_api_types("interfaces.tsv", &interfaces, &[]).iter())
        .map(|e| e.line)
        .collect();
    assert_eq!(lines, [2, 2, 3, 3]);
}

/// Every hand-written `…Error` type of the `api` module is one a generated
/// error enum may not take: a new one must join `API_NAMES`, or an interface
/// of that name would fail in rustc instead of at its line.
#[test]
fn the_names_a_generated_error_may_not_take_are_the_api_modules_own() {
    let mut found = Vec::new();
    for source in real_api_sources() {
        for words in source
            .lines()
            .map(|line| line.split_whitespace().collect::<Vec<_>>())
        {
            if let ["pub", "struct" | "enum" | "trait", name, ..] = words[..] {
                let name = name
                    .split(|c: char| !c.is_alphanumeric())
                    .next()
                    .unwrap_or_default();
                if name.ends_with("Error") {
                    found.push(name.to_owned());
                }
            }
        }
    }
    found.sort();
    assert_eq!(found, API_NAMES);
}

/// `build.rs` gives `missing_api_types` the `rust_sources` of `src/api`: every
/// `.rs` file there and in its subdirectories (a submodule declares types
/// too), and nothing else.
#[test]
fn the_api_sources_are_every_rust_file_under_the_directory() {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("api_sources");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("rooms/anchors")).unwrap();
    for (file, contents) in [
        ("mod.rs", "pub struct LoginRequest {}\n".as_bytes()),
        ("rooms/mod.rs", b"pub struct LoginReply;\n"),
        ("rooms/anchors/list.rs", b"pub struct GetAnchorsReply {}\n"),
        // Neither a Rust file nor UTF-8: neither counts.
        ("rooms/notes.md", b"pub struct GetAnchorsRequest {}\n"),
        ("rooms/broken.rs", b"\xFF pub struct GetAnchorsRequest {}\n"),
    ] {
        std::fs::write(dir.join(file), contents).unwrap();
    }
    let mut sources = rust_sources(&dir).unwrap();
    sources.sort();
    assert_eq!(
        sources,
        [
            "pub struct GetAnchorsReply {}\n",
            "pub struct LoginReply;\n",
            "pub struct LoginRequest {}\n"
        ]
    );
    let shown: Vec<String> = (missing_api_types("interfaces.tsv", &two_interfaces(), &sources))
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        shown,
        [
            "interfaces.tsv:3: interface `get_anchors` has no request type: declare \
             `pub struct GetAnchorsRequest` in the `api` module (src/api/)"
        ]
    );
    assert!(rust_sources(&dir.join("nowhere")).is_err());
}
