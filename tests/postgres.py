"""A throw-away PostgreSQL server for the test suite and the benchmarks.

``initdb`` refuses to run as root, and sessions and CI run as root, so there the
cluster is created and run as the ``postgres`` system user in a directory it owns.
The server listens only on a Unix socket inside that directory: nothing on the
network, nothing shared with another run.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path


class PostgresNotAvailable(RuntimeError):
    """This machine cannot start a PostgreSQL server (the reason is the message)."""


def _binary(name: str) -> str:
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True)
    if candidates:
        return candidates[0]
    raise PostgresNotAvailable(
        f"{name} not found (install PostgreSQL, e.g. apt-get install postgresql)"
    )


def _as_server_user(command: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return command
    if shutil.which("runuser") is None:
        raise PostgresNotAvailable("running as root and runuser is missing")
    return ["runuser", "-u", "postgres", "--", *command]


@dataclass
class TemporaryPostgres:
    directory: Path
    version: str
    pg_ctl: list[str]
    database: str = "satu"

    @property
    def data(self) -> Path:
        return self.directory / "data"

    @property
    def url(self) -> str:
        # django-environ reads a percent-encoded absolute path before the database
        # name as the Unix socket directory.
        socket_dir = str(self.directory).replace("/", "%2F")
        return f"postgres://postgres@/{socket_dir}/{self.database}"

    @classmethod
    def start(cls) -> TemporaryPostgres:
        initdb, pg_ctl = _binary("initdb"), _binary("pg_ctl")
        directory = Path(tempfile.mkdtemp(prefix="satu-pg-"))
        if os.geteuid() == 0:
            try:
                shutil.chown(directory, user="postgres", group="postgres")
            except LookupError as missing:
                raise PostgresNotAvailable("no postgres system user to run the server") from missing
        data = directory / "data"
        run = lambda command: subprocess.run(  # noqa: E731
            _as_server_user(command), check=True, capture_output=True, text=True
        )
        try:
            run(
                [
                    initdb,
                    "-D",
                    str(data),
                    "-U",
                    "postgres",
                    "-A",
                    "trust",
                    "-E",
                    "UTF8",
                    "--locale=C.UTF-8",
                    "--no-sync",
                ]
            )
            options = (
                f"-k {directory} -c listen_addresses='' -c fsync=off "
                "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
            )
            run(
                [
                    pg_ctl,
                    "-D",
                    str(data),
                    "-o",
                    options,
                    "-l",
                    str(directory / "server.log"),
                    "-w",
                    "-t",
                    "60",
                    "start",
                ]
            )
            run(
                [
                    shutil.which("createdb") or str(Path(initdb).with_name("createdb")),
                    "-h",
                    str(directory),
                    "-U",
                    "postgres",
                    cls.database,
                ]
            )
        except subprocess.CalledProcessError as failure:
            shutil.rmtree(directory, ignore_errors=True)
            raise PostgresNotAvailable(
                f"{failure.cmd[0]} failed: {failure.stderr.strip()[-500:]}"
            ) from failure
        version = subprocess.run(
            [initdb, "--version"], capture_output=True, text=True, check=False
        ).stdout.split()[-1]
        return cls(directory=directory, version=version, pg_ctl=[pg_ctl, "-D", str(data)])

    def restart(self) -> None:
        """Stop the server (fast: open connections are cut, as in a failover or an
        upgrade) and start it again with the same options; returns once it accepts
        connections."""
        subprocess.run(
            _as_server_user(
                [*self.pg_ctl, "-m", "fast", "-w", "-t", "60", "-l", str(self.log), "restart"]
            ),
            check=True,
            capture_output=True,
        )

    @property
    def log(self) -> Path:
        return self.directory / "server.log"

    def stop(self) -> None:
        subprocess.run(
            _as_server_user([*self.pg_ctl, "-m", "immediate", "-w", "stop"]),
            capture_output=True,
            check=False,
        )
        shutil.rmtree(self.directory, ignore_errors=True)
