//! The outline of a Chinese official document: title, document number, addressees, preamble,
//! the numbered heading levels, signature and date.

use std::ops::Range;

use crate::document::normalize::{fold, is_space};

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
const HEADING_SEARCH: usize = 40;
/// Length of a heading cut out of a long line that has no punctuation near its start.
const HEADING_FALLBACK: usize = 20;
/// Maximum length of the preamble's first words.
const PREAMBLE_WORDS: usize = 20;
/// A line this long that stops mid-sentence was hard-wrapped, not ended.
const WRAP_MIN_LINE: usize = 30;
/// Front matter is looked for in this many lines at most, so a document without headings
/// costs no more than one with them.
const FRONT_MATTER_LINES: usize = 30;
/// Without a covering notice, the addressees or document number must come this early.
const HEAD_BLOCK_LINES: usize = 12;
/// How far after `《X》` the verb that issues X (印发, 转发) is looked for.
const ISSUE_VERB_REACH: usize = 40;
/// Plan-name candidates kept from the notice (keeps the title search bounded).
const MAX_CANDIDATES: usize = 16;

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

/// One line of text, trimmed: a physical line, or a piece of one that a run of spaces
/// separates (scraped pages run whole documents together on one line that way).
#[derive(Debug, Clone, Copy)]
struct Line {
    start: usize,
    end: usize,
    /// An empty line stands between this line and the previous one.
    blank_before: bool,
}

fn is_newline(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r' | '\u{0b}' | '\u{0c}' | '\u{85}' | '\u{2028}' | '\u{2029}'
    )
}

fn split_lines(chars: &[char], range: Range<usize>) -> Vec<Line> {
    let mut lines = Vec::new();
    let mut blank = false;
    let mut i = range.start;
    while i < range.end {
        let mut eol = i;
        while eol < range.end && !is_newline(chars[eol]) {
            eol += 1;
        }
        let before = lines.len();
        split_physical_line(chars, i..eol, blank, &mut lines);
        blank = lines.len() == before;
        let crlf = chars[eol..range.end].starts_with(&['\r', '\n']);
        i = eol + if crlf { 2 } else { 1 };
    }
    lines
}

/// Splits one physical line at runs of two or more spaces (ASCII, ideographic, no-break), the
/// paragraph separator of scraped pages, except after a bare label (`第一条　　为了…`).
fn split_physical_line(chars: &[char], range: Range<usize>, blank: bool, lines: &mut Vec<Line>) {
    let mut blank_before = blank;
    let mut segment: Option<usize> = None;
    let mut last_end = range.start;
    let mut k = range.start;
    while k < range.end {
        if !is_space(chars[k]) {
            segment.get_or_insert(k);
            k += 1;
            last_end = k;
            continue;
        }
        let run = k;
        while k < range.end && is_space(chars[k]) {
            k += 1;
        }
        let Some(start) = segment else { continue };
        let bare_label = parse_label(chars, start, last_end).is_some_and(|l| l.end == last_end);
        if k < range.end && k - run >= 2 && !bare_label {
            lines.push(Line {
                start,
                end: last_end,
                blank_before,
            });
            blank_before = false;
            segment = None;
        }
    }
    if let Some(start) = segment {
        lines.push(Line {
            start,
            end: last_end,
            blank_before,
        });
    }
}

/// A heading label at the start of a line and where it ends (`7.`, `（三）`, `一 、`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Label {
    kind: HeadingKind,
    end: usize,
}

fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

fn is_numeral(c: char) -> bool {
    matches!(
        c,
        '〇' | '零' | '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十' | '百'
    )
}

fn is_inline_space(c: char) -> bool {
    is_space(c) && !is_newline(c)
}

/// Skips the spaces PDF extraction puts inside labels (`一 、`), at most two.
fn skip_pdf_spaces(chars: &[char], mut i: usize, end: usize) -> usize {
    let limit = (i + 2).min(end);
    while i < limit && is_inline_space(chars[i]) {
        i += 1;
    }
    i
}

/// The end of a run of `1..=max` characters satisfying `pred` starting at `i`.
fn run(chars: &[char], i: usize, end: usize, max: usize, pred: fn(char) -> bool) -> Option<usize> {
    let mut k = i;
    while k < end && pred(chars[k]) {
        k += 1;
        if k - i > max {
            return None;
        }
    }
    (k > i).then_some(k)
}

