"""The statistics page type in the editor's hands: where it goes, what it offers."""

from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.test.utils import WagtailPageTestCase

from content.models import HomePage, StatisticsPage
from content.statistics import table_choices

pytestmark = pytest.mark.django_db


class StatisticsPageTreeRules(WagtailPageTestCase):
    def test_statistics_pages_live_under_home_and_have_no_children(self):
        self.assertCanCreateAt(HomePage, StatisticsPage)
        self.assertAllowedSubpageTypes(StatisticsPage, set())


def test_the_editor_picks_tables_from_the_registered_source():
    keys = {key for key, _label in table_choices()}
    assert {"month", "kind", "age_sex", "place", "relation", "area"} <= keys


def test_the_add_form_offers_the_tables(client, home_page):
    admin = get_user_model().objects.create_superuser("root", "root@example.org", "x" * 16)
    from tests.utils import sign_in_verified

    sign_in_verified(client, admin)
    url = reverse("wagtailadmin_pages:add", args=["content", "statisticspage", home_page.pk])
    response = client.get(url)
    assert response.status_code == 200
    # The admin speaks Indonesian by default: the table names in the block's choices.
    assert "Laporan menurut tahun dan bulan" in response.content.decode()


def test_a_last_month_before_the_first_is_refused(home_page):
    page = StatisticsPage(
        title="Angka", slug="angka", first_month=date(2026, 5, 1), last_month=date(2026, 1, 1)
    )
    with pytest.raises(ValidationError) as refused:
        page.clean()
    assert "last_month" in refused.value.message_dict
