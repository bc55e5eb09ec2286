//! The command line: clap's types, their conversion into plain options, and dispatch to the
//! commands. This is the only module that knows clap.

use std::ffi::OsString;
use std::io::{self, BufReader, IsTerminal, Read, Write};
use std::path::PathBuf;

use clap::{Args, CommandFactory, Parser, Subcommand};

use crate::bank::BankSources;
use crate::commands;
use crate::error::{Error, Result};
use crate::lang::Lang;
use crate::terminal::Palette;

/// viva — offline mock interviews for Python backend developers.
#[derive(Debug, Parser)]
#[command(name = "viva", version, about, long_about = None, max_term_width = 100)]
pub struct Cli {
    #[command(flatten)]
    global: GlobalArgs,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Args)]
struct GlobalArgs {
    /// A question-bank folder or file to load in addition to the built-in bank (repeatable).
    #[arg(long, global = true, value_name = "PATH")]
    bank: Vec<PathBuf>,
    /// Load only the banks given with --bank, not the built-in one.
    #[arg(long, global = true)]
    no_default_bank: bool,
    /// A rubric folder or file to load (repeatable).
    #[arg(long, global = true, value_name = "PATH")]
    rubrics: Vec<PathBuf>,
    /// Where session records live [default: ~/.local/share/viva/sessions].
    #[arg(long, global = true, value_name = "DIR", env = "VIVA_SESSIONS_DIR")]
    sessions_dir: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Grade one answer, or a batch of answers in JSON Lines.
    Grade(GradeArgs),
    /// List the topics of the loaded banks.
    Topics {
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
        /// Language of the titles.
        #[arg(long, default_value = "ru", value_parser = parse_lang)]
        lang: Lang,
    },
    /// Work with question banks and rubrics.
    Bank {
        #[command(subcommand)]
        command: BankCommand,
    },
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
}

#[derive(Debug, Args)]
struct GradeArgs {
    /// The question id, e.g. `gil.cpu-scaling`.
    #[arg(required_unless_present = "batch", conflicts_with = "batch")]
    question: Option<String>,
    /// The answer; read from standard input when omitted.
    answer: Option<String>,
    /// Print the grade as JSON.
    #[arg(long)]
    json: bool,
    /// Grade JSON Lines `{"id", "question", "answer"}` from FILE (`-` for standard input).
    #[arg(long, value_name = "FILE")]
    batch: Option<PathBuf>,
    /// Language of the explanation [default: the answer's].
    #[arg(long, value_parser = parse_lang)]
    lang: Option<Lang>,
}

#[derive(Debug, Subcommand)]
enum BankCommand {
    /// List the questions of the loaded banks.
    List {
        /// Print JSON (one object per question).
        #[arg(long)]
        json: bool,
        /// Language of the questions in the table.
        #[arg(long, default_value = "ru", value_parser = parse_lang)]
        lang: Lang,
    },
    /// Check banks and rubrics, reporting every problem as `path:line:column: message`.
    Validate {
        /// Bank or rubric files or folders to check instead of the loaded ones.
        paths: Vec<PathBuf>,
    },
    /// Warn about rubrics that load but grade poorly (weak model answers, generic terms, ...).
    Lint {
        /// Exit with status 1 when there is any warning.
        #[arg(long)]
        deny_warnings: bool,
    },
}

fn parse_lang(value: &str) -> std::result::Result<Lang, String> {
    value.parse().map_err(|e: crate::lang::UnknownLang| e.to_string())
}

impl GlobalArgs {
    fn sources(&self) -> BankSources {
        BankSources {
            use_default: !self.no_default_bank,
            banks: self.bank.clone(),
            rubrics: self.rubrics.clone(),
        }
    }
}

/// Output settings decided once from the terminal.
struct Output {
    palette: Palette,
    width: usize,
}

impl Output {
    fn detect() -> Self {
        let is_terminal = io::stdout().is_terminal();
        let width = if is_terminal {
            textwrap::termwidth().clamp(40, 100)
        } else {
            80
        };
        Output {
            palette: Palette::for_stdout(),
            width,
        }
    }
}

