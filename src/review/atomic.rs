//! The one file writer: reports, sessions, recovery files and the corpus index are written to a
//! temporary file in the target's folder and renamed over the target, so a crash or a full disk
//! never leaves a half-written file where a good one was.
//!
//! The temporary file is created exclusively (`O_EXCL`) under an unpredictable name, so a
//! symbolic link planted in the folder is never followed. A replaced file keeps its permissions
//! (and its owner where the system allows). A target that is not a regular file is never
//! replaced: a character device (`/dev/null`, a terminal) or a named pipe with a reader is
//! written to as such; anything else is refused.

use std::fs::{File, Metadata, OpenOptions};
use std::io::{Error, ErrorKind, Write};
use std::os::unix::fs::{FileTypeExt, MetadataExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

/// Writes `bytes` to `path`; returns notes worth telling the user (a hard link broken, an owner
/// changed).
pub fn write(path: &Path, bytes: &[u8]) -> std::io::Result<Vec<String>> {
    Staged::new(path, bytes)?.commit()
}

/// Writes several files so that either all of them are written or none is touched: every
/// temporary file is complete before the first rename. Errors name the file.
pub fn write_all(files: &[(&Path, &[u8])]) -> std::io::Result<Vec<String>> {
    let mut batch = Batch::default();
    for &(path, bytes) in files {
        batch.stage(path, bytes)?;
    }
    batch.commit()
}

/// Files staged one at a time and put in place together, as [`write_all`] does, so that a
/// large set need not be held in memory at once: a file's bytes can go once it is staged.
#[derive(Default)]
pub struct Batch {
    staged: Vec<(PathBuf, Staged)>,
}

impl Batch {
    pub fn stage(&mut self, path: &Path, bytes: &[u8]) -> std::io::Result<()> {
        let stage = Staged::new(path, bytes).map_err(named(path))?;
        self.staged.push((path.to_owned(), stage));
        Ok(())
    }

    /// Adds a file written through a [`Draft`], now complete.
    pub fn add(&mut self, draft: Draft) -> std::io::Result<()> {
        if let Staged::Replace { temp, .. } = &draft.staged {
            temp.as_file().sync_all().map_err(named(&draft.path))?;
        }
        self.staged.push((draft.path, draft.staged));
        Ok(())
    }

    pub fn commit(self) -> std::io::Result<Vec<String>> {
        let mut notes = Vec::new();
        for (path, stage) in self.staged {
            notes.extend(stage.commit().map_err(named(&path))?);
        }
        Ok(notes)
    }
}

/// A file written a piece at a time (a table too large to hold in memory), then added to a
/// [`Batch`] and put in place with the batch's other files. Dropped unadded, it leaves no
/// trace.
pub struct Draft {
    path: PathBuf,
    staged: Staged,
}

impl Draft {
    /// Starts the file that will replace `path`; refuses what [`write`] refuses.
    pub fn new(path: &Path) -> std::io::Result<Self> {
        Ok(Self {
            path: path.to_owned(),
            staged: Staged::new(path, &[]).map_err(named(path))?,
        })
    }
}

impl Write for Draft {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match &mut self.staged {
            Staged::Replace { temp, .. } => temp.as_file_mut().write(buf),
            Staged::Stream { bytes, .. } => {
                bytes.extend_from_slice(buf);
                Ok(buf.len())
            }
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match &mut self.staged {
            Staged::Replace { temp, .. } => temp.as_file_mut().flush(),
            Staged::Stream { .. } => Ok(()),
        }
    }
}

fn named(path: &Path) -> impl Fn(Error) -> Error + '_ {
    move |e| Error::new(e.kind(), format!("{}: {e}", path.display()))
}

/// Whether `a` and `b` name the same file: the same device and inode when both exist, the same
/// folder and name otherwise (through symbolic links and `..`).
pub fn same_file(a: &Path, b: &Path) -> bool {
    match (identity(a), identity(b)) {
        (Some(x), Some(y)) => x == y,
        _ => false,
    }
}

#[derive(PartialEq, Eq)]
enum Identity {
    Inode(u64, u64),
    Path(PathBuf),
}

fn identity(path: &Path) -> Option<Identity> {
    if let Ok(meta) = std::fs::metadata(path) {
        return Some(Identity::Inode(meta.dev(), meta.ino()));
    }
    let name = path.file_name()?;
    let dir = folder_of(path).canonicalize().ok()?;
    Some(Identity::Path(dir.join(name)))
}

fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// One file ready to be put in place.
enum Staged {
    /// A complete temporary file, renamed over `target` on commit.
    Replace {
        temp: tempfile::NamedTempFile,
        target: PathBuf,
        notes: Vec<String>,
    },
    /// A device or a pipe, written on commit.
    Stream { file: File, bytes: Vec<u8> },
}

