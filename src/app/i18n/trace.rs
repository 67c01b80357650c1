//! The texts of trace mode, in both languages.

use super::Lang;
use crate::corpus::Level;
use crate::trace::Evidence;

pub struct TraceTexts {
    /// The File menu's entry.
    pub menu: &'static str,
    pub menu_hint: &'static str,
    pub dialog: &'static str,
    /// The corpus window's button for the selected document.
    pub corpus_button: &'static str,
    pub task: &'static str,
    pub failed: &'static str,
    pub back: &'static str,
    pub sources: &'static str,
    pub source: &'static str,
    pub traced: &'static str,
    pub cited: &'static str,
    pub share: &'static str,
    pub distinctive: &'static str,
    pub unused: &'static str,
    /// Around the source a near copy was traced as: `{before}X{after}`.
    pub duplicate_before: &'static str,
    pub duplicate_after: &'static str,
    pub also_in: &'static str,
    pub pick_hint: &'static str,
    pub key_distinctive: &'static str,
    pub key_shared: &'static str,
    pub key_adapted: &'static str,
    pub key_stock: &'static str,
    pub key_added: &'static str,
    pub switch_hint: &'static str,
    pub show_source: &'static str,
    /// Shown while files are dragged over the window in trace mode.
    pub drop_add: &'static str,
}

pub static EN: TraceTexts = TraceTexts {
    menu: "Trace against sources…",
    menu_hint: "Where each passage of the child came from, among several documents",
    dialog: "Choose the source documents to trace the child against",
    corpus_button: "Trace against the corpus",
    task: "Tracing…",
    failed: "Could not trace",
    back: "◀ Back to the comparison",
    sources: "Sources",
    source: "Source",
    traced: "Traced",
    cited: "cited",
    share: "share",
    distinctive: "distinctive",
    unused: "Explain nothing:",
    duplicate_before: "duplicate of ",
    duplicate_after: "",
    also_in: "Also in:",
    pick_hint: "Click a passage on the right to see its source here.",
    key_distinctive: "only this source",
    key_shared: "other sources too",
    key_adapted: "adapted",
    key_stock: "stock wording",
    key_added: "added",
    switch_hint: "Switch off to trace again without this source",
    show_source: "Show this source",
    drop_add: "Drop to add as sources",
};

pub static ZH: TraceTexts = TraceTexts {
    menu: "对照多个来源…",
    menu_hint: "在多个文件中查找下级文件每段文字的来源",
    dialog: "选择要对照的来源文件",
    corpus_button: "对照整个语料库溯源",
    task: "正在溯源…",
    failed: "无法溯源",
    back: "◀ 返回两文件对照",
    sources: "来源",
    source: "来源",
    traced: "溯源",
    cited: "被引用",
    share: "占比",
    distinctive: "独有",
    unused: "未贡献内容：",
    duplicate_before: "与",
    duplicate_after: "重复",
    also_in: "亦见于：",
    pick_hint: "点击右侧段落，在此查看其来源。",
    key_distinctive: "仅此来源",
    key_shared: "多个来源共有",
    key_adapted: "改写",
    key_stock: "套话",
    key_added: "新增",
    switch_hint: "取消勾选：不含此来源重新溯源",
    show_source: "查看此来源",
    drop_add: "松开鼠标，添加为来源",
};

impl Lang {
    pub fn level_name(self, level: Level) -> Option<&'static str> {
        let (zh, en) = match level {
            Level::National => ("国家", "national"),
            Level::Province => ("省级", "province"),
            Level::City => ("市级", "city"),
            Level::County => ("县级", "county"),
            Level::Unknown => return None,
        };
        Some(match self {
            Lang::Zh => zh,
            Lang::En => en,
        })
    }

    pub fn evidence_name(self, evidence: Evidence) -> &'static str {
        let t = self.texts().trace;
        match evidence {
            Evidence::Distinctive => t.key_distinctive,
            Evidence::Shared => t.key_shared,
            Evidence::Boilerplate => t.key_stock,
        }
    }

    /// `from 甘肃省… (only this source)`, a passage's tooltip.
    pub fn traced_from(self, title: &str, evidence: &str) -> String {
        match self {
            Lang::Zh => format!("来自《{title}》（{evidence}）"),
            Lang::En => format!("from {title} ({evidence})"),
        }
    }
}
