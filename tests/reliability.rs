//! What viva survives: processes killed at random moments, sessions saving side by side while
//! reports read, unwritable folders, and hostile input. Each test says how many times it tried.

use std::fs;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use crate::harness::{Test, assert_contains, signals_test};

/// A bank of 12 one-point questions, so a session has many saves to be killed in.
fn many_questions() -> Test {
    let mut bank = String::from("Topic(id: \"t\", title: (ru: \"Т\", en: \"T\"), questions: [\n");
    let mut rubrics = String::from("[\n");
    for i in 0..12 {
        bank.push_str(&format!("Question(id: \"t.q{i}\", text: (ru: \"Вопрос {i}?\", en: \"Question {i}?\"), model_answer: (ru: \"ответ\", en: \"answer\")),\n"));
        rubrics.push_str(&format!("Rubric(question: \"t.q{i}\", points: [Point(id: \"p\", statement: (ru: \"п\", en: \"p\"), terms: [\"kernel\"])]),\n"));
    }
    bank.push_str("])\n");
    rubrics.push_str("]\n");
    Test::new()
        .write("bank/question_banks/t.ron", bank)
        .write("bank/rubrics/t.ron", rubrics)
}

fn script(answers: usize, tag: &str) -> String {
    (0..answers)
        .map(|i| format!("answer {i} of {tag}: the kernel does it"))
        .collect::<Vec<_>>()
        .join("\n---\n")
}

fn records(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .map(|e| {
            e.filter_map(Result::ok)
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.retain(|n| n.ends_with(".ron") && n != "notes.ron");
    names.sort();
    names
}

/// Starts a scripted 12-answer session of `candidate` in `root`, saving into `sessions`, with
/// the script already written to its standard input; stdout is piped when `watch` is set.
fn start_session(
    root: &Path,
    sessions: &Path,
    candidate: &str,
    tag: &str,
    watch: bool,
) -> std::process::Child {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_viva"))
        .current_dir(root)
        .env("NO_COLOR", "1")
        .args(["--no-default-bank", "--bank", "bank", "--sessions-dir"])
        .arg(sessions)
        .args([
            "start",
            "--mode",
            "sequential",
            "--count",
            "12",
            "--candidate",
            candidate,
            "--script",
            "-",
        ])
        .stdin(Stdio::piped())
        .stdout(if watch { Stdio::piped() } else { Stdio::null() })
        .stderr(Stdio::null())
        .spawn()
        .expect("viva starts");
    let mut stdin = child.stdin.take().expect("stdin");
    stdin
        .write_all(script(12, tag).as_bytes())
        .expect("write the script");
    child
}

/// A small deterministic generator for kill times (no dependency, reproducible failures).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, below: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % below
    }
}

/// Kills scripted sessions with SIGKILL at random moments — between answers and in the middle of
/// saves — and checks after each kill that every record in the folder loads and holds every
/// answer the session had confirmed on screen ("Ответ записан." is printed after the save).
#[test]
fn sessions_killed_at_random_moments_keep_every_confirmed_answer() {
    const KILLS: usize = 150;
    let test = many_questions();
    let sessions = test.sessions();
    let mut rng = Lcg(0x5EED);
    let mut confirmed_total = 0;
    for round in 0..KILLS {
        let tag = format!("run{round}");
        let mut child = start_session(test.path(), &sessions, &tag, &tag, true);
        let stdout = child.stdout.take().expect("stdout");
        let reader = std::thread::spawn(move || {
            let mut confirmed = 0;
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if line.contains("Ответ записан.") {
                    confirmed += 1;
                }
            }
            confirmed
        });
        // A scripted session of 12 answers takes some tens of milliseconds: kill anywhere in it.
        std::thread::sleep(Duration::from_micros(rng.next(60_000)));
        let _ = child.kill();
        let _ = child.wait();
        let confirmed = reader.join().unwrap_or(0);
        confirmed_total += confirmed;

        // Every record in the folder loads: no torn file, whatever the moment of the kill.
        for name in records(&sessions) {
            let text = fs::read_to_string(sessions.join(&name)).expect("readable");
            assert!(
                text.trim_end().ends_with(')'),
                "{name} is torn after kill {round}:\n{text}"
            );
        }
        let output = Test::from(&test)
            .args(&[
                "--no-default-bank",
                "--bank",
                "bank",
                "report",
                "--format",
                "json",
            ])
            .status(0);
        assert!(output.stderr.is_empty(), "kill {round}: {}", output.stderr);
        // The killed session holds at least what it confirmed.
        let mine: Vec<String> = records(&sessions)
            .into_iter()
            .filter(|n| n.contains(&format!("-{tag}-")))
            .collect();
        if confirmed > 0 {
            assert_eq!(mine.len(), 1, "kill {round}: one record for the session");
            let text = fs::read_to_string(sessions.join(&mine[0])).expect("the record");
            for i in 0..confirmed {
                assert_contains(&text, &format!("answer {i} of {tag}:"));
            }
        }
    }
    println!(
        "{KILLS} sessions killed at random moments; {confirmed_total} confirmed answers checked, none lost"
    );
}

