//! The message banner (what failed and why), and the status bar: the legend, the background
//! tasks running (each with a spinner and a cancel button), or what is loaded.

use std::io::Write as _;
use std::path::PathBuf;

use egui::{Color32, RichText};

use super::i18n::{Lang, Texts};
use super::palette::{Mark, Palette};
use super::task::Reason;
use super::{App, Banner, BannerKind, Command};

/// What a banner says, kept as what happened so that it is worded in the language shown.
#[derive(Debug, Clone)]
pub enum Message {
    /// Text with nothing to translate: an OS error as the system words it, a path.
    Text(String),
    /// The documents that could not be opened, and whether the previous comparison stays.
    CouldNotOpen {
        reasons: Vec<Reason>,
        previous_stays: bool,
    },
    /// A session saved, with what replacing the file changed about it.
    Saved {
        path: PathBuf,
        notes: Vec<String>,
    },
    /// A report written, with what replacing the file changed about it.
    Exported {
        path: PathBuf,
        notes: Vec<String>,
    },
    DialogUnavailable,
    /// What the readers noticed (`FILE: warning`), and whether the alignment timed out.
    ReaderNotes {
        warnings: Vec<String>,
        timed_out: bool,
    },
    AutosaveFailed(String),
    TraceFailed(String),
}

impl App {
    /// Where every error ends up: the banner, and the terminal the app was started from.
    pub(super) fn report_error(&mut self, message: Message) {
        let text = self.lang().message(&message);
        if let Some(echo) = self.error_echo.as_mut() {
            // The banner shows the error; a terminal gone away is no reason to lose it.
            if text
                .lines()
                .try_for_each(|line| writeln!(echo, "policy-lineage: {line}"))
                .is_err()
            {
                self.error_echo = None;
            }
        }
        self.banner = Some(Banner {
            kind: BannerKind::Error,
            message,
        });
    }
}

/// How long a confirmation stays (seconds).
const TOAST_SECONDS: f64 = 4.0;

/// The message banner: what failed and why.
pub fn show_banner(
    ui: &mut egui::Ui,
    banner: &Banner,
    lang: Lang,
    palette: &Palette,
    commands: &mut Vec<Command>,
) {
    let (bg, fg, icon) = match banner.kind {
        BannerKind::Error => (palette.error_bg, palette.error_text, "！"),
        BannerKind::Info => (palette.info_bg, palette.text, "◉"),
        BannerKind::Done => (palette.info_bg, palette.text, "√"),
    };
    let text = banner.text(lang);
    if banner.kind == BannerKind::Done {
        // A toast: gone a few seconds after it first showed.
        let id = egui::Id::unique(("banner-since", &text));
        let now = ui.input(|i| i.time);
        let since = ui.data_mut(|d| *d.get_temp_mut_or(id, now));
        if now - since >= TOAST_SECONDS {
            ui.data_mut(|d| d.remove::<f64>(id));
            commands.push(Command::DismissBanner);
        } else {
            ui.ctx()
                .request_repaint_after_secs((TOAST_SECONDS - (now - since)) as f32);
        }
    }
    egui::Panel::top("banner")
        .frame(
            egui::Frame::new()
                .fill(bg)
                .inner_margin(egui::Margin::symmetric(10, 6)),
        )
        .show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.label(RichText::new(icon).color(fg).strong());
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    if ui
                        .button(RichText::new("×").color(fg))
                        .on_hover_text(lang.texts().close)
                        .clicked()
                    {
                        commands.push(Command::DismissBanner);
                    }
                    ui.with_layout(egui::Layout::left_to_right(egui::Align::Center), |ui| {
                        ui.add(egui::Label::new(RichText::new(&text).color(fg)).wrap());
                    });
                });
            });
        });
}

/// The status bar: the legend, and the tasks running or what is loaded.
pub fn show_status(
    ui: &mut egui::Ui,
    app: &App,
    lang: Lang,
    palette: &Palette,
    commands: &mut Vec<Command>,
) {
    let t = lang.texts();
    egui::Panel::bottom("status").show(ui, |ui| {
        ui.horizontal(|ui| {
            // Trace mode's legend says what its colours mean.
            if !app.trace.is_open() {
                legend(ui, palette, t);
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                let running = app.runner.running();
                if app.is_busy() && running.is_empty() {
                    ui.spinner();
                    ui.label(t.comparing);
                }
                for task in running {
                    if ui.small_button("×").on_hover_text(t.cancel).clicked() {
                        commands.push(Command::CancelTask(task.kind));
                    }
                    ui.spinner();
                    ui.label(task.kind.name(t));
                }
                if running.is_empty()
                    && let Some(c) = &app.current
                {
                    ui.weak(lang.status(
                        c.parent.content_chars(),
                        c.child.content_chars(),
                        c.elapsed.as_millis(),
                    ));
                }
            });
        });
    });
}

/// Colour swatches with names; hover for what each means.
pub fn legend(ui: &mut egui::Ui, palette: &Palette, t: &Texts) {
    let items = [
        (Mark::Inherited, t.inherited, t.inherited_hint),
        (Mark::Adapted, t.adapted, t.adapted_hint),
        (Mark::Added, t.added, t.added_hint),
        (Mark::Reused, t.reused, t.reused_hint),
        (Mark::Dropped, t.dropped, t.dropped_hint),
    ];
    for (mark, name, hint) in items {
        swatch_label(ui, palette.background(mark), palette.solid(mark), name).on_hover_text(hint);
    }
    swatch_label(
        ui,
        Color32::TRANSPARENT,
        palette.moved,
        &format!("⇦ {}", t.moved),
    )
    .on_hover_text(t.moved_hint);
}

fn swatch_label(ui: &mut egui::Ui, fill: Color32, edge: Color32, name: &str) -> egui::Response {
    ui.horizontal(|ui| {
        let (rect, _) = ui.allocate_exact_size(egui::vec2(14.0, 14.0), egui::Sense::hover());
        let fill = if fill == Color32::TRANSPARENT {
            ui.visuals().extreme_bg_color
        } else {
            fill
        };
        ui.painter().rect(
            rect,
            2.0,
            fill,
            egui::Stroke::new(1.5, edge),
            egui::StrokeKind::Inside,
        );
        ui.label(name);
    })
    .response
    .interact(egui::Sense::hover())
}
