//! Interview sessions: the engine that asks questions, reads answers from an [`AnswerSource`],
//! grades them, asks a follow-up when an important point is missing, and saves the record after
//! every answer.
//!
//! The engine never reads the clock or an unseeded random source itself: [`Clock`] and the seed
//! come from the caller, so a scripted session with a fixed seed and clock is reproducible.
//! Output goes to a `Write`; only [`terminal`] knows about the keyboard.

mod feedback;
pub mod planner;
mod review;
mod saving;
pub mod source;
pub mod summary;
pub mod terminal;

use std::io::{self, Write};
use std::path::PathBuf;
use std::time::Duration;

use chrono::{DateTime, Utc};

use crate::bank::{Bank, PointId, QuestionId, QuestionRef};
use crate::grading::explain::label;
use crate::grading::{self, Grade, GradeOptions, Score};
use crate::lang::Lang;
use crate::notes::NotesStore;
use crate::storage::{
    AnswerRecord, FollowUpRecord, RecordedOptions, SessionLock, SessionRecord, SessionStore,
    Status, StoreError, Style,
};
use crate::terminal::{Palette, sanitize, wrap};
pub use review::parse_review;
pub use source::{AnswerSource, Command, Input, Prompt, PromptKind, ScriptSource};

/// Points taken off an answer given after the question's time limit.
pub const OVERTIME_PENALTY: f64 = 10.0;

/// Answers at or above this score get no follow-up question: nothing important is missing.
const FOLLOW_UP_BELOW: u8 = 85;

/// The time source of a session.
pub trait Clock {
    /// The current time.
    fn now(&self) -> DateTime<Utc>;
}

/// The system clock.
#[derive(Clone, Copy, Debug, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
}

/// How to run a new session.
#[derive(Clone, Debug)]
pub struct StartOptions {
    /// Whose session it is.
    pub candidate: String,
    /// The options to record (and to resume with).
    pub recorded: RecordedOptions,
    /// The questions, in order.
    pub plan: Vec<QuestionId>,
    /// Returns true if and only if follow-up questions may be asked (interactive sessions).
    pub follow_ups: bool,
}

/// Errors that end a session before it starts.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SessionError {
    /// The store refused (the session is locked, the folder cannot be created...).
    #[error(transparent)]
    Store(#[from] StoreError),
    /// Nothing to ask.
    #[error("no question matches: check --topic against `viva topics`")]
    NothingToAsk,
    /// Reading input or writing output failed.
    #[error("the terminal failed: {0}")]
    Io(#[from] io::Error),
}

/// How a session ended.
#[derive(Debug)]
pub struct SessionOutcome {
    /// The session id.
    pub id: String,
    /// Where the record is (or the rescue copy, when the sessions folder could not be written).
    pub saved_to: Option<PathBuf>,
    /// Returns true if and only if the record could not be saved in the sessions folder (it is
    /// at `saved_to` if anywhere).
    pub rescued: bool,
    /// The record as it ended.
    pub record: SessionRecord,
}

/// Drives one session.
pub struct SessionRunner<'a> {
    /// The loaded banks.
    pub bank: &'a Bank,
    /// Where records go.
    pub store: &'a SessionStore,
    /// Where `:note` writes.
    pub notes: &'a NotesStore,
    /// The clock.
    pub clock: &'a dyn Clock,
    /// Where the session is printed.
    pub out: &'a mut dyn Write,
    /// Colours.
    pub palette: Palette,
    /// Width to wrap text to.
    pub width: usize,
    /// Where the record goes when the sessions folder cannot be written (and, interactively,
    /// the candidate names no other place).
    pub rescue_dir: PathBuf,
}

/// What happens with the current question after an input.
enum Step {
    /// Ask for more input on the same question.
    Again,
    /// The question is done; go to the next.
    Next,
    /// End the session (status given).
    End(Status),
}

