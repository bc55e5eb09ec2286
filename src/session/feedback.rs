//! Feedback after a graded answer: the practice-style explanation with `:more` and `:why`,
//! and the interview-style feedback on every answer at the end of a session.

use std::io;

use crate::bank::QuestionRef;
use crate::grading::explain::{self, label};
use crate::grading::{self, Grade, GradeOptions};
use crate::lang::Lang;
use crate::storage::Status;
use crate::terminal::{sanitize, wrap};

use super::{
    Active, AnswerSource, Command, Input, OVERTIME_PENALTY, Prompt, PromptKind, SessionError,
    SessionRunner, Step,
};

impl SessionRunner<'_> {
    pub(super) fn practice_feedback(
        &mut self,
        active: &mut Active,
        question: QuestionRef<'_>,
        grade: &Grade,
        overtime: bool,
        source: &mut dyn AnswerSource,
    ) -> Result<Step, SessionError> {
        let lang = self.lang(active);
        let Some(entry) = self.bank.rubric(question.question.id.as_str()) else {
            return Ok(Step::Next);
        };
        writeln!(self.out)?;
        explain::render(
            self.out,
            grade,
            &entry.rubric,
            lang,
            self.palette,
            self.width,
        )?;
        if overtime {
            writeln!(self.out, "{}", self.palette.warn(&overtime_note(lang)))?;
        }
        if !source.is_interactive() {
            return Ok(Step::Next);
        }
        writeln!(
            self.out,
            "{}",
            self.palette.dim(label(
                lang,
                "Enter — следующий вопрос · :more — эталон и шпаргалка · :why ПУНКТ — про упущенное · :note ТЕКСТ",
                "Enter — next question · :more — model answer and brief · :why POINT — about a missed point · :note TEXT"
            ))
        )?;
        loop {
            let prompt = Prompt {
                lang,
                time_left: None,
                session_left: self.session_left(active),
                kind: PromptKind::AfterGrade,
            };
            match self.read(source, &prompt)? {
                Input::Answer(_) | Input::Cancelled => return Ok(Step::Next),
                Input::End => return Ok(Step::End(Status::Stopped)),
                Input::Command(Command::Quit) => return Ok(Step::End(Status::Stopped)),
                Input::Command(Command::More) => self.more(lang, question)?,
                Input::Command(Command::Why(point)) => self.why(lang, question, grade, &point)?,
                Input::Command(Command::Note(text)) => self.note(active, Some(question), &text)?,
                Input::Command(Command::Help) => self.help(lang)?,
                Input::Command(Command::Skip) => return Ok(Step::Next),
                Input::Command(_) => {
                    writeln!(
                        self.out,
                        "{}",
                        label(
                            lang,
                            "Вопрос уже оценён: Enter — дальше.",
                            "Already graded: Enter moves on."
                        )
                    )?;
                }
            }
        }
    }

    /// `:more`: the model answer and the topic brief.
    pub(super) fn more(&mut self, lang: Lang, question: QuestionRef<'_>) -> io::Result<()> {
        writeln!(self.out)?;
        writeln!(
            self.out,
            "{}",
            self.palette
                .bold(label(lang, "Эталонный ответ:", "Model answer:"))
        )?;
        let answer = wrap(question.question.model_answer.get(lang), self.width, "", "");
        writeln!(self.out, "{answer}")?;
        let brief = question.topic.brief.get(lang);
        if !brief.is_empty() {
            writeln!(self.out)?;
            let title = match lang {
                Lang::Ru => format!("Шпаргалка по теме «{}»:", question.topic.title.get(lang)),
                Lang::En => format!("Brief of “{}”:", question.topic.title.get(lang)),
            };
            writeln!(self.out, "{}", self.palette.bold(&sanitize(&title)))?;
            for line in brief {
                writeln!(self.out, "{}", wrap(line, self.width, "• ", "  "))?;
            }
        }
        Ok(())
    }

    /// `:why POINT`: one missed key point, its statement and the brief's line about it.
    pub(super) fn why(
        &mut self,
        lang: Lang,
        question: QuestionRef<'_>,
        grade: &Grade,
        point: &str,
    ) -> io::Result<()> {
        let Some(entry) = self.bank.rubric(question.question.id.as_str()) else {
            return Ok(());
        };
        let missed: Vec<_> = entry
            .rubric
            .points
            .iter()
            .filter(|p| grade.points.iter().any(|g| g.id == p.id && !g.is_matched()))
            .collect();
        let wanted = point.trim();
        let found = if wanted.is_empty() {
            missed.first().copied()
        } else if let Ok(n) = wanted.parse::<usize>() {
            missed.get(n.saturating_sub(1)).copied()
        } else {
            missed
                .iter()
                .copied()
                .find(|p| p.id.as_str() == wanted)
                .or_else(|| {
                    missed
                        .iter()
                        .copied()
                        .find(|p| p.id.as_str().contains(wanted))
                })
        };
        let Some(found) = found else {
            let ids: Vec<String> = missed
                .iter()
                .enumerate()
                .map(|(i, p)| format!("{} ({})", i + 1, p.id))
                .collect();
            let line = if ids.is_empty() {
                label(
                    lang,
                    "Все ключевые пункты раскрыты.",
                    "Every key point was covered.",
                )
                .to_owned()
            } else {
                format!(
                    "{}: {}",
                    label(lang, "Упущенные пункты", "Missed points"),
                    ids.join(", ")
                )
            };
            return writeln!(self.out, "{line}");
        };
        writeln!(self.out)?;
        writeln!(
            self.out,
            "{}",
            self.palette
                .bold(&wrap(found.statement.get(lang), self.width, "", ""))
        )?;
        if let Some(line) = brief_line_for(question, found, lang) {
            writeln!(self.out, "{}", wrap(line, self.width, "  ", "  "))?;
        }
        if !found.follow_up.is_empty() {
            let line = format!(
                "{} {}",
                label(lang, "Проверьте себя:", "Check yourself:"),
                found.follow_up.get(lang)
            );
            writeln!(
                self.out,
                "{}",
                self.palette.dim(&wrap(&line, self.width, "", ""))
            )?;
        }
        Ok(())
    }

    pub(super) fn interview_feedback(&mut self, active: &mut Active) -> io::Result<()> {
        let lang = self.lang(active);
        writeln!(self.out)?;
        writeln!(
            self.out,
            "{}",
            self.palette.bold(label(lang, "Разбор ответов", "Feedback"))
        )?;
        for answer in &active.record.answers {
            let Some(question) = self.bank.question(answer.question.as_str()) else {
                continue;
            };
            let Some(entry) = self.bank.rubric(answer.question.as_str()) else {
                continue;
            };
            writeln!(self.out)?;
            let title = wrap(
                &format!("— {}", question.question.text.get(lang)),
                self.width,
                "",
                "  ",
            );
            writeln!(self.out, "{}", self.palette.bold(&title))?;
            if answer.skipped {
                writeln!(
                    self.out,
                    "{}",
                    self.palette.dim(label(lang, "Пропущено.", "Skipped."))
                )?;
                continue;
            }
            // Grades of this run are kept; answers from before a resume are graded again from
            // their saved text, which gives the same result.
            let mut grade = match active.grades.iter().find(|(id, _)| id == &answer.question) {
                Some((_, grade)) => grade.clone(),
                None => {
                    let options = GradeOptions {
                        hinted: answer.hinted.clone(),
                        follow_up: answer.follow_up.as_ref().map(|f| f.answer.clone()),
                    };
                    grading::grade(entry, self.bank.vocabulary(), &answer.answer, &options)
                }
            };
            grade.score = answer.score;
            grade.band = answer.band;
            explain::render(
                self.out,
                &grade,
                &entry.rubric,
                lang,
                self.palette,
                self.width,
            )?;
            if answer.overtime {
                writeln!(self.out, "{}", self.palette.warn(&overtime_note(lang)))?;
            }
        }
        Ok(())
    }
}

