"""The admin in Indonesian in a real browser, as an editor and a moderator meet it.

Screenshots land in test-output/screenshots/admin-id-*.png: login, dashboard with the
moderation queue, page explorer, page editor, snippet list, workflow history and
wagtail-localize's translation editor. Each page is also checked for English strings
of Wagtail and wagtail-localize left untranslated (tests/portal/test_admin_in_indonesian.py).
"""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from playwright.sync_api import expect
from wagtail.models import Locale

from content.models import CampaignPage
from portal.translations import translate
from tests.e2e import admin
from tests.portal.test_admin_in_indonesian import SeenText, english_among

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PASSWORD = admin.STAFF_PASSWORD
# Written into wagtail-localize's JavaScript bundle without gettext (a screen-reader
# label of its editor's menu button): no catalogue can reach it.
HARD_CODED = {"More actions"}


def english_in(page) -> set[str]:
    parser = SeenText()
    parser.feed(page.content())
    return english_among(parser.texts) - HARD_CODED


@pytest.fixture
def staff(demo_site):
    users = {}
    for username, group in (("editor", "Editor"), ("moderator", "Moderator")):
        user = get_user_model().objects.create_user(username, f"{username}@example.org", PASSWORD)
        user.groups.add(Group.objects.get(name=group))
        users[username] = user
    campaign = CampaignPage.objects.get(slug="berani-bicara", locale__language_code="id")
    campaign.summary = "Ajak anak dan perempuan berani bercerita."
    campaign.save_revision(user=users["editor"])
    campaign.get_workflow().start(campaign, users["editor"])
    return demo_site, users, campaign


def sign_in(browser, base, username, locale):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale=locale)
    return admin.sign_in(context, base, username, PASSWORD)


def test_the_admin_speaks_indonesian_to_editors_and_moderators(browser, staff, screenshot):
    base, _, campaign = staff
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="id-ID")
    login = context.new_page()
    login.goto(base + "/admin/login/")
    expect(login.locator("h1")).to_contain_text("Masuk ke Wagtail")
    assert english_in(login) == set()
    screenshot(login, "admin-id-1-login")
    context.close()

    # A browser set to English: new staff still get the admin in Indonesian.
    moderator = sign_in(browser, base, "moderator", "en-GB")
    expect(moderator.locator("main")).to_contain_text("Menunggu tinjauan Anda")
    assert english_in(moderator) == set()
    screenshot(moderator, "admin-id-2-dashboard-moderation")

    moderator.goto(f"{base}/admin/pages/{campaign.get_parent().pk}/")
    expect(moderator.locator("main")).to_contain_text("Berani Bicara")
    assert english_in(moderator) == set()
    screenshot(moderator, "admin-id-3-page-explorer")

    moderator.goto(f"{base}/admin/pages/{campaign.pk}/edit/")
    expect(moderator.get_by_role("tab", name="Konten")).to_be_visible()
    assert english_in(moderator) == set()
    screenshot(moderator, "admin-id-4-page-editor")

    moderator.goto(f"{base}/admin/pages/{campaign.pk}/workflow_history/")
    expect(moderator.locator("main")).to_contain_text("Moderation")
    assert english_in(moderator) == set()
    screenshot(moderator, "admin-id-5-workflow-history")
    moderator.context.close()

    editor = sign_in(browser, base, "editor", "en-GB")
    editor.goto(f"{base}/admin/snippets/content/hotline/")
    expect(editor.locator("main")).to_contain_text("SAPA 129")
    assert english_in(editor) == set()
    screenshot(editor, "admin-id-6-snippet-list")

    # A synced translation (wagtail-localize's editor, with the moderation bar).
    translated = translate(
        CampaignPage.objects.get(slug="jaga-tetangga", locale__language_code="id"),
        Locale.objects.get(language_code="en"),
        {"Jaga Tetangga: RT/RW Peduli": "Look Out for Your Neighbours"},
        publish=False,
    )
    editor.goto(f"{base}/admin/pages/{translated.pk}/edit/")
    expect(editor.get_by_role("button", name="Ajukan untuk moderasi")).to_be_visible()
    expect(editor.get_by_role("button", name="Terjemahkan").first).to_be_visible()
    # The tab's title, which wagtail-localize's script writes in English.
    expect(
        editor.get_by_text("Terjemahan Bahasa Indonesia ke Bahasa Inggris").first
    ).to_be_visible()
    assert editor.get_by_text("Bahasa Indonesia to Bahasa Inggris translation").count() == 0
    assert english_in(editor) == set()
    screenshot(editor, "admin-id-7-translation-editor")
    editor.context.close()
