//! Corpus scale benchmark: generates 10,000 documents of about 10,000 characters (families
//! of a parent and children that drop, replace and localise its passages), indexes them on
//! all cores, and ranks the sources of one document.
//!
//! `cargo run --release --example corpus_scale [N_DOCS]`

#[path = "support/generate.rs"]
mod generate;

use std::time::Instant;

use policy_lineage::Document;
use policy_lineage::corpus::sources::{Options, rank, refine};
use policy_lineage::corpus::{Corpus, IndexedDoc, index_source};
use policy_lineage::document::decode::SourceFile;
use rayon::prelude::*;

use generate::{DOC_CHARS, FAMILY, generate, pool, vm_hwm_mb};

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(10_000);
    let pool = pool();
    println!(
        "{n} documents of ~{DOC_CHARS} characters, in families of {FAMILY}, {} threads",
        rayon::current_num_threads()
    );

    let start = Instant::now();
    let texts: Vec<String> = (0..n).into_par_iter().map(|i| generate(&pool, i)).collect();
    let chars: usize = texts.iter().map(|t| t.chars().count()).sum();
    println!(
        "generated {chars} characters in {:.2} s (not part of the index time)",
        start.elapsed().as_secs_f64()
    );

    let start = Instant::now();
    let docs: Vec<IndexedDoc> = texts
        .into_par_iter()
        .enumerate()
        .flat_map_iter(|(i, text)| {
            let source = SourceFile::from_text(format!("doc{i:05}.txt"), text);
            index_source(&source).0
        })
        .collect();
    let found = docs.len();
    let read_time = start.elapsed();
    let corpus = Corpus::from_docs(docs);
    println!(
        "  reading, normalising, shingling {:.2} s; copies and inverted index {:.2} s",
        read_time.as_secs_f64(),
        (start.elapsed() - read_time).as_secs_f64()
    );
    let index_time = start.elapsed();
    println!(
        "index: {:.2} s for {n} files, {found} documents ({} after merging copies)",
        index_time.as_secs_f64(),
        corpus.docs.len()
    );
    println!(
        "peak memory (VmHWM): {:.0} MB",
        vm_hwm_mb().unwrap_or(f64::NAN)
    );

    // The sources of one child document.
    let query_i = FAMILY + 3;
    let query = Document::from_text(&format!("doc{query_i:05}.txt"), &generate(&pool, query_i))
        .expect("generated document");
    let options = Options::default();
    let mut times = Vec::new();
    let mut top = String::new();
    for _ in 0..5 {
        let t = Instant::now();
        let indexed = IndexedDoc::from_document(&query);
        let ranked = rank(&corpus, &indexed, &options);
        times.push(t.elapsed().as_secs_f64() * 1000.0);
        top = ranked
            .first()
            .map(|c| {
                format!(
                    "{} ({:?}, covered {:.2})",
                    c.reference, c.relation, c.covered
                )
            })
            .unwrap_or_default();
    }
    times.sort_by(f64::total_cmp);
    println!(
        "rank (index lookup): median {:.1} ms; first: {top}",
        times[2]
    );

    let t = Instant::now();
    let indexed = IndexedDoc::from_document(&query);
    let mut ranked = rank(&corpus, &indexed, &options);
    refine(&query, &mut ranked, &corpus, &options, |d| {
        let i: usize = d
            .label
            .trim_start_matches("doc")
            .trim_end_matches(".txt")
            .parse()
            .ok()?;
        Document::from_text(&d.label, &generate(&pool, i)).ok()
    });
    println!(
        "rank + full comparison of the top {}: {:.1} ms",
        options.compare_top,
        t.elapsed().as_secs_f64() * 1000.0
    );
    println!(
        "peak memory (VmHWM): {:.0} MB",
        vm_hwm_mb().unwrap_or(f64::NAN)
    );
}
