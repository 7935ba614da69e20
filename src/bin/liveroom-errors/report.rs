//! Where output goes: results to standard output through [`print`], which
//! turns a closed pipe into a quiet end and any other write error into a
//! [`Problem`]; every problem to standard error in one format, as cargo writes
//! them: `error: …` and then any `help: …` lines.

use std::io::{self, Write};
use std::process::ExitCode;

use crate::escape::sanitize;

/// The outcome of a command, as the process's exit status; the worst of
/// several is their maximum.
#[derive(Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Outcome {
    /// 0: everything asked for was found, or the reply was a success.
    Found,
    /// 1: a code was unknown, search found nothing, or the reply was an error.
    NotFound,
    /// 2: bad usage, input that could not be read or used, or output that could not be written.
    BadInput,
}

impl From<Outcome> for ExitCode {
    fn from(outcome: Outcome) -> ExitCode {
        ExitCode::from(outcome as u8)
    }
}

/// A failing standard error has nowhere to be reported, so it is ignored.
fn to_stderr(text: &str) {
    let _ = io::stderr().lock().write_all(text.as_bytes());
}

/// A warning on standard error, in the same format as errors (`warning: …`).
pub fn warn(message: &str) {
    to_stderr(&format!("warning: {}\n", sanitize(message)));
}

/// One error message: a line of what went wrong, then lines of what to do.
#[derive(Debug)]
pub struct Problem {
    message: String,
    help: Vec<String>,
}

impl Problem {
    pub fn new(message: impl Into<String>) -> Self {
        let (message, help) = (message.into(), Vec::new());
        Problem { message, help }
    }

    pub fn help(mut self, line: impl Into<String>) -> Self {
        self.help.push(line.into());
        self
    }

    /// Writes the problem to standard error, escaped: it may echo input.
    pub fn print(&self) {
        let mut text = format!("error: {}\n", sanitize(&self.message));
        for line in &self.help {
            text += &format!("help: {}\n", sanitize(line));
        }
        to_stderr(&text);
    }

    /// A clap usage error in the same format: its first line is the message,
    /// every later line (possible values, tips, usage) a `help:` line.
    pub fn from_clap(error: &clap::Error) -> Self {
        // `ansi()`: `to_string()` would strip escape sequences from the
        // values clap echoes, naming another value than the one given.
        let rendered = error.render().ansi().to_string();
        let mut lines = (rendered.lines().map(str::trim))
            .filter(|l| !l.is_empty())
            .peekable();
        let first = lines.next().unwrap_or("bad usage");
        let mut problem = Problem::new(first.strip_prefix("error:").unwrap_or(first).trim());
        // "the following required arguments were not provided:" lists them on the next lines.
        if problem.message.ends_with(':') {
            let names: Vec<&str> =
                std::iter::from_fn(|| lines.next_if(|l| !l.starts_with("Usage:"))).collect();
            problem.message += &format!(" {}", names.join(", "));
        }
        for line in lines {
            let line = (line.strip_prefix('[').and_then(|l| l.strip_suffix(']'))).unwrap_or(line);
            let line = line.strip_prefix("tip:").unwrap_or(line).trim();
            problem = problem.help(match line.strip_prefix("Usage:") {
                Some(usage) => format!("usage:{usage}"),
                None if line.starts_with("For more information") => {
                    "for more information, try '--help'".to_owned()
                }
                // The second line of our two-line usage.
                None if line.starts_with("liveroom-errors") => format!("usage: {line}"),
                None => line.to_owned(),
            });
        }
        problem
    }
}

/// Why a command ended early.
pub enum Fail {
    /// Reported on standard error, exit status 2.
    Problem(Problem),
    /// The reader went away (`… | head`): the command ends quietly, as ripgrep does.
    ClosedPipe,
}

impl From<Problem> for Fail {
    fn from(problem: Problem) -> Self {
        Fail::Problem(problem)
    }
}

impl Fail {
    /// The exit status, after saying what went wrong.
    pub fn finish(self) -> Outcome {
        match self {
            Fail::Problem(problem) => {
                problem.print();
                Outcome::BadInput
            }
            Fail::ClosedPipe => Outcome::Found,
        }
    }
}

/// Writes part of an answer that the exit status gives too (`decode`,
/// `explain`): a reader that went away changes nothing of the status.
pub fn print_answer(text: &str) -> Result<(), Fail> {
    match print(text) {
        Err(Fail::ClosedPipe) => Ok(()),
        other => other,
    }
}

/// Writes `text` to standard output, at once: a full disk must be an error
/// now, not a lost buffer at exit.
pub fn print(text: &str) -> Result<(), Fail> {
    let mut stdout = io::stdout().lock();
    let written = stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush());
    written.map_err(|error| match error.kind() {
        io::ErrorKind::BrokenPipe => Fail::ClosedPipe,
        _ => Problem::new(format!("cannot write to standard output: {error}")).into(),
    })
}
