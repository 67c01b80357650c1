//! Writing reports to files, shared by the command line and the viewer's File menu. Every
//! file is written atomically: a failed export leaves an older report intact.

use std::path::{Path, PathBuf};

use anyhow::Context;

use crate::Document;
use crate::checks::Check;
use crate::compare::Comparison;
use crate::report::html::Extras;
use crate::report::table::{self, Table, TableOptions};
use crate::report::{docx, xlsx};

/// The report files to write; `None` skips one.
#[derive(Debug, Clone, Default)]
pub struct Outputs {
    pub html: Option<PathBuf>,
    pub csv: Option<PathBuf>,
    pub json: Option<PathBuf>,
    /// The 对照表 as a Word file and as an Excel workbook.
    pub docx: Option<PathBuf>,
    pub xlsx: Option<PathBuf>,
    /// The 对照表 lists unchanged and merely localised sections too.
    pub all_sections: bool,
}

impl Outputs {
    pub fn is_empty(&self) -> bool {
        self.files().is_empty() && self.json.is_none()
    }
}

/// How a document is named in the JSON contract: the path as given, without `#N`.
fn contract_path(doc: &Document) -> String {
    doc.source.path.display().to_string()
}

/// An output that would destroy an input or another output; refused before anything is
/// written.
#[derive(Debug, thiserror::Error)]
pub enum OutputConflict {
    #[error("{output}: is also an input ({input}); choose another output file")]
    IsInput { output: PathBuf, input: PathBuf },
    #[error("{path}: named by two outputs; give each report its own file")]
    Twice { path: PathBuf },
}

/// Writes one report atomically; `what` names it in the error ("the CSV table").
fn write_report(path: &Path, bytes: &[u8], what: &str) -> anyhow::Result<Vec<String>> {
    crate::review::atomic::write(path, bytes)
        .with_context(|| format!("{}: cannot write {what}", path.display()))
}

/// Refuses `output` when it is the same file as one of `inputs`.
fn check_not_input(output: &Path, inputs: &[&Path]) -> Result<(), OutputConflict> {
    match inputs
        .iter()
        .find(|i| crate::review::atomic::same_file(output, i))
    {
        Some(input) => Err(OutputConflict::IsInput {
            output: output.to_owned(),
            input: input.to_path_buf(),
        }),
        None => Ok(()),
    }
}

fn documents(parent: &Document, child: &Document) -> [PathBuf; 2] {
    [parent.source.path.clone(), child.source.path.clone()]
}

pub fn write_html(
    path: &Path,
    parent: &Document,
    child: &Document,
    comparison: &Comparison,
    extras: Extras,
) -> anyhow::Result<Vec<String>> {
    let [p, c] = documents(parent, child);
    check_not_input(path, &[p.as_path(), c.as_path()])?;
    let html = crate::report::html::render(parent, child, comparison, extras);
    write_report(path, html.as_bytes(), "the HTML report")
}

pub fn write_csv(
    path: &Path,
    parent: &Document,
    child: &Document,
    comparison: &Comparison,
    extras: Extras,
) -> anyhow::Result<Vec<String>> {
    let [p, c] = documents(parent, child);
    check_not_input(path, &[p.as_path(), c.as_path()])?;
    let csv = render_csv(parent, child, comparison, extras);
    write_report(path, csv.as_bytes(), "the CSV table")
}

pub fn write_json(
    path: &Path,
    parent: &Document,
    child: &Document,
    comparison: &Comparison,
) -> anyhow::Result<Vec<String>> {
    let [p, c] = documents(parent, child);
    check_not_input(path, &[p.as_path(), c.as_path()])?;
    let json = render_json(parent, child, comparison)?;
    write_report(path, json.as_bytes(), "the JSON")
}

pub fn write_docx(
    path: &Path,
    parent: &Document,
    child: &Document,
    comparison: &Comparison,
    extras: Extras,
    all_sections: bool,
) -> anyhow::Result<Vec<String>> {
    let [p, c] = documents(parent, child);
    check_not_input(path, &[p.as_path(), c.as_path()])?;
    let docx = render_docx(parent, child, comparison, extras, all_sections)?;
    write_report(path, &docx, "the Word table")
}

pub fn write_xlsx(
    path: &Path,
    parent: &Document,
    child: &Document,
    comparison: &Comparison,
    extras: Extras,
    all_sections: bool,
) -> anyhow::Result<Vec<String>> {
    let [p, c] = documents(parent, child);
    check_not_input(path, &[p.as_path(), c.as_path()])?;
    let xlsx = render_xlsx(parent, child, comparison, extras, all_sections)?;
    write_report(path, &xlsx, "the Excel table")
}

/// The 对照表 and the checks it lists.
fn table_of(
    parent: &Document,
    child: &Document,
    comparison: &Comparison,
    extras: Extras,
    all_sections: bool,
) -> (Table, Vec<Check>) {
    let checks = crate::checks::run(parent, child, comparison);
    let table = table::build(
        parent,
        child,
        comparison,
        TableOptions {
            notes: extras.notes,
            corrections: extras.corrections,
            checks: &checks,
            all_sections,
        },
    );
    (table, checks)
}

