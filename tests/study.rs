//! `viva study` and `viva notes`: briefs and model answers to read, and the mentor notebook.

use crate::harness::{Test, assert_contains, signals_test};

#[test]
fn a_topic_reads_as_a_cheat_sheet() {
    let output = Test::new()
        .args(&["study", "gil", "--lang", "en"])
        .status(0);
    assert_contains(&output.stdout, "The GIL (gil)");
    assert_contains(
        &output.stdout,
        "Why does Python scale poorly across CPU cores?",
    );
    assert_contains(&output.stdout, "Key points:");
    for line in output.stdout.lines() {
        assert!(line.chars().count() <= 80, "wider than 80 columns: {line}");
    }
}

#[test]
fn markdown_keeps_the_brief_and_the_checklist() {
    let output = Test::new()
        .args(&["study", "signals", "--format", "md"])
        .status(0);
    assert!(output.stdout.starts_with("# "));
    assert_contains(
        &output.stdout,
        "## Почему приложение не может поймать SIGKILL?",
    );
    assert_contains(&output.stdout, "- [ ] ");
}

#[test]
fn without_a_topic_the_weakest_come_first() {
    let weak = "Session(version: 1, candidate: \"ann\", started_at: \"2026-11-24T09:00:00Z\", answers: [Answer(question: \"jwt.sensitive-data\", topic: \"jwt\", asked_at: \"2026-11-24T09:00:00Z\", score: 10, band: weak)])";
    let output = Test::new()
        .write("sessions/20261124T090000Z-ann-0001.ron", weak)
        .env("VIVA_NOW", "2026-11-25T09:00:00Z")
        .args(&["study", "--candidate", "ann"])
        .status(0);
    let first_row = output.stdout.lines().nth(3).unwrap_or_default();
    assert!(first_row.contains("jwt"), "{}", output.stdout);
    assert_contains(&output.stdout, "не было");
}

#[test]
fn an_unknown_topic_is_an_error() {
    let output = Test::new().args(&["study", "cobol"]).status(1);
    assert_contains(&output.stderr, "viva: unknown topic `cobol`");
}

#[test]
fn the_notebook_adds_lists_closes_and_exports() {
    let test = signals_test();
    let output = Test::from(&test)
        .args(&[
            "--no-default-bank",
            "--bank",
            "bank",
            "notes",
            "add",
            "почему",
            "SIGSTOP",
            "тоже?",
            "--topic",
            "signals",
            "--candidate",
            "ann",
        ])
        .status(0);
    assert_contains(&output.stdout, "#1");
    Test::from(&test)
        .args(&[
            "--no-default-bank",
            "--bank",
            "bank",
            "notes",
            "add",
            "что такое PID 1",
            "--candidate",
            "ann",
        ])
        .status(0);
    let output = Test::from(&test)
        .args(&[
            "--no-default-bank",
            "--bank",
            "bank",
            "notes",
            "--candidate",
            "ann",
        ])
        .status(0);
    assert_contains(&output.stdout, "Сигналы\n  #1 почему SIGSTOP тоже?");
    assert_contains(&output.stdout, "Без темы\n  #2 что такое PID 1");
    Test::from(&test)
        .args(&[
            "--no-default-bank",
            "--bank",
            "bank",
            "notes",
            "done",
            "1",
            "--candidate",
            "ann",
        ])
        .status(0);
    let output = Test::from(&test)
        .args(&[
            "--no-default-bank",
            "--bank",
            "bank",
            "notes",
            "--format",
            "md",
            "--candidate",
            "ann",
        ])
        .status(0);
    assert!(
        !output.stdout.contains("SIGSTOP"),
        "a closed note leaves the list"
    );
    assert_contains(&output.stdout, "# Вопросы к ментору");
    assert_contains(&output.stdout, "- [ ] что такое PID 1");
    let output = Test::from(&test)
        .args(&["--no-default-bank", "--bank", "bank", "notes", "done", "9"])
        .status(1);
    assert_contains(&output.stderr, "viva: there is no note 9");
    let output = Test::from(&test)
        .args(&[
            "--no-default-bank",
            "--bank",
            "bank",
            "notes",
            "add",
            "x",
            "--topic",
            "cobol",
        ])
        .status(1);
    assert_contains(&output.stderr, "unknown topic `cobol`");
}

#[test]
fn the_report_counts_open_notes_per_topic() {
    let test = signals_test().write(
        "sessions/20261124T090000Z-ann-0001.ron",
        "Session(version: 1, candidate: \"ann\", started_at: \"2026-11-24T09:00:00Z\", answers: [Answer(question: \"signals.sigkill\", topic: \"signals\", asked_at: \"2026-11-24T09:00:00Z\", score: 20, band: weak)])",
    );
    Test::from(&test)
        .args(&[
            "--no-default-bank",
            "--bank",
            "bank",
            "notes",
            "add",
            "doubt",
            "--topic",
            "signals",
            "--candidate",
            "ann",
        ])
        .status(0);
    let output = Test::from(&test)
        .env("VIVA_NOW", "2026-11-25T09:00:00Z")
        .args(&[
            "--no-default-bank",
            "--bank",
            "bank",
            "report",
            "--candidate",
            "ann",
        ])
        .status(0);
    assert_contains(
        &output.stdout,
        "Сигналы (40), заметок: 1: viva study signals",
    );
}
