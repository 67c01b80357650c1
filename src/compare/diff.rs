//! Myers' O((N+M)·D) difference of two short character runs, the text between two anchors of
//! a chain. Gaps are small (a clause, a term), so the simple variant with a stored trace is
//! enough; `max_edits` bounds the work on large, unrelated gaps.

/// One step of an edit script from parent to child.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    /// `n` characters the same in both.
    Equal(usize),
    /// `n` child characters with no counterpart in the parent.
    Insert(usize),
    /// `n` parent characters with no counterpart in the child.
    Delete(usize),
}

/// The shortest edit script turning `parent` into `child`, or `None` when it needs more than
/// `max_edits` insertions and deletions.
pub fn diff(child: &[char], parent: &[char], max_edits: usize) -> Option<Vec<Op>> {
    // The common ends cost nothing to find and shrink the expensive middle.
    let prefix = child.iter().zip(parent).take_while(|(a, b)| a == b).count();
    let (child_rest, parent_rest) = (&child[prefix..], &parent[prefix..]);
    let suffix = child_rest
        .iter()
        .rev()
        .zip(parent_rest.iter().rev())
        .take_while(|(a, b)| a == b)
        .count();
    let middle = split_diff(
        &child_rest[..child_rest.len() - suffix],
        &parent_rest[..parent_rest.len() - suffix],
        max_edits,
    )?;
    let mut ops = Vec::with_capacity(middle.len() + 2);
    ops.push(Op::Equal(prefix));
    ops.extend(middle);
    ops.push(Op::Equal(suffix));
    Some(compact(
        ops.into_iter().filter(|op| *op != Op::Equal(0)).collect(),
    ))
}

/// Below this many cells (child × parent) Myers runs directly.
const SMALL: usize = 512;
/// Length of the shared runs that split a large difference.
const SPLIT_SEED: usize = 4;
/// A side this short is diffed with Myers even when nothing splits the difference.
const SHORT_SIDE: usize = 16;

/// Patience-style splitting of a large difference: 4-character runs that occur once in each
/// side and keep their order are taken as fixed, and only the stretches between them are
/// diffed. Myers alone is quadratic in the edit count, which a dropped paragraph next to a
/// small substitution makes large.
fn split_diff(child: &[char], parent: &[char], max_edits: usize) -> Option<Vec<Op>> {
    if child.len() * parent.len() <= SMALL || child.len() < SPLIT_SEED || parent.len() < SPLIT_SEED
    {
        return myers(child, parent, max_edits);
    }
    let in_parent = unique_runs(parent);
    let in_child = unique_runs(child);
    // (child position, parent position) of runs unique on both sides, in child order.
    let mut pairs: Vec<(usize, usize)> = in_child
        .iter()
        .filter_map(|(w, &c)| Some((c?, (*in_parent.get(w)?)?)))
        .collect();
    pairs.sort_unstable();
    let keys: Vec<usize> = pairs.iter().map(|&(_, p)| p).collect();
    let chain: Vec<(usize, usize)> = longest_increasing(&keys, true)
        .into_iter()
        .map(|k| pairs[k])
        .collect();
    if chain.is_empty() {
        // A short side (a term replaced next to a dropped passage) is still worth Myers;
        // between two long sides with nothing distinctive in common, whatever Myers found
        // would be coincidences of a character or two, which the clean-up removes anyway.
        if child.len().min(parent.len()) <= SHORT_SIDE {
            return Some(short_against_long(child, parent, max_edits));
        }
        return Some(vec![Op::Insert(child.len()), Op::Delete(parent.len())]);
    }
    let mut ops = Vec::new();
    let (mut c, mut p) = (0usize, 0usize);
    for (ci, pi) in chain {
        if ci < c || pi < p {
            continue; // inside the run just taken
        }
        ops.extend(split_diff(&child[c..ci], &parent[p..pi], max_edits)?);
        let run = child[ci..]
            .iter()
            .zip(&parent[pi..])
            .take_while(|(a, b)| a == b)
            .count();
        ops.push(Op::Equal(run));
        c = ci + run;
        p = pi + run;
    }
    ops.extend(split_diff(&child[c..], &parent[p..], max_edits)?);
    Some(compact(
        ops.into_iter().filter(|op| *op != Op::Equal(0)).collect(),
    ))
}

