//! Find over both documents. Query and text are compared in the engine's normalised form, so
//! full- and half-width forms, quote styles, dashes, letter case and white space (line wraps
//! inside a phrase) do not matter; hits map back to the original characters through
//! `Normalized::origin`.

use std::ops::Range;
use std::sync::Arc;

use egui::{Key, RichText};

use super::i18n::Lang;
use super::model::{Model, Side};
use super::{App, Command};
use crate::document::Document;
use crate::document::normalize::{fold, is_space};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub side: Side,
    /// Original characters of the document's file.
    pub range: Range<usize>,
}

#[derive(Debug, Default)]
pub struct FindState {
    pub open: bool,
    pub query: String,
    focus_pending: bool,
    /// The query and model the hits were computed for.
    computed_for: Option<(String, usize)>,
    /// All hits in display order (by row, parent before child, then position).
    pub hits: Vec<Hit>,
    /// Per side: (index into `hits`, range), sorted by position.
    by_side: [Vec<(usize, Range<usize>)>; 2],
    pub current: Option<usize>,
}

/// The query in comparable form.
fn fold_query(query: &str) -> Vec<char> {
    let mut out = Vec::new();
    let mut buf = Vec::new();
    for c in query.chars() {
        if is_space(c) {
            continue;
        }
        buf.clear();
        fold(c, &mut buf);
        out.extend_from_slice(&buf);
    }
    out
}

/// Where `query` occurs in a document, as original character ranges.
pub fn search(doc: &Document, query: &str) -> Vec<Range<usize>> {
    let q = fold_query(query);
    let n = &doc.normalized;
    let mut out = Vec::new();
    if q.is_empty() || q.len() > n.chars.len() {
        return out;
    }
    let mut i = 0;
    while i + q.len() <= n.chars.len() {
        if n.chars[i] == q[0] && n.chars[i..i + q.len()] == q[..] {
            let start = n.origin[i] as usize;
            let end = n.origin[i + q.len() - 1] as usize + 1;
            out.push(start..end);
            i += q.len();
        } else {
            i += 1;
        }
    }
    out
}

impl FindState {
    pub fn open_bar(&mut self) {
        self.open = true;
        self.focus_pending = true;
    }

    /// Closes the bar; its highlights go with it.
    pub fn close_bar(&mut self) {
        self.open = false;
        self.invalidate();
    }

    /// Forgets the hits (the bar closed, or a new comparison was loaded): none is shown until
    /// they are found again in the comparison on screen.
    pub fn invalidate(&mut self) {
        self.computed_for = None;
        self.current = None;
        self.hits.clear();
        self.by_side = [Vec::new(), Vec::new()];
    }

    /// Recomputes the hits when the query or the model changed.
    pub fn ensure(&mut self, model: &Arc<Model>) {
        let key = (self.query.clone(), Arc::as_ptr(model) as usize);
        if self.computed_for.as_ref() == Some(&key) {
            return;
        }
        self.computed_for = Some(key);
        self.current = None;
        let query = if self.open { self.query.as_str() } else { "" };
        let mut hits: Vec<(usize, Hit)> = Vec::new();
        for side in [Side::Parent, Side::Child] {
            let sm = model.side(side);
            for range in search(&sm.doc, query) {
                let row = sm
                    .para_at(range.start)
                    .and_then(|p| sm.para_row.get(p).copied())
                    .unwrap_or(0);
                hits.push((row, Hit { side, range }));
            }
        }
        hits.sort_by_key(|(row, h)| (*row, h.side.index(), h.range.start));
        self.hits = hits.into_iter().map(|(_, h)| h).collect();
        self.by_side = [Vec::new(), Vec::new()];
        for (i, h) in self.hits.iter().enumerate() {
            self.by_side[h.side.index()].push((i, h.range.clone()));
        }
        for list in &mut self.by_side {
            list.sort_by_key(|(_, r)| r.start);
        }
    }

