//! The command line: every argument, option and value, with the help text `--help` shows.

use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
use clap::{Args, Parser, Subcommand, ValueEnum};
use clap_complete::Shell;
use liveroom_errors::{Category, Interface, Recovery};

use crate::export::prefixes;
use crate::lang::Lang;

const AFTER_HELP: &str = "\
Language: --lang, else the environment variable LIVEROOM_LANG (zh or en), else the
locale (LC_ALL, LC_MESSAGES, LANG: the first one set): zh… is Chinese, any other
English; with no locale at all, Chinese. Error messages are always in English.

Exit status:
  0  the codes are known (or 0, success), the search found codes, or the reply is a
     success; also when the reader closes the pipe early (`… | head`)
  1  a code is unknown, the search found nothing, or the reply is an error reply
     (or a success whose stream mix failed)
  2  bad usage, input that cannot be read or is no valid reply, or output that
     cannot be written (a full disk)";

/// Explain RoomService (MLVB LiveRoom) error codes, decode replies and export the table.
///
/// `liveroom-errors 203006` explains a code; see the commands below for the rest.
#[derive(Parser)]
#[command(name = "liveroom-errors", version, subcommand_negates_reqs = true)]
#[command(
    override_usage = "liveroom-errors [--lang <LANG>] <CODE_OR_NAME>...\n       \
                            liveroom-errors [--lang <LANG>] <COMMAND> [ARGS]"
)]
#[command(after_help = "Language rules and exit statuses: see --help.")]
#[command(after_long_help = AFTER_HELP)]
pub struct Cli {
    /// Language of explanations and their labels, here and in every command that
    /// prints them [default: LIVEROOM_LANG, else the locale]
    #[arg(long, value_enum)]
    pub lang: Option<Lang>,
    /// Codes or names to explain, as `explain` does.
    #[arg(value_name = "CODE_OR_NAME", allow_negative_numbers = true)]
    pub codes: Vec<String>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand)]
pub enum Command {
    /// Explain codes: messages, causes, category, recovery advice, SDK constant,
    /// and the interfaces each can come from with the evidence.
    ///
    /// Each argument is a decimal code (203006), a variant name (EnterRoomFailed),
    /// its snake_case or SCREAMING_SNAKE_CASE form, or an SDK constant
    /// (ERROR_CODE_ENTER_ROOM). 0 is success, not an error. An unknown code gets the
    /// category of its range and the known codes one digit away (or the nearest).
    Explain {
        /// Codes or names to explain.
        #[arg(
            value_name = "CODE_OR_NAME",
            required = true,
            allow_negative_numbers = true
        )]
        codes: Vec<String>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ExplainFormat::Text)]
        format: ExplainFormat,
        #[command(flatten)]
        lang: LangArg,
    },
    /// List the table, optionally filtered by interface, category and recovery.
    ///
    /// With --interface, only the codes that interface can return (its own and
    /// those of any interface), each with the evidence and the recovery in that
    /// call, which --recovery then filters by.
    List {
        /// Only the codes this interface can return, with the recovery in that call.
        #[arg(long, value_parser = interface_values())]
        interface: Option<Interface>,
        /// Only codes of this category (by range).
        #[arg(long, value_parser = category_values())]
        category: Option<Category>,
        /// Only codes with this recovery advice (in the --interface call, if given).
        #[arg(long, value_parser = recovery_values())]
        recovery: Option<Recovery>,
        /// Output format; the json records are those of `export --format json`.
        #[arg(long, value_enum, default_value_t = ListFormat::Text)]
        format: ListFormat,
        #[command(flatten)]
        lang: LangArg,
    },
    /// Find codes by digits (2030), name, SDK constant, message or cause, in any case.
    Search {
        /// Text to look for: part of a code, a name, a constant or a message.
        #[arg(value_name = "TEXT")]
        text: String,
        #[command(flatten)]
        lang: LangArg,
    },
    /// Say what one reply body means: success, or the server's error explained.
    ///
    /// INPUT is the body itself when its first character other than whitespace is
    /// `{` or `[` (a reply is a JSON object, a file name rarely starts so: write
    /// `./{name}` for one that does); `-` or nothing for standard input; any other
    /// INPUT is the path of a file. At most 4 MiB are read. Texts from the reply
    /// are shown with control and format characters escaped.
    Decode {
        /// The reply body (`{"code":…}`), a file holding it, or `-` for standard
        /// input [default: standard input]
        #[arg(value_name = "INPUT")]
        input: Option<String>,
        /// The interface that sent the reply: its error is then judged in that
        /// call (whether the interface declares the code, the recovery there).
        #[arg(long, value_parser = interface_values())]
        interface: Option<Interface>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ExplainFormat::Text)]
        format: ExplainFormat,
        #[command(flatten)]
        lang: LangArg,
    },
    /// Export the whole mapping for other languages: codes (both languages),
    /// interfaces with their codes, evidence and overrides, request and reply shapes;
    /// or the interfaces as an OpenAPI 3.1 document.
    Export {
        /// What to write.
        #[arg(long, value_enum)]
        format: ExportFormat,
    },
    /// Write a shell completion script to standard output.
    ///
    /// bash: `liveroom-errors completions bash > ~/.local/share/bash-completion/completions/liveroom-errors`
    Completions {
        /// The shell to complete for.
        #[arg(value_enum)]
        shell: Shell,
    },
    /// Write the man page (roff) to standard output: `liveroom-errors man | man -l -`.
    Man,
}

