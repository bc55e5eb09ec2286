//! Question banks and rubrics: the model, loading from the built-in bank and from files, merging
//! several banks, and validation that reports every problem at its `path:line:column`.
//!
//! Loading never stops at the first problem: [`Bank::load`] returns the bank it could build
//! together with every problem found, and the caller decides whether problems are fatal (they
//! are for grading and sessions; `viva bank validate` lists them).

pub mod locate;
pub mod model;
mod parse;
pub mod problem;
pub mod source;

use std::collections::{HashMap, HashSet};

use crate::grading::matcher::{ItemKind, Matcher, Vocabulary};
use crate::lang::{Lang, Text};
use locate::Locator;
pub use model::{
    Difficulty, KeyPoint, Misconception, PointId, Question, QuestionId, Rubric, Topic, TopicId,
};
use parse::Content;
pub use problem::{Location, Problem, ProblemKind};
pub use source::BankSources;
use source::SourceFile;

/// A topic as loaded: the topic (questions from every file that adds to it) and where it is.
#[derive(Clone, Debug)]
pub struct TopicEntry {
    /// The topic.
    pub topic: Topic,
    /// Where the topic was first defined.
    pub location: Location,
    /// Returns true if and only if the topic comes from the built-in bank.
    pub is_builtin: bool,
}

/// A rubric as loaded: the rubric, its compiled matcher, and where it is.
#[derive(Clone, Debug)]
pub struct RubricEntry {
    /// The rubric as written.
    pub rubric: Rubric,
    /// The rubric compiled for matching.
    pub matcher: Matcher,
    /// Where the rubric is.
    pub location: Location,
}

/// A question together with its topic.
#[derive(Clone, Copy, Debug)]
pub struct QuestionRef<'a> {
    /// The topic.
    pub topic: &'a Topic,
    /// The question.
    pub question: &'a Question,
}

/// Every loaded topic, question and rubric.
#[derive(Clone, Debug, Default)]
pub struct Bank {
    topics: Vec<TopicEntry>,
    questions: HashMap<QuestionId, (usize, usize)>,
    question_locations: HashMap<QuestionId, Location>,
    rubrics: HashMap<QuestionId, RubricEntry>,
    vocabulary: Vocabulary,
}

/// A loaded bank and the problems found while loading it.
#[derive(Debug)]
pub struct Loaded {
    /// What could be loaded.
    pub bank: Bank,
    /// Every problem, in file order.
    pub problems: Vec<Problem>,
}

impl Bank {
    /// Loads the banks and rubrics of `sources`.
    pub fn load(sources: &BankSources) -> Loaded {
        let (files, problems) = source::collect(sources);
        Bank::load_files(&files, problems)
    }

    /// Loads bank and rubric files given as (name, text), as if read from disk: the entry point
    /// for tests and fuzzing of the loader.
    pub fn from_texts(files: &[(&str, &str)]) -> Loaded {
        let files: Vec<SourceFile> = files
            .iter()
            .map(|(name, text)| SourceFile {
                name: (*name).to_owned(),
                text: (*text).to_owned(),
                is_builtin: false,
            })
            .collect();
        Bank::load_files(&files, Vec::new())
    }

    fn load_files(files: &[SourceFile], mut problems: Vec<Problem>) -> Loaded {
        let mut loader = Loader::default();
        let mut rubric_files = Vec::new();
        for file in files {
            match parse::parse(&file.name, &file.text) {
                Ok(Content::Topics(topics)) => loader.add_topics(file, topics, &mut problems),
                Ok(Content::Rubrics(rubrics)) => rubric_files.push((file, rubrics)),
                Err(problem) => {
                    // A file that does not parse hides its questions or rubrics: reporting the
                    // other side as missing would only bury the real problem.
                    loader.unparsed_files += 1;
                    problems.push(problem);
                }
            }
        }
        // Rubrics after all questions, so a rubric may refer to a question of any bank.
        for (file, rubrics) in rubric_files {
            loader.add_rubrics(file, rubrics, &mut problems);
        }
        loader.finish(&mut problems);
        Loaded {
            bank: loader.bank,
            problems,
        }
    }

