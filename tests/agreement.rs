//! The grader against a strict senior interviewer. Three graded sets, each scored by hand before
//! the engine saw them, must agree with the engine's scores (Pearson r ≥ 0.80, band agreement
//! ≥ 75%, mean absolute error ≤ 15): `tests/dev_set/` (at least 8 answers per core question),
//! `tests/holdout/` (4-5 answers per question of the whole bank) and `tests/fresh/` (5 answers to
//! 60 questions, written last, after every rubric change, to measure how the rubrics generalize).

use std::fs;

use crate::harness::Test;

struct Graded {
    id: String,
    question: String,
    answer: String,
    expected: f64,
}

fn graded_set(dir: &str) -> Vec<Graded> {
    let mut files: Vec<_> = fs::read_dir(dir)
        .expect("tests/dev_set")
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .collect();
    files.sort();
    let mut set = Vec::new();
    for file in files {
        let text = fs::read_to_string(&file).expect("a dev set file");
        for line in text.lines().filter(|l| !l.trim().is_empty()) {
            let value: serde_json::Value = serde_json::from_str(line).expect("a JSON line");
            set.push(Graded {
                id: value["id"].as_str().expect("id").to_owned(),
                question: value["question"].as_str().expect("question").to_owned(),
                answer: value["answer"].as_str().expect("answer").to_owned(),
                expected: value["score"].as_f64().expect("score"),
            });
        }
    }
    set
}

fn band(score: f64) -> u8 {
    match score as u32 {
        0..=39 => 0,
        40..=69 => 1,
        _ => 2,
    }
}

#[test]
fn the_grader_agrees_with_the_interviewer_on_the_dev_set() {
    let set = graded_set(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/dev_set"));
    assert!(set.len() >= 240, "the dev set has {} answers", set.len());
    agreement("dev set", &set);
}

#[test]
fn the_grader_agrees_with_the_interviewer_on_the_holdout_set() {
    let set = graded_set(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/holdout"));
    assert!(
        set.len() >= 500,
        "the holdout set has {} answers",
        set.len()
    );
    agreement("holdout set", &set);
}

#[test]
fn the_grader_agrees_with_the_interviewer_on_the_fresh_set() {
    let set = graded_set(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fresh"));
    assert!(set.len() >= 300, "the fresh set has {} answers", set.len());
    agreement("fresh set", &set);
}

fn agreement(name: &str, set: &[Graded]) {
    let input: String = set
        .iter()
        .map(|g| {
            serde_json::json!({"id": g.id, "question": g.question, "answer": g.answer}).to_string()
                + "\n"
        })
        .collect();
    let output = Test::new()
        .args(&["grade", "--batch", "-"])
        .stdin(input)
        .status(0);
    let scores: Vec<f64> = output
        .stdout
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).expect("JSON")["score"]
                .as_f64()
                .expect("a score")
        })
        .collect();
    assert_eq!(scores.len(), set.len());

    let n = set.len() as f64;
    let expected: Vec<f64> = set.iter().map(|g| g.expected).collect();
    let mean_e = expected.iter().sum::<f64>() / n;
    let mean_s = scores.iter().sum::<f64>() / n;
    let cov: f64 = expected
        .iter()
        .zip(&scores)
        .map(|(e, s)| (e - mean_e) * (s - mean_s))
        .sum();
    let var_e: f64 = expected.iter().map(|e| (e - mean_e).powi(2)).sum();
    let var_s: f64 = scores.iter().map(|s| (s - mean_s).powi(2)).sum();
    let pearson = cov / (var_e.sqrt() * var_s.sqrt());
    let bands = expected
        .iter()
        .zip(&scores)
        .filter(|(e, s)| band(**e) == band(**s))
        .count() as f64
        / n;
    let mae = expected
        .iter()
        .zip(&scores)
        .map(|(e, s)| (e - s).abs())
        .sum::<f64>()
        / n;

    let mut worst: Vec<(f64, &Graded, f64)> = set
        .iter()
        .zip(&scores)
        .map(|(g, s)| ((g.expected - s).abs(), g, *s))
        .collect();
    worst.sort_by(|a, b| b.0.total_cmp(&a.0));
    let report: String = worst
        .iter()
        .take(15)
        .map(|(_, g, s)| {
            format!(
                "  {} expected {} got {}: {}\n",
                g.id,
                g.expected,
                s,
                g.answer.chars().take(100).collect::<String>()
            )
        })
        .collect();
    println!(
        "{name}: {} answers, pearson r {pearson:.3}, band agreement {:.1}%, MAE {mae:.1}",
        set.len(),
        bands * 100.0
    );
    assert!(
        pearson >= 0.80 && bands >= 0.75 && mae <= 15.0,
        "{name}: agreement too low: r {pearson:.3}, bands {:.1}%, MAE {mae:.1}\nworst:\n{report}",
        bands * 100.0
    );
}
