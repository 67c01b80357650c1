//! The 公文 frame (GB/T 9704): header and closing blocks are the document's facts, kept with
//! their original ranges, and left out of the text measured for reuse.

use policy_lineage::compare::compare;
use policy_lineage::trace::{Options as TraceOptions, trace};
use policy_lineage::{Document, SpanClass};

use super::formats_native::{assert_gold_mapping, wuwei_text};

const HEADER: &str = "000123\n机密★1年\n特急\n武威市人民政府办公室文件\n";
const CLOSING: &str = "\n抄送：市委各部门，市人大常委会办公室，市政协办公室，市中级法院，市检察院，\n    各人民团体，各新闻单位。\n武威市人民政府办公室                  2018年12月21日印发\n";

/// The body with the same header and closing blocks around it, and its own number.
fn framed(body: &str, number: &str) -> String {
    format!("{HEADER}{number}    签发人：张明\n{body}{CLOSING}")
}

#[test]
fn the_frame_is_read_as_facts_with_original_ranges() {
    let text = framed(
        &wuwei_text().replacen("武政办发〔2018〕250号\n", "", 1),
        "武政办发〔2018〕250号",
    );
    let doc = Document::from_text("framed.txt", &text).unwrap();
    let frame = &doc.frame;
    assert_eq!(frame.copy_number.as_ref().unwrap().text, "000123");
    assert_eq!(frame.secrecy.as_ref().unwrap().text, "机密★1年");
    assert_eq!(frame.urgency.as_ref().unwrap().text, "特急");
    assert_eq!(frame.number.as_ref().unwrap().text, "武政办发〔2018〕250号");
    assert_eq!(frame.signer.as_ref().unwrap().text, "签发人：张明");
    assert_eq!(frame.issuer().as_deref(), Some("武威市人民政府办公室"));
    assert_eq!(frame.printed_date().as_deref(), Some("2018年12月21日"));
    assert_eq!(frame.recipients().len(), 7);
    assert_eq!(frame.recipients()[6], "各新闻单位");
    for range in frame.ranges() {
        let located: String = doc.chars()[range.clone()].iter().collect();
        assert!(text.contains(located.as_str()));
    }
    // Left out of the measured text, and the sections map as before.
    let measured: String = doc.normalized.chars.iter().collect();
    for gone in [
        "抄送",
        "签发人",
        "机密",
        "印发机关",
        "2018年12月21日印发",
        "000123",
    ] {
        assert!(!measured.contains(gone), "{gone} is still measured");
    }
    assert!(measured.contains("武威市新一代人工智能发展实施方案"));
    assert_gold_mapping(&doc);
}

