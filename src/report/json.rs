//! The `compare --json` contract (`tests/spec/compare-json.md`): a public interface, so fields
//! may be added but never renamed or removed.

use serde::Serialize;

use crate::Document;
use crate::compare::{Comparison, SpanClass};
use crate::document::outline::Section;

#[derive(Serialize)]
pub struct CompareJson<'a> {
    pub parent: DocJson,
    pub child: DocJson,
    pub summary: SummaryJson,
    pub sections: Vec<SectionJson>,
    pub dropped: Vec<HeadingJson>,
    pub spans: Vec<SpanJson>,
    pub substitutions: Vec<SubstitutionJson<'a>>,
    /// Added field: true when the alignment hit its deadline and finished coarsely.
    pub timed_out: bool,
    /// Added field: what a reviewer should look at (`crate::checks`), in child order.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub checks: Option<Vec<CheckJson>>,
}

#[derive(Serialize)]
pub struct CheckJson {
    pub kind: crate::checks::CheckKind,
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub parent_start: Option<usize>,
    pub parent_end: Option<usize>,
    pub parent_text: Option<String>,
    pub expected: Option<String>,
    pub note: String,
}

impl From<&crate::checks::Check> for CheckJson {
    fn from(c: &crate::checks::Check) -> Self {
        Self {
            kind: c.kind,
            start: c.range.start,
            end: c.range.end,
            text: c.text.clone(),
            parent_start: c.parent.as_ref().map(|r| r.start),
            parent_end: c.parent.as_ref().map(|r| r.end),
            parent_text: c.parent_text.clone(),
            expected: c.expected.clone(),
            note: c.note.clone(),
        }
    }
}

#[derive(Serialize)]
pub struct DocJson {
    pub path: String,
    pub title: String,
    pub chars: usize,
    /// Added fields: the `#N` entry (or null) and the decoding used.
    pub index: Option<usize>,
    pub encoding: &'static str,
}

#[derive(Serialize)]
pub struct SummaryJson {
    pub inherited: f64,
    pub adapted: f64,
    pub added: f64,
    pub parent_reused: f64,
}

#[derive(Serialize)]
pub struct HeadingJson {
    pub heading: String,
    pub start: usize,
    pub end: usize,
}

#[derive(Serialize)]
pub struct ParentLinkJson {
    pub heading: String,
    pub start: usize,
    pub end: usize,
    pub similarity: f64,
}

#[derive(Serialize)]
pub struct SectionJson {
    pub child: HeadingJson,
    pub parents: Vec<ParentLinkJson>,
    /// Added field: the section's source is out of the parent's order.
    pub moved: bool,
}

#[derive(Serialize)]
pub struct SpanJson {
    pub doc: &'static str,
    pub start: usize,
    pub end: usize,
    pub class: SpanClass,
    pub parent_start: Option<usize>,
    pub parent_end: Option<usize>,
}

#[derive(Serialize)]
pub struct SubstitutionJson<'a> {
    pub parent: &'a str,
    pub child: &'a str,
    pub count: usize,
}

fn round(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

fn heading(doc: &Document, section: &Section) -> HeadingJson {
    HeadingJson {
        heading: doc.slice(section.heading.clone()),
        start: section.heading.start,
        end: section.heading.end,
    }
}

fn doc_json(doc: &Document, path: &str) -> DocJson {
    DocJson {
        path: path.to_owned(),
        title: doc.title.clone(),
        chars: doc.source.chars.len(),
        index: doc.index,
        encoding: doc.source.encoding,
    }
}

/// Builds the contract object. `parent_path`/`child_path` are the paths as the user gave them.
pub fn build<'a>(
    parent: &Document,
    child: &Document,
    comparison: &'a Comparison,
    parent_path: &str,
    child_path: &str,
) -> CompareJson<'a> {
    let s = comparison.summary;
    CompareJson {
        parent: doc_json(parent, parent_path),
        child: doc_json(child, child_path),
        summary: SummaryJson {
            inherited: round(s.inherited),
            adapted: round(s.adapted),
            added: round(s.added),
            parent_reused: round(s.parent_reused),
        },
        sections: comparison
            .sections
            .iter()
            .map(|m| SectionJson {
                child: heading(child, &child.outline.sections[m.section]),
                parents: m
                    .parents
                    .iter()
                    .map(|l| {
                        let h = heading(parent, &parent.outline.sections[l.section]);
                        ParentLinkJson {
                            heading: h.heading,
                            start: h.start,
                            end: h.end,
                            similarity: l.similarity,
                        }
                    })
                    .collect(),
                moved: m.moved,
            })
            .collect(),
        dropped: comparison
            .dropped
            .iter()
            .map(|&i| {
                let section = &parent.outline.sections[i];
                HeadingJson {
                    heading: parent.slice(section.heading.clone()),
                    start: section.range.start,
                    end: section.range.end,
                }
            })
            .collect(),
        spans: comparison
            .spans
            .iter()
            .map(|span| SpanJson {
                doc: "child",
                start: span.range.start,
                end: span.range.end,
                class: span.class,
                parent_start: span.parent.as_ref().map(|r| r.start),
                parent_end: span.parent.as_ref().map(|r| r.end),
            })
            .collect(),
        substitutions: comparison
            .substitutions
            .iter()
            .map(|s| SubstitutionJson {
                parent: &s.parent,
                child: &s.child,
                count: s.count,
            })
            .collect(),
        timed_out: comparison.timed_out,
        checks: Some(
            crate::checks::run(parent, child, comparison)
                .iter()
                .map(CheckJson::from)
                .collect(),
        ),
    }
}

/// The contract as a JSON string.
pub fn to_string(
    parent: &Document,
    child: &Document,
    comparison: &Comparison,
    parent_path: &str,
    child_path: &str,
) -> serde_json::Result<String> {
    serde_json::to_string_pretty(&build(parent, child, comparison, parent_path, child_path))
}
