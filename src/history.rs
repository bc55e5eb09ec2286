//! A candidate's history: every answer of their saved sessions, flattened and in time order.
//! The adaptive question choice and the report both read it; the saved answers stay the source
//! of truth, so nothing here is ever stored.

use std::collections::HashMap;

use chrono::{DateTime, Utc};

use crate::bank::{PointId, QuestionId, TopicId};
use crate::grading::Score;
use crate::storage::StoredSession;

/// One graded answer from the past.
#[derive(Clone, Debug, PartialEq)]
pub struct Attempt {
    /// The session it belongs to.
    pub session: String,
    /// The question.
    pub question: QuestionId,
    /// The topic it was saved under.
    pub topic: TopicId,
    /// When it was asked.
    pub at: DateTime<Utc>,
    /// The score that counts (an interviewer's override when there is one).
    pub score: Score,
    /// Seconds taken.
    pub seconds: f64,
    /// Returns true if and only if it was skipped.
    pub skipped: bool,
    /// Key points missed.
    pub missed: Vec<PointId>,
    /// Misconceptions stated.
    pub misconceptions: Vec<PointId>,
}

/// Every attempt of one candidate (or of everyone), oldest first.
#[derive(Clone, Debug, Default)]
pub struct History {
    attempts: Vec<Attempt>,
}

impl History {
    /// The history in `sessions`, limited to `candidate` when given.
    pub fn from_sessions(sessions: &[StoredSession], candidate: Option<&str>) -> History {
        let mut attempts: Vec<Attempt> = sessions
            .iter()
            .filter(|s| candidate.is_none_or(|c| s.record.candidate == c))
            .flat_map(|s| {
                s.record.answers.iter().map(move |a| Attempt {
                    session: s.id.clone(),
                    question: a.question.clone(),
                    topic: a.topic.clone(),
                    at: a.asked_at,
                    score: a.final_score(),
                    seconds: a.seconds,
                    skipped: a.skipped,
                    missed: a.missed.clone(),
                    misconceptions: a.misconceptions.clone(),
                })
            })
            .collect();
        attempts.sort_by_key(|a| a.at);
        History { attempts }
    }

    /// Every attempt, oldest first.
    pub fn attempts(&self) -> &[Attempt] {
        &self.attempts
    }

    /// Returns true if and only if there is no attempt at all.
    pub fn is_empty(&self) -> bool {
        self.attempts.is_empty()
    }

    /// The attempts at each question, oldest first.
    pub fn by_question(&self) -> HashMap<&QuestionId, Vec<&Attempt>> {
        let mut map: HashMap<&QuestionId, Vec<&Attempt>> = HashMap::new();
        for attempt in &self.attempts {
            map.entry(&attempt.question).or_default().push(attempt);
        }
        map
    }

    /// The attempts in each topic, oldest first.
    pub fn by_topic(&self) -> HashMap<&TopicId, Vec<&Attempt>> {
        let mut map: HashMap<&TopicId, Vec<&Attempt>> = HashMap::new();
        for attempt in &self.attempts {
            map.entry(&attempt.topic).or_default().push(attempt);
        }
        map
    }
}
