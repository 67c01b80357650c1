//! The five tables of a corpus run, their columns (meaning, type, unit: the codebook) and
//! their rows, assembled from the per-document results.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::relate::{DocResult, Facts};
use super::table::{Column, Kind, Table, Value};
use super::table_files::TableFiles;
use super::{RunError, TableRows};
use crate::document::facts::title_keys;
use crate::review::atomic::Batch;

const fn col(name: &'static str, kind: Kind, unit: &'static str, meaning: &'static str) -> Column {
    Column {
        name,
        kind,
        unit,
        meaning,
    }
}

const SHARE: &str = "fraction 0–1 of the child's non-white-space characters";
const OFFSET: &str = "character (Unicode scalar value) from the start of the decoded file";

fn documents() -> Table {
    use Kind::*;
    Table::new(
        "documents",
        "One row per document of the corpus: a whole file, or entry #N of a file holding \
         several (a scraped listing). Copies are listed too, linked to the copy kept as \
         `duplicate`.",
        vec![
            col("id", Int, "", "Document id, used by every other table"),
            col("path", Text, "", "The file, absolute path"),
            col(
                "entry",
                Int,
                "",
                "N of `PATH#N` for a document inside a multi-document file; empty for a whole file",
            ),
            col("title", Text, "", "The policy's title"),
            col(
                "issuer",
                Text,
                "",
                "The issuing body as the document names it (its signature, else the notice issuing it); empty when not found",
            ),
            col(
                "level",
                Text,
                "",
                "Issuing level: national, province, city or county; empty when unknown",
            ),
            col(
                "number",
                Text,
                "",
                "Document number (发文字号) such as 国发〔2017〕35号; empty when none",
            ),
            col(
                "date",
                Text,
                "ISO 8601 date",
                "Issuing date (成文日期), YYYY-MM-DD (YYYY-MM or YYYY when that is all the text gives)",
            ),
            col(
                "chars",
                Int,
                "characters",
                "Non-white-space characters, the unit of every share",
            ),
            col(
                "content_hash",
                Text,
                "",
                "64-bit hash of the normalised text (hex): equal hashes are the same text",
            ),
            col(
                "error",
                Text,
                "",
                "Why the document could not be read for this run; empty when it was",
            ),
        ],
    )
}

fn links() -> Table {
    use Kind::*;
    Table::new(
        "links",
        "One row per (child, source) pair the run relates: the child derives from the source \
         (`derived`), only shares wording with it (`shares wording`), or is a copy of it \
         (`duplicate`).",
        vec![
            col(
                "child",
                Int,
                "document id",
                "The derived document (for a duplicate: the copy; for shares wording: the first of the two in corpus order)",
            ),
            col(
                "source",
                Int,
                "document id",
                "The document it derives from (for a duplicate: the copy kept; for shares wording: the other)",
            ),
            col("relation", Text, "", "derived, shares wording or duplicate"),
            col(
                "covered",
                Float,
                SHARE,
                "Estimated share of the child found in the source (sampled 9-character shingles)",
            ),
            col(
                "covers",
                Float,
                "fraction 0–1 of the source's characters",
                "Estimated share of the source found in the child",
            ),
            col(
                "inherited",
                Float,
                SHARE,
                "Copied word for word from the source (exact comparison; empty when not compared)",
            ),
            col(
                "adapted",
                Float,
                SHARE,
                "Localised from the source text (省→市, dates, names)",
            ),
            col("added", Float, SHARE, "Not taken from this source"),
            col(
                "distinctive",
                Float,
                SHARE,
                "Taken from this source and held by no other source compared in full (the child's spans traced through them)",
            ),
            col(
                "boilerplate",
                Float,
                SHARE,
                "Estimated share of the child found in the source that is stock wording (held by many corpus documents; sampled shingles, like covered)",
            ),
            col(
                "cited",
                Bool,
                "",
                "The child names this source (its title or document number)",
            ),
            col(
                "evidence",
                Text,
                "",
                "What decided the relation and its direction: coverage each way and outside stock wording (under 0.10 both ways: shares wording), levels, dates",
            ),
        ],
    )
}

