//! Word 97-2003 binary documents (`.doc`), and the Kingsoft WPS files built on the same format
//! (`.wps`): the main document's text from the piece table, in order, a line per paragraph.
//!
//! The file is an OLE compound file (read with `cfb`). Its `WordDocument` stream starts with
//! the FIB, which says how many characters the main document has and where the piece table
//! (`Clx`) lies in the table stream; each piece is a run of characters stored either as 8-bit
//! "compressed" text (Windows-1252) or as UTF-16. Footnotes, headers and text boxes follow the
//! main document in the same character stream and are left out.

use std::io::Cursor;
use std::path::Path;

use encoding_rs::{UTF_16LE, WINDOWS_1252};

use super::limits::{MAX_DECOMPRESSED, MAX_TEXT, read_bounded, too_large};
use crate::LoadError;

/// The first bytes of every OLE compound file.
pub const OLE_MAGIC: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// `wIdent` of a Word 97 or later FIB; Word 6 and 95 wrote 0xA5DC.
const WORD97_IDENT: u16 = 0xA5EC;
const WORD6_IDENT: u16 = 0xA5DC;

/// What an OLE compound file holds, from the names of its streams.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Container {
    /// A `WordDocument` stream: Word 97-2003, or Kingsoft WPS in the same format.
    Word,
    /// An Office Open XML file (a .docx) wrapped for encryption.
    EncryptedOoxml,
    /// Microsoft Works word processor (`CONTENTS`, or `MatOST` in older versions).
    Works,
    /// Something else (a spreadsheet, a presentation).
    Other,
    /// Shorter than its own allocation table says: `have` of at least `need` bytes.
    Truncated { have: usize, need: usize },
    /// A directory or allocation table that cannot be read.
    Damaged,
}

/// Looks into an OLE compound file's directory; `None` when it is not one.
pub fn container(bytes: &[u8]) -> Option<Container> {
    if !bytes.starts_with(OLE_MAGIC) {
        return None;
    }
    if let Some(need) = needed_length(bytes).filter(|&need| need > bytes.len()) {
        return Some(Container::Truncated {
            have: bytes.len(),
            need,
        });
    }
    let guarded = std::panic::catch_unwind(|| {
        let Ok(file) = cfb::CompoundFile::open(Cursor::new(bytes)) else {
            return Container::Damaged;
        };
        if file.is_stream("/WordDocument") {
            Container::Word
        } else if file.is_stream("/EncryptedPackage") {
            Container::EncryptedOoxml
        } else if file.is_stream("/CONTENTS")
            || file.is_stream("/MatOST")
            || file.is_storage("/Quill")
        {
            Container::Works
        } else {
            Container::Other
        }
    });
    Some(guarded.unwrap_or(Container::Damaged))
}

/// Free and end-of-chain markers of the sector allocation table (FAT).
const FREE_SECTOR: u32 = 0xFFFF_FFFF;
const LAST_REGULAR_SECTOR: u32 = 0xFFFF_FFFA;

/// The length an OLE compound file must reach, from its header: into the directory's first
/// sector, every FAT sector the header lists, and the last sector those FAT sectors (where
/// present) mark as used. `None` when the header itself is cut short.
fn needed_length(bytes: &[u8]) -> Option<usize> {
    let shift = u16_at(bytes, 0x1E)?;
    if !(7..=16).contains(&shift) {
        return None;
    }
    let size = 1usize << shift;
    // Sector `s` starts at `(s + 1) * size`: the header fills sector -1.
    let start = |sector: u32| (sector as usize + 1) * size;
    // A last sector written short still counts as there.
    let reached = |sector: u32| start(sector) + 1;
    let regular = |sector: &u32| *sector < LAST_REGULAR_SECTOR;
    let mut need = Some(u32_at(bytes, 0x30)?)
        .filter(regular)
        .map_or(0, reached);
    for k in 0..109 {
        let Some(fat) = Some(u32_at(bytes, 0x4C + 4 * k)?).filter(regular) else {
            continue;
        };
        need = need.max(reached(fat));
        let Some(table) = bytes.get(start(fat)..start(fat) + size) else {
            continue;
        };
        let last_used = table
            .chunks_exact(4)
            .rposition(|e| u32::from_le_bytes([e[0], e[1], e[2], e[3]]) != FREE_SECTOR);
        if let Some(i) = last_used {
            need = need.max(reached((k * size / 4 + i) as u32));
        }
    }
    Some(need)
}

