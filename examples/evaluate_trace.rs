//! Grades `trace` on the multi-source cases of `tests/support/trace_synth.rs`.
//!
//! ```text
//! cargo run --release --example evaluate_trace                 # the standard cases
//! cargo run --release --example evaluate_trace -- --cases 30   # plus random cases, seeds 1..=30
//! cargo run --release --example evaluate_trace -- --cases 40 --first 41   # seeds 41..=80
//! cargo run --release --example evaluate_trace -- --explain      # the paragraphs named wrongly
//! ```
//!
//! `--explain` prints, for every case with a miss, its paragraphs as two strips (the true
//! source and the source named most, `H` higher, `D` derived, `P` peer, `.` the child's own
//! text; lower case where no character of the paragraph is held by one source alone, so that
//! only its neighbours can decide it), then each paragraph named wrongly with the evidence:
//! per source, the characters it does not hold while another source does, as the tracer found
//! them and as the truth has them.
//!
//! The random cases are also summed by how the child mixes its sources (see
//! `trace_synth::Mix`).
//!
//! Exits with status 1 when a bar is missed.

#[path = "../tests/support/trace_synth.rs"]
mod trace_synth;

use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

use trace_synth::{BARS, Case, Scores, Traced};

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let mut random = 0u64;
    let mut first = 1u64;
    let mut explain = false;
    while let Some(arg) = args.next() {
        if arg == "--explain" {
            explain = true;
            continue;
        }
        match (arg.as_str(), args.next().map(|n| n.parse::<u64>())) {
            ("--cases", Some(Ok(n))) => random = n,
            ("--first", Some(Ok(n))) => first = n,
            _ => {
                eprintln!("usage: evaluate_trace [--cases N] [--first SEED] [--explain]");
                return ExitCode::from(2);
            }
        }
    }
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let standard = trace_synth::standard_cases(&dir);
    let random: Vec<Case> = (first..first + random)
        .map(|seed| trace_synth::random_case(&dir, seed))
        .collect();
    println!(
        "{:<56} {:>7} {:>7} {:>7} {:>7} {:>7} {:>7} {:>8}",
        "case", "copied", "attrib", "distin", "nearest", "strict", "reuseF1", "time"
    );
    let mut ok = true;
    for (label, cases) in [("standard", &standard), ("random", &random)] {
        if cases.is_empty() {
            continue;
        }
        let mut all = Scores::default();
        let mut by_mix: std::collections::BTreeMap<trace_synth::Mix, Scores> = Default::default();
        let mut kinds = [0usize; MISS_KINDS.len()];
        for case in cases {
            let start = Instant::now();
            let traced = trace_synth::run(case);
            let time = start.elapsed();
            let s = trace_synth::score(case, &traced.named);
            print_row(
                &case.name,
                &s,
                &format!("{:.1} ms", time.as_secs_f64() * 1e3),
            );
            if explain && s.nearest_right < s.copied {
                print_misses(case, &traced);
            }
            all.add(&s);
            by_mix.entry(case.mix).or_default().add(&s);
            let case_kinds = miss_kinds(case, &traced);
            if explain && s.nearest_right < s.copied {
                println!("  misses by kind: {case_kinds:?}");
            }
            for (total, n) in kinds.iter_mut().zip(case_kinds) {
                *total += n;
            }
        }
        if label == "random" {
            for (mix, scores) in &by_mix {
                print_row(&format!("  {mix:?}"), scores, "");
            }
        }
        print_row(&format!("all {} {label}", cases.len()), &all, "");
        let kinds: Vec<String> = MISS_KINDS
            .iter()
            .zip(kinds)
            .map(|(name, n)| format!("{name} {n}"))
            .collect();
        println!("  characters named wrongly (strict): {}", kinds.join(", "));
        let scores = [
            all.attribution(),
            all.distinctive(),
            all.nearest_decidable(),
            all.reuse_f1(),
        ];
        ok &= scores.iter().zip(BARS).all(|(s, bar)| *s >= bar);
    }
    println!(
        "nearest: where the texts decide it, either source holding an undecidable run counts; strict: the generator's choice everywhere"
    );
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
        "{:<56} {:>7} {:>7.4} {:>7.4} {:>7.4} {:>7.4} {:>7.4} {:>8}",
        name,
        s.copied,
        s.attribution(),
        s.distinctive(),
        s.nearest_decidable(),
        s.nearest(),
        s.reuse_f1(),
        time
    );
}

const LETTERS: [char; 3] = ['H', 'D', 'P'];

fn letter(role: Option<usize>, undecided: bool) -> char {
    match role {
        None => '.',
        Some(r) if undecided => LETTERS[r].to_ascii_lowercase(),
        Some(r) => LETTERS[r],
    }
}

