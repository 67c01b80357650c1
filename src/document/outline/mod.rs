//! The outline of a Chinese official document: title, document number, addressees, preamble,
//! the numbered heading levels, signature and date.

mod front;
mod headings;
mod lines;
#[cfg(test)]
mod tests;

use std::ops::Range;

use crate::document::normalize::{fold, is_space};
use front::*;
use headings::*;
use lines::*;

/// The length of the heading label `text` starts with (`12.`, `（三）`, `一、`, `第二条`), if
/// it starts with one.
pub fn label_len(text: &[char]) -> Option<usize> {
    parse_label(text, 0, text.len()).map(|label| label.end)
}

/// A piece of text found in the document, as written, with its original character range.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located {
    pub text: String,
    pub range: Range<usize>,
}

/// The numbering styles of Chinese official documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum HeadingKind {
    /// 第一章
    Chapter,
    /// 第一节
    Division,
    /// 第一条
    Article,
    /// 一、
    Numeral,
    /// （一）
    ParenNumeral,
    /// 1. / 1、 / 1．
    Arabic,
    /// （1）
    ParenArabic,
    /// ① ②
    Circled,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SectionKind {
    /// The untitled block before the first heading (为贯彻…，制定本方案。).
    Preamble,
    Heading(HeadingKind),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    pub kind: SectionKind,
    /// Depth in the tree, 0 for top-level sections.
    pub depth: usize,
    /// The number label as written (`7.`, `（三）`, `第二章`); empty for the preamble.
    pub label: String,
    /// The title without label and closing punctuation (`智能制造`); for the preamble its
    /// first words.
    pub title: String,
    /// The heading as written, number label included: `7.智能制造。` or `（二）总体目标。`; for
    /// an untitled block its first words.
    pub heading: Range<usize>,
    /// From the heading to the first child section (or the end of the section).
    pub own: Range<usize>,
    /// The whole section, children included.
    pub range: Range<usize>,
    pub parent: Option<usize>,
    pub children: Vec<usize>,
}

/// A logical paragraph: lines that were hard-wrapped mid-sentence are one paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paragraph {
    pub range: Range<usize>,
    /// `Some(i)` when the paragraph starts with the heading of section `i`.
    pub heading_of: Option<usize>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Outline {
    /// The policy's own title (for a notice that issues a plan, the plan's title).
    pub title: Option<Located>,
    /// 武政办发〔2018〕250号
    pub doc_number: Option<Located>,
    /// 各县、区人民政府，市政府各部门……：
    pub addressees: Option<Located>,
    /// The issuing notice or heading block before the policy's own text (title, number,
    /// addressees, covering letter, its signature and date). Not a section.
    pub front_matter: Range<usize>,
    pub signature: Option<Located>,
    pub date: Option<Located>,
    pub paragraphs: Vec<Paragraph>,
    /// Sections in reading order (pre-order of the tree).
    pub sections: Vec<Section>,
}

/// How far after the label the end of an inline heading is looked for.
pub(super) const HEADING_SEARCH: usize = 40;
/// Length of a heading cut out of a long line that has no punctuation near its start.
pub(super) const HEADING_FALLBACK: usize = 20;
/// Maximum length of the preamble's first words.
pub(super) const PREAMBLE_WORDS: usize = 20;
/// A line this long that stops mid-sentence was hard-wrapped, not ended.
pub(super) const WRAP_MIN_LINE: usize = 30;
/// Front matter is looked for in this many lines at most, so a document without headings
/// costs no more than one with them.
pub(super) const FRONT_MATTER_LINES: usize = 30;
/// Without a covering notice, the addressees or document number must come this early.
pub(super) const HEAD_BLOCK_LINES: usize = 12;
/// How far after `《X》` the verb that issues X (印发, 转发) is looked for.
pub(super) const ISSUE_VERB_REACH: usize = 40;
/// Plan-name candidates kept from the notice (keeps the title search bounded).
pub(super) const MAX_CANDIDATES: usize = 16;

