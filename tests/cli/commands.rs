//! The command line as a user runs it: the real binary, real files, exit codes and messages.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn corpus(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/corpus")
        .join(name)
}

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_policy-lineage"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn path(name: &str) -> String {
    corpus(name).display().to_string()
}

/// `compare PARENT CHILD --json`, which must succeed, parsed.
fn compare_json(parent: &str, child: &str) -> serde_json::Value {
    let out = run(&["compare", parent, child, "--json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn compare_json_follows_the_contract() {
    let json = compare_json(
        &path("gansu-2018-ai-plan.txt"),
        &path("wuwei-2018-ai-plan.txt"),
    );
    for field in [
        "parent",
        "child",
        "summary",
        "sections",
        "dropped",
        "spans",
        "substitutions",
    ] {
        assert!(json.get(field).is_some(), "missing {field}");
    }
    assert_eq!(json["parent"]["title"], "甘肃省新一代人工智能发展实施方案");
    assert_eq!(json["child"]["title"], "武威市新一代人工智能发展实施方案");
    let child_text = std::fs::read_to_string(corpus("wuwei-2018-ai-plan.txt")).unwrap();
    let child_chars: Vec<char> = child_text.chars().collect();
    assert_eq!(json["child"]["chars"], child_chars.len());
    let summary = &json["summary"];
    let sum: f64 = ["inherited", "adapted", "added"]
        .iter()
        .map(|k| summary[k].as_f64().unwrap())
        .sum();
    assert!((sum - 1.0).abs() < 1e-3);
    // Spans: in order, every non-white-space child character exactly once.
    let mut covered = vec![false; child_chars.len()];
    let mut last = 0;
    for span in json["spans"].as_array().unwrap() {
        assert_eq!(span["doc"], "child");
        let (start, end) = (
            span["start"].as_u64().unwrap() as usize,
            span["end"].as_u64().unwrap() as usize,
        );
        assert!(start >= last && start < end);
        last = end;
        let class = span["class"].as_str().unwrap();
        assert!(["inherited", "adapted", "added"].contains(&class));
        assert_eq!(span["parent_start"].is_null(), class == "added");
        covered[start..end].iter_mut().for_each(|c| *c = true);
    }
    assert!(
        child_chars
            .iter()
            .zip(&covered)
            .all(|(c, &cov)| cov || c.is_whitespace())
    );
    // Section headings are the text at their offsets.
    for section in json["sections"].as_array().unwrap() {
        let h = &section["child"];
        let (start, end) = (
            h["start"].as_u64().unwrap() as usize,
            h["end"].as_u64().unwrap() as usize,
        );
        let text: String = child_chars[start..end].iter().collect();
        assert_eq!(text, h["heading"].as_str().unwrap());
    }
    assert_eq!(json["substitutions"][0]["parent"], "省");
    assert_eq!(json["substitutions"][0]["child"], "市");
}

#[test]
fn compare_prints_a_readable_summary() {
    let out = run(&[
        "compare",
        &path("gansu-2018-ai-plan.txt"),
        &path("wuwei-2018-ai-plan.txt"),
    ]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("inherited"));
    assert!(text.contains("省 → 市"));
    assert!(text.contains("Dropped parent sections"));
    assert!(!text.contains('\x1b'), "no colour when not on a terminal");
}

#[test]
fn offsets_of_a_listing_entry_count_from_the_start_of_the_file() {
    let listing = format!("{}#2", path("provincial-policies-2018-scraped.txt"));
    let json = compare_json(&listing, &path("wuwei-2018-ai-plan.txt"));
    let text = std::fs::read_to_string(corpus("provincial-policies-2018-scraped.txt")).unwrap();
    let chars: Vec<char> = text.chars().collect();
    let first = json["sections"][0]["parents"][0].clone();
    let (start, end) = (
        first["start"].as_u64().unwrap() as usize,
        first["end"].as_u64().unwrap() as usize,
    );
    let heading: String = chars[start..end].iter().collect();
    assert_eq!(heading, first["heading"].as_str().unwrap());
    assert!(
        start > 1000,
        "Gansu's entry is not at the start of the listing"
    );
}

#[test]
fn split_lists_the_documents_of_a_listing() {
    let out = run(&["split", &path("provincial-policies-2018-scraped.txt")]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 10, "{text}");
    assert!(lines[1].trim_start().starts_with("2 "));
    assert!(lines[1].contains("甘肃省"));
    assert!(lines[6].contains("[no text]"));
    let out = run(&[
        "split",
        &path("provincial-policies-2018-scraped.txt"),
        "--json",
    ]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json.as_array().unwrap().len(), 10);
    assert_eq!(json[6]["has_text"], false);
    assert_eq!(json[1]["date"], "2018-08-06");
}

fn fails_with(args: &[&str], needle: &str) {
    let out = run(args);
    assert!(!out.status.success(), "{args:?} should fail");
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.trim_end().lines().count(), 1, "one line: {err}");
    assert!(err.contains(needle), "{err} should mention {needle}");
    assert!(!err.contains("panicked"));
}

#[test]
fn bad_input_gives_one_line_and_a_failure_code() {
    let dir = tempfile::tempdir().unwrap();
    let gansu = path("gansu-2018-ai-plan.txt");
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, b"").unwrap();
    let binary = dir.path().join("image.png");
    std::fs::write(
        &binary,
        [0x89u8, b'P', b'N', b'G', 0, 0, 0, 13, 0xff, 0xfe, 0],
    )
    .unwrap();
    let huge = dir.path().join("huge.txt");
    let file = std::fs::File::create(&huge).unwrap();
    file.set_len(100 * 1024 * 1024).unwrap();
    let bad_utf8 = dir.path().join("broken.txt");
    let mut bytes = "甘肃省人民政府".as_bytes().to_vec();
    bytes.extend_from_slice(&[0xff, 0xff, 0xff, 0xff, 0x80, 0x80]);
    std::fs::write(&bad_utf8, &bytes).unwrap();

    fails_with(&["compare", &gansu, "/no/such/file.txt"], "not found");
    fails_with(
        &["compare", &gansu, dir.path().to_str().unwrap()],
        "directory",
    );
    fails_with(&["compare", &gansu, empty.to_str().unwrap()], "empty");
    fails_with(&["compare", &gansu, binary.to_str().unwrap()], "binary");
    fails_with(&["compare", &gansu, huge.to_str().unwrap()], "too large");
    fails_with(&["compare", &gansu, bad_utf8.to_str().unwrap()], "decode");
    let listing = path("provincial-policies-2018-scraped.txt");
    fails_with(
        &["compare", &gansu, &format!("{listing}#99")],
        "does not exist",
    );
    fails_with(&["compare", &gansu, &format!("{listing}#7")], "no text");
    fails_with(&["compare", &gansu, &listing], "#N");
}
