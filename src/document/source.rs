//! Reading a document's file from disk: the checks on the path and its size, then the bytes
//! go to [`super::formats`] (which decodes them with [`super::decode`]). Dependencies run one
//! way: source → formats → decode.

use std::path::Path;

use super::decode::{MAX_FILE_BYTES, SourceFile};
use super::error::LoadError;

/// Reads and decodes a file.
pub fn read_source(path: &Path) -> Result<SourceFile, LoadError> {
    let meta = std::fs::metadata(path).map_err(|source| match source.kind() {
        std::io::ErrorKind::NotFound => LoadError::NotFound {
            path: path.to_owned(),
        },
        _ => LoadError::Io {
            path: path.to_owned(),
            source,
        },
    })?;
    if meta.is_dir() {
        return Err(LoadError::IsDirectory {
            path: path.to_owned(),
        });
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(LoadError::TooLarge {
            path: path.to_owned(),
            size: meta.len(),
            limit: MAX_FILE_BYTES,
        });
    }
    let bytes = std::fs::read(path).map_err(|source| LoadError::Io {
        path: path.to_owned(),
        source,
    })?;
    // HTML, DOCX and PDF are turned into text first (src/document/formats); text files decode as is.
    super::formats::read_bytes(path, &bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_files_and_folders_are_refused() {
        let missing = read_source(Path::new("/nonexistent/policy.txt"));
        assert!(matches!(missing, Err(LoadError::NotFound { .. })));
        assert!(matches!(
            read_source(Path::new("/")),
            Err(LoadError::IsDirectory { .. })
        ));
    }
}
