//! Review sessions: a saved comparison as a `.ron` file. It names the two documents (path,
//! `#N`, content hash), the reviewer's manual corrections to the section matching, notes and
//! verdicts per child section, and the view. Sections are referred to by index *and* heading
//! text, so notes and corrections find their section again after a document was edited.
//!
//! Format history: version 1 (documents as `PATH#N` strings, notes by section index, no
//! hashes, corrections or verdicts) still opens; version 2 is written.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::corrections::{self, Correction, SectionRef};
use crate::compare::{Comparison, compare};
use crate::{Document, DocumentRef};

/// The version [`Session::save`] writes.
const SESSION_VERSION: u32 = 2;

/// Session files larger than this are not sessions (the documents are not inside them).
const MAX_SESSION_BYTES: u64 = 16 * 1024 * 1024;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Session {
    pub version: u32,
    pub parent: SessionDoc,
    pub child: SessionDoc,
    #[serde(default)]
    pub corrections: Vec<Correction>,
    #[serde(default)]
    pub notes: Vec<Note>,
    #[serde(default)]
    pub view: ViewState,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SessionDoc {
    pub path: PathBuf,
    /// The `#N` entry of a file that holds several documents.
    #[serde(default)]
    pub index: Option<usize>,
    /// [`content_hash`] of the document when the session was saved; empty when unknown
    /// (version 1 files).
    #[serde(default)]
    pub hash: String,
}

impl SessionDoc {
    pub fn of(doc: &Document) -> Self {
        Self {
            path: doc.source.path.clone(),
            index: doc.index,
            hash: content_hash(doc),
        }
    }

    pub fn reference(&self) -> DocumentRef {
        DocumentRef {
            path: self.path.clone(),
            index: self.index,
        }
    }
}

/// The reviewer's judgement of a child section.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Verdict {
    Copied,
    Adapted,
    Original,
}

impl Verdict {
    pub const ALL: [Verdict; 3] = [Verdict::Copied, Verdict::Adapted, Verdict::Original];

    pub fn name(self) -> &'static str {
        match self {
            Verdict::Copied => "copied",
            Verdict::Adapted => "adapted",
            Verdict::Original => "original",
        }
    }
}

/// A note and verdict on a child section.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Note {
    pub section: SectionRef,
    #[serde(default)]
    pub verdict: Option<Verdict>,
    #[serde(default)]
    pub text: String,
}

/// What the viewer showed. Which document is on which side is `Session::parent`/`child`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ViewState {
    /// Parent sections folded away (indices into the parent outline): the dropped ones,
    /// when the viewer hides them.
    pub folded: Vec<usize>,
    /// Vertical scroll of the panes, in points.
    pub scroll: f32,
    pub zoom: f32,
    /// `zh` or `en`; `None` follows the system.
    pub language: Option<String>,
}

impl Default for ViewState {
    fn default() -> Self {
        Self {
            folded: Vec::new(),
            scroll: 0.0,
            zoom: 1.0,
            language: None,
        }
    }
}

/// Version 1: documents as command-line references, notes by section index.
#[derive(Deserialize)]
struct SessionV1 {
    parent: String,
    child: String,
    #[serde(default)]
    notes: Vec<NoteV1>,
    #[serde(default = "unit_zoom")]
    zoom: f32,
}

fn unit_zoom() -> f32 {
    1.0
}

#[derive(Deserialize)]
struct NoteV1 {
    section: usize,
    text: String,
}

