//! Text analysis: turns a free-text answer, or one word of a rubric term, into tokens that meet
//! however the candidate spelled them.
//!
//! The same analysis runs on both sides of a match, which is what makes it work: `x=[]` and
//! `x = []`, `non-root` and `non root`, `asyncio.gather` and `asyncio gather` all become the same
//! tokens. Every token keeps its place in the original text so feedback can quote the candidate's
//! own words.
//!
//! Steps: NFKC normalization; case folding with `ё`→`е` and `э`→`е` (so `хэш`/`хеш` and
//! `кэш`/`кеш` meet); a tokenizer that keeps code (`__hash__`, `-9`, `==`, `[]`) and splits words at
//! a change of script (`GILом` → `gil` + `ом`); Snowball stemming per word, Russian for Cyrillic
//! and English for Latin; and marks for sentence and clause boundaries and for negation words.

use std::cell::RefCell;
use std::collections::HashSet;
use std::ops::Range;
use std::sync::LazyLock;

use rust_stemmers::{Algorithm, Stemmer};
use unicode_normalization::UnicodeNormalization;

/// The writing system of a word: it picks the stemmer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Script {
    /// Latin letters: English stemming.
    Latin,
    /// Cyrillic letters: Russian stemming.
    Cyrillic,
    /// Digits, symbols, or another script: no stemming.
    Other,
}

/// What a token is, which decides how it may be matched.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenKind {
    /// A natural-language word: stemmed, and matched with typo tolerance.
    Word,
    /// A code identifier or flag (`__slots__`, `rs256`, `-9`): matched exactly.
    Code,
    /// A number: matched exactly.
    Number,
    /// An operator or an empty bracket pair (`=`, `==`, `->`, `[]`): matched exactly.
    Symbol,
}

/// One token of an analysed text.
#[derive(Clone, Debug)]
pub struct Token {
    /// What kind of token this is.
    pub kind: TokenKind,
    /// The script of a word token.
    pub script: Script,
    /// The folded surface form: lowercase, NFKC, `ё`/`э` → `е`.
    pub norm: String,
    /// The Snowball stem of a word, or the core of a dunder name (`__hash__` → `hash`);
    /// otherwise the same as `norm`.
    pub stem: String,
    /// Byte range in [`Analysis::source`].
    pub source: Range<usize>,
    /// Byte range in [`Analysis::folded`].
    pub folded: Range<usize>,
    /// Index of the sentence the token is in.
    pub sentence: u32,
    /// Index of the clause the token is in; clauses end at sentence ends, commas, colons,
    /// dashes and brackets.
    pub clause: u32,
    /// Index of the list fragment the token is in; fragments end only at sentence ends, line
    /// breaks, commas and semicolons, so `CPU-bound: multiprocessing` is one fragment.
    pub fragment: u32,
    /// How many following words the token negates: 0 for most words, 1 for `без`/`without`
    /// (which negate only the next word), 2 for `не`, `not`, `нельзя`, `doesn't`…
    pub negation_reach: u8,
    /// Returns true if and only if the token attributes what follows to someone else
    /// ("многие думают, что…", "a common myth is…"), so a wrong claim after it is not the
    /// candidate's own.
    pub attributes: bool,
    /// Returns true if and only if the token looks like a Russian verb form (`собираем`,
    /// `пересоздаются`, `делать`): a fragment with a verb says something, a list item does not.
    pub is_verb_like: bool,
    /// Returns true if and only if the token is a function word (`и`, `это`, `the`, `because`…):
    /// a sign of prose rather than a list of keywords.
    pub is_function_word: bool,
}

/// An analysed text: the tokens and the normalized strings they point into.
#[derive(Clone, Debug, Default)]
pub struct Analysis {
    source: String,
    folded: String,
    tokens: Vec<Token>,
}

