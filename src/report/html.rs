//! The report as one self-contained HTML page: no scripts, no network, an inline SVG chart of
//! scores over time for each topic, readable on a phone. Every piece of text that comes from a
//! candidate or a bank is escaped.

use std::io::{self, Write};

use crate::grading::explain::label;
use crate::lang::Lang;

use super::{Report, TopicReport};

/// Escapes text for HTML element content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() && c != '\n' && c != '\t' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

const STYLE: &str = "body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:0 auto;padding:1rem;max-width:60rem;color:#1d2430;line-height:1.45}\
h1{font-size:1.4rem}h2{font-size:1.15rem;margin-top:2rem}\
table{border-collapse:collapse;width:100%;font-size:.95rem}th,td{padding:.35rem .5rem;border-bottom:1px solid #dde2ea;text-align:left}\
td.n{text-align:right;font-variant-numeric:tabular-nums}.wrap{overflow-x:auto}\
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(17rem,1fr));gap:1rem}\
.card{border:1px solid #dde2ea;border-radius:.5rem;padding:.75rem}.card h3{font-size:1rem;margin:0 0 .25rem}\
.muted{color:#5b6575;font-size:.9rem}svg{width:100%;height:auto}\
.weak{color:#b42318}.partial{color:#b54708}.strong{color:#067647}code{background:#f2f4f7;padding:0 .2rem;border-radius:.2rem}";

fn band_class(score: f64) -> &'static str {
    match score as u32 {
        0..=39 => "weak",
        40..=69 => "partial",
        _ => "strong",
    }
}

/// An SVG line chart of a topic's scores over time, with the band limits drawn in.
fn chart(topic: &TopicReport) -> String {
    const W: f64 = 320.0;
    const H: f64 = 120.0;
    const PAD: f64 = 8.0;
    let y = |score: f64| PAD + (H - 2.0 * PAD) * (1.0 - score / 100.0);
    let points = &topic.scores;
    let (first, last) = match (points.first(), points.last()) {
        (Some(f), Some(l)) => (f.at.timestamp() as f64, l.at.timestamp() as f64),
        _ => return String::new(),
    };
    let span = (last - first).max(1.0);
    let x = |at: f64| {
        if points.len() == 1 {
            W / 2.0
        } else {
            PAD + (W - 2.0 * PAD) * (at - first) / span
        }
    };
    let mut svg = format!(
        "<svg viewBox=\"0 0 {W} {H}\" role=\"img\" aria-label=\"{}\">",
        escape(&format!("{} scores over time", topic.title))
    );
    for (limit, color) in [(40.0, "#fda29b"), (70.0, "#75e0a7")] {
        svg.push_str(&format!(
            "<line x1=\"{PAD}\" x2=\"{}\" y1=\"{:.1}\" y2=\"{:.1}\" stroke=\"{color}\" stroke-dasharray=\"4 3\"/>",
            W - PAD,
            y(limit),
            y(limit)
        ));
    }
    let path: Vec<String> = points
        .iter()
        .map(|p| {
            format!(
                "{:.1},{:.1}",
                x(p.at.timestamp() as f64),
                y(f64::from(p.score))
            )
        })
        .collect();
    svg.push_str(&format!(
        "<polyline fill=\"none\" stroke=\"#3056d3\" stroke-width=\"2\" points=\"{}\"/>",
        path.join(" ")
    ));
    for p in points {
        svg.push_str(&format!(
            "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"3\" fill=\"#3056d3\"><title>{}</title></circle>",
            x(p.at.timestamp() as f64),
            y(f64::from(p.score)),
            escape(&format!(
                "{} · {} · {}",
                p.at.format("%Y-%m-%d"),
                p.question,
                p.score
            ))
        ));
    }
    svg.push_str("</svg>");
    svg
}

