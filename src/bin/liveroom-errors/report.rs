//! Where output goes: results to standard output through [`Out`], which turns a
//! closed pipe into a quiet end and any other write error into a [`Problem`];
//! every problem to standard error in one format, as cargo writes them:
//! `error: …` and then any `help: …` lines.

use std::io::{self, Write};
use std::process::ExitCode;

use crate::escape;

/// The outcome of a command, as the process's exit status.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
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
        ExitCode::from(match outcome {
            Outcome::Found => 0,
            Outcome::NotFound => 1,
            Outcome::BadInput => 2,
        })
    }
}

/// A warning on standard error, in the same format as errors (`warning: …`).
pub fn warn(message: &str) {
    let text = format!("warning: {}\n", escape::sanitize(message));
    let _ = io::stderr().lock().write_all(text.as_bytes());
}

/// One error message: a line of what went wrong, then lines of what to do.
#[derive(Debug)]
pub struct Problem {
    message: String,
    help: Vec<String>,
}

impl Problem {
    pub fn new(message: impl Into<String>) -> Self {
        Problem {
            message: message.into(),
            help: Vec::new(),
        }
    }

    pub fn help(mut self, line: impl Into<String>) -> Self {
        self.help.push(line.into());
        self
    }

    /// Writes the problem to standard error, escaped (it may echo input). A
    /// failing standard error has nowhere to be reported, so it is ignored.
    pub fn print(&self) {
        let mut text = format!("error: {}\n", escape::sanitize(&self.message));
        for line in &self.help {
            text.push_str(&format!("help: {}\n", escape::sanitize(line)));
        }
        let _ = io::stderr().lock().write_all(text.as_bytes());
    }

    /// A clap usage error in the same format: its first line is the message,
    /// every later line (possible values, tips, usage) a `help:` line.
    pub fn from_clap(error: &clap::Error) -> Self {
        let rendered = error.render().to_string();
        let mut lines = rendered.lines().map(str::trim).filter(|l| !l.is_empty());
        let first = lines.next().unwrap_or("bad usage");
        let mut message = first
            .strip_prefix("error:")
            .unwrap_or(first)
            .trim()
            .to_owned();
        // "the following required arguments were not provided:" lists them on the next lines.
        let mut lines = lines.peekable();
        if message.ends_with(':') {
            let names: Vec<&str> =
                std::iter::from_fn(|| lines.next_if(|l| !l.starts_with("Usage:"))).collect();
            message = format!("{message} {}", names.join(", "));
        }
        let mut problem = Problem::new(message);
        for line in lines {
            let line = (line.strip_prefix('[').and_then(|l| l.strip_suffix(']'))).unwrap_or(line);
            let line = line.strip_prefix("tip:").unwrap_or(line).trim();
            let line = match line.strip_prefix("Usage:") {
                Some(usage) => format!("usage:{usage}"),
                None if line.starts_with("For more information") => {
                    "for more information, try '--help'".to_owned()
                }
                None if line.starts_with("liveroom-errors") => format!("usage: {line}"),
                None => line.to_owned(),
            };
            problem = problem.help(line);
        }
        problem
    }
}

/// Standard output, written in whole pieces.
pub struct Out {
    stdout: io::StdoutLock<'static>,
}

/// Why output stopped.
pub enum Stop {
    /// The reader went away (`… | head`): the command ends quietly, as ripgrep does.
    ClosedPipe,
    /// Any other write error (a full disk, …): reported, exit status 2.
    Failed(io::Error),
}

impl From<io::Error> for Stop {
    fn from(error: io::Error) -> Self {
        if error.kind() == io::ErrorKind::BrokenPipe {
            Stop::ClosedPipe
        } else {
            Stop::Failed(error)
        }
    }
}

impl Stop {
    /// The exit status, after saying what failed.
    pub fn finish(self) -> Outcome {
        match self {
            Stop::ClosedPipe => Outcome::Found,
            Stop::Failed(error) => {
                Problem::new(format!("cannot write to standard output: {error}")).print();
                Outcome::BadInput
            }
        }
    }
}

/// Why a command ended early: a problem to report (exit status 2), or output that stopped.
pub enum Fail {
    Problem(Problem),
    Stop(Stop),
}

impl From<Problem> for Fail {
    fn from(problem: Problem) -> Self {
        Fail::Problem(problem)
    }
}

impl From<Stop> for Fail {
    fn from(stop: Stop) -> Self {
        Fail::Stop(stop)
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
            Fail::Stop(stop) => stop.finish(),
        }
    }
}

impl Out {
    pub fn new() -> Self {
        Out {
            stdout: io::stdout().lock(),
        }
    }

    pub fn print(&mut self, text: &str) -> Result<(), Stop> {
        Ok(self.stdout.write_all(text.as_bytes())?)
    }

    pub fn flush(&mut self) -> Result<(), Stop> {
        Ok(self.stdout.flush()?)
    }
}
