//! The HTML report: one self-contained file (no scripts, fonts or images from anywhere; the
//! chart is inline SVG) that opens offline in any browser. The two documents side by side,
//! matched sections on the same row, coloured as in the viewer (`report::palette`); the summary
//! figures and a chart; the section table; the substitutions; the checks (marked in the child's
//! text too); the reviewer's notes.

use std::fmt::Write;
use std::ops::Range;

use crate::Document;
use crate::checks::Check;
use crate::compare::{Comparison, SpanClass};
use crate::report::palette::ClassColours;
use crate::review::corrections::Correction;
use crate::review::session::Note;

/// What a report shows besides the comparison.
#[derive(Debug, Clone, Copy, Default)]
pub struct Extras<'a> {
    pub notes: &'a [Note],
    pub corrections: &'a [Correction],
    /// Notes whose section no longer exists.
    pub unattached: &'a [Note],
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

fn percent(x: f64) -> String {
    format!("{:.1}%", x * 100.0)
}

fn compact(text: &str) -> String {
    text.chars()
        .filter(|&c| !crate::document::normalize::is_space(c))
        .collect()
}

/// The viewer's colours as CSS variables, light and dark.
fn palette_css() -> String {
    let vars = |p: &ClassColours| {
        format!(
            "--text:{};--weak:{};--inherited-bg:{};--adapted-bg:{};--added-bg:{};--reused-bg:{};--replaced-bg:{};--dropped-text:{};--dropped-row:{};--inherited:{};--adapted:{};--added:{};--dropped:{};--moved:{};--page:{};",
            p.text.hex(),
            p.weak_text.hex(),
            p.inherited_bg.hex(),
            p.adapted_bg.hex(),
            p.added_bg.hex(),
            p.reused_bg.hex(),
            p.replaced_bg.hex(),
            p.dropped_text.hex(),
            p.dropped_row_bg.hex(),
            p.inherited.hex(),
            p.adapted.hex(),
            p.added.hex(),
            p.dropped.hex(),
            p.moved.hex(),
            p.page.hex(),
        )
    };
    format!(
        ":root{{{}}}\n@media (prefers-color-scheme: dark){{:root{{{}}}}}\n",
        vars(&ClassColours::for_dark_mode(false)),
        vars(&ClassColours::for_dark_mode(true))
    )
}

const STYLE: &str = r#"
body{margin:0;padding:16px 24px;background:var(--page);color:var(--text);font:15px/1.7 "Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Microsoft YaHei",sans-serif}
h1{font-size:20px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px}
.meta{color:var(--weak);font-size:13px}
.inherited{background:var(--inherited-bg)}.adapted{background:var(--adapted-bg)}.added{background:var(--added-bg)}
.reused{background:var(--reused-bg)}.replaced{background:var(--replaced-bg)}.dropped{color:var(--dropped-text)}
table{border-collapse:collapse}td,th{padding:3px 8px;vertical-align:top;text-align:left}
.figures td,.figures th{border-bottom:1px solid var(--dropped-row)}
.num{text-align:right;font-variant-numeric:tabular-nums}
.sw{display:inline-block;width:12px;height:12px;border-radius:2px;margin-right:4px;vertical-align:-1px}
.legend span{margin-right:16px;font-size:13px}
.panes{width:100%;table-layout:fixed}
.panes th{position:sticky;top:0;background:var(--page);border-bottom:2px solid var(--dropped-row)}
.panes td{white-space:pre-wrap;word-break:break-all;border-bottom:1px solid var(--dropped-row);width:50%}
.panes tr.droppedrow td.p{background:var(--dropped-row)}
.moved{color:var(--moved);font-size:12px}.manual{font-size:12px;border:1px solid var(--weak);border-radius:3px;padding:0 3px}
.note{white-space:pre-wrap;border-left:3px solid var(--adapted);padding:2px 8px;margin:4px 0;font-size:14px}
.verdict{font-weight:bold}
mark.check{background:none;color:inherit;text-decoration:underline wavy var(--added);text-decoration-skip-ink:none}
@media print{.panes th{position:static}}
"#;

