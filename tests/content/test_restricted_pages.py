"""A page behind a view restriction (password, login, groups) is never listed: its
title and summary stay off the home page, the indexes, the news feed and the events."""

import pytest
from wagtail.models import PageViewRestriction

pytestmark = pytest.mark.django_db


def restrict(page):
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="rahasia"
    )


def listings(client, tree) -> str:
    urls = ["/id/", tree.campaigns.url, tree.news.url, tree.news.url + "rss/", tree.events.url]
    return "".join(client.get(url).content.decode() for url in urls)


def test_restricted_pages_are_left_out_of_every_list(client, public_tree):
    shown = listings(client, public_tree)
    for page in (public_tree.campaign, public_tree.article, public_tree.event):
        assert page.title in shown
        restrict(page)
    hidden = listings(client, public_tree)
    for page in (public_tree.campaign, public_tree.article, public_tree.event):
        assert page.title not in hidden


def test_pages_below_a_restricted_section_are_left_out_too(client, public_tree):
    restrict(public_tree.news)
    html = client.get("/id/").content.decode()
    assert public_tree.article.title not in html
    assert public_tree.campaign.title in html  # other sections are untouched
