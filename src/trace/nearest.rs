//! The nearest source of each passage, decided as textual criticism decides descent.
//!
//! Where several sources hold a passage, the one whose own wording the document keeps is
//! the one it copied (a city keeping the province's rewording of a national sentence copied
//! the province): in a passage, each variant (a run of characters a source does not hold as
//! written while another does) counts against that source, as a reading and per character,
//! and so does each phrase of its own a source has where the document runs on without it.
//! A dynamic programme over the passages (sentences) then picks one source per passage,
//! paying for every switch, more inside a paragraph than between paragraphs, so that a copied
//! paragraph keeps one source and its neighbours follow it instead of becoming a patchwork.
//! That continuity holds for a document copying runs of paragraphs from one source, then from
//! another (an exemplar shift). A document that instead follows a base text and borrows single
//! paragraphs from another source (contamination) shows it in its decided paragraphs, whose
//! sources follow each other no more often than chance, and keeps one source's local wording
//! only (a document keeping both sources' local terms followed both texts, in runs, however
//! often it switched): there each paragraph goes with its own evidence, and a paragraph no
//! reading decides goes with the base text, the source the document follows where the sources
//! differ only by substituted words (local terms). With too few readings to tell runs from
//! borrowings, a document keeping readings of two sources is a borrower whose base is the
//! earlier, higher one: a copy of the later would carry all of its changes; so is a
//! borrower's base when its local wording shows one in fewer than two paragraphs. A
//! paragraph the document mostly wrote itself carries no continuity either way. Other ties
//! go to the source most of the document's decided paragraphs follow (where two sources
//! compete for one, a reading, not text only one of them holds), then to the one that alone
//! holds most of its text, then to the cited, the closer-level and the earlier source.

use std::collections::HashSet;
use std::ops::Range;

use crate::compare::SpanClass;
use crate::compare::piece::Piece;
use crate::document::normalize::Normalized;

const NONE: u8 = 0;
const INHERITED: u8 = 1;
const ADAPTED: u8 = 2;

/// One source's alignment with the document, per normalised character of the document.
#[derive(Debug, Clone)]
pub struct Coverage {
    class: Vec<u8>,
    /// Source position of an inherited character; start of the replaced text for adapted.
    position: Vec<u32>,
    /// Piece number, so that the characters of one adaptation stay together.
    piece: Vec<u32>,
    /// Source range of each piece.
    ranges: Vec<Range<usize>>,
    /// Characters `i` before which the source has a few words of its own the document
    /// lacks (see [`Coverage::skips`]).
    omits: Vec<bool>,
}

/// Characters on each side of an omission that the source must not hold joined anywhere
/// for the omission to be a reading.
const JOIN: usize = 4;

impl Coverage {
    /// The coverage of document text `doc` by `source`, from their alignment's pieces.
    pub fn new(pieces: &[Piece], source: &[char], doc: &[char]) -> Self {
        let len = doc.len();
        let mut out = Self {
            class: vec![NONE; len],
            position: vec![0; len],
            piece: vec![u32::MAX; len],
            ranges: Vec::with_capacity(pieces.len()),
            omits: vec![false; len],
        };
        for (number, piece) in pieces.iter().enumerate() {
            let Some(parent) = &piece.parent else {
                out.ranges.push(0..0);
                continue;
            };
            let class = match piece.class {
                SpanClass::Inherited => INHERITED,
                SpanClass::Adapted => ADAPTED,
                SpanClass::Added => NONE,
            };
            for (k, c) in piece.child.clone().enumerate() {
                if c >= len {
                    break;
                }
                out.class[c] = class;
                out.piece[c] = number as u32;
                out.position[c] = if class == INHERITED {
                    (parent.start + k) as u32
                } else {
                    parent.start as u32
                };
            }
            out.ranges.push(parent.clone());
        }
        out.find_omissions(source, doc);
        out
    }

    /// Marks where the source holds the document's text on both sides of a few words of its
    /// own. In repeated wording (lists of responsible offices) the alignment may take the
    /// text from a place with a word more while the source holds it as written elsewhere
    /// too: no reading then.
    fn find_omissions(&mut self, source: &[char], doc: &[char]) {
        let gaps: Vec<usize> = (1..doc.len())
            .filter(|&i| {
                let gap = self.position[i] as i64 - self.position[i - 1] as i64 - 1;
                self.class[i - 1] == INHERITED
                    && self.class[i] == INHERITED
                    && (1..=OMISSION).contains(&gap)
            })
            .collect();
        if gaps.is_empty() {
            return;
        }
        let held: HashSet<&[char]> = source.windows(2 * JOIN).collect();
        for i in gaps {
            let joined = doc.get(i.saturating_sub(JOIN)..i + JOIN);
            self.omits[i] = joined.is_none_or(|w| w.len() < 2 * JOIN || !held.contains(w));
        }
    }

