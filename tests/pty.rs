//! Interactive sessions in a real pseudo-terminal: rustyline line editing, multi-line answers,
//! `:hint`, `:more`, `:why`, `:note`, Ctrl-C, Ctrl-D, a time limit that runs out, a kill in the
//! middle of a session, and an interviewer's review, each checked against the saved record.

use std::fs;
use std::path::Path;
use std::process::Command;
use std::time::Duration;

use expectrl::process::unix::{Signal, WaitStatus};
use expectrl::session::OsSession;
use expectrl::{ControlCode, Eof, Expect, Session};

use crate::harness::{SIGNALS_RUBRIC, Test, assert_contains};

/// A bank with two questions, so a session can stop with one left.
fn two_question_test() -> Test {
    let bank = crate::harness::SIGNALS_BANK.replace(
        "    ],\n)",
        "        Question(id: \"signals.sigterm\", text: (ru: \"Зачем нужен SIGTERM?\", en: \"Why SIGTERM?\"), model_answer: (ru: \"Чтобы процесс завершился корректно: дописал данные и закрыл соединения.\", en: \"So the process shuts down gracefully.\")),\n        Question(id: \"signals.sigstop\", text: (ru: \"Чем SIGSTOP похож на SIGKILL?\", en: \"How is SIGSTOP like SIGKILL?\"), model_answer: (ru: \"Его тоже нельзя перехватить.\", en: \"It cannot be caught either.\")),\n    ],\n)",
    );
    let rubric = format!(
        "[{SIGNALS_RUBRIC}, Rubric(question: \"signals.sigterm\", points: [Point(id: \"graceful\", statement: (ru: \"Корректное завершение.\", en: \"Graceful shutdown.\"), terms: [\"graceful|корректн*\"])]), Rubric(question: \"signals.sigstop\", points: [Point(id: \"uncatchable\", statement: (ru: \"Его нельзя перехватить.\", en: \"It cannot be caught.\"), terms: [\"(нельзя|cannot) (перехват*|catch)\"])])]"
    );
    Test::new()
        .write("bank/question_banks/signals.ron", bank)
        .write("bank/rubrics/signals.ron", rubric)
}

fn spawn(test: &Test, args: &[&str]) -> OsSession {
    let mut command = Command::new(env!("CARGO_BIN_EXE_viva"));
    command
        .current_dir(test.path())
        .env_remove("VIVA_SESSIONS_DIR")
        .env("NO_COLOR", "1")
        .env("TERM", "xterm")
        .args(["--no-default-bank", "--bank", "bank", "--sessions-dir"])
        .arg(test.sessions())
        .args(args);
    let mut session = Session::spawn(command).expect("viva starts in a pty");
    session.set_expect_timeout(Some(Duration::from_secs(15)));
    session
}

/// Types a line as a person would: rustyline reads a line at a time, and keys typed ahead in the
/// same instant as the previous Enter may be dropped between two reads.
fn type_line(p: &mut OsSession, line: &str) {
    std::thread::sleep(Duration::from_millis(150));
    p.send_line(line).expect("typing into the terminal");
}

fn the_record(sessions: &Path) -> String {
    let file = fs::read_dir(sessions)
        .expect("the sessions folder")
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|x| x == "ron") && !p.ends_with("notes.ron"))
        .expect("a session record");
    fs::read_to_string(file).expect("the record")
}

