"""How long import_regions takes for the full dataset (~91,600 rows, 83,762 villages).

python -m tests.bench regions [--db sqlite|postgres|both]

Each database is fresh and migrated; the import runs twice in its own process: the
first run creates every row, the second finds them all unchanged. The figures are wall
time of the whole `manage.py import_regions` process (Python start-up included).
"""

import argparse
import tempfile
import time
from pathlib import Path

from tests.bench.server import database, manage, production_env


def timed_import(kind: str) -> list[tuple[str, float, str]]:
    with database(kind) as url, tempfile.TemporaryDirectory(prefix="satu-bench-") as work:
        env = production_env(url, Path(work))
        manage(env, "migrate", "--no-input")
        rows = []
        for run in ("first import", "second import"):
            started = time.perf_counter()
            output = manage(env, "import_regions")
            rows.append((run, time.perf_counter() - started, output.strip()))
        return rows


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(prog="bench regions")
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    args = parser.parse_args(argv)
    kinds = ["sqlite", "postgres"] if args.db == "both" else [args.db]
    for kind in kinds:
        for run, seconds, output in timed_import(kind):
            print(f"{kind:9} {run:14} {seconds:6.2f} s   {output}")
