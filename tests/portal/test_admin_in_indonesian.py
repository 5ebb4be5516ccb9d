"""The admin as staff meet it is in Indonesian: no English string of Wagtail,
wagtail-localize or django-otp is left on the pages editors, moderators and
administrators open, and new staff start in Indonesian whatever their browser says.

The check reads every text a person sees or hears in a page (text, labels, titles,
placeholders, the sidebar's menu data, the translation editor's props) and looks for
the English msgids of the packages' catalogues (portal/admin_catalogue.py) whose
Indonesian differs; a msgid with placeholders is matched with them filled in.
"""

import json
import re
from datetime import UTC, datetime
from html.parser import HTMLParser

import pytest
from django.urls import reverse
from wagtail.users.models import UserProfile

from content.models import CampaignIndexPage, Hotline
from portal import admin_catalogue
from portal.translations import translate
from tests.utils import sign_in_verified

pytestmark = pytest.mark.django_db

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
SEEN_ATTRIBUTES = {"aria-label", "title", "placeholder", "alt", "aria-description"}
# In the admin's JSON props (the sidebar's menu), the keys whose values are shown.
SEEN_KEYS = {"label", "title", "text", "help_text", "placeholder", "description", "heading"}
# The props of a React screen (wagtail-localize's editor): the keys it shows.
PROPS_KEYS = SEEN_KEYS | {"comment", "displayName"}


class SeenText(HTMLParser):
    """The texts of a page that a person reads or a screen reader says."""

    def __init__(self):
        super().__init__()
        self.texts: set[str] = set()
        self.skip = 0
        self.json = False
        self.buffer = []
        self.hidden = []  # open elements inside a hidden one

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag not in VOID and (self.hidden or "hidden" in attributes):
            self.hidden.append(tag)
        if self.hidden:
            return
        for name in SEEN_ATTRIBUTES & attributes.keys():
            self.add(attributes[name] or "")
        if attributes.get("data-props"):
            self.walk(json.loads(attributes["data-props"]), PROPS_KEYS)
        if tag in ("script", "style", "template"):
            self.skip += 1
            self.json = attributes.get("type") == "application/json"
            self.buffer = []

    def handle_endtag(self, tag):
        if self.hidden:
            if tag in self.hidden:
                while self.hidden and self.hidden.pop() != tag:
                    pass
            return
        if tag in ("script", "style", "template") and self.skip:
            self.skip -= 1
            if self.json:
                self.walk(json.loads("".join(self.buffer) or "null"))
            self.json = False

    def handle_data(self, data):
        if self.hidden:
            return
        if self.skip:
            self.buffer.append(data)
        else:
            self.add(data)

    def walk(self, value, keys=SEEN_KEYS):
        if isinstance(value, dict):
            for key, item in value.items():
                if isinstance(item, str):
                    if key in keys:
                        self.add(item)
                else:
                    self.walk(item, keys)
        elif isinstance(value, list):
            for item in value:
                if isinstance(item, str):
                    self.add(item)
                else:
                    self.walk(item, keys)

    def add(self, text):
        text = " ".join(text.split())
        if text:
            self.texts.add(text)


# A placeholder of either style: %(name)s, %s, %d, {name}, {}.
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\w*\}")


def english_pattern(msgid: str) -> str | None:
    """A msgid with placeholders as a pattern for the text it renders ("Translated
    manually on {date}" reads "Translated manually on 1 December 2026"); None when its
    fixed words are too few to tell English from a name or a number."""
    parts = PLACEHOLDER.split(msgid)
    if len(re.findall(r"[A-Za-z]{3,}", "".join(parts))) < 2:
        return None
    return ".+?".join(re.escape(part) for part in parts)


def english_msgids() -> tuple[set[str], re.Pattern]:
    """English strings whose Indonesian is different: the plain ones, and one pattern
    for those with placeholders."""
    found, patterns = set(), set()
    for domain in admin_catalogue.DOMAINS:
        translations = {
            (entry.msgctxt, entry.msgid): entry.msgstr
            for entry in admin_catalogue.polib.pofile(str(admin_catalogue.catalogue_path(domain)))
        }
        for key, entry in admin_catalogue.source_entries(domain).items():
            text = " ".join(entry.msgid.split())
            if entry.msgid_plural or "<" in text or translations.get(key, text) == entry.msgid:
                continue
            if PLACEHOLDER.search(text):
                if pattern := english_pattern(text):
                    patterns.add(pattern)
            elif "%" not in text and "{" not in text:
                found.add(text)
    return found, re.compile("|".join(sorted(patterns)))


ENGLISH, ENGLISH_WITH_PLACEHOLDERS = english_msgids()


def seen_text(response) -> set[str]:
    assert response.status_code == 200, response.status_code
    parser = SeenText()
    parser.feed(response.content.decode())
    return parser.texts


def english_among(texts: set[str]) -> set[str]:
    """The texts that are an admin msgid's English, placeholders filled in or not."""
    return (texts & ENGLISH) | {text for text in texts if ENGLISH_WITH_PLACEHOLDERS.fullmatch(text)}


def english_on(response) -> set[str]:
    return english_among(seen_text(response))


