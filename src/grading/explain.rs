//! The explanation of a grade, as the candidate reads it in a terminal: the score, what was
//! covered (quoting their words), what was missed (the point stated in the question's language),
//! and the correction of each misconception.

use std::io::{self, Write};

use crate::bank::Rubric;
use crate::lang::Lang;
use crate::terminal::{Palette, wrap};

use super::analysis::{Analysis, Script, TokenKind};
use super::{Band, Grade, KEYWORD_LIST_FACTOR};

/// Picks the language to explain in from the answer itself: the script most of its words use.
pub fn detect_lang(answer: &str) -> Lang {
    let analysis = Analysis::new(answer);
    let (mut cyrillic, mut latin) = (0, 0);
    for token in analysis.tokens() {
        if token.kind == TokenKind::Word {
            match token.script {
                Script::Cyrillic => cyrillic += 1,
                Script::Latin => latin += 1,
                Script::Other => {}
            }
        }
    }
    if latin > cyrillic { Lang::En } else { Lang::Ru }
}

/// Chooses the Russian or the English form of a label.
pub fn label(lang: Lang, ru: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Ru => ru,
        Lang::En => en,
    }
}

/// Paints a score by its band.
pub fn paint_score(palette: Palette, grade: &Grade) -> String {
    let text = format!("{}/100 · {}", grade.score, grade.band);
    match grade.band {
        Band::Strong => palette.good(&text),
        Band::Partial => palette.warn(&text),
        Band::Weak => palette.bad(&text),
    }
}

/// Puts `mark` in the indent of the first line of `wrapped` (which is indented by four spaces).
fn bullet(mark: &str, wrapped: &str) -> String {
    format!(
        "  {mark} {}",
        wrapped.strip_prefix("    ").unwrap_or(wrapped)
    )
}

/// Writes the explanation of `grade` under `rubric` in `lang`, wrapped to `width` columns.
pub fn render(
    out: &mut dyn Write,
    grade: &Grade,
    rubric: &Rubric,
    lang: Lang,
    palette: Palette,
    width: usize,
) -> io::Result<()> {
    let wrap = |text: &str, indent: &str| -> String { wrap(text, width.max(30), indent, indent) };
    writeln!(out, "{}", palette.bold(&paint_score(palette, grade)))?;

    let covered: Vec<_> = grade.points.iter().filter(|p| p.is_matched()).collect();
    let missed: Vec<_> = grade.points.iter().filter(|p| !p.is_matched()).collect();
    if !covered.is_empty() {
        writeln!(out)?;
        writeln!(
            out,
            "{}",
            palette.bold(label(lang, "Раскрыто:", "Covered:"))
        )?;
        for point in covered {
            let statement = rubric
                .points
                .iter()
                .find(|p| p.id == point.id)
                .map_or("", |p| p.statement.get(lang));
            writeln!(
                out,
                "{}",
                bullet(&palette.good("✓"), &wrap(statement, "    "))
            )?;
            if let Some(evidence) = &point.evidence {
                let said = label(lang, "вы сказали", "you said");
                let mut notes = Vec::new();
                if point.hinted {
                    notes.push(label(lang, "после подсказки", "after a hint"));
                }
                if point.via_follow_up {
                    notes.push(label(lang, "в ответе на уточнение", "in the follow-up"));
                }
                let notes = if notes.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", notes.join(", "))
                };
                writeln!(
                    out,
                    "{}",
                    palette.dim(&wrap(
                        &format!("{said}: {}{notes}", evidence.quote()),
                        "      "
                    ))
                )?;
            }
        }
    }
    if !missed.is_empty() {
        writeln!(out)?;
        writeln!(out, "{}", palette.bold(label(lang, "Упущено:", "Missed:")))?;
        for point in missed {
            let statement = rubric
                .points
                .iter()
                .find(|p| p.id == point.id)
                .map_or("", |p| p.statement.get(lang));
            writeln!(
                out,
                "{}",
                bullet(&palette.bad("✗"), &wrap(statement, "    "))
            )?;
        }
    }
    if !grade.misconceptions.is_empty() {
        writeln!(out)?;
        let penalty: f64 = grade.misconceptions.iter().map(|m| m.penalty).sum();
        writeln!(
            out,
            "{}",
            palette.bold(&format!(
                "{} (−{penalty:.0}):",
                label(lang, "Ошибочные утверждения", "Misconceptions")
            ))
        )?;
        for found in &grade.misconceptions {
            let Some(misconception) = rubric.misconceptions.iter().find(|m| m.id == found.id)
            else {
                continue;
            };
            writeln!(
                out,
                "{}",
                bullet(
                    &palette.warn("!"),
                    &wrap(misconception.claim.get(lang), "    ")
                )
            )?;
            let said = label(lang, "вы сказали", "you said");
            writeln!(
                out,
                "{}",
                palette.dim(&wrap(
                    &format!("{said}: {}", found.evidence.quote()),
                    "      "
                ))
            )?;
            let fact = label(lang, "на самом деле", "in fact");
            writeln!(
                out,
                "{}",
                wrap(
                    &format!("{fact}: {}", misconception.correction.get(lang)),
                    "      "
                )
            )?;
        }
    }
    if grade.brevity < 0.9 && grade.coverage > 0.0 && !grade.keyword_list {
        writeln!(out)?;
        let note = match lang {
            Lang::Ru => format!(
                "Ответ короткий: раскройте, как и почему это работает (балл × {:.2}).",
                grade.brevity
            ),
            Lang::En => format!(
                "A short answer: explain how and why it works (score × {:.2}).",
                grade.brevity
            ),
        };
        writeln!(out, "{}", palette.warn(&wrap(&note, "")))?;
    }
    if grade.keyword_list {
        writeln!(out)?;
        let note = match lang {
            Lang::Ru => format!(
                "Ответ похож на список терминов: объясните, как они связаны (балл × {KEYWORD_LIST_FACTOR})."
            ),
            Lang::En => format!(
                "The answer reads as a list of keywords: explain how they connect (score × {KEYWORD_LIST_FACTOR})."
            ),
        };
        writeln!(out, "{}", palette.warn(&wrap(&note, "")))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_answer_picks_the_language() {
        assert_eq!(
            detect_lang("GIL не даёт тредам работать параллельно"),
            Lang::Ru
        );
        assert_eq!(
            detect_lang("the GIL lets one thread run at a time"),
            Lang::En
        );
        assert_eq!(detect_lang(""), Lang::Ru);
    }
}
