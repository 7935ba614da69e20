//! The server's tests, in one binary so that it is built once: the official
//! clients' exchanges, the contract, hostile HTTP, the lifecycle of rooms,
//! the limits of what users store, sign-in, two instances on Redis, and
//! Redis faults.
//!
//! Redis tests start a redis-server of their own (ephemeral port, no
//! persistence, a temporary directory); without one on PATH they say so and
//! pass, unless `LIVEROOM_REQUIRE_REDIS=1`. Sign-in tests use the official
//! Python generator from a venv they make under target/ (or
//! `LIVEROOM_SIGGEN_PYTHON`); without one they say so and pass, unless
//! `LIVEROOM_REQUIRE_SIGGEN=1`.

mod binary;
mod clients;
mod contract;
mod example_client;
mod http;
mod lifecycle;
mod limits;
mod signin;
mod store;
mod support;
