//! The saved corpus index reopened: its catalog (the documents' facts and copies, read without
//! any shingle) and the corpus loaded from it for ranking answer as a corpus built in memory.

use std::path::{Path, PathBuf};

use policy_lineage::Document;
use policy_lineage::corpus::search::search;
use policy_lineage::corpus::sources::{Options, rank, rank_member};
use policy_lineage::corpus::store::Store;
use policy_lineage::corpus::{Catalog, Corpus, Progress};
use policy_lineage::trace::inputs::{corpus_inputs, open_sources};

/// The shared corpus, a second copy of one plan and a file holding no text, in a folder.
fn corpus_copy() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    for entry in std::fs::read_dir(&shared).unwrap().flatten() {
        std::fs::copy(entry.path(), dir.path().join(entry.file_name())).unwrap();
    }
    std::fs::copy(
        shared.join("gansu-2018-ai-plan.txt"),
        dir.path().join("gansu-copy.txt"),
    )
    .unwrap();
    std::fs::write(dir.path().join("empty.txt"), "").unwrap();
    let root = dir.path().canonicalize().unwrap();
    (dir, root)
}

/// Everything a catalog says, shingles aside, in order.
fn facts(c: &Catalog) -> serde_json::Value {
    let doc = |d: &policy_lineage::corpus::IndexedDoc| {
        serde_json::json!([
            d.reference.display(),
            d.label,
            d.title,
            d.date,
            format!("{:?}", d.level),
            d.chars,
            d.content_hash
        ])
    };
    serde_json::json!({
        "files": c.files.iter().map(|f| serde_json::json!([
            f.path, f.size, f.error, f.warnings, f.docs.iter().map(doc).collect::<Vec<_>>()
        ])).collect::<Vec<_>>(),
        "docs": c.docs.iter().map(doc).collect::<Vec<_>>(),
        "duplicates": c.duplicates.iter().map(|copies| {
            copies.iter().map(|d| [d.reference.display(), d.label.clone()]).collect::<Vec<_>>()
        }).collect::<Vec<_>>(),
    })
}

fn ranked(corpus: &Corpus) -> Vec<serde_json::Value> {
    corpus
        .docs
        .iter()
        .map(|d| serde_json::to_value(rank(corpus, d, &Options::default())).unwrap())
        .collect()
}

#[test]
fn a_reopened_index_lists_ranks_searches_and_traces_as_the_corpus_in_memory() {
    let (_dir, root) = corpus_copy();
    let roots = [root];
    let data = tempfile::tempdir().unwrap();
    let index = data.path().join("index.sqlite");
    let fresh = Corpus::build(&roots, None, &Progress::default()).unwrap();
    assert!(fresh.duplicates.iter().any(|d| !d.is_empty()), "copies");
    let (updated, _) = Store::open(&index)
        .unwrap()
        .update(&roots, &Progress::default())
        .unwrap();
    assert_eq!(facts(&updated), facts(&fresh));

    let store = Store::open(&index).unwrap();
    let catalog = store.catalog().unwrap();
    assert_eq!(facts(&catalog), facts(&fresh));
    assert!(catalog.docs.iter().all(|d| d.shingles.is_empty()));
    assert_eq!(catalog.errors().count(), fresh.errors().count());

    let loaded = store.load(catalog).unwrap();
    assert_eq!(facts(&loaded), facts(&fresh));
    for (a, b) in loaded.docs.iter().zip(&fresh.docs) {
        assert_eq!(a.shingles, b.shingles, "{}", a.label);
    }
    assert_eq!(ranked(&loaded), ranked(&fresh));
    // What ranking remembers of pairs gives the same answer in any order (a clone remembers
    // nothing).
    let backwards = fresh.clone();
    let mut reversed: Vec<serde_json::Value> = backwards
        .docs
        .iter()
        .rev()
        .map(|d| serde_json::to_value(rank(&backwards, d, &Options::default())).unwrap())
        .collect();
    reversed.reverse();
    assert_eq!(reversed, ranked(&fresh));
    // A corpus document ranked by its position, as the corpus run ranks them.
    let by_position: Vec<serde_json::Value> = (0..fresh.docs.len())
        .map(|i| serde_json::to_value(rank_member(&fresh, i, &Options::default())).unwrap())
        .collect();
    assert_eq!(by_position, ranked(&fresh));
    assert_eq!(ranked(&store.corpus().unwrap()), ranked(&fresh));

    let found = search(&store, "人工智能").unwrap();
    assert!(found.len() >= 3);

    for d in &fresh.docs {
        let Ok(doc) = Document::open_ref(&d.reference) else {
            continue;
        };
        let (in_memory, stock) = corpus_inputs(&fresh, &doc);
        let saved = open_sources(&doc, &[&index]).unwrap();
        let names = |docs: &[Document]| docs.iter().map(|d| d.label()).collect::<Vec<_>>();
        assert_eq!(names(&saved.docs), names(&in_memory), "{}", d.label);
        assert_eq!(saved.stock.as_deref(), Some(&stock[..]), "{}", d.label);
    }
}

#[test]
fn reopening_reads_no_shingle_and_a_damaged_index_is_an_error() {
    let (_dir, root) = corpus_copy();
    let roots = [root];
    let data = tempfile::tempdir().unwrap();
    let index = data.path().join("index.sqlite");
    let (before, _) = Store::open(&index)
        .unwrap()
        .update(&roots, &Progress::default())
        .unwrap();
    // Without the documents' shingles the index still lists its corpus.
    let db = rusqlite::Connection::open(&index).unwrap();
    db.execute("DELETE FROM doc_data", []).unwrap();
    drop(db);
    let store = Store::open(&index).unwrap();
    let catalog = store.catalog().unwrap();
    assert_eq!(facts(&catalog), facts(&before));
    let error = store.load(catalog).unwrap_err().to_string();
    assert!(error.contains("index changed while it was read"), "{error}");
}
