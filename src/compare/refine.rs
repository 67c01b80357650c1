//! Refinement of the text between two anchors of one chain: which characters are still the
//! same (inherited), which replace a short piece of parent text (adapted: 省→市, 2020→2022),
//! and which are local additions.

use std::ops::Range;

use super::diff::{Op, diff};
use super::piece::{Piece, SpanClass, Text};

/// Limits that decide what counts as an adaptation rather than new text.
#[derive(Debug, Clone, Copy)]
pub struct RefineParams {
    /// Longest child text that can be an adaptation of parent text.
    pub max_adapted_child: usize,
    /// Longest parent text an adaptation can replace.
    pub max_adapted_parent: usize,
    /// Equal runs up to this long between two replacements join them into one (省科技厅 →
    /// 市科技局 is one substitution, not 省→市 and 厅→局).
    pub join_equal: usize,
    /// Work bound for the character difference of one gap.
    pub max_edits: usize,
}

impl Default for RefineParams {
    fn default() -> Self {
        Self {
            max_adapted_child: 8,
            max_adapted_parent: 10,
            join_equal: 2,
            max_edits: 1200,
        }
    }
}

/// A stretch of the gap's edit script with its child and parent ranges (absolute).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Segment {
    equal: bool,
    child: Range<usize>,
    parent: Range<usize>,
}

impl Segment {
    fn edit_size(&self) -> usize {
        if self.equal {
            0
        } else {
            self.child.len().max(self.parent.len())
        }
    }
}

/// Classifies `child[cg]` against `parent[pg]`, the text between two anchors of one chain.
pub fn refine_gap(
    child: &[char],
    parent: &[char],
    cg: Range<usize>,
    pg: Range<usize>,
    params: &RefineParams,
) -> Vec<Piece> {
    if cg.is_empty() {
        return Vec::new();
    }
    if pg.is_empty() {
        return vec![Piece::added(cg)];
    }
    let Some(segments) = gap_segments(child, parent, cg.clone(), pg, params) else {
        return vec![Piece::added(cg)];
    };
    segments
        .into_iter()
        .filter(|s| !s.child.is_empty())
        .map(|s| classify(s, params))
        .collect()
}

/// The cleaned-up edit script of a gap, as segments with absolute ranges.
fn gap_segments(
    child: &[char],
    parent: &[char],
    cg: Range<usize>,
    pg: Range<usize>,
    params: &RefineParams,
) -> Option<Vec<Segment>> {
    if !worth_diffing(&child[cg.clone()], &parent[pg.clone()]) {
        return None;
    }
    let ops = diff(&child[cg.clone()], &parent[pg.clone()], params.max_edits)?;
    let mut segments = segments_of(&ops, cg.start, pg.start);
    drop_weak_equalities(&mut segments);
    join_close_replacements(&mut segments, child, params);
    snap_to_tokens(&mut segments, child, parent);
    Some(segments)
}

/// Whether two longer runs share enough character pairs to be worth a character difference:
/// a local paragraph set against a dropped parent paragraph shares almost none, and diffing
/// it would only find coincidences that the clean-up throws away again.
fn worth_diffing(child: &[char], parent: &[char]) -> bool {
    const SHORT: usize = 24;
    if child.len() < SHORT || parent.len() < SHORT {
        return true;
    }
    let pairs: rustc_hash::FxHashSet<(char, char)> =
        parent.windows(2).map(|w| (w[0], w[1])).collect();
    let shared = child
        .windows(2)
        .filter(|w| pairs.contains(&(w[0], w[1])))
        .count();
    shared * 5 >= child.len() - 1
}

/// Which way an extension grows from its anchor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// Into the text after an anchor that ends at parent position `from`.
    Forward,
    /// Into the text before an anchor that starts at parent position `from`.
    Backward,
}

