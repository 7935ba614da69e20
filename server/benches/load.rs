//! Load benchmark of the built `liveroom-server` (not a timed test):
//!
//! 1. requests per second of a realistic session mix, from several client
//!    threads over keep-alive connections: an anchor logs in, gets a push
//!    URL, creates and joins a room, beats five times; a viewer logs in,
//!    lists the rooms, joins the audience and leaves it; the anchor leaves
//!    (the room ends) and both log out. On the memory store, on Redis, and
//!    on two instances sharing one Redis (the clients split between them);
//! 2. the server's RSS after 0, 5k, 10k and 20k such sessions of churn on
//!    the memory store, and redis-server's RSS after the Redis runs.
//!
//! `cargo bench -p liveroom-server --bench load` (release build); it prints
//! a table. Client and server share the machine's cores.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

const BINARY: &str = env!("CARGO_BIN_EXE_liveroom-server");
const CLIENTS: usize = 8;
const RUN: Duration = Duration::from_secs(8);

struct Process(Child);

impl Drop for Process {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

impl Process {
    fn rss_kib(&self) -> u64 {
        rss_kib(self.0.id())
    }
}

fn rss_kib(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmRSS:"))
        .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

/// The server with `args`; its base URL.
fn server(args: &[&str]) -> (Process, String) {
    let mut child = Command::new(BINARY)
        .args(["0", "--demo-auth", "--rate-limit", "1000000"])
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let url = line
        .trim()
        .strip_prefix("listening on ")
        .unwrap()
        .to_owned();
    (Process(child), url)
}

fn redis() -> Option<(Process, u16)> {
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let dir = std::env::temp_dir().join(format!("liveroom-bench-redis-{port}"));
    std::fs::create_dir_all(&dir).ok()?;
    let child = Command::new("redis-server")
        .args([
            "--port",
            &port.to_string(),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
        ])
        .arg("--dir")
        .arg(&dir)
        .stdout(Stdio::null())
        .spawn()
        .ok()?;
    let process = Process(child);
    for _ in 0..100 {
        if let Ok(mut stream) = TcpStream::connect(("127.0.0.1", port)) {
            let mut pong = [0; 7];
            if stream.write_all(b"PING\r\n").is_ok() && stream.read_exact(&mut pong).is_ok() {
                return Some((process, port));
            }
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    None
}

struct Caller {
    agent: ureq::Agent,
    base: String,
    sent: u64,
}

impl Caller {
    fn post(&mut self, target: &str, body: &Value) -> Value {
        self.sent += 1;
        let url = format!("{}{target}", self.base);
        let mut response = self
            .agent
            .post(&url)
            .send(body.to_string().as_bytes())
            .unwrap();
        let reply: Value =
            serde_json::from_slice(&response.body_mut().read_to_vec().unwrap()).unwrap();
        assert_eq!(reply["code"], 0, "{target}: {reply}");
        reply
    }

    fn login(&mut self, user: &str) -> String {
        let target =
            format!("/weapp/live_room/login?sdkAppID=1400000000&userID={user}&userSig=sig-{user}");
        self.post(&target, &json!({}))["token"]
            .as_str()
            .unwrap()
            .to_owned()
    }

    fn call(&mut self, user: &str, token: &str, interface: &str, body: Value) -> Value {
        self.post(
            &format!("/weapp/live_room/{interface}?userID={user}&token={token}"),
            &body,
        )
    }

    /// One anchor's and one viewer's whole session: 15 requests.
    fn session(&mut self, n: u64, thread: usize) {
        let (anchor, viewer) = (format!("a{thread}_{n}"), format!("v{thread}_{n}"));
        let token = self.login(&anchor);
        let urls = self.call(&anchor, &token, "get_anchor_url", json!({"userID": anchor}));
        let created = self.call(
            &anchor,
            &token,
            "create_room",
            json!({"userID": anchor, "roomInfo": "{\"title\":\"bench\"}"}),
        );
        let room = created["roomID"].as_str().unwrap().to_owned();
        let join = json!({"roomID": room, "userID": anchor, "userName": "A", "userAvatar": "", "pushURL": urls["pushURL"]});
        self.call(&anchor, &token, "add_anchor", join);
        let mut status = 0;
        for _ in 0..5 {
            let beat = self.call(
                &anchor,
                &token,
                "anchor_heartbeat",
                json!({"roomID": room, "userID": anchor, "roomStatusCode": status}),
            );
            status = beat["roomStatusCode"].as_i64().unwrap_or(status);
        }
        let watcher = self.login(&viewer);
        self.call(
            &viewer,
            &watcher,
            "get_room_list",
            json!({"cnt": 20, "index": 0}),
        );
        self.call(
            &viewer,
            &watcher,
            "add_audience",
            json!({"roomID": room, "userID": viewer, "userInfo": "{}"}),
        );
        self.call(
            &viewer,
            &watcher,
            "delete_audience",
            json!({"roomID": room, "userID": viewer}),
        );
        self.call(&viewer, &watcher, "logout", json!({}));
        self.call(
            &anchor,
            &token,
            "delete_anchor",
            json!({"roomID": room, "userID": anchor}),
        );
        self.call(&anchor, &token, "logout", json!({}));
    }
}

fn caller(base: &str) -> Caller {
    let agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(30)))
        .build()
        .into();
    Caller {
        agent,
        base: base.to_owned(),
        sent: 0,
    }
}

/// Requests per second of `CLIENTS` threads running sessions for `RUN`.
fn throughput(bases: &[String]) -> f64 {
    let stop = AtomicBool::new(false);
    let sent = AtomicU64::new(0);
    let started = Instant::now();
    std::thread::scope(|scope| {
        for thread in 0..CLIENTS {
            let (stop, sent) = (&stop, &sent);
            let base = bases[thread % bases.len()].clone();
            scope.spawn(move || {
                let mut caller = caller(&base);
                let mut n = 0;
                while !stop.load(Ordering::Relaxed) {
                    caller.session(n, thread);
                    n += 1;
                }
                sent.fetch_add(caller.sent, Ordering::Relaxed);
            });
        }
        std::thread::sleep(RUN);
        stop.store(true, Ordering::Relaxed);
    });
    sent.load(Ordering::Relaxed) as f64 / started.elapsed().as_secs_f64()
}

/// Runs `count` sessions on 4 threads.
fn churn(base: &str, count: u64, offset: u64) {
    std::thread::scope(|scope| {
        for thread in 0..4 {
            scope.spawn(move || {
                let mut caller = caller(base);
                for n in (offset + thread as u64..offset + count).step_by(4) {
                    caller.session(n, 100 + thread);
                }
            });
        }
    });
}

fn main() {
    // `cargo bench` passes --bench; a filter that names nothing here skips all.
    if std::env::args()
        .skip(1)
        .any(|arg| !arg.starts_with('-') && !"load".contains(&arg))
    {
        return;
    }
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    println!(
        "liveroom-server load benchmark: {CLIENTS} client threads, {} s a run, {cores} cores shared by clients and servers",
        RUN.as_secs()
    );
    println!(
        "a session = 15 requests (login, get_anchor_url, create_room, add_anchor, 5 heartbeats, viewer login, get_room_list, add_audience, delete_audience, viewer logout, delete_anchor, logout)\n"
    );
    println!("| store | instances | requests/s |");
    println!("|---|---|---|");
    let (memory, url) = server(&[]);
    println!(
        "| memory | 1 | {:.0} |",
        throughput(std::slice::from_ref(&url))
    );
    drop(memory);
    let mut redis_rss = None;
    match redis() {
        None => println!("| redis | - | skipped: no redis-server on PATH |"),
        Some((redis, port)) => {
            let store = format!("redis://127.0.0.1:{port}");
            let (one, url) = server(&["--store", &store]);
            println!(
                "| redis | 1 | {:.0} |",
                throughput(std::slice::from_ref(&url))
            );
            let (two, url2) = server(&["--store", &store]);
            println!("| redis | 2 | {:.0} |", throughput(&[url, url2]));
            redis_rss = Some((redis.rss_kib(), one.rss_kib(), two.rss_kib()));
        }
    }
    println!("\nRSS under churn (memory store, sessions of 15 requests on 4 threads):\n");
    println!("| sessions | server RSS (MiB) | seconds |");
    println!("|---|---|---|");
    let (process, url) = server(&[]);
    let mut done = 0;
    let mib = |kib: u64| kib as f64 / 1024.0;
    println!("| 0 | {:.1} | - |", mib(process.rss_kib()));
    for target in [5_000, 10_000, 20_000] {
        let started = Instant::now();
        churn(&url, target - done, done);
        done = target;
        println!(
            "| {target} | {:.1} | {:.1} |",
            mib(process.rss_kib()),
            started.elapsed().as_secs_f64()
        );
    }
    if let Some((redis, one, two)) = redis_rss {
        println!(
            "\nAfter the Redis runs: redis-server RSS {:.1} MiB, the two servers {:.1} and {:.1} MiB",
            mib(redis),
            mib(one),
            mib(two)
        );
    }
}
