//! Alignment: which characters of the child came from where in the parent.
//!
//! The pipeline, on normalised text (see [`crate::document::normalize`]):
//! 1. [`anchors`]: maximal exact matches from k-character seeds;
//! 2. [`chain`]: collinear anchors chained; each chain is one passage taken from one place;
//! 3. claiming: chains, best first, claim the child characters they cover, so a moved
//!    paragraph and a repeated phrase each end up pointing at their most plausible source;
//! 4. [`refine`]: the text between two anchors of a chain is diffed character by character
//!    into inherited, adapted and added pieces.
//!
//! A deadline bounds the whole run: pathological input is classified coarsely, never hangs.

use std::time::{Duration, Instant};

use super::anchors::{Anchor, SeedLimits, find_anchors};
use super::chain::{ChainParams, chain_anchors};
use super::piece::{Piece, SpanClass, Text};
use super::refine::{Direction, RefineParams, extend, refine_gap};
use super::{chain, refine};

#[derive(Debug, Clone)]
pub struct Options {
    /// Seed length for anchors, in normalised characters.
    pub seed_len: usize,
    /// Seeds more frequent than this in the parent are tried only near the current diagonal.
    pub max_seed_occurrences: usize,
    /// Characters of exact-match evidence a chain needs to count as taken from the parent;
    /// shorter coincidences (shared boilerplate phrases) are local text.
    pub min_evidence: usize,
    pub chain: ChainParams,
    pub refine: RefineParams,
    pub time_limit: Duration,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            seed_len: 7,
            max_seed_occurrences: 64,
            min_evidence: 14,
            chain: ChainParams::default(),
            refine: RefineParams::default(),
            time_limit: Duration::from_secs(8),
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct Alignment {
    /// Pieces in child order, covering every normalised child character once.
    pub pieces: Vec<Piece>,
    pub timed_out: bool,
}

/// Aligns normalised `child` text with normalised `parent` text.
///
/// `Text::para_start[i]` tells whether character `i` begins a paragraph.
pub fn align(parent: Text, child: Text, options: &Options) -> Alignment {
    let (parent, parent_para, child, para_start) = (
        parent.chars,
        parent.para_start,
        child.chars,
        child.para_start,
    );
    let deadline = Instant::now() + options.time_limit;
    let everything_added = |timed_out| Alignment {
        pieces: if child.is_empty() {
            Vec::new()
        } else {
            vec![Piece::added(0..child.len())]
        },
        timed_out,
    };
    let seeds = SeedLimits {
        k: options.seed_len,
        max_occurrences: options.max_seed_occurrences,
        frequent_min_len: options.min_evidence,
    };
    let Some(anchors) = find_anchors(parent, child, seeds, deadline) else {
        return everything_added(true);
    };
    let paragraphs = chain::Paragraphs {
        parent: parent_para,
        child: para_start,
    };
    let Some(chains) = chain_anchors(&anchors, paragraphs, &options.chain, deadline) else {
        return everything_added(true);
    };
    let mut claimed = claim(child.len(), chains.iter().map(|c| &c.anchors[..]), options);
    adopt_intruders(&mut claimed, parent, child);
    let mut pieces = Vec::with_capacity(claimed.len() * 2);
    let mut timed_out = false;
    // The previous anchor, held back until we know how much of its tail the gap needs.
    let mut held: Option<(usize, Anchor)> = None;
    for &(chain, anchor) in &claimed {
        let mut anchor = anchor;
        match held {
            Some((prev_chain, prev)) if prev_chain == chain && anchor.p >= prev.p_end() => {
                // Same chain: the text between is refined against the parent text between.
                let (left, right) = widen_for_tokens(prev, anchor, child);
                if left.len > 0 {
                    pieces.push(inherited(left));
                }
                let cg = left.c_end() as usize..right.c as usize;
                let pg = left.p_end() as usize..right.p as usize;
                if Instant::now() > deadline {
                    timed_out = true;
                    if !cg.is_empty() {
                        pieces.push(Piece::added(cg));
                    }
                } else {
                    pieces.extend(refine_gap(child, parent, cg, pg, &options.refine));
                }
                anchor = right;
            }
            _ => {
                let at = match held {
                    Some((_, prev)) => {
                        pieces.push(inherited(prev));
                        prev.c_end() as usize
                    }
                    None => 0,
                };
                if (anchor.c as usize) > at {
                    pieces.push(Piece::added(at..anchor.c as usize));
                }
            }
        }
        held = Some((chain, anchor));
    }
    let at = match held {
        Some((_, last)) => {
            pieces.push(inherited(last));
            last.c_end() as usize
        }
        None => 0,
    };
    if at < child.len() {
        pieces.push(Piece::added(at..child.len()));
    }
    let pieces = extend_chain_ends(
        merge(pieces),
        Text {
            chars: parent,
            para_start: parent_para,
        },
        Text {
            chars: child,
            para_start,
        },
        options,
    );
    Alignment {
        pieces: merge(pieces),
        timed_out,
    }
}

/// Lets inherited passages grow into the added text beside them where the child still
/// follows the parent with small adaptations (see [`refine::extend`]).
fn extend_chain_ends(
    pieces: Vec<Piece>,
    parent: Text,
    child: Text,
    options: &Options,
) -> Vec<Piece> {
    let mut out: Vec<Piece> = Vec::with_capacity(pieces.len());
    for (i, piece) in pieces.iter().enumerate() {
        if piece.class != SpanClass::Added {
            out.push(piece.clone());
            continue;
        }
        let mut region = piece.child.clone();
        let mut before = Vec::new();
        if let Some(Piece {
            parent: Some(source),
            class: SpanClass::Inherited,
            ..
        }) = out.last()
        {
            before = extend(
                child,
                parent,
                region.clone(),
                source.end,
                Direction::Forward,
                &options.refine,
            );
            region.start = before.last().map_or(region.start, |p| p.child.end);
        }
        let mut after = Vec::new();
        if let Some(Piece {
            parent: Some(source),
            class: SpanClass::Inherited,
            ..
        }) = pieces.get(i + 1)
        {
            after = extend(
                child,
                parent,
                region.clone(),
                source.start,
                Direction::Backward,
                &options.refine,
            );
            region.end = after.first().map_or(region.end, |p| p.child.start);
        }
        out.extend(before);
        if !region.is_empty() {
            out.push(Piece::added(region));
        }
        out.extend(after);
    }
    out
}

fn inherited(anchor: Anchor) -> Piece {
    Piece {
        child: anchor.c as usize..anchor.c_end() as usize,
        parent: Some(anchor.p as usize..anchor.p_end() as usize),
        class: SpanClass::Inherited,
    }
}

/// Gives a number or Latin word at the edge of two anchors back to the gap between them, so
/// that a changed number is refined as a whole (到2020年 → 到2022年 changes `2022`, not `2`).
/// Returns the left anchor (shortened) and the right anchor (shortened from its start).
fn widen_for_tokens(left: Anchor, right: Anchor, child: &[char]) -> (Anchor, Anchor) {
    let gap_empty = left.c_end() == right.c && left.p_end() == right.p;
    if gap_empty {
        return (left, right);
    }
    let tail = child[left.c as usize..left.c_end() as usize]
        .iter()
        .rev()
        .take_while(|&&c| refine::is_token_char(c))
        .count() as u32;
    let head = child[right.c as usize..right.c_end() as usize]
        .iter()
        .take_while(|&&c| refine::is_token_char(c))
        .count() as u32;
    let head = head.min(right.len.saturating_sub(1));
    (
        Anchor {
            len: left.len - tail,
            ..left
        },
        Anchor {
            c: right.c + head,
            p: right.p + head,
            len: right.len - head,
        },
    )
}

/// Chains, best first, claim the child characters their anchors cover; an anchor that runs
/// into characters already claimed is clipped. A chain left with too little evidence after
/// clipping claims nothing. Returns `(chain number, clipped anchor)` in child order.
fn claim<'a>(
    child_len: usize,
    chains: impl Iterator<Item = &'a [Anchor]>,
    options: &Options,
) -> Vec<(usize, Anchor)> {
    let mut owner: Vec<u32> = vec![u32::MAX; child_len];
    let mut out = Vec::new();
    for (number, anchors) in chains.enumerate() {
        let total: u32 = anchors.iter().map(|a| a.len).sum();
        if (total as usize) < options.min_evidence {
            continue;
        }
        let mut pieces = Vec::new();
        for a in anchors {
            let mut run_start = None;
            for c in a.c..=a.c_end() {
                let free = c < a.c_end() && owner[c as usize] == u32::MAX;
                match (free, run_start) {
                    (true, None) => run_start = Some(c),
                    (false, Some(s)) => {
                        let piece = Anchor {
                            c: s,
                            p: a.p + (s - a.c),
                            len: c - s,
                        };
                        // Claimed at once: anchors of one chain may overlap each other too.
                        owner[s as usize..c as usize].fill(number as u32);
                        pieces.push(piece);
                        run_start = None;
                    }
                    _ => {}
                }
            }
        }
        let kept: u32 = pieces.iter().map(|a| a.len).sum();
        if (kept as usize) < options.min_evidence {
            for a in &pieces {
                owner[a.c as usize..a.c_end() as usize].fill(u32::MAX);
            }
            continue;
        }
        out.extend(pieces.into_iter().map(|a| (number, a)));
    }
    out.sort_unstable_by_key(|&(_, a)| a.c);
    out
}

