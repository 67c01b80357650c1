//! The corpus window's search tab: every document of the corpus holding a phrase (through
//! the full-text index, width forms, spaces and line wraps ignored), each hit in its context
//! with the phrase marked. Clicking a hit opens the document beside its nearest relative in
//! the corpus (its source, else a document derived from it), scrolled to the hit, which stays
//! highlighted (Find holds the phrase).

use std::ops::Range;

use egui::text::{LayoutJob, TextFormat};
use egui::{FontId, Key, Sense};

use super::{CorpusCommand, CorpusProblem};
use crate::DocumentRef;
use crate::app::i18n::Lang;
use crate::app::model::Side;
use crate::app::task::{DocSource, Kind, Request, Searched};
use crate::app::{App, Command, ScrollTarget};
use crate::corpus::search::normalize_phrase;
use crate::corpus::sources::Relation;

/// Documents listed at most (a longer phrase narrows a long list).
const MAX_DOCUMENTS: usize = 200;
/// Hits listed per document at most.
const MAX_HITS: usize = 10;

#[derive(Debug, Default)]
pub struct SearchView {
    /// What is typed in the field.
    pub query: String,
    /// The last search's result.
    pub result: Option<Searched>,
    /// A hit whose document is being opened: shown once it is.
    pub pending: Option<PendingHit>,
    /// The field takes the keyboard focus on the next frame (its tab was just opened).
    pub focus_pending: bool,
}

/// Where to go once a hit's document is open.
#[derive(Debug, Clone, PartialEq)]
pub struct PendingHit {
    pub reference: DocumentRef,
    /// The side the document opens on.
    pub side: Side,
    /// Original characters of the document.
    pub range: Range<usize>,
    pub phrase: String,
}

impl App {
    /// Searches the shown corpus's index for the phrase typed, in the background.
    pub(super) fn search_corpus(&mut self) {
        let phrase = self.corpus.search.query.trim().to_owned();
        let Some(source) = self.corpus.source.clone() else {
            return;
        };
        if phrase.is_empty() {
            return;
        }
        self.start(Kind::SearchCorpus, move |_| {
            crate::app::task::corpus::search_phrase(&source, phrase)
        });
    }

    /// Opens the document of result `found` beside its nearest relative in the corpus, to
    /// show hit `hit` once loaded: as the child of the source it derives from, else as the
    /// parent of a document derived from it, else as the child of the document it shares
    /// the most wording with (or of the parent shown, for a document alone in the corpus).
    pub(super) fn open_hit(&mut self, found: usize, hit: usize) {
        let Some(searched) = &self.corpus.search.result else {
            return;
        };
        let Some((reference, range)) = searched.found.as_ref().ok().and_then(|all| {
            let doc = all.get(found)?;
            let hit = doc.hits.get(hit)?;
            Some((doc.reference.clone(), hit.start..hit.end))
        }) else {
            return;
        };
        let phrase = searched.phrase.clone();
        let relative = self.corpus.analysis.as_ref().and_then(|a| {
            let ranked = a.sources.get(a.corpus.position(&reference)?)?;
            let best = ranked
                .iter()
                .find(|c| c.relation == Relation::Parent)
                .or_else(|| ranked.iter().find(|c| c.relation == Relation::Child))
                .or_else(|| ranked.first())?;
            let side = match best.relation {
                Relation::Child => Side::Parent,
                _ => Side::Child,
            };
            Some((side, a.corpus.docs[best.doc].reference.clone()))
        });
        let hit_doc = DocSource::File(reference.clone());
        let (side, request) = match relative {
            Some((Side::Parent, child)) => (
                Side::Parent,
                Request {
                    parent: hit_doc,
                    child: DocSource::File(child),
                },
            ),
            Some((Side::Child, parent)) => (
                Side::Child,
                Request {
                    parent: DocSource::File(parent),
                    child: hit_doc,
                },
            ),
            None => {
                let parent = self
                    .source_of(Side::Parent)
                    .unwrap_or_else(|| crate::app::examples::Example::GansuWuwei.sources().0);
                (
                    Side::Child,
                    Request {
                        parent,
                        child: hit_doc,
                    },
                )
            }
        };
        self.corpus.search.pending = Some(PendingHit {
            reference,
            side,
            range,
            phrase,
        });
        self.corpus.aside = true;
        self.send(request);
    }

    /// Goes to the pending hit if its document is shown now (else it failed to open, and the
    /// banner says why): scrolled there, flashed, and marked by Find with the phrase.
    pub(super) fn settle_hit(&mut self, ctx: &egui::Context) {
        let Some(pending) = self.corpus.search.pending.take() else {
            return;
        };
        let shown = self.current.as_ref().and_then(|c| match pending.side {
            Side::Parent => c.parent_source.file_reference(),
            Side::Child => c.child_source.file_reference(),
        });
        if shown.as_ref() != Some(&pending.reference) {
            return;
        }
        self.find.query = pending.phrase;
        self.find.open_bar();
        self.flash(ctx, pending.side, pending.range.clone());
        self.jump(ScrollTarget::Char {
            side: pending.side,
            src: pending.range.start,
            align: 0.35,
        });
    }
}

