//! viva: offline mock technical interviews for Python backend developers, graded against
//! keyword rubrics.
//!
//! The pieces: [`bank`] loads question banks and rubrics and validates them; [`grading`] turns
//! an answer into a score with its reasons; [`commands`] implements each subcommand over those;
//! [`cli`] is the command line and the only module that knows clap.

pub mod authoring;
pub mod bank;
pub mod cli;
pub mod commands;
pub mod error;
pub mod grading;
pub mod history;
pub mod lang;
pub mod notes;
pub mod report;
pub mod schedule;
pub mod session;
pub mod storage;
pub mod terminal;

use std::ffi::OsString;
use std::io::Write;
use std::process::ExitCode;

pub use error::{Error, Result};

/// Runs viva with the given command line and returns the process exit code: 0 on success,
/// 1 when the input was wrong or a check failed, 2 on a usage error.
pub fn run<I, T>(args: I) -> ExitCode
where
    I: IntoIterator<Item = T>,
    T: Into<OsString>,
{
    match cli::run(args.into_iter().map(Into::into)) {
        Err(clap_error) => {
            // Clap prints help and version to stdout (exit 0) and usage errors to stderr (exit 2).
            let _ = clap_error.print();
            ExitCode::from(clap_error.exit_code() as u8)
        }
        Ok(Ok(())) => ExitCode::SUCCESS,
        Ok(Err(error)) if error.is_broken_pipe() => ExitCode::SUCCESS,
        Ok(Err(error)) => {
            let stderr = std::io::stderr();
            let mut stderr = stderr.lock();
            if let Error::InvalidBank(problems) = &error {
                for problem in problems {
                    let _ = writeln!(stderr, "{}", terminal::sanitize(&problem.to_string()));
                }
            }
            let _ = writeln!(stderr, "viva: {}", terminal::sanitize(&error.to_string()));
            ExitCode::from(error.exit_code())
        }
    }
}
