//! Phrase search over the corpus index: every document holding a phrase, with each hit's
//! place in the original file. Text and phrase are compared in normalised form, so
//! full-width and half-width forms, white space and line wraps make no difference.

use std::ops::Range;
use std::path::PathBuf;

use rusqlite::params_from_iter;
use serde::Serialize;

use super::CorpusError;
use super::store::{Store, original_at};
use crate::document::DocumentRef;
use crate::document::normalize::normalize;

/// Characters of normalised text shown on each side of a hit.
const CONTEXT: usize = 12;

/// One place a phrase occurs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Hit {
    /// Original characters of the file (end exclusive), as every offset we report.
    pub start: usize,
    pub end: usize,
    /// The hit with some normalised text around it.
    pub context: String,
}

/// A document holding the phrase.
#[derive(Debug, Clone, Serialize)]
pub struct Found {
    #[serde(skip)]
    pub reference: DocumentRef,
    pub path: String,
    pub entry: Option<usize>,
    pub label: String,
    pub title: String,
    pub hits: Vec<Hit>,
}

/// The comparable form of a phrase, as the index holds text.
pub fn normalize_phrase(phrase: &str) -> String {
    let chars: Vec<char> = phrase.chars().collect();
    normalize(&chars, 0..chars.len())
        .chars
        .into_iter()
        .collect()
}

/// Where `needle` occurs in `body` (normalised characters, overlapping hits included).
fn occurrences(body: &[char], needle: &[char]) -> Vec<Range<usize>> {
    if needle.is_empty() || needle.len() > body.len() {
        return Vec::new();
    }
    (0..=body.len() - needle.len())
        .filter(|&i| body[i..i + needle.len()] == *needle)
        .map(|i| i..i + needle.len())
        .collect()
}

