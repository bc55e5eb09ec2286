//! Grading: an answer against a rubric, to a score out of 100 with its reasons.
//!
//! [`analysis`] turns text into tokens, [`term`] parses the rubric term syntax, [`matcher`] finds
//! terms in an answer, and [`grade`] weighs what was found into a [`Grade`]: the weighted share
//! of key points covered, scaled so that a complete answer need not recite every minor point,
//! discounted when the answer is a bare list of keywords, minus the penalties of misconceptions.

pub mod analysis;
pub mod explain;
pub mod matcher;
pub mod term;

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::bank::{PointId, RubricEntry};
use analysis::Analysis;
use matcher::{Found, Vocabulary};

/// A score out of 100.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct Score(u8);

impl Score {
    /// The lowest score.
    pub const ZERO: Score = Score(0);

    /// A score from any number: rounded and clamped to 0..=100.
    pub fn from_f64(value: f64) -> Score {
        if value.is_nan() {
            return Score(0);
        }
        Score(value.round().clamp(0.0, 100.0) as u8)
    }

    /// The score as a number 0..=100.
    pub fn value(self) -> u8 {
        self.0
    }

    /// The band the score falls in.
    pub fn band(self) -> Band {
        match self.0 {
            0..=39 => Band::Weak,
            40..=69 => Band::Partial,
            _ => Band::Strong,
        }
    }
}

impl fmt::Display for Score {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// A score band: weak 0-39, partial 40-69, strong 70-100.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Band {
    /// 0-39: the answer misses what matters.
    Weak,
    /// 40-69: on the way, with gaps.
    Partial,
    /// 70-100: what a senior interviewer wants to hear.
    Strong,
}

impl Band {
    /// The lowercase name used in files and output.
    pub fn name(self) -> &'static str {
        match self {
            Band::Weak => "weak",
            Band::Partial => "partial",
            Band::Strong => "strong",
        }
    }
}

impl fmt::Display for Band {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The share of the total key-point weight that earns full marks: a complete answer covers the
/// main points, and a senior interviewer does not take points off for one minor omission.
pub const FULL_MARKS_COVERAGE: f64 = 0.9;

/// Above this score, coverage counts at half rate, so that a complete answer reads 95: a keyword
/// rubric cannot hear the precision and examples a strict interviewer keeps the top for.
pub const TOP_OF_SCALE: f64 = 90.0;

/// Answers shorter than this many words are discounted: naming the right points in one line
/// shows recall, not the understanding an interviewer listens for.
pub const DEPTH_WORDS: f64 = 50.0;

/// How steeply short answers are discounted: the factor is `(words / DEPTH_WORDS)^DEPTH_EXPONENT`
/// (25 words keep 76%, 10 words 53%).
pub const DEPTH_EXPONENT: f64 = 0.4;

/// What a key point earns when covered after the candidate asked for it with `:hint`.
pub const HINTED_CREDIT: f64 = 0.5;

/// What a key point earns when it was only covered in the answer to a follow-up question.
pub const FOLLOW_UP_CREDIT: f64 = 0.6;

/// Prose has at least this share of function words; a list of keywords has far fewer.
pub const KEYWORD_LIST_RATIO: f64 = 0.12;

/// What a list of keywords keeps of its score: naming the concepts is not explaining them.
pub const KEYWORD_LIST_FACTOR: f64 = 0.35;

/// How the answer came to be, which changes what covered points are worth.
#[derive(Clone, Debug, Default)]
pub struct GradeOptions {
    /// Key points the candidate was shown with `:hint`.
    pub hinted: Vec<PointId>,
    /// The answer to a follow-up question, graded together with the main answer; points
    /// covered only here earn [`FOLLOW_UP_CREDIT`].
    pub follow_up: Option<String>,
}

/// The words of an answer that matched a key point or a misconception.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    /// The matched words as the candidate wrote them; runs of adjacent words stay together.
    pub words: Vec<String>,
}

impl Evidence {
    fn from_found(found: &Found, analysis: &Analysis) -> Evidence {
        let mut words = Vec::new();
        let tokens = analysis.tokens();
        let mut run: Option<(usize, usize)> = None;
        for &i in &found.tokens {
            run = match run {
                Some((start, end)) if i == end + 1 => Some((start, i)),
                Some((start, end)) => {
                    words.push(
                        analysis.source()[tokens[start].source.start..tokens[end].source.end]
                            .to_owned(),
                    );
                    Some((i, i))
                }
                None => Some((i, i)),
            };
        }
        if let Some((start, end)) = run {
            words.push(
                analysis.source()[tokens[start].source.start..tokens[end].source.end].to_owned(),
            );
        }
        Evidence { words }
    }

