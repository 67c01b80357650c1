//! Reading a document's file from disk: the checks on the path and its size, then the bytes
//! go to [`super::formats`] (which decodes them with [`super::decode`]). Dependencies run one
//! way: source → formats → decode.

use std::path::Path;

use super::decode::{MAX_FILE_BYTES, SourceFile};
use super::error::LoadError;

/// Reads and decodes a file.
pub fn read_source(path: &Path) -> Result<SourceFile, LoadError> {
    let bytes = read_limited(path, MAX_FILE_BYTES)?;
    // HTML, DOCX and PDF are turned into text first (src/document/formats); text files decode as is.
    super::formats::read_bytes(path, &bytes)
}

/// What kind of thing a path is when it is not a regular file, for messages.
fn kind_name(kind: std::fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if kind.is_dir() {
        "a folder"
    } else if kind.is_fifo() {
        "a named pipe (FIFO)"
    } else if kind.is_char_device() {
        "a character device"
    } else if kind.is_block_device() {
        "a block device"
    } else if kind.is_socket() {
        "a socket"
    } else {
        "not a regular file"
    }
}

fn check_regular(path: &Path, meta: &std::fs::Metadata) -> Result<(), LoadError> {
    if meta.is_dir() {
        return Err(LoadError::IsDirectory {
            path: path.to_owned(),
        });
    }
    if !meta.is_file() {
        return Err(LoadError::NotRegular {
            path: path.to_owned(),
            kind: kind_name(meta.file_type()),
        });
    }
    Ok(())
}

/// Reads a regular file of at most `limit` bytes. Anything else (a pipe, a device, a socket)
/// is refused before a byte is read, and at most `limit + 1` bytes are ever read, so a file
/// that grows while being read (or lies about its size) cannot exhaust memory.
pub fn read_limited(path: &Path, limit: u64) -> Result<Vec<u8>, LoadError> {
    use std::io::Read;
    use std::os::unix::fs::OpenOptionsExt;
    let io = |source: std::io::Error| match source.kind() {
        std::io::ErrorKind::NotFound => LoadError::NotFound {
            path: path.to_owned(),
        },
        _ => LoadError::Io {
            path: path.to_owned(),
            source,
        },
    };
    let too_large = |size| LoadError::TooLarge {
        path: path.to_owned(),
        size,
        limit,
    };
    let meta = std::fs::metadata(path).map_err(io)?;
    check_regular(path, &meta)?;
    if meta.len() > limit {
        return Err(too_large(meta.len()));
    }
    // Non-blocking, so that a FIFO swapped in after the check above does not block the open;
    // the opened file is checked again.
    let file = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY)
        .open(path)
        .map_err(io)?;
    let meta = file.metadata().map_err(io)?;
    check_regular(path, &meta)?;
    let mut bytes = Vec::with_capacity(meta.len().min(limit) as usize);
    file.take(limit + 1).read_to_end(&mut bytes).map_err(io)?;
    if bytes.len() as u64 > limit {
        return Err(too_large(bytes.len() as u64));
    }
    Ok(bytes)
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

    #[test]
    fn pipes_and_devices_are_refused_before_reading() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("plan.txt");
        assert!(
            std::process::Command::new("mkfifo")
                .arg(&fifo)
                .status()
                .unwrap()
                .success()
        );
        assert!(matches!(
            read_source(&fifo),
            Err(LoadError::NotRegular { .. })
        ));
        assert!(matches!(
            read_source(Path::new("/dev/zero")),
            Err(LoadError::NotRegular { .. })
        ));
        let big = dir.path().join("big.txt");
        std::fs::write(&big, vec![b'a'; 101]).unwrap();
        assert!(matches!(
            read_limited(&big, 100),
            Err(LoadError::TooLarge { .. })
        ));
        assert_eq!(read_limited(&big, 101).unwrap().len(), 101);
    }
}