    pub fn class(&self, i: usize) -> Option<SpanClass> {
        match self.class[i] {
            INHERITED => Some(SpanClass::Inherited),
            ADAPTED => Some(SpanClass::Adapted),
            _ => None,
        }
    }

    /// Whether character `i` continues the source text of character `i - 1`.
    pub fn continues(&self, i: usize) -> bool {
        let (a, b) = (i - 1, i);
        match self.class[b] {
            INHERITED => self.class[a] == INHERITED && self.position[b] == self.position[a] + 1,
            ADAPTED => self.class[a] == ADAPTED && self.piece[a] == self.piece[b],
            _ => true,
        }
    }

    /// The normalised source range behind document characters `range` (one class, running on).
    pub fn source(&self, range: Range<usize>) -> Range<usize> {
        let (first, last) = (range.start, range.end - 1);
        match self.class[first] {
            INHERITED => self.position[first] as usize..self.position[last] as usize + 1,
            ADAPTED => {
                let a = &self.ranges[self.piece[first] as usize];
                let b = &self.ranges[self.piece[last] as usize];
                a.start..b.end
            }
            _ => 0..0,
        }
    }

    /// Whether this source holds characters `i - 1` and `i` as written with a few words of
    /// its own between them, and not joined elsewhere: a reading the document omits (see
    /// [`Coverage::find_omissions`]; a longer gap is the alignment taking the text from
    /// elsewhere, no reading).
    fn skips(&self, i: usize) -> bool {
        self.omits[i]
    }

    /// Whether this source holds characters `i - 1` and `i` as written and adjacent.
    fn joins(&self, i: usize) -> bool {
        self.class[i - 1] == INHERITED
            && self.class[i] == INHERITED
            && self.position[i] == self.position[i - 1] + 1
    }

    /// How far this source is from holding character `i` as written: 0 inherited, 1 adapted
    /// (it holds a different word there), 2 not at all.
    fn distance(&self, i: usize) -> u8 {
        match self.class[i] {
            INHERITED => 0,
            ADAPTED => 1,
            _ => 2,
        }
    }
}

/// What decides between sources the text cannot tell apart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Preference {
    pub cited: bool,
    /// Smaller is closer (see `trace::level_gap`).
    pub level_gap: u8,
    /// `YYYY-MM-DD`, so that the string order is the date order.
    pub date: Option<String>,
}

/// A passage: a sentence, ended by 。;!? or a line break, and the logical paragraph it is in.
struct Passage {
    range: Range<usize>,
    paragraph: usize,
}

/// The document's passages; `paragraph_start` marks the characters beginning a logical
/// paragraph.
fn passages(text: &Normalized, paragraph_start: &[bool]) -> Vec<Passage> {
    let mut ranges = Vec::new();
    let mut start = 0;
    for i in 0..text.len() {
        if i > start && text.para_start[i] {
            ranges.push(start..i);
            start = i;
        }
        if matches!(text.chars[i], '。' | ';' | '!' | '?') {
            ranges.push(start..i + 1);
            start = i + 1;
        }
    }
    if start < text.len() {
        ranges.push(start..text.len());
    }
    let mut paragraph = 0;
    ranges
        .into_iter()
        .enumerate()
        .map(|(u, range)| {
            if u > 0 && paragraph_start.get(range.start).copied().unwrap_or(true) {
                paragraph += 1;
            }
            Passage { range, paragraph }
        })
        .collect()
}

/// How much more a switch of source costs inside a paragraph than between paragraphs.
const INNER_SWITCH: f64 = 3.0;

/// Evidence a variant (a run of characters a source holds worse than another) counts as a
/// whole, besides its characters: textual criticism counts readings, not letters, so a
/// two-character local term the document did not take decides a paragraph.
const VARIANT: u32 = 4;

/// The longest omission counted as a reading, in characters: a phrase or a local term.
const OMISSION: i64 = 8;

/// How many standard deviations above chance the decided paragraphs must agree with the one
/// before for a document to count as copying runs (one-sided, about 7% by chance).
const RUNS_Z: f64 = 1.5;

/// Tie-break weight per reused character: far below one character of real evidence, even
/// summed over a long document.
const TIE: f64 = 1e-6;

