//! The command line as a user runs it, one binary: the real executable, real files, exit codes
//! and messages.

#[path = "cli/commands.rs"]
mod commands;
#[path = "cli/dataset.rs"]
mod dataset;
#[path = "cli/trace.rs"]
mod trace;
