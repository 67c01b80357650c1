//! Non-text inputs: saved web pages, Word documents and PDFs with a text layer. Each is turned
//! into plain text here, before anything else sees it; from then on a document's offsets
//! count characters of that extracted text, and the normal pipeline (split, normalise,
//! outline, align) runs unchanged.

pub mod docx;
pub mod html;
pub mod pdf;

use std::path::Path;

use crate::document::decode::{SourceFile, decode_bytes};
use crate::document::error::LoadError;

/// The kind of file, from its name and first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Html,
    Docx,
    Pdf,
}

impl Format {
    /// Decides by content where it is unambiguous (`%PDF`, a ZIP or OLE container named
    /// `.docx`), otherwise by extension, so a PDF saved as `.txt` is still read as PDF.
    pub fn detect(path: &Path, bytes: &[u8]) -> Self {
        let ext = path
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase())
            .unwrap_or_default();
        if bytes.starts_with(b"%PDF") || ext == "pdf" {
            return Self::Pdf;
        }
        match ext.as_str() {
            "docx" | "docm" => Self::Docx,
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
        }
    }
}

/// Turns the bytes of `path` into a source file, extracting the text of HTML, DOCX and PDF.
pub fn read_bytes(path: &Path, bytes: &[u8]) -> Result<SourceFile, LoadError> {
    let format = Format::detect(path, bytes);
    let text = match format {
        Format::Text => return decode_bytes(path, bytes),
        Format::Html => {
            // The page's own bytes go through the usual encoding detection (many government
            // sites still serve GBK).
            let page = decode_bytes(path, bytes)?;
            let text = html::extract_text(&page.text);
            let mut source = from_extracted(path, text)?;
            source.encoding = page.encoding;
            return Ok(source);
        }
        Format::Docx => docx::extract_text(path, bytes)?,
        Format::Pdf => pdf::extract_text(path, bytes)?,
    };
    let mut source = from_extracted(path, text)?;
    source.encoding = format.label();
    Ok(source)
}

fn from_extracted(path: &Path, text: String) -> Result<SourceFile, LoadError> {
    // Control characters other than line breaks and tabs are extraction debris.
    let text: String = text
        .chars()
        .filter(|&c| !c.is_control() || c == '\n' || c == '\t')
        .collect();
    if text.trim().is_empty() {
        return Err(LoadError::NoText {
            path: path.to_owned(),
        });
    }
    Ok(SourceFile::from_text(path, text))
}

/// Decodes XML/HTML character references in `s` (`&amp;`, `&#12290;`, `&#x3002;`, the common
/// named ones); an unknown reference is kept as written.
pub(crate) fn decode_entities(s: &str, out: &mut String) {
    let mut rest = s;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let end = rest[1..]
            .char_indices()
            .take(10)
            .find(|&(_, c)| c == ';')
            .map(|(i, _)| i + 1);
        let decoded = end.and_then(|end| entity(&rest[1..end]).map(|c| (c, end)));
        match decoded {
            Some((c, end)) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
}

fn entity(name: &str) -> Option<char> {
    if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        return char::from_u32(code);
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" | "ensp" | "emsp" | "thinsp" => ' ',
        "ldquo" => '“',
        "rdquo" => '”',
        "lsquo" => '‘',
        "rsquo" => '’',
        "mdash" => '—',
        "ndash" => '–',
        "hellip" => '…',
        "middot" => '·',
        "times" => '×',
        "copy" => '©',
        "reg" => '®',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entities_decode_and_unknown_ones_stay() {
        let mut out = String::new();
        decode_entities("a&amp;b&#12290;&#x3002;&nbsp;&bogus; & x", &mut out);
        assert_eq!(out, "a&b。。 &bogus; & x");
    }

    #[test]
    fn format_by_content_then_extension() {
        assert_eq!(Format::detect(Path::new("a.txt"), b"%PDF-1.7"), Format::Pdf);
        assert_eq!(Format::detect(Path::new("a.HTM"), b"<html>"), Format::Html);
        assert_eq!(Format::detect(Path::new("a.docx"), b"PK"), Format::Docx);
        assert_eq!(Format::detect(Path::new("a.txt"), b"abc"), Format::Text);
    }
}
