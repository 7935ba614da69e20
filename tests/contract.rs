//! The example server keeps the contract: every interface is routed, each
//! failure gets the code the table names, and every code it sends for an
//! interface is one that interface declares (`Interface::errors`), for the
//! requests of a table and for generated ones.

mod support;

use std::net::SocketAddr;

use liveroom_errors::Interface;
use liveroom_errors::api::{self, Call};
use proptest::prelude::*;
use serde_json::{Value, json};
use support::server::{Config, Limits};
use support::{agent, declared_code, exchange, raw_login, start, unlimited};

/// The state every request of these tests meets: `u` created room `r` and
/// is its anchor, `v` watches it, `w` is logged out; the tokens of `u` and
/// `v`, and the push URL `get_anchor_url` gave `u`.
struct World {
    address: SocketAddr,
    agent: ureq::Agent,
    u: String,
    v: String,
    w: String,
    push_url: String,
}

impl World {
    fn new(address: SocketAddr) -> World {
        let mut world = World {
            address,
            agent: agent(),
            u: String::new(),
            v: String::new(),
            w: String::new(),
            push_url: String::new(),
        };
        world.w = raw_login(address, "w");
        world.call("w", &world.w.clone(), "logout", "");
        world.reset();
        world
    }

    /// Logs `u` and `v` in again and puts them back in room `r`, whatever
    /// the last requests did (a logout, a destroy_room, a delete_anchor).
    fn reset(&mut self) {
        self.u = raw_login(self.address, "u");
        self.v = raw_login(self.address, "v");
        let (u, v) = (self.u.clone(), self.v.clone());
        let urls = self.call("u", &u, "get_anchor_url", r#"{"userID":"u"}"#);
        let urls = api::decode::<api::GetAnchorUrlReply>(&urls).unwrap();
        self.push_url = urls.push_url;
        // Already there after the first time: 203002, as it should be.
        self.call("u", &u, "create_room", r#"{"userID":"u","roomID":"r"}"#);
        let join = json!({"roomID":"r","userID":"u","userName":"U","pushURL":self.push_url});
        self.expect("u", &u, "add_anchor", &join.to_string(), 0);
        let watch = r#"{"roomID":"r","userID":"v","userInfo":"{}"}"#;
        self.expect("v", &v, "add_audience", watch, 0);
    }

    /// `interface` called by `user` with `token` and `body`: the reply's body,
    /// after checking that it is a RoomService answer.
    fn call(&self, user: &str, token: &str, interface: &str, body: &str) -> Vec<u8> {
        let target = format!("/weapp/live_room/{interface}?userID={user}&token={token}");
        exchange(&self.agent, self.address, &target, body.as_bytes())
    }

    /// Asserts that the call answers `code`, and that its interface declares it.
    fn expect(&self, user: &str, token: &str, interface: &str, body: &str, code: i64) {
        let reply = self.call(user, token, interface, body);
        let text = String::from_utf8_lossy(&reply);
        let found = Interface::from_name(interface).map(|i| declared_code(i, &reply));
        assert_eq!(found, Some(Ok(code)), "{interface} {body}: {text}");
    }
}

#[test]
fn every_interface_is_routed() {
    let (_runtime, address) = start(unlimited());
    let agent = agent();
    for interface in Interface::ALL {
        // No query at all: the extractor's 200100 (login: 201001), not 207005.
        let reply = exchange(&agent, address, interface.path(), b"{}");
        let code = declared_code(interface, &reply).unwrap();
        let expected = if interface == Interface::Login {
            201001
        } else {
            200100
        };
        assert_eq!(code, expected, "{interface}");
    }
}

#[test]
fn each_failure_gets_the_code_the_table_names() {
    let (_runtime, address) = start(Config {
        limits: Limits {
            max_anchors: 1,
            max_audiences: 1,
            ..Limits::default()
        },
        ..unlimited()
    });
    let world = World::new(address);
    let (u, v, w) = (world.u.as_str(), world.v.as_str(), world.w.as_str());
    let push = world.push_url.as_str();

    // Failures every interface but login shares.
    for interface in Interface::ALL.into_iter().filter(|i| i.takes_token()) {
        let name = interface.name();
        world.expect("u", "nope", name, "{}", 202001);
        world.expect("u", "", name, "{}", 202001);
        world.expect("u", v, name, "{}", 202001); // another user's token
        world.expect("w", w, name, "{}", 202001); // logged out
        world.expect("u", u, name, "{", 200101);
        world.expect("u", u, name, "[]", 200100);
        let no_token = format!("{}?userID=u", interface.path());
        let reply = exchange(&world.agent, address, &no_token, b"{}");
        assert_eq!(declared_code(interface, &reply), Ok(200100), "{name}");
    }

    // login's own.
    for (query, code) in [
        ("sdkAppID=1&userID=u", 201002),
        ("userID=u&userSig=sig-u", 201001),
        ("sdkAppID=1&userSig=sig-u", 200100),
        ("sdkAppID=1&userID=u&userSig=sig-x", 202003),
        ("sdkAppID=abc&userID=u&userSig=sig-u", 202005),
        ("sdkAppID=1&userID=u&userSig=sig-u&userSig=sig-u", 200100),
    ] {
        let target = format!("{}?{query}", api::LoginRequest::PATH);
        let reply = exchange(&world.agent, address, &target, b"");
        assert_eq!(declared_code(Interface::Login, &reply), Ok(code), "{query}");
    }
    let target = format!(
        "{}?sdkAppID=1&userID=u&userSig=sig-u",
        api::LoginRequest::PATH
    );
    let reply = exchange(&world.agent, address, &target, b"{");
    assert_eq!(declared_code(Interface::Login, &reply), Ok(200101));

    let long_info = json!({"userID":"u","roomInfo":"x".repeat(2000)}).to_string();
    let join = |user: &str, room: &str, push: &str| {
        json!({"roomID":room,"userID":user,"userName":"N","userAvatar":"","pushURL":push})
            .to_string()
    };
    let mix =
        serde_json::to_string(&support::client::mix("u", "r", "stream_1").merge_params).unwrap();
    let mix_in = |room: &str, params: Value| {
        json!({"userID":"u","roomID":room,"mergeParams":params}).to_string()
    };
    // `v` needs a push URL of its own to try to join.
    world.expect("v", v, "get_anchor_url", r#"{"userID":"v"}"#, 0);
    let v_push = api::decode::<api::GetAnchorUrlReply>(world.call(
        "v",
        v,
        "get_anchor_url",
        r#"{"userID":"v"}"#,
    ))
    .unwrap()
    .push_url;
    #[rustfmt::skip]
    let cases: &[(&str, &str, &str, String, i64)] = &[
        ("get_room_list", "u", u, r#"{"cnt":0,"index":0}"#.into(), 201005),
        ("get_room_list", "u", u, "{}".into(), 201005),
        ("get_room_list", "u", u, r#"{"cnt":-1}"#.into(), 200100),
        ("get_anchor_url", "u", u, r#"{"userID":"x"}"#.into(), 201003),
        ("get_anchor_url", "u", u, "{}".into(), 201003),
        ("create_room", "u", u, r#"{"userID":"x"}"#.into(), 201003),
        ("create_room", "u", u, r#"{"userID":"u","roomID":"r"}"#.into(), 203002),
        ("create_room", "u", u, long_info, 203009),
        ("destroy_room", "u", u, r#"{"userID":"u"}"#.into(), 201004),
        ("destroy_room", "u", u, r#"{"userID":"u","roomID":"gone"}"#.into(), 203003),
        ("destroy_room", "v", v, r#"{"userID":"v","roomID":"r"}"#.into(), 203003),
        ("get_anchors", "u", u, "{}".into(), 201004),
        ("get_anchors", "u", u, r#"{"roomID":"gone"}"#.into(), 204002),
        ("add_anchor", "u", u, join("x", "r", push), 201003),
        ("add_anchor", "u", u, join("u", "", push), 201004),
        ("add_anchor", "u", u, join("u", "gone", push), 203006),
        ("add_anchor", "u", u, join("u", "r", "rtmp://elsewhere/live/s"), 203008),
        ("add_anchor", "v", v, join("v", "r", &v_push), 203007),
        ("delete_anchor", "u", u, r#"{"userID":"x","roomID":"r"}"#.into(), 201003),
        ("delete_anchor", "u", u, r#"{"userID":"u"}"#.into(), 201004),
        ("delete_anchor", "u", u, r#"{"userID":"u","roomID":"gone"}"#.into(), 204003),
        ("delete_anchor", "v", v, r#"{"userID":"v","roomID":"r"}"#.into(), 203010),
        ("anchor_heartbeat", "u", u, r#"{"userID":"u"}"#.into(), 201004),
        ("anchor_heartbeat", "v", v, r#"{"userID":"v","roomID":"r"}"#.into(), 203010),
        ("anchor_heartbeat", "u", u, r#"{"userID":"u","roomID":"gone"}"#.into(), 203010),
        ("add_audience", "u", u, r#"{"userID":"x","roomID":"r"}"#.into(), 201003),
        ("add_audience", "u", u, r#"{"userID":"u"}"#.into(), 201004),
        ("add_audience", "u", u, r#"{"userID":"u","roomID":"gone"}"#.into(), 205002),
        ("add_audience", "u", u, r#"{"userID":"u","roomID":"r"}"#.into(), 205001),
        ("delete_audience", "u", u, r#"{"userID":"u","roomID":"r"}"#.into(), 203010),
        ("delete_audience", "u", u, r#"{"userID":"u","roomID":"gone"}"#.into(), 203010),
        ("delete_audience", "u", u, r#"{"userID":"u"}"#.into(), 201004),
        ("get_audiences", "u", u, "{}".into(), 201004),
        ("get_audiences", "u", u, r#"{"roomID":"gone"}"#.into(), 205004),
        ("merge_stream", "u", u, r#"{"userID":"x","roomID":"r"}"#.into(), 201003),
        ("merge_stream", "u", u, r#"{"userID":"u"}"#.into(), 201004),
        ("merge_stream", "u", u, r#"{"userID":"u","roomID":"r"}"#.into(), 201006),
        ("merge_stream", "u", u, mix_in("r", json!("")), 201006),
        ("merge_stream", "u", u, mix_in("r", json!({"interface":{"interfaceName":"Mix_StreamV2"}})), 201006),
        ("merge_stream", "u", u, mix_in("r", json!("{not json")), 200100),
        ("merge_stream", "u", u, mix_in("gone", json!(mix)), 207002),
        ("set_custom_field", "u", u, r#"{"fieldName":"f","operation":"set","value":1}"#.into(), 201004),
        ("set_custom_field", "u", u, r#"{"roomID":"r"}"#.into(), 201007),
        ("set_custom_field", "u", u, r#"{"roomID":"r","fieldName":"f"}"#.into(), 201007),
        ("set_custom_field", "u", u, r#"{"roomID":"r","operation":"inc"}"#.into(), 201007),
        ("set_custom_field", "u", u, r#"{"roomID":"r","fieldName":"f","operation":""}"#.into(), 201007),
        ("set_custom_field", "u", u, r#"{"roomID":"r","fieldName":"f","operation":"SET"}"#.into(), 201008),
        ("set_custom_field", "u", u, r#"{"roomID":"r","fieldName":"f","operation":"set"}"#.into(), 201009),
        ("set_custom_field", "u", u, r#"{"roomID":"r","fieldName":"f","operation":"set","value":""}"#.into(), 201009),
        ("set_custom_field", "u", u, r#"{"roomID":"gone","fieldName":"f","operation":"inc"}"#.into(), 207003),
        ("set_custom_field", "u", u, r#"{"roomID":"r","fieldName":"f","operation":"inc","value":"a"}"#.into(), 207003),
        ("set_custom_field", "u", u, r#"{"roomID":"r","fieldName":"t","operation":"set","value":"hi"}"#.into(), 0),
        ("set_custom_field", "u", u, r#"{"roomID":"r","fieldName":"t","operation":"inc"}"#.into(), 207003),
        ("set_custom_field", "u", u, r#"{"roomID":"r","fieldName":"n","operation":"set","value":9223372036854775807}"# .into(), 0),
        ("set_custom_field", "u", u, r#"{"roomID":"r","fieldName":"n","operation":"inc"}"#.into(), 207003),
        ("get_custom_info", "u", u, "{}".into(), 201004),
        ("get_custom_info", "u", u, r#"{"roomID":"gone"}"#.into(), 207004),
    ];
    for (interface, user, token, body, code) in cases {
        world.expect(user, token, interface, body, *code);
    }
    // Every interface but login got at least one of its own failures above.
    for interface in Interface::ALL
        .into_iter()
        .filter(|i| i.takes_token() && *i != Interface::Logout)
    {
        assert!(
            cases.iter().any(|case| case.0 == interface.name()),
            "{interface}"
        );
    }
    // And logout's: a token already logged out.
    world.expect("w", w, api::LogoutRequest::NAME, "", 202001);
}

/// The values of a request field, by the field's name: mostly ones that
/// reach the server's checks, now and then one of another JSON type. `$PUSH`
/// is `u`'s push URL.
fn values(field: &str) -> Vec<Value> {
    let own: Vec<Value> = match field {
        "userID" => vec![json!("u"), json!("u"), json!("v"), json!(""), json!("x")],
        "roomID" => vec![
            json!("r"),
            json!("r"),
            json!(""),
            json!("gone"),
            json!("new"),
        ],
        "cnt" | "index" | "roomStatusCode" => {
            vec![
                json!(0),
                json!(1),
                json!(20),
                json!(-1),
                json!(4294967296_u64),
                json!("1"),
            ]
        }
        "pushURL" => vec![
            json!("$PUSH"),
            json!("$PUSH"),
            json!(""),
            json!("rtmp://x/live/y"),
        ],
        "fieldName" => vec![json!("praise"), json!("notice"), json!("")],
        "operation" => vec![
            json!("set"),
            json!("inc"),
            json!("dec"),
            json!("SET"),
            json!(""),
        ],
        "value" => vec![
            json!(1),
            json!(-2),
            json!("1"),
            json!("a"),
            json!(""),
            json!(1.5),
            json!(1e308),
            json!(i64::MAX),
        ],
        "mergeParams" => {
            let params = support::client::mix("u", "r", "stream_1").merge_params;
            let object = serde_json::to_value(&params).unwrap();
            vec![
                json!(object.to_string()),
                object,
                json!(""),
                json!("{"),
                json!({"interface":{}}),
            ]
        }
        "sdkAppID" => vec![json!("1400000000"), json!(""), json!("abc")],
        "userSig" => vec![
            json!("sig-u"),
            json!("sig-u"),
            json!("sig-v"),
            json!(""),
            json!("x"),
        ],
        _ => vec![
            json!(""),
            json!("text"),
            json!("{\"userName\":\"N\"}"),
            json!("x".repeat(1500)),
        ],
    };
    let other = [Value::Null, json!(true), json!(5), json!([]), json!({})];
    // Each of the field's own values weighs as much as all the others together.
    let weight = other.len();
    own.into_iter()
        .flat_map(|value| std::iter::repeat_n(value, weight))
        .chain(other)
        .collect()
}

/// One generated request: an interface, each of its request fields absent
/// or drawn from [`values`], an unknown key maybe, or a body that is no
/// object; a query of one of the kinds the server tells apart.
#[derive(Debug, Clone)]
struct Generated {
    interface: Interface,
    fields: Vec<Option<prop::sample::Index>>,
    extra: bool,
    raw_body: Option<&'static str>,
    query: u8,
}

fn generated() -> impl Strategy<Value = Generated> {
    (
        prop::sample::select(Interface::ALL.to_vec()),
        prop::collection::vec(prop::option::weighted(0.8, any::<prop::sample::Index>()), 8),
        any::<bool>(),
        prop::option::weighted(
            0.1,
            prop::sample::select(vec!["", "{", "[1]", "null", "{}x", "\"s\""]),
        ),
        0..9_u8,
    )
        .prop_map(|(interface, fields, extra, raw_body, query)| Generated {
            interface,
            fields,
            extra,
            raw_body,
            query,
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 500, failure_persistence: None, ..ProptestConfig::default() })]

    /// Whatever the request, the answer is a RoomService body that decodes
    /// as the interface's reply: a payload that fits, or a declared code.
    #[test]
    fn generated_requests_get_only_declared_codes(case in generated()) {
        let world = world();
        let mut world = world.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        world.reset();
        let interface = case.interface;
        let shapes = api::shapes(interface);
        let object_of = |shape: &api::ObjectShape| {
            let mut object = serde_json::Map::new();
            for (field, pick) in shape.fields().iter().zip(&case.fields) {
                if let Some(pick) = pick {
                    let pool = values(field.name());
                    let value = match pick.get(&pool) {
                        Value::String(text) if text == "$PUSH" => json!(world.push_url),
                        value => value.clone(),
                    };
                    object.insert(field.name().to_owned(), value);
                }
            }
            object
        };
        let (target, body) = if interface == Interface::Login {
            let query: Vec<String> = object_of(shapes.query())
                .into_iter()
                .filter_map(|(key, value)| Some(format!("{key}={}", support::encode(value.as_str()?))))
                .collect();
            (format!("{}?{}", interface.path(), query.join("&")), String::new())
        } else {
            let (user, token) = match case.query {
                0..=4 => ("u", world.u.clone()),
                5 => ("v", world.v.clone()),
                6 => ("u", world.v.clone()),
                7 => ("w", world.w.clone()),
                _ => ("u", "nope".to_owned()),
            };
            let mut object = object_of(shapes.request());
            if case.extra {
                object.insert("platform".into(), json!({"unknown": [1]}));
            }
            let target = format!("{}?userID={user}&token={token}", interface.path());
            (target, Value::Object(object).to_string())
        };
        let body = case.raw_body.map_or(body, str::to_owned);
        let reply = exchange(&world.agent, world.address, &target, body.as_bytes());
        let code = declared_code(interface, &reply);
        prop_assert!(code.is_ok(), "{target} {body}: {:?}", code);
    }
}

/// One server and its world for every generated case: starting a server per
/// case would test the start, not the requests.
fn world() -> &'static std::sync::Mutex<World> {
    static WORLD: std::sync::OnceLock<(tokio::runtime::Runtime, std::sync::Mutex<World>)> =
        std::sync::OnceLock::new();
    let (_, world) = WORLD.get_or_init(|| {
        let (runtime, address) = start(unlimited());
        (runtime, std::sync::Mutex::new(World::new(address)))
    });
    world
}
