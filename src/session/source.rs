//! Where answers come from: the keyboard (see [`super::terminal`]) or a script. The session
//! engine only sees [`Input`]s, so scripted and interactive sessions are graded and saved the
//! same way.

use std::time::Duration;

use crate::lang::Lang;

/// What the candidate did at the answer prompt.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Input {
    /// An answer (possibly several lines).
    Answer(String),
    /// A command typed at the prompt.
    Command(Command),
    /// Ctrl-C: the answer being typed is dropped and the prompt starts over.
    Cancelled,
    /// Ctrl-D or the end of the script: the session ends, keeping what was answered.
    End,
}

/// The commands available at the answer prompt.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Command {
    /// `:skip` — move on without answering.
    Skip,
    /// `:hint` — reveal one key point, at a cost.
    Hint,
    /// `:repeat` — show the question again.
    Repeat,
    /// `:time` — show the time left.
    Time,
    /// `:quit` — save and end the session.
    Quit,
    /// `:help` — list the commands.
    Help,
    /// `:note TEXT` — write a doubt into the mentor notebook.
    Note(String),
    /// `:more` — after a graded answer: the model answer and the topic brief.
    More,
    /// `:why POINT` — after a graded answer: explain one missed key point.
    Why(String),
    /// A word after `:` that is not a command.
    Unknown(String),
}

impl Command {
    /// Parses a line starting with `:`; returns None for text that is not a command at all.
    pub fn parse(line: &str) -> Option<Command> {
        let line = line.trim();
        let rest = line.strip_prefix(':')?;
        let (word, argument) = match rest.split_once(char::is_whitespace) {
            Some((word, argument)) => (word, argument.trim()),
            None => (rest, ""),
        };
        if word.is_empty() || !word.chars().all(|c| c.is_alphabetic()) {
            return None;
        }
        Some(match word.to_lowercase().as_str() {
            "skip" | "s" => Command::Skip,
            "hint" | "h" => Command::Hint,
            "repeat" | "r" => Command::Repeat,
            "time" | "t" => Command::Time,
            "quit" | "q" | "exit" => Command::Quit,
            "help" | "?" => Command::Help,
            "note" | "n" => Command::Note(argument.to_owned()),
            "more" | "m" => Command::More,
            "why" | "w" => Command::Why(argument.to_owned()),
            other => Command::Unknown(other.to_owned()),
        })
    }
}

/// What the answer prompt should show.
#[derive(Clone, Debug)]
pub struct Prompt {
    /// The language of the session.
    pub lang: Lang,
    /// Time left for this question, if it has a limit.
    pub time_left: Option<Duration>,
    /// Time left for the whole session, if it has a limit.
    pub session_left: Option<Duration>,
    /// What is being asked for.
    pub kind: PromptKind,
}

/// What a prompt asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PromptKind {
    /// An answer, possibly several lines.
    Answer,
    /// One line after a graded answer (practice style): Enter moves on, `:more`/`:why` help.
    AfterGrade,
    /// One line of an interviewer's review: Enter accepts, a number overrides, text is a note.
    Review,
}

impl Prompt {
    /// Returns true if and only if the prompt asks for one line rather than an answer.
    pub fn is_single_line(&self) -> bool {
        self.kind != PromptKind::Answer
    }
}

/// A source of candidate input.
pub trait AnswerSource {
    /// Reads the next input for `prompt`.
    fn read(&mut self, prompt: &Prompt) -> std::io::Result<Input>;

    /// Returns true if and only if a person is typing (so follow-up questions and the
    /// post-answer prompt make sense).
    fn is_interactive(&self) -> bool;
}

/// Answers from a script: entries separated by lines that hold exactly `---`. An entry that is
/// exactly a command (`:skip`, `:hint`, `:quit`, `:note TEXT`) acts as that command. In
/// interviewer mode the entry after each answer is the interviewer's review.
#[derive(Clone, Debug)]
pub struct ScriptSource {
    entries: std::collections::VecDeque<String>,
}

impl ScriptSource {
    /// Splits a script into entries.
    pub fn new(text: &str) -> Self {
        let mut entries = std::collections::VecDeque::new();
        let mut current = String::new();
        let mut any = false;
        for line in text.lines() {
            if line.trim_end_matches('\r') == "---" {
                entries.push_back(std::mem::take(&mut current));
                any = false;
                continue;
            }
            if any {
                current.push('\n');
            }
            current.push_str(line.trim_end_matches('\r'));
            any = true;
        }
        if !current.trim().is_empty() {
            entries.push_back(current);
        }
        ScriptSource { entries }
    }

    /// How many entries are left.
    pub fn remaining(&self) -> usize {
        self.entries.len()
    }
}

impl AnswerSource for ScriptSource {
    fn read(&mut self, prompt: &Prompt) -> std::io::Result<Input> {
        if prompt.kind == PromptKind::AfterGrade {
            // Scripts answer questions only; nothing waits at the post-answer prompt.
            return Ok(Input::Answer(String::new()));
        }
        let Some(entry) = self.entries.pop_front() else {
            return Ok(Input::End);
        };
        if prompt.kind == PromptKind::Review {
            // A review line is taken as written: "", "85", "85 хорошо, но без примеров".
            return Ok(Input::Answer(entry.trim().to_owned()));
        }
        let trimmed = entry.trim();
        if !trimmed.contains('\n')
            && let Some(command) = Command::parse(trimmed)
            && !matches!(command, Command::Unknown(_))
        {
            return Ok(Input::Command(command));
        }
        Ok(Input::Answer(entry.trim().to_owned()))
    }

    fn is_interactive(&self) -> bool {
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prompt() -> Prompt {
        Prompt {
            lang: Lang::Ru,
            time_left: None,
            session_left: None,
            kind: PromptKind::Answer,
        }
    }

    #[test]
    fn scripts_split_on_dashes() -> std::io::Result<()> {
        let mut script = ScriptSource::new("first\nline two\n---\n:skip\n---\n  third  \n---\n");
        assert_eq!(
            script.read(&prompt())?,
            Input::Answer("first\nline two".into())
        );
        assert_eq!(script.read(&prompt())?, Input::Command(Command::Skip));
        assert_eq!(script.read(&prompt())?, Input::Answer("third".into()));
        assert_eq!(script.read(&prompt())?, Input::End);
        Ok(())
    }

    #[test]
    fn commands_parse_with_arguments() {
        assert_eq!(
            Command::parse(":note почему так?"),
            Some(Command::Note("почему так?".into()))
        );
        assert_eq!(
            Command::parse(":why refcount"),
            Some(Command::Why("refcount".into()))
        );
        assert_eq!(Command::parse(" :SKIP "), Some(Command::Skip));
        assert_eq!(
            Command::parse(":frobnicate"),
            Some(Command::Unknown("frobnicate".into()))
        );
        assert_eq!(Command::parse(":) nice"), None);
        assert_eq!(Command::parse("not a command"), None);
    }

    #[test]
    fn an_answer_that_mentions_a_command_is_still_an_answer() -> std::io::Result<()> {
        let mut script = ScriptSource::new(":skip is what I'd do\nbut no");
        assert!(matches!(script.read(&prompt())?, Input::Answer(_)));
        Ok(())
    }
}
