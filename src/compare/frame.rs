//! Where a document's measured text skips its 公文 frame (the header and closing blocks),
//! as spans over original characters see it. No span of reused text runs over the frame: a
//! run of measured characters is cut where frame text lies inside it, and the frame's
//! characters get added spans of their own, so that spans still cover every character.

use std::ops::Range;

use crate::Document;

/// The frame text between neighbouring measured characters of one document.
#[derive(Debug, Clone, Default)]
pub struct FrameGaps {
    /// `(i, range)`: frame text (original characters `range`) lies between normalised
    /// characters `i - 1` and `i`; ascending in `i`, one entry per gap. `i` may be 0 (frame
    /// text before the first measured character) or the length (after the last).
    gaps: Vec<(usize, Range<usize>)>,
}

impl FrameGaps {
    pub fn of(doc: &Document) -> Self {
        let mut gaps: Vec<(usize, Range<usize>)> = Vec::new();
        for r in doc.frame.ranges() {
            let at = doc.normalized.index_at_or_after(r.end);
            match gaps.last_mut() {
                Some((i, range)) if *i == at => {
                    range.start = range.start.min(r.start);
                    range.end = range.end.max(r.end);
                }
                _ => gaps.push((at, r)),
            }
        }
        Self { gaps }
    }

    /// Whether frame text lies between normalised characters `i - 1` and `i`.
    pub fn before(&self, i: usize) -> bool {
        self.gaps.binary_search_by_key(&i, |g| g.0).is_ok()
    }

    /// The normalised indices strictly inside `range` where frame text cuts it, ascending.
    pub fn cuts(&self, range: Range<usize>) -> impl Iterator<Item = usize> + '_ {
        let first = self.gaps.partition_point(|g| g.0 <= range.start);
        self.gaps[first..]
            .iter()
            .map(|g| g.0)
            .take_while(move |&i| i < range.end)
    }

    /// The frame's original ranges, one per gap, in order.
    pub fn ranges(&self) -> impl Iterator<Item = Range<usize>> + '_ {
        self.gaps.iter().map(|g| g.1.clone())
    }
}

/// `spans` (sorted, none covering frame text) with a span made by `frame` for each stretch of
/// frame text, in order.
pub fn with_frame_spans<S>(
    spans: Vec<S>,
    gaps: &FrameGaps,
    range: impl Fn(&S) -> &Range<usize>,
    frame: impl Fn(Range<usize>) -> S,
) -> Vec<S> {
    let mut frames = gaps.ranges().peekable();
    if frames.peek().is_none() {
        return spans;
    }
    let mut out = Vec::with_capacity(spans.len() + gaps.gaps.len());
    for span in spans {
        while let Some(f) = frames.next_if(|f| f.start < range(&span).start) {
            out.push(frame(f));
        }
        out.push(span);
    }
    out.extend(frames.map(frame));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gaps_cut_runs_and_become_spans_of_their_own() {
        let text = "武威市人民政府办公室文件\n武政办发〔2018〕250号\n关于印发方案的通知\n各县区人民政府：\n现将方案印发给你们。\n抄送：市委办公室。\n武威市人民政府办公室  2018年12月21日印发\n";
        let doc = Document::from_text("framed.txt", text).unwrap();
        let gaps = FrameGaps::of(&doc);
        let n = doc.normalized.len();
        // The header block before the first measured character, the closing block after the
        // last; nothing inside.
        assert!(gaps.before(0) && gaps.before(n) && !gaps.before(1));
        assert_eq!(gaps.cuts(0..n).count(), 0);
        let frames: Vec<String> = gaps
            .ranges()
            .map(|r| doc.chars()[r].iter().collect())
            .collect();
        assert!(frames[0].starts_with("武威市人民政府办公室文件") && frames[0].ends_with("250号"));
        assert!(frames[1].starts_with("抄送") && frames[1].ends_with("印发"));
        let spans = with_frame_spans(
            vec![doc.normalized.original_range(0..n)],
            &gaps,
            |r| r,
            |r| r,
        );
        assert_eq!(spans.len(), 3);
        assert!(spans.windows(2).all(|w| w[0].end <= w[1].start));
    }

    #[test]
    fn a_number_between_title_and_addressees_cuts_there() {
        let text =
            "关于印发方案的通知\n武政办发〔2018〕250号\n各县区人民政府：\n现将方案印发给你们。";
        let doc = Document::from_text("numbered.txt", text).unwrap();
        let gaps = FrameGaps::of(&doc);
        let title = "关于印发方案的通知".chars().count();
        let n = doc.normalized.len();
        assert_eq!(gaps.cuts(0..n).collect::<Vec<_>>(), [title]);
        assert_eq!(gaps.cuts(title..n).count(), 0);
        assert_eq!(gaps.cuts(0..title).count(), 0);
    }
}
