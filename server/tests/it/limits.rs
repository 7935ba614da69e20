//! What one user can make the service hold or show is bounded: custom
//! fields, anchors' and viewers' texts, userIDs; timeouts of any size do not
//! break the arithmetic; refusals say what is wrong.

use std::time::Duration;

use liveroom_errors::Recovery;
use serde_json::{Value, json};

use crate::lifecycle::mix;
use crate::support::{Client, User, advice, code, config, start};

/// The reply's message: the code's text, then ours.
fn message(reply: &Value) -> &str {
    reply["message"].as_str().unwrap()
}

#[test]
fn custom_fields_are_bounded_in_name_value_and_number() {
    let server = start(config());
    let alice = User::login(&Client::new(&server), "alice");
    let room = alice.start_room(None);
    let set = |name: &str, value: Value| json!({"roomID": room, "fieldName": name, "operation": "set", "value": value});

    alice.expect("set_custom_field", set(&"n".repeat(64), json!("v")), 0);
    let reply = alice.expect("set_custom_field", set(&"n".repeat(65), json!("v")), 200100);
    assert!(
        message(&reply).contains("fieldName is over 64 bytes"),
        "{reply}"
    );
    alice.expect(
        "set_custom_field",
        set("notice", json!("v".repeat(1024))),
        0,
    );
    let reply = alice.expect(
        "set_custom_field",
        set("notice", json!("v".repeat(1025))),
        200100,
    );
    assert!(message(&reply).contains("over 1024 bytes"), "{reply}");

    // 32 fields in all; a 33rd is refused for good, a known one still changes.
    for i in 2..32 {
        alice.expect("set_custom_field", set(&format!("f{i}"), json!(i)), 0);
    }
    let reply = alice.expect("set_custom_field", set("one_more", json!(1)), 207003);
    assert!(message(&reply).contains("32 custom fields"), "{reply}");
    assert_eq!(advice("set_custom_field", 207003), Recovery::GiveUp);
    let inc = json!({"roomID": room, "fieldName": "f2", "operation": "inc"});
    alice.expect("set_custom_field", inc, 0);
    alice.expect("set_custom_field", set("notice", json!("changed")), 0);
    let custom = alice.expect("get_custom_info", json!({"roomID": room}), 0);
    let fields = custom["custom"].as_object().unwrap();
    assert_eq!((fields.len(), &fields["f2"]), (32, &json!(3)), "{custom}");
}

#[test]
fn anchor_and_viewer_texts_and_room_ids_are_bounded() {
    let server = start(config());
    let client = Client::new(&server);
    let (alice, bob) = (User::login(&client, "alice"), User::login(&client, "bob"));
    let room = alice.start_room(None);
    let push = bob.push_url();
    let join = |name: &str, avatar: &str| json!({"roomID": room, "userID": "bob", "userName": name, "userAvatar": avatar, "pushURL": push});
    let long = "x".repeat(1025);
    let reply = bob.expect("add_anchor", join(&long, ""), 200100);
    assert!(
        message(&reply).contains("userName is over 1024 bytes"),
        "{reply}"
    );
    let reply = bob.expect("add_anchor", join("bob", &long), 200100);
    assert!(
        message(&reply).contains("userAvatar is over 1024 bytes"),
        "{reply}"
    );
    bob.expect("add_anchor", join(&long[1..], &long[1..]), 0);

    let watch = |info: &str| json!({"roomID": room, "userID": "bob", "userInfo": info});
    let reply = bob.expect("add_audience", watch(&long), 200100);
    assert!(
        message(&reply).contains("userInfo is over 1024 bytes"),
        "{reply}"
    );
    bob.expect("add_audience", watch(&long[1..]), 0);

    let create = |id: &str| json!({"userID": "alice", "roomID": id});
    let reply = alice.expect("create_room", create(&"r".repeat(129)), 200100);
    assert!(
        message(&reply).contains("roomID is over 128 bytes"),
        "{reply}"
    );
    alice.expect("create_room", create(&"r".repeat(128)), 0);
}

