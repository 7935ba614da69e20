//! The interfaces and the codes each can return: the enum against
//! docs/protocol.md, the pairs against its §20, the two ways of looking them
//! up, the recoveries in context, and the per-interface error enums, which
//! must never lose a code.

use std::collections::BTreeSet;

use liveroom_errors::{ErrorCode, Evidence, Interface, InterfaceCodePair, Recovery};
use proptest::prelude::*;

/// The 16 interfaces in the order of the protocol (docs/protocol.md).
pub(crate) const NAMES: [&str; 16] = [
    "login",
    "logout",
    "get_room_list",
    "get_anchor_url",
    "create_room",
    "destroy_room",
    "get_anchors",
    "add_anchor",
    "delete_anchor",
    "anchor_heartbeat",
    "add_audience",
    "delete_audience",
    "get_audiences",
    "merge_stream",
    "set_custom_field",
    "get_custom_info",
];

fn interface(name: &str) -> Interface {
    Interface::from_name(name).unwrap_or_else(|| panic!("no interface {name}"))
}

fn code(value: u32) -> ErrorCode {
    ErrorCode::from_code(value).unwrap_or_else(|| panic!("no code {value}"))
}

/// The interfaces with a row of their own for `value`, by name.
fn own_interfaces(value: u32) -> Vec<&'static str> {
    (code(value).interfaces().iter())
        .filter(|p| p.is_specific())
        .map(|p| p.interface().name())
        .collect()
}

fn pair(name: &str, value: u32) -> &'static InterfaceCodePair {
    interface(name)
        .error(code(value))
        .unwrap_or_else(|| panic!("{name} does not return {value}"))
}

#[test]
fn the_sixteen_interfaces_in_the_order_of_the_protocol() {
    assert_eq!(Interface::COUNT, 16);
    let names: Vec<&str> = Interface::ALL.iter().map(|i| i.name()).collect();
    assert_eq!(names, NAMES);
    for (index, interface) in Interface::ALL.into_iter().enumerate() {
        let name = interface.name();
        assert_eq!(interface.section() as usize, index + 1, "§ of {name}");
        assert_eq!(interface.path(), format!("/weapp/live_room/{name}"));
        assert_eq!(interface.takes_token(), name != "login", "{name}");
        assert_eq!(interface.to_string(), name);
        assert_eq!(<&str>::from(interface), name);
        assert_eq!(name.parse::<Interface>(), Ok(interface));
        assert_eq!(Interface::from_path(interface.path()), Some(interface));
        assert!(interface.purpose().ends_with('.'), "{name}");
        assert!(!interface.purpose().contains(['<', '>']), "{name}");
    }
    assert_eq!(
        Interface::GetAnchorUrl.purpose(),
        "The caller's push URL and the low-latency (accelerated) play URL of that stream."
    );
}

#[test]
fn lookups_are_exact_and_const() {
    const LOGIN: Option<Interface> = Interface::from_name("login");
    const PATH: &str = Interface::GetAnchors.path();
    const ERRORS: &[InterfaceCodePair] = Interface::Logout.errors();
    const HEARTBEAT: Recovery = Interface::AnchorHeartbeat.recovery(ErrorCode::MemberNotInRoom);
    const BACK: &[InterfaceCodePair] = ErrorCode::LogoutFailed.interfaces();
    const ANY: [bool; 2] = [
        ErrorCode::RateLimited.is_any_interface(),
        ErrorCode::MemberNotInRoom.is_any_interface(),
    ];
    assert_eq!(LOGIN, Some(Interface::Login));
    assert_eq!(PATH, "/weapp/live_room/get_anchors");
    assert!(ERRORS.iter().any(|p| p.code() == ErrorCode::LogoutFailed));
    assert_eq!(HEARTBEAT, Recovery::Rejoin);
    assert_eq!(BACK.len(), 1);
    assert_eq!(ANY, [true, false]);
    for miss in [
        "",
        "Login",
        "LOGIN",
        "login ",
        " login",
        "log",
        "logins",
        "any",
        "get-anchors",
        "get_anchors/",
        "/get_anchors",
    ] {
        assert_eq!(Interface::from_name(miss), None, "{miss:?}");
        assert!(miss.parse::<Interface>().is_err());
    }
    for miss in [
        "",
        "/",
        "/weapp/live_room",
        "/weapp/live_room/",
        "/weapp/live_room//login",
        "/weapp/live_roomlogin",
        "/weapp/live_room/login/",
        "/weapp/live_room/login?userID=u1",
        "weapp/live_room/login",
        "/weapp/double_room/login",
        "/WEAPP/live_room/login",
    ] {
        assert_eq!(Interface::from_path(miss), None, "{miss:?}");
    }
}

