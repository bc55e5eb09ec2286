//! `viva bank import-md`: a Markdown topic list (`##` sections, bullets, question lines, links)
//! turned into a bank and a rubric skeleton.
//!
//! One topic per `##` section; one question per line that asks something (ends with `?`, or
//! starts with Почему/Зачем/Когда/Как/Что будет/Можно ли/Why/When/What/How); a code block right
//! before a question becomes part of it; links are kept on the topic; the section's other bullets
//! become key-point stubs in every rubric of the section. Stubs have no terms and model answers
//! are empty, so the skeleton loads and `viva bank validate` lists exactly what is left to write.

use std::collections::HashSet;
use std::fmt::Write as _;

use crate::bank::Difficulty;
use crate::bank::{KeyPoint, PointId, Question, QuestionId, Rubric, Topic, TopicId};
use crate::lang::{Lang, Lines, Text};

/// A topic read from Markdown, with the bullets that become key-point stubs.
#[derive(Clone, Debug, PartialEq)]
pub struct ImportedTopic {
    /// The topic (questions without model answers).
    pub topic: Topic,
    /// The rubric skeleton of each question.
    pub rubrics: Vec<Rubric>,
}

/// The words that start a question.
const QUESTION_STARTS: &[&str] = &[
    "почему",
    "зачем",
    "когда",
    "как",
    "какие",
    "какой",
    "какая",
    "что",
    "где",
    "можно ли",
    "нужно ли",
    "why",
    "when",
    "what",
    "how",
    "which",
    "where",
    "should",
    "can",
];

/// Returns true if and only if a line asks something: it ends with `?`, or starts with a
/// question word and is not a label ("Когда уместно: миллионы объектов").
fn is_question(line: &str) -> bool {
    let lower = line.trim().to_lowercase();
    if lower.ends_with('?') {
        return true;
    }
    let is_label = lower.split_whitespace().take(3).any(|w| w.ends_with(':'));
    !is_label
        && QUESTION_STARTS
            .iter()
            .any(|start| lower.starts_with(start) && lower[start.len()..].starts_with([' ', ',']))
}

/// Splits a bullet that holds a question in parentheses into the question and the rest, and
/// drops an aside after a question mark.
fn split_inner_question(text: &str) -> (String, Option<String>) {
    if let Some(mark) = text.find("?)")
        && let Some(open) = opening_paren(&text[..mark])
    {
        let question = text[open + 1..=mark].trim().to_owned();
        let rest = format!("{}{}", &text[..open], &text[mark + 2..])
            .trim()
            .to_owned();
        if is_question(&question) {
            return (question, (!rest.is_empty()).then_some(rest));
        }
    }
    if let Some(mark) = text.rfind('?') {
        let after = text[mark + 1..].trim();
        if after.starts_with('(') && after.ends_with(')') {
            return (text[..=mark].trim().to_owned(), None);
        }
    }
    (text.to_owned(), None)
}

/// The `(` that opens the group `text` ends inside, skipping balanced pairs such as `f(x)`.
fn opening_paren(text: &str) -> Option<usize> {
    let mut depth = 0usize;
    for (i, c) in text.char_indices().rev() {
        match c {
            ')' => depth += 1,
            '(' if depth == 0 => return Some(i),
            '(' => depth -= 1,
            _ => {}
        }
    }
    None
}

/// Markdown links `[text](url)` in a line: the text without the link syntax, and the URLs.
fn strip_links(line: &str) -> (String, Vec<String>) {
    let mut text = String::new();
    let mut links = Vec::new();
    let mut rest = line;
    while let Some(open) = rest.find('[') {
        let Some(close) = rest[open..].find("](").map(|i| open + i) else {
            break;
        };
        let Some(end) = rest[close + 2..].find(')').map(|i| close + 2 + i) else {
            break;
        };
        text.push_str(&rest[..open]);
        text.push_str(&rest[open + 1..close]);
        links.push(rest[close + 2..end].trim().to_owned());
        rest = &rest[end + 1..];
    }
    text.push_str(rest);
    (text.trim().to_owned(), links)
}

