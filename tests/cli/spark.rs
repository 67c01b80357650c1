//! The corpus run on Apache Spark (`spark/lineage.py`, through `spark-submit` from pyspark)
//! writes the tables of the single-machine `corpus` run: ~200 generated documents in families
//! of a parent and derived children, plus the test corpus (a copy, a scraped listing).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use super::generate::{FAMILY, generate, pool};

const TABLES: [&str; 5] = ["documents", "links", "spans", "sections", "citations"];
/// Fields of the manifest that differ between any two runs.
const RUN_TIME: [&str; 7] = [
    "command",
    "finished",
    "seconds",
    "index",
    "files_read",
    "files_unchanged",
    "resumed_documents",
];

fn on_path(name: &str) -> Option<PathBuf> {
    std::env::split_paths(&std::env::var_os("PATH")?)
        .map(|dir| dir.join(name))
        .find(|p| p.is_file())
}

/// 40 families of a parent and four children (the generator's first 40 families), with the
/// test corpus beside them.
fn corpus(dir: &Path) {
    let pool = pool();
    for i in 0..40 * FAMILY {
        std::fs::write(dir.join(format!("doc{i:05}.txt")), generate(&pool, i)).unwrap();
    }
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let real = dir.join("real");
    std::fs::create_dir(&real).unwrap();
    for e in std::fs::read_dir(shared).unwrap().flatten() {
        std::fs::copy(e.path(), real.join(e.file_name())).unwrap();
    }
}

/// Asserts that two tables hold the same rows, naming the first few that differ.
fn same_rows(table: &str, local: &Path, spark: &Path) {
    let (a, b) = (rows(local), rows(spark));
    assert_eq!(a.0, b.0, "{table}: header");
    let only = |x: &[String], y: &[String]| -> Vec<String> {
        x.iter()
            .filter(|r| y.binary_search(r).is_err())
            .take(3)
            .cloned()
            .collect()
    };
    assert!(
        a.1 == b.1,
        "{table}: {} rows locally, {} on Spark; only local: {:?}; only Spark: {:?}",
        a.1.len(),
        b.1.len(),
        only(&a.1, &b.1),
        only(&b.1, &a.1)
    );
}

/// A CSV's header and its rows, sorted (row order is not part of the result).
fn rows(path: &Path) -> (String, Vec<String>) {
    let text = std::fs::read_to_string(path).unwrap();
    let mut lines = text.lines().map(str::to_owned);
    let header = lines.next().unwrap_or_default();
    let mut rows: Vec<String> = lines.collect();
    rows.sort();
    (header, rows)
}

fn manifest(dir: &Path) -> BTreeMap<String, serde_json::Value> {
    let text = std::fs::read_to_string(dir.join("manifest.json")).unwrap();
    let mut m: BTreeMap<String, serde_json::Value> = serde_json::from_str(&text).unwrap();
    for field in RUN_TIME {
        assert!(m.remove(field).is_some(), "manifest field {field}");
    }
    m
}

