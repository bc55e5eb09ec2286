//! `viva report`, `viva history` and `viva show`: reading the saved sessions back.

use std::io::Write;
use std::path::PathBuf;

use chrono::{NaiveDate, Utc};
use comfy_table::{ContentArrangement, Table};

use crate::bank::BankSources;
use crate::error::{Error, Result};
use crate::grading::explain::{self, label};
use crate::grading::{self, GradeOptions};
use crate::lang::Lang;
use crate::notes::NotesStore;
use crate::report::{self, Report, ReportFilter};
use crate::storage::{SessionStore, StoredSession};
use crate::terminal::{Palette, sanitize, wrap};

use super::load_bank_for_reading;

/// The output formats of `viva report`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReportFormat {
    /// Tables for the terminal.
    Table,
    /// Markdown.
    Markdown,
    /// JSON.
    Json,
    /// A self-contained HTML page.
    Html,
}

/// Options of `viva report`.
#[derive(Clone, Debug)]
pub struct ReportOptions {
    /// The sessions folder.
    pub sessions_dir: PathBuf,
    /// What to include.
    pub filter: ReportFilter,
    /// How to write it.
    pub format: ReportFormat,
    /// Where to write it (stdout when None).
    pub out: Option<PathBuf>,
    /// Language of titles and statements.
    pub lang: Lang,
    /// Cap review intervals at this day.
    pub until: Option<NaiveDate>,
    /// Terminal width.
    pub width: usize,
    /// The time the report is made at (ages, due dates).
    pub now: chrono::DateTime<Utc>,
}

/// Loads every readable session, printing a one-line warning for each file that is not.
pub fn load_sessions(dir: &std::path::Path, err: &mut dyn Write) -> Result<Vec<StoredSession>> {
    let store = SessionStore::new(dir);
    let (sessions, warnings) = store.load_all()?;
    for warning in warnings {
        writeln!(err, "viva: skipped: {}", sanitize(&warning.to_string()))?;
    }
    Ok(sessions)
}