fn spans() -> Table {
    use Kind::*;
    Table::new(
        "spans",
        "One row per run of a document's characters of one class, against its nearest \
         source; together a document's spans cover each of its non-white-space characters \
         once. Documents with no source have no spans.",
        vec![
            col("document", Int, "document id", "The document"),
            col("start", Int, OFFSET, "First character of the span"),
            col("end", Int, OFFSET, "One past the last character"),
            col("class", Text, "", "inherited, adapted or added"),
            col(
                "source",
                Int,
                "document id",
                "Where the span was taken from; empty for added text",
            ),
            col(
                "source_start",
                Int,
                OFFSET,
                "First character of the source text, in the source's file",
            ),
            col(
                "source_end",
                Int,
                OFFSET,
                "One past the last character of the source text",
            ),
            col(
                "evidence",
                Text,
                "",
                "distinctive (only this source holds the text), shared (other sources compared hold it too) or boilerplate (stock wording of the corpus); empty for added text",
            ),
        ],
    )
}

fn sections() -> Table {
    use Kind::*;
    Table::new(
        "sections",
        "One row per (child section, source section) the child section draws on, best first.",
        vec![
            col("document", Int, "document id", "The child document"),
            col(
                "section",
                Int,
                "index",
                "The child's section, counted from 0 in reading order",
            ),
            col(
                "heading",
                Text,
                "",
                "The child section's heading as written",
            ),
            col("source", Int, "document id", "The source document"),
            col(
                "source_section",
                Int,
                "index",
                "The source's section, counted from 0 in reading order",
            ),
            col(
                "source_heading",
                Text,
                "",
                "The source section's heading as written",
            ),
            col(
                "similarity",
                Float,
                "fraction 0–1",
                "How much of the child section comes from this source section",
            ),
        ],
    )
}

fn citations() -> Table {
    use Kind::*;
    Table::new(
        "citations",
        "One row per document a document names: a title in 《》 and/or a document number.",
        vec![
            col("document", Int, "document id", "The citing document"),
            col("start", Int, OFFSET, "First character of the citation"),
            col("end", Int, OFFSET, "One past the last character"),
            col(
                "title",
                Text,
                "",
                "The cited title; empty when only a number is named",
            ),
            col(
                "number",
                Text,
                "",
                "The cited document number; empty when only a title is named",
            ),
            col(
                "resolved",
                Int,
                "document id",
                "The corpus document cited; empty when the corpus does not hold it",
            ),
        ],
    )
}

/// A corpus document: its reference and where it is (path, entry).
pub struct DocKey {
    pub reference: String,
    pub path: String,
    pub entry: Option<usize>,
}

/// What joins the tables: each document's id (from 1, in corpus order) by its reference, by
/// its document number and by the keys of its title.
pub struct Ids {
    by_reference: HashMap<String, i64>,
    by_number: HashMap<String, i64>,
    by_title: HashMap<String, i64>,
}

impl Ids {
    /// From every document's key and facts, in id order.
    pub fn new<'a>(docs: impl Iterator<Item = (&'a DocKey, &'a Facts)>) -> Self {
        let mut ids = Self {
            by_reference: HashMap::new(),
            by_number: HashMap::new(),
            by_title: HashMap::new(),
        };
        for (i, (key, facts)) in docs.enumerate() {
            let id = i as i64 + 1;
            ids.by_reference.insert(key.reference.clone(), id);
            if let Some(number) = &facts.number {
                ids.by_number.insert(number.clone(), id);
            }
            // A citation names a document by its title or by the notice issuing it, either
            // way round.
            for title in title_keys(&facts.title) {
                ids.by_title.entry(title).or_insert(id);
            }
        }
        ids
    }

    fn of(&self, reference: &str) -> Value {
        Value::from(self.by_reference.get(reference).copied())
    }
}

