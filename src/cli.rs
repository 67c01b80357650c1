//! The command line: `compare`, `split`, and (without a subcommand) the viewer.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use crate::Document;
use crate::lineage::compare;
use crate::load::read_source;
use crate::report;
use crate::split::split_entries;

#[derive(Debug, Parser)]
#[command(
    name = "policy-lineage",
    version,
    about = "Shows how a local policy document was derived from a higher-level one",
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Parent document to open in the viewer (PATH or PATH#N).
    pub parent: Option<String>,
    /// Child document to open in the viewer (PATH or PATH#N).
    pub child: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Compare a child document with its parent and print what it inherited, adapted and added.
    Compare {
        /// The higher-level document (PATH or PATH#N).
        parent: String,
        /// The derived local document (PATH or PATH#N).
        child: String,
        /// Print the JSON contract instead of the summary.
        #[arg(long)]
        json: bool,
        /// Colour the summary.
        #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
        color: ColorChoice,
        // Issue 5 (reports): begin
        #[command(flatten)]
        outputs: OutputArgs,
        // Issue 5: end
    },
    // Issue 5 (sessions): begin
    /// Render a saved review session (.ron) to report files, with its corrections and notes.
    Report {
        /// The session file.
        session: PathBuf,
        #[command(flatten)]
        outputs: OutputArgs,
    },
    // Issue 5: end
    /// Rank the corpus documents DOC most likely derives from (and those derived from it).
    Sources {
        /// The document (PATH or PATH#N).
        doc: String,
        /// Folders and files forming the corpus.
        #[arg(required = true)]
        corpus: Vec<PathBuf>,
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Pairwise similarity of all corpus documents.
    Matrix {
        /// Folders and files forming the corpus.
        #[arg(required = true)]
        corpus: Vec<PathBuf>,
        /// Print CSV (the default).
        #[arg(long, conflicts_with = "json")]
        csv: bool,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// List the documents a file holds (a scraped listing holds many).
    Split {
        file: PathBuf,
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
}

// Issue 5 (reports): begin
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
// Issue 5: end

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// Runs a subcommand; errors become one line on standard error and exit code 1.
pub fn run(command: Command) -> ExitCode {
    match execute(command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("policy-lineage: {error:#}");
            ExitCode::FAILURE
        }
    }
}

fn execute(command: Command) -> anyhow::Result<()> {
    let mut stdout = std::io::stdout().lock();
    match command {
        Command::Compare {
            parent,
            child,
            json,
            color,
            outputs,
        } => {
            let parent_doc = Document::open(&parent)?;
            let child_doc = Document::open(&child)?;
            let comparison = compare(&parent_doc, &child_doc);
            // Issue 5: report files; with any of them and no --json, nothing is printed.
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
        }
        Command::Sources { doc, corpus, json } => {
            crate::corpus::sources::run_command(&doc, &corpus, json, &mut stdout)?;
        }
        Command::Matrix { corpus, json, .. } => {
            crate::corpus::matrix::run_command(&corpus, json, &mut stdout)?;
        }
        // Issue 5 (sessions): begin
        Command::Report { session, outputs } => {
            let outputs = report::export::Outputs::from(outputs);
            anyhow::ensure!(
                !outputs.is_empty(),
                "name a report to write: --html OUT, --csv OUT or --json-out OUT"
            );
            let loaded = crate::session::Session::load(&session)?;
            let resolved = loaded.resolve(Some(&session))?;
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
        }
        // Issue 5: end
        Command::Split { file, json } => {
            let source = read_source(&file)?;
            let entries = split_entries(&source);
            if json {
                let list: Vec<serde_json::Value> = entries
                    .iter()
                    .enumerate()
                    .map(|(i, e)| {
                        serde_json::json!({
                            "index": i + 1,
                            "title": e.title,
                            "date": e.date,
                            "chars": e.range.len(),
                            "start": e.range.start,
                            "end": e.range.end,
                            "encoding": source.encoding,
                            "has_text": e.has_text,
                        })
                    })
                    .collect();
                writeln!(stdout, "{}", serde_json::to_string_pretty(&list)?)?;
            } else {
                for (i, e) in entries.iter().enumerate() {
                    let mark = if e.has_text { "" } else { "  [no text]" };
                    writeln!(
                        stdout,
                        "{:>3}  {}  {}  {} chars  {}{}",
                        i + 1,
                        e.title,
                        e.date.as_deref().unwrap_or("-"),
                        e.range.len(),
                        source.encoding,
                        mark
                    )?;
                }
            }
        }
    }
    Ok(())
}
