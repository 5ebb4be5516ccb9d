"""Translations go through moderation (portal/moderation.py, portal/translations.py),
driven through the admin's real views: wagtail-localize's "Translate", its editor's
string API, the portal's "Submit for moderation", Wagtail's workflow actions."""

from urllib.parse import urlencode

import pytest
from django.core import mail
from django.test import TestCase
from django.urls import reverse
from pytest_django.asserts import assertContains
from wagtail.models import WorkflowState
from wagtail_localize.models import StringSegment, StringTranslation, Translation

from content.models import CampaignIndexPage, Hotline
from portal.translations import translate
from tests.utils import sign_in_verified

pytestmark = pytest.mark.django_db


@pytest.fixture
def section(home_page, locales):
    """A published Indonesian section, with the home page translated (its parent)."""
    translate(home_page, locales[1], {"beranda": "home"})
    page = home_page.add_child(
        instance=CampaignIndexPage(
            title="Kampanye anti kekerasan", slug="kampanye", intro="<p>Berani bicara.</p>"
        )
    )
    page.save_revision().publish()
    return page


def english_of(page, locales):
    return type(page).objects.get(translation_key=page.translation_key, locale=locales[1])


def request_translation(client, page, locale):
    """What the admin's "Translate this page" form posts; its transaction commits (when
    wagtail-localize publishes a translation it does so on commit)."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(
            reverse("wagtail_localize:submit_page_translation", args=[page.pk]),
            {"locales": [locale.pk]},
        )
    assert response.status_code == 302, response.content.decode()[:500]
    return Translation.objects.get(source__object_id=page.translation_key, target_locale=locale)


def translate_string(client, translation, source_text, text):
    """What wagtail-localize's editor sends when a translator types a string."""
    segment = StringSegment.objects.get(source=translation.source, string__data=source_text)
    response = client.put(
        reverse("wagtail_localize:edit_string_translation", args=[translation.pk, segment.pk]),
        urlencode({"value": text}),
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code in (200, 201), response.content


def submit(client, translation):
    return client.post(reverse("portal_submit_translation", args=[translation.pk]))


def approve(client, instance, url_name="wagtailadmin_pages:workflow_action"):
    task_state = instance.current_workflow_task_state
    return client.post(reverse(url_name, args=[instance.pk, "approve", task_state.pk]))


def refused(response) -> bool:
    """Wagtail answers a permission denied in the admin by sending the user to the dashboard."""
    return (response.status_code, response.get("Location")) == (302, "/admin/")


def test_an_editors_translation_of_a_live_page_is_not_published_at_once(
    client, section, locales, editor
):
    # What an editor saw before: "Translate this page" published the English page at once,
    # still in Indonesian (wagtail-localize copies the source's live status).
    sign_in_verified(client, editor)
    request_translation(client, section, locales[1])
    english = english_of(section, locales)
    assert not english.live
    client.logout()
    assert client.get("/en/kampanye/").status_code == 404


def test_an_editor_submits_a_translation_the_moderator_is_told_and_approval_publishes_it(
    client, section, locales, editor, moderator, django_capture_on_commit_callbacks
):
    sign_in_verified(client, editor)
    translation = request_translation(client, section, locales[1])
    translate_string(client, translation, "Kampanye anti kekerasan", "Stand against violence")
    translate_string(client, translation, "Berani bicara.", "Speak up.")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = submit(client, translation)
    assert response.status_code == 302

    english = english_of(section, locales)
    assert not english.live
    assert english.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    # Wagtail's workflow email goes to the moderators of the task.
    assert [message.to for message in mail.outbox] == [["moderator@example.org"]]
    assert "Stand against violence" in mail.outbox[0].subject + mail.outbox[0].body
    client.logout()
    assert client.get("/en/stand-against-violence/").status_code == 404

    # The editor cannot approve their own work (Wagtail sends them to the dashboard).
    sign_in_verified(client, editor)
    assert refused(approve(client, english))
    assert not english_of(section, locales).live

    sign_in_verified(client, moderator)
    with django_capture_on_commit_callbacks(execute=True):
        assert approve(client, english).status_code == 302
    client.logout()
    response = client.get("/en/stand-against-violence/")
    assert response.status_code == 200
    assert "Speak up." in response.content.decode()


def test_an_edit_of_a_published_translation_waits_while_readers_keep_the_published_one(
    client, section, locales, editor, moderator, django_capture_on_commit_callbacks
):
    translate(
        section,
        locales[1],
        {
            "Kampanye anti kekerasan": "Campaigns",
            "kampanye": "campaigns",
            "Berani bicara.": "Speak up.",
        },
    )
    translation = Translation.objects.get(source__object_id=section.translation_key)
    sign_in_verified(client, editor)
    translate_string(client, translation, "Berani bicara.", "Speak up, it is safe.")
    with django_capture_on_commit_callbacks(execute=True):
        submit(client, translation)
    client.logout()

    published = client.get("/en/campaigns/").content.decode()
    assert "Speak up." in published and "it is safe" not in published
    english = english_of(section, locales)
    assert english.live and english.has_unpublished_changes

    sign_in_verified(client, moderator)
    with django_capture_on_commit_callbacks(execute=True):
        approve(client, english)
    client.logout()
    assert "Speak up, it is safe." in client.get("/en/campaigns/").content.decode()


def test_a_moderator_can_send_a_translation_back_and_the_editor_resubmits_it(
    client, section, locales, editor, moderator, django_capture_on_commit_callbacks
):
    sign_in_verified(client, editor)
    translation = request_translation(client, section, locales[1])
    translate_string(client, translation, "Kampanye anti kekerasan", "Campaign")
    with django_capture_on_commit_callbacks(execute=True):
        submit(client, translation)
    english = english_of(section, locales)

    sign_in_verified(client, moderator)
    task_state = english.current_workflow_task_state
    client.post(
        reverse("wagtailadmin_pages:workflow_action", args=[english.pk, "reject", task_state.pk]),
        {"comment": "Use the campaign's English name."},
    )
    assert english.current_workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES

    sign_in_verified(client, editor)
    translate_string(client, translation, "Kampanye anti kekerasan", "Stand against violence")
    with django_capture_on_commit_callbacks(execute=True):
        submit(client, translation)
    state = english_of(section, locales).current_workflow_state
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert not english_of(section, locales).live


def test_the_translation_editor_offers_an_editor_submit_and_a_moderator_approve(
    client, section, locales, editor, moderator, django_capture_on_commit_callbacks
):
    sign_in_verified(client, editor)
    translation = request_translation(client, section, locales[1])
    edit_url = reverse("wagtailadmin_pages:edit", args=[english_of(section, locales).pk])
    html = client.get(edit_url).content.decode()
    assert f'action="{reverse("portal_submit_translation", args=[translation.pk])}"' in html
    assert 'data-moderation-action="approve"' not in html

    with django_capture_on_commit_callbacks(execute=True):
        submit(client, translation)
    html = client.get(edit_url).content.decode()
    assert 'data-moderation-action="submit"' not in html  # already waiting

    sign_in_verified(client, moderator)
    html = client.get(edit_url).content.decode()
    assert 'data-moderation-action="approve"' in html
    assert 'data-moderation-action="reject"' in html


def test_an_editors_hotline_translation_waits_for_the_moderator(
    client, home_page, locales, editor, moderator, django_capture_on_commit_callbacks
):
    """A wrong emergency number must never go live unreviewed."""
    translate(home_page, locales[1], {"beranda": "home"})
    hotline = Hotline(locale=locales[0], name="Darurat 112", number="112", scope="national")
    hotline.save()
    hotline.save_revision().publish()

    sign_in_verified(client, editor)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse(
                "wagtail_localize:submit_snippet_translation",
                args=["content", "hotline", hotline.pk],
            ),
            {"locales": [locales[1].pk]},
        )
    assert response.status_code == 302
    english = Hotline.objects.get(translation_key=hotline.translation_key, locale=locales[1])
    assert not english.live
    translation = Translation.objects.get(source__object_id=hotline.translation_key)
    translate_string(client, translation, "Darurat 112", "Emergency 112")
    with django_capture_on_commit_callbacks(execute=True):
        submit(client, translation)
    client.logout()
    assert "Emergency 112" not in client.get("/en/").content.decode()

    sign_in_verified(client, moderator)
    with django_capture_on_commit_callbacks(execute=True):
        approve(client, english, "wagtailsnippets_content_hotline:workflow_action")
    client.logout()
    assert "Emergency 112" in client.get("/en/").content.decode()


