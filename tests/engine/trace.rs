//! Tracing on the shared corpus: nearest sources, citations, holders and evidence as the
//! contract defines them.

use std::path::{Path, PathBuf};

use policy_lineage::document::facts::facts;
use policy_lineage::trace::inputs::open_sources;
use policy_lineage::trace::{Evidence, Options, Trace, trace};
use policy_lineage::{Document, SpanClass};

fn corpus_path(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/corpus")
        .join(name)
}

fn open(name: &str) -> Document {
    Document::open(corpus_path(name).to_str().unwrap()).unwrap()
}

/// Traces `doc` through the named sources (corpus file names, folders as `.`).
fn traced(doc: &Document, names: &[&str]) -> (Vec<Document>, Trace) {
    let specs: Vec<String> = names
        .iter()
        .map(|n| corpus_path(n).display().to_string())
        .collect();
    let inputs = open_sources(doc, &specs).unwrap();
    let t = trace(
        doc,
        &inputs.docs,
        inputs.stock.as_deref(),
        &Options::default(),
    );
    (inputs.docs, t)
}

fn fold(text: &str) -> Vec<char> {
    let chars: Vec<char> = text.chars().collect();
    policy_lineage::document::normalize::normalize(&chars, 0..chars.len()).chars
}

/// The contract's invariants: spans cover every non-white-space character once, in order;
/// inherited text is the text of its source and of every holder in `also`; evidence says
/// whether others hold it.
fn check_contract(doc: &Document, sources: &[Document], t: &Trace) {
    let mut at = doc.range.start;
    for span in &t.spans {
        assert!(span.range.start >= at, "{span:?}");
        let gap = doc.slice(at..span.range.start);
        assert!(gap.chars().all(char::is_whitespace), "uncovered {gap:?}");
        at = span.range.end;
        let Some(k) = span.source else {
            assert_eq!(span.class, SpanClass::Added);
            assert!(span.also.is_empty() && span.evidence.is_none());
            continue;
        };
        let source = &sources[t.sources[k].input];
        let range = span.source_range.clone().unwrap();
        if span.class == SpanClass::Inherited {
            let mine = fold(&doc.slice(span.range.clone()));
            assert_eq!(mine, fold(&source.slice(range)), "{span:?}");
            for h in &span.also {
                let held = &sources[t.sources[h.source].input];
                assert_eq!(mine, fold(&held.slice(h.range.clone())), "{span:?}");
            }
        }
        match span.evidence.unwrap() {
            Evidence::Distinctive => assert!(span.also.is_empty()),
            Evidence::Shared => assert!(!span.also.is_empty()),
            Evidence::Boilerplate => {}
        }
    }
    let rest = doc.slice(at..doc.range.end);
    assert!(rest.chars().all(char::is_whitespace), "uncovered {rest:?}");
    let total: f64 = t.sources.iter().map(|s| s.share).sum();
    let reused = t.summary.inherited + t.summary.adapted;
    assert!((total - reused).abs() < 1e-9, "{total} vs {reused}");
}

#[test]
fn wuwei_copied_gansu_which_it_cites_by_number() {
    let wuwei = open("wuwei-2018-ai-plan.txt");
    let (sources, t) = traced(
        &wuwei,
        &[
            "provincial-policies-2018-scraped.txt",
            "gansu-2018-ai-plan.txt",
            "changchun-2021-ai-opinions.txt",
        ],
    );
    check_contract(&wuwei, &sources, &t);
    let first = &t.sources[0];
    let gansu = &sources[first.input];
    assert_eq!(gansu.title, "甘肃省新一代人工智能发展实施方案");
    assert!(first.cited);
    assert!(first.share > 0.4, "{}", first.share);
    assert!(first.distinctive_share > 0.2, "{}", first.distinctive_share);
    assert!(
        t.sources[1..].iter().all(|s| s.share < first.share / 4.0),
        "{:?}",
        t.sources
    );
    let (citation, named) = t
        .citations
        .iter()
        .find(|(c, _)| c.number.as_deref() == Some("甘政办发〔2018〕151号"))
        .expect("the citation of Gansu's plan");
    assert_eq!(*named, Some(0), "{citation:?}");
    assert_eq!(t.facts.number.as_deref(), Some("武政办发〔2018〕250号"));
    assert_eq!(t.facts.date.as_deref(), Some("2018-12-20"));
}

#[test]
fn the_document_itself_and_its_copies_are_never_its_sources() {
    let gansu = open("gansu-2018-ai-plan.txt");
    let (sources, t) = traced(
        &gansu,
        &["gansu-2018-ai-plan.txt", "wuwei-2018-ai-plan.txt"],
    );
    check_contract(&gansu, &sources, &t);
    assert!(
        t.sources
            .iter()
            .all(|s| sources[s.input].normalized.chars != gansu.normalized.chars)
    );
}

