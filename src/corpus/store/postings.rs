//! The corpus's inverted lists saved in the index, so that tracing one document against a
//! large saved corpus reads only the lists of its own shingles. Lists are grouped in buckets
//! by the top bits of the shingle hash (hashes are uniform, so buckets are even); a bucket is
//! one row, a blob of `shingle (u64) · count (u32) · row ids (u32 each)` records, sorted by
//! shingle. Saved from the corpus as loaded (copies merged, see [`Corpus`]), so the counts are
//! those of the corpus in memory; any change to the files drops them, and the next full load
//! saves them again.

use std::collections::{BTreeMap, HashMap};

use rusqlite::{OptionalExtension, Transaction, params};

use super::Store;
use crate::corpus::holders::Holders;
use crate::corpus::index::sampled_windows;
use crate::corpus::{Corpus, CorpusError};
use crate::document::DocumentRef;

/// Bits of the shingle hash naming its bucket: 65,536 buckets, a few hundred shingles each
/// in a 10,000-document corpus.
const BUCKET_BITS: u32 = 16;

fn bucket(shingle: u64) -> i64 {
    (shingle >> (64 - BUCKET_BITS)) as i64
}

/// What the index knows of one document of the corpus, by row id.
#[derive(Debug, Clone)]
pub struct SavedDoc {
    pub reference: DocumentRef,
    pub content_hash: u64,
}

impl Store {
    pub(super) fn drop_postings(tx: &Transaction<'_>) -> rusqlite::Result<()> {
        tx.execute_batch(
            "DELETE FROM postings; DELETE FROM postings_docs;
             DELETE FROM meta WHERE key = 'postings';",
        )
    }

    /// Whether the inverted lists saved are those of the files indexed now.
    pub fn postings_saved(&self) -> Result<bool, CorpusError> {
        Self::lists_saved(&self.conn).map_err(|e| self.err(e))
    }

    pub(super) fn lists_saved(conn: &rusqlite::Connection) -> rusqlite::Result<bool> {
        conn.query_row("SELECT 1 FROM meta WHERE key = 'postings'", [], |_| Ok(()))
            .optional()
            .map(|found| found.is_some())
    }

    /// Saves `corpus`'s inverted lists (the corpus this index holds, as [`Store::corpus`]
    /// loads it), in one transaction.
    pub fn save_postings(&mut self, corpus: &Corpus) -> Result<(), CorpusError> {
        let ids = self.row_ids().map_err(|e| self.err(e))?;
        let id_of = |r: &DocumentRef| ids.get(&doc_key(r)).copied();
        // Each row of the index, mapped to the row standing for it in the corpus and to its
        // place among that row's copies.
        let mut representative: Vec<(i64, i64, Option<i64>)> = Vec::new();
        let mut position_id: Vec<u32> = Vec::with_capacity(corpus.docs.len());
        for (doc, copies) in corpus.docs.iter().zip(&corpus.duplicates) {
            let Some(id) = id_of(&doc.reference) else {
                return Err(self.err(format!("{} is not in the index", doc.label)));
            };
            position_id.push(id as u32);
            representative.push((id, id, None));
            representative.extend(
                copies
                    .iter()
                    .enumerate()
                    .filter_map(|(k, c)| Some((id_of(&c.reference)?, id, Some(k as i64)))),
            );
        }
        let mut buckets: BTreeMap<i64, Vec<(u64, &[u32])>> = BTreeMap::new();
        for (shingle, list) in corpus.postings.lists() {
            buckets
                .entry(bucket(shingle))
                .or_default()
                .push((shingle, list));
        }
        let n_docs = corpus.docs.len();
        self.writing(|tx| {
            Self::drop_postings(tx)?;
            {
                let mut insert =
                    tx.prepare_cached("INSERT INTO postings (bucket, lists) VALUES (?1, ?2)")?;
                let mut blob = Vec::new();
                for (b, mut lists) in buckets {
                    lists.sort_unstable_by_key(|&(s, _)| s);
                    blob.clear();
                    for (shingle, list) in lists {
                        blob.extend_from_slice(&shingle.to_le_bytes());
                        blob.extend_from_slice(&(list.len() as u32).to_le_bytes());
                        for &p in list {
                            blob.extend_from_slice(&position_id[p as usize].to_le_bytes());
                        }
                    }
                    insert.execute(params![b, blob])?;
                }
                let mut insert = tx.prepare_cached(
                    "INSERT OR REPLACE INTO postings_docs (id, representative, copy)
                     VALUES (?1, ?2, ?3)",
                )?;
                for (id, to, copy) in &representative {
                    insert.execute(params![id, to, copy])?;
                }
            }
            tx.execute(
                "INSERT OR REPLACE INTO meta (key, value) VALUES ('postings', ?1)",
                [n_docs.to_string()],
            )?;
            Ok(())
        })
        .map_err(|e| self.err(e))
    }

