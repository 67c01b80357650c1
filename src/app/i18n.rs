//! Interface text in 中文 and English. One table per language, checked by the compiler; text
//! with values in it is a function. The language can be switched at any time.

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

    pub fn from_locale(locale: &str) -> Self {
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
            Lang::Zh => &ZH,
            Lang::En => &EN,
        }
    }
}

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
}

pub static ZH: Texts = Texts {
    app_title: "政策溯源对照",
    file: "文件",
    open_parent: "打开上级文件…",
    open_child: "打开下级文件…",
    recent: "最近打开",
    recent_empty: "（无）",
    clear_recent: "清除列表",
    as_parent: "作为上级",
    as_child: "作为下级",
    swap: "⇄ 对调",
    swap_hint: "上级与下级文件互换位置",
    quit: "退出",
    examples: "示例",
    example_gansu_wuwei: "甘肃省 → 武威市：新一代人工智能发展实施方案",
    example_scraped_gansu: "甘肃省（取自抓取的省级政策合集第 2 篇）→ 武威市",
    example_scraped_pick: "从抓取的省级政策合集中选择上级文件…",
    example_zhongshan: "甘肃省 → 中山市（非上下级，作对照）",
    view: "视图",
    show_outline: "目录面板",
    show_summary: "统计面板",
    show_dropped: "显示下级删去的章节",
    theme_system: "跟随系统",
    theme_light: "浅色",
    theme_dark: "深色",
    zoom_in: "放大",
    zoom_out: "缩小",
    zoom_reset: "原始大小",
    language_hint: "切换界面语言",
    prev_added: "◀ 上一处新增",
    next_added: "下一处新增 ▶",
    prev_changed: "▲ 上一个改动章节",
    next_changed: "下一个改动章节 ▼",
    prev_changed_short: "▲ 上一改动章节",
    next_changed_short: "下一改动章节 ▼",
    show_dropped_short: "显示删去章节",
    prev_added_hint: "上一处新增文字（Ctrl+↑）",
    next_added_hint: "下一处新增文字（Ctrl+↓）",
    prev_changed_hint: "上一个有改写、新增或调序的章节（Alt+↑）",
    next_changed_hint: "下一个有改写、新增或调序的章节（Alt+↓）",
    back: "◀ 返回",
    back_hint: "回到跳转前的位置（Alt+←）",
    find: "查找",
    find_hint: "在两份文件中查找（不分全角半角）",
    find_none: "无结果",
    find_prev_hint: "上一个（Shift+Enter / Shift+F3）",
    find_next_hint: "下一个（Enter / F3）",
    close: "关闭",
    inherited: "继承",
    adapted: "改写",
    added: "新增",
    reused: "上级被引用",
    replaced: "上级被改写",
    dropped: "上级删去",
    moved: "调序",
    inherited_hint: "下级照抄上级的文字",
    adapted_hint: "下级在上级文字中作了本地化改动（如 省→市、甘肃→武威）",
    added_hint: "下级自己写的、上级中没有出处的文字",
    reused_hint: "上级中被下级引用的文字",
    dropped_hint: "下级未采用的上级章节",
    moved_hint: "下级调整了顺序的章节，在中间栏用曲线连到上级原位置",
    parent: "上级文件",
    child: "下级文件",
    no_counterpart: "下级新增章节，上级无对应",
    has_note: "● 有审阅意见",
    manual_correction: "□ 人工修正的对应",
    dropped_slot: "下级删去此节",
    comparing: "正在比对…",
    no_source: "上级中无出处",
    click_to_jump: "单击：在上级中定位",
    outline: "下级文件目录",
    no_sections: "未识别出章节结构",
    front_matter: "（文头）",
    summary: "统计",
    composition: "下级文件构成",
    parent_reused: "上级文字被引用",
    sections: "各章节",
    col_section: "章节",
    col_parent: "上级对应章节",
    col_similarity: "相似度",
    substitutions: "系统性替换",
    none: "（无）",
    timed_out: "比对达到时限，部分文字只作了粗略分类。",
    could_not_open: "无法打开",
    previous_stays: "仍显示原来的比对。",
    picker_title: "选择文件中的一篇",
    no_text: "仅标题，无正文",
    open: "打开",
    cancel: "取消",
    drop_as_parent: "松开鼠标，作为上级文件打开",
    drop_as_child: "松开鼠标，作为下级文件打开",
    dialog_unavailable: "无法打开文件选择对话框；可将文件拖到窗口中。",
    dropped_folded: "已折叠下级删去的上级章节",
    engine_placeholder: "比对引擎尚未给出章节结果",
    partly_reused: "下级无对应章节，只零星引用了此节文字",
    empty_hint: "请打开一份上级文件和一份下级文件，或从“示例”菜单中选择。也可以把文件拖进窗口。",
    not_taken_over: "下级没有采用这段上级文字",
};

