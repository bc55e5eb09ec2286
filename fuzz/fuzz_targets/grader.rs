//! Any bytes as an answer to a question of the built-in bank (the first byte picks which): a
//! score 0-100, never a panic.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use viva::bank::Bank;
use viva::grading::{self, GradeOptions};

static BANK: LazyLock<Bank> = LazyLock::new(|| Bank::builtin().bank);

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let answer = String::from_utf8_lossy(rest);
    let questions: Vec<_> = BANK.questions().collect();
    let question = questions[usize::from(pick) % questions.len()];
    if let Some(entry) = BANK.rubric(question.question.id.as_str()) {
        let grade = grading::grade(entry, BANK.vocabulary(), &answer, &GradeOptions::default());
        assert!(grade.score.value() <= 100);
    }
});
