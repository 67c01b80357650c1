//! China's administrative divisions (provinces, prefectures, counties and their towns) from
//! `assets/gazetteer/divisions.tsv`, and finding their names in text.
//!
//! The table is compiled in but parsed only the first time a check asks for it.

use std::ops::Range;
use std::sync::OnceLock;

use rustc_hash::FxHashMap;

const TABLE: &str = include_str!("../../assets/gazetteer/divisions.tsv");

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    Province,
    Prefecture,
    County,
    Town,
}

#[derive(Debug, Clone)]
pub struct Division {
    /// GB/T 2260 code (2, 4 or 6 digits); empty for towns, which the table lists by name.
    pub code: String,
    pub name: String,
    pub level: Level,
    pub parent: Option<usize>,
}

/// A name found in text: the divisions it may stand for (a name several places share).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// Indices into the `chars` slice that was scanned.
    pub range: Range<usize>,
    pub divisions: Vec<usize>,
    /// The name as written is a short form (甘肃 for 甘肃省).
    pub short: bool,
}

#[derive(Debug, Clone, Copy)]
struct Form {
    division: usize,
    /// A short form (甘肃 for 甘肃省).
    short: bool,
    /// Counts only where a name can start ([`starts_name`]): two-character county names (文县
    /// is inside 公文县城) and word-like town names.
    bounded: bool,
}

pub struct Gazetteer {
    pub divisions: Vec<Division>,
    /// Name form -> the divisions it names.
    forms: FxHashMap<Vec<char>, Vec<Form>>,
    longest: usize,
}

/// The gazetteer, parsed on first use.
pub fn gazetteer() -> &'static Gazetteer {
    static CELL: OnceLock<Gazetteer> = OnceLock::new();
    CELL.get_or_init(|| Gazetteer::parse(TABLE))
}

/// Suffixes a province-level name drops in running text (广西壮族自治区 → 广西).
const PROVINCE_SUFFIXES: &[&str] = &[
    "维吾尔自治区",
    "壮族自治区",
    "回族自治区",
    "特别行政区",
    "自治区",
    "省",
    "市",
];

/// Suffixes a prefecture drops (临夏回族自治州 → 临夏 is handled by [`short_form`]).
const PREFECTURE_SUFFIXES: &[&str] = &["地区", "市", "盟"];

/// Short prefecture names that are also ordinary words, or that ordinary phrases spell
/// across a word boundary (确保定期 holds 保定, 推广安全 holds 广安): only their full names
/// count.
const AMBIGUOUS_SHORT: &[&str] = &[
    "白银", "朝阳", "保定", "长治", "大同", "四平", "阿里", "大理", "新乡", "广安", "运城", "兴安",
    "来宾", "海口", "海东", "海北", "海西", "海南", "和田", "通化", "中卫", "安康", "定西", "吉安",
    "三明", "承德", "大庆", "黄山", "白山", "玉树", "普洱", "红河", "丽水", "南平", "六安", "北海",
    "清远", "河池", "河源", "阳江", "怒江", "黑河", "吉林", "营口", "金华", "鹤壁", "文山", "兴义",
];

/// Full names that are also ordinary phrases (建设新城区, 示范县, 创新县域).
const AMBIGUOUS_FULL: &[&str] = &[
    "新城区",
    "市中区",
    "城中区",
    "新市区",
    "开发区",
    "高新区",
    "城区",
    "矿区",
    "郊区",
    "东区",
    "西区",
    "和县",
    "范县",
    "新县",
    "南县",
];

/// Characters a town name never starts with in practice, but running text puts before a
/// town-like word (城乡和村镇 holds 和村镇).
const NOT_TOWN_START: &str = "和与及的在对从向为是或并等各全每本我该其之以于把被将让由";

/// Endings of town names that are words of their own (统筹城乡, 新型城镇): such a town counts
/// only where a name can start (平台城乡 holds no 台城乡).
const WORDLIKE_TOWN_ENDINGS: &[&str] = &[
    "城乡", "村镇", "城镇", "乡镇", "集镇", "小镇", "古镇", "重镇",
];

/// Characters before which a two-character county name can end (和谐文县和决胜…).
fn ends_name(after: Option<char>) -> bool {
    after.is_none_or(|c| !is_ideograph(c) || "和与及等".contains(c))
}

fn is_ideograph(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c) || ('\u{3400}'..='\u{4dbf}').contains(&c)
}