/// The nearest source of every normalised character of the document (`None`: added).
///
/// `paragraph_start` marks the characters that begin a logical paragraph (hard-wrapped lines
/// joined): documents are copied paragraph by paragraph, so switching source inside one costs
/// [`INNER_SWITCH`] times more than between two.
pub fn assign(
    text: &Normalized,
    paragraph_start: &[bool],
    coverage: &[Coverage],
    stock: &[bool],
    preference: &[Preference],
    switch_cost: f64,
) -> Vec<Option<usize>> {
    let n = text.len();
    let sources = coverage.len();
    let mut out = vec![None; n];
    if sources == 0 || n == 0 {
        return out;
    }
    let best: Vec<u8> = (0..n)
        .map(|i| coverage.iter().map(|c| c.distance(i)).min().unwrap_or(2))
        .collect();
    let units = passages(text, paragraph_start);
    // evidence[u * sources + k]: characters of passage u that source k does not hold as
    // well as another source does; reused[u]: the characters of u some source holds.
    let mut evidence = vec![0u32; units.len() * sources];
    // substantive[..]: of that, the characters a source lacks altogether and the phrases of
    // its own it has (additions and omissions, not substitutions of a word for another).
    let mut substantive = vec![0u32; units.len() * sources];
    let mut reused = vec![0u32; units.len()];
    // lacking[..]: the reused characters of u source k does not hold at all.
    let mut lacking = vec![0u32; units.len() * sources];
    for (u, unit) in units.iter().enumerate() {
        let unit = &unit.range;
        for i in unit.clone() {
            let b = best[i];
            if b == 2 {
                continue;
            }
            reused[u] += 1;
            for (k, c) in coverage.iter().enumerate() {
                if c.distance(i) == 2 {
                    lacking[u * sources + k] += 1;
                }
            }
            if stock[i] {
                continue;
            }
            for (k, c) in coverage.iter().enumerate() {
                let d = c.distance(i) - b;
                let opens =
                    d > 0 && (i == unit.start || stock[i - 1] || c.distance(i - 1) <= best[i - 1]);
                evidence[u * sources + k] += u32::from(d) + if opens { VARIANT } else { 0 };
                if c.distance(i) == 2 {
                    substantive[u * sources + k] += 1;
                }
            }
            // A source holding words of its own here that the document lacks while another
            // holds the text running on: an omission, one reading against that source.
            if i > unit.start && !stock[i - 1] && coverage.iter().any(|c| c.joins(i)) {
                for (k, c) in coverage.iter().enumerate() {
                    if c.skips(i) {
                        evidence[u * sources + k] += VARIANT;
                        substantive[u * sources + k] += 1;
                    }
                }
            }
        }
    }
    let against = per_paragraph(&units, &evidence, sources);
    let held = per_paragraph(&units, &reused, 1);
    let seq = competing(&against, &held);
    let mut decided = vec![0usize; sources];
    for &k in &seq {
        decided[k] += 1;
    }
    let mut rank = tie_order(coverage, stock, preference, &decided, n);
    let wording = local_wording(
        &against,
        &per_paragraph(&units, &substantive, sources),
        sources,
    );
    let mut order: Vec<usize> = (0..sources).collect();
    order.sort_by_key(|&k| (std::cmp::Reverse(wording[k]), k));
    let (first, second) = (wording[order[0]], order.get(1).map_or(0, |&k| wording[k]));
    // A document keeping one source's local wording in some paragraphs and another's in
    // others followed both as its exemplar, in turn: it copies runs, however often the
    // runs switch. A borrower keeps its base text's wording and takes content elsewhere.
    let two_exemplars = second >= 2 && 2 * second >= first;
    let copying = if two_exemplars {
        Some(true)
    } else {
        copies_runs(&seq, sources)
    };
    // Too few readings to tell how the document copies. One keeping the readings of two
    // sources copied neither whole (a copy of the later would carry all of its changes): it
    // followed the earlier, higher one and took the other's paragraphs one by one. Else it
    // keeps continuity, but its base text, where it shows one, still goes first among ties.
    // A borrower's local wording names its base only from two paragraphs on: one paragraph
    // differing by a local term alone may be a borrowed one (a reworded paragraph whose
    // only change is a term); with less, its base is the earlier, higher source too.
    let readings: Vec<usize> = (0..sources).filter(|&k| decided[k] > 0).collect();
    let eldest = || {
        readings.iter().copied().min_by(|&a, &b| {
            let (pa, pb) = (&preference[a], &preference[b]);
            earlier(pa, pb)
                .then(pb.level_gap.cmp(&pa.level_gap))
                .then(a.cmp(&b))
        })
    };
    let (copying, base) = match copying {
        None if readings.len() >= 2 => (Some(false), eldest()),
        Some(false) if first < 2 => (copying, eldest()),
        _ => (copying, (first > 0).then(|| order[0])),
    };
    let runs = copying.unwrap_or(true);
    if copying != Some(true)
        && let Some(base) = base
    {
        let was = rank[base];
        for r in rank.iter_mut() {
            if *r < was {
                *r += 1;
            }
        }
        rank[base] = 0;
    }
    let own = own_paragraphs(&units, &held);
    let cost: Vec<f64> = evidence
        .iter()
        .enumerate()
        .map(|(x, &e)| e as f64 + TIE * (rank[x % sources] as f64) * reused[x / sources] as f64)
        .collect();
    // A document taking each paragraph on its own pays nothing to switch between paragraphs:
    // each goes with its own evidence, an undecided one with the base text.
    let between = if runs { switch_cost } else { 0.0 };
    let inserted = inserted_paragraphs(&per_paragraph(&units, &lacking, sources), &held);
    let cheapest = |u: usize| {
        (0..sources)
            .min_by(|&a, &b| cost[u * sources + a].total_cmp(&cost[u * sources + b]))
            .unwrap_or(0)
    };
    // The one source an inserted paragraph is taken from: the cheapest over all of it.
    let mut paragraph_cost = vec![0.0; held.len() * sources];
    for (u, unit) in units.iter().enumerate() {
        for k in 0..sources {
            paragraph_cost[unit.paragraph * sources + k] += cost[u * sources + k];
        }
    }
    let taken: Vec<usize> = paragraph_cost
        .chunks(sources)
        .map(|row| {
            (0..sources)
                .min_by(|&a, &b| row[a].total_cmp(&row[b]))
                .unwrap_or(0)
        })
        .collect();
    // A paragraph the document mostly wrote itself is no copied paragraph: what little of it
    // a source holds says nothing of where its neighbours came from, so the path runs through
    // it at no cost and its passages go with their own evidence afterwards. A paragraph the
    // source followed lacks (one from a peer) interrupts its run without ending it: the path
    // stays with that source, pays one switch for the paragraph and takes it from the source
    // its evidence names.
    let path_cost = |u: usize, k: usize| {
        let paragraph = units[u].paragraph;
        if own[paragraph] {
            0.0
        } else if inserted[paragraph * sources + k] {
            let opens = u > 0 && units[u - 1].paragraph != paragraph;
            cost[u * sources + taken[paragraph]] + if opens { between } else { 0.0 }
        } else {
            cost[u * sources + k]
        }
    };
    // Viterbi over passages with a constant switching cost.
    let mut total: Vec<f64> = (0..sources).map(|k| path_cost(0, k)).collect();
    let mut back = vec![0u32; units.len() * sources];
    for u in 1..units.len() {
        let switch_cost = if units[u].paragraph != units[u - 1].paragraph {
            between
        } else {
            switch_cost * INNER_SWITCH
        };
        let (arg, min) =
            total.iter().enumerate().fold(
                (0, f64::INFINITY),
                |acc, (k, &v)| if v < acc.1 { (k, v) } else { acc },
            );
        let mut next = vec![0.0; sources];
        for k in 0..sources {
            let (from, before) = if total[k] <= min + switch_cost {
                (k, total[k])
            } else {
                (arg, min + switch_cost)
            };
            next[k] = before + path_cost(u, k);
            back[u * sources + k] = from as u32;
        }
        total = next;
    }
    let mut chosen = vec![0usize; units.len()];
    let mut k = (0..sources)
        .min_by(|&a, &b| total[a].total_cmp(&total[b]))
        .unwrap_or(0);
    for u in (0..units.len()).rev() {
        chosen[u] = k;
        k = back[u * sources + k] as usize;
    }
    for (u, unit) in units.iter().enumerate() {
        if own[unit.paragraph] {
            chosen[u] = cheapest(u);
        } else if inserted[unit.paragraph * sources + chosen[u]] {
            chosen[u] = taken[unit.paragraph];
        }
    }
    for (u, unit) in units.iter().enumerate() {
        let k = chosen[u];
        let unit = &unit.range;
        let neighbours = [u.checked_sub(1), Some(u + 1)].map(|v| v.and_then(|v| chosen.get(v)));
        for i in unit.clone() {
            if coverage[k].class(i).is_some() {
                out[i] = Some(k);
                continue;
            }
            let holds = |j: usize| coverage[j].class(i).is_some();
            out[i] = neighbours
                .iter()
                .flatten()
                .map(|&&j| j)
                .find(|&j| holds(j))
                .or_else(|| (0..sources).filter(|&j| holds(j)).min_by_key(|&j| rank[j]));
        }
    }
    out
}

