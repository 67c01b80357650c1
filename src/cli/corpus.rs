//! `sources DOC CORPUS...` and `matrix CORPUS...`: corpus mode on the terminal. The corpus
//! module computes; the tables are printed here.

use std::io::Write;
use std::path::PathBuf;

use crate::Document;
use crate::corpus::sources::{Options, sources as rank_sources};
use crate::corpus::{Corpus, Progress, Skipped};

use super::terminal::{ERROR_CHARS, TITLE_CHARS, clean};

/// `policy-lineage sources DOC CORPUS... [--json]`.
pub(super) fn sources(
    doc: &std::ffi::OsStr,
    paths: &[PathBuf],
    json: bool,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let query = Document::open_ref(&crate::DocumentRef::parse_os(doc)?)?;
    super::print_reader_warnings([&*query.source]);
    let corpus = Corpus::build(paths, None, &Progress::default())?;
    super::print_file_warnings(
        corpus
            .warnings()
            .filter(|(path, _)| *path != query.source.path.as_path()),
    );
    let ranked = rank_sources(&corpus, &query, &Options::default());
    if json {
        let value = serde_json::json!({
            "document": query.reference().display(),
            "title": query.title,
            "corpus_documents": corpus.docs.len(),
            "candidates": ranked,
            "skipped": Skipped::of(&corpus),
        });
        writeln!(out, "{}", serde_json::to_string_pretty(&value)?)?;
        return Ok(());
    }
    writeln!(
        out,
        "{}  ({} corpus documents)",
        clean(&query.label(), TITLE_CHARS),
        corpus.docs.len()
    )?;
    writeln!(
        out,
        "rank  relation        covered  covers  inherited  adapted  cited  document"
    )?;
    let pct = |v: Option<f64>| v.map_or("-".to_owned(), |v| format!("{:.1}%", v * 100.0));
    for (i, c) in ranked.iter().enumerate() {
        writeln!(
            out,
            "{:>4}  {:<14}  {:>6.1}%  {:>5.1}%  {:>9}  {:>7}  {:<5}  {}  {}",
            i + 1,
            c.relation.name(),
            c.covered * 100.0,
            c.covers * 100.0,
            pct(c.inherited),
            pct(c.adapted),
            match c.cited {
                Some(true) => "yes",
                Some(false) => "no",
                None => "-",
            },
            clean(&c.reference, TITLE_CHARS),
            clean(&c.title, TITLE_CHARS)
        )?;
    }
    let skipped = Skipped::of(&corpus);
    if !skipped.is_empty() {
        writeln!(out, "{} skipped (no document read):", skipped.len())?;
    }
    for s in &skipped {
        let line = format!("{}: {}", s.path, s.reason);
        writeln!(out, "  {}", clean(&line, ERROR_CHARS))?;
    }
    Ok(())
}

/// `policy-lineage matrix CORPUS... --csv|--json`.
pub(super) fn matrix(paths: &[PathBuf], json: bool, out: &mut dyn Write) -> anyhow::Result<()> {
    let corpus = Corpus::build(paths, None, &Progress::default())?;
    super::print_file_warnings(corpus.warnings());
    let m = crate::corpus::matrix::matrix(&corpus);
    if json {
        writeln!(out, "{}", serde_json::to_string_pretty(&m)?)?;
    } else {
        write!(out, "{}", m.to_csv())?;
        // The CSV is the table only; what was left out goes to the error stream.
        for s in &m.skipped {
            let line = format!("skipped {}: {}", s.path, s.reason);
            eprintln!("policy-lineage: {}", clean(&line, ERROR_CHARS));
        }
    }
    Ok(())
}
