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
use liveroom_errors::{ErrorCode, Interface, InterfaceCodePair};

use crate::cli::{Cli, Command, ExplainFormat, ExportFormat, ListFormat};
use crate::lang::Lang;
use crate::report::{Fail, Out, Outcome, Problem};

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => return clap_exit(error).into(),
    };
    if let Some(error) = cli::mistyped_command(&cli) {
        return clap_exit(error).into();
    }
    let mut out = Out::new();
    let outcome = run(cli, &mut out).and_then(|outcome| {
        out.flush()?;
        Ok(outcome)
    });
    outcome.unwrap_or_else(Fail::finish).into()
}

/// Help and version go to standard output like any result; usage errors to
/// standard error in the one error format.
fn clap_exit(error: clap::Error) -> Outcome {
    match error.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            if std::io::stdout().is_terminal() {
                error.exit(); // keeps clap's colours; a terminal is neither full nor closed
            }
            let mut out = Out::new();
            let text = error.render().to_string();
            let printed = out.print(&format!("{}\n", text.trim_end()));
            match printed.and_then(|()| out.flush()) {
                Ok(()) => Outcome::Found,
                Err(stop) => stop.finish(),
            }
        }
        _ => {
            Problem::from_clap(&error).print();
            Outcome::BadInput
        }
    }
}

fn run(cli: Cli, out: &mut Out) -> Result<Outcome, Fail> {
    // Refused rather than ignored where it could change nothing.
    let refusing = cli.command.as_ref().and_then(Command::name_without_lang);
    if let Some(name) = cli.lang.and(refusing) {
        return Err(Problem::new(format!("--lang has no effect on `{name}`"))
            .help(format!("run `liveroom-errors {name}` without --lang"))
            .into());
    }
    let lang = || Lang::resolve(cli.lang);
    Ok(match cli.command {
        None if cli.codes.is_empty() => {
            return Err(Problem::new(
                "nothing to do: give a code or a name to explain, or a command",
            )
            .help("for example `liveroom-errors 203006`; see `liveroom-errors --help`")
            .into());
        }
        None => explain::run(&cli.codes, lang()?, ExplainFormat::Text, out)?,
        Some(Command::Explain { codes, format }) => explain::run(&codes, lang()?, format, out)?,
        Some(Command::List {
            interface: Some(interface),
            category,
            recovery,
            format,
        }) => {
            let pairs: Vec<InterfaceCodePair> = (interface.errors().iter().copied())
                .filter(|p| category.is_none_or(|wanted| p.code().category() == wanted))
                .filter(|p| recovery.is_none_or(|wanted| p.recovery() == wanted))
                .collect();
            out.print(&match format {
                ListFormat::Text => list::text_in(interface, &pairs, lang()?),
                ListFormat::Markdown => list::markdown_in(&pairs),
                ListFormat::Json => export::json_records_in(&pairs) + "\n",
                ListFormat::Tsv => list::tsv_in(&pairs),
            })?;
            Outcome::Found
        }
        Some(Command::List {
            interface: None,
            recovery: Some(recovery),
            ..
        }) if recovery.is_call_specific() => {
            return Err(Problem::new(format!(
                "no code is `{recovery}` on its own: it is a recovery in a given call"
            ))
            .help(format!(
                "add --interface, e.g. liveroom-errors list --interface {} --recovery {recovery}",
                (Interface::ALL.into_iter())
                    .find(|i| i.errors().iter().any(|p| p.recovery() == recovery))
                    .unwrap_or(Interface::DeleteAnchor)
            ))
            .into());
        }
        Some(Command::List {
            interface: None,
            category,
            recovery,
            format,
        }) => {
            let codes: Vec<ErrorCode> = (ErrorCode::ALL.into_iter())
                .filter(|c| category.is_none_or(|wanted| c.category() == wanted))
                .filter(|c| recovery.is_none_or(|wanted| c.recovery() == wanted))
                .collect();
            out.print(&match format {
                ListFormat::Text => list::text(&codes, lang()?),
                ListFormat::Markdown => list::markdown(&codes),
                ListFormat::Json => export::json_records(&codes) + "\n",
                ListFormat::Tsv => list::tsv(&codes),
            })?;
            Outcome::Found
        }
        Some(Command::Search { text }) => list::search(&text, lang()?, out)?,
        Some(Command::Decode {
            input,
            interface,
            format,
        }) => decode::run(input.as_deref(), interface, lang()?, format, out)?,
        Some(Command::Export { format }) => {
            out.print(&match format {
                ExportFormat::Json => export::json_document() + "\n",
                ExportFormat::Typescript => typescript::module(),
                ExportFormat::Openapi => {
                    escape::json(liveroom_errors::openapi::to_string_pretty()) + "\n"
                }
            })?;
            Outcome::Found
        }
        Some(Command::Completions { shell }) => {
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "liveroom-errors", &mut script);
            out.print(&String::from_utf8_lossy(&script))?;
            Outcome::Found
        }
        Some(Command::Man) => {
            let page = cli::man_page()
                .map_err(|error| Problem::new(format!("cannot render the man page: {error}")))?;
            out.print(&page)?;
            Outcome::Found
        }
    })
}
