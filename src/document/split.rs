//! Finding the documents in a file: most files hold one, a scraped listing holds many (each
//! twice, with page-template junk between them), a saved web page has site chrome on top.
//!
//! The file is read line by line. Each line is blank, page chrome (breadcrumbs, site names,
//! page tools, metadata, footers, template tokens) or content. Content lines between chrome
//! lines form blocks. A listing is a file where at least two blocks are each followed by a
//! metadata line with a date (`2018-05-29某某办公厅 阅读: {{…}}`); every such block is one
//! entry. Any other file is one document: the blocks from the first to the last that is not
//! chrome-like, so page chrome at the top and bottom falls outside the range.

use std::collections::HashSet;
use std::ops::Range;

use crate::document::decode::SourceFile;
use crate::document::normalize::{is_space, normalize};

/// One document found in a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The document's characters in the file, chrome excluded.
    pub range: Range<usize>,
    pub title: String,
    pub date: Option<String>,
    /// False for an entry that is only a title and a file name (a linked PDF).
    pub has_text: bool,
}

/// Splits a file into its documents, in order, duplicates and template junk dropped.
pub fn split_entries(source: &SourceFile) -> Vec<Entry> {
    let chars = &source.chars;
    let lines = scan_lines(chars);
    let blocks = group_blocks(&lines);
    if blocks.is_empty() {
        return Vec::new();
    }
    let copies = title_copies(chars, &lines, &blocks);
    let first = first_document_block(&lines, &blocks, &copies);
    let listed: Vec<usize> = (first..blocks.len())
        .filter(|&i| !copies[i] && blocks[i].ends_with_listing_meta(&lines))
        .collect();
    // A listing shows several titles each with its body; a page that puts a dated line
    // under its title and another in its footer is still one document. Titles alone (no
    // block has a body) also make a listing, of entries without text.
    let with_body = listed
        .iter()
        .filter(|&&i| blocks[i].content.len() >= 2)
        .count();
    let titles_only = blocks[first..].iter().all(|b| b.content.len() == 1);
    if with_body >= 2 || (titles_only && listed.len() >= 2) {
        return listing_entries(chars, &lines, &blocks, &listed);
    }
    vec![page_entry(chars, &lines, &blocks, first)]
}

/// Longest line that can be chrome; longer lines are always content, which also keeps the
/// pattern checks cheap on the 30k-character body lines of scraped listings.
const CHROME_MAX: usize = 200;

/// A document's first line longer than this is body text run together, not a bare title.
const TITLE_MAX: usize = 200;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Blank,
    Content,
    Chrome,
}

#[derive(Debug)]
struct Line {
    /// The line's characters without surrounding white space (empty for a blank line).
    text: Range<usize>,
    kind: Kind,
    /// For chrome lines: whether it is the metadata line that closes a listing entry.
    listing_meta: bool,
    /// For chrome lines: the first date in it, as `YYYY-MM-DD`.
    date: Option<String>,
}

impl Line {
    fn len(&self) -> usize {
        self.text.len()
    }
}

/// Splits at `\n`, `\r\n` and lone `\r`, so offsets stay those of the file as it is.
fn scan_lines(chars: &[char]) -> Vec<Line> {
    let mut lines = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < chars.len() {
        match chars[i] {
            '\n' => {
                lines.push(make_line(chars, start..i));
                i += 1;
                start = i;
            }
            '\r' => {
                lines.push(make_line(chars, start..i));
                i += 1;
                if chars.get(i) == Some(&'\n') {
                    i += 1;
                }
                start = i;
            }
            _ => i += 1,
        }
    }
    if start < chars.len() {
        lines.push(make_line(chars, start..chars.len()));
    }
    lines
}

