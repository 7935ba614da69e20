//! What the tests share: servers in-process on ephemeral loopback ports, a
//! client that sends what the official clients send, the contract check,
//! a redis-server of their own, and the official TLS-sig v2 generator.
#![allow(dead_code)]

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use liveroom_errors::api;
use liveroom_errors::{ErrorCode, Interface};
use liveroom_server::config::{Config, StoreKind};
use liveroom_server::http::RateLimit;
use liveroom_server::sig::Auth;
use serde_json::{Value, json};

/// The sdkAppID of the tests' app.
pub const APP: u64 = 1_400_000_000;
/// The tests' secret key (a made-up one, in the format of the console's).
pub const KEY: &str = "5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e";

/// A server running in this process, alive as long as this value.
pub struct Server {
    pub address: SocketAddr,
    _runtime: tokio::runtime::Runtime,
}

impl Server {
    pub fn url(&self) -> String {
        format!("http://{}", self.address)
    }
}

/// The tests' default: demo sign-in, no rate limit a test could reach.
pub fn config() -> Config {
    let mut config = Config::new(Auth::Demo { sdk_app_id: None });
    config.http.rate_limit = RateLimit {
        max_requests: u64::MAX,
        per: Duration::from_secs(1),
    };
    config
}

/// [`config`] on the Redis at `url`.
pub fn on_redis(url: &str) -> Config {
    let mut config = config();
    config.store = StoreKind::Redis(url.to_owned());
    config
}

pub fn start(config: Config) -> Server {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let running = runtime.block_on(liveroom_server::start(&config)).unwrap();
    assert!(running.address.ip().is_loopback());
    Server {
        address: running.address,
        _runtime: runtime,
    }
}

/// A keep-alive client that, like the official ones, reads every status.
#[derive(Clone)]
pub struct Client {
    pub base: String,
    agent: ureq::Agent,
}

impl Client {
    pub fn new(server: &Server) -> Client {
        Client::at(&server.url())
    }

    pub fn at(base: &str) -> Client {
        let agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(20)))
            .build()
            .into();
        Client {
            base: base.to_owned(),
            agent,
        }
    }

    /// POSTs `body` to `target`: the reply's body, asserting a RoomService
    /// answer (HTTP 200, JSON, a code and a timestamp).
    pub fn post(&self, target: &str, body: &str) -> Vec<u8> {
        let url = format!("{}{target}", self.base);
        let mut response = self
            .agent
            .post(&url)
            .header("content-type", "application/json; charset=utf-8")
            .send(body.as_bytes())
            .unwrap_or_else(|error| panic!("{target}: {error}"));
        assert_eq!(response.status(), 200, "{target}");
        let bytes = response.body_mut().read_to_vec().unwrap();
        let value: Value = serde_json::from_slice(&bytes).unwrap_or_else(|error| {
            panic!("{target}: {error}: {}", String::from_utf8_lossy(&bytes))
        });
        assert!(value["code"].is_i64(), "{value}");
        assert!(
            value["timestamp"]
                .as_u64()
                .is_some_and(|ms| ms > 1_700_000_000_000),
            "{value}"
        );
        bytes
    }

    /// `login` of `user` with `sig` (Android's empty body): the reply.
    pub fn login_with(&self, user: &str, sig: &str, app: &str) -> Value {
        let target = format!(
            "/weapp/live_room/login?sdkAppID={app}&userID={user}&userSig={sig}&platform=Android"
        );
        serde_json::from_slice(&self.post(&target, "")).unwrap()
    }

    /// `login` with the demo sig: the token.
    pub fn login(&self, user: &str) -> String {
        let reply = self.login_with(user, &format!("sig-{user}"), &APP.to_string());
        assert_eq!(reply["code"], 0, "{reply}");
        reply["token"].as_str().unwrap().to_owned()
    }

    /// `interface` called by `user` with `token` and `body`: the reply.
    pub fn call(&self, user: &str, token: &str, interface: &str, body: &Value) -> Value {
        let target = format!("/weapp/live_room/{interface}?userID={user}&token={token}");
        let bytes = self.post(&target, &body.to_string());
        let checked = Interface::from_name(interface).map(|i| declared_code(i, &bytes));
        assert!(
            matches!(checked, Some(Ok(_))),
            "{interface} {body}: {checked:?}"
        );
        serde_json::from_slice(&bytes).unwrap()
    }
}

