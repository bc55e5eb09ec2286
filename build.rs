//! Embeds the default question bank and rubrics into the binary, so `viva` works from any directory.
//!
//! Every `*.ron` file under `question_banks/` and `rubrics/` is listed in `default_bank.rs` in
//! `OUT_DIR` as `(relative path, include_str!(...))`; cargo re-runs this script when a file is
//! added, removed or edited.

use std::env;
use std::fmt::Write as _;
use std::fs;
use std::path::Path;

fn main() {
    let root = env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let mut generated = String::from("&[\n");
    for folder in ["question_banks", "rubrics"] {
        let dir = Path::new(&root).join(folder);
        println!("cargo:rerun-if-changed={}", dir.display());
        let mut names: Vec<String> = fs::read_dir(&dir)
            .map(|entries| {
                entries
                    .filter_map(Result::ok)
                    .map(|entry| entry.file_name().to_string_lossy().into_owned())
                    .filter(|name| name.ends_with(".ron"))
                    .collect()
            })
            .unwrap_or_default();
        names.sort();
        for name in names {
            let path = dir.join(&name);
            println!("cargo:rerun-if-changed={}", path.display());
            writeln!(
                generated,
                "    ({:?}, include_str!({:?})),",
                format!("{folder}/{name}"),
                path.display().to_string()
            )
            .expect("writing to a String cannot fail");
        }
    }
    generated.push(']');
    let out = Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("default_bank.rs");
    fs::write(out, generated).expect("OUT_DIR is writable");
}
