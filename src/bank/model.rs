//! What bank and rubric files hold, exactly as they are written in RON.
//!
//! A question bank file holds one `Topic(...)` or a list `[Topic(...), ...]`; a rubric file holds
//! one `Rubric(...)` or a list of them. Questions and rubrics live in separate files so that an
//! interviewer can hand out questions without answers, or swap a strict rubric for a lenient one.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::lang::{Lines, Text};

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub String);

        impl $name {
            /// The id as written.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl From<&str> for $name {
            fn from(id: &str) -> Self {
                $name(id.to_owned())
            }
        }

        impl std::borrow::Borrow<str> for $name {
            fn borrow(&self) -> &str {
                &self.0
            }
        }
    };
}

id_type!(
    /// The stable id of a topic, such as `gil`.
    TopicId
);
id_type!(
    /// The stable id of a question, such as `gil.cpu-scaling`: saved sessions and graded
    /// answers refer to it, so it never changes once shipped.
    QuestionId
);
id_type!(
    /// The id of a key point or a misconception, unique within its rubric.
    PointId
);

/// How hard a question is, as an interviewer would place it.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
pub enum Difficulty {
    /// Asked of every candidate.
    Junior,
    /// The level of a working backend developer.
    #[default]
    Middle,
    /// Separates seniors from the rest.
    Senior,
}

impl Difficulty {
    /// The lowercase name shown to users.
    pub fn name(self) -> &'static str {
        match self {
            Difficulty::Junior => "junior",
            Difficulty::Middle => "middle",
            Difficulty::Senior => "senior",
        }
    }
}

/// A topic of a bank: `Topic(id: ..., title: ..., questions: [...])`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Topic {
    /// The stable id.
    pub id: TopicId,
    /// The title in both languages.
    pub title: Text,
    /// Links to read about the topic.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<String>,
    /// A short cheat sheet of the topic in both languages, one idea per line.
    #[serde(default, skip_serializing_if = "Lines::is_empty")]
    pub brief: Lines,
    /// The questions of the topic.
    pub questions: Vec<Question>,
}

/// A question: `Question(id: ..., text: ..., difficulty: ..., tags: [...], model_answer: ...)`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    /// The stable id.
    pub id: QuestionId,
    /// The question as the interviewer asks it.
    pub text: Text,
    /// How hard it is.
    #[serde(default)]
    pub difficulty: Difficulty,
    /// Free-form tags for filtering.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// What a strong candidate says, in 3-6 sentences.
    pub model_answer: Text,
}

/// The grading rubric of one question: `Rubric(question: ..., points: [...], misconceptions: [...])`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rubric {
    /// The question this rubric grades.
    pub question: QuestionId,
    /// Returns true if and only if this rubric deliberately replaces one loaded earlier for the
    /// same question (a stricter or translated rubric layered over a shared bank).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub replaces: bool,
    /// What the interviewer listens for.
    pub points: Vec<KeyPoint>,
    /// Wrong claims that cost points.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub misconceptions: Vec<Misconception>,
}

/// A key point: `Point(id: ..., weight: ..., statement: ..., terms: [...])`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "Point")]
pub struct KeyPoint {
    /// The id, unique in the rubric.
    pub id: PointId,
    /// How much the point counts relative to the others.
    #[serde(default = "default_weight")]
    pub weight: f64,
    /// The point stated briefly, shown to the candidate when they miss it.
    pub statement: Text,
    /// Ways a candidate may express the point (see the term syntax); any one is enough.
    pub terms: Vec<String>,
    /// A short follow-up question an interviewer asks when the point is missing.
    #[serde(default, skip_serializing_if = "Text::is_empty")]
    pub follow_up: Text,
}

fn default_weight() -> f64 {
    1.0
}

/// A misconception: `Misconception(id: ..., penalty: ..., claim: ..., correction: ..., terms: [...])`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Misconception {
    /// The id, unique in the rubric.
    pub id: PointId,
    /// Points (out of 100) subtracted when the claim is made.
    pub penalty: f64,
    /// The wrong claim, as a weak candidate would make it.
    pub claim: Text,
    /// What is actually true, shown when the claim is detected.
    pub correction: Text,
    /// Ways the claim is expressed; a negated mention ("JWT does not encrypt") does not count.
    pub terms: Vec<String>,
}
