//! `viva start` and `viva resume`: set up a session from plain options and run it on the
//! keyboard or a script.

use std::io::{IsTerminal, Read, Write};
use std::path::PathBuf;
use std::time::Duration;

use crate::bank::{BankSources, TopicId};
use crate::error::{Error, Result};
use crate::history::History;
use crate::lang::Lang;
use crate::notes::NotesStore;
use crate::session::planner::{self, PlanOptions};
use crate::session::terminal::TerminalSource;
use crate::session::{AnswerSource, ScriptSource, SessionRunner, StartOptions, SystemClock};
use crate::storage::{Mode, RecordedOptions, SessionStore, Status, Style};
use crate::terminal::Palette;

use super::load_bank;

/// Where answers come from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Answers {
    /// The keyboard (stdin is a terminal).
    Keyboard,
    /// A script file.
    Script(PathBuf),
    /// A script piped on standard input.
    Stdin,
}

impl Answers {
    /// `--script FILE` when given; else the keyboard when stdin is a terminal; else stdin.
    pub fn choose(script: Option<PathBuf>) -> Answers {
        match script {
            Some(path) if path.as_os_str() == "-" => Answers::Stdin,
            Some(path) => Answers::Script(path),
            None if std::io::stdin().is_terminal() => Answers::Keyboard,
            None => Answers::Stdin,
        }
    }
}

/// Plain options of `viva start`.
#[derive(Clone, Debug)]
pub struct StartCommand {
    /// Whose session.
    pub candidate: String,
    /// How many questions.
    pub count: usize,
    /// Topic filter.
    pub topics: Vec<TopicId>,
    /// Per-question limit.
    pub time_limit: Option<Duration>,
    /// Whole-session limit.
    pub total_time: Option<Duration>,
    /// Question language.
    pub lang: Lang,
    /// The seed.
    pub seed: u64,
    /// How questions are chosen.
    pub mode: Mode,
    /// Interview or practice.
    pub style: Style,
    /// Where answers come from.
    pub answers: Answers,
    /// Ask follow-up questions (interactive only).
    pub follow_ups: bool,
    /// An interviewer reviews each grade.
    pub interviewer: bool,
    /// The sessions folder.
    pub sessions_dir: PathBuf,
    /// A number that differs between processes, to name files uniquely.
    pub nonce: u32,
    /// Colours.
    pub palette: Palette,
    /// Width.
    pub width: usize,
}

fn source_for(answers: &Answers, palette: Palette) -> Result<Box<dyn AnswerSource>> {
    Ok(match answers {
        Answers::Keyboard => Box::new(TerminalSource::new(palette).map_err(Error::Output)?),
        Answers::Script(path) => {
            let bytes = std::fs::read(path).map_err(|source| Error::Read {
                path: path.clone(),
                source,
            })?;
            let text = String::from_utf8(bytes).map_err(|_| Error::ScriptNotUtf8(path.clone()))?;
            non_empty(ScriptSource::new(&text), path.display().to_string())?
        }
        Answers::Stdin => {
            let mut bytes = Vec::new();
            std::io::stdin()
                .lock()
                .read_to_end(&mut bytes)
                .map_err(|source| Error::Read {
                    path: "standard input".into(),
                    source,
                })?;
            let text = String::from_utf8(bytes).map_err(|_| Error::StdinNotUtf8)?;
            non_empty(ScriptSource::new(&text), "standard input".to_owned())?
        }
    })
}

/// A script with no answer at all would start a session only to stop it: refuse it instead.
fn non_empty(script: ScriptSource, name: String) -> Result<Box<dyn AnswerSource>> {
    if script.remaining() == 0 {
        return Err(Error::EmptyScript(name));
    }
    Ok(Box::new(script))
}

