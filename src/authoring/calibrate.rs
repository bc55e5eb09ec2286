//! `viva bank test`: how well the rubrics agree with an interviewer's own grades.
//!
//! Graded answers (JSON Lines `{"question", "answer", "score"}`, an optional `"id"`) are graded
//! again by the loaded rubrics; the agreement is Pearson's r between the two scores, the share
//! of answers in the same band, and the mean absolute error, overall and per question, with the
//! worst disagreements and what matched in them so the author sees which term is too loose or
//! missing.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::bank::{Bank, PointId};
use crate::grading::{self, Band, GradeOptions, Score};

/// One graded answer read from the file.
#[derive(Clone, Debug, PartialEq)]
pub struct GradedAnswer {
    /// The answer's id, if the file gives one.
    pub id: Option<String>,
    /// The question.
    pub question: String,
    /// The answer.
    pub answer: String,
    /// The interviewer's score, 0-100.
    pub expected: f64,
}

/// A line of the file that could not be used.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SkippedLine {
    /// The line number, from 1.
    pub line: usize,
    /// Why.
    pub reason: String,
}

/// Reads graded answers; bad lines are returned separately, never fatal.
pub fn read_graded(text: &str) -> (Vec<GradedAnswer>, Vec<SkippedLine>) {
    let mut answers = Vec::new();
    let mut skipped = Vec::new();
    for (index, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let number = index + 1;
        let value: serde_json::Value = match serde_json::from_str(line) {
            Ok(value) => value,
            Err(error) => {
                skipped.push(SkippedLine {
                    line: number,
                    reason: format!("not JSON: {error}"),
                });
                continue;
            }
        };
        let question = value.get("question").and_then(|v| v.as_str());
        let answer = value.get("answer").and_then(|v| v.as_str());
        let score = value.get("score").and_then(|v| v.as_f64());
        match (question, answer, score) {
            (Some(question), Some(answer), Some(score)) if (0.0..=100.0).contains(&score) => {
                answers.push(GradedAnswer {
                    id: value.get("id").map(|v| match v.as_str() {
                        Some(s) => s.to_owned(),
                        None => v.to_string(),
                    }),
                    question: question.to_owned(),
                    answer: answer.to_owned(),
                    expected: score,
                });
            }
            (_, _, Some(score)) if !(0.0..=100.0).contains(&score) => skipped.push(SkippedLine {
                line: number,
                reason: format!("score {score} is outside 0-100"),
            }),
            _ => skipped.push(SkippedLine {
                line: number,
                reason: "needs \"question\", \"answer\" and a numeric \"score\"".to_owned(),
            }),
        }
    }
    (answers, skipped)
}

/// Agreement on one question.
#[derive(Clone, Debug, Serialize)]
pub struct QuestionAgreement {
    /// The question.
    pub question: String,
    /// How many answers.
    pub count: usize,
    /// Mean absolute error.
    pub mae: f64,
    /// Share of answers in the same band.
    pub band_agreement: f64,
    /// The interviewer's mean score.
    pub expected_mean: f64,
    /// The engine's mean score.
    pub score_mean: f64,
}

/// One disagreement, with what the engine matched.
#[derive(Clone, Debug, Serialize)]
pub struct Disagreement {
    /// The answer's id, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The question.
    pub question: String,
    /// The engine's score.
    pub score: u8,
    /// The interviewer's score.
    pub expected: f64,
    /// The answer (first 200 characters).
    pub answer: String,
    /// Key points matched, with the words that matched.
    pub matched: Vec<(PointId, String)>,
    /// Key points missed.
    pub missed: Vec<PointId>,
    /// Misconceptions detected.
    pub misconceptions: Vec<PointId>,
    /// Returns true if and only if the answer was discounted as a keyword list.
    pub keyword_list: bool,
}

/// The whole calibration result.
#[derive(Clone, Debug, Serialize)]
pub struct Calibration {
    /// Answers graded.
    pub count: usize,
    /// Pearson's correlation between engine and interviewer.
    pub pearson_r: f64,
    /// Share of answers in the same band.
    pub band_agreement: f64,
    /// Mean absolute error.
    pub mae: f64,
    /// Per question, worst first.
    pub questions: Vec<QuestionAgreement>,
    /// The worst disagreements.
    pub worst: Vec<Disagreement>,
    /// Lines of the file that could not be used.
    pub skipped: Vec<SkippedLine>,
    /// Answers to questions the loaded banks do not have (or that have no rubric).
    pub unknown_questions: Vec<String>,
}

