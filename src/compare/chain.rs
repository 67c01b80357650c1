//! Chaining: anchors that follow each other in both documents form a chain, the evidence that
//! a passage of the child was taken from one place in the parent. A child that reorders
//! sections yields several chains; repeated parent text yields competing chains, and the one
//! with more collinear support wins.

use std::time::Instant;

use super::anchors::Anchor;

/// Limits of one chaining step.
#[derive(Debug, Clone, Copy)]
pub struct ChainParams {
    /// How many earlier anchors (in child order) are considered as predecessors.
    pub lookback: usize,
    /// The largest gap, in either document, a chain may bridge.
    pub max_gap: u32,
    /// Score lost per character of difference between the two gaps (a shift of diagonal).
    pub shift_cost: f64,
    /// Score lost per character of the smaller gap (text replaced between two anchors).
    pub gap_cost: f64,
    /// Factor on the cost of gaps that are whole paragraphs in both documents.
    pub paragraph_discount: f64,
}

/// Paragraph starts of both documents (see [`crate::document::normalize::Normalized::para_start`]).
#[derive(Debug, Clone, Copy)]
pub struct Paragraphs<'a> {
    pub parent: &'a [bool],
    pub child: &'a [bool],
}

impl Default for ChainParams {
    fn default() -> Self {
        Self {
            lookback: 96,
            max_gap: 2000,
            shift_cost: 0.05,
            gap_cost: 0.01,
            paragraph_discount: 0.2,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Chain {
    /// Anchors in child order, increasing in both documents.
    pub anchors: Vec<Anchor>,
    pub score: f64,
}

/// Chains `anchors` (sorted by child position). Returns chains best first. `None` when the
/// deadline passed.
pub fn chain_anchors(
    anchors: &[Anchor],
    paragraphs: Paragraphs,
    params: &ChainParams,
    deadline: Instant,
) -> Option<Vec<Chain>> {
    // A gap made of whole paragraphs (a dropped or inserted paragraph) is the usual edit and
    // costs little; a gap that cuts through paragraphs is more likely a chain jumping between
    // two copies of the same boilerplate.
    let whole = |flags: &[bool], start: u32, end: u32| {
        start >= end
            || (flags.get(start as usize).copied().unwrap_or(true)
                && flags.get(end as usize).copied().unwrap_or(true))
    };
    let n = anchors.len();
    let mut score = vec![0f64; n];
    let mut prev: Vec<Option<usize>> = vec![None; n];
    for j in 0..n {
        if j % 1024 == 0 && Instant::now() > deadline {
            return None;
        }
        let b = anchors[j];
        let mut best = b.len as f64;
        let mut best_prev = None;
        for i in (j.saturating_sub(params.lookback)..j).rev() {
            let a = anchors[i];
            if a.c >= b.c || a.p >= b.p || a.c_end() > b.c_end() || a.p_end() > b.p_end() {
                continue;
            }
            let gc = b.c as i64 - a.c_end() as i64;
            let gp = b.p as i64 - a.p_end() as i64;
            if gc > params.max_gap as i64 || gp > params.max_gap as i64 {
                continue;
            }
            // Overlapping anchors only add the part of `b` beyond `a`.
            let overlap = (-gc).max(-gp).max(0);
            let gain = b.len as i64 - overlap;
            if gain <= 0 {
                continue;
            }
            let (gc, gp) = (gc.max(0), gp.max(0));
            let mut cost =
                params.shift_cost * (gc - gp).abs() as f64 + params.gap_cost * gc.min(gp) as f64;
            if whole(paragraphs.parent, a.p_end(), b.p) && whole(paragraphs.child, a.c_end(), b.c) {
                cost *= params.paragraph_discount;
            }
            let candidate = score[i] + gain as f64 - cost;
            if candidate > best {
                best = candidate;
                best_prev = Some(i);
            }
        }
        score[j] = best;
        prev[j] = best_prev;
    }

    // Take chains from the best-scoring ends; an anchor belongs to one chain only.
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_unstable_by(|&a, &b| score[b].total_cmp(&score[a]).then(a.cmp(&b)));
    let mut used = vec![false; n];
    let mut chains = Vec::new();
    for end in order {
        if used[end] {
            continue;
        }
        let mut members = Vec::new();
        let mut at = Some(end);
        let mut floor = 0.0;
        while let Some(i) = at {
            if used[i] {
                floor = score[i];
                break;
            }
            used[i] = true;
            members.push(anchors[i]);
            at = prev[i];
        }
        members.reverse();
        chains.push(Chain {
            anchors: members,
            score: score[end] - floor,
        });
    }
    chains.sort_by(|a, b| b.score.total_cmp(&a.score));
    Some(chains)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn far() -> Instant {
        Instant::now() + std::time::Duration::from_secs(60)
    }

    const NONE: Paragraphs = Paragraphs {
        parent: &[],
        child: &[],
    };

    fn a(c: u32, p: u32, len: u32) -> Anchor {
        Anchor { c, p, len }
    }

    #[test]
    fn collinear_anchors_form_one_chain() {
        let anchors = [a(0, 100, 20), a(22, 122, 20), a(44, 144, 20)];
        let chains = chain_anchors(&anchors, NONE, &ChainParams::default(), far()).unwrap();
        assert_eq!(chains[0].anchors.len(), 3);
        assert!(chains[0].score > 59.0);
    }

    #[test]
    fn repeated_parent_text_follows_the_neighbours() {
        // The middle anchor exists twice in the parent; the chain takes the collinear copy.
        let anchors = [
            a(0, 100, 20),
            a(22, 122, 10),
            a(22, 900, 10),
            a(34, 134, 20),
        ];
        let chains = chain_anchors(&anchors, NONE, &ChainParams::default(), far()).unwrap();
        assert_eq!(
            chains[0].anchors,
            vec![a(0, 100, 20), a(22, 122, 10), a(34, 134, 20)]
        );
    }

    #[test]
    fn moved_passages_make_separate_chains() {
        let anchors = [a(0, 5000, 30), a(40, 100, 30)];
        let chains = chain_anchors(&anchors, NONE, &ChainParams::default(), far()).unwrap();
        assert_eq!(chains.len(), 2);
    }
}
