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

# Where Snowball's rules cut a word wrong, the stem it should have: both backends apply
# this table before stemming (Elasticsearch as a ``stemmer_override`` filter), at
# index and at query time. Tala's Indonesian rules strip prefixes without restoring
# the consonant a nasal prefix swallowed ("menampar" = meN- + "tampar", not "ampar";
# "penelantaran" = peN- + "telantar"), and cut some words that are not prefixed at
# all ("perempuan" is not per- + "empu" + -an; "pengacara", a lawyer, must not meet
# "acara", an event). Each entry is a known wrong cut of a word readers type here.
STEM_OVERRIDES = {
    "id": {
        # Not to be cut at all.
        "perempuan": "perempuan",
        "pelecehan": "pelecehan",
        "seksual": "seksual",
        "anak": "anak",
        "korban": "korban",
        "bantuan": "bantuan",
        "pengacara": "pengacara",
        "pengacaranya": "pengacara",
        "pelaku": "pelaku",
        "suami": "suami",
        # A swallowed first consonant, or a prefix read as part of the word.
        "dilecehkan": "pelecehan",
        "melecehkan": "pelecehan",
        "perkosaan": "perkosa",
        "penelantaran": "telantar",
        "menelantarkan": "telantar",
        "terlantar": "telantar",
        "perundungan": "rundung",
        "perundung": "rundung",
        "perisakan": "risak",
        "merisak": "risak",
        "menampar": "tampar",
        "penampungan": "tampung",
        "menampung": "tampung",
        "penipuan": "tipu",
        "penempelengan": "tempeleng",
        "menikah": "nikah",
        # Borrowed words with Indonesian prefixes.
        "dibully": "bully",
        "dibuli": "bully",
        "membully": "bully",
        "membuli": "bully",
        "buli": "bully",
    },
    "en": {},
}


# Function words that say nothing about what a page is about. Dropped from the text
# and the query alike (so phrases still line up); a subset of the stop lists the
# Elasticsearch analyzers use (Lucene's Indonesian and English lists). Without it,
# PostgreSQL's ranking, which weighs every matching word alike, put the pages that
# say "di", "untuk" or "saya" most often first.
STOP_WORDS = {
    "id": set(
        """ada adalah agar akan aku anda apa apakah atau bagaimana bagi bahwa bisa dalam dan
        dapat dari dengan di dia ia ialah ini itu jika juga kalau kami kamu karena ke kepada
        kita lagi mau mereka nya oleh pada para saja saya sebagai sedang sudah supaya telah
        tentang terhadap tersebut untuk yang""".split()  # noqa: SIM905
    ),
    "en": set(
        """a an and are as at be been by can do does for from had has have how i if in into is
        it its me my of on or our so that the their them they this to was we were what when
        where which who will with you your""".split()  # noqa: SIM905
    ),
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
    if word.isdigit():
        return word
    override = STEM_OVERRIDES.get(language, {}).get(word)
    return override or _stemmer(language).stemWord(word)


def stems(text: str, language: str) -> list[str]:
    """The stems of a text's words, its function words left out."""
    stop = STOP_WORDS.get(language, set())
    return [stem(word, language) for word in words(text) if word not in stop]


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
