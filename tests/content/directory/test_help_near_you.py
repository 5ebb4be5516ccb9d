"""The "help near you" block the home page renders."""

import pytest
from django.db import connection
from django.template import Context, Template
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from tests.content.directory.conftest import bulk_units, make_unit

pytestmark = pytest.mark.django_db
TEMPLATE = Template("{% load directory_tags %}{% help_near_you %}")
FIXED = Template('{% load directory_tags %}{% help_near_you "34.04" %}')


def render(template=TEMPLATE, **params) -> str:
    request = RequestFactory().get("/id/", params)
    with translation.override("id"):
        return template.render(Context({"request": request}))


@pytest.fixture
def units(directory):
    make_unit(directory, "UPTD PPA Kota Surabaya", region="35.78.05", phone="031 5312144")
    make_unit(directory, "Unit PPA Polres Sleman", region="34.04.07")


def test_the_reader_chooses_a_regency_and_sees_its_units(units):
    html = render(region="34.04")
    assert "Unit PPA Polres Sleman" in html
    assert "UPTD PPA Kota Surabaya" not in html
    assert '<option value="34.04" selected>Kabupaten Sleman</option>' in html
    assert "?province=34&amp;regency=34.04" in html


def test_the_chooser_offers_only_regencies_with_units(units):
    html = render()
    assert '<option value="35.78">Kota Surabaya</option>' in html
    assert "Kabupaten Sidoarjo" not in html
    assert 'href="tel:0315312144"' in html


def test_a_fixed_region_can_be_given_by_the_template(units):
    assert "UPTD PPA Kota Surabaya" not in render(FIXED)


def test_an_unknown_region_parameter_shows_all_units(units):
    html = render(region="99.99")
    assert "Unit PPA Polres Sleman" in html and "UPTD PPA Kota Surabaya" in html


def test_nothing_is_rendered_without_a_directory(db, locales):
    assert render().strip() == ""


def test_queries_do_not_grow_with_units(directory, services):
    bulk_units(directory, 10)
    render(region="35.78")
    with CaptureQueriesContext(connection) as few:
        render(region="35.78")
    bulk_units(directory, 500, start=10)
    with CaptureQueriesContext(connection) as many:
        html = render(region="35.78")
    assert html.count("<li>") == 5
    assert len(many) == len(few) <= 6
