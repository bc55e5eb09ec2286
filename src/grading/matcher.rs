//! A rubric compiled for matching: every distinct word pattern of its terms gets an index, each
//! answer token is marked with the patterns it satisfies once, and terms are then found by
//! walking those marks.
//!
//! Compiling happens once per process (when the bank loads); grading one answer costs one pass
//! of the tokens over a few hash lookups, plus a search per term that only touches marked tokens.

use std::collections::HashMap;

use rustc_hash::{FxHashMap, FxHashSet};

use regex::Regex;

use super::analysis::{Analysis, Token, TokenKind};
use super::term::{Term, TermError, WordPattern};

/// At most this many other words may stand between two words of a phrase.
pub const PHRASE_GAP: usize = 2;

/// All parts of a `&` term must fall within this many tokens.
pub const PROXIMITY_WINDOW: usize = 16;

/// Words known to the bank (the vocabulary of its rubrics, questions and model answers): an
/// answer word that is itself a known word is never read as a typo of another one, so `mutable`
/// stays apart from `immutable` and `потом` from `поток`.
#[derive(Clone, Debug, Default)]
pub struct Vocabulary {
    stems: FxHashSet<String>,
}

impl Vocabulary {
    /// Adds every word of `text`.
    pub fn add_text(&mut self, text: &str) {
        for token in Analysis::new(text).tokens() {
            if token.kind == TokenKind::Word {
                self.stems.insert(token.stem.clone());
                self.stems.insert(token.norm.clone());
            }
        }
    }

    /// Returns true if and only if `word` (a stem or a folded word) is known.
    pub fn contains(&self, word: &str) -> bool {
        self.stems.contains(word)
    }
}

/// The number of edits a typo may have, from the length of the stem it is compared with:
/// short words must be exact, long ones forgive two slips.
fn typo_tolerance(stem: &str) -> usize {
    match stem.chars().count() {
        0..=5 => 0,
        6..=8 => 1,
        _ => 2,
    }
}

type Alternative = Vec<u32>;

#[derive(Clone, Debug)]
struct CompiledGroup {
    slots: Vec<Vec<Alternative>>,
    /// The patterns an occurrence can start with, as a mask over pattern ids: most tokens of an
    /// answer start no occurrence, and the mask rules them out with a few AND operations.
    start_mask: Vec<u64>,
}

#[derive(Clone, Debug)]
enum CompiledTerm {
    Groups {
        groups: Vec<CompiledGroup>,
        single_word: bool,
    },
    Regex(Regex),
}

/// A term that failed to compile: which item, which term, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TermProblem {
    /// Whether the term belongs to a key point or a misconception.
    pub item: ItemKind,
    /// The index of the key point or misconception in the rubric.
    pub item_index: usize,
    /// The index of the term in its list.
    pub term_index: usize,
    /// What is wrong.
    pub error: TermError,
}

/// The two kinds of rubric items that hold terms.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ItemKind {
    /// A key point.
    Point,
    /// A misconception.
    Misconception,
}

/// Where a term was found: the answer tokens that matched it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found {
    /// Indices of the matched tokens, ascending.
    pub tokens: Vec<usize>,
    /// The index of the term (in its item's list) that matched.
    pub term_index: usize,
}

/// A compiled rubric, ready to match answers.
#[derive(Clone, Debug, Default)]
pub struct Matcher {
    patterns: Vec<WordPattern>,
    by_norm: FxHashMap<String, Vec<u32>>,
    by_stem: FxHashMap<String, Vec<u32>>,
    /// Prefix patterns by their first character.
    prefixes: FxHashMap<char, Vec<(String, u32)>>,
    fuzzy_by_first: FxHashMap<char, Vec<u32>>,
    points: Vec<Vec<CompiledTerm>>,
    misconceptions: Vec<Vec<CompiledTerm>>,
}

/// Which patterns each token of one answer satisfies: a bit matrix, tokens × patterns.
#[derive(Clone, Debug)]
pub struct Marks {
    words_per_token: usize,
    bits: Vec<u64>,
    tokens: usize,
}

impl Marks {
    /// Returns true if and only if the token satisfies any pattern of `mask`.
    fn any(&self, token: usize, mask: &[u64]) -> bool {
        let row = &self.bits[token * self.words_per_token..(token + 1) * self.words_per_token];
        row.iter().zip(mask).any(|(a, b)| a & b != 0)
    }

    fn has(&self, token: usize, pattern: u32) -> bool {
        let word = token * self.words_per_token + (pattern / 64) as usize;
        self.bits[word] & (1 << (pattern % 64)) != 0
    }

