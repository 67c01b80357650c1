//! The comparison table (对照表) officials hand in, as the Word and Excel writers share it:
//! one row per pair of sections — 序号 | parent section | child section | 类型 | 说明 — with
//! the changes marked inside the cells, and the document-wide substitutions collapsed into
//! one note above the rows.

use std::ops::Range;

use crate::Document;
use crate::checks::Check;
use crate::compare::count::{ADMINISTRATIVE, class_chars, content_count};
use crate::compare::{Comparison, SectionMatch, SpanClass};
use crate::document::normalize::is_space;
use crate::document::outline::Section;
use crate::review::corrections::{Correction, is_manual};
use crate::review::session::{Note, Verdict};

/// What a row is, in the words of the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowKind {
    /// 照搬: the parent's section unchanged (but for punctuation and numbering).
    Copied,
    /// 本地化: changed only by the document-wide substitutions.
    Localised,
    /// 修改: anything else the child changed.
    Modified,
    /// 新增: a section the child wrote.
    Added,
    /// 删除: a parent section the child took nothing from.
    Dropped,
}

impl RowKind {
    pub fn label(self) -> &'static str {
        match self {
            RowKind::Copied => "照搬",
            RowKind::Localised => "本地化",
            RowKind::Modified => "修改",
            RowKind::Added => "新增",
            RowKind::Dropped => "删除",
        }
    }
}

/// How a piece of cell text is marked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    Plain,
    /// A heading line.
    Heading,
    /// Child text the parent does not have: underlined, shaded in the added colour.
    Added,
    /// Child text that replaced parent text: underlined, shaded in the adapted colour.
    Adapted,
    /// Parent text the child replaced or left out: struck through.
    Removed,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    pub text: String,
    pub mark: Mark,
}

/// One side of a row: the section's heading and own text, in marked pieces.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Cell {
    pub heading: String,
    pub pieces: Vec<Piece>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub kind: RowKind,
    pub parent: Option<Cell>,
    pub child: Option<Cell>,
    /// The reviewer's verdict and note, other sources, the checks inside the section.
    pub note: String,
    /// Index into the child outline (none for a dropped section).
    pub child_section: Option<usize>,
    pub parent_section: Option<usize>,
    /// The pair's similarity, when the child took from the parent.
    pub similarity: Option<f64>,
    /// Shares of the child section's characters (own text, headings of sub-sections excluded).
    pub inherited: f64,
    pub adapted: f64,
    pub added: f64,
    pub child_chars: usize,
    pub parent_chars: usize,
}

/// A document-wide substitution, collapsed into the note row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GlobalSubstitution {
    pub parent: String,
    pub child: String,
    pub count: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub parent_title: String,
    pub child_title: String,
    pub substitutions: Vec<GlobalSubstitution>,
    /// Every pair, in child order with dropped sections where the parent had them; `shown`
    /// marks those the table lists.
    pub rows: Vec<Row>,
    pub shown: Vec<bool>,
}

impl Table {
    /// The rows the table lists, in order; 序号 counts these from 1.
    pub fn shown_rows(&self) -> impl Iterator<Item = &Row> {
        self.rows
            .iter()
            .zip(&self.shown)
            .filter(|(_, s)| **s)
            .map(|(r, _)| r)
    }

    /// 全文"甘肃省"改为"武威市"（5处）；…: the note row above the table, which also says how
    /// many sections it leaves out; empty when there is nothing to say.
    pub fn substitution_note(&self) -> String {
        const SHOWN: usize = 12;
        let mut note = String::new();
        if !self.substitutions.is_empty() {
            let mut parts: Vec<String> = self
                .substitutions
                .iter()
                .take(SHOWN)
                .map(|s| format!("“{}”改为“{}”（{}处）", s.parent, s.child, s.count))
                .collect();
            if self.substitutions.len() > SHOWN {
                parts.push(format!("等{}项", self.substitutions.len()));
            }
            note = format!("全文{}。", parts.join("、"));
        }
        let hidden = self.shown.iter().filter(|s| !**s).count();
        if hidden > 0 {
            note.push_str(&format!(
                "照搬或仅有全文替换、标点、序号不同的{hidden}个章节未列出。"
            ));
        }
        note
    }
}

