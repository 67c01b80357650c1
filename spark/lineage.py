"""The corpus run of policy-lineage on Apache Spark.

    spark-submit --master 'local[2]' spark/lineage.py IN... OUT [--binary PATH]

IN are folders or files, as `policy-lineage corpus` takes them; OUT gets the same tables
(Parquet and CSV), codebook.md and manifest.json. The command-line binary (built without the
viewer: `cargo build --release --no-default-features`) does all reading, shingling and
alignment: it is shipped to the executors (SparkContext.addFile) and every executor step
streams JSON lines through it (`policy-lineage spark index|relate`). Spark does what spreads
over a cluster: the files are indexed in parallel, candidate pairs come from a join on
sampled shingles (the shared count of every pair of documents), and the documents are
related in parallel. The driver lists the files, plans the run (copies merged, the work
listed) and writes the tables, each through the binary, so the rows are the single-machine
run's. The corpus must be readable at the same path on the driver and every executor (a
shared file system, or a copy on each node).
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time

from pyspark import SparkFiles
from pyspark.sql import SparkSession
from pyspark.sql import functions as F

BINARY = "policy-lineage"


def arguments():
    p = argparse.ArgumentParser(
        description="policy-lineage corpus run on Spark: IN... OUT",
    )
    p.add_argument("paths", nargs="+", metavar="IN... OUT")
    p.add_argument(
        "--binary",
        help="the policy-lineage binary (default: policy-lineage on PATH)",
    )
    p.add_argument("--compare-top", type=int, default=3)
    p.add_argument("--min-share", type=float, default=0.02)
    p.add_argument(
        "--partitions",
        type=int,
        default=0,
        help="partitions per step (default: twice the default parallelism)",
    )
    args = p.parse_args()
    if len(args.paths) < 2:
        p.error("give at least one input and the output folder")
    binary = args.binary or shutil.which(BINARY)
    if not binary or not os.access(binary, os.X_OK):
        p.error(
            "no policy-lineage binary: pass --binary PATH or put it on PATH "
            "(cargo build --release --no-default-features)"
        )
    args.binary = os.path.abspath(binary)
    return args


def local_step(binary, step, stdin=None):
    """Runs a step of the binary on the driver and returns its output lines."""
    done = subprocess.run(
        [binary, "spark", *step],
        input=stdin,
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        sys.exit(f"policy-lineage spark {step[0]} failed: {done.stderr.strip()}")
    return done.stdout.splitlines()


def executor_step(name, step):
    """A partition function streaming the partition's lines through the shipped binary
    (`name`: its file name, as SparkContext.addFile ships it)."""

    def run(lines):
        exe = SparkFiles.get(name)
        if not os.access(exe, os.X_OK):
            os.chmod(exe, 0o755)
        proc = subprocess.Popen(
            [exe, "spark", *step],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
        )
        errors = []

        # Fed from a thread, so that a full output pipe never blocks the input.
        def feed():
            try:
                for line in lines:
                    proc.stdin.write(line)
                    proc.stdin.write("\n")
            except BrokenPipeError:
                pass
            finally:
                proc.stdin.close()

        def drain():
            errors.append(proc.stderr.read())

        threads = [threading.Thread(target=feed), threading.Thread(target=drain)]
        for t in threads:
            t.start()
        for line in proc.stdout:
            yield line.rstrip("\n")
        for t in threads:
            t.join()
        if proc.wait() != 0:
            raise RuntimeError(f"policy-lineage spark {step[0]}: {''.join(errors).strip()}")

    return run


def signed(h):
    """A 64-bit shingle hash as Spark's signed long."""
    return h - (1 << 64) if h >= 1 << 63 else h


