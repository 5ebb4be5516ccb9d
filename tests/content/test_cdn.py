"""The CDN in front (content/cdn.py): what it may keep, and the purge on publish."""

import datetime

import pytest
from django.utils.cache import get_max_age
from wagtail.models import Locale

from content.directory.hours import local_now
from tests.content.directory.conftest import make_unit
from tests.purge_api import PurgeAPI, Received
from tests.utils import cache_directives

pytestmark = pytest.mark.django_db


def may_be_shared(response) -> bool:
    cache_control = cache_directives(response)
    return "public" in cache_control or "s-maxage" in cache_control


@pytest.fixture
def cdn(settings):
    settings.CDN_CACHE_SECONDS = 600
    settings.CDN_STALE_IF_ERROR_SECONDS = 86400
    return settings


@pytest.mark.parametrize("page_cache_seconds", [0, 300])
def test_a_public_page_tells_the_cdn_to_keep_it_and_browsers_to_revalidate(
    client, public_tree, cdn, page_cache_seconds
):
    cdn.PAGE_CACHE_SECONDS = page_cache_seconds
    client.get("/id/")  # the first view creates the site settings row
    for _ in range(2):  # uncached, then (with the page cache on) from the page cache
        response = client.get(public_tree.campaign.url)
        assert response.status_code == 200
        assert cache_directives(response) == {
            "public": True,
            "max-age": "0",
            "s-maxage": "600",
            "stale-if-error": "86400",
        }


def test_a_cdn_cache_time_of_zero_keeps_pages_out_of_shared_caches(client, public_tree, cdn):
    cdn.CDN_CACHE_SECONDS = 0
    response = client.get(public_tree.campaign.url)
    assert not may_be_shared(response)
    assert cache_directives(response)["no-store"] is True


def test_the_cdn_keeps_a_unit_page_no_longer_than_until_it_closes(client, directory, cdn):
    # Opened an hour ago, closes within two minutes (past midnight if need be).
    now = local_now()
    opened, closes = now - datetime.timedelta(hours=1), now + datetime.timedelta(minutes=2)
    hours = [(opened.weekday(), opened.strftime("%H:%M"), closes.strftime("%H:%M"))]
    unit = make_unit(directory, "PPT Kelurahan", hours=hours)
    for page_cache_seconds in (0, 300):  # rendered, then served from the page cache
        cdn.PAGE_CACHE_SECONDS = page_cache_seconds
        for _ in range(2):
            response = client.get(unit.url)
            assert 0 < int(cache_directives(response)["s-maxage"]) <= 120


def test_a_search_with_its_words_is_kept_by_no_cache(client, public_tree, cdn):
    from search.models import SearchPage

    search = SearchPage(title="Cari", slug="cari")
    public_tree.home.add_child(instance=search)
    search.save_revision().publish()
    assert may_be_shared(client.get("/id/cari/"))
    response = client.get("/id/cari/", {"q": "bagaimana meninggalkan suami"})
    assert response.status_code == 200
    assert not may_be_shared(response)
    assert cache_directives(response)["no-store"] is True


def test_nearest_to_me_is_kept_by_no_cache(client, directory, cdn):
    response = client.get("/id/layanan/", {"near": "-7.2575,112.7521"})
    assert response.status_code == 200
    assert not may_be_shared(response)
    assert cache_directives(response)["no-store"] is True


def test_a_page_seen_with_a_cookie_is_kept_by_no_cache(client, public_tree, cdn):
    client.cookies["sessionid"] = "staff"
    response = client.get(public_tree.campaign.url)
    assert not may_be_shared(response)
    assert cache_directives(response)["no-store"] is True


def test_staff_pages_are_never_shared(admin_client, public_tree, cdn):
    for url in ("/admin/", f"/admin/pages/{public_tree.campaign.pk}/edit/"):
        response = admin_client.get(url, follow=True)
        assert not may_be_shared(response), url
        assert get_max_age(response) in (None, 0), url


@pytest.fixture
def purge_api(settings):
    api = PurgeAPI()
    settings.WAGTAILFRONTENDCACHE = {
        "http": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": api.url,
        }
    }
    yield api
    api.stop()


def translate(page, english, slug):
    translation = page.copy_for_translation(english, copy_parents=True)
    translation.slug = slug
    translation.save_revision().publish()
    return translation


def test_publishing_purges_the_page_and_its_listings_in_both_languages(public_tree, purge_api):
    english = Locale.objects.get(language_code="en")
    translate(public_tree.home, english, "english-home")
    translate(public_tree.campaigns, english, "campaigns")
    translate(public_tree.campaign, english, "speak-up")
    purge_api.received.clear()

    public_tree.campaign.title = "Berani Bicara, Berani Melapor"
    public_tree.campaign.save_revision().publish()

    assert set(purge_api.received) == {
        Received("PURGE", "localhost", path)
        for path in (
            "/id/kampanye/berani-bicara/",
            "/en/campaigns/speak-up/",
            "/id/kampanye/",
            "/en/campaigns/",
            "/id/",
            "/en/",
        )
    }


def test_unpublishing_purges_the_page_too(public_tree, purge_api):
    public_tree.campaign.unpublish()
    assert Received("PURGE", "localhost", "/id/kampanye/berani-bicara/") in purge_api.received
