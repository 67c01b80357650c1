//! The reviewer checks on the real Wuwei/Gansu pair and on children with other
//! jurisdictions' names planted in them.

use policy_lineage::checks::{self, CheckKind, gazetteer::gazetteer};
use policy_lineage::{Document, compare};

use crate::planted;

fn corpus(name: &str) -> Document {
    Document::open(&format!(
        "{}/tests/corpus/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

#[test]
fn wuwei_against_gansu_raises_nothing_a_reviewer_would_reject() {
    // Read by hand: Wuwei keeps 甘肃 only where it means the province (视察甘肃, 甘肃股权交易中心,
    // the cited 《甘肃省…》), writes 全市 / 市X局 throughout, and changes no target or duty word;
    // the renumbered items (6. → 5.) and the issue date are not changes a reviewer checks.
    let parent = corpus("gansu-2018-ai-plan.txt");
    let child = corpus("wuwei-2018-ai-plan.txt");
    let g = gazetteer();
    let places = checks::places_of(&parent, &child);
    assert_eq!(places.parent.map(|d| g.divisions[d].name), Some("甘肃省"));
    assert_eq!(places.child.map(|d| g.divisions[d].name), Some("武威市"));
    let found = checks::run(&parent, &child, &compare::compare(&parent, &child));
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn a_neighbours_name_and_provincial_wording_are_found() {
    let parent = Document::from_text(
        "p.txt",
        "甘肃省人工智能发展方案\n一、总体要求\n全省要加快人工智能发展，推进甘肃人工智能产业集聚，到2020年产业规模达到100亿元。各地应当加强组织领导。\n",
    )
    .unwrap();
    let child = Document::from_text(
        "c.txt",
        "武威市人工智能发展方案\n一、总体要求\n全省要加快人工智能发展，推进张掖人工智能产业集聚，到2022年产业规模达到30亿元。各地可以加强组织领导。\n",
    )
    .unwrap();
    let found = checks::run(&parent, &child, &compare::compare(&parent, &child));
    let kinds: Vec<(CheckKind, &str)> = found.iter().map(|c| (c.kind, c.text.as_str())).collect();
    assert!(kinds.contains(&(CheckKind::Level, "全省")), "{found:#?}");
    assert!(kinds.contains(&(CheckKind::Place, "张掖")), "{found:#?}");
    assert!(kinds.contains(&(CheckKind::Modality, "可以")), "{found:#?}");
    assert!(
        found
            .iter()
            .any(|c| c.kind == CheckKind::Number && c.parent_text.as_deref() == Some("2020年")),
        "{found:#?}"
    );
    let place = found.iter().find(|c| c.kind == CheckKind::Place).unwrap();
    assert_eq!(place.expected.as_deref(), Some("武威市"));
}

#[test]
fn planted_names_are_found_and_place_checks_point_at_them() {
    let mut total = planted::PlacedScore::default();
    let mut cases = planted::standard_cases();
    cases.extend(planted::planted_cases(16, 7));
    for case in &cases {
        total.add(planted::score_case(case).0);
    }
    assert!(total.planted > 100, "{total:?}");
    assert!(total.recall() >= 0.95, "{total:?}");
    assert!(total.precision() >= 0.95, "{total:?}");
}
