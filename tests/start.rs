//! `viva start` and `viva resume` driven by scripts: graded and saved like interactive sessions.

use std::fs;

use crate::harness::{Test, assert_contains, signals_test};

fn records(test: &Test) -> Vec<String> {
    let mut files: Vec<String> = fs::read_dir(test.sessions())
        .map(|entries| {
            entries
                .filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    files.retain(|f| f.ends_with(".ron") && f != "notes.ron");
    files.sort();
    files
}

#[test]
fn a_scripted_session_is_graded_and_saved() {
    let test = signals_test()
        .write(
            "answers.txt",
            format!(
                "{}\nSecond line of the same answer.\n",
                crate::harness::FULL_ANSWER_EN
            ),
        )
        .args(&[
            "start",
            "--script",
            "answers.txt",
            "--candidate",
            "alice",
            "--seed",
            "1",
        ]);
    let output = test.status(0);
    assert_contains(
        &output.stdout,
        "Почему приложение не может поймать SIGKILL?",
    );
    assert_contains(&output.stdout, "95/100 · strong");
    let files = records(&test);
    assert_eq!(files.len(), 1);
    assert!(files[0].contains("-alice-"), "{files:?}");
    let record = fs::read_to_string(test.sessions().join(&files[0])).expect("record");
    assert_contains(&record, "status: Completed");
    assert_contains(&record, "score: 95");
    assert_contains(&record, "Graceful shutdown therefore hangs off SIGTERM");
    assert_contains(
        &record,
        "exits on its own.\\nSecond line of the same answer.\"",
    );
}

#[test]
fn piped_stdin_is_a_script_and_skip_skips() {
    let test = signals_test()
        .args(&["start", "--candidate", "bob"])
        .stdin(":skip\n");
    let output = test.status(0);
    assert_contains(&output.stdout, "Пропущено.");
    let record = fs::read_to_string(test.sessions().join(&records(&test)[0])).expect("record");
    assert_contains(&record, "skipped: true");
}

#[test]
fn a_script_that_runs_out_stops_and_resume_continues() {
    let bank = crate::harness::SIGNALS_BANK.replace(
        "    ],\n)",
        "        Question(id: \"signals.sigterm\", text: (ru: \"Зачем SIGTERM?\", en: \"Why SIGTERM?\"), model_answer: (ru: \"Чтобы завершиться корректно.\", en: \"To shut down gracefully.\")),\n    ],\n)",
    );
    let rubric = format!(
        "[{}, Rubric(question: \"signals.sigterm\", points: [Point(id: \"graceful\", statement: (ru: \"Корректное завершение.\", en: \"Graceful shutdown.\"), terms: [\"graceful|корректн*\"])])]",
        crate::harness::SIGNALS_RUBRIC
    );
    let test = Test::new()
        .write("bank/question_banks/signals.ron", bank)
        .write("bank/rubrics/signals.ron", rubric)
        .args(&[
            "--no-default-bank",
            "--bank",
            "bank",
            "start",
            "--mode",
            "sequential",
            "--candidate",
            "eve",
        ])
        .stdin("the kernel kills it\n");
    let output = test.status(0);
    assert_contains(&output.stdout, "viva resume ");
    let files = records(&test);
    let record = fs::read_to_string(test.sessions().join(&files[0])).expect("record");
    assert_contains(&record, "status: Stopped");
    assert_contains(&record, "the kernel kills it");

    let resumed = Test::new()
        .write(
            "bank/question_banks/signals.ron",
            fs::read_to_string(test.path().join("bank/question_banks/signals.ron")).expect("bank"),
        )
        .write(
            "bank/rubrics/signals.ron",
            fs::read_to_string(test.path().join("bank/rubrics/signals.ron")).expect("rubric"),
        );
    fs::create_dir_all(resumed.sessions()).expect("sessions");
    fs::copy(
        test.sessions().join(&files[0]),
        resumed.sessions().join(&files[0]),
    )
    .expect("copy");
    let resumed = resumed
        .args(&[
            "--no-default-bank",
            "--bank",
            "bank",
            "resume",
            "--candidate",
            "eve",
        ])
        .stdin("graceful shutdown on SIGTERM\n");
    let output = resumed.status(0);
    assert_contains(&output.stdout, "Продолжаем сессию");
    assert_contains(&output.stdout, "Зачем SIGTERM?");
    let record = fs::read_to_string(resumed.sessions().join(&files[0])).expect("record");
    assert_contains(&record, "status: Completed");
    assert_contains(&record, "the kernel kills it");
    assert_contains(&record, "graceful shutdown on SIGTERM");
}

#[test]
fn an_unknown_topic_is_refused() {
    let output = signals_test()
        .args(&["start", "--topic", "nope"])
        .stdin("x")
        .status(1);
    assert_contains(&output.stderr, "viva: unknown topic `nope`");
}

#[test]
fn a_bad_duration_is_a_usage_error() {
    let output = signals_test()
        .args(&["start", "--time-limit", "soon"])
        .status(2);
    assert_contains(&output.stderr, "`soon` is not a duration");
}

#[test]
fn a_hostile_candidate_name_stays_inside_the_sessions_folder() {
    let test = signals_test()
        .args(&["start", "--candidate", "../../etc/passwd"])
        .stdin(":skip\n");
    test.status(0);
    let files = records(&test);
    assert_eq!(files.len(), 1);
    assert!(files[0].contains("-etc-passwd-"), "{files:?}");
}

#[test]
fn an_empty_script_starts_nothing() {
    let test = signals_test().args(&["start"]).stdin("\n  \n");
    let output = test.status(1);
    assert_contains(&output.stderr, "viva: standard input holds no answers");
    assert!(records(&test).is_empty(), "no session record for nothing");
}
