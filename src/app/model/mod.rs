//! The view model: what the panes show, computed once per comparison (off the UI thread).
//!
//! Both documents become lists of display paragraphs with class runs; the paragraphs are
//! grouped into rows so that a child section and the parent section it was derived from stand
//! level with each other. The left column reads in the parent's order and the right column in
//! the child's: a child section taken from elsewhere in the parent (moved) gets a row of its
//! own, linked to its source by a curve in the gutter.

use std::ops::Range;
use std::sync::Arc;

use crate::checks::Check;
use crate::compare::{Comparison, SpanClass};
use crate::document::normalize::is_space;
use crate::document::outline::Section;
use crate::{Document, Span};

use super::palette::Mark;

mod paragraphs;
mod rows;

pub use paragraphs::display_paragraphs;
use paragraphs::section_paths;
pub use rows::{Row, RowKind};
use rows::{assign_rows, build_rows};

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
    /// What a reviewer should look at in the child, in child order.
    pub checks: Vec<Check>,
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

        let checks = crate::checks::run(&parent_side.doc, &child_side.doc, &comparison);
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
            checks,
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
