"""The directory and unit pages in the page cache: filters cached, a location, typed
text and "open now" never; no "open now" badge outlives the unit's opening hours."""

import datetime

import pytest
from django.core.cache import cache
from django.http import HttpResponse
from django.utils import timezone

from content.directory.hours import local_now, next_change
from content.models import ServiceUnitPage
from content.page_cache import HEADER, PageCacheMiddleware, expire_by, lifetime
from tests.content.directory.conftest import make_unit

pytestmark = pytest.mark.django_db


@pytest.fixture
def page_cache(settings, directory, client):
    settings.PAGE_CACHE_SECONDS = 0
    client.get(directory.url)  # creates the site settings row, which empties the cache
    settings.PAGE_CACHE_SECONDS = 300
    cache.clear()
    yield
    cache.clear()


def test_a_filtered_directory_is_served_from_the_cache(client, directory, page_cache):
    make_unit(directory, "UPTD PPA Surabaya", open_24_hours=True)
    url = directory.url + "?province=35&regency=35.78"
    assert client.get(url)[HEADER] == "miss"
    second = client.get(url)
    assert second[HEADER] == "hit"
    assert "UPTD PPA Surabaya" in second.content.decode()


@pytest.mark.parametrize(
    "query", ["near=-7.2575,112.7521", "open_now=on", "province=35&near=-7.25,112.75"]
)
def test_a_location_or_open_now_never_enters_the_cache(client, directory, page_cache, query):
    make_unit(directory, "UPTD PPA Surabaya", open_24_hours=True)
    client.get(f"{directory.url}?{query}")
    assert HEADER not in client.get(f"{directory.url}?{query}")
    assert not any(b"112.75" in repr(value).encode() for value in cache._cache.values())


def test_a_unit_page_is_cached_no_longer_than_until_it_closes(client, directory, page_cache):
    # Opened an hour ago, closes within two minutes (past midnight if need be).
    now = local_now()
    opened, closes = now - datetime.timedelta(hours=1), now + datetime.timedelta(minutes=2)
    unit = make_unit(
        directory,
        "PPT Kelurahan",
        hours=[(opened.weekday(), opened.strftime("%H:%M"), closes.strftime("%H:%M"))],
    )
    response = client.get(unit.url)
    assert response[HEADER] == "miss"
    assert "Buka sekarang" in response.content.decode()  # the badge this must not outlive
    loaded = ServiceUnitPage.objects.prefetch_related("opening_hours").get(pk=unit.pk)
    until = (next_change([loaded]) - timezone.now()).total_seconds()
    assert until <= 120
    assert 0 < lifetime(response.wsgi_request) <= until
    assert client.get(unit.url)[HEADER] == "hit"


def test_a_unit_open_around_the_clock_is_cached_for_the_usual_time(client, directory, page_cache):
    unit = make_unit(directory, "SAPA 129 post", open_24_hours=True)
    response = client.get(unit.url)
    assert lifetime(response.wsgi_request) == 300
    assert client.get(unit.url)[HEADER] == "hit"


def test_a_response_whose_content_already_changed_is_not_stored(rf, directory, page_cache):
    def view(request):
        request._page_cache_page = directory
        expire_by(request, timezone.now() - datetime.timedelta(seconds=1))
        return HttpResponse("open now")

    middleware = PageCacheMiddleware(view)
    middleware(rf.get(directory.url))
    assert HEADER not in middleware(rf.get(directory.url))


def test_the_kind_of_unit_filter_is_cached_separately(client, directory, page_cache):
    make_unit(directory, "UPTD PPA Surabaya", kind="uptd-ppa", open_24_hours=True)
    make_unit(directory, "LBH Surabaya", kind="legal-aid", open_24_hours=True)
    client.get(directory.url + "?kind=uptd-ppa")
    first = client.get(directory.url + "?kind=uptd-ppa")
    assert first[HEADER] == "hit"
    other = client.get(directory.url + "?kind=legal-aid")
    assert other[HEADER] == "miss"
    assert "LBH Surabaya" in other.content.decode()
    assert "UPTD PPA Surabaya" not in other.content.decode()