#[test]
fn the_spark_job_writes_the_tables_of_the_single_machine_run() {
    if std::env::var_os("POLICY_LINEAGE_SKIP_SPARK").is_some_and(|v| v == "1") {
        eprintln!("POLICY_LINEAGE_SKIP_SPARK=1: the Spark job is not tested");
        return;
    }
    let Some(submit) = on_path("spark-submit") else {
        panic!(
            "spark-submit is not on PATH: install pyspark (`pip install pyspark`) and Java \
             (`apt-get install openjdk-17-jre-headless`), or set POLICY_LINEAGE_SKIP_SPARK=1 \
             to skip this test"
        );
    };
    let work = tempfile::tempdir().unwrap();
    let docs = work.path().join("corpus");
    std::fs::create_dir(&docs).unwrap();
    corpus(&docs);
    let (local, spark) = (work.path().join("local"), work.path().join("spark"));
    let binary = env!("CARGO_BIN_EXE_policy-lineage");

    let run = Command::new(binary)
        .env("POLICY_LINEAGE_DATA_DIR", work.path().join("data"))
        .arg("corpus")
        .arg(&docs)
        .arg("--out")
        .arg(&local)
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );

    let job = Path::new(env!("CARGO_MANIFEST_DIR")).join("spark/lineage.py");
    let run = Command::new(submit)
        .env("SPARK_LOCAL_IP", "127.0.0.1")
        .args(["--master", "local[2]", "--conf", "spark.ui.enabled=false"])
        .arg(job)
        .arg(&docs)
        .arg(&spark)
        .arg("--binary")
        .arg(binary)
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "spark-submit failed:\n{}",
        String::from_utf8_lossy(&run.stderr)
    );

    for table in TABLES {
        let csv = format!("{table}.csv");
        same_rows(table, &local.join(&csv), &spark.join(&csv));
        assert!(spark.join(format!("{table}.parquet")).is_file(), "{table}");
    }
    let (_, documents) = rows(&local.join("documents.csv"));
    let (_, links) = rows(&local.join("links.csv"));
    assert!(documents.len() >= 210, "{} documents", documents.len());
    let derived = links.iter().filter(|l| l.contains(",derived,")).count();
    let shares = links
        .iter()
        .filter(|l| l.contains(",shares wording,"))
        .count();
    // Each child derives from its family's parent; the four children of one parent are each
    // closer to it than to each other, so siblings only share wording.
    assert!(derived >= 160, "{derived} derived links");
    assert!(shares >= 40 * 6, "{shares} shares-wording links");
    assert!(links.iter().any(|l| l.contains(",duplicate,")));
    assert_eq!(
        std::fs::read(local.join("codebook.md")).unwrap(),
        std::fs::read(spark.join("codebook.md")).unwrap()
    );
    assert_eq!(manifest(&local), manifest(&spark));
}

