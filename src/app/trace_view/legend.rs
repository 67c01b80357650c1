//! Trace mode's legend: the way back to the comparison, the sources (swatch, switch, title,
//! level, date, cited, share and distinctive share), those switched off, traced as a near
//! copy of another or explaining nothing, what the marks mean and the document's shares.

use egui::{Color32, RichText, Sense, vec2};

use super::hues;
use super::{TraceCommand, TraceView};
use crate::app::i18n::Lang;
use crate::app::palette::Palette;
use crate::app::task::Basis;
use crate::app::{App, Command};
use crate::trace::Trace;

/// A title cut to `max` characters.
pub fn short(title: &str, max: usize) -> String {
    let title = title.trim();
    let mut out: String = title.chars().take(max).collect();
    if title.chars().count() > max {
        out.push('…');
    }
    out
}

/// A small square of a source's colour.
pub fn swatch(ui: &mut egui::Ui, color: Color32) {
    let (rect, _) = ui.allocate_exact_size(vec2(12.0, 12.0), Sense::hover());
    ui.painter().rect_filled(rect, 2.0, color);
}

#[allow(clippy::too_many_arguments)]
pub fn show(
    ui: &mut egui::Ui,
    app: &App,
    basis: &Basis,
    trace: &Trace,
    lang: Lang,
    palette: &Palette,
    busy: bool,
    commands: &mut Vec<Command>,
) {
    let t = lang.texts().trace;
    let view = &app.trace;
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_min_size(ui.available_size());
        ui.horizontal(|ui| {
            if ui.button(t.back).clicked() {
                commands.push(Command::Trace(TraceCommand::Leave));
            }
            if busy {
                ui.spinner();
            }
        });
        ui.separator();
        ui.strong(t.sources);
        egui::ScrollArea::vertical()
            .id_salt("trace_legend")
            .auto_shrink([false, true])
            .max_height((ui.available_height() - 240.0).max(120.0))
            .show(ui, |ui| {
                for source in &trace.sources {
                    let off = view.off.get(source.input).copied().unwrap_or(false);
                    let line = source_line(lang, source);
                    source_row(
                        ui,
                        view,
                        basis,
                        source.input,
                        Some(line),
                        off,
                        lang,
                        commands,
                    );
                }
                for input in 0..basis.sources.len() {
                    if view.off.get(input).copied().unwrap_or(false)
                        && view.traced_index(input).is_none()
                    {
                        source_row(ui, view, basis, input, None, true, lang, commands);
                    }
                }
                let duplicate_of =
                    |i: usize| trace.duplicates.iter().find(|d| d.0 == i).map(|d| d.1);
                let untraced: Vec<usize> = (0..basis.sources.len())
                    .filter(|&i| {
                        view.traced_index(i).is_none() && !view.off.get(i).copied().unwrap_or(false)
                    })
                    .collect();
                for &i in &untraced {
                    if let Some(kept) = duplicate_of(i) {
                        duplicate_row(ui, basis, i, kept, lang);
                    }
                }
                let unused: Vec<String> = untraced
                    .into_iter()
                    .filter(|&i| duplicate_of(i).is_none())
                    .map(|i| short(&basis.sources[i].title, 12))
                    .collect();
                if !unused.is_empty() {
                    ui.add_space(4.0);
                    ui.add(
                        egui::Label::new(
                            RichText::new(format!("{} {}", t.unused, unused.join("、")))
                                .weak()
                                .small(),
                        )
                        .wrap(),
                    );
                }
            });
        ui.separator();
        let top = trace.sources.first().map_or(0, |s| s.input);
        key(ui, lang, palette, top);
        ui.separator();
        let s = &trace.summary;
        let c = lang.texts();
        ui.label(
            RichText::new(format!(
                "{} {:.1}%  {} {:.1}%  {} {:.1}%  {} {:.1}%",
                c.inherited,
                s.inherited * 100.0,
                c.adapted,
                s.adapted * 100.0,
                c.added,
                s.added * 100.0,
                t.key_stock,
                s.boilerplate * 100.0
            ))
            .small(),
        );
    });
}