    fn set(&mut self, token: usize, pattern: u32) {
        let word = token * self.words_per_token + (pattern / 64) as usize;
        self.bits[word] |= 1 << (pattern % 64);
    }
}

impl Matcher {
    /// Compiles the terms of a rubric: `points[i]` and `misconceptions[j]` are the term lists of
    /// its key points and misconceptions. Every term that fails is reported, not just the first.
    pub fn compile<S: AsRef<str>>(
        points: &[&[S]],
        misconceptions: &[&[S]],
    ) -> Result<Matcher, Vec<TermProblem>> {
        let mut matcher = Matcher::default();
        let mut index: HashMap<WordPattern, u32> = HashMap::new();
        let mut problems = Vec::new();
        for (kind, items) in [
            (ItemKind::Point, points),
            (ItemKind::Misconception, misconceptions),
        ] {
            for (item_index, terms) in items.iter().enumerate() {
                let mut compiled = Vec::with_capacity(terms.len());
                for (term_index, term) in terms.iter().enumerate() {
                    match Term::parse(term.as_ref()) {
                        Ok(term) => compiled.push(matcher.intern(term, &mut index)),
                        Err(error) => problems.push(TermProblem {
                            item: kind,
                            item_index,
                            term_index,
                            error,
                        }),
                    }
                }
                match kind {
                    ItemKind::Point => matcher.points.push(compiled),
                    ItemKind::Misconception => matcher.misconceptions.push(compiled),
                }
            }
        }
        if problems.is_empty() {
            matcher.finish_masks();
            Ok(matcher)
        } else {
            Err(problems)
        }
    }

    /// Fills each group's start mask once every pattern has its id.
    fn finish_masks(&mut self) {
        let words = self.patterns.len().div_ceil(64).max(1);
        for term in self
            .points
            .iter_mut()
            .chain(self.misconceptions.iter_mut())
            .flatten()
        {
            if let CompiledTerm::Groups { groups, .. } = term {
                for group in groups {
                    let mut mask = vec![0u64; words];
                    for alternative in group.slots.first().into_iter().flatten() {
                        if let Some(&first) = alternative.first() {
                            mask[(first / 64) as usize] |= 1 << (first % 64);
                        }
                    }
                    group.start_mask = mask;
                }
            }
        }
    }

    fn intern(&mut self, term: Term, index: &mut HashMap<WordPattern, u32>) -> CompiledTerm {
        let single_word = term.is_single_word();
        match term {
            Term::Regex(regex) => CompiledTerm::Regex(regex),
            Term::Groups(groups) => CompiledTerm::Groups {
                single_word,
                groups: groups
                    .into_iter()
                    .map(|group| CompiledGroup {
                        start_mask: Vec::new(),
                        slots: group
                            .slots
                            .into_iter()
                            .map(|slot| {
                                slot.alternatives
                                    .into_iter()
                                    .map(|alternative| {
                                        alternative
                                            .into_iter()
                                            .map(|pattern| self.pattern_id(pattern, index))
                                            .collect()
                                    })
                                    .collect()
                            })
                            .collect(),
                    })
                    .collect(),
            },
        }
    }

    fn pattern_id(&mut self, pattern: WordPattern, index: &mut HashMap<WordPattern, u32>) -> u32 {
        if let Some(&id) = index.get(&pattern) {
            return id;
        }
        let id = self.patterns.len() as u32;
        match &pattern {
            WordPattern::Exact(norm) => self.by_norm.entry(norm.clone()).or_default().push(id),
            WordPattern::Prefix(prefix) => {
                if let Some(first) = prefix.chars().next() {
                    self.prefixes
                        .entry(first)
                        .or_default()
                        .push((prefix.clone(), id));
                }
            }
            WordPattern::Stem { stem, norm } => {
                self.by_stem.entry(stem.clone()).or_default().push(id);
                self.by_norm.entry(norm.clone()).or_default().push(id);
                if typo_tolerance(stem) > 0
                    && let Some(first) = stem.chars().next()
                {
                    self.fuzzy_by_first.entry(first).or_default().push(id);
                }
            }
        }
        index.insert(pattern.clone(), id);
        self.patterns.push(pattern);
        id
    }

    /// The number of key points compiled.
    pub fn point_count(&self) -> usize {
        self.points.len()
    }