pub fn extract_text(path: &Path, bytes: &[u8]) -> Result<String, LoadError> {
    // cfb and the offsets below come from the file; a malformed one must be a message, not
    // the end of the viewer or a corpus build.
    std::panic::catch_unwind(|| extract(path, bytes))
        .unwrap_or_else(|_| Err(corrupt(path, "the reader failed on this file")))
}

fn corrupt(path: &Path, detail: &str) -> LoadError {
    LoadError::CorruptFile {
        path: path.to_owned(),
        format: "Word",
        detail: detail.to_owned(),
    }
}

fn extract(path: &Path, bytes: &[u8]) -> Result<String, LoadError> {
    let mut file = cfb::CompoundFile::open(Cursor::new(bytes))
        .map_err(|e| corrupt(path, &format!("not a readable OLE compound file: {e}")))?;
    let mut stream = |name: &str| -> Result<Vec<u8>, LoadError> {
        let reader = file
            .open_stream(name)
            .map_err(|e| corrupt(path, &format!("stream {name}: {e}")))?;
        read_bounded(path, "Word", name, reader, MAX_DECOMPRESSED)
    };
    let word = stream("WordDocument")?;
    let fib = Fib::parse(&word)
        .ok_or_else(|| corrupt(path, "the file information block is cut short"))?;
    if fib.ident == WORD6_IDENT {
        return Err(LoadError::Unsupported {
            path: path.to_owned(),
            detail: "a Word 6/95 document; save it as .docx".into(),
        });
    }
    if fib.ident != WORD97_IDENT {
        return Err(corrupt(path, "the WordDocument stream has no Word header"));
    }
    if fib.encrypted {
        return Err(LoadError::Encrypted {
            path: path.to_owned(),
        });
    }
    let table = stream(if fib.table_one { "1Table" } else { "0Table" })?;
    let clx = slice(&table, fib.clx_offset, fib.clx_len)
        .ok_or_else(|| corrupt(path, "the piece table lies outside the table stream"))?;
    let pieces = pieces(clx).ok_or_else(|| corrupt(path, "the piece table is damaged"))?;
    let raw = main_text(path, &word, &pieces, fib.main_chars)?;
    Ok(plain(&raw))
}

/// The parts of the FIB this reader needs.
struct Fib {
    ident: u16,
    encrypted: bool,
    /// Whether the table stream is `1Table` (else `0Table`).
    table_one: bool,
    /// `ccpText`: characters of the main document.
    main_chars: u32,
    clx_offset: u32,
    clx_len: u32,
}

impl Fib {
    fn parse(word: &[u8]) -> Option<Self> {
        let ident = u16_at(word, 0)?;
        let flags = u16_at(word, 0x0A)?;
        // FibBase (32 bytes), then three arrays, each preceded by its count.
        let words = u16_at(word, 0x20)? as usize;
        let longs_at = 0x22 + words * 2;
        let longs = u16_at(word, longs_at)? as usize;
        let longs_start = longs_at + 2;
        let main_chars = if longs > 3 {
            u32_at(word, longs_start + 12)?
        } else {
            return None;
        };
        let pairs_at = longs_start + longs * 4;
        let pairs = u16_at(word, pairs_at)? as usize;
        // `fcClx`/`lcbClx` is the 34th offset/length pair of FibRgFcLcb97.
        const CLX_PAIR: usize = 33;
        if pairs <= CLX_PAIR {
            return None;
        }
        let clx_at = pairs_at + 2 + CLX_PAIR * 8;
        Some(Self {
            ident,
            encrypted: flags & 0x0100 != 0,
            table_one: flags & 0x0200 != 0,
            main_chars,
            clx_offset: u32_at(word, clx_at)?,
            clx_len: u32_at(word, clx_at + 4)?,
        })
    }
}

/// One run of characters: `cp_start..cp_end` in the document, stored from byte `offset` of
/// the WordDocument stream, one byte per character when `compressed`, else two.
#[derive(Debug, PartialEq, Eq)]
struct Piece {
    cp_start: u32,
    cp_end: u32,
    offset: u32,
    compressed: bool,
}

