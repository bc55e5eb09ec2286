//! The report as a terminal table (fits 80 columns), Markdown, or JSON.

use std::io::{self, Write};

use chrono::NaiveDate;
use comfy_table::{CellAlignment, ColumnConstraint, ContentArrangement, Table, Width};

use crate::grading::explain::label;
use crate::lang::Lang;
use crate::terminal::{sanitize, wrap};

use super::{DueItem, Report, TopicReport};

fn trend_text(trend: f64) -> String {
    if trend.abs() < 0.05 {
        "0".to_owned()
    } else {
        format!("{trend:+.1}")
    }
}

fn time_text(seconds: f64) -> String {
    let secs = seconds.max(0.0).round() as u64;
    format!("{}:{:02}", secs / 60, secs % 60)
}

fn due_text(due: Option<NaiveDate>, today: NaiveDate, lang: Lang) -> String {
    match due {
        None => "—".to_owned(),
        Some(day) if day <= today => label(lang, "сегодня", "today").to_owned(),
        Some(day) => day.format("%m-%d").to_string(),
    }
}

fn header(report: &Report, lang: Lang) -> String {
    let who = report
        .candidate
        .as_deref()
        .unwrap_or(label(lang, "все кандидаты", "all candidates"));
    let period = report
        .period
        .map(|(from, to)| format!(" · {from} – {to}"))
        .unwrap_or_default();
    match lang {
        Lang::Ru => format!(
            "Отчёт viva · {} · сессий: {}, ответов: {}{period}",
            sanitize(who),
            report.sessions,
            report.answers
        ),
        Lang::En => format!(
            "viva report · {} · {} sessions, {} answers{period}",
            sanitize(who),
            report.sessions,
            report.answers
        ),
    }
}

/// Writes the report as tables for a terminal of `width` columns.
pub fn table(report: &Report, lang: Lang, width: usize, out: &mut dyn Write) -> io::Result<()> {
    let today = report.generated_at.date_naive();
    writeln!(out, "{}", header(report, lang))?;
    if report.topics.is_empty() {
        writeln!(
            out,
            "{}",
            label(
                lang,
                "Пока нет ни одного ответа: начните с `viva start`.",
                "No answers yet: start with `viva start`."
            )
        )?;
        return Ok(());
    }
    writeln!(out)?;
    writeln!(
        out,
        "{}",
        label(lang, "Темы, от слабых к сильным:", "Topics, weakest first:")
    )?;
    let mut table = Table::new();
    table
        .load_style(crate::terminal::TABLE_STYLE)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(width.clamp(60, 200) as u16)
        .set_header([
            label(lang, "тема", "topic"),
            "n",
            label(lang, "сред", "avg"),
            label(lang, "посл", "last"),
            label(lang, "лучш", "best"),
            label(lang, "тренд", "trend"),
            label(lang, "история", "recent"),
            label(lang, "время", "time"),
            label(lang, "повтор", "due"),
        ]);
    for topic in &report.topics {
        table.add_row([
            sanitize(topic.topic.as_str()).into_owned(),
            topic.attempts.to_string(),
            format!("{:.0}", topic.average),
            topic.last.to_string(),
            topic.best.to_string(),
            trend_text(topic.trend),
            topic.sparkline.clone(),
            time_text(topic.seconds_per_answer),
            due_text(topic.next_due, today, lang),
        ]);
    }
    for column in 1..=5 {
        if let Some(column) = table.column_mut(column) {
            column.set_cell_alignment(CellAlignment::Right);
        }
    }
    // One space between columns instead of two keeps nine columns within 80.
    for column in table.column_iter_mut() {
        column.set_padding((0, 1));
    }
    // Topic ids stay whole: the longest sets the first column, the others shrink around it.
    let longest = report
        .topics
        .iter()
        .map(|t| t.topic.as_str().chars().count())
        .max()
        .unwrap_or(5);
    if let Some(column) = table.column_mut(0) {
        column.set_constraint(ColumnConstraint::LowerBoundary(Width::Fixed(
            longest.min(30) as u16 + 1,
        )));
    }
    writeln!(out, "{table}")?;

    let weak: Vec<&TopicReport> = report
        .weak_areas
        .iter()
        .filter_map(|id| report.topics.iter().find(|t| &t.topic == id))
        .take(3)
        .collect();
    if !weak.is_empty() {
        writeln!(out)?;
        writeln!(
            out,
            "{}",
            label(
                lang,
                "Слабые места — начните с них:",
                "Weak areas — start here:"
            )
        )?;
        for topic in weak {
            let notes = match (topic.open_notes, lang) {
                (0, _) => String::new(),
                (n, Lang::Ru) => format!(", заметок: {n}"),
                (n, Lang::En) => format!(", {n} open notes"),
            };
            let line = format!(
                "{} ({:.0}){notes}: {}",
                topic.title, topic.standing, topic.study
            );
            writeln!(out, "{}", wrap(&line, width, "• ", "  "))?;
        }
    }
    if !report.missed_points.is_empty() {
        writeln!(out)?;
        writeln!(
            out,
            "{}",
            label(lang, "Что чаще всего упускается:", "Missed most often:")
        )?;
        for missed in &report.missed_points {
            let line = format!(
                "{}× {} ({})",
                missed.count, missed.statement, missed.question
            );
            writeln!(out, "{}", wrap(&line, width, "• ", "  "))?;
        }
    }
    if !report.misconceptions.is_empty() {
        writeln!(out)?;
        writeln!(
            out,
            "{}",
            label(lang, "Ошибочные утверждения:", "Misconceptions voiced:")
        )?;
        for wrong in &report.misconceptions {
            let line = format!("{}× «{}» → {}", wrong.count, wrong.claim, wrong.correction);
            writeln!(out, "{}", wrap(&line, width, "! ", "  "))?;
        }
    }
    writeln!(out)?;
    due_section(report, lang, width, out)
}

