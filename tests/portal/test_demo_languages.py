"""The demo portal in both languages.

- Every public page type, as the demo publishes it, offers the same page in the other
  language: the switcher goes to the translated page at its translated slug, and the
  ``hreflang`` alternates name both versions and the default.
- What the portal promises in English (home, complaint page, hotlines, services, two
  campaigns, the directory and its units) exists in English and is live.

``load_demo`` runs once for the module, inside a transaction rolled back at the end.
"""

import pytest
from django.core.management import call_command
from django.db import transaction
from wagtail.models import Locale, get_page_models

from content.models import (
    ArticleIndexPage,
    ArticlePage,
    CampaignIndexPage,
    CampaignPage,
    EventIndexPage,
    EventPage,
    HomePage,
    Hotline,
    Service,
    ServiceDirectoryPage,
    ServiceUnitPage,
    StatisticsPage,
)
from forms.models import ComplaintPage
from portal.translations import translate
from search.models import SearchPage
from tests.utils import hreflang_alternates as alternates
from tests.utils import language_switcher_links as switcher_links

# Every page type a reader can reach. A new page type fails
# test_every_creatable_page_type_is_checked until it is added here.
PUBLIC_PAGE_TYPES = [
    HomePage,
    CampaignIndexPage,
    CampaignPage,
    ArticleIndexPage,
    ArticlePage,
    EventIndexPage,
    EventPage,
    ServiceDirectoryPage,
    ServiceUnitPage,
    ComplaintPage,
    SearchPage,
    StatisticsPage,
]


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo, plus an English translation of each page type the demo leaves in
    Indonesian only (news and events), made the way a translator makes one."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", verbosity=0)
        indonesian = Locale.objects.get(language_code="id")
        english = Locale.objects.get(language_code="en")
        for model in PUBLIC_PAGE_TYPES:
            page = model.objects.live().filter(locale=indonesian).order_by("path").first()
            if page is not None and not page.get_translations().filter(locale=english).exists():
                translate(
                    page, english, {page.title: f"{page.title} (EN)", page.slug: f"en-{page.slug}"}
                )
        yield indonesian, english
        transaction.set_rollback(True)


def test_every_creatable_page_type_is_checked():
    creatable = {model for model in get_page_models() if model.is_creatable}
    assert creatable == set(PUBLIC_PAGE_TYPES)


@pytest.mark.django_db
@pytest.mark.parametrize("model", PUBLIC_PAGE_TYPES, ids=lambda model: model.__name__)
def test_each_page_type_switches_to_its_translation_at_the_translated_slug(client, demo, model):
    indonesian, english = demo
    page = model.objects.live().filter(locale=indonesian).order_by("path").first()
    assert page is not None, f"the demo publishes no {model.__name__}"
    translation = page.get_translation(english)
    assert translation.live
    id_url, en_url = page.get_url(), translation.get_url()
    assert id_url.startswith("/id/") and en_url.startswith("/en/")
    if not isinstance(page, HomePage):
        # The English address is made of English slugs (a unit keeps its proper name,
        # but sits below /en/services/, not /en/layanan/).
        assert en_url.removeprefix("/en/") != id_url.removeprefix("/id/")
        assert en_url.endswith(f"/{translation.slug}/")

    expected = {
        "id": f"http://testserver{id_url}",
        "en": f"http://testserver{en_url}",
        "x-default": f"http://testserver{id_url}",
    }
    for url, other_language, other_url, lang in [
        (id_url, "en", en_url, "id"),
        (en_url, "id", id_url, "en"),
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert f'<html lang="{lang}">' in html
        assert switcher_links(html) == {other_language: other_url}, url
        assert alternates(html) == expected, url


@pytest.mark.django_db
def test_demo_has_english_home_complaint_page_and_directory_live(client, demo):
    _, english = demo
    for model, url in [
        (HomePage, "/en/"),
        (ComplaintPage, "/en/report/"),
        (ServiceDirectoryPage, "/en/services/"),
    ]:
        page = model.objects.get(locale=english)
        assert page.live and not page.alias_of_id, f"{model.__name__} is no English page"
        assert page.get_url() == url
        response = client.get(url)
        assert response.status_code == 200
        assert '<html lang="en">' in response.content.decode()


@pytest.mark.django_db
def test_demo_translates_every_service_unit_into_english(demo):
    indonesian, english = demo
    units = ServiceUnitPage.objects.filter(locale=indonesian).live()
    assert units.count() >= 2
    for unit in units:
        translation = unit.get_translation(english)
        assert translation.live
        # English services, not the Indonesian ones under an English page.
        assert set(translation.services.values_list("locale", flat=True)) <= {english.pk}


@pytest.mark.django_db
def test_demo_has_two_live_english_campaigns(client, demo):
    _, english = demo
    campaigns = CampaignPage.objects.live().filter(locale=english, alias_of__isnull=True)
    assert campaigns.count() >= 2
    index = CampaignIndexPage.objects.get(locale=english)
    html = client.get(index.get_url()).content.decode()
    for campaign in campaigns:
        assert campaign.title in html


@pytest.mark.django_db
@pytest.mark.parametrize("model", [Hotline, Service], ids=lambda model: model.__name__)
def test_demo_translates_every_hotline_and_service_into_live_english(demo, model):
    indonesian, english = demo
    sources = model.objects.filter(locale=indonesian)
    assert sources.exists()
    for source in sources:
        assert source.live
        translation = source.get_translation(english)
        assert translation.live
        assert translation.name


@pytest.mark.django_db
def test_english_readers_see_english_hotlines(client, demo):
    html = client.get("/en/").content.decode()
    assert "Emergency 112" in html
    assert "Darurat 112" not in html


@pytest.mark.django_db
def test_running_the_demo_again_keeps_one_live_copy_of_each_snippet_and_page(demo):
    def snapshot():
        return {
            model.__name__: sorted(
                model.objects.values_list("locale__language_code", "live").order_by()
            )
            for model in [Hotline, Service, *PUBLIC_PAGE_TYPES]
        }

    before = snapshot()
    call_command("load_demo", verbosity=0)
    assert snapshot() == before
    assert not Hotline.objects.filter(live=False).exists()
    assert not Service.objects.filter(live=False).exists()