/// Characters after which a name can start: punctuation, the division it lies in (陇南市文县),
/// and a few prepositions (在文县).
fn starts_name(before: Option<char>) -> bool {
    before.is_none_or(|c| !is_ideograph(c) || "省市州县区盟旗在和与及到至对向从于".contains(c))
}

/// Peoples named in autonomous prefectures (黔东南苗族侗族自治州, 伊犁哈萨克自治州).
const PEOPLES: &[&str] = &[
    "维吾尔",
    "哈萨克",
    "柯尔克孜",
    "蒙古",
    "朝鲜",
    "土家",
    "布依",
    "傈僳",
    "景颇",
    "哈尼",
    "藏",
    "回",
    "苗",
    "侗",
    "彝",
    "壮",
    "傣",
    "白",
    "羌",
    "黎",
    "瑶",
];

/// The place part of an autonomous prefecture's name: 临夏回族自治州 → 临夏,
/// 黔东南苗族侗族自治州 → 黔东南; `None` for other names.
fn autonomous_short(name: &str) -> Option<&str> {
    let mut stem = name.strip_suffix("自治州")?;
    loop {
        let without = stem.strip_suffix('族').unwrap_or(stem);
        match PEOPLES.iter().find_map(|p| without.strip_suffix(p)) {
            Some(rest) if rest.chars().count() >= 2 => stem = rest,
            _ => return Some(stem),
        }
    }
}

fn short_form(name: &str, level: Level) -> Option<&str> {
    let short = match level {
        Level::Province => PROVINCE_SUFFIXES
            .iter()
            .find_map(|s| name.strip_suffix(s))?,
        Level::Prefecture => autonomous_short(name).or_else(|| {
            PREFECTURE_SUFFIXES
                .iter()
                .find_map(|s| name.strip_suffix(s))
        })?,
        // County and town names are matched in full only: their short forms are too often
        // ordinary words (资源县, 合作市, 公安县).
        Level::County | Level::Town => return None,
    };
    (short.chars().count() >= 2 && !AMBIGUOUS_SHORT.contains(&short)).then_some(short)
}

impl Gazetteer {
    fn parse(table: &str) -> Self {
        let mut divisions: Vec<Division> = Vec::new();
        let mut by_code: FxHashMap<&str, usize> = FxHashMap::default();
        for line in table.lines() {
            let mut fields = line.split('\t');
            let (Some(code), Some(name)) = (fields.next(), fields.next()) else {
                continue;
            };
            let level = match code.len() {
                2 => Level::Province,
                4 => Level::Prefecture,
                6 => Level::County,
                _ => continue,
            };
            // The nearest listed prefix is the parent (a county of a municipality hangs
            // under the province: the table has no 市辖区 lines).
            let parent = [4, 2]
                .iter()
                .filter(|&&n| n < code.len())
                .find_map(|&n| by_code.get(&code[..n]).copied());
            let id = divisions.len();
            divisions.push(Division {
                code: code.to_owned(),
                name: name.to_owned(),
                level,
                parent,
            });
            by_code.insert(code, id);
            if let Some(towns) = fields.next() {
                for town in towns.split(' ').filter(|t| !t.is_empty()) {
                    divisions.push(Division {
                        code: String::new(),
                        name: town.to_owned(),
                        level: Level::Town,
                        parent: Some(id),
                    });
                }
            }
        }
        let mut forms: FxHashMap<Vec<char>, Vec<Form>> = FxHashMap::default();
        for (id, d) in divisions.iter().enumerate() {
            let len = d.name.chars().count();
            let county_pair = len == 2 && d.level == Level::County;
            let full_ok = (len >= 3 || county_pair)
                && !AMBIGUOUS_FULL.contains(&d.name.as_str())
                && !(d.level == Level::Town && d.name.starts_with(|c| NOT_TOWN_START.contains(c)));
            let bounded = county_pair
                || (d.level == Level::Town
                    && WORDLIKE_TOWN_ENDINGS.iter().any(|e| d.name.ends_with(e)));
            if full_ok {
                forms
                    .entry(d.name.chars().collect())
                    .or_default()
                    .push(Form {
                        division: id,
                        short: false,
                        bounded,
                    });
            }
            if let Some(short) = short_form(&d.name, d.level) {
                forms
                    .entry(short.chars().collect())
                    .or_default()
                    .push(Form {
                        division: id,
                        short: true,
                        bounded: false,
                    });
            }
        }
        // A province's short form is its own even where a prefecture shares it (吉林).
        let longest = forms.keys().map(Vec::len).max().unwrap_or(0);
        Self {
            divisions,
            forms,
            longest,
        }
    }

