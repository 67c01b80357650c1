//! The corpus run on the shared corpus: the tables read back from Parquet, the CSV twins,
//! the codebook and manifest, and resuming an interrupted run.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use parquet::file::reader::{FileReader, SerializedFileReader};
use parquet::record::Field;
use policy_lineage::corpus::run::{RunOptions, run};

const TABLES: [&str; 5] = ["documents", "links", "spans", "sections", "citations"];

fn corpus_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    for e in std::fs::read_dir(from).unwrap().flatten() {
        std::fs::copy(e.path(), dir.path().join(e.file_name())).unwrap();
    }
    dir
}

fn options(work: &Path) -> RunOptions {
    RunOptions {
        out: work.join("out"),
        index: Some(work.join("index.sqlite")),
        ranking: Default::default(),
        progress: false,
    }
}

type Rows = Vec<HashMap<String, Field>>;

fn read(path: &Path) -> Rows {
    let reader = SerializedFileReader::new(std::fs::File::open(path).unwrap()).unwrap();
    reader
        .get_row_iter(None)
        .unwrap()
        .map(|r| r.unwrap().into_columns().into_iter().collect())
        .collect()
}

fn text(row: &HashMap<String, Field>, col: &str) -> String {
    match &row[col] {
        Field::Str(s) => s.clone(),
        other => panic!("{col}: {other:?}"),
    }
}

fn long(row: &HashMap<String, Field>, col: &str) -> i64 {
    match &row[col] {
        Field::Long(v) => *v,
        other => panic!("{col}: {other:?}"),
    }
}

fn double(row: &HashMap<String, Field>, col: &str) -> Option<f64> {
    match &row[col] {
        Field::Double(v) => Some(*v),
        Field::Null => None,
        other => panic!("{col}: {other:?}"),
    }
}

fn id_of(docs: &Rows, name: &str) -> i64 {
    let row = docs
        .iter()
        .find(|r| text(r, "path").ends_with(name) && r["entry"] == Field::Null)
        .unwrap_or_else(|| panic!("{name} in documents"));
    long(row, "id")
}