    /// The built-in default bank. It is validated by the test suite, so problems here are bugs.
    pub fn builtin() -> Loaded {
        Bank::load(&BankSources::default())
    }

    /// The topics, in the order their files were loaded.
    pub fn topics(&self) -> &[TopicEntry] {
        &self.topics
    }

    /// The topic with id `id`.
    pub fn topic(&self, id: &str) -> Option<&TopicEntry> {
        self.topics.iter().find(|t| t.topic.id.as_str() == id)
    }

    /// Every question with its topic, in bank order.
    pub fn questions(&self) -> impl Iterator<Item = QuestionRef<'_>> {
        self.topics.iter().flat_map(|entry| {
            entry
                .topic
                .questions
                .iter()
                .map(move |question| QuestionRef {
                    topic: &entry.topic,
                    question,
                })
        })
    }

    /// The question with id `id`.
    pub fn question(&self, id: &str) -> Option<QuestionRef<'_>> {
        let &(t, q) = self.questions.get(id)?;
        let topic = &self.topics[t].topic;
        Some(QuestionRef {
            topic,
            question: &topic.questions[q],
        })
    }

    /// The rubric of question `id`.
    pub fn rubric(&self, id: &str) -> Option<&RubricEntry> {
        self.rubrics.get(id)
    }

    /// The words the bank knows, which typo tolerance never confuses with each other.
    pub fn vocabulary(&self) -> &Vocabulary {
        &self.vocabulary
    }

    /// Where question `id` is defined.
    pub fn question_location(&self, id: &str) -> Option<&Location> {
        self.question_locations.get(id)
    }
}

#[derive(Default)]
struct Loader {
    bank: Bank,
    /// Questions whose rubric exists but has problems: they are not also "without a rubric".
    broken_rubrics: HashSet<QuestionId>,
    /// Files that did not parse at all.
    unparsed_files: usize,
}

/// Returns true if and only if `id` is a well-formed id: lowercase letters, digits, `.`, `-`, `_`.
fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 120
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '-' | '_'))
}

/// The languages a file is written in: those any of `texts` uses.
fn languages<'a>(texts: impl Iterator<Item = &'a Text>) -> Vec<Lang> {
    let mut used = Vec::new();
    for text in texts {
        for lang in Lang::ALL {
            if text.has(lang) && !used.contains(&lang) {
                used.push(lang);
            }
        }
    }
    used
}

struct FileChecker<'a> {
    file: &'a SourceFile,
    locator: Locator<'a>,
    languages: Vec<Lang>,
}

impl<'a> FileChecker<'a> {
    fn new(file: &'a SourceFile, languages: Vec<Lang>) -> Self {
        FileChecker {
            file,
            locator: Locator::new(&file.text),
            languages,
        }
    }

    fn at(&self, offset: Option<usize>) -> Location {
        match offset {
            Some(offset) => {
                let (line, column) = self.locator.line_column(offset);
                Location::at(&self.file.name, line, column)
            }
            None => Location::file(&self.file.name),
        }
    }

    fn problem(&self, offset: Option<usize>, kind: ProblemKind) -> Problem {
        Problem {
            location: self.at(offset),
            kind,
        }
    }

    /// Checks that `text` has every language of the file (or any text at all).
    fn text(
        &self,
        text: &Text,
        what: impl Fn() -> String,
        offset: Option<usize>,
        out: &mut Vec<Problem>,
    ) {
        if text.is_empty() {
            out.push(self.problem(offset, ProblemKind::EmptyText { what: what() }));
            return;
        }
        for &lang in &self.languages {
            if !text.has(lang) {
                out.push(self.problem(offset, ProblemKind::MissingLanguage { what: what(), lang }));
            }
        }
    }

