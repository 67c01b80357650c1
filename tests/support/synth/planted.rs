//! Children with another jurisdiction's place names planted in them, for measuring the
//! `place` check.
//!
//! A case is a real parent from the corpus and a child localised from it the way a careful
//! city does it (the province's name and wording replaced by the city's throughout, a few
//! paragraphs left out), or the real Wuwei plan, into which names of other places are then
//! planted as copying leaves them: the city's own name replaced by a neighbour's (the text
//! came from the neighbour's plan), a neighbour's name added to a list, a clause about
//! another county's towns, and once the parent's own name put back where the city had
//! localised it. Every planted name's character range is recorded.

use std::ops::Range;

use policy_lineage::checks::gazetteer::{Level, gazetteer};
use policy_lineage::checks::{self, CheckKind};
use policy_lineage::{Document, compare};

const GANSU: &str = include_str!("../../corpus/gansu-2018-ai-plan.txt");
const WUWEI: &str = include_str!("../../corpus/wuwei-2018-ai-plan.txt");
const SCRAPED: &str = include_str!("../../corpus/provincial-policies-2018-scraped.txt");

pub struct PlantedCase {
    pub name: String,
    pub parent: String,
    pub child: String,
    /// Character ranges of the planted names in `child`.
    pub planted: Vec<Range<usize>>,
    /// How each planted name is written (prefecture, short, other province, ...).
    pub forms: Vec<String>,
}

/// SplitMix64, reproducible from a seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn chance(&mut self, p: f64) -> bool {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }
}

/// The provincial documents of the scraped listing, as separate texts.
fn provincial_parents() -> Vec<String> {
    let doc_count = policy_lineage::document::split::split_entries(
        &policy_lineage::document::decode::SourceFile::from_text("scraped.txt", SCRAPED),
    )
    .len();
    let source = std::sync::Arc::new(policy_lineage::document::decode::SourceFile::from_text(
        "scraped.txt",
        SCRAPED,
    ));
    let mut out = vec![GANSU.to_owned()];
    for n in 1..=doc_count {
        let Ok(doc) = Document::from_source(source.clone(), Some(n)) else {
            continue;
        };
        if doc.content_chars() < 2000 {
            continue;
        }
        let text = doc.slice(doc.range.clone());
        // One copy of each document (the listing repeats some).
        if out
            .iter()
            .any(|t| t.chars().take(200).eq(text.chars().take(200)))
        {
            continue;
        }
        out.push(text);
    }
    out
}

/// The short form running text uses for a prefecture or province (甘肃省 → 甘肃), if the
/// gazetteer knows the place by it.
fn short_name(id: usize) -> Option<String> {
    let g = gazetteer();
    let name = &g.divisions[id].name;
    let chars: Vec<char> = name.chars().collect();
    (2..chars.len())
        .map(|k| chars[..k].iter().collect::<String>())
        .find(|s| g.lookup(s).contains(&id))
}

/// Every occurrence of `from` in `text` replaced by `to`.
fn replace_all(text: &str, pairs: &[(String, String)]) -> String {
    let mut out = text.to_owned();
    for (from, to) in pairs {
        if !from.is_empty() {
            out = out.replace(from.as_str(), to);
        }
    }
    out
}

/// A child localised from `parent` by a careful `child` government, and its own name.
fn localise(parent: &str, parent_place: usize, child_place: usize, rng: &mut Rng) -> String {
    let g = gazetteer();
    let p = &g.divisions[parent_place];
    let c = &g.divisions[child_place];
    let p_char = if p.name.ends_with("自治区") {
        '区'
    } else {
        p.name.chars().last().unwrap_or('省')
    };
    let c_char = c.name.chars().last().unwrap_or('市');
    let mut pairs = vec![(p.name.to_owned(), c.name.to_owned())];
    if let (Some(ps), Some(cs)) = (short_name(parent_place), short_name(child_place)) {
        pairs.push((ps, cs));
    }
    for word in ["全", "我", "本"] {
        pairs.push((format!("{word}{p_char}"), format!("{word}{c_char}")));
    }
    for body in ["人民政府", "政府"] {
        pairs.push((format!("{p_char}{body}"), format!("{c_char}{body}")));
    }
    let localised = replace_all(parent, &pairs);
    // A few paragraphs left out; the first lines (title, preamble) always kept.
    localised
        .lines()
        .enumerate()
        .filter(|(n, line)| *n < 12 || line.chars().count() < 40 || !rng.chance(0.1))
        .map(|(_, line)| line)
        .collect::<Vec<_>>()
        .join("\n")
}

