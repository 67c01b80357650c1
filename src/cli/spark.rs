//! `spark`: the steps of the corpus run that the Spark job (`spark/lineage.py`) runs on its
//! driver and executors, each reading and writing JSON lines.

use std::io::{BufReader, BufWriter, Write};
use std::path::PathBuf;

use crate::corpus::run::RunOptions;
use crate::corpus::run::cluster;
use crate::corpus::sources::Options as Ranking;

#[derive(Debug, clap::Subcommand)]
pub enum SparkStep {
    /// List the files of the corpus, one `{"path"}` line each, as the corpus run walks them.
    Files {
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
    },
    /// Index the files named on standard input: one line per file, its documents' facts and
    /// sampled shingles.
    Index,
    /// From every file's `index` line on standard input: the corpus documents (with their
    /// shingles, copies merged) and the work list.
    Plan,
    /// Relate the documents on standard input (each with the documents sharing shingles with
    /// it and the counts): one line of table rows per document.
    Relate {
        #[command(flatten)]
        ranking: RankingArgs,
    },
    /// Write the tables, codebook and manifest from the `index` and `relate` lines.
    Tables {
        /// The corpus as given to the job (recorded in the manifest).
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
        /// Every file's `index` line.
        #[arg(long, value_name = "FILE")]
        files: PathBuf,
        /// Every document's `relate` line.
        #[arg(long, value_name = "FILE")]
        results: PathBuf,
        #[arg(long, value_name = "OUTDIR")]
        out: PathBuf,
        #[command(flatten)]
        ranking: RankingArgs,
        /// Seconds the job spent indexing and relating (recorded in the manifest).
        #[arg(long, default_value_t = 0.0)]
        indexing_seconds: f64,
        #[arg(long, default_value_t = 0.0)]
        relating_seconds: f64,
    },
}

#[derive(Debug, clap::Args)]
pub struct RankingArgs {
    /// How many of each document's best sources are compared in full.
    #[arg(long, default_value_t = 3)]
    compare_top: usize,
    /// Sources below this estimated share (either way) are not linked.
    #[arg(long, default_value_t = 0.02)]
    min_share: f64,
}

impl RankingArgs {
    fn options(&self) -> Ranking {
        Ranking {
            compare_top: self.compare_top,
            min_share: self.min_share,
            ..Ranking::default()
        }
    }
}

fn open(path: &PathBuf) -> anyhow::Result<BufReader<std::fs::File>> {
    let file = std::fs::File::open(path)
        .map_err(|e| anyhow::anyhow!("{}: cannot open: {e}", path.display()))?;
    Ok(BufReader::new(file))
}

pub(super) fn run(step: SparkStep, out: &mut dyn Write) -> anyhow::Result<()> {
    let mut out = BufWriter::new(out);
    let input = std::io::stdin().lock();
    match step {
        SparkStep::Files { inputs } => cluster::list_files(&inputs, &mut out)?,
        SparkStep::Index => cluster::index_files(input, &mut out)?,
        SparkStep::Plan => cluster::plan(input, &mut out)?,
        SparkStep::Relate { ranking } => {
            cluster::relate_tasks(input, &ranking.options(), &mut out)?
        }
        SparkStep::Tables {
            inputs,
            files,
            results,
            out: dir,
            ranking,
            indexing_seconds,
            relating_seconds,
        } => {
            let options = RunOptions {
                out: dir,
                index: None,
                ranking: ranking.options(),
                progress: false,
            };
            let summary = cluster::write_run(
                &inputs,
                open(&files)?,
                open(&results)?,
                &options,
                (indexing_seconds, relating_seconds),
            )?;
            super::print_notes(&summary.notes);
            super::print_file_warnings(
                summary
                    .warnings
                    .iter()
                    .map(|(p, w)| (p.as_path(), w.as_str())),
            );
            for (name, rows) in &summary.rows {
                writeln!(out, "{name} {rows}")?;
            }
        }
    }
    out.flush()?;
    Ok(())
}