/// `values` (`width` per passage) summed over each paragraph, in order.
fn per_paragraph(units: &[Passage], values: &[u32], width: usize) -> Vec<Vec<u32>> {
    let paragraphs = units.last().map_or(0, |u| u.paragraph + 1);
    let mut out = vec![vec![0u32; width]; paragraphs];
    for (u, unit) in units.iter().enumerate() {
        let row = &values[u * width..(u + 1) * width];
        for (sum, v) in out[unit.paragraph].iter_mut().zip(row) {
            *sum += v;
        }
    }
    out
}

/// The sources in the order of the evidence against them, least first.
fn by_evidence(against: &[u32]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..against.len()).collect();
    order.sort_by_key(|&k| against[k]);
    order
}

/// For each paragraph, whether the document wrote most of it itself (no source holds half
/// of its characters); `held`: the reused characters of each paragraph.
fn own_paragraphs(units: &[Passage], held: &[Vec<u32>]) -> Vec<bool> {
    let mut len = vec![0usize; held.len()];
    for unit in units {
        len[unit.paragraph] += unit.range.len();
    }
    held.iter()
        .zip(&len)
        .map(|(h, l)| 2 * (h[0] as usize) < *l)
        .collect()
}

/// For each paragraph and source (`paragraph * sources + k`), whether the source lacks
/// most of what the document reused in that paragraph (it holds no version of it);
/// `lacking` and `held` are per paragraph (see [`per_paragraph`]).
fn inserted_paragraphs(lacking: &[Vec<u32>], held: &[Vec<u32>]) -> Vec<bool> {
    lacking
        .iter()
        .zip(held)
        .flat_map(|(lacking, held)| lacking.iter().map(move |&l| 2 * l > held[0]))
        .collect()
}

