//! Interviewer mode: after each answer the interviewer sees the rubric checklist and the
//! suggested score, and accepts it, overrides it or adds a note.

use crate::bank::QuestionRef;
use crate::grading::explain::label;
use crate::grading::{Grade, Score};
use crate::lang::Lang;
use crate::storage::Review;
use crate::terminal::wrap;

use super::{Active, AnswerSource, Input, Prompt, PromptKind, SessionError, SessionRunner};

impl SessionRunner<'_> {
    /// Interviewer mode: the rubric checklist and the suggested score; Enter accepts it, a
    /// number overrides it, any other text is a note (after a number or on its own).
    pub(super) fn review(
        &mut self,
        active: &mut Active,
        question: QuestionRef<'_>,
        grade: &Grade,
        source: &mut dyn AnswerSource,
    ) -> Result<Option<Review>, SessionError> {
        let lang = self.lang(active);
        let Some(entry) = self.bank.rubric(question.question.id.as_str()) else {
            return Ok(None);
        };
        let suggested = grade.score;
        writeln!(self.out)?;
        let heading = match lang {
            Lang::Ru => format!(
                "Чек-лист рубрики — предлагаемая оценка {suggested}/100 ({})",
                suggested.band()
            ),
            Lang::En => format!(
                "Rubric checklist — suggested score {suggested}/100 ({})",
                suggested.band()
            ),
        };
        writeln!(self.out, "{}", self.palette.bold(&heading))?;
        for point in &entry.rubric.points {
            let Some(result) = grade.points.iter().find(|g| g.id == point.id) else {
                continue;
            };
            let mark = if result.is_matched() {
                self.palette.good("✓")
            } else {
                self.palette.bad("✗")
            };
            let mut line = format!(
                "[{}] {}: {}",
                point.weight,
                point.id,
                point.statement.get(lang)
            );
            if let Some(evidence) = &result.evidence {
                line.push_str(&format!(" — {}", evidence.quote()));
            }
            writeln!(
                self.out,
                "  {mark} {}",
                wrap(&line, self.width.saturating_sub(4), "", "    ")
            )?;
        }
        for found in &grade.misconceptions {
            if let Some(m) = entry
                .rubric
                .misconceptions
                .iter()
                .find(|m| m.id == found.id)
            {
                let line = format!(
                    "−{:.0} {}: {} — {}",
                    m.penalty,
                    m.id,
                    m.claim.get(lang),
                    found.evidence.quote()
                );
                writeln!(
                    self.out,
                    "  {} {}",
                    self.palette.warn("!"),
                    wrap(&line, self.width.saturating_sub(4), "", "    ")
                )?;
            }
        }
        let help = match lang {
            Lang::Ru => format!(
                "Enter — принять {suggested}; число 0-100 — своя оценка; дальше можно дописать заметку."
            ),
            Lang::En => format!(
                "Enter accepts {suggested}; a number 0-100 overrides it; a note may follow."
            ),
        };
        writeln!(self.out, "{}", self.palette.dim(&help))?;
        loop {
            let prompt = Prompt {
                lang,
                time_left: None,
                session_left: None,
                kind: PromptKind::Review,
            };
            let line = match self.read(source, &prompt)? {
                Input::Answer(line) => line,
                Input::Command(_) | Input::Cancelled => String::new(),
                Input::End => String::new(),
            };
            match parse_review(&line, suggested) {
                Some(review) => return Ok(Some(review)),
                None => writeln!(
                    self.out,
                    "{}",
                    label(
                        lang,
                        "Оценка — число от 0 до 100.",
                        "A score is a number from 0 to 100."
                    )
                )?,
            }
        }
    }
}

/// Reads an interviewer's review line: empty accepts `suggested`; a leading number 0-100
/// overrides it; the rest is a note. Returns None for a number out of range.
pub fn parse_review(line: &str, suggested: Score) -> Option<Review> {
    let line = line.trim();
    let digits: String = line.chars().take_while(char::is_ascii_digit).collect();
    if digits.is_empty() {
        return Some(Review {
            score: suggested,
            accepted: true,
            note: line.to_owned(),
        });
    }
    let value: u32 = digits.parse().ok()?;
    if value > 100 {
        return None;
    }
    let note = line[digits.len()..]
        .trim_start_matches(|c: char| {
            c.is_whitespace() || matches!(c, ',' | ';' | ':' | '-' | '—' | '–' | '/')
        })
        .trim()
        .to_owned();
    let score = Score::from_f64(f64::from(value));
    Some(Review {
        score,
        accepted: score == suggested,
        note,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    pub(super) fn case(line: &str, expected: Option<(u8, bool, &str)>) {
        let suggested = Score::from_f64(72.0);
        let got = parse_review(line, suggested).map(|r| (r.score.value(), r.accepted, r.note));
        assert_eq!(
            got,
            expected.map(|(s, a, n)| (s, a, n.to_owned())),
            "{line:?}"
        );
    }

    #[test]
    pub(super) fn enter_accepts_a_number_overrides_text_is_a_note() {
        case("", Some((72, true, "")));
        case("85", Some((85, false, "")));
        case(
            "85 хорошо, но без примеров",
            Some((85, false, "хорошо, но без примеров")),
        );
        case(
            "40 — путает SLA и SLO",
            Some((40, false, "путает SLA и SLO")),
        );
        case("72", Some((72, true, "")));
        case("норм ответ", Some((72, true, "норм ответ")));
        case("150", None);
    }
}