/// A file-name-safe id from a title in any script: `Мутабельность типов` → `mutabelnost-tipov`.
pub fn slug(text: &str, max_words: usize) -> String {
    let mut out = String::new();
    let mut words = 0;
    let mut in_word = false;
    for c in text.to_lowercase().chars() {
        let latin = transliterate(c);
        if let Some(latin) = latin {
            if !in_word {
                if words == max_words {
                    break;
                }
                if !out.is_empty() {
                    out.push('-');
                }
                words += 1;
                in_word = true;
            }
            out.push_str(latin);
        } else {
            in_word = false;
        }
    }
    if out.is_empty() {
        "topic".to_owned()
    } else {
        out
    }
}

fn transliterate(c: char) -> Option<&'static str> {
    const CYRILLIC: &[(char, &str)] = &[
        ('а', "a"),
        ('б', "b"),
        ('в', "v"),
        ('г', "g"),
        ('д', "d"),
        ('е', "e"),
        ('ё', "e"),
        ('ж', "zh"),
        ('з', "z"),
        ('и', "i"),
        ('й', "y"),
        ('к', "k"),
        ('л', "l"),
        ('м', "m"),
        ('н', "n"),
        ('о', "o"),
        ('п', "p"),
        ('р', "r"),
        ('с', "s"),
        ('т', "t"),
        ('у', "u"),
        ('ф', "f"),
        ('х', "h"),
        ('ц', "ts"),
        ('ч', "ch"),
        ('ш', "sh"),
        ('щ', "sch"),
        ('ъ', ""),
        ('ы', "y"),
        ('ь', ""),
        ('э', "e"),
        ('ю', "yu"),
        ('я', "ya"),
    ];
    const ASCII: &str = "abcdefghijklmnopqrstuvwxyz0123456789";
    if c.is_ascii_alphanumeric() {
        let index = ASCII.find(c.to_ascii_lowercase())?;
        return ASCII.get(index..index + 1);
    }
    CYRILLIC.iter().find(|(k, _)| *k == c).map(|(_, v)| *v)
}

/// The language a document is written in: Russian when a fair share of its letters are
/// Cyrillic (Russian technical text is full of English terms and code).
fn language_of(text: &str) -> Lang {
    let cyrillic = text
        .chars()
        .filter(|c| ('\u{0400}'..='\u{04FF}').contains(c))
        .count();
    let latin = text.chars().filter(char::is_ascii_alphabetic).count();
    if cyrillic * 4 >= latin {
        Lang::Ru
    } else {
        Lang::En
    }
}

fn text_in(lang: Lang, value: &str) -> Text {
    match lang {
        Lang::Ru => Text::new(value, ""),
        Lang::En => Text::new("", value),
    }
}

