//! PDFs with a text layer, page by page (lopdf parses the file and the fonts' ToUnicode maps).
//!
//! Each page's text is placed (the text matrix and the graphics transform followed), so that
//! [`pdf_layout`](super::pdf_layout) can read two-column pages in column order and drop the
//! running headers, footers and page numbers. Fonts of Chinese typesetting systems that have
//! no Unicode map are read through the Adobe-GB1 character collection: by their GB codes
//! under `GBK-EUC-H` and kin, by Adobe's CID-to-Unicode table under `Identity-H`; text no map
//! explains is counted and reported, not passed off as text. Kangxi and supplement radicals are folded to the ordinary characters.

use std::collections::BTreeMap;
use std::path::Path;

use encoding_rs::{GB18030, UTF_16BE};
use lopdf::{Object, ObjectId};

use super::Extracted;
use super::limits::{MAX_DECOMPRESSED, MAX_TEXT, too_large};
use super::pdf_layout::{Line, Run, drop_running, page_lines};
use super::radicals::fold_radical;
use crate::LoadError;

/// Fewer non-white-space characters per page than this means the pages are images (a scan).
const MIN_CHARS_PER_PAGE: usize = 5;

/// Nesting of saved graphics states followed; deeper `q` are ignored (a damaged stream).
const MAX_STATE_DEPTH: usize = 64;

pub fn extract_text(path: &Path, bytes: &[u8]) -> Result<Extracted, LoadError> {
    // lopdf parses arbitrary bytes; should it panic on a malformed file, that is one bad
    // file, not a reason to take the viewer or a corpus build down.
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| extract(path, bytes)))
        .unwrap_or_else(|_| Err(damaged(path, "damaged: the PDF reader failed on it".into())))
}

fn damaged(path: &Path, detail: String) -> LoadError {
    LoadError::CorruptFile {
        path: path.to_owned(),
        format: "PDF",
        detail,
    }
}

fn is_limit(e: &lopdf::Error) -> bool {
    matches!(
        e,
        lopdf::Error::Decompress(lopdf::DecompressError::MemoryLimitExceeded { .. })
    )
}

fn extract(path: &Path, bytes: &[u8]) -> Result<Extracted, LoadError> {
    let encrypted = bytes.windows(8).any(|w| w == b"/Encrypt");
    let options = lopdf::LoadOptions {
        max_decompressed_size: Some(MAX_DECOMPRESSED as usize),
        ..Default::default()
    };
    let document = match lopdf::Document::load_mem_with_options(bytes, options) {
        Ok(d) => d,
        Err(e) if is_limit(&e) => {
            return Err(too_large(path, "a compressed stream", MAX_DECOMPRESSED));
        }
        Err(_) if encrypted => {
            return Err(LoadError::Encrypted {
                path: path.to_owned(),
            });
        }
        Err(e) => return Err(damaged(path, format!("damaged or cut short: {e}"))),
    };
    // lopdf opens files encrypted with an empty user password itself; one still encrypted
    // here needs a password we do not have.
    if document.is_encrypted() && document.encryption_state.is_none() {
        return Err(LoadError::Encrypted {
            path: path.to_owned(),
        });
    }
    let pages = document.get_pages();
    // lopdf rebuilds a lost cross-reference table by scanning the file: what a file cut short
    // or overwritten looks like.
    let rebuilt = document.xref_recovery == Some(lopdf::xref::XrefRecovery::Reconstructed);
    if pages.is_empty() {
        return Err(damaged(
            path,
            "damaged or cut short: no pages can be found".into(),
        ));
    }
    // The content streams of all pages together share one budget: pages that all point at
    // one huge stream must not decompress it once per page.
    let mut budget = MAX_DECOMPRESSED as usize;
    let mut all_lines: Vec<Vec<Line>> = Vec::with_capacity(pages.len());
    let mut lost_pages = 0;
    for &page_id in pages.values() {
        let runs = match page_runs(&document, page_id, &mut budget) {
            Ok(runs) => runs,
            Err(PageError::Limit) => {
                return Err(too_large(path, "the page contents", MAX_DECOMPRESSED));
            }
            // A page whose content cannot be decoded is skipped rather than failing the file,
            // and counted: the file is damaged, not a scan.
            Err(PageError::Unreadable) => {
                lost_pages += 1;
                Vec::new()
            }
        };
        all_lines.push(page_lines(runs, page_width(&document, page_id)));
    }
    drop_running(&mut all_lines);
    let mut text = String::new();
    for lines in &all_lines {
        for line in lines {
            text.extend(line.text.chars().map(fold_radical));
            text.push('\n');
            if text.len() > MAX_TEXT {
                return Err(too_large(path, "the extracted text", MAX_TEXT as u64));
            }
        }
    }
    let damage = damage(rebuilt, lost_pages, pages.len());
    let visible = text.chars().filter(|c| !c.is_whitespace()).count();
    let unreadable = text.chars().filter(|&c| is_unreadable(c)).count();
    if visible - unreadable < MIN_CHARS_PER_PAGE * pages.len().max(1) {
        if encrypted {
            return Err(LoadError::Encrypted {
                path: path.to_owned(),
            });
        }
        if let Some(damage) = damage {
            return Err(damaged(path, damage));
        }
        if unreadable > 0 {
            return Err(LoadError::UnreadableText {
                path: path.to_owned(),
                share: unreadable as f64 / visible.max(1) as f64,
            });
        }
        return Err(LoadError::ScannedPdf {
            path: path.to_owned(),
            pages: pages.len(),
        });
    }
    let mut warnings = Vec::new();
    if let Some(damage) = damage {
        warnings.push(format!("the file is {damage}; the text may be incomplete"));
    }
    if unreadable > 0 {
        warnings.push(format!(
            "{unreadable} of {visible} characters ({:.1}%) could not be read: their fonts map no text to them (shown as \u{fffd})",
            100.0 * unreadable as f64 / visible as f64
        ));
    }
    Ok(Extracted {
        text,
        title: None,
        date: None,
        warnings,
    })
}

