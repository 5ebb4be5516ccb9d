"""Complaint intake under load: N submissions from C concurrent clients against gunicorn
on PostgreSQL, then a check that every receipt handed out opens its report and
decrypts to exactly what was sent.

    python -m tests.bench intake [--submissions 1000] [--clients 20] [--db postgres]

Each client is a browser-like session on a kept-alive connection: it GETs the form
once per report it will send (CSRF cookie, a one-time token with the fill time), waits
out the minimum fill time, then POSTs each report and follows the redirect to the
receipt page, which shows the code once. Every tenth report carries a small real PDF
(its metadata stripped on the way in). reCAPTCHA is asked for real, over TLS, from a
local siteverify stand-in (tests/siteverify.py). Rate limits are raised for the run:
one machine plays every client.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import secrets
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path
from urllib.parse import urlencode

from tests.bench.load import percentile
from tests.bench.server import ROOT, manage, portal
from tests.files import make_pdf
from tests.siteverify import SiteVerify

RECEIPT = re.compile(r'id="receipt-code">([\d ]+)<')
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
STARTED = re.compile(r'name="started" value="([^"]+)"')
MIN_FILL_SECONDS = 1


def report_answers(n: int) -> dict:
    """A distinct report: every sealed field carries the submission's own marker."""
    marker = f"{n}-{uuid.uuid4().hex}"
    return {
        "violence_kinds": ["physical", "other"] if n % 2 else ["sexual"],
        "immediate_danger": "on" if n % 7 == 0 else "",
        "province": "31",
        "regency": "31.71",
        "district": "31.71.01",
        "village": "31.71.01.1001",
        "place": f"Tempat {marker}",
        "approximate_date": f"Kira-kira {marker}",
        "narrative": f"Cerita nomor {marker}: " + "kekerasan dalam rumah tangga. " * 20 + "Akhir.",
        "perpetrator_relation": f"Relasi {marker}",
        "contact_channel": "whatsapp",
        "contact_details": f"+62 812 {n:04d} {n % 10000:04d}",
        "safe_time": f"Pagi {marker}",
        "consent_contact": "on",
        "g-recaptcha-response": "pass",
    }


def multipart(fields: dict, files: list[tuple[str, str, bytes]]) -> tuple[bytes, str]:
    boundary = secrets.token_hex(16)
    parts = []
    for name, value in fields.items():
        for item in value if isinstance(value, list) else [value]:
            head = f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
            parts.append(f"{head}{item}\r\n".encode())
    for name, filename, data in files:
        head = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
            f'filename="{filename}"\r\nContent-Type: application/octet-stream\r\n\r\n'
        )
        parts.append(head.encode() + data + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def client_session(base: str, numbers: list[int], results: list, lock: threading.Lock) -> None:
    host, port = base.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=60)
    cookie, tokens = "", []
    for _n in numbers:  # one form shown per report: its token is used once
        connection.request("GET", "/id/lapor/", headers={"Cookie": cookie} if cookie else {})
        response = connection.getresponse()
        page = response.read().decode()
        cookie = cookie or response.getheader("Set-Cookie", "").split(";")[0]
        tokens.append((CSRF.search(page).group(1), STARTED.search(page).group(1)))
    time.sleep(MIN_FILL_SECONDS + 0.2)
    for n, (csrf, started) in zip(numbers, tokens, strict=True):
        answers = report_answers(n)
        fields = {**answers, "csrfmiddlewaretoken": csrf, "started": started, "website": ""}
        attachment = b""
        if n % 10 == 0:
            attachment = make_pdf(f"bukti {n} {uuid.uuid4().hex}", author="Pelapor")
            body, content_type = multipart(fields, [("evidence", f"bukti-{n}.pdf", attachment)])
        else:
            body = urlencode(fields, doseq=True).encode()
            content_type = "application/x-www-form-urlencoded"
        headers = {"Content-Type": content_type, "Cookie": cookie}
        began = time.perf_counter()
        try:
            connection.request("POST", "/id/lapor/", body, headers)
            response = connection.getresponse()
            html = response.read().decode()
            status = response.status
            if status == 303:  # the browser follows to the receipt page
                connection.request("GET", response.getheader("Location"), headers=headers)
                receipt = connection.getresponse()
                html = receipt.read().decode()
        except (OSError, http.client.HTTPException) as error:
            connection.close()
            connection = http.client.HTTPConnection(host, int(port), timeout=60)
            status, html = f"error {type(error).__name__}", ""
        elapsed = time.perf_counter() - began
        match = RECEIPT.search(html)
        with lock:
            results.append(
                {
                    "n": n,
                    "status": status,
                    "seconds": elapsed,
                    "code": match.group(1).replace(" ", "") if match else None,
                    "answers": answers,
                    "attachment": attachment.hex(),
                }
            )
    connection.close()