/// The state of a running session.
struct Active {
    id: String,
    record: SessionRecord,
    /// Held while the session runs; None when the folder could not be written at the start.
    _lock: Option<SessionLock>,
    follow_ups: bool,
    /// Grades of this run, by question, for end-of-session feedback.
    grades: Vec<(QuestionId, Grade)>,
    /// Set while the last save failed: the record is only in memory.
    unsaved: Option<StoreError>,
    /// When this run started, to apply the session's total time across resumes.
    run_started: DateTime<Utc>,
    /// Session time already used before this run (resumed sessions).
    used_before: Duration,
}

impl<'a> SessionRunner<'a> {
    /// Starts a new session and runs it to the end.
    pub fn start(
        &mut self,
        options: StartOptions,
        source: &mut dyn AnswerSource,
        nonce: u32,
    ) -> Result<SessionOutcome, SessionError> {
        if options.plan.is_empty() {
            return Err(SessionError::NothingToAsk);
        }
        let now = self.clock.now();
        let record = SessionRecord::new(&options.candidate, now, options.recorded, options.plan);
        // A folder that cannot be written does not stop the session: the answers are kept in
        // memory, every save is retried, and the record is rescued elsewhere at the end.
        let (id, lock) = match self.store.create(&record, nonce) {
            Ok(id) => {
                let lock = self.store.lock(&id).ok();
                (id, lock)
            }
            Err(_) => (crate::storage::id_for(&record, nonce), None),
        };
        let active = Active {
            id,
            record,
            _lock: lock,
            follow_ups: options.follow_ups,
            grades: Vec::new(),
            unsaved: None,
            run_started: now,
            used_before: Duration::ZERO,
        };
        self.run(active, source)
    }

    /// Continues a saved session where it stopped.
    pub fn resume(
        &mut self,
        id: &str,
        mut record: SessionRecord,
        follow_ups: bool,
        source: &mut dyn AnswerSource,
    ) -> Result<SessionOutcome, SessionError> {
        let lock = Some(self.store.lock(id)?);
        let used: f64 = record.answers.iter().map(|a| a.seconds.max(0.0)).sum();
        record.status = Status::InProgress;
        record.ended_at = None;
        let active = Active {
            id: id.to_owned(),
            record,
            _lock: lock,
            follow_ups,
            grades: Vec::new(),
            unsaved: None,
            run_started: self.clock.now(),
            used_before: Duration::from_secs_f64(used),
        };
        self.run(active, source)
    }

    /// Reads input after flushing what was printed, so the candidate sees the question (or the
    /// feedback) before the prompt.
    fn read(&mut self, source: &mut dyn AnswerSource, prompt: &Prompt) -> io::Result<Input> {
        self.out.flush()?;
        source.read(prompt)
    }

    fn lang(&self, active: &Active) -> Lang {
        active.record.options.lang
    }

    fn run(
        &mut self,
        mut active: Active,
        source: &mut dyn AnswerSource,
    ) -> Result<SessionOutcome, SessionError> {
        let lang = self.lang(&active);
        self.save(&mut active);
        self.intro(&active, source.is_interactive())?;
        let mut status = Status::Completed;
        loop {
            let Some(question_id) = active.record.remaining().next().cloned() else {
                break;
            };
            if self
                .session_left(&active)
                .is_some_and(|left| left.is_zero())
            {
                writeln!(
                    self.out,
                    "{}",
                    self.palette.warn(label(
                        lang,
                        "Время сессии вышло.",
                        "The session time is up."
                    ))
                )?;
                break;
            }
            let Some(question) = self.bank.question(question_id.as_str()) else {
                // The bank changed since the session was planned: drop the question, keep going.
                active.record.plan.retain(|id| id != &question_id);
                continue;
            };
            match self.ask(&mut active, question, source)? {
                Step::End(end) => {
                    status = end;
                    break;
                }
                Step::Next | Step::Again => {}
            }
        }
        if status == Status::Completed && active.record.remaining().next().is_some() {
            // Stopped by the session time limit with questions left: the session is over.
            active
                .record
                .plan
                .retain(|id| active.record.answers.iter().any(|a| &a.question == id));
        }
        active.record.status = status;
        active.record.ended_at = Some(self.clock.now());
        self.save(&mut active);
        self.finish(active, source)
    }