    /// Marks every token of `analysis` with the patterns it satisfies.
    pub fn marks(&self, analysis: &Analysis, vocabulary: &Vocabulary) -> Marks {
        let tokens = analysis.tokens();
        let words_per_token = self.patterns.len().div_ceil(64).max(1);
        let mut marks = Marks {
            words_per_token,
            bits: vec![0; words_per_token * tokens.len()],
            tokens: tokens.len(),
        };
        for (i, token) in tokens.iter().enumerate() {
            let mut hit = false;
            if let Some(ids) = self.by_norm.get(&token.norm) {
                ids.iter().for_each(|&id| marks.set(i, id));
                hit = true;
            }
            if matches!(token.kind, TokenKind::Word | TokenKind::Code)
                && let Some(ids) = self.by_stem.get(&token.stem)
            {
                ids.iter().for_each(|&id| marks.set(i, id));
                hit = true;
            }
            for text in [&token.norm, &token.stem] {
                let Some(first) = text.chars().next() else {
                    continue;
                };
                for (prefix, id) in self.prefixes.get(&first).map_or(&[][..], Vec::as_slice) {
                    if text.starts_with(prefix.as_str()) {
                        marks.set(i, *id);
                    }
                }
            }
            if !hit && self.may_be_typo(token, vocabulary) {
                self.mark_typos(token, i, &mut marks);
            }
        }
        marks
    }

    fn may_be_typo(&self, token: &Token, vocabulary: &Vocabulary) -> bool {
        token.kind == TokenKind::Word
            && token.stem.chars().count() >= 5
            && !token.is_function_word
            && !vocabulary.contains(&token.stem)
            && !vocabulary.contains(&token.norm)
    }

    fn mark_typos(&self, token: &Token, i: usize, marks: &mut Marks) {
        let Some(first) = token.stem.chars().next() else {
            return;
        };
        let Some(candidates) = self.fuzzy_by_first.get(&first) else {
            return;
        };
        for &id in candidates {
            if let WordPattern::Stem { stem, norm } = &self.patterns[id as usize] {
                let tolerance = typo_tolerance(stem);
                let close = |a: &str, b: &str| {
                    a.chars().count().abs_diff(b.chars().count()) <= tolerance
                        && strsim::osa_distance(a, b) <= tolerance
                };
                if close(&token.stem, stem) || close(&token.norm, norm) {
                    marks.set(i, id);
                }
            }
        }
    }

    /// Finds the first term of key point `index` that the answer expresses without negating it.
    pub fn find_point(&self, index: usize, analysis: &Analysis, marks: &Marks) -> Option<Found> {
        find_item(&self.points[index], analysis, marks, ItemKind::Point)
    }

    /// Returns true if and only if term `term` of key point `point` occurs in the answer (not
    /// negated); used to measure how generic a term is.
    pub fn find_point_term(
        &self,
        point: usize,
        term: usize,
        analysis: &Analysis,
        marks: &Marks,
    ) -> bool {
        self.points
            .get(point)
            .and_then(|terms| terms.get(term))
            .is_some_and(|term| find_term(term, analysis, marks, ItemKind::Point).is_some())
    }

    /// Finds the first term of misconception `index` that the answer claims (not negated).
    pub fn find_misconception(
        &self,
        index: usize,
        analysis: &Analysis,
        marks: &Marks,
    ) -> Option<Found> {
        find_item(
            &self.misconceptions[index],
            analysis,
            marks,
            ItemKind::Misconception,
        )
    }
}

fn find_item(
    terms: &[CompiledTerm],
    analysis: &Analysis,
    marks: &Marks,
    kind: ItemKind,
) -> Option<Found> {
    terms.iter().enumerate().find_map(|(term_index, term)| {
        find_term(term, analysis, marks, kind).map(|tokens| Found { tokens, term_index })
    })
}

/// How far back negation is looked for, and whether attributions count, by kind of item.
///
/// A key point is negated only by a negation right before one of its words ("GIL не
/// блокирует"): a wider reach would also cancel the rules candidates state with "нельзя"
/// ("в JWT нельзя хранить пароли"). A misconception is a wrong claim that costs points, so
/// anything that may turn it off counts: a negation up to three words back in a phrase ("more
/// pool doesn't make it faster"), or an
/// attribution earlier in the sentence ("многие думают, что…").
fn is_disowned(tokens: &[Token], positions: &[usize], single_word: bool, kind: ItemKind) -> bool {
    match kind {
        ItemKind::Point => is_negated(tokens, positions, 1),
        ItemKind::Misconception => {
            is_negated(tokens, positions, if single_word { 1 } else { 2 })
                || is_attributed(tokens, positions)
        }
    }
}