/// Runs `viva start`.
pub fn start(sources: &BankSources, command: StartCommand, out: &mut dyn Write) -> Result<()> {
    let bank = load_bank(sources)?;
    for topic in &command.topics {
        if bank.topic(topic.as_str()).is_none() {
            return Err(Error::UnknownTopic(topic.to_string()));
        }
    }
    let store = SessionStore::new(&command.sessions_dir);
    let clock = SystemClock;
    let now = chrono::Utc::now();
    // History only steers the choice of questions: a folder that cannot be read leaves the
    // choice to chance, and the session itself says why it cannot save.
    let past = if command.mode == Mode::Adaptive {
        store
            .load_all()
            .map(|(sessions, _)| sessions)
            .unwrap_or_default()
    } else {
        Vec::new()
    };
    let history = History::from_sessions(&past, Some(&command.candidate));
    let plan = planner::plan(
        &bank,
        &PlanOptions {
            count: command.count,
            topics: command.topics.clone(),
            mode: command.mode,
            seed: command.seed,
        },
        &history,
        now,
    );
    let mut source = source_for(&command.answers, command.palette)?;
    let notes = NotesStore::new(&command.sessions_dir);
    let options = StartOptions {
        candidate: command.candidate.clone(),
        recorded: RecordedOptions {
            style: command.style,
            mode: command.mode,
            lang: command.lang,
            count: command.count,
            time_limit_secs: command.time_limit.map(|d| d.as_secs().max(1)),
            total_time_secs: command.total_time.map(|d| d.as_secs().max(1)),
            seed: command.seed,
            topics: command.topics.clone(),
            interviewer: command.interviewer,
        },
        plan,
        follow_ups: command.follow_ups,
    };
    let mut runner = SessionRunner {
        bank: &bank,
        store: &store,
        notes: &notes,
        clock: &clock,
        out,
        palette: command.palette,
        width: command.width,
        rescue_dir: std::env::temp_dir(),
    };
    let outcome = runner
        .start(options, source.as_mut(), command.nonce)
        .map_err(Error::Session)?;
    saved_where(&outcome, &command.sessions_dir)
}

/// Plain options of `viva resume`.
#[derive(Clone, Debug)]
pub struct ResumeCommand {
    /// The session to resume; the latest unfinished one of the candidate when None.
    pub session: Option<String>,
    /// Whose latest session to pick.
    pub candidate: String,
    /// Where answers come from.
    pub answers: Answers,
    /// Ask follow-up questions.
    pub follow_ups: bool,
    /// The sessions folder.
    pub sessions_dir: PathBuf,
    /// Colours.
    pub palette: Palette,
    /// Width.
    pub width: usize,
}

/// Runs `viva resume`.
pub fn resume(sources: &BankSources, command: ResumeCommand, out: &mut dyn Write) -> Result<()> {
    let bank = load_bank(sources)?;
    let store = SessionStore::new(&command.sessions_dir);
    let stored = match &command.session {
        Some(id) => store.load(id).map_err(Error::Store)?,
        None => {
            let (sessions, _warnings) = store.load_all().map_err(Error::Store)?;
            sessions
                .into_iter()
                .rev()
                .find(|s| {
                    s.record.candidate == command.candidate
                        && s.record.status.is_resumable()
                        && s.record.remaining().next().is_some()
                })
                .ok_or_else(|| Error::NothingToResume(command.candidate.clone()))?
        }
    };
    if stored.record.status == Status::Completed || stored.record.remaining().next().is_none() {
        return Err(Error::SessionFinished(stored.id));
    }
    let mut source = source_for(&command.answers, command.palette)?;
    let notes = NotesStore::new(&command.sessions_dir);
    let clock = SystemClock;
    let mut runner = SessionRunner {
        bank: &bank,
        store: &store,
        notes: &notes,
        clock: &clock,
        out,
        palette: command.palette,
        width: command.width,
        rescue_dir: std::env::temp_dir(),
    };
    let outcome = runner
        .resume(
            &stored.id,
            stored.record,
            command.follow_ups,
            source.as_mut(),
        )
        .map_err(Error::Session)?;
    saved_where(&outcome, &command.sessions_dir)
}

/// A session that ran but could not be saved in the sessions folder ends with status 1, so
/// scripts notice; the message says where the record went.
fn saved_where(outcome: &crate::session::SessionOutcome, dir: &std::path::Path) -> Result<()> {
    if !outcome.rescued {
        return Ok(());
    }
    Err(Error::NotSavedInFolder {
        dir: dir.to_owned(),
        rescued: outcome.saved_to.clone(),
    })
}
