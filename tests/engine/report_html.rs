//! The HTML and CSV reports, checked without a browser: self-contained, every span present
//! with its class, figures equal to the comparison's.

use policy_lineage::compare::compare;
use policy_lineage::report::html::{Extras, render};
use policy_lineage::review::corrections::SectionRef;
use policy_lineage::review::session::{Note, Verdict};
use policy_lineage::{Comparison, Document};

fn pair() -> (Document, Document, Comparison) {
    let parent = Document::open("tests/corpus/gansu-2018-ai-plan.txt").unwrap();
    let child = Document::open("tests/corpus/wuwei-2018-ai-plan.txt").unwrap();
    let comparison = compare(&parent, &child);
    (parent, child, comparison)
}

#[test]
fn html_report_is_self_contained() {
    let (parent, child, comparison) = pair();
    let html = render(&parent, &child, &comparison, Extras::default());
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.trim_end().ends_with("</html>"));
    for forbidden in ["http://", "https://", "src=", "<script", "@import", "url("] {
        assert!(!html.contains(forbidden), "report contains {forbidden}");
    }
}

#[test]
fn html_report_has_every_span_with_its_class() {
    let (parent, child, comparison) = pair();
    let html = render(&parent, &child, &comparison, Extras::default());
    for (i, span) in comparison.spans.iter().enumerate() {
        let tag = format!("class=\"{}\" data-span=\"{i}\"", span.class.name());
        assert!(html.contains(&tag), "span {i} ({:?}) missing", span.class);
    }
    // Both documents' text is there (a heading from each side).
    let p0 = &parent.outline.sections[1];
    assert!(html.contains(&parent.slice(p0.heading.clone())));
    assert!(html.contains("class=\"dropped\"") || comparison.dropped.is_empty());
}

#[test]
fn html_report_marks_no_white_space_at_a_spans_ends() {
    let (parent, child, comparison) = pair();
    let html = render(&parent, &child, &comparison, Extras::default());
    // Gansu's title is followed by a line break and an ideographic indent, once drawn as an
    // empty box.
    let mut marked = 0;
    for piece in html.split("<span class=\"").skip(1) {
        let Some((class, rest)) = piece.split_once("\">") else {
            continue;
        };
        if !["reused", "replaced", "dropped"].contains(&class) {
            continue;
        }
        let text = rest.split("</span>").next().unwrap_or_default();
        marked += 1;
        assert!(!text.is_empty(), "an empty {class} span");
        assert_eq!(
            text.trim(),
            text,
            "{class} span {text:?} has white space at an end"
        );
    }
    assert!(marked > 50, "{marked} parent spans");

    // The child's spans too: Wuwei's "单位:" ends a line with a space, once a coloured tail.
    let mut child_spans = 0;
    for piece in html.split("<span class=\"").skip(1) {
        let Some((class, rest)) = piece.split_once('"') else {
            continue;
        };
        if !["inherited", "adapted", "added"].contains(&class) || !rest.starts_with(" data-span") {
            continue;
        }
        let inner = rest.split_once('>').map_or("", |(_, inner)| inner);
        let inner = inner.split("</span>").next().unwrap_or_default();
        let text = without_tags(inner);
        child_spans += 1;
        assert!(!text.is_empty(), "an empty {class} span");
        assert_eq!(
            text.trim(),
            text,
            "{class} span {text:?} has white space at an end"
        );
    }
    assert!(child_spans > 50, "{child_spans} child spans");
}

/// Text of an HTML fragment with its tags left out.
fn without_tags(html: &str) -> String {
    let mut text = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    text
}

#[test]
fn html_report_figures_match_the_comparison() {
    let (parent, child, comparison) = pair();
    let html = render(&parent, &child, &comparison, Extras::default());
    let s = comparison.summary;
    for (id, value) in [
        ("inherited", s.inherited),
        ("adapted", s.adapted),
        ("added", s.added),
        ("parent_reused", s.parent_reused),
    ] {
        let cell = format!("data-figure=\"{id}\">{:.1}%<", value * 100.0);
        assert!(html.contains(&cell), "{cell}");
    }
    assert!(html.contains(&format!(
        "data-figure=\"dropped\">{}<",
        comparison.dropped.len()
    )));
    assert!(html.contains("<svg"));
    // One section-table row per child section, one substitution row per substitution.
    let table = html.split("id=\"section-table\"").nth(1).unwrap();
    let table = table.split("</table>").next().unwrap();
    assert_eq!(table.matches("<tr>").count(), comparison.sections.len() + 1);
    for sub in &comparison.substitutions {
        assert!(html.contains(&format!("<span class=\"adapted\">{}</span>", sub.child)));
    }
}

