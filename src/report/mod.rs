//! Reports of a comparison: the `compare --json` contract, the terminal summary, the HTML and
//! CSV reports, and the class colours they share with the viewer.

pub mod csv;
pub mod export;
pub mod html;
pub mod json;
pub mod palette;
pub mod text;
pub mod trace;
