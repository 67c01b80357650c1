//! Synthetic derived documents with ground truth, for measuring the aligner.
//!
//! [`derive`] plays a city government adapting a provincial plan: it drops, swaps and moves
//! paragraphs, deletes clauses, inserts local text taken from other documents, localises
//! administrative terms and figures, and may switch to half-width punctuation. Every child
//! character records what it really is ([`Truth`]), so [`score`] can grade a [`Comparison`]
//! character by character. [`standard_cases`] is the fixed benchmark built from the corpus in
//! `tests/corpus/`.
//!
//! Conventions of the truth, where more than one alignment would fit the text:
//! - Edits work on whole units: a paragraph is a whole line; a clause is its text with its
//!   closing `，` / `；` / `。`. So when a gap could slide by a char (the child's `A，C` from the
//!   parent's `A，B，C`, or `A，D，C` with a local clause `D，`), each terminator stays with its
//!   own clause: the child's first `，` is A's, inherited; the local `D，` is added whole.
//! - A term replacement is adapted whole, minus the prefix and suffix it shares with the
//!   original (省政府→市政府: only 市; 省科技厅→市科技局: all four chars), except that a shared
//!   run of three or more chars inside stays inherited (省经济和信息化委→市经济和信息化局:
//!   市 and 局 adapted). A number replacement is the whole digit run (2020→2022), never the
//!   unit after it (`%`, `年`).
//! - Half-width punctuation in the child (，→,) is no difference: those chars are inherited.

pub mod cases;
pub mod edits;
pub mod score;
pub mod terms;

use std::ops::Range;

use policy_lineage::SpanClass;

/// A derived document with the truth about each of its characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Case {
    pub name: String,
    pub parent: String,
    pub child: String,
    /// One entry per char of `child`.
    pub truth: Vec<Truth>,
}

/// What one child character really is.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Truth {
    /// `None` for white space.
    pub class: Option<SpanClass>,
    /// Inherited: the parent char (index into `parent.chars()`) this char was copied from.
    /// Adapted: the first char of the replaced parent text.
    pub parent_char: Option<usize>,
    /// Adapted: the replaced parent chars. Inherited: the contiguous parent segment (a paragraph
    /// or the part of it between deleted or inserted clauses) the char was copied as part of.
    pub parent_range: Option<Range<usize>>,
}

/// SplitMix64: tiny, fast and good enough to make the cases reproducible from a seed.
pub(crate) struct Rng(pub(crate) u64);

impl Rng {
    pub(crate) fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    pub(crate) fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    pub(crate) fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    /// Uniform in 0..n; `n` must not be 0.
    pub(crate) fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    pub(crate) fn between(&mut self, low: f64, high: f64) -> f64 {
        low + (high - low) * self.unit()
    }
}
