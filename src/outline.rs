//! The outline of a Chinese official document: title, document number, addressees, preamble,
//! the numbered heading levels, signature and date.

use std::ops::Range;

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

/// Parses the outline of the document occupying `chars[range]`.
pub fn parse_outline(chars: &[char], range: Range<usize>) -> Outline {
    let _ = (chars, range);
    Outline::default()
}
