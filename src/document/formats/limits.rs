//! Bounds on what a file may grow into once decompressed or extracted. A policy document is
//! kilobytes of text; a few hundred kilobytes of archive that inflate to gigabytes is an attack
//! or a damaged file, and is refused with a message instead of exhausting memory or being cut.

use std::io::Read;
use std::path::Path;

use crate::LoadError;

/// Decompressed bytes of one archive entry, one OLE stream or the content streams of a PDF,
/// all pages together.
pub const MAX_DECOMPRESSED: u64 = 64 * 1024 * 1024;

/// Bytes of text extracted from one file: the limit a plain text file has.
pub const MAX_TEXT: usize = 32 * 1024 * 1024;

/// Reads all of `reader`, refusing more than `limit` bytes.
pub fn read_bounded(
    path: &Path,
    format: &'static str,
    what: &str,
    reader: impl Read,
    limit: u64,
) -> Result<Vec<u8>, LoadError> {
    let mut out = Vec::new();
    reader
        .take(limit + 1)
        .read_to_end(&mut out)
        .map_err(|e| LoadError::CorruptFile {
            path: path.to_owned(),
            format,
            detail: format!("{what}: {e}"),
        })?;
    if out.len() as u64 > limit {
        return Err(too_large(path, what, limit));
    }
    Ok(out)
}

/// Refuses extracted text past [`MAX_TEXT`].
pub fn check_text(path: &Path, text: &str) -> Result<(), LoadError> {
    if text.len() > MAX_TEXT {
        return Err(too_large(path, "the extracted text", MAX_TEXT as u64));
    }
    Ok(())
}

pub fn too_large(path: &Path, what: &str, limit: u64) -> LoadError {
    LoadError::ContentTooLarge {
        path: path.to_owned(),
        what: what.to_owned(),
        limit,
    }
}
