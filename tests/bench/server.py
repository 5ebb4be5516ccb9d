"""What every benchmark needs: a prepared database, the portal under gunicorn, a load.

The portal runs as in production (PORTAL_ENV=production, whitenoise serving collected
static files, gunicorn gthread workers) on 127.0.0.1 only, with throw-away secrets.
The load comes from a second process (tests/bench/load.py).
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import secrets
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from tests.postgres import TemporaryPostgres
from tests.processes import gunicorn_server

ROOT = Path(__file__).resolve().parents[2]


def production_env(database_url: str, workdir: Path, **extra: str) -> dict[str, str]:
    key = base64.urlsafe_b64encode(secrets.token_bytes(32)).decode()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PORTAL_"))}
    env.update(
        PORTAL_ENV="production",
        DJANGO_SETTINGS_MODULE="portal.settings",
        SECRET_KEY=secrets.token_urlsafe(50),
        RECEIPT_SECRET=secrets.token_urlsafe(50),
        REGION_INDEX_SECRET=secrets.token_urlsafe(50),
        ENCRYPTION_KEYS=f"bench:{key}",
        REFERRAL_INDEX_KEY=secrets.token_urlsafe(32),
        RECAPTCHA_PUBLIC_KEY="bench-site-key",
        RECAPTCHA_PRIVATE_KEY="bench-secret-key",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="false",
        DATABASE_URL=database_url,
        STATIC_ROOT=str(workdir / "static"),
        MEDIA_ROOT=str(workdir / "media"),
        PRIVATE_MEDIA_ROOT=str(workdir / "private"),
        LOG_LEVEL="WARNING",
    )
    env.update(extra)
    return env


def manage(env: dict[str, str], *args: str) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stdout}{result.stderr}")
    return result.stdout


@contextlib.contextmanager
def database(kind: str) -> Iterator[str]:
    """A fresh, empty database of this kind ("sqlite" or "postgres"); yields its URL."""
    with database_server(kind) as (url, _server):
        yield url


@contextlib.contextmanager
def database_server(kind: str) -> Iterator[tuple[str, TemporaryPostgres | None]]:
    """As ``database``, with the PostgreSQL server itself (None for SQLite), for
    benchmarks that restart it."""
    if kind == "postgres":
        server = TemporaryPostgres.start()
        try:
            yield server.url, server
        finally:
            server.stop()
    else:
        with tempfile.TemporaryDirectory(prefix="satu-bench-db-") as directory:
            yield f"sqlite:///{directory}/bench.sqlite3", None


@dataclass
class Prepared:
    """A migrated database with the demo loaded and static files collected."""

    env: dict[str, str]
    postgres: TemporaryPostgres | None


@contextlib.contextmanager
def prepared(kind: str = "sqlite", setup=None, **extra_env: str) -> Iterator[Prepared]:
    """Migrate, load the demo, collect static files; ``setup(env)`` runs after the demo
    is loaded (to add benchmark data)."""
    with (
        database_server(kind) as (url, postgres),
        tempfile.TemporaryDirectory(prefix="satu-bench-") as work,
    ):
        env = production_env(url, Path(work), **extra_env)
        manage(env, "migrate", "--no-input")
        manage(env, "load_demo", "--throwaway-database")
        manage(env, "collectstatic", "--no-input")
        if setup is not None:
            setup(env)
        yield Prepared(env, postgres)


@contextlib.contextmanager
def gunicorn(
    env: dict[str, str], workers: int = 2, threads: int = 4, worker_connections: int = 1000
) -> Iterator[tuple[str, subprocess.Popen]]:
    """Serve the portal with gunicorn on a free loopback port until the block ends;
    yields the base URL and the master process (its children are the workers)."""
    with gunicorn_server(env, workers, threads, worker_connections, seconds=60) as served:
        yield served


@contextlib.contextmanager
def portal(
    kind: str = "sqlite", workers: int = 2, threads: int = 4, setup=None, **extra_env: str
) -> Iterator[tuple[str, dict[str, str]]]:
    """Migrate, load the demo, collect static files, serve with gunicorn.

    ``setup(env)`` runs after the demo is loaded (to add benchmark data). Yields the
    base URL and the environment the server runs with.
    """
    with (
        prepared(kind, setup, **extra_env) as ready,
        gunicorn(ready.env, workers, threads) as (
            base,
            _server,
        ),
    ):
        yield base, ready.env


def load(urls: list[str], requests: int = 2000, concurrency: int = 8, warmup: int = 100) -> dict:
    """Run the load generator in a second process and return its figures."""
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "tests.bench.load",
            *urls,
            "--requests",
            str(requests),
            "--concurrency",
            str(concurrency),
            "--warmup",
            str(warmup),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


def worker_pids(master: int) -> list[int]:
    """A gunicorn master's workers: its children, read from /proc."""
    children = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, IndexError, ValueError):
            if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == master:
                children.append(int(stat.parent.name))
    return sorted(children)


