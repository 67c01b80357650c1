//! The parser on constructed documents.

use super::*;

fn chars(s: &str) -> Vec<char> {
    s.chars().collect()
}

/// The label at the start of `s`, as (kind, label text).
fn label(s: &str) -> Option<(HeadingKind, String)> {
    let c = chars(s);
    parse_label(&c, 0, c.len()).map(|l| (l.kind, c[..l.end].iter().collect()))
}

fn outline(s: &str) -> (Vec<char>, Outline) {
    let c = chars(s);
    let o = parse_outline(&c, 0..c.len());
    (c, o)
}

fn text(c: &[char], r: Range<usize>) -> String {
    c[r].iter().collect()
}

#[test]
fn numbers_are_not_arabic_labels() {
    assert_eq!(label("2018年，全省"), None);
    assert_eq!(label("2.0时代的重大科学前沿"), None);
    assert_eq!(label("1.5亿元用于"), None);
    assert_eq!(label("2. 0 时代"), None);
    assert_eq!(label("2018、2019年"), None);
    assert_eq!(label("2018.智能"), None);
    assert_eq!(label("(2018—2020年)"), None);
    assert_eq!(label("（此件公开发布）"), None);
    assert_eq!(label("一是加强"), None);
    assert_eq!(label("第一批试点"), None);
}

#[test]
fn labels_of_every_kind() {
    use HeadingKind::*;
    let cases = [
        ("10.智能金融。", Arabic, "10."),
        ("1．总体目标", Arabic, "1．"),
        ("1、推动", Arabic, "1、"),
        ("１２．全角", Arabic, "１２．"),
        ("（十二）加强组织领导", ParenNumeral, "（十二）"),
        ("(一)指导思想。", ParenNumeral, "(一)"),
        ("（ 三 ）空格", ParenNumeral, "（ 三 ）"),
        ("（1）智能", ParenArabic, "（1）"),
        ("(12)智能", ParenArabic, "(12)"),
        ("第十一条 为了", Article, "第十一条"),
        ("第一章　总则", Chapter, "第一章"),
        ("第二节 目标", Division, "第二节"),
        ("第12条", Article, "第12条"),
        ("①智能", Circled, "①"),
        ("⑳、末项", Circled, "⑳、"),
        ("一、总体要求", Numeral, "一、"),
        ("一 、总体要求", Numeral, "一 、"),
        ("二十三、附则", Numeral, "二十三、"),
        ("㈢简写", ParenNumeral, "㈢"),
    ];
    for (input, kind, text) in cases {
        assert_eq!(label(input), Some((kind, text.to_owned())), "{input}");
    }
    // A label needs what follows its number.
    assert_eq!(label("十分重要"), None);
    assert_eq!(label("（一"), None);
    assert_eq!(label("第十一"), None);
    assert_eq!(label("1"), None);
}

#[test]
fn heading_extents() {
    let heading = |s: &str| {
        let c = chars(s);
        let l = parse_label(&c, 0, c.len()).unwrap();
        let end = heading_end(&c, l.end, c.len());
        (text(&c, 0..end), title_text(&c, l.end, end))
    };
    let h = |a: &str, b: &str| (a.to_owned(), b.to_owned());
    assert_eq!(
        heading("7.智能制造。结合装备制造和冶金、汽车"),
        h("7.智能制造。", "智能制造")
    );
    assert_eq!(
        heading("（一）指导思想。"),
        h("（一）指导思想。", "指导思想")
    );
    assert_eq!(heading("二、重点任务"), h("二、重点任务", "重点任务"));
    assert_eq!(heading("第一章 总则"), h("第一章 总则", "总则"));
    // No sentence end within 40 characters: up to the first comma.
    let long = "1.到2020年,探索建立新一代人工智能创新体系,在重点领域引进、推广一批人工智能技术,积极开展研发。";
    assert_eq!(heading(long), h("1.到2020年", "到2020年"));
    // Neither: the first 20 characters of the title.
    let run_on = format!("3.{}", "人工智能".repeat(15));
    assert_eq!(
        heading(&run_on),
        h(
            &format!("3.{}", "人工智能".repeat(5)),
            &"人工智能".repeat(5)
        )
    );
    // A decimal point is no full stop.
    assert_eq!(
        heading("5.发展2.0版本平台。其余"),
        h("5.发展2.0版本平台。", "发展2.0版本平台")
    );
}

