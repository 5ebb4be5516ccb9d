"""Search latency on a big portal: p50/p95 of the search API for three kinds of query.

python -m tests.bench search [--db postgres|sqlite] [--pages 20000] [--repeat 5]

Builds a throw-away database (tests/bench/server.database: PostgreSQL by default),
migrates it, fills it with ``--pages`` searchable pages in Indonesian and English
(plain pages, written in bulk, with search entries built exactly as indexing builds
them), indexes them with the database backend, then times ``search.api.search`` as
the public search page calls it (hits, snippets, facets, suggestion), in-process, for
one-word, two-word and filtered queries.
"""

from __future__ import annotations

import argparse
import base64
import os
import random
import secrets
import statistics
import time
import uuid

from tests.bench.server import database

ONE_WORD = ["kekerasan", "lapor", "anak", "korban", "psikolog", "pendampingan", "hukum", "visum"]
TWO_WORDS = [
    "kekerasan seksual",
    "rumah aman",
    "bantuan hukum",
    "perkawinan anak",
    "layanan malam",
    "perdagangan orang",
    "kekerasn seksual",
]
FILTERED = [
    ("kekerasan", {"region": "35"}),
    ("korban", {"content_type": "service_unit", "service": "legal"}),
    ("pendampingan hukum", {"region": "35.78", "unit_kind": "uptd-ppa"}),
    ("anak", {"content_type": "news"}),
]
TYPES = ["page", "campaign", "news", "event", "service_unit"]
SERVICES = ["legal", "medical", "psychological", "shelter", "complaint-intake"]
KINDS = ["uptd-ppa", "p2tp2a", "ppt", "puskesmas", "legal-aid", "safe-house"]


def environment(url: str) -> None:
    key = base64.urlsafe_b64encode(secrets.token_bytes(32)).decode()
    os.environ.update(
        PORTAL_ENV="test",
        DJANGO_SETTINGS_MODULE="portal.settings",
        SECRET_KEY=secrets.token_urlsafe(50),
        RECEIPT_SECRET=secrets.token_urlsafe(50),
        REGION_INDEX_SECRET=secrets.token_urlsafe(50),
        ENCRYPTION_KEYS=f"bench:{key}",
        DATABASE_URL=url,
        LOG_LEVEL="WARNING",
    )


SYLLABLES = [
    "ka",
    "ba",
    "ma",
    "ta",
    "ri",
    "lu",
    "se",
    "pe",
    "ngan",
    "an",
    "kan",
    "di",
    "ter",
    "ber",
]


def word_bank(rng: random.Random) -> dict[str, tuple[list[str], list[float]]]:
    """Per language, words and Zipf weights: the corpus words among 4,000 invented ones,
    so that a query word occurs in a realistic share of pages rather than in all."""
    from search.text import words
    from tests.search.corpus import PAGES

    bank = {}
    for language in ("id", "en"):
        known = sorted({w for item in PAGES if item.language == language for w in words(item.body)})
        invented = {
            "".join(rng.choices(SYLLABLES, k=rng.randint(2, 4))) for _ in range(4000)
        } - set(known)
        vocabulary = known + sorted(invented)
        rng.shuffle(vocabulary)
        weights = [1 / rank for rank in range(1, len(vocabulary) + 1)]
        bank[language] = (vocabulary, weights)
    return bank


