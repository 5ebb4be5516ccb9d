"""The admin dashboard's triage panel: overdue counts, for triage roles only."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from forms.triage.models import Case
from tests.forms.triage.conftest import verified_login

pytestmark = pytest.mark.django_db


def test_the_panel_counts_overdue_reports_the_user_may_see(client, world):
    Case.objects.filter(report__in=[world.held, world.elsewhere]).update(
        due_at=timezone.now() - timedelta(hours=1)
    )
    verified_login(client, world.officer)
    page = client.get(reverse("wagtailadmin_home")).content.decode()
    assert 'data-triage-count="overdue">1<' in page
    assert 'data-triage-count="danger">1<' in page
    assert 'data-triage-count="mine">4<' in page
    client.logout()
    verified_login(client, world.case_manager)
    page = client.get(reverse("wagtailadmin_home")).content.decode()
    assert 'data-triage-count="overdue">2<' in page


@pytest.mark.parametrize("role", ["editor", "moderator"])
def test_content_staff_see_no_triage_panel_or_menu(client, world, role):
    verified_login(client, getattr(world, role))
    page = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "data-triage-count" not in page
    assert reverse("triage_queue:index") not in page


def test_triage_staff_find_the_queue_in_the_menu(client, world):
    verified_login(client, world.officer)
    page = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("triage_queue:index") in page
    assert reverse("triage_audit:index") not in page
