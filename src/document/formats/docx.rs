//! Word documents (`.docx`): the paragraphs of `word/document.xml`, one line each, with the
//! labels Word numbers automatically (`一、`, `（一）`, `1.` from `word/numbering.xml`) written
//! out as they appear on paper, so numbered headings are headings here too.

use std::collections::HashMap;
use std::path::Path;

use roxmltree::{Node, NodeType};

use super::archive::{Archive, parse_xml};
use super::limits::check_text;
use crate::LoadError;

pub fn extract_text(path: &Path, bytes: &[u8]) -> Result<String, LoadError> {
    let mut archive = Archive::open(path, bytes)?;
    let document =
        archive
            .read_text("word/document.xml")?
            .ok_or_else(|| LoadError::CorruptArchive {
                path: path.to_owned(),
                detail: "no word/document.xml inside".into(),
            })?;
    let numbering = archive.read_text("word/numbering.xml")?;
    let styles = archive.read_text("word/styles.xml")?;
    let numbering = match &numbering {
        Some(xml) => Numbering::parse(&parse_xml(path, "word/numbering.xml", xml)?),
        None => Numbering::default(),
    };
    let styles = match &styles {
        Some(xml) => StyleNumbers::parse(&parse_xml(path, "word/styles.xml", xml)?),
        None => StyleNumbers::default(),
    };
    let document = parse_xml(path, "word/document.xml", &document)?;
    let text = paragraphs(&document, &numbering, &styles);
    check_text(path, &text)?;
    Ok(text)
}

/// The WordprocessingML main namespace; every element and attribute read here is in it.
const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

fn is(node: Node, name: &str) -> bool {
    node.is_element() && node.tag_name().name() == name && node.tag_name().namespace() == Some(W)
}

fn child<'a, 'x>(node: Node<'a, 'x>, name: &str) -> Option<Node<'a, 'x>> {
    node.children().find(|n| is(*n, name))
}

/// `w:val` of the child element `name`.
fn val<'a>(node: Node<'a, '_>, name: &str) -> Option<&'a str> {
    child(node, name).and_then(|n| n.attribute((W, "val")))
}

fn number(s: Option<&str>) -> Option<u32> {
    s.and_then(|s| s.trim().parse().ok())
}

/// The text of WordprocessingML: `<w:t>` runs, `<w:tab/>` and breaks, a line per `<w:p>`,
/// each numbered paragraph preceded by its label. Deleted revisions (`<w:delText>`) and field
/// codes (`<w:instrText>`) are not `<w:t>`, so they are left out.
fn paragraphs(
    document: &roxmltree::Document,
    numbering: &Numbering,
    styles: &StyleNumbers,
) -> String {
    let mut out = String::new();
    let mut counters = Counters::default();
    // A walk with an explicit stack (a deeply nested file must not overflow the call
    // stack): each element is visited on the way in, and paragraphs again on the way out.
    let mut stack = vec![(document.root(), false)];
    while let Some((node, leaving)) = stack.pop() {
        if leaving {
            out.push('\n');
            continue;
        }
        if node.node_type() != NodeType::Element && node.node_type() != NodeType::Root {
            continue;
        }
        if is(node, "p") {
            if let Some((num, level)) = paragraph_number(node, styles) {
                out.push_str(&counters.label(numbering, num, level));
            }
            stack.push((node, true));
        } else if is(node, "t") {
            out.push_str(node.text().unwrap_or(""));
            continue;
        } else if is(node, "tab") && node.parent().is_some_and(|p| is(p, "r")) {
            out.push('\t');
        } else if is(node, "br") || is(node, "cr") {
            out.push('\n');
        } else if is(node, "noBreakHyphen") {
            out.push('-');
        }
        stack.extend(node.children().rev().map(|child| (child, false)));
    }
    out
}

/// The list (`numId`) and level of a paragraph: its own `w:numPr`, else its style's.
fn paragraph_number(p: Node, styles: &StyleNumbers) -> Option<(u32, u8)> {
    let properties = child(p, "pPr");
    let own = properties.and_then(|pr| child(pr, "numPr"));
    let style = properties
        .and_then(|pr| val(pr, "pStyle"))
        .and_then(|s| styles.get(s));
    let num = own
        .and_then(|n| number(val(n, "numId")))
        .or(style.map(|s| s.0))?;
    let level = own
        .and_then(|n| number(val(n, "ilvl")))
        .or(style.map(|s| s.1 as u32))
        .unwrap_or(0);
    // numId 0 switches numbering off.
    (num != 0 && level < 9).then_some((num, level as u8))
}

