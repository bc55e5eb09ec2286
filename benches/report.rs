//! Report speed over many saved sessions: 1,000 and 10,000 records of 20 answers each, read from
//! disk, aggregated and rendered as JSON — what `viva report --format json` does. The records
//! are written once, outside the timed part.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use chrono::{Duration, TimeZone, Utc};
use divan::Bencher;
use viva::bank::Bank;
use viva::grading::Score;
use viva::report::{Report, ReportFilter};
use viva::storage::{AnswerRecord, RecordedOptions, SessionRecord, SessionStore, Status};

fn main() {
    divan::main();
}

/// Writes `count` sessions of 20 answers into a folder (once per size, kept for all samples).
fn sessions(count: usize) -> &'static Path {
    static DIRS: OnceLock<std::sync::Mutex<Vec<(usize, &'static tempfile::TempDir)>>> =
        OnceLock::new();
    let dirs = DIRS.get_or_init(Default::default);
    let mut dirs = dirs.lock().expect("the folders");
    if let Some((_, dir)) = dirs.iter().find(|(n, _)| *n == count) {
        return dir.path();
    }
    let dir: &'static tempfile::TempDir =
        Box::leak(Box::new(tempfile::tempdir().expect("a folder")));
    let bank = Bank::builtin().bank;
    let questions: Vec<_> = bank
        .questions()
        .map(|q| (q.question.id.clone(), q.topic.id.clone()))
        .collect();
    let store = SessionStore::new(dir.path());
    let start = Utc
        .with_ymd_and_hms(2026, 1, 1, 9, 0, 0)
        .single()
        .expect("a date");
    for s in 0..count {
        let started = start + Duration::minutes(s as i64 * 37);
        let mut record =
            SessionRecord::new("bench", started, RecordedOptions::default(), Vec::new());
        record.status = Status::Completed;
        for a in 0..20 {
            let (question, topic) = &questions[(s * 7 + a) % questions.len()];
            let score = Score::from_f64(((s * 13 + a * 29) % 101) as f64);
            record.plan.push(question.clone());
            record.answers.push(AnswerRecord {
                question: question.clone(),
                topic: topic.clone(),
                question_text: String::new(),
                asked_at: started + Duration::minutes(a as i64 * 2),
                answer: "GIL не даёт двум потокам одновременно исполнять байткод, поэтому для CPU-bound берут multiprocessing.".to_owned(),
                follow_up: None,
                seconds: 60.0 + a as f64,
                score,
                band: score.band(),
                matched: Vec::new(),
                missed: vec!["one-thread-at-a-time".into()],
                misconceptions: Vec::new(),
                skipped: false,
                overtime: false,
                hinted: Vec::new(),
                review: None,
            });
        }
        store.create(&record, s as u32).expect("a record");
    }
    dirs.push((count, dir));
    dir.path()
}

#[divan::bench(args = [1_000, 10_000], sample_count = 5)]
fn report_json(bencher: Bencher, count: usize) {
    let dir: PathBuf = sessions(count).to_owned();
    let bank = Bank::builtin().bank;
    let now = Utc
        .with_ymd_and_hms(2026, 12, 1, 0, 0, 0)
        .single()
        .expect("a date");
    bencher.bench_local(|| {
        let (loaded, warnings) = SessionStore::new(&dir).load_all().expect("the folder");
        assert!(warnings.is_empty());
        let sessions = ReportFilter::default().apply(loaded);
        let report = Report::build(&bank, &sessions, &[], viva::lang::Lang::Ru, None, now);
        let mut out = Vec::new();
        viva::report::render::json(&report, &mut out).expect("JSON");
        out.len()
    });
}