#[test]
fn every_code_comes_from_an_interface_or_from_any() {
    let any: BTreeSet<u32> = (ErrorCode::ALL.into_iter())
        .filter(|c| c.is_any_interface())
        .map(ErrorCode::value)
        .collect();
    assert_eq!(
        any,
        BTreeSet::from([
            200100, 200101, 201000, 201002, 202000, 202006, 207000, 207001, 207005, 207006
        ])
    );
    for code in ErrorCode::ALL {
        let pairs = code.interfaces();
        assert!(!pairs.is_empty(), "{code:?} comes from no interface");
        if code.is_any_interface() {
            assert_eq!(pairs.len(), Interface::COUNT, "{code:?}");
        } else {
            assert!(pairs.iter().all(|p| p.is_specific()), "{code:?}");
        }
    }
    // Every interface has codes of its own, beside those of any interface.
    for interface in Interface::ALL {
        assert!(
            interface.errors().iter().any(|p| p.is_specific()),
            "{interface} has no codes of its own"
        );
    }
}

#[test]
fn the_two_views_of_the_pairs_agree() {
    let mut by_interface = 0;
    for interface in Interface::ALL {
        let errors = interface.errors();
        assert!(
            errors.windows(2).all(|w| w[0].code() < w[1].code()),
            "{interface}: sorted, once each"
        );
        for pair in errors {
            assert_eq!(pair.interface(), interface);
            assert!(
                pair.code().interfaces().contains(pair),
                "{interface} {:?}",
                pair.code()
            );
            assert_eq!(interface.error(pair.code()), Some(pair));
            by_interface += 1;
        }
        // Every code of any interface is among its errors.
        for code in ErrorCode::ALL.into_iter().filter(|c| c.is_any_interface()) {
            assert!(
                interface.error(code).is_some(),
                "{interface} lacks {code:?}"
            );
        }
    }
    let mut by_code = 0;
    for code in ErrorCode::ALL {
        let pairs = code.interfaces();
        assert!(
            pairs
                .windows(2)
                .all(|w| w[0].interface() < w[1].interface()),
            "{code:?}"
        );
        for pair in pairs {
            assert_eq!(pair.code(), code);
            assert_eq!(pair.interface().error(code), Some(pair));
            by_code += 1;
        }
    }
    assert_eq!(by_interface, by_code);
    // A code an interface has no pair for.
    assert_eq!(Interface::Login.error(ErrorCode::MemberNotInRoom), None);
    assert_eq!(
        Interface::GetAnchorUrl.error(ErrorCode::MissingRoomId),
        None
    );
}

#[test]
fn codes_only_the_sdks_define_are_never_documented_pairs() {
    for code in ErrorCode::ALL.into_iter().filter(|c| !c.is_documented()) {
        for pair in code.interfaces() {
            assert!(
                matches!(pair.evidence(), Evidence::SdkName | Evidence::Inferred),
                "{code:?} on {}: {:?}",
                pair.interface(),
                pair.evidence()
            );
        }
    }
}

