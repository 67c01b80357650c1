//! The substitutions a comparison lists are real ones: localisations and changed figures, not
//! punctuation, renumbering or fragments of different kinds.

use std::path::Path;

use policy_lineage::Document;
use policy_lineage::compare::{Comparison, compare};

fn pairs(comparison: &Comparison) -> Vec<(&str, &str)> {
    comparison
        .substitutions
        .iter()
        .map(|s| (s.parent.as_str(), s.child.as_str()))
        .collect()
}

#[test]
fn wuwei_against_gansu_lists_its_localisations_only() {
    let open = |name: &str| {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/corpus")
            .join(name);
        Document::open(path.to_str().unwrap()).unwrap()
    };
    let (gansu, wuwei) = (
        open("gansu-2018-ai-plan.txt"),
        open("wuwei-2018-ai-plan.txt"),
    );
    let comparison = compare(&gansu, &wuwei);
    let subs = pairs(&comparison);
    for real in [
        ("省", "市"),
        ("甘肃省", "武威市"),
        ("甘肃", "武威"),
        ("省科技厅", "市科技局"),
        ("8月1", "12月20"),
    ] {
        assert!(subs.contains(&real), "{real:?} missing from {subs:?}");
    }
    for noise in [
        ("、", ","),
        ("12.", "10."),
        ("6.", "5."),
        ("1.", "鼓励"),
        ("2018年8月1日", "关于印发"),
        ("。", "与应用"),
        ("甘肃省", "积极鼓励开展"),
    ] {
        assert!(!subs.contains(&noise), "{noise:?} listed in {subs:?}");
    }
    for (parent, child) in &subs {
        let words = |t: &str| t.chars().any(char::is_alphanumeric);
        assert!(words(parent) && words(child), "{parent} → {child}");
    }
}

#[test]
fn renumbered_headings_and_punctuation_are_not_substitutions() {
    let parent = Document::from_text(
        "parent.txt",
        "甘肃省人工智能发展方案\n\n一、总体要求\n到2020年，全省人工智能产业规模显著扩大，\
         各地、各部门要认真落实本方案的各项要求。\n二、重点任务\n（一）智能制造。\
         推动全省制造业企业开展智能化改造，建设一批示范工厂和智能车间。\n\
         （二）智能农业。在全省推广农业物联网技术，提升农业生产的信息化水平。\n\
         （三）智能交通。建设全省智能交通管理平台，提高道路通行效率和安全水平。\n",
    )
    .unwrap();
    let child = Document::from_text(
        "child.txt",
        "武威市人工智能发展方案\n\n一、总体要求\n到2022年，全市人工智能产业规模显著扩大，\
         各地，各部门要认真落实本方案的各项要求。\n二、重点任务\n（一）智能制造。\
         推动全市制造业企业开展智能化改造，建设一批示范工厂和智能车间。\n\
         （二）智能交通。建设全市智能交通管理平台，提高道路通行效率和安全水平。\n",
    )
    .unwrap();
    let comparison = compare(&parent, &child);
    let subs = pairs(&comparison);
    assert!(subs.contains(&("省", "市")), "{subs:?}");
    assert!(subs.contains(&("2020", "2022")), "{subs:?}");
    // 、→， and （三）→（二） are not listed.
    for (parent, child) in &subs {
        assert!(
            [("省", "市"), ("甘肃省", "武威市"), ("2020", "2022")].contains(&(*parent, *child)),
            "{parent} → {child} in {subs:?}"
        );
    }
}
