//! `level`: the parent's administrative wording left in the child: 全省 or 我省 in a city's
//! plan, a provincial department named as the body that acts.

use super::gazetteer::gazetteer;
use super::place::inside_titles;
use super::{Check, CheckKind, Context};

/// The character a division's documents call it by (省, 市, 州, 县, 区, 旗, 盟).
fn level_char(name: &str) -> Option<char> {
    if name.ends_with("自治区") || name.ends_with("特别行政区") {
        return Some('区');
    }
    if name.ends_with("地区") {
        return Some('区');
    }
    name.chars().last()
}

/// Words of the whole jurisdiction: 全省, 我省, 本省.
const WHOLE: [char; 3] = ['全', '我', '本'];

/// After 全省 these make a comparison with the rest of the province, which a city rightly
/// makes (在全省率先, 位居全省前列).
const RANKING_AFTER: &[&str] = &[
    "率先", "前列", "第一", "领先", "首位", "排名", "平均", "同类",
];
const RANKING_BEFORE: &[&str] = &["居", "列", "在", "于", "占", "高于", "低于", "领跑"];

/// Heads of the lists of responsible bodies that end a task (（牵头单位：…）).
const RESPONSIBLE: &[&str] = &[
    "牵头单位",
    "责任单位",
    "牵头部门",
    "责任部门",
    "配合单位",
    "负责单位",
];

/// Words after the level character that make a department or the government (省科技厅,
/// 省政府办公厅, 省发展改革委).
fn is_body(after: &[char]) -> bool {
    let text: String = after.iter().take(12).collect();
    if text.starts_with("政府") || text.starts_with("人民政府") || text.starts_with("直") {
        return true;
    }
    // A department name ends in 厅 / 委 / 局 / 办 within a few characters.
    text.chars()
        .take(9)
        .position(|c| matches!(c, '厅' | '委' | '局' | '办'))
        .is_some()
        && !text.starts_with('内')
        && !text.starts_with('外')
}

pub(super) fn checks(cx: &Context) -> Vec<Check> {
    let g = gazetteer();
    let (Some(parent), Some(child)) = (cx.places.parent, cx.places.child) else {
        return Vec::new();
    };
    if parent == child || !g.within(child, parent) {
        return Vec::new();
    }
    let (Some(p), Some(c)) = (
        level_char(g.divisions[parent].name),
        level_char(g.divisions[child].name),
    ) else {
        return Vec::new();
    };
    if p == c {
        return Vec::new();
    }
    let doc = cx.child;
    let chars = doc.chars();
    let range = doc.range.clone();
    let in_title = inside_titles(chars, range.clone());
    let body_start = doc.outline.front_matter.end.max(range.start);
    let mut out = Vec::new();
    let mut responsible_until = 0usize;
    for i in body_start..range.end {
        if in_title[i - range.start] {
            continue;
        }
        if RESPONSIBLE.iter().any(|w| starts_with(chars, i, w)) {
            responsible_until = chars[i..range.end]
                .iter()
                .position(|&ch| matches!(ch, '）' | ')' | '\n'))
                .map_or(range.end, |k| i + k);
        }
        if chars[i] != p {
            continue;
        }
        let before = i.checked_sub(1).map(|k| chars[k]);
        let after = &chars[i + 1..range.end.min(i + 13)];
        // 全省 / 我省 / 本省.
        if let Some(w) = before.filter(|b| WHOLE.contains(b)) {
            let after_text: String = after.iter().take(4).collect();
            let before_text: String = chars[i.saturating_sub(3).max(range.start)..i - 1]
                .iter()
                .collect();
            if w == '全'
                && (RANKING_AFTER.iter().any(|r| after_text.starts_with(r))
                    || RANKING_BEFORE.iter().any(|r| before_text.ends_with(r)))
            {
                continue;
            }
            out.push(level_check(cx, i - 1..i + 1, format!("{w}{c}"), p));
            continue;
        }
        // A body of the parent's level among those responsible for a task.
        let starts_item =
            before.is_none_or(|b| matches!(b, '：' | ':' | '、' | '，' | ',' | '；' | ';'));
        if i < responsible_until && starts_item && is_body(after) {
            let end = after
                .iter()
                .position(|&ch| matches!(ch, '、' | '，' | ',' | '；' | ';' | '）' | ')'))
                .map_or(i + 1 + after.len(), |k| i + 1 + k);
            let word: String = chars[i..end].iter().collect();
            // A province's departments are 厅, a city's 局 (省科技厅 → 市科技局, 办公厅 → 办公室).
            let mut rest: String = word.chars().skip(1).collect();
            if p == '省' && rest.ends_with('厅') {
                rest.pop();
                rest.push(if rest.ends_with("办公") {
                    '室'
                } else {
                    '局'
                });
            }
            let expected = format!("{c}{rest}");
            out.push(level_check(cx, i..end, expected, p));
        }
    }
    out
}

fn starts_with(chars: &[char], at: usize, word: &str) -> bool {
    (at..)
        .zip(word.chars())
        .all(|(k, w)| chars.get(k) == Some(&w))
}

fn level_check(cx: &Context, range: std::ops::Range<usize>, expected: String, p: char) -> Check {
    let text = cx.child_text(range.clone());
    Check {
        kind: CheckKind::Level,
        note: format!("“{text}”是上级（{p}）的用语"),
        range,
        text,
        parent: None,
        parent_text: None,
        expected: Some(expected),
    }
}
