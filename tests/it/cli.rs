//! The `liveroom-errors` binary, run as a user would: every subcommand and
//! format, exit statuses, and bad input that must get a clear error in the one
//! format (`error: …`, then `help: …` lines), never a panic.

use std::io::{Read, Write};
use std::process::{Child, Command, Output, Stdio};

use liveroom_errors::{Category, ErrorCode, Interface, InterfaceCode, Recovery, api, docs};

/// The most `decode` reads, as `--help` and the README name it (4 MiB).
const MAX_INPUT: usize = 4 * 1024 * 1024;

/// The binary with no language in its environment (so Chinese, the default)
/// plus `env`.
fn command(args: &[&str], env: &[(&str, &str)]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_liveroom-errors"));
    command.args(args).env("RUST_BACKTRACE", "1");
    for var in ["LIVEROOM_LANG", "LC_ALL", "LC_MESSAGES", "LANG"] {
        command.env_remove(var);
    }
    command.envs(env.iter().copied());
    command
}

fn run(args: &[&str]) -> Output {
    run_with_stdin(args, b"")
}

fn run_env(args: &[&str], env: &[(&str, &str)]) -> Output {
    command(args, env).stdin(Stdio::null()).output().unwrap()
}

fn spawn(args: &[&str]) -> Child {
    command(args, &[])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

fn run_with_stdin(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = spawn(args);
    let mut input = child.stdin.take().unwrap();
    let stdin = stdin.to_vec();
    // A thread, and errors ignored: the command may stop reading early (the cap).
    let writer = std::thread::spawn(move || {
        let _ = input.write_all(&stdin);
    });
    let output = child.wait_with_output().unwrap();
    writer.join().unwrap();
    output
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).unwrap()
}

/// Exit status `code`, and no panic.
fn assert_status(output: &Output, code: i32) {
    assert_eq!(
        output.status.code(),
        Some(code),
        "stdout: {}\nstderr: {}",
        stdout(output),
        stderr(output)
    );
    let err = stderr(output);
    assert!(
        !err.contains("panicked")
            && !err.contains("RUST_BACKTRACE")
            && !err.contains("stack backtrace"),
        "{err}"
    );
}

/// Exit status `code` and one error on stderr in the one format: an `error:`
/// line, then only `help:` lines; `needle` somewhere in it.
fn assert_one_error(output: &Output, code: i32, needle: &str) {
    assert_status(output, code);
    let err = stderr(output);
    let mut lines = err.lines();
    assert!(
        lines.next().is_some_and(|l| l.starts_with("error: ")),
        "{err}"
    );
    assert!(lines.all(|l| l.starts_with("help: ")), "{err}");
    assert!(err.contains(needle), "`{err}` does not mention `{needle}`");
}

#[test]
fn a_bare_code_explains_everything() {
    let output = run(&["203006"]);
    assert_status(&output, 0);
    let text = stdout(&output);
    for needle in [
        "203006 EnterRoomFailed",
        "说明：     进房失败",
        "英文：     Failed to enter the room",
        "可能原因： - 未开通直播",
        "类别：     room",
        "恢复方式： configure（",
        "可重试：   否",
        "SDK 常量： ERROR_CODE_ENTER_ROOM",
        "官方文本： 是：中文为官方错误码表原文",
    ] {
        assert!(text.contains(needle), "missing {needle:?} in\n{text}");
    }
    assert_eq!(
        stdout(&run(&["explain", "203006"])),
        text,
        "`explain` and the shorthand agree"
    );
}

#[test]
fn explain_names_the_interfaces_with_their_evidence() {
    let text = stdout(&run(&["--lang", "en", "203010"]));
    let from: Vec<&str> = (text.lines())
        .skip_while(|l| !l.starts_with("  from:"))
        .take_while(|l| l.starts_with("  from:") || l.starts_with("             - "))
        .collect();
    assert_eq!(from.len(), 3, "{text}");
    assert!(
        from[0]
            .starts_with("  from:      - delete_anchor (inferred): done here — The caller wants")
    );
    assert!(from[1].contains("- anchor_heartbeat (inferred): rejoin here — "));
    assert!(from[2].contains("- delete_audience (inferred): done here — "));

    // A code of any interface names it first; an interface with a row of its own follows.
    let text = stdout(&run(&["--lang", "en", "201002"]));
    assert!(
        text.contains(
            "  from:      - any interface (sdk-name)\n             - login (documented)\n"
        ),
        "{text}"
    );
    let text = stdout(&run(&["--lang", "zh", "204004"]));
    assert!(
        text.contains("  来自接口： - get_anchor_url（observed）\n"),
        "{text}"
    );

    let output = run(&["explain", "--format", "json", "204003"]);
    let json: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    let entry = &json[0];
    assert_eq!(entry["any_interface"], false);
    assert_eq!(
        entry["interfaces"],
        serde_json::json!([{
            "interface": "delete_anchor",
            "evidence": "documented",
            "basis": Interface::DeleteAnchor.error(ErrorCode::DeletePusherFailed).unwrap().basis(),
            "recovery": "done",
            "recovery_reason": Interface::DeleteAnchor.error(ErrorCode::DeletePusherFailed).unwrap().recovery_reason(),
            "override": true,
        }])
    );
}

