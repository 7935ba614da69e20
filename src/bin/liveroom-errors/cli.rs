//! The command line: every argument, option and value, with the help text
//! `--help` and the man page show. Both stand alone: an installed binary has
//! no README beside it.

use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
use clap::error::{ContextKind as Kind, ContextValue as Value, ErrorKind};
use clap::{CommandFactory, Parser, Subcommand, ValueEnum};
use clap_complete::Shell;
use liveroom_errors::{Category, ErrorCode, Interface, ParseCodeError, ParseNameError, Recovery};

use crate::export::ranges;
use crate::lang::Lang;

/// What chooses the language when `--lang` is absent: `--help` shows it and
/// the man page has it as its ENVIRONMENT section. A `\n` breaks the line in
/// `--help`; roff fills the text itself.
const ENVIRONMENT: [(&str, &str); 2] = [
    (
        "LIVEROOM_LANG",
        "zh or en (also in a locale's form, zh_CN.UTF-8): the language when --lang\n\
         is not given; any other value is ignored with a warning",
    ),
    (
        "LC_ALL, LC_MESSAGES, LANG",
        "without --lang and LIVEROOM_LANG, the first of them that is set: zh… is\n\
         Chinese, any other locale (C, en_US.UTF-8, …) English; with none set, Chinese,\n\
         the language of the official table",
    ),
];

/// The exit statuses, for `--help` and the man page's EXIT STATUS section.
const EXIT_STATUS: [(&str, &str); 3] = [
    (
        "0",
        "the codes are known (or 0, success), the search found codes, or the reply is\n\
         a success; also when the reader closes the pipe early (… | head)",
    ),
    (
        "1",
        "a code is unknown, the search found nothing, or the reply is an error reply\n\
         (or a success whose stream mix failed)",
    ),
    (
        "2",
        "bad usage, input that cannot be read or is no valid reply, or output that\n\
         cannot be written (a full disk)",
    ),
];

/// `--help`'s closing text: [`ENVIRONMENT`] and [`EXIT_STATUS`].
fn after_long_help() -> String {
    let mut text = String::from("Environment:\n");
    for (name, meaning) in ENVIRONMENT {
        text += &format!("  {name}\n      {}\n", meaning.replace('\n', "\n      "));
    }
    text += "\nExit status:\n";
    for (status, meaning) in EXIT_STATUS {
        text += &format!("  {status}  {}\n", meaning.replace('\n', "\n     "));
    }
    text.trim_end().to_owned()
}

/// Explain RoomService (MLVB LiveRoom) error codes, decode replies and export the table.
///
/// `liveroom-errors 203006` explains a code; the commands below do the rest.
#[derive(Parser)]
#[command(name = "liveroom-errors", version, subcommand_negates_reqs = true)]
#[command(
    override_usage = "liveroom-errors [--lang <LANG>] <CODE_OR_NAME>...\n       \
                            liveroom-errors [--lang <LANG>] <COMMAND> [ARGS]"
)]
#[command(after_help = "Environment and exit statuses: see --help.")]
// No styles: a usage error is re-rendered as one `error:` line whose echoed
// values keep their control characters, to be escaped, not dropped.
#[command(styles = clap::builder::Styles::plain())]
#[command(after_long_help = after_long_help())]
pub struct Cli {
    /// Language of text output, every line of it: zh or en. Error messages are
    /// English; export, completions and man refuse it [default: LIVEROOM_LANG,
    /// else the locale]
    #[arg(long, value_enum, global = true)]
    pub lang: Option<Lang>,
    /// Codes or names to explain, as `explain` does.
    #[arg(value_name = "CODE_OR_NAME", allow_negative_numbers = true)]
    pub codes: Vec<String>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand)]
pub enum Command {
    /// Explain codes: messages, causes, category, recovery advice and why, SDK
    /// constant, and the interfaces each can come from with the evidence.
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
    },
    /// List the table, optionally filtered by interface, category and recovery.
    ///
    /// With --interface, only the codes that interface can return (its own and
    /// those of any interface), each with the evidence and the recovery in that
    /// call, which --recovery then filters by.
    List {
        /// Only the codes this interface can return, with the recovery in that call.
        #[arg(long, value_parser = interfaces())]
        interface: Option<Interface>,
        /// Only codes of this category (by range).
        #[arg(long, value_parser = values(Category::ALL, |c| format!("codes {}", ranges(c).join(", "))))]
        category: Option<Category>,
        /// Only codes with this recovery advice (in the --interface call, if given).
        #[arg(long, value_parser = values(Recovery::ALL, |r| r.advice_en().into()))]
        recovery: Option<Recovery>,
        /// Output format; the json records are those of `export --format json`.
        #[arg(long, value_enum, default_value_t = ListFormat::Text)]
        format: ListFormat,
    },
    /// Find codes by digits (2030), name, SDK constant, message or cause, in any case.
    Search {
        /// Text to look for: part of a code, a name, a constant or a message.
        #[arg(value_name = "TEXT")]
        text: String,
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
        input: Option<std::ffi::OsString>,
        /// The interface that sent the reply: a success must then carry that
        /// interface's fields, and an error is judged in that call (whether the
        /// interface declares the code, the recovery there).
        #[arg(long, value_parser = interfaces())]
        interface: Option<Interface>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ExplainFormat::Text)]
        format: ExplainFormat,
    },
    /// Export the whole mapping for other languages: codes (both languages),
    /// interfaces with their codes, evidence and overrides; or the interfaces as
    /// an OpenAPI 3.1 document, the one description of their request and reply
    /// bodies.
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