/// Reads a Markdown topic list. Every text goes into the language most of the document is
/// written in, so the skeleton is consistent; the author adds the translation.
pub fn import(markdown: &str) -> Vec<ImportedTopic> {
    let lang = language_of(markdown);
    let mut topics: Vec<ImportedTopic> = Vec::new();
    let mut ids: HashSet<String> = HashSet::new();
    let mut bullets: Vec<String> = Vec::new();
    let mut code: Vec<String> = Vec::new();
    let mut in_code = false;
    let mut last_code: Option<String> = None;

    let finish = |topics: &mut Vec<ImportedTopic>, bullets: &mut Vec<String>| {
        if let Some(current) = topics.last_mut() {
            let stubs: Vec<KeyPoint> = bullets
                .iter()
                .enumerate()
                .map(|(i, bullet)| KeyPoint {
                    id: PointId(format!("{}-{}", i + 1, slug(bullet, 4))),
                    weight: 1.0,
                    statement: text_in(lang, bullet),
                    terms: Vec::new(),
                    follow_up: Text::default(),
                })
                .collect();
            current.rubrics = current
                .topic
                .questions
                .iter()
                .map(|q| Rubric {
                    question: q.id.clone(),
                    replaces: false,
                    points: stubs.clone(),
                    misconceptions: Vec::new(),
                })
                .collect();
        }
        bullets.clear();
    };

    for raw in markdown.lines() {
        let line = raw.trim_end();
        if line.trim_start().starts_with("```") {
            if in_code {
                last_code = Some(code.join("; "));
                code.clear();
            }
            in_code = !in_code;
            continue;
        }
        if in_code {
            if !line.trim().is_empty() {
                code.push(line.trim().to_owned());
            }
            continue;
        }
        if let Some(heading) = line.strip_prefix("## ") {
            finish(&mut topics, &mut bullets);
            let (title, links) = strip_links(heading.trim().trim_matches('#').trim());
            let title = title.replace('`', "");
            let mut id = slug(&title, 4);
            let base = id.clone();
            let mut n = 2;
            while !ids.insert(id.clone()) {
                id = format!("{base}-{n}");
                n += 1;
            }
            topics.push(ImportedTopic {
                topic: Topic {
                    id: TopicId(id),
                    title: text_in(lang, &title),
                    links,
                    brief: Lines::default(),
                    questions: Vec::new(),
                },
                rubrics: Vec::new(),
            });
            last_code = None;
            continue;
        }
        let Some(current) = topics.last_mut() else {
            continue;
        };
        let content = line.trim_start().trim_start_matches(['-', '*', '+']).trim();
        if content.is_empty() || content.starts_with('#') && !content.starts_with("###") {
            continue;
        }
        if content.starts_with("###") {
            // A subsection of the topic: its bullets belong to the topic.
            continue;
        }
        let (text, links) = strip_links(content);
        for link in links {
            if !current.topic.links.contains(&link) {
                current.topic.links.push(link);
            }
        }
        if text.is_empty() {
            continue;
        }
        // "Опасность default-аргументов (Почему `def f(x=[])` это баг?)": the question in
        // parentheses is a question, the rest a bullet. "Можно ли жить без Ingress? (конечно)":
        // the aside after the question mark is dropped.
        let (text, extra_bullet) = split_inner_question(&text);
        if let Some(bullet) = extra_bullet {
            bullets.push(bullet);
        }
        if is_question(&text) {
            // Questions may sit inside a bullet's parentheses: "Опасность ... (Почему X?)".
            let question_text = match last_code.take() {
                Some(code) => format!("`{code}` — {text}"),
                None => text.clone(),
            };
            let taken: HashSet<&str> = current
                .topic
                .questions
                .iter()
                .map(|q| q.id.as_str())
                .collect();
            let mut id = format!("{}.{}", current.topic.id, slug(&text, 5));
            let base = id.clone();
            let mut n = 2;
            while taken.contains(id.as_str()) {
                id = format!("{base}-{n}");
                n += 1;
            }
            current.topic.questions.push(Question {
                id: QuestionId(id),
                text: text_in(lang, &question_text),
                difficulty: Difficulty::Middle,
                tags: Vec::new(),
                model_answer: Text::default(),
            });
        } else {
            bullets.push(text);
        }
    }
    finish(&mut topics, &mut bullets);
    topics
}

/// Writes a RON string literal.
fn ron_string(value: &str) -> String {
    let mut out = String::from("\"");
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn ron_text(text: &Text) -> String {
    format!(
        "(ru: {}, en: {})",
        ron_string(&text.ru),
        ron_string(&text.en)
    )
}

/// The bank file of a topic, commented so the author knows what to fill in.
pub fn topic_file(topic: &Topic) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "// Imported from Markdown. Fill in: the model answers (3-6 sentences each), an"
    );
    let _ = writeln!(
        out,
        "// English (or Russian) translation of every text, difficulties and tags."
    );
    let _ = writeln!(out, "Topic(");
    let _ = writeln!(out, "    id: {},", ron_string(topic.id.as_str()));
    let _ = writeln!(out, "    title: {},", ron_text(&topic.title));
    let _ = writeln!(out, "    links: [");
    for link in &topic.links {
        let _ = writeln!(out, "        {},", ron_string(link));
    }
    let _ = writeln!(out, "    ],");
    let _ = writeln!(out, "    questions: [");
    for question in &topic.questions {
        let _ = writeln!(out, "        Question(");
        let _ = writeln!(out, "            id: {},", ron_string(question.id.as_str()));
        let _ = writeln!(out, "            text: {},", ron_text(&question.text));
        let _ = writeln!(out, "            difficulty: {:?},", question.difficulty);
        let _ = writeln!(out, "            tags: [],");
        let _ = writeln!(out, "            model_answer: (ru: \"\", en: \"\"),");
        let _ = writeln!(out, "        ),");
    }
    let _ = writeln!(out, "    ],");
    let _ = writeln!(out, ")");
    out
}

