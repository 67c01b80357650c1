//! The texts of the corpus window's research view, in both languages.

use std::path::PathBuf;

use super::Lang;

pub struct CorpusTexts {
    pub tab_graph: &'static str,
    pub tab_heat_map: &'static str,
    /// The accessible name of the lineage graph's canvas.
    pub graph_canvas: &'static str,
    pub graph_hint: &'static str,
    /// The accessible name of the heat map's cells.
    pub heat_cells: &'static str,
    pub heat_hint: &'static str,
    /// What the colour key measures.
    pub key_caption: &'static str,
    pub tab_search: &'static str,
    pub search_hint: &'static str,
    pub search_button: &'static str,
    /// The search field's label.
    pub search_field: &'static str,
    pub task_search: &'static str,
    /// The full-text index's filling, beside its spinner.
    pub task_full_text: &'static str,
    /// A corpus shown without its index (indexed elsewhere) cannot be searched.
    pub search_needs_index: &'static str,
    /// The toolbar's control that brings back the window moved aside for a comparison.
    pub back_to_corpus: &'static str,
    pub back_to_corpus_hint: &'static str,
    pub refresh: &'static str,
    pub refresh_hint: &'static str,
}

pub static EN: CorpusTexts = CorpusTexts {
    tab_graph: "Lineage graph",
    tab_heat_map: "Heat map",
    graph_canvas: "Lineage graph of the corpus",
    graph_hint: "Levels from left to right: national, province, city, county. Click a document \
                 for its sources, a share for the pair; Ctrl+wheel zooms.",
    heat_cells: "Similarity heat map cells",
    heat_hint: "Related documents sit together. Hover a cell for the pair, click it to open it.",
    key_caption: "share of the row's text found in the column",
    tab_search: "Search",
    search_hint: "Every document holding a phrase; full- and half-width forms, spaces and line \
                  breaks make no difference. Click a hit to open the document there, beside its \
                  nearest relative in the corpus (its source, else a document derived from it).",
    search_button: "Search",
    search_field: "Phrase",
    task_search: "Searching the corpus…",
    task_full_text: "Filling the full-text index…",
    search_needs_index: "This corpus has no index to search: open its folder with Open folder…",
    back_to_corpus: "▲ Back to the corpus",
    back_to_corpus_hint: "The corpus window moved aside for the comparison; click to bring it \
                          back as it was.",
    refresh: "Refresh",
    refresh_hint: "Read the corpus again: only new and changed files are read.",
};

pub static ZH: CorpusTexts = CorpusTexts {
    tab_graph: "谱系图",
    tab_heat_map: "相似度热图",
    graph_canvas: "语料库谱系图",
    graph_hint: "从左到右依次为国家、省、市、县级。点击文件查看其来源，点击比例打开该对照；Ctrl+滚轮缩放。",
    heat_cells: "相似度热图单元格",
    heat_hint: "相关文件排在一起。悬停单元格查看两篇文件，点击打开对照。",
    key_caption: "行文件文字见于列文件的比例",
    tab_search: "搜索",
    search_hint: "列出含有该词句的所有文件，不区分全角半角、空格和换行。点击命中处，在该处打开文件，旁边是语料库中与它最近的文件（其来源，没有来源则为由它派生的文件）。",
    search_button: "搜索",
    search_field: "词句",
    task_search: "正在搜索语料库…",
    task_full_text: "正在建立全文索引…",
    search_needs_index: "该语料库没有可搜索的索引：请用“打开文件夹…”打开其文件夹。",
    back_to_corpus: "▲ 返回语料库",
    back_to_corpus_hint: "语料库窗口已为对照让开；点击恢复原样。",
    refresh: "刷新",
    refresh_hint: "重新读取语料库：只读取新增和改动的文件。",
};

impl Lang {
    /// A heat map cell's tooltip: the two documents and the share each holds of the other.
    pub fn heat_cell(self, row: (&str, &str), column: (&str, &str), shares: (f64, f64)) -> String {
        let (a, b) = (shares.0 * 100.0, shares.1 * 100.0);
        match self {
            Lang::Zh => format!(
                "行：{}　{}\n列：{}　{}\n行文件约 {a:.0}% 见于列文件；列文件约 {b:.0}% 见于行文件",
                row.0, row.1, column.0, column.1
            ),
            Lang::En => format!(
                "Row: {}  {}\nColumn: {}  {}\n≈{a:.0}% of the row found in the column; \
                 ≈{b:.0}% of the column in the row",
                row.0, row.1, column.0, column.1
            ),
        }
    }
}

impl Lang {
    /// The corpus remembered from last time is gone: which folders, and what to do.
    pub fn corpus_missing(self, missing: &[PathBuf]) -> String {
        let paths = missing
            .iter()
            .map(|p| p.display().to_string())
            .collect::<Vec<_>>()
            .join(", ");
        match self {
            Lang::Zh => format!(
                "上次的语料库已不存在：{paths}（已移动、改名或删除，或所在磁盘未连接）。请用“打开文件夹…”重新选择。"
            ),
            Lang::En => format!(
                "The last corpus is no longer there: {paths} (moved, renamed or deleted, or on a \
                 drive not connected). Choose its folder again with Open folder…"
            ),
        }
    }

    /// Indexing failed, with the index's own reason.
    pub fn corpus_failed(self, detail: &str) -> String {
        match self {
            Lang::Zh => format!("无法打开语料库：{detail}"),
            Lang::En => format!("Could not open the corpus: {detail}"),
        }
    }

    /// What a search found: documents and hits.
    pub fn search_found(self, phrase: &str, docs: usize, hits: usize) -> String {
        match self {
            Lang::Zh => format!("“{phrase}”：{docs} 篇文件，共 {hits} 处"),
            Lang::En => {
                let docs = match docs {
                    1 => "1 document".to_owned(),
                    n => format!("{n} documents"),
                };
                format!("“{phrase}”: {} in {docs}", self.hit_count(hits))
            }
        }
    }

    pub fn search_nothing(self, phrase: &str) -> String {
        match self {
            Lang::Zh => format!("没有文件含有“{phrase}”。"),
            Lang::En => format!("No document holds “{phrase}”."),
        }
    }

    /// A document's line in the results: its hit count.
    pub fn hit_count(self, hits: usize) -> String {
        match self {
            Lang::Zh => format!("{hits} 处"),
            Lang::En if hits == 1 => "1 hit".to_owned(),
            Lang::En => format!("{hits} hits"),
        }
    }

    /// More hits in a document than listed.
    pub fn more_hits(self, more: usize) -> String {
        match self {
            Lang::Zh => format!("……另有 {more} 处"),
            Lang::En => format!("… {more} more"),
        }
    }

    /// More documents than listed.
    pub fn more_documents(self, shown: usize, total: usize) -> String {
        match self {
            Lang::Zh => format!("只列出前 {shown} 篇（共 {total} 篇）；请用更长的词句缩小范围。"),
            Lang::En => format!(
                "The first {shown} of {total} documents are listed; a longer phrase narrows it."
            ),
        }
    }

    /// Where the corpus shown comes from.
    pub fn corpus_folders(self, roots: &[PathBuf]) -> String {
        let paths = roots
            .iter()
            .map(|p| p.display().to_string())
            .collect::<Vec<_>>()
            .join(", ");
        match self {
            Lang::Zh => format!("语料库：{paths}"),
            Lang::En => format!("Corpus: {paths}"),
        }
    }
}
