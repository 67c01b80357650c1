//! Policy Lineage: how a local policy document was derived from a higher-level one.
//!
//! The engine is plain Rust with no UI dependency: [`document`] reads files and finds the
//! documents, their normalised text and outline; [`compare`] finds what the child took from
//! the parent and counts it; [`corpus`] finds likely sources among many documents; [`review`]
//! keeps a reviewer's sessions and corrections; [`report`] writes the results. The command
//! line ([`cli`]) and the viewer (`app`, behind the cargo feature `gui`) sit on top.

#[cfg(feature = "gui")]
pub mod app;
pub mod checks;
pub mod cli;
pub mod compare;
pub mod corpus;
pub mod document;
pub mod report;
pub mod review;
pub mod trace;

pub use compare::{Comparison, Span, SpanClass};
pub use document::error::LoadError;
pub use document::{Document, DocumentRef};
