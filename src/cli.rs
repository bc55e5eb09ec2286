//! The command line: clap's types, their conversion into plain options, and dispatch to the
//! commands. This is the only module that knows clap.

use std::ffi::OsString;
use std::io::{self, BufReader, IsTerminal, Read, Write};
use std::path::PathBuf;

use clap::{Args, CommandFactory, Parser, Subcommand};

use std::time::Duration;

use chrono::NaiveDate;

use crate::bank::{BankSources, TopicId};
use crate::commands;
use crate::error::{Error, Result};
use crate::lang::Lang;
use crate::storage::{Mode, Style};
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
    /// Run an interview session (interactive in a terminal, or from --script / piped stdin).
    Start(StartArgs),
    /// Continue the latest unfinished session, or the one named.
    Resume(ResumeArgs),
    /// Grade one answer, or a batch of answers in JSON Lines.
    Grade(GradeArgs),
    /// Weak areas, trends and what to study, across all saved sessions.
    Report(ReportArgs),
    /// List the saved sessions.
    History {
        /// Only this candidate's sessions.
        #[arg(long, value_name = "NAME")]
        candidate: Option<String>,
    },
    /// Read a topic's brief, questions, model answers and key points; without a topic, list
    /// the topics with your standing, weakest first.
    Study {
        /// Topic ids (`viva topics`).
        topics: Vec<String>,
        /// Language.
        #[arg(long, default_value = "ru", value_parser = parse_lang)]
        lang: Lang,
        /// Output format.
        #[arg(long, value_enum, default_value_t = TextFormatArg::Text)]
        format: TextFormatArg,
        /// Whose standing to show [default: $USER].
        #[arg(long, value_name = "NAME")]
        candidate: Option<String>,
    },
    /// The mentor notebook: open doubts, grouped by topic.
    Notes {
        #[command(subcommand)]
        command: Option<NotesCommand>,
        /// Output format of the list.
        #[arg(long, value_enum, default_value_t = TextFormatArg::Text)]
        format: TextFormatArg,
        /// Include closed notes.
        #[arg(long)]
        all: bool,
        /// Whose notebook [default: $USER].
        #[arg(long, value_name = "NAME", global = true)]
        candidate: Option<String>,
        /// Language of headings.
        #[arg(long, default_value = "ru", value_parser = parse_lang, global = true)]
        lang: Lang,
    },
    /// Write the interviewer-reviewed answers of saved sessions as graded answers (JSON Lines
    /// for `viva bank test`).
    ExportGraded {
        /// Only this candidate's sessions.
        #[arg(long, value_name = "NAME")]
        candidate: Option<String>,
        /// Write to FILE instead of standard output.
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Show one session: every answer and its feedback.
    Show {
        /// The session id (see `viva history`).
        session: String,
    },
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

/// Question choice, as typed on the command line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
enum ModeArg {
    /// Weak and due topics first, from your history.
    Adaptive,
    /// At random.
    Random,
    /// In bank order.
    Sequential,
}

#[derive(Debug, Args)]
struct StartArgs {
    /// Number of questions.
    #[arg(long, default_value_t = 5, value_parser = clap::value_parser!(u32).range(1..=200))]
    count: u32,
    /// Ask only about this topic (repeatable); `viva topics` lists them.
    #[arg(long = "topic", value_name = "ID")]
    topics: Vec<String>,
    /// Time per question, e.g. `90s`, `2m`, `1m30s`.
    #[arg(long, value_name = "DURATION", value_parser = parse_duration)]
    time_limit: Option<Duration>,
    /// Time for the whole session; no new question is asked after it.
    #[arg(long, value_name = "DURATION", value_parser = parse_duration)]
    total_time: Option<Duration>,
    /// Language of the questions.
    #[arg(long, default_value = "ru", value_parser = parse_lang)]
    lang: Lang,
    /// Seed for a reproducible question order.
    #[arg(long)]
    seed: Option<u64>,
    /// How questions are chosen.
    #[arg(long, value_enum, default_value_t = ModeArg::Adaptive)]
    mode: ModeArg,
    /// Whose history this is [default: $USER].
    #[arg(long, value_name = "NAME")]
    candidate: Option<String>,
    /// Read answers from FILE (`-` for stdin): answers separated by lines holding `---`.
    #[arg(long, value_name = "FILE")]
    script: Option<PathBuf>,
    /// Feedback after every answer.
    #[arg(long, conflicts_with = "interview")]
    practice: bool,
    /// Feedback only at the end, like a real interview (the default).
    #[arg(long)]
    interview: bool,
    /// Never ask follow-up questions about missed points.
    #[arg(long)]
    no_follow_ups: bool,
    /// Interviewer mode: after each answer, see the rubric checklist and the suggested score,
    /// accept it with Enter or type your own, and add a note.
    #[arg(long)]
    interviewer: bool,
}

#[derive(Debug, Args)]
struct ResumeArgs {
    /// The session id (see `viva history`); the latest unfinished one when omitted.
    session: Option<String>,
    /// Whose latest session to continue [default: $USER].
    #[arg(long, value_name = "NAME")]
    candidate: Option<String>,
    /// Read answers from FILE (`-` for stdin).
    #[arg(long, value_name = "FILE")]
    script: Option<PathBuf>,
    /// Never ask follow-up questions about missed points.
    #[arg(long)]
    no_follow_ups: bool,
}

/// Text or Markdown, as typed on the command line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
enum TextFormatArg {
    /// Text for the terminal.
    Text,
    /// Markdown.
    Md,
}

#[derive(Debug, Subcommand)]
enum NotesCommand {
    /// Write down a doubt.
    Add {
        /// The doubt.
        text: Vec<String>,
        /// The topic it is about.
        #[arg(long, value_name = "ID")]
        topic: Option<String>,
    },
    /// Close note N.
    Done {
        /// The note's number.
        id: u32,
    },
}

/// Report formats, as typed on the command line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
enum FormatArg {
    /// Tables for the terminal.
    Table,
    /// Markdown.
    Md,
    /// JSON.
    Json,
    /// A self-contained HTML page with charts.
    Html,
}

#[derive(Debug, Args)]
struct ReportArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = FormatArg::Table)]
    format: FormatArg,
    /// Only this candidate's sessions.
    #[arg(long, value_name = "NAME")]
    candidate: Option<String>,
    /// Only sessions since this day (YYYY-MM-DD).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    since: Option<NaiveDate>,
    /// Only this topic (repeatable).
    #[arg(long = "topic", value_name = "ID")]
    topics: Vec<String>,
    /// Only the last N sessions.
    #[arg(long, value_name = "N")]
    last: Option<usize>,
    /// Your interview date (YYYY-MM-DD): no review is scheduled after it.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    until: Option<NaiveDate>,
    /// Language of titles and key points.
    #[arg(long, default_value = "ru", value_parser = parse_lang)]
    lang: Lang,
    /// Write to FILE instead of standard output.
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
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
    /// Measure how well the rubrics agree with an interviewer's grades.
    Test {
        /// JSON Lines `{"question", "answer", "score"}` (an `"id"` is optional).
        #[arg(long, value_name = "FILE")]
        answers: PathBuf,
        /// Print the result as one JSON object.
        #[arg(long)]
        json: bool,
        /// Fail (exit 1) when Pearson's r is below this.
        #[arg(long, value_name = "R")]
        min_r: Option<f64>,
        /// Fail when the share of answers in the same band is below this (0-1).
        #[arg(long, value_name = "SHARE")]
        min_band_agreement: Option<f64>,
        /// Fail when the mean absolute error is above this.
        #[arg(long, value_name = "POINTS")]
        max_mae: Option<f64>,
        /// How many of the worst disagreements to show.
        #[arg(long, default_value_t = 10)]
        worst: usize,
    },
    /// Create a bank folder with an example topic and rubric to edit.
    New {
        /// The folder to create.
        name: PathBuf,
    },
    /// Turn a Markdown topic list into a bank and a rubric skeleton.
    ImportMd {
        /// The Markdown file (`##` sections, bullets, question lines).
        file: PathBuf,
        /// The folder to write `question_banks/` and `rubrics/` into.
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
    },
    /// Warn about rubrics that load but grade poorly (weak model answers, generic terms, ...).
    Lint {
        /// Exit with status 1 when there is any warning.
        #[arg(long)]
        deny_warnings: bool,
        /// Graded answers (as for `bank test`) that join the model answers in finding terms
        /// too generic for their topic.
        #[arg(long, value_name = "FILE")]
        answers: Option<PathBuf>,
    },
}

