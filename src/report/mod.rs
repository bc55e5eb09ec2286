//! The progress report across sessions: weak areas ranked with their trend, what to study next,
//! and what is due for review.
//!
//! [`Report::build`] turns saved sessions (already filtered by the caller's options) into plain
//! data; [`render`] writes it as a table, Markdown or JSON, and [`html`] as one self-contained
//! page with charts. Nothing here reads files or the clock.
//!
//! The ranking: each topic's *standing* is the average of its scores weighted by age (an answer
//! loses half its weight every [`HALF_LIFE_DAYS`] days), pulled toward 50 as if
//! [`PRIOR_ANSWERS`] extra middling answers existed. One bad answer long ago is therefore an
//! uncertain middle, while five recent bad answers rank first.

pub mod html;
pub mod render;

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Days, NaiveDate, Utc};
use serde::Serialize;

use crate::bank::{Bank, PointId, QuestionId, TopicId};
use crate::history::{Attempt, History};
use crate::lang::Lang;
use crate::notes::Note;
use crate::schedule::Schedule;
use crate::storage::StoredSession;

/// An answer loses half its weight in the standing every this many days.
pub const HALF_LIFE_DAYS: f64 = 14.0;

/// How many middling (50-point) answers the standing assumes before any evidence.
pub const PRIOR_ANSWERS: f64 = 2.0;

/// A topic whose standing is below this is a weak area.
pub const WEAK_BELOW: f64 = 70.0;

/// How many recent scores a topic's sparkline shows.
pub const RECENT_SCORES: usize = 10;

/// How many scores a topic's chart (and the JSON `scores`) keeps: the most recent ones.
pub const CHART_SCORES: usize = 100;

/// How a report is limited.
#[derive(Clone, Debug, Default)]
pub struct ReportFilter {
    /// Only this candidate's sessions.
    pub candidate: Option<String>,
    /// Only sessions started on or after this day.
    pub since: Option<NaiveDate>,
    /// Only these topics.
    pub topics: Vec<TopicId>,
    /// Only the last N sessions (after the other filters).
    pub last: Option<usize>,
}

impl ReportFilter {
    /// The sessions that pass the filter, oldest first.
    pub fn apply(&self, mut sessions: Vec<StoredSession>) -> Vec<StoredSession> {
        sessions.sort_by(|a, b| (a.record.started_at, &a.id).cmp(&(b.record.started_at, &b.id)));
        sessions.retain(|s| {
            self.candidate
                .as_ref()
                .is_none_or(|c| &s.record.candidate == c)
                && self
                    .since
                    .is_none_or(|since| s.record.started_at.date_naive() >= since)
        });
        if !self.topics.is_empty() {
            for session in &mut sessions {
                session
                    .record
                    .answers
                    .retain(|a| self.topics.contains(&a.topic));
            }
            sessions.retain(|s| !s.record.answers.is_empty());
        }
        if let Some(last) = self.last {
            let skip = sessions.len().saturating_sub(last);
            sessions.drain(..skip);
        }
        sessions
    }
}

/// One score at a time, for charts.
#[derive(Clone, Debug, Serialize)]
pub struct ScorePoint {
    /// When it was answered.
    pub at: DateTime<Utc>,
    /// The score.
    pub score: u8,
    /// The question.
    pub question: QuestionId,
}

/// One topic's progress.
#[derive(Clone, Debug, Serialize)]
pub struct TopicReport {
    /// The topic id.
    pub topic: TopicId,
    /// Its title (the id when the bank no longer has it).
    pub title: String,
    /// Answers given.
    pub attempts: usize,
    /// Plain average score.
    pub average: f64,
    /// The last score.
    pub last: u8,
    /// The best score.
    pub best: u8,
    /// Points per session: the slope of the topic's per-session averages; + is improving.
    pub trend: f64,
    /// The standing used for ranking (see the module documentation).
    pub standing: f64,
    /// How much evidence the standing rests on (age-weighted answer count).
    pub evidence: f64,
    /// The last scores, oldest first.
    pub recent: Vec<u8>,
    /// The last scores drawn with Unicode blocks.
    pub sparkline: String,
    /// Mean seconds per answer.
    pub seconds_per_answer: f64,
    /// The earliest day a question of the topic is due for review.
    pub next_due: Option<NaiveDate>,
    /// Open notes in the mentor notebook about this topic.
    pub open_notes: usize,
    /// The command that shows the topic's brief and model answers.
    pub study: String,
    /// The last [`CHART_SCORES`] scores with their times, for charts.
    pub scores: Vec<ScorePoint>,
    /// The latest answer given in the topic (shortened), to show what the candidate says.
    pub last_answer: Option<String>,
}