def build(pages: int, seed: int = 7) -> None:
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Locale, Page

    from content.models import HomePage, Region
    from search.backends.database import DatabaseBackend
    from search.models import SearchEntry, SearchEntryService, SearchTerm
    from search.spelling import vocabulary_of
    from search.text import normalise

    rng = random.Random(seed)
    regions = []
    for province in range(11, 45):
        regions.append(Region(code=f"{province}", name=f"Provinsi {province}", level=1))
        for regency in range(1, 11):
            code = f"{province}.{regency:02d}"
            regions.append(Region(code=code, name=f"Kab {code}", level=2, parent_id=f"{province}"))
            for district in range(1, 6):
                child = f"{code}.{district:02d}"
                regions.append(Region(code=child, name=f"Kec {child}", level=3, parent_id=code))
    Region.objects.bulk_create(regions, ignore_conflicts=True)
    region_codes = [region.code for region in regions] + ["35", "35.78", "35.78.01"]

    root = Page.get_first_root_node()
    homes, locales = {}, {}
    for language in ("id", "en"):
        locales[language] = Locale.objects.get_or_create(language_code=language)[0]
        homes[language] = root.add_child(
            instance=HomePage(
                title=f"Home {language}", slug=f"home-{language}", locale=locales[language]
            )
        )
    bank = word_bank(rng)
    page_type = ContentType.objects.get_for_model(Page)
    rows, texts = [], []
    counters = {"id": 0, "en": 0}
    for number in range(pages):
        language = "en" if number % 5 == 0 else "id"
        home = homes[language]
        counters[language] += 1
        slug = f"p{number}"
        vocabulary, weights = bank[language]
        title = " ".join(rng.choices(vocabulary, weights, k=rng.randint(3, 7))).capitalize()
        body = " ".join(rng.choices(vocabulary, weights, k=rng.randint(60, 140)))
        rows.append(
            Page(
                title=title,
                slug=slug,
                path=home.path + Page._int2str(counters[language]).rjust(Page.steplen, "0"),
                depth=home.depth + 1,
                numchild=0,
                url_path=f"{home.url_path}{slug}/",
                locale=locales[language],
                live=True,
                content_type=page_type,
                translation_key=uuid.uuid4(),
            )
        )
        texts.append((language, title, body))
    print(f"writing {pages} pages ...", flush=True)
    Page.objects.bulk_create(rows, batch_size=1000)
    for language, home in homes.items():
        Page.objects.filter(pk=home.pk).update(numchild=counters[language])

    entries, services, vocabulary = [], [], {"id": set(), "en": set()}
    for page, (language, title, body) in zip(
        Page.objects.filter(depth=3).order_by("path"), texts, strict=False
    ):
        content_type = rng.choice(TYPES)
        unit = content_type == "service_unit"
        entries.append(
            SearchEntry(
                page_id=page.pk,
                language=language,
                content_type=content_type,
                page_title=title,
                page_text=body,
                url=f"/{language}{page.url_path}",
                title=normalise(title, language),
                body=normalise(body, language),
                region_code=rng.choice(region_codes) if unit or rng.random() < 0.5 else "",
                unit_kind=rng.choice(KINDS) if unit else "",
            )
        )
        if unit:
            services.extend(
                SearchEntryService(entry_id=page.pk, service=code)
                for code in rng.sample(SERVICES, rng.randint(1, 3))
            )
        vocabulary[language] |= vocabulary_of(f"{title} {body}")
    SearchEntry.objects.bulk_create(entries, batch_size=1000)
    SearchEntryService.objects.bulk_create(services, batch_size=1000)
    SearchTerm.objects.bulk_create(
        [
            SearchTerm(language=language, term=term, length=len(term), initial=term[0])
            for language, terms in vocabulary.items()
            for term in terms
        ],
        batch_size=1000,
        ignore_conflicts=True,
    )
    print("indexing ...", flush=True)
    DatabaseBackend().rebuild(SearchEntry.objects.order_by("pk").iterator(chunk_size=1000))
    from django.db import connection

    if connection.vendor == "postgresql":
        # Fresh statistics, as autovacuum keeps them on a live server.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def timed(queries, repeat: int) -> list[float]:
    from search.api import search

    for query, filters in queries:  # warm the caches once, untimed
        search(query, "id", filters)
    durations, totals = [], []
    for _ in range(repeat):
        for query, filters in queries:
            started = time.perf_counter()
            results = search(query, "id", filters)
            durations.append((time.perf_counter() - started) * 1000)
            totals.append(results.total)
    return durations, totals


def profile() -> None:
    """Where one query's time goes (BENCH_PROFILE=1): each SQL statement and its duration."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from search.api import search

    search("kekerasan", "id")
    with CaptureQueriesContext(connection) as queries:
        search("kekerasan", "id")
    for query in queries.captured_queries:
        print(f"{float(query['time']) * 1000:8.1f} ms  {query['sql'][:160]}")
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN ANALYZE " + queries.captured_queries[1]["sql"])
        print("\n".join(row[0] for row in cursor.fetchall()))
    import cProfile
    import pstats

    with cProfile.Profile() as profiler:
        search("kekerasan", "id")
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(prog="bench search")
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="postgres")
    parser.add_argument("--pages", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    with database(args.db) as url:
        environment(url)
        import django
        from django.core.management import call_command

        django.setup()
        call_command("migrate", verbosity=0)
        started = time.perf_counter()
        build(args.pages)
        print(f"built and indexed in {time.perf_counter() - started:.0f}s", flush=True)
        if os.environ.get("BENCH_PROFILE"):
            profile()
        kinds = {
            "one word": [(query, {}) for query in ONE_WORD],
            "two words": [(query, {}) for query in TWO_WORDS],
            "filtered": FILTERED,
        }
        print(f"\nsearch.api.search on {args.db}, {args.pages} pages, database backend")
        print(
            f"{'query kind':<12} {'n':>5} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} "
            f"{'mean hits':>10}"
        )
        for name, queries in kinds.items():
            durations, totals = timed(queries, args.repeat)
            print(
                f"{name:<12} {len(durations):>5} {statistics.median(durations):>8.1f} "
                f"{percentile(durations, 0.95):>8.1f} {max(durations):>8.1f} "
                f"{statistics.mean(totals):>10.0f}"
            )
        from django.db import connections

        connections.close_all()