#[test]
fn list_for_one_interface_shows_the_recovery_in_that_call() {
    let text = stdout(&run(&[
        "list",
        "--interface",
        "delete_anchor",
        "--lang",
        "en",
    ]));
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some("delete_anchor  POST /weapp/live_room/delete_anchor?userID=…&token=…")
    );
    let rows: Vec<&str> = text.lines().filter(|l| l.starts_with("20")).collect();
    assert_eq!(rows.len(), Interface::DeleteAnchor.errors().len());
    let member = rows.iter().find(|l| l.starts_with("203010")).unwrap();
    assert!(
        member.contains("  done*  ") && member.contains("inferred"),
        "{member}"
    );
    let rate = rows.iter().find(|l| l.starts_with("202006")).unwrap();
    assert!(
        rate.contains("retry") && rate.contains("inferred (any)"),
        "{rate}"
    );
    assert!(text.contains("* the recovery in this call, not the code's own"));

    // --recovery filters by the recovery in the call.
    let done = stdout(&run(&[
        "list",
        "--interface",
        "delete_anchor",
        "--recovery",
        "done",
        "--format",
        "tsv",
    ]));
    let codes: Vec<&str> = done.lines().skip(1).map(|l| &l[..6]).collect();
    assert_eq!(codes, ["203010", "204003"]);
    let header: Vec<&str> = done.lines().next().unwrap().split('\t').collect();
    assert_eq!(
        header[13..],
        [
            "evidence",
            "any_interface",
            "call_recovery",
            "override",
            "basis"
        ]
    );
    let row: Vec<&str> = done.lines().nth(1).unwrap().split('\t').collect();
    assert_eq!((row[3], row[15], row[16]), ("give-up", "done", "true"));

    let json: serde_json::Value = serde_json::from_str(&stdout(&run(&[
        "list",
        "--interface",
        "anchor_heartbeat",
        "--category",
        "room",
        "--format",
        "json",
    ])))
    .unwrap();
    let records = json.as_array().unwrap();
    let codes: Vec<u64> = records
        .iter()
        .map(|r| r["code"].as_u64().unwrap())
        .collect();
    assert_eq!(codes, [203000, 203010]);
    assert_eq!(records[1]["recovery"], "give-up");
    assert_eq!(records[1]["call"]["recovery"], "rejoin");
    assert_eq!(records[1]["call"]["interface"], "anchor_heartbeat");

    let markdown = stdout(&run(&[
        "list",
        "--interface",
        "login",
        "--format",
        "markdown",
    ]));
    let mut expected = String::new();
    docs::write_interface_codes_table(&mut expected, Interface::Login.errors()).unwrap();
    assert_eq!(markdown, expected);

    assert_one_error(
        &run(&["list", "--interface", "get_anchor"]),
        2,
        "error: invalid value 'get_anchor' for '--interface <INTERFACE>'",
    );
}

#[test]
fn every_name_form_explains_the_same_code() {
    let expected = stdout(&run(&["203010"]));
    for form in [
        "MemberNotInRoom",
        "member_not_in_room",
        "MEMBER_NOT_IN_ROOM",
        "ERROR_CODE_USER_NOT_IN_ROOM",
        " 203010 ",
    ] {
        let output = run(&["explain", form]);
        assert_status(&output, 0);
        assert_eq!(stdout(&output), expected, "{form}");
    }
}

#[test]
fn english_output_leads_with_english_and_labels_our_texts() {
    let output = run(&["--lang", "en", "202000"]);
    assert_status(&output, 0);
    let text = stdout(&output);
    assert!(
        text.contains(
            "message:   Authentication error (our words, not official)\n  \
             Chinese:   鉴权错误 (our words, not official)"
        ),
        "{text}"
    );
    assert!(text.contains("recovery:  reauthenticate (log in again, then retry)"));
    assert!(text.contains("retryable: no"));
    assert!(text.contains(
        "official:  no: only the client SDKs define this code; both texts are our own words"
    ));
    let documented = stdout(&run(&["--lang", "en", "203010"]));
    assert!(documented.contains("message:   The member is not in the room\n"));
    assert!(documented.contains("official:  yes: the Chinese text is the official table's"));
    let chinese = stdout(&run(&["202000"]));
    assert!(
        chinese.contains("说明：     鉴权错误（本工具自拟，非官方）"),
        "{chinese}"
    );
    assert!(chinese.contains("官方文本： 否：仅客户端 SDK 定义此错误码"));
}

#[test]
fn chinese_output_has_chinese_labels_only() {
    let text = stdout(&run(&["--lang", "zh", "203010"]));
    for english in [
        "message:",
        "Chinese:",
        "causes:",
        "category:",
        "recovery:",
        "retryable:",
        "SDK name:",
        "official:",
        ": yes",
        ": no",
    ] {
        assert!(!text.contains(english), "{english:?} in\n{text}");
    }
    let decoded = stdout(&run(&[
        "decode",
        r#"{"code":0,"message":"Success!","timestamp":0}"#,
    ]));
    assert_eq!(
        decoded,
        "成功（code 0）：\"Success!\"，服务器时间 1970-01-01 00:00:00.000 UTC\n"
    );
}