#[test]
fn html_report_shows_notes_escaped() {
    let (parent, child, comparison) = pair();
    let notes = [Note {
        section: SectionRef::of(&child, 3),
        verdict: Some(Verdict::Adapted),
        text: "目标下调 <b>2020</b> & more".into(),
    }];
    let html = render(
        &parent,
        &child,
        &comparison,
        Extras {
            notes: &notes,
            ..Extras::default()
        },
    );
    assert!(html.contains("目标下调 &lt;b&gt;2020&lt;/b&gt; &amp; more"));
    assert!(html.contains("<span class=\"verdict\">adapted</span>"));
    assert!(html.contains("id=\"notes\""));
}

#[test]
fn csv_has_one_row_per_section_and_quotes_fields() {
    let (parent, child, comparison) = pair();
    let notes = [Note {
        section: SectionRef::of(&child, 0),
        verdict: Some(Verdict::Copied),
        text: "a, \"quoted\"\nnote".into(),
    }];
    let csv = policy_lineage::report::csv::render(&parent, &child, &comparison, &notes, &[]);
    assert!(csv.starts_with("\u{feff}section,"));
    assert!(csv.contains("copied,\"a, \"\"quoted\"\"\nnote\""));
    // Records end in CRLF; the note's own line break is inside quotes.
    assert_eq!(csv.matches("\r\n").count(), comparison.sections.len() + 1);
}

#[test]
fn command_line_writes_reports_atomically() {
    let dir = tempfile::tempdir().unwrap();
    let (html, csv, json) = (
        dir.path().join("r.html"),
        dir.path().join("r.csv"),
        dir.path().join("r.json"),
    );
    std::fs::write(&html, "old").unwrap();
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_policy-lineage"))
        .args([
            "compare",
            "tests/corpus/gansu-2018-ai-plan.txt",
            "tests/corpus/wuwei-2018-ai-plan.txt",
            "--html",
        ])
        .arg(&html)
        .arg("--csv")
        .arg(&csv)
        .arg("--json-out")
        .arg(&json)
        .output()
        .unwrap();
    assert!(status.status.success(), "{status:?}");
    assert!(status.stdout.is_empty());
    assert!(std::fs::read_to_string(&html).unwrap().contains("<svg"));
    assert!(std::fs::read_to_string(&csv).unwrap().contains("总体目标"));
    let value: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    assert!(value["spans"].as_array().is_some_and(|s| !s.is_empty()));
    // Only the three reports: no temporary files left behind.
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 3);

    // An unwritable destination is one line on standard error, exit code 1.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_policy-lineage"))
        .args([
            "compare",
            "tests/corpus/gansu-2018-ai-plan.txt",
            "tests/corpus/wuwei-2018-ai-plan.txt",
            "--html",
        ])
        .arg(dir.path().join("missing/r.html"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(String::from_utf8_lossy(&out.stderr).lines().count(), 1);
}

/// Opens the report in headless Chromium and checks the screenshot has the highlight colours.
/// Skips when no `chromium` is installed (Debian/Ubuntu package: `chromium`).
#[test]
fn html_report_renders_in_headless_chromium() {
    let Some(browser) = ["chromium", "chromium-browser"].into_iter().find(|b| {
        std::process::Command::new(b)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
    }) else {
        eprintln!("skipped: no chromium installed");
        return;
    };
    let (parent, child, comparison) = pair();
    let dir = tempfile::tempdir().unwrap();
    let html = dir.path().join("r.html");
    std::fs::write(
        &html,
        render(&parent, &child, &comparison, Extras::default()),
    )
    .unwrap();
    let shot = dir.path().join("r.png");
    let profile = dir.path().join("profile");
    let out = std::process::Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
            "--window-size=1400,2400",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("--screenshot={}", shot.display()))
        .arg(format!("file://{}", html.display()))
        .output()
        .unwrap();
    assert!(shot.exists(), "no screenshot: {out:?}");
    let png = std::fs::read(&shot).unwrap();
    let image = image::load_from_memory(&png).unwrap().to_rgb8();
    // The light palette's inherited and added backgrounds both appear.
    let has = |rgb: [u8; 3]| image.pixels().any(|p| p.0 == rgb);
    assert!(has([0xdc, 0xee, 0xf9]), "no inherited highlight");
    assert!(has([0xf0, 0xcc, 0xe0]), "no added highlight");
}
