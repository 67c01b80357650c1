//! Stock wording (套话): passages that many documents of a corpus share, whichever copied
//! whom. One rule, counted per sampled shingle: the trace marks such passages, and the
//! corpus ranking leaves them out of the evidence that one document derives from another.

/// At least this many other documents hold stock wording …
const MIN_DOCS: usize = 4;
/// … and at least this share of the corpus …
const MIN_SHARE: f64 = 0.01;
/// … but never more than this many: wording a hundred documents share is stock wording in a
/// corpus of any size.
const MAX_DOCS: usize = 100;

/// A shingle held by more documents than this is left out of the counts of what two
/// documents share: it is stock wording in any corpus, and counting it for every pair of
/// its holders would cost the square of their number (the cluster's join included).
pub const UBIQUITOUS: usize = 500;

/// How many other documents must hold a passage for it to be stock wording in a corpus of
/// `docs` documents.
pub fn threshold(docs: usize) -> usize {
    MIN_DOCS
        .max((docs as f64 * MIN_SHARE).ceil() as usize)
        .min(MAX_DOCS)
}

/// Whether a shingle with these holders counts in what documents share (see [`UBIQUITOUS`]).
pub fn counted(holders: &[u32]) -> bool {
    holders.len() <= UBIQUITOUS
}

/// Whether a shingle held by `holders` (corpus positions) is stock wording to the document
/// at `itself` (not counted among the holders), given [`threshold`]'s `min`.
pub fn is_stock(holders: &[u32], itself: Option<usize>, min: usize) -> bool {
    let own = itself.is_some_and(|d| holders.contains(&(d as u32)));
    holders.len() - usize::from(own) >= min
}
