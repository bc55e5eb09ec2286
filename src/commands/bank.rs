//! `viva bank list`, `viva bank validate` and `viva topics`: what the loaded banks hold, and
//! whether they are sound.

use std::io::Write;

use comfy_table::{ContentArrangement, Table, presets};
use serde::Serialize;

use crate::bank::{Bank, BankSources};
use crate::error::{Error, Result, count};
use crate::lang::{Lang, Text};

use super::load_bank;

#[derive(Serialize)]
struct QuestionListing<'a> {
    id: &'a str,
    topic: &'a str,
    text: &'a Text,
    has_rubric: bool,
    difficulty: &'a str,
    tags: &'a [String],
    key_points: usize,
}

/// `viva bank list --json`: one object per question of the loaded banks.
pub fn list_json(sources: &BankSources, out: &mut dyn Write) -> Result<()> {
    let bank = load_bank(sources)?;
    let listing: Vec<QuestionListing<'_>> = bank
        .questions()
        .map(|q| {
            let rubric = bank.rubric(q.question.id.as_str());
            QuestionListing {
                id: q.question.id.as_str(),
                topic: q.topic.id.as_str(),
                text: &q.question.text,
                has_rubric: rubric.is_some(),
                difficulty: q.question.difficulty.name(),
                tags: &q.question.tags,
                key_points: rubric.map_or(0, |r| r.rubric.points.len()),
            }
        })
        .collect();
    serde_json::to_writer_pretty(&mut *out, &listing).map_err(std::io::Error::from)?;
    writeln!(out)?;
    Ok(())
}

/// `viva bank list`: the questions as a table.
pub fn list_table(sources: &BankSources, lang: Lang, width: u16, out: &mut dyn Write) -> Result<()> {
    let bank = load_bank(sources)?;
    let mut table = Table::new();
    table
        .load_style(presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(width)
        .set_header(["id", "level", "question"]);
    for q in bank.questions() {
        table.add_row([
            q.question.id.as_str(),
            q.question.difficulty.name(),
            q.question.text.get(lang),
        ]);
    }
    writeln!(out, "{table}")?;
    Ok(())
}

/// `viva bank validate [PATH...]`: loads the banks (the given paths, or the loaded ones) and
/// reports every problem; the summary goes to `out` when all is well.
pub fn validate(sources: &BankSources, out: &mut dyn Write) -> Result<()> {
    let loaded = Bank::load(sources);
    if !loaded.problems.is_empty() {
        return Err(Error::InvalidBank(loaded.problems));
    }
    let bank = loaded.bank;
    let questions = bank.questions().count();
    let rubrics = bank.questions().filter(|q| bank.rubric(q.question.id.as_str()).is_some()).count();
    writeln!(
        out,
        "ok: {}, {}, {}",
        count(bank.topics().len(), "topic", "topics"),
        count(questions, "question", "questions"),
        count(rubrics, "rubric", "rubrics"),
    )?;
    Ok(())
}

#[derive(Serialize)]
struct TopicListing<'a> {
    id: &'a str,
    title: &'a Text,
    questions: usize,
    links: &'a [String],
}

/// `viva topics`: the topics with their question counts.
pub fn topics(sources: &BankSources, lang: Lang, json: bool, width: u16, out: &mut dyn Write) -> Result<()> {
    let bank = load_bank(sources)?;
    if json {
        let listing: Vec<TopicListing<'_>> = bank
            .topics()
            .iter()
            .map(|t| TopicListing {
                id: t.topic.id.as_str(),
                title: &t.topic.title,
                questions: t.topic.questions.len(),
                links: &t.topic.links,
            })
            .collect();
        serde_json::to_writer_pretty(&mut *out, &listing).map_err(std::io::Error::from)?;
        writeln!(out)?;
        return Ok(());
    }
    let mut table = Table::new();
    table
        .load_style(presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(width)
        .set_header(["topic", "title", "questions"]);
    for entry in bank.topics() {
        table.add_row([
            entry.topic.id.to_string(),
            entry.topic.title.get(lang).to_owned(),
            entry.topic.questions.len().to_string(),
        ]);
    }
    writeln!(out, "{table}")?;
    Ok(())
}

/// `viva bank lint`: prints every warning; fails only with `deny_warnings`.
pub fn lint(sources: &BankSources, deny_warnings: bool, out: &mut dyn Write) -> Result<()> {
    let bank = load_bank(sources)?;
    let warnings = crate::authoring::lint::lint(&bank);
    for warning in &warnings {
        writeln!(out, "{}", crate::terminal::sanitize(&warning.to_string()))?;
    }
    let questions = bank.questions().count();
    writeln!(
        out,
        "{} in {}",
        count(warnings.len(), "warning", "warnings"),
        count(questions, "question", "questions")
    )?;
    if deny_warnings && !warnings.is_empty() {
        return Err(Error::LintWarnings(warnings.len()));
    }
    Ok(())
}
