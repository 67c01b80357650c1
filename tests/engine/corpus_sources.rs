//! Corpus mode on the shared corpus: ranking sources with direction, duplicates, the
//! similarity matrix, the saved incremental index, cancel, and the command line.

use std::path::{Path, PathBuf};
use std::sync::atomic::Ordering;

use policy_lineage::Document;
use policy_lineage::corpus::sources::{Options, Relation, sources};
use policy_lineage::corpus::{Corpus, Progress, matrix::matrix};

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus")
}

fn shared_corpus() -> Corpus {
    Corpus::build(&[corpus_dir()], None, &Progress::default()).unwrap()
}

fn open(name: &str) -> Document {
    Document::open(corpus_dir().join(name).to_str().unwrap()).unwrap()
}

#[test]
fn wuwei_derives_from_gansu() {
    let corpus = shared_corpus();
    assert!(
        corpus.docs.len() > 8,
        "the scraped listing adds its entries"
    );
    let ranked = sources(
        &corpus,
        &open("wuwei-2018-ai-plan.txt"),
        &Options::default(),
    );
    let first = &ranked[0];
    assert!(
        first.reference.ends_with("gansu-2018-ai-plan.txt"),
        "{ranked:#?}"
    );
    assert_eq!(first.relation, Relation::Parent);
    assert!(first.covered > 0.3, "{}", first.covered);
    let inherited = first.inherited.unwrap() + first.adapted.unwrap();
    assert!(inherited > 0.5, "{inherited}");
    assert!(
        !ranked
            .iter()
            .any(|c| c.reference.ends_with("wuwei-2018-ai-plan.txt"))
    );
}

#[test]
fn gansu_and_sichuan_share_wording_and_neither_derives_from_the_other() {
    let corpus = shared_corpus();
    let sichuan = corpus
        .docs
        .iter()
        .find(|d| d.title.contains("四川省新一代人工智能发展实施方案"))
        .expect("Sichuan's plan in the scraped listing");
    let query = Document::open_ref(&sichuan.reference).unwrap();
    let ranked = sources(&corpus, &query, &Options::default());
    let gansu = ranked
        .iter()
        .find(|c| c.reference.ends_with("gansu-2018-ai-plan.txt"))
        .expect("Gansu's plan shares wording with Sichuan's");
    assert_eq!(gansu.relation, Relation::SharesWording, "{gansu:#?}");
    assert_eq!(gansu.cited, Some(false));
    assert!(gansu.distinctive < 0.1, "{}", gansu.distinctive);
    assert!(
        !ranked
            .iter()
            .any(|c| matches!(c.relation, Relation::Parent | Relation::Child)),
        "{ranked:#?}"
    );
    let from_gansu = sources(
        &corpus,
        &open("gansu-2018-ai-plan.txt"),
        &Options::default(),
    );
    let relation_of = |title: &str| {
        from_gansu
            .iter()
            .find(|c| c.title.contains(title))
            .map(|c| c.relation)
    };
    assert_eq!(relation_of("四川省"), Some(Relation::SharesWording));
    assert_eq!(relation_of("武威市"), Some(Relation::Child));
}

#[test]
fn wuwei_cites_the_plan_it_derives_from() {
    let corpus = shared_corpus();
    let ranked = sources(
        &corpus,
        &open("wuwei-2018-ai-plan.txt"),
        &Options::default(),
    );
    assert_eq!(ranked[0].cited, Some(true), "{ranked:#?}");
    assert!(ranked[0].distinctive > 0.2, "{}", ranked[0].distinctive);
    assert!(ranked[1..].iter().all(|c| c.cited == Some(false)));
}

#[test]
fn the_scraped_copy_of_gansu_is_a_duplicate() {
    let corpus = shared_corpus();
    let g = corpus
        .docs
        .iter()
        .position(|d| d.label == "gansu-2018-ai-plan.txt")
        .unwrap();
    assert!(
        corpus.duplicates[g]
            .iter()
            .any(|d| d.label.starts_with("provincial-policies-2018-scraped.txt#")),
        "{:?}",
        corpus.duplicates[g]
    );
}

#[test]
fn gansu_does_not_derive_from_wuwei() {
    let corpus = shared_corpus();
    let ranked = sources(
        &corpus,
        &open("gansu-2018-ai-plan.txt"),
        &Options::default(),
    );
    let wuwei = ranked
        .iter()
        .find(|c| c.reference.ends_with("wuwei-2018-ai-plan.txt"))
        .expect("Wuwei is related to Gansu");
    assert_eq!(wuwei.relation, Relation::Child);
    assert!(
        !ranked
            .iter()
            .any(|c| c.relation == Relation::Parent
                && c.reference.ends_with("wuwei-2018-ai-plan.txt"))
    );
}