/// Writes the report as a self-contained HTML page.
pub fn render(report: &Report, lang: Lang, out: &mut dyn Write) -> io::Result<()> {
    let who = report
        .candidate
        .as_deref()
        .unwrap_or(label(lang, "все кандидаты", "all candidates"));
    let title = format!("viva · {who}");
    writeln!(out, "<!DOCTYPE html>")?;
    writeln!(
        out,
        "<html lang=\"{}\"><head><meta charset=\"utf-8\">",
        lang.code()
    )?;
    writeln!(
        out,
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
    )?;
    writeln!(
        out,
        "<title>{}</title><style>{STYLE}</style></head><body>",
        escape(&title)
    )?;
    writeln!(out, "<h1>{}</h1>", escape(&title))?;
    let period = report
        .period
        .map(|(a, b)| format!(" · {a} – {b}"))
        .unwrap_or_default();
    let summary = match lang {
        Lang::Ru => format!(
            "сессий: {}, ответов: {}{period}",
            report.sessions, report.answers
        ),
        Lang::En => format!(
            "{} sessions, {} answers{period}",
            report.sessions, report.answers
        ),
    };
    writeln!(out, "<p class=\"muted\">{}</p>", escape(&summary))?;

    writeln!(
        out,
        "<h2>{}</h2><div class=\"wrap\"><table>",
        label(lang, "Темы, от слабых к сильным", "Topics, weakest first")
    )?;
    writeln!(
        out,
        "<tr><th>{}</th><th>n</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr>",
        label(lang, "тема", "topic"),
        label(lang, "средний", "average"),
        label(lang, "последний", "last"),
        label(lang, "лучший", "best"),
        label(lang, "тренд", "trend"),
        label(lang, "заметки", "notes")
    )?;
    for topic in &report.topics {
        writeln!(
            out,
            "<tr><td>{} <span class=\"muted\">{}</span></td><td class=\"n\">{}</td><td class=\"n {}\">{:.0}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{:+.1}</td><td class=\"n\">{}</td></tr>",
            escape(&topic.title),
            escape(topic.topic.as_str()),
            topic.attempts,
            band_class(topic.average),
            topic.average,
            topic.last,
            topic.best,
            topic.trend,
            topic.open_notes
        )?;
    }
    writeln!(out, "</table></div>")?;

    writeln!(
        out,
        "<h2>{}</h2><div class=\"cards\">",
        label(lang, "Баллы по времени", "Scores over time")
    )?;
    for topic in &report.topics {
        let last = topic
            .last_answer
            .as_deref()
            .map(|a| {
                format!(
                    "<p class=\"muted\">{}: {}</p>",
                    label(lang, "последний ответ", "latest answer"),
                    escape(a)
                )
            })
            .unwrap_or_default();
        writeln!(
            out,
            "<div class=\"card\"><h3>{}</h3><div class=\"muted\">{} · <code>{}</code></div>{}{last}</div>",
            escape(&topic.title),
            escape(&format!("{:.0}/100", topic.standing)),
            escape(&topic.study),
            chart(topic)
        )?;
    }
    writeln!(out, "</div>")?;

    if !report.missed_points.is_empty() {
        writeln!(
            out,
            "<h2>{}</h2><ul>",
            label(lang, "Что чаще всего упускается", "Missed most often")
        )?;
        for missed in &report.missed_points {
            writeln!(
                out,
                "<li>{}× {} <span class=\"muted\">{}</span></li>",
                missed.count,
                escape(&missed.statement),
                escape(missed.question.as_str())
            )?;
        }
        writeln!(out, "</ul>")?;
    }
    if !report.misconceptions.is_empty() {
        writeln!(
            out,
            "<h2>{}</h2><ul>",
            label(lang, "Ошибочные утверждения", "Misconceptions voiced")
        )?;
        for wrong in &report.misconceptions {
            writeln!(
                out,
                "<li>{}× «{}» — {}</li>",
                wrong.count,
                escape(&wrong.claim),
                escape(&wrong.correction)
            )?;
        }
        writeln!(out, "</ul>")?;
    }
    let list = |items: &[super::DueItem]| {
        items
            .iter()
            .map(|i| escape(i.question.as_str()))
            .collect::<Vec<_>>()
            .join(", ")
    };
    writeln!(out, "<h2>{}</h2>", label(lang, "Повторение", "Review"))?;
    writeln!(
        out,
        "<p>{}: {}</p>",
        label(lang, "Сегодня", "Today"),
        list(&report.due_today)
    )?;
    writeln!(
        out,
        "<p>{}: {}</p>",
        label(lang, "На этой неделе", "This week"),
        list(&report.due_this_week)
    )?;
    writeln!(out, "</body></html>")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_in_text_is_escaped() {
        assert_eq!(
            escape("<script>alert('x')</script> & \"q\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;"
        );
        assert_eq!(escape("a\u{1b}[31m"), "a\u{FFFD}[31m");
    }
}
