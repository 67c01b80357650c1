//! `split_entries` on the real files in `tests/corpus/`, and `Document::open` on top of it.

use std::path::{Path, PathBuf};

use policy_lineage::document::decode::SourceFile;
use policy_lineage::document::source::read_source;
use policy_lineage::document::split::{Entry, split_entries};
use policy_lineage::{Document, LoadError};

fn corpus(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/corpus")
        .join(name)
}

fn load(name: &str) -> (SourceFile, Vec<Entry>) {
    let source = read_source(&corpus(name)).unwrap();
    let entries = split_entries(&source);
    (source, entries)
}

/// 1-based line number of a char offset.
fn line_of(source: &SourceFile, offset: usize) -> usize {
    source.chars[..offset]
        .iter()
        .filter(|&&c| c == '\n')
        .count()
        + 1
}

fn is_blank(chars: &[char]) -> bool {
    chars.iter().all(|c| c.is_whitespace())
}

const SCRAPED: &str = "provincial-policies-2018-scraped.txt";

const SCRAPED_ENTRIES: [(&str, &str, bool); 10] = [
    (
        "青海省人民政府办公厅关于进一步加强信息通信基础设施建设促进网络升级的通知",
        "2018-05-29",
        true,
    ),
    (
        "甘肃省人民政府办公厅关于印发甘肃省新一代人工智能发展实施方案的通知",
        "2018-08-06",
        true,
    ),
    (
        "陕西省人民政府办公厅关于加快推进全省新型智慧城市建设的指导意见",
        "2018-09-05",
        true,
    ),
    (
        "贵州省人民政府关于促进大数据云计算人工智能创新发展加快建设数字贵州的意见",
        "2018-06-21",
        true,
    ),
    (
        "四川省人民政府关于印发四川省新一代人工智能发展实施方案的通知",
        "2018-09-28",
        true,
    ),
    (
        "湖北省人民政府关于推进数字政府建设的指导意见",
        "2019-01-15",
        true,
    ),
    (
        "山西省人民政府办公厅关于印发加快建设一体化在线政务服务平台全面推进“三晋通办”实施方案的通知",
        "2018-12-04",
        false,
    ),
    (
        "天津市人民政府办公厅关于转发市科技局拟定的《天津市人工智能“七链”精准创新行动计划(2018—2020年)》的通知",
        "2018-12-20",
        true,
    ),
    (
        "天津市人民政府办公厅关于印发天津市新一代人工智能产业发展三年行动计划(2018—2020年)的通知",
        "2018-10-29",
        true,
    ),
    (
        "山东省人民政府关于印发山东省新一代信息技术产业专项规划(2018-2022年)的通知",
        "2018-10-29",
        true,
    ),
];

#[test]
fn scraped_listing_has_ten_entries_in_file_order() {
    let (source, entries) = load(SCRAPED);
    assert_eq!(entries.len(), SCRAPED_ENTRIES.len());
    for (entry, (title, date, has_text)) in entries.iter().zip(SCRAPED_ENTRIES) {
        assert_eq!(entry.title, title);
        assert_eq!(entry.date.as_deref(), Some(date), "{title}");
        assert_eq!(entry.has_text, has_text, "{title}");
        let text = source.slice(entry.range.clone());
        assert!(text.starts_with(title), "{title}");
        assert!(!text.contains("阅读:") && !text.contains("{{"), "{title}");
    }
}

#[test]
fn scraped_listing_keeps_first_copies_and_stops_before_chrome() {
    let (source, entries) = load(SCRAPED);
    // Each block is 12 lines (title, body, chrome, each twice, blank lines between); the
    // first copy of block k starts at line 12k + 1.
    let starts: Vec<usize> = entries
        .iter()
        .map(|e| line_of(&source, e.range.start))
        .collect();
    assert_eq!(starts, (0..10).map(|k| 12 * k + 1).collect::<Vec<_>>());
    for entry in &entries {
        // The range ends at the end of the body line (the .PDF line for Shanxi): only white
        // space up to the next line, and the chrome line after it.
        assert_eq!(
            line_of(&source, entry.range.end),
            line_of(&source, entry.range.start) + 2,
            "{}",
            entry.title
        );
        let rest = &source.chars[entry.range.end..];
        let line_end = rest.iter().position(|&c| c == '\n').unwrap_or(rest.len());
        assert!(is_blank(&rest[..line_end]), "{}", entry.title);
        let next: String = rest[line_end..]
            .iter()
            .skip_while(|c| c.is_whitespace())
            .take_while(|&&c| c != '\n')
            .collect();
        assert!(next.contains("阅读:"), "{next:?}");
    }
    let shanxi = source.slice(entries[6].range.clone());
    assert!(shanxi.trim_end().ends_with(".PDF"), "{shanxi:?}");
}