    fn id(&self, id: &str, offset: Option<usize>, out: &mut Vec<Problem>) {
        if !is_valid_id(id) {
            out.push(self.problem(offset, ProblemKind::BadId { id: id.to_owned() }));
        }
    }
}

impl Loader {
    fn add_topics(&mut self, file: &SourceFile, topics: Vec<Topic>, problems: &mut Vec<Problem>) {
        let langs = languages(topics.iter().flat_map(|t| {
            std::iter::once(&t.title)
                .chain(t.questions.iter().flat_map(|q| [&q.text, &q.model_answer]))
        }));
        let check = FileChecker::new(file, langs);
        let mut seen_topics = HashSet::new();
        let mut cursor = 0;
        for topic in topics {
            let topic_at = check.locator.field("id", topic.id.as_str(), cursor);
            cursor = topic_at.unwrap_or(cursor);
            check.id(topic.id.as_str(), topic_at, problems);
            if !seen_topics.insert(topic.id.clone()) {
                problems.push(check.problem(
                    topic_at,
                    ProblemKind::DuplicateTopic {
                        id: topic.id.clone(),
                    },
                ));
            }
            let title_at = check.locator.field_name("title", cursor, usize::MAX);
            check.text(
                &topic.title,
                || format!("the title of topic `{}`", topic.id),
                title_at,
                problems,
            );
            if topic.questions.is_empty() {
                problems.push(check.problem(
                    topic_at,
                    ProblemKind::NoQuestions {
                        topic: topic.id.clone(),
                    },
                ));
            }
            if file.is_builtin {
                for lang in Lang::ALL {
                    if topic.brief.exact(lang).is_empty() {
                        problems.push(check.problem(
                            topic_at,
                            ProblemKind::MissingBrief {
                                topic: topic.id.clone(),
                                lang,
                            },
                        ));
                    }
                }
            }
            let topic_index = match self.bank.topics.iter().position(|t| t.topic.id == topic.id) {
                Some(index) => index,
                None => {
                    self.bank.topics.push(TopicEntry {
                        topic: Topic {
                            questions: Vec::new(),
                            ..topic.clone()
                        },
                        location: check.at(topic_at),
                        is_builtin: file.is_builtin,
                    });
                    self.bank.topics.len() - 1
                }
            };
            for question in topic.questions {
                let at = check.locator.field("id", question.id.as_str(), cursor);
                cursor = at.unwrap_or(cursor);
                let location = check.at(at);
                check.id(question.id.as_str(), at, problems);
                let text_at = check.locator.field_name("text", cursor, usize::MAX);
                check.text(
                    &question.text,
                    || format!("the text of question `{}`", question.id),
                    text_at,
                    problems,
                );
                let answer_at = check.locator.field_name("model_answer", cursor, usize::MAX);
                check.text(
                    &question.model_answer,
                    || format!("the model answer of `{}`", question.id),
                    answer_at,
                    problems,
                );
                if let Some(first) = self.bank.question_locations.get(&question.id) {
                    problems.push(Problem {
                        location,
                        kind: ProblemKind::DuplicateQuestion {
                            id: question.id.clone(),
                            first: first.clone(),
                        },
                    });
                    continue;
                }
                let entry = &mut self.bank.topics[topic_index].topic;
                self.bank
                    .questions
                    .insert(question.id.clone(), (topic_index, entry.questions.len()));
                self.bank
                    .question_locations
                    .insert(question.id.clone(), location);
                entry.questions.push(question);
            }
        }
    }

