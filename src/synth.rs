//! Synthetic derived documents with ground truth, for measuring the aligner.
//!
//! [`derive`] plays a city government adapting a provincial plan: it drops, swaps and moves
//! paragraphs, deletes clauses, inserts local text taken from other documents, localises
//! administrative terms and figures, and may switch to half-width punctuation. Every child
//! character records what it really is ([`Truth`]), so [`score`] can grade a [`Comparison`]
//! character by character. [`standard_cases`] is the fixed benchmark built from the corpus in
//! `tests/corpus/`.
//!
//! Conventions of the truth, where more than one alignment would fit the text:
//! - Edits work on whole units: a paragraph is a whole line; a clause is its text with its
//!   closing `，` / `；` / `。`. So when a gap could slide by a char (the child's `A，C` from the
//!   parent's `A，B，C`, or `A，D，C` with a local clause `D，`), each terminator stays with its
//!   own clause: the child's first `，` is A's, inherited; the local `D，` is added whole.
//! - A term replacement is adapted whole, minus the prefix and suffix it shares with the
//!   original (省政府→市政府: only 市; 省科技厅→市科技局: all four chars), except that a shared
//!   run of three or more chars inside stays inherited (省经济和信息化委→市经济和信息化局:
//!   市 and 局 adapted). A number replacement is the whole digit run (2020→2022), never the
//!   unit after it (`%`, `年`).
//! - Half-width punctuation in the child (，→,) is no difference: those chars are inherited.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use crate::lineage::{Comparison, Span, SpanClass};
use crate::normalize::{fold, is_space};

const GANSU: &str = include_str!("../tests/corpus/gansu-2018-ai-plan.txt");
const WUWEI: &str = include_str!("../tests/corpus/wuwei-2018-ai-plan.txt");
const CHANGCHUN: &str = include_str!("../tests/corpus/changchun-2021-ai-opinions.txt");
const ZHONGSHAN: &str = include_str!("../tests/corpus/zhongshan-2019-ai-action-plan-draft.txt");
const SCRAPED: &str = include_str!("../tests/corpus/provincial-policies-2018-scraped.txt");

/// A derived document with the truth about each of its characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Case {
    pub name: String,
    pub parent: String,
    pub child: String,
    /// One entry per char of `child`.
    pub truth: Vec<Truth>,
}

/// What one child character really is.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Truth {
    /// `None` for white space.
    pub class: Option<SpanClass>,
    /// Inherited: the parent char (index into `parent.chars()`) this char was copied from.
    /// Adapted: the first char of the replaced parent text.
    pub parent_char: Option<usize>,
    /// Adapted: the replaced parent chars. Inherited: the contiguous parent segment (a paragraph
    /// or the part of it between deleted or inserted clauses) the char was copied as part of.
    pub parent_range: Option<Range<usize>>,
}

/// How much [`derive`] changes. Rates are probabilities per paragraph, clause or occurrence.
#[derive(Debug, Clone, PartialEq)]
pub struct Edits {
    /// A parent paragraph is left out.
    pub drop_paragraph: f64,
    /// A paragraph changes places with the next one.
    pub swap_paragraphs: f64,
    /// A paragraph is moved far: a quarter of the document or more away.
    pub move_paragraph: f64,
    /// A local paragraph (from a donor) follows a paragraph.
    pub insert_paragraph: f64,
    /// A local clause (from a donor) follows a clause inside a paragraph.
    pub insert_clause: f64,
    /// A clause is deleted (a paragraph always keeps one).
    pub delete_clause: f64,
    /// An occurrence of an administrative term is localised (省政府→市政府, 甘肃→武威).
    pub substitute_term: f64,
    /// An occurrence of a year or target figure is changed (2020→2022, 100亿元→30亿元).
    pub substitute_number: f64,
    /// The child is written with half-width punctuation (drawn once per case).
    pub half_width: f64,
    /// Donor text that shares a run of this many normalised chars with the parent is never
    /// inserted (nor a donor clause that occurs whole in the parent): such text *is* parent
    /// text to any aligner, so calling it `added` would make the truth wrong. Shorter shared
    /// boilerplate is kept on purpose; it is what makes local text hard to tell apart.
    pub donor_max_shared: usize,
}

impl Default for Edits {
    fn default() -> Self {
        Self {
            drop_paragraph: 0.10,
            swap_paragraphs: 0.03,
            move_paragraph: 0.02,
            insert_paragraph: 0.08,
            insert_clause: 0.03,
            delete_clause: 0.05,
            substitute_term: 0.8,
            substitute_number: 0.5,
            half_width: 0.5,
            donor_max_shared: 10,
        }
    }
}

impl Edits {
    /// A child that stays close to its parent.
    pub fn light() -> Self {
        Self {
            drop_paragraph: 0.03,
            swap_paragraphs: 0.0,
            move_paragraph: 0.0,
            insert_paragraph: 0.03,
            insert_clause: 0.01,
            delete_clause: 0.02,
            substitute_term: 0.5,
            substitute_number: 0.3,
            half_width: 0.0,
            ..Self::default()
        }
    }

