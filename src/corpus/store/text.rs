//! The full-text index of the corpus index: every document's normalised text in `doc_body`,
//! and an FTS5 table over it (trigram tokenizer, external content, no positions).
//!
//! Filling FTS5 is most of what indexing costs, and it runs on one thread. So an update only
//! stores each text and lists it in `unindexed`; the texts go into the full-text index a few
//! per transaction, on a connection of their own (a corpus run does this from the start,
//! following the update as it stores texts, and on while it relates the documents). Until
//! then search reads the unlisted texts directly, so it finds every document at any moment,
//! and a run killed mid-way leaves the rest listed for the next one.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Duration;

use rusqlite::{Connection, TransactionBehavior, params};

use super::super::Progress;

/// Texts moved into the full-text index per transaction: short, so that a writer of results
/// on another connection waits a fraction of a second at most.
const BATCH: usize = 8;

pub(super) const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS doc_body (id INTEGER PRIMARY KEY, body TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS unindexed (id INTEGER PRIMARY KEY);
CREATE VIRTUAL TABLE IF NOT EXISTS doc_text USING fts5(
    body, content = 'doc_body', content_rowid = 'id',
    tokenize = 'trigram', detail = 'none', columnsize = 0
);
";

/// How FTS5 merges its segments, set as a fill puts its first texts in (FTS5 keeps it). 16
/// segments of a level merged together, not 4: fewer levels, so each posting is rewritten
/// fewer times. Merged step by step as texts go in, never a whole level at once (FTS5's
/// crisis merge, at 16 segments by default): a whole level of a large index takes seconds,
/// holding the write lock while the other writers of a run wait.
const MERGE_POLICY: &str = "
INSERT INTO doc_text(doc_text, rank) VALUES ('automerge', 16);
INSERT INTO doc_text(doc_text, rank) VALUES ('crisismerge', 64);
";

pub(super) const DROP: &str = "
DROP TABLE IF EXISTS doc_text; DROP TABLE IF EXISTS doc_body; DROP TABLE IF EXISTS unindexed;
";

/// Stores the text of document `id`, to be indexed later.
pub(super) fn store(tx: &rusqlite::Transaction<'_>, id: i64, body: &str) -> rusqlite::Result<()> {
    tx.prepare_cached("INSERT INTO doc_body (id, body) VALUES (?1, ?2)")?
        .execute(params![id, body])?;
    tx.prepare_cached("INSERT INTO unindexed (id) VALUES (?1)")?
        .execute([id])?;
    Ok(())
}

/// Drops the texts of documents `ids`. The full-text index forgets an indexed text only when
/// told its words, so those are given before the text goes; in one statement, in rowid order,
/// because FTS5 writes a segment of its own at every statement and at every step back.
pub(super) fn remove(tx: &rusqlite::Transaction<'_>, ids: &[i64]) -> rusqlite::Result<()> {
    if ids.is_empty() {
        return Ok(());
    }
    let ids = serde_json::to_string(ids)
        .map_err(|e| rusqlite::Error::ToSqlConversionFailure(e.into()))?;
    tx.execute(
        "INSERT INTO doc_text (doc_text, rowid, body)
         SELECT 'delete', b.id, b.body FROM doc_body b
         WHERE b.id IN (SELECT value FROM json_each(?1))
           AND b.id NOT IN (SELECT id FROM unindexed)
         ORDER BY b.id",
        [&ids],
    )?;
    for table in ["unindexed", "doc_body"] {
        tx.execute(
            &format!("DELETE FROM {table} WHERE id IN (SELECT value FROM json_each(?1))"),
            [&ids],
        )?;
    }
    Ok(())
}

/// Texts stored and not yet in the full-text index.
pub(super) fn waiting(conn: &Connection) -> rusqlite::Result<usize> {
    conn.query_row("SELECT count(*) FROM unindexed", [], |r| r.get::<_, i64>(0))
        .map(|n| n as usize)
}

/// Moves every waiting text into the full-text index; `progress` counts them. Before each
/// transaction it lets in the writers `others` counts: SQLite's busy wait sleeps, and would let
/// this loop take the lock back again and again. While `storing` holds, it waits for texts
/// when none is left. Stops early, keeping what it committed, when cancelled; returns how many
/// it moved.
pub(super) fn index_waiting(
    conn: &mut Connection,
    progress: &Progress,
    others: &AtomicUsize,
    storing: &AtomicBool,
) -> rusqlite::Result<usize> {
    progress.total.store(waiting(conn)?, Ordering::Relaxed);
    progress.done.store(0, Ordering::Relaxed);
    let mut moved = 0;
    while !progress.cancelled() {
        while others.load(Ordering::Acquire) > 0 {
            std::thread::sleep(Duration::from_millis(1));
        }
        // Read before the texts are looked for: an update that stops storing after this
        // finds nothing has committed all it stored.
        let more = storing.load(Ordering::Acquire);
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let ids: Vec<i64> = tx
            .prepare_cached("SELECT id FROM unindexed ORDER BY id LIMIT ?1")?
            .query_map([BATCH as i64], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        let Some(&last) = ids.last() else {
            drop(tx);
            if !more {
                break;
            }
            std::thread::sleep(Duration::from_millis(10));
            continue;
        };
        if moved == 0 {
            tx.execute_batch(MERGE_POLICY)?;
        }
        tx.execute(
            "INSERT INTO doc_text (rowid, body)
             SELECT b.id, b.body FROM unindexed u JOIN doc_body b ON b.id = u.id
             WHERE u.id <= ?1 ORDER BY u.id",
            [last],
        )?;
        tx.execute("DELETE FROM unindexed WHERE id <= ?1", [last])?;
        tx.commit()?;
        moved += ids.len();
        // Another update may have stored more texts meanwhile.
        progress.total.fetch_max(moved, Ordering::Relaxed);
        progress.done.store(moved, Ordering::Relaxed);
    }
    Ok(moved)
}

#[cfg(test)]
mod tests {
    use super::super::Store;
    use crate::corpus::Progress;
    use crate::corpus::search::search;

    fn labels(store: &Store, phrase: &str) -> Vec<String> {
        search(store, phrase)
            .unwrap()
            .into_iter()
            .map(|f| f.label)
            .collect()
    }

    /// The full-text index holds exactly the stored texts (FTS5 checks its index against them).
    fn check(store: &Store) {
        store
            .conn
            .execute(
                "INSERT INTO doc_text (doc_text, rank) VALUES ('integrity-check', 1)",
                [],
            )
            .unwrap();
    }

    #[test]
    fn texts_waiting_for_the_full_text_index_are_found_and_replaced_like_indexed_ones() {
        let corpus = tempfile::tempdir().unwrap();
        let data = tempfile::tempdir().unwrap();
        let write =
            |name: &str, text: &str| std::fs::write(corpus.path().join(name), text).unwrap();
        write("a.txt", "推进人工智能产业发展。");
        write("b.txt", "建设智慧农业示范基地。");
        let roots = [corpus.path().to_owned()];
        let path = data.path().join("i.sqlite");
        let mut store = Store::open(&path).unwrap();
        let none = Progress::default();
        store.update_leaving_text(&roots, &none).unwrap();
        assert_eq!(store.text_waiting().unwrap(), 2);
        assert_eq!(labels(&store, "人工智能产业"), ["a.txt"]);
        assert_eq!(store.index_text(&none, &Default::default()).unwrap(), 2);
        assert_eq!(store.text_waiting().unwrap(), 0);
        check(&store);
        // The merge policy the fill set is FTS5's own from now on.
        let policy: Vec<(String, i64)> = store
            .conn
            .prepare("SELECT k, v FROM doc_text_config WHERE k LIKE '%merge' ORDER BY k")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(
            policy,
            [("automerge".to_owned(), 16), ("crisismerge".to_owned(), 64)]
        );
        assert_eq!(labels(&store, "人工智能产业"), ["a.txt"]);
        assert_eq!(labels(&store, "智慧农业"), ["b.txt"]);

        // An indexed text replaced, a new one stored and replaced again before it is indexed.
        write("a.txt", "完善医疗卫生服务体系建设。");
        write("c.txt", "加强生态环境保护。");
        store.update_leaving_text(&roots, &none).unwrap();
        write("c.txt", "加强生态环境保护修复工作。");
        store.update_leaving_text(&roots, &none).unwrap();
        assert_eq!(store.text_waiting().unwrap(), 2);
        assert!(labels(&store, "人工智能产业").is_empty());
        assert_eq!(labels(&store, "医疗卫生服务"), ["a.txt"]);
        assert_eq!(labels(&store, "修复工作"), ["c.txt"]);

        // Filled on a connection of its own, as the corpus run does.
        let filled = Progress::default();
        assert_eq!(
            Store::open(&path)
                .unwrap()
                .index_text(&filled, &Default::default())
                .unwrap(),
            2
        );
        assert_eq!(filled.done.load(std::sync::atomic::Ordering::Relaxed), 2);
        check(&store);
        assert!(labels(&store, "人工智能产业").is_empty());
        assert_eq!(labels(&store, "医疗卫生服务"), ["a.txt"]);
        assert_eq!(labels(&store, "生态环境保护"), ["c.txt"]);

        std::fs::remove_file(corpus.path().join("b.txt")).unwrap();
        store.update(&roots, &none).unwrap();
        check(&store);
        assert!(labels(&store, "智慧农业").is_empty());
        assert_eq!(store.text_waiting().unwrap(), 0);
    }

    #[test]
    fn a_filler_beside_an_update_follows_it_until_it_stops_storing() {
        let corpus = tempfile::tempdir().unwrap();
        let data = tempfile::tempdir().unwrap();
        // More files than one chunk of the update, so texts are stored while the filler runs.
        for i in 0..150 {
            std::fs::write(
                corpus.path().join(format!("{i:03}.txt")),
                format!("第{i}号文件：推进人工智能产业发展，建设智慧农业示范基地。"),
            )
            .unwrap();
        }
        let mut store = Store::open(&data.path().join("i.sqlite")).unwrap();
        let mut beside = store.open_beside().unwrap();
        let roots = [corpus.path().to_owned()];
        let storing = std::sync::atomic::AtomicBool::new(true);
        let filled = Progress::default();
        let moved = std::thread::scope(|s| {
            let filler = s.spawn(|| beside.index_text(&filled, &storing));
            // The filler finds nothing at first and waits instead of ending.
            std::thread::sleep(std::time::Duration::from_millis(50));
            assert!(!filler.is_finished());
            store
                .update_leaving_text(&roots, &Progress::default())
                .unwrap();
            storing.store(false, std::sync::atomic::Ordering::Release);
            filler.join().unwrap().unwrap()
        });
        assert_eq!(moved, 150);
        assert_eq!(store.text_waiting().unwrap(), 0);
        assert_eq!(labels(&store, "智慧农业示范").len(), 150);
        assert_eq!(labels(&store, "第42号文件"), ["042.txt"]);
        check(&store);
    }

    #[test]
    fn a_corpus_opened_for_the_viewer_leaves_its_texts_to_a_fill_and_is_searchable_at_once() {
        let corpus = tempfile::tempdir().unwrap();
        let data = tempfile::tempdir().unwrap();
        std::fs::write(corpus.path().join("a.txt"), "推进人工智能产业发展。").unwrap();
        std::fs::write(corpus.path().join("b.txt"), "建设智慧农业示范基地。").unwrap();
        let path = data.path().join("i.sqlite");
        let roots = [corpus.path().to_owned()];
        let opened =
            crate::corpus::Corpus::open_indexed(&roots, Some(&path), &Progress::default()).unwrap();
        assert_eq!(opened.docs.len(), 2);
        let mut store = Store::open(&path).unwrap();
        assert_eq!(store.text_waiting().unwrap(), 2);
        assert_eq!(labels(&store, "智慧农业"), ["b.txt"]);
        assert_eq!(
            store
                .index_text(&Progress::default(), &Default::default())
                .unwrap(),
            2
        );
        assert_eq!(labels(&store, "智慧农业"), ["b.txt"]);
        check(&store);
    }

    #[test]
    fn a_cancelled_fill_keeps_the_rest_waiting() {
        let corpus = tempfile::tempdir().unwrap();
        let data = tempfile::tempdir().unwrap();
        for i in 0..40 {
            std::fs::write(
                corpus.path().join(format!("{i:02}.txt")),
                format!("第{i}号文件：推进人工智能产业发展。"),
            )
            .unwrap();
        }
        let mut store = Store::open(&data.path().join("i.sqlite")).unwrap();
        let roots = [corpus.path().to_owned()];
        store
            .update_leaving_text(&roots, &Progress::default())
            .unwrap();
        let cancel = Progress::default();
        cancel
            .cancel
            .store(true, std::sync::atomic::Ordering::Relaxed);
        assert!(store.index_text(&cancel, &Default::default()).is_err());
        assert_eq!(store.text_waiting().unwrap(), 40);
        assert_eq!(labels(&store, "人工智能产业").len(), 40);
        store.update(&roots, &Progress::default()).unwrap();
        assert_eq!(store.text_waiting().unwrap(), 0);
        assert_eq!(labels(&store, "人工智能产业").len(), 40);
        check(&store);
    }
}
