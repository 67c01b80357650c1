//! Stock wording (套话) in one document: the characters lying in passages many documents of
//! the corpus share (the rule is [`crate::corpus::stock`]). Counted per sampled shingle in the
//! corpus index, so it costs one look-up per sampled window of the document.

use crate::corpus::Corpus;
use crate::corpus::index::{K, SAMPLE, sampled_windows};
use crate::corpus::stock::{is_stock, threshold};

/// For each normalised character, whether it lies in stock wording: a sampled window held
/// by at least `threshold` other documents (the document's own entry, `itself`, not
/// counted). Gaps shorter than the sampling step between two such windows are filled, since
/// the windows between them were simply not sampled.
pub fn stock_mask(chars: &[char], corpus: &Corpus, itself: Option<usize>) -> Vec<bool> {
    let min = threshold(corpus.docs.len());
    let mut mask = vec![false; chars.len()];
    let mut last_end: Option<usize> = None;
    for (at, hash) in sampled_windows(chars) {
        if !is_stock(corpus.postings.holders(hash), itself, min) {
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
