"""Processes the tests and benchmarks start: free loopback ports, gunicorn, readiness.

Everything listens on 127.0.0.1 only, and every wait is bounded.
"""

from __future__ import annotations

import contextlib
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_healthy(
    base: str, server: subprocess.Popen, seconds: float = 60, healthy: bool = True
) -> None:
    """Wait for /healthz to answer 200 (or, with ``healthy=False``, to answer at all)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError("gunicorn exited before answering")
        try:
            with urllib.request.urlopen(base + "/healthz", timeout=2) as response:
                if response.status == 200:
                    return
        except urllib.error.HTTPError:
            if not healthy:
                return
            time.sleep(0.2)
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("gunicorn did not answer /healthz in time")


@contextlib.contextmanager
def gunicorn(
    env: dict[str, str],
    workers: int = 1,
    threads: int = 4,
    seconds: float = 120,
    healthy: bool = True,
    log: Path | None = None,
) -> Iterator[str]:
    """Serve the portal with gunicorn on a free port under ``env``; yields its base URL
    once /healthz answers (200, or anything with ``healthy=False``). With ``log``, all
    the process writes (stdout and stderr) goes to that file."""
    with gunicorn_server(env, workers, threads, seconds=seconds, healthy=healthy, log=log) as (
        base,
        _server,
    ):
        yield base


@contextlib.contextmanager
def gunicorn_server(
    env: dict[str, str],
    workers: int = 1,
    threads: int = 4,
    worker_connections: int = 1000,
    seconds: float = 120,
    healthy: bool = True,
    log: Path | None = None,
) -> Iterator[tuple[str, subprocess.Popen]]:
    """As ``gunicorn``, yielding the master process too (its children are the workers,
    for benchmarks that measure or kill them). ``worker_connections`` is gunicorn's own:
    how many connections one worker takes (1000 by default)."""
    port = free_port()
    output = open(log, "wb") if log else None  # noqa: SIM115 (closed below)
    server = subprocess.Popen(
        [
            sys.executable, "-m", "gunicorn", "portal.wsgi",
            "--bind", f"127.0.0.1:{port}",
            "--workers", str(workers),
            "--worker-class", "gthread",
            "--threads", str(threads),
            "--worker-connections", str(worker_connections),
            "--keep-alive", "5",
            "--log-level", "warning",
        ],
        cwd=ROOT,
        env=env,
        stdout=output,
        stderr=subprocess.STDOUT if output else None,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_healthy(base, server, seconds, healthy)
        yield base, server
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=30)
        if output:
            output.close()


def database_url(settings_dict: dict) -> str:
    """The DATABASE_URL another process uses to open this connection's database (the
    test database once pytest-django has set it up)."""
    if settings_dict["ENGINE"] == "django.db.backends.sqlite3":
        return f"sqlite:///{settings_dict['NAME']}"
    user = quote(settings_dict["USER"] or "", safe="")
    password = f":{quote(settings_dict['PASSWORD'], safe='')}" if settings_dict["PASSWORD"] else ""
    host = settings_dict["HOST"] or ""
    if host.startswith("/"):
        # django-environ reads a percent-encoded absolute path before the database name
        # as the Unix socket directory.
        return f"postgres://{user}{password}@/{quote(host, safe='')}/{settings_dict['NAME']}"
    port = f":{settings_dict['PORT']}" if settings_dict.get("PORT") else ""
    return f"postgres://{user}{password}@{host}{port}/{settings_dict['NAME']}"