    fn add_rubrics(
        &mut self,
        file: &SourceFile,
        rubrics: Vec<Rubric>,
        problems: &mut Vec<Problem>,
    ) {
        let langs = languages(rubrics.iter().flat_map(|r| {
            r.points.iter().map(|p| &p.statement).chain(
                r.misconceptions
                    .iter()
                    .flat_map(|m| [&m.claim, &m.correction]),
            )
        }));
        let check = FileChecker::new(file, langs);
        let mut cursor = 0;
        for rubric in rubrics {
            let rubric_at = check
                .locator
                .field("question", rubric.question.as_str(), cursor);
            cursor = rubric_at.unwrap_or(cursor);
            let location = check.at(rubric_at);
            let before = problems.len();
            self.check_rubric(&check, &rubric, cursor, problems);
            if !self.bank.questions.contains_key(&rubric.question) {
                if self.unparsed_files > 0 {
                    continue;
                }
                problems.push(check.problem(
                    rubric_at,
                    ProblemKind::RubricWithoutQuestion {
                        question: rubric.question.clone(),
                    },
                ));
                continue;
            }
            if let Some(first) = self.bank.rubrics.get(&rubric.question)
                && !rubric.replaces
            {
                problems.push(check.problem(
                    rubric_at,
                    ProblemKind::DuplicateRubric {
                        question: rubric.question.clone(),
                        first: first.location.clone(),
                    },
                ));
                continue;
            }
            let point_terms: Vec<&[String]> =
                rubric.points.iter().map(|p| p.terms.as_slice()).collect();
            let misconception_terms: Vec<&[String]> = rubric
                .misconceptions
                .iter()
                .map(|m| m.terms.as_slice())
                .collect();
            let matcher = match Matcher::compile(&point_terms, &misconception_terms) {
                Ok(matcher) => matcher,
                Err(term_problems) => {
                    for term_problem in term_problems {
                        let (id, terms) = match term_problem.item {
                            ItemKind::Point => {
                                let point = &rubric.points[term_problem.item_index];
                                (&point.id, &point.terms)
                            }
                            ItemKind::Misconception => {
                                let m = &rubric.misconceptions[term_problem.item_index];
                                (&m.id, &m.terms)
                            }
                        };
                        let term = &terms[term_problem.term_index];
                        let offset =
                            self.term_offset(&check, cursor, id, term, &term_problem.error);
                        problems.push(check.problem(
                            offset,
                            ProblemKind::BadTerm {
                                id: id.clone(),
                                term: term.clone(),
                                error: term_problem.error,
                            },
                        ));
                    }
                    self.broken_rubrics.insert(rubric.question.clone());
                    continue;
                }
            };
            if problems.len() > before {
                self.broken_rubrics.insert(rubric.question.clone());
                continue;
            }
            self.bank.rubrics.insert(
                rubric.question.clone(),
                RubricEntry {
                    rubric,
                    matcher,
                    location,
                },
            );
        }
    }

    /// The place of a bad term, down to the column inside it when the term has no escapes.
    fn term_offset(
        &self,
        check: &FileChecker<'_>,
        rubric_at: usize,
        id: &PointId,
        term: &str,
        error: &crate::grading::term::TermError,
    ) -> Option<usize> {
        use crate::grading::term::TermError;
        let item_at = check
            .locator
            .field("id", id.as_str(), rubric_at)
            .unwrap_or(rubric_at);
        let literal = check.locator.string(term, item_at)?;
        let column = match error {
            TermError::EmptyAlternative { column } | TermError::EmptyGroup { column } => *column,
            _ => return Some(literal),
        };
        if term.contains(['"', '\\']) {
            return Some(literal);
        }
        // One past the opening quote, then `column - 1` characters into the term.
        let inside = term
            .char_indices()
            .nth(column - 1)
            .map_or(term.len(), |(i, _)| i);
        Some(literal + 1 + inside)
    }

