//! A passage the parent repeats many times still aligns: the seed limit that keeps boilerplate
//! cheap must not make a repeated document invisible.

use std::path::Path;

use policy_lineage::Document;

fn corpus(name: &str) -> String {
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/corpus")
            .join(name),
    )
    .unwrap()
}

fn doc(name: &str, text: &str) -> Document {
    Document::from_text(name, text).unwrap()
}

#[test]
fn a_plan_repeated_66_times_is_all_inherited_from_itself() {
    let gansu = corpus("gansu-2018-ai-plan.txt").repeat(66);
    let comparison = policy_lineage::compare::compare(&doc("p.txt", &gansu), &doc("c.txt", &gansu));
    assert!(!comparison.timed_out);
    assert!(
        comparison.summary.inherited > 0.999,
        "{:?}",
        comparison.summary
    );
}

#[test]
fn a_child_against_its_parent_repeated_200_times_gets_the_same_shares() {
    let gansu = corpus("gansu-2018-ai-plan.txt");
    let wuwei = doc("wuwei.txt", &corpus("wuwei-2018-ai-plan.txt"));
    let once = policy_lineage::compare::compare(&doc("gansu.txt", &gansu), &wuwei);
    let many = policy_lineage::compare::compare(&doc("many.txt", &gansu.repeat(200)), &wuwei);
    assert!(!many.timed_out);
    let (a, b) = (&once.summary, &many.summary);
    assert!((a.inherited - b.inherited).abs() < 0.01, "{a:?} vs {b:?}");
    assert!((a.adapted - b.adapted).abs() < 0.01, "{a:?} vs {b:?}");
}
