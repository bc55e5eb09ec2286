//! The errors viva reports, and the one place that turns them into exit codes.

use std::io;
use std::path::PathBuf;

use crate::bank::Problem;

/// Everything that can end a viva command unsuccessfully.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The loaded banks have problems; each is printed on its own line.
    #[error("{}", problem_summary(.0))]
    InvalidBank(Vec<Problem>),
    /// A question id that no loaded bank has.
    #[error("unknown question `{0}`; `viva bank list --json` lists the ids")]
    UnknownQuestion(String),
    /// A topic id that no loaded bank has.
    #[error("unknown topic `{0}`; `viva topics` lists them")]
    UnknownTopic(String),
    /// A question without a rubric cannot be graded.
    #[error("question `{0}` has no rubric to grade against")]
    NoRubric(String),
    /// Standard input held bytes that are not UTF-8.
    #[error("the answer on standard input is not UTF-8 text")]
    StdinNotUtf8,
    /// A file could not be read.
    #[error("cannot read `{}`: {source}", .path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        source: io::Error,
    },
    /// Some lines of a batch could not be graded; each got an error object in the output.
    #[error(
        "{count} of {total} lines of the batch could not be graded (see their \"error\" fields)"
    )]
    BatchLines {
        /// How many lines failed.
        count: usize,
        /// How many lines there were.
        total: usize,
    },
    /// `viva bank test` fell below a threshold.
    #[error("the rubrics disagree with the graded answers: {0}")]
    Calibration(String),
    /// `viva bank lint --deny-warnings` found warnings.
    #[error("{} found (--deny-warnings)", count(*.0, "lint warning", "lint warnings"))]
    LintWarnings(usize),
    /// A script (or piped input) without any answer.
    #[error("{0} holds no answers: write one answer per block, blocks separated by lines of `---`")]
    EmptyScript(String),
    /// A script file that is not UTF-8.
    #[error("the script `{}` is not UTF-8 text", .0.display())]
    ScriptNotUtf8(PathBuf),
    /// A file viva would create exists already.
    #[error("`{}` exists already; viva does not overwrite it", .0.display())]
    WouldOverwrite(PathBuf),
    /// A text file that is not UTF-8.
    #[error("`{}` is not UTF-8 text", .0.display())]
    NotUtf8(PathBuf),
    /// A Markdown file without any `##` section.
    #[error("`{}` has no `##` section with a question to import", .0.display())]
    NothingToImport(PathBuf),
    /// The session store failed.
    #[error(transparent)]
    Store(#[from] crate::storage::StoreError),
    /// The notebook failed.
    #[error(transparent)]
    Notes(#[from] crate::notes::NotesError),
    /// A session could not run.
    #[error(transparent)]
    Session(#[from] crate::session::SessionError),
    /// A session ran but its record could not be written to the sessions folder.
    #[error("the session could not be saved in `{}`{}", .dir.display(), match .rescued {
        Some(path) => format!("; it was saved to `{}` instead", path.display()),
        None => ": its answers are only in the output above".to_owned(),
    })]
    NotSavedInFolder {
        /// The sessions folder.
        dir: PathBuf,
        /// Where the record went instead.
        rescued: Option<PathBuf>,
    },
    /// `viva resume` found nothing to continue.
    #[error("`{0}` has no unfinished session to resume; start one with `viva start`")]
    NothingToResume(String),
    /// `viva resume` named a finished session.
    #[error("session `{0}` is already complete")]
    SessionFinished(String),
    /// Command-line values that parse but make no sense together.
    #[error("{0}")]
    Usage(String),
    /// Writing a file failed.
    #[error("cannot write `{}`: {source}", .path.display())]
    Write {
        /// The file.
        path: PathBuf,
        /// Why.
        source: io::Error,
    },
    /// Writing output failed.
    #[error("cannot write the output: {0}")]
    Output(#[from] io::Error),
}

impl Error {
    /// The process exit code: 2 for usage errors (as clap's own), 1 for everything else.
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Usage(_) => 2,
            _ => 1,
        }
    }

    /// Returns true if and only if the error is a closed pipe on output (`viva ... | head`),
    /// which is not a failure.
    pub fn is_broken_pipe(&self) -> bool {
        matches!(self, Error::Output(e) if e.kind() == io::ErrorKind::BrokenPipe)
    }
}

fn problem_summary(problems: &[Problem]) -> String {
    let files: std::collections::BTreeSet<&str> =
        problems.iter().map(|p| p.location.path.as_str()).collect();
    format!(
        "found {} in {}",
        count(problems.len(), "problem", "problems"),
        count(files.len(), "file", "files")
    )
}

/// `n` with the right form of the noun: "1 problem", "3 problems".
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The result type of viva's library.
pub type Result<T, E = Error> = std::result::Result<T, E>;
