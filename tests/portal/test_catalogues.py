"""The Indonesian and English catalogues cover every interface string, translated.

The msgids are gathered here from the code itself (Python through its syntax tree,
templates through Django's own ``templatize``), so the check needs neither GNU
gettext nor a network, and fails when someone marks a string and forgets the
catalogues (run `make messages`, translate, commit).
"""

import ast
import io
import tokenize
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils.translation.template import templatize

from portal import admin_catalogue

ROOT = Path(__file__).resolve().parents[2]
APPS = ["portal", "content", "forms", "search"]
LANGUAGES = [code for code, _ in settings.LANGUAGES]
# function name -> (index of the context argument or None, index of msgid, of plural)
GETTEXT = {
    "_": (None, 0, None),
    "gettext": (None, 0, None),
    "gettext_lazy": (None, 0, None),
    "gettext_noop": (None, 0, None),
    "ngettext": (None, 0, 1),
    "ngettext_lazy": (None, 0, 1),
    "pgettext": (0, 1, None),
    "pgettext_lazy": (0, 1, None),
    "npgettext": (0, 1, 2),
    "npgettext_lazy": (0, 1, 2),
}


def calls_in_python(source: str):
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
        if name not in GETTEXT:
            continue
        args = node.args
        context, msgid, _plural = GETTEXT[name]
        if len(args) <= msgid or not isinstance(args[msgid], ast.Constant):
            continue
        if not isinstance(args[msgid].value, str):
            continue
        ctx = args[context].value if context is not None else None
        yield ctx, args[msgid].value


def calls_in_template(source: str):
    """Django turns a template into gettext() calls for xgettext; read those tokens."""
    # Indentation means nothing here, and would trip the tokenizer.
    code = "\n".join(line.lstrip() for line in templatize(source).splitlines())
    tokens = [
        t
        for t in tokenize.generate_tokens(io.StringIO(code).readline)
        if t.type in (tokenize.NAME, tokenize.STRING, tokenize.OP)
    ]
    for index, token in enumerate(tokens):
        if token.type != tokenize.NAME or token.string not in GETTEXT:
            continue
        if index + 1 >= len(tokens) or tokens[index + 1].string != "(":
            continue
        strings = []
        for following in tokens[index + 2 :]:
            if following.type == tokenize.STRING:
                strings.append(ast.literal_eval(following.string))
            elif following.string == ")":
                break
        context, msgid, _plural = GETTEXT[token.string]
        if len(strings) > msgid:
            yield (strings[context] if context is not None else None), strings[msgid]


def interface_strings() -> set[tuple[str | None, str]]:
    found = set()
    for app in APPS:
        for path in (ROOT / app).rglob("*"):
            if "migrations" in path.parts or not path.is_file():
                continue
            if path.suffix == ".py":
                found.update(calls_in_python(path.read_text()))
            elif path.suffix in (".html", ".txt") and "templates" in path.parts:
                found.update(calls_in_template(path.read_text()))
    return found


def catalogue(language: str) -> polib.POFile:
    return polib.pofile(str(ROOT / "locale" / language / "LC_MESSAGES" / "django.po"))


def test_the_extractor_finds_strings_in_python_and_templates():
    strings = {msgid for _, msgid in interface_strings()}
    assert "Quick exit" in strings  # a template tag
    assert "Skip to content" in strings  # base.html
    assert "The code is made of digits only." in strings  # a form in Python


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_interface_string_is_in_the_catalogue(language):
    known = {(entry.msgctxt, entry.msgid) for entry in catalogue(language)}
    missing = sorted(interface_strings() - known, key=str)
    assert not missing, f"{len(missing)} strings missing from {language}: run `make messages`"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_catalogue_entry_is_translated_and_not_fuzzy(language):
    untranslated = [
        entry.msgid
        for entry in catalogue(language)
        if entry.obsolete
        or entry.fuzzy
        or not (all(entry.msgstr_plural.values()) if entry.msgid_plural else entry.msgstr)
    ]
    assert not untranslated, f"{len(untranslated)} entries to translate in {language}"


