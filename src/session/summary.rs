//! The end-of-session summary: a table of the questions with score, band and time, the average,
//! and the weakest points to study next.

use std::io::{self, Write};
use std::time::Duration;

use comfy_table::{ContentArrangement, Table, presets};

use crate::bank::Bank;
use crate::grading::explain::label;
use crate::lang::Lang;
use crate::storage::SessionRecord;
use crate::terminal::{Palette, wrap};

use super::clock_text;

/// How many missed points the summary lists.
const WEAKEST_POINTS: usize = 5;

/// Writes the summary of `record`.
pub fn render(
    out: &mut dyn Write,
    bank: &Bank,
    record: &SessionRecord,
    lang: Lang,
    palette: Palette,
    width: usize,
) -> io::Result<()> {
    writeln!(out)?;
    writeln!(
        out,
        "{}",
        palette.bold(label(lang, "Итоги сессии", "Session summary"))
    )?;
    if record.answers.is_empty() {
        writeln!(out, "{}", label(lang, "Ни одного ответа.", "No answers."))?;
        return Ok(());
    }
    let mut table = Table::new();
    table
        .load_style(presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(width.clamp(40, u16::MAX as usize) as u16)
        .set_header([
            "#",
            label(lang, "вопрос", "question"),
            label(lang, "балл", "score"),
            label(lang, "уровень", "band"),
            label(lang, "время", "time"),
            label(lang, "отметки", "flags"),
        ]);
    for (i, answer) in record.answers.iter().enumerate() {
        let mut flags = Vec::new();
        if answer.skipped {
            flags.push(label(lang, "пропуск", "skipped"));
        }
        if answer.overtime {
            flags.push(label(lang, "не уложился", "overtime"));
        }
        if !answer.hinted.is_empty() {
            flags.push(label(lang, "подсказка", "hint"));
        }
        if answer.follow_up.is_some() {
            flags.push(label(lang, "уточнение", "follow-up"));
        }
        table.add_row([
            (i + 1).to_string(),
            crate::terminal::sanitize(answer.question.as_str()).into_owned(),
            answer.final_score().to_string(),
            answer.final_score().band().to_string(),
            clock_text(Duration::from_secs_f64(answer.seconds.max(0.0))),
            flags.join(", "),
        ]);
    }
    writeln!(out, "{table}")?;
    let average = record
        .answers
        .iter()
        .map(|a| f64::from(a.final_score().value()))
        .sum::<f64>()
        / record.answers.len() as f64;
    let line = format!(
        "{}: {average:.0}/100",
        label(lang, "Средний балл", "Average score")
    );
    writeln!(out, "{}", palette.bold(&line))?;

    let mut missed = Vec::new();
    let mut order: Vec<_> = record.answers.iter().collect();
    order.sort_by_key(|a| a.final_score());
    for answer in order {
        let Some(entry) = bank.rubric(answer.question.as_str()) else {
            continue;
        };
        let mut points: Vec<_> = entry
            .rubric
            .points
            .iter()
            .filter(|p| answer.missed.contains(&p.id))
            .collect();
        points.sort_by(|a, b| b.weight.total_cmp(&a.weight));
        for point in points {
            missed.push((
                answer.question.clone(),
                point.statement.get(lang).to_owned(),
            ));
        }
    }
    if !missed.is_empty() {
        writeln!(out)?;
        writeln!(
            out,
            "{}",
            palette.bold(label(lang, "Что подтянуть:", "Study next:"))
        )?;
        for (question, statement) in missed.into_iter().take(WEAKEST_POINTS) {
            let text = format!("{statement} ({question})");
            writeln!(out, "{}", wrap(&text, width, "• ", "  "))?;
        }
    }
    Ok(())
}
