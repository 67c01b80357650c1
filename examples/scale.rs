//! Times `compare` once on pairs of growing size, with the peak memory of each step.
//! `cargo run --release --example scale`
//!
//! Peak memory is the process's resident high-water mark (Linux `VmHWM`), reset before each
//! comparison (`/proc/self/clear_refs`), so it is that comparison's peak, the two documents
//! included. Where the kernel does not allow the reset (or outside Linux) it shows `-`.

use std::time::Instant;

#[path = "../tests/support/synth/mod.rs"]
#[allow(dead_code)] // each user takes the part of the generator it needs
mod synth;
use policy_lineage::{Document, compare};

fn corpus(name: &str) -> String {
    format!("{}/tests/corpus/{name}", env!("CARGO_MANIFEST_DIR"))
}

fn from_text(name: &str, text: &str) -> Document {
    Document::from_text(name, text).expect("generated text loads")
}

/// The resident-memory high-water mark in MiB.
fn peak_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
}

/// Lowers the high-water mark to the current use, so the next reading is the coming step's
/// peak.
fn reset_peak() -> bool {
    std::fs::write("/proc/self/clear_refs", "5").is_ok()
}

/// The pairs, smallest first; each is built only when its turn comes, so that the memory
/// reading is not inflated by the others.
enum Pair {
    Real,
    Standard,
    Large(usize),
    Repeated(usize),
}

impl Pair {
    fn build(&self) -> (String, Document, Document) {
        match *self {
            Pair::Real => (
                "gansu-wuwei (real)".to_owned(),
                Document::open(&corpus("gansu-2018-ai-plan.txt")).expect("Gansu plan loads"),
                Document::open(&corpus("wuwei-2018-ai-plan.txt")).expect("Wuwei plan loads"),
            ),
            Pair::Standard => {
                let case = synth::cases::standard_cases()
                    .into_iter()
                    .min_by_key(|c| c.child.chars().count().abs_diff(10_000))
                    .expect("there are standard cases");
                let parent = from_text("parent.txt", &case.parent);
                (case.name, parent, from_text("child.txt", &case.child))
            }
            Pair::Large(min_bytes) => {
                let case = synth::cases::large_case(min_bytes);
                let parent = from_text("parent.txt", &case.parent);
                (case.name, parent, from_text("child.txt", &case.child))
            }
            Pair::Repeated(times) => {
                let (parent, child) = synth::cases::pathological_pair(times);
                (
                    format!("gansu×{times} / wuwei×{times}"),
                    from_text("parent.txt", &parent),
                    from_text("child.txt", &child),
                )
            }
        }
    }
}

fn main() {
    let pairs = [
        Pair::Real,
        Pair::Standard,
        Pair::Large(0),
        Pair::Large(500_000),
        Pair::Large(1_000_000),
        Pair::Repeated(20),
    ];
    println!(
        "{:<24} {:>8} {:>8} {:>7} {:>10} {:>9}",
        "pair", "parent", "child", "MB", "time", "peak MiB"
    );
    for pair in &pairs {
        let (name, parent, child) = pair.build();
        let resettable = reset_peak();
        let start = Instant::now();
        let comparison = compare::compare(&parent, &child);
        let time = start.elapsed();
        let megabytes = (parent.source.text.len() + child.source.text.len()) as f64 / 1e6;
        let peak = peak_mib()
            .filter(|_| resettable)
            .map_or("-".to_owned(), |p| format!("{p:.0}"));
        println!(
            "{name:<24} {:>8} {:>8} {megabytes:>7.2} {:>8.0}ms {peak:>9}{}",
            parent.content_chars(),
            child.content_chars(),
            time.as_secs_f64() * 1000.0,
            if comparison.timed_out {
                "  (timed out)"
            } else {
                ""
            }
        );
    }
    println!("parent, child: non-white-space chars; MB: UTF-8 size of both texts together");
}
