"""Spelling suggestions for the database backend: "kekerasn" → "kekerasan".

The vocabulary is every word of published, searchable text (search.models.SearchTerm),
kept per language as pages are indexed. A query word the vocabulary does not know is
compared, with difflib's ratio (an edit-distance measure), to known words that start
with the same letter and have a similar length; the closest one above a threshold
replaces it. Elasticsearch makes its own suggestions (term suggester), so this
module only serves the database backend.
"""

from __future__ import annotations

import difflib

from search.text import words

MIN_WORD = 3
MAX_WORD = 60
CUTOFF = 0.8


def vocabulary_of(text: str) -> set[str]:
    return {
        word for word in words(text) if MIN_WORD <= len(word) <= MAX_WORD and not word.isdigit()
    }


def add_to_vocabulary(language: str, text: str) -> None:
    from search.models import SearchTerm

    terms = vocabulary_of(text)
    if not terms:
        return
    SearchTerm.objects.bulk_create(
        [
            SearchTerm(language=language, term=term, length=len(term), initial=term[0])
            for term in terms
        ],
        ignore_conflicts=True,
        batch_size=500,
    )


def rebuild_vocabulary() -> None:
    """Forget words no published page uses any more (run by rebuild_search_index)."""
    from search.models import SearchEntry, SearchTerm

    SearchTerm.objects.all().delete()
    for language, title, text in SearchEntry.objects.values_list(
        "language", "page_title", "page_text"
    ).iterator(chunk_size=500):
        add_to_vocabulary(language, f"{title} {text}")


def _closest(word: str, language: str) -> str | None:
    from search.models import SearchTerm

    candidates = list(
        SearchTerm.objects.filter(
            language=language,
            initial=word[0],
            length__gte=len(word) - 2,
            length__lte=len(word) + 2,
        ).values_list("term", flat=True)
    )
    if word in candidates:
        return None
    matches = difflib.get_close_matches(word, candidates, n=1, cutoff=CUTOFF)
    return matches[0] if matches else None


def suggest(query: str, language: str) -> str | None:
    """A respelling of the query with unknown words replaced, or None if none is better."""
    changed = False
    suggested = []
    for word in words(query):
        replacement = None
        if MIN_WORD <= len(word) <= MAX_WORD and not word.isdigit():
            replacement = _closest(word, language)
        suggested.append(replacement or word)
        changed |= replacement is not None
    return " ".join(suggested) if changed else None
