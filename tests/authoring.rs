//! Interviewer tools on small real files: bank new, import-md, bank test, bank lint, merging
//! banks, interviewer mode and export-graded.

use std::fs;

use crate::harness::{SIGNALS_BANK, SIGNALS_RUBRIC, Test, assert_contains, signals_test};

#[test]
fn a_new_bank_validates_and_lints_clean() {
    let test = Test::new();
    let output = Test::from(&test).args(&["bank", "new", "mybank"]).status(0);
    assert_contains(&output.stdout, "created mybank/question_banks/mybank.ron");
    Test::from(&test)
        .args(&["--no-default-bank", "--bank", "mybank", "bank", "validate"])
        .status(0);
    let output = Test::from(&test)
        .args(&[
            "--no-default-bank",
            "--bank",
            "mybank",
            "bank",
            "lint",
            "--deny-warnings",
        ])
        .status(0);
    assert_contains(&output.stdout, "0 warnings in 1 question");
    let output = Test::from(&test).args(&["bank", "new", "mybank"]).status(1);
    assert_contains(&output.stderr, "exists already; viva does not overwrite it");
}

#[test]
fn the_seed_imports_into_a_skeleton_that_lists_what_is_left() {
    let seed = include_str!("data/interview-topics.ru.md");
    let test = Test::new().write("topics.md", seed);
    let output = Test::from(&test)
        .args(&["bank", "import-md", "topics.md", "--out", "imported"])
        .status(0);
    assert_contains(&output.stdout, "wrote 29 topics with");
    let output = Test::from(&test)
        .args(&["--no-default-bank", "bank", "validate", "imported"])
        .status(1);
    assert_contains(
        &output.stderr,
        "has no terms yet: list the words and phrases that express it",
    );
    assert_contains(&output.stderr, "the model answer of `");
    assert!(
        !output.stderr.contains("expected"),
        "the skeleton parses: {}",
        output.stderr
    );
    let listing = Test::from(&test)
        .args(&[
            "--no-default-bank",
            "--bank",
            "imported",
            "bank",
            "list",
            "--json",
        ])
        .status(1);
    assert_contains(&listing.stderr, "viva: found");
    let bank = fs::read_to_string(
        test.path()
            .join("imported/question_banks/oblast-vidimosti-i-zamykaniya.ron"),
    )
    .expect("a topic file");
    assert_contains(&bank, "https://realpython.com/python-closure/");
    assert_contains(&bank, "— Почему все функции вернут одно и то же?");
}

#[test]
fn bank_test_reports_agreement_and_fails_below_thresholds() {
    let graded = concat!(
        "{\"question\": \"signals.sigkill\", \"answer\": \"ядро убивает процесс, обработчик не вызывается; корректно завершаются по SIGTERM\", \"score\": 95}\n",
        "{\"id\": \"b\", \"question\": \"signals.sigkill\", \"answer\": \"не знаю\", \"score\": 5}\n",
        "{\"question\": \"signals.sigkill\", \"answer\": \"SIGTERM\", \"score\": 80}\n",
        "{\"question\": \"nope\", \"answer\": \"x\", \"score\": 50}\n",
        "broken line\n",
    );
    let test = signals_test().write("graded.jsonl", graded);
    let output = Test::from(&test)
        .args(&[
            "--no-default-bank",
            "--bank",
            "bank",
            "bank",
            "test",
            "--answers",
            "graded.jsonl",
        ])
        .status(0);
    assert_contains(&output.stdout, "3 answers graded: Pearson r");
    assert_contains(&output.stdout, "skipped line 5: not JSON");
    assert_contains(&output.stdout, "skipped answers to `nope`");
    assert_contains(&output.stdout, "Worst disagreements:");
    let output = Test::from(&test)
        .args(&[
            "--no-default-bank",
            "--bank",
            "bank",
            "bank",
            "test",
            "--answers",
            "graded.jsonl",
            "--json",
            "--max-mae",
            "1",
        ])
        .status(1);
    let json: serde_json::Value = serde_json::from_str(&output.stdout).expect("JSON");
    assert_eq!(json["count"], 3);
    for field in ["pearson_r", "band_agreement", "mae"] {
        assert!(json[field].is_number(), "{field}");
    }
    assert_eq!(json["questions"][0]["question"], "signals.sigkill");
    assert!(json["worst"][0]["expected"].is_number());
    assert_contains(
        &output.stderr,
        "the rubrics disagree with the graded answers: MAE",
    );
}

