//! The counting global allocator of the whole test binary (it counts per
//! thread), and what must not allocate: lookups, accessors, parsing names,
//! `Display` into a pre-sized buffer and decoding a code never touch the
//! heap, nor do the interface lookups, the pairs, and sorting a server error
//! into its interface's error enum.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::fmt::Write;

use liveroom_errors::{Category, Code, ErrorCode, Evidence, Interface, Recovery};

/// Counts the allocations of the current thread (tests run on several threads).
struct Counting;

thread_local! {
    static ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
}

// SAFETY: forwards every call to the system allocator unchanged; only counts.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.with(|count| count.set(count.get() + 1));
        // SAFETY: the caller upholds `GlobalAlloc::alloc`'s contract, passed on as is.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: as above.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATIONS.with(|count| count.set(count.get() + 1));
        // SAFETY: as above.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Runs `work` and returns how many allocations it made on this thread.
pub fn allocations_of(work: impl FnOnce()) -> usize {
    let before = ALLOCATIONS.with(Cell::get);
    work();
    ALLOCATIONS.with(Cell::get) - before
}

/// Whether some crate of this build turned on serde_json's
/// `arbitrary_precision`: serde_json then allocates the text of every number
/// it hands to a visitor that takes any value (`deserialize_any`), as the
/// decoder's envelope and a code's `Deserialize` must (a code may come as a
/// string). Those allocations are serde_json's, counted apart below.
#[cfg(feature = "json")]
fn arbitrary_precision() -> bool {
    // Without the feature, an integer beyond 64 bits becomes an `f64`.
    let big = "100000000000000000000000";
    // Compared as text: clippy's `cmp_owned` would compare the `Value` with a
    // `&str`, which only a JSON string equals.
    let written = serde_json::from_str::<serde_json::Value>(big)
        .unwrap()
        .to_string();
    written == big
}

#[test]
fn the_counter_counts() {
    assert_eq!(
        allocations_of(|| drop(std::hint::black_box(vec![1u8; 16]))),
        1
    );
}

#[test]
fn lookups_and_accessors_do_not_allocate() {
    // Inputs prepared outside the measured closures.
    let names: Vec<String> = ErrorCode::ALL
        .iter()
        .flat_map(|c| {
            let sdk = c.sdk_name().unwrap_or("ERROR_CODE_NONE").to_owned();
            [
                c.name().to_owned(),
                c.name().to_ascii_uppercase(),
                sdk,
                format!("{}x", c.name()),
            ]
        })
        .collect();
    let codes: Vec<u32> = (199_000..209_000).chain([0, u32::MAX]).collect();
    let texts: Vec<String> = codes.iter().map(u32::to_string).collect();
    // Other spellings `FromStr` accepts, and names of nothing.
    let vocabulary_names: Vec<String> = ["ROOM", "Give_Up", "FIX_REQUEST", "rooms", "", "retry "]
        .map(String::from)
        .to_vec();

    let count = allocations_of(|| {
        let mut sum = 0usize;
        for &n in &codes {
            sum += ErrorCode::from_code(n).map_or(0, |c| c.value() as usize);
            sum += usize::from(ErrorCode::try_from(n).is_ok());
            sum += Category::of(n).map_or(0, |c| c.name().len());
            sum += Code::new(n.into())
                .and_then(Code::category)
                .map_or(0, |c| c as usize);
        }
        for name in &names {
            sum += ErrorCode::from_name(name).map_or(0, |c| c.value() as usize);
            sum += usize::from(name.parse::<ErrorCode>().is_ok());
        }
        for text in &texts {
            sum += usize::from(text.parse::<ErrorCode>().is_ok());
        }
        for code in ErrorCode::ALL {
            sum += code.name().len() + code.message_zh().len() + code.message_en().len();
            sum += code.causes_zh().len()
                + code.causes_en().len()
                + code.sdk_name().map_or(0, str::len);
            sum += code.category().codes().len()
                + code.recovery().name().len()
                + code.recovery().advice_zh().len()
                + code.recovery().advice_en().len();
            sum += code.recovery_reason().len() + code.recovery_reason_zh().len();
            sum += usize::from(code.is_documented()) + code.former_names().len();
        }
        // Names that parse, and names that fail with a `ParseNameError`.
        for recovery in Recovery::ALL {
            sum += usize::from(recovery.name().parse::<Recovery>().is_ok());
        }
        for category in Category::ALL {
            sum += usize::from(category.name().parse::<Category>().is_ok());
        }
        for name in &vocabulary_names {
            sum += name.parse::<Category>().map_or(0, |c| c as usize);
            sum += name.parse::<Recovery>().map_or(0, |r| r as usize);
            sum += name.parse::<Evidence>().map_or(0, |e| e as usize);
        }
        std::hint::black_box(sum);
    });
    assert_eq!(count, 0);
}

