//! Stock wording (套话): passages that many documents of a corpus share, whichever copied
//! whom. One rule, counted per sampled shingle: the trace marks such passages, and the
//! corpus ranking leaves them out of the evidence that one document derives from another.

/// At least this many other documents hold stock wording …
const MIN_DOCS: usize = 4;
/// … and at least this share of the corpus.
const MIN_SHARE: f64 = 0.01;

/// How many other documents must hold a passage for it to be stock wording in a corpus of
/// `docs` documents.
pub fn threshold(docs: usize) -> usize {
    MIN_DOCS.max((docs as f64 * MIN_SHARE).ceil() as usize)
}

/// Whether a shingle held by `holders` (corpus positions) is stock wording to the document
/// at `itself` (not counted among the holders), given [`threshold`]'s `min`.
pub fn is_stock(holders: &[u32], itself: Option<usize>, min: usize) -> bool {
    let own = itself.is_some_and(|d| holders.contains(&(d as u32)));
    holders.len() - usize::from(own) >= min
}