    fn intro(&mut self, active: &Active, interactive: bool) -> io::Result<()> {
        let lang = self.lang(active);
        let total = active.record.plan.len();
        let done = active.record.answers.len();
        let style = match active.record.options.style {
            Style::Interview => label(
                lang,
                "интервью (разбор в конце)",
                "interview (feedback at the end)",
            ),
            Style::Practice => label(
                lang,
                "тренировка (разбор после каждого ответа)",
                "practice (feedback after each answer)",
            ),
        };
        writeln!(
            self.out,
            "{}",
            self.palette.bold(&format!(
                "viva · {} · {}",
                sanitize(&active.record.candidate),
                match lang {
                    Lang::Ru => format!("вопросов: {total}"),
                    Lang::En => crate::error::count(total, "question", "questions"),
                }
            ))
        )?;
        if done > 0 {
            let line = match lang {
                Lang::Ru => format!(
                    "Продолжаем сессию {}: отвечено {done} из {total}.",
                    active.id
                ),
                Lang::En => format!(
                    "Resuming session {}: {done} of {total} answered.",
                    active.id
                ),
            };
            writeln!(self.out, "{line}")?;
        }
        writeln!(self.out, "{}: {style}", label(lang, "Режим", "Style"))?;
        if interactive {
            let help = label(
                lang,
                "Ответ можно писать в несколько строк; пустая строка отправляет его. Команды: :hint, :skip, :repeat, :time, :note ТЕКСТ, :quit, :help. Ctrl-C стирает набранное, Ctrl-D завершает сессию.",
                "Answers may span several lines; an empty line sends the answer. Commands: :hint, :skip, :repeat, :time, :note TEXT, :quit, :help. Ctrl-C clears what you typed, Ctrl-D ends the session.",
            );
            writeln!(
                self.out,
                "{}",
                self.palette.dim(&wrap(help, self.width, "", ""))
            )?;
        }
        Ok(())
    }

    fn session_left(&self, active: &Active) -> Option<Duration> {
        let total = Duration::from_secs(active.record.options.total_time_secs?);
        let this_run = (self.clock.now() - active.run_started)
            .to_std()
            .unwrap_or_default();
        Some(total.saturating_sub(active.used_before + this_run))
    }

    fn print_question(&mut self, active: &Active, question: QuestionRef<'_>) -> io::Result<()> {
        let lang = self.lang(active);
        let number = active.record.answers.len() + 1;
        let total = active.record.plan.len();
        let mut header = format!(
            "{} {number}/{total} · {} · {}",
            label(lang, "Вопрос", "Question"),
            sanitize(question.topic.title.get(lang)),
            question.question.difficulty.name()
        );
        if let Some(limit) = active.record.options.time_limit_secs {
            header.push_str(&format!(" · {}", clock_text(Duration::from_secs(limit))));
        }
        writeln!(self.out)?;
        writeln!(self.out, "{}", self.palette.dim(&header))?;
        let text = wrap(question.question.text.get(lang), self.width, "", "");
        writeln!(self.out, "{}", self.palette.bold(&text))?;
        self.out.flush()
    }

    /// Asks one question until it is answered, skipped, or the session ends.
    fn ask(
        &mut self,
        active: &mut Active,
        question: QuestionRef<'_>,
        source: &mut dyn AnswerSource,
    ) -> Result<Step, SessionError> {
        let lang = self.lang(active);
        self.print_question(active, question)?;
        let asked_at = self.clock.now();
        let limit = active
            .record
            .options
            .time_limit_secs
            .map(Duration::from_secs);
        let mut hinted: Vec<PointId> = Vec::new();
        loop {
            let elapsed = (self.clock.now() - asked_at).to_std().unwrap_or_default();
            let prompt = Prompt {
                lang,
                time_left: limit.map(|l| l.saturating_sub(elapsed)),
                session_left: self.session_left(active),
                kind: PromptKind::Answer,
            };
            let input = self.read(source, &prompt)?;
            let step = match input {
                Input::Answer(text) if text.trim().is_empty() => Step::Again,
                Input::Answer(text) => {
                    self.answered(active, question, asked_at, text, &hinted, source)?
                }
                Input::Cancelled => {
                    writeln!(
                        self.out,
                        "{}",
                        self.palette
                            .dim(label(lang, "(набранное стёрто)", "(cleared)"))
                    )?;
                    Step::Again
                }
                Input::End => Step::End(Status::Stopped),
                Input::Command(command) => {
                    self.command(active, question, asked_at, command, &mut hinted)?
                }
            };
            match step {
                Step::Again => continue,
                other => return Ok(other),
            }
        }
    }