def main():
    args = arguments()
    *inputs, out = args.paths
    ranking = ["--compare-top", str(args.compare_top), "--min-share", str(args.min_share)]
    spark = SparkSession.builder.appName("policy-lineage corpus").getOrCreate()
    sc = spark.sparkContext
    sc.setLogLevel("WARN")
    sc.addFile(args.binary)
    shipped = os.path.basename(args.binary)
    parts = args.partitions or 2 * sc.defaultParallelism
    # The shingle join's shuffle in as many partitions as the rest (Spark's default is 200).
    spark.conf.set("spark.sql.shuffle.partitions", str(parts))
    work_dir = tempfile.mkdtemp(prefix="policy-lineage-spark-")
    started = time.time()

    # Index: the files listed as the corpus run walks them, read and shingled in parallel.
    files = local_step(args.binary, ["files", *inputs])
    indexed = (
        sc.parallelize(files, max(1, min(parts, len(files))))
        .mapPartitions(executor_step(shipped, ["index"]))
        .collect()
    )
    files_path = os.path.join(work_dir, "files.jsonl")
    with open(files_path, "w", encoding="utf-8") as f:
        f.write("\n".join(indexed) + "\n")
    del indexed

    # Plan: copies merged from the corpus-wide index entries, the work listed.
    with open(files_path, encoding="utf-8") as f:
        plan = [json.loads(line) for line in local_step(args.binary, ["plan"], f.read())]
    docs = [p["doc"] for p in plan if "doc" in p]
    work = [p["work"] for p in plan if "work" in p]
    thresholds = next(p["thresholds"] for p in plan if "thresholds" in p)
    del plan
    indexing = time.time() - started

    # Candidate pairs: every pair of documents sharing a sampled shingle, with the count and
    # the count outside stock wording (shingles held by `stock_others` documents besides
    # one's own), and whether a third document explains the pair (see below).
    # DataFrames, so that the joins run in the JVM; JSON is only parsed by the binary.
    doc_rdd = sc.parallelize(docs, parts).cache()
    shingles = spark.createDataFrame(
        doc_rdd.flatMap(lambda d: [(signed(s), d["doc"]) for s in d["shingles"]]),
        "shingle long, doc int",
    )
    profiles = spark.createDataFrame(
        doc_rdd.map(
            lambda d: (d["doc"], json.dumps(d["profile"], ensure_ascii=False), len(d["shingles"]))
        ),
        "doc int, profile string, shingles int",
    ).cache()
    # Shingles held by more than `ubiquitous` documents are left out before the self-join, as
    # the local counts leave them out: they are stock wording anywhere, and each would add the
    # square of its holders to the join.
    holders = shingles.groupBy("shingle").agg(F.count("*").alias("holders"))
    counted = shingles.join(
        holders.filter(F.col("holders") <= thresholds["ubiquitous"]), "shingle"
    )
    pairs = (
        counted.alias("a")
        .join(counted.alias("b").select("shingle", "doc"), "shingle")
        .groupBy(F.col("a.doc").alias("query"), F.col("b.doc").alias("peer"))
        .agg(
            F.count("*").alias("shared"),
            F.sum(F.when(F.col("holders") - 1 < thresholds["stock_others"], 1).otherwise(0)).alias(
                "distinctive"
            ),
        )
    )
    # A pair that could be derivation (one holds `derived_min` of the other) is explained
    # when a third document shares more with each of the two than they share with each other
    # (`corpus::sources::explained`, the same rule as the single-machine run).
    others = pairs.filter(F.col("query") != F.col("peer")).select("query", "peer", "shared")
    sizes = profiles.select("doc", "shingles")
    could_derive = (
        others.join(sizes.withColumnRenamed("doc", "query").withColumnRenamed("shingles", "qs"), "query")
        .join(sizes.withColumnRenamed("doc", "peer").withColumnRenamed("shingles", "ps"), "peer")
        .filter(
            (F.col("shared") / F.col("qs") >= thresholds["derived_min"])
            | (F.col("shared") / F.col("ps") >= thresholds["derived_min"])
        )
        .select("query", "peer", "shared")
    )
    qc, qx, cx = could_derive.alias("qc"), others.alias("qx"), others.alias("cx")
    explained = (
        qc.join(
            qx,
            (F.col("qx.query") == F.col("qc.query"))
            & (F.col("qx.peer") != F.col("qc.peer"))
            & (F.col("qx.shared") > F.col("qc.shared")),
        )
        .join(
            cx,
            (F.col("cx.query") == F.col("qc.peer"))
            & (F.col("cx.peer") == F.col("qx.peer"))
            & (F.col("cx.shared") > F.col("qc.shared")),
        )
        .select(F.col("qc.query").alias("query"), F.col("qc.peer").alias("peer"))
        .distinct()
        .withColumn("explained", F.lit(True))
    )
    pairs = pairs.join(explained, ["query", "peer"], "left").fillna(False, ["explained"])
    peers = (
        pairs.join(profiles, pairs.peer == profiles.doc)
        .groupBy("query")
        .agg(
            F.collect_list(
                F.struct("doc", "shared", "distinctive", "explained", "shingles", "profile")
            ).alias("peers")
        )
    )
    items = spark.createDataFrame(
        [
            (w["work"], w["doc"], json.dumps(w["profile"], ensure_ascii=False), w["copy"])
            for w in work
        ],
        "work int, doc int, item string, copy boolean",
    )
    own = profiles.withColumnRenamed("profile", "own")
    # Each document's stock wording (its shingles held by `stock_others` other documents),
    # for the trace of its spans on the executor.
    stock = (
        shingles.join(holders.filter(F.col("holders") - 1 >= thresholds["stock_others"]), "shingle")
        .groupBy("doc")
        .agg(F.collect_list("shingle").alias("stock"))
    )
    joined = (
        items.join(own, "doc")
        .join(peers, items.doc == peers.query, "left")
        .join(stock, "doc", "left")
    )

    # Relate: each document with its peers (or, for a copy, the copy kept), on the executors.
    def task(r):
        head = f'{{"work":{r["work"]},"doc":{r["doc"]},"profile":{r["item"]}'
        if r["copy"]:
            return f'{head},"copy_of":{r["own"]}}}'
        listed = ",".join(
            f'{{"doc":{p["doc"]},"shared":{p["shared"]},"distinctive":{p["distinctive"]},'
            f'"explained":{"true" if p["explained"] else "false"},'
            f'"shingles":{p["shingles"]},'
            f'"profile":{p["profile"]}}}'
            for p in r["peers"] or []
        )
        stock = ",".join(str(s & 0xFFFFFFFFFFFFFFFF) for s in r["stock"] or [])
        return f'{head},"shingles":{r["shingles"]},"stock":[{stock}],"peers":[{listed}]}}'

    tasks = joined.rdd.map(task).repartition(parts)
    results = tasks.mapPartitions(executor_step(shipped, ["relate", *ranking])).collect()
    results_path = os.path.join(work_dir, "results.jsonl")
    with open(results_path, "w", encoding="utf-8") as f:
        f.write("\n".join(results) + "\n")
    del results
    relating = time.time() - started - indexing

    # Tables: written by the binary from the index entries and the results.
    for line in local_step(
        args.binary,
        [
            "tables",
            *inputs,
            "--files",
            files_path,
            "--results",
            results_path,
            "--out",
            out,
            *ranking,
            "--indexing-seconds",
            f"{indexing:.3f}",
            "--relating-seconds",
            f"{relating:.3f}",
        ],
    ):
        print(line)
    print(
        f"{len(work)} documents, {len(docs)} kept; {time.time() - started:.1f} s "
        f"(index and plan {indexing:.1f} s, relate {relating:.1f} s)"
    )
    shutil.rmtree(work_dir, ignore_errors=True)
    spark.stop()


if __name__ == "__main__":
    main()
