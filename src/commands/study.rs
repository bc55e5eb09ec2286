//! `viva study` and `viva notes`: the topic briefs and model answers to read, and the mentor
//! notebook of open doubts.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

use chrono::{DateTime, Utc};
use comfy_table::{ContentArrangement, Table};

use crate::bank::{Bank, BankSources, TopicEntry, TopicId};
use crate::error::{Error, Result};
use crate::grading::explain::label;
use crate::lang::Lang;
use crate::notes::{Note, NotesStore};
use crate::report::{Report, ReportFilter};
use crate::terminal::{sanitize, wrap};

use super::load_bank;
use super::report::load_sessions;

/// Text for the terminal, or Markdown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StudyFormat {
    /// Wrapped text.
    Text,
    /// Markdown.
    Markdown,
}

/// Options of `viva study`.
#[derive(Clone, Debug)]
pub struct StudyOptions {
    /// The topics to print; none means the list of topics with the candidate's standing.
    pub topics: Vec<TopicId>,
    /// Language.
    pub lang: Lang,
    /// Format.
    pub format: StudyFormat,
    /// Whose standing to show.
    pub candidate: String,
    /// The sessions folder.
    pub sessions_dir: std::path::PathBuf,
    /// Width.
    pub width: usize,
    /// The current time.
    pub now: DateTime<Utc>,
}

