//! Multi-source tracing cases with known answers, built from the real corpus texts, and
//! their scorer.
//!
//! A case has a higher document (a real plan), a version derived from it with its own
//! changes (sentences reworded, local names and terms substituted, paragraphs dropped and
//! added), an unrelated peer (a real document on another subject) and a child mixing them:
//! mostly from the derived version, or following the higher document but taking the derived
//! version's reworded paragraphs, with peer paragraphs and text of its own. Every child
//! character knows the document it was copied from and which documents hold it.

use std::path::Path;

/// The documents of a case, in the order they are given as sources.
pub const ROLES: [&str; 3] = ["higher", "derived", "peer"];

#[derive(Debug, Clone)]
pub struct Case {
    pub name: String,
    /// How the child mixes its sources.
    pub mix: Mix,
    /// Texts of the higher document, the derived version and the peer (see [`ROLES`]).
    pub sources: [String; 3],
    pub child: String,
    /// For each character of `child`: the source it was copied from (`None`: the child's
    /// own text, or white space) and which sources hold it as written (bit k: source k).
    pub truth: Vec<(Option<usize>, u8)>,
}

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e3779b97f4a7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58476d1ce4e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d049bb133111eb);
        z ^ (z >> 31)
    }
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// A character of a built text and where it comes from in the higher document.
#[derive(Clone, Copy)]
struct Char {
    c: char,
    /// Position in the higher document's paragraph list and character, when it is kept
    /// from there unchanged.
    from_higher: Option<(usize, usize)>,
}

type Paragraph = Vec<Char>;

fn paragraphs(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| l.chars().count() >= 20)
        .map(str::to_owned)
        .collect()
}

/// Corpus texts: the plans of the shared corpus and every entry of the scraped listing, as
/// paragraph lists, with a label.
pub fn corpus_texts(dir: &Path) -> Vec<(String, Vec<String>)> {
    let mut out = Vec::new();
    for name in [
        "gansu-2018-ai-plan.txt",
        "changchun-2021-ai-opinions.txt",
        "zhongshan-2019-ai-action-plan-draft.txt",
    ] {
        let text = std::fs::read_to_string(dir.join(name)).expect("corpus file");
        out.push((name.to_owned(), paragraphs(&text)));
    }
    let scraped = dir.join("provincial-policies-2018-scraped.txt");
    let source = policy_lineage::document::source::read_source(&scraped).expect("scraped listing");
    let entries = policy_lineage::document::split::split_entries(&source);
    for (n, entry) in entries.iter().enumerate().filter(|(_, e)| e.has_text) {
        let text = source.slice(entry.range.clone());
        // Scraped pages separate paragraphs by runs of spaces.
        let text = text
            .split("   ")
            .map(str::trim)
            .collect::<Vec<_>>()
            .join("\n");
        let paras = paragraphs(&text);
        if paras.iter().map(|p| p.chars().count()).sum::<usize>() > 3000
            && !out
                .iter()
                .any(|(_, p): &(String, Vec<String>)| p.first() == paras.first())
        {
            out.push((format!("scraped#{}", n + 1), paras));
        }
    }
    out
}

/// Share of `a`'s 8-character windows found in `b`: related texts are kept apart.
fn overlap(a: &[String], b: &[String]) -> f64 {
    let grams = |t: &[String]| -> std::collections::HashSet<Vec<char>> {
        t.iter()
            .flat_map(|p| {
                let c: Vec<char> = p.chars().collect();
                c.windows(8).map(<[char]>::to_vec).collect::<Vec<_>>()
            })
            .collect()
    };
    let (ga, gb) = (grams(a), grams(b));
    ga.iter().filter(|g| gb.contains(*g)).count() as f64 / ga.len().max(1) as f64
}

/// Local substitutions a derived version makes (the province's text made the city's).
const LOCAL: &[(&str, &str)] = &[
    ("全省", "全市"),
    ("我省", "我市"),
    ("省级", "市级"),
    ("省委", "市委"),
    ("省政府", "市政府"),
    ("各市", "各县区"),
    ("国家", "国家和省"),
    ("到2020年", "到2021年"),
    ("到2025年", "到2026年"),
];

