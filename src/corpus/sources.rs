//! Ranking the likely sources of one document, and telling the direction of each link.

use serde::Serialize;

use super::{Corpus, IndexedDoc};
use crate::Document;
use crate::compare::compare;

/// What a candidate is to the document asked about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Relation {
    /// The candidate is the source: the document derives from it.
    Parent,
    /// The candidate derives from the document.
    Child,
    /// The same text (a copy).
    Duplicate,
    /// Shared passages, but too few outside stock wording to say that either copied the
    /// other (two provinces' plans both following the national one).
    #[serde(rename = "shares wording")]
    SharesWording,
}

impl Relation {
    /// The name the tables and the command line use.
    pub fn name(self) -> &'static str {
        match self {
            Relation::Parent => "parent",
            Relation::Child => "child",
            Relation::Duplicate => "duplicate",
            Relation::SharesWording => "shares wording",
        }
    }
}

/// Two documents each holding this share of the other are copies of one text.
const NEAR_COPY: f64 = 0.9;

/// One of two documents must hold this share of the other for a link to be derivation;
/// below it they only share wording. Sampled shingles of unrelated plans on one topic share
/// up to ~3%; a city's plan holds ~25% of its province's.
pub const DERIVED_MIN: f64 = 0.1;

#[derive(Debug, Clone, Serialize)]
pub struct Candidate {
    /// Index into [`Corpus::docs`].
    pub doc: usize,
    pub reference: String,
    pub title: String,
    pub date: Option<String>,
    /// Estimated share of the document's text the candidate also holds.
    pub covered: f64,
    /// Estimated share of the candidate's text the document also holds.
    pub covers: f64,
    /// Estimated share of the document's text the candidate also holds outside stock
    /// wording (text many corpus documents share).
    pub distinctive: f64,
    pub relation: Relation,
    /// Other copies of the candidate in the corpus (shown once, under this reference).
    pub copies: Vec<String>,
    /// Exact shares of the child's text inherited and adapted from the parent (in the
    /// direction of `relation`), for the candidates that were compared in full.
    pub inherited: Option<f64>,
    pub adapted: Option<f64>,
    /// The document names the candidate (its title), when the document was read in full.
    pub cited: Option<bool>,
}

#[derive(Debug, Clone)]
pub struct Options {
    /// Candidates below this estimated share (both ways) are not listed.
    pub min_share: f64,
    /// How many of the best candidates are compared in full with the aligner.
    pub compare_top: usize,
    /// How many candidates are listed at most.
    pub limit: usize,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            min_share: 0.02,
            compare_top: 3,
            limit: 20,
        }
    }
}

/// Decides which of two related documents is the parent: the one the other is more covered
/// by, the higher issuing level, the older date. Positive means `candidate` is the parent.
fn parent_votes(query: &IndexedDoc, candidate: &IndexedDoc, covered: f64, covers: f64) -> i32 {
    let mut votes = 0;
    // A child copies much of its parent and adds local text, so most of the child lies in
    // the parent while less of the parent lies in the child.
    if (covered - covers).abs() > 0.1 {
        votes += if covered > covers { 2 } else { -2 };
    }
    if query.level != super::Level::Unknown
        && candidate.level != super::Level::Unknown
        && query.level != candidate.level
    {
        votes += if candidate.level > query.level { 2 } else { -2 };
    }
    if let (Some(q), Some(c)) = (query.date, candidate.date)
        && q != c
    {
        votes += if c < q { 1 } else { -1 };
    }
    votes
}

fn direction(query: &IndexedDoc, candidate: &IndexedDoc, covered: f64, covers: f64) -> Relation {
    let votes = parent_votes(query, candidate, covered, covers);
    let parent = match votes.cmp(&0) {
        std::cmp::Ordering::Greater => true,
        std::cmp::Ordering::Less => false,
        std::cmp::Ordering::Equal if covered != covers => covered > covers,
        std::cmp::Ordering::Equal => candidate.chars > query.chars,
    };
    if parent {
        Relation::Parent
    } else {
        Relation::Child
    }
}