/// An edit of the child: `at` of child chars becomes `text`, of which `names` (ranges inside
/// `text`) are the planted names, written in `form`.
struct Edit {
    at: Range<usize>,
    text: String,
    names: Vec<Range<usize>>,
    form: String,
}

/// Clauses a planted name is put in, as copied text has them: before and after the name.
const CLAUSES: &[(&str, &str)] = &[
    ("在", "开展试点示范，"),
    ("支持", "建设人工智能产业基地，"),
    ("加强与", "的交流合作，"),
    ("学习借鉴", "的经验做法，"),
    ("推动", "率先应用，"),
    ("依托", "现有基础，"),
];

/// A planted phrase: its text, the ranges of the foreign names in it, and how the name is
/// written (for the figures by form).
struct Phrase {
    text: String,
    names: Vec<Range<usize>>,
    form: String,
}

fn char_len(s: &str) -> usize {
    s.chars().count()
}

/// A place that is neither the child's nor above it, written in one of the forms copying
/// leaves: a prefecture's full or short name, a county, a town, of the parent's province or
/// another; or a short name that is also an ordinary word (白银, 大同), with what makes it a
/// place in running text (a suffix, its province before it, a list with another place).
fn foreign_name(child_place: usize, parent_place: usize, rng: &mut Rng) -> Phrase {
    let g = gazetteer();
    let ours = |d: usize| g.within(d, child_place) || g.within(child_place, d);
    let province_of = |d: usize| g.lineage(d).last().unwrap_or(d);
    let own_province = province_of(child_place);
    let pick = |rng: &mut Rng, filter: &dyn Fn(usize) -> bool| -> Option<usize> {
        // A name some place of ours shares (a town name found in many counties) is ours.
        let candidates: Vec<usize> = (0..g.divisions.len())
            .filter(|&d| filter(d) && g.lookup(g.divisions[d].name).iter().all(|&x| !ours(x)))
            .collect();
        (!candidates.is_empty()).then(|| candidates[rng.below(candidates.len())])
    };
    let level_is = |d: usize, level: Level| g.divisions[d].level == level;
    let same = |d: usize| g.within(d, parent_place);
    let ambiguous_short = |d: usize| {
        level_is(d, Level::Prefecture)
            && short_name(d)
                .is_some_and(|s| g.ambiguous(&s) && g.lookup(&s).iter().all(|&x| !ours(x)))
    };
    let roll = rng.below(100);
    let chosen = match roll {
        0..25 => pick(rng, &|d| level_is(d, Level::Prefecture) && same(d)),
        25..40 => pick(rng, &|d| level_is(d, Level::County) && same(d)),
        40..55 => pick(rng, &|d| level_is(d, Level::Prefecture) && !same(d)),
        55..65 => pick(rng, &|d| level_is(d, Level::County) && !same(d)),
        65..75 => pick(rng, &|d| {
            level_is(d, Level::Town) && g.divisions[d].name.chars().count() >= 3
        }),
        75..85 => pick(rng, &|d| ambiguous_short(d) && same(d)),
        _ => None,
    }
    .or_else(|| pick(rng, &ambiguous_short))
    .unwrap_or(0);
    let relation = if province_of(chosen) == own_province {
        "same province"
    } else {
        "other province"
    };
    let full = g.divisions[chosen].name.to_owned();
    let level = match g.divisions[chosen].level {
        Level::Province => "province",
        Level::Prefecture => "prefecture",
        Level::County => "county",
        Level::Town => "town",
    };
    let short = short_name(chosen).filter(|s| g.lookup(s).iter().all(|&d| !ours(d)));
    let bare = |text: String, form: &str| Phrase {
        names: std::iter::once(0..char_len(&text)).collect(),
        text,
        form: format!("{form}, {relation}"),
    };
    match short {
        Some(short) if g.ambiguous(&short) => {
            let n = char_len(&short);
            match rng.below(3) {
                0 => {
                    let suffix = ["经开区", "新区", "高新区", "工业园区"][rng.below(4)];
                    Phrase {
                        text: format!("{short}{suffix}"),
                        names: std::iter::once(0..n).collect(),
                        form: format!("ambiguous short + suffix, {relation}"),
                    }
                }
                1 => {
                    let province = province_of(chosen);
                    let before = short_name(province)
                        .unwrap_or_else(|| g.divisions[province].name.to_owned());
                    let p = char_len(&before);
                    let mut names: Vec<Range<usize>> = std::iter::once(p..p + n).collect();
                    if !ours(province) {
                        names.insert(0, 0..p);
                    }
                    Phrase {
                        text: format!("{before}{short}"),
                        names,
                        form: format!("ambiguous short after its province, {relation}"),
                    }
                }
                _ => {
                    let other = pick(rng, &|d| level_is(d, Level::Prefecture))
                        .map(|d| g.divisions[d].name.to_owned())
                        .unwrap_or_default();
                    Phrase {
                        text: format!("{short}、{other}等地"),
                        names: vec![0..n, n + 1..n + 1 + char_len(&other)],
                        form: format!("ambiguous short in a list, {relation}"),
                    }
                }
            }
        }
        // Prefectures are often named without 市 in running text.
        Some(short) if rng.chance(0.4) => bare(short, &format!("{level}, short")),
        _ => bare(full, &format!("{level}, full")),
    }
}

