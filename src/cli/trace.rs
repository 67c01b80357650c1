//! `policy-lineage trace DOC SOURCE... [--json]`.

use std::ffi::OsString;
use std::io::Write;

use crate::Document;
use crate::document::facts::level_name;
use crate::trace::inputs::open_sources;
use crate::trace::{Evidence, Options, Trace, trace};

/// Traces `doc` through the sources named and prints the table, or the JSON contract.
pub fn run(
    doc: &OsString,
    sources: &[OsString],
    json: bool,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let doc = Document::open_ref(&crate::DocumentRef::parse_os(doc)?)?;
    let inputs = open_sources(&doc, sources)?;
    super::print_reader_warnings(
        std::iter::once(&doc)
            .chain(&inputs.docs)
            .map(|d| &*d.source),
    );
    if inputs.docs.is_empty() {
        let named: Vec<_> = sources.iter().map(|s| s.to_string_lossy()).collect();
        anyhow::bail!("no source document found in {}", named.join(" "));
    }
    let traced = trace(
        &doc,
        &inputs.docs,
        inputs.stock.as_deref(),
        &Options::default(),
    );
    if json {
        let value = crate::report::trace::trace_json(&doc, &inputs.docs, &traced);
        writeln!(out, "{}", serde_json::to_string_pretty(&value)?)?;
        return Ok(());
    }
    print_table(&doc, &inputs.docs, &traced, out)
}

fn print_table(
    doc: &Document,
    sources: &[Document],
    traced: &Trace,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let f = &traced.facts;
    writeln!(
        out,
        "{}  {}  ({} characters; {} {} {})",
        doc.label(),
        doc.title,
        doc.content_chars(),
        f.number.as_deref().unwrap_or("-"),
        level_name(f.level).unwrap_or("-"),
        f.date.as_deref().unwrap_or("-"),
    )?;
    let s = &traced.summary;
    writeln!(
        out,
        "inherited {:.1}%  adapted {:.1}%  added {:.1}%  stock wording {:.1}%\n",
        s.inherited * 100.0,
        s.adapted * 100.0,
        s.added * 100.0,
        s.boilerplate * 100.0
    )?;
    writeln!(
        out,
        "  #   share  distinctive  cited  level     date        source"
    )?;
    for (i, source) in traced.sources.iter().enumerate() {
        let d = &sources[source.input];
        writeln!(
            out,
            "{:>3}  {:>5.1}%  {:>10.1}%  {:<5}  {:<8}  {:<10}  {}  {}",
            i + 1,
            source.share * 100.0,
            source.distinctive_share * 100.0,
            if source.cited { "yes" } else { "no" },
            level_name(source.facts.level).unwrap_or("-"),
            source.facts.date.as_deref().unwrap_or("-"),
            d.label(),
            d.title
        )?;
    }
    // Every source named and not listed says why, so none is left out in silence.
    for (k, d) in sources.iter().enumerate() {
        if traced.sources.iter().any(|s| s.input == k) {
            continue;
        }
        let why = if crate::trace::is_same_text(doc, d) {
            "the document's own text: the document itself, never its source".to_owned()
        } else if let Some(&(_, kept)) = traced.duplicates.iter().find(|&&(c, _)| c == k) {
            format!("a copy of {}", sources[kept].label())
        } else {
            "the nearest source of no passage: it holds none, or only text another source is nearer for".to_owned()
        };
        writeln!(out, "  -  left out: {}  ({why})", d.label())?;
    }
    for (i, source) in traced.sources.iter().enumerate() {
        writeln!(
            out,
            "\npassages from #{} {}:",
            i + 1,
            sources[source.input].label()
        )?;
        for passage in passages(traced, i) {
            let text: String = doc
                .slice(passage.0.clone())
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect();
            let shown: String = text.chars().take(36).collect();
            let more = if text.chars().count() > 36 { "…" } else { "" };
            writeln!(
                out,
                "  {:>6}-{:<6} {:<11} {shown}{more}",
                passage.0.start, passage.0.end, passage.1,
            )?;
        }
    }
    Ok(())
}

/// The document's passages attributed to source `i`: consecutive spans with that source,
/// with the strongest evidence among them.
fn passages(traced: &Trace, i: usize) -> Vec<(std::ops::Range<usize>, &'static str)> {
    let mut out: Vec<(std::ops::Range<usize>, &'static str)> = Vec::new();
    let mut last: Option<usize> = None;
    for (n, span) in traced.spans.iter().enumerate() {
        if span.source != Some(i) {
            continue;
        }
        let label = match span.evidence {
            Some(Evidence::Distinctive) => "distinctive",
            Some(Evidence::Boilerplate) => "stock",
            _ => "shared",
        };
        match out.last_mut() {
            Some(passage)
                if last == Some(n - 1)
                    || last.is_some_and(|l| {
                        traced.spans[l + 1..n]
                            .iter()
                            .all(|s| s.source.is_none() && s.range.len() <= 2)
                    }) =>
            {
                passage.0.end = span.range.end;
                if label == "distinctive" {
                    passage.1 = label;
                }
            }
            _ => out.push((span.range.clone(), label)),
        }
        last = Some(n);
    }
    out
}