    fn command(
        &mut self,
        active: &mut Active,
        question: QuestionRef<'_>,
        asked_at: DateTime<Utc>,
        command: Command,
        hinted: &mut Vec<PointId>,
    ) -> Result<Step, SessionError> {
        let lang = self.lang(active);
        match command {
            Command::Skip => {
                let seconds = (self.clock.now() - asked_at).num_milliseconds() as f64 / 1000.0;
                let record = AnswerRecord {
                    question: question.question.id.clone(),
                    topic: question.topic.id.clone(),
                    question_text: question.question.text.get(lang).to_owned(),
                    asked_at,
                    answer: String::new(),
                    follow_up: None,
                    seconds,
                    score: Score::ZERO,
                    band: Score::ZERO.band(),
                    matched: Vec::new(),
                    missed: self
                        .bank
                        .rubric(question.question.id.as_str())
                        .map(|r| r.rubric.points.iter().map(|p| p.id.clone()).collect())
                        .unwrap_or_default(),
                    misconceptions: Vec::new(),
                    skipped: true,
                    overtime: false,
                    hinted: hinted.clone(),
                    review: None,
                };
                active.record.answers.push(record);
                self.save(active);
                writeln!(
                    self.out,
                    "{}",
                    self.palette.dim(label(lang, "Пропущено.", "Skipped."))
                )?;
                Ok(Step::Next)
            }
            Command::Hint => {
                let rubric = self.bank.rubric(question.question.id.as_str());
                let next = rubric.and_then(|entry| {
                    let mut points: Vec<_> = entry
                        .rubric
                        .points
                        .iter()
                        .filter(|p| !hinted.contains(&p.id))
                        .collect();
                    points.sort_by(|a, b| b.weight.total_cmp(&a.weight));
                    points
                        .first()
                        .map(|p| (p.id.clone(), p.statement.get(lang).to_owned()))
                });
                match next {
                    Some((id, statement)) => {
                        hinted.push(id);
                        let text = format!(
                            "{}: {}",
                            label(
                                lang,
                                "Подсказка (этот пункт принесёт половину баллов)",
                                "Hint (this point earns half its weight)"
                            ),
                            statement
                        );
                        writeln!(
                            self.out,
                            "{}",
                            self.palette.warn(&wrap(&text, self.width, "", ""))
                        )?;
                    }
                    None => writeln!(
                        self.out,
                        "{}",
                        label(lang, "Подсказок больше нет.", "No hints left.")
                    )?,
                }
                Ok(Step::Again)
            }
            Command::Repeat => {
                self.print_question(active, question)?;
                Ok(Step::Again)
            }
            Command::Time => {
                let elapsed = (self.clock.now() - asked_at).to_std().unwrap_or_default();
                let mut line = format!(
                    "{}: {}",
                    label(lang, "На вопрос прошло", "Time on this question"),
                    clock_text(elapsed)
                );
                if let Some(limit) = active.record.options.time_limit_secs {
                    let left = Duration::from_secs(limit).saturating_sub(elapsed);
                    line.push_str(&format!(
                        " · {}: {}",
                        label(lang, "осталось", "left"),
                        clock_text(left)
                    ));
                }
                if let Some(left) = self.session_left(active) {
                    line.push_str(&format!(
                        " · {}: {}",
                        label(lang, "до конца сессии", "session left"),
                        clock_text(left)
                    ));
                }
                writeln!(self.out, "{line}")?;
                Ok(Step::Again)
            }
            Command::Quit => Ok(Step::End(Status::Stopped)),
            Command::Help => {
                self.help(lang)?;
                Ok(Step::Again)
            }
            Command::Note(text) => {
                self.note(active, Some(question), &text)?;
                Ok(Step::Again)
            }
            Command::More | Command::Why(_) => {
                writeln!(
                    self.out,
                    "{}",
                    label(
                        lang,
                        ":more и :why доступны после оценки ответа в режиме тренировки.",
                        ":more and :why are available after a graded answer in practice style."
                    )
                )?;
                Ok(Step::Again)
            }
            Command::Unknown(word) => {
                let line = match lang {
                    Lang::Ru => format!("Нет команды :{}. :help — список команд.", sanitize(&word)),
                    Lang::En => format!(
                        "There is no command :{}. :help lists them.",
                        sanitize(&word)
                    ),
                };
                writeln!(self.out, "{line}")?;
                Ok(Step::Again)
            }
        }
    }