/// Recognises a heading label at `chars[at..end]`.
fn parse_label(chars: &[char], at: usize, end: usize) -> Option<Label> {
    let end = end.min(chars.len());
    let c = *chars.get(at).filter(|_| at < end)?;
    let label = |kind, end| Some(Label { kind, end });
    match c {
        '第' => {
            let i = skip_pdf_spaces(chars, at + 1, end);
            let i =
                run(chars, i, end, 6, is_numeral).or_else(|| run(chars, i, end, 4, is_digit))?;
            let i = skip_pdf_spaces(chars, i, end);
            match chars.get(i).filter(|_| i < end)? {
                '章' => label(HeadingKind::Chapter, i + 1),
                '节' => label(HeadingKind::Division, i + 1),
                '条' => label(HeadingKind::Article, i + 1),
                _ => None,
            }
        }
        '(' | '（' => {
            let i = skip_pdf_spaces(chars, at + 1, end);
            let (kind, i) = match run(chars, i, end, 5, is_numeral) {
                Some(k) => (HeadingKind::ParenNumeral, k),
                None => (HeadingKind::ParenArabic, run(chars, i, end, 3, is_digit)?),
            };
            let i = skip_pdf_spaces(chars, i, end);
            matches!(chars.get(i).filter(|_| i < end)?, ')' | '）')
                .then(|| Label { kind, end: i + 1 })
        }
        '①'..='⑳' | '\u{3251}'..='\u{325f}' | '\u{32b1}'..='\u{32bf}' => {
            let then = chars.get(at + 1).filter(|_| at + 1 < end);
            let with_mark = matches!(then, Some('、' | '.' | '．'));
            label(HeadingKind::Circled, at + 1 + usize::from(with_mark))
        }
        // ⑴ ⒈ ㈠: the one-character forms of (1), 1. and (一).
        '\u{2474}'..='\u{2487}' => label(HeadingKind::ParenArabic, at + 1),
        '\u{2488}'..='\u{249b}' => label(HeadingKind::Arabic, at + 1),
        '\u{3220}'..='\u{3229}' => label(HeadingKind::ParenNumeral, at + 1),
        _ if is_digit(c) => {
            // At most three digits, so a year (`2018、2019年`) is never a label.
            let i = run(chars, at, end, 3, is_digit)?;
            let i = skip_pdf_spaces(chars, i, end);
            if !matches!(chars.get(i).filter(|_| i < end)?, '.' | '．' | '、') {
                return None;
            }
            // `2.0时代`, `1.5亿元` (also with a PDF space after the point) are numbers.
            let next = skip_pdf_spaces(chars, i + 1, end);
            if next < end && is_digit(chars[next]) {
                return None;
            }
            label(HeadingKind::Arabic, i + 1)
        }
        _ if is_numeral(c) => {
            let i = run(chars, at, end, 5, is_numeral)?;
            let i = skip_pdf_spaces(chars, i, end);
            (chars.get(i).filter(|_| i < end)? == &'、').then(|| Label {
                kind: HeadingKind::Numeral,
                end: i + 1,
            })
        }
        _ => None,
    }
}

/// `。！？`, or a full stop `.` that is not a decimal point or part of a name.
fn is_sentence_end(chars: &[char], k: usize, end: usize) -> bool {
    match chars[k] {
        '。' | '｡' | '！' | '？' | '!' | '?' => true,
        '.' | '．' => {
            !(k + 1 < end && (chars[k + 1].is_ascii_alphanumeric() || is_digit(chars[k + 1])))
        }
        _ => false,
    }
}

fn is_clause_mark(c: char) -> bool {
    matches!(c, '，' | ',' | '；' | ';' | '：' | ':' | '﹐' | '﹔' | '﹕')
}

fn trim_end(chars: &[char], start: usize, mut end: usize) -> usize {
    while end > start && is_space(chars[end - 1]) {
        end -= 1;
    }
    end
}

fn skip_spaces(chars: &[char], mut i: usize, end: usize) -> usize {
    while i < end && is_space(chars[i]) {
        i += 1;
    }
    i
}

/// Where the heading that starts with a label ending at `label_end` ends: the first sentence
/// end within reach, else just before the first clause mark within reach, else the whole
/// (short) line, else its first characters.
fn heading_end(chars: &[char], label_end: usize, line_end: usize) -> usize {
    let reach = line_end.min(label_end + HEADING_SEARCH);
    if let Some(k) = (label_end..reach).find(|&k| is_sentence_end(chars, k, line_end)) {
        return k + 1;
    }
    if let Some(k) = (label_end..reach).find(|&k| is_clause_mark(chars[k])) {
        return trim_end(chars, label_end, k);
    }
    if line_end - label_end <= HEADING_SEARCH {
        return line_end;
    }
    let title_start = skip_spaces(chars, label_end, line_end);
    trim_end(
        chars,
        label_end,
        (title_start + HEADING_FALLBACK).min(line_end),
    )
}