/// Phrases a rewording inserts.
const REWORDING: &[&str] = &[
    "切实",
    "进一步",
    "大力",
    "积极稳妥地",
    "统筹推进",
    "全面",
    "着力",
    "扎实",
];

fn split_clauses(text: &[Char]) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in text.iter().enumerate() {
        if matches!(c.c, '，' | ',' | '。' | '；' | ';' | '、') {
            out.push(start..i + 1);
            start = i + 1;
        }
    }
    if start < text.len() {
        out.push(start..text.len());
    }
    out
}

fn plain(text: &str) -> Paragraph {
    text.chars()
        .map(|c| Char {
            c,
            from_higher: None,
        })
        .collect()
}

/// Rewords a paragraph: substitutes local terms, inserts phrases, replaces a clause with a
/// clause of another document. Returns whether anything changed.
fn reword(p: &mut Paragraph, donor_clauses: &[String], rng: &mut Rng) -> bool {
    let before: String = p.iter().map(|c| c.c).collect();
    let text: String = before.clone();
    for (from, to) in LOCAL {
        if let Some(at) = text.find(from)
            && rng.chance(0.7)
        {
            let start = text[..at].chars().count();
            substitute(p, start, from, to);
            break;
        }
    }
    let clauses = split_clauses(p);
    let mut edits = 1 + rng.below(3);
    let mut order: Vec<usize> = (0..clauses.len()).collect();
    order.reverse();
    for i in order {
        if edits == 0 {
            break;
        }
        let r = clauses[i].clone();
        if r.len() < 6 || !rng.chance(0.5) {
            continue;
        }
        edits -= 1;
        match rng.below(3) {
            0 => {
                let phrase = REWORDING[rng.below(REWORDING.len())];
                p.splice(r.start..r.start, plain(phrase));
            }
            1 if !donor_clauses.is_empty() => {
                let clause = &donor_clauses[rng.below(donor_clauses.len())];
                p.splice(r.start..r.end, plain(clause));
            }
            _ => {
                // Drop a few characters from the middle of the clause.
                let mid = r.start + r.len() / 2;
                p.drain(mid..(mid + 3).min(r.end - 1));
            }
        }
    }
    p.iter().map(|c| c.c).collect::<String>() != before
}

/// Replaces `from`, at character `start` of `p`, with `to`. The characters the two share at
/// either end stay the higher document's (国家 in 国家和省, 到202 and 年 in 到2021年): the
/// derived version holds them there as written.
fn substitute(p: &mut Paragraph, start: usize, from: &str, to: &str) {
    let (from, to): (Vec<char>, Vec<char>) = (from.chars().collect(), to.chars().collect());
    let head = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    let tail = from[head..]
        .iter()
        .rev()
        .zip(to[head..].iter().rev())
        .take_while(|(a, b)| a == b)
        .count();
    let new: String = to[head..to.len() - tail].iter().collect();
    p.splice(start + head..start + from.len() - tail, plain(&new));
}

/// Substitutes the local terms throughout a paragraph (most occurrences).
fn localise(p: &mut Paragraph, rng: &mut Rng) {
    for (from, to) in LOCAL {
        let from: Vec<char> = from.chars().collect();
        let mut i = 0;
        while i + from.len() <= p.len() {
            let here = p[i..i + from.len()]
                .iter()
                .map(|c| c.c)
                .eq(from.iter().copied());
            if here && rng.chance(0.8) {
                substitute(p, i, &from.iter().collect::<String>(), to);
                i += to.chars().count();
            } else {
                i += 1;
            }
        }
    }
}

/// The derived version: each higher paragraph kept, reworded or dropped, local terms
/// substituted throughout; paragraphs of its own added. Returns the paragraphs and, for each, the higher paragraph it came from and
/// whether it was reworded.
fn derive(
    higher: &[Paragraph],
    habits: &Habits,
    donor: &[String],
    donor_clauses: &[String],
    rng: &mut Rng,
) -> Vec<(Paragraph, Option<usize>, bool)> {
    let mut out = Vec::new();
    for (i, p) in higher.iter().enumerate() {
        if rng.chance(habits.drop) {
            continue;
        }
        let mut q = p.clone();
        let reworded = rng.chance(habits.reword) && reword(&mut q, donor_clauses, rng);
        localise(&mut q, rng);
        out.push((q, Some(i), reworded));
        if rng.chance(habits.own_in_derived) && !donor.is_empty() {
            out.push((plain(&donor[rng.below(donor.len())]), None, false));
        }
    }
    out
}