    /// The division and its ancestors, nearest first.
    pub fn lineage(&self, id: usize) -> impl Iterator<Item = usize> + '_ {
        std::iter::successors(Some(id), |&d| self.divisions[d].parent)
    }

    /// Whether `id` is `ancestor` or lies inside it.
    pub fn within(&self, id: usize, ancestor: usize) -> bool {
        self.lineage(id).any(|d| d == ancestor)
    }

    /// Divisions called exactly `name` (full name or short form).
    pub fn lookup(&self, name: &str) -> Vec<usize> {
        let key: Vec<char> = name.chars().collect();
        self.forms
            .get(&key)
            .map(|v| v.iter().map(|f| f.division).collect())
            .unwrap_or_default()
    }

    /// The names in `chars`, left to right, longest first where names overlap
    /// (武威市 over 武威, 天祝藏族自治县 over 天祝).
    pub fn scan(&self, chars: &[char]) -> Vec<Mention> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < chars.len() {
            let before = i.checked_sub(1).map(|k| chars[k]);
            let mut found = None;
            for len in (2..=self.longest.min(chars.len() - i)).rev() {
                if let Some(hits) = self.forms.get(&chars[i..i + len]) {
                    let usable: Vec<Form> = hits
                        .iter()
                        .copied()
                        .filter(|f| {
                            !f.bounded
                                || starts_name(before)
                                || (len == 2 && ends_name(chars.get(i + len).copied()))
                        })
                        .collect();
                    if !usable.is_empty() {
                        found = Some((len, usable));
                        break;
                    }
                }
            }
            match found {
                Some((len, hits)) => {
                    let mut divisions: Vec<usize> = hits.iter().map(|f| f.division).collect();
                    divisions.sort_unstable();
                    divisions.dedup();
                    out.push(Mention {
                        range: i..i + len,
                        divisions,
                        short: hits.iter().all(|f| f.short),
                    });
                    i += len;
                }
                None => i += 1,
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(g: &Gazetteer, text: &str) -> Vec<String> {
        let chars: Vec<char> = text.chars().collect();
        g.scan(&chars)
            .iter()
            .map(|m| chars[m.range.clone()].iter().collect())
            .collect()
    }

    #[test]
    fn the_table_holds_every_level_with_parents() {
        let g = gazetteer();
        let count = |level| g.divisions.iter().filter(|d| d.level == level).count();
        assert_eq!(count(Level::Province), 31);
        assert!(
            count(Level::Prefecture) > 330,
            "{}",
            count(Level::Prefecture)
        );
        assert!(count(Level::County) > 2800, "{}", count(Level::County));
        assert!(count(Level::Town) > 29000, "{}", count(Level::Town));
        let wuwei = g.lookup("武威市")[0];
        assert_eq!(g.divisions[wuwei].code, "6206");
        let gansu = g.lookup("甘肃省")[0];
        assert!(g.within(wuwei, gansu));
        let tianzhu = g.lookup("天祝藏族自治县")[0];
        assert_eq!(g.divisions[tianzhu].parent, Some(wuwei));
        // A district of a municipality hangs under the municipality itself.
        let dongcheng = g.lookup("东城区");
        assert!(dongcheng.iter().any(|&d| g.divisions[d].code == "110101"
            && g.divisions[g.divisions[d].parent.unwrap()].name == "北京市"));
        let town = g.lookup("黄羊镇")[0];
        assert_eq!(g.divisions[town].level, Level::Town);
        assert!(g.within(town, wuwei));
    }

    #[test]
    fn finds_full_and_short_names_longest_first() {
        let g = gazetteer();
        assert_eq!(
            names(g, "武威市与甘肃省、兰州、临夏和天祝藏族自治县"),
            ["武威市", "甘肃省", "兰州", "临夏", "天祝藏族自治县"]
        );
        assert_eq!(names(g, "广西、内蒙古和甘南"), ["广西", "内蒙古", "甘南"]);
    }

    #[test]
    fn ordinary_words_are_not_places() {
        let g = gazetteer();
        for text in [
            "整合资源，加强合作，公安机关",
            "确保定期检查，推广安全技术",
            "统筹城乡和村镇建设，平台城乡一体化",
            "建设新城区，白银价格",
        ] {
            assert!(names(g, text).is_empty(), "{text}: {:?}", names(g, text));
        }
    }
}
