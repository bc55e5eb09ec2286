//! `viva bank lint`: warnings a rubric author wants before trusting a rubric on people.
//!
//! Validation says whether a bank loads; lint says whether it grades well: every model answer
//! should score strong against its own rubric, a bare list of the rubric's keywords should score
//! weak, a term should not be so generic that it matches the answers to the other questions of
//! the topic, and a bilingual bank needs terms in both languages.

use std::collections::HashMap;
use std::fmt;

use crate::bank::{Bank, Location, PointId, QuestionId};
use crate::grading::analysis::{Analysis, Script, TokenKind};
use crate::grading::term::{Term, WordPattern};
use crate::grading::{self, Band, GradeOptions};
use crate::lang::Lang;

/// One lint warning.
#[derive(Clone, Debug, PartialEq)]
pub struct Warning {
    /// Where it applies.
    pub location: Location,
    /// The question it is about.
    pub question: QuestionId,
    /// What it is.
    pub kind: WarningKind,
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: warning: `{}`: {}",
            self.location, self.question, self.kind
        )
    }
}

/// The kinds of lint warnings.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum WarningKind {
    /// The model answer does not score strong against its own rubric.
    #[error("the {} model answer scores {score}/100 ({band}); a model answer should score strong", .lang.name())]
    WeakModelAnswer {
        /// Which language.
        lang: Lang,
        /// Its score.
        score: u8,
        /// Its band.
        band: Band,
    },
    /// A list of the rubric's own keywords scores above weak.
    #[error(
        "a bare list of the rubric's keywords scores {score}/100; it should stay weak: «{list}»"
    )]
    KeywordListPasses {
        /// Its score.
        score: u8,
        /// The list that was graded.
        list: String,
    },
    /// A rubric without misconceptions.
    #[error("no misconception: add the wrong claim weak candidates make, if there is a common one")]
    NoMisconception,
    /// A key point whose terms are all in one language while the bank has both.
    #[error("every term of key point `{point}` is {}; add {} ways to say it", .only.name(), .only.other().name())]
    OneLanguage {
        /// The key point.
        point: PointId,
        /// The only language its terms use.
        only: Lang,
    },
    /// The same term in two key points.
    #[error("term `{term}` appears in both `{first}` and `{second}`")]
    SharedTerm {
        /// The term.
        term: String,
        /// One key point.
        first: PointId,
        /// The other.
        second: PointId,
    },
    /// A term that matches most model answers of the other questions of the topic.
    #[error(
        "term `{term}` of `{point}` matches {matched} of {total} model answers to other questions of the topic: it is too generic"
    )]
    GenericTerm {
        /// The term.
        term: String,
        /// Its key point.
        point: PointId,
        /// How many answers it matched.
        matched: usize,
        /// How many answers were tried.
        total: usize,
    },
}