/// `--lang` on the commands that print explanations.
#[derive(Args)]
pub struct LangArg {
    /// Language of explanations and their labels [default: LIVEROOM_LANG, else the
    /// locale; see `liveroom-errors --help`]
    #[arg(long, value_enum)]
    pub lang: Option<Lang>,
}

#[derive(Copy, Clone, PartialEq, Eq, ValueEnum)]
pub enum ExplainFormat {
    /// Labelled lines for people, in the chosen language.
    Text,
    /// One JSON document with stable keys, both languages (see the README).
    Json,
}

#[derive(Copy, Clone, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    /// One aligned line per code, in the chosen language.
    Text,
    /// The README's table.
    Markdown,
    /// An array of the records of `export --format json`.
    Json,
    /// A header line, then one line per code; causes joined by ` | `.
    Tsv,
}

#[derive(Copy, Clone, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// One document: format version, categories, recoveries, evidence, codes,
    /// interfaces, objects.
    Json,
    /// A TypeScript module: the codes, their details, the interfaces with
    /// their codes and shapes, and lookups.
    Typescript,
    /// An OpenAPI 3.1 document of the 16 interfaces: paths, query parameters,
    /// request and reply schemas, and each interface's error codes.
    Openapi,
}

/// The category names, each with its ranges in `--help`.
fn category_values() -> impl TypedValueParser<Value = Category> {
    let values = Category::ALL.iter().map(|&category| {
        let ranges: Vec<String> = prefixes(category)
            .iter()
            .map(|p| format!("{p}xx"))
            .collect();
        PossibleValue::new(category.name()).help(format!("codes {}", ranges.join(", ")))
    });
    PossibleValuesParser::new(values).try_map(|name| name.parse::<Category>())
}

/// The interface names, each with its purpose in `--help`.
fn interface_values() -> impl TypedValueParser<Value = Interface> {
    let values = (Interface::ALL.iter())
        .map(|&interface| PossibleValue::new(interface.name()).help(interface.purpose()));
    PossibleValuesParser::new(values).try_map(|name| name.parse::<Interface>())
}

/// The recovery names, each with its advice in `--help`.
fn recovery_values() -> impl TypedValueParser<Value = Recovery> {
    let values = (Recovery::ALL.iter())
        .map(|&recovery| PossibleValue::new(recovery.name()).help(recovery.advice_en()));
    PossibleValuesParser::new(values).try_map(|name| name.parse::<Recovery>())
}