fn make_line(chars: &[char], span: Range<usize>) -> Line {
    let line = &chars[span.clone()];
    let Some(lead) = line.iter().position(|&c| !is_space(c)) else {
        return Line {
            text: span.start..span.start,
            kind: Kind::Blank,
            listing_meta: false,
            date: None,
        };
    };
    let trail = line
        .iter()
        .rposition(|&c| !is_space(c))
        .map_or(lead, |p| p + 1);
    let text = span.start + lead..span.start + trail;
    let mut out = Line {
        text,
        kind: Kind::Content,
        listing_meta: false,
        date: None,
    };
    if out.len() <= CHROME_MAX {
        let s: String = chars[out.text.clone()].iter().collect();
        if is_chrome(&s) {
            out.kind = Kind::Chrome;
            out.date = find_date(&s);
            out.listing_meta = out.date.is_some() && LISTING_MARKERS.iter().any(|m| s.contains(m));
        }
    }
    out
}

/// Phrases only page templates use: breadcrumbs, page tools, footers, view counters.
const CHROME_PHRASES: &[&str] = &[
    "您现在的位置",
    "您的位置",
    "你的位置",
    "当前位置",
    "所在位置",
    "【字体",
    "字体:",
    "字体：",
    "字号:",
    "字号：",
    "【打印",
    "【关闭",
    "[打印",
    "[关闭",
    "打印本页",
    "关闭窗口",
    "返回顶部",
    "收藏本页",
    "主办单位",
    "承办单位",
    "版权所有",
    "Copyright",
    "copyright",
    "©",
    "ICP备",
    "ICP证",
    "网站标识码",
    "公网安备",
    "阅读:",
    "阅读：",
    "阅读数",
    "阅读次数",
    "浏览次数",
    "浏览量",
    "点击数",
    "点击量",
    "点击率",
    "访问量",
    "访问次数",
    "索取号",
];

/// Phrases that are chrome on a short line only (a sentence may mention them).
const SHORT_CHROME_PHRASES: &[&str] = &["分享到", "【分享", "网站地图", "联系我们", "扫一扫"];

/// Labels of the metadata lines above or below an article (`时间:2021-01-19 来源:…`) and of
/// the information tables of government sites (`索引号: 发文机关:`).
const META_LABELS: &[&str] = &[
    "时间",
    "发布时间",
    "发布日期",
    "更新时间",
    "日期",
    "成文日期",
    "来源",
    "信息来源",
    "文章来源",
    "稿源",
    "发布机构",
    "发文机关",
    "发布者",
    "作者",
    "编辑",
    "责任编辑",
    "索引号",
    "主题分类",
    "公文种类",
    "发文字号",
    "浏览次数",
    "点击数",
];

/// Page-tool words; a short line made only of them is chrome (`【字体: 大 中 小】 打印 关闭`).
const TOOL_WORDS: &[&str] = &[
    "打印",
    "关闭",
    "分享",
    "收藏",
    "返回",
    "字体",
    "大",
    "中",
    "小",
    "默认",
    "顶部",
    "打印本页",
    "关闭窗口",
    "返回顶部",
    "纠错",
    "我要纠错",
    "保存",
];

/// A dated chrome line with one of these closes an entry of a listing. A bare `时间:` line
/// does not: a meeting notice in a normal document has those.
const LISTING_MARKERS: &[&str] = &[
    "阅读",
    "浏览",
    "点击",
    "访问",
    "来源",
    "发布",
    "{{",
    "索取号",
    "索引号",
];

fn is_chrome(line: &str) -> bool {
    let chars = line.chars().count();
    (line.contains("{{") && line.contains("}}"))
        || line.contains("{%")
        || CHROME_PHRASES.iter().any(|p| line.contains(p))
        || (chars <= 40 && SHORT_CHROME_PHRASES.iter().any(|p| line.contains(p)))
        || starts_with_meta_label(line)
        || is_breadcrumb(line, chars)
        || is_site_list(line, chars)
        || is_tool_bar(line, chars)
}