    fn row_ids(&self) -> rusqlite::Result<HashMap<(String, Option<i64>), i64>> {
        let mut stmt = self.conn.prepare("SELECT id, path, entry FROM docs")?;
        let rows = stmt.query_map([], |r| Ok(((r.get(1)?, r.get(2)?), r.get(0)?)))?;
        rows.collect()
    }

    /// The holders of `chars`' sampled shingles among the saved inverted lists, reading only
    /// the buckets they fall in; `None` when no lists are saved for the files indexed now.
    /// `itself` is the document's reference, when it may belong to the corpus.
    pub fn holders(
        &self,
        chars: &[char],
        itself: Option<&DocumentRef>,
    ) -> Result<Option<Holders>, CorpusError> {
        self.read_holders(chars, itself).map_err(|e| self.err(e))
    }

    fn read_holders(
        &self,
        chars: &[char],
        itself: Option<&DocumentRef>,
    ) -> rusqlite::Result<Option<Holders>> {
        let n_docs: Option<String> = self
            .conn
            .query_row("SELECT value FROM meta WHERE key = 'postings'", [], |r| {
                r.get(0)
            })
            .optional()?;
        let Some(n_docs) = n_docs.and_then(|n| n.parse::<usize>().ok()) else {
            return Ok(None);
        };
        let mut wanted: BTreeMap<i64, Vec<u64>> = BTreeMap::new();
        for (_, h) in sampled_windows(chars) {
            wanted.entry(bucket(h)).or_default().push(h);
        }
        let mut lists: HashMap<u64, Vec<u32>> = HashMap::new();
        let mut select = self
            .conn
            .prepare_cached("SELECT lists FROM postings WHERE bucket = ?1")?;
        for (b, mut shingles) in wanted {
            shingles.sort_unstable();
            shingles.dedup();
            let blob: Option<Vec<u8>> = select.query_row([b], |r| r.get(0)).optional()?;
            lists.extend(read_lists(blob.as_deref().unwrap_or_default(), &shingles));
        }
        let itself = match itself {
            Some(r) => self.representative(r)?,
            None => None,
        };
        Ok(Some(Holders::new(n_docs, lists, itself)))
    }

    /// The row standing in the saved lists for the document at `reference`, if indexed.
    fn representative(&self, reference: &DocumentRef) -> rusqlite::Result<Option<u32>> {
        let path = reference
            .path
            .canonicalize()
            .unwrap_or_else(|_| reference.path.clone());
        self.conn
            .query_row(
                "SELECT p.representative FROM docs d JOIN postings_docs p ON p.id = d.id
                 WHERE d.path = ?1 AND d.entry IS ?2",
                params![path.to_string_lossy(), reference.index.map(|n| n as i64)],
                |r| r.get::<_, i64>(0),
            )
            .optional()
            .map(|id| id.map(|id| id as u32))
    }

    /// The document of the index at row `id`.
    pub fn saved_doc(&self, id: u32) -> Result<Option<SavedDoc>, CorpusError> {
        self.conn
            .query_row(
                "SELECT path, entry, content_hash FROM docs WHERE id = ?1",
                [i64::from(id)],
                |r| {
                    Ok(SavedDoc {
                        reference: DocumentRef {
                            path: r.get::<_, String>(0)?.into(),
                            index: r.get::<_, Option<i64>>(1)?.map(|n| n as usize),
                        },
                        content_hash: r.get::<_, i64>(2)? as u64,
                    })
                },
            )
            .optional()
            .map_err(|e| self.err(e))
    }
}

/// A document's key in the index's `docs` table: its path and entry.
pub(super) fn doc_key(r: &DocumentRef) -> (String, Option<i64>) {
    (
        r.path.to_string_lossy().into_owned(),
        r.index.map(|n| n as i64),
    )
}