fn occurrences(chars: &[char], word: &str, from: usize) -> Vec<usize> {
    let w: Vec<char> = word.chars().collect();
    if w.is_empty() || chars.len() < w.len() {
        return Vec::new();
    }
    (from..=chars.len() - w.len())
        .filter(|&i| chars[i..i + w.len()] == w[..])
        .collect()
}

/// Plants names into `child` (never into its first lines, which name its issuer).
fn plant(
    name: String,
    parent: &str,
    child: &str,
    parent_place: usize,
    child_place: usize,
    rng: &mut Rng,
) -> PlantedCase {
    let g = gazetteer();
    let chars: Vec<char> = child.chars().collect();
    let body_start = child
        .char_indices()
        .filter(|&(_, c)| c == '\n')
        .nth(6)
        .map_or(0, |(b, _)| child[..b].chars().count())
        .max(300);
    let own_full = g.divisions[child_place].name.to_owned();
    let own_short = short_name(child_place);
    let mut own_at: Vec<(usize, usize)> = occurrences(&chars, &own_full, body_start)
        .into_iter()
        .map(|i| (i, own_full.chars().count()))
        .collect();
    if let Some(short) = &own_short {
        for i in occurrences(&chars, short, body_start) {
            if !own_at.iter().any(|&(j, l)| i >= j && i < j + l) {
                own_at.push((i, short.chars().count()));
            }
        }
    }
    // Names inside 《》 are cited titles, not where copying leaves a wrong name.
    let mut cited = vec![false; chars.len()];
    let mut depth = 0usize;
    for (k, &c) in chars.iter().enumerate() {
        match c {
            '《' => depth += 1,
            '》' => depth = depth.saturating_sub(1),
            '。' => depth = 0,
            _ => {}
        }
        cited[k] = depth > 0;
    }
    own_at.retain(|&(i, _)| !cited[i]);
    let clause_ends: Vec<usize> = (body_start..chars.len())
        .filter(|&i| (chars[i] == '，' || chars[i] == ',') && !cited[i])
        .collect();
    let mut edits: Vec<Edit> = Vec::new();
    let free = |edits: &Vec<Edit>, at: &Range<usize>| {
        edits
            .iter()
            .all(|e| e.at.end + 2 < at.start || at.end + 2 < e.at.start)
    };
    let plants = 3 + rng.below(4);
    for _ in 0..plants * 4 {
        if edits.iter().filter(|e| !e.names.is_empty()).count() >= plants {
            break;
        }
        let foreign = foreign_name(child_place, parent_place, rng);
        let shifted = |by: usize| -> Vec<Range<usize>> {
            foreign
                .names
                .iter()
                .map(|r| r.start + by..r.end + by)
                .collect()
        };
        let edit = match rng.below(3) {
            0 if !own_at.is_empty() => {
                let (i, l) = own_at[rng.below(own_at.len())];
                Edit {
                    at: i..i + l,
                    names: shifted(0),
                    text: foreign.text.clone(),
                    form: foreign.form.clone(),
                }
            }
            1 if !own_at.is_empty() => {
                let (i, l) = own_at[rng.below(own_at.len())];
                Edit {
                    at: i + l..i + l,
                    names: shifted(1),
                    text: format!("、{}", foreign.text),
                    form: foreign.form.clone(),
                }
            }
            _ if !clause_ends.is_empty() => {
                let i = clause_ends[rng.below(clause_ends.len())] + 1;
                let (before, after) = CLAUSES[rng.below(CLAUSES.len())];
                Edit {
                    at: i..i,
                    names: shifted(char_len(before)),
                    text: format!("{before}{}{after}", foreign.text),
                    form: foreign.form.clone(),
                }
            }
            _ => continue,
        };
        if free(&edits, &edit.at) {
            edits.push(edit);
        }
    }
    // The parent's own name put back once where the child had localised it.
    if rng.chance(0.5) && !own_at.is_empty() {
        let (i, l) = own_at[rng.below(own_at.len())];
        let parent_name = if l == own_full.chars().count() {
            Some(g.divisions[parent_place].name.to_owned())
        } else {
            short_name(parent_place)
        };
        if let Some(text) = parent_name {
            let edit = Edit {
                at: i..i + l,
                text,
                names: Vec::new(),
                form: String::new(),
            };
            if free(&edits, &edit.at) {
                edits.push(edit);
            }
        }
    }
    edits.sort_by_key(|e| e.at.start);
    let mut out: Vec<char> = Vec::with_capacity(chars.len() + 200);
    let mut planted = Vec::new();
    let mut forms = Vec::new();
    let mut cursor = 0;
    for e in edits {
        out.extend_from_slice(&chars[cursor..e.at.start]);
        let start = out.len();
        out.extend(e.text.chars());
        for n in e.names {
            planted.push(start + n.start..start + n.end);
            forms.push(e.form.clone());
        }
        cursor = e.at.end;
    }
    out.extend_from_slice(&chars[cursor..]);
    PlantedCase {
        name,
        parent: parent.to_owned(),
        child: out.into_iter().collect(),
        planted,
        forms,
    }
}