def workers_cpu_seconds(master: int) -> float:
    """CPU time (user + system) the master's current workers have used so far."""
    ticks = 0
    for pid in worker_pids(master):
        with contextlib.suppress(OSError, IndexError, ValueError):
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            ticks += int(fields[11]) + int(fields[12])
    return ticks / os.sysconf("SC_CLK_TCK")


def load_in_rounds(
    base: str,
    targets: list[tuple[str, str]],
    requests: int = 2000,
    concurrency: int = 8,
    rounds: int = 3,
    server: subprocess.Popen | None = None,
) -> list[tuple[str, dict]]:
    """Load each (name, path) in turn, ``rounds`` times; the first target is the baseline.

    On a shared machine the load from elsewhere drifts during a run, so one long
    measurement per row compares rows taken under different conditions. Here every
    round measures the baseline and then each row, a round being short; a row's
    figures are those of its median round and its ratio is the median of its
    ratios to the baseline of the same round.

    With the gunicorn ``server``, each row also gets the CPU time its requests cost
    the workers (``cpu_ms``, per request, warm-up included) and ``cpu_ratio``, the
    baseline's CPU per request over the row's: what the ratio of requests/s would be
    if the workers had the cores to themselves (the load generator left aside).
    Requests/s depend on what else the machine runs; CPU per request much less.
    """
    share = max(1, requests // rounds)
    warmup = min(100, share)
    taken: dict[str, list[dict]] = {name: [] for name, _path in targets}
    for _round in range(rounds):
        for name, path in targets:
            before = workers_cpu_seconds(server.pid) if server else 0.0
            figures = load([base + path], share, concurrency, warmup=warmup)
            if server:
                spent = workers_cpu_seconds(server.pid) - before
                figures["cpu_ms"] = spent * 1000 / (share + warmup)
            taken[name].append(figures)
    baseline = taken[targets[0][0]]
    rows = []
    for name, _path in targets:
        pairs = list(zip(taken[name], baseline, strict=True))
        by_speed = sorted(taken[name], key=lambda figures: figures["rps"])
        median = dict(by_speed[len(by_speed) // 2])
        median["ratio"] = middle(
            row["rps"] / base["rps"] if base["rps"] else 0.0 for row, base in pairs
        )
        if server:
            median["cpu_ms"] = middle(row["cpu_ms"] for row, _base in pairs)
            median["cpu_ratio"] = middle(
                base["cpu_ms"] / row["cpu_ms"] if row["cpu_ms"] else 0.0 for row, base in pairs
            )
        median["statuses"] = merged_statuses(taken[name])
        rows.append((name, median))
    return rows


def middle(values) -> float:
    ordered = sorted(values)
    return ordered[len(ordered) // 2]


def merged_statuses(runs: list[dict]) -> dict[str, int]:
    statuses: dict[str, int] = {}
    for figures in runs:
        for status, count in figures["statuses"].items():
            statuses[status] = statuses.get(status, 0) + count
    return statuses


def print_table(title: str, rows: list[tuple[str, dict]], baseline: str | None = None) -> None:
    """Print figures per row; with a baseline row name, add throughput ratios to it
    (rows from ``load_in_rounds`` bring their own)."""
    base = dict(rows).get(baseline) if baseline else None
    print(f"\n{title}")
    width = max([34, *(len(name) for name, _figures in rows)])
    cpu = all("cpu_ms" in figures for _name, figures in rows)
    header = ("what", "req/s", "p50 ms", "p95 ms", "p99 ms", "ratio")
    header += ("cpu ms", "cpu ratio") if cpu else ()
    columns = f"{{:<{width}}} {{:>8}} {{:>8}} {{:>8}} {{:>8}} {{:>7}}" + (
        " {:>8} {:>9}" if cpu else ""
    )
    print((columns + "  statuses").format(*header))
    for name, figures in rows:
        if "ratio" in figures:
            ratio = f"{figures['ratio']:.3f}"
        else:
            ratio = f"{figures['rps'] / base['rps']:.2f}" if base and base["rps"] else "-"
        latency = " ".join(f"{figures[k]:>8.2f}" for k in ("p50_ms", "p95_ms", "p99_ms"))
        extra = f" {figures['cpu_ms']:>8.2f} {figures['cpu_ratio']:>9.3f}" if cpu else ""
        print(
            f"{name:<{width}} {figures['rps']:>8.1f} {latency} {ratio:>7}{extra}  "
            f"{figures['statuses']}"
        )
