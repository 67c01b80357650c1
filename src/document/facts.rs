//! Facts a policy document states about itself: who issued it, at which level, its document
//! number (发文字号), its date (成文日期) and the documents it cites. They decide the direction
//! of a link together with the text: a city plan citing a province's plan by number derives
//! from it.

use std::ops::Range;

use crate::Document;
use crate::corpus::Level;
use crate::corpus::index::{level_of, parse_date};

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Facts {
    /// The issuing body as written (甘肃省人民政府办公厅).
    pub issuer: Option<String>,
    /// From the issuer, else from the title.
    pub level: Level,
    /// The document's own number, brackets written 〔〕 (甘政办发〔2018〕151号).
    pub number: Option<String>,
    /// `YYYY-MM-DD`.
    pub date: Option<String>,
    pub citations: Vec<Citation>,
}

/// A document named in the text: 《title》, a document number, or both.
#[derive(Debug, Clone, PartialEq)]
pub struct Citation {
    /// Original characters of the file, from 《 (or the number) to the end of the number.
    pub range: Range<usize>,
    pub title: Option<String>,
    pub number: Option<String>,
}

impl Citation {
    /// Whether this citation names a document with `title` and `number`: the same number, or
    /// a cited title that is the title or the notice issuing it (关于印发《…》的通知), or a
    /// title that is the notice issuing the cited one.
    pub fn names(&self, title: &str, number: Option<&str>) -> bool {
        if let (Some(a), Some(b)) = (&self.number, number) {
            return a == b;
        }
        let title = squeeze(title);
        match &self.title {
            Some(cited) if title.chars().count() >= 4 => {
                let cited = squeeze(cited);
                cited == title
                    || cited.contains(&title)
                    || ["印发", "转发"]
                        .iter()
                        .any(|verb| title.contains(&format!("{verb}{cited}")))
            }
            _ => false,
        }
    }
}

/// The forms a title is cited by, for look-ups: the title normalised without quoting marks
/// and, for a notice issuing a document (…关于印发《X》的通知), the document's own title X.
pub fn title_keys(title: &str) -> Vec<String> {
    let whole = squeeze(title);
    let inner = ["印发", "转发"].iter().find_map(|verb| {
        let (_, rest) = whole.split_once(verb)?;
        let inner = rest.strip_suffix("的通知").unwrap_or(rest);
        (inner.chars().count() >= 4).then(|| inner.to_owned())
    });
    std::iter::once(whole).chain(inner).collect()
}

/// Normalised text without the quoting marks titles are written with.
fn squeeze(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    crate::document::normalize::normalize(&chars, 0..chars.len())
        .chars
        .into_iter()
        .filter(|c| !matches!(c, '《' | '》' | '"'))
        .collect()
}

/// The `national` / `province` / `city` / `county` name of a level, `None` when unknown.
pub fn level_name(level: Level) -> Option<&'static str> {
    match level {
        Level::National => Some("national"),
        Level::Province => Some("province"),
        Level::City => Some("city"),
        Level::County => Some("county"),
        Level::Unknown => None,
    }
}

/// Characters of the head searched for the issuer and the document's own number.
const HEAD: usize = 400;

pub fn facts(doc: &Document) -> Facts {
    let n = &doc.normalized;
    let numbers = find_numbers(&n.chars, &n.para_start);
    let citations = citations(doc, &numbers);
    let own_number = framed_number(doc)
        .or_else(|| own_number(&n.chars, &n.para_start, &numbers, &citations, doc));
    let citations = citations
        .into_iter()
        .filter(|c| own_number.is_none() || c.number != own_number)
        .collect();
    let issuer = issuer(doc);
    let level = match issuer.as_deref().map(level_of) {
        Some(level) if level != Level::Unknown => level,
        _ => level_of(&doc.title),
    };
    let date = doc
        .outline
        .date
        .as_ref()
        .map(|d| d.text.as_str())
        .or(doc.date.as_deref())
        .and_then(iso_date);
    Facts {
        issuer,
        level,
        number: own_number,
        date,
        citations,
    }
}