/// Per-character marks of the parent: reused, replaced (behind adapted text), dropped.
fn parent_marks(parent: &Document, comparison: &Comparison) -> Vec<&'static str> {
    let mut marks = vec![""; parent.chars().len()];
    let mut fill = |r: &Range<usize>, mark: &'static str| {
        let end = r.end.min(marks.len());
        for m in &mut marks[r.start.min(end)..end] {
            *m = mark;
        }
    };
    for &ps in &comparison.dropped {
        if let Some(s) = parent.outline.sections.get(ps) {
            fill(&s.range, "dropped");
        }
    }
    for span in &comparison.spans {
        if let Some(p) = &span.parent {
            let mark = if span.class == SpanClass::Adapted {
                "replaced"
            } else {
                "reused"
            };
            fill(p, mark);
        }
    }
    marks
}

/// Parent text, runs of one mark wrapped in a `<span>`.
fn parent_html(parent: &Document, marks: &[&'static str], range: Range<usize>) -> String {
    let chars = parent.chars();
    let end = range.end.min(chars.len());
    let mut out = String::new();
    let mut at = range.start.min(end);
    while at < end {
        let mark = marks[at];
        let run_end = (at..end).find(|&i| marks[i] != mark).unwrap_or(end);
        let text = escape(&chars[at..run_end].iter().collect::<String>());
        if mark.is_empty() {
            out.push_str(&text);
        } else {
            let _ = write!(out, "<span class=\"{mark}\">{text}</span>");
        }
        at = run_end;
    }
    out
}

/// Child text, each span (or its part inside `range`) a `<span>` with its class and index;
/// adapted spans say what they replaced; text a check points at is marked `check`, with an
/// anchor `k{n}` where check `n` starts.
fn child_html(
    parent: &Document,
    child: &Document,
    comparison: &Comparison,
    checks: &[Check],
    range: Range<usize>,
) -> String {
    let chars = child.chars();
    let end = range.end.min(chars.len());
    let mut out = String::new();
    let mut at = range.start.min(end);
    let first = comparison.spans.partition_point(|s| s.range.end <= at);
    for (i, span) in comparison.spans.iter().enumerate().skip(first) {
        if span.range.start >= end {
            break;
        }
        let (start, stop) = (span.range.start.max(at), span.range.end.min(end));
        if start >= stop {
            continue;
        }
        if at < start {
            out.push_str(&checked_html(chars, checks, at..start));
        }
        let title = match &span.parent {
            Some(p) if span.class == SpanClass::Adapted && p.end <= parent.chars().len() => {
                format!(
                    " title=\"{} → {}\"",
                    escape(&compact(&parent.slice(p.clone()))),
                    escape(&compact(&child.slice(span.range.clone())))
                )
            }
            _ => String::new(),
        };
        out.push_str(&format!(
            "<span class=\"{}\" data-span=\"{i}\"{title}>{}</span>",
            span.class.name(),
            checked_html(chars, checks, start..stop)
        ));
        at = stop;
    }
    if at < end {
        out.push_str(&checked_html(chars, checks, at..end));
    }
    out
}

/// Child text with the parts checks point at wrapped in `<mark class="check">` (titled with
/// the check's note), each check's start anchored as `k{n}`.
fn checked_html(chars: &[char], checks: &[Check], range: Range<usize>) -> String {
    let text = |r: Range<usize>| escape(&chars[r].iter().collect::<String>());
    let mut out = String::new();
    let mut at = range.start;
    for (n, check) in checks.iter().enumerate() {
        let (start, stop) = (check.range.start.max(at), check.range.end.min(range.end));
        if start >= stop {
            continue;
        }
        out.push_str(&text(at..start));
        if range.contains(&check.range.start) {
            out.push_str(&format!("<a id=\"k{n}\"></a>"));
        }
        out.push_str(&format!(
            "<mark class=\"check\" title=\"{}\">{}</mark>",
            escape(&check.note),
            text(start..stop)
        ));
        at = stop;
    }
    out.push_str(&text(at..range.end));
    out
}

/// One row of the side-by-side view: a parent section's own text, a child section's, or both.
struct Row {
    parent: Option<usize>,
    child: Option<usize>,
}

/// Rows in reading order of the child; parent sections come in just before the first child
/// section that draws on them (dropped and unmatched ones in between on rows of their own),
/// the rest at the end.
fn rows(parent: &Document, child: &Document, comparison: &Comparison) -> Vec<Row> {
    let pcount = parent.outline.sections.len();
    let mut shown = vec![false; pcount];
    let mut next_parent = 0;
    let mut rows = Vec::new();
    let best: Vec<(Option<usize>, bool)> = (0..child.outline.sections.len())
        .map(|cs| {
            let m = comparison.sections.iter().find(|m| m.section == cs);
            let ps = m
                .and_then(|m| m.parents.first())
                .map(|l| l.section)
                .filter(|&ps| ps < pcount);
            (ps, m.is_some_and(|m| m.moved))
        })
        .collect();
    for (cs, (best, moved)) in best.into_iter().enumerate() {
        let Some(ps) = best.filter(|&ps| !shown[ps]) else {
            rows.push(Row {
                parent: None,
                child: Some(cs),
            });
            continue;
        };
        // Parent sections before this one that nothing has shown yet come first, on rows of
        // their own. A moved section takes its source along without that, so the sections
        // around it stay level with theirs.
        while !moved && next_parent < ps {
            if !shown[next_parent] {
                rows.push(Row {
                    parent: Some(next_parent),
                    child: None,
                });
                shown[next_parent] = true;
            }
            next_parent += 1;
        }
        shown[ps] = true;
        rows.push(Row {
            parent: Some(ps),
            child: Some(cs),
        });
    }
    for (ps, done) in shown.iter().enumerate() {
        if !done {
            rows.push(Row {
                parent: Some(ps),
                child: None,
            });
        }
    }
    rows
}

/// The summary chart: one stacked bar for the child's classes, one for the parent's reuse.
fn chart(comparison: &Comparison) -> String {
    let s = comparison.summary;
    let width = 520.0;
    let mut svg = String::from(
        "<svg role=\"img\" aria-label=\"summary chart\" width=\"640\" height=\"78\" viewBox=\"0 0 640 78\">",
    );
    let mut x = 110.0;
    for (share, var, name) in [
        (s.inherited, "--inherited", "inherited"),
        (s.adapted, "--adapted", "adapted"),
        (s.added, "--added", "added"),
    ] {
        let w = share.clamp(0.0, 1.0) * width;
        let _ = write!(
            svg,
            "<rect class=\"bar-{name}\" x=\"{x:.1}\" y=\"8\" width=\"{w:.1}\" height=\"24\" style=\"fill:var({var})\"><title>{name} {}</title></rect>",
            percent(share)
        );
        x += w;
    }
    let reused = s.parent_reused.clamp(0.0, 1.0) * width;
    let _ = write!(
        svg,
        "<text x=\"0\" y=\"25\" style=\"fill:var(--text);font-size:13px\">子文件 child</text>\
         <text x=\"0\" y=\"63\" style=\"fill:var(--text);font-size:13px\">上级 parent</text>\
         <rect x=\"110\" y=\"46\" width=\"{width:.1}\" height=\"24\" style=\"fill:var(--dropped-row)\"/>\
         <rect class=\"bar-reused\" x=\"110\" y=\"46\" width=\"{reused:.1}\" height=\"24\" style=\"fill:var(--inherited)\"><title>reused {}</title></rect>\
         </svg>",
        percent(s.parent_reused)
    );
    svg
}

/// The whole report.
pub fn render(
    parent: &Document,
    child: &Document,
    comparison: &Comparison,
    extras: Extras,
) -> String {
    let mut out = String::new();
    let title = format!("{} ← {}", child.title, parent.title);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>\n{}{}</style>\n</head>\n<body>\n",
        escape(&title),
        palette_css(),
        STYLE
    );
    let _ = writeln!(
        out,
        "<h1>政策溯源对照 · Policy lineage report</h1>\n<p class=\"meta\">上级 Parent: <b>{}</b> ({}, {} characters)<br>下级 Child: <b>{}</b> ({}, {} characters)</p>",
        escape(&parent.title),
        escape(&parent.label()),
        parent.content_chars(),
        escape(&child.title),
        escape(&child.label()),
        child.content_chars()
    );
    if comparison.timed_out {
        out.push_str("<p class=\"meta\">The alignment reached its time limit; the rest is marked added.</p>\n");
    }

    // Summary figures and chart.
    let s = comparison.summary;
    out.push_str(
        "<h2 id=\"summary\">概况 Summary</h2>\n<table class=\"figures\" id=\"figures\">\n",
    );
    for (id, name, value, var) in [
        ("inherited", "继承 Inherited", s.inherited, "--inherited"),
        ("adapted", "改写 Adapted", s.adapted, "--adapted"),
        ("added", "新增 Added", s.added, "--added"),
        (
            "parent_reused",
            "上级被采用 Parent reused",
            s.parent_reused,
            "--dropped",
        ),
    ] {
        let _ = writeln!(
            out,
            "<tr><th><span class=\"sw\" style=\"background:var({var})\"></span>{name}</th><td class=\"num\" data-figure=\"{id}\">{}</td></tr>",
            percent(value)
        );
    }
    let _ = writeln!(
        out,
        "<tr><th>删去的上级章节 Dropped parent sections</th><td class=\"num\" data-figure=\"dropped\">{}</td></tr>\n</table>\n{}",
        comparison.dropped.len(),
        chart(comparison)
    );

    // Side by side.
    let checks = crate::checks::run(parent, child, comparison);
    let pmarks = parent_marks(parent, comparison);
    out.push_str("<h2 id=\"documents\">对照 Side by side</h2>\n<p class=\"legend\"><span><span class=\"sw inherited\" style=\"background:var(--inherited)\"></span>继承 inherited</span><span><span class=\"sw\" style=\"background:var(--adapted)\"></span>改写 adapted</span><span><span class=\"sw\" style=\"background:var(--added)\"></span>新增 added</span><span><span class=\"sw\" style=\"background:var(--dropped)\"></span>删去 dropped</span></p>\n");
    let _ = writeln!(
        out,
        "<table class=\"panes\">\n<tr><th>上级 {}</th><th>下级 {}</th></tr>",
        escape(&parent.label()),
        escape(&child.label())
    );
    // Text before the first section (title, front matter) on the first row.
    let p_first = parent
        .outline
        .sections
        .first()
        .map_or(parent.range.end, |s| s.range.start);
    let c_first = child
        .outline
        .sections
        .first()
        .map_or(child.range.end, |s| s.range.start);
    let _ = writeln!(
        out,
        "<tr><td class=\"p\">{}</td><td class=\"c\">{}</td></tr>",
        parent_html(parent, &pmarks, parent.range.start..p_first),
        child_html(
            parent,
            child,
            comparison,
            &checks,
            child.range.start..c_first
        )
    );
    for row in rows(parent, child, comparison) {
        let dropped = row.parent.is_some_and(|p| comparison.dropped.contains(&p));
        let p_cell = row.parent.map_or_else(String::new, |ps| {
            parent_html(parent, &pmarks, parent.outline.sections[ps].own.clone())
        });
        let c_cell = row.child.map_or_else(String::new, |cs| {
            let mut cell = String::new();
            if let Some(m) = comparison.sections.iter().find(|m| m.section == cs)
                && m.moved
            {
                cell.push_str("<span class=\"moved\">⇅ moved 调序</span> ");
            }
            if crate::review::corrections::is_manual(extras.corrections, cs) {
                cell.push_str("<span class=\"manual\">manual 人工</span> ");
            }
            cell.push_str(&child_html(
                parent,
                child,
                comparison,
                &checks,
                child.outline.sections[cs].own.clone(),
            ));
            if let Some(note) = extras.notes.iter().find(|n| n.section.index == cs) {
                cell.push_str(&note_html(note));
            }
            cell
        });
        let id = row
            .child
            .map_or_else(String::new, |cs| format!(" id=\"c{cs}\""));
        let class = if dropped { " class=\"droppedrow\"" } else { "" };
        let _ = writeln!(
            out,
            "<tr{id}{class}><td class=\"p\">{p_cell}</td><td class=\"c\">{c_cell}</td></tr>"
        );
    }
    out.push_str("</table>\n");

    // Section table.
    out.push_str("<h2 id=\"sections\">章节 Sections</h2>\n<table class=\"figures\" id=\"section-table\">\n<tr><th>下级章节 Child section</th><th>来源 Parent sections</th><th class=\"num\">继承</th><th class=\"num\">改写</th><th class=\"num\">新增</th><th></th><th>结论 Verdict</th></tr>\n");
    for m in &comparison.sections {
        let Some(section) = child.outline.sections.get(m.section) else {
            continue;
        };
        let indent = "\u{3000}".repeat(section.depth);
        let sources = if m.parents.is_empty() {
            "<span class=\"added\">(written locally 自拟)</span>".to_owned()
        } else {
            m.parents
                .iter()
                .filter_map(|l| {
                    let p = parent.outline.sections.get(l.section)?;
                    Some(format!(
                        "{} {:.2}",
                        escape(&compact(&parent.slice(p.heading.clone()))),
                        l.similarity
                    ))
                })
                .collect::<Vec<_>>()
                .join("<br>")
        };
        let mut flags = String::new();
        if m.moved {
            flags.push_str("<span class=\"moved\">moved</span> ");
        }
        if crate::review::corrections::is_manual(extras.corrections, m.section) {
            flags.push_str("<span class=\"manual\">manual</span>");
        }
        let verdict = extras
            .notes
            .iter()
            .find(|n| n.section.index == m.section)
            .and_then(|n| n.verdict)
            .map_or("", |v| v.name());
        let _ = writeln!(
            out,
            "<tr><td>{indent}<a href=\"#c{}\">{}</a></td><td>{sources}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td>{flags}</td><td>{verdict}</td></tr>",
            m.section,
            escape(&compact(&child.slice(section.heading.clone()))),
            percent(m.inherited),
            percent(m.adapted),
            percent(m.added)
        );
    }
    out.push_str("</table>\n");

    // Substitutions.
    out.push_str("<h2 id=\"substitutions\">替换 Substitutions</h2>\n");
    if comparison.substitutions.is_empty() {
        out.push_str("<p class=\"meta\">(none 无)</p>\n");
    } else {
        out.push_str("<table class=\"figures\" id=\"substitution-table\">\n<tr><th>上级 Parent</th><th>下级 Child</th><th class=\"num\">次数 Count</th></tr>\n");
        for sub in &comparison.substitutions {
            let _ = writeln!(
                out,
                "<tr><td><span class=\"replaced\">{}</span></td><td><span class=\"adapted\">{}</span></td><td class=\"num\">{}</td></tr>",
                escape(&sub.parent),
                escape(&sub.child),
                sub.count
            );
        }
        out.push_str("</table>\n");
    }

    out.push_str(&checks_html(&checks));

    // Notes.
    if !extras.notes.is_empty() || !extras.unattached.is_empty() {
        out.push_str("<h2 id=\"notes\">审阅意见 Reviewer notes</h2>\n");
        for note in extras.notes {
            let heading = child
                .outline
                .sections
                .get(note.section.index)
                .map_or_else(String::new, |s| compact(&child.slice(s.heading.clone())));
            let _ = writeln!(
                out,
                "<h3><a href=\"#c{}\">{}</a></h3>{}",
                note.section.index,
                escape(&heading),
                note_html(note)
            );
        }
        for note in extras.unattached {
            let _ = writeln!(
                out,
                "<h3>{} (section no longer found 章节已不存在)</h3>{}",
                escape(&note.section.heading),
                note_html(note)
            );
        }
    }
    out.push_str("</body>\n</html>\n");
    out
}

