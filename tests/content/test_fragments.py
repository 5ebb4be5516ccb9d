"""Parts of public pages kept between uncached renders (content/templatetags/fragments.py)."""

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale

from content.models import CampaignPage, Hotline
from tests.content.pages import publish, publish_new_campaign
from tests.forms.conftest import complaint_page, regions  # noqa: F401 - fixtures

pytestmark = pytest.mark.django_db

# A parameter no page declares: the page cache neither serves nor stores the page.
UNCACHED = "?bench-uncached=1"


@pytest.fixture
def fragments(settings, public_tree, client):
    settings.PAGE_CACHE_SECONDS = settings.FRAGMENT_CACHE_SECONDS = 300
    client.get("/id/")  # the site settings row is created (and empties every cache)
    cache.clear()
    yield
    cache.clear()


def rendered(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser"), len(queries)


def test_an_uncached_page_rendered_again_is_the_same_page_with_fewer_queries(
    client, settings, fragments
):
    settings.FRAGMENT_CACHE_SECONDS = 0
    rendered(client, "/id/" + UNCACHED)  # whatever a first render of all sets up
    every_part, every_part_queries = rendered(client, "/id/" + UNCACHED)
    settings.FRAGMENT_CACHE_SECONDS = 300
    cold, cold_queries = rendered(client, "/id/" + UNCACHED)
    warm, warm_queries = rendered(client, "/id/" + UNCACHED)
    assert warm == cold == every_part
    assert warm.find("h3", class_="card-title").get_text(strip=True) == "Berani Bicara"
    assert cold_queries == every_part_queries
    assert warm_queries < every_part_queries
    campaign, _ = rendered(client, "/id/kampanye/berani-bicara/" + UNCACHED)
    again, _ = rendered(client, "/id/kampanye/berani-bicara/" + UNCACHED)
    assert again == campaign
    # Each page its own head: the kept Open Graph title is the page's own.
    og_title = {"property": "og:title"}
    assert campaign.find("meta", attrs=og_title)["content"] == "Berani Bicara"
    assert warm.find("meta", attrs=og_title)["content"] != "Berani Bicara"


def test_the_queries_of_a_warm_render_do_not_grow_with_the_content(client, public_tree, fragments):
    rendered(client, "/id/" + UNCACHED)
    _, before = rendered(client, "/id/" + UNCACHED)
    for number in range(3):
        publish(
            public_tree.campaigns,
            CampaignPage(
                title=f"Kampanye {number}",
                slug=f"kampanye-{number}",
                summary="-",
                start_date=public_tree.campaign.start_date,
            ),
        )
    rendered(client, "/id/" + UNCACHED)
    _, after = rendered(client, "/id/" + UNCACHED)
    assert after == before


def test_publishing_a_campaign_empties_the_kept_parts(client, public_tree, fragments):
    rendered(client, "/id/" + UNCACHED)
    new = publish_new_campaign(public_tree)
    page, _ = rendered(client, "/id/" + UNCACHED)
    titles = [h3.get_text(strip=True) for h3 in page.find_all("h3", class_="card-title")]
    assert new.title in titles


def test_a_hotline_changed_shows_in_the_header_of_the_next_uncached_render(client, fragments):
    rendered(client, "/id/" + UNCACHED)
    hotline = Hotline(
        locale=Locale.objects.get(language_code="id"),
        name="Hotline Baru",
        number="0800-1",
        scope=Hotline.Scope.NATIONAL,
    )
    hotline.save()
    hotline.save_revision().publish()
    page, _ = rendered(client, "/id/" + UNCACHED)
    assert "Hotline Baru" in page.find("div", class_="safety-strip").get_text()


def test_the_region_chosen_is_part_of_the_kept_help_near_you(client, public_tree, fragments):
    rendered(client, "/id/?region=" + public_tree.region.code[:5])
    page, _ = rendered(client, "/id/" + UNCACHED)
    chosen = page.select("#help-near-you-region option[selected]")
    assert chosen == []


def test_the_complaint_page_keeps_nothing(client, complaint_page, fragments):  # noqa: F811
    cache.clear()
    assert client.get(complaint_page.url).status_code == 200
    assert not [key for key in cache._cache if ":fragment:" in key]
    client.get("/id/" + UNCACHED)
    assert [key for key in cache._cache if ":fragment:" in key]


def test_a_campaign_edited_and_published_shows_its_new_text_uncached(
    client, public_tree, fragments
):
    url = public_tree.campaign.url + UNCACHED
    rendered(client, url)
    campaign = CampaignPage.objects.get(pk=public_tree.campaign.pk)
    campaign.summary = "Ringkasan yang baru diterbitkan."
    campaign.save_revision().publish()
    page, _ = rendered(client, url)
    assert page.find("p", class_="lead").get_text(strip=True) == campaign.summary


def test_a_reader_with_a_session_keeps_nothing_and_gets_nothing_kept(
    client, public_tree, fragments, django_user_model
):
    # Staff, an editor's preview, a reader let into a restricted page: all with a
    # session; what they see must never be kept for the readers without one.
    editor = django_user_model.objects.create_user("editor", password="x" * 20)
    client.force_login(editor)
    page, _ = rendered(client, "/id/" + UNCACHED)
    assert page.find("h3", class_="card-title").get_text(strip=True) == "Berani Bicara"
    assert not [key for key in cache._cache if ":fragment:" in key]
