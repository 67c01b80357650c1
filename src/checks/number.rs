//! `number`: figures with their units that the child changed from the parent (到2020年 →
//! 到2022年, 100亿元 → 30亿元), with both values.

use std::ops::Range;

use super::{Check, CheckKind, Context};
use crate::compare::SpanClass;

fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

fn is_number_char(c: char) -> bool {
    is_digit(c) || matches!(c, '.' | '．' | ',' | '，' | '~' | '～' | '-' | '—')
}

/// Units a figure is written with, longest first.
const UNITS: &[&str] = &[
    "平方公里",
    "万平方米",
    "平方米",
    "亿千瓦时",
    "万千瓦",
    "千瓦",
    "亿美元",
    "万美元",
    "亿元",
    "万元",
    "千元",
    "元",
    "万人次",
    "万人",
    "人次",
    "人",
    "万户",
    "户",
    "万亩",
    "亩",
    "万吨",
    "吨",
    "公里",
    "千米",
    "米",
    "个百分点",
    "百分点",
    "%",
    "％",
    "‰",
    "倍",
    "个",
    "家",
    "项",
    "所",
    "座",
    "台",
    "套",
    "条",
    "款",
    "种",
    "批",
    "次",
    "年",
    "月",
    "日",
    "天",
    "小时",
    "分钟",
    "万",
    "亿",
    "G",
    "M",
    "T",
];

/// The figure around `range` in `chars`: the digit run it touches and the unit after it.
fn figure(chars: &[char], range: Range<usize>, limit: Range<usize>) -> Option<Range<usize>> {
    let mut start = range.start.max(limit.start);
    let mut end = range.end.min(limit.end);
    while start > limit.start && is_number_char(chars[start - 1]) {
        start -= 1;
    }
    while end < limit.end && is_number_char(chars[end]) {
        end += 1;
    }
    // Separators belong to a figure only inside it (2020年，…: the comma is not part of it).
    while start < end && !is_digit(chars[start]) {
        start += 1;
    }
    while end > start && !is_digit(chars[end - 1]) && !is_unit_start(chars, end - 1) {
        end -= 1;
    }
    if !chars[start..end].iter().any(|&c| is_digit(c)) {
        return None;
    }
    let rest: String = chars[end..limit.end.min(end + 5)].iter().collect();
    if let Some(unit) = UNITS.iter().find(|u| rest.starts_with(**u)) {
        end += unit.chars().count();
    }
    Some(start..end)
}

/// Whether figure `range` is part of a document number (〔2017〕35号): another document's
/// number cited in its place is a different citation, not a changed target.
fn in_document_number(chars: &[char], range: &Range<usize>) -> bool {
    let before = range.start.checked_sub(1).map(|i| chars[i]);
    let after = chars.get(range.end).copied();
    let opens = |c: Option<char>| matches!(c, Some('〔' | '[' | '［' | '﹝'));
    let closes = |c: Option<char>| matches!(c, Some('〕' | ']' | '］' | '﹞'));
    (opens(before) && closes(after)) || (closes(before) && after == Some('号'))
}

fn is_unit_start(chars: &[char], at: usize) -> bool {
    UNITS.iter().any(|u| u.starts_with(chars[at]))
}

pub(super) fn checks(cx: &Context) -> Vec<Check> {
    let child = cx.child;
    let parent = cx.parent;
    let body = super::body(child);
    let mut out: Vec<Check> = Vec::new();
    for span in &cx.comparison.spans {
        if span.class != SpanClass::Adapted {
            continue;
        }
        let Some(p) = &span.parent else { continue };
        if !body.contains(&span.range.start) || super::in_label(child, span.range.start) {
            continue;
        }
        let child_has = child.chars()[span.range.clone()]
            .iter()
            .any(|&c| is_digit(c));
        let parent_has = parent.chars()[p.clone()].iter().any(|&c| is_digit(c));
        if !child_has && !parent_has {
            continue;
        }
        let (Some(c), Some(pr)) = (
            figure(child.chars(), span.range.clone(), child.range.clone()),
            figure(parent.chars(), p.clone(), parent.range.clone()),
        ) else {
            continue;
        };
        if in_document_number(child.chars(), &c) || in_document_number(parent.chars(), &pr) {
            continue;
        }
        let text = cx.child_text(c.clone());
        let parent_text = cx.parent_text(pr.clone());
        if super::folded(&text) == super::folded(&parent_text) {
            continue;
        }
        if out.last().is_some_and(|last| last.range == c) {
            continue;
        }
        out.push(Check {
            kind: CheckKind::Number,
            note: format!("“{parent_text}”改为“{text}”"),
            range: c,
            text,
            parent: Some(pr),
            parent_text: Some(parent_text),
            expected: None,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::Document;
    use crate::checks::{CheckKind, run};
    use crate::compare::compare;

    #[test]
    fn a_changed_target_is_checked_and_a_cited_document_number_is_not() {
        let body = "一、总体要求\n各地要加快推进人工智能产业发展，培育龙头企业，完善创新体系，加强人才培养和引进。\n二、发展目标\n";
        let parent = Document::from_text(
            "p.txt",
            &format!("关于印发规划的通知\n为贯彻落实《新一代人工智能发展规划》（国发〔2017〕35号）精神，制定本方案。\n{body}到2020年，全省人工智能核心产业规模达到100亿元，带动相关产业规模显著增长。\n"),
        )
        .unwrap();
        let child = Document::from_text(
            "c.txt",
            &format!("关于印发规划的通知\n为贯彻落实《新一代人工智能发展规划的实施意见》（吉政发〔2017〕34号）精神，制定本方案。\n{body}到2020年，全省人工智能核心产业规模达到80亿元，带动相关产业规模显著增长。\n"),
        )
        .unwrap();
        let comparison = compare(&parent, &child);
        let numbers: Vec<String> = run(&parent, &child, &comparison)
            .into_iter()
            .filter(|c| c.kind == CheckKind::Number)
            .map(|c| c.note)
            .collect();
        assert_eq!(numbers, ["“100亿元”改为“80亿元”"]);
    }
}
