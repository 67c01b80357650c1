//! The command line: `compare` and `report` ([`compare`]), `sources` and `matrix`
//! ([`corpus`]), `corpus` and `search` ([`dataset`]), the Spark job's steps ([`spark`]), `trace` ([`trace`]), `split` ([`split`]); without a subcommand, `main` opens the viewer. Every
//! table and summary the terminal shows is printed here.

mod compare;
mod corpus;
mod dataset;
mod spark;
mod split;
pub(crate) mod terminal;
mod trace;

use std::ffi::OsString;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

pub use compare::{ColorChoice, OutputArgs};

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
    pub parent: Option<OsString>,
    /// Child document to open in the viewer (PATH or PATH#N).
    pub child: Option<OsString>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Compare a child document with its parent and print what it inherited, adapted and added.
    Compare {
        /// The higher-level document (PATH or PATH#N).
        parent: OsString,
        /// The derived local document (PATH or PATH#N).
        child: OsString,
        /// Print the JSON contract instead of the summary.
        #[arg(long)]
        json: bool,
        /// Colour the summary.
        #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
        color: ColorChoice,
        #[command(flatten)]
        outputs: OutputArgs,
    },
    /// Render a saved review session (.ron) to report files, with its corrections and notes.
    Report {
        /// The session file.
        session: PathBuf,
        #[command(flatten)]
        outputs: OutputArgs,
    },
    /// Rank the corpus documents DOC most likely derives from (and those derived from it).
    Sources {
        /// The document (PATH or PATH#N).
        doc: OsString,
        /// Folders and files forming the corpus.
        #[arg(required = true)]
        corpus: Vec<PathBuf>,
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Trace DOC through several sources: where each passage came from, and what is stock wording.
    Trace {
        /// The document (PATH or PATH#N).
        doc: OsString,
        /// Candidate sources: files, PATH#N, folders, saved corpus indexes.
        #[arg(required = true)]
        sources: Vec<OsString>,
        /// Print the JSON contract instead of the table.
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
    /// Index a corpus, relate every document to it, and write the tables (Parquet and CSV),
    /// a codebook and a manifest.
    Corpus(dataset::CorpusArgs),
    /// List every document of a corpus holding a phrase, with the hits' places.
    Search(dataset::SearchArgs),
    /// Steps of the corpus run on Apache Spark (spark/lineage.py runs them), JSON lines in
    /// and out.
    #[command(subcommand)]
    Spark(spark::SparkStep),
    /// List the documents a file holds (a scraped listing holds many).
    Split {
        file: PathBuf,
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
}

/// A mistake in how the program was called (exit code 2), as opposed to bad input (1).
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct UsageError(String);

/// Runs a subcommand; errors become one line on standard error, with exit code 2 for usage
/// errors and 1 for input errors. Standard output closed by the reader (`| head`) ends the run
/// quietly.
pub fn run(command: Command) -> ExitCode {
    match execute(command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) if terminal::is_broken_pipe(&error) => ExitCode::SUCCESS,
        Err(error) => {
            report_error(&error);
            let usage = error.downcast_ref::<UsageError>().is_some()
                || error
                    .downcast_ref::<crate::report::export::OutputConflict>()
                    .is_some();
            ExitCode::from(if usage { 2 } else { 1 })
        }
    }
}

/// Prints an error as one clean line (each cause once, no control characters).
pub fn report_error(error: &anyhow::Error) {
    eprintln!("policy-lineage: {}", terminal::error_line(error));
}

/// Prints what the writer noticed (a hard link broken, an owner changed).
fn print_notes(notes: &[String]) {
    for note in notes {
        eprintln!(
            "policy-lineage: note: {}",
            terminal::clean(note, terminal::ERROR_CHARS)
        );
    }
}

/// Prints what the readers noticed about the files' text (the share of a PDF's characters
/// that could not be read, say), each file once, as every command that opens documents does.
fn print_reader_warnings<'a>(
    sources: impl IntoIterator<Item = &'a crate::document::decode::SourceFile>,
) {
    let mut seen = std::collections::HashSet::new();
    print_file_warnings(
        sources
            .into_iter()
            .filter(|source| seen.insert(source.path.as_path()))
            .flat_map(|source| {
                let path = source.path.as_path();
                source.meta.warnings.iter().map(move |w| (path, w.as_str()))
            }),
    );
}

/// Prints reader warnings already collected per file (a corpus index keeps them).
fn print_file_warnings<'a>(warnings: impl IntoIterator<Item = (&'a std::path::Path, &'a str)>) {
    for (path, warning) in warnings {
        let line = format!("{}: {warning}", path.display());
        eprintln!(
            "policy-lineage: warning: {}",
            terminal::clean(&line, terminal::ERROR_CHARS)
        );
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
        } => compare::compare(&parent, &child, json, color, outputs, &mut stdout),
        Command::Report { session, outputs } => compare::report(&session, outputs, &mut stdout),
        Command::Sources { doc, corpus, json } => corpus::sources(&doc, &corpus, json, &mut stdout),
        Command::Trace { doc, sources, json } => trace::run(&doc, &sources, json, &mut stdout),
        Command::Matrix { corpus, json, .. } => corpus::matrix(&corpus, json, &mut stdout),
        Command::Corpus(args) => dataset::corpus(args, &mut stdout),
        Command::Search(args) => dataset::search(args, &mut stdout),
        Command::Spark(step) => spark::run(step, &mut stdout),
        Command::Split { file, json } => split::split(&file, json, &mut stdout),
    }
}
