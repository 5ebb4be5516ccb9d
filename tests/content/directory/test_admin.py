"""Editors manage the directory in Wagtail's admin."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from tests.utils import sign_in_verified

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client, db):
    user = get_user_model().objects.create_superuser("admin", "admin@example.org", "x")
    sign_in_verified(client, user)
    return client


def test_new_unit_form_offers_the_services_of_its_language_once(editor_client, directory):
    url = reverse("wagtailadmin_pages:add", args=["content", "serviceunitpage", directory.pk])
    response = editor_client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Pendampingan hukum" in html
    assert "Legal accompaniment" not in html
    # ~91,000 regions cannot be one <select>: the region is picked with a chooser.
    assert "Kebraon" not in html
    assert reverse("wagtailsnippetchoosers_content_region:choose") in html


def test_region_chooser_finds_a_region_by_name(editor_client, regions):
    url = reverse("wagtailsnippetchoosers_content_region:choose_results")
    response = editor_client.get(url, {"q": "Kebraon"})
    assert response.status_code == 200
    assert "35.78.01.1002" in response.content.decode()


def test_services_snippet_is_listed_in_the_admin(editor_client, services):
    response = editor_client.get(reverse("wagtailsnippets_content_service:list"))
    assert response.status_code == 200
    assert "medical" in response.content.decode()
