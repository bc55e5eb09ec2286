//! `viva report`, `viva history` and `viva show` over saved sessions: every format, the filters,
//! and damaged, foreign, old and orphaned records.

use std::fs;

use crate::harness::{Test, assert_contains, signals_test, snapshot};

/// One answer of a fixture session: question, topic, score, missed points, misconceptions, text.
struct A<'a>(&'a str, &'a str, u8, &'a [&'a str], &'a [&'a str], &'a str);

/// A session record as viva writes it.
fn record(candidate: &str, started: &str, answers: &[A<'_>]) -> String {
    let mut text = format!(
        "Session(\n    version: 1,\n    candidate: {candidate:?},\n    started_at: \"{started}\",\n    ended_at: Some(\"{started}\"),\n    status: Completed,\n    plan: [{}],\n    answers: [\n",
        answers
            .iter()
            .map(|a| format!("{:?}", a.0))
            .collect::<Vec<_>>()
            .join(", ")
    );
    for a in answers {
        let band = match a.2 {
            0..=39 => "weak",
            40..=69 => "partial",
            _ => "strong",
        };
        let list = |ids: &[&str]| {
            ids.iter()
                .map(|i| format!("{i:?}"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        text.push_str(&format!(
            "        Answer(question: {:?}, topic: {:?}, asked_at: \"{started}\", answer: {:?}, seconds: 42.0, score: {}, band: {band}, matched: [], missed: [{}], misconceptions: [{}]),\n",
            a.0, a.1, a.5, a.2, list(a.3), list(a.4)
        ));
    }
    text.push_str("    ],\n)\n");
    text
}

/// A candidate's week on the signals bank, with an answer that tries to inject markup.
fn week() -> Test {
    signals_test()
        .write(
            "sessions/20261118T090000Z-alice-0001.ron",
            record(
                "alice",
                "2026-11-18T09:00:00Z",
                &[A(
                    "signals.sigkill",
                    "signals",
                    20,
                    &["kernel-kills", "use-sigterm"],
                    &["handler-catches-sigkill"],
                    "можно поймать через signal.signal",
                )],
            ),
        )
        .write(
            "sessions/20261121T090000Z-alice-0002.ron",
            record(
                "alice",
                "2026-11-21T09:00:00Z",
                &[A(
                    "signals.sigkill",
                    "signals",
                    55,
                    &["use-sigterm"],
                    &[],
                    "ядро убивает <script>alert(1)</script>",
                )],
            ),
        )
        .write(
            "sessions/20261124T090000Z-alice-0003.ron",
            record(
                "alice",
                "2026-11-24T09:00:00Z",
                &[
                    A(
                        "signals.sigkill",
                        "signals",
                        90,
                        &[],
                        &[],
                        "ядро убивает процесс; корректно — по SIGTERM",
                    ),
                    A(
                        "gone.question",
                        "retired-topic",
                        30,
                        &["old-point"],
                        &[],
                        "a question the bank no longer has",
                    ),
                ],
            ),
        )
        .write(
            "sessions/20261124T100000Z-bob-0004.ron",
            record(
                "bob",
                "2026-11-24T10:00:00Z",
                &[A(
                    "signals.sigkill",
                    "signals",
                    10,
                    &["kernel-kills"],
                    &[],
                    "не знаю",
                )],
            ),
        )
}

fn report(test: Test, args: &[&str]) -> crate::harness::Output {
    let mut all = vec!["report"];
    all.extend_from_slice(args);
    test.env("VIVA_NOW", "2026-11-25T12:00:00Z")
        .args(&all)
        .status(0)
}

#[test]
fn the_json_report_has_the_contract_fields() {
    let output = report(week(), &["--format", "json", "--candidate", "alice"]);
    let json: serde_json::Value = serde_json::from_str(&output.stdout).expect("JSON");
    assert_eq!(json["sessions"], 3);
    assert_eq!(json["answers"], 4);
    let topics = json["topics"].as_array().expect("topics");
    let signals = topics
        .iter()
        .find(|t| t["topic"] == "signals")
        .expect("the signals topic");
    assert_eq!(signals["attempts"], 3);
    assert_eq!(signals["average"], 55.0);
    assert_eq!(signals["last"], 90);
    assert_eq!(
        signals["trend"], 35.0,
        "20 → 55 → 90 is +35 points per session"
    );
    // A question the bank no longer has still counts, under the topic it was saved with.
    assert!(
        topics
            .iter()
            .any(|t| t["topic"] == "retired-topic" && t["attempts"] == 1)
    );
    assert_eq!(json["weak_areas"][0], "retired-topic");
}

#[test]
fn weak_areas_weigh_recent_answers_and_evidence() {
    let output = report(week(), &["--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&output.stdout).expect("JSON");
    assert_eq!(json["sessions"], 4);
    let standing = |topic: &str| {
        json["topics"]
            .as_array()
            .and_then(|t| t.iter().find(|x| x["topic"] == topic))
            .map(|t| t["standing"].as_f64().unwrap_or(-1.0))
    };
    // One 30 is pulled toward the middle; it still ranks below signals' recent average.
    assert!(
        standing("retired-topic") < standing("signals"),
        "{}",
        output.stdout
    );
}

#[test]
fn the_table_fits_80_columns_and_points_to_study() {
    let output = report(week(), &["--candidate", "alice"]);
    for line in output.stdout.lines() {
        assert!(line.chars().count() <= 80, "too wide: {line}");
    }
    assert_contains(&output.stdout, "Темы, от слабых к сильным:");
    assert_contains(&output.stdout, "viva study retired-topic");
    assert_contains(&output.stdout, "▂▅▇");
    assert_contains(&output.stdout, "SIGKILL можно перехватить.");
    snapshot("report-table.txt", &output.stdout);
}

#[test]
fn markdown_and_html_formats() {
    let output = report(
        week(),
        &["--format", "md", "--candidate", "alice", "--lang", "en"],
    );
    assert_contains(&output.stdout, "## Topics, weakest first");
    assert_contains(
        &output.stdout,
        "| Signals (`signals`) | 3 | 55 | 90 | 90 | +35.0 |",
    );
    snapshot("report.md", &output.stdout);

    let test = week();
    let output = report(
        Test::from(&test),
        &[
            "--format",
            "html",
            "--candidate",
            "alice",
            "--out",
            "report.html",
        ],
    );
    assert_contains(&output.stderr, "report written to report.html");
    let page = fs::read_to_string(test.path().join("report.html")).expect("the page");
    assert_contains(&page, "</html>");
}

#[test]
fn candidate_text_in_html_is_escaped() {
    let output = report(
        week(),
        &[
            "--format",
            "html",
            "--candidate",
            "alice",
            "--topic",
            "signals",
            "--last",
            "2",
        ],
    );
    assert!(output.stdout.starts_with("<!DOCTYPE html>"));
    assert_contains(&output.stdout, "<svg viewBox");
    assert!(
        !output.stdout.contains("<script>"),
        "an answer's markup must not reach the page"
    );
    assert_contains(
        &output.stdout,
        "ядро убивает процесс; корректно — по SIGTERM",
    );
    snapshot("report.html", &output.stdout);
}

#[test]
fn filters_limit_what_counts() {
    let json = |args: &[&str]| -> serde_json::Value {
        let mut all = vec!["--format", "json"];
        all.extend_from_slice(args);
        serde_json::from_str(&report(week(), &all).stdout).expect("JSON")
    };
    assert_eq!(json(&["--candidate", "bob"])["answers"], 1);
    assert_eq!(json(&["--since", "2026-11-21"])["sessions"], 3);
    assert_eq!(json(&["--last", "1", "--candidate", "alice"])["answers"], 2);
    assert_eq!(json(&["--topic", "retired-topic"])["answers"], 1);
}

#[test]
fn damaged_and_foreign_files_are_skipped_and_kept() {
    let test = week()
        .write(
            "sessions/20261125T000000Z-alice-0005.ron",
            "Session(version: 1, candidate: \"alice\", started_at: \"2026-",
        )
        .write("sessions/shopping-list.ron", "milk, eggs")
        .write(
            "sessions/20261125T000001Z-alice-0006.ron",
            "Session(version: 7, candidate: \"alice\")",
        )
        .write("sessions/readme.txt", "not a session");
    let output = report(test, &["--format", "json"]);
    assert_contains(&output.stderr, "viva: skipped: `");
    assert_contains(
        &output.stderr,
        "20261125T000000Z-alice-0005.ron` is not a viva session record",
    );
    assert_contains(
        &output.stderr,
        "shopping-list.ron` is not a viva session record",
    );
    assert_contains(
        &output.stderr,
        "20261125T000001Z-alice-0006.ron` was written by a newer viva (format 7",
    );
    assert_eq!(output.stderr.lines().count(), 3, "{}", output.stderr);
    let json: serde_json::Value = serde_json::from_str(&output.stdout).expect("JSON");
    assert_eq!(json["sessions"], 4);
}

#[test]
fn the_damaged_file_is_left_alone() {
    let broken = "Session(version: 1, candidate: ";
    let test = week().write("sessions/20261125T000000Z-alice-0005.ron", broken);
    report(Test::from(&test), &[]);
    let left = fs::read_to_string(test.sessions().join("20261125T000000Z-alice-0005.ron"))
        .expect("still there");
    assert_eq!(left, broken);
}

#[test]
fn records_of_an_older_format_load() {
    // The first records had no status, plan, options or question text.
    let old = "Session(version: 1, candidate: \"carol\", started_at: \"2026-11-20T08:00:00Z\", answers: [Answer(question: \"signals.sigkill\", topic: \"signals\", asked_at: \"2026-11-20T08:00:00Z\", score: 60, band: partial)])";
    let output = report(
        signals_test().write("sessions/20261120T080000Z-carol-0001.ron", old),
        &["--format", "json"],
    );
    let json: serde_json::Value = serde_json::from_str(&output.stdout).expect("JSON");
    assert_eq!(json["answers"], 1);
    assert_eq!(json["topics"][0]["average"], 60.0);
}

#[test]
fn history_lists_and_show_explains() {
    let output = week().args(&["history", "--candidate", "alice"]).status(0);
    assert_contains(&output.stdout, "20261118T090000Z-alice-0001");
    assert!(!output.stdout.contains("bob"));
    let output = week()
        .args(&["show", "20261121T090000Z-alice-0002"])
        .status(0);
    assert_contains(&output.stdout, "ядро убивает <script>alert(1)</script>");
    assert_contains(&output.stdout, "55/100 · partial");
    let output = week().args(&["show", "../../etc/passwd"]).status(1);
    assert_contains(&output.stderr, "is not a session id");
}

#[test]
fn the_sample_week_in_the_repository_makes_a_report() {
    let mut test = Test::new();
    let samples = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("sessions");
    for entry in fs::read_dir(&samples).expect("the sample sessions") {
        let path = entry.expect("an entry").path();
        if path.extension().is_some_and(|e| e == "ron") {
            let name = format!(
                "sessions/{}",
                path.file_name().unwrap_or_default().to_string_lossy()
            );
            test = test.write(&name, fs::read(&path).expect("a sample"));
        }
    }
    let output = Test::from(&test)
        .env("VIVA_NOW", "2026-11-23T09:00:00Z")
        .args(&["report"])
        .status(0);
    assert!(output.stderr.is_empty(), "{}", output.stderr);
    assert_contains(&output.stdout, "Отчёт viva · alex · сессий: 7, ответов: 35");
    assert_contains(&output.stdout, "Слабые места — начните с них:");
    let output = Test::from(&test)
        .args(&["notes", "--candidate", "alex"])
        .status(0);
    assert_contains(
        &output.stdout,
        "#2 Чем FOR NO KEY UPDATE отличается от FOR UPDATE",
    );
}
