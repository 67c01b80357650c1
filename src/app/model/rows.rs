//! Rows: the horizontal bands that put a child section level with the parent section it was
//! derived from, with dropped, added and moved sections in rows of their own.

use std::ops::Range;

use super::SideModel;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowKind {
    /// Text before the first section on each side (title, document number, notice).
    Front,
    /// A child section beside the parent section it was derived from.
    Pair { parent: usize, child: usize },
    /// A child section with no parent section: written by the child itself.
    Added { child: usize },
    /// A child section whose parent section stands elsewhere (out of order, or already paired).
    Moved { child: usize, parent: usize },
    /// A parent section on its own: dropped by the child, or the source of a moved section.
    ParentOnly { parent: usize, dropped: bool },
    /// Text after the last section (signature, date) or a document with no outline at all.
    Tail,
}

/// A horizontal band of the view: parent paragraphs on the left, child paragraphs on the right.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub kind: RowKind,
    /// Parent paragraphs (contiguous; the left column follows the parent's order).
    pub left: Range<usize>,
    /// Child paragraphs (contiguous; the right column follows the child's order).
    pub right: Range<usize>,
}

impl Row {
    pub fn is_dropped(&self) -> bool {
        matches!(self.kind, RowKind::ParentOnly { dropped: true, .. })
    }

    pub fn child_section(&self) -> Option<usize> {
        match self.kind {
            RowKind::Pair { child, .. }
            | RowKind::Added { child }
            | RowKind::Moved { child, .. } => Some(child),
            _ => None,
        }
    }

    pub fn parent_section(&self) -> Option<usize> {
        match self.kind {
            RowKind::Pair { parent, .. } | RowKind::ParentOnly { parent, .. } => Some(parent),
            _ => None,
        }
    }
}

/// Rows: anchors are child sections paired with their best parent section in increasing
/// parent order (longest increasing run); everything else gets a row of its own, dropped and
/// other parent-only sections just after the parent section before them.
pub(super) fn build_rows(
    parent: &SideModel,
    child: &SideModel,
    best: &[Option<usize>],
    moved: &[bool],
    dropped: &[bool],
) -> Vec<Row> {
    let p_sections = parent.sections().len();
    let c_sections = child.sections().len();

    // Anchors: longest strictly increasing subsequence of best parents (moved ones excluded).
    let candidates: Vec<(usize, usize)> = (0..c_sections)
        .filter(|&c| !moved[c])
        .filter_map(|c| best[c].map(|p| (c, p)))
        .filter(|&(c, p)| !parent.section_paras[p].is_empty() || !child.section_paras[c].is_empty())
        .collect();
    let anchors = longest_increasing(&candidates);
    let mut anchor_of_child = vec![None; c_sections];
    for &(c, p) in &anchors {
        anchor_of_child[c] = Some(p);
    }

    let front_end = |side: &SideModel| {
        side.paras
            .iter()
            .position(|p| p.section.is_some())
            .unwrap_or(side.paras.len())
    };
    let (p_front, c_front) = (front_end(parent), front_end(child));
    let mut rows = vec![Row {
        kind: RowKind::Front,
        left: 0..p_front,
        right: 0..c_front,
    }];

    let mut next_parent = 0usize; // parent sections before this are placed
    let place_parent_only = |rows: &mut Vec<Row>, upto: usize, next_parent: &mut usize| {
        while *next_parent < upto.min(p_sections) {
            let p = *next_parent;
            *next_parent += 1;
            if parent.section_paras[p].is_empty() {
                continue;
            }
            rows.push(Row {
                kind: RowKind::ParentOnly {
                    parent: p,
                    dropped: dropped.get(p) == Some(&true),
                },
                left: parent.section_paras[p].clone(),
                right: 0..0,
            });
        }
    };
    for c in 0..c_sections {
        let paras = child.section_paras[c].clone();
        match anchor_of_child[c] {
            Some(p) => {
                place_parent_only(&mut rows, p, &mut next_parent);
                next_parent = next_parent.max(p + 1);
                rows.push(Row {
                    kind: RowKind::Pair {
                        parent: p,
                        child: c,
                    },
                    left: parent.section_paras[p].clone(),
                    right: paras,
                });
            }
            None => {
                if paras.is_empty() {
                    continue;
                }
                let kind = match best[c] {
                    Some(p) => RowKind::Moved {
                        child: c,
                        parent: p,
                    },
                    None => RowKind::Added { child: c },
                };
                rows.push(Row {
                    kind,
                    left: 0..0,
                    right: paras,
                });
            }
        }
    }
    place_parent_only(&mut rows, p_sections, &mut next_parent);

    // Paragraphs outside every section after the first one (signature, date, or text the
    // outline left out) go into a tail row, so every paragraph is shown exactly once.
    let p_used = rows_last_left(&rows);
    let c_used = rows_last_right(&rows);
    if p_used < parent.paras.len() || c_used < child.paras.len() {
        rows.push(Row {
            kind: RowKind::Tail,
            left: p_used..parent.paras.len(),
            right: c_used..child.paras.len(),
        });
    }
    fix_gaps(rows, parent.paras.len(), child.paras.len())
}

