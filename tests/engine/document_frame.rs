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
