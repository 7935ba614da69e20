//! The binary as people (and the held-out checks) start it:
//! `liveroom-server PORT [flags]`, keys in the environment.

use std::io::{BufRead, BufReader, Read};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex, mpsc};
use std::time::Duration;

use serde_json::json;

use crate::support::{APP, Client, KEY, RedisServer, User, code, eventually, official_sigs};

const BINARY: &str = env!("CARGO_BIN_EXE_liveroom-server");

/// The binary, running until dropped.
pub struct Process {
    child: Child,
    pub url: String,
    stderr: Arc<Mutex<String>>,
}

impl Process {
    /// What it has written to stderr so far.
    pub fn said(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }
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
        .env_remove("LIVEROOM_STORE")
        .envs(env.iter().copied())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = command.spawn().unwrap();
    let stderr = Arc::new(Mutex::new(String::new()));
    let (mut from, into) = (child.stderr.take().unwrap(), stderr.clone());
    std::thread::spawn(move || {
        let mut buffer = [0; 4096];
        while let Ok(n @ 1..) = from.read(&mut buffer) {
            into.lock()
                .unwrap()
                .push_str(&String::from_utf8_lossy(&buffer[..n]));
        }
    });
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
    Process { child, url, stderr }
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
        "LIVEROOM_STORE",
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

/// The binary's exit code and stderr for `args` (demo sign-in, no store in
/// the environment); `None` if it is still running after 5 s (it started).
fn refused(args: &[&str]) -> (Option<i32>, String) {
    let mut child = Command::new(BINARY)
        .args(["0", "--demo-auth"])
        .args(args)
        .env_remove("LIVEROOM_STORE")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let exited = eventually(Duration::from_secs(5), || {
        child.try_wait().unwrap().is_some()
    });
    if !exited {
        let _ = child.kill();
    }
    let status = child.wait().unwrap();
    let mut said = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut said)
        .unwrap();
    (status.code().filter(|_| exited), said)
}

#[test]
fn timeouts_beyond_a_year_are_refused_at_the_start() {
    for flag in [
        "--heartbeat-timeout",
        "--audience-timeout",
        "--session-timeout",
    ] {
        for value in ["0", "31536001", "18446744073709551615", "-1"] {
            let (code, said) = refused(&[&format!("{flag}={value}")]);
            assert_eq!(code, Some(2), "{flag} {value}: {said}");
            assert!(said.contains(flag), "{flag} {value}: {said}");
        }
    }
    // A year is the most: a session that long works.
    let server = spawn(&["--demo-auth", "--session-timeout", "31536000"], &[]);
    let alice = User::login(&Client::at(&server.url), "alice");
    alice.expect("get_room_list", json!({"cnt": 1}), 0);
}

#[test]
fn the_store_password_shows_in_no_log_line_and_no_reply() {
    let Some(redis) = RedisServer::start_with(
        "the_store_password_shows_in_no_log_line_and_no_reply",
        &["--requirepass", "right-pw"],
    ) else {
        return;
    };
    // What no reply may say: the password, Redis's words, the OS's.
    let hidden = [
        "wrong-pw",
        "right-pw",
        "assword",
        "WRONGPASS",
        "os error",
        "refused",
    ];
    let closed = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    for url in [
        format!("redis://:wrong-pw@127.0.0.1:{}", redis.port),
        format!("redis://default:wrong-pw@127.0.0.1:{}", redis.port),
        format!("redis://:wrong-pw@127.0.0.1:{closed}"),
    ] {
        let server = spawn(&["--demo-auth", "--store", &url], &[]);
        let client = Client::at(&server.url);
        let reply = client.login_with("alice", "sig-alice", "1400000000");
        assert_eq!(code(&reply), 207001, "{reply}");
        let message = reply["message"].as_str().unwrap();
        assert!(message.contains("the room store is unavailable"), "{reply}");
        for word in hidden {
            assert!(!message.contains(word), "{word} in {reply}");
        }
        // The log says what went wrong, with the password redacted.
        assert!(eventually(Duration::from_secs(5), || server
            .said()
            .contains("store failure")));
        let said = server.said();
        assert!(said.contains(":***@127.0.0.1"), "{said}");
        assert!(!said.contains("wrong-pw"), "{said}");
    }
    // A URL that cannot be used stops the start, and does not show either.
    for url in [
        "redis://:wrong-pw@127.0.0.1:99999",
        "rediss://:wrong-pw@127.0.0.1:1",
    ] {
        let (code, said) = refused(&["--store", url]);
        assert!(matches!(code, Some(1 | 2)), "{url}: {said}");
        assert!(
            said.contains(":***@127.0.0.1") && !said.contains("wrong-pw"),
            "{said}"
        );
    }
    // Nor one with the password where no `@` marks it.
    for url in ["redis://:wrong-pw", "redis+unix:///tmp/x?pass=wrong-pw"] {
        let (code, said) = refused(&["--store", url]);
        assert!(matches!(code, Some(1 | 2)), "{url}: {said}");
        assert!(!said.contains("wrong-pw"), "{said}");
    }
    // From the environment, where `ps` does not show it, the URL works as the flag does.
    let url = format!("redis://:right-pw@127.0.0.1:{}", redis.port);
    let server = spawn(&["--demo-auth"], &[("LIVEROOM_STORE", &url)]);
    let alice = User::login(&Client::at(&server.url), "alice");
    let room = alice.start_room(None);
    assert!(alice.room_ids().contains(&room));
    assert!(!server.said().contains("right-pw"));
}
