"""The editorial path in a real browser: an editor drafts a campaign, a moderator approves
it, it is published in Indonesian; a translator translates it in wagtail-localize's
editor and it appears in English."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect
from wagtail.models import Locale

from content.models import CampaignIndexPage, CampaignPage, HomePage, Hotline
from portal.translations import translate
from tests.utils import current_totp

PASSWORD = "a long staff passphrase"


@pytest.fixture
def newsroom(demo_site):
    """Campaign section in both languages and three staff members."""
    indonesian = Locale.objects.get(language_code="id")
    english = Locale.objects.get(language_code="en")
    home = HomePage.objects.get(locale=indonesian)
    index = CampaignIndexPage.objects.filter(locale=indonesian).first()
    if index is None:
        index = home.add_child(instance=CampaignIndexPage(title="Kampanye", slug="kampanye"))
    if not index.has_translation(english):
        translate(index, english, {"Kampanye": "Campaigns", "kampanye": "campaigns"})
    users = {}
    roles = [("editor", "Editor"), ("moderator", "Moderator"), ("translator", "Editor")]
    for username, group in roles:
        user = get_user_model().objects.create_user(username, f"{username}@example.org", PASSWORD)
        user.groups.add(Group.objects.get(name=group))
        # Editors and moderators sign in with a second factor.
        TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
        users[username] = user
    return demo_site, index, users


@pytest.fixture
def contexts(browser):
    """Browser contexts of the people in the test, closed before the database is reset."""
    opened = []

    def new(**options):
        context = browser.new_context(**options)
        opened.append(context)
        return context

    yield new
    for context in opened:
        context.close()


def sign_in(contexts, base, username):
    context = contexts(viewport={"width": 1280, "height": 900}, locale="en-GB")
    page = context.new_page()
    page.goto(base + "/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    expect(page.locator("input[name=token]")).to_be_visible()
    user = get_user_model().objects.get(username=username)
    page.fill("input[name=token]", current_totp(TOTPDevice.objects.get(user=user)))
    page.locator("form.login-form button[type=submit]").click()
    expect(page.locator("#wagtail-sidebar")).to_be_attached()
    return page


def open_actions_menu(page):
    page.locator("footer .w-dropdown__toggle").last.click()


def test_editor_drafts_moderator_approves_translator_translates(contexts, newsroom, screenshot):
    base, index, _ = newsroom

    editor = sign_in(contexts, base, "editor")
    editor.goto(f"{base}/admin/pages/add/content/campaignpage/{index.pk}/")
    editor.fill("#id_title", "Berani Bicara, Berani Lapor")
    editor.fill("#id_summary", "Kekerasan bukan urusan pribadi. Ceritakan, laporkan.")
    # Typed straight into the field: the date picker's pop-up would cover the footer.
    editor.eval_on_selector(
        "#id_start_date", "(el, value) => { el.value = value; }", datetime.date.today().isoformat()
    )
    screenshot(editor, "editorial-1-editor-draft")
    open_actions_menu(editor)
    editor.locator("button[name=action-submit]").click()
    expect(editor.locator(".messages .success")).to_be_visible()
    campaign = CampaignPage.objects.get(title="Berani Bicara, Berani Lapor")
    assert not campaign.live
    assert editor.context.request.get(f"{base}/id/kampanye/{campaign.slug}/").status == 404

    moderator = sign_in(contexts, base, "moderator")
    moderator.goto(f"{base}/admin/pages/{campaign.pk}/edit/")
    screenshot(moderator, "editorial-2-moderator-review")
    open_actions_menu(moderator)
    moderator.locator("button[data-workflow-action-name=approve]").first.click()
    expect(moderator.locator(".messages .success")).to_be_visible()
    campaign.refresh_from_db()
    assert campaign.live

    reader = contexts().new_page()
    reader.goto(f"{base}{campaign.url}")
    expect(reader.locator("h1")).to_contain_text("Berani Bicara, Berani Lapor")
    expect(reader.locator("html")).to_have_attribute("lang", "id")
    screenshot(reader, "editorial-3-published-indonesian")

    translator = sign_in(contexts, base, "translator")
    translator.goto(f"{base}/admin/localize/submit/page/{campaign.pk}/")
    translator.locator("form input[type=checkbox][name=locales]").first.check()
    translator.locator("main form [type=submit]").last.click()
    translator.wait_for_load_state("networkidle")
    screenshot(translator, "editorial-4-translation-editor")
    translator.get_by_role("button", name="Translate").first.click()
    translator.locator("main textarea").first.fill("Speak Up, Report It")
    translator.get_by_role("button", name="Save").first.click()
    translator.wait_for_load_state("networkidle")
    screenshot(translator, "editorial-5-translated-title")
    # An editor cannot publish: the moderator publishes the English version from
    # wagtail-localize's editor.
    english = campaign.get_translation(Locale.objects.get(language_code="en"))
    moderator.goto(f"{base}/admin/pages/{english.pk}/edit/")
    moderator.get_by_role("button", name="Publish in English").click()
    moderator.wait_for_load_state("networkidle")
    screenshot(moderator, "editorial-6-moderator-publishes-english")

    english.refresh_from_db()
    reader.goto(f"{base}{english.url}")
    expect(reader.locator("h1")).to_contain_text("Speak Up, Report It")
    expect(reader.locator("html")).to_have_attribute("lang", "en")
    screenshot(reader, "editorial-7-published-english")


def test_an_editors_new_hotline_number_waits_for_the_moderator(contexts, newsroom, screenshot):
    base, _, _ = newsroom
    sapa = Hotline.objects.get(locale__language_code="id", name="SAPA 129")
    reader = contexts().new_page()

    editor = sign_in(contexts, base, "editor")
    editor.goto(f"{base}/admin/snippets/content/hotline/edit/{sapa.pk}/")
    editor.fill("#id_number", "0800-1-129")
    open_actions_menu(editor)
    expect(editor.locator("button[name=action-publish]")).to_have_count(0)
    screenshot(editor, "editorial-hotline-1-editor-changes-number")
    editor.locator("button[name=action-submit]").click()
    expect(editor.locator(".messages .success")).to_be_visible()

    reader.goto(f"{base}/id/")
    expect(reader.locator('a[href="tel:129"]').first).to_be_visible()
    expect(reader.locator('a[href="tel:08001129"]')).to_have_count(0)

    moderator = sign_in(contexts, base, "moderator")
    moderator.goto(f"{base}/admin/snippets/content/hotline/edit/{sapa.pk}/")
    screenshot(moderator, "editorial-hotline-2-moderator-review")
    open_actions_menu(moderator)
    moderator.locator("button[data-workflow-action-name=approve]").first.click()
    expect(moderator.locator(".messages .success")).to_be_visible()
    sapa.refresh_from_db()
    assert sapa.number == "0800-1-129"

    reader.goto(f"{base}/id/")
    expect(reader.locator('a[href="tel:08001129"]').first).to_be_visible()
    screenshot(reader, "editorial-hotline-3-new-number-public")
