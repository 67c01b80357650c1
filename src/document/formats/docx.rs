//! Word documents (`.docx`): the paragraphs of `word/document.xml`, one line each.

use std::io::Read;
use std::path::Path;

use super::decode_entities;
use crate::document::error::LoadError;

/// Bound on the decompressed `document.xml`, so a crafted archive cannot exhaust memory.
const MAX_XML_BYTES: u64 = 256 * 1024 * 1024;

/// An OLE compound file: what an encrypted `.docx` (and a legacy `.doc`) really is.
const OLE_MAGIC: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

pub fn extract_text(path: &Path, bytes: &[u8]) -> Result<String, LoadError> {
    if bytes.starts_with(OLE_MAGIC) {
        // Office encrypts a .docx by wrapping it in an OLE file with an `EncryptedPackage`
        // stream (its name is stored in UTF-16).
        let marker: Vec<u8> = "EncryptedPackage"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        if bytes.windows(marker.len()).any(|w| w == marker.as_slice()) {
            return Err(LoadError::Encrypted {
                path: path.to_owned(),
            });
        }
        return Err(LoadError::Unsupported {
            path: path.to_owned(),
            detail: "a legacy Word .doc file; save it as .docx".into(),
        });
    }
    let corrupt = |detail: String| LoadError::CorruptArchive {
        path: path.to_owned(),
        detail,
    };
    let mut archive =
        zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| corrupt(e.to_string()))?;
    let mut entry = match archive.by_name("word/document.xml") {
        Ok(entry) => entry,
        Err(zip::result::ZipError::FileNotFound) => {
            return Err(corrupt("no word/document.xml inside".into()));
        }
        Err(zip::result::ZipError::UnsupportedArchive(m)) if m.contains("ncrypt") => {
            return Err(LoadError::Encrypted {
                path: path.to_owned(),
            });
        }
        Err(e) => return Err(corrupt(e.to_string())),
    };
    if entry.encrypted() {
        return Err(LoadError::Encrypted {
            path: path.to_owned(),
        });
    }
    let mut xml = Vec::new();
    (&mut entry)
        .take(MAX_XML_BYTES)
        .read_to_end(&mut xml)
        .map_err(|e| corrupt(format!("word/document.xml: {e}")))?;
    let xml =
        String::from_utf8(xml).map_err(|_| corrupt("word/document.xml is not UTF-8".into()))?;
    Ok(paragraphs(&xml))
}

/// The text of WordprocessingML: `<w:t>` runs, `<w:tab/>` and breaks, a line per `<w:p>`.
/// Deleted revisions (`<w:delText>`) and field codes (`<w:instrText>`) are not `<w:t>`, so
/// they are left out.
pub fn paragraphs(xml: &str) -> String {
    let mut out = String::new();
    let mut rest = xml;
    while let Some(at) = rest.find('<') {
        let Some(len) = rest[at..].find('>') else {
            break;
        };
        let tag = &rest[at + 1..at + len];
        rest = &rest[at + len + 1..];
        let name = tag
            .split(|c: char| c.is_whitespace() || c == '/')
            .next()
            .unwrap_or("");
        let self_closing = tag.ends_with('/');
        match name {
            "w:t" if !self_closing => {
                let end = rest.find("</w:t>").unwrap_or(rest.len());
                decode_entities(&rest[..end], &mut out);
                rest = &rest[end..];
            }
            "w:tab" => out.push('\t'),
            "w:br" | "w:cr" => out.push('\n'),
            "" if tag == "/w:p" => out.push('\n'),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_join_and_paragraphs_break() {
        let xml = r#"<w:body><w:p><w:r><w:t>一、总体</w:t></w:r><w:r><w:t xml:space="preserve">要求 &amp; 目标</w:t></w:r></w:p><w:p><w:r><w:delText>删</w:delText><w:tab/><w:t>第二</w:t><w:br/><w:t>段</w:t></w:r></w:p><w:p/></w:body>"#;
        assert_eq!(paragraphs(xml), "一、总体要求 & 目标\n\t第二\n段\n");
    }

    #[test]
    fn bad_archives_are_named() {
        let p = Path::new("x.docx");
        assert!(matches!(
            extract_text(p, b"PK\x03\x04garbage"),
            Err(LoadError::CorruptArchive { .. })
        ));
        assert!(matches!(
            extract_text(p, OLE_MAGIC),
            Err(LoadError::Unsupported { .. })
        ));
    }
}
