//! Explains RoomService error codes given by number or by name.
//!
//! ```text
//! cargo run --example explain -- 203006 MemberNotInRoom ERROR_CODE_VERIFY_FAILED
//! ```
//!
//! Exit status: 0 when every argument is a known code, 1 otherwise, 2 without arguments.

use std::process::ExitCode;

use liveroom_errors::{Category, ErrorCode, ParseCodeError};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.is_empty() {
        eprintln!("usage: explain CODE_OR_NAME...   (e.g. explain 203006)");
        return ExitCode::from(2);
    }
    let mut all_known = true;
    for arg in &args {
        match arg.trim().parse::<ErrorCode>() {
            Ok(code) => explain(code),
            Err(err) => {
                all_known = false;
                describe_unknown(arg, err);
            }
        }
    }
    if all_known {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

fn explain(code: ErrorCode) {
    println!("{code}");
    println!("  name:        {}", code.name());
    println!("  category:    {}", code.category());
    println!("  recovery:    {}", code.recovery());
    println!("  message:     {}", code.message());
    println!("  English:     {}", code.message_en());
    for (zh, en) in code.causes().iter().zip(code.causes_en()) {
        println!("  cause:       {zh} ({en})");
    }
    println!("  SDK name:    {}", code.sdk_name().unwrap_or("(none)"));
    let source = if code.is_documented() {
        "official table"
    } else {
        "client SDKs only"
    };
    println!("  defined by:  {source}");
}

fn describe_unknown(arg: &str, err: ParseCodeError) {
    match err {
        ParseCodeError::Unknown(unknown) => match Category::of(unknown.code()) {
            Some(category) => println!("{arg}: {err}; its range is that of {category} errors"),
            None => println!("{arg}: {err}"),
        },
        _ => println!("{arg:?}: {err}"),
    }
}
