//! Tracing the open document through many sources off the UI thread: reading the sources
//! (files, listings, folders, or the candidates of an indexed corpus), counting stock
//! wording when a corpus is known, and tracing; again without the sources switched off.

use std::path::PathBuf;
use std::sync::Arc;

use super::{Control, Outcome};
use crate::Document;
use crate::corpus::Corpus;
use crate::trace::inputs::{corpus_inputs, open_sources};
use crate::trace::{Options, Trace, trace_unless};

/// What a trace is run on: the document, every source given, and which characters of the
/// document are stock wording (when a corpus counted them).
#[derive(Debug)]
pub struct Basis {
    pub doc: Arc<Document>,
    pub sources: Vec<Document>,
    pub stock: Option<Vec<bool>>,
}

/// A finished trace. `trace.sources[i].input` indexes `basis.sources`.
#[derive(Debug)]
pub struct Traced {
    pub basis: Arc<Basis>,
    /// For each of `basis.sources`, whether it was left out of this run.
    pub off: Vec<bool>,
    pub trace: Arc<Trace>,
}

/// Traces `doc` through the files and folders at `paths`.
pub fn from_files(doc: Arc<Document>, paths: Vec<PathBuf>, control: &Control) -> Outcome {
    let inputs = match open_sources(&doc, &paths) {
        Ok(inputs) => inputs,
        Err(e) => return Outcome::TraceFailed(e.to_string()),
    };
    if inputs.docs.is_empty() {
        let named: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
        return Outcome::TraceFailed(format!("no source document in {}", named.join(", ")));
    }
    let basis = Basis {
        doc,
        sources: inputs.docs,
        stock: inputs.stock,
    };
    run(Arc::new(basis), Vec::new(), control)
}

/// Traces `basis` again with the sources at `paths` added (those already there kept once).
pub fn adding(basis: &Basis, off: Vec<bool>, paths: Vec<PathBuf>, control: &Control) -> Outcome {
    let inputs = match open_sources(&basis.doc, &paths) {
        Ok(inputs) => inputs,
        Err(e) => return Outcome::TraceFailed(e.to_string()),
    };
    let mut sources = basis.sources.clone();
    for doc in inputs.docs {
        let known = sources.iter().any(|s| {
            s.reference() == doc.reference() || s.normalized.chars == doc.normalized.chars
        });
        if !known {
            sources.push(doc);
        }
    }
    let stock = basis.stock.clone().or(inputs.stock);
    let basis = Basis {
        doc: Arc::clone(&basis.doc),
        sources,
        stock,
    };
    run(Arc::new(basis), off, control)
}

/// Traces the corpus document `index` through its most related documents of `corpus`.
pub fn from_corpus(corpus: Arc<Corpus>, index: usize, control: &Control) -> Outcome {
    let Some(entry) = corpus.docs.get(index) else {
        return Outcome::TraceFailed("the document is no longer in the corpus".to_owned());
    };
    let doc = match Document::open_ref(&entry.reference) {
        Ok(doc) => doc,
        Err(e) => return Outcome::TraceFailed(e.to_string()),
    };
    let (sources, stock) = corpus_inputs(&corpus, &doc);
    if sources.is_empty() {
        return Outcome::TraceFailed(format!(
            "{}: no document of the corpus shares its text",
            doc.label()
        ));
    }
    let basis = Basis {
        doc: Arc::new(doc),
        sources,
        stock: Some(stock),
    };
    run(Arc::new(basis), Vec::new(), control)
}

/// Traces `basis` without the sources `off` marks.
pub fn run(basis: Arc<Basis>, mut off: Vec<bool>, control: &Control) -> Outcome {
    off.resize(basis.sources.len(), false);
    let kept: Vec<usize> = (0..basis.sources.len()).filter(|&i| !off[i]).collect();
    // Only a run without some sources needs a list of its own.
    let subset: Vec<Document>;
    let docs = if kept.len() == basis.sources.len() {
        &basis.sources[..]
    } else {
        subset = kept.iter().map(|&i| basis.sources[i].clone()).collect();
        &subset[..]
    };
    if control.cancelled() {
        return Outcome::TraceFailed("cancelled".to_owned());
    }
    let Some(mut traced) = trace_unless(
        &basis.doc,
        docs,
        basis.stock.as_deref(),
        &Options::default(),
        &control.progress.cancel,
    ) else {
        return Outcome::TraceFailed("cancelled".to_owned());
    };
    for source in &mut traced.sources {
        source.input = kept[source.input];
    }
    Outcome::Traced(Box::new(Traced {
        basis,
        off,
        trace: Arc::new(traced),
    }))
}
