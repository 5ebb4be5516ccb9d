"""Words readers use for the same thing, per language, for both backends.

Elasticsearch applies them in its search analyzers (search.backends.es_documents); the
database backend adds the stems of a group's other members to the query
(``expand``). Stemming already merges inflections ("pelaporan" → "lapor"), so each
line lists different words, not forms of one word. Keep every line a real
equivalence a reader would expect.
"""

from __future__ import annotations

from functools import cache

from search.text import stems

SYNONYMS = {
    "id": [
        "lapor, melapor, pelaporan, laporan, aduan, pengaduan, mengadu",
        "kekerasan seksual, pelecehan seksual, pemerkosaan",
        "kdrt, kekerasan dalam rumah tangga",
        "rumah aman, shelter, tempat berlindung",
        "darurat, gawat",
    ],
    "en": [
        "report, complaint, complain",
        "domestic violence, dv, intimate partner violence",
        "shelter, safe house",
        "sexual violence, sexual assault, rape",
    ],
}


@cache
def _groups(language: str) -> list[list[tuple[str, ...]]]:
    return [
        [tuple(stems(member, language)) for member in line.split(",")]
        for line in SYNONYMS.get(language, [])
    ]


def expand(query_stems: list[str], language: str) -> list[str]:
    """The query's stems plus those of every synonym of a phrase the query contains."""
    present = set(query_stems)
    added: list[str] = []
    for group in _groups(language):
        if any(member and set(member) <= present for member in group):
            for member in group:
                added.extend(stem for stem in member if stem not in present and stem not in added)
    return query_stems + added