/// The sources of the document's decided paragraphs where two sources compete, in order: the
/// paragraphs one source holds better than every other while the runner-up still holds most
/// of it (a variant in shared text, a reading; not text only one source holds at all, which
/// says where that paragraph came from but nothing of the exemplar the document follows).
/// `against` and `held` are per paragraph (see [`per_paragraph`]).
fn competing(against: &[Vec<u32>], held: &[Vec<u32>]) -> Vec<usize> {
    against
        .iter()
        .zip(held)
        .filter_map(|(against, held)| match by_evidence(against)[..] {
            [first, second, ..]
                if against[first] < against[second] && against[second] < held[0] =>
            {
                Some(first)
            }
            _ => None,
        })
        .collect()
}

/// Whether the document copies runs of paragraphs from one source before switching (an
/// exemplar shift), rather than choosing each paragraph's source on its own (a base text
/// with borrowings): the sources of its competing decided paragraphs (`seq`) follow each
/// other more often than their shares alone would make them. `None` when there are too few
/// of them to tell.
fn copies_runs(seq: &[usize], sources: usize) -> Option<bool> {
    if seq.len() < 6 {
        return None;
    }
    let mut share = vec![0f64; sources];
    for &k in seq {
        share[k] += 1.0 / seq.len() as f64;
    }
    let expected: f64 = share.iter().map(|p| p * p).sum();
    if expected > 0.95 {
        return Some(true);
    }
    let pairs = (seq.len() - 1) as f64;
    let same = seq.windows(2).filter(|w| w[0] == w[1]).count() as f64;
    let z = (same - pairs * expected) / (pairs * expected * (1.0 - expected)).sqrt();
    Some(z >= RUNS_Z)
}

/// For each source, the paragraphs in which the document keeps its wording where the sources
/// differ only by substituted words (their local terms), not by passages one of them added or
/// left out (what a borrowing takes): the source it follows as its text, its base where it
/// takes paragraphs from several sources one by one. `against` and `lacking` (characters a
/// source lacks altogether, omissions) are per paragraph.
fn local_wording(against: &[Vec<u32>], lacking: &[Vec<u32>], sources: usize) -> Vec<usize> {
    let mut kept = vec![0usize; sources];
    for (against, lacking) in against.iter().zip(lacking) {
        if let [first, second, ..] = by_evidence(against)[..]
            && against[first] < against[second]
            && lacking[second] == 0
            && lacking[first] == 0
        {
            kept[first] += 1;
        }
    }
    kept
}

/// The order of two sources' dates, the earlier first; an undated source after a dated one.
fn earlier(a: &Preference, b: &Preference) -> std::cmp::Ordering {
    match (&a.date, &b.date) {
        (Some(x), Some(y)) => x.cmp(y),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => std::cmp::Ordering::Equal,
    }
}

/// Rank of each source for breaking ties, 0 first: the exemplar the document follows (the
/// source most of its decided paragraphs follow, then the one that alone holds most of its
/// reused text), then cited, closer level, earlier date.
fn tie_order(
    coverage: &[Coverage],
    stock: &[bool],
    preference: &[Preference],
    decided: &[usize],
    n: usize,
) -> Vec<usize> {
    let mut alone = vec![0usize; coverage.len()];
    for i in (0..n).filter(|&i| !stock[i]) {
        let mut holders = coverage
            .iter()
            .enumerate()
            .filter(|(_, c)| c.distance(i) == 0);
        if let (Some((k, _)), None) = (holders.next(), holders.next()) {
            alone[k] += 1;
        }
    }
    let mut order: Vec<usize> = (0..coverage.len()).collect();
    order.sort_by(|&a, &b| {
        let (pa, pb) = (&preference[a], &preference[b]);
        decided[b]
            .cmp(&decided[a])
            .then(alone[b].cmp(&alone[a]))
            .then(pb.cited.cmp(&pa.cited))
            .then(pa.level_gap.cmp(&pb.level_gap))
            .then(earlier(pa, pb))
            .then(a.cmp(&b))
    });
    let mut rank = vec![0usize; coverage.len()];
    for (r, &k) in order.iter().enumerate() {
        rank[k] = r;
    }
    rank
}