/// Parses `args` and runs the command. Clap's own errors (and `--help`) are returned as such
/// so that the caller prints them with clap's formatting and exit code.
pub fn run(args: impl IntoIterator<Item = OsString>) -> std::result::Result<Result<()>, clap::Error> {
    let cli = Cli::try_parse_from(args)?;
    Ok(execute(cli))
}

fn execute(cli: Cli) -> Result<()> {
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let output = Output::detect();
    let sources = cli.global.sources();
    let result = match cli.command {
        Command::Grade(args) => grade(args, &sources, &output, &mut out),
        Command::Topics { json, lang } => {
            commands::bank::topics(&sources, lang, json, output.width as u16, &mut out)
        }
        Command::Bank { command } => match command {
            BankCommand::List { json: true, .. } => commands::bank::list_json(&sources, &mut out),
            BankCommand::List { json: false, lang } => {
                commands::bank::list_table(&sources, lang, output.width as u16, &mut out)
            }
            BankCommand::Validate { paths } => {
                let sources = if paths.is_empty() {
                    sources
                } else {
                    BankSources {
                        banks: paths,
                        ..sources
                    }
                };
                commands::bank::validate(&sources, &mut out)
            }
            BankCommand::Lint { deny_warnings } => commands::bank::lint(&sources, deny_warnings, &mut out),
        },
        Command::Completions { shell } => {
            clap_complete::generate(shell, &mut Cli::command(), "viva", &mut out);
            Ok(())
        }
    };
    let flushed = out.flush().map_err(Error::from);
    result.and(flushed)
}

fn grade(args: GradeArgs, sources: &BankSources, output: &Output, out: &mut dyn Write) -> Result<()> {
    if let Some(batch) = args.batch {
        if batch.as_os_str() == "-" {
            let stdin = io::stdin();
            let mut input = stdin.lock();
            return commands::grade::grade_batch(sources, &mut input, out);
        }
        let file = std::fs::File::open(&batch).map_err(|source| Error::Read {
            path: batch.clone(),
            source,
        })?;
        return commands::grade::grade_batch(sources, &mut BufReader::new(file), out);
    }
    let question = args.question.unwrap_or_default();
    let answer = match args.answer {
        Some(answer) => answer,
        None => read_stdin()?,
    };
    let options = commands::grade::GradeOneOptions {
        question,
        answer,
        json: args.json,
        lang: args.lang,
        palette: output.palette,
        width: output.width,
    };
    commands::grade::grade_one(sources, &options, out)
}

/// The most an answer on standard input may hold: far beyond any real answer, and a guard
/// against piping a disk image in by mistake.
const MAX_STDIN_BYTES: u64 = 16 * 1024 * 1024;

fn read_stdin() -> Result<String> {
    let mut bytes = Vec::new();
    io::stdin()
        .lock()
        .take(MAX_STDIN_BYTES)
        .read_to_end(&mut bytes)
        .map_err(|source| Error::Read {
            path: "standard input".into(),
            source,
        })?;
    String::from_utf8(bytes).map_err(|_| Error::StdinNotUtf8)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> std::result::Result<Cli, clap::Error> {
        Cli::try_parse_from(std::iter::once("viva").chain(args.iter().copied()))
    }

    #[test]
    fn grade_needs_a_question_or_a_batch() {
        assert!(parse(&["grade"]).is_err());
        assert!(parse(&["grade", "gil.cpu-scaling"]).is_ok());
        assert!(parse(&["grade", "--batch", "-"]).is_ok());
        assert!(parse(&["grade", "q", "--batch", "-"]).is_err());
    }

    #[test]
    fn global_options_go_anywhere() -> std::result::Result<(), clap::Error> {
        let cli = parse(&["bank", "list", "--json", "--no-default-bank", "--bank", "x"])?;
        let sources = cli.global.sources();
        assert!(!sources.use_default);
        assert_eq!(sources.banks, [PathBuf::from("x")]);
        Ok(())
    }

    #[test]
    fn the_command_line_is_consistent() {
        Cli::command().debug_assert();
    }
}
