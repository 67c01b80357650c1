//! `sources DOC CORPUS...` and `matrix CORPUS...`: corpus mode on the terminal. The corpus
//! module computes; the tables are printed here.

use std::io::Write;
use std::path::PathBuf;

use crate::Document;
use crate::corpus::sources::{Options, Relation, sources as rank_sources};
use crate::corpus::{Corpus, Progress};

/// `policy-lineage sources DOC CORPUS... [--json]`.
pub(super) fn sources(
    doc: &str,
    paths: &[PathBuf],
    json: bool,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let query = Document::open(doc)?;
    let corpus = Corpus::build(paths, None, &Progress::default())?;
    let ranked = rank_sources(&corpus, &query, &Options::default());
    if json {
        let value = serde_json::json!({
            "document": query.reference().display(),
            "title": query.title,
            "corpus_documents": corpus.docs.len(),
            "candidates": ranked,
        });
        writeln!(out, "{}", serde_json::to_string_pretty(&value)?)?;
        return Ok(());
    }
    writeln!(
        out,
        "{}  ({} corpus documents)",
        query.label(),
        corpus.docs.len()
    )?;
    writeln!(
        out,
        "rank  relation   covered  covers  inherited  adapted  document"
    )?;
    let pct = |v: Option<f64>| v.map_or("-".to_owned(), |v| format!("{:.1}%", v * 100.0));
    for (i, c) in ranked.iter().enumerate() {
        let relation = match c.relation {
            Relation::Parent => "parent",
            Relation::Child => "child",
            Relation::Duplicate => "duplicate",
        };
        writeln!(
            out,
            "{:>4}  {:<9}  {:>6.1}%  {:>5.1}%  {:>9}  {:>7}  {}  {}",
            i + 1,
            relation,
            c.covered * 100.0,
            c.covers * 100.0,
            pct(c.inherited),
            pct(c.adapted),
            c.reference,
            c.title
        )?;
    }
    for (path, error) in corpus.errors() {
        writeln!(out, "skipped {}: {error}", path.display())?;
    }
    Ok(())
}

/// `policy-lineage matrix CORPUS... --csv|--json`.
pub(super) fn matrix(paths: &[PathBuf], json: bool, out: &mut dyn Write) -> anyhow::Result<()> {
    let corpus = Corpus::build(paths, None, &Progress::default())?;
    let m = crate::corpus::matrix::matrix(&corpus);
    if json {
        writeln!(out, "{}", serde_json::to_string_pretty(&m)?)?;
    } else {
        write!(out, "{}", m.to_csv())?;
    }
    Ok(())
}