def test_a_draft_of_a_live_translated_hotline_keeps_the_published_one_live(locales, editor):
    """wagtail-localize's own draft path wrote the text into the live row and unpublished
    the snippet; a draft is a revision."""
    hotline = Hotline(locale=locales[0], name="Darurat 112", number="112", scope="national")
    hotline.save()
    hotline.save_revision().publish()
    english = translate(hotline, locales[1], {"Darurat 112": "Emergency 112"})
    translation = Translation.objects.get(source__object_id=hotline.translation_key)
    segment = StringSegment.objects.get(source=translation.source, string__data="Darurat 112")
    StringTranslation.objects.filter(translation_of=segment.string, locale=locales[1]).update(
        data="Emergency (wrong) 112"
    )
    translation.save_target(user=editor, publish=False)
    english.refresh_from_db()
    assert english.live
    assert english.name == "Emergency 112"
    assert english.get_latest_revision_as_object().name == "Emergency (wrong) 112"


def test_an_editor_cannot_publish_translations_with_sync_translated_pages(
    client, section, locales, editor, django_capture_on_commit_callbacks
):
    translate(
        section, locales[1], {"Kampanye anti kekerasan": "Campaigns", "kampanye": "campaigns"}
    )
    english = english_of(section, locales)
    english.unpublish()
    section.title = "Kampanye"
    section.save_revision().publish()
    translation = Translation.objects.get(source__object_id=section.translation_key)

    sign_in_verified(client, editor)
    url = reverse("wagtail_localize:update_translations", args=[translation.source_id])
    # The attacker's request: "Publish immediately" sent by an Editor.
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"publish_translations": "on"})
    assert not english_of(section, locales).live
    assert refused(response)
    # And the form does not offer it to them.
    assert 'name="publish_translations"' not in client.get(url).content.decode()


