//! The `liveroom-errors` binary, run as a user would: every subcommand and
//! format, exit statuses, and bad input that must get a clear error in the one
//! format (`error: …`, then `help: …` lines), never a panic.
//!
//! What is asserted is what a user or a script relies on: exit statuses, the
//! one error format, JSON keys, TSV columns, and the data of the library
//! (codes, names, messages, reasons) in the output. The prose around the data
//! is free to change.

use std::io::{Read, Write};
use std::process::{Child, Command, Output, Stdio};

use liveroom_errors::{
    Category, ErrorCode, Evidence, Interface, InterfaceCodePair, Recovery, docs,
};
use serde_json::{Value, json};

/// The most `decode` reads, as `decode --help` names it (4 MiB).
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

fn json_out(output: &Output) -> Value {
    serde_json::from_slice(&output.stdout).unwrap()
}

/// Says on the terminal that a test did not do all it could, and why: the
/// test harness shows what a passing test prints only with `--nocapture`,
/// so this writes to standard error itself.
fn skipped(what: &str, why: &str) {
    let line = format!("SKIPPED: {what}: {why}\n");
    let _ = std::io::stderr().write_all(line.as_bytes());
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
/// line, then only `help:` lines; each of `needles` somewhere in it.
fn assert_one_error(output: &Output, code: i32, needles: &[&str]) {
    assert_status(output, code);
    let err = stderr(output);
    let mut lines = err.lines();
    assert!(
        lines.next().is_some_and(|l| l.starts_with("error: ")),
        "{err}"
    );
    assert!(lines.all(|l| l.starts_with("help: ")), "{err}");
    for needle in needles {
        assert!(err.contains(needle), "`{err}` does not mention `{needle}`");
    }
}

/// Every known code, as arguments.
fn all_codes() -> Vec<String> {
    ErrorCode::ALL
        .iter()
        .map(|c| c.value().to_string())
        .collect()
}

/// Fails on a line of `text` that holds English: two plain English words in
/// a row once the names that are the same in both languages are taken out
/// (codes' names and SDK constants, interfaces and paths, the vocabularies).
fn assert_no_english(text: &str) {
    let mut names: Vec<&str> = (ErrorCode::ALL.iter())
        .flat_map(|c| [Some(c.name()), c.sdk_name()])
        .flatten()
        .chain(Interface::ALL.iter().flat_map(|i| [i.name(), i.path()]))
        .chain(Category::ALL.iter().map(|c| c.name()))
        .chain(Recovery::ALL.iter().map(|r| r.name()))
        .chain(Evidence::ALL.iter().map(|e| e.name()))
        .collect();
    names.sort_by_key(|name| std::cmp::Reverse(name.len()));
    for line in text.lines() {
        let rest = names
            .iter()
            .fold(line.to_owned(), |l, name| l.replace(name, ""));
        let word = |w: &&str| w.len() > 1 && w.chars().all(|c| c.is_ascii_alphabetic());
        let words: Vec<&str> = rest.split(' ').collect();
        assert!(
            !words.windows(2).any(|pair| pair.iter().all(word)),
            "English in Chinese output: {line:?}"
        );
    }
}

#[test]
fn a_bare_code_explains_everything_in_the_chosen_language() {
    for code in [ErrorCode::EnterRoomFailed, ErrorCode::AuthenticationFailed] {
        let value = code.value().to_string();
        let zh = run(&["--lang", "zh", &value]);
        assert_status(&zh, 0);
        let en = run(&["--lang", "en", &value]);
        assert_status(&en, 0);
        let (zh, en) = (stdout(&zh), stdout(&en));
        let header = format!("{} {}\n", code.value(), code.name());
        assert!(
            zh.starts_with(&header) && en.starts_with(&header),
            "{zh}{en}"
        );
        let vocabulary = [code.category().name(), code.recovery().name()];
        let sdk_name = code.sdk_name().unwrap();
        for needle in [code.message_zh(), code.recovery().advice_zh()]
            .into_iter()
            .chain([code.recovery_reason_zh(), sdk_name])
            .chain(code.causes_zh().iter().copied())
            .chain(vocabulary)
        {
            assert!(zh.contains(needle), "{needle:?} missing in\n{zh}");
        }
        // The English output keeps the official Chinese message beside its own.
        for needle in [code.message_en(), code.message_zh()]
            .into_iter()
            .chain([
                code.recovery().advice_en(),
                code.recovery_reason(),
                sdk_name,
            ])
            .chain(code.causes_en().iter().copied())
            .chain(vocabulary)
        {
            assert!(en.contains(needle), "{needle:?} missing in\n{en}");
        }
        assert!(!zh.contains(code.message_en()), "{zh}");
        assert_eq!(stdout(&run(&["--lang", "zh", "explain", &value])), zh);
        // The values line up whatever the language of the labels (a CJK
        // character takes two columns).
        let column = |text: &str| {
            let line = text.lines().find(|l| l.ends_with(sdk_name)).unwrap();
            let label = &line[..line.len() - sdk_name.len()];
            label
                .chars()
                .map(|c| if c.is_ascii() { 1 } else { 2 })
                .sum::<usize>()
        };
        assert_eq!((column(&zh), column(&en)), (13, 13), "{zh}{en}");
    }
    // An unofficial text is marked, an official one is not: its line ends with it.
    let unmarked = |code: ErrorCode| {
        let text = stdout(&run(&["--lang", "en", &code.value().to_string()]));
        text.lines().any(|l| l.ends_with(code.message_en()))
    };
    assert!(unmarked(ErrorCode::EnterRoomFailed) && !unmarked(ErrorCode::AuthenticationFailed));
}

#[test]
fn chinese_output_has_no_english_line() {
    let mut args = vec!["--lang", "zh", "explain", "0"];
    let codes = all_codes();
    args.extend(codes.iter().map(String::as_str));
    let explained = run(&args);
    assert_status(&explained, 0);
    assert_no_english(&stdout(&explained));

    let outputs = [
        run(&["--lang", "zh", "list"]),
        run(&["--lang", "zh", "search", "房间"]),
        run(&[
            "--lang",
            "zh",
            "decode",
            "--interface",
            "anchor_heartbeat",
            r#"{"code":203010,"message":"不在房间","timestamp":0}"#,
        ]),
        run(&[
            "--lang",
            "zh",
            "decode",
            "--interface",
            "login",
            r#"{"code":203010,"message":""}"#,
        ]),
        run(&["--lang", "zh", "decode", r#"{"code":203011}"#]),
        run(&["--lang", "zh", "decode", r#"{"code":-1}"#]),
        run(&["--lang", "zh", "decode", r#"{"code":0,"merge_code":-3}"#]),
    ];
    for output in &outputs {
        assert_no_english(&stdout(output));
    }
    // The first line of `list --interface` is the request line: method, path, query.
    for interface in Interface::ALL {
        let output = run(&["--lang", "zh", "list", "--interface", interface.name()]);
        let text = stdout(&output);
        assert!(!text.contains(interface.purpose()), "{text}");
        assert_no_english(text.split_once('\n').unwrap().1);
    }
}

#[test]
fn lang_is_one_option_before_or_after_the_command() {
    let forms: [&[&str]; 5] = [
        &["explain", "203010"],
        &["list", "--category", "room"],
        &["search", "2030"],
        &["decode", r#"{"code":203010}"#],
        &["203010"],
    ];
    for args in forms {
        let before: Vec<&str> = ["--lang", "en"].iter().chain(args).copied().collect();
        let after: Vec<&str> = args.iter().chain(&["--lang", "en"]).copied().collect();
        let (before, after) = (run(&before), run(&after));
        assert_eq!(before.status.code(), after.status.code(), "{args:?}");
        assert_eq!(stdout(&before), stdout(&after), "{args:?}");
        let member = ErrorCode::MemberNotInRoom;
        if args.contains(&"203010") {
            assert!(stdout(&after).contains(member.message_en()), "{args:?}");
        }
    }
    // Where nothing it prints has a language, it is refused wherever it stands.
    for args in [
        &["--lang", "en", "export", "--format", "json"][..],
        &["export", "--lang", "en", "--format", "openapi"],
        &["completions", "bash", "--lang", "zh"],
        &["--lang", "zh", "man"],
    ] {
        assert_one_error(&run(args), 2, &["--lang"]);
    }
}

#[test]
fn explain_names_the_interfaces_with_their_evidence() {
    let code = ErrorCode::MemberNotInRoom;
    for lang in ["en", "zh"] {
        let text = stdout(&run(&["--lang", lang, &code.value().to_string()]));
        let mut at = 0;
        for pair in code.interfaces() {
            let name = format!("- {}", pair.interface().name());
            let index = (text.lines().position(|l| l.contains(&name)))
                .unwrap_or_else(|| panic!("{name} missing in\n{text}"));
            assert!(index > at, "the interfaces in order:\n{text}");
            at = index;
            let line = text.lines().nth(index).unwrap();
            assert!(line.contains(pair.evidence().name()), "{line}");
            let reason = match lang {
                "en" => pair.recovery_reason(),
                _ => pair.recovery_reason_zh(),
            };
            // The recovery in the call where it is not the code's own.
            assert_eq!(
                line.contains(pair.recovery().name()) && line.contains(reason),
                pair.is_override(),
                "{line}"
            );
        }
    }
    // A code of any interface with rows of its own too: the `any` row first.
    let code = (ErrorCode::ALL.into_iter())
        .find(|c| c.is_any_interface() && c.interfaces().iter().any(|p| p.is_specific()))
        .unwrap();
    let text = stdout(&run(&["--lang", "en", &code.value().to_string()]));
    let (any, own): (Vec<&InterfaceCodePair>, Vec<_>) =
        code.interfaces().iter().partition(|p| !p.is_specific());
    let names: Vec<String> = own
        .iter()
        .map(|p| format!("- {} (", p.interface()))
        .collect();
    let any_line = text.lines().position(|l| {
        l.contains(&format!("({})", any[0].evidence())) && !names.iter().any(|n| l.contains(n))
    });
    let own_line = text.lines().position(|l| l.contains(&names[0]));
    assert!(any_line.unwrap() < own_line.unwrap(), "{text}");

    let output = run(&["explain", "--format", "json", "204003"]);
    let pair = Interface::DeleteAnchor
        .error(ErrorCode::DeletePusherFailed)
        .unwrap();
    assert_eq!(
        json_out(&output)[0]["interfaces"],
        json!([{
            "interface": "delete_anchor",
            "evidence": "documented",
            "basis": pair.basis(),
            "recovery": "done",
            "recovery_reason": pair.recovery_reason(),
            "recovery_reason_zh": pair.recovery_reason_zh(),
            "override": true,
        }])
    );
}

#[test]
fn list_for_one_interface_shows_the_recovery_in_that_call() {
    let interface = Interface::DeleteAnchor;
    let text = stdout(&run(&[
        "list",
        "--interface",
        "delete_anchor",
        "--lang",
        "en",
    ]));
    let first = text.lines().next().unwrap();
    assert!(first.starts_with("delete_anchor") && first.contains(interface.path()));
    let rows: Vec<&str> = text.lines().filter(|l| l.starts_with("20")).collect();
    assert_eq!(rows.len(), interface.errors().len());
    let member = rows.iter().find(|l| l.starts_with("203010")).unwrap();
    assert!(
        member.contains("done") && member.contains("inferred"),
        "{member}"
    );

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
    let rows: Vec<Vec<&str>> = (done.lines().skip(1))
        .map(|l| l.split('\t').collect())
        .collect();
    let codes: Vec<&str> = rows.iter().map(|r| r[0]).collect();
    assert_eq!(codes, ["203010", "204003"]);
    assert_eq!(
        (rows[0][3], rows[0][15], rows[0][16]),
        ("give-up", "done", "true")
    );

    let json = json_out(&run(&[
        "list",
        "--interface",
        "anchor_heartbeat",
        "--category",
        "room",
        "--format",
        "json",
    ]));
    let records = json.as_array().unwrap();
    let codes: Vec<u64> = records
        .iter()
        .map(|r| r["code"].as_u64().unwrap())
        .collect();
    assert_eq!(codes, [203000, 203010]);
    assert_eq!(records[1]["recovery"], "give-up");
    assert_eq!(records[1]["call"]["recovery"], "rejoin");
    assert_eq!(records[1]["call"]["interface"], "anchor_heartbeat");
    assert_eq!(records[1]["call"]["any_interface"], false);

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
        &["get_anchor", "--interface"],
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
fn language_comes_from_flag_then_liveroom_lang_then_locale() {
    let code = ErrorCode::MemberNotInRoom;
    type Case<'a> = (&'a [&'a str], &'a [(&'a str, &'a str)], bool);
    let cases: [Case; 9] = [
        (&[], &[], false), // no locale at all: the official table's language
        (&[], &[("LANG", "C.UTF-8")], true),
        (&[], &[("LANG", "en_US.UTF-8")], true),
        (&[], &[("LANG", "zh_CN.UTF-8")], false),
        (
            &[],
            &[("LANG", "en_US.UTF-8"), ("LC_MESSAGES", "zh_TW.UTF-8")],
            false,
        ),
        (
            &[],
            &[("LC_MESSAGES", "zh_TW.UTF-8"), ("LC_ALL", "C")],
            true,
        ),
        (
            &[],
            &[("LC_ALL", "zh_CN.UTF-8"), ("LIVEROOM_LANG", "en")],
            true,
        ),
        (&["--lang", "zh"], &[("LIVEROOM_LANG", "en")], false),
        (&["--lang", "zh"], &[("LANG", "C")], false),
    ];
    for (flags, env, english) in cases {
        let args: Vec<&str> = flags.iter().copied().chain(["203010"]).collect();
        let output = run_env(&args, env);
        assert_status(&output, 0);
        let text = stdout(&output);
        assert_eq!(
            text.contains(code.message_en()),
            english,
            "{flags:?} {env:?}"
        );
    }
    let french = run_env(
        &["203010"],
        &[("LIVEROOM_LANG", "fr"), ("LANG", "en_US.UTF-8")],
    );
    assert_status(&french, 0);
    assert!(stdout(&french).contains(code.message_en()));
    let warning = stderr(&french);
    assert!(
        warning.starts_with("warning: ") && warning.contains("LIVEROOM_LANG=fr"),
        "{warning}"
    );
    let locale_like = run_env(&["203010"], &[("LIVEROOM_LANG", "zh_CN.UTF-8")]);
    assert!(!stdout(&locale_like).contains(code.message_en()));
}

#[test]
fn several_arguments_exit_1_when_any_is_unknown() {
    let output = run(&["203010", "203011"]);
    assert_one_error(&output, 1, &["203011", "203010 MemberNotInRoom"]);
    assert!(stdout(&output).starts_with("203010 MemberNotInRoom\n"));
    assert_status(&run(&["203010", "202006", "EnterRoomFailed"]), 0);
}

#[test]
fn zero_is_success_not_an_unknown_code() {
    for lang in ["en", "zh"] {
        let output = run(&["--lang", lang, "0"]);
        assert_status(&output, 0);
        assert!(stdout(&output).starts_with('0'));
        assert!(stderr(&output).is_empty());
    }
}

#[test]
fn mistyped_numbers_suggest_codes_one_digit_away() {
    assert_one_error(
        &run(&["2030060"]),
        1,
        &[
            "2030060",
            "203006 EnterRoomFailed",
            "203000 RoomManagementFailed",
        ],
    );
    assert_one_error(&run(&["203020"]), 1, &["203010 MemberNotInRoom"]);
    // Two digits swapped is one edit too.
    assert_one_error(&run(&["203060"]), 1, &["203006 EnterRoomFailed"]);
    // Nothing one digit away: the nearest in value.
    assert_one_error(&run(&["300000"]), 1, &["207006 UnsupportedRoomType"]);
}

#[test]
fn a_mistyped_command_gets_clap_s_did_you_mean() {
    for (args, typo, meant) in [
        (&["lst"][..], "lst", "list"),
        (&["serach", "2030"], "serach", "search"),
        (&["--lang", "en", "expalin", "203010"], "expalin", "explain"),
        (&["decod", "{}"], "decod", "decode"),
    ] {
        assert_one_error(&run(args), 2, &[typo, meant]);
    }
    // A word like no command is still read as a name.
    assert_one_error(&run(&["MemberNotInRom"]), 1, &["MemberNotInRoom"]);
}

#[test]
fn bad_arguments_get_one_clear_error() {
    let cases: [(&str, i32, &[&str]); 9] = [
        ("", 2, &[]),
        ("-1", 1, &["-1"]),
        ("99999999999999999999", 1, &["99999999999999999999"]),
        ("２０３００６", 1, &["２０３００６", "203006"]),
        ("MemberNotInRom", 1, &["MemberNotInRoom"]),
        ("error_code_verify_faild", 1, &["ERROR_CODE_VERIFY_FAILED"]),
        ("208001", 1, &["208001", "207001 StorageFailed"]),
        ("2.5", 1, &["2.5"]),
        ("qqqqqqqqqqqqqqqqqqqqqqqq", 1, &["liveroom-errors search"]),
    ];
    for (arg, code, needles) in cases {
        assert_one_error(&run(&["explain", arg]), code, needles);
    }
    // An argument is echoed escaped: it cannot write to the terminal either.
    let output = run(&["explain", "\u{1b}]0;title\u{7}\u{202e}"]);
    assert_one_error(&output, 1, &[r"\u{1b}]0;title\u{7}\u{202e}"]);
    assert!(!stderr(&output).contains(['\u{1b}', '\u{7}', '\u{202e}']));
}

#[test]
fn usage_errors_exit_2_in_the_one_format() {
    assert_one_error(&run(&[]), 2, &[]);
    assert_one_error(&run(&["explain"]), 2, &["<CODE_OR_NAME>"]);
    assert_one_error(
        &run(&["list", "--format", "yaml"]),
        2,
        &["yaml", "text, markdown, json, tsv"],
    );
    let categories: Vec<&str> = Category::ALL.iter().map(|c| c.name()).collect();
    assert_one_error(
        &run(&["list", "--category", "nope"]),
        2,
        &[&categories.join(", ")],
    );
    assert_one_error(&run(&["list", "--bogus"]), 2, &["--bogus"]);
    assert_one_error(&run(&["export"]), 2, &["--format"]);
    assert_one_error(&run(&["--lang", "fr", "203010"]), 2, &["fr", "zh, en"]);
}

#[test]
fn help_names_every_value_environment_variable_and_exit_status() {
    let output = run(&["--help"]);
    assert_status(&output, 0);
    let help = stdout(&output);
    let usage = help.lines().find(|l| l.starts_with("Usage: ")).unwrap();
    assert!(
        usage.contains("[--lang <LANG>] <CODE_OR_NAME>..."),
        "{help}"
    );
    assert!(help.contains("[--lang <LANG>] <COMMAND>"), "{help}");
    for needle in [
        "LIVEROOM_LANG",
        "LC_ALL",
        "LC_MESSAGES",
        "completions",
        "man",
    ] {
        assert!(help.contains(needle), "{needle}");
    }
    // The exit statuses, each at the start of a line.
    for status in ["0", "1", "2"] {
        let prefix = format!("  {status}  ");
        assert!(help.lines().any(|l| l.starts_with(&prefix)), "{status}");
    }
    let list = stdout(&run(&["list", "--help"]));
    for value in (Recovery::ALL.iter().map(|r| r.name()))
        .chain(Category::ALL.iter().map(|c| c.name()))
        .chain(Interface::ALL.iter().map(|i| i.name()))
        .chain(["text", "markdown", "json", "tsv"])
    {
        assert!(list.contains(&format!("- {value}:")), "{value} in\n{list}");
    }
    assert!(list.contains("2040xx, 2060xx"), "{list}");
    let decode = stdout(&run(&["decode", "--help"]));
    assert!(
        decode.contains("4 MiB") && decode.contains("[INPUT]"),
        "{decode}"
    );
    let export = stdout(&run(&["export", "--help"]));
    for format in ["json", "typescript", "openapi"] {
        assert!(export.contains(&format!("- {format}:")), "{export}");
    }
    // `--lang` is one option of every command.
    for command in ["explain", "list", "search", "decode", "export", "man"] {
        assert!(stdout(&run(&[command, "--help"])).contains("--lang <LANG>"));
    }
}

#[test]
fn help_and_man_page_stand_alone() {
    let mut texts = vec![
        stdout(&run(&["--help"])),
        stdout(&run(&["-h"])),
        stdout(&run(&["man"])),
    ];
    for command in [
        "explain",
        "list",
        "search",
        "decode",
        "export",
        "completions",
        "man",
    ] {
        texts.push(stdout(&run(&[command, "--help"])));
    }
    for text in &texts {
        assert!(!text.is_empty());
        for file in ["README", "interfaces.md", "protocol.md", "CHANGELOG"] {
            assert!(!text.contains(file), "{file} named in\n{text}");
        }
    }
    // The environment and the exit statuses in sections of their own.
    let page = &texts[2];
    let sections: Vec<&str> = page.lines().filter(|l| l.starts_with(".SH ")).collect();
    let at = |name: &str| sections.iter().position(|s| *s == name);
    assert!(at(".SH ENVIRONMENT").is_some() && at(".SH \"EXIT STATUS\"").is_some());
    assert!(at(".SH OPTIONS") < at(".SH ENVIRONMENT"), "{sections:?}");
    assert_eq!(at(".SH EXTRA"), None, "{sections:?}");
    let environment = page.split(".SH ENVIRONMENT").nth(1).unwrap();
    let environment = environment.split(".SH ").next().unwrap();
    assert!(environment.contains("LIVEROOM_LANG") && environment.contains("LC_ALL"));
    let statuses = page.split(".SH \"EXIT STATUS\"").nth(1).unwrap();
    let statuses = statuses.split(".SH ").next().unwrap();
    for status in ["0", "1", "2"] {
        assert!(
            statuses.contains(&format!(".TP\n\\fB{status}\\fR\n")),
            "{statuses}"
        );
    }
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
    assert!(page.contains(".SH SYNOPSIS") && page.contains(".SH SUBCOMMANDS"));
    assert_one_error(&run(&["completions", "tcsh"]), 2, &["tcsh", "bash"]);
}

#[test]
fn list_in_every_format() {
    let text = stdout(&run(&["list"]));
    let rows: Vec<&str> = text.lines().filter(|l| l.starts_with("20")).collect();
    assert_eq!(rows.len(), ErrorCode::COUNT);
    for (row, code) in rows.iter().zip(ErrorCode::ALL) {
        let mark = if code.is_documented() { ' ' } else { '†' };
        assert!(row.starts_with(&format!("{}{mark} {} ", code.value(), code.name())));
        assert!(row.ends_with(code.message_zh()), "{row}");
    }

    let pusher = stdout(&run(&["list", "--category", "pusher", "--format", "tsv"]));
    let rows: Vec<&str> = pusher.lines().collect();
    assert_eq!(
        rows[0],
        "code\tname\tcategory\trecovery\tretryable\tdocumented\tofficial_text\tsdk_name\t\
         message_zh\tmessage_en\tcauses_zh\tcauses_en\tinterfaces"
    );
    assert_eq!(rows.len() - 1, Category::Pusher.codes().len());
    for row in &rows[1..] {
        let fields: Vec<&str> = row.split('\t').collect();
        assert_eq!((fields.len(), fields[2]), (13, "pusher"));
        let code = ErrorCode::from_code(fields[0].parse().unwrap()).unwrap();
        let retryable = code.recovery() == Recovery::Retry;
        assert_eq!(fields[4], retryable.to_string());
        assert_eq!(fields[5], code.is_documented().to_string());
        assert_eq!(fields[6], fields[5]);
        assert_eq!(fields[8], code.message_zh());
    }
    assert!(pusher.contains("\tadd_anchor,delete_anchor,anchor_heartbeat\n"));
    let any = stdout(&run(&["list", "--category", "request", "--format", "tsv"]));
    assert!(
        any.lines()
            .any(|l| l.starts_with("201002\t") && l.ends_with("\tany,login"))
    );

    let json = json_out(&run(&["list", "--recovery", "retry", "--format", "json"]));
    let records = json.as_array().unwrap();
    let retry = ErrorCode::ALL
        .iter()
        .filter(|c| c.recovery() == Recovery::Retry);
    assert_eq!(records.len(), retry.count());
    for record in records {
        assert!(record["recovery"] == "retry" && record["retryable"] == true);
        assert!(record.get("official_text").is_none(), "{record}");
    }

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
    let codes: Vec<&str> = both.lines().map(|l| &l[..6]).collect();
    assert_eq!(codes, ["202003", "202005"], "{both}");
}

#[test]
fn search_is_case_insensitive_over_every_text_and_digits() {
    let codes_in = |output: &Output| -> Vec<u32> {
        (stdout(output).lines())
            .filter_map(|l| l.get(..6)?.parse().ok())
            .collect()
    };
    let output = run(&["search", "ROOM_ID"]);
    assert_status(&output, 0);
    assert!(codes_in(&output).contains(&ErrorCode::GetRoomIdFailed.value()));
    // Every code with the text in a message or a cause, and no other.
    for needle in ["域名", "custom domain"] {
        let expected: Vec<u32> = (ErrorCode::ALL.iter())
            .filter(|c| {
                [c.message_zh(), c.message_en()]
                    .iter()
                    .chain(c.causes_zh())
                    .chain(c.causes_en())
                    .any(|t| t.to_lowercase().contains(needle))
            })
            .map(|c| c.value())
            .collect();
        assert!(!expected.is_empty());
        assert_eq!(codes_in(&run(&["search", needle])), expected, "{needle}");
    }
    assert!(codes_in(&run(&["search", "error_code_verify"])).contains(&202001));
    let expected: Vec<u32> = (ErrorCode::ALL.iter())
        .map(|c| c.value())
        .filter(|v| v.to_string().contains("2030"))
        .collect();
    assert_eq!(codes_in(&run(&["search", "2030"])), expected);
    assert!(codes_in(&run(&["search", "6001"])).contains(&206001));

    assert_one_error(
        &run(&["search", "no such text anywhere"]),
        1,
        &["no such text anywhere"],
    );
    assert_one_error(&run(&["search", ""]), 2, &[]);
}

#[test]
fn decode_explains_replies_and_rejects_everything_else() {
    let success =
        br#"{"code":0,"message":"Success!","timestamp":1565610959661,"token":"t","userID":"u"}"#;
    let output = run_with_stdin(&["decode", "--lang", "en"], success);
    assert_status(&output, 0);
    let text = stdout(&output);
    assert!(
        text.contains("\"Success!\"") && text.contains("2019-08-12 11:55:59.661 UTC"),
        "{text}"
    );

    let failure =
        br#"{"code":204004,"message":"get push and acc url failed!","timestamp":1577087588457}"#;
    let output = run_with_stdin(&["--lang", "en", "decode", "-"], failure);
    assert_status(&output, 1);
    let text = stdout(&output);
    let code = ErrorCode::GetAcceleratedUrlFailed;
    for needle in [
        "\"get push and acc url failed!\"",
        "2019-12-23 07:53:08.457 UTC",
        "204004 GetAcceleratedUrlFailed",
        code.message_en(),
        code.recovery().name(),
    ] {
        assert!(text.contains(needle), "{needle} missing in\n{text}");
    }

    let file =
        std::env::temp_dir().join(format!("liveroom-errors-reply-{}.json", std::process::id()));
    std::fs::write(&file, br#"{"code":203011,"message":"new"}"#).unwrap();
    let output = run(&["decode", "--lang", "en", file.to_str().unwrap()]);
    std::fs::remove_file(&file).unwrap();
    assert_status(&output, 1);
    assert!(stdout(&output).contains("203011") && stdout(&output).contains(" room "));

    // A leap day, and the first millisecond of the epoch.
    for (ms, time) in [
        ("951782400000", "2000-02-29 00:00:00.000 UTC"),
        ("0", "1970-01-01 00:00:00.000 UTC"),
    ] {
        let body = format!(r#"{{"code":0,"timestamp":{ms}}}"#);
        assert!(stdout(&run(&["decode", &body])).contains(time), "{ms}");
    }

    let merge = br#"{"code":0,"message":"Success!","merge_code":1001,"merge_msg":"no input"}"#;
    let output = run_with_stdin(&["decode", "--lang", "en"], merge);
    assert_status(&output, 1);
    assert!(stdout(&output).contains("1001") && stdout(&output).contains("\"no input\""));

    let legacy = br#"{"code":-1,"error":"db down"}"#;
    let output = run_with_stdin(&["decode", "--lang", "en"], legacy);
    assert_status(&output, 1);
    assert!(stdout(&output).contains("-1") && stdout(&output).contains("\"db down\""));

    for body in [
        &b"<html>"[..],
        b"{\"message\":\"no code\"}",
        b"{\"code\":true}",
        b"",
    ] {
        assert_one_error(&run_with_stdin(&["decode"], body), 2, &[]);
    }
}

#[test]
fn decode_with_an_interface_checks_its_payload() {
    let bare = r#"{"code":0}"#;
    let output = run(&["decode", "--interface", "get_anchor_url", bare]);
    assert_one_error(&output, 2, &["get_anchor_url", "pushURL"]);
    let full = r#"{"code":0,"pushURL":"rtmp://a","accelerateURL":"rtmp://b"}"#;
    assert_status(&run(&["decode", "--interface", "get_anchor_url", full]), 0);
    let wrong = r#"{"code":0,"pushURL":1,"accelerateURL":"rtmp://b"}"#;
    assert_one_error(
        &run(&["decode", "--interface", "get_anchor_url", wrong]),
        2,
        &[],
    );
    // An error reply carries no payload to check.
    let error = r#"{"code":204004}"#;
    assert_status(&run(&["decode", "--interface", "get_anchor_url", error]), 1);
    // Without --interface, any success.
    assert_status(&run(&["decode", bare]), 0);

    // A bare success is a reply of exactly the interfaces whose reply schema
    // requires no field beside the envelope's (which a server always sends,
    // and the decoder does not insist on): the decoder and the OpenAPI
    // document agree.
    let document = liveroom_errors::openapi::document();
    for interface in Interface::ALL {
        let name = format!("{}Reply", camel(interface.name()));
        let schema = &document["components"]["schemas"][&name];
        assert!(schema.is_object(), "{name}");
        let envelope = ["code", "message", "timestamp"];
        let requires = (schema["required"].as_array().into_iter().flatten())
            .any(|field| !envelope.contains(&field.as_str().unwrap_or_default()));
        let output = run(&["decode", "--interface", interface.name(), bare]);
        assert_status(&output, if requires { 2 } else { 0 });
    }
}

/// `get_anchor_url` → `GetAnchorUrl`.
fn camel(name: &str) -> String {
    (name.split('_'))
        .map(|word| word[..1].to_uppercase() + &word[1..])
        .collect()
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
    assert_one_error(&run(&["decode", " [1]"]), 2, &["array"]);
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
    assert_one_error(&run(&["decode", "code:0"]), 2, &["code:0"]);
    // A path that is not UTF-8 is a path all the same.
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let name = std::ffi::OsStr::from_bytes(b"reply-\xff.json");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join(name), br#"{"code":203010}"#).unwrap();
        let output = Command::new(env!("CARGO_BIN_EXE_liveroom-errors"))
            .arg("decode")
            .arg(name)
            .current_dir(&dir)
            .output()
            .unwrap();
        std::fs::remove_dir_all(&dir).unwrap();
        assert_status(&output, 1);
    }
}

#[test]
fn decode_escapes_every_text_from_the_reply() {
    let body = br#"{"code":203010,"message":"x\u001b[31mred\u001b]0;title\u0007 \u202egnp.exe\u2066 \u0085\u007f\"","timestamp":1}"#;
    let output = run_with_stdin(&["decode", "--lang", "en"], body);
    assert_status(&output, 1);
    let text = stdout(&output);
    assert!(
        text.contains(
            r#""x\u{1b}[31mred\u{1b}]0;title\u{7} \u{202e}gnp.exe\u{2066} \u{85}\u{7f}\"""#
        ),
        "{text}"
    );
    let merge =
        br#"{"code":0,"message":"ok\u001b[2J","merge_code":-3,"merge_msg":"\u202e\u001b[1;1H\n"}"#;
    let output = run_with_stdin(&["decode", "--lang", "en"], merge);
    assert_status(&output, 1);
    let text = stdout(&output);
    assert!(text.contains(r#""ok\u{1b}[2J""#), "{text}");
    assert!(text.contains(r#""\u{202e}\u{1b}[1;1H\n""#), "{text}");
    // JSON output: the same strings after parsing, no raw control on the terminal.
    let output = run_with_stdin(&["decode", "--format", "json"], merge);
    let raw = stdout(&output);
    let json: Value = serde_json::from_str(&raw).unwrap();
    assert_eq!(json["message"], "ok\u{1b}[2J");
    assert_eq!(json["merge_message"], "\u{202e}\u{1b}[1;1H\n");
    // A character outside the BMP as a surrogate pair, as JSON writes it.
    let tagged = r#"{"code":203010,"message":"\u0085\u007f\udb40\udc41é"}"#;
    let tagged = stdout(&run(&["decode", "--format", "json", tagged]));
    assert!(
        tagged.contains(r#""message": "\u0085\u007f\udb40\udc41é""#),
        "{tagged}"
    );
    // Errors that quote their input are escaped too.
    let output = run(&["decode", "/nonexistent/\u{1b}[2J\u{202e}\u{9b}"]);
    assert_one_error(&output, 2, &[r"/nonexistent/\u{1b}[2J\u{202e}\u{9b}"]);
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
    assert_one_error(&run_with_stdin(&["decode"], &body), 2, &["4 MiB"]);
    let file =
        std::env::temp_dir().join(format!("liveroom-errors-big-{}.json", std::process::id()));
    std::fs::write(&file, &body).unwrap();
    let output = run(&["decode", file.to_str().unwrap()]);
    std::fs::remove_file(&file).unwrap();
    assert_one_error(&output, 2, &["4 MiB"]);
}

#[test]
fn decode_json_has_stable_keys() {
    let body =
        br#"{"code":204004,"message":"get push and acc url failed!","timestamp":1577087588457}"#;
    let output = run_with_stdin(&["decode", "--format", "json"], body);
    assert_status(&output, 1);
    let json = json_out(&output);
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
    let code = ErrorCode::GetAcceleratedUrlFailed;
    assert_eq!(json["explanation"]["name"], code.name());
    assert_eq!(
        json["explanation"]["advice_en"],
        code.recovery().advice_en()
    );
    assert_eq!(
        json["explanation"]["advice_zh"],
        code.recovery().advice_zh()
    );

    let merge = br#"{"code":0,"merge_code":-3,"merge_message":"stream not found"}"#;
    let json = json_out(&run_with_stdin(&["decode", "--format", "json"], merge));
    assert_eq!(
        (&json["ok"], &json["success"]),
        (&json!(false), &json!(true))
    );
    assert_eq!(json["merge_code"], -3);
    assert_eq!(json["merge_message"], "stream not found");
    assert!(
        json["explanation"].is_null() && json["timestamp"].is_null() && json["category"].is_null()
    );

    let unknown = json_out(&run(&["decode", "--format", "json", r#"{"code":203011}"#]));
    assert_eq!(
        (
            unknown["category"].as_str(),
            unknown["explanation"].is_null()
        ),
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
    assert_one_error(&output, 1, &["2030060"]);
    let json = json_out(&output);
    let entries = json.as_array().unwrap();
    assert_eq!(entries.len(), 4);
    let (known, code) = (&entries[0], ErrorCode::MemberNotInRoom);
    assert_eq!(
        (known["input"].as_str(), known["status"].as_str()),
        (Some("MemberNotInRoom"), Some("known"))
    );
    assert_eq!(known["code"], 203010);
    assert_eq!(known["documented"], true);
    assert_eq!(known["advice_zh"], code.recovery().advice_zh());
    assert_eq!(known["recovery_reason"], code.recovery_reason());
    assert_eq!(known["recovery_reason_zh"], code.recovery_reason_zh());
    assert!(known.get("official_text").is_none());
    assert_eq!(
        entries[1],
        json!({"input": "0", "status": "success", "code": 0})
    );
    assert_eq!(
        entries[2],
        json!({"input": "2030060", "status": "unknown", "code": 2030060,
            "category": null, "nearest": [203006, 203000]})
    );
    assert_eq!(entries[3]["documented"], false);
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

    // Where the status is the answer, it stays the answer: one unknown code
    // among them is status 1, and an error reply too, with the reader gone
    // before anything was written.
    for (args, status) in [
        (vec!["explain", "203010", "99999"], 1),
        (vec!["decode", r#"{"code":203010}"#], 1),
        (vec!["decode", r#"{"code":0}"#], 0),
    ] {
        let mut child = command(&args, &[])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        let exit = child.wait().unwrap();
        assert_eq!(exit.code(), Some(status), "{args:?}");
    }
}

#[test]
fn a_full_disk_is_one_error_with_status_2() {
    let Ok(full) = std::fs::OpenOptions::new().write(true).open("/dev/full") else {
        skipped(
            "a_full_disk_is_one_error_with_status_2",
            "no /dev/full here",
        );
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
        assert_one_error(&output, 2, &["standard output"]);
        assert_eq!(stderr(&output).lines().count(), 1);
    }
}

#[test]
fn json_export_holds_the_whole_mapping() {
    let output = run(&["export", "--format", "json"]);
    assert_status(&output, 0);
    let doc = json_out(&output);
    assert_eq!(doc["format"], "liveroom-errors/5");
    assert_eq!(
        doc["categories"][3],
        json!({"name": "pusher", "ranges": ["2040xx", "2060xx"]})
    );
    let recoveries = doc["recoveries"].as_array().unwrap();
    assert_eq!(recoveries.len(), Recovery::ALL.len());
    for (record, &recovery) in recoveries.iter().zip(Recovery::ALL) {
        assert_eq!(record["name"], recovery.name());
        assert_eq!(record["retryable"], recovery == Recovery::Retry);
        assert_eq!(record["call_specific"], recovery.is_call_specific());
        assert_eq!(record["advice_zh"], recovery.advice_zh());
        assert_eq!(record["advice_en"], recovery.advice_en());
    }
    let evidence: Vec<&str> = (doc["evidence"].as_array().unwrap().iter())
        .map(|e| e["name"].as_str().unwrap())
        .collect();
    let names: Vec<&str> = Evidence::ALL.iter().map(|e| e.name()).collect();
    assert_eq!(evidence, names);

    let codes = doc["codes"].as_array().unwrap();
    assert_eq!(codes.len(), ErrorCode::COUNT);
    for (record, code) in codes.iter().zip(ErrorCode::ALL) {
        assert_eq!(record["code"], code.value());
        assert_eq!(record["name"], code.name());
        assert_eq!(record["category"], code.category().name());
        assert_eq!(record["recovery"], code.recovery().name());
        assert_eq!(record["recovery_reason"], code.recovery_reason());
        assert_eq!(record["recovery_reason_zh"], code.recovery_reason_zh());
        assert_eq!(record["retryable"], code.recovery() == Recovery::Retry);
        assert_eq!(record["documented"], code.is_documented());
        assert_eq!(record["sdk_name"], json!(code.sdk_name()));
        assert_eq!(record["message_zh"], code.message_zh());
        assert_eq!(record["message_en"], code.message_en());
        assert_eq!(record["causes_zh"], json!(code.causes_zh()));
        assert_eq!(record["causes_en"], json!(code.causes_en()));
        assert_eq!(record["any_interface"], code.is_any_interface());
        // One entry per row of interface_codes.tsv: `any`, then each interface's own.
        let entries = record["interfaces"].as_array().unwrap();
        let own: Vec<_> = code
            .interfaces()
            .iter()
            .filter(|p| p.is_specific())
            .collect();
        assert_eq!(
            entries.len(),
            own.len() + usize::from(code.is_any_interface())
        );
        assert_eq!(entries[0]["interface"] == "any", code.is_any_interface());
        for (entry, pair) in entries.iter().rev().zip(own.iter().rev()) {
            assert_eq!(entry["interface"], pair.interface().name());
            assert_eq!(entry["evidence"], pair.evidence().name());
            assert_eq!(entry["basis"], pair.basis());
            assert_eq!(entry["recovery"], pair.recovery().name());
            assert_eq!(entry["recovery_reason"], pair.recovery_reason());
            assert_eq!(entry["recovery_reason_zh"], pair.recovery_reason_zh());
            assert_eq!(entry["override"], pair.is_override());
        }
        assert_eq!(record.as_object().unwrap().len(), 15, "{record}");
    }

    // The bodies are the OpenAPI document's alone: the interfaces name its schemas.
    let openapi = liveroom_errors::openapi::document();
    let schemas = openapi["components"]["schemas"].as_object().unwrap();
    assert!(doc.get("schemas").is_none());
    let interfaces = doc["interfaces"].as_array().unwrap();
    assert_eq!(interfaces.len(), Interface::COUNT);
    for (record, interface) in interfaces.iter().zip(Interface::ALL) {
        assert_eq!(record["name"], interface.name());
        assert_eq!(record["path"], interface.path());
        assert_eq!(record["takes_token"], interface.takes_token());
        assert_eq!(record["section"], interface.section());
        assert_eq!(record["purpose"], interface.purpose());
        let codes = record["codes"].as_array().unwrap();
        assert_eq!(codes.len(), interface.errors().len());
        for (entry, pair) in codes.iter().zip(interface.errors()) {
            assert_eq!(entry["code"], pair.code().value());
            assert_eq!(entry["name"], pair.code().name());
            assert_eq!(entry["evidence"], pair.evidence().name());
            assert_eq!(entry["any_interface"], !pair.is_specific());
            assert_eq!(entry["recovery"], pair.recovery().name());
            assert_eq!(entry["recovery_reason"], pair.recovery_reason());
            assert_eq!(entry["recovery_reason_zh"], pair.recovery_reason_zh());
            assert_eq!(entry["override"], pair.is_override());
        }
        let camel = camel(interface.name());
        assert_eq!(record["request"], format!("{camel}Request"));
        assert_eq!(record["reply"], format!("{camel}Reply"));
        let post = &openapi["paths"][interface.path()]["post"];
        let schema = |body: &Value| body["content"]["application/json"]["schema"].clone();
        let reference = |name: &Value| json!({"$ref": format!("#/components/schemas/{}", name.as_str().unwrap())});
        assert_eq!(schema(&post["requestBody"]), reference(&record["request"]));
        assert_eq!(
            schema(&post["responses"]["200"])["oneOf"][0],
            reference(&record["reply"])
        );
        assert!(schemas.contains_key(record["reply"].as_str().unwrap()));
        assert!(record.get("query").is_none(), "{record}");
    }
}

/// With `LIVEROOM_TSC` (set by `.ci/run` after installing TypeScript from npm)
/// the module is type-checked with `--strict`, compiled and its lookups run under
/// node; without it, only its structure is checked here, and the test says so.
#[test]
fn typescript_export_is_a_valid_module() {
    let output = run(&["export", "--format", "typescript"]);
    assert_status(&output, 0);
    let ts = stdout(&output);
    for code in ErrorCode::ALL {
        let name = format!("\n  {}: {},\n", code.name(), code.value());
        assert!(ts.contains(&name), "{code:?}");
        let details = format!("\n  {}: {{ ", code.value());
        let line = ts.split(&details).nth(1).unwrap().lines().next().unwrap();
        assert!(
            line.contains(&format!("name: \"{}\"", code.name())),
            "{line}"
        );
        assert!(line.contains(&format!("documented: {}", code.is_documented())));
        assert!(!line.contains("officialText"), "{line}");
    }
    // No body types: the module says to generate them from the OpenAPI document.
    let document = liveroom_errors::openapi::document();
    for name in document["components"]["schemas"]
        .as_object()
        .unwrap()
        .keys()
    {
        for declaration in ["interface", "type"] {
            assert!(
                !ts.contains(&format!("export {declaration} {name} ")),
                "{name}"
            );
        }
    }
    assert!(ts.starts_with("/**\n"), "{ts}");
    assert!(ts.contains("npx openapi-typescript openapi.json -o schema.d.ts"));
    for export in [
        "type Category",
        "type Recovery",
        "type Evidence",
        "type InterfaceName",
        "interface ErrorInfo",
        "interface InterfaceInfo",
        "const ErrorCode",
        "const ERRORS",
        "const INTERFACES",
        "function describe",
        "function categoryOf",
        "function isRetryable",
        "function recoveryIn",
        "interface Envelope",
    ] {
        assert!(ts.contains(&format!("\nexport {export}")), "{export}");
    }
    assert_eq!(ts.matches('{').count(), ts.matches('}').count());
    assert_eq!(ts.matches('[').count(), ts.matches(']').count());

    let Some(tsc) = std::env::var_os("LIVEROOM_TSC") else {
        skipped(
            "typescript_export_is_a_valid_module",
            "LIVEROOM_TSC is not set: the module's structure was checked, `tsc --strict` and node were not run",
        );
        return;
    };
    let dir = std::env::temp_dir().join(format!("liveroom-errors-ts-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("codes.ts"), &ts).unwrap();
    let check = r#"
        import { Envelope, ErrorCode, INTERFACES, categoryOf, describe, isRetryable, recoveryIn } from "./codes";
        const failures: string[] = [];
        const expect = (ok: boolean, what: string) => { if (!ok) failures.push(what); };
        expect(ErrorCode.MemberNotInRoom === 203010, "enum value");
        expect(describe(203010)?.messageZh === "成员不在房间内", "describe zh");
        expect(describe(203010)?.documented === true && describe(206000)?.documented === false, "documented");
        expect(describe(202006)?.recoveryReasonZh !== undefined, "reason zh");
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
        const reply: Envelope = JSON.parse('{"code":"203010","message":"user not in room"}');
        expect(describe(Number(reply.code))?.name === "MemberNotInRoom", "envelope");
        const code: ErrorCode = ErrorCode.EnterRoomFailed;
        expect(code === 203006, "types");
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
        .status()
        .unwrap();
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
    assert_status(&output, 0);
    assert!(stdout(&output).starts_with("207001 StorageFailed\n"));
    let warning = stderr(&output);
    assert!(
        warning.starts_with("warning: ")
            && warning.contains("GetRedisAddressFailed")
            && warning.contains("StorageFailed"),
        "{warning}"
    );
    assert!(run(&["StorageFailed"]).stderr.is_empty());
}

#[test]
fn decode_judges_an_error_in_the_call_that_sent_it() {
    let body = r#"{"code":203010,"message":"user not in room"}"#;
    let pair = Interface::DeleteAnchor
        .error(ErrorCode::MemberNotInRoom)
        .unwrap();
    for (lang, reason) in [
        ("en", pair.recovery_reason()),
        ("zh", pair.recovery_reason_zh()),
    ] {
        let text = stdout(&run(&[
            "--lang",
            lang,
            "decode",
            "--interface",
            "delete_anchor",
            body,
        ]));
        let line = text
            .lines()
            .find(|l| l.contains("delete_anchor") && l.contains(reason));
        let line = line.unwrap_or_else(|| panic!("{text}"));
        assert!(line.contains("inferred") && line.contains("done"), "{line}");
    }
    let rejoin = run(&[
        "decode",
        "--format",
        "json",
        "--interface",
        "anchor_heartbeat",
        body,
    ]);
    assert_status(&rejoin, 1);
    let pair = Interface::AnchorHeartbeat
        .error(ErrorCode::MemberNotInRoom)
        .unwrap();
    assert_eq!(
        json_out(&rejoin)["interface"],
        json!({
            "name": "anchor_heartbeat",
            "declared": true,
            "evidence": "inferred",
            "recovery": "rejoin",
            "recovery_reason": pair.recovery_reason(),
            "recovery_reason_zh": pair.recovery_reason_zh(),
        })
    );
    let elsewhere = json_out(&run(&[
        "decode",
        "--format",
        "json",
        "--interface",
        "login",
        body,
    ]));
    assert_eq!(elsewhere["interface"]["declared"], false);
    assert_eq!(elsewhere["interface"]["recovery"], Value::Null);
    assert_one_error(
        &run(&["decode", "--interface", "kick_everyone", body]),
        2,
        &["kick_everyone"],
    );
}

#[test]
fn a_code_with_a_leading_zero_is_refused_with_a_suggestion() {
    assert_one_error(
        &run(&["0203010"]),
        1,
        &["0203010", "203010 MemberNotInRoom"],
    );
}

#[test]
fn decode_reads_the_mix_only_for_merge_stream() {
    let body = r#"{"code":0,"merge_code":-3}"#;
    assert_status(&run(&["decode", "--interface", "logout", body]), 0);
    assert_status(&run(&["decode", "--interface", "merge_stream", body]), 1);
    assert_status(&run(&["decode", body]), 1);
    let plain = json_out(&run(&["decode", "--format", "json", r#"{"code":0}"#]));
    assert_eq!(plain["merge_code"], Value::Null);
    let merge = json_out(&run(&[
        "decode",
        "--format",
        "json",
        "--interface",
        "merge_stream",
        r#"{"code":0}"#,
    ]));
    assert_eq!(
        (&merge["merge_code"], &merge["merge_message"]),
        (&json!(0), &json!(""))
    );
}

/// `export --format openapi` writes the library's OpenAPI document (whether
/// the committed `openapi.json` is up to date is the `openapi` tests' concern).
#[test]
fn openapi_export_is_the_library_document() {
    let output = run(&["export", "--format", "openapi"]);
    assert_status(&output, 0);
    let text = stdout(&output);
    assert_eq!(text, liveroom_errors::openapi::to_string_pretty() + "\n");
    let document: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(
        document["paths"].as_object().unwrap().len(),
        Interface::COUNT
    );
}

#[test]
fn a_call_only_recovery_needs_an_interface_and_an_empty_input_is_refused() {
    // No code is `rejoin` or `done` on its own: an empty list would mislead.
    for recovery in ["rejoin", "done"] {
        let output = run(&["list", "--recovery", recovery]);
        assert_one_error(&output, 2, &[recovery, "--interface"]);
    }
    let output = run(&[
        "list",
        "--interface",
        "anchor_heartbeat",
        "--recovery",
        "rejoin",
    ]);
    assert_status(&output, 0);
    assert!(stdout(&output).contains("203010"));
    // An empty argument is neither a body nor a file.
    assert_one_error(&run(&["decode", ""]), 2, &["empty argument"]);
}

#[test]
fn a_usage_error_escapes_the_value_it_names() {
    // Escaped, not dropped: the error names the value as given.
    let output = run(&["decode", "--interface", "\u{1b}[2Jlogin", "{}"]);
    assert_one_error(&output, 2, &["'\\u{1b}[2Jlogin'"]);
    let output = run(&["list", "--format", "\u{1b}]0;x\u{7}"]);
    assert_one_error(&output, 2, &["'\\u{1b}]0;x\\u{7}'"]);
    assert!(!String::from_utf8_lossy(&output.stderr).contains('\u{1b}'));
}
