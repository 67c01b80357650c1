//! The view model: what the panes show, computed once per comparison (off the UI thread).
//!
//! Both documents become lists of display paragraphs with class runs; the paragraphs are
//! grouped into rows so that a child section and the parent section it was derived from stand
//! level with each other. The left column reads in the parent's order and the right column in
//! the child's: a child section taken from elsewhere in the parent (moved) gets a row of its
//! own, linked to its source by a curve in the gutter.

use std::ops::Range;
use std::sync::Arc;

use crate::compare::{Comparison, SpanClass};
use crate::document::normalize::is_space;
use crate::document::outline::Section;
use crate::{Document, Span};

use super::palette::Mark;

/// Which document a thing belongs to. The parent is on the left, the child on the right.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Side {
    Parent,
    Child,
}

impl Side {
    pub fn index(self) -> usize {
        match self {
            Side::Parent => 0,
            Side::Child => 1,
        }
    }

    pub fn other(self) -> Side {
        match self {
            Side::Parent => Side::Child,
            Side::Child => Side::Parent,
        }
    }
}

/// Display paragraphs longer than this are cut at a sentence end, so no single galley gets huge
/// (scraped pages can hold a whole document on one line).
const MAX_PARAGRAPH_CHARS: usize = 1200;

/// A run of display characters with one mark.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Run {
    pub range: Range<usize>,
    pub mark: Mark,
}

/// One paragraph as displayed.
#[derive(Debug, Clone)]
pub struct Para {
    /// The source characters it shows (into `Document::chars()`).
    pub range: Range<usize>,
    /// The text as shown: hard line breaks inside the paragraph removed.
    pub text: String,
    /// For each displayed character, the source character it shows.
    pub origin: Vec<u32>,
    pub runs: Vec<Run>,
    /// The outline section whose own text holds the paragraph.
    pub section: Option<usize>,
    /// Whether the paragraph starts with a section heading (shown a little larger).
    pub heading: bool,
    /// Heading depth when `heading`.
    pub depth: usize,
}

impl Para {
    pub fn char_count(&self) -> usize {
        self.origin.len()
    }

    /// The display index of the first displayed character at or after source char `src`.
    pub fn display_index(&self, src: usize) -> usize {
        self.origin.partition_point(|&o| (o as usize) < src)
    }
}

/// Everything the view needs about one document.
#[derive(Debug, Clone)]
pub struct SideModel {
    pub doc: Arc<Document>,
    pub paras: Vec<Para>,
    /// For each outline section, its own paragraphs (heading and text up to its first child).
    pub section_paras: Vec<Range<usize>>,
    /// For each outline section, the row that shows it.
    pub section_row: Vec<usize>,
    /// For each paragraph, its row.
    pub para_row: Vec<usize>,
    /// For each outline section, its location written with its ancestors' labels: `二、(一)4`.
    pub section_path: Vec<String>,
}

impl SideModel {
    pub fn sections(&self) -> &[Section] {
        &self.doc.outline.sections
    }

    /// The paragraph showing source char `src` (or the nearest one after it).
    pub fn para_at(&self, src: usize) -> Option<usize> {
        if self.paras.is_empty() {
            return None;
        }
        let i = self.paras.partition_point(|p| p.range.end <= src);
        Some(i.min(self.paras.len() - 1))
    }

    /// The innermost section whose range holds source char `src`.
    pub fn section_at(&self, src: usize) -> Option<usize> {
        let sections = self.sections();
        let mut best = None;
        for (i, s) in sections.iter().enumerate() {
            if s.range.start > src {
                break;
            }
            if s.range.contains(&src) {
                best = Some(i);
            }
        }
        best
    }

    /// `二、(一)4 智能制造` — the location and title of a section, for tooltips and tables.
    pub fn section_caption(&self, section: usize) -> String {
        let Some(s) = self.sections().get(section) else {
            return String::new();
        };
        let path = self.section_path.get(section).cloned().unwrap_or_default();
        match (path.is_empty(), s.title.is_empty()) {
            (true, _) => s.title.clone(),
            (false, true) => path,
            (false, false) => format!("{path} {}", s.title),
        }
    }
}

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

/// A moved child section and the parent section it came from, for the gutter curves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Link {
    pub parent_row: usize,
    pub child_row: usize,
    pub parent_section: usize,
    pub child_section: usize,
}

