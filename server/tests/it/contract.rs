//! The contract: each failure gets the decided code, and every code the
//! server sends for an interface is one that interface declares
//! (`Interface::errors`), for a table of requests and for generated ones.

use liveroom_errors::Interface;
use liveroom_server::service::Limits;
use proptest::prelude::*;
use serde_json::{Value, json};

use crate::lifecycle::mix;
use crate::support::{Client, Server, User, config, declared_code, start};

/// `u` created room `r` and anchors it, `v` watches it, `w` logged out.
struct World {
    client: Client,
    u: User,
    v: User,
    w: User,
    push: String,
}

impl World {
    fn new(server: &Server) -> World {
        let client = Client::new(server);
        let w = User::login(&client, "w");
        w.expect("logout", json!({}), 0);
        let (u, v) = (User::login(&client, "u"), User::login(&client, "v"));
        let mut world = World {
            client,
            push: String::new(),
            u,
            v,
            w,
        };
        world.reset();
        world
    }

    /// Puts `u` back in room `r` and `v` in its audience, whatever the last request did.
    fn reset(&mut self) {
        self.u = User::login(&self.client, "u");
        self.v = User::login(&self.client, "v");
        self.push = self.u.push_url();
        let exists = self.u.call("get_anchors", json!({"roomID": "r"}));
        if exists["code"] != 0 {
            self.u
                .expect("create_room", json!({"userID": "u", "roomID": "r"}), 0);
        }
        self.u.join("r", &self.push, 0);
        self.v.expect(
            "add_audience",
            json!({"roomID": "r", "userID": "v", "userInfo": "{}"}),
            0,
        );
    }
}