/// The proportions a case is built with. The standard cases keep [`Habits::standard`];
/// random cases draw each from a range, so that no one habit of the generator is tuned to.
#[derive(Debug, Clone, Copy)]
pub struct Habits {
    /// Share of the higher paragraphs the derived version rewords.
    pub reword: f64,
    /// Share of them it drops, and of paragraphs of its own it adds after one.
    pub drop: f64,
    pub own_in_derived: f64,
    /// Share of the derived version's reworded paragraphs a child following the higher
    /// document takes.
    pub take_reworded: f64,
    /// Chance a mixed child switches source at a paragraph.
    pub switch: f64,
    /// Share of paragraphs copied, and chances of a peer paragraph and of own text after one.
    pub copy: f64,
    pub peer: f64,
    pub own: f64,
    /// Chances a higher paragraph is joined to the one before, or split at a sentence end.
    pub join: f64,
    pub split: f64,
}

impl Habits {
    pub fn standard(mix: Mix) -> Habits {
        let (copy, peer, own) = match mix {
            Mix::Derived => (0.85, 0.06, 0.08),
            Mix::HigherWithRewording => (0.88, 0.05, 0.07),
            Mix::Mixed => (0.88, 0.1, 0.07),
        };
        Habits {
            reword: 0.35,
            drop: 0.05,
            own_in_derived: 0.08,
            take_reworded: 0.6,
            switch: 0.2,
            copy,
            peer,
            own,
            join: 0.0,
            split: 0.0,
        }
    }

    fn random(rng: &mut Rng) -> Habits {
        let mut within = |a: f64, b: f64| a + (b - a) * rng.unit();
        Habits {
            reword: within(0.05, 0.5),
            drop: within(0.0, 0.1),
            own_in_derived: within(0.0, 0.15),
            take_reworded: within(0.3, 0.9),
            switch: within(0.05, 0.4),
            copy: within(0.75, 0.95),
            peer: within(0.02, 0.15),
            own: within(0.02, 0.12),
            join: within(0.0, 0.4),
            split: within(0.0, 0.3),
        }
    }
}

/// The higher document's paragraphs, some joined to the one before or split at a sentence
/// end, as the habits say.
fn reparagraph(paras: &[String], habits: &Habits, seed: u64) -> Vec<String> {
    let mut rng = Rng(seed ^ 0x9a7a_9a9f);
    let mut out: Vec<String> = Vec::new();
    for p in paras {
        if !out.is_empty() && rng.chance(habits.join) {
            out.last_mut().unwrap().push_str(p);
            continue;
        }
        let ends: Vec<usize> = p
            .match_indices('。')
            .map(|(at, _)| at + '。'.len_utf8())
            .collect();
        match ends.get(ends.len() / 2) {
            Some(&at) if at < p.len() && rng.chance(habits.split) => {
                out.push(p[..at].to_owned());
                out.push(p[at..].to_owned());
            }
            _ => out.push(p.clone()),
        }
    }
    out
}

/// How a child mixes its sources.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Mix {
    /// Mostly the derived version.
    Derived,
    /// The higher document, taking the derived version's reworded paragraphs.
    HigherWithRewording,
    /// Runs of paragraphs from either, with more peer paragraphs.
    Mixed,
}

