"""Reads the tables of a corpus run as researchers do: pyarrow, pandas, polars and DuckDB on
the Parquet files, pandas on the CSV twins; checks they agree. Prints one line per table."""

import sys
from pathlib import Path

import math

import duckdb
import pandas as pd
import polars as pl
import pyarrow.parquet as pq

TABLES = ["documents", "links", "spans", "sections", "citations"]


def plain(value):
    """A value as both readers give it: a missing one (None, NaN, pandas' NA) as None."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    return value


def same(a, b):
    if isinstance(a, float) or isinstance(b, float):
        return a is not None and b is not None and abs(a - b) < 1e-9
    return a == b


out = Path(sys.argv[1])
db = duckdb.connect()
for name in TABLES:
    parquet = out / f"{name}.parquet"
    arrow = pq.read_table(parquet)
    frame = pd.read_parquet(parquet)
    text = {c: str for c in frame.columns if frame[c].dtype == object}
    csv = pd.read_csv(out / f"{name}.csv", encoding="utf-8-sig", dtype=text, keep_default_na=False,
                      na_values={c: [""] for c in frame.columns if c not in text})
    polars = pl.read_parquet(parquet)
    rows = db.execute(f"SELECT count(*) FROM read_parquet('{parquet}')").fetchall()[0][0]
    assert arrow.num_rows == len(frame) == len(csv) == polars.height == rows, \
        (name, arrow.num_rows, len(csv), polars.height, rows)
    assert list(frame.columns) == list(csv.columns) == polars.columns, \
        (name, list(frame.columns), list(csv.columns), polars.columns)
    for column in polars.columns:
        mine = [plain(v) for v in polars[column].to_list()]
        theirs = [plain(v) for v in frame[column].tolist()]
        assert all(a is None and b is None or same(a, b) for a, b in zip(mine, theirs)), \
            (name, column)
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
