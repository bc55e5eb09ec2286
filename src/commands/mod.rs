//! The commands: each takes plain options (never clap types) and writers, does its work through
//! the core modules, and returns what the exit code should reflect.

pub mod bank;
pub mod grade;
pub mod session;

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