#[derive(Debug, Clone)]
pub struct Model {
    pub parent: SideModel,
    pub child: SideModel,
    pub comparison: Arc<Comparison>,
    pub rows: Vec<Row>,
    pub links: Vec<Link>,
    /// For each child section, its entry in `comparison.sections`.
    pub section_match: Vec<Option<usize>>,
    /// For each parent section, whether the child dropped it.
    pub dropped: Vec<bool>,
    /// Added passages of the child (source ranges, neighbouring spans across white space
    /// merged), in reading order: what "next added passage" steps through.
    pub added_passages: Vec<Range<usize>>,
    /// Child sections with anything but inherited text, or moved, or without a parent.
    pub changed_sections: Vec<usize>,
}

impl Model {
    pub fn side(&self, side: Side) -> &SideModel {
        match side {
            Side::Parent => &self.parent,
            Side::Child => &self.child,
        }
    }

    /// The span covering child source char `src`.
    pub fn span_at(&self, src: usize) -> Option<usize> {
        let spans = &self.comparison.spans;
        let i = spans.partition_point(|s| s.range.end <= src);
        spans.get(i).filter(|s| s.range.contains(&src)).map(|_| i)
    }

    pub fn span(&self, index: usize) -> Option<&Span> {
        self.comparison.spans.get(index)
    }

    /// The comparison's entry for a child section.
    pub fn section_match(&self, child_section: usize) -> Option<&crate::compare::SectionMatch> {
        let i = (*self.section_match.get(child_section)?)?;
        self.comparison.sections.get(i)
    }

    /// The parent section a child section is drawn from, best first.
    pub fn best_parent(&self, child_section: usize) -> Option<usize> {
        self.section_match(child_section)?
            .parents
            .first()
            .map(|l| l.section)
    }

    /// Child sections that list a parent section among their sources (best or not).
    pub fn children_drawing_on(&self, parent_section: usize) -> Vec<usize> {
        self.comparison
            .sections
            .iter()
            .filter(|m| m.parents.iter().any(|l| l.section == parent_section))
            .map(|m| m.section)
            .collect()
    }

    /// `moved from 二、(一)4` when the child section's parent stands elsewhere.
    pub fn moved_from(&self, child_section: usize) -> Option<&str> {
        let row = self.rows.get(*self.child.section_row.get(child_section)?)?;
        match row.kind {
            RowKind::Moved { parent, child } if child == child_section => {
                self.parent.section_path.get(parent).map(String::as_str)
            }
            _ => None,
        }
    }

    pub fn build(parent: Arc<Document>, child: Arc<Document>, comparison: Arc<Comparison>) -> Self {
        let mut section_match = vec![None; child.outline.sections.len()];
        for (i, m) in comparison.sections.iter().enumerate() {
            if let Some(slot) = section_match.get_mut(m.section) {
                *slot = Some(i);
            }
        }
        let mut dropped = vec![false; parent.outline.sections.len()];
        for &d in &comparison.dropped {
            if let Some(slot) = dropped.get_mut(d) {
                *slot = true;
            }
        }

        let parent_marks = parent_marks(&comparison);
        let mut parent_side = side_model(parent, |para, doc| {
            let dropped_section = para.section.is_some_and(|s| dropped.get(s) == Some(&true));
            if dropped_section {
                vec![Run {
                    range: 0..para.char_count(),
                    mark: Mark::Dropped,
                }]
            } else {
                runs_from_ranges(para, doc, &parent_marks)
            }
        });
        let child_marks: Vec<(Range<usize>, Mark)> = comparison
            .spans
            .iter()
            .map(|s| (s.range.clone(), Mark::from(s.class)))
            .collect();
        let mut child_side =
            side_model(child, |para, doc| runs_from_ranges(para, doc, &child_marks));

        let best: Vec<Option<usize>> = (0..child_side.sections().len())
            .map(|c| {
                section_match[c]
                    .and_then(|i| comparison.sections.get(i))
                    .and_then(|m| m.parents.first())
                    .map(|l| l.section)
                    .filter(|&p| p < parent_side.sections().len())
            })
            .collect();
        let moved: Vec<bool> = (0..child_side.sections().len())
            .map(|c| {
                section_match[c]
                    .and_then(|i| comparison.sections.get(i))
                    .is_some_and(|m| m.moved)
            })
            .collect();

        let rows = build_rows(&parent_side, &child_side, &best, &moved, &dropped);
        assign_rows(&mut parent_side, &mut child_side, &rows);
        let links = rows
            .iter()
            .enumerate()
            .filter_map(|(r, row)| match row.kind {
                RowKind::Moved { child, parent } => Some(Link {
                    parent_row: *parent_side.section_row.get(parent)?,
                    child_row: r,
                    parent_section: parent,
                    child_section: child,
                }),
                _ => None,
            })
            .collect();

        let added_passages = added_passages(&child_side.doc, &comparison.spans);
        let changed_sections = (0..child_side.sections().len())
            .filter(|&c| {
                let Some(m) = section_match[c].and_then(|i| comparison.sections.get(i)) else {
                    return true;
                };
                m.parents.is_empty() || m.moved || m.added + m.adapted > 0.005
            })
            .collect();

        Model {
            parent: parent_side,
            child: child_side,
            comparison,
            rows,
            links,
            section_match,
            dropped,
            added_passages,
            changed_sections,
        }
    }
}