#[test]
fn hard_wrapped_lines_are_joined_but_headings_are_not() {
    let (c, o) = outline(
        "为贯彻实施国家人工智能强国战略,推进我市人工智能技术发展和应用,根据《\n\
         省人民政府关于印发某方案的通知》 (\n\
         某政发〔2018〕1号)精神,制定本方案。\n\
         一、总体要求\n\
         全面贯彻落实党的十九大精神,以新时代中国特色社会主义思想为指导,深入\n\
         实施创新驱动发展战略。\n\
         --创新引领。增强创新能力\n\
         --突出重点。\n\
         短行\n\
         另一段。\n",
    );
    let paragraphs: Vec<String> = o
        .paragraphs
        .iter()
        .map(|p| text(&c, p.range.clone()))
        .collect();
    assert_eq!(paragraphs.len(), 7, "{paragraphs:#?}");
    assert!(paragraphs[0].ends_with("制定本方案。") && paragraphs[0].lines().count() == 3);
    assert_eq!(paragraphs[1], "一、总体要求");
    assert!(paragraphs[2].ends_with("实施创新驱动发展战略。"));
    assert_eq!(paragraphs[3], "--创新引领。增强创新能力");
    assert_eq!(paragraphs[5], "短行");
    assert_eq!(o.paragraphs[0].heading_of, Some(0));
    assert_eq!(o.paragraphs[1].heading_of, Some(1));
    assert_eq!(o.sections.len(), 2);
    assert_eq!(o.sections[1].range.end, c.len() - 1);
}

#[test]
fn space_runs_break_scraped_lines() {
    let (c, o) = outline(
        "一、总体要求   (一)指导思想。   全面贯彻。   第一条　　为了规范管理，制定本办法。",
    );
    let labels: Vec<&str> = o.sections.iter().map(|s| s.label.as_str()).collect();
    assert_eq!(labels, ["一、", "(一)", "第一条"]);
    // The run after a bare label is no break: the article keeps its text.
    assert!(text(&c, o.sections[2].own.clone()).ends_with("制定本办法。"));
    assert_eq!(o.paragraphs.len(), 4);
}

#[test]
fn levels_follow_first_appearance() {
    // 1. first seen under （一）, later directly under 二、 (a skipped level), then a new
    // kind (（1）) nests under the current item.
    let (_, o) = outline(
        "一、甲\n（一）乙\n1.丙\n2.丁\n（1）戊\n（2）己\n3.庚\n二、辛\n1.壬\n（二）癸\n三、子\n",
    );
    let shape: Vec<(String, usize, Option<usize>)> = o
        .sections
        .iter()
        .map(|s| (s.label.clone(), s.depth, s.parent))
        .collect();
    let expected = [
        ("一、", 0, None),
        ("（一）", 1, Some(0)),
        ("1.", 2, Some(1)),
        ("2.", 2, Some(1)),
        ("（1）", 3, Some(3)),
        ("（2）", 3, Some(3)),
        ("3.", 2, Some(1)),
        ("二、", 0, None),
        ("1.", 1, Some(7)),
        ("（二）", 1, Some(7)),
        ("三、", 0, None),
    ];
    let expected: Vec<(String, usize, Option<usize>)> = expected
        .iter()
        .map(|&(l, d, p)| (l.to_owned(), d, p))
        .collect();
    assert_eq!(shape, expected);
    assert_eq!(o.sections[3].children, [4, 5]);
    assert_eq!(o.sections[7].children, [8, 9]);
}

#[test]
fn closing_signature_and_date_without_a_covering_notice() {
    let doc = "某市人民政府关于加快发展的实施意见\n某府发〔2021〕1号\n各区人民政府：\n为加快发展，提出如下意见。\n一、总体要求\n加强领导。\n某市人民政府\n2021年1月19日\n";
    let (c, o) = outline(doc);
    assert_eq!(
        o.title.as_ref().unwrap().text,
        "某市人民政府关于加快发展的实施意见"
    );
    assert_eq!(o.doc_number.as_ref().unwrap().text, "某府发〔2021〕1号");
    assert_eq!(o.signature.as_ref().unwrap().text, "某市人民政府");
    assert_eq!(o.date.as_ref().unwrap().text, "2021年1月19日");
    let last = o.sections.last().unwrap();
    assert_eq!(text(&c, last.range.clone()), "一、总体要求\n加强领导。");
    assert_eq!(o.sections[0].kind, SectionKind::Preamble);
    assert_eq!(o.sections[0].title, "为加快发展");
    assert_eq!(o.paragraphs.len(), 8);
}

