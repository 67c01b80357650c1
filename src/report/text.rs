//! The readable summary `policy-lineage compare` prints: totals, the section pairs, the
//! substitutions, what was dropped. Coloured when writing to a terminal.

use std::fmt::Write;

use crate::Document;
use crate::cli::terminal::{TITLE_CHARS, clean};
use crate::compare::Comparison;

/// ANSI styling, or none.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub color: bool,
}

impl Style {
    fn paint(&self, code: &str, text: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_owned()
        }
    }
    fn bold(&self, t: &str) -> String {
        self.paint("1", t)
    }
    fn inherited(&self, t: &str) -> String {
        self.paint("34", t)
    }
    fn adapted(&self, t: &str) -> String {
        self.paint("33", t)
    }
    fn added(&self, t: &str) -> String {
        self.paint("35", t)
    }
    fn dim(&self, t: &str) -> String {
        self.paint("2", t)
    }
}

fn percent(x: f64) -> String {
    format!("{:5.1}%", x * 100.0)
}

/// Pads `text` to `width` terminal columns (CJK characters take two).
fn pad(text: &str, width: usize) -> String {
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = if (c as u32) >= 0x1100 { 2 } else { 1 };
        if used + w > width {
            break;
        }
        out.push(c);
        used += w;
    }
    out.extend(std::iter::repeat_n(' ', width - used));
    out
}

/// A heading on one line: white space removed, cut and cleaned for the terminal.
fn compact(text: &str) -> String {
    let text: String = text
        .chars()
        .filter(|c| !crate::document::normalize::is_space(*c))
        .collect();
    clean(&text, TITLE_CHARS)
}

pub fn render(
    parent: &Document,
    child: &Document,
    comparison: &Comparison,
    style: Style,
) -> String {
    let mut out = String::new();
    let s = comparison.summary;
    let _ = writeln!(out, "{} {}", style.bold("Parent:"), parent_line(parent));
    let _ = writeln!(out, "{} {}", style.bold("Child: "), parent_line(child));
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "Child text: {} inherited, {} adapted, {} added   Parent reused: {}",
        style.inherited(&percent(s.inherited)),
        style.adapted(&percent(s.adapted)),
        style.added(&percent(s.added)),
        percent(s.parent_reused),
    );
    if comparison.timed_out {
        let _ = writeln!(
            out,
            "(the alignment reached its time limit; the rest is marked added)"
        );
    }

    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "{}",
        style.bold("Sections (child → parent, similarity)")
    );
    for m in &comparison.sections {
        let section = &child.outline.sections[m.section];
        let indent = "  ".repeat(section.depth);
        let name = format!("{indent}{}", compact(&child.slice(section.heading.clone())));
        let sources = if m.parents.is_empty() {
            style.added("(written locally)")
        } else {
            m.parents
                .iter()
                .map(|l| {
                    let p = &parent.outline.sections[l.section];
                    format!(
                        "{} {:.2}",
                        compact(&parent.slice(p.heading.clone())),
                        l.similarity
                    )
                })
                .collect::<Vec<_>>()
                .join("; ")
        };
        let moved = if m.moved {
            style.adapted(" [moved]")
        } else {
            String::new()
        };
        let _ = writeln!(out, "  {} {}{}", pad(&name, 44), sources, moved);
    }

    if !comparison.substitutions.is_empty() {
        let _ = writeln!(out);
        let _ = writeln!(
            out,
            "{}",
            style.bold("Substitutions (parent → child, count)")
        );
        for sub in comparison.substitutions.iter().take(30) {
            let _ = writeln!(
                out,
                "  {} → {}  ×{}",
                sub.parent,
                style.adapted(&sub.child),
                sub.count
            );
        }
        if comparison.substitutions.len() > 30 {
            let more = comparison.substitutions.len() - 30;
            let _ = writeln!(out, "  {}", style.dim(&format!("… and {more} more")));
        }
    }

    let checks = crate::checks::run(parent, child, comparison);
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "{}",
        style.bold("Checks (what a reviewer should look at)")
    );
    if checks.is_empty() {
        let _ = writeln!(out, "  (none)");
    }
    for check in &checks {
        let expected = check
            .expected
            .as_deref()
            .map_or(String::new(), |e| format!(" → {e}"));
        let _ = writeln!(
            out,
            "  {:<8} {}{}  {}",
            check.kind.name(),
            style.adapted(&check.text),
            expected,
            style.dim(&check.note)
        );
    }
    let targets = crate::checks::targets(&checks);
    if !targets.is_empty() {
        let _ = writeln!(out);
        let _ = writeln!(out, "{}", style.bold("Targets (parent → child)"));
        for t in targets {
            let _ = writeln!(out, "  {} → {}", t.parent, style.adapted(t.child));
        }
    }

    let _ = writeln!(out);
    let _ = writeln!(out, "{}", style.bold("Dropped parent sections"));
    if comparison.dropped.is_empty() {
        let _ = writeln!(out, "  (none)");
    }
    for &i in &comparison.dropped {
        let section = &parent.outline.sections[i];
        let _ = writeln!(
            out,
            "  {}",
            style.dim(&compact(&parent.slice(section.heading.clone())))
        );
    }
    out
}

fn parent_line(doc: &Document) -> String {
    format!(
        "{} ({}, {} characters)",
        clean(&doc.title, TITLE_CHARS),
        clean(&doc.label(), TITLE_CHARS),
        doc.content_chars()
    )
}
