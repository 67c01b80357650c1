//! Bytes into text: encoding detection and the checks that turn bad input into a clear
//! [`LoadError`] instead of garbage or a panic. The bottom of the reading pipeline: it knows
//! nothing of files on disk ([`super::source`]) or of formats ([`super::formats`]).

use std::path::{Path, PathBuf};

use encoding_rs::{BIG5, Encoding, GB18030, GBK, UTF_8, UTF_16BE, UTF_16LE};

use super::error::LoadError;

/// Files larger than this are refused: policy documents are kilobytes, and a 100 MB file is
/// almost certainly a mistake that would only make the app slow.
pub const MAX_FILE_BYTES: u64 = 32 * 1024 * 1024;

/// A decoded file. `chars` is the unit every offset counts in (Unicode scalar values from the
/// start of the file, BOM removed, line endings untouched).
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub path: PathBuf,
    pub text: String,
    pub chars: Vec<char>,
    /// Name of the encoding the bytes were decoded with, e.g. `UTF-8`, `GBK`, `UTF-16LE`.
    pub encoding: &'static str,
    /// Whether a byte-order mark was present (and removed).
    pub had_bom: bool,
    /// What the file says about itself, and what went wrong extracting its text.
    pub meta: FileMeta,
}

/// Metadata a file carries (an OFD's title and date) and warnings about its text (a PDF's
/// unreadable characters), shown to the user.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FileMeta {
    pub title: Option<String>,
    pub date: Option<String>,
    pub warnings: Vec<String>,
}

impl SourceFile {
    /// Builds a source from text already in memory (tests, generated documents, the viewer's
    /// bundled examples).
    pub fn from_text(path: impl Into<PathBuf>, text: impl Into<String>) -> Self {
        let text = text.into();
        let text = text
            .strip_prefix('\u{feff}')
            .map(str::to_owned)
            .unwrap_or(text);
        let chars = text.chars().collect();
        Self {
            path: path.into(),
            text,
            chars,
            encoding: "UTF-8",
            had_bom: false,
            meta: FileMeta::default(),
        }
    }

    /// The file's name without folders, for display.
    pub fn file_name(&self) -> String {
        self.path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| self.path.display().to_string())
    }

    pub fn slice(&self, range: std::ops::Range<usize>) -> String {
        let end = range.end.min(self.chars.len());
        let start = range.start.min(end);
        self.chars[start..end].iter().collect()
    }
}

/// Decodes bytes that were read from `path` (the path only names the file in messages).
pub fn decode_bytes(path: &Path, bytes: &[u8]) -> Result<SourceFile, LoadError> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(LoadError::TooLarge {
            path: path.to_owned(),
            size: bytes.len() as u64,
            limit: MAX_FILE_BYTES,
        });
    }
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(LoadError::Empty {
            path: path.to_owned(),
        });
    }
    let (encoding, had_bom) = detect_encoding(bytes);
    if encoding != UTF_16LE && encoding != UTF_16BE && looks_binary(bytes) {
        return Err(LoadError::Binary {
            path: path.to_owned(),
        });
    }
    // A file that is UTF-8 but for a damaged byte is reported as that, not as a failed guess
    // at a legacy encoding.
    if encoding != UTF_16LE
        && encoding != UTF_16BE
        && let Some((line, count)) = damaged_utf8(bytes)
    {
        return Err(LoadError::DamagedUtf8 {
            path: path.to_owned(),
            line,
            count,
        });
    }
    let (text, had_errors) = if had_bom {
        let (cow, had_errors) = encoding.decode_with_bom_removal(bytes);
        (cow.into_owned(), had_errors)
    } else {
        let (cow, had_errors) = encoding.decode_without_bom_handling(bytes);
        (cow.into_owned(), had_errors)
    };
    if had_errors {
        let bad = text.chars().filter(|&c| c == '\u{fffd}').count();
        return Err(LoadError::Undecodable {
            path: path.to_owned(),
            encoding: encoding.name(),
            detail: format!("{bad} byte sequence(s) are not valid in this encoding"),
        });
    }
    if text.chars().any(|c| c.is_control() && !c.is_whitespace()) {
        return Err(LoadError::Binary {
            path: path.to_owned(),
        });
    }
    if text.trim().is_empty() {
        return Err(LoadError::Empty {
            path: path.to_owned(),
        });
    }
    let chars = text.chars().collect();
    Ok(SourceFile {
        path: path.to_owned(),
        text,
        chars,
        encoding: encoding.name(),
        had_bom,
        meta: FileMeta::default(),
    })
}