/// The lists of `wanted` (sorted, unique shingles) in one bucket's blob, an empty list for
/// a shingle the bucket does not hold; a record cut short (a damaged row) ends the bucket.
/// The records are sorted by shingle, so one pass reads them, copying only the lists wanted.
fn read_lists(blob: &[u8], wanted: &[u64]) -> Vec<(u64, Vec<u32>)> {
    let mut out: Vec<(u64, Vec<u32>)> = wanted.iter().map(|&s| (s, Vec::new())).collect();
    let mut next = 0;
    let mut rest = blob;
    while rest.len() >= 12 && next < wanted.len() {
        let shingle = u64::from_le_bytes(rest[..8].try_into().expect("8 bytes"));
        let n = u32::from_le_bytes(rest[8..12].try_into().expect("4 bytes")) as usize;
        rest = &rest[12..];
        let Some(ids) = rest.get(..n * 4) else {
            break;
        };
        rest = &rest[n * 4..];
        while next < wanted.len() && wanted[next] < shingle {
            next += 1;
        }
        if next < wanted.len() && wanted[next] == shingle {
            out[next].1 = ids
                .chunks_exact(4)
                .map(|c| u32::from_le_bytes(c.try_into().expect("4 bytes")))
                .collect();
            next += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    use super::*;
    use crate::corpus::Progress;

    fn corpus_dir() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus")
    }

    /// The saved lists give every document of the real corpus the holders, stock wording and
    /// related documents the corpus in memory gives it; a change to the files drops them.
    #[test]
    fn saved_lists_count_as_the_corpus_in_memory() {
        let data = tempfile::tempdir().unwrap();
        let mut store = Store::open(&data.path().join("i.sqlite")).unwrap();
        let (catalog, _) = store.update(&[corpus_dir()], &Progress::default()).unwrap();
        let corpus = store.load(catalog).unwrap();
        assert!(store.postings_saved().unwrap());
        assert!(corpus.docs.len() > 10);
        for (i, d) in corpus.docs.iter().enumerate() {
            let doc = crate::Document::open_ref(&d.reference).unwrap();
            let chars = &doc.normalized.chars;
            let memory = Holders::in_corpus(&corpus, chars, Some(i));
            let saved = store.holders(chars, Some(&d.reference)).unwrap().unwrap();
            assert_eq!(
                saved.stock_mask(chars),
                memory.stock_mask(chars),
                "{}",
                d.label
            );
            let named = |ranked: Vec<(u32, u32)>, by_id: bool| -> Vec<(DocumentRef, u32)> {
                ranked
                    .into_iter()
                    .map(|(k, n)| {
                        let r = if by_id {
                            store.saved_doc(k).unwrap().unwrap().reference
                        } else {
                            corpus.docs[k as usize].reference.clone()
                        };
                        (r, n)
                    })
                    .collect()
            };
            let mut from_saved = named(saved.related(0.02), true);
            let mut from_memory = named(memory.related(0.02), false);
            from_saved.sort_by_key(|(r, _)| (r.path.clone(), r.index));
            from_memory.sort_by_key(|(r, _)| (r.path.clone(), r.index));
            assert_eq!(from_saved, from_memory, "{}", d.label);
            assert!(from_saved.iter().all(|(r, _)| *r != d.reference));
        }

        let copy = data.path().join("corpus");
        std::fs::create_dir(&copy).unwrap();
        std::fs::copy(
            corpus_dir().join("wuwei-2018-ai-plan.txt"),
            copy.join("wuwei.txt"),
        )
        .unwrap();
        let mut small = Store::open(&data.path().join("small.sqlite")).unwrap();
        small
            .update(std::slice::from_ref(&copy), &Progress::default())
            .unwrap();
        assert!(small.postings_saved().unwrap());
        std::fs::write(
            copy.join("new.txt"),
            "新的文件，新的文字内容，用于检查索引更新。",
        )
        .unwrap();
        small.refresh(&[copy], &Progress::default()).unwrap();
        assert!(!small.postings_saved().unwrap());
        assert!(small.holders(&['字'; 20], None).unwrap().is_none());
    }

    #[test]
    fn a_bucket_gives_the_lists_wanted_and_empty_ones_for_the_rest() {
        let mut blob = Vec::new();
        for (shingle, ids) in [(3u64, vec![1u32, 2]), (5, vec![7]), (9, vec![4, 5, 6])] {
            blob.extend_from_slice(&shingle.to_le_bytes());
            blob.extend_from_slice(&(ids.len() as u32).to_le_bytes());
            for id in ids {
                blob.extend_from_slice(&id.to_le_bytes());
            }
        }
        assert_eq!(
            read_lists(&blob, &[1, 5, 9, 12]),
            [(1, vec![]), (5, vec![7]), (9, vec![4, 5, 6]), (12, vec![])]
        );
        // The last record cut short: the lists before it are still read.
        assert_eq!(
            read_lists(&blob[..blob.len() - 2], &[3, 9]),
            [(3, vec![1, 2]), (9, vec![])]
        );
    }
}
