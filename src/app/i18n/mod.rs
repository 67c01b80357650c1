//! Interface text in 中文 and English: one table per language ([`zh`], [`en`]), checked by the
//! compiler; text with values in it is a function of [`Lang`] here. The language can be
//! switched at any time.

pub mod corpus;
mod en;
mod messages;
pub mod trace;
mod zh;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Lang {
    Zh,
    En,
}

impl Lang {
    /// From the system locale: `LC_ALL`, `LC_MESSAGES`, `LANG` (in that order, as POSIX
    /// does), then the platform's own setting. Chinese for any `zh*`, English otherwise.
    pub fn from_system() -> Self {
        let env = ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|k| std::env::var(k).ok())
            .find(|v| !v.is_empty());
        let locale = env.or_else(sys_locale::get_locale).unwrap_or_default();
        Self::from_locale(&locale)
    }

    fn from_locale(locale: &str) -> Self {
        if locale.to_ascii_lowercase().starts_with("zh") {
            Lang::Zh
        } else {
            Lang::En
        }
    }

    pub fn other(self) -> Self {
        match self {
            Lang::Zh => Lang::En,
            Lang::En => Lang::Zh,
        }
    }

    /// The switch button shows the language it switches to, in that language.
    pub fn switch_label(self) -> &'static str {
        match self {
            Lang::Zh => "English",
            Lang::En => "中文",
        }
    }

    pub fn texts(self) -> &'static Texts {
        match self {
            Lang::Zh => &zh::ZH,
            Lang::En => &en::EN,
        }
    }
}

