//! The test harness: a temporary folder with bank files, the binary's arguments, stdin and
//! environment, and assertions on what it printed. Every run gets its own sessions folder and
//! no colour, `USER` or `VIVA_SESSIONS_DIR` from the outside.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use tempfile::TempDir;

/// One run of viva.
pub(crate) struct Test {
    dir: std::rc::Rc<TempDir>,
    args: Vec<String>,
    stdin: Vec<u8>,
    env: Vec<(String, String)>,
}

impl From<&Test> for Test {
    /// Another run in the same folder, with fresh arguments.
    fn from(test: &Test) -> Test {
        Test {
            dir: std::rc::Rc::clone(&test.dir),
            args: Vec::new(),
            stdin: Vec::new(),
            env: Vec::new(),
        }
    }
}

/// What a run printed and returned.
#[derive(Debug)]
pub(crate) struct Output {
    pub(crate) status: i32,
    pub(crate) stdout: String,
    pub(crate) stderr: String,
}

impl Test {
    pub(crate) fn new() -> Self {
        Test {
            dir: std::rc::Rc::new(tempfile::tempdir().expect("a temporary folder")),
            args: Vec::new(),
            stdin: Vec::new(),
            env: Vec::new(),
        }
    }

    /// The test's folder.
    pub(crate) fn path(&self) -> &Path {
        self.dir.path()
    }

    /// The sessions folder every run uses.
    pub(crate) fn sessions(&self) -> PathBuf {
        self.dir.path().join("sessions")
    }

    /// Writes a file under the test folder, creating folders on the way.
    pub(crate) fn write(self, path: &str, content: impl AsRef<[u8]>) -> Self {
        let full = self.dir.path().join(path);
        if let Some(parent) = full.parent() {
            fs::create_dir_all(parent).expect("create folders");
        }
        fs::write(full, content).expect("write a test file");
        self
    }

    pub(crate) fn args(mut self, args: &[&str]) -> Self {
        self.args.extend(args.iter().map(|a| a.to_string()));
        self
    }

    pub(crate) fn env(mut self, key: &str, value: &str) -> Self {
        self.env.push((key.to_owned(), value.to_owned()));
        self
    }

    pub(crate) fn stdin(mut self, input: impl Into<Vec<u8>>) -> Self {
        self.stdin = input.into();
        self
    }

    /// Runs viva in the test folder and returns what happened (the test keeps its folder).
    pub(crate) fn run(&self) -> Output {
        let mut command = Command::cargo_bin("viva").expect("the viva binary");
        command
            .current_dir(self.dir.path())
            .env_remove("VIVA_SESSIONS_DIR")
            .env_remove("USER")
            .env_remove("NO_COLOR")
            .env("NO_COLOR", "1")
            .arg("--sessions-dir")
            .arg(self.sessions())
            .args(&self.args)
            .write_stdin(self.stdin.clone());
        for (key, value) in &self.env {
            command.env(key, value);
        }
        let output = command.output().expect("viva runs");
        Output {
            status: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }

    /// Runs and asserts the exit status, printing both streams when it differs.
    #[track_caller]
    pub(crate) fn status(&self, expected: i32) -> Output {
        let output = self.run();
        assert_eq!(
            output.status, expected,
            "exit status\n--- stdout ---\n{}\n--- stderr ---\n{}",
            output.stdout, output.stderr
        );
        output
    }
}

/// Compares `actual` with the golden file `tests/snapshots/NAME`. Run the tests with
/// `VIVA_BLESS=1` to write the files after a deliberate change, then review the diff.
#[track_caller]
pub(crate) fn snapshot(name: &str, actual: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/snapshots")
        .join(name);
    if std::env::var_os("VIVA_BLESS").is_some() {
        fs::write(&path, actual).expect("write the snapshot");
        return;
    }
    let expected = fs::read_to_string(&path)
        .unwrap_or_else(|_| panic!("no snapshot {}: run with VIVA_BLESS=1", path.display()));
    if expected != actual {
        let diff: String = expected
            .lines()
            .zip(actual.lines())
            .enumerate()
            .filter(|(_, (e, a))| e != a)
            .take(10)
            .map(|(i, (e, a))| format!("line {}:\n  expected: {e}\n  actual:   {a}\n", i + 1))
            .collect();
        panic!(
            "{} differs from its snapshot (VIVA_BLESS=1 rewrites it):\n{diff}",
            path.display()
        );
    }
}

/// Asserts that `haystack` contains `needle`, showing both when it does not.
#[track_caller]
pub(crate) fn assert_contains(haystack: &str, needle: &str) {
    assert!(
        haystack.contains(needle),
        "expected to find\n  {needle}\nin\n{haystack}"
    );
}

/// A valid one-question bank about signals, and its rubric (the example of docs/formats.md).
pub(crate) const SIGNALS_BANK: &str = r#"Topic(
    id: "signals",
    title: (ru: "Сигналы", en: "Signals"),
    questions: [
        Question(
            id: "signals.sigkill",
            text: (
                ru: "Почему приложение не может поймать SIGKILL?",
                en: "Why can't an application catch SIGKILL?",
            ),
            difficulty: Middle,
            model_answer: (
                ru: "SIGKILL обрабатывает ядро: процесс просто снимается, его обработчик не вызывается. Поэтому корректное завершение делают по SIGTERM.",
                en: "The kernel handles SIGKILL itself: the process is removed and no handler of it runs. Graceful shutdown therefore hangs off SIGTERM.",
            ),
        ),
    ],
)
"#;

