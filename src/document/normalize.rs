//! Normalisation: the comparable form of a document's text.
//!
//! Differences that are not differences between documents disappear here: white space of any
//! kind (ideographic spaces, line wraps, the spaces PDF extraction puts between Chinese
//! characters), full-width vs half-width forms, the many dashes, quote styles. Every
//! normalised character remembers the original character it came from, so whatever the
//! alignment finds maps back onto the text exactly as the user sees it.

use std::ops::Range;

use unicode_normalization::UnicodeNormalization;

/// The comparable form of a range of original characters.
#[derive(Debug, Clone, Default)]
pub struct Normalized {
    pub chars: Vec<char>,
    /// For each normalised character, the index of the original character it came from
    /// (counted from the start of the file).
    pub origin: Vec<u32>,
    /// For each normalised character, whether a paragraph break (a line end, or a run of two
    /// or more spaces as in scraped pages) stands between it and the previous one.
    pub para_start: Vec<bool>,
}

impl Normalized {
    pub fn len(&self) -> usize {
        self.chars.len()
    }

    pub fn is_empty(&self) -> bool {
        self.chars.is_empty()
    }

    /// Maps a range of normalised characters back to the original characters it covers.
    pub fn original_range(&self, range: Range<usize>) -> Range<usize> {
        if range.is_empty() {
            let at = self
                .origin
                .get(range.start)
                .map(|&o| o as usize)
                .unwrap_or_else(|| self.origin.last().map_or(0, |&o| o as usize + 1));
            return at..at;
        }
        self.origin[range.start] as usize..self.origin[range.end - 1] as usize + 1
    }

    /// The first normalised index whose origin is at or after `original` (binary search).
    pub fn index_at_or_after(&self, original: usize) -> usize {
        self.origin.partition_point(|&o| (o as usize) < original)
    }

    pub fn text(&self, range: Range<usize>) -> String {
        self.chars[range].iter().collect()
    }

    /// The same text without the characters that come from the original ranges in `skip`
    /// (sorted by start); what follows a removed stretch starts a paragraph.
    pub fn without(mut self, skip: &[Range<usize>]) -> Self {
        if skip.is_empty() {
            return self;
        }
        let (mut k, mut kept, mut broken) = (0, 0, false);
        for i in 0..self.chars.len() {
            let o = self.origin[i] as usize;
            while k < skip.len() && skip[k].end <= o {
                k += 1;
            }
            if k < skip.len() && skip[k].contains(&o) {
                broken = true;
                continue;
            }
            self.chars[kept] = self.chars[i];
            self.origin[kept] = self.origin[i];
            self.para_start[kept] = self.para_start[i] || broken;
            broken = false;
            kept += 1;
        }
        self.chars.truncate(kept);
        self.origin.truncate(kept);
        self.para_start.truncate(kept);
        self
    }
}

/// Normalises `chars[range]`, skipping the original ranges in `skip` (sorted, disjoint), such
/// as page chrome inside a document.
pub fn normalize(chars: &[char], range: Range<usize>) -> Normalized {
    let mut out = Normalized {
        chars: Vec::with_capacity(range.len()),
        origin: Vec::with_capacity(range.len()),
        para_start: Vec::with_capacity(range.len()),
    };
    let mut pending_break = true;
    let mut spaces = 0usize;
    let mut buf = Vec::with_capacity(4);
    for (i, &c) in chars[range.clone()].iter().enumerate() {
        let index = (range.start + i) as u32;
        if is_space(c) {
            if c == '\n' || c == '\r' {
                pending_break = true;
            } else {
                spaces += 1;
                if spaces >= 2 {
                    pending_break = true;
                }
            }
            continue;
        }
        spaces = 0;
        buf.clear();
        fold(c, &mut buf);
        for &f in &buf {
            out.chars.push(f);
            out.origin.push(index);
            out.para_start.push(pending_break);
            pending_break = false;
        }
    }
    out
}

