//! The command line: `compare` and `report` ([`compare`]), `sources` and `matrix`
//! ([`corpus`]), `corpus` and `search` ([`dataset`]), `trace` ([`trace`]), `split` ([`split`]); without a subcommand, `main` opens the viewer. Every
//! table and summary the terminal shows is printed here.

mod compare;
mod corpus;
mod dataset;
mod split;
mod trace;

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
        doc: String,
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
        doc: String,
        /// Candidate sources: files, PATH#N, folders, saved corpus indexes.
        #[arg(required = true)]
        sources: Vec<String>,
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
    /// List the documents a file holds (a scraped listing holds many).
    Split {
        file: PathBuf,
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
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
        } => compare::compare(&parent, &child, json, color, outputs, &mut stdout),
        Command::Report { session, outputs } => compare::report(&session, outputs),
        Command::Sources { doc, corpus, json } => corpus::sources(&doc, &corpus, json, &mut stdout),
        Command::Trace { doc, sources, json } => trace::run(&doc, &sources, json, &mut stdout),
        Command::Matrix { corpus, json, .. } => corpus::matrix(&corpus, json, &mut stdout),
        Command::Corpus(args) => dataset::corpus(args, &mut stdout),
        Command::Search(args) => dataset::search(args, &mut stdout),
        Command::Split { file, json } => split::split(&file, json, &mut stdout),
    }
}
