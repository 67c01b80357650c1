//! Manual corrections to a comparison, as a review session keeps them: the reviewer links a
//! child section to a parent section the aligner missed, or unlinks a wrong match. Sections
//! are referred to by index and heading ([`SectionRef`]), so a correction finds its section
//! again after a document was edited. The automatic comparison is never changed: corrections
//! always apply to it afresh, in order, through [`crate::compare::retell`], so every figure
//! comes from the code the automatic comparison counts with. Dependencies run one way:
//! session → corrections → compare.

use serde::{Deserialize, Serialize};

use crate::Document;
use crate::compare::{Comparison, Hint, retell};

/// A section of one document: its index in the outline and its heading (white space removed),
/// which finds it again when the document changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SectionRef {
    pub index: usize,
    #[serde(default)]
    pub heading: String,
}

impl SectionRef {
    pub fn of(doc: &Document, index: usize) -> Self {
        Self {
            index,
            heading: section_heading(doc, index),
        }
    }

    /// The section this refers to in `doc`: the same index with the same heading, else the
    /// section with that heading nearest the old index, else (no heading recorded) the index.
    pub fn locate(&self, doc: &Document) -> Option<usize> {
        let count = doc.outline.sections.len();
        if self.heading.is_empty() {
            return (self.index < count).then_some(self.index);
        }
        if self.index < count && section_heading(doc, self.index) == self.heading {
            return Some(self.index);
        }
        (0..count)
            .filter(|&i| section_heading(doc, i) == self.heading)
            .min_by_key(|&i| i.abs_diff(self.index))
    }
}

/// A section's heading with white space removed.
pub fn section_heading(doc: &Document, index: usize) -> String {
    doc.outline
        .sections
        .get(index)
        .map_or_else(String::new, |s| {
            doc.slice(s.heading.clone())
                .chars()
                .filter(|&c| !crate::document::normalize::is_space(c))
                .collect()
        })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum CorrectionKind {
    /// The child section draws on the parent section (the aligner missed it).
    Link,
    /// The child section does not draw on the parent section (the aligner was wrong).
    Unlink,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Correction {
    pub kind: CorrectionKind,
    pub child: SectionRef,
    pub parent: SectionRef,
}

/// `automatic` with `corrections` applied. Corrections naming sections that do not exist are
/// skipped.
pub fn apply(
    parent: &Document,
    child: &Document,
    automatic: &Comparison,
    corrections: &[Correction],
) -> Comparison {
    let hints: Vec<Hint> = corrections
        .iter()
        .map(|c| {
            let (child, parent) = (c.child.index, c.parent.index);
            match c.kind {
                CorrectionKind::Link => Hint::Link { child, parent },
                CorrectionKind::Unlink => Hint::Unlink { child, parent },
            }
        })
        .collect();
    retell(automatic, parent, child, &hints)
}

/// Whether a reviewer corrected the child section's matching.
pub fn is_manual(corrections: &[Correction], child_section: usize) -> bool {
    corrections.iter().any(|c| c.child.index == child_section)
}

/// Drops the corrections of a child section, so that it has the aligner's match again;
/// whether there were any.
pub fn restore_automatic(corrections: &mut Vec<Correction>, child_section: usize) -> bool {
    let before = corrections.len();
    corrections.retain(|c| c.child.index != child_section);
    corrections.len() != before
}
