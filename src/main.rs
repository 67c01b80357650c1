//! `policy-lineage`: the viewer without a subcommand, the command line with one.

use std::ffi::OsString;
use std::process::ExitCode;

use clap::Parser;
use policy_lineage::cli::{Cli, run};

fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Some(command) = cli.command {
        return run(command);
    }
    viewer(cli.parent, cli.child)
}

#[cfg(feature = "gui")]
fn viewer(parent: Option<OsString>, child: Option<OsString>) -> ExitCode {
    use policy_lineage::DocumentRef;

    let initial = match (parent, child) {
        (Some(parent), Some(child)) => {
            match (
                DocumentRef::parse_os(&parent),
                DocumentRef::parse_os(&child),
            ) {
                (Ok(p), Ok(c)) => Some((p, c)),
                (Err(e), _) | (_, Err(e)) => {
                    eprintln!("policy-lineage: {e}");
                    return ExitCode::FAILURE;
                }
            }
        }
        (Some(_), None) => {
            eprintln!(
                "policy-lineage: give both a PARENT and a CHILD document (or neither, for the example)"
            );
            return ExitCode::from(2);
        }
        _ => None,
    };
    match policy_lineage::app::run(initial) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            policy_lineage::cli::report_error(&error);
            ExitCode::FAILURE
        }
    }
}

#[cfg(not(feature = "gui"))]
fn viewer(_parent: Option<OsString>, _child: Option<OsString>) -> ExitCode {
    eprintln!(
        "policy-lineage: the viewer is not built into this binary (cargo feature `gui`); \
         use a subcommand, e.g. `policy-lineage compare PARENT CHILD` (see --help)"
    );
    ExitCode::from(2)
}