#[test]
fn each_failure_gets_the_decided_code() {
    let mut config = config();
    config.limits = Limits {
        max_anchors: 1,
        max_audiences: 1,
        ..Limits::default()
    };
    let server = start(config);
    let world = World::new(&server);
    let (u, v, w, push) = (&world.u, &world.v, &world.w, world.push.as_str());
    for interface in Interface::ALL.into_iter().filter(|i| i.takes_token()) {
        let name = interface.name();
        for (user, token) in [
            ("u", "nope"),
            ("u", ""),
            ("u", v.token.as_str()),
            ("w", w.token.as_str()),
        ] {
            let reply = world.client.call(user, token, name, &json!({}));
            assert_eq!(reply["code"], 202001, "{name} {token}: {reply}");
        }
        for (body, code) in [("{", 200101), ("[]", 200100)] {
            let target = format!("{}?userID=u&token={}", interface.path(), u.token);
            let reply = world.client.post(&target, body);
            assert_eq!(declared_code(interface, &reply), Ok(code), "{name}");
        }
    }
    let v_push = v.push_url();
    let join = |user: &str, room: &str, push: &str| json!({"roomID": room, "userID": user, "userName": "N", "pushURL": push});
    let mix_in =
        |room: &str, params: Value| json!({"userID": "u", "roomID": room, "mergeParams": params});
    #[rustfmt::skip]
    let cases: Vec<(&User, &str, Value, i64)> = vec![
        (u, "get_room_list", json!({"cnt": 0}), 201005),
        (u, "get_room_list", json!({"cnt": -1}), 200100),
        (u, "get_anchor_url", json!({"userID": "x"}), 201003),
        (u, "create_room", json!({"userID": "x"}), 201003),
        (u, "create_room", json!({"userID": "u", "roomID": "r"}), 203002),
        (u, "create_room", json!({"userID": "u", "roomInfo": "x".repeat(2000)}), 203009),
        (u, "create_room", json!({"userID": "u", "roomID": "x".repeat(129)}), 200100),
        (u, "destroy_room", json!({"userID": "u"}), 201004),
        (u, "destroy_room", json!({"userID": "u", "roomID": "gone"}), 203003),
        (v, "destroy_room", json!({"userID": "v", "roomID": "r"}), 200100),
        (u, "get_anchors", json!({}), 201004),
        (u, "get_anchors", json!({"roomID": "gone"}), 204002),
        (u, "add_anchor", join("x", "r", push), 201003),
        (u, "add_anchor", join("u", "", push), 201004),
        (u, "add_anchor", join("u", "gone", push), 204002),
        (u, "add_anchor", join("u", "r", "rtmp://elsewhere/live/s"), 203008),
        (v, "add_anchor", join("v", "r", &v_push), 203007),
        (u, "add_anchor", json!({"roomID": "r", "userID": "u", "userName": "x".repeat(1025), "pushURL": push}), 200100),
        (u, "delete_anchor", json!({"userID": "u"}), 201004),
        (u, "delete_anchor", json!({"userID": "u", "roomID": "gone"}), 204003),
        (v, "delete_anchor", json!({"userID": "v", "roomID": "r"}), 203010),
        (u, "anchor_heartbeat", json!({"userID": "u"}), 201004),
        (v, "anchor_heartbeat", json!({"userID": "v", "roomID": "r"}), 203010),
        (u, "anchor_heartbeat", json!({"userID": "u", "roomID": "gone"}), 204002),
        (u, "add_audience", json!({"userID": "u"}), 201004),
        (u, "add_audience", json!({"userID": "u", "roomID": "gone"}), 205002),
        (u, "add_audience", json!({"userID": "u", "roomID": "r"}), 205001),
        (u, "add_audience", json!({"userID": "u", "roomID": "r", "userInfo": "x".repeat(1025)}), 200100),
        (u, "delete_audience", json!({"userID": "u", "roomID": "r"}), 203010),
        (u, "delete_audience", json!({"userID": "u", "roomID": "gone"}), 203010),
        (u, "get_audiences", json!({"roomID": "gone"}), 205004),
        (u, "merge_stream", json!({"userID": "u", "roomID": "r"}), 201006),
        (u, "merge_stream", mix_in("r", json!("{not json")), 200100),
        (u, "merge_stream", mix_in("gone", mix("s")), 204002),
        (u, "set_custom_field", json!({"roomID": "r"}), 201007),
        (u, "set_custom_field", json!({"roomID": "r", "fieldName": "f", "operation": "SET"}), 201008),
        (u, "set_custom_field", json!({"roomID": "r", "fieldName": "f", "operation": "set"}), 201009),
        (u, "set_custom_field", json!({"roomID": "r", "fieldName": "f".repeat(65), "operation": "inc"}), 200100),
        (u, "set_custom_field", json!({"roomID": "r", "fieldName": "f", "operation": "set", "value": "v".repeat(1025)}), 200100),
        (u, "set_custom_field", json!({"roomID": "gone", "fieldName": "f", "operation": "inc"}), 207003),
        (u, "set_custom_field", json!({"roomID": "r", "fieldName": "f", "operation": "inc", "value": "a"}), 207003),
        (u, "get_custom_info", json!({"roomID": "gone"}), 207004),
        (u, "merge_stream", mix_in("r", mix("nobody")), 0),
    ];
    for (user, interface, body, code) in cases {
        user.expect(interface, body, code);
    }
    w.expect("logout", json!({}), 202001);
    // A mix of streams never handed out: a success that reports the failed mix.
    let reply = u.expect("merge_stream", mix_in("r", mix("nobody")), 0);
    assert_eq!(
        (reply["merge_code"].clone(), reply["merge_msg"].is_string()),
        (json!(1), true)
    );
}

