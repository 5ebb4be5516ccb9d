"""The relevance set: reader queries and the corpus page that should rank first.

Scored by mean reciprocal rank (1 for a first place, 1/2 for second, ... 0 when the
page is not in the first ten). tests/search/test_relevance.py keeps a floor under it
on every backend; `python -m tests.bench search_relevance` prints the figures.
Queries are what readers type: inflected forms, short phrases, typos, no accents.
"""

from __future__ import annotations

from collections.abc import Callable

# (language, query, key of the page that should rank first)
QUERIES = [
    ("id", "lapor", "lapor"),
    ("id", "pelaporan", "lapor"),
    ("id", "melapor", "lapor"),
    ("id", "laporan", "lapor"),
    ("id", "kekerasan seksual", "kekerasan-seksual"),
    ("id", "pelecehan seksual", "kekerasan-seksual"),
    ("id", "kekerasan dalam rumah tangga", "kdrt"),
    ("id", "perundungan sekolah", "perundungan"),
    ("id", "dirundung di sekolah", "perundungan"),
    ("id", "perkawinan anak", "perkawinan-anak"),
    ("id", "usia menikah", "perkawinan-anak"),
    ("id", "foto pribadi disebar", "kbgo"),
    ("id", "kekerasan online", "kbgo"),
    ("id", "layanan malam surabaya", "uptd-malam"),
    ("id", "sapa 129 whatsapp", "sapa-wa"),
    ("id", "lowongan kerja luar negeri", "perdagangan-orang"),
    ("id", "perdagangan orang", "perdagangan-orang"),
    ("id", "pelatihan pendamping", "pelatihan-pendamping"),
    ("id", "16 hari anti kekerasan", "enam-belas-hari"),
    ("id", "uptd ppa surabaya", "unit-uptd-surabaya"),
    ("id", "rumah aman", "unit-rumah-aman"),
    ("id", "bantuan hukum gratis", "unit-lbh-jakarta"),
    ("id", "visum", "unit-puskesmas"),
    ("id", "konseling psikolog", "konseling"),
    ("id", "hak korban", "hak-korban"),
    ("id", "restitusi", "hak-korban"),
    # Harder: a typo, words the page does not use (synonyms), a related but other word.
    ("id", "kekerasn seksual", "kekerasan-seksual"),
    ("id", "mengadu", "lapor"),
    ("id", "tempat berlindung korban", "unit-rumah-aman"),
    ("id", "psikolog", "konseling"),
    ("en", "report", "en-report"),
    ("en", "reporting", "en-report"),
    ("en", "sexual violence", "en-sexual-violence"),
    ("en", "sexual harassment", "en-sexual-violence"),
    ("en", "domestic violence", "en-domestic"),
    ("en", "bullied at school", "en-bullying"),
    ("en", "child marriage", "en-child-marriage"),
    ("en", "whatsapp hotline", "en-whatsapp"),
    ("en", "human trafficking job", "en-trafficking"),
    ("en", "training volunteers", "en-training"),
    ("en", "safe house", "en-shelter"),
    ("en", "counseling", "en-counselling"),
    ("en", "complaint form", "en-report"),
    ("en", "rape", "en-sexual-violence"),
    ("en", "violense at home", "en-domestic"),
]

CUTOFF = 10


def reciprocal_rank(ranked_keys: list[str], expected: str) -> float:
    for position, key in enumerate(ranked_keys[:CUTOFF], start=1):
        if key == expected:
            return 1 / position
    return 0.0


def evaluate(run: Callable[[str, str], list[str]]) -> tuple[float, list[tuple[str, str, float]]]:
    """MRR over QUERIES for ``run(language, query) -> ranked page keys``, and the misses."""
    scores, misses = [], []
    for language, query, expected in QUERIES:
        score = reciprocal_rank(run(language, query), expected)
        scores.append(score)
        if score < 1:
            misses.append((query, expected, score))
    return sum(scores) / len(scores), misses