/// Picks the encoding: a BOM decides; otherwise valid UTF-8 is UTF-8; otherwise chardetng
/// guesses among the legacy encodings (for Chinese text: GBK/GB18030 or Big5).
fn detect_encoding(bytes: &[u8]) -> (&'static Encoding, bool) {
    if let Some((encoding, _)) = Encoding::for_bom(bytes) {
        return (encoding, true);
    }
    if std::str::from_utf8(bytes).is_ok() {
        return (UTF_8, false);
    }
    if let Some(encoding) = utf16_without_bom(bytes) {
        return (encoding, false);
    }
    let mut detector = chardetng::EncodingDetector::new();
    detector.feed(bytes, true);
    let guess = detector.guess(None, false);
    // GBK is a subset of GB18030; decoding with GB18030 accepts every GBK file and more.
    let encoding = if guess == GBK { GB18030 } else { guess };
    if encoding == UTF_8 || (encoding != BIG5 && encoding != GB18030 && has_cjk_lead_bytes(bytes)) {
        return (GB18030, false);
    }
    (encoding, false)
}

/// UTF-16 without a byte-order mark: text of ASCII line breaks, digits and punctuation puts a
/// zero in every such character's high byte, all at odd offsets (little-endian) or all at even
/// ones (big-endian). The bytes must then decode cleanly to text.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    if bytes.len() < 4 || !bytes.len().is_multiple_of(2) {
        return None;
    }
    let zeros_at = |parity: usize| {
        bytes
            .iter()
            .skip(parity)
            .step_by(2)
            .filter(|&&b| b == 0)
            .count()
    };
    let (even, odd) = (zeros_at(0), zeros_at(1));
    let encoding = match even.cmp(&odd) {
        std::cmp::Ordering::Less if odd * 100 >= bytes.len() => UTF_16LE,
        std::cmp::Ordering::Greater if even * 100 >= bytes.len() => UTF_16BE,
        _ => return None,
    };
    let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
    if had_errors {
        return None;
    }
    // Binary data decodes too, to control characters and rare scripts; text is mostly ASCII,
    // CJK and full-width punctuation.
    let familiar = |c: char| {
        c.is_ascii_graphic()
            || c.is_whitespace()
            || ('\u{3000}'..='\u{9fff}').contains(&c)
            || ('\u{ff00}'..='\u{ffef}').contains(&c)
    };
    let total = text.chars().count();
    let known = text.chars().filter(|&c| familiar(c)).count();
    (known * 10 >= total * 9).then_some(encoding)
}

/// UTF-8 text with a few bad byte sequences (one damaged byte, a stray Latin-1 character): where
/// the first is (line, counted from 1) and how many there are. `None` when the bytes do not look
/// like UTF-8 at all (a legacy encoding).
fn damaged_utf8(bytes: &[u8]) -> Option<(usize, usize)> {
    let mut bad = 0;
    let mut first = None;
    let mut multibyte = 0;
    let mut offset = 0;
    for chunk in bytes.utf8_chunks() {
        multibyte += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        if !chunk.invalid().is_empty() {
            bad += 1;
            first.get_or_insert(offset + chunk.valid().len());
        }
        offset += chunk.valid().len() + chunk.invalid().len();
    }
    // Legacy Chinese text fails UTF-8 at nearly every character; damaged UTF-8 only here and
    // there among many good multi-byte characters.
    let first = first?;
    (multibyte >= 8 && bad * 10 <= multibyte).then(|| {
        let line = bytes[..first].iter().filter(|&&b| b == b'\n').count() + 1;
        (line, bad)
    })
}

