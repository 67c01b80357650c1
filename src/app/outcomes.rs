//! What the app does with a finished background task: shows the new comparison, the picker,
//! or why it failed; session and corpus results go to their panels.

use std::sync::Arc;

use super::model::Side;
use super::panes::Geometry;
use super::task::{DocSource, Outcome, Reason};
use super::{App, Banner, BannerKind, Current, Message, RECENT_MAX, ScrollTarget, ViewState};
use crate::DocumentRef;

impl App {
    pub(super) fn apply_outcome(&mut self, outcome: Outcome) {
        match outcome {
            Outcome::Ready(loaded) => {
                let failed = loaded.failed.clone();
                // The document that opened is on screen already: the comparison stays.
                if let Some((side, reason)) = &failed
                    && let Some(c) = &self.current
                    && match side {
                        Side::Parent => Arc::ptr_eq(&c.child, &loaded.child),
                        Side::Child => Arc::ptr_eq(&c.parent, &loaded.parent),
                    }
                {
                    self.failed(vec![reason.clone()], true);
                    return;
                }
                for source in [&loaded.parent_source, &loaded.child_source] {
                    if let Some(reference) = source.file_reference() {
                        self.remember(reference);
                    }
                }
                let same_child = self
                    .current
                    .as_ref()
                    .is_some_and(|c| Arc::ptr_eq(&c.child, &loaded.child));
                let keep_selection = self.view.selected_section.filter(|_| same_child);
                self.install(Current {
                    parent: loaded.parent,
                    child: loaded.child,
                    parent_source: loaded.parent_source,
                    child_source: loaded.child_source,
                    model: loaded.model,
                    elapsed: loaded.elapsed,
                });
                self.review.reset();
                self.view.selected_section = keep_selection;
                self.view.scroll_request = Some(match keep_selection {
                    Some(s) => self.section_target(s),
                    None => ScrollTarget::Offset(0.0),
                });
                self.banner = None;
                if let Some((_, reason)) = failed {
                    self.failed(vec![reason], false);
                } else if let Some(c) = &self.current {
                    // What the readers noticed (a PDF's unreadable share) stays on screen until
                    // dismissed: the header's facts line may be cut short.
                    let warnings = reader_warnings(&[&c.parent, &c.child]);
                    let timed_out = c.model.comparison.timed_out;
                    if !warnings.is_empty() || timed_out {
                        self.banner = Some(Banner {
                            kind: BannerKind::Info,
                            message: Message::ReaderNotes {
                                warnings,
                                timed_out,
                            },
                        });
                    }
                }
            }
            Outcome::Pick(picker) => {
                let first = picker.entries.iter().position(|e| e.has_text);
                self.picker = Some((picker, first));
            }
            Outcome::Failed { reasons } => {
                let keep = self.current.is_some();
                self.failed(reasons, keep);
            }
            outcome @ (Outcome::SessionOpened(_)
            | Outcome::SessionNeedsDocument { .. }
            | Outcome::SessionFailed(_)
            | Outcome::Reclassified(_)
            | Outcome::Exported(_)
            | Outcome::ExportFailed(_)) => self.review_outcome(outcome),
            outcome @ (Outcome::CorpusIndexed(_)
            | Outcome::FullTextFilled(_)
            | Outcome::CorpusAnalysed(_)
            | Outcome::ExactShares(_)
            | Outcome::CorpusSearched(_)) => self.corpus_outcome(outcome),
            outcome @ (Outcome::Traced(_) | Outcome::TraceFailed(_)) => self.trace_outcome(outcome),
        }
    }

    /// Shows a new comparison: fresh geometry and view, no find hits from the old one.
    pub(super) fn install(&mut self, current: Current) {
        self.current = Some(current);
        self.geometry = Geometry::default();
        self.view = ViewState {
            prefer_panel: self.view.prefer_panel,
            ..ViewState::default()
        };
        self.find.invalidate();
        self.title_pending = true;
        // Documents opened while tracing are shown: trace mode gives way.
        self.trace = super::trace_view::TraceView::default();
    }

    /// Says what could not be opened and why, each file on a line of its own.
    fn failed(&mut self, reasons: Vec<Reason>, previous_stays: bool) {
        self.report_error(Message::CouldNotOpen {
            reasons,
            previous_stays,
        });
    }

    fn remember(&mut self, reference: DocumentRef) {
        self.state.recent.retain(|r| r != &reference);
        self.state.recent.insert(0, reference);
        self.state.recent.truncate(RECENT_MAX);
    }

    pub(super) fn section_target(&self, section: usize) -> ScrollTarget {
        let row = self
            .model()
            .and_then(|m| m.child.section_row.get(section).copied())
            .unwrap_or(0);
        ScrollTarget::Row(row)
    }

    /// The current document of a side, described so it can be reopened.
    pub(super) fn source_of(&self, side: Side) -> Option<DocSource> {
        let c = self.current.as_ref()?;
        Some(DocSource::Loaded(Arc::clone(match side {
            Side::Parent => &c.parent,
            Side::Child => &c.child,
        })))
    }
}

/// Each file's reader warnings once, as `FILE: warning` (a parent and child may be entries of
/// one file).
fn reader_warnings(docs: &[&crate::Document]) -> Vec<String> {
    let mut seen = Vec::new();
    let mut out = Vec::new();
    for doc in docs {
        if seen.contains(&doc.source.path.as_path()) {
            continue;
        }
        seen.push(doc.source.path.as_path());
        let file = doc.source.file_name();
        out.extend(
            doc.source
                .meta
                .warnings
                .iter()
                .map(|w| format!("{file}: {w}")),
        );
    }
    out
}
