//! A table of the corpus run: typed columns with their meaning and unit, rows of values;
//! written as CSV (UTF-8 with BOM, for spreadsheets) and described in the codebook.

/// The type of a column, as Parquet and the codebook name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Int,
    Float,
    Text,
    Bool,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::Int => "integer (int64)",
            Kind::Float => "number (double)",
            Kind::Text => "text (UTF-8)",
            Kind::Bool => "boolean",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Column {
    pub name: &'static str,
    pub kind: Kind,
    pub unit: &'static str,
    pub meaning: &'static str,
}

/// A cell; `Null` where the value is unknown or does not apply.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum Value {
    Int(i64),
    Float(f64),
    Text(String),
    Bool(bool),
    Null,
}

impl From<i64> for Value {
    fn from(v: i64) -> Self {
        Value::Int(v)
    }
}

impl From<usize> for Value {
    fn from(v: usize) -> Self {
        Value::Int(v as i64)
    }
}

impl From<f64> for Value {
    fn from(v: f64) -> Self {
        Value::Float(v)
    }
}

impl From<bool> for Value {
    fn from(v: bool) -> Self {
        Value::Bool(v)
    }
}

impl From<&str> for Value {
    fn from(v: &str) -> Self {
        Value::Text(v.to_owned())
    }
}

impl From<String> for Value {
    fn from(v: String) -> Self {
        Value::Text(v)
    }
}

impl<T: Into<Value>> From<Option<T>> for Value {
    fn from(v: Option<T>) -> Self {
        v.map_or(Value::Null, Into::into)
    }
}

#[derive(Debug, Clone)]
pub struct Table {
    pub name: &'static str,
    /// One sentence: what a row is.
    pub about: &'static str,
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<Value>>,
}

fn csv_field(out: &mut String, value: &Value) {
    match value {
        Value::Null => {}
        Value::Int(v) => out.push_str(&v.to_string()),
        Value::Float(v) => out.push_str(&v.to_string()),
        Value::Bool(v) => out.push_str(if *v { "true" } else { "false" }),
        Value::Text(s) => {
            if s.contains([',', '"', '\n', '\r']) {
                out.push('"');
                out.push_str(&s.replace('"', "\"\""));
                out.push('"');
            } else {
                out.push_str(s);
            }
        }
    }
}

impl Table {
    pub fn new(name: &'static str, about: &'static str, columns: Vec<Column>) -> Self {
        Self {
            name,
            about,
            columns,
            rows: Vec::new(),
        }
    }

    /// Adds a row; it must have one value per column.
    pub fn push(&mut self, row: Vec<Value>) {
        debug_assert_eq!(row.len(), self.columns.len(), "row of {}", self.name);
        self.rows.push(row);
    }

    /// The start of the table's CSV file: a byte-order mark and the header row.
    pub fn csv_header(&self) -> String {
        let header: Vec<&str> = self.columns.iter().map(|c| c.name).collect();
        format!("\u{feff}{}\r\n", header.join(","))
    }

    /// The rows held now as CSV lines (`\r\n` line ends, empty cells for nulls), appended to
    /// `out`.
    pub fn csv_rows(&self, out: &mut String) {
        for row in &self.rows {
            for (i, v) in row.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                csv_field(out, v);
            }
            out.push_str("\r\n");
        }
    }

    /// The table's section of the codebook.
    pub fn codebook(&self) -> String {
        let mut out = format!(
            "## {name}\n\n{about}\n\nFiles: `{name}.parquet`, `{name}.csv`.\n\n\
             | column | type | unit | meaning |\n|---|---|---|---|\n",
            name = self.name,
            about = self.about
        );
        for c in &self.columns {
            out.push_str(&format!(
                "| `{}` | {} | {} | {} |\n",
                c.name,
                c.kind.name(),
                if c.unit.is_empty() { "–" } else { c.unit },
                c.meaning.replace('|', "\\|")
            ));
        }
        out.push('\n');
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_what_needs_quoting() {
        let mut t = Table::new(
            "t",
            "A test.",
            vec![
                Column {
                    name: "a",
                    kind: Kind::Text,
                    unit: "",
                    meaning: "text",
                },
                Column {
                    name: "b",
                    kind: Kind::Float,
                    unit: "share",
                    meaning: "x | y",
                },
            ],
        );
        t.push(vec!["甘肃,\"省\"".into(), 0.5.into()]);
        t.push(vec![Value::Null, Value::Null]);
        let mut csv = t.csv_header();
        t.csv_rows(&mut csv);
        assert_eq!(csv, "\u{feff}a,b\r\n\"甘肃,\"\"省\"\"\",0.5\r\n,\r\n");
        assert!(
            t.codebook()
                .contains("| `b` | number (double) | share | x \\| y |")
        );
    }
}
