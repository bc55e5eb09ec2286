//! The commands: each takes plain options (never clap types) and writers, does its work through
//! the core modules, and returns what the exit code should reflect.

pub mod bank;
pub mod grade;
pub mod report;
pub mod session;
pub mod study;

use crate::bank::{Bank, BankSources};
use crate::error::{Error, Result};

/// Loads the banks of `sources`, failing with every problem if any is found.
pub fn load_bank(sources: &BankSources) -> Result<Bank> {
    let loaded = Bank::load(sources);
    if loaded.problems.is_empty() {
        Ok(loaded.bank)
    } else {
        Err(Error::InvalidBank(loaded.problems))
    }
}

/// Loads the banks for a command that only reads them for titles and statements (reports): a
/// bank with problems is used as far as it loaded, with a one-line warning, so a broken bank
/// never hides a candidate's history.
pub fn load_bank_for_reading(sources: &BankSources, err: &mut dyn std::io::Write) -> Result<Bank> {
    let loaded = Bank::load(sources);
    if !loaded.problems.is_empty() {
        writeln!(
            err,
            "viva: the loaded banks have {}; titles and key points may be missing (see `viva bank validate`)",
            crate::error::count(loaded.problems.len(), "problem", "problems")
        )?;
    }
    Ok(loaded.bank)
}