fn parse_lang(value: &str) -> std::result::Result<Lang, String> {
    value
        .parse()
        .map_err(|e: crate::lang::UnknownLang| e.to_string())
}

/// The current time, or `VIVA_NOW` (RFC 3339) when set, so that reports and their tests can be
/// reproduced exactly.
fn now() -> Result<chrono::DateTime<chrono::Utc>> {
    match std::env::var("VIVA_NOW") {
        Ok(value) if !value.trim().is_empty() => chrono::DateTime::parse_from_rfc3339(value.trim())
            .map(|t| t.with_timezone(&chrono::Utc))
            .map_err(|_| {
                Error::Usage(format!(
                    "VIVA_NOW=`{value}` is not an RFC 3339 time such as 2026-11-25T12:00:00Z"
                ))
            }),
        _ => Ok(chrono::Utc::now()),
    }
}

/// A day written as `YYYY-MM-DD`.
fn parse_date(value: &str) -> std::result::Result<NaiveDate, String> {
    NaiveDate::parse_from_str(value.trim(), "%Y-%m-%d")
        .map_err(|_| format!("`{value}` is not a date; write it as YYYY-MM-DD, e.g. 2026-12-01"))
}

/// A duration such as `90s`, `2m`, `1m30s` or `1h`; a bare number is seconds.
fn parse_duration(value: &str) -> std::result::Result<Duration, String> {
    let value = value.trim();
    let duration = match value.parse::<u64>() {
        Ok(seconds) => Duration::from_secs(seconds),
        Err(_) => humantime::parse_duration(value).map_err(|e| {
            format!("`{value}` is not a duration ({e}); write e.g. `90s`, `2m` or `1m30s`")
        })?,
    };
    if duration.is_zero() {
        return Err("a time limit must be longer than zero".to_owned());
    }
    if duration > Duration::from_secs(24 * 3600) {
        return Err("a time limit longer than a day makes no sense".to_owned());
    }
    Ok(duration)
}

