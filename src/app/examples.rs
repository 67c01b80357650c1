//! The bundled documents, compiled into the binary so the viewer works from anywhere.

use super::task::DocSource;

pub const GANSU_NAME: &str = "gansu-2018-ai-plan.txt";
pub const GANSU: &str = include_str!("../../assets/gansu-2018-ai-plan.txt");
pub const WUWEI_NAME: &str = "wuwei-2018-ai-plan.txt";
pub const WUWEI: &str = include_str!("../../assets/wuwei-2018-ai-plan.txt");
pub const SCRAPED_NAME: &str = "provincial-policies-2018-scraped.txt";
pub const SCRAPED: &str = include_str!("../../assets/provincial-policies-2018-scraped.txt");
pub const ZHONGSHAN_NAME: &str = "zhongshan-2019-ai-action-plan-draft.txt";
pub const ZHONGSHAN: &str = include_str!("../../assets/zhongshan-2019-ai-action-plan-draft.txt");

/// The entry of the scraped collection that is Gansu's plan (counted from 1).
pub const SCRAPED_GANSU_INDEX: usize = 2;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Example {
    /// Gansu's plan (left) and Wuwei's (right): the default.
    GansuWuwei,
    /// Gansu's plan as found in the scraped collection, against Wuwei's.
    ScrapedGansuWuwei,
    /// The scraped collection as the parent: opens the picker.
    ScrapedPick,
    /// Zhongshan's draft against Gansu: not derived, for contrast.
    GansuZhongshan,
}

impl Example {
    pub const ALL: [Example; 4] = [
        Example::GansuWuwei,
        Example::ScrapedGansuWuwei,
        Example::ScrapedPick,
        Example::GansuZhongshan,
    ];

    pub fn label(self, t: &super::i18n::Texts) -> &'static str {
        match self {
            Example::GansuWuwei => t.example_gansu_wuwei,
            Example::ScrapedGansuWuwei => t.example_scraped_gansu,
            Example::ScrapedPick => t.example_scraped_pick,
            Example::GansuZhongshan => t.example_zhongshan,
        }
    }

    /// The parent and the child to open.
    pub fn sources(self) -> (DocSource, DocSource) {
        match self {
            Example::GansuWuwei => (gansu(), wuwei()),
            Example::ScrapedGansuWuwei => (
                DocSource::Bundled {
                    name: SCRAPED_NAME,
                    text: SCRAPED,
                    index: Some(SCRAPED_GANSU_INDEX),
                },
                wuwei(),
            ),
            Example::ScrapedPick => (
                DocSource::Bundled {
                    name: SCRAPED_NAME,
                    text: SCRAPED,
                    index: None,
                },
                wuwei(),
            ),
            Example::GansuZhongshan => (
                gansu(),
                DocSource::Bundled {
                    name: ZHONGSHAN_NAME,
                    text: ZHONGSHAN,
                    index: None,
                },
            ),
        }
    }
}

pub fn gansu() -> DocSource {
    DocSource::Bundled {
        name: GANSU_NAME,
        text: GANSU,
        index: None,
    }
}

pub fn wuwei() -> DocSource {
    DocSource::Bundled {
        name: WUWEI_NAME,
        text: WUWEI,
        index: None,
    }
}