/// The checks: kind, the child's text (linked to its place), the parent's text or what the
/// child should say, the note; then the targets table.
fn checks_html(checks: &[Check]) -> String {
    let mut out = String::from("<h2 id=\"checks\">审阅提示 Checks</h2>\n");
    if checks.is_empty() {
        out.push_str("<p class=\"meta\">(none 无)</p>\n");
        return out;
    }
    out.push_str("<table class=\"figures\" id=\"check-table\">\n<tr><th>类别 Kind</th><th>下级原文 Child</th><th>上级原文 Parent</th><th>建议 Expected</th><th>说明 Note</th></tr>\n");
    for (n, check) in checks.iter().enumerate() {
        out.push_str(&format!(
            "<tr data-check=\"{}\"><td>{} {}</td><td><a href=\"#k{n}\">{}</a></td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
            check.kind.name(),
            check.kind.label_zh(),
            check.kind.name(),
            escape(&check.text),
            escape(check.parent_text.as_deref().unwrap_or("")),
            escape(check.expected.as_deref().unwrap_or("")),
            escape(&check.note)
        ));
    }
    out.push_str("</table>\n");
    let targets = crate::checks::targets(checks);
    if !targets.is_empty() {
        out.push_str("<h3>指标对照 Targets (parent → child)</h3>\n<table class=\"figures\" id=\"target-table\">\n<tr><th>上级 Parent</th><th>下级 Child</th></tr>\n");
        for t in targets {
            out.push_str(&format!(
                "<tr><td>{}</td><td>{}</td></tr>\n",
                escape(t.parent),
                escape(t.child)
            ));
        }
        out.push_str("</table>\n");
    }
    out
}

fn note_html(note: &Note) -> String {
    let verdict = note.verdict.map_or_else(String::new, |v| {
        format!("<span class=\"verdict\">{}</span> ", v.name())
    });
    format!("<div class=\"note\">{verdict}{}</div>", escape(&note.text))
}
