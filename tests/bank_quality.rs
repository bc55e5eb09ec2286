//! The built-in bank grades its own content sensibly: every model answer (in both languages)
//! scores strong against its rubric and a list of a rubric's buzzwords scores weak (both checked
//! by `viva bank lint --deny-warnings`), while an empty answer and an answer about another topic
//! score weak for every question.

use crate::harness::Test;

#[test]
fn model_answers_are_strong_and_keyword_lists_weak() {
    Test::new()
        .args(&["bank", "lint", "--deny-warnings"])
        .status(0);
}

#[test]
fn empty_and_off_topic_answers_are_weak_everywhere() {
    let listing = Test::new().args(&["bank", "list", "--json"]).status(0);
    let questions: Vec<serde_json::Value> = serde_json::from_str(&listing.stdout).expect("JSON");
    assert!(
        questions.len() >= 90,
        "the bank has {} questions",
        questions.len()
    );
    let topics: Vec<&str> = {
        let mut t: Vec<&str> = questions
            .iter()
            .filter_map(|q| q["topic"].as_str())
            .collect();
        t.dedup();
        t
    };
    assert!(topics.len() >= 35, "the bank has {} topics", topics.len());
    // An answer about a distant topic: the question text of a topic half the bank away, said as
    // a fluent answer would be.
    let mut batch = String::new();
    for (i, question) in questions.iter().enumerate() {
        let id = question["id"].as_str().expect("id");
        let distant = &questions[(i + questions.len() / 2) % questions.len()];
        let off_topic = format!(
            "Насколько я понимаю, тут главное вот что: {} Это важно в продакшене, я с этим сталкивался.",
            distant["text"]["ru"].as_str().unwrap_or_default()
        );
        for (kind, answer) in [("empty", String::new()), ("off-topic", off_topic)] {
            batch.push_str(&serde_json::json!({"id": format!("{id}/{kind}"), "question": id, "answer": answer}).to_string());
            batch.push('\n');
        }
    }
    let output = Test::new()
        .args(&["grade", "--batch", "-"])
        .stdin(batch)
        .status(0);
    let not_weak: Vec<String> = output
        .stdout
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).expect("JSON"))
        .filter(|v| v["band"] != "weak")
        .map(|v| format!("{} scored {}", v["id"], v["score"]))
        .collect();
    assert!(
        not_weak.is_empty(),
        "answers that should be weak:\n{}",
        not_weak.join("\n")
    );
}

#[test]
fn every_core_question_is_in_the_bank_under_its_id() {
    let spec = include_str!("core-questions.tsv");
    let listing = Test::new().args(&["bank", "list", "--json"]).status(0);
    let questions: Vec<serde_json::Value> = serde_json::from_str(&listing.stdout).expect("JSON");
    for line in spec
        .lines()
        .filter(|l| !l.starts_with('#') && !l.starts_with("id\t") && !l.trim().is_empty())
    {
        let mut fields = line.split('\t');
        let (id, topic) = (fields.next().unwrap_or(""), fields.next().unwrap_or(""));
        let found = questions.iter().find(|q| q["id"] == id);
        assert!(
            found.is_some_and(|q| q["topic"] == topic && q["has_rubric"] == true),
            "core question {id} in topic {topic}"
        );
    }
}
