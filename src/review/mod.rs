//! A reviewer's work on a comparison: saved sessions, manual corrections to the section
//! matching, and the atomic writes every saved file goes through.

pub mod atomic;
pub mod corrections;
pub mod session;
