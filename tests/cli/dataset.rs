//! `policy-lineage search` and `policy-lineage corpus` as a user runs them: the index in the
//! data folder (never among the documents), phrase hits at their original places, and the
//! tables read by pyarrow, pandas and DuckDB.

use std::path::Path;
use std::process::Command;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_policy-lineage"))
}

fn corpus_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    for e in std::fs::read_dir(from).unwrap().flatten() {
        std::fs::copy(e.path(), dir.path().join(e.file_name())).unwrap();
    }
    dir
}

fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn search_finds_a_phrase_at_its_place_and_indexes_outside_a_read_only_corpus() {
    let corpus = corpus_copy();
    let data = tempfile::tempdir().unwrap();
    let before = listing(corpus.path());
    use std::os::unix::fs::PermissionsExt;
    let mode = |m| std::fs::Permissions::from_mode(m);
    std::fs::set_permissions(corpus.path(), mode(0o555)).unwrap();
    // A space the documents do not have.
    let output = bin()
        .env("POLICY_LINEAGE_DATA_DIR", data.path())
        .args(["search"])
        .arg(corpus.path())
        .args(["新一代 人工智能", "--json"])
        .output()
        .unwrap();
    std::fs::set_permissions(corpus.path(), mode(0o755)).unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(
        listing(corpus.path()),
        before,
        "nothing written among the documents"
    );
    let indexes = data.path().join("indexes");
    assert_eq!(
        listing(&indexes)
            .iter()
            .filter(|n| n.ends_with(".sqlite"))
            .count(),
        1
    );

    let value: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(value["normalized"], "新一代人工智能");
    let documents = value["documents"].as_array().unwrap();
    assert!(documents.len() >= 3, "{value:#}");
    for d in documents {
        let path = d["path"].as_str().unwrap();
        let text: Vec<char> = std::fs::read_to_string(path).unwrap().chars().collect();
        for hit in d["hits"].as_array().unwrap() {
            let (s, e) = (
                hit["start"].as_u64().unwrap() as usize,
                hit["end"].as_u64().unwrap() as usize,
            );
            let found: String = text[s..e].iter().filter(|c| !c.is_whitespace()).collect();
            assert_eq!(found, "新一代人工智能", "{path} {s}..{e}");
        }
    }
    let wuwei = documents
        .iter()
        .find(|d| {
            d["path"]
                .as_str()
                .unwrap()
                .ends_with("wuwei-2018-ai-plan.txt")
        })
        .expect("Wuwei holds the phrase");
    assert!(!wuwei["hits"].as_array().unwrap().is_empty());

    // Plain output lists the same documents; an absent phrase finds nothing.
    let plain = bin()
        .env("POLICY_LINEAGE_DATA_DIR", data.path())
        .arg("search")
        .arg(corpus.path())
        .arg("没有这样的短语出现")
        .output()
        .unwrap();
    assert!(plain.status.success());
    assert!(String::from_utf8_lossy(&plain.stdout).starts_with("0 hits in 0 documents"));
}

#[test]
fn corpus_run_writes_tables_that_python_tools_read() {
    let corpus = corpus_copy();
    let work = tempfile::tempdir().unwrap();
    let out = work.path().join("tables");
    let output = bin()
        .arg("corpus")
        .arg(corpus.path())
        .arg("--out")
        .arg(&out)
        .arg("--index")
        .arg(work.path().join("index.sqlite"))
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("documents.parquet"), "{stdout}");
    for name in ["documents", "links", "spans", "sections", "citations"] {
        assert!(out.join(format!("{name}.parquet")).exists());
        assert!(out.join(format!("{name}.csv")).exists());
    }
    assert!(out.join("codebook.md").exists() && out.join("manifest.json").exists());

    // pyarrow, pandas, polars and DuckDB, where installed (CI installs them and sets the
    // variable).
    let required = std::env::var_os("POLICY_LINEAGE_PYTHON_CHECK").is_some();
    let have = Command::new("python3")
        .args(["-c", "import pyarrow, pandas, polars, duckdb"])
        .output()
        .is_ok_and(|o| o.status.success());
    assert!(
        have || !required,
        "pyarrow, pandas, polars and duckdb are not installed"
    );
    if have {
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/support/read_tables.py");
        let check = Command::new("python3")
            .arg(script)
            .arg(&out)
            .output()
            .unwrap();
        assert!(
            check.status.success(),
            "{}{}",
            String::from_utf8_lossy(&check.stdout),
            String::from_utf8_lossy(&check.stderr)
        );
        assert!(String::from_utf8_lossy(&check.stdout).contains("joined:"));
    }
}

#[test]
fn a_missing_corpus_is_one_line_and_exit_1() {
    let work = tempfile::tempdir().unwrap();
    let output = bin()
        .arg("corpus")
        .arg(work.path().join("nowhere"))
        .arg("--out")
        .arg(work.path().join("out"))
        .env("POLICY_LINEAGE_DATA_DIR", work.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("nowhere"), "{stderr}");
}

#[test]
fn the_corpus_run_notes_a_replaced_hard_link() {
    let corpus = corpus_copy();
    let work = tempfile::tempdir().unwrap();
    let out = work.path().join("tables");
    std::fs::create_dir(&out).unwrap();
    std::fs::write(out.join("links.csv"), b"last year's table").unwrap();
    std::fs::hard_link(out.join("links.csv"), work.path().join("kept.csv")).unwrap();
    let output = bin()
        .arg("corpus")
        .arg(corpus.path())
        .arg("--out")
        .arg(&out)
        .arg("--index")
        .arg(work.path().join("index.sqlite"))
        .output()
        .unwrap();
    assert!(output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("note:") && stderr.contains("links.csv: had 1 other hard link"),
        "{stderr}"
    );
    assert_eq!(
        std::fs::read(work.path().join("kept.csv")).unwrap(),
        b"last year's table"
    );
    assert_ne!(
        std::fs::read(out.join("links.csv")).unwrap(),
        b"last year's table"
    );
}
