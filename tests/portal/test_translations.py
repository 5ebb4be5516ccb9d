"""Synced content translations (portal/translations.py) and the PO round trip an outside
translator makes through wagtail-localize's admin views."""

import polib
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail_localize.models import Translation

from content.models import HomePage, Hotline
from portal.translations import translate
from tests.utils import sign_in_verified

pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign(home_page):
    return home_page.add_child(
        instance=HomePage(
            title="Kampanye anti kekerasan", slug="kampanye", intro="<p>Berani bicara.</p>"
        )
    )


@pytest.fixture
def translator(make_staff):
    return make_staff("translator", groups=["Editor"])


def test_a_translation_made_in_code_is_a_synced_wagtail_localize_translation(campaign, locales):
    english = translate(campaign, locales[1], {"Kampanye anti kekerasan": "Stand against violence"})
    assert english.title == "Stand against violence"
    # Strings nobody translated yet keep the Indonesian text rather than vanish.
    assert "Berani bicara." in english.specific.intro
    assert Translation.objects.filter(source__object_id=campaign.translation_key).exists()


def test_an_edit_of_the_source_reaches_the_translation_on_sync(campaign, locales):
    translate(campaign, locales[1], {"Berani bicara.": "Speak up."})
    campaign.intro = "<p>Berani bicara.</p><p>Telepon SAPA 129.</p>"
    campaign.save_revision().publish()
    english = translate(campaign, locales[1], {"Telepon SAPA 129.": "Call SAPA 129."})
    assert "Speak up." in english.specific.intro
    assert "Call SAPA 129." in english.specific.intro


def test_snippets_are_translatable_too(locales):
    hotline = Hotline.objects.create(
        locale=locales[0], name="Darurat 112", number="112", scope=Hotline.Scope.NATIONAL
    )
    english = translate(hotline, locales[1], {"Darurat 112": "Emergency 112"})
    assert english.name == "Emergency 112"
    assert english.number == "112"
    assert english.locale == locales[1]


def test_a_translator_downloads_a_po_file_and_uploads_it_translated(
    client, campaign, locales, translator
):
    translate(campaign, locales[1], {})
    translation = Translation.objects.get(target_locale=locales[1])
    sign_in_verified(client, translator)

    response = client.get(reverse("wagtail_localize:download_pofile", args=[translation.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith("-en.po")
    po = polib.pofile(response.content.decode())
    entry = next(e for e in po if e.msgid == "Berani bicara.")
    entry.msgstr = "Speak up."
    title = next(e for e in po if e.msgid == "Kampanye anti kekerasan")
    title.msgstr = "Stand against violence"

    upload = SimpleUploadedFile("kampanye-en.po", str(po).encode(), "text/x-gettext-translation")
    response = client.post(
        reverse("wagtail_localize:upload_pofile", args=[translation.pk]),
        {"file": upload, "next": "/admin/"},
    )
    assert response.status_code == 302
    translation.save_target(publish=False)
    english = campaign.get_translation(locales[1]).get_latest_revision_as_object()
    assert english.title == "Stand against violence"
    assert "Speak up." in english.intro


def test_a_hotline_translation_reaches_readers_only_when_a_moderator_publishes_it(
    client, home_page, locales, translator, make_staff, django_capture_on_commit_callbacks
):
    indonesian, english = locales
    translate(home_page, english, {"beranda": "home"})
    hotline = Hotline(locale=indonesian, name="Darurat 112", number="112", scope="national")
    hotline.save()
    hotline.save_revision().publish()
    hotline_en = translate(hotline, english, {})  # live, still in Indonesian
    translation = Translation.objects.get(source__object_id=hotline.translation_key)

    sign_in_verified(client, translator)
    po = polib.pofile(
        client.get(
            reverse("wagtail_localize:download_pofile", args=[translation.pk])
        ).content.decode()
    )
    next(e for e in po if e.msgid == "Darurat 112").msgstr = "Emergency 112"
    upload = SimpleUploadedFile("hotline-en.po", str(po).encode(), "text/x-gettext-translation")
    client.post(
        reverse("wagtail_localize:upload_pofile", args=[translation.pk]),
        {"file": upload, "next": "/admin/"},
    )
    edit_url = reverse("wagtailsnippets_content_hotline:edit", args=[hotline_en.pk])
    # The translator (an Editor) cannot publish it: Wagtail answers "permission denied"
    # by sending them back to the dashboard.
    refused = client.post(edit_url, {"action": "publish"})
    assert (refused.status_code, refused["Location"]) == (302, "/admin/")
    html = client.get("/en/").content.decode()
    assert "Darurat 112" in html and "Emergency 112" not in html

    sign_in_verified(client, make_staff("moderator", groups=["Moderator"]))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(edit_url, {"action": "publish"})
    client.logout()
    html = client.get("/en/").content.decode()
    assert "Emergency 112" in html and "Darurat 112" not in html
    hotline_en.refresh_from_db()
    assert hotline_en.live and hotline_en.name == "Emergency 112"
