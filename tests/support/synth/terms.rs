//! Localisation: the regions of the corpus, their administrative terms and local
//! counterparts (省→市), and which occurrences of terms and figures a child replaces.

use std::collections::HashMap;
use std::ops::Range;

use policy_lineage::document::normalize::is_space;

use super::Rng;
use super::edits::Edits;

/// A province (or municipality) whose documents the corpus holds, and the place its local
/// derivatives are named after.
pub(crate) struct Region {
    pub(crate) name: &'static str,
    pub(crate) key: &'static str,
    pub(crate) local: &'static str,
    /// A municipality's derivatives are district plans: 市→区 instead of 省→市.
    pub(crate) municipality: bool,
}

pub(crate) const fn province(name: &'static str, key: &'static str, local: &'static str) -> Region {
    Region {
        name,
        key,
        local,
        municipality: false,
    }
}

pub(crate) const REGIONS: &[Region] = &[
    province("甘肃", "gansu", "武威"),
    province("青海", "qinghai", "海东"),
    province("陕西", "shaanxi", "宝鸡"),
    province("贵州", "guizhou", "遵义"),
    province("四川", "sichuan", "绵阳"),
    province("湖北", "hubei", "宜昌"),
    province("山西", "shanxi", "大同"),
    province("山东", "shandong", "济宁"),
    Region {
        name: "天津",
        key: "tianjin",
        local: "滨海新区",
        municipality: true,
    },
];

/// Province-level words and their city-level counterparts.
pub(crate) const PROVINCE_TERMS: &[(&str, &str)] = &[
    ("省人民政府", "市人民政府"),
    ("省政府", "市政府"),
    ("全省", "全市"),
    ("我省", "我市"),
    ("本省", "本市"),
    ("省委", "市委"),
    ("省级", "市级"),
    ("省直", "市直"),
    ("省属", "市属"),
    ("省科技厅", "市科技局"),
    ("省教育厅", "市教育局"),
    ("省财政厅", "市财政局"),
    ("省人社厅", "市人社局"),
    ("省商务厅", "市商务局"),
    ("省公安厅", "市公安局"),
    ("省环保厅", "市环保局"),
    ("省文化厅", "市文化局"),
    ("省农牧厅", "市农牧局"),
    ("省交通运输厅", "市交通运输局"),
    ("省工业和信息化厅", "市工业和信息化局"),
    ("省发展改革委", "市发展改革委"),
    ("省工信委", "市工信局"),
    ("省经济和信息化委", "市经济和信息化局"),
    ("省卫生计生委", "市卫生计生委"),
    ("省旅游发展委", "市旅游发展委"),
    ("省大数据", "市大数据"),
    ("省统计局", "市统计局"),
    ("省工商局", "市工商局"),
    ("省知识产权局", "市知识产权局"),
    ("各市州", "各县区"),
    ("各市（州）", "各县（区）"),
    ("各市(州)", "各县(区)"),
    ("各市、自治州", "各县、区"),
    ("各市、州", "各县、区"),
];

/// Municipality-level words and their district-level counterparts.
pub(crate) const MUNICIPALITY_TERMS: &[(&str, &str)] = &[
    ("市人民政府", "区人民政府"),
    ("市政府", "区政府"),
    ("全市", "全区"),
    ("本市", "本区"),
    ("我市", "我区"),
    ("市委", "区委"),
    ("市科技局", "区科技局"),
    ("市发展改革委", "区发展改革委"),
    ("市工业和信息化局", "区工业和信息化局"),
];

/// A term and its local form, as chars.
pub(crate) type TermPair = (Vec<char>, Vec<char>);

/// A localised piece of parent text: `from` (parent chars) becomes `to`.
#[derive(Debug, Clone)]
pub(crate) struct Replacement {
    pub(crate) from: Range<usize>,
    pub(crate) to: Vec<char>,
}

/// Picks the region whose name the parent uses most.
pub(crate) fn detect_region(parent: &[char]) -> Option<&'static Region> {
    let text: String = parent.iter().collect();
    REGIONS
        .iter()
        .map(|region| (text.matches(region.name).count(), region))
        .filter(|&(count, _)| count > 0)
        .max_by_key(|&(count, _)| count)
        .map(|(_, region)| region)
}