    /// A child that rewrote much of its parent.
    pub fn heavy() -> Self {
        Self {
            drop_paragraph: 0.25,
            swap_paragraphs: 0.08,
            move_paragraph: 0.06,
            insert_paragraph: 0.20,
            insert_clause: 0.08,
            delete_clause: 0.12,
            substitute_term: 0.9,
            substitute_number: 0.7,
            half_width: 1.0,
            ..Self::default()
        }
    }

    /// Reordered: many swaps and far moves.
    pub fn many_moves() -> Self {
        Self {
            swap_paragraphs: 0.10,
            move_paragraph: 0.10,
            ..Self::default()
        }
    }

    /// Every term and figure localised.
    pub fn many_substitutions() -> Self {
        Self {
            substitute_term: 1.0,
            substitute_number: 1.0,
            ..Self::light()
        }
    }
}

/// SplitMix64: tiny, fast and good enough to make the cases reproducible from a seed.
struct Rng(u64);

impl Rng {
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    /// Uniform in 0..n; `n` must not be 0.
    fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    fn between(&mut self, low: f64, high: f64) -> f64 {
        low + (high - low) * self.unit()
    }
}

/// A province (or municipality) whose documents the corpus holds, and the place its local
/// derivatives are named after.
struct Region {
    name: &'static str,
    key: &'static str,
    local: &'static str,
    /// A municipality's derivatives are district plans: 市→区 instead of 省→市.
    municipality: bool,
}

const fn province(name: &'static str, key: &'static str, local: &'static str) -> Region {
    Region {
        name,
        key,
        local,
        municipality: false,
    }
}