#[test]
fn language_comes_from_flag_then_liveroom_lang_then_locale() {
    let english = "message:   The member is not in the room";
    let chinese = "说明：     成员不在房间内";
    type Case<'a> = (&'a [&'a str], &'a [(&'a str, &'a str)], &'a str);
    let cases: [Case; 9] = [
        (&[], &[], chinese), // no locale at all: the official table's language
        (&[], &[("LANG", "C.UTF-8")], english),
        (&[], &[("LANG", "en_US.UTF-8")], english),
        (&[], &[("LANG", "zh_CN.UTF-8")], chinese),
        (
            &[],
            &[("LANG", "en_US.UTF-8"), ("LC_MESSAGES", "zh_TW.UTF-8")],
            chinese,
        ),
        (
            &[],
            &[("LC_MESSAGES", "zh_TW.UTF-8"), ("LC_ALL", "C")],
            english,
        ),
        (
            &[],
            &[("LC_ALL", "zh_CN.UTF-8"), ("LIVEROOM_LANG", "en")],
            english,
        ),
        (&["--lang", "zh"], &[("LIVEROOM_LANG", "en")], chinese),
        (&["--lang", "zh"], &[("LANG", "C")], chinese),
    ];
    for (flags, env, expected) in cases {
        let args: Vec<&str> = flags.iter().copied().chain(["203010"]).collect();
        let output = run_env(&args, env);
        assert_status(&output, 0);
        assert!(stdout(&output).contains(expected), "{flags:?} {env:?}");
    }
    // After the command, for every command that prints explanations.
    for args in [
        ["explain", "--lang", "en", "203010"],
        ["search", "--lang", "en", "203010"],
    ] {
        assert!(stdout(&run(&args)).contains("The member is not in the room"));
    }
    let list = stdout(&run(&["list", "--lang", "en", "--category", "room"]));
    assert!(
        list.contains("† not in the official table")
            && list.contains("their messages are our own words")
    );
    let french = run_env(
        &["203010"],
        &[("LIVEROOM_LANG", "fr"), ("LANG", "en_US.UTF-8")],
    );
    assert!(french.status.success());
    assert!(stdout(&french).contains("The member is not in the room"));
    assert!(
        String::from_utf8_lossy(&french.stderr)
            .starts_with("warning: LIVEROOM_LANG=fr is not a language (zh or en): ignored")
    );
    let locale_like = run_env(&["203010"], &[("LIVEROOM_LANG", "zh_CN.UTF-8")]);
    assert!(stdout(&locale_like).contains("成员不在房间内"));
}

#[test]
fn several_arguments_exit_1_when_any_is_unknown() {
    let output = run(&["203010", "203011"]);
    assert_one_error(
        &output,
        1,
        "error: 203011: unknown code; its range (2030xx) is that of room errors",
    );
    assert!(stderr(&output).contains("help: did you mean 203010 MemberNotInRoom"));
    assert!(stdout(&output).contains("203010 MemberNotInRoom"));
    assert_status(&run(&["203010", "202006", "EnterRoomFailed"]), 0);
}

#[test]
fn zero_is_success_not_an_unknown_code() {
    let output = run(&["--lang", "en", "0"]);
    assert_status(&output, 0);
    assert_eq!(
        stdout(&output),
        "0: success, not an error code: a reply with code 0 succeeded\n"
    );
    assert!(stderr(&output).is_empty());
    assert!(stdout(&run(&["explain", "0"])).starts_with("0：成功，不是错误码"));
}

#[test]
fn mistyped_numbers_suggest_codes_one_digit_away() {
    let output = run(&["2030060"]);
    assert_one_error(&output, 1, "help: did you mean 203006 EnterRoomFailed, or");
    let output = run(&["203020"]);
    assert_one_error(&output, 1, "did you mean 203010 MemberNotInRoom");
    // Nothing one digit away: the nearest in value.
    assert_one_error(
        &run(&["300000"]),
        1,
        "help: nearest known: 207006 UnsupportedRoomType",
    );
}

#[test]
fn bad_arguments_get_one_clear_error() {
    let cases: [(&str, i32, &str); 9] = [
        ("", 2, "empty argument"),
        (
            "-1",
            1,
            "negative codes such as -1 are invented by the client SDKs",
        ),
        ("99999999999999999999", 1, "number out of range"),
        (
            "２０３００６",
            1,
            "full-width digits are not a code\nhelp: did you mean 203006?",
        ),
        ("MemberNotInRom", 1, "did you mean MemberNotInRoom"),
        (
            "error_code_verify_faild",
            1,
            "did you mean ERROR_CODE_VERIFY_FAILED",
        ),
        (
            "208001",
            1,
            "208001: unknown code\nhelp: did you mean 207001 StorageFailed",
        ),
        ("2.5", 1, "not a code or a name"),
        (
            "qqqqqqqqqqqqqqqqqqqqqqqq",
            1,
            "unknown name\nhelp: try `liveroom-errors search",
        ),
    ];
    for (arg, code, needle) in cases {
        assert_one_error(&run(&["explain", arg]), code, needle);
    }
    // An argument is echoed escaped: it cannot write to the terminal either.
    let output = run(&["explain", "\u{1b}]0;title\u{7}\u{202e}"]);
    assert_one_error(&output, 1, r"\u{1b}]0;title\u{7}\u{202e}");
    assert!(!stderr(&output).contains(['\u{1b}', '\u{7}', '\u{202e}']));
}

#[test]
fn usage_errors_exit_2_in_the_one_format() {
    assert_one_error(&run(&[]), 2, "nothing to do");
    assert_one_error(
        &run(&["explain"]),
        2,
        "required arguments were not provided: <CODE_OR_NAME>",
    );
    assert_one_error(
        &run(&["list", "--format", "yaml"]),
        2,
        "error: invalid value 'yaml' for '--format <FORMAT>'\nhelp: possible values: text, markdown, json, tsv",
    );
    assert_one_error(
        &run(&["list", "--category", "nope"]),
        2,
        "possible values: request, auth, room",
    );
    assert_one_error(
        &run(&["list", "--bogus"]),
        2,
        "help: usage: liveroom-errors list [OPTIONS]",
    );
    assert_one_error(&run(&["export"]), 2, "--format <FORMAT>");
    assert_one_error(
        &run(&["--lang", "fr", "203010"]),
        2,
        "possible values: zh, en",
    );
    assert_one_error(
        &run(&["--lang", "en", "export", "--format", "json"]),
        2,
        "--lang has no effect on `export`",
    );
    assert_one_error(
        &run(&["export", "--lang", "en", "--format", "json"]),
        2,
        "unexpected argument '--lang'",
    );
}

#[test]
fn help_explains_every_argument_value_and_exit_status() {
    let output = run(&["--help"]);
    assert_status(&output, 0);
    let help = stdout(&output);
    assert!(
        help.contains("Usage: liveroom-errors [--lang <LANG>] <CODE_OR_NAME>...\n"),
        "{help}"
    );
    assert!(
        !help.contains("[COMMAND]"),
        "the misleading usage line is gone"
    );
    for needle in [
        "LIVEROOM_LANG",
        "LC_ALL",
        "Exit status:",
        "  2  bad usage",
        "completions",
        "man ",
    ] {
        assert!(help.contains(needle), "{needle}");
    }
    let list = stdout(&run(&["list", "--help"]));
    for value in Recovery::ALL
        .iter()
        .map(|r| r.name())
        .chain(Category::ALL.iter().map(|c| c.name()))
    {
        assert!(list.contains(&format!("- {value}:")), "{value} in\n{list}");
    }
    assert!(list.contains("- pusher:   codes 2040xx, 2060xx"), "{list}");
    assert!(list.contains("- tsv:"));
    let decode = stdout(&run(&["decode", "--help"]));
    assert!(
        decode.contains("At most 4 MiB are read") && decode.contains("- json:"),
        "{decode}"
    );
    assert!(decode.contains("[INPUT]") && decode.contains("`./{name}`"));
    let export = stdout(&run(&["export", "--help"]));
    assert!(
        !export.contains("--lang"),
        "export offers no --lang:\n{export}"
    );
    assert!(export.contains("- typescript:"));
    assert!(stdout(&run(&["explain", "--help"])).contains("0 is success"));
}

#[test]
fn completions_and_man_page_come_from_clap() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let output = run(&["completions", shell]);
        assert_status(&output, 0);
        let script = stdout(&output);
        assert!(
            script.contains("liveroom-errors") && script.contains("decode"),
            "{shell}"
        );
    }
    assert!(stdout(&run(&["completions", "bash"])).contains("fix-request"));
    let output = run(&["man"]);
    assert_status(&output, 0);
    let page = stdout(&output);
    assert!(page.contains(".TH liveroom-errors 1"), "{page}");
    assert!(page.contains(".SH SYNOPSIS") && page.contains("LIVEROOM_LANG"));
    assert_one_error(&run(&["completions", "tcsh"]), 2, "possible values: bash");
}

