//! Grades `compare` on the synthetic cases of `tests/support/synth/`.
//!
//! ```text
//! cargo run --release --example evaluate                  # the standard cases
//! cargo run --release --example evaluate -- --cases 50    # plus random cases, seeds 1..=50
//! cargo run --release --example evaluate -- --verbose gansu-heavy
//! ```
//!
//! `--verbose CASE` prints that case's child text with every misclassified run marked
//! `[text|truth→predicted]` and every run pointing at the wrong parent char marked
//! `{text|@true→@predicted}`. Exits with status 1 when a bar is missed.

use std::process::ExitCode;
use std::time::{Duration, Instant};

#[path = "../tests/support/synth/mod.rs"]
#[allow(dead_code)] // each user takes the part of the generator it needs
mod synth;

use policy_lineage::{Document, SpanClass, compare};
use synth::Case;
use synth::score::{BARS, Scores};

struct Options {
    random_cases: u64,
    verbose: Option<String>,
}

fn parse_options() -> Result<Options, String> {
    let mut options = Options {
        random_cases: 0,
        verbose: None,
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--cases" => {
                let n = args.next().ok_or("--cases needs a number")?;
                options.random_cases = n.parse().map_err(|_| format!("not a number: {n}"))?;
            }
            "--verbose" => {
                options.verbose = Some(args.next().ok_or("--verbose needs a case name")?)
            }
            "-h" | "--help" => return Err(String::new()),
            other => return Err(format!("unknown argument: {other}")),
        }
    }
    Ok(options)
}

fn main() -> ExitCode {
    let options = match parse_options() {
        Ok(options) => options,
        Err(message) => {
            if !message.is_empty() {
                eprintln!("{message}");
            }
            eprintln!("usage: evaluate [--cases N] [--verbose CASE]");
            return ExitCode::from(2);
        }
    };
    let mut cases = synth::cases::standard_cases();
    let standard_count = cases.len();
    cases.extend((1..=options.random_cases).map(synth::cases::random_case));
    if let Some(name) = &options.verbose
        && !cases.iter().any(|c| &c.name == name)
    {
        let names: Vec<&str> = cases.iter().map(|c| c.name.as_str()).collect();
        eprintln!("no case named {name}; the cases are: {}", names.join(" "));
        return ExitCode::from(2);
    }

    println!(
        "{:<28} {:>7} {:>7} {:>7} {:>7} {:>7} {:>9}",
        "case", "chars", "reused", "added", "adapted", "pointer", "time"
    );
    let mut all = Vec::with_capacity(cases.len());
    let mut standard = (Vec::new(), Duration::ZERO);
    let mut total_time = Duration::ZERO;
    for (n, case) in cases.iter().enumerate() {
        let parent = Document::from_text("parent.txt", &case.parent).expect("parent loads");
        let child = Document::from_text("child.txt", &case.child).expect("child loads");
        let start = Instant::now();
        let comparison = compare::compare(&parent, &child);
        let time = start.elapsed();
        total_time += time;
        let scores = synth::score::score(case, &comparison);
        print_row(&case.name, &scores, time);
        for (count, what) in [
            (scores.coverage_errors, "chars not covered exactly once"),
            (
                scores.unequal_spans,
                "inherited spans unequal to their parent text",
            ),
        ] {
            if count > 0 {
                println!("    {count} {what}");
            }
        }
        if options.verbose.as_deref() == Some(case.name.as_str()) {
            print_marked(case, &comparison);
        }
        all.push(scores);
        if n + 1 == standard_count {
            standard = (all.clone(), total_time);
        }
    }

    let pooled = synth::score::aggregate(&all);
    println!("{}", "-".repeat(80));
    if options.random_cases > 0 {
        print_row(
            "pooled (standard)",
            &synth::score::aggregate(&standard.0),
            standard.1,
        );
    }
    print_row("pooled", &pooled, total_time);
    print_confusion(&pooled);
    println!("\nbars, pooled over all {} cases:", cases.len());
    for ((name, minimum), value) in BARS.iter().zip(pooled.bar_values()) {
        let verdict = if value >= *minimum { "PASS" } else { "FAIL" };
        println!("{name:<18} {value:.4} ≥ {minimum:<6} {verdict}");
    }
    if pooled.meets_bars() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

fn print_row(name: &str, s: &Scores, time: Duration) {
    println!(
        "{name:<28} {:>7} {:>7.4} {:>7.4} {:>7.4} {:>7.4} {:>7.1}ms",
        s.chars,
        s.reused_f1,
        s.added_f1,
        s.adapted_f1,
        s.pointer_accuracy,
        time.as_secs_f64() * 1000.0
    );
}

fn print_confusion(s: &Scores) {
    println!("truth \\ predicted   inherited    adapted      added");
    for (name, row) in ["inherited", "adapted", "added"].iter().zip(s.confusion) {
        println!("{name:<18} {:>10} {:>10} {:>10}", row[0], row[1], row[2]);
    }
    println!(
        "pointers: {} of {} right; chars not covered exactly once: {}; inherited spans unequal \
         to their parent text: {}",
        s.pointer_correct, s.pointer_checked, s.coverage_errors, s.unequal_spans
    );
}

fn short(class: Option<SpanClass>) -> &'static str {
    match class {
        Some(SpanClass::Inherited) => "inh",
        Some(SpanClass::Adapted) => "ada",
        Some(SpanClass::Added) => "add",
        None => "none",
    }
}

/// What is wrong with one child char, if anything.
#[derive(Clone, Copy, PartialEq)]
enum Mark {
    Right,
    Class(Option<SpanClass>, Option<SpanClass>),
    Pointer,
}

/// Prints the child with its mistakes marked, runs of the same mistake together.
fn print_marked(case: &Case, comparison: &policy_lineage::Comparison) {
    let prediction = synth::score::predict(case, comparison);
    let child: Vec<char> = case.child.chars().collect();
    let marks: Vec<Mark> = case
        .truth
        .iter()
        .enumerate()
        .map(|(i, truth)| {
            let Some(class) = truth.class else {
                return Mark::Right;
            };
            let predicted = prediction.class[i];
            if predicted != Some(class) {
                Mark::Class(Some(class), predicted)
            } else if class == SpanClass::Inherited
                && prediction.parent_char[i] != truth.parent_char
            {
                Mark::Pointer
            } else {
                Mark::Right
            }
        })
        .collect();
    println!(
        "\n=== {} (marks: [text|truth→predicted], {{text|@true→@predicted}})",
        case.name
    );
    let mut out = String::new();
    let mut i = 0;
    while i < child.len() {
        let mark = marks[i];
        if mark == Mark::Right {
            out.push(child[i]);
            i += 1;
            continue;
        }
        // A run: the same mistake, white space inside it included.
        let mut end = i + 1;
        while end < child.len() && (marks[end] == mark || case.truth[end].class.is_none()) {
            end += 1;
        }
        while end > i + 1 && case.truth[end - 1].class.is_none() {
            end -= 1;
        }
        let text: String = child[i..end].iter().collect();
        if let Mark::Class(truth, predicted) = mark {
            out.push_str(&format!("[{text}|{}→{}]", short(truth), short(predicted)));
        } else {
            let at = |p: Option<usize>| p.map_or("none".to_owned(), |p| p.to_string());
            out.push_str(&format!(
                "{{{text}|@{}→@{}}}",
                at(case.truth[i].parent_char),
                at(prediction.parent_char[i])
            ));
        }
        i = end;
    }
    println!("{out}\n");
}