impl Analysis {
    /// Analyses `text`.
    pub fn new(text: &str) -> Analysis {
        // Most text is already in NFKC; checking is much cheaper than normalizing.
        let source: String = match unicode_normalization::is_nfkc_quick(text.chars()) {
            unicode_normalization::IsNormalized::Yes => text.to_owned(),
            _ => text.nfkc().collect(),
        };
        let mut chars = Vec::with_capacity(source.len());
        let mut folded = String::with_capacity(source.len());
        for (offset, c) in source.char_indices() {
            let start = folded.len();
            fold_char(c, &mut folded);
            for f in folded[start..].chars() {
                chars.push(FoldedChar {
                    c: f,
                    source: offset,
                    source_end: offset + c.len_utf8(),
                    folded: start,
                });
            }
        }
        let tokens = Tokenizer::new(&chars, &folded).run();
        Analysis {
            source,
            folded,
            tokens,
        }
    }

    /// The normalized (NFKC) text that token source ranges point into.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// The folded text that regular expressions of rubrics run on.
    pub fn folded(&self) -> &str {
        &self.folded
    }

    /// The tokens, in text order.
    pub fn tokens(&self) -> &[Token] {
        &self.tokens
    }

    /// The candidate's own words for the token at `index`.
    pub fn original(&self, index: usize) -> &str {
        &self.source[self.tokens[index].source.clone()]
    }

    /// The tokens whose folded range overlaps `range` of [`Analysis::folded`].
    pub fn tokens_in_folded(&self, range: Range<usize>) -> Range<usize> {
        let first = self.tokens.partition_point(|t| t.folded.end <= range.start);
        let end = self.tokens.partition_point(|t| t.folded.start < range.end);
        first..end.max(first)
    }

    /// How many tokens are natural-language words.
    pub fn word_count(&self) -> usize {
        self.tokens
            .iter()
            .filter(|t| t.kind == TokenKind::Word)
            .count()
    }

    /// The list fragments of the text (runs of tokens between commas, semicolons, line breaks
    /// and sentence ends), and how many of them are bare: at most `short` tokens with no
    /// function word and no verb. A list of keywords is mostly bare fragments; "потом
    /// деплоим" or "коннекты к базе" are not.
    pub fn fragment_lengths(&self, short: usize) -> (usize, usize) {
        let mut fragments = 0;
        let mut bare = 0;
        let mut i = 0;
        while i < self.tokens.len() {
            let fragment = self.tokens[i].fragment;
            let start = i;
            while i < self.tokens.len() && self.tokens[i].fragment == fragment {
                i += 1;
            }
            fragments += 1;
            let words = &self.tokens[start..i];
            if words.len() <= short && !words.iter().any(|t| t.is_function_word || t.is_verb_like) {
                bare += 1;
            }
        }
        (fragments, bare)
    }

    /// The share of words that are function words: near 0 for a bare list of keywords,
    /// 0.3-0.5 for ordinary prose in Russian or English.
    pub fn function_word_ratio(&self) -> f64 {
        let words = self.word_count();
        if words == 0 {
            return 0.0;
        }
        let function = self.tokens.iter().filter(|t| t.is_function_word).count();
        function as f64 / words as f64
    }
}

/// Folds one character to the form matching compares: lowercase, `ё`/`э` → `е`, typographic
/// apostrophes → `'`, invisible characters dropped.
fn fold_char(c: char, out: &mut String) {
    match c {
        'ё' | 'Ё' | 'э' | 'Э' => out.push('е'),
        '’' | '‘' | 'ʼ' | '′' => out.push('\''),
        '\u{00AD}' | '\u{200B}'..='\u{200F}' | '\u{2060}' | '\u{FEFF}' => {}
        c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
        c => out.extend(c.to_lowercase()),
    }
}

/// Folds a whole string the way [`Analysis`] folds an answer (after NFKC).
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.nfkc() {
        fold_char(c, &mut out);
    }
    out
}

#[derive(Clone, Copy)]
struct FoldedChar {
    c: char,
    source: usize,
    source_end: usize,
    folded: usize,
}

fn script_of(c: char) -> Script {
    match c {
        'a'..='z' | 'A'..='Z' | '\u{00C0}'..='\u{024F}' => Script::Latin,
        '\u{0400}'..='\u{052F}' => Script::Cyrillic,
        _ => Script::Other,
    }
}