/// The pieces of a `Clx`: property runs (`Prc`, skipped) then the piece table (`Pcdt`).
fn pieces(clx: &[u8]) -> Option<Vec<Piece>> {
    let mut at = 0;
    while *clx.get(at)? == 0x01 {
        let size = u16_at(clx, at + 1)? as usize;
        at += 3 + size;
    }
    if *clx.get(at)? != 0x02 {
        return None;
    }
    let len = u32_at(clx, at + 1)? as usize;
    let plc = clx.get(at + 5..(at + 5).checked_add(len)?)?;
    // n + 1 character positions, then n piece descriptors of 8 bytes.
    if len < 4 || !(len - 4).is_multiple_of(12) {
        return None;
    }
    let n = (len - 4) / 12;
    let descriptors = 4 * (n + 1);
    (0..n)
        .map(|k| {
            let fc = u32_at(plc, descriptors + k * 8 + 2)?;
            let compressed = fc & 0x4000_0000 != 0;
            let fc = fc & 0x3FFF_FFFF;
            Some(Piece {
                cp_start: u32_at(plc, k * 4)?,
                cp_end: u32_at(plc, k * 4 + 4)?,
                offset: if compressed { fc / 2 } else { fc },
                compressed,
            })
        })
        .collect()
}

/// The first `main_chars` characters of the document, pieces decoded and joined.
fn main_text(
    path: &Path,
    word: &[u8],
    pieces: &[Piece],
    main_chars: u32,
) -> Result<String, LoadError> {
    let mut text = String::new();
    for piece in pieces {
        if piece.cp_start >= main_chars {
            break;
        }
        let count = piece.cp_end.min(main_chars).saturating_sub(piece.cp_start);
        let width = if piece.compressed { 1 } else { 2 };
        let bytes = slice(word, piece.offset, count.saturating_mul(width))
            .ok_or_else(|| corrupt(path, "a text piece lies outside the document stream"))?;
        let encoding = if piece.compressed {
            WINDOWS_1252
        } else {
            UTF_16LE
        };
        let (decoded, _) = encoding.decode_without_bom_handling(bytes);
        text.push_str(&decoded);
        if text.len() > MAX_TEXT {
            return Err(too_large(path, "the extracted text", MAX_TEXT as u64));
        }
    }
    Ok(text)
}

/// Word's special characters turned into plain text: paragraph, line and page ends become line
/// breaks, table cell ends tabs; field codes (`{ PAGE }`, hyperlink targets) are dropped and
/// their shown result kept; anchors of pictures, footnotes and comments vanish.
fn plain(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    // For each open field, whether its code part (before the separator) is being read.
    let mut fields: Vec<bool> = Vec::new();
    for c in raw.chars() {
        match c {
            '\u{13}' => fields.push(true),
            '\u{14}' => {
                if let Some(top) = fields.last_mut() {
                    *top = false;
                }
            }
            '\u{15}' => {
                fields.pop();
            }
            _ if fields.iter().any(|&code| code) => {}
            '\r' | '\u{0B}' | '\u{0C}' => out.push('\n'),
            '\u{07}' => out.push('\t'),
            '\u{1E}' => out.push('-'),
            '\u{A0}' => out.push(' '),
            '\u{01}'..='\u{08}' | '\u{1F}' => {}
            _ => out.push(c),
        }
    }
    out
}

fn slice(bytes: &[u8], offset: u32, len: u32) -> Option<&[u8]> {
    let start = offset as usize;
    bytes.get(start..start.checked_add(len as usize)?)
}

