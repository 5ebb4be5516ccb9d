"""A throw-away Redis server (Debian's ``redis-server``) for tests and benchmarks.

It listens on a free port of 127.0.0.1 only, keeps nothing on disk (no RDB snapshot,
no append-only file) and lives in a temporary directory removed by ``stop()``.
``make test`` installs the package where it is missing and allowed (as root, with
apt-get); without it the tests that need it are skipped with the reason, and fail
under CI=true.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from tests.processes import free_port


class RedisNotAvailable(RuntimeError):
    """This machine cannot start a Redis server (the reason is the message)."""


@dataclass
class TemporaryRedis:
    directory: Path
    port: int
    process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    @classmethod
    def start(cls) -> TemporaryRedis:
        if shutil.which("redis-server") is None:
            raise RedisNotAvailable("redis-server not found (apt-get install redis-server)")
        server = cls(directory=Path(tempfile.mkdtemp(prefix="satu-redis-")), port=free_port())
        server.resume()
        return server

    def resume(self) -> None:
        """Start (or start again, on the same port) and wait until it answers PING."""
        command = [
            shutil.which("redis-server") or "redis-server",
            "--bind", "127.0.0.1",
            "--port", str(self.port),
            "--dir", str(self.directory),
            "--save", "",
            "--appendonly", "no",
            "--protected-mode", "yes",
            "--daemonize", "no",
        ]  # fmt: skip
        self.process = subprocess.Popen(
            command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RedisNotAvailable(f"redis-server exited with {self.process.returncode}")
            if self.ping():
                return
            time.sleep(0.05)
        self.halt()
        raise RedisNotAvailable("redis-server did not answer PING within 30 s")

    def ping(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=1) as connection:
                connection.sendall(b"PING\r\n")
                return connection.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def halt(self) -> None:
        """Stop the server, keeping its port and directory for ``resume()``."""
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        self.process = None

    def stop(self) -> None:
        self.halt()
        shutil.rmtree(self.directory, ignore_errors=True)