/// Parent source ranges with their mark: reused word for word, or replaced by an adaptation.
fn parent_marks(comparison: &Comparison) -> Vec<(Range<usize>, Mark)> {
    let mut marks: Vec<(Range<usize>, Mark)> = comparison
        .parent_reused
        .iter()
        .map(|r| (r.clone(), Mark::Reused))
        .collect();
    let mut replaced: Vec<Range<usize>> = comparison
        .spans
        .iter()
        .filter(|s| s.class == SpanClass::Adapted)
        .filter_map(|s| s.parent.clone())
        .filter(|r| !r.is_empty())
        .collect();
    replaced.sort_by_key(|r| r.start);
    // Replaced text wins over reused: split the reused ranges around it.
    if !replaced.is_empty() {
        let mut out = Vec::with_capacity(marks.len() + replaced.len() * 2);
        for (range, mark) in marks {
            let mut start = range.start;
            let first = replaced.partition_point(|r| r.end <= range.start);
            for r in &replaced[first..] {
                if r.start >= range.end {
                    break;
                }
                if r.start > start {
                    out.push((start..r.start, mark));
                }
                start = start.max(r.end);
            }
            if start < range.end {
                out.push((start..range.end, mark));
            }
        }
        out.extend(replaced.into_iter().map(|r| (r, Mark::Replaced)));
        out.sort_by_key(|(r, _)| r.start);
        marks = out;
    }
    marks
}

/// Runs of a paragraph from sorted source ranges with marks; white space between two ranges of
/// the same mark takes that mark so backgrounds do not break at every space.
fn runs_from_ranges(para: &Para, doc: &Document, marks: &[(Range<usize>, Mark)]) -> Vec<Run> {
    let chars = doc.chars();
    let mut per_char: Vec<Mark> = Vec::with_capacity(para.char_count());
    let mut k = marks.partition_point(|(r, _)| r.end <= para.range.start);
    for &o in &para.origin {
        let o = o as usize;
        while k < marks.len() && marks[k].0.end <= o {
            k += 1;
        }
        let mark = match marks.get(k) {
            Some((r, m)) if r.contains(&o) => *m,
            _ => Mark::Plain,
        };
        per_char.push(mark);
    }
    // Bridge white space.
    let mut i = 0;
    while i < per_char.len() {
        if per_char[i] == Mark::Plain
            && chars
                .get(para.origin[i] as usize)
                .is_some_and(|&c| is_space(c) || c == '\n')
        {
            let start = i;
            while i < per_char.len()
                && per_char[i] == Mark::Plain
                && chars
                    .get(para.origin[i] as usize)
                    .is_some_and(|&c| is_space(c) || c == '\n')
            {
                i += 1;
            }
            if start > 0 && i < per_char.len() && per_char[start - 1] == per_char[i] {
                let m = per_char[i];
                per_char[start..i].fill(m);
            }
        } else {
            i += 1;
        }
    }
    let mut runs: Vec<Run> = Vec::new();
    for (i, mark) in per_char.into_iter().enumerate() {
        match runs.last_mut() {
            Some(last) if last.mark == mark => last.range.end = i + 1,
            _ => runs.push(Run {
                range: i..i + 1,
                mark,
            }),
        }
    }
    runs
}

fn side_model(doc: Arc<Document>, runs: impl Fn(&Para, &Document) -> Vec<Run>) -> SideModel {
    let mut paras = display_paragraphs(&doc);
    for p in &mut paras {
        p.runs = runs(p, &doc);
    }
    let sections = &doc.outline.sections;
    let mut found: Vec<Option<Range<usize>>> = vec![None; sections.len()];
    for (i, p) in paras.iter().enumerate() {
        if let Some(slot) = p.section.and_then(|s| found.get_mut(s)) {
            match slot {
                Some(r) => r.end = i + 1,
                None => *slot = Some(i..i + 1),
            }
        }
    }
    let section_paras: Vec<Range<usize>> = found.into_iter().map(|r| r.unwrap_or(0..0)).collect();
    let section_path = section_paths(sections);
    let section_row = vec![0; sections.len()];
    SideModel {
        doc,
        paras,
        section_paras,
        section_row,
        para_row: Vec::new(),
        section_path,
    }
}