fn due_list(items: &[DueItem]) -> String {
    items
        .iter()
        .map(|i| i.question.to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

fn due_section(report: &Report, lang: Lang, width: usize, out: &mut dyn Write) -> io::Result<()> {
    let today = match lang {
        Lang::Ru => format!(
            "К повторению сегодня ({}): {}",
            report.due_today.len(),
            due_list(&report.due_today)
        ),
        Lang::En => format!(
            "Due for review today ({}): {}",
            report.due_today.len(),
            due_list(&report.due_today)
        ),
    };
    writeln!(
        out,
        "{}",
        wrap(today.trim_end_matches(": "), width, "", "  ")
    )?;
    let week = match lang {
        Lang::Ru => format!(
            "На этой неделе ({}): {}",
            report.due_this_week.len(),
            due_list(&report.due_this_week)
        ),
        Lang::En => format!(
            "Later this week ({}): {}",
            report.due_this_week.len(),
            due_list(&report.due_this_week)
        ),
    };
    writeln!(
        out,
        "{}",
        wrap(week.trim_end_matches(": "), width, "", "  ")
    )?;
    if let Some(until) = report.until {
        let line = match lang {
            Lang::Ru => format!("Интервалы ограничены датой собеседования {until}."),
            Lang::En => format!("Intervals are capped by the interview date {until}."),
        };
        writeln!(out, "{line}")?;
    }
    Ok(())
}

/// Escapes text for a Markdown table cell or list item.
fn md(text: &str) -> String {
    sanitize(text).replace('|', "\\|").replace('\n', " ")
}

/// Writes the report as Markdown, for notes or a hiring document.
pub fn markdown(report: &Report, lang: Lang, out: &mut dyn Write) -> io::Result<()> {
    let today = report.generated_at.date_naive();
    writeln!(out, "# {}", md(&header(report, lang)))?;
    writeln!(out)?;
    writeln!(
        out,
        "## {}",
        label(lang, "Темы, от слабых к сильным", "Topics, weakest first")
    )?;
    writeln!(out)?;
    writeln!(
        out,
        "| {} | n | {} | {} | {} | {} | {} | {} | {} |",
        label(lang, "тема", "topic"),
        label(lang, "средний", "average"),
        label(lang, "последний", "last"),
        label(lang, "лучший", "best"),
        label(lang, "тренд", "trend"),
        label(lang, "история", "recent"),
        label(lang, "время на ответ", "time per answer"),
        label(lang, "повторить", "due")
    )?;
    writeln!(out, "|---|--:|--:|--:|--:|--:|---|--:|---|")?;
    for topic in &report.topics {
        writeln!(
            out,
            "| {} (`{}`) | {} | {:.0} | {} | {} | {} | {} | {} | {} |",
            md(&topic.title),
            topic.topic,
            topic.attempts,
            topic.average,
            topic.last,
            topic.best,
            trend_text(topic.trend),
            topic.sparkline,
            time_text(topic.seconds_per_answer),
            due_text(topic.next_due, today, lang)
        )?;
    }
    if !report.weak_areas.is_empty() {
        writeln!(out)?;
        writeln!(out, "## {}", label(lang, "Слабые места", "Weak areas"))?;
        writeln!(out)?;
        for id in &report.weak_areas {
            if let Some(topic) = report.topics.iter().find(|t| &t.topic == id) {
                writeln!(
                    out,
                    "- {} — {:.0}/100, `{}`",
                    md(&topic.title),
                    topic.standing,
                    topic.study
                )?;
            }
        }
    }
    if !report.missed_points.is_empty() {
        writeln!(out)?;
        writeln!(
            out,
            "## {}",
            label(lang, "Что чаще всего упускается", "Missed most often")
        )?;
        writeln!(out)?;
        for missed in &report.missed_points {
            writeln!(
                out,
                "- {}× {} (`{}`)",
                missed.count,
                md(&missed.statement),
                missed.question
            )?;
        }
    }
    if !report.misconceptions.is_empty() {
        writeln!(out)?;
        writeln!(
            out,
            "## {}",
            label(lang, "Ошибочные утверждения", "Misconceptions voiced")
        )?;
        writeln!(out)?;
        for wrong in &report.misconceptions {
            writeln!(
                out,
                "- {}× «{}» — {}",
                wrong.count,
                md(&wrong.claim),
                md(&wrong.correction)
            )?;
        }
    }
    writeln!(out)?;
    writeln!(out, "## {}", label(lang, "Повторение", "Review"))?;
    writeln!(out)?;
    writeln!(
        out,
        "- {}: {}",
        label(lang, "сегодня", "today"),
        md(&due_list(&report.due_today))
    )?;
    writeln!(
        out,
        "- {}: {}",
        label(lang, "на этой неделе", "this week"),
        md(&due_list(&report.due_this_week))
    )?;
    Ok(())
}

/// Writes the report as JSON: the contract's fields (`sessions`, `answers`, `topics` with
/// `topic`, `attempts`, `average`, `last`, `trend`, and `weak_areas`) and more.
pub fn json(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, report).map_err(io::Error::from)?;
    writeln!(out)
}