#[test]
fn a_practice_session_in_a_terminal() {
    let test = two_question_test();
    let mut p = spawn(
        &test,
        &[
            "start",
            "--practice",
            "--mode",
            "sequential",
            "--count",
            "3",
            "--candidate",
            "pty",
        ],
    );
    p.expect("пустая строка отправляет")
        .expect("the intro explains how to send an answer");
    p.expect("Почему приложение не может поймать SIGKILL?")
        .expect("the first question");
    p.expect("› ").expect("the answer prompt");

    type_line(&mut p, ":hint");
    p.expect("Подсказка").expect("a hint");
    p.expect("SIGKILL обрабатывает ядро")
        .expect("the heaviest point is revealed");

    // A multi-line answer in Cyrillic, sent with an empty line.
    type_line(&mut p, "Его обрабатывает ядро и просто убивает процесс,");
    p.expect("… ").expect("the continuation prompt");
    type_line(&mut p, "обработчик не вызывается");
    type_line(&mut p, "");
    p.expect("/100").expect("a grade");
    p.expect("Упущено:").expect("the missed point is listed");

    type_line(&mut p, ":more");
    p.expect("Эталонный ответ:").expect("the model answer");
    type_line(&mut p, ":why");
    p.expect("Корректное завершение делают по SIGTERM")
        .expect("the missed point explained");
    type_line(&mut p, ":note почему SIGSTOP тоже нельзя поймать?");
    p.expect("Записано в блокнот (#1)")
        .expect("the note is saved");
    type_line(&mut p, "");

    p.expect("Зачем нужен SIGTERM?")
        .expect("the second question");
    p.expect("› ").expect("the prompt");
    type_line(&mut p, ":skip");
    p.expect("Пропущено.").expect(":skip moves on");
    p.expect("Чем SIGSTOP похож на SIGKILL?")
        .expect("the third question");
    p.expect("› ").expect("the prompt");
    p.send("что-то не то").expect("send");
    p.send(ControlCode::EndOfText).expect("Ctrl-C");
    p.expect("(набранное стёрто)")
        .expect("Ctrl-C clears the line");
    p.expect("› ").expect("the prompt again");
    p.send(ControlCode::EndOfTransmission).expect("Ctrl-D");
    p.expect("Сессия сохранена")
        .expect("the session ends cleanly and says where it is");
    p.expect(Eof).expect("viva exits");

    let record = the_record(&test.sessions());
    assert_contains(&record, "status: Stopped");
    assert_contains(&record, "question: \"signals.sigterm\"");
    assert_contains(&record, "skipped: true");
    assert_contains(
        &record,
        "answer: \"Его обрабатывает ядро и просто убивает процесс,\\nобработчик не вызывается\"",
    );
    assert_contains(
        &record,
        "hinted: [\n                \"kernel-kills\",\n            ]",
    );
    assert!(
        !record.contains("что-то не то"),
        "a cleared line is not an answer"
    );
    let notes = fs::read_to_string(test.sessions().join("notes.ron")).expect("the notebook");
    assert_contains(&notes, "почему SIGSTOP тоже нельзя поймать?");
    assert_contains(&notes, "question: Some(\"signals.sigkill\")");
}

#[test]
fn a_time_limit_that_runs_out_marks_the_answer_overtime() {
    let test = two_question_test();
    let mut p = spawn(
        &test,
        &[
            "start",
            "--mode",
            "sequential",
            "--count",
            "1",
            "--time-limit",
            "2s",
            "--candidate",
            "pty",
        ],
    );
    p.expect("[0:02] › ")
        .expect("the time left is in the prompt");
    p.expect("время на ответ вышло")
        .expect("a warning arrives while typing");
    type_line(&mut p, crate::harness::FULL_ANSWER_RU);
    type_line(&mut p, "");
    p.expect("не уложился")
        .expect("the summary marks it overtime");
    p.expect(Eof).expect("viva exits");
    let record = the_record(&test.sessions());
    assert_contains(&record, "overtime: true");
    assert_contains(&record, "score: 85,");
}

