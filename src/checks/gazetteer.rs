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
    pub code: &'static str,
    pub name: &'static str,
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
    /// A short form that is also an ordinary word ([`AMBIGUOUS_SHORT`]): counts only where
    /// the text around it makes it a place name ([`Gazetteer::confirm`]).
    ambiguous: bool,
    /// The form's next reading in `Gazetteer::forms` ([`END`]: none).
    next: u32,
}

/// The end of a chain of readings.
const END: u32 = u32::MAX;

pub struct Gazetteer {
    pub divisions: Vec<Division>,
    /// Every name form's readings, each form's chained in table order through `next`.
    forms: Vec<Form>,
    /// Name form -> its first and last reading in `forms`.
    by_form: FxHashMap<&'static str, (u32, u32)>,
    /// The first two characters of a form -> the longest form starting with them, so that a
    /// scan looks up only lengths that can match (most places start no name).
    longest: FxHashMap<[char; 2], usize>,
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
/// across a word boundary (确保定期 holds 保定, 推广安全 holds 广安): they count where the
/// text around them makes them place names ([`Gazetteer::confirm`]), their full names always.
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
    (short.chars().count() >= 2).then_some(short)
}

/// What may follow a short name to make it a place's (白银新区, 定西经开区, 红河州).
const PLACE_SUFFIXES: &[&str] = &[
    "经济技术开发区",
    "高新技术产业开发区",
    "经开区",
    "高新区",
    "开发区",
    "新区",
    "工业园区",
    "产业园区",
    "工业园",
    "产业园",
    "园区",
    "片区",
    "试验区",
    "地区",
    "区",
    "县",
    "州",
    "盟",
    "市",
];

/// Ordinary words that begin with an ambiguous short name (阿里巴巴, 大同小异).
const NOT_PLACES: &[&str] = &[
    "阿里巴巴",
    "阿里云",
    "大同小异",
    "三明治",
    "朝阳产业",
    "北海道",
    "红河谷",
    "新乡贤",
    "文山会海",
    "大理石",
    "白山黑水",
    "长治久安",
    "四平八稳",
];

/// Characters that separate the items of an enumeration, or end one.
const ITEM_ENDS: &str = "、，,。；;：:（）()“”\"和与及等\n";

/// Characters joining two items of one enumeration (兰州、白银和定西).
const ITEM_JOINS: &str = "、和与及";