    fn check_rubric(
        &self,
        check: &FileChecker<'_>,
        rubric: &Rubric,
        rubric_at: usize,
        problems: &mut Vec<Problem>,
    ) {
        let question = &rubric.question;
        let rubric_offset = Some(rubric_at);
        if rubric.points.is_empty() {
            problems.push(check.problem(
                rubric_offset,
                ProblemKind::NoPoints {
                    question: question.clone(),
                },
            ));
        }
        let mut ids = HashSet::new();
        let ids_of = rubric
            .points
            .iter()
            .map(|p| &p.id)
            .chain(rubric.misconceptions.iter().map(|m| &m.id));
        for id in ids_of {
            if !ids.insert(id) {
                let first = check
                    .locator
                    .field("id", id.as_str(), rubric_at)
                    .unwrap_or(rubric_at);
                let again = check.locator.field("id", id.as_str(), first + 1);
                problems.push(check.problem(
                    again.or(rubric_offset),
                    ProblemKind::DuplicatePoint {
                        question: question.clone(),
                        id: id.clone(),
                    },
                ));
            }
        }
        for point in &rubric.points {
            let at = check.locator.field("id", point.id.as_str(), rubric_at);
            check.id(point.id.as_str(), at, problems);
            if !(point.weight.is_finite() && point.weight > 0.0) {
                let weight_at =
                    at.and_then(|at| check.locator.field_name("weight", at, usize::MAX));
                problems.push(check.problem(
                    weight_at.or(at),
                    ProblemKind::BadWeight {
                        id: point.id.clone(),
                        weight: point.weight,
                    },
                ));
            }
            check.text(
                &point.statement,
                || format!("the statement of key point `{}`", point.id),
                at,
                problems,
            );
            if point.terms.is_empty() {
                problems.push(check.problem(
                    at,
                    ProblemKind::NoTerms {
                        id: point.id.clone(),
                    },
                ));
            }
        }
        for misconception in &rubric.misconceptions {
            let at = check
                .locator
                .field("id", misconception.id.as_str(), rubric_at);
            check.id(misconception.id.as_str(), at, problems);
            if !(misconception.penalty.is_finite()
                && misconception.penalty >= 1.0
                && misconception.penalty <= 100.0)
            {
                let penalty_at =
                    at.and_then(|at| check.locator.field_name("penalty", at, usize::MAX));
                problems.push(check.problem(
                    penalty_at.or(at),
                    ProblemKind::BadPenalty {
                        id: misconception.id.clone(),
                        penalty: misconception.penalty,
                    },
                ));
            }
            check.text(
                &misconception.claim,
                || format!("the claim of misconception `{}`", misconception.id),
                at,
                problems,
            );
            check.text(
                &misconception.correction,
                || format!("the correction of misconception `{}`", misconception.id),
                at,
                problems,
            );
            if misconception.terms.is_empty() {
                problems.push(check.problem(
                    at,
                    ProblemKind::NoTerms {
                        id: misconception.id.clone(),
                    },
                ));
            }
        }
    }

    fn finish(&mut self, problems: &mut Vec<Problem>) {
        let bank = &mut self.bank;
        let mut missing: Vec<(&QuestionId, &Location)> = bank
            .question_locations
            .iter()
            .filter(|(id, _)| !bank.rubrics.contains_key(*id))
            .collect();
        missing.sort_by(|a, b| (&a.1.path, a.1.position).cmp(&(&b.1.path, b.1.position)));
        for (id, location) in missing {
            if self.broken_rubrics.contains(id) || self.unparsed_files > 0 {
                continue;
            }
            problems.push(Problem {
                location: location.clone(),
                kind: ProblemKind::QuestionWithoutRubric {
                    question: id.clone(),
                },
            });
        }
        let mut vocabulary = Vocabulary::default();
        for entry in &bank.topics {
            vocabulary.add_text(entry.topic.title.get(Lang::Ru));
            vocabulary.add_text(entry.topic.title.get(Lang::En));
            for question in &entry.topic.questions {
                for lang in Lang::ALL {
                    vocabulary.add_text(question.text.exact(lang));
                    vocabulary.add_text(question.model_answer.exact(lang));
                }
            }
        }
        for entry in bank.rubrics.values() {
            for point in &entry.rubric.points {
                for term in &point.terms {
                    vocabulary.add_text(&term.replace(['|', '&', '*', '='], " "));
                }
            }
            for misconception in &entry.rubric.misconceptions {
                for term in &misconception.terms {
                    vocabulary.add_text(&term.replace(['|', '&', '*', '='], " "));
                }
            }
        }
        bank.vocabulary = vocabulary;
    }
}