    /// The words joined for display: `«GIL» … «потоков»`.
    pub fn quote(&self) -> String {
        self.words
            .iter()
            .map(|w| format!("«{}»", crate::terminal::sanitize(w)))
            .collect::<Vec<_>>()
            .join(" … ")
    }
}

/// How a key point fared.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PointGrade {
    /// The key point.
    pub id: PointId,
    /// Its weight.
    pub weight: f64,
    /// What it earned, 0..=1 of its weight.
    pub credit: f64,
    /// The words that matched it, if it was covered.
    pub evidence: Option<Evidence>,
    /// Returns true if and only if the candidate asked for it with `:hint`.
    pub hinted: bool,
    /// Returns true if and only if it was only covered in the follow-up answer.
    pub via_follow_up: bool,
}

impl PointGrade {
    /// Returns true if and only if the answer covered the point.
    pub fn is_matched(&self) -> bool {
        self.evidence.is_some()
    }
}

/// A misconception the answer stated.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MisconceptionGrade {
    /// The misconception.
    pub id: PointId,
    /// The points it cost.
    pub penalty: f64,
    /// The words that stated it.
    pub evidence: Evidence,
}

/// The grade of one answer.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Grade {
    /// The score out of 100.
    pub score: Score,
    /// Its band.
    pub band: Band,
    /// Every key point of the rubric, in rubric order.
    pub points: Vec<PointGrade>,
    /// The misconceptions stated.
    pub misconceptions: Vec<MisconceptionGrade>,
    /// Returns true if and only if the answer read as a bare list of keywords and was discounted.
    pub keyword_list: bool,
    /// The weighted share of key points covered, 0..=1, before any scaling.
    pub coverage: f64,
    /// How many words the answer has (code identifiers count).
    pub words: usize,
    /// The factor a short answer's score was multiplied by (1 for answers of
    /// [`DEPTH_WORDS`] words or more).
    pub brevity: f64,
}

impl Grade {
    /// The ids of the key points covered.
    pub fn matched(&self) -> impl Iterator<Item = &PointId> {
        self.points.iter().filter(|p| p.is_matched()).map(|p| &p.id)
    }

    /// The ids of the key points missed.
    pub fn missed(&self) -> impl Iterator<Item = &PointId> {
        self.points
            .iter()
            .filter(|p| !p.is_matched())
            .map(|p| &p.id)
    }
}

/// Grades `answer` against a loaded rubric.
pub fn grade(
    entry: &RubricEntry,
    vocabulary: &Vocabulary,
    answer: &str,
    options: &GradeOptions,
) -> Grade {
    let rubric = &entry.rubric;
    let matcher = &entry.matcher;
    let analysis = Analysis::new(answer);
    let marks = matcher.marks(&analysis, vocabulary);
    let follow_up = options.follow_up.as_deref().map(|text| {
        let analysis = Analysis::new(text);
        let marks = matcher.marks(&analysis, vocabulary);
        (analysis, marks)
    });

    let mut points = Vec::with_capacity(rubric.points.len());
    for (index, point) in rubric.points.iter().enumerate() {
        let hinted = options.hinted.contains(&point.id);
        let mut via_follow_up = false;
        let mut evidence = matcher
            .find_point(index, &analysis, &marks)
            .map(|found| Evidence::from_found(&found, &analysis));
        if evidence.is_none()
            && let Some((analysis, marks)) = &follow_up
        {
            evidence = matcher
                .find_point(index, analysis, marks)
                .map(|found| Evidence::from_found(&found, analysis));
            via_follow_up = evidence.is_some();
        }
        let mut credit = if evidence.is_some() { 1.0 } else { 0.0 };
        if hinted {
            credit *= HINTED_CREDIT;
        }
        if via_follow_up {
            credit *= FOLLOW_UP_CREDIT;
        }
        points.push(PointGrade {
            id: point.id.clone(),
            weight: point.weight,
            credit,
            evidence,
            hinted,
            via_follow_up,
        });
    }

    let mut misconceptions = Vec::new();
    for (index, misconception) in rubric.misconceptions.iter().enumerate() {
        let found = matcher
            .find_misconception(index, &analysis, &marks)
            .map(|found| Evidence::from_found(&found, &analysis))
            .or_else(|| {
                follow_up.as_ref().and_then(|(analysis, marks)| {
                    matcher
                        .find_misconception(index, analysis, marks)
                        .map(|found| Evidence::from_found(&found, analysis))
                })
            });
        if let Some(evidence) = found {
            misconceptions.push(MisconceptionGrade {
                id: misconception.id.clone(),
                penalty: misconception.penalty,
                evidence,
            });
        }
    }

    let total: f64 = points.iter().map(|p| p.weight).sum();
    let earned: f64 = points.iter().map(|p| p.weight * p.credit).sum();
    let coverage = if total > 0.0 { earned / total } else { 0.0 };
    let mut score = 100.0 * (coverage / FULL_MARKS_COVERAGE).min(1.0);
    if score > TOP_OF_SCALE {
        score = TOP_OF_SCALE + (score - TOP_OF_SCALE) / 2.0;
    }
    // The follow-up answer is part of the same answer: its words count toward depth too.
    let count_words = |analysis: &Analysis| {
        analysis
            .tokens()
            .iter()
            .filter(|t| {
                matches!(
                    t.kind,
                    analysis::TokenKind::Word | analysis::TokenKind::Code
                )
            })
            .count()
    };
    let words = count_words(&analysis) + follow_up.as_ref().map_or(0, |(a, _)| count_words(a));
    let brevity = (words.max(1) as f64 / DEPTH_WORDS)
        .min(1.0)
        .powf(DEPTH_EXPONENT);
    score *= brevity;
    let keyword_list = is_keyword_list(&analysis) && score > 0.0;
    if keyword_list {
        score *= KEYWORD_LIST_FACTOR;
    }
    score -= misconceptions.iter().map(|m| m.penalty).sum::<f64>();
    let score = Score::from_f64(score);
    Grade {
        score,
        band: score.band(),
        points,
        misconceptions,
        keyword_list,
        coverage,
        words,
        brevity,
    }
}