const REGIONS: &[Region] = &[
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
const PROVINCE_TERMS: &[(&str, &str)] = &[
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
const MUNICIPALITY_TERMS: &[(&str, &str)] = &[
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
type TermPair = (Vec<char>, Vec<char>);

/// A localised piece of parent text: `from` (parent chars) becomes `to`.
#[derive(Debug, Clone)]
struct Replacement {
    from: Range<usize>,
    to: Vec<char>,
}

/// One parent line: its leading white space and its text.
struct Paragraph {
    indent: Range<usize>,
    body: Range<usize>,
}

/// A child paragraph, in order.
enum Unit {
    Parent(usize),
    Local(String),
}

/// What a child paragraph is made of.
enum Item {
    /// A contiguous stretch of parent text (with its replacements).
    Segment(Range<usize>),
    Local(String),
}

/// Derives a child from `parent`, inserting local text taken from `donors`, reproducibly from
/// `seed`. The name is `seed-N`; callers rename.
pub fn derive(parent: &str, donors: &[&str], seed: u64, edits: &Edits) -> Case {
    let mut rng = Rng(seed);
    let pchars: Vec<char> = parent.chars().collect();
    let paragraphs = paragraphs(&pchars);
    let replacements = plan_replacements(&pchars, &mut rng, edits);
    let pool = DonorPool::new(&pchars, donors, edits.donor_max_shared.max(1));
    let half_width = rng.chance(edits.half_width);

    let mut order: Vec<usize> = (0..paragraphs.len())
        .filter(|_| !rng.chance(edits.drop_paragraph))
        .collect();
    if order.is_empty() && !paragraphs.is_empty() {
        order.push(0);
    }
    swap_neighbours(&mut order, &mut rng, edits.swap_paragraphs);
    move_far(&mut order, &mut rng, edits.move_paragraph);

    let mut units = Vec::with_capacity(order.len());
    for &index in &order {
        units.push(Unit::Parent(index));
        if rng.chance(edits.insert_paragraph)
            && let Some(text) = pool.pick_paragraph(&mut rng)
        {
            // A local paragraph takes the indentation of the paragraph it follows.
            let indent: String = pchars[paragraphs[index].indent.clone()].iter().collect();
            units.push(Unit::Local(indent + text));
        }
    }

    let mut child = Builder {
        parent: &pchars,
        half_width,
        chars: Vec::with_capacity(pchars.len()),
        truth: Vec::with_capacity(pchars.len()),
    };
    for (n, unit) in units.iter().enumerate() {
        if n > 0 {
            child.space('\n');
        }
        match unit {
            Unit::Local(text) => child.added(text),
            Unit::Parent(index) => {
                let paragraph = &paragraphs[*index];
                for i in paragraph.indent.clone() {
                    child.space(pchars[i]);
                }
                for item in edit_clauses(&pchars, paragraph.body.clone(), &pool, &mut rng, edits) {
                    match item {
                        Item::Segment(range) => child.segment(range, &replacements),
                        Item::Local(text) => child.added(&text),
                    }
                }
            }
        }
    }
    Case {
        name: format!("seed-{seed}"),
        parent: parent.to_owned(),
        child: child.chars.into_iter().collect(),
        truth: child.truth,
    }
}

/// The non-blank lines of a text.
fn paragraphs(chars: &[char]) -> Vec<Paragraph> {
    let mut out = Vec::new();
    let mut start = 0;
    let line_ends = chars
        .iter()
        .enumerate()
        .filter(|&(_, &c)| c == '\n')
        .map(|(i, _)| i)
        .chain(std::iter::once(chars.len()));
    for end in line_ends {
        let line = start..end;
        start = end + 1;
        let Some(body_start) = line.clone().find(|&i| !is_space(chars[i])) else {
            continue;
        };
        let body_end = (body_start..line.end)
            .rfind(|&i| !is_space(chars[i]))
            .map_or(body_start, |i| i + 1);
        out.push(Paragraph {
            indent: line.start..body_start,
            body: body_start..body_end,
        });
    }
    out
}

fn is_clause_end(c: char) -> bool {
    matches!(c, '，' | ',' | '；' | ';' | '。')
}

/// Clauses: the text up to and including each `，` / `；` / `。`, and what follows the last one.
fn clauses(chars: &[char], body: Range<usize>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = body.start;
    for i in body.clone() {
        if is_clause_end(chars[i]) {
            out.push(start..i + 1);
            start = i + 1;
        }
    }
    if start < body.end {
        out.push(start..body.end);
    }
    out
}

/// Deletes clauses of a paragraph and inserts local ones between them.
fn edit_clauses(
    chars: &[char],
    body: Range<usize>,
    pool: &DonorPool,
    rng: &mut Rng,
    edits: &Edits,
) -> Vec<Item> {
    let clauses = clauses(chars, body);
    let mut keep: Vec<bool> = clauses
        .iter()
        .map(|_| clauses.len() < 2 || !rng.chance(edits.delete_clause))
        .collect();
    if !keep.contains(&true) {
        let survivor = rng.below(keep.len());
        keep[survivor] = true;
    }
    let mut items = Vec::new();
    for (k, clause) in clauses.iter().enumerate() {
        if !keep[k] {
            continue;
        }
        match items.last_mut() {
            Some(Item::Segment(range)) if range.end == clause.start => range.end = clause.end,
            _ => items.push(Item::Segment(clause.clone())),
        }
        if k + 1 < clauses.len()
            && rng.chance(edits.insert_clause)
            && let Some(text) = pool.pick_clause(rng)
        {
            items.push(Item::Local(text.to_owned()));
        }
    }
    items
}

fn swap_neighbours(order: &mut [usize], rng: &mut Rng, rate: f64) {
    let mut i = 0;
    while i + 1 < order.len() {
        if rng.chance(rate) {
            order.swap(i, i + 1);
            i += 2;
        } else {
            i += 1;
        }
    }
}

/// Moves paragraphs a quarter of the document or more away, as when a city puts a provincial
/// section in a different chapter.
fn move_far(order: &mut Vec<usize>, rng: &mut Rng, rate: f64) {
    let n = order.len();
    if n < 8 {
        return;
    }
    let moves = (0..n).filter(|_| rng.chance(rate)).count();
    for _ in 0..moves {
        let from = rng.below(n);
        let paragraph = order.remove(from);
        let targets: Vec<usize> = (0..n).filter(|&to| to.abs_diff(from) >= n / 4).collect();
        order.insert(targets[rng.below(targets.len())], paragraph);
    }
}

/// Picks the region whose name the parent uses most.
fn detect_region(parent: &[char]) -> Option<&'static Region> {
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
fn plan_replacements(parent: &[char], rng: &mut Rng, edits: &Edits) -> Vec<Replacement> {
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
const MIN_SHARED_INSIDE_TERM: usize = 3;

/// The changed pieces of one term occurrence at `at`: the term minus the prefix and suffix the
/// replacement shares with it (省政府→市政府: 省→市; 各市、自治州→各县、区: 市、自治州→县、区).
/// Shorter shared runs inside stay in the piece (省科技厅→市科技局 is one piece); a longer one
/// splits it (省经济和信息化委→市经济和信息化局: 省→市 and 委→局), as any aligner would.
fn term_pieces(at: usize, from: &[char], to: &[char]) -> Vec<Replacement> {
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
fn new_number(
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

/// Local text for insertion: paragraphs and clauses of the donors that share no long run with
/// the parent.
struct DonorPool {
    paragraphs: Vec<String>,
    clauses: Vec<String>,
}

impl DonorPool {
    const MAX_CLAUSES_PER_PARAGRAPH: usize = 8;

    fn new(parent: &[char], donors: &[&str], shared: usize) -> Self {
        let (folded_parent, _) = folded(parent);
        let parent_grams: HashSet<u64> = folded_parent.windows(shared).map(gram_hash).collect();
        let parent_text: String = folded_parent.iter().collect();
        let mut pool = Self {
            paragraphs: Vec::new(),
            clauses: Vec::new(),
        };
        let mut seen = HashSet::new();
        for donor in donors {
            let chars: Vec<char> = donor.chars().collect();
            for paragraph in paragraphs(&chars) {
                let body = &chars[paragraph.body.clone()];
                let (fold_chars, origin) = folded(body);
                // Chars of the paragraph that lie in a run the parent also has.
                let mut in_parent = vec![false; body.len()];
                for (w, gram) in fold_chars.windows(shared).enumerate() {
                    if parent_grams.contains(&gram_hash(gram)) {
                        for &o in &origin[w..w + shared] {
                            in_parent[o] = true;
                        }
                    }
                }
                let mut run: Vec<&[char]> = Vec::new();
                for clause in clauses(body, 0..body.len()) {
                    let text = &body[clause.clone()];
                    let (fold_clause, _) = folded(text);
                    let usable = is_clause_end(text[text.len() - 1])
                        && (4..=60).contains(&fold_clause.len())
                        && !in_parent[clause.clone()].contains(&true)
                        && (fold_clause.len() >= shared
                            || !parent_text.contains(&fold_clause.iter().collect::<String>()));
                    if usable {
                        let text: String = text.iter().collect();
                        if seen.insert(text.clone()) {
                            pool.clauses.push(text.trim().to_owned());
                        }
                        run.push(&body[clause]);
                    }
                    if !usable || run.len() == Self::MAX_CLAUSES_PER_PARAGRAPH {
                        pool.close_paragraph(&mut run);
                    }
                }
                pool.close_paragraph(&mut run);
            }
        }
        pool
    }

    /// Makes a local paragraph of consecutive usable clauses, if they are enough text.
    fn close_paragraph(&mut self, run: &mut Vec<&[char]>) {
        let text: String = run.iter().flat_map(|c| c.iter()).collect();
        if text.chars().filter(|&c| !is_space(c)).count() >= 12 {
            self.paragraphs.push(text.trim().to_owned());
        }
        run.clear();
    }

    fn pick_paragraph(&self, rng: &mut Rng) -> Option<&str> {
        (!self.paragraphs.is_empty())
            .then(|| self.paragraphs[rng.below(self.paragraphs.len())].as_str())
    }

    fn pick_clause(&self, rng: &mut Rng) -> Option<&str> {
        (!self.clauses.is_empty()).then(|| self.clauses[rng.below(self.clauses.len())].as_str())
    }
}

/// The normalised non-white-space chars of `chars`, and for each the index it came from.
fn folded(chars: &[char]) -> (Vec<char>, Vec<usize>) {
    let mut out = Vec::with_capacity(chars.len());
    let mut origin = Vec::with_capacity(chars.len());
    let mut buf = Vec::with_capacity(4);
    for (i, &c) in chars.iter().enumerate() {
        if is_space(c) {
            continue;
        }
        buf.clear();
        fold(c, &mut buf);
        for &f in &buf {
            out.push(f);
            origin.push(i);
        }
    }
    (out, origin)
}

fn gram_hash(gram: &[char]) -> u64 {
    gram.iter().fold(0xcbf2_9ce4_8422_2325, |h, &c| {
        (h ^ c as u64).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

fn half_width(c: char) -> char {
    match c {
        '，' => ',',
        '（' => '(',
        '）' => ')',
        '：' => ':',
        '；' => ';',
        '！' => '!',
        '？' => '?',
        _ => c,
    }
}

/// Writes the child and its truth together.
struct Builder<'a> {
    parent: &'a [char],
    half_width: bool,
    chars: Vec<char>,
    truth: Vec<Truth>,
}

impl Builder<'_> {
    fn push(&mut self, c: char, truth: Truth) {
        self.chars
            .push(if self.half_width { half_width(c) } else { c });
        self.truth.push(truth);
    }

    fn space(&mut self, c: char) {
        self.push(c, Truth::default());
    }

    fn added(&mut self, text: &str) {
        for c in text.chars() {
            if is_space(c) {
                self.space(c);
            } else {
                let truth = Truth {
                    class: Some(SpanClass::Added),
                    ..Truth::default()
                };
                self.push(c, truth);
            }
        }
    }

    /// Copies `segment` of the parent, applying the replacements that fall inside it.
    fn segment(&mut self, segment: Range<usize>, replacements: &[Replacement]) {
        let first = replacements.partition_point(|r| r.from.start < segment.start);
        let mut at = segment.start;
        for r in replacements[first..]
            .iter()
            .take_while(|r| r.from.end <= segment.end)
        {
            self.copy(at..r.from.start, &segment);
            for &c in &r.to {
                let truth = Truth {
                    class: Some(SpanClass::Adapted),
                    parent_char: Some(r.from.start),
                    parent_range: Some(r.from.clone()),
                };
                self.push(c, truth);
            }
            at = r.from.end;
        }
        self.copy(at..segment.end, &segment);
    }

    fn copy(&mut self, range: Range<usize>, segment: &Range<usize>) {
        for i in range {
            let c = self.parent[i];
            if is_space(c) {
                self.space(c);
            } else {
                let truth = Truth {
                    class: Some(SpanClass::Inherited),
                    parent_char: Some(i),
                    parent_range: Some(segment.clone()),
                };
                self.push(c, truth);
            }
        }
    }
}

impl Case {
    /// The spans a perfect aligner would report: runs of one class, inherited runs following
    /// the parent char by char, adapted runs replacing one parent range.
    pub fn truth_spans(&self) -> Vec<Span> {
        let parent: Vec<char> = self.parent.chars().collect();
        let mut spans: Vec<Span> = Vec::new();
        for (i, truth) in self.truth.iter().enumerate() {
            let Some(class) = truth.class else { continue };
            let parent_here = match class {
                SpanClass::Inherited => truth.parent_char.map(|p| p..p + 1),
                SpanClass::Adapted => truth.parent_range.clone(),
                SpanClass::Added => None,
            };
            if let Some(last) = spans.last_mut()
                && last.class == class
            {
                let extends = match (class, &last.parent, &parent_here) {
                    (SpanClass::Added, _, _) => true,
                    (SpanClass::Adapted, Some(a), Some(b)) => a == b,
                    // Only white space may stand between consecutive parent chars.
                    (SpanClass::Inherited, Some(a), Some(b)) => {
                        b.start >= a.end && parent[a.end..b.start].iter().all(|&c| is_space(c))
                    }
                    _ => false,
                };
                if extends {
                    last.range.end = i + 1;
                    if class == SpanClass::Inherited
                        && let (Some(a), Some(b)) = (&mut last.parent, parent_here)
                    {
                        a.end = b.end;
                    }
                    continue;
                }
            }
            spans.push(Span {
                range: i..i + 1,
                class,
                parent: parent_here,
            });
        }
        spans
    }
}

/// A document the cases are built from.
struct Source {
    key: String,
    text: String,
    region: Option<&'static Region>,
}

/// The corpus: the Gansu plan, the scraped provincial documents (the Gansu copy left out), and
/// the Changchun and Zhongshan documents, which serve only as donors. (The Wuwei plan is not a
/// donor: it was derived from the Gansu plan.)
fn sources() -> Vec<Source> {
    let mut out = vec![Source {
        key: "gansu".to_owned(),
        text: GANSU.to_owned(),
        region: REGIONS.iter().find(|r| r.key == "gansu"),
    }];
    for (title, body) in scraped_documents() {
        let region = REGIONS.iter().find(|r| title.starts_with(r.name));
        let base = region.map_or("scraped", |r| r.key);
        if base == "gansu" {
            continue;
        }
        let count = out.iter().filter(|s| s.key.starts_with(base)).count();
        let key = match count {
            0 => base.to_owned(),
            n => format!("{base}-{}", n + 1),
        };
        out.push(Source {
            key,
            text: body,
            region,
        });
    }
    for (key, text) in [("changchun", CHANGCHUN), ("zhongshan", ZHONGSHAN)] {
        out.push(Source {
            key: key.to_owned(),
            text: text.to_owned(),
            region: None,
        });
    }
    out
}

/// The documents of the scraped listing, each once: (title, body). A body is one long line
/// whose paragraphs are separated by runs of spaces; they become lines.
fn scraped_documents() -> Vec<(String, String)> {
    let lines: Vec<&str> = SCRAPED.lines().collect();
    let mut out: Vec<(String, String)> = Vec::new();
    for (n, line) in lines.iter().enumerate() {
        if line.chars().count() < 2000 {
            continue;
        }
        let title = lines[..n]
            .iter()
            .rev()
            .find(|l| !l.trim().is_empty())
            .map_or("", |l| l.trim());
        let body = paragraph_breaks(line.trim());
        if !out.iter().any(|(_, b)| *b == body) {
            out.push((title.to_owned(), body));
        }
    }
    out
}

/// Turns each run of three or more spaces into a line break.
fn paragraph_breaks(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut spaces = 0;
    let flush = |out: &mut String, spaces: usize| {
        if spaces >= 3 {
            out.push('\n');
        } else {
            out.extend(std::iter::repeat_n(' ', spaces));
        }
    };
    for c in text.chars() {
        if c == ' ' {
            spaces += 1;
            continue;
        }
        flush(&mut out, spaces);
        spaces = 0;
        out.push(c);
    }
    flush(&mut out, spaces);
    out
}

/// The donors for a parent: every other source of another region.
fn donors_for<'a>(sources: &'a [Source], parent: &Source) -> Vec<&'a str> {
    sources
        .iter()
        .filter(|s| s.key != parent.key)
        .filter(|s| match (s.region, parent.region) {
            (Some(a), Some(b)) => a.key != b.key,
            _ => true,
        })
        .map(|s| s.text.as_str())
        .collect()
}

/// The fixed benchmark: twelve cases from the corpus with fixed seeds, light to heavy.
pub fn standard_cases() -> Vec<Case> {
    let sources = sources();
    let specs: [(&str, &str, u64, Edits); 12] = [
        ("gansu-light", "gansu", 11, Edits::light()),
        ("gansu-default", "gansu", 12, Edits::default()),
        ("gansu-heavy", "gansu", 13, Edits::heavy()),
        ("gansu-moves", "gansu", 14, Edits::many_moves()),
        (
            "gansu-substitutions",
            "gansu",
            15,
            Edits::many_substitutions(),
        ),
        ("qinghai-default", "qinghai", 21, Edits::default()),
        ("shaanxi-light", "shaanxi", 31, Edits::light()),
        ("guizhou-heavy", "guizhou", 41, Edits::heavy()),
        ("sichuan-moves", "sichuan", 51, Edits::many_moves()),
        (
            "hubei-substitutions",
            "hubei",
            61,
            Edits::many_substitutions(),
        ),
        ("tianjin-default", "tianjin", 71, Edits::default()),
        ("shandong-default", "shandong", 81, Edits::default()),
    ];
    specs
        .into_iter()
        .map(|(name, key, seed, edits)| {
            let parent = sources
                .iter()
                .find(|s| s.key == key)
                .expect("the corpus holds every standard parent");
            let mut case = derive(&parent.text, &donors_for(&sources, parent), seed, &edits);
            case.name = name.to_owned();
            case
        })
        .collect()
}

/// A case beyond the standard ones: a parent picked by `seed`, edit rates scattered around
/// the defaults.
pub fn random_case(seed: u64) -> Case {
    let sources = sources();
    let mut rng = Rng(seed ^ 0x5eed_5eed_5eed_5eed);
    let parents: Vec<&Source> = sources.iter().filter(|s| s.region.is_some()).collect();
    let parent = parents[rng.below(parents.len())];
    let base = Edits::default();
    let mut vary = |rate: f64| (rate * rng.between(0.3, 2.5)).min(1.0);
    let edits = Edits {
        drop_paragraph: vary(base.drop_paragraph),
        swap_paragraphs: vary(base.swap_paragraphs),
        move_paragraph: vary(base.move_paragraph),
        insert_paragraph: vary(base.insert_paragraph),
        insert_clause: vary(base.insert_clause),
        delete_clause: vary(base.delete_clause),
        substitute_term: vary(base.substitute_term),
        substitute_number: vary(base.substitute_number),
        half_width: vary(base.half_width),
        ..base
    };
    let mut case = derive(&parent.text, &donors_for(&sources, parent), seed, &edits);
    case.name = format!("random-{seed}-{}", parent.key);
    case
}

/// A case of at least `min_bytes` of UTF-8 parent text, for timing: the corpus's provincial
/// documents, then disguised copies of them (different text of the same shape) until the size
/// is reached, and a child derived from it with the default edits and the Changchun and
/// Zhongshan documents as donors.
pub fn large_case(min_bytes: usize) -> Case {
    let sources = sources();
    let (provincial, donors): (Vec<&Source>, Vec<&Source>) =
        sources.iter().partition(|s| s.region.is_some());
    let mut parts: Vec<String> = provincial.iter().map(|s| s.text.clone()).collect();
    let mut bytes: usize = parts.iter().map(|p| p.len() + 1).sum();
    let mut seed = 0;
    while bytes < min_bytes {
        let source = provincial[seed % provincial.len()];
        // A different document of the same shape: every ideograph moved to another one, so
        // copies share structure (headings, punctuation, numbers) but no passages, as the
        // different documents of a real 1 MB collection would.
        let variant = disguise(&source.text, seed + 1);
        bytes += variant.len() + 1;
        parts.push(variant);
        seed += 1;
    }
    let donors: Vec<&str> = donors.iter().map(|s| s.text.as_str()).collect();
    let mut case = derive(&parts.join("\n"), &donors, 7, &Edits::default());
    case.name = format!("large-{}kB", bytes / 1000);
    case
}

/// Moves every common CJK ideograph of `text` to another one by a shift that depends on
/// `key`, leaving punctuation, digits and Latin letters alone.
fn disguise(text: &str, key: usize) -> String {
    const FIRST: u32 = 0x4e00;
    const COUNT: u32 = 0x9fa5 - 0x4e00 + 1;
    let shift = (key as u32).wrapping_mul(7919) % COUNT;
    text.chars()
        .map(|c| match c as u32 {
            code @ FIRST..=0x9fa5 => {
                char::from_u32(FIRST + (code - FIRST + shift) % COUNT).unwrap_or(c)
            }
            _ => c,
        })
        .collect()
}

/// A pathological pair (parent, child): the Gansu plan `times` over, and the Wuwei plan derived
/// from it `times` over, so every passage of the child matches `times` places of the parent.
pub fn pathological_pair(times: usize) -> (String, String) {
    (vec![GANSU; times].join("\n"), vec![WUWEI; times].join("\n"))
}

/// The quality bars for the pooled scores of the standard cases: (name, minimum).
pub const BARS: [(&str, f64); 4] = [
    ("reused F1", 0.99),
    ("added F1", 0.97),
    ("adapted F1", 0.85),
    ("pointer accuracy", 0.995),
];

/// How well a comparison matches a case's truth, over the child's non-white-space chars.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Scores {
    /// F1 of reused (inherited or adapted) against the rest.
    pub reused_f1: f64,
    pub added_f1: f64,
    pub adapted_f1: f64,
    /// Among chars inherited in truth and prediction, the share whose predicted parent char is
    /// the true one. 0 when the truth has inherited chars but none was predicted inherited.
    pub pointer_accuracy: f64,
    /// Non-white-space child chars scored.
    pub chars: usize,
    /// `confusion[truth][predicted]`, classes in the order inherited, adapted, added.
    pub confusion: [[usize; 3]; 3],
    /// Chars that no span covers (scored as predicted `added`) or more than one span covers
    /// (scored by the first).
    pub coverage_errors: usize,
    /// Inherited spans whose child text is not their parent text after normalisation.
    pub unequal_spans: usize,
    /// Chars inherited in truth and prediction.
    pub pointer_checked: usize,
    /// Of those, chars whose predicted parent char is the true one.
    pub pointer_correct: usize,
}

impl Scores {
    /// The values [`BARS`] sets minimums for, in the same order.
    pub fn bar_values(&self) -> [f64; 4] {
        [
            self.reused_f1,
            self.added_f1,
            self.adapted_f1,
            self.pointer_accuracy,
        ]
    }

    pub fn meets_bars(&self) -> bool {
        self.bar_values()
            .iter()
            .zip(BARS)
            .all(|(&value, (_, minimum))| value >= minimum)
    }

    /// Fills in the rates from the counts.
    fn finish(mut self) -> Self {
        let f1 = |classes: &[usize]| {
            let (mut tp, mut fp, mut fne) = (0, 0, 0);
            for truth in 0..3 {
                for predicted in 0..3 {
                    let n = self.confusion[truth][predicted];
                    match (classes.contains(&truth), classes.contains(&predicted)) {
                        (true, true) => tp += n,
                        (false, true) => fp += n,
                        (true, false) => fne += n,
                        (false, false) => {}
                    }
                }
            }
            // A class absent from both truth and prediction was got right.
            if tp + fp + fne == 0 {
                1.0
            } else {
                2.0 * tp as f64 / (2 * tp + fp + fne) as f64
            }
        };
        self.reused_f1 = f1(&[0, 1]);
        self.adapted_f1 = f1(&[1]);
        self.added_f1 = f1(&[2]);
        let inherited: usize = self.confusion[0].iter().sum();
        self.pointer_accuracy = if self.pointer_checked > 0 {
            self.pointer_correct as f64 / self.pointer_checked as f64
        } else if inherited == 0 {
            1.0
        } else {
            0.0
        };
        self
    }
}

fn class_index(class: SpanClass) -> usize {
    match class {
        SpanClass::Inherited => 0,
        SpanClass::Adapted => 1,
        SpanClass::Added => 2,
    }
}

/// What a comparison says about each child char: class and, for inherited chars, parent char.
pub struct Prediction {
    /// `None` where no span covers the char.
    pub class: Vec<Option<SpanClass>>,
    pub parent_char: Vec<Option<usize>>,
    /// How many spans cover each char.
    pub cover: Vec<u32>,
    /// Inherited spans whose child text is not their parent text after normalisation (which
    /// breaks the contract, and throws the char-by-char pointers off).
    pub unequal_spans: usize,
}

/// Reads a comparison char by char. Inside an inherited span the i-th non-white-space child
/// char maps to the i-th non-white-space char of the span's parent range (normalisation folds
/// widths and white space but is otherwise one to one).
pub fn predict(case: &Case, comparison: &Comparison) -> Prediction {
    let child: Vec<char> = case.child.chars().collect();
    let parent: Vec<char> = case.parent.chars().collect();
    let n = child.len();
    let mut out = Prediction {
        class: vec![None; n],
        parent_char: vec![None; n],
        cover: vec![0; n],
        unequal_spans: 0,
    };
    for span in &comparison.spans {
        let range = span.range.start.min(n)..span.range.end.min(n);
        if span.class == SpanClass::Inherited {
            let parent_text = span
                .parent
                .as_ref()
                .map(|p| folded(&parent[p.start.min(parent.len())..p.end.min(parent.len())]).0);
            if parent_text != Some(folded(&child[range.clone()]).0) {
                out.unequal_spans += 1;
            }
        }
        let mut parent_chars = span
            .parent
            .as_ref()
            .filter(|_| span.class == SpanClass::Inherited)
            .map(|p| p.start.min(parent.len())..p.end.min(parent.len()))
            .into_iter()
            .flatten()
            .filter(|&p| !is_space(parent[p]));
        for i in range {
            let pointer = if is_space(child[i]) {
                None
            } else {
                parent_chars.next()
            };
            if out.cover[i] == 0 {
                out.class[i] = Some(span.class);
                out.parent_char[i] = pointer;
            }
            out.cover[i] += 1;
        }
    }
    out
}

/// Grades `comparison` against the truth of `case`.
pub fn score(case: &Case, comparison: &Comparison) -> Scores {
    let prediction = predict(case, comparison);
    let mut scores = Scores {
        unequal_spans: prediction.unequal_spans,
        ..Scores::default()
    };
    for (i, truth) in case.truth.iter().enumerate() {
        let Some(class) = truth.class else { continue };
        scores.chars += 1;
        if prediction.cover[i] != 1 {
            scores.coverage_errors += 1;
        }
        let predicted = prediction.class[i].unwrap_or(SpanClass::Added);
        scores.confusion[class_index(class)][class_index(predicted)] += 1;
        if class == SpanClass::Inherited && predicted == SpanClass::Inherited {
            scores.pointer_checked += 1;
            if prediction.parent_char[i] == truth.parent_char {
                scores.pointer_correct += 1;
            }
        }
    }
    scores.finish()
}

/// Pools the counts of several cases (micro-average).
pub fn aggregate(scores: &[Scores]) -> Scores {
    let mut total = Scores::default();
    for s in scores {
        total.chars += s.chars;
        total.coverage_errors += s.coverage_errors;
        total.unequal_spans += s.unequal_spans;
        total.pointer_checked += s.pointer_checked;
        total.pointer_correct += s.pointer_correct;
        for truth in 0..3 {
            for predicted in 0..3 {
                total.confusion[truth][predicted] += s.confusion[truth][predicted];
            }
        }
    }
    total.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gansu_case(seed: u64, edits: &Edits) -> Case {
        derive(GANSU, &[CHANGCHUN, ZHONGSHAN], seed, edits)
    }

    fn folded_char(c: char) -> Vec<char> {
        let mut out = Vec::new();
        fold(c, &mut out);
        out
    }

    #[test]
    fn truth_has_one_entry_per_child_char_and_marks_white_space() {
        let case = gansu_case(1, &Edits::heavy());
        let child: Vec<char> = case.child.chars().collect();
        assert_eq!(case.truth.len(), child.len());
        for (c, truth) in child.iter().zip(&case.truth) {
            assert_eq!(truth.class.is_none(), is_space(*c), "{c:?}");
        }
        // Paragraphs stay on their own lines.
        assert!(case.child.lines().count() > 40);
    }

    #[test]
    fn inherited_truth_is_the_parent_char() {
        let case = gansu_case(2, &Edits::heavy());
        let parent: Vec<char> = case.parent.chars().collect();
        let mut inherited = 0;
        for (c, truth) in case.child.chars().zip(&case.truth) {
            if truth.class == Some(SpanClass::Inherited) {
                let p = truth.parent_char.unwrap();
                assert_eq!(folded_char(c), folded_char(parent[p]));
                assert!(truth.parent_range.as_ref().unwrap().contains(&p));
                inherited += 1;
            }
        }
        assert!(inherited > 3000);
        // Half-width punctuation is on for heavy edits; it does not make chars adapted.
        assert!(!case.child.contains('，'));
    }

    #[test]
    fn adapted_truth_points_at_the_replaced_text() {
        let case = gansu_case(3, &Edits::many_substitutions());
        let parent: Vec<char> = case.parent.chars().collect();
        let child: Vec<char> = case.child.chars().collect();
        let spans: Vec<Span> = case
            .truth_spans()
            .into_iter()
            .filter(|s| s.class == SpanClass::Adapted)
            .collect();
        assert!(spans.len() > 50);
        let mut pairs = HashSet::new();
        for span in &spans {
            let from: String = parent[span.parent.clone().unwrap()].iter().collect();
            let to: String = child[span.range.clone()].iter().collect();
            assert_ne!(from, to);
            let number = |s: &str| s.chars().all(|c| c.is_ascii_digit());
            assert_eq!(number(&from), number(&to), "{from}→{to}");
            assert_eq!(
                case.truth[span.range.start].parent_char,
                Some(span.parent.as_ref().unwrap().start)
            );
            pairs.insert((from, to));
        }
        for (from, to) in [("省", "市"), ("甘肃", "武威"), ("省科技厅", "市科技局")] {
            assert!(
                pairs.contains(&(from.to_owned(), to.to_owned())),
                "{from}→{to}"
            );
        }
        assert!(pairs.iter().any(|(from, _)| from == "2020"));
        // 省政府→市政府: 政府 stays inherited, pointing just after the replaced 省.
        let i = (0..child.len() - 2)
            .find(|&i| {
                child[i..i + 3] == ['市', '政', '府']
                    && case.truth[i].class == Some(SpanClass::Adapted)
            })
            .unwrap();
        let replaced = case.truth[i].parent_range.clone().unwrap();
        assert_eq!(parent[replaced.clone()], ['省']);
        assert_eq!(case.truth[i + 1].class, Some(SpanClass::Inherited));
        assert_eq!(case.truth[i + 1].parent_char, Some(replaced.end));
    }

    #[test]
    fn a_perfect_prediction_scores_one() {
        for (seed, edits) in [(4, Edits::default()), (5, Edits::heavy())] {
            let case = gansu_case(seed, &edits);
            let comparison = Comparison {
                spans: case.truth_spans(),
                ..Default::default()
            };
            let s = score(&case, &comparison);
            assert_eq!(s.bar_values(), [1.0; 4], "{s:?}");
            assert_eq!(s.coverage_errors, 0);
            assert!(s.confusion[2][2] > 0 && s.confusion[1][1] > 0);
        }
    }

    #[test]
    fn missing_spans_count_as_added_and_as_coverage_errors() {
        let case = gansu_case(6, &Edits::default());
        let s = score(&case, &Comparison::default());
        assert_eq!(s.coverage_errors, s.chars);
        assert_eq!(s.reused_f1, 0.0);
        assert_eq!(s.pointer_accuracy, 0.0);
        assert!(s.added_f1 > 0.0 && s.added_f1 < 0.5);
        let pooled = aggregate(&[s, s]);
        assert_eq!(pooled.chars, 2 * s.chars);
        assert_eq!(pooled.added_f1, s.added_f1);
    }

    #[test]
    fn a_wrong_pointer_is_caught() {
        let case = gansu_case(7, &Edits::light());
        let mut spans = case.truth_spans();
        let span = spans
            .iter_mut()
            .find(|s| s.class == SpanClass::Inherited && s.range.len() > 20)
            .unwrap();
        let p = span.parent.as_mut().unwrap();
        *p = p.start + 1..p.end + 1;
        let s = score(
            &case,
            &Comparison {
                spans,
                ..Default::default()
            },
        );
        assert_eq!(s.reused_f1, 1.0);
        assert!(s.pointer_accuracy < 1.0);
    }

    #[test]
    fn derive_is_deterministic_for_a_seed() {
        let edits = Edits::default();
        assert_eq!(gansu_case(8, &edits), gansu_case(8, &edits));
        assert_ne!(gansu_case(8, &edits).child, gansu_case(9, &edits).child);
    }

    #[test]
    fn scraped_bodies_become_paragraphs() {
        assert_eq!(paragraph_breaks("甲  乙   丙    丁"), "甲  乙\n丙\n丁");
        let docs = scraped_documents();
        assert_eq!(docs.len(), 9);
        assert!(docs.iter().all(|(_, body)| body.lines().count() > 10));
    }
}