/// Returns true if and only if a word earlier in the sentence attributes the claim to others.
fn is_attributed(tokens: &[Token], positions: &[usize]) -> bool {
    let Some(&first) = positions.first() else {
        return false;
    };
    let sentence = tokens[first].sentence;
    let before = &tokens[..first];
    before
        .iter()
        .enumerate()
        .rev()
        .take_while(|(_, t)| t.sentence == sentence)
        // "это не миф" confirms the claim rather than attributing it.
        .any(|(i, t)| t.attributes && !(i > 0 && before[i - 1].negation_reach > 0))
}

/// Finds an occurrence of `term` that the answer states (not negated, not attributed); returns
/// its token indices.
fn find_term(
    term: &CompiledTerm,
    analysis: &Analysis,
    marks: &Marks,
    kind: ItemKind,
) -> Option<Vec<usize>> {
    let tokens = analysis.tokens();
    match term {
        CompiledTerm::Regex(regex) => regex.find_iter(analysis.folded()).find_map(|m| {
            let positions: Vec<usize> = analysis.tokens_in_folded(m.range()).collect();
            (!is_disowned(tokens, &positions, false, kind)).then_some(positions)
        }),
        CompiledTerm::Groups {
            groups,
            single_word,
        } => {
            if groups.len() == 1 {
                return group_occurrences(&groups[0], tokens, marks)
                    .into_iter()
                    .find(|positions| !is_disowned(tokens, positions, *single_word, kind));
            }
            let mut occurrences: Vec<Vec<Vec<usize>>> = Vec::with_capacity(groups.len());
            for group in groups {
                let found = group_occurrences(group, tokens, marks);
                if found.is_empty() {
                    return None;
                }
                occurrences.push(found);
            }
            for anchor in &occurrences[0] {
                let mut combined = anchor.clone();
                let mut fits = true;
                for others in &occurrences[1..] {
                    let nearest = others
                        .iter()
                        .map(|other| (span_with(&combined, other), other))
                        .min_by_key(|(span, _)| *span);
                    match nearest {
                        Some((span, other)) if span <= PROXIMITY_WINDOW => {
                            combined.extend_from_slice(other);
                        }
                        _ => {
                            fits = false;
                            break;
                        }
                    }
                }
                if !fits {
                    continue;
                }
                combined.sort_unstable();
                combined.dedup();
                if !is_disowned(tokens, &combined, false, kind) {
                    return Some(combined);
                }
            }
            None
        }
    }
}

/// The number of tokens spanned by two sets of positions together.
fn span_with(a: &[usize], b: &[usize]) -> usize {
    let min = a.iter().chain(b).min().copied().unwrap_or(0);
    let max = a.iter().chain(b).max().copied().unwrap_or(0);
    max - min + 1
}

/// The most occurrences of one phrase that are considered: enough for any real answer, and a
/// bound on work for a pathological one.
const MAX_OCCURRENCES: usize = 64;

/// Every occurrence of a phrase: for each start, the earliest way to place its slots in order.
fn group_occurrences(group: &CompiledGroup, tokens: &[Token], marks: &Marks) -> Vec<Vec<usize>> {
    let mut found = Vec::new();
    let mut positions = Vec::new();
    for start in 0..marks.tokens {
        if !marks.any(start, &group.start_mask) {
            continue;
        }
        positions.clear();
        if place_slots(&group.slots, start, true, tokens, marks, &mut positions) {
            found.push(positions.clone());
            if found.len() >= MAX_OCCURRENCES {
                break;
            }
        }
    }
    found
}

/// Places `slots[0]` at `from` (exactly there when `anchored`, else within the phrase gap and
/// the same sentence), then the rest after it.
fn place_slots(
    slots: &[Vec<Alternative>],
    from: usize,
    anchored: bool,
    tokens: &[Token],
    marks: &Marks,
    positions: &mut Vec<usize>,
) -> bool {
    let Some((slot, rest)) = slots.split_first() else {
        return true;
    };
    let last = if anchored {
        from
    } else {
        (from + PHRASE_GAP).min(marks.tokens.saturating_sub(1))
    };
    // The words of a phrase stay within one sentence; they may cross a comma or a dash, which
    // Russian puts inside phrases ("больше, чем", "GIL — это мьютекс").
    let sentence = positions.last().map(|&p| tokens[p].sentence);
    for start in from..=last {
        if start >= marks.tokens || sentence.is_some_and(|s| tokens[start].sentence != s) {
            break;
        }
        for alternative in slot {
            let end = start + alternative.len();
            if end > marks.tokens {
                continue;
            }
            // The words of one alternative are adjacent and within one sentence.
            let fits = alternative.iter().enumerate().all(|(k, &pattern)| {
                marks.has(start + k, pattern)
                    && tokens[start + k].sentence == tokens[start].sentence
            });
            if !fits {
                continue;
            }
            let mark = positions.len();
            positions.extend(start..end);
            if place_slots(rest, end, false, tokens, marks, positions) {
                return true;
            }
            positions.truncate(mark);
        }
    }
    false
}

