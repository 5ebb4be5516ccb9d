"""Proof under faults: complaints keep their promise while a part of the stack fails.

    python -m tests.bench faults [worker-kill] [postgres-restart] [redis-stop]
                                 [--submissions 200] [--workers 2] [--threads 4] [--after 40]
                                 [--worker-connections 1000]

Each scenario serves the demo with gunicorn on PostgreSQL (production settings, all on
127.0.0.1), sends N complaint submissions at once (each from its own loopback address,
127.0.1.x, so that each is its own client for the rate limits), and injects one fault
once ``--after`` of them have been answered:

- ``worker-kill``: SIGKILL to one gunicorn worker (the master starts another);
- ``postgres-restart``: PostgreSQL stopped in fast mode (open connections are cut) and
  started again;
- ``redis-stop``: the cache and rate-limit Redis stopped for the rest of the run (its
  scenario also checks that public pages answer during the outage, and shows which way
  the rate limits fail).

Then, in the portal's own environment, every report in the database is opened and
checked: every receipt handed out opens its report and decrypts to exactly what was
sent (narrative, every sealed field, the files); every submission without a receipt
got an error (a status of 400 or more, or a cut connection a load balancer answers
with 502; a receipt page cut by the fault is reloaded once, as its reporter would,
and shows the receipt if the hand-over was not yet read); no report is half-stored
(a report without its violence rows, an attachment row without its file, a file in
the private storage without its row once ``manage.py purge_stray_evidence`` has run: a
worker killed between a file and its row leaves that file, ciphertext under a data key
that only the rolled-back row held, and the run counts it before the sweep). A report
stored although its reporter saw an error is counted (it is whole; triage sees a
duplicate if they send it again).

Bounded: every connection has a timeout, every wait a deadline.
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlencode

from tests.bench.intake import (
    CSRF,
    MIN_FILL_SECONDS,
    RECEIPT,
    STARTED,
    multipart,
    report_answers,
    same_pdf_page,
)
from tests.bench.intake import setup_regions as make_regions
from tests.bench.server import ROOT, gunicorn, prepared, worker_pids
from tests.files import make_pdf
from tests.redis import TemporaryRedis
from tests.siteverify import SiteVerify

# report_answers() starts every narrative with its submission's number and a random marker.
MARKER = re.compile(r"Cerita nomor (\d+)-[0-9a-f]{32}: ")
# Every third report carries a file: the window between writing a file and committing
# its row is where a killed process could leave a file without a row.
FILE_EVERY = 3
TIMEOUT = 60


@dataclass
class Run:
    base: str
    server: subprocess.Popen
    ready: object  # tests.bench.server.Prepared
    redis: object | None = None
    notes: list[str] = field(default_factory=list)
    # Reports a fault sent besides the N (the rate-limit probes), checked like them.
    extra: list[dict] = field(default_factory=list)


def source_address(n: int) -> str:
    """127.0.1.1 and up: each submission is its own client for the per-client limits."""
    return f"127.0.{1 + n // 250}.{1 + n % 250}"


def connect(base: str, source: str) -> http.client.HTTPConnection:
    host, port = base.removeprefix("http://").split(":")
    return http.client.HTTPConnection(host, int(port), timeout=TIMEOUT, source_address=(source, 0))


def open_form(base: str, source: str) -> tuple[str, str, str]:
    """GET the form as a browser does: its CSRF cookie and token, its fill-time token."""
    connection = connect(base, source)
    try:
        connection.request("GET", "/id/lapor/")
        response = connection.getresponse()
        page = response.read().decode()
    finally:
        connection.close()
    if response.status != 200:
        raise OSError(f"form answered {response.status}")
    cookie = response.getheader("Set-Cookie", "").split(";")[0]
    return cookie, CSRF.search(page).group(1), STARTED.search(page).group(1)


def post_report(
    base: str, cookie: str, csrf: str, started: str, n: int, source: str | None = None
) -> dict:
    """POST one report on a connection of its own (the form was read a while ago)."""
    answers = report_answers(n)
    fields = {**answers, "csrfmiddlewaretoken": csrf, "started": started, "website": ""}
    attachment = b""
    if n % FILE_EVERY == 0:
        # A real PDF: the portal decodes every file and rewrites it without its metadata.
        attachment = make_pdf(f"bukti {n} {os.urandom(8).hex()}", author="Pelapor")
        body, content_type = multipart(fields, [("evidence", f"bukti-{n}.pdf", attachment)])
    else:
        body, content_type = (
            urlencode(fields, doseq=True).encode(),
            ("application/x-www-form-urlencoded"),
        )
    record = {"n": n, "answers": answers, "attachment": attachment.hex(), "code": None}
    connection = connect(base, source or source_address(n))
    receipt_page = None
    try:
        connection.request(
            "POST", "/id/lapor/", body, {"Content-Type": content_type, "Cookie": cookie}
        )
        response = connection.getresponse()
        html = response.read().decode(errors="replace")
        record["status"] = response.status
        if response.status == 303:
            # As a browser does: follow to the receipt page (its status is the answer).
            receipt_page = response.getheader("Location")
            connection.request("GET", receipt_page, headers={"Cookie": cookie})
            response = connection.getresponse()
            html = response.read().decode(errors="replace")
            record["status"] = response.status
            if response.status >= 500:
                html = reload(base, source or source_address(n), receipt_page, cookie, record)
    except (OSError, http.client.HTTPException) as error:
        record["status"] = f"cut ({type(error).__name__})"
        html = reload(base, source or source_address(n), receipt_page, cookie, record)
    finally:
        connection.close()
    match = RECEIPT.search(html)
    if match:
        record["code"] = match.group(1).replace(" ", "")
    return record


def reload(base: str, source: str, receipt_page: str | None, cookie: str, record: dict) -> str:
    """A reporter whose receipt page failed (cut, or a server error) reloads it once,
    a second later: the hand-over is deleted only when the page has read it. Nothing
    for a cut POST, which has no page to reload."""
    if receipt_page is None:
        return ""
    record["status"] = f"receipt page {record['status']}"
    time.sleep(1)  # a person's reload, not a wait for the fault to pass
    connection = connect(base, source)
    try:
        connection.request("GET", receipt_page, headers={"Cookie": cookie})
        response = connection.getresponse()
        record["status"] += f", reloaded: {response.status}"
        return response.read().decode(errors="replace")
    except (OSError, http.client.HTTPException) as error:
        record["status"] += f", reloaded: cut ({type(error).__name__})"
        return ""
    finally:
        connection.close()


def submit_all(run: Run, count: int, after: int, fault: Callable[[Run], None]) -> list[dict]:
    """``count`` submissions at once; ``fault(run)`` once ``after`` have been answered."""
    results: list[dict] = []
    lock = threading.Lock()
    answered = threading.Condition(lock)
    go = threading.Event()
    forms_ready = threading.Semaphore(0)

    def client(n: int) -> None:
        try:
            cookie, csrf, started = open_form(run.base, source_address(n))
        except (OSError, http.client.HTTPException, AttributeError) as error:
            with answered:
                results.append({"n": n, "status": f"form not loaded ({error})", "code": None})
                answered.notify_all()
            forms_ready.release()
            return
        forms_ready.release()
        go.wait(timeout=TIMEOUT)
        record = post_report(run.base, cookie, csrf, started, n)
        with answered:
            results.append(record)
            answered.notify_all()

    threads = [threading.Thread(target=client, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for _ in threads:
        forms_ready.acquire(timeout=TIMEOUT)
    time.sleep(MIN_FILL_SECONDS + 0.2)  # the minimum fill time, once for everyone
    go.set()
    with answered:
        answered.wait_for(lambda: len(results) >= after, timeout=TIMEOUT * 2)
        run.notes.append(f"fault injected after {len(results)} answers")
    fault(run)
    for thread in threads:
        thread.join(timeout=TIMEOUT * 3)
    return results


# -- the faults ------------------------------------------------------------------------


def kill_a_worker(run: Run) -> None:
    before = worker_pids(run.server.pid)
    victim = before[0]
    os.kill(victim, signal.SIGKILL)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        now = worker_pids(run.server.pid)
        if victim not in now and len(now) == len(before):
            run.notes.append(
                f"SIGKILL to worker {victim}; the master started {set(now) - set(before)}"
            )
            return
        time.sleep(0.05)
    run.notes.append(f"SIGKILL to worker {victim}; no new worker within 30 s")


def restart_postgres(run: Run) -> None:
    began = time.monotonic()
    run.ready.postgres.restart()
    run.notes.append(f"PostgreSQL restarted (fast) in {time.monotonic() - began:.1f} s")


# The redis-stop scenario lowers the per-client limit to this, and one client sends
# PROBE reports in a row before Redis stops and another one after: which way the limit
# fails shows in their answers.
PROBE_RATE = "3/h"
PROBE = 5


def probe_rate_limit(run: Run, client: int) -> list:
    """PROBE reports in a row from one address; their answers (429 once over the limit)."""
    source = f"127.0.9.{client}"
    forms = [open_form(run.base, source) for _ in range(PROBE)]  # a token is used once
    time.sleep(MIN_FILL_SECONDS + 0.2)
    answers = []
    for i, (cookie, csrf, started) in enumerate(forms):
        record = post_report(run.base, cookie, csrf, started, 100_000 + 100 * client + i, source)
        run.extra.append(record)
        answers.append(record["status"])
    return answers


def public_pages(run: Run) -> str:
    pages = ["/id/", "/id/kampanye/berani-bicara/", "/id/layanan/", "/id/cari/?q=kekerasan"]
    answers = []
    for path in pages:
        connection = connect(run.base, "127.0.0.1")
        try:
            connection.request("GET", path + ("&" if "?" in path else "?") + "fault=1")
            response = connection.getresponse()
            response.read()
            answers.append(f"{path} {response.status}")
        except (OSError, http.client.HTTPException) as error:
            answers.append(f"{path} {type(error).__name__}")
        finally:
            connection.close()
    return ", ".join(answers)


def stop_redis(run: Run) -> None:
    # At once: the submissions still in flight meet Redis down (the probe with Redis up
    # ran before they started).
    run.redis.halt()
    run.notes.append("Redis stopped")
    run.notes.append("public pages with Redis down (uncached): " + public_pages(run))
    run.notes.append(f"one client, {PROBE} reports with Redis down: {probe_rate_limit(run, 2)}")


SCENARIOS = {
    "worker-kill": kill_a_worker,
    "postgres-restart": restart_postgres,
    "redis-stop": stop_redis,
}


# -- the check, in the portal's environment ----------------------------------------------


def check(path: str) -> dict:
    """Open every report in the database; compare with what was sent; look for parts."""
    import django

    django.setup()
    from django.core.files.storage import storages

    from forms import receipts
    from forms.models import Attachment, Report
    from forms.models.attachments import evidence_files, purge_stray_files

    sent = {item["n"]: item for item in json.loads(Path(path).read_text())}
    handed_out = {item["n"] for item in sent.values() if item.get("code")}
    exact, problems = 0, []
    for n in sorted(handed_out):
        item = sent[n]
        report = receipts.find_report(item["code"])
        if report is None:
            problems.append(f"#{n}: its receipt opens nothing")
            continue
        differing = differences(report, item)
        if differing:
            problems.append(f"#{n}: decrypts to something else: {differing}")
        else:
            exact += 1
    stored_without_receipt = []
    for report in Report.objects.all():
        sent_here = MARKER.match(report.decrypt().narrative)
        if sent_here is None:
            continue  # one of the demo's reports
        n = int(sent_here.group(1))
        if n not in handed_out:
            whole = not differences(report, sent[n])
            stored_without_receipt.append(f"#{n} (answered {sent[n]['status']}, whole: {whole})")
    private = storages["private"]
    rows = set(Attachment.objects.values_list("file", flat=True))
    # A file whose report rolled back (its process was killed between the file and the
    # row) is ciphertext nobody can open; the sweep cron runs removes it. Every
    # submission has ended, so no grace is needed here.
    stray = sorted(set(evidence_files()) - rows)
    purge_stray_files(grace=timedelta(0))
    left = set(evidence_files()) - rows
    return {
        "receipts": len(handed_out),
        "exact": exact,
        "problems": problems[:10],
        "reports": Report.objects.count(),
        "stored_without_receipt": stored_without_receipt,
        "reports_without_violence_rows": Report.objects.filter(violence__isnull=True).count(),
        "rows_without_files": sorted(name for name in rows if not private.exists(name)),
        "stray_files": stray,
        "files_without_rows": sorted(left),
    }


def differences(report, item: dict) -> list[str]:
    answers = item["answers"]
    decrypted = report.decrypt()
    sealed = ("narrative", "place", "approximate_date", "perpetrator_relation")
    sealed += ("contact_channel", "contact_details", "safe_time")
    differing = [name for name in sealed if getattr(decrypted, name) != answers[name]]
    if sorted(report.violence_kinds) != sorted(answers["violence_kinds"]):
        differing.append("violence kinds")
    files = [attachment.read() for attachment in report.attachments.all()]
    if item["attachment"]:
        # Rewritten without its metadata: the same page, no author.
        if len(files) != 1 or not same_pdf_page(files[0], bytes.fromhex(item["attachment"])):
            differing.append("files")
    elif files:
        differing.append("files")
    return differing


# -- a run -------------------------------------------------------------------------------


def scenario(name: str, args, siteverify: SiteVerify) -> bool:
    extra = {
        "RECAPTCHA_DOMAIN": siteverify.domain,
        "SSL_CERT_FILE": str(siteverify.cert_file),
        "INTAKE_RATE_PER_CLIENT": "1000/h",
        "INTAKE_RATE_GLOBAL": "1000000/m",
        "INTAKE_MIN_FILL_SECONDS": str(MIN_FILL_SECONDS),
    }
    with contextlib.ExitStack() as stack:
        # Several web processes share their cache, as in production: the one-time form
        # tokens and the receipt hand-over must hold across workers.
        redis = TemporaryRedis.start()
        stack.callback(redis.stop)
        extra["REDIS_URL"] = redis.url
        if name == "redis-stop":
            extra["INTAKE_RATE_PER_CLIENT"] = PROBE_RATE
        ready = stack.enter_context(prepared("postgres", setup=make_regions, **extra))
        base, server = stack.enter_context(
            gunicorn(ready.env, args.workers, args.threads, args.worker_connections)
        )
        run = Run(base, server, ready, redis)
        if name == "redis-stop":
            probe = probe_rate_limit(run, 1)
            run.notes.append(f"one client, {PROBE} reports with Redis up: {probe}")
        began = time.monotonic()
        results = submit_all(run, args.submissions, args.after, SCENARIOS[name])
        seconds = time.monotonic() - began
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
            json.dump(results + run.extra, handle)
        checked = subprocess.run(
            [sys.executable, "-m", "tests.bench.faults", "--check", handle.name],
            cwd=ROOT,
            env=ready.env,
            capture_output=True,
            text=True,
            check=False,
        )
        os.unlink(handle.name)
        if checked.returncode != 0:
            raise RuntimeError(f"the check failed:\n{checked.stderr[-3000:]}")
        verdict = json.loads(checked.stdout.strip().splitlines()[-1])
    return report(name, args, run, results, verdict, seconds)


def report(name, args, run: Run, results: list[dict], verdict: dict, seconds: float) -> bool:
    statuses = Counter(str(item["status"]) for item in results)
    no_receipt = [item for item in results if not item.get("code")]
    not_an_error = [
        item for item in no_receipt if isinstance(item["status"], int) and item["status"] < 400
    ]
    half_stored = (
        verdict["reports_without_violence_rows"]
        + len(verdict["rows_without_files"])
        + len(verdict["files_without_rows"])
    )
    kept = (
        verdict["exact"] == verdict["receipts"]
        and not not_an_error
        and half_stored == 0
        and len(results) == args.submissions
    )
    print(
        f"\nfault: {name}; {args.submissions} submissions at once, gunicorn "
        f"{args.workers}x{args.threads} gthread (worker connections "
        f"{args.worker_connections}), PostgreSQL, {seconds:.1f} s"
    )
    for note in run.notes:
        print(f"  {note}")
    print(f"  answers                      {dict(statuses)}")
    print(
        f"  receipts handed out          {verdict['receipts']}, open and decrypt exactly "
        f"(narrative, sealed fields, files): {verdict['exact']}"
    )
    print(f"  without receipt, no error    {len(not_an_error)}")
    print(f"  reports in the database      {verdict['reports']}")
    print(
        f"  stored, reporter saw error   {len(verdict['stored_without_receipt'])} "
        f"{verdict['stored_without_receipt'][:5]}"
    )
    print(f"  reports without violence     {verdict['reports_without_violence_rows']}")
    print(f"  attachment rows, no file     {len(verdict['rows_without_files'])}")
    print(
        f"  files without a row          {len(verdict['stray_files'])} (a killed save's "
        f"ciphertext); after purge_stray_evidence: {len(verdict['files_without_rows'])}"
    )
    for problem in verdict["problems"]:
        print(f"    {problem}")
    print(f"  verdict                      {'KEPT' if kept else 'BROKEN'}")
    return kept


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(prog="python -m tests.bench faults")
    parser.add_argument("scenarios", nargs="*", help=", ".join(SCENARIOS) + " (default: all)")
    parser.add_argument("--submissions", type=int, default=200)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument(
        "--worker-connections",
        type=int,
        default=1000,
        help="gunicorn's: connections one worker accepts (and a killed one takes with it)",
    )
    parser.add_argument("--after", type=int, default=40, help="answers before the fault")
    args = parser.parse_args(argv)
    unknown = set(args.scenarios) - set(SCENARIOS)
    if unknown:
        parser.error(
            f"unknown scenario {', '.join(sorted(unknown))}; choose from {', '.join(SCENARIOS)}"
        )
    siteverify = SiteVerify.start()
    try:
        kept = [scenario(name, args, siteverify) for name in args.scenarios or list(SCENARIOS)]
    finally:
        siteverify.stop()
    if not all(kept):
        raise SystemExit(1)


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--check":
        print(json.dumps(check(sys.argv[2])))
    else:
        main(sys.argv[1:])
