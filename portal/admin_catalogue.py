"""The admin's Indonesian catalogue: every string of the packages staff meet in the admin.

Wagtail's own Indonesian catalogue covers about a third of its admin, wagtail-localize's
a handful of strings, django-otp, django-filter and taggit none. The portal ships one
catalogue that covers them all, in ``portal/locale_admin/id/LC_MESSAGES/`` (``django.po``
and ``djangojs.po``), the second entry of ``LOCALE_PATHS``: Django merges it over the
packages' own catalogues, and the portal's own (``locale/``, first) over it.

``refresh()`` (``manage.py admin_catalogue``, run by ``make messages``) rebuilds the
catalogue from the packages installed: every msgid of their English (or reference)
catalogues, with the translation already in the portal's catalogue, or else Wagtail's
Indonesian one marked fuzzy for a person to check against the portal's terms, or else
empty. tests/portal/test_catalogues.py fails while an entry is missing, empty or fuzzy.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module
from pathlib import Path

import polib
from django.conf import settings

LANGUAGE = "id"
CATALOGUE_DIR = Path(settings.BASE_DIR) / "portal" / "locale_admin"
DOMAINS = ("django", "djangojs")
# Packages whose strings staff meet in the admin, and the catalogue that lists their
# msgids: "en" where the package ships one, else any translation (same msgids).
PACKAGES = {
    "wagtail": "en",
    "wagtail.admin": "en",
    "wagtail.contrib.forms": "en",
    "wagtail.contrib.redirects": "en",
    "wagtail.contrib.settings": "en",
    "wagtail.documents": "en",
    "wagtail.embeds": "en",
    "wagtail.images": "en",
    "wagtail.search": "en",
    "wagtail.sites": "en",
    "wagtail.snippets": "en",
    "wagtail.users": "en",
    "wagtail_localize": "en",
    "wagtail_localize.locales": "en",
    "django_otp": "fr",
    "django_filters": "fr",
    "taggit": "en",
}
# Wagtail names its Indonesian catalogues id_ID; Django reads them for "id" too.
UPSTREAM_INDONESIAN = ("id_ID", "id")
HEADER = {
    "Project-Id-Version": "Satu Layanan admin",
    "Language": LANGUAGE,
    "MIME-Version": "1.0",
    "Content-Type": "text/plain; charset=UTF-8",
    "Content-Transfer-Encoding": "8bit",
    "Plural-Forms": "nplurals=1; plural=0;",
}

Key = tuple[str | None, str]


@dataclass
class SourceEntry:
    msgctxt: str | None
    msgid: str
    msgid_plural: str
    packages: list[str]
    flags: list[str]
    upstream: str = ""  # Wagtail's (or the package's) own Indonesian, if any


def locale_dir(package: str) -> Path:
    return Path(import_module(package).__file__).parent / "locale"


def _catalogue(package: str, language: str, domain: str) -> polib.POFile | None:
    path = locale_dir(package) / language / "LC_MESSAGES" / f"{domain}.po"
    return polib.pofile(str(path)) if path.exists() else None


def source_entries(domain: str) -> dict[Key, SourceEntry]:
    """Every admin string of the packages above for ``domain``, by (context, msgid)."""
    found: dict[Key, SourceEntry] = {}
    for package, reference in PACKAGES.items():
        catalogue = _catalogue(package, reference, domain)
        if catalogue is None:
            continue
        upstream = {}
        for language in UPSTREAM_INDONESIAN:
            indonesian = _catalogue(package, language, domain)
            if indonesian is not None:
                for entry in indonesian.translated_entries():
                    text = entry.msgstr_plural.get(0) if entry.msgid_plural else entry.msgstr
                    upstream[(entry.msgctxt, entry.msgid)] = text
        for entry in catalogue:
            if entry.obsolete or not entry.msgid:
                continue
            key = (entry.msgctxt, entry.msgid)
            flags = [flag for flag in entry.flags if flag != "fuzzy"]
            item = found.setdefault(
                key, SourceEntry(entry.msgctxt, entry.msgid, entry.msgid_plural, [], flags)
            )
            item.packages.append(package)
            item.upstream = item.upstream or upstream.get(key, "")
    return found


def catalogue_path(domain: str) -> Path:
    return CATALOGUE_DIR / LANGUAGE / "LC_MESSAGES" / f"{domain}.po"


def refresh(domain: str) -> tuple[int, int]:
    """Rebuild one domain's catalogue; returns (entries, entries still to translate)."""
    path = catalogue_path(domain)
    old = {(e.msgctxt, e.msgid): e for e in polib.pofile(str(path))} if path.exists() else {}
    catalogue = polib.POFile(wrapwidth=0)
    catalogue.header = (
        "Indonesian for the strings staff meet in the admin (Wagtail, wagtail-localize,\n"
        "django-otp, django-filter, taggit). Rebuilt by `manage.py admin_catalogue`\n"
        "(portal/admin_catalogue.py); translate the empty and fuzzy entries, then run\n"
        "`manage.py compile_catalogues`."
    )
    catalogue.metadata = dict(HEADER)
    todo = 0
    for key, source in sorted(source_entries(domain).items(), key=lambda item: item[0][1]):
        previous = old.get(key)
        entry = polib.POEntry(
            msgctxt=source.msgctxt,
            msgid=source.msgid,
            msgid_plural=source.msgid_plural,
            occurrences=[(package, "") for package in source.packages],
            flags=list(source.flags),
        )
        text = ""
        if previous is not None:
            text = previous.msgstr_plural.get(0, "") if previous.msgid_plural else previous.msgstr
            if previous.fuzzy:
                entry.flags.append("fuzzy")
        elif source.upstream:
            text = source.upstream
            entry.flags.append("fuzzy")
        if source.msgid_plural:
            entry.msgstr_plural = {0: text}
        else:
            entry.msgstr = text
        if not text or entry.fuzzy:
            todo += 1
        catalogue.append(entry)
    path.parent.mkdir(parents=True, exist_ok=True)
    catalogue.save(str(path))
    return len(catalogue), todo