    /// Hits of one side overlapping `range`, with their index in display order.
    pub fn hits_in(
        &self,
        side: Side,
        range: Range<usize>,
    ) -> impl Iterator<Item = (usize, Range<usize>)> + '_ {
        let list = &self.by_side[side.index()];
        let first = list.partition_point(|(_, r)| r.end <= range.start);
        list[first..]
            .iter()
            .take_while(move |(_, r)| r.start < range.end)
            .cloned()
    }

    pub fn all_hits(&self) -> impl Iterator<Item = (Side, Range<usize>)> + '_ {
        self.hits.iter().map(|h| (h.side, h.range.clone()))
    }

    pub fn count(&self, side: Side) -> usize {
        self.by_side[side.index()].len()
    }

    /// Moves to the next (or previous) hit and returns it.
    pub fn step(&mut self, model: &Arc<Model>, forward: bool) -> Option<Hit> {
        self.ensure(model);
        if self.hits.is_empty() {
            return None;
        }
        let n = self.hits.len();
        let next = match (self.current, forward) {
            (None, true) => 0,
            (None, false) => n - 1,
            (Some(i), true) => (i + 1) % n,
            (Some(i), false) => (i + n - 1) % n,
        };
        self.current = Some(next);
        self.hits.get(next).cloned()
    }
}

/// The find bar under the toolbar.
pub fn show_bar(ui: &mut egui::Ui, app: &mut App, lang: Lang, commands: &mut Vec<Command>) {
    let t = lang.texts();
    if let Some(model) = app.model().cloned() {
        app.find.ensure(&model);
    }
    egui::Panel::top("find_bar").show(ui, |ui| {
        ui.horizontal(|ui| {
            let label = ui.label(RichText::new(t.find).strong());
            let before = app.find.query.clone();
            let edit = egui::TextEdit::singleline(&mut app.find.query)
                .hint_text(t.find_hint)
                .desired_width(320.0)
                .id_salt("find_query");
            let response = ui.add(edit).labelled_by(label.id);
            if app.find.focus_pending {
                response.request_focus();
                app.find.focus_pending = false;
            }
            if response.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter)) {
                let back = ui.input(|i| i.modifiers.shift);
                commands.push(if back {
                    Command::FindPrev
                } else {
                    Command::FindNext
                });
                response.request_focus();
            }
            if app.find.query != before {
                if let Some(model) = app.model().cloned() {
                    app.find.ensure(&model);
                }
                if !app.find.hits.is_empty() {
                    commands.push(Command::FindNext);
                }
            }
            let total = app.find.hits.len();
            if !app.find.query.trim().is_empty() {
                if total == 0 {
                    ui.label(RichText::new(t.find_none).color(ui.visuals().warn_fg_color));
                } else {
                    ui.label(lang.find_count(
                        app.find.current,
                        total,
                        app.find.count(Side::Parent),
                        app.find.count(Side::Child),
                    ));
                }
            }
            if ui
                .add_enabled(total > 0, egui::Button::new("▲"))
                .on_hover_text(t.find_prev_hint)
                .clicked()
            {
                commands.push(Command::FindPrev);
            }
            if ui
                .add_enabled(total > 0, egui::Button::new("▼"))
                .on_hover_text(t.find_next_hint)
                .clicked()
            {
                commands.push(Command::FindNext);
            }
            if ui.button("×").on_hover_text(t.close).clicked() {
                commands.push(Command::CloseFind);
            }
        });
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn width_and_case_do_not_matter() {
        let Ok(doc) = Document::from_text(
            "t.txt",
            "（一）总体目标。到２０２０年，ＡＩ产业\n规模达到100亿元。",
        ) else {
            panic!("document");
        };
        let hits = search(&doc, "(一)");
        assert_eq!(hits.len(), 1);
        assert_eq!(doc.slice(hits[0].clone()), "（一）");
        let hits = search(&doc, "2020年");
        assert_eq!(doc.slice(hits[0].clone()), "２０２０年");
        let hits = search(&doc, "ai产业规模");
        assert_eq!(doc.slice(hits[0].clone()), "ＡＩ产业\n规模");
        assert!(search(&doc, "  ").is_empty());
        assert!(search(&doc, "不存在").is_empty());
    }
}