/// White space of every kind, including the ideographic space and zero-width characters that
/// web pages and PDF extraction leave in.
pub fn is_space(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}'
        )
}

/// Folds one character into its comparable form (usually one character, sometimes more:
/// NFKC spells `㈠` as `(一)`).
pub fn fold(c: char, out: &mut Vec<char>) {
    if let Some(f) = fold_simple(c) {
        out.push(f);
        return;
    }
    for f in std::iter::once(c).nfkc() {
        if is_space(f) {
            continue;
        }
        out.push(fold_simple(f).unwrap_or(f));
    }
}

/// Folds the characters that have one comparable form without NFKC; `None` for the rest.
fn fold_simple(c: char) -> Option<char> {
    Some(match c {
        // Common CJK ideographs and plain ASCII are their own form (the fast path).
        '\u{4e00}'..='\u{9fff}' => c,
        'A'..='Z' => c.to_ascii_lowercase(),
        '!'..='~' if !matches!(c, '-' | '[' | ']' | '"' | '\'' | '~') => c,
        // Full-width ASCII.
        '\u{ff01}'..='\u{ff5e}' => {
            let ascii = char::from_u32(c as u32 - 0xfee0).unwrap_or(c);
            return fold_simple(ascii).or(Some(ascii));
        }
        '﹐' => ',',
        '﹕' => ':',
        '﹔' => ';',
        '﹙' => '(',
        '﹚' => ')',
        '。' | '｡' => '。',
        '、' | '､' => '、',
        '“' | '”' | '„' | '〝' | '〞' | '"' | '「' | '」' => '"',
        '‘' | '’' | '\'' | '『' | '』' => '\'',
        '〔' | '〕' | '[' | ']' | '【' | '】' => {
            if matches!(c, '〔' | '[' | '【') {
                '['
            } else {
                ']'
            }
        }
        '《' | '〈' => '《',
        '》' | '〉' => '》',
        '-' | '‐' | '‑' | '‒' | '–' | '—' | '―' | '─' | '﹣' | '⁃' => '-',
        '~' | '〜' => '~',
        '·' | '•' | '・' | '‧' | '∙' => '·',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norm(s: &str) -> String {
        let chars: Vec<char> = s.chars().collect();
        normalize(&chars, 0..chars.len())
            .chars
            .into_iter()
            .collect()
    }

    #[test]
    fn width_space_and_dash_variants_fold_together() {
        assert_eq!(norm("（一）指导思想。"), norm("(一)指导思想。"));
        assert_eq!(norm("　　--创新引领。"), norm("——创新引领。"));
        assert_eq!(norm("通 知"), "通知");
        assert_eq!(norm("产 业优势"), "产业优势");
        assert_eq!(norm("2.0 时代"), "2.0时代");
        assert_eq!(norm("根据《\n甘肃省"), "根据《甘肃省");
        assert_eq!(norm("〔2018〕"), norm("[2018]"));
        assert_eq!(norm("ＡＩ，"), "ai,");
    }

    #[test]
    fn origins_point_at_the_original_characters() {
        let text = "甲　乙\n（丙）";
        let chars: Vec<char> = text.chars().collect();
        let n = normalize(&chars, 0..chars.len());
        assert_eq!(n.chars, vec!['甲', '乙', '(', '丙', ')']);
        assert_eq!(n.origin, vec![0, 2, 4, 5, 6]);
        assert_eq!(n.para_start, vec![true, false, true, false, false]);
        assert_eq!(n.original_range(1..4), 2..6);
        assert_eq!(n.index_at_or_after(3), 2);
    }

    #[test]
    fn expansions_keep_their_origin() {
        let chars: Vec<char> = "㈠甲".chars().collect();
        let n = normalize(&chars, 0..chars.len());
        assert_eq!(n.chars.iter().collect::<String>(), "(一)甲");
        assert_eq!(n.origin, vec![0, 0, 0, 1]);
    }
}