fn is_word_char(c: char) -> bool {
    match c {
        'a'..='z' | 'A'..='Z' | '0'..='9' | '_' => true,
        c if c.is_ascii() => false,
        // Cyrillic letters, without the full Unicode table lookup that dominates tokenizing.
        '\u{0400}'..='\u{0481}' | '\u{048A}'..='\u{04FF}' => true,
        c => c.is_alphanumeric(),
    }
}

fn is_operator_char(c: char) -> bool {
    matches!(
        c,
        '=' | '<' | '>' | '!' | '+' | '*' | '/' | '%' | '&' | '|' | '^' | '~' | '@'
    )
}

struct Tokenizer<'a> {
    chars: &'a [FoldedChar],
    folded: &'a str,
    tokens: Vec<Token>,
    sentence: u32,
    clause: u32,
    fragment: u32,
}

impl<'a> Tokenizer<'a> {
    fn new(chars: &'a [FoldedChar], folded: &'a str) -> Self {
        Tokenizer {
            chars,
            folded,
            tokens: Vec::new(),
            sentence: 0,
            clause: 0,
            fragment: 0,
        }
    }

    fn at(&self, i: usize) -> Option<char> {
        self.chars.get(i).map(|f| f.c)
    }

    fn is_space_or_edge(&self, i: Option<usize>) -> bool {
        match i {
            None => true,
            Some(i) => self.at(i).is_none_or(|c| c.is_whitespace()),
        }
    }

    fn end_sentence(&mut self) {
        if self
            .tokens
            .last()
            .is_some_and(|t| t.sentence == self.sentence)
        {
            self.sentence += 1;
            self.clause += 1;
            self.fragment += 1;
        }
    }

    fn end_fragment(&mut self) {
        if self
            .tokens
            .last()
            .is_some_and(|t| t.fragment == self.fragment)
        {
            self.fragment += 1;
        }
    }

    fn end_clause(&mut self) {
        if self.tokens.last().is_some_and(|t| t.clause == self.clause) {
            self.clause += 1;
        }
    }

    fn run(mut self) -> Vec<Token> {
        let n = self.chars.len();
        let mut i = 0;
        while i < n {
            let c = self.chars[i].c;
            let next = self.at(i + 1);
            if is_word_char(c) {
                i = self.word(i);
            } else if c == '-'
                && self.is_space_or_edge(i.checked_sub(1))
                && (next.is_some_and(char::is_alphanumeric)
                    || (next == Some('-') && self.at(i + 2).is_some_and(char::is_alphanumeric)))
            {
                i = self.flag(i);
            } else if matches!(c, '.' | '?' | '!' | ';' | '…' | '\n')
                && !(c == '.' && next.is_some_and(is_word_char))
                && !(c == '.' && self.is_space_or_edge(i.checked_sub(1)))
                && !(c == '!' && next == Some('='))
            {
                self.end_sentence();
                i += 1;
            } else if let Some(close) = empty_pair(c, next) {
                self.push(i, i + 2, TokenKind::Symbol, Script::Other, close.to_owned());
                i += 2;
            } else if matches!(
                c,
                ',' | '(' | ')' | '[' | ']' | '{' | '}' | '"' | '«' | '»' | '—' | '–'
            ) || (c == ':' && next != Some('='))
                || (c == '-' && self.is_space_or_edge(Some(i + 1)))
            {
                if c == ',' {
                    self.end_fragment();
                }
                self.end_clause();
                i += 1;
            } else if is_operator_char(c)
                || (c == '-' && matches!(next, Some('>' | '=')))
                || (c == ':' && next == Some('='))
            {
                let start = i;
                i += 1;
                while self
                    .at(i)
                    .is_some_and(|c| is_operator_char(c) || c == '-' || c == ':')
                {
                    i += 1;
                }
                let text = self.slice(start, i).to_owned();
                self.push(start, i, TokenKind::Symbol, Script::Other, text);
            } else {
                // Whitespace, quotes, emoji, other punctuation: separators that carry no meaning.
                i += 1;
            }
        }
        self.tokens
    }