/// The five tables, written a document at a time in id order: each result is taken apart as
/// its rows are made and the rows go to the files a row group at a time, so neither the
/// results nor the tables are ever whole in memory.
pub struct Tables {
    ids: Ids,
    added: i64,
    files: [TableFiles; 5],
    /// The folder they go to, with the codebook.
    out: PathBuf,
}

impl Tables {
    /// The tables, their files started in folder `out`.
    pub fn create(ids: Ids, out: &Path) -> Result<Self, RunError> {
        Ok(Self {
            ids,
            added: 0,
            files: [
                TableFiles::create(documents(), out)?,
                TableFiles::create(links(), out)?,
                TableFiles::create(spans(), out)?,
                TableFiles::create(sections(), out)?,
                TableFiles::create(citations(), out)?,
            ],
            out: out.to_owned(),
        })
    }

    /// Adds the next document (the one after those added, in the order [`Ids`] was made in).
    pub fn add(&mut self, key: DocKey, r: DocResult) -> Result<(), RunError> {
        self.added += 1;
        let me = self.added;
        let ids = &self.ids;
        let [d, l, s, x, c] = &mut self.files;
        let DocResult {
            facts: f,
            links: doc_links,
            spans: doc_spans,
            sections: doc_sections,
            citations: doc_citations,
            error,
        } = r;
        d.push(vec![
            me.into(),
            key.path.into(),
            key.entry.into(),
            f.title.into(),
            f.issuer.into(),
            f.level.into(),
            f.number.into(),
            f.date.into(),
            f.chars.into(),
            f.content_hash.into(),
            error.into(),
        ])?;
        for k in doc_links {
            l.push(vec![
                me.into(),
                ids.of(&k.source),
                k.relation.into(),
                k.covered.into(),
                k.covers.into(),
                k.inherited.into(),
                k.adapted.into(),
                k.added.into(),
                k.distinctive.into(),
                k.boilerplate.into(),
                k.cited.into(),
                k.evidence.into(),
            ])?;
        }
        for p in doc_spans {
            s.push(vec![
                me.into(),
                p.start.into(),
                p.end.into(),
                p.class.into(),
                p.source.as_deref().map_or(Value::Null, |r| ids.of(r)),
                p.source_start.into(),
                p.source_end.into(),
                p.evidence.into(),
            ])?;
        }
        for m in doc_sections {
            x.push(vec![
                me.into(),
                m.section.into(),
                m.heading.into(),
                ids.of(&m.source),
                m.source_section.into(),
                m.source_heading.into(),
                m.similarity.into(),
            ])?;
        }
        for t in doc_citations {
            let resolved = t
                .number
                .as_deref()
                .and_then(|n| ids.by_number.get(n))
                .copied()
                .or_else(|| {
                    let keys = title_keys(t.title.as_deref()?);
                    keys.iter().find_map(|k| ids.by_title.get(k).copied())
                })
                .filter(|&r| r != me);
            c.push(vec![
                me.into(),
                t.start.into(),
                t.end.into(),
                t.title.into(),
                t.number.into(),
                resolved.into(),
            ])?;
        }
        Ok(())
    }

    /// Writes the rows left and adds the tables' files and the codebook to `batch`; returns
    /// the rows of each table, in table order.
    pub fn finish(self, batch: &mut Batch) -> Result<TableRows, RunError> {
        let mut codebook = String::from(
            "# Codebook\n\nThe tables of a `policy-lineage corpus` run. Each is written twice, as \
             Parquet and as CSV (UTF-8 with a byte-order mark); the columns are the same. Empty \
             cells (Parquet nulls) mean unknown or not applicable. Document ids join the tables; \
             `manifest.json` records the tool version, the options and every input file's \
             SHA-256.\n\n",
        );
        let mut rows = Vec::new();
        for files in self.files {
            codebook.push_str(&files.table().codebook());
            let name = files.table().name;
            rows.push((name, files.finish(batch)?));
        }
        batch
            .stage(&self.out.join("codebook.md"), codebook.as_bytes())
            .map_err(RunError::Tables)?;
        Ok(rows)
    }
}
