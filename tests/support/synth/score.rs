//! Grading a comparison against a case's truth, character by character.

use policy_lineage::compare::{Comparison, Span, SpanClass};
use policy_lineage::document::normalize::is_space;

use super::Case;
use super::edits::folded;

impl Case {
    /// The spans a perfect aligner would report: runs of one class, inherited runs following
    /// the parent char by char, adapted runs replacing one parent range.
    pub fn truth_spans(&self) -> Vec<Span> {
        let parent: Vec<char> = self.parent.chars().collect();
        let mut spans: Vec<Span> = Vec::new();
        for (i, truth) in self.truth.iter().enumerate() {
            let Some(class) = truth.class else { continue };
            let parent_here = match class {
                SpanClass::Inherited => truth.parent_char.map(|p| p..p + 1),
                SpanClass::Adapted => truth.parent_range.clone(),
                SpanClass::Added => None,
            };
            if let Some(last) = spans.last_mut()
                && last.class == class
            {
                let extends = match (class, &last.parent, &parent_here) {
                    (SpanClass::Added, _, _) => true,
                    (SpanClass::Adapted, Some(a), Some(b)) => a == b,
                    // Only white space may stand between consecutive parent chars.
                    (SpanClass::Inherited, Some(a), Some(b)) => {
                        b.start >= a.end && parent[a.end..b.start].iter().all(|&c| is_space(c))
                    }
                    _ => false,
                };
                if extends {
                    last.range.end = i + 1;
                    if class == SpanClass::Inherited
                        && let (Some(a), Some(b)) = (&mut last.parent, parent_here)
                    {
                        a.end = b.end;
                    }
                    continue;
                }
            }
            spans.push(Span {
                range: i..i + 1,
                class,
                parent: parent_here,
            });
        }
        spans
    }
}

/// The quality bars for the pooled scores of the standard cases: (name, minimum).
pub const BARS: [(&str, f64); 4] = [
    ("reused F1", 0.99),
    ("added F1", 0.97),
    ("adapted F1", 0.85),
    ("pointer accuracy", 0.995),
];

/// How well a comparison matches a case's truth, over the child's non-white-space chars.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Scores {
    /// F1 of reused (inherited or adapted) against the rest.
    pub reused_f1: f64,
    pub added_f1: f64,
    pub adapted_f1: f64,
    /// Among chars inherited in truth and prediction, the share whose predicted parent char is
    /// the true one. 0 when the truth has inherited chars but none was predicted inherited.
    pub pointer_accuracy: f64,
    /// Non-white-space child chars scored.
    pub chars: usize,
    /// `confusion[truth][predicted]`, classes in the order inherited, adapted, added.
    pub confusion: [[usize; 3]; 3],
    /// Chars that no span covers (scored as predicted `added`) or more than one span covers
    /// (scored by the first).
    pub coverage_errors: usize,
    /// Inherited spans whose child text is not their parent text after normalisation.
    pub unequal_spans: usize,
    /// Chars inherited in truth and prediction.
    pub pointer_checked: usize,
    /// Of those, chars whose predicted parent char is the true one.
    pub pointer_correct: usize,
}

impl Scores {
    /// The values [`BARS`] sets minimums for, in the same order.
    pub fn bar_values(&self) -> [f64; 4] {
        [
            self.reused_f1,
            self.added_f1,
            self.adapted_f1,
            self.pointer_accuracy,
        ]
    }

    pub fn meets_bars(&self) -> bool {
        self.bar_values()
            .iter()
            .zip(BARS)
            .all(|(&value, (_, minimum))| value >= minimum)
    }

    /// Fills in the rates from the counts.
    fn finish(mut self) -> Self {
        let f1 = |classes: &[usize]| {
            let (mut tp, mut fp, mut fne) = (0, 0, 0);
            for truth in 0..3 {
                for predicted in 0..3 {
                    let n = self.confusion[truth][predicted];
                    match (classes.contains(&truth), classes.contains(&predicted)) {
                        (true, true) => tp += n,
                        (false, true) => fp += n,
                        (true, false) => fne += n,
                        (false, false) => {}
                    }
                }
            }
            // A class absent from both truth and prediction was got right.
            if tp + fp + fne == 0 {
                1.0
            } else {
                2.0 * tp as f64 / (2 * tp + fp + fne) as f64
            }
        };
        self.reused_f1 = f1(&[0, 1]);
        self.adapted_f1 = f1(&[1]);
        self.added_f1 = f1(&[2]);
        let inherited: usize = self.confusion[0].iter().sum();
        self.pointer_accuracy = if self.pointer_checked > 0 {
            self.pointer_correct as f64 / self.pointer_checked as f64
        } else if inherited == 0 {
            1.0
        } else {
            0.0
        };
        self
    }
}