impl Staged {
    fn new(path: &Path, bytes: &[u8]) -> std::io::Result<Self> {
        let existing = match std::fs::metadata(path) {
            Ok(meta) => Some(meta),
            Err(e) if e.kind() == ErrorKind::NotFound => {
                if std::fs::symlink_metadata(path).is_ok() {
                    return Err(Error::new(
                        ErrorKind::NotFound,
                        "is a symbolic link to a missing file",
                    ));
                }
                None
            }
            Err(e) => return Err(e),
        };
        match existing {
            None => Self::replace(path.to_owned(), None, bytes),
            Some(meta) if meta.is_file() => {
                // Through a symbolic link, the file it points to is replaced, not the link.
                let target = if std::fs::symlink_metadata(path)?.file_type().is_symlink() {
                    path.canonicalize()?
                } else {
                    path.to_owned()
                };
                Self::replace(target, Some(meta), bytes)
            }
            Some(meta) => Self::stream(path, &meta, bytes),
        }
    }

    fn replace(target: PathBuf, existing: Option<Metadata>, bytes: &[u8]) -> std::io::Result<Self> {
        let name = target
            .file_name()
            .ok_or_else(|| Error::new(ErrorKind::InvalidInput, "is not a file name"))?;
        let prefix = format!(".{}.", name.to_string_lossy());
        // A new file gets the usual mode (0666 less the umask); a replaced one its own mode,
        // set exactly below.
        let mode = existing
            .as_ref()
            .map_or(0o666, |m| m.permissions().mode() & 0o7777);
        let temp = tempfile::Builder::new()
            .prefix(&prefix)
            .suffix(".tmp")
            .rand_bytes(10)
            .permissions(std::fs::Permissions::from_mode(mode))
            .tempfile_in(folder_of(&target))?;
        let mut notes = Vec::new();
        if let Some(meta) = &existing {
            std::fs::set_permissions(temp.path(), meta.permissions())?;
            notes.extend(keep_owner(temp.as_file(), meta, &target));
            if meta.nlink() > 1 {
                notes.push(format!(
                    "{}: had {} other hard link(s); they keep the old content",
                    target.display(),
                    meta.nlink() - 1
                ));
            }
        }
        temp.as_file().write_all(bytes)?;
        temp.as_file().sync_all()?;
        Ok(Self::Replace {
            temp,
            target,
            notes,
        })
    }

    fn stream(path: &Path, meta: &Metadata, bytes: &[u8]) -> std::io::Result<Self> {
        let kind = meta.file_type();
        if meta.is_dir() {
            return Err(Error::new(ErrorKind::IsADirectory, "is a directory"));
        }
        if kind.is_char_device() {
            let file = OpenOptions::new().write(true).open(path)?;
            return Ok(Self::Stream {
                file,
                bytes: bytes.to_vec(),
            });
        }
        if kind.is_fifo() {
            // Opening a pipe nobody reads would wait forever; non-blocking, it fails at once.
            let file = OpenOptions::new()
                .write(true)
                .custom_flags(libc::O_NONBLOCK)
                .open(path)
                .map_err(|e| match e.raw_os_error() {
                    Some(libc::ENXIO) => Error::other("is a named pipe that nobody reads"),
                    _ => e,
                })?;
            set_blocking(&file)?;
            return Ok(Self::Stream {
                file,
                bytes: bytes.to_vec(),
            });
        }
        let what = if kind.is_socket() {
            "is a socket"
        } else if kind.is_block_device() {
            "is a block device (a disk)"
        } else {
            "is not a regular file"
        };
        Err(Error::new(
            ErrorKind::InvalidInput,
            format!("{what}; refusing to write over it"),
        ))
    }

    fn commit(self) -> std::io::Result<Vec<String>> {
        match self {
            Self::Replace {
                temp,
                target,
                notes,
            } => {
                // On failure the error drops the temporary file, which removes it.
                temp.persist(&target).map_err(|e| e.error)?;
                // The rename is durable once the folder is synced; not every file system
                // allows syncing a folder, and the data itself is already on disk.
                if let Ok(dir) = File::open(folder_of(&target)) {
                    dir.sync_all().ok();
                }
                Ok(notes)
            }
            Self::Stream { mut file, bytes } => {
                file.write_all(&bytes)?;
                file.flush()?;
                Ok(Vec::new())
            }
        }
    }
}

/// Gives the new file the replaced file's owner and group; when the system does not allow it
/// (only root may give a file away), says so.
fn keep_owner(temp: &File, old: &Metadata, target: &Path) -> Option<String> {
    let new = temp.metadata().ok()?;
    if (new.uid(), new.gid()) == (old.uid(), old.gid()) {
        return None;
    }
    if std::os::unix::fs::fchown(temp, Some(old.uid()), Some(old.gid())).is_ok() {
        return None;
    }
    std::os::unix::fs::fchown(temp, None, Some(old.gid())).ok();
    let now = temp.metadata().ok()?;
    ((now.uid(), now.gid()) != (old.uid(), old.gid())).then(|| {
        format!(
            "{}: was owned by user {} (group {}); the new file is owned by user {} (group {})",
            target.display(),
            old.uid(),
            old.gid(),
            now.uid(),
            now.gid()
        )
    })
}