/// `省级 · 2018-08-01 · cited · share 59.8% · distinctive 48.7%`.
fn source_line(lang: Lang, source: &crate::trace::TracedSource) -> String {
    let t = lang.texts().trace;
    let mut parts: Vec<String> = Vec::new();
    parts.extend(lang.level_name(source.facts.level).map(str::to_owned));
    parts.extend(source.facts.date.clone());
    if source.cited {
        parts.push(t.cited.to_owned());
    }
    parts.push(format!("{} {:.1}%", t.share, source.share * 100.0));
    parts.push(format!(
        "{} {:.1}%",
        t.distinctive,
        source.distinctive_share * 100.0
    ));
    parts.join(" · ")
}

/// A source traced as the near copy of another: "Title — duplicate of gansu.txt".
fn duplicate_row(ui: &mut egui::Ui, basis: &Basis, copy: usize, kept: usize, lang: Lang) {
    let t = lang.texts().trace;
    let (Some(copy), Some(kept)) = (basis.sources.get(copy), basis.sources.get(kept)) else {
        return;
    };
    let text = format!(
        "{} — {}{}{}",
        short(&copy.title, 12),
        t.duplicate_before,
        short(&kept.label(), 28),
        t.duplicate_after
    );
    ui.add(egui::Label::new(RichText::new(text).weak().small()).wrap())
        .on_hover_text(format!(
            "{}\n{}",
            copy.reference().display(),
            kept.reference().display()
        ));
}

/// One source: its swatch and switch (labelled with its title), the facts line under it.
#[allow(clippy::too_many_arguments)]
fn source_row(
    ui: &mut egui::Ui,
    view: &TraceView,
    basis: &Basis,
    input: usize,
    line: Option<String>,
    off: bool,
    lang: Lang,
    commands: &mut Vec<Command>,
) {
    let t = lang.texts().trace;
    let Some(doc) = basis.sources.get(input) else {
        return;
    };
    let last_on = !off && view.off.iter().filter(|&&o| !o).count() <= 1;
    ui.horizontal(|ui| {
        swatch(ui, hues::hue(input));
        let mut on = !off;
        let title = short(&doc.title, 18);
        let switch = ui
            .add_enabled(!last_on, egui::Checkbox::new(&mut on, title))
            .on_hover_text(format!("{}\n{}", doc.title, t.switch_hint));
        if switch.changed() {
            commands.push(Command::Trace(TraceCommand::Toggle(input)));
        }
        let showing = view.shown.as_ref().is_some_and(|s| s.source == input);
        if line.is_some()
            && ui
                .add_enabled(!showing, egui::Button::new("▶").small())
                .on_hover_text(t.show_source)
                .clicked()
        {
            commands.push(Command::Trace(TraceCommand::ShowSource {
                source: input,
                range: None,
            }));
        }
    });
    if let Some(line) = line {
        ui.horizontal(|ui| {
            ui.add_space(18.0);
            ui.add(egui::Label::new(RichText::new(line).small()).wrap());
        });
    }
    ui.add_space(2.0);
}

/// What the marks mean, drawn in the hue of source `input`.
fn key(ui: &mut egui::Ui, lang: Lang, palette: &Palette, input: usize) {
    let t = lang.texts().trace;
    let sample = "文字";
    let font = egui::FontId::proportional(13.0);
    // One sample and its meaning per line, so no entry is cut at a narrow legend's edge.
    let entry = |ui: &mut egui::Ui, format: egui::text::TextFormat, label: &str| {
        ui.horizontal(|ui| {
            let mut job = egui::text::LayoutJob::default();
            job.append(
                sample,
                0.0,
                egui::text::TextFormat {
                    font_id: font.clone(),
                    ..format
                },
            );
            ui.label(job);
            ui.label(RichText::new(label).small());
        });
    };
    let plain = egui::text::TextFormat {
        color: palette.text,
        ..Default::default()
    };
    ui.vertical(|ui| {
        ui.spacing_mut().item_spacing.y = 1.0;
        entry(
            ui,
            egui::text::TextFormat {
                background: hues::distinctive_bg(palette, input),
                ..plain.clone()
            },
            t.key_distinctive,
        );
        entry(
            ui,
            egui::text::TextFormat {
                background: hues::shared_bg(palette, input),
                ..plain.clone()
            },
            t.key_shared,
        );
        entry(
            ui,
            egui::text::TextFormat {
                background: hues::distinctive_bg(palette, input),
                underline: egui::Stroke::new(1.5, palette.text),
                ..plain.clone()
            },
            t.key_adapted,
        );
        entry(
            ui,
            egui::text::TextFormat {
                color: palette.weak_text,
                ..plain.clone()
            },
            t.key_stock,
        );
        entry(ui, plain.clone(), t.key_added);
    });
}
