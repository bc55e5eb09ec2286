//! The term syntax of rubrics: how an author writes the ways a candidate may say a key point.
//!
//! A term is one string; a key point lists several, and any one of them is enough.
//!
//! | syntax            | meaning                                                                 |
//! |-------------------|-------------------------------------------------------------------------|
//! | `поток`           | the word in any inflection (`потоки`, `потоков`), with a typo or two in long words |
//! | `хэш*`            | any word starting with `хэш` (`хэшируемый`, `хэширование`)             |
//! | `=SLA`            | exactly this word: no inflections, no typo tolerance                     |
//! | `thread\|поток`   | one of the alternatives at this place                                   |
//! | `(in parallel)\|параллельно` | a multi-word alternative: the words next to each other       |
//! | `(still\|всё равно)` | inside parentheses `\|` separates whole phrases                      |
//! | `event loop`      | a phrase: the words in this order, at most two other words between     |
//! | `gil & thread*`   | every part nearby (within 16 words), in any order                       |
//! | `/sig(term\|int)/` | a regular expression over the lowercased answer                        |
//!
//! Code is written as it is typed: `x=[]`, `__hash__`, `kill -9`, `asyncio.gather` are split the
//! same way as the answer, so spacing does not matter. Words that are code (contain `_` or
//! digits), numbers and operators always match exactly.

use regex::{Regex, RegexBuilder};

use super::analysis::{Analysis, Script, TokenKind};

/// The longest term accepted, in characters: rubric terms are short by nature, and the limit
/// keeps a hostile bank from making matching slow.
pub const MAX_TERM_CHARS: usize = 400;

/// Limits on a compiled regular expression, so a hostile bank cannot exhaust memory.
const REGEX_SIZE_LIMIT: usize = 1 << 20;
const REGEX_NEST_LIMIT: u32 = 40;

/// The most word sequences one parenthesized alternative may stand for.
const MAX_EXPANSIONS: usize = 64;

/// The shortest prefix a `*` may follow: `a*` would match nearly everything.
const MIN_PREFIX_CHARS: usize = 3;

/// A parsed term.
#[derive(Clone, Debug)]
pub enum Term {
    /// Word groups: one group is a phrase; several must all occur near each other.
    Groups(Vec<Group>),
    /// A regular expression over the folded answer.
    Regex(Regex),
}

/// A phrase: slots that must occur in order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Group {
    /// The places of the phrase, in order.
    pub slots: Vec<Slot>,
}

/// One place of a phrase and its alternatives; each alternative is a run of adjacent tokens
/// (`i/o` is three).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Slot {
    /// The alternatives, each a sequence of token patterns.
    pub alternatives: Vec<Vec<WordPattern>>,
}

/// How one token of the answer is matched.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum WordPattern {
    /// A word in any inflection: equal stems, or a small typo.
    Stem {
        /// The Snowball stem.
        stem: String,
        /// The folded word as written in the term.
        norm: String,
    },
    /// Any token whose folded form starts with this.
    Prefix(String),
    /// A token whose folded form is exactly this.
    Exact(String),
}

/// What is wrong with a term; `column` counts characters from 1 within the term.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum TermError {
    /// The term is empty or blank.
    #[error("the term is empty")]
    Empty,
    /// The term is longer than [`MAX_TERM_CHARS`].
    #[error("the term is {chars} characters long; the limit is {MAX_TERM_CHARS}")]
    TooLong {
        /// The term's length.
        chars: usize,
    },
    /// `a||b`, `|a` or `a|`.
    #[error("empty alternative at column {column}: remove the extra `|`")]
    EmptyAlternative {
        /// Where the empty alternative is.
        column: usize,
    },
    /// `a & & b`, `& a` or `a &`.
    #[error("empty part at column {column}: `&` needs words on both sides")]
    EmptyGroup {
        /// Where the empty part is.
        column: usize,
    },
    /// `(in parallel` without its `)`.
    #[error("the group opened at column {column} is not closed: add `)`")]
    UnclosedGroup {
        /// Where the `(` is.
        column: usize,
    },
    /// A parenthesized alternative that expands to too many word sequences.
    #[error(
        "the group at column {column} stands for more than {MAX_EXPANSIONS} phrases: split it into several terms"
    )]
    TooManyAlternatives {
        /// Where the `(` is.
        column: usize,
    },
    /// A term that starts with `/` but does not end with one.
    #[error("the regular expression is not closed: end it with `/`")]
    UnclosedRegex,
    /// The regular expression does not compile or is too big.
    #[error("the regular expression does not compile: {0}")]
    Regex(String),
    /// `ab*`: too short to be a useful prefix.
    #[error(
        "the prefix `{prefix}*` is too short: write at least {MIN_PREFIX_CHARS} characters before `*`"
    )]
    PrefixTooShort {
        /// The prefix as written.
        prefix: String,
    },
    /// An alternative with nothing an answer could contain (only punctuation).
    #[error("`{text}` has no word, number or operator to match")]
    NothingToMatch {
        /// The alternative as written.
        text: String,
    },
}

