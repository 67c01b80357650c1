//! Corpus scale benchmark: generates 10,000 documents of about 10,000 characters (derived
//! variants of the shared corpus text: 500 parents, each with children that drop, replace
//! and localise passages), indexes them on all cores, and ranks the sources of one document.
//!
//! `cargo run --release --example corpus_scale [N_DOCS]`

use std::time::Instant;

use policy_lineage::Document;
use policy_lineage::corpus::sources::{Options, rank, refine};
use policy_lineage::corpus::{Corpus, IndexedDoc, index_source};
use policy_lineage::document::decode::SourceFile;
use rayon::prelude::*;

const DOC_CHARS: usize = 10_000;
const FAMILIES: usize = 500;

/// A small deterministic generator (xorshift), so every run indexes the same documents.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        // splitmix64 of the seed: nearby seeds must not give correlated streams.
        let mut z = seed.wrapping_add(0x9e3779b97f4a7c15);
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58476d1ce4e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d049bb133111eb);
        Self((z ^ (z >> 31)) | 1)
    }
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// The text pool: every character of the shared corpus documents, white space dropped.
fn pool() -> Vec<char> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/corpus");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("tests/corpus")
        .flatten()
        .map(|e| e.path())
        .collect();
    files.sort();
    files
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .flat_map(|t| t.chars().filter(|c| !c.is_whitespace()).collect::<Vec<_>>())
        .collect()
}

fn window(pool: &[char], start: usize, len: usize) -> impl Iterator<Item = char> + '_ {
    (0..len).map(move |k| pool[(start + k) % pool.len()])
}

/// Document `i`: the first document of each family is its parent (a window of the pool);
/// the others derive from it.
fn generate(pool: &[char], i: usize) -> String {
    let family = i % FAMILIES;
    let mut rng = Rng::new(family as u64 + 1);
    // The parent: 50 passages of 200 characters from anywhere in the pool, so families
    // overlap only by chance.
    let parent: Vec<char> = (0..DOC_CHARS / 200)
        .flat_map(|_| window(pool, rng.below(pool.len()), 200))
        .collect();
    let mut text = String::with_capacity(DOC_CHARS * 3 + DOC_CHARS / 50);
    let mut rng = Rng::new(i as u64 + 7_777);
    let is_parent = i < FAMILIES;
    // Paragraphs of ~200 characters; a child drops 10 %, replaces 15 % with local text and
    // localises characters here and there.
    for (p, para) in parent.chunks(200).enumerate() {
        if !is_parent {
            match rng.below(100) {
                0..10 => continue,
                10..25 => {
                    let at = rng.below(pool.len());
                    text.extend(window(pool, at, 200));
                    text.push('\n');
                    continue;
                }
                _ => {}
            }
        }
        for (k, &c) in para.iter().enumerate() {
            if !is_parent && (p * 200 + k) % 97 == (i % 97) {
                text.push('市');
            } else {
                text.push(c);
            }
        }
        text.push('\n');
    }
    text
}

fn vm_hwm_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(10_000);
    let pool = pool();
    println!(
        "{n} documents of ~{DOC_CHARS} characters, {FAMILIES} families, {} threads",
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
    let query_i = FAMILIES + 3;
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