/// A RON parse error in the words of a session file: where it is and what is wrong, without
/// the parser's internal type names or tuning knobs.
fn describe(e: &ron::error::SpannedError) -> String {
    use ron::Error as E;
    let what = match &e.code {
        E::Eof => "the file ends too early (truncated?)".to_owned(),
        E::ExceededRecursionLimit => "brackets are nested too deeply".to_owned(),
        E::MissingStructField { field, .. } => format!("the field `{field}` is missing"),
        E::DuplicateStructField { field, .. } => format!("the field `{field}` appears twice"),
        E::NoSuchStructField { found, .. } => format!("unknown field `{}`", short(found)),
        E::NoSuchEnumVariant {
            expected, found, ..
        } => format!("`{}` is not one of {}", short(found), expected.join(", ")),
        E::InvalidValueForType { expected, .. } => format!("expected {}", plain(expected)),
        E::ExpectedInteger | E::IntegerOutOfBounds | E::InvalidIntegerDigit { .. } => {
            "expected a whole number".to_owned()
        }
        E::ExpectedFloat | E::FloatUnderscore => "expected a number".to_owned(),
        E::ExpectedString | E::ExpectedStringEnd | E::InvalidEscape(_) => {
            "expected a quoted string".to_owned()
        }
        E::ExpectedBoolean => "expected true or false".to_owned(),
        E::ExpectedComma => "expected a comma".to_owned(),
        E::ExpectedArray | E::ExpectedArrayEnd => "expected a [...] list".to_owned(),
        E::ExpectedOption | E::ExpectedOptionEnd => "expected Some(...) or None".to_owned(),
        E::TrailingCharacters => "unexpected text after the end of the session".to_owned(),
        E::UnclosedBlockComment | E::UnclosedLineComment => "a comment is not closed".to_owned(),
        _ => "this is not session syntax".to_owned(),
    };
    format!(
        "line {}, column {}: {what}",
        e.span.start.line, e.span.start.col
    )
}

/// A value description from serde (`a sequence`, `u32`) without Rust type names.
fn plain(expected: &str) -> &str {
    match expected {
        s if s.starts_with("struct ") || s.contains('`') => "a different value",
        s if s.starts_with('u') || s.starts_with('i') => "a whole number",
        s => s,
    }
}

/// What the file said, cut short for the message.
fn short(s: &str) -> String {
    s.chars().take(40).collect()
}

#[derive(Deserialize)]
struct Probe {
    version: u32,
}

