//! Reports of a comparison: the `compare --json` contract, the terminal summary, the HTML and
//! CSV reports, the 对照表 in Word and Excel, and the class colours they share with the viewer.

pub mod csv;
mod docx;
pub mod export;
pub mod html;
pub mod json;
pub mod palette;
mod table;
pub mod text;
pub mod trace;
mod xlsx;