#[test]
fn scraped_gansu_entry_holds_the_whole_plan() {
    let (source, entries) = load(SCRAPED);
    let gansu = source.slice(entries[1].range.clone());
    assert!(gansu.contains("甘肃省新一代人工智能发展实施方案"));
    assert!(gansu.contains("三、保障措施"));
    assert!(!gansu.contains("陕西省"));
}

#[test]
fn changchun_page_starts_at_the_second_title() {
    let (source, entries) = load("changchun-2021-ai-opinions.txt");
    assert_eq!(entries.len(), 1);
    let entry = &entries[0];
    let title = "长春市人民政府关于加快新一代人工智能发展的实施意见";
    assert_eq!(entry.title, title);
    assert_eq!(entry.date.as_deref(), Some("2021-01-19"));
    assert!(entry.has_text);
    let before = source.slice(0..entry.range.start);
    assert_eq!(before.matches(title).count(), 1, "the header's copy");
    assert!(before.contains("【字体"));
    let text = source.slice(entry.range.clone());
    assert!(text.starts_with(title));
    assert!(text.contains("长府发〔2021〕1号"));
    assert!(text.contains("五、保障措施"));
    for chrome in ["【字体", "您现在的位置", "时间:", "政府网"] {
        assert!(!text.contains(chrome), "{chrome}");
    }
    assert!(is_blank(&source.chars[entry.range.end..]));
}

#[test]
fn plain_documents_are_one_entry_each() {
    for (name, title) in [
        (
            "gansu-2018-ai-plan.txt",
            "各市、自治州人民政府，兰州新区管委会，省政府各部门，中央在甘各单位：",
        ),
        (
            "wuwei-2018-ai-plan.txt",
            "武威市人民政府办公室关于印发武威市新一代人工智能发展实施方案的通知",
        ),
        ("zhongshan-2019-ai-action-plan-draft.txt", "各有关单位:"),
    ] {
        let (source, entries) = load(name);
        assert_eq!(entries.len(), 1, "{name}");
        let entry = &entries[0];
        assert_eq!(entry.title, title, "{name}");
        assert_eq!(entry.date, None, "{name}");
        assert!(entry.has_text, "{name}");
        assert!(is_blank(&source.chars[..entry.range.start]), "{name}");
        assert!(is_blank(&source.chars[entry.range.end..]), "{name}");
        assert!(
            source.slice(entry.range.clone()).starts_with(title),
            "{name}"
        );
    }
}

fn spec(name: &str, index: Option<usize>) -> String {
    let path = corpus(name).display().to_string();
    match index {
        Some(n) => format!("{path}#{n}"),
        None => path,
    }
}

#[test]
fn documents_open_from_the_listing() {
    let doc = Document::open(&spec(SCRAPED, Some(2))).unwrap();
    let (_, entries) = load(SCRAPED);
    assert_eq!(doc.index, Some(2));
    assert_eq!(doc.range, entries[1].range);
    // The outline may find the plan's own title inside the notice; either way it names it.
    assert!(
        doc.title.contains("甘肃省新一代人工智能发展实施方案"),
        "{}",
        doc.title
    );
    assert_eq!(doc.date.as_deref(), Some("2018-08-06"));
    assert!(doc.label().ends_with("#2"));

    assert!(matches!(
        Document::open(&spec(SCRAPED, Some(7))),
        Err(LoadError::EntryWithoutText { index: 7, .. })
    ));
    assert!(matches!(
        Document::open(&spec(SCRAPED, Some(11))),
        Err(LoadError::NoSuchDocument {
            index: 11,
            count: 10,
            ..
        })
    ));
    assert!(matches!(
        Document::open(&spec(SCRAPED, None)),
        Err(LoadError::SeveralDocuments { count: 10, .. })
    ));
}

#[test]
fn single_documents_open_without_an_index() {
    for name in [
        "changchun-2021-ai-opinions.txt",
        "gansu-2018-ai-plan.txt",
        "wuwei-2018-ai-plan.txt",
        "zhongshan-2019-ai-action-plan-draft.txt",
    ] {
        let doc = Document::open(&spec(name, None)).unwrap();
        assert_eq!(doc.index, None, "{name}");
        assert!(!doc.normalized.is_empty(), "{name}");
    }
    let changchun = Document::open(&spec("changchun-2021-ai-opinions.txt", None)).unwrap();
    assert_eq!(changchun.date.as_deref(), Some("2021-01-19"));
}
