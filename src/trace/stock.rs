//! Stock wording (套话): passages that many documents of a corpus share, whichever copied
//! whom. Counted per sampled shingle in the corpus index, so it costs one look-up per
//! sampled window of the document.

use crate::corpus::Corpus;
use crate::corpus::index::{K, SAMPLE, sampled_windows};

/// At least this many other documents hold stock wording …
const MIN_DOCS: usize = 4;
/// … and at least this share of the corpus.
const MIN_SHARE: f64 = 0.01;

/// How many other documents must hold a passage for it to be stock wording in `corpus`.
pub fn threshold(corpus: &Corpus) -> usize {
    MIN_DOCS.max((corpus.docs.len() as f64 * MIN_SHARE).ceil() as usize)
}

/// For each normalised character, whether it lies in stock wording: a sampled window held
/// by at least `threshold(corpus)` other documents (the document's own entry, `itself`, not
/// counted). Gaps shorter than the sampling step between two such windows are filled, since
/// the windows between them were simply not sampled.
pub fn stock_mask(chars: &[char], corpus: &Corpus, itself: Option<usize>) -> Vec<bool> {
    let min = threshold(corpus);
    let mut mask = vec![false; chars.len()];
    let mut last_end: Option<usize> = None;
    for (at, hash) in sampled_windows(chars) {
        let holders = corpus.postings.holders(hash);
        let others =
            holders.len() - usize::from(itself.is_some_and(|d| holders.contains(&(d as u32))));
        if others < min {
            continue;
        }
        let from = match last_end {
            Some(end) if at > end && at - end < SAMPLE as usize => end,
            _ => at,
        };
        mask[from..at + K].fill(true);
        last_end = Some(at + K);
    }
    mask
}
