//! Front matter and closing: title, document number, addressees, covering notice, signature
//! and date.

use super::*;

/// What the head of the document holds, as line indices.
#[derive(Debug, Default)]
pub(super) struct Front {
    /// The number of lines of front matter.
    pub(super) lines: usize,
    pub(super) title: Option<usize>,
    pub(super) doc_number: Option<usize>,
    pub(super) addressees: Option<usize>,
    pub(super) signature: Option<usize>,
    pub(super) date: Option<usize>,
}

/// The comparable form of a line, white space removed (`（` is `(`, `〔` is `[`, `—` is `-`).
pub(super) fn folded(text: &[char]) -> Vec<char> {
    let mut out = Vec::with_capacity(text.len());
    for &c in text {
        if !is_space(c) {
            fold(c, &mut out);
        }
    }
    out
}

pub(super) fn starts(t: &[char], s: &str) -> bool {
    s.chars().enumerate().all(|(k, c)| t.get(k) == Some(&c))
}

pub(super) fn ends(t: &[char], s: &str) -> bool {
    let n = s.chars().count();
    n <= t.len() && starts(&t[t.len() - n..], s)
}

pub(super) fn find(t: &[char], s: &str) -> Option<usize> {
    (0..t.len()).find(|&i| starts(&t[i..], s))
}

pub(super) const SENTENCE_PUNCTUATION: &[char] = &['。', ',', ';', ':', '!', '?'];
pub(super) const DOC_TYPES: &[&str] = &[
    "通知", "意见", "方案", "规划", "计划", "办法", "决定", "细则", "纲要", "规定", "措施", "条例",
    "指南", "报告", "通告", "公告", "决议", "批复", "函", "纪要", "要点", "清单", "目录",
];

/// A document title: no sentence punctuation, ends with a kind of document (`…实施方案`,
/// `…行动计划(2019-2021年)`).
pub(super) fn title_like(t: &[char]) -> bool {
    if !(4..=80).contains(&t.len()) || t.iter().any(|c| SENTENCE_PUNCTUATION.contains(c)) {
        return false;
    }
    let mut t = t;
    while t.last() == Some(&')') {
        match t.iter().rposition(|&c| c == '(') {
            Some(open) => t = &t[..open],
            None => break,
        }
    }
    DOC_TYPES.iter().any(|d| ends(t, d))
}

/// `武政办发〔2018〕250号`.
pub(super) fn is_doc_number(t: &[char]) -> bool {
    let Some(open) = t.iter().position(|&c| c == '[' || c == '(') else {
        return false;
    };
    let year = &t[(open + 1).min(t.len())..];
    t.len() <= 40
        && open > 0
        && ends(t, "号")
        && !t[..open].iter().any(|c| SENTENCE_PUNCTUATION.contains(c))
        && year.len() > 6
        && year[..4].iter().all(char::is_ascii_digit)
        && matches!(year[4], ']' | ')')
        && year[5..year.len() - 1].iter().all(char::is_ascii_digit)
}

pub(super) fn is_chinese_digit(c: char) -> bool {
    matches!(
        c,
        '〇' | '○' | 'O' | '零' | '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九'
    )
}

pub(super) fn is_date_numeral(c: char) -> bool {
    c.is_ascii_digit() || is_chinese_digit(c) || c == '十'
}

/// `2018年12月20日` or `二〇一八年十二月二十日`.
pub(super) fn is_date(t: &[char]) -> bool {
    let year_ok = t.len() > 4
        && t[..4]
            .iter()
            .all(|&c| c.is_ascii_digit() || is_chinese_digit(c));
    if !year_ok || t[4] != '年' {
        return false;
    }
    let mut rest = &t[5..];
    for unit in ['月', '日'] {
        let n = rest.iter().take_while(|&&c| is_date_numeral(c)).count();
        if !(1..=3).contains(&n) || rest.get(n) != Some(&unit) {
            return false;
        }
        rest = &rest[n + 1..];
    }
    rest.is_empty()
}

