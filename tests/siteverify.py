"""A local stand-in for Google's reCAPTCHA siteverify endpoint, over real TLS.

django-recaptcha always calls ``https://{RECAPTCHA_DOMAIN}/recaptcha/api/siteverify``
(django_recaptcha/client.py), so the stand-in speaks HTTPS with a throw-away
certificate for 127.0.0.1/localhost; clients trust it through ``SSL_CERT_FILE``,
which OpenSSL reads whenever Python builds a default TLS context. Nothing in the code
under test is replaced.

The answer depends on the token the form posts (``g-recaptcha-response``), as
documented at https://developers.google.com/recaptcha/docs/verify:

- ``pass``: ``{"success": true}``;  ``fail``: ``{"success": false, "error-codes": [...]}``
- ``v3-<score>``: success with that score and action ``complaint``
- ``slow``: answers after ``SLOW_SECONDS`` (beyond the client's timeout)
- ``garbage``: not JSON;  ``nosuccess``: JSON without ``success``;  ``http500``: HTTP 500
- ``badsecret``: ``{"success": false, "error-codes": ["invalid-input-secret"]}``
"""

from __future__ import annotations

import datetime
import ipaddress
import json
import ssl
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

SLOW_SECONDS = 3.0


def self_signed_certificate(directory: Path) -> tuple[Path, Path]:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "siteverify stand-in")])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName(
                [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]
            ),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = directory / "siteverify.pem", directory / "siteverify.key"
    cert_path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path


class SiteVerify:
    """Start with ``SiteVerify.start()``; ``domain`` goes into RECAPTCHA_DOMAIN and
    ``cert_file`` into SSL_CERT_FILE. ``requests`` lists the forms it received."""

    def __init__(self):
        self.requests: list[dict[str, list[str]]] = []
        self._directory = tempfile.TemporaryDirectory(prefix="siteverify-")
        self.cert_file, key_file = self_signed_certificate(Path(self._directory.name))
        stand_in = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # keep test output quiet
                pass

            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                form = parse_qs(self.rfile.read(length).decode(), keep_blank_values=True)
                stand_in.requests.append(form)
                if self.path != "/recaptcha/api/siteverify":
                    self.send_error(404)
                    return
                status, body = stand_in.answer(form.get("response", [""])[0])
                self.send_response(status)
                self.send_header("Content-Type", "application/json; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(self.cert_file, key_file)
        self.server.socket = context.wrap_socket(self.server.socket, server_side=True)
        self.domain = f"localhost:{self.server.server_address[1]}"
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @classmethod
    def start(cls) -> SiteVerify:
        stand_in = cls()
        stand_in._thread.start()
        return stand_in

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self._directory.cleanup()

    @staticmethod
    def answer(token: str) -> tuple[int, bytes]:
        def ok(payload: dict) -> tuple[int, bytes]:
            return 200, json.dumps(payload).encode()

        if token == "pass":
            return ok({"success": True, "hostname": "testserver"})
        if token.startswith("v3-"):
            score = float(token.removeprefix("v3-"))
            return ok({"success": True, "score": score, "action": "complaint"})
        if token == "slow":
            time.sleep(SLOW_SECONDS)
            return ok({"success": True})
        if token == "garbage":
            return 200, b"<html>Service Unavailable</html>"
        if token == "nosuccess":
            return ok({"hostname": "testserver"})
        if token == "http500":
            return 500, b"{}"
        if token == "badsecret":
            return ok({"success": False, "error-codes": ["invalid-input-secret"]})
        return ok({"success": False, "error-codes": ["invalid-input-response"]})