/// The group codes only the SDKs define go with every interface that returns
/// another code of their group, and with no other.
#[test]
fn group_codes_go_with_the_interfaces_of_their_group() {
    for group in [203000, 204000, 205000, 206000] {
        let expected: Vec<&str> = (Interface::ALL.iter())
            .filter(|i| {
                i.errors()
                    .iter()
                    .any(|p| p.code().value() / 100 == group / 100 && p.code().value() != group)
            })
            .map(|i| i.name())
            .collect();
        assert_eq!(own_interfaces(group), expected, "{group}");
        assert!(
            code(group)
                .interfaces()
                .iter()
                .all(|p| p.evidence() == Evidence::Inferred)
        );
    }
}

/// The pairs against docs/protocol.md §20, row by row where it is precise.
#[test]
fn the_pairs_follow_section_20() {
    assert_eq!(own_interfaces(201001), ["login"]);
    assert_eq!(own_interfaces(201005), ["get_room_list"]);
    assert_eq!(own_interfaces(201006), ["merge_stream"]);
    for value in [201007, 201008, 201009, 207003] {
        assert_eq!(own_interfaces(value), ["set_custom_field"], "{value}");
    }
    assert_eq!(own_interfaces(202004), ["logout"]);
    assert_eq!(own_interfaces(202005), ["login", "get_anchor_url"]);
    assert_eq!(own_interfaces(203002), ["create_room"]);
    assert_eq!(own_interfaces(203003), ["destroy_room"]);
    assert_eq!(own_interfaces(203004), ["get_room_list"]);
    for value in [203005, 203006, 203007] {
        assert_eq!(own_interfaces(value), ["add_anchor"]);
        assert_eq!(pair("add_anchor", value).evidence(), Evidence::SdkName);
    }
    assert_eq!(own_interfaces(203009), ["create_room"]);
    // §20 names delete_anchor and anchor_heartbeat; delete_audience is ours, and says so.
    assert_eq!(
        own_interfaces(203010),
        ["delete_anchor", "anchor_heartbeat", "delete_audience"]
    );
    assert!(
        pair("delete_audience", 203010)
            .basis()
            .starts_with("Not in §20")
    );
    assert_eq!(own_interfaces(204001), ["get_anchor_url"]);
    assert_eq!(own_interfaces(204003), ["delete_anchor"]);
    assert_eq!(own_interfaces(205001), ["add_audience"]);
    assert_eq!(own_interfaces(205002), ["add_audience"]);
    assert_eq!(own_interfaces(205003), ["delete_audience"]);
    assert_eq!(own_interfaces(205004), ["get_room_list", "get_audiences"]);
    assert_eq!(
        pair("get_audiences", 205004).evidence(),
        Evidence::Documented
    );
    assert_eq!(pair("get_room_list", 205004).evidence(), Evidence::Inferred);
    assert_eq!(own_interfaces(206001), ["add_anchor", "anchor_heartbeat"]);
    assert_eq!(
        pair("anchor_heartbeat", 206001).evidence(),
        Evidence::Documented
    );
    assert_eq!(pair("add_anchor", 206001).evidence(), Evidence::Inferred);
    assert_eq!(own_interfaces(207002), ["merge_stream"]);
    assert_eq!(own_interfaces(207004), ["get_custom_info"]);

    // The observed ones.
    assert_eq!(
        pair("get_anchor_url", 204004).evidence(),
        Evidence::Observed
    );
    assert_eq!(pair("get_anchors", 204002).evidence(), Evidence::Observed);
    // 202001: observed on two interfaces, inferred on every other token-checked one.
    let token: Vec<&str> = NAMES[1..].to_vec();
    assert_eq!(own_interfaces(202001), token);
    for name in token {
        let expected = if ["get_anchor_url", "get_room_list"].contains(&name) {
            Evidence::Observed
        } else {
            Evidence::Inferred
        };
        assert_eq!(pair(name, 202001).evidence(), expected, "{name}");
    }
    // 201003: the interfaces with a userID in the body.
    assert_eq!(
        own_interfaces(201003),
        [
            "get_anchor_url",
            "create_room",
            "destroy_room",
            "add_anchor",
            "delete_anchor",
            "anchor_heartbeat",
            "add_audience",
            "delete_audience",
            "merge_stream",
        ]
    );
    // 201004: the room-scoped ones; not create_room, whose roomID is optional.
    assert_eq!(
        own_interfaces(201004),
        [
            "destroy_room",
            "get_anchors",
            "add_anchor",
            "delete_anchor",
            "anchor_heartbeat",
            "add_audience",
            "delete_audience",
            "get_audiences",
            "merge_stream",
            "set_custom_field",
            "get_custom_info",
        ]
    );
    // 201002 keeps both readings of its conflict.
    assert_eq!(pair("login", 201002).evidence(), Evidence::Documented);
    assert!(pair("login", 201002).is_specific());
    assert_eq!(pair("logout", 201002).evidence(), Evidence::SdkName);
    assert!(!pair("logout", 201002).is_specific());
    for pair in Interface::ALL.iter().flat_map(|i| i.errors()) {
        assert!(
            pair.basis().starts_with("§20") || pair.basis().starts_with("Not in §20"),
            "{:?} on {}: {}",
            pair.code(),
            pair.interface(),
            pair.basis()
        );
    }
}

