//! The HTML report: one self-contained file (no scripts, fonts or images from anywhere; the
//! chart is inline SVG) that opens offline in any browser. The two documents side by side,
//! matched sections on the same row, coloured as in the viewer (`report::palette`); the summary
//! figures and a chart; the section table; the substitutions; the checks (marked in the child's
//! text too); the reviewer's notes.

use std::fmt::{self, Display, Formatter, Write};
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

/// Text escaped for HTML, written straight into the report.
struct Escaped<'a>(&'a str);

/// Characters escaped for HTML.
struct EscapedChars<'a>(&'a [char]);

fn write_escaped(f: &mut Formatter, chars: impl Iterator<Item = char>) -> fmt::Result {
    for c in chars {
        match c {
            '&' => f.write_str("&amp;")?,
            '<' => f.write_str("&lt;")?,
            '>' => f.write_str("&gt;")?,
            '"' => f.write_str("&quot;")?,
            '\'' => f.write_str("&#39;")?,
            _ => f.write_char(c)?,
        }
    }
    Ok(())
}

impl Display for Escaped<'_> {
    fn fmt(&self, f: &mut Formatter) -> fmt::Result {
        write_escaped(f, self.0.chars())
    }
}

impl Display for EscapedChars<'_> {
    fn fmt(&self, f: &mut Formatter) -> fmt::Result {
        write_escaped(f, self.0.iter().copied())
    }
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

/// The whole report.
pub fn render(
    parent: &Document,
    child: &Document,
    comparison: &Comparison,
    extras: Extras,
) -> String {
    Report {
        parent,
        child,
        comparison,
        extras,
        checks: crate::checks::run(parent, child, comparison),
        parent_marks: parent_marks(parent, comparison),
    }
    .to_string()
}

/// A report being written: its parts in order, each straight into the output.
struct Report<'a> {
    parent: &'a Document,
    child: &'a Document,
    comparison: &'a Comparison,
    extras: Extras<'a>,
    checks: Vec<Check>,
    parent_marks: Vec<&'static str>,
}

impl Display for Report<'_> {
    fn fmt(&self, f: &mut Formatter) -> fmt::Result {
        self.head(f)?;
        self.summary(f)?;
        self.side_by_side(f)?;
        self.section_table(f)?;
        self.substitutions(f)?;
        self.checks(f)?;
        self.notes(f)?;
        f.write_str("</body>\n</html>\n")
    }
}

