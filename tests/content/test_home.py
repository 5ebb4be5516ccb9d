"""The home page: report button, current campaigns, latest news, upcoming events."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Locale, Page

from content.models import ArticlePage, CampaignPage, EventPage
from tests.content.directory.conftest import bulk_units
from tests.content.pages import bulk_children, make_image, on, publish

pytestmark = pytest.mark.django_db

MAX_HOME_QUERIES = 15


@pytest.fixture
def report_page(public_tree):
    # A plain page stands in for the complaint page, which another part of the portal builds.
    page = publish(public_tree.home, Page(title="Lapor", slug="lapor"))
    public_tree.home.report_page = page
    public_tree.home.report_text = "Melihat atau mengalami kekerasan?"
    public_tree.home.save_revision().publish()
    return page


def test_home_page_shows_report_button_campaigns_news_and_events(client, public_tree, report_page):
    response = client.get("/id/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Melihat atau mengalami kekerasan?" in html
    assert 'class="button button-report" href="/id/lapor/"' in html
    # The verb ("report it"), not the noun "Laporan" that the triage screens use.
    button = re.search(r'class="button button-report"[^>]*>(.*?)</a>', html, re.S).group(1)
    assert re.sub(r"<[^>]+>", "", button).strip() == "Laporkan"
    assert f'href="{public_tree.campaign.url}">Berani Bicara</a>' in html
    assert public_tree.article.title in html
    assert public_tree.event.title in html
    assert f'href="{public_tree.campaigns.url}"' in html


def test_home_page_report_button_leads_to_the_complaint_page_in_the_readers_language(
    client, public_tree, report_page
):
    english = Locale.objects.get(language_code="en")
    home_en = public_tree.home.copy_for_translation(english)
    home_en.title = "One Service"
    home_en.slug = "one-service"
    home_en.save_revision().publish()
    report_en = report_page.copy_for_translation(english)
    report_en.slug = "report"
    report_en.save_revision().publish()
    html = client.get("/en/").content.decode()
    assert 'class="button button-report" href="/en/report/"' in html


def test_home_page_without_a_complaint_page_shows_no_broken_button(client, public_tree):
    html = client.get("/id/").content.decode()
    assert "button-report" not in html


def test_home_page_lists_only_current_campaigns_and_upcoming_events(client, public_tree):
    today = timezone.localdate()
    ended = publish(
        public_tree.campaigns,
        CampaignPage(
            title="Kampanye yang sudah selesai",
            slug="selesai",
            summary="-",
            start_date=today - timedelta(days=90),
            end_date=today - timedelta(days=1),
        ),
    )
    past_event = publish(
        public_tree.events,
        EventPage(
            title="Kunjungan mobil layanan kemarin",
            slug="kemarin",
            summary="-",
            kind=EventPage.Kind.MOBILE_UNIT,
            start=on(today - timedelta(days=1)),
            place="Balai RW 3",
        ),
    )
    html = client.get("/id/").content.decode()
    assert ended.title not in html
    assert past_event.title not in html


def test_home_page_shows_the_agency_from_site_settings(client, public_tree):
    from wagtail.models import Site

    from content.models import SiteSettings

    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.agency_name = "DP3AKB Kota Surabaya"
    settings.address = "Jl. Jimerto No. 25-27\nSurabaya"
    settings.privacy_page = public_tree.news
    settings.save()
    html = client.get("/id/").content.decode()
    assert "DP3AKB Kota Surabaya" in html
    assert "Jl. Jimerto No. 25-27<br>Surabaya" in html
    assert f'<a href="{public_tree.news.url}">Privasi</a>' in html or (
        f'<a href="{public_tree.news.url}">Privacy</a>' in html
    )


def count_home_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/id/")
    assert response.status_code == 200
    return len(queries)


def grow(tree, image, count: int) -> None:
    """Add ``count`` current campaigns, news articles and upcoming events."""
    today = timezone.localdate()
    bulk_children(
        tree.campaigns,
        CampaignPage,
        count,
        lambda i: {
            "summary": "Ringkasan",
            "start_date": today - timedelta(days=i % 30),
            "listing_image_id": image.pk,
            "audiences": ["parents"],
            "body": [],
        },
    )
    bulk_children(
        tree.news,
        ArticlePage,
        count,
        lambda i: {
            "summary": "Ringkasan",
            "date": today - timedelta(days=i % 365),
            "listing_image_id": image.pk,
            "body": [],
        },
    )
    bulk_children(
        tree.events,
        EventPage,
        count,
        lambda i: {
            "summary": "-",
            "kind": "outreach",
            "start": on(today + timedelta(days=1 + i % 60)),
            "place": "Balai RW",
            "body": [],
        },
    )


def test_home_and_index_pages_issue_as_many_queries_with_2000_items_as_with_10(
    client, public_tree, directory
):
    # As in the demo: the home page in both languages (the language switcher links it).
    english = Locale.objects.get(language_code="en")
    home_en = public_tree.home.copy_for_translation(english)
    home_en.slug = "one-service"
    home_en.save_revision().publish()
    image = make_image("Sampul")
    urls = ["/id/", public_tree.campaigns.url, public_tree.news.url, public_tree.events.url]

    def counts() -> list[int]:
        result = []
        for url in urls:
            client.get(url)  # the first view makes the image renditions
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200
            result.append(len(queries))
        return result

    grow(public_tree, image, 9)
    bulk_units(directory, 10)
    assert CampaignPage.objects.live().count() == 10
    with_ten = counts()
    grow(public_tree, image, 1990)
    bulk_units(directory, 1990, start=10)
    assert CampaignPage.objects.live().count() == 2000
    assert ArticlePage.objects.live().count() == 2000
    assert EventPage.objects.live().count() == 2000
    with_two_thousand = counts()
    assert with_two_thousand == with_ten
    assert with_two_thousand[0] <= MAX_HOME_QUERIES, "home page, uncached"
    # "Help near you" is on the home page and lists units from the directory.
    assert "Unit 0" in client.get("/id/").content.decode()


def test_sitemap_lists_every_page_type_in_every_language(client, public_tree):
    english = Locale.objects.get(language_code="en")
    home_en = public_tree.home.copy_for_translation(english)
    home_en.slug = "one-service"
    home_en.save_revision().publish()
    campaigns_en = public_tree.campaigns.copy_for_translation(english)
    campaigns_en.slug = "campaigns"
    campaigns_en.save_revision().publish()
    public_tree.article.unpublish()
    xml = client.get("/sitemap.xml").content.decode()
    for page in (
        public_tree.home,
        public_tree.campaigns,
        public_tree.campaign,
        public_tree.news,
        public_tree.events,
        public_tree.event,
    ):
        assert f"<loc>http://localhost{page.url}</loc>" in xml
    assert "<loc>http://localhost/en/</loc>" in xml
    assert "<loc>http://localhost/en/campaigns/</loc>" in xml
    assert public_tree.article.slug not in xml
