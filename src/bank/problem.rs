//! Problems found in bank and rubric files, each with the place in the file where it is.

use std::fmt;

use crate::grading::term::TermError;
use crate::lang::Lang;

use super::model::{PointId, QuestionId, TopicId};

/// A place in a file: `path:line:column`, or just `path` when the problem has no single place.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Location {
    /// The file as the user named it (built-in files start with `<built-in>/`).
    pub path: String,
    /// Line and column (both from 1, the column in characters), when known.
    pub position: Option<(usize, usize)>,
}

impl Location {
    /// A location at a line and column of `path`.
    pub fn at(path: impl Into<String>, line: usize, column: usize) -> Self {
        Location {
            path: path.into(),
            position: Some((line, column)),
        }
    }

    /// The whole file `path`.
    pub fn file(path: impl Into<String>) -> Self {
        Location {
            path: path.into(),
            position: None,
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.position {
            Some((line, column)) => write!(f, "{}:{line}:{column}", self.path),
            None => f.write_str(&self.path),
        }
    }
}

/// One problem in a bank or rubric file.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[error("{location}: {kind}")]
pub struct Problem {
    /// Where it is.
    pub location: Location,
    /// What it is.
    pub kind: ProblemKind,
}

/// The kinds of problems a bank or rubric file can have. Each displays as one lowercase sentence.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum ProblemKind {
    /// The file could not be read.
    #[error("cannot read the file: {0}")]
    Unreadable(String),
    /// A path given on the command line does not exist.
    #[error("no such file or folder")]
    Missing,
    /// A folder without any `.ron` file.
    #[error("the folder holds no `.ron` bank or rubric files")]
    NoFiles,
    /// Bytes that are not UTF-8.
    #[error("the file is not UTF-8 text; save it as UTF-8")]
    NotUtf8,
    /// Nothing but whitespace and comments.
    #[error("the file is empty; write a `Topic(...)` or a `Rubric(...)` in it")]
    Empty,
    /// Larger than viva reads.
    #[error("the file is {bytes} bytes; bank files are limited to {limit} bytes")]
    TooBig {
        /// The file's size.
        bytes: u64,
        /// The limit.
        limit: u64,
    },
    /// Neither a topic nor a rubric.
    #[error("expected `Topic(...)` or `Rubric(...)` (or a list of them) but found {found}")]
    UnknownContent {
        /// What the file starts with.
        found: String,
    },
    /// RON that does not parse or does not fit the format.
    #[error("{0}")]
    Syntax(String),
    /// Two questions with one id.
    #[error("question id `{id}` is defined twice; the first is at {first}")]
    DuplicateQuestion {
        /// The id.
        id: QuestionId,
        /// Where it was first defined.
        first: Location,
    },
    /// Two topics with one id in one file.
    #[error("topic id `{id}` is defined twice in this file")]
    DuplicateTopic {
        /// The id.
        id: TopicId,
    },
    /// Two rubrics for one question without `replaces: true`.
    #[error(
        "question `{question}` already has a rubric at {first}; add `replaces: true` to replace it on purpose"
    )]
    DuplicateRubric {
        /// The question.
        question: QuestionId,
        /// Where the first rubric is.
        first: Location,
    },
    /// A key point or misconception id used twice in one rubric.
    #[error("`{id}` is used twice in the rubric of `{question}`")]
    DuplicatePoint {
        /// The question.
        question: QuestionId,
        /// The repeated id.
        id: PointId,
    },
    /// A rubric whose question is in no loaded bank.
    #[error("rubric for question `{question}`, which no loaded bank has")]
    RubricWithoutQuestion {
        /// The question.
        question: QuestionId,
    },
    /// A question with no rubric.
    #[error("question `{question}` has no rubric")]
    QuestionWithoutRubric {
        /// The question.
        question: QuestionId,
    },
    /// A topic with no questions.
    #[error("topic `{topic}` has no questions")]
    NoQuestions {
        /// The topic.
        topic: TopicId,
    },
    /// A rubric with no key points.
    #[error("the rubric of `{question}` has no key points")]
    NoPoints {
        /// The question.
        question: QuestionId,
    },
    /// A key point or misconception with no terms.
    #[error("`{id}` has no terms yet: list the words and phrases that express it")]
    NoTerms {
        /// The key point or misconception.
        id: PointId,
    },
    /// A term that does not parse.
    #[error("term `{}` of `{id}`: {error}", shorten(.term))]
    BadTerm {
        /// The key point or misconception.
        id: PointId,
        /// The term as written.
        term: String,
        /// Why it is wrong.
        error: TermError,
    },
    /// A weight that is zero, negative or not a number.
    #[error("key point `{id}` has weight {weight}; a weight must be a positive number")]
    BadWeight {
        /// The key point.
        id: PointId,
        /// The weight as read.
        weight: f64,
    },
    /// A penalty outside 1..=100.
    #[error("misconception `{id}` has penalty {penalty}; a penalty is between 1 and 100 points")]
    BadPenalty {
        /// The misconception.
        id: PointId,
        /// The penalty as read.
        penalty: f64,
    },
    /// A text without one of the file's languages.
    #[error("{what} has no {} text (`{}`) while the file is written in both languages", .lang.name(), .lang.code())]
    MissingLanguage {
        /// Which text, e.g. "the model answer of `gil.cpu-scaling`".
        what: String,
        /// The missing language.
        lang: Lang,
    },
    /// A required text left empty.
    #[error("{what} is empty")]
    EmptyText {
        /// Which text.
        what: String,
    },
    /// An id with spaces or odd characters.
    #[error("id `{id}` should use only lowercase letters, digits, `.`, `-` and `_`")]
    BadId {
        /// The id.
        id: String,
    },
    /// A topic of the built-in bank without its brief.
    #[error("topic `{topic}` has no brief in {}", .lang.name())]
    MissingBrief {
        /// The topic.
        topic: TopicId,
        /// The language it lacks.
        lang: Lang,
    },
}

/// A term as quoted in a message: long ones are cut, so a hostile file cannot flood the screen.
fn shorten(term: &str) -> String {
    const LIMIT: usize = 80;
    if term.chars().count() <= LIMIT {
        return term.to_owned();
    }
    let cut: String = term.chars().take(LIMIT).collect();
    format!("{cut}…")
}