impl Report<'_> {
    fn head(&self, f: &mut Formatter) -> fmt::Result {
        let (parent, child) = (self.parent, self.child);
        let title = format!("{} ← {}", child.title, parent.title);
        write!(
            f,
            "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>\n{}{}</style>\n</head>\n<body>\n",
            Escaped(&title),
            palette_css(),
            STYLE
        )?;
        writeln!(
            f,
            "<h1>政策溯源对照 · Policy lineage report</h1>\n<p class=\"meta\">上级 Parent: <b>{}</b> ({}, {} characters)<br>下级 Child: <b>{}</b> ({}, {} characters)</p>",
            Escaped(&parent.title),
            Escaped(&parent.label()),
            parent.content_chars(),
            Escaped(&child.title),
            Escaped(&child.label()),
            child.content_chars()
        )?;
        if self.comparison.timed_out {
            f.write_str("<p class=\"meta\">The alignment reached its time limit; the rest is marked added.</p>\n")?;
        }
        Ok(())
    }

    /// The summary figures and chart.
    fn summary(&self, f: &mut Formatter) -> fmt::Result {
        let s = self.comparison.summary;
        f.write_str(
            "<h2 id=\"summary\">概况 Summary</h2>\n<table class=\"figures\" id=\"figures\">\n",
        )?;
        for (id, name, value, var) in [
            ("inherited", "继承 Inherited", s.inherited, "--inherited"),
            ("adapted", "改写 Adapted", s.adapted, "--adapted"),
            ("added", "新增 Added", s.added, "--added"),
            (
                "parent_reused",
                "上级被继承 Parent reused",
                s.parent_reused,
                "--dropped",
            ),
        ] {
            writeln!(
                f,
                "<tr><th><span class=\"sw\" style=\"background:var({var})\"></span>{name}</th><td class=\"num\" data-figure=\"{id}\">{}</td></tr>",
                percent(value)
            )?;
        }
        writeln!(
            f,
            "<tr><th>删去的上级章节 Dropped parent sections</th><td class=\"num\" data-figure=\"dropped\">{}</td></tr>\n</table>",
            self.comparison.dropped.len(),
        )?;
        self.chart(f)?;
        f.write_str("\n")
    }

    /// One stacked bar for the child's classes, one for the parent's reuse.
    fn chart(&self, f: &mut Formatter) -> fmt::Result {
        let s = self.comparison.summary;
        let width = 520.0;
        f.write_str(
            "<svg role=\"img\" aria-label=\"summary chart\" width=\"640\" height=\"78\" viewBox=\"0 0 640 78\">",
        )?;
        let mut x = 110.0;
        for (share, var, name) in [
            (s.inherited, "--inherited", "inherited"),
            (s.adapted, "--adapted", "adapted"),
            (s.added, "--added", "added"),
        ] {
            let w = share.clamp(0.0, 1.0) * width;
            write!(
                f,
                "<rect class=\"bar-{name}\" x=\"{x:.1}\" y=\"8\" width=\"{w:.1}\" height=\"24\" style=\"fill:var({var})\"><title>{name} {}</title></rect>",
                percent(share)
            )?;
            x += w;
        }
        let reused = s.parent_reused.clamp(0.0, 1.0) * width;
        write!(
            f,
            "<text x=\"0\" y=\"25\" style=\"fill:var(--text);font-size:13px\">子文件 child</text>\
             <text x=\"0\" y=\"63\" style=\"fill:var(--text);font-size:13px\">上级 parent</text>\
             <rect x=\"110\" y=\"46\" width=\"{width:.1}\" height=\"24\" style=\"fill:var(--dropped-row)\"/>\
             <rect class=\"bar-reused\" x=\"110\" y=\"46\" width=\"{reused:.1}\" height=\"24\" style=\"fill:var(--inherited)\"><title>reused {}</title></rect>\
             </svg>",
            percent(s.parent_reused)
        )
    }

    /// Both documents, matched sections on the same row.
    fn side_by_side(&self, f: &mut Formatter) -> fmt::Result {
        let (parent, child, comparison) = (self.parent, self.child, self.comparison);
        f.write_str("<h2 id=\"documents\">对照 Side by side</h2>\n<p class=\"legend\"><span><span class=\"sw inherited\" style=\"background:var(--inherited)\"></span>继承 inherited</span><span><span class=\"sw\" style=\"background:var(--adapted)\"></span>改写 adapted</span><span><span class=\"sw\" style=\"background:var(--added)\"></span>新增 added</span><span><span class=\"sw\" style=\"background:var(--dropped)\"></span>删去 dropped</span></p>\n")?;
        writeln!(
            f,
            "<table class=\"panes\">\n<tr><th>上级 {}</th><th>下级 {}</th></tr>",
            Escaped(&parent.label()),
            Escaped(&child.label())
        )?;
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
        f.write_str("<tr><td class=\"p\">")?;
        self.parent_text(f, parent.range.start..p_first)?;
        f.write_str("</td><td class=\"c\">")?;
        self.child_text(f, child.range.start..c_first)?;
        f.write_str("</td></tr>\n")?;
        for row in rows(parent, child, comparison) {
            let dropped = row.parent.is_some_and(|p| comparison.dropped.contains(&p));
            if let Some(cs) = row.child {
                write!(f, "<tr id=\"c{cs}\"")?;
            } else {
                f.write_str("<tr")?;
            }
            if dropped {
                f.write_str(" class=\"droppedrow\"")?;
            }
            f.write_str("><td class=\"p\">")?;
            if let Some(ps) = row.parent {
                self.parent_text(f, parent.outline.sections[ps].own.clone())?;
            }
            f.write_str("</td><td class=\"c\">")?;
            if let Some(cs) = row.child {
                self.child_cell(f, cs)?;
            }
            f.write_str("</td></tr>\n")?;
        }
        f.write_str("</table>\n")
    }

    /// A child section's cell: its flags, its text, its note.
    fn child_cell(&self, f: &mut Formatter, cs: usize) -> fmt::Result {
        if let Some(m) = self.comparison.sections.iter().find(|m| m.section == cs)
            && m.moved
        {
            f.write_str("<span class=\"moved\">⇅ moved 调序</span> ")?;
        }
        if crate::review::corrections::is_manual(self.extras.corrections, cs) {
            f.write_str("<span class=\"manual\">manual 人工</span> ")?;
        }
        self.child_text(f, self.child.outline.sections[cs].own.clone())?;
        if let Some(note) = self.extras.notes.iter().find(|n| n.section.index == cs) {
            write_note(f, note)?;
        }
        Ok(())
    }

    /// Parent text, runs of one mark wrapped in a `<span>`.
    fn parent_text(&self, f: &mut Formatter, range: Range<usize>) -> fmt::Result {
        let chars = self.parent.chars();
        let marks = &self.parent_marks;
        let end = range.end.min(chars.len());
        let mut at = range.start.min(end);
        while at < end {
            let mark = marks[at];
            let run_end = (at..end).find(|&i| marks[i] != mark).unwrap_or(end);
            let run = &chars[at..run_end];
            if mark.is_empty() {
                write!(f, "{}", EscapedChars(run))?;
            } else {
                // White space at a run's ends stays outside its span: a line break and an
                // indent inside it would show as an empty coloured box.
                let lead = run.iter().take_while(|c| c.is_whitespace()).count();
                let trail = run[lead..]
                    .iter()
                    .rev()
                    .take_while(|c| c.is_whitespace())
                    .count();
                let core = &run[lead..run.len() - trail];
                write!(f, "{}", EscapedChars(&run[..lead]))?;
                if !core.is_empty() {
                    write!(f, "<span class=\"{mark}\">{}</span>", EscapedChars(core))?;
                }
                write!(f, "{}", EscapedChars(&run[run.len() - trail..]))?;
            }
            at = run_end;
        }
        Ok(())
    }

    /// Child text, each span (or its part inside `range`) a `<span>` with its class and index;
    /// adapted spans say what they replaced; text a check points at is marked `check`, with an
    /// anchor `k{n}` where check `n` starts.
    fn child_text(&self, f: &mut Formatter, range: Range<usize>) -> fmt::Result {
        let (parent, child, comparison) = (self.parent, self.child, self.comparison);
        let end = range.end.min(child.chars().len());
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
            // As in the parent's text, white space at a span's ends stays outside it: a
            // space before a line break would show as a coloured tail.
            let chars = child.chars();
            let lead = chars[start..stop]
                .iter()
                .take_while(|c| c.is_whitespace())
                .count();
            let trail = chars[start + lead..stop]
                .iter()
                .rev()
                .take_while(|c| c.is_whitespace())
                .count();
            let (start, stop) = (start + lead, stop - trail);
            if start == stop {
                continue;
            }
            if at < start {
                self.checked_text(f, at..start)?;
            }
            write!(f, "<span class=\"{}\" data-span=\"{i}\"", span.class.name())?;
            if let Some(p) = &span.parent
                && span.class == SpanClass::Adapted
                && p.end <= parent.chars().len()
            {
                write!(
                    f,
                    " title=\"{} → {}\"",
                    Escaped(&compact(&parent.slice(p.clone()))),
                    Escaped(&compact(&child.slice(span.range.clone())))
                )?;
            }
            f.write_str(">")?;
            self.checked_text(f, start..stop)?;
            f.write_str("</span>")?;
            at = stop;
        }
        if at < end {
            self.checked_text(f, at..end)?;
        }
        Ok(())
    }

    /// Child text with the parts checks point at wrapped in `<mark class="check">` (titled with
    /// the check's note), each check's start anchored as `k{n}`.
    fn checked_text(&self, f: &mut Formatter, range: Range<usize>) -> fmt::Result {
        let chars = self.child.chars();
        let mut at = range.start;
        for (n, check) in self.checks.iter().enumerate() {
            let (start, stop) = (check.range.start.max(at), check.range.end.min(range.end));
            if start >= stop {
                continue;
            }
            write!(f, "{}", EscapedChars(&chars[at..start]))?;
            if range.contains(&check.range.start) {
                write!(f, "<a id=\"k{n}\"></a>")?;
            }
            write!(
                f,
                "<mark class=\"check\" title=\"{}\">{}</mark>",
                Escaped(&check.note),
                EscapedChars(&chars[start..stop])
            )?;
            at = stop;
        }
        write!(f, "{}", EscapedChars(&chars[at..range.end]))
    }

    /// Each child section: its sources with similarity, its figures, flags and verdict.
    fn section_table(&self, f: &mut Formatter) -> fmt::Result {
        let (parent, child) = (self.parent, self.child);
        f.write_str("<h2 id=\"sections\">章节 Sections</h2>\n<table class=\"figures\" id=\"section-table\">\n<tr><th>下级章节 Child section</th><th>来源 Parent sections</th><th class=\"num\">继承</th><th class=\"num\">改写</th><th class=\"num\">新增</th><th></th><th>结论 Verdict</th></tr>\n")?;
        for m in &self.comparison.sections {
            let Some(section) = child.outline.sections.get(m.section) else {
                continue;
            };
            let indent = "\u{3000}".repeat(section.depth);
            write!(
                f,
                "<tr><td>{indent}<a href=\"#c{}\">{}</a></td><td>",
                m.section,
                Escaped(&compact(&child.slice(section.heading.clone())))
            )?;
            if m.parents.is_empty() {
                f.write_str("<span class=\"added\">(written locally 自拟)</span>")?;
            }
            let sources = m
                .parents
                .iter()
                .filter_map(|l| Some((parent.outline.sections.get(l.section)?, l.similarity)));
            for (n, (p, similarity)) in sources.enumerate() {
                if n > 0 {
                    f.write_str("<br>")?;
                }
                write!(
                    f,
                    "{} {similarity:.2}",
                    Escaped(&compact(&parent.slice(p.heading.clone())))
                )?;
            }
            write!(
                f,
                "</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td>",
                percent(m.inherited),
                percent(m.adapted),
                percent(m.added)
            )?;
            if m.moved {
                f.write_str("<span class=\"moved\">moved</span> ")?;
            }
            if crate::review::corrections::is_manual(self.extras.corrections, m.section) {
                f.write_str("<span class=\"manual\">manual</span>")?;
            }
            let verdict = self
                .extras
                .notes
                .iter()
                .find(|n| n.section.index == m.section)
                .and_then(|n| n.verdict)
                .map_or("", |v| v.name());
            writeln!(f, "</td><td>{verdict}</td></tr>")?;
        }
        f.write_str("</table>\n")
    }

    fn substitutions(&self, f: &mut Formatter) -> fmt::Result {
        f.write_str("<h2 id=\"substitutions\">替换 Substitutions</h2>\n")?;
        if self.comparison.substitutions.is_empty() {
            return f.write_str("<p class=\"meta\">(none 无)</p>\n");
        }
        f.write_str("<table class=\"figures\" id=\"substitution-table\">\n<tr><th>上级 Parent</th><th>下级 Child</th><th class=\"num\">次数 Count</th></tr>\n")?;
        for sub in &self.comparison.substitutions {
            writeln!(
                f,
                "<tr><td><span class=\"replaced\">{}</span></td><td><span class=\"adapted\">{}</span></td><td class=\"num\">{}</td></tr>",
                Escaped(&sub.parent),
                Escaped(&sub.child),
                sub.count
            )?;
        }
        f.write_str("</table>\n")
    }

    /// The checks: kind, the child's text (linked to its place), the parent's text or what the
    /// child should say, the note; then the targets table.
    fn checks(&self, f: &mut Formatter) -> fmt::Result {
        f.write_str("<h2 id=\"checks\">审阅提示 Checks</h2>\n")?;
        if self.checks.is_empty() {
            return f.write_str("<p class=\"meta\">(none 无)</p>\n");
        }
        f.write_str("<table class=\"figures\" id=\"check-table\">\n<tr><th>类别 Kind</th><th>下级原文 Child</th><th>上级原文 Parent</th><th>建议 Expected</th><th>说明 Note</th></tr>\n")?;
        for (n, check) in self.checks.iter().enumerate() {
            writeln!(
                f,
                "<tr data-check=\"{}\"><td>{} {}</td><td><a href=\"#k{n}\">{}</a></td><td>{}</td><td>{}</td><td>{}</td></tr>",
                check.kind.name(),
                check.kind.label_zh(),
                check.kind.name(),
                Escaped(&check.text),
                Escaped(check.parent_text.as_deref().unwrap_or("")),
                Escaped(check.expected.as_deref().unwrap_or("")),
                Escaped(&check.note)
            )?;
        }
        f.write_str("</table>\n")?;
        let targets = crate::checks::targets(&self.checks);
        if targets.is_empty() {
            return Ok(());
        }
        f.write_str("<h3>指标对照 Targets (parent → child)</h3>\n<table class=\"figures\" id=\"target-table\">\n<tr><th>上级 Parent</th><th>下级 Child</th></tr>\n")?;
        for t in targets {
            writeln!(
                f,
                "<tr><td>{}</td><td>{}</td></tr>",
                Escaped(t.parent),
                Escaped(t.child)
            )?;
        }
        f.write_str("</table>\n")
    }

    /// The reviewer's notes, each under its section's heading; notes whose section is gone last.
    fn notes(&self, f: &mut Formatter) -> fmt::Result {
        let extras = self.extras;
        if extras.notes.is_empty() && extras.unattached.is_empty() {
            return Ok(());
        }
        f.write_str("<h2 id=\"notes\">审阅意见 Reviewer notes</h2>\n")?;
        for note in extras.notes {
            let heading = self
                .child
                .outline
                .sections
                .get(note.section.index)
                .map_or_else(String::new, |s| {
                    compact(&self.child.slice(s.heading.clone()))
                });
            write!(
                f,
                "<h3><a href=\"#c{}\">{}</a></h3>",
                note.section.index,
                Escaped(&heading)
            )?;
            write_note(f, note)?;
            f.write_str("\n")?;
        }
        for note in extras.unattached {
            write!(
                f,
                "<h3>{} (section no longer found 章节已不存在)</h3>",
                Escaped(&note.section.heading)
            )?;
            write_note(f, note)?;
            f.write_str("\n")?;
        }
        Ok(())
    }
}

fn write_note(f: &mut Formatter, note: &Note) -> fmt::Result {
    f.write_str("<div class=\"note\">")?;
    if let Some(v) = note.verdict {
        write!(f, "<span class=\"verdict\">{}</span> ", v.name())?;
    }
    write!(f, "{}</div>", Escaped(&note.text))
}
