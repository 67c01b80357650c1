//! Heading labels (一、 （一） 1. （1） ① 第X章 第X条) and where a heading's text ends.

use super::*;

/// A heading label at the start of a line and where it ends (`7.`, `（三）`, `一 、`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Label {
    pub(super) kind: HeadingKind,
    pub(super) end: usize,
}

pub(super) fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

pub(super) fn is_numeral(c: char) -> bool {
    matches!(
        c,
        '〇' | '零' | '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十' | '百'
    )
}

pub(super) fn is_inline_space(c: char) -> bool {
    is_space(c) && !is_newline(c)
}

/// Skips the spaces PDF extraction puts inside labels (`一 、`), at most two.
pub(super) fn skip_pdf_spaces(chars: &[char], mut i: usize, end: usize) -> usize {
    let limit = (i + 2).min(end);
    while i < limit && is_inline_space(chars[i]) {
        i += 1;
    }
    i
}

/// The end of a run of `1..=max` characters satisfying `pred` starting at `i`.
pub(super) fn run(
    chars: &[char],
    i: usize,
    end: usize,
    max: usize,
    pred: fn(char) -> bool,
) -> Option<usize> {
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
pub(super) fn parse_label(chars: &[char], at: usize, end: usize) -> Option<Label> {
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
pub(super) fn is_sentence_end(chars: &[char], k: usize, end: usize) -> bool {
    match chars[k] {
        '。' | '｡' | '！' | '？' | '!' | '?' => true,
        '.' | '．' => {
            !(k + 1 < end && (chars[k + 1].is_ascii_alphanumeric() || is_digit(chars[k + 1])))
        }
        _ => false,
    }
}

pub(super) fn is_clause_mark(c: char) -> bool {
    matches!(c, '，' | ',' | '；' | ';' | '：' | ':' | '﹐' | '﹔' | '﹕')
}

pub(super) fn trim_end(chars: &[char], start: usize, mut end: usize) -> usize {
    while end > start && is_space(chars[end - 1]) {
        end -= 1;
    }
    end
}

pub(super) fn skip_spaces(chars: &[char], mut i: usize, end: usize) -> usize {
    while i < end && is_space(chars[i]) {
        i += 1;
    }
    i
}

/// Where the heading that starts with a label ending at `label_end` ends: the first sentence
/// end within reach, else just before the first clause mark within reach, else the whole
/// (short) line, else its first characters.
pub(super) fn heading_end(chars: &[char], label_end: usize, line_end: usize) -> usize {
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
pub(super) fn title_text(chars: &[char], label_end: usize, heading_end: usize) -> String {
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
pub(super) fn first_words(chars: &[char], start: usize, line_end: usize) -> usize {
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
pub(super) struct Brackets {
    pub(super) angle: usize,
    pub(super) paren: usize,
}

impl Brackets {
    pub(super) fn scan(&mut self, text: &[char]) {
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

    pub(super) fn open(&self) -> bool {
        self.angle > 0 || self.paren > 0
    }
}

pub(super) fn is_cjk(c: char) -> bool {
    matches!(
        c,
        '\u{3400}'..='\u{4dbf}'
            | '\u{4e00}'..='\u{9fff}'
            | '\u{f900}'..='\u{faff}'
            | '\u{20000}'..='\u{3134f}'
    )
}

pub(super) fn is_dash(c: char) -> bool {
    matches!(c, '—' | '―' | '─' | '-' | '－' | '–' | '‒' | '‐')
}
