//! A document's facts under its title in the pane header: the 公文 frame (number, issuer,
//! dates, recipients, signer…) and what the reader noticed about the file, on one line, each
//! in full on hover.

use crate::Document;
use crate::app::i18n::Texts;

/// The header's second line and its hover text.
pub struct FactsLine {
    pub line: String,
    pub detail: String,
}

fn compact(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `发文字号：…` or `Number: …`.
fn field(name: &str, value: &str) -> String {
    let colon = if name.is_ascii() { ": " } else { "：" };
    format!("{name}{colon}{value}")
}

pub fn facts_line(doc: &Document, t: &Texts) -> FactsLine {
    let frame = &doc.frame;
    let outline = &doc.outline;
    let text = |l: &Option<crate::document::outline::Located>| l.as_ref().map(|l| compact(&l.text));
    let number = text(&frame.number).or_else(|| text(&outline.doc_number));
    let issuer = frame.issuer().or_else(|| text(&outline.signature));
    let date = text(&outline.date).or_else(|| doc.date.clone());
    let copied = frame.recipients().join("、");
    let warnings = &doc.source.meta.warnings;
    let fields: [(&str, Option<String>); 11] = [
        (t.fact_issuer, issuer.clone()),
        (t.fact_number, number.clone()),
        (t.fact_date, date.clone()),
        (t.fact_signer, text(&frame.signer)),
        (t.fact_addressees, text(&outline.addressees)),
        (t.fact_copied_to, Some(copied).filter(|c| !c.is_empty())),
        (t.fact_printed, text(&frame.printed)),
        (t.fact_copy_number, text(&frame.copy_number)),
        (t.fact_secrecy, text(&frame.secrecy)),
        (t.fact_urgency, text(&frame.urgency)),
        (t.fact_format, Some(doc.source.encoding.to_owned())),
    ];
    let mut detail: Vec<String> = fields
        .iter()
        .filter_map(|(name, value)| value.as_ref().map(|v| field(name, v)))
        .collect();
    detail.extend(warnings.iter().map(|w| field(t.fact_warning, w)));
    // The warnings come first: a long line is cut short at its end.
    let mut line = vec![doc.label()];
    if !warnings.is_empty() {
        line.push(format!("{} {}", t.fact_warning, warnings.len()));
    }
    line.extend([number, issuer, date].into_iter().flatten());
    FactsLine {
        line: line.join(" · "),
        detail: detail.join("\n"),
    }
}