/// `二、(一)4`: the labels of a section and its ancestors, compacted.
fn section_paths(sections: &[Section]) -> Vec<String> {
    (0..sections.len())
        .map(|i| {
            let mut chain = Vec::new();
            let mut at = Some(i);
            while let Some(s) = at {
                chain.push(s);
                at = sections[s].parent;
                if chain.len() > sections.len() {
                    break;
                }
            }
            chain.reverse();
            let mut out = String::new();
            for (n, &s) in chain.iter().enumerate() {
                let label = compact_label(&sections[s].label, n == 0);
                out.push_str(&label);
            }
            out
        })
        .collect()
}

/// `（一）` → `(一)`, `4.` → `4`; a leading top-level `二、` keeps its mark so the levels read
/// apart (`二、(一)4`).
fn compact_label(label: &str, keep_mark: bool) -> String {
    let mut s: String = label
        .trim()
        .chars()
        .map(|c| match c {
            '（' => '(',
            '）' => ')',
            '．' => '.',
            c => c,
        })
        .collect();
    if !keep_mark {
        while s.ends_with(['.', '、', '，', ',']) && s.chars().count() > 1 {
            s.pop();
        }
    }
    s
}

/// Splits the document into display paragraphs: the outline's paragraphs when it has them,
/// otherwise lines (and runs of two or more spaces, as in scraped pages).
fn display_paragraphs(doc: &Document) -> Vec<Para> {
    let chars = doc.chars();
    let outline = &doc.outline;
    let mut ranges: Vec<(Range<usize>, Option<usize>)> = Vec::new();
    if outline.paragraphs.is_empty() {
        let mut start = doc.range.start;
        let mut i = doc.range.start;
        let end = doc.range.end.min(chars.len());
        while i < end {
            let c = chars[i];
            let is_break = c == '\n' || c == '\r';
            let space_run = !is_break
                && is_space(c)
                && i + 1 < end
                && is_space(chars[i + 1])
                && chars[i + 1] != '\n';
            if is_break || space_run {
                if start < i {
                    ranges.push((start..i, None));
                }
                while i < end && is_space(chars[i]) {
                    i += 1;
                }
                start = i;
            } else {
                i += 1;
            }
        }
        if start < end {
            ranges.push((start..end, None));
        }
    } else {
        ranges.extend(
            outline
                .paragraphs
                .iter()
                .filter(|p| p.range.start < p.range.end && p.range.end <= chars.len())
                .map(|p| (p.range.clone(), p.heading_of)),
        );
    }

    let sections = &outline.sections;
    let mut own: Vec<(usize, Range<usize>)> = sections
        .iter()
        .enumerate()
        .map(|(i, s)| (i, s.own.clone()))
        .collect();
    own.sort_by_key(|(_, r)| r.start);

    let mut paras = Vec::with_capacity(ranges.len());
    for (range, heading_of) in ranges {
        let range = trim(chars, range);
        if range.is_empty() {
            continue;
        }
        let section = heading_of.or_else(|| {
            let i = own.partition_point(|(_, r)| r.start <= range.start);
            i.checked_sub(1)
                .map(|i| &own[i])
                .filter(|(_, r)| r.contains(&range.start))
                .map(|(s, _)| *s)
        });
        let heading = heading_of.is_some();
        let depth = section.and_then(|s| sections.get(s)).map_or(0, |s| s.depth);
        for (n, piece) in cut_long(chars, range).into_iter().enumerate() {
            let (text, origin) = display_text(chars, piece.clone());
            if origin.is_empty() {
                continue;
            }
            paras.push(Para {
                range: piece,
                text,
                origin,
                runs: Vec::new(),
                section,
                heading: heading && n == 0,
                depth,
            });
        }
    }
    paras
}

fn trim(chars: &[char], mut range: Range<usize>) -> Range<usize> {
    while range.start < range.end && is_space(chars[range.start]) {
        range.start += 1;
    }
    while range.end > range.start && is_space(chars[range.end - 1]) {
        range.end -= 1;
    }
    range
}