/// A question due for review.
#[derive(Clone, Debug, Serialize)]
pub struct DueItem {
    /// The question.
    pub question: QuestionId,
    /// Its topic.
    pub topic: TopicId,
    /// The day it is due.
    pub due: NaiveDate,
    /// Its last score.
    pub last_score: u8,
}

/// A key point missed in several answers.
#[derive(Clone, Debug, Serialize)]
pub struct MissedPoint {
    /// The question.
    pub question: QuestionId,
    /// The topic.
    pub topic: TopicId,
    /// The key point.
    pub point: PointId,
    /// What the point says.
    pub statement: String,
    /// In how many answers it was missed.
    pub count: usize,
}

/// A misconception stated more than once, or once recently.
#[derive(Clone, Debug, Serialize)]
pub struct RepeatedMisconception {
    /// The question.
    pub question: QuestionId,
    /// The misconception.
    pub misconception: PointId,
    /// The wrong claim.
    pub claim: String,
    /// The correction.
    pub correction: String,
    /// How many times it was stated.
    pub count: usize,
}

/// The whole report.
#[derive(Clone, Debug, Serialize)]
pub struct Report {
    /// The candidate, when the report is about one.
    pub candidate: Option<String>,
    /// Sessions counted.
    pub sessions: usize,
    /// Answers counted.
    pub answers: usize,
    /// The first and last day of the sessions.
    pub period: Option<(NaiveDate, NaiveDate)>,
    /// Topics, weakest first.
    pub topics: Vec<TopicReport>,
    /// Topics whose standing is below [`WEAK_BELOW`], weakest first.
    pub weak_areas: Vec<TopicId>,
    /// Questions due today (or overdue).
    pub due_today: Vec<DueItem>,
    /// Questions due in the next seven days.
    pub due_this_week: Vec<DueItem>,
    /// Key points missed most often.
    pub missed_points: Vec<MissedPoint>,
    /// Misconceptions stated, most often first.
    pub misconceptions: Vec<RepeatedMisconception>,
    /// The interview date the schedule is capped by.
    pub until: Option<NaiveDate>,
    /// When the report was made.
    pub generated_at: DateTime<Utc>,
}

/// How many missed points and misconceptions the report lists.
const STUDY_ITEMS: usize = 10;

