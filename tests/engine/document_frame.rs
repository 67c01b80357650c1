//! The 公文 frame (GB/T 9704): header and closing blocks are the document's facts, kept with
//! their original ranges, and left out of the text measured for reuse.

use policy_lineage::Document;
use policy_lineage::compare::compare;

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