/// A roomID or a custom field's name follows the userID's rule, and a roomID
/// goes into the mix's URL percent-encoded: no other path, stream or header.
#[test]
fn room_ids_and_field_names_that_could_mislead_are_refused() {
    let server = start(config());
    let client = Client::new(&server);
    let alice = User::login(&client, "alice");
    let create = |id: &str| json!({"userID": "alice", "roomID": id});
    for (id, why) in [
        ("a\u{0}b", "U+0000"),
        ("x\r\nLocation: evil", "U+000D"),
        ("room\u{202e}", "U+202E"),
    ] {
        let reply = alice.expect("create_room", create(id), 200100);
        assert!(message(&reply).contains(why), "{reply}");
    }
    for (id, url) in [
        ("../other/stream_abc", "..%2Fother%2Fstream_abc"),
        ("x?txSecret=forged&y=", "x%3FtxSecret%3Dforged%26y%3D"),
        ("房间", "%E6%88%BF%E9%97%B4"),
    ] {
        alice.expect("create_room", create(id), 0);
        let reply = alice.expect("get_anchors", json!({"roomID": id}), 0);
        let mixed = reply["mixedPlayURL"].as_str().unwrap();
        assert!(mixed.ends_with(&format!("/live/{url}.flv")), "{reply}");
        alice.expect("destroy_room", json!({"roomID": id, "userID": "alice"}), 0);
    }
    let room = alice.start_room(None);
    let field = |name: &str| json!({"roomID": room, "userID": "alice", "fieldName": name, "operation": "set", "value": 1});
    let reply = alice.expect("set_custom_field", field("\u{202e}x"), 200100);
    assert!(message(&reply).contains("U+202E"), "{reply}");
    // An empty one has its own code, as before.
    alice.expect("set_custom_field", field(""), 201007);
    alice.expect("set_custom_field", field("praise"), 0);
}

#[test]
fn user_ids_that_could_mislead_are_refused_everywhere() {
    let server = start(config());
    let client = Client::new(&server);
    let long = "x".repeat(129);
    let huge = "x".repeat(30_000);
    // As they would appear in the query: NUL, newline, DEL, a right-to-left
    // override, a zero-width space, a BOM, a line separator, a tag character.
    for (user, why) in [
        // The extractor already treats an empty one as absent.
        ("", "no `userID`"),
        (long.as_str(), "over 128 bytes"),
        (huge.as_str(), "over 128 bytes"),
        ("a%00b", "U+0000"),
        ("a%0Ab", "U+000A"),
        ("a%7Fb", "U+007F"),
        ("alice%E2%80%AEgpj.exe", "U+202E"),
        ("al%E2%80%8Bice", "U+200B"),
        ("%EF%BB%BFalice", "U+FEFF"),
        ("a%E2%80%A8b", "U+2028"),
        ("a%F3%A0%80%81b", "U+E0001"),
    ] {
        let sig = format!("sig-{user}");
        let reply = client.login_with(user, &sig, "1400000000");
        assert_eq!(code(&reply), 200100, "{user:.40}: {reply}");
        assert!(message(&reply).contains(why), "{user:.40}: {reply}");
        // Nor may any other call go under such a name.
        let reply = client.call(user, "token", "get_room_list", &json!({"cnt": 1}));
        assert_eq!(code(&reply), 200100, "{user:.40}: {reply}");
    }
    // Names in any script, 128 bytes long, and punctuation are fine.
    for user in [
        "x".repeat(128),
        "%E6%9D%8E%E9%9B%B7".into(),
        "a.b-c_d@e".into(),
    ] {
        let reply = client.login_with(&user, &format!("sig-{user}"), "1400000000");
        assert_eq!(code(&reply), 0, "{user}: {reply}");
    }
}

#[test]
fn timeouts_of_any_size_do_not_overflow() {
    let mut config = config();
    config.limits.session_timeout = Duration::MAX;
    config.limits.heartbeat_timeout = Duration::MAX;
    config.limits.audience_timeout = Duration::MAX;
    let server = start(config);
    let client = Client::new(&server);
    let alice = User::login(&client, "alice");
    let room = alice.start_room(None);
    let bob = User::login(&client, "bob");
    bob.join(&room, &bob.push_url(), 0);
    bob.expect(
        "add_audience",
        json!({"roomID": room, "userID": "bob", "userInfo": "{}"}),
        0,
    );
    assert_eq!(code(&alice.beat(&room, 0)), 0);
    assert!(alice.room_ids().contains(&room));
}

#[test]
fn a_mix_without_its_parameters_is_told_their_path() {
    let server = start(config());
    let alice = User::login(&Client::new(&server), "alice");
    let room = alice.start_room(None);
    let complete = mix("s");
    for (remove, path) in [
        (
            "/interface/interfaceName",
            "mergeParams.interface.interfaceName",
        ),
        (
            "/interface/para/interface",
            "mergeParams.interface.para.interface",
        ),
        (
            "/interface/para/output_stream_id",
            "mergeParams.interface.para.output_stream_id",
        ),
        (
            "/interface/para/input_stream_list",
            "mergeParams.interface.para.input_stream_list",
        ),
    ] {
        let mut params = complete.clone();
        let (parent, key) = remove.rsplit_once('/').unwrap();
        params
            .pointer_mut(parent)
            .unwrap()
            .as_object_mut()
            .unwrap()
            .remove(key);
        let body = json!({"userID": "alice", "roomID": room, "mergeParams": params});
        let reply = alice.expect("merge_stream", body, 201006);
        assert!(message(&reply).contains(path), "{reply}");
    }
}