#[test]
fn list_in_every_format() {
    let text = stdout(&run(&["list"]));
    assert_eq!(
        text.lines().filter(|l| l.starts_with("20")).count(),
        ErrorCode::COUNT
    );
    assert!(text.contains("203010  MemberNotInRoom"));
    assert!(text.contains("206000† HeartbeatFailed"));
    assert!(
        text.ends_with("† 不在官方错误码表中：仅客户端 SDK 定义，其说明为本工具自拟，非官方文本\n")
    );

    let pusher = stdout(&run(&["list", "--category", "pusher", "--format", "tsv"]));
    let rows: Vec<&str> = pusher.lines().collect();
    assert_eq!(
        rows[0],
        "code\tname\tcategory\trecovery\tretryable\tdocumented\tofficial_text\tsdk_name\t\
         message_zh\tmessage_en\tcauses_zh\tcauses_en\tinterfaces"
    );
    assert_eq!(rows.len() - 1, 8);
    for row in &rows[1..] {
        let fields: Vec<&str> = row.split('\t').collect();
        assert_eq!((fields.len(), fields[2]), (13, "pusher"));
        let code = ErrorCode::from_code(fields[0].parse().unwrap()).unwrap();
        assert_eq!(fields[6], code.is_documented().to_string());
    }
    assert!(pusher.contains("206000\tHeartbeatFailed\tpusher\tretry\ttrue\tfalse\tfalse\t"));
    assert!(pusher.contains("\tadd_anchor,delete_anchor,anchor_heartbeat\n"));
    let any = stdout(&run(&["list", "--category", "request", "--format", "tsv"]));
    assert!(any.contains("200100\tMalformedRequest\t"), "{any}");
    assert!(
        any.lines()
            .any(|l| l.starts_with("201002\t") && l.ends_with("\tany,login"))
    );

    let json: serde_json::Value = serde_json::from_str(&stdout(&run(&[
        "list",
        "--recovery",
        "retry",
        "--format",
        "json",
    ])))
    .unwrap();
    let records = json.as_array().unwrap();
    assert_eq!(
        records.len(),
        ErrorCode::ALL.iter().filter(|c| c.is_retryable()).count()
    );
    assert!(
        records
            .iter()
            .all(|r| r["recovery"] == "retry" && r["retryable"] == true)
    );
    assert!(records.iter().any(|r| r["official_text"] == false));

    let markdown = stdout(&run(&["list", "--format", "markdown"]));
    let mut expected = String::new();
    docs::write_markdown_table(&mut expected, &ErrorCode::ALL).unwrap();
    assert_eq!(markdown, expected);

    let both = stdout(&run(&[
        "list",
        "--category",
        "auth",
        "--recovery",
        "configure",
    ]));
    assert!(
        both.starts_with("202003  InvalidImAuthResponse")
            && both
                .lines()
                .nth(1)
                .unwrap_or_default()
                .starts_with("202005  UnknownSdkAppId")
            && both.lines().count() == 2,
        "{both}"
    );
}

#[test]
fn search_is_case_insensitive_over_every_text_and_digits() {
    let output = run(&["search", "ROOM_ID"]);
    assert_status(&output, 0);
    assert!(stdout(&output).contains("GetRoomIdFailed"));
    let causes = stdout(&run(&["search", "域名"]));
    assert_eq!(causes.lines().count(), 3, "{causes}");
    let english = stdout(&run(&["--lang", "en", "search", "custom domain"]));
    assert!(english.contains("EnterRoomFailed") && english.contains("Failed to enter the room"));
    assert!(stdout(&run(&["search", "error_code_verify"])).contains("202001"));

    let digits = stdout(&run(&["search", "2030"]));
    let codes: Vec<&str> = (digits.lines())
        .filter(|l| !l.starts_with('†'))
        .map(|l| &l[..6])
        .collect();
    let expected: Vec<String> = (ErrorCode::ALL.iter())
        .filter(|c| c.code() / 100 == 2030)
        .map(|c| c.code().to_string())
        .collect();
    assert_eq!(codes, expected);
    assert!(stdout(&run(&["search", "6001"])).contains("206001  SetHeartbeatFailed"));

    assert_one_error(
        &run(&["search", "no such text anywhere"]),
        1,
        "no code mentions",
    );
    assert_one_error(&run(&["search", ""]), 2, "empty search text");
}