#[test]
fn closing_block_stays_in_the_text_after_a_covering_notice() {
    let doc = "某市人民政府办公室关于印发某市发展方案的通知\n各区人民政府：\n现将《某市发展方案》印发给你们。\n某市人民政府办公室\n2021年1月2日\n某市发展方案\n为加快发展，制定本方案。\n一、目标\n加强领导。\n某市发展局\n2021年1月1日";
    let (c, o) = outline(doc);
    assert_eq!(o.title.as_ref().unwrap().text, "某市发展方案");
    assert_eq!(o.date.as_ref().unwrap().text, "2021年1月2日");
    assert!(
        text(&c, o.sections.last().unwrap().range.clone()).ends_with("某市发展局\n2021年1月1日")
    );
}

#[test]
fn number_above_the_title_and_long_addressees() {
    let addressees = format!(
        "{}：",
        "各市、自治州人民政府，省政府各部门、各直属机构".repeat(3)
    );
    let doc = format!(
        "某政发〔2020〕3号\n某省人民政府关于加快发展的意见\n{addressees}\n为加快发展，提出如下意见。\n一、目标\n"
    );
    let (_, o) = outline(&doc);
    assert_eq!(o.doc_number.as_ref().unwrap().text, "某政发〔2020〕3号");
    assert_eq!(
        o.title.as_ref().unwrap().text,
        "某省人民政府关于加快发展的意见"
    );
    assert_eq!(o.addressees.as_ref().unwrap().text, addressees);
    assert_eq!(o.sections[0].title, "为加快发展");
}

#[test]
fn a_title_alone_is_front_matter() {
    let (_, o) = outline("某省数字经济发展规划\n(2021—2025年)\n一、发展基础\n");
    assert_eq!(o.title.as_ref().unwrap().text, "某省数字经济发展规划");
    assert_eq!(o.sections.len(), 1);
    assert_eq!(o.sections[0].label, "一、");
    let (_, o) = outline("为加快发展，制定本方案。\n一、目标\n");
    assert_eq!(o.front_matter, 0..0);
    assert_eq!(o.title, None);
}

#[test]
fn matchers_for_the_head_block() {
    let f = |s: &str| folded(&chars(s));
    assert!(is_doc_number(&f("武政办发〔2018〕250号")));
    assert!(is_doc_number(&f("国发[2017]35号")));
    assert!(!is_doc_number(&f("(国发〔2017〕35号)精神")));
    assert!(is_date(&f("2018年12月20日")));
    assert!(is_date(&f("二〇一八年十二月二十日")));
    assert!(!is_date(&f("2018年12月20日起施行")));
    assert!(is_addressees(&f("各县(市)、区人民政府,开发区管委会:")));
    assert!(!is_addressees(&f("主要任务如下:")));
    assert!(title_like(&f(
        "中山市加快新一代人工智能发展行动计划(2019—2021年)"
    )));
    assert!(!title_like(&f("为贯彻落实，制定本方案。")));
    assert!(is_plan_title(
        &f("中山市加快新一代人工智能发展行动计划(2019—2021年)"),
        &f("中山市加快新一代人工智能发展行动计划(2019-2021年)(征求意见稿)"),
    ));
}

#[test]
fn an_office_name_on_a_wrapped_line_is_no_heading() {
    // PDF extraction and web pages wrap lines mid-sentence; a line may then begin with the
    // office leading the task, or be nothing but its name.
    let (c, o) = outline(
        "一、总体要求\n（一）指导思想。推动人工智能发展，由\n市科技局\n牵头，市发改委配合。\n\
         （二）主要目标。到2020年，人工智能产业\n市科技局牵头组织实施，各部门配合。\n\
         市科技局、市工信局\n负责落实。\n二、重点任务\n推进智能制造。\n",
    );
    let headings: Vec<String> = o
        .sections
        .iter()
        .map(|s| text(&c, s.heading.clone()))
        .collect();
    assert_eq!(
        headings,
        [
            "一、总体要求",
            "（一）指导思想。",
            "（二）主要目标。",
            "二、重点任务"
        ]
    );
}
