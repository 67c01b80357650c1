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
    },
    /// List the documents a file holds (a scraped listing holds many).
    Split {
        file: PathBuf,
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
}

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
        } => {
            let parent_doc = Document::open(&parent)?;
            let child_doc = Document::open(&child)?;
            let comparison = compare(&parent_doc, &child_doc);
            if json {
                let strip = |s: &str| {
                    s.rsplit_once('#')
                        .filter(|_| !std::path::Path::new(s).exists())
                        .map_or(s.to_owned(), |(p, _)| p.to_owned())
                };
                let text = report::json::to_string(
                    &parent_doc,
                    &child_doc,
                    &comparison,
                    &strip(&parent),
                    &strip(&child),
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
