//! The binary as people (and the held-out checks) start it:
//! `liveroom-server PORT [flags]`, keys in the environment.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use serde_json::json;

use crate::support::{APP, Client, KEY, User, code, eventually, official_sigs};

const BINARY: &str = env!("CARGO_BIN_EXE_liveroom-server");

/// The binary, running until dropped.
pub struct Process {
    child: Child,
    pub url: String,
}

impl Drop for Process {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts the binary on a free port with `args` and `env`, and waits for its
/// `listening on http://HOST:PORT` line.
pub fn spawn(args: &[&str], env: &[(&str, &str)]) -> Process {
    let mut command = Command::new(BINARY);
    command
        .arg("0")
        .args(args)
        .env_remove("LIVEROOM_SDKAPPID")
        .env_remove("LIVEROOM_SECRET_KEY")
        .envs(env.iter().copied())
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    let mut child = command.spawn().unwrap();
    let stdout = child.stdout.take().unwrap();
    let (send, receive) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            let _ = send.send(line);
        }
    });
    let line = receive
        .recv_timeout(Duration::from_secs(10))
        .expect("a first line within 10 s");
    let url = line
        .strip_prefix("listening on ")
        .unwrap_or_else(|| panic!("{line}"))
        .to_owned();
    assert!(url.starts_with("http://127.0.0.1:"), "{url}");
    Process { child, url }
}

#[test]
fn help_lists_every_flag_and_the_variables() {
    let output = Command::new(BINARY).arg("--help").output().unwrap();
    assert!(output.status.success());
    let help = String::from_utf8(output.stdout).unwrap();
    for flag in [
        "[PORT]",
        "--host",
        "--demo-auth",
        "--heartbeat-timeout",
        "--audience-timeout",
        "--session-timeout",
        "--store",
        "--rate-limit",
        "LIVEROOM_SDKAPPID",
        "LIVEROOM_SECRET_KEY",
    ] {
        assert!(help.contains(flag), "{flag} in {help}");
    }
}

#[test]
fn without_a_key_or_demo_auth_it_refuses_to_start_and_says_why() {
    for env in [
        vec![],
        vec![("LIVEROOM_SECRET_KEY", KEY)],
        vec![("LIVEROOM_SDKAPPID", "1400000000")],
    ] {
        let output = Command::new(BINARY)
            .arg("0")
            .env_remove("LIVEROOM_SDKAPPID")
            .env_remove("LIVEROOM_SECRET_KEY")
            .envs(env.iter().copied())
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2), "{env:?}");
        let said = String::from_utf8(output.stderr).unwrap();
        assert!(
            said.contains("LIVEROOM_SECRET_KEY") && said.contains("--demo-auth"),
            "{said}"
        );
        assert!(!said.contains(KEY));
        assert!(output.stdout.is_empty());
    }
    let output = Command::new(BINARY)
        .args(["0", "--demo-auth", "--store", "mysql://x"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn with_the_keys_it_signs_in_real_sigs_and_not_demo_ones() {
    let app = APP.to_string();
    let server = spawn(
        &[],
        &[("LIVEROOM_SDKAPPID", &app), ("LIVEROOM_SECRET_KEY", KEY)],
    );
    let client = Client::at(&server.url);
    assert_eq!(code(&client.login_with("alice", "sig-alice", &app)), 202003);
    let Some(sigs) = official_sigs(
        "with_the_keys_it_signs_in_real_sigs",
        &[(APP, KEY, "alice", 3600, 0)],
    ) else {
        return;
    };
    assert_eq!(code(&client.login_with("alice", &sigs[0], &app)), 0);
}

#[test]
fn flags_reach_the_service_heartbeat_timeout_and_rate_limit() {
    let server = spawn(
        &[
            "--demo-auth",
            "--heartbeat-timeout",
            "2",
            "--rate-limit",
            "1000000",
        ],
        &[],
    );
    let client = Client::at(&server.url);
    let alice = User::login(&client, "alice");
    let room = alice.start_room(None);
    assert!(alice.room_ids().contains(&room));
    let gone = eventually(Duration::from_secs(4), || !alice.room_ids().contains(&room));
    assert!(gone, "the room outlived --heartbeat-timeout 2");
    alice.expect(
        "anchor_heartbeat",
        json!({"roomID": room, "userID": "alice"}),
        204002,
    );

    let limited = spawn(&["--demo-auth", "--rate-limit", "5"], &[]);
    let client = Client::at(&limited.url);
    let codes: Vec<i64> = (0..20)
        .map(|_| code(&client.login_with("u", "sig-u", "1400000000")))
        .collect();
    assert!(codes.contains(&202006), "{codes:?}");
    assert!(codes.iter().filter(|c| **c == 0).count() <= 10, "{codes:?}");
}
