//! Grading speed: one typical answer (about 80 words against a rubric of 6 key points), and a
//! batch of 10,000 answers to varied questions of the built-in bank. Rubrics are compiled once,
//! outside the timed part, as they are once per process.

use divan::Bencher;
use viva::bank::Bank;
use viva::grading::{self, GradeOptions};

fn main() {
    divan::main();
}

/// About 80 words, mixed Russian and English, as candidates type.
const TYPICAL: &str = "Если consumer упал после обработки, но до ACK, брокер не получил подтверждение и \
     после таймаута или закрытия канала вернёт сообщение в очередь, его получит другой consumer. \
     То есть сообщение обработается дважды — это at-least-once delivery. Exactly-once почти миф, \
     поэтому обработчик делают идемпотентным: храним id обработанных сообщений в базе в той же \
     транзакции, что и результат, или используем upsert. В RabbitMQ это redelivered флаг, в SQS \
     visibility timeout, в Kafka offset не закоммичен. Ack шлём только после успешной обработки.";

fn bank() -> Bank {
    let loaded = Bank::builtin();
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    loaded.bank
}

#[divan::bench]
fn typical_answer(bencher: Bencher) {
    let bank = bank();
    let entry = bank
        .rubric("queues.crash-before-ack")
        .expect("the question");
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
