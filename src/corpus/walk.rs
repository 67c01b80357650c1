//! Finding the files of a corpus: files as given, folders walked for known extensions. The walk
//! never leaves the corpus through a symbolic link and never goes round a link loop; folders
//! it cannot read are reported, not silently left out.

use std::collections::HashSet;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

use super::CorpusError;

/// Extensions read when a folder is given (files named explicitly are always read).
const EXTENSIONS: &[&str] = &["txt", "text", "html", "htm", "shtml", "docx", "pdf"];

/// The files found, and what was passed over with the reason.
#[derive(Debug, Default)]
pub struct Found {
    pub files: Vec<PathBuf>,
    pub skipped: Vec<(PathBuf, String)>,
}

/// The files named: files as given, folders walked (recursively) for known extensions. Sorted,
/// so the corpus order does not depend on the file system. A path that does not exist is an
/// error.
pub fn collect_files(paths: &[PathBuf]) -> Result<Found, CorpusError> {
    let mut walk = Walk::default();
    for p in paths {
        let meta = std::fs::metadata(p).map_err(|e| CorpusError::Input {
            path: p.clone(),
            detail: match e.kind() {
                std::io::ErrorKind::NotFound => "no such file or folder".to_owned(),
                _ => e.to_string(),
            },
        })?;
        if meta.is_dir() {
            if let Ok(root) = p.canonicalize() {
                walk.roots.push(root);
            }
            walk.folder(p, &meta);
        } else {
            walk.found.files.push(p.clone());
        }
    }
    let mut found = walk.found;
    found.files.sort();
    found.files.dedup();
    found.skipped.sort();
    Ok(found)
}

#[derive(Default)]
struct Walk {
    /// The corpus folders, canonical: a linked folder is followed only when it lies inside one.
    roots: Vec<PathBuf>,
    /// Folders already walked, by device and inode (a loop comes back to one of them).
    seen: HashSet<(u64, u64)>,
    found: Found,
}

impl Walk {
    fn folder(&mut self, dir: &Path, meta: &std::fs::Metadata) {
        if !self.seen.insert((meta.dev(), meta.ino())) {
            return;
        }
        let entries = match std::fs::read_dir(dir) {
            Ok(entries) => entries,
            Err(e) => {
                self.found.skipped.push((dir.to_owned(), e.to_string()));
                return;
            }
        };
        for entry in entries {
            let entry = match entry {
                Ok(entry) => entry,
                Err(e) => {
                    self.found.skipped.push((dir.to_owned(), e.to_string()));
                    continue;
                }
            };
            let path = entry.path();
            if path
                .file_name()
                .is_some_and(|n| n.as_encoded_bytes().starts_with(b"."))
            {
                continue;
            }
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            if kind.is_symlink() {
                self.link(path);
            } else if kind.is_dir() {
                if let Ok(meta) = entry.metadata() {
                    self.folder(&path, &meta);
                } else {
                    self.found
                        .skipped
                        .push((path, "cannot read the folder".to_owned()));
                }
            } else if known_extension(&path) {
                // Pipes and devices with a document's name are refused when read.
                self.found.files.push(path);
            }
        }
    }

    fn link(&mut self, path: PathBuf) {
        let Ok(meta) = std::fs::metadata(&path) else {
            if known_extension(&path) {
                self.found
                    .skipped
                    .push((path, "a symbolic link to nothing".to_owned()));
            }
            return;
        };
        if !meta.is_dir() {
            if known_extension(&path) {
                self.found.files.push(path);
            }
            return;
        }
        let inside = path
            .canonicalize()
            .is_ok_and(|target| self.roots.iter().any(|root| target.starts_with(root)));
        if inside {
            self.folder(&path, &meta);
        } else if !self.seen.contains(&(meta.dev(), meta.ino())) {
            self.found.skipped.push((
                path,
                "a link to a folder outside the corpus (not followed)".to_owned(),
            ));
        }
    }
}

fn known_extension(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| EXTENSIONS.contains(&e.to_string_lossy().to_ascii_lowercase().as_str()))
}