/// `2018年8月1日`, `二〇一八年八月一日`, `2018-08-01` → `2018-08-01`.
fn iso_date(text: &str) -> Option<String> {
    let arabic = chinese_numerals(text);
    let (y, m, d) = parse_date(&arabic)?;
    (m > 0 && d > 0).then(|| format!("{y:04}-{m:02}-{d:02}"))
}

/// Writes Chinese numerals of a date in Arabic digits: 二〇一八 → 2018, 十二 → 12, 二十 → 20.
fn chinese_numerals(text: &str) -> String {
    let digit = |c: char| {
        "〇一二三四五六七八九"
            .chars()
            .position(|d| d == c || (c == '零' && d == '〇'))
    };
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if digit(c).is_none() && c != '十' {
            out.push(c);
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && (digit(chars[i]).is_some() || chars[i] == '十') {
            i += 1;
        }
        let run = &chars[start..i];
        if let Some(ten) = run.iter().position(|&c| c == '十') {
            let tens = if ten == 0 {
                1
            } else {
                run[..ten].iter().filter_map(|&c| digit(c)).sum()
            };
            let ones: usize = run[ten + 1..].iter().filter_map(|&c| digit(c)).sum();
            out.push_str(&(tens * 10 + ones).to_string());
        } else {
            out.extend(
                run.iter()
                    .filter_map(|&c| digit(c))
                    .map(|d| (b'0' + d as u8) as char),
            );
        }
    }
    out
}

/// A document number in normalised text: its normalised range and its canonical spelling.
#[derive(Debug, Clone)]
struct Number {
    range: Range<usize>,
    text: String,
}

/// Words that end the clause before a document number rather than start its issuer code.
const BEFORE_CODE: &[&str] = &[
    "根据", "按照", "依据", "参照", "对照", "执行", "印发", "转发", "贯彻", "落实", "以及", "和",
    "及", "与",
];

/// Every `code[YYYY]N号` in normalised text (brackets are folded to `[`/`]` or `(`/`)`); the
/// code does not reach back over a paragraph start.
fn find_numbers(chars: &[char], para_start: &[bool]) -> Vec<Number> {
    let mut out = Vec::new();
    let mut i = 0;
    while i + 6 < chars.len() {
        let open = chars[i];
        let years = chars.get(i + 1..i + 5);
        let is_year = years.is_some_and(|y| y.iter().all(char::is_ascii_digit));
        if !matches!(open, '[' | '(') || !is_year || !matches!(chars[i + 5], ']' | ')') {
            i += 1;
            continue;
        }
        let mut end = i + 6;
        while end < chars.len() && chars[end].is_ascii_digit() {
            end += 1;
        }
        if end == i + 6 || chars.get(end) != Some(&'号') {
            i += 1;
            continue;
        }
        let mut start = i;
        while start > 0 && !para_start[start] && i - start < 10 && is_cjk(chars[start - 1]) {
            start -= 1;
        }
        let code: String = chars[start..i].iter().collect();
        let code = BEFORE_CODE
            .iter()
            .filter_map(|w| code.rfind(w).map(|at| at + w.len()))
            .max()
            .map_or(code.clone(), |cut| code[cut..].to_owned());
        if code.is_empty() || code.chars().count() > 8 {
            i = end;
            continue;
        }
        let start = i - code.chars().count();
        let year: String = chars[i + 1..i + 5].iter().collect();
        let serial: String = chars[i + 6..end].iter().collect();
        out.push(Number {
            range: start..end + 1,
            text: format!("{code}〔{year}〕{serial}号"),
        });
        i = end + 1;
    }
    out
}

