//! Property tests over arbitrary input — the fuzzing that runs in CI (longer runs use the
//! cargo-fuzz targets in `fuzz/`): the tokenizer, the term parser, the matcher, the bank loader
//! and the session-record loader never panic, and matching does not depend on case or ё/е.

use proptest::prelude::*;

use viva::bank::Bank;
use viva::grading::analysis::Analysis;
use viva::grading::matcher::{Matcher, Vocabulary};
use viva::grading::{self, GradeOptions};

/// Text mixing Cyrillic, Latin, code, punctuation, control characters and emoji.
fn answer_text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            Just("поток".to_owned()),
            Just("ЁЛКА".to_owned()),
            Just("GIL".to_owned()),
            Just("x=[]".to_owned()),
            Just("не".to_owned()),
            Just("--no-cache".to_owned()),
            Just("__hash__".to_owned()),
            Just("\u{1b}[31m".to_owned()),
            Just("🙂".to_owned()),
            Just("\u{202e}".to_owned()),
            "[\\PC]{0,12}",
            "[ ,.;:!?()\\[\\]{}=<>|&*/-]{0,4}",
        ],
        0..40,
    )
    .prop_map(|parts| parts.join(" "))
}

fn signals_bank() -> Bank {
    let loaded = Bank::from_texts(&[
        ("bank.ron", include_str!("../question_banks/signals.ron")),
        ("rubric.ron", include_str!("../rubrics/signals.ron")),
    ]);
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    loaded.bank
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn the_tokenizer_never_panics_and_spans_stay_inside(text in answer_text()) {
        let analysis = Analysis::new(&text);
        for (i, token) in analysis.tokens().iter().enumerate() {
            prop_assert!(token.source.end <= analysis.source().len());
            prop_assert!(!analysis.original(i).is_empty());
        }
    }

    #[test]
    fn arbitrary_bytes_never_panic_the_tokenizer(bytes in prop::collection::vec(any::<u8>(), 0..200)) {
        let text = String::from_utf8_lossy(&bytes);
        let _ = Analysis::new(&text);
    }

    #[test]
    fn terms_parse_or_fail_cleanly(term in "[a-zа-я*=|&()/ \\\\\\[\\]{}+?.]{0,40}") {
        let _ = viva::grading::term::Term::parse(&term);
    }

    #[test]
    fn the_grader_scores_anything_within_0_to_100(answer in answer_text()) {
        let bank = signals_bank();
        for question in bank.questions() {
            let entry = bank.rubric(question.question.id.as_str()).expect("a rubric");
            let grade = grading::grade(entry, bank.vocabulary(), &answer, &GradeOptions::default());
            prop_assert!(grade.score.value() <= 100);
        }
    }

    #[test]
    fn matching_ignores_case_and_yo(answer in "[а-яёА-ЯЁa-zA-Z ]{0,60}") {
        let matcher = Matcher::compile(&[&["ёлка", "поток* & данн*", "gil"]], &[] as &[&[&str]]).expect("terms compile");
        let vocabulary = Vocabulary::default();
        let find = |text: &str| {
            let analysis = Analysis::new(text);
            let marks = matcher.marks(&analysis, &vocabulary);
            matcher.find_point(0, &analysis, &marks).is_some()
        };
        let expected = find(&answer);
        prop_assert_eq!(find(&answer.to_uppercase()), expected);
        prop_assert_eq!(find(&answer.to_lowercase()), expected);
        prop_assert_eq!(find(&answer.replace('е', "ё")), expected);
        prop_assert_eq!(find(&answer.replace('ё', "е").replace('Ё', "Е")), expected);
    }

    #[test]
    fn the_bank_loader_reports_rather_than_panics(text in "[\\PC\\n]{0,300}") {
        let _ = Bank::from_texts(&[("fuzz.ron", &text)]);
    }

    #[test]
    fn mangled_bank_files_are_reported_rather_than_panics(cut in 0usize..4000, junk in "[a-zа-я ]{0,8}") {
        let original = include_str!("../rubrics/signals.ron");
        let mut end = cut.min(original.len());
        while !original.is_char_boundary(end) {
            end -= 1;
        }
        let mangled = format!("{}{junk}", &original[..end]);
        let loaded = Bank::from_texts(&[("bank.ron", include_str!("../question_banks/signals.ron")), ("rubric.ron", &mangled)]);
        if !original[end..].trim().is_empty() {
            prop_assert!(!loaded.problems.is_empty(), "a truncated file must be reported");
        }
    }

    #[test]
    fn the_record_loader_reports_rather_than_panics(text in "[\\PC\\n]{0,300}") {
        let _ = viva::storage::parse_record(std::path::Path::new("fuzz.ron"), &text);
    }

    #[test]
    fn truncated_records_are_reported_rather_than_panics(cut in 0usize..600) {
        let record = "Session(version: 1, candidate: \"ann\", started_at: \"2026-11-24T09:00:00Z\", status: Completed, answers: [Answer(question: \"signals.sigkill\", topic: \"signals\", asked_at: \"2026-11-24T09:00:00Z\", answer: \"ядро\", score: 60, band: partial, matched: [\"kernel-kills\"])])";
        let end = cut.min(record.len());
        let end = (0..=end).rev().find(|&i| record.is_char_boundary(i)).unwrap_or(0);
        let result = viva::storage::parse_record(std::path::Path::new("x.ron"), &record[..end]);
        if end < record.len() {
            prop_assert!(result.is_err());
        }
    }
}
