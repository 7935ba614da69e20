//! The `liveroom-errors` binary, run as a user would: every subcommand and
//! format, exit statuses, and bad input that must get one clear line, never a panic.

use std::io::Write;
use std::process::{Command, Output, Stdio};

use liveroom_errors::{ErrorCode, docs};

fn run(args: &[&str]) -> Output {
    run_with_stdin(args, b"")
}

fn run_with_stdin(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_liveroom-errors"))
        .args(args)
        .env("RUST_BACKTRACE", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(stdin).unwrap();
    child.wait_with_output().unwrap()
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).unwrap()
}

/// Exit status `code`, and if it failed, exactly one clear line on stderr and no panic.
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

fn assert_one_error_line(output: &Output, code: i32, needle: &str) {
    assert_status(output, code);
    let err = stderr(output);
    assert_eq!(err.lines().count(), 1, "one line expected: {err}");
    assert!(err.contains(needle), "`{err}` does not mention `{needle}`");
}

#[test]
fn a_bare_code_explains_everything() {
    let output = run(&["203006"]);
    assert_status(&output, 0);
    let text = stdout(&output);
    for needle in [
        "203006 EnterRoomFailed",
        "message:   进房失败",
        "English:   Failed to enter the room",
        "- 未开通直播",
        "category:  room",
        "recovery:  configure",
        "SDK name:  ERROR_CODE_ENTER_ROOM",
        "official:  yes",
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
fn english_output_leads_with_english() {
    let output = run(&["--lang", "en", "202000"]);
    assert_status(&output, 0);
    let text = stdout(&output);
    assert!(
        text.contains("message:   Authentication error\n  Chinese:   鉴权错误"),
        "{text}"
    );
    assert!(text.contains("log in again, then retry"));
    assert!(text.contains("official:  no (defined only by the official client SDKs)"));
}

#[test]
fn several_arguments_exit_1_when_any_is_unknown() {
    let output = run(&["203010", "203011"]);
    assert_one_error_line(
        &output,
        1,
        "203011: unknown code; its range (2030xx) is that of room errors",
    );
    assert!(stderr(&output).contains("nearest known: 203010 MemberNotInRoom"));
    assert!(stdout(&output).contains("203010 MemberNotInRoom"));
    assert_status(&run(&["203010", "202006", "EnterRoomFailed"]), 0);
}

#[test]
fn bad_arguments_get_one_clear_line() {
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
            "full-width digits are not a code; did you mean 203006?",
        ),
        ("MemberNotInRom", 1, "did you mean MemberNotInRoom"),
        (
            "error_code_verify_faild",
            1,
            "did you mean ERROR_CODE_VERIFY_FAILED",
        ),
        ("208001", 1, "208001: unknown code; nearest known: 207006"),
        ("2.5", 1, "not a code or a name"),
        (
            "qqqqqqqqqqqqqqqqqqqqqqqq",
            1,
            "unknown name; try `liveroom-errors search",
        ),
    ];
    for (arg, code, needle) in cases {
        assert_one_error_line(&run(&["explain", arg]), code, needle);
    }
}

