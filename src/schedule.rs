//! Spaced repetition: when each question is next due for review, from the FSRS model with its
//! default parameters.
//!
//! The saved answers are the source of truth: the schedule is recomputed from the history every
//! time, so editing a question's text never resets progress. Scores map to FSRS ratings by band:
//! weak (0-39) → Again, partial (40-69) → Hard, strong (70-89) → Good, 90 and above → Easy; a
//! skipped question is Again. Intervals can be capped by an interview date, so everything comes
//! round again before it.

use std::collections::HashMap;

use chrono::{DateTime, Days, NaiveDate, Utc};
use fsrs::{FSRS, FSRSItem, FSRSReview};

use crate::bank::{QuestionId, TopicId};
use crate::grading::{Band, Score};
use crate::history::{Attempt, History};

/// The retention FSRS schedules for: review when recall has dropped to 90%.
pub const DESIRED_RETENTION: f32 = 0.9;

/// The FSRS rating of an answer.
pub fn rating(score: Score, skipped: bool) -> u32 {
    if skipped {
        return 1;
    }
    match score.band() {
        Band::Weak => 1,
        Band::Partial => 2,
        Band::Strong if score.value() >= 90 => 4,
        Band::Strong => 3,
    }
}

/// Where one question stands.
#[derive(Clone, Debug, PartialEq)]
pub struct ReviewState {
    /// The question.
    pub question: QuestionId,
    /// Its topic, as last saved.
    pub topic: TopicId,
    /// How many times it was answered.
    pub reviews: usize,
    /// When it was last answered.
    pub last_review: DateTime<Utc>,
    /// Its last score.
    pub last_score: Score,
    /// FSRS stability in days (how long the memory lasts).
    pub stability: f32,
    /// The day it is due again.
    pub due: NaiveDate,
}

/// The review state of every question in a history.
#[derive(Clone, Debug, Default)]
pub struct Schedule {
    states: HashMap<QuestionId, ReviewState>,
}

impl Schedule {
    /// Computes the schedule of `history`; with `until`, no question is due after that day.
    pub fn compute(history: &History, until: Option<NaiveDate>) -> Schedule {
        let fsrs = FSRS::default();
        let mut states = HashMap::new();
        for (question, attempts) in history.by_question() {
            if let Some(state) = review_state(&fsrs, question, &attempts, until) {
                states.insert(question.clone(), state);
            }
        }
        Schedule { states }
    }

    /// The state of `question`, if it was ever answered.
    pub fn state(&self, question: &str) -> Option<&ReviewState> {
        self.states.get(question)
    }

    /// Every state, soonest due first.
    pub fn by_due(&self) -> Vec<&ReviewState> {
        let mut states: Vec<&ReviewState> = self.states.values().collect();
        states.sort_by(|a, b| (a.due, &a.question).cmp(&(b.due, &b.question)));
        states
    }
}

fn review_state(
    fsrs: &FSRS,
    question: &QuestionId,
    attempts: &[&Attempt],
    until: Option<NaiveDate>,
) -> Option<ReviewState> {
    let last = attempts.last()?;
    let mut reviews = Vec::with_capacity(attempts.len());
    let mut previous: Option<NaiveDate> = None;
    for attempt in attempts {
        let day = attempt.at.date_naive();
        let delta = previous.map_or(0, |p| (day - p).num_days().max(0) as u32);
        reviews.push(FSRSReview {
            rating: rating(attempt.score, attempt.skipped),
            delta_t: delta,
        });
        previous = Some(day);
    }
    let last_day = last.at.date_naive();
    // A failed history (non-finite state) falls back to reviewing the next day.
    let (stability, interval) = match fsrs.memory_state(FSRSItem { reviews }, None) {
        Ok(state) => {
            let interval = fsrs.next_interval(Some(state.stability), DESIRED_RETENTION, 3);
            (state.stability, interval)
        }
        Err(_) => (0.0, 1.0),
    };
    let days = if interval.is_finite() {
        interval.round().clamp(1.0, 36_500.0) as u64
    } else {
        1
    };
    let mut due = last_day
        .checked_add_days(Days::new(days))
        .unwrap_or(last_day);
    if let Some(until) = until
        && due > until
    {
        due = until.max(last_day);
    }
    Some(ReviewState {
        question: question.clone(),
        topic: last.topic.clone(),
        reviews: attempts.len(),
        last_review: last.at,
        last_score: last.score,
        stability,
        due,
    })
}

#[cfg(test)]
mod tests {
    use std::sync::LazyLock;

    use super::*;

    static QUESTION: LazyLock<QuestionId> = LazyLock::new(|| "q".into());
    static TOPIC: LazyLock<TopicId> = LazyLock::new(|| "t".into());

    fn attempt(day: u32, score: u8) -> Attempt<'static> {
        Attempt {
            session: "s",
            question: &QUESTION,
            topic: &TOPIC,
            at: DateTime::parse_from_rfc3339(&format!("2026-11-{day:02}T10:00:00Z"))
                .map(|t| t.with_timezone(&Utc))
                .unwrap_or_default(),
            score: Score::from_f64(f64::from(score)),
            seconds: 30.0,
            skipped: false,
            missed: &[],
            misconceptions: &[],
        }
    }

    #[test]
    fn scores_map_to_ratings_by_band() {
        let r = |s: f64| rating(Score::from_f64(s), false);
        assert_eq!([r(10.0), r(55.0), r(75.0), r(95.0)], [1, 2, 3, 4]);
        assert_eq!(rating(Score::from_f64(95.0), true), 1);
    }

    #[test]
    fn good_answers_wait_longer_than_weak_ones() {
        let fsrs = FSRS::default();
        let q: QuestionId = "q".into();
        let weak = [attempt(1, 20)];
        let strong = [attempt(1, 95)];
        let weak = review_state(&fsrs, &q, &weak.iter().collect::<Vec<_>>(), None).map(|s| s.due);
        let strong =
            review_state(&fsrs, &q, &strong.iter().collect::<Vec<_>>(), None).map(|s| s.due);
        assert!(weak < strong, "{weak:?} vs {strong:?}");
    }

    #[test]
    fn an_interview_date_caps_the_interval() {
        let fsrs = FSRS::default();
        let q: QuestionId = "q".into();
        let attempts = [attempt(1, 95), attempt(5, 95), attempt(20, 95)];
        let until = NaiveDate::from_ymd_opt(2026, 11, 25);
        let state = review_state(&fsrs, &q, &attempts.iter().collect::<Vec<_>>(), until);
        assert_eq!(state.map(|s| s.due), until);
    }
}