#[cfg(test)]
mod tests {
    use super::*;

    fn normalized(s: &str) -> Normalized {
        let chars: Vec<char> = s.chars().collect();
        crate::document::normalize::normalize(&chars, 0..chars.len())
    }

    fn coverage(len: usize, inherited: &[(usize, usize)], adapted: &[(usize, usize)]) -> Coverage {
        let mut pieces: Vec<Piece> = inherited
            .iter()
            .map(|&(a, b)| Piece {
                child: a..b,
                parent: Some(a..b),
                class: SpanClass::Inherited,
            })
            .chain(adapted.iter().map(|&(a, b)| Piece {
                child: a..b,
                parent: Some(a..b),
                class: SpanClass::Adapted,
            }))
            .collect();
        pieces.sort_by_key(|p| p.child.start);
        let text: Vec<char> = "甲乙丙丁戊己庚辛壬。".chars().cycle().take(len).collect();
        Coverage::new(&pieces, &text, &text)
    }

    fn prefer(n: usize) -> Vec<Preference> {
        vec![
            Preference {
                cited: false,
                level_gap: 1,
                date: None,
            };
            n
        ]
    }

    #[test]
    fn the_source_whose_rewording_the_passage_keeps_is_nearest() {
        // Two sentences of 10 characters; source 1 holds the second as written, source 0
        // holds a different wording for 4 of its characters.
        let text = normalized("甲乙丙丁戊己庚辛壬。子丑寅卯辰巳午未申。");
        let a = coverage(20, &[(0, 10), (10, 12), (16, 20)], &[(12, 16)]);
        let b = coverage(20, &[(0, 20)], &[]);
        let out = assign(
            &text,
            &text.para_start,
            &[a, b],
            &[false; 20],
            &prefer(2),
            2.0,
        );
        assert!(out[10..].iter().all(|&s| s == Some(1)), "{out:?}");
        // The first sentence: no change decides, it goes with its neighbour.
        assert!(out[..10].iter().all(|&s| s == Some(1)), "{out:?}");
    }

    #[test]
    fn a_small_difference_does_not_make_a_patchwork() {
        let text = normalized("甲乙丙丁戊己庚辛壬。子丑寅卯辰巳午未申。天地玄黄宇宙洪荒日。");
        // Source 0 alone holds the first and last sentences; source 1 differs from it by one
        // character in the middle sentence.
        let a = coverage(30, &[(0, 30)], &[]);
        let b = coverage(30, &[(10, 14), (15, 20)], &[(14, 15)]);
        let out = assign(
            &text,
            &text.para_start,
            &[a, b],
            &[false; 30],
            &prefer(2),
            6.0,
        );
        assert!(out.iter().all(|&s| s == Some(0)), "{out:?}");
    }

    #[test]
    fn a_paragraph_follows_the_source_of_its_reworded_sentence() {
        // One paragraph of three sentences; source 1 holds the middle one as written, source
        // 0 a different wording of it, both the other two. A following paragraph only
        // source 0 holds decides nothing about the first.
        let text = normalized(
            "甲乙丙丁戊己庚辛壬。子丑寅卯辰巳午未申。天地玄黄宇宙洪荒日。\n金木水火土东南西北。",
        );
        let starts: Vec<bool> = (0..text.len()).map(|i| i == 0 || i == 30).collect();
        let a = coverage(40, &[(0, 12), (16, 40)], &[(12, 16)]);
        let b = coverage(40, &[(0, 30)], &[]);
        let out = assign(&text, &starts, &[a, b], &[false; 40], &prefer(2), 2.0);
        assert!(out[..30].iter().all(|&s| s == Some(1)), "{out:?}");
        assert!(out[30..].iter().all(|&s| s == Some(0)), "{out:?}");
    }

    #[test]
    fn a_short_local_term_outweighs_a_switch() {
        // Source 1 holds everything but a two-character term of the second paragraph,
        // where source 0 holds it as written: that paragraph is source 0's.
        let text = normalized("甲乙丙丁戊己庚辛壬。\n子丑寅卯辰巳午未申。");
        let a = coverage(20, &[(10, 20)], &[]);
        let b = coverage(20, &[(0, 13), (15, 20)], &[(13, 15)]);
        let out = assign(
            &text,
            &text.para_start,
            &[a, b],
            &[false; 20],
            &prefer(2),
            2.0,
        );
        assert!(out[..10].iter().all(|&s| s == Some(1)), "{out:?}");
        assert!(out[10..].iter().all(|&s| s == Some(0)), "{out:?}");
    }

