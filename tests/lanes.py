"""Run every lane of the test suite and print one closing line for all of them.

    python tests/lanes.py [sqlite] [postgres] [browser] [-- extra pytest arguments]

Lanes (all three by default, in this order):
- sqlite:   the whole suite but the browser and subprocess tests, on SQLite in memory;
- postgres: the same tests on a real PostgreSQL that the tests start themselves, plus
            those that serve the portal from subprocesses sharing it (and a Redis);
- browser:  tests/e2e in headless Chromium against a live server (SQLite in a file,
            so that the server's threads open their own connections).

Each lane is its own pytest run (the database is chosen before Django starts), so each
prints its own summary; this script then prints a table and a last line in pytest's
own words, counting every lane, and exits non-zero if any lane failed.
"""

from __future__ import annotations

import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The database lanes spread over the machine's cores with pytest-xdist (each worker has
# its own test database; on the PostgreSQL lane, its own throw-away server). The browser
# lane stays in one process: Chromium and the live server already fill two cores.
PARALLEL = ["--numprocesses=auto", "--maxprocesses=4"]
LANES = {
    # Tests that start the portal in subprocesses (gunicorn, a task worker) run on
    # PostgreSQL, as production does; the SQLite lane stays in memory.
    "sqlite": ["--db=sqlite", "-m", "not e2e and not processes", "--ignore=tests/e2e", *PARALLEL],
    "postgres": ["--db=postgres", "-m", "not e2e", "--ignore=tests/e2e", *PARALLEL],
    "browser": ["--db=sqlite", "tests/e2e"],
}
COUNT = re.compile(r"(\d+) (passed|failed|skipped|errors?|xfailed|xpassed|deselected)")


def run_lane(name: str, extra: list[str]) -> tuple[int, dict[str, int], float]:
    print(f"\n===== lane: {name} =====", flush=True)
    started = time.monotonic()
    process = subprocess.Popen(
        [sys.executable, "-m", "pytest", *LANES[name], *extra],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        bufsize=1,
    )
    last = ""
    assert process.stdout is not None
    for line in process.stdout:
        sys.stdout.write(line)
        if line.startswith("=") and (" in " in line):
            last = line
    code = process.wait()
    counts: dict[str, int] = {}
    for number, word in COUNT.findall(last):
        word = "errors" if word.startswith("error") else word
        counts[word] = counts.get(word, 0) + int(number)
    return code, counts, time.monotonic() - started


def main(argv: list[str]) -> int:
    extra: list[str] = []
    if "--" in argv:
        extra = argv[argv.index("--") + 1 :]
        argv = argv[: argv.index("--")]
    unknown = [name for name in argv if name not in LANES]
    if unknown:
        print(f"Unknown lane(s): {', '.join(unknown)}. Lanes: {', '.join(LANES)}")
        return 2
    results = {name: run_lane(name, extra) for name in (argv or list(LANES))}

    print("\n===== lanes =====")
    total: dict[str, int] = {}
    failed = False
    for name, (code, counts, seconds) in results.items():
        # pytest exits 5 when a lane collected nothing: that is not a pass.
        lane_failed = code != 0
        failed |= lane_failed
        for word, number in counts.items():
            total[word] = total.get(word, 0) + number
        summary = ", ".join(f"{n} {w}" for w, n in counts.items()) or "no tests ran"
        status = "FAILED" if lane_failed else "ok"
        print(f"{name:>9}: {summary} in {seconds:.0f}s [{status} exit {code}]")
    passed, failures = total.get("passed", 0), total.get("failed", 0) + total.get("errors", 0)
    print(f"all lanes: {passed} passed, {failures} failed, {total.get('skipped', 0)} skipped")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
