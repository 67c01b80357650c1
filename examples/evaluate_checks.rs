//! Grades the `place` check on children with other jurisdictions' names planted in them
//! (`tests/support/synth/planted.rs`).
//!
//! ```text
//! cargo run --release --example evaluate_checks                 # the standard cases
//! cargo run --release --example evaluate_checks -- --cases 200  # plus random ones
//! cargo run --release --example evaluate_checks -- --verbose    # every miss and wrong check
//! ```
//!
//! Exits with status 1 when fewer than 90% of planted names are found or fewer than 90% of
//! the `place` checks point at a planted name or the parent's own name.

use std::process::ExitCode;

#[path = "../tests/support/synth/planted.rs"]
mod planted;

fn main() -> ExitCode {
    let mut random = 0usize;
    let mut verbose = false;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--cases" => match args.next().and_then(|n| n.parse().ok()) {
                Some(n) => random = n,
                None => {
                    eprintln!("--cases needs a number");
                    return ExitCode::from(2);
                }
            },
            "--verbose" => verbose = true,
            other => {
                eprintln!(
                    "unknown argument: {other}\nusage: evaluate_checks [--cases N] [--verbose]"
                );
                return ExitCode::from(2);
            }
        }
    }
    let mut sets = vec![("standard", planted::standard_cases())];
    if random > 0 {
        sets.push(("random", planted::planted_cases(random, 0xC0FFEE)));
    }
    let mut pass = true;
    for (label, cases) in sets {
        let mut total = planted::PlacedScore::default();
        for case in &cases {
            let (score, notes) = planted::score_case(case);
            total.add(score);
            if verbose {
                for note in notes {
                    println!("{}: {note}", case.name);
                }
            }
        }
        println!(
            "{label}: {} cases, {} planted names, found {:.3}; {} place checks, {:.3} at a planted or the parent's own name",
            cases.len(),
            total.planted,
            total.recall(),
            total.checks,
            total.precision()
        );
        for (form, (planted, found)) in &total.by_form {
            println!(
                "  {form}: {found}/{planted} found ({:.3})",
                *found as f64 / (*planted).max(1) as f64
            );
        }
        pass &= total.recall() >= 0.9 && total.precision() >= 0.9;
    }
    if pass {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