/// The candidate: `--candidate`, else `$USER`, else "candidate".
fn candidate(name: Option<String>) -> String {
    name.or_else(|| std::env::var("USER").ok())
        .map(|n| n.trim().to_owned())
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| "candidate".to_owned())
}

/// The sessions folder: `--sessions-dir` / `VIVA_SESSIONS_DIR`, else the platform data folder.
fn sessions_dir(given: Option<PathBuf>) -> Result<PathBuf> {
    if let Some(dir) = given {
        return Ok(dir);
    }
    directories::BaseDirs::new()
        .map(|dirs| dirs.data_dir().join("viva").join("sessions"))
        .ok_or_else(|| Error::Usage("cannot find your home folder: pass --sessions-dir".to_owned()))
}

/// A number that differs between two viva processes started in the same second.
fn process_nonce() -> u32 {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    std::process::id().wrapping_mul(0x9E37_79B9) ^ nanos
}

impl StartArgs {
    fn into_command(
        self,
        global: &GlobalArgs,
        output: &Output,
    ) -> Result<commands::session::StartCommand> {
        let seed = self.seed.unwrap_or_else(|| u64::from(process_nonce()));
        Ok(commands::session::StartCommand {
            candidate: candidate(self.candidate),
            count: self.count as usize,
            topics: self
                .topics
                .iter()
                .map(|t| TopicId(t.trim().to_owned()))
                .collect(),
            time_limit: self.time_limit,
            total_time: self.total_time,
            lang: self.lang,
            seed,
            mode: match self.mode {
                ModeArg::Adaptive => Mode::Adaptive,
                ModeArg::Random => Mode::Random,
                ModeArg::Sequential => Mode::Sequential,
            },
            style: if self.practice {
                Style::Practice
            } else {
                Style::Interview
            },
            answers: commands::session::Answers::choose(self.script),
            follow_ups: !self.no_follow_ups,
            interviewer: self.interviewer,
            sessions_dir: sessions_dir(global.sessions_dir.clone())?,
            nonce: process_nonce(),
            palette: output.palette,
            width: output.width,
        })
    }
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
pub fn run(
    args: impl IntoIterator<Item = OsString>,
) -> std::result::Result<Result<()>, clap::Error> {
    let cli = Cli::try_parse_from(args)?;
    Ok(execute(cli))
}

fn execute(cli: Cli) -> Result<()> {
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let output = Output::detect();
    let sources = cli.global.sources();
    let result = match cli.command {
        Command::Start(args) => args
            .into_command(&cli.global, &output)
            .and_then(|command| commands::session::start(&sources, command, &mut out)),
        Command::Resume(args) => sessions_dir(cli.global.sessions_dir.clone()).and_then(|dir| {
            let command = commands::session::ResumeCommand {
                session: args.session,
                candidate: candidate(args.candidate),
                answers: commands::session::Answers::choose(args.script),
                follow_ups: !args.no_follow_ups,
                sessions_dir: dir,
                palette: output.palette,
                width: output.width,
            };
            commands::session::resume(&sources, command, &mut out)
        }),
        Command::Grade(args) => grade(args, &sources, &output, &mut out),
        Command::Report(args) => sessions_dir(cli.global.sessions_dir.clone()).and_then(|dir| {
            let options = commands::report::ReportOptions {
                sessions_dir: dir,
                filter: crate::report::ReportFilter {
                    candidate: args.candidate,
                    since: args.since,
                    topics: args
                        .topics
                        .iter()
                        .map(|t| TopicId(t.trim().to_owned()))
                        .collect(),
                    last: args.last,
                },
                format: match args.format {
                    FormatArg::Table => commands::report::ReportFormat::Table,
                    FormatArg::Md => commands::report::ReportFormat::Markdown,
                    FormatArg::Json => commands::report::ReportFormat::Json,
                    FormatArg::Html => commands::report::ReportFormat::Html,
                },
                out: args.out,
                lang: args.lang,
                until: args.until,
                width: output.width,
                now: now()?,
            };
            commands::report::report(&sources, &options, &mut out, &mut io::stderr())
        }),
        Command::History { candidate } => {
            sessions_dir(cli.global.sessions_dir.clone()).and_then(|dir| {
                commands::report::history(
                    &dir,
                    candidate.as_deref(),
                    output.width,
                    &mut out,
                    &mut io::stderr(),
                )
            })
        }
        Command::Study {
            topics,
            lang,
            format,
            candidate: who,
        } => {
            let options = sessions_dir(cli.global.sessions_dir.clone()).and_then(|dir| {
                Ok(commands::study::StudyOptions {
                    topics: topics
                        .iter()
                        .map(|t| TopicId(t.trim().to_owned()))
                        .collect(),
                    lang,
                    format: match format {
                        TextFormatArg::Text => commands::study::StudyFormat::Text,
                        TextFormatArg::Md => commands::study::StudyFormat::Markdown,
                    },
                    candidate: candidate(who),
                    sessions_dir: dir,
                    width: output.width,
                    now: now()?,
                })
            });
            options.and_then(|options| {
                commands::study::study(&sources, &options, &mut out, &mut io::stderr())
            })
        }
        Command::Notes {
            command,
            format,
            all,
            candidate: who,
            lang,
        } => {
            let action = match command {
                None => commands::study::NotesAction::List {
                    all,
                    markdown: format == TextFormatArg::Md,
                },
                Some(NotesCommand::Add { text, topic }) => commands::study::NotesAction::Add {
                    text: text.join(" "),
                    topic: topic.map(|t| TopicId(t.trim().to_owned())),
                },
                Some(NotesCommand::Done { id }) => commands::study::NotesAction::Done { id },
            };
            sessions_dir(cli.global.sessions_dir.clone()).and_then(|dir| {
                commands::study::notes(
                    &sources,
                    &dir,
                    &candidate(who),
                    action,
                    lang,
                    now()?,
                    &mut out,
                )
            })
        }
        Command::ExportGraded {
            candidate: who,
            out: file,
        } => sessions_dir(cli.global.sessions_dir.clone()).and_then(|dir| {
            commands::report::export_graded(
                &dir,
                who.as_deref(),
                file.as_deref(),
                &mut out,
                &mut io::stderr(),
            )
        }),
        Command::Show { session } => {
            sessions_dir(cli.global.sessions_dir.clone()).and_then(|dir| {
                commands::report::show(
                    &sources,
                    &dir,
                    &session,
                    output.palette,
                    output.width,
                    &mut out,
                    &mut io::stderr(),
                )
            })
        }
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
            BankCommand::Test {
                answers,
                json,
                min_r,
                min_band_agreement,
                max_mae,
                worst,
            } => {
                let options = commands::bank::TestOptions {
                    answers,
                    json,
                    min_r,
                    min_band_agreement,
                    max_mae,
                    worst,
                    width: output.width,
                };
                commands::bank::test(&sources, &options, &mut out)
            }
            BankCommand::New { name } => commands::bank::new_bank(&name, &mut out),
            BankCommand::ImportMd { file, out: dir } => {
                commands::bank::import_md(&file, &dir, &mut out)
            }
            BankCommand::Lint {
                deny_warnings,
                answers,
            } => commands::bank::lint(&sources, answers.as_deref(), deny_warnings, &mut out),
        },
        Command::Completions { shell } => {
            clap_complete::generate(shell, &mut Cli::command(), "viva", &mut out);
            Ok(())
        }
    };
    let flushed = out.flush().map_err(Error::from);
    result.and(flushed)
}