/// Today, as the table's title gives it: 2026年12月1日.
fn today() -> String {
    chrono::Local::now().format("%Y年%-m月%-d日").to_string()
}

fn render_docx(
    parent: &Document,
    child: &Document,
    comparison: &Comparison,
    extras: Extras,
    all_sections: bool,
) -> anyhow::Result<Vec<u8>> {
    let (table, checks) = table_of(parent, child, comparison, extras, all_sections);
    let meta = docx::Meta {
        parent_label: &parent.label(),
        child_label: &child.label(),
        date: &today(),
    };
    docx::render(&table, &checks, &meta).context("cannot build the Word table")
}

fn render_xlsx(
    parent: &Document,
    child: &Document,
    comparison: &Comparison,
    extras: Extras,
    all_sections: bool,
) -> anyhow::Result<Vec<u8>> {
    let (table, checks) = table_of(parent, child, comparison, extras, all_sections);
    let subtitle = format!(
        "上级文件：{}（{}）　下级文件：{}（{}）　生成日期：{}",
        parent.title,
        parent.label(),
        child.title,
        child.label(),
        today()
    );
    xlsx::render(&table, &checks, &subtitle).context("cannot build the Excel table")
}

fn render_csv(
    parent: &Document,
    child: &Document,
    comparison: &Comparison,
    extras: Extras,
) -> String {
    crate::report::csv::render(parent, child, comparison, extras.notes, extras.corrections)
}

fn render_json(
    parent: &Document,
    child: &Document,
    comparison: &Comparison,
) -> anyhow::Result<String> {
    let mut json = crate::report::json::to_string(
        parent,
        child,
        comparison,
        &contract_path(parent),
        &contract_path(child),
    )?;
    json.push('\n');
    Ok(json)
}

/// The path meaning standard output for `--json-out`.
const STDOUT: &str = "-";

impl Outputs {
    /// Refuses outputs that name one of `inputs` or the same file twice, before anything is
    /// computed or written.
    pub fn check(&self, inputs: &[&Path]) -> Result<(), OutputConflict> {
        let files = self.files();
        for (i, path) in files.iter().enumerate() {
            check_not_input(path, inputs)?;
            if files[..i]
                .iter()
                .any(|other| crate::review::atomic::same_file(path, other))
            {
                return Err(OutputConflict::Twice {
                    path: path.to_path_buf(),
                });
            }
        }
        Ok(())
    }

    /// The outputs that are files.
    fn files(&self) -> Vec<&Path> {
        [&self.html, &self.csv, &self.json, &self.docx, &self.xlsx]
            .into_iter()
            .filter_map(|path| path.as_deref())
            .filter(|p| p.as_os_str() != STDOUT)
            .collect()
    }
}

/// Writes every requested report: all or none (each is complete in a temporary file before
/// the first replaces its target). `--json-out -` goes to `stdout` once the files are written.
/// Returns notes for the user (see [`crate::review::atomic::write_all`]).
pub fn write_all(
    outputs: &Outputs,
    parent: &Document,
    child: &Document,
    comparison: &Comparison,
    extras: Extras,
    stdout: &mut dyn std::io::Write,
) -> anyhow::Result<Vec<String>> {
    let [p, c] = documents(parent, child);
    outputs.check(&[p.as_path(), c.as_path()])?;
    let mut files: Vec<(&Path, Vec<u8>)> = Vec::new();
    if let Some(path) = &outputs.html {
        let html = crate::report::html::render(parent, child, comparison, extras);
        files.push((path.as_path(), html.into_bytes()));
    }
    if let Some(path) = &outputs.csv {
        let csv = render_csv(parent, child, comparison, extras);
        files.push((path.as_path(), csv.into_bytes()));
    }
    if let Some(path) = &outputs.docx {
        let docx = render_docx(parent, child, comparison, extras, outputs.all_sections)?;
        files.push((path.as_path(), docx));
    }
    if let Some(path) = &outputs.xlsx {
        let xlsx = render_xlsx(parent, child, comparison, extras, outputs.all_sections)?;
        files.push((path.as_path(), xlsx));
    }
    let mut json_to_stdout = None;
    if let Some(path) = &outputs.json {
        let json = render_json(parent, child, comparison)?;
        if path.as_os_str() == STDOUT {
            json_to_stdout = Some(json);
        } else {
            files.push((path.as_path(), json.into_bytes()));
        }
    }
    let batch: Vec<(&Path, &[u8])> = files.iter().map(|(p, b)| (*p, b.as_slice())).collect();
    let notes = crate::review::atomic::write_all(&batch).context("no report was written")?;
    if let Some(json) = json_to_stdout {
        stdout.write_all(json.as_bytes())?;
    }
    Ok(notes)
}