pub(super) fn show(ui: &mut egui::Ui, app: &App, lang: Lang, commands: &mut Vec<Command>) {
    let t = lang.texts();
    let view = &app.corpus;
    ui.weak(t.corpus.search_hint);
    if view.source.is_none() {
        ui.colored_label(ui.visuals().warn_fg_color, t.corpus.search_needs_index);
        return;
    }
    ui.horizontal(|ui| {
        let label = ui.label(t.corpus.search_field);
        let mut query = view.search.query.clone();
        let field = ui
            .add(
                egui::TextEdit::singleline(&mut query)
                    .desired_width(360.0)
                    .id_salt("corpus_search"),
            )
            .labelled_by(label.id);
        if view.search.focus_pending {
            field.request_focus();
            commands.push(Command::Corpus(CorpusCommand::SearchFocused));
        }
        if field.changed() {
            commands.push(Command::Corpus(CorpusCommand::Query(query)));
        }
        let entered = field.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
        if ui.button(t.corpus.search_button).clicked() || entered {
            commands.push(Command::Corpus(CorpusCommand::Search));
        }
        if app.runner.is_running(Kind::SearchCorpus) {
            ui.spinner();
            ui.weak(t.corpus.task_search);
        }
    });
    let Some(searched) = &view.search.result else {
        return;
    };
    let found = match &searched.found {
        Ok(found) => found,
        Err(e) => {
            let problem = CorpusProblem::Failed(e.to_string());
            ui.colored_label(ui.visuals().warn_fg_color, problem.text(lang));
            return;
        }
    };
    if found.is_empty() {
        ui.weak(lang.search_nothing(&searched.phrase));
        return;
    }
    let hits: usize = found.iter().map(|f| f.hits.len()).sum();
    ui.strong(lang.search_found(&searched.phrase, found.len(), hits));
    let needle: Vec<char> = normalize_phrase(&searched.phrase).chars().collect();
    egui::ScrollArea::vertical()
        .id_salt("corpus_search_results")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            for (k, doc) in found.iter().enumerate().take(MAX_DOCUMENTS) {
                ui.add_space(4.0);
                ui.horizontal_wrapped(|ui| {
                    ui.strong(&doc.label);
                    ui.label(&doc.title);
                    ui.weak(lang.hit_count(doc.hits.len()));
                });
                for (h, hit) in doc.hits.iter().enumerate().take(MAX_HITS) {
                    let job = context_job(ui, &hit.context, &needle);
                    let response = ui
                        .indent(("hit", k, h), |ui| {
                            ui.add(egui::Label::new(job).sense(Sense::click()))
                        })
                        .inner
                        .on_hover_cursor(egui::CursorIcon::PointingHand);
                    let name = format!("{} {}", doc.label, hit.context);
                    response
                        .widget_info(|| egui::WidgetInfo::labeled(egui::Role::Link, true, &name));
                    if response.clicked() {
                        commands.push(Command::Corpus(CorpusCommand::OpenHit { found: k, hit: h }));
                    }
                }
                if doc.hits.len() > MAX_HITS {
                    ui.weak(lang.more_hits(doc.hits.len() - MAX_HITS));
                }
            }
            if found.len() > MAX_DOCUMENTS {
                ui.add_space(4.0);
                ui.weak(lang.more_documents(MAX_DOCUMENTS, found.len()));
            }
        });
}

/// A hit's context with the phrase marked: the occurrence nearest the middle, where the
/// index put the hit (its context runs as far each side unless the text ends).
fn context_job(ui: &egui::Ui, context: &str, needle: &[char]) -> LayoutJob {
    let chars: Vec<char> = context.chars().collect();
    let middle = chars.len().saturating_sub(needle.len()) / 2;
    let at = (0..=chars.len().saturating_sub(needle.len()))
        .filter(|&i| !needle.is_empty() && chars.get(i..i + needle.len()) == Some(needle))
        .min_by_key(|&i| i.abs_diff(middle));
    let visuals = ui.visuals();
    let font = FontId::proportional(14.0);
    let plain = TextFormat::simple(font.clone(), visuals.text_color());
    let marked = TextFormat {
        background: visuals.selection.bg_fill,
        color: visuals.strong_text_color(),
        ..TextFormat::simple(font, visuals.strong_text_color())
    };
    let mut job = LayoutJob::default();
    let text = |range: Range<usize>| chars[range].iter().collect::<String>();
    match at {
        Some(i) => {
            job.append(&format!("…{}", text(0..i)), 0.0, plain.clone());
            job.append(&text(i..i + needle.len()), 0.0, marked);
            job.append(
                &format!("{}…", text(i + needle.len()..chars.len())),
                0.0,
                plain,
            );
        }
        None => job.append(&format!("…{context}…"), 0.0, plain),
    }
    job
}