/// Four writers save sessions into one folder at once (five sessions each, with one candidate
/// name, so many start in the same second) while reports read the folder over and over: no
/// report ever sees a torn record, and every session ends complete in a file of its own.
#[test]
fn concurrent_sessions_and_reports_never_see_a_torn_record() {
    let test = many_questions();
    let sessions = test.sessions();
    let root = test.path().to_owned();
    let writers: Vec<_> = (0..4)
        .map(|w| {
            let (root, sessions) = (root.clone(), sessions.clone());
            std::thread::spawn(move || {
                for round in 0..5 {
                    let tag = format!("writer{w}-{round}");
                    let mut child = start_session(&root, &sessions, "same-name", &tag, false);
                    assert!(child.wait().is_ok_and(|s| s.success()));
                }
            })
        })
        .collect();
    let mut reports = 0;
    while writers.iter().any(|w| !w.is_finished()) || reports < 5 {
        let output = Test::from(&test)
            .args(&[
                "--no-default-bank",
                "--bank",
                "bank",
                "report",
                "--format",
                "json",
            ])
            .status(0);
        assert!(
            output.stderr.is_empty(),
            "a report saw a damaged record: {}",
            output.stderr
        );
        reports += 1;
    }
    for writer in writers {
        assert!(writer.join().is_ok(), "a writer failed");
    }
    let names = records(&sessions);
    assert_eq!(names.len(), 20, "twenty sessions, twenty files: {names:?}");
    for name in &names {
        let text = fs::read_to_string(sessions.join(name)).expect("the record");
        assert_eq!(text.matches("Answer(").count(), 12, "{name}");
        assert_contains(&text, "status: Completed");
    }
    println!(
        "20 sessions saved 240 answers four at a time while {reports} reports read the folder"
    );
}

