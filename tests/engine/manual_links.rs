//! One way to count: a comparison corrected by hand counts every figure with the code of the
//! automatic comparison. Linking or unlinking a section gives exactly what a fresh comparison
//! told about that link gives, and the parent's reused text follows the spans.

use std::ops::Range;

use policy_lineage::compare::{Comparison, Hint, compare, compare_told};
use policy_lineage::review::corrections::{Correction, CorrectionKind, SectionRef, apply};
use policy_lineage::{Document, SpanClass};

fn pair() -> (Document, Document) {
    (
        Document::open("tests/corpus/gansu-2018-ai-plan.txt").unwrap(),
        Document::open("tests/corpus/wuwei-2018-ai-plan.txt").unwrap(),
    )
}

fn correction(
    kind: CorrectionKind,
    parent: &Document,
    child: &Document,
    cs: usize,
    ps: usize,
) -> Correction {
    Correction {
        kind,
        child: SectionRef::of(child, cs),
        parent: SectionRef::of(parent, ps),
    }
}

/// The parent text the spans were taken from, merged: what the parent pane marks as reused.
fn merged_sources(c: &Comparison) -> Vec<Range<usize>> {
    let mut ranges: Vec<Range<usize>> = c
        .spans
        .iter()
        .filter_map(|s| s.parent.clone())
        .filter(|r| !r.is_empty())
        .collect();
    ranges.sort_by_key(|r| r.start);
    let mut out: Vec<Range<usize>> = Vec::new();
    for r in ranges {
        match out.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => out.push(r),
        }
    }
    out
}

fn assert_same(corrected: &Comparison, fresh: &Comparison) {
    assert_eq!(corrected.spans, fresh.spans);
    assert_eq!(corrected.parent_reused, fresh.parent_reused);
    assert_eq!(corrected.summary, fresh.summary);
    assert_eq!(corrected.sections, fresh.sections);
    assert_eq!(corrected.dropped, fresh.dropped);
    assert_eq!(corrected.substitutions, fresh.substitutions);
}

/// A child section the aligner found mostly local, and the parent section it is linked to:
/// the first parent section the automatic comparison dropped.
fn local_section_and_dropped_parent(automatic: &Comparison) -> (usize, usize) {
    let cs = automatic
        .sections
        .iter()
        .rfind(|m| m.added > 0.5)
        .map(|m| m.section)
        .expect("Wuwei writes some sections itself");
    (cs, automatic.dropped[0])
}

#[test]
fn linking_a_section_counts_like_a_fresh_comparison_told_about_the_link() {
    let (parent, child) = pair();
    let automatic = compare(&parent, &child);
    let (cs, ps) = local_section_and_dropped_parent(&automatic);
    let corrected = apply(
        &parent,
        &child,
        &automatic,
        &[correction(CorrectionKind::Link, &parent, &child, cs, ps)],
    );
    let fresh = compare_told(
        &parent,
        &child,
        &[Hint::Link {
            child: cs,
            parent: ps,
        }],
    );
    assert_same(&corrected, &fresh);
    let m = corrected.sections.iter().find(|m| m.section == cs).unwrap();
    assert_eq!(m.parents[0].section, ps);
    assert!(!corrected.dropped.contains(&ps));
    assert_eq!(corrected.parent_reused, merged_sources(&corrected));
}

#[test]
fn unlinking_moves_the_parent_marks_with_the_spans() {
    let (parent, child) = pair();
    let automatic = compare(&parent, &child);
    let (cs, ps) = automatic
        .sections
        .iter()
        .find(|m| !m.parents.is_empty() && m.inherited > 0.5)
        .map(|m| (m.section, m.parents[0].section))
        .unwrap();
    let unlink = correction(CorrectionKind::Unlink, &parent, &child, cs, ps);
    let corrected = apply(&parent, &child, &automatic, std::slice::from_ref(&unlink));
    let fresh = compare_told(
        &parent,
        &child,
        &[Hint::Unlink {
            child: cs,
            parent: ps,
        }],
    );
    assert_same(&corrected, &fresh);
    // The parent pane's reused marks follow: less parent text is marked, exactly what the
    // remaining spans point at.
    let marked = |c: &Comparison| c.parent_reused.iter().map(|r| r.len()).sum::<usize>();
    assert!(marked(&corrected) < marked(&automatic));
    assert_eq!(corrected.parent_reused, merged_sources(&corrected));
    let p_range = parent.outline.sections[ps].range.clone();
    let c_range = child.outline.sections[cs].range.clone();
    assert!(corrected.spans.iter().all(|s| {
        let inside = s.range.start >= c_range.start && s.range.end <= c_range.end;
        let from_ps = s
            .parent
            .as_ref()
            .is_some_and(|p| p.start >= p_range.start && p.end <= p_range.end);
        !(inside && from_ps && s.class != SpanClass::Added)
    }));
    // Unlink and link back: the same as a fresh comparison told both.
    let relink = Correction {
        kind: CorrectionKind::Link,
        ..unlink.clone()
    };
    let both = apply(&parent, &child, &automatic, &[unlink, relink]);
    let told = compare_told(
        &parent,
        &child,
        &[
            Hint::Unlink {
                child: cs,
                parent: ps,
            },
            Hint::Link {
                child: cs,
                parent: ps,
            },
        ],
    );
    assert_same(&both, &told);
    assert_eq!(both.parent_reused, merged_sources(&both));
}
