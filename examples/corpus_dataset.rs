//! Corpus-run benchmark: writes N generated documents of about 10,000 characters as files
//! (families of a parent and derived children, see `support/generate.rs`), runs the whole
//! corpus run on them (index into SQLite with the full-text index, relate every document,
//! write the Parquet and CSV tables), runs it again (everything resumed), then reopens the
//! saved index, searches it and traces one document against it (in this process, and as a
//! whole `policy-lineage trace` process when the release binary is built beside this example).
//!
//! `cargo run --release --example corpus_dataset [--index-only] [--keep DIR] [N...]` (default:
//! 1000 10000; `--index-only` indexes without the corpus run, for the index's own figures;
//! `--keep DIR` leaves the corpus, index and tables in `DIR/N` instead of a temporary folder,
//! e.g. to compare the tables of two builds)

#[path = "support/generate.rs"]
mod generate;

use std::time::Instant;

use policy_lineage::corpus::run::{RunOptions, run};
use policy_lineage::corpus::search::search;
use policy_lineage::corpus::store::Store;
use policy_lineage::trace::inputs::open_sources;
use policy_lineage::trace::{Options, trace};
use rayon::prelude::*;

/// The median of five runs of `f`, in milliseconds.
fn median_ms(mut f: impl FnMut()) -> f64 {
    let mut times: Vec<f64> = (0..5)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times[2]
}

/// Traces one document against the saved index: in this process, and as a whole process
/// of the release binary when it is built (`cargo build --release`).
fn trace_times(index: &std::path::Path, doc: &std::path::Path) -> (f64, Option<f64>) {
    let opened = policy_lineage::Document::open(doc.to_str().expect("UTF-8 path")).expect("doc");
    let in_process = median_ms(|| {
        let sources = open_sources(&opened, &[index]).expect("sources");
        trace(
            &opened,
            &sources.docs,
            sources.stock.as_deref(),
            &Options::default(),
        );
    });
    let binary = std::env::current_exe()
        .ok()
        .and_then(|e| Some(e.parent()?.parent()?.join("policy-lineage")))
        .filter(|b| b.is_file());
    let whole = binary.map(|binary| {
        median_ms(|| {
            let status = std::process::Command::new(&binary)
                .arg("trace")
                .arg(doc)
                .arg(index)
                .arg("--json")
                .stdout(std::process::Stdio::null())
                .status()
                .expect("the binary runs");
            assert!(status.success());
        })
    });
    (in_process, whole)
}

