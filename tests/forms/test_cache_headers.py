"""The complaint and follow-up pages are kept by no shared cache (see content/cdn.py)."""

import pytest

from tests.utils import cache_directives

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["", "status/"])
def test_the_complaint_and_follow_up_pages_tell_every_cache_to_keep_nothing(
    client, complaint_page, settings, path
):
    settings.CDN_CACHE_SECONDS = 600
    response = client.get(complaint_page.url + path)
    assert response.status_code == 200
    cache_control = cache_directives(response)
    assert cache_control["no-store"] is True
    assert "public" not in cache_control
    assert "s-maxage" not in cache_control