@pytest.fixture
def site(home_page, locales):
    section = home_page.add_child(
        instance=CampaignIndexPage(title="Kampanye", slug="kampanye", intro="<p>Isi.</p>")
    )
    section.save_revision().publish()
    english = translate(section, locales[1], {"Kampanye": "Campaigns", "kampanye": "campaigns"})
    hotline = Hotline(locale=locales[0], name="SAPA 129", number="129", scope="national")
    hotline.save()
    hotline.save_revision().publish()
    return section, english


def test_the_login_page_is_in_indonesian(client):
    response = client.get(reverse("wagtailadmin_login"))
    assert english_on(response) == set()
    assert {"Masuk ke Wagtail", "Kata sandi", "Masuk"} <= seen_text(response)


def test_new_staff_start_in_indonesian_even_when_their_browser_asks_for_english(
    client, make_staff, site
):
    editor = make_staff("new-editor", groups=["Editor"])
    assert UserProfile.get_for_user(editor).preferred_language == "id"
    sign_in_verified(client, editor)
    response = client.get(reverse("wagtailadmin_home"), HTTP_ACCEPT_LANGUAGE="en-GB,en")
    assert english_on(response) == set()
    assert "Dasbor - Wagtail" in seen_text(response)  # the page title


@pytest.mark.parametrize(
    "view",
    ["dashboard", "explorer", "page editor", "translation editor", "history", "hotlines"],
)
def test_an_editors_admin_pages_have_no_english_left(client, make_staff, site, view):
    section, english = site
    sign_in_verified(client, make_staff("editor", groups=["Editor"]))
    url = {
        "dashboard": reverse("wagtailadmin_home"),
        "explorer": reverse("wagtailadmin_explore", args=[section.get_parent().pk]),
        "page editor": reverse("wagtailadmin_pages:edit", args=[section.pk]),
        "translation editor": reverse("wagtailadmin_pages:edit", args=[english.pk]),
        "history": reverse("wagtailadmin_pages:history", args=[section.pk]),
        "hotlines": reverse("wagtailsnippets_content_hotline:list"),
    }[view]
    assert english_on(client.get(url)) == set()


@pytest.mark.parametrize(
    "url_name", ["wagtailadmin_workflows:index", "wagtaillocales:index", "wagtailusers_users:index"]
)
def test_an_administrators_admin_pages_have_no_english_left(client, make_staff, site, url_name):
    sign_in_verified(client, make_staff("root", superuser=True))
    assert english_on(client.get(reverse(url_name))) == set()


def test_the_moderators_dashboard_shows_what_awaits_review_in_indonesian(
    client, make_staff, site, django_capture_on_commit_callbacks
):
    section, _ = site
    editor = make_staff("editor", groups=["Editor"])
    section.title = "Kampanye baru"
    section.save_revision(user=editor)
    section.get_workflow().start(section, editor)
    sign_in_verified(client, make_staff("moderator", groups=["Moderator"]))
    response = client.get(reverse("wagtailadmin_home"))
    assert english_on(response) == set()
    assert "Menunggu tinjauan Anda" in seen_text(response)


@pytest.mark.parametrize(
    "url_name", ["wagtailadmin_javascript_catalog", "wagtail_localize:javascript_catalog"]
)
def test_the_admins_javascript_speaks_indonesian(client, make_staff, url_name):
    sign_in_verified(client, make_staff("editor", groups=["Editor"]))
    script = client.get(reverse(url_name)).content.decode()
    expected = {
        "wagtailadmin_javascript_catalog": "Penjelajah halaman",
        "wagtail_localize:javascript_catalog": "Terbitkan dalam ",
    }[url_name]
    assert json.dumps(expected) in script


def build_in_english(menu):
    """Build (and so cache) a Wagtail admin menu as an English request first after a
    restart would: Wagtail builds each menu's items once per process."""
    from django.utils import translation

    menu.__dict__.pop("registered_menu_items", None)
    with translation.override("en"):
        menu.registered_menu_items  # noqa: B018 (built, and cached, in English)


def test_a_menu_built_by_an_english_request_still_reads_indonesian(client, make_staff, site):
    # Wagtail builds its menus once per process, wagtail-localize's report label with
    # a plain gettext: an English staff member first after a restart would leave
    # "Translations" in English for everyone.
    from wagtail.admin.menu import reports_menu

    build_in_english(reports_menu)
    sign_in_verified(client, make_staff("editor", groups=["Editor"]))
    response = client.get(reverse("wagtailadmin_home"))
    assert "Translations" not in seen_text(response)
    assert "Terjemahan" in seen_text(response)


def test_the_translation_editor_dates_each_translated_string_in_indonesian(
    client, make_staff, site
):
    from wagtail_localize.models import StringTranslation

    _, english = site
    StringTranslation.objects.filter(data="Campaigns").update(
        updated_at=datetime(2026, 8, 17, 9, tzinfo=UTC)
    )
    sign_in_verified(client, make_staff("editor", groups=["Editor"]))
    response = client.get(reverse("wagtailadmin_pages:edit", args=[english.pk]))
    assert "Diterjemahkan manual pada 17 Agustus 2026" in seen_text(response)


def test_the_help_menu_built_by_an_english_request_still_reads_indonesian(client, make_staff, site):
    # Wagtail formats "What's new in Wagtail 8.0" once, when the first request builds
    # the help menu.
    from wagtail.admin.menu import help_menu

    build_in_english(help_menu)
    sign_in_verified(client, make_staff("editor", groups=["Editor"]))
    response = client.get(reverse("wagtailadmin_home"))
    assert english_on(response) == set()
