//! The cases: derived documents built from the corpus in `tests/corpus/` (the fixed standard
//! cases, random ones, large and pathological pairs for timing).

use super::edits::{Edits, derive};
use super::terms::*;
use super::{Case, Rng};

pub(crate) const GANSU: &str = include_str!("../../corpus/gansu-2018-ai-plan.txt");
pub(crate) const WUWEI: &str = include_str!("../../corpus/wuwei-2018-ai-plan.txt");
pub(crate) const CHANGCHUN: &str = include_str!("../../corpus/changchun-2021-ai-opinions.txt");
pub(crate) const ZHONGSHAN: &str =
    include_str!("../../corpus/zhongshan-2019-ai-action-plan-draft.txt");
pub(crate) const SCRAPED: &str = include_str!("../../corpus/provincial-policies-2018-scraped.txt");

/// A document the cases are built from.
pub(crate) struct Source {
    pub(crate) key: String,
    pub(crate) text: String,
    pub(crate) region: Option<&'static Region>,
}

/// The corpus: the Gansu plan, the scraped provincial documents (the Gansu copy left out), and
/// the Changchun and Zhongshan documents, which serve only as donors. (The Wuwei plan is not a
/// donor: it was derived from the Gansu plan.)
pub(crate) fn sources() -> Vec<Source> {
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
pub(crate) fn scraped_documents() -> Vec<(String, String)> {
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
pub(crate) fn paragraph_breaks(text: &str) -> String {
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
pub(crate) fn donors_for<'a>(sources: &'a [Source], parent: &Source) -> Vec<&'a str> {
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
pub(crate) fn disguise(text: &str, key: usize) -> String {
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