/// Returns true if and only if a negation governs the matched tokens: a negation word at most
/// `reach` words before a matched word, in the same clause, whose own reach covers it (`без`
/// covers one word, `не` two); or `нет` right after the match ("шифрования нет"). Negation
/// words that are themselves part of the term (`не блокирует`) are the claim, not a negation.
fn is_negated(tokens: &[Token], positions: &[usize], reach: usize) -> bool {
    for &q in positions {
        let mut p = q;
        for distance in 1..=reach {
            if p == 0 {
                break;
            }
            p -= 1;
            if positions.binary_search(&p).is_ok() || tokens[p].clause != tokens[q].clause {
                break;
            }
            if usize::from(tokens[p].negation_reach) >= distance {
                return true;
            }
        }
    }
    if let Some(&last) = positions.last() {
        let after = &tokens[last + 1..(last + 4).min(tokens.len())];
        for (i, token) in after.iter().enumerate() {
            if token.clause != tokens[last].clause {
                break;
            }
            // "шифрования нет", "идемпотентность не нужна", "retries aren't needed".
            let needed_next = after
                .get(i + 1)
                .is_some_and(|next| is_about_need(next) && next.clause == token.clause);
            if token.norm == "нет"
                || (token.negation_reach > 0 && needed_next)
                || is_unneeded(token)
            {
                return true;
            }
        }
    }
    false
}

/// Returns true if and only if the word says something is needed ("нужна", "требуется",
/// "needed", "required").
fn is_about_need(token: &Token) -> bool {
    ["нуж", "треб", "обязат", "need", "requir"]
        .iter()
        .any(|p| token.norm.starts_with(p))
}