#[test]
fn a_folder_is_a_corpus_whose_shared_wording_is_marked() {
    let wuwei = open("wuwei-2018-ai-plan.txt");
    let (sources, t) = traced(&wuwei, &["."]);
    check_contract(&wuwei, &sources, &t);
    assert_eq!(
        sources[t.sources[0].input].title,
        "甘肃省新一代人工智能发展实施方案"
    );
    let sichuan = t
        .sources
        .iter()
        .position(|s| sources[s.input].title.contains("四川"));
    // Text Wuwei shares with Sichuan as well as with Gansu is Gansu's, never Sichuan's
    // alone: Sichuan holds nothing Gansu does not.
    if let Some(k) = sichuan {
        assert!(t.sources[k].distinctive_share < 0.02, "{:?}", t.sources[k]);
    }
}

#[test]
fn facts_of_the_shared_corpus() {
    let gansu = facts(&open("gansu-2018-ai-plan.txt"));
    assert_eq!(gansu.issuer.as_deref(), Some("甘肃省人民政府办公厅"));
    assert_eq!(gansu.date.as_deref(), Some("2018-08-01"));
    assert!(
        gansu
            .citations
            .iter()
            .any(|c| c.number.as_deref() == Some("国发〔2017〕35号"))
    );
    let changchun = facts(&open("changchun-2021-ai-opinions.txt"));
    let numbers: Vec<&str> = changchun
        .citations
        .iter()
        .filter_map(|c| c.number.as_deref())
        .collect();
    assert!(numbers.contains(&"国发〔2017〕35号"), "{numbers:?}");
    assert!(numbers.contains(&"吉政发〔2017〕34号"), "{numbers:?}");
}

#[test]
fn a_cancelled_trace_stops_before_aligning() {
    let doc = open("wuwei-2018-ai-plan.txt");
    let sources = vec![
        open("gansu-2018-ai-plan.txt"),
        open("changchun-2021-ai-opinions.txt"),
    ];
    let cancel = std::sync::atomic::AtomicBool::new(true);
    let stopped =
        policy_lineage::trace::trace_unless(&doc, &sources, None, &Options::default(), &cancel);
    assert!(stopped.is_none());
    cancel.store(false, std::sync::atomic::Ordering::Relaxed);
    let done =
        policy_lineage::trace::trace_unless(&doc, &sources, None, &Options::default(), &cancel)
            .expect("a trace not cancelled finishes");
    assert_eq!(
        done.sources.first().map(|s| s.input),
        Some(0),
        "Gansu's plan is Wuwei's nearest source"
    );
}

/// Gansu's plan with a sentence added to its last paragraph: a near copy of it.
fn gansu_with(sentence: &str) -> Document {
    let text = std::fs::read_to_string(corpus_path("gansu-2018-ai-plan.txt")).unwrap();
    let text = format!("{}{sentence}\n", text.trim_end());
    Document::from_text("gansu-copy.txt", &text).unwrap()
}

#[test]
fn near_copies_the_document_tells_apart_are_two_sources() {
    // Gansu's plan and a version of it with two sentences of its own, which a Wuwei plan
    // with those sentences added keeps: the version is a source of its own, not a duplicate.
    let sentence = "加快建设具有国际影响力的人工智能创新高地。";
    let other = "统筹推进全省人工智能产业集聚发展示范区建设。";
    let text = std::fs::read_to_string(corpus_path("wuwei-2018-ai-plan.txt")).unwrap();
    let text = format!("{other}\n{}{sentence}\n", text.trim_end());
    let wuwei = Document::from_text("wuwei-plus.txt", &text).unwrap();
    let gansu = std::fs::read_to_string(corpus_path("gansu-2018-ai-plan.txt")).unwrap();
    let version = format!("{other}\n{}{sentence}\n", gansu.trim_end());
    let version = Document::from_text("gansu-version.txt", &version).unwrap();
    let sources = vec![open("gansu-2018-ai-plan.txt"), version];
    let t = trace(&wuwei, &sources, None, &Options::default());
    check_contract(&wuwei, &sources, &t);
    assert!(t.duplicates.is_empty(), "{:?}", t.duplicates);
    let chars = wuwei.chars();
    let target: Vec<char> = sentence.chars().collect();
    let at = chars
        .windows(target.len())
        .rposition(|w| w == target.as_slice())
        .unwrap();
    let span = t.spans.iter().find(|s| s.range.contains(&at)).unwrap();
    let source = span.source.map(|k| t.sources[k].input);
    assert_eq!(source, Some(1), "{span:?}");
}

#[test]
fn a_near_copy_is_traced_once_and_named_as_a_duplicate() {
    let wuwei = open("wuwei-2018-ai-plan.txt");
    // A sentence of another plan, which Wuwei does not hold.
    let copy = gansu_with("加快建设具有国际影响力的人工智能创新高地。");
    let sources = vec![
        open("gansu-2018-ai-plan.txt"),
        copy,
        open("changchun-2021-ai-opinions.txt"),
    ];
    let t = trace(&wuwei, &sources, None, &Options::default());
    check_contract(&wuwei, &sources, &t);
    assert_eq!(t.duplicates, vec![(1, 0)]);
    assert!(t.sources.iter().all(|s| s.input != 1), "{:?}", t.sources);
    assert_eq!(t.sources[0].input, 0);
}
