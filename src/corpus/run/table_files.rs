//! A table written to its files as its rows come: every [`ROW_GROUP`] rows go to the Parquet
//! file as a row group and to the CSV file, so a table of millions of rows (the spans of
//! 100,000 documents) is never whole in memory. Both files are drafts, put in place with the
//! run's other files, all of them or none.

use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use parquet::file::writer::SerializedFileWriter;

use super::parquet::{ROW_GROUP, write_group, writer};
use super::table::{Table, Value};
use super::{RunError, write_error};
use crate::review::atomic::{Batch, Draft};

pub struct TableFiles {
    /// The columns, and the rows not written yet.
    table: Table,
    written: usize,
    parquet: SerializedFileWriter<BufWriter<Draft>>,
    parquet_path: PathBuf,
    csv: BufWriter<Draft>,
    csv_path: PathBuf,
}

impl TableFiles {
    /// Starts `table`'s files in folder `out`.
    pub fn create(table: Table, out: &Path) -> Result<Self, RunError> {
        let parquet_path = out.join(format!("{}.parquet", table.name));
        let csv_path = out.join(format!("{}.csv", table.name));
        let draft = |path: &Path| {
            Draft::new(path)
                .map(BufWriter::new)
                .map_err(RunError::Tables)
        };
        let parquet = writer(&table.columns, draft(&parquet_path)?)
            .map_err(|e| write_error(&parquet_path, e))?;
        let mut csv = draft(&csv_path)?;
        csv.write_all(table.csv_header().as_bytes())
            .map_err(|e| write_error(&csv_path, e))?;
        Ok(Self {
            table,
            written: 0,
            parquet,
            parquet_path,
            csv,
            csv_path,
        })
    }

    pub fn table(&self) -> &Table {
        &self.table
    }

    /// Adds a row; it must have one value per column.
    pub fn push(&mut self, row: Vec<Value>) -> Result<(), RunError> {
        self.table.push(row);
        if self.table.rows.len() >= ROW_GROUP {
            self.flush()?;
        }
        Ok(())
    }

    fn flush(&mut self) -> Result<(), RunError> {
        if self.table.rows.is_empty() {
            return Ok(());
        }
        write_group(&mut self.parquet, &self.table.columns, &self.table.rows)
            .map_err(|e| write_error(&self.parquet_path, e))?;
        let mut text = String::new();
        self.table.csv_rows(&mut text);
        self.csv
            .write_all(text.as_bytes())
            .map_err(|e| write_error(&self.csv_path, e))?;
        self.written += self.table.rows.len();
        self.table.rows.clear();
        Ok(())
    }

    /// Writes the rows left and adds both files to `batch`; returns the rows written.
    pub fn finish(mut self, batch: &mut Batch) -> Result<usize, RunError> {
        self.flush()?;
        let parquet = self
            .parquet
            .into_inner()
            .map_err(|e| write_error(&self.parquet_path, e))?
            .into_inner()
            .map_err(|e| write_error(&self.parquet_path, e.into_error()))?;
        let csv = self
            .csv
            .into_inner()
            .map_err(|e| write_error(&self.csv_path, e.into_error()))?;
        batch.add(parquet).map_err(RunError::Tables)?;
        batch.add(csv).map_err(RunError::Tables)?;
        Ok(self.written)
    }
}
