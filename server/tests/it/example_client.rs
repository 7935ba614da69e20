//! The library's example client (examples/client) against the server: its
//! sessions, and the recovery of each error in its call, as `Recovery` says
//! (the creator's exit ends the room; a dropped guest rejoins; an ended
//! room's heartbeat gives up).

#[allow(dead_code)]
#[path = "../../../examples/client/main.rs"]
mod example;

use crate::support::{config, start};

#[test]
fn the_example_client_runs_its_sessions_and_follows_the_advice() {
    let server = start(config());
    let result = example::run(&server.url(), |user| format!("sig-{user}"));
    assert!(result.is_ok(), "{result:?}");
}
