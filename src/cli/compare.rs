//! `compare PARENT CHILD` and `report SESSION`: one comparison, printed or written to report
//! files.

use std::ffi::OsStr;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use clap::ValueEnum;

use crate::report;
use crate::{Document, DocumentRef};

/// Report files to write (each atomically).
#[derive(Debug, Clone, Default, clap::Args)]
pub struct OutputArgs {
    /// Write a self-contained HTML report here.
    #[arg(long, value_name = "OUT")]
    pub html: Option<PathBuf>,
    /// Write the section table as CSV here.
    #[arg(long, value_name = "OUT")]
    pub csv: Option<PathBuf>,
    /// Write the JSON contract here (`-` for standard output; `--json` prints it too).
    #[arg(long, value_name = "OUT")]
    pub json_out: Option<PathBuf>,
    /// Write the comparison table (对照表) as a Word file here.
    #[arg(long, value_name = "OUT")]
    pub docx: Option<PathBuf>,
    /// Write the comparison table (对照表) as an Excel workbook here.
    #[arg(long, value_name = "OUT")]
    pub xlsx: Option<PathBuf>,
    /// In the comparison table, list the sections that are unchanged or changed only by the
    /// document-wide substitutions, punctuation or numbering too.
    #[arg(long)]
    pub all_sections: bool,
}

impl From<OutputArgs> for report::export::Outputs {
    fn from(a: OutputArgs) -> Self {
        Self {
            html: a.html,
            csv: a.csv,
            json: a.json_out,
            docx: a.docx,
            xlsx: a.xlsx,
            all_sections: a.all_sections,
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
    parent: &OsStr,
    child: &OsStr,
    json: bool,
    color: ColorChoice,
    outputs: OutputArgs,
    stdout: &mut dyn Write,
) -> anyhow::Result<()> {
    let outputs = report::export::Outputs::from(outputs);
    let (parent_ref, child_ref) = (
        DocumentRef::parse_os(parent)?,
        DocumentRef::parse_os(child)?,
    );
    // Refused before the work, not after it.
    outputs.check(&[parent_ref.path.as_path(), child_ref.path.as_path()])?;
    // The checks after the alignment need the gazetteer, parsed once: parse it on the
    // other core while the documents are read and aligned.
    std::thread::spawn(|| {
        crate::checks::gazetteer::gazetteer();
    });
    let parent_doc = Document::open_ref(&parent_ref)?;
    let child_doc = Document::open_ref(&child_ref)?;
    super::print_reader_warnings([&*parent_doc.source, &*child_doc.source]);
    let comparison = crate::compare::compare(&parent_doc, &child_doc);
    // Report files; with any of them and no --json, nothing else is printed.
    let notes = report::export::write_all(
        &outputs,
        &parent_doc,
        &child_doc,
        &comparison,
        Default::default(),
        stdout,
    )?;
    super::print_notes(&notes);
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

pub(super) fn report(
    session: &Path,
    outputs: OutputArgs,
    stdout: &mut dyn Write,
) -> anyhow::Result<()> {
    let outputs = report::export::Outputs::from(outputs);
    if outputs.is_empty() {
        return Err(super::UsageError(
            "name a report to write: --html OUT, --csv OUT, --json-out OUT, --docx OUT or --xlsx OUT".into(),
        )
        .into());
    }
    outputs.check(&[session])?;
    let loaded = crate::review::session::Session::load(session)?;
    let resolved = loaded.resolve(Some(session))?;
    super::print_reader_warnings([&*resolved.parent.source, &*resolved.child.source]);
    for warning in &resolved.warnings {
        eprintln!(
            "policy-lineage: warning: {}",
            super::terminal::clean(warning, super::terminal::ERROR_CHARS)
        );
    }
    let notes = report::export::write_all(
        &outputs,
        &resolved.parent,
        &resolved.child,
        &resolved.comparison,
        report::html::Extras {
            notes: &resolved.session.notes,
            corrections: &resolved.session.corrections,
            unattached: &resolved.lost_notes,
        },
        stdout,
    )?;
    super::print_notes(&notes);
    Ok(())
}