#[test]
fn recoveries_depend_on_the_call_only_where_the_data_says_why() {
    let overrides: Vec<(&str, u32, Recovery)> = (Interface::ALL.iter())
        .flat_map(|i| i.errors())
        .filter(|p| p.is_override())
        .map(|p| (p.interface().name(), p.code().value(), p.recovery()))
        .collect();
    assert_eq!(
        overrides,
        [
            ("login", 202000, Recovery::FixRequest),
            ("logout", 202001, Recovery::Done),
            ("create_room", 203002, Recovery::FixRequest),
            ("destroy_room", 203003, Recovery::Done),
            ("get_anchors", 204002, Recovery::GiveUp),
            ("add_anchor", 204002, Recovery::GiveUp),
            ("delete_anchor", 203010, Recovery::Done),
            ("delete_anchor", 204003, Recovery::Done),
            ("anchor_heartbeat", 203010, Recovery::Rejoin),
            ("anchor_heartbeat", 204002, Recovery::GiveUp),
            ("add_audience", 205002, Recovery::GiveUp),
            ("delete_audience", 203010, Recovery::Done),
            ("get_audiences", 205004, Recovery::GiveUp),
            ("merge_stream", 204002, Recovery::GiveUp),
            ("set_custom_field", 207003, Recovery::GiveUp),
            ("get_custom_info", 207004, Recovery::GiveUp),
        ]
    );
    for interface in Interface::ALL {
        for pair in interface.errors() {
            let code = pair.code();
            assert_eq!(interface.recovery(code), pair.recovery());
            if pair.is_override() {
                assert_ne!(pair.recovery(), code.recovery());
                assert_ne!(pair.recovery_reason(), code.recovery_reason());
                assert_ne!(pair.recovery_reason_zh(), code.recovery_reason_zh());
                // An override belongs to one call: never to a code of every interface.
                assert!(pair.is_specific(), "{interface} {code:?}");
            } else {
                assert_eq!(pair.recovery(), code.recovery());
                assert_eq!(pair.recovery_reason(), code.recovery_reason());
                assert_eq!(pair.recovery_reason_zh(), code.recovery_reason_zh());
                assert!(!pair.recovery().is_call_specific());
            }
            let reason_zh = pair.recovery_reason_zh();
            assert!(
                !reason_zh.is_ascii() && reason_zh.ends_with('。'),
                "{reason_zh}"
            );
        }
        // A code the interface is not known to return keeps its own recovery.
        for code in ErrorCode::ALL
            .into_iter()
            .filter(|c| interface.error(*c).is_none())
        {
            assert_eq!(interface.recovery(code), code.recovery());
        }
    }
    // No code carries a call-specific recovery on its own.
    assert!(
        ErrorCode::ALL
            .iter()
            .all(|c| !c.recovery().is_call_specific())
    );
}