/// Decides, occurrence by occurrence, which terms and figures of the parent the child
/// localises.
pub(crate) fn plan_replacements(parent: &[char], rng: &mut Rng, edits: &Edits) -> Vec<Replacement> {
    let region = detect_region(parent);
    let municipality = region.map_or_else(
        || {
            let text: String = parent.iter().collect();
            text.matches('市').count() > text.matches('省').count()
        },
        |r| r.municipality,
    );
    let mut pairs: Vec<(String, String)> = if municipality {
        MUNICIPALITY_TERMS
    } else {
        PROVINCE_TERMS
    }
    .iter()
    .map(|&(from, to)| (from.to_owned(), to.to_owned()))
    .collect();
    if let Some(region) = region {
        if region.municipality {
            pairs.push((format!("{}市", region.name), region.local.to_owned()));
        } else {
            pairs.push((format!("{}省", region.name), format!("{}市", region.local)));
            pairs.push((region.name.to_owned(), region.local.to_owned()));
        }
    }
    // Longest first, so that 省人民政府 wins over 省委 and 甘肃省 over 甘肃.
    let mut by_first: HashMap<char, Vec<TermPair>> = HashMap::new();
    for (from, to) in pairs {
        let from: Vec<char> = from.chars().collect();
        by_first
            .entry(from[0])
            .or_default()
            .push((from, to.chars().collect()));
    }
    for list in by_first.values_mut() {
        list.sort_by_key(|(from, _)| std::cmp::Reverse(from.len()));
    }

    let mut years: HashMap<u32, u32> = HashMap::new();
    let mut out = Vec::new();
    let mut i = 0;
    while i < parent.len() {
        let term = by_first
            .get(&parent[i])
            .and_then(|list| list.iter().find(|(from, _)| parent[i..].starts_with(from)));
        if let Some((from, to)) = term {
            if rng.chance(edits.substitute_term) {
                out.extend(term_pieces(i, from, to));
            }
            i += from.len();
            continue;
        }
        if parent[i].is_ascii_digit() {
            let end = (i..parent.len())
                .find(|&j| !parent[j].is_ascii_digit())
                .unwrap_or(parent.len());
            if let Some(to) = new_number(parent, i..end, &mut years, rng)
                && rng.chance(edits.substitute_number)
            {
                out.push(Replacement { from: i..end, to });
            }
            i = end;
            continue;
        }
        i += 1;
    }
    out
}

/// Shared runs at least this long inside a replaced term stay inherited.
pub(crate) const MIN_SHARED_INSIDE_TERM: usize = 3;

/// The changed pieces of one term occurrence at `at`: the term minus the prefix and suffix the
/// replacement shares with it (省政府→市政府: 省→市; 各市、自治州→各县、区: 市、自治州→县、区).
/// Shorter shared runs inside stay in the piece (省科技厅→市科技局 is one piece); a longer one
/// splits it (省经济和信息化委→市经济和信息化局: 省→市 and 委→局), as any aligner would.
pub(crate) fn term_pieces(at: usize, from: &[char], to: &[char]) -> Vec<Replacement> {
    let shorter = from.len().min(to.len());
    let prefix = (0..shorter).take_while(|&k| from[k] == to[k]).count();
    let suffix = (0..shorter - prefix)
        .take_while(|&k| from[from.len() - 1 - k] == to[to.len() - 1 - k])
        .count();
    let (from_end, to_end) = (from.len() - suffix, to.len() - suffix);
    let piece = |from_range: Range<usize>, to_range: Range<usize>| Replacement {
        from: at + from_range.start..at + from_range.end,
        to: to[to_range].to_vec(),
    };
    if from.len() != to.len() {
        return vec![piece(prefix..from_end, prefix..to_end)];
    }
    // Same length: positions correspond one to one, so long shared runs can be cut out.
    let mut out = Vec::new();
    let mut start = prefix;
    let mut k = prefix;
    while k < from_end {
        let same = (k..from_end).take_while(|&m| from[m] == to[m]).count();
        if same >= MIN_SHARED_INSIDE_TERM {
            out.push(piece(start..k, start..k));
            start = k + same;
        }
        k += same.max(1);
    }
    out.push(piece(start..from_end, start..from_end));
    out
}

/// A new value for a year (to 年 or a year range; mapped consistently: every changed 2020
/// becomes the same year) or a target figure (before a unit), or `None` for other numbers
/// (document numbers, dates, list labels, decimals).
pub(crate) fn new_number(
    parent: &[char],
    run: Range<usize>,
    years: &mut HashMap<u32, u32>,
    rng: &mut Rng,
) -> Option<Vec<char>> {
    let digits: String = parent[run.clone()].iter().collect();
    let value: u64 = digits.parse().ok()?;
    let before = run.start.checked_sub(1).map(|i| parent[i]);
    let after = parent[run.end..].iter().copied().find(|&c| !is_space(c));
    if matches!(before, Some('.' | '．')) || matches!(parent.get(run.end), Some('.' | '．')) {
        return None;
    }
    let new = if digits.len() == 4
        && (1990..=2050).contains(&value)
        && !matches!(before, Some('〔' | '[' | '【'))
        && matches!(after, Some('年' | '—' | '-' | '–' | '~' | '～' | '至'))
    {
        let year = value as u32;
        u64::from(
            *years
                .entry(year)
                .or_insert_with(|| year + 1 + rng.below(3) as u32),
        )
    } else if value >= 2
        && matches!(
            after,
            Some('亿' | '万' | '个' | '家' | '项' | '%' | '％' | '倍' | '所' | '座' | '台' | '户')
        )
    {
        let factor = if rng.chance(0.5) {
            rng.between(0.3, 0.8)
        } else {
            rng.between(1.2, 3.0)
        };
        let new = ((value as f64 * factor).round() as u64).max(1);
        if new == value { value + 1 } else { new }
    } else {
        return None;
    };
    Some(new.to_string().chars().collect())
}