    fn help(&mut self, lang: Lang) -> io::Result<()> {
        let lines: &[(&str, &str, &str)] = &[
            (
                ":hint",
                "показать один ключевой пункт (он принесёт половину баллов)",
                "reveal one key point (it earns half its weight)",
            ),
            (":skip", "пропустить вопрос", "skip the question"),
            (
                ":repeat",
                "показать вопрос ещё раз",
                "show the question again",
            ),
            (
                ":time",
                "сколько времени прошло и осталось",
                "time spent and left",
            ),
            (
                ":note ТЕКСТ",
                "записать вопрос для ментора в блокнот",
                "write a doubt into the mentor notebook",
            ),
            (
                ":more",
                "после оценки: эталонный ответ и шпаргалка темы",
                "after a grade: the model answer and the topic brief",
            ),
            (
                ":why ПУНКТ",
                "после оценки: объяснить упущенный пункт",
                "after a grade: explain a missed point",
            ),
            (
                ":quit",
                "сохранить и закончить (потом: viva resume)",
                "save and stop (later: viva resume)",
            ),
        ];
        for (command, ru, en) in lines {
            writeln!(self.out, "  {command:<12} {}", label(lang, ru, en))?;
        }
        Ok(())
    }

    fn note(
        &mut self,
        active: &Active,
        question: Option<QuestionRef<'_>>,
        text: &str,
    ) -> io::Result<()> {
        let lang = self.lang(active);
        let result = self.notes.add(
            &active.record.candidate,
            self.clock.now(),
            question.map(|q| q.topic.id.clone()),
            question.map(|q| q.question.id.clone()),
            text,
        );
        match result {
            Ok(note) => {
                let line = match lang {
                    Lang::Ru => format!("Записано в блокнот (#{}). Список: viva notes", note.id),
                    Lang::En => format!("Noted (#{}). See them with: viva notes", note.id),
                };
                writeln!(self.out, "{}", self.palette.dim(&line))
            }
            Err(error) => writeln!(self.out, "{}", self.palette.bad(&format!("viva: {error}"))),
        }
    }

