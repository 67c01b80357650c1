//! Corpus window (File → Corpus…): index a folder in the background (progress, cancel), then
//! show the derived-from links (child → parent, with the estimated share of the child found
//! in the parent) and the similarity heat map. Clicking a link or a cell opens that pair side
//! by side. The state lives in egui's memory, so the app needs only two one-line hooks.

use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

use super::Command;
use super::i18n::Lang;
use super::task::DocSource;
use crate::corpus::matrix::{Matrix, matrix};
use crate::corpus::sources::{Options, Relation, rank};
use crate::corpus::{Corpus, CorpusError, Progress};

/// Cells drawn at most per side of the heat map (a larger corpus shows its first documents).
const MAX_CELLS: usize = 60;

/// A running build: its thread and its progress.
type Building = (JoinHandle<Result<Corpus, CorpusError>>, Arc<Progress>);

#[derive(Default)]
struct State {
    open: bool,
    building: Option<Building>,
    corpus: Option<Corpus>,
    matrix: Option<Matrix>,
    /// (child, parent, estimated share of the child found in the parent)
    links: Vec<(usize, usize, f64)>,
    message: Option<String>,
}

type Shared = Arc<Mutex<State>>;

fn state(ctx: &egui::Context) -> Shared {
    ctx.data_mut(|d| {
        d.get_temp_mut_or_default::<Shared>(egui::Id::unique("corpus_view"))
            .clone()
    })
}

fn tr(lang: Lang, zh: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
}

/// The File-menu entry.
pub fn menu_entry(ui: &mut egui::Ui, lang: Lang) {
    if ui.button(tr(lang, "语料库…", "Corpus…")).clicked() {
        let shared = state(ui.ctx());
        if let Ok(mut s) = shared.lock() {
            s.open = true;
        }
    }
}

/// Shows `corpus` in the window (opening it): for a corpus indexed elsewhere, and for tests.
pub fn set_corpus(ctx: &egui::Context, corpus: Corpus) {
    let shared = state(ctx);
    if let Ok(mut s) = shared.lock() {
        s.open = true;
        finish(&mut s, corpus);
    }
}

fn start(s: &mut State) {
    // The folder dialog blocks; it runs on the indexing thread, before the build.
    let progress = Arc::new(Progress::default());
    let shared = progress.clone();
    let handle = std::thread::spawn(move || {
        let Some(folder) = rfd::FileDialog::new().pick_folder() else {
            return Err(CorpusError::Cancelled);
        };
        Corpus::open_folder(&folder, &shared)
    });
    s.building = Some((handle, progress));
    s.message = None;
}

fn finish(s: &mut State, corpus: Corpus) {
    let options = Options {
        compare_top: 0,
        ..Options::default()
    };
    s.links = (0..corpus.docs.len())
        .filter_map(|i| {
            let best = rank(&corpus, &corpus.docs[i], &options)
                .into_iter()
                .find(|c| c.relation == Relation::Parent)?;
            Some((i, best.doc, best.covered))
        })
        .collect();
    s.matrix = Some(matrix(&corpus));
    s.message = Some(format!("{} documents", corpus.docs.len()));
    s.corpus = Some(corpus);
}

fn open_pair(corpus: &Corpus, parent: usize, child: usize, commands: &mut Vec<Command>) {
    commands.push(Command::OpenPair(
        DocSource::File(corpus.docs[parent].reference.clone()),
        DocSource::File(corpus.docs[child].reference.clone()),
    ));
}