/// A corpus document sharing sampled shingles with the document asked about.
pub struct Sharing<'a> {
    /// Index into [`Corpus::docs`].
    pub doc: usize,
    pub indexed: &'a IndexedDoc,
    /// Its sampled shingles (the denominator of `covers`).
    pub shingles: usize,
    /// Sampled shingles it shares with the document asked about.
    pub shared: u32,
    /// Of those, the ones outside stock wording.
    pub distinctive: u32,
    /// Some third document shares more sampled shingles with each of the two than they
    /// share with each other (see [`explained`]).
    pub explained: bool,
}

/// Whether the wording two documents share is explained by a third: one that shares more
/// with each of them than they share with each other (two children of one plan, each
/// closer to the plan than to its sibling; a city's plan and the national plan its
/// province's plan follows). Such a pair shares wording; neither copied the other.
/// `with_query` lists (document, shared count) for every document sharing with the query,
/// largest count first; `with_candidate` counts what a document shares with the candidate.
pub fn explained(
    shared: u32,
    candidate: usize,
    with_query: &[(usize, u32)],
    with_candidate: impl Fn(usize) -> u32,
) -> bool {
    with_query
        .iter()
        .take_while(|&&(_, n)| n > shared)
        .any(|&(x, _)| x != candidate && with_candidate(x) > shared)
}

/// Ranks the corpus documents related to `query` by the estimated share of `query` each
/// covers; parents come first, then copies, then documents derived from `query`, then those
/// that only share wording with it. The document itself (same reference) is left out.
pub fn rank(corpus: &Corpus, query: &IndexedDoc, options: &Options) -> Vec<Candidate> {
    rank_with(corpus, query, corpus.position(&query.reference), options)
}

/// [`rank`] for corpus document `i`, which needs no looking for (a search of the whole
/// corpus per document would make relating every document quadratic).
pub fn rank_member(corpus: &Corpus, i: usize, options: &Options) -> Vec<Candidate> {
    rank_with(corpus, &corpus.docs[i], Some(i), options)
}

fn rank_with(
    corpus: &Corpus,
    query: &IndexedDoc,
    itself: Option<usize>,
    options: &Options,
) -> Vec<Candidate> {
    let n = corpus.docs.len();
    let (counts, distinctive) =
        corpus
            .postings
            .shared_counts(&query.shingles, n, itself, super::stock::threshold(n));
    let with_query: Vec<(usize, u32)> = counts
        .iter()
        .enumerate()
        .filter(|&(i, &n)| n > 0 && Some(i) != itself)
        .map(|(i, &n)| (i, n))
        .collect();
    // The query as the corpus holds it: what explains the wording a pair shares is then the
    // same whichever of the two is ranked.
    let as_ranked = itself.filter(|&q| corpus.docs[q].shingles == query.shingles);
    let mut by_count = with_query.clone();
    by_count.sort_unstable_by_key(|&(i, n)| (std::cmp::Reverse(n), i));
    let total = query.shingles.len().max(1) as f64;
    let sharing = with_query.iter().map(|&(i, n)| {
        let c = &corpus.docs[i];
        let share = (f64::from(n) / total).max(f64::from(n) / c.shingles.len().max(1) as f64);
        let decide = || {
            explained(n, i, &by_count, |x| {
                corpus
                    .postings
                    .common((i, &c.shingles), (x, &corpus.docs[x].shingles))
            })
        };
        // Only a link that could be derivation needs the third document looked for.
        let explained = share >= DERIVED_MIN
            && match as_ranked {
                Some(q) => corpus.postings.explained(q, i, decide),
                None => decide(),
            };
        Sharing {
            doc: i,
            indexed: c,
            shingles: c.shingles.len(),
            shared: n,
            distinctive: distinctive[i],
            explained,
        }
    });
    let copies = |i: usize| {
        corpus.duplicates[i]
            .iter()
            .map(|d| d.reference.display())
            .collect()
    };
    rank_shared(
        query,
        query.shingles.len(),
        itself,
        sharing,
        copies,
        options,
    )
}