/// For each source, the characters of `chars` it does not hold while another source does.
fn against(chars: &[usize], holders: impl Fn(usize) -> u8) -> [usize; 3] {
    let mut out = [0; 3];
    for &i in chars {
        let h = holders(i);
        for (k, slot) in out.iter_mut().enumerate() {
            if h != 0 && h & (1 << k) == 0 {
                *slot += 1;
            }
        }
    }
    out
}

/// The case's paragraphs named wrongly, with the evidence each source had (see the header).
fn print_misses(case: &Case, traced: &Traced) {
    let chars: Vec<char> = case.child.chars().collect();
    let mut paragraphs: Vec<Vec<usize>> = vec![Vec::new()];
    for (i, &c) in chars.iter().enumerate() {
        if c == '\n' {
            paragraphs.push(Vec::new());
        } else if !c.is_whitespace() {
            paragraphs.last_mut().unwrap().push(i);
        }
    }
    paragraphs.retain(|p| !p.is_empty());
    let (mut truth_strip, mut named_strip) = (String::new(), String::new());
    let mut details = Vec::new();
    for (n, p) in paragraphs.iter().enumerate() {
        let truth = case.truth[p[0]].0;
        let alone = p.iter().any(|&i| case.truth[i].1.count_ones() == 1);
        let mut votes = [0usize; 4];
        for &i in p {
            votes[traced.named[i].unwrap_or(3)] += 1;
        }
        let most = (0..4).max_by_key(|&k| votes[k]).unwrap();
        let named = (most < 3).then_some(most);
        truth_strip.push(letter(truth, !alone));
        named_strip.push(letter(named, false));
        let wrong = p
            .iter()
            .filter(|&&i| truth.is_some() && traced.named[i] != truth)
            .count();
        if wrong == 0 {
            continue;
        }
        let found = against(p, |i| traced.holders[i]);
        let real = against(p, |i| case.truth[i].1);
        let start: String = p.iter().take(16).map(|&i| chars[i]).collect();
        details.push(format!(
            "  ¶{n} true {} named {} ({wrong} of {} chars wrong); against H/D/P: found {}/{}/{}, truth {}/{}/{}; {start}…",
            letter(truth, false),
            letter(named, false),
            p.len(),
            found[0],
            found[1],
            found[2],
            real[0],
            real[1],
            real[2],
        ));
    }
    println!("  true  {truth_strip}");
    println!("  named {named_strip}");
    for line in details {
        println!("{line}");
    }
}

/// What kinds of paragraph the wrongly named characters lie in (see [`miss_kinds`]).
const MISS_KINDS: [&str; 6] = [
    "holders found wrongly",
    "decided by their own text",
    "neighbours agree with the truth",
    "one neighbour, the truth's",
    "neighbours against the truth",
    "open (neighbours differ or none)",
];

/// The wrongly named copied characters of a case by kind: the tracer found other holders
/// than the truth has; the paragraph holds text one source alone has; else, by the decided
/// paragraphs around it (as `trace_synth::undecidable` finds them), whether continuity points
/// at the truth, against it, or nowhere.
fn miss_kinds(case: &Case, traced: &Traced) -> [usize; MISS_KINDS.len()] {
    let mut paragraphs: Vec<Vec<usize>> = vec![Vec::new()];
    for (i, c) in case.child.chars().enumerate() {
        if c == '\n' {
            paragraphs.push(Vec::new());
        } else if case.truth[i].0.is_some() && !c.is_whitespace() {
            paragraphs.last_mut().unwrap().push(i);
        }
    }
    paragraphs.retain(|p| !p.is_empty());
    let decided: Vec<Option<usize>> = paragraphs
        .iter()
        .map(|p| {
            p.iter()
                .any(|&i| case.truth[i].1.count_ones() == 1)
                .then(|| case.truth[p[0]].0)
                .flatten()
        })
        .collect();
    let held: Vec<u8> = paragraphs
        .iter()
        .map(|p| p.iter().fold(u8::MAX, |m, &i| m & case.truth[i].1))
        .collect();
    let mut out = [0; MISS_KINDS.len()];
    for (n, p) in paragraphs.iter().enumerate() {
        let truth = case.truth[p[0]].0;
        let deciding = |m: usize| decided[m].filter(|&k| held[n] & (1 << k) != 0);
        let before = (0..n).rev().find_map(deciding);
        let after = (n + 1..paragraphs.len()).find_map(deciding);
        for &i in p.iter().filter(|&&i| traced.named[i] != truth) {
            let kind = if traced.holders[i] != case.truth[i].1 {
                0
            } else if decided[n].is_some() {
                1
            } else {
                match (before, after) {
                    (Some(a), Some(b)) if a == b && Some(a) == truth => 2,
                    (Some(a), None) | (None, Some(a)) if Some(a) == truth => 3,
                    (Some(a), Some(b)) if a == b => 4,
                    (Some(_), None) | (None, Some(_)) => 4,
                    _ => 5,
                }
            };
            out[kind] += 1;
        }
    }
    out
}