/// The code of a reply.
pub fn code(reply: &Value) -> i64 {
    reply["code"].as_i64().unwrap()
}

/// A user with a session: their client, name and token.
#[derive(Clone)]
pub struct User {
    pub client: Client,
    pub id: String,
    pub token: String,
}

impl User {
    pub fn login(client: &Client, id: &str) -> User {
        User {
            client: client.clone(),
            id: id.to_owned(),
            token: client.login(id),
        }
    }

    pub fn call(&self, interface: &str, body: Value) -> Value {
        self.client.call(&self.id, &self.token, interface, &body)
    }

    /// `interface` must answer `expected`; gives the reply.
    pub fn expect(&self, interface: &str, body: Value, expected: i64) -> Value {
        let reply = self.call(interface, body.clone());
        assert_eq!(
            code(&reply),
            expected,
            "{} {interface} {body}: {reply}",
            self.id
        );
        reply
    }

    pub fn push_url(&self) -> String {
        let reply = self.expect("get_anchor_url", json!({"userID": self.id}), 0);
        reply["pushURL"].as_str().unwrap().to_owned()
    }

    /// Creates a room (`id`, or one the server picks), then joins it as its
    /// anchor, as the three clients do: gives the room id.
    pub fn start_room(&self, id: Option<&str>) -> String {
        let push = self.push_url();
        let mut body = json!({"userID": self.id, "roomInfo": "{\"title\":\"t\"}"});
        if let Some(id) = id {
            body["roomID"] = json!(id);
        }
        let created = self.expect("create_room", body, 0);
        let room = created["roomID"].as_str().unwrap().to_owned();
        self.join(&room, &push, 0);
        room
    }

    /// add_anchor to `room` with `push`, expecting `code`.
    pub fn join(&self, room: &str, push: &str, code: i64) -> Value {
        let body = json!({"roomID": room, "userID": self.id, "userName": self.id,
            "userAvatar": "", "pushURL": push});
        self.expect("add_anchor", body, code)
    }

    pub fn beat(&self, room: &str, status: i64) -> Value {
        self.call(
            "anchor_heartbeat",
            json!({"roomID": room, "userID": self.id, "roomStatusCode": status}),
        )
    }

    pub fn room_ids(&self) -> Vec<String> {
        let list = self.expect("get_room_list", json!({"cnt": 100, "index": 0}), 0);
        list["rooms"]
            .as_array()
            .unwrap()
            .iter()
            .map(|room| room["roomID"].as_str().unwrap().to_owned())
            .collect()
    }
}

