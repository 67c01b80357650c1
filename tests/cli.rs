//! The command line as a user runs it, one binary: the real executable, real files, exit codes
//! and messages.

#[path = "cli/commands.rs"]
mod commands;
#[path = "cli/dataset.rs"]
mod dataset;
#[path = "engine/formats_writers.rs"]
#[allow(dead_code)] // the engine tests use the OFD writer
mod formats_writers;
#[path = "../examples/support/generate.rs"]
#[allow(dead_code)] // the benchmarks use the document size and the memory figure
mod generate;
#[path = "cli/inputs.rs"]
mod inputs;
#[path = "cli/messages.rs"]
mod messages;
#[path = "cli/outputs.rs"]
mod outputs;
#[path = "cli/permissions.rs"]
mod permissions;
#[path = "cli/reader_warnings.rs"]
mod reader_warnings;
#[path = "cli/spark.rs"]
mod spark;
#[path = "cli/table.rs"]
mod table;
#[path = "cli/trace.rs"]
mod trace;
