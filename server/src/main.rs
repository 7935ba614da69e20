//! `liveroom-server PORT [flags]`: runs the reference RoomService in the
//! foreground and prints `listening on http://HOST:PORT` once it accepts
//! connections. `--help` lists the flags; README.md tells the rest.
#![forbid(unsafe_code)]

use std::io::Write;

use clap::Parser;
use liveroom_server::config::{Args, Config};

#[tokio::main]
async fn main() {
    let args = Args::parse();
    let config = match Config::from_args(args, |name| std::env::var(name).ok()) {
        Ok(config) => config,
        Err(reason) => {
            eprintln!("liveroom-server: {reason}");
            std::process::exit(2);
        }
    };
    let running = match liveroom_server::start(&config).await {
        Ok(running) => running,
        Err(reason) => {
            eprintln!("liveroom-server: {reason}");
            std::process::exit(1);
        }
    };
    println!("listening on http://{}", running.address);
    // Scripts wait for this line: do not leave it in a pipe's buffer.
    let _ = std::io::stdout().flush();
    tokio::select! {
        _ = running.task => {}
        _ = shutdown() => {}
    }
}

/// Ctrl-C or SIGTERM: stop at once (state in memory ends with the process).
async fn shutdown() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        if let Ok(mut term) = signal(SignalKind::terminate()) {
            tokio::select! {
                _ = term.recv() => {}
                _ = tokio::signal::ctrl_c() => {}
            }
            return;
        }
    }
    let _ = tokio::signal::ctrl_c().await;
}
