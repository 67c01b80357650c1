//! The aligner's vocabulary, shared by every stage: normalised text, the three classes, and
//! pieces (classified runs of normalised child text). A leaf: it depends on no other stage.

use std::ops::Range;

use serde::Serialize;

use crate::document::normalize::Normalized;

/// What a stretch of child text is, relative to the parent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SpanClass {
    /// The same as parent text after normalisation.
    Inherited,
    /// Replaces a short, different piece of parent text inside an inherited passage.
    Adapted,
    /// Local text with no source in the parent.
    Added,
}

impl SpanClass {
    pub fn name(self) -> &'static str {
        match self {
            SpanClass::Inherited => "inherited",
            SpanClass::Adapted => "adapted",
            SpanClass::Added => "added",
        }
    }
}

/// A run of normalised child characters of one class, with its parent source (normalised
/// positions) for inherited and adapted pieces.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    pub child: Range<usize>,
    pub parent: Option<Range<usize>>,
    pub class: SpanClass,
}

impl Piece {
    pub fn added(child: Range<usize>) -> Self {
        Self {
            child,
            parent: None,
            class: SpanClass::Added,
        }
    }
}

/// Normalised text with its paragraph starts.
#[derive(Debug, Clone, Copy)]
pub struct Text<'a> {
    pub chars: &'a [char],
    pub para_start: &'a [bool],
}

impl<'a> From<&'a Normalized> for Text<'a> {
    fn from(n: &'a Normalized) -> Self {
        Self {
            chars: &n.chars,
            para_start: &n.para_start,
        }
    }
}
