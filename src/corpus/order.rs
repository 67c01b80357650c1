//! An order of the corpus documents in which related ones sit together (a seriation of the
//! similarity matrix), so that a heat map shows families as blocks along its diagonal.
//!
//! Average-linkage clustering, by the nearest-neighbour chain (O(n²) time): the two most
//! similar clusters are joined first, so a plan and the documents derived from it form one
//! block before the block meets another. Each join lays the larger cluster first and turns
//! either so that the two documents meeting at the seam are the most similar of the four
//! choices; the leaves of the final tree are the order.

/// The similarity of two documents: the larger share either holds of the other.
fn similarity(share: &[Vec<f64>], a: usize, b: usize) -> f64 {
    let at = |i: usize, j: usize| share.get(i).and_then(|r| r.get(j)).copied().unwrap_or(0.0);
    at(a, b).max(at(b, a))
}

/// The documents of `share` (`share[i][j]`: the share of i found in j) in seriated order: a
/// permutation of `0..share.len()`.
pub fn seriate(share: &[Vec<f64>]) -> Vec<usize> {
    let n = share.len();
    // Cluster similarities, updated in place as clusters join (Lance-Williams, average).
    let mut sim: Vec<Vec<f64>> = (0..n)
        .map(|i| (0..n).map(|j| similarity(share, i, j)).collect())
        .collect();
    let mut leaves: Vec<Vec<usize>> = (0..n).map(|i| vec![i]).collect();
    let mut active = vec![true; n];
    let mut chain: Vec<usize> = Vec::new();
    let mut left = n;
    while left > 1 {
        if chain.is_empty() {
            chain.extend((0..n).find(|&i| active[i]));
        }
        let top = chain[chain.len() - 1];
        let previous = chain.len().checked_sub(2).map(|k| chain[k]);
        // The nearest active cluster; the one below on the chain wins ties, so the chain
        // ends in a pair of mutual nearest neighbours.
        let mut best = previous;
        for c in (0..n).filter(|&c| active[c] && c != top) {
            if best.is_none_or(|b| sim[top][c] > sim[top][b]) {
                best = Some(c);
            }
        }
        let Some(next) = best else { break };
        if Some(next) != previous {
            chain.push(next);
            continue;
        }
        chain.truncate(chain.len() - 2);
        let (a, b) = (top, next);
        let (na, nb) = (leaves[a].len() as f64, leaves[b].len() as f64);
        for c in (0..n).filter(|&c| active[c] && c != a && c != b) {
            let joined = (na * sim[a][c] + nb * sim[b][c]) / (na + nb);
            sim[a][c] = joined;
            sim[c][a] = joined;
        }
        let other = std::mem::take(&mut leaves[b]);
        leaves[a] = join(share, std::mem::take(&mut leaves[a]), other);
        active[b] = false;
        left -= 1;
    }
    (0..n)
        .find(|&i| active[i])
        .map_or_else(Vec::new, |i| std::mem::take(&mut leaves[i]))
}

/// Two clusters' documents in one row: the larger first, each turned so that the most
/// similar pair of ends meets.
fn join(share: &[Vec<f64>], a: Vec<usize>, b: Vec<usize>) -> Vec<usize> {
    let (mut first, mut second) = if a.len() >= b.len() { (a, b) } else { (b, a) };
    let ends = |v: &[usize]| (v[0], v[v.len() - 1]);
    let ((f0, f1), (s0, s1)) = (ends(&first), ends(&second));
    // (first turned, second turned) for each of the four seams.
    let seams = [
        (similarity(share, f1, s0), false, false),
        (similarity(share, f1, s1), false, true),
        (similarity(share, f0, s0), true, false),
        (similarity(share, f0, s1), true, true),
    ];
    let mut best = seams[0];
    for seam in &seams[1..] {
        if seam.0 > best.0 {
            best = *seam;
        }
    }
    if best.1 {
        first.reverse();
    }
    if best.2 {
        second.reverse();
    }
    first.extend(second);
    first
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Shares of `n` documents where `families` lists related groups (each member holding
    /// `within` of the others) and everything else shares `across`.
    fn matrix(n: usize, families: &[&[usize]], within: f64, across: f64) -> Vec<Vec<f64>> {
        let mut m = vec![vec![across; n]; n];
        for family in families {
            for &a in *family {
                for &b in *family {
                    m[a][b] = within;
                }
            }
        }
        for (i, row) in m.iter_mut().enumerate() {
            row[i] = 1.0;
        }
        m
    }

    fn is_permutation(order: &[usize], n: usize) -> bool {
        let mut sorted = order.to_vec();
        sorted.sort_unstable();
        sorted == (0..n).collect::<Vec<_>>()
    }

    #[test]
    fn families_end_up_next_to_each_other() {
        // Two families interleaved in corpus order, and an unrelated document.
        let m = matrix(7, &[&[0, 2, 4], &[1, 3, 5]], 0.6, 0.02);
        let order = seriate(&m);
        assert!(is_permutation(&order, 7));
        let at = |d: usize| order.iter().position(|&x| x == d).unwrap();
        for family in [[0, 2, 4], [1, 3, 5]] {
            let places: Vec<usize> = family.iter().map(|&d| at(d)).collect();
            let (lo, hi) = (places.iter().min().unwrap(), places.iter().max().unwrap());
            assert_eq!(
                hi - lo,
                2,
                "family {family:?} is not contiguous in {order:?}"
            );
        }
    }

    #[test]
    fn a_chain_of_derivations_keeps_its_order_and_strangers_follow() {
        // 3 derives from 0 and 1 from 3 (a national, a provincial, a city plan); 2 and 4 share
        // nothing with anyone.
        let mut m = matrix(5, &[], 0.0, 0.0);
        m[3][0] = 0.5;
        m[1][3] = 0.7;
        m[1][0] = 0.3;
        let order = seriate(&m);
        assert!(is_permutation(&order, 5));
        let chain: Vec<usize> = order
            .iter()
            .copied()
            .filter(|d| [0, 1, 3].contains(d))
            .collect();
        assert!(chain == [0, 3, 1] || chain == [1, 3, 0], "{order:?}");
        assert_eq!(
            &order[..3],
            &chain[..],
            "related documents come first: {order:?}"
        );
        assert!(seriate(&[]).is_empty());
        assert_eq!(seriate(&[vec![1.0]]), vec![0]);
    }
}
