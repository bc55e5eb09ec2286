//! Integration tests: the real `viva` binary, run against small bank files in temporary
//! folders, with a hermetic environment. One module per command.

mod harness;

mod agreement;
mod authoring;
mod bank_quality;
mod bank_validate;
mod cli;
mod grade;
mod properties;
mod pty;
mod reliability;
mod report;
mod start;
mod study;