/// The heading without label, surrounding spaces and closing punctuation.
fn title_text(chars: &[char], label_end: usize, heading_end: usize) -> String {
    let start = skip_spaces(chars, label_end, heading_end);
    let mut end = heading_end;
    while end > start
        && (is_space(chars[end - 1])
            || is_clause_mark(chars[end - 1])
            || matches!(
                chars[end - 1],
                '。' | '｡' | '！' | '？' | '!' | '?' | '.' | '．' | '、'
            ))
    {
        end -= 1;
    }
    chars[start..end].iter().collect()
}

/// The end of the preamble's first words (up to the first clause or sentence mark).
fn first_words(chars: &[char], start: usize, line_end: usize) -> usize {
    let mut k = start;
    while k < line_end
        && k - start < PREAMBLE_WORDS
        && !is_clause_mark(chars[k])
        && !matches!(chars[k], '。' | '｡' | '！' | '？' | '!' | '?')
    {
        k += 1;
    }
    trim_end(chars, start, k)
}

/// Unclosed `《` and brackets in a paragraph so far: a line ending inside one was wrapped.
#[derive(Debug, Default)]
struct Brackets {
    angle: usize,
    paren: usize,
}

impl Brackets {
    fn scan(&mut self, text: &[char]) {
        for &c in text {
            match c {
                '《' | '〈' => self.angle += 1,
                '》' | '〉' => self.angle = self.angle.saturating_sub(1),
                '(' | '（' => self.paren += 1,
                ')' | '）' => self.paren = self.paren.saturating_sub(1),
                _ => {}
            }
        }
    }

    fn open(&self) -> bool {
        self.angle > 0 || self.paren > 0
    }
}

fn is_cjk(c: char) -> bool {
    matches!(
        c,
        '\u{3400}'..='\u{4dbf}'
            | '\u{4e00}'..='\u{9fff}'
            | '\u{f900}'..='\u{faff}'
            | '\u{20000}'..='\u{3134f}'
    )
}

fn is_dash(c: char) -> bool {
    matches!(c, '—' | '―' | '─' | '-' | '－' | '–' | '‒' | '‐')
}

/// `——创新引领。` and other bullet paragraphs.
fn starts_bullet(chars: &[char], line: Line) -> bool {
    let c = chars[line.start];
    let next = chars[line.start + 1..line.end].first().copied();
    matches!(c, '●' | '•' | '▪' | '■' | '◆' | '▲' | '★' | '☆' | '◇' | '□')
        || (is_dash(c) && next.is_some_and(is_dash))
}

/// Punctuation that can only continue a sentence begun on the previous line.
fn is_closer(c: char) -> bool {
    "，,。、；;：:！!？?）)》〉”’」』】〕]".contains(c)
}

