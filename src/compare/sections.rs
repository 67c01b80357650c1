//! Section matching: which parent sections each child section draws on, which it moved, and
//! which parent sections the child dropped, from the character mapping of the alignment.
//! Uses only the result types of [`super`]; the section shares are counted in [`super::count`].

use super::{SectionLink, SectionMatch};
use crate::Document;
use crate::document::outline::{HeadingKind, Outline, SectionKind};

/// For each normalised position, the deepest section containing it.
fn deepest_sections(outline: &Outline, origin: &[u32]) -> Vec<Option<u32>> {
    let mut out = vec![None; origin.len()];
    // Pre-order: a later section containing a position is deeper than an earlier one.
    for (i, section) in outline.sections.iter().enumerate() {
        let start = origin.partition_point(|&o| (o as usize) < section.range.start);
        let end = origin.partition_point(|&o| (o as usize) < section.range.end);
        out[start..end].fill(Some(i as u32));
    }
    out
}

fn ancestors(outline: &Outline, section: usize) -> impl Iterator<Item = usize> + '_ {
    std::iter::successors(Some(section), |&s| outline.sections[s].parent)
}

/// Section pairs from the character mapping: a child section draws on the parent sections
/// whose text its characters came from, scored by the Dice overlap of the two subtrees.
pub(crate) fn match_sections(
    parent: &Document,
    child: &Document,
    source: &[Option<u32>],
) -> (Vec<SectionMatch>, Vec<usize>) {
    let po = &parent.outline;
    let co = &child.outline;
    let p_deepest = deepest_sections(po, &parent.normalized.origin);
    let c_deepest = deepest_sections(co, &child.normalized.origin);

    let mut p_size = vec![0usize; po.sections.len()];
    for s in p_deepest.iter().flatten() {
        for a in ancestors(po, *s as usize) {
            p_size[a] += 1;
        }
    }
    let mut c_size = vec![0usize; co.sections.len()];
    let mut overlap: rustc_hash::FxHashMap<(usize, usize), usize> = Default::default();
    let mut p_taken = vec![0usize; po.sections.len()];
    for (c, deepest) in c_deepest.iter().enumerate() {
        let Some(cs) = *deepest else { continue };
        for a in ancestors(co, cs as usize) {
            c_size[a] += 1;
        }
        let Some(p) = source[c] else { continue };
        let Some(ps) = p_deepest[p as usize] else {
            continue;
        };
        for pa in ancestors(po, ps as usize) {
            p_taken[pa] += 1;
            for ca in ancestors(co, cs as usize) {
                *overlap.entry((ca, pa)).or_default() += 1;
            }
        }
    }
    // Characters of each child section that came from anywhere in the parent.
    let mut c_sourced = vec![0usize; co.sections.len()];
    for (c, deepest) in c_deepest.iter().enumerate() {
        if let (Some(cs), Some(p)) = (*deepest, source[c])
            && p_deepest[p as usize].is_some()
        {
            for a in ancestors(co, cs as usize) {
                c_sourced[a] += 1;
            }
        }
    }
    // A candidate source is similar as a whole (Dice of the two sections), or supplies a
    // good share of what a derived child section took (a section merging two parent items;
    // a mostly local section that borrows one phrase does not count).
    let mut candidates: Vec<Vec<(usize, f64)>> = vec![Vec::new(); co.sections.len()];
    for (&(cs, ps), &ov) in &overlap {
        let dice = 2.0 * ov as f64 / (c_size[cs] + p_size[ps]).max(1) as f64;
        let share = ov as f64 / c_sourced[cs].max(1) as f64;
        let derived = c_sourced[cs] * 4 >= c_size[cs];
        if dice >= MIN_SECTION_SIMILARITY
            || (derived && share >= MIN_SOURCE_SHARE && ov >= MIN_SOURCE_CHARS)
        {
            candidates[cs].push((ps, dice));
        }
    }

    let related =
        |a: usize, b: usize| ancestors(po, a).any(|x| x == b) || ancestors(po, b).any(|x| x == a);
    let mut sections: Vec<SectionMatch> = Vec::with_capacity(co.sections.len());
    for (cs, mut list) in candidates.into_iter().enumerate() {
        list.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        // A parent section whose title the child kept is the source: the child's own
        // heading says so, even when the text borrows phrases from neighbouring sections.
        let child_title = &co.sections[cs].title;
        let kept_title = list.iter().position(|&(ps, _)| {
            title_similarity(child_title, &po.sections[ps].title) >= KEPT_TITLE
        });
        if let Some(k) = kept_title {
            let entry = list.remove(k);
            list = vec![entry];
        }
        let mut parents: Vec<SectionLink> = Vec::new();
        for (ps, dice) in list {
            if parents.iter().any(|l| related(l.section, ps)) {
                continue;
            }
            parents.push(SectionLink {
                section: ps,
                similarity: (dice * 100.0).round() / 100.0,
            });
        }
        // The shares are counted with every other figure (`super::count`).
        sections.push(SectionMatch {
            section: cs,
            parents,
            moved: false,
            inherited: 0.0,
            adapted: 0.0,
            added: 0.0,
        });
    }
    mark_moved(&mut sections, po);

    let is_dropped = |ps: usize| p_taken[ps] * 20 <= p_size[ps];
    let mut dropped = Vec::new();
    for (ps, section) in po.sections.iter().enumerate() {
        if !is_dropped(ps) {
            continue;
        }
        let parent_dropped = section
            .parent
            .is_some_and(|up| is_dropped(up) && !lists_items(po, up));
        if parent_dropped || lists_items(po, ps) {
            continue;
        }
        dropped.push(ps);
    }
    (sections, dropped)
}

