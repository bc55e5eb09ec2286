//! Grading speed: one typical answer (about 80 words against a rubric of 6 key points), and a
//! batch of 10,000 answers to varied questions of the built-in bank. Rubrics are compiled once,
//! outside the timed part, as they are once per process.

use divan::Bencher;
use viva::bank::Bank;
use viva::grading::{self, GradeOptions};

fn main() {
    divan::main();
}

/// About 80 words, as a candidate types them, for a question whose rubric has 6 key points.
const TYPICAL: &str = "Контейнер не должен работать от root, потому что root в контейнере — это тот же \
     root на хосте, если нет user namespaces: при побеге из контейнера или уязвимости в приложении \
     атакующий получает полные права. Поэтому в Dockerfile создаём пользователя и пишем USER app. \
     Секреты через ARG передавать нельзя: значения build-args остаются в истории образа и в \
     метаданных слоёв, их видно через docker history. Для сборки используем BuildKit secret mount, \
     а в рантайме секреты приходят из переменных окружения или секрет-менеджера.";

/// The question `TYPICAL` answers.
const QUESTION: &str = "docker-security.practices";

fn bank() -> Bank {
    let loaded = Bank::builtin();
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    loaded.bank
}

#[divan::bench]
fn typical_answer(bencher: Bencher) {
    let bank = bank();
    let entry = bank.rubric(QUESTION).expect("the question");
    assert_eq!(entry.rubric.points.len(), 6, "a rubric of six key points");
    bencher.bench_local(|| {
        grading::grade(
            entry,
            bank.vocabulary(),
            divan::black_box(TYPICAL),
            &GradeOptions::default(),
        )
    });
}

#[divan::bench(sample_count = 10)]
fn batch_of_10000(bencher: Bencher) {
    let bank = bank();
    let questions: Vec<_> = bank
        .questions()
        .map(|q| q.question.id.to_string())
        .collect();
    let answers: Vec<String> = (0..10_000)
        .map(|i| format!("{TYPICAL} Вариант {i}: {}", questions[i % questions.len()]))
        .collect();
    bencher.bench_local(|| {
        let mut total = 0u64;
        for (i, answer) in answers.iter().enumerate() {
            let entry = bank
                .rubric(&questions[i % questions.len()])
                .expect("a rubric");
            total += u64::from(
                grading::grade(entry, bank.vocabulary(), answer, &GradeOptions::default())
                    .score
                    .value(),
            );
        }
        total
    });
}

#[divan::bench(sample_count = 10)]
fn load_the_builtin_bank() -> Bank {
    bank()
}
