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
use crate::schedule::Schedule;
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

/// Weak and due questions first, weak topics before strong ones, with the topics spread out
/// and a little seeded jitter so two sessions of the same day differ. "Due" comes from the FSRS
/// schedule of the history ([`crate::schedule`]); questions never asked count as due and fairly
/// weak.
fn adaptive(
    candidates: &[(&QuestionId, &TopicId)],
    count: usize,
    history: &History,
    now: DateTime<Utc>,
    rng: &mut ChaCha8Rng,
) -> Vec<QuestionId> {
    use rand::RngExt;
    let schedule = Schedule::compute(history, None);
    let today = now.date_naive();
    let by_topic = history.by_topic();
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
    let mut pool: Vec<(f64, &QuestionId, &TopicId)> = candidates
        .iter()
        .map(|&(question, topic)| {
            let topic_need = topic_weakness.get(topic).copied().unwrap_or(55.0);
            let (weakness, timing) = match schedule.state(question.as_str()) {
                Some(state) => {
                    let overdue = (today - state.due).num_days() as f64;
                    // Overdue questions climb; ones not due yet sink, the further out the more.
                    let timing = if overdue >= 0.0 {
                        10.0 + (3.0 * overdue).min(30.0)
                    } else {
                        (5.0 * overdue).max(-40.0)
                    };
                    (100.0 - f64::from(state.last_score.value()), timing)
                }
                None => (60.0, 15.0),
            };
            let priority =
                0.55 * weakness + 0.3 * topic_need + timing + rng.random_range(0.0..12.0);
            (priority, question, topic)
        })
        .collect();
    pool.sort_by(|a, b| b.0.total_cmp(&a.0));

    let mut chosen: Vec<QuestionId> = Vec::with_capacity(count);
    let mut per_topic: HashMap<&TopicId, usize> = HashMap::new();
    while chosen.len() < count && !pool.is_empty() {
        // Each question already chosen from a topic costs that topic 35 points: a session
        // covers several areas, as a real interview does.
        let adjusted = |(priority, _, topic): &(f64, &QuestionId, &TopicId)| {
            priority - 35.0 * *per_topic.get(topic).unwrap_or(&0) as f64
        };
        let best = pool
            .iter()
            .enumerate()
            .max_by(|a, b| adjusted(a.1).total_cmp(&adjusted(b.1)))
            .map(|(i, _)| i);
        let Some(index) = best else { break };
        let (_, question, topic) = pool.swap_remove(index);
        *per_topic.entry(topic).or_default() += 1;
        chosen.push(question.clone());
    }
    chosen
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::Bank;

    fn builtin() -> Bank {
        Bank::builtin().bank
    }

    fn options(mode: Mode, seed: u64) -> PlanOptions {
        PlanOptions {
            count: 5,
            topics: Vec::new(),
            mode,
            seed,
        }
    }

    #[test]
    fn the_same_seed_gives_the_same_session() {
        let bank = builtin();
        let now = Utc::now();
        for mode in [Mode::Adaptive, Mode::Random] {
            let a = plan(&bank, &options(mode, 42), &History::default(), now);
            let b = plan(&bank, &options(mode, 42), &History::default(), now);
            assert_eq!(a, b);
            let unique: std::collections::HashSet<_> = a.iter().collect();
            assert_eq!(unique.len(), a.len(), "no question repeats");
        }
    }

    #[test]
    fn sequential_follows_the_bank_and_topics_filter() {
        let bank = builtin();
        let mut opts = options(Mode::Sequential, 1);
        opts.topics = vec!["gil".into()];
        let planned = plan(&bank, &opts, &History::default(), Utc::now());
        assert!(!planned.is_empty());
        assert!(planned.iter().all(|q| q.as_str().starts_with("gil.")));
        assert_eq!(planned[0].as_str(), "gil.cpu-scaling");
    }
}