fn rows_last_left(rows: &[Row]) -> usize {
    rows.iter().map(|r| r.left.end).max().unwrap_or(0)
}

fn rows_last_right(rows: &[Row]) -> usize {
    rows.iter().map(|r| r.right.end).max().unwrap_or(0)
}

/// Makes the columns contiguous: each row's paragraphs start where the previous row's ended,
/// so paragraphs the outline assigned to no section are shown in the row after them.
fn fix_gaps(mut rows: Vec<Row>, p_len: usize, c_len: usize) -> Vec<Row> {
    let mut p_at = 0;
    let mut c_at = 0;
    for row in &mut rows {
        if row.left.is_empty() {
            row.left = p_at..p_at;
        } else {
            row.left = p_at..row.left.end.max(p_at);
            p_at = row.left.end;
        }
        if row.right.is_empty() {
            row.right = c_at..c_at;
        } else {
            row.right = c_at..row.right.end.max(c_at);
            c_at = row.right.end;
        }
    }
    // Whatever is left belongs to the last row.
    if let Some(last) = rows.last_mut() {
        if p_at < p_len {
            last.left = last.left.start.min(p_at)..p_len;
        }
        if c_at < c_len {
            last.right = last.right.start.min(c_at)..c_len;
        }
    }
    rows.retain(|r| !(r.left.is_empty() && r.right.is_empty()) || matches!(r.kind, RowKind::Front));
    rows
}

/// Longest subsequence of `(child, parent)` pairs (in child order) with strictly increasing
/// parent, O(n log n).
fn longest_increasing(items: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let mut tails: Vec<usize> = Vec::new(); // index into items
    let mut prev: Vec<Option<usize>> = vec![None; items.len()];
    for (i, &(_, p)) in items.iter().enumerate() {
        let pos = tails.partition_point(|&t| items[t].1 < p);
        prev[i] = pos.checked_sub(1).map(|j| tails[j]);
        if pos == tails.len() {
            tails.push(i);
        } else {
            tails[pos] = i;
        }
    }
    let mut out = Vec::with_capacity(tails.len());
    let mut at = tails.last().copied();
    while let Some(i) = at {
        out.push(items[i]);
        at = prev[i];
    }
    out.reverse();
    out
}

pub(super) fn assign_rows(parent: &mut SideModel, child: &mut SideModel, rows: &[Row]) {
    parent.para_row = vec![0; parent.paras.len()];
    child.para_row = vec![0; child.paras.len()];
    for (r, row) in rows.iter().enumerate() {
        for p in row.left.clone() {
            if let Some(slot) = parent.para_row.get_mut(p) {
                *slot = r;
            }
        }
        for p in row.right.clone() {
            if let Some(slot) = child.para_row.get_mut(p) {
                *slot = r;
            }
        }
    }
    for side in [&mut *parent, &mut *child] {
        let rows_of: Vec<usize> = side
            .section_paras
            .iter()
            .map(|paras| {
                side.para_row
                    .get(paras.start)
                    .copied()
                    .unwrap_or_else(|| side.para_row.last().copied().unwrap_or(0))
            })
            .collect();
        side.section_row = rows_of;
    }
    // A section with no paragraph of its own shows where its first child does (or its
    // parent's row): take the row of the next section that has paragraphs.
    for side in [&mut *parent, &mut *child] {
        for s in (0..side.section_paras.len()).rev() {
            if side.section_paras[s].is_empty() {
                side.section_row[s] = side
                    .section_row
                    .get(s + 1)
                    .copied()
                    .unwrap_or(side.section_row[s]);
            }
        }
    }
    for (r, row) in rows.iter().enumerate() {
        if let Some(c) = row.child_section()
            && let Some(slot) = child.section_row.get_mut(c)
        {
            *slot = r;
        }
        if let Some(p) = row.parent_section()
            && let Some(slot) = parent.section_row.get_mut(p)
        {
            *slot = r;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lis_keeps_order() {
        let items = [(0, 0), (1, 5), (2, 1), (3, 2), (4, 3)];
        assert_eq!(
            longest_increasing(&items),
            vec![(0, 0), (2, 1), (3, 2), (4, 3)]
        );
    }
}
