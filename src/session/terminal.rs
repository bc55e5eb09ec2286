//! Answers from the keyboard, with rustyline: line editing and history, multi-line answers
//! ended by an empty line, the time left in the prompt, and timer warnings printed above the
//! prompt while the candidate types.

use std::io;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use rustyline::error::ReadlineError;
use rustyline::{DefaultEditor, ExternalPrinter};

use crate::grading::explain::label;
use crate::lang::Lang;
use crate::terminal::Palette;

use super::clock_left;
use super::source::{AnswerSource, Command, Input, Prompt};

/// Warn when this much time is left for a question (if the limit is longer than twice this).
const WARN_BEFORE: Duration = Duration::from_secs(30);

/// What the timer thread watches.
#[derive(Default)]
struct Deadlines {
    lang: Lang,
    question: Option<Instant>,
    session: Option<Instant>,
    warned_soon: bool,
    warned_over: bool,
    warned_session: bool,
    limit: Duration,
}

/// The keyboard as an [`AnswerSource`].
pub struct TerminalSource {
    editor: DefaultEditor,
    deadlines: Arc<Mutex<Deadlines>>,
    stop: Arc<AtomicBool>,
    timer: Option<JoinHandle<()>>,
    ended: bool,
}

impl TerminalSource {
    /// Opens the terminal. Timer warnings need rustyline's external printer; without one the
    /// session still works and shows the time left in the prompt.
    pub fn new(palette: Palette) -> io::Result<Self> {
        let mut editor = DefaultEditor::new().map_err(to_io)?;
        let deadlines = Arc::new(Mutex::new(Deadlines::default()));
        let stop = Arc::new(AtomicBool::new(false));
        let timer = match editor.create_external_printer() {
            Ok(printer) => Some(spawn_timer(
                printer,
                Arc::clone(&deadlines),
                Arc::clone(&stop),
                palette,
            )),
            Err(_) => None,
        };
        Ok(TerminalSource {
            editor,
            deadlines,
            stop,
            timer,
            ended: false,
        })
    }

    fn set_deadlines(&self, prompt: &Prompt) {
        let now = Instant::now();
        if let Ok(mut d) = self.deadlines.lock() {
            d.lang = prompt.lang;
            let question = prompt.time_left.map(|left| now + left);
            if question.is_none() || d.question.is_none() || prompt.is_single_line() {
                d.warned_soon = false;
                d.warned_over = false;
            }
            d.question = if prompt.is_single_line() {
                None
            } else {
                question
            };
            d.limit = prompt.time_left.unwrap_or_default();
            d.session = prompt.session_left.map(|left| now + left);
        }
    }

    fn clear_question_deadline(&self) {
        if let Ok(mut d) = self.deadlines.lock() {
            d.question = None;
            d.warned_soon = false;
            d.warned_over = false;
        }
    }
}

impl Drop for TerminalSource {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(timer) = self.timer.take() {
            let _ = timer.join();
        }
    }
}

fn to_io(error: ReadlineError) -> io::Error {
    match error {
        ReadlineError::Io(error) => error,
        other => io::Error::other(other.to_string()),
    }
}

