//! Parsing one bank or rubric file: telling which kind it is, and turning RON errors into
//! sentences a bank author understands, at the right line and column.

use serde::de::DeserializeOwned;

use super::model::{Rubric, Topic};
use super::problem::{Location, Problem, ProblemKind};

/// How deep values may nest. Real banks nest about six levels; the limit keeps a hostile file
/// from exhausting the stack.
const RECURSION_LIMIT: usize = 48;

/// What a file holds.
#[derive(Clone, Debug)]
pub(crate) enum Content {
    /// Topics of a question bank.
    Topics(Vec<Topic>),
    /// Rubrics.
    Rubrics(Vec<Rubric>),
}

/// Parses the text of file `name`.
pub(crate) fn parse(name: &str, text: &str) -> Result<Content, Problem> {
    let start = skip_trivia(text, 0);
    if start >= text.len() {
        return Err(Problem {
            location: Location::file(name),
            kind: ProblemKind::Empty,
        });
    }
    let is_list = text[start..].starts_with('[');
    let kind_at = if is_list {
        skip_trivia(text, start + 1)
    } else {
        start
    };
    let word: String = text[kind_at..]
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect();
    let kind = match word.as_str() {
        "Topic" => Kind::Topic,
        "Rubric" => Kind::Rubric,
        _ if text[kind_at..].starts_with('(') => {
            // An unnamed struct: its first field tells.
            let inner = skip_trivia(text, kind_at + 1);
            if text[inner..].starts_with("question") {
                Kind::Rubric
            } else {
                Kind::Topic
            }
        }
        _ if is_list && text[kind_at..].starts_with(']') => {
            return Err(Problem {
                location: Location::file(name),
                kind: ProblemKind::Empty,
            });
        }
        _ => {
            let (line, column) = line_column(text, kind_at);
            let found: String = text[kind_at..].chars().take(20).collect();
            let found = found.split_whitespace().next().unwrap_or("").to_owned();
            return Err(Problem {
                location: Location::at(name, line, column),
                kind: ProblemKind::UnknownContent {
                    found: format!("`{found}`"),
                },
            });
        }
    };
    match (kind, is_list) {
        (Kind::Topic, false) => from_ron::<Topic>(name, text).map(|t| Content::Topics(vec![t])),
        (Kind::Topic, true) => from_ron::<Vec<Topic>>(name, text).map(Content::Topics),
        (Kind::Rubric, false) => from_ron::<Rubric>(name, text).map(|r| Content::Rubrics(vec![r])),
        (Kind::Rubric, true) => from_ron::<Vec<Rubric>>(name, text).map(Content::Rubrics),
    }
}

#[derive(Clone, Copy)]
enum Kind {
    Topic,
    Rubric,
}

fn from_ron<T: DeserializeOwned>(name: &str, text: &str) -> Result<T, Problem> {
    ron::Options::default()
        .with_recursion_limit(RECURSION_LIMIT)
        .from_str(text)
        .map_err(|error| Problem {
            location: Location::at(name, error.span.start.line, error.span.start.col),
            kind: ProblemKind::Syntax(sentence(&error.code)),
        })
}

/// A RON error as one lowercase sentence in a bank author's terms.
fn sentence(error: &ron::Error) -> String {
    use ron::Error as E;
    let list = |items: &[&str]| {
        items
            .iter()
            .map(|i| format!("`{i}`"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let owner = |outer: &Option<String>| match outer.as_deref() {
        Some("Text") | None => "this text".to_owned(),
        Some("Lines") => "this brief".to_owned(),
        Some(outer) => format!("`{outer}`"),
    };
    match error {
        E::NoSuchStructField {
            expected,
            found,
            outer,
        } => format!(
            "unknown field `{found}` in {}; the fields are {}",
            owner(outer),
            list(expected)
        ),
        E::MissingStructField { field, outer } => {
            format!("{} is missing the field `{field}`", owner(outer))
        }
        E::DuplicateStructField { field, outer } => {
            format!("the field `{field}` is written twice in {}", owner(outer))
        }
        E::InvalidValueForType { expected, found } => {
            format!("expected {expected} but found {found}")
        }
        E::ExpectedDifferentStructName { expected, found } => {
            format!("expected `{expected}(...)` here but found `{found}(...)`")
        }
        E::NoSuchEnumVariant {
            expected, found, ..
        } => format!("unknown value `{found}`; use one of {}", list(expected)),
        E::ExceededRecursionLimit => {
            format!("values are nested more than {RECURSION_LIMIT} levels deep")
        }
        E::Eof => "the file ends too early: a bracket or a quote is not closed".to_owned(),
        E::ExpectedComma => "expected a comma between items".to_owned(),
        E::ExpectedStringEnd => "a string is not closed: add the closing `\"`".to_owned(),
        E::ExpectedString => "expected a string in double quotes".to_owned(),
        E::ExpectedFloat | E::ExpectedInteger => "expected a number".to_owned(),
        E::TrailingCharacters => {
            "unexpected text after the end: a file holds one item or one `[...]` list".to_owned()
        }
        E::UnclosedBlockComment => "a `/*` comment is not closed".to_owned(),
        E::Message(message) => lowercase_first(message),
        other => lowercase_first(&other.to_string()),
    }
}

fn lowercase_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Skips whitespace and comments (`//`, nested `/* */`) and `#![...]` attributes from `at`.
/// Works on bytes: every marker is ASCII, so any offset it returns is a character boundary.
fn skip_trivia(text: &str, mut at: usize) -> usize {
    let bytes = text.as_bytes();
    loop {
        while at < bytes.len() && bytes[at].is_ascii_whitespace() {
            at += 1;
        }
        let rest = &bytes[at.min(bytes.len())..];
        if rest.starts_with("\u{FEFF}".as_bytes()) {
            at += 3;
        } else if rest.starts_with(b"//") {
            at = rest
                .iter()
                .position(|&b| b == b'\n')
                .map_or(bytes.len(), |i| at + i + 1);
        } else if rest.starts_with(b"/*") {
            let mut depth = 0usize;
            let mut i = at;
            while i < bytes.len() {
                if bytes[i..].starts_with(b"/*") {
                    depth += 1;
                    i += 2;
                } else if bytes[i..].starts_with(b"*/") {
                    depth = depth.saturating_sub(1);
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    i += 1;
                }
            }
            at = i.min(bytes.len());
        } else if rest.starts_with(b"#![") {
            at = rest
                .iter()
                .position(|&b| b == b']')
                .map_or(bytes.len(), |i| at + i + 1);
        } else {
            return at.min(bytes.len());
        }
    }
}

fn line_column(text: &str, offset: usize) -> (usize, usize) {
    super::locate::Locator::new(text).line_column(offset)
}