/// `count` cases, reproducible from `seed`: the first on the real Wuwei plan, the rest on
/// children localised from the corpus's provincial plans.
pub fn planted_cases(count: usize, seed: u64) -> Vec<PlantedCase> {
    let g = gazetteer();
    let parents = provincial_parents();
    let mut rng = Rng(seed ^ 0x51a7_ed00_c0de_0001);
    let mut out = Vec::new();
    let gansu = g.lookup("甘肃省")[0];
    let wuwei = g.lookup("武威市")[0];
    for k in 0..count {
        let name = format!("planted-{seed}-{k}");
        if k % 4 == 0 {
            out.push(plant(name, GANSU, WUWEI, gansu, wuwei, &mut rng));
            continue;
        }
        let parent = &parents[rng.below(parents.len())];
        let Ok(doc) = Document::from_text("parent.txt", parent) else {
            continue;
        };
        let Some(parent_place) = checks::jurisdiction(&doc, None) else {
            continue;
        };
        let level = g.divisions[parent_place].level;
        let children: Vec<usize> = (0..g.divisions.len())
            .filter(|&d| {
                g.divisions[d].parent == Some(parent_place)
                    && g.divisions[d].level > level
                    && g.divisions[d].level != Level::Town
            })
            .collect();
        if children.is_empty() {
            continue;
        }
        let child_place = children[rng.below(children.len())];
        let child = localise(parent, parent_place, child_place, &mut rng);
        out.push(plant(
            name,
            parent,
            &child,
            parent_place,
            child_place,
            &mut rng,
        ));
    }
    out
}