/// Every fixed text of the interface; [`zh::ZH`] and [`en::EN`] fill it in.
pub struct Texts {
    pub app_title: &'static str,
    pub file: &'static str,
    pub open_parent: &'static str,
    pub open_child: &'static str,
    pub recent: &'static str,
    pub recent_empty: &'static str,
    pub clear_recent: &'static str,
    pub as_parent: &'static str,
    pub as_child: &'static str,
    pub swap: &'static str,
    pub swap_hint: &'static str,
    pub quit: &'static str,
    pub examples: &'static str,
    pub example_gansu_wuwei: &'static str,
    pub example_scraped_gansu: &'static str,
    pub example_scraped_pick: &'static str,
    pub example_zhongshan: &'static str,
    pub view: &'static str,
    pub show_outline: &'static str,
    pub show_summary: &'static str,
    pub show_dropped: &'static str,
    pub theme_system: &'static str,
    pub theme_light: &'static str,
    pub theme_dark: &'static str,
    pub zoom_in: &'static str,
    pub zoom_out: &'static str,
    pub zoom_reset: &'static str,
    pub language_hint: &'static str,
    pub prev_added: &'static str,
    pub next_added: &'static str,
    pub prev_changed: &'static str,
    pub next_changed: &'static str,
    pub prev_changed_short: &'static str,
    pub next_changed_short: &'static str,
    pub show_dropped_short: &'static str,
    pub prev_added_hint: &'static str,
    pub next_added_hint: &'static str,
    pub prev_changed_hint: &'static str,
    pub next_changed_hint: &'static str,
    pub back: &'static str,
    pub back_hint: &'static str,
    pub find: &'static str,
    pub find_hint: &'static str,
    pub find_none: &'static str,
    pub find_prev_hint: &'static str,
    pub find_next_hint: &'static str,
    pub close: &'static str,
    pub inherited: &'static str,
    pub adapted: &'static str,
    pub added: &'static str,
    pub reused: &'static str,
    pub replaced: &'static str,
    pub dropped: &'static str,
    pub moved: &'static str,
    pub inherited_hint: &'static str,
    pub adapted_hint: &'static str,
    pub added_hint: &'static str,
    pub reused_hint: &'static str,
    pub dropped_hint: &'static str,
    pub moved_hint: &'static str,
    pub parent: &'static str,
    pub child: &'static str,
    /// The document facts in the pane header.
    pub fact_issuer: &'static str,
    pub fact_number: &'static str,
    pub fact_date: &'static str,
    pub fact_signer: &'static str,
    pub fact_addressees: &'static str,
    pub fact_copied_to: &'static str,
    pub fact_printed: &'static str,
    pub fact_copy_number: &'static str,
    pub fact_secrecy: &'static str,
    pub fact_urgency: &'static str,
    pub fact_format: &'static str,
    pub fact_warning: &'static str,
    pub no_counterpart: &'static str,
    /// Outline marks.
    pub has_note: &'static str,
    pub manual_correction: &'static str,
    pub dropped_slot: &'static str,
    pub comparing: &'static str,
    pub no_source: &'static str,
    pub click_to_jump: &'static str,
    pub outline: &'static str,
    pub no_sections: &'static str,
    pub front_matter: &'static str,
    pub summary: &'static str,
    pub composition: &'static str,
    pub parent_reused: &'static str,
    pub sections: &'static str,
    pub col_section: &'static str,
    pub col_parent: &'static str,
    pub col_similarity: &'static str,
    pub substitutions: &'static str,
    pub checks: &'static str,
    pub none: &'static str,
    pub timed_out: &'static str,
    pub could_not_open: &'static str,
    pub previous_stays: &'static str,
    pub picker_title: &'static str,
    pub no_text: &'static str,
    pub open: &'static str,
    pub cancel: &'static str,
    pub drop_as_parent: &'static str,
    pub drop_as_child: &'static str,
    pub dialog_unavailable: &'static str,
    pub dropped_folded: &'static str,
    pub engine_placeholder: &'static str,
    pub partly_reused: &'static str,
    pub empty_hint: &'static str,
    pub not_taken_over: &'static str,
    pub drop_on_parent_section: &'static str,
    pub locate_parent: &'static str,
    pub locate_child: &'static str,
    pub recover: &'static str,
    pub discard: &'static str,
    pub open_session: &'static str,
    pub save_session: &'static str,
    pub save_session_dirty: &'static str,
    pub recover_unsaved: &'static str,
    pub export_html: &'static str,
    pub export_csv: &'static str,
    pub export_json: &'static str,
    pub export_docx: &'static str,
    pub export_xlsx: &'static str,
    pub notes_list: &'static str,
    pub presentation: &'static str,
    pub note_and_verdict: &'static str,
    pub unlink_from: &'static str,
    pub link_to_parent: &'static str,
    pub restore_automatic: &'static str,
    pub edit: &'static str,
    pub undo: &'static str,
    pub redo: &'static str,
    /// What a review step did, named in "Undo …" and "Redo …".
    pub step_link: &'static str,
    pub step_unlink: &'static str,
    pub step_restore: &'static str,
    pub step_add_note: &'static str,
    pub step_edit_note: &'static str,
    pub step_delete_note: &'static str,
    pub search_parent_sections: &'static str,
    pub note_title: &'static str,
    pub ok: &'static str,
    pub notes_window: &'static str,
    pub notes_empty: &'static str,
    pub corpus_menu: &'static str,
    pub corpus_title: &'static str,
    pub open_folder: &'static str,
    pub lineage_heading: &'static str,
    pub estimated_comparing: &'static str,
    pub reset_view: &'static str,
    pub links_list: &'static str,
    pub similarity_heading: &'static str,
    pub sources_of: &'static str,
    pub relation_parent: &'static str,
    pub relation_child: &'static str,
    pub relation_duplicate: &'static str,
    pub relation_shares_wording: &'static str,
    pub indexing_failed: &'static str,
    pub copy: &'static str,
    pub copy_with_source: &'static str,
    pub select_all: &'static str,
    pub task_opening_session: &'static str,
    pub task_reclassifying: &'static str,
    pub task_indexing: &'static str,
    pub task_analysing: &'static str,
    pub task_exact: &'static str,
    pub task_exporting: &'static str,
    /// Trace mode's texts.
    pub trace: &'static trace::TraceTexts,
    /// The corpus window's research view.
    pub corpus: &'static corpus::CorpusTexts,
    /// Said with the file's path once a report is written.
    pub exported: &'static str,
    pub saved: &'static str,
    pub esc_leaves: &'static str,
    pub save: &'static str,
    pub unsaved_title: &'static str,
    pub unsaved_question: &'static str,
    pub more: &'static str,
    pub dialog_open_session: &'static str,
    pub dialog_save_session: &'static str,
    pub dialog_corpus_folder: &'static str,
    pub session_filter: &'static str,
    pub text_filter: &'static str,
    pub document_filter: &'static str,
    /// The last part of a saved report's name: 武威-甘肃-对照.html.
    pub comparison_file: &'static str,
    pub all_files: &'static str,
}