fn is_cjk(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

/// 《title》 with the number written right after it, and numbers standing alone.
fn citations(doc: &Document, numbers: &[Number]) -> Vec<Citation> {
    let n = &doc.normalized;
    let chars = &n.chars;
    let mut out = Vec::new();
    let mut used = vec![false; numbers.len()];
    let mut i = 0;
    while i < chars.len() {
        if chars[i] != '《' {
            i += 1;
            continue;
        }
        let Some(close) = chars[i + 1..]
            .iter()
            .take(100)
            .position(|&c| c == '》' || c == '《')
            .map(|k| i + 1 + k)
            .filter(|&k| chars[k] == '》')
        else {
            i += 1;
            continue;
        };
        let title: String = chars[i + 1..close].iter().collect();
        let mut end = close + 1;
        let mut number = None;
        if chars.get(close + 1) == Some(&'(')
            && let Some(k) = numbers.iter().position(|x| x.range.start == close + 2)
            && chars.get(numbers[k].range.end) == Some(&')')
        {
            used[k] = true;
            number = Some(numbers[k].text.clone());
            end = numbers[k].range.end + 1;
        }
        if !title.is_empty() {
            out.push(Citation {
                range: n.original_range(i..end),
                title: Some(title),
                number,
            });
        }
        i = end;
    }
    for (k, number) in numbers.iter().enumerate() {
        if !used[k] {
            out.push(Citation {
                range: n.original_range(number.range.clone()),
                title: None,
                number: Some(number.text.clone()),
            });
        }
    }
    out.sort_by_key(|c| c.range.start);
    out
}

/// The 发文字号 of the document's frame, which the measured text leaves out, spelt as
/// [`find_numbers`] spells numbers.
fn framed_number(doc: &Document) -> Option<String> {
    let chars: Vec<char> = doc.frame.number.as_ref()?.text.chars().collect();
    let n = crate::document::normalize::normalize(&chars, 0..chars.len());
    find_numbers(&n.chars, &n.para_start)
        .into_iter()
        .next()
        .map(|x| x.text)
}

/// Without a framed number: the one the outline found in the front matter, else a number
/// standing as a paragraph of its own near the head (not one cited in the preamble).
fn own_number(
    chars: &[char],
    para_start: &[bool],
    numbers: &[Number],
    citations: &[Citation],
    doc: &Document,
) -> Option<String> {
    let n = &doc.normalized;
    if let Some(located) = &doc.outline.doc_number {
        let start = n.index_at_or_after(located.range.start);
        let end = n.index_at_or_after(located.range.end);
        if let Some(x) = numbers
            .iter()
            .find(|x| x.range.start >= start && x.range.end <= end)
        {
            return Some(x.text.clone());
        }
    }
    let alone =
        |x: &Number| para_start[x.range.start] && para_start.get(x.range.end).is_none_or(|&b| b);
    numbers
        .iter()
        .filter(|x| x.range.start < HEAD.min(chars.len()))
        .filter(|x| {
            let original = n.original_range(x.range.clone());
            !citations.iter().any(|c| {
                c.title.is_some() && c.range.start <= original.start && original.end <= c.range.end
            })
        })
        .find(|x| alone(x))
        .map(|x| x.text.clone())
}

/// Endings of the names of issuing bodies.
const BODY_ENDINGS: &[&str] = &[
    "人民政府办公厅",
    "人民政府办公室",
    "人民政府",
    "办公厅",
    "办公室",
    "国务院",
    "委员会",
    "管委会",
    "政府",
    "厅",
    "局",
    "部",
    "委",
];

fn body_like(s: &str) -> bool {
    let len = s.chars().count();
    (2..=30).contains(&len) && BODY_ENDINGS.iter().any(|e| s.ends_with(e))
}

/// The issuer: the closing signature when it names a body, else the notice line naming it
/// (武威市人民政府办公室关于印发…的通知).
fn issuer(doc: &Document) -> Option<String> {
    let compact = |s: &str| -> String {
        s.chars()
            .filter(|c| !crate::document::normalize::is_space(*c))
            .collect()
    };
    if let Some(signature) = &doc.outline.signature {
        let s = compact(&signature.text);
        if body_like(&s) {
            return Some(s);
        }
    }
    let text = doc.slice(doc.range.clone());
    text.lines()
        .map(compact)
        .filter(|l| !l.is_empty())
        .take(10)
        .filter(|l| !l.starts_with('各'))
        .find_map(|l| {
            let (before, _) = l.split_once("关于")?;
            body_like(before).then(|| before.to_owned())
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    const WUWEI_HEAD: &str = "武威市人民政府办公室关于印发武威市新一代人工智能发展实施方案的通知\n\
        武政办发〔2018〕250号\n各县、区人民政府,市政府各部门:\n\
        现将《武威市新一代人工智能发展实施方案》印发你们,请认真贯彻实施。\n武威市人民政府办公室\n2018年12月20日\n\
        武威市新一代人工智能发展实施方案\n为贯彻实施国家人工智能强国战略,根据《\n\
        甘肃省人民政府办公厅关于印发甘肃省新一代人工智能发展实施方案的通知》 (\n\
        甘政办发〔2018〕151号)精神,结合我市实际,制定本实施方案。\n一、总体要求\n\
        参照国发〔2017〕35号文件执行。\n";

    #[test]
    fn a_city_notice_states_issuer_level_number_date_and_citations() {
        let doc = Document::from_text("wuwei.txt", WUWEI_HEAD).unwrap();
        let f = facts(&doc);
        assert_eq!(f.issuer.as_deref(), Some("武威市人民政府办公室"));
        assert_eq!(f.level, Level::City);
        assert_eq!(f.number.as_deref(), Some("武政办发〔2018〕250号"));
        assert_eq!(f.date.as_deref(), Some("2018-12-20"));
        let cited: Vec<(Option<&str>, Option<&str>)> = f
            .citations
            .iter()
            .map(|c| (c.title.as_deref(), c.number.as_deref()))
            .collect();
        assert_eq!(
            cited,
            vec![
                (Some("武威市新一代人工智能发展实施方案"), None),
                (
                    Some("甘肃省人民政府办公厅关于印发甘肃省新一代人工智能发展实施方案的通知"),
                    Some("甘政办发〔2018〕151号")
                ),
                (None, Some("国发〔2017〕35号")),
            ]
        );
        let citation = &f.citations[1];
        let written = doc.slice(citation.range.clone());
        assert!(
            written.starts_with('《') && written.ends_with("151号)"),
            "{written}"
        );
        assert!(citation.names("甘肃省新一代人工智能发展实施方案", None));
        assert!(!citation.names("四川省新一代人工智能发展实施方案", None));
        assert!(citation.names("别的标题", Some("甘政办发〔2018〕151号")));
        let plan = Citation {
            range: 0..0,
            title: Some("新一代人工智能发展规划".into()),
            number: None,
        };
        assert!(plan.names("国务院关于印发新一代人工智能发展规划的通知", None));
        assert!(!plan.names("天津市落实新一代人工智能发展规划的实施意见", None));
        assert_eq!(
            title_keys("国务院关于印发《新一代人工智能发展规划》的通知"),
            [
                "国务院关于印发新一代人工智能发展规划的通知",
                "新一代人工智能发展规划"
            ]
        );
        assert_eq!(
            title_keys("新一代人工智能发展规划"),
            ["新一代人工智能发展规划"]
        );
    }

    #[test]
    fn dates_in_chinese_numerals() {
        assert_eq!(
            iso_date("二〇一八年八月一日").as_deref(),
            Some("2018-08-01")
        );
        assert_eq!(
            iso_date("二〇一九年十二月二十日").as_deref(),
            Some("2019-12-20")
        );
        assert_eq!(iso_date("2018-09-28").as_deref(), Some("2018-09-28"));
        assert_eq!(iso_date("无日期"), None);
    }

    #[test]
    fn the_clause_before_a_number_is_not_its_code() {
        let chars: Vec<char> = "精神,根据国发[2017]35号和吉政发[2017]34号"
            .chars()
            .collect();
        let starts = vec![false; chars.len()];
        let found: Vec<String> = find_numbers(&chars, &starts)
            .into_iter()
            .map(|n| n.text)
            .collect();
        assert_eq!(found, vec!["国发〔2017〕35号", "吉政发〔2017〕34号"]);
    }
}