/// Decodes `body` as a reply of `interface` and gives its code: `0` for a
/// success whose payload fits the interface's reply type, or an error code
/// that the interface declares (`Interface::errors`). Anything else (no
/// reply, a payload that does not fit, an undeclared code) is the `Err`.
pub fn declared_code(interface: Interface, body: &[u8]) -> Result<i64, String> {
    fn check<R: api::Reply>(body: &[u8]) -> Result<i64, String>
    where
        R::Error: api::InterfaceError,
    {
        use api::InterfaceError;
        let interface = <R::Error as InterfaceError>::INTERFACE;
        match api::decode::<R>(body) {
            Ok(_) => Ok(0),
            Err(api::CallError::Server(error)) if error.pair().is_some() => {
                Ok(error.server_error().code().value())
            }
            Err(api::CallError::Server(error)) => Err(format!(
                "{interface} does not declare {}",
                error.server_error()
            )),
            Err(error) => Err(format!("no {interface} reply: {error}")),
        }
    }
    match interface {
        Interface::Login => check::<api::LoginReply>(body),
        Interface::Logout => check::<api::LogoutReply>(body),
        Interface::GetRoomList => check::<api::GetRoomListReply>(body),
        Interface::GetAnchorUrl => check::<api::GetAnchorUrlReply>(body),
        Interface::CreateRoom => check::<api::CreateRoomReply>(body),
        Interface::DestroyRoom => check::<api::DestroyRoomReply>(body),
        Interface::GetAnchors => check::<api::GetAnchorsReply>(body),
        Interface::AddAnchor => check::<api::AddAnchorReply>(body),
        Interface::DeleteAnchor => check::<api::DeleteAnchorReply>(body),
        Interface::AnchorHeartbeat => check::<api::AnchorHeartbeatReply>(body),
        Interface::AddAudience => check::<api::AddAudienceReply>(body),
        Interface::DeleteAudience => check::<api::DeleteAudienceReply>(body),
        Interface::GetAudiences => check::<api::GetAudiencesReply>(body),
        Interface::MergeStream => check::<api::MergeStreamReply>(body),
        Interface::SetCustomField => check::<api::SetCustomFieldReply>(body),
        Interface::GetCustomInfo => check::<api::GetCustomInfoReply>(body),
    }
}

/// The recovery `interface` advises for `code`.
pub fn advice(interface: &str, code: i64) -> liveroom_errors::Recovery {
    let interface = Interface::from_name(interface).unwrap();
    let code = ErrorCode::from_code(u32::try_from(code).unwrap()).unwrap();
    interface.recovery(code)
}

/// Sends `request` as it is on a new connection; the answer's status line and body.
pub fn raw(address: SocketAddr, request: &[u8]) -> (String, Vec<u8>) {
    let mut stream = TcpStream::connect(address).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    stream.write_all(request).unwrap();
    let mut bytes = Vec::new();
    let _ = stream.read_to_end(&mut bytes);
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    (
        head.lines().next().unwrap_or("").to_owned(),
        body.as_bytes().to_vec(),
    )
}

/// A POST request with `Connection: close`, `extra` headers and `body`.
pub fn post(target: &str, extra: &str, body: &str) -> Vec<u8> {
    format!(
        "POST {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n{extra}Content-Length: {}\r\n\r\n{body}",
        body.len()
    )
    .into_bytes()
}

