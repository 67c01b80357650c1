//! A reviewer's work on a comparison: saved sessions, manual corrections to the section
//! matching, the recovery file, and the atomic writes every saved file goes through.
//! Dependencies run one way: session → corrections → [`crate::compare`].

pub mod atomic;
pub mod corrections;
pub mod recovery;
pub mod session;
