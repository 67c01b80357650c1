//! `compare` on real and synthetic pairs of growing size. `cargo bench --bench align`.
//!
//! The big pairs take long per iteration, so every group runs the minimum of ten samples, with
//! short warm-up and measurement times; the whole run takes a few minutes. Setup builds the
//! pairs first (the 1 MB one with `synth::cases::large_case`), which takes a few seconds.

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, SamplingMode, criterion_group, criterion_main};
#[path = "../tests/support/synth/mod.rs"]
#[allow(dead_code)] // each user takes the part of the generator it needs
mod synth;

use policy_lineage::{Document, compare};
use synth::Case;

fn corpus(name: &str) -> String {
    format!("{}/tests/corpus/{name}", env!("CARGO_MANIFEST_DIR"))
}

fn documents(case: &Case) -> (Document, Document) {
    (
        Document::from_text("parent.txt", &case.parent).expect("parent loads"),
        Document::from_text("child.txt", &case.child).expect("child loads"),
    )
}

/// The standard case closest to 10,000 child chars.
fn ten_thousand_chars() -> Case {
    synth::cases::standard_cases()
        .into_iter()
        .min_by_key(|c| c.child.chars().count().abs_diff(10_000))
        .expect("there are standard cases")
}

fn bench(c: &mut Criterion) {
    let gansu = Document::open(&corpus("gansu-2018-ai-plan.txt")).expect("Gansu plan loads");
    let wuwei = Document::open(&corpus("wuwei-2018-ai-plan.txt")).expect("Wuwei plan loads");
    let (mid_parent, mid_child) = documents(&ten_thousand_chars());
    let (big_parent, big_child) = documents(&synth::cases::large_case(1_000_000));
    let (repeated_parent, repeated_child) = synth::cases::pathological_pair(20);
    let repeated_parent = Document::from_text("parent.txt", &repeated_parent).expect("loads");
    let repeated_child = Document::from_text("child.txt", &repeated_child).expect("loads");

    let mut small = c.benchmark_group("compare");
    small
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5));
    small.bench_function("gansu-wuwei", |b| {
        b.iter(|| compare::compare(black_box(&gansu), black_box(&wuwei)))
    });
    small.bench_function("derived-10k-chars", |b| {
        b.iter(|| compare::compare(black_box(&mid_parent), black_box(&mid_child)))
    });
    small.finish();

    let mut big = c.benchmark_group("compare-large");
    // Flat sampling: ten samples of one iteration each, not 1 + 2 + … + 10 iterations.
    big.sampling_mode(SamplingMode::Flat)
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(20));
    big.bench_function("derived-1MB", |b| {
        b.iter(|| compare::compare(black_box(&big_parent), black_box(&big_child)))
    });
    big.bench_function("repeated-20x", |b| {
        b.iter(|| compare::compare(black_box(&repeated_parent), black_box(&repeated_child)))
    });
    big.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