def test_an_editor_cannot_turn_a_translation_into_a_live_alias_of_its_source(
    client, section, locales, editor
):
    translate(
        section, locales[1], {"Kampanye anti kekerasan": "Campaigns", "kampanye": "campaigns"}
    )
    english = english_of(section, locales)
    sign_in_verified(client, editor)
    assert refused(client.post(reverse("wagtail_localize:convert_to_alias", args=[english.pk])))
    english = english_of(section, locales)
    assert english.alias_of_id is None
    assert english.title == "Campaigns"


def test_an_editor_cannot_publish_from_the_translation_editor(client, section, locales, editor):
    sign_in_verified(client, editor)
    request_translation(client, section, locales[1])
    english = english_of(section, locales)
    assert refused(
        client.post(reverse("wagtailadmin_pages:edit", args=[english.pk]), {"action": "publish"})
    )
    assert not english_of(section, locales).live


def test_the_translated_slug_follows_the_translated_title(client, section, locales, editor):
    sign_in_verified(client, editor)
    translation = request_translation(client, section, locales[1])
    translate_string(client, translation, "Kampanye anti kekerasan", "Stand against violence")
    translation.save_target(user=editor, publish=False)
    assert english_of(section, locales).slug == "stand-against-violence"

    # A slug typed by hand is kept when the title changes again.
    translate_string(client, translation, "kampanye", "campaign")
    translate_string(client, translation, "Kampanye anti kekerasan", "Speak up against violence")
    translation.save_target(user=editor, publish=False)
    assert english_of(section, locales).slug == "campaign"


def test_a_moderator_approves_from_the_translation_editors_bar_and_an_editor_cannot(
    client, section, locales, editor, moderator, django_capture_on_commit_callbacks
):
    sign_in_verified(client, editor)
    translation = request_translation(client, section, locales[1])
    translate_string(client, translation, "Kampanye anti kekerasan", "Stand against violence")
    with django_capture_on_commit_callbacks(execute=True):
        submit(client, translation)
    moderate = reverse("portal_moderate_translation", args=[translation.pk])
    assert refused(client.post(moderate, {"action": "approve"}))
    assert not english_of(section, locales).live

    sign_in_verified(client, moderator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(moderate, {"action": "approve", "comment": "Bagus."}, follow=True)
    assertContains(
        response,
        "Terjemahan Bahasa Inggris dari &#x27;Stand against violence&#x27; sudah disetujui.",
    )
    assert english_of(section, locales).live