/// Returns true if and only if the word says something is not needed ("лишний",
/// "unnecessary", "не нужен" written as one word, "ненужный").
fn is_unneeded(token: &Token) -> bool {
    ["ненуж", "лишн", "unnecessar", "needless"]
        .iter()
        .any(|p| token.norm.starts_with(p))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vocabulary() -> Vocabulary {
        let mut vocabulary = Vocabulary::default();
        vocabulary.add_text("mutable immutable потом поток SLA SLO");
        vocabulary
    }

    /// Returns the candidate's words that matched `term`, or None.
    fn find(term: &str, answer: &str) -> Option<String> {
        let matcher = match Matcher::compile(&[&[term]], &[] as &[&[&str]]) {
            Ok(matcher) => matcher,
            Err(problems) => panic!("{term:?}: {problems:?}"),
        };
        let analysis = Analysis::new(answer);
        let marks = matcher.marks(&analysis, &vocabulary());
        matcher.find_point(0, &analysis, &marks).map(|found| {
            found
                .tokens
                .iter()
                .map(|&i| analysis.original(i))
                .collect::<Vec<_>>()
                .join(" ")
        })
    }

    #[track_caller]
    fn case(term: &str, answer: &str, expected: Option<&str>) {
        assert_eq!(
            find(term, answer).as_deref(),
            expected,
            "term {term:?} in {answer:?}"
        );
    }

    #[test]
    fn inflections_and_transliterations() {
        case(
            "блокировка",
            "из-за блокировки интерпретатора",
            Some("блокировки"),
        );
        case("хэш*", "объект хешируемый", Some("хешируемый"));
        case("хэш*", "объект не хешируемый", None);
        case("hash", "Hashing is used", Some("Hashing"));
        case("тред|поток|thread", "тредам нужен GIL", Some("тредам"));
        case("поток", "потоками", Some("потоками"));
    }

    #[test]
    fn typos_in_long_words_only() {
        case(
            "multiprocessing",
            "юзаем multiprocesing",
            Some("multiprocesing"),
        );
        case("блокировка", "блакировка", Some("блакировка"));
        case("mutable", "immutable objects", None);
        case("immutable", "mutable objects", None);
        case("=SLA", "наш SLO", None);
        case("поток", "потом", None);
    }

    #[test]
    fn phrases_keep_order_and_allow_small_gaps() {
        case("event loop", "блокирует event loop", Some("event loop"));
        case("event loop", "event driven main loop", Some("event loop"));
        case("event loop", "loop event", None);
        case("event loop", "event. Then a loop", None);
        case("x=[]", "def f(x = []): ...", Some("x = []"));
        case("kill -9", "сделать kill -9", Some("kill - 9"));
        case(
            "copy requirements",
            "COPY . . потом COPY requirements.txt",
            Some("COPY requirements"),
        );
        case("set", "helm upgrade --set image.tag=v2", Some("set"));
        case(
            "gil это мьютекс*",
            "GIL — это мьютекс интерпретатора",
            Some("GIL это мьютекс"),
        );
        case(
            "больше чем",
            "работает больше, чем нужно",
            Some("больше чем"),
        );
    }

    #[test]
    fn proximity_sets_in_any_order() {
        case(
            "gil & поток*|thread*",
            "потоки упираются в GIL",
            Some("потоки GIL"),
        );
        case(
            "gil & cpu",
            "GIL is here. Lots of words words words words words words words words words words words words words words about CPU",
            None,
        );
    }

    /// Like [`find`], for a misconception.
    fn find_wrong(term: &str, answer: &str) -> Option<String> {
        let matcher = match Matcher::compile(&[] as &[&[&str]], &[&[term]]) {
            Ok(matcher) => matcher,
            Err(problems) => panic!("{term:?}: {problems:?}"),
        };
        let analysis = Analysis::new(answer);
        let marks = matcher.marks(&analysis, &vocabulary());
        matcher
            .find_misconception(0, &analysis, &marks)
            .map(|found| {
                found
                    .tokens
                    .iter()
                    .map(|&i| analysis.original(i))
                    .collect::<Vec<_>>()
                    .join(" ")
            })
    }

    #[test]
    fn misconceptions_heed_wider_negation_and_attribution() {
        assert_eq!(find_wrong("jwt & шифру*", "JWT не шифрует данные"), None);
        assert_eq!(
            find_wrong("jwt & шифру*", "JWT шифрует данные").as_deref(),
            Some("JWT шифрует")
        );
        assert_eq!(
            find_wrong(
                "потоки работают параллельно",
                "потоки никогда не работают параллельно"
            ),
            None
        );
        assert_eq!(
            find_wrong(
                "дефолт* & заново",
                "Многие думают, что дефолт создаётся заново, но нет"
            ),
            None
        );
        assert_eq!(
            find_wrong(
                "дефолт* & заново",
                "Дефолт создаётся заново при каждом вызове"
            )
            .as_deref(),
            Some("Дефолт заново")
        );
    }

    #[test]
    fn key_points_survive_rules_stated_with_negation() {
        case(
            "jwt & парол*",
            "в JWT нельзя хранить пароли",
            Some("JWT пароли"),
        );
        case(
            "поток* & параллельн*",
            "без GIL потоки работают параллельно",
            Some("потоки параллельно"),
        );
        case(
            "изменяем* & умолчани*",
            "Нельзя использовать изменяемые объекты как значения по умолчанию",
            Some("изменяемые умолчанию"),
        );
        case(
            "(не нужен) класс*",
            "try/finally не нужен. Классы нужны",
            None,
        );
    }

    #[test]
    fn negation_turns_a_claim_off() {
        case("jwt & шифру*", "JWT не шифрует данные", None);
        case("jwt & шифру*", "JWT шифрует данные", Some("JWT шифрует"));
        case("gil & block* & i/o", "GIL does not block I/O", None);
        case(
            "gil & block* & i/o",
            "GIL blocks I/O",
            Some("GIL blocks I / O"),
        );
        case("шифровани*", "шифрования там нет", None);
        case("идемпот*", "идемпотентность уже не нужна", None);
        case("retr*", "retries aren't needed here", None);
        case("не блокир*", "не блокирует", Some("не блокирует"));
        case(
            "catch|перехват* sigkill",
            "нельзя перехватить SIGKILL",
            None,
        );
        case(
            "multiprocessing",
            "не только multiprocessing",
            Some("multiprocessing"),
        );
    }

    #[test]
    fn regular_expressions_point_at_the_words() {
        case(r"/sig(kill|term)/", "отправить SIGTERM", Some("SIGTERM"));
        case(r"/99[.,]9+ ?%/", "это 99,99 % аптайма", Some("99 99 %"));
    }
}
