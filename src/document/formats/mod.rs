//! Non-text inputs: saved web pages, Word documents (.docx, and .doc or Kingsoft .wps in the
//! binary format), OFD and PDFs with a text layer. Each is turned into plain text here, before
//! anything else sees it; from then on a document's offsets count characters of that
//! extracted text, and the normal pipeline (split, normalise, outline, align) runs unchanged.
//!
//! What a file may grow into is bounded ([`limits`]): decompressed archive entries and PDF
//! streams, and the extracted text; past a bound the file is refused with a message.

mod archive;
pub mod doc;
pub mod docx;
pub mod html;
mod limits;
pub mod ofd;
pub mod pdf;
mod pdf_layout;
mod radicals;

use std::path::Path;

use crate::LoadError;
use crate::document::decode::{SourceFile, decode_bytes};
use doc::Container;

/// The kind of file, from its first bytes and, where they do not decide, its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Html,
    Docx,
    Pdf,
    /// Word 97-2003 binary, including Kingsoft WPS files in that format.
    Doc,
    Ofd,
}

const ZIP_MAGIC: &[u8] = b"PK\x03\x04";

impl Format {
    /// Decides by content where it is unambiguous (`%PDF`, an OLE compound file, a ZIP holding
    /// `word/document.xml` or `OFD.xml`), otherwise by extension, so a PDF saved as `.txt` is
    /// still read as PDF and a `.wps` is read as what it really is.
    fn detect(path: &Path, bytes: &[u8]) -> Self {
        let ext = path
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase())
            .unwrap_or_default();
        if bytes.starts_with(b"%PDF") || ext == "pdf" {
            return Self::Pdf;
        }
        if bytes.starts_with(doc::OLE_MAGIC) {
            return Self::Doc;
        }
        if bytes.starts_with(ZIP_MAGIC) {
            match ext.as_str() {
                "docx" | "docm" => return Self::Docx,
                "ofd" => return Self::Ofd,
                _ => {}
            }
            if let Ok(zip) = zip::ZipArchive::new(std::io::Cursor::new(bytes)) {
                if zip.index_for_name("OFD.xml").is_some() {
                    return Self::Ofd;
                }
                if zip.index_for_name("word/document.xml").is_some() {
                    return Self::Docx;
                }
            }
        }
        match ext.as_str() {
            "docx" | "docm" => Self::Docx,
            // Web pages saved by Word or a site's export under a .doc name.
            "doc" | "wps" if is_web_page(bytes) => Self::Html,
            "doc" | "dot" | "wps" | "wpt" => Self::Doc,
            "ofd" => Self::Ofd,
            "html" | "htm" | "shtml" | "xhtml" => Self::Html,
            _ => Self::Text,
        }
    }

    /// The name stored as [`SourceFile::encoding`] for extracted text.
    pub fn label(self) -> &'static str {
        match self {
            Self::Text => "text",
            Self::Html => "HTML",
            Self::Docx => "DOCX",
            Self::Pdf => "PDF",
            Self::Doc => "Word 97-2003",
            Self::Ofd => "OFD",
        }
    }
}

/// Markup at the start: `<html`, or an XML prolog followed by it, within the first kilobyte.
fn is_web_page(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(1024)];
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let start = head
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(head.len());
    head[start..].starts_with(b"<") && head.windows(5).any(|w| w.eq_ignore_ascii_case(b"<html"))
}

/// Text taken out of a file, with what the file says about itself and what went wrong on the
/// way (shown to the user, never silently dropped).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Extracted {
    pub text: String,
    pub title: Option<String>,
    pub date: Option<String>,
    pub warnings: Vec<String>,
}

impl From<String> for Extracted {
    fn from(text: String) -> Self {
        Self {
            text,
            ..Self::default()
        }
    }
}

