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
from pathlib import Path

from tests.postgres import TemporaryPostgres
from tests.processes import free_port, wait_until_healthy

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
    if kind == "postgres":
        server = TemporaryPostgres.start()
        try:
            yield server.url
        finally:
            server.stop()
    else:
        with tempfile.TemporaryDirectory(prefix="satu-bench-db-") as directory:
            yield f"sqlite:///{directory}/bench.sqlite3"


@contextlib.contextmanager
def portal(
    kind: str = "sqlite", workers: int = 2, threads: int = 4, setup=None, **extra_env: str
) -> Iterator[tuple[str, dict[str, str]]]:
    """Migrate, load the demo, collect static files, serve with gunicorn.

    ``setup(env)`` runs after the demo is loaded (to add benchmark data). Yields the
    base URL and the environment the server runs with.
    """
    with database(kind) as url, tempfile.TemporaryDirectory(prefix="satu-bench-") as work:
        env = production_env(url, Path(work), **extra_env)
        manage(env, "migrate", "--no-input")
        manage(env, "load_demo", "--throwaway-database")
        manage(env, "collectstatic", "--no-input")
        if setup is not None:
            setup(env)
        port = free_port()
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "portal.wsgi",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                str(workers),
                "--worker-class",
                "gthread",
                "--threads",
                str(threads),
                "--keep-alive",
                "5",
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=env,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            wait_until_healthy(base, server)
            yield base, env
        finally:
            server.terminate()
            server.wait(timeout=30)


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


def print_table(title: str, rows: list[tuple[str, dict]], baseline: str | None = None) -> None:
    """Print figures per row; with a baseline row name, add throughput ratios to it."""
    base = dict(rows).get(baseline) if baseline else None
    print(f"\n{title}")
    width = max([34, *(len(name) for name, _figures in rows)])
    header = ("what", "req/s", "p50 ms", "p95 ms", "p99 ms", "ratio")
    print(f"{{:<{width}}} {{:>8}} {{:>8}} {{:>8}} {{:>8}} {{:>7}}  statuses".format(*header))
    for name, figures in rows:
        ratio = f"{figures['rps'] / base['rps']:.2f}" if base and base["rps"] else "-"
        latency = " ".join(f"{figures[k]:>8.2f}" for k in ("p50_ms", "p95_ms", "p99_ms"))
        print(f"{name:<{width}} {figures['rps']:>8.1f} {latency} {ratio:>7}  {figures['statuses']}")