    #[test]
    fn a_phrase_the_document_omits_counts_against_the_source_holding_it() {
        // Both sources hold every character as written; source 0 has a two-character phrase
        // of its own inside the second sentence that the document lacks.
        let text = normalized("甲乙丙丁戊己庚辛壬。子丑寅卯辰巳午未申。");
        let pieces = [
            Piece {
                child: 0..15,
                parent: Some(0..15),
                class: SpanClass::Inherited,
            },
            Piece {
                child: 15..20,
                parent: Some(17..22),
                class: SpanClass::Inherited,
            },
        ];
        let source: Vec<char> = "甲乙丙丁戊己庚辛壬。子丑寅卯辰天地巳午未申。"
            .chars()
            .collect();
        let a = Coverage::new(&pieces, &source, &text.chars);
        let b = coverage(20, &[(0, 20)], &[]);
        let out = assign(
            &text,
            &text.para_start,
            &[a, b],
            &[false; 20],
            &prefer(2),
            2.0,
        );
        assert!(out.iter().all(|&s| s == Some(1)), "{out:?}");
    }

    #[test]
    fn stock_wording_is_no_evidence() {
        let text = normalized("甲乙丙丁戊己庚辛壬。子丑寅卯辰巳午未申。");
        let a = coverage(20, &[(0, 20)], &[]);
        let b = coverage(20, &[(10, 20)], &[]);
        let mut stock = vec![false; 20];
        stock[..10].fill(true);
        let mut preference = prefer(2);
        preference[1].cited = true;
        let out = assign(&text, &text.para_start, &[a, b], &stock, &preference, 6.0);
        // Source 0 alone holds the first sentence but only as stock wording: no source is
        // followed on evidence, the cited one wins the tie.
        assert!(out[10..].iter().all(|&s| s == Some(1)), "{out:?}");
        assert!(out[..10].iter().all(|&s| s == Some(0)), "{out:?}");
    }

    #[test]
    fn a_paragraph_the_document_mostly_wrote_itself_does_not_pull_its_neighbours() {
        // Paragraphs of 10, 30, 10 and 10 characters. The second is the document's own but
        // for one sentence only source 1 holds; the last is source 0's (source 1 substitutes
        // a word). The undecided paragraphs around the own one stay with source 0.
        let text = normalized(
            "甲乙丙丁戊己庚辛壬。\n天地玄黄宇宙洪荒日。金木水火土东南西北。子丑寅卯辰巳午未申。\n甲乙丙丁戊己庚辛壬。\n甲乙丙丁戊己庚辛壬。",
        );
        let starts: Vec<bool> = (0..60).map(|i| [0, 10, 40, 50].contains(&i)).collect();
        let a = coverage(60, &[(0, 10), (40, 60)], &[]);
        let b = coverage(60, &[(0, 20), (40, 53), (55, 60)], &[(53, 55)]);
        let out = assign(&text, &starts, &[a, b], &[false; 60], &prefer(2), 2.0);
        assert!(out[..10].iter().all(|&s| s == Some(0)), "{out:?}");
        assert!(out[10..20].iter().all(|&s| s == Some(1)), "{out:?}");
        assert!(out[20..40].iter().all(|&s| s.is_none()), "{out:?}");
        assert!(out[40..].iter().all(|&s| s == Some(0)), "{out:?}");
    }

    /// A document of ten-character paragraphs and two sources, from a pattern: `H` a
    /// paragraph where source 1 substitutes a word (source 0 decides it), `D` one where
    /// source 0 lacks a phrase (source 1 decides it), `A` one where source 1 lacks a phrase
    /// (source 0 decides it), `S` one where source 0 substitutes a word (source 1 decides
    /// it), `u` one both hold as written, `P` one only a third source holds (present when
    /// the pattern has one).
    fn two_sources(pattern: &str) -> (Normalized, Vec<bool>, Vec<Coverage>) {
        let n = pattern.len() * 10;
        let text = normalized(&"甲乙丙丁戊己庚辛壬。".repeat(pattern.len()));
        let starts: Vec<bool> = (0..n).map(|i| i % 10 == 0).collect();
        let (mut held0, mut held1, mut held2) = (Vec::new(), Vec::new(), Vec::new());
        let (mut swapped0, mut swapped1) = (Vec::new(), Vec::new());
        for (p, kind) in pattern.chars().enumerate() {
            let at = p * 10;
            match kind {
                'P' => held2.push((at, at + 10)),
                'H' => {
                    held0.push((at, at + 10));
                    held1.extend([(at, at + 3), (at + 5, at + 10)]);
                    swapped1.push((at + 3, at + 5));
                }
                'D' => {
                    held0.extend([(at, at + 3), (at + 5, at + 10)]);
                    held1.push((at, at + 10));
                }
                'A' => {
                    held0.push((at, at + 10));
                    held1.extend([(at, at + 3), (at + 5, at + 10)]);
                }
                'S' => {
                    held0.extend([(at, at + 3), (at + 5, at + 10)]);
                    swapped0.push((at + 3, at + 5));
                    held1.push((at, at + 10));
                }
                _ => {
                    held0.push((at, at + 10));
                    held1.push((at, at + 10));
                }
            }
        }
        let mut sources = vec![
            coverage(n, &held0, &swapped0),
            coverage(n, &held1, &swapped1),
        ];
        if !held2.is_empty() {
            sources.push(coverage(n, &held2, &[]));
        }
        (text, starts, sources)
    }

