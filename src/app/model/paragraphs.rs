//! Display paragraphs: a document's text cut into the paragraphs the panes show, each with
//! the source characters it stands for, and the section labels written as paths.

use std::ops::Range;

use crate::Document;
use crate::document::normalize::is_space;
use crate::document::outline::Section;

use super::Para;

/// Display paragraphs longer than this are cut at a sentence end, so no single galley gets huge
/// (scraped pages can hold a whole document on one line).
const MAX_PARAGRAPH_CHARS: usize = 1200;

/// `二、(一)4`: the labels of a section and its ancestors, compacted.
pub(super) fn section_paths(sections: &[Section]) -> Vec<String> {
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
pub fn display_paragraphs(doc: &Document) -> Vec<Para> {
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
}
