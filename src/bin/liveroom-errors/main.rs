//! `liveroom-errors`: explain, list, search, decode and export the RoomService
//! error codes and the interfaces that return them.

#![forbid(unsafe_code)]

mod cli;
mod decode;
mod escape;
mod explain;
mod export;
mod lang;
mod list;
mod report;
mod suggest;
mod typescript;

use std::io::IsTerminal;
use std::process::ExitCode;

use clap::error::ErrorKind;
use clap::{CommandFactory, Parser};

use crate::cli::{Cli, Command, ExplainFormat, ExportFormat};
use crate::lang::Lang;
use crate::report::{Fail, Outcome, Problem, print};

fn main() -> ExitCode {
    let outcome = match Cli::try_parse() {
        Err(error) => clap_exit(error),
        Ok(cli) => match cli::mistyped_command(&cli) {
            Some(error) => clap_exit(error),
            None => run(cli).unwrap_or_else(Fail::finish),
        },
    };
    outcome.into()
}

/// Help and version go to standard output like any result; usage errors to
/// standard error in the one error format.
fn clap_exit(error: clap::Error) -> Outcome {
    match error.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            if std::io::stdout().is_terminal() {
                error.exit(); // keeps clap's colours; a terminal is neither full nor closed
            }
            let text = error.render().to_string();
            match print(&format!("{}\n", text.trim_end())) {
                Ok(()) => Outcome::Found,
                Err(fail) => fail.finish(),
            }
        }
        _ => {
            Problem::from_clap(&error).print();
            Outcome::BadInput
        }
    }
}

fn run(cli: Cli) -> Result<Outcome, Fail> {
    // Refused rather than ignored where it could change nothing.
    let refusing = cli.command.as_ref().and_then(Command::name_without_lang);
    if let Some(name) = cli.lang.and(refusing) {
        return Err(Problem::new(format!("--lang has no effect on `{name}`"))
            .help(format!("run `liveroom-errors {name}` without --lang"))
            .into());
    }
    // Resolved on demand: export, completions, man and list's tables never
    // read LIVEROOM_LANG, so never warn about it.
    let lang = || Lang::resolve(cli.lang);
    match cli.command {
        None if cli.codes.is_empty() => Err(Problem::new(
            "nothing to do: give a code or a name to explain, or a command",
        )
        .help("for example `liveroom-errors 203006`; see `liveroom-errors --help`")
        .into()),
        None => explain::run(&cli.codes, lang(), ExplainFormat::Text),
        Some(Command::Explain { codes, format }) => explain::run(&codes, lang(), format),
        Some(Command::List {
            interface,
            category,
            recovery,
            format,
        }) => list::run(interface, category, recovery, format, lang),
        Some(Command::Search { text }) => list::search(&text, lang()),
        Some(Command::Decode {
            input,
            interface,
            format,
        }) => decode::run(input.as_deref(), interface, lang(), format),
        Some(Command::Export { format }) => print(&match format {
            ExportFormat::Json => export::document(),
            ExportFormat::Typescript => typescript::module(),
            ExportFormat::Openapi => escape::json(liveroom_errors::openapi::to_string_pretty()),
        })
        .map(|()| Outcome::Found),
        Some(Command::Completions { shell }) => {
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "liveroom-errors", &mut script);
            print(&String::from_utf8_lossy(&script)).map(|()| Outcome::Found)
        }
        Some(Command::Man) => {
            let page = cli::man_page()
                .map_err(|error| Problem::new(format!("cannot render the man page: {error}")))?;
            print(&page).map(|()| Outcome::Found)
        }
    }
}
