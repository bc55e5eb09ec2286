//! `viva grade`: one answer with its explanation, the JSON form, and the batch contract.

use crate::harness::{FULL_ANSWER_EN, FULL_ANSWER_RU, assert_contains, signals_test};

#[test]
fn an_answer_is_explained_in_its_language() {
    let output = signals_test()
        .args(&["grade", "signals.sigkill", FULL_ANSWER_RU])
        .status(0);
    assert_contains(&output.stdout, "95/100 · strong");
    assert_contains(&output.stdout, "Раскрыто:");
    assert_contains(&output.stdout, "вы сказали: «обрабатывает» … «ядро»");
    let output = signals_test()
        .args(&[
            "grade",
            "signals.sigkill",
            "ядро убивает, а завершаться надо по SIGTERM",
        ])
        .status(0);
    assert_contains(
        &output.stdout,
        "Ответ короткий: раскройте, как и почему это работает",
    );
}

#[test]
fn a_misconception_is_corrected() {
    let output = signals_test()
        .args(&[
            "grade",
            "signals.sigkill",
            "SIGKILL can be caught with a handler, like SIGTERM.",
        ])
        .status(0);
    assert_contains(&output.stdout, "Misconceptions (−30):");
    assert_contains(
        &output.stdout,
        "in fact: No handler can be set for SIGKILL.",
    );
}

#[test]
fn the_answer_can_come_from_stdin() {
    let output = signals_test()
        .args(&["grade", "signals.sigkill", "--json"])
        .stdin(FULL_ANSWER_EN)
        .status(0);
    let json: serde_json::Value = serde_json::from_str(&output.stdout).expect("JSON");
    assert_eq!(json["score"], 95, "a complete answer reads 95");
    assert_eq!(json["band"], "strong");
    assert_eq!(
        json["matched"],
        serde_json::json!(["kernel-kills", "use-sigterm"])
    );
}

#[test]
fn invalid_utf8_on_stdin_is_an_error_not_a_crash() {
    let output = signals_test()
        .args(&["grade", "signals.sigkill"])
        .stdin(b"\xff\xfe bad".as_slice())
        .status(1);
    assert_contains(
        &output.stderr,
        "viva: the answer on standard input is not UTF-8 text",
    );
}

#[test]
fn unknown_question() {
    let output = signals_test()
        .args(&["grade", "nope.nothing", "x"])
        .status(1);
    assert_contains(&output.stderr, "viva: unknown question `nope.nothing`");
}

#[test]
fn batch_follows_the_contract_line_by_line() {
    let input = concat!(
        "{\"id\": \"a\", \"question\": \"signals.sigkill\", \"answer\": \"kernel kills it\"}\n",
        "not json\n",
        "\n",
        "{\"id\": 7, \"question\": \"nope\", \"answer\": \"x\"}\n",
        "{\"id\": \"b\", \"question\": \"signals.sigkill\"}\n",
        "{\"id\": \"c\", \"question\": \"signals.sigkill\", \"answer\": \"\"}\n",
    );
    let output = signals_test()
        .args(&["grade", "--batch", "-"])
        .stdin(input)
        .status(1);
    let lines: Vec<serde_json::Value> = output
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect();
    assert_eq!(lines.len(), 5, "{}", output.stdout);
    assert_eq!(lines[0]["id"], "a");
    // Three words cover the central point; the brevity of the answer costs most of it.
    assert_eq!(lines[0]["score"], 24);
    assert_eq!(lines[0]["band"], "weak");
    assert_eq!(lines[0]["matched"], serde_json::json!(["kernel-kills"]));
    assert_eq!(lines[0]["missed"], serde_json::json!(["use-sigterm"]));
    assert_eq!(lines[0]["misconceptions"], serde_json::json!([]));
    assert!(
        lines[1]["error"]
            .as_str()
            .is_some_and(|e| e.starts_with("line 2:"))
    );
    assert_eq!(lines[1]["id"], serde_json::Value::Null);
    assert_eq!(lines[2]["id"], 7);
    assert_eq!(lines[2]["error"], "unknown question `nope`");
    assert_eq!(lines[3]["id"], "b");
    assert!(
        lines[3]["error"]
            .as_str()
            .is_some_and(|e| e.contains("answer"))
    );
    assert_eq!(lines[4]["score"], 0);
    assert_contains(
        &output.stderr,
        "viva: 3 of 5 lines of the batch could not be graded",
    );
}

#[test]
fn a_clean_batch_exits_zero() {
    let output = signals_test()
        .write(
            "answers.jsonl",
            "{\"id\": \"x\", \"question\": \"signals.sigkill\", \"answer\": \"SIGTERM first\"}\n",
        )
        .args(&["grade", "--batch", "answers.jsonl"])
        .status(0);
    assert_contains(&output.stdout, "\"id\":\"x\"");
}

#[test]
fn garbage_answers_score_without_crashing() {
    let megabyte = "word ".repeat(200_000);
    for answer in [
        "",
        "   \n\t",
        "🙂🙂🙂",
        "שלום עולם",
        "\u{202e}evil",
        megabyte.as_str(),
    ] {
        let output = signals_test()
            .args(&["grade", "signals.sigkill", "--json"])
            .stdin(answer)
            .status(0);
        let json: serde_json::Value = serde_json::from_str(&output.stdout).expect("JSON");
        assert_eq!(
            json["score"],
            0,
            "answer {:?}",
            answer.chars().take(20).collect::<String>()
        );
    }
}