    fn slice(&self, start: usize, end: usize) -> &'a str {
        let from = self.chars[start].folded;
        let to = self.chars.get(end).map_or(self.folded.len(), |f| f.folded);
        &self.folded[from..to]
    }

    /// Reads a word from `start`: letters, digits, `_`, and an apostrophe between letters
    /// (`doesn't`); a change between Latin and Cyrillic letters ends it.
    fn word(&mut self, start: usize) -> usize {
        let mut i = start;
        let mut script = Script::Other;
        let (mut letters, mut digits, mut underscore) = (false, false, false);
        while let Some(c) = self.at(i) {
            if is_word_char(c) {
                if c.is_alphabetic() {
                    let s = script_of(c);
                    if letters && s != script && s != Script::Other && script != Script::Other {
                        break;
                    }
                    if !letters || script == Script::Other {
                        script = s;
                    }
                    letters = true;
                } else if c == '_' {
                    underscore = true;
                } else {
                    digits = true;
                }
                i += 1;
            } else if c == '\''
                && i > start
                && self.at(i - 1).is_some_and(char::is_alphabetic)
                && self.at(i + 1).is_some_and(char::is_alphabetic)
            {
                i += 1;
            } else {
                break;
            }
        }
        let text = self.slice(start, i).to_owned();
        let kind = if !letters && !underscore {
            TokenKind::Number
        } else if underscore || (letters && digits) {
            TokenKind::Code
        } else {
            TokenKind::Word
        };
        self.push(start, i, kind, script, text);
        i
    }

    /// Reads a command-line flag such as `-9` or `--no-cache`.
    /// Reads the dashes of a command-line flag (`-9`, `--no-cache`) as a symbol token; the
    /// name after them is read as ordinary words, so `--set` matches the word `set` and
    /// `kill -9` is `kill`, `-`, `9` on both sides of a match.
    fn flag(&mut self, start: usize) -> usize {
        let mut i = start;
        while self.at(i) == Some('-') {
            i += 1;
        }
        let text = self.slice(start, i).to_owned();
        self.push(start, i, TokenKind::Symbol, Script::Other, text);
        i
    }

    fn push(&mut self, start: usize, end: usize, kind: TokenKind, script: Script, norm: String) {
        let source = self.chars[start].source..self.chars[end - 1].source_end;
        let folded =
            self.chars[start].folded..self.chars.get(end).map_or(self.folded.len(), |f| f.folded);
        let stem = match kind {
            TokenKind::Word => stem(&norm, script),
            TokenKind::Code => {
                let core = norm.trim_matches('_');
                if core.len() != norm.len() && !core.is_empty() && !core.contains('_') {
                    stem(core, Script::Latin)
                } else {
                    norm.clone()
                }
            }
            TokenKind::Number | TokenKind::Symbol => norm.clone(),
        };
        let is_function_word = kind == TokenKind::Word && FUNCTION_WORDS.contains(norm.as_str());
        let negation_reach = if kind == TokenKind::Word {
            negation_reach(&norm)
        } else {
            0
        };
        let is_verb_like =
            kind == TokenKind::Word && script == Script::Cyrillic && looks_like_verb(&norm);
        let attributes = kind == TokenKind::Word && ATTRIBUTIONS.contains(stem.as_str());
        self.tokens.push(Token {
            kind,
            script,
            norm,
            stem,
            source,
            folded,
            sentence: self.sentence,
            clause: self.clause,
            fragment: self.fragment,
            negation_reach,
            attributes,
            is_verb_like,
            is_function_word,
        });
        // "not only" / "не только" / "не просто" adds rather than negates; "нельзя просто"
        // and "can't just" still negate.
        let len = self.tokens.len();
        if len >= 2
            && NOT_NEGATING_AFTER.contains(self.tokens[len - 1].norm.as_str())
            && matches!(self.tokens[len - 2].norm.as_str(), "не" | "not")
        {
            self.tokens[len - 2].negation_reach = 0;
        }
    }
}

fn empty_pair(c: char, next: Option<char>) -> Option<&'static str> {
    match (c, next?) {
        ('[', ']') => Some("[]"),
        ('(', ')') => Some("()"),
        ('{', '}') => Some("{}"),
        _ => None,
    }
}