/// Every document of the index holding `phrase`, in corpus order.
pub fn search(store: &Store, phrase: &str) -> Result<Vec<Found>, CorpusError> {
    let needle = normalize_phrase(phrase);
    if needle.is_empty() {
        return Ok(Vec::new());
    }
    let fail = |e: rusqlite::Error| CorpusError::IndexFile {
        path: store.path().to_owned(),
        detail: e.to_string(),
    };
    // The trigram index answers LIKE patterns of three characters or more (a pattern with an
    // ESCAPE clause it cannot use) and checks the candidates against the text; the texts not
    // yet in it, and every text for other phrases, are looked through.
    const COLUMNS: &str = "SELECT d.path, d.entry, d.label, d.title, b.body, s.origin FROM docs d
         JOIN doc_body b ON b.id = d.id JOIN doc_data s ON s.id = d.id";
    let indexed = !needle.contains(['%', '_']);
    let (sql, bound) = if indexed {
        (
            format!(
                "{COLUMNS} WHERE d.id IN (SELECT rowid FROM doc_text WHERE body LIKE ?1)
                 UNION ALL
                 {COLUMNS} JOIN unindexed u ON u.id = d.id WHERE instr(b.body, ?2) > 0
                 ORDER BY 1, 2"
            ),
            vec![format!("%{needle}%"), needle.clone()],
        )
    } else {
        (
            format!("{COLUMNS} WHERE instr(b.body, ?1) > 0 ORDER BY 1, 2"),
            vec![needle.clone()],
        )
    };
    let mut stmt = store.connection().prepare(&sql).map_err(fail)?;
    let rows = stmt
        .query_map(params_from_iter(&bound), |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, Option<i64>>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, Vec<u8>>(5)?,
            ))
        })
        .map_err(fail)?;
    let needle: Vec<char> = needle.chars().collect();
    let mut out = Vec::new();
    for row in rows {
        let (path, entry, label, title, body, origin) = row.map_err(fail)?;
        let body: Vec<char> = body.chars().collect();
        let hits: Vec<Hit> = occurrences(&body, &needle)
            .into_iter()
            .map(|r| Hit {
                start: original_at(&origin, r.start),
                end: original_at(&origin, r.end - 1) + 1,
                context: body[r.start.saturating_sub(CONTEXT)..(r.end + CONTEXT).min(body.len())]
                    .iter()
                    .collect(),
            })
            .collect();
        if hits.is_empty() {
            continue;
        }
        let entry = entry.map(|n| n as usize);
        let reference = DocumentRef {
            path: PathBuf::from(&path),
            index: entry,
        };
        out.push(Found {
            reference,
            path,
            entry,
            label,
            title,
            hits,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Progress;

    #[test]
    fn hits_map_to_original_offsets_across_widths_and_wraps() {
        let corpus = tempfile::tempdir().unwrap();
        let data = tempfile::tempdir().unwrap();
        let a = "第一条　推进人工智能\n产业发展。\n第二条　ＡＩ创新。";
        std::fs::write(corpus.path().join("a.txt"), a).unwrap();
        std::fs::write(corpus.path().join("b.txt"), "无关的内容，完全不同的文字。").unwrap();
        let mut store = Store::open(&data.path().join("i.sqlite")).unwrap();
        store
            .update(&[corpus.path().to_owned()], &Progress::default())
            .unwrap();
        let found = search(&store, "人工智能产业").unwrap();
        assert_eq!(found.len(), 1);
        let hit = &found[0].hits[0];
        let chars: Vec<char> = a.chars().collect();
        let text: String = chars[hit.start..hit.end].iter().collect();
        assert_eq!(text, "人工智能\n产业");
        // Half-width query, full-width text; and a two-character phrase.
        let ai = search(&store, "AI创新").unwrap();
        assert_eq!(ai.len(), 1);
        let h = &ai[0].hits[0];
        assert_eq!(chars[h.start..h.end].iter().collect::<String>(), "ＡＩ创新");
        assert_eq!(search(&store, "文字").unwrap()[0].label, "b.txt");
        assert!(search(&store, "不存在的短语").unwrap().is_empty());
        assert!(search(&store, "\"").unwrap().is_empty());
        std::fs::write(corpus.path().join("c.txt"), "增长１０％以上，其中_部分").unwrap();
        store
            .update(&[corpus.path().to_owned()], &Progress::default())
            .unwrap();
        assert_eq!(search(&store, "10%以上").unwrap()[0].label, "c.txt");
        assert_eq!(search(&store, "中_部").unwrap().len(), 1);
    }

    #[test]
    fn changed_and_new_files_indexed_together_are_found_by_their_text_now() {
        let corpus = tempfile::tempdir().unwrap();
        let data = tempfile::tempdir().unwrap();
        let write =
            |name: &str, text: &str| std::fs::write(corpus.path().join(name), text).unwrap();
        write("a.txt", "推进人工智能产业发展。");
        write("b.txt", "建设智慧农业示范基地。");
        let roots = [corpus.path().to_owned()];
        let mut store = Store::open(&data.path().join("i.sqlite")).unwrap();
        store.update(&roots, &Progress::default()).unwrap();
        // One update changes a file (its size too, so the change is seen whatever the clock)
        // between two new ones: the old text goes, every new text is found.
        write("a0.txt", "发展数字经济新业态。");
        write("a.txt", "完善医疗卫生服务体系建设。");
        write("c.txt", "加强生态环境保护修复。");
        store.update(&roots, &Progress::default()).unwrap();
        let labels = |phrase: &str| -> Vec<String> {
            search(&store, phrase)
                .unwrap()
                .into_iter()
                .map(|f| f.label)
                .collect()
        };
        assert!(labels("人工智能产业").is_empty());
        assert_eq!(labels("医疗卫生服务"), ["a.txt"]);
        assert_eq!(labels("数字经济"), ["a0.txt"]);
        assert_eq!(labels("生态环境保护"), ["c.txt"]);
        assert_eq!(labels("智慧农业"), ["b.txt"]);
    }
}