def same_pdf_page(stored: bytes, sent: bytes) -> bool:
    import io

    import pikepdf

    with pikepdf.open(io.BytesIO(stored)) as kept, pikepdf.open(io.BytesIO(sent)) as original:
        page = kept.pages[0].Contents.read_bytes()
        return page == original.pages[0].Contents.read_bytes() and "/Author" not in kept.docinfo


def verify(path: str) -> dict:
    """Run inside the portal's environment: open every receipt and compare."""
    import django

    django.setup()
    from forms import receipts
    from forms.models import Report

    sent = json.loads(Path(path).read_text())
    opened = exact = 0
    problems: list[str] = []
    for item in sent:
        report = receipts.find_report(item["code"])
        if report is None:
            problems.append(f"#{item['n']}: receipt opens nothing")
            continue
        opened += 1
        answers = item["answers"]
        decrypted = report.decrypt()
        fields = (
            "narrative",
            "place",
            "approximate_date",
            "perpetrator_relation",
            "contact_channel",
            "contact_details",
            "safe_time",
        )
        differing = [name for name in fields if getattr(decrypted, name) != answers[name]]
        same = not differing
        same &= sorted(report.violence_kinds) == sorted(answers["violence_kinds"])
        same &= report.immediate_danger == bool(answers["immediate_danger"])
        # A PDF is stored rewritten without its metadata: the same page, no author.
        files = [a.read() for a in report.attachments.all()]
        same &= len(files) == (1 if item["attachment"] else 0)
        if files:
            same &= same_pdf_page(files[0], bytes.fromhex(item["attachment"]))
        if same:
            exact += 1
        else:
            problems.append(f"#{item['n']}: decrypts to something else {differing}")
    return {
        "receipts": len(sent),
        "opened": opened,
        "exact": exact,
        "reports_in_db": Report.objects.count(),
        "problems": problems[:10],
    }


def setup_regions(env: dict[str, str]) -> None:
    manage(env, "shell", "-c", "from tests.forms.conftest import make_regions; make_regions()")


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(prog="python -m tests.bench intake")
    parser.add_argument("--submissions", type=int, default=1000)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--db", choices=["postgres", "sqlite"], default="postgres")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    args = parser.parse_args(argv)

    siteverify = SiteVerify.start()
    extra = {
        "RECAPTCHA_DOMAIN": siteverify.domain,
        "SSL_CERT_FILE": str(siteverify.cert_file),
        "INTAKE_RATE_PER_CLIENT": "1000000/h",
        "INTAKE_RATE_GLOBAL": "1000000/m",
        "INTAKE_MIN_FILL_SECONDS": str(MIN_FILL_SECONDS),
    }
    try:
        with portal(
            args.db, workers=args.workers, threads=args.threads, setup=setup_regions, **extra
        ) as (base, env):
            shares = [list(range(c, args.submissions, args.clients)) for c in range(args.clients)]
            results: list[dict] = []
            lock = threading.Lock()
            threads = [
                threading.Thread(target=client_session, args=(base, share, results, lock))
                for share in shares
            ]
            began = time.perf_counter()
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            wall = time.perf_counter() - began - (MIN_FILL_SECONDS + 0.2)

            latencies = sorted(r["seconds"] for r in results)
            statuses: dict[str, int] = {}
            for r in results:
                statuses[str(r["status"])] = statuses.get(str(r["status"]), 0) + 1
            handed_out = [r for r in results if r["code"]]
            with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
                json.dump(handed_out, handle)
            check = subprocess.run(
                [sys.executable, "-m", "tests.bench.intake", "--verify", handle.name],
                cwd=ROOT,
                env=env,
                capture_output=True,
                text=True,
                check=True,
            )
            os.unlink(handle.name)
            verified = json.loads(check.stdout.strip().splitlines()[-1])
    finally:
        siteverify.stop()

    print(
        f"\nComplaint intake: {args.submissions} submissions, {args.clients} clients, "
        f"gunicorn {args.workers}x{args.threads} gthread, {args.db}"
    )
    print(f"  statuses            {statuses}")
    print(f"  submissions/s       {len(results) / wall:.1f}")
    for label, fraction in (("p50", 0.5), ("p95", 0.95), ("p99", 0.99)):
        print(f"  {label} latency ms      {percentile(latencies, fraction) * 1000:.1f}")
    print(f"  siteverify calls    {len(siteverify.requests)}")
    print(
        f"  receipts handed out {verified['receipts']}, opened {verified['opened']}, "
        f"decrypt exactly {verified['exact']}, reports stored {verified['reports_in_db']}"
    )
    lost = args.submissions - verified["exact"]
    print(f"  lost or corrupted   {lost}")
    for problem in verified["problems"]:
        print(f"    {problem}")


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--verify":
        print(json.dumps(verify(sys.argv[2])))
    else:
        main(sys.argv[1:])
