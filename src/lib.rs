//! Policy Lineage: how a local policy document was derived from a higher-level one.
//!
//! The engine is plain Rust: [`load`] reads files, [`split`] finds the documents in them,
//! [`normalize`] makes text comparable, [`outline`] parses the structure, [`align`] finds
//! what the child took from the parent, and [`lineage`] turns that into sections, spans and
//! substitutions. The viewer ([`app`]) and the command line ([`cli`]) sit on top.

pub mod align;
pub mod app;
// Issue 5 (sessions, corrections, reports): begin
pub mod atomic;
pub mod corrections;
pub mod session;
// Issue 5: end
pub mod cli;
pub mod corpus;
pub mod document;
pub mod error;
pub mod formats;
pub mod lineage;
pub mod load;
pub mod normalize;
pub mod outline;
pub mod report;
pub mod split;
pub mod synth;

pub use document::{Document, DocumentRef};
pub use error::LoadError;
pub use lineage::{Comparison, Span, SpanClass};