/// What goes into the table besides the comparison.
#[derive(Debug, Clone, Copy, Default)]
pub struct TableOptions<'a> {
    pub notes: &'a [Note],
    pub corrections: &'a [Correction],
    pub checks: &'a [Check],
    /// List sections changed only by substitutions, punctuation or numbering too.
    pub all_sections: bool,
}

fn verdict_label(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::Copied => "照搬",
        Verdict::Adapted => "本地化",
        Verdict::Original => "原创",
    }
}

/// A substitution is document-wide when the child made it more than once and it localises
/// (a place name or administrative wording on both sides, no figure): changed figures and
/// rewordings (加强 → 鼓励开展) stay visible in their rows.
fn is_global(parent: &str, child: &str, count: usize) -> bool {
    let localises = |text: &str| {
        text.chars().any(|c| ADMINISTRATIVE.contains(c)) || {
            let chars: Vec<char> = text.chars().collect();
            !crate::checks::gazetteer::gazetteer()
                .scan(&chars)
                .is_empty()
        }
    };
    count >= 2
        && localises(parent)
        && localises(child)
        && !parent
            .chars()
            .chain(child.chars())
            .any(|c| c.is_ascii_digit())
}

/// Punctuation differences do not count as changes.
fn is_punctuation(c: char) -> bool {
    !c.is_alphanumeric()
}

pub fn build(
    parent: &Document,
    child: &Document,
    comparison: &Comparison,
    options: TableOptions,
) -> Table {
    let global_spans: Vec<bool> = {
        let mut marks = vec![false; comparison.spans.len()];
        for s in &comparison.substitutions {
            if is_global(&s.parent, &s.child, s.count) {
                for &i in &s.spans {
                    marks[i] = true;
                }
            }
        }
        marks
    };
    let substitutions = comparison
        .substitutions
        .iter()
        .filter(|s| is_global(&s.parent, &s.child, s.count))
        .map(|s| GlobalSubstitution {
            parent: s.parent.clone(),
            child: s.child.clone(),
            count: s.count,
        })
        .collect();

    let mut rows: Vec<Row> = Vec::new();
    for m in &comparison.sections {
        let section = &child.outline.sections[m.section];
        let best = m.parents.first();
        let own = section.own.clone();
        let label = section.heading.start..section.heading.start + section.label.chars().count();
        let first = comparison
            .spans
            .partition_point(|s| s.range.end <= own.start);
        let spans: Vec<usize> = (first..comparison.spans.len())
            .take_while(|&i| comparison.spans[i].range.start < own.end)
            .collect();

        let mut child_pieces = Marked::default();
        let counts = class_chars(child.chars(), &comparison.spans, own.clone());
        let mut changed = false;
        let mut localised = false;
        let mut cursor = own.start;
        for &i in &spans {
            let span = &comparison.spans[i];
            let range = span.range.start.max(own.start)..span.range.end.min(own.end);
            child_pieces.push(cursor..range.start, Mark::Plain);
            let mark = match span.class {
                SpanClass::Inherited => Mark::Plain,
                SpanClass::Adapted => Mark::Adapted,
                SpanClass::Added => Mark::Added,
            };
            child_pieces.push(range.clone(), mark);
            let significant = child.chars()[range.clone()]
                .iter()
                .enumerate()
                .any(|(k, &c)| {
                    !is_space(c) && !is_punctuation(c) && !label.contains(&(range.start + k))
                });
            match span.class {
                SpanClass::Inherited => {}
                SpanClass::Adapted if global_spans[i] => localised = true,
                _ if significant => changed = true,
                _ => {}
            }
            cursor = range.end;
        }
        child_pieces.push(cursor..own.end, Mark::Plain);

        let parent_cell = best.map(|link| {
            let ps = &parent.outline.sections[link.section];
            let (cell, removed) = parent_cell(parent, comparison, &spans, ps.own.clone(), ps);
            if removed {
                changed = true;
            }
            cell
        });
        let kind = if best.is_none() {
            RowKind::Added
        } else if changed {
            RowKind::Modified
        } else if localised {
            RowKind::Localised
        } else {
            RowKind::Copied
        };
        let total = counts.iter().sum::<usize>().max(1) as f64;
        rows.push(Row {
            kind,
            parent_chars: best.map_or(0, |l| {
                content_count(
                    parent.chars(),
                    parent.outline.sections[l.section].own.clone(),
                )
            }),
            parent: parent_cell,
            child: Some(Cell {
                heading: compact(&child.slice(section.heading.clone())),
                pieces: child_pieces.finish(child.chars(), section.heading.clone()),
            }),
            note: row_note(parent, child, m, options),
            child_section: Some(m.section),
            parent_section: best.map(|l| l.section),
            similarity: best.map(|l| l.similarity),
            inherited: counts[0] as f64 / total,
            adapted: counts[1] as f64 / total,
            added: counts[2] as f64 / total,
            child_chars: counts.iter().sum(),
        });
    }
    insert_dropped(parent, comparison, &mut rows);
    let shown = rows
        .iter()
        .map(|r| options.all_sections || !matches!(r.kind, RowKind::Copied | RowKind::Localised))
        .collect();
    Table {
        parent_title: parent.title.clone(),
        child_title: child.title.clone(),
        substitutions,
        rows,
        shown,
    }
}

