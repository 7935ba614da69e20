//! One way of decoding one reply body, N times, for instruction counts:
//! callgrind's counts repeat exactly for the same binary, where wall clock
//! moves between runs (docs/performance.md).
//!
//! ```sh
//! cargo bench --bench count --no-run   # prints the path of the binary, BIN
//! valgrind --tool=callgrind --callgrind-out-file=/dev/null BIN error_203010/decode 10000
//! valgrind --tool=callgrind --callgrind-out-file=/dev/null BIN error_203010/decode 0
//! ```
//!
//! Instructions per reply: the difference of the two counts, divided by
//! 10000. Bodies: `login`, `room_list_20`, `error_203010`; ways: `derive`,
//! `two_pass`, `value`, `decode` (as in `decode.rs`).

use std::hint::black_box;
use std::process::ExitCode;

use liveroom_errors::api::{self, Reply};
use serde::de::DeserializeOwned;

mod replies;

use replies::*;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    // `cargo bench` runs every bench with `--bench`: nothing to count then.
    let [which, n] = &args[..] else {
        return ExitCode::SUCCESS;
    };
    let (Some((body, way)), Ok(n)) = (which.split_once('/'), n.parse::<usize>()) else {
        eprintln!("usage: count BODY/WAY N");
        return ExitCode::from(2);
    };
    let rooms = room_list();
    let counted = match body {
        "login" => count::<WholeLogin, api::LoginReply>(way, LOGIN.as_bytes(), n),
        "room_list_20" => count::<WholeRoomList, api::GetRoomListReply>(way, rooms.as_bytes(), n),
        "error_203010" => count::<WholeError, api::LoginReply>(way, NOT_IN_ROOM.as_bytes(), n),
        _ => false,
    };
    if !counted {
        eprintln!("unknown body or way: {which}");
        return ExitCode::from(2);
    }
    ExitCode::SUCCESS
}

/// Runs `way` on `body` `n` times; `false` for an unknown way.
fn count<W: DeserializeOwned, R: Reply>(way: &str, body: &[u8], n: usize) -> bool {
    let run: fn(&[u8]) -> bool = match way {
        "derive" => |body| serde_json::from_slice::<W>(body).is_ok(),
        "two_pass" => |body| two_pass::<R>(body).is_ok(),
        "value" => |body| value::<R>(body).is_ok(),
        "decode" => |body| api::decode::<R>(body).is_ok(),
        _ => return false,
    };
    for _ in 0..n {
        black_box(run(black_box(body)));
    }
    true
}