#[test]
fn the_tables_hold_the_lineage_of_the_corpus() {
    let corpus = corpus_copy();
    let work = tempfile::tempdir().unwrap();
    let options = options(work.path());
    let summary = run(&[corpus.path().to_owned()], &options).unwrap();
    let out: PathBuf = options.out.clone();
    assert!(summary.documents > 8, "listing entries are documents");

    let docs = read(&out.join("documents.parquet"));
    assert_eq!(docs.len(), summary.documents);
    let (gansu, wuwei) = (
        id_of(&docs, "gansu-2018-ai-plan.txt"),
        id_of(&docs, "wuwei-2018-ai-plan.txt"),
    );
    let wuwei_row = docs.iter().find(|r| long(r, "id") == wuwei).unwrap();
    assert_eq!(text(wuwei_row, "level"), "city");
    assert_eq!(text(wuwei_row, "date"), "2018-12-20");
    assert!(long(wuwei_row, "chars") > 4000);

    let links = read(&out.join("links.parquet"));
    let link = links
        .iter()
        .find(|r| long(r, "child") == wuwei && long(r, "source") == gansu)
        .expect("Wuwei → Gansu");
    assert_eq!(text(link, "relation"), "derived");
    assert_eq!(link["cited"], Field::Bool(true), "Wuwei names Gansu's plan");
    let reused = double(link, "inherited").unwrap() + double(link, "adapted").unwrap();
    assert!(reused > 0.5, "{reused}");
    // Traced through its compared sources: most of what Wuwei took only Gansu holds.
    let distinctive = double(link, "distinctive").unwrap();
    assert!(
        distinctive > 0.3 && distinctive <= reused + 1e-9,
        "{distinctive}"
    );
    // Gansu's and Sichuan's plans both follow the national one: they share wording, and
    // neither derives from the other.
    let sichuan = docs
        .iter()
        .find(|r| text(r, "title").contains("四川省新一代人工智能发展实施方案"))
        .map(|r| long(r, "id"))
        .expect("Sichuan's plan, an entry of the scraped listing");
    let pair = |r: &&HashMap<String, Field>| {
        let ends = [long(r, "child"), long(r, "source")];
        ends == [gansu, sichuan] || ends == [sichuan, gansu]
    };
    let between: Vec<String> = links
        .iter()
        .filter(pair)
        .map(|r| text(r, "relation"))
        .collect();
    assert_eq!(between, ["shares wording"]);
    // Wuwei's citations name Gansu's plan, resolved to it.
    let citations = read(&out.join("citations.parquet"));
    assert!(
        citations
            .iter()
            .any(|r| long(r, "document") == wuwei && r["resolved"] == Field::Long(gansu)),
        "{citations:?}"
    );
    // The scraped copy of Gansu's plan is a duplicate of it.
    assert!(
        links
            .iter()
            .any(|r| text(r, "relation") == "duplicate" && long(r, "source") == gansu)
    );
    assert!(
        !links
            .iter()
            .any(|r| long(r, "child") == gansu && long(r, "source") == wuwei)
    );

    // Wuwei's spans cover its text once, in order, against Gansu.
    let spans: Vec<_> = read(&out.join("spans.parquet"))
        .into_iter()
        .filter(|r| long(r, "document") == wuwei)
        .collect();
    assert!(spans.len() > 10);
    assert!(
        spans
            .windows(2)
            .all(|w| long(&w[0], "end") <= long(&w[1], "start"))
    );
    assert!(spans.iter().all(|r| text(r, "class") == "added"
        || (r["source"] == Field::Long(gansu) && long(r, "source_end") > long(r, "source_start"))));
    // Every reused span says why it points there; added text has no evidence.
    let evidence = |r: &HashMap<String, Field>| match &r["evidence"] {
        Field::Str(s) => s.clone(),
        Field::Null => String::new(),
        other => panic!("evidence: {other:?}"),
    };
    for r in &spans {
        if text(r, "class") == "added" {
            assert_eq!(evidence(r), "", "{r:?}");
        } else {
            assert!(
                ["distinctive", "shared", "boilerplate"].contains(&evidence(r).as_str()),
                "{r:?}"
            );
        }
    }
    assert!(spans.iter().any(|r| evidence(r) == "distinctive"));

    let sections = read(&out.join("sections.parquet"));
    assert!(sections.iter().any(|r| long(r, "document") == wuwei
        && long(r, "source") == gansu
        && double(r, "similarity").unwrap() > 0.5));

    // Each CSV: BOM, the same columns, the same number of rows.
    for name in TABLES {
        let csv = std::fs::read_to_string(out.join(format!("{name}.csv"))).unwrap();
        assert!(csv.starts_with('\u{feff}'), "{name}");
        let header = csv
            .trim_start_matches('\u{feff}')
            .lines()
            .next()
            .unwrap()
            .to_owned();
        let parquet_rows = read(&out.join(format!("{name}.parquet")));
        if let Some(first) = parquet_rows.first() {
            assert_eq!(header.split(',').count(), first.len(), "{name}");
        }
        let codebook = std::fs::read_to_string(out.join("codebook.md")).unwrap();
        for column in header.split(',') {
            assert!(
                codebook.contains(&format!("| `{column}` |")),
                "{name}.{column}"
            );
        }
        let rows = summary.rows.iter().find(|(n, _)| *n == name).unwrap().1;
        assert_eq!(parquet_rows.len(), rows, "{name}");
    }

    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("manifest.json")).unwrap()).unwrap();
    let files = manifest["files"].as_array().unwrap();
    assert_eq!(files.len(), 5);
    assert!(
        files
            .iter()
            .all(|f| f["sha256"].as_str().unwrap().len() == 64)
    );
    assert_eq!(manifest["version"], env!("CARGO_PKG_VERSION"));
    assert!(manifest["parameters"]["compare_top"].is_number());
    // The corpus folder holds only the user's documents.
    assert_eq!(std::fs::read_dir(corpus.path()).unwrap().count(), 5);
}

