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
pub fn list_table(
    sources: &BankSources,
    lang: Lang,
    width: u16,
    out: &mut dyn Write,
) -> Result<()> {
    let bank = load_bank(sources)?;
    let mut table = Table::new();
    table
        .load_style(presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(width)
        .set_header(["id", "level", "question"]);
    for q in bank.questions() {
        table.add_row([
            q.question.id.to_string(),
            q.question.difficulty.name().to_owned(),
            crate::terminal::sanitize(q.question.text.get(lang)).into_owned(),
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
    let rubrics = bank
        .questions()
        .filter(|q| bank.rubric(q.question.id.as_str()).is_some())
        .count();
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
pub fn topics(
    sources: &BankSources,
    lang: Lang,
    json: bool,
    width: u16,
    out: &mut dyn Write,
) -> Result<()> {
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
            crate::terminal::sanitize(entry.topic.title.get(lang)).into_owned(),
            entry.topic.questions.len().to_string(),
        ]);
    }
    writeln!(out, "{table}")?;
    Ok(())
}

/// `viva bank lint`: prints every warning; fails only with `deny_warnings`.
pub fn lint(
    sources: &BankSources,
    answers: Option<&std::path::Path>,
    deny_warnings: bool,
    out: &mut dyn Write,
) -> Result<()> {
    let bank = load_bank(sources)?;
    let graded = match answers {
        Some(path) => {
            let bytes = std::fs::read(path).map_err(|source| Error::Read {
                path: path.to_owned(),
                source,
            })?;
            crate::authoring::calibrate::read_graded(&String::from_utf8_lossy(&bytes)).0
        }
        None => Vec::new(),
    };
    let warnings = crate::authoring::lint::lint(&bank, &graded);
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

/// Options of `viva bank test`.
#[derive(Clone, Debug)]
pub struct TestOptions {
    /// The graded answers.
    pub answers: std::path::PathBuf,
    /// JSON output.
    pub json: bool,
    /// Thresholds that fail the run.
    pub min_r: Option<f64>,
    /// Minimum band agreement (0-1).
    pub min_band_agreement: Option<f64>,
    /// Maximum mean absolute error.
    pub max_mae: Option<f64>,
    /// How many disagreements to list.
    pub worst: usize,
    /// Output width.
    pub width: usize,
}

/// `viva bank test --answers FILE`: agreement between the rubrics and an interviewer.
pub fn test(sources: &BankSources, options: &TestOptions, out: &mut dyn Write) -> Result<()> {
    use crate::authoring::calibrate;
    let bank = load_bank(sources)?;
    let bytes = std::fs::read(&options.answers).map_err(|source| Error::Read {
        path: options.answers.clone(),
        source,
    })?;
    let text = String::from_utf8_lossy(&bytes);
    let (answers, skipped) = calibrate::read_graded(&text);
    let result = calibrate::calibrate(&bank, &answers, skipped, options.worst);
    if options.json {
        serde_json::to_writer_pretty(&mut *out, &result).map_err(std::io::Error::from)?;
        writeln!(out)?;
    } else {
        render_calibration(&result, options.width, out)?;
    }
    let mut failures = Vec::new();
    if let Some(min) = options.min_r
        && result.pearson_r < min
    {
        failures.push(format!("Pearson r {:.3} < {min}", result.pearson_r));
    }
    if let Some(min) = options.min_band_agreement
        && result.band_agreement < min
    {
        failures.push(format!(
            "band agreement {:.3} < {min}",
            result.band_agreement
        ));
    }
    if let Some(max) = options.max_mae
        && result.mae > max
    {
        failures.push(format!("MAE {:.1} > {max}", result.mae));
    }
    if result.count == 0 {
        failures.push("no answer could be graded".to_owned());
    }
    if failures.is_empty() {
        Ok(())
    } else {
        Err(Error::Calibration(failures.join(", ")))
    }
}

fn render_calibration(
    result: &crate::authoring::calibrate::Calibration,
    width: usize,
    out: &mut dyn Write,
) -> Result<()> {
    use crate::terminal::{sanitize, wrap};
    writeln!(
        out,
        "{} graded: Pearson r {:.3}, band agreement {:.1}%, mean absolute error {:.1}",
        count(result.count, "answer", "answers"),
        result.pearson_r,
        result.band_agreement * 100.0,
        result.mae
    )?;
    for line in &result.skipped {
        writeln!(out, "skipped line {}: {}", line.line, line.reason)?;
    }
    for question in &result.unknown_questions {
        writeln!(
            out,
            "skipped answers to `{}`: no such question with a rubric",
            sanitize(question)
        )?;
    }
    let mut table = Table::new();
    table
        .load_style(presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(width.clamp(40, 200) as u16)
        .set_header(["question", "answers", "MAE", "bands", "interviewer", "viva"]);
    for q in &result.questions {
        table.add_row([
            q.question.clone(),
            q.count.to_string(),
            format!("{:.1}", q.mae),
            format!("{:.0}%", q.band_agreement * 100.0),
            format!("{:.0}", q.expected_mean),
            format!("{:.0}", q.score_mean),
        ]);
    }
    writeln!(out, "{table}")?;
    if !result.worst.is_empty() {
        writeln!(out, "\nWorst disagreements:")?;
    }
    for d in &result.worst {
        let id = d.id.as_deref().map(|i| format!(" {i}")).unwrap_or_default();
        writeln!(
            out,
            "\n{}{}: interviewer {:.0}, viva {}",
            d.question,
            sanitize(&id),
            d.expected,
            d.score
        )?;
        writeln!(out, "{}", wrap(&d.answer, width, "  > ", "    "))?;
        for (point, quote) in &d.matched {
            writeln!(
                out,
                "{}",
                wrap(&format!("+ {point}: {quote}"), width, "  ", "    ")
            )?;
        }
        if !d.missed.is_empty() {
            let missed: Vec<&str> = d.missed.iter().map(|p| p.as_str()).collect();
            writeln!(out, "  - missed: {}", missed.join(", "))?;
        }
        if !d.misconceptions.is_empty() {
            let wrong: Vec<&str> = d.misconceptions.iter().map(|p| p.as_str()).collect();
            writeln!(out, "  ! misconceptions: {}", wrong.join(", "))?;
        }
        if d.keyword_list {
            writeln!(out, "  (discounted as a keyword list)")?;
        }
    }
    Ok(())
}

/// Writes a new file, refusing to replace one that exists.
fn create_file(path: &std::path::Path, content: &str) -> Result<()> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|source| Error::Write {
            path: parent.to_owned(),
            source,
        })?;
    }
    if path.exists() {
        return Err(Error::WouldOverwrite(path.to_owned()));
    }
    crate::storage::write_atomically(path, content.as_bytes()).map_err(|source| Error::Write {
        path: path.to_owned(),
        source,
    })
}

/// `viva bank new NAME`: a bank folder with an example topic and rubric that validate.
pub fn new_bank(dir: &std::path::Path, out: &mut dyn Write) -> Result<()> {
    use crate::authoring::scaffold;
    let name = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let topic = crate::authoring::import_md::slug(&name, 4);
    let bank = dir.join("question_banks").join(format!("{topic}.ron"));
    let rubrics = dir.join("rubrics").join(format!("{topic}.ron"));
    create_file(&bank, &scaffold::example_topic(&topic))?;
    create_file(&rubrics, &scaffold::example_rubric(&topic))?;
    writeln!(out, "created {}", bank.display())?;
    writeln!(out, "created {}", rubrics.display())?;
    writeln!(
        out,
        "next: edit them, then `viva --bank {} bank validate` and `viva --bank {} bank lint`",
        dir.display(),
        dir.display()
    )?;
    Ok(())
}

/// `viva bank import-md FILE --out DIR`: a bank and a rubric skeleton from a Markdown list.
pub fn import_md(file: &std::path::Path, dir: &std::path::Path, out: &mut dyn Write) -> Result<()> {
    use crate::authoring::import_md;
    let bytes = std::fs::read(file).map_err(|source| Error::Read {
        path: file.to_owned(),
        source,
    })?;
    let text = String::from_utf8(bytes).map_err(|_| Error::NotUtf8(file.to_owned()))?;
    let topics = import_md::import(&text);
    if topics.is_empty() {
        return Err(Error::NothingToImport(file.to_owned()));
    }
    let mut questions = 0;
    for imported in &topics {
        let name = format!("{}.ron", imported.topic.id);
        create_file(
            &dir.join("question_banks").join(&name),
            &import_md::topic_file(&imported.topic),
        )?;
        create_file(
            &dir.join("rubrics").join(&name),
            &import_md::rubric_file(&imported.rubrics),
        )?;
        questions += imported.topic.questions.len();
    }
    writeln!(
        out,
        "wrote {} with {} to {}",
        count(topics.len(), "topic", "topics"),
        count(questions, "question", "questions"),
        dir.display()
    )?;
    writeln!(
        out,
        "next: `viva --no-default-bank bank validate {}` lists what is left to write (model answers, translations, terms)",
        dir.display()
    )?;
    Ok(())
}