/// Builds one case from corpus texts: the higher document `higher`, the peer `peer`,
/// donors of the derived version's and the child's own text.
pub fn build(
    name: &str,
    texts: &[(String, Vec<String>)],
    higher: usize,
    mix: Mix,
    habits: &Habits,
    seed: u64,
) -> Case {
    let mut rng = Rng(seed ^ 0x5eed_cafe);
    let unrelated: Vec<usize> = (0..texts.len())
        .filter(|&i| i != higher && overlap(&texts[i].1, &texts[higher].1) < 0.02)
        .collect();
    let pick = |rng: &mut Rng, not: &[usize]| -> usize {
        let pool: Vec<usize> = unrelated
            .iter()
            .copied()
            .filter(|i| !not.contains(i))
            .collect();
        pool[rng.below(pool.len())]
    };
    let peer = pick(&mut rng, &[]);
    let own_donor = pick(&mut rng, &[peer]);
    let derived_donor = pick(&mut rng, &[peer, own_donor]);
    let higher_text = reparagraph(&texts[higher].1, habits, seed);
    let mut higher_paras: Vec<Paragraph> = higher_text.iter().map(|p| plain(p)).collect();
    for (i, p) in higher_paras.iter_mut().enumerate() {
        for (k, c) in p.iter_mut().enumerate() {
            c.from_higher = Some((i, k));
        }
    }
    let derived_donor_paras = &texts[derived_donor].1;
    let derived_clauses: Vec<String> = derived_donor_paras
        .iter()
        .flat_map(|p| p.split('，').map(str::to_owned).collect::<Vec<_>>())
        .filter(|c| c.chars().count() >= 6)
        .collect();
    let derived = derive(
        &higher_paras,
        habits,
        derived_donor_paras,
        &derived_clauses,
        &mut rng,
    );
    let peer_paras = &texts[peer].1;
    let own_paras = &texts[own_donor].1;

    // The child: (source, paragraph) in order.
    let mut child: Vec<(Option<usize>, Paragraph)> = Vec::new();
    let own = |rng: &mut Rng| plain(&own_paras[rng.below(own_paras.len())]);
    let mut peer_at = rng.below(peer_paras.len());
    match mix {
        Mix::Derived => {
            for (p, _, _) in &derived {
                if rng.chance(habits.copy) {
                    child.push((Some(1), p.clone()));
                }
                if rng.chance(habits.peer) {
                    child.push((Some(2), plain(&peer_paras[peer_at % peer_paras.len()])));
                    peer_at += 1;
                }
                if rng.chance(habits.own) {
                    child.push((None, own(&mut rng)));
                }
            }
        }
        Mix::HigherWithRewording | Mix::Mixed => {
            let mut following_derived = false;
            for (i, p) in higher_paras.iter().enumerate() {
                let version = derived.iter().find(|(_, from, _)| *from == Some(i));
                // A mixed child copies runs of paragraphs from one source, then the other.
                if mix == Mix::Mixed && rng.chance(habits.switch) {
                    following_derived = !following_derived;
                }
                let take_derived = match (mix, version) {
                    (Mix::HigherWithRewording, Some((_, _, true))) => {
                        rng.chance(habits.take_reworded)
                    }
                    (Mix::Mixed, Some(_)) => following_derived,
                    _ => false,
                };
                if take_derived {
                    child.push((Some(1), version.unwrap().0.clone()));
                } else if rng.chance(habits.copy) {
                    child.push((Some(0), p.clone()));
                }
                if rng.chance(habits.peer) {
                    child.push((Some(2), plain(&peer_paras[peer_at % peer_paras.len()])));
                    peer_at += 1;
                }
                if rng.chance(habits.own) {
                    child.push((None, own(&mut rng)));
                }
            }
        }
    }

    // Which higher characters the derived version kept unchanged.
    let kept_in_derived: std::collections::HashSet<(usize, usize)> = derived
        .iter()
        .flat_map(|(p, _, _)| p.iter().filter_map(|c| c.from_higher))
        .collect();
    let mut text = String::new();
    let mut truth = Vec::new();
    for (source, p) in &child {
        for c in p {
            let mut holders = 0u8;
            if let Some(s) = source {
                holders |= 1 << s;
                match (s, c.from_higher) {
                    (0, Some(at)) if kept_in_derived.contains(&at) => holders |= 1 << 1,
                    (1, Some(_)) => holders |= 1 << 0,
                    _ => {}
                }
            }
            text.push(c.c);
            truth.push((*source, holders));
        }
        text.push('\n');
        truth.push((None, 0));
    }
    let join = |paras: Vec<String>| paras.join("\n") + "\n";
    Case {
        name: name.to_owned(),
        mix,
        sources: [
            join(higher_text),
            join(
                derived
                    .iter()
                    .map(|(p, _, _)| p.iter().map(|c| c.c).collect())
                    .collect(),
            ),
            join(peer_paras.clone()),
        ],
        child: text,
        truth,
    }
}