/// Extends a chain past its last (or before its first) anchor into unclaimed child text
/// `region`, as far as the child keeps following the parent with only small adaptations
/// (a moved paragraph that starts with 甘肃省 → 武威市 has no anchor before the change).
/// It works paragraph by paragraph, so local text never borrows the punctuation at the end
/// of a parent paragraph, and it crosses into the next paragraph only when both documents
/// reach a paragraph edge together. Returns the pieces for the part of `region` it explains,
/// which touches the anchor; the rest of `region` is left to the caller.
pub fn extend(
    child: Text,
    parent: Text,
    region: Range<usize>,
    from: usize,
    direction: Direction,
    params: &RefineParams,
) -> Vec<Piece> {
    let mut out: Vec<Piece> = Vec::new();
    let (mut rest, mut from) = (region, from);
    for _ in 0..MAX_PARAGRAPHS {
        let (sub, window) = match direction {
            Direction::Backward => {
                let start = paragraph_start_before(child.para_start, rest.clone());
                let window = paragraph_start_before(parent.para_start, 0..from)
                    .max(from.saturating_sub(REACH))..from;
                (start..rest.end, window)
            }
            Direction::Forward => {
                let end = paragraph_end_after(child.para_start, rest.clone());
                let window_end = paragraph_end_after(parent.para_start, from..parent.chars.len())
                    .min(from + REACH);
                (rest.start..end, from..window_end)
            }
        };
        if sub.is_empty() {
            break;
        }
        let (pieces, complete) = extend_within(
            child.chars,
            parent.chars,
            sub.clone(),
            window.clone(),
            direction,
            params,
        );
        let Some(reached) = (match direction {
            Direction::Backward => pieces
                .first()
                .and_then(|p| p.parent.as_ref())
                .map(|r| r.start),
            Direction::Forward => pieces.last().and_then(|p| p.parent.as_ref()).map(|r| r.end),
        }) else {
            break;
        };
        let parent_edge = match direction {
            Direction::Backward => {
                reached == window.start && parent.para_start.get(reached).copied().unwrap_or(true)
            }
            Direction::Forward => {
                reached == window.end && parent.para_start.get(reached).copied().unwrap_or(true)
            }
        };
        match direction {
            Direction::Backward => {
                rest.end = pieces.first().map_or(rest.end, |p| p.child.start);
                let mut joined = pieces;
                joined.append(&mut out);
                out = joined;
            }
            Direction::Forward => {
                rest.start = pieces.last().map_or(rest.start, |p| p.child.end);
                out.extend(pieces);
            }
        }
        if !(complete && parent_edge) || rest.is_empty() {
            break;
        }
        from = reached;
    }
    out
}

/// How many paragraphs an extension may cross, and how far it looks into one.
const MAX_PARAGRAPHS: usize = 4;
const REACH: usize = 200;

/// The start of the paragraph holding the character before `range.end`, not before
/// `range.start`.
fn paragraph_start_before(para_start: &[bool], range: Range<usize>) -> usize {
    (range.start..range.end)
        .rev()
        .find(|&i| para_start.get(i).copied().unwrap_or(false))
        .unwrap_or(range.start)
}

/// The end of the paragraph holding `range.start`, not after `range.end`.
fn paragraph_end_after(para_start: &[bool], range: Range<usize>) -> usize {
    (range.start + 1..range.end)
        .find(|&i| para_start.get(i).copied().unwrap_or(false))
        .unwrap_or(range.end)
}