/// Parses the outline of the document occupying `chars[range]`.
///
/// `paragraphs` covers the whole document in reading order: every front-matter line is a
/// paragraph of its own (never joined, `heading_of: None`), then the logical paragraphs of the
/// body, then a closing signature and date (one paragraph each) when there is one. Body
/// paragraphs are those starting at or after `front_matter.end`. `front_matter` starts at the
/// first non-blank character; it is empty at `range.start` when none is recognised.
pub fn parse_outline(chars: &[char], range: Range<usize>) -> Outline {
    let end = range.end.min(chars.len());
    let start = range.start.min(end);
    let lines = split_lines(chars, start..end);
    let labels: Vec<Option<Label>> = lines
        .iter()
        .map(|l| parse_label(chars, l.start, l.end))
        .collect();
    let front = front_matter(chars, &lines, &labels);
    let located = |r: Option<usize>| {
        r.map(|i| Located {
            text: chars[lines[i].start..lines[i].end].iter().collect(),
            range: lines[i].start..lines[i].end,
        })
    };

    let mut outline = Outline {
        title: located(front.title),
        doc_number: located(front.doc_number),
        addressees: located(front.addressees),
        front_matter: match front.lines {
            0 => start..start,
            n => lines[0].start..lines[n - 1].end,
        },
        signature: located(front.signature),
        date: located(front.date),
        paragraphs: Vec::with_capacity(lines.len()),
        sections: Vec::new(),
    };

    // A closing signature and date only fill the fields the covering notice left empty;
    // otherwise they stay in the last section as ordinary text.
    let mut body_end = lines.len();
    if front.signature.is_none()
        && front.date.is_none()
        && let Some(closing) = closing_block(chars, &lines, &labels, front.lines)
    {
        outline.signature = located(closing.signature);
        outline.date = located(Some(closing.date));
        body_end = closing.first;
    }

    for line in &lines[..front.lines] {
        outline.paragraphs.push(Paragraph {
            range: line.start..line.end,
            heading_of: None,
        });
    }
    let mut first_paragraph = Vec::new();
    let mut levels = Levels::default();
    let mut i = front.lines;
    while i < body_end {
        let first = i;
        let line = lines[i];
        let heading = labels[i].map(|label| (label, heading_end(chars, label.end, line.end)));
        // A line that is nothing but a heading never runs on into the next.
        let heading_line = heading.is_some_and(|(_, end)| end == line.end);
        let mut brackets = Brackets::default();
        brackets.scan(&chars[line.start..line.end]);
        while !heading_line && i + 1 < body_end && continues(chars, &lines, &labels, i, &brackets) {
            i += 1;
            brackets.scan(&chars[lines[i].start..lines[i].end]);
        }
        let index = outline.sections.len();
        // `own` and `range` are set once the next sections are known (`set_extents`).
        let section = match heading {
            Some((label, heading_end)) => {
                let (depth, parent) = levels.place(label.kind, index);
                Some(Section {
                    kind: SectionKind::Heading(label.kind),
                    depth,
                    label: chars[line.start..label.end].iter().collect(),
                    title: title_text(chars, label.end, heading_end),
                    heading: line.start..heading_end,
                    own: line.start..line.end,
                    range: line.start..line.end,
                    parent,
                    children: Vec::new(),
                })
            }
            None if outline.sections.is_empty() => {
                let words_end = first_words(chars, line.start, line.end);
                Some(Section {
                    kind: SectionKind::Preamble,
                    depth: 0,
                    label: String::new(),
                    title: chars[line.start..words_end].iter().collect(),
                    heading: line.start..words_end,
                    own: line.start..line.end,
                    range: line.start..line.end,
                    parent: None,
                    children: Vec::new(),
                })
            }
            None => None,
        };
        let heading_of = section.map(|section| {
            if let Some(parent) = section.parent {
                outline.sections[parent].children.push(index);
            }
            outline.sections.push(section);
            first_paragraph.push(outline.paragraphs.len());
            index
        });
        outline.paragraphs.push(Paragraph {
            range: lines[first].start..lines[i].end,
            heading_of,
        });
        i += 1;
    }
    let body_paragraph_end = outline.paragraphs.len();
    for line in &lines[body_end..] {
        outline.paragraphs.push(Paragraph {
            range: line.start..line.end,
            heading_of: None,
        });
    }
    set_extents(
        &mut outline.sections,
        &first_paragraph,
        &outline.paragraphs[..body_paragraph_end],
    );
    outline
}

/// Nesting by order of first appearance: a label kind not seen before nests under the current
/// section, one seen before closes the sections back to its level.
#[derive(Debug, Default)]
struct Levels {
    rank: [Option<u8>; 8],
    next: u8,
    /// Open heading sections: (rank, section index).
    open: Vec<(u8, usize)>,
}

impl Levels {
    fn place(&mut self, kind: HeadingKind, index: usize) -> (usize, Option<usize>) {
        let slot = match kind {
            HeadingKind::Chapter => 0,
            HeadingKind::Division => 1,
            HeadingKind::Article => 2,
            HeadingKind::Numeral => 3,
            HeadingKind::ParenNumeral => 4,
            HeadingKind::Arabic => 5,
            HeadingKind::ParenArabic => 6,
            HeadingKind::Circled => 7,
        };
        let rank = *self.rank[slot].get_or_insert_with(|| {
            self.next += 1;
            self.next
        });
        while self.open.last().is_some_and(|&(r, _)| r >= rank) {
            self.open.pop();
        }
        let parent = self.open.last().map(|&(_, i)| i);
        let depth = self.open.len();
        self.open.push((rank, index));
        (depth, parent)
    }
}

/// Sets `own` and `range` of every section: `own` runs to the paragraph before the next
/// section, `range` to the paragraph before the next section at the same or a higher level.
fn set_extents(sections: &mut [Section], first_paragraph: &[usize], body: &[Paragraph]) {
    let end_before = |p: usize| body[p - 1].range.end;
    let mut open: Vec<usize> = Vec::new();
    for i in 0..sections.len() {
        let next = first_paragraph.get(i + 1).copied().unwrap_or(body.len());
        sections[i].own.end = end_before(next);
        while let Some(&o) = open
            .last()
            .filter(|&&o| sections[o].depth >= sections[i].depth)
        {
            sections[o].range.end = end_before(first_paragraph[i]);
            open.pop();
        }
        open.push(i);
    }
    for o in open {
        sections[o].range.end = end_before(body.len());
    }
}