impl Gazetteer {
    fn parse(table: &'static str) -> Self {
        let lines = table.lines().count();
        let mut divisions: Vec<Division> = Vec::with_capacity(lines);
        let mut by_code: FxHashMap<&str, usize> = FxHashMap::default();
        by_code.reserve(lines);
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
                code,
                name,
                level,
                parent,
            });
            by_code.insert(code, id);
            if let Some(towns) = fields.next() {
                for town in towns.split(' ').filter(|t| !t.is_empty()) {
                    divisions.push(Division {
                        code: "",
                        name: town,
                        level: Level::Town,
                        parent: Some(id),
                    });
                }
            }
        }
        // Readings chained per form: one allocation for all, not one per form.
        let mut forms: Vec<Form> = Vec::with_capacity(divisions.len() + 64);
        let mut by_form: FxHashMap<&'static str, (u32, u32)> = FxHashMap::default();
        by_form.reserve(divisions.len());
        let mut longest: FxHashMap<[char; 2], usize> = FxHashMap::default();
        let mut add = |form: &'static str, reading: Form| {
            let mut chars = form.chars();
            if let (Some(a), Some(b)) = (chars.next(), chars.next()) {
                let slot = longest.entry([a, b]).or_default();
                *slot = (*slot).max(2 + chars.count());
            }
            let at = forms.len() as u32;
            forms.push(reading);
            let chain = by_form.entry(form).or_insert((at, at));
            if chain.1 != at {
                forms[chain.1 as usize].next = at;
                chain.1 = at;
            }
        };
        for (id, d) in divisions.iter().enumerate() {
            let len = d.name.chars().count();
            let county_pair = len == 2 && d.level == Level::County;
            let full_ok = (len >= 3 || county_pair)
                && !AMBIGUOUS_FULL.contains(&d.name)
                && !(d.level == Level::Town && d.name.starts_with(|c| NOT_TOWN_START.contains(c)));
            let bounded = county_pair
                || (d.level == Level::Town
                    && WORDLIKE_TOWN_ENDINGS.iter().any(|e| d.name.ends_with(e)));
            if full_ok {
                add(
                    d.name,
                    Form {
                        division: id,
                        short: false,
                        bounded,
                        ambiguous: false,
                        next: END,
                    },
                );
            }
            if let Some(short) = short_form(d.name, d.level) {
                add(
                    short,
                    Form {
                        division: id,
                        short: true,
                        bounded: false,
                        ambiguous: AMBIGUOUS_SHORT.contains(&short),
                        next: END,
                    },
                );
            }
        }
        // A province's short form is its own even where a prefecture shares it (吉林).
        Self {
            divisions,
            forms,
            by_form,
            longest,
        }
    }

    /// The readings of name form `form`, in table order (none: no such form).
    fn readings(&self, form: &str) -> impl Iterator<Item = &Form> {
        let first = self.by_form.get(form).map_or(END, |&(first, _)| first);
        self.chain(first)
    }

    /// The readings chained from `first` ([`END`]: none).
    fn chain(&self, first: u32) -> impl Iterator<Item = &Form> {
        std::iter::successors((first != END).then(|| &self.forms[first as usize]), |f| {
            (f.next != END).then(|| &self.forms[f.next as usize])
        })
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
        self.readings(name).map(|f| f.division).collect()
    }

    /// Whether `name` is a short form that counts only in context (白银, 定西).
    pub fn ambiguous(&self, name: &str) -> bool {
        let mut readings = self.readings(name).peekable();
        readings.peek().is_some() && readings.all(|f| f.ambiguous)
    }

    /// The names in `chars`, left to right, longest first where names overlap
    /// (武威市 over 武威, 天祝藏族自治县 over 天祝); ambiguous short names where the text
    /// around them makes them place names.
    pub fn scan(&self, chars: &[char]) -> Vec<Mention> {
        let mut sure = Vec::new();
        let mut unsure = Vec::new();
        let mut key = String::new();
        let mut i = 0;
        while i < chars.len() {
            let before = i.checked_sub(1).map(|k| chars[k]);
            let mut found = None;
            let mut candidate = None;
            let longest = chars
                .get(i..i + 2)
                .and_then(|pair| self.longest.get(&[pair[0], pair[1]]))
                .map_or(0, |&n| n.min(chars.len() - i));
            for len in (2..=longest).rev() {
                key.clear();
                key.extend(&chars[i..i + len]);
                if let Some(&(first, _)) = self.by_form.get(key.as_str()) {
                    let (ambiguous, usable): (Vec<Form>, Vec<Form>) = self
                        .chain(first)
                        .copied()
                        .filter(|f| {
                            !f.bounded
                                || starts_name(before)
                                || (len == 2 && ends_name(chars.get(i + len).copied()))
                        })
                        .partition(|f| f.ambiguous);
                    if !usable.is_empty() {
                        found = Some((len, usable));
                        break;
                    }
                    if candidate.is_none() && !ambiguous.is_empty() {
                        candidate = Some(mention(i..i + len, &ambiguous));
                    }
                }
            }
            match found {
                Some((len, hits)) => {
                    sure.push(mention(i..i + len, &hits));
                    i += len;
                }
                None => {
                    // An unconfirmed name must not hide one starting inside it (安定西宁).
                    unsure.extend(candidate);
                    i += 1;
                }
            }
        }
        unsure.retain(|c: &Mention| {
            !sure
                .iter()
                .any(|m| m.range.start < c.range.end && c.range.start < m.range.end)
        });
        if !unsure.is_empty() {
            sure.extend(self.confirm(chars, &sure, unsure));
            sure.sort_by_key(|m| m.range.start);
        }
        sure
    }

    /// The ambiguous names that context makes place names: followed by a place suffix
    /// (定西经开区), right after a province (甘肃白银, 吉林白山), an item of an enumeration with another
    /// place (兰州、白银、定西), or where a name can start or end and in a province the text
    /// already names (在白银, 白银的 beside 兰州). Their divisions narrow to that province where one applies.
    fn confirm(&self, chars: &[char], sure: &[Mention], unsure: Vec<Mention>) -> Vec<Mention> {
        let province_of = |d: usize| self.lineage(d).last().unwrap_or(d);
        let named: Vec<usize> = sure
            .iter()
            .flat_map(|m| m.divisions.iter().copied())
            .filter(|&d| self.divisions[d].level != Level::Town)
            .map(province_of)
            .collect();
        // An item ends at a separator, or where the list is counted (兰州、白银两市).
        let ends_item = |at: usize| {
            chars.get(at).is_none_or(|c| ITEM_ENDS.contains(*c))
                || (chars
                    .get(at)
                    .is_some_and(|c| "两二三四五六七八九十".contains(*c))
                    && chars
                        .get(at + 1)
                        .is_some_and(|c| "市州县区地盟".contains(*c)))
        };
        let mut pending: Vec<Mention> = unsure
            .into_iter()
            .filter(|c| {
                let rest = &chars[c.range.start..];
                !NOT_PLACES.iter().any(|w| {
                    let w: Vec<char> = w.chars().collect();
                    rest.starts_with(&w)
                })
            })
            .collect();
        let mut confirmed: Vec<Mention> = Vec::new();
        loop {
            let known = |at: usize, ending: bool| {
                sure.iter().chain(&confirmed).find(|m| {
                    if ending {
                        m.range.end == at
                    } else {
                        m.range.start == at
                    }
                })
            };
            let decided: Vec<Option<Vec<usize>>> = pending
                .iter()
                .map(|c| {
                    let (start, end) = (c.range.start, c.range.end);
                    let in_province = |p: usize| -> Vec<usize> {
                        c.divisions
                            .iter()
                            .copied()
                            .filter(|&d| self.within(d, p))
                            .collect()
                    };
                    let suffixed = PLACE_SUFFIXES.iter().any(|s| {
                        let s: Vec<char> = s.chars().collect();
                        chars[end..].starts_with(&s)
                    });
                    // A province and a place inside it, both short (吉林白山, 海南海口).
                    let any = |at: usize, ending: bool| {
                        known(at, ending).or_else(|| {
                            pending.iter().find(|m| {
                                if ending {
                                    m.range.end == at
                                } else {
                                    m.range.start == at
                                }
                            })
                        })
                    };
                    let after_province = any(start, true).and_then(|m| {
                        m.divisions
                            .iter()
                            .filter(|&&d| self.divisions[d].level == Level::Province)
                            .map(|&p| in_province(p))
                            .find(|v| !v.is_empty())
                    });
                    let before_own = any(end, false).and_then(|m| {
                        c.divisions
                            .iter()
                            .copied()
                            .filter(|&p| self.divisions[p].level == Level::Province)
                            .find(|&p| m.divisions.iter().any(|&d| d != p && self.within(d, p)))
                            .map(|p| vec![p])
                    });
                    // An item of a list with a known place: ending where the next item
                    // starts, or right after one and ending where an item ends.
                    let listed = (chars.get(end).is_some_and(|c| ITEM_JOINS.contains(*c))
                        && known(end + 1, false).is_some())
                        || (start >= 1
                            && ITEM_JOINS.contains(chars[start - 1])
                            && known(start - 1, true).is_some()
                            && ends_item(end));
                    let bounded = starts_name(start.checked_sub(1).map(|s| chars[s]))
                        || ends_item(end)
                        || chars.get(end) == Some(&'的');
                    let nearby = bounded
                        .then(|| {
                            named
                                .iter()
                                .map(|&p| in_province(p))
                                .find(|v| !v.is_empty())
                        })
                        .flatten();
                    after_province
                        .or(before_own)
                        .or(nearby)
                        .or_else(|| (suffixed || listed).then(|| c.divisions.clone()))
                })
                .collect();
            let before = confirmed.len();
            let mut rest = Vec::new();
            for (mut m, divisions) in pending.into_iter().zip(decided) {
                match divisions {
                    Some(divisions) => {
                        m.divisions = divisions;
                        confirmed.push(m);
                    }
                    None => rest.push(m),
                }
            }
            pending = rest;
            if confirmed.len() == before {
                return confirmed;
            }
        }
    }
}