/// Pieces of text under construction: runs of one mark, headings marked as such.
#[derive(Default)]
struct Marked {
    runs: Vec<(Range<usize>, Mark)>,
}

impl Marked {
    fn push(&mut self, range: Range<usize>, mark: Mark) {
        if range.is_empty() {
            return;
        }
        match self.runs.last_mut() {
            Some((r, m)) if *m == mark && r.end == range.start => r.end = range.end,
            _ => self.runs.push((range, mark)),
        }
    }

    /// The pieces, with the plain text of `heading` marked as a heading and white space
    /// inside a line kept (lines end in `\n`).
    fn finish(self, chars: &[char], heading: Range<usize>) -> Vec<Piece> {
        let mut pieces: Vec<Piece> = Vec::new();
        for (range, mark) in self.runs {
            for k in range {
                let mark = if mark == Mark::Plain && heading.contains(&k) {
                    Mark::Heading
                } else {
                    mark
                };
                let c = chars[k];
                if c == '\r' {
                    continue;
                }
                // Marks never cover white space, so an underline does not run into the margin.
                let mark = if is_space(c) && c != '\n' {
                    Mark::Plain
                } else {
                    mark
                };
                match pieces.last_mut() {
                    Some(p) if p.mark == mark || (c == '\n' && p.mark != Mark::Removed) => {
                        p.text.push(c)
                    }
                    _ => pieces.push(Piece {
                        text: c.to_string(),
                        mark,
                    }),
                }
            }
        }
        // Leading and trailing blank lines add nothing to a cell.
        if let Some(first) = pieces.first_mut() {
            first.text = first.text.trim_start().to_owned();
        }
        if let Some(last) = pieces.last_mut() {
            last.text = last.text.trim_end().to_owned();
        }
        pieces.retain(|p| !p.text.is_empty());
        pieces
    }
}

