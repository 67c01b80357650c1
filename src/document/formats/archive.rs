//! ZIP containers (DOCX, OFD): entries read by name with a bound on their decompressed size,
//! and XML parsed with `roxmltree` (no DTDs, so no entity expansion).

use std::io::Cursor;
use std::path::Path;

use super::limits::{MAX_DECOMPRESSED, read_bounded};
use crate::LoadError;

pub struct Archive<'a> {
    path: &'a Path,
    zip: zip::ZipArchive<Cursor<&'a [u8]>>,
}

impl<'a> Archive<'a> {
    pub fn open(path: &'a Path, bytes: &'a [u8]) -> Result<Self, LoadError> {
        let zip =
            zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| LoadError::CorruptArchive {
                path: path.to_owned(),
                detail: e.to_string(),
            })?;
        Ok(Self { path, zip })
    }

    /// The entry `name` decompressed; `Ok(None)` when the archive has no such entry.
    pub fn read(&mut self, name: &str) -> Result<Option<Vec<u8>>, LoadError> {
        let path = self.path;
        let corrupt = |detail: String| LoadError::CorruptArchive {
            path: path.to_owned(),
            detail,
        };
        let entry = match self.zip.by_name(name) {
            Ok(entry) => entry,
            Err(zip::result::ZipError::FileNotFound) => return Ok(None),
            Err(zip::result::ZipError::UnsupportedArchive(m)) if m.contains("ncrypt") => {
                return Err(LoadError::Encrypted {
                    path: path.to_owned(),
                });
            }
            Err(e) => return Err(corrupt(format!("{name}: {e}"))),
        };
        if entry.encrypted() {
            return Err(LoadError::Encrypted {
                path: path.to_owned(),
            });
        }
        match read_bounded(path, "archive", name, entry, MAX_DECOMPRESSED) {
            Err(LoadError::CorruptFile { detail, .. }) => Err(corrupt(detail)),
            other => other.map(Some),
        }
    }

    /// The entry `name` as text (UTF-8, a byte-order mark allowed).
    pub fn read_text(&mut self, name: &str) -> Result<Option<String>, LoadError> {
        let Some(bytes) = self.read(name)? else {
            return Ok(None);
        };
        let bytes = bytes
            .strip_prefix(b"\xEF\xBB\xBF")
            .map(<[u8]>::to_vec)
            .unwrap_or(bytes);
        String::from_utf8(bytes)
            .map(Some)
            .map_err(|_| LoadError::CorruptArchive {
                path: self.path.to_owned(),
                detail: format!("{name} is not UTF-8"),
            })
    }
}

/// Parses XML, naming the entry in the message when it is malformed.
pub fn parse_xml<'x>(
    path: &Path,
    name: &str,
    xml: &'x str,
) -> Result<roxmltree::Document<'x>, LoadError> {
    roxmltree::Document::parse(xml).map_err(|e| LoadError::CorruptArchive {
        path: path.to_owned(),
        detail: format!("{name}: {e}"),
    })
}
