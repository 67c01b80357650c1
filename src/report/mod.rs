//! Reports of a comparison: the `compare --json` contract and the terminal summary.

pub mod json;
pub mod text;
