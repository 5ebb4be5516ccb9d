"""Precision at 1 and mean reciprocal rank of the relevance sets (tests/search/relevance.py)
per backend: the test corpus and the demo portal.

python -m tests.bench search_relevance [--db sqlite] [--db postgres]

Runs tests/search/test_relevance.py and test_relevance_demo.py once per database lane
(the database backend on SQLite and on PostgreSQL; Elasticsearch too when
ELASTICSEARCH_URL is set) and prints the figures each run measured, with the queries
whose right page did not rank first.
"""

from __future__ import annotations

import argparse
import subprocess
import sys

from tests.bench.server import ROOT


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(prog="bench search_relevance")
    parser.add_argument("--db", action="append", choices=["sqlite", "postgres"])
    args = parser.parse_args(argv)
    for lane in args.db or ["sqlite", "postgres"]:
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "pytest",
                "tests/search/test_relevance.py",
                "tests/search/test_relevance_demo.py",
                f"--db={lane}",
                "-q",
                "-s",
                "-p",
                "no:cacheprovider",
            ],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        )
        lines = [line for line in result.stdout.splitlines() if line.startswith("precision@1")]
        skipped = [line for line in result.stdout.splitlines() if "SKIPPED" in line]
        for line in lines:
            print(f"[{lane}] {line}")
        for line in skipped:
            print(f"[{lane}] {line.strip()}")
        if result.returncode != 0:
            print(f"[{lane}] pytest exited {result.returncode}:\n{result.stdout[-2000:]}")
