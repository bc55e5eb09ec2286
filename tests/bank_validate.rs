//! `viva bank validate`: every kind of problem is reported at its `path:line:column` with a
//! sentence a bank author understands, all problems of a run at once.

use crate::harness::{SIGNALS_BANK, SIGNALS_RUBRIC, Test, assert_contains, signals_test};

fn validate(test: Test) -> crate::harness::Output {
    test.args(&["bank", "validate"]).status(1)
}

#[test]
fn the_built_in_bank_is_valid() {
    let output = Test::new().args(&["bank", "validate"]).status(0);
    assert_contains(&output.stdout, "ok: ");
}

#[test]
fn a_valid_small_bank_passes() {
    let output = signals_test().args(&["bank", "validate"]).status(0);
    assert_contains(&output.stdout, "ok: 1 topic, 1 question, 1 rubric");
}

#[test]
fn the_readme_example_bank_validates() {
    let formats = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/formats.md"))
        .expect("docs/formats.md");
    let blocks: Vec<&str> = formats
        .split("```ron")
        .skip(1)
        .map(|b| b.split("```").next().unwrap_or(""))
        .collect();
    assert!(
        blocks.len() >= 2,
        "docs/formats.md has a bank and a rubric example"
    );
    Test::new()
        .write("bank/question_banks/example.ron", blocks[0])
        .write("bank/rubrics/example.ron", blocks[1])
        .args(&["--no-default-bank", "--bank", "bank", "bank", "validate"])
        .status(0);
}

#[test]
fn unknown_field_is_located() {
    let bank = SIGNALS_BANK.replace(
        "difficulty: Middle,",
        "difficulty: Middle,\n            colour: \"red\",",
    );
    let output = validate(signals_test().write("bank/question_banks/signals.ron", bank));
    assert_contains(
        &output.stderr,
        "bank/question_banks/signals.ron:12:13: unknown field `colour` in `Question`; the fields are `id`, `text`, `difficulty`, `tags`, `model_answer`\nviva: found 1 problem in 1 file",
    );
}

#[test]
fn wrong_type_is_located() {
    let rubric = SIGNALS_RUBRIC.replace("weight: 2,", "weight: \"two\",");
    let output = validate(signals_test().write("bank/rubrics/signals.ron", rubric));
    assert_contains(
        &output.stderr,
        "bank/rubrics/signals.ron:6:20: expected a number\nviva: found 1 problem in 1 file",
    );
}

#[test]
fn syntax_error_is_located() {
    let bank = SIGNALS_BANK.replace(
        "title: (ru: \"Сигналы\", en: \"Signals\"),",
        "title: (ru: \"Сигналы\" en: \"Signals\"),",
    );
    let output = validate(signals_test().write("bank/question_banks/signals.ron", bank));
    assert_contains(
        &output.stderr,
        "bank/question_banks/signals.ron:3:27: expected a comma between items\nviva: found 1 problem in 1 file",
    );
}

#[test]
fn duplicate_question_id_names_both_files() {
    let output = validate(signals_test().write(
        "bank/question_banks/copy.ron",
        SIGNALS_BANK.replace("id: \"signals\"", "id: \"signals-copy\""),
    ));
    assert_contains(
        &output.stderr,
        "bank/question_banks/signals.ron:6:17: question id `signals.sigkill` is defined twice; the first is at bank/question_banks/copy.ron:6:17",
    );
}

#[test]
fn rubric_without_question() {
    let rubric = SIGNALS_RUBRIC.replace(
        "question: \"signals.sigkill\"",
        "question: \"signals.sigterm\"",
    );
    let output = validate(signals_test().write("bank/rubrics/signals.ron", rubric));
    assert_contains(
        &output.stderr,
        "bank/rubrics/signals.ron:2:15: rubric for question `signals.sigterm`, which no loaded bank has",
    );
    assert_contains(
        &output.stderr,
        "bank/question_banks/signals.ron:6:17: question `signals.sigkill` has no rubric",
    );
}