#[allow(unsafe_code)] // fcntl has no safe wrapper in std: a FIFO opened non-blocking must block for writing
fn set_blocking(file: &File) -> std::io::Result<()> {
    use std::os::fd::AsRawFd;
    let fd = file.as_raw_fd();
    // SAFETY: `fd` is an open descriptor owned by `file` for the duration of both calls.
    let flags = unsafe { libc::fcntl(fd, libc::F_GETFL) };
    if flags < 0 || unsafe { libc::fcntl(fd, libc::F_SETFL, flags & !libc::O_NONBLOCK) } < 0 {
        return Err(Error::last_os_error());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn replaces_the_file_and_leaves_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.txt");
        write(&path, b"one").unwrap();
        write(&path, b"two").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"two");
        assert_eq!(names(dir.path()), ["out.txt"]);
    }

    #[test]
    fn a_missing_folder_is_an_error_and_writes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        assert!(write(&dir.path().join("no/such/out.txt"), b"x").is_err());
        assert!(names(dir.path()).is_empty());
    }

    #[test]
    fn the_replaced_file_keeps_its_permissions() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("report.html");
        std::fs::write(&path, b"old").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
        write(&path, b"new").unwrap();
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o7777;
        assert_eq!(mode, 0o640);
    }

    #[test]
    fn a_symlinked_target_is_written_through_and_the_link_kept() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.csv");
        std::fs::write(&real, b"old").unwrap();
        let link = dir.path().join("link.csv");
        std::os::unix::fs::symlink(&real, &link).unwrap();
        write(&link, b"new").unwrap();
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(std::fs::read(&real).unwrap(), b"new");
    }

    #[test]
    fn a_broken_hard_link_is_noted() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.json");
        std::fs::write(&path, b"old").unwrap();
        std::fs::hard_link(&path, dir.path().join("b.json")).unwrap();
        let notes = write(&path, b"new").unwrap();
        assert!(notes[0].contains("1 other hard link"), "{notes:?}");
        assert_eq!(std::fs::read(dir.path().join("b.json")).unwrap(), b"old");
    }

    #[test]
    fn when_one_file_cannot_be_written_none_is() {
        let dir = tempfile::tempdir().unwrap();
        let good = dir.path().join("good.html");
        std::fs::write(&good, b"old").unwrap();
        let bad = dir.path().join("missing/bad.csv");
        let new = b"new".as_slice();
        assert!(write_all(&[(good.as_path(), new), (bad.as_path(), new)]).is_err());
        assert_eq!(std::fs::read(&good).unwrap(), b"old");
        assert_eq!(names(dir.path()), ["good.html"]);
    }

    #[test]
    fn a_draft_appears_whole_with_its_batch_or_not_at_all() {
        let dir = tempfile::tempdir().unwrap();
        let table = dir.path().join("spans.csv");
        std::fs::write(&table, b"old").unwrap();
        let mut draft = Draft::new(&table).unwrap();
        draft.write_all(b"row 1\n").unwrap();
        // Until the batch commits, the old file stands and the draft is a hidden temporary.
        assert_eq!(std::fs::read(&table).unwrap(), b"old");
        draft.write_all(b"row 2\n").unwrap();
        let mut batch = Batch::default();
        batch.add(draft).unwrap();
        batch
            .stage(&dir.path().join("codebook.md"), b"# Codebook")
            .unwrap();
        batch.commit().unwrap();
        assert_eq!(std::fs::read(&table).unwrap(), b"row 1\nrow 2\n");
        assert_eq!(names(dir.path()), ["codebook.md", "spans.csv"]);

        let mut dropped = Draft::new(&table).unwrap();
        dropped.write_all(b"half a table").unwrap();
        drop(dropped);
        assert_eq!(std::fs::read(&table).unwrap(), b"row 1\nrow 2\n");
        assert_eq!(names(dir.path()), ["codebook.md", "spans.csv"]);
        assert!(Draft::new(&dir.path().join("missing/t.csv")).is_err());
    }

    #[test]
    fn devices_are_written_to_not_replaced() {
        write(Path::new("/dev/null"), b"report").unwrap();
        let meta = std::fs::metadata("/dev/null").unwrap();
        assert!(meta.file_type().is_char_device());
    }

    #[test]
    fn a_folder_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        assert!(write(dir.path(), b"x").is_err());
    }

    #[test]
    fn same_file_sees_through_links_and_dots() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.txt");
        std::fs::write(&a, b"x").unwrap();
        let link = dir.path().join("l.txt");
        std::os::unix::fs::symlink(&a, &link).unwrap();
        assert!(same_file(&a, &link));
        assert!(same_file(&a, &dir.path().join(".").join("a.txt")));
        let new = dir.path().join("new.txt");
        assert!(same_file(&new, &dir.path().join("./new.txt")));
        assert!(!same_file(&a, &new));
    }
}
