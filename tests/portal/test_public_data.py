"""The read API (/api/v2/), the directory's open data and the statistics downloads:
read-only, rate-limited per client, and never a draft, a restricted page or a report."""

from __future__ import annotations

import json
from datetime import date

import pytest
from django.core.cache import cache
from wagtail.models import PageViewRestriction

from content.models import StatisticsPage
from forms.models import ComplaintPage
from tests.forms.conftest import make_regions, make_report

pytestmark = pytest.mark.django_db

SECRET_STORY = "Cerita rahasia pelapor di Gambir"


@pytest.fixture(autouse=True)
def fresh_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def site(home_page):
    make_regions()
    from content.models import Region

    report = make_report(Region.objects.get(code="31.71.01.1001"), narrative=SECRET_STORY)

    def statistics(slug, title, live=True):
        page = StatisticsPage(
            title=title,
            slug=slug,
            area_id="31.71",
            first_month=date(2026, 1, 1),
            body=[("figures", {"table": "month", "chart": False, "context": ""})],
        )
        home_page.add_child(instance=page)
        if live:
            page.save_revision().publish()
        else:
            page.live = False
            page.save_revision()
            page.save()
        return page

    published = statistics("angka", "Angka resmi")
    draft = statistics("draf", "Draf yang belum terbit", live=False)
    restricted = statistics("internal", "Halaman terbatas")
    PageViewRestriction.objects.create(
        page=restricted, restriction_type=PageViewRestriction.PASSWORD, password="rahasia"
    )
    # A published page with an unpublished change waiting for moderation.
    published.title = "Judul draf rahasia"
    published.save_revision()
    complaint = ComplaintPage(title="Lapor", slug="lapor", intro="<p>Laporkan.</p>")
    home_page.add_child(instance=complaint)
    return {"published": published, "draft": draft, "restricted": restricted, "report": report}


def every_api_response(client, site):
    listing = client.get("/api/v2/pages/?limit=20")
    assert listing.status_code == 200
    bodies = [listing.content.decode()]
    for item in listing.json()["items"]:
        bodies.append(client.get(f"/api/v2/pages/{item['id']}/").content.decode())
    for path in (
        "/open-data/services.json",
        "/open-data/services.csv",
        "/api/v2/images/",
        "/api/v2/documents/",
    ):
        bodies.append(client.get(path).content.decode())
    return listing.json(), "\n".join(bodies)


def test_the_api_lists_no_draft_and_no_restricted_page(client, site):
    listing, _text = every_api_response(client, site)
    titles = {item["title"] for item in listing["items"]}
    assert "Angka resmi" in titles
    assert not titles & {"Draf yang belum terbit", "Halaman terbatas", "Judul draf rahasia"}
    for page in (site["draft"], site["restricted"]):
        assert client.get(f"/api/v2/pages/{page.pk}/", follow=True).status_code == 404


def test_nothing_of_a_report_reaches_the_api_or_the_open_data(client, site):
    _listing, text = every_api_response(client, site)
    report = site["report"]
    assert SECRET_STORY not in text
    assert report.receipt_digest not in text
    assert client.get("/api/v2/pages/?type=complaints.Report").status_code == 400


def test_the_statistics_downloads_hold_counts_only(client, site):
    page = site["published"]
    data = json.loads(client.get(page.url + page.reverse_subpage("data_json")).content)
    assert SECRET_STORY not in json.dumps(data)
    assert {"title", "tables", "threshold", "legend"} <= set(data)
    assert client.get(site["draft"].url or "/id/draf/").status_code == 404


@pytest.mark.parametrize(
    "path", ["/api/v2/pages/", "/open-data/services.json", "/open-data/services.csv"]
)
def test_the_public_data_is_read_only(client, site, path):
    for method in (client.post, client.put, client.delete):
        assert method(path, {}).status_code in (403, 405)


@pytest.mark.parametrize("path", ["/api/v2/pages/", "/open-data/services.json", "STATISTICS"])
def test_each_client_is_rate_limited(client, site, settings, path):
    settings.OPEN_DATA_RATE_PER_CLIENT = "3/m"
    if path == "STATISTICS":
        path = site["published"].url + site["published"].reverse_subpage("data_csv")
    answers = [client.get(path, REMOTE_ADDR="203.0.113.9").status_code for _ in range(4)]
    assert answers == [200, 200, 200, 429]
    # Another client is not held back by the first one's requests.
    assert client.get(path, REMOTE_ADDR="203.0.113.10").status_code == 200