static RUSSIAN: LazyLock<Stemmer> = LazyLock::new(|| Stemmer::create(Algorithm::Russian));
static ENGLISH: LazyLock<Stemmer> = LazyLock::new(|| Stemmer::create(Algorithm::English));

/// How many stems a thread remembers before starting over: answers and rubrics reuse a small
/// vocabulary, so a batch of thousands of answers stems each distinct word about once.
const STEM_CACHE_LIMIT: usize = 50_000;

thread_local! {
    /// Stems by script: [Russian, English].
    static STEM_CACHE: RefCell<[rustc_hash::FxHashMap<String, String>; 2]> = RefCell::new(Default::default());
}

/// The Snowball stem of a folded word in `script`; words of other scripts are their own stem.
pub fn stem(word: &str, script: Script) -> String {
    let russian = match script {
        Script::Cyrillic => true,
        Script::Latin => false,
        Script::Other => return word.to_owned(),
    };
    STEM_CACHE.with(|cache| {
        let mut caches = cache.borrow_mut();
        let cache = &mut caches[usize::from(!russian)];
        if let Some(stem) = cache.get(word) {
            return stem.clone();
        }
        let stemmer = if russian { &*RUSSIAN } else { &*ENGLISH };
        let stem = stemmer.stem(word).into_owned();
        // A stem of one or two letters matches far too much (`ес` from `если`): keep the word.
        let stem = if stem.chars().count() < 3 {
            word.to_owned()
        } else {
            stem
        };
        if cache.len() >= STEM_CACHE_LIMIT {
            cache.clear();
        }
        cache.insert(word.to_owned(), stem.clone());
        stem
    })
}

/// Endings of Russian verb forms that nouns rarely have (infinitives, present tense,
/// reflexives, past tense plural).
const VERB_ENDINGS: &[&str] = &[
    "ться", "тся", "ть", "ешь", "ишь", "ет", "ит", "ут", "ют", "ат", "ят", "ем", "им", "ли", "ла",
];

fn looks_like_verb(norm: &str) -> bool {
    norm.chars().count() >= 5 && VERB_ENDINGS.iter().any(|ending| norm.ends_with(ending))
}

/// How many following words the folded word negates.
fn negation_reach(norm: &str) -> u8 {
    if WORD_NEGATIONS.contains(norm) {
        1
    } else if NEGATIONS.contains(norm) || norm.ends_with("n't") {
        2
    } else {
        0
    }
}

fn folded_set(words: &[&str]) -> HashSet<String> {
    words.iter().map(|w| fold(w)).collect()
}

static NEGATIONS: LazyLock<HashSet<String>> = LazyLock::new(|| {
    folded_set(&[
        "не",
        "нет",
        "ни",
        "никогда",
        "нельзя",
        "невозможно",
        "not",
        "no",
        "never",
        "cannot",
        "nor",
        "neither",
        "dont",
        "doesnt",
        "isnt",
        "arent",
        "cant",
        "wont",
        "didnt",
        "shouldnt",
        "wouldnt",
        "mustnt",
    ])
});

/// Prepositions that negate only the word right after them: "без GIL потоки работают" is about
/// threads working, not about them not working.
static WORD_NEGATIONS: LazyLock<HashSet<String>> =
    LazyLock::new(|| folded_set(&["без", "without"]));

/// Stems of words that attribute a claim to others ("многие думают", "это миф", "people
/// believe", "a common misconception").
static ATTRIBUTIONS: LazyLock<HashSet<String>> = LazyLock::new(|| {
    [
        ("думают", Script::Cyrillic),
        ("считают", Script::Cyrillic),
        ("считается", Script::Cyrillic),
        ("говорят", Script::Cyrillic),
        ("миф", Script::Cyrillic),
        ("заблуждение", Script::Cyrillic),
        ("ошибочно", Script::Cyrillic),
        ("неправда", Script::Cyrillic),
        ("неверно", Script::Cyrillic),
        ("untrue", Script::Latin),
        ("think", Script::Latin),
        ("believe", Script::Latin),
        ("myth", Script::Latin),
        ("misconception", Script::Latin),
        ("wrongly", Script::Latin),
        ("mistakenly", Script::Latin),
    ]
    .iter()
    .map(|(word, script)| stem(&fold(word), *script))
    .collect()
});