fn mention(range: Range<usize>, hits: &[Form]) -> Mention {
    let mut divisions: Vec<usize> = hits.iter().map(|f| f.division).collect();
    divisions.sort_unstable();
    divisions.dedup();
    Mention {
        range,
        divisions,
        short: hits.iter().all(|f| f.short),
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
            "确定西部大开发的重点，集中卫生资源，推广安全技术，发展朝阳产业",
            "，白银、黄金等贵金属，大同小异，与阿里巴巴合作",
        ] {
            assert!(names(g, text).is_empty(), "{text}: {:?}", names(g, text));
        }
    }

    #[test]
    fn ambiguous_short_names_count_in_context() {
        let g = gazetteer();
        // Words that begin with a name are not it, even in its province.
        assert_eq!(
            names(
                g,
                "山西、河南、云南、吉林：长治久安，新乡贤，文山会海，大理石，白山黑水"
            ),
            ["山西", "河南", "云南", "吉林"]
        );
        assert_eq!(names(g, "支持定西经开区和白银新区建设"), ["定西", "白银"]);
        assert_eq!(names(g, "兰州、白银、定西三市"), ["兰州", "白银", "定西"]);
        // Listed with another place, of another province (中卫 is Ningxia's).
        assert_eq!(names(g, "武威、中卫两市"), ["武威", "中卫"]);
        assert_eq!(
            names(g, "武威市与中卫、吴忠等地"),
            ["武威市", "中卫", "吴忠"]
        );
        assert_eq!(names(g, "宁夏中卫"), ["宁夏", "中卫"]);
        assert_eq!(
            names(g, "吉林白山、海南海口"),
            ["吉林", "白山", "海南", "海口"]
        );
        assert_eq!(names(g, "学习借鉴大理、鸡西市等地"), ["大理", "鸡西市"]);
        // In a province the text already names, where a name can start.
        assert_eq!(names(g, "兰州市牵头，在白银开展试点"), ["兰州市", "白银"]);
        assert_eq!(names(g, "兰州市牵头，借鉴白银的经验"), ["兰州市", "白银"]);
        assert_eq!(names(g, "兰州市牵头，支持白银建设"), ["兰州市"]);
        assert_eq!(
            names(g, "兰州市要确定西部大开发的重点，集中卫生资源"),
            ["兰州市"]
        );
        // Not where the province is another's: 大同 is Shanxi's.
        assert_eq!(names(g, "兰州市牵头，在大同开展试点"), ["兰州市"]);
        // Narrowed to the province named before it: 海南 is also a Qinghai prefecture's.
        let chars: Vec<char> = "青海海南".chars().collect();
        let hainan = g.scan(&chars)[1].divisions.clone();
        assert_eq!(hainan.len(), 1);
        assert_eq!(g.divisions[hainan[0]].level, Level::Prefecture);
        assert!(g.ambiguous("白银") && !g.ambiguous("白银市") && !g.ambiguous("兰州"));
    }
}