#[test]
fn a_killed_session_keeps_its_answers_and_resumes() {
    let test = two_question_test();
    let mut p = spawn(
        &test,
        &[
            "start",
            "--mode",
            "sequential",
            "--count",
            "2",
            "--candidate",
            "pty",
            "--no-follow-ups",
        ],
    );
    p.expect("› ").expect("the prompt");
    type_line(&mut p, "ядро убивает процесс сразу");
    type_line(&mut p, "");
    p.expect("Ответ записан.").expect("the answer is confirmed");
    p.expect("Зачем нужен SIGTERM?").expect("the next question");
    p.get_process_mut().kill(Signal::SIGKILL).expect("kill -9");
    let status = p.get_process().wait().expect("wait");
    assert!(
        matches!(status, WaitStatus::Signaled(_, Signal::SIGKILL, _)),
        "{status:?}"
    );

    let record = the_record(&test.sessions());
    assert_contains(&record, "status: InProgress");
    assert_contains(&record, "ядро убивает процесс сразу");

    let test = test
        .args(&[
            "--no-default-bank",
            "--bank",
            "bank",
            "resume",
            "--candidate",
            "pty",
        ])
        .stdin("корректное завершение\n");
    let output = test.status(0);
    assert_contains(&output.stdout, "Продолжаем сессию");
    let record = the_record(&test.sessions());
    assert_contains(&record, "status: Completed");
    assert_contains(&record, "ядро убивает процесс сразу");
    assert_contains(&record, "корректное завершение");
}

/// Colour helps in a terminal (covered points green, missed red) and is off under `NO_COLOR`
/// or when the output is not a terminal.
#[test]
fn colour_in_a_terminal_and_not_otherwise() {
    let test = two_question_test();
    let grade = |no_color: bool| {
        let mut command = Command::new(env!("CARGO_BIN_EXE_viva"));
        command
            .current_dir(test.path())
            .env("TERM", "xterm")
            .env_remove("NO_COLOR")
            .args([
                "--no-default-bank",
                "--bank",
                "bank",
                "grade",
                "signals.sigkill",
                "ядро убивает процесс",
            ]);
        if no_color {
            command.env("NO_COLOR", "1");
        }
        let mut session = Session::spawn(command).expect("viva starts in a pty");
        session.set_expect_timeout(Some(Duration::from_secs(15)));
        session
    };
    let mut p = grade(false);
    p.expect("\u{1b}[32m✓\u{1b}[0m")
        .expect("a green check mark in a terminal");
    p.expect("\u{1b}[31m✗\u{1b}[0m")
        .expect("a red cross in a terminal");
    let mut p = grade(true);
    let found = p.expect("✓").expect("the check mark");
    let before = String::from_utf8_lossy(found.before());
    assert!(
        !before.contains("\u{1b}[3"),
        "NO_COLOR is honoured: {before:?}"
    );
    let output = Test::from(&test)
        .args(&[
            "--no-default-bank",
            "--bank",
            "bank",
            "grade",
            "signals.sigkill",
            "ядро убивает процесс",
        ])
        .status(0);
    assert!(!output.stdout.contains('\u{1b}'), "no colour into a pipe");
}

/// Interviewer mode at the keyboard: the checklist and the suggested score after the answer,
/// one line to override it with a note, and the verdict in the record.
#[test]
fn an_interviewer_overrides_the_suggested_score_at_the_keyboard() {
    let test = two_question_test();
    let mut p = spawn(
        &test,
        &[
            "start",
            "--interviewer",
            "--mode",
            "sequential",
            "--count",
            "1",
            "--candidate",
            "pty",
            "--no-follow-ups",
        ],
    );
    p.expect("› ").expect("the prompt");
    type_line(&mut p, crate::harness::FULL_ANSWER_RU);
    type_line(&mut p, "");
    p.expect("Чек-лист рубрики — предлагаемая оценка")
        .expect("the checklist");
    p.expect("✎ ").expect("the review prompt");
    type_line(&mut p, "80 уверенно, но без примеров из практики");
    p.expect("Сессия сохранена").expect("the session ends");
    p.expect(Eof).expect("viva exits");
    let record = the_record(&test.sessions());
    assert_contains(&record, "review: Some(Review(");
    assert_contains(&record, "score: 80,");
    assert_contains(&record, "note: \"уверенно, но без примеров из практики\"");
}
