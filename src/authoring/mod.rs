//! Tools for people who write banks: checks beyond validity that make rubrics grade well.

pub mod calibrate;
pub mod import_md;
pub mod lint;
pub mod scaffold;
