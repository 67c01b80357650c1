//! `compare PARENT CHILD` and `report SESSION`: one comparison, printed or written to report
//! files.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use clap::ValueEnum;

use crate::Document;
use crate::report;

/// Report files to write (each atomically).
#[derive(Debug, Clone, Default, clap::Args)]
pub struct OutputArgs {
    /// Write a self-contained HTML report here.
    #[arg(long, value_name = "OUT")]
    pub html: Option<PathBuf>,
    /// Write the section table as CSV here.
    #[arg(long, value_name = "OUT")]
    pub csv: Option<PathBuf>,
    /// Write the JSON contract here (`--json` prints it instead).
    #[arg(long, value_name = "OUT")]
    pub json_out: Option<PathBuf>,
}

impl From<OutputArgs> for report::export::Outputs {
    fn from(a: OutputArgs) -> Self {
        Self {
            html: a.html,
            csv: a.csv,
            json: a.json_out,
        }
    }
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

pub(super) fn compare(
    parent: &str,
    child: &str,
    json: bool,
    color: ColorChoice,
    outputs: OutputArgs,
    stdout: &mut dyn Write,
) -> anyhow::Result<()> {
    let parent_doc = Document::open(parent)?;
    let child_doc = Document::open(child)?;
    for doc in [&parent_doc, &child_doc] {
        for warning in &doc.source.meta.warnings {
            eprintln!(
                "policy-lineage: warning: {}: {warning}",
                doc.source.path.display()
            );
        }
    }
    let comparison = crate::compare::compare(&parent_doc, &child_doc);
    // Report files; with any of them and no --json, nothing is printed.
    let outputs = report::export::Outputs::from(outputs);
    report::export::write_all(
        &outputs,
        &parent_doc,
        &child_doc,
        &comparison,
        Default::default(),
    )?;
    if !outputs.is_empty() && !json {
        return Ok(());
    }
    if json {
        // The path as given, without `#N` (the document already parsed it).
        let path = |doc: &Document| doc.source.path.display().to_string();
        let text = report::json::to_string(
            &parent_doc,
            &child_doc,
            &comparison,
            &path(&parent_doc),
            &path(&child_doc),
        )?;
        writeln!(stdout, "{text}")?;
    } else {
        let color = match color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
            }
        };
        let text = report::text::render(
            &parent_doc,
            &child_doc,
            &comparison,
            report::text::Style { color },
        );
        write!(stdout, "{text}")?;
    }
    Ok(())
}

pub(super) fn report(session: &Path, outputs: OutputArgs) -> anyhow::Result<()> {
    let outputs = report::export::Outputs::from(outputs);
    anyhow::ensure!(
        !outputs.is_empty(),
        "name a report to write: --html OUT, --csv OUT or --json-out OUT"
    );
    let loaded = crate::review::session::Session::load(session)?;
    let resolved = loaded.resolve(Some(session))?;
    for warning in &resolved.warnings {
        eprintln!("policy-lineage: warning: {warning}");
    }
    report::export::write_all(
        &outputs,
        &resolved.parent,
        &resolved.child,
        &resolved.comparison,
        report::html::Extras {
            notes: &resolved.session.notes,
            corrections: &resolved.session.corrections,
            unattached: &resolved.lost_notes,
        },
    )?;
    Ok(())
}