/// A short piece claimed by another chain between two pieces of one chain usually is a
/// common phrase (大数据、云计算, 。(责任单位:) that also stands in the surrounding chain's
/// own parent gap: it is re-pointed there, so it joins that chain and points at the copy its
/// neighbours come from.
fn adopt_intruders(claimed: &mut [(usize, Anchor)], parent: &[char], child: &[char]) {
    for i in 1..claimed.len().saturating_sub(1) {
        let ((before, a), (own, y), (after, b)) = (claimed[i - 1], claimed[i], claimed[i + 1]);
        if before != after || own == before || b.p < a.p_end() {
            continue;
        }
        let text = &child[y.c as usize..y.c_end() as usize];
        let gap = &parent[a.p_end() as usize..b.p as usize];
        let expected = (y.c - a.c_end()) as usize;
        let found = gap
            .windows(text.len())
            .enumerate()
            .filter(|(_, w)| *w == text)
            .map(|(q, _)| q)
            .min_by_key(|&q| q.abs_diff(expected));
        if let Some(q) = found {
            claimed[i] = (
                before,
                Anchor {
                    p: a.p_end() + q as u32,
                    ..y
                },
            );
        }
    }
}

/// Merges neighbouring pieces that continue each other (same class, contiguous in both).
fn merge(pieces: Vec<Piece>) -> Vec<Piece> {
    let mut out: Vec<Piece> = Vec::with_capacity(pieces.len());
    for piece in pieces {
        if piece.child.is_empty() {
            continue;
        }
        if let Some(last) = out.last_mut()
            && last.class == piece.class
            && last.child.end == piece.child.start
            && piece.class != SpanClass::Adapted
        {
            match (&mut last.parent, &piece.parent) {
                (None, None) => {
                    last.child.end = piece.child.end;
                    continue;
                }
                (Some(lp), Some(pp)) if lp.end == pp.start => {
                    lp.end = pp.end;
                    last.child.end = piece.child.end;
                    continue;
                }
                _ => {}
            }
        }
        out.push(piece);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    /// Aligns two strings with no paragraph breaks.
    fn align_str(parent: &str, child: &str) -> (Vec<char>, Alignment) {
        let p = chars(parent);
        let c = chars(child);
        let (pp, cp) = (vec![false; p.len()], vec![false; c.len()]);
        let text = |chars, para_start| Text { chars, para_start };
        let alignment = align(text(&p, &pp), text(&c, &cp), &Options::default());
        (c, alignment)
    }

    fn classes(parent: &str, child: &str) -> Vec<(String, SpanClass)> {
        let (c, alignment) = align_str(parent, child);
        alignment
            .pieces
            .iter()
            .map(|piece| (c[piece.child.clone()].iter().collect(), piece.class))
            .collect()
    }

    const PARENT: &str = "由省科技厅牵头,与省直相关部门建立联席会议制度。推动人工智能相关政策法规建设,指导、协调和督促人工智能工作部署实施。";

    #[test]
    fn pieces_cover_the_child_in_order() {
        let child = "由市科技局牵头,与市直相关部门建立联席会议制度。本市另行制定细则。推动人工智能相关政策法规建设。";
        let (c, alignment) = align_str(PARENT, child);
        let mut at = 0;
        for piece in &alignment.pieces {
            assert_eq!(piece.child.start, at);
            at = piece.child.end;
        }
        assert_eq!(at, c.len());
    }

    #[test]
    fn substitutions_between_anchors_are_adapted() {
        let out = classes(
            PARENT,
            "由市科技局牵头,与市直相关部门建立联席会议制度。推动人工智能相关政策法规建设,指导、协调和督促人工智能工作部署实施。",
        );
        let adapted: Vec<&str> = out
            .iter()
            .filter(|(_, c)| *c == SpanClass::Adapted)
            .map(|(t, _)| t.as_str())
            .collect();
        assert_eq!(adapted, vec!["市科技局", "市"]);
    }

    #[test]
    fn a_common_phrase_between_two_pieces_of_a_chain_joins_that_chain() {
        // Parent: the phrase 大数据云计算 stands at 2 (elsewhere) and at 14 (in the gap).
        let parent = chars("推动大数据云计算与农业融合。甲乙丙大数据云计算服务丁戊己");
        let child = chars("甲乙丙大数据云计算服务丁戊己");
        let mut claimed = vec![
            (
                0,
                Anchor {
                    c: 0,
                    p: 14,
                    len: 3,
                },
            ),
            (1, Anchor { c: 3, p: 2, len: 6 }),
            (
                0,
                Anchor {
                    c: 9,
                    p: 23,
                    len: 5,
                },
            ),
        ];
        adopt_intruders(&mut claimed, &parent, &child);
        assert_eq!(
            claimed[1],
            (
                0,
                Anchor {
                    c: 3,
                    p: 17,
                    len: 6
                }
            )
        );
    }

    #[test]
    fn unrelated_text_is_added() {
        let out = classes(PARENT, "完全不同的一段本地文字,与上级文件没有关系。");
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].1, SpanClass::Added);
    }

    #[test]
    fn moved_paragraphs_are_still_inherited() {
        let child = "推动人工智能相关政策法规建设,指导、协调和督促人工智能工作部署实施。由省科技厅牵头,与省直相关部门建立联席会议制度。";
        let out = classes(PARENT, child);
        assert!(
            out.iter().all(|(_, c)| *c == SpanClass::Inherited),
            "{out:?}"
        );
    }
}