#[test]
fn copies_across_files_are_shown_once() {
    let dir = tempfile::tempdir().unwrap();
    let gansu = std::fs::read(corpus_dir().join("gansu-2018-ai-plan.txt")).unwrap();
    std::fs::write(dir.path().join("a.txt"), &gansu).unwrap();
    // The same document re-wrapped with Windows line ends and full-width spaces.
    let text = String::from_utf8(gansu).unwrap().replace('\n', "\r\n　");
    std::fs::write(dir.path().join("b.txt"), text).unwrap();
    std::fs::copy(
        corpus_dir().join("wuwei-2018-ai-plan.txt"),
        dir.path().join("c.txt"),
    )
    .unwrap();
    let corpus = Corpus::build(&[dir.path().to_owned()], None, &Progress::default()).unwrap();
    assert_eq!(corpus.docs.len(), 2);
    assert_eq!(corpus.duplicates[0].len(), 1);
    assert_eq!(corpus.duplicates[0][0].label, "b.txt");
}

#[test]
fn matrix_of_the_corpus() {
    let corpus = shared_corpus();
    let m = matrix(&corpus);
    let at = |name: &str| m.documents.iter().position(|d| d.ends_with(name)).unwrap();
    let (g, w) = (at("gansu-2018-ai-plan.txt"), at("wuwei-2018-ai-plan.txt"));
    assert!((m.share[g][g] - 1.0).abs() < 1e-9);
    assert!(
        m.share[w][g] > m.share[g][w],
        "Wuwei lies more in Gansu than Gansu in Wuwei"
    );
    assert!(m.share[w][g] > 0.3);
    let csv = m.to_csv();
    assert_eq!(csv.lines().count(), m.documents.len() + 1);
}

#[test]
fn saved_index_reopens_without_rereading_unchanged_files() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["gansu-2018-ai-plan.txt", "wuwei-2018-ai-plan.txt"] {
        std::fs::copy(corpus_dir().join(name), dir.path().join(name)).unwrap();
    }
    let data = tempfile::tempdir().unwrap();
    let index = data.path().join("index.sqlite");
    let open = || {
        Corpus::open_indexed(&[dir.path().to_owned()], Some(&index), &Progress::default()).unwrap()
    };
    let first = open();
    assert!(index.exists());
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        2,
        "nothing among the documents"
    );
    assert_eq!(first.docs.len(), 2);

    // Same size and time but other bytes: an unchanged file by its metadata is not read.
    let path = dir.path().join("wuwei-2018-ai-plan.txt");
    let meta = std::fs::metadata(&path).unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    let edited = text.replacen("人工智能", "智能计算", 3);
    assert_eq!(edited.len(), text.len());
    std::fs::write(&path, edited).unwrap();
    let file = std::fs::File::options().write(true).open(&path).unwrap();
    file.set_modified(meta.modified().unwrap()).unwrap();
    drop(file);
    let second = open();
    let hashes = |c: &Corpus| c.docs.iter().map(|d| d.content_hash).collect::<Vec<_>>();
    assert_eq!(hashes(&first), hashes(&second));

    // A new time makes it read again.
    let file = std::fs::File::options().write(true).open(&path).unwrap();
    file.set_modified(std::time::SystemTime::now()).unwrap();
    drop(file);
    let third = open();
    assert_ne!(hashes(&first), hashes(&third));
}

#[test]
fn background_build_reports_progress_and_cancels() {
    let (handle, progress) = Corpus::build_in_background(vec![corpus_dir()], None);
    let corpus = handle.join().unwrap().unwrap();
    assert_eq!(
        progress.done.load(Ordering::Relaxed),
        progress.total.load(Ordering::Relaxed)
    );
    assert!(!corpus.docs.is_empty());

    let progress = Progress::default();
    progress.cancel.store(true, Ordering::Relaxed);
    assert!(Corpus::build(&[corpus_dir()], None, &progress).is_err());
}