/// The parent section's own text with what this child section replaced or left out struck
/// through; `true` when something besides punctuation and numbering was left out.
fn parent_cell(
    parent: &Document,
    comparison: &Comparison,
    spans: &[usize],
    own: Range<usize>,
    section: &Section,
) -> (Cell, bool) {
    let chars = parent.chars();
    let mut status = vec![Mark::Removed; own.len()];
    for &i in spans {
        let span = &comparison.spans[i];
        let Some(p) = &span.parent else { continue };
        let mark = if span.class == SpanClass::Inherited {
            Mark::Plain
        } else {
            Mark::Removed
        };
        for k in p.start.max(own.start)..p.end.min(own.end) {
            if mark == Mark::Plain || status[k - own.start] == Mark::Removed {
                status[k - own.start] = mark;
            }
        }
    }
    let label = section.heading.start..section.heading.start + section.label.chars().count();
    let mut removed = false;
    let mut marked = Marked::default();
    for (k, &mark) in status.iter().enumerate() {
        let at = own.start + k;
        let c = chars[at];
        if mark == Mark::Removed && !is_space(c) && !is_punctuation(c) && !label.contains(&at) {
            // Replaced text is counted by the child side; only text left out counts here.
            let replaced = spans.iter().any(|&i| {
                let s = &comparison.spans[i];
                s.class == SpanClass::Adapted && s.parent.as_ref().is_some_and(|p| p.contains(&at))
            });
            if !replaced {
                removed = true;
            }
        }
        let mark = if label.contains(&at) {
            Mark::Plain
        } else {
            mark
        };
        marked.push(at..at + 1, mark);
    }
    (
        Cell {
            heading: compact(&parent.slice(section.heading.clone())),
            pieces: marked.finish(chars, section.heading.clone()),
        },
        removed,
    )
}

/// Dropped parent sections, each after the last row whose parent section comes before it.
fn insert_dropped(parent: &Document, comparison: &Comparison, rows: &mut Vec<Row>) {
    for &ps in &comparison.dropped {
        let section = &parent.outline.sections[ps];
        let mut marked = Marked::default();
        marked.push(section.own.clone(), Mark::Removed);
        let row = Row {
            kind: RowKind::Dropped,
            parent: Some(Cell {
                heading: compact(&parent.slice(section.heading.clone())),
                pieces: marked.finish(parent.chars(), section.heading.clone()),
            }),
            child: None,
            note: String::new(),
            child_section: None,
            parent_section: Some(ps),
            similarity: None,
            inherited: 0.0,
            adapted: 0.0,
            added: 0.0,
            child_chars: 0,
            parent_chars: content_count(parent.chars(), section.own.clone()),
        };
        let at = rows
            .iter()
            .rposition(|r| r.parent_section.is_some_and(|p| p < ps))
            .map_or(0, |k| k + 1);
        rows.insert(at, row);
    }
}

fn compact(text: &str) -> String {
    text.chars().filter(|&c| !is_space(c)).collect()
}

/// 说明: the verdict and note, a manual correction, further sources, the checks inside.
fn row_note(
    parent: &Document,
    child: &Document,
    m: &SectionMatch,
    options: TableOptions,
) -> String {
    let mut parts: Vec<String> = Vec::new();
    if let Some(note) = options.notes.iter().find(|n| n.section.index == m.section) {
        if let Some(v) = note.verdict {
            parts.push(format!("结论：{}", verdict_label(v)));
        }
        if !note.text.trim().is_empty() {
            parts.push(note.text.trim().to_owned());
        }
    }
    if is_manual(options.corrections, m.section) {
        parts.push("对应关系经人工调整".to_owned());
    }
    if m.parents.len() > 1 {
        let others: Vec<String> = m.parents[1..]
            .iter()
            .map(|l| compact(&parent.slice(parent.outline.sections[l.section].heading.clone())))
            .collect();
        parts.push(format!("另见上级：{}", others.join("；")));
    }
    let own = child.outline.sections[m.section].own.clone();
    for check in options
        .checks
        .iter()
        .filter(|c| own.contains(&c.range.start))
    {
        parts.push(format!("{}：{}", check.kind.label_zh(), check.note));
    }
    parts.join("\n")
}
