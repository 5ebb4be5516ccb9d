"""A local stand-in for a CDN's purge API: a plain HTTP server on 127.0.0.1 that
records every request it receives (method, path, Host header) and answers 200.

Wagtail's HTTPBackend (``wagtail.contrib.frontend_cache``) sends one ``PURGE`` per URL
to its LOCATION with the page's host in the ``Host`` header, as Varnish, nginx and
most CDN purge gateways expect.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass(frozen=True)
class Received:
    method: str
    host: str
    path: str


class PurgeAPI:
    def __init__(self):
        self.received: list[Received] = []
        lock = threading.Lock()
        received = self.received

        class Handler(BaseHTTPRequestHandler):
            def do_PURGE(self):
                with lock:
                    received.append(Received("PURGE", self.headers["Host"], self.path))
                self.send_response(200)
                self.send_header("Content-Length", "0")
                self.end_headers()

            do_GET = do_POST = do_PURGE

            def log_message(self, format, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_port}"

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