/// One paragraph's worth of extension: the child text `sub` against the parent `window`,
/// walking away from the anchor. Returns the pieces and whether they explain all of `sub`.
fn extend_within(
    child: &[char],
    parent: &[char],
    sub: Range<usize>,
    window: Range<usize>,
    direction: Direction,
    params: &RefineParams,
) -> (Vec<Piece>, bool) {
    if window.is_empty() {
        return (Vec::new(), false);
    }
    let Some(mut segments) = gap_segments(child, parent, sub.clone(), window, params) else {
        return (Vec::new(), false);
    };
    if direction == Direction::Backward {
        segments.reverse();
    }
    let touches_edge = |s: &Segment| match direction {
        Direction::Forward => s.child.end == sub.end,
        Direction::Backward => s.child.start == sub.start,
    };
    let mut accepted: Vec<Segment> = Vec::new();
    for (i, segment) in segments.iter().enumerate() {
        if segment.equal {
            accepted.push(segment.clone());
            continue;
        }
        let next = segments.get(i + 1);
        // A clause the child left out: skip it when the text resumes right after.
        let deletion =
            segment.child.is_empty() && next.is_some_and(|n| n.equal && n.child.len() >= 4);
        let small = !segment.child.is_empty()
            && !segment.parent.is_empty()
            && segment.child.len() <= params.max_adapted_child
            && segment.parent.len() <= params.max_adapted_parent;
        let resumes = next.is_some_and(|n| n.equal && (n.child.len() >= 2 || touches_edge(n)));
        if deletion || (small && (resumes || touches_edge(segment))) {
            accepted.push(segment.clone());
        } else {
            break;
        }
    }
    // An extension ends on agreement: a trailing lone change or a tiny equality is dropped
    // unless it reaches the paragraph edge.
    while let Some(last) = accepted.last() {
        let keep = if last.equal {
            last.child.len() >= 2 || touches_edge(last)
        } else {
            touches_edge(last) && !last.child.is_empty()
        };
        if keep {
            break;
        }
        accepted.pop();
    }
    let complete = accepted.last().is_some_and(touches_edge);
    if direction == Direction::Backward {
        accepted.reverse();
    }
    let pieces = accepted
        .into_iter()
        .filter(|s| !s.child.is_empty())
        .map(|s| classify(s, params))
        .collect();
    (pieces, complete)
}

/// Turns the edit script into alternating equal and changed segments (an insertion and a
/// deletion next to each other are one replacement).
fn segments_of(ops: &[Op], c0: usize, p0: usize) -> Vec<Segment> {
    let (mut c, mut p) = (c0, p0);
    let mut out: Vec<Segment> = Vec::new();
    for op in ops {
        let (dc, dp, equal) = match *op {
            Op::Equal(n) => (n, n, true),
            Op::Insert(n) => (n, 0, false),
            Op::Delete(n) => (0, n, false),
        };
        match out.last_mut() {
            Some(last) if last.equal == equal => {
                last.child.end += dc;
                last.parent.end += dp;
            }
            _ => out.push(Segment {
                equal,
                child: c..c + dc,
                parent: p..p + dp,
            }),
        }
        c += dc;
        p += dp;
    }
    out
}

/// Removes equalities that are coincidences inside rewritten text (a lone 的 or 和 shared by
/// two different clauses): an equality no longer than the edits on both sides of it.
fn drop_weak_equalities(segments: &mut Vec<Segment>) {
    loop {
        let weak = (1..segments.len().saturating_sub(1)).find(|&i| {
            let s = &segments[i];
            s.equal
                && s.child.len() <= segments[i - 1].edit_size()
                && s.child.len() <= segments[i + 1].edit_size()
        });
        let Some(i) = weak else { break };
        merge_around(segments, i);
    }
}

/// Joins two replacements separated by a short equality into one.
fn join_close_replacements(segments: &mut Vec<Segment>, child: &[char], params: &RefineParams) {
    let (join_equal, max_child, max_parent) = (
        params.join_equal,
        params.max_adapted_child,
        params.max_adapted_parent,
    );
    loop {
        let close = (1..segments.len().saturating_sub(1)).find(|&i| {
            let s = &segments[i];
            let (before, after) = (&segments[i - 1], &segments[i + 1]);
            // Not across punctuation: 省教育厅、省科技厅 → 市教育局、市科技局 is two
            // substitutions in a list, not one.
            s.equal
                && s.child.len() <= join_equal
                && child[s.child.clone()].iter().all(|c| c.is_alphanumeric())
                && !before.child.is_empty()
                && !before.parent.is_empty()
                && !after.child.is_empty()
                && !after.parent.is_empty()
                && after.child.end - before.child.start <= max_child
                && after.parent.end - before.parent.start <= max_parent
        });
        let Some(i) = close else { break };
        merge_around(segments, i);
    }
}

/// Merges segment `i` and its two neighbours into one changed segment.
fn merge_around(segments: &mut Vec<Segment>, i: usize) {
    let next = segments.remove(i + 1);
    segments.remove(i);
    let prev = &mut segments[i - 1];
    prev.equal = false;
    prev.child.end = next.child.end;
    prev.parent.end = next.parent.end;
}

