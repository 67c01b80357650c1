//! Lines and paragraphs: physical lines (PDF spacing and hard wraps included), and whether a
//! line runs on into the next.

use super::*;

/// One line of text, trimmed: a physical line, or a piece of one that a run of spaces
/// separates (scraped pages run whole documents together on one line that way).
#[derive(Debug, Clone, Copy)]
pub(super) struct Line {
    pub(super) start: usize,
    pub(super) end: usize,
    /// An empty line stands between this line and the previous one.
    pub(super) blank_before: bool,
}

pub(super) fn is_newline(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r' | '\u{0b}' | '\u{0c}' | '\u{85}' | '\u{2028}' | '\u{2029}'
    )
}

pub(super) fn split_lines(chars: &[char], range: Range<usize>) -> Vec<Line> {
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
pub(super) fn split_physical_line(
    chars: &[char],
    range: Range<usize>,
    blank: bool,
    lines: &mut Vec<Line>,
) {
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

/// `——创新引领。` and other bullet paragraphs.
pub(super) fn starts_bullet(chars: &[char], line: Line) -> bool {
    let c = chars[line.start];
    let next = chars[line.start + 1..line.end].first().copied();
    matches!(c, '●' | '•' | '▪' | '■' | '◆' | '▲' | '★' | '☆' | '◇' | '□')
        || (is_dash(c) && next.is_some_and(is_dash))
}

/// Punctuation that can only continue a sentence begun on the previous line.
pub(super) fn is_closer(c: char) -> bool {
    "，,。、；;：:！!？?）)》〉”’」』】〕]".contains(c)
}

/// Whether line `a` (the paragraph so far, with `brackets`) runs on into line `a + 1`.
pub(super) fn continues(
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