/// Runs `policy-lineage spark STEP ARGS` with `input` on standard input; its output lines.
fn step(args: &[&str], input: &str) -> Vec<String> {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_policy-lineage"))
        .arg("spark")
        .args(args)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let input = input.to_owned();
    let feeder = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let out = child.wait_with_output().unwrap();
    feeder.join().unwrap().unwrap();
    assert!(
        out.status.success(),
        "spark {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(str::to_owned)
        .collect()
}

/// The executor steps chained by hand, with the join on shingles done here instead of by
/// Spark: the same tables as the single-machine run, without Spark installed.
#[test]
fn the_spark_steps_chained_give_the_tables_of_the_single_machine_run() {
    use serde_json::{Value, json};
    let work = tempfile::tempdir().unwrap();
    let docs = work.path().join("corpus");
    std::fs::create_dir(&docs).unwrap();
    corpus(&docs);
    let local = work.path().join("local");
    let run = Command::new(env!("CARGO_BIN_EXE_policy-lineage"))
        .env("POLICY_LINEAGE_DATA_DIR", work.path().join("data"))
        .arg("corpus")
        .arg(&docs)
        .arg("--out")
        .arg(&local)
        .output()
        .unwrap();
    assert!(run.status.success());

    let corpus_arg = docs.to_str().unwrap();
    let files = step(&["files", corpus_arg], "");
    assert_eq!(files.len(), 205);
    // Indexed in two halves, as two executors would.
    let (a, b) = files.split_at(files.len() / 2);
    let mut indexed = step(&["index"], &b.join("\n"));
    indexed.extend(step(&["index"], &a.join("\n")));
    let plan: Vec<Value> = step(&["plan"], &indexed.join("\n"))
        .iter()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let planned: Vec<&Value> = plan.iter().filter_map(|p| p.get("doc")).collect();
    let holders: &mut BTreeMap<u64, Vec<usize>> = &mut BTreeMap::new();
    for (i, d) in planned.iter().enumerate() {
        assert_eq!(d["doc"], i);
        for s in d["shingles"].as_array().unwrap() {
            holders.entry(s.as_u64().unwrap()).or_default().push(i);
        }
    }
    let thresholds = &plan.iter().find_map(|p| p.get("thresholds")).unwrap();
    let stock_others = thresholds["stock_others"].as_u64().unwrap() as usize;
    let derived_min = thresholds["derived_min"].as_f64().unwrap();
    let ubiquitous = thresholds["ubiquitous"].as_u64().unwrap() as usize;
    // Shared counts, and those outside stock wording, as the shingle join counts them.
    let mut shared: BTreeMap<(usize, usize), (u32, u32)> = BTreeMap::new();
    for list in holders.values().filter(|l| l.len() <= ubiquitous) {
        let distinctive = u32::from(list.len() - 1 < stock_others);
        for &q in list {
            for &p in list {
                let entry = shared.entry((q, p)).or_default();
                entry.0 += 1;
                entry.1 += distinctive;
            }
        }
    }
    let shingles = |i: usize| planned[i]["shingles"].as_array().unwrap().len();
    let count = |q: usize, p: usize| shared.get(&(q, p)).map_or(0, |c| c.0);
    // A third document sharing more with each of the two than they share with each other.
    let explained = |q: usize, p: usize| {
        let n = count(q, p);
        let share = |d: usize| f64::from(n) / shingles(d) as f64;
        (share(q) >= derived_min || share(p) >= derived_min)
            && shared
                .range((q, 0)..(q + 1, 0))
                .any(|(&(_, x), &(m, _))| x != q && x != p && m > n && count(p, x) > n)
    };
    let tasks: Vec<String> = plan
        .iter()
        .filter_map(|p| p.get("work"))
        .map(|w| {
            let doc = w["doc"].as_u64().unwrap() as usize;
            let mut task = json!({"work": w["work"], "doc": doc, "profile": w["profile"]});
            if w["copy"] == true {
                task["copy_of"] = planned[doc]["profile"].clone();
            } else {
                task["shingles"] = json!(shingles(doc));
                // Its shingles held by `stock_others` other documents.
                let stock: Vec<u64> = planned[doc]["shingles"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|s| s.as_u64().unwrap())
                    .filter(|s| holders[s].len() > stock_others)
                    .collect();
                task["stock"] = json!(stock);
                task["peers"] = shared
                    .range((doc, 0)..(doc + 1, 0))
                    .map(|(&(_, p), &(n, d))| {
                        json!({"doc": p, "shared": n, "distinctive": d,
                               "explained": p != doc && explained(doc, p),
                               "shingles": shingles(p), "profile": planned[p]["profile"]})
                    })
                    .collect();
            }
            task.to_string()
        })
        .collect();
    assert!(tasks.len() > files.len(), "listings split into entries");
    let (a, b) = tasks.split_at(100);
    let mut results = step(&["relate"], &b.join("\n"));
    results.extend(step(&["relate"], &a.join("\n")));
    let (files_path, results_path) = (work.path().join("files"), work.path().join("results"));
    std::fs::write(&files_path, indexed.join("\n")).unwrap();
    std::fs::write(&results_path, results.join("\n")).unwrap();
    let spark = work.path().join("spark");
    let written = step(
        &[
            "tables",
            corpus_arg,
            "--files",
            files_path.to_str().unwrap(),
            "--results",
            results_path.to_str().unwrap(),
            "--out",
            spark.to_str().unwrap(),
        ],
        "",
    );
    assert_eq!(written.len(), 5);
    for table in TABLES {
        for ext in ["csv", "parquet"] {
            let name = format!("{table}.{ext}");
            assert!(
                std::fs::read(local.join(&name)).unwrap()
                    == std::fs::read(spark.join(&name)).unwrap(),
                "{name} differs"
            );
        }
    }
    assert_eq!(manifest(&local), manifest(&spark));
}
