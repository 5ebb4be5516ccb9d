"""The triage demo step of load_demo: idempotent, and only where regions exist."""

from io import StringIO

import pytest

from forms.models import Report
from forms.triage import demo
from forms.triage.models import Case
from tests.forms.conftest import make_regions

pytestmark = pytest.mark.django_db


def test_the_demo_adds_its_reports_once_with_their_cases():
    assert "skipped" in (out := StringIO(), demo.load(out), out.getvalue())[2]
    make_regions()
    demo.load(StringIO())
    demo.load(StringIO())
    reports = Report.objects.filter(receipt_digest__startswith="demo-triage-")
    assert reports.count() == len(demo.DEMO_REPORTS)
    assert Case.objects.filter(report__in=reports).count() == len(demo.DEMO_REPORTS)
    assert reports.filter(immediate_danger=True).count() == 1
    assert reports.get(receipt_digest="demo-triage-0000").narrative.startswith("Tetangga")