impl Term {
    /// Parses a term written in a rubric.
    pub fn parse(text: &str) -> Result<Term, TermError> {
        let chars = text.chars().count();
        if chars > MAX_TERM_CHARS {
            return Err(TermError::TooLong { chars });
        }
        let trimmed = text.trim();
        if trimmed.is_empty() {
            return Err(TermError::Empty);
        }
        if let Some(body) = trimmed.strip_prefix('/') {
            let body = body.strip_suffix('/').ok_or(TermError::UnclosedRegex)?;
            if body.is_empty() {
                return Err(TermError::Empty);
            }
            return compile_regex(body).map(Term::Regex);
        }
        Parser::new(text).term().map(Term::Groups)
    }

    /// Returns true if and only if the term is one word (with alternatives): negation reaches
    /// less far for a single word than for a phrase.
    pub fn is_single_word(&self) -> bool {
        match self {
            Term::Groups(groups) => {
                groups.len() == 1
                    && groups[0].slots.len() == 1
                    && groups[0].slots[0].alternatives.iter().all(|a| a.len() == 1)
            }
            Term::Regex(_) => false,
        }
    }
}

/// A scanner over the characters of a term, tracking 1-based columns for errors.
struct Parser {
    chars: Vec<char>,
    at: usize,
}

impl Parser {
    fn new(text: &str) -> Self {
        Parser {
            chars: text.chars().collect(),
            at: 0,
        }
    }

    fn peek(&self) -> Option<char> {
        self.chars.get(self.at).copied()
    }

    fn column(&self) -> usize {
        self.at + 1
    }

    fn skip_space(&mut self) {
        while self.peek().is_some_and(char::is_whitespace) {
            self.at += 1;
        }
    }

    /// term := group ('&' group)*
    fn term(&mut self) -> Result<Vec<Group>, TermError> {
        let mut groups = Vec::new();
        loop {
            let part_start = self.column();
            self.skip_space();
            if matches!(self.peek(), None | Some('&')) {
                return Err(TermError::EmptyGroup { column: part_start });
            }
            groups.push(self.group()?);
            // A group ends only at `&` or at the end of the term.
            if self.peek() == Some('&') {
                self.at += 1;
            } else {
                return Ok(groups);
            }
        }
    }

    /// group := slot (whitespace slot)*, up to `&` or the end.
    fn group(&mut self) -> Result<Group, TermError> {
        let mut slots = Vec::new();
        loop {
            self.skip_space();
            match self.peek() {
                None | Some('&') => return Ok(Group { slots }),
                Some(_) => slots.push(self.slot()?),
            }
        }
    }

    /// slot := alternative ('|' alternative)*
    fn slot(&mut self) -> Result<Slot, TermError> {
        let mut alternatives = Vec::new();
        loop {
            if self
                .peek()
                .is_none_or(|c| c == '|' || c == '&' || c.is_whitespace())
            {
                return Err(TermError::EmptyAlternative {
                    column: self.column(),
                });
            }
            if self.peek() == Some('(') && self.chars.get(self.at + 1) != Some(&')') {
                alternatives.extend(self.parenthesized()?);
            } else {
                let word = self.word(false);
                alternatives.push(parse_word(&word)?);
            }
            if self.peek() == Some('|') {
                self.at += 1;
            } else {
                return Ok(Slot { alternatives });
            }
        }
    }

    /// group := '(' phrase ('|' phrase)* ')', where a phrase is words (or nested groups)
    /// separated by spaces, standing next to each other in the answer: `(still|всё равно)` is
    /// `still` or `всё равно`, and `(one|single) thread` is `one thread` or `single thread`.
    fn parenthesized(&mut self) -> Result<Vec<Vec<WordPattern>>, TermError> {
        let open = self.column();
        self.at += 1;
        let mut all: Vec<Vec<WordPattern>> = Vec::new();
        let mut phrase: Vec<Vec<WordPattern>> = vec![Vec::new()];
        let mut phrase_is_empty = true;
        loop {
            self.skip_space();
            match self.peek() {
                None | Some('&') => return Err(TermError::UnclosedGroup { column: open }),
                Some(c @ (')' | '|')) => {
                    if phrase_is_empty {
                        return Err(TermError::EmptyAlternative {
                            column: self.column(),
                        });
                    }
                    all.append(&mut phrase);
                    phrase = vec![Vec::new()];
                    phrase_is_empty = true;
                    self.at += 1;
                    if c == ')' {
                        break;
                    }
                }
                Some(_) => {
                    let item =
                        if self.peek() == Some('(') && self.chars.get(self.at + 1) != Some(&')') {
                            self.parenthesized()?
                        } else {
                            let word = self.word(true);
                            vec![parse_word(&word)?]
                        };
                    let mut next = Vec::with_capacity(phrase.len() * item.len());
                    for prefix in &phrase {
                        for sequence in &item {
                            let mut joined = prefix.clone();
                            joined.extend(sequence.iter().cloned());
                            next.push(joined);
                        }
                    }
                    if next.len() + all.len() > MAX_EXPANSIONS {
                        return Err(TermError::TooManyAlternatives { column: open });
                    }
                    phrase = next;
                    phrase_is_empty = false;
                }
            }
        }
        Ok(all)
    }

