//! The command line as a user runs it, one binary: the real executable, real files, exit codes
//! and messages.

#[path = "cli/commands.rs"]
mod commands;
#[path = "cli/dataset.rs"]
mod dataset;
#[path = "cli/inputs.rs"]
mod inputs;
#[path = "cli/messages.rs"]
mod messages;
#[path = "cli/outputs.rs"]
mod outputs;
#[path = "cli/permissions.rs"]
mod permissions;
#[path = "cli/table.rs"]
mod table;
#[path = "cli/trace.rs"]
mod trace;