    /// Grades an answer (with a follow-up if one is due), records and saves it.
    fn answered(
        &mut self,
        active: &mut Active,
        question: QuestionRef<'_>,
        asked_at: DateTime<Utc>,
        text: String,
        hinted: &[PointId],
        source: &mut dyn AnswerSource,
    ) -> Result<Step, SessionError> {
        let lang = self.lang(active);
        let id = question.question.id.as_str();
        let Some(entry) = self.bank.rubric(id) else {
            return Ok(Step::Next);
        };
        let answered_at = self.clock.now();
        let seconds = (answered_at - asked_at).num_milliseconds().max(0) as f64 / 1000.0;
        let overtime = active
            .record
            .options
            .time_limit_secs
            .is_some_and(|limit| seconds > limit as f64);
        let mut options = GradeOptions {
            hinted: hinted.to_vec(),
            follow_up: None,
        };
        let mut grade = grading::grade(entry, self.bank.vocabulary(), &text, &options);
        let mut follow_up_record = None;
        if active.follow_ups
            && source.is_interactive()
            && grade.score.value() < FOLLOW_UP_BELOW
            && let Some((point, follow_up)) = pick_follow_up(&grade, entry, lang)
        {
            writeln!(self.out)?;
            let heading = label(lang, "Уточнение:", "Follow-up:");
            let text = wrap(&format!("{heading} {follow_up}"), self.width, "", "");
            writeln!(self.out, "{}", self.palette.bold(&text))?;
            let prompt = Prompt {
                lang,
                time_left: None,
                session_left: self.session_left(active),
                kind: PromptKind::Answer,
            };
            match self.read(source, &prompt)? {
                Input::Answer(extra) if !extra.trim().is_empty() => {
                    options.follow_up = Some(extra.clone());
                    grade = grading::grade(entry, self.bank.vocabulary(), &text, &options);
                    follow_up_record = Some(FollowUpRecord {
                        point,
                        question: follow_up,
                        answer: extra,
                    });
                }
                Input::End => {
                    // Keep the main answer; the session ends after saving it.
                    self.record_answer(
                        active, question, asked_at, text, seconds, overtime, grade, hinted, None,
                    );
                    return Ok(Step::End(Status::Stopped));
                }
                _ => {}
            }
        }
        if overtime {
            grade = with_overtime_penalty(grade);
        }
        let feedback = active.record.options.style == Style::Practice;
        let grade_for_feedback = grade.clone();
        let interviewer = active.record.options.interviewer;
        self.record_answer(
            active,
            question,
            asked_at,
            text,
            seconds,
            overtime,
            grade,
            hinted,
            follow_up_record,
        );
        if interviewer {
            let review = self.review(active, question, &grade_for_feedback, source)?;
            if let Some(last) = active.record.answers.last_mut() {
                last.review = review;
            }
            self.save(active);
        }
        if feedback {
            return self.practice_feedback(active, question, &grade_for_feedback, overtime, source);
        }
        writeln!(
            self.out,
            "{}",
            self.palette
                .dim(label(lang, "Ответ записан.", "Answer saved."))
        )?;
        Ok(Step::Next)
    }

    #[allow(
        clippy::too_many_arguments,
        reason = "one record is assembled from the parts of one answer"
    )]
    fn record_answer(
        &mut self,
        active: &mut Active,
        question: QuestionRef<'_>,
        asked_at: DateTime<Utc>,
        text: String,
        seconds: f64,
        overtime: bool,
        grade: Grade,
        hinted: &[PointId],
        follow_up: Option<FollowUpRecord>,
    ) {
        let lang = active.record.options.lang;
        active.record.answers.push(AnswerRecord {
            question: question.question.id.clone(),
            topic: question.topic.id.clone(),
            question_text: question.question.text.get(lang).to_owned(),
            asked_at,
            answer: text,
            follow_up,
            seconds,
            score: grade.score,
            band: grade.band,
            matched: grade.matched().cloned().collect(),
            missed: grade.missed().cloned().collect(),
            misconceptions: grade.misconceptions.iter().map(|m| m.id.clone()).collect(),
            skipped: false,
            overtime,
            hinted: hinted.to_vec(),
            review: None,
        });
        active.grades.push((question.question.id.clone(), grade));
        self.save(active);
    }

    fn finish(
        &mut self,
        mut active: Active,
        source: &mut dyn AnswerSource,
    ) -> Result<SessionOutcome, SessionError> {
        let lang = self.lang(&active);
        if active.record.options.style == Style::Interview && !active.record.answers.is_empty() {
            self.interview_feedback(&mut active)?;
        }
        summary::render(
            self.out,
            self.bank,
            &active.record,
            lang,
            self.palette,
            self.width,
        )?;
        let mut saved_to = self.store.path_of(&active.id).ok();
        let rescued = active.unsaved.is_some();
        if rescued {
            saved_to = self.rescue(&active, source)?;
        } else if let Some(path) = &saved_to {
            let line = match lang {
                Lang::Ru => format!("Сессия сохранена: {}", path.display()),
                Lang::En => format!("Session saved to {}", path.display()),
            };
            writeln!(self.out, "{line}")?;
            if active.record.status.is_resumable() && active.record.remaining().next().is_some() {
                let line = match lang {
                    Lang::Ru => format!("Продолжить: viva resume {}", active.id),
                    Lang::En => format!("Continue with: viva resume {}", active.id),
                };
                writeln!(self.out, "{}", self.palette.dim(&line))?;
            }
        }
        self.out.flush()?;
        Ok(SessionOutcome {
            id: active.id,
            saved_to,
            rescued,
            record: active.record,
        })
    }
}