#[test]
fn an_unwritable_sessions_folder_keeps_the_answers_and_says_where_they_went() {
    // A file where the folder should be: nothing can be created in it, even by root.
    let test = signals_test().write("blocked", "not a folder");
    let output = Command::new(env!("CARGO_BIN_EXE_viva"))
        .current_dir(test.path())
        .env("NO_COLOR", "1")
        .env("TMPDIR", test.path())
        .args([
            "--no-default-bank",
            "--bank",
            "bank",
            "--sessions-dir",
            "blocked",
            "start",
            "--candidate",
            "ann",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .and_then(|mut child| {
            use std::io::Write;
            child
                .stdin
                .take()
                .expect("stdin")
                .write_all(crate::harness::FULL_ANSWER_RU.as_bytes())?;
            child.wait_with_output()
        })
        .expect("viva runs");
    let output = crate::harness::Output {
        status: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    };
    assert_eq!(output.status, 1, "{}", output.stderr);
    assert_contains(&output.stdout, "не удалось сохранить сессию");
    assert_contains(
        &output.stderr,
        "viva: the session could not be saved in `blocked`; it was saved to `",
    );
    let rescued = output.stderr.split('`').nth(3).expect("the rescue path");
    assert!(
        Path::new(rescued).starts_with(test.path()),
        "rescued into TMPDIR: {rescued}"
    );
    let text = fs::read_to_string(rescued).expect("the rescued record");
    assert_contains(&text, "SIGKILL обрабатывает само ядро");
}

#[test]
fn hostile_bank_text_and_answers_are_printed_harmlessly() {
    let bank = crate::harness::SIGNALS_BANK.replace(
        "title: (ru: \"Сигналы\", en: \"Signals\")",
        "title: (ru: \"Сиг\\u{1b}[2Jналы\", en: \"Sig\\u{7}nals\")",
    );
    let test = signals_test().write("bank/question_banks/signals.ron", bank);
    let output = Test::from(&test)
        .args(&["--no-default-bank", "--bank", "bank", "topics"])
        .status(0);
    assert!(
        !output.stdout.contains('\u{1b}'),
        "an escape sequence reached the terminal"
    );
    assert_contains(&output.stdout, "Сиг^[[2Jналы");
    let answer = format!(
        "{}\u{1b}]0;pwned\u{7} kernel",
        crate::harness::FULL_ANSWER_EN
    );
    let output = Test::from(&test)
        .args(&[
            "--no-default-bank",
            "--bank",
            "bank",
            "grade",
            "signals.sigkill",
            &answer,
        ])
        .status(0);
    assert!(!output.stdout.contains('\u{1b}') && !output.stdout.contains('\u{7}'));
}

#[test]
fn catastrophic_patterns_and_huge_answers_grade_without_blowing_up() {
    let rubric = crate::harness::SIGNALS_RUBRIC.replace(
        "terms: [\"sigterm\", \"graceful shutdown\"]",
        "terms: [\"/(a+)+$/\", \"/(x|xx)+y/\", \"sigterm\"]",
    );
    let test = signals_test().write("bank/rubrics/signals.ron", rubric);
    let answer = format!("{}!", "a".repeat(200_000)) + &" kernel kills".repeat(300_000);
    assert!(answer.len() > 4_000_000, "several megabytes");
    let output = Test::from(&test)
        .args(&[
            "--no-default-bank",
            "--bank",
            "bank",
            "grade",
            "signals.sigkill",
            "--json",
        ])
        .stdin(answer)
        .status(0);
    let json: serde_json::Value = serde_json::from_str(&output.stdout).expect("JSON");
    assert!(json["score"].as_u64().is_some_and(|s| s <= 100));
    let alternation = (0..50_000)
        .map(|i| format!("w{i}"))
        .collect::<Vec<_>>()
        .join("|");
    let rubric = crate::harness::SIGNALS_RUBRIC
        .replace("\"graceful shutdown\"", &format!("\"/{alternation}/\""));
    let output = signals_test()
        .write("bank/rubrics/signals.ron", rubric)
        .args(&["bank", "validate"])
        .status(1);
    assert_contains(&output.stderr, "term `/w0|w1|w2|");
    assert_contains(
        &output.stderr,
        "…` of `use-sigterm`: the term is 338891 characters long; the limit is 400",
    );
    assert!(
        output.stderr.len() < 1000,
        "the message quotes the term, not the whole file"
    );
    // Within the length limit, a pattern that would compile too big is refused too.
    let nested = "/((((a{1,99}){1,99}){1,99}){1,99})/";
    let rubric =
        crate::harness::SIGNALS_RUBRIC.replace("\"graceful shutdown\"", &format!("\"{nested}\""));
    let output = signals_test()
        .write("bank/rubrics/signals.ron", rubric)
        .args(&["bank", "validate"])
        .status(1);
    assert_contains(&output.stderr, "the regular expression does not compile");
}