/// Found and precise, over some cases.
#[derive(Debug, Clone, Default)]
pub struct PlacedScore {
    pub planted: usize,
    pub found: usize,
    pub checks: usize,
    /// Checks pointing at a planted name or at the parent's own name.
    pub right: usize,
    /// Planted and found, by how the name was written.
    pub by_form: std::collections::BTreeMap<String, (usize, usize)>,
}

impl PlacedScore {
    pub fn recall(&self) -> f64 {
        self.found as f64 / self.planted.max(1) as f64
    }
    pub fn precision(&self) -> f64 {
        if self.checks == 0 {
            1.0
        } else {
            self.right as f64 / self.checks as f64
        }
    }
    pub fn add(&mut self, other: PlacedScore) {
        self.planted += other.planted;
        self.found += other.found;
        self.checks += other.checks;
        self.right += other.right;
        for (form, (planted, found)) in other.by_form {
            let entry = self.by_form.entry(form).or_default();
            entry.0 += planted;
            entry.1 += found;
        }
    }
}

/// Runs the comparison and the checks on a case and grades the `place` checks.
pub fn score_case(case: &PlantedCase) -> (PlacedScore, Vec<String>) {
    let g = gazetteer();
    let parent = Document::from_text("parent.txt", &case.parent).expect("parent text");
    let child = Document::from_text("child.txt", &case.child).expect("child text");
    let comparison = compare::compare(&parent, &child);
    let found_checks = checks::run(&parent, &child, &comparison);
    let places = checks::places_of(&parent, &child);
    let place_checks: Vec<_> = found_checks
        .iter()
        .filter(|c| c.kind == CheckKind::Place)
        .collect();
    let overlaps = |a: &Range<usize>, b: &Range<usize>| a.start < b.end && b.start < a.end;
    let mut score = PlacedScore {
        planted: case.planted.len(),
        checks: place_checks.len(),
        ..Default::default()
    };
    let mut misses = Vec::new();
    for (p, form) in case.planted.iter().zip(&case.forms) {
        let found = place_checks.iter().any(|c| overlaps(&c.range, p));
        let entry = score.by_form.entry(form.clone()).or_default();
        entry.0 += 1;
        if found {
            score.found += 1;
            entry.1 += 1;
        } else {
            let around: String = case
                .child
                .chars()
                .skip(p.start.saturating_sub(6))
                .take(p.len() + 12)
                .collect();
            misses.push(format!("missed {form}: …{around}…"));
        }
    }
    for c in &place_checks {
        let planted = case.planted.iter().any(|p| overlaps(&c.range, p));
        let parent_name = places
            .parent
            .is_some_and(|p| g.lookup(&c.text).contains(&p));
        if planted || parent_name {
            score.right += 1;
        } else {
            misses.push(format!("wrong check {} ({})", c.text, c.note));
        }
    }
    (score, misses)
}

/// The fixed benchmark: 24 cases from seed 1.
pub fn standard_cases() -> Vec<PlantedCase> {
    planted_cases(24, 1)
}