/// `各县、区人民政府,市政府各部门……:`.
pub(super) fn is_addressees(t: &[char]) -> bool {
    let listed = t.contains(&'各')
        || find(t, "有关").is_some()
        || find(t, "单位").is_some()
        || find(t, "部门").is_some();
    (2..=200).contains(&t.len()) && t.last() == Some(&':') && !t.contains(&'。') && listed
}

/// `(征求意见稿)`, `(2018-2020年)`, `(此件公开发布)`.
pub(super) fn short_parenthetical(t: &[char]) -> bool {
    t.len() <= 24 && t.first() == Some(&'(') && t.last() == Some(&')') && !t.contains(&'。')
}

/// A name on its own line: `武威市人民政府办公室`.
pub(super) fn signature_like(t: &[char]) -> bool {
    (2..=40).contains(&t.len())
        && !t
            .iter()
            .any(|&c| SENTENCE_PUNCTUATION.contains(&c) || matches!(c, '、' | '"' | '《' | '》'))
        && !t[0].is_ascii_digit()
        && !is_date(t)
        && !is_doc_number(t)
}

/// `附件`, `附件1`, `附件:`.
pub(super) fn is_attachment_marker(t: &[char]) -> bool {
    starts(t, "附件") && t[2..].iter().all(|&c| c.is_ascii_digit() || c == ':')
}

/// `《X》` without the brackets, when the text is one.
pub(super) fn unquote(t: &[char]) -> &[char] {
    match t {
        ['《', inner @ .., '》'] => inner,
        _ => t,
    }
}

/// The names of the plans a notice issues: `关于印发X的通知`, `现将《X》印发…`, `附件:X`.
pub(super) fn plan_names(t: &[char], out: &mut Vec<Vec<char>>) {
    if title_like(t) && find(t, "关于").is_some() && ends(t, "通知") {
        let verb = ["印发", "转发", "颁布"].iter().find_map(|v| find(t, v));
        if let Some(verb) = verb {
            let mut name = &t[(verb + 2).min(t.len() - 2)..t.len() - 2];
            if name.last() == Some(&'的') {
                name = &name[..name.len() - 1];
            }
            if let (Some(open), Some(close)) = (
                name.iter().position(|&c| c == '《'),
                name.iter().rposition(|&c| c == '》'),
            ) && open < close
            {
                name = &name[open + 1..close];
            }
            out.push(name.to_vec());
        }
    }
    if starts(t, "附件")
        && let Some(colon) = t.iter().position(|&c| c == ':')
    {
        let name = unquote(&t[colon + 1..]);
        if !name.is_empty() {
            out.push(name.to_vec());
        }
    }
    let mut i = 0;
    while let Some(open) = (i..t.len()).find(|&k| t[k] == '《') {
        let mut depth = 0usize;
        let Some(close) = (open..t.len()).find(|&k| {
            match t[k] {
                '《' => depth += 1,
                '》' => depth -= 1,
                _ => {}
            }
            depth == 0
        }) else {
            break;
        };
        // `《X》印发给你们`, `《X》已经省政府同意，现印发…`: the verb follows closely, in the
        // same sentence (a bounded look, so many quoted titles stay linear).
        let reach = t.len().min(close + ISSUE_VERB_REACH);
        let sentence_end = (close..reach).find(|&k| t[k] == '。').unwrap_or(reach);
        let after = &t[close..sentence_end];
        if find(after, "印发").is_some() || find(after, "转发").is_some() {
            out.push(t[open + 1..close].to_vec());
        }
        i = close + 1;
    }
}

/// Whether a line is the title of the plan named `name` (the line may leave out or add a
/// parenthesised part: `…行动计划(2019—2021年)` for `…行动计划(2019-2021年)(征求意见稿)`).
pub(super) fn is_plan_title(t: &[char], name: &[char]) -> bool {
    if t.len() < 4 || name.is_empty() {
        return false;
    }
    t == name
        || (t.len() >= 6 && name.starts_with(t) && name[t.len()] == '(')
        || (t.starts_with(name) && t[name.len()] == '(' && t.last() == Some(&')'))
}