/// The rubric skeleton of a topic: one rubric per question, with the section's bullets as
/// key-point stubs (no terms yet).
pub fn rubric_file(rubrics: &[Rubric]) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "// Rubric skeleton imported from Markdown. For each question keep the 3-7 key points"
    );
    let _ = writeln!(
        out,
        "// that matter, write their terms (docs/formats.md), weights, and a misconception."
    );
    let _ = writeln!(out, "[");
    for rubric in rubrics {
        let _ = writeln!(out, "    Rubric(");
        let _ = writeln!(
            out,
            "        question: {},",
            ron_string(rubric.question.as_str())
        );
        let _ = writeln!(out, "        points: [");
        for point in &rubric.points {
            let _ = writeln!(out, "            Point(");
            let _ = writeln!(
                out,
                "                id: {},",
                ron_string(point.id.as_str())
            );
            let _ = writeln!(out, "                weight: 1,");
            let _ = writeln!(
                out,
                "                statement: {},",
                ron_text(&point.statement)
            );
            let _ = writeln!(out, "                terms: [],");
            let _ = writeln!(out, "            ),");
        }
        let _ = writeln!(out, "        ],");
        let _ = writeln!(out, "    ),");
    }
    let _ = writeln!(out, "]");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const SEED: &str = "Intro\n---\n- not a topic\n\n## Область видимости и замыкания\n\n- LEGB rule\n- [nonlocal, global](https://realpython.com/python-closure/)\n\n```python\nfuncs = []\nfor i in range(3):\n    funcs.append(lambda: i)\n```\n- Почему все функции вернут одно и то же?\n\n## [Mixins](https://example.com/mixins)\n- Правило: Mixin = маленький\n- Why is a mixin not a base class?\n### Практики:\n- non-root user\n";

    #[test]
    fn sections_questions_bullets_and_links() {
        let topics = import(SEED);
        assert_eq!(topics.len(), 2);
        let closures = &topics[0];
        assert_eq!(closures.topic.id.as_str(), "oblast-vidimosti-i-zamykaniya");
        assert_eq!(
            closures.topic.links,
            ["https://realpython.com/python-closure/"]
        );
        assert_eq!(closures.topic.questions.len(), 1);
        assert_eq!(
            closures.topic.questions[0].text.ru,
            "`funcs = []; for i in range(3):; funcs.append(lambda: i)` — Почему все функции вернут одно и то же?"
        );
        let stubs: Vec<&str> = closures.rubrics[0]
            .points
            .iter()
            .map(|p| p.statement.ru.as_str())
            .collect();
        assert_eq!(stubs, ["LEGB rule", "nonlocal, global"]);
        let mixins = &topics[1];
        assert_eq!(mixins.topic.title.ru, "Mixins");
        assert_eq!(mixins.topic.links, ["https://example.com/mixins"]);
        assert_eq!(
            mixins.topic.questions[0].text.ru,
            "Why is a mixin not a base class?"
        );
        assert_eq!(mixins.rubrics[0].points.len(), 2);
    }

    #[test]
    fn ids_are_transliterated_slugs() {
        assert_eq!(slug("Мутабельность типов", 4), "mutabelnost-tipov");
        assert_eq!(slug("`__new__` vs `__init__`", 4), "new-vs-init");
        assert_eq!(slug("???", 4), "topic");
    }

    #[test]
    fn questions_hidden_in_bullets_are_found() {
        let topics = import(
            "## Мутабельность\n- Опасность default-аргументов (Почему `def f(x=[]): pass` это баг?)\n## K8s\n- Можно ли жить без Ingress? (конечно)\n## Пусто\n- просто пункт\n",
        );
        assert_eq!(
            topics.len(),
            3,
            "every section is a topic, even without questions"
        );
        assert_eq!(
            topics[0].topic.questions[0].text.ru,
            "Почему `def f(x=[]): pass` это баг?"
        );
        assert_eq!(
            topics[0].rubrics[0].points[0].statement.ru,
            "Опасность default-аргументов"
        );
        assert_eq!(
            topics[1].topic.questions[0].text.ru,
            "Можно ли жить без Ingress?"
        );
        assert!(topics[2].topic.questions.is_empty());
    }

    #[test]
    fn questions_are_told_from_statements() {
        assert!(is_question("Почему mixin это не base class?"));
        assert!(is_question("Что будет если consumer упал после обработки"));
        assert!(is_question("How do you deploy"));
        assert!(!is_question("Howl at the moon"));
        assert!(!is_question("LEGB rule"));
        assert!(!is_question("Когда уместно: Миллионы однотипных объектов"));
    }
}