/// Pearson's r; 0 when either side has no variance.
pub fn pearson(xs: &[f64], ys: &[f64]) -> f64 {
    let n = xs.len().min(ys.len()) as f64;
    if n < 2.0 {
        return 0.0;
    }
    let mx = xs.iter().sum::<f64>() / n;
    let my = ys.iter().sum::<f64>() / n;
    let cov: f64 = xs.iter().zip(ys).map(|(x, y)| (x - mx) * (y - my)).sum();
    let vx: f64 = xs.iter().map(|x| (x - mx).powi(2)).sum();
    let vy: f64 = ys.iter().map(|y| (y - my).powi(2)).sum();
    if vx <= 0.0 || vy <= 0.0 {
        return 0.0;
    }
    cov / (vx.sqrt() * vy.sqrt())
}

fn band_of(score: f64) -> Band {
    Score::from_f64(score).band()
}

/// Grades every answer and measures the agreement; `worst` says how many disagreements to list.
pub fn calibrate(
    bank: &Bank,
    answers: &[GradedAnswer],
    skipped: Vec<SkippedLine>,
    worst: usize,
) -> Calibration {
    let mut expected = Vec::new();
    let mut scores = Vec::new();
    let mut disagreements = Vec::new();
    let mut per_question: BTreeMap<&str, Vec<(f64, f64)>> = BTreeMap::new();
    let mut unknown = Vec::new();
    for answer in answers {
        let Some(entry) = bank.rubric(&answer.question) else {
            if !unknown.contains(&answer.question) {
                unknown.push(answer.question.clone());
            }
            continue;
        };
        let grade = grading::grade(
            entry,
            bank.vocabulary(),
            &answer.answer,
            &GradeOptions::default(),
        );
        let score = f64::from(grade.score.value());
        expected.push(answer.expected);
        scores.push(score);
        per_question
            .entry(&answer.question)
            .or_default()
            .push((answer.expected, score));
        disagreements.push(Disagreement {
            id: answer.id.clone(),
            question: answer.question.clone(),
            score: grade.score.value(),
            expected: answer.expected,
            answer: answer.answer.chars().take(200).collect(),
            matched: grade
                .points
                .iter()
                .filter_map(|p| p.evidence.as_ref().map(|e| (p.id.clone(), e.quote())))
                .collect(),
            missed: grade.missed().cloned().collect(),
            misconceptions: grade.misconceptions.iter().map(|m| m.id.clone()).collect(),
            keyword_list: grade.keyword_list,
        });
    }
    let count = scores.len();
    let mae = if count == 0 {
        0.0
    } else {
        expected
            .iter()
            .zip(&scores)
            .map(|(e, s)| (e - s).abs())
            .sum::<f64>()
            / count as f64
    };
    let same_band = expected
        .iter()
        .zip(&scores)
        .filter(|(e, s)| band_of(**e) == band_of(**s))
        .count();
    let band_agreement = if count == 0 {
        0.0
    } else {
        same_band as f64 / count as f64
    };
    let mut questions: Vec<QuestionAgreement> = per_question
        .into_iter()
        .map(|(question, pairs)| {
            let n = pairs.len() as f64;
            QuestionAgreement {
                question: question.to_owned(),
                count: pairs.len(),
                mae: pairs.iter().map(|(e, s)| (e - s).abs()).sum::<f64>() / n,
                band_agreement: pairs
                    .iter()
                    .filter(|(e, s)| band_of(*e) == band_of(*s))
                    .count() as f64
                    / n,
                expected_mean: pairs.iter().map(|(e, _)| e).sum::<f64>() / n,
                score_mean: pairs.iter().map(|(_, s)| s).sum::<f64>() / n,
            }
        })
        .collect();
    questions.sort_by(|a, b| b.mae.total_cmp(&a.mae));
    disagreements.sort_by(|a, b| {
        (f64::from(b.score) - b.expected)
            .abs()
            .total_cmp(&(f64::from(a.score) - a.expected).abs())
    });
    disagreements.truncate(worst);
    Calibration {
        count,
        pearson_r: pearson(&expected, &scores),
        band_agreement,
        mae,
        questions,
        worst: disagreements,
        skipped,
        unknown_questions: unknown,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pearson_of_perfect_and_inverse_lines() {
        assert!((pearson(&[1.0, 2.0, 3.0], &[2.0, 4.0, 6.0]) - 1.0).abs() < 1e-9);
        assert!((pearson(&[1.0, 2.0, 3.0], &[3.0, 2.0, 1.0]) + 1.0).abs() < 1e-9);
        assert_eq!(pearson(&[1.0, 1.0], &[1.0, 2.0]), 0.0);
    }

    #[test]
    fn bad_lines_are_skipped_with_their_number() {
        let (answers, skipped) = read_graded(
            "{\"question\": \"q\", \"answer\": \"a\", \"score\": 50}\nnope\n\n{\"question\": \"q\", \"answer\": \"a\", \"score\": 500}\n{\"question\": \"q\"}\n",
        );
        assert_eq!(answers.len(), 1);
        let lines: Vec<usize> = skipped.iter().map(|s| s.line).collect();
        assert_eq!(lines, [2, 4, 5]);
    }
}
