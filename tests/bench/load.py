"""The load generator: runs in its own process, so it never shares a GIL with the server.

    python -m tests.bench.load URL [URL ...] --requests N --concurrency C [--warmup W]

Each of C threads keeps one HTTP/1.1 connection alive and requests the URLs in turn
until N requests are done. Prints one JSON object: requests/s, latency percentiles in
milliseconds, status counts and bytes.
"""

from __future__ import annotations

import argparse
import http.client
import json
import threading
import time
from collections import Counter
from urllib.parse import urlsplit


def percentile(sorted_values: list[float], fraction: float) -> float:
    if not sorted_values:
        return float("nan")
    index = min(len(sorted_values) - 1, max(0, round(fraction * len(sorted_values)) - 1))
    return sorted_values[index]


def run(urls: list[str], requests: int, concurrency: int, warmup: int = 0) -> dict:
    if warmup:
        run(urls, warmup, concurrency)
    parts = urlsplit(urls[0])
    paths = [urlsplit(url)._replace(scheme="", netloc="").geturl() for url in urls]
    lock = threading.Lock()
    remaining = [requests]
    latencies: list[float] = []
    statuses: Counter = Counter()
    sizes = [0]

    def worker() -> None:
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
        done = 0
        while True:
            with lock:
                if remaining[0] <= 0:
                    break
                remaining[0] -= 1
            path = paths[done % len(paths)]
            done += 1
            started = time.perf_counter()
            try:
                connection.request("GET", path, headers={"Accept-Encoding": "gzip"})
                response = connection.getresponse()
                body = response.read()
                status = response.status
                if response.getheader("Connection", "").lower() == "close":
                    connection.close()
                    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
            except (OSError, http.client.HTTPException):
                connection.close()
                connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
                status, body = "error", b""
            elapsed = time.perf_counter() - started
            with lock:
                latencies.append(elapsed)
                statuses[str(status)] += 1
                sizes[0] += len(body)
        connection.close()

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    latencies.sort()
    return {
        "requests": len(latencies),
        "seconds": round(wall, 3),
        "rps": round(len(latencies) / wall, 1) if wall else 0.0,
        "p50_ms": round(percentile(latencies, 0.50) * 1000, 2),
        "p95_ms": round(percentile(latencies, 0.95) * 1000, 2),
        "p99_ms": round(percentile(latencies, 0.99) * 1000, 2),
        "statuses": dict(statuses),
        "bytes": sizes[0],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("urls", nargs="+")
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--warmup", type=int, default=50)
    args = parser.parse_args()
    print(json.dumps(run(args.urls, args.requests, args.concurrency, args.warmup)))


if __name__ == "__main__":
    main()
