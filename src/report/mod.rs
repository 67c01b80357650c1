//! Reports of a comparison: the `compare --json` contract and the terminal summary.

pub mod json;
pub mod text;
// Issue 5 (reports): begin
pub mod csv;
pub mod export;
pub mod html;
// Issue 5: end