#[derive(Debug, Clone, Default)]
struct Level {
    format: String,
    text: String,
    start: u32,
    suffix: String,
    /// `lvlRestart`: the level restarts only when a level above this (1-based) one advances;
    /// 0 never. Without it, any higher level restarts it.
    restart_after: Option<u32>,
}

#[derive(Debug, Default)]
struct Numbering {
    /// abstractNumId → its levels.
    abstracts: HashMap<u32, HashMap<u8, Level>>,
    /// numId → (abstractNumId, per-level start overrides).
    nums: HashMap<u32, (u32, HashMap<u8, u32>)>,
}

impl Numbering {
    fn parse(xml: &roxmltree::Document) -> Self {
        let mut numbering = Self::default();
        for node in xml.root_element().children() {
            if is(node, "abstractNum") {
                let Some(id) = number(node.attribute((W, "abstractNumId"))) else {
                    continue;
                };
                let levels = node
                    .children()
                    .filter(|l| is(*l, "lvl"))
                    .filter_map(|l| {
                        let ilvl = number(l.attribute((W, "ilvl")))?;
                        let level = Level {
                            format: val(l, "numFmt").unwrap_or("decimal").to_owned(),
                            text: val(l, "lvlText").unwrap_or("").to_owned(),
                            start: number(val(l, "start")).unwrap_or(1),
                            suffix: val(l, "suff").unwrap_or("tab").to_owned(),
                            restart_after: number(val(l, "lvlRestart")),
                        };
                        Some((u8::try_from(ilvl).ok()?, level))
                    })
                    .collect();
                numbering.abstracts.insert(id, levels);
            } else if is(node, "num") {
                let (Some(id), Some(abstract_id)) = (
                    number(node.attribute((W, "numId"))),
                    number(val(node, "abstractNumId")),
                ) else {
                    continue;
                };
                let overrides = node
                    .children()
                    .filter(|o| is(*o, "lvlOverride"))
                    .filter_map(|o| {
                        let ilvl = u8::try_from(number(o.attribute((W, "ilvl")))?).ok()?;
                        Some((ilvl, number(val(o, "startOverride"))?))
                    })
                    .collect();
                numbering.nums.insert(id, (abstract_id, overrides));
            }
        }
        numbering
    }
}

/// Paragraph styles that carry numbering (`Heading 1` numbered `一、`), `basedOn` followed.
#[derive(Debug, Default)]
struct StyleNumbers(HashMap<String, (u32, u8)>);

impl StyleNumbers {
    fn parse(xml: &roxmltree::Document) -> Self {
        let mut own: HashMap<&str, (Option<u32>, Option<u32>)> = HashMap::new();
        let mut based: HashMap<&str, &str> = HashMap::new();
        for style in xml.root_element().children().filter(|n| is(*n, "style")) {
            let Some(id) = style.attribute((W, "styleId")) else {
                continue;
            };
            if let Some(parent) = val(style, "basedOn") {
                based.insert(id, parent);
            }
            if let Some(pr) = child(style, "pPr").and_then(|pr| child(pr, "numPr")) {
                own.insert(id, (number(val(pr, "numId")), number(val(pr, "ilvl"))));
            }
        }
        let mut resolved = HashMap::new();
        for &id in own.keys().chain(based.keys()) {
            let (mut num, mut level) = (None, None);
            let mut at = Some(id);
            // A cycle of `basedOn` in a damaged file ends after a few steps.
            for _ in 0..16 {
                let Some(style) = at else { break };
                if let Some(&(n, l)) = own.get(style) {
                    num = num.or(n);
                    level = level.or(l);
                }
                at = based.get(style).copied();
            }
            if let Some(num) = num {
                let level = u8::try_from(level.unwrap_or(0)).unwrap_or(0);
                resolved.insert(id.to_owned(), (num, level));
            }
        }
        Self(resolved)
    }

    fn get(&self, style: &str) -> Option<(u32, u8)> {
        self.0.get(style).copied()
    }
}

/// Running counters of each list, as Word keeps them: lists sharing an abstract numbering
/// continue one another unless a list restarts with its own start values; a level that
/// advances restarts the deeper levels (those with `lvlRestart` only from the level named).
#[derive(Debug, Default)]
struct Counters(HashMap<(u32, bool), [Option<u32>; 9]>);

