//! The frame of an official document (GB/T 9704): the header block above the text (份号,
//! 密级和保密期限, 紧急程度, 发文机关标志, 发文字号, 签发人) and the closing block below it
//! (抄送, 印发机关和印发日期). They are facts about the document, not text it shares with
//! others: two plans both copied to the same offices are not related for that. So the frame
//! is recognised here, kept as fields, and left out of the text measured for reuse; every
//! field keeps the range of the original characters it was read from.

use std::ops::Range;

use crate::document::outline::Located;

/// Lines at the top looked at for the header block, and at the bottom for the closing block.
const HEAD_LINES: usize = 10;
const TAIL_LINES: usize = 10;
/// A header element is a short line; a longer one is text.
const MAX_HEADER_LINE: usize = 40;
/// Lines the 抄送 recipients may fill.
const MAX_COPIED_LINES: usize = 4;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Frame {
    /// 份号: the copy's six-digit number.
    pub copy_number: Option<Located>,
    /// 密级和保密期限: 秘密★1年.
    pub secrecy: Option<Located>,
    /// 紧急程度: 特急, 加急.
    pub urgency: Option<Located>,
    /// 发文机关标志: 武威市人民政府办公室文件.
    pub issuer_mark: Option<Located>,
    /// 发文字号: 武政办发〔2018〕250号.
    pub number: Option<Located>,
    /// 签发人 and the name(s) after it.
    pub signer: Option<Located>,
    /// 抄送 with its recipients (possibly over several lines).
    pub copied_to: Option<Located>,
    /// 印发机关和印发日期: 武威市人民政府办公室 2018年12月21日印发.
    pub printed: Option<Located>,
}

impl Frame {
    /// The issuing organ: from the 发文机关标志, else the 印发机关.
    pub fn issuer(&self) -> Option<String> {
        if let Some(mark) = &self.issuer_mark {
            let t = compact(&mark.text);
            return Some(t.strip_suffix("文件").unwrap_or(&t).to_owned());
        }
        let printed = self.printed.as_ref()?;
        let t = compact(&printed.text);
        let at = t.find(|c: char| c.is_ascii_digit() || "〇零一二".contains(c))?;
        Some(t[..at].to_owned()).filter(|s| !s.is_empty())
    }

    /// The date the document was printed and issued (印发日期), as written.
    pub fn printed_date(&self) -> Option<String> {
        date_in(&compact(&self.printed.as_ref()?.text))
    }

    /// The offices the document is copied to (抄送), in order.
    pub fn recipients(&self) -> Vec<String> {
        let Some(copied) = &self.copied_to else {
            return Vec::new();
        };
        let t = compact(&copied.text);
        let list = t.trim_start_matches("抄送").trim_start_matches([':', '：']);
        list.split(['，', '、', ',', '；', ';'])
            .map(|s| s.trim_end_matches(['。', '.']).to_owned())
            .filter(|s| !s.is_empty())
            .collect()
    }

    /// The original character ranges of every frame element, sorted: what the measured text
    /// leaves out. Every document carries a number of the same shape, so the 发文字号 is no
    /// evidence of reuse either; the facts read it from here.
    pub fn ranges(&self) -> Vec<Range<usize>> {
        let mut ranges: Vec<Range<usize>> = [
            &self.copy_number,
            &self.secrecy,
            &self.urgency,
            &self.issuer_mark,
            &self.number,
            &self.signer,
            &self.copied_to,
            &self.printed,
        ]
        .into_iter()
        .flatten()
        .map(|l| l.range.clone())
        .collect();
        ranges.sort_by_key(|r| r.start);
        ranges
    }
}