#[test]
fn an_interrupted_run_resumes_where_it_stopped() {
    let corpus = corpus_copy();
    let work = tempfile::tempdir().unwrap();
    let options = options(work.path());
    let inputs = [corpus.path().to_owned()];
    let first = run(&inputs, &options).unwrap();
    assert_eq!(first.resumed, 0);
    let tables = |out: &Path| {
        TABLES
            .iter()
            .map(|n| std::fs::read(out.join(format!("{n}.csv"))).unwrap())
            .collect::<Vec<_>>()
    };
    let before = tables(&options.out);
    // A run killed after all but three documents: their saved results are missing.
    let db = rusqlite::Connection::open(options.index.as_ref().unwrap()).unwrap();
    let deleted = db
        .execute(
            "DELETE FROM results WHERE doc IN (SELECT doc FROM results ORDER BY doc LIMIT 3)",
            [],
        )
        .unwrap();
    assert_eq!(deleted, 3);
    drop(db);
    std::fs::remove_dir_all(&options.out).unwrap();
    let second = run(&inputs, &options).unwrap();
    assert_eq!(second.resumed, first.documents - 3);
    assert_eq!(second.update.read, 0, "unchanged files are not read again");
    assert_eq!(tables(&options.out), before);

    // A changed document changes the corpus: nothing stale is reused.
    let path = corpus.path().join("wuwei-2018-ai-plan.txt");
    let edited = std::fs::read_to_string(&path)
        .unwrap()
        .replace("武威", "凉州");
    std::fs::write(&path, edited).unwrap();
    let third = run(&inputs, &options).unwrap();
    assert_eq!(third.resumed, 0);
    assert_eq!(third.update.read, 1);

    // A run with everything resumed reads no document's shingles.
    let after = tables(&options.out);
    let db = rusqlite::Connection::open(options.index.as_ref().unwrap()).unwrap();
    db.execute("DELETE FROM doc_data", []).unwrap();
    drop(db);
    std::fs::remove_dir_all(&options.out).unwrap();
    let resumed = run(&inputs, &options).unwrap();
    assert_eq!(resumed.resumed, third.documents);
    assert_eq!(tables(&options.out), after);
}

fn optional(row: &HashMap<String, Field>, col: &str) -> Option<String> {
    match &row[col] {
        Field::Str(s) => Some(s.clone()),
        Field::Null => None,
        other => panic!("{col}: {other:?}"),
    }
}

#[test]
fn the_documents_table_states_the_facts_the_trace_states() {
    let corpus = corpus_copy();
    let work = tempfile::tempdir().unwrap();
    let options = options(work.path());
    run(&[corpus.path().to_owned()], &options).unwrap();
    let docs = read(&options.out.join("documents.parquet"));
    for row in &docs {
        let entry = match row["entry"] {
            Field::Long(n) => Some(n as usize),
            _ => None,
        };
        let reference = policy_lineage::document::DocumentRef {
            path: PathBuf::from(text(row, "path")),
            index: entry,
        };
        let doc = policy_lineage::Document::open_ref(&reference).unwrap();
        let facts = policy_lineage::document::facts::facts(&doc);
        let label = doc.label();
        assert_eq!(optional(row, "issuer"), facts.issuer, "{label}");
        assert_eq!(optional(row, "number"), facts.number, "{label}");
        assert_eq!(optional(row, "date"), facts.date, "{label}");
    }
    // 成文日期 from the text, not the listing's publication date: Tianjin's plan was written on
    // 22 October 2018 and posted on the 29th.
    let tianjin = docs
        .iter()
        .find(|r| text(r, "title").starts_with("天津市新一代人工智能产业"))
        .unwrap();
    assert_eq!(optional(tianjin, "date").as_deref(), Some("2018-10-22"));
    let changchun = docs
        .iter()
        .find(|r| text(r, "path").ends_with("changchun-2021-ai-opinions.txt"))
        .unwrap();
    assert_eq!(
        optional(changchun, "issuer").as_deref(),
        Some("长春市人民政府")
    );
}
