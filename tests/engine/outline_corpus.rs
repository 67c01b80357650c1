//! The outline parser on the real documents of `tests/corpus/`, checked against the
//! hand-checked section list in `tests/gold/wuwei-gansu-sections.json`.

use std::ops::Range;
use std::path::Path;

use policy_lineage::document::outline::{HeadingKind, Outline, SectionKind, parse_outline};
use unicode_normalization::UnicodeNormalization;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn load(name: &str) -> Vec<char> {
    let path = root().join("tests/corpus").join(name);
    std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .chars()
        .collect()
}

fn parse(name: &str) -> (Vec<char>, Outline) {
    let chars = load(name);
    let outline = parse_outline(&chars, 0..chars.len());
    (chars, outline)
}

fn text(chars: &[char], range: Range<usize>) -> String {
    chars[range].iter().collect()
}

/// NFKC with all white space removed, the form the gold file gives headings in.
fn norm(s: &str) -> String {
    s.nfkc().filter(|c| !c.is_whitespace()).collect()
}

fn headings(chars: &[char], outline: &Outline) -> Vec<String> {
    outline
        .sections
        .iter()
        .map(|s| norm(&text(chars, s.heading.clone())))
        .collect()
}

fn gold() -> serde_json::Value {
    let path = root().join("tests/gold/wuwei-gansu-sections.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// The char offset where the `n`-th (0-based) occurrence of `needle` starts.
fn offset_of(chars: &[char], needle: &str, n: usize) -> usize {
    let s: String = chars.iter().collect();
    let byte = s.match_indices(needle).nth(n).expect("needle present").0;
    s[..byte].chars().count()
}

/// Changchun's file, parsed from its second title line on (the web chrome is above it).
fn changchun() -> (Vec<char>, Outline) {
    let chars = load("changchun-2021-ai-opinions.txt");
    let start = offset_of(
        &chars,
        "长春市人民政府关于加快新一代人工智能发展的实施意见",
        1,
    );
    let outline = parse_outline(&chars, start..chars.len());
    (chars, outline)
}

/// Line 15 of the scraped listing: Gansu's notice and plan run together on one line.
fn scraped_gansu() -> (Vec<char>, Outline) {
    let chars = load("provincial-policies-2018-scraped.txt");
    let mut line_start = 0;
    for _ in 0..14 {
        line_start += chars[line_start..].iter().position(|&c| c == '\n').unwrap() + 1;
    }
    let line_end = line_start + chars[line_start..].iter().position(|&c| c == '\n').unwrap();
    let outline = parse_outline(&chars, line_start..line_end);
    (chars, outline)
}

/// The Gansu plan's 43 sections as (normalised label, depth). The brief that specified this
/// list said "38 sections", but its own enumeration (preamble, 3 numerals, 12 paren numerals,
/// 27 arabic items) adds up to 43.
const GANSU_OUTLINE: &[(&str, usize)] = &[
    ("", 0),
    ("一、", 0),
    ("(一)", 1),
    ("(二)", 1),
    ("(三)", 1),
    ("1.", 2),
    ("2.", 2),
    ("3.", 2),
    ("二、", 0),
    ("(一)", 1),
    ("1.", 2),
    ("2.", 2),
    ("3.", 2),
    ("4.", 2),
    ("(二)", 1),
    ("5.", 2),
    ("6.", 2),
    ("7.", 2),
    ("(三)", 1),
    ("8.", 2),
    ("9.", 2),
    ("10.", 2),
    ("11.", 2),
    ("(四)", 1),
    ("12.", 2),
    ("13.", 2),
    ("14.", 2),
    ("15.", 2),
    ("16.", 2),
    ("17.", 2),
    ("18.", 2),
    ("(五)", 1),
    ("19.", 2),
    ("20.", 2),
    ("21.", 2),
    ("(六)", 1),
    ("22.", 2),
    ("23.", 2),
    ("24.", 2),
    ("三、", 0),
    ("(一)", 1),
    ("(二)", 1),
    ("(三)", 1),
];

#[test]
fn wuwei_sections_are_exactly_the_gold_child_sections() {
    let (chars, outline) = parse("wuwei-2018-ai-plan.txt");
    let found = headings(&chars, &outline);
    let gold = gold();
    let expected: Vec<String> = gold["sections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["child"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(expected.len(), 27);
    assert_eq!(found.len(), expected.len(), "sections: {found:#?}");
    for (heading, prefix) in found.iter().zip(&expected) {
        assert!(
            heading.starts_with(&norm(prefix)),
            "{heading:?} should start with {prefix:?}"
        );
    }
    assert_eq!(outline.sections[0].kind, SectionKind::Preamble);
    assert_eq!(outline.sections[0].title, "为贯彻实施国家人工智能强国战略");
    assert_eq!(
        text(&chars, outline.sections[0].heading.clone()),
        "为贯彻实施国家人工智能强国战略"
    );
}

#[test]
fn gansu_has_every_gold_parent_and_dropped_section() {
    let (chars, outline) = parse("gansu-2018-ai-plan.txt");
    let found = headings(&chars, &outline);
    let gold = gold();
    let parents = gold["sections"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| s["parents"].as_array().unwrap().iter());
    let dropped = gold["dropped"].as_array().unwrap().iter();
    let mut checked = 0;
    for prefix in parents.chain(dropped) {
        let prefix = norm(prefix.as_str().unwrap());
        assert!(
            found.iter().any(|h| h.starts_with(&prefix)),
            "no Gansu section starts with {prefix:?}"
        );
        checked += 1;
    }
    assert!(checked > 30);
}

#[test]
fn gansu_outline_has_the_full_structure() {
    let (chars, outline) = parse("gansu-2018-ai-plan.txt");
    let found: Vec<(String, usize)> = outline
        .sections
        .iter()
        .map(|s| (norm(&s.label), s.depth))
        .collect();
    let expected: Vec<(String, usize)> = GANSU_OUTLINE
        .iter()
        .map(|&(label, depth)| (label.to_owned(), depth))
        .collect();
    assert_eq!(found, expected);

    // Parent links agree with the depths and the children lists.
    for (i, s) in outline.sections.iter().enumerate() {
        match s.parent {
            None => assert_eq!(s.depth, 0),
            Some(p) => {
                assert_eq!(outline.sections[p].depth + 1, s.depth);
                assert!(outline.sections[p].children.contains(&i));
            }
        }
    }
    let find = |prefix: &str| {
        outline
            .sections
            .iter()
            .position(|s| norm(&text(&chars, s.heading.clone())).starts_with(prefix))
            .unwrap_or_else(|| panic!("no section {prefix}"))
    };
    let manufacturing = find("8.智能制造");
    let fusion = find("(三)推动人工智能与各行业融合创新");
    let tasks = find("二、重点任务");
    assert_eq!(outline.sections[manufacturing].parent, Some(fusion));
    assert_eq!(outline.sections[fusion].parent, Some(tasks));
    assert_eq!(outline.sections[manufacturing].title, "智能制造");
    assert_eq!(outline.sections[manufacturing].label, "8.");
    assert_eq!(
        text(&chars, outline.sections[manufacturing].heading.clone()),
        "8.智能制造。"
    );
    // 二、 holds its introduction itself and every item up to 24.
    let intro_end = outline.sections[tasks + 1].heading.start;
    assert!(outline.sections[tasks].own.end < intro_end);
    assert!(text(&chars, outline.sections[tasks].own.clone()).contains("立足甘肃发展全局"));
    assert!(text(&chars, outline.sections[tasks].range.clone()).ends_with("各市州政府）"));
    let measures = find("三、保障措施");
    assert_eq!(
        outline.sections[tasks].range.end,
        outline.sections[measures - 1].range.end
    );
    // The 基本原则 bullets belong to their section, they are not sections.
    let principles = find("(二)基本原则");
    assert!(outline.sections[principles].children.is_empty());
    assert!(text(&chars, outline.sections[principles].own.clone()).contains("--应用先导"));
}

#[test]
fn titles_numbers_and_front_matter_of_the_four_documents() {
    let located =
        |l: &Option<policy_lineage::document::outline::Located>| l.as_ref().map(|l| l.text.clone());

    let (chars, wuwei) = parse("wuwei-2018-ai-plan.txt");
    assert_eq!(
        located(&wuwei.title).as_deref(),
        Some("武威市新一代人工智能发展实施方案")
    );
    assert_eq!(
        located(&wuwei.doc_number).as_deref(),
        Some("武政办发〔2018〕250号")
    );
    assert_eq!(
        located(&wuwei.addressees).as_deref(),
        Some("各县、区人民政府,市政府各部门、单位,中央、省属在武有关单位:")
    );
    assert_eq!(
        located(&wuwei.signature).as_deref(),
        Some("武威市人民政府办公室")
    );
    assert_eq!(located(&wuwei.date).as_deref(), Some("2018年12月20日"));
    let front = text(&chars, wuwei.front_matter.clone());
    assert!(front.starts_with("武威市人民政府办公室关于印发"));
    assert!(front.ends_with("\n武威市新一代人工智能发展实施方案"));
    for l in [
        &wuwei.title,
        &wuwei.doc_number,
        &wuwei.addressees,
        &wuwei.signature,
        &wuwei.date,
    ] {
        let l = l.as_ref().unwrap();
        assert_eq!(text(&chars, l.range.clone()), l.text);
    }
    assert!(wuwei.sections[0].range.start >= wuwei.front_matter.end);

    let (chars, gansu) = parse("gansu-2018-ai-plan.txt");
    assert_eq!(
        located(&gansu.title).as_deref(),
        Some("甘肃省新一代人工智能发展实施方案")
    );
    assert_eq!(located(&gansu.doc_number), None);
    assert_eq!(
        located(&gansu.signature).as_deref(),
        Some("甘肃省人民政府办公厅")
    );
    assert_eq!(located(&gansu.date).as_deref(), Some("2018年8月1日"));
    assert!(
        located(&gansu.addressees)
            .unwrap()
            .starts_with("各市、自治州人民政府")
    );
    assert!(text(&chars, gansu.front_matter.clone()).ends_with("甘肃省新一代人工智能发展实施方案"));

    let (chars, changchun) = changchun();
    let title = "长春市人民政府关于加快新一代人工智能发展的实施意见";
    assert_eq!(located(&changchun.title).as_deref(), Some(title));
    assert_eq!(
        located(&changchun.doc_number).as_deref(),
        Some("长府发〔2021〕1号")
    );
    assert!(
        located(&changchun.addressees)
            .unwrap()
            .ends_with("各直属机构:")
    );
    assert_eq!(located(&changchun.signature), None);
    assert_eq!(located(&changchun.date), None);
    let front = text(&chars, changchun.front_matter.clone());
    assert!(front.starts_with(title) && front.ends_with("各直属机构:"));
    assert_eq!(changchun.sections[0].kind, SectionKind::Preamble);

    let (chars, zhongshan) = parse("zhongshan-2019-ai-action-plan-draft.txt");
    assert_eq!(
        located(&zhongshan.title).as_deref(),
        Some("中山市加快新一代人工智能发展行动计划(2019—2021年)")
    );
    assert_eq!(located(&zhongshan.doc_number), None);
    assert_eq!(
        located(&zhongshan.addressees).as_deref(),
        Some("各有关单位:")
    );
    assert_eq!(
        located(&zhongshan.signature).as_deref(),
        Some("中山市科学技术局")
    );
    assert_eq!(located(&zhongshan.date).as_deref(), Some("2019年5月31日"));
    let front = text(&chars, zhongshan.front_matter.clone());
    assert!(
        front.starts_with("各有关单位:")
            && front.ends_with(
                "\n附件\n中山市加快新一代人工智能发展行动计划(2019—2021年)\n(征求意见稿)"
            )
    );
    assert_eq!(zhongshan.sections[0].title, "为贯彻党的十九大精神");
    let labels: Vec<&str> = zhongshan
        .sections
        .iter()
        .map(|s| s.label.as_str())
        .take(5)
        .collect();
    assert_eq!(labels, ["", "一、", "二、", "(一)", "1、"]);
}

#[test]
fn wuwei_preamble_is_one_paragraph_over_its_three_wrapped_lines() {
    let (chars, outline) = parse("wuwei-2018-ai-plan.txt");
    let preamble: Vec<_> = outline
        .paragraphs
        .iter()
        .filter(|p| {
            p.range.start >= outline.front_matter.end
                && p.range.end <= outline.sections[1].range.start
        })
        .collect();
    assert_eq!(preamble.len(), 1);
    assert_eq!(preamble[0].heading_of, Some(0));
    let para = text(&chars, preamble[0].range.clone());
    assert_eq!(para.lines().count(), 3);
    assert!(para.starts_with("为贯彻实施国家人工智能强国战略"));
    assert!(para.contains("根据《\n甘肃省人民政府办公厅"));
    assert!(para.ends_with("甘政办发〔2018〕151号)精神,结合我市实际,制定本实施方案。"));
    assert_eq!(outline.sections[0].range, preamble[0].range);

    // Headings start paragraphs; every paragraph is trimmed and they come in order.
    for (i, s) in outline.sections.iter().enumerate() {
        let p = outline
            .paragraphs
            .iter()
            .find(|p| p.heading_of == Some(i))
            .unwrap();
        assert_eq!(p.range.start, s.heading.start);
    }
    for pair in outline.paragraphs.windows(2) {
        assert!(pair[0].range.end < pair[1].range.start);
    }
    // Item 8 runs on into an unnumbered paragraph, which stays in it.
    let farming = &outline.sections[18];
    assert_eq!(farming.title, "智能农业");
    assert!(text(&chars, farming.range.clone()).ends_with("各县区政府)"));
    assert!(text(&chars, farming.range.clone()).contains("\n引进、推广应用农业智能传感"));
}

#[test]
fn changchun_spaced_numeral_is_a_heading() {
    let (chars, outline) = changchun();
    let first = &outline.sections[1];
    assert_eq!(first.kind, SectionKind::Heading(HeadingKind::Numeral));
    assert_eq!(first.label, "一 、");
    assert_eq!(first.title, "总体要求");
    assert_eq!(text(&chars, first.heading.clone()), "一 、总体要求");
    let top: Vec<String> = outline
        .sections
        .iter()
        .filter(|s| s.depth == 0 && s.kind != SectionKind::Preamble)
        .map(|s| norm(&s.label))
        .collect();
    assert_eq!(top, ["一、", "二、", "三、", "四、", "五、"]);
    // `——` bullets are text of 二、, the `2.0 时代` inside item 1 is no label.
    assert!(outline.sections[2].children.is_empty());
    assert_eq!(outline.sections.len(), 23);
    let item = outline
        .sections
        .iter()
        .find(|s| s.title == "开展应用基础理论研究")
        .unwrap();
    assert_eq!(item.kind, SectionKind::Heading(HeadingKind::Arabic));
    assert!(text(&chars, item.own.clone()).contains("2.0 时代"));
}

#[test]
fn scraped_one_line_gansu_gives_the_same_outline() {
    let (file_chars, file) = parse("gansu-2018-ai-plan.txt");
    let (chars, scraped) = scraped_gansu();
    assert_eq!(scraped.sections.len(), GANSU_OUTLINE.len());
    // The scraped page writes `——` where the file has `--`; headings agree after NFKC.
    assert_eq!(headings(&chars, &scraped), headings(&file_chars, &file));
    let depths = |o: &Outline| {
        o.sections
            .iter()
            .map(|s| (s.depth, s.parent))
            .collect::<Vec<_>>()
    };
    assert_eq!(depths(&scraped), depths(&file));
    assert_eq!(
        scraped.title.as_ref().unwrap().text,
        "甘肃省新一代人工智能发展实施方案"
    );
    assert_eq!(scraped.date.as_ref().unwrap().text, "2018年8月1日");
    let front = text(&chars, scraped.front_matter.clone());
    assert!(front.contains("(此件公开发布)"));
    // Paragraphs are the pieces between the space runs, not the whole line.
    assert_eq!(scraped.paragraphs.len(), file.paragraphs.len() + 1);
    assert!(
        scraped
            .paragraphs
            .iter()
            .all(|p| !text(&chars, p.range.clone()).contains("   "))
    );
}

#[test]
fn every_heading_starts_with_its_label_and_ranges_nest() {
    let docs = [
        parse("wuwei-2018-ai-plan.txt"),
        parse("gansu-2018-ai-plan.txt"),
        parse("zhongshan-2019-ai-action-plan-draft.txt"),
        changchun(),
        scraped_gansu(),
    ];
    for (chars, outline) in &docs {
        assert!(!outline.sections.is_empty());
        for (i, s) in outline.sections.iter().enumerate() {
            let heading = text(chars, s.heading.clone());
            assert!(heading.starts_with(&s.label), "{heading:?} / {:?}", s.label);
            assert!(!s.title.is_empty() && heading.contains(&s.title));
            assert!(s.range.start == s.heading.start && s.own.start == s.heading.start);
            assert!(s.heading.end <= s.own.end && s.own.end <= s.range.end);
            assert!(s.range.start >= outline.front_matter.end);
            let last = chars[s.range.end - 1];
            assert!(!last.is_whitespace(), "section {i} ends in white space");
            for &c in &s.children {
                let child = &outline.sections[c];
                assert!(c > i && child.parent == Some(i));
                assert!(s.range.start < child.range.start && child.range.end <= s.range.end);
            }
            if let Some(next) = outline.sections.get(i + 1) {
                assert!(s.own.end < next.heading.start);
                assert!(next.parent == Some(i) || s.range.end < next.range.start);
            }
        }
    }
}

#[test]
fn degenerate_inputs_do_not_panic() {
    let empty = parse_outline(&[], 0..0);
    assert!(empty.sections.is_empty() && empty.paragraphs.is_empty());
    assert_eq!(empty.front_matter, 0..0);

    let blank: Vec<char> = " \n\u{3000}\u{3000}\r\n\n   ".chars().collect();
    let outline = parse_outline(&blank, 0..blank.len());
    assert!(outline.sections.is_empty() && outline.paragraphs.is_empty());

    // Out-of-range ranges are clamped.
    let short: Vec<char> = "一、总体要求".chars().collect();
    let tail = parse_outline(&short, 3..100);
    assert_eq!(tail.sections.len(), 1);
    assert_eq!(tail.sections[0].kind, SectionKind::Preamble);
    assert_eq!(parse_outline(&short, 0..100).sections.len(), 1);

    // No headings at all: one untitled block.
    let plain: Vec<char> = "为推进工作，制定本方案。\n请认真执行。".chars().collect();
    let outline = parse_outline(&plain, 0..plain.len());
    assert_eq!(outline.sections.len(), 1);
    assert_eq!(outline.sections[0].title, "为推进工作");
    assert_eq!(outline.sections[0].range, 0..plain.len());

    // One 30,000-character line without any break.
    let long: Vec<char> = "人工智能发展".chars().cycle().take(30_000).collect();
    let outline = parse_outline(&long, 0..long.len());
    assert_eq!(outline.paragraphs.len(), 1);
    assert_eq!(outline.sections.len(), 1);

    // Labels only, punctuation only, odd brackets.
    for s in [
        "1.",
        "（",
        "《《《",
        "(一",
        "第",
        "①",
        "——",
        "2018年",
        "附件",
        "各单位:",
    ] {
        let chars: Vec<char> = s.chars().collect();
        let _ = parse_outline(&chars, 0..chars.len());
    }
}

#[test]
fn a_large_input_parses_in_linear_time() {
    let (chars, _) = parse("gansu-2018-ai-plan.txt");
    let big: Vec<char> = chars
        .iter()
        .copied()
        .cycle()
        .take(chars.len() * 100)
        .collect();
    let started = std::time::Instant::now();
    let outline = parse_outline(&big, 0..big.len());
    assert!(outline.sections.len() > 100 * 40);
    // About 2 MB of text; generous for debug builds on a loaded machine.
    assert!(started.elapsed().as_secs() < 20, "{:?}", started.elapsed());

    // Inputs that would be quadratic with a careless scan: one 300,000-character line of
    // quoted titles, of unclosed brackets, of space-separated labels; lines all wrapped.
    let started = std::time::Instant::now();
    for unit in [
        "《甲》",
        "（《",
        "1.   ",
        "第一条　　",
        "一、各单位:   ",
        "为推进工作，\n",
    ] {
        let chars: Vec<char> = unit.chars().cycle().take(300_000).collect();
        let outline = parse_outline(&chars, 0..chars.len());
        assert!(
            outline
                .paragraphs
                .iter()
                .all(|p| p.range.end <= chars.len())
        );
    }
    assert!(started.elapsed().as_secs() < 20, "{:?}", started.elapsed());
}