#[test]
fn lint_finds_what_a_rubric_author_wants_to_know() {
    // `sigterm` is now a term of both points, and `use-sigterm` has English terms only.
    let rubric = SIGNALS_RUBRIC.replace(
        "terms: [\"ядро|ядром|kernel & убива*|снима*|обрабатыва*|kill*|handle*|terminat*\"],",
        "terms: [\"ядро|ядром|kernel & убива*|снима*|обрабатыва*|kill*|handle*|terminat*\", \"sigterm\"],",
    );
    let output = signals_test()
        .write("bank/rubrics/signals.ron", rubric)
        .args(&["bank", "lint", "--deny-warnings"])
        .status(1);
    assert_contains(
        &output.stdout,
        "term `sigterm` appears in both `kernel-kills` and `use-sigterm`",
    );
    assert_contains(
        &output.stdout,
        "every term of key point `use-sigterm` is English; add Russian ways to say it",
    );
    assert_contains(&output.stderr, "lint warnings found (--deny-warnings)");
}

#[test]
fn banks_merge_and_a_rubric_can_be_replaced_on_purpose() {
    let extra_bank = SIGNALS_BANK
        .replace("\"signals\"", "\"more-signals\"")
        .replace("signals.sigkill", "more-signals.sigkill");
    let extra_rubric = SIGNALS_RUBRIC.replace("signals.sigkill", "more-signals.sigkill");
    let strict = SIGNALS_RUBRIC
        .replace(
            "question: \"signals.sigkill\",",
            "question: \"signals.sigkill\",\n    replaces: true,",
        )
        .replace("weight: 1,", "weight: 5,");
    let test = signals_test()
        .write("extra/question_banks/more.ron", extra_bank)
        .write("extra/rubrics/more.ron", extra_rubric)
        .write("strict/signals.ron", strict);
    let output = Test::from(&test)
        .args(&[
            "--no-default-bank",
            "--bank",
            "bank",
            "--bank",
            "extra",
            "--rubrics",
            "strict",
            "bank",
            "validate",
        ])
        .status(0);
    assert_contains(&output.stdout, "ok: 2 topics, 2 questions, 2 rubrics");
    // The strict rubric weighs SIGTERM 5 to 2, so an answer naming only the kernel scores lower.
    let answer = "The kernel handles SIGKILL itself and kills the process; no handler of the application ever runs, since the signal never reaches user space. It is a guarantee of the operating system that any process can be stopped, however badly it behaves, whatever it ignores, and whatever state it hangs in at that moment.";
    let score = |rubrics: &[&str]| {
        let mut args = vec!["--no-default-bank", "--bank", "bank"];
        args.extend_from_slice(rubrics);
        args.extend_from_slice(&["grade", "signals.sigkill", "--json", answer]);
        let output = Test::from(&test).args(&args).status(0);
        serde_json::from_str::<serde_json::Value>(&output.stdout).expect("JSON")["score"]
            .as_u64()
            .unwrap_or(0)
    };
    assert_eq!(score(&[]), 74);
    assert_eq!(score(&["--rubrics", "strict"]), 32);
    let unmarked = SIGNALS_RUBRIC.to_owned();
    let output = signals_test()
        .write("other/signals.ron", unmarked)
        .args(&["--rubrics", "other", "bank", "validate"])
        .status(1);
    assert_contains(
        &output.stderr,
        "question `signals.sigkill` already has a rubric at bank/rubrics/signals.ron:2:15; add `replaces: true` to replace it on purpose",
    );
}

#[test]
fn interviewer_reviews_are_saved_and_exported() {
    let script = "The kernel handles SIGKILL itself and kills the process; no handler of the application ever runs, since the signal never reaches user space. It is a guarantee of the operating system that any process can be stopped, however badly it behaves, whatever it ignores, and whatever state it hangs in at that moment.\n---\n85 хорошо, но без SIGTERM\n";
    let test = signals_test().write("script.txt", script);
    let output = Test::from(&test)
        .args(&[
            "--no-default-bank",
            "--bank",
            "bank",
            "start",
            "--interviewer",
            "--script",
            "script.txt",
            "--candidate",
            "ann",
        ])
        .status(0);
    assert_contains(
        &output.stdout,
        "Чек-лист рубрики — предлагаемая оценка 74/100 (strong)",
    );
    assert_contains(&output.stdout, "✓ [2] kernel-kills");
    assert_contains(&output.stdout, "✗ [1] use-sigterm");
    let output = Test::from(&test)
        .args(&["export-graded", "--candidate", "ann"])
        .status(0);
    let line: serde_json::Value =
        serde_json::from_str(output.stdout.trim()).expect("one JSON line");
    assert_eq!(line["question"], "signals.sigkill");
    assert_eq!(line["score"], 85);
    assert_eq!(line["engine_score"], 74);
    assert_eq!(line["note"], "хорошо, но без SIGTERM");
    assert!(
        line["answer"]
            .as_str()
            .is_some_and(|a| a.starts_with("The kernel handles SIGKILL itself"))
    );
    // The export is the input of bank test: every real interview calibrates the rubric.
    let test = Test::from(&test).write("graded.jsonl", &output.stdout);
    Test::from(&test)
        .args(&[
            "--no-default-bank",
            "--bank",
            "bank",
            "bank",
            "test",
            "--answers",
            "graded.jsonl",
        ])
        .status(0);
}