/// Cuts a long paragraph after sentence ends so that no piece is much over the limit.
fn cut_long(chars: &[char], range: Range<usize>) -> Vec<Range<usize>> {
    if range.len() <= MAX_PARAGRAPH_CHARS {
        return vec![range];
    }
    let mut out = Vec::new();
    let mut start = range.start;
    while range.end - start > MAX_PARAGRAPH_CHARS {
        let soft = start + MAX_PARAGRAPH_CHARS * 2 / 3;
        let hard = start + MAX_PARAGRAPH_CHARS;
        let cut = (soft..hard)
            .find(|&i| matches!(chars[i], '。' | '；' | '！' | '？' | ';'))
            .map_or(hard, |i| i + 1);
        out.push(start..cut);
        start = cut;
        while start < range.end && is_space(chars[start]) {
            start += 1;
        }
    }
    if start < range.end {
        out.push(start..range.end);
    }
    out
}

/// The text of a paragraph as displayed: line breaks dropped (a space kept between two Latin
/// words), tabs as spaces.
fn display_text(chars: &[char], range: Range<usize>) -> (String, Vec<u32>) {
    let mut text = String::with_capacity(range.len() * 3);
    let mut origin = Vec::with_capacity(range.len());
    let mut i = range.start;
    while i < range.end {
        let c = chars[i];
        if c == '\n' || c == '\r' {
            let prev = text.chars().last();
            let mut j = i;
            while j < range.end && (chars[j] == '\n' || chars[j] == '\r') {
                j += 1;
            }
            let next = chars.get(j).copied();
            if prev.is_some_and(|p| p.is_ascii_alphanumeric())
                && next.is_some_and(|n| n.is_ascii_alphanumeric())
            {
                text.push(' ');
                origin.push(i as u32);
            }
            i = j;
            continue;
        }
        let c = if c == '\t' || c.is_control() { ' ' } else { c };
        text.push(c);
        origin.push(i as u32);
        i += 1;
    }
    (text, origin)
}

/// Rows: anchors are child sections paired with their best parent section in increasing
/// parent order (longest increasing run); everything else gets a row of its own, dropped and
/// other parent-only sections just after the parent section before them.
fn build_rows(
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

fn assign_rows(parent: &mut SideModel, child: &mut SideModel, rows: &[Row]) {
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

/// Added spans merged across white space and punctuation-only gaps, as passages.
fn added_passages(doc: &Document, spans: &[Span]) -> Vec<Range<usize>> {
    let chars = doc.chars();
    let mut out: Vec<Range<usize>> = Vec::new();
    for s in spans.iter().filter(|s| s.class == SpanClass::Added) {
        if let Some(last) = out.last_mut()
            && last.end <= s.range.start
            && chars[last.end..s.range.start].iter().all(|&c| is_space(c))
        {
            last.end = s.range.end;
            continue;
        }
        out.push(s.range.clone());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_compact() {
        assert_eq!(compact_label("二、", true), "二、");
        assert_eq!(compact_label("（一）", false), "(一)");
        assert_eq!(compact_label("4.", false), "4");
        assert_eq!(compact_label("4．", false), "4");
    }

    #[test]
    fn lis_keeps_order() {
        let items = [(0, 0), (1, 5), (2, 1), (3, 2), (4, 3)];
        assert_eq!(
            longest_increasing(&items),
            vec![(0, 0), (2, 1), (3, 2), (4, 3)]
        );
    }

    #[test]
    fn long_paragraphs_are_cut_at_sentence_ends() {
        let text: String = "这是一个句子。".repeat(400);
        let chars: Vec<char> = text.chars().collect();
        let pieces = cut_long(&chars, 0..chars.len());
        assert!(pieces.len() > 1);
        for p in &pieces {
            assert!(p.len() <= MAX_PARAGRAPH_CHARS);
            assert_eq!(chars[p.end - 1], '。');
        }
        assert_eq!(pieces.first().map(|p| p.start), Some(0));
        assert_eq!(pieces.last().map(|p| p.end), Some(chars.len()));
    }

    #[test]
    fn every_paragraph_is_in_exactly_one_row() {
        let Ok(parent) = Document::from_text("p.txt", "甲省方案\n一、总则\n全省推进。\n")
        else {
            panic!("parent");
        };
        let Ok(child) = Document::from_text("c.txt", "乙市方案\n一、总则\n全市推进。\n")
        else {
            panic!("child");
        };
        let comparison = crate::compare::compare(&parent, &child);
        let model = Model::build(Arc::new(parent), Arc::new(child), Arc::new(comparison));
        let shown_left: usize = model.rows.iter().map(|r| r.left.len()).sum();
        let shown_right: usize = model.rows.iter().map(|r| r.right.len()).sum();
        assert_eq!(shown_left, model.parent.paras.len());
        assert_eq!(shown_right, model.child.paras.len());
        assert!(model.child.paras.len() >= 3);
    }
}