fn compact(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Finds the frame of the document in `chars[range]`.
pub fn find_frame(chars: &[char], range: Range<usize>) -> Frame {
    let end = range.end.min(chars.len());
    let lines = lines(chars, range.start.min(end)..end);
    let mut frame = Frame::default();
    let located = |r: Range<usize>| Located {
        text: chars[r.clone()].iter().collect(),
        range: r,
    };
    let head = lines.len().min(HEAD_LINES);
    // Lines up to the last header element: the closing block is looked for below them.
    let mut header_end = 0;
    for (k, line) in lines[..head].iter().enumerate() {
        let before = frame.clone();
        let text: String = chars[line.clone()].iter().collect();
        let t = compact(&text);
        if t.chars().count() > MAX_HEADER_LINE || t.ends_with(['：', ':']) {
            // The addressees or the text itself: the header block is over.
            break;
        }
        if frame.copy_number.is_none() && t.len() == 6 && t.chars().all(|c| c.is_ascii_digit()) {
            frame.copy_number = Some(located(line.clone()));
        } else if frame.secrecy.is_none() && is_secrecy(&t) {
            frame.secrecy = Some(located(line.clone()));
        } else if frame.urgency.is_none() && matches!(t.as_str(), "特急" | "加急" | "特提" | "平急")
        {
            frame.urgency = Some(located(line.clone()));
        } else if frame.issuer_mark.is_none() && t.ends_with("文件") && t.chars().all(is_cjk) {
            frame.issuer_mark = Some(located(line.clone()));
        } else if frame.number.is_none()
            && let Some(len) = number_len(&t)
        {
            // `武政办发〔2018〕250号    签发人：张三` holds both on one line.
            let number_end = original_end(chars, line.clone(), len);
            frame.number = Some(located(line.start..number_end));
            let signer_at = (number_end..line.end).find(|&i| !chars[i].is_whitespace());
            if let Some(at) = signer_at.filter(|&at| starts_with(&chars[at..line.end], "签发人"))
            {
                frame.signer = Some(located(at..line.end));
            }
        } else if frame.signer.is_none() && t.starts_with("签发人") {
            frame.signer = Some(located(line.clone()));
        }
        if frame != before {
            header_end = k + 1;
        }
    }
    // The closing block, read upwards from the last line: the 印发 line, then 抄送 (which may
    // run over several lines above it).
    let tail_start = lines.len().saturating_sub(TAIL_LINES).max(header_end);
    let tail = &lines[tail_start..];
    let mut k = tail.len();
    while k > 0 {
        k -= 1;
        // The recipients of 抄送 run over a few lines at most.
        if frame.printed.is_some() && tail.len() - k > MAX_COPIED_LINES + 1 {
            break;
        }
        let t = compact(&chars[tail[k].clone()].iter().collect::<String>());
        if frame.printed.is_none()
            && frame.copied_to.is_none()
            && t.ends_with("印发")
            && date_in(&t).is_some()
        {
            frame.printed = Some(located(tail[k].clone()));
        } else if frame.copied_to.is_none() && t.starts_with("抄送") {
            let until = frame
                .printed
                .as_ref()
                .map_or(tail[tail.len() - 1].end, |p| {
                    tail.iter()
                        .rev()
                        .find(|l| l.end <= p.range.start)
                        .map_or(tail[k].end, |l| l.end)
                });
            frame.copied_to = Some(located(tail[k].start..until.max(tail[k].end)));
            break;
        } else if frame.printed.is_none() {
            break;
        }
    }
    frame
}

/// The non-blank lines of `chars[range]`, trimmed, as ranges.
fn lines(chars: &[char], range: Range<usize>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = range.start;
    for i in range.clone().chain(std::iter::once(range.end)) {
        if i == range.end || chars[i] == '\n' || chars[i] == '\r' {
            let mut s = start;
            let mut e = i;
            while s < e && chars[s].is_whitespace() {
                s += 1;
            }
            while e > s && chars[e - 1].is_whitespace() {
                e -= 1;
            }
            if s < e {
                out.push(s..e);
            }
            start = i + 1;
        }
    }
    out
}

fn is_cjk(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

fn starts_with(chars: &[char], s: &str) -> bool {
    let s: Vec<char> = s.chars().collect();
    chars.starts_with(&s)
}

/// 秘密, 机密★1年, 绝密★启用前 (the level, optionally a star and the period).
fn is_secrecy(t: &str) -> bool {
    ["绝密", "机密", "秘密"].iter().any(|level| {
        t.strip_prefix(level).is_some_and(|rest| {
            rest.is_empty() || (rest.starts_with(['★', '*', '☆']) && rest.chars().count() <= 8)
        })
    })
}

/// Length in characters of a 发文字号 at the start of `t` (white space removed): an
/// abbreviation, the year in brackets, a serial number and 号.
fn number_len(t: &str) -> Option<usize> {
    let chars: Vec<char> = t.chars().collect();
    let open = chars.iter().position(|&c| "〔[［（(【".contains(c))?;
    if open == 0 || open > 12 || !chars[..open].iter().all(|&c| is_cjk(c)) {
        return None;
    }
    let year = chars.get(open + 1..open + 5)?;
    if !year.iter().all(char::is_ascii_digit) || !"〕]］）)】".contains(*chars.get(open + 5)?) {
        return None;
    }
    let serial = chars[open + 6..]
        .iter()
        .take_while(|c| c.is_ascii_digit())
        .count();
    (serial > 0 && chars.get(open + 6 + serial) == Some(&'号')).then_some(open + serial + 7)
}

/// The end, in original characters, of the first `len` non-white-space characters of `line`.
fn original_end(chars: &[char], line: Range<usize>, len: usize) -> usize {
    let mut seen = 0;
    for i in line.clone() {
        if !chars[i].is_whitespace() {
            seen += 1;
            if seen == len {
                return i + 1;
            }
        }
    }
    line.end
}

/// The first date in `t`: `2018年12月21日` or `二〇一八年十二月二十一日`.
fn date_in(t: &str) -> Option<String> {
    let chars: Vec<char> = t.chars().collect();
    let numeral = |c: char| c.is_ascii_digit() || "〇零一二三四五六七八九十".contains(c);
    let year_at = chars.iter().position(|&c| c == '年')?;
    let start = (0..year_at)
        .rev()
        .take_while(|&i| numeral(chars[i]))
        .last()?;
    if year_at - start < 2 {
        return None;
    }
    let day_at = chars[year_at..].iter().position(|&c| c == '日')? + year_at;
    let middle = &chars[year_at + 1..day_at];
    let month = middle.iter().position(|&c| c == '月')?;
    let valid = month > 0
        && month + 1 < middle.len()
        && middle
            .iter()
            .enumerate()
            .all(|(i, &c)| i == month || numeral(c));
    valid.then(|| chars[start..=day_at].iter().collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame(text: &str) -> (Vec<char>, Frame) {
        let chars: Vec<char> = text.chars().collect();
        let f = find_frame(&chars, 0..chars.len());
        (chars, f)
    }

    fn text(f: &Option<Located>) -> &str {
        f.as_ref().map_or("", |l| l.text.as_str())
    }

    #[test]
    fn header_and_closing_blocks_are_read() {
        let doc = "000123\n机密★1年\n特急\n武威市人民政府办公室文件\n武政办发〔2018〕250号  签发人：张三\n\n关于印发方案的通知\n各县区人民政府：\n现将方案印发给你们。\n武威市人民政府办公室\n2018年12月20日\n抄送：市委办公室，市人大常委会办公室、\n  市政协办公室。\n武威市人民政府办公室          2018年12月21日印发\n";
        let (chars, f) = frame(doc);
        assert_eq!(text(&f.copy_number), "000123");
        assert_eq!(text(&f.secrecy), "机密★1年");
        assert_eq!(text(&f.urgency), "特急");
        assert_eq!(text(&f.number), "武政办发〔2018〕250号");
        assert_eq!(text(&f.signer), "签发人：张三");
        assert_eq!(f.issuer().as_deref(), Some("武威市人民政府办公室"));
        assert_eq!(f.printed_date().as_deref(), Some("2018年12月21日"));
        assert_eq!(
            f.recipients(),
            ["市委办公室", "市人大常委会办公室", "市政协办公室"]
        );
        assert!(text(&f.copied_to).ends_with("市政协办公室。"));
        // Every range points at the characters it was read from.
        for r in f.ranges() {
            let s: String = chars[r].iter().collect();
            assert!(doc.contains(&s));
        }
        assert_eq!(f.ranges().len(), 8);
    }

    #[test]
    fn a_plain_text_has_no_frame_but_its_number() {
        let (_, f) = frame(
            "武威市人民政府办公室关于印发方案的通知\n武政办发〔2018〕250号\n各县、区人民政府：\n一、总体要求\n抄送是一个词，不在行首时不是抄送栏。\n2018年12月20日",
        );
        assert_eq!(text(&f.number), "武政办发〔2018〕250号");
        assert_eq!(f.ranges().len(), 1);
        assert!(f.recipients().is_empty() && f.printed_date().is_none() && f.issuer().is_none());
    }

    #[test]
    fn matchers() {
        assert_eq!(number_len("甘政办发〔2018〕151号"), Some(14));
        assert_eq!(number_len("国发[2017]35号签发人：某"), Some(11));
        assert_eq!(number_len("〔2018〕1号"), None);
        assert_eq!(number_len("甘政办发〔2018〕号"), None);
        assert!(
            is_secrecy("秘密") && is_secrecy("绝密★启用前") && !is_secrecy("秘密文件的管理办法")
        );
        assert_eq!(
            date_in("二〇一八年十二月二十一日印发").as_deref(),
            Some("二〇一八年十二月二十一日")
        );
        assert_eq!(date_in("印发日期不详"), None);
    }
}
