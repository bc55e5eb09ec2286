//! Choosing the questions of a session: in bank order, at random, or adaptively from the
//! candidate's history. Every choice is a pure function of the bank, the history, the clock
//! value and the seed, so the same seed gives the same session.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use rand::SeedableRng;
use rand::seq::SliceRandom;
use rand_chacha::ChaCha8Rng;

use crate::bank::{Bank, QuestionId, TopicId};
use crate::history::History;
use crate::storage::Mode;

/// What to plan.
#[derive(Clone, Debug)]
pub struct PlanOptions {
    /// How many questions.
    pub count: usize,
    /// Only these topics (all when empty).
    pub topics: Vec<TopicId>,
    /// How to choose.
    pub mode: Mode,
    /// The seed of every random choice.
    pub seed: u64,
}

/// A question's claim on a place in the session, from the candidate's history.
#[derive(Clone, Copy, Debug)]
struct Need {
    /// 0-100: how weak the candidate is here (unseen questions count as fairly weak).
    weakness: f64,
    /// Days since the question was last asked (a large number when never asked).
    days_since: f64,
}

/// The questions to ask, in order. Questions without a rubric are never planned.
pub fn plan(
    bank: &Bank,
    options: &PlanOptions,
    history: &History,
    now: DateTime<Utc>,
) -> Vec<QuestionId> {
    let mut rng = ChaCha8Rng::seed_from_u64(options.seed);
    let candidates: Vec<(&QuestionId, &TopicId)> = bank
        .questions()
        .filter(|q| options.topics.is_empty() || options.topics.contains(&q.topic.id))
        .filter(|q| bank.rubric(q.question.id.as_str()).is_some())
        .map(|q| (&q.question.id, &q.topic.id))
        .collect();
    let count = options.count.min(candidates.len());
    match options.mode {
        Mode::Sequential => candidates
            .iter()
            .take(count)
            .map(|(q, _)| (*q).clone())
            .collect(),
        Mode::Random => {
            let mut shuffled = candidates;
            shuffled.shuffle(&mut rng);
            shuffled
                .into_iter()
                .take(count)
                .map(|(q, _)| q.clone())
                .collect()
        }
        Mode::Adaptive => adaptive(&candidates, count, history, now, &mut rng),
    }
}

/// Weak and stale questions first, weak topics before strong ones, with the topics spread out
/// and a little seeded jitter so two sessions of the same day differ.
fn adaptive(
    candidates: &[(&QuestionId, &TopicId)],
    count: usize,
    history: &History,
    now: DateTime<Utc>,
    rng: &mut ChaCha8Rng,
) -> Vec<QuestionId> {
    let by_question = history.by_question();
    let by_topic = history.by_topic();
    let need = |question: &QuestionId| -> Need {
        match by_question.get(question).and_then(|a| a.last()) {
            Some(last) => Need {
                weakness: 100.0 - f64::from(last.score.value()),
                days_since: (now - last.at).num_seconds().max(0) as f64 / 86_400.0,
            },
            None => Need {
                weakness: 60.0,
                days_since: 30.0,
            },
        }
    };
    let topic_weakness: HashMap<&TopicId, f64> = by_topic
        .iter()
        .map(|(topic, attempts)| {
            // Recent answers count more: each older answer weighs 0.7 of the next one.
            let (mut sum, mut weights, mut weight) = (0.0, 0.0, 1.0);
            for attempt in attempts.iter().rev() {
                sum += weight * f64::from(attempt.score.value());
                weights += weight;
                weight *= 0.7;
            }
            (*topic, 100.0 - sum / weights.max(f64::EPSILON))
        })
        .collect();
    let mut scored: Vec<(f64, &QuestionId, &TopicId)> = candidates
        .iter()
        .map(|&(question, topic)| {
            use rand::RngExt;
            let need = need(question);
            let topic_need = topic_weakness.get(topic).copied().unwrap_or(55.0);
            // Asked in the last day: rest it, unless it went badly.
            let rest = if need.days_since < 1.0 { 25.0 } else { 0.0 };
            let priority = 0.55 * need.weakness + 0.3 * topic_need + need.days_since.min(30.0)
                - rest
                + rng.random_range(0.0..12.0);
            (priority, question, topic)
        })
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0));

    let mut chosen: Vec<QuestionId> = Vec::with_capacity(count);
    let mut per_topic: HashMap<&TopicId, usize> = HashMap::new();
    let mut pool = scored;
    while chosen.len() < count && !pool.is_empty() {
        // Each question already chosen from a topic costs that topic 35 points: a session
        // covers several areas, as a real interview does.
        let best = pool
            .iter()
            .enumerate()
            .max_by(|a, b| {
                let score = |(p, _, t): &(f64, &QuestionId, &TopicId)| {
                    p - 35.0 * *per_topic.get(t).unwrap_or(&0) as f64
                };
                score(a.1).total_cmp(&score(b.1))
            })
            .map(|(i, _)| i);
        let Some(index) = best else { break };
        let (_, question, topic) = pool.swap_remove(index);
        *per_topic.entry(topic).or_default() += 1;
        chosen.push(question.clone());
    }
    chosen
}