/// Runs `viva study`.
pub fn study(
    sources: &BankSources,
    options: &StudyOptions,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<()> {
    let bank = load_bank(sources)?;
    if options.topics.is_empty() {
        return overview(&bank, options, out, err);
    }
    let mut entries = Vec::new();
    for id in &options.topics {
        entries.push(
            bank.topic(id.as_str())
                .ok_or_else(|| Error::UnknownTopic(id.to_string()))?,
        );
    }
    for (i, entry) in entries.into_iter().enumerate() {
        if i > 0 {
            writeln!(out)?;
        }
        match options.format {
            StudyFormat::Text => topic_text(&bank, entry, options.lang, options.width, out)?,
            StudyFormat::Markdown => topic_markdown(&bank, entry, options.lang, out)?,
        }
    }
    Ok(())
}

/// Without topics: every topic with the candidate's standing, weakest first, then the ones
/// never practised, then the strong ones.
fn overview(
    bank: &Bank,
    options: &StudyOptions,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<()> {
    let lang = options.lang;
    let filter = ReportFilter {
        candidate: Some(options.candidate.clone()),
        ..ReportFilter::default()
    };
    let sessions = filter.apply(load_sessions(&options.sessions_dir, err)?);
    let report = Report::build(bank, &sessions, &[], lang, None, options.now);
    let standing: BTreeMap<&str, f64> = report
        .topics
        .iter()
        .map(|t| (t.topic.as_str(), t.standing))
        .collect();
    let mut rows: Vec<(&TopicEntry, Option<f64>)> = bank
        .topics()
        .iter()
        .map(|entry| (entry, standing.get(entry.topic.id.as_str()).copied()))
        .collect();
    // Weak (below 70) first, then never practised, then strong; the weakest first within.
    rows.sort_by(|a, b| {
        let rank = |s: Option<f64>| match s {
            Some(s) if s < crate::report::WEAK_BELOW => (0, s),
            None => (1, 0.0),
            Some(s) => (2, s),
        };
        let (ra, rb) = (rank(a.1), rank(b.1));
        ra.0.cmp(&rb.0).then(ra.1.total_cmp(&rb.1))
    });
    if options.format == StudyFormat::Markdown {
        writeln!(
            out,
            "| {} | {} | {} |",
            label(lang, "тема", "topic"),
            label(lang, "название", "title"),
            label(lang, "уровень", "standing")
        )?;
        writeln!(out, "|---|---|--:|")?;
        for (entry, standing) in &rows {
            let standing = standing.map_or("—".to_owned(), |s| format!("{s:.0}"));
            writeln!(
                out,
                "| `{}` | {} | {standing} |",
                entry.topic.id,
                sanitize(entry.topic.title.get(lang)).replace('|', "\\|")
            )?;
        }
        return Ok(());
    }
    let mut table = Table::new();
    table
        .load_style(crate::terminal::TABLE_STYLE)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(options.width.clamp(60, 200) as u16)
        .set_header([
            label(lang, "тема", "topic"),
            label(lang, "название", "title"),
            label(lang, "вопросы", "questions"),
            label(lang, "уровень", "standing"),
        ]);
    for (entry, standing) in &rows {
        table.add_row([
            entry.topic.id.to_string(),
            sanitize(entry.topic.title.get(lang)).into_owned(),
            entry.topic.questions.len().to_string(),
            standing.map_or_else(
                || label(lang, "не было", "not yet").to_owned(),
                |s| format!("{s:.0}"),
            ),
        ]);
    }
    writeln!(out, "{table}")?;
    writeln!(
        out,
        "{}",
        label(
            lang,
            "Прочитать тему: viva study ТЕМА · потренироваться: viva start --practice --topic ТЕМА",
            "Read a topic: viva study TOPIC · practise it: viva start --practice --topic TOPIC"
        )
    )?;
    Ok(())
}

fn topic_text(
    bank: &Bank,
    entry: &TopicEntry,
    lang: Lang,
    width: usize,
    out: &mut dyn Write,
) -> Result<()> {
    let topic = &entry.topic;
    let title = format!("{} ({})", topic.title.get(lang), topic.id);
    writeln!(out, "{}", wrap(&title, width, "", ""))?;
    writeln!(out, "{}", "═".repeat(title.chars().count().min(width)))?;
    for line in topic.brief.get(lang) {
        writeln!(out, "{}", wrap(line, width, "• ", "  "))?;
    }
    for link in &topic.links {
        writeln!(out, "{}", wrap(link, width, "→ ", "  "))?;
    }
    for (i, question) in topic.questions.iter().enumerate() {
        writeln!(out)?;
        let heading = format!(
            "{}. {} [{}]",
            i + 1,
            question.text.get(lang),
            question.difficulty.name()
        );
        writeln!(out, "{}", wrap(&heading, width, "", "   "))?;
        writeln!(
            out,
            "{}",
            wrap(question.model_answer.get(lang), width, "   ", "   ")
        )?;
        if let Some(entry) = bank.rubric(question.id.as_str()) {
            writeln!(out, "   {}", label(lang, "Ключевые пункты:", "Key points:"))?;
            for point in &entry.rubric.points {
                writeln!(
                    out,
                    "{}",
                    wrap(point.statement.get(lang), width, "   ✓ ", "     ")
                )?;
            }
            for wrong in &entry.rubric.misconceptions {
                let line = format!("{} — {}", wrong.claim.get(lang), wrong.correction.get(lang));
                writeln!(out, "{}", wrap(&line, width, "   ✗ ", "     "))?;
            }
        }
    }
    Ok(())
}

fn md(text: &str) -> String {
    sanitize(text).into_owned()
}

fn topic_markdown(bank: &Bank, entry: &TopicEntry, lang: Lang, out: &mut dyn Write) -> Result<()> {
    let topic = &entry.topic;
    writeln!(out, "# {} (`{}`)", md(topic.title.get(lang)), topic.id)?;
    writeln!(out)?;
    for line in topic.brief.get(lang) {
        writeln!(out, "- {}", md(line))?;
    }
    if !topic.links.is_empty() {
        writeln!(out)?;
        for link in &topic.links {
            writeln!(out, "- <{}>", md(link))?;
        }
    }
    for question in &topic.questions {
        writeln!(out)?;
        writeln!(out, "## {}", md(question.text.get(lang)))?;
        writeln!(out)?;
        writeln!(out, "{}", md(question.model_answer.get(lang)))?;
        if let Some(entry) = bank.rubric(question.id.as_str()) {
            writeln!(out)?;
            for point in &entry.rubric.points {
                writeln!(out, "- [ ] {}", md(point.statement.get(lang)))?;
            }
            for wrong in &entry.rubric.misconceptions {
                writeln!(
                    out,
                    "- ✗ *{}* — {}",
                    md(wrong.claim.get(lang)),
                    md(wrong.correction.get(lang))
                )?;
            }
        }
    }
    Ok(())
}

/// What `viva notes` does.
#[derive(Clone, Debug)]
pub enum NotesAction {
    /// List notes (open ones unless `all`).
    List {
        /// Include closed notes.
        all: bool,
        /// Markdown for a mentor.
        markdown: bool,
    },
    /// Add a note.
    Add {
        /// The doubt.
        text: String,
        /// The topic it is about.
        topic: Option<TopicId>,
    },
    /// Close a note.
    Done {
        /// Its number.
        id: u32,
    },
}

/// Runs `viva notes`.
pub fn notes(
    sources: &BankSources,
    sessions_dir: &Path,
    candidate: &str,
    action: NotesAction,
    lang: Lang,
    now: DateTime<Utc>,
    out: &mut dyn Write,
) -> Result<()> {
    let store = NotesStore::new(sessions_dir);
    match action {
        NotesAction::Add { text, topic } => {
            if let Some(topic) = &topic {
                let bank = load_bank(sources)?;
                if bank.topic(topic.as_str()).is_none() {
                    return Err(Error::UnknownTopic(topic.to_string()));
                }
            }
            let note = store.add(candidate, now, topic, None, &text)?;
            writeln!(
                out,
                "{} #{}",
                label(lang, "Заметка записана:", "Noted:"),
                note.id
            )?;
        }
        NotesAction::Done { id } => {
            let note = store.done(id, now)?;
            writeln!(
                out,
                "{} #{}: {}",
                label(lang, "Закрыта заметка", "Closed note"),
                note.id,
                sanitize(&note.text)
            )?;
        }
        NotesAction::List { all, markdown } => {
            let bank = Bank::load(sources).bank;
            let notes: Vec<Note> = store
                .all()?
                .into_iter()
                .filter(|n| n.candidate == candidate && (all || n.is_open()))
                .collect();
            list_notes(&bank, &notes, lang, markdown, out)?;
        }
    }
    Ok(())
}

fn list_notes(
    bank: &Bank,
    notes: &[Note],
    lang: Lang,
    markdown: bool,
    out: &mut dyn Write,
) -> Result<()> {
    if notes.is_empty() {
        writeln!(
            out,
            "{}",
            label(
                lang,
                "Открытых заметок нет. Записать: viva notes add ТЕКСТ или :note в сессии.",
                "No open notes. Add one with viva notes add TEXT, or :note in a session."
            )
        )?;
        return Ok(());
    }
    let mut by_topic: BTreeMap<String, Vec<&Note>> = BTreeMap::new();
    for note in notes {
        let title = note.topic.as_ref().map_or_else(
            || label(lang, "Без темы", "No topic").to_owned(),
            |id| {
                bank.topic(id.as_str())
                    .map_or_else(|| id.to_string(), |t| t.topic.title.get(lang).to_owned())
            },
        );
        by_topic.entry(title).or_default().push(note);
    }
    if markdown {
        writeln!(
            out,
            "# {}",
            label(lang, "Вопросы к ментору", "Questions for my mentor")
        )?;
    }
    for (title, notes) in by_topic {
        writeln!(out)?;
        if markdown {
            writeln!(out, "## {}", md(&title))?;
            writeln!(out)?;
        } else {
            writeln!(out, "{}", sanitize(&title))?;
        }
        for note in notes {
            let question = note
                .question
                .as_ref()
                .map(|q| format!(" ({q})"))
                .unwrap_or_default();
            let done = if note.is_open() {
                ""
            } else {
                label(lang, " [закрыта]", " [done]")
            };
            if markdown {
                let check = if note.is_open() { "[ ]" } else { "[x]" };
                writeln!(out, "- {check} {}{question}", md(&note.text))?;
            } else {
                writeln!(
                    out,
                    "  #{} {}{question}{done}",
                    note.id,
                    sanitize(&note.text)
                )?;
            }
        }
    }
    Ok(())
}
