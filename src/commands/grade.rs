//! `viva grade`: one answer, or a batch of JSON Lines, graded against the loaded rubrics.

use std::io::{BufRead, Write};

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::bank::{Bank, BankSources, PointId};
use crate::error::{Error, Result};
use crate::grading::{self, Band, Grade, GradeOptions, explain};
use crate::lang::Lang;
use crate::terminal::Palette;

use super::load_bank;

/// Options of `viva grade QUESTION_ID [ANSWER]`.
#[derive(Clone, Debug)]
pub struct GradeOneOptions {
    /// The question.
    pub question: String,
    /// The answer text.
    pub answer: String,
    /// Prints JSON instead of the explanation.
    pub json: bool,
    /// The language of the explanation; detected from the answer when not given.
    pub lang: Option<Lang>,
    /// Colours for the explanation.
    pub palette: Palette,
    /// Width to wrap the explanation to.
    pub width: usize,
}

/// The JSON form of a grade: the contract's fields first, then the details.
#[derive(Serialize)]
struct GradeJson<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<&'a Value>,
    question: &'a str,
    score: u8,
    band: Band,
    matched: Vec<&'a PointId>,
    missed: Vec<&'a PointId>,
    misconceptions: Vec<&'a PointId>,
    coverage: f64,
    words: usize,
    brevity: f64,
    keyword_list: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    details: Option<&'a Grade>,
}

impl<'a> GradeJson<'a> {
    fn new(id: Option<&'a Value>, question: &'a str, grade: &'a Grade, details: bool) -> Self {
        GradeJson {
            id,
            question,
            score: grade.score.value(),
            band: grade.band,
            matched: grade.matched().collect(),
            missed: grade.missed().collect(),
            misconceptions: grade.misconceptions.iter().map(|m| &m.id).collect(),
            coverage: (grade.coverage * 1000.0).round() / 1000.0,
            words: grade.words,
            brevity: (grade.brevity * 1000.0).round() / 1000.0,
            keyword_list: grade.keyword_list,
            details: details.then_some(grade),
        }
    }
}

/// Grades one answer and writes the explanation (or JSON) to `out`.
pub fn grade_one(
    sources: &BankSources,
    options: &GradeOneOptions,
    out: &mut dyn Write,
) -> Result<()> {
    let bank = load_bank(sources)?;
    let question = bank
        .question(&options.question)
        .ok_or_else(|| Error::UnknownQuestion(options.question.clone()))?;
    let entry = bank
        .rubric(&options.question)
        .ok_or_else(|| Error::NoRubric(options.question.clone()))?;
    let grade = grading::grade(
        entry,
        bank.vocabulary(),
        &options.answer,
        &GradeOptions::default(),
    );
    if options.json {
        let json = GradeJson::new(None, question.question.id.as_str(), &grade, true);
        serde_json::to_writer_pretty(&mut *out, &json).map_err(std::io::Error::from)?;
        writeln!(out)?;
    } else {
        let lang = options
            .lang
            .unwrap_or_else(|| explain::detect_lang(&options.answer));
        writeln!(
            out,
            "{}",
            options.palette.dim(&format!(
                "{} — {}",
                question.question.id,
                question.question.text.get(lang)
            ))
        )?;
        explain::render(
            out,
            &grade,
            &entry.rubric,
            lang,
            options.palette,
            options.width,
        )?;
    }
    Ok(())
}

#[derive(Deserialize)]
struct BatchLine {
    #[serde(default)]
    id: Value,
    question: String,
    answer: String,
}

#[derive(Serialize)]
struct BatchError<'a> {
    id: &'a Value,
    #[serde(skip_serializing_if = "Option::is_none")]
    question: Option<&'a str>,
    error: String,
}

/// Grades JSON Lines from `input`, writing one JSON object per non-blank line, in order.
/// Lines that cannot be graded get an error object; the batch goes on and fails at the end.
pub fn grade_batch(
    sources: &BankSources,
    input: &mut dyn BufRead,
    out: &mut dyn Write,
) -> Result<()> {
    let bank = load_bank(sources)?;
    let mut total = 0;
    let mut failed = 0;
    let mut line = Vec::new();
    let mut number = 0;
    loop {
        line.clear();
        let read = input
            .read_until(b'\n', &mut line)
            .map_err(|source| Error::Read {
                path: "batch input".into(),
                source,
            })?;
        if read == 0 {
            break;
        }
        number += 1;
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        total += 1;
        if !grade_line(&bank, &line, number, out)? {
            failed += 1;
        }
    }
    out.flush()?;
    if failed > 0 {
        return Err(Error::BatchLines {
            count: failed,
            total,
        });
    }
    Ok(())
}

/// Grades one batch line; returns whether it could be graded.
fn grade_line(bank: &Bank, line: &[u8], number: usize, out: &mut dyn Write) -> Result<bool> {
    let null = Value::Null;
    let fail =
        |out: &mut dyn Write, id: &Value, question: Option<&str>, error: String| -> Result<bool> {
            let json = BatchError {
                id,
                question,
                error,
            };
            serde_json::to_writer(&mut *out, &json).map_err(std::io::Error::from)?;
            writeln!(out)?;
            Ok(false)
        };
    let Ok(text) = std::str::from_utf8(line) else {
        return fail(out, &null, None, format!("line {number} is not UTF-8 text"));
    };
    let parsed: BatchLine = match serde_json::from_str(text) {
        Ok(parsed) => parsed,
        Err(error) => {
            // Keep the id when the line is JSON but lacks a field, so the caller can match it.
            let id = serde_json::from_str::<Value>(text)
                .ok()
                .and_then(|v| v.get("id").cloned())
                .unwrap_or(Value::Null);
            return fail(out, &id, None, format!("line {number}: {error}"));
        }
    };
    let Some(entry) = bank.rubric(&parsed.question) else {
        let error = if bank.question(&parsed.question).is_some() {
            format!("question `{}` has no rubric", parsed.question)
        } else {
            format!("unknown question `{}`", parsed.question)
        };
        return fail(out, &parsed.id, Some(&parsed.question), error);
    };
    let grade = grading::grade(
        entry,
        bank.vocabulary(),
        &parsed.answer,
        &GradeOptions::default(),
    );
    let json = GradeJson::new(Some(&parsed.id), &parsed.question, &grade, false);
    serde_json::to_writer(&mut *out, &json).map_err(std::io::Error::from)?;
    writeln!(out)?;
    Ok(true)
}