impl Command {
    /// The commands that print no text in a language, and refuse `--lang`.
    pub fn name_without_lang(&self) -> Option<&'static str> {
        match self {
            Command::Export { .. } => Some("export"),
            Command::Completions { .. } => Some("completions"),
            Command::Man => Some("man"),
            _ => None,
        }
    }
}

#[derive(Copy, Clone, PartialEq, Eq, ValueEnum)]
pub enum ExplainFormat {
    /// Labelled lines for people, in the chosen language.
    Text,
    /// One JSON document with stable keys, both languages.
    Json,
}

#[derive(Copy, Clone, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    /// One aligned line per code, in the chosen language.
    Text,
    /// A Markdown table, both languages.
    Markdown,
    /// An array of the records of `export --format json`.
    Json,
    /// A header line, then one line per code; causes joined by ` | `.
    Tsv,
}

#[derive(Copy, Clone, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// One document: format version, categories, recoveries, evidence, codes,
    /// and interfaces with the names of their body schemas in the OpenAPI document.
    Json,
    /// A TypeScript module: the codes, their details, the interfaces with their
    /// codes, and lookups (the body types: from the OpenAPI document).
    Typescript,
    /// An OpenAPI 3.1 document of the 16 interfaces: paths, query parameters,
    /// request and reply schemas, and each interface's error codes.
    Openapi,
}

/// The names of a vocabulary of the library, each with its `help` in `--help`.
fn values<T>(all: &[T], help: fn(T) -> String) -> impl TypedValueParser<Value = T>
where
    T: Copy + Into<&'static str> + std::str::FromStr<Err = ParseNameError> + Send + Sync + 'static,
{
    let values = (all.iter()).map(|&value| PossibleValue::new(value.into()).help(help(value)));
    PossibleValuesParser::new(values).try_map(|name| name.parse::<T>())
}

/// The interface names, each with its purpose in `--help`.
fn interfaces() -> impl TypedValueParser<Value = Interface> {
    values(&Interface::ALL, |i| i.purpose().into())
}

/// clap's own "unrecognized subcommand … a similar subcommand exists" for a
/// first word that names no code but looks like a command (`lst`, `serach`).
/// clap cannot tell by itself: the shorthand `liveroom-errors CODE_OR_NAME`
/// takes any word. Its measure and threshold are clap's (Jaro above 0.7).
pub fn mistyped_command(cli: &Cli) -> Option<clap::Error> {
    let word = cli.codes.first().filter(|_| cli.command.is_none())?;
    if !matches!(word.parse::<ErrorCode>(), Err(ParseCodeError::UnknownName)) {
        return None;
    }
    let mut command = Cli::command();
    command.build(); // adds `help`
    let mut similar: Vec<(f64, String)> = Vec::new();
    for name in command.get_subcommands().map(|sub| sub.get_name()) {
        let confidence = strsim::jaro(word, name);
        if confidence > 0.7 {
            similar.push((confidence, name.to_owned()));
        }
    }
    similar.sort_by(|a, b| b.0.total_cmp(&a.0));
    let names: Vec<String> = similar.into_iter().map(|(_, name)| name).collect();
    if names.is_empty() {
        return None;
    }
    let usage = command.render_usage();
    let mut error = clap::Error::new(ErrorKind::InvalidSubcommand).with_cmd(&command);
    error.insert(Kind::InvalidSubcommand, Value::String(word.clone()));
    error.insert(Kind::SuggestedSubcommand, Value::Strings(names));
    error.insert(Kind::Usage, Value::StyledStr(usage));
    Some(error)
}

/// The man page: clap's sections, with the environment and the exit statuses
/// in sections of their own before VERSION (clap_mangen would put the
/// closing help text under EXTRA).
pub fn man_page() -> std::io::Result<String> {
    let command = Cli::command()
        .after_help(None::<&str>)
        .after_long_help(None::<&str>);
    let mut page = Vec::new();
    clap_mangen::Man::new(command).render(&mut page)?;
    let mut page = String::from_utf8(page).map_err(std::io::Error::other)?;
    let sections =
        roff_section("ENVIRONMENT", &ENVIRONMENT) + &roff_section("\"EXIT STATUS\"", &EXIT_STATUS);
    let at = page.find(".SH VERSION").unwrap_or(page.len());
    page.insert_str(at, &sections);
    Ok(page)
}

/// One man page section of tagged paragraphs: `.TP`, the term in bold, its text.
fn roff_section(title: &str, entries: &[(&str, &str)]) -> String {
    // `\` and `-` are roff's own; none of our lines starts with `.` or `'`.
    let escape = |text: &str| text.replace('\\', "\\e").replace('-', "\\-");
    let mut roff = format!(".SH {title}\n");
    for (term, text) in entries {
        roff += &format!(
            ".TP\n\\fB{}\\fR\n{}\n",
            escape(term),
            escape(&text.replace('\n', " "))
        );
    }
    roff
}