/// A short side against a long one: the short text sits next to one of the anchors around
/// the gap, so it is diffed against the long side's start and against its end (the rest is
/// inserted or deleted whole), and the better of the two is kept. Myers over the whole long
/// side would cost its length squared.
fn short_against_long(child: &[char], parent: &[char], max_edits: usize) -> Vec<Op> {
    let short = child.len().min(parent.len());
    let reach = short + SHORT_SIDE;
    let rest = |n: usize| {
        if child.len() <= parent.len() {
            Op::Delete(n)
        } else {
            Op::Insert(n)
        }
    };
    let (c_len, p_len) = (child.len(), parent.len());
    let (cut_c, cut_p) = if c_len <= p_len {
        (c_len, reach.min(p_len))
    } else {
        (reach.min(c_len), p_len)
    };
    let leftover = (c_len - cut_c) + (p_len - cut_p);
    let piece = |c: &[char], p: &[char]| {
        myers(c, p, max_edits).unwrap_or_else(|| vec![Op::Insert(c.len()), Op::Delete(p.len())])
    };
    let mut at_start = piece(&child[..cut_c], &parent[..cut_p]);
    at_start.push(rest(leftover));
    let mut at_end = vec![rest(leftover)];
    at_end.extend(piece(&child[c_len - cut_c..], &parent[p_len - cut_p..]));
    let best = if equal_chars(&at_end) > equal_chars(&at_start) {
        at_end
    } else {
        at_start
    };
    compact(
        best.into_iter()
            .filter(|op| !matches!(op, Op::Equal(0) | Op::Insert(0) | Op::Delete(0)))
            .collect(),
    )
}

/// Each run of `SPLIT_SEED` characters with its position, or `None` when it repeats.
fn unique_runs(text: &[char]) -> rustc_hash::FxHashMap<&[char], Option<usize>> {
    let mut seen: rustc_hash::FxHashMap<&[char], Option<usize>> = Default::default();
    for (i, w) in text.windows(SPLIT_SEED).enumerate() {
        seen.entry(w)
            .and_modify(|slot| *slot = None)
            .or_insert(Some(i));
    }
    seen
}

/// Indices of a longest subsequence of `keys` that increases (strictly, or never decreases
/// when `strict` is false), in order. Patience sorting with back links, O(n log n).
pub fn longest_increasing(keys: &[usize], strict: bool) -> Vec<usize> {
    let mut tails: Vec<usize> = Vec::new();
    let mut back: Vec<Option<usize>> = vec![None; keys.len()];
    for (k, &key) in keys.iter().enumerate() {
        let pos = tails.partition_point(|&t| {
            if strict {
                keys[t] < key
            } else {
                keys[t] <= key
            }
        });
        back[k] = pos.checked_sub(1).map(|i| tails[i]);
        if pos == tails.len() {
            tails.push(k);
        } else {
            tails[pos] = k;
        }
    }
    let mut out = Vec::with_capacity(tails.len());
    let mut at = tails.last().copied();
    while let Some(k) = at {
        out.push(k);
        at = back[k];
    }
    out.reverse();
    out
}

/// How many characters an edit script keeps unchanged.
pub fn equal_chars(ops: &[Op]) -> usize {
    ops.iter()
        .map(|op| if let Op::Equal(n) = op { *n } else { 0 })
        .sum()
}

