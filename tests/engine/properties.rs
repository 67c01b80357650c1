//! Invariants of the engine on generated input (proptest).

use policy_lineage::compare::compare;
use policy_lineage::document::normalize::is_space;
use policy_lineage::{Document, SpanClass};
use proptest::prelude::*;

/// Text from a small alphabet so that generated documents share plenty of material.
fn text() -> impl Strategy<Value = String> {
    let alphabet: Vec<char> = "省市人工智能发展建设推进，,。（）()、　 \n1202甲乙"
        .chars()
        .collect();
    proptest::collection::vec(proptest::sample::select(alphabet), 0..300)
        .prop_map(|chars| chars.into_iter().collect())
}

fn doc(name: &str, text: &str) -> Option<Document> {
    Document::from_text(name, text).ok()
}

fn fold(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    policy_lineage::document::normalize::normalize(&chars, 0..chars.len())
        .chars
        .into_iter()
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn spans_cover_every_child_character_once(parent in text(), child in text()) {
        let (Some(p), Some(c)) = (doc("p.txt", &parent), doc("c.txt", &child)) else {
            return Ok(());
        };
        let comparison = compare(&p, &c);
        let mut covered = vec![0u32; c.chars().len()];
        let mut last = 0;
        for span in &comparison.spans {
            prop_assert!(span.range.start >= last && span.range.start < span.range.end);
            last = span.range.end;
            for i in span.range.clone() {
                covered[i] += 1;
            }
            match span.class {
                SpanClass::Added => prop_assert!(span.parent.is_none()),
                SpanClass::Inherited => {
                    let source = span.parent.clone().unwrap();
                    prop_assert!(source.end <= p.chars().len());
                    prop_assert_eq!(fold(&c.slice(span.range.clone())), fold(&p.slice(source)));
                }
                SpanClass::Adapted => {
                    let source = span.parent.clone().unwrap();
                    prop_assert!(source.end <= p.chars().len() && !source.is_empty());
                    prop_assert_ne!(fold(&c.slice(span.range.clone())), fold(&p.slice(source)));
                }
            }
        }
        for (i, &ch) in c.chars().iter().enumerate() {
            if !is_space(ch) {
                prop_assert_eq!(covered[i], 1, "char {} {:?}", i, ch);
            }
        }
        let s = comparison.summary;
        prop_assert!((s.inherited + s.adapted + s.added - 1.0).abs() < 1e-9);
        prop_assert!((0.0..=1.0).contains(&s.parent_reused));
    }

    #[test]
    fn width_and_white_space_are_no_difference(parent in text(), wrap in 5usize..40, seed in any::<u64>()) {
        // Re-spell the parent: half-width punctuation, extra spaces, hard wraps.
        let mut child = String::new();
        let mut state = seed | 1;
        for (i, ch) in parent.chars().enumerate() {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17;
            let ch = match ch { '，' => ',', '（' => '(', '）' => ')', ',' => '，', c => c };
            child.push(ch);
            if state % 11 == 0 { child.push(' '); }
            if i % wrap == wrap - 1 { child.push('\n'); }
        }
        let (Some(p), Some(c)) = (doc("p.txt", &parent), doc("c.txt", &child)) else {
            return Ok(());
        };
        let non_space = parent.chars().filter(|c| !is_space(*c)).count();
        prop_assume!(non_space >= 20);
        let comparison = compare(&p, &c);
        prop_assert!(comparison.spans.iter().all(|s| s.class == SpanClass::Inherited),
            "{:?}", comparison.spans);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Every edit script, whichever path made it (Myers, split at unique runs, short against
    /// long), turns the parent into the child, and its equal steps really are equal.
    #[test]
    fn diff_scripts_rebuild_both_sides(
        child in proptest::collection::vec(proptest::sample::select("省市科技厅局甲乙丙丁戊己".chars().collect::<Vec<_>>()), 0..400),
        parent in proptest::collection::vec(proptest::sample::select("省市科技厅局甲乙丙丁戊己".chars().collect::<Vec<_>>()), 0..400),
    ) {
        use policy_lineage::compare::diff::{Op, diff};
        let ops = diff(&child, &parent, 2000).unwrap();
        let (mut x, mut y) = (0, 0);
        for op in ops {
            match op {
                Op::Equal(n) => {
                    prop_assert_eq!(&child[x..x + n], &parent[y..y + n]);
                    x += n;
                    y += n;
                }
                Op::Insert(n) => x += n,
                Op::Delete(n) => y += n,
            }
        }
        prop_assert_eq!((x, y), (child.len(), parent.len()));
    }
}
