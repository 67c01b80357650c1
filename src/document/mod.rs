//! A document: one policy text inside a source file (a whole file, or the N-th entry of a file
//! that holds several), with its normalised form and outline.
//!
//! Reading runs one way: [`source`] reads a file → [`formats`] extracts text from HTML, DOCX,
//! DOC/WPS, OFD and PDF → [`decode`] turns bytes into text; then [`split`] finds the documents in it,
//! [`normalize`] makes text comparable (without the 公文 [`frame`]) and [`outline`] parses its
//! structure.

pub mod decode;
pub mod error;
pub mod facts;
pub mod formats;
pub mod frame;
pub mod normalize;
pub mod outline;
pub mod source;
pub mod split;

use std::ffi::OsStr;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use decode::SourceFile;
use error::LoadError;
use frame::{Frame, find_frame};
use normalize::{Normalized, normalize};
use outline::{Outline, parse_outline};
use source::read_source;
use split::{Entry, split_entries};

/// What the user named: `PATH` or `PATH#N` (N counted from 1).
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct DocumentRef {
    pub path: PathBuf,
    pub index: Option<usize>,
}

impl DocumentRef {
    pub fn whole(path: impl Into<PathBuf>) -> Self {
        Self {
            path: path.into(),
            index: None,
        }
    }

    /// Parses `PATH` or `PATH#N`. A path that exists as written wins over the `#N` reading,
    /// so a file whose name contains `#` still opens; so does one whose name is not UTF-8.
    /// Only digits after the last `#` make an entry number: `missing#x.txt` is a file name.
    pub fn parse(spec: &str) -> Result<Self, LoadError> {
        Self::parse_os(OsStr::new(spec))
    }

    /// [`DocumentRef::parse`] for a command-line argument, which need not be UTF-8.
    pub fn parse_os(spec: &OsStr) -> Result<Self, LoadError> {
        use std::os::unix::ffi::OsStrExt;
        let bytes = spec.as_bytes();
        if let Some(at) = bytes.iter().rposition(|&b| b == b'#')
            && at + 1 < bytes.len()
            && bytes[at + 1..].iter().all(u8::is_ascii_digit)
            && !Path::new(spec).exists()
        {
            let (path, digits) = (&bytes[..at], &bytes[at + 1..]);
            // Digits without a leading zero, so the number quoted later is the one typed.
            let index = std::str::from_utf8(digits)
                .ok()
                .filter(|d| !d.starts_with('0'))
                .and_then(|d| d.parse::<usize>().ok());
            return match index {
                Some(index) if !path.is_empty() => Ok(Self {
                    path: PathBuf::from(OsStr::from_bytes(path)),
                    index: Some(index),
                }),
                _ => Err(LoadError::BadReference {
                    spec: spec.to_string_lossy().into_owned(),
                }),
            };
        }
        Ok(Self::whole(spec))
    }

    /// How the reference is written on a command line.
    pub fn display(&self) -> String {
        match self.index {
            Some(n) => format!("{}#{n}", self.path.display()),
            None => self.path.display().to_string(),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Document {
    pub source: Arc<SourceFile>,
    /// `Some(n)` when the document is the n-th entry of a multi-document file.
    pub index: Option<usize>,
    /// The characters of the source that belong to this document (page chrome and the other
    /// entries excluded).
    pub range: Range<usize>,
    pub title: String,
    pub date: Option<String>,
    /// What the text measures for reuse: the document without its 公文 frame.
    pub normalized: Normalized,
    pub outline: Outline,
    /// The header and closing blocks of an official document (issuer, number, recipients…).
    pub frame: Frame,
}

impl Document {
    /// Opens `PATH` or `PATH#N` from disk.
    pub fn open(spec: &str) -> Result<Self, LoadError> {
        Self::open_ref(&DocumentRef::parse(spec)?)
    }

    pub fn open_ref(reference: &DocumentRef) -> Result<Self, LoadError> {
        let source = Arc::new(read_source(&reference.path)?);
        Self::from_source(source, reference.index)
    }

    /// Picks the document out of a decoded source. Without an index, the file must hold one
    /// document.
    pub fn from_source(source: Arc<SourceFile>, index: Option<usize>) -> Result<Self, LoadError> {
        let entries = split_entries(&source);
        let path = source.path.clone();
        let entry = match index {
            None if entries.len() > 1 => {
                return Err(LoadError::SeveralDocuments {
                    path,
                    count: entries.len(),
                });
            }
            None => entries.into_iter().next(),
            Some(n) => {
                let count = entries.len();
                entries
                    .into_iter()
                    .nth(n - 1)
                    .map(Some)
                    .ok_or(LoadError::NoSuchDocument {
                        path: path.clone(),
                        index: n,
                        count,
                    })?
            }
        };
        let Some(entry) = entry else {
            return Err(LoadError::NoText { path });
        };
        if !entry.has_text {
            return Err(LoadError::EntryWithoutText {
                path,
                index: index.unwrap_or(1),
                title: entry.title,
            });
        }
        Ok(Self::from_entry(source, index, entry))
    }

    fn from_entry(source: Arc<SourceFile>, index: Option<usize>, entry: Entry) -> Self {
        let frame = find_frame(&source.chars, entry.range.clone());
        let normalized = normalize(&source.chars, entry.range.clone()).without(&frame.ranges());
        let outline = parse_outline(&source.chars, entry.range.clone());
        let title = outline
            .title
            .as_ref()
            .map(|t| t.text.clone())
            .filter(|t| !t.is_empty())
            .unwrap_or(entry.title);
        Self {
            source,
            index,
            range: entry.range,
            title,
            date: entry
                .date
                .or_else(|| outline.date.as_ref().map(|d| d.text.clone())),
            normalized,
            outline,
            frame,
        }
    }

    /// A document from text in memory (tests, generated cases, drag-and-dropped text).
    pub fn from_text(name: &str, text: &str) -> Result<Self, LoadError> {
        Self::from_source(Arc::new(SourceFile::from_text(name, text)), None)
    }

    pub fn reference(&self) -> DocumentRef {
        DocumentRef {
            path: self.source.path.clone(),
            index: self.index,
        }
    }

    /// `name.txt` or `name.txt#3`, for display.
    pub fn label(&self) -> String {
        match self.index {
            Some(n) => format!("{}#{n}", self.source.file_name()),
            None => self.source.file_name(),
        }
    }

    /// The whole file's characters; every offset counts into this.
    pub fn chars(&self) -> &[char] {
        &self.source.chars
    }

    pub fn slice(&self, range: Range<usize>) -> String {
        self.source.slice(range)
    }

    /// Number of non-white-space characters, the unit of every share we report.
    pub fn content_chars(&self) -> usize {
        self.chars()[self.range.clone()]
            .iter()
            .filter(|&&c| !crate::document::normalize::is_space(c))
            .count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_parse() {
        assert_eq!(
            DocumentRef::parse("a/b.txt#3").unwrap(),
            DocumentRef {
                path: "a/b.txt".into(),
                index: Some(3)
            }
        );
        assert_eq!(DocumentRef::parse("b.txt").unwrap().index, None);
        assert!(DocumentRef::parse("b.txt#0").is_err());
        assert!(DocumentRef::parse("b.txt#03").is_err());
        assert!(DocumentRef::parse("#3").is_err());
        assert_eq!(DocumentRef::parse("missing#x.txt").unwrap().index, None);
        assert_eq!(DocumentRef::parse("b.txt#").unwrap().index, None);
    }
}