/// Polls `check` every 50 ms until it holds or `limit` passes.
pub fn eventually(limit: Duration, mut check: impl FnMut() -> bool) -> bool {
    let started = Instant::now();
    while started.elapsed() < limit {
        if check() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    check()
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// A temporary directory of this test run, removed with the value.
pub struct TempDir(pub PathBuf);

impl TempDir {
    pub fn new(name: &str) -> TempDir {
        let unique = format!("liveroom-{name}-{}-{}", std::process::id(), free_port());
        let path = std::env::temp_dir().join(unique);
        std::fs::create_dir_all(&path).unwrap();
        TempDir(path)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A redis-server of the test's own: an ephemeral port, no persistence, a
/// temporary directory; stopped with the value.
pub struct RedisServer {
    pub port: u16,
    child: Child,
    dir: TempDir,
    extra: Vec<String>,
}

impl RedisServer {
    /// A new redis-server, or `None` (said on stderr) when there is none on
    /// PATH, unless `LIVEROOM_REQUIRE_REDIS=1`, which makes that a failure.
    pub fn start(test: &str) -> Option<RedisServer> {
        Self::start_with(test, &[])
    }

    /// [`RedisServer::start`] with `extra` arguments (`--requirepass PW`, say).
    pub fn start_with(test: &str, extra: &[&str]) -> Option<RedisServer> {
        let found = Command::new("redis-server")
            .arg("--version")
            .stdout(Stdio::null())
            .status()
            .is_ok_and(|status| status.success());
        if !found {
            let required = std::env::var("LIVEROOM_REQUIRE_REDIS").as_deref() == Ok("1");
            assert!(
                !required,
                "LIVEROOM_REQUIRE_REDIS=1, but there is no redis-server on PATH"
            );
            eprintln!(
                "SKIPPED {test}: no redis-server on PATH (install it, e.g. apt-get install redis-server)"
            );
            return None;
        }
        let dir = TempDir::new("redis");
        let port = free_port();
        let extra: Vec<String> = extra.iter().map(|arg| (*arg).to_owned()).collect();
        let child = Self::spawn(port, &dir, &extra);
        let server = RedisServer {
            port,
            child,
            dir,
            extra,
        };
        server.wait_up();
        Some(server)
    }

    fn spawn(port: u16, dir: &TempDir, extra: &[String]) -> Child {
        Command::new("redis-server")
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
            .arg(&dir.0)
            .args(extra)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("redis-server starts")
    }

    fn wait_up(&self) {
        let up = eventually(Duration::from_secs(10), || self.ping());
        assert!(up, "redis-server on port {} did not answer", self.port);
    }

    /// Whether it answers PING now (asking for a password is an answer too).
    pub fn ping(&self) -> bool {
        let Ok(mut stream) = TcpStream::connect(("127.0.0.1", self.port)) else {
            return false;
        };
        let _ = stream.set_read_timeout(Some(Duration::from_millis(500)));
        let mut answer = [0; 7];
        stream.write_all(b"PING\r\n").is_ok()
            && stream.read_exact(&mut answer).is_ok()
            && (&answer == b"+PONG\r\n" || &answer == b"-NOAUTH")
    }

    pub fn url(&self) -> String {
        format!("redis://127.0.0.1:{}", self.port)
    }

    fn signal(&self, signal: &str) {
        let status = Command::new("kill")
            .args([signal, &self.child.id().to_string()])
            .status()
            .unwrap();
        assert!(status.success());
    }

    /// SIGSTOP: Redis stalls, its connections stay open.
    pub fn pause(&self) {
        self.signal("-STOP");
    }

    /// SIGCONT: it carries on where it was.
    pub fn resume(&self) {
        self.signal("-CONT");
    }

    /// Kills it, then starts a new one on the same port (empty: no persistence).
    pub fn restart(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        self.child = Self::spawn(self.port, &self.dir, &self.extra);
        self.wait_up();
    }
}

impl Drop for RedisServer {
    fn drop(&mut self) {
        let _ = Command::new("kill")
            .args(["-CONT", &self.child.id().to_string()])
            .status();
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A link to a Redis through which requests can be made slow: every byte
/// the server sends reaches Redis a set delay later (replies come back at
/// once), as over a congested network. The delay starts at zero.
pub struct SlowLink {
    pub port: u16,
    delay_ms: Arc<AtomicU64>,
}

impl SlowLink {
    pub fn to(redis: &RedisServer) -> SlowLink {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let delay_ms = Arc::new(AtomicU64::new(0));
        let (upstream, delay) = (redis.port, delay_ms.clone());
        // The threads end with the test binary; a link costs three per connection.
        std::thread::spawn(move || {
            for client in listener.incoming().map_while(Result::ok) {
                let Ok(redis) = TcpStream::connect(("127.0.0.1", upstream)) else {
                    continue;
                };
                let _ = (client.set_nodelay(true), redis.set_nodelay(true));
                let (mut from_client, mut to_redis) =
                    (client.try_clone().unwrap(), redis.try_clone().unwrap());
                let (mut from_redis, mut to_client) = (redis, client);
                let (send, receive) = std::sync::mpsc::channel::<(Instant, Vec<u8>)>();
                let delay = delay.clone();
                std::thread::spawn(move || {
                    let mut buffer = [0; 16 * 1024];
                    while let Ok(n @ 1..) = from_client.read(&mut buffer) {
                        let due =
                            Instant::now() + Duration::from_millis(delay.load(Ordering::SeqCst));
                        if send.send((due, buffer[..n].to_vec())).is_err() {
                            break;
                        }
                    }
                });
                std::thread::spawn(move || {
                    for (due, bytes) in receive {
                        std::thread::sleep(due.saturating_duration_since(Instant::now()));
                        if to_redis.write_all(&bytes).is_err() {
                            break;
                        }
                    }
                });
                std::thread::spawn(move || {
                    let _ = std::io::copy(&mut from_redis, &mut to_client);
                });
            }
        });
        SlowLink { port, delay_ms }
    }

    pub fn url(&self) -> String {
        format!("redis://127.0.0.1:{}", self.port)
    }

    /// What is sent from now on reaches Redis `delay` later.
    pub fn set_delay(&self, delay: Duration) {
        let ms = u64::try_from(delay.as_millis()).unwrap();
        self.delay_ms.store(ms, Ordering::SeqCst);
    }
}

/// Signatures from the official Python generator (`tls-sig-api-v2` on PyPI),
/// one per spec `(sdkappid, key, userID, expire, seconds ago it was made)`;
/// `None` (said on stderr) when it cannot be had, unless
/// `LIVEROOM_REQUIRE_SIGGEN=1`, which makes that a failure.
pub fn official_sigs(test: &str, specs: &[(u64, &str, &str, i64, i64)]) -> Option<Vec<String>> {
    let python = match generator() {
        Ok(python) => python,
        Err(why) => {
            let required = std::env::var("LIVEROOM_REQUIRE_SIGGEN").as_deref() == Ok("1");
            assert!(!required, "LIVEROOM_REQUIRE_SIGGEN=1, but {why}");
            eprintln!("SKIPPED {test}: {why}");
            return None;
        }
    };
    // The generator takes the time from time.time(): made earlier, by moving that.
    let script = r#"
import json, sys, time
import TLSSigAPIv2
real = time.time
out = []
for app, key, user, expire, ago in json.loads(sys.argv[1]):
    TLSSigAPIv2.time.time = lambda: real() - ago
    out.append(TLSSigAPIv2.TLSSigAPIv2(app, key).gen_sig(user, expire))
print(json.dumps(out))
"#;
    let specs: Vec<Value> = specs
        .iter()
        .map(|(app, key, user, expire, ago)| json!([app, key, user, expire, ago]))
        .collect();
    let output = Command::new(python)
        .args(["-c", script, &Value::from(specs).to_string()])
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    Some(serde_json::from_slice(&output.stdout).unwrap())
}

/// The Python of a venv with `tls-sig-api-v2`: `LIVEROOM_SIGGEN_PYTHON`, or
/// one made under target/ on first use (pinned, from PyPI).
fn generator() -> Result<PathBuf, String> {
    if let Ok(python) = std::env::var("LIVEROOM_SIGGEN_PYTHON") {
        return Ok(PathBuf::from(python));
    }
    let venv = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/tls-sig-venv");
    let python = venv.join("bin/python");
    let has = |python: &PathBuf| {
        Command::new(python)
            .args(["-c", "import TLSSigAPIv2"])
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|status| status.success())
    };
    if has(&python) {
        return Ok(python);
    }
    // Several tests may get here at once: one makes it, the others wait.
    static MAKE: std::sync::Mutex<()> = std::sync::Mutex::new(());
    let _guard = MAKE
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    if has(&python) {
        return Ok(python);
    }
    let made = Command::new("python3")
        .args(["-m", "venv"])
        .arg(&venv)
        .status()
        .is_ok_and(|status| status.success());
    if !made {
        return Err("python3 with venv is not available for the tls-sig-api-v2 generator".into());
    }
    let installed = Command::new(venv.join("bin/pip"))
        .args([
            "install",
            "--quiet",
            "--disable-pip-version-check",
            "tls-sig-api-v2==1.1",
        ])
        .status()
        .is_ok_and(|status| status.success());
    if installed && has(&python) {
        Ok(python)
    } else {
        Err("pip could not install tls-sig-api-v2==1.1 from PyPI".into())
    }
}