static NOT_NEGATING_AFTER: LazyLock<HashSet<String>> =
    LazyLock::new(|| folded_set(&["только", "лишь", "only", "just", "просто"]));

static FUNCTION_WORDS: LazyLock<HashSet<String>> = LazyLock::new(|| {
    folded_set(&[
        // Russian
        "и",
        "в",
        "во",
        "на",
        "с",
        "со",
        "к",
        "ко",
        "по",
        "о",
        "об",
        "от",
        "до",
        "из",
        "за",
        "для",
        "при",
        "про",
        "над",
        "под",
        "у",
        "через",
        "между",
        "без",
        "что",
        "чтобы",
        "это",
        "этот",
        "эта",
        "эти",
        "этого",
        "этом",
        "как",
        "так",
        "то",
        "тот",
        "та",
        "те",
        "того",
        "а",
        "но",
        "или",
        "либо",
        "если",
        "когда",
        "потому",
        "поэтому",
        "тогда",
        "же",
        "ли",
        "бы",
        "уже",
        "еще",
        "не",
        "нет",
        "ни",
        "он",
        "она",
        "оно",
        "они",
        "его",
        "ее",
        "их",
        "им",
        "ему",
        "мы",
        "вы",
        "я",
        "ты",
        "нас",
        "вас",
        "там",
        "тут",
        "где",
        "куда",
        "который",
        "которая",
        "которое",
        "которые",
        "которых",
        "есть",
        "быть",
        "будет",
        "был",
        "была",
        "были",
        "было",
        "может",
        "могут",
        "можно",
        "нужно",
        "надо",
        "нельзя",
        "все",
        "всё",
        "весь",
        "вся",
        "всех",
        "только",
        "даже",
        "очень",
        "просто",
        "также",
        "тоже",
        "чем",
        "ведь",
        "значит",
        "иначе",
        "т.е",
        "из-за",
        "свой",
        "свои",
        "своей",
        "себя",
        "сам",
        "сама",
        "само",
        "какой",
        "какие",
        "такой",
        "такие",
        "раз",
        "пока",
        "хотя",
        "поскольку",
        "вот",
        "вообще",
        "кроме",
        "после",
        "перед",
        // English
        "the",
        "a",
        "an",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "it",
        "its",
        "it's",
        "this",
        "that",
        "these",
        "those",
        "to",
        "of",
        "in",
        "on",
        "at",
        "by",
        "for",
        "with",
        "from",
        "as",
        "and",
        "or",
        "but",
        "if",
        "when",
        "then",
        "so",
        "because",
        "since",
        "not",
        "no",
        "can",
        "could",
        "will",
        "would",
        "should",
        "must",
        "may",
        "might",
        "do",
        "does",
        "did",
        "has",
        "have",
        "had",
        "you",
        "we",
        "they",
        "he",
        "she",
        "i",
        "which",
        "who",
        "what",
        "there",
        "here",
        "than",
        "into",
        "only",
        "also",
        "just",
        "all",
        "any",
        "each",
        "more",
        "less",
        "very",
        "about",
        "over",
        "under",
        "between",
        "while",
        "until",
        "unless",
        "otherwise",
        "therefore",
        "thus",
        "why",
        "how",
        "where",
        "your",
        "our",
        "their",
        "them",
        "us",
        "my",
        "me",
        "one",
        "some",
        "other",
        "same",
        "such",
        "own",
        "out",
        "up",
    ])
});

#[cfg(test)]
mod tests {
    use super::*;

    fn norms(text: &str) -> Vec<String> {
        Analysis::new(text)
            .tokens()
            .iter()
            .map(|t| t.norm.clone())
            .collect()
    }

    fn stems(text: &str) -> Vec<String> {
        Analysis::new(text)
            .tokens()
            .iter()
            .map(|t| t.stem.clone())
            .collect()
    }