/// Runs `viva report`.
pub fn report(
    sources: &BankSources,
    options: &ReportOptions,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<()> {
    let bank = load_bank_for_reading(sources, err)?;
    let sessions = options
        .filter
        .apply(load_sessions(&options.sessions_dir, err)?);
    let notes = match NotesStore::new(&options.sessions_dir).all() {
        Ok(notes) => notes
            .into_iter()
            .filter(|n| {
                options
                    .filter
                    .candidate
                    .as_ref()
                    .is_none_or(|c| &n.candidate == c)
            })
            .collect(),
        Err(error) => {
            writeln!(err, "viva: {}", sanitize(&error.to_string()))?;
            Vec::new()
        }
    };
    let report = Report::build(
        &bank,
        &sessions,
        &notes,
        options.lang,
        options.until,
        options.now,
    );
    let mut buffer = Vec::new();
    match options.format {
        ReportFormat::Table => {
            report::render::table(&report, options.lang, options.width, &mut buffer)?
        }
        ReportFormat::Markdown => report::render::markdown(&report, options.lang, &mut buffer)?,
        ReportFormat::Json => report::render::json(&report, &mut buffer)?,
        ReportFormat::Html => report::html::render(&report, options.lang, &mut buffer)?,
    }
    match &options.out {
        Some(path) => {
            crate::storage::write_atomically(path, &buffer).map_err(|source| Error::Write {
                path: path.clone(),
                source,
            })?;
            writeln!(err, "viva: report written to {}", path.display())?;
        }
        None => out.write_all(&buffer)?,
    }
    Ok(())
}

/// Runs `viva history`: one line per session.
pub fn history(
    sessions_dir: &std::path::Path,
    candidate: Option<&str>,
    width: usize,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<()> {
    let sessions = load_sessions(sessions_dir, err)?;
    let sessions: Vec<_> = sessions
        .into_iter()
        .filter(|s| candidate.is_none_or(|c| s.record.candidate == c))
        .collect();
    if sessions.is_empty() {
        writeln!(
            out,
            "No sessions in {} yet: start one with `viva start`.",
            sessions_dir.display()
        )?;
        return Ok(());
    }
    let mut table = Table::new();
    table
        .load_style(crate::terminal::TABLE_STYLE)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(width.clamp(60, 200) as u16)
        .set_header(["session", "candidate", "answered", "average", "status"]);
    for session in &sessions {
        let record = &session.record;
        let answered = record.answers.len();
        let average = if answered == 0 {
            "—".to_owned()
        } else {
            let sum: f64 = record
                .answers
                .iter()
                .map(|a| f64::from(a.final_score().value()))
                .sum();
            format!("{:.0}", sum / answered as f64)
        };
        table.add_row([
            session.id.clone(),
            sanitize(&record.candidate).into_owned(),
            format!("{answered}/{}", record.plan.len().max(answered)),
            average,
            format!("{:?}", record.status),
        ]);
    }
    writeln!(out, "{table}")?;
    Ok(())
}

/// Runs `viva show SESSION`: every question of a session with the answer and its feedback.
pub fn show(
    sources: &BankSources,
    sessions_dir: &std::path::Path,
    id: &str,
    palette: Palette,
    width: usize,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<()> {
    let bank = load_bank_for_reading(sources, err)?;
    let session = SessionStore::new(sessions_dir).load(id)?;
    let record = &session.record;
    let lang = record.options.lang;
    writeln!(
        out,
        "{}",
        palette.bold(&format!(
            "{} · {} · {} · {:?}",
            session.id,
            sanitize(&record.candidate),
            record.started_at.format("%Y-%m-%d %H:%M UTC"),
            record.status
        ))
    )?;
    for (i, answer) in record.answers.iter().enumerate() {
        writeln!(out)?;
        let text = bank
            .question(answer.question.as_str())
            .map_or(answer.question_text.clone(), |q| {
                q.question.text.get(lang).to_owned()
            });
        writeln!(
            out,
            "{}",
            palette.bold(&wrap(&format!("{}. {text}", i + 1), width, "", "   "))
        )?;
        writeln!(
            out,
            "{}",
            palette.dim(&format!("   {} · {:.0}s", answer.question, answer.seconds))
        )?;
        if answer.skipped {
            writeln!(out, "   {}", label(lang, "Пропущено.", "Skipped."))?;
            continue;
        }
        writeln!(out, "{}", wrap(&answer.answer, width, "   > ", "     "))?;
        if let Some(follow_up) = &answer.follow_up {
            writeln!(
                out,
                "{}",
                wrap(
                    &format!(
                        "{} {}",
                        label(lang, "Уточнение:", "Follow-up:"),
                        follow_up.question
                    ),
                    width,
                    "   ",
                    "   "
                )
            )?;
            writeln!(out, "{}", wrap(&follow_up.answer, width, "   > ", "     "))?;
        }
        match bank.rubric(answer.question.as_str()) {
            Some(entry) => {
                let options = GradeOptions {
                    hinted: answer.hinted.clone(),
                    follow_up: answer.follow_up.as_ref().map(|f| f.answer.clone()),
                };
                let mut grade = grading::grade(entry, bank.vocabulary(), &answer.answer, &options);
                // The saved score is what counted (overtime, an interviewer's review).
                grade.score = answer.final_score();
                grade.band = grade.score.band();
                explain::render(out, &grade, &entry.rubric, lang, palette, width)?;
            }
            None => writeln!(
                out,
                "   {}/100 · {}",
                answer.final_score(),
                answer.final_score().band()
            )?,
        }
        if let Some(review) = &answer.review {
            let line = format!(
                "{}: {} ({}){}",
                label(lang, "Оценка интервьюера", "Interviewer's score"),
                review.score,
                if review.accepted {
                    label(lang, "принята", "accepted")
                } else {
                    label(lang, "исправлена", "overridden")
                },
                if review.note.is_empty() {
                    String::new()
                } else {
                    format!(" — {}", review.note)
                }
            );
            writeln!(out, "{}", wrap(&line, width, "   ", "   "))?;
        }
    }
    Ok(())
}

/// Runs `viva export-graded`: one JSON line `{"id", "question", "answer", "score", "note"}` per
/// reviewed answer, the score being the interviewer's.
pub fn export_graded(
    sessions_dir: &std::path::Path,
    candidate: Option<&str>,
    file: Option<&std::path::Path>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<()> {
    let sessions = load_sessions(sessions_dir, err)?;
    let mut lines = Vec::new();
    for session in sessions
        .iter()
        .filter(|s| candidate.is_none_or(|c| s.record.candidate == c))
    {
        for (i, answer) in session.record.answers.iter().enumerate() {
            let Some(review) = &answer.review else {
                continue;
            };
            if answer.skipped {
                continue;
            }
            let mut text = answer.answer.clone();
            if let Some(follow_up) = &answer.follow_up {
                text.push('\n');
                text.push_str(&follow_up.answer);
            }
            let line = serde_json::json!({
                "id": format!("{}#{}", session.id, i + 1),
                "question": answer.question,
                "answer": text,
                "score": review.score.value(),
                "engine_score": answer.score.value(),
                "note": review.note,
            });
            lines.push(line.to_string());
        }
    }
    let mut text = lines.join("\n");
    if !text.is_empty() {
        text.push('\n');
    }
    match file {
        Some(path) => {
            crate::storage::write_atomically(path, text.as_bytes()).map_err(|source| {
                Error::Write {
                    path: path.to_owned(),
                    source,
                }
            })?;
            writeln!(
                err,
                "viva: {} written to {}",
                crate::error::count(lines.len(), "graded answer", "graded answers"),
                path.display()
            )?;
        }
        None => out.write_all(text.as_bytes())?,
    }
    Ok(())
}