#[test]
fn shared_closing_blocks_do_not_make_documents_related() {
    let read = |name: &str| {
        std::fs::read_to_string(format!(
            "{}/tests/corpus/{name}",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap()
    };
    let (a, b) = (
        read("changchun-2021-ai-opinions.txt"),
        read("zhongshan-2019-ai-action-plan-draft.txt"),
    );
    let bare = compare(
        &Document::from_text("a.txt", &a).unwrap(),
        &Document::from_text("b.txt", &b).unwrap(),
    );
    let framed = compare(
        &Document::from_text("a.txt", &framed(&a, "长府发〔2021〕3号")).unwrap(),
        &Document::from_text("b.txt", &framed(&b, "中府〔2019〕17号")).unwrap(),
    );
    let reused = |c: &policy_lineage::Comparison| c.summary.inherited + c.summary.adapted;
    assert!(
        (reused(&framed) - reused(&bare)).abs() < 0.002,
        "frame changed the reused share: {} vs {}",
        reused(&framed),
        reused(&bare)
    );
}

/// A notice in full 公文 form around `body`: what two notices of one office share even when
/// their texts have nothing in common.
fn notice(number: &str, body: &str) -> String {
    format!(
        "000042\n特急\n武威市人民政府办公室文件\n{number}    签发人：张明\n{body}\n抄送：市委办公室，市人大常委会办公室，市政协办公室。\n武威市人民政府办公室                  2018年12月21日印发\n"
    )
}

#[test]
fn documents_sharing_only_their_frames_share_nothing() {
    let a = notice(
        "武政办发〔2018〕250号",
        "关于加强城区绿化养护管理的通知\n各区人民政府：\n为改善人居环境，现就绿化养护通知如下。\n一、明确责任\n园林部门落实树木浇灌修剪。",
    );
    let b = notice(
        "武政办发〔2018〕251号",
        "关于做好冬季供暖保障工作的意见\n各县人民政府：\n为保障群众温暖过冬，提出下列意见。\n一、储备气源\n燃气企业提前签订采购合同。",
    );
    let (a, b) = (
        Document::from_text("a.txt", &a).unwrap(),
        Document::from_text("b.txt", &b).unwrap(),
    );
    for doc in [&a, &b] {
        let f = &doc.frame;
        assert!(
            f.number.is_some()
                && f.issuer_mark.is_some()
                && f.copied_to.is_some()
                && f.printed.is_some(),
            "{f:?}"
        );
        let measured: String = doc.normalized.chars.iter().collect();
        assert!(!measured.contains("武政办发"), "{measured}");
    }
    // The facts still read the number from the frame.
    assert_eq!(
        policy_lineage::document::facts::facts(&a).number.as_deref(),
        Some("武政办发〔2018〕250号")
    );
    let c = compare(&a, &b);
    assert_eq!(
        c.summary.inherited + c.summary.adapted,
        0.0,
        "{:?}",
        c.summary
    );
}

/// No reused span of `doc` runs over its frame, and the frame's characters are in added
/// spans: spans `(range, class)` in order.
fn assert_frame_unmeasured(doc: &Document, spans: &[(std::ops::Range<usize>, SpanClass)]) {
    assert!(!doc.frame.ranges().is_empty());
    assert!(spans.windows(2).all(|w| w[0].0.end <= w[1].0.start));
    for frame in doc.frame.ranges() {
        let text: String = doc.chars()[frame.clone()].iter().collect();
        for (range, class) in spans {
            let overlaps = range.start < frame.end && frame.start < range.end;
            assert!(
                !overlaps || *class == SpanClass::Added,
                "{text:?} is in a {class:?} span {range:?}"
            );
        }
        for i in frame.clone().filter(|&i| !doc.chars()[i].is_whitespace()) {
            assert!(
                spans.iter().any(|(r, _)| r.contains(&i)),
                "{text:?}: character {i} is in no span"
            );
        }
    }
}

fn corpus_text(name: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/tests/corpus/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

/// The real notices, each against a copy of itself issued under another number: the title
/// and addressees around the number are the parent's, the number is not.
#[test]
fn compare_spans_stop_at_the_number_of_real_notices() {
    for (name, number, other) in [
        (
            "wuwei-2018-ai-plan.txt",
            "武政办发〔2018〕250号",
            "武政办发〔2018〕249号",
        ),
        (
            "changchun-2021-ai-opinions.txt",
            "长府发〔2021〕1号",
            "长府发〔2021〕9号",
        ),
    ] {
        let text = corpus_text(name);
        let child = Document::from_text(name, &text).unwrap();
        let parent = Document::from_text("earlier.txt", &text.replacen(number, other, 1)).unwrap();
        for doc in [&child, &parent] {
            assert!(doc.frame.number.is_some(), "{name}: no number read");
        }
        let c = compare(&parent, &child);
        let spans: Vec<_> = c.spans.iter().map(|s| (s.range.clone(), s.class)).collect();
        assert_frame_unmeasured(&child, &spans);
        // The parent's number is not reused text either.
        let number = parent.frame.number.as_ref().unwrap().range.clone();
        assert!(
            c.parent_reused
                .iter()
                .all(|r| r.end <= number.start || number.end <= r.start),
            "{name}: {:?} reuses the parent's number {number:?}",
            c.parent_reused
        );
        // Everything else is the parent's: the number is all that is added.
        let added: String = c
            .spans
            .iter()
            .filter(|s| s.class == SpanClass::Added)
            .flat_map(|s| child.chars()[s.range.clone()].iter())
            .filter(|c| !c.is_whitespace())
            .collect();
        assert_eq!(added, number_text(&child), "{name}");
    }
}

fn number_text(doc: &Document) -> String {
    doc.frame.number.as_ref().unwrap().text.clone()
}

/// The Wuwei plan in full 公文 form against Gansu's: the frame is added text, no span reaches
/// into it, and the hand-checked mapping holds.
#[test]
fn a_framed_plan_against_its_parent_keeps_the_frame_out_of_every_span() {
    let child = Document::from_text(
        "framed.txt",
        &framed(
            &wuwei_text().replacen("武政办发〔2018〕250号\n", "", 1),
            "武政办发〔2018〕250号",
        ),
    )
    .unwrap();
    let gansu = Document::from_text("gansu.txt", &corpus_text("gansu-2018-ai-plan.txt")).unwrap();
    let c = compare(&gansu, &child);
    let spans: Vec<_> = c.spans.iter().map(|s| (s.range.clone(), s.class)).collect();
    assert_frame_unmeasured(&child, &spans);
    assert_gold_mapping(&child);
    // The same characters are reused as from the plan without its frame.
    let wuwei = Document::from_text("wuwei.txt", &wuwei_text()).unwrap();
    let bare = compare(&gansu, &wuwei);
    assert_eq!(reused_chars(&child, &c), reused_chars(&wuwei, &bare));
}

fn reused_chars(child: &Document, c: &policy_lineage::Comparison) -> usize {
    c.spans
        .iter()
        .filter(|s| s.class != SpanClass::Added)
        .flat_map(|s| child.chars()[s.range.clone()].iter())
        .filter(|c| !c.is_whitespace())
        .count()
}

/// Two framed versions of one plan, the later with a changed paragraph: compare and trace
/// agree that the frames (the same header, different numbers and closing blocks) are added.
#[test]
fn compare_and_trace_treat_the_frame_alike() {
    let body = wuwei_text().replacen("武政办发〔2018〕250号\n", "", 1);
    let parent =
        Document::from_text("earlier.txt", &framed(&body, "武政办发〔2018〕249号")).unwrap();
    let later = body.replacen("一、总体要求", "一、总体要求（修订）", 1);
    let child = Document::from_text(
        "later.txt",
        &framed(&later, "武政办发〔2018〕250号").replace("市委各部门", "市纪委监委"),
    )
    .unwrap();
    let c = compare(&parent, &child);
    let compared: Vec<_> = c.spans.iter().map(|s| (s.range.clone(), s.class)).collect();
    assert_frame_unmeasured(&child, &compared);
    let t = trace(
        &child,
        std::slice::from_ref(&parent),
        None,
        &TraceOptions::default(),
    );
    assert_eq!(t.sources.len(), 1, "the earlier version is a source");
    let traced: Vec<_> = t.spans.iter().map(|s| (s.range.clone(), s.class)).collect();
    assert_frame_unmeasured(&child, &traced);
    // Both count the same characters as reused.
    let reused = |spans: &[(std::ops::Range<usize>, SpanClass)]| -> usize {
        spans
            .iter()
            .filter(|(_, class)| *class != SpanClass::Added)
            .map(|(r, _)| {
                child.chars()[r.clone()]
                    .iter()
                    .filter(|c| !c.is_whitespace())
                    .count()
            })
            .sum()
    };
    assert_eq!(reused(&compared), reused(&traced));
    // Nor does any source range point into the earlier version's frame.
    for source in t.spans.iter().filter_map(|s| s.source_range.as_ref()) {
        for frame in parent.frame.ranges() {
            assert!(
                source.end <= frame.start || frame.end <= source.start,
                "{source:?} reaches into the source's frame {frame:?}"
            );
        }
    }
}
