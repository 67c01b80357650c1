//! The corpus window as a research view, on a generated corpus of 50 related documents: a
//! national plan, nine provinces' plans derived from it, four cities' plans under each
//! province and four counties' under one city. The lineage graph stays readable (no two
//! documents overlap, all on the canvas) and the heat map labels, orders and opens pairs.

use crate::support;

use std::path::Path;
use std::time::Duration;

use egui::{Rect, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use policy_lineage::app::corpus_view::{CorpusCommand, CorpusTab};
use policy_lineage::app::i18n::Lang;
use policy_lineage::app::{App, Command, ThemeChoice};
use policy_lineage::corpus::{Corpus, Level, Progress};

const PROVINCES: [(&str, [&str; 4]); 9] = [
    ("甘肃省", ["武威市", "兰州市", "天水市", "张掖市"]),
    ("四川省", ["成都市", "绵阳市", "德阳市", "宜宾市"]),
    ("河南省", ["郑州市", "洛阳市", "开封市", "南阳市"]),
    ("湖北省", ["武汉市", "宜昌市", "襄阳市", "荆州市"]),
    ("湖南省", ["长沙市", "株洲市", "湘潭市", "岳阳市"]),
    ("广东省", ["广州市", "深圳市", "珠海市", "佛山市"]),
    ("江苏省", ["南京市", "苏州市", "无锡市", "常州市"]),
    ("浙江省", ["杭州市", "宁波市", "温州市", "嘉兴市"]),
    ("山东省", ["济南市", "青岛市", "烟台市", "潍坊市"]),
];
const COUNTIES: [&str; 4] = ["古浪县", "民勤县", "天祝县", "凉州区"];

/// Paragraphs of made-up wording, each document's own (xorshift over common characters).
fn own_paragraphs(seed: u64, count: usize) -> Vec<String> {
    const CHARS: &str = "发展推进建设创新产业技术应用服务平台数据智能体系能力加快完善支持重点项目\
                         企业人才资源融合开放合作安全标准机制政策保障环境示范工程研究基础设施";
    let chars: Vec<char> = CHARS.chars().collect();
    let mut x = seed.wrapping_mul(0x9e3779b97f4a7c15) | 1;
    (0..count)
        .map(|_| {
            let mut p: String = (0..118)
                .map(|_| {
                    x ^= x << 13;
                    x ^= x >> 7;
                    x ^= x << 17;
                    chars[(x % chars.len() as u64) as usize]
                })
                .collect();
            p.push('。');
            p
        })
        .collect()
}

/// A derived document: the parent's paragraphs but about one in four (chosen by `seed`),
/// then its own.
fn derive(parent: &[String], seed: u64, own: usize) -> Vec<String> {
    let mut out: Vec<String> = parent
        .iter()
        .enumerate()
        .filter(|(k, _)| {
            let h = (seed ^ (*k as u64 + 1).wrapping_mul(0x9e3779b97f4a7c15))
                .wrapping_mul(0xbf58476d1ce4e5b9);
            !(h >> 59).is_multiple_of(4)
        })
        .map(|(_, p)| p.clone())
        .collect();
    out.extend(own_paragraphs(seed, own));
    out
}

fn write(dir: &Path, name: &str, title: &str, year: u32, paragraphs: &[String]) {
    let text = format!("{title}\n\n{}\n\n{year}年6月1日\n", paragraphs.join("\n"));
    std::fs::write(dir.join(format!("{name}.txt")), text).unwrap();
}

/// Writes the 50 documents into `dir`.
pub fn family_corpus(dir: &Path) {
    let national = own_paragraphs(1, 14);
    write(
        dir,
        "00-national",
        "国务院关于印发新一代人工智能发展规划的通知",
        2017,
        &national,
    );
    for (p, (province, cities)) in PROVINCES.iter().enumerate() {
        let plan = derive(&national, 100 + p as u64, 4);
        let title = format!("{province}人民政府关于印发{province}新一代人工智能发展规划的通知");
        write(dir, &format!("{p}0-{province}"), &title, 2018, &plan);
        for (c, city) in cities.iter().enumerate() {
            let city_plan = derive(&plan, 1000 + (p * 4 + c) as u64, 4);
            let title = format!("{city}人民政府关于印发{city}新一代人工智能发展实施方案的通知");
            write(
                dir,
                &format!("{p}{}-{city}", c + 1),
                &title,
                2019,
                &city_plan,
            );
            if p == 0 && c == 0 {
                for (k, county) in COUNTIES.iter().enumerate() {
                    let county_plan = derive(&city_plan, 5000 + k as u64, 4);
                    let title =
                        format!("{county}人民政府关于印发{county}人工智能发展行动计划的通知");
                    write(
                        dir,
                        &format!("{p}{}{k}-{county}", c + 1),
                        &title,
                        2020,
                        &county_plan,
                    );
                }
            }
        }
    }
}

/// A harness showing the window on the generated corpus, analysed.
fn research_harness(size: egui::Vec2) -> (Harness<'static, App>, Corpus, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    family_corpus(dir.path());
    let corpus = Corpus::build(&[dir.path().to_owned()], None, &Progress::default()).unwrap();
    assert_eq!(corpus.docs.len(), 50);
    let mut app = App::new(support::state(Lang::En, ThemeChoice::Light), None);
    assert!(app.wait_until_loaded(Duration::from_secs(120)));
    let mut harness = support::build(support::builder().with_size(size), app);
    harness.run_steps(4);
    harness.state_mut().show_corpus(corpus.clone());
    assert!(
        harness
            .state_mut()
            .wait_until_loaded(Duration::from_secs(300))
    );
    harness.run_steps(6);
    (harness, corpus, dir)
}

#[test]
fn fifty_documents_lie_in_levels_without_overlapping() {
    let (harness, corpus, _dir) = research_harness(vec2(1480.0, 1000.0));
    let levels: Vec<Level> = corpus.docs.iter().map(|d| d.level).collect();
    assert_eq!(levels.iter().filter(|&&l| l == Level::City).count(), 36);
    assert_eq!(levels.iter().filter(|&&l| l == Level::County).count(), 4);
    let analysis = harness.state().corpus.analysis.as_ref().expect("analysed");
    // Nearly every document is linked to a source.
    assert!(analysis.links.len() >= 45, "{} links", analysis.links.len());
    let canvas = harness
        .get_by_label(Lang::En.texts().corpus.graph_canvas)
        .rect();
    let nodes: Vec<(String, Rect)> = corpus
        .docs
        .iter()
        .map(|d| {
            let name = format!("{} · ", d.label);
            let rect = harness.get_by_label_contains(&name).rect();
            (d.label.clone(), rect)
        })
        .collect();
    for (k, (a, ra)) in nodes.iter().enumerate() {
        assert!(
            canvas.contains_rect(*ra),
            "{a} at {ra:?} is off the canvas {canvas:?}"
        );
        for (b, rb) in &nodes[k + 1..] {
            assert!(!ra.intersects(*rb), "{a} {ra:?} overlaps {b} {rb:?}");
        }
    }
    // Columns by level: the national plan left of the provinces, left of the cities and
    // counties.
    let x = |label: &str| nodes.iter().find(|(l, _)| l == label).unwrap().1.min.x;
    assert!(x("00-national.txt") < x("00-甘肃省.txt"));
    assert!(x("00-甘肃省.txt") < x("01-武威市.txt"));
    assert!(x("01-武威市.txt") < x("010-古浪县.txt"));
    // A child's row is below its parent's.
    let y = |label: &str| nodes.iter().find(|(l, _)| l == label).unwrap().1.min.y;
    assert!(y("00-甘肃省.txt") < y("01-武威市.txt"));
}

#[test]
fn the_heat_map_orders_labels_and_opens_a_pair() {
    let (mut harness, corpus, _dir) = research_harness(vec2(1480.0, 1100.0));
    harness
        .state_mut()
        .push(Command::Corpus(CorpusCommand::Tab(CorpusTab::HeatMap)));
    harness.run_steps(4);
    let analysis = harness.state().corpus.analysis.as_ref().expect("analysed");
    let order = analysis.order.clone();
    // A province's cities sit next to each other.
    let at = |label: &str| {
        let d = corpus.docs.iter().position(|d| d.label == label).unwrap();
        order.iter().position(|&x| x == d).unwrap()
    };
    let cities: Vec<usize> = [
        "31-武汉市.txt",
        "32-宜昌市.txt",
        "33-襄阳市.txt",
        "34-荆州市.txt",
    ]
    .iter()
    .map(|l| at(l))
    .collect();
    let spread = cities.iter().max().unwrap() - cities.iter().min().unwrap();
    assert_eq!(spread, 3, "Hubei's cities are spread over {cities:?}");
    // Rows and columns are labelled, with the full title.
    let hubei_title = "湖北省人民政府关于印发湖北省新一代人工智能发展规划的通知";
    let name = format!("30-湖北省.txt — {hubei_title}");
    let labels = harness.get_all_by_label(&name).count();
    assert_eq!(labels, 2, "a row and a column label");
    // Hovering a cell shows both documents at the pointer; clicking opens the pair.
    let cells = harness
        .get_by_label(Lang::En.texts().corpus.heat_cells)
        .rect();
    let n = order.len() as f32;
    let cell = cells.width() / n;
    let (row, col) = (at("31-武汉市.txt"), at("30-湖北省.txt"));
    let pos = cells.min + vec2((col as f32 + 0.5) * cell, (row as f32 + 0.5) * cell);
    harness.hover_at(pos);
    harness.run_steps(4);
    assert!(
        harness
            .query_by_label_contains("Row: 31-武汉市.txt")
            .is_some(),
        "the tooltip names the row"
    );
    harness.event(egui::Event::PointerButton {
        pos,
        button: egui::PointerButton::Primary,
        pressed: true,
        modifiers: egui::Modifiers::NONE,
    });
    harness.event(egui::Event::PointerButton {
        pos,
        button: egui::PointerButton::Primary,
        pressed: false,
        modifiers: egui::Modifiers::NONE,
    });
    harness.run_steps(2);
    assert!(
        harness
            .state_mut()
            .wait_until_loaded(Duration::from_secs(120))
    );
    let current = harness.state().current.as_ref().expect("a pair is open");
    assert_eq!(current.parent.label(), "30-湖北省.txt");
    assert_eq!(current.child.label(), "31-武汉市.txt");
}

#[test]
fn heat_map_labels_stay_put_while_the_cells_scroll() {
    let (mut harness, corpus, _dir) = research_harness(vec2(600.0, 560.0));
    harness
        .state_mut()
        .push(Command::Corpus(CorpusCommand::Tab(CorpusTab::HeatMap)));
    harness.run_steps(4);
    let cells_label = Lang::En.texts().corpus.heat_cells;
    let first = corpus.docs[harness.state().corpus.analysis.as_ref().unwrap().order[0]].clone();
    let name = format!("{} — {}", first.label, first.title);
    // The cells' view, unscrolled.
    let view = harness.get_by_label(cells_label).rect();
    // The cells, and the first row's label (left of the view) and the first column's (above).
    let labels = |h: &Harness<'static, App>| {
        let cells = h.get_by_label(cells_label).rect();
        let rects: Vec<Rect> = h.get_all_by_label(&name).map(|n| n.rect()).collect();
        let row = rects.iter().find(|r| r.max.x <= view.min.x).copied();
        let column = rects.iter().find(|r| r.max.y <= view.min.y).copied();
        (cells, row, column)
    };
    let (cells, row, column) = labels(&harness);
    let (row, column) = (row.expect("row label"), column.expect("column label"));

    let inside = egui::pos2(cells.min.x + 40.0, cells.min.y + 40.0);
    wheel(&mut harness, inside, vec2(-120.0, 0.0));
    let (moved, row_after, _) = labels(&harness);
    assert!(moved.min.x < cells.min.x - 10.0, "{moved:?} from {cells:?}");
    assert_eq!(moved.min.y, cells.min.y);
    assert_eq!(row_after, Some(row), "the row label scrolled away");
    wheel(&mut harness, inside, vec2(120.0, 0.0));
    wheel(&mut harness, inside, vec2(0.0, -120.0));
    let (moved, _, column_after) = labels(&harness);
    assert!(moved.min.y < cells.min.y - 10.0, "{moved:?} from {cells:?}");
    assert_eq!(column_after, Some(column), "the column label scrolled away");
    // Labels stay clear of the cells' view: the first column's label is at the top edge.
    assert!(column.max.y <= cells.min.y && row.max.x <= cells.min.x);
}

/// Turns the wheel over `pos` (a negative delta moves the content left or up).
fn wheel(harness: &mut Harness<'static, App>, pos: egui::Pos2, delta: egui::Vec2) {
    harness.hover_at(pos);
    harness.step();
    harness.event(egui::Event::MouseWheel {
        unit: egui::MouseWheelUnit::Point,
        delta,
        phase: egui::TouchPhase::Move,
        source: egui::MouseWheelSource::Unknown,
        modifiers: egui::Modifiers::NONE,
    });
    harness.run_steps(4);
}
