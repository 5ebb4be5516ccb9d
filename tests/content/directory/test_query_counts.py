"""The directory costs the same number of queries with 10 units as with 2,000."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.content.directory.conftest import bulk_units

pytestmark = pytest.mark.django_db

REQUESTS = [
    {},
    {"province": "35", "regency": "35.78", "service": "medical"},
    {"province": "35", "regency": "35.78", "district": "35.78.01", "open_now": "on"},
    {"near": "-7.2575,112.7521", "service": "medical"},
]


def queries_and_units(client, url, params) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(queries), response.content.decode().count('class="unit-card"')


def test_directory_query_count_does_not_grow_with_the_number_of_units(client, directory, services):
    # Round the clock, so that "open now" lists the same units whenever this runs.
    bulk_units(directory, 10, services=[services["medical"]], open_24_hours=True)
    client.get(directory.url)  # the site's root paths and locales are cached once
    small = [queries_and_units(client, directory.url, params) for params in REQUESTS]
    bulk_units(directory, 1990, services=[services["medical"]], start=10, open_24_hours=True)
    large = [queries_and_units(client, directory.url, params) for params in REQUESTS]
    assert [count for count, _ in large] == [count for count, _ in small]
    # And the large directory really lists a full page of the 2,000 units.
    assert [shown for _, shown in small] == [10, 10, 10, 10]
    assert [shown for _, shown in large] == [20, 20, 20, 20]
    unit_url = directory.get_children().live().last().url
    assert client.get(unit_url).status_code == 200
