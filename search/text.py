"""Language-aware text handling for the database backend: tokens, stems, snippets.

PostgreSQL ships no Indonesian text search configuration and SQLite's FTS5 stems
nothing, so the database backend normalises text in Python, the same way at index
time and at query time, and hands the database words that are already stems. The
stemmers are Snowball's (the ``snowballstemmer`` package, BSD, maintained by the
Snowball project): its Indonesian stemmer is Tala's algorithm, the one Lucene and
Elasticsearch use, so "pelaporan", "melapor" and "laporan" all become "lapor" on
both backends. Its English stemmer is Porter2, the algorithm behind PostgreSQL's
own "english" configuration.
"""

from __future__ import annotations

import re
from functools import cache

import snowballstemmer
from django.utils.html import escape, strip_tags
from django.utils.safestring import SafeString, mark_safe

WORD = re.compile(r"\w+", re.UNICODE)

STEMMER_LANGUAGES = {"id": "indonesian", "en": "english"}

# Words Tala's rules would cut into something else: "perempuan" (woman) is not
# per- + "empu" + -an, and "pelecehan" (harassment) must not meet "leceh" from
# unrelated words. Kept short on purpose: each entry is a known wrong cut.
PROTECTED = {
    "id": {"perempuan", "pelecehan", "seksual", "anak", "korban", "bantuan"},
    "en": set(),
}


@cache
def _stemmer(language: str):
    return snowballstemmer.stemmer(STEMMER_LANGUAGES.get(language, "indonesian"))


def words(text: str) -> list[str]:
    """The lower-cased words of a plain text, in order."""
    return [word.lower() for word in WORD.findall(text or "")]


@cache
def stem(word: str, language: str) -> str:
    word = word.lower()
    if word.isdigit() or word in PROTECTED.get(language, ()):
        return word
    return _stemmer(language).stemWord(word)


def stems(text: str, language: str) -> list[str]:
    return [stem(word, language) for word in words(text)]


def normalise(text: str, language: str) -> str:
    """The text as the database index and the query both see it: stems, spaces."""
    return " ".join(stems(text, language))


def plain_text(html: str) -> str:
    """Rich text or block HTML as one line of readable text."""
    return re.sub(r"\s+", " ", strip_tags(html or "")).strip()


def highlight(text: str, query_stems: set[str], language: str, length: int = 200) -> SafeString:
    """An HTML-safe excerpt of ``text`` around the first word matching the query.

    Every word whose stem is one of ``query_stems`` is wrapped in <mark>; the text
    itself is escaped, so page content cannot inject markup through a snippet.
    """
    text = text or ""
    matches = [m for m in WORD.finditer(text) if stem(m.group(), language) in query_stems]
    if len(text) <= length:
        start, end = 0, len(text)
    else:
        first = matches[0].start() if matches else 0
        start = max(0, first - length // 4)
        # Start and end on a word boundary, not in the middle of one.
        if start:
            space = text.find(" ", start)
            start = space + 1 if 0 <= space < first else start
        end = min(len(text), start + length)
        space = text.rfind(" ", start, end)
        if end < len(text) and space > start:
            end = space
    parts, cursor = [], start
    for match in matches:
        if match.start() < start or match.end() > end:
            continue
        parts.append(escape(text[cursor : match.start()]))
        parts.append(f"<mark>{escape(match.group())}</mark>")
        cursor = match.end()
    parts.append(escape(text[cursor:end]))
    prefix = "… " if start else ""
    suffix = " …" if end < len(text) else ""
    return mark_safe(prefix + "".join(parts) + suffix)  # noqa: S308 - every part is escaped