/// Finds the front matter among the lines before the first heading.
pub(super) fn front_matter(chars: &[char], lines: &[Line], labels: &[Option<Label>]) -> Front {
    let head = labels
        .iter()
        .take(FRONT_MATTER_LINES)
        .position(Option::is_some)
        .unwrap_or(lines.len().min(FRONT_MATTER_LINES));
    let f: Vec<Vec<char>> = lines[..head]
        .iter()
        .map(|l| folded(&chars[l.start..l.end]))
        .collect();

    // A notice that issues a plan: everything up to the plan's own title line.
    let mut names: Vec<(usize, Vec<char>)> = Vec::new();
    let mut plan = None;
    for (i, t) in f.iter().enumerate() {
        let named = t.len() <= 100
            && names
                .iter()
                .any(|(at, name)| *at < i && is_plan_title(t, name));
        let after_marker = i > 0 && is_attachment_marker(&f[i - 1]) && title_like(t);
        if named || after_marker {
            plan = Some(i);
            break;
        }
        let mut found = Vec::new();
        plan_names(t, &mut found);
        let room = MAX_CANDIDATES.saturating_sub(names.len());
        names.extend(found.into_iter().take(room).map(|n| (i, n)));
    }
    if let Some(t) = plan {
        let mut lines = t + 1;
        while lines < head && lines - t <= 2 && short_parenthetical(&f[lines]) {
            lines += 1;
        }
        let date = (0..t).rev().find(|&i| is_date(&f[i]));
        let addressees = (0..t).find(|&i| is_addressees(&f[i]));
        let signature = date
            .filter(|&d| d > 0 && Some(d - 1) != addressees && signature_like(&f[d - 1]))
            .map(|d| d - 1);
        return Front {
            lines,
            title: Some(t),
            doc_number: (0..t).find(|&i| is_doc_number(&f[i])),
            addressees,
            signature,
            date,
        };
    }

    // A document with its own heading block: title, number, addressees, all short lines.
    let block = f
        .iter()
        .take(HEAD_BLOCK_LINES)
        .position(|t| !is_addressees(t) && (t.len() > 60 || t.contains(&'。')))
        .unwrap_or(f.len().min(HEAD_BLOCK_LINES));
    let doc_number = (0..block).find(|&i| is_doc_number(&f[i]));
    let addressees = (0..block).find(|&i| is_addressees(&f[i]));
    match (doc_number, addressees) {
        (None, None) => {
            let titled = f.first().is_some_and(|t| title_like(t));
            let mut lines = usize::from(titled);
            while titled && lines < head && lines <= 2 && short_parenthetical(&f[lines]) {
                lines += 1;
            }
            Front {
                lines,
                title: titled.then_some(0),
                ..Front::default()
            }
        }
        (d, a) => {
            let last = d.into_iter().chain(a).max().unwrap_or(0);
            Front {
                lines: last + 1,
                // The title nearest the number and addressees (web chrome may repeat it).
                title: (0..last).rev().find(|&i| title_like(&f[i])),
                doc_number,
                addressees,
                ..Front::default()
            }
        }
    }
}

/// A signature and date closing the document.
pub(super) struct Closing {
    /// The first line of the closing block.
    pub(super) first: usize,
    pub(super) signature: Option<usize>,
    pub(super) date: usize,
}

pub(super) fn closing_block(
    chars: &[char],
    lines: &[Line],
    labels: &[Option<Label>],
    body_start: usize,
) -> Option<Closing> {
    let text = |i: usize| folded(&chars[lines[i].start..lines[i].end]);
    let mut date = lines.len().checked_sub(1)?;
    if date > body_start && short_parenthetical(&text(date)) {
        date -= 1;
    }
    // Something of the body must come before the closing block.
    if date <= body_start || !is_date(&text(date)) {
        return None;
    }
    let signature = Some(date - 1)
        .filter(|&s| s > body_start && labels[s].is_none() && signature_like(&text(s)));
    Some(Closing {
        first: signature.unwrap_or(date),
        signature,
        date,
    })
}
