//! End-to-end on the real documents: Wuwei's plan against Gansu's, checked against the
//! hand-made answer in `tests/gold/wuwei-gansu-sections.json`.

use std::path::{Path, PathBuf};

use policy_lineage::compare::compare;
use policy_lineage::{Document, SpanClass};
use unicode_normalization::UnicodeNormalization;

fn corpus(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/corpus")
        .join(name)
}

fn open(name: &str) -> Document {
    Document::open(corpus(name).to_str().unwrap()).unwrap()
}

/// Headings compare as in the gold file: NFKC, all white space removed.
fn key(text: &str) -> String {
    text.nfkc().filter(|c| !c.is_whitespace()).collect()
}

fn gold() -> serde_json::Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/gold/wuwei-gansu-sections.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn strings(value: &serde_json::Value) -> Vec<String> {
    value
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn wuwei_sections_map_onto_gansu_as_hand_checked() {
    let gansu = open("gansu-2018-ai-plan.txt");
    let wuwei = open("wuwei-2018-ai-plan.txt");
    let comparison = compare(&gansu, &wuwei);
    let gold = gold();
    let expected = gold["sections"].as_array().unwrap();
    assert_eq!(
        comparison.sections.len(),
        expected.len(),
        "child sections: {:?}",
        comparison
            .sections
            .iter()
            .map(|m| key(&wuwei.slice(wuwei.outline.sections[m.section].heading.clone())))
            .collect::<Vec<_>>()
    );
    for (found, want) in comparison.sections.iter().zip(expected) {
        let child_heading =
            key(&wuwei.slice(wuwei.outline.sections[found.section].heading.clone()));
        let want_child = want["child"].as_str().unwrap();
        assert!(
            child_heading.starts_with(&key(want_child)),
            "{child_heading} should start with {want_child}"
        );
        let parents: Vec<String> = found
            .parents
            .iter()
            .map(|l| key(&gansu.slice(gansu.outline.sections[l.section].heading.clone())))
            .collect();
        let want_parents = strings(&want["parents"]);
        assert_eq!(
            parents.len(),
            want_parents.len(),
            "{child_heading}: found {parents:?}, want {want_parents:?}"
        );
        for want_parent in &want_parents {
            assert!(
                parents.iter().any(|p| p.starts_with(&key(want_parent))),
                "{child_heading}: found {parents:?}, want {want_parents:?}"
            );
        }
    }
    let dropped: Vec<String> = comparison
        .dropped
        .iter()
        .map(|&i| key(&gansu.slice(gansu.outline.sections[i].heading.clone())))
        .collect();
    let want_dropped = strings(&gold["dropped"]);
    assert_eq!(
        dropped.len(),
        want_dropped.len(),
        "dropped {dropped:?}, want {want_dropped:?}"
    );
    for (found, want) in dropped.iter().zip(&want_dropped) {
        assert!(
            found.starts_with(&key(want)),
            "dropped {dropped:?}, want {want_dropped:?}"
        );
    }
}

#[test]
fn wuwei_spans_cover_every_character_and_point_at_equal_text() {
    let gansu = open("gansu-2018-ai-plan.txt");
    let wuwei = open("wuwei-2018-ai-plan.txt");
    let comparison = compare(&gansu, &wuwei);
    let mut covered = vec![0u8; wuwei.chars().len()];
    let mut last_end = 0;
    for span in &comparison.spans {
        assert!(span.range.start >= last_end, "spans must be in order");
        last_end = span.range.end;
        for c in span.range.clone() {
            covered[c] += 1;
        }
        if span.class == SpanClass::Inherited {
            let parent = span.parent.clone().unwrap();
            let fold = |s: String| key(&s).replace('，', ",");
            assert_eq!(
                fold(wuwei.slice(span.range.clone())),
                fold(gansu.slice(parent)),
                "inherited text must equal its source"
            );
        }
    }
    for (i, &c) in wuwei.chars().iter().enumerate() {
        if !c.is_whitespace() {
            assert_eq!(
                covered[i], 1,
                "character {i} ({c}) covered {} times",
                covered[i]
            );
        }
    }
    let s = comparison.summary;
    assert!((s.inherited + s.adapted + s.added - 1.0).abs() < 1e-9);
    // Wuwei copies most of its text from Gansu and localises it.
    assert!(s.inherited > 0.5, "{s:?}");
    assert!(s.adapted > 0.01, "{s:?}");
    let subs: Vec<(&str, &str)> = comparison
        .substitutions
        .iter()
        .map(|x| (x.parent.as_str(), x.child.as_str()))
        .collect();
    assert_eq!(subs[0], ("省", "市"), "{subs:?}");
    assert!(subs.contains(&("省科技厅", "市科技局")), "{subs:?}");
    assert!(subs.contains(&("甘肃", "武威")), "{subs:?}");
}

#[test]
fn the_scraped_copy_of_gansu_is_the_same_parent() {
    // The listing holds Gansu's plan on one line with half-width punctuation: none of that is
    // a difference, so Wuwei takes the same sections from it.
    let listing = Document::open(&format!(
        "{}#2",
        corpus("provincial-policies-2018-scraped.txt").display()
    ))
    .unwrap();
    let gansu = open("gansu-2018-ai-plan.txt");
    let wuwei = open("wuwei-2018-ai-plan.txt");
    let from_file = compare(&gansu, &wuwei);
    let from_listing = compare(&listing, &wuwei);
    assert!((from_file.summary.inherited - from_listing.summary.inherited).abs() < 0.02);
    let headings = |doc: &Document, c: &policy_lineage::Comparison| -> Vec<Vec<String>> {
        c.sections
            .iter()
            .map(|m| {
                m.parents
                    .iter()
                    .map(|l| key(&doc.slice(doc.outline.sections[l.section].heading.clone())))
                    .collect()
            })
            .collect()
    };
    assert_eq!(
        headings(&gansu, &from_file),
        headings(&listing, &from_listing)
    );
}

#[test]
fn a_document_compared_with_itself_is_all_inherited() {
    let gansu = open("gansu-2018-ai-plan.txt");
    let comparison = compare(&gansu, &gansu);
    assert_eq!(comparison.summary.inherited, 1.0);
    assert!(comparison.dropped.is_empty());
    assert!(comparison.substitutions.is_empty());
}