#[test]
fn decode_explains_replies_and_rejects_everything_else() {
    let success =
        br#"{"code":0,"message":"Success!","timestamp":1565610959661,"token":"t","userID":"u"}"#;
    let output = run_with_stdin(&["decode", "--lang", "en"], success);
    assert_status(&output, 0);
    assert_eq!(
        stdout(&output),
        "success (code 0): \"Success!\", server time 2019-08-12 11:55:59.661 UTC\n"
    );

    let failure =
        br#"{"code":204004,"message":"get push and acc url failed!","timestamp":1577087588457}"#;
    let output = run_with_stdin(&["--lang", "en", "decode", "-"], failure);
    assert_status(&output, 1);
    let text = stdout(&output);
    assert!(
        text.starts_with(
            "server error 204004: \"get push and acc url failed!\", server time 2019-12-23"
        ),
        "{text}"
    );
    assert!(
        text.contains("204004 GetAcceleratedUrlFailed") && text.contains("recovery:  configure")
    );

    let file =
        std::env::temp_dir().join(format!("liveroom-errors-reply-{}.json", std::process::id()));
    std::fs::write(&file, br#"{"code":203011,"message":"new"}"#).unwrap();
    let output = run(&["decode", "--lang", "en", file.to_str().unwrap()]);
    std::fs::remove_file(&file).unwrap();
    assert_status(&output, 1);
    assert!(stdout(&output).contains("unknown code in the range of room errors"));

    let merge = br#"{"code":0,"message":"Success!","merge_code":1001,"merge_msg":"no input"}"#;
    let output = run_with_stdin(&["decode", "--lang", "en"], merge);
    assert_status(&output, 1);
    assert!(
        stdout(&output)
            .contains("but the stream mix failed (merge_stream): merge_code 1001, \"no input\"")
    );

    let legacy = br#"{"code":-1,"error":"db down"}"#;
    let output = run_with_stdin(&["decode", "--lang", "en"], legacy);
    assert_status(&output, 1);
    assert!(stdout(&output).contains("server error -1: \"db down\""));
    assert!(stdout(&output).contains("negative codes come from the client SDKs"));
}

#[test]
fn decode_takes_the_body_as_an_argument() {
    let body = r#"{"code":204004,"message":"get push and acc url failed!"}"#;
    let from_argument = run(&["decode", body]);
    assert_status(&from_argument, 1);
    assert!(stdout(&from_argument).contains("204004 GetAcceleratedUrlFailed"));
    assert_eq!(
        stdout(&from_argument),
        stdout(&run_with_stdin(&["decode"], body.as_bytes()))
    );
    // Leading whitespace, as a here-document or a pretty printer leaves it.
    assert_status(&run(&["decode", "\n  {\"code\":0}"]), 0);
    // `[` is taken as a body too, so that the error names the real problem.
    assert_one_error(
        &run(&["decode", " [1]"]),
        2,
        "reply body is an array, not a JSON object",
    );
    // Anything else is a path; `./` reaches a file whose name starts with `{`.
    let dir = std::env::temp_dir().join(format!("liveroom-errors-arg-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("{odd}.json"), br#"{"code":0}"#).unwrap();
    let output = command(&["decode", "./{odd}.json"], &[])
        .current_dir(&dir)
        .output()
        .unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
    assert_status(&output, 0);
    assert_one_error(
        &run(&["decode", "code:0"]),
        2,
        "cannot read code:0: No such file or directory (os error 2)\n\
         help: a reply body given as an argument starts with `{`",
    );
}

#[test]
fn decode_escapes_every_text_from_the_reply() {
    let body = br#"{"code":203010,"message":"x\u001b[31mred\u001b]0;title\u0007 \u202egnp.exe\u2066 \u0085\u007f\"","timestamp":1}"#;
    let output = run_with_stdin(&["decode", "--lang", "en"], body);
    assert_status(&output, 1);
    let text = stdout(&output);
    assert!(
        text.starts_with(
            r#"server error 203010: "x\u{1b}[31mred\u{1b}]0;title\u{7} \u{202e}gnp.exe\u{2066} \u{85}\u{7f}\"", server time"#
        ),
        "{text}"
    );
    let merge =
        br#"{"code":0,"message":"ok\u001b[2J","merge_code":-3,"merge_msg":"\u202e\u001b[1;1H\n"}"#;
    let output = run_with_stdin(&["decode", "--lang", "en"], merge);
    assert_status(&output, 1);
    let text = stdout(&output);
    assert!(text.contains(r#""ok\u{1b}[2J""#), "{text}");
    assert!(
        text.contains(r#"merge_code -3, "\u{202e}\u{1b}[1;1H\n""#),
        "{text}"
    );
    // JSON output: the same strings after parsing, no raw control on the terminal.
    let output = run_with_stdin(&["decode", "--format", "json"], merge);
    let raw = stdout(&output);
    let json: serde_json::Value = serde_json::from_str(&raw).unwrap();
    assert_eq!(json["message"], "ok\u{1b}[2J");
    assert_eq!(json["merge_message"], "\u{202e}\u{1b}[1;1H\n");
    // Errors that quote their input are escaped too.
    let output = run(&["decode", "/nonexistent/\u{1b}[2J\u{202e}\u{9b}"]);
    assert_one_error(
        &output,
        2,
        r"cannot read /nonexistent/\u{1b}[2J\u{202e}\u{9b}: ",
    );
    for out in [raw, stdout(&output), stderr(&output), text] {
        assert!(
            !out.contains([
                '\u{1b}', '\u{7}', '\u{7f}', '\u{85}', '\u{9b}', '\u{202e}', '\u{2066}'
            ]),
            "{out}"
        );
    }
}

#[test]
fn decode_reads_at_most_4_mib() {
    // Exactly the cap: a valid reply, padded with JSON whitespace.
    let mut body = br#"{"code":0,"message":"Success!"}"#.to_vec();
    body.resize(MAX_INPUT, b' ');
    assert_status(&run_with_stdin(&["decode"], &body), 0);
    body.push(b' ');
    assert_one_error(
        &run_with_stdin(&["decode"], &body),
        2,
        "error: standard input is larger than 4 MiB (4194304 bytes)",
    );
    let file =
        std::env::temp_dir().join(format!("liveroom-errors-big-{}.json", std::process::id()));
    std::fs::write(&file, &body).unwrap();
    let output = run(&["decode", file.to_str().unwrap()]);
    std::fs::remove_file(&file).unwrap();
    assert_one_error(&output, 2, "is larger than 4 MiB");
}

#[test]
fn decode_json_has_stable_keys() {
    let body =
        br#"{"code":204004,"message":"get push and acc url failed!","timestamp":1577087588457}"#;
    let output = run_with_stdin(&["decode", "--format", "json"], body);
    assert_status(&output, 1);
    let json: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    let keys: Vec<&str> = json
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        [
            "category",
            "code",
            "explanation",
            "interface",
            "merge_code",
            "merge_message",
            "message",
            "ok",
            "server_time",
            "success",
            "timestamp"
        ]
    );
    assert_eq!(json["ok"], false);
    assert_eq!(json["success"], false);
    assert_eq!(json["code"], 204004);
    assert_eq!(json["message"], "get push and acc url failed!");
    assert_eq!(json["timestamp"], 1577087588457u64);
    assert_eq!(json["server_time"], "2019-12-23 07:53:08.457 UTC");
    assert_eq!(json["category"], "pusher");
    assert_eq!(json["explanation"]["name"], "GetAcceleratedUrlFailed");
    assert_eq!(
        json["explanation"]["advice_en"],
        ErrorCode::GetAcceleratedUrlFailed.recovery().advice_en()
    );

    let merge = br#"{"code":0,"merge_code":-3,"merge_message":"stream not found"}"#;
    let json: serde_json::Value = serde_json::from_str(&stdout(&run_with_stdin(
        &["decode", "--format", "json"],
        merge,
    )))
    .unwrap();
    assert_eq!(
        (json["ok"].clone(), json["success"].clone()),
        (false.into(), true.into())
    );
    assert_eq!(json["merge_code"], -3);
    assert_eq!(json["merge_message"], "stream not found");
    assert!(
        json["explanation"].is_null() && json["timestamp"].is_null() && json["category"].is_null()
    );

    let unknown = run(&["decode", "--format", "json", r#"{"code":203011}"#]);
    let json: serde_json::Value = serde_json::from_str(&stdout(&unknown)).unwrap();
    assert_eq!(
        (json["category"].as_str(), json["explanation"].is_null()),
        (Some("room"), true)
    );
}

#[test]
fn explain_json_has_one_entry_per_argument() {
    let output = run(&[
        "explain",
        "--format",
        "json",
        "MemberNotInRoom",
        "0",
        "2030060",
        "HeartbeatFailed",
    ]);
    assert_status(&output, 1);
    let json: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    let entries = json.as_array().unwrap();
    assert_eq!(entries.len(), 4);
    let known = &entries[0];
    assert_eq!(
        (known["input"].as_str(), known["status"].as_str()),
        (Some("MemberNotInRoom"), Some("known"))
    );
    assert_eq!(known["code"], 203010);
    assert_eq!(known["official_text"], true);
    assert_eq!(
        known["advice_zh"],
        ErrorCode::MemberNotInRoom.recovery().advice()
    );
    assert!(known.as_object().unwrap().contains_key("recovery_reason"));
    assert_eq!(
        entries[1],
        serde_json::json!({"input": "0", "status": "success", "code": 0})
    );
    assert_eq!(
        entries[2],
        serde_json::json!({"input": "2030060", "status": "unknown", "code": 2030060,
            "category": null, "nearest": [203006, 203000]})
    );
    assert_eq!(entries[3]["official_text"], false);
    assert_one_error(&output, 1, "2030060: unknown code");
}

#[test]
fn a_closed_pipe_ends_quietly() {
    // More than a pipe holds, so the command is still writing when the reader goes.
    let mut args = vec!["explain"];
    args.extend(std::iter::repeat_n("203006", 500));
    let mut child = spawn(&args);
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 1];
    stdout.read_exact(&mut first).unwrap();
    drop(stdout);
    let output = child.wait_with_output().unwrap();
    assert_eq!(&first, b"2");
    assert_status(&output, 0);
    assert_eq!(stderr(&output), "", "a closed pipe is no error");
}

#[test]
fn a_full_disk_is_one_error_with_status_2() {
    let Ok(full) = std::fs::OpenOptions::new().write(true).open("/dev/full") else {
        eprintln!("no /dev/full on this system: write errors not tested");
        return;
    };
    for args in [
        &["list"][..],
        &["export", "--format", "json"],
        &["--help"],
        &["203006"],
    ] {
        let output = command(args, &[])
            .stdout(full.try_clone().unwrap())
            .stderr(Stdio::piped())
            .output()
            .unwrap();
        assert_one_error(
            &output,
            2,
            "error: cannot write to standard output: No space left on device",
        );
        assert_eq!(stderr(&output).lines().count(), 1);
    }
}

#[test]
fn json_export_holds_the_whole_mapping() {
    let output = run(&["export", "--format", "json"]);
    assert_status(&output, 0);
    let doc: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(doc["format"], "liveroom-errors/3");
    assert_eq!(
        doc["categories"][3],
        serde_json::json!({"name": "pusher", "ranges": ["2040xx", "2060xx"]})
    );
    let recoveries = doc["recoveries"].as_array().unwrap();
    assert_eq!(recoveries.len(), 7);
    for (record, recovery) in recoveries.iter().zip(Recovery::ALL) {
        assert_eq!(record["name"], recovery.name());
        assert_eq!(record["call_specific"], recovery.is_call_specific());
    }
    let evidence: Vec<&str> = (doc["evidence"].as_array().unwrap().iter())
        .map(|e| e["name"].as_str().unwrap())
        .collect();
    assert_eq!(evidence, ["documented", "observed", "sdk-name", "inferred"]);
    let codes = doc["codes"].as_array().unwrap();
    assert_eq!(codes.len(), ErrorCode::COUNT);
    for (record, code) in codes.iter().zip(ErrorCode::ALL) {
        assert_eq!(record["code"], code.code());
        assert_eq!(record["name"], code.name());
        assert_eq!(record["category"], code.category().name());
        assert_eq!(record["recovery"], code.recovery().name());
        assert_eq!(record["retryable"], code.is_retryable());
        assert_eq!(record["documented"], code.is_documented());
        assert_eq!(record["official_text"], code.is_documented());
        assert_eq!(record["sdk_name"], serde_json::json!(code.sdk_name()));
        assert_eq!(record["message_zh"], code.message_zh());
        assert_eq!(record["message_en"], code.message_en());
        assert_eq!(record["causes_zh"], serde_json::json!(code.causes_zh()));
        assert_eq!(record["causes_en"], serde_json::json!(code.causes_en()));
        assert_eq!(record["any_interface"], code.any_interface());
        // One entry per row of interface_codes.tsv: `any`, then each interface's own.
        let entries = record["interfaces"].as_array().unwrap();
        let own: Vec<&InterfaceCode> = code
            .interfaces()
            .iter()
            .filter(|p| !p.is_any_interface())
            .collect();
        assert_eq!(entries.len(), own.len() + usize::from(code.any_interface()));
        assert_eq!(entries[0]["interface"] == "any", code.any_interface());
        for (entry, pair) in entries.iter().rev().zip(own.iter().rev()) {
            assert_eq!(entry["interface"], pair.interface().name());
            assert_eq!(entry["evidence"], pair.evidence().name());
            assert_eq!(entry["basis"], pair.basis());
            assert_eq!(entry["recovery"], pair.recovery().name());
            assert_eq!(entry["override"], pair.is_override());
        }
        assert_eq!(record.as_object().unwrap().len(), 14);
    }
    assert_eq!(
        codes.iter().filter(|r| r["official_text"] == false).count(),
        ErrorCode::ALL.iter().filter(|c| !c.is_documented()).count()
    );

    let interfaces = doc["interfaces"].as_array().unwrap();
    assert_eq!(interfaces.len(), Interface::COUNT);
    for (record, interface) in interfaces.iter().zip(Interface::ALL) {
        assert_eq!(record["name"], interface.name());
        assert_eq!(record["path"], interface.path());
        assert_eq!(record["takes_token"], interface.takes_token());
        assert_eq!(record["section"], interface.section());
        let codes = record["codes"].as_array().unwrap();
        assert_eq!(codes.len(), interface.errors().len());
        for (entry, pair) in codes.iter().zip(interface.errors()) {
            assert_eq!(entry["code"], pair.code().code());
            assert_eq!(entry["evidence"], pair.evidence().name());
            assert_eq!(entry["any_interface"], pair.is_any_interface());
            assert_eq!(entry["recovery"], pair.recovery().name());
            assert_eq!(entry["recovery_reason"], pair.recovery_reason());
        }
        // The shapes are the api types' own descriptors.
        let shapes = api::shapes(interface);
        for (key, object) in [
            ("query", shapes.query()),
            ("request", shapes.request()),
            ("reply", shapes.reply()),
        ] {
            assert_eq!(record[key]["name"], object.name());
            let fields = record[key]["fields"].as_array().unwrap();
            assert_eq!(fields.len(), object.fields().len());
            for (json, field) in fields.iter().zip(object.fields()) {
                assert_eq!(json["name"], field.name());
                assert_eq!(json["rust_name"], field.rust_name());
                assert_eq!(json["presence"], field.presence().name());
                assert_eq!(json["type_text"], field.shape().to_string());
            }
        }
    }
    let url = &interfaces[3];
    assert_eq!(
        url["reply"]["fields"][0]["type"],
        serde_json::json!({"kind": "string"})
    );
    assert_eq!(
        doc["interfaces"][13]["request"]["fields"][2]["type"],
        serde_json::json!({"kind": "one_of", "shapes": [
            {"kind": "object", "name": "MergeParams"},
            {"kind": "json_text", "of": {"kind": "object", "name": "MergeParams"}},
        ]})
    );
    let objects = doc["objects"].as_object().unwrap();
    let names: Vec<&str> = objects.keys().map(String::as_str).collect();
    assert_eq!(
        names,
        [
            "Anchor",
            "Audience",
            "AudiencesObject",
            "InputStream",
            "LayoutParams",
            "MergeParams",
            "MixInterface",
            "MixPara",
            "Room"
        ]
    );
    assert_eq!(
        objects["Room"]["fields"][7],
        serde_json::json!({"name": "audiences", "rust_name": "audiences", "presence": "read-only",
        "type_text": "Audience[] | AudiencesObject",
        "type": {"kind": "one_of", "shapes": [
            {"kind": "array", "items": {"kind": "object", "name": "Audience"}},
            {"kind": "object", "name": "AudiencesObject"},
        ]}})
    );
}

/// With `LIVEROOM_TSC` (set by `.ci/run` after installing TypeScript from npm)
/// the module is type-checked with `--strict`, compiled and its lookups run under
/// node; without it, its structure is checked here.
#[test]
fn typescript_export_is_a_valid_module() {
    let output = run(&["export", "--format", "typescript"]);
    assert_status(&output, 0);
    let ts = stdout(&output);
    for code in ErrorCode::ALL {
        assert!(
            ts.contains(&format!("\n  {}: {},\n", code.name(), code.code())),
            "{code:?}"
        );
        assert!(ts.contains(&format!(
            "\n  {}: {{ code: {}, name: \"{}\"",
            code.code(),
            code.code(),
            code.name()
        )));
        let official = format!("officialText: {}, sdkName", code.is_documented());
        let line = ts
            .lines()
            .find(|l| l.starts_with(&format!("  {}: {{", code.code())))
            .unwrap();
        assert!(line.contains(&official), "{line}");
    }
    assert!(ts.contains("  readonly officialText: boolean;\n"));
    assert!(ts.contains("their texts are ours, not official"));
    for export in [
        "export type Category",
        "export type Recovery",
        "export type Evidence",
        "export type InterfaceName",
        "export interface ErrorInfo",
        "export interface InterfaceInfo",
        "export const ErrorCode",
        "export const ERRORS",
        "export const INTERFACES",
        "export function describe",
        "export function categoryOf",
        "export function isRetryable",
        "export function recoveryIn",
        "export interface Envelope",
        "export interface Calls",
        "export type Reply<N extends InterfaceName>",
        "export interface Anchor {",
        "export interface GetAnchorUrlRequest {",
        "export type LogoutReply = Record<string, never>;",
    ] {
        assert!(ts.contains(export), "{export}");
    }
    assert_eq!(ts.matches('{').count(), ts.matches('}').count());
    assert_eq!(ts.matches('[').count(), ts.matches(']').count());

    let Some(tsc) = std::env::var_os("LIVEROOM_TSC") else {
        eprintln!("LIVEROOM_TSC not set: structure checked, TypeScript compiler not run");
        return;
    };
    let dir = std::env::temp_dir().join(format!("liveroom-errors-ts-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("codes.ts"), &ts).unwrap();
    let check = r#"
        import { Calls, ErrorCode, GetCustomInfoReply, INTERFACES, Reply, categoryOf, describe, isRetryable, recoveryIn } from "./codes";
        const failures: string[] = [];
        const expect = (ok: boolean, what: string) => { if (!ok) failures.push(what); };
        expect(ErrorCode.MemberNotInRoom === 203010, "enum value");
        expect(describe(203010)?.messageZh === "成员不在房间内", "describe zh");
        expect(describe(203010)?.officialText === true && describe(206000)?.officialText === false, "officialText");
        expect(describe(203006)?.causesEn.length === 3, "causes");
        expect(describe(203011) === undefined, "unknown code");
        expect(categoryOf(203011) === "room", "category of unknown code");
        expect(categoryOf(206001) === "pusher", "heartbeat category");
        expect(categoryOf(-1) === undefined, "negative code");
        expect(isRetryable(202006) && !isRetryable(203010), "retryable");
        expect(recoveryIn("delete_anchor", 203010) === "done", "override");
        expect(recoveryIn("anchor_heartbeat", 203010) === "rejoin", "override rejoin");
        expect(recoveryIn("login", 203010) === "give-up", "the code's own");
        expect(recoveryIn("login", 203011) === undefined, "unknown code");
        expect(INTERFACES.get_anchor_url.path === "/weapp/live_room/get_anchor_url", "path");
        expect(INTERFACES.get_anchor_url.codes.some((c) => c.code === 204004 && c.evidence === "observed"), "evidence");
        expect(describe(203010)?.interfaces.length === 3, "code interfaces");
        expect(describe(202006)?.anyInterface === true && describe(202006)?.interfaces[0].interface === "any", "any");
        const url: Reply<"get_anchor_url"> = { code: 0, pushURL: "rtmp://a", accelerateURL: "rtmp://b" };
        const body: Calls["merge_stream"]["request"] = { userID: "u1", roomID: "r1", mergeParams: "{}" };
        const custom: GetCustomInfoReply = { custom: { praise: 3, notice: "hi" } };
        expect(url.pushURL === "rtmp://a" && body.roomID === "r1" && custom.custom.praise === 3, "types");
        if (failures.length) { throw new Error(failures.join(", ")); }
        console.log("typescript ok");
    "#;
    std::fs::write(dir.join("check.ts"), check).unwrap();
    let status = Command::new(&tsc)
        .args([
            "--strict", "--target", "es2020", "--module", "commonjs", "--outDir",
        ])
        .arg(dir.join("out"))
        .arg(dir.join("codes.ts"))
        .arg(dir.join("check.ts"))
        .status();
    let status = status.unwrap();
    assert!(status.success(), "tsc rejected the module");
    let ran = Command::new("node")
        .arg(dir.join("out/check.js"))
        .output()
        .unwrap();
    assert!(
        ran.status.success(),
        "{}",
        String::from_utf8_lossy(&ran.stderr)
    );
    assert_eq!(String::from_utf8_lossy(&ran.stdout).trim(), "typescript ok");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_former_name_still_works_with_a_warning() {
    let output = run(&["--lang", "en", "GetRedisAddressFailed"]);
    assert!(output.status.success());
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(stdout.starts_with("207001 StorageFailed"), "{stdout}");
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.starts_with(
            "warning: `GetRedisAddressFailed` is a former name of 207001 StorageFailed"
        ),
        "{stderr}"
    );
    let current = run(&["StorageFailed"]);
    assert!(current.stderr.is_empty());
}

#[test]
fn decode_judges_an_error_in_the_call_that_sent_it() {
    let body = r#"{"code":203010,"message":"user not in room"}"#;
    let done = run(&[
        "--lang",
        "en",
        "decode",
        "--interface",
        "delete_anchor",
        body,
    ]);
    let text = String::from_utf8(done.stdout).unwrap();
    assert!(
        text.contains("in delete_anchor: declared (inferred); recovery in this call: done"),
        "{text}"
    );
    let rejoin = run(&[
        "decode",
        "--format",
        "json",
        "--interface",
        "anchor_heartbeat",
        body,
    ]);
    let json: serde_json::Value = serde_json::from_slice(&rejoin.stdout).unwrap();
    assert_eq!(json["interface"]["recovery"], "rejoin");
    assert_eq!(json["interface"]["declared"], true);
    let elsewhere = run(&["decode", "--format", "json", "--interface", "login", body]);
    let json: serde_json::Value = serde_json::from_slice(&elsewhere.stdout).unwrap();
    assert_eq!(json["interface"]["declared"], false);
    assert_eq!(json["interface"]["recovery"], serde_json::Value::Null);
    let unknown = run(&["decode", "--interface", "kick_everyone", body]);
    assert_eq!(unknown.status.code(), Some(2));
}

#[test]
fn a_code_with_a_leading_zero_is_refused_with_a_suggestion() {
    let output = run(&["0203010"]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains("0203010: a code with a leading zero"),
        "{stderr}"
    );
    assert!(
        stderr.contains("did you mean 203010 MemberNotInRoom?"),
        "{stderr}"
    );
}

#[test]
fn decode_reads_the_mix_only_for_merge_stream() {
    let body = r#"{"code":0,"merge_code":-3}"#;
    assert_eq!(
        run(&["decode", "--interface", "login", body]).status.code(),
        Some(0)
    );
    assert_eq!(
        run(&["decode", "--interface", "merge_stream", body])
            .status
            .code(),
        Some(1)
    );
    assert_eq!(run(&["decode", body]).status.code(), Some(1));
    let plain = run(&["decode", "--format", "json", r#"{"code":0}"#]);
    let json: serde_json::Value = serde_json::from_slice(&plain.stdout).unwrap();
    assert_eq!(json["merge_code"], serde_json::Value::Null);
}

/// `export --format openapi` writes the OpenAPI document, the repository's
/// `openapi.json` byte for byte, and `--help` lists the format.
#[test]
fn openapi_export_is_the_committed_document() {
    let output = run(&["export", "--format", "openapi"]);
    assert_status(&output, 0);
    let text = stdout(&output);
    assert_eq!(text, liveroom_errors::openapi::to_string_pretty() + "\n");
    let committed =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/openapi.json")).unwrap();
    assert!(
        text == committed,
        "openapi.json is stale: see tests/openapi.rs"
    );
    let document: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(document["openapi"], "3.1.0");
    assert_eq!(
        document["paths"].as_object().unwrap().len(),
        Interface::COUNT
    );
    let help = stdout(&run(&["export", "--help"]));
    assert!(
        help.contains("- openapi:") && help.contains("OpenAPI 3.1"),
        "{help}"
    );
    assert_one_error(
        &run(&["--lang", "en", "export", "--format", "openapi"]),
        2,
        "--lang has no effect on `export`",
    );
}