/// The window, when open.
pub fn show(ui: &mut egui::Ui, lang: Lang, commands: &mut Vec<Command>) {
    let ctx = ui.ctx().clone();
    let shared = state(&ctx);
    let Ok(mut guard) = shared.lock() else {
        return;
    };
    let s = &mut *guard;
    if !s.open {
        return;
    }
    if s.building.as_ref().is_some_and(|(h, _)| h.is_finished())
        && let Some((handle, _)) = s.building.take()
    {
        match handle.join() {
            Ok(Ok(corpus)) => finish(s, corpus),
            Ok(Err(e)) => s.message = Some(e.to_string()),
            Err(_) => s.message = Some("indexing failed".into()),
        }
    }
    let mut open = s.open;
    egui::Window::new(tr(lang, "语料库", "Corpus"))
        .open(&mut open)
        .default_width(520.0)
        .show(&ctx, |ui| {
            if let Some((_, progress)) = &s.building {
                let total = progress.total.load(std::sync::atomic::Ordering::Relaxed);
                let done = progress.done.load(std::sync::atomic::Ordering::Relaxed);
                ui.add(egui::ProgressBar::new(done as f32 / total.max(1) as f32).show_percentage());
                if ui.button(tr(lang, "取消", "Cancel")).clicked() {
                    progress
                        .cancel
                        .store(true, std::sync::atomic::Ordering::Relaxed);
                }
                ctx.request_repaint_after(std::time::Duration::from_millis(100));
                return;
            }
            if ui.button(tr(lang, "打开文件夹…", "Open folder…")).clicked() {
                start(s);
            }
            if let Some(m) = &s.message {
                ui.label(m);
            }
            let Some(corpus) = &s.corpus else {
                return;
            };
            ui.separator();
            ui.strong(tr(
                lang,
                "来源（子 → 父，覆盖率）",
                "Derived from (child → parent, share)",
            ));
            egui::ScrollArea::vertical()
                .id_salt("corpus_links")
                .max_height(160.0)
                .show(ui, |ui| {
                    for &(child, parent, share) in &s.links {
                        let text = format!(
                            "{} → {}   {:.0}%",
                            corpus.docs[child].label,
                            corpus.docs[parent].label,
                            share * 100.0
                        );
                        if ui.link(text).clicked() {
                            open_pair(corpus, parent, child, commands);
                        }
                    }
                });
            if let Some(m) = &s.matrix {
                ui.separator();
                ui.strong(tr(
                    lang,
                    "相似度矩阵（行被列覆盖）",
                    "Similarity (row covered by column)",
                ));
                heat_map(ui, corpus, m, commands);
            }
        });
    s.open = open;
}

fn heat_map(ui: &mut egui::Ui, corpus: &Corpus, m: &Matrix, commands: &mut Vec<Command>) {
    let n = m.share.len().min(MAX_CELLS);
    if n == 0 {
        return;
    }
    let cell = (360.0 / n as f32).clamp(4.0, 24.0);
    let (rect, response) = ui.allocate_exact_size(
        egui::vec2(cell * n as f32, cell * n as f32),
        egui::Sense::click(),
    );
    let painter = ui.painter_at(rect);
    for (i, row) in m.share.iter().take(n).enumerate() {
        for (j, &v) in row.iter().take(n).enumerate() {
            let r = egui::Rect::from_min_size(
                rect.min + egui::vec2(j as f32 * cell, i as f32 * cell),
                egui::vec2(cell - 1.0, cell - 1.0),
            );
            let level = (v.clamp(0.0, 1.0) * 255.0) as u8;
            painter.rect_filled(r, 0.0, egui::Color32::from_rgb(level, 80, 255 - level));
        }
    }
    let at = |pos: egui::Pos2| {
        let j = ((pos.x - rect.min.x) / cell) as usize;
        let i = ((pos.y - rect.min.y) / cell) as usize;
        (i < n && j < n).then_some((i, j))
    };
    if let Some((i, j)) = response.hover_pos().and_then(at) {
        response.clone().on_hover_text(format!(
            "{} / {}: {:.0}%",
            corpus.docs[i].label,
            corpus.docs[j].label,
            m.share[i][j] * 100.0
        ));
    }
    if response.clicked()
        && let Some((i, j)) = response.interact_pointer_pos().and_then(at)
        && i != j
    {
        // Row i is the child, column j the document covering it.
        open_pair(corpus, j, i, commands);
    }
}
