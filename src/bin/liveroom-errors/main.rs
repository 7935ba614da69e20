//! `liveroom-errors`: explain, list, search, decode and export the RoomService error codes.

mod decode;
mod explain;
mod export;
mod list;

use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use liveroom_errors::{Category, ErrorCode, Recovery};

/// Explain RoomService (MLVB LiveRoom) error codes: `liveroom-errors 203006`.
#[derive(Parser)]
#[command(name = "liveroom-errors", version, subcommand_negates_reqs = true)]
#[command(
    after_help = "Exit status: 0 all known / success reply, 1 some unknown / error reply, 2 bad usage or input."
)]
struct Cli {
    /// Language of text output.
    #[arg(long, value_enum, default_value_t = Lang::Zh, global = true)]
    lang: Lang,
    /// Codes or names to explain (shorthand for `explain`).
    #[arg(value_name = "CODE_OR_NAME", allow_negative_numbers = true)]
    codes: Vec<String>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Explain codes given as numbers, variant names, snake/SCREAMING names or SDK constants.
    Explain {
        #[arg(
            value_name = "CODE_OR_NAME",
            required = true,
            allow_negative_numbers = true
        )]
        codes: Vec<String>,
    },
    /// List the table, optionally filtered.
    List {
        #[arg(long)]
        category: Option<Category>,
        #[arg(long)]
        recovery: Option<Recovery>,
        #[arg(long, value_enum, default_value_t = ListFormat::Text)]
        format: ListFormat,
    },
    /// Search names, SDK constants, messages and causes (case-insensitive).
    Search {
        #[arg(value_name = "TEXT")]
        text: String,
    },
    /// Say what one reply body (JSON) means; reads standard input without FILE or with `-`.
    Decode {
        #[arg(value_name = "FILE")]
        file: Option<String>,
    },
    /// Export the canonical mapping for other languages.
    Export {
        #[arg(long, value_enum)]
        format: ExportFormat,
    },
}

/// The language of text output.
#[derive(Copy, Clone, PartialEq, Eq, ValueEnum)]
pub enum Lang {
    /// Chinese, the language of the official table.
    Zh,
    /// English.
    En,
}

impl Lang {
    pub fn message(self, code: ErrorCode) -> &'static str {
        match self {
            Lang::Zh => code.message_zh(),
            Lang::En => code.message_en(),
        }
    }

    pub fn causes(self, code: ErrorCode) -> &'static [&'static str] {
        match self {
            Lang::Zh => code.causes_zh(),
            Lang::En => code.causes_en(),
        }
    }

    pub fn advice(self, recovery: Recovery) -> &'static str {
        match self {
            Lang::Zh => recovery.advice(),
            Lang::En => recovery.advice_en(),
        }
    }
}

#[derive(Copy, Clone, PartialEq, Eq, ValueEnum)]
enum ListFormat {
    Text,
    Markdown,
    Json,
    Tsv,
}

#[derive(Copy, Clone, PartialEq, Eq, ValueEnum)]
enum ExportFormat {
    Json,
    Typescript,
}

/// The outcome of a command, as the process's exit status.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Everything asked for was found (or the reply was a success).
    Found,
    /// Something was unknown (or the reply was an error reply).
    NotFound,
    /// The input could not be used.
    BadInput,
}

impl From<Outcome> for ExitCode {
    fn from(outcome: Outcome) -> ExitCode {
        ExitCode::from(match outcome {
            Outcome::Found => 0,
            Outcome::NotFound => 1,
            Outcome::BadInput => 2,
        })
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let lang = cli.lang;
    let outcome = match cli.command {
        None if cli.codes.is_empty() => {
            eprintln!("error: give a code or a name to explain, or a command; see --help");
            Outcome::BadInput
        }
        None => explain::run(&cli.codes, lang),
        Some(Command::Explain { codes }) => explain::run(&codes, lang),
        Some(Command::List {
            category,
            recovery,
            format,
        }) => {
            let codes: Vec<ErrorCode> = (ErrorCode::ALL.into_iter())
                .filter(|c| category.is_none_or(|wanted| c.category() == wanted))
                .filter(|c| recovery.is_none_or(|wanted| c.recovery() == wanted))
                .collect();
            match format {
                ListFormat::Text => print!("{}", list::text(&codes, lang)),
                ListFormat::Markdown => print!("{}", list::markdown(&codes)),
                ListFormat::Json => println!("{}", export::json_records(&codes)),
                ListFormat::Tsv => print!("{}", list::tsv(&codes)),
            }
            Outcome::Found
        }
        Some(Command::Search { text }) => list::search(&text, lang),
        Some(Command::Decode { file }) => decode::run(file.as_deref(), lang),
        Some(Command::Export {
            format: ExportFormat::Json,
        }) => {
            println!("{}", export::json_document());
            Outcome::Found
        }
        Some(Command::Export {
            format: ExportFormat::Typescript,
        }) => {
            print!("{}", export::typescript());
            Outcome::Found
        }
    };
    outcome.into()
}
