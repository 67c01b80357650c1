//! Anchors: maximal exact matches between child and parent, found from k-character seeds.
//!
//! The parent's k-grams are hashed into an index; every child position looks its k-gram
//! up and extends each hit to a maximal match on that diagonal. A diagonal that is already
//! covered up to the current position is skipped, so each maximal match is reported once and
//! the work stays close to linear. A seed that occurs very often in the parent (boilerplate, a
//! passage the parent repeats) is tried only at the few occurrences nearest the diagonal the
//! alignment is on, and kept only where it extends to a long match: a repeated passage still
//! aligns with one of its copies, and the cost per seed stays bounded.

use rustc_hash::FxHashMap;
use std::time::Instant;

/// A maximal exact match: `child[c..c+len] == parent[p..p+len]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Anchor {
    pub c: u32,
    pub p: u32,
    pub len: u32,
}

impl Anchor {
    pub fn c_end(&self) -> u32 {
        self.c + self.len
    }

    pub fn p_end(&self) -> u32 {
        self.p + self.len
    }

    pub fn diagonal(&self) -> i64 {
        self.p as i64 - self.c as i64
    }
}

/// The parent's k-grams, for lookups from the child: the positions of each hash together,
/// ascending, found through a hash map (one or two cache misses a lookup, where a binary
/// search of a large parent's sorted k-grams takes twenty).
struct SeedIndex {
    k: usize,
    /// Parent positions, grouped by hash.
    positions: Vec<u32>,
    /// Hash → (first index into `positions`, count).
    runs: FxHashMap<u64, (u32, u32)>,
}

impl SeedIndex {
    fn new(parent: &[char], k: usize) -> Self {
        let mut entries: Vec<(u64, u32)> = kgram_hashes(parent, k)
            .enumerate()
            .map(|(i, h)| (h, i as u32))
            .collect();
        entries.sort_unstable();
        let mut runs = FxHashMap::default();
        for (at, &(hash, _)) in entries.iter().enumerate() {
            runs.entry(hash).or_insert((at as u32, 0)).1 += 1;
        }
        let positions = entries.into_iter().map(|(_, p)| p).collect();
        Self { k, positions, runs }
    }

    /// Parent positions whose k-gram hashes to `hash`, ascending.
    fn lookup(&self, hash: u64) -> &[u32] {
        self.runs.get(&hash).map_or(&[], |&(start, count)| {
            &self.positions[start as usize..(start + count) as usize]
        })
    }
}

/// Rolling hashes of every k-gram of `text`, in order.
fn kgram_hashes(text: &[char], k: usize) -> impl Iterator<Item = u64> + '_ {
    const BASE: u64 = 0x100000001b3;
    let count = if text.len() >= k {
        text.len() - k + 1
    } else {
        0
    };
    let top = (0..k.saturating_sub(1)).fold(1u64, |acc, _| acc.wrapping_mul(BASE));
    let mut hash = text
        .iter()
        .take(k)
        .fold(0u64, |h, &c| h.wrapping_mul(BASE).wrapping_add(mix(c)));
    (0..count).map(move |i| {
        let current = hash;
        if i + k < text.len() {
            hash = hash
                .wrapping_sub(mix(text[i]).wrapping_mul(top))
                .wrapping_mul(BASE)
                .wrapping_add(mix(text[i + k]));
        }
        current
    })
}

fn mix(c: char) -> u64 {
    (c as u64).wrapping_mul(0x9e3779b97f4a7c15) | 1
}

/// How many occurrences of a frequent seed are tried: those nearest the current diagonal.
const NEARBY: usize = 4;

/// How far (in characters of diagonal shift) a short match through a frequent seed may lie
/// from the current diagonal and still count: the shift of a paragraph added or dropped, far
/// less than the distance between two copies of a document.
const NEAR_DIAGONAL: u64 = 1000;