impl Lang {
    pub fn moved_from(self, location: &str) -> String {
        match self {
            Lang::Zh => format!("调自上级 {location}"),
            Lang::En => format!("moved from {location}"),
        }
    }

    pub fn moved_to(self, location: &str) -> String {
        match self {
            Lang::Zh => format!("下级将此节调至 {location}"),
            Lang::En => format!("the child moved this to {location}"),
        }
    }

    /// The Edit menu's Undo or Redo, naming the step it takes back or does again.
    pub fn undo_label(self, redo: bool, step: Option<crate::app::session_panel::Action>) -> String {
        use crate::app::session_panel::Action;
        let t = self.texts();
        let verb = if redo { t.redo } else { t.undo };
        let Some(step) = step else {
            return verb.to_owned();
        };
        let name = match step {
            Action::Link => t.step_link,
            Action::Unlink => t.step_unlink,
            Action::RestoreAutomatic => t.step_restore,
            Action::AddNote => t.step_add_note,
            Action::EditNote => t.step_edit_note,
            Action::DeleteNote => t.step_delete_note,
        };
        match self {
            Lang::Zh => format!("{verb}“{name}”"),
            Lang::En => format!("{verb} {name}"),
        }
    }

    pub fn drawn_on_by(self, sections: &str) -> String {
        match self {
            Lang::Zh => format!("下级无对应章节；{sections} 引用了此节部分文字"),
            Lang::En => format!("No child section of its own; {sections} draws on it"),
        }
    }

    pub fn from_parent(self, location: &str) -> String {
        match self {
            Lang::Zh => format!("出自上级 {location}"),
            Lang::En => format!("from the parent, {location}"),
        }
    }

    pub fn replaced(self, parent: &str, child: &str) -> String {
        match self {
            Lang::Zh => format!("改写：{parent} → {child}"),
            Lang::En => format!("adapted: {parent} → {child}"),
        }
    }

    pub fn find_count(
        self,
        current: Option<usize>,
        total: usize,
        parent: usize,
        child: usize,
    ) -> String {
        let at = current.map_or_else(|| "–".to_owned(), |c| (c + 1).to_string());
        match self {
            Lang::Zh => format!("{at}/{total}（上级 {parent}，下级 {child}）"),
            Lang::En => format!("{at}/{total} (parent {parent}, child {child})"),
        }
    }

    pub fn picker_intro(self, file: &str, count: usize, side_is_parent: bool) -> String {
        match self {
            Lang::Zh => format!(
                "{file} 中有 {count} 篇文件，请选择作为{}的一篇：",
                if side_is_parent { "上级" } else { "下级" }
            ),
            Lang::En => format!(
                "{file} holds {count} documents. Choose the one to open as the {}:",
                if side_is_parent { "parent" } else { "child" }
            ),
        }
    }

    pub fn dropped_sections(self, count: usize) -> String {
        match self {
            Lang::Zh => format!("上级删去章节 {count} 个"),
            Lang::En => format!("{count} parent section(s) dropped"),
        }
    }

    pub fn status(self, parent_chars: usize, child_chars: usize, millis: u128) -> String {
        match self {
            Lang::Zh => {
                format!("上级 {parent_chars} 字 · 下级 {child_chars} 字 · 比对用时 {millis} 毫秒")
            }
            Lang::En => format!(
                "parent {parent_chars} chars · child {child_chars} chars · compared in {millis} ms"
            ),
        }
    }