#[derive(Debug, thiserror::Error)]
pub enum SessionError {
    #[error("{path}: not a valid session file (damaged or truncated?): {detail}")]
    Corrupt { path: PathBuf, detail: String },
    #[error(
        "{path}: session format version {version} is newer than this program reads ({SESSION_VERSION}); update Policy Lineage"
    )]
    TooNew { path: PathBuf, version: u32 },
    #[error("{path}: cannot write the session: {source}")]
    Write {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("the {side} document {path} is missing (moved or deleted?); locate it")]
    Missing { side: &'static str, path: PathBuf },
    #[error(transparent)]
    Load(#[from] crate::LoadError),
}

impl Session {
    /// A fresh session for a comparison, with no corrections or notes.
    pub fn new(parent: &Document, child: &Document) -> Self {
        Self {
            version: SESSION_VERSION,
            parent: SessionDoc::of(parent),
            child: SessionDoc::of(child),
            corrections: Vec::new(),
            notes: Vec::new(),
            view: ViewState::default(),
        }
    }

    /// Reads a session file of any known version. Nothing is changed on failure.
    pub fn load(path: &Path) -> Result<Self, SessionError> {
        let bytes = crate::document::source::read_limited(path, MAX_SESSION_BYTES).map_err(
            |e| match e {
                crate::LoadError::TooLarge { size, .. } => SessionError::Corrupt {
                    path: path.to_owned(),
                    detail: format!("{size} bytes is too large for a session"),
                },
                e => SessionError::Load(e),
            },
        )?;
        let text = String::from_utf8(bytes).map_err(|_| SessionError::Corrupt {
            path: path.to_owned(),
            detail: "not UTF-8 text".into(),
        })?;
        // Editors on Windows save a byte-order mark.
        let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
        Self::parse(text).map_err(|e| match e {
            ParseError::Corrupt(detail) => SessionError::Corrupt {
                path: path.to_owned(),
                detail,
            },
            ParseError::TooNew(version) => SessionError::TooNew {
                path: path.to_owned(),
                version,
            },
        })
    }

    /// Parses session text; relative document paths stay relative (see [`Session::resolve`]).
    fn parse(text: &str) -> Result<Self, ParseError> {
        let corrupt = |e: ron::error::SpannedError| ParseError::Corrupt(describe(&e));
        let probe: Probe = ron::from_str(text).map_err(corrupt)?;
        match probe.version {
            1 => {
                let old: SessionV1 = ron::from_str(text).map_err(corrupt)?;
                let doc = |spec: &str| -> Result<SessionDoc, ParseError> {
                    let r =
                        DocumentRef::parse(spec).map_err(|e| ParseError::Corrupt(e.to_string()))?;
                    Ok(SessionDoc {
                        path: r.path,
                        index: r.index,
                        hash: String::new(),
                    })
                };
                Ok(Session {
                    version: SESSION_VERSION,
                    parent: doc(&old.parent)?,
                    child: doc(&old.child)?,
                    corrections: Vec::new(),
                    notes: old
                        .notes
                        .into_iter()
                        .map(|n| Note {
                            section: SectionRef {
                                index: n.section,
                                heading: String::new(),
                            },
                            verdict: None,
                            text: n.text,
                        })
                        .collect(),
                    view: ViewState {
                        zoom: old.zoom,
                        ..ViewState::default()
                    },
                })
            }
            SESSION_VERSION => {
                let mut session: Session = ron::from_str(text).map_err(corrupt)?;
                session.version = SESSION_VERSION;
                Ok(session)
            }
            0 => Err(ParseError::Corrupt("version 0 does not exist".into())),
            v => Err(ParseError::TooNew(v)),
        }
    }

    fn to_ron(&self) -> String {
        let config = ron::ser::PrettyConfig::new().struct_names(false);
        // Serialising plain data to a string cannot fail; an empty string would fail to load
        // and be reported, never silently accepted.
        ron::ser::to_string_pretty(self, config).unwrap_or_default()
    }

    /// Writes the session atomically; the notes say what the replacement changed about the
    /// file it replaced (a hard link broken, an owner changed).
    pub fn save(&self, path: &Path) -> Result<Vec<String>, SessionError> {
        crate::review::atomic::write(path, self.to_ron().as_bytes()).map_err(|source| {
            SessionError::Write {
                path: path.to_owned(),
                source,
            }
        })
    }

    /// Where the document of `doc` is: the path as saved, else (the session and documents
    /// moved together) the same relative path or file name beside the session file.
    fn find_document(doc: &SessionDoc, session_path: Option<&Path>) -> Option<PathBuf> {
        if doc.path.exists() {
            return Some(doc.path.clone());
        }
        let dir = session_path?.parent()?;
        let candidates = [
            (doc.path.is_relative()).then(|| dir.join(&doc.path)),
            doc.path.file_name().map(|n| dir.join(n)),
        ];
        candidates.into_iter().flatten().find(|p| p.exists())
    }

    /// Opens the documents, re-runs the comparison, applies the corrections, and re-attaches
    /// notes and corrections to their sections.
    pub fn resolve(&self, session_path: Option<&Path>) -> Result<Resolved, SessionError> {
        let parent = Self::open_document(&self.parent, "parent", session_path)?;
        let child = Self::open_document(&self.child, "child", session_path)?;
        Ok(self.resolve_with(parent, child))
    }

    /// Opens one of the session's documents (see [`Session::find_document`]); `side` names it
    /// in the error when it cannot be found.
    pub fn open_document(
        doc: &SessionDoc,
        side: &'static str,
        session_path: Option<&Path>,
    ) -> Result<Document, SessionError> {
        let path = Self::find_document(doc, session_path).ok_or(SessionError::Missing {
            side,
            path: doc.path.clone(),
        })?;
        Ok(Document::open_ref(&DocumentRef {
            path,
            index: doc.index,
        })?)
    }

    /// [`Session::resolve`] with the documents already open (located by the user, or the
    /// viewer's own copies).
    pub fn resolve_with(&self, parent: Document, child: Document) -> Resolved {
        let mut warnings = Vec::new();
        for (saved, doc, side) in [
            (&self.parent, &parent, "parent"),
            (&self.child, &child, "child"),
        ] {
            if !saved.hash.is_empty() && saved.hash != content_hash(doc) {
                warnings.push(format!(
                    "the {side} document {} changed since the session was saved; it was aligned again and notes were re-attached by heading",
                    doc.label()
                ));
            }
        }
        let mut session = self.clone();
        session.parent = SessionDoc::of(&parent);
        session.child = SessionDoc::of(&child);
        let mut lost_notes = Vec::new();
        session
            .notes
            .retain_mut(|note| match note.section.locate(&child) {
                Some(i) => {
                    note.section = SectionRef::of(&child, i);
                    true
                }
                None => {
                    lost_notes.push(note.clone());
                    false
                }
            });
        let mut lost_corrections = 0;
        session.corrections.retain_mut(|c| {
            match (c.child.locate(&child), c.parent.locate(&parent)) {
                (Some(ci), Some(pi)) => {
                    c.child = SectionRef::of(&child, ci);
                    c.parent = SectionRef::of(&parent, pi);
                    true
                }
                _ => {
                    lost_corrections += 1;
                    false
                }
            }
        });
        if !lost_notes.is_empty() {
            warnings.push(format!(
                "{} note(s) belong to sections that no longer exist; they are listed as unattached",
                lost_notes.len()
            ));
        }
        if lost_corrections > 0 {
            warnings.push(format!(
                "{lost_corrections} correction(s) refer to sections that no longer exist and were dropped"
            ));
        }
        let automatic = compare(&parent, &child);
        let comparison = corrections::apply(&parent, &child, &automatic, &session.corrections);
        Resolved {
            session,
            parent,
            child,
            comparison,
            warnings,
            lost_notes,
        }
    }

    /// The note on a child section, if any.
    pub fn note(&self, section: usize) -> Option<&Note> {
        self.notes.iter().find(|n| n.section.index == section)
    }
}

enum ParseError {
    Corrupt(String),
    TooNew(u32),
}

/// A session with its documents open and the comparison (corrections applied).
#[derive(Debug, Clone)]
pub struct Resolved {
    /// The session with section references and hashes brought up to date.
    pub session: Session,
    pub parent: Document,
    pub child: Document,
    pub comparison: Comparison,
    /// What changed since the session was saved, for the user.
    pub warnings: Vec<String>,
    /// Notes whose section could not be found again.
    pub lost_notes: Vec<Note>,
}

/// FNV-1a (64-bit) of the document's own characters, as hex: cheap, stable across platforms,
/// and only meant to notice that a document changed.
pub fn content_hash(doc: &Document) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let end = doc.range.end.min(doc.chars().len());
    let start = doc.range.start.min(end);
    let mut buf = [0u8; 4];
    for c in &doc.chars()[start..end] {
        for b in c.encode_utf8(&mut buf).bytes() {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("fnv1a64:{hash:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_versions_and_garbage_are_errors() {
        assert!(matches!(
            Session::parse("(version: 9, parent: (path: \"a\"), child: (path: \"b\"))"),
            Err(ParseError::TooNew(9))
        ));
        assert!(matches!(
            Session::parse("(version: 2, parent: (path: \"a\""),
            Err(ParseError::Corrupt(_))
        ));
        assert!(matches!(Session::parse(""), Err(ParseError::Corrupt(_))));
    }

    #[test]
    fn parse_errors_speak_of_the_file_not_the_parser() {
        for text in [
            "hello",
            "(version: 2, parent: 3)",
            &"(".repeat(300),
            "(version: \"2\")",
        ] {
            let Err(ParseError::Corrupt(message)) = Session::parse(text) else {
                panic!("{text} parsed");
            };
            assert!(message.starts_with("line 1, column"), "{message}");
            for internal in ["Probe", "struct", "recursion", "Session", "u32"] {
                assert!(!message.contains(internal), "{text}: {message}");
            }
        }
    }
}