/// Finds the maximal exact matches of at least `k` characters between `child` and `parent`.
/// Seeds occurring more than `max_occurrences` times in the parent are tried only at the
/// [`NEARBY`] occurrences nearest the diagonal of the previous match, and kept only when they
/// extend to `frequent_min_len` characters. Returns anchors sorted by child position, then
/// parent position; `None` when `deadline` passed.
pub fn find_anchors(
    parent: &[char],
    child: &[char],
    seeds: SeedLimits,
    deadline: Instant,
) -> Option<Vec<Anchor>> {
    let k = seeds.k;
    if k == 0 || parent.len() < k || child.len() < k {
        return Some(Vec::new());
    }
    let index = SeedIndex::new(parent, k);
    // For each diagonal, the child position up to which it is already covered by a match.
    let mut covered: FxHashMap<i64, u32> = FxHashMap::default();
    let mut anchors = Vec::new();
    // The diagonal the alignment is on: that of the last match found.
    let mut near: i64 = 0;
    let mut nearby: Vec<u32> = Vec::with_capacity(NEARBY);
    for (i, hash) in kgram_hashes(child, k).enumerate() {
        if i % 4096 == 0 && Instant::now() > deadline {
            return None;
        }
        let mut hits = index.lookup(hash);
        let frequent = hits.len() > seeds.max_occurrences;
        if frequent {
            nearest(hits, i as i64 + near, &mut nearby);
            hits = &nearby;
        }
        let mut moved_to: Option<i64> = None;
        for &j in hits {
            let j = j as usize;
            let diagonal = j as i64 - i as i64;
            if covered.get(&diagonal).is_some_and(|&end| end as usize > i) {
                continue;
            }
            if child[i..i + index.k] != parent[j..j + index.k] {
                continue; // hash collision
            }
            let back = child[..i]
                .iter()
                .rev()
                .zip(parent[..j].iter().rev())
                .take_while(|(a, b)| a == b)
                .count();
            let forward = child[i..]
                .iter()
                .zip(&parent[j..])
                .take_while(|(a, b)| a == b)
                .count();
            let anchor = Anchor {
                c: (i - back) as u32,
                p: (j - back) as u32,
                len: (back + forward) as u32,
            };
            covered.insert(diagonal, anchor.c_end());
            // A short match through a frequent seed is kept only on the way the alignment
            // goes; elsewhere it is boilerplate.
            if frequent
                && (anchor.len as usize) < seeds.frequent_min_len
                && diagonal.abs_diff(near) > NEAR_DIAGONAL
            {
                continue;
            }
            if moved_to.is_none_or(|d| d.abs_diff(near) > diagonal.abs_diff(near)) {
                moved_to = Some(diagonal);
            }
            anchors.push(anchor);
        }
        if let Some(d) = moved_to {
            near = d;
        }
    }
    anchors.sort_unstable_by_key(|a| (a.c, a.p));
    anchors.dedup();
    Some(anchors)
}

/// Which seeds [`find_anchors`] uses.
#[derive(Debug, Clone, Copy)]
pub struct SeedLimits {
    /// Seed length in characters.
    pub k: usize,
    /// Seeds occurring more often than this in the parent are frequent.
    pub max_occurrences: usize,
    /// The shortest match a frequent seed may give.
    pub frequent_min_len: usize,
}

/// The (at most [`NEARBY`]) hits nearest parent position `target`, nearest first. `hits` are
/// parent positions, ascending.
fn nearest(hits: &[u32], target: i64, out: &mut Vec<u32>) {
    let at = hits.partition_point(|&h| (h as i64) < target);
    let start = at.saturating_sub(NEARBY / 2);
    let end = (start + NEARBY).min(hits.len());
    let start = end.saturating_sub(NEARBY);
    out.clear();
    out.extend_from_slice(&hits[start..end]);
    out.sort_by_key(|&h| (h as i64).abs_diff(target));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    fn far() -> Instant {
        Instant::now() + std::time::Duration::from_secs(60)
    }

    fn seeds(k: usize, max_occurrences: usize) -> SeedLimits {
        SeedLimits {
            k,
            max_occurrences,
            frequent_min_len: 2 * k,
        }
    }

    #[test]
    fn finds_maximal_matches_once() {
        let parent = chars("甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳");
        let child = chars("天地甲乙丙丁戊己庚玄黄辰巳");
        let anchors = find_anchors(&parent, &child, seeds(3, 10), far()).unwrap();
        assert_eq!(anchors, vec![Anchor { c: 2, p: 0, len: 7 }]);
    }

    #[test]
    fn finds_every_occurrence_of_repeated_text() {
        let parent = chars("人工智能产业。人工智能产业。");
        let child = chars("发展人工智能产业");
        let anchors = find_anchors(&parent, &child, seeds(4, 10), far()).unwrap();
        assert_eq!(anchors.len(), 2);
        assert!(anchors.iter().all(|a| a.len == 6 && a.c == 2));
    }

    #[test]
    fn matches_through_frequent_seeds_are_still_found() {
        // "。。。。" is too frequent to seed, but the match around it is found from 甲乙丙丁.
        let mut parent = chars("。。。。。。。。。。。。");
        parent.extend(chars("甲乙丙丁。。。。戊己"));
        let child = chars("甲乙丙丁。。。。戊己");
        let anchors = find_anchors(&parent, &child, seeds(4, 3), far()).unwrap();
        assert!(anchors.contains(&Anchor {
            c: 0,
            p: 12,
            len: 10
        }));
    }

    #[test]
    fn a_passage_repeated_more_often_than_the_seed_limit_still_aligns() {
        let passage = chars("甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉");
        let parent: Vec<char> = passage.repeat(50);
        let anchors = find_anchors(&parent, &passage, seeds(4, 8), far()).unwrap();
        assert!(anchors.iter().any(|a| a.len as usize == passage.len()));
        assert!(anchors.len() <= NEARBY, "{anchors:?}");
        let child = parent.clone();
        let anchors = find_anchors(&parent, &child, seeds(4, 8), far()).unwrap();
        assert!(anchors.contains(&Anchor {
            c: 0,
            p: 0,
            len: parent.len() as u32
        }));
    }

    #[test]
    fn short_inputs_give_nothing() {
        assert!(
            find_anchors(&chars("甲乙"), &chars("甲乙"), seeds(4, 10), far())
                .unwrap()
                .is_empty()
        );
    }
}