/// What is wrong with a damaged file, in words; `None` for an intact one.
fn damage(rebuilt: bool, lost_pages: usize, pages: usize) -> Option<String> {
    let lost = (lost_pages > 0).then(|| format!("{lost_pages} of {pages} page(s) cannot be read"));
    let table = "damaged or cut short: its cross-reference table is lost";
    match (rebuilt, lost) {
        (true, Some(lost)) => Some(format!("{table} and {lost}")),
        (true, None) => Some(table.into()),
        (false, lost) => lost.map(|lost| format!("damaged: {lost}")),
    }
}

/// U+FFFD and private-use characters: what a glyph without a Unicode mapping comes out as.
fn is_unreadable(c: char) -> bool {
    c == '\u{fffd}' || ('\u{e000}'..='\u{f8ff}').contains(&c)
}

fn page_width(document: &lopdf::Document, page_id: ObjectId) -> f32 {
    document
        .get_dictionary(page_id)
        .ok()
        .and_then(|page| page.get(b"MediaBox").ok())
        .and_then(|b| b.as_array().ok())
        .and_then(|b| Some(b.get(2)?.as_float().ok()? - b.first()?.as_float().ok()?))
        .filter(|w| w.is_finite() && *w > 0.0)
        .unwrap_or(595.0)
}

enum PageError {
    Limit,
    Unreadable,
}

/// How a font's bytes become text.
enum Decoder<'a> {
    Lopdf(lopdf::Encoding<'a>),
    /// GB 2312 / GBK / GB 18030 codes (the `GB*-EUC-*` and `GBK2K-*` CMaps).
    Gb,
    /// UCS-2 / UTF-16 big-endian (the `UniGB-*` CMaps).
    Utf16,
    /// Two-byte CIDs of the Adobe-GB1 collection, with no map of the font's own.
    AdobeGb1,
    /// Two-byte glyph ids with no map to text.
    Unmapped,
}

impl Decoder<'_> {
    fn decode(&self, bytes: &[u8]) -> String {
        match self {
            Self::Lopdf(encoding) => lopdf::Document::decode_text(encoding, bytes)
                .unwrap_or_else(|_| "\u{fffd}".repeat(bytes.len().div_ceil(2))),
            Self::Gb => GB18030.decode_without_bom_handling(bytes).0.into_owned(),
            Self::Utf16 => UTF_16BE.decode_without_bom_handling(bytes).0.into_owned(),
            Self::AdobeGb1 => bytes
                .chunks(2)
                .map(|pair| adobe_gb1(u16::from_be_bytes([pair[0], *pair.get(1).unwrap_or(&0)])))
                .collect(),
            Self::Unmapped => "\u{fffd}".repeat(bytes.len().div_ceil(2)),
        }
    }
}

/// CID → Unicode for Adobe-GB1 (U+FFFD where the collection has no BMP character), from
/// Adobe's `Adobe-GB1-UCS2` CMap; see `data/README.md`.
static ADOBE_GB1: &[u8] = include_bytes!("data/adobe-gb1-ucs2.bin");

fn adobe_gb1(cid: u16) -> char {
    let at = cid as usize * 2;
    ADOBE_GB1
        .get(at..at + 2)
        .and_then(|b| char::from_u32(u16::from_le_bytes([b[0], b[1]]) as u32))
        .unwrap_or('\u{fffd}')
}