fn starts_with_meta_label(line: &str) -> bool {
    let line = line.trim_start_matches(['【', '[']);
    META_LABELS.iter().any(|label| {
        line.strip_prefix(label)
            .map(|rest| rest.trim_start_matches(is_space))
            .is_some_and(|rest| rest.starts_with([':', '：']))
    })
}

/// `首页 > 信息公开 > 政策法规`.
fn is_breadcrumb(line: &str, chars: usize) -> bool {
    let arrows = line
        .chars()
        .filter(|c| matches!(c, '>' | '＞' | '»' | '›'))
        .count();
    chars <= 100 && (arrows >= 2 || (arrows == 1 && line.contains("首页")))
}

fn tokens(line: &str) -> impl Iterator<Item = &str> {
    line.split(|c: char| is_space(c) || matches!(c, '|' | '｜' | '丨'))
        .filter(|t| !t.is_empty())
}

/// `中国政府网 吉林省政府网 长春市政府网`.
fn is_site_list(line: &str, chars: usize) -> bool {
    let site = |t: &str| t.ends_with('网') || t.ends_with("网站");
    chars <= 100
        && ((tokens(line).count() >= 2 && tokens(line).all(site))
            || (chars <= 20 && (line.ends_with("政府网") || line.ends_with("门户网站"))))
}

/// `【打印】 【关闭】`, `大 中 小`.
fn is_tool_bar(line: &str, chars: usize) -> bool {
    const BRACKETS: &[char] = &['【', '】', '[', ']', '(', ')', '（', '）', ':', '：'];
    let mut words = tokens(line)
        .map(|t| t.trim_matches(BRACKETS))
        .filter(|t| !t.is_empty())
        .peekable();
    chars <= 40 && words.peek().is_some() && words.all(|t| TOOL_WORDS.contains(&t))
}

/// The first date in a line (`2018-05-29`, `2018/5/29`, `2018.05.29`, `2018年5月29日`), as
/// `YYYY-MM-DD`.
fn find_date(line: &str) -> Option<String> {
    let chars: Vec<char> = line
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            _ => c,
        })
        .collect();
    let number = |at: usize, max: usize| -> Option<(u32, usize)> {
        let n = chars[at.min(chars.len())..]
            .iter()
            .take_while(|c| c.is_ascii_digit())
            .count();
        if n == 0 || n > max {
            return None;
        }
        let value = chars[at..at + n].iter().collect::<String>().parse().ok()?;
        Some((value, at + n))
    };
    (0..chars.len()).find_map(|start| {
        if start > 0 && chars[start - 1].is_ascii_digit() {
            return None;
        }
        let (year, at) = number(start, 4)?;
        let sep = *chars.get(at)?;
        let second = match sep {
            '-' | '/' | '.' => sep,
            '年' => '月',
            _ => return None,
        };
        if at - start != 4 || !(1900..=2100).contains(&year) {
            return None;
        }
        let (month, at) = number(at + 1, 2)?;
        if chars.get(at) != Some(&second) {
            return None;
        }
        let (day, _) = number(at + 1, 2)?;
        ((1..=12).contains(&month) && (1..=31).contains(&day))
            .then(|| format!("{year:04}-{month:02}-{day:02}"))
    })
}

/// Content lines with no chrome between them.
struct Block {
    /// Indices of the block's content lines.
    content: Vec<usize>,
    /// Indices of the lines after the block up to the next block (or the end of the file).
    after: Range<usize>,
}

impl Block {
    fn first(&self) -> usize {
        self.content[0]
    }

    fn last(&self) -> usize {
        self.content[self.content.len() - 1]
    }

    fn ends_with_listing_meta(&self, lines: &[Line]) -> bool {
        lines[self.after.clone()].iter().any(|l| l.listing_meta)
    }

    fn chrome_after(&self, lines: &[Line]) -> bool {
        lines[self.after.clone()]
            .iter()
            .any(|l| l.kind == Kind::Chrome)
    }

