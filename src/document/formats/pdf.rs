//! PDFs with a text layer, page by page (lopdf decodes the fonts' ToUnicode maps).

use std::path::Path;

use crate::document::error::LoadError;

/// Fewer non-white-space characters per page than this means the pages are images (a scan).
const MIN_CHARS_PER_PAGE: usize = 5;

/// Bound on one page's decompressed content stream.
const MAX_PAGE_CONTENT: usize = 64 * 1024 * 1024;

pub fn extract_text(path: &Path, bytes: &[u8]) -> Result<String, LoadError> {
    // lopdf parses arbitrary bytes; should it panic on a malformed file, that is one bad
    // file, not a reason to take the viewer or a corpus build down.
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| extract(path, bytes))).unwrap_or_else(
        |_| {
            Err(LoadError::CorruptFile {
                path: path.to_owned(),
                format: "PDF",
                detail: "the PDF reader failed on this file".into(),
            })
        },
    )
}

fn extract(path: &Path, bytes: &[u8]) -> Result<String, LoadError> {
    let encrypted = looks_encrypted(bytes);
    let document = match lopdf::Document::load_mem(bytes) {
        Ok(d) => d,
        Err(_) if encrypted => {
            return Err(LoadError::Encrypted {
                path: path.to_owned(),
            });
        }
        Err(e) => {
            return Err(LoadError::CorruptFile {
                path: path.to_owned(),
                format: "PDF",
                detail: e.to_string(),
            });
        }
    };
    // lopdf opens files encrypted with an empty user password itself; one still encrypted
    // here needs a password we do not have.
    if document.is_encrypted() && document.encryption_state.is_none() {
        return Err(LoadError::Encrypted {
            path: path.to_owned(),
        });
    }
    let pages: Vec<u32> = document.get_pages().keys().copied().collect();
    let mut text = String::new();
    for page_id in document.get_pages().values() {
        // A page whose content cannot be decoded is skipped rather than failing the file.
        if let Some(t) = page_text(&document, *page_id) {
            text.push_str(&t);
            text.push('\n');
        }
    }
    let visible = text.chars().filter(|c| !c.is_whitespace()).count();
    if visible < MIN_CHARS_PER_PAGE * pages.len().max(1) {
        if encrypted {
            return Err(LoadError::Encrypted {
                path: path.to_owned(),
            });
        }
        return Err(LoadError::ScannedPdf {
            path: path.to_owned(),
            pages: pages.len(),
        });
    }
    Ok(text)
}

/// The text of one page, a line per baseline. lopdf's own `extract_text` ends a line at every
/// text object, and writers such as LibreOffice put each font run (Chinese, then Latin digits)
/// in its own object, so a date came out as `2018 \n年\n12 \n月`. Here a line ends only where
/// the text position moves to another baseline.
fn page_text(document: &lopdf::Document, page_id: lopdf::ObjectId) -> Option<String> {
    use lopdf::Object;
    let fonts = document.get_page_fonts(page_id).ok()?;
    let encodings: std::collections::BTreeMap<Vec<u8>, lopdf::Encoding> = fonts
        .into_iter()
        .filter_map(|(name, font)| {
            let encoding = font
                .get_font_encoding_with_limit(document, MAX_PAGE_CONTENT)
                .ok()?;
            Some((name, encoding))
        })
        .collect();
    let data = document
        .get_page_content_with_limit(page_id, MAX_PAGE_CONTENT)
        .ok()?;
    let content = lopdf::content::Content::decode(&data).ok()?;
    let num = |o: Option<&Object>| o.and_then(|o| o.as_float().ok()).unwrap_or(0.0);
    let mut out = String::new();
    let mut encoding = None;
    // Baseline of the current text position and of the last text shown.
    let (mut line_y, mut scale) = (0.0f32, 1.0f32);
    let mut last_y: Option<f32> = None;
    let mut show = |bytes: &[u8], y: f32, encoding: Option<&lopdf::Encoding>, out: &mut String| {
        let Some(encoding) = encoding else { return };
        if last_y.is_some_and(|last| (last - y).abs() > 1.0) {
            out.push('\n');
        }
        last_y = Some(y);
        if let Ok(t) = lopdf::Document::decode_text(encoding, bytes) {
            out.push_str(&t);
        }
    };
    for op in &content.operations {
        let operands = &op.operands;
        match op.operator.as_str() {
            "Tf" => {
                encoding = operands
                    .first()
                    .and_then(|o| o.as_name().ok())
                    .and_then(|n| encodings.get(n));
            }
            "BT" => (line_y, scale) = (0.0, 1.0),
            "Tm" => {
                scale = num(operands.get(3));
                line_y = num(operands.get(5));
            }
            "Td" | "TD" => line_y += num(operands.get(1)) * scale,
            "T*" | "'" | "\"" => line_y -= 1000.0,
            _ => {}
        }
        match op.operator.as_str() {
            "Tj" | "'" => {
                if let Some(Object::String(bytes, _)) = operands.first() {
                    show(bytes, line_y, encoding, &mut out);
                }
            }
            "\"" => {
                if let Some(Object::String(bytes, _)) = operands.get(2) {
                    show(bytes, line_y, encoding, &mut out);
                }
            }
            "TJ" => {
                let Some(Object::Array(items)) = operands.first() else {
                    continue;
                };
                for item in items {
                    match item {
                        Object::String(bytes, _) => show(bytes, line_y, encoding, &mut out),
                        // A large negative kerning is a word gap.
                        Object::Integer(i) if *i < -200 => out.push(' '),
                        Object::Real(r) if *r < -200.0 => out.push(' '),
                        _ => {}
                    }
                }
            }
            _ => {}
        }
    }
    Some(out)
}

/// The trailer names an `/Encrypt` dictionary.
fn looks_encrypted(bytes: &[u8]) -> bool {
    bytes.windows(8).any(|w| w == b"/Encrypt")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn garbage_is_a_corrupt_pdf() {
        let r = extract_text(Path::new("x.pdf"), b"%PDF-1.4\nnot really");
        assert!(matches!(r, Err(LoadError::CorruptFile { .. })), "{r:?}");
    }
}