    #[track_caller]
    fn case(text: &str, expected: &[&str]) {
        assert_eq!(norms(text), expected, "tokens of {text:?}");
    }

    #[test]
    fn code_is_kept_whatever_the_spacing() {
        case("def f(x=[]): pass", &["def", "f", "x", "=", "[]", "pass"]);
        case("x = []", &["x", "=", "[]"]);
        case("__hash__ и __eq__", &["__hash__", "и", "__eq__"]);
        case("asyncio.gather()", &["asyncio", "gather", "()"]);
        case("kill -9 PID", &["kill", "-", "9", "pid"]);
        case("SIGKILL", &["sigkill"]);
        case(
            "docker build --no-cache .",
            &["docker", "build", "--", "no", "cache"],
        );
        case(
            "RUN --mount=type=secret",
            &["run", "--", "mount", "=", "type", "=", "secret"],
        );
        case(
            "a == b, c := d, e -> f",
            &["a", "==", "b", "c", ":=", "d", "e", "->", "f"],
        );
    }

    #[test]
    fn scripts_are_split_and_folded() {
        case(
            "GILом не даёт тредам",
            &["gil", "ом", "не", "дает", "тредам"],
        );
        case("Хэш и ХЕШ", &["хеш", "и", "хеш"]);
        case("non-root user", &["non", "root", "user"]);
        case("doesn’t block", &["doesn't", "block"]);
        case("Python 3.11", &["python", "3", "11"]);
    }

    #[test]
    fn inflections_meet_at_the_stem() {
        let forms = stems("блокировка блокировки блокировку блокировкой");
        assert!(forms.iter().all(|s| s == &forms[0]), "{forms:?}");
        let forms = stems("hash hashing hashed hashes");
        assert!(forms.iter().all(|s| s == "hash"), "{forms:?}");
        assert_eq!(stems("__hash__"), ["hash"]);
    }

    #[test]
    fn sentences_and_clauses_are_marked() {
        let analysis = Analysis::new("GIL мешает. Но не I/O, потому что");
        let tokens = analysis.tokens();
        assert_eq!(tokens[0].sentence, 0);
        assert_eq!(tokens[2].sentence, 1);
        assert_ne!(tokens[3].clause, tokens[tokens.len() - 1].clause);
        assert_eq!(tokens[3].negation_reach, 2);
    }

    #[test]
    fn not_only_is_not_a_negation() {
        let analysis = Analysis::new("не только CPU, not only threads, не просто так");
        assert!(analysis.tokens().iter().all(|t| t.negation_reach == 0));
        let analysis = Analysis::new("нельзя просто взять, can't just await, без GIL");
        let reaches: Vec<u8> = analysis
            .tokens()
            .iter()
            .map(|t| t.negation_reach)
            .filter(|&r| r > 0)
            .collect();
        assert_eq!(reaches, [2, 2, 1]);
    }

    #[test]
    fn spans_point_at_the_candidates_words() {
        let analysis = Analysis::new("Ёлка — «ХЭШ»");
        let words: Vec<&str> = (0..analysis.tokens().len())
            .map(|i| analysis.original(i))
            .collect();
        assert_eq!(words, ["Ёлка", "ХЭШ"]);
    }

    #[test]
    fn garbage_and_empty_input_give_no_tokens() {
        assert!(norms("").is_empty());
        assert!(norms("   \n\t").is_empty());
        assert!(norms("🙂🙂 ... !!! ‏שלום‎").iter().all(|t| t == "שלום"));
    }

    #[test]
    fn buzzword_lists_have_few_function_words() {
        let list = Analysis::new("GIL, threads, multiprocessing, CPU-bound, asyncio, mutex");
        assert!(list.function_word_ratio() < 0.1);
        let prose = Analysis::new(
            "GIL не даёт двум потокам одновременно выполнять байткод, поэтому для CPU-bound задач нужен multiprocessing",
        );
        assert!(
            prose.function_word_ratio() > 0.15,
            "{}",
            prose.function_word_ratio()
        );
    }
}
