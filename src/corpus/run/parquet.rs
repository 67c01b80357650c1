//! Writing a table as a Parquet file, a row group at a time, with the parquet crate's column
//! writer (no Arrow): every column optional (nulls where a value does not apply), text as
//! UTF-8 strings, Snappy-compressed, which pandas, polars, R's arrow and DuckDB all read.

use std::io::Write;
use std::sync::Arc;

use parquet::basic::{Compression, ConvertedType, LogicalType, Repetition, Type as Physical};
use parquet::data_type::{BoolType, ByteArray, ByteArrayType, DoubleType, Int64Type};
use parquet::errors::ParquetError;
use parquet::file::properties::WriterProperties;
use parquet::file::writer::SerializedFileWriter;
use parquet::schema::types::Type;

use super::table::{Column, Kind, Value};

/// Rows per row group: large enough for fast scans, small enough to write in little memory.
pub const ROW_GROUP: usize = 100_000;

fn schema(columns: &[Column]) -> Result<Type, ParquetError> {
    let fields = columns
        .iter()
        .map(|c| {
            let builder = match c.kind {
                Kind::Int => Type::primitive_type_builder(c.name, Physical::INT64),
                Kind::Float => Type::primitive_type_builder(c.name, Physical::DOUBLE),
                Kind::Bool => Type::primitive_type_builder(c.name, Physical::BOOLEAN),
                Kind::Text => Type::primitive_type_builder(c.name, Physical::BYTE_ARRAY)
                    .with_logical_type(Some(LogicalType::String))
                    .with_converted_type(ConvertedType::UTF8),
            };
            builder
                .with_repetition(Repetition::OPTIONAL)
                .build()
                .map(Arc::new)
        })
        .collect::<Result<Vec<_>, _>>()?;
    Type::group_type_builder("schema")
        .with_fields(fields)
        .build()
}

/// The values of column `col` of `rows` and their definition levels (0 for null).
fn gather<T>(
    rows: &[Vec<Value>],
    col: usize,
    pick: impl Fn(&Value) -> Option<T>,
) -> (Vec<T>, Vec<i16>) {
    let mut values = Vec::with_capacity(rows.len());
    let mut levels = Vec::with_capacity(rows.len());
    for row in rows {
        match pick(&row[col]) {
            Some(v) => {
                values.push(v);
                levels.push(1);
            }
            None => levels.push(0),
        }
    }
    (values, levels)
}

/// A Parquet file of a table with `columns`, written to `out` a row group at a time.
pub fn writer<W: Write + Send>(
    columns: &[Column],
    out: W,
) -> Result<SerializedFileWriter<W>, ParquetError> {
    let props = WriterProperties::builder()
        .set_compression(Compression::SNAPPY)
        .set_created_by(format!("policy-lineage {}", env!("CARGO_PKG_VERSION")))
        .build();
    SerializedFileWriter::new(out, Arc::new(schema(columns)?), Arc::new(props))
}

/// Writes `rows` (of a table with `columns`) as the file's next row group.
pub fn write_group<W: Write + Send>(
    writer: &mut SerializedFileWriter<W>,
    columns: &[Column],
    rows: &[Vec<Value>],
) -> Result<(), ParquetError> {
    let mut group = writer.next_row_group()?;
    let mut col = 0;
    while let Some(mut column) = group.next_column()? {
        match columns[col].kind {
            Kind::Int => {
                let (v, d) = gather(rows, col, |v| match v {
                    Value::Int(i) => Some(*i),
                    _ => None,
                });
                column
                    .typed::<Int64Type>()
                    .write_batch(&v, Some(&d), None)?;
            }
            Kind::Float => {
                let (v, d) = gather(rows, col, |v| match v {
                    Value::Float(f) => Some(*f),
                    _ => None,
                });
                column
                    .typed::<DoubleType>()
                    .write_batch(&v, Some(&d), None)?;
            }
            Kind::Bool => {
                let (v, d) = gather(rows, col, |v| match v {
                    Value::Bool(b) => Some(*b),
                    _ => None,
                });
                column.typed::<BoolType>().write_batch(&v, Some(&d), None)?;
            }
            Kind::Text => {
                let (v, d) = gather(rows, col, |v| match v {
                    Value::Text(s) => Some(ByteArray::from(s.as_str())),
                    _ => None,
                });
                column
                    .typed::<ByteArrayType>()
                    .write_batch(&v, Some(&d), None)?;
            }
        }
        column.close()?;
        col += 1;
    }
    group.close()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use parquet::file::reader::{FileReader, SerializedFileReader};
    use parquet::record::Field;

    use super::*;

    #[test]
    fn a_table_reads_back_with_its_nulls() {
        let col = |name, kind| Column {
            name,
            kind,
            unit: "",
            meaning: "",
        };
        let columns = vec![
            col("id", Kind::Int),
            col("share", Kind::Float),
            col("title", Kind::Text),
            col("cited", Kind::Bool),
        ];
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.parquet");
        let mut w = writer(&columns, std::fs::File::create(&path).unwrap()).unwrap();
        let first = vec![vec![
            1usize.into(),
            0.25.into(),
            "甘肃省".into(),
            true.into(),
        ]];
        let second = vec![vec![2usize.into(), Value::Null, Value::Null, Value::Null]];
        write_group(&mut w, &columns, &first).unwrap();
        write_group(&mut w, &columns, &second).unwrap();
        w.close().unwrap();
        let reader = SerializedFileReader::new(std::fs::File::open(&path).unwrap()).unwrap();
        assert_eq!(reader.metadata().file_metadata().num_rows(), 2);
        assert_eq!(reader.metadata().num_row_groups(), 2);
        let rows: Vec<_> = reader
            .get_row_iter(None)
            .unwrap()
            .map(|r| r.unwrap().into_columns())
            .collect();
        assert_eq!(rows[0][0].1, Field::Long(1));
        assert_eq!(rows[0][1].1, Field::Double(0.25));
        assert_eq!(rows[0][2].1, Field::Str("甘肃省".into()));
        assert_eq!(rows[0][3].1, Field::Bool(true));
        assert_eq!(rows[1][1].1, Field::Null);
        assert_eq!(rows[1][2].1, Field::Null);
    }
}