pub static EN: Texts = Texts {
    app_title: "Policy Lineage",
    file: "File",
    open_parent: "Open parent…",
    open_child: "Open child…",
    recent: "Recent files",
    recent_empty: "(none)",
    clear_recent: "Clear list",
    as_parent: "as parent",
    as_child: "as child",
    swap: "⇄ Swap",
    swap_hint: "Exchange the parent and the child",
    quit: "Quit",
    examples: "Examples",
    example_gansu_wuwei: "Gansu → Wuwei: AI development plans",
    example_scraped_gansu: "Gansu (entry 2 of the scraped provincial collection) → Wuwei",
    example_scraped_pick: "Choose the parent from the scraped provincial collection…",
    example_zhongshan: "Gansu → Zhongshan (not derived; for contrast)",
    view: "View",
    show_outline: "Outline panel",
    show_summary: "Summary panel",
    show_dropped: "Show sections the child dropped",
    theme_system: "System",
    theme_light: "Light",
    theme_dark: "Dark",
    zoom_in: "Zoom in",
    zoom_out: "Zoom out",
    zoom_reset: "Actual size",
    language_hint: "Switch the interface language",
    prev_added: "◀ Previous added",
    next_added: "Next added ▶",
    prev_changed: "▲ Previous changed section",
    next_changed: "Next changed section ▼",
    prev_changed_short: "▲ Previous changed",
    next_changed_short: "Next changed ▼",
    show_dropped_short: "Show dropped",
    prev_added_hint: "Previous added passage (Ctrl+↑)",
    next_added_hint: "Next added passage (Ctrl+↓)",
    prev_changed_hint: "Previous section with adapted, added or moved text (Alt+↑)",
    next_changed_hint: "Next section with adapted, added or moved text (Alt+↓)",
    back: "◀ Back",
    back_hint: "Back to where you were before the jump (Alt+←)",
    find: "Find",
    find_hint: "Find in both documents (full- and half-width alike)",
    find_none: "No match",
    find_prev_hint: "Previous (Shift+Enter / Shift+F3)",
    find_next_hint: "Next (Enter / F3)",
    close: "Close",
    inherited: "Inherited",
    adapted: "Adapted",
    added: "Added",
    reused: "Parent reused",
    replaced: "Parent adapted",
    dropped: "Dropped",
    moved: "Moved",
    inherited_hint: "Text the child copied from the parent word for word",
    adapted_hint: "Parent text the child localised (省→市, 甘肃→武威)",
    added_hint: "Text the child wrote itself, with no source in the parent",
    reused_hint: "Parent text the child took over",
    dropped_hint: "Parent sections the child left out",
    moved_hint: "Sections the child reordered; a curve in the middle links them to their place in the parent",
    parent: "Parent",
    child: "Child",
    no_counterpart: "Written by the child: no parent section",
    has_note: "● Has a reviewer's note",
    manual_correction: "□ Matching corrected by hand",
    dropped_slot: "Dropped by the child",
    comparing: "Comparing…",
    no_source: "No source in the parent",
    click_to_jump: "Click: show it in the parent",
    outline: "Child outline",
    no_sections: "No sections recognised",
    front_matter: "(front matter)",
    summary: "Summary",
    composition: "What the child is made of",
    parent_reused: "Parent text reused",
    sections: "Sections",
    col_section: "Section",
    col_parent: "Parent section",
    col_similarity: "Similarity",
    substitutions: "Substitutions",
    none: "(none)",
    timed_out: "The alignment reached its time limit; part of the text is classified coarsely.",
    could_not_open: "Could not open",
    previous_stays: "The previous comparison stays on screen.",
    picker_title: "Choose a document from the file",
    no_text: "title only, no text",
    open: "Open",
    cancel: "Cancel",
    drop_as_parent: "Drop to open as the parent",
    drop_as_child: "Drop to open as the child",
    dialog_unavailable: "The file dialog is not available; drag files onto the window instead.",
    dropped_folded: "Sections the child dropped are folded away",
    engine_placeholder: "The comparison engine gave no section results",
    partly_reused: "No child section matches this one; the child reused bits of its text",
    empty_hint: "Open a parent and a child document, or pick one from the Examples menu. You can also drop files onto the window.",
    not_taken_over: "The child did not take this parent text over",
};

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

    pub fn folded_rows(self, count: usize) -> String {
        match self {
            Lang::Zh => format!("已折叠 {count} 个下级删去的章节（视图 → 显示）"),
            Lang::En => format!("{count} dropped section(s) folded (View → show)"),
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
