//! The readable summary `policy-lineage compare` prints: totals, the section pairs, the
//! substitutions, what was dropped. Coloured when writing to a terminal.

use std::fmt;

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
    Summary {
        parent,
        child,
        comparison,
        style,
    }
    .to_string()
}

/// The summary as text; `Display` lets every line use `?` instead of discarding results.
struct Summary<'a> {
    parent: &'a Document,
    child: &'a Document,
    comparison: &'a Comparison,
    style: Style,
}

impl fmt::Display for Summary<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Summary {
            parent,
            child,
            comparison,
            style,
        } = *self;
        let s = comparison.summary;
        writeln!(f, "{} {}", style.bold("Parent:"), parent_line(parent))?;
        writeln!(f, "{} {}", style.bold("Child: "), parent_line(child))?;
        writeln!(f)?;
        writeln!(
            f,
            "Child text: {} inherited, {} adapted, {} added   Parent reused: {}",
            style.inherited(&percent(s.inherited)),
            style.adapted(&percent(s.adapted)),
            style.added(&percent(s.added)),
            percent(s.parent_reused),
        )?;
        if comparison.timed_out {
            writeln!(
                f,
                "(the alignment reached its time limit; the rest is marked added)"
            )?;
        }

        writeln!(f)?;
        writeln!(f, "{}", style.bold("Sections (child → parent, similarity)"))?;
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
            writeln!(f, "  {} {}{}", pad(&name, 44), sources, moved)?;
        }

        if !comparison.substitutions.is_empty() {
            writeln!(f)?;
            writeln!(f, "{}", style.bold("Substitutions (parent → child, count)"))?;
            for sub in comparison.substitutions.iter().take(30) {
                writeln!(
                    f,
                    "  {} → {}  ×{}",
                    sub.parent,
                    style.adapted(&sub.child),
                    sub.count
                )?;
            }
            if comparison.substitutions.len() > 30 {
                let more = comparison.substitutions.len() - 30;
                writeln!(f, "  {}", style.dim(&format!("… and {more} more")))?;
            }
        }

        let checks = crate::checks::run(parent, child, comparison);
        writeln!(f)?;
        writeln!(
            f,
            "{}",
            style.bold("Checks (what a reviewer should look at)")
        )?;
        if checks.is_empty() {
            writeln!(f, "  (none)")?;
        }
        for check in &checks {
            let expected = check
                .expected
                .as_deref()
                .map_or(String::new(), |e| format!(" → {e}"));
            writeln!(
                f,
                "  {:<8} {}{}  {}",
                check.kind.name(),
                style.adapted(&check.text),
                expected,
                style.dim(&check.note)
            )?;
        }
        let targets = crate::checks::targets(&checks);
        if !targets.is_empty() {
            writeln!(f)?;
            writeln!(f, "{}", style.bold("Targets (parent → child)"))?;
            for t in targets {
                writeln!(f, "  {} → {}", t.parent, style.adapted(t.child))?;
            }
        }

        writeln!(f)?;
        writeln!(f, "{}", style.bold("Dropped parent sections"))?;
        if comparison.dropped.is_empty() {
            writeln!(f, "  (none)")?;
        }
        for &i in &comparison.dropped {
            let section = &parent.outline.sections[i];
            writeln!(
                f,
                "  {}",
                style.dim(&compact(&parent.slice(section.heading.clone())))
            )?;
        }
        Ok(())
    }
}

fn parent_line(doc: &Document) -> String {
    format!(
        "{} ({}, {} characters)",
        clean(&doc.title, TITLE_CHARS),
        clean(&doc.label(), TITLE_CHARS),
        doc.content_chars()
    )
}
