//! Where bank and rubric files come from: the built-in default bank embedded in the binary, and
//! files or folders named on the command line. Reading is defensive: size, encoding and
//! emptiness are checked before any parsing.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use super::problem::{Location, Problem, ProblemKind};

/// The largest bank or rubric file viva reads. The whole default bank is far smaller; a larger
/// file is almost certainly not a bank.
pub const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;

/// The path prefix of files embedded in the binary.
pub const BUILTIN_PREFIX: &str = "<built-in>/";

const BUILTIN_FILES: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/default_bank.rs"));

/// Which banks and rubrics to load.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BankSources {
    /// Returns true if and only if the built-in default bank is loaded.
    pub use_default: bool,
    /// Bank files or folders (`--bank`).
    pub banks: Vec<PathBuf>,
    /// Rubric files or folders (`--rubrics`).
    pub rubrics: Vec<PathBuf>,
}

impl Default for BankSources {
    fn default() -> Self {
        BankSources {
            use_default: true,
            banks: Vec::new(),
            rubrics: Vec::new(),
        }
    }
}

/// One file to load: its name for messages and its text.
#[derive(Clone, Debug)]
pub(crate) struct SourceFile {
    /// The path as shown to the user.
    pub(crate) name: String,
    /// The file's text.
    pub(crate) text: String,
    /// Returns true if and only if the file is part of the built-in bank.
    pub(crate) is_builtin: bool,
}

/// Reads every file of `sources`; unreadable ones become problems.
pub(crate) fn collect(sources: &BankSources) -> (Vec<SourceFile>, Vec<Problem>) {
    let mut problems = Vec::new();
    let mut paths: Vec<PathBuf> = Vec::new();
    for bank in &sources.banks {
        expand_bank(bank, &mut paths, &mut problems);
    }
    for rubrics in &sources.rubrics {
        expand_folder(rubrics, &mut paths, &mut problems);
    }
    let mut seen = std::collections::HashSet::new();
    paths.retain(|path| seen.insert(fs::canonicalize(path).unwrap_or_else(|_| path.clone())));

    let mut files = Vec::new();
    if sources.use_default {
        // A user file named like a built-in one (`question_banks/gil.ron`) takes its place: that
        // is how an edited copy of a built-in topic is loaded instead of the original.
        for (name, text) in BUILTIN_FILES {
            let shadowed = paths.iter().any(|path| path.ends_with(name));
            if !shadowed {
                files.push(SourceFile {
                    name: format!("{BUILTIN_PREFIX}{name}"),
                    text: (*text).to_owned(),
                    is_builtin: true,
                });
            }
        }
    }
    for path in paths {
        match read(&path) {
            Ok(text) => files.push(SourceFile {
                name: display(&path),
                text,
                is_builtin: false,
            }),
            Err(problem) => problems.push(problem),
        }
    }
    (files, problems)
}

/// The built-in files, as (relative path, text).
pub fn builtin_files() -> &'static [(&'static str, &'static str)] {
    BUILTIN_FILES
}

fn display(path: &Path) -> String {
    path.display().to_string()
}

/// A bank path: a file; a folder with `question_banks/` (and `rubrics/`) inside; or a folder of
/// bank files, whose sibling `rubrics/` folder comes along.
fn expand_bank(path: &Path, out: &mut Vec<PathBuf>, problems: &mut Vec<Problem>) {
    if path.is_dir() {
        let banks = path.join("question_banks");
        if banks.is_dir() {
            expand_folder(&banks, out, problems);
            let rubrics = path.join("rubrics");
            if rubrics.is_dir() {
                expand_folder(&rubrics, out, problems);
            }
            return;
        }
        expand_folder(path, out, problems);
        if let Some(parent) = path.parent() {
            let rubrics = parent.join("rubrics");
            let is_self = fs::canonicalize(&rubrics).ok() == fs::canonicalize(path).ok();
            if rubrics.is_dir() && !is_self {
                expand_folder(&rubrics, out, problems);
            }
        }
    } else {
        expand_folder(path, out, problems);
    }
}

/// A file as is, or the `.ron` files of a folder in name order.
fn expand_folder(path: &Path, out: &mut Vec<PathBuf>, problems: &mut Vec<Problem>) {
    if path.is_file() {
        out.push(path.to_owned());
        return;
    }
    if !path.is_dir() {
        problems.push(Problem {
            location: Location::file(display(path)),
            kind: ProblemKind::Missing,
        });
        return;
    }
    let entries = match fs::read_dir(path) {
        Ok(entries) => entries,
        Err(error) => {
            problems.push(Problem {
                location: Location::file(display(path)),
                kind: ProblemKind::Unreadable(error.to_string()),
            });
            return;
        }
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|p| p.extension().is_some_and(|ext| ext == "ron") && p.is_file())
        .collect();
    files.sort();
    if files.is_empty() {
        problems.push(Problem {
            location: Location::file(display(path)),
            kind: ProblemKind::NoFiles,
        });
    }
    out.extend(files);
}

/// Reads a file as UTF-8 text within [`MAX_FILE_BYTES`].
fn read(path: &Path) -> Result<String, Problem> {
    let name = display(path);
    let unreadable = |error: std::io::Error| Problem {
        location: Location::file(name.clone()),
        kind: ProblemKind::Unreadable(error.to_string()),
    };
    let file = fs::File::open(path).map_err(unreadable)?;
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(unreadable)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        let size = fs::metadata(path)
            .map(|m| m.len())
            .unwrap_or(bytes.len() as u64);
        return Err(Problem {
            location: Location::file(name),
            kind: ProblemKind::TooBig {
                bytes: size,
                limit: MAX_FILE_BYTES,
            },
        });
    }
    String::from_utf8(bytes).map_err(|error| {
        let valid = &error.as_bytes()[..error.utf8_error().valid_up_to()];
        let valid = std::str::from_utf8(valid).unwrap_or_default();
        let line = valid.matches('\n').count() + 1;
        let column = valid.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        Problem {
            location: Location::at(name, line, column),
            kind: ProblemKind::NotUtf8,
        }
    })
}