impl Report {
    /// Builds the report of `sessions` (already filtered).
    pub fn build(
        bank: &Bank,
        sessions: &[StoredSession],
        notes: &[Note],
        lang: Lang,
        until: Option<NaiveDate>,
        now: DateTime<Utc>,
    ) -> Report {
        let history = History::from_sessions(sessions, None);
        let schedule = Schedule::compute(&history, until);
        let today = now.date_naive();
        let candidates: Vec<&str> = {
            let mut names: Vec<&str> = sessions
                .iter()
                .map(|s| s.record.candidate.as_str())
                .collect();
            names.sort_unstable();
            names.dedup();
            names
        };
        let session_index: HashMap<&str, usize> = sessions
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id.as_str(), i))
            .collect();

        let mut topics: Vec<TopicReport> = history
            .by_topic()
            .into_iter()
            .map(|(topic, attempts)| {
                let title = bank
                    .topic(topic.as_str())
                    .map_or_else(|| topic.to_string(), |t| t.topic.title.get(lang).to_owned());
                topic_report(
                    topic,
                    title,
                    &attempts,
                    &session_index,
                    &schedule,
                    notes,
                    now,
                )
            })
            .collect();
        let mut last_answers: HashMap<&TopicId, &str> = HashMap::new();
        for answer in sessions
            .iter()
            .rev()
            .flat_map(|s| s.record.answers.iter().rev())
        {
            if last_answers.len() == topics.len() {
                break;
            }
            if !answer.skipped && !answer.answer.trim().is_empty() {
                last_answers.entry(&answer.topic).or_insert(&answer.answer);
            }
        }
        for topic in &mut topics {
            topic.last_answer = last_answers
                .get(&topic.topic)
                .map(|a| shorten(a, LAST_ANSWER_CHARS));
        }
        topics.sort_by(|a, b| {
            a.standing
                .total_cmp(&b.standing)
                .then_with(|| a.topic.cmp(&b.topic))
        });
        let weak_areas = topics
            .iter()
            .filter(|t| t.standing < WEAK_BELOW)
            .map(|t| t.topic.clone())
            .collect();

        let week_end = today.checked_add_days(Days::new(7)).unwrap_or(today);
        let mut due_today = Vec::new();
        let mut due_this_week = Vec::new();
        for state in schedule.by_due() {
            let item = DueItem {
                question: state.question.clone(),
                topic: state.topic.clone(),
                due: state.due,
                last_score: state.last_score.value(),
            };
            if state.due <= today {
                due_today.push(item);
            } else if state.due <= week_end {
                due_this_week.push(item);
            }
        }

        let period = match (sessions.first(), sessions.last()) {
            (Some(first), Some(last)) => Some((
                first.record.started_at.date_naive(),
                last.record.started_at.date_naive(),
            )),
            _ => None,
        };
        Report {
            candidate: (candidates.len() == 1).then(|| candidates[0].to_owned()),
            sessions: sessions.len(),
            answers: history.attempts().len(),
            period,
            topics,
            weak_areas,
            due_today,
            due_this_week,
            missed_points: missed_points(bank, history.attempts(), lang),
            misconceptions: misconceptions(bank, history.attempts(), lang),
            until,
            generated_at: now,
        }
    }
}

fn topic_report(
    topic: &TopicId,
    title: String,
    attempts: &[&Attempt],
    session_index: &HashMap<&str, usize>,
    schedule: &Schedule,
    notes: &[Note],
    now: DateTime<Utc>,
) -> TopicReport {
    let scores: Vec<f64> = attempts
        .iter()
        .map(|a| f64::from(a.score.value()))
        .collect();
    let n = scores.len().max(1) as f64;
    let (mut weighted, mut evidence) = (0.0, 0.0);
    for attempt in attempts {
        let age_days = (now - attempt.at).num_seconds().max(0) as f64 / 86_400.0;
        let weight = 0.5f64.powf(age_days / HALF_LIFE_DAYS);
        weighted += weight * f64::from(attempt.score.value());
        evidence += weight;
    }
    let standing = (weighted + PRIOR_ANSWERS * 50.0) / (evidence + PRIOR_ANSWERS);

    // Per-session averages in session order give the trend.
    let mut by_session: BTreeMap<usize, (f64, f64)> = BTreeMap::new();
    for attempt in attempts {
        let index = session_index.get(attempt.session).copied().unwrap_or(0);
        let entry = by_session.entry(index).or_default();
        entry.0 += f64::from(attempt.score.value());
        entry.1 += 1.0;
    }
    let session_averages: Vec<f64> = by_session
        .values()
        .map(|(sum, count)| sum / count)
        .collect();
    let recent: Vec<u8> = attempts
        .iter()
        .rev()
        .take(RECENT_SCORES)
        .rev()
        .map(|a| a.score.value())
        .collect();
    let next_due = attempts
        .iter()
        .filter_map(|a| schedule.state(a.question.as_str()).map(|s| s.due))
        .min();
    TopicReport {
        topic: topic.clone(),
        title,
        attempts: attempts.len(),
        average: round1(scores.iter().sum::<f64>() / n),
        last: attempts.last().map_or(0, |a| a.score.value()),
        best: attempts.iter().map(|a| a.score.value()).max().unwrap_or(0),
        trend: round1(slope(&session_averages)),
        standing: round1(standing),
        evidence: round1(evidence),
        sparkline: sparkline(&recent),
        recent,
        seconds_per_answer: round1(attempts.iter().map(|a| a.seconds).sum::<f64>() / n),
        next_due,
        open_notes: notes
            .iter()
            .filter(|note| note.is_open() && note.topic.as_ref() == Some(topic))
            .count(),
        study: format!("viva study {topic}"),
        scores: attempts[attempts.len().saturating_sub(CHART_SCORES)..]
            .iter()
            .map(|a| ScorePoint {
                at: a.at,
                score: a.score.value(),
                question: (*a.question).clone(),
            })
            .collect(),
        last_answer: None,
    }
}