/// Chinese legacy encodings use bytes 0x81..=0xFE as lead bytes; when chardetng guesses a
/// single-byte European encoding for such text, GB18030 is the better bet for our documents.
fn has_cjk_lead_bytes(bytes: &[u8]) -> bool {
    let high = bytes.iter().filter(|&&b| b >= 0x81).count();
    high * 4 > bytes.len()
}

/// NUL bytes or many control bytes mean this is not a text file (UTF-16 is checked before).
fn looks_binary(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(64 * 1024)];
    if sample.contains(&0) {
        return true;
    }
    let controls = sample
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c))
        .count();
    controls * 100 > sample.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode(bytes: &[u8]) -> Result<SourceFile, LoadError> {
        decode_bytes(Path::new("t.txt"), bytes)
    }

    #[test]
    fn utf8_with_and_without_bom() {
        let plain = decode("甘肃省\r\n".as_bytes()).unwrap();
        assert_eq!(plain.encoding, "UTF-8");
        assert_eq!(plain.chars.len(), 5);
        let mut with_bom = vec![0xEF, 0xBB, 0xBF];
        with_bom.extend_from_slice("甘肃省".as_bytes());
        let bom = decode(&with_bom).unwrap();
        assert!(bom.had_bom);
        assert_eq!(bom.text, "甘肃省");
    }

    #[test]
    fn utf16_both_orders() {
        for (bom, enc) in [([0xFF, 0xFE], UTF_16LE), ([0xFE, 0xFF], UTF_16BE)] {
            let mut bytes = bom.to_vec();
            for unit in "武威市人民政府".encode_utf16() {
                let b = if enc == UTF_16LE {
                    unit.to_le_bytes()
                } else {
                    unit.to_be_bytes()
                };
                bytes.extend_from_slice(&b);
            }
            let src = decode(&bytes).unwrap();
            assert_eq!(src.text, "武威市人民政府");
            assert_eq!(src.encoding, enc.name());
        }
    }

    #[test]
    fn gbk_and_big5_are_detected() {
        let text = "甘肃省人民政府办公厅关于印发甘肃省新一代人工智能发展实施方案的通知，各市、自治州人民政府。";
        let (gbk, _, _) = GBK.encode(text);
        let src = decode(&gbk).unwrap();
        assert_eq!(src.encoding, "gb18030");
        assert_eq!(src.text, text);
        let trad = "臺灣省政府關於印發新一代人工智慧發展實施方案的通知，各縣市政府請結合實際認真組織實施。";
        let (big5, _, _) = BIG5.encode(trad);
        let src = decode(&big5).unwrap();
        assert_eq!(src.encoding, "Big5");
        assert_eq!(src.text, trad);
    }

    #[test]
    fn bad_input_is_refused_with_a_reason() {
        assert!(matches!(decode(b""), Err(LoadError::Empty { .. })));
        assert!(matches!(decode(b"  \n\t"), Err(LoadError::Empty { .. })));
        assert!(matches!(
            decode(&[0x7f, 0x45, 0x4c, 0x46, 0, 0, 1, 2]),
            Err(LoadError::Binary { .. })
        ));
    }

    #[test]
    fn utf16_without_bom_is_detected() {
        let text = "武威市人民政府\n2018年12月29日\n";
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert_eq!(decode(&le).unwrap().encoding, "UTF-16LE");
        assert_eq!(decode(&be).unwrap().text, text);
    }

    #[test]
    fn damaged_utf8_names_its_line() {
        let mut bytes = "甘肃省人民政府\n关于印发方案的通知\n各市州人民政府：\n"
            .as_bytes()
            .to_vec();
        let at = bytes.len() - 4;
        bytes.insert(at, 0xff);
        match decode(&bytes) {
            Err(LoadError::DamagedUtf8 { line, count, .. }) => assert_eq!((line, count), (3, 1)),
            other => panic!("{other:?}"),
        }
        let (gbk, _, _) = GBK.encode("甘肃省人民政府关于印发方案的通知，各市州人民政府。");
        assert_eq!(decode(&gbk).unwrap().encoding, "gb18030");
    }

    #[test]
    fn line_endings_are_kept() {
        let src = decode(b"a\r\nb\rc\n").unwrap();
        assert_eq!(src.text, "a\r\nb\rc\n");
    }
}