fn myers(child: &[char], parent: &[char], max_edits: usize) -> Option<Vec<Op>> {
    let n = child.len() as isize;
    let m = parent.len() as isize;
    let limit = max_edits.min((n + m) as usize) as isize;
    // v[k] = furthest child index reached on diagonal k = x - y; stored per round for the
    // backtrack, each round only over the diagonals it can touch.
    let mut v = vec![0isize; (2 * limit + 3) as usize];
    let centre = limit + 1;
    // Round d stores the 2d+3 diagonals it reads, at offset d*d+2d (sum of earlier rounds).
    let mut trace: Vec<isize> = Vec::new();
    let mut found = None;
    'rounds: for d in 0..=limit {
        trace.extend_from_slice(&v[(centre - d - 1) as usize..=(centre + d + 1) as usize]);
        for k in (-d..=d).step_by(2) {
            let down =
                k == -d || (k != d && v[(centre + k - 1) as usize] < v[(centre + k + 1) as usize]);
            let mut x = if down {
                v[(centre + k + 1) as usize]
            } else {
                v[(centre + k - 1) as usize] + 1
            };
            let mut y = x - k;
            while x < n && y < m && child[x as usize] == parent[y as usize] {
                x += 1;
                y += 1;
            }
            v[(centre + k) as usize] = x;
            if x >= n && y >= m {
                found = Some(d);
                break 'rounds;
            }
        }
    }
    let total = found?;

    let mut steps: Vec<Op> = Vec::new();
    let (mut x, mut y) = (n, m);
    for d in (0..=total).rev() {
        let offset = (d * d + 2 * d) as usize;
        let saved = &trace[offset..offset + (2 * d + 3) as usize];
        let at = |k: isize| saved[(k + d + 1) as usize];
        let k = x - y;
        let prev_k = if k == -d || (k != d && at(k - 1) < at(k + 1)) {
            k + 1
        } else {
            k - 1
        };
        let prev_x = at(prev_k);
        let prev_y = prev_x - prev_k;
        while x > prev_x && y > prev_y {
            steps.push(Op::Equal(1));
            x -= 1;
            y -= 1;
        }
        if d > 0 {
            steps.push(if x == prev_x {
                Op::Delete(1)
            } else {
                Op::Insert(1)
            });
        }
        x = prev_x;
        y = prev_y;
    }
    steps.reverse();
    Some(compact(steps))
}

/// Merges neighbouring steps of the same kind.
fn compact(steps: Vec<Op>) -> Vec<Op> {
    let mut out: Vec<Op> = Vec::new();
    for step in steps {
        match (out.last_mut(), step) {
            (Some(Op::Equal(a)), Op::Equal(b))
            | (Some(Op::Insert(a)), Op::Insert(b))
            | (Some(Op::Delete(a)), Op::Delete(b)) => *a += b,
            _ => out.push(step),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(child: &str, parent: &str) -> Vec<Op> {
        let c: Vec<char> = child.chars().collect();
        let p: Vec<char> = parent.chars().collect();
        diff(&c, &p, 1000).unwrap()
    }

    fn apply(ops: &[Op], child: &str, parent: &str) -> (usize, usize) {
        let (mut x, mut y) = (0, 0);
        let c: Vec<char> = child.chars().collect();
        let p: Vec<char> = parent.chars().collect();
        for op in ops {
            match *op {
                Op::Equal(n) => {
                    assert_eq!(c[x..x + n], p[y..y + n]);
                    x += n;
                    y += n;
                }
                Op::Insert(n) => x += n,
                Op::Delete(n) => y += n,
            }
        }
        (x, y)
    }

    #[test]
    fn substitution_inside_a_sentence() {
        let ops = run("由市科技局牵头", "由省科技厅牵头");
        assert_eq!(apply(&ops, "由市科技局牵头", "由省科技厅牵头"), (7, 7));
        assert_eq!(equal_chars(&ops), 5);
    }

    #[test]
    fn empty_sides() {
        assert_eq!(run("", "甲乙"), vec![Op::Delete(2)]);
        assert_eq!(run("甲乙", ""), vec![Op::Insert(2)]);
        assert_eq!(run("", ""), Vec::<Op>::new());
    }

    #[test]
    fn large_differences_are_split_at_unique_runs() {
        let parent: String = "删去的一整段上级文字，内容很长很长。".repeat(20) + "由省科技厅牵头";
        let child = "由市科技局牵头";
        let ops = run(child, &parent);
        assert_eq!(apply(&ops, child, &parent), (7, parent.chars().count()));
        assert_eq!(equal_chars(&ops), 5);
    }

    #[test]
    fn edit_limit_gives_up() {
        let c: Vec<char> = "甲乙丙丁".chars().collect();
        let p: Vec<char> = "子丑寅卯".chars().collect();
        assert!(diff(&c, &p, 3).is_none());
        assert!(diff(&c, &p, 8).is_some());
    }
}