fn disk_mb(paths: &[std::path::PathBuf]) -> f64 {
    paths
        .iter()
        .filter_map(|p| std::fs::metadata(p).ok())
        .map(|m| m.len() as f64)
        .sum::<f64>()
        / 1e6
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let index_only = args.iter().any(|a| a == "--index-only");
    let keep = args
        .iter()
        .position(|a| a == "--keep")
        .map(|at| std::path::PathBuf::from(args.get(at + 1).expect("--keep DIR")));
    let sizes: Vec<usize> = args
        .iter()
        .enumerate()
        .filter(|&(at, _)| keep.is_none() || at == 0 || args[at - 1] != "--keep")
        .filter_map(|(_, a)| a.parse().ok())
        .collect();
    let sizes = if sizes.is_empty() {
        vec![1_000, 10_000]
    } else {
        sizes
    };
    let pool = generate::pool();
    println!(
        "documents of ~{} characters, in families of {}, {} threads",
        generate::DOC_CHARS,
        generate::FAMILY,
        rayon::current_num_threads()
    );
    for n in sizes {
        let temporary = tempfile::tempdir().expect("temporary folder");
        let work = match &keep {
            Some(dir) => {
                let work = dir.join(n.to_string());
                assert!(!work.exists(), "{} exists already", work.display());
                std::fs::create_dir_all(&work).expect("folder to keep");
                work
            }
            None => temporary.path().to_owned(),
        };
        let corpus = work.join("corpus");
        std::fs::create_dir(&corpus).expect("corpus folder");
        (0..n).into_par_iter().for_each(|i| {
            std::fs::write(
                corpus.join(format!("doc{i:06}.txt")),
                generate::generate(&pool, i),
            )
            .expect("generated file");
        });
        let index = work.join("index.sqlite");
        let options = RunOptions {
            out: work.join("tables"),
            index: Some(index.clone()),
            ranking: Default::default(),
            progress: false,
        };
        let inputs = [corpus.clone()];
        if index_only {
            let t = Instant::now();
            let mut store = Store::open(&index).expect("index");
            let (indexed, _) = store
                .update(&inputs, &Default::default())
                .expect("indexing");
            println!(
                "{n} files → {} documents, indexed in {:.1} s (with the full text and the inverted lists)",
                indexed.docs.len(),
                t.elapsed().as_secs_f64()
            );
        } else {
            corpus_run(n, &inputs, &options);
        }
        let t = Instant::now();
        let store = Store::open(&index).expect("index");
        let reopened = store.catalog().expect("catalog");
        let reopen = t.elapsed().as_secs_f64();
        let t = Instant::now();
        store.load(reopened.clone()).expect("corpus");
        let load = t.elapsed().as_secs_f64();
        let t = Instant::now();
        let found = search(&store, "人工智能产业").expect("search");
        let search_ms = t.elapsed().as_secs_f64() * 1000.0;
        // A file holding one document (some generated files are listings of several).
        let doc = (1..n)
            .map(|i| corpus.join(format!("doc{i:06}.txt")))
            .find(|p| policy_lineage::Document::open(p.to_str().expect("UTF-8 path")).is_ok())
            .expect("a file holding one document");
        let (trace_ms, trace_process_ms) = trace_times(&index, &doc);
        println!(
            "  reopen the saved index ({} documents) {reopen:.2} s, its shingles and inverted lists loaded for ranking {load:.2} s; search a phrase {search_ms:.0} ms ({} documents)",
            reopened.docs.len(),
            found.len()
        );
        println!(
            "  trace one document against the saved index (median of 5): {trace_ms:.0} ms in process, {}",
            trace_process_ms.map_or(
                "whole process not measured (no release binary)".to_owned(),
                |ms| format!("{ms:.0} ms as a whole process")
            )
        );
        println!(
            "  index {:.0} MB on disk",
            disk_mb(&[index.clone(), index.with_extension("sqlite-wal")]),
        );
        println!(
            "  peak memory so far (VmHWM) {:.0} MB",
            generate::vm_hwm_mb().unwrap_or(f64::NAN)
        );
    }
}

/// The corpus run, then again (everything resumed), with its phases and tables.
fn corpus_run(n: usize, inputs: &[std::path::PathBuf], options: &RunOptions) {
    let t = Instant::now();
    let first = run(inputs, options).expect("corpus run");
    let total = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let again = run(inputs, options).expect("corpus run again");
    let rerun = t.elapsed().as_secs_f64();
    let tables: Vec<_> = std::fs::read_dir(&options.out)
        .expect("tables")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "parquet"))
        .collect();
    let rows: Vec<String> = first
        .rows
        .iter()
        .map(|(name, r)| format!("{name} {r}"))
        .collect();
    println!("{n} files → {} documents", first.documents);
    println!(
        "  corpus run {total:.1} s: index {:.1} s, relate {:.1} s, tables {:.1} s, then the wait for the full-text index {:.1} s (it fills from the update on)",
        first.indexing.as_secs_f64(),
        first.relating.as_secs_f64(),
        first.writing.as_secs_f64(),
        first.full_text.as_secs_f64()
    );
    println!(
        "  again (nothing re-read, {} of {} resumed) {rerun:.1} s",
        again.resumed, again.documents
    );
    println!(
        "  Parquet tables {:.1} MB; rows: {}",
        disk_mb(&tables),
        rows.join(", ")
    );
}
