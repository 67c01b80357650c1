//! `policy-lineage trace`: the table, the JSON contract and bad input.

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

#[test]
fn trace_json_follows_the_contract() {
    let out = run(&[
        "trace",
        &path("wuwei-2018-ai-plan.txt"),
        &path("gansu-2018-ai-plan.txt"),
        &format!("{}#3", path("provincial-policies-2018-scraped.txt")),
        &path("changchun-2021-ai-opinions.txt"),
        "--json",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    for field in ["document", "sources", "spans", "citations", "summary"] {
        assert!(json.get(field).is_some(), "missing {field}");
    }
    let document = &json["document"];
    assert_eq!(document["title"], "武威市新一代人工智能发展实施方案");
    assert_eq!(document["number"], "武政办发〔2018〕250号");
    assert_eq!(document["date"], "2018-12-20");
    assert_eq!(document["level"], "city");
    assert_eq!(document["issuer"], "武威市人民政府办公室");
    let gansu = &json["sources"][0];
    assert_eq!(gansu["title"], "甘肃省新一代人工智能发展实施方案");
    assert_eq!(gansu["level"], "province");
    assert_eq!(gansu["date"], "2018-08-01");
    assert_eq!(gansu["cited"], true);
    for key in ["path", "issuer", "number", "share", "distinctive_share"] {
        assert!(gansu.get(key).is_some(), "missing sources[0].{key}");
    }
    let citation = json["citations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["number"] == "甘政办发〔2018〕151号")
        .expect("Gansu's plan cited by number");
    assert_eq!(citation["source"], 0);

    // Spans cover the non-white-space characters once, in order, with the fields the
    // contract names.
    let text: Vec<char> = std::fs::read_to_string(corpus("wuwei-2018-ai-plan.txt"))
        .unwrap()
        .chars()
        .collect();
    let mut at = 0;
    for span in json["spans"].as_array().unwrap() {
        let (start, end) = (
            span["start"].as_u64().unwrap() as usize,
            span["end"].as_u64().unwrap() as usize,
        );
        assert!(text[at..start].iter().all(|c| c.is_whitespace()));
        at = end;
        let class = span["class"].as_str().unwrap();
        if class == "added" {
            assert!(span["source"].is_null());
        } else {
            for key in ["source_start", "source_end", "also", "evidence"] {
                assert!(span.get(key).is_some(), "missing {key} in {span}");
            }
            let evidence = span["evidence"].as_str().unwrap();
            assert!(["distinctive", "shared", "boilerplate"].contains(&evidence));
        }
    }
    assert!(text[at..].iter().all(|c| c.is_whitespace()));
    let summary = &json["summary"];
    let sum: f64 = ["inherited", "adapted", "added"]
        .iter()
        .map(|k| summary[k].as_f64().unwrap())
        .sum();
    assert!((sum - 1.0).abs() < 1e-3, "{sum}");
}

#[test]
fn trace_table_lists_sources_and_passages() {
    let out = run(&[
        "trace",
        &path("wuwei-2018-ai-plan.txt"),
        &path("gansu-2018-ai-plan.txt"),
        &path("changchun-2021-ai-opinions.txt"),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let first = text
        .lines()
        .find(|l| l.trim_start().starts_with("1 "))
        .expect("a first source row");
    assert!(
        first.contains("gansu-2018-ai-plan.txt") && first.contains("yes"),
        "{text}"
    );
    assert!(
        first.contains("province") && first.contains("2018-08-01"),
        "{text}"
    );
    assert!(
        text.contains("passages from #1 gansu-2018-ai-plan.txt"),
        "{text}"
    );
}

#[test]
fn trace_refuses_missing_sources() {
    let out = run(&[
        "trace",
        &path("wuwei-2018-ai-plan.txt"),
        "/no/such/file.txt",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("/no/such/file.txt"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
}

/// A folder is traced through its index in the data folder, which the next trace reads
/// without loading it; naming that saved index traces the same; two corpora are refused.
#[test]
fn trace_reads_a_saved_corpus_index_as_it_reads_the_folder() {
    let data = tempfile::tempdir().unwrap();
    let trace = |source: &Path| {
        let out = Command::new(env!("CARGO_BIN_EXE_policy-lineage"))
            .env("POLICY_LINEAGE_DATA_DIR", data.path())
            .args(["trace", &path("wuwei-2018-ai-plan.txt")])
            .arg(source)
            .arg("--json")
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap()
    };
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let first = trace(&folder);
    assert_eq!(
        first["sources"][0]["title"],
        "甘肃省新一代人工智能发展实施方案"
    );
    let boilerplate = first["summary"]["boilerplate"].as_f64().unwrap();
    assert!(boilerplate > 0.0, "stock wording counted in the corpus");
    assert_eq!(
        trace(&folder),
        first,
        "the saved lists count as the corpus did"
    );
    let indexes: Vec<PathBuf> = std::fs::read_dir(data.path().join("indexes"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "sqlite"))
        .collect();
    assert_eq!(indexes.len(), 1, "{indexes:?}");
    assert_eq!(trace(&indexes[0]), first);

    let out = Command::new(env!("CARGO_BIN_EXE_policy-lineage"))
        .env("POLICY_LINEAGE_DATA_DIR", data.path())
        .args(["trace", &path("wuwei-2018-ai-plan.txt")])
        .arg(&folder)
        .arg(&indexes[0])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("several corpora named"), "{stderr}");
}

#[test]
fn trace_table_says_why_a_source_named_is_left_out() {
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("wuwei-copy.txt");
    std::fs::copy(corpus("wuwei-2018-ai-plan.txt"), &copy).unwrap();
    let out = run(&[
        "trace",
        &path("wuwei-2018-ai-plan.txt"),
        &copy.display().to_string(),
        &path("gansu-2018-ai-plan.txt"),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let line = text
        .lines()
        .find(|l| l.contains("left out: wuwei-copy.txt"))
        .unwrap_or_else(|| panic!("{text}"));
    assert!(line.contains("the document itself"), "{line}");
    assert!(
        text.contains("passages from #1 gansu-2018-ai-plan.txt"),
        "{text}"
    );
}

#[test]
fn trace_table_says_a_source_holding_only_text_nearer_elsewhere_is_nearest_for_nothing() {
    // The first half of Gansu's plan on its own: Wuwei holds it, but it follows the cited
    // whole plan there.
    let dir = tempfile::tempdir().unwrap();
    let part = dir.path().join("gansu-part.txt");
    let gansu = std::fs::read_to_string(corpus("gansu-2018-ai-plan.txt")).unwrap();
    let lines: Vec<&str> = gansu.lines().collect();
    std::fs::write(&part, lines[..lines.len() / 2].join("\n")).unwrap();
    let out = run(&[
        "trace",
        &path("wuwei-2018-ai-plan.txt"),
        &path("gansu-2018-ai-plan.txt"),
        &part.display().to_string(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let line = text
        .lines()
        .find(|l| l.contains("left out: gansu-part.txt"))
        .unwrap_or_else(|| panic!("{text}"));
    assert!(line.contains("the nearest source of no passage"), "{line}");
}