/// The character collection of a CID-keyed font (`GB1`, `Identity`), from its descendant.
fn ordering(document: &lopdf::Document, font: &lopdf::Dictionary) -> Option<Vec<u8>> {
    let descendants = font
        .get_deref(b"DescendantFonts", document)
        .ok()?
        .as_array()
        .ok()?;
    let (_, cid_font) = document.dereference(descendants.first()?).ok()?;
    let info = cid_font
        .as_dict()
        .ok()?
        .get_deref(b"CIDSystemInfo", document)
        .ok()?;
    Some(
        info.as_dict()
            .ok()?
            .get(b"Ordering")
            .ok()?
            .as_str()
            .ok()?
            .to_vec(),
    )
}

fn decoder<'a>(
    document: &'a lopdf::Document,
    font: &'a lopdf::Dictionary,
    budget: usize,
) -> Result<Decoder<'a>, PageError> {
    let encoding = font
        .get(b"Encoding")
        .ok()
        .and_then(|e| e.as_name().ok())
        .unwrap_or(b"");
    let has_map = font.get(b"ToUnicode").is_ok();
    let name = String::from_utf8_lossy(encoding);
    if name.starts_with("UniGB-UCS2-") || name.starts_with("UniGB-UTF16-") {
        return Ok(Decoder::Utf16);
    }
    if !has_map
        && (name.starts_with("GBK2K-") || (name.starts_with("GB") && name.contains("-EUC-")))
    {
        return Ok(Decoder::Gb);
    }
    if !has_map && name.starts_with("Identity-") {
        return Ok(match ordering(document, font).as_deref() {
            Some(b"GB1") => Decoder::AdobeGb1,
            _ => Decoder::Unmapped,
        });
    }
    match font.get_font_encoding_with_limit(document, budget) {
        Ok(encoding) => Ok(Decoder::Lopdf(encoding)),
        Err(e) if is_limit(&e) => Err(PageError::Limit),
        Err(_) => Ok(Decoder::Unmapped),
    }
}

type Matrix = [f32; 6];
const IDENTITY: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

/// `m` then `n`, in PDF's row-vector convention.
fn mul(m: &Matrix, n: &Matrix) -> Matrix {
    [
        m[0] * n[0] + m[1] * n[2],
        m[0] * n[1] + m[1] * n[3],
        m[2] * n[0] + m[3] * n[2],
        m[2] * n[1] + m[3] * n[3],
        m[4] * n[0] + m[5] * n[2] + n[4],
        m[4] * n[1] + m[5] * n[3] + n[5],
    ]
}

fn translate(x: f32, y: f32) -> Matrix {
    [1.0, 0.0, 0.0, 1.0, x, y]
}

/// A page's content streams, decompressed and joined. lopdf's own `get_page_content` skips a
/// missing stream and passes one that does not decompress on as raw bytes, and its inflate
/// gives up silently with nothing: either would make a damaged page look like one of images.
fn page_content(
    document: &lopdf::Document,
    page_id: ObjectId,
    budget: usize,
) -> Result<Vec<u8>, PageError> {
    let mut content = Vec::new();
    for id in document.get_page_contents(page_id) {
        let stream = document
            .get_object(id)
            .and_then(Object::as_stream)
            .map_err(|_| PageError::Unreadable)?;
        match stream.decompressed_content_with_limit(budget.saturating_sub(content.len())) {
            Ok(data)
                if data.is_empty() && stream.dict.has(b"Filter") && !stream.content.is_empty() =>
            {
                return Err(PageError::Unreadable);
            }
            Ok(data) => content.extend_from_slice(&data),
            Err(e) if is_limit(&e) => return Err(PageError::Limit),
            Err(_) => return Err(PageError::Unreadable),
        }
        content.push(b'\n');
    }
    Ok(content)
}