    /// A run of characters up to whitespace, `|`, `&` (or `)` inside a group).
    fn word(&mut self, in_group: bool) -> String {
        let start = self.at;
        while let Some(c) = self.peek() {
            if c.is_whitespace() || c == '|' || c == '&' || (in_group && c == ')') {
                break;
            }
            self.at += 1;
        }
        self.chars[start..self.at].iter().collect()
    }
}

/// Turns one written word (`=SLA`, `хэш*`, `x=[]`) into token patterns.
fn parse_word(text: &str) -> Result<Vec<WordPattern>, TermError> {
    // Banks repeat the same words across many terms (`поток*`, `thread*`): parse each once.
    thread_local! {
        static WORDS: std::cell::RefCell<std::collections::HashMap<String, Result<Vec<WordPattern>, TermError>>> =
            std::cell::RefCell::new(std::collections::HashMap::new());
    }
    if let Some(parsed) = WORDS.with(|words| words.borrow().get(text).cloned()) {
        return parsed;
    }
    let parsed = parse_word_uncached(text);
    WORDS.with(|words| {
        let mut words = words.borrow_mut();
        if words.len() > 100_000 {
            words.clear();
        }
        words.insert(text.to_owned(), parsed.clone());
    });
    parsed
}

fn parse_word_uncached(text: &str) -> Result<Vec<WordPattern>, TermError> {
    let (exact, body) = match text.strip_prefix('=') {
        Some(rest) if rest.starts_with(|c: char| c.is_alphanumeric() || c == '_') => (true, rest),
        _ => (false, text),
    };
    let (prefix, body) = match body.strip_suffix('*') {
        Some(rest) if rest.ends_with(|c: char| c.is_alphanumeric() || c == '_') => (true, rest),
        _ => (false, body),
    };
    let analysis = Analysis::new(body);
    let tokens = analysis.tokens();
    if tokens.is_empty() {
        return Err(TermError::NothingToMatch {
            text: text.to_owned(),
        });
    }
    let last = tokens.len() - 1;
    let mut patterns = Vec::with_capacity(tokens.len());
    for (i, token) in tokens.iter().enumerate() {
        let pattern = if prefix && i == last {
            if token.norm.chars().count() < MIN_PREFIX_CHARS {
                return Err(TermError::PrefixTooShort {
                    prefix: body.to_owned(),
                });
            }
            WordPattern::Prefix(token.norm.clone())
        } else if exact
            || token.kind != TokenKind::Word
            || token.script == Script::Other
            || token.norm.chars().count() < 3
        {
            WordPattern::Exact(token.norm.clone())
        } else {
            WordPattern::Stem {
                stem: token.stem.clone(),
                norm: token.norm.clone(),
            }
        };
        patterns.push(pattern);
    }
    Ok(patterns)
}

/// Compiles a rubric regular expression: case-insensitive, with `ё`/`э` folded to `е` like the
/// text it runs on, and with size and nesting limits (the regex crate never backtracks, so
/// matching stays linear in the answer's length).
fn compile_regex(body: &str) -> Result<Regex, TermError> {
    let folded: String = body
        .chars()
        .map(|c| match c {
            'ё' | 'Ё' | 'э' | 'Э' => 'е',
            c => c,
        })
        .collect();
    RegexBuilder::new(&folded)
        .case_insensitive(true)
        .size_limit(REGEX_SIZE_LIMIT)
        .dfa_size_limit(REGEX_SIZE_LIMIT)
        .nest_limit(REGEX_NEST_LIMIT)
        .build()
        .map_err(|error| TermError::Regex(regex_error_sentence(&error)))
}