    /// Each line at most `max` characters, at most three lines: navigation labels, footers.
    fn is_short(&self, lines: &[Line], max: usize) -> bool {
        self.content.len() <= 3 && self.content.iter().all(|&i| lines[i].len() <= max)
    }
}

fn group_blocks(lines: &[Line]) -> Vec<Block> {
    let mut blocks: Vec<Block> = Vec::new();
    let mut open = false;
    for (i, line) in lines.iter().enumerate() {
        match line.kind {
            Kind::Blank => {}
            Kind::Chrome => open = false,
            Kind::Content => {
                match blocks.last_mut() {
                    Some(block) if open => block.content.push(i),
                    _ => blocks.push(Block {
                        content: vec![i],
                        after: 0..0,
                    }),
                }
                open = true;
            }
        }
    }
    let starts: Vec<usize> = blocks.iter().skip(1).map(Block::first).collect();
    for (k, block) in blocks.iter_mut().enumerate() {
        block.after = block.last() + 1..starts.get(k).copied().unwrap_or(lines.len());
    }
    blocks
}

/// Marks blocks that are only a title repeated at the start of the next block: web pages show
/// the title in the page header and again above the text.
fn title_copies(chars: &[char], lines: &[Line], blocks: &[Block]) -> Vec<bool> {
    let mut copies = vec![false; blocks.len()];
    for (k, pair) in blocks.windows(2).enumerate() {
        let (block, next) = (&pair[0], &pair[1]);
        let (title, next_title) = (&lines[block.first()], &lines[next.first()]);
        copies[k] = block.content.len() == 1
            && next.content.len() >= 2
            && title.len() <= TITLE_MAX
            && next_title.len() <= TITLE_MAX
            && normalize(chars, title.text.clone()).chars
                == normalize(chars, next_title.text.clone()).chars;
    }
    copies
}

/// Skips the page header: navigation labels between chrome lines (`信息公开`) and the
/// header's copy of the title.
fn first_document_block(lines: &[Line], blocks: &[Block], copies: &[bool]) -> usize {
    let chrome_on_top = lines[..blocks[0].first()]
        .iter()
        .any(|l| l.kind == Kind::Chrome);
    let mut first = 0;
    while first + 1 < blocks.len() {
        let chrome_before = first > 0 || chrome_on_top;
        let nav = chrome_before && blocks[first].is_short(lines, 8);
        if !(nav || copies[first]) {
            break;
        }
        first += 1;
    }
    first
}

/// Whether an entry is more than a title: a body line that is not just a linked file's name,
/// or a first line too long to be a title. `plain` (a file without any chrome) also counts a
/// lone short line as text: a one-paragraph document rather than a bare title.
fn has_text(chars: &[char], lines: &[Line], content: &[usize], plain: bool) -> bool {
    let Some((&first, rest)) = content.split_first() else {
        return false;
    };
    rest.iter().any(|&i| !is_file_name(chars, &lines[i]))
        || (!is_file_name(chars, &lines[first]) && (plain || lines[first].len() > TITLE_MAX))
}

/// A line naming a linked file (`…的通知.PDF`), which is all a listing shows for some entries.
fn is_file_name(chars: &[char], line: &Line) -> bool {
    const EXTENSIONS: &[&str] = &[
        "pdf", "doc", "docx", "wps", "ofd", "xls", "xlsx", "et", "zip", "rar", "txt", "ceb",
    ];
    if line.len() > 300 {
        return false;
    }
    let text: String = chars[line.text.clone()].iter().collect();
    text.rsplit_once('.').is_some_and(|(name, ext)| {
        !name.is_empty() && EXTENSIONS.contains(&ext.to_ascii_lowercase().as_str())
    })
}

fn entry(
    chars: &[char],
    lines: &[Line],
    content: &[usize],
    date: Option<String>,
    plain: bool,
) -> Entry {
    let (first, last) = (&lines[content[0]], &lines[content[content.len() - 1]]);
    Entry {
        range: first.text.start..last.text.end,
        title: chars[first.text.clone()].iter().collect(),
        date,
        has_text: has_text(chars, lines, content, plain),
    }
}