impl Counters {
    fn label(&mut self, numbering: &Numbering, num: u32, level: u8) -> String {
        let Some((abstract_id, overrides)) = numbering.nums.get(&num) else {
            return String::new();
        };
        let Some(levels) = numbering.abstracts.get(abstract_id) else {
            return String::new();
        };
        let start = |l: u8| {
            overrides
                .get(&l)
                .copied()
                .unwrap_or_else(|| levels.get(&l).map_or(1, |lv| lv.start))
        };
        let key = if overrides.is_empty() {
            (*abstract_id, false)
        } else {
            (num, true)
        };
        let counts = self.0.entry(key).or_insert([None; 9]);
        let l = level as usize;
        counts[l] = Some(counts[l].map_or(start(level), |c| c.saturating_add(1)));
        for (d, deeper) in counts.iter_mut().enumerate().skip(l + 1) {
            let restart_after = levels.get(&(d as u8)).and_then(|lv| lv.restart_after);
            if restart_after.is_none_or(|r| (l as u32) < r) {
                *deeper = None;
            }
        }
        let Some(this) = levels.get(&level) else {
            return String::new();
        };
        let mut label = String::new();
        let mut chars = this.text.chars().peekable();
        while let Some(c) = chars.next() {
            match (c, chars.peek().and_then(|d| d.to_digit(10))) {
                ('%', Some(d @ 1..=9)) => {
                    chars.next();
                    let k = d as u8 - 1;
                    let value = counts[k as usize].unwrap_or_else(|| start(k));
                    let format = levels.get(&k).map_or("decimal", |lv| lv.format.as_str());
                    label.push_str(&format_number(value, format));
                }
                _ => label.push(c),
            }
        }
        // A gap after `第一章` or `1`; labels ending in punctuation (`一、`, `1.`) need none.
        if this.suffix != "nothing" && label.chars().last().is_some_and(char::is_alphanumeric) {
            label.push(' ');
        }
        label
    }
}

const DIGITS: [char; 10] = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/// A list number in Word's `numFmt` style.
fn format_number(n: u32, format: &str) -> String {
    match format {
        "chineseCounting"
        | "chineseCountingThousand"
        | "taiwaneseCounting"
        | "taiwaneseCountingThousand" => chinese(n, &DIGITS, ['十', '百', '千']),
        "chineseLegalSimplified" => chinese(
            n,
            &['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'],
            ['拾', '佰', '仟'],
        ),
        "ideographTraditional" => cycle(n, "甲乙丙丁戊己庚辛壬癸"),
        "ideographZodiac" => cycle(n, "子丑寅卯辰巳午未申酉戌亥"),
        "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" if (1..=20).contains(&n) => {
            char::from_u32(0x2460 + n - 1).map_or_else(|| n.to_string(), String::from)
        }
        "decimalFullWidth" | "decimalFullWidth2" => n
            .to_string()
            .chars()
            .map(|c| char::from_u32(c as u32 - '0' as u32 + 0xFF10).unwrap_or(c))
            .collect(),
        "decimalZero" if n < 10 => format!("0{n}"),
        "lowerLetter" => letters(n).to_lowercase(),
        "upperLetter" => letters(n),
        "lowerRoman" => roman(n).to_lowercase(),
        "upperRoman" => roman(n),
        "none" => String::new(),
        _ => n.to_string(),
    }
}

/// 一 … 十, 十一, 二十一, 一百零五 (the counting style Word writes for Chinese lists).
fn chinese(n: u32, digits: &[char; 10], units: [char; 3]) -> String {
    if n == 0 || n >= 10_000 {
        return n.to_string();
    }
    let parts = [n / 1000, n / 100 % 10, n / 10 % 10, n % 10];
    let mut out = String::new();
    let mut zero = false;
    for (i, &d) in parts.iter().enumerate() {
        let unit = [Some(units[2]), Some(units[1]), Some(units[0]), None][i];
        if d == 0 {
            zero = !out.is_empty();
            continue;
        }
        if zero {
            out.push(digits[0]);
            zero = false;
        }
        // 十一, not 一十一, when the number starts with the tens.
        if !(i == 2 && d == 1 && out.is_empty()) {
            out.push(digits[d as usize]);
        }
        out.extend(unit);
    }
    out
}

fn cycle(n: u32, symbols: &str) -> String {
    let symbols: Vec<char> = symbols.chars().collect();
    let i = (n.max(1) - 1) as usize % symbols.len();
    symbols[i].to_string()
}

fn letters(n: u32) -> String {
    let n = n.max(1) - 1;
    let letter = char::from(b'A' + (n % 26) as u8);
    std::iter::repeat_n(letter, (n / 26 + 1).min(10) as usize).collect()
}