/// How much of the latest answer a topic shows.
const LAST_ANSWER_CHARS: usize = 400;

fn shorten(text: &str, chars: usize) -> String {
    let mut out: String = text.chars().take(chars).collect();
    if text.chars().count() > chars {
        out.push('…');
    }
    out
}

fn round1(value: f64) -> f64 {
    if value.is_finite() {
        (value * 10.0).round() / 10.0
    } else {
        0.0
    }
}

/// The least-squares slope of `values` against their index: points per session.
pub fn slope(values: &[f64]) -> f64 {
    let n = values.len();
    if n < 2 {
        return 0.0;
    }
    let mean_x = (n - 1) as f64 / 2.0;
    let mean_y = values.iter().sum::<f64>() / n as f64;
    let (mut num, mut den) = (0.0, 0.0);
    for (i, y) in values.iter().enumerate() {
        let dx = i as f64 - mean_x;
        num += dx * (y - mean_y);
        den += dx * dx;
    }
    if den == 0.0 { 0.0 } else { num / den }
}

/// Scores 0-100 as Unicode block characters, one per score.
pub fn sparkline(scores: &[u8]) -> String {
    const BLOCKS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    scores
        .iter()
        .map(|&s| BLOCKS[(usize::from(s.min(100)) * 7 + 50) / 100])
        .collect()
}

fn missed_points(bank: &Bank, attempts: &[Attempt], lang: Lang) -> Vec<MissedPoint> {
    let mut counts: HashMap<(&QuestionId, &PointId), (usize, &TopicId)> = HashMap::new();
    for attempt in attempts.iter().filter(|a| !a.skipped) {
        for point in attempt.missed {
            counts
                .entry((attempt.question, point))
                .or_insert((0, attempt.topic))
                .0 += 1;
        }
    }
    let mut missed: Vec<MissedPoint> = counts
        .into_iter()
        .map(|((question, point), (count, topic))| {
            let statement = bank
                .rubric(question.as_str())
                .and_then(|r| r.rubric.points.iter().find(|p| &p.id == point))
                .map_or_else(|| point.to_string(), |p| p.statement.get(lang).to_owned());
            MissedPoint {
                question: question.clone(),
                topic: topic.clone(),
                point: point.clone(),
                statement,
                count,
            }
        })
        .collect();
    missed.sort_by(|a, b| {
        b.count
            .cmp(&a.count)
            .then_with(|| (&a.question, &a.point).cmp(&(&b.question, &b.point)))
    });
    missed.truncate(STUDY_ITEMS);
    missed
}

fn misconceptions(bank: &Bank, attempts: &[Attempt], lang: Lang) -> Vec<RepeatedMisconception> {
    let mut counts: HashMap<(&QuestionId, &PointId), usize> = HashMap::new();
    for attempt in attempts {
        for id in attempt.misconceptions {
            *counts.entry((attempt.question, id)).or_default() += 1;
        }
    }
    let mut found: Vec<RepeatedMisconception> = counts
        .into_iter()
        .map(|((question, id), count)| {
            let known = bank
                .rubric(question.as_str())
                .and_then(|r| r.rubric.misconceptions.iter().find(|m| &m.id == id));
            RepeatedMisconception {
                question: question.clone(),
                misconception: id.clone(),
                claim: known.map_or_else(|| id.to_string(), |m| m.claim.get(lang).to_owned()),
                correction: known.map_or_else(String::new, |m| m.correction.get(lang).to_owned()),
                count,
            }
        })
        .collect();
    found.sort_by(|a, b| {
        b.count
            .cmp(&a.count)
            .then_with(|| a.question.cmp(&b.question))
    });
    found.truncate(STUDY_ITEMS);
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sparklines_span_the_blocks() {
        assert_eq!(sparkline(&[0, 50, 100]), "▁▅█");
        assert_eq!(sparkline(&[]), "");
    }

    #[test]
    fn slope_is_points_per_session() {
        assert_eq!(slope(&[40.0, 50.0, 60.0]), 10.0);
        assert_eq!(slope(&[70.0]), 0.0);
        assert!(slope(&[80.0, 60.0]) < 0.0);
    }
}