/// The line of the topic brief that shares the most words with a key point's statement.
fn brief_line_for<'q>(
    question: QuestionRef<'q>,
    point: &crate::bank::KeyPoint,
    lang: Lang,
) -> Option<&'q str> {
    use crate::grading::analysis::{Analysis, TokenKind};
    let words = |text: &str| -> std::collections::HashSet<String> {
        Analysis::new(text)
            .tokens()
            .iter()
            .filter(|t| {
                t.kind != TokenKind::Symbol && !t.is_function_word && t.stem.chars().count() > 2
            })
            .map(|t| t.stem.clone())
            .collect()
    };
    let statement = words(point.statement.get(lang));
    question
        .topic
        .brief
        .get(lang)
        .iter()
        .map(|line| (words(line).intersection(&statement).count(), line.as_str()))
        .filter(|(shared, _)| *shared >= 2)
        .max_by_key(|(shared, _)| *shared)
        .map(|(_, line)| line)
}

/// The line that explains an overtime penalty.
fn overtime_note(lang: Lang) -> String {
    match lang {
        Lang::Ru => format!("Ответ после лимита времени: −{OVERTIME_PENALTY:.0}."),
        Lang::En => format!("Answered after the time limit: −{OVERTIME_PENALTY:.0}."),
    }
}