/// Returns true if and only if the answer is a list of terms rather than sentences: many short
/// fragments between commas or line breaks with few function words ("и", "потому что", "the",
/// "because") to connect them, or a long run of terms with none at all. A short plain answer
/// ("ядро убивает процесс, используйте SIGTERM") is not a list.
fn is_keyword_list(analysis: &Analysis) -> bool {
    let words = analysis.word_count();
    if words < 5 {
        return false;
    }
    let ratio = analysis.function_word_ratio();
    let (clauses, short) = analysis.fragment_lengths(3);
    let fragments = clauses >= 4 && short * 10 >= clauses * 7 && ratio < 2.0 * KEYWORD_LIST_RATIO;
    let salad = words >= 8 && ratio < KEYWORD_LIST_RATIO * 0.7 && clauses <= 2;
    fragments || salad
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn list(answer: &str, expected: bool) {
        assert_eq!(
            is_keyword_list(&Analysis::new(answer)),
            expected,
            "{answer:?}"
        );
    }

    #[test]
    fn lists_of_keywords_are_told_from_terse_answers() {
        list(
            "GIL, threads, multiprocessing, CPU-bound, IO-bound, refcount",
            true,
        );
        list(
            "SIGKILL, SIGTERM, kill -9, kernel, sigaction, graceful shutdown, OOM killer",
            true,
        );
        list(
            "- GIL\n- threads\n- multiprocessing\n- CPU-bound\n- asyncio",
            true,
        );
        list(
            "GIL threads multiprocessing CPU-bound IO-bound asyncio numpy refcount",
            true,
        );
        list("ядро убивает процесс, используйте SIGTERM", false);
        list("ядро убивает процесс сразу, хендлер не вызывается", false);
        list(
            "GIL не даёт тредам выполнять байткод параллельно, поэтому для CPU-bound нужен multiprocessing",
            false,
        );
        list(
            "- GIL: один поток за раз\n- CPU-bound: multiprocessing\n- IO-bound: потоки норм",
            false,
        );
    }

    #[test]
    fn scores_are_clamped_and_banded() {
        assert_eq!(Score::from_f64(-12.0), Score::ZERO);
        assert_eq!(Score::from_f64(140.0).value(), 100);
        assert_eq!(Score::from_f64(39.4).band(), Band::Weak);
        assert_eq!(Score::from_f64(39.6).band(), Band::Partial);
        assert_eq!(Score::from_f64(69.0).band(), Band::Partial);
        assert_eq!(Score::from_f64(70.0).band(), Band::Strong);
        assert_eq!(Score::from_f64(f64::NAN), Score::ZERO);
    }
}