pub(crate) const SIGNALS_RUBRIC: &str = r#"Rubric(
    question: "signals.sigkill",
    points: [
        Point(
            id: "kernel-kills",
            weight: 2,
            statement: (
                ru: "SIGKILL обрабатывает ядро, обработчик процесса не вызывается.",
                en: "The kernel handles SIGKILL; the process's handler never runs.",
            ),
            terms: ["ядро|ядром|kernel & убива*|снима*|обрабатыва*|kill*|handle*|terminat*"],
        ),
        Point(
            id: "use-sigterm",
            weight: 1,
            statement: (
                ru: "Корректное завершение делают по SIGTERM.",
                en: "Graceful shutdown is done on SIGTERM.",
            ),
            terms: ["sigterm", "graceful shutdown"],
        ),
    ],
    misconceptions: [
        Misconception(
            id: "handler-catches-sigkill",
            penalty: 30,
            claim: (ru: "SIGKILL можно перехватить.", en: "SIGKILL can be caught."),
            correction: (ru: "Обработчик на SIGKILL поставить нельзя.", en: "No handler can be set for SIGKILL."),
            terms: ["sigkill & (можно|can) (перехват*|поймать|catch*|caught|handle*)"],
        ),
    ],
)
"#;

/// A full answer to `signals.sigkill` in Russian, long enough not to be discounted as brief.
pub(crate) const FULL_ANSWER_RU: &str = "SIGKILL обрабатывает само ядро: оно просто убивает процесс, и никакой обработчик приложения не вызывается, потому что сигнал вообще не доставляется в пользовательский код. Это сознательная гарантия операционной системы — любой процесс можно остановить, даже если он завис или игнорирует все остальные сигналы. Поэтому корректное завершение делают по SIGTERM: приложение ловит его, дописывает данные, закрывает соединения и выходит само.";

/// A full answer to `signals.sigkill` in English.
pub(crate) const FULL_ANSWER_EN: &str = "The kernel handles SIGKILL itself: it simply kills the process, and no handler of the application runs, because the signal is never delivered to user space code at all. That is a deliberate guarantee of the operating system, so that any process can be stopped, even one that hangs or ignores every other signal. Graceful shutdown therefore hangs off SIGTERM: the application catches it, flushes its data, closes connections and exits on its own.";

/// A test with the signals bank in `bank/question_banks` and `bank/rubrics`, loaded alone.
pub(crate) fn signals_test() -> Test {
    Test::new()
        .write("bank/question_banks/signals.ron", SIGNALS_BANK)
        .write("bank/rubrics/signals.ron", SIGNALS_RUBRIC)
        .args(&["--no-default-bank", "--bank", "bank"])
}