/// The strings a page shows, placed on the page.
fn page_runs(
    document: &lopdf::Document,
    page_id: ObjectId,
    budget: &mut usize,
) -> Result<Vec<Run>, PageError> {
    let fonts = document
        .get_page_fonts(page_id)
        .map_err(|_| PageError::Unreadable)?;
    let mut decoders: BTreeMap<Vec<u8>, Decoder> = BTreeMap::new();
    for (name, font) in fonts {
        decoders.insert(name, decoder(document, font, *budget)?);
    }
    let data = page_content(document, page_id, *budget)?;
    *budget = budget.saturating_sub(data.len());
    let content = lopdf::content::Content::decode(&data).map_err(|_| PageError::Unreadable)?;
    let num = |o: Option<&Object>| {
        o.and_then(|o| o.as_float().ok())
            .filter(|v| v.is_finite())
            .unwrap_or(0.0)
    };
    let matrix = |ops: &[Object]| -> Option<Matrix> {
        (ops.len() == 6).then(|| std::array::from_fn(|i| num(ops.get(i))))
    };
    let mut runs = Vec::new();
    let (mut ctm, mut saved) = (IDENTITY, Vec::new());
    let (mut tm, mut tlm) = (IDENTITY, IDENTITY);
    let (mut size, mut leading, mut spacing, mut scale) = (1.0f32, 0.0f32, 0.0f32, 1.0f32);
    let mut font: Option<&Decoder> = None;
    for op in &content.operations {
        let ops = &op.operands;
        match op.operator.as_str() {
            "q" if saved.len() < MAX_STATE_DEPTH => saved.push(ctm),
            "Q" => ctm = saved.pop().unwrap_or(ctm),
            "cm" => {
                if let Some(m) = matrix(ops) {
                    ctm = mul(&m, &ctm);
                }
            }
            "BT" => (tm, tlm) = (IDENTITY, IDENTITY),
            "Tf" => {
                font = ops
                    .first()
                    .and_then(|o| o.as_name().ok())
                    .and_then(|n| decoders.get(n));
                size = num(ops.get(1));
            }
            "TL" => leading = num(ops.first()),
            "Tc" => spacing = num(ops.first()),
            "Tz" => scale = num(ops.first()) / 100.0,
            "Tm" => {
                if let Some(m) = matrix(ops) {
                    (tm, tlm) = (m, m);
                }
            }
            "Td" | "TD" => {
                let (x, y) = (num(ops.first()), num(ops.get(1)));
                if op.operator == "TD" {
                    leading = -y;
                }
                tlm = mul(&translate(x, y), &tlm);
                tm = tlm;
            }
            "T*" | "'" | "\"" => {
                tlm = mul(&translate(0.0, -leading), &tlm);
                tm = tlm;
            }
            _ => {}
        }
        let shown: Vec<&Object> = match op.operator.as_str() {
            "Tj" | "'" => ops.first().into_iter().collect(),
            "\"" => ops.get(2).into_iter().collect(),
            "TJ" => match ops.first() {
                Some(Object::Array(items)) => items.iter().collect(),
                _ => Vec::new(),
            },
            _ => continue,
        };
        let Some(decoder) = font else { continue };
        for item in shown {
            match item {
                Object::String(bytes, _) => {
                    let text = decoder.decode(bytes);
                    let at = mul(&tm, &ctm);
                    let advance: f32 = text
                        .chars()
                        .map(|c| (if c as u32 >= 0x2E80 { size } else { size * 0.5 }) + spacing)
                        .sum::<f32>()
                        * scale;
                    tm = mul(&translate(advance, 0.0), &tm);
                    let end = mul(&tm, &ctm);
                    let height = (at[2] * at[2] + at[3] * at[3]).sqrt();
                    runs.push(Run {
                        x: at[4],
                        y: at[5],
                        end: end[4].max(at[4]),
                        size: size
                            * if height.is_finite() && height > 0.0 {
                                height
                            } else {
                                1.0
                            },
                        text,
                    });
                }
                Object::Integer(_) | Object::Real(_) => {
                    let k = num(Some(item));
                    // A large negative kerning is a word gap.
                    if k < -200.0
                        && let Some(last) = runs.last_mut()
                    {
                        last.text.push(' ');
                    }
                    tm = mul(&translate(-k / 1000.0 * size * scale, 0.0), &tm);
                }
                _ => {}
            }
        }
    }
    Ok(runs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn garbage_is_a_corrupt_pdf() {
        let r = extract_text(Path::new("x.pdf"), b"%PDF-1.4\nnot really");
        assert!(matches!(r, Err(LoadError::CorruptFile { .. })), "{r:?}");
    }

    #[test]
    fn matrices_compose_in_pdf_order() {
        let scaled = mul(&translate(10.0, 20.0), &[2.0, 0.0, 0.0, 2.0, 5.0, 5.0]);
        assert_eq!(scaled, [2.0, 0.0, 0.0, 2.0, 25.0, 45.0]);
        assert!(is_unreadable('\u{e123}') && is_unreadable('\u{fffd}') && !is_unreadable('文'));
        assert_eq!(Decoder::Gb.decode(&[0xCE, 0xC4, b'1']), "文1");
        assert_eq!(Decoder::Unmapped.decode(&[0, 1, 0, 2]), "\u{fffd}\u{fffd}");
        // Adobe-GB1: CID 1 is the space, 0x60..0x62 the ideographic space and marks.
        assert_eq!(
            Decoder::AdobeGb1.decode(&[0, 1, 0, 0x60, 0, 0x61, 0, 0x62, 0, 0]),
            " \u{3000}、。\u{fffd}"
        );
    }
}
