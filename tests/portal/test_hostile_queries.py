"""Hostile query strings against every public listing: a clear answer, never a server
error. PostgreSQL refuses NUL bytes in text, so these matter most in the PostgreSQL lane;
the test client re-raises whatever exception a view hits."""

import pytest
from django.core.management import call_command

from content.models import (
    ArticleIndexPage,
    CampaignIndexPage,
    EventIndexPage,
    HomePage,
    ServiceDirectoryPage,
)
from forms.models import ComplaintPage
from search.models import SearchPage

HOSTILE = ["%00", "35%00", "35.%00", "%ED%A0%80", "%27%20OR%201%3D1%20--", "x" * 3000]

# Each listing page type with the query parameters it reads.
PARAMETERS = {
    HomePage: ["region"],
    ServiceDirectoryPage: [
        *("province", "regency", "district", "service", "open_now", "near", "page"),
    ],
    SearchPage: ["q", "content_type", "region", "service", "unit_kind", "page"],
    CampaignIndexPage: ["page", "audience"],
    ArticleIndexPage: ["tag", "page"],
    EventIndexPage: ["past", "page"],
}
OPEN_DATA = {
    "/open-data/services.json": ["parent", "lang", "region", "service"],
    "/open-data/services.csv": ["parent", "lang", "region", "service"],
    "/open-data/regions.json": ["parent"],
}


def hostile_urls():
    targets = dict(OPEN_DATA)
    for page_type, names in PARAMETERS.items():
        for page in page_type.objects.live():
            targets[page.url] = names
    for page in ComplaintPage.objects.live():
        targets[page.url + "status/"] = ["receipt"]
    yield "/id/%00/"
    yield "/id/layanan/%00/"
    yield "/admin/pages/search/?q=%00"
    for url, names in targets.items():
        for name in names:
            for value in HOSTILE:
                yield f"{url}?q=kekerasan&{name}={value}" if name != "q" else f"{url}?q={value}"


@pytest.mark.django_db
def test_hostile_query_strings_get_a_clear_answer_never_a_server_error(client):
    call_command("load_demo", verbosity=0)
    urls = list(hostile_urls())
    assert len(urls) > 200  # every listing the demo publishes, in both languages
    failures = []
    for url in urls:
        try:
            status = client.get(url).status_code
        except Exception as error:
            failures.append(f"{url[:90]}: {type(error).__name__}: {str(error)[:80]}")
            continue
        if status >= 500:
            failures.append(f"{url[:90]}: {status}")
    assert not failures, "\n".join(failures)


@pytest.mark.django_db
def test_a_nul_byte_in_the_address_gets_a_plain_explanation(client, home_page):
    for url, words in [
        ("/id/layanan/?province=35%00", "tidak diizinkan"),
        ("/en/services/?province=35%00", "not allowed"),
        ("/id/layanan/?province=35%00", "tidak diizinkan"),
    ]:
        response = client.get(url)
        assert response.status_code == 400
        assert words in response.content.decode()
        assert response["Cache-Control"] == "no-store"