#[test]
fn evidence_names_round_trip() {
    let names: Vec<&str> = Evidence::ALL.iter().map(|e| e.name()).collect();
    assert_eq!(names, ["documented", "observed", "sdk-name", "inferred"]);
    for evidence in Evidence::ALL {
        assert_eq!(evidence.to_string(), evidence.name());
        assert_eq!(evidence.name().parse(), Ok(*evidence));
        assert_eq!(<&str>::from(*evidence), evidence.name());
        assert!(!evidence.description().is_empty());
    }
    for bad in ["", "doc", "sdk_name", "Documented ", "enum", "obs"] {
        assert!(bad.parse::<Evidence>().is_err(), "{bad:?}");
    }
}

#[cfg(feature = "serde")]
#[test]
fn interfaces_and_evidence_serialize_as_their_names() {
    for interface in Interface::ALL {
        let json = serde_json::to_string(&interface).unwrap();
        assert_eq!(json, format!("\"{}\"", interface.name()));
        assert_eq!(serde_json::from_str::<Interface>(&json).unwrap(), interface);
    }
    for evidence in Evidence::ALL {
        let json = serde_json::to_string(evidence).unwrap();
        assert_eq!(serde_json::from_str::<Evidence>(&json).unwrap(), *evidence);
    }
    for bad in [r#""GetAnchors""#, r#""any""#, "3", "null", r#"["login"]"#] {
        assert!(serde_json::from_str::<Interface>(bad).is_err(), "{bad}");
    }
    for bad in [
        r#""Observed""#,
        r#""sdk_name""#,
        r#""SDK-NAME""#,
        r#""obs""#,
        "1",
    ] {
        assert!(serde_json::from_str::<Evidence>(bad).is_err(), "{bad}");
    }
}

/// The per-interface error enums: every code lands in its variant or in
/// `Other`, never lost, with the recovery of the call.
#[cfg(all(feature = "serde", feature = "alloc"))]
mod errors {
    use liveroom_errors::api::{self, InterfaceError, ServerError};
    use liveroom_errors::{Code, ErrorCode, Recovery};
    use proptest::prelude::*;

    /// Runs `check` for the error type of every interface, in order.
    macro_rules! for_every_error_type {
        ($check:ident $(, $arg:expr)*) => {{
            $check::<api::LoginError>($($arg),*);
            $check::<api::LogoutError>($($arg),*);
            $check::<api::GetRoomListError>($($arg),*);
            $check::<api::GetAnchorUrlError>($($arg),*);
            $check::<api::CreateRoomError>($($arg),*);
            $check::<api::DestroyRoomError>($($arg),*);
            $check::<api::GetAnchorsError>($($arg),*);
            $check::<api::AddAnchorError>($($arg),*);
            $check::<api::DeleteAnchorError>($($arg),*);
            $check::<api::AnchorHeartbeatError>($($arg),*);
            $check::<api::AddAudienceError>($($arg),*);
            $check::<api::DeleteAudienceError>($($arg),*);
            $check::<api::GetAudiencesError>($($arg),*);
            $check::<api::MergeStreamError>($($arg),*);
            $check::<api::SetCustomFieldError>($($arg),*);
            $check::<api::GetCustomInfoError>($($arg),*);
        }};
    }

    fn every_known_code<E: InterfaceError + std::fmt::Debug>() {
        let interface = E::INTERFACE;
        for code in ErrorCode::ALL {
            let sent = ServerError::new(code, "text").with_timestamp(1577087588457);
            let err = E::from(sent.clone());
            let shown = format!("{err:?}");
            match interface.error(code) {
                // A variant named as the code.
                Some(pair) => {
                    assert!(shown.starts_with(&format!("{}(", code.name())), "{shown}");
                    assert_eq!(err.pair(), Some(pair));
                    assert_eq!(err.recovery_reason(), Some(pair.recovery_reason()));
                }
                None => {
                    assert!(shown.starts_with("Other("), "{interface} {code:?}: {shown}");
                    assert_eq!(err.pair(), None);
                    assert_eq!(err.recovery_reason(), Some(code.recovery_reason()));
                }
            }
            assert_eq!(err.recovery(), Some(interface.recovery(code)));
            assert_eq!(err.server_error().code(), code);
            assert_eq!(err.server_error(), &sent);
            assert_eq!(err.to_string(), format!("{interface}: {sent}"));
            assert_eq!(err.into(), sent);
        }
    }

