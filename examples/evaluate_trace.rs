//! Grades `trace` on the multi-source cases of `tests/support/trace_synth.rs`.
//!
//! ```text
//! cargo run --release --example evaluate_trace                 # the standard cases
//! cargo run --release --example evaluate_trace -- --cases 30   # plus random cases, seeds 1..=30
//! ```
//!
//! Exits with status 1 when a bar is missed.

#[path = "../tests/support/trace_synth.rs"]
mod trace_synth;

use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

use trace_synth::{BARS, Case, Scores};

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let mut random = 0u64;
    while let Some(arg) = args.next() {
        match (arg.as_str(), args.next().map(|n| n.parse::<u64>())) {
            ("--cases", Some(Ok(n))) => random = n,
            _ => {
                eprintln!("usage: evaluate_trace [--cases N]");
                return ExitCode::from(2);
            }
        }
    }
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let standard = trace_synth::standard_cases(&dir);
    let random: Vec<Case> = (1..=random)
        .map(|seed| trace_synth::random_case(&dir, seed))
        .collect();
    println!(
        "{:<56} {:>7} {:>7} {:>7} {:>7} {:>7} {:>8}",
        "case", "copied", "attrib", "distin", "nearest", "reuseF1", "time"
    );
    let mut ok = true;
    for (label, cases) in [("standard", &standard), ("random", &random)] {
        if cases.is_empty() {
            continue;
        }
        let mut all = Scores::default();
        for case in cases {
            let start = Instant::now();
            let predicted = trace_synth::run(case);
            let time = start.elapsed();
            let s = trace_synth::score(case, &predicted);
            print_row(
                &case.name,
                &s,
                &format!("{:.1} ms", time.as_secs_f64() * 1e3),
            );
            all.add(&s);
        }
        print_row(&format!("all {} {label}", cases.len()), &all, "");
        let scores = [
            all.attribution(),
            all.distinctive(),
            all.nearest(),
            all.reuse_f1(),
        ];
        ok &= scores.iter().zip(BARS).all(|(s, bar)| *s >= bar);
    }
    println!(
        "bars: attribution >= {}, distinctive >= {}, nearest >= {}, reuse F1 >= {}",
        BARS[0], BARS[1], BARS[2], BARS[3]
    );
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

fn print_row(name: &str, s: &Scores, time: &str) {
    println!(
        "{:<56} {:>7} {:>7.4} {:>7.4} {:>7.4} {:>7.4} {:>8}",
        name,
        s.copied,
        s.attribution(),
        s.distinctive(),
        s.nearest(),
        s.reuse_f1(),
        time
    );
}