/// The follow-up to ask: about the heaviest missed point, in the bank's words when it has them,
/// otherwise the open probe every interviewer uses.
fn pick_follow_up(
    grade: &Grade,
    entry: &crate::bank::RubricEntry,
    lang: Lang,
) -> Option<(PointId, String)> {
    let heaviest = entry
        .rubric
        .points
        .iter()
        .map(|p| p.weight)
        .fold(0.0, f64::max);
    let missed = entry
        .rubric
        .points
        .iter()
        .filter(|p| grade.points.iter().any(|g| g.id == p.id && !g.is_matched()))
        .filter(|p| p.weight >= heaviest.min(2.0))
        .max_by(|a, b| a.weight.total_cmp(&b.weight))?;
    let text = if missed.follow_up.is_empty() {
        label(
            lang,
            "Что ещё здесь важно? Расскажите про механизм, а не только термины.",
            "What else matters here? Explain the mechanism, not just the terms.",
        )
        .to_owned()
    } else {
        missed.follow_up.get(lang).to_owned()
    };
    Some((missed.id.clone(), text))
}

/// Takes the overtime penalty off a grade.
fn with_overtime_penalty(mut grade: Grade) -> Grade {
    grade.score = Score::from_f64(f64::from(grade.score.value()) - OVERTIME_PENALTY);
    grade.band = grade.score.band();
    grade
}

/// `m:ss` for a duration, whole seconds rounded down (time spent).
pub fn clock_text(duration: Duration) -> String {
    let secs = duration.as_secs();
    format!("{}:{:02}", secs / 60, secs % 60)
}

/// `m:ss` for time left, rounded up: a limit of 2 seconds reads `0:02` until it is over.
pub fn clock_left(duration: Duration) -> String {
    clock_text(Duration::from_secs(
        duration.as_secs() + u64::from(duration.subsec_nanos() > 0),
    ))
}

#[cfg(test)]
mod tests {
    use std::sync::{Arc, Mutex};

    use super::*;