    fn paragraph_sources(out: &[Option<usize>]) -> String {
        out.chunks(10)
            .map(|p| match p[0] {
                Some(0) => 'H',
                Some(1) => 'D',
                Some(2) => 'P',
                _ => '.',
            })
            .collect()
    }

    #[test]
    fn a_document_borrowing_single_paragraphs_keeps_its_base_text_between_them() {
        // Source 1's paragraphs come one at a time among source 0's: the undecided paragraph
        // between two of them is the base text's, not a run of source 1.
        let (text, starts, sources) = two_sources("HDHDuDHDHDHDH");
        let n = text.len();
        let out = assign(&text, &starts, &sources, &vec![false; n], &prefer(2), 2.0);
        assert_eq!(paragraph_sources(&out), "HDHDHDHDHDHDH");
    }

    #[test]
    fn a_borrower_showing_no_local_wording_follows_the_earlier_source_between_borrowings() {
        // The document keeps the later source's rewording in six paragraphs and the earlier
        // one's in three, one at a time, and no local term of either: it followed the earlier
        // text and took the later one's reworded paragraphs, so the paragraphs no reading
        // decides are the earlier one's, though most decided paragraphs name the later.
        let (text, starts, sources) = two_sources("DAuDADuDADuD");
        let n = text.len();
        let mut preference = prefer(2);
        preference[0].date = Some("2017-07-08".into());
        preference[1].date = Some("2018-12-29".into());
        let out = assign(&text, &starts, &sources, &vec![false; n], &preference, 2.0);
        assert_eq!(paragraph_sources(&out), "DHHDHDHDHDHD");
    }

    #[test]
    fn a_document_keeping_both_sources_local_wording_copies_runs_however_often_they_switch() {
        // Both sources' substitutions are kept, in paragraphs alternating as a borrower's
        // would: the document followed both texts, and the undecided paragraph goes with its
        // neighbours, not with a base text.
        let (text, starts, sources) = two_sources("HSHSuSHSHSHSH");
        let n = text.len();
        let out = assign(&text, &starts, &sources, &vec![false; n], &prefer(2), 2.0);
        assert_eq!(paragraph_sources(&out), "HDHDDDHDHDHDH");
    }

    #[test]
    fn a_document_copying_runs_keeps_a_run_through_its_undecided_paragraphs() {
        let (text, starts, sources) = two_sources("HHHHDDuDDDHHHHDDDD");
        let n = text.len();
        let out = assign(&text, &starts, &sources, &vec![false; n], &prefer(2), 2.0);
        assert_eq!(paragraph_sources(&out), "HHHHDDDDDDHHHHDDDD");
    }
    #[test]
    fn a_paragraph_from_a_peer_interrupts_a_run_without_ending_it() {
        // Runs of source 0, then source 1; a paragraph only a third source holds, then one
        // both hold as written, closes the document: it goes on with source 1, whose run
        // the peer's paragraph interrupted, not with the source ranked first.
        let (text, starts, sources) = two_sources("HHHHDDDDuPu");
        let n = text.len();
        let out = assign(&text, &starts, &sources, &vec![false; n], &prefer(3), 2.0);
        assert_eq!(paragraph_sources(&out), "HHHHDDDDDPD");
    }

    #[test]
    fn an_omission_the_source_holds_joined_elsewhere_is_no_reading() {
        // Source 0 is aligned over a place where it has two characters more, but it holds
        // the document's wording as written further on: the gap is the alignment's, and
        // the sentence goes with the source the document follows, not against source 0.
        let text = normalized("甲乙丙丁戊己庚辛壬。子丑寅卯辰巳午未申。");
        let source: Vec<char> = "甲乙丙丁戊己庚辛壬。子丑寅卯辰天地巳午未申。子丑寅卯辰巳午未申。"
            .chars()
            .collect();
        let pieces = [
            Piece {
                child: 0..15,
                parent: Some(0..15),
                class: SpanClass::Inherited,
            },
            Piece {
                child: 15..20,
                parent: Some(17..22),
                class: SpanClass::Inherited,
            },
        ];
        let a = Coverage::new(&pieces, &source, &text.chars);
        assert!(!(1..20).any(|i| a.skips(i)));
        let b = coverage(20, &[(0, 20)], &[]);
        let mut preference = prefer(2);
        preference[0].cited = true;
        let out = assign(
            &text,
            &text.para_start,
            &[a, b],
            &[false; 20],
            &preference,
            2.0,
        );
        assert!(out.iter().all(|&s| s == Some(0)), "{out:?}");
    }
}