#[test]
fn command_line_sources_and_matrix() {
    let exe = env!("CARGO_BIN_EXE_policy-lineage");
    let wuwei = corpus_dir().join("wuwei-2018-ai-plan.txt");
    let out = std::process::Command::new(exe)
        .arg("sources")
        .arg(&wuwei)
        .arg(corpus_dir())
        .arg("--json")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let first = &v["candidates"][0];
    assert!(
        first["reference"]
            .as_str()
            .unwrap()
            .ends_with("gansu-2018-ai-plan.txt")
    );
    assert_eq!(first["relation"], "parent");
    assert!(
        first["copies"][0]
            .as_str()
            .unwrap()
            .contains("provincial-policies-2018-scraped.txt#")
    );

    let table = std::process::Command::new(exe)
        .arg("sources")
        .arg(&wuwei)
        .arg(corpus_dir())
        .output()
        .unwrap();
    let text = String::from_utf8(table.stdout).unwrap();
    assert!(
        text.lines()
            .nth(2)
            .unwrap()
            .contains("gansu-2018-ai-plan.txt"),
        "{text}"
    );

    let csv = std::process::Command::new(exe)
        .arg("matrix")
        .arg(corpus_dir())
        .arg("--csv")
        .output()
        .unwrap();
    assert!(csv.status.success());
    assert!(
        String::from_utf8(csv.stdout)
            .unwrap()
            .starts_with("document,")
    );
    let bad = std::process::Command::new(exe)
        .args(["sources", "/nonexistent.txt"])
        .arg(corpus_dir())
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(1));
}

/// A plan's paragraphs (lines of its text, white space dropped).
fn paragraphs(name: &str) -> Vec<String> {
    std::fs::read_to_string(corpus_dir().join(name))
        .unwrap()
        .lines()
        .map(|l| l.chars().filter(|c| !c.is_whitespace()).collect::<String>())
        .filter(|l| l.chars().count() > 20)
        .collect()
}

#[test]
fn children_of_one_plan_derive_from_it_and_only_share_wording_with_each_other() {
    use policy_lineage::DocumentRef;
    use policy_lineage::corpus::IndexedDoc;
    use policy_lineage::corpus::sources::rank;
    let plan = paragraphs("gansu-2018-ai-plan.txt");
    let n = plan.len();
    // Each child keeps two thirds of the plan's paragraphs (overlapping by a third) and adds
    // paragraphs of its own from an unrelated document; the grandchild copies the first
    // child's own paragraphs and half of what it took from the plan.
    let first: Vec<String> = plan[..n * 2 / 3]
        .iter()
        .cloned()
        .chain(
            paragraphs("changchun-2021-ai-opinions.txt")
                .into_iter()
                .take(15),
        )
        .collect();
    let second: Vec<String> = plan[n / 3..]
        .iter()
        .cloned()
        .chain(
            paragraphs("zhongshan-2019-ai-action-plan-draft.txt")
                .into_iter()
                .take(15),
        )
        .collect();
    let grandchild: Vec<String> = first[n / 3..].to_vec();
    // Issuers and dates as documents of three levels carry them.
    let members = [
        (
            "plan",
            "甘肃省人民政府办公厅关于印发实施方案的通知",
            "2018-08-01",
            &plan,
        ),
        (
            "first",
            "武威市人民政府办公室关于印发实施方案的通知",
            "2018-12-20",
            &first,
        ),
        (
            "second",
            "张掖市人民政府办公室关于印发实施方案的通知",
            "2018-11-02",
            &second,
        ),
        (
            "grandchild",
            "凉州区人民政府办公室关于印发实施方案的通知",
            "2019-03-01",
            &grandchild,
        ),
    ];
    let docs: Vec<IndexedDoc> = members
        .iter()
        .map(|(name, title, date, paras)| {
            let text: Vec<char> = paras.concat().chars().collect();
            IndexedDoc::new(
                DocumentRef::parse(name).unwrap(),
                name.to_string(),
                title.to_string(),
                Some(date),
                &text,
            )
        })
        .collect();
    let corpus = Corpus::from_docs(docs);
    let relation = |of: usize, to: usize| {
        rank(&corpus, &corpus.docs[of], &Options::default())
            .iter()
            .find(|c| c.doc == to)
            .map(|c| c.relation)
    };
    assert_eq!(relation(1, 0), Some(Relation::Parent));
    assert_eq!(relation(2, 0), Some(Relation::Parent));
    assert_eq!(relation(0, 1), Some(Relation::Child));
    assert_eq!(relation(1, 2), Some(Relation::SharesWording));
    assert_eq!(relation(2, 1), Some(Relation::SharesWording));
    assert_eq!(relation(3, 1), Some(Relation::Parent));
    // The plan reaches the grandchild through the first child, which is closer to both.
    assert_eq!(relation(3, 0), Some(Relation::SharesWording));
    assert_eq!(relation(0, 3), Some(Relation::SharesWording));
}