/// The fixed cases: three mixes over two higher documents.
pub fn standard_cases(dir: &Path) -> Vec<Case> {
    let texts = corpus_texts(dir);
    let highers: Vec<usize> = [0, texts.len() / 2]
        .into_iter()
        .filter(|&i| i < texts.len())
        .collect();
    let mut out = Vec::new();
    for (h, &higher) in highers.iter().enumerate() {
        for (m, mix) in [Mix::Derived, Mix::HigherWithRewording, Mix::Mixed]
            .into_iter()
            .enumerate()
        {
            let seed = 100 + (h * 10 + m) as u64;
            out.push(build(
                &format!("{}-{mix:?}", texts[higher].0),
                &texts,
                higher,
                mix,
                &Habits::standard(mix),
                seed,
            ));
        }
    }
    out
}

/// A random case: a random higher document and mix.
pub fn random_case(dir: &Path, seed: u64) -> Case {
    let texts = corpus_texts(dir);
    let mut rng = Rng(seed.wrapping_mul(0x2545f4914f6cdd1d));
    let higher = rng.below(texts.len());
    let mix = [Mix::Derived, Mix::HigherWithRewording, Mix::Mixed][rng.below(3)];
    let habits = Habits::random(&mut rng);
    let name = format!("random-{seed}-{}-{mix:?}", texts[higher].0);
    // A child copying one source whole, with nothing else, is that source's exact copy,
    // which the contract never traces against it: such a draw is built again.
    let squeezed = |t: &str| -> String { t.chars().filter(|c| !c.is_whitespace()).collect() };
    (0..)
        .map(|retry| build(&name, &texts, higher, mix, &habits, seed + (retry << 32)))
        .find(|case| {
            let child = squeezed(&case.child);
            case.sources.iter().all(|s| squeezed(s) != child)
        })
        .expect("a case that is no copy of a source")
}

/// Counts over the copied characters of a case.
#[derive(Debug, Clone, Copy, Default)]
pub struct Scores {
    pub copied: usize,
    pub attributed: usize,
    pub distinctive: usize,
    pub distinctive_right: usize,
    pub nearest_right: usize,
    /// Nearest right where the texts decide it; see [`undecidable`].
    pub nearest_decidable_right: usize,
    /// Reuse vs added: true and false positives, false negatives (predicted reuse).
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
}

impl Scores {
    pub fn add(&mut self, o: &Scores) {
        self.copied += o.copied;
        self.attributed += o.attributed;
        self.distinctive += o.distinctive;
        self.distinctive_right += o.distinctive_right;
        self.nearest_right += o.nearest_right;
        self.nearest_decidable_right += o.nearest_decidable_right;
        self.tp += o.tp;
        self.fp += o.fp;
        self.fn_ += o.fn_;
    }
    pub fn attribution(&self) -> f64 {
        self.attributed as f64 / self.copied.max(1) as f64
    }
    pub fn distinctive(&self) -> f64 {
        self.distinctive_right as f64 / self.distinctive.max(1) as f64
    }
    pub fn nearest(&self) -> f64 {
        self.nearest_right as f64 / self.copied.max(1) as f64
    }
    pub fn nearest_decidable(&self) -> f64 {
        self.nearest_decidable_right as f64 / self.copied.max(1) as f64
    }
    pub fn reuse_f1(&self) -> f64 {
        2.0 * self.tp as f64 / (2 * self.tp + self.fp + self.fn_).max(1) as f64
    }
}

/// The bars: attribution, distinctive, nearest, reuse vs added F1.
pub const BARS: [f64; 4] = [0.99, 0.99, 0.97, 0.99];