/// A changed number is changed as a whole (2020→2022, not 0→2): digits of the neighbouring
/// equal segments that belong to the same number move into the change. Likewise Latin words.
fn snap_to_tokens(segments: &mut [Segment], child: &[char], parent: &[char]) {
    let starts_token = |chars: &[char], r: &Range<usize>| {
        chars
            .get(r.start)
            .is_some_and(|&c| !r.is_empty() && is_token_char(c))
    };
    let ends_token =
        |chars: &[char], r: &Range<usize>| r.end > r.start && is_token_char(chars[r.end - 1]);
    for i in 0..segments.len() {
        if segments[i].equal {
            continue;
        }
        let (c, p) = (segments[i].child.clone(), segments[i].parent.clone());
        if i > 0 && segments[i - 1].equal && (starts_token(child, &c) || starts_token(parent, &p)) {
            let prev = &segments[i - 1].child;
            let take = prev
                .clone()
                .rev()
                .take_while(|&k| is_token_char(child[k]))
                .count();
            segments[i - 1].child.end -= take;
            segments[i - 1].parent.end -= take;
            segments[i].child.start -= take;
            segments[i].parent.start -= take;
        }
        if i + 1 < segments.len()
            && segments[i + 1].equal
            && (ends_token(child, &c) || ends_token(parent, &p))
        {
            let next = &segments[i + 1].child;
            let take = next
                .clone()
                .take_while(|&k| is_token_char(child[k]))
                .count();
            segments[i + 1].child.start += take;
            segments[i + 1].parent.start += take;
            segments[i].child.end += take;
            segments[i].parent.end += take;
        }
    }
}

/// Characters of numbers and Latin words, which change as a whole.
pub(super) fn is_token_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '.'
}

fn classify(segment: Segment, params: &RefineParams) -> Piece {
    if segment.equal {
        return Piece {
            child: segment.child,
            parent: Some(segment.parent),
            class: SpanClass::Inherited,
        };
    }
    let adapted = !segment.parent.is_empty()
        && segment.child.len() <= params.max_adapted_child
        && segment.parent.len() <= params.max_adapted_parent;
    if adapted {
        Piece {
            child: segment.child,
            parent: Some(segment.parent),
            class: SpanClass::Adapted,
        }
    } else {
        Piece::added(segment.child)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refine(child: &str, parent: &str) -> Vec<(String, SpanClass, String)> {
        let c: Vec<char> = child.chars().collect();
        let p: Vec<char> = parent.chars().collect();
        refine_gap(&c, &p, 0..c.len(), 0..p.len(), &RefineParams::default())
            .into_iter()
            .map(|piece| {
                let text = c[piece.child.clone()].iter().collect();
                let source = piece
                    .parent
                    .map(|r| p[r].iter().collect())
                    .unwrap_or_default();
                (text, piece.class, source)
            })
            .collect()
    }

    #[test]
    fn terms_are_adapted_and_the_rest_inherited() {
        use SpanClass::*;
        assert_eq!(
            refine("由市科技局牵头", "由省科技厅牵头"),
            vec![
                ("由".into(), Inherited, "由".into()),
                ("市科技局".into(), Adapted, "省科技厅".into()),
                ("牵头".into(), Inherited, "牵头".into()),
            ]
        );
    }

    #[test]
    fn numbers_change_as_a_whole() {
        use SpanClass::*;
        assert_eq!(
            refine("到2022年底", "到2020年底"),
            vec![
                ("到".into(), Inherited, "到".into()),
                ("2022".into(), Adapted, "2020".into()),
                ("年底".into(), Inherited, "年底".into()),
            ]
        );
    }

    #[test]
    fn rewritten_clauses_are_added_not_speckled() {
        let out = refine(
            "深入贯彻落实习近平总书记视察甘肃重要讲话精神和八个着力重要指示精神",
            "按照党中央、国务院和省委、省政府决策部署",
        );
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].1, SpanClass::Added);
    }

    #[test]
    fn insertions_are_added() {
        use SpanClass::*;
        let out = refine("加快建设,结合本地特色,", "加快建设,");
        assert_eq!(out[0], ("加快建设,".into(), Inherited, "加快建设,".into()));
        assert_eq!(out[1].1, Added);
    }
}
