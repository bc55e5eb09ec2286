//! A candidate's history: every answer of their saved sessions, flattened and in time order.
//! The adaptive question choice and the report both read it; the saved answers stay the source
//! of truth, so nothing here is ever stored.

use chrono::{DateTime, Utc};
use rustc_hash::FxHashMap;

use crate::bank::{PointId, QuestionId, TopicId};
use crate::grading::Score;
use crate::storage::StoredSession;

/// One graded answer from the past, borrowed from the session it is saved in.
#[derive(Clone, Debug, PartialEq)]
pub struct Attempt<'a> {
    /// The session it belongs to.
    pub session: &'a str,
    /// The question.
    pub question: &'a QuestionId,
    /// The topic it was saved under.
    pub topic: &'a TopicId,
    /// When it was asked.
    pub at: DateTime<Utc>,
    /// The score that counts (an interviewer's override when there is one).
    pub score: Score,
    /// Seconds taken.
    pub seconds: f64,
    /// Returns true if and only if it was skipped.
    pub skipped: bool,
    /// Key points missed.
    pub missed: &'a [PointId],
    /// Misconceptions stated.
    pub misconceptions: &'a [PointId],
}

/// Every attempt of one candidate (or of everyone), oldest first.
#[derive(Clone, Debug, Default)]
pub struct History<'a> {
    attempts: Vec<Attempt<'a>>,
}

impl<'a> History<'a> {
    /// The history in `sessions`, limited to `candidate` when given.
    pub fn from_sessions(sessions: &'a [StoredSession], candidate: Option<&str>) -> History<'a> {
        let mut attempts: Vec<Attempt<'a>> = sessions
            .iter()
            .filter(|s| candidate.is_none_or(|c| s.record.candidate == c))
            .flat_map(|s| {
                s.record.answers.iter().map(move |a| Attempt {
                    session: &s.id,
                    question: &a.question,
                    topic: &a.topic,
                    at: a.asked_at,
                    score: a.final_score(),
                    seconds: a.seconds,
                    skipped: a.skipped,
                    missed: &a.missed,
                    misconceptions: &a.misconceptions,
                })
            })
            .collect();
        attempts.sort_by_key(|a| a.at);
        History { attempts }
    }

    /// Every attempt, oldest first.
    pub fn attempts(&self) -> &[Attempt<'a>] {
        &self.attempts
    }

    /// Returns true if and only if there is no attempt at all.
    pub fn is_empty(&self) -> bool {
        self.attempts.is_empty()
    }

    /// The attempts at each question, oldest first.
    pub fn by_question(&self) -> FxHashMap<&'a QuestionId, Vec<&Attempt<'a>>> {
        let mut map: FxHashMap<&'a QuestionId, Vec<&Attempt<'a>>> = FxHashMap::default();
        for attempt in &self.attempts {
            map.entry(attempt.question).or_default().push(attempt);
        }
        map
    }

    /// The attempts in each topic, oldest first.
    pub fn by_topic(&self) -> FxHashMap<&'a TopicId, Vec<&Attempt<'a>>> {
        let mut map: FxHashMap<&'a TopicId, Vec<&Attempt<'a>>> = FxHashMap::default();
        for attempt in &self.attempts {
            map.entry(attempt.topic).or_default().push(attempt);
        }
        map
    }
}