/// Turns the bytes of `path` into a source file, extracting the text of non-text formats.
pub fn read_bytes(path: &Path, bytes: &[u8]) -> Result<SourceFile, LoadError> {
    let format = Format::detect(path, bytes);
    let extracted = match format {
        Format::Text => return decode_bytes(path, bytes),
        Format::Html => {
            // The page's own bytes go through the usual encoding detection (many government
            // sites still serve GBK).
            let page = decode_bytes(path, bytes)?;
            let mut source = from_extracted(path, html::extract_text(&page.text).into())?;
            source.encoding = page.encoding;
            return Ok(source);
        }
        Format::Docx => docx::extract_text(path, bytes)?.into(),
        Format::Pdf => pdf::extract_text(path, bytes)?,
        Format::Ofd => ofd::extract_text(path, bytes)?,
        Format::Doc => read_ole(path, bytes)?.into(),
    };
    let mut source = from_extracted(path, extracted)?;
    source.encoding = format.label();
    Ok(source)
}

/// A `.doc`, `.wps` or other file named like one: what its bytes really hold decides.
fn read_ole(path: &Path, bytes: &[u8]) -> Result<String, LoadError> {
    let unsupported = |detail: &str| LoadError::Unsupported {
        path: path.to_owned(),
        detail: detail.into(),
    };
    match doc::container(bytes) {
        Some(Container::Word) => doc::extract_text(path, bytes),
        // Office encrypts a .docx by wrapping it in an OLE file.
        Some(Container::EncryptedOoxml) => Err(LoadError::Encrypted {
            path: path.to_owned(),
        }),
        Some(Container::Works) => Err(unsupported(
            "a Microsoft Works document, not a Word or WPS Office one; save it as .docx",
        )),
        Some(Container::Truncated { have, need }) => Err(LoadError::CorruptFile {
            path: path.to_owned(),
            format: "Word",
            detail: format!(
                "the file is damaged (truncated: {have} of at least {need} bytes); copy or download it again"
            ),
        }),
        Some(Container::Damaged) => Err(LoadError::CorruptFile {
            path: path.to_owned(),
            format: "Word",
            detail: "the file is damaged (its OLE directory cannot be read)".into(),
        }),
        Some(Container::Other) => Err(unsupported(
            "an OLE compound file without a Word document (a spreadsheet or presentation?)",
        )),
        None if bytes.starts_with(b"{\\rtf") => Err(unsupported("an RTF file; save it as .docx")),
        None => Err(unsupported(
            "not a Word 97-2003 file (an old Works or WPS for DOS document?); save it as .docx",
        )),
    }
}

fn from_extracted(path: &Path, extracted: Extracted) -> Result<SourceFile, LoadError> {
    // Control characters other than line breaks and tabs are extraction debris.
    let text: String = extracted
        .text
        .chars()
        .filter(|&c| !c.is_control() || c == '\n' || c == '\t')
        .collect();
    if text.trim().is_empty() {
        return Err(LoadError::NoText {
            path: path.to_owned(),
        });
    }
    let mut source = SourceFile::from_text(path, text);
    source.meta.title = extracted.title;
    source.meta.date = extracted.date;
    source.meta.warnings = extracted.warnings;
    Ok(source)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_by_content_then_extension() {
        assert_eq!(Format::detect(Path::new("a.txt"), b"%PDF-1.7"), Format::Pdf);
        assert_eq!(Format::detect(Path::new("a.HTM"), b"<html>"), Format::Html);
        assert_eq!(
            Format::detect(Path::new("a.docx"), b"PK\x03\x04"),
            Format::Docx
        );
        assert_eq!(
            Format::detect(Path::new("a.ofd"), b"PK\x03\x04"),
            Format::Ofd
        );
        assert_eq!(Format::detect(Path::new("a.txt"), b"abc"), Format::Text);
        assert_eq!(
            Format::detect(Path::new("a.txt"), doc::OLE_MAGIC),
            Format::Doc
        );
        assert_eq!(
            Format::detect(Path::new("a.wps"), b"\x31\xbe\0\0"),
            Format::Doc
        );
        assert_eq!(
            Format::detect(Path::new("a.doc"), b"\n<html><body>"),
            Format::Html
        );
    }

    #[test]
    fn files_named_doc_that_are_not_say_what_they_are() {
        let p = Path::new("a.wps");
        for (bytes, says) in [
            (&b"{\\rtf1 hello"[..], "RTF"),
            (b"\x01\xfe\x00\x00junk", "not a Word 97-2003 file"),
        ] {
            let e = read_bytes(p, bytes).unwrap_err();
            assert!(
                e.to_string().contains(says) && e.to_string().contains("a.wps"),
                "{e}"
            );
        }
    }
}
