//! The aligner's quality bars, pooled over the synthetic standard cases
//! (`tests/support/synth/`). `cargo run --release --example evaluate` prints the same scores
//! case by case and can mark every mistake (`--verbose CASE`).

use std::fmt::Write;

use crate::synth;
use crate::synth::score::BARS;
use policy_lineage::{Document, compare};

#[test]
fn standard_cases_meet_the_bars() {
    let mut report = String::new();
    let mut scores = Vec::new();
    for case in synth::cases::standard_cases() {
        let parent = Document::from_text("parent.txt", &case.parent).expect("parent loads");
        let child = Document::from_text("child.txt", &case.child).expect("child loads");
        let s = synth::score::score(&case, &compare::compare(&parent, &child));
        writeln!(
            report,
            "{:<22} reused {:.4}  added {:.4}  adapted {:.4}  pointer {:.4}  \
             coverage errors {}  unequal spans {}",
            case.name,
            s.reused_f1,
            s.added_f1,
            s.adapted_f1,
            s.pointer_accuracy,
            s.coverage_errors,
            s.unequal_spans
        )
        .unwrap();
        scores.push(s);
    }
    let pooled = synth::score::aggregate(&scores);
    let missed: Vec<String> = BARS
        .iter()
        .zip(pooled.bar_values())
        .filter(|&(&(_, minimum), value)| value < minimum)
        .map(|(&(name, minimum), value)| format!("{name} {value:.4} < {minimum}"))
        .collect();
    assert!(
        missed.is_empty(),
        "bars missed on the pooled standard cases: {}\n{report}",
        missed.join(", ")
    );
}