/// Values of a request field, by its name: mostly ones that reach the checks.
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
            vec![json!(0), json!(1), json!(20), json!(-1), json!("1")]
        }
        "pushURL" => vec![
            json!("$PUSH"),
            json!("$PUSH"),
            json!(""),
            json!("rtmp://x/live/y"),
        ],
        "fieldName" => vec![json!("praise"), json!("")],
        "operation" => vec![
            json!("set"),
            json!("inc"),
            json!("dec"),
            json!("SET"),
            json!(""),
        ],
        "value" => vec![
            json!(1),
            json!("1"),
            json!("a"),
            json!(""),
            json!(1.5),
            json!(i64::MAX),
        ],
        "mergeParams" => vec![
            mix("s"),
            json!(mix("s").to_string()),
            json!(""),
            json!("{"),
            json!({"interface": {}}),
        ],
        "sdkAppID" => vec![json!("1400000000"), json!(""), json!("abc")],
        "userSig" => vec![
            json!("sig-u"),
            json!("sig-u"),
            json!("sig-v"),
            json!(""),
            json!("x"),
        ],
        _ => vec![json!(""), json!("text"), json!("x".repeat(1500))],
    };
    let other = [Value::Null, json!(true), json!(5), json!([]), json!({})];
    let weight = other.len();
    own.into_iter()
        .flat_map(|v| std::iter::repeat_n(v, weight))
        .chain(other)
        .collect()
}

fn world() -> &'static std::sync::Mutex<World> {
    static WORLD: std::sync::OnceLock<(Server, std::sync::Mutex<World>)> =
        std::sync::OnceLock::new();
    let (_, world) = WORLD.get_or_init(|| {
        let server = start(config());
        let world = World::new(&server);
        (server, std::sync::Mutex::new(world))
    });
    world
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, failure_persistence: None, ..ProptestConfig::default() })]

    /// Whatever the request, the answer decodes as the interface's reply: a
    /// payload that fits, or a code the interface declares.
    #[test]
    fn generated_requests_get_only_declared_codes(
        interface in prop::sample::select(Interface::ALL.to_vec()),
        picks in prop::collection::vec(prop::option::weighted(0.8, any::<prop::sample::Index>()), 8),
        who in 0..5_u8,
    ) {
        let mut world = world().lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        world.reset();
        let object_of = |fields: Vec<String>| {
            let mut object = serde_json::Map::new();
            for (field, pick) in fields.iter().zip(&picks) {
                if let Some(pick) = pick {
                    let value = match pick.get(&values(field)) {
                        Value::String(text) if text == "$PUSH" => json!(world.push),
                        value => value.clone(),
                    };
                    object.insert(field.clone(), value);
                }
            }
            object
        };
        let (target, body) = if interface == Interface::Login {
            let query: Vec<String> = object_of(query_fields(interface))
                .into_iter()
                .filter_map(|(key, value)| Some(format!("{key}={}", value.as_str()?)))
                .collect();
            (format!("{}?{}", interface.path(), query.join("&")), String::new())
        } else {
            let (user, token) = match who {
                0..=2 => ("u", world.u.token.clone()),
                3 => ("v", world.v.token.clone()),
                _ => ("w", world.w.token.clone()),
            };
            let target = format!("{}?userID={user}&token={token}", interface.path());
            (target, Value::Object(object_of(body_fields(interface))).to_string())
        };
        let reply = world.client.post(&target, &body);
        let code = declared_code(interface, &reply);
        prop_assert!(code.is_ok(), "{} {}: {:?}", target, body, code);
    }
}

/// The operation of `interface` in the library's OpenAPI document, whose
/// schemas are the `api` types' own.
fn operation(interface: Interface) -> Value {
    let document = liveroom_errors::openapi::document();
    document["paths"][interface.path()]["post"].clone()
}

/// The query parameters of `interface`, by name.
fn query_fields(interface: Interface) -> Vec<String> {
    let parameters = operation(interface)["parameters"].clone();
    let names = parameters.as_array().into_iter().flatten();
    names
        .filter_map(|p| Some(p["name"].as_str()?.to_owned()))
        .collect()
}

/// The keys of `interface`'s request body.
fn body_fields(interface: Interface) -> Vec<String> {
    let document = liveroom_errors::openapi::document();
    let schema = &operation(interface)["requestBody"]["content"]["application/json"]["schema"];
    let name = schema["$ref"]
        .as_str()
        .and_then(|r| r.rsplit('/').next())
        .unwrap_or_default();
    let properties = document["components"]["schemas"][name]["properties"]
        .as_object()
        .cloned();
    properties
        .into_iter()
        .flatten()
        .map(|(key, _)| key)
        .collect()
}
