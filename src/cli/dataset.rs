//! `corpus` (the corpus run: research tables) and `search` (phrase search over the index).

use std::io::Write;
use std::path::PathBuf;

use crate::corpus::Progress;
use crate::corpus::run::{RunOptions, run};
use crate::corpus::search::{normalize_phrase, search as search_index};
use crate::corpus::sources::Options as Ranking;
use crate::corpus::store::Store;

#[derive(Debug, clap::Args)]
pub struct CorpusArgs {
    /// Folders and files forming the corpus.
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,
    /// The folder to write the tables to (created if needed).
    #[arg(long, value_name = "OUTDIR")]
    pub out: PathBuf,
    /// The index database; by default one per corpus in the user's data folder.
    #[arg(long, value_name = "FILE")]
    pub index: Option<PathBuf>,
    /// How many of each document's best sources are compared in full.
    #[arg(long, default_value_t = 3)]
    pub compare_top: usize,
    /// Sources below this estimated share (either way) are not linked.
    #[arg(long, default_value_t = 0.02)]
    pub min_share: f64,
}

#[derive(Debug, clap::Args)]
pub struct SearchArgs {
    /// The corpus folder (or file).
    pub corpus: PathBuf,
    /// The phrase; full/half-width forms and white space do not matter.
    pub phrase: String,
    /// Print JSON instead of a list.
    #[arg(long)]
    pub json: bool,
    /// The index database; by default one per corpus in the user's data folder.
    #[arg(long, value_name = "FILE")]
    pub index: Option<PathBuf>,
}

pub(super) fn corpus(args: CorpusArgs, out: &mut dyn Write) -> anyhow::Result<()> {
    let options = RunOptions {
        out: args.out,
        index: args.index,
        ranking: Ranking {
            compare_top: args.compare_top,
            min_share: args.min_share,
            ..Ranking::default()
        },
        progress: true,
    };
    let summary = run(&args.inputs, &options)?;
    super::print_notes(&summary.notes);
    super::print_file_warnings(
        summary
            .warnings
            .iter()
            .map(|(p, w)| (p.as_path(), w.as_str())),
    );
    writeln!(
        out,
        "{} documents ({} resumed from an interrupted run); files read {}, unchanged {}, removed {}",
        summary.documents,
        summary.resumed,
        summary.update.read,
        summary.update.unchanged,
        summary.update.removed
    )?;
    for (name, rows) in &summary.rows {
        writeln!(
            out,
            "  {name:<10} {rows:>9} rows  {}",
            options.out.join(format!("{name}.parquet")).display()
        )?;
    }
    writeln!(
        out,
        "codebook.md, manifest.json in {}; index {}; {:.1} s (index {:.1} s, relate {:.1} s, tables {:.1} s, then the full-text index {:.1} s)",
        options.out.display(),
        summary.index.display(),
        (summary.indexing + summary.relating + summary.writing + summary.full_text).as_secs_f64(),
        summary.indexing.as_secs_f64(),
        summary.relating.as_secs_f64(),
        summary.writing.as_secs_f64(),
        summary.full_text.as_secs_f64()
    )?;
    Ok(())
}

pub(super) fn search(args: SearchArgs, out: &mut dyn Write) -> anyhow::Result<()> {
    let corpus = [args.corpus];
    let mut store = Store::open_for(&corpus, args.index.as_deref())?;
    let (indexed, _) = store.update(&corpus, &Progress::default())?;
    super::print_file_warnings(indexed.warnings());
    let found = search_index(&store, &args.phrase)?;
    if args.json {
        let value = serde_json::json!({
            "phrase": args.phrase,
            "normalized": normalize_phrase(&args.phrase),
            "documents": found,
        });
        writeln!(out, "{}", serde_json::to_string_pretty(&value)?)?;
        return Ok(());
    }
    let hits: usize = found.iter().map(|f| f.hits.len()).sum();
    writeln!(out, "{hits} hits in {} documents", found.len())?;
    for f in &found {
        writeln!(out, "{}  {}", f.reference.display(), f.title)?;
        for h in &f.hits {
            writeln!(out, "  {:>7}-{:<7} …{}…", h.start, h.end, h.context)?;
        }
    }
    Ok(())
}
