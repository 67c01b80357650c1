//! What tracing one document needs of a corpus: for each sampled shingle of the document,
//! the corpus documents holding it. Taken from a corpus in memory or from the inverted lists
//! a saved index keeps, so a trace against a large saved corpus reads a few pages of it
//! instead of the whole index; both give the same counts.

use std::collections::HashMap;

use super::Corpus;
use super::index::{K, SAMPLE, sampled_windows};
use super::stock::{counted, is_stock, threshold};

/// The holders of one document's sampled shingles. Documents are named by keys that are
/// corpus positions in memory and index row ids in a saved index.
#[derive(Debug, Clone, Default)]
pub struct Holders {
    /// Documents in the corpus (copies merged), for the stock-wording threshold.
    n_docs: usize,
    lists: HashMap<u64, Vec<u32>>,
    /// The document's own entry in the corpus, never counted among its holders.
    itself: Option<u32>,
}

impl Holders {
    pub(crate) fn new(n_docs: usize, lists: HashMap<u64, Vec<u32>>, itself: Option<u32>) -> Self {
        Self {
            n_docs,
            lists,
            itself,
        }
    }

    /// The holders of `chars`' sampled shingles in a corpus in memory; `itself` is the
    /// document's corpus position, if it belongs to the corpus.
    pub fn in_corpus(corpus: &Corpus, chars: &[char], itself: Option<usize>) -> Self {
        let lists = sampled_windows(chars)
            .into_iter()
            .map(|(_, h)| (h, corpus.postings.holders(h).to_vec()))
            .collect();
        Self::new(corpus.docs.len(), lists, itself.map(|i| i as u32))
    }

    /// For each character of `chars` (the document these holders were taken for), whether
    /// it lies in stock wording: a sampled window held by at least the threshold of other
    /// documents.
    pub fn stock_mask(&self, chars: &[char]) -> Vec<bool> {
        stock_among(
            chars,
            self.n_docs,
            self.itself.map(|i| i as usize),
            |hash| self.lists.get(&hash).map_or(&[][..], Vec::as_slice),
        )
    }

    /// Every other document holding at least `min_share` of the document's distinct sampled
    /// shingles, with how many it holds (counted as the corpus ranking counts), most first.
    pub fn related(&self, min_share: f64) -> Vec<(u32, u32)> {
        let total = self.lists.len().max(1) as f64;
        let mut counts: HashMap<u32, u32> = HashMap::new();
        for list in self.lists.values().filter(|l| counted(l)) {
            for &d in list {
                *counts.entry(d).or_default() += 1;
            }
        }
        let mut ranked: Vec<(u32, u32)> = counts
            .into_iter()
            .filter(|&(d, n)| Some(d) != self.itself && n as f64 / total >= min_share)
            .collect();
        ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        ranked
    }
}

/// [`Holders::stock_mask`] of a document of a corpus in memory, read straight from its
/// inverted lists (nothing copied, the windows taken once).
pub fn corpus_stock_mask(corpus: &Corpus, chars: &[char], itself: usize) -> Vec<bool> {
    stock_among(chars, corpus.docs.len(), Some(itself), |hash| {
        corpus.postings.holders(hash)
    })
}

/// The stock mask of `chars` in a corpus of `n_docs` documents, `holders` giving the
/// documents holding each sampled window.
fn stock_among<'a>(
    chars: &[char],
    n_docs: usize,
    itself: Option<usize>,
    holders: impl Fn(u64) -> &'a [u32],
) -> Vec<bool> {
    let min = threshold(n_docs);
    stock_mask(chars, |hash| is_stock(holders(hash), itself, min))
}

/// For each character of `chars`, whether it lies in a sampled window `is_stock` names. Gaps
/// shorter than the sampling step between two such windows are filled, since the windows
/// between them were simply not sampled.
pub fn stock_mask(chars: &[char], is_stock: impl Fn(u64) -> bool) -> Vec<bool> {
    let mut mask = vec![false; chars.len()];
    let mut last_end: Option<usize> = None;
    for (at, hash) in sampled_windows(chars) {
        if !is_stock(hash) {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::IndexedDoc;
    use crate::document::DocumentRef;

    fn doc(name: &str, text: &str) -> IndexedDoc {
        let chars: Vec<char> = text.chars().collect();
        IndexedDoc::new(
            DocumentRef {
                path: name.into(),
                index: None,
            },
            name.to_owned(),
            name.to_owned(),
            None,
            &chars,
        )
    }

    fn text(seed: u32, n: usize) -> String {
        (0..n as u32)
            .map(|i| char::from_u32(0x4e00 + (i.wrapping_mul(7919) ^ seed) % 2000).unwrap())
            .collect()
    }

    #[test]
    fn stock_wording_is_what_many_others_hold_and_related_leaves_out_itself() {
        let stock = text(1, 400);
        let own = text(2, 400);
        let mut docs: Vec<IndexedDoc> = (0..6)
            .map(|i| doc(&format!("d{i}"), &format!("{}{stock}", text(10 + i, 400))))
            .collect();
        docs.push(doc("parent", &format!("{own}{}", text(3, 400))));
        let query = format!("{own}{stock}");
        docs.push(doc("query", &query));
        let corpus = Corpus::from_docs(docs);
        let itself = corpus.docs.iter().position(|d| d.label == "query");
        let chars: Vec<char> = query.chars().collect();
        let holders = Holders::in_corpus(&corpus, &chars, itself);

        let mask = holders.stock_mask(&chars);
        let in_memory = corpus_stock_mask(&corpus, &chars, itself.expect("in the corpus"));
        assert_eq!(mask, in_memory, "one mask from copied or borrowed lists");
        assert!(mask[..400 - K].iter().all(|&m| !m), "own text is not stock");
        // Sampling leaves some stretches of the shared text without a sampled window.
        let stock_part = mask[400 + K..].iter().filter(|&&m| m).count();
        assert!(stock_part > 250, "{stock_part}");

        let related = holders.related(0.02);
        let labels: Vec<&str> = related
            .iter()
            .map(|&(d, _)| corpus.docs[d as usize].label.as_str())
            .collect();
        assert!(!labels.contains(&"query"));
        assert!(labels.contains(&"parent"));
        assert_eq!(related.len(), 7);
    }
}