fn spawn_timer<P: ExternalPrinter + Send + 'static>(
    mut printer: P,
    deadlines: Arc<Mutex<Deadlines>>,
    stop: Arc<AtomicBool>,
    palette: Palette,
) -> JoinHandle<()> {
    std::thread::spawn(move || {
        while !stop.load(Ordering::SeqCst) {
            std::thread::sleep(Duration::from_millis(200));
            let mut messages = Vec::new();
            if let Ok(mut d) = deadlines.lock() {
                let now = Instant::now();
                let lang = d.lang;
                if let Some(deadline) = d.question {
                    let left = deadline.saturating_duration_since(now);
                    if !d.warned_soon
                        && d.limit > WARN_BEFORE * 2
                        && left <= WARN_BEFORE
                        && !left.is_zero()
                    {
                        d.warned_soon = true;
                        let text = match lang {
                            Lang::Ru => format!("⏳ осталось {} на ответ", clock_left(left)),
                            Lang::En => format!("⏳ {} left for this answer", clock_left(left)),
                        };
                        messages.push(palette.warn(&text));
                    }
                    if !d.warned_over && left.is_zero() {
                        d.warned_over = true;
                        messages.push(palette.bad(label(
                            lang,
                            "⏰ время на ответ вышло: отправьте его (пустая строка), он будет отмечен как сверх лимита",
                            "⏰ time is up for this answer: send it (empty line); it will be marked overtime",
                        )));
                    }
                }
                if let Some(deadline) = d.session
                    && !d.warned_session
                    && deadline.saturating_duration_since(now) <= Duration::from_secs(60)
                {
                    d.warned_session = true;
                    messages.push(palette.warn(label(
                        lang,
                        "⏳ до конца сессии меньше минуты",
                        "⏳ less than a minute left in the session",
                    )));
                }
            }
            for message in messages {
                if printer.print(format!("{message}\n")).is_err() {
                    return;
                }
            }
        }
    })
}

impl AnswerSource for TerminalSource {
    fn read(&mut self, prompt: &Prompt) -> io::Result<Input> {
        if self.ended {
            return Ok(Input::End);
        }
        self.set_deadlines(prompt);
        let result = if prompt.is_single_line() {
            self.read_line_after_grade(prompt)
        } else {
            self.read_answer(prompt)
        };
        self.clear_question_deadline();
        result
    }

    fn is_interactive(&self) -> bool {
        true
    }
}

impl TerminalSource {
    fn read_line_after_grade(&mut self, prompt: &Prompt) -> io::Result<Input> {
        let text = match prompt.kind {
            super::source::PromptKind::Review => "✎ ",
            _ => "↵ ",
        };
        loop {
            match self.editor.readline(text) {
                Ok(line) => {
                    let _ = self.editor.add_history_entry(line.as_str());
                    return Ok(match Command::parse(&line) {
                        Some(command) => Input::Command(command),
                        None => Input::Answer(line),
                    });
                }
                Err(ReadlineError::Interrupted) => return Ok(Input::Cancelled),
                Err(ReadlineError::Eof) => return Ok(Input::End),
                Err(ReadlineError::Io(error)) if error.kind() == io::ErrorKind::InvalidData => {
                    continue;
                }
                Err(other) => return Err(to_io(other)),
            }
        }
    }

    fn read_answer(&mut self, prompt: &Prompt) -> io::Result<Input> {
        let mut lines: Vec<String> = Vec::new();
        let started = Instant::now();
        loop {
            let text = if lines.is_empty() {
                match prompt.time_left {
                    Some(left) => format!(
                        "[{}] › ",
                        clock_left(left.saturating_sub(started.elapsed()))
                    ),
                    None => "› ".to_owned(),
                }
            } else {
                "… ".to_owned()
            };
            match self.editor.readline(&text) {
                Ok(line) => {
                    if lines.is_empty()
                        && let Some(command) = Command::parse(&line)
                    {
                        let _ = self.editor.add_history_entry(line.as_str());
                        return Ok(Input::Command(command));
                    }
                    if line.trim().is_empty() {
                        if lines.is_empty() {
                            continue;
                        }
                        return Ok(Input::Answer(lines.join("\n")));
                    }
                    let _ = self.editor.add_history_entry(line.as_str());
                    lines.push(line);
                }
                Err(ReadlineError::Interrupted) => return Ok(Input::Cancelled),
                Err(ReadlineError::Eof) => {
                    // Ctrl-D ends the session; what was typed so far still counts as the answer.
                    if lines.is_empty() {
                        return Ok(Input::End);
                    }
                    self.ended = true;
                    return Ok(Input::Answer(lines.join("\n")));
                }
                Err(ReadlineError::Io(error)) if error.kind() == io::ErrorKind::InvalidData => {
                    // Bytes that are not UTF-8: drop the line, keep the session.
                    continue;
                }
                Err(other) => return Err(to_io(other)),
            }
        }
    }
}