/// One entry per block that a metadata line closes; a repeat of an earlier entry (the
/// scraper saved every item twice) is dropped, compared in normalised form.
fn listing_entries(
    chars: &[char],
    lines: &[Line],
    blocks: &[Block],
    listed: &[usize],
) -> Vec<Entry> {
    let mut seen = HashSet::new();
    let mut entries = Vec::new();
    for &k in listed {
        let block = &blocks[k];
        let date = lines[block.after.clone()]
            .iter()
            .find_map(|l| l.date.clone());
        let found = entry(chars, lines, &block.content, date, false);
        if seen.insert(normalize(chars, found.range.clone()).chars) {
            entries.push(found);
        }
    }
    entries
}

/// The whole file as one document, without the page chrome at its top and bottom.
fn page_entry(chars: &[char], lines: &[Line], blocks: &[Block], first: usize) -> Entry {
    let mut last = blocks.len() - 1;
    // A footer: short lines between chrome lines (`地址:… 电话:…` between 主办单位 and ICP备).
    while last > first
        && blocks[last].is_short(lines, 40)
        && blocks[last].chrome_after(lines)
        && !blocks[last]
            .content
            .iter()
            .any(|&i| chars[lines[i].text.end - 1] == '。')
    {
        last -= 1;
    }
    let content: Vec<usize> = (blocks[first].first()..=blocks[last].last())
        .filter(|&i| lines[i].kind == Kind::Content)
        .collect();
    // The date of a page is in its header (before the text, or right after a title-only
    // first block), otherwise in its footer.
    let header = 0..blocks[first].first();
    let under_title = if blocks[first].content.len() <= 3 {
        blocks[first].after.clone()
    } else {
        0..0
    };
    let footer = blocks[last].after.clone();
    let date = [header, under_title, footer]
        .into_iter()
        .flat_map(|r| &lines[r])
        .find_map(|l| l.date.clone());
    let plain = lines.iter().all(|l| l.kind != Kind::Chrome);
    entry(chars, lines, &content, date, plain)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> (SourceFile, Vec<Entry>) {
        let source = SourceFile::from_text("t.txt", text);
        let entries = split_entries(&source);
        (source, entries)
    }

    fn text_of(source: &SourceFile, entry: &Entry) -> String {
        source.slice(entry.range.clone())
    }

    const LISTING: &str = "甲市关于印发人工智能方案的通知\n\n  各区:   一、总体要求。发展人工智能。   二、保障措施。加强领导。  \n\n2018-05-29甲市政府办公厅\u{a0}\u{a0}阅读: {{ h1}}\n\n\
        甲市关于印发人工智能方案的通知\n\n  各区:   一、总体要求。发展人工智能。   二、保障措施。加强领导。  \n\n2018-05-29甲市政府办公厅\u{a0}\u{a0}阅读: {{ h1}}\n\n\
        乙省关于推进数字政府建设的意见\n\n各市:   为全面贯彻落实,提出如下意见。\n\n2019-01-15乙省政府\u{a0}\u{a0}阅读: {{ h2}}\n\n\
        丙省关于印发实施方案的通知\n\n  丙省关于印发实施方案的通知.PDF   \n\n2018-12-04丙省政府\u{a0}\u{a0}阅读: {{ h3}}\n\n\
        {{el.src}}\u{a0}\u{a0}阅读: {{ el.hitcount}}\n\n{{el.src}}\u{a0}\u{a0}阅读: {{ el.hitcount}}";

    #[test]
    fn listing_drops_repeats_and_junk() {
        let (source, entries) = split(LISTING);
        let titles: Vec<&str> = entries.iter().map(|e| e.title.as_str()).collect();
        assert_eq!(
            titles,
            [
                "甲市关于印发人工智能方案的通知",
                "乙省关于推进数字政府建设的意见",
                "丙省关于印发实施方案的通知"
            ]
        );
        let dates: Vec<_> = entries.iter().map(|e| e.date.as_deref()).collect();
        assert_eq!(
            dates,
            [Some("2018-05-29"), Some("2019-01-15"), Some("2018-12-04")]
        );
        assert_eq!(
            entries.iter().map(|e| e.has_text).collect::<Vec<_>>(),
            [true, true, false]
        );
        // The first occurrence is kept, and the range stops at the end of the body.
        assert_eq!(entries[0].range.start, 0);
        let first = text_of(&source, &entries[0]);
        assert!(first.ends_with("加强领导。"), "{first:?}");
        for entry in &entries {
            let text = text_of(&source, entry);
            assert!(text.starts_with(&entry.title));
            assert!(!text.contains("阅读") && !text.contains("{{"), "{text:?}");
        }
        assert!(text_of(&source, &entries[2]).ends_with(".PDF"));
    }

    #[test]
    fn listing_with_crlf_and_cr_line_ends() {
        for end in ["\r\n", "\r"] {
            let text = LISTING.replace('\n', end);
            let (source, entries) = split(&text);
            assert_eq!(entries.len(), 3, "{end:?}");
            assert_eq!(entries[1].title, "乙省关于推进数字政府建设的意见");
            let second = text_of(&source, &entries[1]);
            assert!(second.starts_with("乙省关于"), "{second:?}");
            assert!(second.ends_with("提出如下意见。"), "{second:?}");
            assert!(!entries[2].has_text);
        }
    }

    #[test]
    fn repeats_are_found_by_content_not_adjacency() {
        let text = "甲文件标题\n\n甲的正文,   第二段。\n\n2018-01-02甲\u{a0}阅读: {{ a}}\n\
            乙文件标题\n\n乙的正文。\n\n2018-01-03乙\u{a0}阅读: {{ b}}\n\
            甲文件标题\n\n甲的正文, 第二段。\n\n2018-01-02甲\u{a0}阅读: {{ a}}\n";
        let (_, entries) = split(text);
        let titles: Vec<&str> = entries.iter().map(|e| e.title.as_str()).collect();
        assert_eq!(titles, ["甲文件标题", "乙文件标题"]);
    }

    const PAGE: &str = "中国政府网 吉林省政府网 长春市政府网\n\n信息公开\n\n\
        您现在的位置: 首页 > 信息公开 > 政策法规\n\n长春市人民政府关于加快发展的实施意见\n\n\
        时间:2021-01-19 10:25 来源:办公室 索取号:\n【字体: 打印\n\n\
        长春市人民政府关于加快发展的实施意见\n\n长府发〔2021〕1号\n\n\u{a0}\n\n各县(市)、区人民政府:\n\n\
        一、总体要求。加快发展。\n\n二、保障措施。加强领导。\n\n\
        主办单位:长春市人民政府办公厅\n地址:长春市人民大街\n版权所有 ICP备05002号\n【打印本页】 【关闭窗口】\n";

    #[test]
    fn web_page_chrome_is_trimmed_top_and_bottom() {
        let (source, entries) = split(PAGE);
        assert_eq!(entries.len(), 1);
        let entry = &entries[0];
        assert_eq!(entry.title, "长春市人民政府关于加快发展的实施意见");
        assert_eq!(entry.date.as_deref(), Some("2021-01-19"));
        assert!(entry.has_text);
        let second_title = PAGE.chars().count()
            - PAGE[PAGE
                .find("长春市人民政府关于加快发展的实施意见\n\n长府发")
                .unwrap()..]
                .chars()
                .count();
        assert_eq!(entry.range.start, second_title);
        let text = text_of(&source, entry);
        assert!(text.ends_with("加强领导。"), "{text:?}");
        assert!(!text.contains("【字体") && !text.contains("主办单位"));
    }

    #[test]
    fn page_with_only_chrome_and_a_title_has_no_text() {
        let (_, entries) =
            split("您现在的位置: 首页 > 政策\n\n关于某事的通知\n\n发布日期:2020-03-04\n");
        assert_eq!(entries.len(), 1);
        assert_eq!(entries[0].title, "关于某事的通知");
        assert_eq!(entries[0].date.as_deref(), Some("2020-03-04"));
        assert!(!entries[0].has_text);
        let (_, entries) = split("首页 > 信息公开 > 政策\n\n版权所有 ICP备123号\n");
        assert!(entries.is_empty());
    }

    #[test]
    fn page_with_dated_lines_under_title_and_in_footer_is_one_document() {
        let text = "首页 > 政策文件\n关于推进数字政府建设的意见\n发布日期:2019-01-15 来源:省政府 浏览次数:{{n}}\n\
            各市:\n为全面贯彻落实,提出如下意见。\n一、总体要求。\n\
            发布日期:2019-01-16 来源:省政府\n版权所有 ICP备123号\n";
        let (source, entries) = split(text);
        assert_eq!(entries.len(), 1);
        assert_eq!(entries[0].title, "关于推进数字政府建设的意见");
        assert_eq!(entries[0].date.as_deref(), Some("2019-01-15"));
        assert!(entries[0].has_text);
        assert!(text_of(&source, &entries[0]).ends_with("一、总体要求。"));
    }

    #[test]
    fn listing_of_titles_only_has_entries_without_text() {
        let text = "甲市关于某事的通知\n2018-01-02甲市\u{a0}阅读: {{ a}}\n\
            乙市关于某事的通知\n2018-01-03乙市\u{a0}阅读: {{ b}}\n";
        let (_, entries) = split(text);
        assert_eq!(entries.len(), 2);
        assert!(entries.iter().all(|e| !e.has_text));
        assert_eq!(entries[1].date.as_deref(), Some("2018-01-03"));
    }

    #[test]
    fn plain_document_is_one_entry() {
        let text = "\n\n　　武威市人民政府办公室关于印发方案的通知\n武政办发〔2018〕250号\n各县区:\n\
            现将方案印发你们。\n武威市人民政府办公室\n2018年12月20日\n武威市实施方案\n\
            一、总体要求\n(一)指导思想。加快发展。\n\n";
        let (source, entries) = split(text);
        assert_eq!(entries.len(), 1);
        let entry = &entries[0];
        assert_eq!(entry.title, "武威市人民政府办公室关于印发方案的通知");
        assert_eq!(entry.date, None);
        assert!(entry.has_text);
        assert!(text_of(&source, entry).starts_with("武威市人民政府办公室关于"));
        assert!(text_of(&source, entry).ends_with("加快发展。"));
    }

    #[test]
    fn odd_inputs_do_not_panic() {
        for text in [
            "",
            "\n",
            "\r",
            "\r\n\r\n",
            " ",
            "a",
            "阅读: {{x}}",
            "{{",
            "2018-",
        ] {
            let (source, entries) = split(text);
            for entry in entries {
                assert!(entry.range.end <= source.chars.len());
            }
        }
        let (_, entries) = split("一行文字");
        assert_eq!(entries.len(), 1);
        assert!(entries[0].has_text);
        let huge = "发展人工智能。".repeat(5000);
        let (_, entries) = split(&huge);
        assert_eq!(entries.len(), 1);
        assert_eq!(entries[0].range, 0..huge.chars().count());
    }

    #[test]
    fn dates_in_several_forms() {
        assert_eq!(
            find_date("时间:2021-01-19 10:25").as_deref(),
            Some("2021-01-19")
        );
        assert_eq!(
            find_date("发布日期：2018年8月1日").as_deref(),
            Some("2018-08-01")
        );
        assert_eq!(find_date("2018/5/9 来源").as_deref(), Some("2018-05-09"));
        assert_eq!(find_date("版权所有 2005-2021"), None);
        assert_eq!(find_date("12018-01-01"), None);
    }
}