    const BANK: &str = r#"Topic(id: "sig", title: (ru: "Сигналы", en: "Signals"), questions: [
        Question(id: "sig.a", text: (ru: "Первый?", en: "First?"), model_answer: (ru: "а", en: "a")),
        Question(id: "sig.b", text: (ru: "Второй?", en: "Second?"), model_answer: (ru: "б", en: "b")),
        Question(id: "sig.c", text: (ru: "Третий?", en: "Third?"), model_answer: (ru: "в", en: "c")),
    ])"#;

    fn rubric(id: &str) -> String {
        format!(
            "Rubric(question: \"{id}\", points: [Point(id: \"p\", statement: (ru: \"п\", en: \"p\"), terms: [\"kernel\"])])"
        )
    }

    /// Answers from a script, and a hook that runs before each read (to break the disk).
    struct Hooked<F: FnMut(usize)> {
        script: ScriptSource,
        reads: usize,
        hook: F,
    }

    impl<F: FnMut(usize)> AnswerSource for Hooked<F> {
        fn read(&mut self, prompt: &Prompt) -> io::Result<Input> {
            self.reads += 1;
            (self.hook)(self.reads);
            self.script.read(prompt)
        }

        fn is_interactive(&self) -> bool {
            false
        }
    }

    struct Fixed(DateTime<Utc>);

    impl Clock for Fixed {
        fn now(&self) -> DateTime<Utc> {
            self.0
        }
    }

    fn run(
        fault: impl FnMut(usize, &Arc<Mutex<Option<io::ErrorKind>>>),
    ) -> (SessionOutcome, String, tempfile::TempDir, tempfile::TempDir) {
        let (a, b, c) = (rubric("sig.a"), rubric("sig.b"), rubric("sig.c"));
        let loaded = Bank::from_texts(&[
            ("bank.ron", BANK),
            ("a.ron", &a),
            ("b.ron", &b),
            ("c.ron", &c),
        ]);
        assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
        let sessions = tempfile::tempdir().expect("a folder");
        let rescue = tempfile::tempdir().expect("a folder");
        let store = SessionStore::new(sessions.path());
        let notes = NotesStore::new(sessions.path());
        let faults = Arc::clone(&store.fault);
        let mut fault = fault;
        let mut source = Hooked {
            script: ScriptSource::new(
                "the kernel one\n---\nthe kernel two\n---\nthe kernel three\n",
            ),
            reads: 0,
            hook: |n| fault(n, &faults),
        };
        let mut out = Vec::new();
        let clock = Fixed(Utc::now());
        let mut runner = SessionRunner {
            bank: &loaded.bank,
            store: &store,
            notes: &notes,
            clock: &clock,
            out: &mut out,
            palette: Palette::new(false),
            width: 80,
            rescue_dir: rescue.path().to_owned(),
        };
        let options = StartOptions {
            candidate: "ann".into(),
            recorded: RecordedOptions {
                mode: crate::storage::Mode::Sequential,
                ..RecordedOptions::default()
            },
            plan: vec!["sig.a".into(), "sig.b".into(), "sig.c".into()],
            follow_ups: false,
        };
        let outcome = runner
            .start(options, &mut source, 7)
            .expect("the session runs");
        (
            outcome,
            String::from_utf8_lossy(&out).into_owned(),
            sessions,
            rescue,
        )
    }

    fn leftovers(dir: &std::path::Path) -> Vec<String> {
        std::fs::read_dir(dir)
            .map(|e| {
                e.filter_map(Result::ok)
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .collect()
            })
            .unwrap_or_default()
    }

    #[test]
    fn a_full_disk_mid_session_loses_nothing_and_saving_resumes() {
        // The disk is full while the second answer is saved, and has room again by the third.
        let (outcome, out, sessions, _rescue) = run(|read, fault| {
            if let Ok(mut f) = fault.lock() {
                *f = match read {
                    2 => Some(io::ErrorKind::StorageFull),
                    3 => None,
                    _ => *f,
                };
            }
        });
        assert_eq!(
            out.matches("не удалось сохранить сессию").count(),
            1,
            "{out}"
        );
        assert!(out.contains("Сессия снова сохраняется."), "{out}");
        assert!(!outcome.rescued);
        let saved = SessionStore::new(sessions.path())
            .load(&outcome.id)
            .expect("the record");
        let answers: Vec<&str> = saved
            .record
            .answers
            .iter()
            .map(|a| a.answer.as_str())
            .collect();
        assert_eq!(
            answers,
            ["the kernel one", "the kernel two", "the kernel three"]
        );
        assert!(
            leftovers(sessions.path())
                .iter()
                .all(|f| !f.ends_with(".tmp")),
            "no half-written file"
        );
    }

    #[test]
    fn a_read_only_folder_keeps_every_answer_and_rescues_the_record() {
        let (outcome, out, sessions, rescue) = run(|_, fault| {
            if let Ok(mut f) = fault.lock() {
                *f = Some(io::ErrorKind::ReadOnlyFilesystem);
            }
        });
        assert!(outcome.rescued);
        assert_eq!(
            out.matches("не удалось сохранить сессию").count(),
            1,
            "said once: {out}"
        );
        let path = outcome.saved_to.expect("a rescue copy");
        assert!(path.starts_with(rescue.path()));
        assert!(
            out.contains(&path.display().to_string()),
            "says where: {out}"
        );
        let saved = crate::storage::read_record(&path).expect("the rescued record loads");
        assert_eq!(saved.answers.len(), 3);
        assert!(
            leftovers(sessions.path())
                .iter()
                .all(|f| !f.ends_with(".tmp")),
            "no half-written file"
        );
    }
}
