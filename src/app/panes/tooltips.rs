//! Tooltips over the panes' text: where a child span came from (or that it has no source),
//! and what became of a parent passage.

use egui::{Sense, Vec2};

use super::text::{BODY_SIZE, excerpt};
use crate::app::i18n::Lang;
use crate::app::model::{Model, Para};
use crate::app::palette::{Mark, Palette};
use crate::compare::SpanClass;

/// Where a child span came from, or that it has no source.
pub(super) fn span_tooltip(
    ui: &mut egui::Ui,
    model: &Model,
    span_index: usize,
    lang: Lang,
    palette: &Palette,
) {
    let t = lang.texts();
    let Some(span) = model.span(span_index) else {
        return;
    };
    ui.set_max_width(460.0);
    let mark = Mark::from(span.class);
    ui.horizontal(|ui| {
        let (rect, _) = ui.allocate_exact_size(Vec2::splat(12.0), Sense::hover());
        ui.painter().rect_filled(rect, 2.0, palette.solid(mark));
        ui.strong(lang.class_name(span.class));
    });
    match (&span.parent, span.class) {
        (Some(parent), class) => {
            let location = model
                .parent
                .section_at(parent.start)
                .map(|s| model.parent.section_caption(s))
                .unwrap_or_else(|| t.front_matter.to_owned());
            if class == SpanClass::Adapted {
                let from = excerpt(&model.parent.doc.slice(parent.clone()), 60);
                let to = excerpt(&model.child.doc.slice(span.range.clone()), 60);
                ui.label(
                    egui::RichText::new(lang.replaced(&from, &to))
                        .size(BODY_SIZE + 2.0)
                        .strong(),
                );
            }
            ui.label(lang.from_parent(&location));
            let text = excerpt(&model.parent.doc.slice(parent.clone()), 240);
            egui::Frame::new()
                .fill(palette.reused_bg)
                .inner_margin(6.0)
                .corner_radius(4.0)
                .show(ui, |ui| {
                    ui.label(egui::RichText::new(text).color(palette.text));
                });
            ui.weak(t.click_to_jump);
        }
        (None, _) => {
            ui.label(t.no_source);
        }
    }
}

/// What became of the parent text under the pointer (display char `c` of `para`).
pub(super) fn parent_tooltip(
    ui: &mut egui::Ui,
    model: &Model,
    para: &Para,
    c: usize,
    lang: Lang,
    palette: &Palette,
) {
    let t = lang.texts();
    let mark = para
        .runs
        .iter()
        .find(|r| r.range.contains(&c))
        .map_or(Mark::Plain, |r| r.mark);
    let (name, hint) = match mark {
        Mark::Reused => (t.reused, t.reused_hint),
        Mark::Replaced => (t.replaced, t.adapted_hint),
        Mark::Dropped => (t.dropped, t.dropped_hint),
        _ => ("", t.not_taken_over),
    };
    let caption = para.section.map(|s| model.parent.section_caption(s));
    ui.set_max_width(360.0);
    if !name.is_empty() {
        ui.horizontal(|ui| {
            let (rect, _) = ui.allocate_exact_size(Vec2::splat(12.0), Sense::hover());
            ui.painter().rect_filled(rect, 2.0, palette.solid(mark));
            ui.strong(name);
        });
    }
    ui.label(hint);
    if let Some(caption) = &caption {
        ui.weak(caption);
    }
}