fn grade(
    args: GradeArgs,
    sources: &BankSources,
    output: &Output,
    out: &mut dyn Write,
) -> Result<()> {
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
    fn durations_read_like_people_write_them() {
        assert_eq!(parse_duration("90s"), Ok(Duration::from_secs(90)));
        assert_eq!(parse_duration("2m"), Ok(Duration::from_secs(120)));
        assert_eq!(parse_duration("1m30s"), Ok(Duration::from_secs(90)));
        assert_eq!(parse_duration("45"), Ok(Duration::from_secs(45)));
        assert!(parse_duration("0s").is_err());
        assert!(parse_duration("soon").is_err());
        assert!(parse_duration("400h").is_err());
    }

    #[test]
    fn practice_and_interview_exclude_each_other() {
        assert!(parse(&["start", "--practice", "--interview"]).is_err());
        assert!(parse(&["start", "--count", "0"]).is_err());
    }

    #[test]
    fn start_options_convert_to_a_plain_command() -> Result<()> {
        let cli = parse(&[
            "start",
            "--practice",
            "--topic",
            "gil",
            "--seed",
            "7",
            "--candidate",
            "  ann ",
            "--sessions-dir",
            "/tmp/s",
            "--script",
            "a.txt",
        ])
        .map_err(|e| Error::Usage(e.to_string()))?;
        let Command::Start(args) = cli.command else {
            return Err(Error::Usage("not start".into()));
        };
        let output = Output {
            palette: Palette::new(false),
            width: 80,
        };
        let command = args.into_command(&cli.global, &output)?;
        assert_eq!(command.style, Style::Practice);
        assert_eq!(command.seed, 7);
        assert_eq!(command.candidate, "ann");
        assert_eq!(command.topics, [TopicId("gil".into())]);
        assert_eq!(command.sessions_dir, PathBuf::from("/tmp/s"));
        assert_eq!(
            command.answers,
            commands::session::Answers::Script("a.txt".into())
        );
        Ok(())
    }

    #[test]
    fn the_command_line_is_consistent() {
        Cli::command().debug_assert();
    }
}