    pub fn chars(self, count: usize) -> String {
        match self {
            Lang::Zh => format!("{count} 字"),
            Lang::En => format!("{count} chars"),
        }
    }

    pub fn times(self, count: usize) -> String {
        match self {
            Lang::Zh => format!("{count} 次"),
            Lang::En => format!("{count}×"),
        }
    }

    pub fn unsaved_review_from(self, time: &str) -> String {
        match self {
            Lang::Zh => format!("有 {time} 未保存的审阅 —"),
            Lang::En => format!("Unsaved review from {time} —"),
        }
    }

    pub fn autosave_failed(self, reason: &str) -> String {
        match self {
            Lang::Zh => format!("自动保存失败，未保存的审阅可能丢失：{reason}"),
            Lang::En => format!("Autosave failed; unsaved review work may be lost: {reason}"),
        }
    }

    pub fn documents(self, count: usize) -> String {
        match self {
            Lang::Zh => format!("{count} 篇文件"),
            Lang::En => format!("{count} documents"),
        }
    }

    /// The accessible name of a lineage-graph link between documents that share wording.
    pub fn shares_wording_with(self, a: &str, b: &str, share: f64) -> String {
        let share = share * 100.0;
        match self {
            Lang::Zh => format!("{a} 与 {b} 措辞相同（约{share:.0}%），互不源自"),
            Lang::En => format!("{a} shares wording with {b} (≈{share:.0}%), neither derived"),
        }
    }

    /// The accessible name of a lineage-graph arrow.
    pub fn derives_from(self, child: &str, parent: &str, share: &str) -> String {
        match self {
            Lang::Zh => format!("{child} 源自 {parent}（{share}）"),
            Lang::En => format!("{child} derives from {parent} ({share})"),
        }
    }

    /// A reviewer's verdict on a section, named as the classes are: one set of names.
    pub fn verdict_name(self, verdict: crate::review::session::Verdict) -> &'static str {
        use crate::review::session::Verdict;
        let t = self.texts();
        match verdict {
            Verdict::Copied => t.inherited,
            Verdict::Adapted => t.adapted,
            Verdict::Original => t.added,
        }
    }

    /// The citation line under a copied passage: `— title, section`.
    pub fn cited(self, title: &str, section: &str) -> String {
        match (self, section.is_empty()) {
            (_, true) => format!("— {title}"),
            (Lang::Zh, false) => format!("——《{title}》{section}"),
            (Lang::En, false) => format!("— {title}, {section}"),
        }
    }

    /// The heading of the parent passages a copied child passage came from.
    pub fn taken_from(self, title: &str, section: &str) -> String {
        match (self, section.is_empty()) {
            (Lang::Zh, true) => format!("出自上级《{title}》："),
            (Lang::Zh, false) => format!("出自上级《{title}》{section}："),
            (Lang::En, true) => format!("From the parent, {title}:"),
            (Lang::En, false) => format!("From the parent, {title}, {section}:"),
        }
    }

    pub fn class_name(self, class: crate::compare::SpanClass) -> &'static str {
        let t = self.texts();
        match class {
            crate::compare::SpanClass::Inherited => t.inherited,
            crate::compare::SpanClass::Adapted => t.adapted,
            crate::compare::SpanClass::Added => t.added,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locale_detection() {
        assert_eq!(Lang::from_locale("zh_CN.UTF-8"), Lang::Zh);
        assert_eq!(Lang::from_locale("zh-Hans-CN"), Lang::Zh);
        assert_eq!(Lang::from_locale("en_US.UTF-8"), Lang::En);
        assert_eq!(Lang::from_locale("C"), Lang::En);
        assert_eq!(Lang::from_locale(""), Lang::En);
    }

    #[test]
    fn switch_labels_name_the_other_language() {
        assert_eq!(Lang::Zh.switch_label(), "English");
        assert_eq!(Lang::En.switch_label(), "中文");
    }
}
