//! The viewer's tests, one binary (cargo feature `gui`): the real `App` driven through
//! egui_kittest, and rendered snapshots.

#[path = "support/viewer.rs"]
mod support;

#[path = "viewer/checks_ui.rs"]
mod checks_ui;
#[path = "viewer/corpus_research.rs"]
mod corpus_research;
#[path = "viewer/corpus_ui.rs"]
mod corpus_ui;
#[path = "viewer/corpus_window.rs"]
mod corpus_window;
#[path = "viewer/daily.rs"]
mod daily;
#[path = "viewer/document_header.rs"]
mod document_header;
#[path = "viewer/error_language.rs"]
mod error_language;
#[path = "viewer/export_ui.rs"]
mod export_ui;
#[path = "engine/formats_writers.rs"]
#[allow(dead_code)] // the engine tests use the OFD writer
mod formats_writers;
#[path = "viewer/polish.rs"]
mod polish;
#[path = "viewer/rough_edges.rs"]
mod rough_edges;
#[path = "viewer/session_ui.rs"]
mod session_ui;
#[path = "viewer/trace_ui.rs"]
mod trace_ui;
#[path = "viewer/ui_app.rs"]
mod ui_app;
#[path = "viewer/ui_fonts.rs"]
mod ui_fonts;
#[path = "viewer/ui_snapshots.rs"]
mod ui_snapshots;
#[path = "viewer/undo_ui.rs"]
mod undo_ui;
