//! Text selected in one pane, kept as original character positions of that side's document
//! (so it survives scrolling, zoom and relayout), and the text it copies: as shown, or with
//! its source for quoting in a review (the document and section it is from and, for child
//! text, the parent passages it came from).

use std::ops::Range;

use crate::app::i18n::Lang;
use crate::app::model::{Model, Side, SideModel};

/// A selection: from `anchor` (where the drag started) to `head`, both positions between
/// original characters of `side`'s document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Selection {
    pub side: Side,
    pub anchor: usize,
    pub head: usize,
}

impl Selection {
    pub fn range(&self) -> Range<usize> {
        self.anchor.min(self.head)..self.anchor.max(self.head)
    }
}

/// Characters a phrase does not cross: white space and punctuation.
fn breaks_phrase(c: char) -> bool {
    c.is_whitespace() || "，。；：、！？,.;:!?（）()《》〈〉「」『』“”‘’\"'【】[]—…·".contains(c)
}

/// The phrase around `src`: the run of characters between punctuation or white space, within
/// its paragraph (a punctuation mark on its own is selected alone).
pub fn phrase_at(model: &Model, side: Side, src: usize) -> Selection {
    let sm = model.side(side);
    let chars = sm.doc.chars();
    let bounds = sm
        .para_at(src)
        .and_then(|p| sm.paras.get(p))
        .map_or(src..src + 1, |p| p.range.clone());
    let at = |i: usize| chars.get(i).copied().unwrap_or(' ');
    if breaks_phrase(at(src)) {
        return Selection {
            side,
            anchor: src,
            head: (src + 1).min(bounds.end.max(src + 1)),
        };
    }
    let mut start = src;
    while start > bounds.start && !breaks_phrase(at(start - 1)) {
        start -= 1;
    }
    let mut end = src + 1;
    while end < bounds.end && !breaks_phrase(at(end)) {
        end += 1;
    }
    Selection {
        side,
        anchor: start,
        head: end,
    }
}

/// The whole document of one side.
pub fn whole(model: &Model, side: Side) -> Selection {
    let paras = &model.side(side).paras;
    Selection {
        side,
        anchor: paras.first().map_or(0, |p| p.range.start),
        head: paras.last().map_or(0, |p| p.range.end),
    }
}

/// The text of `range` as the pane shows it: each paragraph's displayed text (line wraps of
/// the file removed), paragraphs on lines of their own.
fn shown(sm: &SideModel, range: Range<usize>) -> String {
    let mut out = String::new();
    let first = sm.paras.partition_point(|p| p.range.end <= range.start);
    let mut last_end = None;
    for para in &sm.paras[first..] {
        if para.range.start >= range.end {
            break;
        }
        let (a, b) = (
            para.display_index(range.start),
            para.display_index(range.end),
        );
        if a >= b {
            continue;
        }
        // A long paragraph cut for display continues on the same line.
        let continues = last_end.is_some_and(|end: usize| {
            sm.doc
                .chars()
                .get(end..para.range.start)
                .is_some_and(|gap| !gap.contains(&'\n'))
        });
        if last_end.is_some() && !continues {
            out.push('\n');
        }
        out.extend(para.text.chars().skip(a).take(b - a));
        last_end = Some(para.range.end);
    }
    out
}

/// The selected text as shown.
pub fn text(model: &Model, selection: &Selection) -> String {
    shown(model.side(selection.side), selection.range())
}

/// The section caption of the text at `src`, or nothing before the first section.
fn caption_at(sm: &SideModel, src: usize) -> String {
    sm.section_at(src)
        .map(|s| sm.section_caption(s))
        .unwrap_or_default()
}

/// The selected text with its source: the document's title and section and, for child text,
/// each parent passage it was taken from with the parent's title and section.
pub fn with_source(model: &Model, selection: &Selection, lang: Lang) -> String {
    let sm = model.side(selection.side);
    let range = selection.range();
    let passage = shown(sm, range.clone());
    if passage.is_empty() {
        return passage;
    }
    let mut out = format!(
        "{passage}\n{}",
        lang.cited(&sm.doc.title, &caption_at(sm, range.start))
    );
    if selection.side == Side::Child {
        for source in sources(model, &range) {
            let text = shown(&model.parent, source.clone());
            if text.is_empty() {
                continue;
            }
            out.push_str("\n\n");
            out.push_str(&lang.taken_from(
                &model.parent.doc.title,
                &caption_at(&model.parent, source.start),
            ));
            out.push('\n');
            out.push_str(&text);
        }
    }
    out
}

/// The parent passages the child spans overlapping `range` came from, in parent order, runs
/// that touch or nearly touch merged.
fn sources(model: &Model, range: &Range<usize>) -> Vec<Range<usize>> {
    let spans = &model.comparison.spans;
    let first = spans.partition_point(|s| s.range.end <= range.start);
    let mut parents: Vec<Range<usize>> = spans[first..]
        .iter()
        .take_while(|s| s.range.start < range.end)
        .filter_map(|s| {
            let parent = s.parent.clone()?;
            // Only the part of the span inside the selection, where the lengths allow.
            let same_length = parent.len() == s.range.len();
            let cut_start = range.start.saturating_sub(s.range.start);
            let cut_end = s.range.end.saturating_sub(range.end);
            Some(if same_length {
                parent.start + cut_start..parent.end - cut_end
            } else {
                parent
            })
        })
        .filter(|r| !r.is_empty())
        .collect();
    parents.sort_by_key(|r| r.start);
    let mut merged: Vec<Range<usize>> = Vec::new();
    for r in parents {
        match merged.last_mut() {
            Some(last) if r.start <= last.end + 2 => last.end = last.end.max(r.end),
            _ => merged.push(r),
        }
    }
    merged
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::Document;

    fn model() -> Model {
        let parent = Document::from_text(
            "p.txt",
            "甲省方案\n一、总则\n全省加快推进人工智能发展，培育新动能。\n",
        )
        .expect("parent");
        let child = Document::from_text(
            "c.txt",
            "乙市方案\n一、总则\n全市加快推进人工智能发展，培育新动能。\n",
        )
        .expect("child");
        let comparison = crate::compare::compare(&parent, &child);
        Model::build(Arc::new(parent), Arc::new(child), Arc::new(comparison))
    }

    #[test]
    fn a_phrase_stops_at_punctuation() {
        let model = model();
        let chars = model.child.doc.chars();
        let at = chars.iter().position(|&c| c == '推').expect("推");
        let phrase = phrase_at(&model, Side::Child, at);
        assert_eq!(text(&model, &phrase), "全市加快推进人工智能发展");
    }

    #[test]
    fn copy_with_source_names_the_documents_and_the_parent_passage() {
        let model = model();
        let chars = model.child.doc.chars();
        let at = chars.iter().position(|&c| c == '培').expect("培");
        let selection = phrase_at(&model, Side::Child, at);
        let quoted = with_source(&model, &selection, Lang::En);
        assert!(quoted.starts_with("培育新动能\n— 乙市方案"), "{quoted}");
        assert!(quoted.contains("From the parent, 甲省方案"), "{quoted}");
        assert!(quoted.ends_with("培育新动能"), "{quoted}");
    }

    #[test]
    fn select_all_takes_every_paragraph_on_its_own_line() {
        let model = model();
        let all = text(&model, &whole(&model, Side::Parent));
        assert_eq!(all.lines().count(), model.parent.paras.len());
        assert!(all.starts_with("甲省方案"));
    }
}
