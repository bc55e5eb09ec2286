//! The command line itself: help, usage errors and shell completions.

use crate::harness::{Test, assert_contains};

#[test]
fn completions_cover_every_command() {
    for shell in ["bash", "zsh", "fish"] {
        let output = Test::new().args(&["completions", shell]).status(0);
        for command in [
            "start",
            "resume",
            "report",
            "study",
            "notes",
            "grade",
            "bank",
            "import-md",
        ] {
            assert_contains(&output.stdout, command);
        }
    }
}

#[test]
fn help_and_usage_errors() {
    let output = Test::new().args(&["--help"]).status(0);
    assert_contains(
        &output.stdout,
        "Offline mock technical interviews for Python backend developers",
    );
    let output = Test::new().args(&["start", "--mode", "chaotic"]).status(2);
    assert_contains(&output.stderr, "invalid value 'chaotic'");
    let output = Test::new()
        .args(&["report", "--since", "yesterday"])
        .status(2);
    assert_contains(&output.stderr, "`yesterday` is not a date");
}

#[test]
fn a_closed_pipe_is_not_a_failure() {
    use std::io::Read;
    use std::process::{Command, Stdio};
    let mut child = Command::new(env!("CARGO_BIN_EXE_viva"))
        .args(["bank", "list", "--json"])
        .stdout(Stdio::piped())
        .spawn()
        .expect("viva starts");
    let mut first = [0u8; 16];
    child
        .stdout
        .take()
        .expect("stdout")
        .read_exact(&mut first)
        .expect("some output");
    // The reading end is closed after 16 bytes, as `viva bank list --json | head -c 16` does.
    let status = child.wait().expect("viva exits");
    assert!(status.success(), "{status:?}");
}