fn regex_error_sentence(error: &regex::Error) -> String {
    match error {
        regex::Error::CompiledTooBig(limit) => {
            format!(
                "it would compile to more than {limit} bytes; simplify it or split it into several terms"
            )
        }
        other => {
            // The regex crate's message is multi-line with a caret diagram; keep its last line,
            // which states the problem.
            let text = other.to_string();
            text.lines()
                .rev()
                .find(|line| line.trim_start().starts_with("error:"))
                .map(|line| {
                    line.trim_start()
                        .trim_start_matches("error:")
                        .trim()
                        .to_owned()
                })
                .unwrap_or(text)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn patterns(term: &str) -> Vec<Vec<Vec<WordPattern>>> {
        match Term::parse(term) {
            Ok(Term::Groups(groups)) => groups
                .into_iter()
                .flat_map(|g| g.slots)
                .map(|s| s.alternatives)
                .collect(),
            other => panic!("{term:?} parsed as {other:?}"),
        }
    }

    #[test]
    fn words_prefixes_and_exact_terms() {
        let parsed = patterns("потоки|threads хэш* =SLA x=[]");
        assert_eq!(parsed.len(), 4);
        assert!(matches!(&parsed[0][0][0], WordPattern::Stem { stem, .. } if stem == "поток"));
        assert!(matches!(&parsed[0][1][0], WordPattern::Stem { stem, .. } if stem == "thread"));
        assert_eq!(parsed[1][0], vec![WordPattern::Prefix("хеш".into())]);
        assert_eq!(parsed[2][0], vec![WordPattern::Exact("sla".into())]);
        assert_eq!(
            parsed[3][0],
            vec![
                WordPattern::Exact("x".into()),
                WordPattern::Exact("=".into()),
                WordPattern::Exact("[]".into())
            ]
        );
    }

    #[test]
    fn parentheses_make_multi_word_alternatives() {
        let parsed = patterns("потоки (in parallel)|параллельно");
        assert_eq!(parsed.len(), 2);
        assert_eq!(parsed[1][0].len(), 2);
        assert_eq!(parsed[1][1].len(), 1);
        let parsed = patterns("(one|single) thread");
        assert_eq!(parsed.len(), 2);
        assert_eq!(parsed[0].len(), 2);
        // Inside parentheses `|` separates whole phrases.
        let parsed = patterns("(still|всё равно|anyway)");
        assert_eq!(parsed.len(), 1);
        let lengths: Vec<usize> = parsed[0].iter().map(Vec::len).collect();
        assert_eq!(lengths, [1, 2, 1]);
        let parsed = patterns("(a (b|c) d|e)");
        let lengths: Vec<usize> = parsed[0].iter().map(Vec::len).collect();
        assert_eq!(lengths, [3, 3, 1]);
        // Code keeps its brackets: an empty pair is not a group.
        assert_eq!(patterns("gather()")[0][0].len(), 2);
    }

    #[test]
    fn proximity_sets_have_several_groups() {
        match Term::parse("gil & поток*|thread*") {
            Ok(Term::Groups(groups)) => assert_eq!(groups.len(), 2),
            other => panic!("{other:?}"),
        }
    }

    #[track_caller]
    fn error(term: &str, expected: TermError) {
        assert_eq!(Term::parse(term).err(), Some(expected), "term {term:?}");
    }

    #[test]
    fn mistakes_are_reported_with_their_column() {
        error("", TermError::Empty);
        error("a||b", TermError::EmptyAlternative { column: 3 });
        error("foo bar|", TermError::EmptyAlternative { column: 9 });
        error("gil & ", TermError::EmptyGroup { column: 6 });
        error("& gil", TermError::EmptyGroup { column: 1 });
        error("/abc", TermError::UnclosedRegex);
        error(
            "ab*",
            TermError::PrefixTooShort {
                prefix: "ab".into(),
            },
        );
        error("?!", TermError::NothingToMatch { text: "?!".into() });
        error("(in parallel|x", TermError::UnclosedGroup { column: 1 });
        error("(a||b)", TermError::EmptyAlternative { column: 4 });
        error("(a|)", TermError::EmptyAlternative { column: 4 });
        error("a| b", TermError::EmptyAlternative { column: 3 });
        assert!(matches!(
            Term::parse("/(unclosed/"),
            Err(TermError::Regex(_))
        ));
    }

    #[test]
    fn enormous_regexes_are_refused() {
        let alternation = (0..40_000)
            .map(|i| format!("w{i}"))
            .collect::<Vec<_>>()
            .join("|");
        let err = compile_regex(&alternation).err();
        assert!(matches!(err, Some(TermError::Regex(_))), "{err:?}");
        let nested = format!("{}a{}", "(".repeat(100), ")".repeat(100));
        assert!(compile_regex(&nested).is_err());
    }
}