/// Titles this similar mean the child kept the parent's section (智能制造 = 智能制造).
const KEPT_TITLE: f64 = 0.8;

/// Similarity of two section titles: shared characters in order (after normalisation) over
/// the shorter title's length.
fn title_similarity(a: &str, b: &str) -> f64 {
    let fold = |s: &str| -> Vec<char> {
        let chars: Vec<char> = s.chars().collect();
        crate::document::normalize::normalize(&chars, 0..chars.len()).chars
    };
    let (a, b) = (fold(a), fold(b));
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let Some(ops) = crate::compare::diff::diff(&a, &b, a.len() + b.len()) else {
        return 0.0;
    };
    let same = crate::compare::diff::equal_chars(&ops);
    // A title cut short (到2025年 for 到2025年，新一代人工智能高端产业链逐步形成) still counts
    // as kept when it is long enough not to match by chance.
    let shorter = a.len().min(b.len());
    if shorter >= 4 {
        same as f64 / shorter as f64
    } else {
        2.0 * same as f64 / (a.len() + b.len()) as f64
    }
}

/// Below this similarity a parent section is not named as a source.
const MIN_SECTION_SIMILARITY: f64 = 0.12;
/// A parent section that supplied this share of what a child section took is a source too.
const MIN_SOURCE_SHARE: f64 = 0.2;
/// … if that is at least this many characters.
const MIN_SOURCE_CHARS: usize = 12;

/// Whether a section's children are numbered items (1. 2. …): a dropped container of items is
/// reported item by item, the unit readers count ("items 19 to 24 were dropped").
fn lists_items(outline: &Outline, section: usize) -> bool {
    let children = &outline.sections[section].children;
    !children.is_empty()
        && children
            .iter()
            .all(|&c| outline.sections[c].kind == SectionKind::Heading(HeadingKind::Arabic))
}

/// Marks child sections whose source breaks the parent order kept by the others (the longest
/// increasing run of parent positions stays; the rest moved).
fn mark_moved(sections: &mut [SectionMatch], parent_outline: &Outline) {
    let matched: Vec<(usize, usize)> = sections
        .iter()
        .enumerate()
        .filter_map(|(i, s)| {
            s.parents
                .first()
                .map(|l| (i, parent_outline.sections[l.section].range.start))
        })
        .collect();
    let starts: Vec<usize> = matched.iter().map(|&(_, start)| start).collect();
    let mut in_order = vec![false; matched.len()];
    for k in crate::compare::diff::longest_increasing(&starts, false) {
        in_order[k] = true;
    }
    for (k, &(i, _)) in matched.iter().enumerate() {
        sections[i].moved = !in_order[k];
    }
}