pub(crate) fn class_index(class: SpanClass) -> usize {
    match class {
        SpanClass::Inherited => 0,
        SpanClass::Adapted => 1,
        SpanClass::Added => 2,
    }
}

/// What a comparison says about each child char: class and, for inherited chars, parent char.
pub struct Prediction {
    /// `None` where no span covers the char.
    pub class: Vec<Option<SpanClass>>,
    pub parent_char: Vec<Option<usize>>,
    /// How many spans cover each char.
    pub cover: Vec<u32>,
    /// Inherited spans whose child text is not their parent text after normalisation (which
    /// breaks the contract, and throws the char-by-char pointers off).
    pub unequal_spans: usize,
}

/// Reads a comparison char by char. Inside an inherited span the i-th non-white-space child
/// char maps to the i-th non-white-space char of the span's parent range (normalisation folds
/// widths and white space but is otherwise one to one).
pub fn predict(case: &Case, comparison: &Comparison) -> Prediction {
    let child: Vec<char> = case.child.chars().collect();
    let parent: Vec<char> = case.parent.chars().collect();
    let n = child.len();
    let mut out = Prediction {
        class: vec![None; n],
        parent_char: vec![None; n],
        cover: vec![0; n],
        unequal_spans: 0,
    };
    for span in &comparison.spans {
        let range = span.range.start.min(n)..span.range.end.min(n);
        if span.class == SpanClass::Inherited {
            let parent_text = span
                .parent
                .as_ref()
                .map(|p| folded(&parent[p.start.min(parent.len())..p.end.min(parent.len())]).0);
            if parent_text != Some(folded(&child[range.clone()]).0) {
                out.unequal_spans += 1;
            }
        }
        let mut parent_chars = span
            .parent
            .as_ref()
            .filter(|_| span.class == SpanClass::Inherited)
            .map(|p| p.start.min(parent.len())..p.end.min(parent.len()))
            .into_iter()
            .flatten()
            .filter(|&p| !is_space(parent[p]));
        for i in range {
            let pointer = if is_space(child[i]) {
                None
            } else {
                parent_chars.next()
            };
            if out.cover[i] == 0 {
                out.class[i] = Some(span.class);
                out.parent_char[i] = pointer;
            }
            out.cover[i] += 1;
        }
    }
    out
}

/// Grades `comparison` against the truth of `case`.
pub fn score(case: &Case, comparison: &Comparison) -> Scores {
    let prediction = predict(case, comparison);
    let mut scores = Scores {
        unequal_spans: prediction.unequal_spans,
        ..Scores::default()
    };
    for (i, truth) in case.truth.iter().enumerate() {
        let Some(class) = truth.class else { continue };
        scores.chars += 1;
        if prediction.cover[i] != 1 {
            scores.coverage_errors += 1;
        }
        let predicted = prediction.class[i].unwrap_or(SpanClass::Added);
        scores.confusion[class_index(class)][class_index(predicted)] += 1;
        if class == SpanClass::Inherited && predicted == SpanClass::Inherited {
            scores.pointer_checked += 1;
            if prediction.parent_char[i] == truth.parent_char {
                scores.pointer_correct += 1;
            }
        }
    }
    scores.finish()
}

/// Pools the counts of several cases (micro-average).
pub fn aggregate(scores: &[Scores]) -> Scores {
    let mut total = Scores::default();
    for s in scores {
        total.chars += s.chars;
        total.coverage_errors += s.coverage_errors;
        total.unequal_spans += s.unequal_spans;
        total.pointer_checked += s.pointer_checked;
        total.pointer_correct += s.pointer_correct;
        for truth in 0..3 {
            for predicted in 0..3 {
                total.confusion[truth][predicted] += s.confusion[truth][predicted];
            }
        }
    }
    total.finish()
}