/// Lints every rubric of `bank`. `graded` answers (from `viva bank test` files), when given,
/// join the model answers in measuring how generic a term is.
pub fn lint(bank: &Bank, graded: &[crate::authoring::calibrate::GradedAnswer]) -> Vec<Warning> {
    let mut warnings = Vec::new();
    for q in bank.questions() {
        let id = &q.question.id;
        let Some(entry) = bank.rubric(id.as_str()) else {
            continue;
        };
        let location = entry.location.clone();
        let mut warn = |kind| {
            warnings.push(Warning {
                location: location.clone(),
                question: id.clone(),
                kind,
            })
        };
        for lang in Lang::ALL {
            let answer = q.question.model_answer.exact(lang);
            if answer.trim().is_empty() {
                continue;
            }
            let grade = grading::grade(entry, bank.vocabulary(), answer, &GradeOptions::default());
            if grade.band != Band::Strong {
                warn(WarningKind::WeakModelAnswer {
                    lang,
                    score: grade.score.value(),
                    band: grade.band,
                });
            }
        }
        let list = keyword_list(
            &entry
                .rubric
                .points
                .iter()
                .flat_map(|p| p.terms.iter())
                .collect::<Vec<_>>(),
        );
        let grade = grading::grade(entry, bank.vocabulary(), &list, &GradeOptions::default());
        if grade.band != Band::Weak {
            warn(WarningKind::KeywordListPasses {
                score: grade.score.value(),
                list,
            });
        }
        if entry.rubric.misconceptions.is_empty() {
            warn(WarningKind::NoMisconception);
        }
        for point in &entry.rubric.points {
            let scripts: Vec<Script> = point.terms.iter().flat_map(|t| term_scripts(t)).collect();
            let has = |s| scripts.contains(&s);
            if has(Script::Latin) && !has(Script::Cyrillic) {
                warn(WarningKind::OneLanguage {
                    point: point.id.clone(),
                    only: Lang::En,
                });
            } else if has(Script::Cyrillic) && !has(Script::Latin) {
                warn(WarningKind::OneLanguage {
                    point: point.id.clone(),
                    only: Lang::Ru,
                });
            }
        }
        let mut seen: HashMap<&str, &PointId> = HashMap::new();
        for point in &entry.rubric.points {
            for term in &point.terms {
                match seen.get(term.trim()) {
                    Some(first) if **first != point.id => warn(WarningKind::SharedTerm {
                        term: term.clone(),
                        first: (*first).clone(),
                        second: point.id.clone(),
                    }),
                    _ => {
                        seen.insert(term.trim(), &point.id);
                    }
                }
            }
        }
        // Answers to the other questions of the topic: a term that matches most of them
        // rewards talking about the topic rather than answering the question.
        let mut others: Vec<&str> = q
            .topic
            .questions
            .iter()
            .filter(|other| other.id != *id)
            .flat_map(|other| Lang::ALL.map(|lang| other.model_answer.exact(lang)))
            .filter(|text| !text.trim().is_empty())
            .collect();
        others.extend(
            graded
                .iter()
                .filter(|g| {
                    g.question != id.as_str()
                        && q.topic
                            .questions
                            .iter()
                            .any(|o| o.id.as_str() == g.question)
                })
                .map(|g| g.answer.as_str()),
        );
        if others.len() >= 4 {
            let analyses: Vec<Analysis> = others.iter().map(|t| Analysis::new(t)).collect();
            for (index, point) in entry.rubric.points.iter().enumerate() {
                for (term_index, term) in point.terms.iter().enumerate() {
                    let matched = analyses
                        .iter()
                        .filter(|analysis| {
                            let marks = entry.matcher.marks(analysis, bank.vocabulary());
                            entry
                                .matcher
                                .find_point_term(index, term_index, analysis, &marks)
                        })
                        .count();
                    if matched * 2 > analyses.len() {
                        warn(WarningKind::GenericTerm {
                            term: term.clone(),
                            point: point.id.clone(),
                            matched,
                            total: analyses.len(),
                        });
                    }
                }
            }
        }
    }
    warnings
}

/// The scripts the words of a term are written in.
fn term_scripts(term: &str) -> Vec<Script> {
    Analysis::new(term)
        .tokens()
        .iter()
        .filter(|t| t.kind == TokenKind::Word)
        .map(|t| t.script)
        .collect()
}

/// A comma-separated list of the content words of `terms` (the first alternative of each
/// place, function words left out): what a candidate who memorized the buzzwords of a topic
/// without understanding them would type.
pub fn keyword_list(terms: &[&String]) -> String {
    let mut words: Vec<String> = Vec::new();
    for term in terms {
        let Ok(Term::Groups(groups)) = Term::parse(term) else {
            continue;
        };
        for group in &groups {
            for slot in &group.slots {
                let Some(first) = slot.alternatives.first() else {
                    continue;
                };
                for pattern in first {
                    let word = match pattern {
                        WordPattern::Stem { norm, .. } => norm,
                        WordPattern::Prefix(prefix) => prefix,
                        WordPattern::Exact(norm) => norm,
                    };
                    let analysis = Analysis::new(word);
                    let content = analysis.tokens().iter().any(|t| {
                        !t.is_function_word && t.negation_reach == 0 && t.kind != TokenKind::Symbol
                    });
                    if content && !words.contains(word) {
                        words.push(word.clone());
                    }
                }
            }
        }
    }
    words.join(", ")
}
