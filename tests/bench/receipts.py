"""The receipt digest's cost: what sizes scrypt (forms/receipts.py, ``SCRYPT``).

    python -m tests.bench receipts [--rounds 30]

Prints, for scrypt at several costs, the time of one derivation (p50/p95), and the
time of a whole follow-up look-up (``receipts.find_report``) on a database of 1,000
reports for a right code and a wrong one, at the portal's own cost. A look-up must
stay well under 100 ms; the derivation is what an attacker pays per guessed code.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sys
import tempfile
import time
from pathlib import Path

from tests.bench.load import percentile
from tests.bench.server import ROOT, production_env


def timed(fn, rounds: int) -> dict[str, float]:
    seconds = []
    for _ in range(rounds):
        began = time.perf_counter()
        fn()
        seconds.append(time.perf_counter() - began)
    seconds.sort()
    return {"p50": percentile(seconds, 0.5) * 1000, "p95": percentile(seconds, 0.95) * 1000}


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(prog="python -m tests.bench receipts")
    parser.add_argument("--rounds", type=int, default=30)
    args = parser.parse_args(argv)

    print("\nReceipt digest: one scrypt derivation (r=8, p=1)")
    for log_n in (12, 13, 14, 15):
        figures = timed(
            lambda n=2**log_n: hashlib.scrypt(
                b"1234567890123456", salt=b"s" * 32, n=n, r=8, p=1, maxmem=128 * 2**20
            ),
            args.rounds,
        )
        memory = 128 * 8 * 2**log_n // 2**20
        p50, p95 = figures["p50"], figures["p95"]
        print(f"  n=2^{log_n:<3} {memory:>3} MiB  p50 {p50:7.1f} ms  p95 {p95:7.1f} ms")

    with tempfile.TemporaryDirectory(prefix="satu-bench-receipts-") as work:
        os.environ.update(production_env(f"sqlite:///{work}/bench.sqlite3", Path(work)))
        os.environ["PORTAL_ENV"] = "test"
        sys.path.insert(0, str(ROOT))
        import django

        django.setup()
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        from forms import receipts
        from forms.models import CaptchaState, Report
        from tests.forms.conftest import make_regions

        make_regions()
        from content.models import Region

        region = Region.objects.get(code="31.71")
        codes = [receipts.new_code() for _ in range(1000)]
        Report.objects.bulk_create(
            [
                Report(
                    region=region,
                    captcha_state=CaptchaState.PASSED,
                    receipt_digest=receipts.digest(code),
                    data_key="unused",
                )
                for code in codes
            ]
        )
        right = timed(lambda: receipts.find_report(codes[500]), args.rounds)
        wrong = timed(lambda: receipts.find_report("0000000000000001"), args.rounds)
        print(f"\nFollow-up look-up at the portal's cost {receipts.SCRYPT} (1,000 reports, SQLite)")
        print(f"  right code  p50 {right['p50']:7.1f} ms  p95 {right['p95']:7.1f} ms")
        print(f"  wrong code  p50 {wrong['p50']:7.1f} ms  p95 {wrong['p95']:7.1f} ms")


if __name__ == "__main__":
    main(sys.argv[1:])
