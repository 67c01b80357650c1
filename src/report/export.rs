//! Writing reports to files, shared by the command line and the viewer's File menu. Every
//! file is written atomically: a failed export leaves an older report intact.

use std::path::{Path, PathBuf};

use anyhow::Context;

use crate::Document;
use crate::compare::Comparison;
use crate::report::html::Extras;

/// The report files to write; `None` skips one.
#[derive(Debug, Clone, Default)]
pub struct Outputs {
    pub html: Option<PathBuf>,
    pub csv: Option<PathBuf>,
    pub json: Option<PathBuf>,
}

impl Outputs {
    pub fn is_empty(&self) -> bool {
        self.html.is_none() && self.csv.is_none() && self.json.is_none()
    }
}

/// How a document is named in the JSON contract: the path as given, without `#N`.
pub fn contract_path(doc: &Document) -> String {
    doc.source.path.display().to_string()
}

/// Writes one report atomically; `what` names it in the error ("the CSV table").
fn write_report(path: &Path, bytes: &[u8], what: &str) -> anyhow::Result<()> {
    crate::review::atomic::write(path, bytes)
        .with_context(|| format!("{}: cannot write {what}", path.display()))
}

pub fn write_html(
    path: &Path,
    parent: &Document,
    child: &Document,
    comparison: &Comparison,
    extras: Extras,
) -> anyhow::Result<()> {
    let html = crate::report::html::render(parent, child, comparison, extras);
    write_report(path, html.as_bytes(), "the HTML report")
}

pub fn write_csv(
    path: &Path,
    parent: &Document,
    child: &Document,
    comparison: &Comparison,
    extras: Extras,
) -> anyhow::Result<()> {
    let csv =
        crate::report::csv::render(parent, child, comparison, extras.notes, extras.corrections);
    write_report(path, csv.as_bytes(), "the CSV table")
}

pub fn write_json(
    path: &Path,
    parent: &Document,
    child: &Document,
    comparison: &Comparison,
) -> anyhow::Result<()> {
    let mut json = crate::report::json::to_string(
        parent,
        child,
        comparison,
        &contract_path(parent),
        &contract_path(child),
    )?;
    json.push('\n');
    write_report(path, json.as_bytes(), "the JSON")
}

/// Writes every requested report.
pub fn write_all(
    outputs: &Outputs,
    parent: &Document,
    child: &Document,
    comparison: &Comparison,
    extras: Extras,
) -> anyhow::Result<()> {
    if let Some(path) = &outputs.html {
        write_html(path, parent, child, comparison, extras)?;
    }
    if let Some(path) = &outputs.csv {
        write_csv(path, parent, child, comparison, extras)?;
    }
    if let Some(path) = &outputs.json {
        write_json(path, parent, child, comparison)?;
    }
    Ok(())
}