#[test]
fn display_into_a_presized_buffer_does_not_allocate() {
    let mut buffer = String::with_capacity(1024);
    let count = allocations_of(|| {
        for code in ErrorCode::ALL {
            buffer.clear();
            write!(
                buffer,
                "{code} / {} / {}",
                code.display_en(),
                Code::from(code)
            )
            .unwrap();
            write!(
                buffer,
                " {} {} {}",
                code.category(),
                code.recovery(),
                Code::new(203011).unwrap()
            )
            .unwrap();
        }
    });
    assert_eq!(count, 0);
    assert!(buffer.starts_with("207006 不支持的房间类型 / 207006 Unsupported room type"));
}

#[cfg(feature = "json")]
#[test]
fn deserializing_a_code_does_not_allocate() {
    let inputs: Vec<String> = ErrorCode::ALL
        .iter()
        .flat_map(|c| {
            [
                c.value().to_string(),
                format!("\"{}\"", c.value()),
                format!("\"{}\"", c.name()),
            ]
        })
        .chain([
            "\"ERROR_CODE_USER_NOT_IN_ROOM\"".to_owned(),
            "\"member_not_in_room\"".to_owned(),
        ])
        .collect();
    let numbers: Vec<String> = ["203011", "-1", "\"5001\"", "-9"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    let codes: Vec<&String> = (inputs.iter().chain(&numbers))
        .filter(|i| !i.contains(char::is_alphabetic))
        .collect();
    let count = allocations_of(|| {
        for input in &inputs {
            std::hint::black_box(serde_json::from_str::<ErrorCode>(input).unwrap());
        }
        for input in &codes {
            std::hint::black_box(serde_json::from_str::<Code>(input).unwrap());
        }
    });
    // serde_json's own, one per bare number it read.
    let bare = |input: &str| !input.starts_with('"');
    let serde_json = match arbitrary_precision() {
        true => {
            inputs.iter().filter(|i| bare(i)).count() + codes.iter().filter(|i| bare(i)).count()
        }
        false => 0,
    };
    assert_eq!(count, serde_json);
}

#[test]
fn interface_lookups_and_pairs_do_not_allocate() {
    let names: Vec<String> = Interface::ALL
        .iter()
        .flat_map(|i| {
            [
                i.name().to_owned(),
                i.name().to_ascii_uppercase(),
                format!("{}x", i.name()),
            ]
        })
        .chain(["", "any", "get_anchor"].map(String::from))
        .collect();
    let paths: Vec<String> = names
        .iter()
        .map(|n| format!("/weapp/live_room/{n}"))
        .chain(["/weapp/live_room", "/weapp/multi_room/login"].map(String::from))
        .collect();
    let evidence: Vec<String> = ["documented", "observed", "sdk-name", "inferred", "doc"]
        .map(String::from)
        .to_vec();

    let count = allocations_of(|| {
        let mut sum = 0usize;
        for name in &names {
            sum += Interface::from_name(name).map_or(0, |i| i.name().len());
            sum += usize::from(name.parse::<Interface>().is_ok());
        }
        for path in &paths {
            sum += Interface::from_path(path).map_or(0, |i| i.path().len());
        }
        for text in &evidence {
            sum += text.parse::<Evidence>().map_or(0, |e| e.name().len());
        }
        for interface in Interface::ALL {
            sum += interface.purpose().len() + usize::from(interface.section());
            sum += usize::from(interface.takes_token());
            for code in ErrorCode::ALL {
                sum += interface.recovery(code).name().len();
                sum += interface.error(code).map_or(0, |p| p.basis().len());
            }
            for pair in interface.errors() {
                sum += pair.code().name().len() + pair.evidence().name().len();
                sum += pair.recovery().name().len() + pair.recovery_reason().len();
                sum += usize::from(pair.is_specific()) + usize::from(pair.is_override());
                sum += pair.recovery_reason_zh().len();
                sum += pair.interface().name().len() + pair.evidence().description().len();
            }
        }
        for code in ErrorCode::ALL {
            sum += code.interfaces().len() + usize::from(code.is_any_interface());
        }
        std::hint::black_box(sum);
    });
    assert_eq!(count, 0);
}

#[cfg(all(feature = "serde", feature = "alloc"))]
#[test]
fn sorting_server_errors_into_interface_errors_does_not_allocate() {
    use liveroom_errors::api::{self, InterfaceError, ServerError};

    // Every known code and a few unknown ones, prepared outside the measure.
    let codes: Vec<Code> = ErrorCode::ALL
        .iter()
        .map(|&c| Code::from(c))
        .chain([203011, -1, 5001].map(|v| Code::new(v).unwrap()))
        .collect();
    let errors = || -> Vec<ServerError> {
        (codes.iter())
            .map(|&c| ServerError::new(c, "text").with_timestamp(1))
            .collect()
    };
    let for_heartbeat = errors();
    let for_delete = errors();
    let mut buffer = String::with_capacity(4096);

    let count = allocations_of(|| {
        let mut sum = 0usize;
        for sent in for_heartbeat {
            let err = api::AnchorHeartbeatError::from(sent);
            sum += err.recovery().map_or(0, |r| r.name().len());
            sum += err.pair().map_or(0, |p| p.basis().len());
            sum += err.recovery_reason().map_or(0, str::len);
            sum += usize::from(err.server_error().code().is_known());
            buffer.clear();
            write!(buffer, "{err}").unwrap();
            sum += buffer.len();
            sum += err.server_error().message().len();
            let back: ServerError = err.into();
            sum += back.message().len();
            std::hint::black_box(back);
        }
        for sent in for_delete {
            let err = api::DeleteAnchorError::from(sent);
            sum += usize::from(matches!(err, api::DeleteAnchorError::Other(_)));
            sum += err.recovery().map_or(0, |r| r.name().len());
            std::hint::black_box(err);
        }
        std::hint::black_box(sum);
    });
    assert_eq!(count, 0);
}

/// `api::decode` allocates what its result owns and nothing more: the
/// strings of the payload and the server's text, whatever the key order and
/// the unknown keys. (As for any derive, serde_json itself allocates for an
/// escaped string it reads, into its scratch buffer, and for skipping
/// containers nested in a skipped container, on its stack of brackets.)
#[cfg(feature = "json")]
#[test]
fn decoding_allocates_only_what_the_result_owns() {
    use liveroom_errors::api;

    fn count<R: api::Reply>(body: &str) -> usize {
        let mut result = None;
        let allocations = allocations_of(|| result = Some(api::decode::<R>(body)));
        drop(result);
        allocations
    }
    // serde_json's own under `arbitrary_precision`: one per number the envelope reads.
    let per_number = usize::from(arbitrary_precision());
    // A success: `message`, `token`, `userID`.
    let success = [
        (
            r#"{"code":0,"message":"Success!","timestamp":1,"token":"t","userID":"u"}"#,
            2,
        ),
        (
            r#"{"userID":"u","extra":[1,"a"],"token":"t","more":{"a":2},"timestamp":1,"message":"Success!","code":"0"}"#,
            1,
        ),
    ];
    for (body, numbers) in success {
        assert!(api::decode::<api::LoginReply>(body).is_ok(), "{body}");
        assert_eq!(
            count::<api::LoginReply>(body),
            3 + numbers * per_number,
            "{body}"
        );
    }
    // An envelope-only success owns its message alone; without one, nothing.
    let body = r#"{"code":0,"message":"Success!"}"#;
    assert_eq!(count::<api::LogoutReply>(body), 1 + per_number);
    let body = r#"{"code":0,"timestamp":1}"#;
    assert_eq!(count::<api::LogoutReply>(body), 2 * per_number);
    // An error whose `code` comes before the payload's keys (as servers
    // write it): its message only, as the payload type never runs. (Keys
    // before `code` go to the payload type, which owns what it reads until
    // the code rules the success out.)
    let errors = [
        (
            r#"{"code":203010,"message":"user not in room","timestamp":1577087588457}"#,
            2,
        ),
        (
            r#"{"message":"user not in room","code":203010,"roomID":"r","pushers":[]}"#,
            1,
        ),
    ];
    for (body, numbers) in errors {
        assert!(api::decode::<api::GetAnchorsReply>(body).is_err(), "{body}");
        assert_eq!(
            count::<api::GetAnchorsReply>(body),
            1 + numbers * per_number,
            "{body}"
        );
    }
}