#[test]
fn usage_errors_exit_2() {
    assert_status(&run(&[]), 2);
    assert_status(&run(&["explain"]), 2);
    assert_status(&run(&["list", "--format", "yaml"]), 2);
    assert_status(&run(&["list", "--category", "nope"]), 2);
    assert!(stderr(&run(&["list", "--category", "nope"])).contains("unknown category"));
    assert_status(&run(&["export"]), 2);
    assert_status(&run(&["--lang", "fr", "203010"]), 2);
    assert_status(&run(&["--help"]), 0);
    assert!(stdout(&run(&["--help"])).contains("Exit status"));
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

    let pusher = stdout(&run(&["list", "--category", "pusher", "--format", "tsv"]));
    let rows: Vec<&str> = pusher.lines().collect();
    assert!(rows[0].starts_with("code\tname\tcategory\trecovery"));
    assert_eq!(rows.len() - 1, 8);
    assert!(
        rows[1..]
            .iter()
            .all(|r| r.split('\t').count() == 11 && r.split('\t').nth(2) == Some("pusher"))
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
fn search_is_case_insensitive_over_every_text() {
    let output = run(&["search", "ROOM_ID"]);
    assert_status(&output, 0);
    assert!(stdout(&output).contains("GetRoomIdFailed"));
    let causes = stdout(&run(&["search", "域名"]));
    assert_eq!(causes.lines().count(), 3, "{causes}");
    let english = stdout(&run(&["--lang", "en", "search", "custom domain"]));
    assert!(english.contains("EnterRoomFailed") && english.contains("Failed to enter the room"));
    assert!(stdout(&run(&["search", "error_code_verify"])).contains("202001"));
    assert_one_error_line(
        &run(&["search", "no such text anywhere"]),
        1,
        "no code mentions",
    );
    assert_one_error_line(&run(&["search", ""]), 2, "empty search text");
}

#[test]
fn decode_explains_replies_and_rejects_everything_else() {
    let success =
        br#"{"code":0,"message":"Success!","timestamp":1565610959661,"token":"t","userID":"u"}"#;
    let output = run_with_stdin(&["decode"], success);
    assert_status(&output, 0);
    assert_eq!(
        stdout(&output),
        "success (code 0): \"Success!\", server time 2019-08-12 11:55:59.661 UTC\n"
    );

    let failure =
        br#"{"code":204004,"message":"get push and acc url failed!","timestamp":1577087588457}"#;
    let output = run_with_stdin(&["decode", "-"], failure);
    assert_status(&output, 1);
    let text = stdout(&output);
    assert!(
        text.starts_with(
            "server error 204004 get push and acc url failed!, server time 2019-12-23"
        ),
        "{text}"
    );
    assert!(
        text.contains("204004 GetAcceleratedUrlFailed") && text.contains("recovery:  configure")
    );

    let file =
        std::env::temp_dir().join(format!("liveroom-errors-reply-{}.json", std::process::id()));
    std::fs::write(&file, br#"{"code":203011,"message":"new"}"#).unwrap();
    let output = run(&["decode", file.to_str().unwrap()]);
    std::fs::remove_file(&file).unwrap();
    assert_status(&output, 1);
    assert!(stdout(&output).contains("unknown code in the range of room errors"));

    let merge = br#"{"code":0,"message":"Success!","merge_code":1001,"merge_msg":"no input"}"#;
    let output = run_with_stdin(&["decode"], merge);
    assert_status(&output, 1);
    assert!(stdout(&output).contains("stream mix failed"));

    let legacy = br#"{"code":-1,"error":"db down"}"#;
    let output = run_with_stdin(&["decode"], legacy);
    assert_status(&output, 1);
    assert!(stdout(&output).contains("server error -1 db down"));
    assert!(stdout(&output).contains("negative codes come from the client SDKs"));
}

#[test]
fn decode_bad_input_gets_one_line_and_status_2() {
    let random: Vec<u8> = (0..200u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    let cases: [(&[u8], &str); 7] = [
        (b"", "not valid JSON"),
        (&random, "not valid JSON"),
        (b"{\"code\":0", "not valid JSON"),
        (
            b"[{\"code\":0}]",
            "reply body is an array, not a JSON object",
        ),
        (br#"{"message":"Success!"}"#, "reply has no `code` field"),
        (br#"{"code":1.5}"#, "reply `code` is a float"),
        (br#"{"code":"zero"}"#, "not a decimal integer"),
    ];
    for (body, needle) in cases {
        assert_one_error_line(&run_with_stdin(&["decode"], body), 2, needle);
    }
    assert_one_error_line(
        &run(&["decode", "/nonexistent/reply.json"]),
        2,
        "cannot read /nonexistent/reply.json",
    );
}

#[test]
fn json_export_holds_the_whole_mapping() {
    let output = run(&["export", "--format", "json"]);
    assert_status(&output, 0);
    let doc: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(doc["format"], "liveroom-errors/1");
    assert_eq!(
        doc["categories"][3],
        serde_json::json!({"name": "pusher", "ranges": ["2040xx", "2060xx"]})
    );
    assert_eq!(doc["recoveries"].as_array().unwrap().len(), 5);
    let codes = doc["codes"].as_array().unwrap();
    assert_eq!(codes.len(), ErrorCode::COUNT);
    for (record, code) in codes.iter().zip(ErrorCode::ALL) {
        assert_eq!(record["code"], code.code());
        assert_eq!(record["name"], code.name());
        assert_eq!(record["category"], code.category().name());
        assert_eq!(record["recovery"], code.recovery().name());
        assert_eq!(record["retryable"], code.is_retryable());
        assert_eq!(record["documented"], code.is_documented());
        assert_eq!(record["sdk_name"], serde_json::json!(code.sdk_name()));
        assert_eq!(record["message_zh"], code.message_zh());
        assert_eq!(record["message_en"], code.message_en());
        assert_eq!(record["causes_zh"], serde_json::json!(code.causes_zh()));
        assert_eq!(record["causes_en"], serde_json::json!(code.causes_en()));
        assert_eq!(record.as_object().unwrap().len(), 11);
    }
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
    }
    for export in [
        "export type Category",
        "export type Recovery",
        "export interface ErrorInfo",
        "export const ErrorCode",
        "export const ERRORS",
        "export function describe",
        "export function categoryOf",
        "export function isRetryable",
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
        import { ErrorCode, categoryOf, describe, isRetryable } from "./codes";
        const failures: string[] = [];
        const expect = (ok: boolean, what: string) => { if (!ok) failures.push(what); };
        expect(ErrorCode.MemberNotInRoom === 203010, "enum value");
        expect(describe(203010)?.messageZh === "成员不在房间内", "describe zh");
        expect(describe(203006)?.causesEn.length === 3, "causes");
        expect(describe(203011) === undefined, "unknown code");
        expect(categoryOf(203011) === "room", "category of unknown code");
        expect(categoryOf(206001) === "pusher", "heartbeat category");
        expect(categoryOf(-1) === undefined, "negative code");
        expect(isRetryable(202006) && !isRetryable(203010), "retryable");
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