    #[test]
    fn every_known_code_lands_in_its_variant_or_in_other() {
        for_every_error_type!(every_known_code);
    }

    #[test]
    fn recovery_in_context() {
        let gone = || ServerError::from(ErrorCode::MemberNotInRoom);
        let leave = api::DeleteAnchorError::from(gone());
        assert!(matches!(leave, api::DeleteAnchorError::MemberNotInRoom(_)));
        assert_eq!(leave.recovery(), Some(Recovery::Done));
        let beat = api::AnchorHeartbeatError::from(gone());
        assert_eq!(beat.recovery(), Some(Recovery::Rejoin));
        let view = api::DeleteAudienceError::from(gone());
        assert_eq!(view.recovery(), Some(Recovery::Done));
        // A code outside the pairs keeps its own recovery, in `Other`.
        let login = api::LoginError::from(gone());
        assert!(matches!(login, api::LoginError::Other(_)));
        assert_eq!(login.recovery(), Some(Recovery::GiveUp));
        let room_gone =
            api::DeleteAnchorError::from(ServerError::from(ErrorCode::DeletePusherFailed));
        assert_eq!(room_gone.recovery(), Some(Recovery::Done));
        assert!(
            room_gone
                .recovery_reason()
                .unwrap()
                .contains("room does not exist")
        );
    }

    fn nothing_is_lost<E: InterfaceError + std::fmt::Debug>(sent: &ServerError) {
        let err = E::from(sent.clone());
        assert_eq!(err.server_error(), sent);
        if sent.code().known().is_none() {
            assert!(format!("{err:?}").starts_with("Other("));
            assert_eq!(err.recovery(), None);
            assert_eq!(err.recovery_reason(), None);
            assert_eq!(err.pair(), None);
        }
        assert_eq!(err.to_string(), format!("{}: {sent}", E::INTERFACE));
        let back: ServerError = err.into();
        assert_eq!(&back, sent);
    }

    proptest! {
        /// Any code but 0 (known, near-known, negative, huge), any text, with or
        /// without a timestamp: every interface's error keeps it exactly.
        #[test]
        fn any_server_error_survives_every_interface_error(
            value in prop_oneof![
                proptest::sample::select(ErrorCode::ALL.map(|c| i64::from(c.value())).to_vec()),
                199_000i64..209_000,
                any::<i64>(),
                -20i64..20,
            ],
            message in ".{0,40}",
            timestamp in proptest::option::of(any::<u64>()),
        ) {
            let Some(code) = Code::new(value) else { return Ok(()) };
            let mut sent = ServerError::new(code, message);
            if let Some(ms) = timestamp {
                sent = sent.with_timestamp(ms);
            }
            for_every_error_type!(nothing_is_lost, &sent);
        }
    }
}

proptest! {
    /// Name and path lookups never panic, and find exactly the interface named.
    #[test]
    fn lookups_of_any_text(text in "\\PC{0,40}", name in proptest::sample::select(NAMES.to_vec()), junk in "[a-z_/?]{0,3}") {
        if let Some(found) = Interface::from_name(&text) {
            prop_assert_eq!(found.name(), text.as_str());
        }
        if let Some(found) = Interface::from_path(&text) {
            prop_assert_eq!(found.path(), text.as_str());
        }
        let near = format!("{name}{junk}");
        prop_assert_eq!(Interface::from_name(&near).is_some(), NAMES.contains(&near.as_str()));
        let path = format!("/weapp/live_room/{near}");
        prop_assert_eq!(Interface::from_path(&path), Interface::from_name(&near));
    }
}