/// [`rank`] from the shared shingle counts alone, wherever they were counted (the corpus's
/// inverted index, or a join on shingles across a cluster). `itself` is the corpus position
/// of `query`, left out; `copies` lists a document's other copies.
pub fn rank_shared<'a>(
    query: &IndexedDoc,
    query_shingles: usize,
    itself: Option<usize>,
    sharing: impl IntoIterator<Item = Sharing<'a>>,
    copies: impl Fn(usize) -> Vec<String>,
    options: &Options,
) -> Vec<Candidate> {
    let total = query_shingles.max(1) as f64;
    let mut out: Vec<Candidate> = sharing
        .into_iter()
        .filter(|s| s.shared > 0 && Some(s.doc) != itself)
        .filter_map(|s| {
            let c = s.indexed;
            let covered = f64::from(s.shared) / total;
            let covers = f64::from(s.shared) / s.shingles.max(1) as f64;
            if covered.max(covers) < options.min_share {
                return None;
            }
            let distinctive = f64::from(s.distinctive) / total;
            // The same text, or nearly (one document saved as .txt and as .docx).
            let same = c.content_hash == query.content_hash && c.chars == query.chars;
            let relation = if same || (covered > NEAR_COPY && covers > NEAR_COPY) {
                Relation::Duplicate
            } else if covered.max(covers) < DERIVED_MIN || s.explained {
                Relation::SharesWording
            } else {
                direction(query, c, covered, covers)
            };
            Some(Candidate {
                doc: s.doc,
                reference: c.reference.display(),
                title: c.title.clone(),
                date: c.date.map(|(y, m, d)| format!("{y:04}-{m:02}-{d:02}")),
                covered,
                covers,
                distinctive,
                relation,
                copies: copies(s.doc),
                inherited: None,
                adapted: None,
                cited: None,
            })
        })
        .collect();
    let order = |r: Relation| match r {
        Relation::Parent => 0,
        Relation::Duplicate => 1,
        Relation::Child => 2,
        Relation::SharesWording => 3,
    };
    out.sort_by(|a, b| {
        order(a.relation)
            .cmp(&order(b.relation))
            .then(b.covered.total_cmp(&a.covered))
            .then(a.doc.cmp(&b.doc))
    });
    out.truncate(options.limit);
    out
}

/// Compares `query` in full with the first `options.compare_top` candidates (opened by
/// `open`), in the direction of each relation, and fills in the exact shares; marks the
/// candidates `query` cites.
pub fn refine(
    query: &Document,
    candidates: &mut [Candidate],
    corpus: &Corpus,
    options: &Options,
    open: impl Fn(&IndexedDoc) -> Option<Document> + Sync,
) {
    use rayon::prelude::*;
    let citations = crate::document::facts::facts(query).citations;
    for c in candidates.iter_mut() {
        c.cited = Some(citations.iter().any(|cite| cite.names(&c.title, None)));
    }
    candidates
        .par_iter_mut()
        .take(options.compare_top)
        .filter(|c| c.relation != Relation::Duplicate)
        .for_each(|c| {
            let Some(other) = open(&corpus.docs[c.doc]) else {
                return;
            };
            let summary = match c.relation {
                Relation::Child => compare(query, &other).summary,
                _ => compare(&other, query).summary,
            };
            c.inherited = Some(summary.inherited);
            c.adapted = Some(summary.adapted);
        });
}

/// Opens a corpus document from disk.
fn open_from_disk(doc: &IndexedDoc) -> Option<Document> {
    Document::open_ref(&doc.reference).ok()
}

/// Ranks the sources of `query` within `corpus` and compares the best ones in full.
pub fn sources(corpus: &Corpus, query: &Document, options: &Options) -> Vec<Candidate> {
    let indexed = IndexedDoc::from_document(query);
    let mut ranked = rank(corpus, &indexed, options);
    refine(query, &mut ranked, corpus, options, open_from_disk);
    ranked
}