# Every catalogue the portal ships: its own per language, and the admin's Indonesian.
SOURCES = sorted(
    path.relative_to(ROOT)
    for directory in settings.LOCALE_PATHS
    for path in Path(directory).glob("*/LC_MESSAGES/*.po")
)


@pytest.mark.parametrize("path", SOURCES, ids=str)
def test_the_compiled_catalogue_matches_its_source(path):
    source = polib.pofile(str(ROOT / path))
    compiled = polib.mofile(str((ROOT / path).with_suffix(".mo")))

    def entries(cat):
        return {
            (e.msgctxt, e.msgid): (e.msgstr, tuple(sorted(e.msgstr_plural.items())))
            for e in cat
            if not e.obsolete and "fuzzy" not in e.flags
        }

    assert entries(compiled) == entries(source), "run `manage.py compile_catalogues`"


def test_indonesian_placeholders_match_the_english_ones():
    import re

    placeholder = re.compile(r"%\((\w+)\)[sd]")
    for entry in catalogue("id"):
        translations = entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]
        for text in translations:
            assert set(placeholder.findall(text)) == set(placeholder.findall(entry.msgid)), (
                entry.msgid
            )


# -- the admin's Indonesian (portal/admin_catalogue.py) -----------------------------------


def admin_catalogue_entries(domain):
    return polib.pofile(str(admin_catalogue.catalogue_path(domain)))


@pytest.mark.parametrize("domain", admin_catalogue.DOMAINS)
def test_every_admin_string_staff_meet_has_an_indonesian_translation(domain):
    """Wagtail's, wagtail-localize's, django-otp's... strings, as the installed packages
    list them: a new version that adds strings fails here until they are translated."""
    translated = {
        (entry.msgctxt, entry.msgid)
        for entry in admin_catalogue_entries(domain)
        if not entry.obsolete
        and not entry.fuzzy
        and (all(entry.msgstr_plural.values()) if entry.msgid_plural else entry.msgstr)
    }
    missing = sorted(set(admin_catalogue.source_entries(domain)) - translated, key=str)
    assert not missing, (
        f"{len(missing)} admin strings have no Indonesian, e.g. {missing[:5]}: run "
        "`manage.py admin_catalogue`, translate the empty and fuzzy entries of "
        f"{admin_catalogue.catalogue_path(domain).relative_to(ROOT)}, compile"
    )


def test_the_admin_catalogue_covers_the_packages_staff_meet():
    packages = {
        package
        for entry in admin_catalogue.source_entries("django").values()
        for package in entry.packages
    }
    assert {"wagtail.admin", "wagtail", "wagtail_localize", "django_otp"} <= packages
    assert len(admin_catalogue.source_entries("django")) > 1500


@pytest.mark.parametrize("domain", admin_catalogue.DOMAINS)
def test_admin_translations_keep_every_placeholder_and_tag(domain):
    import re

    marker = re.compile(r"%\(\w+\)[sd]|\{\w*\}|%[sd]|</?\w+[^>]*>")
    for entry in admin_catalogue_entries(domain):
        text = entry.msgstr_plural.get(0, "") if entry.msgid_plural else entry.msgstr
        found = set(marker.findall(text))
        if entry.msgid_plural:
            # One Indonesian form serves both English ones: it may use either's.
            allowed = set(marker.findall(entry.msgid)) | set(marker.findall(entry.msgid_plural))
            assert found <= allowed, entry.msgid
        else:
            assert found == set(marker.findall(entry.msgid)), entry.msgid


def test_pages_speak_indonesian_by_default_and_english_under_en(client, home_page):
    assert "Langsung ke isi" in client.get("/id/").content.decode()
    assert "Skip to content" in client.get("/en/").content.decode()