fn u16_at(bytes: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(bytes.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(bytes: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(bytes.get(at..at + 4)?.try_into().ok()?))
}

#[cfg(test)]
pub(crate) mod tests {
    use std::io::Write;

    use super::*;

    /// A minimal Word 97 file: a FIB, the given pieces (compressed or UTF-16) and a piece
    /// table in `1Table`; `main` is `ccpText`.
    pub(crate) fn word_file(pieces: &[(bool, &str)], main: u32, flags: u16) -> Vec<u8> {
        const FIB_LEN: usize = 0x22 + 14 * 2 + 2 + 22 * 4 + 2 + 93 * 8;
        let mut word = vec![0u8; FIB_LEN];
        word[0..2].copy_from_slice(&WORD97_IDENT.to_le_bytes());
        word[0x0A..0x0C].copy_from_slice(&(flags | 0x0200).to_le_bytes());
        word[0x20..0x22].copy_from_slice(&14u16.to_le_bytes());
        let longs_at = 0x22 + 28;
        word[longs_at..longs_at + 2].copy_from_slice(&22u16.to_le_bytes());
        word[longs_at + 2 + 12..longs_at + 2 + 16].copy_from_slice(&main.to_le_bytes());
        let pairs_at = longs_at + 2 + 88;
        word[pairs_at..pairs_at + 2].copy_from_slice(&93u16.to_le_bytes());
        let (mut cps, mut pcds) = (vec![0u32], Vec::new());
        for &(compressed, text) in pieces {
            let at = word.len() as u32;
            let count = if compressed {
                word.extend(text.bytes());
                text.len()
            } else {
                word.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
                text.encode_utf16().count()
            };
            cps.push(cps.last().unwrap() + count as u32);
            pcds.push(if compressed {
                (at * 2) | 0x4000_0000
            } else {
                at
            });
        }
        let mut plc: Vec<u8> = cps.iter().flat_map(|c| c.to_le_bytes()).collect();
        for fc in pcds {
            plc.extend([0, 0]);
            plc.extend(fc.to_le_bytes());
            plc.extend([0, 0]);
        }
        let mut clx = vec![0x01, 2, 0, 0xAA, 0xBB, 0x02];
        clx.extend((plc.len() as u32).to_le_bytes());
        clx.extend(plc);
        let clx_at = pairs_at + 2 + 33 * 8;
        word[clx_at..clx_at + 4].copy_from_slice(&0u32.to_le_bytes());
        word[clx_at + 4..clx_at + 8].copy_from_slice(&(clx.len() as u32).to_le_bytes());
        let mut file = cfb::CompoundFile::create(Cursor::new(Vec::new())).unwrap();
        file.create_stream("WordDocument")
            .unwrap()
            .write_all(&word)
            .unwrap();
        file.create_stream("1Table")
            .unwrap()
            .write_all(&clx)
            .unwrap();
        file.flush().unwrap();
        file.into_inner().into_inner()
    }

    #[test]
    fn compressed_and_unicode_pieces_join_in_order() {
        let bytes = word_file(
            &[
                (true, "2018 "),
                (false, "武威市\r（一）目标\u{0B}"),
                (true, "ok\rnotes"),
            ],
            18,
            0,
        );
        assert_eq!(container(&bytes), Some(Container::Word));
        // The main document ends before `notes` (a footnote, say).
        assert_eq!(
            extract_text(Path::new("a.doc"), &bytes).unwrap(),
            "2018 武威市\n（一）目标\nok\n"
        );
    }

    #[test]
    fn field_codes_are_dropped_and_results_kept() {
        assert_eq!(
            plain("见\u{13} HYPERLINK \"x\" \u{14}网站\u{15}。\u{13}PAGE\u{15}\u{07}\u{01}"),
            "见网站。\t"
        );
    }

    #[test]
    fn encrypted_and_foreign_files_say_so() {
        let p = Path::new("a.doc");
        let bytes = word_file(&[(true, "secret\r")], 7, 0x0100);
        assert!(matches!(
            extract_text(p, &bytes),
            Err(LoadError::Encrypted { .. })
        ));
        assert!(matches!(
            extract_text(p, OLE_MAGIC),
            Err(LoadError::CorruptFile { .. })
        ));
        let mut works = cfb::CompoundFile::create(Cursor::new(Vec::new())).unwrap();
        works
            .create_stream("CONTENTS")
            .unwrap()
            .write_all(b"CHNKWKS")
            .unwrap();
        works.flush().unwrap();
        assert_eq!(
            container(&works.into_inner().into_inner()),
            Some(Container::Works)
        );
        assert_eq!(container(b"PK\x03\x04"), None);
    }

    #[test]
    fn a_cut_file_is_truncated_and_a_whole_one_is_not() {
        let bytes = word_file(&[(true, "text\r")], 5, 0);
        assert_eq!(needed_length(&bytes).map(|n| n <= bytes.len()), Some(true));
        let cut = &bytes[..bytes.len() / 2];
        assert!(
            matches!(container(cut), Some(Container::Truncated { have, need }) if have == cut.len() && need > have),
            "{:?}",
            container(cut)
        );
        assert_eq!(needed_length(OLE_MAGIC), None);
    }

    #[test]
    fn pieces_outside_the_stream_are_corrupt() {
        let bytes = word_file(&[(false, "武威市\r")], 9, 0);
        // More main-document characters claimed than the pieces hold: only the pieces.
        assert_eq!(
            extract_text(Path::new("a.doc"), &bytes).unwrap(),
            "武威市\n"
        );
        let piece = Piece {
            cp_start: 0,
            cp_end: 4,
            offset: 10,
            compressed: false,
        };
        let r = main_text(Path::new("a.doc"), &[0; 12], &[piece], 4);
        assert!(matches!(r, Err(LoadError::CorruptFile { .. })), "{r:?}");
    }
}
