"""The page cache for anonymous readers (content/page_cache.py)."""

import pytest
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import get_token

from content.page_cache import HEADER, storable
from tests.content.pages import publish_new_campaign

pytestmark = pytest.mark.django_db


@pytest.fixture
def page_cache(settings, public_tree, client):
    settings.PAGE_CACHE_SECONDS = 0
    # The first view of a site creates its settings row, which (as any change to the
    # site settings) empties the cache: get that out of the way.
    client.get("/id/")
    settings.PAGE_CACHE_SECONDS = 300
    cache.clear()
    yield
    cache.clear()


def test_second_anonymous_view_is_served_from_the_cache_without_queries(
    client, public_tree, page_cache, django_assert_num_queries
):
    first = client.get("/id/")
    assert first[HEADER] == "miss"
    with django_assert_num_queries(0):
        second = client.get("/id/")
    assert second[HEADER] == "hit"
    assert second.content == first.content
    assert second["Content-Language"] == "id"
    assert second.cookies == {}


def test_publishing_a_campaign_refreshes_the_home_page(client, public_tree, page_cache):
    client.get("/id/")
    new = publish_new_campaign(public_tree)
    response = client.get("/id/")
    assert response[HEADER] == "miss"
    assert new.title in response.content.decode()


def test_unpublishing_a_page_removes_it_from_the_cache(client, public_tree, page_cache):
    url = public_tree.campaign.url
    assert client.get(url).status_code == 200
    assert client.get(url)[HEADER] == "hit"
    public_tree.campaign.unpublish()
    assert client.get(url).status_code == 404
    assert public_tree.campaign.title not in client.get("/id/").content.decode()


def test_a_reader_with_a_session_is_never_served_from_the_cache(
    client, admin_client, public_tree, page_cache
):
    client.get("/id/")
    response = admin_client.get("/id/")
    assert HEADER not in response


def test_search_terms_and_unknown_parameters_never_enter_the_cache(client, public_tree, page_cache):
    client.get("/id/?q=suami+memukul")
    response = client.get("/id/?q=suami+memukul")
    assert HEADER not in response
    assert not any(b"suami" in repr(value).encode() for value in cache._cache.values()), (
        "a search term was stored"
    )


def test_parameters_a_page_declares_are_cached_separately(client, public_tree, page_cache):
    url = public_tree.news.url
    client.get(url + "?tag=ppt")
    assert client.get(url + "?tag=ppt")[HEADER] == "hit"
    other = client.get(url + "?tag=lain")
    assert other[HEADER] == "miss"
    assert public_tree.article.title not in other.content.decode()


def test_responses_with_a_csrf_token_or_no_store_are_not_stored(rf, public_tree):
    request = rf.get("/id/")
    request._page_cache_page = public_tree.home
    assert storable(request, HttpResponse("ok"))

    with_form = rf.get("/id/")
    with_form._page_cache_page = public_tree.home
    get_token(with_form)
    assert not storable(with_form, HttpResponse("<form>"))

    for directive in ("no-store", "private", "no-cache, must-revalidate"):
        response = HttpResponse("ok")
        response["Cache-Control"] = directive
        assert not storable(request, response)

    not_a_page = rf.get("/healthz")
    assert not storable(not_a_page, HttpResponse("ok"))


def test_a_page_class_can_opt_out(rf, public_tree, monkeypatch):
    request = rf.get("/id/")
    request._page_cache_page = public_tree.home
    monkeypatch.setattr(type(public_tree.home), "cache_page", False, raising=False)
    assert not storable(request, HttpResponse("ok"))