fn roman(mut n: u32) -> String {
    if n == 0 || n >= 4000 {
        return n.to_string();
    }
    let table = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (value, symbol) in table {
        while n >= value {
            out.push_str(symbol);
            n -= value;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(body: &str, numbering: &str) -> String {
        let wrap =
            |inner: &str, root: &str| format!(r#"<w:{root} xmlns:w="{W}">{inner}</w:{root}>"#);
        let document = wrap(&format!("<w:body>{body}</w:body>"), "document");
        let numbering = wrap(numbering, "numbering");
        let document = roxmltree::Document::parse(&document).unwrap();
        let numbering = Numbering::parse(&roxmltree::Document::parse(&numbering).unwrap());
        paragraphs(&document, &numbering, &StyleNumbers::default())
    }

    #[test]
    fn runs_join_and_paragraphs_break() {
        let xml = r#"<w:p><w:r><w:t>一、总体</w:t></w:r><w:r><w:t xml:space="preserve">要求 &amp; 目标</w:t></w:r></w:p><w:p><w:r><w:delText>删</w:delText><w:tab/><w:t>第二</w:t><w:br/><w:t>段</w:t></w:r></w:p><w:p/>"#;
        assert_eq!(text(xml, ""), "一、总体要求 & 目标\n\t第二\n段\n\n");
    }

    #[test]
    fn automatic_numbering_is_written_out() {
        let numbering = r#"<w:abstractNum w:abstractNumId="7">
            <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
            <w:lvl w:ilvl="1"><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/><w:suff w:val="nothing"/></w:lvl>
            <w:lvl w:ilvl="2"><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>
            <w:lvl w:ilvl="3"><w:numFmt w:val="decimal"/><w:lvlText w:val="第%1章%4"/></w:lvl>
          </w:abstractNum>
          <w:num w:numId="3"><w:abstractNumId w:val="7"/></w:num>"#;
        let p = |level: u8, t: &str| {
            format!(
                r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="3"/></w:numPr></w:pPr><w:r><w:t>{t}</w:t></w:r></w:p>"#
            )
        };
        let body = [
            p(0, "总体要求"),
            p(1, "指导思想。"),
            p(1, "总体目标。"),
            p(2, "到2020年。"),
            p(2, "到2025年。"),
            p(0, "重点任务"),
            p(1, "研究。"),
            p(2, "基础。"),
            "<w:p><w:r><w:t>正文</w:t></w:r></w:p>".into(),
            p(3, "附则"),
        ]
        .concat();
        assert_eq!(
            text(&body, numbering),
            "一、总体要求\n（一）指导思想。\n（二）总体目标。\n1.到2020年。\n2.到2025年。\n二、重点任务\n（一）研究。\n1.基础。\n正文\n第二章1 附则\n"
        );
    }

    #[test]
    fn a_level_restarts_only_where_lvl_restart_says() {
        let numbering = r#"<w:abstractNum w:abstractNumId="1">
            <w:lvl w:ilvl="0"><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
            <w:lvl w:ilvl="1"><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
            <w:lvl w:ilvl="2"><w:lvlRestart w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>
          </w:abstractNum>
          <w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>"#;
        let p = |level: u8| {
            format!(
                r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>x</w:t></w:r></w:p>"#
            )
        };
        let body: String = [0, 1, 2, 2, 1, 2, 0, 2].map(p).concat();
        assert_eq!(
            text(&body, numbering),
            "一、x\n（一）x\n1.x\n2.x\n（二）x\n3.x\n二、x\n1.x\n"
        );
    }

    #[test]
    fn chinese_numbers_as_on_paper() {
        let f = |n| format_number(n, "chineseCounting");
        assert_eq!(
            [f(1), f(10), f(11), f(20), f(21), f(105), f(110)],
            ["一", "十", "十一", "二十", "二十一", "一百零五", "一百一十"]
        );
        assert_eq!(format_number(3, "decimalEnclosedCircle"), "③");
        assert_eq!(format_number(2, "ideographTraditional"), "乙");
        assert_eq!(format_number(14, "upperRoman"), "XIV");
        assert_eq!(format_number(12, "decimalFullWidth"), "１２");
    }

    #[test]
    fn bad_archives_are_named() {
        let r = extract_text(Path::new("x.docx"), b"PK\x03\x04garbage");
        assert!(matches!(r, Err(LoadError::CorruptArchive { .. })), "{r:?}");
    }
}