/// Whether line `a` (the paragraph so far, with `brackets`) runs on into line `a + 1`.
fn continues(
    chars: &[char],
    lines: &[Line],
    labels: &[Option<Label>],
    a: usize,
    brackets: &Brackets,
) -> bool {
    let (la, lb) = (lines[a], lines[a + 1]);
    if lb.blank_before || labels[a + 1].is_some() || starts_bullet(chars, lb) {
        return false;
    }
    if brackets.open() {
        return true;
    }
    let last = chars[la.end - 1];
    if matches!(last, '，' | ',' | '、' | '《' | '(' | '（' | '“') {
        return true;
    }
    if !(is_cjk(last) || is_digit(last)) || title_like(&folded(&chars[la.start..la.end])) {
        return false;
    }
    la.end - la.start >= WRAP_MIN_LINE || is_closer(chars[lb.start])
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

/// What the head of the document holds, as line indices.
#[derive(Debug, Default)]
struct Front {
    /// The number of lines of front matter.
    lines: usize,
    title: Option<usize>,
    doc_number: Option<usize>,
    addressees: Option<usize>,
    signature: Option<usize>,
    date: Option<usize>,
}

/// The comparable form of a line, white space removed (`（` is `(`, `〔` is `[`, `—` is `-`).
fn folded(text: &[char]) -> Vec<char> {
    let mut out = Vec::with_capacity(text.len());
    for &c in text {
        if !is_space(c) {
            fold(c, &mut out);
        }
    }
    out
}

fn starts(t: &[char], s: &str) -> bool {
    s.chars().enumerate().all(|(k, c)| t.get(k) == Some(&c))
}

fn ends(t: &[char], s: &str) -> bool {
    let n = s.chars().count();
    n <= t.len() && starts(&t[t.len() - n..], s)
}

fn find(t: &[char], s: &str) -> Option<usize> {
    (0..t.len()).find(|&i| starts(&t[i..], s))
}

const SENTENCE_PUNCTUATION: &[char] = &['。', ',', ';', ':', '!', '?'];
const DOC_TYPES: &[&str] = &[
    "通知", "意见", "方案", "规划", "计划", "办法", "决定", "细则", "纲要", "规定", "措施", "条例",
    "指南", "报告", "通告", "公告", "决议", "批复", "函", "纪要", "要点", "清单", "目录",
];

/// A document title: no sentence punctuation, ends with a kind of document (`…实施方案`,
/// `…行动计划(2019-2021年)`).
fn title_like(t: &[char]) -> bool {
    if !(4..=80).contains(&t.len()) || t.iter().any(|c| SENTENCE_PUNCTUATION.contains(c)) {
        return false;
    }
    let mut t = t;
    while t.last() == Some(&')') {
        match t.iter().rposition(|&c| c == '(') {
            Some(open) => t = &t[..open],
            None => break,
        }
    }
    DOC_TYPES.iter().any(|d| ends(t, d))
}

/// `武政办发〔2018〕250号`.
fn is_doc_number(t: &[char]) -> bool {
    let Some(open) = t.iter().position(|&c| c == '[' || c == '(') else {
        return false;
    };
    let year = &t[(open + 1).min(t.len())..];
    t.len() <= 40
        && open > 0
        && ends(t, "号")
        && !t[..open].iter().any(|c| SENTENCE_PUNCTUATION.contains(c))
        && year.len() > 6
        && year[..4].iter().all(char::is_ascii_digit)
        && matches!(year[4], ']' | ')')
        && year[5..year.len() - 1].iter().all(char::is_ascii_digit)
}

fn is_chinese_digit(c: char) -> bool {
    matches!(
        c,
        '〇' | '○' | 'O' | '零' | '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九'
    )
}

fn is_date_numeral(c: char) -> bool {
    c.is_ascii_digit() || is_chinese_digit(c) || c == '十'
}

/// `2018年12月20日` or `二〇一八年十二月二十日`.
fn is_date(t: &[char]) -> bool {
    let year_ok = t.len() > 4
        && t[..4]
            .iter()
            .all(|&c| c.is_ascii_digit() || is_chinese_digit(c));
    if !year_ok || t[4] != '年' {
        return false;
    }
    let mut rest = &t[5..];
    for unit in ['月', '日'] {
        let n = rest.iter().take_while(|&&c| is_date_numeral(c)).count();
        if !(1..=3).contains(&n) || rest.get(n) != Some(&unit) {
            return false;
        }
        rest = &rest[n + 1..];
    }
    rest.is_empty()
}

/// `各县、区人民政府,市政府各部门……:`.
fn is_addressees(t: &[char]) -> bool {
    let listed = t.contains(&'各')
        || find(t, "有关").is_some()
        || find(t, "单位").is_some()
        || find(t, "部门").is_some();
    (2..=200).contains(&t.len()) && t.last() == Some(&':') && !t.contains(&'。') && listed
}

/// `(征求意见稿)`, `(2018-2020年)`, `(此件公开发布)`.
fn short_parenthetical(t: &[char]) -> bool {
    t.len() <= 24 && t.first() == Some(&'(') && t.last() == Some(&')') && !t.contains(&'。')
}

/// A name on its own line: `武威市人民政府办公室`.
fn signature_like(t: &[char]) -> bool {
    (2..=40).contains(&t.len())
        && !t
            .iter()
            .any(|&c| SENTENCE_PUNCTUATION.contains(&c) || matches!(c, '、' | '"' | '《' | '》'))
        && !t[0].is_ascii_digit()
        && !is_date(t)
        && !is_doc_number(t)
}

/// `附件`, `附件1`, `附件:`.
fn is_attachment_marker(t: &[char]) -> bool {
    starts(t, "附件") && t[2..].iter().all(|&c| c.is_ascii_digit() || c == ':')
}

/// `《X》` without the brackets, when the text is one.
fn unquote(t: &[char]) -> &[char] {
    match t {
        ['《', inner @ .., '》'] => inner,
        _ => t,
    }
}

/// The names of the plans a notice issues: `关于印发X的通知`, `现将《X》印发…`, `附件:X`.
fn plan_names(t: &[char], out: &mut Vec<Vec<char>>) {
    if title_like(t) && find(t, "关于").is_some() && ends(t, "通知") {
        let verb = ["印发", "转发", "颁布"].iter().find_map(|v| find(t, v));
        if let Some(verb) = verb {
            let mut name = &t[(verb + 2).min(t.len() - 2)..t.len() - 2];
            if name.last() == Some(&'的') {
                name = &name[..name.len() - 1];
            }
            if let (Some(open), Some(close)) = (
                name.iter().position(|&c| c == '《'),
                name.iter().rposition(|&c| c == '》'),
            ) && open < close
            {
                name = &name[open + 1..close];
            }
            out.push(name.to_vec());
        }
    }
    if starts(t, "附件")
        && let Some(colon) = t.iter().position(|&c| c == ':')
    {
        let name = unquote(&t[colon + 1..]);
        if !name.is_empty() {
            out.push(name.to_vec());
        }
    }
    let mut i = 0;
    while let Some(open) = (i..t.len()).find(|&k| t[k] == '《') {
        let mut depth = 0usize;
        let Some(close) = (open..t.len()).find(|&k| {
            match t[k] {
                '《' => depth += 1,
                '》' => depth -= 1,
                _ => {}
            }
            depth == 0
        }) else {
            break;
        };
        // `《X》印发给你们`, `《X》已经省政府同意，现印发…`: the verb follows closely, in the
        // same sentence (a bounded look, so many quoted titles stay linear).
        let reach = t.len().min(close + ISSUE_VERB_REACH);
        let sentence_end = (close..reach).find(|&k| t[k] == '。').unwrap_or(reach);
        let after = &t[close..sentence_end];
        if find(after, "印发").is_some() || find(after, "转发").is_some() {
            out.push(t[open + 1..close].to_vec());
        }
        i = close + 1;
    }
}

/// Whether a line is the title of the plan named `name` (the line may leave out or add a
/// parenthesised part: `…行动计划(2019—2021年)` for `…行动计划(2019-2021年)(征求意见稿)`).
fn is_plan_title(t: &[char], name: &[char]) -> bool {
    if t.len() < 4 || name.is_empty() {
        return false;
    }
    t == name
        || (t.len() >= 6 && name.starts_with(t) && name[t.len()] == '(')
        || (t.starts_with(name) && t[name.len()] == '(' && t.last() == Some(&')'))
}

/// Finds the front matter among the lines before the first heading.
fn front_matter(chars: &[char], lines: &[Line], labels: &[Option<Label>]) -> Front {
    let head = labels
        .iter()
        .take(FRONT_MATTER_LINES)
        .position(Option::is_some)
        .unwrap_or(lines.len().min(FRONT_MATTER_LINES));
    let f: Vec<Vec<char>> = lines[..head]
        .iter()
        .map(|l| folded(&chars[l.start..l.end]))
        .collect();

    // A notice that issues a plan: everything up to the plan's own title line.
    let mut names: Vec<(usize, Vec<char>)> = Vec::new();
    let mut plan = None;
    for (i, t) in f.iter().enumerate() {
        let named = t.len() <= 100
            && names
                .iter()
                .any(|(at, name)| *at < i && is_plan_title(t, name));
        let after_marker = i > 0 && is_attachment_marker(&f[i - 1]) && title_like(t);
        if named || after_marker {
            plan = Some(i);
            break;
        }
        let mut found = Vec::new();
        plan_names(t, &mut found);
        let room = MAX_CANDIDATES.saturating_sub(names.len());
        names.extend(found.into_iter().take(room).map(|n| (i, n)));
    }
    if let Some(t) = plan {
        let mut lines = t + 1;
        while lines < head && lines - t <= 2 && short_parenthetical(&f[lines]) {
            lines += 1;
        }
        let date = (0..t).rev().find(|&i| is_date(&f[i]));
        let addressees = (0..t).find(|&i| is_addressees(&f[i]));
        let signature = date
            .filter(|&d| d > 0 && Some(d - 1) != addressees && signature_like(&f[d - 1]))
            .map(|d| d - 1);
        return Front {
            lines,
            title: Some(t),
            doc_number: (0..t).find(|&i| is_doc_number(&f[i])),
            addressees,
            signature,
            date,
        };
    }

    // A document with its own heading block: title, number, addressees, all short lines.
    let block = f
        .iter()
        .take(HEAD_BLOCK_LINES)
        .position(|t| !is_addressees(t) && (t.len() > 60 || t.contains(&'。')))
        .unwrap_or(f.len().min(HEAD_BLOCK_LINES));
    let doc_number = (0..block).find(|&i| is_doc_number(&f[i]));
    let addressees = (0..block).find(|&i| is_addressees(&f[i]));
    match (doc_number, addressees) {
        (None, None) => {
            let titled = f.first().is_some_and(|t| title_like(t));
            let mut lines = usize::from(titled);
            while titled && lines < head && lines <= 2 && short_parenthetical(&f[lines]) {
                lines += 1;
            }
            Front {
                lines,
                title: titled.then_some(0),
                ..Front::default()
            }
        }
        (d, a) => {
            let last = d.into_iter().chain(a).max().unwrap_or(0);
            Front {
                lines: last + 1,
                // The title nearest the number and addressees (web chrome may repeat it).
                title: (0..last).rev().find(|&i| title_like(&f[i])),
                doc_number,
                addressees,
                ..Front::default()
            }
        }
    }
}

/// A signature and date closing the document.
struct Closing {
    /// The first line of the closing block.
    first: usize,
    signature: Option<usize>,
    date: usize,
}

fn closing_block(
    chars: &[char],
    lines: &[Line],
    labels: &[Option<Label>],
    body_start: usize,
) -> Option<Closing> {
    let text = |i: usize| folded(&chars[lines[i].start..lines[i].end]);
    let mut date = lines.len().checked_sub(1)?;
    if date > body_start && short_parenthetical(&text(date)) {
        date -= 1;
    }
    // Something of the body must come before the closing block.
    if date <= body_start || !is_date(&text(date)) {
        return None;
    }
    let signature = Some(date - 1)
        .filter(|&s| s > body_start && labels[s].is_none() && signature_like(&text(s)));
    Some(Closing {
        first: signature.unwrap_or(date),
        signature,
        date,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    /// The label at the start of `s`, as (kind, label text).
    fn label(s: &str) -> Option<(HeadingKind, String)> {
        let c = chars(s);
        parse_label(&c, 0, c.len()).map(|l| (l.kind, c[..l.end].iter().collect()))
    }

    fn outline(s: &str) -> (Vec<char>, Outline) {
        let c = chars(s);
        let o = parse_outline(&c, 0..c.len());
        (c, o)
    }

    fn text(c: &[char], r: Range<usize>) -> String {
        c[r].iter().collect()
    }

    #[test]
    fn numbers_are_not_arabic_labels() {
        assert_eq!(label("2018年，全省"), None);
        assert_eq!(label("2.0时代的重大科学前沿"), None);
        assert_eq!(label("1.5亿元用于"), None);
        assert_eq!(label("2. 0 时代"), None);
        assert_eq!(label("2018、2019年"), None);
        assert_eq!(label("2018.智能"), None);
        assert_eq!(label("(2018—2020年)"), None);
        assert_eq!(label("（此件公开发布）"), None);
        assert_eq!(label("一是加强"), None);
        assert_eq!(label("第一批试点"), None);
    }

    #[test]
    fn labels_of_every_kind() {
        use HeadingKind::*;
        let cases = [
            ("10.智能金融。", Arabic, "10."),
            ("1．总体目标", Arabic, "1．"),
            ("1、推动", Arabic, "1、"),
            ("１２．全角", Arabic, "１２．"),
            ("（十二）加强组织领导", ParenNumeral, "（十二）"),
            ("(一)指导思想。", ParenNumeral, "(一)"),
            ("（ 三 ）空格", ParenNumeral, "（ 三 ）"),
            ("（1）智能", ParenArabic, "（1）"),
            ("(12)智能", ParenArabic, "(12)"),
            ("第十一条 为了", Article, "第十一条"),
            ("第一章　总则", Chapter, "第一章"),
            ("第二节 目标", Division, "第二节"),
            ("第12条", Article, "第12条"),
            ("①智能", Circled, "①"),
            ("⑳、末项", Circled, "⑳、"),
            ("一、总体要求", Numeral, "一、"),
            ("一 、总体要求", Numeral, "一 、"),
            ("二十三、附则", Numeral, "二十三、"),
            ("㈢简写", ParenNumeral, "㈢"),
        ];
        for (input, kind, text) in cases {
            assert_eq!(label(input), Some((kind, text.to_owned())), "{input}");
        }
        // A label needs what follows its number.
        assert_eq!(label("十分重要"), None);
        assert_eq!(label("（一"), None);
        assert_eq!(label("第十一"), None);
        assert_eq!(label("1"), None);
    }

    #[test]
    fn heading_extents() {
        let heading = |s: &str| {
            let c = chars(s);
            let l = parse_label(&c, 0, c.len()).unwrap();
            let end = heading_end(&c, l.end, c.len());
            (text(&c, 0..end), title_text(&c, l.end, end))
        };
        let h = |a: &str, b: &str| (a.to_owned(), b.to_owned());
        assert_eq!(
            heading("7.智能制造。结合装备制造和冶金、汽车"),
            h("7.智能制造。", "智能制造")
        );
        assert_eq!(
            heading("（一）指导思想。"),
            h("（一）指导思想。", "指导思想")
        );
        assert_eq!(heading("二、重点任务"), h("二、重点任务", "重点任务"));
        assert_eq!(heading("第一章 总则"), h("第一章 总则", "总则"));
        // No sentence end within 40 characters: up to the first comma.
        let long = "1.到2020年,探索建立新一代人工智能创新体系,在重点领域引进、推广一批人工智能技术,积极开展研发。";
        assert_eq!(heading(long), h("1.到2020年", "到2020年"));
        // Neither: the first 20 characters of the title.
        let run_on = format!("3.{}", "人工智能".repeat(15));
        assert_eq!(
            heading(&run_on),
            h(
                &format!("3.{}", "人工智能".repeat(5)),
                &"人工智能".repeat(5)
            )
        );
        // A decimal point is no full stop.
        assert_eq!(
            heading("5.发展2.0版本平台。其余"),
            h("5.发展2.0版本平台。", "发展2.0版本平台")
        );
    }

    #[test]
    fn hard_wrapped_lines_are_joined_but_headings_are_not() {
        let (c, o) = outline(
            "为贯彻实施国家人工智能强国战略,推进我市人工智能技术发展和应用,根据《\n\
             省人民政府关于印发某方案的通知》 (\n\
             某政发〔2018〕1号)精神,制定本方案。\n\
             一、总体要求\n\
             全面贯彻落实党的十九大精神,以新时代中国特色社会主义思想为指导,深入\n\
             实施创新驱动发展战略。\n\
             --创新引领。增强创新能力\n\
             --突出重点。\n\
             短行\n\
             另一段。\n",
        );
        let paragraphs: Vec<String> = o
            .paragraphs
            .iter()
            .map(|p| text(&c, p.range.clone()))
            .collect();
        assert_eq!(paragraphs.len(), 7, "{paragraphs:#?}");
        assert!(paragraphs[0].ends_with("制定本方案。") && paragraphs[0].lines().count() == 3);
        assert_eq!(paragraphs[1], "一、总体要求");
        assert!(paragraphs[2].ends_with("实施创新驱动发展战略。"));
        assert_eq!(paragraphs[3], "--创新引领。增强创新能力");
        assert_eq!(paragraphs[5], "短行");
        assert_eq!(o.paragraphs[0].heading_of, Some(0));
        assert_eq!(o.paragraphs[1].heading_of, Some(1));
        assert_eq!(o.sections.len(), 2);
        assert_eq!(o.sections[1].range.end, c.len() - 1);
    }

    #[test]
    fn space_runs_break_scraped_lines() {
        let (c, o) = outline(
            "一、总体要求   (一)指导思想。   全面贯彻。   第一条　　为了规范管理，制定本办法。",
        );
        let labels: Vec<&str> = o.sections.iter().map(|s| s.label.as_str()).collect();
        assert_eq!(labels, ["一、", "(一)", "第一条"]);
        // The run after a bare label is no break: the article keeps its text.
        assert!(text(&c, o.sections[2].own.clone()).ends_with("制定本办法。"));
        assert_eq!(o.paragraphs.len(), 4);
    }

    #[test]
    fn levels_follow_first_appearance() {
        // 1. first seen under （一）, later directly under 二、 (a skipped level), then a new
        // kind (（1）) nests under the current item.
        let (_, o) = outline(
            "一、甲\n（一）乙\n1.丙\n2.丁\n（1）戊\n（2）己\n3.庚\n二、辛\n1.壬\n（二）癸\n三、子\n",
        );
        let shape: Vec<(String, usize, Option<usize>)> = o
            .sections
            .iter()
            .map(|s| (s.label.clone(), s.depth, s.parent))
            .collect();
        let expected = [
            ("一、", 0, None),
            ("（一）", 1, Some(0)),
            ("1.", 2, Some(1)),
            ("2.", 2, Some(1)),
            ("（1）", 3, Some(3)),
            ("（2）", 3, Some(3)),
            ("3.", 2, Some(1)),
            ("二、", 0, None),
            ("1.", 1, Some(7)),
            ("（二）", 1, Some(7)),
            ("三、", 0, None),
        ];
        let expected: Vec<(String, usize, Option<usize>)> = expected
            .iter()
            .map(|&(l, d, p)| (l.to_owned(), d, p))
            .collect();
        assert_eq!(shape, expected);
        assert_eq!(o.sections[3].children, [4, 5]);
        assert_eq!(o.sections[7].children, [8, 9]);
    }

    #[test]
    fn closing_signature_and_date_without_a_covering_notice() {
        let doc = "某市人民政府关于加快发展的实施意见\n某府发〔2021〕1号\n各区人民政府：\n为加快发展，提出如下意见。\n一、总体要求\n加强领导。\n某市人民政府\n2021年1月19日\n";
        let (c, o) = outline(doc);
        assert_eq!(
            o.title.as_ref().unwrap().text,
            "某市人民政府关于加快发展的实施意见"
        );
        assert_eq!(o.doc_number.as_ref().unwrap().text, "某府发〔2021〕1号");
        assert_eq!(o.signature.as_ref().unwrap().text, "某市人民政府");
        assert_eq!(o.date.as_ref().unwrap().text, "2021年1月19日");
        let last = o.sections.last().unwrap();
        assert_eq!(text(&c, last.range.clone()), "一、总体要求\n加强领导。");
        assert_eq!(o.sections[0].kind, SectionKind::Preamble);
        assert_eq!(o.sections[0].title, "为加快发展");
        assert_eq!(o.paragraphs.len(), 8);
    }

    #[test]
    fn closing_block_stays_in_the_text_after_a_covering_notice() {
        let doc = "某市人民政府办公室关于印发某市发展方案的通知\n各区人民政府：\n现将《某市发展方案》印发给你们。\n某市人民政府办公室\n2021年1月2日\n某市发展方案\n为加快发展，制定本方案。\n一、目标\n加强领导。\n某市发展局\n2021年1月1日";
        let (c, o) = outline(doc);
        assert_eq!(o.title.as_ref().unwrap().text, "某市发展方案");
        assert_eq!(o.date.as_ref().unwrap().text, "2021年1月2日");
        assert!(
            text(&c, o.sections.last().unwrap().range.clone())
                .ends_with("某市发展局\n2021年1月1日")
        );
    }

    #[test]
    fn number_above_the_title_and_long_addressees() {
        let addressees = format!(
            "{}：",
            "各市、自治州人民政府，省政府各部门、各直属机构".repeat(3)
        );
        let doc = format!(
            "某政发〔2020〕3号\n某省人民政府关于加快发展的意见\n{addressees}\n为加快发展，提出如下意见。\n一、目标\n"
        );
        let (_, o) = outline(&doc);
        assert_eq!(o.doc_number.as_ref().unwrap().text, "某政发〔2020〕3号");
        assert_eq!(
            o.title.as_ref().unwrap().text,
            "某省人民政府关于加快发展的意见"
        );
        assert_eq!(o.addressees.as_ref().unwrap().text, addressees);
        assert_eq!(o.sections[0].title, "为加快发展");
    }

    #[test]
    fn a_title_alone_is_front_matter() {
        let (_, o) = outline("某省数字经济发展规划\n(2021—2025年)\n一、发展基础\n");
        assert_eq!(o.title.as_ref().unwrap().text, "某省数字经济发展规划");
        assert_eq!(o.sections.len(), 1);
        assert_eq!(o.sections[0].label, "一、");
        let (_, o) = outline("为加快发展，制定本方案。\n一、目标\n");
        assert_eq!(o.front_matter, 0..0);
        assert_eq!(o.title, None);
    }

    #[test]
    fn matchers_for_the_head_block() {
        let f = |s: &str| folded(&chars(s));
        assert!(is_doc_number(&f("武政办发〔2018〕250号")));
        assert!(is_doc_number(&f("国发[2017]35号")));
        assert!(!is_doc_number(&f("(国发〔2017〕35号)精神")));
        assert!(is_date(&f("2018年12月20日")));
        assert!(is_date(&f("二〇一八年十二月二十日")));
        assert!(!is_date(&f("2018年12月20日起施行")));
        assert!(is_addressees(&f("各县(市)、区人民政府,开发区管委会:")));
        assert!(!is_addressees(&f("主要任务如下:")));
        assert!(title_like(&f(
            "中山市加快新一代人工智能发展行动计划(2019—2021年)"
        )));
        assert!(!title_like(&f("为贯彻落实，制定本方案。")));
        assert!(is_plan_title(
            &f("中山市加快新一代人工智能发展行动计划(2019—2021年)"),
            &f("中山市加快新一代人工智能发展行动计划(2019-2021年)(征求意见稿)"),
        ));
    }
}
