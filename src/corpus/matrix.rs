//! Pairwise similarity of all corpus documents, from the shingle index.

use rayon::prelude::*;
use serde::Serialize;

use super::Corpus;

#[derive(Debug, Clone, Serialize)]
pub struct Matrix {
    /// Document references, in corpus order (copies shown once).
    pub documents: Vec<String>,
    pub titles: Vec<String>,
    /// `share[i][j]`: estimated share of document i's text that document j also holds.
    pub share: Vec<Vec<f64>>,
    /// Files and folders that gave no document, with the reason.
    pub skipped: Vec<super::Skipped>,
}

pub fn matrix(corpus: &Corpus) -> Matrix {
    let n = corpus.docs.len();
    let share = corpus
        .docs
        .par_iter()
        .map(|d| {
            let total = d.shingles.len().max(1) as f64;
            corpus
                .postings
                .shared_counts(&d.shingles, n, None, 0)
                .0
                .into_iter()
                .map(|c| c as f64 / total)
                .collect()
        })
        .collect();
    Matrix {
        documents: corpus.docs.iter().map(|d| d.reference.display()).collect(),
        titles: corpus.docs.iter().map(|d| d.title.clone()).collect(),
        share,
        skipped: super::Skipped::of(corpus),
    }
}

impl Matrix {
    /// CSV: a header row of references, then one row per document (shares to 3 decimals).
    pub fn to_csv(&self) -> String {
        let quote = |s: &str| format!("\"{}\"", s.replace('"', "\"\""));
        let mut out = String::from("document");
        for d in &self.documents {
            out.push(',');
            out.push_str(&quote(d));
        }
        out.push('\n');
        for (d, row) in self.documents.iter().zip(&self.share) {
            out.push_str(&quote(d));
            for v in row {
                out.push_str(&format!(",{v:.3}"));
            }
            out.push('\n');
        }
        out
    }
}
