//! The official clients' exchanges (protocol.md §0–§16), request shapes byte
//! for byte, and whole sessions as Android, iOS and the mini-program run
//! them, the creator's exit included.

use std::net::SocketAddr;

use serde_json::{Value, json};

use crate::support::{Client, User, code, config, post, raw, start};

/// A raw call: the body (None: no body at all, as iOS sends login/logout).
fn send(address: SocketAddr, target: &str, extra: &str, body: Option<&str>) -> Value {
    let request = match body {
        Some(body) => post(target, extra, body),
        None => format!("POST {target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n{extra}\r\n")
            .into_bytes(),
    };
    let (status, body) = raw(address, &request);
    assert_eq!(status, "HTTP/1.1 200 OK", "{target}");
    serde_json::from_slice(&body).unwrap()
}

#[test]
fn every_request_shape_of_the_official_clients_is_accepted() {
    let server = start(config());
    let address = server.address;
    let json_utf8 = "Content-Type: application/json; charset=utf-8\r\n";
    let json = "Content-Type: application/json\r\n";
    let login = |query: &str, extra: &str, body: Option<&str>| {
        let reply = send(
            address,
            &format!("/weapp/live_room/login?{query}"),
            extra,
            body,
        );
        assert_eq!(code(&reply), 0, "{query}: {reply}");
        reply
    };
    let android = login(
        "sdkAppID=1400000000&userID=u_android&userSig=sig-u_android&platform=Android",
        json_utf8,
        Some(""),
    );
    let ios = login(
        "userSig=sig-u_ios&platform=iOS&sdkAppID=1400000000&userID=u_ios",
        "",
        None,
    );
    let mini = login(
        "accountType=0&sdkAppID=1400000000&userSig=sig-u_mini&platform=WeChat&userID=u_mini",
        json,
        Some("{}"),
    );
    assert_eq!(android["userID"], "u_android");
    assert_eq!(ios["userID"], "u_ios");
    assert_eq!(mini["userID"], "u_mini");
    // No client encodes userID: `'`, `*`, `+` and `!` come back as sent.
    let odd = login(
        "sdkAppID=1&userID='james'+1*x!&userSig=sig-'james'+1*x!",
        "",
        Some(""),
    );
    assert_eq!(odd["userID"], "'james'+1*x!");
    let call = |user: &str, token: &Value, interface: &str, extra: &str, body: Option<&str>| {
        let target = format!(
            "/weapp/live_room/{interface}?userID={user}&token={}",
            token.as_str().unwrap()
        );
        send(address, &target, extra, body)
    };
    let (at, it, mt, ot) = (
        &android["token"],
        &ios["token"],
        &mini["token"],
        &odd["token"],
    );
    let created = call(
        "u_mini",
        mt,
        "create_room",
        json,
        Some(r#"{"userID":"u_mini","roomInfo":"demo"}"#),
    );
    let room = created["roomID"].as_str().unwrap().to_owned();
    let ios_room = r#"{"userID":"u_ios","roomID":"","roomInfo":"demo"}"#;
    assert_eq!(
        code(&call("u_ios", it, "create_room", "", Some(ios_room))),
        0
    );
    // iOS pretty-prints userInfo.
    let pretty = json!({"roomID": room, "userID": "'james'+1*x!", "userInfo": "{\n  \"userName\" : \"James\"\n}"});
    assert_eq!(
        code(&call(
            "'james'+1*x!",
            ot,
            "add_audience",
            "",
            Some(&pretty.to_string())
        )),
        0
    );
    let get = json!({"roomID": room}).to_string();
    let audiences = call("u_android", at, "get_audiences", json_utf8, Some(&get));
    assert_eq!(
        audiences["audiences"][0]["userInfo"],
        "{\n  \"userName\" : \"James\"\n}"
    );
    assert_eq!(
        code(&call(
            "u_mini",
            mt,
            "get_audiences",
            "Content-Type: text/plain\r\n",
            Some(&get)
        )),
        0
    );
    assert_eq!(
        code(&call("u_android", at, "logout", json_utf8, Some(""))),
        0
    );
    assert_eq!(code(&call("u_ios", it, "logout", "", None)), 0);
    assert_eq!(code(&call("u_mini", mt, "logout", json, Some("{}"))), 0);
    assert_eq!(code(&call("u_ios", it, "logout", "", None)), 202001);
}

/// The anchor's session of the Android client: get_anchor_url, create_room
/// (roomID left to the server), add_anchor, heartbeats, then leaving with
/// delete_anchor, the only way Android and iOS creators leave (§6, §9).
#[test]
fn android_and_ios_sessions_end_their_room_by_delete_anchor() {
    let server = start(config());
    let client = Client::new(&server);
    let anchor = User::login(&client, "anchor");
    let guest = User::login(&client, "guest");
    let viewer = User::login(&client, "viewer");

    let push = anchor.push_url();
    let created = anchor.expect(
        "create_room",
        json!({"userID": "anchor", "roomID": "", "roomInfo": "{\"title\":\"t\"}"}),
        0,
    );
    let room = created["roomID"].as_str().unwrap().to_owned();
    // Android leaves out null fields (no userAvatar).
    anchor.expect(
        "add_anchor",
        json!({"roomID": room, "userID": "anchor", "userName": "A", "pushURL": push}),
        0,
    );
    let beat = anchor.beat(&room, 0);
    let status = beat["roomStatusCode"].as_i64().unwrap();
    assert_eq!(beat["pushers"][0]["userID"], "anchor");
    let quiet = anchor.beat(&room, status);
    assert!(
        quiet.get("roomStatusCode").is_none() && quiet.get("pushers").is_none(),
        "{quiet}"
    );

    // The viewer's list: custom a JSON string, audienceCount, no audiences key.
    viewer.expect("add_audience", json!({"roomID": room, "userID": "viewer", "userInfo": "{\"userName\":\"V\",\"userAvatar\":\"\"}"}), 0);
    viewer.expect(
        "set_custom_field",
        json!({"roomID": room, "fieldName": "praise", "operation": "inc", "value": 1}),
        0,
    );
    let list = viewer.expect("get_room_list", json!({"cnt": 20, "index": 0}), 0);
    let listed = &list["rooms"][0];
    assert_eq!(listed["roomID"], json!(room));
    assert_eq!(listed["custom"], "{\"praise\":1}");
    assert_eq!(listed["audienceCount"], 1);
    assert!(listed.get("audiences").is_none());
    assert!(listed["mixedPlayURL"].as_str().unwrap().ends_with(".flv"));

    // A guest links in (Android sends roomID to get_anchor_url); the anchor mixes (objects, as Android and iOS).
    let guest_push =
        guest.call("get_anchor_url", json!({"userID": "guest", "roomID": room}))["pushURL"]
            .as_str()
            .unwrap()
            .to_owned();
    guest.expect("add_anchor", json!({"roomID": room, "userID": "guest", "userName": "G", "userAvatar": "", "pushURL": guest_push}), 0);
    let stream = |url: &str| {
        url.rsplit('/')
            .next()
            .unwrap()
            .split(['?', '.'])
            .next()
            .unwrap()
            .to_owned()
    };
    let main = stream(&push);
    let mut params = crate::lifecycle::mix(&main);
    params["interface"]["para"]["input_stream_list"]
        .as_array_mut()
        .unwrap()
        .push(json!({"input_stream_id": stream(&guest_push), "layout_params": {"image_layer": 2}}));
    let merged = anchor.expect(
        "merge_stream",
        json!({"userID": "anchor", "roomID": room, "mergeParams": params}),
        0,
    );
    assert_eq!(
        (
            merged["merge_code"].clone(),
            merged["merge_msg"].clone(),
            merged["merge_message"].clone()
        ),
        (json!(0), json!("Success!"), json!("Success!"))
    );
    let changed = anchor.beat(&room, status);
    assert_eq!(changed["pushers"].as_array().unwrap().len(), 2);

    // iOS viewers send delete_anchor and delete_audience on every exit.
    viewer.expect(
        "delete_anchor",
        json!({"roomID": room, "userID": "viewer"}),
        203010,
    );
    viewer.expect(
        "delete_audience",
        json!({"roomID": room, "userID": "viewer"}),
        0,
    );
    // The creator leaves: the room is gone at once.
    anchor.expect(
        "delete_anchor",
        json!({"roomID": room, "userID": "anchor"}),
        0,
    );
    assert!(
        viewer.expect("get_room_list", json!({"cnt": 20}), 0)["rooms"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    guest.expect(
        "anchor_heartbeat",
        json!({"roomID": room, "userID": "guest", "roomStatusCode": 0}),
        204002,
    );
    guest.expect(
        "delete_anchor",
        json!({"roomID": room, "userID": "guest"}),
        204003,
    );
    anchor.expect("logout", json!({}), 0);
}

/// The mini-program: create_room without roomID, merge_stream with
/// mergeParams as a JSON string, get_anchors for the mix URL, destroy_room
/// when its creator leaves.
#[test]
fn the_mini_program_session_ends_its_room_by_destroy_room() {
    let server = start(config());
    let client = Client::new(&server);
    let anchor = User::login(&client, "mini");
    let viewer = User::login(&client, "viewer");
    let push = anchor.push_url();
    let room = anchor.expect(
        "create_room",
        json!({"userID": "mini", "roomInfo": "demo"}),
        0,
    )["roomID"]
        .as_str()
        .unwrap()
        .to_owned();
    anchor.expect("add_anchor", json!({"roomID": room, "userID": "mini", "userName": "M", "userAvatar": "123", "pushURL": push}), 0);
    let main = push
        .rsplit('/')
        .next()
        .unwrap()
        .split('?')
        .next()
        .unwrap()
        .to_owned();
    let params = crate::lifecycle::mix(&main).to_string();
    let merged = anchor.expect(
        "merge_stream",
        json!({"userID": "mini", "roomID": room, "mergeParams": params}),
        0,
    );
    assert_eq!(merged["merge_code"], 0);
    let anchors = viewer.expect("get_anchors", json!({"roomID": room}), 0);
    assert_eq!(anchors["roomCreator"], "mini");
    assert_eq!(
        anchors["mixedPlayURL"],
        format!("http://play.liveroom.invalid/live/{main}.flv")
    );
    viewer.expect(
        "add_audience",
        json!({"roomID": room, "userID": "viewer", "userInfo": "{}"}),
        0,
    );
    anchor.expect("destroy_room", json!({"roomID": room, "userID": "mini"}), 0);
    viewer.expect("get_anchors", json!({"roomID": room}), 204002);
    viewer.expect(
        "delete_audience",
        json!({"roomID": room, "userID": "viewer"}),
        203010,
    );
    assert!(viewer.room_ids().is_empty());
}