#[test]
fn regex_that_does_not_compile() {
    let rubric = SIGNALS_RUBRIC.replace(
        "terms: [\"sigterm\", \"graceful shutdown\"]",
        "terms: [\"/sig(term/\"]",
    );
    let output = validate(signals_test().write("bank/rubrics/signals.ron", rubric));
    assert_contains(
        &output.stderr,
        "bank/rubrics/signals.ron:20:21: term `/sig(term/` of `use-sigterm`: the regular expression does not compile: unclosed group",
    );
}

#[test]
fn empty_alternative_points_into_the_term() {
    let rubric =
        SIGNALS_RUBRIC.replace("\"sigterm\", \"graceful shutdown\"", "\"sigterm||sigint\"");
    let output = validate(signals_test().write("bank/rubrics/signals.ron", rubric));
    assert_contains(
        &output.stderr,
        "bank/rubrics/signals.ron:20:30: term `sigterm||sigint` of `use-sigterm`: empty alternative at column 9: remove the extra `|`",
    );
}

#[test]
fn weight_that_is_not_positive() {
    let rubric = SIGNALS_RUBRIC.replace("weight: 1,", "weight: 0,");
    let output = validate(signals_test().write("bank/rubrics/signals.ron", rubric));
    assert_contains(
        &output.stderr,
        "bank/rubrics/signals.ron:15:13: key point `use-sigterm` has weight 0; a weight must be a positive number",
    );
}

#[test]
fn missing_language() {
    let bank = SIGNALS_BANK.replace("en: \"Why can't an application catch SIGKILL?\",", "");
    let output = validate(signals_test().write("bank/question_banks/signals.ron", bank));
    assert_contains(
        &output.stderr,
        "bank/question_banks/signals.ron:7:13: the text of question `signals.sigkill` has no English text (`en`) while the file is written in both languages",
    );
}

#[test]
fn every_problem_of_a_run_is_reported() {
    let rubric = SIGNALS_RUBRIC
        .replace("weight: 1,", "weight: -1,")
        .replace("\"graceful shutdown\"", "\"a||b\"");
    let output = validate(signals_test().write("bank/rubrics/signals.ron", rubric));
    assert_contains(&output.stderr, "weight -1");
    assert_contains(&output.stderr, "empty alternative");
    assert_contains(&output.stderr, "viva: found 2 problems in 1 file");
}

#[test]
fn not_utf8_empty_and_huge_files() {
    let mut huge = String::from("[\n");
    while huge.len() < 5 * 1024 * 1024 {
        huge.push_str("// padding padding padding padding padding padding padding padding\n");
    }
    let output = validate(
        signals_test()
            .write(
                "bank/question_banks/latin1.ron",
                b"Topic(id: \"caf\xe9\")".as_slice(),
            )
            .write("bank/question_banks/empty.ron", "  // nothing here\n")
            .write("bank/question_banks/huge.ron", huge),
    );
    assert_contains(
        &output.stderr,
        "bank/question_banks/latin1.ron:1:15: the file is not UTF-8 text",
    );
    assert_contains(
        &output.stderr,
        "bank/question_banks/empty.ron: the file is empty",
    );
    assert_contains(&output.stderr, "bank/question_banks/huge.ron: the file is");
    assert_contains(&output.stderr, "bank files are limited to 4194304 bytes");
}

#[test]
fn deep_nesting_is_refused_without_a_crash() {
    let deep = format!(
        "Topic(id: \"x\", title: {}(ru: \"a\"){}, questions: [])",
        "(".repeat(5000),
        ")".repeat(5000)
    );
    let output = validate(signals_test().write("bank/question_banks/deep.ron", deep));
    assert_contains(&output.stderr, "bank/question_banks/deep.ron:1:");
}

#[test]
fn a_file_that_is_neither_topic_nor_rubric() {
    let output =
        validate(signals_test().write("bank/question_banks/other.ron", "Config(debug: true)"));
    assert_contains(
        &output.stderr,
        "bank/question_banks/other.ron:1:1: expected `Topic(...)` or `Rubric(...)` (or a list of them) but found `Config(debug:`",
    );
}

#[test]
fn a_missing_path_is_a_problem_not_a_crash() {
    let output = Test::new()
        .args(&["bank", "validate", "no/such/bank"])
        .status(1);
    assert_contains(&output.stderr, "no/such/bank: no such file or folder");
}
