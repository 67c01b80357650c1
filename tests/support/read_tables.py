"""Reads the tables of a corpus run as researchers do: pyarrow, pandas and DuckDB on the
Parquet files, pandas on the CSV twins; checks they agree. Prints one line per table."""

import sys
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow.parquet as pq

TABLES = ["documents", "links", "spans", "sections", "citations"]

out = Path(sys.argv[1])
db = duckdb.connect()
for name in TABLES:
    parquet = out / f"{name}.parquet"
    arrow = pq.read_table(parquet)
    frame = pd.read_parquet(parquet)
    text = {c: str for c in frame.columns if frame[c].dtype == object}
    csv = pd.read_csv(out / f"{name}.csv", encoding="utf-8-sig", dtype=text, keep_default_na=False,
                      na_values={c: [""] for c in frame.columns if c not in text})
    rows = db.execute(f"SELECT count(*) FROM read_parquet('{parquet}')").fetchall()[0][0]
    assert arrow.num_rows == len(frame) == len(csv) == rows, (name, arrow.num_rows, len(csv), rows)
    assert list(frame.columns) == list(csv.columns), (name, list(frame.columns), list(csv.columns))
    if len(frame):
        for column in frame.columns:
            a, b = frame[column], csv[column]
            if a.dtype.kind in "if":
                assert ((a - b).abs().fillna(0) < 1e-9).all(), (name, column)
            else:
                left = a.map(lambda v: "" if v is None else str(v).lower())
                right = b.map(lambda v: str(v).lower())
                assert (left == right).all(), (name, column)
    print(f"{name}: {rows} rows, {len(frame.columns)} columns")

docs = db.execute(f"SELECT id, title FROM read_parquet('{out / 'documents.parquet'}')").fetchall()
links = db.execute(
    f"""SELECT c.path, s.path, l.relation FROM read_parquet('{out / 'links.parquet'}') l
        JOIN read_parquet('{out / 'documents.parquet'}') c ON c.id = l.child
        JOIN read_parquet('{out / 'documents.parquet'}') s ON s.id = l.source"""
).fetchall()
assert any(c.endswith("wuwei-2018-ai-plan.txt") and s.endswith("gansu-2018-ai-plan.txt") and r == "derived"
           for c, s, r in links), links
print(f"joined: {len(links)} links over {len(docs)} documents")
