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
    let n = child.len() as isize;
    let m = parent.len() as isize;
    let limit = max_edits.min((n + m) as usize) as isize;
    // v[k] = furthest child index reached on diagonal k = x - y; stored per round for the
    // backtrack, each round only over the diagonals it can touch.
    let mut v = vec![0isize; (2 * limit + 3) as usize];
    let centre = limit + 1;
    let mut trace: Vec<Vec<isize>> = Vec::new();
    let mut found = None;
    'rounds: for d in 0..=limit {
        trace.push(v[(centre - d - 1) as usize..=(centre + d + 1) as usize].to_vec());
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
        let saved = &trace[d as usize];
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
        let equal: usize = ops
            .iter()
            .map(|o| if let Op::Equal(n) = o { *n } else { 0 })
            .sum();
        assert_eq!(equal, 5);
    }

    #[test]
    fn empty_sides() {
        assert_eq!(run("", "甲乙"), vec![Op::Delete(2)]);
        assert_eq!(run("甲乙", ""), vec![Op::Insert(2)]);
        assert_eq!(run("", ""), Vec::<Op>::new());
    }

    #[test]
    fn edit_limit_gives_up() {
        let c: Vec<char> = "甲乙丙丁".chars().collect();
        let p: Vec<char> = "子丑寅卯".chars().collect();
        assert!(diff(&c, &p, 3).is_none());
        assert!(diff(&c, &p, 8).is_some());
    }
}