/// For each child character, the sources any of which counts as its nearest because the texts
/// cannot tell them apart (bit k: source k; 0 where the truth decides).
///
/// A copied paragraph that every source holding it holds identically carries no reading; only
/// the paragraphs around it can decide it, by continuity. Where the nearest paragraphs on
/// either side that are decided for one of those sources (hold text it alone has) name
/// different sources, or none does, the copying switched source somewhere in the run and
/// nothing tells where: any of the sources holding the paragraph identically is as right as
/// the generator's choice. Where they name the same source, or only one side has one, that
/// source decides and the truth stands.
pub fn undecidable(case: &Case) -> Vec<u8> {
    let mut paragraphs: Vec<Vec<usize>> = vec![Vec::new()];
    for (i, c) in case.child.chars().enumerate() {
        if c == '\n' {
            paragraphs.push(Vec::new());
        } else if case.truth[i].0.is_some() && !c.is_whitespace() {
            paragraphs.last_mut().unwrap().push(i);
        }
    }
    paragraphs.retain(|p| !p.is_empty());
    // For each paragraph: the source it is decided for, and the sources holding all of it.
    let decided: Vec<Option<usize>> = paragraphs
        .iter()
        .map(|p| {
            p.iter()
                .any(|&i| case.truth[i].1.count_ones() == 1)
                .then(|| case.truth[p[0]].0)
                .flatten()
        })
        .collect();
    let held: Vec<u8> = paragraphs
        .iter()
        .map(|p| p.iter().fold(u8::MAX, |m, &i| m & case.truth[i].1))
        .collect();
    let mut out = vec![0u8; case.child.chars().count()];
    for (n, p) in paragraphs.iter().enumerate() {
        if decided[n].is_some() || held[n].count_ones() < 2 {
            continue;
        }
        let deciding = |m: usize| decided[m].filter(|&k| held[n] & (1 << k) != 0);
        let before = (0..n).rev().find_map(deciding);
        let after = (n + 1..paragraphs.len()).find_map(deciding);
        let open = match (before, after) {
            (Some(a), Some(b)) => a != b,
            (None, None) => true,
            _ => false,
        };
        if open {
            for &i in p {
                out[i] = held[n];
            }
        }
    }
    out
}

/// Scores `predicted` (for each child character, the role of the source named, if any)
/// against the case's truth.
pub fn score(case: &Case, predicted: &[Option<usize>]) -> Scores {
    let mut s = Scores::default();
    let open = undecidable(case);
    for (i, c) in case.child.chars().enumerate() {
        if c.is_whitespace() {
            continue;
        }
        let (truth, holders) = case.truth[i];
        let guess = predicted[i];
        match (truth, guess) {
            (Some(_), Some(_)) => s.tp += 1,
            (None, Some(_)) => s.fp += 1,
            (Some(_), None) => s.fn_ += 1,
            (None, None) => {}
        }
        let Some(truth) = truth else { continue };
        s.copied += 1;
        if guess.is_some_and(|g| holders & (1 << g) != 0) {
            s.attributed += 1;
        }
        if holders.count_ones() == 1 {
            s.distinctive += 1;
            if guess == Some(truth) {
                s.distinctive_right += 1;
            }
        }
        if guess == Some(truth) {
            s.nearest_right += 1;
        }
        if guess == Some(truth) || guess.is_some_and(|g| open[i] & (1 << g) != 0) {
            s.nearest_decidable_right += 1;
        }
    }
    s
}

/// What the tracer said of each child character: the role of the source named, if any, and
/// the roles of every source it found holding the character (bit k: role k).
pub struct Traced {
    pub named: Vec<Option<usize>>,
    pub holders: Vec<u8>,
}

/// Traces a case: the child against its three sources.
pub fn run(case: &Case) -> Traced {
    use policy_lineage::Document;
    let child = Document::from_text("child.txt", &case.child).expect("child loads");
    let sources: Vec<Document> = case
        .sources
        .iter()
        .zip(ROLES)
        .map(|(t, role)| Document::from_text(&format!("{role}.txt"), t).expect("source loads"))
        .collect();
    let t = policy_lineage::trace::trace(&child, &sources, None, &Default::default());
    let len = case.child.chars().count();
    let mut out = Traced {
        named: vec![None; len],
        holders: vec![0; len],
    };
    for span in &t.spans {
        let role = span.source.map(|k| t.sources[k].input);
        let held = span
            .also
            .iter()
            .map(|h| t.sources[h.source].input)
            .chain(role)
            .fold(0u8, |m, r| m | 1 << r);
        for i in span.range.clone() {
            out.named[i] = role;
            out.holders[i] = held;
        }
    }
    out
}
