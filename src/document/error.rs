//! Errors the engine reports. Each names the file and says why, in one line, so the command
//! line can print it as is and the viewer can show it in a toast.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("{path}: file not found")]
    NotFound { path: PathBuf },
    #[error("{path}: is a directory, not a document")]
    IsDirectory { path: PathBuf },
    #[error("{path}: is {kind}, not a document file")]
    NotRegular { path: PathBuf, kind: &'static str },
    #[error("{path}: cannot read: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: file is empty")]
    Empty { path: PathBuf },
    #[error("{path}: file is too large ({size} bytes; the limit is {limit} bytes)")]
    TooLarge {
        path: PathBuf,
        size: u64,
        limit: u64,
    },
    #[error("{path}: looks like a binary file, not text")]
    Binary { path: PathBuf },
    #[error(
        "{path}: UTF-8 text with {count} invalid byte sequence(s), the first on line {line}; repair the file or save it again as UTF-8"
    )]
    DamagedUtf8 {
        path: PathBuf,
        line: usize,
        count: usize,
    },
    #[error("{path}: cannot decode the text (tried {encoding}): {detail}")]
    Undecodable {
        path: PathBuf,
        encoding: &'static str,
        detail: String,
    },
    #[error("{path}: holds no document text")]
    NoText { path: PathBuf },
    #[error(
        "{path}: document #{index} does not exist; the file holds {count} document(s) (list them with `policy-lineage split {path}`)"
    )]
    NoSuchDocument {
        path: PathBuf,
        index: usize,
        count: usize,
    },
    #[error("{path}#{index}: this entry has a title but no text (\"{title}\")")]
    EntryWithoutText {
        path: PathBuf,
        index: usize,
        title: String,
    },
    #[error(
        "{path}: holds {count} documents; name one as {path}#N (list them with `policy-lineage split {path}`)"
    )]
    SeveralDocuments { path: PathBuf, count: usize },
    #[error("{spec}: bad document reference; use PATH or PATH#N with N from 1")]
    BadReference { spec: String },
    // Non-text inputs (src/document/formats).
    #[error(
        "{path}: the PDF has no text layer ({pages} page(s) of images, a scan?); run OCR first"
    )]
    ScannedPdf { path: PathBuf, pages: usize },
    #[error("{path}: the file is password-protected (encrypted); save an unprotected copy")]
    Encrypted { path: PathBuf },
    #[error("{path}: corrupt or truncated archive: {detail}")]
    CorruptArchive { path: PathBuf, detail: String },
    #[error("{path}: corrupt {format} file: {detail}")]
    CorruptFile {
        path: PathBuf,
        format: &'static str,
        detail: String,
    },
    #[error(
        "{path}: {what} is larger than {limit} bytes once decompressed; refused (a damaged file or a decompression bomb?)"
    )]
    ContentTooLarge {
        path: PathBuf,
        what: String,
        limit: u64,
    },
    #[error(
        "{path}: the PDF's text cannot be read ({:.0}% of its characters have no Unicode mapping in their fonts); run OCR or get another copy",
        share * 100.0
    )]
    UnreadableText { path: PathBuf, share: f64 },
    #[error("{path}: unsupported format: {detail}")]
    Unsupported { path: PathBuf, detail: String },
}
