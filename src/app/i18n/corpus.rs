//! The texts of the corpus window's research view, in both languages.

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
};

pub static ZH: CorpusTexts = CorpusTexts {
    tab_graph: "谱系图",
    tab_heat_map: "相似度热图",
    graph_canvas: "语料库谱系图",
    graph_hint: "从左到右依次为国家、省、市、县级。点击文件查看其来源，点击比例打开该对照；Ctrl+滚轮缩放。",
    heat_cells: "相似度热图单元格",
    heat_hint: "相关文件排在一起。悬停单元格查看两篇文件，点击打开对照。",
    key_caption: "行文件文字见于列文件的比例",
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
